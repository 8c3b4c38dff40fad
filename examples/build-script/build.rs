//! Generates `$OUT_DIR/alibaba_cloudsso.rs` from the spec; `src/lib.rs` includes it.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    // `generate` prints `cargo:rerun-if-changed` for the spec, so editing it regenerates.
    if let Err(e) = specbind::Builder::new()
        .spec("spec/cloudsso-tasks.yaml")
        .generate()
    {
        // A bad spec lists every problem as `file:line:column: error at `path`: message`.
        eprintln!("{e}");
        std::process::exit(1);
    }
}
