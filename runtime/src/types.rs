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
