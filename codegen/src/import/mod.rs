//! `specbind import`: specs from the vendors' machine-readable API descriptions.
//!
//! [`tencent::read`] and [`alibaba::read`] read a description into the neutral
//! [`ir::Service`]; [`ir::lower`] decides names, mines rules from the prose and detects
//! paging; an overlay ([`overlay`]) adds what people know; the result is checked like any
//! spec and written only when `specbind check` would accept it.

pub mod alibaba;
pub mod examples;
pub mod ir;
pub mod mine;
pub mod overlay;
pub mod tencent;
pub mod tree;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use tree::Map;

/// A vendor whose descriptions import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vendor {
    /// tccli `api.json` (with `examples.json`).
    Tencent,
    /// OpenAPI metadata `api-docs.json`.
    Alibaba,
}

impl Vendor {
    /// `tencent` / `alibaba`.
    pub fn as_str(self) -> &'static str {
        match self {
            Vendor::Tencent => "tencent",
            Vendor::Alibaba => "alibaba",
        }
    }
}

/// Why a description could not be imported.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportError {
    /// The input is not JSON.
    Json(String),
    /// The input is JSON but not such a description.
    NotDescription(String),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Json(e) => write!(f, "not JSON: {e}"),
            ImportError::NotDescription(e) => f.write_str(e),
        }
    }
}

/// What import decided, for the summary it prints.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// Operations imported.
    pub operations: usize,
    /// Models imported.
    pub models: usize,
    /// Enums made from enumerated values in the prose.
    pub enums: usize,
    /// Operations with paging detected.
    pub paginators: usize,
    /// `rust_name`s given where two wire names would collide in Rust.
    pub renames: usize,
    /// Operations and models whose Rust names were kept from the spec being replaced
    /// ([`ir::Lock`]).
    pub locked: usize,
    /// Operations marked deprecated or offline.
    pub deprecated: usize,
    /// Members the vendor marks disabled, left out.
    pub skipped: usize,
    /// Rules mined from prose, by kind.
    pub mined: BTreeMap<String, usize>,
    /// Example requests or responses that contradict the spec.
    pub contradictions: Vec<String>,
    /// Example requests and responses looked at.
    pub examples: usize,
    /// The overlay merged, if any.
    pub overlay: Option<PathBuf>,
}

impl Report {
    pub(crate) fn count_mined(&mut self, kind: &str) {
        *self.mined.entry(kind.to_owned()).or_default() += 1;
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} operations, {} models, {} enums from enumerated values, {} paginators detected",
            self.operations, self.models, self.enums, self.paginators
        )?;
        let mined: Vec<String> = self.mined.iter().map(|(k, v)| format!("{k} {v}")).collect();
        writeln!(
            f,
            "mined rules: {}",
            if mined.is_empty() {
                "none".to_owned()
            } else {
                mined.join(", ")
            }
        )?;
        writeln!(
            f,
            "{} renamed for Rust, {} deprecated, {} disabled members left out",
            self.renames, self.deprecated, self.skipped
        )?;
        if self.locked > 0 {
            writeln!(
                f,
                "names kept from the spec being replaced: {} operations and models, with their fields and enums",
                self.locked
            )?;
        }
        match &self.overlay {
            Some(o) => writeln!(f, "overlay: {}", o.display())?,
            None => writeln!(f, "overlay: none")?,
        }
        writeln!(
            f,
            "{} examples checked, {} contradict the spec",
            self.examples,
            self.contradictions.len()
        )?;
        for c in &self.contradictions {
            writeln!(f, "  {c}")?;
        }
        Ok(())
    }
}

/// An imported spec, ready to print with [`tree::to_yaml`].
#[derive(Debug, Clone)]
pub struct Imported {
    /// The spec tree.
    pub spec: Map,
    /// The comment header.
    pub header: String,
    /// What import decided.
    pub report: Report,
}

impl Imported {
    /// The spec as YAML text.
    pub fn to_yaml(&self) -> String {
        tree::to_yaml(&self.header, &self.spec)
    }
}

/// Imports a description (no overlay). `name` overrides the module name.
pub fn import(vendor: Vendor, input: &str, name: Option<&str>) -> Result<Imported, ImportError> {
    import_locked(vendor, input, name, &ir::Lock::default())
}

/// [`import`], keeping the Rust names `lock` holds (read from the spec the import
/// replaces, [`ir::Lock::from_spec`]).
pub fn import_locked(
    vendor: Vendor,
    input: &str,
    name: Option<&str>,
    lock: &ir::Lock,
) -> Result<Imported, ImportError> {
    let mut report = Report::default();
    let svc = match vendor {
        Vendor::Tencent => tencent::read(input, name, &mut report)?,
        Vendor::Alibaba => alibaba::read(input, name, &mut report)?,
    };
    let spec = ir::lower_locked(&svc, lock, &mut report);
    let header = format!(
        "yaml-language-server: $schema=../schema.json\n\n\
         Generated by `specbind import {}` from {}\n\
         Edit the overlay (spec/overlays/{}/{}-{}.yaml), not this file: import rewrites it.",
        vendor.as_str(),
        svc.source.trim_end_matches('.'),
        vendor.as_str(),
        svc.name,
        svc.version,
    );
    Ok(Imported {
        spec,
        header,
        report,
    })
}

/// What the `import` command was asked to do.
#[derive(Debug, Clone)]
pub struct Request {
    /// Which vendor's description.
    pub vendor: Vendor,
    /// The description file.
    pub input: PathBuf,
    /// Tencent's examples.json.
    pub examples: Option<PathBuf>,
    /// The spec to write.
    pub out: PathBuf,
    /// An overlay named explicitly.
    pub overlay: Option<PathBuf>,
    /// Where overlays are looked up by provider, name and version.
    pub overlay_dir: PathBuf,
    /// Ignore overlays.
    pub no_overlay: bool,
    /// The module name, instead of the vendor's service name.
    pub name: Option<String>,
}

/// Runs an import: read, lower, overlay, check examples, check the spec, write it
/// atomically. Nothing is written unless the spec passes `specbind check`. When `out`
/// already holds a spec, the Rust names it chose are kept ([`ir::Lock`]); delete it
/// first for fresh names.
pub fn run(req: &Request) -> Result<Report, crate::Error> {
    let read = |p: &Path| std::fs::read_to_string(p).map_err(|e| crate::Error::io(p, e));
    let input = read(&req.input)?;
    let mut imported = import(req.vendor, &input, req.name.as_deref())
        .map_err(|e| crate::Error::Config(format!("{}: {e}", req.input.display())))?;
    let (name, version) = {
        let s = imported.spec.get("service").and_then(tree::Node::as_map);
        let get = |k: &str| {
            s.and_then(|s| s.get(k))
                .and_then(tree::Node::as_str)
                .unwrap_or("")
                .to_owned()
        };
        (get("name"), get("version"))
    };
    let overlay_path = if req.no_overlay {
        None
    } else if let Some(o) = &req.overlay {
        Some(o.clone())
    } else {
        let p = req
            .overlay_dir
            .join(req.vendor.as_str())
            .join(format!("{name}-{version}.yaml"));
        p.is_file().then_some(p)
    };
    let overlay_text = overlay_path.as_deref().map(read).transpose()?;
    // The spec being replaced, if any, fixes the Rust names import chose for it (not
    // those its overlay set: the overlay sets them again).
    if let Ok(old) = std::fs::read_to_string(&req.out) {
        let mut lock = ir::Lock::from_spec(&old);
        if let Some(text) = &overlay_text {
            lock.forget_overlay(text);
        }
        if !lock.is_empty() {
            imported = import_locked(req.vendor, &input, req.name.as_deref(), &lock)
                .map_err(|e| crate::Error::Config(format!("{}: {e}", req.input.display())))?;
        }
    }
    let mut applied = None;
    if let (Some(o), Some(text)) = (&overlay_path, overlay_text) {
        let display = o.display().to_string();
        let a = overlay::apply(&mut imported.spec, &display, &text).map_err(crate::Error::Spec)?;
        applied = Some(a);
        imported.report.overlay = Some(o.clone());
    }
    if let Some(ex) = &req.examples {
        let text = read(ex)?;
        let found = examples::tencent_examples(&text)
            .map_err(|e| crate::Error::Config(format!("{}: {e}", ex.display())))?;
        examples::check_requests(&imported.spec, &found, &mut imported.report);
    }
    if req.vendor == Vendor::Alibaba {
        let found = examples::alibaba_examples(&input)
            .map_err(|e| crate::Error::Config(format!("{}: {e}", req.input.display())))?;
        examples::check_requests(&imported.spec, &found, &mut imported.report);
    }
    let yaml = imported.to_yaml();
    let display = req.out.display().to_string();
    if let Err(crate::Error::Spec(diags)) = crate::load_service_str(&yaml, &display) {
        let diags = match &applied {
            Some(a) => a.repoint(diags),
            None => diags,
        };
        return Err(crate::Error::Spec(diags));
    }
    // Unchanged bytes are not rewritten: a re-import of the same inputs leaves the
    // file (and its modification time) alone.
    if std::fs::read(&req.out).ok().as_deref() != Some(yaml.as_bytes()) {
        crate::write::write_atomic(&req.out, yaml.as_bytes())?;
    }
    Ok(imported.report)
}
