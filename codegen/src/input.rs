//! Reading spec files safely, and naming them the same way however `--spec-dir` is
//! spelled.
//!
//! The rules:
//! - Only regular files are read, at most [`MAX_SPEC_BYTES`] each. A FIFO, a socket or
//!   a device named `*.yaml` is refused with its kind named, without being opened for a
//!   blocking read; `/dev/zero` behind a link is refused, not read until memory runs out.
//! - Symbolic links inside the spec directory are followed, each file and directory at
//!   most once: a link loop or a second name for the same file loads it once, under the
//!   first name in sorted order.
//! - A spec must be UTF-8; the first invalid byte is reported with line and column.
//! - Paths shown in diagnostics and generated code are relative to the current directory
//!   when the spec directory is inside it (`spec/alibaba/x.yaml` for `spec`, `./spec`
//!   and `/abs/path/to/spec` alike), else relative to the spec directory and prefixed
//!   with its own name: an absolute path never reaches generated code.

use std::collections::BTreeSet;
use std::fs;
use std::io::{self, Read as _};
use std::path::{Component, Path, PathBuf};

use crate::error::{Diagnostic, Error, Pos};

/// The largest spec file read: 16 MiB. The largest real spec is well under 1 MiB; the
/// cap keeps a mistaken or hostile input from exhausting memory.
pub const MAX_SPEC_BYTES: u64 = 16 * 1024 * 1024;

/// Identity of a file or directory, to visit each once whatever its names.
#[cfg(unix)]
type FileKey = (u64, u64);
#[cfg(not(unix))]
type FileKey = PathBuf;

#[cfg(unix)]
fn file_key(path: &Path, meta: &fs::Metadata) -> FileKey {
    let _ = path;
    use std::os::unix::fs::MetadataExt as _;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn file_key(path: &Path, _meta: &fs::Metadata) -> FileKey {
    fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

fn is_spec_name(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "yaml" || e == "yml")
}

/// Every `*.yaml` / `*.yml` file under `dir`, sorted, each file once (see the module
/// docs on links). Entries that cannot be read as specs (a FIFO, a dangling link) are
/// listed too, so that reading them reports the problem with the file's name.
/// The directory name under which overlays live (`spec/overlays/`); spec walks skip it.
pub const OVERLAYS: &str = "overlays";

pub(crate) fn spec_files(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let top = fs::metadata(dir).map_err(|e| Error::io(dir, e))?;
    if !top.is_dir() {
        return Err(Error::Config(format!(
            "{}: the spec directory is not a directory",
            dir.display()
        )));
    }
    let mut dirs_seen = BTreeSet::new();
    dirs_seen.insert(file_key(dir, &top));
    let mut found = Vec::new();
    walk(dir, &mut dirs_seen, &mut found)?;
    found.sort_by(|a: &(PathBuf, Option<FileKey>), b| a.0.cmp(&b.0));
    let mut files_seen = BTreeSet::new();
    Ok(found
        .into_iter()
        .filter_map(|(path, key)| match key {
            Some(k) if !files_seen.insert(k) => None,
            _ => Some(path),
        })
        .collect())
}

fn walk(
    dir: &Path,
    dirs_seen: &mut BTreeSet<FileKey>,
    out: &mut Vec<(PathBuf, Option<FileKey>)>,
) -> Result<(), Error> {
    let mut entries = Vec::new();
    for entry in fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        entries.push(entry.map_err(|e| Error::io(dir, e))?.path());
    }
    entries.sort();
    for path in entries {
        // `metadata` follows links; a dangling link or a loop fails here.
        match fs::metadata(&path) {
            // Overlays are partial specs that `specbind import` merges; not specs.
            Ok(meta) if meta.is_dir() && path.file_name() == Some(OVERLAYS.as_ref()) => {}
            Ok(meta) if meta.is_dir() => {
                let first_visit = dirs_seen.insert(file_key(&path, &meta));
                if first_visit {
                    walk(&path, dirs_seen, out)?;
                }
            }
            Ok(meta) if is_spec_name(&path) => {
                out.push((path.clone(), Some(file_key(&path, &meta))))
            }
            Err(_) if is_spec_name(&path) => out.push((path, None)),
            _ => {}
        }
    }
    Ok(())
}

fn kind_of(meta: &fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
    }
    if meta.is_dir() {
        "a directory"
    } else {
        "not a regular file"
    }
}

fn refuse(msg: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, msg)
}

fn check_regular(meta: &fs::Metadata) -> io::Result<()> {
    if !meta.is_file() {
        return Err(refuse(format!(
            "{}: only regular files are read as specs",
            kind_of(meta)
        )));
    }
    if meta.len() > MAX_SPEC_BYTES {
        return Err(too_large());
    }
    Ok(())
}

fn too_large() -> io::Error {
    refuse(format!(
        "larger than {} MiB, the limit for a spec file",
        MAX_SPEC_BYTES >> 20
    ))
}

/// Opens without blocking: should a FIFO replace the file between the check and the
/// open, `open` returns at once instead of waiting for a writer. (The flag's value is
/// per platform; std has no name for it and this crate avoids a libc dependency.)
fn open_nonblocking(path: &Path) -> io::Result<fs::File> {
    let mut opts = fs::OpenOptions::new();
    opts.read(true);
    #[cfg(all(
        any(target_os = "linux", target_os = "android"),
        any(
            target_arch = "x86_64",
            target_arch = "x86",
            target_arch = "aarch64",
            target_arch = "arm",
            target_arch = "riscv64"
        )
    ))]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        opts.custom_flags(0o4000);
    }
    #[cfg(target_os = "macos")]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        opts.custom_flags(0x0004);
    }
    opts.open(path)
}

/// Reads a spec file's bytes: a regular file (links followed) of at most
/// [`MAX_SPEC_BYTES`].
pub(crate) fn read_spec(path: &Path) -> Result<Vec<u8>, Error> {
    let read = || -> io::Result<Vec<u8>> {
        check_regular(&fs::metadata(path)?)?;
        let file = open_nonblocking(path)?;
        // Checked again on the open file: the name may have changed meanwhile.
        let meta = file.metadata()?;
        check_regular(&meta)?;
        let mut bytes = Vec::with_capacity(meta.len() as usize);
        file.take(MAX_SPEC_BYTES + 1).read_to_end(&mut bytes)?;
        if bytes.len() as u64 > MAX_SPEC_BYTES {
            return Err(too_large());
        }
        Ok(bytes)
    };
    read().map_err(|e| Error::io(path, e))
}

/// Decodes spec bytes as UTF-8, or says where the first invalid byte is.
pub(crate) fn decode(bytes: Vec<u8>, display: &str) -> Result<String, Diagnostic> {
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let at = e.utf8_error().valid_up_to();
        // The prefix is valid UTF-8, so lines and characters can be counted in it.
        let prefix = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
        let line_start = prefix.rfind('\n').map_or(0, |i| i + 1);
        let pos = Pos {
            line: prefix.matches('\n').count() as u64 + 1,
            column: prefix[line_start..].chars().count() as u64 + 1,
        };
        Diagnostic::new(
            Path::new(display),
            pos,
            "",
            format!("the file is not UTF-8: invalid byte 0x{:02X}", bytes[at]),
        )
        .with_hint("specs are read as UTF-8; re-save the file in that encoding")
    })
}

/// Joins normal components with `/`, dropping `.`; `None` if any other component
/// (a root, a prefix, `..`) is present.
fn plain_relative(path: &Path) -> Option<String> {
    let mut parts = Vec::new();
    for c in path.components() {
        match c {
            Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(parts.join("/"))
}

fn current_dir() -> Option<PathBuf> {
    std::env::current_dir().and_then(fs::canonicalize).ok()
}

/// How paths under one spec directory are shown (see the module docs).
#[derive(Debug, Clone)]
pub(crate) struct DisplayRoot {
    dir: PathBuf,
    prefix: String,
}

impl DisplayRoot {
    /// The rule for files under `spec_dir`, however it is spelled.
    pub(crate) fn new(spec_dir: &Path) -> Self {
        let prefix = match (fs::canonicalize(spec_dir).ok(), current_dir()) {
            (Some(dir), Some(cwd)) => match dir.strip_prefix(&cwd) {
                Ok(rel) => plain_relative(rel).unwrap_or_default(),
                Err(_) => dir
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            },
            // The directory does not exist (reading it will say so): show it as spelled,
            // minus anything absolute.
            _ => plain_relative(spec_dir).unwrap_or_else(|| {
                spec_dir
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            }),
        };
        DisplayRoot {
            dir: spec_dir.to_path_buf(),
            prefix,
        }
    }

    /// The shown name of `file`, a path found under the spec directory.
    pub(crate) fn display(&self, file: &Path) -> String {
        let rel = file
            .strip_prefix(&self.dir)
            .ok()
            .and_then(plain_relative)
            .unwrap_or_else(|| file_name(file));
        match (self.prefix.is_empty(), rel.is_empty()) {
            (true, _) => rel,
            (false, true) => self.prefix.clone(),
            (false, false) => format!("{}/{rel}", self.prefix),
        }
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The shown name of one spec file given on its own (the build-script API), resolved
/// from `base` (the current directory when `None`): a plain relative spelling as
/// written minus `./`; otherwise relative to the base directory when inside it; else
/// the parent directory's name and the file name.
pub(crate) fn display_for_file(spelled: &Path, base: Option<&Path>) -> String {
    if let Some(rel) = plain_relative(spelled) {
        return rel;
    }
    let base = match base {
        Some(b) => fs::canonicalize(b).ok(),
        None => current_dir(),
    };
    let full = match base.as_deref() {
        Some(b) => b.join(spelled),
        None => spelled.to_path_buf(),
    };
    if let (Ok(file), Some(base)) = (fs::canonicalize(&full), base.as_deref())
        && let Ok(rel) = file.strip_prefix(base)
        && let Some(rel) = plain_relative(rel)
    {
        return rel;
    }
    match spelled.parent().and_then(Path::file_name) {
        Some(parent) => format!("{}/{}", parent.to_string_lossy(), file_name(spelled)),
        None => file_name(spelled),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_errors_point_at_the_byte() {
        let d = decode(b"a: 1\nbc: \xff\n".to_vec(), "x.yaml").unwrap_err();
        assert_eq!((d.pos.line, d.pos.column), (2, 5));
        assert!(d.message.contains("0xFF"), "{}", d.message);
        // After multi-byte characters, columns count characters: a lone continuation
        // byte after `  ü😀` on line 2 is column 5.
        let mut bytes = "é\n  ü😀".as_bytes().to_vec();
        bytes.push(0x80);
        let d = decode(bytes, "x.yaml").unwrap_err();
        assert_eq!((d.pos.line, d.pos.column), (2, 5));
        assert!(decode("ok: é\n".as_bytes().to_vec(), "x.yaml").is_ok());
    }

    #[test]
    fn plain_relative_spellings() {
        assert_eq!(
            plain_relative(Path::new("./spec//a/./b.yaml")).unwrap(),
            "spec/a/b.yaml"
        );
        assert_eq!(plain_relative(Path::new("../spec")), None);
        assert_eq!(plain_relative(Path::new("/spec")), None);
        assert_eq!(
            display_for_file(Path::new("./spec/x.yaml"), None),
            "spec/x.yaml"
        );
        assert_eq!(
            display_for_file(Path::new("/nonexistent/specs/x.yaml"), None),
            "specs/x.yaml"
        );
    }
}
