//! `specbind diff` on real vendor history: pairs of Tencent tccli `api.json` releases
//! (codegen/tests/data/diff/README.md says which and where from), each side imported with
//! `specbind import tencent ... --no-overlay`, then diffed.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn data(rel: &str) -> PathBuf {
    root().join("codegen/tests/data/diff/tencent").join(rel)
}

fn specbind(args: &[&std::ffi::OsStr], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_specbind"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run specbind")
}

/// Imports `api` into `dir/<stem>.yaml` without an overlay.
fn import(api: &Path, dir: &Path, stem: &str) -> PathBuf {
    let out = dir.join(format!("{stem}.yaml"));
    let o = specbind(
        &[
            "import".as_ref(),
            "tencent".as_ref(),
            api.as_os_str(),
            "--out".as_ref(),
            out.as_os_str(),
            "--no-overlay".as_ref(),
        ],
        dir,
    );
    assert!(
        o.status.success(),
        "import {}: {}",
        api.display(),
        String::from_utf8_lossy(&o.stderr)
    );
    out
}

/// (kind, operation, model, name, breaking) of every change from `old` to `new`, and
/// the exit status.
type Row = (String, Option<String>, Option<String>, Option<String>, bool);

fn diff(old: &Path, new: &Path) -> (i32, Vec<Row>) {
    let tmp = tempfile::tempdir().unwrap();
    let a = import(old, tmp.path(), "old");
    let b = import(new, tmp.path(), "new");
    let o = specbind(
        &[
            "diff".as_ref(),
            "--format".as_ref(),
            "json".as_ref(),
            a.as_os_str(),
            b.as_os_str(),
        ],
        tmp.path(),
    );
    let code = o.status.code().expect("an exit status");
    assert!(code < 2, "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let s = |x: &serde_json::Value| x.as_str().map(str::to_owned);
    let rows: Vec<Row> = v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["kind"].as_str().unwrap().to_owned(),
                s(&c["operation"]),
                s(&c["model"]),
                s(&c["name"]),
                c["breaking"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        v["breaking"].as_u64().unwrap() as usize,
        rows.iter().filter(|r| r.4).count()
    );
    (code, rows)
}

/// (kind, operation, model, name) of a breaking change.
type Key<'a> = (&'a str, Option<&'a str>, Option<&'a str>, Option<&'a str>);

fn breaking(rows: &[Row]) -> BTreeSet<Key<'_>> {
    rows.iter()
        .filter(|r| r.4)
        .map(|r| (r.0.as_str(), r.1.as_deref(), r.2.as_deref(), r.3.as_deref()))
        .collect()
}

#[test]
fn organization_2023_to_2026() {
    let org = |v: &str| data(&format!("organization-2021-03-31/{v}.api.json"));
    let latest = root().join("spec/vendor/tencent/organization-2021-03-31.api.json");

    // 2023-11 → 2024-04: only compatible changes.
    let (code, rows) = diff(&org("3.0.1000.1"), &org("3.0.1090.1"));
    assert_eq!((code, breaking(&rows)), (0, BTreeSet::new()), "{rows:#?}");
    assert!(rows.iter().any(|r| r.0 == "operation_added"), "{rows:#?}");

    // 2024-04-12: `Limit` documented as 1~50 where it said "at most 50" or nothing.
    let (code, rows) = diff(&org("3.0.1090.1"), &org("3.0.1091.1"));
    assert_eq!(code, 1);
    let limit = |op: &'static str| ("range_narrowed", Some(op), None, Some("Limit"));
    assert_eq!(
        breaking(&rows),
        BTreeSet::from([
            limit("DescribeOrganizationAuthNode"),
            limit("DescribeOrganizationMemberAuthAccounts"),
            limit("DescribeOrganizationMemberPolicies"),
        ]),
        "{rows:#?}"
    );

    // 2024-04 → 2026-10: only compatible changes, 2.5 years of them.
    let (code, rows) = diff(&org("3.0.1091.1"), &latest);
    assert_eq!((code, breaking(&rows)), (0, BTreeSet::new()), "{rows:#?}");
    let kinds: BTreeSet<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    for k in [
        "operation_added",
        "request_param_added_optional",
        "field_added",
        "model_added",
    ] {
        assert!(kinds.contains(k), "{kinds:?}");
    }
}

#[test]
fn cloudstudio_request_param_removed() {
    let (code, rows) = diff(
        &data("cloudstudio-2023-05-08/3.1.164.1.api.json"),
        &data("cloudstudio-2023-05-08/3.1.165.1.api.json"),
    );
    assert_eq!(code, 1);
    assert_eq!(
        breaking(&rows),
        BTreeSet::from([(
            "request_param_removed",
            Some("CreateWorkspace"),
            None,
            Some("Region")
        )]),
        "{rows:#?}"
    );
}

#[test]
fn aiart_request_param_became_required() {
    let (code, rows) = diff(
        &data("aiart-2022-12-29/3.0.1163.1.api.json"),
        &data("aiart-2022-12-29/3.0.1164.1.api.json"),
    );
    assert_eq!(code, 1);
    assert_eq!(
        breaking(&rows),
        BTreeSet::from([(
            "request_param_became_required",
            Some("ReplaceBackground"),
            None,
            Some("Prompt")
        )]),
        "{rows:#?}"
    );
}

#[test]
fn mongodb_request_param_type_changed() {
    let (code, rows) = diff(
        &data("mongodb-2019-07-25/3.0.849.1.api.json"),
        &data("mongodb-2019-07-25/3.0.850.1.api.json"),
    );
    assert_eq!(code, 1);
    assert_eq!(
        breaking(&rows),
        BTreeSet::from([(
            "type_changed",
            Some("DescribeDBInstances"),
            None,
            Some("Tags")
        )]),
        "{rows:#?}"
    );
}

#[test]
fn advisor_response_field_type_changed_with_its_models() {
    let (code, rows) = diff(
        &data("advisor-2020-07-21/3.0.957.1.api.json"),
        &data("advisor-2020-07-21/3.0.958.1.api.json"),
    );
    assert_eq!(code, 1);
    assert_eq!(
        breaking(&rows),
        BTreeSet::from([
            (
                "type_changed",
                Some("DescribeStrategies"),
                None,
                Some("Strategies")
            ),
            ("model_removed", None, Some("DescribeStrategie"), None),
            (
                "model_removed",
                None,
                Some("DescribeStrategiesCondition"),
                None
            ),
        ]),
        "{rows:#?}"
    );
    let added: BTreeSet<_> = rows
        .iter()
        .filter(|r| r.0 == "model_added")
        .filter_map(|r| r.2.as_deref())
        .collect();
    assert_eq!(added, BTreeSet::from(["Conditions", "Strategies"]));
}
