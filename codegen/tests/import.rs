//! `specbind import`: the command on the vendors' descriptions in `spec/vendor/`, on
//! descriptions made to hit every naming problem, and on input that is no description.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use specbind::import::{self, Vendor};
use specbind::model::{Field, Operation, Service};

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

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

const TENCENT_API: &str = "spec/vendor/tencent/organization-2021-03-31.api.json";
const TENCENT_EXAMPLES: &str = "spec/vendor/tencent/organization-2021-03-31.examples.json";
const ALIBABA_API: &str = "spec/vendor/alibaba/cloudsso-2021-05-15.api-docs.json";
const TENCENT_SPEC: &str = "spec/tencent/organization-2021-03-31.yaml";
const ALIBABA_SPEC: &str = "spec/alibaba/cloudsso-2021-05-15.yaml";

fn import_tencent(out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "import",
        "tencent",
        TENCENT_API,
        "--examples",
        TENCENT_EXAMPLES,
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    specbind(&args, &root())
}

fn import_alibaba(out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "import",
        "alibaba",
        ALIBABA_API,
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    specbind(&args, &root())
}

/// The checked-in specs are exactly what importing the checked-in descriptions with
/// their overlays gives: re-importing is byte-identical, and nobody edited the output.
#[test]
fn checked_in_specs_are_the_import_of_the_checked_in_descriptions() {
    let tmp = tempfile::tempdir().unwrap();
    for (i, (run, spec)) in [
        (import_tencent as fn(&Path, &[&str]) -> Output, TENCENT_SPEC),
        (import_alibaba, ALIBABA_SPEC),
    ]
    .into_iter()
    .enumerate()
    {
        let out = tmp.path().join(format!("{i}.yaml"));
        let o = run(&out, &[]);
        assert!(o.status.success(), "{}", text(&o));
        let fresh = fs::read_to_string(&out).unwrap();
        let again = tmp.path().join(format!("{i}-again.yaml"));
        let o = run(&again, &[]);
        assert!(o.status.success(), "{}", text(&o));
        assert_eq!(
            fresh,
            fs::read_to_string(&again).unwrap(),
            "import is deterministic"
        );
        let checked_in = fs::read_to_string(root().join(spec)).unwrap();
        assert!(
            fresh == checked_in,
            "{spec} differs from a fresh import; re-run the import commands in the README"
        );
    }
}

#[test]
fn import_prints_what_it_decided() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("org.yaml");
    let o = import_tencent(&out, &[]);
    let t = text(&o);
    assert!(o.status.success(), "{t}");
    assert!(t.contains("139 operations"), "{t}");
    assert!(t.contains("mined rules: "), "{t}");
    assert!(t.contains("paginators detected"), "{t}");
    assert!(
        t.contains("overlay: spec/overlays/tencent/organization-2021-03-31.yaml"),
        "{t}"
    );
    // The sample request of ListTasks sends a TargetType the parameter table does not
    // list: a contradiction in the vendor's docs, reported.
    assert!(
        t.contains("ListTasks example") && t.contains("`TargetType`: `Member` is not one of"),
        "{t}"
    );
    assert!(t.contains(&format!("wrote {}", out.display())), "{t}");

    let out = tmp.path().join("sso.yaml");
    let o = import_alibaba(&out, &[]);
    let t = text(&o);
    assert!(o.status.success(), "{t}");
    assert!(t.contains("85 operations"), "{t}");
}

fn load(path: &Path) -> Service {
    specbind::load_service(path, &path.display().to_string()).unwrap()
}

fn seed(name: &str) -> Service {
    load(&root().join("codegen/tests/data/seed_specs").join(name))
}

fn field<'a>(fields: &'a [Field], wire: &str) -> &'a Field {
    fields
        .iter()
        .find(|f| f.wire_name == wire)
        .unwrap_or_else(|| panic!("field {wire} is missing"))
}

fn op<'a>(svc: &'a Service, wire: &str) -> &'a Operation {
    svc.operations
        .values()
        .find(|o| o.wire_name == wire)
        .unwrap_or_else(|| panic!("operation {wire} is missing"))
}

/// Every rule, type, enum value, pagination and error code of the hand-written seed
/// specs is in the imported + overlaid spec.
fn assert_carries(seed: &Service, imported: &Service) {
    for (name, e) in &seed.enums {
        let got = &imported
            .enums
            .get(name)
            .unwrap_or_else(|| panic!("enum {name}"))
            .variants;
        let have: Vec<&str> = got.iter().map(|v| v.wire_name.as_str()).collect();
        for v in &e.variants {
            assert!(
                have.contains(&v.wire_name.as_str()),
                "enum {name}: {} is missing",
                v.wire_name
            );
        }
    }
    for (name, m) in &seed.models {
        let im = imported
            .models
            .get(name)
            .unwrap_or_else(|| panic!("model {name}"));
        for f in &m.fields {
            let g = field(&im.fields, &f.wire_name);
            assert_eq!(f.ty, g.ty, "model {name}.{}", f.wire_name);
        }
    }
    for so in seed.operations.values() {
        let io = op(imported, &so.wire_name);
        assert_eq!(so.request.rust_name, io.request.rust_name);
        assert_eq!(so.readonly, io.readonly, "{}: readonly", so.wire_name);
        for f in &so.request.fields {
            let g = field(&io.request.fields, &f.wire_name);
            let at = format!("{}.{}", so.wire_name, f.wire_name);
            assert_eq!(f.ty, g.ty, "{at}: type");
            assert_eq!(f.required, g.required, "{at}: required");
            assert_eq!(f.default, g.default, "{at}: default");
            for r in &f.rules {
                assert!(
                    g.rules.contains(r),
                    "{at}: rule {r:?} is missing from {:?}",
                    g.rules
                );
            }
        }
        for f in &so.response.fields {
            let g = field(&io.response.fields, &f.wire_name);
            assert_eq!(
                f.ty, g.ty,
                "{}.{} (response): type",
                so.wire_name, f.wire_name
            );
            assert_eq!(
                f.required, g.required,
                "{}.{} (response): required",
                so.wire_name, f.wire_name
            );
        }
        // Cross rules refer to fields by index; compare them by wire names.
        let names = |o: &Operation, c: &specbind::model::Cross| -> String {
            let n = |i: &usize| o.request.fields[*i].wire_name.clone();
            match c {
                specbind::model::Cross::Paired(a, b) => {
                    let mut p = [n(a), n(b)];
                    p.sort();
                    format!("paired {p:?}")
                }
                specbind::model::Cross::When {
                    when,
                    equals,
                    then,
                    rule,
                } => format!("when {}={equals} then {} {rule:?}", n(when), n(then)),
            }
        };
        let have: Vec<String> = io.cross.iter().map(|c| names(io, c)).collect();
        for c in &so.cross {
            let c = names(so, c);
            assert!(
                have.contains(&c),
                "{}: {c} is missing from {have:?}",
                so.wire_name
            );
        }
        let page = |o: &Operation| {
            o.pagination.as_ref().map(|p| {
                let f = &o.request.fields;
                let r = &o.response.fields;
                (
                    f[p.input_token].wire_name.clone(),
                    r[p.output_token].wire_name.clone(),
                    p.truncated.map(|i| r[i].wire_name.clone()),
                    r[p.items].wire_name.clone(),
                    p.page_size.map(|i| f[i].wire_name.clone()),
                )
            })
        };
        assert_eq!(page(so), page(io), "{}: pagination", so.wire_name);
        for e in &so.errors {
            assert!(
                io.errors.iter().any(|g| g.code == e.code),
                "{}: error {}",
                so.wire_name,
                e.code
            );
        }
    }
    assert_eq!(seed.rate_limit, imported.rate_limit);
    assert_eq!(seed.endpoint, imported.endpoint);
    assert_eq!(seed.regional_endpoint, imported.regional_endpoint);
}

#[test]
fn imported_specs_carry_every_rule_of_the_hand_written_ones() {
    assert_carries(
        &seed("tencent/organization-2021-03-31.yaml"),
        &load(&root().join(TENCENT_SPEC)),
    );
    assert_carries(
        &seed("alibaba/cloudsso-2021-05-15.yaml"),
        &load(&root().join(ALIBABA_SPEC)),
    );
}

#[test]
fn every_operation_of_both_services_is_imported() {
    let t = load(&root().join(TENCENT_SPEC));
    assert_eq!(t.operations.len(), 139);
    let a = load(&root().join(ALIBABA_SPEC));
    assert_eq!(a.operations.len(), 85);
}

/// A tccli description built to hit every naming problem the 300 real ones have.
const AWKWARD: &str = r#"{
  "version": "1.0",
  "metadata": {"serviceShortName": "awk", "apiVersion": "2020-01-01", "api_brief": "x"},
  "actions": {
    "DescribeDNSFormat": {"document": "a", "input": "DescribeDNSFormatRequest", "output": "DescribeDNSFormatResponse", "status": "online"},
    "DescribeDnsFormat": {"document": "b", "input": "DescribeDnsFormatRequest", "output": "DescribeDnsFormatResponse", "status": "deprecated"},
    "Gone": {"document": "c", "input": "GoneRequest", "output": "GoneResponse", "status": "offline"}
  },
  "objects": {
    "DescribeDNSFormatRequest": {"document": "", "type": "object", "members": [
      {"name": "DNSFormat", "type": "string", "member": "string", "required": true, "document": "取值范围：1~100。"},
      {"name": "DnsFormat", "type": "string", "member": "string", "required": false, "document": ""},
      {"name": "Clone", "type": "int", "member": "int64", "required": false, "document": "取值范围：1~100。\n默认值：10。"},
      {"name": "SetDnsFormat", "type": "string", "member": "string", "required": false, "document": ""},
      {"name": "Gone", "type": "string", "member": "string", "required": false, "disabled": true, "document": ""}
    ]},
    "DescribeDNSFormatResponse": {"document": "", "type": "object", "members": [
      {"name": "Error", "type": "object", "member": "Error", "output_required": true, "value_allowed_null": true, "document": ""},
      {"name": "Tree", "type": "object", "member": "Node", "document": ""},
      {"name": "Ratio", "type": "float", "member": "float", "document": ""},
      {"name": "Day", "type": "string", "member": "date", "document": ""},
      {"name": "At", "type": "string", "member": "datetime", "document": ""},
      {"name": "AtIso", "type": "string", "member": "datetime_iso", "document": ""},
      {"name": "Raw", "type": "binary", "member": "binary", "document": ""},
      {"name": "RequestId", "type": "string", "member": "string", "document": ""}
    ]},
    "DescribeDnsFormatRequest": {"document": "", "type": "object", "members": []},
    "DescribeDnsFormatResponse": {"document": "", "type": "object", "members": [
      {"name": "RequestId", "type": "string", "member": "string", "document": ""}
    ]},
    "GoneRequest": {"document": "", "type": "object", "members": []},
    "GoneResponse": {"document": "", "type": "object", "members": [
      {"name": "RequestId", "type": "string", "member": "string", "document": ""}
    ]},
    "Error": {"document": "an error", "type": "object", "members": [
      {"name": "Code", "type": "string", "member": "string", "document": ""},
      {"name": "code", "type": "string", "member": "string", "document": ""}
    ]},
    "Node": {"document": "a tree", "type": "object", "members": [
      {"name": "Child", "type": "object", "member": "Node", "document": ""},
      {"name": "Children", "type": "list", "member": "Node", "document": ""}
    ]},
    "DescribeDNSFormatRequestBuilder": {"document": "", "type": "object", "members": [
      {"name": "Type", "type": "string", "member": "string", "document": ""}
    ]}
  }
}"#;

#[test]
fn awkward_names_never_make_a_spec_check_refuses() {
    let imported = import::import(Vendor::Tencent, AWKWARD, None).unwrap();
    let yaml = imported.to_yaml();
    let svc = specbind::load_service_str(&yaml, "awkward.yaml")
        .unwrap_or_else(|e| panic!("check refuses the import:\n{e}\n{yaml}"));
    assert_eq!(svc.operations.len(), 3);
    assert_eq!(
        imported.report.skipped, 1,
        "the disabled member is left out"
    );
    assert_eq!(imported.report.deprecated, 2, "deprecated and offline");
    assert!(imported.report.renames >= 4, "{:?}", imported.report);
    // Generated code for it compiles warning-free: rendered here; the scale script
    // compiles all 300 real services.
    specbind::render_service(&svc, &specbind::EmitOptions::default()).unwrap();
    let again = import::import(Vendor::Tencent, AWKWARD, None)
        .unwrap()
        .to_yaml();
    assert_eq!(yaml, again, "byte-identical on re-import");
}

#[test]
fn input_that_is_no_description_is_refused_with_a_clear_message() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out.yaml");
    for (vendor, body, expect) in [
        ("tencent", "not json", "not JSON"),
        ("tencent", "{\"actions\": {}}", "expected a tccli api.json"),
        ("tencent", "[1, 2]", "expected a tccli api.json"),
        (
            "alibaba",
            "{\"info\": {}}",
            "expected Alibaba OpenAPI metadata",
        ),
        (
            "alibaba",
            "{\"info\": {\"style\": \"ROA\", \"product\": \"x\", \"version\": \"1\"}, \"apis\": {}}",
            "RPC style",
        ),
    ] {
        let input = tmp.path().join("input.json");
        fs::write(&input, body).unwrap();
        let o = specbind(
            &[
                "import",
                vendor,
                input.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
                "--no-overlay",
            ],
            tmp.path(),
        );
        let t = text(&o);
        assert!(!o.status.success(), "{vendor} {body}: {t}");
        assert!(t.contains("input.json"), "the message names the input: {t}");
        assert!(t.contains(expect), "{vendor} {body}: {t}");
        assert!(!out.exists(), "nothing is written");
    }
}

#[test]
fn an_error_in_an_overlay_names_the_overlay_file_line_and_column() {
    let tmp = tempfile::tempdir().unwrap();
    let overlay = tmp.path().join("bad-overlay.yaml");
    fs::write(
        &overlay,
        "operations:\n  ListTasks:\n    request:\n      MaxResult:\n        range: {min: 1, max: 100}\n",
    )
    .unwrap();
    let out = tmp.path().join("org.yaml");
    let o = import_tencent(&out, &["--overlay", overlay.to_str().unwrap()]);
    let t = text(&o);
    assert!(!o.status.success(), "{t}");
    assert!(t.contains("bad-overlay.yaml:4:7"), "{t}");
    assert!(t.contains("MaxResults"), "a hint names the parameter: {t}");
    assert!(!out.exists(), "nothing is written");

    // A rule the overlay adds that check refuses is reported at the overlay.
    fs::write(
        &overlay,
        "operations:\n  ListTasks:\n    request:\n      MaxResults:\n        range: {min: 100, max: 1}\n",
    )
    .unwrap();
    let o = import_tencent(&out, &["--overlay", overlay.to_str().unwrap()]);
    let t = text(&o);
    assert!(!o.status.success(), "{t}");
    assert!(t.contains("bad-overlay.yaml:5:"), "{t}");
    assert!(!out.exists(), "nothing is written");
}

/// A service where a request parameter and a model field list the same values (so
/// import makes one enum, `Kind`, for both) and a model `Thing`. `@C@` adds a value to
/// the request parameter's list; `@THING@` adds a model `THING`, whose Rust name is
/// also `Thing`, sorted before it.
const THINGS: &str = r#"{
  "version": "1.0",
  "metadata": {"serviceShortName": "things", "apiVersion": "2020-01-01", "api_brief": "Things."},
  "actions": {
    "ListThings": {"document": "Lists things.", "input": "ListThingsRequest", "output": "ListThingsResponse", "status": "online"}
  },
  "objects": {
    "ListThingsRequest": {"document": "", "type": "object", "members": [
      {"name": "Kind", "type": "string", "member": "string", "required": false, "document": "种类。取值：\n- Alpha：甲。\n- Beta：乙。@C@"}
    ]},
    "ListThingsResponse": {"document": "", "type": "object", "members": [
      {"name": "Things", "type": "list", "member": "Thing", "document": "The things."},@OTHER@
      {"name": "RequestId", "type": "string", "member": "string", "document": ""}
    ]},@THING@
    "Thing": {"document": "A thing.", "type": "object", "members": [
      {"name": "Kind", "type": "string", "member": "string", "document": "种类。取值：\n- Alpha：甲。\n- Beta：乙。"}
    ]}
  }
}"#;

fn things(changed: bool) -> String {
    let (c, other, thing) = if changed {
        (
            r"\n- Gamma：丙。",
            r#"
      {"name": "Other", "type": "object", "member": "THING", "document": "Another thing."},"#,
            r#"
    "THING": {"document": "A capital thing.", "type": "object", "members": [
      {"name": "Name", "type": "string", "member": "string", "document": ""}
    ]},"#,
        )
    } else {
        ("", "", "")
    };
    THINGS
        .replace("@C@", c)
        .replace("@OTHER@", other)
        .replace("@THING@", thing)
}

/// The Rust names of what a spec (YAML text) declares: the request parameter `Kind`'s
/// enum, the values of that enum, and the Rust names of models `Thing` and `THING`.
fn things_names(yaml: &str) -> (String, Vec<String>, String, Option<String>) {
    let svc = specbind::load_service_str(yaml, "things.yaml")
        .unwrap_or_else(|e| panic!("check refuses the import:\n{e}\n{yaml}"));
    let op = op(&svc, "ListThings");
    let kind = &field(&op.request.fields, "Kind").ty;
    let specbind::model::Type::Enum(name) = kind else {
        panic!("Kind is not an enum: {kind:?}\n{yaml}")
    };
    let e = svc.enums.values().find(|e| e.rust_name == *name).unwrap();
    let values = e.variants.iter().map(|v| v.wire_name.clone()).collect();
    let model = |wire: &str| {
        svc.models
            .values()
            .find(|m| m.wire_name == wire)
            .map(|m| m.rust_name.clone())
    };
    (
        name.clone(),
        values,
        model("Thing").unwrap(),
        model("THING"),
    )
}

#[test]
fn a_reimport_keeps_the_rust_names_of_the_spec_it_replaces() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("api.json");
    let out = tmp.path().join("things.yaml");
    let run = |changed: bool, out: &Path| {
        fs::write(&input, things(changed)).unwrap();
        let o = specbind(
            &[
                "import",
                "tencent",
                input.to_str().unwrap(),
                "--no-overlay",
                "--out",
                out.to_str().unwrap(),
            ],
            tmp.path(),
        );
        assert!(o.status.success(), "{}", text(&o));
        (text(&o), fs::read_to_string(out).unwrap())
    };

    let (_, before) = run(false, &out);
    let (kind, values, thing, capital) = things_names(&before);
    assert_eq!(
        (kind.as_str(), thing.as_str(), capital),
        ("Kind", "Thing", None)
    );
    assert_eq!(values, ["Alpha", "Beta"]);

    // Unchanged input over the spec it wrote: the same bytes.
    let (_, again) = run(false, &out);
    assert!(
        again == before,
        "a re-import of the same input changed the spec"
    );

    // Fresh, the changed input moves names users' code holds: the request parameter's
    // enum (its values now differ from the model field's) and the model `Thing`.
    let (_, fresh) = run(true, &tmp.path().join("fresh.yaml"));
    let (kind, _, thing, _) = things_names(&fresh);
    assert_ne!(kind, "Kind", "{fresh}");
    assert_ne!(thing, "Thing", "{fresh}");

    // Over the spec it replaces, they stay: the shared enum gains the new value and the
    // newcomer is the model renamed.
    let (said, kept) = run(true, &out);
    assert!(
        said.contains("names kept from the spec being replaced"),
        "{said}"
    );
    let (kind, values, thing, capital) = things_names(&kept);
    assert_eq!((kind.as_str(), thing.as_str()), ("Kind", "Thing"), "{kept}");
    assert_eq!(values, ["Alpha", "Beta", "Gamma"], "{kept}");
    assert_eq!(capital.as_deref(), Some("ThingModel"), "{kept}");
}
