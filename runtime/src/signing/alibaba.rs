//! Alibaba Cloud ACS3-HMAC-SHA256 signing for RPC-style APIs.
//!
//! An RPC call goes to `/` with the operation's method. Request parameters are flattened
//! ([`split_params`]); those the operation sends in the body travel form-encoded
//! ([`form_body`], content type [`FORM_CONTENT_TYPE`]), the rest in the query string.
//! The canonical query that is signed is byte for byte the query that is sent
//! ([`canonical_query_string`]), and the body's SHA-256 is both `x-acs-content-sha256`
//! and the last line of the canonical request. Without body parameters the body is empty,
//! as it is for every `GET`.
//!
//! ```text
//! CanonicalRequest = Method \n Path \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n HexSha256(Body)
//! StringToSign     = "ACS3-HMAC-SHA256" \n HexSha256(CanonicalRequest)
//! Signature        = Hex(HmacSha256(AccessKeySecret, StringToSign))
//! Authorization    = ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<names>,Signature=<hex>
//! ```
//! `CanonicalHeaders` is one `name:value\n` line per signed header: lower-case names,
//! trimmed values, sorted by name. As in the vendor's SDKs, `host`, every `x-acs-*`
//! header and, when there is a body, `content-type` are signed.

use std::collections::BTreeMap;
use std::fmt;
use std::time::SystemTime;

use serde_json::Value;

use super::{hmac_sha256, percent_encode, sha256_hex};

/// The algorithm name that starts the string to sign and the `Authorization` header.
pub const ALGORITHM: &str = "ACS3-HMAC-SHA256";

/// The content type of a body of form parameters (sent and signed).
pub const FORM_CONTENT_TYPE: &str = "application/x-www-form-urlencoded";

/// Turns a request's JSON form into RPC query parameters (unencoded), sorted by name.
///
/// Scalars become strings (`true`/`false` for booleans, the JSON text for numbers);
/// list elements become `Name.1`, `Name.2`, ... (1-based); object members become
/// `Name.Key`; both nest (`Name.1.Key`). `null` and empty lists contribute nothing.
/// A top-level `null` (a request with no fields) gives no parameters; any other
/// non-object top level is an error.
pub fn flatten_params(value: &Value) -> Result<BTreeMap<String, String>, FlattenError> {
    split_params(value, &[]).map(|(query, _)| query)
}

/// Like [`flatten_params`], with the members named in `body` (wire names, e.g.
/// [`Operation::BODY_PARAMS`](crate::Operation::BODY_PARAMS)) flattened into a second
/// map: `(query parameters, body parameters)`.
pub fn split_params(value: &Value, body: &[&str]) -> Result<(Params, Params), FlattenError> {
    let mut query = BTreeMap::new();
    let mut form = BTreeMap::new();
    match value {
        Value::Null => {}
        Value::Object(members) => {
            for (name, member) in members {
                let out = if body.contains(&name.as_str()) {
                    &mut form
                } else {
                    &mut query
                };
                flatten_into(name.clone(), member, out);
            }
        }
        other => {
            return Err(FlattenError {
                found: json_type(other),
            });
        }
    }
    Ok((query, form))
}

/// Flattened parameters, unencoded, sorted by name.
pub type Params = BTreeMap<String, String>;

/// An `application/x-www-form-urlencoded` body of parameters: the same text as
/// [`canonical_query_string`] (pairs sorted by name, RFC 3986 encoded, so space is `%20`
/// rather than `+`; form decoders read both). Empty without parameters.
pub fn form_body<'a>(params: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    canonical_query_string(params)
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
/// scheme's default. `date` is already formatted ([`format_date`]). A request with a body
/// also signs its `content-type` ([`FORM_CONTENT_TYPE`]); the caller adds that header
/// ([`sign`] sorts what it is given).
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
    /// The HTTP method, `POST` or `GET`.
    pub method: &'a str,
    /// The canonical URI, `/` for RPC calls.
    pub path: &'a str,
    /// The query parameters, unencoded.
    pub query: &'a [(String, String)],
    /// Every header to sign (names in any case). Each one is also sent.
    pub headers: &'a [(String, String)],
    /// The request body: the [form](form_body) of body parameters, or empty.
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pairs(p: &Params) -> Vec<(&str, &str)> {
        p.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
    }

    #[test]
    fn body_members_flatten_apart_from_the_query() {
        let value = json!({
            "Name": "a b",
            "Tags": [{"Key": "k"}],
            "Policy": "{\"a\":1}",
            "Ids": "1,2",
            "Skipped": null,
        });
        let (query, body) = split_params(&value, &["Tags", "Policy", "Absent"]).unwrap();
        assert_eq!(pairs(&query), [("Ids", "1,2"), ("Name", "a b")]);
        assert_eq!(pairs(&body), [("Policy", "{\"a\":1}"), ("Tags.1.Key", "k")]);
        assert_eq!(
            form_body(pairs(&body)),
            "Policy=%7B%22a%22%3A1%7D&Tags.1.Key=k"
        );
        assert_eq!(form_body([]), "");
        let (all, none) = split_params(&value, &[]).unwrap();
        assert_eq!(all, flatten_params(&value).unwrap());
        assert!(none.is_empty());
        assert!(split_params(&json!([1]), &["x"]).is_err());
    }

    #[test]
    fn a_body_changes_the_payload_hash_and_signs_the_content_type() {
        let body = form_body([("Name", "a b")]);
        assert_eq!(body, "Name=a%20b");
        let mut headers = rpc_headers("h", "A", "v", "d", "n", body.as_bytes(), None);
        assert_eq!(headers[2].1, super::sha256_hex(b"Name=a%20b"));
        headers.push(("content-type".to_owned(), FORM_CONTENT_TYPE.to_owned()));
        let s = sign(&SigningInput {
            method: "POST",
            path: "/",
            query: &[],
            headers: &headers,
            payload: body.as_bytes(),
            access_key_id: "id",
            access_key_secret: "secret",
        });
        assert_eq!(
            s.signed_headers,
            "content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;\
             x-acs-signature-nonce;x-acs-version"
        );
        assert!(
            s.canonical_request
                .starts_with("POST\n/\n\ncontent-type:application/x-www-form-urlencoded\nhost:h\n")
        );
        assert!(
            s.canonical_request
                .ends_with(&super::sha256_hex(body.as_bytes()))
        );
    }
}
