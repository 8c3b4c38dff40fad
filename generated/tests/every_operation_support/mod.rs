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
pub async fn call<O: Operation + DeserializeOwned>(
    service: &'static ServiceInfo,
    vendor: Vendor,
    case: &Case,
) {
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
    let out = within(client.send(req)).await;
    if let Err(e) = out {
        panic!("{}: the call failed: {e}", case.operation);
    }
    server.assert_clean();
    let seen = server.seen();
    assert_eq!(seen.len(), 1, "{}: one request", case.operation);
    assert_eq!(seen[0].action, case.operation, "the action travels");
}

/// Every example response decodes into the operation's response type.
pub fn decode_all<O: Operation>(case: &Case) {
    for (i, r) in case.responses.iter().enumerate() {
        if let Err(e) = serde_json::from_value::<O::Output>(r.clone()) {
            panic!(
                "{}: example response {} does not decode: {e}",
                case.operation,
                i + 1
            );
        }
    }
}
