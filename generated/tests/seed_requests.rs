//! The builders accept every example request in the seed documents and refuse
//! requests that break a documented rule, naming the parameter.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::json;
use specbind_apis::ValidationError;
use specbind_apis::alibaba::cloudsso;
use specbind_apis::runtime::validate::{Rule, parse_utc_seconds};
use specbind_apis::tencent::organization;

const DAY: Duration = Duration::from_secs(86_400);

/// Formats `t` (truncated to whole seconds) as `YYYY-MM-DDTHH:mm:SSZ`.
fn utc(t: SystemTime) -> String {
    let secs = t.duration_since(UNIX_EPOCH).expect("after 1970").as_secs();
    let (days, rem) = (secs / 86_400, secs % 86_400);
    let (hh, mm, ss) = (rem / 3600, rem % 3600 / 60, rem % 60);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}:{ss:02}Z")
}

/// A fixed instant from a `YYYY-MM-DDTHH:mm:SSZ` string.
fn at(s: &str) -> SystemTime {
    parse_utc_seconds(s).expect("valid timestamp")
}

/// The parameter names of every violation, in order.
fn params(e: &ValidationError) -> Vec<&str> {
    e.violations().iter().map(|v| v.parameter()).collect()
}

/// Asserts the error has exactly one violation, on `parameter` by `rule`, displayed as `display`.
#[track_caller]
fn assert_single(e: &ValidationError, parameter: &str, rule: Rule, display: &str) {
    assert_eq!(e.violations().len(), 1, "{e}");
    let v = &e.violations()[0];
    assert_eq!(v.parameter(), parameter);
    assert_eq!(v.rule(), rule);
    assert_eq!(e.to_string(), display);
    assert_eq!(v.to_string(), display);
    assert_eq!(format!("{parameter}: {}", v.message()), display);
}

fn cloudsso_list() -> cloudsso::ListTasksRequestBuilder {
    cloudsso::ListTasksRequest::builder().directory_id("d-00fc2p61****")
}

fn tencent_list() -> organization::ListTasksRequestBuilder {
    organization::ListTasksRequest::builder().zone_id("z-djwidnwidj")
}

/// The Tencent seed's sample request body, exactly as printed.
fn tencent_sample_body() -> serde_json::Value {
    serde_json::from_str(include_str!("seeds/tencent_list_tasks_request.json")).expect("seed JSON")
}

fn tencent_sample_builder() -> organization::ListTasksRequestBuilder {
    organization::ListTasksRequest::builder()
        .zone_id("z-djwidnwidj")
        .principal_id("u-xj8sncidnc")
        .next_token("xownw8db38dbe8fne==-")
        .max_results(1)
        .principal_type(organization::PrincipalType::User)
        .target_uin(1_000_023_423_i64)
        .target_type("Member")
        .role_configuration_id("rc-xjw9dsmw")
        .status(organization::TaskStatus::InProgress)
        .task_type(organization::TaskType::CreateRoleAssignment)
}

// ---------------------------------------------------------------- helpers

#[test]
fn utc_formatter_matches_the_runtime_parser() {
    for s in [
        "1970-01-01T00:00:00Z",
        "2000-02-29T23:59:59Z",
        "2021-03-15T01:12:23Z",
        "2024-12-31T12:00:00Z",
        "2100-03-01T00:00:01Z",
    ] {
        assert_eq!(utc(at(s)), s);
    }
    let now = SystemTime::now();
    let secs = |t: SystemTime| t.duration_since(UNIX_EPOCH).unwrap().as_secs();
    assert_eq!(secs(at(&utc(now))), secs(now));
}

// ---------------------------------------------------------------- accepted

#[test]
fn cloudsso_get_task_seed_request_is_accepted() {
    let req = cloudsso::GetTaskRequest::builder()
        .directory_id("d-00fc2p61****")
        .task_id("t-shfqw1u1edszvxw5****")
        .build()
        .unwrap();
    assert_eq!(req.directory_id.as_deref(), Some("d-00fc2p61****"));
    assert_eq!(req.task_id.as_deref(), Some("t-shfqw1u1edszvxw5****"));
    req.validate().unwrap();
    assert_eq!(
        serde_json::to_value(&req).unwrap(),
        json!({"DirectoryId": "d-00fc2p61****", "TaskId": "t-shfqw1u1edszvxw5****"})
    );
}

#[test]
fn cloudsso_list_tasks_seed_request_with_filter_moved_into_last_week() {
    // The seed's Filter `StartTime ge 2021-03-15T01:12:23Z` is long past the 7-day
    // window, so the time moves to one day before now; every other value is the seed's.
    let filter = format!("StartTime ge {}", utc(SystemTime::now() - DAY));
    let req = cloudsso::ListTasksRequest::builder()
        .directory_id("d-00fc2p61****")
        .access_configuration_id("ac-00jhtfl8thteu6uj****")
        .target_type("RD-Account")
        .target_id("114240524784****")
        .principal_type("User")
        .principal_id("u-00q8wbq42wiltcrk****")
        .task_type("CreateAccessAssignment")
        .status("Success")
        .next_token(
            "K1c3o9K7pFxoTtxH1Nm7MMLb7zrDGvftYBQBPDVv7AD3a8yhRb3Mk8L9ivmN6bFSjfkZNTAg3h4****",
        )
        .max_results(10)
        .filter(filter.clone())
        .build()
        .unwrap();

    assert_eq!(req.target_type, Some(cloudsso::TargetType::RdAccount));
    assert_eq!(req.principal_type, Some(cloudsso::PrincipalType::User));
    assert_eq!(
        req.task_type,
        Some(cloudsso::TaskType::CreateAccessAssignment)
    );
    assert_eq!(req.status, Some(cloudsso::TaskStatus::Success));
    req.validate().unwrap();

    assert_eq!(
        serde_json::to_value(&req).unwrap(),
        json!({
            "DirectoryId": "d-00fc2p61****",
            "AccessConfigurationId": "ac-00jhtfl8thteu6uj****",
            "TargetType": "RD-Account",
            "TargetId": "114240524784****",
            "PrincipalType": "User",
            "PrincipalId": "u-00q8wbq42wiltcrk****",
            "TaskType": "CreateAccessAssignment",
            "Status": "Success",
            "NextToken": "K1c3o9K7pFxoTtxH1Nm7MMLb7zrDGvftYBQBPDVv7AD3a8yhRb3Mk8L9ivmN6bFSjfkZNTAg3h4****",
            "MaxResults": 10,
            "Filter": filter,
        })
    );
}

#[test]
fn cloudsso_list_tasks_seed_filter_is_accepted_with_a_fixed_clock() {
    // With a clock the day after the seed's example, its literal Filter is fine.
    let now = at("2021-03-16T00:00:00Z");
    let req = cloudsso_list()
        .filter("StartTime ge 2021-03-15T01:12:23Z")
        .build_at(now)
        .unwrap();
    req.validate_at(now).unwrap();
    // Exactly 7 days back is still inside the window; one second more is not.
    cloudsso_list()
        .filter("StartTime ge 2021-03-09T00:00:00Z")
        .build_at(now)
        .unwrap();
    let e = cloudsso_list()
        .filter("StartTime ge 2021-03-08T23:59:59Z")
        .build_at(now)
        .unwrap_err();
    assert_single(
        &e,
        "Filter",
        Rule::TimeWindow,
        "Filter: StartTime must be at most 7 days before now, got `StartTime ge 2021-03-08T23:59:59Z`",
    );
    // The documented form is not case-sensitive.
    cloudsso_list()
        .filter("starttime GE 2021-03-15t01:12:23z")
        .build_at(now)
        .unwrap();
}

#[test]
fn cloudsso_list_tasks_minimal_request_is_accepted() {
    let req = cloudsso_list().build().unwrap();
    req.validate().unwrap();
    assert_eq!(
        serde_json::to_value(&req).unwrap(),
        json!({"DirectoryId": "d-00fc2p61****"})
    );
}

#[test]
fn tencent_list_tasks_seed_request_is_accepted() {
    let req = tencent_sample_builder().build().unwrap();
    // The sample's TargetType "Member" is not a documented value: kept as Unknown.
    assert_eq!(
        req.target_type,
        Some(organization::TargetType::Unknown("Member".into()))
    );
    let target_uin: Option<i64> = req.target_uin;
    assert_eq!(target_uin, Some(1_000_023_423));
    req.validate().unwrap();
    assert_eq!(serde_json::to_value(&req).unwrap(), tencent_sample_body());

    // The sample body deserializes into the same request, which validates too.
    let parsed: organization::ListTasksRequest =
        serde_json::from_value(tencent_sample_body()).unwrap();
    assert_eq!(parsed, req);
    parsed.validate().unwrap();
}

#[test]
fn tencent_list_tasks_minimal_request_omits_unset_fields() {
    let req = tencent_list().build().unwrap();
    assert_eq!(
        serde_json::to_value(&req).unwrap(),
        json!({"ZoneId": "z-djwidnwidj"})
    );
    let req = tencent_list().max_results(50).build().unwrap();
    assert_eq!(
        serde_json::to_value(&req).unwrap(),
        json!({"ZoneId": "z-djwidnwidj", "MaxResults": 50})
    );
}

#[test]
fn tencent_principal_ids_matching_their_type_are_accepted() {
    tencent_list()
        .principal_type("User")
        .principal_id("u-xj8sncidnc")
        .build()
        .unwrap();
    tencent_list()
        .principal_type("Group")
        .principal_id("g-xj8sncidnc")
        .build()
        .unwrap();
}

#[test]
fn max_results_boundaries_are_accepted() {
    for n in [1, 20] {
        let req = cloudsso_list().max_results(n).build().unwrap();
        assert_eq!(req.max_results, Some(n));
        req.validate().unwrap();
    }
    for n in [1_i64, 100] {
        let req = tencent_list().max_results(n).build().unwrap();
        assert_eq!(req.max_results, Some(n));
        req.validate().unwrap();
    }
}

// ---------------------------------------------------------------- refused

#[test]
fn cloudsso_max_results_out_of_range_is_refused() {
    for (n, display) in [
        (0, "MaxResults: must be between 1 and 20, got 0"),
        (21, "MaxResults: must be between 1 and 20, got 21"),
    ] {
        let e = cloudsso_list().max_results(n).build().unwrap_err();
        assert_single(&e, "MaxResults", Rule::Range, display);
    }
}

#[test]
fn tencent_max_results_out_of_range_is_refused() {
    for (n, display) in [
        (0, "MaxResults: must be between 1 and 100, got 0"),
        (101, "MaxResults: must be between 1 and 100, got 101"),
    ] {
        let e = tencent_list().max_results(n).build().unwrap_err();
        assert_single(&e, "MaxResults", Rule::Range, display);
    }
}

#[test]
fn cloudsso_missing_directory_id_is_refused() {
    let e = cloudsso::ListTasksRequest::builder().build().unwrap_err();
    assert_single(
        &e,
        "DirectoryId",
        Rule::Required,
        "DirectoryId: is required",
    );

    let e = cloudsso::GetTaskRequest::builder()
        .task_id("t-shfqw1u1edszvxw5****")
        .build()
        .unwrap_err();
    assert_single(
        &e,
        "DirectoryId",
        Rule::Required,
        "DirectoryId: is required",
    );

    let e = cloudsso::GetTaskRequest::builder().build().unwrap_err();
    assert_eq!(
        e.to_string(),
        "DirectoryId: is required; TaskId: is required"
    );
    assert_eq!(params(&e), ["DirectoryId", "TaskId"]);
}

#[test]
fn tencent_missing_zone_id_is_refused() {
    let e = organization::ListTasksRequest::builder()
        .build()
        .unwrap_err();
    assert_single(&e, "ZoneId", Rule::Required, "ZoneId: is required");
}

#[test]
fn cloudsso_target_id_without_target_type_is_refused() {
    let e = cloudsso_list()
        .target_id("114240524784****")
        .build()
        .unwrap_err();
    assert_single(
        &e,
        "TargetType",
        Rule::Paired,
        "TargetType: must be set together with TargetId (set both or neither), but only TargetId is set",
    );
}

#[test]
fn cloudsso_principal_type_without_principal_id_is_refused() {
    let e = cloudsso_list().principal_type("User").build().unwrap_err();
    assert_single(
        &e,
        "PrincipalId",
        Rule::Paired,
        "PrincipalId: must be set together with PrincipalType (set both or neither), but only PrincipalType is set",
    );
}

#[test]
fn tencent_principal_id_prefix_must_match_principal_type() {
    let e = tencent_list()
        .principal_type(organization::PrincipalType::User)
        .principal_id("g-xj8sncidnc")
        .build()
        .unwrap_err();
    assert_single(
        &e,
        "PrincipalId",
        Rule::Conditional,
        "PrincipalId: must start with `u-` when PrincipalType is User, got `g-xj8sncidnc`",
    );

    let e = tencent_list()
        .principal_type(organization::PrincipalType::Group)
        .principal_id("u-xj8sncidnc")
        .build()
        .unwrap_err();
    assert_single(
        &e,
        "PrincipalId",
        Rule::Conditional,
        "PrincipalId: must start with `g-` when PrincipalType is Group, got `u-xj8sncidnc`",
    );
}

#[test]
fn cloudsso_filter_in_the_wrong_format_is_refused() {
    for bad in [
        "StartTime ge 2021-03-15",
        "StartTime gt 2021-03-15T01:12:23Z",
        "EndTime ge 2021-03-15T01:12:23Z",
        "StartTime >= 2021-03-15T01:12:23Z",
        "2021-03-15T01:12:23Z",
    ] {
        let e = cloudsso_list().filter(bad).build().unwrap_err();
        assert_single(
            &e,
            "Filter",
            Rule::Format,
            &format!("Filter: must have the form `StartTime ge YYYY-MM-DDTHH:mm:SSZ`, got `{bad}`"),
        );
    }
}

#[test]
fn cloudsso_filter_older_than_seven_days_is_refused() {
    // The seed's literal example is years old by the real clock.
    let e = cloudsso_list()
        .filter("StartTime ge 2021-03-15T01:12:23Z")
        .build()
        .unwrap_err();
    assert_single(
        &e,
        "Filter",
        Rule::TimeWindow,
        "Filter: StartTime must be at most 7 days before now, got `StartTime ge 2021-03-15T01:12:23Z`",
    );

    // Eight days before now.
    let filter = format!("StartTime ge {}", utc(SystemTime::now() - 8 * DAY));
    let e = cloudsso_list().filter(filter.clone()).build().unwrap_err();
    assert_single(
        &e,
        "Filter",
        Rule::TimeWindow,
        &format!("Filter: StartTime must be at most 7 days before now, got `{filter}`"),
    );
}

#[test]
fn cloudsso_every_violation_is_reported_at_once() {
    let e = cloudsso::ListTasksRequest::builder()
        .access_configuration_id("xx-00jhtfl8thteu6uj****")
        .max_results(21)
        .filter("StartTime after yesterday")
        .target_id("114240524784****")
        .principal_type("Group")
        .build()
        .unwrap_err();
    assert_eq!(e.violations().len(), 6, "{e}");
    assert_eq!(
        params(&e),
        [
            "DirectoryId",
            "AccessConfigurationId",
            "MaxResults",
            "Filter",
            "TargetType",
            "PrincipalId",
        ]
    );
    let rules: Vec<Rule> = e.violations().iter().map(|v| v.rule()).collect();
    assert_eq!(
        rules,
        [
            Rule::Required,
            Rule::Prefix,
            Rule::Range,
            Rule::Format,
            Rule::Paired,
            Rule::Paired,
        ]
    );
    assert_eq!(
        e.to_string(),
        "DirectoryId: is required; \
         AccessConfigurationId: must start with `ac-`, got `xx-00jhtfl8thteu6uj****`; \
         MaxResults: must be between 1 and 20, got 21; \
         Filter: must have the form `StartTime ge YYYY-MM-DDTHH:mm:SSZ`, got `StartTime after yesterday`; \
         TargetType: must be set together with TargetId (set both or neither), but only TargetId is set; \
         PrincipalId: must be set together with PrincipalType (set both or neither), but only PrincipalType is set"
    );
    assert_eq!(e.for_parameter("MaxResults").count(), 1);
}

#[test]
fn tencent_every_violation_is_reported_at_once() {
    let e = organization::ListTasksRequest::builder()
        .max_results(101)
        .role_configuration_id("xjw9dsmw")
        .principal_type("User")
        .principal_id("g-xj8sncidnc")
        .build()
        .unwrap_err();
    assert_eq!(e.violations().len(), 4, "{e}");
    assert_eq!(
        params(&e),
        ["ZoneId", "MaxResults", "RoleConfigurationId", "PrincipalId"]
    );
    assert_eq!(
        e.to_string(),
        "ZoneId: is required; \
         MaxResults: must be between 1 and 100, got 101; \
         RoleConfigurationId: must start with `rc-`, got `xjw9dsmw`; \
         PrincipalId: must start with `u-` when PrincipalType is User, got `g-xj8sncidnc`"
    );
}

#[test]
fn validate_rechecks_a_built_request_after_changes() {
    let mut req = cloudsso_list().max_results(20).build().unwrap();
    req.validate().unwrap();
    req.max_results = Some(21);
    req.target_id = Some("114240524784****".into());
    let e = req.validate().unwrap_err();
    assert_eq!(
        e.to_string(),
        "MaxResults: must be between 1 and 20, got 21; \
         TargetType: must be set together with TargetId (set both or neither), but only TargetId is set"
    );

    let mut req = cloudsso::GetTaskRequest::builder()
        .directory_id("d-00fc2p61****")
        .task_id("t-shfqw1u1edszvxw5****")
        .build()
        .unwrap();
    req.validate().unwrap();
    req.task_id = Some("x-1".into());
    let e = req.validate().unwrap_err();
    assert_single(
        &e,
        "TaskId",
        Rule::Prefix,
        "TaskId: must start with `t-`, got `x-1`",
    );

    let mut req = tencent_sample_builder().build().unwrap();
    req.validate().unwrap();
    req.max_results = Some(0);
    let e = req.validate().unwrap_err();
    assert_single(
        &e,
        "MaxResults",
        Rule::Range,
        "MaxResults: must be between 1 and 100, got 0",
    );

    // A request that never went through a builder (e.g. deserialized) is checked too.
    let req: cloudsso::ListTasksRequest = serde_json::from_value(json!({
        "DirectoryId": "d-00fc2p61****",
        "Filter": "StartTime ge 2021-03-15T01:12:23Z"
    }))
    .unwrap();
    let e = req.validate().unwrap_err();
    assert_eq!(params(&e), ["Filter"]);
    req.validate_at(at("2021-03-16T00:00:00Z")).unwrap();
}

#[test]
fn builder_and_validate_agree_on_a_fixed_clock() {
    let now = at("2021-03-16T00:00:00Z");
    let old = "StartTime ge 2021-03-01T00:00:00Z";
    let built_err = cloudsso_list().filter(old).build_at(now).unwrap_err();
    let req = cloudsso_list()
        .filter(old)
        .build_at(at("2021-03-02T00:00:00Z"))
        .unwrap();
    let validate_err = req.validate_at(now).unwrap_err();
    assert_eq!(built_err, validate_err);
}
