//! Witness for `response_field_became_optional`: reads ListTasks' RequestId as a
//! `String`, which it is in the baseline (a required string) and is not in the case
//! (`Option<String>`).
use semver_probe::tencent::probe::ListTasksResponse;

pub fn request_id(response: ListTasksResponse) -> String {
    response.request_id
}
