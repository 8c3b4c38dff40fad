//! Alibaba's per-operation wire details end to end: the method ([`Operation::METHOD`]),
//! form-encoded body parameters ([`Operation::BODY_PARAMS`]) and the `json` / `simple`
//! parameter styles, each sent to a server on 127.0.0.1 that records the request and
//! recomputes its ACS3-HMAC-SHA256 signature with its own code (not the runtime's signer).
//! Every client makes one attempt, so each test sends a known, small number of requests.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, Uri};
use hmac::{Hmac, KeyInit, Mac};
use serde::{Deserialize, Serialize, Serializer};
use sha2::{Digest, Sha256};
use specbind_runtime::object::{AsJsonString, Joined, Writer};
use specbind_runtime::{Client, HttpMethod, Operation, Provider, ServiceInfo, ValidationError};

const ID: &str = "LTAI-wire-id";
const SECRET: &str = "wire-secret";

static CLOUDSSO: ServiceInfo = ServiceInfo {
    provider: Provider::Alibaba,
    product: "cloudsso",
    version: "2021-05-15",
    default_endpoint: "https://cloudsso.cn-shanghai.aliyuncs.com",
    regional_endpoint: Some("https://cloudsso.{region}.aliyuncs.com"),
    rate_limit_per_second: None,
};

// ---- hand-written operations, shaped as the generator emits them ----

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Output {
    request_id: String,
}

/// `method: GET`: every parameter in the query, no body.
#[derive(Debug, Clone, Default)]
struct GetThing {
    name: Option<String>,
    ids: Vec<String>,
}

impl Serialize for GetThing {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut w = Writer::new(s, "GetThing", 2)?;
        w.opt("Name", &self.name)?;
        w.field("Ids", &self.ids)?;
        w.end()
    }
}

impl Operation for GetThing {
    const NAME: &'static str = "GetThing";
    const METHOD: HttpMethod = HttpMethod::Get;
    type Service = ();
    type Output = Output;
    fn validate(&self) -> Result<(), ValidationError> {
        Ok(())
    }
}

#[derive(Debug, Clone, Default, Serialize)]
struct Tag {
    #[serde(rename = "Key")]
    key: String,
    #[serde(rename = "Value")]
    value: String,
}

/// A POST with two of its parameters (`location: body`) in a form body.
#[derive(Debug, Clone, Default)]
struct CreateThing {
    name: Option<String>,
    description: Option<String>,
    tags: Vec<Tag>,
}

impl Serialize for CreateThing {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut w = Writer::new(s, "CreateThing", 3)?;
        w.opt("Name", &self.name)?;
        w.opt("Description", &self.description)?;
        w.field("Tags", &self.tags)?;
        w.end()
    }
}

impl Operation for CreateThing {
    const NAME: &'static str = "CreateThing";
    const BODY_PARAMS: &'static [&'static str] = &["Description", "Tags"];
    type Service = ();
    type Output = Output;
    fn validate(&self) -> Result<(), ValidationError> {
        Ok(())
    }
}

/// A POST with a `style: json` parameter in the body and `style: simple` lists in the
/// query.
#[derive(Debug, Clone, Default)]
struct StyledThing {
    policy: Option<Vec<Tag>>,
    ids: Option<Vec<i64>>,
    kinds: Vec<String>,
}

impl Serialize for StyledThing {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut w = Writer::new(s, "StyledThing", 3)?;
        w.opt("Policy", &self.policy.as_ref().map(AsJsonString))?;
        w.opt("Ids", &self.ids.as_deref().map(Joined))?;
        w.field("Kinds", &Joined(&self.kinds))?;
        w.end()
    }
}

impl Operation for StyledThing {
    const NAME: &'static str = "StyledThing";
    const BODY_PARAMS: &'static [&'static str] = &["Policy"];
    type Service = ();
    type Output = Output;
    fn validate(&self) -> Result<(), ValidationError> {
        Ok(())
    }
}

/// The same styles on a GET: they stay in the query.
#[derive(Debug, Clone, Default)]
struct GetStyled(StyledThing);

impl Serialize for GetStyled {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl Operation for GetStyled {
    const NAME: &'static str = "GetStyled";
    const METHOD: HttpMethod = HttpMethod::Get;
    // Ignored for a GET, which has no body.
    const BODY_PARAMS: &'static [&'static str] = &["Policy"];
    type Service = ();
    type Output = Output;
    fn validate(&self) -> Result<(), ValidationError> {
        Ok(())
    }
}

// ---- the test server ----

/// One request as received.
#[derive(Debug, Clone)]
struct Received {
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
}

impl Received {
    /// The decoded query parameters.
    fn query(&self) -> BTreeMap<String, String> {
        decode_pairs(self.uri.query().unwrap_or(""))
    }

    /// The decoded form body.
    fn form(&self) -> BTreeMap<String, String> {
        decode_pairs(std::str::from_utf8(&self.body).unwrap())
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(|v| v.to_str().unwrap())
    }
}

struct Server {
    url: String,
    received: Arc<Mutex<Vec<Received>>>,
}

impl Server {
    async fn start() -> Server {
        let received = Arc::new(Mutex::new(Vec::new()));
        let app = axum::Router::new()
            .fallback(
                |State(log): State<Arc<Mutex<Vec<Received>>>>,
                 method: Method,
                 uri: Uri,
                 headers: HeaderMap,
                 body: Bytes| async move {
                    log.lock().unwrap().push(Received {
                        method,
                        uri,
                        headers,
                        body,
                    });
                    r#"{"RequestId":"wire-ok"}"#
                },
            )
            .with_state(received.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Server { url, received }
    }

    fn client(&self) -> Client {
        Client::builder(&CLOUDSSO)
            .credentials(ID, SECRET)
            .endpoint(&self.url)
            .max_attempts(1)
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap()
    }

    /// Sends `op` and returns the one request the server received for it, after checking
    /// its signature.
    async fn call<O: Operation<Output = Output>>(&self, op: O) -> Received {
        let before = self.received.lock().unwrap().len();
        let out = self.client().send(op).await.unwrap();
        assert_eq!(out.request_id, "wire-ok");
        let log = self.received.lock().unwrap();
        assert_eq!(log.len(), before + 1, "exactly one request per call");
        let got = log[before].clone();
        if let Err(problem) = verify(&got) {
            panic!("{problem}: {got:?}");
        }
        got
    }
}

fn decode(s: &str) -> String {
    percent_encoding::percent_decode_str(&s.replace('+', " "))
        .decode_utf8()
        .unwrap()
        .into_owned()
}

fn decode_pairs(text: &str) -> BTreeMap<String, String> {
    text.split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(k), decode(v))
        })
        .collect()
}

/// The test's own RFC 3986 encoder: unreserved bytes stay, everything else is %XX.
fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn hex_sha256(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

/// Recomputes the ACS3-HMAC-SHA256 signature from the request as received. The signed
/// headers are chosen here by the vendor SDKs' rule (`host`, `content-type` when sent,
/// every `x-acs-*`), not read from the `Authorization` header, so a header the client
/// failed to sign is caught.
fn verify(r: &Received) -> Result<(), String> {
    if r.uri.path() != "/" {
        return Err(format!("path {}", r.uri.path()));
    }
    let raw_query = r.uri.query().unwrap_or("");
    let canonical_query = r
        .query()
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&");
    if canonical_query != raw_query {
        return Err(format!("query not canonical: {canonical_query}"));
    }
    let body_hash = hex_sha256(&r.body);
    if r.header("x-acs-content-sha256") != Some(body_hash.as_str()) {
        return Err("x-acs-content-sha256 is not the body's hash".into());
    }
    let mut signed: Vec<(String, String)> = r
        .headers
        .iter()
        .map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap().trim().to_owned()))
        .filter(|(k, _)| k == "host" || k == "content-type" || k.starts_with("x-acs-"))
        .collect();
    signed.sort();
    let canonical_headers: String = signed.iter().map(|(k, v)| format!("{k}:{v}\n")).collect();
    let names = signed
        .iter()
        .map(|(k, _)| k.as_str())
        .collect::<Vec<_>>()
        .join(";");
    let canonical_request = format!(
        "{}\n/\n{raw_query}\n{canonical_headers}\n{names}\n{body_hash}",
        r.method
    );
    let to_sign = format!(
        "ACS3-HMAC-SHA256\n{}",
        hex_sha256(canonical_request.as_bytes())
    );
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(to_sign.as_bytes());
    let signature = hex::encode(mac.finalize().into_bytes());
    let expected =
        format!("ACS3-HMAC-SHA256 Credential={ID},SignedHeaders={names},Signature={signature}");
    match r.header("authorization") {
        Some(got) if got == expected => Ok(()),
        got => Err(format!("authorization {got:?}, expected {expected}")),
    }
}

fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

// ---- the tests ----

#[tokio::test]
async fn get_sends_every_parameter_in_the_query_and_no_body() {
    let server = Server::start().await;
    let r = server
        .call(GetThing {
            name: Some("a b*".into()),
            ids: vec!["u-1".into(), "未命名".into()],
        })
        .await;
    assert_eq!(r.method, Method::GET);
    assert_eq!(
        r.query(),
        map(&[("Ids.1", "u-1"), ("Ids.2", "未命名"), ("Name", "a b*")])
    );
    assert!(r.body.is_empty());
    assert_eq!(r.header("content-type"), None);
    assert_eq!(r.header("x-acs-action"), Some("GetThing"));
    assert!(
        r.header("authorization")
            .unwrap()
            .contains("SignedHeaders=host;x-acs-action;"),
        "a GET signs no content type"
    );
}

#[tokio::test]
async fn body_parameters_go_form_encoded_and_signed() {
    let server = Server::start().await;
    let r = server
        .call(CreateThing {
            name: Some("n".into()),
            description: Some("a b&c=d+e 说明".into()),
            tags: vec![
                Tag {
                    key: "k1".into(),
                    value: "v*1".into(),
                },
                Tag {
                    key: "k2".into(),
                    value: String::new(),
                },
            ],
        })
        .await;
    assert_eq!(r.method, Method::POST);
    assert_eq!(r.query(), map(&[("Name", "n")]));
    assert_eq!(
        r.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        r.form(),
        map(&[
            ("Description", "a b&c=d+e 说明"),
            ("Tags.1.Key", "k1"),
            ("Tags.1.Value", "v*1"),
            ("Tags.2.Key", "k2"),
            ("Tags.2.Value", ""),
        ])
    );
    // Sorted and RFC 3986 encoded, like the query.
    assert!(
        std::str::from_utf8(&r.body)
            .unwrap()
            .starts_with("Description=a%20b%26c%3Dd%2Be%20%E8%AF%B4%E6%98%8E&Tags.1.Key=k1&")
    );
    assert!(
        r.header("authorization")
            .unwrap()
            .contains("SignedHeaders=content-type;host;")
    );
}

#[tokio::test]
async fn an_operation_with_body_parameters_none_set_posts_an_empty_form() {
    let server = Server::start().await;
    let r = server
        .call(CreateThing {
            name: Some("only-query".into()),
            ..CreateThing::default()
        })
        .await;
    assert_eq!(r.method, Method::POST);
    assert_eq!(r.query(), map(&[("Name", "only-query")]));
    assert!(r.body.is_empty());
    assert_eq!(
        r.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(r.header("x-acs-content-sha256"), Some(&*hex_sha256(b"")));
}

#[tokio::test]
async fn json_and_simple_styles_travel_as_one_string_each() {
    let server = Server::start().await;
    let styled = StyledThing {
        policy: Some(vec![Tag {
            key: "k".into(),
            value: "a b".into(),
        }]),
        ids: Some(vec![3, -5]),
        kinds: vec!["User".into(), "Group".into()],
    };
    let r = server.call(styled.clone()).await;
    assert_eq!(r.method, Method::POST);
    assert_eq!(r.query(), map(&[("Ids", "3,-5"), ("Kinds", "User,Group")]));
    assert!(r.uri.query().unwrap().contains("Ids=3%2C-5"));
    assert_eq!(
        r.form(),
        map(&[("Policy", r#"[{"Key":"k","Value":"a b"}]"#)])
    );
    let policy: serde_json::Value = serde_json::from_str(&r.form()["Policy"]).unwrap();
    assert_eq!(policy, serde_json::json!([{"Key": "k", "Value": "a b"}]));

    // On a GET the same parameters stay in the query.
    let r = server.call(GetStyled(styled)).await;
    assert_eq!(r.method, Method::GET);
    assert!(r.body.is_empty());
    assert_eq!(r.header("content-type"), None);
    assert_eq!(
        r.query(),
        map(&[
            ("Ids", "3,-5"),
            ("Kinds", "User,Group"),
            ("Policy", r#"[{"Key":"k","Value":"a b"}]"#),
        ])
    );

    // An unset optional list sends nothing; an empty one an empty string.
    let r = server.call(StyledThing::default()).await;
    assert_eq!(r.query(), map(&[("Kinds", "")]));
    assert!(r.body.is_empty());
}

#[tokio::test]
async fn the_verifier_rejects_what_was_not_signed() {
    let server = Server::start().await;
    let r = server
        .call(CreateThing {
            description: Some("d".into()),
            ..CreateThing::default()
        })
        .await;
    assert!(verify(&r).is_ok());

    let mut body_changed = r.clone();
    body_changed.body = Bytes::from_static(b"Description=e");
    assert!(verify(&body_changed).is_err());

    let mut method_changed = r.clone();
    method_changed.method = Method::GET;
    assert!(verify(&method_changed).is_err());

    let mut type_changed = r.clone();
    type_changed
        .headers
        .insert("content-type", "text/plain".parse().unwrap());
    assert!(verify(&type_changed).is_err());
}
