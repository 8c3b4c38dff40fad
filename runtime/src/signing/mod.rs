//! Request signing for both providers, as pure functions.
//!
//! Every function here takes all of its inputs (time, nonce, host, headers, payload)
//! explicitly and returns every intermediate value, so the vendors' published worked
//! examples can be reproduced step by step, and a test server can check a signature.
//! The client calls these with the current time and a fresh nonce on every attempt.

pub mod alibaba;
pub mod tencent;

use hmac::{Hmac, KeyInit, Mac};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use sha2::{Digest, Sha256};

/// RFC 3986 unreserved characters stay as they are; every other byte of the UTF-8 form is
/// percent-encoded with upper-case hex (space is `%20`, `*` is `%2A`, `~` stays `~`).
pub const RFC3986: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Percent-encodes `s` with the [`RFC3986`] set.
pub fn percent_encode(s: &str) -> String {
    utf8_percent_encode(s, RFC3986).to_string()
}

/// Lower-case hex of the SHA-256 digest of `data`.
pub fn sha256_hex(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

/// HMAC-SHA256 of `data` under `key`.
pub fn hmac_sha256(key: &[u8], data: &[u8]) -> Vec<u8> {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key)
        .expect("HMAC-SHA256 accepts keys of any length");
    mac.update(data);
    mac.finalize().into_bytes().to_vec()
}

/// A fresh random nonce: 32 lower-case hex characters from the operating system's RNG.
pub fn random_nonce() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)?;
    Ok(hex::encode(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3986_encoding_edge_cases() {
        assert_eq!(percent_encode("a b"), "a%20b");
        assert_eq!(percent_encode("*"), "%2A");
        assert_eq!(percent_encode("~-_."), "~-_.");
        assert_eq!(percent_encode("a+b=c&d/e"), "a%2Bb%3Dc%26d%2Fe");
        assert_eq!(percent_encode("未命名"), "%E6%9C%AA%E5%91%BD%E5%90%8D");
        assert_eq!(percent_encode("é"), "%C3%A9");
        assert_eq!(
            percent_encode("2024-01-01T00:00:00Z"),
            "2024-01-01T00%3A00%3A00Z"
        );
    }

    #[test]
    fn nonces_differ() {
        let a = random_nonce().unwrap();
        let b = random_nonce().unwrap();
        assert_eq!(a.len(), 32);
        assert_ne!(a, b);
    }
}
