//! Stage 2, check: the semantic rules a loaded spec must follow.
//!
//! Every rule reports a [`Diagnostic`] at the spec position it concerns; all of them
//! are collected so an author sees every problem in one run.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::{Diagnostic, Pos};
use crate::load::{At, ConditionalRule, CrossConstraint, FieldSpec, Scalar, SpecFile, TypeSpec};
use crate::model::Provider;
use crate::naming;

/// The region put into a `regional_endpoint` template to check the URL it gives.
const SAMPLE_REGION: &str = "cn-hangzhou";

/// Why the runtime's `Client` would refuse `raw` as an endpoint, if it would: the same
/// rules as `specbind_runtime`'s `parse_endpoint`, with the same URL parser, plus no
/// whitespace, control or non-ASCII characters anywhere (the URL parser trims or
/// percent-encodes some of them, which would hide a typo).
pub fn endpoint_problem(raw: &str) -> Result<(), String> {
    if let Some(c) = raw
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || !c.is_ascii())
    {
        return Err(format!(
            "it contains {c:?}; write the host in ASCII (punycode)"
        ));
    }
    let url = url::Url::parse(raw).map_err(|e| e.to_string())?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err("the scheme must be http or https".into());
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("user information is not allowed".into());
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err("a query or fragment is not allowed".into());
    }
    if url.path() != "/" {
        return Err("a path is not allowed; these APIs are served at /".into());
    }
    match url.host_str() {
        None | Some("") => Err("there is no host".into()),
        Some(_) => Ok(()),
    }
}

/// Checks one loaded spec; returns every problem found.
pub fn check(file: &Path, spec: &SpecFile) -> Vec<Diagnostic> {
    let mut c = Checker {
        file,
        diags: Vec::new(),
    };
    c.service(spec);
    c.names(spec);
    c.types(spec);
    for op in &spec.operations {
        c.operation(spec, op);
        c.offset_paging(op);
    }
    c.diags
}

struct Checker<'a> {
    file: &'a Path,
    diags: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn err(&mut self, pos: Pos, path: &str, msg: impl Into<String>) {
        self.diags.push(Diagnostic::new(self.file, pos, path, msg));
    }

    fn err_hint(&mut self, pos: Pos, path: &str, msg: impl Into<String>, hint: impl Into<String>) {
        self.diags
            .push(Diagnostic::new(self.file, pos, path, msg).with_hint(hint));
    }

    fn service(&mut self, spec: &SpecFile) {
        let s = &spec.service;
        for (key, v) in [
            ("provider", &s.provider),
            ("name", &s.name),
            ("product", &s.product),
            ("version", &s.version),
            ("endpoint", &s.endpoint),
        ] {
            // A missing key was reported by the loader (its path is empty then).
            if v.value.trim().is_empty() && !v.path.is_empty() {
                self.err(v.pos, &v.path, format!("`{key}` must not be empty"));
            }
        }
        if !s.provider.value.is_empty() && Provider::parse(&s.provider.value).is_none() {
            self.err_hint(
                s.provider.pos,
                &s.provider.path,
                format!("unknown provider `{}`", s.provider.value),
                "expected `alibaba` or `tencent`",
            );
        }
        if !s.name.value.is_empty() && !naming::is_plain_snake_ident(&s.name.value) {
            self.err_hint(
                s.name.pos,
                &s.name.path,
                format!("`{}` is not usable as a Rust module name", s.name.value),
                "use lowercase letters, digits and `_`, starting with a letter",
            );
        }
        if !s.endpoint.value.is_empty()
            && let Err(why) = endpoint_problem(&s.endpoint.value)
        {
            self.err(
                s.endpoint.pos,
                &s.endpoint.path,
                format!("`{}` is not a usable endpoint: {why}", s.endpoint.value),
            );
        }
        if let Some(r) = &s.regional_endpoint {
            if !r.value.contains("{region}") {
                self.err(
                    r.pos,
                    &r.path,
                    "a regional endpoint must contain `{region}`",
                );
            } else {
                let sample = r.value.replace("{region}", SAMPLE_REGION);
                if let Err(why) = endpoint_problem(&sample) {
                    self.err_hint(
                        r.pos,
                        &r.path,
                        format!("`{}` is not a usable endpoint template: {why}", r.value),
                        format!("checked with `{{region}}` = `{SAMPLE_REGION}`: `{sample}`"),
                    );
                }
            }
        }
        for v in [&s.version, &s.product] {
            if !v.value.is_empty() && !v.value.bytes().all(|b| b.is_ascii_graphic()) {
                self.err_hint(
                    v.pos,
                    &v.path,
                    format!(
                        "{:?} must be visible ASCII without spaces: it is sent in every request",
                        v.value
                    ),
                    "remove spaces, line breaks, control and non-ASCII characters",
                );
            }
        }
        if let Some(r) = &s.rate_limit
            && !(1..=i64::from(u32::MAX)).contains(&r.value)
        {
            self.err(
                r.pos,
                &r.path,
                format!("rate limit must be positive, got {}", r.value),
            );
        }
    }

    /// Reports a wire name whose Rust form is not an identifier (say, an emoji).
    fn ident_ok(&mut self, rust: &str, wire: &str, pos: Pos, path: &str) -> bool {
        let ok = syn::parse_str::<syn::Ident>(rust).is_ok();
        if !ok {
            self.err_hint(
                pos,
                path,
                format!("`{wire}` does not give a Rust identifier (got `{rust}`)"),
                "use ASCII letters, digits, `_`, `-` or `.` in names",
            );
        }
        ok
    }

    /// Two spec names that become one Rust name, anywhere they would share a scope.
    fn names(&mut self, spec: &SpecFile) {
        self.identifiers(spec);
        // Types: enums, models, and the per-operation types share the module.
        let mut types: BTreeMap<String, (Pos, String, String)> = BTreeMap::new();
        let mut claim = |this: &mut Self, rust: String, pos: Pos, path: &str, what: String| {
            if naming::RESERVED_TYPES.contains(&rust.as_str()) {
                this.err(
                    pos,
                    path,
                    format!("{what} becomes `{rust}`, a name the generated module reserves"),
                );
                return;
            }
            if let Some((p, _, other)) = types.get(&rust) {
                this.err_hint(
                    pos,
                    path,
                    format!("{what} and {other} both become the Rust type `{rust}`"),
                    format!("the other is at line {}, column {}", p.line, p.column),
                );
            } else {
                types.insert(rust, (pos, path.to_owned(), what));
            }
        };
        for e in &spec.enums {
            claim(
                self,
                naming::type_name(e.value.rust_base()),
                e.pos,
                &e.path,
                format!("enum `{}`", e.value.name),
            );
        }
        for m in &spec.models {
            claim(
                self,
                naming::type_name(m.value.rust_base()),
                m.pos,
                &m.path,
                format!("model `{}`", m.value.name),
            );
        }
        let mut methods: BTreeMap<String, (Pos, String)> = BTreeMap::new();
        for o in &spec.operations {
            for suffix in ["Request", "Response", "RequestBuilder", "FluentBuilder"] {
                claim(
                    self,
                    naming::operation_type_name(o.value.rust_base(), suffix),
                    o.pos,
                    &o.path,
                    format!("the {suffix} type of operation `{}`", o.value.name),
                );
            }
            let method = naming::method_name(o.value.rust_base());
            if naming::RESERVED_METHODS.contains(&method.as_str()) {
                self.err(
                    o.pos,
                    &o.path,
                    format!("operation `{}` becomes the method `{method}`, which the client already has", o.value.name),
                );
            } else if let Some((p, other)) = methods.get(&method) {
                self.err_hint(
                    o.pos,
                    &o.path,
                    format!(
                        "operations `{}` and `{other}` both become the method `{method}`{}",
                        o.value.name,
                        normalisation_note(&o.value.name, other)
                    ),
                    format!("the other is at line {}, column {}", p.line, p.column),
                );
            } else {
                methods.insert(method, (o.pos, o.value.name.clone()));
            }
        }
        // Variants within each enum.
        for e in &spec.enums {
            if e.value.values.is_empty() {
                self.err(
                    e.pos,
                    &e.path,
                    format!("enum `{}` has no values", e.value.name),
                );
            }
            let mut seen: BTreeMap<String, (Pos, String)> = BTreeMap::new();
            for v in &e.value.values {
                let wire = &v.value.0;
                let rust = naming::variant_name(wire);
                if let Some((p, other)) = seen.get(&rust) {
                    self.err_hint(
                        v.pos,
                        &v.path,
                        format!(
                            "values `{wire}` and `{other}` both become the variant `{rust}`{}",
                            normalisation_note(wire, other)
                        ),
                        format!("the other is at line {}, column {}", p.line, p.column),
                    );
                } else {
                    seen.insert(rust, (v.pos, wire.clone()));
                }
            }
        }
        // Request parameters become builder setters.
        for o in &spec.operations {
            // Each parameter `x` gives the methods `x`, `set_x` and `get_x`.
            let mut methods: BTreeMap<String, (Pos, String)> = BTreeMap::new();
            for f in &o.value.request {
                let rust = naming::field_name(f.value.rust_base());
                for m in naming::accessor_names(&rust) {
                    match methods.get(&m) {
                        Some((p, other)) if *other != f.value.name => self.err_hint(
                            f.pos,
                            &f.path,
                            format!(
                                "parameters `{}` and `{other}` both give the builder method `{m}`",
                                f.value.name
                            ),
                            format!("the other is at line {}, column {}", p.line, p.column),
                        ),
                        _ => {
                            methods.insert(m, (f.pos, f.value.name.clone()));
                        }
                    }
                }
            }
        }
        // Fields within each struct.
        let structs = spec.models.iter().map(|m| &m.value.fields).chain(
            spec.operations
                .iter()
                .flat_map(|o| [&o.value.request, &o.value.response]),
        );
        for fields in structs {
            let mut seen: BTreeMap<String, (Pos, String)> = BTreeMap::new();
            for f in fields {
                let rust = naming::field_name(f.value.rust_base());
                if let Some((p, other)) = seen.get(&rust) {
                    self.err_hint(
                        f.pos,
                        &f.path,
                        format!(
                            "fields `{}` and `{other}` both become the Rust field `{rust}`{}",
                            f.value.name,
                            normalisation_note(&f.value.name, other)
                        ),
                        format!("the other is at line {}, column {}", p.line, p.column),
                    );
                } else {
                    seen.insert(rust, (f.pos, f.value.name.clone()));
                }
            }
        }
        // Error code constants across the service.
        let mut consts: BTreeMap<String, (Pos, String)> = BTreeMap::new();
        for o in &spec.operations {
            for e in &o.value.errors {
                let code = &e.value.0;
                let rust = naming::const_name(code);
                match consts.get(&rust) {
                    Some((_, other)) if other == code => {}
                    Some((p, other)) => self.err_hint(
                        e.pos,
                        &e.path,
                        format!(
                            "error codes `{code}` and `{other}` both become the constant `{rust}`"
                        ),
                        format!("the other is at line {}, column {}", p.line, p.column),
                    ),
                    None => {
                        consts.insert(rust, (e.pos, code.clone()));
                    }
                }
            }
        }
    }

    /// A name that would hide what it is: an invisible or bidirectional control
    /// character anywhere; and, for names that become Rust identifiers (not enum
    /// values, which are data), a form that is not NFKC, such as full-width letters or
    /// a ligature, which would look like another name.
    fn name_chars(&mut self, wire: &str, identifier: bool, pos: Pos, path: &str) {
        if let Some(c) = naming::hidden_char(wire) {
            self.err_hint(
                pos,
                path,
                format!(
                    "name {wire:?} contains the invisible character U+{:04X}",
                    u32::from(c)
                ),
                "names must look like what they are; remove it",
            );
        } else if identifier && !naming::is_nfkc(wire) {
            use unicode_normalization::UnicodeNormalization;
            let nfkc: String = wire.nfkc().collect();
            self.err_hint(
                pos,
                path,
                format!("name `{wire}` is not in Unicode NFKC form; it looks like `{nfkc}`"),
                format!("write it as `{nfkc}`"),
            );
        }
    }

    /// Every Rust name the spec produces is an identifier, so emission cannot fail.
    fn identifiers(&mut self, spec: &SpecFile) {
        for e in &spec.enums {
            self.name_chars(&e.value.name, true, e.pos, &e.path);
            for v in &e.value.values {
                self.name_chars(&v.value.0, false, v.pos, &v.path);
            }
        }
        for m in &spec.models {
            self.name_chars(&m.value.name, true, m.pos, &m.path);
            for f in &m.value.fields {
                self.name_chars(&f.value.name, true, f.pos, &f.path);
            }
        }
        for o in &spec.operations {
            self.name_chars(&o.value.name, true, o.pos, &o.path);
            for f in o.value.request.iter().chain(&o.value.response) {
                self.name_chars(&f.value.name, true, f.pos, &f.path);
            }
            for e in &o.value.errors {
                self.name_chars(&e.value.0, false, e.pos, &e.path);
            }
        }
        for e in &spec.enums {
            self.ident_ok(
                &naming::type_name(e.value.rust_base()),
                &e.value.name,
                e.pos,
                &e.path,
            );
            for v in &e.value.values {
                self.ident_ok(
                    &naming::variant_name(&v.value.0),
                    &v.value.0,
                    v.pos,
                    &v.path,
                );
            }
        }
        let mut fields: Vec<&At<FieldSpec>> = Vec::new();
        for m in &spec.models {
            self.ident_ok(
                &naming::type_name(m.value.rust_base()),
                &m.value.name,
                m.pos,
                &m.path,
            );
            fields.extend(&m.value.fields);
        }
        for o in &spec.operations {
            self.ident_ok(
                &naming::type_name(o.value.rust_base()),
                &o.value.name,
                o.pos,
                &o.path,
            );
            self.ident_ok(
                &naming::method_name(o.value.rust_base()),
                &o.value.name,
                o.pos,
                &o.path,
            );
            fields.extend(&o.value.request);
            fields.extend(&o.value.response);
            for e in &o.value.errors {
                let c = naming::const_name(&e.value.0);
                if c == "_" {
                    self.err(
                        e.pos,
                        &e.path,
                        format!("error code `{}` gives no constant name", e.value.0),
                    );
                } else {
                    self.ident_ok(&c, &e.value.0, e.pos, &e.path);
                }
            }
        }
        for f in fields {
            self.ident_ok(
                &naming::field_name(f.value.rust_base()),
                &f.value.name,
                f.pos,
                &f.path,
            );
        }
    }

    /// References resolve; single-field rules fit their field's type.
    fn types(&mut self, spec: &SpecFile) {
        let alibaba = spec.service.provider.value == "alibaba";
        for m in &spec.models {
            for f in &m.value.fields {
                self.field(spec, f, false);
                self.wire_keys(f, false, alibaba);
            }
        }
        for o in &spec.operations {
            for f in &o.value.request {
                self.field(spec, f, true);
                self.wire_keys(f, true, alibaba);
                if f.value.input_required {
                    self.err_hint(
                        f.pos,
                        &f.path,
                        "`input_required` is for model fields",
                        "a request parameter says `required: true`",
                    );
                }
                if f.value.nullable {
                    self.err(
                        f.pos,
                        &f.path,
                        "`nullable` describes response and model fields",
                    );
                }
            }
            for f in &o.value.response {
                self.field(spec, f, false);
                self.wire_keys(f, false, alibaba);
                if f.value.input_required {
                    self.err(f.pos, &f.path, "`input_required` is for model fields");
                }
            }
            if let Some(m) = &o.value.method {
                if !alibaba {
                    self.err(
                        m.pos,
                        &m.path,
                        "`method` is an Alibaba fact; Tencent always posts",
                    );
                } else if !matches!(m.value.as_str(), "GET" | "POST") {
                    self.err_hint(
                        m.pos,
                        &m.path,
                        format!("unknown method `{}`", m.value),
                        "expected `GET` or `POST`",
                    );
                }
            }
            if let Some(r) = &o.value.rust_name
                && naming::operation_type_name(&r.value, "") != r.value
            {
                self.err_hint(
                    r.pos,
                    &r.path,
                    format!("`{}` is not an UpperCamelCase name", r.value),
                    format!("write `{}`", naming::operation_type_name(&r.value, "")),
                );
            }
        }
        for (what, list) in [
            (
                "enum",
                spec.enums
                    .iter()
                    .map(|e| &e.value.rust_name)
                    .collect::<Vec<_>>(),
            ),
            (
                "model",
                spec.models.iter().map(|m| &m.value.rust_name).collect(),
            ),
        ] {
            for r in list.into_iter().flatten() {
                if naming::type_name(&r.value) != r.value {
                    self.err_hint(
                        r.pos,
                        &r.path,
                        format!("`{}` is not usable as the {what}'s Rust name", r.value),
                        format!("write `{}`", naming::type_name(&r.value)),
                    );
                }
            }
        }
    }

    /// `rust_name`, `location` and `style` of one field.
    fn wire_keys(&mut self, f: &At<FieldSpec>, is_request: bool, alibaba: bool) {
        let fv = &f.value;
        if let Some(r) = &fv.rust_name {
            let rust = naming::field_name(&r.value);
            if rust != r.value && rust != format!("r#{}", r.value) {
                self.err_hint(
                    r.pos,
                    &r.path,
                    format!("`{}` is not a snake_case field name", r.value),
                    format!("write `{}`", rust.trim_start_matches("r#")),
                );
            }
        }
        for (key, v) in [("location", &fv.location), ("style", &fv.style)] {
            let Some(v) = v else { continue };
            if !alibaba || !is_request {
                self.err(
                    v.pos,
                    &v.path,
                    format!("`{key}` describes Alibaba request parameters"),
                );
                continue;
            }
            let known: &[&str] = if key == "location" {
                &["query", "body"]
            } else {
                &["simple", "json", "flat", "repeatList"]
            };
            if !known.contains(&v.value.as_str()) {
                self.err_hint(
                    v.pos,
                    &v.path,
                    format!("unknown {key} `{}`", v.value),
                    format!("expected one of: {}", known.join(", ")),
                );
            }
        }
        if let Some(st) = &fv.style
            && st.value == "simple"
        {
            let scalar_list = match &fv.ty.value {
                TypeSpec::List(inner) => {
                    !matches!(**inner, TypeSpec::List(_) | TypeSpec::Object(_))
                }
                _ => false,
            };
            if !scalar_list {
                self.err(
                    st.pos,
                    &st.path,
                    "`style: simple` joins the items of a list of strings, numbers or enums",
                );
            }
        }
    }

    fn type_ref(&mut self, spec: &SpecFile, t: &TypeSpec) {
        match t {
            TypeSpec::Enum(n) if !spec.enums.iter().any(|e| e.value.name == n.value) => {
                let names: Vec<&str> = spec.enums.iter().map(|e| e.value.name.as_str()).collect();
                self.err_hint(
                    n.pos,
                    &n.path,
                    format!("unknown enum `{}`", n.value),
                    hint_names("enums", &names),
                );
            }
            TypeSpec::Object(n) if !spec.models.iter().any(|m| m.value.name == n.value) => {
                let names: Vec<&str> = spec.models.iter().map(|m| m.value.name.as_str()).collect();
                self.err_hint(
                    n.pos,
                    &n.path,
                    format!("unknown model `{}`", n.value),
                    hint_names("models", &names),
                );
            }
            TypeSpec::List(inner) => self.type_ref(spec, inner),
            _ => {}
        }
    }

    fn field(&mut self, spec: &SpecFile, f: &At<FieldSpec>, is_request: bool) {
        let fv = &f.value;
        self.type_ref(spec, &fv.ty.value);
        let depth = list_depth(&fv.ty.value);
        if depth > naming::MAX_LIST_DEPTH {
            self.err_hint(
                fv.ty.pos,
                &fv.ty.path,
                format!(
                    "lists nest {depth} deep; at most {} are supported",
                    naming::MAX_LIST_DEPTH
                ),
                "no API documents such nesting; check the `items` chain",
            );
        }
        let ty = &fv.ty.value;
        let is_string = matches!(ty, TypeSpec::String);
        let int_bounds = int_bounds(ty);
        let has_rules = fv.range.is_some()
            || fv.length.is_some()
            || fv.prefix.is_some()
            || fv.pattern.is_some()
            || fv.time_filter.is_some();
        if let (true, Some(_)) = (is_request, &fv.present_when) {
            self.err_hint(
                f.pos,
                &f.path,
                "`present_when` describes response fields, not request parameters",
                "state when a parameter is needed with a `when`/`then` constraint",
            );
        }
        if has_rules && !is_request {
            let pos = [
                fv.range.as_ref().map(|r| (r.pos, r.path.clone())),
                fv.length.as_ref().map(|r| (r.pos, r.path.clone())),
                fv.prefix.as_ref().map(|r| (r.pos, r.path.clone())),
                fv.pattern.as_ref().map(|r| (r.pos, r.path.clone())),
                fv.time_filter.as_ref().map(|r| (r.pos, r.path.clone())),
            ]
            .into_iter()
            .flatten()
            .next()
            .unwrap_or((f.pos, f.path.clone()));
            self.err_hint(
                pos.0,
                &pos.1,
                "constraints apply to request parameters only",
                "describe what responses promise in `doc` or `present_when`",
            );
        }
        let int_bounds = match ty {
            TypeSpec::Float => Some((i128::MIN, i128::MAX)),
            _ => int_bounds,
        };
        if let Some(r) = &fv.range {
            match int_bounds {
                None => self.err(
                    r.pos,
                    &r.path,
                    format!(
                        "`range` applies to integer and float types, not `{}`",
                        type_word(ty)
                    ),
                ),
                Some((lo, hi)) => {
                    if let (Some(a), Some(b)) = (r.value.min, r.value.max)
                        && a > b
                    {
                        self.err(
                            r.pos,
                            &r.path,
                            format!("range min {a} is greater than max {b}"),
                        );
                    }
                    for v in [r.value.min, r.value.max].into_iter().flatten() {
                        if v < lo || v > hi {
                            self.err(
                                r.pos,
                                &r.path,
                                format!("bound {v} does not fit the type `{}`", type_word(ty)),
                            );
                        }
                    }
                }
            }
        }
        if let Some(r) = &fv.length {
            if !is_string {
                self.err(
                    r.pos,
                    &r.path,
                    format!("`length` applies to strings, not `{}`", type_word(ty)),
                );
            }
            if let (Some(a), Some(b)) = (r.value.min, r.value.max)
                && a > b
            {
                self.err(
                    r.pos,
                    &r.path,
                    format!("length min {a} is greater than max {b}"),
                );
            }
            if r.value.min.is_some_and(|v| v < 0) || r.value.max.is_some_and(|v| v < 0) {
                self.err(r.pos, &r.path, "length bounds cannot be negative");
            }
        }
        for (what, rule) in [("prefix", &fv.prefix), ("pattern", &fv.pattern)] {
            if let Some(r) = rule
                && !is_string
            {
                self.err(
                    r.pos,
                    &r.path,
                    format!("`{what}` applies to strings, not `{}`", type_word(ty)),
                );
            }
        }
        if let Some(p) = &fv.pattern {
            self.regex(p);
        }
        if let Some(t) = &fv.time_filter {
            if !is_string {
                self.err(
                    t.pos,
                    &t.path,
                    format!("`time_filter` applies to strings, not `{}`", type_word(ty)),
                );
            }
            if t.value.operators.is_empty() {
                self.err(t.pos, &t.path, "`time_filter` needs at least one operator");
            }
            for op in &t.value.operators {
                if op.is_empty() || op.contains(char::is_whitespace) {
                    self.err(t.pos, &t.path, format!("operator `{op}` must be one word"));
                }
            }
            if t.value.attribute.is_empty() || t.value.attribute.contains(char::is_whitespace) {
                self.err(
                    t.pos,
                    &t.path,
                    format!("attribute `{}` must be one word", t.value.attribute),
                );
            }
            if let Some(d) = &t.value.max_age_days
                && d.value <= 0
            {
                self.err(
                    d.pos,
                    &d.path,
                    format!("max_age_days must be positive, got {}", d.value),
                );
            }
        }
        if let Some(d) = &fv.default {
            let fits = match (&d.value, ty) {
                (
                    Scalar::Str(_),
                    TypeSpec::String
                    | TypeSpec::Timestamp
                    | TypeSpec::Date
                    | TypeSpec::DateTime
                    | TypeSpec::Binary,
                ) => true,
                (Scalar::Str(v), TypeSpec::Float) => v.parse::<f64>().is_ok_and(f64::is_finite),
                (Scalar::Int(_), TypeSpec::Float) => true,
                (Scalar::Str(s), TypeSpec::Enum(e)) => spec
                    .enums
                    .iter()
                    .find(|x| x.value.name == e.value)
                    .is_none_or(|x| x.value.values.iter().any(|v| v.value.0 == *s)),
                (Scalar::Bool(_), TypeSpec::Boolean) => true,
                (Scalar::Int(i), _) => match int_bounds {
                    Some((lo, hi)) => {
                        let in_range = fv.range.as_ref().is_none_or(|r| {
                            r.value.min.is_none_or(|m| *i >= m)
                                && r.value.max.is_none_or(|m| *i <= m)
                        });
                        if !in_range {
                            self.err(
                                d.pos,
                                &d.path,
                                format!("default {i} is outside the field's range"),
                            );
                        }
                        *i >= lo && *i <= hi
                    }
                    None => false,
                },
                _ => false,
            };
            if !fits {
                self.err(
                    d.pos,
                    &d.path,
                    format!(
                        "default `{}` does not fit the type `{}`",
                        d.value,
                        type_word(ty)
                    ),
                );
            }
        }
    }

    fn regex(&mut self, p: &At<String>) {
        if let Err(e) = regex::Regex::new(&p.value) {
            let first = e.to_string().lines().last().unwrap_or("").trim().to_owned();
            self.err(
                p.pos,
                &p.path,
                format!("invalid regular expression `{}`: {first}", p.value),
            );
        }
    }

    fn operation(&mut self, spec: &SpecFile, op: &At<crate::load::OperationSpec>) {
        let o = &op.value;
        let find = |fields: &[At<FieldSpec>], name: &str| -> Option<TypeSpec> {
            fields
                .iter()
                .find(|f| f.value.name == name)
                .map(|f| f.value.ty.value.clone())
        };
        let param = |this: &mut Self, r: &At<String>| -> Option<TypeSpec> {
            let t = find(&o.request, &r.value);
            if t.is_none() {
                let names: Vec<&str> = o.request.iter().map(|f| f.value.name.as_str()).collect();
                this.err_hint(
                    r.pos,
                    &r.path,
                    format!(
                        "operation `{}` has no request parameter `{}`",
                        o.name, r.value
                    ),
                    hint_names("parameters", &names),
                );
            }
            t
        };
        for c in &o.constraints {
            match &c.value {
                CrossConstraint::Paired(a, b) => {
                    param(self, a);
                    param(self, b);
                    if a.value == b.value {
                        self.err(
                            b.pos,
                            &b.path,
                            format!("`{}` is paired with itself", a.value),
                        );
                    }
                }
                CrossConstraint::Conditional {
                    when,
                    equals,
                    then,
                    rule,
                } => {
                    match param(self, when) {
                        Some(TypeSpec::Enum(e)) => {
                            if let Some(en) = spec.enums.iter().find(|x| x.value.name == e.value)
                                && !en.value.values.iter().any(|v| v.value.0 == equals.value)
                            {
                                let names: Vec<&str> =
                                    en.value.values.iter().map(|v| v.value.0.as_str()).collect();
                                self.err_hint(
                                    equals.pos,
                                    &equals.path,
                                    format!(
                                        "`{}` is not a value of enum `{}`",
                                        equals.value, e.value
                                    ),
                                    hint_names("values", &names),
                                );
                            }
                        }
                        Some(TypeSpec::String) | None => {}
                        Some(other) => self.err(
                            when.pos,
                            &when.path,
                            format!(
                                "a condition compares a string or enum parameter, not `{}`",
                                type_word(&other)
                            ),
                        ),
                    }
                    let then_ty = param(self, then);
                    match rule {
                        ConditionalRule::Prefix(_) | ConditionalRule::Pattern(_) => {
                            if let Some(t) = &then_ty
                                && !matches!(t, TypeSpec::String)
                            {
                                self.err(
                                    then.pos,
                                    &then.path,
                                    format!(
                                        "`prefix` and `pattern` apply to strings, not `{}`",
                                        type_word(t)
                                    ),
                                );
                            }
                            if let ConditionalRule::Pattern(p) = rule {
                                self.regex(p);
                            }
                        }
                        ConditionalRule::Required => {}
                    }
                }
            }
        }
        if let Some(p) = &o.pagination {
            let pg = &p.value;
            let expect = |this: &mut Self,
                          r: &At<String>,
                          in_request: bool,
                          want: fn(&TypeSpec) -> bool,
                          what: &str| {
                let fields = if in_request { &o.request } else { &o.response };
                match find(fields, &r.value) {
                    None => {
                        let names: Vec<&str> =
                            fields.iter().map(|f| f.value.name.as_str()).collect();
                        this.err_hint(
                            r.pos,
                            &r.path,
                            format!(
                                "operation `{}` has no {} `{}`",
                                o.name,
                                if in_request {
                                    "request parameter"
                                } else {
                                    "response field"
                                },
                                r.value
                            ),
                            hint_names(if in_request { "parameters" } else { "fields" }, &names),
                        );
                    }
                    Some(t) if !want(&t) => this.err(
                        r.pos,
                        &r.path,
                        format!("`{}` must be {what}, but is `{}`", r.value, type_word(&t)),
                    ),
                    Some(_) => {}
                }
            };
            expect(
                self,
                &pg.input_token,
                true,
                |t| matches!(t, TypeSpec::String),
                "a string",
            );
            expect(
                self,
                &pg.output_token,
                false,
                |t| matches!(t, TypeSpec::String),
                "a string",
            );
            if let Some(t) = &pg.truncated {
                expect(
                    self,
                    t,
                    false,
                    |t| matches!(t, TypeSpec::Boolean),
                    "a boolean",
                );
            }
            expect(
                self,
                &pg.items,
                false,
                |t| matches!(t, TypeSpec::List(_)),
                "a list",
            );
            if let Some(t) = &pg.page_size {
                expect(self, t, true, |t| int_bounds(t).is_some(), "an integer");
            }
        }
    }

    /// Offset paging: the parameters and fields it names exist with fitting types.
    fn offset_paging(&mut self, op: &At<crate::load::OperationSpec>) {
        let o = &op.value;
        let Some(p) = &o.offset_pagination else {
            return;
        };
        if o.pagination.is_some() {
            self.err(p.pos, &p.path, "an operation pages one way");
        }
        let pg = &p.value;
        let checks: [(Option<&At<String>>, bool, &str); 4] = [
            (Some(&pg.offset), true, "an integer"),
            (pg.limit.as_ref(), true, "an integer"),
            (pg.total.as_ref(), false, "an integer"),
            (Some(&pg.items), false, "a list"),
        ];
        for (r, in_request, what) in checks {
            let Some(r) = r else { continue };
            let fields = if in_request { &o.request } else { &o.response };
            match fields.iter().find(|f| f.value.name == r.value) {
                None => {
                    let names: Vec<&str> = fields.iter().map(|f| f.value.name.as_str()).collect();
                    self.err_hint(
                        r.pos,
                        &r.path,
                        format!(
                            "operation `{}` has no {} `{}`",
                            o.name,
                            if in_request {
                                "request parameter"
                            } else {
                                "response field"
                            },
                            r.value
                        ),
                        hint_names(if in_request { "parameters" } else { "fields" }, &names),
                    );
                }
                Some(f) => {
                    let t = &f.value.ty.value;
                    let ok = if what == "a list" {
                        matches!(t, TypeSpec::List(_))
                    } else {
                        int_bounds(t).is_some()
                    };
                    if !ok {
                        self.err(
                            r.pos,
                            &r.path,
                            format!("`{}` must be {what}, but is `{}`", r.value, type_word(t)),
                        );
                    }
                }
            }
        }
    }
}

/// How many `list`s a type nests.
fn list_depth(t: &TypeSpec) -> usize {
    let mut depth = 0;
    let mut t = t;
    while let TypeSpec::List(inner) = t {
        depth += 1;
        t = inner;
    }
    depth
}

/// `" (equal after Unicode normalisation)"` when two different names are the same text
/// once normalised, which is why they collide though they differ.
fn normalisation_note(a: &str, b: &str) -> &'static str {
    use unicode_normalization::UnicodeNormalization;
    if a != b && a.nfkc().eq(b.nfkc()) {
        " (they are equal after Unicode NFKC normalisation)"
    } else {
        ""
    }
}

fn int_bounds(t: &TypeSpec) -> Option<(i128, i128)> {
    match t {
        TypeSpec::Int32 => Some((i32::MIN.into(), i32::MAX.into())),
        TypeSpec::Int64 => Some((i64::MIN.into(), i64::MAX.into())),
        TypeSpec::Uint64 => Some((0, u64::MAX.into())),
        _ => None,
    }
}

fn type_word(t: &TypeSpec) -> String {
    match t {
        TypeSpec::String => "string".into(),
        TypeSpec::Int32 => "int32".into(),
        TypeSpec::Int64 => "int64".into(),
        TypeSpec::Uint64 => "uint64".into(),
        TypeSpec::Boolean => "boolean".into(),
        TypeSpec::Timestamp => "timestamp".into(),
        TypeSpec::Float => "float".into(),
        TypeSpec::Date => "date".into(),
        TypeSpec::DateTime => "datetime".into(),
        TypeSpec::Binary => "binary".into(),
        TypeSpec::Enum(n) => format!("enum {}", n.value),
        TypeSpec::Object(n) => format!("object {}", n.value),
        TypeSpec::List(i) => format!("list of {}", type_word(i)),
    }
}

fn hint_names(what: &str, names: &[&str]) -> String {
    if names.is_empty() {
        format!("this spec defines no {what}")
    } else {
        format!("defined {what}: {}", names.join(", "))
    }
}
