//! The `specbind` command: generate, check, determinism, and refusing bad specs.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn specbind(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_specbind"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run specbind")
}

/// The small hand-written seed specs; the imported ones in `spec/` are a hundred times
/// larger, and most tests here only need a spec or two to break.
fn seeds() -> PathBuf {
    root().join("codegen/tests/data/seed_specs")
}

/// `spec/` with the seed specs and `out/` generated from them.
fn seed_workspace(dir: &Path) {
    copy_dir(&seeds(), &dir.join("spec"));
    let o = specbind(&["generate", "--out-dir", "out"], dir);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let dest = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_dir(&p, &dest);
        } else {
            fs::copy(&p, &dest).unwrap();
        }
    }
}

/// A snapshot of every file under `dir`: path, bytes and modification time.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>, std::time::SystemTime)> {
    let mut out = Vec::new();
    fn walk(d: &Path, out: &mut Vec<(PathBuf, Vec<u8>, std::time::SystemTime)>) {
        for e in fs::read_dir(d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else {
                let m = fs::metadata(&p).unwrap().modified().unwrap();
                out.push((p.clone(), fs::read(&p).unwrap(), m));
            }
        }
    }
    walk(dir, &mut out);
    out.sort();
    out
}

#[test]
fn checked_in_bindings_match_the_specs() {
    let out = specbind(&["check"], &root());
    assert!(
        out.status.success(),
        "generated/ is stale; run `cargo run -p specbind -- generate`:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn generate_is_deterministic_and_writes_nothing_the_second_time() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&root().join("spec"), &tmp.path().join("spec"));
    let first = specbind(&["generate", "--out-dir", "out"], tmp.path());
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let before = snapshot(&tmp.path().join("out"));
    assert_eq!(before.len(), 3, "lib.rs and one file per service");
    let second = specbind(&["generate", "--out-dir", "out"], tmp.path());
    assert!(second.status.success());
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(
        stderr.contains("0 file(s) written, 3 unchanged"),
        "{stderr}"
    );
    assert_eq!(
        snapshot(&tmp.path().join("out")),
        before,
        "bytes and mtimes unchanged"
    );
    // And the output is what is checked in.
    for (path, bytes, _) in &before {
        let rel = path.strip_prefix(tmp.path().join("out")).unwrap();
        let checked_in = fs::read(root().join("generated/src").join(rel)).unwrap();
        assert!(
            checked_in == *bytes,
            "{} differs from generated/src",
            rel.display()
        );
    }
}

#[test]
fn a_bad_spec_writes_nothing_and_exits_non_zero() {
    let tmp = tempfile::tempdir().unwrap();
    seed_workspace(tmp.path());
    // Break one spec: the good one beside it must not be written either.
    let bad = tmp.path().join("spec/tencent/organization-2021-03-31.yaml");
    let text = fs::read_to_string(&bad).unwrap();
    fs::write(
        &bad,
        text.replace("range: {min: 1, max: 100}", "range: {min: 100, max: 1}"),
    )
    .unwrap();
    // And make the other service's output stale, so a write would be visible.
    let other = tmp.path().join("out/alibaba/cloudsso.rs");
    fs::write(&other, "// stale\n").unwrap();
    let before = snapshot(&tmp.path().join("out"));

    let out = specbind(&["generate", "--out-dir", "out"], tmp.path());
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("spec/tencent/organization-2021-03-31.yaml:")
            && stderr.contains("error at `operations.ListTasks.request.MaxResults.range`: range min 100 is greater than max 1"),
        "{stderr}"
    );
    assert_eq!(
        snapshot(&tmp.path().join("out")),
        before,
        "nothing was written"
    );
}

#[test]
fn check_names_stale_files_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    seed_workspace(tmp.path());
    let spec = tmp.path().join("spec/alibaba/cloudsso-2021-05-15.yaml");
    let text = fs::read_to_string(&spec).unwrap();
    fs::write(
        &spec,
        text.replace("range: {min: 1, max: 20}", "range: {min: 1, max: 50}"),
    )
    .unwrap();
    // An orphaned generated file is stale too.
    fs::write(
        tmp.path().join("out/alibaba/gone.rs"),
        "// @generated by specbind from x\n",
    )
    .unwrap();
    let before = snapshot(&tmp.path().join("out"));

    let out = specbind(&["check", "--out-dir", "out"], tmp.path());
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("stale: out/alibaba/cloudsso.rs"),
        "{stderr}"
    );
    assert!(stderr.contains("stale: out/alibaba/gone.rs"), "{stderr}");
    assert!(!stderr.contains("organization.rs"), "{stderr}");
    assert_eq!(
        snapshot(&tmp.path().join("out")),
        before,
        "check never writes"
    );
}

#[test]
fn generate_a_subset_from_the_command_line() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&seeds(), &tmp.path().join("spec"));
    let out = specbind(
        &[
            "generate",
            "--out-dir",
            "out",
            "--operations",
            "GetTask",
            "--no-client",
        ],
        tmp.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Only CloudSSO defines GetTask, so only it (and lib.rs) is written.
    let files: Vec<_> = snapshot(&tmp.path().join("out"))
        .into_iter()
        .map(|(p, _, _)| {
            p.strip_prefix(tmp.path().join("out"))
                .unwrap()
                .to_path_buf()
        })
        .collect();
    assert_eq!(
        files,
        [
            PathBuf::from("alibaba/cloudsso.rs"),
            PathBuf::from("lib.rs")
        ]
    );
    let code = fs::read_to_string(tmp.path().join("out/alibaba/cloudsso.rs")).unwrap();
    assert!(code.contains("pub struct GetTaskRequest"));
    assert!(!code.contains("ListTasks"));
    assert!(!code.contains("pub struct Client"));
    let lib = fs::read_to_string(tmp.path().join("out/lib.rs")).unwrap();
    assert!(!lib.contains("tencent"));

    let bad = specbind(
        &["generate", "--out-dir", "out2", "--operations", "Nope"],
        tmp.path(),
    );
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown operation(s) Nope"));
    assert!(!tmp.path().join("out2").exists());
}

/// The CLI and the build-script API give the same bytes for a service (the macro's
/// expansion is compared with the build-script output in specbind-macros).
#[test]
fn cli_and_build_script_agree() {
    for (spec, generated, file) in [
        (
            "spec/alibaba/cloudsso-2021-05-15.yaml",
            "alibaba/cloudsso.rs",
            "alibaba_cloudsso.rs",
        ),
        (
            "spec/tencent/organization-2021-03-31.yaml",
            "tencent/organization.rs",
            "tencent_organization.rs",
        ),
    ] {
        let mut b = specbind::Builder::new();
        b.spec(spec).base_dir(root()).cargo_metadata(false);
        let files = b.render().unwrap();
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].file_name, file);
        let cli = fs::read_to_string(root().join("generated/src").join(generated)).unwrap();
        assert!(
            files[0].contents == cli,
            "{spec}: build-script output differs from generated/"
        );
    }
}
