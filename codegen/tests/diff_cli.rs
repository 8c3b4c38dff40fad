//! `specbind diff` from the outside: exit status, output formats, folders, `--git`.

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

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The compatibility proof's base spec and its cases: one vendor change each.
fn semver(rel: &str) -> PathBuf {
    root().join("tools/semver").join(rel)
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

#[test]
fn exit_status_follows_the_verdict() {
    let base = semver("base.yaml");
    let tmp = tempfile::tempdir().unwrap();
    let cases = [
        ("minor/enum_value_added.yaml", 0),
        ("minor/request_param_added_optional.yaml", 0),
        ("major/request_param_removed.yaml", 1),
        ("behaviour/range_narrowed.yaml", 1),
    ];
    for (case, code) in cases {
        let out = specbind(
            &[
                "diff",
                base.to_str().unwrap(),
                semver(&format!("cases/{case}")).to_str().unwrap(),
            ],
            tmp.path(),
        );
        assert_eq!(
            out.status.code(),
            Some(code),
            "{case}: {}{}",
            stdout(&out),
            stderr(&out)
        );
    }
    let same = specbind(
        &["diff", base.to_str().unwrap(), base.to_str().unwrap()],
        tmp.path(),
    );
    assert_eq!(same.status.code(), Some(0));
    assert!(stdout(&same).starts_with("No changes"), "{}", stdout(&same));
}

#[test]
fn json_has_the_contract_shape() {
    let base = semver("base.yaml");
    let case = semver("cases/major/request_param_removed.yaml");
    let tmp = tempfile::tempdir().unwrap();
    let out = specbind(
        &[
            "diff",
            "--format",
            "json",
            base.to_str().unwrap(),
            case.to_str().unwrap(),
        ],
        tmp.path(),
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v = json(&out);
    assert_eq!(v["breaking"], 1);
    assert_eq!(v["compatible"], 0);
    let changes = v["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1);
    let c = &changes[0];
    let mut keys: Vec<_> = c.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    assert_eq!(
        keys,
        ["breaking", "detail", "kind", "model", "name", "operation"]
    );
    assert_eq!(c["kind"], "request_param_removed");
    assert_eq!(c["operation"], "ListTasks");
    assert_eq!(c["model"], serde_json::Value::Null);
    assert_eq!(c["name"], "PrincipalId");
    assert_eq!(c["breaking"], true);
    assert!(c["detail"].as_str().unwrap().contains("PrincipalId"));

    // A model field: `model` set, `operation` null.
    let out = specbind(
        &[
            "diff",
            "--format=json",
            base.to_str().unwrap(),
            semver("cases/minor/model_field_added.yaml")
                .to_str()
                .unwrap(),
        ],
        tmp.path(),
    );
    assert_eq!(out.status.code(), Some(0));
    let v = json(&out);
    assert_eq!(
        (v["breaking"].as_u64(), v["compatible"].as_u64()),
        (Some(0), Some(1))
    );
    let c = &v["changes"][0];
    assert_eq!(c["kind"], "field_added");
    assert_eq!(c["operation"], serde_json::Value::Null);
    assert_eq!(c["model"], "TaskInfo");
    assert_eq!(c["name"], "FailureReason");
    assert_eq!(c["breaking"], false);
}

#[test]
fn markdown_is_a_changelog_section() {
    let tmp = tempfile::tempdir().unwrap();
    let out = specbind(
        &[
            "diff",
            "--format",
            "markdown",
            semver("base.yaml").to_str().unwrap(),
            semver("cases/major/operation_removed.yaml")
                .to_str()
                .unwrap(),
        ],
        tmp.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let md = stdout(&out);
    assert!(md.starts_with("## API changes\n"), "{md}");
    assert!(
        md.contains(
            "### Breaking changes\n\n- **`GetTaskStatus`**: operation `GetTaskStatus` removed"
        ),
        "{md}"
    );
}

#[test]
fn bad_input_exits_2_naming_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    let base = semver("base.yaml");
    fs::write(tmp.path().join("bad.yaml"), "service: [1, 2\n").unwrap();
    let out = specbind(&["diff", base.to_str().unwrap(), "bad.yaml"], tmp.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("bad.yaml:1:"), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());

    // A spec that loads but fails a check: still the file, line and column.
    let text = fs::read_to_string(&base)
        .unwrap()
        .replace("type: int64\n        range", "type: int65\n        range");
    fs::write(tmp.path().join("unchecked.yaml"), text).unwrap();
    let out = specbind(
        &["diff", base.to_str().unwrap(), "unchecked.yaml"],
        tmp.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unchecked.yaml:") && stderr(&out).contains("int65"),
        "{}",
        stderr(&out)
    );

    let out = specbind(
        &["diff", "missing.yaml", base.to_str().unwrap()],
        tmp.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("missing.yaml"), "{}", stderr(&out));

    fs::create_dir(tmp.path().join("empty")).unwrap();
    let out = specbind(&["diff", "empty", base.to_str().unwrap()], tmp.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no spec files"), "{}", stderr(&out));

    // Usage errors are bad input too.
    let out = specbind(&["diff", base.to_str().unwrap()], tmp.path());
    assert_eq!(out.status.code(), Some(2));
    let out = specbind(&["diff", "--format", "xml", "a", "b"], tmp.path());
    assert_eq!(out.status.code(), Some(2));
}

fn write_folder(dir: &Path, probe: &Path) {
    fs::create_dir_all(dir.join("tencent")).unwrap();
    fs::create_dir_all(dir.join("overlays/tencent")).unwrap();
    fs::copy(probe, dir.join("tencent/probe.yaml")).unwrap();
    // An overlay is a partial spec: loading it as a service would fail.
    fs::write(
        dir.join("overlays/tencent/probe-2021-03-31.yaml"),
        "operations:\n  ListTasks:\n    request:\n      MaxResults:\n        range: {min: 1, max: 5}\n",
    )
    .unwrap();
}

#[test]
fn folders_match_services_and_skip_overlays() {
    let tmp = tempfile::tempdir().unwrap();
    write_folder(&tmp.path().join("old"), &semver("base.yaml"));
    write_folder(
        &tmp.path().join("new"),
        &semver("cases/minor/operation_added.yaml"),
    );
    // A second service on the new side only.
    let other = fs::read_to_string(semver("base.yaml"))
        .unwrap()
        .replace("provider: tencent", "provider: alibaba")
        .replace("tencentcloudapi.com", "aliyuncs.com");
    fs::write(tmp.path().join("new/other.yaml"), other).unwrap();
    let out = specbind(&["diff", "--format", "json", "old", "new"], tmp.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json(&out);
    let kinds: Vec<_> = v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["kind"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(kinds, ["service_added", "operation_added"]);
    // Two services: each detail says which.
    assert!(
        v["changes"][1]["detail"]
            .as_str()
            .unwrap()
            .starts_with("tencent/probe: "),
        "{v}"
    );
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.invalid"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run git");
    assert!(out.status.success(), "git {args:?}: {}", stderr(&out));
}

#[test]
fn git_revision_against_the_working_tree() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path();
    git(repo, &["init", "-q"]);
    write_folder(&repo.join("spec"), &semver("base.yaml"));
    git(repo, &["add", "."]);
    git(repo, &["commit", "-qm", "base"]);
    fs::copy(
        semver("cases/major/enum_value_removed.yaml"),
        repo.join("spec/tencent/probe.yaml"),
    )
    .unwrap();
    let out = specbind(&["diff", "--git", "HEAD", "--format", "json"], repo);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v = json(&out);
    assert_eq!(v["changes"][0]["kind"], "enum_value_removed");
    assert_eq!(v["changes"][0]["model"], "TaskStatus");
    assert_eq!(v["changes"][0]["name"], "Success");

    // From a subdirectory, with the spec folder named relative to it.
    fs::create_dir(repo.join("sub")).unwrap();
    let out = specbind(
        &["diff", "--git", "HEAD", "--spec-dir", "../spec"],
        &repo.join("sub"),
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));

    let out = specbind(&["diff", "--git", "no-such-rev"], repo);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no-such-rev"), "{}", stderr(&out));

    // A bad spec at the revision is named REV:path.
    fs::write(repo.join("spec/tencent/probe.yaml"), "service: [\n").unwrap();
    git(repo, &["commit", "-qam", "broken"]);
    fs::copy(semver("base.yaml"), repo.join("spec/tencent/probe.yaml")).unwrap();
    let out = specbind(&["diff", "--git", "HEAD"], repo);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("HEAD:spec/tencent/probe.yaml:"),
        "{}",
        stderr(&out)
    );
}

/// Every case of the compatibility proof (tools/semver/cases/<class>/<name>.yaml) gets
/// the verdict of its class and reports the kind its `# diff:` line names.
/// tools/diff-semver.sh runs cargo-semver-checks on the same cases.
#[test]
fn semver_cases_get_the_verdict_of_their_class() {
    use specbind::diff::Impact;
    let cases = semver("cases");
    let mut seen = 0;
    for class in ["minor", "major", "behaviour"] {
        let mut files: Vec<_> = fs::read_dir(cases.join(class))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
            .collect();
        files.sort();
        for f in files {
            let text = fs::read_to_string(&f).unwrap();
            let field = |key: &str| {
                text.lines()
                    .find_map(|l| l.strip_prefix(key))
                    .map(|v| v.trim().to_owned())
            };
            let base = match field("# semver-baseline:") {
                Some(b) => cases.join(b),
                None => semver("base.yaml"),
            };
            let want =
                field("# diff:").unwrap_or_else(|| panic!("{}: no `# diff:` line", f.display()));
            let old = specbind::load_service(&base, "old.yaml").unwrap();
            let new = specbind::load_service(&f, "new.yaml").unwrap();
            let report = specbind::diff::diff(&[old], &[new]);
            let kinds: Vec<&str> = report.changes.iter().map(|c| c.kind.as_str()).collect();
            for k in want.split_whitespace() {
                assert!(kinds.contains(&k), "{}: {kinds:?} lacks {k}", f.display());
            }
            let impacts: Vec<Impact> = report.changes.iter().map(|c| c.impact).collect();
            let got = if impacts.contains(&Impact::Breaking) {
                "major"
            } else if impacts.contains(&Impact::BreakingBehaviour) {
                "behaviour"
            } else {
                "minor"
            };
            assert_eq!(got, class, "{}: {:#?}", f.display(), report.changes);
            seen += 1;
        }
    }
    assert!(seen >= 35, "{seen} cases");
}
