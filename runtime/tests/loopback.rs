//! End-to-end calls against a local server bound to 127.0.0.1:0 that checks every
//! signature with its own HMAC-SHA256 code (not the runtime's signer) and answers from a
//! script. Every test makes a bounded number of requests.

use std::collections::{BTreeMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use futures::StreamExt;
use hmac::{Hmac, KeyInit, Mac};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use specbind_runtime::validate::Rule;
use specbind_runtime::{
    Client, ErrorKind, Operation, Paginated, Paginator, Provider, ServiceInfo, ValidationError,
    Violation,
};

const ID: &str = "LTAI-test-id";
const SECRET: &str = "test-secret-never-shown";

static ALIBABA: ServiceInfo = ServiceInfo {
    provider: Provider::Alibaba,
    product: "cloudsso",
    version: "2021-05-15",
    default_endpoint: "https://cloudsso.cn-shanghai.aliyuncs.com",
    regional_endpoint: Some("https://cloudsso.{region}.aliyuncs.com"),
    rate_limit_per_second: Some(20),
};

static TENCENT: ServiceInfo = ServiceInfo {
    provider: Provider::Tencent,
    product: "organization",
    version: "2021-03-31",
    default_endpoint: "https://organization.tencentcloudapi.com",
    regional_endpoint: None,
    rate_limit_per_second: Some(20),
};

// ---- a hand-written operation, as the generator would emit it ----

#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "PascalCase")]
struct ListThings {
    #[serde(skip_serializing_if = "Option::is_none")]
    max_results: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    next_token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    filter: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    ids: Vec<String>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
struct ListThingsOutput {
    request_id: Option<String>,
    next_token: Option<String>,
    is_truncated: Option<bool>,
    #[serde(default)]
    things: Vec<String>,
}

impl Operation for ListThings {
    const NAME: &'static str = "ListThings";
    // A read: timeouts and 5xx answers may be retried.
    const IDEMPOTENT: bool = true;
    type Service = ();
    type Output = ListThingsOutput;
    fn validate(&self) -> Result<(), ValidationError> {
        let mut v = Vec::new();
        if let Some(n) = self.max_results
            && !(1..=20).contains(&n)
        {
            v.push(Violation::new(
                "MaxResults",
                Rule::Range,
                format!("must be 1..=20, got {n}"),
            ));
        }
        match ValidationError::from_violations(v) {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

impl Paginated for ListThings {
    type Item = String;
    fn set_page_token(&mut self, token: Option<String>) {
        self.next_token = token;
    }
    fn request_page_token(&self) -> Option<&str> {
        self.next_token.as_deref()
    }
    fn page_token(output: &ListThingsOutput) -> Option<&str> {
        output.next_token.as_deref()
    }
    fn is_truncated(output: &ListThingsOutput) -> Option<bool> {
        output.is_truncated
    }
    fn into_items(output: ListThingsOutput) -> Vec<String> {
        output.things
    }
}

// ---- the test server ----

struct Reply {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: String,
}

fn reply(status: u16, body: impl Into<String>) -> Reply {
    Reply {
        status,
        headers: Vec::new(),
        body: body.into(),
    }
}

/// What the server saw in one request.
#[derive(Debug, Clone)]
struct Seen {
    /// Alibaba: the decoded query parameters; Tencent: the JSON body's members as text.
    params: BTreeMap<String, String>,
    nonce_or_timestamp: String,
    headers: HeaderMap,
}

struct ServerState {
    provider: Provider,
    script: Vec<Reply>,
    next: usize,
    seen: Vec<Seen>,
    problems: Vec<String>,
    nonces: HashSet<String>,
}

type Shared = Arc<Mutex<ServerState>>;

struct TestServer {
    url: String,
    port: u16,
    state: Shared,
}

impl TestServer {
    /// Starts a server that answers the scripted replies in order, repeating the last.
    async fn start(provider: Provider, script: Vec<Reply>) -> TestServer {
        let state = Arc::new(Mutex::new(ServerState {
            provider,
            script,
            next: 0,
            seen: Vec::new(),
            problems: Vec::new(),
            nonces: HashSet::new(),
        }));
        let app = axum::Router::new()
            .fallback(handle)
            .with_state(state.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        TestServer {
            url: format!("http://127.0.0.1:{port}"),
            port,
            state,
        }
    }

    fn hits(&self) -> usize {
        self.state.lock().unwrap().seen.len()
    }

    fn seen(&self) -> Vec<Seen> {
        self.state.lock().unwrap().seen.clone()
    }

    /// Every request carried a valid signature and a fresh nonce.
    fn assert_all_signed(&self) {
        let st = self.state.lock().unwrap();
        assert!(
            st.problems.is_empty(),
            "signature problems: {:?}",
            st.problems
        );
    }

    fn client(&self, service: &'static ServiceInfo) -> specbind_runtime::ClientBuilder<Client> {
        Client::builder(service)
            .credentials(ID, SECRET)
            .endpoint(&self.url)
            .retry_base_delay(Duration::from_millis(1))
            .timeout(Duration::from_secs(10))
    }
}

async fn handle(
    State(state): State<Shared>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let mut st = state.lock().unwrap();
    let port_host = headers
        .get("host")
        .and_then(|h| h.to_str().ok())
        .unwrap_or("")
        .to_owned();
    if headers.get_all("host").iter().count() != 1 {
        st.problems.push("Host header sent more than once".into());
    }
    let check = match st.provider {
        Provider::Alibaba => verify_alibaba(&method, &uri, &headers, &body),
        Provider::Tencent => verify_tencent(&method, &uri, &headers, &body),
    };
    match check {
        Ok(seen) => {
            if !st.nonces.insert(seen.nonce_or_timestamp.clone())
                && st.provider == Provider::Alibaba
            {
                st.problems
                    .push(format!("nonce reused: {}", seen.nonce_or_timestamp));
            }
            if !port_host.contains(':') {
                st.problems.push(format!("Host without port: {port_host}"));
            }
            st.seen.push(seen);
        }
        Err(problem) => {
            st.problems.push(problem);
            st.seen.push(Seen {
                params: BTreeMap::new(),
                nonce_or_timestamp: String::new(),
                headers: headers.clone(),
            });
        }
    }
    let i = st.next.min(st.script.len() - 1);
    st.next += 1;
    let r = &st.script[i];
    let mut resp = (StatusCode::from_u16(r.status).unwrap(), r.body.clone()).into_response();
    for (k, v) in &r.headers {
        resp.headers_mut().insert(*k, v.parse().unwrap());
    }
    resp
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Result<&'a str, String> {
    headers
        .get(name)
        .ok_or_else(|| format!("missing header {name}"))?
        .to_str()
        .map_err(|e| e.to_string())
}

fn hex_sha256(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

fn hmac(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut m = <Hmac<Sha256> as KeyInit>::new_from_slice(key).unwrap();
    m.update(data);
    m.finalize().into_bytes().to_vec()
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

fn decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .unwrap()
        .into_owned()
}

fn verify_alibaba(
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Seen, String> {
    if method != Method::POST || uri.path() != "/" {
        return Err(format!("unexpected {method} {uri}"));
    }
    if !body.is_empty() {
        return Err("RPC body must be empty".into());
    }
    let raw_query = uri.query().unwrap_or("");
    let mut params = BTreeMap::new();
    for pair in raw_query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').ok_or("pair without =")?;
        params.insert(decode(k), decode(v));
    }
    let canonical_query = params
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&");
    if canonical_query != raw_query {
        return Err(format!(
            "query not canonical: {raw_query} vs {canonical_query}"
        ));
    }
    let auth = header(headers, "authorization")?;
    let rest = auth
        .strip_prefix("ACS3-HMAC-SHA256 Credential=")
        .ok_or("bad scheme")?;
    let (cred, rest) = rest
        .split_once(",SignedHeaders=")
        .ok_or("no SignedHeaders")?;
    let (signed, sig) = rest.split_once(",Signature=").ok_or("no Signature")?;
    if cred != ID {
        return Err(format!("credential {cred}"));
    }
    for required in [
        "host",
        "x-acs-action",
        "x-acs-content-sha256",
        "x-acs-date",
        "x-acs-signature-nonce",
        "x-acs-version",
    ] {
        if !signed.split(';').any(|h| h == required) {
            return Err(format!("{required} not signed"));
        }
    }
    if header(headers, "x-acs-content-sha256")? != hex_sha256(body) {
        return Err("content hash".into());
    }
    if header(headers, "x-acs-version")? != "2021-05-15" {
        return Err("version".into());
    }
    let date = header(headers, "x-acs-date")?;
    if date.len() != 20 || !date.ends_with('Z') || date.as_bytes()[10] != b'T' {
        return Err(format!("date {date}"));
    }
    let mut canonical_headers = String::new();
    for name in signed.split(';') {
        canonical_headers.push_str(&format!("{name}:{}\n", header(headers, name)?.trim()));
    }
    let canonical_request = format!(
        "POST\n/\n{raw_query}\n{canonical_headers}\n{signed}\n{}",
        hex_sha256(body)
    );
    let to_sign = format!(
        "ACS3-HMAC-SHA256\n{}",
        hex_sha256(canonical_request.as_bytes())
    );
    let expected = hex::encode(hmac(SECRET.as_bytes(), to_sign.as_bytes()));
    if sig != expected {
        return Err("signature mismatch".into());
    }
    Ok(Seen {
        params,
        nonce_or_timestamp: header(headers, "x-acs-signature-nonce")?.to_owned(),
        headers: headers.clone(),
    })
}

fn verify_tencent(
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Seen, String> {
    if method != Method::POST || uri != "/" {
        return Err(format!("unexpected {method} {uri}"));
    }
    let content_type = header(headers, "content-type")?;
    if content_type != "application/json" {
        return Err(format!("content-type {content_type}"));
    }
    let host = header(headers, "host")?;
    let ts: i64 = header(headers, "x-tc-timestamp")?
        .parse()
        .map_err(|_| "timestamp")?;
    if header(headers, "x-tc-version")? != "2021-03-31" {
        return Err("version".into());
    }
    header(headers, "x-tc-action")?;
    let date = jiff::Timestamp::from_second(ts)
        .unwrap()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .strftime("%Y-%m-%d")
        .to_string();
    let canonical = format!(
        "POST\n/\n\ncontent-type:{content_type}\nhost:{host}\n\ncontent-type;host\n{}",
        hex_sha256(body)
    );
    let scope = format!("{date}/organization/tc3_request");
    let to_sign = format!(
        "TC3-HMAC-SHA256\n{ts}\n{scope}\n{}",
        hex_sha256(canonical.as_bytes())
    );
    let k = hmac(format!("TC3{SECRET}").as_bytes(), date.as_bytes());
    let k = hmac(&k, b"organization");
    let k = hmac(&k, b"tc3_request");
    let sig = hex::encode(hmac(&k, to_sign.as_bytes()));
    let expected = format!(
        "TC3-HMAC-SHA256 Credential={ID}/{scope}, SignedHeaders=content-type;host, Signature={sig}"
    );
    if header(headers, "authorization")? != expected {
        return Err("authorization mismatch".into());
    }
    let json: serde_json::Value = serde_json::from_slice(body).map_err(|e| e.to_string())?;
    let params = json
        .as_object()
        .ok_or("body not an object")?
        .iter()
        .map(|(k, v)| (k.clone(), v.to_string()))
        .collect();
    Ok(Seen {
        params,
        nonce_or_timestamp: ts.to_string(),
        headers: headers.clone(),
    })
}

// ---- the tests ----

const ALI_OK: &str = r#"{"RequestId":"req-ok","IsTruncated":false,"Things":["a","b"]}"#;
const ALI_THROTTLED: &str = r#"{"RequestId":"req-throttle","HostId":"cloudsso.cn-shanghai.aliyuncs.com","Code":"Throttling.User","Message":"Request was denied due to user flow control.","Recommend":"https://api.aliyun.com/troubleshoot?q=Throttling.User"}"#;

#[tokio::test]
async fn alibaba_success_sends_every_parameter_in_the_signed_query() {
    let server = TestServer::start(Provider::Alibaba, vec![reply(200, ALI_OK)]).await;
    let client = server.client(&ALIBABA).build().unwrap();
    let out = client
        .send(ListThings {
            max_results: Some(5),
            filter: Some("StartTime ge 2024-01-01T00:00:00Z *~".into()),
            ids: vec!["u-1".into(), "未命名".into()],
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(out.request_id.as_deref(), Some("req-ok"));
    assert_eq!(out.things, ["a", "b"]);
    assert_eq!(server.hits(), 1);
    server.assert_all_signed();
    let seen = &server.seen()[0];
    let expected: BTreeMap<String, String> = [
        ("Filter", "StartTime ge 2024-01-01T00:00:00Z *~"),
        ("Ids.1", "u-1"),
        ("Ids.2", "未命名"),
        ("MaxResults", "5"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    assert_eq!(seen.params, expected);
    assert_eq!(seen.headers["x-acs-action"], "ListThings");
    assert_eq!(
        seen.headers["host"],
        format!("127.0.0.1:{}", server.port).as_str()
    );
}

#[tokio::test]
async fn the_test_server_rejects_a_wrong_secret() {
    for (provider, service) in [(Provider::Alibaba, &ALIBABA), (Provider::Tencent, &TENCENT)] {
        let server = TestServer::start(provider, vec![reply(200, ALI_OK)]).await;
        let client = Client::builder(service)
            .credentials(ID, "wrong-secret")
            .endpoint(&server.url)
            .build()
            .unwrap();
        let _ = client.send(ListThings::default()).await;
        let problems = server.state.lock().unwrap().problems.clone();
        assert_eq!(problems.len(), 1, "{provider:?}: {problems:?}");
        assert!(problems[0].contains("mismatch"), "{problems:?}");
    }
}

#[tokio::test]
async fn alibaba_security_token_is_sent_and_signed() {
    let server = TestServer::start(Provider::Alibaba, vec![reply(200, ALI_OK)]).await;
    let client = server
        .client(&ALIBABA)
        .security_token("sts-token")
        .build()
        .unwrap();
    client.send(ListThings::default()).await.unwrap();
    server.assert_all_signed();
    let seen = &server.seen()[0];
    assert_eq!(seen.headers["x-acs-security-token"], "sts-token");
    let auth = seen.headers["authorization"].to_str().unwrap();
    assert!(auth.contains("x-acs-security-token"), "{auth}");
}

#[tokio::test]
async fn alibaba_4xx_is_a_service_error_with_metadata() {
    let body = r#"{"RequestId":"req-404","HostId":"cloudsso.cn-shanghai.aliyuncs.com","Code":"EntityNotExists.Task","Message":"The task does not exist.","Recommend":"https://api.aliyun.com/troubleshoot?q=EntityNotExists.Task"}"#;
    let server = TestServer::start(Provider::Alibaba, vec![reply(404, body)]).await;
    let client = server.client(&ALIBABA).build().unwrap();
    let e = client.send(ListThings::default()).await.unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Service(_)), "{e:?}");
    assert_eq!(e.code(), Some("EntityNotExists.Task"));
    assert_eq!(e.message(), Some("The task does not exist."));
    assert_eq!(e.request_id(), Some("req-404"));
    assert_eq!(e.http_status(), Some(404));
    assert_eq!(e.host_id(), Some("cloudsso.cn-shanghai.aliyuncs.com"));
    assert!(e.recommend().unwrap().ends_with("EntityNotExists.Task"));
    assert!(!e.is_throttling() && !e.is_validation());
    let shown = e.to_string();
    assert!(
        shown.contains("EntityNotExists.Task") && shown.contains("req-404"),
        "{shown}"
    );
    assert!(!shown.contains(SECRET) && !format!("{e:?}").contains(SECRET));
    assert_eq!(server.hits(), 1, "a non-retryable error is not retried");
}

#[tokio::test]
async fn tencent_error_inside_http_200_is_a_service_error() {
    let body = r#"{"Response":{"Error":{"Code":"InvalidParameter.PrincipalId","Message":"PrincipalId must start with u- or g-"},"RequestId":"tc-req-1"}}"#;
    let server = TestServer::start(Provider::Tencent, vec![reply(200, body)]).await;
    let client = server
        .client(&TENCENT)
        .region("ap-guangzhou")
        .build()
        .unwrap();
    let e = client.send(ListThings::default()).await.unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Service(_)), "{e:?}");
    assert_eq!(e.code(), Some("InvalidParameter.PrincipalId"));
    assert_eq!(e.request_id(), Some("tc-req-1"));
    assert_eq!(e.http_status(), Some(200));
    assert_eq!(server.hits(), 1);
    server.assert_all_signed();
    let seen = &server.seen()[0];
    assert_eq!(seen.headers["x-tc-region"], "ap-guangzhou");
    assert_eq!(seen.headers["x-tc-action"], "ListThings");
}

#[tokio::test]
async fn tencent_success_strips_the_envelope_and_sends_json() {
    let body = r#"{"Response":{"Things":["t1"],"IsTruncated":false,"RequestId":"tc-ok"}}"#;
    let server = TestServer::start(Provider::Tencent, vec![reply(200, body)]).await;
    let client = server
        .client(&TENCENT)
        .security_token("session")
        .build()
        .unwrap();
    let out = client
        .send(ListThings {
            max_results: Some(3),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(out.things, ["t1"]);
    assert_eq!(out.request_id.as_deref(), Some("tc-ok"));
    server.assert_all_signed();
    let seen = &server.seen()[0];
    assert_eq!(seen.params["MaxResults"], "3", "integers are JSON numbers");
    assert!(!seen.params.contains_key("NextToken"), "None is skipped");
    assert_eq!(seen.headers["x-tc-token"], "session");
    assert!(!seen.headers.contains_key("x-tc-region"));
}

#[tokio::test]
async fn throttled_twice_then_ok_succeeds_on_the_third_try() {
    let throttled = Reply {
        status: 400,
        headers: vec![("x-acs-retry-after", "5".into())],
        body: ALI_THROTTLED.into(),
    };
    let again = reply(400, ALI_THROTTLED);
    let server = TestServer::start(
        Provider::Alibaba,
        vec![throttled, again, reply(200, ALI_OK)],
    )
    .await;
    let client = server.client(&ALIBABA).build().unwrap();
    let out = client.send(ListThings::default()).await.unwrap();
    assert_eq!(out.things, ["a", "b"]);
    assert_eq!(server.hits(), 3);
    // Each attempt was signed afresh with its own nonce (the server checks uniqueness).
    server.assert_all_signed();
}

#[tokio::test]
async fn always_throttled_gives_up_after_max_attempts() {
    let server = TestServer::start(Provider::Alibaba, vec![reply(400, ALI_THROTTLED)]).await;
    let client = server.client(&ALIBABA).max_attempts(4).build().unwrap();
    let e = client.send(ListThings::default()).await.unwrap_err();
    assert!(e.is_throttling(), "{e:?}");
    assert_eq!(e.code(), Some("Throttling.User"));
    assert_eq!(e.attempts(), 4);
    assert_eq!(server.hits(), 4);
    server.assert_all_signed();

    let tc = r#"{"Response":{"Error":{"Code":"RequestLimitExceeded","Message":"slow down"},"RequestId":"tc-thr"}}"#;
    let server = TestServer::start(Provider::Tencent, vec![reply(200, tc)]).await;
    let client = server.client(&TENCENT).build().unwrap();
    let e = client.send(ListThings::default()).await.unwrap_err();
    assert!(e.is_throttling(), "{e:?}");
    assert_eq!(e.code(), Some("RequestLimitExceeded"));
    assert_eq!(server.hits(), 3, "default is 3 tries");
}

#[tokio::test]
async fn garbage_bodies_are_undecodable_with_status() {
    let cases = [
        (
            Provider::Alibaba,
            200,
            "<html><body>Welcome to nginx</body></html>",
        ),
        (Provider::Alibaba, 200, r#"{"RequestId":"x","Things":["a""#),
        (
            Provider::Alibaba,
            200,
            r#"{"RequestId":7,"Things":"not a list"}"#,
        ),
        (Provider::Alibaba, 200, ""),
        (Provider::Alibaba, 403, "<html>Forbidden</html>"),
        (Provider::Tencent, 200, r#"{"Response":{"Things":[1,2]}}"#),
        (Provider::Tencent, 200, r#"{"Things":["no envelope"]}"#),
        (Provider::Tencent, 200, r#"{"Response":{"Error":"oops"}}"#),
    ];
    for (provider, status, body) in cases {
        let server = TestServer::start(provider, vec![reply(status, body)]).await;
        let service = if provider == Provider::Alibaba {
            &ALIBABA
        } else {
            &TENCENT
        };
        let client = server.client(service).build().unwrap();
        let e = client.send(ListThings::default()).await.unwrap_err();
        assert!(
            matches!(e.kind(), ErrorKind::Undecodable { .. }),
            "{provider:?} {body}: {e:?}"
        );
        assert_eq!(e.http_status(), Some(status));
        assert_eq!(server.hits(), 1, "{body}");
    }
}

#[tokio::test]
async fn html_5xx_is_retried_then_reported_undecodable() {
    let server = TestServer::start(
        Provider::Alibaba,
        vec![reply(502, "<html>Bad Gateway</html>")],
    )
    .await;
    let client = server.client(&ALIBABA).build().unwrap();
    let e = client.send(ListThings::default()).await.unwrap_err();
    match e.kind() {
        ErrorKind::Undecodable {
            http_status,
            body_snippet,
            ..
        } => {
            assert_eq!(*http_status, 502);
            assert!(body_snippet.contains("Bad Gateway"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(server.hits(), 3);
}

#[tokio::test]
async fn invalid_request_sends_nothing() {
    let server = TestServer::start(Provider::Alibaba, vec![reply(200, ALI_OK)]).await;
    let client = server.client(&ALIBABA).build().unwrap();
    let e = client
        .send(ListThings {
            max_results: Some(500),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert!(e.is_validation());
    assert_eq!(e.attempts(), 0);
    let v = e.validation_error().unwrap();
    assert_eq!(v.violations()[0].parameter(), "MaxResults");
    assert!(e.to_string().contains("MaxResults"), "{e}");
    assert_eq!(server.hits(), 0);
}

#[tokio::test]
async fn paginator_yields_every_item_once_across_three_pages() {
    let server = TestServer::start(
        Provider::Alibaba,
        vec![
            reply(
                200,
                r#"{"RequestId":"p1","IsTruncated":true,"NextToken":"t1","Things":["a","b"]}"#,
            ),
            reply(
                200,
                r#"{"RequestId":"p2","IsTruncated":true,"NextToken":"t2","Things":["c"]}"#,
            ),
            reply(
                200,
                r#"{"RequestId":"p3","IsTruncated":false,"Things":["d","e"]}"#,
            ),
        ],
    )
    .await;
    let client = server.client(&ALIBABA).build().unwrap();
    let items: Vec<String> = Paginator::new(client, Ok(ListThings::default()))
        .items()
        .map(|r| r.unwrap())
        .collect()
        .await;
    assert_eq!(items, ["a", "b", "c", "d", "e"]);
    assert_eq!(server.hits(), 3);
    let tokens: Vec<Option<String>> = server
        .seen()
        .iter()
        .map(|s| s.params.get("NextToken").cloned())
        .collect();
    assert_eq!(tokens, [None, Some("t1".into()), Some("t2".into())]);
    server.assert_all_signed();
}

#[tokio::test]
async fn paginator_stops_on_a_repeated_token() {
    let server = TestServer::start(
        Provider::Tencent,
        vec![
            reply(
                200,
                r#"{"Response":{"NextToken":"same","Things":["a"],"RequestId":"1"}}"#,
            ),
            reply(
                200,
                r#"{"Response":{"NextToken":"same","Things":["b"],"RequestId":"2"}}"#,
            ),
        ],
    )
    .await;
    let client = server.client(&TENCENT).build().unwrap();
    let pages: Vec<_> = Paginator::new(client, Ok(ListThings::default()))
        .pages()
        .collect()
        .await;
    assert_eq!(pages.len(), 3, "two pages, then the error");
    assert!(pages[0].is_ok() && pages[1].is_ok());
    let e = pages[2].as_ref().unwrap_err();
    assert!(
        matches!(e.kind(), ErrorKind::RepeatedPageToken(t) if t == "same"),
        "{e:?}"
    );
    assert_eq!(server.hits(), 2);
}

#[tokio::test]
async fn paginator_with_invalid_request_yields_only_the_error() {
    let server = TestServer::start(Provider::Alibaba, vec![reply(200, ALI_OK)]).await;
    let client = server.client(&ALIBABA).build().unwrap();
    let request = ListThings {
        max_results: Some(0),
        ..Default::default()
    };
    let items: Vec<_> = Paginator::new(client, request.validate().map(|()| request))
        .items()
        .collect()
        .await;
    assert_eq!(items.len(), 1);
    assert!(items[0].as_ref().unwrap_err().is_validation());
    assert_eq!(server.hits(), 0);
}

#[tokio::test]
async fn unreachable_endpoint_is_a_transport_error_after_retries() {
    // Bind then drop a listener so the port is (almost certainly) closed.
    let port = {
        let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        l.local_addr().unwrap().port()
    };
    let client = Client::builder(&ALIBABA)
        .credentials(ID, SECRET)
        .endpoint(format!("http://127.0.0.1:{port}"))
        .retry_base_delay(Duration::from_millis(1))
        .max_attempts(2)
        .build()
        .unwrap();
    let e = client.send(ListThings::default()).await.unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Transport), "{e:?}");
    assert_eq!(e.attempts(), 2, "connect errors are retried");
    assert!(!e.to_string().contains(SECRET));
}

#[tokio::test]
async fn slow_server_times_out() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let app = axum::Router::new().fallback(|| async {
        tokio::time::sleep(Duration::from_secs(5)).await;
        "late"
    });
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let client = Client::builder(&TENCENT)
        .credentials(ID, SECRET)
        .endpoint(format!("http://127.0.0.1:{port}"))
        .timeout(Duration::from_millis(100))
        .retry_base_delay(Duration::from_millis(1))
        .max_attempts(2)
        .build()
        .unwrap();
    let e = client.send(ListThings::default()).await.unwrap_err();
    assert!(e.is_timeout(), "{e:?}");
    assert_eq!(e.attempts(), 2);
}

#[test]
fn builder_errors() {
    use specbind_runtime::BuildError;
    let e = Client::builder(&ALIBABA).build().unwrap_err();
    assert!(matches!(e, BuildError::MissingCredentials(None)), "{e}");
    let e = Client::builder(&ALIBABA)
        .credentials(ID, SECRET)
        .endpoint("ftp://nope")
        .build()
        .unwrap_err();
    assert!(matches!(e, BuildError::InvalidEndpoint { .. }), "{e}");
    assert!(!e.to_string().contains(SECRET));
    let c = Client::builder(&ALIBABA)
        .credentials(ID, SECRET)
        .region("cn-hangzhou")
        .build()
        .unwrap();
    assert_eq!(c.endpoint(), "https://cloudsso.cn-hangzhou.aliyuncs.com/");
    let c = Client::builder(&TENCENT)
        .credentials(ID, SECRET)
        .region("ap-guangzhou")
        .build()
        .unwrap();
    assert_eq!(c.endpoint(), "https://organization.tencentcloudapi.com/");
    assert!(!format!("{c:?}").contains(SECRET));
    let e = Client::builder(&TENCENT)
        .credentials(ID, SECRET)
        .http_client(
            specbind_runtime::client::http_client_builder()
                .unwrap()
                .build()
                .unwrap(),
        )
        .connect_timeout(Duration::from_secs(1))
        .build()
        .unwrap_err();
    assert!(matches!(e, BuildError::InvalidSetting(_)), "{e}");
}

#[tokio::test]
async fn oversized_body_is_undecodable_not_buffered_forever() {
    let huge = format!(
        "{{\"RequestId\":\"x\",\"Things\":[\"{}\"]}}",
        "a".repeat(specbind_runtime::client::MAX_RESPONSE_BYTES)
    );
    let server = TestServer::start(Provider::Alibaba, vec![reply(200, huge)]).await;
    let client = server.client(&ALIBABA).build().unwrap();
    let e = client.send(ListThings::default()).await.unwrap_err();
    match e.kind() {
        ErrorKind::Undecodable {
            http_status,
            body_snippet,
            reason,
            ..
        } => {
            assert_eq!(*http_status, 200);
            assert!(body_snippet.len() <= 512);
            assert!(reason.contains("larger than"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
}

/// A minimal subscriber that writes down every span field and event field it sees.
/// Records spans, fields and events of one thread (the test's: its runtime runs the
/// client and the server there), whatever other tests do on theirs.
struct Capture(
    Arc<Mutex<Vec<String>>>,
    std::sync::atomic::AtomicU64,
    std::thread::ThreadId,
);

impl Capture {
    fn here(&self) -> bool {
        std::thread::current().id() == self.2
    }
}

struct Collect<'a>(&'a mut Vec<String>);

impl tracing::field::Visit for Collect<'_> {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.0.push(format!("{}={:?}", field.name(), value));
    }
}

impl tracing::Subscriber for Capture {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        if self.here() {
            let mut out = self.0.lock().unwrap();
            out.push(format!("span {}", span.metadata().name()));
            for field in span.metadata().fields() {
                out.push(format!("declared {}", field.name()));
            }
            span.record(&mut Collect(&mut out));
        }
        let id = self.1.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        tracing::span::Id::from_u64(id)
    }
    fn record(&self, _: &tracing::span::Id, values: &tracing::span::Record<'_>) {
        if self.here() {
            values.record(&mut Collect(&mut self.0.lock().unwrap()));
        }
    }
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, event: &tracing::Event<'_>) {
        if self.here() {
            event.record(&mut Collect(&mut self.0.lock().unwrap()));
        }
    }
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

#[tokio::test]
async fn calls_are_traced_with_metadata_and_without_secrets() {
    let seen = Arc::new(Mutex::new(Vec::new()));
    // The global default, recording only this thread: with a thread-local default, a
    // callsite that another test's thread registered at the same moment was now and then
    // cached as uninteresting, and the span went missing. A global default is set under
    // tracing's own lock and every callsite is asked again.
    tracing::subscriber::set_global_default(Capture(
        seen.clone(),
        std::sync::atomic::AtomicU64::new(0),
        std::thread::current().id(),
    ))
    .expect("no other test sets a global subscriber");
    let server = TestServer::start(
        Provider::Alibaba,
        vec![reply(400, ALI_THROTTLED), reply(200, ALI_OK)],
    )
    .await;
    let client = server
        .client(&ALIBABA)
        .security_token("sts-token-never-shown")
        .build()
        .unwrap();
    client.send(ListThings::default()).await.unwrap();
    let seen = seen.lock().unwrap().clone();
    let has = |s: &str| seen.iter().any(|l| l == s);
    assert!(has("span specbind.call"), "{seen:#?}");
    for field in [
        "service",
        "operation",
        "attempt",
        "request_id",
        "http_status",
    ] {
        assert!(has(&format!("declared {field}")), "{field}: {seen:#?}");
    }
    assert!(has("service=\"cloudsso\""), "{seen:#?}");
    assert!(has("operation=\"ListThings\""), "{seen:#?}");
    assert!(has("attempt=2"), "{seen:#?}");
    assert!(has("http_status=200"), "{seen:#?}");
    assert!(has("request_id=\"req-throttle\""), "{seen:#?}");
    for line in &seen {
        assert!(
            !line.contains(SECRET) && !line.contains("sts-token-never-shown"),
            "{line}"
        );
    }
}

// ---- hardening: redirects, retry safety, deadlines, 429, paging limits, lost status ----

/// A write: not idempotent, so only failures where the service cannot have acted on it
/// are retried.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "PascalCase")]
struct CreateThing {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
}

impl Operation for CreateThing {
    const NAME: &'static str = "CreateThing";
    type Service = ();
    type Output = ListThingsOutput;
    fn validate(&self) -> Result<(), ValidationError> {
        Ok(())
    }
}

const TC_OK: &str = r#"{"Response":{"Things":["t1"],"IsTruncated":false,"RequestId":"tc-ok"}}"#;

fn with_headers(mut r: Reply, headers: &[(&'static str, &str)]) -> Reply {
    r.headers
        .extend(headers.iter().map(|(k, v)| (*k, (*v).to_owned())));
    r
}

fn service_for(provider: Provider) -> &'static ServiceInfo {
    match provider {
        Provider::Alibaba => &ALIBABA,
        Provider::Tencent => &TENCENT,
    }
}

/// A bare TCP server for answers axum will not give: it serves at most `conns`
/// connections, reading each request (head and `Content-Length` body) and then writing
/// `answer` verbatim and closing. `None` never answers and holds the connection open.
async fn raw_server(answer: Option<&'static [u8]>, conns: usize) -> (String, Arc<Mutex<usize>>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
    let hits = Arc::new(Mutex::new(0));
    let counter = hits.clone();
    tokio::spawn(async move {
        let mut held = Vec::new();
        for _ in 0..conns {
            let Ok((mut sock, _)) = listener.accept().await else {
                return;
            };
            *counter.lock().unwrap() += 1;
            let Some(answer) = answer else {
                held.push(sock);
                continue;
            };
            tokio::spawn(async move {
                let mut buf = Vec::new();
                let mut chunk = [0u8; 4096];
                // Read the head, then as much body as it announces (bounded by 1 MiB).
                let body_start = loop {
                    let n = sock.read(&mut chunk).await.unwrap_or(0);
                    if n == 0 || buf.len() > 1 << 20 {
                        return;
                    }
                    buf.extend_from_slice(&chunk[..n]);
                    if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                        break i + 4;
                    }
                };
                let head = String::from_utf8_lossy(&buf[..body_start]).to_ascii_lowercase();
                let length: usize = head
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length:"))
                    .and_then(|v| v.trim().parse().ok())
                    .unwrap_or(0)
                    .min(1 << 20);
                while buf.len() < body_start + length {
                    let n = sock.read(&mut chunk).await.unwrap_or(0);
                    if n == 0 {
                        return;
                    }
                    buf.extend_from_slice(&chunk[..n]);
                }
                let _ = sock.write_all(answer).await;
                let _ = sock.shutdown().await;
            });
        }
        // Keep silent connections open until the test ends.
        std::future::pending::<()>().await;
        drop(held);
    });
    (url, hits)
}

#[tokio::test]
async fn redirects_are_errors_and_never_followed() {
    for provider in [Provider::Alibaba, Provider::Tencent] {
        let elsewhere = TestServer::start(provider, vec![reply(200, TC_OK)]).await;
        for status in [301, 302, 303, 307, 308] {
            let server = TestServer::start(
                provider,
                vec![with_headers(
                    reply(status, ""),
                    &[("location", &format!("{}/", elsewhere.url))],
                )],
            )
            .await;
            let client = server
                .client(service_for(provider))
                .security_token("session-token-stays-home")
                .build()
                .unwrap();
            let e = client.send(ListThings::default()).await.unwrap_err();
            match e.kind() {
                ErrorKind::Redirect {
                    http_status,
                    location,
                } => {
                    assert_eq!(*http_status, status);
                    assert_eq!(location.as_deref(), Some(&*format!("{}/", elsewhere.url)));
                }
                other => panic!("{provider:?} {status}: {other:?}"),
            }
            assert_eq!(e.http_status(), Some(status));
            assert_eq!(server.hits(), 1, "a redirect is not retried");
            assert!(e.to_string().contains("redirect"), "{e}");
            assert!(!e.to_string().contains("session-token-stays-home"));
        }
        assert_eq!(
            elsewhere.hits(),
            0,
            "{provider:?}: nothing reached the other host"
        );
    }

    // A redirect loop costs one request.
    let server = TestServer::start(Provider::Tencent, vec![reply(302, "")]).await;
    let looping = with_headers(reply(302, ""), &[("location", &format!("{}/", server.url))]);
    server.state.lock().unwrap().script = vec![looping];
    let client = server.client(&TENCENT).build().unwrap();
    let e = client.send(ListThings::default()).await.unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Redirect { .. }), "{e:?}");
    assert_eq!(server.hits(), 1);
}

#[tokio::test]
async fn a_user_client_that_follows_redirects_gets_no_answer_from_elsewhere() {
    let elsewhere = TestServer::start(Provider::Tencent, vec![reply(200, TC_OK)]).await;
    let server = TestServer::start(
        Provider::Tencent,
        vec![with_headers(
            reply(307, ""),
            &[("location", &format!("{}/?q=1", elsewhere.url))],
        )],
    )
    .await;
    // reqwest's default policy follows up to 10 redirects.
    let following = specbind_runtime::client::http_client_builder()
        .unwrap()
        .redirect(reqwest::redirect::Policy::default())
        .build()
        .unwrap();
    let client = server
        .client(&TENCENT)
        .http_client(following)
        .build()
        .unwrap();
    let e = client.send(ListThings::default()).await.unwrap_err();
    match e.kind() {
        ErrorKind::Redirect {
            http_status,
            location,
        } => {
            assert_eq!(*http_status, 200);
            assert_eq!(location.as_deref(), Some(&*format!("{}/", elsewhere.url)));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(server.hits(), 1);
}

#[tokio::test]
async fn writes_are_retried_only_where_the_service_cannot_have_acted() {
    // 5xx: retried for a read, not for a write.
    for (provider, body) in [
        (
            Provider::Alibaba,
            r#"{"Code":"InternalError","RequestId":"r"}"#,
        ),
        (Provider::Alibaba, "<html>Bad Gateway</html>"),
        (Provider::Tencent, "<html>Bad Gateway</html>"),
    ] {
        let server = TestServer::start(provider, vec![reply(502, body)]).await;
        let client = server.client(service_for(provider)).build().unwrap();
        let e = client.send(CreateThing::default()).await.unwrap_err();
        assert_eq!(e.http_status(), Some(502));
        assert_eq!((server.hits(), e.attempts()), (1, 1), "{provider:?} {body}");
        client.send(ListThings::default()).await.unwrap_err();
        assert_eq!(
            server.hits(),
            1 + 3,
            "{provider:?} {body}: the read is retried"
        );
    }

    // Throttling (the service did not act) and a reused nonce: retried for a write too.
    for first in [
        reply(400, ALI_THROTTLED),
        reply(429, "Too Many Requests"),
        reply(400, r#"{"Code":"SignatureNonceUsed","RequestId":"r"}"#),
    ] {
        let server = TestServer::start(Provider::Alibaba, vec![first, reply(200, ALI_OK)]).await;
        let client = server.client(&ALIBABA).build().unwrap();
        client.send(CreateThing::default()).await.unwrap();
        assert_eq!(server.hits(), 2);
    }

    // A connection refused: nothing was sent, so a write is retried.
    let port = {
        let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        l.local_addr().unwrap().port()
    };
    let client = Client::builder(&ALIBABA)
        .credentials(ID, SECRET)
        .endpoint(format!("http://127.0.0.1:{port}"))
        .retry_base_delay(Duration::from_millis(1))
        .build()
        .unwrap();
    let e = client.send(CreateThing::default()).await.unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Transport), "{e:?}");
    assert_eq!(e.attempts(), 3);

    // A timeout after the request was sent: a write is not retried, a read is.
    let (url, hits) = raw_server(None, 10).await;
    let client = Client::builder(&TENCENT)
        .credentials(ID, SECRET)
        .endpoint(&url)
        .timeout(Duration::from_millis(100))
        .retry_base_delay(Duration::from_millis(1))
        .build()
        .unwrap();
    let e = client.send(CreateThing::default()).await.unwrap_err();
    assert!(e.is_timeout(), "{e:?}");
    assert_eq!(e.attempts(), 1);
    assert_eq!(*hits.lock().unwrap(), 1);
    let e = client.send(ListThings::default()).await.unwrap_err();
    assert!(e.is_timeout(), "{e:?}");
    assert_eq!(e.attempts(), 3);
    assert_eq!(*hits.lock().unwrap(), 1 + 3);

    // An answer cut short: a write is not retried.
    let (url, hits) = raw_server(
        Some(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{\"Resp"),
        10,
    )
    .await;
    let client = Client::builder(&TENCENT)
        .credentials(ID, SECRET)
        .endpoint(&url)
        .retry_base_delay(Duration::from_millis(1))
        .build()
        .unwrap();
    let e = client.send(CreateThing::default()).await.unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Transport), "{e:?}");
    assert_eq!((e.attempts(), *hits.lock().unwrap()), (1, 1));
}

#[tokio::test]
async fn a_body_cut_short_keeps_the_http_status_and_request_id() {
    let (url, _) = raw_server(
        Some(b"HTTP/1.1 503 Service Unavailable\r\ncontent-length: 1000\r\nx-acs-request-id: cut-1\r\n\r\n{\"Code\":\"Serv"),
        1,
    )
    .await;
    let client = Client::builder(&ALIBABA)
        .credentials(ID, SECRET)
        .endpoint(&url)
        .max_attempts(1)
        .build()
        .unwrap();
    let e = client
        .send(ListThings {
            filter: Some("query-secret-value".into()),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Transport), "{e:?}");
    assert_eq!(e.http_status(), Some(503));
    assert_eq!(e.request_id(), Some("cut-1"));
    assert!(e.to_string().contains("HTTP 503"), "{e}");
    assert_no_query_in(&e, "query-secret-value");
}

/// The error's Display, Debug and every source in its chain name neither the
/// parameter's value nor the request's query string.
fn assert_no_query_in(e: &specbind_runtime::Error, value: &str) {
    let mut shown = vec![e.to_string(), format!("{e:?}")];
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        shown.push(s.to_string());
        shown.push(format!("{s:?}"));
        source = s.source();
    }
    assert!(shown.len() > 2, "the error has a source: {shown:?}");
    for text in shown {
        for needle in [value, "Filter=", "?Filter", "x-acs-action", SECRET] {
            assert!(!text.contains(needle), "{needle:?} in {text}");
        }
    }
}

#[tokio::test]
async fn transport_errors_do_not_carry_the_request_url() {
    let port = {
        let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        l.local_addr().unwrap().port()
    };
    let client = Client::builder(&ALIBABA)
        .credentials(ID, SECRET)
        .endpoint(format!("http://127.0.0.1:{port}"))
        .max_attempts(1)
        .build()
        .unwrap();
    let request = ListThings {
        filter: Some("query-secret-value".into()),
        ..Default::default()
    };
    let e = client.send(request.clone()).await.unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Transport), "{e:?}");
    assert_no_query_in(&e, "query-secret-value");

    // A timeout is a reqwest error too.
    let (url, _) = raw_server(None, 1).await;
    let client = Client::builder(&ALIBABA)
        .credentials(ID, SECRET)
        .endpoint(&url)
        .timeout(Duration::from_millis(100))
        .max_attempts(1)
        .build()
        .unwrap();
    let e = client.send(request).await.unwrap_err();
    assert!(e.is_timeout(), "{e:?}");
    assert_no_query_in(&e, "query-secret-value");
}

#[tokio::test]
async fn the_total_deadline_bounds_a_call_across_attempts() {
    // A silent server: each attempt times out, and the deadline ends the call.
    let (url, hits) = raw_server(None, 20).await;
    let client = Client::builder(&TENCENT)
        .credentials(ID, SECRET)
        .endpoint(&url)
        .timeout(Duration::from_millis(150))
        .total_timeout(Duration::from_millis(400))
        .retry_base_delay(Duration::from_millis(1))
        .max_attempts(20)
        .build()
        .unwrap();
    let e = client.send(ListThings::default()).await.unwrap_err();
    assert!(e.is_timeout(), "{e:?}");
    assert!(e.to_string().contains("total deadline"), "{e}");
    assert!((1..20).contains(&e.attempts()), "{e}");
    assert_eq!(e.attempts() as usize, *hits.lock().unwrap());

    // No sleep past the deadline: a retry-after longer than the time left ends the call
    // at once with the throttling error.
    for retry_after in [
        ("retry-after", "3600".to_owned()),
        ("x-acs-retry-after", "60000".to_owned()),
    ] {
        let server = TestServer::start(
            Provider::Alibaba,
            vec![
                with_headers(
                    reply(400, ALI_THROTTLED),
                    &[(retry_after.0, &retry_after.1)],
                ),
                reply(200, ALI_OK),
            ],
        )
        .await;
        let client = server
            .client(&ALIBABA)
            .total_timeout(Duration::from_secs(10))
            .build()
            .unwrap();
        let e = client.send(ListThings::default()).await.unwrap_err();
        assert!(e.is_throttling(), "{e:?}");
        assert_eq!(
            e.retry_after(),
            Some(specbind_runtime::retry::MAX_RETRY_AFTER)
        );
        assert_eq!((e.attempts(), server.hits()), (1, 1));
    }

    let e = Client::builder(&TENCENT)
        .credentials(ID, SECRET)
        .total_timeout(Duration::ZERO)
        .build()
        .unwrap_err();
    assert!(
        matches!(e, specbind_runtime::BuildError::InvalidSetting(_)),
        "{e}"
    );
}

#[tokio::test]
async fn http_429_is_throttling_and_retry_after_is_honoured() {
    let in_ten_minutes = (jiff::Timestamp::now() + jiff::SignedDuration::from_secs(600))
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .strftime("%a, %d %b %Y %H:%M:%S GMT")
        .to_string();
    for provider in [Provider::Alibaba, Provider::Tencent] {
        for (retry_after, expected) in [
            ("2", Duration::from_secs(2)),
            ("3600", specbind_runtime::retry::MAX_RETRY_AFTER),
            (&*in_ten_minutes, specbind_runtime::retry::MAX_RETRY_AFTER),
        ] {
            let server = TestServer::start(
                provider,
                vec![with_headers(
                    reply(429, "<html>Too Many Requests</html>"),
                    &[("retry-after", retry_after), ("x-tc-requestid", "tc-429")],
                )],
            )
            .await;
            let client = server
                .client(service_for(provider))
                .max_attempts(1)
                .build()
                .unwrap();
            let e = client.send(CreateThing::default()).await.unwrap_err();
            assert!(e.is_throttling(), "{provider:?}: {e:?}");
            assert_eq!(e.http_status(), Some(429));
            assert_eq!(e.retry_after(), Some(expected), "{retry_after}");
            assert_eq!(e.request_id(), Some("tc-429"));
        }
    }
    // And retried, as throttling is, even for a write.
    let server = TestServer::start(
        Provider::Tencent,
        vec![reply(429, ""), reply(429, ""), reply(200, TC_OK)],
    )
    .await;
    let client = server.client(&TENCENT).build().unwrap();
    client.send(CreateThing::default()).await.unwrap();
    assert_eq!(server.hits(), 3);
}

fn ali_page(token: Option<&str>, truncated: Option<bool>) -> Reply {
    let mut v = serde_json::json!({"RequestId": "p", "Things": ["x"]});
    if let Some(t) = token {
        v["NextToken"] = t.into();
    }
    if let Some(t) = truncated {
        v["IsTruncated"] = t.into();
    }
    reply(200, v.to_string())
}

#[tokio::test]
async fn paginator_page_limit_is_an_error_that_says_how_to_continue() {
    // A server that always has another page, with a fresh token each time.
    let script: Vec<Reply> = (1..=50)
        .map(|i| ali_page(Some(&format!("t{i}")), Some(true)))
        .collect();
    let server = TestServer::start(Provider::Alibaba, script).await;
    let client = server.client(&ALIBABA).build().unwrap();
    let pages: Vec<_> = Paginator::new(client.clone(), Ok(ListThings::default()))
        .max_pages(5)
        .pages()
        .take(100)
        .collect()
        .await;
    assert_eq!(pages.len(), 6, "five pages, then the error");
    assert!(pages[..5].iter().all(Result::is_ok));
    let e = pages[5].as_ref().unwrap_err();
    assert!(
        matches!(e.kind(), ErrorKind::PageLimit { pages: 5, next_token } if next_token == "t5"),
        "{e:?}"
    );
    assert!(e.to_string().contains("limit of 5 pages"), "{e}");
    assert_eq!(server.hits(), 5);

    // A listing that ends within the limit ends quietly.
    let server = TestServer::start(
        Provider::Alibaba,
        vec![ali_page(Some("a"), Some(true)), ali_page(None, Some(false))],
    )
    .await;
    let client = server.client(&ALIBABA).build().unwrap();
    let pages: Vec<_> = Paginator::new(client, Ok(ListThings::default()))
        .max_pages(2)
        .pages()
        .take(100)
        .collect()
        .await;
    assert_eq!(pages.len(), 2);
    assert!(pages.iter().all(Result::is_ok), "{pages:?}");

    // A limit of 0 sends nothing.
    let server = TestServer::start(Provider::Alibaba, vec![ali_page(None, None)]).await;
    let client = server.client(&ALIBABA).build().unwrap();
    let pages: Vec<_> = Paginator::new(client, Ok(ListThings::default()))
        .max_pages(0)
        .pages()
        .take(100)
        .collect()
        .await;
    assert_eq!(pages.len(), 1);
    assert!(matches!(
        pages[0].as_ref().unwrap_err().kind(),
        ErrorKind::PageLimit { pages: 0, .. }
    ));
    assert_eq!(server.hits(), 0);
}

#[tokio::test]
async fn truncated_without_a_token_is_an_error() {
    for last in [ali_page(None, Some(true)), ali_page(Some(""), Some(true))] {
        let server = TestServer::start(
            Provider::Alibaba,
            vec![ali_page(Some("a"), Some(true)), last],
        )
        .await;
        let client = server.client(&ALIBABA).build().unwrap();
        let items: Vec<_> = Paginator::new(client, Ok(ListThings::default()))
            .items()
            .take(100)
            .collect()
            .await;
        assert_eq!(items.len(), 3, "{items:?}");
        let e = items[2].as_ref().unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::MissingPageToken), "{e:?}");
        assert_eq!(server.hits(), 2);
    }
    // Without an IsTruncated flag, no token is the end.
    let server = TestServer::start(Provider::Alibaba, vec![ali_page(None, None)]).await;
    let client = server.client(&ALIBABA).build().unwrap();
    let items: Vec<_> = Paginator::new(client, Ok(ListThings::default()))
        .items()
        .take(100)
        .collect()
        .await;
    assert_eq!(items.len(), 1);
    assert!(items[0].is_ok());
}

static VALIDATIONS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// A paged operation that counts its validations and refuses tokens starting with `x`
/// (so a later page, were it validated again, would fail).
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "PascalCase")]
struct CountedList {
    #[serde(skip_serializing_if = "Option::is_none")]
    next_token: Option<String>,
}

impl Operation for CountedList {
    const NAME: &'static str = "ListThings";
    const IDEMPOTENT: bool = true;
    type Service = ();
    type Output = ListThingsOutput;
    fn validate(&self) -> Result<(), ValidationError> {
        VALIDATIONS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let bad = self
            .next_token
            .as_deref()
            .is_some_and(|t| t.starts_with('x'));
        let violations = bad
            .then(|| Violation::new("NextToken", Rule::Pattern, "must not start with x"))
            .into_iter()
            .collect();
        match ValidationError::from_violations(violations) {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

impl Paginated for CountedList {
    type Item = String;
    fn set_page_token(&mut self, token: Option<String>) {
        self.next_token = token;
    }
    fn request_page_token(&self) -> Option<&str> {
        self.next_token.as_deref()
    }
    fn page_token(output: &ListThingsOutput) -> Option<&str> {
        output.next_token.as_deref()
    }
    fn is_truncated(output: &ListThingsOutput) -> Option<bool> {
        output.is_truncated
    }
    fn into_items(output: ListThingsOutput) -> Vec<String> {
        output.things
    }
}

#[tokio::test]
async fn send_validated_and_later_pages_skip_validation() {
    let server = TestServer::start(
        Provider::Alibaba,
        vec![
            ali_page(Some("x1"), Some(true)),
            ali_page(Some("x2"), Some(true)),
            ali_page(None, Some(false)),
            reply(200, ALI_OK),
        ],
    )
    .await;
    let client = server.client(&ALIBABA).build().unwrap();
    let items: Vec<_> = Paginator::new(client.clone(), Ok(CountedList::default()))
        .items()
        .take(100)
        .collect()
        .await;
    assert_eq!(items.len(), 3, "{items:?}");
    assert!(items.iter().all(Result::is_ok));
    assert_eq!(
        VALIDATIONS.load(std::sync::atomic::Ordering::SeqCst),
        1,
        "only the first page is validated"
    );
    assert_eq!(server.hits(), 3);

    // send_validated sends what send would refuse.
    let bad = CountedList {
        next_token: Some("x-bad".into()),
    };
    assert!(client.send(bad.clone()).await.unwrap_err().is_validation());
    assert_eq!(server.hits(), 3);
    client.send_validated(bad).await.unwrap();
    assert_eq!(server.hits(), 4);
}

#[tokio::test]
async fn https_goes_through_the_tls_back_end_the_features_chose() {
    // A server that answers plain HTTP to a TLS handshake: the handshake fails as a
    // transport error (with `rustls-ring`, building the client alone shows that the ring
    // provider was installed: reqwest without a provider panics there).
    use tokio::io::AsyncWriteExt;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        // One connection: answer at once, without reading the ClientHello.
        if let Ok((mut sock, _)) = listener.accept().await {
            let _ = sock
                .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n")
                .await;
            let _ = sock.shutdown().await;
        }
    });
    let client = Client::builder(&TENCENT)
        .credentials(ID, SECRET)
        .endpoint(format!("https://127.0.0.1:{port}"))
        .max_attempts(1)
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    let e = client.send(ListThings::default()).await.unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Transport), "{e:?}");
}
