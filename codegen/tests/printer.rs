//! The printer (`specbind::print`) lays out generated code without a syntax tree, so
//! these tests hold it to one: everything it prints for the real specs and every golden
//! case parses as a Rust file, and printing the parsed file again gives the same text
//! (layout is stable, and parsing recovered the same tokens, docs included).

use std::path::Path;

use quote::ToTokens;

/// Everything after the `// @generated` header (two comment lines and a blank line).
fn body(rendered: &str) -> &str {
    let mut rest = rendered;
    for _ in 0..3 {
        rest = &rest[rest.find('\n').unwrap() + 1..];
    }
    rest
}

fn assert_reprints(name: &str, rendered: &str) {
    let file = syn::parse_file(rendered)
        .unwrap_or_else(|e| panic!("{name}: printed code does not parse: {e}"));
    let again = specbind::print::to_string(file.into_token_stream());
    let first = body(rendered);
    if again != first {
        let line = first
            .lines()
            .zip(again.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(first.lines().count().min(again.lines().count()));
        panic!(
            "{name}: printing the parsed file differs from line {}:\n  first: {:?}\n  again: {:?}",
            line + 1,
            first.lines().nth(line),
            again.lines().nth(line)
        );
    }
}

#[test]
fn printed_services_parse_and_reprint_identically() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut specs = specbind::spec_files(&root.join("tests/golden")).unwrap();
    for dir in ["../spec/tencent", "../spec/alibaba"] {
        specs.extend(specbind::spec_files(&root.join(dir)).unwrap());
    }
    assert!(specs.len() >= 12, "specs went missing: {specs:?}");
    for spec in specs {
        let name = spec.display().to_string();
        let service = specbind::load_service(&spec, &name).unwrap();
        for client in [true, false] {
            let opts = specbind::EmitOptions {
                client,
                ..Default::default()
            };
            let out = specbind::render_service(&service, &opts).unwrap();
            assert_reprints(&name, &out);
        }
    }
}

#[test]
fn printed_crate_root_parses_and_reprints_identically() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let lib = std::fs::read_to_string(root.join("../generated/src/lib.rs")).unwrap();
    assert_reprints("generated/src/lib.rs", &lib);
}

/// A large service rendered on its own is shared out among the cores
/// (`render_service`); `generate` renders each service of `spec/` on one worker thread.
/// Both must give the same text: the checked-in module is what `generate` wrote.
#[test]
fn a_service_rendered_across_threads_is_the_generated_module() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    for (spec, module) in [
        (
            "spec/tencent/organization-2021-03-31.yaml",
            "generated/src/tencent/organization.rs",
        ),
        (
            "spec/alibaba/cloudsso-2021-05-15.yaml",
            "generated/src/alibaba/cloudsso.rs",
        ),
    ] {
        let service = specbind::load_service(&root.join(spec), spec).unwrap();
        let rendered =
            specbind::render_service(&service, &specbind::EmitOptions::default()).unwrap();
        let written = std::fs::read_to_string(root.join(module)).unwrap();
        assert!(
            rendered == written,
            "{spec}: the threaded render differs from {module}"
        );
    }
}
