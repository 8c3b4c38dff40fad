//! specbind turns YAML descriptions of cloud API operations into Rust: request and
//! response types, validators for every constraint the API reference states, and async
//! clients.
//!
//! The pipeline runs one way through one module per stage:
//! [`load`] (YAML → spec types with positions) → [`mod@check`] (semantic rules) →
//! [`model`] (resolved names and types) → [`emit`] (tokens) → [`mod@write`] (formatted,
//! atomic, only changed files). [`naming`] is the one place wire names become Rust
//! names.
//!
//! Three ways to use it: the `specbind` CLI (`generate`, `check`), [`Builder`] from a
//! build script, and the `specbind_macros::include_spec!` macro.
#![warn(missing_docs)]

pub mod build;
pub mod check;
pub mod emit;
pub mod error;
pub mod load;
pub mod model;
pub mod naming;
pub mod write;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use quote::quote;

pub use build::Builder;
pub use emit::EmitOptions;
pub use error::{Diagnostic, Error, Pos};
pub use model::Service;

/// Loads and checks one spec file. `display` is how the file is named in diagnostics
/// and in the generated header (e.g. `spec/alibaba/cloudsso-2021-05-15.yaml`).
pub fn load_service(path: &Path, display: &str) -> Result<Service, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    load_service_str(&text, display)
}

/// Loads and checks spec text; `display` names it in diagnostics.
pub fn load_service_str(text: &str, display: &str) -> Result<Service, Error> {
    let file = Path::new(display);
    let spec = load::load_str(file, text).map_err(Error::Spec)?;
    let diags = check::check(file, &spec);
    if !diags.is_empty() {
        return Err(Error::Spec(diags));
    }
    Ok(model::build(&spec, display))
}

/// Every `*.yaml` / `*.yml` file under `dir`, sorted.
pub fn spec_files(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), Error> {
        for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
            let path = entry.map_err(|e| Error::io(dir, e))?.path();
            if path.is_dir() {
                walk(&path, out)?;
            } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                out.push(path);
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(dir, &mut out)?;
    out.sort();
    Ok(out)
}

/// Loads every spec under `dir`, reporting the problems of all files together.
pub fn load_dir(dir: &Path) -> Result<Vec<Service>, Error> {
    let mut services = Vec::new();
    let mut diags = Vec::new();
    for path in spec_files(dir)? {
        let display = path.to_string_lossy().replace('\\', "/");
        match load_service(&path, &display) {
            Ok(s) => services.push(s),
            Err(Error::Spec(d)) => diags.extend(d),
            Err(e) => return Err(e),
        }
    }
    // Two specs may not claim the same module.
    let mut seen: BTreeMap<(model::Provider, String), &str> = BTreeMap::new();
    for s in &services {
        if let Some(other) = seen.insert((s.provider, s.module.clone()), &s.spec_path) {
            diags.push(Diagnostic::new(
                Path::new(&s.spec_path),
                Pos { line: 1, column: 1 },
                "service.name",
                format!(
                    "module `{}::{}` is also generated from {other}",
                    s.provider.as_str(),
                    s.module
                ),
            ));
        }
    }
    if !diags.is_empty() {
        return Err(Error::Spec(diags));
    }
    if services.is_empty() {
        return Err(Error::Config(format!(
            "no spec files (*.yaml) under {}",
            dir.display()
        )));
    }
    Ok(services)
}

/// The items for one service, formatted, with a header: what a build script writes to
/// `$OUT_DIR/<provider>_<service>.rs` and what the macro expands to.
pub fn render_service(service: &Service, opts: &EmitOptions) -> Result<String, Error> {
    emit::validate_options(opts)?;
    write::render(emit::service(service, opts), &service.spec_path)
}

/// Every file of a generated crate's `src/` for these services: `lib.rs` plus
/// `<provider>/<service>.rs`, keyed by path relative to `src/`.
pub fn render_crate(
    services: &[Service],
    opts: &EmitOptions,
) -> Result<BTreeMap<PathBuf, String>, Error> {
    let mut files = BTreeMap::new();
    let mut by_provider: BTreeMap<model::Provider, Vec<&Service>> = BTreeMap::new();
    for s in services {
        by_provider.entry(s.provider).or_default().push(s);
        files.insert(
            PathBuf::from(s.provider.as_str()).join(format!("{}.rs", s.module)),
            render_service(s, opts)?,
        );
    }
    let providers = by_provider.iter().map(|(p, svcs)| {
        let pmod = emit::ident(p.as_str());
        let pfeatures: Vec<String> = svcs.iter().map(|s| s.feature()).collect();
        let pcfg = if pfeatures.len() == 1 {
            let f = &pfeatures[0];
            quote!(feature = #f)
        } else {
            quote!(any(#(feature = #pfeatures),*))
        };
        let pdoc = match p {
            model::Provider::Alibaba => {
                " Alibaba Cloud APIs (RPC style, ACS3-HMAC-SHA256 signing)."
            }
            model::Provider::Tencent => " Tencent Cloud APIs (API 3.0, TC3-HMAC-SHA256 signing).",
        };
        let mods = svcs.iter().map(|s| {
            let m = emit::ident(&s.module);
            let feature = s.feature();
            let title = if s.title.is_empty() {
                &s.product
            } else {
                &s.title
            };
            let doc = format!(" {title} API `{}` (feature `{feature}`).", s.version);
            let extra = if s.doc.is_empty() {
                quote!()
            } else {
                let lines = s.doc.lines().map(|l| {
                    let l = if l.trim().is_empty() {
                        String::new()
                    } else {
                        format!(" {}", l.trim_end())
                    };
                    quote!(#[doc = #l])
                });
                quote!(#[doc = ""] #(#lines)*)
            };
            let source = match &s.source {
                Some(src) => {
                    let l = format!(" Source: {src}");
                    quote!(#[doc = ""] #[doc = #l])
                }
                None => quote!(),
            };
            let generated = format!(" Generated from `{}`.", s.spec_path);
            quote! {
                #[doc = #doc]
                #extra
                #source
                #[doc = ""]
                #[doc = #generated]
                #[cfg(feature = #feature)]
                pub mod #m;
            }
        });
        // prettyplease, not rustfmt, formats generated code; `cargo fmt` must leave it
        // alone or `check` would find it stale.
        quote! {
            #[doc = #pdoc]
            #[cfg(#pcfg)]
            #[rustfmt::skip]
            pub mod #pmod {
                #(#mods)*
            }
        }
    });
    let lib = quote! {
        //! Typed bindings for cloud APIs, generated by specbind from the YAML specs in
        //! `spec/`: request and response types, validators for every documented
        //! constraint, and async clients. Each service sits behind a cargo feature.
        #![deny(missing_docs)]

        pub use ::specbind_runtime as runtime;
        pub use ::specbind_runtime::{Error, ValidationError};

        #(#providers)*
    };
    files.insert(PathBuf::from("lib.rs"), write::render(lib, "spec/")?);
    Ok(files)
}

/// Keeps only the named operations (wire names) across `services`, with the models and
/// enums they reach, and drops services left with none. Every name must exist.
pub fn select_operations(services: &mut Vec<Service>, operations: &[String]) -> Result<(), Error> {
    if operations.is_empty() {
        return Err(Error::Config(
            "the operation subset is empty: name at least one operation".into(),
        ));
    }
    let unknown: Vec<&str> = operations
        .iter()
        .filter(|o| {
            !services
                .iter()
                .any(|s| s.operations.values().any(|x| &x.wire_name == *o))
        })
        .map(String::as_str)
        .collect();
    if !unknown.is_empty() {
        return Err(Error::Config(format!(
            "unknown operation(s) {}: no spec defines them",
            unknown.join(", ")
        )));
    }
    for s in services.iter_mut() {
        let mine: Vec<String> = operations
            .iter()
            .filter(|o| s.operations.values().any(|x| &x.wire_name == *o))
            .cloned()
            .collect();
        // Every name was found above, so only names this service has are passed.
        let _ = s.retain_operations(&mine);
    }
    services.retain(|s| !s.operations.is_empty());
    Ok(())
}

/// What the CLI generates: an operation subset and emission options.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CrateOptions {
    /// Only these operations (wire names), with what they reach; `None` for all.
    pub operations: Option<Vec<String>>,
    /// Client on or off, extra derives.
    pub emit: EmitOptions,
}

fn crate_files(spec_dir: &Path, opts: &CrateOptions) -> Result<BTreeMap<PathBuf, String>, Error> {
    let mut services = load_dir(spec_dir)?;
    if let Some(ops) = &opts.operations {
        select_operations(&mut services, ops)?;
    }
    render_crate(&services, &opts.emit)
}

/// Regenerates `out_dir` (a crate's `src/`) from every spec under `spec_dir`.
/// Nothing is written when any spec is bad.
pub fn generate(spec_dir: &Path, out_dir: &Path) -> Result<write::Report, Error> {
    generate_with(spec_dir, out_dir, &CrateOptions::default())
}

/// [`generate()`] with a subset and emission options.
pub fn generate_with(
    spec_dir: &Path,
    out_dir: &Path,
    opts: &CrateOptions,
) -> Result<write::Report, Error> {
    let files = crate_files(spec_dir, opts)?;
    write::write_files(out_dir, &files)
}

/// Checks that `out_dir` is exactly what `spec_dir` generates; writes nothing.
/// Returns [`Error::Stale`] naming every differing file.
pub fn check(spec_dir: &Path, out_dir: &Path) -> Result<(), Error> {
    check_with(spec_dir, out_dir, &CrateOptions::default())
}

/// [`check()`] with a subset and emission options.
pub fn check_with(spec_dir: &Path, out_dir: &Path, opts: &CrateOptions) -> Result<(), Error> {
    let files = crate_files(spec_dir, opts)?;
    let stale = write::stale_files(out_dir, &files)?;
    if stale.is_empty() {
        Ok(())
    } else {
        Err(Error::Stale(stale))
    }
}
