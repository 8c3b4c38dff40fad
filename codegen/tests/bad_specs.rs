//! Bad specs are refused with file, line, column and the path inside the spec.

use specbind::{Diagnostic, Error};

const HEAD: &str = "service:
  provider: alibaba
  name: demo
  product: demo
  version: \"2020-01-01\"
  endpoint: https://demo.example.com
";

/// Loads `body` appended to a valid service header; returns the diagnostics.
fn diags(body: &str) -> Vec<Diagnostic> {
    let text = format!("{HEAD}{body}");
    match specbind::load_service_str(&text, "spec/demo.yaml") {
        Ok(_) => panic!("spec was accepted:\n{text}"),
        Err(Error::Spec(d)) => d,
        Err(e) => panic!("unexpected error kind: {e}"),
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

#[test]
fn unknown_key() {
    let d = diags(
        "operations:
  GetTask:
    request:
      TaskId: {type: string, requird: true}
",
    );
    let x = find(&d, "unknown key `requird`");
    assert_eq!(at(x), (10, 30, "operations.GetTask.request.TaskId.requird"));
    assert_eq!(x.hint.as_deref(), Some("did you mean `required`?"));
    assert_eq!(
        x.to_string(),
        "spec/demo.yaml:10:30: error at `operations.GetTask.request.TaskId.requird`: unknown key `requird`\n  hint: did you mean `required`?"
    );
}

#[test]
fn wrong_type() {
    let d = diags(
        "operations:
  GetTask:
    request:
      TaskId:
        type: string
        required: \"yes\"
",
    );
    let x = find(&d, "expected true or false, found a string");
    assert_eq!(
        at(x),
        (12, 19, "operations.GetTask.request.TaskId.required")
    );

    let d = diags(
        "operations:
  GetTask:
    request:
      MaxResults: {type: integer}
",
    );
    let x = find(&d, "unknown type `integer`");
    assert_eq!(
        at(x),
        (10, 26, "operations.GetTask.request.MaxResults.type")
    );
}

#[test]
fn dangling_enum_and_model() {
    let d = diags(
        "enums:
  Status: {values: {On: on}}
operations:
  GetTask:
    request:
      State: {type: enum, enum: Statu}
    response:
      Task: {type: object, model: Task}
",
    );
    let x = find(&d, "unknown enum `Statu`");
    assert_eq!(at(x), (12, 33, "operations.GetTask.request.State.enum"));
    assert_eq!(x.hint.as_deref(), Some("defined enums: Status"));
    let x = find(&d, "unknown model `Task`");
    assert_eq!(at(x), (14, 35, "operations.GetTask.response.Task.model"));
}

#[test]
fn duplicate_operation() {
    let d = diags(
        "operations:
  GetTask:
    doc: first
  GetTask:
    doc: second
",
    );
    let x = find(&d, "duplicate key `GetTask`");
    assert_eq!(at(x), (10, 3, "operations.GetTask"));
    assert_eq!(x.hint.as_deref(), Some("first defined at line 8, column 3"));
}

#[test]
fn two_names_become_one_rust_name() {
    let d = diags(
        "operations:
  GetTask:
    request:
      TaskId: {type: string}
      task_id: {type: string}
  getTask:
    doc: same method
",
    );
    let x = find(&d, "both become the Rust field `task_id`");
    assert_eq!(at(x), (11, 7, "operations.GetTask.request.task_id"));
    let x = find(&d, "both become the method `get_task`");
    assert_eq!(at(x), (12, 3, "operations.getTask"));

    let d = diags(
        "enums:
  Kind: {values: {RD-Account: a, RdAccount: b}}
operations: {}
",
    );
    let x = find(&d, "both become the variant `RdAccount`");
    assert_eq!(x.path, "enums.Kind.values.RdAccount");
    assert_eq!(x.pos.line, 8);
}

#[test]
fn constraint_on_missing_parameter() {
    let d = diags(
        "operations:
  ListTasks:
    request:
      TargetId: {type: string}
    constraints:
      - paired: [TargetId, TargetTyp]
",
    );
    let x = find(&d, "has no request parameter `TargetTyp`");
    assert_eq!(
        at(x),
        (12, 28, "operations.ListTasks.constraints[0].paired[1]")
    );
    assert_eq!(x.hint.as_deref(), Some("defined parameters: TargetId"));
}

#[test]
fn range_min_greater_than_max() {
    let d = diags(
        "operations:
  ListTasks:
    request:
      MaxResults:
        type: int32
        range: {min: 30, max: 20}
",
    );
    let x = find(&d, "range min 30 is greater than max 20");
    assert_eq!(
        at(x),
        (12, 16, "operations.ListTasks.request.MaxResults.range")
    );
}

#[test]
fn rules_that_do_not_fit_their_field() {
    let d = diags(
        "operations:
  ListTasks:
    request:
      Name: {type: string, range: {min: 1}}
      Size: {type: int32, prefix: x-, range: {max: 3000000000}}
      Code: {type: string, pattern: \"([a-z\"}
    response:
      Id: {type: string, prefix: t-}
    pagination: {input_token: Name, output_token: Id, items: Id}
",
    );
    find(
        &d,
        "`range` applies to integer and float types, not `string`",
    );
    find(&d, "`prefix` applies to strings, not `int32`");
    find(&d, "bound 3000000000 does not fit the type `int32`");
    find(&d, "invalid regular expression");
    find(&d, "constraints apply to request parameters only");
    find(&d, "`Id` must be a list, but is `string`");
}

#[test]
fn syntax_errors_and_bad_roots_have_positions() {
    let d = match specbind::load_service_str("service: {provider: alibaba\n", "spec/x.yaml") {
        Err(Error::Spec(d)) => d,
        other => panic!("{other:?}"),
    };
    assert_eq!(d.len(), 1);
    assert!(d[0].message.starts_with("invalid YAML"), "{}", d[0].message);
    assert_eq!(d[0].file.to_string_lossy(), "spec/x.yaml");

    for text in ["", "- a\n- b\n", "42\n", "service: 3\noperations: {}\n"] {
        match specbind::load_service_str(text, "spec/x.yaml") {
            Err(Error::Spec(d)) => assert!(!d.is_empty()),
            other => panic!("{text:?} gave {other:?}"),
        }
    }
}

#[test]
fn every_problem_is_reported_at_once() {
    let d = diags(
        "operations:
  A:
    request:
      X: {type: strin}
      Y: {type: int32, range: {min: 5}, required: maybe}
    bogus: 1
",
    );
    assert_eq!(d.len(), 3, "{d:#?}");
}

/// Arbitrary input never panics the loader or checker.
#[test]
fn no_input_panics() {
    let valid = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/seed_specs/tencent/organization-2021-03-31.yaml"
    ))
    .unwrap();
    // Every prefix of a real spec, and every line removed in turn.
    for cut in (0..valid.len())
        .step_by(7)
        .filter(|i| valid.is_char_boundary(*i))
    {
        let _ = specbind::load_service_str(&valid[..cut], "x.yaml");
    }
    let lines: Vec<&str> = valid.lines().collect();
    for skip in 0..lines.len() {
        let text: Vec<&str> = lines
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != skip)
            .map(|(_, l)| *l)
            .collect();
        let _ = specbind::load_service_str(&text.join("\n"), "x.yaml");
    }
    for junk in [
        "\u{0}",
        "{",
        "[[[[",
        "a: &x [*x]",
        "? [a]\n: b",
        "!!binary x",
        "a: !!int x",
    ] {
        let _ = specbind::load_service_str(junk, "x.yaml");
    }
}

#[test]
fn error_codes_without_a_constant_name() {
    let d = diags(
        "operations:
  GetTask:
    errors:
      \"...\": nothing
",
    );
    let x = find(&d, "gives no constant name");
    assert_eq!(at(x), (10, 7, "operations.GetTask.errors...."));
}

#[test]
fn parameters_named_like_builder_methods_are_renamed() {
    // `send` and `build` are the builder's own methods: the parameters' Rust names
    // get a `_` suffix (prost style), and the wire names stay.
    let text = format!(
        "{HEAD}operations:
  ListTasks:
    request:
      Send: {{type: string}}
      Build: {{type: string}}
"
    );
    let svc = specbind::load_service_str(&text, "spec/demo.yaml").expect("accepted");
    let op = svc.operations.values().next().unwrap();
    let names: Vec<(&str, &str)> = op
        .request
        .fields
        .iter()
        .map(|f| (f.wire_name.as_str(), f.rust_name.as_str()))
        .collect();
    assert_eq!(names, [("Send", "send_"), ("Build", "build_")]);
}

#[test]
fn a_setter_name_two_parameters_give_is_refused() {
    let d = diags(
        "operations:
  ListTasks:
    request:
      All: {type: string}
      GetAll: {type: string}
",
    );
    let x = find(&d, "both give the builder method `get_all`");
    assert_eq!(at(x), (11, 7, "operations.ListTasks.request.GetAll"));
}

#[test]
fn debug_shows_the_diagnostics_as_the_cli_does() {
    // What a build script's `.generate().unwrap()` prints.
    let e = specbind::load_service_str(
        &format!("{HEAD}operations:\n  A:\n    bogus: 1\n"),
        "spec/demo.yaml",
    )
    .unwrap_err();
    let debug = format!("{e:?}");
    assert_eq!(
        debug,
        "\nspec/demo.yaml:9:5: error at `operations.A.bogus`: unknown key `bogus`\n  hint: expected one of: doc, request, response, constraints, pagination, errors, readonly, idempotent, rust_name, deprecated, method"
    );
}

#[test]
fn two_specs_claiming_one_module_point_at_the_name() {
    let dir = tempfile::tempdir().unwrap();
    let spec = |version: &str| {
        format!(
            "service:\n  provider: tencent\n  product: demo\n  version: \"{version}\"\n  \
             endpoint: https://demo.tencentcloudapi.com\n  name: demo\noperations:\n  \
             Ping:\n    doc: Pings.\n"
        )
    };
    std::fs::write(dir.path().join("a.yaml"), spec("2020-01-01")).unwrap();
    std::fs::write(dir.path().join("b.yaml"), spec("2021-01-01")).unwrap();
    let Err(Error::Spec(d)) = specbind::load_dir(dir.path()) else {
        panic!("two specs for one module must be refused");
    };
    let dup = find(&d, "is also generated from");
    assert!(dup.file.ends_with("b.yaml"), "{dup}");
    assert_eq!((dup.pos.line, dup.pos.column), (6, 9), "{dup}");
    assert_eq!(dup.path, "service.name");
}
