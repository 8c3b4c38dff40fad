//! The generated crate must not pull the generator's dependencies into users' builds.
//!
//! `cargo tree -e normal` also lists the dependencies of proc-macro crates (serde_derive,
//! tokio-macros, futures-macro, displaydoc, ...), and those legitimately use syn, quote and
//! proc-macro2 at compile time. So the check is in two parts:
//! - With proc-macro dependencies left out (`-e normal,no-proc-macro`): none of syn, quote,
//!   proc-macro2, prettyplease, heck appear at all.
//! - The full normal tree (`-e normal`): the generator-only crates (prettyplease, heck, the
//!   `specbind` generator itself and its YAML/CLI crates) appear nowhere, not even through a
//!   proc macro.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

/// The output of `cargo tree -p specbind-apis -e <edges> --prefix none`, checked to list
/// specbind-apis and specbind-runtime so no test passes on an empty tree.
fn tree(edges: &str) -> String {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| env!("CARGO").to_owned());
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let output = Command::new(cargo)
        .args([
            "tree",
            "-p",
            "specbind-apis",
            "-e",
            edges,
            "--prefix",
            "none",
            "--offline",
        ])
        .current_dir(&workspace)
        .output()
        .expect("run cargo tree");
    assert!(
        output.status.success(),
        "cargo tree -e {edges} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8(output.stdout).expect("utf-8 output");
    let names = crate_names_in(&stdout);
    // Guard against passing vacuously on an empty or unexpected tree.
    assert!(
        names.contains("specbind-apis") && names.contains("specbind-runtime"),
        "cargo tree -e {edges} does not list specbind-apis and specbind-runtime:\n{stdout}"
    );
    stdout
}

/// Crate names: the first word of each line.
fn crate_names_in(tree: &str) -> BTreeSet<String> {
    tree.lines()
        .filter_map(|line| line.split_whitespace().next())
        .map(str::to_owned)
        .collect()
}

/// Crate names in `cargo tree -p specbind-apis -e <edges>`.
fn crate_names(edges: &str) -> BTreeSet<String> {
    crate_names_in(&tree(edges))
}

#[track_caller]
fn assert_absent(names: &BTreeSet<String>, forbidden: &[&str], edges: &str) {
    let found: Vec<&str> = forbidden
        .iter()
        .copied()
        .filter(|name| names.contains(*name))
        .collect();
    assert!(
        found.is_empty(),
        "specbind-apis depends on {found:?} (cargo tree -e {edges})"
    );
}

#[test]
fn no_code_generation_crates_outside_proc_macros() {
    let edges = "normal,no-proc-macro";
    let names = crate_names(edges);
    assert_absent(
        &names,
        &["syn", "quote", "proc-macro2", "prettyplease", "heck"],
        edges,
    );
}

#[test]
fn no_generator_only_crates_anywhere_in_the_normal_tree() {
    let edges = "normal";
    let names = crate_names(edges);
    assert_absent(
        &names,
        &[
            "prettyplease",
            "heck",
            "specbind",
            "serde-saphyr",
            "annotate-snippets",
            "clap",
        ],
        edges,
    );
}

/// syn, quote and proc-macro2 reach the normal tree only as serde_derive's own
/// dependencies: serde_derive is the one proc macro a client build compiles.
#[test]
fn serde_derive_is_the_only_proc_macro() {
    let stdout = tree("normal");
    let macros: BTreeSet<&str> = stdout
        .lines()
        .filter(|l| l.contains("(proc-macro)"))
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(macros, BTreeSet::from(["serde_derive"]), "{stdout}");
}
