//! `include_spec!`: the types, validators and async client that specbind generates for
//! one YAML spec, expanded in place.
//!
//! ```ignore
//! pub mod cloudsso {
//!     specbind_macros::include_spec!("spec/cloudsso-tasks.yaml");
//! }
//!
//! pub mod cloudsso_types {
//!     specbind_macros::include_spec!(
//!         "spec/cloudsso-tasks.yaml",
//!         operations = ["ListTasks"],
//!         client = false,
//!         extra_derives = ["Eq"],
//!     );
//! }
//! ```
//!
//! The path is relative to the calling crate's `CARGO_MANIFEST_DIR`. The options are
//! those of `specbind::Builder`: `operations` (a subset, by wire name; the models and
//! enums they reach come with them), `client` (default `true`) and `extra_derives`
//! (derive paths, as strings or bare paths). The expansion is exactly the items the
//! build script writes for the same spec and options. The calling crate needs
//! `specbind-runtime` and `serde` (with `derive`) as dependencies, and is rebuilt when
//! the spec file changes.
//!
//! A spec that does not pass the checks is a compile error at the macro call carrying
//! every diagnostic: `file:line:column`, the path inside the spec, the message and,
//! where there is one, a hint.

use std::path::Path;

use proc_macro2::{Span, TokenStream as TokenStream2};
use quote::{ToTokens, quote};
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{LitBool, LitStr, Token};

#[cfg(test)]
mod tests;

/// Expands to the items specbind generates for a YAML spec.
///
/// `include_spec!("spec/x.yaml")`, or with options:
/// `include_spec!("spec/x.yaml", operations = ["GetTask"], client = false, extra_derives = ["Eq"])`.
/// The path is relative to the calling crate's `CARGO_MANIFEST_DIR`. See the crate
/// documentation.
#[proc_macro]
pub fn include_spec(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    let input = TokenStream2::from(input);
    let result = match std::env::var_os("CARGO_MANIFEST_DIR") {
        Some(dir) => {
            // The generator is not expected to panic, but a panic must still end as a
            // compile error at the call rather than as "proc macro panicked".
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                expand_spanned(input, Path::new(&dir))
            }))
            .unwrap_or_else(|payload| {
                let why = payload
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown cause".into());
                Err(syn::Error::new(
                    Span::call_site(),
                    format!("internal error (a bug in specbind): the generator panicked: {why}"),
                ))
            })
        }
        None => Err(syn::Error::new(
            Span::call_site(),
            "include_spec!: CARGO_MANIFEST_DIR is not set; build with cargo",
        )),
    };
    result.unwrap_or_else(|e| e.to_compile_error()).into()
}

/// The macro's expansion: the generated items for the spec `input` names, resolved from
/// `manifest_dir`, or the error message the macro reports.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn expand(input: TokenStream2, manifest_dir: &Path) -> Result<TokenStream2, String> {
    expand_spanned(input, manifest_dir).map_err(|e| e.to_string())
}

/// [`expand`], keeping spans: mistakes in the macro's arguments point at the argument;
/// problems in the spec point at the whole call.
fn expand_spanned(input: TokenStream2, manifest_dir: &Path) -> syn::Result<TokenStream2> {
    let args: Args = syn::parse2(input)?;
    let rel = args.path.value();
    let at_call = |msg: String| syn::Error::new(Span::call_site(), msg);

    let mut builder = specbind::Builder::new();
    builder
        .spec(&rel)
        .cargo_metadata(false)
        .client(args.client.unwrap_or(true));
    if let Some(ops) = &args.operations {
        builder.operations(ops.iter().cloned());
    }
    for d in &args.extra_derives {
        builder.extra_derive(d.clone());
    }

    // A proc macro's working directory is wherever rustc runs: read the spec from the
    // calling crate's directory, while diagnostics name it as written.
    let abs = manifest_dir.join(&rel);
    let files = builder.base_dir(manifest_dir).render().map_err(|e| {
        let mut msg = e.to_string();
        if matches!(e, specbind::Error::Io { .. }) {
            msg.push_str(&format!(
                "\n  hint: the path is relative to the calling crate's CARGO_MANIFEST_DIR ({})",
                manifest_dir.display()
            ));
        }
        at_call(msg)
    })?;
    if files.is_empty() {
        return Err(at_call(format!("{rel}: no operation selected")));
    }

    let mut items = TokenStream2::new();
    for file in &files {
        let tokens: TokenStream2 = file.contents.parse().map_err(|e| {
            at_call(format!(
                "internal error (a bug in specbind): generated code for {rel} does not lex: {e}"
            ))
        })?;
        items.extend(tokens);
    }

    // Makes the spec part of the calling crate's inputs, so editing it rebuilds the crate.
    let abs_str = abs.to_str().ok_or_else(|| {
        at_call(format!(
            "{}: the spec path is not valid UTF-8",
            abs.display()
        ))
    })?;
    let abs_lit = LitStr::new(abs_str, Span::call_site());
    Ok(quote! {
        const _: &[u8] = ::core::include_bytes!(#abs_lit);
        #items
    })
}

/// `"path"` followed by optional `, key = value` pairs and an optional trailing comma.
struct Args {
    path: LitStr,
    operations: Option<Vec<String>>,
    client: Option<bool>,
    extra_derives: Vec<String>,
}

const OPTIONS: &str =
    "`operations = [\"Name\", ..]`, `client = true|false`, `extra_derives = [\"Path\", ..]`";

impl Parse for Args {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        if input.is_empty() {
            return Err(input.error(
                "include_spec! needs a spec path, e.g. include_spec!(\"spec/service.yaml\")",
            ));
        }
        let path: LitStr = input.parse().map_err(|e| {
            syn::Error::new(
                e.span(),
                "expected the spec path as a string literal, e.g. \"spec/service.yaml\"",
            )
        })?;
        if path.value().is_empty() {
            return Err(syn::Error::new(path.span(), "the spec path is empty"));
        }
        let mut args = Args {
            path,
            operations: None,
            client: None,
            extra_derives: Vec::new(),
        };
        let mut derives_seen = false;
        while !input.is_empty() {
            input.parse::<Token![,]>()?;
            if input.is_empty() {
                break;
            }
            let key: syn::Ident = input
                .parse()
                .map_err(|e| syn::Error::new(e.span(), format!("expected an option: {OPTIONS}")))?;
            input.parse::<Token![=]>()?;
            let duplicate = || syn::Error::new(key.span(), format!("`{key}` is given twice"));
            match key.to_string().as_str() {
                "operations" => {
                    if args.operations.is_some() {
                        return Err(duplicate());
                    }
                    let content;
                    let brackets = syn::bracketed!(content in input);
                    let names = Punctuated::<LitStr, Token![,]>::parse_terminated(&content)?;
                    if names.is_empty() {
                        return Err(syn::Error::new(
                            brackets.span.join(),
                            "`operations` is empty: name at least one operation, or leave the option out for all",
                        ));
                    }
                    args.operations = Some(names.iter().map(LitStr::value).collect());
                }
                "client" => {
                    if args.client.is_some() {
                        return Err(duplicate());
                    }
                    let b: LitBool = input.parse()?;
                    args.client = Some(b.value());
                }
                "extra_derives" => {
                    if derives_seen {
                        return Err(duplicate());
                    }
                    derives_seen = true;
                    let content;
                    syn::bracketed!(content in input);
                    let derives = Punctuated::<Derive, Token![,]>::parse_terminated(&content)?;
                    args.extra_derives = derives.into_iter().map(|d| d.0).collect();
                }
                other => {
                    return Err(syn::Error::new(
                        key.span(),
                        format!("unknown option `{other}`; expected one of {OPTIONS}"),
                    ));
                }
            }
        }
        Ok(args)
    }
}

/// A derive path, written as a string (`"Eq"`, as `Builder::extra_derive` takes it) or
/// bare (`Eq`, `::schemars::JsonSchema`); checked here so a typo is an error rather than
/// a derive silently left out.
struct Derive(String);

impl Parse for Derive {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        if input.peek(LitStr) {
            let lit: LitStr = input.parse()?;
            let path: syn::Path = syn::parse_str(&lit.value()).map_err(|_| {
                syn::Error::new(
                    lit.span(),
                    format!("`{}` is not a derive path", lit.value()),
                )
            })?;
            Ok(Derive(path.to_token_stream().to_string()))
        } else {
            let path: syn::Path = input.parse()?;
            Ok(Derive(path.to_token_stream().to_string()))
        }
    }
}
