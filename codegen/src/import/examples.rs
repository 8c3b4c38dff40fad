//! The vendors' examples: read them, and check example requests against the spec.
//!
//! An example request that breaks a rule of the spec is a contradiction in the vendor's
//! docs (Tencent's ListTasks sample sends `TargetType: Member`, which its parameter table
//! does not list). Import reports each one; it does not change the spec to fit.

use serde_json::Value;

use super::Report;
use super::tree::{Map, Node};

/// One example call.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// Wire action name.
    pub operation: String,
    /// The example's title.
    pub title: String,
    /// Request parameters, as JSON.
    pub request: Option<Value>,
    /// Response body without any envelope (Tencent's `Response` is unwrapped).
    pub response: Option<Value>,
}

/// Reads tccli's examples.json: for each action, examples whose `input` is an HTTP
/// request (headers, a blank line, a JSON body) and whose `output` is the JSON answer.
pub fn tencent_examples(text: &str) -> Result<Vec<Example>, String> {
    let doc: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    let actions = doc
        .get("actions")
        .and_then(Value::as_object)
        .ok_or("no `actions` object; expected a tccli examples.json")?;
    let mut out = Vec::new();
    for (action, list) in actions {
        for e in list.as_array().into_iter().flatten() {
            let s = |k: &str| e.get(k).and_then(Value::as_str).unwrap_or("");
            let input = s("input").replace("\r\n", "\n");
            let request = input
                .split_once("\n\n")
                .and_then(|(_, body)| serde_json::from_str::<Value>(body.trim()).ok())
                .filter(Value::is_object);
            let response = serde_json::from_str::<Value>(s("output"))
                .ok()
                .and_then(|v| v.get("Response").cloned())
                .filter(Value::is_object);
            out.push(Example {
                operation: action.clone(),
                title: s("title").to_owned(),
                request,
                response,
            });
        }
    }
    Ok(out)
}

/// Reads the `responseDemo` of each operation in Alibaba's api-docs.json: a JSON text
/// holding a list of `{type, example}`; the `json` examples are response bodies.
pub fn alibaba_examples(text: &str) -> Result<Vec<Example>, String> {
    let doc: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    let apis = doc
        .get("apis")
        .and_then(Value::as_object)
        .ok_or("no `apis` object; expected Alibaba's api-docs.json")?;
    let mut out = Vec::new();
    for (api, a) in apis {
        let Some(demo) = a.get("responseDemo").and_then(Value::as_str) else {
            continue;
        };
        let Ok(Value::Array(list)) = serde_json::from_str::<Value>(demo) else {
            continue;
        };
        for (i, d) in list.iter().enumerate() {
            if d.get("type").and_then(Value::as_str) != Some("json") {
                continue;
            }
            let response = d
                .get("example")
                .and_then(Value::as_str)
                .and_then(|t| serde_json::from_str::<Value>(t).ok())
                .filter(Value::is_object);
            out.push(Example {
                operation: api.clone(),
                title: format!("responseDemo {}", i + 1),
                request: None,
                response,
            });
        }
    }
    Ok(out)
}

/// Checks each example request against the spec's rules for its operation and records
/// every contradiction in `report`.
pub fn check_requests(spec: &Map, examples: &[Example], report: &mut Report) {
    let ops = spec.get("operations").and_then(Node::as_map);
    let enums = spec.get("enums").and_then(Node::as_map);
    for ex in examples {
        report.examples += 1;
        let Some(req) = ex.request.as_ref().and_then(Value::as_object) else {
            continue;
        };
        let at = |msg: String| format!("{} example \"{}\": {msg}", ex.operation, ex.title);
        let Some(op) = ops
            .and_then(|o| o.get(&ex.operation))
            .and_then(Node::as_map)
        else {
            report
                .contradictions
                .push(at("the operation is not in the spec".to_owned()));
            continue;
        };
        let params = op.get("request").and_then(Node::as_map);
        for (name, value) in req {
            let Some(p) = params.and_then(|p| p.get(name)).and_then(Node::as_map) else {
                report.contradictions.push(at(format!(
                    "sends `{name}`, which is not a request parameter"
                )));
                continue;
            };
            for problem in check_value(p, value, enums) {
                report
                    .contradictions
                    .push(at(format!("`{name}`: {problem}")));
            }
        }
        for (name, p) in params.into_iter().flat_map(Map::iter) {
            let required = p.as_map().and_then(|m| m.get("required")) == Some(&Node::Bool(true));
            if required && !req.contains_key(name) {
                report
                    .contradictions
                    .push(at(format!("leaves out the required `{name}`")));
            }
        }
    }
}

/// What is wrong with `value` for the parameter `p` (type, enum value, range, length,
/// prefix); empty when nothing is.
fn check_value(p: &Map, value: &Value, enums: Option<&Map>) -> Vec<String> {
    let mut out = Vec::new();
    let ty = p.get("type").and_then(Node::as_str).unwrap_or("");
    let scalar = |m: &Map, k: &str| -> Option<Node> {
        match m.get(k)? {
            Node::Map(v) => v.get("value").cloned(),
            n => Some(n.clone()),
        }
    };
    let bound = |k: &str, b: &str| -> Option<i128> {
        match p.get(k)?.as_map()?.get(b)? {
            Node::Int(i) => Some(*i),
            _ => None,
        }
    };
    match ty {
        "list" => {
            let Some(items) = p.get("items").and_then(Node::as_map) else {
                return out;
            };
            match value {
                Value::Array(a) => {
                    for v in a {
                        out.extend(check_value(items, v, enums));
                    }
                }
                other => out.push(format!("{other} is not a list")),
            }
        }
        "enum" => {
            let name = p.get("enum").and_then(Node::as_str).unwrap_or("");
            let values = enums
                .and_then(|e| e.get(name))
                .and_then(Node::as_map)
                .and_then(|e| e.get("values"))
                .and_then(Node::as_map);
            match (value.as_str(), values) {
                (Some(v), Some(values)) if !values.contains_key(v) => {
                    let known: Vec<&str> = values.iter().map(|(k, _)| k).collect();
                    out.push(format!("`{v}` is not one of {}", known.join(", ")));
                }
                (None, _) => out.push(format!("{value} is not a string")),
                _ => {}
            }
        }
        "string" => match value.as_str() {
            Some(s) => {
                if let Some(Node::Str(prefix)) = scalar(p, "prefix")
                    && !s.starts_with(&prefix)
                {
                    out.push(format!("`{s}` does not start with `{prefix}`"));
                }
                let n = s.chars().count() as i128;
                if bound("length", "min").is_some_and(|m| n < m)
                    || bound("length", "max").is_some_and(|m| n > m)
                {
                    out.push(format!(
                        "`{s}` has {n} characters, outside the length bounds"
                    ));
                }
            }
            None => out.push(format!("{value} is not a string")),
        },
        "int32" | "int64" | "uint64" | "float" => {
            let n = value
                .as_i64()
                .map(i128::from)
                .or_else(|| value.as_u64().map(i128::from))
                .or_else(|| value.as_str().and_then(|s| s.parse().ok()));
            match n {
                Some(n) => {
                    if bound("range", "min").is_some_and(|m| n < m)
                        || bound("range", "max").is_some_and(|m| n > m)
                    {
                        out.push(format!("{n} is outside the range"));
                    }
                }
                None if ty == "float" && value.is_f64() => {}
                None => out.push(format!("{value} is not an integer")),
            }
        }
        "boolean" if !value.is_boolean() => out.push(format!("{value} is not a boolean")),
        _ => {}
    }
    out
}
