//! Keeps the every-operation loopback test of `specbind-apis` in step with `spec/`.
//!
//! For each spec whose vendor description sits in `spec/vendor/`, this writes (through
//! expectorate) the cases `generated/tests/data/every_operation/<provider>_<module>.json`:
//! per operation, the vendor's example request (if it has one), a minimal valid
//! request made from the spec's rules, and every example response of the description
//! (or a bare `RequestId` answer when there is none). It also writes
//! `generated/tests/every_operation.rs`, which sends each operation once to a local
//! server that checks the signature and the action, and decodes each example response
//! into the operation's response type.
//!
//! After a spec or description changes: `EXPECTORATE=overwrite cargo test -p specbind
//! --test every_operation`, then read the diff.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};
use specbind::import::examples::{self, Example};
use specbind::model::{Cross, CrossRule, Field, FieldRule, Provider, Service, Type};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The vendor examples for a service, from its description in `spec/vendor/`.
fn vendor_examples(svc: &Service) -> Option<Vec<Example>> {
    let vendor = repo().join("spec/vendor").join(svc.provider.as_str());
    let stem = format!("{}-{}", svc.product, svc.version);
    match svc.provider {
        Provider::Tencent => {
            let text =
                std::fs::read_to_string(vendor.join(format!("{stem}.examples.json"))).ok()?;
            Some(examples::tencent_examples(&text).expect("examples.json reads"))
        }
        Provider::Alibaba => {
            let text =
                std::fs::read_to_string(vendor.join(format!("{stem}.api-docs.json"))).ok()?;
            Some(examples::alibaba_examples(&text).expect("api-docs.json reads"))
        }
    }
}

/// A value of `ty` that passes `rules`, preferring the spec's example.
fn value(svc: &Service, f: &Field, ty: &Type, rules: &[FieldRule], depth: usize) -> Value {
    let example = f.example.as_ref().map(|e| e.to_string());
    match ty {
        Type::Enum(e) => svc.enums[e]
            .variants
            .first()
            .map(|v| Value::String(v.wire_name.clone()))
            .unwrap_or(Value::String("x".into())),
        Type::String => {
            let prefix = rules.iter().find_map(|r| match r {
                FieldRule::Prefix(p) => Some(p.clone()),
                _ => None,
            });
            let (min, max) = rules
                .iter()
                .find_map(|r| match r {
                    FieldRule::Length { min, max } => Some((*min, *max)),
                    _ => None,
                })
                .unwrap_or((None, None));
            let fits = |s: &str| {
                let n = s.chars().count();
                prefix.as_ref().is_none_or(|p| s.starts_with(p.as_str()))
                    && min.is_none_or(|m| n >= m)
                    && max.is_none_or(|m| n <= m)
            };
            if let Some(e) = example.filter(|e| fits(e)) {
                return Value::String(e);
            }
            let mut s = prefix.unwrap_or_default();
            s.push_str("example");
            while min.is_some_and(|m| s.chars().count() < m) {
                s.push('x');
            }
            if let Some(m) = max {
                s = s.chars().take(m.max(1)).collect();
            }
            Value::String(s)
        }
        Type::I32 | Type::I64 | Type::U64 => {
            let (min, max) = rules
                .iter()
                .find_map(|r| match r {
                    FieldRule::Range { min, max } => Some((*min, *max)),
                    _ => None,
                })
                .unwrap_or((None, None));
            let ok = |v: i128| min.is_none_or(|m| v >= m) && max.is_none_or(|m| v <= m) && v >= 0;
            let v = example
                .and_then(|e| e.parse::<i128>().ok())
                .filter(|v| ok(*v))
                .or(min.filter(|m| *m >= 0))
                .unwrap_or(1);
            json!(v as i64)
        }
        Type::Bool => Value::Bool(false),
        Type::Timestamp => Value::String("2026-01-01T00:00:00Z".into()),
        Type::Model(m) if depth < 4 => {
            let mut o = Map::new();
            for mf in &svc.models[m].fields {
                if mf.required {
                    o.insert(
                        mf.wire_name.clone(),
                        value(svc, mf, &mf.ty, &mf.rules, depth + 1),
                    );
                }
            }
            Value::Object(o)
        }
        Type::List(inner) => Value::Array(vec![value(svc, f, inner, &[], depth + 1)]),
        _ => json!(null),
    }
}

/// Required parameters only, each valid; conditional rules that trigger are met.
fn minimal_request(svc: &Service, op: &specbind::model::Operation) -> Value {
    let fields = &op.request.fields;
    let mut o = Map::new();
    for f in fields.iter().filter(|f| f.required) {
        o.insert(f.wire_name.clone(), value(svc, f, &f.ty, &f.rules, 0));
    }
    for c in &op.cross {
        if let Cross::When {
            when,
            equals,
            then,
            rule,
        } = c
            && o.get(&fields[*when].wire_name).and_then(Value::as_str) == Some(equals.as_str())
        {
            let t = &fields[*then];
            match rule {
                CrossRule::Prefix(p) => {
                    o.insert(t.wire_name.clone(), Value::String(format!("{p}example")));
                }
                CrossRule::Required => {
                    o.insert(t.wire_name.clone(), value(svc, t, &t.ty, &t.rules, 0));
                }
                CrossRule::Pattern(_) => {}
            }
        }
    }
    Value::Object(o)
}

fn cases(svc: &Service, examples: &[Example]) -> Value {
    let mut out = Vec::new();
    for op in svc.operations.values() {
        let mine: Vec<&Example> = examples
            .iter()
            .filter(|e| e.operation == op.wire_name)
            .collect();
        let example_request = mine.iter().find_map(|e| e.request.clone());
        let mut responses: Vec<Value> = mine.iter().filter_map(|e| e.response.clone()).collect();
        if responses.is_empty() {
            responses.push(json!({"RequestId": format!("request-{}", op.wire_name)}));
        }
        out.push(json!({
            "operation": op.wire_name,
            "example_request": example_request,
            "minimal_request": minimal_request(svc, op),
            "responses": responses,
        }));
    }
    Value::Array(out)
}

fn test_source(services: &[(Service, String)]) -> String {
    let mut s = String::new();
    s.push_str(
        "//! Every operation of every imported service, once, against a local server that checks\n\
         //! the signature and the action and answers with the vendor's example response; and\n\
         //! every example response of the vendor's description decoded into its type.\n\
         //!\n\
         //! Written by `codegen/tests/every_operation.rs` from `spec/` and `spec/vendor/`\n\
         //! (`EXPECTORATE=overwrite cargo test -p specbind --test every_operation`).\n\
         \n\
         mod common;\n\
         mod every_operation_support;\n",
    );
    for (svc, stem) in services {
        let feature = svc.feature();
        let provider = svc.provider.as_str();
        let vendor = match svc.provider {
            Provider::Tencent => "Tencent",
            Provider::Alibaba => "Alibaba",
        };
        let _ = write!(
            s,
            "\n#[cfg(feature = \"{feature}\")]\nmod {stem} {{\n    \
             use super::every_operation_support::{{Case, call, decode_all}};\n    \
             use specbind_apis::{provider}::{module} as svc;\n\n    \
             const CASES: &str = include_str!(\"data/every_operation/{stem}.json\");\n\n    \
             async fn one(case: &Case) {{\n        \
             match case.operation.as_str() {{\n",
            module = svc.module,
        );
        for op in svc.operations.values() {
            let _ = writeln!(
                s,
                "            {:?} => call::<svc::{}>(&svc::SERVICE, super::common::Vendor::{vendor}, case).await,",
                op.wire_name, op.request.rust_name
            );
        }
        s.push_str(
            "            other => panic!(\"operation {other} is not in the generated module\"),\n        }\n    }\n\n",
        );
        s.push_str("    fn decode(case: &Case) {\n        match case.operation.as_str() {\n");
        for op in svc.operations.values() {
            let _ = writeln!(
                s,
                "            {:?} => decode_all::<svc::{}>(case),",
                op.wire_name, op.request.rust_name
            );
        }
        s.push_str(
            "            other => panic!(\"operation {other} is not in the generated module\"),\n        }\n    }\n\n",
        );
        let _ = write!(
            s,
            "    #[tokio::test]\n    async fn every_operation_is_sent_and_its_example_answer_decodes() {{\n        \
             let cases: Vec<Case> = serde_json::from_str(CASES).expect(\"cases read\");\n        \
             assert_eq!(cases.len(), {n});\n        \
             for case in &cases {{\n            one(case).await;\n        }}\n    }}\n\n    \
             #[test]\n    fn every_example_response_decodes() {{\n        \
             let cases: Vec<Case> = serde_json::from_str(CASES).expect(\"cases read\");\n        \
             for case in &cases {{\n            decode(case);\n        }}\n    }}\n}}\n",
            n = svc.operations.len()
        );
    }
    s
}

#[test]
fn every_operation_cases_and_test_are_current() {
    let services = specbind::load_dir(&repo().join("spec")).expect("spec/ loads");
    let mut with_examples = Vec::new();
    for svc in services {
        let Some(examples) = vendor_examples(&svc) else {
            continue;
        };
        let stem = svc.file_stem();
        let cases = cases(&svc, &examples);
        let text = serde_json::to_string_pretty(&cases).unwrap() + "\n";
        expectorate::assert_contents(
            repo().join(format!("generated/tests/data/every_operation/{stem}.json")),
            &text,
        );
        with_examples.push((svc, stem));
    }
    assert!(
        with_examples.len() >= 2,
        "both imported services have their vendor descriptions in spec/vendor"
    );
    expectorate::assert_contents(
        repo().join("generated/tests/every_operation.rs"),
        &test_source(&with_examples),
    );
}
