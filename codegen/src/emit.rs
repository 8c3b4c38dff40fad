//! Stage 5, emit: the resolved model → Rust tokens.
//!
//! Reads only [`crate::model`]. Generated code is types plus thin glue; every
//! algorithm it needs is called from `specbind_runtime`.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::load::Scalar;
use crate::model::{
    Cross, CrossRule, Enum, Field, FieldRule, Operation, Provider, Service, Struct, Type,
};

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

/// `#[doc = " line"]` attributes, one per line, so prettyplease prints `/// line`.
fn doc_attrs(text: &str) -> TokenStream {
    let text = text.trim();
    if text.is_empty() {
        return TokenStream::new();
    }
    let lines = text.lines().map(|l| {
        let l = l.trim_end();
        let l = if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        };
        quote!(#[doc = #l])
    });
    quote!(#(#lines)*)
}

/// Escapes text for rustdoc: vendor prose may contain `<`, `>`, `[` or bare URLs.
fn doc_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_inclusive(char::is_whitespace) {
        let trimmed = word.trim_end();
        if trimmed.starts_with("http://") || trimmed.starts_with("https://") {
            out.push('<');
            out.push_str(trimmed);
            out.push('>');
            out.push_str(&word[trimmed.len()..]);
            continue;
        }
        for c in word.chars() {
            match c {
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '[' => out.push_str("\\["),
                ']' => out.push_str("\\]"),
                _ => out.push(c),
            }
        }
    }
    out
}

/// `#[derive(..)]` with the built-in derives and the user's extra ones; an extra derive
/// already among the built-ins (by last path segment) is not repeated, and one that is
/// not a path was refused by [`validate_options`].
fn derives(base: TokenStream, opts: &EmitOptions) -> TokenStream {
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
        .filter(|p| last(p).is_none_or(|n| !builtin.contains(&n)));
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

fn rust_type(t: &Type) -> TokenStream {
    match t {
        Type::String => quote!(::std::string::String),
        Type::I32 => quote!(i32),
        Type::I64 => quote!(i64),
        Type::U64 => quote!(u64),
        Type::Bool => quote!(bool),
        Type::Timestamp => quote!(::specbind_runtime::Timestamp),
        Type::Enum(n) | Type::Model(n) => {
            let i = ident(n);
            quote!(#i)
        }
        Type::List(inner) => {
            let i = rust_type(inner);
            quote!(::std::vec::Vec<#i>)
        }
    }
}

/// Whether `Default` can be derived for a struct with these fields.
fn defaultable(fields: &[Field], response_like: bool) -> bool {
    fields.iter().all(|f| {
        !f.required
            || (response_like && matches!(f.ty, Type::List(_)))
            || matches!(
                f.ty,
                Type::String | Type::I32 | Type::I64 | Type::U64 | Type::Bool | Type::List(_)
            )
    })
}

fn scalar_text(s: &Scalar) -> String {
    match s {
        Scalar::Str(v) => format!("`{v}`"),
        other => format!("`{other}`"),
    }
}

/// The doc comment of a field: its spec text, then what the spec says of its values.
fn field_doc(f: &Field, is_request: bool) -> String {
    let mut parts = Vec::new();
    let body = doc_escape(&f.doc);
    parts.push(if body.is_empty() {
        format!("The `{}` field.", f.wire_name)
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
            FieldRule::Prefix(p) => format!("Starts with `{p}`."),
            FieldRule::Pattern(p) => format!("Matches `{p}`."),
            FieldRule::TimeFilter {
                attribute,
                operators,
                case_insensitive,
                max_age_days,
            } => {
                let mut s = format!(
                    "Form: `{attribute} {} YYYY-MM-DDTHH:mm:SSZ`",
                    operators.join("|")
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
        facts.push(format!("Present only when {}.", doc_escape(w)));
    }
    if is_request && f.required {
        facts.push("Required.".to_owned());
    }
    if !facts.is_empty() {
        parts.push(facts.join(" "));
    }
    let mut tail = format!("Wire name: `{}`.", f.wire_name);
    if let Some(e) = &f.example {
        tail.push_str(&format!(" Example: {}.", scalar_text(e)));
    }
    parts.push(tail);
    parts.join("\n\n")
}

/// Emits one service as the items of a module.
pub fn service(svc: &Service, opts: &EmitOptions) -> TokenStream {
    let mut items = Vec::new();
    items.push(quote! {
        #[allow(unused_imports)]
        pub use ::specbind_runtime::ValidationError;
    });
    items.push(service_info(svc));
    items.push(error_codes(svc));
    for e in svc.enums.values() {
        items.push(enum_item(e, opts));
    }
    for m in svc.models.values() {
        let doc = if m.doc.is_empty() {
            format!("The `{}` object.", m.wire_name)
        } else {
            doc_escape(&m.doc)
        };
        items.push(struct_item(m, &doc, false, opts));
    }
    for op in svc.operations.values() {
        items.push(operation_items(op, opts));
    }
    if opts.client {
        items.push(client_items(svc));
    }
    quote!(#(#items)*)
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
        Some(r) => quote!(::std::option::Option::Some(#r)),
        None => quote!(::std::option::Option::None),
    };
    let rate = match svc.rate_limit {
        Some(r) => quote!(::std::option::Option::Some(#r)),
        None => quote!(::std::option::Option::None),
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
    let consts = codes.iter().map(|(name, (code, doc, ops))| {
        let name = ident(name);
        let ops: Vec<String> = ops.iter().map(|o| format!("`{o}`")).collect();
        let text = format!(
            "{}\n\nDocumented for: {}.",
            if doc.is_empty() {
                format!("The error code `{code}`.")
            } else {
                doc_escape(doc)
            },
            ops.join(", ")
        );
        let doc = doc_attrs(&text);
        quote! {
            #doc
            pub const #name: &str = #code;
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

fn enum_item(e: &Enum, opts: &EmitOptions) -> TokenStream {
    let name = ident(&e.rust_name);
    let doc_text = if e.doc.is_empty() {
        format!("Values of `{}`.", e.wire_name)
    } else {
        doc_escape(&e.doc)
    };
    let doc = doc_attrs(&format!(
        "{doc_text}\n\nAn open enum: a value the spec does not list arrives as `Unknown` and is sent back unchanged."
    ));
    let variants = e.variants.iter().map(|v| {
        let vi = ident(&v.rust_name);
        let d = doc_attrs(&if v.doc.is_empty() {
            format!("`{}`", v.wire_name)
        } else {
            format!("`{}`: {}", v.wire_name, doc_escape(&v.doc))
        });
        quote!(#d #vi,)
    });
    let as_str = e.variants.iter().map(|v| {
        let vi = ident(&v.rust_name);
        let w = &v.wire_name;
        quote!(#name::#vi => #w,)
    });
    let known = e.variants.iter().map(|v| {
        let vi = ident(&v.rust_name);
        let w = &v.wire_name;
        quote!(#w => ::std::option::Option::Some(#name::#vi),)
    });
    let wires = e.variants.iter().map(|v| &v.wire_name);
    let derive = derives(
        quote!(
            Debug,
            Clone,
            PartialEq,
            Eq,
            Hash,
            ::serde::Serialize,
            ::serde::Deserialize
        ),
        opts,
    );
    quote! {
        #doc
        #derive
        #[serde(from = "::std::string::String", into = "::std::string::String")]
        pub enum #name {
            #(#variants)*
            /// A value this version of the spec does not list, kept exactly as received.
            Unknown(::std::string::String),
        }

        impl #name {
            /// Every value the spec lists, in spec order.
            pub const KNOWN: &'static [&'static str] = &[#(#wires),*];

            /// The wire value.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#as_str)*
                    #name::Unknown(value) => value,
                }
            }

            /// Whether the spec lists this value.
            pub fn is_known(&self) -> bool {
                !matches!(self, #name::Unknown(_))
            }

            fn known(value: &str) -> ::std::option::Option<Self> {
                match value {
                    #(#known)*
                    _ => ::std::option::Option::None,
                }
            }
        }

        impl ::std::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                Self::known(value).unwrap_or_else(|| #name::Unknown(value.to_owned()))
            }
        }

        impl ::std::convert::From<::std::string::String> for #name {
            fn from(value: ::std::string::String) -> Self {
                Self::known(&value).unwrap_or(#name::Unknown(value))
            }
        }

        impl ::std::convert::From<#name> for ::std::string::String {
            fn from(value: #name) -> Self {
                match value {
                    #name::Unknown(value) => value,
                    known => known.as_str().to_owned(),
                }
            }
        }

        impl ::std::str::FromStr for #name {
            type Err = ::std::convert::Infallible;
            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::from(value))
            }
        }

        impl ::std::convert::AsRef<str> for #name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }
}

/// A model or response struct (`is_request == false`) or a request struct.
/// `doc` is the finished doc text (vendor prose already escaped).
fn struct_item(s: &Struct, doc: &str, is_request: bool, opts: &EmitOptions) -> TokenStream {
    let name = ident(&s.rust_name);
    let doc = doc_attrs(doc);
    let fields = s.fields.iter().map(|f| {
        let fname = ident(&f.rust_name);
        let wire = &f.wire_name;
        let doc = doc_attrs(&field_doc(f, is_request));
        let ty = rust_type(&f.ty);
        if f.required {
            quote!(#doc #[serde(rename = #wire)] pub #fname: #ty,)
        } else if !is_request && matches!(f.ty, Type::List(_)) {
            quote! {
                #doc
                #[serde(rename = #wire, default, deserialize_with = "::specbind_runtime::types::list_or_null")]
                pub #fname: #ty,
            }
        } else {
            quote! {
                #doc
                #[serde(rename = #wire, default, skip_serializing_if = "::std::option::Option::is_none")]
                pub #fname: ::std::option::Option<#ty>,
            }
        }
    });
    let base = if defaultable(&s.fields, !is_request) && !is_request {
        quote!(
            Debug,
            Clone,
            PartialEq,
            Default,
            ::serde::Serialize,
            ::serde::Deserialize
        )
    } else {
        quote!(
            Debug,
            Clone,
            PartialEq,
            ::serde::Serialize,
            ::serde::Deserialize
        )
    };
    let derive = derives(base, opts);
    quote! {
        #doc
        #derive
        pub struct #name {
            #(#fields)*
        }
    }
}

/// How generated validation code reads one field.
struct View {
    /// An `Option<&T>` expression.
    opt: TokenStream,
    /// An `Option<&str>` expression (string fields).
    text: TokenStream,
    /// A `bool` expression: is the field set.
    present: TokenStream,
}

/// Reading a field of a built request (`self.x`), where required fields are always set.
fn request_view(f: &Field) -> View {
    let n = ident(&f.rust_name);
    if f.required {
        View {
            opt: quote!(::std::option::Option::Some(&self.#n)),
            text: quote!(::std::option::Option::Some(self.#n.as_str())),
            present: quote!(true),
        }
    } else {
        builder_view(f)
    }
}

/// Reading a field of a builder, where every field is optional.
fn builder_view(f: &Field) -> View {
    let n = ident(&f.rust_name);
    View {
        opt: quote!(self.#n.as_ref()),
        text: quote!(self.#n.as_deref()),
        present: quote!(self.#n.is_some()),
    }
}

/// Rule calls on `v`, reading each field through `access` (an `Option<&T>` expression).
fn rule_calls(op: &Operation, access: fn(&Field) -> View) -> Vec<TokenStream> {
    let mut calls = Vec::new();
    for f in &op.request.fields {
        let wire = &f.wire_name;
        let view = access(f);
        let val = &view.opt;
        let s = &view.text;
        for r in &f.rules {
            calls.push(match r {
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
                FieldRule::Prefix(p) => {
                    quote!(v.prefix(#wire, #s, #p);)
                }
                FieldRule::Pattern(p) => {
                    quote!(v.pattern(#wire, #s, #p);)
                }
                FieldRule::TimeFilter {
                    attribute,
                    operators,
                    case_insensitive,
                    max_age_days,
                } => {
                    let max_age = match max_age_days {
                        Some(d) => {
                            let secs = d.saturating_mul(86_400);
                            quote!(::std::option::Option::Some(::std::time::Duration::from_secs(#secs)))
                        }
                        None => quote!(::std::option::Option::None),
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
    for c in &op.cross {
        let fields = &op.request.fields;
        calls.push(match c {
            Cross::Paired(a, b) => {
                let (fa, fb) = (&fields[*a], &fields[*b]);
                let (wa, wb) = (&fa.wire_name, &fb.wire_name);
                let (pa, pb) = (access(fa).present, access(fb).present);
                quote!(v.paired((#wa, #pa), (#wb, #pb));)
            }
            Cross::When {
                when,
                equals,
                then,
                rule,
            } => {
                let (fw, ft) = (&fields[*when], &fields[*then]);
                let vw = access(fw).opt;
                let cond = match fw.ty {
                    Type::Enum(_) => quote!(#vw.is_some_and(|x| x.as_str() == #equals)),
                    _ => quote!(#vw.is_some_and(|x| x == #equals)),
                };
                let described = format!("{} is {}", fw.wire_name, equals);
                let wt = &ft.wire_name;
                let vt = access(ft);
                let (s, present) = (&vt.text, &vt.present);
                match rule {
                    CrossRule::Prefix(p) => {
                        quote!(v.prefix_when(#cond, #described, #wt, #s, #p);)
                    }
                    CrossRule::Pattern(p) => {
                        quote!(v.pattern_when(#cond, #described, #wt, #s, #p);)
                    }
                    CrossRule::Required => {
                        quote!(v.required_when(#cond, #described, #wt, #present);)
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
            quote!(::std::option::Option::Some(#lit))
        }
        None => quote!(::std::option::Option::None),
    }
}

fn opt_usize(v: Option<usize>) -> TokenStream {
    match v {
        Some(v) => quote!(::std::option::Option::Some(#v)),
        None => quote!(::std::option::Option::None),
    }
}

/// The first paragraph of a doc text, its lines joined: a one-paragraph summary.
fn summary(doc: &str) -> String {
    doc.trim()
        .split("\n\n")
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn setter_doc(f: &Field) -> String {
    let first = summary(&f.doc);
    if first.is_empty() {
        format!("Sets `{}`.", f.wire_name)
    } else {
        format!("Sets `{}`: {}", f.wire_name, doc_escape(&first))
    }
}

fn operation_items(op: &Operation, opts: &EmitOptions) -> TokenStream {
    let req = ident(&op.request.rust_name);
    let builder = ident(&op.builder_name());
    let req_doc = format!(
        "Parameters of `{}`. {}\n\nBuild one with [`{}::builder`], which checks every constraint the API reference states.",
        op.wire_name,
        doc_escape(&op.doc),
        op.request.rust_name
    );
    let request_item = struct_item(&op.request, &req_doc, true, opts);
    let response_item = struct_item(&op.response, &op.response.doc, false, opts);

    let clock = uses_clock(op);
    let now_unused = if clock {
        quote!()
    } else {
        quote!(let _ = now;)
    };

    // Validation over a built request.
    let req_calls = rule_calls(op, request_view);
    let req_v = if req_calls.is_empty() {
        quote!(let v = ::specbind_runtime::validate::Validator::new();)
    } else {
        quote!(let mut v = ::specbind_runtime::validate::Validator::new();)
    };

    // Validation inside the builder, where every field is optional.
    let required: Vec<&Field> = op.request.fields.iter().filter(|f| f.required).collect();
    let required_calls = required.iter().map(|f| {
        let n = ident(&f.rust_name);
        let w = &f.wire_name;
        quote!(v.required(#w, self.#n.is_some());)
    });
    let builder_calls = rule_calls(op, builder_view);
    let builder_v = if builder_calls.is_empty() && required.is_empty() {
        quote!(let v = ::specbind_runtime::validate::Validator::new();)
    } else {
        quote!(let mut v = ::specbind_runtime::validate::Validator::new();)
    };
    let build_fields = op.request.fields.iter().map(|f| {
        let n = ident(&f.rust_name);
        let w = &f.wire_name;
        if f.required {
            quote!(#n: ::specbind_runtime::validate::take(self.#n, #w)?,)
        } else {
            quote!(#n: self.#n,)
        }
    });
    let builder_fields = op.request.fields.iter().map(|f| {
        let n = ident(&f.rust_name);
        let ty = rust_type(&f.ty);
        quote!(#n: ::std::option::Option<#ty>,)
    });
    let setters: Vec<TokenStream> = op
        .request
        .fields
        .iter()
        .map(|f| {
            let n = ident(&f.rust_name);
            let ty = rust_type(&f.ty);
            let doc = doc_attrs(&setter_doc(f));
            quote! {
                #doc
                pub fn #n(mut self, value: impl ::std::convert::Into<#ty>) -> Self {
                    self.#n = ::std::option::Option::Some(value.into());
                    self
                }
            }
        })
        .collect();
    let builder_doc = doc_attrs(&format!(
        "Builds a [`{}`]; [`build`]({}::build) checks every documented constraint.",
        op.request.rust_name,
        op.builder_name()
    ));

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
                ::std::default::Default::default()
            }

            /// Checks every documented constraint, reading the system clock for time windows.
            pub fn validate(&self) -> ::std::result::Result<(), ValidationError> {
                self.validate_at(::std::time::SystemTime::now())
            }

            /// Checks every documented constraint, with `now` as the current time.
            pub fn validate_at(&self, now: ::std::time::SystemTime) -> ::std::result::Result<(), ValidationError> {
                #now_unused
                #req_v
                #(#req_calls)*
                v.finish()
            }
        }

        #builder_doc
        #[derive(Debug, Clone, Default)]
        pub struct #builder {
            #(#builder_fields)*
        }

        impl #builder {
            #(#setters)*

            /// Checks every documented constraint (time windows against the system clock)
            /// and returns the request, or every violation found.
            pub fn build(self) -> ::std::result::Result<#req, ValidationError> {
                self.build_at(::std::time::SystemTime::now())
            }

            /// Like [`build`](Self::build), with `now` as the current time.
            pub fn build_at(self, now: ::std::time::SystemTime) -> ::std::result::Result<#req, ValidationError> {
                #now_unused
                #builder_v
                #(#required_calls)*
                #(#builder_calls)*
                v.finish()?;
                ::std::result::Result::Ok(#req {
                    #(#build_fields)*
                })
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
    let setters = op.request.fields.iter().map(|f| {
        let n = ident(&f.rust_name);
        let ty = rust_type(&f.ty);
        let doc = doc_attrs(&setter_doc(f));
        quote! {
            #doc
            pub fn #n(mut self, value: impl ::std::convert::Into<#ty>) -> Self {
                self.inner = self.inner.#n(value);
                self
            }
        }
    });
    let (paginated, into_paginator) = match &op.pagination {
        Some(p) => {
            let req_fields = &op.request.fields;
            let resp_fields = &op.response.fields;
            let input = &req_fields[p.input_token];
            let input_n = ident(&input.rust_name);
            let get_request_token = if input.required {
                quote!(::std::option::Option::Some(self.#input_n.as_str()))
            } else {
                quote!(self.#input_n.as_deref())
            };
            let set_token = if input.required {
                quote!(if let ::std::option::Option::Some(token) = token { self.#input_n = token; })
            } else {
                quote!(self.#input_n = token;)
            };
            let output = &resp_fields[p.output_token];
            let output_n = ident(&output.rust_name);
            let get_token = if output.required {
                quote!(::std::option::Option::Some(output.#output_n.as_str()))
            } else {
                quote!(output.#output_n.as_deref())
            };
            let truncated = match p.truncated {
                Some(t) => {
                    let f = &resp_fields[t];
                    let n = ident(&f.rust_name);
                    if f.required {
                        quote!(::std::option::Option::Some(output.#n))
                    } else {
                        quote!(output.#n)
                    }
                }
                None => quote!(::std::option::Option::None),
            };
            let paginator_doc = doc_attrs(&format!(
                "Follows `{}` across pages: `.pages()` or `.items()`, each a stream.\n\n\
                 An invalid request is the stream's only item; a token the server already \
                 returned ends the stream with an error.",
                output.wire_name
            ));
            let items_f = &resp_fields[p.items];
            let items_n = ident(&items_f.rust_name);
            let item_ty = match &items_f.ty {
                Type::List(inner) => rust_type(inner),
                other => rust_type(other),
            };
            let into_items = if items_f.required || matches!(items_f.ty, Type::List(_)) {
                quote!(output.#items_n)
            } else {
                quote!(output.#items_n.unwrap_or_default())
            };
            (
                quote! {
                    impl ::specbind_runtime::Paginated for #req {
                        type Item = #item_ty;
                        fn set_page_token(&mut self, token: ::std::option::Option<::std::string::String>) {
                            #set_token
                        }
                        fn request_page_token(&self) -> ::std::option::Option<&str> {
                            #get_request_token
                        }
                        fn page_token(output: &#resp) -> ::std::option::Option<&str> {
                            #get_token
                        }
                        fn is_truncated(output: &#resp) -> ::std::option::Option<bool> {
                            #truncated
                        }
                        fn into_items(output: #resp) -> ::std::vec::Vec<#item_ty> {
                            #into_items
                        }
                    }
                },
                quote! {
                    #paginator_doc
                    pub fn into_paginator(self) -> ::specbind_runtime::Paginator<#req> {
                        ::specbind_runtime::Paginator::new(self.client, self.inner.build())
                    }
                },
            )
        }
        None => (TokenStream::new(), TokenStream::new()),
    };
    let fluent_doc = doc_attrs(&format!(
        "A `{wire}` call being set up: set parameters, then [`send`]({}::send).",
        op.fluent_name()
    ));
    quote! {
        impl ::specbind_runtime::Operation for #req {
            const NAME: &'static str = #wire;
            type Service = Client;
            type Output = #resp;
            fn validate(&self) -> ::std::result::Result<(), ValidationError> {
                #req::validate(self)
            }
        }

        #paginated

        #fluent_doc
        #[derive(Debug, Clone)]
        pub struct #fluent {
            client: ::specbind_runtime::Client,
            inner: #builder,
        }

        impl #fluent {
            #(#setters)*

            /// Validates the request (no I/O when it is invalid), then sends it.
            pub async fn send(self) -> ::std::result::Result<#resp, ::specbind_runtime::Error> {
                let request = self.inner.build()?;
                self.client.send(request).await
            }

            #into_paginator
        }
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
        let doc = doc_attrs(&format!(
            "`{}`: {}",
            op.wire_name,
            doc_escape(&summary(&op.doc))
        ));
        quote! {
            #doc
            pub fn #m(&self) -> #fluent {
                #fluent {
                    client: self.inner.clone(),
                    inner: ::std::default::Default::default(),
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
        #[allow(unused_imports)]
        pub use ::specbind_runtime::Error;

        #client_doc
        #[derive(Debug, Clone)]
        pub struct Client {
            inner: ::specbind_runtime::Client,
        }

        /// Configures a [`Client`]: credentials, endpoint, region, retries, timeouts.
        pub type ClientBuilder = ::specbind_runtime::ClientBuilder<Client>;

        impl ::std::convert::From<::specbind_runtime::Client> for Client {
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
            pub fn from_env() -> ::std::result::Result<Client, ::specbind_runtime::BuildError> {
                Self::builder().from_env().build()
            }

            /// Sends a request of this service built beforehand (validated again first).
            pub async fn send<O: ::specbind_runtime::Operation<Service = Client>>(&self, request: O) -> ::std::result::Result<O::Output, ::specbind_runtime::Error> {
                self.inner.send(request).await
            }

            /// The service this client calls.
            pub fn service(&self) -> &'static ::specbind_runtime::ServiceInfo {
                self.inner.service()
            }

            #(#methods)*
        }
    }
}
