//! Response decoding never panics, keeps its promises about errors, and agrees with the
//! reference that decodes through a `serde_json::Value`.
//!
//! Input: one byte choosing the provider, two bytes of HTTP status (mapped onto
//! 100..=599), then the body.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde::Deserialize;
use specbind_runtime::__fuzzing::{decode, decode_via_value};
use specbind_runtime::error::BODY_SNIPPET_LIMIT;
use specbind_runtime::{Error, ErrorKind, Provider};

/// Shaped like a generated response: optional members, a list of models, a number.
#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
struct ListTasksResponse {
    request_id: Option<String>,
    next_token: Option<String>,
    is_truncated: Option<bool>,
    total_counts: Option<u32>,
    #[serde(default)]
    tasks: Vec<Task>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename_all = "PascalCase")]
struct Task {
    task_id: Option<String>,
    task_status: Option<String>,
    create_time: Option<i64>,
}

fn check_error(e: &Error, status: u16) {
    if let ErrorKind::Undecodable { body_snippet, .. } = e.kind() {
        // Lossy decoding may widen invalid bytes to U+FFFD (3 bytes each).
        assert!(body_snippet.len() <= 3 * BODY_SNIPPET_LIMIT);
    }
    assert_eq!(e.http_status(), Some(status), "{e}");
    let _ = (e.to_string(), format!("{e:?}"));
}

/// The direct decoder may be stricter than the reference (it refuses duplicate members,
/// which a `Value` silently collapses), never more lenient, and agrees on service errors.
fn compare<T: PartialEq + std::fmt::Debug>(new: &Result<T, Error>, old: &Result<T, Error>) {
    match (new, old) {
        (Ok(a), Ok(b)) => assert_eq!(a, b),
        (Ok(a), Err(e)) => panic!("decoded {a:?} where the reference refused: {e}"),
        (Err(e), _) if e.service_error().is_some() => {
            let Err(o) = old else {
                panic!("a service error where the reference decoded: {e}");
            };
            assert_eq!(e.service_error(), o.service_error(), "{e} / {o}");
            assert_eq!(e.is_throttling(), o.is_throttling(), "{e} / {o}");
        }
        _ => {}
    }
}

fuzz_target!(|data: &[u8]| {
    let [p, s1, s2, body @ ..] = data else {
        return;
    };
    let provider = if p & 1 == 0 {
        Provider::Alibaba
    } else {
        Provider::Tencent
    };
    let status = 100 + u16::from_le_bytes([*s1, *s2]) % 500;

    let new = decode::<ListTasksResponse>(provider, status, body);
    if let Err(e) = &new {
        check_error(e, status);
    }
    let old = decode_via_value::<ListTasksResponse>(provider, status, body);
    compare(&new, &old);

    let new = decode::<serde_json::Value>(provider, status, body);
    if let Err(e) = &new {
        check_error(e, status);
    }
    let old = decode_via_value::<serde_json::Value>(provider, status, body);
    compare(&new, &old);
});
