//! The three ways to generate — `Builder::render` (build scripts), this crate's
//! expansion (`include_spec!`) and `specbind::render_service` (the library) — give the
//! same items for the same spec and options.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use proc_macro2::TokenStream as TokenStream2;
use quote::{ToTokens, quote};

use super::expand;

/// The workspace root (this crate is `macros/`).
fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("macros/ has a parent")
        .to_path_buf()
}

/// The macro example crate, whose spec the examples use.
fn example_dir() -> PathBuf {
    workspace().join("examples/macro")
}

const EXAMPLE_SPEC: &str = "spec/cloudsso-tasks.yaml";

/// Options shared by the three modes.
#[derive(Clone, Default)]
struct Opts {
    operations: Option<Vec<&'static str>>,
    client: Option<bool>,
    extra_derives: Vec<&'static str>,
}

impl Opts {
    fn macro_input(&self, spec: &str) -> TokenStream2 {
        let mut t = quote!(#spec);
        if let Some(ops) = &self.operations {
            t.extend(quote!(, operations = [#(#ops),*]));
        }
        if let Some(c) = self.client {
            t.extend(quote!(, client = #c));
        }
        if !self.extra_derives.is_empty() {
            let d = &self.extra_derives;
            t.extend(quote!(, extra_derives = [#(#d),*]));
        }
        t
    }

    fn builder(&self, spec: &Path) -> specbind::Builder {
        let mut b = specbind::Builder::new();
        b.spec(spec).cargo_metadata(false);
        if let Some(ops) = &self.operations {
            b.operations(ops.iter().copied());
        }
        if let Some(c) = self.client {
            b.client(c);
        }
        for d in &self.extra_derives {
            b.extra_derive(*d);
        }
        b
    }

    fn emit_options(&self) -> specbind::EmitOptions {
        let mut o = specbind::EmitOptions::default();
        if let Some(c) = self.client {
            o.client = c;
        }
        o.extra_derives = self.extra_derives.iter().map(|d| d.to_string()).collect();
        o
    }
}

/// A file's items as one token string (comments, the header among them, do not survive).
fn items_of_source(src: &str) -> String {
    syn::parse_file(src)
        .expect("generated source parses")
        .to_token_stream()
        .to_string()
}

/// The macro's expansion without its leading `const _: &[u8] = include_bytes!(..);`,
/// which it checks names `abs_spec`.
fn items_of_expansion(tokens: TokenStream2, abs_spec: &Path) -> String {
    let mut file: syn::File = syn::parse2(tokens).expect("expansion parses as items");
    assert!(!file.items.is_empty(), "empty expansion");
    let first = file.items.remove(0);
    let syn::Item::Const(c) = &first else {
        panic!(
            "expansion does not start with the include_bytes! const: {}",
            first.to_token_stream()
        );
    };
    assert_eq!(c.ident.to_string(), "_");
    let syn::Expr::Macro(m) = &*c.expr else {
        panic!("const _ is not a macro call");
    };
    assert!(
        m.mac.path.segments.last().unwrap().ident == "include_bytes",
        "const _ is not include_bytes!"
    );
    let lit: syn::LitStr = m.mac.parse_body().expect("include_bytes! takes a string");
    assert_eq!(Path::new(&lit.value()), abs_spec);
    assert!(Path::new(&lit.value()).is_absolute());
    file.to_token_stream().to_string()
}

/// Renders `spec` (relative to `dir`) in all three modes, asserts they agree, and
/// returns the items.
fn three_modes(dir: &Path, spec: &str, opts: &Opts) -> syn::File {
    let abs = dir.join(spec);

    // 1. Build script: Builder::render.
    let files = opts
        .builder(&abs)
        .render()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(files.len(), 1, "one spec, one file");
    assert!(
        files[0].contents.starts_with(specbind::write::HEADER_MARK),
        "the build-script file has the header"
    );
    let from_builder = items_of_source(&files[0].contents);

    // 2. The macro's expansion.
    let expanded = expand(opts.macro_input(spec), dir).unwrap_or_else(|e| panic!("{e}"));
    let from_macro = items_of_expansion(expanded, &abs);

    // 3. The library: load_service + retain_operations + render_service.
    let mut service = specbind::load_service(&abs, spec).unwrap_or_else(|e| panic!("{e}"));
    if let Some(ops) = &opts.operations {
        let ops: Vec<String> = ops.iter().map(|s| s.to_string()).collect();
        service.retain_operations(&ops).expect("known operations");
    }
    let rendered =
        specbind::render_service(&service, &opts.emit_options()).unwrap_or_else(|e| panic!("{e}"));
    let from_library = items_of_source(&rendered);

    assert!(
        from_builder == from_macro,
        "Builder::render and include_spec! differ for {spec}"
    );
    assert!(
        from_builder == from_library,
        "Builder::render and render_service differ for {spec}"
    );
    assert_eq!(
        files[0].file_name,
        format!("{}.rs", service.file_stem()),
        "file name"
    );
    syn::parse_file(&files[0].contents).unwrap()
}

/// Names of the structs, enums, type aliases and statics, and the methods of `impl Client`.
fn names(file: &syn::File) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut types = BTreeSet::new();
    let mut client_methods = BTreeSet::new();
    for item in &file.items {
        match item {
            syn::Item::Struct(s) => {
                types.insert(s.ident.to_string());
            }
            syn::Item::Enum(e) => {
                types.insert(e.ident.to_string());
            }
            syn::Item::Type(t) => {
                types.insert(t.ident.to_string());
            }
            syn::Item::Static(s) => {
                types.insert(s.ident.to_string());
            }
            syn::Item::Impl(i)
                if i.trait_.is_none() && i.self_ty.to_token_stream().to_string() == "Client" =>
            {
                for it in &i.items {
                    if let syn::ImplItem::Fn(f) = it {
                        client_methods.insert(f.sig.ident.to_string());
                    }
                }
            }
            _ => {}
        }
    }
    (types, client_methods)
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|s| s.to_string()).collect()
}

#[test]
fn modes_agree_on_the_example_spec() {
    let file = three_modes(&example_dir(), EXAMPLE_SPEC, &Opts::default());
    let (types, methods) = names(&file);
    for t in [
        "SERVICE",
        "Task",
        "TaskStatus",
        "TaskType",
        "TargetType",
        "PrincipalType",
        "GetTaskRequest",
        "GetTaskResponse",
        "ListTasksRequest",
        "ListTasksResponse",
        "Client",
        "ClientBuilder",
    ] {
        assert!(types.contains(t), "missing {t}: {types:?}");
    }
    assert!(methods.is_superset(&set(&["get_task", "list_tasks"])));
}

/// The hand-written seed specs: realistic and small (the imported ones in `spec/` are a
/// hundred times larger; the CLI tests compare the CLI and the build script on those).
#[test]
fn modes_agree_on_the_seed_specs() {
    for spec in [
        "codegen/tests/data/seed_specs/alibaba/cloudsso-2021-05-15.yaml",
        "codegen/tests/data/seed_specs/tencent/organization-2021-03-31.yaml",
    ] {
        three_modes(&workspace(), spec, &Opts::default());
    }
}

#[test]
fn modes_agree_with_options() {
    let opts = Opts {
        operations: Some(vec!["ListTasks"]),
        client: Some(false),
        extra_derives: vec!["Eq", "::std::hash::Hash"],
    };
    let file = three_modes(&example_dir(), EXAMPLE_SPEC, &opts);
    let (types, _) = names(&file);
    assert!(!types.contains("Client"), "client = false: {types:?}");
    assert!(!types.contains("ListTasksFluentBuilder"), "{types:?}");
    assert!(types.contains("ListTasksRequest"));
    let text = file.to_token_stream().to_string();
    assert!(
        text.contains(":: std :: hash :: Hash"),
        "extra derive missing"
    );
}

#[test]
fn operations_subset_keeps_only_what_it_reaches() {
    let opts = Opts {
        operations: Some(vec!["GetTask"]),
        ..Opts::default()
    };
    let file = three_modes(&example_dir(), EXAMPLE_SPEC, &opts);
    let (types, methods) = names(&file);
    // GetTask reaches Task, and Task reaches TaskStatus, TargetType and PrincipalType.
    // In the example spec only ListTasks uses TaskType.
    assert_eq!(
        types,
        set(&[
            "SERVICE",
            "Client",
            "ClientBuilder",
            "GetTaskFluentBuilder",
            "GetTaskRequest",
            "GetTaskRequestBuilder",
            "GetTaskResponse",
            "PrincipalType",
            "TargetType",
            "Task",
            "TaskStatus",
        ])
    );
    assert!(methods.contains("get_task"));
    assert!(!methods.contains("list_tasks"), "{methods:?}");
    let text = file.to_token_stream().to_string();
    assert!(!text.contains("ListTasks"), "a ListTasks item is left");
    assert!(
        !text.contains("TaskType"),
        "TaskType is not reachable from GetTask"
    );

    // In the seed spec, Task has a TaskType field, so GetTask reaches it.
    let file = three_modes(
        &workspace(),
        "codegen/tests/data/seed_specs/alibaba/cloudsso-2021-05-15.yaml",
        &opts,
    );
    let (types, _) = names(&file);
    assert!(types.contains("TaskType"));
    assert!(!types.contains("ListTasksRequest"));
}

/// A copy of the example spec with `Task.Status` naming an enum that does not exist.
fn bad_spec_dir() -> (tempfile::TempDir, usize, usize) {
    let text = std::fs::read_to_string(example_dir().join(EXAMPLE_SPEC)).unwrap();
    let needle = "enum: TaskStatus\n        doc: The task status.";
    assert!(text.contains(needle));
    let bad = text.replacen(needle, "enum: TaskStatuz\n        doc: The task status.", 1);
    let offset = bad.find("TaskStatuz").unwrap();
    let line = bad[..offset].matches('\n').count() + 1;
    let column = offset - bad[..offset].rfind('\n').map_or(0, |i| i + 1) + 1;
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("spec")).unwrap();
    std::fs::write(dir.path().join("spec/bad.yaml"), bad).unwrap();
    (dir, line, column)
}

#[test]
fn a_bad_spec_is_an_error_with_the_full_diagnostic() {
    let (dir, line, column) = bad_spec_dir();
    let err = expand(quote!("spec/bad.yaml"), dir.path()).unwrap_err();
    // file:line:column, as written in the macro call, then the path inside the spec.
    let loc = format!("spec/bad.yaml:{line}:{column}:");
    assert!(err.starts_with(&loc), "{err}");
    assert!(err.contains("models.Task.fields.Status"), "{err}");
    assert!(err.contains("unknown enum `TaskStatuz`"), "{err}");
    assert!(err.contains("hint:"), "{err}");
    // The build-script mode reports the same diagnostic.
    let builder_err = specbind::Builder::new()
        .spec("spec/bad.yaml")
        .cargo_metadata(false)
        .services_from(|p| (dir.path().join(p), p.to_string_lossy().into_owned()))
        .unwrap_err()
        .to_string();
    assert_eq!(err, builder_err);
}

#[test]
fn a_missing_spec_names_the_directory_it_was_looked_for_in() {
    let dir = tempfile::tempdir().unwrap();
    let err = expand(quote!("spec/nope.yaml"), dir.path()).unwrap_err();
    assert!(err.contains("nope.yaml"), "{err}");
    assert!(err.contains("CARGO_MANIFEST_DIR"), "{err}");
}

#[test]
fn argument_mistakes_are_errors() {
    let dir = example_dir();
    let cases: &[(TokenStream2, &str)] = &[
        (quote!(), "needs a spec path"),
        (quote!(spec_path), "string literal"),
        (quote!(""), "empty"),
        (
            quote!("spec/cloudsso-tasks.yaml", colour = true),
            "unknown option `colour`",
        ),
        (
            quote!("spec/cloudsso-tasks.yaml", client = "no"),
            "expected boolean literal",
        ),
        (
            quote!("spec/cloudsso-tasks.yaml", client = true, client = false),
            "given twice",
        ),
        (
            quote!("spec/cloudsso-tasks.yaml", operations = []),
            "`operations` is empty",
        ),
        (
            quote!("spec/cloudsso-tasks.yaml", operations = ["Nope"]),
            "unknown operation(s) Nope",
        ),
        (
            quote!("spec/cloudsso-tasks.yaml", extra_derives = ["not a path"]),
            "not a derive path",
        ),
        (quote!("spec/cloudsso-tasks.yaml" "x"), "expected `,`"),
    ];
    for (input, want) in cases {
        let err = expand(input.clone(), &dir).unwrap_err();
        assert!(
            err.contains(want),
            "`{input}`: expected {want:?} in {err:?}"
        );
    }
}

#[test]
fn arguments_accept_a_trailing_comma_and_bare_derive_paths() {
    let dir = example_dir();
    let a = expand(
        quote!(
            "spec/cloudsso-tasks.yaml",
            extra_derives = [Eq, ::std::hash::Hash],
        ),
        &dir,
    )
    .unwrap();
    let b = expand(
        quote!(
            "spec/cloudsso-tasks.yaml",
            extra_derives = ["Eq", "::std::hash::Hash"]
        ),
        &dir,
    )
    .unwrap();
    assert_eq!(a.to_string(), b.to_string());
}
