//! Golden tests: each `tests/golden/<case>.yaml` beside the exact output it generates,
//! `<case>.rs`, compared byte for byte. `EXPECTORATE=overwrite cargo test -p specbind
//! --test golden` rewrites the expected files after an intended change; read the diff.
//! The crate `tests/golden-compile` compiles every `.rs` here with warnings denied.

use std::path::Path;

#[test]
fn every_golden_case_matches() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let specs = specbind::spec_files(&dir).unwrap();
    assert!(specs.len() >= 10, "golden cases went missing: {specs:?}");
    for spec in specs {
        let name = spec.file_name().unwrap().to_string_lossy().into_owned();
        let display = format!("tests/golden/{name}");
        let service = specbind::load_service(&spec, &display)
            .unwrap_or_else(|e| panic!("golden spec {display} is invalid:\n{e}"));
        let out = specbind::render_service(&service, &specbind::EmitOptions::default()).unwrap();
        expectorate::assert_contents(spec.with_extension("rs"), &out);
    }
}

#[test]
fn every_expected_file_has_a_spec() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rs") {
            assert!(
                path.with_extension("yaml").exists(),
                "{} has no spec beside it",
                path.display()
            );
        }
    }
}
