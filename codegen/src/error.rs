//! Errors the generator reports: diagnostics that point into a spec file, and I/O.

use std::fmt;
use std::path::{Path, PathBuf};

/// A position in a spec file, 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    /// Line, counting from 1.
    pub line: u64,
    /// Column, counting from 1.
    pub column: u64,
}

/// One problem in a spec: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The spec file.
    pub file: PathBuf,
    /// Where in the file.
    pub pos: Pos,
    /// The path inside the spec, e.g. `operations.ListTasks.request.MaxResults.range`.
    pub path: String,
    /// What is wrong.
    pub message: String,
    /// How to fix it, where a hint helps.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A diagnostic without a hint.
    pub fn new(file: &Path, pos: Pos, path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_path_buf(),
            pos,
            path: path.into(),
            message: message.into(),
            hint: None,
        }
    }

    /// Adds a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: error at `{}`: {}",
            self.file.display(),
            self.pos.line,
            self.pos.column,
            if self.path.is_empty() {
                "<root>"
            } else {
                &self.path
            },
            self.message
        )?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// Everything that can go wrong while generating.
///
/// `Debug` prints the same text as `Display`, so a build script that ends in
/// `.generate().unwrap()` or returns the error from `main` shows the diagnostics as
/// `file:line:column: error at `path`: message`, exactly as the CLI does.
#[non_exhaustive]
pub enum Error {
    /// One or more specs are invalid; nothing was written.
    Spec(Vec<Diagnostic>),
    /// Reading or writing a file failed.
    Io {
        /// The file or directory involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// `check` found generated files that differ from what the specs give.
    Stale(Vec<PathBuf>),
    /// A request that cannot be met, such as an unknown operation in a subset.
    Config(String),
    /// The generator built code that does not parse: a bug in specbind.
    Internal(String),
}

impl Error {
    /// The spec diagnostics, if this is a spec error.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Error::Spec(d) => d,
            _ => &[],
        }
    }

    pub(crate) fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Spec(diags) => {
                for (i, d) in diags.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(f, "{d}")?;
                }
                Ok(())
            }
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::Stale(files) => {
                write!(f, "generated code is out of date with the specs:")?;
                for p in files {
                    write!(f, "\n  stale: {}", p.display())?;
                }
                write!(f, "\n  hint: run `cargo run -p specbind -- generate`")
            }
            Error::Config(msg) => f.write_str(msg),
            Error::Internal(msg) => write!(f, "internal error (a bug in specbind): {msg}"),
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A leading newline keeps the first diagnostic at the start of a line after
        // `called `Result::unwrap()` on an `Err` value:`.
        write!(f, "\n{self}")
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}
