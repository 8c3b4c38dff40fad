//! Hostile and careless specs: each is refused with file, line, column and spec path,
//! or accepted with the meaning its author wrote.

use specbind::{Diagnostic, Error};

const HEAD: &str = "service:
  provider: alibaba
  name: demo
  product: demo
  version: \"2020-01-01\"
  endpoint: https://demo.example.com
";

fn load(text: &str) -> Result<specbind::Service, Vec<Diagnostic>> {
    match specbind::load_service_str(text, "spec/demo.yaml") {
        Ok(s) => Ok(s),
        Err(Error::Spec(d)) => Err(d),
        Err(e) => panic!("unexpected error kind: {e}"),
    }
}

fn diags(text: &str) -> Vec<Diagnostic> {
    match load(text) {
        Ok(_) => panic!("spec was accepted:\n{text}"),
        Err(d) => d,
    }
}

/// The single diagnostic whose message contains `needle`.
fn find<'a>(d: &'a [Diagnostic], needle: &str) -> &'a Diagnostic {
    let hits: Vec<_> = d.iter().filter(|x| x.message.contains(needle)).collect();
    assert_eq!(
        hits.len(),
        1,
        "expected one diagnostic with {needle:?}, got {d:#?}"
    );
    hits[0]
}

fn at(d: &Diagnostic) -> (u64, u64, &str) {
    (d.pos.line, d.pos.column, d.path.as_str())
}

/// An enum with `n` values `V0`..`V{n-1}` and an operation using it.
fn big_enum(n: usize, extra: &str) -> String {
    let mut s = String::with_capacity(n * 16);
    s.push_str(HEAD);
    s.push_str("enums:\n  Big:\n    values:\n");
    for i in 0..n {
        s.push_str(&format!("      V{i}: null\n"));
    }
    s.push_str(extra);
    s.push_str("operations:\n  Op:\n    request:\n      B: {type: enum, enum: Big}\n");
    s
}

#[test]
fn a_100000_key_mapping_loads_and_its_duplicate_is_found() {
    // Duplicate-key detection used to compare every key with every earlier one: this
    // took most of a minute. The assertion is on behaviour; the time is reported by
    // `cargo test -- --nocapture`.
    let n = 100_000;
    let t = std::time::Instant::now();
    let svc = load(&big_enum(n, "")).expect("valid");
    eprintln!("load+check of a {n}-value enum: {:?}", t.elapsed());
    assert_eq!(svc.enums.values().next().unwrap().variants.len(), n);

    let t = std::time::Instant::now();
    let d = diags(&big_enum(n, "      V7: null\n"));
    eprintln!(
        "load of a {n}-value enum with a duplicate: {:?}",
        t.elapsed()
    );
    let x = find(&d, "duplicate key `V7`");
    assert_eq!(at(x), (10 + n as u64, 7, "enums.Big.values.V7"));
    assert_eq!(
        x.hint.as_deref(),
        Some("first defined at line 17, column 7")
    );
}

#[test]
fn integer_looking_enum_values_keep_their_source_text() {
    let svc = load(&format!(
        "{HEAD}enums:
  Code:
    values:
      0x1F: hex
      +5: signed
      007: zero-padded
      1.50: decimal
      1_000: underscored
      true: a boolean word
      \"0x20\": quoted
operations:
  Op:
    request:
      C: {{type: enum, enum: Code, default: 0x1F, example: +5}}
      P: {{type: string, prefix: 0x, example: 0017}}
      N: {{type: int32, default: 0x10}}
    constraints:
      - when: {{parameter: C, equals: 1.50}}
        then: {{parameter: P, prefix: 00}}
"
    ))
    .expect("valid");
    let e = svc.enums.values().next().unwrap();
    let wire: Vec<&str> = e.variants.iter().map(|v| v.wire_name.as_str()).collect();
    assert_eq!(wire, ["0x1F", "+5", "007", "1.50", "1_000", "true", "0x20"]);
    let op = svc.operations.values().next().unwrap();
    let c = &op.request.fields[0];
    assert_eq!(c.example, Some(specbind::load::Scalar::Str("+5".into())));
    let p = &op.request.fields[1];
    assert_eq!(p.example, Some(specbind::load::Scalar::Str("0017".into())));
}

/// A spec with this `service` section and one trivial operation.
fn service(service: &str) -> String {
    format!("service:\n{service}operations:\n  Op: {{}}\n")
}

#[test]
fn endpoints_the_runtime_refuses_are_refused() {
    let base = "  provider: alibaba\n  name: demo\n  product: demo\n  version: \"1\"\n";
    for (endpoint, why) in [
        ("https://demo.example.com/v1", "a path is not allowed"),
        (
            "https://demo.example.com/?a=1",
            "a query or fragment is not allowed",
        ),
        (
            "https://demo.example.com#x",
            "a query or fragment is not allowed",
        ),
        (
            "https://user:pw@demo.example.com",
            "user information is not allowed",
        ),
        (
            "https://user@demo.example.com",
            "user information is not allowed",
        ),
        ("https://", "empty host"),
        ("http://:80", "empty host"),
        ("\"https://demo .example.com\"", "contains ' '"),
        ("\"https://demo.example.com \"", "contains ' '"),
        ("\"https://demo.example.com\\r\\n\"", "contains '\\r'"),
        ("https://démo.example.com", "contains 'é'"),
        ("ftp://demo.example.com", "the scheme must be http or https"),
        ("demo.example.com", "relative URL without a base"),
    ] {
        let d = diags(&service(&format!("{base}  endpoint: {endpoint}\n")));
        let x = find(&d, "is not a usable endpoint");
        assert_eq!(at(x), (6, 13, "service.endpoint"), "{endpoint}");
        assert!(x.message.contains(why), "{endpoint}: {}", x.message);
    }
    for ok in [
        "https://demo.example.com",
        "https://demo.example.com/",
        "http://127.0.0.1:8080",
        "https://[::1]:8443/",
        "https://DEMO.Example.com:443",
    ] {
        load(&service(&format!("{base}  endpoint: {ok}\n")))
            .unwrap_or_else(|d| panic!("{ok}: {d:#?}"));
    }
}

#[test]
fn regional_endpoint_templates_are_checked_with_a_region() {
    let base = "  provider: alibaba\n  name: demo\n  product: demo\n  version: \"1\"\n  endpoint: https://demo.example.com\n";
    for (template, why) in [
        ("https://demo.example.com/{region}", "a path is not allowed"),
        ("https://demo.example.com?r={region}", "a query or fragment"),
        ("\"https://{region}@demo.example.com\"", "user information"),
        ("\"https://demo. {region}.example.com\"", "contains ' '"),
    ] {
        let d = diags(&service(&format!(
            "{base}  regional_endpoint: {template}\n"
        )));
        let x = find(&d, "is not a usable endpoint template");
        assert_eq!(at(x), (7, 22, "service.regional_endpoint"), "{template}");
        assert!(x.message.contains(why), "{template}: {}", x.message);
        assert!(x.hint.as_deref().unwrap().contains("cn-hangzhou"));
    }
    load(&service(&format!(
        "{base}  regional_endpoint: https://demo.{{region}}.example.com\n"
    )))
    .unwrap();
}

#[test]
fn versions_and_products_are_visible_ascii() {
    for (key, value) in [
        ("version", "\"2020-01-01\\r\\nX-Injected: 1\""),
        ("version", "\"2020 01 01\""),
        ("version", "\"2020-01-01\\t\""),
        ("version", "\"２０２０\""),
        ("product", "\"demo\\nx\""),
    ] {
        let mut svc = "  provider: alibaba\n  name: demo\n  product: demo\n  version: \"1\"\n  endpoint: https://demo.example.com\n".to_owned();
        svc = svc
            .lines()
            .map(|l| {
                if l.trim_start().starts_with(&format!("{key}:")) {
                    format!("  {key}: {value}\n")
                } else {
                    format!("{l}\n")
                }
            })
            .collect();
        let d = diags(&service(&svc));
        let x = find(&d, "must be visible ASCII without spaces");
        assert_eq!(x.path, format!("service.{key}"));
        assert!(x.pos.line > 1 && x.pos.column > 1, "{x:?}");
    }
    // An unquoted version YAML reads as a number keeps its text.
    let svc = load(&service(
        "  provider: alibaba\n  name: demo\n  product: demo\n  version: 2.10\n  endpoint: https://demo.example.com\n",
    ))
    .unwrap();
    assert_eq!(svc.version, "2.10");
}

fn ops(body: &str) -> String {
    format!("{HEAD}{body}")
}

#[test]
fn names_equal_after_normalisation_collide() {
    // `é` as one code point and as `e` + a combining accent.
    let d = diags(&ops(
        "operations:\n  Op:\n    request:\n      Caf\u{e9}: {type: string}\n      Cafe\u{301}: {type: string}\n",
    ));
    let x = find(&d, "both become the Rust field `caf_u00e9`");
    assert_eq!(at(x), (11, 7, "operations.Op.request.Cafe\u{301}"));
    assert!(x.message.contains("equal after Unicode NFKC normalisation"));
    // It is not NFKC either (it is not even NFC).
    find(&d, "is not in Unicode NFKC form");

    let d = diags(&ops(
        "enums:\n  E:\n    values:\n      \u{c5}: a\n      A\u{30a}: b\n      \u{ff21}: c\n      A: d\noperations:\n  Op: {}\n",
    ));
    let x = find(&d, "values `A\u{30a}` and `\u{c5}` both become the variant");
    assert_eq!(at(x), (11, 7, "enums.E.values.A\u{30a}"));
    let x = find(&d, "values `A` and `\u{ff21}` both become the variant `A`");
    assert_eq!(at(x), (13, 7, "enums.E.values.A"));

    let d = diags(&ops("operations:\n  Caf\u{e9}: {}\n  Cafe\u{301}: {}\n"));
    find(&d, "both become the method `caf_u00e9`");
}

#[test]
fn look_alike_and_invisible_names_are_refused() {
    let d = diags(&ops(
        "operations:\n  Op:\n    request:\n      \u{ff2d}ax\u{ff32}esults: {type: int32}\n      Max\u{200b}Token: {type: string}\n      Bidi\u{202e}: {type: string}\n",
    ));
    let x = find(&d, "is not in Unicode NFKC form");
    assert_eq!(
        at(x),
        (10, 7, "operations.Op.request.\u{ff2d}ax\u{ff32}esults")
    );
    assert_eq!(x.hint.as_deref(), Some("write it as `MaxResults`"));
    let x = find(&d, "invisible character U+200B");
    assert_eq!(at(x), (11, 7, "operations.Op.request.Max\u{200b}Token"));
    find(&d, "invisible character U+202E");

    // Enum values are data: non-NFKC values are allowed, invisible ones are not.
    let d = diags(&ops(
        "enums:\n  E:\n    values:\n      \"\u{4e2d}\u{56fd}\u{ff08}\u{9999}\u{6e2f}\u{ff09}\": ok\n      \"On\u{200d}\": hidden\noperations:\n  Op: {}\n",
    ));
    let x = find(&d, "invisible character U+200D");
    assert_eq!(at(x), (11, 7, "enums.E.values.On\u{200d}"));
    assert_eq!(d.len(), 1, "{d:#?}");

    // Mixed scripts map to ASCII Rust names and compile; the wire names are kept.
    let svc = load(&ops(
        "enums:\n  E:\n    values:\n      \u{4e2d}\u{56fd}: China\noperations:\n  Op:\n    request:\n      M\u{430}xResults: {type: int32}\n      MaxResults: {type: int32}\n",
    ))
    .unwrap();
    let e = svc.enums.values().next().unwrap();
    assert_eq!(e.variants[0].rust_name, "U4e2dU56fd");
    let op = svc.operations.values().next().unwrap();
    let names: Vec<&str> = op
        .request
        .fields
        .iter()
        .map(|f| f.rust_name.as_str())
        .collect();
    assert_eq!(names, ["m_u0430_x_results", "max_results"]);
}

#[test]
fn lists_nest_at_most_four_deep() {
    let nested = |depth: usize| {
        let mut t = "{type: string}".to_owned();
        for _ in 0..depth {
            t = format!("{{type: list, items: {t}}}");
        }
        ops(&format!(
            "operations:\n  Op:\n    response:\n      Deep: {t}\n"
        ))
    };
    load(&nested(4)).unwrap();
    let d = diags(&nested(5));
    let x = find(&d, "lists nest 5 deep; at most 4 are supported");
    assert_eq!(at(x), (10, 20, "operations.Op.response.Deep.type"));
    let d = diags(&nested(45));
    find(&d, "lists nest 45 deep");
}

#[test]
fn names_that_trip_lints_or_collide_with_generated_items_are_renamed() {
    let svc = load(&ops("enums:
  Status:
    values:
      ERR: error
      Unknown: not known
      Self: itself
      Known: known
  Result: {values: {A: a}}
models:
  String:
    fields:
      Known: {type: string}
      New: {type: string}
operations:
  Self:
    request:
      Sub: {type: string}
      New: {type: string}
      Known: {type: string}
      Default: {type: string}
      Clone: {type: string}
      IntoPaginator: {type: string}
      Type: {type: string}
      S: {type: enum, enum: Status}
      R: {type: enum, enum: Result}
      M: {type: object, model: String}
  New: {}
  Clone: {}
  Send: {}
  FromEnv: {}
  Sub: {}
"))
    .unwrap();
    let variants: Vec<&str> = svc.enums["Status"]
        .variants
        .iter()
        .map(|v| v.rust_name.as_str())
        .collect();
    assert_eq!(variants, ["Err_", "Unknown_", "Self_", "Known"]);
    assert!(svc.enums.contains_key("Result_"));
    assert!(svc.models.contains_key("String_"));
    let methods: Vec<&str> = svc.operations.keys().map(String::as_str).collect();
    assert_eq!(
        methods,
        ["clone_", "from_env_", "new_", "self_", "send_", "sub_"]
    );
    let fields: Vec<&str> = svc.operations["self_"]
        .request
        .fields
        .iter()
        .map(|f| f.rust_name.as_str())
        .collect();
    assert_eq!(
        fields,
        [
            "sub_",
            "new_",
            "known_",
            "default_",
            "clone_",
            "into_paginator_",
            "r#type",
            "s",
            "r",
            "m"
        ]
    );
    assert_eq!(
        specbind::naming::operation_type_name("Self", "Request"),
        "SelfRequest"
    );
}

#[test]
fn err_and_err_collide_as_one_variant() {
    let d = diags(&ops(
        "enums:\n  E:\n    values:\n      Err: a\n      ERR: b\noperations:\n  Op: {}\n",
    ));
    let x = find(&d, "values `ERR` and `Err` both become the variant `Err_`");
    assert_eq!(at(x), (11, 7, "enums.E.values.ERR"));
}
