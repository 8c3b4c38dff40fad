//! Stage 1, load: YAML text → spec types that keep every source position.
//!
//! serde-saphyr parses the YAML (and reports syntax errors with line and column) into
//! a small tree of spanned nodes; this module then reads that tree by hand. Reading by
//! hand, rather than deriving `Deserialize` for the spec types, is what lets every
//! error name the path inside the spec (`operations.ListTasks.request.MaxResults`) as
//! well as the line and column, and lets the loader report every problem in a file
//! rather than stopping at the first.

use std::collections::HashMap;
use std::path::Path;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use crate::error::{Diagnostic, Pos};

// ---------------------------------------------------------------------------
// The spec types
// ---------------------------------------------------------------------------

/// A value with the position it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct At<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub pos: Pos,
    /// Its path inside the spec.
    pub path: String,
}

/// One spec file: one version of one service.
#[derive(Debug, Clone, PartialEq)]
pub struct SpecFile {
    /// The service's identity and wire facts.
    pub service: ServiceSpec,
    /// Enumerations, in file order.
    pub enums: Vec<At<EnumSpec>>,
    /// Models (named objects), in file order.
    pub models: Vec<At<ModelSpec>>,
    /// Operations, in file order.
    pub operations: Vec<At<OperationSpec>>,
}

/// `service:`
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceSpec {
    /// `alibaba` or `tencent`: selects protocol and signing.
    pub provider: At<String>,
    /// Rust module name, e.g. `cloudsso`.
    pub name: At<String>,
    /// Vendor product code, e.g. `cloudsso` or `organization`.
    pub product: At<String>,
    /// Human title, e.g. `Alibaba Cloud CloudSSO`.
    pub title: String,
    /// API version, e.g. `2021-05-15`.
    pub version: At<String>,
    /// Default endpoint URL.
    pub endpoint: At<String>,
    /// Endpoint template with `{region}`, where regions have their own hosts.
    pub regional_endpoint: Option<At<String>>,
    /// Documented calls per second.
    pub rate_limit: Option<At<i64>>,
    /// Description.
    pub doc: String,
    /// Where the facts in this spec come from.
    pub source: Option<String>,
}

/// An enumeration of documented string values.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumSpec {
    /// Name as written in the spec.
    pub name: String,
    /// The Rust type name, when the spec gives one (`rust_name`).
    pub rust_name: Option<At<String>>,
    /// Where the values come from (`origin`): `mined`, `overlay` or `detected`.
    pub origin: Option<String>,
    /// Description.
    pub doc: String,
    /// Wire value and its description, in file order.
    pub values: Vec<At<(String, String)>>,
}

/// A named object type.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelSpec {
    /// Name as written in the spec.
    pub name: String,
    /// The Rust type name, when the spec gives one (`rust_name`).
    pub rust_name: Option<At<String>>,
    /// Description.
    pub doc: String,
    /// Fields, in file order.
    pub fields: Vec<At<FieldSpec>>,
}

/// An operation (an API action).
#[derive(Debug, Clone, PartialEq)]
pub struct OperationSpec {
    /// Wire action name, e.g. `ListTasks`.
    pub name: String,
    /// Description.
    pub doc: String,
    /// Request parameters.
    pub request: Vec<At<FieldSpec>>,
    /// Response fields.
    pub response: Vec<At<FieldSpec>>,
    /// Rules that involve more than one parameter.
    pub constraints: Vec<At<CrossConstraint>>,
    /// Paging metadata.
    pub pagination: Option<At<PaginationSpec>>,
    /// Documented error codes and their meaning.
    pub errors: Vec<At<(String, String)>>,
    /// The operation only reads (`readonly: true`); `None` when the spec does not say.
    pub readonly: Option<bool>,
    /// Repeating the call has the same effect as making it once (`idempotent: true`).
    pub idempotent: bool,
    /// The base of the Rust names, when the spec gives one (`rust_name`).
    pub rust_name: Option<At<String>>,
    /// `Some(note)` when deprecated (`deprecated: true` gives an empty note).
    pub deprecated: Option<String>,
    /// The HTTP method (`method: GET|POST`, Alibaba); `None` when not given (POST).
    pub method: Option<At<String>>,
    /// Offset paging (`pagination: {style: offset, ...}`).
    pub offset_pagination: Option<At<OffsetPaginationSpec>>,
}

/// The primitive and composite types a field may have.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeSpec {
    /// UTF-8 string.
    String,
    /// 32-bit signed integer.
    Int32,
    /// 64-bit signed integer.
    Int64,
    /// 64-bit unsigned integer.
    Uint64,
    /// true/false.
    Boolean,
    /// An instant, written `YYYY-MM-DDTHH:mm:SSZ` on the wire.
    Timestamp,
    /// A 64-bit floating-point number.
    Float,
    /// A calendar date, kept as the text the service writes.
    Date,
    /// A date and time, kept as the text the service writes.
    DateTime,
    /// Bytes, standard base64 on the wire.
    Binary,
    /// One of the spec's enums, by name.
    Enum(At<String>),
    /// One of the spec's models, by name.
    Object(At<String>),
    /// A list of the inner type.
    List(Box<TypeSpec>),
}

/// A request parameter or response field.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldSpec {
    /// Wire name.
    pub name: String,
    /// Its type.
    pub ty: At<TypeSpec>,
    /// Must be set (request) / always present (response).
    pub required: bool,
    /// A secret: redacted in `Debug`, never echoed in validation messages.
    pub sensitive: bool,
    /// The value the service uses when the parameter is absent.
    pub default: Option<At<Scalar>>,
    /// Description.
    pub doc: String,
    /// An example value, for docs.
    pub example: Option<Scalar>,
    /// When a response field is present only sometimes, the condition in words.
    pub present_when: Option<String>,
    /// Inclusive numeric bounds.
    pub range: Option<At<Bounds>>,
    /// Inclusive length bounds, in characters.
    pub length: Option<At<Bounds>>,
    /// Required prefix.
    pub prefix: Option<At<String>>,
    /// Regular expression the value must match.
    pub pattern: Option<At<String>>,
    /// A time filter expression's form and window.
    pub time_filter: Option<At<TimeFilterSpec>>,
    /// May be `null` in a response even when always present (`nullable: true`).
    pub nullable: bool,
    /// Model fields: must be set when the model is sent in a request.
    pub input_required: bool,
    /// `Some(note)` when deprecated (`deprecated: true` gives an empty note).
    pub deprecated: Option<String>,
    /// The Rust field name, when the spec gives one (`rust_name`).
    pub rust_name: Option<At<String>>,
    /// Alibaba: where the parameter travels (`query` or `body`).
    pub location: Option<At<String>>,
    /// Alibaba: how the value is written (`simple`, `json`, `flat`, `repeatList`).
    pub style: Option<At<String>>,
    /// Provenance of rules by key (`prefix` → `mined`, ...), for tools such as `diff`.
    pub origins: Vec<(String, String)>,
}

/// A scalar written in YAML.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    /// A string.
    Str(String),
    /// An integer.
    Int(i128),
    /// A boolean.
    Bool(bool),
}

impl std::fmt::Display for Scalar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Scalar::Str(s) => f.write_str(s),
            Scalar::Int(i) => write!(f, "{i}"),
            Scalar::Bool(b) => write!(f, "{b}"),
        }
    }
}

/// `{min, max}`, either optional.
#[derive(Debug, Clone, PartialEq)]
pub struct Bounds {
    /// Lower bound, inclusive.
    pub min: Option<i128>,
    /// Upper bound, inclusive.
    pub max: Option<i128>,
    /// Where the bounds come from (`origin`).
    pub origin: Option<String>,
}

/// `time_filter:` on a string parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeFilterSpec {
    /// The attribute compared, e.g. `StartTime`.
    pub attribute: String,
    /// Accepted operators, e.g. `[ge]`.
    pub operators: Vec<String>,
    /// Whether case is ignored.
    pub case_insensitive: bool,
    /// How many days before now the time may lie.
    pub max_age_days: Option<At<i64>>,
}

/// A rule over several parameters.
#[derive(Debug, Clone, PartialEq)]
pub enum CrossConstraint {
    /// Both or neither.
    Paired(At<String>, At<String>),
    /// When `when` equals a value, `then` must satisfy a rule.
    Conditional {
        /// The parameter tested.
        when: At<String>,
        /// The value it is tested against.
        equals: At<String>,
        /// The parameter the rule applies to.
        then: At<String>,
        /// The rule.
        rule: ConditionalRule,
    },
}

/// What a conditional constraint requires of its `then` parameter.
#[derive(Debug, Clone, PartialEq)]
pub enum ConditionalRule {
    /// Must start with this.
    Prefix(At<String>),
    /// Must match this regular expression.
    Pattern(At<String>),
    /// Must be set.
    Required,
}

/// `pagination:`
#[derive(Debug, Clone, PartialEq)]
pub struct PaginationSpec {
    /// Request parameter carrying the token.
    pub input_token: At<String>,
    /// Response field carrying the next token.
    pub output_token: At<String>,
    /// Response field saying whether more pages exist.
    pub truncated: Option<At<String>>,
    /// Response list field holding the items.
    pub items: At<String>,
    /// Request parameter setting the page size.
    pub page_size: Option<At<String>>,
    /// Where the paging facts come from (`origin`).
    pub origin: Option<String>,
}

/// `pagination: {style: offset, ...}`: pages addressed by the index of their first item.
#[derive(Debug, Clone, PartialEq)]
pub struct OffsetPaginationSpec {
    /// Request parameter carrying the index of the first item.
    pub offset: At<String>,
    /// Request parameter setting the page size.
    pub limit: Option<At<String>>,
    /// Response field carrying the number of items in the whole listing.
    pub total: Option<At<String>>,
    /// Response list field holding the items.
    pub items: At<String>,
    /// Where the paging facts come from (`origin`).
    pub origin: Option<String>,
}

// ---------------------------------------------------------------------------
// The spanned YAML tree
// ---------------------------------------------------------------------------

#[derive(Debug, Clone)]
enum Value {
    Null,
    Bool(bool),
    Int(i128),
    Float,
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

#[derive(Debug, Clone)]
struct Node {
    value: Value,
    pos: Pos,
    /// Byte range of the scalar's source text (of the anchored node, for an alias).
    span: Option<(usize, usize)>,
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Value;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("any YAML value")
            }
            fn visit_unit<E>(self) -> Result<Value, E> {
                Ok(Value::Null)
            }
            fn visit_none<E>(self) -> Result<Value, E> {
                Ok(Value::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
                Value::deserialize(d)
            }
            fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
                Ok(Value::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
                Ok(Value::Int(v.into()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
                Ok(Value::Int(v.into()))
            }
            fn visit_i128<E>(self, v: i128) -> Result<Value, E> {
                Ok(Value::Int(v))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
                {
                    let _ = v;
                    Ok(Value::Float)
                }
            }
            fn visit_str<E>(self, v: &str) -> Result<Value, E> {
                Ok(Value::Str(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<Value, E> {
                Ok(Value::Str(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Value, A::Error> {
                let mut out = Vec::new();
                while let Some(x) = a.next_element::<Spanned<Value>>()? {
                    out.push(Node::from(x));
                }
                Ok(Value::Seq(out))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Value, A::Error> {
                let mut out = Vec::new();
                while let Some(k) = a.next_key::<Spanned<Value>>()? {
                    let v = a.next_value::<Spanned<Value>>()?;
                    out.push((Node::from(k), Node::from(v)));
                }
                Ok(Value::Map(out))
            }
        }
        d.deserialize_any(V)
    }
}

impl From<Spanned<Value>> for Node {
    fn from(s: Spanned<Value>) -> Self {
        let span = s.defined.span();
        let span = match (span.byte_offset(), span.byte_len()) {
            (Some(o), Some(l)) => usize::try_from(o)
                .ok()
                .zip(usize::try_from(l).ok())
                .map(|(o, l)| (o, o.saturating_add(l))),
            _ => None,
        };
        Node {
            pos: Pos {
                line: s.referenced.line(),
                column: s.referenced.column(),
            },
            value: s.value,
            span,
        }
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Int(_) => "an integer",
        Value::Float => "a float",
        Value::Str(_) => "a string",
        Value::Seq(_) => "a list",
        Value::Map(_) => "a mapping",
    }
}

// ---------------------------------------------------------------------------
// Reading the tree
// ---------------------------------------------------------------------------

/// Parses one spec file's text. `file` is used only in diagnostics.
///
/// Returns every problem found, each with file, line, column and spec path.
pub fn load_str(file: &Path, text: &str) -> Result<SpecFile, Vec<Diagnostic>> {
    // YAML 1.2 booleans only, so enum values such as `On` or `No` stay strings; and
    // duplicate keys reach the reader, which reports them with their spec path.
    let mut options = serde_saphyr::Options::default();
    options.strict_booleans = true;
    options.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::PassThrough;
    let root: Node = match serde_saphyr::from_str_with_options::<Spanned<Value>>(text, options) {
        Ok(v) => v.into(),
        Err(e) => {
            let pos = e
                .location()
                .map(|l| Pos {
                    line: l.line(),
                    column: l.column(),
                })
                .unwrap_or(Pos { line: 1, column: 1 });
            // The library's message repeats the position and adds a snippet; keep its
            // first line, which says what is wrong.
            let msg = e.to_string();
            let first = msg.lines().next().unwrap_or("invalid YAML").to_owned();
            let first = strip_position_prefix(&first);
            return Err(vec![Diagnostic::new(
                file,
                pos,
                "",
                format!("invalid YAML: {first}"),
            )]);
        }
    };
    let mut r = Reader {
        file,
        text,
        diags: Vec::new(),
    };
    let spec = r.spec_file(&root);
    if r.diags.is_empty() {
        Ok(spec)
    } else {
        Err(r.diags)
    }
}

fn strip_position_prefix(s: &str) -> &str {
    // "error: line 2 column 6: unclosed bracket" → "unclosed bracket"
    let s = s.strip_prefix("error: ").unwrap_or(s);
    if s.starts_with("line ")
        && let Some(idx) = s.find(": ")
    {
        return &s[idx + 2..];
    }
    s
}

struct Reader<'a> {
    file: &'a Path,
    /// The file's text, to read a plain scalar's source text back (see [`Reader::raw`]).
    text: &'a str,
    diags: Vec<Diagnostic>,
}

/// A mapping being read: remembers which keys were used so unknown keys can be reported.
struct MapView<'n> {
    entries: Vec<(String, &'n Node, &'n Node)>,
    path: String,
    pos: Pos,
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

impl<'a> Reader<'a> {
    fn err(&mut self, pos: Pos, path: &str, msg: impl Into<String>) {
        self.diags.push(Diagnostic::new(self.file, pos, path, msg));
    }

    fn err_hint(&mut self, pos: Pos, path: &str, msg: impl Into<String>, hint: impl Into<String>) {
        self.diags
            .push(Diagnostic::new(self.file, pos, path, msg).with_hint(hint));
    }

    /// The source text of a plain (unquoted) scalar that YAML read as a number or a
    /// boolean: `0x1F`, `+5`, `1.50`, `true`. Where the spec means a string (a key, an
    /// enum value, a prefix), that text is the string; `31` for `0x1F` would change
    /// what goes on the wire.
    fn raw(&self, node: &Node) -> Option<&'a str> {
        match node.value {
            Value::Int(_) | Value::Float | Value::Bool(_) => {
                let (a, b) = node.span?;
                let t = self.text.get(a..b)?;
                // A span that is not the bare scalar (an alias, a tag, a quote) is not
                // trusted as its text.
                let plain = !t.is_empty()
                    && !t.starts_with(['"', '\'', '!', '&', '*'])
                    && !t.contains(|c: char| c.is_whitespace() || c == '#');
                plain.then_some(t)
            }
            _ => None,
        }
    }

    /// A mapping key as text: strings as read, other plain scalars as written.
    fn key_text(&self, k: &Node) -> Option<String> {
        match &k.value {
            Value::Str(s) => Some(s.clone()),
            Value::Int(_) | Value::Float | Value::Bool(_) => match self.raw(k) {
                Some(t) => Some(t.to_owned()),
                None => match &k.value {
                    Value::Int(i) => Some(i.to_string()),
                    Value::Bool(b) => Some(b.to_string()),
                    _ => None,
                },
            },
            _ => None,
        }
    }

    /// Reads a mapping, reporting duplicate keys and non-scalar keys; `None` if `node`
    /// is not a mapping (already reported).
    fn map<'n>(&mut self, node: &'n Node, path: &str) -> Option<MapView<'n>> {
        let Value::Map(pairs) = &node.value else {
            if matches!(node.value, Value::Null) {
                return Some(MapView {
                    entries: Vec::new(),
                    path: path.to_owned(),
                    pos: node.pos,
                });
            }
            self.err(
                node.pos,
                path,
                format!("expected a mapping, found {}", type_name(&node.value)),
            );
            return None;
        };
        let mut entries: Vec<(String, &Node, &Node)> = Vec::with_capacity(pairs.len());
        // Key → index in `entries`: a linear scan per key made a 100,000-key mapping
        // take most of a minute.
        let mut seen: HashMap<&str, usize> = HashMap::with_capacity(pairs.len());
        let keys: Vec<Option<String>> = pairs.iter().map(|(k, _)| self.key_text(k)).collect();
        for ((k, v), key) in pairs.iter().zip(&keys) {
            let key = match key {
                Some(key) => key,
                None => {
                    let other = &k.value;
                    self.err(
                        k.pos,
                        path,
                        format!("expected a string key, found {}", type_name(other)),
                    );
                    continue;
                }
            };
            if let Some(&i) = seen.get(key.as_str()) {
                let first = entries[i].1.pos;
                self.err_hint(
                    k.pos,
                    &join(path, key),
                    format!("duplicate key `{key}`"),
                    format!(
                        "first defined at line {}, column {}",
                        first.line, first.column
                    ),
                );
                continue;
            }
            seen.insert(key, entries.len());
            entries.push((key.clone(), k, v));
        }
        Some(MapView {
            entries,
            path: path.to_owned(),
            pos: node.pos,
        })
    }

    /// Reports every key of `m` not in `known`.
    fn deny_unknown(&mut self, m: &MapView<'_>, known: &[&str]) {
        for (key, k, _) in &m.entries {
            if !known.contains(&key.as_str()) {
                let hint = closest(key, known)
                    .map(|c| format!("did you mean `{c}`?"))
                    .unwrap_or_else(|| format!("expected one of: {}", known.join(", ")));
                self.err_hint(
                    k.pos,
                    &join(&m.path, key),
                    format!("unknown key `{key}`"),
                    hint,
                );
            }
        }
    }

    fn get<'n>(&self, m: &MapView<'n>, key: &str) -> Option<&'n Node> {
        m.entries
            .iter()
            .find(|(k, _, _)| k == key)
            .map(|(_, _, v)| *v)
    }

    fn require<'n>(&mut self, m: &MapView<'n>, key: &str) -> Option<&'n Node> {
        let v = self.get(m, key);
        if v.is_none() {
            self.err(m.pos, &m.path, format!("missing required key `{key}`"));
        }
        v
    }

    /// A string; a plain scalar YAML reads as a number or boolean (`prefix: 0x`,
    /// `equals: 0x1F`) is taken as the text written.
    fn string(&mut self, node: &Node, path: &str) -> Option<At<String>> {
        let text = match &node.value {
            Value::Str(s) => Some(s.clone()),
            _ => self.raw(node).map(str::to_owned),
        };
        match (text, &node.value) {
            (Some(value), _) => Some(At {
                value,
                pos: node.pos,
                path: path.to_owned(),
            }),
            (None, other) => {
                self.err(
                    node.pos,
                    path,
                    format!("expected a string, found {}", type_name(other)),
                );
                None
            }
        }
    }

    fn opt_string(&mut self, m: &MapView<'_>, key: &str) -> Option<At<String>> {
        let path = join(&m.path, key);
        self.get(m, key).and_then(|n| self.string(n, &path))
    }

    fn req_string(&mut self, m: &MapView<'_>, key: &str) -> Option<At<String>> {
        let path = join(&m.path, key);
        self.require(m, key).and_then(|n| self.string(n, &path))
    }

    fn doc(&mut self, m: &MapView<'_>) -> String {
        self.opt_string(m, "doc")
            .map(|s| s.value.trim().to_owned())
            .unwrap_or_default()
    }

    fn int(&mut self, node: &Node, path: &str) -> Option<At<i64>> {
        match &node.value {
            Value::Int(i) => match i64::try_from(*i) {
                Ok(v) => Some(At {
                    value: v,
                    pos: node.pos,
                    path: path.to_owned(),
                }),
                Err(_) => {
                    self.err(node.pos, path, format!("integer {i} is out of range"));
                    None
                }
            },
            other => {
                self.err(
                    node.pos,
                    path,
                    format!("expected an integer, found {}", type_name(other)),
                );
                None
            }
        }
    }

    fn int128(&mut self, node: &Node, path: &str) -> Option<i128> {
        match &node.value {
            Value::Int(i) => Some(*i),
            other => {
                self.err(
                    node.pos,
                    path,
                    format!("expected an integer, found {}", type_name(other)),
                );
                None
            }
        }
    }

    fn boolean(&mut self, node: &Node, path: &str) -> Option<bool> {
        match &node.value {
            Value::Bool(b) => Some(*b),
            other => {
                self.err(
                    node.pos,
                    path,
                    format!("expected true or false, found {}", type_name(other)),
                );
                None
            }
        }
    }

    /// A `default` or `example`. For a field whose values are text (`textual`: strings,
    /// timestamps, enums) a plain number or boolean is kept as written, so `0x1F` stays
    /// `0x1F` rather than becoming `31`.
    fn scalar(&mut self, node: &Node, path: &str, textual: bool) -> Option<Scalar> {
        if textual && let Some(t) = self.raw(node) {
            return Some(Scalar::Str(t.to_owned()));
        }
        match &node.value {
            Value::Str(s) => Some(Scalar::Str(s.clone())),
            Value::Int(i) => Some(Scalar::Int(*i)),
            Value::Bool(b) => Some(Scalar::Bool(*b)),
            other => {
                self.err(
                    node.pos,
                    path,
                    format!(
                        "expected a string, integer or boolean, found {}",
                        type_name(other)
                    ),
                );
                None
            }
        }
    }

    fn spec_file(&mut self, root: &Node) -> SpecFile {
        let mut spec = SpecFile {
            service: ServiceSpec {
                provider: at_default(),
                name: at_default(),
                product: at_default(),
                title: String::new(),
                version: at_default(),
                endpoint: at_default(),
                regional_endpoint: None,
                rate_limit: None,
                doc: String::new(),
                source: None,
            },
            enums: Vec::new(),
            models: Vec::new(),
            operations: Vec::new(),
        };
        let Some(m) = self.map(root, "") else {
            return spec;
        };
        self.deny_unknown(&m, &["service", "enums", "models", "operations"]);
        if let Some(n) = self.require(&m, "service") {
            spec.service = self.service(n, "service");
        }
        if let Some(n) = self.get(&m, "enums")
            && let Some(em) = self.map(n, "enums")
        {
            for (name, k, v) in &em.entries {
                let path = join("enums", name);
                if let Some(e) = self.enum_spec(name, v, &path) {
                    spec.enums.push(At {
                        value: e,
                        pos: k.pos,
                        path,
                    });
                }
            }
        }
        if let Some(n) = self.get(&m, "models")
            && let Some(mm) = self.map(n, "models")
        {
            for (name, k, v) in &mm.entries {
                let path = join("models", name);
                if let Some(model) = self.model_spec(name, v, &path) {
                    spec.models.push(At {
                        value: model,
                        pos: k.pos,
                        path,
                    });
                }
            }
        }
        if let Some(n) = self.require(&m, "operations")
            && let Some(om) = self.map(n, "operations")
        {
            for (name, k, v) in &om.entries {
                let path = join("operations", name);
                if let Some(op) = self.operation_spec(name, v, &path) {
                    spec.operations.push(At {
                        value: op,
                        pos: k.pos,
                        path,
                    });
                }
            }
        }
        spec
    }

    fn service(&mut self, node: &Node, path: &str) -> ServiceSpec {
        let mut s = ServiceSpec {
            provider: at_default(),
            name: at_default(),
            product: at_default(),
            title: String::new(),
            version: at_default(),
            endpoint: at_default(),
            regional_endpoint: None,
            rate_limit: None,
            doc: String::new(),
            source: None,
        };
        let Some(m) = self.map(node, path) else {
            return s;
        };
        self.deny_unknown(
            &m,
            &[
                "provider",
                "name",
                "product",
                "title",
                "version",
                "endpoint",
                "regional_endpoint",
                "rate_limit",
                "doc",
                "source",
            ],
        );
        s.provider = self.req_string(&m, "provider").unwrap_or_else(at_default);
        s.name = self.req_string(&m, "name").unwrap_or_else(at_default);
        s.product = self.req_string(&m, "product").unwrap_or_else(at_default);
        s.title = self
            .opt_string(&m, "title")
            .map(|t| t.value)
            .unwrap_or_default();
        s.version = self.req_string(&m, "version").unwrap_or_else(at_default);
        s.endpoint = self.req_string(&m, "endpoint").unwrap_or_else(at_default);
        s.regional_endpoint = self.opt_string(&m, "regional_endpoint");
        s.rate_limit = self
            .get(&m, "rate_limit")
            .and_then(|n| self.int(n, &join(path, "rate_limit")));
        s.doc = self.doc(&m);
        s.source = self.opt_string(&m, "source").map(|s| s.value);
        s
    }

    fn enum_spec(&mut self, name: &str, node: &Node, path: &str) -> Option<EnumSpec> {
        let m = self.map(node, path)?;
        self.deny_unknown(&m, &["doc", "values", "rust_name", "origin"]);
        let doc = self.doc(&m);
        let rust_name = self.opt_string(&m, "rust_name");
        let origin = self.origin(&m);
        let mut values = Vec::new();
        if let Some(vn) = self.require(&m, "values") {
            let vpath = join(path, "values");
            if let Some(vm) = self.map(vn, &vpath) {
                for (value, k, d) in &vm.entries {
                    let p = join(&vpath, value);
                    let doc = match &d.value {
                        Value::Null => String::new(),
                        _ => self
                            .string(d, &p)
                            .map(|s| s.value.trim().to_owned())
                            .unwrap_or_default(),
                    };
                    values.push(At {
                        value: (value.clone(), doc),
                        pos: k.pos,
                        path: p,
                    });
                }
            }
        }
        Some(EnumSpec {
            name: name.to_owned(),
            rust_name,
            origin,
            doc,
            values,
        })
    }

    fn model_spec(&mut self, name: &str, node: &Node, path: &str) -> Option<ModelSpec> {
        let m = self.map(node, path)?;
        self.deny_unknown(&m, &["doc", "fields", "rust_name"]);
        let doc = self.doc(&m);
        let rust_name = self.opt_string(&m, "rust_name");
        let fields = match self.require(&m, "fields") {
            Some(n) => self.fields(n, &join(path, "fields")),
            None => Vec::new(),
        };
        Some(ModelSpec {
            name: name.to_owned(),
            rust_name,
            doc,
            fields,
        })
    }

    fn fields(&mut self, node: &Node, path: &str) -> Vec<At<FieldSpec>> {
        let Some(m) = self.map(node, path) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (name, k, v) in &m.entries {
            let p = join(path, name);
            if let Some(f) = self.field(name, v, &p) {
                out.push(At {
                    value: f,
                    pos: k.pos,
                    path: p,
                });
            }
        }
        out
    }

    fn field(&mut self, name: &str, node: &Node, path: &str) -> Option<FieldSpec> {
        let m = self.map(node, path)?;
        self.deny_unknown(
            &m,
            &[
                "type",
                "enum",
                "model",
                "items",
                "required",
                "default",
                "doc",
                "example",
                "present_when",
                "sensitive",
                "range",
                "length",
                "prefix",
                "pattern",
                "time_filter",
                "nullable",
                "input_required",
                "deprecated",
                "rust_name",
                "location",
                "style",
            ],
        );
        let ty = self.type_spec(&m, path)?;
        let textual = matches!(
            ty.value,
            TypeSpec::String
                | TypeSpec::Timestamp
                | TypeSpec::Enum(_)
                | TypeSpec::Float
                | TypeSpec::Date
                | TypeSpec::DateTime
                | TypeSpec::Binary
        );
        let mut origins = Vec::new();
        let required = match self.get(&m, "required") {
            Some(n) => self.boolean(n, &join(path, "required")).unwrap_or(false),
            None => false,
        };
        let sensitive = match self.get(&m, "sensitive") {
            Some(n) => self.boolean(n, &join(path, "sensitive")).unwrap_or(false),
            None => false,
        };
        let default = self.get(&m, "default").and_then(|n| {
            let p = join(path, "default");
            let (n, origin) = self.with_origin(n, &p)?;
            if let Some(o) = origin {
                origins.push(("default".to_owned(), o));
            }
            self.scalar(n, &p, textual).map(|v| At {
                value: v,
                pos: n.pos,
                path: p,
            })
        });
        let mut rule_string = |this: &mut Self, key: &str| -> Option<At<String>> {
            let n = this.get(&m, key)?;
            let p = join(path, key);
            let (n, origin) = this.with_origin(n, &p)?;
            if let Some(o) = origin {
                origins.push((key.to_owned(), o));
            }
            this.string(n, &p)
        };
        let prefix = rule_string(self, "prefix");
        let pattern = rule_string(self, "pattern");
        let flag = |this: &mut Self, key: &str| -> bool {
            this.get(&m, key)
                .and_then(|n| this.boolean(n, &join(path, key)))
                .unwrap_or(false)
        };
        let nullable = flag(self, "nullable");
        let input_required = flag(self, "input_required");
        let deprecated = self.deprecation(&m, path);
        let example = self
            .get(&m, "example")
            .and_then(|n| self.scalar(n, &join(path, "example"), textual));
        let range = self
            .get(&m, "range")
            .and_then(|n| self.bounds(n, &join(path, "range")));
        let length = self
            .get(&m, "length")
            .and_then(|n| self.bounds(n, &join(path, "length")));
        let time_filter = self
            .get(&m, "time_filter")
            .and_then(|n| self.time_filter(n, &join(path, "time_filter")));
        Some(FieldSpec {
            name: name.to_owned(),
            ty,
            required,
            sensitive,
            default,
            doc: self.doc(&m),
            example,
            present_when: self.opt_string(&m, "present_when").map(|s| s.value),
            range,
            length,
            prefix,
            pattern,
            time_filter,
            nullable,
            input_required,
            deprecated,
            rust_name: self.opt_string(&m, "rust_name"),
            location: self.opt_string(&m, "location"),
            style: self.opt_string(&m, "style"),
            origins,
        })
    }

    /// Reads `type` (with `enum`, `model` or `items` beside it) from a field or an
    /// `items` mapping.
    fn type_spec(&mut self, m: &MapView<'_>, path: &str) -> Option<At<TypeSpec>> {
        let ty = self.req_string(m, "type")?;
        let tpath = join(path, "type");
        let needs = |key: &str| {
            matches!(
                (ty.value.as_str(), key),
                ("enum", "enum") | ("object", "model") | ("list", "items")
            )
        };
        for key in ["enum", "model", "items"] {
            if let Some((_, k, _)) = m.entries.iter().find(|(n, _, _)| n == key)
                && !needs(key)
            {
                self.err(
                    k.pos,
                    &join(path, key),
                    format!("`{key}` does not apply to type `{}`", ty.value),
                );
            }
        }
        let value = match ty.value.as_str() {
            "string" => TypeSpec::String,
            "int32" => TypeSpec::Int32,
            "int64" => TypeSpec::Int64,
            "uint64" => TypeSpec::Uint64,
            "boolean" => TypeSpec::Boolean,
            "timestamp" => TypeSpec::Timestamp,
            "float" => TypeSpec::Float,
            "date" => TypeSpec::Date,
            "datetime" => TypeSpec::DateTime,
            "binary" => TypeSpec::Binary,
            "enum" => TypeSpec::Enum(self.req_string(m, "enum")?),
            "object" => TypeSpec::Object(self.req_string(m, "model")?),
            "list" => {
                let n = self.require(m, "items")?;
                let ipath = join(path, "items");
                let im = self.map(n, &ipath)?;
                self.deny_unknown(&im, &["type", "enum", "model", "items"]);
                let inner = self.type_spec(&im, &ipath)?;
                TypeSpec::List(Box::new(inner.value))
            }
            other => {
                let known = [
                    "string",
                    "int32",
                    "int64",
                    "uint64",
                    "boolean",
                    "timestamp",
                    "float",
                    "date",
                    "datetime",
                    "binary",
                    "enum",
                    "object",
                    "list",
                ];
                let hint = closest(other, &known)
                    .map(|c| format!("did you mean `{c}`?"))
                    .unwrap_or_else(|| format!("expected one of: {}", known.join(", ")));
                self.err_hint(ty.pos, &tpath, format!("unknown type `{other}`"), hint);
                return None;
            }
        };
        Some(At {
            value,
            pos: ty.pos,
            path: tpath,
        })
    }

    fn bounds(&mut self, node: &Node, path: &str) -> Option<At<Bounds>> {
        let m = self.map(node, path)?;
        self.deny_unknown(&m, &["min", "max", "origin"]);
        let origin = self.origin(&m);
        let min = self
            .get(&m, "min")
            .and_then(|n| self.int128(n, &join(path, "min")));
        let max = self
            .get(&m, "max")
            .and_then(|n| self.int128(n, &join(path, "max")));
        if min.is_none() && max.is_none() {
            self.err(node.pos, path, "a bound needs `min`, `max` or both");
            return None;
        }
        Some(At {
            value: Bounds { min, max, origin },
            pos: node.pos,
            path: path.to_owned(),
        })
    }

    fn time_filter(&mut self, node: &Node, path: &str) -> Option<At<TimeFilterSpec>> {
        let m = self.map(node, path)?;
        self.deny_unknown(
            &m,
            &["attribute", "operators", "case_insensitive", "max_age_days"],
        );
        let attribute = self.req_string(&m, "attribute")?.value;
        let mut operators = Vec::new();
        if let Some(n) = self.require(&m, "operators") {
            let p = join(path, "operators");
            match &n.value {
                Value::Seq(items) => {
                    for (i, it) in items.iter().enumerate() {
                        if let Some(s) = self.string(it, &format!("{p}[{i}]")) {
                            operators.push(s.value);
                        }
                    }
                }
                other => self.err(
                    n.pos,
                    &p,
                    format!("expected a list of operators, found {}", type_name(other)),
                ),
            }
        }
        let case_insensitive = self
            .get(&m, "case_insensitive")
            .and_then(|n| self.boolean(n, &join(path, "case_insensitive")))
            .unwrap_or(false);
        let max_age_days = self
            .get(&m, "max_age_days")
            .and_then(|n| self.int(n, &join(path, "max_age_days")));
        Some(At {
            value: TimeFilterSpec {
                attribute,
                operators,
                case_insensitive,
                max_age_days,
            },
            pos: node.pos,
            path: path.to_owned(),
        })
    }

    fn operation_spec(&mut self, name: &str, node: &Node, path: &str) -> Option<OperationSpec> {
        let m = self.map(node, path)?;
        self.deny_unknown(
            &m,
            &[
                "doc",
                "request",
                "response",
                "constraints",
                "pagination",
                "errors",
                "readonly",
                "idempotent",
                "rust_name",
                "deprecated",
                "method",
            ],
        );
        let mut flag = |key: &str| -> Option<bool> {
            let n = self.get(&m, key)?;
            self.boolean(n, &join(path, key))
        };
        let readonly = flag("readonly");
        let idempotent = flag("idempotent").unwrap_or(false);
        let request = match self.get(&m, "request") {
            Some(n) => self.fields(n, &join(path, "request")),
            None => Vec::new(),
        };
        let response = match self.get(&m, "response") {
            Some(n) => self.fields(n, &join(path, "response")),
            None => Vec::new(),
        };
        let mut constraints = Vec::new();
        if let Some(n) = self.get(&m, "constraints") {
            let p = join(path, "constraints");
            match &n.value {
                Value::Seq(items) => {
                    for (i, it) in items.iter().enumerate() {
                        let ip = format!("{p}[{i}]");
                        if let Some(c) = self.constraint(it, &ip) {
                            constraints.push(At {
                                value: c,
                                pos: it.pos,
                                path: ip,
                            });
                        }
                    }
                }
                other => self.err(
                    n.pos,
                    &p,
                    format!("expected a list of constraints, found {}", type_name(other)),
                ),
            }
        }
        let (pagination, offset_pagination) = match self.get(&m, "pagination") {
            Some(n) => self.pagination(n, &join(path, "pagination")),
            None => (None, None),
        };
        let mut errors = Vec::new();
        if let Some(n) = self.get(&m, "errors") {
            let p = join(path, "errors");
            if let Some(em) = self.map(n, &p) {
                for (code, k, d) in &em.entries {
                    let cp = join(&p, code);
                    let doc = self
                        .string(d, &cp)
                        .map(|s| s.value.trim().to_owned())
                        .unwrap_or_default();
                    errors.push(At {
                        value: (code.clone(), doc),
                        pos: k.pos,
                        path: cp,
                    });
                }
            }
        }
        Some(OperationSpec {
            name: name.to_owned(),
            doc: self.doc(&m),
            request,
            response,
            constraints,
            pagination,
            errors,
            readonly,
            idempotent,
            rust_name: self.opt_string(&m, "rust_name"),
            deprecated: self.deprecation(&m, path),
            method: self.opt_string(&m, "method"),
            offset_pagination,
        })
    }

    fn constraint(&mut self, node: &Node, path: &str) -> Option<CrossConstraint> {
        let m = self.map(node, path)?;
        if self.get(&m, "paired").is_some() {
            self.deny_unknown(&m, &["paired", "origin"]);
            self.origin(&m);
            let p = join(path, "paired");
            let n = self.get(&m, "paired")?;
            let Value::Seq(items) = &n.value else {
                self.err(n.pos, &p, "expected a list of two parameter names");
                return None;
            };
            if items.len() != 2 {
                self.err(
                    n.pos,
                    &p,
                    format!(
                        "expected exactly two parameter names, found {}",
                        items.len()
                    ),
                );
                return None;
            }
            let a = self.string(&items[0], &format!("{p}[0]"))?;
            let b = self.string(&items[1], &format!("{p}[1]"))?;
            return Some(CrossConstraint::Paired(a, b));
        }
        if let Some(wn) = self.get(&m, "when") {
            self.deny_unknown(&m, &["when", "then", "origin"]);
            self.origin(&m);
            let wp = join(path, "when");
            let wm = self.map(wn, &wp)?;
            self.deny_unknown(&wm, &["parameter", "equals"]);
            let when = self.req_string(&wm, "parameter");
            let equals = self.req_string(&wm, "equals");
            let tp = join(path, "then");
            let tn = self.require(&m, "then")?;
            let tm = self.map(tn, &tp)?;
            self.deny_unknown(&tm, &["parameter", "prefix", "pattern", "required"]);
            let then = self.req_string(&tm, "parameter");
            let rules: Vec<&str> = ["prefix", "pattern", "required"]
                .into_iter()
                .filter(|k| self.get(&tm, k).is_some())
                .collect();
            if rules.len() > 1 {
                self.err(
                    tn.pos,
                    &tp,
                    format!("`then` takes one rule, found {}", rules.join(", ")),
                );
                return None;
            }
            let rule = if let Some(p) = self.opt_string(&tm, "prefix") {
                ConditionalRule::Prefix(p)
            } else if let Some(p) = self.opt_string(&tm, "pattern") {
                ConditionalRule::Pattern(p)
            } else if let Some(n) = self.get(&tm, "required") {
                if self.boolean(n, &join(&tp, "required")) != Some(true) {
                    self.err(
                        n.pos,
                        &join(&tp, "required"),
                        "only `required: true` is meaningful here",
                    );
                    return None;
                }
                ConditionalRule::Required
            } else {
                self.err(
                    tn.pos,
                    &tp,
                    "`then` needs one of `prefix`, `pattern` or `required`",
                );
                return None;
            };
            return Some(CrossConstraint::Conditional {
                when: when?,
                equals: equals?,
                then: then?,
                rule,
            });
        }
        self.err_hint(
            node.pos,
            path,
            "unknown constraint",
            "a constraint is `paired: [A, B]` or `when: {parameter, equals}` with `then: {parameter, prefix|pattern|required}`",
        );
        None
    }

    #[allow(clippy::type_complexity)]
    fn pagination(
        &mut self,
        node: &Node,
        path: &str,
    ) -> (Option<At<PaginationSpec>>, Option<At<OffsetPaginationSpec>>) {
        let Some(m) = self.map(node, path) else {
            return (None, None);
        };
        let style = self.opt_string(&m, "style");
        let origin = self.origin(&m);
        match style.as_ref().map(|s| s.value.as_str()) {
            None | Some("token") => {
                self.deny_unknown(
                    &m,
                    &[
                        "style",
                        "origin",
                        "input_token",
                        "output_token",
                        "truncated",
                        "items",
                        "page_size",
                    ],
                );
                let input_token = self.req_string(&m, "input_token");
                let output_token = self.req_string(&m, "output_token");
                let items = self.req_string(&m, "items");
                let (Some(input_token), Some(output_token), Some(items)) =
                    (input_token, output_token, items)
                else {
                    return (None, None);
                };
                let value = PaginationSpec {
                    input_token,
                    output_token,
                    truncated: self.opt_string(&m, "truncated"),
                    items,
                    page_size: self.opt_string(&m, "page_size"),
                    origin,
                };
                let spec = At {
                    value,
                    pos: node.pos,
                    path: path.to_owned(),
                };
                (Some(spec), None)
            }
            Some("offset") => {
                self.deny_unknown(
                    &m,
                    &["style", "origin", "offset", "limit", "total", "items"],
                );
                let offset = self.req_string(&m, "offset");
                let items = self.req_string(&m, "items");
                let limit = self.opt_string(&m, "limit");
                let total = self.opt_string(&m, "total");
                let spec = offset.zip(items).map(|(offset, items)| At {
                    value: OffsetPaginationSpec {
                        offset,
                        limit,
                        total,
                        items,
                        origin,
                    },
                    pos: node.pos,
                    path: path.to_owned(),
                });
                (None, spec)
            }
            Some(other) => {
                let s = style.as_ref().expect("matched Some");
                self.err_hint(
                    s.pos,
                    &s.path,
                    format!("unknown paging style `{other}`"),
                    "expected `token` (NextToken) or `offset` (Offset/Limit)",
                );
                (None, None)
            }
        }
    }

    /// `origin:` in a mapping: `mined`, `overlay` or `detected`.
    fn origin(&mut self, m: &MapView<'_>) -> Option<String> {
        let o = self.opt_string(m, "origin")?;
        if ORIGINS.contains(&o.value.as_str()) {
            Some(o.value)
        } else {
            self.err_hint(
                o.pos,
                &o.path,
                format!("unknown origin `{}`", o.value),
                format!("expected one of: {}", ORIGINS.join(", ")),
            );
            None
        }
    }

    /// A rule value written plainly or as `{value: X, origin: mined}`: the value's node
    /// and the origin.
    fn with_origin<'n>(
        &mut self,
        node: &'n Node,
        path: &str,
    ) -> Option<(&'n Node, Option<String>)> {
        if !matches!(node.value, Value::Map(_)) {
            return Some((node, None));
        }
        let m = self.map(node, path)?;
        self.deny_unknown(&m, &["value", "origin"]);
        let origin = self.origin(&m);
        let value = self.require(&m, "value")?;
        Some((value, origin))
    }

    /// `deprecated: true | false | "note"`.
    fn deprecation(&mut self, m: &MapView<'_>, path: &str) -> Option<String> {
        let n = self.get(m, "deprecated")?;
        let p = join(path, "deprecated");
        match &n.value {
            Value::Bool(true) => Some(String::new()),
            Value::Bool(false) => None,
            _ => self.string(n, &p).map(|s| s.value.trim().to_owned()),
        }
    }
}

macro_rules! rust_base {
    ($($t:ty),*) => {$(
        impl $t {
            /// The name Rust names are made from: `rust_name` when given, else the
            /// spec name.
            pub fn rust_base(&self) -> &str {
                self.rust_name.as_ref().map_or(&self.name, |r| &r.value)
            }
        }
    )*};
}
rust_base!(FieldSpec, EnumSpec, ModelSpec, OperationSpec);

/// The values `origin:` takes.
pub const ORIGINS: &[&str] = &["mined", "overlay", "detected"];

fn at_default<T: Default>() -> At<T> {
    At {
        value: T::default(),
        pos: Pos::default(),
        path: String::new(),
    }
}

/// The known word closest to `word`, if any is close enough to be a likely typo.
pub(crate) fn closest<'k>(word: &str, known: &[&'k str]) -> Option<&'k str> {
    known
        .iter()
        .map(|k| (edit_distance(word, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<SpecFile, Vec<Diagnostic>> {
        load_str(Path::new("t.yaml"), text)
    }

    #[test]
    fn unknown_key_has_position_path_and_hint() {
        let e = load("service:\n  provider: alibaba\n  nmae: x\n").unwrap_err();
        let d = e
            .iter()
            .find(|d| d.message.contains("unknown key"))
            .unwrap();
        assert_eq!((d.pos.line, d.pos.column), (3, 3));
        assert_eq!(d.path, "service.nmae");
        assert_eq!(d.hint.as_deref(), Some("did you mean `name`?"));
    }

    #[test]
    fn syntax_error_has_position() {
        let e = load("service: [1, 2\n").unwrap_err();
        assert_eq!(e.len(), 1);
        assert!(e[0].message.starts_with("invalid YAML"), "{}", e[0].message);
        assert_eq!(e[0].pos.line, 1);
    }

    #[test]
    fn edit_distance_works() {
        assert_eq!(edit_distance("nmae", "name"), 2);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(closest("strng", &["string", "int32"]), Some("string"));
    }
}
