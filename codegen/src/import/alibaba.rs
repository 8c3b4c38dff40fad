//! Alibaba Cloud's OpenAPI metadata for an RPC-style product (`api-docs.json`).
//!
//! The metadata has `info` (style, product, version), `apis` (each with methods,
//! parameters and a response schema, prose in Chinese) and `endpoints` per region.
//! Structures are written inline, so import names them: an object property after the
//! property, the items of a list after the list in the singular (`Tasks` → `Task`).
//! Response structures with the same name share one model when their fields agree
//! (their fields are all optional, so the union serves each operation); otherwise the
//! later one is named after its operation too.

use serde_json::Value;

use super::ir::{Field, Model, Operation, Service, Ty};
use super::{ImportError, Report};

/// Reads an api-docs.json. `name` overrides the module name (default: the product).
pub fn read(input: &str, name: Option<&str>, _report: &mut Report) -> Result<Service, ImportError> {
    let doc: Value = serde_json::from_str(input).map_err(|e| ImportError::Json(e.to_string()))?;
    let not = |what: &str| {
        ImportError::NotDescription(format!(
            "no {what}; expected Alibaba OpenAPI metadata (api-docs.json with `info` and `apis`)"
        ))
    };
    let info = doc
        .get("info")
        .and_then(Value::as_object)
        .ok_or_else(|| not("`info` object"))?;
    let apis = doc
        .get("apis")
        .and_then(Value::as_object)
        .ok_or_else(|| not("`apis` object"))?;
    let text = |v: Option<&Value>| v.and_then(Value::as_str).unwrap_or("").to_owned();
    let product = text(info.get("product"));
    let version = text(info.get("version"));
    if product.is_empty() || version.is_empty() {
        return Err(not("`info.product` and `info.version`"));
    }
    let style = text(info.get("style"));
    if !style.eq_ignore_ascii_case("rpc") {
        return Err(ImportError::NotDescription(format!(
            "API style `{style}` is not supported; specbind speaks Alibaba's RPC style"
        )));
    }
    if !product
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(ImportError::NotDescription(format!(
            "product `{product}` is not a host name label"
        )));
    }
    let lower = product.to_ascii_lowercase();
    let module = name
        .map(str::to_owned)
        .unwrap_or_else(|| super::tencent::module_name(&lower));

    // Endpoints: the first region's host is the default; a template when every host is
    // `<product>.<region>.aliyuncs.com`.
    let endpoints: Vec<(String, String)> = doc
        .get("endpoints")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .map(|e| (text(e.get("regionId")), text(e.get("endpoint"))))
                .filter(|(r, e)| !r.is_empty() && !e.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let endpoint = endpoints
        .first()
        .map(|(_, e)| format!("https://{e}"))
        .unwrap_or_else(|| format!("https://{lower}.aliyuncs.com"));
    let regional = (!endpoints.is_empty()
        && endpoints
            .iter()
            .all(|(r, e)| *e == format!("{lower}.{r}.aliyuncs.com")))
    .then(|| format!("https://{lower}.{{region}}.aliyuncs.com"));

    let mut models: Vec<Model> = Vec::new();
    let mut operations = Vec::new();
    for (api, a) in apis {
        let mut request = Vec::new();
        for p in a
            .get("parameters")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let pname = text(p.get("name"));
            if pname.is_empty() {
                return Err(ImportError::NotDescription(format!(
                    "a parameter of `{api}` has no name"
                )));
            }
            let schema = p.get("schema").cloned().unwrap_or(Value::Null);
            let location = match text(p.get("in")).as_str() {
                "" | "query" => None,
                "body" | "formData" => Some("body"),
                other => {
                    return Err(ImportError::NotDescription(format!(
                        "parameter `{api}.{pname}` is sent in `{other}`, which RPC style does not use"
                    )));
                }
            };
            let style = match text(p.get("style")).as_str() {
                "" | "flat" | "repeatList" => None,
                "json" => Some("json"),
                "simple" => Some("simple"),
                other => {
                    return Err(ImportError::NotDescription(format!(
                        "parameter `{api}.{pname}` has the unknown style `{other}`"
                    )));
                }
            };
            let ty = schema_type(&schema, &pname, api, true, &mut models)?;
            let mut f = field(&pname, &schema, ty);
            f.location = location;
            f.style = style;
            request.push(f);
        }
        let mut response = Vec::new();
        let resp = a
            .get("responses")
            .and_then(|r| r.get("200"))
            .and_then(|r| r.get("schema"));
        if let Some(props) = resp
            .and_then(|s| s.get("properties"))
            .and_then(Value::as_object)
        {
            for (fname, s) in props {
                let ty = schema_type(s, fname, api, false, &mut models)?;
                response.push(field(fname, s, ty));
            }
        }
        let method = a
            .get("methods")
            .and_then(Value::as_array)
            .and_then(|m| m.first())
            .and_then(Value::as_str)
            .filter(|m| m.eq_ignore_ascii_case("get"))
            .map(|_| "GET".to_owned());
        let summary = text(a.get("summary"));
        let description = text(a.get("description"));
        let doc = match (summary.trim(), description.trim()) {
            (s, "") => s.to_owned(),
            ("", d) => d.to_owned(),
            (s, d) => format!("{s}\n\n{d}"),
        };
        operations.push(Operation {
            wire: api.to_owned(),
            doc,
            deprecated: a
                .get("deprecated")
                .and_then(Value::as_bool)
                .unwrap_or(false)
                .then(|| "The vendor marks this operation deprecated.".to_owned()),
            method,
            readonly: (text(a.get("operationType")) == "read").then_some(true),
            request,
            response,
        });
    }
    Ok(Service {
        provider: "alibaba",
        name: module,
        product: lower.clone(),
        title: format!("Alibaba Cloud {product}"),
        version: version.clone(),
        endpoint,
        regional_endpoint: regional,
        doc: String::new(),
        source: format!("Alibaba Cloud OpenAPI metadata for {product} {version} (api-docs.json)."),
        operations,
        models,
    })
}

fn field(name: &str, schema: &Value, ty: Ty) -> Field {
    let text = |k: &str| {
        schema
            .get(k)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned()
    };
    let example = match schema.get("example") {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(Value::Bool(b)) => Some(b.to_string()),
        _ => None,
    };
    Field {
        wire: name.to_owned(),
        doc: text("description"),
        ty,
        required: schema.get("required").and_then(Value::as_bool) == Some(true),
        nullable: false,
        example,
        location: None,
        style: None,
    }
}

/// `Tasks` → `Task`, `Policies` → `Policy`, `Addresses` → `Address`, `Status` stays.
fn singular(name: &str) -> String {
    if let Some(s) = name.strip_suffix("ies") {
        format!("{s}y")
    } else if let Some(s) = name.strip_suffix("sses") {
        format!("{s}ss")
    } else if name.ends_with("ss") || name.ends_with("us") || name.ends_with("is") {
        name.to_owned()
    } else if let Some(s) = name.strip_suffix('s') {
        s.to_owned()
    } else {
        format!("{name}Item")
    }
}

fn schema_type(
    s: &Value,
    name: &str,
    api: &str,
    request: bool,
    models: &mut Vec<Model>,
) -> Result<Ty, ImportError> {
    let ty = s.get("type").and_then(Value::as_str).unwrap_or("string");
    let format = s.get("format").and_then(Value::as_str).unwrap_or("");
    Ok(match ty {
        "string" => match format {
            "byte" | "binary" => Ty::Binary,
            _ => Ty::String,
        },
        "integer" => match format {
            "int32" => Ty::Int32,
            "uint64" => Ty::Uint64,
            _ => Ty::Int64,
        },
        "number" => Ty::Float,
        "boolean" => Ty::Bool,
        "array" => {
            let items = s.get("items").cloned().unwrap_or(Value::Null);
            Ty::List(Box::new(schema_type(
                &items,
                &singular(name),
                api,
                request,
                models,
            )?))
        }
        "object" => match s.get("properties").and_then(Value::as_object) {
            Some(props) => {
                let mut fields = Vec::new();
                for (fname, fs) in props {
                    let t = schema_type(fs, fname, api, request, models)?;
                    fields.push(field(fname, fs, t));
                }
                let doc = s
                    .get("description")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_owned();
                Ty::Model(place_model(name, api, request, doc, fields, models))
            }
            // A map without a declared shape: its JSON text.
            None => Ty::String,
        },
        other => {
            return Err(ImportError::NotDescription(format!(
                "`{api}`: `{name}` has the unknown type `{other}`"
            )));
        }
    })
}

/// Puts a structure among the models: merged into a same-named one whose common fields
/// agree (responses only), or under the first free name.
fn place_model(
    name: &str,
    api: &str,
    request: bool,
    doc: String,
    fields: Vec<Field>,
    models: &mut Vec<Model>,
) -> String {
    let base = if request {
        format!("{api}{name}")
    } else {
        name.to_owned()
    };
    let candidates = std::iter::once(base.clone())
        .chain(std::iter::once(format!("{api}{name}")))
        .chain((2..).map(|n| format!("{base}V{n}")));
    for c in candidates {
        match models.iter_mut().find(|m| m.wire == c) {
            None => {
                models.push(Model {
                    wire: c.clone(),
                    doc,
                    fields,
                });
                return c;
            }
            Some(m) if !request && agrees(&m.fields, &fields) => {
                for f in fields {
                    if !m.fields.iter().any(|g| g.wire == f.wire) {
                        m.fields.push(f);
                    }
                }
                return c;
            }
            Some(m) if request && m.fields == fields => return c,
            Some(_) => continue,
        }
    }
    unreachable!("the numbered candidates never run out")
}

fn agrees(a: &[Field], b: &[Field]) -> bool {
    b.iter().all(|f| {
        a.iter()
            .find(|g| g.wire == f.wire)
            .is_none_or(|g| g.ty == f.ty)
    })
}
