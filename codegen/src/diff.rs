//! `specbind diff`: what a change of the specs does to code that uses the generated
//! crate.
//!
//! Both sides are loaded and checked like `generate` does ([`crate::load_service`]),
//! and the resolved [`model`](crate::model) of each service is compared: the model is
//! what the generator emits from, so the Rust names and stored types the verdicts rest
//! on are exactly those of the generated code (the stored type of a field comes from
//! [`crate::emit`] itself). Nothing here destructures the spec or model types
//! exhaustively, so a new spec key is simply not reported until a rule for it is added.
//!
//! Services are matched by provider and module name; operations by wire name; models
//! and enums by their name in the spec, then, for those left over, by Rust name (a model
//! the vendor renamed while a `rust_name` keeps its Rust name); fields, parameters and
//! enum values by wire name.
//!
//! The verdicts follow the compatibility promise (docs/compatibility.md): a change that
//! any public type shows is breaking exactly when cargo-semver-checks judges the
//! regenerated crate a major change (tools/diff-semver.sh shows they agree); a change no
//! type shows is breaking when a request that passed validation before is refused now
//! (breaking *behaviour*). Documentation (descriptions, examples, titles, provenance) is
//! not reported: it changes no type and no validation.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Serialize;

use crate::error::{Diagnostic, Error, Pos};
use crate::model::{Cross, CrossRule, Field, FieldRule, Operation, Service, Struct, Type};

// ---------------------------------------------------------------------------
// The report
// ---------------------------------------------------------------------------

/// What changed. The JSON spelling is the snake_case name ([`Kind::as_str`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Kind {
    /// A service (provider and module) appears.
    ServiceAdded,
    /// A service disappears: its module and cargo feature are gone.
    ServiceRemoved,
    /// Endpoint, API version, product code or rate limit changed.
    ServiceChanged,
    /// A new operation.
    OperationAdded,
    /// An operation is gone.
    OperationRemoved,
    /// An operation is now marked deprecated.
    OperationDeprecated,
    /// Retry safety (read-only, idempotent), deprecation lifted, or a wire detail the
    /// client handles (HTTP method, where or how a parameter is sent).
    OperationChanged,
    /// A new optional request parameter.
    RequestParamAddedOptional,
    /// A new required request parameter: requests without it are refused.
    RequestParamAddedRequired,
    /// A request parameter is gone.
    RequestParamRemoved,
    /// An optional request parameter becomes required.
    RequestParamBecameRequired,
    /// A required request parameter becomes optional.
    RequestParamBecameOptional,
    /// A new response field (`operation` set) or model field (`model` set).
    FieldAdded,
    /// A response or model field is gone.
    FieldRemoved,
    /// A response or model field is now always present.
    FieldBecameRequired,
    /// A response or model field may now be absent.
    FieldBecameOptional,
    /// A parameter or field is newly marked deprecated.
    FieldDeprecated,
    /// A parameter's or field's Rust type changed.
    TypeChanged,
    /// The Rust name of an operation, field, model, enum or enum value changed while
    /// its wire name stayed.
    RustNameChanged,
    /// A new model.
    ModelAdded,
    /// A model is gone.
    ModelRemoved,
    /// A model's spec name changed while its Rust name stayed.
    ModelRenamed,
    /// A new enum.
    EnumAdded,
    /// An enum is gone.
    EnumRemoved,
    /// A new enum value.
    EnumValueAdded,
    /// An enum value is gone.
    EnumValueRemoved,
    /// A numeric range or a length range admits fewer values (or now exists).
    RangeNarrowed,
    /// A numeric range or a length range admits more values (or is gone).
    RangeWidened,
    /// A new rule: prefix, pattern, time filter or a multi-parameter constraint.
    ConstraintAdded,
    /// A rule is gone.
    ConstraintRemoved,
    /// A rule changed; breaking unless the new rule accepts everything the old did.
    ConstraintChanged,
    /// An operation becomes paginated.
    PaginationAdded,
    /// An operation is no longer paginated.
    PaginationRemoved,
    /// The pagination fields changed.
    PaginationChanged,
    /// A new documented error code.
    ErrorAdded,
    /// An operation no longer documents an error code.
    ErrorRemoved,
    /// The documented service-side default of a request parameter changed.
    DefaultChanged,
    /// A field became, or stopped being, a secret (redacted in `Debug`).
    SensitiveChanged,
}

impl Kind {
    /// The snake_case name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::ServiceAdded => "service_added",
            Kind::ServiceRemoved => "service_removed",
            Kind::ServiceChanged => "service_changed",
            Kind::OperationAdded => "operation_added",
            Kind::OperationRemoved => "operation_removed",
            Kind::OperationDeprecated => "operation_deprecated",
            Kind::OperationChanged => "operation_changed",
            Kind::RequestParamAddedOptional => "request_param_added_optional",
            Kind::RequestParamAddedRequired => "request_param_added_required",
            Kind::RequestParamRemoved => "request_param_removed",
            Kind::RequestParamBecameRequired => "request_param_became_required",
            Kind::RequestParamBecameOptional => "request_param_became_optional",
            Kind::FieldAdded => "field_added",
            Kind::FieldRemoved => "field_removed",
            Kind::FieldBecameRequired => "field_became_required",
            Kind::FieldBecameOptional => "field_became_optional",
            Kind::FieldDeprecated => "field_deprecated",
            Kind::TypeChanged => "type_changed",
            Kind::RustNameChanged => "rust_name_changed",
            Kind::ModelAdded => "model_added",
            Kind::ModelRemoved => "model_removed",
            Kind::ModelRenamed => "model_renamed",
            Kind::EnumAdded => "enum_added",
            Kind::EnumRemoved => "enum_removed",
            Kind::EnumValueAdded => "enum_value_added",
            Kind::EnumValueRemoved => "enum_value_removed",
            Kind::RangeNarrowed => "range_narrowed",
            Kind::RangeWidened => "range_widened",
            Kind::ConstraintAdded => "constraint_added",
            Kind::ConstraintRemoved => "constraint_removed",
            Kind::ConstraintChanged => "constraint_changed",
            Kind::PaginationAdded => "pagination_added",
            Kind::PaginationRemoved => "pagination_removed",
            Kind::PaginationChanged => "pagination_changed",
            Kind::ErrorAdded => "error_added",
            Kind::ErrorRemoved => "error_removed",
            Kind::DefaultChanged => "default_changed",
            Kind::SensitiveChanged => "sensitive_changed",
        }
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a change breaks code that uses the generated crate, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Impact {
    /// Breaks code that compiled before: cargo-semver-checks (or, for a changed type,
    /// the compiler) sees it.
    Breaking,
    /// No type shows it, but a request valid before is refused now.
    BreakingBehaviour,
    /// Breaks nothing.
    Compatible,
}

impl Impact {
    /// Breaking in either way.
    pub fn is_breaking(self) -> bool {
        self != Impact::Compatible
    }

    fn label(self) -> &'static str {
        match self {
            Impact::Breaking => "breaking",
            Impact::BreakingBehaviour => "breaking (behaviour)",
            Impact::Compatible => "compatible",
        }
    }
}

/// One change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// What changed.
    pub kind: Kind,
    /// The operation a request parameter or response field belongs to, or the
    /// operation added, removed or changed.
    pub operation: Option<String>,
    /// The model (or enum) a field or value belongs to, or the one added or removed.
    pub model: Option<String>,
    /// The wire name of the parameter, field, enum value or error code.
    pub name: Option<String>,
    /// Whether code using the generated crate breaks (either way).
    pub breaking: bool,
    /// What changed, in words.
    pub detail: String,
    /// `provider/module` of the service.
    #[serde(skip)]
    pub service: String,
    /// How it breaks, if it does.
    #[serde(skip)]
    pub impact: Impact,
}

/// Every change between two sets of specs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Ordered by service, then operations, types and service-wide changes, breaking
    /// changes first within each.
    pub changes: Vec<Change>,
}

impl Report {
    /// How many changes break code that uses the generated crate.
    pub fn breaking(&self) -> usize {
        self.changes.iter().filter(|c| c.breaking).count()
    }

    /// How many changes break nothing.
    pub fn compatible(&self) -> usize {
        self.changes.len() - self.breaking()
    }

    /// Whether anything breaks.
    pub fn is_breaking(&self) -> bool {
        self.changes.iter().any(|c| c.breaking)
    }

    fn services(&self) -> BTreeSet<&str> {
        self.changes.iter().map(|c| c.service.as_str()).collect()
    }

    /// `{"breaking": N, "compatible": M, "changes": [{"kind", "operation", "model",
    /// "name", "breaking", "detail"}]}`, pretty-printed. When the report covers more than
    /// one service, each detail starts with `provider/module: `.
    pub fn to_json(&self) -> String {
        #[derive(Serialize)]
        struct Json {
            breaking: usize,
            compatible: usize,
            changes: Vec<Change>,
        }
        let many = self.services().len() > 1;
        let changes = self
            .changes
            .iter()
            .map(|c| {
                let mut c = c.clone();
                if many {
                    c.detail = format!("{}: {}", c.service, c.detail);
                }
                c
            })
            .collect();
        let json = Json {
            breaking: self.breaking(),
            compatible: self.compatible(),
            changes,
        };
        let mut out = serde_json::to_string_pretty(&json).unwrap_or_default();
        out.push('\n');
        out
    }

    /// For a terminal or a pull request: per service, one group per operation, type and
    /// the service itself, groups with breaking changes first and breaking changes first
    /// within each.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        if self.changes.is_empty() {
            out.push_str("No changes to operations, parameters, fields, models or enums.\n");
            return out;
        }
        for (service, groups) in self.grouped() {
            let (b, c) = count(groups.iter().flat_map(|(_, v)| v.iter().copied()));
            let _ = writeln!(out, "{service}: {b} breaking, {c} compatible");
            let width = groups
                .iter()
                .flat_map(|(_, v)| v.iter().map(|c| c.kind.as_str().len()))
                .max()
                .unwrap_or(0);
            for (group, changes) in groups {
                let _ = writeln!(out, "\n  {}", group.heading());
                for c in changes {
                    let _ = writeln!(
                        out,
                        "    {:<20}  {:<width$}  {}",
                        c.impact.label(),
                        c.kind.as_str(),
                        c.detail
                    );
                }
            }
            out.push('\n');
        }
        let _ = writeln!(
            out,
            "{} breaking, {} compatible: {}",
            self.breaking(),
            self.compatible(),
            if self.is_breaking() {
                "code using the generated crate breaks (a major release)"
            } else {
                "nothing breaks (a minor release)"
            }
        );
        out
    }

    /// A changelog section for release notes: breaking changes, then compatible ones.
    pub fn to_markdown(&self) -> String {
        let mut out = String::from("## API changes\n\n");
        if self.changes.is_empty() {
            out.push_str("No changes to operations, parameters, fields, models or enums.\n");
            return out;
        }
        let _ = writeln!(
            out,
            "{} breaking, {} compatible.\n",
            self.breaking(),
            self.compatible()
        );
        let many = self.services().len() > 1;
        for (title, breaking) in [("Breaking changes", true), ("Compatible changes", false)] {
            let mut section: Vec<&Change> = Vec::new();
            for (_, groups) in self.grouped() {
                for (_, changes) in groups {
                    section.extend(changes.into_iter().filter(|c| c.breaking == breaking));
                }
            }
            if section.is_empty() {
                continue;
            }
            let _ = writeln!(out, "### {title}\n");
            for c in section {
                let mut subject = Vec::new();
                if many {
                    subject.push(crate::code_span(&c.service));
                }
                if let Some(o) = &c.operation {
                    subject.push(format!("**{}**", crate::code_span(o)));
                }
                if let Some(m) = &c.model {
                    subject.push(format!("**{}**", crate::code_span(m)));
                }
                let subject = if subject.is_empty() {
                    String::new()
                } else {
                    format!("{}: ", subject.join(" "))
                };
                let behaviour = if c.impact == Impact::BreakingBehaviour {
                    " (behaviour)"
                } else {
                    ""
                };
                let _ = writeln!(
                    out,
                    "- {subject}{} ({}{behaviour})",
                    c.detail,
                    crate::code_span(c.kind.as_str())
                );
            }
            out.push('\n');
        }
        out
    }

    /// Changes by service, then by group, groups holding breaking changes first.
    fn grouped(&self) -> Vec<(&str, Groups<'_>)> {
        let mut by_service: BTreeMap<&str, BTreeMap<Group<'_>, Vec<&Change>>> = BTreeMap::new();
        for c in &self.changes {
            by_service
                .entry(&c.service)
                .or_default()
                .entry(Group::of(c))
                .or_default()
                .push(c);
        }
        by_service
            .into_iter()
            .map(|(s, groups)| {
                let mut groups: Vec<_> = groups.into_iter().collect();
                // Stable: keeps the group order within each class.
                groups.sort_by_key(|(_, v)| !v.iter().any(|c| c.breaking));
                for (_, v) in &mut groups {
                    v.sort_by_key(|c| (c.impact, c.kind));
                }
                (s, groups)
            })
            .collect()
    }
}

fn count<'a>(changes: impl Iterator<Item = &'a Change>) -> (usize, usize) {
    changes.fold(
        (0, 0),
        |(b, c), ch| {
            if ch.breaking { (b + 1, c) } else { (b, c + 1) }
        },
    )
}

/// One service's changes by group.
type Groups<'a> = Vec<(Group<'a>, Vec<&'a Change>)>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Group<'a> {
    Service,
    Operation(&'a str),
    Type(&'a str),
}

impl<'a> Group<'a> {
    fn of(c: &'a Change) -> Self {
        match (&c.operation, &c.model) {
            (Some(o), _) => Group::Operation(o),
            (None, Some(m)) => Group::Type(m),
            (None, None) => Group::Service,
        }
    }

    fn heading(self) -> String {
        match self {
            Group::Service => "service".to_owned(),
            Group::Operation(o) => format!("operation {o}"),
            Group::Type(t) => format!("type {t}"),
        }
    }
}

// ---------------------------------------------------------------------------
// Comparing
// ---------------------------------------------------------------------------

fn service_key(s: &Service) -> String {
    format!("{}/{}", s.provider.as_str(), s.module)
}

/// Every change from `old` to `new`, services matched by provider and module name.
pub fn diff(old: &[Service], new: &[Service]) -> Report {
    let old_by: BTreeMap<String, &Service> = old.iter().map(|s| (service_key(s), s)).collect();
    let new_by: BTreeMap<String, &Service> = new.iter().map(|s| (service_key(s), s)).collect();
    let mut changes = Vec::new();
    for (key, o) in &old_by {
        let mut cx = Cx::new(key);
        match new_by.get(key) {
            Some(n) => cx.service(o, n),
            None => cx.push(
                Kind::ServiceRemoved,
                At::Service,
                None,
                Impact::Breaking,
                format!(
                    "service `{key}` (API {}) removed: its module and cargo feature `{}` are gone",
                    o.version,
                    o.feature()
                ),
            ),
        }
        changes.extend(cx.finish());
    }
    for (key, n) in &new_by {
        if !old_by.contains_key(key) {
            let mut cx = Cx::new(key);
            cx.push(
                Kind::ServiceAdded,
                At::Service,
                None,
                Impact::Compatible,
                format!(
                    "service `{key}` (API {}) added, {} operation(s), cargo feature `{}`",
                    n.version,
                    n.operations.len(),
                    n.feature()
                ),
            );
            changes.extend(cx.finish());
        }
    }
    // Stable: keeps each service's own order.
    changes.sort_by(|a, b| a.service.cmp(&b.service));
    Report { changes }
}

/// Where a change sits.
#[derive(Clone, Copy)]
enum At<'a> {
    Service,
    Operation(&'a str),
    Model(&'a str),
}

/// Whose field a field is.
#[derive(Clone, Copy)]
enum Owner<'a> {
    Request(&'a str),
    Response(&'a str),
    /// A model; `input` when some request reaches it (its rules are then checked by
    /// the service on input).
    Model {
        name: &'a str,
        input: bool,
    },
}

impl<'a> Owner<'a> {
    fn at(self) -> At<'a> {
        match self {
            Owner::Request(o) | Owner::Response(o) => At::Operation(o),
            Owner::Model { name, .. } => At::Model(name),
        }
    }

    fn is_request(self) -> bool {
        matches!(self, Owner::Request(_))
    }

    /// Whether rules on these fields decide which requests are accepted.
    fn rules_apply(self) -> bool {
        matches!(self, Owner::Request(_) | Owner::Model { input: true, .. })
    }

    fn noun(self) -> &'static str {
        match self {
            Owner::Request(_) => "request parameter",
            Owner::Response(_) => "response field",
            Owner::Model { .. } => "field",
        }
    }
}

struct Cx<'s> {
    service: &'s str,
    out: Vec<Change>,
}

const BEHAVIOUR: &str = "a request valid before is refused now";

impl<'s> Cx<'s> {
    fn new(service: &'s str) -> Self {
        Cx {
            service,
            out: Vec::new(),
        }
    }

    fn push(&mut self, kind: Kind, at: At<'_>, name: Option<&str>, impact: Impact, detail: String) {
        let (operation, model) = match at {
            At::Service => (None, None),
            At::Operation(o) => (Some(o.to_owned()), None),
            At::Model(m) => (None, Some(m.to_owned())),
        };
        self.out.push(Change {
            kind,
            operation,
            model,
            name: name.map(str::to_owned),
            breaking: impact.is_breaking(),
            detail,
            service: self.service.to_owned(),
            impact,
        });
    }

    fn finish(mut self) -> Vec<Change> {
        let rank = |c: &Change| match (&c.operation, &c.model) {
            (None, None) => 0,
            (Some(_), _) => 1,
            (None, Some(_)) => 2,
        };
        self.out.sort_by(|a, b| {
            (rank(a), &a.operation, &a.model, a.impact, a.kind, &a.name).cmp(&(
                rank(b),
                &b.operation,
                &b.model,
                b.impact,
                b.kind,
                &b.name,
            ))
        });
        self.out
    }

    fn service(&mut self, old: &Service, new: &Service) {
        let facts = |s: &Service| {
            [
                ("API version", s.version.clone()),
                ("product code", s.product.clone()),
                ("endpoint", s.endpoint.clone()),
                (
                    "regional endpoint",
                    s.regional_endpoint.clone().unwrap_or_else(|| "none".into()),
                ),
                (
                    "documented rate limit",
                    s.rate_limit
                        .map_or_else(|| "none".into(), |r| format!("{r}/s")),
                ),
            ]
        };
        for ((what, o), (_, n)) in facts(old).into_iter().zip(facts(new)) {
            if o != n {
                self.push(
                    Kind::ServiceChanged,
                    At::Service,
                    None,
                    Impact::Compatible,
                    format!("{what} `{o}` → `{n}`"),
                );
            }
        }
        self.operations(old, new);
        self.enums(old, new);
        self.models(old, new);
    }

    // -- operations ---------------------------------------------------------

    fn operations(&mut self, old: &Service, new: &Service) {
        // The constants in `error_codes`: one per code any operation documents.
        let constants: BTreeSet<String> = new
            .operations
            .values()
            .flat_map(|o| o.errors.iter().map(|e| e.const_name.clone()))
            .collect();
        fn by_wire(s: &Service) -> BTreeMap<&str, &Operation> {
            s.operations
                .values()
                .map(|o| (o.wire_name.as_str(), o))
                .collect()
        }
        let (olds, news) = (by_wire(old), by_wire(new));
        for (name, o) in &olds {
            match news.get(name) {
                Some(n) => self.operation(&constants, o, n),
                None => self.push(
                    Kind::OperationRemoved,
                    At::Operation(name),
                    None,
                    Impact::Breaking,
                    format!(
                        "operation `{name}` removed: `Client::{}`, `{}` and `{}` are gone",
                        o.method.trim_start_matches("r#"),
                        o.request.rust_name,
                        o.response.rust_name
                    ),
                ),
            }
        }
        for (name, n) in &news {
            if !olds.contains_key(name) {
                self.push(
                    Kind::OperationAdded,
                    At::Operation(name),
                    None,
                    Impact::Compatible,
                    format!(
                        "operation `{name}` added: `Client::{}`",
                        n.method.trim_start_matches("r#")
                    ),
                );
            }
        }
    }

    fn operation(&mut self, constants: &BTreeSet<String>, o: &Operation, n: &Operation) {
        let op = o.wire_name.as_str();
        for (what, a, b) in [
            ("client method", &o.method, &n.method),
            ("request type", &o.request.rust_name, &n.request.rust_name),
            (
                "response type",
                &o.response.rust_name,
                &n.response.rust_name,
            ),
        ] {
            if a != b {
                self.push(
                    Kind::RustNameChanged,
                    At::Operation(op),
                    None,
                    Impact::Breaking,
                    format!(
                        "{what} `{}` renamed to `{}`",
                        a.trim_start_matches("r#"),
                        b.trim_start_matches("r#")
                    ),
                );
            }
        }
        match (&o.deprecated, &n.deprecated) {
            (None, Some(note)) => self.push(
                Kind::OperationDeprecated,
                At::Operation(op),
                None,
                Impact::Compatible,
                format!(
                    "operation `{op}` deprecated{}: `Client::{}` warns",
                    if note.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", one_line(note))
                    },
                    n.method.trim_start_matches("r#")
                ),
            ),
            (Some(_), None) => self.push(
                Kind::OperationChanged,
                At::Operation(op),
                None,
                Impact::Compatible,
                format!("operation `{op}` is no longer deprecated"),
            ),
            _ => {}
        }
        if o.http_get != n.http_get {
            let m = |get: bool| if get { "GET" } else { "POST" };
            self.push(
                Kind::OperationChanged,
                At::Operation(op),
                None,
                Impact::Compatible,
                format!(
                    "sent as HTTP {} instead of {}",
                    m(n.http_get),
                    m(o.http_get)
                ),
            );
        }
        if o.idempotent != n.idempotent {
            let yes_no = |b: bool| if b { "retried" } else { "not retried" };
            self.push(
                Kind::OperationChanged,
                At::Operation(op),
                None,
                Impact::Compatible,
                format!(
                    "after a failure once the request was sent: {} → {}",
                    yes_no(o.idempotent),
                    yes_no(n.idempotent)
                ),
            );
        }
        self.fields(Owner::Request(op), &o.request, &n.request);
        self.fields(Owner::Response(op), &o.response, &n.response);
        self.cross(op, o, n);
        self.pagination(op, o, n);
        self.errors(op, o, n, constants);
    }

    fn cross(&mut self, op: &str, o: &Operation, n: &Operation) {
        let rules = |x: &Operation| -> BTreeMap<String, String> {
            x.cross
                .iter()
                .filter_map(|c| cross_text(&x.request, c))
                .collect()
        };
        let (olds, news) = (rules(o), rules(n));
        for (text, name) in &news {
            if !olds.contains_key(text) {
                self.push(
                    Kind::ConstraintAdded,
                    At::Operation(op),
                    Some(name),
                    Impact::BreakingBehaviour,
                    format!("new rule: {text} ({BEHAVIOUR})"),
                );
            }
        }
        for (text, name) in &olds {
            if !news.contains_key(text) {
                self.push(
                    Kind::ConstraintRemoved,
                    At::Operation(op),
                    Some(name),
                    Impact::Compatible,
                    format!("rule dropped: {text}"),
                );
            }
        }
    }

    fn pagination(&mut self, op: &str, o: &Operation, n: &Operation) {
        match (pagination_text(o), pagination_text(n)) {
            (None, None) => {}
            (None, Some((text, _))) => self.push(
                Kind::PaginationAdded,
                At::Operation(op),
                None,
                Impact::Compatible,
                format!("now paginated ({text}): `into_paginator()` added"),
            ),
            (Some((text, _)), None) => self.push(
                Kind::PaginationRemoved,
                At::Operation(op),
                None,
                Impact::Breaking,
                format!("no longer paginated (was {text}): `into_paginator()` is gone"),
            ),
            (Some((a, ai)), Some((b, bi))) => {
                if a != b {
                    let (impact, why) = if ai == bi {
                        (Impact::Compatible, String::new())
                    } else {
                        (
                            Impact::Breaking,
                            format!("; the paginator's item type `{ai}` → `{bi}`"),
                        )
                    };
                    self.push(
                        Kind::PaginationChanged,
                        At::Operation(op),
                        None,
                        impact,
                        format!("pagination {a} → {b}{why}"),
                    );
                }
            }
        }
    }

    fn errors(&mut self, op: &str, o: &Operation, n: &Operation, constants: &BTreeSet<String>) {
        let codes = |x: &Operation| -> BTreeSet<String> {
            x.errors.iter().map(|e| e.code.clone()).collect()
        };
        let (olds, news) = (codes(o), codes(n));
        for e in o.errors.iter().filter(|e| !news.contains(&e.code)) {
            let (impact, detail) = if constants.contains(&e.const_name) {
                (
                    Impact::Compatible,
                    format!(
                        "error code `{}` no longer documented for this operation (`error_codes::{}` stays: other operations document it)",
                        e.code, e.const_name
                    ),
                )
            } else {
                (
                    Impact::Breaking,
                    format!(
                        "error code `{}` no longer documented: the constant `error_codes::{}` is gone",
                        e.code, e.const_name
                    ),
                )
            };
            self.push(
                Kind::ErrorRemoved,
                At::Operation(op),
                Some(&e.code),
                impact,
                detail,
            );
        }
        for e in n.errors.iter().filter(|e| !olds.contains(&e.code)) {
            self.push(
                Kind::ErrorAdded,
                At::Operation(op),
                Some(&e.code),
                Impact::Compatible,
                format!("error code `{}` now documented", e.code),
            );
        }
    }

    // -- fields -------------------------------------------------------------

    fn fields(&mut self, owner: Owner<'_>, old: &Struct, new: &Struct) {
        let at = owner.at();
        let noun = owner.noun();
        let by_wire = |s: &'_ Struct| -> BTreeMap<String, usize> {
            s.fields
                .iter()
                .enumerate()
                .map(|(i, f)| (f.wire_name.clone(), i))
                .collect()
        };
        let (olds, news) = (by_wire(old), by_wire(new));
        for o in &old.fields {
            match news.get(&o.wire_name).map(|&i| &new.fields[i]) {
                Some(n) => self.field(owner, o, n),
                None => {
                    let kind = if owner.is_request() {
                        Kind::RequestParamRemoved
                    } else {
                        Kind::FieldRemoved
                    };
                    self.push(
                        kind,
                        at,
                        Some(&o.wire_name),
                        Impact::Breaking,
                        format!(
                            "{noun} `{}` removed (was `{}`)",
                            o.wire_name,
                            shown_type(o, owner.is_request())
                        ),
                    );
                }
            }
        }
        for n in &new.fields {
            if olds.contains_key(&n.wire_name) {
                continue;
            }
            let ty = shown_type(n, owner.is_request());
            let (kind, impact, detail) = match owner {
                Owner::Request(_) if n.required => (
                    Kind::RequestParamAddedRequired,
                    Impact::BreakingBehaviour,
                    format!(
                        "new required {noun} `{}` (`{ty}`): requests without it, valid before, are refused now",
                        n.wire_name
                    ),
                ),
                Owner::Request(_) => (
                    Kind::RequestParamAddedOptional,
                    Impact::Compatible,
                    format!("new optional {noun} `{}` (`{ty}`)", n.wire_name),
                ),
                _ => (
                    Kind::FieldAdded,
                    Impact::Compatible,
                    format!("new {noun} `{}` (`{ty}`)", n.wire_name),
                ),
            };
            self.push(kind, at, Some(&n.wire_name), impact, detail);
        }
    }

    fn field(&mut self, owner: Owner<'_>, o: &Field, n: &Field) {
        if o == n {
            return;
        }
        let at = owner.at();
        let noun = owner.noun();
        let name = Some(o.wire_name.as_str());
        let wire = &o.wire_name;
        let is_request = owner.is_request();
        if o.rust_name != n.rust_name {
            self.push(
                Kind::RustNameChanged,
                at,
                name,
                Impact::Breaking,
                format!(
                    "{noun} `{wire}`: Rust name `{}` → `{}`",
                    o.rust_name.trim_start_matches("r#"),
                    n.rust_name.trim_start_matches("r#")
                ),
            );
        }
        let (ot, nt) = (shown_type(o, is_request), shown_type(n, is_request));
        let required_changed = o.required != n.required;
        let mut required_reported = false;
        if o.ty != n.ty {
            self.push(
                Kind::TypeChanged,
                at,
                name,
                Impact::Breaking,
                format!("{noun} `{wire}`: type `{ot}` → `{nt}`"),
            );
        } else if ot != nt {
            // Same value type, different storage: presence (required) or nullability
            // decides whether a response or model field is held in an `Option`.
            let kind = match (required_changed, n.required) {
                (true, true) => Kind::FieldBecameRequired,
                (true, false) => Kind::FieldBecameOptional,
                (false, _) => Kind::TypeChanged,
            };
            required_reported = required_changed;
            self.push(
                kind,
                at,
                name,
                Impact::Breaking,
                format!("{noun} `{wire}`: type `{ot}` → `{nt}`"),
            );
        }
        if required_changed && !required_reported {
            let (kind, impact, detail) = match (owner, n.required) {
                (Owner::Request(_), true) => (
                    Kind::RequestParamBecameRequired,
                    Impact::BreakingBehaviour,
                    format!(
                        "{noun} `{wire}` is now required: requests without it, valid before, are refused now"
                    ),
                ),
                (Owner::Request(_), false) => (
                    Kind::RequestParamBecameOptional,
                    Impact::Compatible,
                    format!("{noun} `{wire}` is now optional"),
                ),
                (_, true) => (
                    Kind::FieldBecameRequired,
                    Impact::Compatible,
                    format!("{noun} `{wire}` is now always present (type stays `{nt}`)"),
                ),
                (_, false) => (
                    Kind::FieldBecameOptional,
                    Impact::Compatible,
                    format!("{noun} `{wire}` may now be absent (type stays `{nt}`)"),
                ),
            };
            self.push(kind, at, name, impact, detail);
        }
        // `input_required`: a model field the service needs when the model is sent in a
        // request. The generated validator does not check it (the docs say it), so a
        // change shows no type; it matters only for models some request reaches.
        if o.input_required != n.input_required
            && let Owner::Model { input: true, .. } = owner
        {
            let (kind, impact, detail) = if n.input_required {
                (
                    Kind::FieldBecameRequired,
                    Impact::BreakingBehaviour,
                    format!(
                        "{noun} `{wire}` is now required when the model is sent in a request: requests without it, valid before, are refused now"
                    ),
                )
            } else {
                (
                    Kind::FieldBecameOptional,
                    Impact::Compatible,
                    format!(
                        "{noun} `{wire}` is no longer required when the model is sent in a request"
                    ),
                )
            };
            self.push(kind, at, name, impact, detail);
        }
        if owner.rules_apply() {
            self.rules(at, noun, wire, &o.rules, &n.rules);
        }
        match (&o.deprecated, &n.deprecated) {
            (None, Some(note)) => self.push(
                Kind::FieldDeprecated,
                at,
                name,
                Impact::Compatible,
                format!(
                    "{noun} `{wire}` deprecated{}",
                    if note.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", one_line(note))
                    }
                ),
            ),
            (Some(_), None) if is_request => self.push(
                Kind::OperationChanged,
                at,
                name,
                Impact::Compatible,
                format!("{noun} `{wire}` is no longer deprecated"),
            ),
            _ => {}
        }
        // Alibaba wire facts: where and how a parameter is sent. The generated client
        // handles both; callers see no difference.
        if is_request && (o.in_body != n.in_body || o.style != n.style) {
            let place = |f: &Field| {
                format!(
                    "{} ({:?} style)",
                    if f.in_body { "body" } else { "query" },
                    f.style
                )
            };
            self.push(
                Kind::OperationChanged,
                at,
                name,
                Impact::Compatible,
                format!(
                    "{noun} `{wire}` sent in the {} instead of the {}",
                    place(n),
                    place(o)
                ),
            );
        }
        if is_request && o.default != n.default {
            let show = |d: &Option<crate::load::Scalar>| {
                d.as_ref()
                    .map_or_else(|| "none".to_owned(), |s| format!("`{s}`"))
            };
            self.push(
                Kind::DefaultChanged,
                at,
                name,
                Impact::Compatible,
                format!(
                    "{noun} `{wire}`: documented default {} → {}",
                    show(&o.default),
                    show(&n.default)
                ),
            );
        }
        if o.sensitive != n.sensitive {
            self.push(
                Kind::SensitiveChanged,
                at,
                name,
                Impact::Compatible,
                format!(
                    "{noun} `{wire}` {}",
                    if n.sensitive {
                        "is now a secret: redacted in `Debug` and validation messages"
                    } else {
                        "is no longer a secret: shown in `Debug`"
                    }
                ),
            );
        }
    }

    fn rules(&mut self, at: At<'_>, noun: &str, wire: &str, old: &[FieldRule], new: &[FieldRule]) {
        let name = Some(wire);
        // Ranges and lengths: bounds compared one by one; an absent rule is unbounded.
        let range = |rs: &[FieldRule]| {
            rs.iter().find_map(|r| match r {
                FieldRule::Range { min, max } => Some((*min, *max)),
                _ => None,
            })
        };
        let length = |rs: &[FieldRule]| {
            rs.iter().find_map(|r| match r {
                FieldRule::Length { min, max } => Some((
                    min.and_then(|v| i128::try_from(v).ok()),
                    max.and_then(|v| i128::try_from(v).ok()),
                )),
                _ => None,
            })
        };
        for (what, a, b) in [
            ("range", range(old), range(new)),
            ("length", length(old), length(new)),
        ] {
            if a == b {
                continue;
            }
            let (narrowed, widened) = bounds_change(a.unwrap_or_default(), b.unwrap_or_default());
            let text = format!(
                "{noun} `{wire}`: {what} {} → {}",
                bounds_text(a),
                bounds_text(b)
            );
            if narrowed {
                self.push(
                    Kind::RangeNarrowed,
                    at,
                    name,
                    Impact::BreakingBehaviour,
                    format!("{text} ({BEHAVIOUR})"),
                );
            } else if widened {
                self.push(Kind::RangeWidened, at, name, Impact::Compatible, text);
            }
        }
        // Prefix, pattern, time filter: one rule each.
        let prefix = |rs: &[FieldRule]| {
            rs.iter().find_map(|r| match r {
                FieldRule::Prefix(p) => Some(p.clone()),
                _ => None,
            })
        };
        let pattern = |rs: &[FieldRule]| {
            rs.iter().find_map(|r| match r {
                FieldRule::Pattern(p) => Some(p.clone()),
                _ => None,
            })
        };
        let time_filter = |rs: &[FieldRule]| {
            rs.iter()
                .find(|r| matches!(r, FieldRule::TimeFilter { .. }))
                .cloned()
        };
        let (op, np) = (prefix(old), prefix(new));
        // A shorter prefix of the old one accepts every value the old one did.
        let relaxed = matches!((&op, &np), (Some(a), Some(b)) if a.starts_with(b.as_str()));
        self.rule(
            at,
            wire,
            &format!("{noun} `{wire}`: prefix"),
            op.map(|p| format!("`{p}`")),
            np.map(|p| format!("`{p}`")),
            relaxed,
        );
        self.rule(
            at,
            wire,
            &format!("{noun} `{wire}`: pattern"),
            pattern(old).map(|p| format!("`{p}`")),
            pattern(new).map(|p| format!("`{p}`")),
            false,
        );
        let (ot, nt) = (time_filter(old), time_filter(new));
        let relaxed = match (&ot, &nt) {
            (
                Some(FieldRule::TimeFilter {
                    attribute: a1,
                    operators: o1,
                    case_insensitive: c1,
                    max_age_days: d1,
                }),
                Some(FieldRule::TimeFilter {
                    attribute: a2,
                    operators: o2,
                    case_insensitive: c2,
                    max_age_days: d2,
                }),
            ) => {
                a1 == a2
                    && o1.iter().all(|o| o2.contains(o))
                    && (*c2 || !*c1)
                    && match (d1, d2) {
                        (_, None) => true,
                        (None, Some(_)) => false,
                        (Some(x), Some(y)) => y >= x,
                    }
            }
            _ => false,
        };
        self.rule(
            at,
            wire,
            &format!("{noun} `{wire}`: time filter"),
            ot.map(|t| time_filter_text(&t)),
            nt.map(|t| time_filter_text(&t)),
            relaxed,
        );
    }

    /// One single-valued rule: added (breaking behaviour), removed (compatible) or
    /// changed (breaking behaviour unless `relaxed`).
    fn rule(
        &mut self,
        at: At<'_>,
        wire: &str,
        what: &str,
        old: Option<String>,
        new: Option<String>,
        relaxed: bool,
    ) {
        let name = Some(wire);
        match (old, new) {
            (None, None) => {}
            (None, Some(n)) => self.push(
                Kind::ConstraintAdded,
                at,
                name,
                Impact::BreakingBehaviour,
                format!("{what} {n} is new ({BEHAVIOUR})"),
            ),
            (Some(o), None) => self.push(
                Kind::ConstraintRemoved,
                at,
                name,
                Impact::Compatible,
                format!("{what} {o} dropped"),
            ),
            (Some(o), Some(n)) if o != n => {
                let (impact, why) = if relaxed {
                    (
                        Impact::Compatible,
                        " (accepts every value it did)".to_owned(),
                    )
                } else {
                    (Impact::BreakingBehaviour, format!(" ({BEHAVIOUR})"))
                };
                self.push(
                    Kind::ConstraintChanged,
                    at,
                    name,
                    impact,
                    format!("{what} {o} → {n}{why}"),
                );
            }
            _ => {}
        }
    }

    // -- enums and models -----------------------------------------------------

    fn enums(&mut self, old: &Service, new: &Service) {
        let pairs = pair_up(
            old.enums.values().map(|e| (&e.wire_name, &e.rust_name, e)),
            new.enums.values().map(|e| (&e.wire_name, &e.rust_name, e)),
        );
        for pair in pairs {
            match pair {
                Pair::Both(o, n) => {
                    let at = At::Model(&n.wire_name);
                    if o.rust_name != n.rust_name {
                        self.push(
                            Kind::RustNameChanged,
                            at,
                            None,
                            Impact::Breaking,
                            format!("enum `{}` renamed to `{}`", o.rust_name, n.rust_name),
                        );
                    }
                    if o.wire_name != n.wire_name {
                        self.push(
                            Kind::ModelRenamed,
                            at,
                            None,
                            Impact::Compatible,
                            format!(
                                "enum `{}` is now `{}` in the spec; its Rust name `{}` stays",
                                o.wire_name, n.wire_name, n.rust_name
                            ),
                        );
                    }
                    for v in &o.variants {
                        match n.variants.iter().find(|x| x.wire_name == v.wire_name) {
                            None => self.push(
                                Kind::EnumValueRemoved,
                                at,
                                Some(&v.wire_name),
                                Impact::Breaking,
                                format!(
                                    "value `{}` removed: variant `{}::{}` is gone",
                                    v.wire_name, o.rust_name, v.rust_name
                                ),
                            ),
                            Some(x) if x.rust_name != v.rust_name => self.push(
                                Kind::RustNameChanged,
                                at,
                                Some(&v.wire_name),
                                Impact::Breaking,
                                format!(
                                    "value `{}`: variant `{}` → `{}`",
                                    v.wire_name, v.rust_name, x.rust_name
                                ),
                            ),
                            Some(_) => {}
                        }
                    }
                    for v in &n.variants {
                        if !o.variants.iter().any(|x| x.wire_name == v.wire_name) {
                            self.push(
                                Kind::EnumValueAdded,
                                at,
                                Some(&v.wire_name),
                                Impact::Compatible,
                                format!(
                                    "value `{}` added: variant `{}::{}`",
                                    v.wire_name, n.rust_name, v.rust_name
                                ),
                            );
                        }
                    }
                }
                Pair::Old(o) => self.push(
                    Kind::EnumRemoved,
                    At::Model(&o.wire_name),
                    None,
                    Impact::Breaking,
                    format!("enum `{}` removed", o.rust_name),
                ),
                Pair::New(n) => self.push(
                    Kind::EnumAdded,
                    At::Model(&n.wire_name),
                    None,
                    Impact::Compatible,
                    format!(
                        "enum `{}` added ({} value(s))",
                        n.rust_name,
                        n.variants.len()
                    ),
                ),
            }
        }
    }

    fn models(&mut self, old: &Service, new: &Service) {
        let (old_in, new_in) = (input_models(old), input_models(new));
        let pairs = pair_up(
            old.models.values().map(|m| (&m.wire_name, &m.rust_name, m)),
            new.models.values().map(|m| (&m.wire_name, &m.rust_name, m)),
        );
        for pair in pairs {
            match pair {
                Pair::Both(o, n) => {
                    let at = At::Model(&n.wire_name);
                    if o.rust_name != n.rust_name {
                        self.push(
                            Kind::RustNameChanged,
                            at,
                            None,
                            Impact::Breaking,
                            format!("model `{}` renamed to `{}`", o.rust_name, n.rust_name),
                        );
                    }
                    if o.wire_name != n.wire_name {
                        self.push(
                            Kind::ModelRenamed,
                            at,
                            None,
                            Impact::Compatible,
                            format!(
                                "model `{}` is now `{}` in the spec; its Rust name `{}` stays",
                                o.wire_name, n.wire_name, n.rust_name
                            ),
                        );
                    }
                    let input = old_in.contains(&o.rust_name) || new_in.contains(&n.rust_name);
                    self.fields(
                        Owner::Model {
                            name: &n.wire_name,
                            input,
                        },
                        o,
                        n,
                    );
                }
                Pair::Old(o) => self.push(
                    Kind::ModelRemoved,
                    At::Model(&o.wire_name),
                    None,
                    Impact::Breaking,
                    format!("model `{}` removed", o.rust_name),
                ),
                Pair::New(n) => self.push(
                    Kind::ModelAdded,
                    At::Model(&n.wire_name),
                    None,
                    Impact::Compatible,
                    format!(
                        "model `{}` added ({} field(s))",
                        n.rust_name,
                        n.fields.len()
                    ),
                ),
            }
        }
    }
}

enum Pair<'a, T> {
    Both(&'a T, &'a T),
    Old(&'a T),
    New(&'a T),
}

/// Pairs items by spec name, then the rest by Rust name; in old order, then new.
fn pair_up<'a, T: 'a>(
    old: impl Iterator<Item = (&'a String, &'a String, &'a T)>,
    new: impl Iterator<Item = (&'a String, &'a String, &'a T)>,
) -> Vec<Pair<'a, T>> {
    let old: Vec<_> = old.collect();
    let new: Vec<_> = new.collect();
    let by_wire: BTreeMap<&str, usize> = new
        .iter()
        .enumerate()
        .map(|(i, (w, _, _))| (w.as_str(), i))
        .collect();
    let mut used = vec![false; new.len()];
    let mut out = Vec::new();
    let mut left = Vec::new();
    for (wire, rust, o) in &old {
        match by_wire.get(wire.as_str()) {
            Some(&i) => {
                used[i] = true;
                out.push(Pair::Both(*o, new[i].2));
            }
            None => left.push((*rust, *o)),
        }
    }
    let by_rust: BTreeMap<&str, usize> = new
        .iter()
        .enumerate()
        .filter(|(i, _)| !used[*i])
        .map(|(i, (_, r, _))| (r.as_str(), i))
        .collect();
    for (rust, o) in left {
        match by_rust.get(rust.as_str()) {
            Some(&i) if !used[i] => {
                used[i] = true;
                out.push(Pair::Both(o, new[i].2));
            }
            _ => out.push(Pair::Old(o)),
        }
    }
    for (i, (_, _, n)) in new.iter().enumerate() {
        if !used[i] {
            out.push(Pair::New(*n));
        }
    }
    out
}

/// Rust names of the models some request reaches, through models transitively.
fn input_models(s: &Service) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<&Type> = s
        .operations
        .values()
        .flat_map(|o| o.request.fields.iter().map(|f| &f.ty))
        .collect();
    while let Some(t) = stack.pop() {
        match t {
            Type::Model(m) => {
                if seen.insert(m.clone())
                    && let Some(model) = s.models.get(m)
                {
                    stack.extend(model.fields.iter().map(|f| &f.ty));
                }
            }
            Type::List(inner) => stack.push(inner),
            _ => {}
        }
    }
    seen
}

/// The field's type as the generated struct stores it, e.g. `Option<Vec<TaskInfo>>`.
fn shown_type(f: &Field, is_request: bool) -> String {
    tokens_text(&crate::emit::stored_type(f, is_request).to_string())
}

fn tokens_text(tokens: &str) -> String {
    tokens
        .replace(' ', "")
        .replace("::specbind_runtime::", "")
        .replace("::std::", "")
}

/// `(narrowed, widened)` from bounds `old` to `new`; `None` is unbounded.
fn bounds_change(
    (omin, omax): (Option<i128>, Option<i128>),
    (nmin, nmax): (Option<i128>, Option<i128>),
) -> (bool, bool) {
    let lo = |x: Option<i128>| x.unwrap_or(i128::MIN);
    let hi = |x: Option<i128>| x.unwrap_or(i128::MAX);
    let narrowed = lo(nmin) > lo(omin) || hi(nmax) < hi(omax);
    let widened = lo(nmin) < lo(omin) || hi(nmax) > hi(omax);
    (narrowed, widened)
}

fn bounds_text(b: Option<(Option<i128>, Option<i128>)>) -> String {
    match b {
        None | Some((None, None)) => "none".to_owned(),
        Some((Some(a), Some(b))) => format!("{a}..={b}"),
        Some((Some(a), None)) => format!("≥ {a}"),
        Some((None, Some(b))) => format!("≤ {b}"),
    }
}

fn time_filter_text(r: &FieldRule) -> String {
    match r {
        FieldRule::TimeFilter {
            attribute,
            operators,
            case_insensitive,
            max_age_days,
        } => {
            let mut s = format!("`{attribute}` {}", operators.join("|"));
            if *case_insensitive {
                s.push_str(", any case");
            }
            if let Some(d) = max_age_days {
                let _ = write!(s, ", at most {d} day(s) old");
            }
            s
        }
        _ => String::new(),
    }
}

/// A multi-parameter rule in words (wire names), and the parameter it constrains.
fn cross_text(request: &Struct, c: &Cross) -> Option<(String, String)> {
    let name = |i: usize| request.fields.get(i).map(|f| f.wire_name.clone());
    match c {
        Cross::Paired(a, b) => {
            let (a, b) = (name(*a)?, name(*b)?);
            Some((format!("`{a}` and `{b}` are set together"), a))
        }
        Cross::When {
            when,
            equals,
            then,
            rule,
        } => {
            let (w, t) = (name(*when)?, name(*then)?);
            let what = match rule {
                CrossRule::Prefix(p) => format!("must start with `{p}`"),
                CrossRule::Pattern(p) => format!("must match `{p}`"),
                CrossRule::Required => "must be set".to_owned(),
            };
            Some((format!("when `{w}` is `{equals}`, `{t}` {what}"), t))
        }
    }
}

/// Pagination in words (wire names), and the paginator's item type: token paging or
/// offset paging, whichever the operation has.
fn pagination_text(op: &Operation) -> Option<(String, String)> {
    let req = |i: usize| op.request.fields.get(i).map(|f| f.wire_name.as_str());
    let resp = |i: usize| op.response.fields.get(i).map(|f| f.wire_name.as_str());
    let (mut text, items) = if let Some(p) = &op.pagination {
        let mut text = format!(
            "token `{}` → `{}`",
            req(p.input_token)?,
            resp(p.output_token)?
        );
        if let Some(t) = p.truncated.and_then(resp) {
            let _ = write!(text, ", truncated `{t}`");
        }
        if let Some(s) = p.page_size.and_then(req) {
            let _ = write!(text, ", page size `{s}`");
        }
        (text, p.items)
    } else {
        let p = op.offset_pagination.as_ref()?;
        let mut text = format!("offset `{}`", req(p.offset)?);
        if let Some(l) = p.limit.and_then(req) {
            let _ = write!(text, ", limit `{l}`");
        }
        if let Some(t) = p.total.and_then(resp) {
            let _ = write!(text, ", total `{t}`");
        }
        (text, p.items)
    };
    let items = op.response.fields.get(items)?;
    let item_ty = match &items.ty {
        Type::List(inner) => crate::emit::rust_type(inner),
        other => crate::emit::rust_type(other),
    };
    let _ = write!(text, ", items `{}`", items.wire_name);
    Some((text, tokens_text(&item_ty.to_string())))
}

/// A vendor note on one line.
fn one_line(note: &str) -> String {
    note.split_whitespace().collect::<Vec<_>>().join(" ")
}

// ---------------------------------------------------------------------------
// Loading the two sides
// ---------------------------------------------------------------------------

/// Whether `rel` (a path below the spec folder) lies in an `overlays` directory:
/// overlays are partial specs that `import` merges, not services.
fn in_overlays(rel: &Path) -> bool {
    let mut parts: Vec<_> = rel.components().collect();
    parts.pop();
    parts.iter().any(|c| c.as_os_str() == "overlays")
}

/// Loads one side: a spec file, or every `*.yaml` / `*.yml` under a folder except an
/// `overlays` directory. Every file's problems are reported together.
pub fn load_side(path: &Path) -> Result<Vec<Service>, Error> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    let sources: Vec<(PathBuf, String)> = if meta.is_dir() {
        let root = crate::input::DisplayRoot::new(path);
        crate::spec_files(path)?
            .into_iter()
            .filter(|p| !p.strip_prefix(path).is_ok_and(in_overlays))
            .map(|p| {
                let display = crate::write::escape_text(&root.display(&p));
                (p, display)
            })
            .collect()
    } else {
        let display = crate::write::escape_text(&crate::input::display_for_file(path, None));
        vec![(path.to_path_buf(), display)]
    };
    if sources.is_empty() {
        return Err(Error::Config(format!(
            "no spec files (*.yaml) under {}",
            path.display()
        )));
    }
    let results = crate::parallel_map(&sources, |(p, display)| crate::load_service(p, display));
    collect(results, sources.iter().map(|(_, d)| d.as_str()))
}

fn collect<'a>(
    results: Vec<Result<Service, Error>>,
    displays: impl Iterator<Item = &'a str>,
) -> Result<Vec<Service>, Error> {
    let mut services = Vec::new();
    let mut diags = Vec::new();
    for (result, display) in results.into_iter().zip(displays) {
        match result {
            Ok(s) => services.push(s),
            Err(e @ Error::Internal(_)) => return Err(e),
            Err(e) => diags.extend(crate::file_diagnostic(e, display)),
        }
    }
    diags.extend(crate::duplicate_modules(services.iter().map(|s| {
        (
            s.provider,
            s.module.as_str(),
            s.spec_path.as_str(),
            s.name_pos,
        )
    })));
    if diags.is_empty() {
        Ok(services)
    } else {
        Err(Error::Spec(diags))
    }
}

fn git(args: &[&str]) -> Result<Vec<u8>, Error> {
    let out = std::process::Command::new("git")
        .args(args)
        .output()
        .map_err(|e| Error::Config(format!("cannot run git: {e}")))?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        Err(Error::Config(format!(
            "git {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        )))
    }
}

/// Loads the specs under `spec_dir` (relative to the current directory, which must
/// lie in a git work tree) as they were at revision `rev`, except an `overlays`
/// directory. Files are named `REV:path` in diagnostics.
pub fn load_git(rev: &str, spec_dir: &Path) -> Result<Vec<Service>, Error> {
    if rev.starts_with('-') {
        return Err(Error::Config(format!("`{rev}` is not a git revision")));
    }
    let commit = git(&[
        "rev-parse",
        "--verify",
        "--quiet",
        &format!("{rev}^{{commit}}"),
    ])
    .map_err(|_| Error::Config(format!("`{rev}` is not a git revision here")))?;
    let commit = String::from_utf8_lossy(&commit).trim().to_owned();
    let dir = spec_dir.to_string_lossy();
    let listing = git(&["ls-tree", "-r", "-z", "--full-name", &commit, "--", &dir])?;
    let prefix = String::from_utf8_lossy(&git(&["rev-parse", "--show-prefix"])?)
        .trim()
        .to_owned();
    let mut sources = Vec::new();
    for entry in listing.split(|b| *b == 0).filter(|e| !e.is_empty()) {
        let entry = String::from_utf8_lossy(entry);
        let Some((meta, path)) = entry.split_once('\t') else {
            continue;
        };
        let mut meta = meta.split(' ');
        let (mode, kind, oid) = (meta.next(), meta.next(), meta.next());
        // Regular files only: a link in the tree is a path, not a spec.
        if kind != Some("blob") || mode == Some("120000") {
            continue;
        }
        let p = Path::new(path);
        if !p.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            continue;
        }
        let below = p
            .strip_prefix(&prefix)
            .ok()
            .and_then(|r| r.strip_prefix(dir.trim_start_matches("./")).ok())
            .unwrap_or(p);
        if in_overlays(below) {
            continue;
        }
        if let Some(oid) = oid {
            sources.push((
                oid.to_owned(),
                crate::write::escape_text(&format!("{rev}:{path}")),
            ));
        }
    }
    if sources.is_empty() {
        return Err(Error::Config(format!(
            "no spec files (*.yaml) under {dir} at {rev}"
        )));
    }
    let results = crate::parallel_map(&sources, |(oid, display)| {
        let bytes = git(&["cat-file", "blob", oid])?;
        if bytes.len() as u64 > crate::MAX_SPEC_BYTES {
            return Err(Error::Spec(vec![Diagnostic::new(
                Path::new(display),
                Pos { line: 1, column: 1 },
                "",
                format!("the file is larger than {} bytes", crate::MAX_SPEC_BYTES),
            )]));
        }
        let text = crate::input::decode(bytes, display).map_err(|d| Error::Spec(vec![d]))?;
        crate::load_service_str(&text, display)
    });
    collect(results, sources.iter().map(|(_, d)| d.as_str()))
}

// ---------------------------------------------------------------------------
// The command
// ---------------------------------------------------------------------------

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Grouped by operation, breaking first.
    Text,
    /// `{"breaking", "compatible", "changes": [...]}`.
    Json,
    /// A changelog section for release notes.
    Markdown,
}

/// `specbind diff`: the arguments.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit status: 1 when a change breaks code using the generated crate, 0 when none does, 2 on bad input."
)]
pub struct DiffArgs {
    /// The old spec file or folder.
    #[arg(required_unless_present = "git", conflicts_with = "git")]
    pub old: Option<PathBuf>,
    /// The new spec file or folder.
    #[arg(required_unless_present = "git", conflicts_with = "git")]
    pub new: Option<PathBuf>,
    /// Compare the specs at this git revision with the working tree.
    #[arg(long, value_name = "REV")]
    pub git: Option<String>,
    /// With `--git`: the spec folder, relative to the current directory.
    #[arg(long, default_value = "spec", requires = "git")]
    pub spec_dir: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Runs `specbind diff`: prints the report on stdout and returns the exit status
/// (1 breaking, 0 nothing breaks, 2 bad input, with the problem on stderr).
pub fn run_cli(args: &DiffArgs) -> ExitCode {
    let sides = match (&args.git, &args.old, &args.new) {
        (Some(rev), _, _) => {
            load_git(rev, &args.spec_dir).and_then(|old| Ok((old, load_side(&args.spec_dir)?)))
        }
        (None, Some(old), Some(new)) => load_side(old).and_then(|o| Ok((o, load_side(new)?))),
        _ => Err(Error::Config("name OLD and NEW, or --git REV".into())),
    };
    let (old, new) = match sides {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let report = diff(&old, &new);
    let text = match args.format {
        Format::Text => report.to_text(),
        Format::Json => report.to_json(),
        Format::Markdown => report.to_markdown(),
    };
    // A reader that stops early (`| head`) does not change the verdict.
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("cannot write the report: {e}");
        return ExitCode::from(2);
    }
    if report.is_breaking() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small Tencent-style service with one of everything the diff looks at.
    const BASE: &str = r#"
service:
  provider: tencent
  name: probe
  product: probe
  version: "2021-03-31"
  endpoint: https://probe.tencentcloudapi.com
enums:
  TaskStatus:
    values:
      InProgress: Running.
      Success: Done.
models:
  TaskInfo:
    fields:
      TaskId:
        type: string
      Status:
        type: enum
        enum: TaskStatus
      Owner:
        type: string
        required: true
  Filter:
    fields:
      Name:
        type: string
operations:
  ListTasks:
    request:
      ZoneId:
        type: string
        required: true
        prefix: z-
      PrincipalId:
        type: string
      TargetType:
        type: string
      TargetId:
        type: string
      NextToken:
        type: string
      MaxResults:
        type: int64
        range: {min: 1, max: 20}
        default: 10
      Filters:
        type: list
        items: {type: object, model: Filter}
      Since:
        type: string
        time_filter: {attribute: StartTime, operators: [ge], max_age_days: 7}
      Secret:
        type: string
    response:
      NextToken:
        type: string
      Tasks:
        type: list
        items: {type: object, model: TaskInfo}
      RequestId:
        type: string
        required: true
    constraints:
      - paired: [TargetType, TargetId]
    pagination:
      input_token: NextToken
      output_token: NextToken
      items: Tasks
      page_size: MaxResults
    errors:
      InvalidParameter.NextTokenInvalid: Invalid nextToken.
      FailedOperation.Busy: Busy.
  GetTask:
    request:
      TaskId:
        type: string
        required: true
    response:
      Task:
        type: object
        model: TaskInfo
      RequestId:
        type: string
        required: true
    errors:
      FailedOperation.Busy: Busy.
"#;

    fn load(text: &str) -> Service {
        crate::load_service_str(text, "t.yaml").unwrap_or_else(|e| panic!("{e}\n{text}"))
    }

    /// `BASE` with each `(from, to)` replaced; each `from` must occur exactly once.
    fn edit(edits: &[(&str, &str)]) -> String {
        let mut s = BASE.to_owned();
        for (from, to) in edits {
            assert_eq!(s.matches(from).count(), 1, "`{from}` must occur once");
            s = s.replace(from, to);
        }
        s
    }

    /// The changes from `BASE` to `new`.
    fn changes(new: &str) -> Vec<Change> {
        diff(&[load(BASE)], &[load(new)]).changes
    }

    /// The one change from `BASE` to `new`.
    fn one(new: &str) -> Change {
        let c = changes(new);
        assert_eq!(c.len(), 1, "{c:#?}");
        c.into_iter().next().unwrap()
    }

    fn check(
        c: &Change,
        kind: Kind,
        operation: Option<&str>,
        model: Option<&str>,
        name: Option<&str>,
        impact: Impact,
    ) {
        assert_eq!(
            (
                c.kind,
                c.operation.as_deref(),
                c.model.as_deref(),
                c.name.as_deref(),
                c.impact,
                c.breaking
            ),
            (kind, operation, model, name, impact, impact.is_breaking()),
            "{c:#?}"
        );
        assert_eq!(c.service, "tencent/probe");
    }

    use Impact::{Breaking, BreakingBehaviour as Behaviour, Compatible};

    const LT: Option<&str> = Some("ListTasks");

    #[test]
    fn identical_specs_have_no_changes() {
        assert!(changes(BASE).is_empty());
    }

    #[test]
    fn docs_are_not_changes() {
        let new = edit(&[
            ("      Success: Done.", "      Success: Finished."),
            ("  TaskInfo:\n", "  TaskInfo:\n    doc: Now documented.\n"),
            (
                "      PrincipalId:\n        type: string\n",
                "      PrincipalId:\n        type: string\n        doc: Who.\n        example: u-1\n",
            ),
            (
                "      FailedOperation.Busy: Busy.\n  GetTask:",
                "      FailedOperation.Busy: Very busy.\n  GetTask:",
            ),
        ]);
        assert_eq!(changes(&new), vec![]);
    }

    #[test]
    fn services() {
        let other = BASE.replace("name: probe", "name: other");
        let r = diff(&[load(BASE)], &[load(&other)]);
        let kinds: Vec<_> = r
            .changes
            .iter()
            .map(|c| (c.kind, c.service.as_str(), c.breaking))
            .collect();
        assert_eq!(
            kinds,
            [
                (Kind::ServiceAdded, "tencent/other", false),
                (Kind::ServiceRemoved, "tencent/probe", true),
            ]
        );
        let c = one(&edit(&[(
            "version: \"2021-03-31\"",
            "version: \"2022-01-01\"",
        )]));
        check(&c, Kind::ServiceChanged, None, None, None, Compatible);
        assert!(c.detail.contains("2022-01-01"), "{}", c.detail);
    }

    #[test]
    fn operations() {
        let get_task = BASE.find("  GetTask:").unwrap();
        let errors_at = BASE[get_task..].find("    errors:").unwrap() + get_task;
        let without = format!("{}{}", &BASE[..get_task], &BASE[errors_at + 45..]);
        // `without` drops GetTask: its error code stays with ListTasks.
        assert!(!without.contains("GetTask:"), "{without}");
        let c = changes(&without);
        assert_eq!(c.len(), 1, "{c:#?}");
        check(
            &c[0],
            Kind::OperationRemoved,
            Some("GetTask"),
            None,
            None,
            Breaking,
        );
        let c = diff(&[load(&without)], &[load(BASE)]).changes;
        assert_eq!(c.len(), 1, "{c:#?}");
        check(
            &c[0],
            Kind::OperationAdded,
            Some("GetTask"),
            None,
            None,
            Compatible,
        );
        // `Get` names a read for Tencent, so retry safety is already on: no change.
        let c = changes(&edit(&[(
            "  GetTask:\n",
            "  GetTask:\n    idempotent: true\n",
        )]));
        assert_eq!(c, vec![]);
        let c = one(&edit(&[(
            "  ListTasks:\n",
            "  ListTasks:\n    readonly: false\n",
        )]));
        check(&c, Kind::OperationChanged, LT, None, None, Compatible);
    }

    #[test]
    fn request_params() {
        let p = "      PrincipalId:\n        type: string\n";
        let c = one(&edit(&[(p, "")]));
        check(
            &c,
            Kind::RequestParamRemoved,
            LT,
            None,
            Some("PrincipalId"),
            Breaking,
        );
        let c = one(&edit(&[(p, &format!("{p}        required: true\n"))]));
        check(
            &c,
            Kind::RequestParamBecameRequired,
            LT,
            None,
            Some("PrincipalId"),
            Behaviour,
        );
        let c = one(&edit(&[(
            "        type: string\n        required: true\n        prefix: z-\n",
            "        type: string\n        prefix: z-\n",
        )]));
        check(
            &c,
            Kind::RequestParamBecameOptional,
            LT,
            None,
            Some("ZoneId"),
            Compatible,
        );
        let c = one(&edit(&[(
            p,
            &format!("{p}      Extra:\n        type: int32\n"),
        )]));
        check(
            &c,
            Kind::RequestParamAddedOptional,
            LT,
            None,
            Some("Extra"),
            Compatible,
        );
        let c = one(&edit(&[(
            p,
            &format!("{p}      Extra:\n        type: int32\n        required: true\n"),
        )]));
        check(
            &c,
            Kind::RequestParamAddedRequired,
            LT,
            None,
            Some("Extra"),
            Behaviour,
        );
        let c = one(&edit(&[(p, "      PrincipalId:\n        type: int64\n")]));
        check(
            &c,
            Kind::TypeChanged,
            LT,
            None,
            Some("PrincipalId"),
            Breaking,
        );
        assert!(
            c.detail.contains("`Option<String>` → `Option<i64>`"),
            "{}",
            c.detail
        );
        let c = one(&edit(&[("        default: 10\n", "        default: 20\n")]));
        check(
            &c,
            Kind::DefaultChanged,
            LT,
            None,
            Some("MaxResults"),
            Compatible,
        );
        let c = one(&edit(&[(
            "      Secret:\n        type: string\n",
            "      Secret:\n        type: string\n        sensitive: true\n",
        )]));
        check(
            &c,
            Kind::SensitiveChanged,
            LT,
            None,
            Some("Secret"),
            Compatible,
        );
    }

    #[test]
    fn response_fields() {
        let rid =
            "      RequestId:\n        type: string\n        required: true\n    constraints:";
        let c = one(&edit(&[(rid, "    constraints:")]));
        check(
            &c,
            Kind::FieldRemoved,
            LT,
            None,
            Some("RequestId"),
            Breaking,
        );
        let c = one(&edit(&[(
            rid,
            "      RequestId:\n        type: string\n        required: true\n      Total:\n        type: int64\n    constraints:",
        )]));
        check(&c, Kind::FieldAdded, LT, None, Some("Total"), Compatible);
        // A required string is held plainly, an optional one in an `Option`.
        let c = one(&edit(&[(
            rid,
            "      RequestId:\n        type: string\n    constraints:",
        )]));
        check(
            &c,
            Kind::FieldBecameOptional,
            LT,
            None,
            Some("RequestId"),
            Breaking,
        );
        assert!(
            c.detail.contains("`String` → `Option<String>`"),
            "{}",
            c.detail
        );
        let c = diff(
            &[load(&edit(&[(
                rid,
                "      RequestId:\n        type: string\n    constraints:",
            )]))],
            &[load(BASE)],
        )
        .changes;
        assert_eq!(c.len(), 1);
        check(
            &c[0],
            Kind::FieldBecameRequired,
            LT,
            None,
            Some("RequestId"),
            Breaking,
        );
        let c = one(&edit(&[(
            rid,
            "      RequestId:\n        type: int64\n        required: true\n    constraints:",
        )]));
        check(&c, Kind::TypeChanged, LT, None, Some("RequestId"), Breaking);
    }

    #[test]
    fn model_fields() {
        let status = "      Status:\n        type: enum\n        enum: TaskStatus\n      Owner:";
        let c = one(&edit(&[(status, "      Owner:")]));
        check(
            &c,
            Kind::FieldRemoved,
            None,
            Some("TaskInfo"),
            Some("Status"),
            Breaking,
        );
        let c = one(&edit(&[(
            status,
            "      Status:\n        type: enum\n        enum: TaskStatus\n      Note:\n        type: string\n      Owner:",
        )]));
        check(
            &c,
            Kind::FieldAdded,
            None,
            Some("TaskInfo"),
            Some("Note"),
            Compatible,
        );
        // An enum field is held in an `Option` either way: presence alone changes.
        let c = one(&edit(&[(
            status,
            "      Status:\n        type: enum\n        enum: TaskStatus\n        required: true\n      Owner:",
        )]));
        check(
            &c,
            Kind::FieldBecameRequired,
            None,
            Some("TaskInfo"),
            Some("Status"),
            Compatible,
        );
        let old = load(&edit(&[(
            status,
            "      Status:\n        type: enum\n        enum: TaskStatus\n        required: true\n      Owner:",
        )]));
        let c = diff(&[old], &[load(BASE)]).changes;
        assert_eq!(c.len(), 1);
        check(
            &c[0],
            Kind::FieldBecameOptional,
            None,
            Some("TaskInfo"),
            Some("Status"),
            Compatible,
        );
        let c = one(&edit(&[(
            "      Owner:\n        type: string\n        required: true\n",
            "      Owner:\n        type: string\n",
        )]));
        check(
            &c,
            Kind::FieldBecameOptional,
            None,
            Some("TaskInfo"),
            Some("Owner"),
            Breaking,
        );
    }

    #[test]
    fn models_and_enums() {
        let filter_model = "  Filter:\n    fields:\n      Name:\n        type: string\n";
        let with_role = edit(&[(
            filter_model,
            &format!(
                "{filter_model}  RoleInfo:\n    fields:\n      RoleId:\n        type: string\n"
            ),
        )]);
        let c = one(&with_role);
        check(
            &c,
            Kind::ModelAdded,
            None,
            Some("RoleInfo"),
            None,
            Compatible,
        );
        let c = diff(&[load(&with_role)], &[load(BASE)]).changes;
        assert_eq!(c.len(), 1);
        check(
            &c[0],
            Kind::ModelRemoved,
            None,
            Some("RoleInfo"),
            None,
            Breaking,
        );

        // `task_info` and `TaskInfo` are both the Rust type `TaskInfo`.
        let renamed = BASE
            .replace("  TaskInfo:\n", "  task_info:\n")
            .replace("model: TaskInfo", "model: task_info");
        let c = changes(&renamed);
        assert_eq!(c.len(), 1, "{c:#?}");
        check(
            &c[0],
            Kind::ModelRenamed,
            None,
            Some("task_info"),
            None,
            Compatible,
        );

        let c = one(&edit(&[(
            "      Success: Done.\n",
            "      Success: Done.\n      Failed: Failed.\n",
        )]));
        check(
            &c,
            Kind::EnumValueAdded,
            None,
            Some("TaskStatus"),
            Some("Failed"),
            Compatible,
        );
        let c = one(&edit(&[("      Success: Done.\n", "")]));
        check(
            &c,
            Kind::EnumValueRemoved,
            None,
            Some("TaskStatus"),
            Some("Success"),
            Breaking,
        );
        let with_enum = edit(&[("models:\n", "  Kind:\n    values:\n      A: a.\nmodels:\n")]);
        let c = one(&with_enum);
        check(&c, Kind::EnumAdded, None, Some("Kind"), None, Compatible);
        let c = diff(&[load(&with_enum)], &[load(BASE)]).changes;
        assert_eq!(c.len(), 1);
        check(&c[0], Kind::EnumRemoved, None, Some("Kind"), None, Breaking);
    }

    #[test]
    fn rust_names() {
        let mut new = load(BASE);
        new.models.get_mut("TaskInfo").unwrap().fields[0].rust_name = "id".into();
        let old = load(BASE);
        let c = diff(std::slice::from_ref(&old), &[new]).changes;
        assert_eq!(c.len(), 1, "{c:#?}");
        check(
            &c[0],
            Kind::RustNameChanged,
            None,
            Some("TaskInfo"),
            Some("TaskId"),
            Breaking,
        );
        let mut new = load(BASE);
        let op = new.operations.get_mut("list_tasks").unwrap();
        op.method = "tasks".into();
        let c = diff(std::slice::from_ref(&old), &[new]).changes;
        assert_eq!(c.len(), 1, "{c:#?}");
        check(&c[0], Kind::RustNameChanged, LT, None, None, Breaking);
    }

    #[test]
    fn ranges() {
        let range = "        range: {min: 1, max: 20}\n";
        let c = one(&edit(&[(range, "        range: {min: 1, max: 10}\n")]));
        check(
            &c,
            Kind::RangeNarrowed,
            LT,
            None,
            Some("MaxResults"),
            Behaviour,
        );
        assert!(c.detail.contains("1..=20 → 1..=10"), "{}", c.detail);
        let c = one(&edit(&[(range, "        range: {min: 1, max: 100}\n")]));
        check(
            &c,
            Kind::RangeWidened,
            LT,
            None,
            Some("MaxResults"),
            Compatible,
        );
        let c = one(&edit(&[(range, "        range: {min: 0}\n")]));
        check(
            &c,
            Kind::RangeWidened,
            LT,
            None,
            Some("MaxResults"),
            Compatible,
        );
        let c = one(&edit(&[(range, "")]));
        check(
            &c,
            Kind::RangeWidened,
            LT,
            None,
            Some("MaxResults"),
            Compatible,
        );
        // One bound widens, the other narrows: a request valid before may fail.
        let c = one(&edit(&[(range, "        range: {min: 0, max: 10}\n")]));
        check(
            &c,
            Kind::RangeNarrowed,
            LT,
            None,
            Some("MaxResults"),
            Behaviour,
        );
        let c = one(&edit(&[(
            "      PrincipalId:\n        type: string\n",
            "      PrincipalId:\n        type: string\n        length: {max: 32}\n",
        )]));
        check(
            &c,
            Kind::RangeNarrowed,
            LT,
            None,
            Some("PrincipalId"),
            Behaviour,
        );
    }

    #[test]
    fn constraints() {
        let zone = "        prefix: z-\n";
        let c = one(&edit(&[(zone, "")]));
        check(
            &c,
            Kind::ConstraintRemoved,
            LT,
            None,
            Some("ZoneId"),
            Compatible,
        );
        let c = one(&edit(&[(zone, "        prefix: zone-\n")]));
        check(
            &c,
            Kind::ConstraintChanged,
            LT,
            None,
            Some("ZoneId"),
            Behaviour,
        );
        let c = one(&edit(&[(zone, "        prefix: z\n")]));
        check(
            &c,
            Kind::ConstraintChanged,
            LT,
            None,
            Some("ZoneId"),
            Compatible,
        );
        let c = one(&edit(&[(
            "      PrincipalId:\n        type: string\n",
            "      PrincipalId:\n        type: string\n        pattern: '^u-'\n",
        )]));
        check(
            &c,
            Kind::ConstraintAdded,
            LT,
            None,
            Some("PrincipalId"),
            Behaviour,
        );
        let paired = "      - paired: [TargetType, TargetId]\n";
        let c = one(&edit(&[(
            paired,
            &format!(
                "{paired}      - when: {{parameter: TargetType, equals: User}}\n        then: {{parameter: TargetId, prefix: u-}}\n"
            ),
        )]));
        check(
            &c,
            Kind::ConstraintAdded,
            LT,
            None,
            Some("TargetId"),
            Behaviour,
        );
        let c = one(&edit(&[("    constraints:\n", ""), (paired, "")]));
        check(
            &c,
            Kind::ConstraintRemoved,
            LT,
            None,
            Some("TargetType"),
            Compatible,
        );
        let tf = "operators: [ge], max_age_days: 7}";
        let c = one(&edit(&[(tf, "operators: [ge, gt], max_age_days: 30}")]));
        check(
            &c,
            Kind::ConstraintChanged,
            LT,
            None,
            Some("Since"),
            Compatible,
        );
        let c = one(&edit(&[(tf, "operators: [ge], max_age_days: 1}")]));
        check(
            &c,
            Kind::ConstraintChanged,
            LT,
            None,
            Some("Since"),
            Behaviour,
        );
    }

    #[test]
    fn pagination() {
        let pag = "    pagination:\n      input_token: NextToken\n      output_token: NextToken\n      items: Tasks\n      page_size: MaxResults\n";
        let c = one(&edit(&[(pag, "")]));
        check(&c, Kind::PaginationRemoved, LT, None, None, Breaking);
        let c = diff(&[load(&edit(&[(pag, "")]))], &[load(BASE)]).changes;
        assert_eq!(c.len(), 1);
        check(&c[0], Kind::PaginationAdded, LT, None, None, Compatible);
        let c = one(&edit(&[("      page_size: MaxResults\n", "")]));
        check(&c, Kind::PaginationChanged, LT, None, None, Compatible);
    }

    #[test]
    fn errors() {
        // Still documented by GetTask: the constant stays.
        let c = one(&edit(&[(
            "      FailedOperation.Busy: Busy.\n  GetTask:",
            "  GetTask:",
        )]));
        check(
            &c,
            Kind::ErrorRemoved,
            LT,
            None,
            Some("FailedOperation.Busy"),
            Compatible,
        );
        let c = one(&edit(&[(
            "      InvalidParameter.NextTokenInvalid: Invalid nextToken.\n",
            "",
        )]));
        check(
            &c,
            Kind::ErrorRemoved,
            LT,
            None,
            Some("InvalidParameter.NextTokenInvalid"),
            Breaking,
        );
        let c = one(&edit(&[(
            "      InvalidParameter.NextTokenInvalid: Invalid nextToken.\n",
            "      InvalidParameter.NextTokenInvalid: Invalid nextToken.\n      LimitExceeded: Too many.\n",
        )]));
        check(
            &c,
            Kind::ErrorAdded,
            LT,
            None,
            Some("LimitExceeded"),
            Compatible,
        );
    }

    #[test]
    fn deprecation() {
        let c = one(&edit(&[(
            "  GetTask:\n",
            "  GetTask:\n    deprecated: Use ListTasks.\n",
        )]));
        check(
            &c,
            Kind::OperationDeprecated,
            Some("GetTask"),
            None,
            None,
            Compatible,
        );
        assert!(c.detail.contains("Use ListTasks."), "{}", c.detail);
        let c = diff(
            &[load(&edit(&[(
                "  GetTask:\n",
                "  GetTask:\n    deprecated: true\n",
            )]))],
            &[load(BASE)],
        )
        .changes;
        assert_eq!(c.len(), 1);
        check(
            &c[0],
            Kind::OperationChanged,
            Some("GetTask"),
            None,
            None,
            Compatible,
        );
        let c = one(&edit(&[(
            "      Secret:\n        type: string\n",
            "      Secret:\n        type: string\n        deprecated: true\n",
        )]));
        check(
            &c,
            Kind::FieldDeprecated,
            LT,
            None,
            Some("Secret"),
            Compatible,
        );
    }

    #[test]
    fn rust_name_keys() {
        let c = one(&edit(&[(
            "      PrincipalId:\n        type: string\n",
            "      PrincipalId:\n        type: string\n        rust_name: principal\n",
        )]));
        check(
            &c,
            Kind::RustNameChanged,
            LT,
            None,
            Some("PrincipalId"),
            Breaking,
        );
        // A model's Rust name: the model and every field holding it change.
        let c = changes(&edit(&[(
            "  TaskInfo:\n",
            "  TaskInfo:\n    rust_name: Task\n",
        )]));
        let kinds: Vec<_> = c.iter().map(|c| (c.kind, c.breaking)).collect();
        assert_eq!(
            kinds,
            [
                (Kind::TypeChanged, true),
                (Kind::TypeChanged, true),
                (Kind::RustNameChanged, true)
            ],
            "{c:#?}"
        );
        // An operation's: client method, request, response and builders.
        let c = changes(&edit(&[(
            "  GetTask:\n",
            "  GetTask:\n    rust_name: FetchTask\n",
        )]));
        assert!(
            c.iter()
                .all(|c| c.kind == Kind::RustNameChanged && c.breaking),
            "{c:#?}"
        );
        assert_eq!(c.len(), 3, "{c:#?}");
    }

    #[test]
    fn input_required_matters_where_a_request_sends_the_model() {
        let name = "      Name:\n        type: string\n";
        let c = one(&edit(&[(
            name,
            &format!("{name}        input_required: true\n"),
        )]));
        check(
            &c,
            Kind::FieldBecameRequired,
            None,
            Some("Filter"),
            Some("Name"),
            Behaviour,
        );
        // TaskInfo is only ever returned: documentation.
        let owner = "      Owner:\n        type: string\n        required: true\n";
        let c = changes(&edit(&[(
            owner,
            &format!("{owner}        input_required: true\n"),
        )]));
        assert_eq!(c, vec![]);
    }

    #[test]
    fn offset_pagination() {
        let tasks = "    pagination:\n      input_token: NextToken\n      output_token: NextToken\n      items: Tasks\n      page_size: MaxResults\n";
        // ListTasks moves from token to offset paging over the same items.
        let offset = edit(&[
            (
                "      MaxResults:\n",
                "      Offset:\n        type: int64\n      MaxResults:\n",
            ),
            (
                tasks,
                "    pagination:\n      style: offset\n      offset: Offset\n      limit: MaxResults\n      items: Tasks\n",
            ),
        ]);
        let c = changes(&offset);
        let kinds: Vec<_> = c.iter().map(|c| (c.kind, c.impact)).collect();
        assert_eq!(
            kinds,
            [
                (Kind::RequestParamAddedOptional, Compatible),
                (Kind::PaginationChanged, Compatible)
            ],
            "{c:#?}"
        );
        assert!(c[1].detail.contains("offset `Offset`"), "{}", c[1].detail);
    }

    #[test]
    fn alibaba_wire_facts_are_compatible() {
        let ali = BASE.replace("provider: tencent", "provider: alibaba");
        let old = load(&ali);
        let new = load(
            &ali.replace("  GetTask:\n", "  GetTask:\n    method: GET\n")
                .replace(
                    "      Secret:\n        type: string\n",
                    "      Secret:\n        type: string\n        location: body\n",
                ),
        );
        let c = diff(&[old], &[new]).changes;
        let got: Vec<_> = c
            .iter()
            .map(|c| (c.kind, c.operation.as_deref(), c.name.as_deref(), c.impact))
            .collect();
        assert_eq!(
            got,
            [
                (Kind::OperationChanged, Some("GetTask"), None, Compatible),
                (
                    Kind::OperationChanged,
                    Some("ListTasks"),
                    Some("Secret"),
                    Compatible
                ),
            ],
            "{c:#?}"
        );
        assert!(c[0].detail.contains("GET"), "{}", c[0].detail);
    }

    fn sample() -> Report {
        let new = edit(&[
            ("      PrincipalId:\n        type: string\n", ""),
            (
                "      Success: Done.\n",
                "      Success: Done.\n      Failed: Failed.\n",
            ),
            (
                "        range: {min: 1, max: 20}\n",
                "        range: {min: 1, max: 10}\n",
            ),
        ]);
        diff(&[load(BASE)], &[load(&new)])
    }

    #[test]
    fn json_shape() {
        let r = sample();
        let v: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
        let obj = v.as_object().unwrap();
        assert_eq!(
            obj.keys().collect::<Vec<_>>(),
            ["breaking", "changes", "compatible"]
        );
        assert_eq!(
            (v["breaking"].as_u64(), v["compatible"].as_u64()),
            (Some(2), Some(1))
        );
        let changes = v["changes"].as_array().unwrap();
        assert_eq!(changes.len(), 3);
        for c in changes {
            let mut keys: Vec<_> = c.as_object().unwrap().keys().cloned().collect();
            keys.sort();
            assert_eq!(
                keys,
                ["breaking", "detail", "kind", "model", "name", "operation"]
            );
        }
        assert_eq!(
            changes[0],
            serde_json::json!({
                "kind": "request_param_removed",
                "operation": "ListTasks",
                "model": null,
                "name": "PrincipalId",
                "breaking": true,
                "detail": "request parameter `PrincipalId` removed (was `Option<String>`)",
            })
        );
        assert_eq!(changes[2]["kind"], "enum_value_added");
        assert_eq!(changes[2]["model"], "TaskStatus");
        assert_eq!(changes[2]["operation"], serde_json::Value::Null);
    }

    #[test]
    fn text_groups_by_operation_breaking_first() {
        let text = sample().to_text();
        let expected = "\
tencent/probe: 2 breaking, 1 compatible

  operation ListTasks
    breaking              request_param_removed  request parameter `PrincipalId` removed (was `Option<String>`)
    breaking (behaviour)  range_narrowed         request parameter `MaxResults`: range 1..=20 → 1..=10 (a request valid before is refused now)

  type TaskStatus
    compatible            enum_value_added       value `Failed` added: variant `TaskStatus::Failed`

2 breaking, 1 compatible: code using the generated crate breaks (a major release)
";
        assert_eq!(text, expected);
    }

    #[test]
    fn markdown_changelog() {
        let md = sample().to_markdown();
        assert!(md.starts_with("## API changes\n\n2 breaking, 1 compatible.\n\n### Breaking changes\n\n- **`ListTasks`**: request parameter"), "{md}");
        assert!(
            md.contains("### Compatible changes\n\n- **`TaskStatus`**: value `Failed` added"),
            "{md}"
        );
        assert!(md.contains("(`range_narrowed` (behaviour))"), "{md}");
        assert_eq!(
            Report::default().to_markdown(),
            "## API changes\n\nNo changes to operations, parameters, fields, models or enums.\n"
        );
    }

    #[test]
    fn every_kind_has_its_snake_case_name() {
        let json = serde_json::to_string(&Kind::RequestParamAddedOptional).unwrap();
        assert_eq!(json, "\"request_param_added_optional\"");
        assert_eq!(Kind::RangeNarrowed.to_string(), "range_narrowed");
    }

    #[test]
    fn overlays_are_skipped() {
        assert!(in_overlays(Path::new("overlays/tencent/x.yaml")));
        assert!(in_overlays(Path::new("a/overlays/x.yaml")));
        assert!(!in_overlays(Path::new("tencent/overlays.yaml")));
        assert!(!in_overlays(Path::new("tencent/x.yaml")));
    }
}
