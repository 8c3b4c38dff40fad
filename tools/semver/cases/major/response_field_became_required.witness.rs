//! Witness for `response_field_became_required`: reads ListTasks' TotalCounts as an
//! `Option<i64>`, which it is in the baseline (an optional int64) and is not in the
//! case (`i64`).
use semver_probe::tencent::probe::ListTasksResponse;

pub fn total(response: ListTasksResponse) -> Option<i64> {
    response.total_counts
}
