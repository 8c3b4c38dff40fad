//! Alibaba Cloud ACS3-HMAC-SHA256 signing for RPC-style APIs.
//!
//! An RPC call is `POST /?<canonical query>` with an empty body: every request parameter
//! goes into the query string ([`flatten_params`]), and the canonical query that is signed
//! is byte for byte the query that is sent ([`canonical_query_string`]).
//!
//! ```text
//! CanonicalRequest = Method \n Path \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n HexSha256(Body)
//! StringToSign     = "ACS3-HMAC-SHA256" \n HexSha256(CanonicalRequest)
//! Signature        = Hex(HmacSha256(AccessKeySecret, StringToSign))
//! Authorization    = ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<names>,Signature=<hex>
//! ```
//! `CanonicalHeaders` is one `name:value\n` line per signed header: lower-case names,
//! trimmed values, sorted by name.

use std::collections::BTreeMap;
use std::fmt;
use std::time::SystemTime;

use serde_json::Value;

use super::{hmac_sha256, percent_encode, sha256_hex};

/// The algorithm name that starts the string to sign and the `Authorization` header.
pub const ALGORITHM: &str = "ACS3-HMAC-SHA256";

/// Turns a request's JSON form into RPC query parameters (unencoded), sorted by name.
///
/// Scalars become strings (`true`/`false` for booleans, the JSON text for numbers);
/// list elements become `Name.1`, `Name.2`, ... (1-based); object members become
/// `Name.Key`; both nest (`Name.1.Key`). `null` and empty lists contribute nothing.
/// A top-level `null` (a request with no fields) gives no parameters; any other
/// non-object top level is an error.
pub fn flatten_params(value: &Value) -> Result<BTreeMap<String, String>, FlattenError> {
    let mut out = BTreeMap::new();
    match value {
        Value::Null => {}
        Value::Object(members) => {
            for (name, member) in members {
                flatten_into(name.clone(), member, &mut out);
            }
        }
        other => {
            return Err(FlattenError {
                found: json_type(other),
            });
        }
    }
    Ok(out)
}

fn flatten_into(prefix: String, value: &Value, out: &mut BTreeMap<String, String>) {
    match value {
        Value::Null => {}
        Value::Bool(b) => {
            out.insert(prefix, b.to_string());
        }
        Value::Number(n) => {
            out.insert(prefix, n.to_string());
        }
        Value::String(s) => {
            out.insert(prefix, s.clone());
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                flatten_into(format!("{prefix}.{}", i + 1), item, out);
            }
        }
        Value::Object(members) => {
            for (key, member) in members {
                flatten_into(format!("{prefix}.{key}"), member, out);
            }
        }
    }
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// A request did not serialize to a JSON object, so it has no named parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlattenError {
    found: &'static str,
}

impl fmt::Display for FlattenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "an RPC request must serialize to a JSON object, found {}",
            self.found
        )
    }
}

impl std::error::Error for FlattenError {}

/// The canonical query string: pairs sorted by (unencoded) name, then value; name and
/// value each [RFC 3986 encoded](super::percent_encode); joined as `k=v` with `&`.
/// A parameter with an empty value is `k=`.
pub fn canonical_query_string<'a>(params: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut pairs: Vec<(&str, &str)> = params.into_iter().collect();
    pairs.sort_unstable();
    let mut out = String::new();
    for (i, (k, v)) in pairs.into_iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(&percent_encode(k));
        out.push('=');
        out.push_str(&percent_encode(v));
    }
    out
}

/// Formats a time as `x-acs-date` wants it: `%Y-%m-%dT%H:%M:%SZ` in UTC.
pub fn format_date(time: SystemTime) -> String {
    let ts = jiff::Timestamp::try_from(time).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    ts.to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

/// The headers an RPC call signs, in sorted order: `host`, `x-acs-action`,
/// `x-acs-content-sha256`, `x-acs-date`, `x-acs-security-token` (only with a token),
/// `x-acs-signature-nonce`, `x-acs-version`.
///
/// `host` is the authority the request is sent to, with `:port` when the port is not the
/// scheme's default. `date` is already formatted ([`format_date`]).
pub fn rpc_headers(
    host: &str,
    action: &str,
    version: &str,
    date: &str,
    nonce: &str,
    payload: &[u8],
    security_token: Option<&str>,
) -> Vec<(String, String)> {
    let mut headers = vec![
        ("host".to_owned(), host.to_owned()),
        ("x-acs-action".to_owned(), action.to_owned()),
        ("x-acs-content-sha256".to_owned(), sha256_hex(payload)),
        ("x-acs-date".to_owned(), date.to_owned()),
    ];
    if let Some(token) = security_token {
        headers.push(("x-acs-security-token".to_owned(), token.to_owned()));
    }
    headers.push(("x-acs-signature-nonce".to_owned(), nonce.to_owned()));
    headers.push(("x-acs-version".to_owned(), version.to_owned()));
    headers
}

/// Everything [`sign`] needs.
#[derive(Debug, Clone, Copy)]
pub struct SigningInput<'a> {
    /// The HTTP method, e.g. `POST`.
    pub method: &'a str,
    /// The canonical URI, `/` for RPC calls.
    pub path: &'a str,
    /// The query parameters, unencoded.
    pub query: &'a [(String, String)],
    /// Every header to sign (names in any case). Each one is also sent.
    pub headers: &'a [(String, String)],
    /// The request body (empty for RPC calls).
    pub payload: &'a [u8],
    /// The AccessKey id.
    pub access_key_id: &'a str,
    /// The AccessKey secret.
    pub access_key_secret: &'a str,
}

/// Every intermediate value of an ACS3 signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// The encoded, sorted query string (also what is sent).
    pub canonical_query_string: String,
    /// Hex SHA-256 of the body.
    pub hashed_request_payload: String,
    /// `name:value\n` for each signed header, sorted.
    pub canonical_headers: String,
    /// The signed header names, lower-case, sorted, `;`-joined.
    pub signed_headers: String,
    /// The canonical request.
    pub canonical_request: String,
    /// Hex SHA-256 of the canonical request.
    pub hashed_canonical_request: String,
    /// `ACS3-HMAC-SHA256\n<hashed canonical request>`.
    pub string_to_sign: String,
    /// Hex HMAC-SHA256 of the string to sign under the secret.
    pub signature: String,
    /// The `Authorization` header value.
    pub authorization: String,
}

/// Computes an ACS3-HMAC-SHA256 signature.
pub fn sign(input: &SigningInput<'_>) -> Signature {
    let canonical_query_string =
        canonical_query_string(input.query.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let hashed_request_payload = sha256_hex(input.payload);

    let mut headers: Vec<(String, &str)> = input
        .headers
        .iter()
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim()))
        .collect();
    headers.sort();
    let canonical_headers: String = headers.iter().map(|(k, v)| format!("{k}:{v}\n")).collect();
    let mut names: Vec<&str> = headers.iter().map(|(k, _)| k.as_str()).collect();
    names.dedup();
    let signed_headers = names.join(";");

    let canonical_request = format!(
        "{}\n{}\n{}\n{}\n{}\n{}",
        input.method,
        input.path,
        canonical_query_string,
        canonical_headers,
        signed_headers,
        hashed_request_payload
    );
    let hashed_canonical_request = sha256_hex(canonical_request.as_bytes());
    let string_to_sign = format!("{ALGORITHM}\n{hashed_canonical_request}");
    let signature = hex::encode(hmac_sha256(
        input.access_key_secret.as_bytes(),
        string_to_sign.as_bytes(),
    ));
    let authorization = format!(
        "{ALGORITHM} Credential={},SignedHeaders={},Signature={}",
        input.access_key_id, signed_headers, signature
    );
    Signature {
        canonical_query_string,
        hashed_request_payload,
        canonical_headers,
        signed_headers,
        canonical_request,
        hashed_canonical_request,
        string_to_sign,
        signature,
        authorization,
    }
}
