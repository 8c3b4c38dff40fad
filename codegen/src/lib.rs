//! specbind turns YAML descriptions of cloud API operations into Rust: request and
//! response types, validators for every constraint the API reference states, and async
//! clients.
//!
//! The pipeline runs one way through one module per stage:
//! [`load`] (YAML → spec types with positions) → [`mod@check`] (semantic rules) →
//! [`model`] (resolved names and types) → [`emit`] (tokens) → [`mod@print`] (laid-out text)
//! → [`mod@write`] (atomic, only changed files). [`naming`] is the one place wire names become Rust
//! names.
//!
//! Three ways to use it: the `specbind` CLI (`generate`, `check`), [`Builder`] from a
//! build script, and the `specbind_macros::include_spec!` macro.
#![warn(missing_docs)]

pub mod build;
pub mod check;
pub mod diff;
pub mod docs;
pub mod emit;
pub mod error;
pub mod import;
mod input;
pub mod load;
pub mod model;
pub mod naming;
pub mod print;
pub mod write;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use quote::quote;

pub use build::Builder;
pub use emit::EmitOptions;
pub use error::{Diagnostic, Error, Pos};
pub use input::MAX_SPEC_BYTES;
pub use model::Service;

/// Loads and checks one spec file. `display` is how the file is named in diagnostics
/// and in the generated header (e.g. `spec/alibaba/cloudsso-2021-05-15.yaml`).
///
/// Only a regular file (links followed) of at most [`MAX_SPEC_BYTES`] is read, and it
/// must be UTF-8; an invalid byte is reported with its line and column.
pub fn load_service(path: &Path, display: &str) -> Result<Service, Error> {
    let bytes = input::read_spec(path)?;
    let text =
        input::decode(bytes, &write::escape_text(display)).map_err(|d| Error::Spec(vec![d]))?;
    load_service_str(&text, display)
}

/// Loads and checks spec text; `display` names it in diagnostics and generated code,
/// with control and bidirectional characters escaped ([`write::escape_text`]).
pub fn load_service_str(text: &str, display: &str) -> Result<Service, Error> {
    let display = write::escape_text(display);
    let file = Path::new(&display);
    let spec = load::load_str(file, text).map_err(Error::Spec)?;
    let diags = check::check(file, &spec);
    if !diags.is_empty() {
        return Err(Error::Spec(diags));
    }
    Ok(model::build(&spec, &display))
}

/// Every `*.yaml` / `*.yml` file under `dir`, sorted, outside directories named
/// `overlays` (partial specs that `specbind import` merges). Links are followed, each
/// file and directory once, so a link loop lists a file once.
pub fn spec_files(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    input::spec_files(dir)
}

/// A problem reading one spec file, as a diagnostic, so that it is reported together
/// with every other file's problems.
fn file_diagnostic(e: Error, display: &str) -> Vec<Diagnostic> {
    match e {
        Error::Spec(d) => d,
        Error::Io { source, .. } => vec![Diagnostic::new(
            Path::new(display),
            Pos { line: 1, column: 1 },
            "",
            format!("cannot read the spec: {source}"),
        )],
        other => vec![Diagnostic::new(
            Path::new(display),
            Pos { line: 1, column: 1 },
            "",
            other.to_string(),
        )],
    }
}

/// Each spec file under `spec_dir` with the name it is shown by.
fn spec_sources(spec_dir: &Path) -> Result<Vec<(PathBuf, String)>, Error> {
    let root = input::DisplayRoot::new(spec_dir);
    Ok(spec_files(spec_dir)?
        .into_iter()
        .map(|p| {
            let display = write::escape_text(&root.display(&p));
            (p, display)
        })
        .collect())
}

/// Two specs may not claim the same module.
fn duplicate_modules<'a>(
    claims: impl IntoIterator<Item = (model::Provider, &'a str, &'a str, Pos)>,
) -> Vec<Diagnostic> {
    let mut seen: BTreeMap<(model::Provider, &str), &str> = BTreeMap::new();
    let mut diags = Vec::new();
    for (provider, module, spec_path, name_pos) in claims {
        if let Some(other) = seen.insert((provider, module), spec_path) {
            diags.push(Diagnostic::new(
                Path::new(spec_path),
                name_pos,
                "service.name",
                format!(
                    "module `{}::{module}` is also generated from {other}",
                    provider.as_str(),
                ),
            ));
        }
    }
    diags
}

/// Loads every spec under `dir`, reporting the problems of all files together,
/// unreadable and non-UTF-8 files included.
///
/// This holds every service in memory; [`generate()`] and [`check()`] instead stream
/// one service at a time through each worker thread.
pub fn load_dir(dir: &Path) -> Result<Vec<Service>, Error> {
    let sources = spec_sources(dir)?;
    let mut services = Vec::new();
    let mut diags = Vec::new();
    let results = parallel_map(&sources, |(path, display)| load_service(path, display));
    for (result, (_, display)) in results.into_iter().zip(&sources) {
        match result {
            Ok(s) => services.push(s),
            Err(e @ Error::Internal(_)) => return Err(e),
            Err(e) => diags.extend(file_diagnostic(e, display)),
        }
    }
    diags.extend(duplicate_modules(services.iter().map(|s| {
        (
            s.provider,
            s.module.as_str(),
            s.spec_path.as_str(),
            s.name_pos,
        )
    })));
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

/// Runs `f` over `items` on one worker per core (at most one per item), each worker
/// taking the next item when done; results come back in item order, so output does not
/// depend on scheduling.
fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if workers <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<R>>> = items.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            // The main thread's stack size: loading and formatting recurse with the
            // nesting of the spec.
            std::thread::Builder::new()
                .stack_size(8 << 20)
                .spawn_scoped(scope, || {
                    IN_WORKER.set(true);
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        let r = f(item);
                        *slots[i].lock().unwrap_or_else(|p| p.into_inner()) = Some(r);
                    }
                })
                .expect("spawn a generator worker thread");
        }
    });
    slots
        .into_iter()
        .map(|m| {
            m.into_inner()
                .unwrap_or_else(|p| p.into_inner())
                .expect("every item is processed")
        })
        .collect()
}

/// The items for one service, formatted, with a header: what a build script writes to
/// `$OUT_DIR/<provider>_<service>.rs` and what the macro expands to.
///
/// A large service is shared out among the cores, in runs of consecutive groups whose
/// texts are joined in order, so the output is the same as on one thread; inside
/// [`generate`]'s own workers (one service per core already) it stays on one thread.
pub fn render_service(service: &Service, opts: &EmitOptions) -> Result<String, Error> {
    emit::validate_options(opts)?;
    let parts = emit::service_parts(service, opts);
    let threads = if IN_WORKER.get() || parts.len() < PARALLEL_PARTS {
        1
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
    };
    let render = |chunk: &[emit::Part<'_>]| {
        write::render_body(chunk.iter().map(|p| emit::part_items(service, *p, opts)))
    };
    if threads <= 1 {
        return Ok(write::with_header(&render(&parts)?, &service.spec_path));
    }
    let chunks: Vec<&[emit::Part<'_>]> = parts.chunks(parts.len().div_ceil(threads)).collect();
    let bodies = parallel_map(&chunks, |c| render(c));
    let mut body = String::new();
    for b in bodies {
        body.push_str(&b?);
    }
    Ok(write::with_header(&body, &service.spec_path))
}

/// Services with fewer groups (enums, models, operations) are rendered on one thread:
/// below this, starting threads costs about what it saves.
const PARALLEL_PARTS: usize = 64;

thread_local! {
    /// Set on [`parallel_map`]'s worker threads, which already keep every core busy.
    static IN_WORKER: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// What `lib.rs` needs of one service: kept after the service's model is dropped.
#[derive(Debug, Clone)]
struct ModuleEntry {
    provider: model::Provider,
    module: String,
    feature: String,
    title: String,
    version: String,
    doc: String,
    source: Option<String>,
    spec_path: String,
    name_pos: Pos,
}

impl ModuleEntry {
    fn of(s: &Service) -> Self {
        ModuleEntry {
            provider: s.provider,
            module: s.module.clone(),
            feature: s.feature(),
            title: if s.title.is_empty() {
                s.product.clone()
            } else {
                s.title.clone()
            },
            version: s.version.clone(),
            doc: s.doc.clone(),
            source: s.source.clone(),
            spec_path: s.spec_path.clone(),
            name_pos: s.name_pos,
        }
    }

    /// `<provider>/<module>.rs`, relative to `src/`.
    fn file(&self) -> PathBuf {
        PathBuf::from(self.provider.as_str()).join(format!("{}.rs", self.module))
    }
}

/// `text` as a Markdown code span: fenced with one more backtick than its longest run,
/// so a backtick in a path cannot end the span and turn the rest into Markdown.
fn code_span(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    if longest == 0 {
        format!("{fence}{text}{fence}")
    } else {
        format!("{fence} {text} {fence}")
    }
}

/// Every file of a generated crate's `src/` for these services: `lib.rs` plus
/// `<provider>/<service>.rs`, keyed by path relative to `src/`.
///
/// This holds every rendered file at once; [`generate()`] streams instead.
pub fn render_crate(
    services: &[Service],
    opts: &EmitOptions,
) -> Result<BTreeMap<PathBuf, String>, Error> {
    let mut files = BTreeMap::new();
    let mut entries = Vec::new();
    for s in services {
        let entry = ModuleEntry::of(s);
        files.insert(entry.file(), render_service(s, opts)?);
        entries.push(entry);
    }
    files.insert(PathBuf::from("lib.rs"), render_lib(&entries)?);
    Ok(files)
}

/// `lib.rs`: one `pub mod` per provider, one feature-gated module per service.
fn render_lib(entries: &[ModuleEntry]) -> Result<String, Error> {
    let mut by_provider: BTreeMap<model::Provider, Vec<&ModuleEntry>> = BTreeMap::new();
    for e in entries {
        by_provider.entry(e.provider).or_default().push(e);
    }
    let providers = by_provider.iter().map(|(p, svcs)| {
        let pmod = emit::ident(p.as_str());
        let pfeatures: Vec<&str> = svcs.iter().map(|s| s.feature.as_str()).collect();
        let pcfg = if pfeatures.len() == 1 {
            let f = pfeatures[0];
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
            let feature = &s.feature;
            // Spec text in one-line docs: control and bidirectional characters escaped,
            // as `check` should already have refused them.
            let doc = format!(
                " {} API {} (feature `{feature}`).",
                write::escape_text(&s.title),
                code_span(&write::escape_text(&s.version))
            );
            let extra = if s.doc.is_empty() {
                quote!()
            } else {
                let lines = s.doc.lines().map(|l| {
                    let l = if l.trim().is_empty() {
                        String::new()
                    } else {
                        format!(" {}", write::escape_text(l.trim_end()))
                    };
                    quote!(#[doc = #l])
                });
                quote!(#[doc = ""] #(#lines)*)
            };
            let source = match &s.source {
                Some(src) => {
                    let l = format!(" Source: {}", write::escape_text(src));
                    quote!(#[doc = ""] #[doc = #l])
                }
                None => quote!(),
            };
            // The path is escaped where it is recorded (`load_service_str`); escaping
            // again is a no-op that keeps this line safe on its own.
            let generated = format!(
                " Generated from {}.",
                code_span(&write::escape_text(&s.spec_path))
            );
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
        // specbind's printer, not rustfmt, lays out generated code; `cargo fmt` must leave it
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
    write::render(lib, "spec/")
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

/// What one worker made of one spec file.
enum Outcome {
    /// Loaded; rendered and handed to the sink unless the subset left it nothing. The
    /// requested operations it defines.
    Loaded {
        entry: ModuleEntry,
        rendered: bool,
        found: Vec<String>,
    },
    /// The file's problems.
    Bad(Vec<Diagnostic>),
    /// Not the spec's fault: an internal error, or the sink failed.
    Failed(Error),
    /// Not processed, because another worker had failed.
    Skipped,
}

/// Loads, checks, models and renders each spec under `spec_dir` and hands every file
/// of the crate to `sink` (path relative to `src/`, contents), `lib.rs` last. Each
/// worker thread holds one service at a time, from load to rendered text, so memory
/// follows the largest service, not the sum. Every spec's problems are reported
/// together; on any error some files may have reached the sink, so the sink stages
/// rather than writes.
fn stream_crate(
    spec_dir: &Path,
    opts: &CrateOptions,
    sink: &(dyn Fn(&Path, &str) -> Result<(), Error> + Sync),
) -> Result<(), Error> {
    emit::validate_options(&opts.emit)?;
    let wanted = opts.operations.as_deref();
    if wanted.is_some_and(<[String]>::is_empty) {
        return Err(Error::Config(
            "the operation subset is empty: name at least one operation".into(),
        ));
    }
    let sources = spec_sources(spec_dir)?;
    if sources.is_empty() {
        return Err(Error::Config(format!(
            "no spec files (*.yaml) under {}",
            spec_dir.display()
        )));
    }
    let failed = AtomicBool::new(false);
    let outcomes = parallel_map(&sources, |(path, display)| {
        if failed.load(Ordering::Relaxed) {
            return Outcome::Skipped;
        }
        let mut service = match load_service(path, display) {
            Ok(s) => s,
            Err(e @ Error::Internal(_)) => return Outcome::Failed(e),
            Err(e) => return Outcome::Bad(file_diagnostic(e, display)),
        };
        let mut found = Vec::new();
        if let Some(ops) = wanted {
            found = ops
                .iter()
                .filter(|o| service.operations.values().any(|x| &x.wire_name == *o))
                .cloned()
                .collect();
            // Only names this service defines are passed, so this cannot fail.
            let _ = service.retain_operations(&found);
        }
        let entry = ModuleEntry::of(&service);
        let rendered = !service.operations.is_empty();
        if rendered {
            let written =
                render_service(&service, &opts.emit).and_then(|text| sink(&entry.file(), &text));
            if let Err(e) = written {
                failed.store(true, Ordering::Relaxed);
                return Outcome::Failed(e);
            }
        }
        Outcome::Loaded {
            entry,
            rendered,
            found,
        }
    });

    let mut diags = Vec::new();
    let mut failure = None;
    let mut loaded = Vec::new();
    for outcome in outcomes {
        match outcome {
            Outcome::Loaded {
                entry,
                rendered,
                found,
            } => loaded.push((entry, rendered, found)),
            Outcome::Bad(d) => diags.extend(d),
            Outcome::Failed(e) => {
                failure.get_or_insert(e);
            }
            Outcome::Skipped => {}
        }
    }
    diags.extend(duplicate_modules(loaded.iter().map(|(e, _, _)| {
        (
            e.provider,
            e.module.as_str(),
            e.spec_path.as_str(),
            e.name_pos,
        )
    })));
    if !diags.is_empty() {
        return Err(Error::Spec(diags));
    }
    if let Some(e) = failure {
        return Err(e);
    }
    if let Some(ops) = wanted {
        let unknown: Vec<&str> = ops
            .iter()
            .filter(|o| !loaded.iter().any(|(_, _, found)| found.contains(o)))
            .map(String::as_str)
            .collect();
        if !unknown.is_empty() {
            return Err(Error::Config(format!(
                "unknown operation(s) {}: no spec defines them",
                unknown.join(", ")
            )));
        }
    }
    let entries: Vec<ModuleEntry> = loaded
        .into_iter()
        .filter(|(_, rendered, _)| *rendered)
        .map(|(e, _, _)| e)
        .collect();
    sink(Path::new("lib.rs"), &render_lib(&entries)?)
}

/// Regenerates `out_dir` (a crate's `src/`) from every spec under `spec_dir`.
/// Nothing is written when any spec is bad, and a failed or killed run leaves the
/// previous output usable (see [`mod@write`]).
pub fn generate(spec_dir: &Path, out_dir: &Path) -> Result<write::Report, Error> {
    generate_with(spec_dir, out_dir, &CrateOptions::default())
}

/// [`generate()`] with a subset and emission options.
pub fn generate_with(
    spec_dir: &Path,
    out_dir: &Path,
    opts: &CrateOptions,
) -> Result<write::Report, Error> {
    let staging = write::Staging::begin(out_dir, true)?;
    stream_crate(spec_dir, opts, &|rel, text| {
        staging.stage(rel, text.as_bytes())
    })?;
    staging.commit()
}

/// Checks that `out_dir` is exactly what `spec_dir` generates; writes nothing.
/// Returns [`Error::Stale`] naming every differing file.
pub fn check(spec_dir: &Path, out_dir: &Path) -> Result<(), Error> {
    check_with(spec_dir, out_dir, &CrateOptions::default())
}

/// [`check()`] with a subset and emission options.
pub fn check_with(spec_dir: &Path, out_dir: &Path, opts: &CrateOptions) -> Result<(), Error> {
    let checker = write::Checker::new(out_dir);
    stream_crate(spec_dir, opts, &|rel, text| {
        checker.compare(rel, text.as_bytes());
        Ok(())
    })?;
    let stale = checker.finish()?;
    if stale.is_empty() {
        Ok(())
    } else {
        Err(Error::Stale(stale))
    }
}
