//! Properties of the runtime's pure pieces: RFC 3986 encoding, time filters, ranges.

use std::time::{Duration, SystemTime};

use proptest::prelude::*;
use specbind_runtime::signing::percent_encode;
use specbind_runtime::validate::{Rule, TimeFilter, Validator};

const FILTER: TimeFilter = TimeFilter {
    attribute: "StartTime",
    operators: &["ge"],
    case_insensitive: true,
    max_age: Some(Duration::from_secs(7 * 86_400)),
};

fn decode(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

/// `YYYY-MM-DDTHH:mm:SSZ` for Unix seconds, computed independently of the runtime.
fn format_utc(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil-from-days (proleptic Gregorian).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn percent_encoding_keeps_only_unreserved_and_round_trips(s in "\\PC{0,40}") {
        let e = percent_encode(&s);
        prop_assert!(e.bytes().all(|c| c.is_ascii_alphanumeric() || b"-_.~%".contains(&c)), "{e}");
        prop_assert_eq!(decode(&e), s.as_bytes());
    }

    #[test]
    fn time_filter_parse_never_panics(s in "\\PC{0,60}") {
        let _ = FILTER.parse(&s);
    }

    #[test]
    fn time_filter_window_is_exact(now_s in 1_000_000_000i64..4_000_000_000, back in 0i64..20 * 86_400) {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(now_s as u64);
        let expr = format!("StartTime ge {}", format_utc(now_s - back));
        let mut v = Validator::new();
        v.time_filter("Filter", Some(&expr), &FILTER, now);
        let result = v.finish();
        if back <= 7 * 86_400 {
            prop_assert!(result.is_ok(), "{expr}: {result:?}");
        } else {
            let e = result.unwrap_err();
            prop_assert_eq!(e.violations()[0].rule(), Rule::TimeWindow);
        }
    }

    #[test]
    fn range_refuses_exactly_what_lies_outside(v in -1000i128..1000, lo in -100i128..100, span in 0i128..100) {
        let hi = lo + span;
        let mut val = Validator::new();
        val.range("N", Some(v), Some(lo), Some(hi));
        let inside = lo <= v && v <= hi;
        let result = val.finish();
        prop_assert_eq!(result.is_ok(), inside);
        if let Err(e) = result {
            prop_assert_eq!(e.to_string(), format!("N: must be between {lo} and {hi}, got {v}"));
        }
    }
}
