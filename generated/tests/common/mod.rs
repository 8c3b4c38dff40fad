//! A local test server for the generated clients (shared by `client_alibaba.rs` and
//! `client_tencent.rs`).
//!
//! The server binds `127.0.0.1:0`, answers from a script, and checks every request's
//! signature with its own code: HMAC-SHA256, SHA-256, hex and an RFC 3986 encoder written
//! here, not the runtime's signer. A request with a bad signature (or any other protocol
//! problem) is answered with the vendor's signature error and written down as a problem;
//! every test ends with [`TestServer::assert_clean`].
//!
//! Bounds: the server answers at most [`MAX_REQUESTS`] requests (more are refused and
//! recorded as a problem), shuts down when the [`TestServer`] is dropped, and in any case
//! after [`SERVER_LIFETIME`]. Calls made by tests go through [`within`], which fails a
//! test that takes longer than [`CALL_LIMIT`].

#![allow(dead_code)]

use std::collections::{BTreeMap, HashSet};
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use hmac::{Hmac, KeyInit, Mac};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

/// The access key id / SecretId every test client uses.
pub const ID: &str = "AKID-generated-client-test";
/// The secret every test client uses; it must never show up in an error.
pub const SECRET: &str = "secret-for-loopback-tests-only";

/// Requests one server answers at most; later ones are refused.
pub const MAX_REQUESTS: usize = 32;
/// The server stops by itself after this long, even if the test never drops it.
pub const SERVER_LIFETIME: Duration = Duration::from_secs(60);
/// The longest one client call (or one stream collection) may take in a test.
pub const CALL_LIMIT: Duration = Duration::from_secs(30);
/// Pages a test collects from a paginator at most.
pub const MAX_PAGES: usize = 10;
/// How far a signed time may be from the server's clock.
pub const CLOCK_SKEW: i64 = 300;

/// Which vendor's protocol the server speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vendor {
    Alibaba,
    Tencent,
}

/// One scripted answer.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    /// A JSON answer (`content-type: application/json`).
    pub fn json(status: u16, body: impl Into<String>) -> Reply {
        Reply {
            status,
            headers: vec![("content-type".into(), "application/json".into())],
            body: body.into(),
        }
    }

    /// An answer with an arbitrary content type (HTML pages, plain text).
    pub fn raw(status: u16, content_type: &str, body: impl Into<String>) -> Reply {
        Reply {
            status,
            headers: vec![("content-type".into(), content_type.into())],
            body: body.into(),
        }
    }

    /// Adds a response header.
    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.into(), value.into()));
        self
    }
}

/// What the server saw in one correctly signed request.
#[derive(Debug, Clone)]
pub struct Seen {
    /// `x-acs-action` / `X-TC-Action`.
    pub action: String,
    /// Alibaba: the decoded query parameters, each a JSON string. Tencent: the members of
    /// the JSON body, with their JSON types.
    pub params: Map<String, Value>,
    /// The query string exactly as received (Alibaba; empty for Tencent).
    pub raw_query: String,
    /// The `Host` header as received (and signed).
    pub host: String,
    /// Alibaba: `x-acs-signature-nonce`. Tencent: `X-TC-Timestamp`.
    pub nonce: String,
    /// The signed time, in seconds since the epoch.
    pub signed_at: i64,
    /// Every header as received.
    pub headers: HeaderMap,
}

impl Seen {
    /// The parameters without `NextToken`, to compare pages of one listing.
    pub fn params_without_token(&self) -> Map<String, Value> {
        let mut p = self.params.clone();
        p.remove("NextToken");
        p
    }

    /// A header's value as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

struct ServerState {
    vendor: Vendor,
    port: u16,
    script: Vec<Reply>,
    repeat_last: bool,
    next: usize,
    requests: usize,
    seen: Vec<Seen>,
    problems: Vec<String>,
    nonces: HashSet<String>,
}

type Shared = Arc<Mutex<ServerState>>;

/// A running test server; dropping it shuts the server down.
pub struct TestServer {
    pub url: String,
    pub port: u16,
    state: Shared,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl TestServer {
    /// Answers the scripted replies in order, one per request; a request beyond the
    /// script is refused and recorded as a problem.
    pub async fn start(vendor: Vendor, script: Vec<Reply>) -> TestServer {
        Self::start_with(vendor, script, false).await
    }

    /// Answers every request with `reply` (up to [`MAX_REQUESTS`]).
    pub async fn always(vendor: Vendor, reply: Reply) -> TestServer {
        Self::start_with(vendor, vec![reply], true).await
    }

    async fn start_with(vendor: Vendor, script: Vec<Reply>, repeat_last: bool) -> TestServer {
        assert!(!script.is_empty(), "a script needs at least one reply");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0");
        let port = listener.local_addr().expect("local address").port();
        let state = Arc::new(Mutex::new(ServerState {
            vendor,
            port,
            script,
            repeat_last,
            next: 0,
            requests: 0,
            seen: Vec::new(),
            problems: Vec::new(),
            nonces: HashSet::new(),
        }));
        let app = axum::Router::new()
            .fallback(handle)
            .with_state(state.clone());
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(async move {
            let shutdown = async move {
                tokio::select! {
                    _ = stopped => {}
                    _ = tokio::time::sleep(SERVER_LIFETIME) => {}
                }
            };
            let serve = axum::serve(listener, app).with_graceful_shutdown(shutdown);
            // Graceful shutdown waits for open connections; never wait for long.
            let _ = tokio::time::timeout(SERVER_LIFETIME + Duration::from_secs(5), serve).await;
        });
        TestServer {
            url: format!("http://127.0.0.1:{port}"),
            port,
            state,
            stop: Some(stop),
        }
    }

    /// How many requests reached the server (signed correctly or not).
    pub fn hits(&self) -> usize {
        self.state.lock().unwrap().requests
    }

    /// The correctly signed requests, in order.
    pub fn seen(&self) -> Vec<Seen> {
        self.state.lock().unwrap().seen.clone()
    }

    /// Everything the server found wrong.
    pub fn problems(&self) -> Vec<String> {
        self.state.lock().unwrap().problems.clone()
    }

    /// Every request was correctly signed, fresh, and within the script.
    pub fn assert_clean(&self) {
        let st = self.state.lock().unwrap();
        assert!(
            st.problems.is_empty(),
            "server problems: {:#?}",
            st.problems
        );
        assert_eq!(st.seen.len(), st.requests, "every request was recorded");
    }

    /// `host:port` as the client must sign it.
    pub fn authority(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// Runs a client call, failing the test if it takes longer than [`CALL_LIMIT`].
pub async fn within<F: Future>(f: F) -> F::Output {
    tokio::time::timeout(CALL_LIMIT, f)
        .await
        .expect("the call finished in time")
}

/// Garbage from the server must come back as an undecodable error that keeps the
/// HTTP status, is neither throttling nor validation, and shows no secret.
#[track_caller]
pub fn assert_undecodable<T: std::fmt::Debug>(
    result: Result<T, specbind_runtime::Error>,
    status: u16,
    what: &str,
) {
    let e = match result {
        Ok(out) => panic!("{what}: garbage decoded as {out:?}"),
        Err(e) => e,
    };
    assert!(
        matches!(e.kind(), specbind_runtime::ErrorKind::Undecodable { .. }),
        "{what}: {e:?}"
    );
    assert_eq!(e.http_status(), Some(status), "{what}");
    assert!(!e.is_throttling() && !e.is_validation(), "{what}");
    assert!(!e.to_string().contains(SECRET), "{what}");
}

async fn handle(
    State(state): State<Shared>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let mut st = state.lock().unwrap();
    st.requests += 1;
    let vendor = st.vendor;
    if st.requests > MAX_REQUESTS {
        let problem = format!("more than {MAX_REQUESTS} requests");
        st.problems.push(problem.clone());
        return refuse(vendor, "TestServer.TooManyRequests", &problem);
    }
    let checked = match vendor {
        Vendor::Alibaba => verify_alibaba(&method, &uri, &headers, &body, st.port),
        Vendor::Tencent => verify_tencent(&method, &uri, &headers, &body, st.port),
    };
    let seen = match checked {
        Ok(seen) => seen,
        Err(problem) => {
            st.problems.push(problem.clone());
            return match vendor {
                Vendor::Alibaba => refuse(vendor, "SignatureDoesNotMatch", &problem),
                Vendor::Tencent => refuse(vendor, "AuthFailure.SignatureFailure", &problem),
            };
        }
    };
    if !st.nonces.insert(seen.nonce.clone()) && vendor == Vendor::Alibaba {
        let problem = format!("nonce reused: {}", seen.nonce);
        st.problems.push(problem.clone());
        return refuse(vendor, "SignatureNonceUsed", &problem);
    }
    st.seen.push(seen);
    let i = st.next;
    st.next += 1;
    let reply = match st.script.get(i) {
        Some(r) => r.clone(),
        None if st.repeat_last => st.script.last().cloned().unwrap(),
        None => {
            let problem = format!("request {} is beyond the script", i + 1);
            st.problems.push(problem.clone());
            return refuse(vendor, "TestServer.ScriptExhausted", &problem);
        }
    };
    drop(st);
    let mut resp = (
        StatusCode::from_u16(reply.status).expect("a valid status"),
        reply.body,
    )
        .into_response();
    for (k, v) in &reply.headers {
        let name: axum::http::HeaderName = k.parse().expect("a valid header name");
        resp.headers_mut().insert(
            name,
            HeaderValue::from_str(v).expect("a valid header value"),
        );
    }
    resp
}

/// The vendor's error answer for a request the server will not serve.
fn refuse(vendor: Vendor, code: &str, why: &str) -> Response {
    let (status, body) = match vendor {
        Vendor::Alibaba => (
            StatusCode::BAD_REQUEST,
            serde_json::json!({
                "RequestId": "test-server-refused",
                "HostId": "127.0.0.1",
                "Code": code,
                "Message": why,
            }),
        ),
        Vendor::Tencent => (
            StatusCode::OK,
            serde_json::json!({
                "Response": {
                    "Error": {"Code": code, "Message": why},
                    "RequestId": "test-server-refused",
                }
            }),
        ),
    };
    (
        status,
        [("content-type", "application/json")],
        body.to_string(),
    )
        .into_response()
}

// ---- the test's own crypto helpers ----

/// Lower-case hex SHA-256.
pub fn sha256_hex(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

/// HMAC-SHA256.
pub fn hmac_sha256(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut m = <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("any key length");
    m.update(data);
    m.finalize().into_bytes().to_vec()
}

/// RFC 3986 percent-encoding, written here: the unreserved bytes `A-Z a-z 0-9 - _ . ~`
/// stay, every other byte of the UTF-8 form becomes `%XX` (upper-case hex).
pub fn rfc3986(s: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0x0f)]));
        }
    }
    out
}

fn percent_decode(s: &str) -> Result<String, String> {
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .map(|c| c.into_owned())
        .map_err(|e| format!("query is not UTF-8 after decoding: {e}"))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i64::from(m);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count since 1970-01-01.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// `YYYY-MM-DD` (UTC) of a Unix time.
pub fn utc_date(secs: i64) -> String {
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    format!("{y:04}-{m:02}-{d:02}")
}

/// `YYYY-MM-DDTHH:MM:SSZ` (UTC) of a Unix time.
pub fn utc_datetime(secs: i64) -> String {
    let rem = secs.rem_euclid(86_400);
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        utc_date(secs),
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Parses exactly `YYYY-MM-DDTHH:MM:SSZ`.
pub fn parse_utc_datetime(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' {
        return None;
    }
    if b[16] != b':' || b[19] != b'Z' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = s.get(r)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, se) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || se > 60 {
        return None;
    }
    Some(days_from_civil(y, mo as u32, d as u32) * 86_400 + h * 3600 + mi * 60 + se)
}

/// Seconds since the epoch, now.
pub fn now_secs() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Result<&'a str, String> {
    let mut all = headers.get_all(name).iter();
    let value = all.next().ok_or_else(|| format!("missing header {name}"))?;
    if all.next().is_some() {
        return Err(format!("header {name} sent more than once"));
    }
    value
        .to_str()
        .map_err(|e| format!("header {name} is not text: {e}"))
}

fn check_fresh(signed_at: i64) -> Result<(), String> {
    let skew = (signed_at - now_secs()).abs();
    if skew > CLOCK_SKEW {
        return Err(format!("signed time is {skew} s away from now"));
    }
    Ok(())
}

// ---- Alibaba ACS3-HMAC-SHA256 ----

fn verify_alibaba(
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: &[u8],
    port: u16,
) -> Result<Seen, String> {
    if method != Method::POST {
        return Err(format!("method {method}, want POST"));
    }
    if uri.path() != "/" {
        return Err(format!("path {}, want /", uri.path()));
    }
    if !body.is_empty() {
        return Err(format!("RPC body must be empty, got {} bytes", body.len()));
    }

    // What the client asked for, decoded, as the service reads it.
    let mut params: BTreeMap<String, String> = BTreeMap::new();
    for pair in uri
        .query()
        .unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty())
    {
        let (k, v) = pair
            .split_once('=')
            .ok_or_else(|| format!("query pair without '=': {pair}"))?;
        if params
            .insert(percent_decode(k)?, percent_decode(v)?)
            .is_some()
        {
            return Err(format!("parameter {k} sent twice"));
        }
    }
    // The canonical query the service computes from those parameters.
    let mut encoded: Vec<(String, String)> = params
        .iter()
        .map(|(k, v)| (rfc3986(k), rfc3986(v)))
        .collect();
    encoded.sort();
    let canonical_query = encoded
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&");

    let host = header(headers, "host")?;
    let want_host = format!("127.0.0.1:{port}");
    if host != want_host {
        return Err(format!("Host {host:?}, want {want_host:?}"));
    }
    let action = header(headers, "x-acs-action")?.to_owned();
    let version = header(headers, "x-acs-version")?;
    if version != "2021-05-15" {
        return Err(format!("x-acs-version {version}"));
    }
    let date = header(headers, "x-acs-date")?;
    let signed_at =
        parse_utc_datetime(date).ok_or_else(|| format!("x-acs-date {date:?} is malformed"))?;
    check_fresh(signed_at)?;
    let nonce = header(headers, "x-acs-signature-nonce")?.to_owned();
    if nonce.len() < 16 {
        return Err(format!("nonce {nonce:?} is too short"));
    }
    let payload_hash = sha256_hex(body);
    let content_hash = header(headers, "x-acs-content-sha256")?;
    if content_hash != payload_hash {
        return Err(format!("x-acs-content-sha256 {content_hash}"));
    }

    let auth = header(headers, "authorization")?;
    let rest = auth
        .strip_prefix("ACS3-HMAC-SHA256 ")
        .ok_or_else(|| format!("authorization scheme: {auth}"))?;
    let mut credential = None;
    let mut signed_headers = None;
    let mut signature = None;
    for part in rest.split(',') {
        let (k, v) = part
            .trim()
            .split_once('=')
            .ok_or_else(|| format!("authorization part {part:?}"))?;
        match k {
            "Credential" => credential = Some(v),
            "SignedHeaders" => signed_headers = Some(v),
            "Signature" => signature = Some(v),
            other => return Err(format!("unexpected authorization part {other}")),
        }
    }
    let (Some(credential), Some(signed_headers), Some(signature)) =
        (credential, signed_headers, signature)
    else {
        return Err(format!("incomplete authorization: {auth}"));
    };
    if credential != ID {
        return Err(format!("credential {credential}"));
    }
    let names: Vec<&str> = signed_headers.split(';').collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    sorted.dedup();
    if sorted != names || names.iter().any(|n| *n != n.to_ascii_lowercase()) {
        return Err(format!(
            "signed headers not sorted lower-case: {signed_headers}"
        ));
    }
    for required in [
        "host",
        "x-acs-action",
        "x-acs-content-sha256",
        "x-acs-date",
        "x-acs-signature-nonce",
        "x-acs-version",
    ] {
        if !names.contains(&required) {
            return Err(format!("{required} is not signed"));
        }
    }
    let mut canonical_headers = String::new();
    for name in &names {
        canonical_headers.push_str(name);
        canonical_headers.push(':');
        canonical_headers.push_str(header(headers, name)?.trim());
        canonical_headers.push('\n');
    }
    let canonical_request = format!(
        "POST\n/\n{canonical_query}\n{canonical_headers}\n{signed_headers}\n{payload_hash}"
    );
    let string_to_sign = format!(
        "ACS3-HMAC-SHA256\n{}",
        sha256_hex(canonical_request.as_bytes())
    );
    let expected = hex::encode(hmac_sha256(SECRET.as_bytes(), string_to_sign.as_bytes()));
    if signature != expected {
        return Err(format!(
            "signature mismatch; canonical request was:\n{canonical_request}"
        ));
    }
    Ok(Seen {
        action,
        params: params
            .into_iter()
            .map(|(k, v)| (k, Value::String(v)))
            .collect(),
        raw_query: uri.query().unwrap_or("").to_owned(),
        host: host.to_owned(),
        nonce,
        signed_at,
        headers: headers.clone(),
    })
}

// ---- Tencent TC3-HMAC-SHA256 ----

fn verify_tencent(
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: &[u8],
    port: u16,
) -> Result<Seen, String> {
    if method != Method::POST {
        return Err(format!("method {method}, want POST"));
    }
    if uri.path() != "/" || uri.query().is_some() {
        return Err(format!("URI {uri}, want /"));
    }
    let content_type = header(headers, "content-type")?;
    if content_type != "application/json" {
        return Err(format!("content-type {content_type:?}"));
    }
    let host = header(headers, "host")?;
    let want_host = format!("127.0.0.1:{port}");
    if host != want_host {
        return Err(format!("Host {host:?}, want {want_host:?}"));
    }
    let action = header(headers, "x-tc-action")?.to_owned();
    let version = header(headers, "x-tc-version")?;
    if version != "2021-03-31" {
        return Err(format!("X-TC-Version {version}"));
    }
    let ts_text = header(headers, "x-tc-timestamp")?;
    let ts: i64 = ts_text
        .parse()
        .map_err(|_| format!("X-TC-Timestamp {ts_text:?}"))?;
    check_fresh(ts)?;
    let date = utc_date(ts);

    let auth = header(headers, "authorization")?;
    let rest = auth
        .strip_prefix("TC3-HMAC-SHA256 ")
        .ok_or_else(|| format!("authorization scheme: {auth}"))?;
    let mut credential = None;
    let mut signed_headers = None;
    let mut signature = None;
    for part in rest.split(", ") {
        let (k, v) = part
            .split_once('=')
            .ok_or_else(|| format!("authorization part {part:?}"))?;
        match k {
            "Credential" => credential = Some(v),
            "SignedHeaders" => signed_headers = Some(v),
            "Signature" => signature = Some(v),
            other => return Err(format!("unexpected authorization part {other}")),
        }
    }
    let (Some(credential), Some(signed_headers), Some(signature)) =
        (credential, signed_headers, signature)
    else {
        return Err(format!("incomplete authorization: {auth}"));
    };
    let scope = format!("{date}/organization/tc3_request");
    if credential != format!("{ID}/{scope}") {
        return Err(format!("credential {credential}, want {ID}/{scope}"));
    }
    if signed_headers != "content-type;host" {
        return Err(format!("signed headers {signed_headers}"));
    }
    let canonical_request = format!(
        "POST\n/\n\ncontent-type:{content_type}\nhost:{host}\n\n{signed_headers}\n{}",
        sha256_hex(body)
    );
    let string_to_sign = format!(
        "TC3-HMAC-SHA256\n{ts}\n{scope}\n{}",
        sha256_hex(canonical_request.as_bytes())
    );
    let k_date = hmac_sha256(format!("TC3{SECRET}").as_bytes(), date.as_bytes());
    let k_service = hmac_sha256(&k_date, b"organization");
    let k_signing = hmac_sha256(&k_service, b"tc3_request");
    let expected = hex::encode(hmac_sha256(&k_signing, string_to_sign.as_bytes()));
    if signature != expected {
        return Err(format!(
            "signature mismatch; canonical request was:\n{canonical_request}"
        ));
    }
    let params = match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => map,
        Ok(other) => return Err(format!("body is not a JSON object: {other}")),
        Err(e) => return Err(format!("body is not JSON: {e}")),
    };
    Ok(Seen {
        action,
        params,
        raw_query: String::new(),
        host: host.to_owned(),
        nonce: ts.to_string(),
        signed_at: ts,
        headers: headers.clone(),
    })
}
