//! The one place that turns wire names into Rust names.
//!
//! heck does the case conversion; this module then makes the result a legal Rust
//! identifier: `r#` for keywords, a `_` suffix where `r#` is not allowed (`self`,
//! `super`, `crate`, `Self`), and a leading `_` (fields) or `V`/`T` (variants/types)
//! for names that start with a digit.

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

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

/// Field, parameter, method and module names: `snake_case`.
///
/// `MaxResults` → `max_results`, `type` → `r#type`, `self` → `self_`, `2FA` → `_2fa`.
pub fn field_name(wire: &str) -> String {
    let base = wire.to_snake_case();
    escape_value_ident(base)
}

/// Method names for operations: `ListTasks` → `list_tasks`.
pub fn method_name(wire: &str) -> String {
    field_name(wire)
}

/// Type names (models, enums, requests): `UpperCamelCase`.
///
/// `task_info` → `TaskInfo`, `2fa-mode` → `T2faMode`, `Self` → `Self_`.
pub fn type_name(wire: &str) -> String {
    let base = wire.to_upper_camel_case();
    escape_type_ident(base, "T")
}

/// Enum variant names: `RD-Account` → `RdAccount`, `1Day` → `V1Day`.
pub fn variant_name(wire: &str) -> String {
    let base = wire.to_upper_camel_case();
    escape_type_ident(base, "V")
}

/// Constant names for error codes: `FailedOperation.IdentityCenterNotOpen` →
/// `FAILED_OPERATION_IDENTITY_CENTER_NOT_OPEN`.
pub fn const_name(wire: &str) -> String {
    let base = wire.to_shouty_snake_case();
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
    if NO_RAW.contains(&base.as_str()) {
        return format!("{base}_");
    }
    if RAW_OK.contains(&base.as_str()) {
        return format!("r#{base}");
    }
    base
}

fn escape_type_ident(base: String, digit_prefix: &str) -> String {
    if base.is_empty() {
        return format!("{digit_prefix}Empty");
    }
    if base.starts_with(|c: char| c.is_ascii_digit()) {
        return format!("{digit_prefix}{base}");
    }
    if NO_RAW.contains(&base.as_str()) {
        return format!("{base}_");
    }
    base
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
        ];
        for (wire, f, want) in cases {
            assert_eq!(f(wire), *want, "{wire}");
        }
    }

    #[test]
    fn module_names() {
        assert!(is_plain_snake_ident("cloudsso"));
        assert!(!is_plain_snake_ident("CloudSSO"));
        assert!(!is_plain_snake_ident("type"));
        assert!(!is_plain_snake_ident("1x"));
    }
}
