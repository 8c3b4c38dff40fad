//! Vendor prose → rustdoc Markdown.
//!
//! API references are written for browsers: HTML (`<p>`, `<br>`, `<a href>`, lists,
//! tables), bare URLs, text like `<Tag>` or `[x]`, indented samples, and now and then a
//! carriage return or a bidirectional control character. Pasted into doc comments as
//! they are, these break `cargo doc -D warnings` (`invalid_html_tags`, `bare_urls`,
//! `broken_intra_doc_links`) or become doctests that fail. [`to_rustdoc`] turns such
//! prose, English or Chinese, into Markdown that renders as the vendor meant and that
//! rustdoc accepts, the way prost-build cleans comments before they become docs.
//!
//! The steps:
//! 1. characters: line breaks become `\n`; control, bidirectional-control and other
//!    invisible format characters are removed; a tab becomes a space;
//! 2. HTML: known tags become Markdown, entities are decoded, comments dropped;
//! 3. Markdown text: `<`, `>`, `[`, `]` and entity-like `&` are escaped, bare URLs are
//!    wrapped in `<...>`; code spans, links `[text](https://...)`, autolinks and
//!    existing backslash escapes are kept;
//! 4. code: every fenced block becomes ```` ```text ````, and text indented as a code
//!    block is fenced as `text` too, so nothing becomes a doctest. The result is parsed
//!    with pulldown-cmark (rustdoc's Markdown parser) to make sure: a code block that
//!    is still not `text` has its lines' indentation removed.
//!
//! The output is a fixed point: `to_rustdoc(&to_rustdoc(x)) == to_rustdoc(x)`.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag};

/// Turns vendor prose (plain text, Markdown or HTML; any language) into Markdown that
/// rustdoc renders cleanly with `-D warnings` and that never contains a doctest.
///
/// Lines are separated by `\n`, carry no trailing whitespace, and runs of blank lines
/// are collapsed to one; the result has no leading or trailing blank line. Each line
/// can be emitted as one `#[doc = " ..."]` attribute.
pub fn to_rustdoc(prose: &str) -> String {
    let text = clean_chars(prose);
    let text = html_to_markdown(&text);
    let text = escape_markdown(&text);
    let text = fence_code(&text);
    let text = verify_no_doctest(text);
    tidy_lines(&text)
}

// ---------------------------------------------------------------------------
// 1. Characters
// ---------------------------------------------------------------------------

/// Whether `c` is removed: controls other than `\n`, bidirectional controls, and
/// invisible format characters that could hide text (not ZWJ/ZWNJ, which scripts and
/// emoji need).
fn is_removed(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(
            c,
            '\u{00AD}'
                | '\u{061C}'
                | '\u{180E}'
                | '\u{200B}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{206F}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
                | '\u{E0000}'..='\u{E007F}'
        )
}

fn clean_chars(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                // `\r\n` and a bare `\r` are both one line break.
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\u{2028}' | '\u{2029}' | '\u{0085}' | '\u{000B}' | '\u{000C}' => out.push('\n'),
            '\t' | '\u{00A0}' => out.push(' '),
            c if is_removed(c) => {}
            c => out.push(c),
        }
    }
    out
}

// ---------------------------------------------------------------------------
// 2. HTML
// ---------------------------------------------------------------------------

/// Tags converted or dropped; anything else that looks like a tag is text.
const HTML_TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "big",
    "blockquote",
    "body",
    "br",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "font",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "hr",
    "html",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "s",
    "samp",
    "section",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "tt",
    "u",
    "ul",
    "var",
];

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Text(String),
    /// A known tag: lowercase name, closing?, `href` / `alt` attribute.
    Tag {
        name: String,
        close: bool,
        attr: Option<String>,
    },
}

/// Splits `s` into text and known tags; comments are dropped; entities in text are
/// decoded.
fn tokenize(s: &str) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut text = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('<') {
        text.push_str(&rest[..i]);
        let at = &rest[i..];
        if let Some(end) = at.strip_prefix("<!--").map(|r| r.find("-->")) {
            // An unclosed comment runs to the end, as in a browser.
            rest = match end {
                Some(e) => &at[4 + e + 3..],
                None => "",
            };
            continue;
        }
        if let Some((tok, len)) = parse_tag(at) {
            if !text.is_empty() {
                toks.push(Tok::Text(decode_entities(&std::mem::take(&mut text))));
            }
            toks.push(tok);
            rest = &at[len..];
        } else {
            text.push('<');
            rest = &at[1..];
        }
    }
    text.push_str(rest);
    if !text.is_empty() {
        toks.push(Tok::Text(decode_entities(&text)));
    }
    toks
}

/// A known tag at the start of `s` (which starts with `<`), and its length.
fn parse_tag(s: &str) -> Option<(Tok, usize)> {
    let end = s.find('>')?;
    let inner = &s[1..end];
    if inner.contains('<') || inner.contains('\n') && inner.len() > 200 {
        return None;
    }
    let (close, inner) = match inner.strip_prefix('/') {
        Some(r) => (true, r),
        None => (false, inner),
    };
    let inner = inner.strip_suffix('/').unwrap_or(inner);
    let name_len = inner
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(inner.len());
    let name = inner[..name_len].to_ascii_lowercase();
    let attrs = &inner[name_len..];
    if !HTML_TAGS.contains(&name.as_str()) || !(attrs.is_empty() || attrs.starts_with([' ', '\n']))
    {
        return None;
    }
    let attr = match name.as_str() {
        "a" => attribute(attrs, "href"),
        "img" => attribute(attrs, "alt"),
        _ => None,
    };
    Some((Tok::Tag { name, close, attr }, end + 1))
}

/// The value of attribute `key` in `attrs` (`href="x"`, `href='x'` or `href=x`).
fn attribute(attrs: &str, key: &str) -> Option<String> {
    let lower = attrs.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(key) {
        let start = from + i;
        from = start + key.len();
        let before_ok = start == 0 || lower.as_bytes()[start - 1].is_ascii_whitespace();
        let after = lower[from..].trim_start();
        if !before_ok || !after.starts_with('=') {
            continue;
        }
        let value_at = attrs.len() - after.len() + 1;
        let v = attrs[value_at..].trim_start();
        let value = match v.chars().next() {
            Some(q @ ('"' | '\'')) => v[1..].split(q).next().unwrap_or(""),
            _ => v.split(char::is_whitespace).next().unwrap_or(""),
        };
        return Some(decode_entities(value).trim().to_owned());
    }
    None
}

/// Decodes the common named entities and numeric ones; anything else stays as written.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let at = &rest[i..];
        match entity(at) {
            Some((c, len)) => {
                if !is_removed(c) && c != '\r' {
                    out.push(if c == '\u{A0}' { ' ' } else { c });
                }
                rest = &at[len..];
            }
            None => {
                out.push('&');
                rest = &at[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character an entity at the start of `s` stands for, and the entity's length.
fn entity(s: &str) -> Option<(char, usize)> {
    let semi = s.bytes().take(12).position(|b| b == b';')?;
    let body = &s[1..semi];
    let c = if let Some(num) = body.strip_prefix('#') {
        let n = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(n).filter(|c| *c != '\0')?
    } else {
        match body {
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => '\u{A0}',
            "ensp" | "emsp" | "thinsp" => ' ',
            "ndash" => '–',
            "mdash" => '—',
            "hellip" => '…',
            "middot" => '·',
            "laquo" => '«',
            "raquo" => '»',
            "ldquo" => '“',
            "rdquo" => '”',
            "lsquo" => '‘',
            "rsquo" => '’',
            "times" => '×',
            "copy" => '©',
            "reg" => '®',
            "trade" => '™',
            "deg" => '°',
            "le" => '≤',
            "ge" => '≥',
            _ => return None,
        }
    };
    Some((c, semi + 1))
}

/// Builds Markdown from tokens. Vendor text is copied unescaped; step 3 escapes it.
#[derive(Default)]
struct Md {
    out: String,
    /// Open lists: ordered?, next number.
    lists: Vec<(bool, u32)>,
    /// Inside `<pre>`: text is copied raw into a `text` fence.
    pre: bool,
    /// Inside `<code>` (not in `<pre>`): the code span's text so far.
    code: Option<String>,
    /// Inside `<a href>`: the link target and the text so far.
    link: Option<(String, String)>,
    /// Inside a table: rows of cells; the cell being read.
    table: Option<Vec<Vec<String>>>,
    cell: Option<String>,
}

impl Md {
    /// Where text goes now.
    fn sink(&mut self) -> &mut String {
        if let Some(c) = &mut self.code {
            return c;
        }
        if let Some((_, t)) = &mut self.link {
            return t;
        }
        if let Some(c) = &mut self.cell {
            return c;
        }
        &mut self.out
    }

    fn text(&mut self, t: &str) {
        if self.pre {
            self.out.push_str(t);
            return;
        }
        let in_item = !self.lists.is_empty();
        let inline = self.code.is_some() || self.link.is_some() || self.cell.is_some();
        if inline || in_item {
            // Inline contexts and list items are one line: newlines become spaces.
            let mut flat = t.replace('\n', " ");
            if !inline && (self.out.ends_with("- ") || self.out.ends_with(". ")) {
                // Spaces after a list marker would make the item a code block.
                flat = flat.trim_start().to_owned();
            }
            self.sink().push_str(&flat);
        } else {
            self.out.push_str(t);
        }
    }

    /// Ends the current line, if any text is on it.
    fn newline(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
    }

    /// Starts a new paragraph.
    fn paragraph(&mut self) {
        if self.out.is_empty() {
            return;
        }
        self.newline();
        if !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
    }

    fn tag(&mut self, name: &str, close: bool, attr: Option<String>) {
        if self.pre && !(name == "pre" && close) {
            if name == "br" {
                self.out.push('\n');
            }
            return;
        }
        match (name, close) {
            ("br", _) => {
                if self.lists.is_empty() && self.cell.is_none() && self.link.is_none() {
                    self.newline();
                } else {
                    self.sink().push(' ');
                }
            }
            ("p" | "div" | "section" | "blockquote" | "center" | "dl" | "hr", _)
            | ("h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "caption", true) => {
                if self.lists.is_empty() && self.cell.is_none() {
                    self.paragraph();
                } else {
                    self.sink().push(' ');
                }
            }
            ("h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "caption", false)
                if self.lists.is_empty() && self.cell.is_none() =>
            {
                self.paragraph();
            }
            ("dt" | "dd", false) if self.lists.is_empty() && self.cell.is_none() => {
                self.newline();
            }
            ("b" | "strong", _) => self.emphasis("**"),
            ("i" | "em" | "cite" | "var", _) => self.emphasis("*"),
            ("del" | "s" | "strike", _) => self.emphasis("~~"),
            ("code" | "tt" | "kbd" | "samp", false) if self.code.is_none() => {
                self.code = Some(String::new());
            }
            ("code" | "tt" | "kbd" | "samp", true) => {
                if let Some(code) = self.code.take() {
                    let span = code_span(&code);
                    self.sink().push_str(&span);
                }
            }
            ("pre", false) => {
                self.paragraph();
                self.out.push_str("```text\n");
                self.pre = true;
            }
            ("pre", true) => {
                self.pre = false;
                self.newline();
                self.out.push_str("```\n\n");
            }
            ("a", false) => {
                if let Some(href) = attr.filter(|h| is_url(h)) {
                    self.link = Some((href, String::new()));
                }
            }
            ("a", true) => {
                if let Some((href, text)) = self.link.take() {
                    let text = text.trim();
                    let md = if text.is_empty() || text == href {
                        format!("<{}>", encode_url(&href))
                    } else {
                        format!("[{}]({})", text.replace(['[', ']'], ""), encode_url(&href))
                    };
                    self.sink().push_str(&md);
                }
            }
            ("img", _) => {
                if let Some(alt) = attr {
                    self.text(&alt);
                }
            }
            ("ul" | "ol", false) => {
                if self.cell.is_some() {
                    return;
                }
                if self.lists.is_empty() {
                    self.paragraph();
                }
                self.lists.push((name == "ol", 1));
            }
            ("ul" | "ol", true) => {
                if self.cell.is_some() {
                    return;
                }
                self.lists.pop();
                if self.lists.is_empty() {
                    self.paragraph();
                }
            }
            ("li", false) => {
                if self.cell.is_some() {
                    self.sink().push_str("; ");
                    return;
                }
                self.newline();
                let depth = self.lists.len().max(1) - 1;
                let marker = match self.lists.last_mut() {
                    Some((true, n)) => {
                        let m = format!("{n}. ");
                        *n += 1;
                        m
                    }
                    _ => "- ".to_owned(),
                };
                self.out.push_str(&"  ".repeat(depth * 2));
                self.out.push_str(&marker);
            }
            ("li", true) if self.cell.is_none() => self.newline(),
            ("table", false) => {
                self.paragraph();
                self.table = Some(Vec::new());
            }
            ("table", true) => self.end_table(),
            ("tr", false) => {
                self.end_cell();
                if let Some(t) = &mut self.table {
                    t.push(Vec::new());
                }
            }
            ("tr", true) => self.end_cell(),
            ("td" | "th", false) => {
                self.end_cell();
                if self.table.is_some() {
                    self.cell = Some(String::new());
                }
            }
            ("td" | "th", true) => self.end_cell(),
            _ => {}
        }
    }

    fn emphasis(&mut self, mark: &str) {
        // Emphasis is left out in code spans and links, where it would show as text.
        if self.code.is_none() && !self.pre {
            self.sink().push_str(mark);
        }
    }

    fn end_cell(&mut self) {
        if let Some(cell) = self.cell.take()
            && let Some(t) = &mut self.table
        {
            if t.is_empty() {
                t.push(Vec::new());
            }
            let cell = cell.split_whitespace().collect::<Vec<_>>().join(" ");
            t.last_mut()
                .expect("a row was just ensured")
                .push(escape_cell(&cell));
        }
    }

    fn end_table(&mut self) {
        self.end_cell();
        let Some(rows) = self.table.take() else {
            return;
        };
        let rows: Vec<Vec<String>> = rows.into_iter().filter(|r| !r.is_empty()).collect();
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        if width == 0 {
            return;
        }
        self.paragraph();
        for (i, row) in rows.iter().enumerate() {
            let cells: Vec<&str> = (0..width)
                .map(|j| row.get(j).map_or("", String::as_str))
                .collect();
            self.out.push_str(&format!("| {} |\n", cells.join(" | ")));
            if i == 0 {
                self.out.push_str(&format!("|{}\n", " --- |".repeat(width)));
            }
        }
        self.out.push('\n');
    }

    fn finish(mut self) -> String {
        if let Some(code) = self.code.take() {
            let span = code_span(&code);
            self.sink().push_str(&span);
        }
        if let Some((href, text)) = self.link.take() {
            self.sink()
                .push_str(&format!("{text} <{}>", encode_url(&href)));
        }
        if self.pre {
            self.newline();
            self.out.push_str("```\n");
        }
        self.end_table();
        self.out
    }
}

/// Converts the HTML in `s`, leaving Markdown fenced blocks (an XML sample, say) as
/// they are.
fn html_to_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut html = String::new();
    let mut open: Option<String> = None;
    for line in s.split('\n') {
        match &open {
            Some(close) => {
                out.push_str(line);
                out.push('\n');
                if fence(line)
                    .is_some_and(|(_, f, info)| info.is_empty() && f.starts_with(close.as_str()))
                {
                    open = None;
                }
            }
            None => {
                if let Some((_, f, _)) = fence(line) {
                    out.push_str(&convert_html(&std::mem::take(&mut html)));
                    if !out.is_empty() && !out.ends_with('\n') {
                        out.push('\n');
                    }
                    out.push_str(line);
                    out.push('\n');
                    open = Some(f.to_owned());
                } else {
                    html.push_str(line);
                    html.push('\n');
                }
            }
        }
    }
    out.push_str(&convert_html(&html));
    out
}

fn convert_html(s: &str) -> String {
    if s.is_empty() {
        return String::new();
    }
    let mut md = Md::default();
    for tok in tokenize(s) {
        match tok {
            Tok::Text(t) => md.text(&t),
            Tok::Tag { name, close, attr } => md.tag(&name, close, attr),
        }
    }
    let mut out = md.finish();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// A Markdown code span holding `code` (on one line), with a backtick fence longer than
/// any run of backticks inside it.
fn code_span(code: &str) -> String {
    let code = code.split_whitespace().collect::<Vec<_>>().join(" ");
    if code.is_empty() {
        return String::new();
    }
    let mut longest = 0;
    let mut run = 0;
    for c in code.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if code.starts_with('`') || code.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{code}{pad}{fence}")
}

/// A table cell's text: `|` and a trailing `\` escaped so the row keeps its shape.
fn escape_cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek().is_some_and(char::is_ascii_punctuation) => {
                out.push(c);
                out.push(chars.next().expect("peeked"));
            }
            '|' => out.push_str("\\|"),
            c => out.push(c),
        }
    }
    out
}

fn is_url(s: &str) -> bool {
    let b = s.as_bytes();
    let prefix = |p: &[u8]| b.len() > p.len() && b[..p.len()].eq_ignore_ascii_case(p);
    prefix(b"http://") || prefix(b"https://")
}

/// Characters a Markdown link destination or autolink cannot hold, percent-encoded.
fn encode_url(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '`' => out.push_str("%60"),
            '"' => out.push_str("%22"),
            '\\' => out.push_str("%5C"),
            c if c.is_control() || c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

// ---------------------------------------------------------------------------
// 3. Markdown text
// ---------------------------------------------------------------------------

/// Whether `line` opens or closes a fence: up to three spaces, then three or more
/// backticks or tildes. Returns the indentation, the fence and the info string.
fn fence(line: &str) -> Option<(&str, &str, &str)> {
    let body = line.trim_start_matches(' ');
    let indent = &line[..line.len() - body.len()];
    if indent.len() > 3 {
        return None;
    }
    let ch = body.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let n = body.len() - body.trim_start_matches(ch).len();
    if n < 3 {
        return None;
    }
    let info = body[n..].trim();
    if ch == '`' && info.contains('`') {
        return None;
    }
    Some((indent, &body[..n], info))
}

/// Escapes everything outside fenced blocks; fenced blocks get the info string `text`.
fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    let mut open: Option<String> = None;
    for line in s.split('\n') {
        if let Some(close) = &open {
            if let Some((_, f, info)) = fence(line)
                && info.is_empty()
                && f.starts_with(close.as_str())
                && f.chars().all(|c| close.starts_with(c))
            {
                out.push_str(close);
                open = None;
            } else {
                out.push_str(line);
            }
            out.push('\n');
            continue;
        }
        if let Some((indent, f, _)) = fence(line) {
            out.push_str(indent);
            out.push_str(f);
            out.push_str("text\n");
            open = Some(f.to_owned());
            continue;
        }
        escape_line(line, &mut out);
        out.push('\n');
    }
    if let Some(close) = open {
        // An unclosed fence runs to the end, as Markdown reads it; close it there.
        out.truncate(out.trim_end_matches('\n').len());
        out.push('\n');
        out.push_str(&close);
        out.push('\n');
    }
    out
}

/// Escapes one line of Markdown text.
fn escape_line(line: &str, out: &mut String) {
    let b = line.as_bytes();
    let mut i = 0;
    while i < line.len() {
        let rest = &line[i..];
        let c = rest.chars().next().expect("i < len");
        // An existing backslash escape stays as it is.
        if c == '\\'
            && let Some(n) = rest[1..].chars().next()
            && n.is_ascii_punctuation()
        {
            out.push('\\');
            // `\~~~` is one escaped run of tildes, as step 3 writes it.
            let run = if n == '~' {
                rest[1..].len() - rest[1..].trim_start_matches('~').len()
            } else {
                1
            };
            out.push_str(&rest[1..1 + run]);
            i += 1 + run;
            continue;
        }
        match c {
            '`' => {
                let run = rest.len() - rest.trim_start_matches('`').len();
                let fence = &rest[..run];
                // A code span: the same run of backticks closes it on this line.
                if let Some(end) = find_closing_backticks(&rest[run..], run) {
                    let whole = run + end + run;
                    out.push_str(&rest[..whole]);
                    i += whole;
                } else {
                    for _ in 0..run {
                        out.push_str("\\`");
                    }
                    let _ = fence;
                    i += run;
                }
            }
            '<' => {
                if let Some(len) = autolink_len(rest) {
                    out.push_str(&rest[..len]);
                    i += len;
                } else {
                    out.push_str("&lt;");
                    i += 1;
                }
            }
            '>' => {
                out.push_str("&gt;");
                i += 1;
            }
            '[' => {
                if let Some(len) = link_len(rest) {
                    let close = rest.find("](").expect("link_len found it");
                    escape_line(&rest[1..close], {
                        out.push('[');
                        out
                    });
                    out.push_str(&rest[close..len]);
                    i += len;
                } else {
                    out.push_str("\\[");
                    i += 1;
                }
            }
            ']' => {
                out.push_str("\\]");
                i += 1;
            }
            '~' => {
                // Three or more tildes would open a fence in a list item.
                let run = rest.len() - rest.trim_start_matches('~').len();
                if run >= 3 {
                    out.push('\\');
                }
                out.push_str(&rest[..run]);
                i += run;
            }
            '&' => {
                if entity_like(rest) {
                    out.push_str("&amp;");
                } else {
                    out.push('&');
                }
                i += 1;
            }
            'h' | 'H' if is_url(rest) && (i == 0 || !b[i - 1].is_ascii_alphanumeric()) => {
                let len = bare_url_len(rest);
                // A lone backslash just before would escape the `<`: escape it instead.
                if i > 0 && b[i - 1] == b'\\' && !escaped_before(line, i - 1) {
                    out.push('\\');
                }
                out.push('<');
                out.push_str(&encode_url(&rest[..len]));
                out.push('>');
                i += len;
            }
            c => {
                out.push(c);
                i += c.len_utf8();
            }
        }
    }
}

/// Whether the backslash at byte `at` of `line` is itself escaped, i.e. the second of a
/// pair, as step 3 reads pairs from the left.
fn escaped_before(line: &str, at: usize) -> bool {
    let b = line.as_bytes();
    let mut i = 0;
    while i < at {
        if b[i] == b'\\' && b.get(i + 1).is_some_and(u8::is_ascii_punctuation) {
            if i + 1 == at {
                return true;
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    false
}

/// Where a run of exactly `n` backticks starts in `s`, if any.
fn find_closing_backticks(s: &str, n: usize) -> Option<usize> {
    let mut i = 0;
    while let Some(j) = s[i..].find('`') {
        let at = i + j;
        let run = s[at..].len() - s[at..].trim_start_matches('`').len();
        if run == n {
            return Some(at);
        }
        i = at + run;
    }
    None
}

/// `&name;` or `&#123;` at the start of `s`: text rustdoc would read as an entity.
fn entity_like(s: &str) -> bool {
    let body = &s[1..];
    let end = body
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
        .unwrap_or(body.len());
    end > 0 && body[end..].starts_with(';')
}

/// The length of an autolink `<http(s)://...>` at the start of `s`.
fn autolink_len(s: &str) -> Option<usize> {
    if !is_url(&s[1..]) {
        return None;
    }
    let end = s.find('>')?;
    let url = &s[1..end];
    let ok = !url
        .chars()
        .any(|c| c == '<' || c.is_whitespace() || c.is_control());
    ok.then_some(end + 1)
}

/// The length of an inline link `[text](http(s)://...)` at the start of `s`, on one
/// line, whose text has no brackets or code.
fn link_len(s: &str) -> Option<usize> {
    let close = s.find("](")?;
    let text = &s[1..close];
    if text.is_empty() || text.contains(['[', ']', '`']) {
        return None;
    }
    let dest = &s[close + 2..];
    if !is_url(dest) {
        return None;
    }
    let end = dest.find(')')?;
    let url = &dest[..end];
    if url
        .chars()
        .any(|c| c.is_whitespace() || c == '<' || c == '(')
    {
        return None;
    }
    Some(close + 2 + end + 1)
}

/// The length of a bare URL at the start of `s`: up to whitespace, `<`, `>`, a quote or
/// a non-ASCII character (Chinese prose runs on without a space), less trailing
/// punctuation, and less a `)` with no `(` in the URL.
fn bare_url_len(s: &str) -> usize {
    let mut end = s
        .find(|c: char| {
            c.is_whitespace() || !c.is_ascii() || matches!(c, '<' | '>' | '"' | '`' | '[' | ']')
        })
        .unwrap_or(s.len());
    loop {
        let url = &s[..end];
        let last = url.chars().last();
        let strip = match last {
            Some('.' | ',' | ';' | ':' | '!' | '?' | '\'' | '*' | '_') => true,
            Some(')') => url.matches('(').count() < url.matches(')').count(),
            _ => false,
        };
        if strip && end > 8 {
            end -= 1;
        } else {
            return end;
        }
    }
}

// ---------------------------------------------------------------------------
// 4. Code
// ---------------------------------------------------------------------------

fn leading_spaces(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Text indented four or more spaces where Markdown would start an indented code block
/// (after a blank line, at the start, after a heading or a fence) is put in a `text`
/// fence, dedented.
fn fence_code(s: &str) -> String {
    let lines: Vec<&str> = s.split('\n').collect();
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut in_fence: Option<String> = None;
    let mut i = 0;
    // Whether the previous line lets an indented code block start.
    let mut can_start = true;
    while i < lines.len() {
        let line = lines[i];
        if let Some(close) = &in_fence {
            if fence(line)
                .is_some_and(|(_, f, info)| info.is_empty() && f.starts_with(close.as_str()))
            {
                in_fence = None;
                can_start = true;
            }
            out.push(line.to_owned());
            i += 1;
            continue;
        }
        if let Some((_, f, _)) = fence(line) {
            in_fence = Some(f.to_owned());
            out.push(line.to_owned());
            i += 1;
            continue;
        }
        if line.trim().is_empty() {
            out.push(String::new());
            can_start = true;
            i += 1;
            continue;
        }
        if can_start && leading_spaces(line) >= 4 {
            // The block: indented lines, and blank lines between them.
            let mut j = i;
            let mut last = i;
            while j < lines.len() {
                let l = lines[j];
                if l.trim().is_empty() {
                    j += 1;
                    continue;
                }
                if leading_spaces(l) < 4 {
                    break;
                }
                last = j;
                j += 1;
            }
            let block = &lines[i..=last];
            let strip = block
                .iter()
                .filter(|l| !l.trim().is_empty())
                .map(|l| leading_spaces(l))
                .min()
                .unwrap_or(0);
            let longest = block
                .iter()
                .map(|l| l.len() - l.trim_start_matches('`').len())
                .max()
                .unwrap_or(0);
            let f = "`".repeat(3.max(longest + 1));
            out.push(format!("{f}text"));
            for l in block {
                out.push(l.get(strip..).unwrap_or("").to_owned());
            }
            out.push(f);
            i = last + 1;
            can_start = true;
            continue;
        }
        let t = line.trim_start();
        can_start = t.starts_with('#') || t.starts_with('|');
        out.push(line.to_owned());
        i += 1;
    }
    out.join("\n")
}

/// Makes sure, with rustdoc's own Markdown parser, that no code block would be a
/// doctest: any code block other than a `text` fence loses its lines' indentation.
fn verify_no_doctest(mut s: String) -> String {
    for _ in 0..4 {
        let bad = doctest_ranges(&s);
        if bad.is_empty() {
            return s;
        }
        let mut lines: Vec<String> = s.split('\n').map(str::to_owned).collect();
        for (start, end) in bad {
            let first = s[..start].matches('\n').count();
            let last = s[..end.min(s.len())].matches('\n').count();
            let last = last.min(lines.len() - 1);
            for l in &mut lines[first..=last] {
                *l = defuse_line(l.trim_start());
            }
        }
        s = lines.join("\n");
    }
    s
}

/// `line` as plain text: a backslash before each run of three or more backticks or
/// tildes, so no fence starts there (in a list item, say).
fn defuse_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 4);
    let mut rest = line;
    // A list marker followed by several spaces: one space, so the item is not code.
    loop {
        let marker = rest
            .find(|c: char| !(c.is_ascii_digit() || matches!(c, '-' | '*' | '+' | '.' | ')')))
            .unwrap_or(rest.len());
        if marker == 0 || !rest[marker..].starts_with(' ') {
            break;
        }
        out.push_str(&rest[..marker]);
        out.push(' ');
        rest = rest[marker..].trim_start();
    }
    while let Some(c) = rest.chars().next() {
        if matches!(c, '`' | '~') {
            let run = rest.len() - rest.trim_start_matches(c).len();
            let escaped = out.ends_with('\\');
            if run >= 3 && !escaped && c == '~' {
                out.push('\\');
                out.push_str(&rest[..run]);
            } else if run >= 3 && !escaped {
                // Every backtick escaped: what step 3 makes of an unmatched run.
                out.push_str(&"\\`".repeat(run));
            } else {
                out.push_str(&rest[..run]);
            }
            rest = &rest[run..];
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// Byte ranges of code blocks that are not ```` ```text ```` fences.
fn doctest_ranges(s: &str) -> Vec<(usize, usize)> {
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_FOOTNOTES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    opts.insert(Options::ENABLE_TASKLISTS);
    Parser::new_ext(s, opts)
        .into_offset_iter()
        .filter_map(|(ev, range)| match ev {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) if info.trim() == "text" => {
                None
            }
            Event::Start(Tag::CodeBlock(_)) => Some((range.start, range.end)),
            _ => None,
        })
        .collect()
}

/// Trims trailing whitespace, collapses runs of blank lines, drops leading and
/// trailing blank lines.
fn tidy_lines(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank = false;
    for line in s.split('\n') {
        let line = line.trim_end();
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if blank {
            out.push('\n');
            blank = false;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(input: &str, want: &str) {
        let got = to_rustdoc(input);
        assert_eq!(got, want, "input: {input:?}");
        assert_eq!(to_rustdoc(&got), got, "not idempotent for {input:?}");
        assert!(doctest_ranges(&got).is_empty(), "doctest in {got:?}");
    }

    #[test]
    fn plain_text_is_unchanged() {
        check("The ID of the task.", "The ID of the task.");
        check("任务ID。", "任务ID。");
        check("a_b_c and 2*3 = 6", "a_b_c and 2*3 = 6");
        check("", "");
    }

    #[test]
    fn line_breaks_and_invisible_characters() {
        check("a\r\nb\rc", "a\nb\nc");
        check("a\u{202e}b\u{2066}c\u{200e}d\u{200f}e\u{61c}", "abcde");
        check("a\u{0}b\u{7}c\u{1b}[31md\u{7f}", "abc\\[31md");
        check("tab\there", "tab here");
        check("line  \n\n\n\nnext   ", "line\n\nnext");
        check("\u{feff}bom", "bom");
        check("a\u{2028}b", "a\nb");
        // Joiners are kept: scripts and emoji need them.
        check("👩\u{200d}💻", "👩\u{200d}💻");
    }

    #[test]
    fn html_becomes_markdown() {
        check("<p>One.</p><p>Two.</p>", "One.\n\nTwo.");
        check("a<br>b<br/>c<BR />d", "a\nb\nc\nd");
        check(
            "See <a href=\"https://example.com/x?a=1&amp;b=2\">the docs</a>.",
            "See [the docs](https://example.com/x?a=1&b=2).",
        );
        check(
            "<a href='https://example.com/a b'>https://example.com/a b</a>",
            "<https://example.com/a%20b>",
        );
        check("<a href=\"/document/api/1\">相对链接</a>", "相对链接");
        check("<b>Note</b>: <strong>x</strong>", "**Note**: **x**");
        check("<i>it</i> <em>em</em>", "*it* *em*");
        check("Use <code>Vec<u8></code>.", "Use `Vec<u8>`.");
        check("<code>a`b</code>", "``a`b``");
        check(
            "<ul><li>User：用户。</li><li>Group：用户组。</li></ul>",
            "- User：用户。\n- Group：用户组。",
        );
        check(
            "<ol><li>one</li><li>two<ul><li>inner</li></ul></li></ol>",
            "1. one\n2. two\n    - inner",
        );
        check(
            "<table><tr><th>Name</th><th>Meaning</th></tr><tr><td>a|b</td><td>x<br>y</td></tr></table>",
            "| Name | Meaning |\n| --- | --- |\n| a\\|b | x y |",
        );
        check(
            "<pre>fn main() {\n    x();\n}</pre>",
            "```text\nfn main() {\n    x();\n}\n```",
        );
        check("a<!-- hidden -->b", "ab");
        check(
            "&lt;Tag&gt; &amp; &quot;q&quot; &#x4E2D;&#25991;",
            "&lt;Tag&gt; & \"q\" 中文",
        );
        check("<img src=x alt=\"diagram\">", "diagram");
        check("<h2>Title</h2>Body", "Title\n\nBody");
        check("<div><span style=\"color:red\">red</span></div>", "red");
    }

    #[test]
    fn tag_like_text_is_escaped() {
        check("Returns <Tag> or <T>.", "Returns &lt;Tag&gt; or &lt;T&gt;.");
        check("a < b > c", "a &lt; b &gt; c");
        check("List<String>", "List&lt;String&gt;");
        check("unclosed <p", "unclosed &lt;p");
        check("&lt;b&gt;not bold&lt;/b&gt;", "&lt;b&gt;not bold&lt;/b&gt;");
        check("&amp;lt; stays text", "&amp;lt; stays text");
        check("AT&T & co", "AT&T & co");
    }

    #[test]
    fn brackets_never_become_intra_doc_links() {
        check(
            "[x] and [Vec] and [a][b]",
            "\\[x\\] and \\[Vec\\] and \\[a\\]\\[b\\]",
        );
        check("取值范围：[1, 100]", "取值范围：\\[1, 100\\]");
        check("[docs](https://example.com)", "[docs](https://example.com)");
        check("[docs](crate::x)", "\\[docs\\](crate::x)");
    }

    #[test]
    fn bare_urls_are_wrapped() {
        check("See https://example.com.", "See <https://example.com>.");
        check(
            "详见https://cloud.tencent.com/document/api/850/106860。",
            "详见<https://cloud.tencent.com/document/api/850/106860>。",
        );
        check(
            "(https://example.com/a_(b))",
            "(<https://example.com/a_%28b%29>)",
        );
        check("<https://example.com>", "<https://example.com>");
        check("`https://example.com`", "`https://example.com`");
        check("xhttps://no", "xhttps://no");
    }

    #[test]
    fn nothing_becomes_a_doctest() {
        check(
            "Example:\n\n    let x = 1;\n    x + 1",
            "Example:\n\n```text\nlet x = 1;\nx + 1\n```",
        );
        check("    indented first", "```text\nindented first\n```");
        check("```\nfn main() {}\n```", "```text\nfn main() {}\n```");
        check("```rust\npanic!()\n```", "```text\npanic!()\n```");
        check("~~~python\nprint(1)\n~~~", "~~~text\nprint(1)\n~~~");
        check("```\nunclosed", "```text\nunclosed\n```");
        check("para\n    continuation", "para\n    continuation");
        check("- item\n\n      code?", "- item\n\n```text\ncode?\n```");
        check("\t\tTabbed", "  Tabbed");
        check("```\n<b>[x]</b>\n```", "```text\n<b>[x]</b>\n```");
    }

    #[test]
    fn code_spans_and_backticks() {
        check(
            "`TargetId`与`TargetType`必须同时配置",
            "`TargetId`与`TargetType`必须同时配置",
        );
        check("a ` b", "a \\` b");
        check("`<T>` and `[x]`", "`<T>` and `[x]`");
    }

    #[test]
    fn idempotent_on_hostile_mixes() {
        let inputs = [
            "<p>A <b>bold [link]</b> to https://x.example/y.</p>\n\n    code\n<ul><li>- nested</li></ul>",
            "\\[already\\] escaped \\<x\\>",
            "```\n```\n```",
            "<table><tr><td>`a|b`</td></tr></table>",
            "<pre>```\ninner fence\n```</pre>",
            "&amp;amp; &#0; &#xD800; &#x202E;x",
            "<a href=\"https://e.com/)\">x](y)</a>",
            "<code></code><b></b><a href=\"https://e.com\"></a>",
            "# heading\n    code after heading",
            "| a |\n|---|\n    | b |",
            "1. x\n\n    1. y\n\n        z",
        ];
        for s in inputs {
            let once = to_rustdoc(s);
            assert_eq!(to_rustdoc(&once), once, "{s:?}");
            assert!(doctest_ranges(&once).is_empty(), "{s:?} -> {once:?}");
        }
    }

    /// Fragments of hostile vendor prose, for the property test.
    const FRAGMENTS: &[&str] = &[
        "<p>",
        "</p>",
        "<br>",
        "<a href=\"https://e.com/x\">",
        "</a>",
        "<ul>",
        "<li>",
        "</li>",
        "</ul>",
        "<ol>",
        "<table>",
        "<tr>",
        "<td>",
        "</td>",
        "<th>",
        "</tr>",
        "</table>",
        "<b>",
        "</b>",
        "<code>",
        "</code>",
        "<pre>",
        "</pre>",
        "<Tag>",
        "<T>",
        "&lt;",
        "&amp;",
        "&#x202E;",
        "[x]",
        "[a](https://e.com)",
        "](",
        "`",
        "``",
        "```",
        "```rust",
        "~~~",
        "\n",
        "\n\n",
        "    ",
        "\t",
        "\r",
        "\r\n",
        "\u{202e}",
        "\u{2066}",
        "\u{200f}",
        "https://e.com/a_(b).",
        "http://x",
        "<https://e.com>",
        "\\",
        "\\[",
        "|",
        "- ",
        "1. ",
        "# ",
        "> ",
        "*",
        "**",
        "_",
        "中文",
        "取值范围：1~100",
        "<!--",
        "-->",
        "&",
        ";",
        "#",
    ];

    use proptest::prelude::*;

    proptest::proptest! {
        #[test]
        fn sanitized_prose_is_a_fixed_point_without_doctests(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::sample::select(FRAGMENTS).prop_map(str::to_owned),
                    "\\PC{0,6}",
                ],
                0..24,
            )
        ) {
            let input = parts.concat();
            let once = to_rustdoc(&input);
            prop_assert_eq!(&to_rustdoc(&once), &once, "input {:?}", input);
            prop_assert!(doctest_ranges(&once).is_empty(), "{:?} -> {:?}", input, once);
            prop_assert!(!once.contains('\r'));
            let bidi = once
                .chars()
                .any(|c| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'));
            prop_assert!(!bidi);
            prop_assert!(once.lines().all(|l| l == l.trim_end()));
        }
    }
}
