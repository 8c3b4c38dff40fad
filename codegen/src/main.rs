//! The `specbind` command: `generate` regenerates the bindings, `check` verifies them,
//! `diff` says what a change of the specs breaks.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Generation builds and drops many small token trees; mimalloc serves that at a
/// fraction of the system allocator's cost (docs/performance.md has the figures).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Keeps typed Rust bindings for cloud APIs in step with their specs.
#[derive(Parser)]
#[command(name = "specbind", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate the bindings crate's sources from the specs (writes only changed files).
    Generate(Paths),
    /// Check that the bindings match the specs; writes nothing, exits 1 if stale.
    Check(Paths),
    /// What a change of the specs does to code using the generated crate: exits 1 when
    /// something breaks, 0 when nothing does, 2 on bad input.
    Diff(specbind::diff::DiffArgs),
    /// Write a spec from a vendor's machine-readable API description.
    Import(ImportArgs),
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Vendor {
    /// Tencent Cloud tccli `api.json` (with `--examples examples.json`).
    Tencent,
    /// Alibaba Cloud OpenAPI metadata `api-docs.json` (RPC style).
    Alibaba,
}

#[derive(clap::Args)]
struct ImportArgs {
    /// Whose description it is.
    #[arg(value_enum)]
    vendor: Vendor,
    /// The description file.
    input: PathBuf,
    /// Tencent's examples.json for the same service version.
    #[arg(long)]
    examples: Option<PathBuf>,
    /// The spec file to write.
    #[arg(long)]
    out: PathBuf,
    /// An overlay to merge (default: <overlay-dir>/<provider>/<name>-<version>.yaml if present).
    #[arg(long, conflicts_with = "no_overlay")]
    overlay: Option<PathBuf>,
    /// Where overlays are looked up.
    #[arg(long, default_value = "spec/overlays")]
    overlay_dir: PathBuf,
    /// Merge no overlay.
    #[arg(long)]
    no_overlay: bool,
    /// The Rust module name (default: the vendor's service name).
    #[arg(long)]
    name: Option<String>,
}

#[derive(clap::Args)]
struct Paths {
    /// Directory holding the spec files (*.yaml), searched recursively.
    #[arg(long, default_value = "spec")]
    spec_dir: PathBuf,
    /// The generated crate's source directory.
    #[arg(long, default_value = "generated/src")]
    out_dir: PathBuf,
    /// Only these operations (wire names, comma-separated), with the models and enums
    /// they reach.
    #[arg(long, value_delimiter = ',')]
    operations: Option<Vec<String>>,
    /// Types and validators only: no async client.
    #[arg(long)]
    no_client: bool,
    /// A derive added to every generated type, e.g. `Eq` (repeatable).
    #[arg(long = "extra-derive")]
    extra_derives: Vec<String>,
}

impl Paths {
    fn options(&self) -> specbind::CrateOptions {
        specbind::CrateOptions {
            operations: self.operations.clone(),
            emit: specbind::EmitOptions {
                client: !self.no_client,
                extra_derives: self.extra_derives.clone(),
            },
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Diff(args) => return specbind::diff::run_cli(args),
        Command::Generate(p) => {
            specbind::generate_with(&p.spec_dir, &p.out_dir, &p.options()).map(|r| {
                for f in &r.written {
                    eprintln!("wrote {}", f.display());
                }
                for f in &r.removed {
                    eprintln!("removed {}", f.display());
                }
                eprintln!(
                    "{} file(s) written, {} unchanged, {} removed",
                    r.written.len(),
                    r.unchanged.len(),
                    r.removed.len()
                );
            })
        }
        Command::Check(p) => {
            specbind::check_with(&p.spec_dir, &p.out_dir, &p.options()).map(|()| {
                eprintln!("generated code is up to date with {}", p.spec_dir.display());
            })
        }
        Command::Import(a) => import(a),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

fn import(a: &ImportArgs) -> Result<(), specbind::Error> {
    use specbind::import::{Request, Vendor as V};
    let vendor = match a.vendor {
        Vendor::Tencent => V::Tencent,
        Vendor::Alibaba => V::Alibaba,
    };
    if a.examples.is_some() && matches!(a.vendor, Vendor::Alibaba) {
        return Err(specbind::Error::Config(
            "--examples is for Tencent's examples.json; Alibaba's examples are inside api-docs.json".to_owned(),
        ));
    }
    let report = specbind::import::run(&Request {
        vendor,
        input: a.input.clone(),
        examples: a.examples.clone(),
        out: a.out.clone(),
        overlay: a.overlay.clone(),
        overlay_dir: a.overlay_dir.clone(),
        no_overlay: a.no_overlay,
        name: a.name.clone(),
    })?;
    eprint!("{report}");
    eprintln!("wrote {}", a.out.display());
    Ok(())
}
