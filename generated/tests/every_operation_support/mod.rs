//! What `every_operation.rs` runs for each case: one signed call against a local server
//! that answers with the example response, and the decoding of every example response.

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use specbind_apis::runtime::{Client, Operation, ServiceInfo};

use crate::common::{self, Reply, TestServer, Vendor, within};

/// One operation's case, as `codegen/tests/every_operation.rs` writes it.
#[derive(Debug, Deserialize)]
pub struct Case {
    /// Wire action name.
    pub operation: String,
    /// The vendor's example request, if its description has one.
    pub example_request: Option<Value>,
    /// Required parameters only, each valid by the spec's rules.
    pub minimal_request: Value,
    /// The vendor's example responses (at least one answer).
    pub responses: Vec<Value>,
}

/// The request sent: the vendor's example when it reads as the request type and passes
/// validation, the minimal request otherwise (which must).
fn request<O: Operation + DeserializeOwned>(case: &Case) -> O {
    if let Some(example) = &case.example_request
        && let Ok(req) = serde_json::from_value::<O>(example.clone())
        && req.validate().is_ok()
    {
        return req;
    }
    let req: O = serde_json::from_value(case.minimal_request.clone())
        .unwrap_or_else(|e| panic!("{}: the minimal request does not read: {e}", case.operation));
    if let Err(e) = req.validate() {
        panic!("{}: the minimal request is invalid: {e}", case.operation);
    }
    req
}

/// Sends the operation once; the server checks the signature and the action and answers
/// with the first example response, which must decode.
pub async fn call<O>(service: &'static ServiceInfo, vendor: Vendor, case: &Case)
where
    O: Operation + DeserializeOwned,
    O::Output: PartialEq + std::fmt::Debug,
{
    let req: O = request(case);
    let body = match vendor {
        Vendor::Tencent => json!({ "Response": case.responses[0] }).to_string(),
        Vendor::Alibaba => case.responses[0].to_string(),
    };
    let server = TestServer::start(vendor, vec![Reply::json(200, body)]).await;
    let client = Client::builder(service)
        .credentials(common::ID, common::SECRET)
        .endpoint(&server.url)
        .max_attempts(1)
        .build()
        .expect("client builds");
    let out = match within(client.send(req)).await {
        Ok(out) => out,
        Err(e) => panic!("{}: the call failed: {e}", case.operation),
    };
    server.assert_clean();
    let seen = server.seen();
    assert_eq!(seen.len(), 1, "{}: one request", case.operation);
    assert_eq!(seen[0].action, case.operation, "the action travels");
    // Through the client (envelope, body bytes) the answer decodes as it does directly.
    let direct: O::Output = serde_json::from_value(case.responses[0].clone()).unwrap();
    assert_eq!(out, direct, "{}: the client's decoding", case.operation);
}

/// Every example response decodes into the operation's response type, and every value
/// the type keeps is the example's: written back out, it is part of the example.
pub fn decode_all<O: Operation>(case: &Case)
where
    O::Output: serde::Serialize,
{
    for (i, r) in case.responses.iter().enumerate() {
        let decoded = match serde_json::from_value::<O::Output>(r.clone()) {
            Ok(d) => d,
            Err(e) => panic!(
                "{}: example response {} does not decode: {e}",
                case.operation,
                i + 1
            ),
        };
        let back = serde_json::to_value(&decoded).unwrap();
        if let Err(at) = within_example(&back, r, String::new()) {
            panic!(
                "{}: example response {}: {at} differs from the example",
                case.operation,
                i + 1
            );
        }
    }
}

/// `back` (a decoded value written out) holds only what `example` holds: objects key by
/// key (`null` and empty lists stand for absent), lists item by item, numbers by value.
fn within_example(back: &Value, example: &Value, at: String) -> Result<(), String> {
    match (back, example) {
        (Value::Null, _) => Ok(()),
        (Value::Array(a), Value::Null) if a.is_empty() => Ok(()),
        (Value::Object(b), Value::Object(e)) => {
            for (k, v) in b {
                let path = format!("{at}.{k}");
                match e.get(k) {
                    Some(ev) => within_example(v, ev, path)?,
                    None if v.is_null() || v.as_array().is_some_and(Vec::is_empty) => {}
                    None => return Err(path),
                }
            }
            Ok(())
        }
        (Value::Array(b), Value::Array(e)) if b.len() == e.len() => {
            for (i, (bv, ev)) in b.iter().zip(e).enumerate() {
                within_example(bv, ev, format!("{at}[{i}]"))?;
            }
            Ok(())
        }
        (Value::Number(b), Value::Number(e)) if b.as_f64() == e.as_f64() => Ok(()),
        (b, e) if b == e => Ok(()),
        _ => Err(at),
    }
}
