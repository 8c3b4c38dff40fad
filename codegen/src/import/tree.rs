//! An ordered YAML document tree and its deterministic writer.
//!
//! Import builds a spec as a [`Node`] tree (keys in the order they are inserted), overlays
//! merge into it, and [`to_yaml`] prints it. The same tree always prints the same bytes,
//! so re-importing unchanged inputs gives byte-identical YAML.

use std::fmt::Write as _;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use crate::error::Pos;

/// One YAML value.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// A mapping, keys in insertion order.
    Map(Map),
    /// A sequence.
    Seq(Vec<Node>),
    /// A string, always written so that YAML reads it back as this exact string.
    Str(String),
    /// An integer.
    Int(i128),
    /// A boolean.
    Bool(bool),
    /// `null`.
    Null,
}

/// An ordered mapping with string keys.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Map(Vec<(String, Node)>);

impl Map {
    /// An empty mapping.
    pub fn new() -> Self {
        Map(Vec::new())
    }

    /// Sets `key`: replaces the value in place if present, else appends.
    pub fn insert(&mut self, key: impl Into<String>, value: impl Into<Node>) {
        let key = key.into();
        let value = value.into();
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => self.0.push((key, value)),
        }
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The value of `key`, mutably.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Node> {
        self.0.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The mapping under `key`, created (appended) if absent. A non-map value there is
    /// replaced by an empty map.
    pub fn map_mut(&mut self, key: &str) -> &mut Map {
        if !matches!(self.get(key), Some(Node::Map(_))) {
            self.insert(key, Node::Map(Map::new()));
        }
        match self.get_mut(key) {
            Some(Node::Map(m)) => m,
            _ => unreachable!("just inserted a map"),
        }
    }

    /// Removes `key`, returning its value.
    pub fn remove(&mut self, key: &str) -> Option<Node> {
        let i = self.0.iter().position(|(k, _)| k == key)?;
        Some(self.0.remove(i).1)
    }

    /// Whether `key` is present.
    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Entries in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Node)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Entries in order, values mutably.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&str, &mut Node)> {
        self.0.iter_mut().map(|(k, v)| (k.as_str(), v))
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// No entries.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Sorts entries by key (byte order).
    pub fn sort_keys(&mut self) {
        self.0.sort_by(|a, b| a.0.cmp(&b.0));
    }
}

impl From<Map> for Node {
    fn from(m: Map) -> Node {
        Node::Map(m)
    }
}
impl From<&str> for Node {
    fn from(s: &str) -> Node {
        Node::Str(s.to_owned())
    }
}
impl From<String> for Node {
    fn from(s: String) -> Node {
        Node::Str(s)
    }
}
impl From<bool> for Node {
    fn from(b: bool) -> Node {
        Node::Bool(b)
    }
}
impl From<i64> for Node {
    fn from(i: i64) -> Node {
        Node::Int(i.into())
    }
}
impl From<i128> for Node {
    fn from(i: i128) -> Node {
        Node::Int(i)
    }
}
impl From<Vec<Node>> for Node {
    fn from(v: Vec<Node>) -> Node {
        Node::Seq(v)
    }
}

impl Node {
    /// The mapping, if this is one.
    pub fn as_map(&self) -> Option<&Map> {
        match self {
            Node::Map(m) => Some(m),
            _ => None,
        }
    }

    /// The mapping, mutably, if this is one.
    pub fn as_map_mut(&mut self) -> Option<&mut Map> {
        match self {
            Node::Map(m) => Some(m),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Node::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// Prints `root` as YAML, after `header` (each line becomes a `# ` comment line; an
/// empty line becomes `#`). Block style throughout; strings are plain where YAML reads
/// them back unchanged as strings, literal blocks for clean multi-line text, and
/// double-quoted with escapes otherwise.
pub fn to_yaml(header: &str, root: &Map) -> String {
    let mut out = String::new();
    for line in header.lines() {
        if line.is_empty() {
            out.push_str("#\n");
        } else {
            let _ = writeln!(out, "# {line}");
        }
    }
    write_map(&mut out, root, 0);
    out
}

fn write_map(out: &mut String, m: &Map, indent: usize) {
    if m.is_empty() {
        // Only reached for a top-level empty map; nested ones print `{}` inline.
        out.push_str("{}\n");
        return;
    }
    for (k, v) in m.iter() {
        pad(out, indent);
        out.push_str(&scalar_text(k, false));
        out.push(':');
        write_value(out, v, indent);
    }
}

fn write_value(out: &mut String, v: &Node, indent: usize) {
    match v {
        Node::Map(m) if m.is_empty() => out.push_str(" {}\n"),
        Node::Map(m) => {
            out.push('\n');
            write_map(out, m, indent + 2);
        }
        Node::Seq(s) if s.is_empty() => out.push_str(" []\n"),
        Node::Seq(s) => {
            out.push('\n');
            for item in s {
                pad(out, indent + 2);
                out.push('-');
                match item {
                    Node::Map(m) if !m.is_empty() => {
                        // `- key: value` with the rest of the map aligned under `key`.
                        let mut first = true;
                        for (k, v) in m.iter() {
                            if first {
                                out.push(' ');
                                first = false;
                            } else {
                                pad(out, indent + 4);
                            }
                            out.push_str(&scalar_text(k, false));
                            out.push(':');
                            write_value(out, v, indent + 4);
                        }
                    }
                    other => write_value(out, other, indent + 2),
                }
            }
        }
        Node::Str(s) => {
            if let Some(block) = literal_block(s, indent + 2) {
                out.push_str(&block);
            } else {
                out.push(' ');
                out.push_str(&scalar_text(s, true));
                out.push('\n');
            }
        }
        Node::Int(i) => {
            let _ = writeln!(out, " {i}");
        }
        Node::Bool(b) => {
            let _ = writeln!(out, " {b}");
        }
        Node::Null => out.push_str(" null\n"),
    }
}

fn pad(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

/// A `|`/`|-` block for multi-line text that a block scalar keeps exactly, else `None`.
fn literal_block(s: &str, indent: usize) -> Option<String> {
    if !s.contains('\n') {
        return None;
    }
    let body = s.strip_suffix('\n').unwrap_or(s);
    let clean = !body.is_empty()
        && !body.ends_with('\n')
        && !body.starts_with([' ', '\t'])
        && body
            .split('\n')
            .all(|l| !l.ends_with([' ', '\t']) && !l.chars().any(needs_escape));
    if !clean {
        return None;
    }
    let mut out = String::from(if s.ends_with('\n') { " |\n" } else { " |-\n" });
    for line in body.split('\n') {
        if !line.is_empty() {
            pad(&mut out, indent);
            out.push_str(line);
        }
        out.push('\n');
    }
    Some(out)
}

/// Characters that only a double-quoted scalar can carry: controls (tab aside),
/// line/paragraph separators, BOM, bidi controls and other invisible formatting.
fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}')
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}')
}

/// `s` as a plain scalar when YAML 1.2 (core schema, and YAML 1.1's booleans for
/// safety) reads it back as the same string; otherwise double-quoted.
fn scalar_text(s: &str, _value: bool) -> String {
    if is_plain_safe(s) {
        s.to_owned()
    } else {
        quote(s)
    }
}

fn is_plain_safe(s: &str) -> bool {
    if s.is_empty() || s.len() > 200 {
        return false;
    }
    let first = s.chars().next().unwrap_or(' ');
    let ok_first = first.is_alphanumeric() || matches!(first, '_' | '/' | '(' | '.');
    let ok_chars = s.chars().all(|c| {
        (c.is_alphanumeric() && !needs_escape(c))
            || matches!(
                c,
                '_' | '-' | '.' | '/' | ' ' | '(' | ')' | '+' | '=' | ';' | '^' | '$'
            )
            || (!c.is_ascii() && !needs_escape(c) && !c.is_whitespace() && !matches!(c, '\u{ff1a}'))
    });
    if !ok_first || !ok_chars || s.ends_with(' ') || s.contains("  ") {
        return false;
    }
    // Words YAML 1.1 or 1.2 reads as null, booleans or numbers.
    let lower = s.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "null" | "~" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n" | ".nan" | ".inf"
    ) {
        return false;
    }
    let numberish = s
        .trim_start_matches(['+', '-'])
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || c == '.');
    !numberish
}

/// A double-quoted YAML scalar with JSON-compatible escapes.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

// ---------------------------------------------------------------------------
// Reading YAML text back, with positions
// ---------------------------------------------------------------------------

/// A YAML value read from text, with the position it was written at.
#[derive(Debug, Clone, PartialEq)]
pub struct Located {
    /// Where the value starts (for an alias, where the alias is written).
    pub pos: Pos,
    /// The value.
    pub value: LocatedValue,
}

/// The shape of a [`Located`] value.
#[derive(Debug, Clone, PartialEq)]
pub enum LocatedValue {
    /// A mapping: key text, the key's position, the value; in file order, duplicates kept.
    Map(Vec<(String, Pos, Located)>),
    /// A sequence.
    Seq(Vec<Located>),
    /// A scalar or `null` ([`Node::Map`] and [`Node::Seq`] never occur here).
    Scalar(Node),
}

impl Located {
    /// The plain tree, positions dropped. A duplicate key keeps its last value.
    pub fn to_node(&self) -> Node {
        match &self.value {
            LocatedValue::Map(entries) => {
                let mut m = Map::new();
                for (k, _, v) in entries {
                    m.insert(k.clone(), v.to_node());
                }
                Node::Map(m)
            }
            LocatedValue::Seq(items) => Node::Seq(items.iter().map(Located::to_node).collect()),
            LocatedValue::Scalar(n) => n.clone(),
        }
    }
}

/// A YAML syntax error: where, and what (without the position the library repeats).
#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    /// Where the parser stopped.
    pub pos: Pos,
    /// What is wrong.
    pub message: String,
}

/// Parses YAML text into a [`Located`] tree with serde-saphyr, the parser `load` uses, and
/// with the same options: YAML 1.2 booleans only (`On` and `No` stay strings) and
/// duplicate keys passed through (the caller reports them with their spec path). A
/// plain key YAML reads as a number or boolean keeps its source text (`1`, `0x1F`); a
/// float value becomes the string it was written as, since [`Node`] has no floats.
///
/// `load` keeps its own spanned tree private to its reader; this one is the public,
/// position-carrying twin of [`Node`] that overlays are read into.
pub fn parse(text: &str) -> Result<Located, ParseError> {
    let mut options = serde_saphyr::Options::default();
    options.strict_booleans = true;
    options.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::PassThrough;
    match serde_saphyr::from_str_with_options::<Spanned<Raw>>(text, options) {
        Ok(v) => Ok(located(v, text)),
        Err(e) => {
            let pos = e
                .location()
                .map(|l| Pos {
                    line: l.line(),
                    column: l.column(),
                })
                .unwrap_or(Pos { line: 1, column: 1 });
            let msg = e.to_string();
            let first = msg.lines().next().unwrap_or("invalid YAML");
            let first = first.strip_prefix("error: ").unwrap_or(first);
            let first = match first.find(": ") {
                Some(i) if first.starts_with("line ") => &first[i + 2..],
                _ => first,
            };
            Err(ParseError {
                pos,
                message: first.to_owned(),
            })
        }
    }
}

enum Raw {
    Null,
    Bool(bool),
    Int(i128),
    Float,
    Str(String),
    Seq(Vec<Spanned<Raw>>),
    Map(Vec<(Spanned<Raw>, Spanned<Raw>)>),
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Raw;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("any YAML value")
            }
            fn visit_unit<E>(self) -> Result<Raw, E> {
                Ok(Raw::Null)
            }
            fn visit_none<E>(self) -> Result<Raw, E> {
                Ok(Raw::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Raw, D::Error> {
                Raw::deserialize(d)
            }
            fn visit_bool<E>(self, v: bool) -> Result<Raw, E> {
                Ok(Raw::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Raw, E> {
                Ok(Raw::Int(v.into()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Raw, E> {
                Ok(Raw::Int(v.into()))
            }
            fn visit_i128<E>(self, v: i128) -> Result<Raw, E> {
                Ok(Raw::Int(v))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Raw, E> {
                Ok(Raw::Float)
            }
            fn visit_str<E>(self, v: &str) -> Result<Raw, E> {
                Ok(Raw::Str(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<Raw, E> {
                Ok(Raw::Str(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Raw, A::Error> {
                let mut out = Vec::new();
                while let Some(x) = a.next_element::<Spanned<Raw>>()? {
                    out.push(x);
                }
                Ok(Raw::Seq(out))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Raw, A::Error> {
                let mut out = Vec::new();
                while let Some(k) = a.next_key::<Spanned<Raw>>()? {
                    let v = a.next_value::<Spanned<Raw>>()?;
                    out.push((k, v));
                }
                Ok(Raw::Map(out))
            }
        }
        d.deserialize_any(V)
    }
}

fn position(s: &Spanned<Raw>) -> Pos {
    Pos {
        line: s.referenced.line(),
        column: s.referenced.column(),
    }
}

/// The source text of a plain scalar (a number or boolean as written), if the span is
/// exactly that.
fn source_text<'t>(s: &Spanned<Raw>, text: &'t str) -> Option<&'t str> {
    let span = s.defined.span();
    let start = usize::try_from(span.byte_offset()?).ok()?;
    let len = usize::try_from(span.byte_len()?).ok()?;
    let t = text.get(start..start.checked_add(len)?)?;
    let plain = !t.is_empty()
        && !t.starts_with(['"', '\'', '!', '&', '*'])
        && !t.contains(|c: char| c.is_whitespace() || c == '#');
    plain.then_some(t)
}

fn located(s: Spanned<Raw>, text: &str) -> Located {
    let pos = position(&s);
    let float_text = match s.value {
        Raw::Float => Some(source_text(&s, text).unwrap_or("0").to_owned()),
        _ => None,
    };
    let value = match s.value {
        Raw::Null => LocatedValue::Scalar(Node::Null),
        Raw::Bool(b) => LocatedValue::Scalar(Node::Bool(b)),
        Raw::Int(i) => LocatedValue::Scalar(Node::Int(i)),
        Raw::Float => LocatedValue::Scalar(Node::Str(float_text.unwrap_or_default())),
        Raw::Str(t) => LocatedValue::Scalar(Node::Str(t)),
        Raw::Seq(items) => LocatedValue::Seq(items.into_iter().map(|x| located(x, text)).collect()),
        Raw::Map(pairs) => LocatedValue::Map(
            pairs
                .into_iter()
                .map(|(k, v)| {
                    let kpos = position(&k);
                    let key = match &k.value {
                        Raw::Str(t) => t.clone(),
                        Raw::Null => "null".to_owned(),
                        Raw::Bool(b) => source_text(&k, text)
                            .map(str::to_owned)
                            .unwrap_or_else(|| b.to_string()),
                        Raw::Int(i) => source_text(&k, text)
                            .map(str::to_owned)
                            .unwrap_or_else(|| i.to_string()),
                        Raw::Float => source_text(&k, text).unwrap_or("0").to_owned(),
                        // A mapping or list as a key: no spec has one; keep a marker the
                        // caller will not find among its names.
                        Raw::Seq(_) | Raw::Map(_) => "<complex key>".to_owned(),
                    };
                    (key, kpos, located(v, text))
                })
                .collect(),
        ),
    };
    Located { pos, value }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(s: &str) {
        let mut m = Map::new();
        m.insert("k", s);
        let text = to_yaml("", &m);
        let back: std::collections::BTreeMap<String, String> =
            serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(back["k"], s, "{text}");
    }

    #[test]
    fn strings_read_back_unchanged() {
        for s in [
            "plain",
            "true",
            "No",
            "null",
            "~",
            "10",
            "0x1F",
            "+5",
            "1.50",
            "-",
            "- x",
            "a: b",
            "#x",
            "x #y",
            "'q'",
            "\"q\"",
            "{a}",
            "[a]",
            "&a",
            "*a",
            "!t",
            "%p",
            "@x",
            "`x`",
            "a\nb",
            "a\nb\n",
            " lead",
            "trail ",
            "tab\tx",
            "cr\r\n",
            "\u{202e}bidi",
            "中文：值",
            "",
            " ",
            "\n",
            "a\n\nb",
            "|",
            ">",
            "?",
            ":",
            "a:b",
            "x\u{2028}y",
            "  two",
            "é",
        ] {
            roundtrip(s);
        }
    }

    #[test]
    fn nested_output_is_stable_and_readable() {
        let mut m = Map::new();
        let f = m.map_mut("fields");
        let x = f.map_mut("MaxResults");
        x.insert("type", "int32");
        let mut r = Map::new();
        r.insert("min", 1i64);
        r.insert("max", 20i64);
        x.insert("range", r);
        m.insert(
            "constraints",
            Node::Seq(vec![Node::Map({
                let mut c = Map::new();
                c.insert("paired", Node::Seq(vec!["A".into(), "B".into()]));
                c.insert("origin", "mined");
                c
            })]),
        );
        let text = to_yaml("head\n\nline", &m);
        assert_eq!(
            text,
            "# head\n#\n# line\nfields:\n  MaxResults:\n    type: int32\n    range:\n      min: 1\n      max: 20\nconstraints:\n  - paired:\n      - A\n      - B\n    origin: mined\n"
        );
    }

    #[test]
    fn parse_keeps_positions_and_source_text() {
        let text = "a:\n  b: 1\n  0x1F: x\n  On: 2.50\nl:\n  - k: v\n  - null\n";
        let root = parse(text).unwrap();
        let LocatedValue::Map(top) = &root.value else {
            panic!("{root:?}")
        };
        assert_eq!(top[0].0, "a");
        assert_eq!((top[0].1.line, top[0].1.column), (1, 1));
        let LocatedValue::Map(a) = &top[0].2.value else {
            panic!()
        };
        let keys: Vec<(&str, u64, u64)> = a
            .iter()
            .map(|(k, p, _)| (k.as_str(), p.line, p.column))
            .collect();
        assert_eq!(keys, [("b", 2, 3), ("0x1F", 3, 3), ("On", 4, 3)]);
        assert_eq!(a[0].2.value, LocatedValue::Scalar(Node::Int(1)));
        assert_eq!(a[2].2.value, LocatedValue::Scalar(Node::Str("2.50".into())));
        let LocatedValue::Seq(items) = &top[1].2.value else {
            panic!()
        };
        assert_eq!((items[1].pos.line, items[1].pos.column), (7, 5));
        let node = root.to_node();
        let back = parse(&to_yaml("", node.as_map().unwrap()))
            .unwrap()
            .to_node();
        assert_eq!(back, node);
    }

    #[test]
    fn parse_error_has_position() {
        let e = parse("a: [1, 2\n").unwrap_err();
        assert_eq!(e.pos.line, 1, "{e:?}");
        assert!(!e.message.starts_with("line "), "{e:?}");
    }
}
