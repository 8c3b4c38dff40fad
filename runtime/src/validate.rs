//! Request validation: the rules a spec can state, checked once here.
//!
//! Generated `validate_at` methods create a [`Validator`], call one rule method per
//! constraint in the spec, and finish with [`Validator::finish`]. Every rule records a
//! [`Violation`] instead of returning early, so a caller sees every problem with a
//! request at once.

use std::fmt;
use std::time::{Duration, SystemTime};

/// What kind of rule a [`Violation`] broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Rule {
    /// A required parameter was not set.
    Required,
    /// A number was outside its documented range.
    Range,
    /// A string was shorter or longer than allowed.
    Length,
    /// A string did not start with the documented prefix.
    Prefix,
    /// A string did not match the documented pattern.
    Pattern,
    /// One of two parameters that only work together was set without the other.
    Paired,
    /// A rule that applies only when another parameter has a given value.
    Conditional,
    /// A time filter expression was malformed.
    Format,
    /// A time filter reached further back than allowed.
    TimeWindow,
}

impl Rule {
    /// A short lowercase name for the rule, stable across releases.
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::Required => "required",
            Rule::Range => "range",
            Rule::Length => "length",
            Rule::Prefix => "prefix",
            Rule::Pattern => "pattern",
            Rule::Paired => "paired",
            Rule::Conditional => "conditional",
            Rule::Format => "format",
            Rule::TimeWindow => "time_window",
        }
    }
}

/// One broken rule: which parameter (by wire name), which rule, and a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    parameter: String,
    rule: Rule,
    message: String,
}

impl Violation {
    /// Creates a violation. `message` should say what was expected and what was given.
    pub fn new(parameter: impl Into<String>, rule: Rule, message: impl Into<String>) -> Self {
        Violation {
            parameter: parameter.into(),
            rule,
            message: message.into(),
        }
    }

    /// The parameter's wire name, e.g. `MaxResults`.
    pub fn parameter(&self) -> &str {
        &self.parameter
    }

    /// The rule that was broken.
    pub fn rule(&self) -> Rule {
        self.rule
    }

    /// What was expected and what was given, without the parameter name.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.parameter, self.message)
    }
}

/// Every rule a request broke, in the order the spec states them.
///
/// Its `Display` lists each violation as `Parameter: message`, separated by `; `,
/// for example `MaxResults: must be between 1 and 20, got 21`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    violations: Vec<Violation>,
}

impl ValidationError {
    /// Builds an error from a non-empty list of violations.
    ///
    /// Returns `None` when `violations` is empty: an error always names at least one.
    pub fn from_violations(violations: Vec<Violation>) -> Option<Self> {
        if violations.is_empty() {
            None
        } else {
            Some(ValidationError { violations })
        }
    }

    /// Every violation, in the order the rules were checked.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// The violations concerning one parameter, by wire name.
    pub fn for_parameter<'a>(&'a self, parameter: &'a str) -> impl Iterator<Item = &'a Violation> {
        self.violations
            .iter()
            .filter(move |v| v.parameter == parameter)
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, v) in self.violations.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            fmt::Display::fmt(v, f)?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationError {}

/// How a time filter parameter is written and how far back it may reach.
///
/// The expression is `<attribute> <operator> <YYYY-MM-DDTHH:mm:SSZ>`, for example
/// `StartTime ge 2021-03-15T01:12:23Z`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeFilter {
    /// The attribute the filter compares, e.g. `StartTime`.
    pub attribute: &'static str,
    /// The operators the service accepts, e.g. `["ge"]`.
    pub operators: &'static [&'static str],
    /// Whether attribute, operator and timestamp letters may be in any case.
    pub case_insensitive: bool,
    /// How far before now the timestamp may lie; `None` for no limit.
    pub max_age: Option<Duration>,
}

impl TimeFilter {
    /// The documented form, e.g. `StartTime ge YYYY-MM-DDTHH:mm:SSZ`.
    pub fn form(&self) -> String {
        format!(
            "{} {} YYYY-MM-DDTHH:mm:SSZ",
            self.attribute,
            self.operators.join("|")
        )
    }

    /// Parses `expr` into the instant it names, or explains why it is malformed.
    pub fn parse(&self, expr: &str) -> Result<SystemTime, String> {
        let malformed = || format!("must have the form `{}`, got `{}`", self.form(), expr);
        let mut parts = expr.split_whitespace();
        let (Some(attr), Some(op), Some(ts), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(malformed());
        };
        let same = |a: &str, b: &str| {
            if self.case_insensitive {
                a.eq_ignore_ascii_case(b)
            } else {
                a == b
            }
        };
        if !same(attr, self.attribute) || !self.operators.iter().any(|o| same(op, o)) {
            return Err(malformed());
        }
        let ts = if self.case_insensitive {
            ts.to_ascii_uppercase()
        } else {
            ts.to_owned()
        };
        parse_utc_seconds(&ts).ok_or_else(malformed)
    }
}

/// Parses exactly `YYYY-MM-DDTHH:mm:SSZ` (no fraction, no offset) into a `SystemTime`.
pub fn parse_utc_seconds(s: &str) -> Option<SystemTime> {
    let b = s.as_bytes();
    let shape_ok = b.len() == 20
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b'T',
            13 | 16 => *c == b':',
            19 => *c == b'Z',
            _ => c.is_ascii_digit(),
        });
    if !shape_ok {
        return None;
    }
    // The shape is fixed above; jiff checks that the date and time exist.
    let ts: jiff::Timestamp = s.parse().ok()?;
    Some(crate::types::to_system_time(ts))
}

/// Collects violations while a request is checked; see the module docs.
#[derive(Debug, Default)]
pub struct Validator {
    violations: Vec<Violation>,
    /// Parameters whose values must not appear in messages.
    secrets: Vec<&'static str>,
}

impl Validator {
    /// Starts with no violations.
    pub fn new() -> Self {
        Self::default()
    }

    /// Marks `parameter` as a secret: violations that concern it say what was
    /// expected but never echo the value given. Call it before the rules.
    pub fn secret(&mut self, parameter: &'static str) {
        self.secrets.push(parameter);
    }

    /// Records a violation found by a caller's own rule.
    pub fn push(&mut self, mut violation: Violation) {
        if self.secrets.contains(&violation.parameter.as_str()) {
            // Every message that shows a value shows it after ", got "; a format
            // error from a time filter may quote it anywhere, so it says less.
            violation.message = match violation.message.find(", got ") {
                Some(at) => format!("{} (value redacted)", &violation.message[..at]),
                None if violation.rule == Rule::Format => "is malformed (value redacted)".into(),
                None => violation.message,
            };
        }
        self.violations.push(violation);
    }

    /// `parameter` must be set.
    pub fn required(&mut self, parameter: &str, is_set: bool) {
        if !is_set {
            self.push(Violation::new(parameter, Rule::Required, "is required"));
        }
    }

    /// A number, when set, must lie within `min..=max` (either bound may be absent).
    pub fn range(
        &mut self,
        parameter: &str,
        value: Option<i128>,
        min: Option<i128>,
        max: Option<i128>,
    ) {
        let Some(v) = value else { return };
        let below = min.is_some_and(|m| v < m);
        let above = max.is_some_and(|m| v > m);
        if below || above {
            self.out_of_range(parameter, v, min, max);
        }
    }

    /// A floating-point number, when set, must lie within `min..=max`; NaN never does.
    pub fn range_f64(
        &mut self,
        parameter: &str,
        value: Option<f64>,
        min: Option<i128>,
        max: Option<i128>,
    ) {
        let Some(v) = value else { return };
        // Bounds come from specs as integers; i128 → f64 rounds only beyond 2^53.
        let below = v.is_nan() || min.is_some_and(|m| v < m as f64);
        let above = max.is_some_and(|m| v > m as f64);
        if below || above {
            self.out_of_range(parameter, v, min, max);
        }
    }

    /// Reports `v` outside `min..=max` (NaN outside any bounds).
    fn out_of_range(
        &mut self,
        parameter: &str,
        v: impl std::fmt::Display,
        min: Option<i128>,
        max: Option<i128>,
    ) {
        let msg = match (min, max) {
            (Some(lo), Some(hi)) => format!("must be between {lo} and {hi}, got {v}"),
            (Some(lo), None) => format!("must be at least {lo}, got {v}"),
            (None, Some(hi)) => format!("must be at most {hi}, got {v}"),
            (None, None) => format!("must be a number, got {v}"),
        };
        self.push(Violation::new(parameter, Rule::Range, msg));
    }

    /// A string, when set, must have `min..=max` characters (either bound may be absent).
    pub fn length(
        &mut self,
        parameter: &str,
        value: Option<&str>,
        min: Option<usize>,
        max: Option<usize>,
    ) {
        let Some(v) = value else { return };
        let n = v.chars().count();
        if min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m) {
            let msg = match (min, max) {
                (Some(lo), Some(hi)) => {
                    format!("must be between {lo} and {hi} characters long, got {n}")
                }
                (Some(lo), None) => format!("must be at least {lo} characters long, got {n}"),
                (None, Some(hi)) => format!("must be at most {hi} characters long, got {n}"),
                (None, None) => unreachable!("a bound was crossed, so one exists"),
            };
            self.push(Violation::new(parameter, Rule::Length, msg));
        }
    }

    /// A string, when set, must start with `prefix`.
    pub fn prefix(&mut self, parameter: &str, value: Option<&str>, prefix: &str) {
        if let Some(v) = value
            && !v.starts_with(prefix)
        {
            self.push(Violation::new(
                parameter,
                Rule::Prefix,
                format!("must start with `{prefix}`, got `{v}`"),
            ));
        }
    }

    /// A string, when set, must match the regular expression `pattern` (anchored by
    /// the spec author where a full match is meant).
    pub fn pattern(&mut self, parameter: &str, value: Option<&str>, pattern: &'static str) {
        let Some(v) = value else { return };
        if !cached_regex(pattern).is_match(v) {
            self.push(Violation::new(
                parameter,
                Rule::Pattern,
                format!("must match `{pattern}`, got `{v}`"),
            ));
        }
    }

    /// Two parameters that only act together: both set or neither.
    pub fn paired(&mut self, a: (&str, bool), b: (&str, bool)) {
        let (missing, present) = match (a.1, b.1) {
            (true, false) => (b.0, a.0),
            (false, true) => (a.0, b.0),
            _ => return,
        };
        self.push(Violation::new(
            missing,
            Rule::Paired,
            format!("must be set together with {present} (set both or neither), but only {present} is set"),
        ));
    }

    /// When `condition` (described as e.g. `PrincipalType is User`) holds, the string
    /// `value` must start with `prefix`.
    pub fn prefix_when(
        &mut self,
        condition: bool,
        described: &str,
        parameter: &str,
        value: Option<&str>,
        prefix: &str,
    ) {
        if !condition {
            return;
        }
        match value {
            Some(v) if v.starts_with(prefix) => {}
            Some(v) => self.push(Violation::new(
                parameter,
                Rule::Conditional,
                format!("must start with `{prefix}` when {described}, got `{v}`"),
            )),
            None => {}
        }
    }

    /// When `condition` holds, the string `value` must match `pattern`.
    pub fn pattern_when(
        &mut self,
        condition: bool,
        described: &str,
        parameter: &str,
        value: Option<&str>,
        pattern: &'static str,
    ) {
        if !condition {
            return;
        }
        if let Some(v) = value
            && !cached_regex(pattern).is_match(v)
        {
            self.push(Violation::new(
                parameter,
                Rule::Conditional,
                format!("must match `{pattern}` when {described}, got `{v}`"),
            ));
        }
    }

    /// When `condition` holds, `parameter` must be set.
    pub fn required_when(
        &mut self,
        condition: bool,
        described: &str,
        parameter: &str,
        is_set: bool,
    ) {
        if condition && !is_set {
            self.push(Violation::new(
                parameter,
                Rule::Conditional,
                format!("is required when {described}"),
            ));
        }
    }

    /// A time filter expression, when set, must have the documented form and lie no
    /// further before `now` than the filter's `max_age`.
    pub fn time_filter(
        &mut self,
        parameter: &str,
        value: Option<&str>,
        filter: &TimeFilter,
        now: SystemTime,
    ) {
        let Some(v) = value else { return };
        match filter.parse(v) {
            Err(msg) => self.push(Violation::new(parameter, Rule::Format, msg)),
            Ok(at) => {
                let Some(max_age) = filter.max_age else {
                    return;
                };
                let too_old = now.duration_since(at).is_ok_and(|age| age > max_age);
                if too_old {
                    self.push(Violation::new(
                        parameter,
                        Rule::TimeWindow,
                        format!(
                            "{} must be at most {} before now, got `{v}`",
                            filter.attribute,
                            describe_duration(max_age)
                        ),
                    ));
                }
            }
        }
    }

    /// `Ok(())` when no rule was broken, else every violation.
    pub fn finish(self) -> Result<(), ValidationError> {
        match ValidationError::from_violations(self.violations) {
            None => Ok(()),
            Some(e) => Err(e),
        }
    }
}

/// Unwraps a required parameter a builder has already checked with
/// [`Validator::required`]; if it is somehow unset, reports it rather than panicking.
pub fn take<T>(value: Option<T>, parameter: &str) -> Result<T, ValidationError> {
    value.ok_or_else(|| ValidationError {
        violations: vec![Violation::new(parameter, Rule::Required, "is required")],
    })
}

fn describe_duration(d: Duration) -> String {
    let s = d.as_secs();
    match s {
        _ if s.is_multiple_of(86_400) => plural(s / 86_400, "day"),
        _ if s.is_multiple_of(3_600) => plural(s / 3_600, "hour"),
        _ if s.is_multiple_of(60) => plural(s / 60, "minute"),
        _ => plural(s, "second"),
    }
}

fn plural(n: u64, unit: &str) -> String {
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

/// Compiled patterns, keyed by their (static) source, so each compiles once per process.
fn cached_regex(pattern: &'static str) -> regex::Regex {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    static CACHE: OnceLock<Mutex<HashMap<&'static str, regex::Regex>>> = OnceLock::new();
    let mut cache = CACHE
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    cache
        .entry(pattern)
        .or_insert_with(|| {
            // The generator compiles every pattern before emitting it, so a bad one here
            // means generated code was edited by hand: match nothing rather than panic.
            regex::Regex::new(pattern)
                .unwrap_or_else(|_| regex::Regex::new("[^\\s\\S]").expect("valid"))
        })
        .clone()
}

#[cfg(test)]
mod tests {
    #[test]
    fn secrets_are_not_echoed() {
        let mut v = Validator::new();
        v.secret("Password");
        v.prefix("Password", Some("hunter2"), "p-");
        v.length("Password", Some("hunter2"), Some(10), None);
        v.prefix("Name", Some("bob"), "u-");
        let e = v.finish().unwrap_err().to_string();
        assert!(!e.contains("hunter2"), "{e}");
        assert!(
            e.contains("Password: must start with `p-` (value redacted)"),
            "{e}"
        );
        assert!(e.contains("Name: must start with `u-`, got `bob`"), "{e}");
    }

    use super::*;

    const FILTER: TimeFilter = TimeFilter {
        attribute: "StartTime",
        operators: &["ge"],
        case_insensitive: true,
        max_age: Some(Duration::from_secs(7 * 86_400)),
    };

    fn at(s: &str) -> SystemTime {
        parse_utc_seconds(s).unwrap()
    }

    #[test]
    fn range_messages_name_bounds_and_value() {
        let mut v = Validator::new();
        v.range("MaxResults", Some(21), Some(1), Some(20));
        v.range("MaxResults", Some(0), Some(1), None);
        v.range("MaxResults", Some(5), None, Some(3));
        v.range("MaxResults", Some(10), Some(1), Some(20));
        v.range("MaxResults", None, Some(1), Some(20));
        let e = v.finish().unwrap_err();
        assert_eq!(
            e.to_string(),
            "MaxResults: must be between 1 and 20, got 21; MaxResults: must be at least 1, got 0; \
             MaxResults: must be at most 3, got 5"
        );
        assert!(e.violations().iter().all(|v| v.rule() == Rule::Range));
    }

    #[test]
    fn paired_names_the_missing_parameter() {
        let mut v = Validator::new();
        v.paired(("TargetId", true), ("TargetType", false));
        v.paired(("PrincipalId", false), ("PrincipalType", true));
        v.paired(("A", true), ("B", true));
        v.paired(("C", false), ("D", false));
        let e = v.finish().unwrap_err();
        let names: Vec<_> = e.violations().iter().map(|v| v.parameter()).collect();
        assert_eq!(names, ["TargetType", "PrincipalId"]);
        assert!(
            e.to_string()
                .contains("TargetType: must be set together with TargetId")
        );
    }

    #[test]
    fn conditional_prefix_applies_only_when_condition_holds() {
        let mut v = Validator::new();
        v.prefix_when(
            true,
            "PrincipalType is User",
            "PrincipalId",
            Some("g-1"),
            "u-",
        );
        v.prefix_when(
            false,
            "PrincipalType is Group",
            "PrincipalId",
            Some("g-1"),
            "u-",
        );
        v.prefix_when(
            true,
            "PrincipalType is User",
            "PrincipalId",
            Some("u-1"),
            "u-",
        );
        let e = v.finish().unwrap_err();
        assert_eq!(
            e.to_string(),
            "PrincipalId: must start with `u-` when PrincipalType is User, got `g-1`"
        );
    }

    #[test]
    fn time_filter_format_and_window() {
        let now = at("2026-11-23T12:00:00Z");
        let ok = |s: &str| {
            let mut v = Validator::new();
            v.time_filter("Filter", Some(s), &FILTER, now);
            v.finish()
        };
        assert!(ok("StartTime ge 2026-11-20T01:12:23Z").is_ok());
        assert!(
            ok("starttime GE 2026-11-20t01:12:23z").is_ok(),
            "not case-sensitive"
        );
        assert!(
            ok("StartTime ge 2026-11-16T12:00:00Z").is_ok(),
            "exactly 7 days"
        );
        assert!(
            ok("StartTime ge 2026-12-01T00:00:00Z").is_ok(),
            "future is not too old"
        );
        let old = ok("StartTime ge 2026-11-16T11:59:59Z").unwrap_err();
        assert_eq!(old.violations()[0].rule(), Rule::TimeWindow);
        assert!(
            old.to_string()
                .starts_with("Filter: StartTime must be at most 7 days before now")
        );
        for bad in [
            "StartTime ge 2026-11-20",
            "StartTime gt 2026-11-20T01:12:23Z",
            "EndTime ge 2026-11-20T01:12:23Z",
            "StartTime ge 2026-11-20T01:12:23Z extra",
            "StartTime ge 2026-02-30T01:12:23Z",
            "StartTime ge 2026-11-20T01:12:23.5Z",
            "",
        ] {
            let e = ok(bad).unwrap_err();
            assert_eq!(e.violations()[0].rule(), Rule::Format, "{bad}");
            assert!(
                e.to_string().contains("StartTime ge YYYY-MM-DDTHH:mm:SSZ"),
                "{bad}"
            );
        }
    }

    #[test]
    fn prefix_pattern_length_required() {
        let mut v = Validator::new();
        v.prefix("DirectoryId", Some("x-1"), "d-");
        v.pattern("TaskId", Some("t-ABC"), "^t-[a-z0-9*]+$");
        v.pattern("TaskId", Some("t-abc"), "^t-[a-z0-9*]+$");
        v.length("Name", Some("abcd"), Some(1), Some(3));
        v.required("ZoneId", false);
        let e = v.finish().unwrap_err();
        let rules: Vec<_> = e.violations().iter().map(|v| v.rule()).collect();
        assert_eq!(
            rules,
            [Rule::Prefix, Rule::Pattern, Rule::Length, Rule::Required]
        );
        assert!(e.to_string().contains("ZoneId: is required"));
        assert_eq!(e.for_parameter("TaskId").count(), 1);
    }
}
