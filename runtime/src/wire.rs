//! Turning an HTTP answer into a typed output or a typed error, per provider.
//!
//! Nothing here may panic on what a server sends: every odd body (HTML, truncated or
//! mistyped JSON, an empty or oversized body) becomes [`ErrorKind::Undecodable`].

use std::time::Duration;

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::error::{Error, ErrorKind, ServiceError};
use crate::operation::Provider;

/// What the client read off the wire for one attempt.
pub(crate) struct RawResponse {
    pub status: u16,
    /// `x-acs-request-id` or `x-tc-requestid`, when a header carried one.
    pub header_request_id: Option<String>,
    /// Alibaba's `x-acs-retry-after`, already capped.
    pub retry_after: Option<Duration>,
    pub body: Vec<u8>,
}

/// Alibaba's SDKs read `x-acs-retry-after` as milliseconds (Darabonba's retry policy and
/// the .NET `Utils.GetThrottlingTimeLeft` treat "2000" as two seconds); values that are
/// not positive integers are ignored, and the wait is capped at `cap`.
pub(crate) fn parse_retry_after(value: Option<&str>, cap: Duration) -> Option<Duration> {
    let ms: u64 = value?.trim().parse().ok()?;
    (ms > 0).then(|| Duration::from_millis(ms).min(cap))
}

pub(crate) fn decode<T: DeserializeOwned>(
    provider: Provider,
    raw: &RawResponse,
) -> Result<T, Error> {
    match provider {
        Provider::Alibaba => decode_alibaba(raw),
        Provider::Tencent => decode_tencent(raw),
    }
}

fn undecodable(raw: &RawResponse, reason: impl Into<String>) -> Error {
    Error::undecodable(raw.status, &raw.body, reason, raw.header_request_id.clone())
}

fn parse_object(raw: &RawResponse) -> Result<Map<String, Value>, Error> {
    if raw.body.iter().all(u8::is_ascii_whitespace) {
        return Err(undecodable(raw, "empty body"));
    }
    match serde_json::from_slice::<Value>(&raw.body) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(undecodable(raw, "body is JSON but not an object")),
        Err(e) => Err(undecodable(raw, format!("body is not valid JSON: {e}"))),
    }
}

/// A string member, also accepting numbers (some gateways send numeric codes).
fn text(map: &Map<String, Value>, key: &str) -> Option<String> {
    match map.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn service_error(kind_is_throttle: bool, e: ServiceError) -> Error {
    if kind_is_throttle {
        Error::new(ErrorKind::Throttled(e))
    } else {
        Error::new(ErrorKind::Service(e))
    }
}

fn typed<T: DeserializeOwned>(raw: &RawResponse, value: Value) -> Result<T, Error> {
    serde_json::from_value(value)
        .map_err(|e| undecodable(raw, format!("body does not match the response type: {e}")))
}

fn decode_alibaba<T: DeserializeOwned>(raw: &RawResponse) -> Result<T, Error> {
    let map = parse_object(raw)?;
    if (200..300).contains(&raw.status) {
        return typed(raw, Value::Object(map));
    }
    let Some(code) = text(&map, "Code") else {
        return Err(undecodable(
            raw,
            "error status without an error code in the body",
        ));
    };
    let throttled = code.starts_with("Throttling");
    Err(service_error(
        throttled,
        ServiceError {
            code,
            message: text(&map, "Message"),
            request_id: text(&map, "RequestId").or_else(|| raw.header_request_id.clone()),
            http_status: raw.status,
            recommend: text(&map, "Recommend"),
            host_id: text(&map, "HostId"),
            retry_after: raw.retry_after,
        },
    ))
}

fn decode_tencent<T: DeserializeOwned>(raw: &RawResponse) -> Result<T, Error> {
    let mut map = parse_object(raw)?;
    let Some(Value::Object(inner)) = map.remove("Response") else {
        return Err(undecodable(raw, "body has no \"Response\" object"));
    };
    // Tencent reports errors with HTTP 200, so the error member decides, not the status.
    if let Some(err) = inner.get("Error") {
        let Value::Object(err) = err else {
            return Err(undecodable(raw, "\"Response.Error\" is not an object"));
        };
        let Some(code) = text(err, "Code") else {
            return Err(undecodable(raw, "\"Response.Error\" has no \"Code\""));
        };
        let throttled = code.starts_with("RequestLimitExceeded");
        return Err(service_error(
            throttled,
            ServiceError {
                code,
                message: text(err, "Message"),
                request_id: text(&inner, "RequestId").or_else(|| raw.header_request_id.clone()),
                http_status: raw.status,
                recommend: None,
                host_id: None,
                retry_after: raw.retry_after,
            },
        ));
    }
    if !(200..300).contains(&raw.status) {
        return Err(undecodable(raw, "error status without \"Response.Error\""));
    }
    // RequestId stays in the object: output types may declare it.
    typed(raw, Value::Object(inner))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "PascalCase")]
    struct Out {
        request_id: String,
        total: i64,
    }

    fn raw(status: u16, body: &[u8]) -> RawResponse {
        RawResponse {
            status,
            header_request_id: None,
            retry_after: None,
            body: body.to_vec(),
        }
    }

    #[test]
    fn retry_after_is_milliseconds_and_capped() {
        let cap = Duration::from_secs(5);
        assert_eq!(
            parse_retry_after(Some(" 250 "), cap),
            Some(Duration::from_millis(250))
        );
        assert_eq!(parse_retry_after(Some("999999999"), cap), Some(cap));
        assert_eq!(parse_retry_after(Some("0"), cap), None);
        assert_eq!(parse_retry_after(Some("-1"), cap), None);
        assert_eq!(parse_retry_after(Some("soon"), cap), None);
        assert_eq!(parse_retry_after(None, cap), None);
    }

    #[test]
    fn odd_bodies_are_undecodable_never_panics() {
        let bodies: [&[u8]; 9] = [
            b"",
            b"   ",
            b"<html><body>502 Bad Gateway</body></html>",
            b"{\"RequestId\": \"x\", \"Total\": ",
            b"[1,2,3]",
            b"null",
            b"{\"RequestId\": 5, \"Total\": \"many\"}",
            b"\xff\xfe\x00garbage",
            b"{\"Response\": 3}",
        ];
        for provider in [Provider::Alibaba, Provider::Tencent] {
            for status in [200, 400, 500] {
                for body in bodies {
                    let e = decode::<Out>(provider, &raw(status, body)).unwrap_err();
                    assert!(
                        matches!(e.kind(), ErrorKind::Undecodable { .. }),
                        "{provider:?} {status} {body:?}: {e}"
                    );
                    assert_eq!(e.http_status(), Some(status));
                }
            }
        }
    }

    #[test]
    fn tencent_error_in_200_is_a_service_error() {
        let body = br#"{"Response":{"Error":{"Code":"ResourceNotFound.Task","Message":"no such task"},"RequestId":"r-1"}}"#;
        let e = decode::<Out>(Provider::Tencent, &raw(200, body)).unwrap_err();
        assert_eq!(e.code(), Some("ResourceNotFound.Task"));
        assert_eq!(e.request_id(), Some("r-1"));
        assert!(!e.is_throttling());
        let body = br#"{"Response":{"Error":{"Code":"RequestLimitExceeded.UinLimitExceeded","Message":"slow"},"RequestId":"r-2"}}"#;
        assert!(
            decode::<Out>(Provider::Tencent, &raw(200, body))
                .unwrap_err()
                .is_throttling()
        );
    }

    #[test]
    fn tencent_success_strips_envelope() {
        let body = br#"{"Response":{"Total":3,"RequestId":"r-3"}}"#;
        let out: Out = decode(Provider::Tencent, &raw(200, body)).unwrap();
        assert_eq!(
            out,
            Out {
                request_id: "r-3".into(),
                total: 3
            }
        );
    }

    #[test]
    fn alibaba_error_keeps_every_field() {
        let body = br#"{"RequestId":"r-4","HostId":"cloudsso.cn-shanghai.aliyuncs.com","Code":"Throttling.User","Message":"Request was denied due to user flow control.","Recommend":"https://api.aliyun.com/troubleshoot?q=Throttling.User"}"#;
        let e = decode::<Out>(Provider::Alibaba, &raw(400, body)).unwrap_err();
        assert!(e.is_throttling());
        assert_eq!(e.code(), Some("Throttling.User"));
        assert_eq!(e.request_id(), Some("r-4"));
        assert_eq!(e.host_id(), Some("cloudsso.cn-shanghai.aliyuncs.com"));
        assert!(e.recommend().unwrap().contains("troubleshoot"));
        assert_eq!(e.http_status(), Some(400));
    }
}
