//! Tencent Cloud's tccli service description (`tccli/services/<svc>/<ver>/api.json`).
//!
//! The description has `metadata` (service short name, API version, a brief), `actions`
//! (each naming its input and output object) and `objects` (structures whose members
//! carry a type, a member type, flags and prose in Chinese). Every request goes to
//! `https://<service>.tencentcloudapi.com`.

use std::collections::BTreeSet;

use serde_json::Value;

use super::ir::{Field, Model, Operation, Service, Ty};
use super::{ImportError, Report};

/// Reads an api.json. `name` overrides the module name (default: the service's short
/// name); disabled members are left out and counted in `report`.
pub fn read(input: &str, name: Option<&str>, report: &mut Report) -> Result<Service, ImportError> {
    let doc: Value = serde_json::from_str(input).map_err(|e| ImportError::Json(e.to_string()))?;
    let not = |what: &str| {
        ImportError::NotDescription(format!(
            "no {what}; expected a tccli api.json (with `metadata`, `actions` and `objects`)"
        ))
    };
    let metadata = doc
        .get("metadata")
        .and_then(Value::as_object)
        .ok_or_else(|| not("`metadata` object"))?;
    let actions = doc
        .get("actions")
        .and_then(Value::as_object)
        .ok_or_else(|| not("`actions` object"))?;
    let objects = doc
        .get("objects")
        .and_then(Value::as_object)
        .ok_or_else(|| not("`objects` object"))?;
    let text = |v: Option<&Value>| v.and_then(Value::as_str).unwrap_or("").to_owned();
    let short = text(metadata.get("serviceShortName"));
    let version = text(metadata.get("apiVersion"));
    if short.is_empty() || version.is_empty() {
        return Err(not("`metadata.serviceShortName` and `metadata.apiVersion`"));
    }
    if !short
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(ImportError::NotDescription(format!(
            "service short name `{short}` is not a host name label"
        )));
    }
    let module = name
        .map(str::to_owned)
        .unwrap_or_else(|| module_name(&short));
    let title_cn = text(metadata.get("serviceNameCN"));

    let mut io_objects = BTreeSet::new();
    let mut operations = Vec::new();
    for (action, a) in actions {
        let input = text(a.get("input"));
        let output = text(a.get("output"));
        io_objects.insert(input.clone());
        io_objects.insert(output.clone());
        let members = |obj: &str| -> Result<&Vec<Value>, ImportError> {
            objects
                .get(obj)
                .and_then(|o| o.get("members"))
                .and_then(Value::as_array)
                .ok_or_else(|| {
                    ImportError::NotDescription(format!(
                        "action `{action}` names the object `{obj}`, which is not in `objects`"
                    ))
                })
        };
        let request = fields(members(&input)?, objects, report, action)?;
        let response = fields(members(&output)?, objects, report, action)?;
        let status = text(a.get("status"));
        let deprecated = match status.as_str() {
            "" | "online" => None,
            "deprecated" => Some("The vendor marks this action deprecated.".to_owned()),
            other => Some(format!("The vendor marks this action `{other}`.")),
        };
        let doc = text(a.get("document"));
        operations.push(Operation {
            wire: action.clone(),
            doc,
            deprecated,
            method: None,
            readonly: None,
            request,
            response,
        });
    }
    let mut models = Vec::new();
    for (name, o) in objects {
        if io_objects.contains(name) {
            continue;
        }
        let members = o.get("members").and_then(Value::as_array).ok_or_else(|| {
            ImportError::NotDescription(format!("object `{name}` has no `members` list"))
        })?;
        models.push(Model {
            wire: name.clone(),
            doc: text(o.get("document")),
            fields: fields(members, objects, report, name)?,
        });
    }
    Ok(Service {
        provider: "tencent",
        name: module,
        product: short.clone(),
        title: if title_cn.is_empty() {
            format!("Tencent Cloud {short}")
        } else {
            title_cn
        },
        version: version.clone(),
        endpoint: format!("https://{short}.tencentcloudapi.com"),
        regional_endpoint: None,
        doc: text(metadata.get("api_brief")),
        source: format!(
            "Tencent Cloud tccli service description (tccli/services/{short}/v{}/api.json).",
            version.replace('-', "")
        ),
        operations,
        models,
    })
}

/// `cvm` → `cvm`; `tcaplusdb` stays; `-` becomes `_`.
pub fn module_name(short: &str) -> String {
    let s = short.to_ascii_lowercase().replace('-', "_");
    if s.starts_with(|c: char| c.is_ascii_alphabetic()) {
        s
    } else {
        format!("s_{s}")
    }
}

fn fields(
    members: &[Value],
    objects: &serde_json::Map<String, Value>,
    report: &mut Report,
    owner: &str,
) -> Result<Vec<Field>, ImportError> {
    let mut out = Vec::with_capacity(members.len());
    for m in members {
        let s = |k: &str| m.get(k).and_then(Value::as_str).unwrap_or("");
        let b = |k: &str| m.get(k).and_then(Value::as_bool).unwrap_or(false);
        let name = s("name");
        if name.is_empty() {
            return Err(ImportError::NotDescription(format!(
                "a member of `{owner}` has no name"
            )));
        }
        if b("disabled") {
            report.skipped += 1;
            continue;
        }
        let ty = member_type(s("type"), s("member"), objects).ok_or_else(|| {
            ImportError::NotDescription(format!(
                "member `{owner}.{name}` has the unknown type `{}` / `{}`",
                s("type"),
                s("member")
            ))
        })?;
        let example = match m.get("example") {
            Some(Value::String(e)) if e != "无" && e != "None" => Some(e.clone()),
            Some(Value::Number(n)) => Some(n.to_string()),
            Some(Value::Bool(v)) => Some(v.to_string()),
            _ => None,
        };
        out.push(Field {
            wire: name.to_owned(),
            doc: s("document").to_owned(),
            ty,
            required: b("required"),
            nullable: b("value_allowed_null"),
            example,
            location: None,
            style: None,
        });
    }
    Ok(out)
}

fn scalar(member: &str) -> Option<Ty> {
    Some(match member {
        "string" => Ty::String,
        "int64" => Ty::Int64,
        "uint64" => Ty::Uint64,
        "int32" | "int" => Ty::Int64,
        "bool" => Ty::Bool,
        "float" | "double" => Ty::Float,
        "date" => Ty::Date,
        "datetime" | "datetime_iso" | "timestamp" => Ty::DateTime,
        "binary" => Ty::Binary,
        _ => return None,
    })
}

fn member_type(ty: &str, member: &str, objects: &serde_json::Map<String, Value>) -> Option<Ty> {
    let item = || {
        if objects.contains_key(member) {
            Some(Ty::Model(member.to_owned()))
        } else {
            scalar(member)
        }
    };
    match ty {
        "list" => item().map(|t| Ty::List(Box::new(t))),
        "object" => objects
            .contains_key(member)
            .then(|| Ty::Model(member.to_owned())),
        "string" => match member {
            "date" | "datetime" | "datetime_iso" | "binary" => scalar(member),
            _ => Some(Ty::String),
        },
        "int" => match member {
            "uint64" => Some(Ty::Uint64),
            _ => Some(Ty::Int64),
        },
        "bool" => Some(Ty::Bool),
        "float" => Some(Ty::Float),
        "binary" => Some(Ty::Binary),
        _ => None,
    }
}
