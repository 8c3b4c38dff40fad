//! The generator and the file system: links in the output directory, all-or-nothing
//! runs, paths that reach generated code, `--spec-dir` spellings, files that are not
//! regular, and non-UTF-8 specs. Unix only: the cases are made of links, FIFOs and
//! devices.
#![cfg(unix)]

use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Runs the CLI in `dir`, failing the test if it takes more than 60 s (a hang).
fn specbind(args: &[&str], dir: &Path) -> Output {
    run(Command::new(env!("CARGO_BIN_EXE_specbind"))
        .args(args)
        .current_dir(dir))
}

fn run(cmd: &mut Command) -> Output {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run specbind");
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("specbind hung: {cmd:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let dest = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_dir(&p, &dest);
        } else if p.extension().is_some_and(|e| e == "yaml") {
            fs::copy(&p, &dest).unwrap();
        }
    }
}

/// The small hand-written seed specs (the imported ones in `spec/` are a hundred times
/// larger, and these tests generate many times).
fn seeds() -> PathBuf {
    root().join("codegen/tests/data/seed_specs")
}

/// A workspace with `spec/` (the seed specs) and `out/` generated from it.
fn workspace() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&seeds(), &tmp.path().join("spec"));
    let o = specbind(&["generate", "--out-dir", "out"], tmp.path());
    assert!(o.status.success(), "{}", stderr(&o));
    tmp
}

type Entry = (PathBuf, String, Vec<u8>);

/// Every entry under `dir` without following links: path, kind (and link target) and
/// bytes.
fn snapshot(dir: &Path) -> Vec<Entry> {
    fn walk(d: &Path, out: &mut Vec<Entry>) {
        for e in fs::read_dir(d).unwrap() {
            let e = e.unwrap();
            let p = e.path();
            let ty = e.file_type().unwrap();
            if ty.is_symlink() {
                let t = fs::read_link(&p).unwrap();
                out.push((p, format!("link {}", t.display()), Vec::new()));
            } else if ty.is_dir() {
                out.push((p.clone(), "dir".into(), Vec::new()));
                walk(&p, out);
            } else {
                out.push((p.clone(), "file".into(), fs::read(&p).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    if dir.exists() {
        walk(dir, &mut out);
    }
    out.sort();
    out
}

fn temp_files(dir: &Path) -> Vec<PathBuf> {
    snapshot(dir)
        .into_iter()
        .map(|(p, _, _)| p)
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy();
            n.starts_with(".specbind-tmp-") || n.ends_with(".tmp")
        })
        .collect()
}

/// Makes a generated file stale, so that a run has something to write.
fn make_stale(path: &Path) {
    let text = fs::read_to_string(path).unwrap();
    fs::write(path, format!("{text}\n// stale\n")).unwrap();
}

// ---------------------------------------------------------------------------
// Links in the output directory
// ---------------------------------------------------------------------------

#[test]
fn a_linked_directory_in_the_output_is_refused_and_its_target_untouched() {
    let ws = workspace();
    let outside = tempfile::tempdir().unwrap();
    // out/alibaba becomes a link to a directory outside, holding a stale generated file.
    let out = ws.path().join("out");
    fs::rename(out.join("alibaba"), outside.path().join("alibaba")).unwrap();
    make_stale(&outside.path().join("alibaba/cloudsso.rs"));
    symlink(outside.path().join("alibaba"), out.join("alibaba")).unwrap();
    make_stale(&out.join("tencent/organization.rs"));
    let (before_out, before_outside) = (snapshot(&out), snapshot(outside.path()));

    let o = specbind(&["generate", "--out-dir", "out"], ws.path());
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("out/alibaba: refusing to write through a symbolic link"),
        "{err}"
    );
    assert_eq!(snapshot(outside.path()), before_outside, "target untouched");
    assert_eq!(snapshot(&out), before_out, "all or nothing");

    // `check` calls the linked file stale rather than reading through the link.
    let o = specbind(&["check", "--out-dir", "out"], ws.path());
    assert!(
        stderr(&o).contains("stale: out/alibaba/cloudsso.rs"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_linked_file_in_the_output_is_refused_and_its_target_untouched() {
    let ws = workspace();
    let outside = tempfile::tempdir().unwrap();
    let out = ws.path().join("out");
    let victim = outside.path().join("victim.rs");
    fs::write(&victim, "fn precious() {}\n").unwrap();
    fs::remove_file(out.join("lib.rs")).unwrap();
    symlink(&victim, out.join("lib.rs")).unwrap();
    let before = snapshot(&out);

    let o = specbind(&["generate", "--out-dir", "out"], ws.path());
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("out/lib.rs: refusing to write through a symbolic link"),
        "{}",
        stderr(&o)
    );
    assert_eq!(fs::read_to_string(&victim).unwrap(), "fn precious() {}\n");
    assert_eq!(snapshot(&out), before);
}

#[test]
fn orphan_detection_does_not_descend_through_links() {
    let ws = workspace();
    let outside = tempfile::tempdir().unwrap();
    // A generated-looking file outside, reachable through a linked directory and a
    // linked file: neither is an orphan of this output.
    let foreign = outside.path().join("old.rs");
    fs::write(&foreign, "// @generated by specbind from elsewhere\n").unwrap();
    let out = ws.path().join("out");
    symlink(outside.path(), out.join("linked")).unwrap();
    symlink(&foreign, out.join("alibaba/old.rs")).unwrap();

    let o = specbind(&["check", "--out-dir", "out"], ws.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let o = specbind(&["generate", "--out-dir", "out"], ws.path());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("0 removed"), "{}", stderr(&o));
    assert!(foreign.exists());
    assert!(out.join("alibaba/old.rs").symlink_metadata().is_ok());
}

// ---------------------------------------------------------------------------
// All or nothing
// ---------------------------------------------------------------------------

#[test]
fn a_failed_run_leaves_the_tree_as_it_was() {
    let ws = workspace();
    let out = ws.path().join("out");
    // One file can be staged (cloudsso.rs is stale), another cannot: a directory sits
    // where organization.rs goes. A removed module must not be removed either.
    make_stale(&out.join("alibaba/cloudsso.rs"));
    fs::remove_file(out.join("tencent/organization.rs")).unwrap();
    fs::create_dir(out.join("tencent/organization.rs")).unwrap();
    fs::write(
        out.join("alibaba/gone.rs"),
        "// @generated by specbind from x\n",
    )
    .unwrap();
    let before = snapshot(&out);

    let o = specbind(&["generate", "--out-dir", "out"], ws.path());
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("out/tencent/organization.rs"),
        "{}",
        stderr(&o)
    );
    assert_eq!(snapshot(&out), before, "nothing written, nothing removed");
    assert!(temp_files(&out).is_empty());

    // Into a fresh directory, a failed run leaves no directory behind.
    let o = specbind(
        &["generate", "--out-dir", "new/out", "--operations", "Nope"],
        ws.path(),
    );
    assert!(!o.status.success());
    assert!(!ws.path().join("new").exists());
}

#[test]
fn a_run_killed_while_writing_leaves_a_consistent_tree_and_its_temp_files_are_swept() {
    let ws = workspace();
    let out = ws.path().join("out");
    make_stale(&out.join("alibaba/cloudsso.rs"));
    make_stale(&out.join("tencent/organization.rs"));
    make_stale(&out.join("lib.rs"));
    let before = snapshot(&out);

    // A 1-block file size limit: the first large write kills the process (SIGXFSZ)
    // part way through a temporary file.
    let o = run(Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -f 1 && exec {} generate --out-dir out",
            env!("CARGO_BIN_EXE_specbind")
        ))
        .current_dir(ws.path()));
    assert!(!o.status.success(), "{}", stderr(&o));
    // Nothing was swapped in: every file as before, plus at most stray temp files.
    let after: Vec<Entry> = snapshot(&out)
        .into_iter()
        .filter(|(p, _, _)| !temp_files(&out).contains(p))
        .collect();
    assert_eq!(after, before);

    // Temp files a killed run left, of this writer and of the one before it, are swept.
    fs::write(out.join("alibaba/.specbind-tmp-1-2-cloudsso.rs"), "x").unwrap();
    fs::write(out.join("tencent/.organization.rs.4242.tmp"), "x").unwrap();
    let o = specbind(&["check", "--out-dir", "out"], ws.path());
    assert!(
        !stderr(&o).contains(".tmp"),
        "temp files are not stale outputs"
    );
    let o = specbind(&["generate", "--out-dir", "out"], ws.path());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(temp_files(&out).is_empty(), "{:?}", temp_files(&out));
    let o = specbind(&["generate", "--out-dir", "out"], ws.path());
    assert!(
        stderr(&o).contains("0 file(s) written, 3 unchanged, 0 removed"),
        "{}",
        stderr(&o)
    );
}

// ---------------------------------------------------------------------------
// Paths that reach generated code
// ---------------------------------------------------------------------------

#[test]
fn a_spec_path_cannot_inject_code() {
    let tmp = tempfile::tempdir().unwrap();
    let evil = "sp\nfn injected() {}\n# `[x]` \u{202E}ec";
    copy_dir(&seeds(), &tmp.path().join(evil));
    let o = specbind(
        &["generate", "--spec-dir", evil, "--out-dir", "out"],
        tmp.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    for (path, kind, bytes) in snapshot(&tmp.path().join("out")) {
        if kind != "file" {
            continue;
        }
        let text = String::from_utf8(bytes).unwrap();
        assert!(
            !text
                .lines()
                .any(|l| l.trim_start().starts_with("fn injected")),
            "{}:\n{text}",
            path.display()
        );
        assert!(!text.contains('\u{202E}'), "{}", path.display());
        let header = text.lines().next().unwrap();
        if path.ends_with("lib.rs") {
            continue;
        }
        assert!(
            header.starts_with("// @generated by specbind from sp\\u{a}fn injected() {}\\u{a}"),
            "{header}"
        );
    }
    // The doc's code span survives a backtick in the path.
    let lib = fs::read_to_string(tmp.path().join("out/lib.rs")).unwrap();
    assert!(
        lib.contains("/// Generated from `` sp\\u{a}fn injected() {}\\u{a}# `[x]` \\u{202e}ec/alibaba/cloudsso-2021-05-15.yaml ``."),
        "{lib}"
    );
}

// ---------------------------------------------------------------------------
// Spellings of --spec-dir
// ---------------------------------------------------------------------------

#[test]
fn output_does_not_depend_on_how_the_spec_dir_is_spelled() {
    let ws = workspace();
    let abs = ws.path().join("spec");
    let abs = abs.to_str().unwrap();
    let reference = snapshot(&ws.path().join("out"));
    let strip = |s: Vec<Entry>, dir: &str| -> Vec<(PathBuf, Vec<u8>)> {
        s.into_iter()
            .map(|(p, _, b)| (p.strip_prefix(ws.path().join(dir)).unwrap().into(), b))
            .collect()
    };
    let reference = strip(reference, "out");
    for (i, spelling) in ["./spec", "spec/", "./spec/../spec", abs]
        .iter()
        .enumerate()
    {
        let o = specbind(
            &["check", "--spec-dir", spelling, "--out-dir", "out"],
            ws.path(),
        );
        assert!(
            o.status.success(),
            "check --spec-dir {spelling}: {}",
            stderr(&o)
        );
        let dir = format!("out{i}");
        let o = specbind(
            &["generate", "--spec-dir", spelling, "--out-dir", &dir],
            ws.path(),
        );
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(
            strip(snapshot(&ws.path().join(&dir)), &dir),
            reference,
            "--spec-dir {spelling}"
        );
    }
    // From inside the spec directory's parent's child, `..`-spelled.
    fs::create_dir(ws.path().join("sub")).unwrap();
    let o = specbind(
        &["check", "--spec-dir", "../spec", "--out-dir", "../out"],
        &ws.path().join("sub"),
    );
    // Outside the current directory, the spec directory is named by its own name.
    assert!(o.status.success(), "{}", stderr(&o));

    // A spec directory elsewhere: no absolute path reaches the output.
    let elsewhere = tempfile::tempdir().unwrap();
    copy_dir(&seeds(), &elsewhere.path().join("specs"));
    let dir = elsewhere.path().join("specs");
    let o = specbind(
        &[
            "generate",
            "--spec-dir",
            dir.to_str().unwrap(),
            "--out-dir",
            "far",
        ],
        ws.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let lib = fs::read_to_string(ws.path().join("far/lib.rs")).unwrap();
    let tmp = std::env::temp_dir();
    assert!(!lib.contains(tmp.to_str().unwrap()), "{lib}");
    assert!(
        lib.contains("Generated from `specs/alibaba/cloudsso-2021-05-15.yaml`."),
        "{lib}"
    );
}

// ---------------------------------------------------------------------------
// Files that are not regular, links among the specs
// ---------------------------------------------------------------------------

#[test]
fn only_regular_files_are_read_and_every_problem_is_reported() {
    let ws = workspace();
    let spec = ws.path().join("spec");
    let status = Command::new("mkfifo")
        .arg(spec.join("fifo.yaml"))
        .status()
        .unwrap();
    assert!(status.success());
    symlink("/dev/zero", spec.join("zero.yaml")).unwrap();
    symlink("nowhere.yaml", spec.join("dangling.yaml")).unwrap();
    let big = fs::File::create(spec.join("big.yaml")).unwrap();
    big.set_len(specbind::MAX_SPEC_BYTES + 1).unwrap();
    // Not UTF-8: the byte 0xFF on line 2, column 6.
    fs::write(spec.join("latin1.yaml"), b"service:\n  a: \xff\n").unwrap();
    let before = snapshot(&ws.path().join("out"));

    let o = specbind(&["generate", "--out-dir", "out"], ws.path());
    assert!(!o.status.success());
    let err = stderr(&o);
    for needle in [
        "spec/fifo.yaml:1:1: error at `<root>`: cannot read the spec: a FIFO: only regular files are read",
        "spec/zero.yaml:1:1: error at `<root>`: cannot read the spec: a character device",
        "spec/dangling.yaml:1:1: error at `<root>`: cannot read the spec:",
        "spec/big.yaml:1:1: error at `<root>`: cannot read the spec: larger than 16 MiB",
        "spec/latin1.yaml:2:6: error at `<root>`: the file is not UTF-8: invalid byte 0xFF",
    ] {
        assert!(err.contains(needle), "missing {needle:?} in:\n{err}");
    }
    assert_eq!(snapshot(&ws.path().join("out")), before);
}

#[test]
fn a_non_utf8_spec_does_not_hide_other_files_errors() {
    let ws = workspace();
    let spec = ws.path().join("spec");
    let mut bytes = b"service:\n  name: \xe9t\xe9\n".to_vec();
    bytes.extend_from_slice(b"\n");
    fs::write(spec.join("a.yaml"), bytes).unwrap();
    let org = spec.join("tencent/organization-2021-03-31.yaml");
    let text = fs::read_to_string(&org).unwrap();
    fs::write(
        &org,
        text.replace("range: {min: 1, max: 100}", "range: {min: 100, max: 1}"),
    )
    .unwrap();
    let o = specbind(&["check", "--out-dir", "out"], ws.path());
    let err = stderr(&o);
    assert!(
        err.contains(
            "spec/a.yaml:2:9: error at `<root>`: the file is not UTF-8: invalid byte 0xE9"
        ),
        "{err}"
    );
    assert!(err.contains("range min 100 is greater than max 1"), "{err}");
}

#[test]
fn linked_specs_are_loaded_once() {
    let ws = workspace();
    let spec = ws.path().join("spec");
    // A loop (spec/loop -> spec), a second name for a directory and for a file.
    symlink(".", spec.join("loop")).unwrap();
    symlink("alibaba", spec.join("alias")).unwrap();
    symlink(
        "tencent/organization-2021-03-31.yaml",
        spec.join("org.yaml"),
    )
    .unwrap();
    let files = specbind::spec_files(&spec).unwrap();
    assert_eq!(
        files,
        [
            spec.join("alias/cloudsso-2021-05-15.yaml"),
            spec.join("org.yaml"),
        ],
        "each file once, under its first name in sorted order"
    );
    // Both loaded once: no "module also generated from" error, and the same output
    // bytes except the recorded spec paths.
    let o = specbind(&["generate", "--out-dir", "out2"], ws.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let lib = fs::read_to_string(ws.path().join("out2/lib.rs")).unwrap();
    assert!(lib.contains("Generated from `spec/org.yaml`."), "{lib}");
}
