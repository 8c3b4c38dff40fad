//! The one place that turns wire names into Rust names.
//!
//! Every name is first put in Unicode NFKC form, and every character still outside
//! ASCII becomes a word of its own, `U` and its code point in hex (`中` → `U4E2D`), so
//! generated identifiers are always ASCII: no `non_ascii_idents` or confusable-script
//! lints, and names equal after NFC or NFKC (`é` written as one or two code points,
//! full-width `Ａ`) give one Rust name, which `check` reports as a collision.
//!
//! heck then does the case conversion, and the result is made a legal, lint-free Rust
//! identifier, prost style: `r#` for keywords, a `_` suffix where `r#` is not allowed
//! (`self`, `super`, `crate`, `Self`) and for names the generated code already uses
//! ([`RESERVED_METHODS`], [`RESERVED_TYPES`], [`RESERVED_VARIANTS`]), and a leading `_`
//! (fields) or `V`/`T` (variants/types) for names that start with a digit. Renaming,
//! not refusing, keeps every spec importable; the wire name is kept beside the Rust
//! name, so nothing changes on the wire.

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};
use unicode_normalization::UnicodeNormalization;

/// Keywords of Rust 2024 (strict and reserved) that `r#` can escape.
const RAW_OK: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NO_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Method names a field (its builder setter `x`) or an operation (its client method)
/// may not take; such names get a `_` suffix (`new` → `new_`).
///
/// - What the generated code defines itself: requests' `builder`, `validate`,
///   `validate_at`; builders' `build`, `build_at`, `send`, `into_paginator`; clients'
///   `builder`, `from_env`, `send`, `send_validated`, `paginate`, `service`; enums'
///   `as_str`, `is_known` (and `KNOWN`, hence `known`).
/// - Methods of std traits the generated types implement or may implement, which an
///   inherent method would shadow (`x.clone()` would call a setter), and the list of
///   clippy's `should_implement_trait` (a setter `sub(self, v) -> Self` looks like
///   `Sub::sub`; a client method `clone(&self)` like `Clone::clone`).
/// - `new`: a method `new(&self)` trips clippy's `new_ret_no_self`, and `X::new()`
///   reads as a constructor.
pub const RESERVED_METHODS: &[&str] = &[
    // generated
    "as_str",
    "build",
    "build_at",
    "builder",
    "from_env",
    "into_paginator",
    "is_known",
    "known",
    "paginate",
    "send",
    "send_validated",
    "service",
    "validate",
    "validate_at",
    // std traits and clippy's should_implement_trait
    "add",
    "as_mut",
    "as_ref",
    "bitand",
    "bitor",
    "bitxor",
    "borrow",
    "borrow_mut",
    "clone",
    "clone_from",
    "cmp",
    "default",
    "deref",
    "deref_mut",
    "div",
    "drop",
    "eq",
    "fmt",
    "from",
    "from_iter",
    "from_str",
    "hash",
    "index",
    "index_mut",
    "into",
    "into_iter",
    "mul",
    "ne",
    "neg",
    "new",
    "next",
    "not",
    "partial_cmp",
    "rem",
    "shl",
    "shr",
    "sub",
    "to_owned",
    "to_string",
    "try_from",
    "try_into",
    "type_id",
];

/// Type names a model or enum may not take; such names get a `_` suffix
/// (`Result` → `Result_`): the generated module's own items and what it imports, and
/// the std prelude's types and traits, which generated code names unqualified.
pub const RESERVED_TYPES: &[&str] = &[
    // the generated module and what it brings in
    "BuildError",
    "Client",
    "ClientBuilder",
    "Error",
    "ErrorKind",
    "OpenEnum",
    "Operation",
    "Paginated",
    "Paginator",
    "ServiceInfo",
    "UnknownValue",
    "ValidationError",
    // the std prelude, and traits generated code implements or derives
    "AsMut",
    "AsRef",
    "Box",
    "Clone",
    "Copy",
    "Debug",
    "Default",
    "Deserialize",
    "Display",
    "DoubleEndedIterator",
    "Drop",
    "Eq",
    "ExactSizeIterator",
    "Extend",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "FromIterator",
    "FromStr",
    "Hash",
    "Infallible",
    "Into",
    "IntoIterator",
    "Iterator",
    "None",
    "Ok",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Result",
    "Send",
    "Serialize",
    "Sized",
    "Some",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "TryFrom",
    "TryInto",
    "Unpin",
    "Vec",
];

/// Variant names an enum value may not take; such names get a `_` suffix: `Err` is
/// ambiguous with `FromStr::Err` in `Self::Err` (a hard error), and `Unknown` is the
/// variant that holds values the spec does not list.
pub const RESERVED_VARIANTS: &[&str] = &["Err", "Unknown"];

/// How deep `list` types may nest (`list` of `list` of ... of `string`); deeper ones are
/// refused by `check`. No API documented so far nests more than two, and deeper types
/// trip clippy's `type_complexity` in the generated code.
pub const MAX_LIST_DEPTH: usize = 4;

/// `wire` in NFKC form with every character still outside ASCII as a word of its own:
/// `U` and its code point in hex, which heck then cases like any other word.
fn ascii_words(wire: &str) -> String {
    let mut out = String::with_capacity(wire.len());
    for c in wire.nfkc() {
        if c.is_ascii() {
            out.push(c);
        } else {
            out.push_str(&format!(" U{:04X} ", u32::from(c)));
        }
    }
    out
}

/// Field, parameter, method and module names: `snake_case`.
///
/// `MaxResults` → `max_results`, `type` → `r#type`, `self` → `self_`, `2FA` → `_2fa`,
/// `New` → `new_`.
pub fn field_name(wire: &str) -> String {
    let base = ascii_words(wire).to_snake_case();
    escape_value_ident(base)
}

/// Method names for operations: `ListTasks` → `list_tasks`.
pub fn method_name(wire: &str) -> String {
    field_name(wire)
}

/// Type names (models, enums): `UpperCamelCase`.
///
/// `task_info` → `TaskInfo`, `2fa-mode` → `T2faMode`, `Self` → `Self_`,
/// `Result` → `Result_`.
pub fn type_name(wire: &str) -> String {
    let base = ascii_words(wire).to_upper_camel_case();
    escape_type_ident(base, "T", RESERVED_TYPES)
}

/// The builder methods a request parameter with Rust field name `field` gets: the
/// setter, `set_…` and `get_…`. A leading `_` (from a wire name starting with a
/// digit or a separator) is not doubled after `set_`/`get_`, which would trip
/// `non_snake_case`.
pub fn accessor_names(field: &str) -> [String; 3] {
    let bare = field.trim_start_matches("r#");
    let base = bare.trim_start_matches('_');
    [
        bare.to_owned(),
        format!("set_{base}"),
        format!("get_{base}"),
    ]
}

/// The name of a type generated for an operation: its UpperCamelCase name followed by
/// `suffix` (`Request`, `Response`, `RequestBuilder`, `FluentBuilder`).
///
/// Not `type_name(op) + suffix`: a suffix already makes `Self` or `Result` a usable
/// name, and `Self_Request` would trip `non_camel_case_types`.
pub fn operation_type_name(wire: &str, suffix: &str) -> String {
    let base = ascii_words(wire).to_upper_camel_case();
    let base = if base.starts_with(|c: char| c.is_ascii_digit()) {
        format!("T{base}")
    } else {
        base
    };
    if base.is_empty() && suffix.is_empty() {
        return "TEmpty".to_owned();
    }
    format!("{base}{suffix}")
}

/// Enum variant names: `RD-Account` → `RdAccount`, `1Day` → `V1day`, `ERR` → `Err_`.
pub fn variant_name(wire: &str) -> String {
    let base = ascii_words(wire).to_upper_camel_case();
    escape_type_ident(base, "V", RESERVED_VARIANTS)
}

/// Constant names for error codes: `FailedOperation.IdentityCenterNotOpen` →
/// `FAILED_OPERATION_IDENTITY_CENTER_NOT_OPEN`.
pub fn const_name(wire: &str) -> String {
    let base = ascii_words(wire).to_shouty_snake_case();
    if base.is_empty() {
        return "_".to_owned();
    }
    if base.starts_with(|c: char| c.is_ascii_digit()) {
        format!("E_{base}")
    } else if NO_RAW.contains(&base.as_str()) || RAW_OK.contains(&base.as_str()) {
        format!("{base}_")
    } else {
        base
    }
}

fn escape_value_ident(base: String) -> String {
    if base.is_empty() {
        return "_empty".to_owned();
    }
    if base.starts_with(|c: char| c.is_ascii_digit()) {
        return format!("_{base}");
    }
    if NO_RAW.contains(&base.as_str()) || RESERVED_METHODS.contains(&base.as_str()) {
        return format!("{base}_");
    }
    if RAW_OK.contains(&base.as_str()) {
        return format!("r#{base}");
    }
    base
}

fn escape_type_ident(base: String, digit_prefix: &str, reserved: &[&str]) -> String {
    if base.is_empty() {
        return format!("{digit_prefix}Empty");
    }
    if base.starts_with(|c: char| c.is_ascii_digit()) {
        return format!("{digit_prefix}{base}");
    }
    if NO_RAW.contains(&base.as_str()) || reserved.contains(&base.as_str()) {
        return format!("{base}_");
    }
    base
}

/// The first character of `s` that cannot be seen or that changes how text around it
/// is shown: controls, bidirectional controls, zero-width and other format characters.
/// Names must not contain them: two names differing only by one look the same.
pub fn hidden_char(s: &str) -> Option<char> {
    s.chars().find(|&c| {
        c.is_control()
            || matches!(
                c,
                '\u{00AD}'
                    | '\u{034F}'
                    | '\u{061C}'
                    | '\u{115F}'
                    | '\u{1160}'
                    | '\u{17B4}'
                    | '\u{17B5}'
                    | '\u{180B}'..='\u{180F}'
                    | '\u{200B}'..='\u{200F}'
                    | '\u{2028}'..='\u{202E}'
                    | '\u{2060}'..='\u{206F}'
                    | '\u{3164}'
                    | '\u{FE00}'..='\u{FE0F}'
                    | '\u{FEFF}'
                    | '\u{FFA0}'
                    | '\u{FFF0}'..='\u{FFFB}'
                    | '\u{1D173}'..='\u{1D17A}'
                    | '\u{E0000}'..='\u{E0FFF}'
            )
    })
}

/// Whether `s` is already in Unicode NFKC form (then it has no look-alike
/// compatibility characters such as full-width letters or ligatures).
pub fn is_nfkc(s: &str) -> bool {
    unicode_normalization::is_nfkc(s)
}

/// Whether a name is usable as written (used by `check` for module names).
pub fn is_plain_snake_ident(s: &str) -> bool {
    !s.is_empty()
        && s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !RAW_OK.contains(&s)
        && !NO_RAW.contains(&s)
}

#[cfg(test)]
mod tests {
    use super::*;

    type Case = (&'static str, fn(&str) -> String, &'static str);

    #[test]
    fn table() {
        let cases: &[Case] = &[
            ("MaxResults", field_name, "max_results"),
            ("NextToken", field_name, "next_token"),
            ("IsTruncated", field_name, "is_truncated"),
            ("TotalCounts", field_name, "total_counts"),
            ("TargetUin", field_name, "target_uin"),
            ("DirectoryId", field_name, "directory_id"),
            ("type", field_name, "r#type"),
            ("Type", field_name, "r#type"),
            ("match", field_name, "r#match"),
            ("gen", field_name, "r#gen"),
            ("self", field_name, "self_"),
            ("Self", field_name, "self_"),
            ("super", field_name, "super_"),
            ("crate", field_name, "crate_"),
            ("2FA", field_name, "_2fa"),
            ("MFADevices", field_name, "mfa_devices"),
            ("SCIMServerCredential", type_name, "ScimServerCredential"),
            ("task_info", type_name, "TaskInfo"),
            ("Self", type_name, "Self_"),
            ("2fa-mode", type_name, "T2faMode"),
            ("RD-Account", variant_name, "RdAccount"),
            ("InProgress", variant_name, "InProgress"),
            ("ManagerUin", variant_name, "ManagerUin"),
            ("1Day", variant_name, "V1day"),
            ("ListTasks", method_name, "list_tasks"),
            (
                "FailedOperation.IdentityCenterNotOpen",
                const_name,
                "FAILED_OPERATION_IDENTITY_CENTER_NOT_OPEN",
            ),
            (
                "InvalidParameter.NextTokenInvalid",
                const_name,
                "INVALID_PARAMETER_NEXT_TOKEN_INVALID",
            ),
            ("Throttling.User", const_name, "THROTTLING_USER"),
            // names the generated code or clippy already uses get a `_` suffix
            ("New", field_name, "new_"),
            ("new", method_name, "new_"),
            ("Sub", field_name, "sub_"),
            ("Add", method_name, "add_"),
            ("Default", field_name, "default_"),
            ("Clone", method_name, "clone_"),
            ("Known", field_name, "known_"),
            ("Build", field_name, "build_"),
            ("BuildAt", field_name, "build_at_"),
            ("Send", method_name, "send_"),
            ("SendValidated", method_name, "send_validated_"),
            ("IntoPaginator", field_name, "into_paginator_"),
            ("FromStr", method_name, "from_str_"),
            ("IsKnown", field_name, "is_known_"),
            ("Validate", field_name, "validate_"),
            ("NextToken", field_name, "next_token"),
            ("IsTruncated", field_name, "is_truncated"),
            ("SubAccount", field_name, "sub_account"),
            ("Result", type_name, "Result_"),
            ("String", type_name, "String_"),
            ("Client", type_name, "Client_"),
            ("Error", type_name, "Error_"),
            ("ResultSet", type_name, "ResultSet"),
            ("Err", variant_name, "Err_"),
            ("ERR", variant_name, "Err_"),
            ("err", variant_name, "Err_"),
            ("Unknown", variant_name, "Unknown_"),
            ("UNKNOWN", variant_name, "Unknown_"),
            ("Error", variant_name, "Error"),
            ("Self", variant_name, "Self_"),
            ("Known", variant_name, "Known"),
            // non-ASCII: NFKC first, then code points as words
            ("\u{FF2D}ax\u{FF32}esults", field_name, "max_results"),
            ("Caf\u{E9}", field_name, "caf_u00e9"),
            ("Cafe\u{301}", field_name, "caf_u00e9"),
            ("\u{4E2D}\u{56FD}", variant_name, "U4e2dU56fd"),
            ("\u{4E2D}\u{56FD}", field_name, "u4e2d_u56fd"),
            ("M\u{430}xResults", field_name, "m_u0430_x_results"),
            ("\u{FB01}le", type_name, "File"),
            ("\u{FF11}Day", variant_name, "V1day"),
            ("\u{9519}\u{8BEF}.\u{7801}", const_name, "U9519_U8BEF_U7801"),
        ];
        for (wire, f, want) in cases {
            assert_eq!(f(wire), *want, "{wire}");
        }
    }

    #[test]
    fn operation_types() {
        let cases = [
            ("ListTasks", "Request", "ListTasksRequest"),
            ("Self", "Request", "SelfRequest"),
            ("Result", "FluentBuilder", "ResultFluentBuilder"),
            ("2fa", "Response", "T2faResponse"),
            ("get-task", "RequestBuilder", "GetTaskRequestBuilder"),
        ];
        for (wire, suffix, want) in cases {
            assert_eq!(operation_type_name(wire, suffix), want, "{wire}");
        }
    }

    #[test]
    fn every_name_is_an_ascii_identifier() {
        let hostile = [
            "",
            "_",
            "-",
            "0",
            "self",
            "Self",
            "r#type",
            "type",
            "\u{200B}",
            "\u{202E}abc",
            "\u{4E2D}",
            "e\u{301}",
            "\u{1F600}",
            "a b",
            "__",
            "9lives",
            "Err",
            "Unknown",
        ];
        for w in hostile {
            for (what, rust) in [
                ("field", field_name(w)),
                ("type", type_name(w)),
                ("variant", variant_name(w)),
                ("op", operation_type_name(w, "Request")),
            ] {
                assert!(rust.is_ascii(), "{what} {w:?} -> {rust}");
                assert!(
                    syn::parse_str::<syn::Ident>(&rust).is_ok(),
                    "{what} {w:?} -> {rust}"
                );
            }
        }
    }

    #[test]
    fn hidden_characters() {
        assert_eq!(hidden_char("Max\u{200B}Results"), Some('\u{200B}'));
        assert_eq!(hidden_char("abc\u{202E}"), Some('\u{202E}'));
        assert_eq!(hidden_char("a\rb"), Some('\r'));
        assert_eq!(hidden_char("\u{4E2D}\u{56FD} (HK)"), None);
        assert!(is_nfkc("MaxResults"));
        assert!(!is_nfkc("\u{FF2D}ax"));
        assert!(!is_nfkc("e\u{301}"));
    }

    #[test]
    fn module_names() {
        assert!(is_plain_snake_ident("cloudsso"));
        assert!(!is_plain_snake_ident("CloudSSO"));
        assert!(!is_plain_snake_ident("type"));
        assert!(!is_plain_snake_ident("1x"));
    }
}
