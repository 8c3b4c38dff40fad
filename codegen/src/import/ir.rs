//! The vendor-neutral shape both importers fill, and its lowering to a spec tree.
//!
//! [`super::tencent`] and [`super::alibaba`] only read their vendor's description into a
//! [`Service`]; everything that decides what the spec says is here, once: Rust names
//! (a `rust_name` wherever two wire names would become the same Rust name), rules mined
//! from the prose ([`super::mine`]), enums made from enumerated values, and paging
//! detected from the shapes of requests and responses.

use std::collections::{BTreeMap, BTreeSet};

use super::Report;
use super::mine::{self, Mined};
use super::tree::{self, Map, Node};
use crate::naming;

/// A service version as read from a vendor description.
#[derive(Debug, Clone, Default)]
pub struct Service {
    /// `alibaba` or `tencent`.
    pub provider: &'static str,
    /// The Rust module name.
    pub name: String,
    /// Vendor product code.
    pub product: String,
    /// Human title.
    pub title: String,
    /// API version.
    pub version: String,
    /// Default endpoint URL.
    pub endpoint: String,
    /// Endpoint template with `{region}`.
    pub regional_endpoint: Option<String>,
    /// Service description.
    pub doc: String,
    /// Where the description comes from.
    pub source: String,
    /// Operations in the description's order.
    pub operations: Vec<Operation>,
    /// Named structures in the description's order.
    pub models: Vec<Model>,
}

/// One operation.
#[derive(Debug, Clone, Default)]
pub struct Operation {
    /// Wire action name.
    pub wire: String,
    /// Description.
    pub doc: String,
    /// `Some(note)` when the vendor marks it deprecated or offline.
    pub deprecated: Option<String>,
    /// `GET` when the vendor's SDKs send it so (Alibaba).
    pub method: Option<String>,
    /// Whether it only reads, when the vendor says.
    pub readonly: Option<bool>,
    /// Request parameters.
    pub request: Vec<Field>,
    /// Response fields.
    pub response: Vec<Field>,
}

/// A named structure.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Model {
    /// Wire (description) name.
    pub wire: String,
    /// Description.
    pub doc: String,
    /// Fields.
    pub fields: Vec<Field>,
}

/// A request parameter, response field or model field.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Field {
    /// Wire name.
    pub wire: String,
    /// Description.
    pub doc: String,
    /// Type.
    pub ty: Ty,
    /// Request: required. Model: required when sent in a request.
    pub required: bool,
    /// May be `null` in a response.
    pub nullable: bool,
    /// Example value as text.
    pub example: Option<String>,
    /// Alibaba: `body` when sent in a form body.
    pub location: Option<&'static str>,
    /// Alibaba: `json`, `simple`, ... when not the default.
    pub style: Option<&'static str>,
}

/// A field type.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Ty {
    /// Text.
    #[default]
    String,
    /// 32-bit integer.
    Int32,
    /// 64-bit integer.
    Int64,
    /// Unsigned 64-bit integer.
    Uint64,
    /// Floating point.
    Float,
    /// Boolean.
    Bool,
    /// Calendar date.
    Date,
    /// Date and time (any form the vendor writes).
    DateTime,
    /// Bytes.
    Binary,
    /// A model, by wire name.
    Model(String),
    /// A list.
    List(Box<Ty>),
}

impl Ty {
    fn is_integer(&self) -> bool {
        matches!(self, Ty::Int32 | Ty::Int64 | Ty::Uint64)
    }

    fn innermost(&self) -> &Ty {
        match self {
            Ty::List(t) => t.innermost(),
            t => t,
        }
    }
}

/// Lowers `svc` to a spec tree, counting what it decided in `report`.
pub fn lower(svc: &Service, report: &mut Report) -> Map {
    lower_locked(svc, &Lock::default(), report)
}

/// Rust names an earlier import of the service chose, read back from the spec it wrote
/// ([`Lock::from_spec`]). A re-import after the vendor changes its description keeps
/// them: a new model, operation or field whose natural name collides with an existing
/// one is the one renamed, and an enum made from a field's values keeps its name (two
/// fields that shared it keep sharing it, with the union of their values), so no name
/// that users' code holds moves to another type.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Lock {
    /// Operation wire name → the name its types and method come from.
    operations: BTreeMap<String, String>,
    /// Model wire name → Rust type name.
    models: BTreeMap<String, String>,
    /// (section, owner, field) → Rust field name; section is `request`, `response`
    /// or `model`, owner the operation's or model's wire name.
    fields: BTreeMap<(&'static str, String, String), String>,
    /// (section, owner, field) → the name of the enum import made of its values.
    enums: BTreeMap<(&'static str, String, String), String>,
    /// The values of each enum import made, as the spec being replaced lists them.
    enum_values: BTreeMap<String, Vec<String>>,
}

impl Lock {
    /// The names in a spec `specbind import` wrote; empty when `text` is not one (a
    /// broken or hand-made file locks nothing). Enums count only when import made them
    /// (`origin: mined`): an overlay's own enums stay the overlay's business.
    pub fn from_spec(text: &str) -> Lock {
        let mut lock = Lock::default();
        let Ok(located) = tree::parse(text) else {
            return lock;
        };
        let root = located.to_node();
        let Some(root) = root.as_map() else {
            return lock;
        };
        let mined: BTreeSet<&str> = root
            .get("enums")
            .and_then(Node::as_map)
            .map(|e| {
                e.iter()
                    .filter(|(_, n)| {
                        n.as_map()
                            .and_then(|m| m.get("origin"))
                            .and_then(Node::as_str)
                            == Some("mined")
                    })
                    .map(|(k, _)| k)
                    .collect()
            })
            .unwrap_or_default();
        for name in &mined {
            let values = root
                .get("enums")
                .and_then(Node::as_map)
                .and_then(|e| e.get(name))
                .and_then(Node::as_map)
                .and_then(|e| e.get("values"))
                .and_then(Node::as_map)
                .map(|v| v.iter().map(|(k, _)| k.to_owned()).collect())
                .unwrap_or_default();
            lock.enum_values.insert((*name).to_owned(), values);
        }
        let rust_name = |n: &Node| {
            n.as_map()
                .and_then(|m| m.get("rust_name"))
                .and_then(Node::as_str)
                .map(str::to_owned)
        };
        let mut fields = |section: &'static str, owner: &str, node: Option<&Node>| {
            for (f, fnode) in node.and_then(Node::as_map).into_iter().flat_map(Map::iter) {
                let key = (section, owner.to_owned(), f.to_owned());
                let name = rust_name(fnode).unwrap_or_else(|| naming::field_name(f));
                lock.fields.insert(key.clone(), name);
                let Some(fm) = fnode.as_map() else { continue };
                let items = fm.get("items").and_then(Node::as_map);
                let enum_name = fm
                    .get("enum")
                    .or_else(|| items.and_then(|i| i.get("enum")))
                    .and_then(Node::as_str);
                if let Some(e) = enum_name.filter(|e| mined.contains(e)) {
                    lock.enums.insert(key, e.to_owned());
                }
            }
        };
        for (op, node) in root
            .get("operations")
            .and_then(Node::as_map)
            .into_iter()
            .flat_map(Map::iter)
        {
            let m = node.as_map();
            fields("request", op, m.and_then(|m| m.get("request")));
            fields("response", op, m.and_then(|m| m.get("response")));
        }
        for (model, node) in root
            .get("models")
            .and_then(Node::as_map)
            .into_iter()
            .flat_map(Map::iter)
        {
            fields("model", model, node.as_map().and_then(|m| m.get("fields")));
        }
        for (op, node) in root
            .get("operations")
            .and_then(Node::as_map)
            .into_iter()
            .flat_map(Map::iter)
        {
            let base = rust_name(node).unwrap_or_else(|| op.to_owned());
            lock.operations.insert(op.to_owned(), base);
        }
        for (model, node) in root
            .get("models")
            .and_then(Node::as_map)
            .into_iter()
            .flat_map(Map::iter)
        {
            let name = rust_name(node).unwrap_or_else(|| naming::type_name(model));
            lock.models.insert(model.to_owned(), name);
        }
        lock
    }

    /// Drops what the overlay `text` names or retypes: the overlay sets those again
    /// after import, and import must name the rest as it did before the overlay.
    pub fn forget_overlay(&mut self, text: &str) {
        let Ok(located) = tree::parse(text) else {
            return;
        };
        let root = located.to_node();
        let Some(root) = root.as_map() else { return };
        let entries = |key: &str| -> Vec<(String, Node)> {
            root.get(key)
                .and_then(Node::as_map)
                .into_iter()
                .flat_map(Map::iter)
                .map(|(k, n)| (k.to_owned(), n.clone()))
                .collect()
        };
        let sets_name = |n: &Node| n.as_map().is_some_and(|m| m.contains_key("rust_name"));
        let mut fields = |section: &'static str, owner: &str, node: Option<&Node>| {
            for (f, fnode) in node.and_then(Node::as_map).into_iter().flat_map(Map::iter) {
                let Some(fm) = fnode.as_map() else { continue };
                let key = (section, owner.to_owned(), f.to_owned());
                if ["rust_name", "type", "enum", "items"]
                    .iter()
                    .any(|k| fm.contains_key(k))
                {
                    self.fields.remove(&key);
                    self.enums.remove(&key);
                }
            }
        };
        for (op, node) in entries("operations") {
            let m = node.as_map();
            fields("request", &op, m.and_then(|m| m.get("request")));
            fields("response", &op, m.and_then(|m| m.get("response")));
        }
        for (model, node) in entries("models") {
            fields("model", &model, node.as_map().and_then(|m| m.get("fields")));
        }
        for (op, node) in entries("operations") {
            if sets_name(&node) {
                self.operations.remove(&op);
            }
        }
        for (model, node) in entries("models") {
            if sets_name(&node) {
                self.models.remove(&model);
            }
        }
    }

    /// Whether nothing is locked.
    pub fn is_empty(&self) -> bool {
        self.operations.is_empty() && self.models.is_empty()
    }
}

/// [`lower`], keeping the names `lock` holds.
pub fn lower_locked(svc: &Service, lock: &Lock, report: &mut Report) -> Map {
    let mut names = Names::default();
    let mut root = Map::new();
    // Locked names are taken before anything is named, so a newcomer never takes one.
    for op in &svc.operations {
        if let Some(base) = lock.operations.get(&op.wire) {
            names.take_operation(base);
        }
    }
    for m in &svc.models {
        if let Some(name) = lock.models.get(&m.wire) {
            names.types.insert(name.clone());
        }
    }
    for name in lock.enums.values() {
        names.types.insert(name.clone());
    }

    let mut service = Map::new();
    service.insert("provider", svc.provider);
    service.insert("name", svc.name.as_str());
    service.insert("product", svc.product.as_str());
    if !svc.title.is_empty() {
        service.insert("title", svc.title.as_str());
    }
    service.insert("version", svc.version.as_str());
    service.insert("endpoint", svc.endpoint.as_str());
    if let Some(r) = &svc.regional_endpoint {
        service.insert("regional_endpoint", r.as_str());
    }
    if !svc.doc.trim().is_empty() {
        service.insert("doc", svc.doc.trim());
    }
    service.insert("source", svc.source.as_str());
    root.insert("service", service);

    // Type names: operations claim theirs first (they cannot be renamed without
    // changing every type of the operation), then models.
    let mut op_names: Vec<(String, Option<String>)> = Vec::new();
    for op in &svc.operations {
        let renamed = match lock.operations.get(&op.wire) {
            Some(base) => {
                report.locked += 1;
                (base != &op.wire).then(|| base.clone())
            }
            None => names.claim_operation(&op.wire),
        };
        op_names.push((op.wire.clone(), renamed));
    }
    let mut model_rename: BTreeMap<String, Option<String>> = BTreeMap::new();
    for m in &svc.models {
        let renamed = match lock.models.get(&m.wire) {
            Some(name) => {
                report.locked += 1;
                (*name != naming::type_name(&m.wire)).then(|| name.clone())
            }
            None => names.claim_type(&m.wire),
        };
        model_rename.insert(m.wire.clone(), renamed);
    }

    let mut enums = Enums {
        locked_values: lock.enum_values.clone(),
        ..Enums::default()
    };
    let mut models = Map::new();
    for m in &svc.models {
        let mut mm = Map::new();
        if let Some(Some(r)) = model_rename.get(&m.wire) {
            mm.insert("rust_name", r.as_str());
            report.renames += 1;
        }
        if !m.doc.trim().is_empty() {
            mm.insert("doc", m.doc.trim());
        }
        let mut fields = Map::new();
        let mut fnames = FieldNames::default();
        let place = Place::new(lock, "model", &m.wire);
        fnames.take_locked(&place, &m.fields);
        for f in &m.fields {
            let fm = lower_field(
                f,
                Use::Model,
                &place,
                &mut fnames,
                &mut enums,
                &mut names,
                report,
            );
            fields.insert(f.wire.as_str(), fm);
        }
        mm.insert("fields", fields);
        models.insert(m.wire.as_str(), mm);
    }

    let mut operations = Map::new();
    for (op, (_, renamed)) in svc.operations.iter().zip(&op_names) {
        let mut om = Map::new();
        if let Some(r) = renamed {
            om.insert("rust_name", r.as_str());
            report.renames += 1;
        }
        if !op.doc.trim().is_empty() {
            om.insert("doc", op.doc.trim());
        }
        if let Some(note) = &op.deprecated {
            om.insert("deprecated", note.as_str());
            report.deprecated += 1;
        }
        if let Some(m) = &op.method {
            om.insert("method", m.as_str());
        }
        if let Some(r) = op.readonly {
            om.insert("readonly", r);
        }
        let mut request = Map::new();
        let mut fnames = FieldNames::setters();
        let mut mined_by_param: Vec<(String, Mined)> = Vec::new();
        let place = Place::new(lock, "request", &op.wire);
        fnames.take_locked(&place, &op.request);
        for f in &op.request {
            let mined = mine::mine(&f.doc);
            let fm = lower_field_mined(
                f,
                Use::Request,
                &place,
                &mut fnames,
                &mut enums,
                &mut names,
                report,
                &mined,
            );
            request.insert(f.wire.as_str(), fm);
            mined_by_param.push((f.wire.clone(), mined));
        }
        let mut response = Map::new();
        let mut fnames = FieldNames::default();
        let place = Place::new(lock, "response", &op.wire);
        fnames.take_locked(&place, &op.response);
        for f in &op.response {
            let fm = lower_field(
                f,
                Use::Response,
                &place,
                &mut fnames,
                &mut enums,
                &mut names,
                report,
            );
            response.insert(f.wire.as_str(), fm);
        }
        let constraints = cross_rules(op, &mined_by_param, &request, report);
        let pagination = detect_paging(op);
        if !request.is_empty() {
            om.insert("request", request);
        }
        if !response.is_empty() {
            om.insert("response", response);
        }
        if !constraints.is_empty() {
            om.insert("constraints", Node::Seq(constraints));
        }
        if let Some(p) = pagination {
            report.paginators += 1;
            om.insert("pagination", p);
        }
        operations.insert(op.wire.as_str(), om);
    }

    report.operations += svc.operations.len();
    report.models += svc.models.len();
    report.enums += enums.list.len();
    if !enums.list.is_empty() {
        let mut e = Map::new();
        for (name, values) in enums.list {
            let mut em = Map::new();
            em.insert("origin", "mined");
            let mut vm = Map::new();
            for (v, d) in values {
                vm.insert(
                    v,
                    if d.is_empty() {
                        Node::Null
                    } else {
                        Node::Str(d)
                    },
                );
            }
            em.insert("values", vm);
            e.insert(name, em);
        }
        root.insert("enums", e);
    }
    if !models.is_empty() {
        root.insert("models", models);
    }
    root.insert("operations", operations);
    root
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Use {
    Request,
    Response,
    Model,
}

/// Where a field is (section and owner) and what was locked there.
struct Place<'a> {
    lock: &'a Lock,
    section: &'static str,
    owner: &'a str,
}

impl<'a> Place<'a> {
    fn new(lock: &'a Lock, section: &'static str, owner: &'a str) -> Self {
        Place {
            lock,
            section,
            owner,
        }
    }

    fn key(&self, field: &str) -> (&'static str, String, String) {
        (self.section, self.owner.to_owned(), field.to_owned())
    }

    fn field(&self, field: &str) -> Option<&'a str> {
        self.lock.fields.get(&self.key(field)).map(String::as_str)
    }

    fn enum_name(&self, field: &str) -> Option<&'a str> {
        self.lock.enums.get(&self.key(field)).map(String::as_str)
    }
}

fn lower_field(
    f: &Field,
    usage: Use,
    place: &Place<'_>,
    fnames: &mut FieldNames,
    enums: &mut Enums,
    names: &mut Names,
    report: &mut Report,
) -> Map {
    let mined = mine::mine(&f.doc);
    lower_field_mined(f, usage, place, fnames, enums, names, report, &mined)
}

#[allow(clippy::too_many_arguments)]
fn lower_field_mined(
    f: &Field,
    usage: Use,
    place: &Place<'_>,
    fnames: &mut FieldNames,
    enums: &mut Enums,
    names: &mut Names,
    report: &mut Report,
    mined: &Mined,
) -> Map {
    let mut m = Map::new();
    let renamed = match place.field(&f.wire) {
        Some(locked) => (locked != naming::field_name(&f.wire)).then(|| locked.to_owned()),
        None => fnames.claim(&f.wire),
    };
    if let Some(r) = renamed {
        m.insert("rust_name", r);
        report.renames += 1;
    }
    // Enumerated values make an (open) enum of a string field.
    let inner_is_string = *f.ty.innermost() == Ty::String;
    let enum_name = if inner_is_string && usable_values(&mined.values) {
        let name = match place.enum_name(&f.wire) {
            Some(locked) => enums.keep(locked, &mined.values),
            None => enums.intern(&f.wire, place.owner, &mined.values, names),
        };
        report.count_mined("enum_values");
        Some(name)
    } else {
        None
    };
    write_type(&mut m, &f.ty, enum_name.as_deref());
    match usage {
        Use::Request if f.required => m.insert("required", true),
        Use::Model if f.required => m.insert("input_required", true),
        _ => {}
    }
    if usage != Use::Request && f.nullable {
        m.insert("nullable", true);
    }
    if let Some(l) = f.location {
        m.insert("location", l);
    }
    if let Some(s) = f.style {
        m.insert("style", s);
    }
    // Rules apply to what a caller sends: request parameters.
    if usage == Use::Request {
        let rules_apply_to_value = !matches!(f.ty, Ty::List(_));
        if rules_apply_to_value {
            apply_mined(&mut m, &f.ty, enum_name.is_some(), mined, report);
        }
    }
    if mined.deprecated {
        m.insert("deprecated", true);
        report.count_mined("deprecated");
    }
    if !f.doc.trim().is_empty() {
        m.insert("doc", f.doc.trim());
    }
    if let Some(e) = &f.example
        && !e.is_empty()
        && !matches!(f.ty, Ty::Model(_) | Ty::List(_))
    {
        m.insert("example", e.as_str());
    }
    m
}

fn write_type(m: &mut Map, ty: &Ty, enum_name: Option<&str>) {
    match ty {
        Ty::List(inner) => {
            m.insert("type", "list");
            let mut items = Map::new();
            write_type(&mut items, inner, enum_name);
            m.insert("items", items);
        }
        Ty::Model(name) => {
            m.insert("type", "object");
            m.insert("model", name.as_str());
        }
        Ty::String if enum_name.is_some() => {
            m.insert("type", "enum");
            m.insert("enum", enum_name.unwrap_or_default());
        }
        t => {
            m.insert(
                "type",
                match t {
                    Ty::String => "string",
                    Ty::Int32 => "int32",
                    Ty::Int64 => "int64",
                    Ty::Uint64 => "uint64",
                    Ty::Float => "float",
                    Ty::Bool => "boolean",
                    Ty::Date => "date",
                    Ty::DateTime => "datetime",
                    Ty::Binary => "binary",
                    Ty::Model(_) | Ty::List(_) => unreachable!("handled above"),
                },
            );
        }
    }
}

/// Whether mined values can name an enum: two or more, each a word of ASCII letters,
/// digits and `-_.:/` (not sentences), none giving the same variant twice.
fn usable_values(values: &[(String, String)]) -> bool {
    if values.len() < 2 {
        return false;
    }
    let mut variants = BTreeSet::new();
    values.iter().all(|(v, _)| {
        !v.is_empty()
            && v.len() <= 64
            && v.chars().any(|c| c.is_ascii_alphabetic())
            && v.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.:/".contains(c))
            && variants.insert(naming::variant_name(v))
    })
}

fn origin_value(v: Node) -> Node {
    let mut m = Map::new();
    m.insert("value", v);
    m.insert("origin", "mined");
    Node::Map(m)
}

fn int_bounds(ty: &Ty) -> (i128, i128) {
    match ty {
        Ty::Int32 => (i32::MIN.into(), i32::MAX.into()),
        Ty::Int64 => (i64::MIN.into(), i64::MAX.into()),
        _ => (0, u64::MAX.into()),
    }
}

fn apply_mined(m: &mut Map, ty: &Ty, is_enum: bool, mined: &Mined, report: &mut Report) {
    let mut range = None;
    if let Some((lo, hi)) = mined.range
        && (ty.is_integer() || *ty == Ty::Float)
        && (lo.is_some() || hi.is_some())
        && lo.zip(hi).is_none_or(|(a, b)| a <= b)
    {
        let (tlo, thi) = if ty.is_integer() {
            int_bounds(ty)
        } else {
            (i128::MIN, i128::MAX)
        };
        let fits = |v: Option<i128>| v.is_none_or(|v| v >= tlo && v <= thi);
        if fits(lo) && fits(hi) {
            let mut r = Map::new();
            if let Some(lo) = lo {
                r.insert("min", lo);
            }
            if let Some(hi) = hi {
                r.insert("max", hi);
            }
            r.insert("origin", "mined");
            m.insert("range", r);
            range = Some((lo, hi));
            report.count_mined("range");
        }
    }
    if let Some((lo, hi)) = mined.length
        && *ty == Ty::String
        && !is_enum
        && (lo.is_some() || hi.is_some())
        && lo.zip(hi).is_none_or(|(a, b)| a <= b)
    {
        let mut r = Map::new();
        if let Some(lo) = lo {
            r.insert("min", i128::from(lo));
        }
        if let Some(hi) = hi {
            r.insert("max", i128::from(hi));
        }
        r.insert("origin", "mined");
        m.insert("length", r);
        report.count_mined("length");
    }
    if let Some(d) = &mined.default {
        let value = match ty {
            Ty::String if !is_enum => Some(Node::Str(d.clone())),
            t if t.is_integer() => d.parse::<i128>().ok().and_then(|i| {
                let (lo, hi) = int_bounds(t);
                let in_range = range.is_none_or(|(a, b): (Option<i128>, Option<i128>)| {
                    a.is_none_or(|a| i >= a) && b.is_none_or(|b| i <= b)
                });
                (i >= lo && i <= hi && in_range).then_some(Node::Int(i))
            }),
            Ty::Bool => match d.as_str() {
                "true" => Some(Node::Bool(true)),
                "false" => Some(Node::Bool(false)),
                _ => None,
            },
            _ => None,
        };
        if let Some(v) = value {
            m.insert("default", origin_value(v));
            report.count_mined("default");
        }
    }
    if *ty == Ty::String
        && !is_enum
        && let Some((_, p)) = mined.prefixes.iter().find(|(when, _)| when.is_none())
        && mined
            .prefixes
            .iter()
            .filter(|(when, _)| when.is_none())
            .count()
            == 1
        && !p.is_empty()
    {
        m.insert("prefix", origin_value(Node::Str(p.clone())));
        report.count_mined("prefix");
    }
}

/// Constraints over several request parameters: pairs, and prefixes that depend on
/// another parameter's value.
fn cross_rules(
    op: &Operation,
    mined: &[(String, Mined)],
    request: &Map,
    report: &mut Report,
) -> Vec<Node> {
    let params: BTreeSet<&str> = op.request.iter().map(|f| f.wire.as_str()).collect();
    let mut out = Vec::new();
    let mut pairs: BTreeSet<(String, String)> = BTreeSet::new();
    for (name, m) in mined {
        for other in &m.paired_with {
            if other == name || !params.contains(other.as_str()) {
                continue;
            }
            let key = if name < other {
                (name.clone(), other.clone())
            } else {
                (other.clone(), name.clone())
            };
            if pairs.insert(key.clone()) {
                let mut c = Map::new();
                c.insert(
                    "paired",
                    Node::Seq(vec![Node::Str(key.0), Node::Str(key.1)]),
                );
                c.insert("origin", "mined");
                out.push(Node::Map(c));
                report.count_mined("paired");
            }
        }
        // Required when another (string or enum) parameter has a given value.
        for (tested, value) in &m.required_when {
            if tested == name || !params.contains(tested.as_str()) {
                continue;
            }
            let t = request.get(tested).and_then(Node::as_map);
            let ty = t.and_then(|f| f.get("type")).and_then(Node::as_str);
            let value_ok = match ty {
                Some("string") => true,
                Some("enum") => mined
                    .iter()
                    .find(|(n, _)| n == tested)
                    .is_some_and(|(_, o)| o.values.iter().any(|(v, _)| v == value)),
                _ => false,
            };
            if !value_ok {
                continue;
            }
            let mut w = Map::new();
            w.insert("parameter", tested.as_str());
            w.insert("equals", value.as_str());
            let mut t = Map::new();
            t.insert("parameter", name.as_str());
            t.insert("required", true);
            let mut c = Map::new();
            c.insert("when", w);
            c.insert("then", t);
            c.insert("origin", "mined");
            out.push(Node::Map(c));
            report.count_mined("required_when");
        }
        // Prefixes conditional on another parameter's enumerated value.
        let is_plain_string = request
            .get(name)
            .and_then(Node::as_map)
            .and_then(|f| f.get("type"))
            .and_then(Node::as_str)
            == Some("string");
        if !is_plain_string {
            continue;
        }
        for (when, prefix) in &m.prefixes {
            let Some(when) = when else { continue };
            // The parameter the doc names, else the one whose enum lists `when`.
            let is_enum_param = |n: &str| {
                request
                    .get(n)
                    .and_then(Node::as_map)
                    .and_then(|f| f.get("type"))
                    .and_then(Node::as_str)
                    == Some("enum")
            };
            let tested: Vec<&str> = match &m.prefix_when {
                Some(p) if p != name && params.contains(p.as_str()) && is_enum_param(p) => {
                    vec![p.as_str()]
                }
                Some(_) => Vec::new(),
                None => mined
                    .iter()
                    .filter(|(n, other)| {
                        n != name
                            && usable_values(&other.values)
                            && other.values.iter().any(|(v, _)| v == when)
                            && is_enum_param(n)
                    })
                    .map(|(n, _)| n.as_str())
                    .collect(),
            };
            if let [tested] = tested[..] {
                let mut w = Map::new();
                w.insert("parameter", tested);
                w.insert("equals", when.as_str());
                let mut t = Map::new();
                t.insert("parameter", name.as_str());
                t.insert("prefix", prefix.as_str());
                let mut c = Map::new();
                c.insert("when", w);
                c.insert("then", t);
                c.insert("origin", "mined");
                out.push(Node::Map(c));
                report.count_mined("conditional_prefix");
            }
        }
    }
    out
}

/// Paging from the shapes: `NextToken` in and out (with `MaxResults`/`Limit` and
/// `IsTruncated` where present), or `Offset`/`Limit` in and a total out; one list field
/// in the response holds the items.
fn detect_paging(op: &Operation) -> Option<Map> {
    let req = |n: &str| op.request.iter().find(|f| f.wire == n);
    let resp = |n: &str| op.response.iter().find(|f| f.wire == n);
    let lists: Vec<&Field> = op
        .response
        .iter()
        .filter(|f| matches!(f.ty, Ty::List(_)))
        .collect();
    let [items] = lists[..] else { return None };
    let int_param = |n: &str| req(n).filter(|f| f.ty.is_integer() && !f.required);
    let page_size = ["MaxResults", "Limit", "PageSize", "MaxItems"]
        .into_iter()
        .find(|n| int_param(n).is_some());
    let mut p = Map::new();
    if let (Some(i), Some(o)) = (req("NextToken"), resp("NextToken"))
        && i.ty == Ty::String
        && o.ty == Ty::String
        && !i.required
    {
        p.insert("input_token", "NextToken");
        p.insert("output_token", "NextToken");
        if resp("IsTruncated").is_some_and(|f| f.ty == Ty::Bool) {
            p.insert("truncated", "IsTruncated");
        }
        p.insert("items", items.wire.as_str());
        if let Some(s) = page_size {
            p.insert("page_size", s);
        }
        p.insert("origin", "detected");
        return Some(p);
    }
    let total = ["TotalCount", "TotalCounts", "Total", "TotalNum"]
        .into_iter()
        .find(|n| resp(n).is_some_and(|f| f.ty.is_integer()));
    if int_param("Offset").is_some()
        && let Some(limit) = ["Limit", "PageSize", "MaxResults"]
            .into_iter()
            .find(|n| int_param(n).is_some())
    {
        p.insert("style", "offset");
        p.insert("offset", "Offset");
        p.insert("limit", limit);
        if let Some(t) = total {
            p.insert("total", t);
        }
        p.insert("items", items.wire.as_str());
        p.insert("origin", "detected");
        return Some(p);
    }
    None
}

/// Rust type and method names claimed so far in one service.
#[derive(Default)]
struct Names {
    types: BTreeSet<String>,
    methods: BTreeSet<String>,
}

impl Names {
    /// Claims the types and method of an operation; returns a `rust_name` when the
    /// natural one is taken.
    fn claim_operation(&mut self, wire: &str) -> Option<String> {
        let free = |this: &Self, base: &str| {
            !this.methods.contains(&naming::method_name(base))
                && !naming::RESERVED_METHODS.contains(&naming::method_name(base).as_str())
                && ["Request", "Response", "RequestBuilder", "FluentBuilder"]
                    .iter()
                    .all(|s| !this.types.contains(&naming::operation_type_name(base, s)))
        };
        let base = naming::operation_type_name(wire, "");
        let chosen = if free(self, wire) {
            None
        } else {
            (2..).map(|n| format!("{base}V{n}")).find(|c| free(self, c))
        };
        let name = chosen.clone().unwrap_or_else(|| wire.to_owned());
        self.methods.insert(naming::method_name(&name));
        for s in ["Request", "Response", "RequestBuilder", "FluentBuilder"] {
            self.types.insert(naming::operation_type_name(&name, s));
        }
        chosen
    }

    /// Takes the types and method an operation named `base` has (a locked name).
    fn take_operation(&mut self, base: &str) {
        self.methods.insert(naming::method_name(base));
        for s in ["Request", "Response", "RequestBuilder", "FluentBuilder"] {
            self.types.insert(naming::operation_type_name(base, s));
        }
    }

    /// Claims a model or enum type name; returns a `rust_name` when taken.
    fn claim_type(&mut self, wire: &str) -> Option<String> {
        let natural = naming::type_name(wire);
        if self.types.insert(natural.clone()) {
            return None;
        }
        let base = natural.trim_end_matches('_').to_owned();
        let chosen = ["Model", "Info", "Data"]
            .into_iter()
            .map(|s| format!("{base}{s}"))
            .chain((2..).map(|n| format!("{base}V{n}")))
            .find(|c| !self.types.contains(c))
            .unwrap_or_default();
        self.types.insert(chosen.clone());
        Some(chosen)
    }

    fn is_type_free(&self, rust: &str) -> bool {
        !self.types.contains(rust)
    }
}

/// Rust field (and for requests, builder method) names claimed in one struct.
#[derive(Default)]
struct FieldNames {
    setters: bool,
    taken: BTreeSet<String>,
}

impl FieldNames {
    fn setters() -> Self {
        FieldNames {
            setters: true,
            taken: BTreeSet::new(),
        }
    }

    fn names(&self, rust: &str) -> Vec<String> {
        if self.setters {
            naming::accessor_names(rust).to_vec()
        } else {
            vec![rust.trim_start_matches("r#").to_owned()]
        }
    }

    /// Takes the locked names of `fields` before any is claimed, so a new field whose
    /// natural name collides with a locked one is the one renamed.
    fn take_locked(&mut self, place: &Place<'_>, fields: &[Field]) {
        for f in fields {
            if let Some(locked) = place.field(&f.wire) {
                for n in self.names(locked) {
                    self.taken.insert(n);
                }
            }
        }
    }

    /// Claims the field's names; returns a `rust_name` when the natural one is taken.
    fn claim(&mut self, wire: &str) -> Option<String> {
        let natural = naming::field_name(wire);
        let free = |this: &Self, r: &str| this.names(r).iter().all(|n| !this.taken.contains(n));
        let chosen = if free(self, &natural) {
            None
        } else {
            let base = natural.trim_start_matches("r#").trim_end_matches('_');
            (2..).map(|n| format!("{base}_{n}")).find(|c| free(self, c))
        };
        let rust = chosen.clone().unwrap_or(natural);
        for n in self.names(&rust) {
            self.taken.insert(n);
        }
        chosen
    }
}

/// Enums made from enumerated values, shared when the same name lists the same values.
#[derive(Default)]
struct Enums {
    list: BTreeMap<String, Vec<(String, String)>>,
    /// The locked enums' values in the spec being replaced: a field that is not
    /// locked (an overlay retypes it) shares a locked enum listing the same values, as
    /// it did when the enum was named.
    locked_values: BTreeMap<String, Vec<String>>,
}

impl Enums {
    /// The locked enum `name` (its type name already taken), holding `values`; when
    /// another locked field shares it, the union of both fields' values.
    fn keep(&mut self, name: &str, values: &[(String, String)]) -> String {
        let list = self.list.entry(name.to_owned()).or_default();
        for (v, d) in values {
            if !list.iter().any(|(x, _)| x == v) {
                list.push((v.clone(), d.clone()));
            }
        }
        name.to_owned()
    }

    fn intern(
        &mut self,
        field: &str,
        owner: &str,
        values: &[(String, String)],
        names: &mut Names,
    ) -> String {
        let same = |a: &[(String, String)], b: &[(String, String)]| {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.0 == y.0)
        };
        let candidates = [
            naming::type_name(field),
            format!("{}{}", naming::type_name(owner), naming::type_name(field)),
        ];
        for c in candidates.iter().cloned().chain((2..).map(|n| {
            format!(
                "{}{}V{n}",
                naming::type_name(owner),
                naming::type_name(field)
            )
        })) {
            let c = c.trim_end_matches('_').to_owned();
            if c.is_empty() || c.starts_with(|ch: char| !ch.is_ascii_uppercase()) {
                continue;
            }
            match self.list.get(&c) {
                Some(existing) if same(existing, values) => return c,
                Some(_) => continue,
                None if self.locked_values.get(&c).is_some_and(|old| {
                    old.len() == values.len() && old.iter().zip(values).all(|(a, b)| *a == b.0)
                }) =>
                {
                    self.list.insert(c.clone(), values.to_vec());
                    return c;
                }
                None if names.is_type_free(&c) && naming::type_name(&c) == c => {
                    names.types.insert(c.clone());
                    self.list.insert(c.clone(), values.to_vec());
                    return c;
                }
                None => continue,
            }
        }
        unreachable!("the numbered candidates never run out")
    }
}
