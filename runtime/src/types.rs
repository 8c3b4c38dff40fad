//! Value types and serde helpers that generated code refers to.

use std::fmt;
use std::str::FromStr;
use std::time::SystemTime;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An instant, written on the wire as `YYYY-MM-DDTHH:mm:SSZ` (RFC 3339 in UTC).
///
/// Parsing accepts any RFC 3339 timestamp (with fraction or offset); formatting
/// writes UTC with a fraction only when there is one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(jiff::Timestamp);

impl Timestamp {
    /// The current system time.
    pub fn now() -> Self {
        Timestamp(jiff::Timestamp::now())
    }

    /// Seconds since the Unix epoch.
    pub fn as_second(&self) -> i64 {
        self.0.as_second()
    }

    /// From seconds since the Unix epoch; `None` outside the supported range.
    pub fn from_second(second: i64) -> Option<Self> {
        jiff::Timestamp::from_second(second).ok().map(Timestamp)
    }
}

impl From<Timestamp> for SystemTime {
    fn from(t: Timestamp) -> SystemTime {
        to_system_time(t.0)
    }
}

impl TryFrom<SystemTime> for Timestamp {
    type Error = TimestampError;
    fn try_from(t: SystemTime) -> Result<Self, TimestampError> {
        jiff::Timestamp::try_from(t)
            .map(Timestamp)
            .map_err(|_| TimestampError(String::from("system time out of range")))
    }
}

/// Converts a jiff timestamp to `SystemTime` (before or after the epoch).
pub(crate) fn to_system_time(t: jiff::Timestamp) -> SystemTime {
    let secs = t.as_second();
    let nanos = u32::try_from(t.subsec_nanosecond()).unwrap_or(0);
    if secs >= 0 {
        SystemTime::UNIX_EPOCH + std::time::Duration::new(secs.unsigned_abs(), nanos)
    } else {
        SystemTime::UNIX_EPOCH - std::time::Duration::from_secs(secs.unsigned_abs())
            + std::time::Duration::from_nanos(u64::from(nanos))
    }
}

/// A string that is not an RFC 3339 timestamp.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimestampError(String);

impl fmt::Display for TimestampError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid timestamp: {}", self.0)
    }
}

impl std::error::Error for TimestampError {}

impl FromStr for Timestamp {
    type Err = TimestampError;
    fn from_str(s: &str) -> Result<Self, TimestampError> {
        s.parse::<jiff::Timestamp>()
            .map(Timestamp)
            .map_err(|_| TimestampError(format!("`{s}` is not YYYY-MM-DDTHH:mm:SSZ")))
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Deserializes a list that the server may send as `null` or leave out: both mean empty.
///
/// Generated response types use it as `#[serde(default, deserialize_with = ...)]`.
pub fn list_or_null<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

/// Shows a secret field in `Debug` output as `Some(<redacted>)` or `None`.
///
/// Generated types with `sensitive: true` fields print them through this.
pub struct Redacted<'a, T>(pub &'a Option<T>);

impl<T> fmt::Debug for Redacted<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(_) => f.write_str("Some(<redacted>)"),
            None => f.write_str("None"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamp_round_trips_in_utc_seconds() {
        let t: Timestamp = "2021-11-05T02:58:07Z".parse().unwrap();
        assert_eq!(t.as_second(), 1_636_081_087);
        assert_eq!(t.to_string(), "2021-11-05T02:58:07Z");
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(json, "\"2021-11-05T02:58:07Z\"");
        let back: Timestamp = serde_json::from_str(&json).unwrap();
        assert_eq!(back, t);
        assert!(serde_json::from_str::<Timestamp>("\"yesterday\"").is_err());
        assert!(serde_json::from_str::<Timestamp>("12").is_err());
    }

    #[test]
    fn redacted_hides_the_value() {
        let secret = Some(String::from("hunter2"));
        assert_eq!(format!("{:?}", Redacted(&secret)), "Some(<redacted>)");
        assert_eq!(format!("{:?}", Redacted::<String>(&None)), "None");
    }

    #[test]
    fn null_list_is_empty() {
        #[derive(Deserialize)]
        struct R {
            #[serde(default, deserialize_with = "list_or_null")]
            items: Vec<i32>,
        }
        let r: R = serde_json::from_str(r#"{"items": null}"#).unwrap();
        assert!(r.items.is_empty());
        let r: R = serde_json::from_str(r#"{}"#).unwrap();
        assert!(r.items.is_empty());
        let r: R = serde_json::from_str(r#"{"items": [1,2]}"#).unwrap();
        assert_eq!(r.items, [1, 2]);
    }
}

/// Defines a date or date-time type that keeps the text the service writes: it never
/// fails to decode (vendors write `2006-01-02 15:04:05`, ISO 8601 with or without a
/// zone, or an empty string), and is sent back exactly as received.
macro_rules! wire_text {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
        pub struct $name(String);

        impl $name {
            /// The text as written on the wire.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The text, owned.
            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name(s.to_owned())
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                $name(s)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                String::deserialize(d).map($name)
            }
        }
    };
}

wire_text!(
    /// A calendar date as the service writes it, usually `YYYY-MM-DD`.
    ///
    /// Kept as text; [`to_civil`](Self::to_civil) reads it as a date when it is one.
    Date
);

wire_text!(
    /// A date and time as the service writes it: `YYYY-MM-DD HH:MM:SS` (no zone, the
    /// service's local time), or ISO 8601 with `T` and perhaps a zone.
    ///
    /// Kept as text; [`to_civil`](Self::to_civil) reads its date and time without the
    /// zone, [`to_timestamp`](Self::to_timestamp) reads it as an instant when it has one.
    DateTime
);

impl Date {
    /// The date, when the text is `YYYY-MM-DD`.
    pub fn to_civil(&self) -> Option<jiff::civil::Date> {
        self.0.trim().parse().ok()
    }
}

impl From<jiff::civil::Date> for Date {
    fn from(d: jiff::civil::Date) -> Self {
        Date(d.to_string())
    }
}

impl DateTime {
    /// The date and time without any zone, when the text is `YYYY-MM-DD HH:MM:SS` or
    /// `YYYY-MM-DDTHH:MM:SS` (a fraction and a zone after it are ignored).
    pub fn to_civil(&self) -> Option<jiff::civil::DateTime> {
        let t = self.0.trim();
        let head = t.get(..19)?;
        let head = head.replacen(' ', "T", 1);
        head.parse().ok()
    }

    /// The instant, when the text carries a zone (`Z` or an offset).
    pub fn to_timestamp(&self) -> Option<Timestamp> {
        self.0.trim().parse().ok()
    }
}

impl From<jiff::civil::DateTime> for DateTime {
    fn from(d: jiff::civil::DateTime) -> Self {
        DateTime(d.strftime("%Y-%m-%d %H:%M:%S").to_string())
    }
}

/// Bytes, written on the wire as standard base64 (with padding).
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Blob(Vec<u8>);

impl Blob {
    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The bytes, owned.
    pub fn into_inner(self) -> Vec<u8> {
        self.0
    }
}

impl fmt::Debug for Blob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Blob({} bytes)", self.0.len())
    }
}

impl From<Vec<u8>> for Blob {
    fn from(b: Vec<u8>) -> Self {
        Blob(b)
    }
}

impl From<&[u8]> for Blob {
    fn from(b: &[u8]) -> Self {
        Blob(b.to_vec())
    }
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding.
pub fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(BASE64[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes standard base64; padding may be left out, whitespace is not allowed.
pub fn base64_decode(text: &str) -> Result<Vec<u8>, String> {
    let t = text.trim_end_matches('=');
    if text.len() - t.len() > 2 || t.len() % 4 == 1 {
        return Err(format!("{} characters is not a base64 length", text.len()));
    }
    let mut out = Vec::with_capacity(t.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0;
    for (i, c) in t.bytes().enumerate() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return Err(format!("byte {i} ({c:#04x}) is not base64")),
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Ok(out)
}

impl Serialize for Blob {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&base64_encode(&self.0))
    }
}

impl<'de> Deserialize<'de> for Blob {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        base64_decode(&s)
            .map(Blob)
            .map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod wire_text_tests {
    use super::*;

    #[test]
    fn base64_round_trips_and_refuses_garbage() {
        for (bytes, text) in [
            (&b""[..], ""),
            (b"f", "Zg=="),
            (b"fo", "Zm8="),
            (b"foo", "Zm9v"),
            (b"foob", "Zm9vYg=="),
            (b"\xff\x00\xfe", "/wD+"),
        ] {
            assert_eq!(base64_encode(bytes), text);
            assert_eq!(base64_decode(text).unwrap(), bytes);
        }
        assert_eq!(base64_decode("Zm8").unwrap(), b"fo");
        assert!(base64_decode("Zm9v!").is_err());
        assert!(base64_decode("Z").is_err());
        assert!(base64_decode("Zg===").is_err());
        let b: Blob = serde_json::from_str("\"Zm9v\"").unwrap();
        assert_eq!(b.as_bytes(), b"foo");
        assert!(serde_json::from_str::<Blob>("\"%%\"").is_err());
    }

    #[test]
    fn dates_keep_their_text_and_read_when_they_can() {
        let d: DateTime = serde_json::from_str("\"2021-03-15 01:12:23\"").unwrap();
        assert_eq!(d.as_str(), "2021-03-15 01:12:23");
        assert_eq!(
            serde_json::to_string(&d).unwrap(),
            "\"2021-03-15 01:12:23\""
        );
        let c = d.to_civil().unwrap();
        assert_eq!((c.year(), c.month(), c.day(), c.hour()), (2021, 3, 15, 1));
        assert!(d.to_timestamp().is_none());
        let iso = DateTime::from("2021-03-15T01:12:23+08:00");
        assert_eq!(iso.to_civil().unwrap().minute(), 12);
        assert_eq!(iso.to_timestamp().unwrap().as_second(), 1615741943);
        for odd in ["", "0000-00-00 00:00:00", "yesterday"] {
            let v: DateTime = serde_json::from_str(&format!("{odd:?}")).unwrap();
            assert_eq!(v.as_str(), odd);
            assert!(v.to_civil().is_none());
        }
        let day: Date = serde_json::from_str("\"2024-02-29\"").unwrap();
        assert_eq!(day.to_civil().unwrap().day(), 29);
        assert!(Date::from("2023-02-29").to_civil().is_none());
        assert_eq!(
            Date::from(jiff::civil::date(2024, 1, 2)).as_str(),
            "2024-01-02"
        );
    }
}
