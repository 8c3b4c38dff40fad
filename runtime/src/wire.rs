//! Turning an HTTP answer into a typed output or a typed error, per provider.
//!
//! Nothing here may panic on what a server sends: every odd body (HTML, truncated or
//! mistyped JSON, an empty or oversized body) becomes [`ErrorKind::Undecodable`].
//!
//! A successful answer is parsed once, straight from the body bytes into the output
//! type. For Tencent, whose errors arrive as HTTP 200 with a `Response.Error` member,
//! that single pass watches the envelope's keys as the output type reads them: an
//! `Error` key stops it, and only then (or when the output type refused the body) is the
//! body parsed a second time, as a `serde_json::Value`, to build the typed error and say
//! exactly what was wrong.

use std::fmt;
use std::marker::PhantomData;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::de::value::{BorrowedStrDeserializer, MapAccessDeserializer, StrDeserializer};
use serde::de::{self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

use crate::error::{Error, ErrorKind, ServiceError};
use crate::operation::Provider;

/// What the client read off the wire for one attempt.
#[derive(Debug)]
pub(crate) struct RawResponse {
    pub status: u16,
    /// `x-acs-request-id` or `x-tc-requestid`, when a header carried one.
    pub header_request_id: Option<String>,
    /// Alibaba's `x-acs-retry-after`, or else the standard `Retry-After`, already capped.
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

/// The standard `Retry-After` (RFC 9110 §10.2.3): delta-seconds or an HTTP-date, the
/// latter measured from `now`. A wait of zero, a date in the past and anything
/// unparseable give `None`; the wait is capped at `cap`.
pub(crate) fn parse_http_retry_after(
    value: Option<&str>,
    now: SystemTime,
    cap: Duration,
) -> Option<Duration> {
    let value = value?.trim();
    let wait = if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // Digits beyond u64 are a very long wait: the cap.
        Duration::from_secs(value.parse().unwrap_or(u64::MAX))
    } else {
        static PARSER: jiff::fmt::rfc2822::DateTimeParser =
            jiff::fmt::rfc2822::DateTimeParser::new();
        let at = PARSER.parse_timestamp(value).ok()?.as_second();
        let now = i64::try_from(now.duration_since(UNIX_EPOCH).ok()?.as_secs()).ok()?;
        Duration::from_secs(u64::try_from(at.checked_sub(now)?).ok()?)
    };
    (!wait.is_zero()).then(|| wait.min(cap))
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

fn is_success(raw: &RawResponse) -> bool {
    (200..300).contains(&raw.status)
}

/// Checks that the body is, on its face, one JSON object: serde would also read a
/// struct from an array, and the protocols promise an object.
fn check_object_shape(raw: &RawResponse) -> Result<(), Error> {
    match raw.body.iter().find(|b| !b.is_ascii_whitespace()) {
        None => Err(undecodable(raw, "empty body")),
        Some(b'{') => Ok(()),
        Some(_) => Err(match serde_json::from_slice::<IgnoredAny>(&raw.body) {
            Ok(_) => undecodable(raw, "body is JSON but not an object"),
            Err(e) => undecodable(raw, format!("body is not valid JSON: {e}")),
        }),
    }
}

fn parse_object(raw: &RawResponse) -> Result<Map<String, Value>, Error> {
    check_object_shape(raw)?;
    match serde_json::from_slice::<Value>(&raw.body) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(undecodable(raw, "body is JSON but not an object")),
        Err(e) => Err(undecodable(raw, format!("body is not valid JSON: {e}"))),
    }
}

fn mismatch(raw: &RawResponse, e: &serde_json::Error) -> Error {
    let reason = if e.is_syntax() || e.is_eof() {
        format!("body is not valid JSON: {e}")
    } else {
        format!("body does not match the response type: {e}")
    };
    undecodable(raw, reason)
}

/// A string member, also accepting numbers (some gateways send numeric codes).
fn text(map: &Map<String, Value>, key: &str) -> Option<String> {
    match map.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn service_error(throttled: bool, e: ServiceError) -> Error {
    if throttled {
        Error::new(ErrorKind::Throttled(e))
    } else {
        Error::new(ErrorKind::Service(e))
    }
}

/// HTTP 429 without the vendor's error body is still throttling.
fn too_many_requests(raw: &RawResponse) -> Error {
    service_error(
        true,
        ServiceError {
            code: "TooManyRequests".into(),
            message: Some("HTTP 429 without an error code in the body".into()),
            request_id: raw.header_request_id.clone(),
            http_status: raw.status,
            recommend: None,
            host_id: None,
            retry_after: raw.retry_after,
        },
    )
}

fn decode_alibaba<T: DeserializeOwned>(raw: &RawResponse) -> Result<T, Error> {
    if is_success(raw) {
        check_object_shape(raw)?;
        return serde_json::from_slice(&raw.body).map_err(|e| mismatch(raw, &e));
    }
    let map = match parse_object(raw) {
        Ok(map) => map,
        Err(_) if raw.status == 429 => return Err(too_many_requests(raw)),
        Err(e) => return Err(e),
    };
    let Some(code) = text(&map, "Code") else {
        if raw.status == 429 {
            return Err(too_many_requests(raw));
        }
        return Err(undecodable(
            raw,
            "error status without an error code in the body",
        ));
    };
    let throttled = raw.status == 429 || code.starts_with("Throttling");
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
    let fast = if is_success(raw) {
        check_object_shape(raw)?;
        match serde_json::from_slice::<Envelope<T>>(&raw.body) {
            Ok(Envelope(output)) => return Ok(output),
            Err(e) => Some(e),
        }
    } else {
        None
    };
    // The slow path: an error member, a refused body, or a non-2xx status.
    let mut map = match parse_object(raw) {
        Ok(map) => map,
        Err(_) if raw.status == 429 => return Err(too_many_requests(raw)),
        Err(e) => return Err(e),
    };
    let Some(Value::Object(inner)) = map.remove("Response") else {
        if raw.status == 429 {
            return Err(too_many_requests(raw));
        }
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
        let throttled = raw.status == 429 || code.starts_with("RequestLimitExceeded");
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
    if raw.status == 429 {
        return Err(too_many_requests(raw));
    }
    match fast {
        None => Err(undecodable(raw, "error status without \"Response.Error\"")),
        Some(e) => Err(mismatch(raw, &e)),
    }
}

// ---- Tencent's envelope, read in one pass ----

/// `{"Response": {...}}` whose inner object deserializes straight into `T`; other
/// top-level members are ignored. Fails if the inner object has an `Error` member.
struct Envelope<T>(T);

/// The error that stops the single pass at `Response.Error`; the slow path then builds
/// the typed error, so its text is never shown.
const ERROR_MEMBER: &str = "the answer has a Response.Error member";

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Envelope<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(EnvelopeVisitor(PhantomData))
    }
}

struct EnvelopeVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for EnvelopeVisitor<T> {
    type Value = Envelope<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object with a \"Response\" object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut output = None;
        while let Some(key) = map.next_key::<TopKey>()? {
            match key {
                TopKey::Response if output.is_some() => {
                    return Err(de::Error::duplicate_field("Response"));
                }
                TopKey::Response => output = Some(map.next_value_seed(Inner(PhantomData))?),
                TopKey::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        output
            .map(Envelope)
            .ok_or_else(|| de::Error::missing_field("Response"))
    }
}

enum TopKey {
    Response,
    Other,
}

impl<'de> Deserialize<'de> for TopKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = TopKey;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<TopKey, E> {
                Ok(if s == "Response" {
                    TopKey::Response
                } else {
                    TopKey::Other
                })
            }
        }
        d.deserialize_identifier(V)
    }
}

/// Deserializes the `Response` object into `T`, through [`Watch`].
struct Inner<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for Inner<T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        d.deserialize_map(InnerVisitor(PhantomData))
    }
}

struct InnerVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for InnerVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a \"Response\" object")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::deserialize(MapAccessDeserializer::new(Watch(map)))
    }
}

/// Hands the `Response` object's members to the output type unchanged, but fails at an
/// `Error` key.
struct Watch<A>(A);

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Watch<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.0.next_key_seed(WatchKey(seed))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.0.next_value_seed(seed)
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

/// Reads a key as a string without allocating, refuses `Error`, and passes any other
/// key on to the output type's own key seed.
struct WatchKey<K>(K);

impl<'de, K: DeserializeSeed<'de>> DeserializeSeed<'de> for WatchKey<K> {
    type Value = K::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<K::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de, K: DeserializeSeed<'de>> Visitor<'de> for WatchKey<K> {
    type Value = K::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<K::Value, E> {
        if s == "Error" {
            return Err(E::custom(ERROR_MEMBER));
        }
        self.0.deserialize(BorrowedStrDeserializer::new(s))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<K::Value, E> {
        if s == "Error" {
            return Err(E::custom(ERROR_MEMBER));
        }
        self.0.deserialize(StrDeserializer::new(s))
    }
}

/// Response decoding, for the fuzz target in `fuzz/`; not part of the public API.
#[doc(hidden)]
pub mod fuzzing {
    use super::*;

    /// Decodes `body` as an answer with `status`, as the client does.
    pub fn decode<T: DeserializeOwned>(
        provider: Provider,
        status: u16,
        body: &[u8],
    ) -> Result<T, Error> {
        super::decode(
            provider,
            &RawResponse {
                status,
                header_request_id: None,
                retry_after: None,
                body: body.to_vec(),
            },
        )
    }

    /// The same, the way the client did it before decoding went straight into the
    /// output type: through a `serde_json::Value`. A reference to compare against.
    pub fn decode_via_value<T: DeserializeOwned>(
        provider: Provider,
        status: u16,
        body: &[u8],
    ) -> Result<T, Error> {
        let raw = RawResponse {
            status,
            header_request_id: None,
            retry_after: None,
            body: body.to_vec(),
        };
        let typed = |value| {
            serde_json::from_value(value).map_err(|e| {
                undecodable(&raw, format!("body does not match the response type: {e}"))
            })
        };
        // Only the success path changed; errors (and 429) are classified as before.
        match provider {
            Provider::Alibaba if is_success(&raw) => typed(Value::Object(parse_object(&raw)?)),
            Provider::Alibaba => decode_alibaba(&raw),
            Provider::Tencent if !is_success(&raw) => decode_tencent(&raw),
            Provider::Tencent => {
                let mut map = parse_object(&raw)?;
                match map.remove("Response") {
                    Some(Value::Object(inner))
                        if is_success(&raw) && !inner.contains_key("Error") =>
                    {
                        typed(Value::Object(inner))
                    }
                    _ => decode_tencent(&raw),
                }
            }
        }
    }
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
    fn http_retry_after_is_seconds_or_a_date_and_capped() {
        let cap = Duration::from_secs(30);
        // 2015-10-21T07:28:00Z
        let now = UNIX_EPOCH + Duration::from_secs(1_445_412_480);
        let p = |v| parse_http_retry_after(Some(v), now, cap);
        assert_eq!(p("3"), Some(Duration::from_secs(3)));
        assert_eq!(p(" 12 "), Some(Duration::from_secs(12)));
        assert_eq!(p("3600"), Some(cap));
        assert_eq!(p("99999999999999999999999"), Some(cap));
        assert_eq!(p("0"), None);
        assert_eq!(p("-5"), None);
        assert_eq!(p("1.5"), None);
        assert_eq!(p(""), None);
        assert_eq!(
            p("Wed, 21 Oct 2015 07:28:10 GMT"),
            Some(Duration::from_secs(10))
        );
        assert_eq!(p("Wed, 21 Oct 2015 08:28:00 GMT"), Some(cap));
        assert_eq!(p("Wed, 21 Oct 2015 07:27:00 GMT"), None, "in the past");
        assert_eq!(p("Wed, 21 Oct 2015 07:28:00 GMT"), None, "now");
        assert_eq!(p("tomorrow"), None);
        assert_eq!(parse_http_retry_after(None, now, cap), None);
    }

    #[test]
    fn odd_bodies_are_undecodable_never_panics() {
        let bodies: [&[u8]; 11] = [
            b"",
            b"   ",
            b"<html><body>502 Bad Gateway</body></html>",
            b"{\"RequestId\": \"x\", \"Total\": ",
            b"[1,2,3]",
            b"[\"x\", 3]",
            b"null",
            b"{\"RequestId\": 5, \"Total\": \"many\"}",
            b"\xff\xfe\x00garbage",
            b"{\"Response\": 3}",
            b"{\"RequestId\":\"x\",\"Total\":1} trailing",
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
        assert_eq!(e.message(), Some("no such task"));
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
    fn tencent_error_is_found_wherever_it_sits() {
        // After members the output type accepts, after one it refuses, and with an
        // escaped key: each is the service error, not a decoding failure.
        for body in [
            r#"{"Response":{"RequestId":"r-1","Total":3,"Error":{"Code":"E","Message":"m"}}}"#,
            r#"{"Response":{"Total":"x","RequestId":"r-1","Error":{"Code":"E","Message":"m"}}}"#,
            r#"{"Response":{"RequestId":"r-1","\u0045rror":{"Code":"E","Message":"m"}}}"#,
            r#"{"Other":1,"Response":{"RequestId":"r-1","Error":{"Code":"E","Message":"m"}}}"#,
        ] {
            let e = decode::<Out>(Provider::Tencent, &raw(200, body.as_bytes())).unwrap_err();
            assert!(matches!(e.kind(), ErrorKind::Service(_)), "{body}: {e}");
            assert_eq!(e.code(), Some("E"), "{body}");
            assert_eq!(e.message(), Some("m"), "{body}");
            assert_eq!(e.request_id(), Some("r-1"), "{body}");
        }
        // An `Error` member that is not an object stays undecodable, as before.
        let body = br#"{"Response":{"RequestId":"r","Total":1,"Error":null}}"#;
        let e = decode::<Out>(Provider::Tencent, &raw(200, body)).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::Undecodable { .. }), "{e}");
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
        // Escaped keys and other top-level members are fine.
        let body = br#"{"X":[1,{"Error":1}],"Response":{"\u0054otal":3,"RequestId":"r-3"}}"#;
        assert_eq!(
            decode::<Out>(Provider::Tencent, &raw(200, body)).unwrap(),
            Out {
                request_id: "r-3".into(),
                total: 3
            }
        );
    }

    #[test]
    fn decoding_into_the_type_matches_decoding_through_value() {
        let cases: [(u16, &[u8]); 10] = [
            (429, b"=\n222"),
            (429, br#"{"Response":{"Total":3,"RequestId":"r"}}"#),
            (200, br#"{"Response":{"Total":3,"RequestId":"r"}}"#),
            (200, br#"{"Response":{"Total":3}}"#),
            (200, br#"{"Response":{"Error":{"Code":7},"RequestId":"r"}}"#),
            (200, br#"{"Response":{"Error":{},"RequestId":"r"}}"#),
            (400, br#"{"Response":{"Total":3,"RequestId":"r"}}"#),
            (200, br#"{"RequestId":"r","Total":4}"#),
            (404, br#"{"RequestId":"r","Code":"NotFound","Message":"m"}"#),
            (200, br#"{"Response":{"Total":1.5,"RequestId":"r"}}"#),
        ];
        for provider in [Provider::Alibaba, Provider::Tencent] {
            for (status, body) in cases {
                let new = fuzzing::decode::<Out>(provider, status, body);
                let old = fuzzing::decode_via_value::<Out>(provider, status, body);
                match (&new, &old) {
                    (Ok(a), Ok(b)) => assert_eq!(a, b),
                    (Err(a), Err(b)) => {
                        assert_eq!(
                            std::mem::discriminant(a.kind()),
                            std::mem::discriminant(b.kind()),
                            "{a} / {b}"
                        );
                        assert_eq!(a.code(), b.code());
                        assert_eq!(a.request_id(), b.request_id());
                    }
                    _ => panic!("{provider:?} {status}: {new:?} vs {old:?}"),
                }
            }
        }
    }

    #[test]
    fn http_429_is_throttling_with_or_without_a_body() {
        for provider in [Provider::Alibaba, Provider::Tencent] {
            for body in [
                &b""[..],
                b"<html>Too Many Requests</html>",
                b"{}",
                b"{\"Response\":{}}",
            ] {
                let mut r = raw(429, body);
                r.retry_after = Some(Duration::from_secs(3));
                r.header_request_id = Some("hdr".into());
                let e = decode::<Out>(provider, &r).unwrap_err();
                assert!(e.is_throttling(), "{provider:?} {body:?}: {e}");
                assert_eq!(e.http_status(), Some(429));
                assert_eq!(e.retry_after(), Some(Duration::from_secs(3)));
                assert_eq!(e.request_id(), Some("hdr"));
            }
        }
        // The vendor's own code is kept, and counts as throttling at 429.
        let e = decode::<Out>(
            Provider::Alibaba,
            &raw(429, br#"{"Code":"Flow.Limited","RequestId":"r"}"#),
        )
        .unwrap_err();
        assert!(e.is_throttling());
        assert_eq!(e.code(), Some("Flow.Limited"));
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
