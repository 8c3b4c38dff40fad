//! Stage 5, emit: the resolved model → Rust tokens.
//!
//! Reads only [`crate::model`]. Generated code is types plus thin glue; every
//! algorithm it needs is called from `specbind_runtime`.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::load::Scalar;
use crate::model::{
    Cross, CrossRule, Enum, Field, FieldRule, Operation, Provider, Service, Struct, Style, Type,
};
use crate::naming;

/// What to emit besides the types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmitOptions {
    /// Emit the async `Client`, fluent builders and `Operation` impls.
    pub client: bool,
    /// Extra derives added to every generated struct and enum (paths such as `Eq` or
    /// `::schemars::JsonSchema`).
    pub extra_derives: Vec<String>,
}

impl Default for EmitOptions {
    fn default() -> Self {
        EmitOptions {
            client: true,
            extra_derives: Vec::new(),
        }
    }
}

/// Makes an identifier from a name the naming module produced (`r#type` included).
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// `#[doc = " line"]` attributes, one per line, printed as `/// line` ([`crate::print`]).
///
/// While a writer defers docs ([`DeferredDocs`]), one placeholder attribute stands for
/// the whole text instead: doc lines are over a quarter of the output, and the writer
/// puts them back after printing, byte for byte, without a token per line.
fn doc_attrs(text: &str) -> TokenStream {
    let text = text.trim();
    if text.is_empty() {
        return TokenStream::new();
    }
    let lines = text.lines().map(|l| {
        let l = l.trim_end();
        if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        }
    });
    let deferred = DEFERRED_DOCS.with(|d| {
        let mut d = d.borrow_mut();
        let docs = d.as_mut()?;
        docs.push(lines.clone().collect());
        Some(format!("{DOC_MARK}{}", docs.len() - 1))
    });
    if let Some(mark) = deferred {
        return quote!(#[doc = #mark]);
    }
    let attrs = lines.map(|l| quote!(#[doc = #l]));
    quote!(#(#attrs)*)
}

/// Starts a placeholder doc line (`///` then this character then the index). Doc
/// lines of real text start with a space or are empty, so a placeholder is never
/// confused with one.
const DOC_MARK: char = '\u{F8FF}';

thread_local! {
    /// The doc texts of the placeholders emitted so far, while docs are deferred.
    static DEFERRED_DOCS: std::cell::RefCell<Option<Vec<Vec<String>>>> =
        const { std::cell::RefCell::new(None) };
}

/// Defers doc lines on this thread while it lives (see [`doc_attrs`]); the printer
/// puts each placeholder's lines in its place ([`take_deferred`]), and the writer calls
/// [`DeferredDocs::clear`] after each group it prints.
pub(crate) struct DeferredDocs(Option<Vec<Vec<String>>>);

impl DeferredDocs {
    /// Starts deferring.
    pub(crate) fn begin() -> Self {
        DeferredDocs(DEFERRED_DOCS.with(|d| d.replace(Some(Vec::new()))))
    }

    /// Forgets the texts deferred so far (their placeholders have been printed), so
    /// memory holds one group's docs at a time.
    pub(crate) fn clear(&self) {
        DEFERRED_DOCS.with(|d| {
            if let Some(docs) = d.borrow_mut().as_mut() {
                docs.clear();
            }
        });
    }
}

/// The doc lines a placeholder doc text (see [`doc_attrs`]) stands for on this thread,
/// each `""` or starting with a space; `None` for any other text. Each placeholder is
/// taken once.
pub(crate) fn take_deferred(text: &str) -> Option<Vec<String>> {
    let index: usize = text.strip_prefix(DOC_MARK)?.parse().ok()?;
    DEFERRED_DOCS.with(|d| d.borrow_mut().as_mut()?.get_mut(index).map(std::mem::take))
}

impl Drop for DeferredDocs {
    fn drop(&mut self) {
        let previous = self.0.take();
        DEFERRED_DOCS.with(|d| *d.borrow_mut() = previous);
    }
}

/// Vendor prose as rustdoc Markdown: HTML converted, code blocks made `text` (never
/// doctests), control and bidi characters removed; see [`crate::docs`].
fn doc_escape(s: &str) -> String {
    crate::docs::to_rustdoc(s)
}

/// Bidi controls and zero-width characters, which may reorder or hide what a reader
/// of the docs sees.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// Spec text (a wire name, a value, a pattern) as an inline code span that nothing in
/// it can break: control characters dropped, line breaks as spaces, and a backtick
/// fence longer than any run of backticks inside.
fn code(s: &str) -> String {
    let text: String = s
        .chars()
        .map(|c| {
            if c == '\n' || c == '\r' || c == '\t' {
                ' '
            } else {
                c
            }
        })
        .filter(|c| !c.is_control() && !is_invisible(*c))
        .collect();
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    if text.is_empty() {
        "` `".to_owned()
    } else if text.starts_with('`') || text.ends_with('`') || longest > 0 {
        format!("{fence} {text} {fence}")
    } else {
        format!("{fence}{text}{fence}")
    }
}

/// `#[derive(..)]` with the built-in derives and the user's extra ones; an extra derive
/// already among the built-ins (by last path segment) is not repeated, one in `skip`
/// (a trait the item implements by hand, or cannot derive) is left out, and one that
/// is not a path was refused by [`validate_options`].
fn derives(base: TokenStream, skip: &[&str], opts: &EmitOptions) -> TokenStream {
    let last = |p: &syn::Path| p.segments.last().map(|s| s.ident.to_string());
    let builtin: Vec<String> = syn::parse::Parser::parse2(
        syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated,
        base.clone(),
    )
    .map(|list| list.iter().filter_map(last).collect())
    .unwrap_or_default();
    let extra = opts
        .extra_derives
        .iter()
        .filter_map(|d| syn::parse_str::<syn::Path>(d).ok())
        .filter(|p| last(p).is_none_or(|n| !builtin.contains(&n) && !skip.contains(&n.as_str())));
    quote!(#[derive(#base #(, #extra)*)])
}

/// Checks options that can be wrong: every extra derive must be a path.
pub fn validate_options(opts: &EmitOptions) -> Result<(), crate::Error> {
    for d in &opts.extra_derives {
        if syn::parse_str::<syn::Path>(d).is_err() {
            return Err(crate::Error::Config(format!(
                "extra derive `{d}` is not a path such as `Eq` or `::schemars::JsonSchema`"
            )));
        }
    }
    Ok(())
}

pub(crate) fn rust_type(t: &Type) -> TokenStream {
    match t {
        Type::String => quote!(String),
        Type::I32 => quote!(i32),
        Type::I64 => quote!(i64),
        Type::U64 => quote!(u64),
        Type::Bool => quote!(bool),
        Type::Timestamp => quote!(::specbind_runtime::Timestamp),
        Type::F64 => quote!(f64),
        Type::Date => quote!(::specbind_runtime::Date),
        Type::DateTime => quote!(::specbind_runtime::DateTime),
        Type::Blob => quote!(::specbind_runtime::Blob),
        Type::Enum(n) | Type::Model(n) => {
            let i = ident(n);
            quote!(#i)
        }
        Type::List(inner) => {
            let i = rust_type(inner);
            quote!(Vec<#i>)
        }
    }
}

fn scalar_text(s: &Scalar) -> String {
    match s {
        Scalar::Str(v) => code(v),
        other => code(&other.to_string()),
    }
}

/// The doc comment of a field: its spec text, then what the spec says of its values.
fn field_doc(f: &Field, is_request: bool) -> String {
    let mut parts = Vec::new();
    let body = doc_escape(&f.doc);
    parts.push(if body.is_empty() {
        format!("The {} field.", code(&f.wire_name))
    } else {
        body
    });
    let mut facts = Vec::new();
    for r in &f.rules {
        facts.push(match r {
            FieldRule::Range { min, max } => match (min, max) {
                (Some(a), Some(b)) => format!("Valid values: {a} to {b}."),
                (Some(a), None) => format!("At least {a}."),
                (None, Some(b)) => format!("At most {b}."),
                (None, None) => continue,
            },
            FieldRule::Length { min, max } => match (min, max) {
                (Some(a), Some(b)) => format!("Length: {a} to {b} characters."),
                (Some(a), None) => format!("At least {a} characters."),
                (None, Some(b)) => format!("At most {b} characters."),
                (None, None) => continue,
            },
            FieldRule::Prefix(p) => format!("Starts with {}.", code(p)),
            FieldRule::Pattern(p) => format!("Matches {}.", code(p)),
            FieldRule::TimeFilter {
                attribute,
                operators,
                case_insensitive,
                max_age_days,
            } => {
                let mut s = format!(
                    "Form: {}",
                    code(&format!(
                        "{attribute} {} YYYY-MM-DDTHH:mm:SSZ",
                        operators.join("|")
                    ))
                );
                if *case_insensitive {
                    s.push_str(", not case-sensitive");
                }
                if let Some(d) = max_age_days {
                    s.push_str(&format!(
                        "; the time may lie at most {d} day{} before now",
                        if *d == 1 { "" } else { "s" }
                    ));
                }
                s.push('.');
                s
            }
        });
    }
    if let Some(d) = &f.default {
        facts.push(format!(
            "When not set, the service uses {}.",
            scalar_text(d)
        ));
    }
    if let Some(w) = &f.present_when {
        let w = doc_escape(w);
        facts.push(if starts_with_block(&w) || w.contains("\n\n") {
            format!("Present only when:\n\n{w}\n\n")
        } else {
            format!("Present only when {w}.")
        });
    }
    if is_request && f.required {
        facts.push("Required.".to_owned());
    }
    if f.input_required {
        facts.push("Required when sent in a request.".to_owned());
    }
    if f.nullable {
        facts.push("May be null.".to_owned());
    }
    if let Some(note) = &f.deprecated {
        facts.push(deprecation_text(note));
    }
    if !facts.is_empty() {
        parts.push(facts.join(" "));
    }
    let mut tail = format!("Wire name: {}.", code(&f.wire_name));
    if let Some(e) = &f.example {
        tail.push_str(&format!(" Example: {}.", scalar_text(e)));
    }
    parts.push(tail);
    parts.join("\n\n")
}

/// "Deprecated." with the vendor's note, made safe for docs.
fn deprecation_text(note: &str) -> String {
    let note = doc_escape(note);
    if note.is_empty() {
        "Deprecated.".to_owned()
    } else {
        format!(
            "Deprecated: {}",
            note.split_whitespace().collect::<Vec<_>>().join(" ")
        )
    }
}

/// Emits one service as the items of a module.
pub fn service(svc: &Service, opts: &EmitOptions) -> TokenStream {
    let items = service_items(svc, opts);
    quote!(#(#items)*)
}

/// The items of [`service`] one group at a time (the module's header items, each enum,
/// each model, each operation, the client), made only when asked for, so a writer can
/// format and drop each before the next exists: memory stays at one operation's
/// tokens, not a whole service's.
pub fn service_items<'a>(
    svc: &'a Service,
    opts: &'a EmitOptions,
) -> impl Iterator<Item = TokenStream> + 'a {
    service_parts(svc, opts)
        .into_iter()
        .map(move |part| part_items(svc, part, opts))
}

/// One group of a service's items, as [`service_items`] makes them: a plain reference
/// into the model, so groups can be shared out among threads (tokens cannot cross
/// threads) and each made where it is printed.
#[derive(Debug, Clone, Copy)]
pub enum Part<'a> {
    /// The re-exports, `SERVICE` and the error codes.
    Header,
    /// One enum.
    Enum(&'a Enum),
    /// One model.
    Model(&'a Struct),
    /// One operation: request, builder, response and client glue.
    Operation(&'a Operation),
    /// The service's `Client`.
    Client,
}

/// The groups of [`service_items`], in order.
pub fn service_parts<'a>(svc: &'a Service, opts: &EmitOptions) -> Vec<Part<'a>> {
    let mut parts =
        Vec::with_capacity(2 + svc.enums.len() + svc.models.len() + svc.operations.len());
    parts.push(Part::Header);
    parts.extend(svc.enums.values().map(Part::Enum));
    parts.extend(svc.models.values().map(Part::Model));
    parts.extend(svc.operations.values().map(Part::Operation));
    if opts.client {
        parts.push(Part::Client);
    }
    parts
}

/// The items of one group.
pub fn part_items(svc: &Service, part: Part<'_>, opts: &EmitOptions) -> TokenStream {
    match part {
        Part::Header => {
            let uses = if opts.client {
                quote!(
                    pub use ::specbind_runtime::{
                        BuildError, Error, ErrorKind, Paginator, ValidationError,
                    };
                )
            } else {
                quote!(
                    pub use ::specbind_runtime::ValidationError;
                )
            };
            let info = service_info(svc);
            let codes = error_codes(svc);
            quote!(#uses #info #codes)
        }
        Part::Enum(e) => enum_item(e, opts),
        Part::Model(m) => {
            let doc = if m.doc.is_empty() {
                format!("The {} object.", code(&m.wire_name))
            } else {
                doc_escape(&m.doc)
            };
            struct_item(m, &doc, false, opts)
        }
        Part::Operation(op) => operation_items(op, opts),
        Part::Client => client_items(svc),
    }
}

fn service_info(svc: &Service) -> TokenStream {
    let provider = match svc.provider {
        Provider::Alibaba => quote!(::specbind_runtime::Provider::Alibaba),
        Provider::Tencent => quote!(::specbind_runtime::Provider::Tencent),
    };
    let product = &svc.product;
    let version = &svc.version;
    let endpoint = &svc.endpoint;
    let regional = match &svc.regional_endpoint {
        Some(r) => quote!(Some(#r)),
        None => quote!(None),
    };
    let rate = match svc.rate_limit {
        Some(r) => quote!(Some(#r)),
        None => quote!(None),
    };
    let mut doc = format!(
        "{} API version `{}`: endpoint, version and documented limits.",
        if svc.title.is_empty() {
            &svc.product
        } else {
            &svc.title
        },
        svc.version
    );
    if let Some(r) = svc.rate_limit {
        doc.push_str(&format!(
            "\n\nThe API reference documents a limit of {r} calls per second."
        ));
    }
    let doc = doc_attrs(&doc);
    quote! {
        #doc
        pub static SERVICE: ::specbind_runtime::ServiceInfo = ::specbind_runtime::ServiceInfo {
            provider: #provider,
            product: #product,
            version: #version,
            default_endpoint: #endpoint,
            regional_endpoint: #regional,
            rate_limit_per_second: #rate,
        };
    }
}

fn error_codes(svc: &Service) -> TokenStream {
    let codes = svc.error_codes();
    if codes.is_empty() {
        return TokenStream::new();
    }
    let consts = codes.iter().map(|(name, (code_text, doc, ops))| {
        let name = ident(name);
        let ops: Vec<String> = ops.iter().map(|o| code(o)).collect();
        let text = format!(
            "{}\n\nDocumented for: {}.",
            if doc.is_empty() {
                format!("The error code {}.", code(code_text))
            } else {
                doc_escape(doc)
            },
            ops.join(", ")
        );
        let doc = doc_attrs(&text);
        quote! {
            #doc
            pub const #name: &str = #code_text;
        }
    });
    quote! {
        /// Error codes the API reference documents for this service's operations; compare
        /// them with `Error::code()`.
        pub mod error_codes {
            #(#consts)*
        }
    }
}

/// An open enum: the enum itself and its variant table written out (the part a
/// reviewer reads), everything else from `specbind_runtime::open_enum!`.
fn enum_item(e: &Enum, opts: &EmitOptions) -> TokenStream {
    let name = ident(&e.rust_name);
    let doc_text = if e.doc.is_empty() {
        format!("Values of {}.", code(&e.wire_name))
    } else {
        doc_escape(&e.doc)
    };
    let doc = doc_attrs(&format!(
        "{doc_text}\n\nAn open enum: a value the spec does not list arrives as `Unknown` and is sent back unchanged."
    ));
    let variants = e.variants.iter().map(|v| {
        let vi = ident(&v.rust_name);
        let d = doc_attrs(&if v.doc.is_empty() {
            code(&v.wire_name)
        } else {
            labelled(&code(&v.wire_name), &doc_escape(&v.doc))
        });
        quote!(#d #vi,)
    });
    let as_str = e.variants.iter().map(|v| {
        let vi = ident(&v.rust_name);
        let w = &v.wire_name;
        quote!(Self::#vi => #w,)
    });
    let known = e.variants.iter().map(|v| {
        let vi = ident(&v.rust_name);
        let w = &v.wire_name;
        quote!(#w => Some(Self::#vi),)
    });
    let wires = e.variants.iter().map(|v| &v.wire_name);
    // An open enum has no natural default value, so an extra `Default` skips enums.
    let derive = derives(
        quote!(Debug, Clone, PartialEq, Eq, Hash),
        &["Default"],
        opts,
    );
    quote! {
        #doc
        #derive
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value this version of the spec does not list, kept exactly as received.
            Unknown(String),
        }

        impl ::specbind_runtime::open_enum::OpenEnum for #name {
            const KNOWN: &'static [&'static str] = &[#(#wires),*];
            fn as_str(&self) -> &str {
                match self {
                    #(#as_str)*
                    Self::Unknown(value) => value,
                }
            }
            fn from_known(value: &str) -> Option<Self> {
                match value {
                    #(#known)*
                    _ => None,
                }
            }
        }

        ::specbind_runtime::open_enum!(#name);
    }
}

/// Whether a response or model field keeps its plain type when required: only types
/// with a `Default`, so that every such struct derives `Default` and a later spec
/// change never takes it away.
fn plain_when_required(t: &Type) -> bool {
    matches!(
        t,
        Type::String | Type::I32 | Type::I64 | Type::U64 | Type::Bool | Type::F64
    )
}

/// The field's type as stored: requests hold every parameter as an `Option` (so a
/// required parameter that becomes optional changes no type); responses and models
/// hold lists as `Vec` and required scalars plainly.
pub(crate) fn stored_type(f: &Field, is_request: bool) -> TokenStream {
    let ty = rust_type(&f.ty);
    let ty = if f.boxed { quote!(Box<#ty>) } else { ty };
    if stored_as_option(f, is_request) {
        quote!(Option<#ty>)
    } else {
        ty
    }
}

/// A response or model field that is always present but may be `null` (`nullable`)
/// is an `Option` too: `null` must decode.
fn stored_as_option(f: &Field, is_request: bool) -> bool {
    is_request
        || !(matches!(f.ty, Type::List(_))
            || (f.required && !f.nullable && plain_when_required(&f.ty)))
}

/// A hand-written `Debug` for a struct with secret fields; `None` when it has none.
fn redacting_debug(s: &Struct, is_request: bool) -> Option<TokenStream> {
    if !s.fields.iter().any(|f| f.sensitive) {
        return None;
    }
    let name = ident(&s.rust_name);
    let label = &s.rust_name;
    let fields = s.fields.iter().map(|f| {
        let n = ident(&f.rust_name);
        let label = f.rust_name.trim_start_matches("r#");
        if f.sensitive && stored_as_option(f, is_request) {
            quote!(.field(#label, &::specbind_runtime::types::Redacted(&self.#n)))
        } else if f.sensitive {
            quote!(.field(#label, &"<redacted>"))
        } else {
            quote!(.field(#label, &self.#n))
        }
    });
    Some(quote! {
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#label) #(#fields)* .finish()
            }
        }
    })
}

/// A model, request or response struct. `doc` is the finished doc text.
///
/// Every such struct is `#[non_exhaustive]` with public fields and a `Default`: code
/// outside the crate reads and assigns fields and starts from `Default::default()`,
/// so a field the vendor adds is a minor change. serde goes through
/// `specbind_runtime::object` rather than derives: one line per field instead of a
/// derive's expansion, which dominated the compile time of large services.
fn struct_item(s: &Struct, doc: &str, is_request: bool, opts: &EmitOptions) -> TokenStream {
    let name = ident(&s.rust_name);
    let doc = doc_attrs(doc);
    let fields = s.fields.iter().map(|f| {
        let fname = ident(&f.rust_name);
        let doc = doc_attrs(&field_doc(f, is_request));
        let ty = stored_type(f, is_request);
        quote!(#doc pub #fname: #ty,)
    });
    let debug = redacting_debug(s, is_request);
    let base = if debug.is_some() {
        quote!(Clone, PartialEq, Default)
    } else {
        quote!(Debug, Clone, PartialEq, Default)
    };
    let derive = derives(base, &["Debug"], opts);
    let serde = struct_serde(s, is_request);
    quote! {
        #doc
        #derive
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }
        #debug
        #serde
    }
}

/// `Serialize` and `Deserialize` with wire names, through `specbind_runtime::object`.
fn struct_serde(s: &Struct, is_request: bool) -> TokenStream {
    let name = ident(&s.rust_name);
    let label = &s.rust_name;
    let wires = s.fields.iter().map(|f| &f.wire_name);
    let required: Vec<usize> = s
        .fields
        .iter()
        .enumerate()
        .filter(|(_, f)| !stored_as_option(f, is_request) && !matches!(f.ty, Type::List(_)))
        .map(|(i, _)| i)
        .collect();
    let required = (!required.is_empty())
        .then(|| quote!(const REQUIRED: &'static [usize] = &[#(#required),*];));
    let reads = s.fields.iter().enumerate().map(|(i, f)| {
        let n = ident(&f.rust_name);
        if !stored_as_option(f, is_request) && matches!(f.ty, Type::List(_)) {
            quote!(#i => self.#n = ::specbind_runtime::object::read_list(map)?,)
        } else if f.style == Style::Json {
            quote!(#i => self.#n = ::specbind_runtime::object::read_json_or_value(map)?,)
        } else if f.style == Style::Simple {
            quote!(#i => self.#n = Some(::specbind_runtime::object::read_joined(map)?),)
        } else {
            quote!(#i => self.#n = map.next_value()?,)
        }
    });
    let body = if s.fields.is_empty() {
        quote!(let _ = index; ::specbind_runtime::object::skip(map)?;)
    } else {
        quote! {
            match index {
                #(#reads)*
                _ => ::specbind_runtime::object::skip(map)?,
            }
        }
    };
    let len = s.fields.len();
    let writes = s.fields.iter().map(|f| {
        let n = ident(&f.rust_name);
        let wire = &f.wire_name;
        match (f.style, stored_as_option(f, is_request)) {
            (Style::Json, true) => quote!(w.opt(#wire, &self.#n.as_ref().map(::specbind_runtime::object::AsJsonString))?;),
            (Style::Simple, true) => quote!(w.opt(#wire, &self.#n.as_deref().map(::specbind_runtime::object::Joined))?;),
            (_, true) => quote!(w.opt(#wire, &self.#n)?;),
            (_, false) => quote!(w.field(#wire, &self.#n)?;),
        }
    });
    let w = if s.fields.is_empty() {
        quote!(w)
    } else {
        quote!(mut w)
    };
    quote! {
        impl ::specbind_runtime::object::Object for #name {
            const NAME: &'static str = #label;
            const FIELDS: &'static [&'static str] = &[#(#wires),*];
            #required
            fn read_field<'de, A: ::serde::de::MapAccess<'de>>(&mut self, index: usize, map: &mut A) -> Result<(), A::Error> {
                #body
                Ok(())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                ::specbind_runtime::object::deserialize(d)
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let #w = ::specbind_runtime::object::Writer::new(s, #label, #len)?;
                #(#writes)*
                w.end()
            }
        }
    }
}

/// Rule calls on `v` over a request's fields (`self.x`, each an `Option`).
fn rule_calls(op: &Operation) -> Vec<TokenStream> {
    let mut calls = Vec::new();
    for f in op.request.fields.iter().filter(|f| f.sensitive) {
        let wire = &f.wire_name;
        calls.push(quote!(v.secret(#wire);));
    }
    for f in op.request.fields.iter().filter(|f| f.required) {
        let n = ident(&f.rust_name);
        let wire = &f.wire_name;
        calls.push(quote!(v.required(#wire, self.#n.is_some());));
    }
    for f in &op.request.fields {
        let wire = &f.wire_name;
        let n = ident(&f.rust_name);
        let val = quote!(self.#n.as_ref());
        let s = quote!(self.#n.as_deref());
        for r in &f.rules {
            calls.push(match r {
                FieldRule::Range { min, max } if f.ty == Type::F64 => {
                    let min = opt_i128(*min);
                    let max = opt_i128(*max);
                    quote!(v.range_f64(#wire, #val.copied(), #min, #max);)
                }
                FieldRule::Range { min, max } => {
                    let min = opt_i128(*min);
                    let max = opt_i128(*max);
                    quote!(v.range(#wire, #val.map(|x| i128::from(*x)), #min, #max);)
                }
                FieldRule::Length { min, max } => {
                    let min = opt_usize(*min);
                    let max = opt_usize(*max);
                    quote!(v.length(#wire, #s, #min, #max);)
                }
                FieldRule::Prefix(p) => quote!(v.prefix(#wire, #s, #p);),
                FieldRule::Pattern(p) => quote!(v.pattern(#wire, #s, #p);),
                FieldRule::TimeFilter {
                    attribute,
                    operators,
                    case_insensitive,
                    max_age_days,
                } => {
                    let max_age = match max_age_days {
                        Some(d) => {
                            let secs = d.saturating_mul(86_400);
                            quote!(Some(::std::time::Duration::from_secs(#secs)))
                        }
                        None => quote!(None),
                    };
                    quote! {
                        v.time_filter(
                            #wire,
                            #s,
                            &::specbind_runtime::validate::TimeFilter {
                                attribute: #attribute,
                                operators: &[#(#operators),*],
                                case_insensitive: #case_insensitive,
                                max_age: #max_age,
                            },
                            now,
                        );
                    }
                }
            });
        }
    }
    let fields = &op.request.fields;
    for c in &op.cross {
        calls.push(match c {
            Cross::Paired(a, b) => {
                let (fa, fb) = (&fields[*a], &fields[*b]);
                let (wa, wb) = (&fa.wire_name, &fb.wire_name);
                let (na, nb) = (ident(&fa.rust_name), ident(&fb.rust_name));
                quote!(v.paired((#wa, self.#na.is_some()), (#wb, self.#nb.is_some()));)
            }
            Cross::When {
                when,
                equals,
                then,
                rule,
            } => {
                let (fw, ft) = (&fields[*when], &fields[*then]);
                let nw = ident(&fw.rust_name);
                let cond = match fw.ty {
                    Type::Enum(_) => {
                        quote!(self.#nw.as_ref().is_some_and(|x| x.as_str() == #equals))
                    }
                    _ => quote!(self.#nw.as_ref().is_some_and(|x| x == #equals)),
                };
                let described = format!("{} is {}", fw.wire_name, equals);
                let wt = &ft.wire_name;
                let nt = ident(&ft.rust_name);
                match rule {
                    CrossRule::Prefix(p) => {
                        quote!(v.prefix_when(#cond, #described, #wt, self.#nt.as_deref(), #p);)
                    }
                    CrossRule::Pattern(p) => {
                        quote!(v.pattern_when(#cond, #described, #wt, self.#nt.as_deref(), #p);)
                    }
                    CrossRule::Required => {
                        quote!(v.required_when(#cond, #described, #wt, self.#nt.is_some());)
                    }
                }
            }
        });
    }
    calls
}

fn uses_clock(op: &Operation) -> bool {
    op.request.fields.iter().any(|f| {
        f.rules
            .iter()
            .any(|r| matches!(r, FieldRule::TimeFilter { .. }))
    })
}

fn opt_i128(v: Option<i128>) -> TokenStream {
    match v {
        Some(v) => {
            let lit = proc_macro2::Literal::i128_unsuffixed(v);
            quote!(Some(#lit))
        }
        None => quote!(None),
    }
}

fn opt_usize(v: Option<usize>) -> TokenStream {
    match v {
        Some(v) => quote!(Some(#v)),
        None => quote!(None),
    }
}

/// The first paragraph of a doc text, its lines joined: a one-paragraph summary.
/// Whether Markdown text opens with a block (a code fence, a table, a heading, a list)
/// that cannot follow other words on the same line.
fn starts_with_block(text: &str) -> bool {
    text.lines().next().is_some_and(|l| {
        let l = l.trim_start();
        l.starts_with("```")
            || l.starts_with('|')
            || l.starts_with('#')
            || l.starts_with("- ")
            || l.starts_with("* ")
            || l.starts_with('>')
            || l.split_once(". ")
                .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    })
}

/// `label: text`, or `label.` and `text` as its own paragraph when `text` opens with a
/// block that would break on the label's line.
fn labelled(label: &str, text: &str) -> String {
    if starts_with_block(text) {
        format!("{label}.\n\n{text}")
    } else {
        format!("{label}: {text}")
    }
}

/// The first paragraph of vendor prose, made safe and joined onto one line; empty when
/// that paragraph is not plain text (a list, a table, a code block), which a one-line
/// summary cannot hold.
fn summary(doc: &str) -> String {
    let clean = doc_escape(doc);
    let first = clean.split("\n\n").next().unwrap_or("");
    if first.lines().any(starts_with_block) {
        return String::new();
    }
    first.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The setter for one parameter: numbers, booleans, timestamps and models take the
/// value itself (`.limit(10)` must not need a type annotation); strings, enums and
/// lists take anything that converts.
fn setters(f: &Field) -> TokenStream {
    let n = ident(&f.rust_name);
    let bare = f.rust_name.trim_start_matches("r#");
    let [_, set, get] = naming::accessor_names(&f.rust_name);
    let (set, get) = (ident(&set), ident(&get));
    let ty = rust_type(&f.ty);
    let (param, value) = match f.ty {
        Type::String | Type::Enum(_) | Type::List(_) | Type::Date | Type::DateTime | Type::Blob => {
            (quote!(impl Into<#ty>), quote!(value.into()))
        }
        _ => (quote!(#ty), quote!(value)),
    };
    let doc = doc_attrs(&format!("Sets {}.\n\n{}", f.wire_name, field_doc(f, true)));
    let set_doc = doc_attrs(&format!(
        "Sets {}, or clears it with `None`; see [`{bare}`](Self::{bare}).",
        code(&f.wire_name)
    ));
    let get_doc = doc_attrs(&format!("The {} set so far.", code(&f.wire_name)));
    quote! {
        #doc
        pub fn #n(mut self, value: #param) -> Self {
            self.inner.#n = Some(#value);
            self
        }
        #set_doc
        pub fn #set(mut self, value: Option<#ty>) -> Self {
            self.inner.#n = value;
            self
        }
        #get_doc
        pub fn #get(&self) -> &Option<#ty> {
            &self.inner.#n
        }
    }
}

fn operation_items(op: &Operation, opts: &EmitOptions) -> TokenStream {
    let req = ident(&op.request.rust_name);
    let builder = ident(&op.builder_name());
    let req_doc = format!(
        "Parameters of {}.\n\n{}\n\nBuild one with [`{}::builder`], which checks every constraint the API reference states.",
        code(&op.wire_name),
        doc_escape(&op.doc),
        op.request.rust_name
    );
    let request_item = struct_item(&op.request, &req_doc, true, opts);
    let response_item = struct_item(&op.response, &op.response.doc, false, opts);

    let now_unused = if uses_clock(op) {
        quote!()
    } else {
        quote!(let _ = now;)
    };
    let calls = rule_calls(op);
    let v = if calls.is_empty() {
        quote!(let v = ::specbind_runtime::validate::Validator::new();)
    } else {
        quote!(let mut v = ::specbind_runtime::validate::Validator::new();)
    };
    let setters = op.request.fields.iter().map(setters);
    let builder_doc = doc_attrs(&format!(
        "Builds a [`{}`]; [`build`]({}::build) checks every documented constraint.",
        op.request.rust_name,
        op.builder_name()
    ));
    // With a client, the one builder type also serves as the client's fluent builder
    // (`C` is then the client): setters exist once per parameter.
    let (generics, impl_generics, client_field) = if opts.client {
        (quote!(<C = ()>), quote!(<C>), quote!(client: C,))
    } else {
        (quote!(), quote!(), quote!())
    };
    let client_glue = if opts.client {
        operation_client_glue(op)
    } else {
        TokenStream::new()
    };

    quote! {
        #request_item

        impl #req {
            /// Starts building a request.
            pub fn builder() -> #builder {
                Default::default()
            }

            /// Checks every documented constraint, reading the system clock for time windows.
            pub fn validate(&self) -> Result<(), ValidationError> {
                self.validate_at(::std::time::SystemTime::now())
            }

            /// Checks every documented constraint, with `now` as the current time.
            pub fn validate_at(&self, now: ::std::time::SystemTime) -> Result<(), ValidationError> {
                #now_unused
                #v
                #(#calls)*
                v.finish()
            }
        }

        #builder_doc
        #[derive(Debug, Clone, Default)]
        pub struct #builder #generics {
            #client_field
            inner: #req,
        }

        impl #impl_generics #builder #impl_generics {
            #(#setters)*

            /// Checks every documented constraint (time windows against the system clock)
            /// and returns the request, or every violation found.
            pub fn build(self) -> Result<#req, ValidationError> {
                self.build_at(::std::time::SystemTime::now())
            }

            /// Like [`build`](Self::build), with `now` as the current time.
            pub fn build_at(self, now: ::std::time::SystemTime) -> Result<#req, ValidationError> {
                self.inner.validate_at(now)?;
                Ok(self.inner)
            }
        }

        #response_item

        #client_glue
    }
}

fn operation_client_glue(op: &Operation) -> TokenStream {
    let req = ident(&op.request.rust_name);
    let resp = ident(&op.response.rust_name);
    let builder = ident(&op.builder_name());
    let fluent = ident(&op.fluent_name());
    let wire = &op.wire_name;
    let idempotent = op.idempotent.then(|| {
        quote!(
            const IDEMPOTENT: bool = true;
        )
    });
    let method = op.http_get.then(|| {
        quote!(
            const METHOD: ::specbind_runtime::HttpMethod = ::specbind_runtime::HttpMethod::Get;
        )
    });
    let body_params = op.body_params();
    let body_params = (!body_params.is_empty())
        .then(|| quote!(const BODY_PARAMS: &'static [&'static str] = &[#(#body_params),*];));
    let (paginated, into_paginator) = match &op.pagination {
        Some(p) => {
            let req_fields = &op.request.fields;
            let resp_fields = &op.response.fields;
            let input_n = ident(&req_fields[p.input_token].rust_name);
            let output = &resp_fields[p.output_token];
            let output_n = ident(&output.rust_name);
            let get_token = if output.required && plain_when_required(&output.ty) {
                quote!(Some(output.#output_n.as_str()))
            } else {
                quote!(output.#output_n.as_deref())
            };
            // Without a truncation field the response is not read.
            let truncated_arg = if p.truncated.is_some() {
                quote!(output)
            } else {
                quote!(_output)
            };
            let truncated = match p.truncated {
                Some(t) => {
                    let f = &resp_fields[t];
                    let n = ident(&f.rust_name);
                    if f.required {
                        quote!(Some(output.#n))
                    } else {
                        quote!(output.#n)
                    }
                }
                None => quote!(None),
            };
            let paginator_doc = format!(
                "Follows `{}` across pages: `.pages()` or `.items()`, each a stream.\n\n\
                 An invalid request is the stream's only item; a token the server already \
                 returned ends the stream with an error.",
                output.wire_name
            );
            let items_f = &resp_fields[p.items];
            let items_n = ident(&items_f.rust_name);
            let item_ty = item_type(items_f);
            let into_items = if matches!(items_f.ty, Type::List(_)) {
                quote!(output.#items_n)
            } else {
                quote!(output.#items_n.into_iter().collect())
            };
            (
                quote! {
                    impl ::specbind_runtime::Paginated for #req {
                        type Item = #item_ty;
                        fn set_page_token(&mut self, token: Option<String>) {
                            self.#input_n = token;
                        }
                        fn request_page_token(&self) -> Option<&str> {
                            self.#input_n.as_deref()
                        }
                        fn page_token(output: &#resp) -> Option<&str> {
                            #get_token
                        }
                        fn is_truncated(#truncated_arg: &#resp) -> Option<bool> {
                            #truncated
                        }
                        fn into_items(output: #resp) -> Vec<#item_ty> {
                            #into_items
                        }
                    }
                },
                into_paginator(op, &paginator_doc),
            )
        }
        None => match &op.offset_pagination {
            Some(p) => offset_paging(op, p),
            None => (TokenStream::new(), TokenStream::new()),
        },
    };
    let fluent_doc = doc_attrs(&format!(
        "A `{wire}` call being set up by [`Client::{}`]: the request builder holding a client; \
         set parameters, then [`send`]({}::send).",
        op.method.trim_start_matches("r#"),
        op.builder_name()
    ));
    quote! {
        impl ::specbind_runtime::Operation for #req {
            const NAME: &'static str = #wire;
            #idempotent
            #method
            #body_params
            type Service = Client;
            type Output = #resp;
            fn validate(&self) -> Result<(), ValidationError> {
                #req::validate(self)
            }
        }

        #paginated

        #fluent_doc
        pub type #fluent = #builder<::specbind_runtime::Client>;

        impl #builder<::specbind_runtime::Client> {
            /// Validates the request (no I/O when it is invalid), then sends it.
            pub async fn send(self) -> Result<#resp, Error> {
                let #builder { client, inner } = self;
                inner.validate()?;
                client.send_validated(inner).await
            }

            #into_paginator
        }
    }
}

/// `Paginated` for an operation paged by `Offset`: the runtime walks the offsets.
fn offset_paging(op: &Operation, p: &crate::model::OffsetPagination) -> (TokenStream, TokenStream) {
    let req = ident(&op.request.rust_name);
    let resp = ident(&op.response.rust_name);
    let req_fields = &op.request.fields;
    let resp_fields = &op.response.fields;
    let offset = &req_fields[p.offset];
    let offset_n = ident(&offset.rust_name);
    let items_f = &resp_fields[p.items];
    let items_n = ident(&items_f.rust_name);
    let item_ty = item_type(items_f);
    let total = match p.total {
        Some(t) => {
            let f = &resp_fields[t];
            let n = ident(&f.rust_name);
            if stored_as_option(f, false) {
                quote!(output.#n.map(i128::from))
            } else {
                quote!(Some(i128::from(output.#n)))
            }
        }
        None => quote!(None),
    };
    let paginator_doc = format!(
        "Walks `{}` across pages: `.pages()` or `.items()`, each a stream. The next page \
         starts where the last one ended; the walk stops at an empty page or when `{}` \
         items were seen.\n\nAn invalid request is the stream's only item.",
        offset.wire_name,
        p.total
            .map(|t| resp_fields[t].wire_name.as_str())
            .unwrap_or("all")
    );
    (
        quote! {
            impl ::specbind_runtime::Paginated for #req {
                type Item = #item_ty;
                const OFFSET_PAGING: bool = true;
                fn set_page_token(&mut self, token: Option<String>) {
                    self.#offset_n = token.and_then(|t| t.parse().ok());
                }
                fn request_page_token(&self) -> Option<&str> {
                    None
                }
                fn page_token(_output: &#resp) -> Option<&str> {
                    None
                }
                fn is_truncated(_output: &#resp) -> Option<bool> {
                    None
                }
                fn next_offset(&self, output: &#resp) -> Option<String> {
                    ::specbind_runtime::paginate::next_offset(
                        self.#offset_n.map(i128::from),
                        output.#items_n.len(),
                        #total,
                    )
                }
                fn into_items(output: #resp) -> Vec<#item_ty> {
                    output.#items_n
                }
            }
        },
        into_paginator(op, &paginator_doc),
    )
}

/// The fluent builder's `into_paginator()`, for either way of paging.
fn into_paginator(op: &Operation, doc: &str) -> TokenStream {
    let req = ident(&op.request.rust_name);
    let builder = ident(&op.builder_name());
    let doc = doc_attrs(doc);
    quote! {
        #doc
        pub fn into_paginator(self) -> ::specbind_runtime::Paginator<#req> {
            let #builder { client, inner } = self;
            ::specbind_runtime::Paginator::new(client, inner.validate().map(|()| inner))
        }
    }
}

/// The element type of a paged listing's items field.
fn item_type(items: &Field) -> TokenStream {
    match &items.ty {
        Type::List(inner) => rust_type(inner),
        other => rust_type(other),
    }
}

fn client_items(svc: &Service) -> TokenStream {
    let title = if svc.title.is_empty() {
        svc.product.clone()
    } else {
        svc.title.clone()
    };
    let methods = svc.operations.values().map(|op| {
        let m = ident(&op.method);
        let fluent = ident(&op.fluent_name());
        let builder = ident(&op.builder_name());
        let doc = doc_attrs(&match summary(&op.doc) {
            first if first.is_empty() => format!("Calls {}.", code(&op.wire_name)),
            first => format!("{}: {first}", code(&op.wire_name)),
        });
        let deprecated = op.deprecated.as_ref().map(|note| {
            let note = deprecation_text(note);
            quote!(#[deprecated(note = #note)])
        });
        quote! {
            #doc
            #deprecated
            pub fn #m(&self) -> #fluent {
                #builder {
                    client: self.inner.clone(),
                    inner: Default::default(),
                }
            }
        }
    });
    let env_vars = match svc.provider {
        Provider::Alibaba => {
            "`ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET` and, for STS, `ALIBABA_CLOUD_SECURITY_TOKEN`"
        }
        Provider::Tencent => {
            "`TENCENTCLOUD_SECRET_ID`, `TENCENTCLOUD_SECRET_KEY` and, for temporary credentials, `TENCENTCLOUD_SESSION_TOKEN`"
        }
    };
    let client_doc = doc_attrs(&format!(
        "An async client for {title} API `{}`.\n\nCheap to clone; clones share one connection pool. Every call validates its request before any network I/O.",
        svc.version
    ));
    let from_env_doc = doc_attrs(&format!(
        "A client with default settings and credentials from {env_vars}."
    ));
    quote! {
        #client_doc
        #[derive(Debug, Clone)]
        pub struct Client {
            inner: ::specbind_runtime::Client,
        }

        /// Configures a [`Client`]: credentials, endpoint, region, retries, timeouts.
        pub type ClientBuilder = ::specbind_runtime::ClientBuilder<Client>;

        impl From<::specbind_runtime::Client> for Client {
            fn from(inner: ::specbind_runtime::Client) -> Self {
                Client { inner }
            }
        }

        impl Client {
            /// Starts configuring a client for this service.
            pub fn builder() -> ClientBuilder {
                ::specbind_runtime::ClientBuilder::new(&SERVICE)
            }

            #from_env_doc
            pub fn from_env() -> Result<Client, BuildError> {
                Self::builder().from_env().build()
            }

            /// Sends a request of this service built beforehand; it is validated first,
            /// since its public fields may have changed since it was built.
            pub async fn send<O: ::specbind_runtime::Operation<Service = Client>>(&self, request: O) -> Result<O::Output, Error> {
                self.inner.send(request).await
            }

            /// Pages through a listing, starting from a request built beforehand
            /// (validated first; an invalid request is the stream's only item).
            pub fn paginate<O: ::specbind_runtime::Paginated<Service = Client>>(&self, request: O) -> Paginator<O> {
                let checked = ::specbind_runtime::Operation::validate(&request).map(|()| request);
                Paginator::new(self.inner.clone(), checked)
            }

            /// The service this client calls.
            pub fn service(&self) -> &'static ::specbind_runtime::ServiceInfo {
                self.inner.service()
            }

            #(#methods)*
        }
    }
}
