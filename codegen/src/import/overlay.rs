//! Overlays: hand-written knowledge that survives re-import.
//!
//! An overlay is a partial spec in the spec format (`spec/overlays/<provider>/<name>-<version>.yaml`)
//! that adds or corrects rules, docs and renames in an imported spec. [`apply`] deep-merges
//! it into the imported tree: mappings merge by key, scalars and sequences replace, and
//! `null` removes the key.
//!
//! An overlay may only refine what the vendor describes: naming an operation, a request
//! parameter, a response field or a field of an imported model that the import lacks is
//! an error at the overlay's line and column (a renamed or dropped member then shows up
//! at once instead of silently adding a parameter the service does not know). New enums,
//! models, constraints and pagination are allowed.
//!
//! The rules an overlay sets are marked `origin: overlay` where the format has room for
//! it, and [`Applied::repoint`] sends what `check` later says about them back to the
//! overlay's file, line and column.

use std::path::{Path, PathBuf};

use super::tree::{self, Located, LocatedValue, Map, Node};
use crate::error::{Diagnostic, Pos};
use crate::load::closest;

/// What an overlay set, and where: the result of [`apply`].
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    file: PathBuf,
    /// Spec paths the overlay set (`operations.ListTasks.request.MaxResults.range`), each
    /// with the position of its key in the overlay, in overlay order.
    pub set: Vec<(String, Pos)>,
}

impl Applied {
    /// The overlay file, as given to [`apply`].
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// Points each diagnostic whose spec path lies at or under a path the overlay set at
    /// the overlay's file, line and column (the most specific such path wins); leaves the
    /// others as they are.
    pub fn repoint(&self, diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
        diags
            .into_iter()
            .map(|mut d| {
                let owner = self
                    .set
                    .iter()
                    .filter(|(p, _)| is_at_or_under(&d.path, p))
                    .max_by_key(|(p, _)| p.len());
                if let Some((_, pos)) = owner {
                    d.file = self.file.clone();
                    d.pos = *pos;
                }
                d
            })
            .collect()
    }
}

/// `path` is `prefix` or lies inside it (`prefix.x`, `prefix[0]`).
fn is_at_or_under(path: &str, prefix: &str) -> bool {
    !prefix.is_empty()
        && path
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
}

/// The top-level keys of a spec.
const TOP_LEVEL: &[&str] = &["service", "enums", "models", "operations"];

/// Merges the overlay `text` (from `file`, used in diagnostics and by
/// [`Applied::repoint`]) into `spec`.
///
/// Returns every problem found, each at the overlay's line and column; on error `spec`
/// is left unchanged.
pub fn apply(spec: &mut Map, file: &str, text: &str) -> Result<Applied, Vec<Diagnostic>> {
    let path = Path::new(file);
    let root = tree::parse(text).map_err(|e| {
        vec![Diagnostic::new(
            path,
            e.pos,
            "",
            format!("invalid YAML: {}", e.message),
        )]
    })?;
    let mut v = Validator {
        file: path,
        spec,
        diags: Vec::new(),
    };
    let entries = match &root.value {
        LocatedValue::Map(entries) => entries.as_slice(),
        // An empty file: nothing to merge.
        LocatedValue::Scalar(Node::Null) => &[],
        _ => {
            v.err(root.pos, "", "an overlay is a mapping (a partial spec)");
            return Err(v.diags);
        }
    };
    v.root(entries);
    if !v.diags.is_empty() {
        return Err(v.diags);
    }
    let mut applied = Applied {
        file: path.to_path_buf(),
        set: Vec::new(),
    };
    merge(spec, entries, "", &[], &mut applied.set);
    Ok(applied)
}

// ---------------------------------------------------------------------------
// Checking names against the imported spec
// ---------------------------------------------------------------------------

struct Validator<'a> {
    file: &'a Path,
    spec: &'a Map,
    diags: Vec<Diagnostic>,
}

type Entries = [(String, Pos, Located)];

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn names(m: Option<&Map>) -> Vec<&str> {
    m.map(|m| m.iter().map(|(k, _)| k).collect())
        .unwrap_or_default()
}

fn child<'m>(m: Option<&'m Map>, key: &str) -> Option<&'m Map> {
    m.and_then(|m| m.get(key)).and_then(Node::as_map)
}

impl Validator<'_> {
    fn err(&mut self, pos: Pos, path: &str, msg: impl Into<String>) {
        self.diags.push(Diagnostic::new(self.file, pos, path, msg));
    }

    /// The entries of a mapping value; `None` (nothing to check) for `null`, an error for
    /// anything else.
    fn map<'l>(&mut self, node: &'l Located, path: &str) -> Option<&'l Entries> {
        match &node.value {
            LocatedValue::Map(e) => Some(e),
            LocatedValue::Scalar(Node::Null) => None,
            _ => {
                self.err(node.pos, path, "expected a mapping");
                None
            }
        }
    }

    /// Reports duplicate keys (the second of each).
    fn duplicates(&mut self, entries: &Entries, path: &str) {
        for (i, (k, pos, _)) in entries.iter().enumerate() {
            if let Some((_, first, _)) = entries[..i].iter().find(|(k2, _, _)| k2 == k) {
                let first = *first;
                self.diags.push(
                    Diagnostic::new(
                        self.file,
                        *pos,
                        join(path, k),
                        format!("duplicate key `{k}`"),
                    )
                    .with_hint(format!(
                        "first defined at line {}, column {}",
                        first.line, first.column
                    )),
                );
            }
        }
    }

    /// Reports each key of `entries` that `known` lacks, as a `what` missing from the
    /// imported spec, with the closest known name as a hint.
    fn must_exist(&mut self, entries: &Entries, path: &str, known: &[&str], what: &str) {
        for (k, pos, _) in entries {
            if known.contains(&k.as_str()) {
                continue;
            }
            let hint = match closest(k, known) {
                Some(c) => format!("did you mean `{c}`?"),
                None if known.is_empty() => "the imported spec has none".to_owned(),
                None => {
                    "an overlay refines what the import produced; it cannot add this".to_owned()
                }
            };
            self.diags.push(
                Diagnostic::new(
                    self.file,
                    *pos,
                    join(path, k),
                    format!("{what} `{k}` is not in the imported spec"),
                )
                .with_hint(hint),
            );
        }
    }

    fn root(&mut self, entries: &Entries) {
        self.duplicates(entries, "");
        for (k, pos, _) in entries {
            if !TOP_LEVEL.contains(&k.as_str()) {
                let hint = closest(k, TOP_LEVEL)
                    .map(|c| format!("did you mean `{c}`?"))
                    .unwrap_or_else(|| format!("expected one of: {}", TOP_LEVEL.join(", ")));
                self.diags.push(
                    Diagnostic::new(self.file, *pos, k.as_str(), format!("unknown key `{k}`"))
                        .with_hint(hint),
                );
            }
        }
        for (k, _, v) in entries {
            match k.as_str() {
                "operations" => self.operations(v),
                "models" => self.models(v),
                "service" | "enums" => self.nested_duplicates(v, k),
                _ => {}
            }
        }
    }

    /// Duplicate keys anywhere below (where names are not checked against the spec).
    fn nested_duplicates(&mut self, node: &Located, path: &str) {
        match &node.value {
            LocatedValue::Map(entries) => {
                self.duplicates(entries, path);
                for (k, _, v) in entries {
                    self.nested_duplicates(v, &join(path, k));
                }
            }
            LocatedValue::Seq(items) => {
                for (i, it) in items.iter().enumerate() {
                    self.nested_duplicates(it, &format!("{path}[{i}]"));
                }
            }
            LocatedValue::Scalar(_) => {}
        }
    }

    fn operations(&mut self, node: &Located) {
        let Some(ops) = self.map(node, "operations") else {
            return;
        };
        self.duplicates(ops, "operations");
        let spec_ops = child(Some(self.spec), "operations");
        self.must_exist(ops, "operations", &names(spec_ops), "operation");
        for (op, _, v) in ops {
            let Some(spec_op) = child(spec_ops, op) else {
                continue;
            };
            let path = join("operations", op);
            let Some(entries) = self.map(v, &path) else {
                continue;
            };
            self.duplicates(entries, &path);
            for (k, _, v) in entries {
                let kpath = join(&path, k);
                match k.as_str() {
                    "request" | "response" => {
                        let what = if k == "request" {
                            "request parameter"
                        } else {
                            "response field"
                        };
                        self.fields(v, &kpath, child(Some(spec_op), k), what);
                    }
                    _ => self.nested_duplicates(v, &kpath),
                }
            }
        }
    }

    fn fields(&mut self, node: &Located, path: &str, spec_fields: Option<&Map>, what: &str) {
        let Some(entries) = self.map(node, path) else {
            return;
        };
        self.duplicates(entries, path);
        self.must_exist(entries, path, &names(spec_fields), what);
        for (k, _, v) in entries {
            self.nested_duplicates(v, &join(path, k));
        }
    }

    fn models(&mut self, node: &Located) {
        let Some(models) = self.map(node, "models") else {
            return;
        };
        self.duplicates(models, "models");
        let spec_models = child(Some(self.spec), "models");
        for (name, _, v) in models {
            let path = join("models", name);
            let Some(spec_model) = child(spec_models, name) else {
                // A new model: all of it is the overlay's.
                self.nested_duplicates(v, &path);
                continue;
            };
            let Some(entries) = self.map(v, &path) else {
                continue;
            };
            self.duplicates(entries, &path);
            for (k, _, v) in entries {
                let kpath = join(&path, k);
                if k == "fields" {
                    self.fields(v, &kpath, child(Some(spec_model), "fields"), "model field");
                } else {
                    self.nested_duplicates(v, &kpath);
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Merging
// ---------------------------------------------------------------------------

/// Where a key sits, as far as origin tagging cares.
#[derive(Clone, Copy, PartialEq)]
enum Slot {
    /// A rule mapping that takes `origin` (`range`, `length`, `pagination`, an enum).
    OriginMap,
    /// A scalar rule that takes the `{value, origin}` form (`prefix`, `pattern`, `default`).
    OriginScalar,
    /// A list of constraints: each item takes `origin`.
    Constraints,
    Other,
}

/// What `key` at `path` is. Field contexts are `operations.<op>.request|response.<field>`
/// and `models.<model>.fields.<field>`.
fn slot(path: &[&str], key: &str) -> Slot {
    let in_field = matches!(path, ["operations", _, "request" | "response", _])
        || matches!(path, ["models", _, "fields", _]);
    match (path, key) {
        (_, "range" | "length") if in_field => Slot::OriginMap,
        (_, "prefix" | "pattern" | "default") if in_field => Slot::OriginScalar,
        (["operations", _], "pagination") => Slot::OriginMap,
        (["operations", _], "constraints") => Slot::Constraints,
        (["enums"], _) => Slot::OriginMap,
        _ => Slot::Other,
    }
}

fn with_origin(mut m: Map) -> Map {
    if !m.contains_key("origin") {
        m.insert("origin", "overlay");
    }
    m
}

/// The overlay's value as it goes into the spec, tagged with `origin: overlay` where
/// its slot takes one.
fn tagged(slot: Slot, value: &Located) -> Node {
    let node = value.to_node();
    match (slot, node) {
        (Slot::OriginMap, Node::Map(m)) => Node::Map(with_origin(m)),
        (Slot::OriginScalar, Node::Map(m)) => Node::Map(with_origin(m)),
        (Slot::OriginScalar, scalar @ (Node::Str(_) | Node::Int(_) | Node::Bool(_))) => {
            let mut m = Map::new();
            m.insert("value", scalar);
            m.insert("origin", "overlay");
            Node::Map(m)
        }
        (Slot::Constraints, Node::Seq(items)) => Node::Seq(
            items
                .into_iter()
                .map(|it| match it {
                    Node::Map(m) => Node::Map(with_origin(m)),
                    other => other,
                })
                .collect(),
        ),
        (_, node) => node,
    }
}

/// Merges `entries` (the overlay's mapping at `path`, whose keys are `segments`) into `dst`,
/// recording in `set` every path the overlay sets.
fn merge(
    dst: &mut Map,
    entries: &Entries,
    path: &str,
    segments: &[&str],
    set: &mut Vec<(String, Pos)>,
) {
    for (key, pos, value) in entries {
        let kpath = join(path, key);
        let slot = slot(segments, key);
        match (&value.value, dst.get_mut(key)) {
            (LocatedValue::Scalar(Node::Null), _) => {
                dst.remove(key);
                set.push((kpath, *pos));
            }
            (LocatedValue::Map(inner), Some(Node::Map(existing))) => {
                if matches!(slot, Slot::OriginMap | Slot::OriginScalar)
                    && !inner.iter().any(|(k, _, _)| k == "origin")
                {
                    // The overlay restates this rule: it is the overlay's now.
                    existing.insert("origin", "overlay");
                    set.push((kpath.clone(), *pos));
                }
                let mut inner_segments = segments.to_vec();
                inner_segments.push(key);
                merge(existing, inner, &kpath, &inner_segments, set);
            }
            _ => {
                dst.insert(key.clone(), tagged(slot, value));
                set.push((kpath.clone(), *pos));
                record_inside(&kpath, value, set);
            }
        }
    }
}

/// Records the paths inside a value the overlay set whole (a new model, a list of
/// constraints), so a diagnostic deep inside points at its own line.
fn record_inside(path: &str, value: &Located, set: &mut Vec<(String, Pos)>) {
    match &value.value {
        LocatedValue::Map(entries) => {
            for (k, pos, v) in entries {
                let p = join(path, k);
                set.push((p.clone(), *pos));
                record_inside(&p, v, set);
            }
        }
        LocatedValue::Seq(items) => {
            for (i, it) in items.iter().enumerate() {
                let p = format!("{path}[{i}]");
                set.push((p.clone(), it.pos));
                record_inside(&p, it, set);
            }
        }
        LocatedValue::Scalar(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An imported spec in miniature, as YAML.
    const IMPORTED: &str = "\
service:
  provider: tencent
  name: organization
enums:
  TaskStatus:
    values:
      InProgress: running
operations:
  ListTasks:
    doc: Lists tasks.
    request:
      MaxResults:
        type: int64
        range:
          min: 1
          max: 100
          origin: mined
      ZoneId:
        type: string
      TargetType:
        type: string
    response:
      Tasks:
        type: list
        items: {type: object, model: TaskInfo}
  GetTask:
    request:
      TaskId:
        type: string
models:
  TaskInfo:
    fields:
      TaskId:
        type: string
      Status:
        type: string
";

    fn imported() -> Map {
        match tree::parse(IMPORTED).unwrap().to_node() {
            Node::Map(m) => m,
            other => panic!("{other:?}"),
        }
    }

    fn yaml(m: &Map) -> String {
        tree::to_yaml("", m)
    }

    fn at(spec: &Map, path: &str) -> Option<Node> {
        let mut node = Node::Map(spec.clone());
        for seg in path.split('.') {
            node = node.as_map()?.get(seg)?.clone();
        }
        Some(node)
    }

    #[test]
    fn maps_merge_scalars_and_sequences_replace_null_removes() {
        let mut spec = imported();
        let overlay = "\
operations:
  ListTasks:
    doc: Queries the asynchronous task list.
    request:
      MaxResults:
        range: {max: 20}
        default: 10
      ZoneId:
        prefix: z-
        doc: The space ID.
      TargetType: null
    constraints:
      - paired: [ZoneId, MaxResults]
    pagination:
      input_token: NextToken
enums:
  TaskStatus:
    values:
      Failed: failed
  PrincipalType:
    values: {User: a user}
models:
  Extra:
    fields:
      Name: {type: string}
";
        let applied = apply(&mut spec, "o.yaml", overlay).unwrap();
        assert_eq!(
            at(&spec, "operations.ListTasks.doc"),
            Some(Node::Str("Queries the asynchronous task list.".into()))
        );
        // range merged key by key, the overlay's value wins, origin is the overlay's now.
        let range = at(&spec, "operations.ListTasks.request.MaxResults.range").unwrap();
        assert_eq!(
            yaml(range.as_map().unwrap()),
            "min: 1\nmax: 20\norigin: overlay\n"
        );
        // Scalar rules take the `{value, origin}` form.
        let default = at(&spec, "operations.ListTasks.request.MaxResults.default").unwrap();
        assert_eq!(
            yaml(default.as_map().unwrap()),
            "value: 10\norigin: overlay\n"
        );
        let prefix = at(&spec, "operations.ListTasks.request.ZoneId.prefix").unwrap();
        assert_eq!(
            yaml(prefix.as_map().unwrap()),
            "value: z-\norigin: overlay\n"
        );
        // A doc is not a rule: plain.
        assert_eq!(
            at(&spec, "operations.ListTasks.request.ZoneId.doc"),
            Some(Node::Str("The space ID.".into()))
        );
        // null removes.
        assert_eq!(at(&spec, "operations.ListTasks.request.TargetType"), None);
        // Constraint items and pagination carry their origin.
        assert_eq!(
            yaml(&{
                let mut m = Map::new();
                m.insert("c", at(&spec, "operations.ListTasks.constraints").unwrap());
                m.insert("p", at(&spec, "operations.ListTasks.pagination").unwrap());
                m
            }),
            "c:\n  - paired:\n      - ZoneId\n      - MaxResults\n    origin: overlay\np:\n  input_token: NextToken\n  origin: overlay\n"
        );
        // Enums: an existing one gains a value, a new one is added; both are the overlay's.
        assert_eq!(
            yaml(at(&spec, "enums").unwrap().as_map().unwrap()),
            "TaskStatus:\n  values:\n    InProgress: running\n    Failed: failed\n  origin: overlay\nPrincipalType:\n  values:\n    User: a user\n  origin: overlay\n"
        );
        // A new model is allowed.
        assert!(at(&spec, "models.Extra.fields.Name").is_some());
        // What the overlay set, and where.
        let paths: Vec<(&str, u64, u64)> = applied
            .set
            .iter()
            .map(|(p, pos)| (p.as_str(), pos.line, pos.column))
            .collect();
        assert_eq!(
            paths,
            [
                ("operations.ListTasks.doc", 3, 5),
                ("operations.ListTasks.request.MaxResults.range", 6, 9),
                ("operations.ListTasks.request.MaxResults.range.max", 6, 17),
                ("operations.ListTasks.request.MaxResults.default", 7, 9),
                ("operations.ListTasks.request.ZoneId.prefix", 9, 9),
                ("operations.ListTasks.request.ZoneId.doc", 10, 9),
                ("operations.ListTasks.request.TargetType", 11, 7),
                ("operations.ListTasks.constraints", 12, 5),
                ("operations.ListTasks.constraints[0]", 13, 9),
                ("operations.ListTasks.constraints[0].paired", 13, 9),
                ("operations.ListTasks.constraints[0].paired[0]", 13, 18),
                ("operations.ListTasks.constraints[0].paired[1]", 13, 26),
                ("operations.ListTasks.pagination", 14, 5),
                ("operations.ListTasks.pagination.input_token", 15, 7),
                ("enums.TaskStatus", 17, 3),
                ("enums.TaskStatus.values.Failed", 19, 7),
                ("enums.PrincipalType", 20, 3),
                ("enums.PrincipalType.values", 21, 5),
                ("enums.PrincipalType.values.User", 21, 14),
                ("models.Extra", 23, 3),
                ("models.Extra.fields", 24, 5),
                ("models.Extra.fields.Name", 25, 7),
                ("models.Extra.fields.Name.type", 25, 14),
            ]
        );
    }

    #[test]
    fn a_sequence_replaces_and_an_existing_origin_stays() {
        let mut spec = imported();
        spec.map_mut("operations")
            .map_mut("ListTasks")
            .insert("constraints", Node::Seq(vec![Node::Str("old".into())]));
        let overlay = "operations:\n  ListTasks:\n    constraints:\n      - {paired: [A, B], origin: mined}\n    request:\n      ZoneId:\n        pattern: {value: '^z-', origin: mined}\n";
        apply(&mut spec, "o.yaml", overlay).unwrap();
        let c = at(&spec, "operations.ListTasks.constraints").unwrap();
        let mut m = Map::new();
        m.insert("c", c);
        m.insert(
            "p",
            at(&spec, "operations.ListTasks.request.ZoneId.pattern").unwrap(),
        );
        assert_eq!(
            yaml(&m),
            "c:\n  - paired:\n      - A\n      - B\n    origin: mined\np:\n  value: \"^z-\"\n  origin: mined\n"
        );
    }

    fn errors(overlay: &str) -> Vec<(u64, u64, String, String, Option<String>)> {
        let mut spec = imported();
        let before = spec.clone();
        let e = apply(
            &mut spec,
            "spec/overlays/tencent/organization-2021-03-31.yaml",
            overlay,
        )
        .unwrap_err();
        assert_eq!(spec, before, "an overlay with errors changes nothing");
        e.into_iter()
            .map(|d| {
                assert_eq!(
                    d.file,
                    Path::new("spec/overlays/tencent/organization-2021-03-31.yaml")
                );
                (d.pos.line, d.pos.column, d.path, d.message, d.hint)
            })
            .collect()
    }

    #[test]
    fn unknown_names_are_errors_at_their_position_with_a_hint() {
        let e = errors(
            "\
operations:
  ListTask:
    doc: x
  GetTask:
    request:
      TaskID: {prefix: t-}
    response:
      Nope: {doc: y}
  ListTasks:
    request:
      MaxResult: {default: 10}
models:
  TaskInfo:
    fields:
      Statuss: {doc: z}
  NewModel:
    fields:
      Anything: {type: string}
",
        );
        let s = |x: &str| x.to_owned();
        assert_eq!(
            e,
            [
                (
                    2,
                    3,
                    s("operations.ListTask"),
                    s("operation `ListTask` is not in the imported spec"),
                    Some(s("did you mean `ListTasks`?"))
                ),
                (
                    6,
                    7,
                    s("operations.GetTask.request.TaskID"),
                    s("request parameter `TaskID` is not in the imported spec"),
                    Some(s("did you mean `TaskId`?"))
                ),
                (
                    8,
                    7,
                    s("operations.GetTask.response.Nope"),
                    s("response field `Nope` is not in the imported spec"),
                    Some(s("the imported spec has none"))
                ),
                (
                    11,
                    7,
                    s("operations.ListTasks.request.MaxResult"),
                    s("request parameter `MaxResult` is not in the imported spec"),
                    Some(s("did you mean `MaxResults`?"))
                ),
                (
                    15,
                    7,
                    s("models.TaskInfo.fields.Statuss"),
                    s("model field `Statuss` is not in the imported spec"),
                    Some(s("did you mean `Status`?"))
                ),
            ]
        );
    }

    #[test]
    fn unknown_top_level_keys_duplicates_and_bad_yaml() {
        let e = errors("service:\n  doc: x\noperation:\n  ListTasks: {}\n");
        assert_eq!(e.len(), 1);
        assert_eq!((e[0].0, e[0].1), (3, 1));
        assert_eq!(e[0].3, "unknown key `operation`");
        assert_eq!(e[0].4.as_deref(), Some("did you mean `operations`?"));

        let e = errors("operations:\n  ListTasks:\n    doc: a\n    doc: b\n");
        assert_eq!(e.len(), 1);
        assert_eq!(
            (e[0].0, e[0].1, e[0].2.as_str()),
            (4, 5, "operations.ListTasks.doc")
        );
        assert_eq!(e[0].4.as_deref(), Some("first defined at line 3, column 5"));

        let e = errors("operations:\n  ListTasks: [1, 2\n");
        assert_eq!(e.len(), 1);
        assert!(e[0].3.starts_with("invalid YAML: "), "{e:?}");
        assert_eq!(e[0].0, 2);

        let e = errors("- a\n");
        assert_eq!(
            (e[0].0, e[0].1, e[0].3.as_str()),
            (1, 1, "an overlay is a mapping (a partial spec)")
        );

        let e = errors("operations:\n  ListTasks:\n    request: [1]\n");
        assert_eq!(
            (e[0].0, e[0].1, e[0].3.as_str()),
            (3, 14, "expected a mapping")
        );
    }

    #[test]
    fn an_empty_overlay_changes_nothing() {
        let mut spec = imported();
        let applied = apply(&mut spec, "o.yaml", "").unwrap();
        assert_eq!(spec, imported());
        assert!(applied.set.is_empty());
    }

    #[test]
    fn repoint_moves_diagnostics_under_overlay_paths_to_the_overlay() {
        let mut spec = imported();
        let overlay = "\
operations:
  ListTasks:
    request:
      MaxResults:
        range: {min: 200}
      ZoneId:
        prefix: z-
    constraints:
      - paired: [ZoneId, Nope]
";
        let applied = apply(&mut spec, "ov.yaml", overlay).unwrap();
        assert_eq!(applied.file(), Path::new("ov.yaml"));
        let spec_file = Path::new("spec/tencent/organization.yaml");
        let d = |path: &str| {
            Diagnostic::new(
                spec_file,
                Pos {
                    line: 40,
                    column: 9,
                },
                path,
                "bad",
            )
        };
        let out = applied.repoint(vec![
            // At the range the overlay restated: its key.
            d("operations.ListTasks.request.MaxResults.range"),
            // Under it, at the overlay's own key: the most specific wins.
            d("operations.ListTasks.request.MaxResults.range.min"),
            d("operations.ListTasks.request.ZoneId.prefix.value"),
            d("operations.ListTasks.constraints[0].paired[1]"),
            // Imported, untouched: stays.
            d("operations.ListTasks.request.MaxResults.type"),
            d("operations.ListTasks.request.ZoneIdX"),
            d("operations.ListTasks.request"),
            d(""),
        ]);
        let got: Vec<(&Path, u64, u64)> = out
            .iter()
            .map(|d| (d.file.as_path(), d.pos.line, d.pos.column))
            .collect();
        let ov = Path::new("ov.yaml");
        assert_eq!(
            got,
            [
                (ov, 5, 9),
                (ov, 5, 17),
                (ov, 7, 9),
                (ov, 9, 26),
                (spec_file, 40, 9),
                (spec_file, 40, 9),
                (spec_file, 40, 9),
                (spec_file, 40, 9),
            ]
        );
        assert!(out.iter().all(|d| d.message == "bad"));
    }
}
