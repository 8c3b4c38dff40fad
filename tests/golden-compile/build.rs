//! Includes every `codegen/tests/golden/*.rs` as a module, so adding a golden case
//! compiles it without touching this crate.
use std::fmt::Write as _;
use std::path::Path;

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
    std::fs::write(Path::new(&out_dir).join("goldens.rs"), out).expect("write goldens.rs");
}
