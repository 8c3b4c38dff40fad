//! The vendors' sample responses from the seed documents (`../shared/seeds/*.txt`)
//! deserialize into the generated response types, with every value checked.
//!
//! The JSON is copied literally from the seed pages into this file; the test never
//! reads the seed files at run time.

use serde_json::json;
use specbind_apis::alibaba::cloudsso;
use specbind_apis::tencent::organization;

/// `001_729ecb1f802a180e.txt`: CloudSSO GetTask, newer page layout, copied verbatim.
const CLOUDSSO_GET_TASK_NEW: &str = include_str!("seeds/cloudsso_get_task.json");

/// `000_34db813b933dba6f.txt`: CloudSSO GetTask, older page layout.
///
/// REPAIRED: the page's JSON sample is missing braces (a documentation bug, not a
/// wire format). Compared with the page, this copy adds the opening `{` on the first
/// line, the `}` closing `Task` plus the `,` after it (before `"RequestId"`), and the
/// final closing `}`. Everything else, including the `" : "` spacing, is as printed.
/// This layout has no `FailureReason`.
const CLOUDSSO_GET_TASK_OLD_REPAIRED: &str = r#"{
  "Task" : {
    "Status" : "Success",
    "TaskId" : "t-shfqw1u1edszvxw5****",
    "EndTime" : "2021-11-05T02:58:08Z",
    "PrincipalId" : "u-00q8wbq42wiltcrk****",
    "TargetPath" : "rd-3G****/r-Wm****/114240524784****",
    "StartTime" : "2021-11-05T02:58:07Z",
    "PrincipalName" : "Alice",
    "TargetName" : "dev-test",
    "TargetId" : "114240524784****",
    "AccessConfigurationName" : "ECS-Admin",
    "TargetPathName" : "rd-3G****/root/dev-test",
    "TaskType" : "DeleteAccessAssignment",
    "TargetType" : "RD-Account",
    "AccessConfigurationId" : "ac-00jhtfl8thteu6uj****",
    "PrincipalType" : "User"
  },
  "RequestId" : "923CA5E8-57BF-5E15-8BA6-E75A966B7E3F"
}"#;

/// The older page's sample exactly as printed (braces missing), to show why the repair is needed.
const CLOUDSSO_GET_TASK_OLD_AS_PRINTED: &str = r#"  "Task" : {
    "Status" : "Success",
    "TaskId" : "t-shfqw1u1edszvxw5****",
    "EndTime" : "2021-11-05T02:58:08Z",
    "PrincipalId" : "u-00q8wbq42wiltcrk****",
    "TargetPath" : "rd-3G****/r-Wm****/114240524784****",
    "StartTime" : "2021-11-05T02:58:07Z",
    "PrincipalName" : "Alice",
    "TargetName" : "dev-test",
    "TargetId" : "114240524784****",
    "AccessConfigurationName" : "ECS-Admin",
    "TargetPathName" : "rd-3G****/root/dev-test",
    "TaskType" : "DeleteAccessAssignment",
    "TargetType" : "RD-Account",
    "AccessConfigurationId" : "ac-00jhtfl8thteu6uj****",
    "PrincipalType" : "User"
  "RequestId" : "923CA5E8-57BF-5E15-8BA6-E75A966B7E3F""#;

/// `002_2240bb997e5b80df.txt`: CloudSSO ListTasks, copied verbatim.
const CLOUDSSO_LIST_TASKS: &str = include_str!("seeds/cloudsso_list_tasks.json");

/// `003_d0d0d8d1b1222423.txt`: Tencent Organization ListTasks, copied verbatim,
/// including the `{"Response": ...}` envelope of Tencent API 3.0.
const TENCENT_LIST_TASKS: &str = include_str!("seeds/tencent_list_tasks_response.json");

/// Checks every field of the GetTask sample's task except `FailureReason`, which the
/// two page layouts disagree on.
fn assert_get_task_sample_fields(task: &cloudsso::Task) {
    assert_eq!(task.status, Some(cloudsso::TaskStatus::Success));
    assert_eq!(task.task_id.as_deref(), Some("t-shfqw1u1edszvxw5****"));
    assert_eq!(task.end_time.as_deref(), Some("2021-11-05T02:58:08Z"));
    assert_eq!(task.principal_id.as_deref(), Some("u-00q8wbq42wiltcrk****"));
    assert_eq!(
        task.target_path.as_deref(),
        Some("rd-3G****/r-Wm****/114240524784****")
    );
    assert_eq!(task.start_time.as_deref(), Some("2021-11-05T02:58:07Z"));
    assert_eq!(task.principal_name.as_deref(), Some("Alice"));
    assert_eq!(task.target_name.as_deref(), Some("dev-test"));
    assert_eq!(task.target_id.as_deref(), Some("114240524784****"));
    assert_eq!(task.access_configuration_name.as_deref(), Some("ECS-Admin"));
    assert_eq!(
        task.target_path_name.as_deref(),
        Some("rd-3G****/root/dev-test")
    );
    assert_eq!(
        task.task_type,
        Some(cloudsso::TaskType::DeleteAccessAssignment)
    );
    assert_eq!(task.target_type, Some(cloudsso::TargetType::RdAccount));
    assert_eq!(
        task.access_configuration_id.as_deref(),
        Some("ac-00jhtfl8thteu6uj****")
    );
    assert_eq!(task.principal_type, Some(cloudsso::PrincipalType::User));
    for known in [
        task.status.as_ref().map(|x| x.is_known()),
        task.task_type.as_ref().map(|x| x.is_known()),
        task.target_type.as_ref().map(|x| x.is_known()),
        task.principal_type.as_ref().map(|x| x.is_known()),
    ] {
        assert_eq!(known, Some(true));
    }
}

#[test]
fn cloudsso_get_task_newer_layout_sample() {
    let resp: cloudsso::GetTaskResponse = serde_json::from_str(CLOUDSSO_GET_TASK_NEW).unwrap();
    assert_eq!(resp.request_id, "923CA5E8-57BF-5E15-8BA6-E75A966B7E3F");
    let task = resp.task.as_ref().expect("Task is present");
    assert_get_task_sample_fields(task);
    assert_eq!(task.failure_reason.as_deref(), Some("No Permission."));
}

#[test]
fn cloudsso_get_task_newer_layout_round_trips_to_the_same_json() {
    let resp: cloudsso::GetTaskResponse = serde_json::from_str(CLOUDSSO_GET_TASK_NEW).unwrap();
    let original: serde_json::Value = serde_json::from_str(CLOUDSSO_GET_TASK_NEW).unwrap();
    assert_eq!(serde_json::to_value(&resp).unwrap(), original);
}

#[test]
fn cloudsso_get_task_older_layout_sample_with_repaired_braces() {
    // As printed, the sample is not JSON at all: the repair is what makes it parse.
    assert!(serde_json::from_str::<serde_json::Value>(CLOUDSSO_GET_TASK_OLD_AS_PRINTED).is_err());

    let resp: cloudsso::GetTaskResponse =
        serde_json::from_str(CLOUDSSO_GET_TASK_OLD_REPAIRED).unwrap();
    assert_eq!(resp.request_id, "923CA5E8-57BF-5E15-8BA6-E75A966B7E3F");
    let task = resp.task.as_ref().expect("Task is present");
    assert_get_task_sample_fields(task);
    assert_eq!(
        task.failure_reason, None,
        "the older sample has no FailureReason"
    );

    // Both layouts describe the same task, apart from FailureReason.
    let newer: cloudsso::GetTaskResponse = serde_json::from_str(CLOUDSSO_GET_TASK_NEW).unwrap();
    let mut newer_task = newer.task.unwrap();
    newer_task.failure_reason = None;
    assert_eq!(&newer_task, task);
}

#[test]
fn cloudsso_list_tasks_sample() {
    let resp: cloudsso::ListTasksResponse = serde_json::from_str(CLOUDSSO_LIST_TASKS).unwrap();
    assert_eq!(resp.tasks.len(), 1);
    assert_eq!(
        resp.next_token.as_deref(),
        Some("K1c3o9K7pFxoTtxH1Nm7MMLb7zrDGvftYBQBPDVv7AD3a8yhRb3Mk8L9ivmN6bFSjfkZNTAg3h4****")
    );
    assert_eq!(resp.request_id, "C0DA2DFC-EB18-59EF-BD82-C30862EBA3A3");
    let max_results: Option<i32> = resp.max_results;
    assert_eq!(max_results, Some(10));
    let total_counts: Option<i32> = resp.total_counts;
    assert_eq!(total_counts, Some(1));
    assert_eq!(resp.is_truncated, Some(false));

    let task = &resp.tasks[0];
    assert_eq!(task.status, Some(cloudsso::TaskStatus::Success));
    assert_eq!(task.task_id.as_deref(), Some("t-sh5k4gesm6twlrqb****"));
    assert_eq!(task.end_time.as_deref(), Some("2021-11-09T05:50:50Z"));
    assert_eq!(task.principal_id.as_deref(), Some("u-00q8wbq42wiltcrk****"));
    assert_eq!(
        task.target_path.as_deref(),
        Some("rd-3G****/r-Wm****/114240524784****")
    );
    assert_eq!(task.start_time.as_deref(), Some("2021-11-09T05:50:50Z"));
    assert_eq!(task.principal_name.as_deref(), Some("Alice"));
    assert_eq!(task.target_name.as_deref(), Some("dev-test"));
    assert_eq!(task.target_id.as_deref(), Some("114240524784****"));
    assert_eq!(task.access_configuration_name.as_deref(), Some("ECS-Admin"));
    assert_eq!(
        task.target_path_name.as_deref(),
        Some("rd-3G****/root/dev-test")
    );
    assert_eq!(
        task.task_type,
        Some(cloudsso::TaskType::CreateAccessAssignment)
    );
    assert_eq!(task.failure_reason.as_deref(), Some("No Permission."));
    assert_eq!(task.target_type, Some(cloudsso::TargetType::RdAccount));
    assert_eq!(
        task.access_configuration_id.as_deref(),
        Some("ac-00jhtfl8thteu6uj****")
    );
    assert_eq!(task.principal_type, Some(cloudsso::PrincipalType::User));
}

#[test]
fn cloudsso_list_tasks_round_trips_to_the_same_json() {
    let resp: cloudsso::ListTasksResponse = serde_json::from_str(CLOUDSSO_LIST_TASKS).unwrap();
    let original: serde_json::Value = serde_json::from_str(CLOUDSSO_LIST_TASKS).unwrap();
    assert_eq!(serde_json::to_value(&resp).unwrap(), original);
}

/// The object inside Tencent's `{"Response": ...}` envelope.
fn tencent_inner() -> serde_json::Value {
    let mut outer: serde_json::Value = serde_json::from_str(TENCENT_LIST_TASKS).unwrap();
    outer
        .get_mut("Response")
        .map(serde_json::Value::take)
        .expect("the sample is wrapped in Response")
}

#[test]
fn tencent_list_tasks_sample_inner_object() {
    let resp: organization::ListTasksResponse = serde_json::from_value(tencent_inner()).unwrap();
    assert_eq!(resp.next_token.as_deref(), Some("abc"));
    assert_eq!(resp.total_counts, Some(0));
    assert_eq!(resp.max_results, Some(0));
    assert_eq!(resp.is_truncated, Some(true));
    assert_eq!(resp.request_id, "e297543a-80de-4039-83c8-9d35d4545");
    assert_eq!(resp.tasks.len(), 1);

    let task = &resp.tasks[0];
    assert_eq!(task.task_id.as_deref(), Some("t-xsinsxinsdk"));
    assert_eq!(task.role_configuration_id.as_deref(), Some("rc-xmw9xjdsd"));
    assert_eq!(
        task.role_configuration_name.as_deref(),
        Some("Configuration")
    );
    let target_uin: Option<i64> = task.target_uin;
    assert_eq!(target_uin, Some(1_000_232_234_i64));
    // The sample swaps the PrincipalType and TargetType values; open enums keep them.
    assert_eq!(
        task.target_type,
        Some(organization::TargetType::Unknown("User".into()))
    );
    assert_eq!(task.principal_id.as_deref(), Some("u-xm89dnsujs"));
    assert_eq!(
        task.principal_type,
        Some(organization::PrincipalType::Unknown("Member".into()))
    );
    assert_eq!(
        task.task_type,
        Some(organization::TaskType::CreateRoleAssignment)
    );
    assert_eq!(task.status, Some(organization::TaskStatus::InProgress));
    assert_eq!(task.failure_reason.as_deref(), Some("test"));

    assert!(!task.target_type.as_ref().unwrap().is_known());
    assert!(!task.principal_type.as_ref().unwrap().is_known());
    assert_eq!(task.target_type.as_ref().unwrap().as_str(), "User");
    assert_eq!(task.principal_type.as_ref().unwrap().as_str(), "Member");
}

#[test]
fn tencent_list_tasks_envelope_is_not_the_response_type() {
    // The envelope itself has no RequestId at the top level, so it must be unwrapped first.
    assert!(serde_json::from_str::<organization::ListTasksResponse>(TENCENT_LIST_TASKS).is_err());
}

#[test]
fn tencent_unknown_enum_values_serialize_back_unchanged() {
    assert_eq!(
        serde_json::to_value(organization::PrincipalType::Unknown("Member".into())).unwrap(),
        json!("Member")
    );
    assert_eq!(
        serde_json::to_value(organization::TargetType::Unknown("User".into())).unwrap(),
        json!("User")
    );
    assert_eq!(
        serde_json::to_value(organization::PrincipalType::User).unwrap(),
        json!("User")
    );
    assert_eq!(
        serde_json::to_value(organization::TargetType::MemberUin).unwrap(),
        json!("MemberUin")
    );
    assert_eq!(
        serde_json::to_value(cloudsso::TargetType::RdAccount).unwrap(),
        json!("RD-Account")
    );

    // The whole sample round-trips: the inner object comes back exactly as received.
    let inner = tencent_inner();
    let resp: organization::ListTasksResponse = serde_json::from_value(inner.clone()).unwrap();
    assert_eq!(serde_json::to_value(&resp).unwrap(), inner);
}

#[test]
fn unknown_response_fields_are_ignored() {
    let mut inner = tencent_inner();
    inner["SomethingNew"] = json!({"nested": [1, 2, 3]});
    inner["Tasks"][0]["AnotherNewField"] = json!("value");
    let resp: organization::ListTasksResponse = serde_json::from_value(inner).unwrap();
    let expected: organization::ListTasksResponse =
        serde_json::from_value(tencent_inner()).unwrap();
    assert_eq!(resp, expected);

    let mut alibaba: serde_json::Value = serde_json::from_str(CLOUDSSO_LIST_TASKS).unwrap();
    alibaba["HostId"] = json!("cloudsso.cn-shanghai.aliyuncs.com");
    alibaba["Tasks"][0]["Extra"] = json!(42);
    let resp: cloudsso::ListTasksResponse = serde_json::from_value(alibaba).unwrap();
    let expected: cloudsso::ListTasksResponse = serde_json::from_str(CLOUDSSO_LIST_TASKS).unwrap();
    assert_eq!(resp, expected);

    let mut get: serde_json::Value = serde_json::from_str(CLOUDSSO_GET_TASK_NEW).unwrap();
    get["Task"]["NewField"] = json!(true);
    let resp: cloudsso::GetTaskResponse = serde_json::from_value(get).unwrap();
    let expected: cloudsso::GetTaskResponse = serde_json::from_str(CLOUDSSO_GET_TASK_NEW).unwrap();
    assert_eq!(resp, expected);
}

#[test]
fn absent_or_null_lists_become_empty() {
    let resp: organization::ListTasksResponse =
        serde_json::from_value(json!({"RequestId": "r-1"})).unwrap();
    assert!(resp.tasks.is_empty());
    assert_eq!(resp.next_token, None);
    assert_eq!(resp.total_counts, None);
    assert_eq!(resp.max_results, None);
    assert_eq!(resp.is_truncated, None);
    assert_eq!(resp.request_id, "r-1");

    let resp: organization::ListTasksResponse =
        serde_json::from_value(json!({"RequestId": "r-2", "Tasks": null})).unwrap();
    assert!(resp.tasks.is_empty());

    let resp: cloudsso::ListTasksResponse =
        serde_json::from_value(json!({"RequestId": "r-3"})).unwrap();
    assert!(resp.tasks.is_empty());
    let resp: cloudsso::ListTasksResponse =
        serde_json::from_value(json!({"RequestId": "r-4", "Tasks": null})).unwrap();
    assert!(resp.tasks.is_empty());

    let resp: cloudsso::GetTaskResponse =
        serde_json::from_value(json!({"RequestId": "r-5"})).unwrap();
    assert_eq!(resp.task, None);
}

#[test]
fn known_enum_values_parse_and_unknown_ones_are_kept() {
    for (wire, want) in [
        ("InProgress", cloudsso::TaskStatus::InProgress),
        ("Success", cloudsso::TaskStatus::Success),
        ("Failed", cloudsso::TaskStatus::Failed),
        (
            "Cancelled",
            cloudsso::TaskStatus::Unknown("Cancelled".into()),
        ),
        // Wire values are case-sensitive: a different case is a different value.
        ("success", cloudsso::TaskStatus::Unknown("success".into())),
    ] {
        let got: cloudsso::TaskStatus = serde_json::from_value(json!(wire)).unwrap();
        assert_eq!(got, want, "{wire}");
        assert_eq!(serde_json::to_value(&got).unwrap(), json!(wire));
        assert_eq!(got.to_string(), wire);
    }
    assert_eq!(
        cloudsso::TargetType::from("RD-Account"),
        cloudsso::TargetType::RdAccount
    );
    assert_eq!(
        organization::TargetType::from("Member"),
        organization::TargetType::Unknown("Member".into())
    );
}
