//! Witness for `type_changed`: code that compiles against the baseline (PrincipalId a
//! string) and not against the case (PrincipalId an int64). cargo-semver-checks 0.51
//! has no lint that compares types (obi1kenobi/cargo-semver-checks#149), so it judges
//! this change minor; the script then requires this witness to show the break.
use semver_probe::tencent::probe::ListTasksRequest;

pub fn principal_of_a_request() -> Option<String> {
    let request = ListTasksRequest::builder()
        .zone_id("z-1")
        .principal_id("u-1")
        .build()
        .ok()?;
    request.principal_id
}
