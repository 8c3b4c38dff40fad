//! Includes every `codegen/tests/golden/*.rs` as a module, so adding a golden case
//! compiles it without touching this crate; and generates a sample of random hostile
//! specs (those `check` accepts) into modules, so that everything `check` accepts is
//! shown to compile warning-free, pass clippy, document cleanly and hold no doctest.
use std::fmt::Write as _;
use std::path::Path;

#[path = "../../codegen/tests/support/random_spec.rs"]
#[allow(dead_code)]
mod random_spec;

/// How many random specs to try; `SPECBIND_RANDOM_SPECS` overrides, and
/// `SPECBIND_RANDOM_SEED` moves the window of seeds (the default window is fixed, so
/// CI is repeatable).
const DEFAULT_SAMPLE: u64 = 256;

fn random_modules(out_dir: &Path, out: &mut String) {
    println!("cargo:rerun-if-env-changed=SPECBIND_RANDOM_SPECS");
    println!("cargo:rerun-if-env-changed=SPECBIND_RANDOM_SEED");
    let n = std::env::var("SPECBIND_RANDOM_SPECS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_SAMPLE);
    let start: u64 = std::env::var("SPECBIND_RANDOM_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut accepted = 0usize;
    for seed in start..start + n {
        let text = random_spec::spec_from_seed(seed);
        let display = format!("spec/random_{seed}.yaml");
        let Ok(service) = specbind::load_service_str(&text, &display) else {
            continue;
        };
        let code = specbind::render_service(&service, &specbind::EmitOptions::default())
            .unwrap_or_else(|e| panic!("seed {seed}: accepted but not generated: {e}\n{text}"));
        let file = out_dir.join(format!("random_{seed}.rs"));
        std::fs::write(&file, code).expect("write a random module");
        writeln!(
            out,
            "/// Random spec, seed {seed}.\npub mod random_{seed} {{ include!({:?}); }}",
            file.display()
        )
        .unwrap();
        accepted += 1;
    }
    writeln!(
        out,
        "/// How many random specs were accepted and compiled here.\npub const RANDOM_COUNT: usize = {accepted};"
    )
    .unwrap();
}

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../codegen/tests/golden");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("golden directory")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    names.sort();
    let mut out = String::new();
    for p in &names {
        let stem = p.file_stem().unwrap().to_string_lossy();
        let abs = p.canonicalize().expect("canonical path");
        writeln!(
            out,
            "/// Golden case `{stem}`.\npub mod {stem} {{ include!({:?}); }}",
            abs.display()
        )
        .unwrap();
        println!("cargo:rerun-if-changed={}", abs.display());
    }
    writeln!(
        out,
        "/// How many golden outputs are compiled here.\npub const COUNT: usize = {};",
        names.len()
    )
    .unwrap();
    let out_dir = std::env::var("OUT_DIR").expect("OUT_DIR");
    random_modules(Path::new(&out_dir), &mut out);
    std::fs::write(Path::new(&out_dir).join("goldens.rs"), out).expect("write goldens.rs");
}
