//! Stage 6a, print: emitted tokens → readable Rust text, without a syntax tree.
//!
//! Generation used to parse the emitted tokens back into a `syn::File` and print that
//! with prettyplease; the round trip was most of the time it took (docs/performance.md).
//! The code the generator emits is a small, regular subset of Rust, so this printer
//! lays it out straight from the token trees:
//!
//! - Tokens are spaced by what they are (an identifier, a keyword, a unary or binary
//!   operator, a path separator, generic brackets, closure bars), with the joint
//!   punctuation of multi-character operators kept together: `a::b`, `&self`,
//!   `Vec<u8>`, `x => y`, `|x| f(x)`.
//! - Bodies of items and control flow (`fn`, `impl`, `struct`, `match`, `if`, …) are
//!   always broken over lines, one statement, field, variant or arm per line; struct
//!   literals, use trees and argument lists stay on one line when they fit in
//!   [`WIDTH`] columns and are otherwise broken after their commas.
//! - `#[doc = "…"]` becomes `///` lines (`//!` for inner docs), other attributes stand
//!   on their own lines.
//!
//! Line breaks are whitespace to Rust, so layout never changes meaning; the spacing
//! rules never join two tokens that must stay apart. Generated modules carry
//! `#[rustfmt::skip]`, so the output need not be rustfmt's, only stable and readable.

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

/// The column past which lists are broken, as rustfmt's default.
pub const WIDTH: usize = 100;

const INDENT: &str = "    ";

/// Keywords that are spaced like words but are not operands: after them `&`, `*`,
/// `-` and `!` are unary and `(` is not a call. `self`, `Self`, `crate`, `super`,
/// `true` and `false` are operands, so they are left out.
fn is_keyword(w: &str) -> bool {
    matches!(
        w,
        "as" | "async"
            | "await"
            | "break"
            | "const"
            | "continue"
            | "dyn"
            | "else"
            | "enum"
            | "extern"
            | "fn"
            | "for"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "pub"
            | "ref"
            | "return"
            | "static"
            | "struct"
            | "trait"
            | "type"
            | "union"
            | "unsafe"
            | "use"
            | "where"
            | "while"
            | "yield"
    )
}

/// Keywords after which a brace group is a body (of an item or of control flow),
/// never a struct literal.
fn opens_body(w: &str) -> bool {
    matches!(
        w,
        "fn" | "struct"
            | "enum"
            | "impl"
            | "trait"
            | "mod"
            | "union"
            | "if"
            | "else"
            | "match"
            | "while"
            | "for"
            | "loop"
            | "unsafe"
            | "async"
            | "extern"
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Spaced on both sides: `=`, `=>`, `->`, `+`, `==`, `|` between patterns, ….
    Binary,
    /// Prefix `&`, `*`, `-`, `!`: no space after.
    Unary,
    /// `::`, `.`, `..`, `..=` and a macro's `!`: no space after, none before an operand.
    Tight,
    /// `,` and `;`: no space before, a space after.
    Sep,
    /// `:`: no space before, a space after.
    Colon,
    /// `?`: no space before.
    Question,
    /// `<` of generics: no space on either side.
    GenOpen,
    /// `>` of generics; `spaced` after `impl<…>` and `for<…>`, where a path follows.
    GenClose { spaced: bool },
    /// The first `|` of closure parameters: no space after.
    ClosureOpen,
    /// The second `|`: no space before.
    ClosureClose,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BraceKind {
    /// A body: always broken over lines when not empty.
    Body,
    /// `{ a, b }` of a struct literal or pattern: on one line when it fits.
    Literal,
    /// `{a, b}` after `::` in a `use`.
    UseTree,
}

#[derive(Debug)]
enum Tok {
    /// An identifier, keyword, literal or lifetime.
    Word {
        text: String,
        keyword: bool,
    },
    Op {
        text: String,
        role: Role,
    },
    Group(Group),
    /// `#[doc = "…"]`: the doc's lines (`inner` for `//!`).
    Doc {
        inner: bool,
        text: String,
    },
    /// Any other attribute, `#[…]` or `#![…]`.
    Attr {
        inner: bool,
        body: Group,
    },
}

#[derive(Debug)]
struct Group {
    delim: Delimiter,
    brace: BraceKind,
    toks: Vec<Tok>,
    /// The length of the group printed on one line, delimiters included.
    flat_len: usize,
    /// Holds a body, a doc or an attribute at any depth: never on one line.
    must_break: bool,
    /// Has a comma at its top level (outside generic brackets).
    commas: bool,
    /// The arguments of a macro (after `name!`), whose grammar is the macro's own.
    macro_args: bool,
}

/// Prints `tokens` as the items of a file (or the statements of a block) at indent 0.
pub fn print(tokens: TokenStream, out: &mut String) {
    let toks = convert(tokens);
    let mut p = Printer { out, col: 0 };
    p.lines(&toks, 0, true, false);
}

/// Prints `tokens` as the items of a file into a new string.
pub fn to_string(tokens: TokenStream) -> String {
    let mut out = String::new();
    print(tokens, &mut out);
    out
}

// ---------------------------------------------------------------------------------------
// Tokens → `Tok` trees, with each operator's role and each brace group's kind.

fn convert(stream: TokenStream) -> Vec<Tok> {
    let mut trees: Vec<TokenTree> = stream.into_iter().collect();
    let mut level = Level::default();
    let mut i = 0;
    while i < trees.len() {
        match &trees[i] {
            TokenTree::Ident(id) => {
                let text = id.to_string();
                let keyword = is_keyword(&text);
                level.push_word(text, keyword);
            }
            TokenTree::Literal(l) => level.push_word(l.to_string(), false),
            TokenTree::Group(_) => {
                // Owned and dropped before its stream is walked: a stream shared with
                // its group would be copied, token by token, to be iterated.
                let TokenTree::Group(g) = std::mem::replace(&mut trees[i], placeholder()) else {
                    unreachable!("matched a group")
                };
                let delim = g.delimiter();
                let stream = g.stream();
                drop(g);
                level.push_group(delim, convert(stream));
            }
            TokenTree::Punct(p) => {
                let c = p.as_char();
                // A lifetime: `'` joined to an identifier.
                if c == '\''
                    && p.spacing() == Spacing::Joint
                    && let Some(TokenTree::Ident(id)) = trees.get(i + 1)
                {
                    level.push_word(format!("'{id}"), false);
                    i += 2;
                    continue;
                }
                // An attribute: `#[…]` or `#![…]`.
                if c == '#' {
                    let bang =
                        matches!(trees.get(i + 1), Some(TokenTree::Punct(q)) if q.as_char() == '!');
                    let at = if bang { i + 2 } else { i + 1 };
                    if let Some(TokenTree::Group(g)) = trees.get(at)
                        && g.delimiter() == Delimiter::Bracket
                    {
                        let stream = g.stream();
                        trees[at] = placeholder();
                        level.push_attr(bang, convert(stream));
                        i = at + 1;
                        continue;
                    }
                }
                let mut text = String::from(c);
                let mut joint = p.spacing() == Spacing::Joint;
                while joint {
                    match trees.get(i + 1) {
                        Some(TokenTree::Punct(q)) if q.as_char() != '\'' => {
                            text.push(q.as_char());
                            joint = q.spacing() == Spacing::Joint;
                            i += 1;
                        }
                        _ => break,
                    }
                }
                let before_group = matches!(trees.get(i + 1), Some(TokenTree::Group(_)));
                level.push_op(text, before_group);
            }
        }
        i += 1;
    }
    level.toks
}

/// What a consumed token tree is replaced with: makes no allocation.
fn placeholder() -> TokenTree {
    TokenTree::Punct(proc_macro2::Punct::new('.', Spacing::Alone))
}

/// One level of tokens (a group's contents) being converted.
#[derive(Default)]
struct Level {
    toks: Vec<Tok>,
    /// Depth inside generic `<…>` at this level.
    angles: usize,
    /// Inside closure parameters `|…|`.
    closure_params: bool,
    /// The current entry (since the last `;`, `,`, attribute or body) has a keyword
    /// after which braces are a body.
    body_keyword: bool,
    /// The angle depth at which each open `<` started right after `impl` or `for`.
    spaced_angles: Vec<usize>,
}

impl Level {
    fn push_word(&mut self, text: String, keyword: bool) {
        if keyword && opens_body(&text) {
            self.body_keyword = true;
        }
        self.toks.push(Tok::Word { text, keyword });
    }

    fn push_attr(&mut self, inner: bool, toks: Vec<Tok>) {
        self.body_keyword = false;
        if let Some(text) = doc_text(&toks) {
            self.toks.push(Tok::Doc { inner, text });
        } else {
            let body = group(Delimiter::Bracket, BraceKind::Literal, toks);
            self.toks.push(Tok::Attr { inner, body });
        }
    }

    /// Whether an operator here is a prefix (unary) one.
    fn unary_position(&self) -> bool {
        match self.toks.last() {
            None => true,
            Some(Tok::Word { keyword, .. }) => *keyword,
            Some(Tok::Op { role, .. }) => !matches!(role, Role::GenClose { .. } | Role::Question),
            Some(Tok::Doc { .. } | Tok::Attr { .. }) => true,
            Some(Tok::Group(_)) => false,
        }
    }

    fn push_op(&mut self, text: String, before_group: bool) {
        let after_word = matches!(self.toks.last(), Some(Tok::Word { keyword: false, .. }));
        let role = match text.as_str() {
            "," | ";" => {
                if self.angles == 0 {
                    self.body_keyword = false;
                }
                Role::Sep
            }
            ":" => Role::Colon,
            // `?Sized`, not the `?` operator.
            "?" if matches!(
                self.toks.last(),
                Some(Tok::Op {
                    role: Role::Colon | Role::Sep | Role::Binary | Role::GenOpen,
                    ..
                })
            ) =>
            {
                Role::Unary
            }
            "?" => Role::Question,
            "::" | "." | ".." | "..=" => Role::Tight,
            "!" if after_word && before_group => Role::Tight,
            "<" => {
                let after_impl = matches!(
                    self.toks.last(),
                    Some(Tok::Word { text, .. }) if text == "impl" || text == "for"
                );
                if after_impl {
                    self.spaced_angles.push(self.angles);
                }
                self.angles += 1;
                Role::GenOpen
            }
            // No generic bracket open: a comparison or shift.
            ">" | ">>" if self.angles == 0 => Role::Binary,
            ">" | ">>" => {
                let n = text.len();
                let mut spaced = false;
                for _ in 0..n {
                    self.angles = self.angles.saturating_sub(1);
                    if self.spaced_angles.last() == Some(&self.angles) {
                        self.spaced_angles.pop();
                        spaced = true;
                    }
                }
                Role::GenClose { spaced }
            }
            "|" if self.closure_params => {
                self.closure_params = false;
                Role::ClosureClose
            }
            "|" if self.unary_position() => {
                self.closure_params = true;
                Role::ClosureOpen
            }
            "&" | "&&" | "*" | "-" | "!" if self.unary_position() => Role::Unary,
            _ => Role::Binary,
        };
        self.toks.push(Tok::Op { text, role });
    }

    fn push_group(&mut self, delim: Delimiter, toks: Vec<Tok>) {
        let brace = match self.toks.last() {
            _ if delim != Delimiter::Brace => BraceKind::Literal,
            Some(Tok::Op { text, .. }) if text == "::" => BraceKind::UseTree,
            Some(Tok::Op {
                role: Role::Tight, ..
            }) => BraceKind::Body,
            _ if self.body_keyword => BraceKind::Body,
            Some(Tok::Word { keyword: false, .. })
            | Some(Tok::Op {
                role: Role::GenClose { .. },
                ..
            }) => BraceKind::Literal,
            _ => BraceKind::Body,
        };
        if brace == BraceKind::Body {
            self.body_keyword = false;
        }
        let macro_args =
            matches!(self.toks.last(), Some(Tok::Op { text, role: Role::Tight }) if text == "!");
        let mut g = group(delim, brace, toks);
        g.macro_args = macro_args;
        if flat_toks(&g).len() < g.toks.len() {
            g.flat_len -= 1;
        }
        self.toks.push(Tok::Group(g));
    }
}

fn group(delim: Delimiter, brace: BraceKind, toks: Vec<Tok>) -> Group {
    let mut must_break = delim == Delimiter::Brace && brace == BraceKind::Body && !toks.is_empty();
    let mut commas = false;
    let mut angles = 0usize;
    for t in &toks {
        match t {
            Tok::Group(g) => must_break |= g.must_break,
            Tok::Doc { .. } | Tok::Attr { .. } => must_break = true,
            Tok::Op { text, role } => match role {
                Role::Sep if angles == 0 => {
                    commas = true;
                    // Statements: never on one line (a `;` in `[T; N]` is not one).
                    if text == ";" && delim == Delimiter::Brace {
                        must_break = true;
                    }
                }
                Role::GenOpen => angles += 1,
                Role::GenClose { .. } => angles = angles.saturating_sub(text.len()),
                _ => {}
            },
            Tok::Word { .. } => {}
        }
    }
    let inner = line_len(&toks);
    let pad = match (delim, brace) {
        (Delimiter::Brace, BraceKind::UseTree) => 2,
        (Delimiter::Brace, _) if !toks.is_empty() => 4,
        (Delimiter::None, _) => 0,
        _ => 2,
    };
    Group {
        delim,
        brace,
        toks,
        flat_len: inner + pad,
        must_break,
        commas,
        macro_args: false,
    }
}

/// The text of a `doc = "…"` attribute's string, if that is what `toks` are.
fn doc_text(toks: &[Tok]) -> Option<String> {
    match toks {
        [
            Tok::Word { text: name, .. },
            Tok::Op { text: eq, .. },
            Tok::Word { text: lit, .. },
        ] if name == "doc" && eq == "=" => unquote(lit),
        _ => None,
    }
}

/// The value of a Rust string literal (`"…"` with escapes, or raw `r#"…"#`).
fn unquote(lit: &str) -> Option<String> {
    if let Some(raw) = lit.strip_prefix('r') {
        let hashes = raw.len() - raw.trim_start_matches('#').len();
        let body = raw.get(hashes..raw.len().checked_sub(hashes)?)?;
        return Some(body.strip_prefix('"')?.strip_suffix('"')?.to_owned());
    }
    let body = lit.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            '0' => out.push('\0'),
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'x' => {
                let hex: String = chars.by_ref().take(2).collect();
                out.push(char::from(u8::from_str_radix(&hex, 16).ok()?));
            }
            'u' => {
                let rest = chars.as_str().strip_prefix('{')?;
                let end = rest.find('}')?;
                let code = u32::from_str_radix(&rest[..end], 16).ok()?;
                out.push(char::from_u32(code)?);
                chars = rest[end + 1..].chars();
            }
            '\n' => {
                let rest = chars.as_str().trim_start();
                chars = rest.chars();
            }
            _ => return None,
        }
    }
    Some(out)
}

// ---------------------------------------------------------------------------------------
// Spacing.

fn is_lifetime(t: &Tok) -> bool {
    matches!(t, Tok::Word { text, .. } if text.starts_with('\''))
}

/// Whether a space goes between `prev` and `next` on one line.
fn space(prev: &Tok, next: &Tok) -> bool {
    // What `prev` allows after it.
    match prev {
        Tok::Op { role, .. } => match role {
            Role::Tight => {
                // `name! {`, as a macro with braces is written.
                return matches!(next, Tok::Group(g) if g.delim == Delimiter::Brace)
                    && !matches!(prev, Tok::Op { text, .. } if text == "::");
            }
            Role::Unary | Role::GenOpen | Role::ClosureOpen => return false,
            Role::GenClose { spaced } => {
                if *spaced {
                    return !matches!(
                        next,
                        Tok::Op {
                            role: Role::Sep | Role::Colon,
                            ..
                        }
                    );
                }
                return match next {
                    Tok::Op { role, .. } => !matches!(
                        role,
                        Role::Sep
                            | Role::Colon
                            | Role::Question
                            | Role::Tight
                            | Role::GenClose { .. }
                    ),
                    Tok::Group(g) => g.delim == Delimiter::Brace,
                    _ => true,
                };
            }
            Role::Binary | Role::Sep | Role::Colon | Role::Question | Role::ClosureClose => {}
        },
        Tok::Doc { .. } | Tok::Attr { .. } => return true,
        Tok::Word { .. } | Tok::Group(_) => {}
    }
    let operand = match prev {
        Tok::Word { keyword, .. } => !keyword,
        Tok::Group(_) => true,
        Tok::Op { role, .. } => *role == Role::Question,
        _ => false,
    };
    match next {
        Tok::Op { role, .. } => match role {
            Role::Sep
            | Role::Colon
            | Role::Question
            | Role::GenClose { .. }
            | Role::ClosureClose => false,
            Role::Tight => !operand,
            Role::GenOpen => !matches!(prev, Tok::Word { .. }),
            Role::Binary | Role::Unary | Role::ClosureOpen => true,
        },
        Tok::Group(g) => match g.delim {
            Delimiter::Parenthesis | Delimiter::Bracket => match prev {
                Tok::Word { text, keyword } => {
                    (*keyword && !matches!(text.as_str(), "pub" | "fn")) || is_lifetime(prev)
                }
                Tok::Group(pg) => pg.delim == Delimiter::Brace,
                _ => true,
            },
            Delimiter::Brace | Delimiter::None => true,
        },
        _ => true,
    }
}

/// The length of `toks` printed on one line.
fn line_len(toks: &[Tok]) -> usize {
    let mut n = 0;
    for (i, t) in toks.iter().enumerate() {
        if i > 0 && space(&toks[i - 1], t) {
            n += 1;
        }
        n += tok_len(t);
    }
    n
}

fn tok_len(t: &Tok) -> usize {
    match t {
        Tok::Word { text, .. } | Tok::Op { text, .. } => text.len(),
        Tok::Group(g) => g.flat_len,
        // `#[doc = "…"]` is never on a line with other code; an estimate suffices.
        Tok::Doc { text, .. } => text.len() + 12,
        Tok::Attr { inner, body } => body.flat_len + 1 + usize::from(*inner),
    }
}

// ---------------------------------------------------------------------------------------
// Layout.

struct Printer<'a> {
    out: &'a mut String,
    /// The column the next character goes to.
    col: usize,
}

impl Printer<'_> {
    fn push(&mut self, s: &str) {
        self.out.push_str(s);
        self.col += s.len();
    }

    fn start_line(&mut self, indent: usize) {
        for _ in 0..indent {
            self.out.push_str(INDENT);
        }
        self.col = indent * INDENT.len();
    }

    /// Prints `toks` broken into entries, one per line, at `indent`; the printer is at
    /// the start of a line and is left at the start of one.
    ///
    /// A list (`body` false) that is not a macro's arguments gets a trailing comma, as
    /// rustfmt writes broken lists, unless it ends in `..rest`.
    fn lines(&mut self, toks: &[Tok], indent: usize, body: bool, trailing_comma: bool) {
        let mut start = 0;
        while start < toks.len() {
            let end = entry_end(toks, start, body);
            let entry = &toks[start..end];
            self.start_line(indent);
            match entry {
                // A doc whose text cannot stand in a comment (a carriage return, a
                // bidirectional control) stays an attribute with an escaped string.
                [Tok::Doc { text, .. }]
                    if !text.starts_with('\u{F8FF}')
                        && text
                            .chars()
                            .any(|c| c != '\n' && crate::write::is_unsafe_in_code(c)) =>
                {
                    self.flat_tok(&entry[0]);
                }
                [Tok::Doc { inner, text }] => {
                    let mark = if *inner { "//!" } else { "///" };
                    let deferred = crate::emit::take_deferred(text);
                    let lines: Vec<&str> = match &deferred {
                        Some(lines) => lines.iter().map(String::as_str).collect(),
                        None => text.split('\n').map(|l| l.trim_end_matches('\r')).collect(),
                    };
                    for (n, line) in lines.iter().enumerate() {
                        if n > 0 {
                            self.out.push('\n');
                            self.start_line(indent);
                        }
                        self.push(mark);
                        self.push(line);
                    }
                }
                _ => {
                    self.line(entry, indent);
                    let ends_list = trailing_comma && end == toks.len();
                    let has_comma = matches!(
                        entry.last(),
                        Some(Tok::Op {
                            role: Role::Sep,
                            ..
                        })
                    );
                    let rest = matches!(entry.first(), Some(Tok::Op { text, .. }) if text == "..");
                    if ends_list && !has_comma && !rest {
                        self.push(",");
                    }
                }
            }
            self.out.push('\n');
            self.col = 0;
            start = end;
        }
    }

    /// Prints `toks` from the current column, breaking the groups that do not fit.
    fn line(&mut self, toks: &[Tok], indent: usize) {
        for (i, t) in toks.iter().enumerate() {
            if i > 0 && space(&toks[i - 1], t) {
                self.push(" ");
            }
            match t {
                Tok::Group(g) => {
                    let rest = rest_len(&toks[i + 1..]);
                    self.group(g, indent, rest);
                }
                _ => self.flat_tok(t),
            }
        }
    }

    fn group(&mut self, g: &Group, indent: usize, rest: usize) {
        let fits = !g.must_break && self.col + g.flat_len + rest <= WIDTH;
        let (open, close) = delims(g);
        if g.delim == Delimiter::None {
            self.line(&g.toks, indent);
            return;
        }
        if g.toks.is_empty() || fits && (g.delim != Delimiter::Brace || g.brace != BraceKind::Body)
        {
            self.flat_group(g);
            return;
        }
        if g.delim != Delimiter::Brace && !g.commas {
            // One element that does not fit: keep the delimiters beside it, so
            // `f(|x| {` … `})` reads as it would be written.
            self.push(open);
            self.line(&g.toks, indent);
            self.push(close);
            return;
        }
        self.push(if g.delim == Delimiter::Brace {
            "{"
        } else {
            open
        });
        self.out.push('\n');
        let body = g.delim == Delimiter::Brace && g.brace == BraceKind::Body;
        self.lines(&g.toks, indent + 1, body, !body && !g.macro_args);
        self.start_line(indent);
        self.push(if g.delim == Delimiter::Brace {
            "}"
        } else {
            close
        });
    }

    fn flat_group(&mut self, g: &Group) {
        let (open, close) = delims(g);
        self.push(open);
        self.flat(flat_toks(g));
        self.push(close);
    }

    fn flat(&mut self, toks: &[Tok]) {
        for (i, t) in toks.iter().enumerate() {
            if i > 0 && space(&toks[i - 1], t) {
                self.push(" ");
            }
            self.flat_tok(t);
        }
    }

    fn flat_tok(&mut self, t: &Tok) {
        match t {
            Tok::Word { text, .. } | Tok::Op { text, .. } => self.push(text),
            Tok::Group(g) => self.flat_group(g),
            Tok::Doc { inner, text } => {
                let text = match crate::emit::take_deferred(text) {
                    Some(lines) => lines.join("\n"),
                    None => text.clone(),
                };
                self.push(if *inner { "#![doc = " } else { "#[doc = " });
                self.push(&format!("{text:?}"));
                self.push("]");
            }
            Tok::Attr { inner, body } => {
                self.push(if *inner { "#!" } else { "#" });
                self.flat_group(body);
            }
        }
    }
}

/// A group's tokens as printed on one line: a trailing comma is dropped from a struct
/// literal, use tree or array (not from a tuple, where `(x,)` is not `(x)`, nor from a
/// macro's arguments).
fn flat_toks(g: &Group) -> &[Tok] {
    let droppable = g.delim != Delimiter::Parenthesis && !g.macro_args;
    match g.toks.split_last() {
        Some((Tok::Op { text, .. }, rest)) if droppable && text == "," => rest,
        _ => &g.toks,
    }
}

fn delims(g: &Group) -> (&'static str, &'static str) {
    match (g.delim, g.brace) {
        (Delimiter::Parenthesis, _) => ("(", ")"),
        (Delimiter::Bracket, _) => ("[", "]"),
        (Delimiter::Brace, BraceKind::UseTree) => ("{", "}"),
        (Delimiter::Brace, _) if g.toks.is_empty() => ("{", "}"),
        (Delimiter::Brace, _) => ("{ ", " }"),
        (Delimiter::None, _) => ("", ""),
    }
}

/// The length of what follows a group on its line, up to the next place a line can
/// break (a brace group, or after a `,` or `;`).
fn rest_len(toks: &[Tok]) -> usize {
    let mut n = 0;
    let mut angles = 0usize;
    for (i, t) in toks.iter().enumerate() {
        if i > 0 && space(&toks[i - 1], t) {
            n += 1;
        }
        match t {
            Tok::Group(g) if g.delim == Delimiter::Brace => return n + 2,
            Tok::Op {
                role: Role::Sep, ..
            } if angles == 0 => return n + 1,
            Tok::Op { text, role } => {
                match role {
                    Role::GenOpen => angles += 1,
                    Role::GenClose { .. } => angles = angles.saturating_sub(text.len()),
                    _ => {}
                }
                n += text.len();
            }
            _ => n += tok_len(t),
        }
    }
    n
}

/// Where the entry starting at `start` ends: after a `,` or `;` outside generic
/// brackets, after a doc or attribute, and (in a body) after a body that the next
/// token does not continue (`else`, `.`, `?`, an operator).
fn entry_end(toks: &[Tok], start: usize, body: bool) -> usize {
    if let Tok::Doc { .. } | Tok::Attr { .. } = toks[start] {
        return start + 1;
    }
    let mut angles = 0usize;
    let mut i = start;
    while i < toks.len() {
        let t = &toks[i];
        i += 1;
        match t {
            Tok::Op {
                role: Role::Sep, ..
            } if angles == 0 => return i,
            Tok::Op {
                role: Role::GenOpen,
                ..
            } => angles += 1,
            Tok::Op {
                text,
                role: Role::GenClose { .. },
            } => angles = angles.saturating_sub(text.len()),
            Tok::Group(g) if body && g.delim == Delimiter::Brace && g.brace == BraceKind::Body => {
                let continues = match toks.get(i) {
                    None => return i,
                    Some(Tok::Word { text, .. }) => text == "else" || text == "as",
                    Some(Tok::Op { text, role }) => {
                        text != "::"
                            && !matches!(role, Role::Unary | Role::ClosureOpen | Role::GenOpen)
                    }
                    Some(_) => false,
                };
                if !continues {
                    return i;
                }
            }
            Tok::Doc { .. } | Tok::Attr { .. } => return i - 1,
            _ => {}
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn p(t: TokenStream) -> String {
        to_string(t)
    }

    #[test]
    fn spaces_paths_generics_and_references() {
        let out = p(quote! {
            pub use ::specbind_runtime::{BuildError, Error};
            impl<'de> ::serde::Deserialize<'de> for X {
                fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                    ::specbind_runtime::object::deserialize(d)
                }
            }
            const KNOWN: &'static [&'static str] = &["A", "B"];
        });
        assert_eq!(
            out,
            "pub use ::specbind_runtime::{BuildError, Error};\n\
             impl<'de> ::serde::Deserialize<'de> for X {\n    \
             fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {\n        \
             ::specbind_runtime::object::deserialize(d)\n    \
             }\n\
             }\n\
             const KNOWN: &'static [&'static str] = &[\"A\", \"B\"];\n"
        );
    }

    #[test]
    fn matches_closures_and_macros() {
        let out = p(quote! {
            fn f(&self) -> Option<&str> {
                let x = self.a.as_ref().map(|x| i128::from(*x));
                if !self.b { return None; } else { x?; }
                match self {
                    Self::A => "A",
                    Self::B(v) => { v }
                    _ => None,
                }
                ::specbind_runtime::open_enum!(X);
                v.push(-1..=n);
            }
        });
        assert_eq!(
            out,
            "fn f(&self) -> Option<&str> {\n    \
             let x = self.a.as_ref().map(|x| i128::from(*x));\n    \
             if !self.b {\n        return None;\n    } else {\n        x?;\n    }\n    \
             match self {\n        Self::A => \"A\",\n        Self::B(v) => {\n            v\n        }\n        _ => None,\n    }\n    \
             ::specbind_runtime::open_enum!(X);\n    \
             v.push(-1..=n);\n\
             }\n"
        );
    }

    #[test]
    fn docs_and_attributes_stand_on_their_own_lines() {
        let doc = "\u{F8FF}3";
        let out = p(quote! {
            #![deny(missing_docs)]
            #[doc = " One.\n\n Two \"quoted\" \\ é."]
            #[derive(Debug, Clone)]
            pub struct S<C = ()> {
                #[doc = #doc]
                pub a: Vec<Option<u8>>,
                b: [u8; 4],
            }
        });
        assert_eq!(
            out,
            "#![deny(missing_docs)]\n\
             /// One.\n///\n/// Two \"quoted\" \\ é.\n\
             #[derive(Debug, Clone)]\n\
             pub struct S<C = ()> {\n    \
             ///\u{F8FF}3\n    \
             pub a: Vec<Option<u8>>,\n    \
             b: [u8; 4],\n\
             }\n"
        );
    }

    #[test]
    fn long_lists_break_after_commas_and_literals_fit() {
        let out = p(quote! {
            pub static SERVICE: ::specbind_runtime::ServiceInfo = ::specbind_runtime::ServiceInfo {
                provider: ::specbind_runtime::Provider::Tencent,
                product: "organization",
            };
            fn g() { v.range("MaxResultsOfTheList", self.max_results.as_ref().map(|x| i128::from(*x)), Some(1), Some(100)); S { a: 1 } }
        });
        assert_eq!(
            out,
            "pub static SERVICE: ::specbind_runtime::ServiceInfo = ::specbind_runtime::ServiceInfo {\n    \
             provider: ::specbind_runtime::Provider::Tencent,\n    \
             product: \"organization\",\n\
             };\n\
             fn g() {\n    \
             v.range(\n        \"MaxResultsOfTheList\",\n        self.max_results.as_ref().map(|x| i128::from(*x)),\n        Some(1),\n        Some(100),\n    );\n    \
             S { a: 1 }\n\
             }\n"
        );
    }

    #[test]
    fn async_blocks_in_calls_keep_their_delimiters_beside_them() {
        let out = p(quote! {
            fn send(self) -> F {
                Box::pin(async move { let r = self.c.call(x).await?; Ok(r) })
            }
        });
        assert_eq!(
            out,
            "fn send(self) -> F {\n    \
             Box::pin(async move {\n        let r = self.c.call(x).await?;\n        Ok(r)\n    })\n\
             }\n"
        );
    }

    /// Constructs beyond what the emitter writes today: what the printer writes parses
    /// to the same tokens (compared through syn's printing of both).
    #[test]
    fn other_rust_round_trips() {
        let src = quote! {
            pub(crate) fn r#type<'a, T: Into<String> + Send>(x: &'a mut T, c: char) -> impl Fn() -> u8 + 'a
            where
                T: Clone,
            {
                let r#match = 'x';
                let y = -1i64..=2;
                let z = !(a && b) || *x != &&c;
                let f = || async move { loop { break; } };
                let g = move |(a, b): (u8, u8)| -> u8 { a + b };
                let t = (1,);
                let arr = [0u8; 4];
                if let Some(S { a, .. }) = v { return a as u8; }
                for i in 0..n { v[i] <<= 1; }
                while x > y { x -= 1; }
                let h = <T as Default>::default();
                let s = Struct { a: 1, ..Default::default() };
                vec![1, 2, 3].iter().map(|x| x * 2).collect::<Vec<_>>()
            }
            struct Tuple(#[doc = " one"] pub u8, pub(crate) Vec<Vec<u8>>);
            enum E { A { x: u8 }, B(u8), C = 3 }
            impl<T: ?Sized> Trait for Box<T> where T: Send {}
            type F = dyn for<'a> Fn(&'a str) -> &'a str;
        };
        let printed = to_string(src.clone());
        let parsed =
            syn::parse_file(&printed).unwrap_or_else(|e| panic!("does not parse: {e}\n{printed}"));
        let expected = syn::parse_file(&src.to_string()).unwrap();
        // Broken lists gain trailing commas, which mean nothing.
        let tokens = |f: &syn::File| {
            quote::ToTokens::to_token_stream(f)
                .to_string()
                .replace(" ,)", ")")
                .replace(" , }", " }")
                .replace(" ,]", "]")
        };
        assert_eq!(tokens(&parsed), tokens(&expected), "{printed}");
    }

    #[test]
    fn docs_that_cannot_be_comments_stay_attributes() {
        let out = p(quote! {
            #[doc = " a\rb \u{202e}"]
            pub struct S;
        });
        assert_eq!(out, "#[doc = \" a\\rb \\u{202e}\"]\npub struct S;\n");
        syn::parse_file(&out).unwrap();
    }

    #[test]
    fn unquotes_string_literals() {
        assert_eq!(
            unquote(r#""a\"b\\c\u{1f600}\x41""#).as_deref(),
            Some("a\"b\\c😀A")
        );
        assert_eq!(unquote(r##"r#"x"y"#"##).as_deref(), Some("x\"y"));
        assert_eq!(unquote(r#"r" z""#).as_deref(), Some(" z"));
        assert_eq!(unquote("b\"x\""), None);
    }
}
