//! Stage 3, model: resolved names and types, plain data; emission reads only this.
//!
//! Built from a spec that passed [`mod@crate::check`], so every reference resolves. Items
//! sit in `BTreeMap`s keyed by Rust name, which fixes the output order.

use std::collections::{BTreeMap, BTreeSet};

use crate::load::{self, ConditionalRule, CrossConstraint, Scalar, SpecFile, TypeSpec};
use crate::naming;

/// Which vendor protocol and signing a service uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Provider {
    /// Alibaba Cloud RPC style, ACS3-HMAC-SHA256.
    Alibaba,
    /// Tencent Cloud API 3.0, TC3-HMAC-SHA256.
    Tencent,
}

impl Provider {
    /// The spec spelling, also the Rust module name.
    pub fn as_str(self) -> &'static str {
        match self {
            Provider::Alibaba => "alibaba",
            Provider::Tencent => "tencent",
        }
    }

    /// Parses the spec spelling.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "alibaba" => Some(Provider::Alibaba),
            "tencent" => Some(Provider::Tencent),
            _ => None,
        }
    }
}

/// One service version, resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    /// Vendor.
    pub provider: Provider,
    /// Rust module name, e.g. `cloudsso`.
    pub module: String,
    /// Vendor product code.
    pub product: String,
    /// Human title.
    pub title: String,
    /// API version.
    pub version: String,
    /// Default endpoint.
    pub endpoint: String,
    /// Endpoint template with `{region}`.
    pub regional_endpoint: Option<String>,
    /// Documented calls per second.
    pub rate_limit: Option<u32>,
    /// Description.
    pub doc: String,
    /// Where the facts come from.
    pub source: Option<String>,
    /// The spec file, as given to the generator (for the header).
    pub spec_path: String,
    /// Where `service.name` is written in the spec, for diagnostics about the module.
    pub name_pos: crate::error::Pos,
    /// Enums by Rust name.
    pub enums: BTreeMap<String, Enum>,
    /// Models by Rust name.
    pub models: BTreeMap<String, Struct>,
    /// Operations by Rust method name.
    pub operations: BTreeMap<String, Operation>,
}

impl Service {
    /// `alibaba-cloudsso`: the cargo feature gating the module.
    pub fn feature(&self) -> String {
        format!(
            "{}-{}",
            self.provider.as_str(),
            self.module.replace('_', "-")
        )
    }

    /// `alibaba_cloudsso`: the file stem used by the build-script API.
    pub fn file_stem(&self) -> String {
        format!("{}_{}", self.provider.as_str(), self.module)
    }

    /// Every documented error code across operations, by constant name, with the
    /// operations documenting it.
    pub fn error_codes(&self) -> BTreeMap<String, (String, String, Vec<String>)> {
        let mut out: BTreeMap<String, (String, String, Vec<String>)> = BTreeMap::new();
        for op in self.operations.values() {
            for e in &op.errors {
                let entry = out
                    .entry(e.const_name.clone())
                    .or_insert_with(|| (e.code.clone(), e.doc.clone(), Vec::new()));
                entry.2.push(op.wire_name.clone());
            }
        }
        out
    }
}

/// An open enumeration.
#[derive(Debug, Clone, PartialEq)]
pub struct Enum {
    /// Name in the spec.
    pub wire_name: String,
    /// Rust type name.
    pub rust_name: String,
    /// Description.
    pub doc: String,
    /// Known values.
    pub variants: Vec<Variant>,
}

/// One known enum value.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// Wire value, e.g. `RD-Account`.
    pub wire_name: String,
    /// Rust variant, e.g. `RdAccount`.
    pub rust_name: String,
    /// Description.
    pub doc: String,
}

/// A struct: a model, a request or a response.
#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    /// Name in the spec (for requests and responses, the operation name plus suffix).
    pub wire_name: String,
    /// Rust type name.
    pub rust_name: String,
    /// Description.
    pub doc: String,
    /// Fields in spec order.
    pub fields: Vec<Field>,
}

/// Rust-side type of a field.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Type {
    /// `String`
    String,
    /// `i32`
    I32,
    /// `i64`
    I64,
    /// `u64`
    U64,
    /// `bool`
    Bool,
    /// `specbind_runtime::Timestamp`
    Timestamp,
    /// `f64`
    F64,
    /// `specbind_runtime::Date`
    Date,
    /// `specbind_runtime::DateTime`
    DateTime,
    /// `specbind_runtime::Blob`
    Blob,
    /// An enum of this service, by Rust name.
    Enum(String),
    /// A model of this service, by Rust name.
    Model(String),
    /// `Vec<T>`
    List(Box<Type>),
}

impl Type {
    /// Whether values are integers (range constraints apply).
    pub fn is_integer(&self) -> bool {
        matches!(self, Type::I32 | Type::I64 | Type::U64)
    }
}

/// A struct field (request parameter, response field or model field).
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Wire name.
    pub wire_name: String,
    /// Rust field name (may start with `r#`).
    pub rust_name: String,
    /// Type.
    pub ty: Type,
    /// Required (request) / always present (response).
    pub required: bool,
    /// A secret: redacted in `Debug` and in validation messages.
    pub sensitive: bool,
    /// Description.
    pub doc: String,
    /// Service-side default, for docs.
    pub default: Option<Scalar>,
    /// Example value, for docs.
    pub example: Option<Scalar>,
    /// When a sometimes-present field appears.
    pub present_when: Option<String>,
    /// Single-field rules, in a fixed order.
    pub rules: Vec<FieldRule>,
    /// May be `null` in a response.
    pub nullable: bool,
    /// Model fields: must be set when the model is sent in a request.
    pub input_required: bool,
    /// `Some(note)` when deprecated (the note may be empty).
    pub deprecated: Option<String>,
    /// Alibaba: sent form-encoded in the request body rather than the query.
    pub in_body: bool,
    /// Alibaba: how the value is written.
    pub style: Style,
    /// A model field on a cycle of models: held in a `Box`.
    pub boxed: bool,
}

/// How an Alibaba parameter's value is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Style {
    /// Scalars as text; lists and objects flattened as `Key.N` / `Key.Sub` (Alibaba's
    /// `flat` and `repeatList`).
    #[default]
    Flat,
    /// The value as one JSON text.
    Json,
    /// A list's items joined with `,`.
    Simple,
}

/// A rule on one field's value.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldRule {
    /// Inclusive numeric bounds.
    Range {
        /// Lower bound.
        min: Option<i128>,
        /// Upper bound.
        max: Option<i128>,
    },
    /// Inclusive length bounds in characters.
    Length {
        /// Lower bound.
        min: Option<usize>,
        /// Upper bound.
        max: Option<usize>,
    },
    /// Must start with this.
    Prefix(String),
    /// Must match this regex.
    Pattern(String),
    /// Time filter expression.
    TimeFilter {
        /// Attribute.
        attribute: String,
        /// Operators.
        operators: Vec<String>,
        /// Case ignored.
        case_insensitive: bool,
        /// Window in days.
        max_age_days: Option<u64>,
    },
}

/// A rule over several request parameters (by index into the request's fields).
#[derive(Debug, Clone, PartialEq)]
pub enum Cross {
    /// Both or neither.
    Paired(usize, usize),
    /// When `when == equals`, `then` satisfies `rule`.
    When {
        /// Tested parameter.
        when: usize,
        /// Wire value it is tested against.
        equals: String,
        /// Constrained parameter.
        then: usize,
        /// What is required.
        rule: CrossRule,
    },
}

/// What a conditional constraint requires.
#[derive(Debug, Clone, PartialEq)]
pub enum CrossRule {
    /// Prefix.
    Prefix(String),
    /// Pattern.
    Pattern(String),
    /// Presence.
    Required,
}

/// Paging metadata, by field index.
#[derive(Debug, Clone, PartialEq)]
pub struct Pagination {
    /// Request token parameter.
    pub input_token: usize,
    /// Response token field.
    pub output_token: usize,
    /// Response truncation flag.
    pub truncated: Option<usize>,
    /// Response item list.
    pub items: usize,
    /// Request page-size parameter.
    pub page_size: Option<usize>,
}

/// Offset paging metadata, by field index.
#[derive(Debug, Clone, PartialEq)]
pub struct OffsetPagination {
    /// Request parameter: index of the first item.
    pub offset: usize,
    /// Request page-size parameter.
    pub limit: Option<usize>,
    /// Response field: items in the whole listing.
    pub total: Option<usize>,
    /// Response item list.
    pub items: usize,
}

/// A documented error code.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorCode {
    /// Wire code.
    pub code: String,
    /// Rust constant name.
    pub const_name: String,
    /// Meaning.
    pub doc: String,
}

/// One operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// Wire action name.
    pub wire_name: String,
    /// Client method name.
    pub method: String,
    /// Description.
    pub doc: String,
    /// `OpRequest`.
    pub request: Struct,
    /// `OpResponse`.
    pub response: Struct,
    /// Multi-parameter rules.
    pub cross: Vec<Cross>,
    /// Paging.
    pub pagination: Option<Pagination>,
    /// Documented errors.
    pub errors: Vec<ErrorCode>,
    /// The operation only reads, as the spec says or, for Tencent when the spec is
    /// silent, as its `Describe`/`List`/`Get` name says.
    pub readonly: bool,
    /// A read, or marked idempotent: the runtime may retry it after the server got it.
    pub idempotent: bool,
    /// `Some(note)` when deprecated (the note may be empty).
    pub deprecated: Option<String>,
    /// Sent as an HTTP GET (Alibaba); POST otherwise.
    pub http_get: bool,
    /// Offset paging.
    pub offset_pagination: Option<OffsetPagination>,
}

impl Operation {
    /// Rust name of the request builder.
    pub fn builder_name(&self) -> String {
        format!("{}Builder", self.request.rust_name)
    }

    /// Rust name of the client's fluent builder.
    pub fn fluent_name(&self) -> String {
        let base = self
            .request
            .rust_name
            .strip_suffix("Request")
            .unwrap_or(&self.request.rust_name);
        format!("{base}FluentBuilder")
    }

    /// Wire names of the parameters sent in the request body (Alibaba).
    pub fn body_params(&self) -> Vec<&str> {
        self.request
            .fields
            .iter()
            .filter(|f| f.in_body)
            .map(|f| f.wire_name.as_str())
            .collect()
    }
}

/// Resolves a checked spec. `spec_path` is recorded in the generated header.
pub fn build(spec: &SpecFile, spec_path: &str) -> Service {
    let s = &spec.service;
    // Enums and models are named apart in a spec: an enum and a model may share a spec
    // name when one of them has a `rust_name`.
    let names: Names = (
        spec.enums
            .iter()
            .map(|e| {
                (
                    e.value.name.as_str(),
                    naming::type_name(e.value.rust_base()),
                )
            })
            .collect(),
        spec.models
            .iter()
            .map(|m| {
                (
                    m.value.name.as_str(),
                    naming::type_name(m.value.rust_base()),
                )
            })
            .collect(),
    );
    let type_of = |t: &TypeSpec| -> Type { resolve_type(t, &names) };
    let field = |f: &load::FieldSpec| -> Field {
        let mut rules = Vec::new();
        if let Some(r) = &f.range {
            rules.push(FieldRule::Range {
                min: r.value.min,
                max: r.value.max,
            });
        }
        if let Some(r) = &f.length {
            rules.push(FieldRule::Length {
                min: r.value.min.and_then(|v| usize::try_from(v).ok()),
                max: r.value.max.and_then(|v| usize::try_from(v).ok()),
            });
        }
        if let Some(p) = &f.prefix {
            rules.push(FieldRule::Prefix(p.value.clone()));
        }
        if let Some(p) = &f.pattern {
            rules.push(FieldRule::Pattern(p.value.clone()));
        }
        if let Some(t) = &f.time_filter {
            rules.push(FieldRule::TimeFilter {
                attribute: t.value.attribute.clone(),
                operators: t.value.operators.clone(),
                case_insensitive: t.value.case_insensitive,
                max_age_days: t
                    .value
                    .max_age_days
                    .as_ref()
                    .and_then(|d| u64::try_from(d.value).ok()),
            });
        }
        Field {
            wire_name: f.name.clone(),
            rust_name: naming::field_name(f.rust_base()),
            ty: type_of(&f.ty.value),
            required: f.required,
            sensitive: f.sensitive,
            doc: f.doc.clone(),
            default: f.default.as_ref().map(|d| d.value.clone()),
            example: f.example.clone(),
            present_when: f.present_when.clone(),
            rules,
            nullable: f.nullable,
            input_required: f.input_required,
            deprecated: f.deprecated.clone(),
            in_body: f.location.as_ref().is_some_and(|l| l.value == "body"),
            style: match f.style.as_ref().map(|s| s.value.as_str()) {
                Some("json") => Style::Json,
                Some("simple") => Style::Simple,
                _ => Style::Flat,
            },
            boxed: false,
        }
    };
    let enums = spec
        .enums
        .iter()
        .map(|e| {
            let e = &e.value;
            let rust = naming::type_name(e.rust_base());
            let en = Enum {
                wire_name: e.name.clone(),
                rust_name: rust.clone(),
                doc: e.doc.clone(),
                variants: e
                    .values
                    .iter()
                    .map(|v| Variant {
                        wire_name: v.value.0.clone(),
                        rust_name: naming::variant_name(&v.value.0),
                        doc: v.value.1.clone(),
                    })
                    .collect(),
            };
            (rust, en)
        })
        .collect();
    let models = spec
        .models
        .iter()
        .map(|m| {
            let m = &m.value;
            let rust = naming::type_name(m.rust_base());
            let st = Struct {
                wire_name: m.name.clone(),
                rust_name: rust.clone(),
                doc: m.doc.clone(),
                fields: m.fields.iter().map(|f| field(&f.value)).collect(),
            };
            (rust, st)
        })
        .collect();
    let operations = spec
        .operations
        .iter()
        .map(|o| {
            let o = &o.value;
            let request = Struct {
                wire_name: format!("{}Request", o.name),
                rust_name: naming::operation_type_name(o.rust_base(), "Request"),
                doc: format!("Parameters of the `{}` operation.", o.name),
                fields: o.request.iter().map(|f| field(&f.value)).collect(),
            };
            let response = Struct {
                wire_name: format!("{}Response", o.name),
                rust_name: naming::operation_type_name(o.rust_base(), "Response"),
                doc: format!("The result of the `{}` operation.", o.name),
                fields: o.response.iter().map(|f| field(&f.value)).collect(),
            };
            let idx =
                |fields: &[Field], wire: &str| fields.iter().position(|f| f.wire_name == wire);
            let cross = o
                .constraints
                .iter()
                .filter_map(|c| match &c.value {
                    CrossConstraint::Paired(a, b) => Some(Cross::Paired(
                        idx(&request.fields, &a.value)?,
                        idx(&request.fields, &b.value)?,
                    )),
                    CrossConstraint::Conditional {
                        when,
                        equals,
                        then,
                        rule,
                    } => Some(Cross::When {
                        when: idx(&request.fields, &when.value)?,
                        equals: equals.value.clone(),
                        then: idx(&request.fields, &then.value)?,
                        rule: match rule {
                            ConditionalRule::Prefix(p) => CrossRule::Prefix(p.value.clone()),
                            ConditionalRule::Pattern(p) => CrossRule::Pattern(p.value.clone()),
                            ConditionalRule::Required => CrossRule::Required,
                        },
                    }),
                })
                .collect();
            let pagination = o.pagination.as_ref().and_then(|p| {
                let p = &p.value;
                Some(Pagination {
                    input_token: idx(&request.fields, &p.input_token.value)?,
                    output_token: idx(&response.fields, &p.output_token.value)?,
                    truncated: match &p.truncated {
                        Some(t) => Some(idx(&response.fields, &t.value)?),
                        None => None,
                    },
                    items: idx(&response.fields, &p.items.value)?,
                    page_size: match &p.page_size {
                        Some(t) => Some(idx(&request.fields, &t.value)?),
                        None => None,
                    },
                })
            });
            let offset_pagination = o.offset_pagination.as_ref().and_then(|p| {
                let p = &p.value;
                Some(OffsetPagination {
                    offset: idx(&request.fields, &p.offset.value)?,
                    limit: match &p.limit {
                        Some(t) => Some(idx(&request.fields, &t.value)?),
                        None => None,
                    },
                    total: match &p.total {
                        Some(t) => Some(idx(&response.fields, &t.value)?),
                        None => None,
                    },
                    items: idx(&response.fields, &p.items.value)?,
                })
            });
            let errors = o
                .errors
                .iter()
                .map(|e| ErrorCode {
                    code: e.value.0.clone(),
                    const_name: naming::const_name(&e.value.0),
                    doc: e.value.1.clone(),
                })
                .collect();
            let method = naming::method_name(o.rust_base());
            let readonly = o.readonly.unwrap_or_else(|| {
                s.provider.value == "tencent"
                    && ["Describe", "List", "Get"].iter().any(|p| {
                        o.name
                            .strip_prefix(p)
                            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()))
                    })
            });
            (
                method.clone(),
                Operation {
                    wire_name: o.name.clone(),
                    method,
                    doc: o.doc.clone(),
                    request,
                    response,
                    cross,
                    pagination,
                    errors,
                    readonly,
                    idempotent: readonly || o.idempotent,
                    deprecated: o.deprecated.clone(),
                    http_get: o
                        .method
                        .as_ref()
                        .is_some_and(|m| m.value.eq_ignore_ascii_case("GET")),
                    offset_pagination,
                },
            )
        })
        .collect();
    let mut models: BTreeMap<String, Struct> = models;
    box_cycles(&mut models);
    Service {
        provider: Provider::parse(&s.provider.value).unwrap_or(Provider::Alibaba),
        module: s.name.value.clone(),
        product: s.product.value.clone(),
        title: s.title.clone(),
        version: s.version.value.clone(),
        endpoint: s.endpoint.value.clone(),
        regional_endpoint: s.regional_endpoint.as_ref().map(|r| r.value.clone()),
        rate_limit: s
            .rate_limit
            .as_ref()
            .and_then(|r| u32::try_from(r.value).ok()),
        doc: s.doc.clone(),
        source: s.source.clone(),
        spec_path: spec_path.to_owned(),
        name_pos: s.name.pos,
        enums,
        models,
        operations,
    }
}

/// Rust names of enums and of models, by spec name.
type Names<'a> = (BTreeMap<&'a str, String>, BTreeMap<&'a str, String>);

fn resolve_type(t: &TypeSpec, names: &Names<'_>) -> Type {
    let named = |map: &BTreeMap<&str, String>, n: &str| {
        map.get(n).cloned().unwrap_or_else(|| naming::type_name(n))
    };
    match t {
        TypeSpec::String => Type::String,
        TypeSpec::Int32 => Type::I32,
        TypeSpec::Int64 => Type::I64,
        TypeSpec::Uint64 => Type::U64,
        TypeSpec::Boolean => Type::Bool,
        TypeSpec::Timestamp => Type::Timestamp,
        TypeSpec::Float => Type::F64,
        TypeSpec::Date => Type::Date,
        TypeSpec::DateTime => Type::DateTime,
        TypeSpec::Binary => Type::Blob,
        TypeSpec::Enum(n) => Type::Enum(named(&names.0, &n.value)),
        TypeSpec::Object(n) => Type::Model(named(&names.1, &n.value)),
        TypeSpec::List(inner) => Type::List(Box::new(resolve_type(inner, names))),
    }
}

/// Boxes every model field (not list) that closes a cycle of models: a field of `M`
/// holding `N` where `N` reaches `M` again through such fields. Without the box the
/// struct would have no finite size.
fn box_cycles(models: &mut BTreeMap<String, Struct>) {
    let edges: BTreeMap<String, Vec<String>> = models
        .iter()
        .map(|(k, m)| {
            let to = m
                .fields
                .iter()
                .filter_map(|f| match &f.ty {
                    Type::Model(n) => Some(n.clone()),
                    _ => None,
                })
                .collect();
            (k.clone(), to)
        })
        .collect();
    let reaches = |from: &str, to: &str| -> bool {
        let mut stack = vec![from.to_owned()];
        let mut seen = BTreeSet::new();
        while let Some(n) = stack.pop() {
            if n == to {
                return true;
            }
            if seen.insert(n.clone()) {
                stack.extend(edges.get(&n).into_iter().flatten().cloned());
            }
        }
        false
    };
    for (name, m) in models.iter_mut() {
        for f in &mut m.fields {
            if let Type::Model(n) = &f.ty
                && reaches(n, name)
            {
                f.boxed = true;
            }
        }
    }
}

impl Service {
    /// Keeps only the named operations (by wire name) and the enums and models they
    /// reach. Unknown names are returned as an error listing them.
    pub fn retain_operations(&mut self, wanted: &[String]) -> Result<(), Vec<String>> {
        let unknown: Vec<String> = wanted
            .iter()
            .filter(|w| !self.operations.values().any(|o| &o.wire_name == *w))
            .cloned()
            .collect();
        if !unknown.is_empty() {
            return Err(unknown);
        }
        self.operations.retain(|_, o| wanted.contains(&o.wire_name));
        // Walk every type the kept operations reach, through models transitively.
        let mut models = BTreeSet::new();
        let mut enums = BTreeSet::new();
        let mut stack: Vec<Type> = self
            .operations
            .values()
            .flat_map(|o| o.request.fields.iter().chain(&o.response.fields))
            .map(|f| f.ty.clone())
            .collect();
        while let Some(t) = stack.pop() {
            match t {
                Type::Enum(n) => {
                    enums.insert(n);
                }
                Type::Model(n) => {
                    if models.insert(n.clone())
                        && let Some(m) = self.models.get(&n)
                    {
                        stack.extend(m.fields.iter().map(|f| f.ty.clone()));
                    }
                }
                Type::List(inner) => stack.push(*inner),
                _ => {}
            }
        }
        self.models.retain(|k, _| models.contains(k));
        self.enums.retain(|k, _| enums.contains(k));
        Ok(())
    }
}
