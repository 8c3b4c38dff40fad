//! Generating from a build script.
//!
//! ```no_run
//! // in build.rs's `fn main`:
//! specbind::Builder::new()
//!     .spec("spec/cloudsso.yaml")
//!     .operations(["GetTask", "ListTasks"])
//!     .generate()
//!     .unwrap_or_else(|e| panic!("{e}"));
//! ```
//! Then, in the crate:
//! ```ignore
//! pub mod cloudsso {
//!     include!(concat!(env!("OUT_DIR"), "/alibaba_cloudsso.rs"));
//! }
//! ```
//! The crate needs `specbind-runtime` and `serde` (with `derive`) as dependencies.

use std::path::{Path, PathBuf};

use crate::emit::EmitOptions;
use crate::error::Error;
use crate::model::Service;
use crate::write;

/// Configures code generation for a build script, one option per method.
#[derive(Debug, Clone)]
pub struct Builder {
    specs: Vec<PathBuf>,
    operations: Option<Vec<String>>,
    services: Option<Vec<String>>,
    options: EmitOptions,
    out_dir: Option<PathBuf>,
    base_dir: Option<PathBuf>,
    cargo_metadata: bool,
}

impl Default for Builder {
    fn default() -> Self {
        Builder {
            specs: Vec::new(),
            operations: None,
            services: None,
            options: EmitOptions::default(),
            out_dir: None,
            base_dir: None,
            cargo_metadata: true,
        }
    }
}

/// One generated file: its name and contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// `<provider>_<service>.rs`, e.g. `alibaba_cloudsso.rs`.
    pub file_name: String,
    /// The formatted Rust source.
    pub contents: String,
}

impl Builder {
    /// Default settings: every operation, client on, output to `$OUT_DIR`, and
    /// `cargo:rerun-if-changed` lines printed.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a spec file. Relative paths are resolved from the current directory, which
    /// in a build script is the package root.
    pub fn spec(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.specs.push(path.as_ref().to_path_buf());
        self
    }

    /// Generates only these operations (wire names, e.g. `ListTasks`) and the models
    /// and enums they reach. Each name must exist in at least one spec.
    pub fn operations<I, S>(&mut self, names: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.operations = Some(names.into_iter().map(Into::into).collect());
        self
    }

    /// Generates only these services, named `provider/name` (e.g. `alibaba/cloudsso`) or
    /// by module name alone (`cloudsso`), out of the specs given. Each name must match.
    pub fn services<I, S>(&mut self, names: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.services = Some(names.into_iter().map(Into::into).collect());
        self
    }

    /// Adds a derive to every generated struct and enum, e.g. `"Eq"` or
    /// `"::schemars::JsonSchema"`.
    pub fn extra_derive(&mut self, path: impl Into<String>) -> &mut Self {
        self.options.extra_derives.push(path.into());
        self
    }

    /// Whether to generate the async client (default on). Off gives types and
    /// validators only.
    pub fn client(&mut self, on: bool) -> &mut Self {
        self.options.client = on;
        self
    }

    /// Writes into `dir` instead of `$OUT_DIR`.
    pub fn out_dir(&mut self, dir: impl AsRef<Path>) -> &mut Self {
        self.out_dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// Resolves relative spec paths from `dir` instead of the current directory
    /// (diagnostics still name them as written). A proc macro sets this to the calling
    /// crate's manifest directory.
    pub fn base_dir(&mut self, dir: impl AsRef<Path>) -> &mut Self {
        self.base_dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// Whether to print `cargo:rerun-if-changed=<spec>` for every spec read (default on).
    pub fn cargo_metadata(&mut self, on: bool) -> &mut Self {
        self.cargo_metadata = on;
        self
    }

    /// The options emission will use.
    pub fn emit_options(&self) -> &EmitOptions {
        &self.options
    }

    /// Loads, checks and filters the specs into resolved services.
    ///
    /// Each spec is named in diagnostics and generated code as written, minus `./`; an
    /// absolute path or one with `..` is named relative to the base directory when inside
    /// it, else by its parent directory's name and its own, so no absolute path reaches
    /// generated code.
    pub fn resolve(&self) -> Result<Vec<Service>, Error> {
        let base = self.base_dir.clone();
        self.services_from(move |p| {
            let path = match &base {
                Some(b) => b.join(p),
                None => p.to_path_buf(),
            };
            (path, crate::input::display_for_file(p, base.as_deref()))
        })
    }

    /// Like [`resolve`](Self::resolve), resolving each spec path with `resolve`,
    /// which returns the path to read and the name to show in diagnostics.
    pub fn services_from(
        &self,
        resolve: impl Fn(&Path) -> (PathBuf, String),
    ) -> Result<Vec<Service>, Error> {
        if self.specs.is_empty() {
            return Err(Error::Config("no spec given: call .spec(path)".into()));
        }
        let mut services = Vec::new();
        let mut diags = Vec::new();
        // Every spec is read, so that all their problems are reported together; a file
        // that cannot be read is an I/O error when it is the only problem.
        let mut unreadable = Vec::new();
        for spec in &self.specs {
            let (path, display) = resolve(spec);
            if self.cargo_metadata {
                println!("cargo:rerun-if-changed={}", path.display());
            }
            match crate::load_service(&path, &display) {
                Ok(s) => services.push(s),
                Err(Error::Spec(d)) => diags.extend(d),
                Err(e @ Error::Io { .. }) => unreadable.push((e, display)),
                Err(e) => return Err(e),
            }
        }
        if diags.is_empty() && unreadable.len() == 1 {
            return Err(unreadable.remove(0).0);
        }
        for (e, display) in unreadable {
            diags.extend(crate::file_diagnostic(e, &write::escape_text(&display)));
        }
        if !diags.is_empty() {
            return Err(Error::Spec(diags));
        }
        if let Some(wanted) = &self.services {
            let matches = |s: &Service, w: &str| {
                w == s.module || w == format!("{}/{}", s.provider.as_str(), s.module)
            };
            let unknown: Vec<&str> = wanted
                .iter()
                .filter(|w| !services.iter().any(|s| matches(s, w)))
                .map(String::as_str)
                .collect();
            if !unknown.is_empty() || wanted.is_empty() {
                return Err(Error::Config(format!(
                    "no spec given defines the service(s) {}",
                    if wanted.is_empty() {
                        "(none named)".to_owned()
                    } else {
                        unknown.join(", ")
                    }
                )));
            }
            services.retain(|s| wanted.iter().any(|w| matches(s, w)));
        }
        if let Some(ops) = &self.operations {
            crate::select_operations(&mut services, ops)?;
        }
        Ok(services)
    }

    /// Renders one file per service without writing anything.
    pub fn render(&self) -> Result<Vec<GeneratedFile>, Error> {
        self.resolve()?
            .iter()
            .map(|s| {
                Ok(GeneratedFile {
                    file_name: format!("{}.rs", s.file_stem()),
                    contents: crate::render_service(s, &self.options)?,
                })
            })
            .collect()
    }

    /// Writes `<provider>_<service>.rs` for each service into the output directory
    /// (`$OUT_DIR` unless [`out_dir`](Self::out_dir) was set), changing only files
    /// whose bytes differ.
    pub fn generate(&self) -> Result<(), Error> {
        let out = match &self.out_dir {
            Some(d) => d.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or_else(|| {
                    Error::Config(
                        "OUT_DIR is not set: call .out_dir(..) outside a build script".into(),
                    )
                })?,
        };
        // Staged and swapped as `generate` does; other files in the directory (it is
        // cargo's `OUT_DIR`) are not this builder's to remove.
        let staging = write::Staging::begin(&out, false)?;
        for f in self.render()? {
            staging.stage(Path::new(&f.file_name), f.contents.as_bytes())?;
        }
        staging.commit()?;
        Ok(())
    }
}
