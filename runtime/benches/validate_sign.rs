//! Per-request costs the runtime adds before any I/O: validation rules and signing.
//!
//! `cargo bench -p specbind-runtime`. A plain timing loop; prints the median time per
//! operation over several batches.

use std::hint::black_box;
use std::time::{Duration, Instant, SystemTime};

use specbind_runtime::signing::tencent;
use specbind_runtime::validate::{TimeFilter, Validator};

const FILTER: TimeFilter = TimeFilter {
    attribute: "StartTime",
    operators: &["ge"],
    case_insensitive: true,
    max_age: Some(Duration::from_secs(7 * 86_400)),
};

/// Median nanoseconds per call over `batches` batches of `per_batch` calls.
fn per_call(batches: usize, per_batch: u32, mut f: impl FnMut()) -> f64 {
    let mut ns: Vec<f64> = (0..batches)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..per_batch {
                f();
            }
            t.elapsed().as_nanos() as f64 / f64::from(per_batch)
        })
        .collect();
    ns.sort_by(f64::total_cmp);
    ns[batches / 2]
}

fn main() {
    let now = SystemTime::now();
    let ns = per_call(21, 20_000, || {
        let mut v = Validator::new();
        v.required("DirectoryId", true);
        v.prefix("DirectoryId", Some(black_box("d-00fc2p61")), "d-");
        v.range("MaxResults", Some(black_box(10)), Some(1), Some(20));
        v.paired(("TargetId", false), ("TargetType", false));
        v.time_filter(
            "Filter",
            Some(black_box("StartTime ge 2099-01-01T00:00:00Z")),
            &FILTER,
            now,
        );
        black_box(v.finish()).ok();
    });
    println!("validate a ListTasks-shaped request (5 rules, valid): median {ns:.0} ns");

    let ns = per_call(21, 20_000, || {
        let mut v = Validator::new();
        v.range("MaxResults", Some(black_box(21)), Some(1), Some(20));
        v.paired(("TargetId", true), ("TargetType", false));
        black_box(v.finish()).ok();
    });
    println!("validate with 2 violations (builds the error): median {ns:.0} ns");

    let body = br#"{"ZoneId":"z-djwidnwidj","MaxResults":20,"NextToken":"abc"}"#;
    let ns = per_call(21, 5_000, || {
        black_box(tencent::sign(&tencent::SigningInput {
            secret_id: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
            secret_key: "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
            service: "organization",
            host: "organization.tencentcloudapi.com",
            content_type: "application/json",
            payload: black_box(body),
            timestamp: 1_551_113_065,
        }));
    });
    println!("TC3-HMAC-SHA256 sign a ListTasks body: median {ns:.0} ns");
}
