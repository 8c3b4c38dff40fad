//! Tencent Cloud TC3-HMAC-SHA256 signing (API 3.0).
//!
//! Calls are `POST /` with a JSON body; the signed headers are `content-type;host`.
//!
//! ```text
//! CanonicalRequest = POST \n / \n \n content-type:<ct>\nhost:<host>\n \n content-type;host \n HexSha256(Body)
//! CredentialScope  = <UTC date>/<service>/tc3_request
//! StringToSign     = TC3-HMAC-SHA256 \n <timestamp> \n CredentialScope \n HexSha256(CanonicalRequest)
//! SecretSigning    = HMAC(HMAC(HMAC("TC3" + SecretKey, date), service), "tc3_request")
//! Signature        = Hex(HMAC(SecretSigning, StringToSign))
//! ```

use super::{hmac_sha256, sha256_hex};

/// The algorithm name that starts the string to sign and the `Authorization` header.
pub const ALGORITHM: &str = "TC3-HMAC-SHA256";

/// The header names TC3 signs here, in canonical order.
pub const SIGNED_HEADERS: &str = "content-type;host";

/// The UTC calendar date (`%Y-%m-%d`) of a Unix timestamp, as the credential scope wants.
/// Timestamps outside the range of years -9999..=9999 are clamped to the Unix epoch.
pub fn utc_date(timestamp: i64) -> String {
    let ts = jiff::Timestamp::from_second(timestamp).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    ts.to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .strftime("%Y-%m-%d")
        .to_string()
}

/// Everything [`sign`] needs.
#[derive(Debug, Clone, Copy)]
pub struct SigningInput<'a> {
    /// The SecretId.
    pub secret_id: &'a str,
    /// The SecretKey.
    pub secret_key: &'a str,
    /// The service name in the credential scope, e.g. `organization`.
    pub service: &'a str,
    /// The `Host` header sent, with `:port` when the port is not the scheme's default.
    pub host: &'a str,
    /// The `Content-Type` header sent, e.g. `application/json`.
    pub content_type: &'a str,
    /// The request body.
    pub payload: &'a [u8],
    /// The `X-TC-Timestamp` value, Unix seconds.
    pub timestamp: i64,
}

/// Every intermediate value of a TC3 signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// The UTC date of the timestamp.
    pub date: String,
    /// Hex SHA-256 of the body.
    pub hashed_request_payload: String,
    /// The canonical request.
    pub canonical_request: String,
    /// `<date>/<service>/tc3_request`.
    pub credential_scope: String,
    /// Hex SHA-256 of the canonical request.
    pub hashed_canonical_request: String,
    /// The string to sign.
    pub string_to_sign: String,
    /// Hex of the final HMAC.
    pub signature: String,
    /// The `Authorization` header value.
    pub authorization: String,
}

/// Computes a TC3-HMAC-SHA256 signature.
pub fn sign(input: &SigningInput<'_>) -> Signature {
    let date = utc_date(input.timestamp);
    let hashed_request_payload = sha256_hex(input.payload);
    let canonical_request = format!(
        "POST\n/\n\ncontent-type:{}\nhost:{}\n\n{SIGNED_HEADERS}\n{hashed_request_payload}",
        input.content_type.trim(),
        input.host.trim(),
    );
    let credential_scope = format!("{date}/{}/tc3_request", input.service);
    let hashed_canonical_request = sha256_hex(canonical_request.as_bytes());
    let string_to_sign = format!(
        "{ALGORITHM}\n{}\n{credential_scope}\n{hashed_canonical_request}",
        input.timestamp
    );
    let secret_date = hmac_sha256(
        format!("TC3{}", input.secret_key).as_bytes(),
        date.as_bytes(),
    );
    let secret_service = hmac_sha256(&secret_date, input.service.as_bytes());
    let secret_signing = hmac_sha256(&secret_service, b"tc3_request");
    let signature = hex::encode(hmac_sha256(&secret_signing, string_to_sign.as_bytes()));
    let authorization = format!(
        "{ALGORITHM} Credential={}/{credential_scope}, SignedHeaders={SIGNED_HEADERS}, Signature={signature}",
        input.secret_id
    );
    Signature {
        date,
        hashed_request_payload,
        canonical_request,
        credential_scope,
        hashed_canonical_request,
        string_to_sign,
        signature,
        authorization,
    }
}
