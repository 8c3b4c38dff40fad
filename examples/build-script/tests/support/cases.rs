//! Tests shared by both example crates: each runs them against its own generated
//! `cloudsso` module (`crate::example`), so the build script and the macro are held
//! to the same behaviour.

use std::time::{Duration, SystemTime};

use crate::example::cloudsso;
use crate::support::Server;
use futures::StreamExt;

/// 2021-03-15T02:12:23Z: an hour after the filter time used below.
fn now() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_615_774_343)
}

#[test]
fn builder_refuses_max_results_21() {
    let err = cloudsso::ListTasksRequest::builder()
        .directory_id("d-1")
        .max_results(21)
        .build()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "MaxResults: must be between 1 and 20, got 21"
    );
    assert_eq!(err.violations().len(), 1);
    assert_eq!(err.violations()[0].parameter(), "MaxResults");
}

#[test]
fn builder_accepts_a_valid_request() {
    let req = cloudsso::ListTasksRequest::builder()
        .directory_id("d-1")
        .max_results(20)
        .status(cloudsso::TaskStatus::Failed)
        .target_type(cloudsso::TargetType::RdAccount)
        .target_id("114240524784")
        .filter("StartTime ge 2021-03-15T01:12:23Z")
        .build_at(now())
        .expect("a valid request");
    assert_eq!(req.directory_id.as_deref(), Some("d-1"));
    assert_eq!(req.max_results, Some(20));
    assert!(req.validate_at(now()).is_ok());

    let get = cloudsso::GetTaskRequest::builder()
        .directory_id("d-1")
        .task_id("t-1")
        .build()
        .expect("a valid request");
    assert_eq!(get.task_id.as_deref(), Some("t-1"));
}

#[test]
fn builder_reports_every_broken_rule() {
    let err = cloudsso::ListTasksRequest::builder()
        .directory_id("x-1")
        .max_results(0)
        .target_id("114240524784")
        .build_at(now())
        .unwrap_err();
    let params: Vec<&str> = err.violations().iter().map(|v| v.parameter()).collect();
    for p in ["DirectoryId", "MaxResults", "TargetType"] {
        assert!(
            err.to_string().contains(p),
            "{p} not reported in `{err}` ({params:?})"
        );
    }

    let err = cloudsso::GetTaskRequest::builder()
        .directory_id("d-1")
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("TaskId"), "{err}");
}

const GET_TASK_BODY: &str = r#"{
    "RequestId": "923CA5E8-57BF-5E15-8BA6-E75A966B7E3F",
    "Task": {
        "Status": "Failed",
        "TaskId": "t-1",
        "StartTime": "2021-11-05T02:58:07Z",
        "EndTime": "2021-11-05T02:58:08Z",
        "TargetType": "RD-Folder",
        "TargetId": "114240524784",
        "PrincipalType": "User",
        "PrincipalId": "u-1",
        "FailureReason": "No Permission."
    }
}"#;

fn client(server: &Server) -> Result<cloudsso::Client, specbind_runtime::BuildError> {
    cloudsso::Client::builder()
        .credentials("id", "secret")
        .endpoint(server.url.clone())
        .max_attempts(1)
        .timeout(Duration::from_secs(10))
        .build()
}

#[tokio::test]
async fn get_task_against_a_local_server() -> Result<(), Box<dyn std::error::Error>> {
    let server = Server::start(vec![(200, GET_TASK_BODY.into())]).await;
    let out = client(&server)?
        .get_task()
        .directory_id("d-1")
        .task_id("t-1")
        .send()
        .await?;

    assert_eq!(out.request_id, "923CA5E8-57BF-5E15-8BA6-E75A966B7E3F");
    let task = out.task.expect("a task");
    assert_eq!(task.status, Some(cloudsso::TaskStatus::Failed));
    assert_eq!(task.task_id.as_deref(), Some("t-1"));
    assert_eq!(task.principal_type, Some(cloudsso::PrincipalType::User));
    assert_eq!(task.failure_reason.as_deref(), Some("No Permission."));
    // An enum value the spec does not list is kept, not rejected.
    assert_eq!(
        task.target_type,
        Some(cloudsso::TargetType::Unknown("RD-Folder".into()))
    );

    let seen = server.finish().await;
    assert_eq!(seen.len(), 1, "one request: {seen:?}");
    let req = &seen[0];
    assert_eq!(req.method, "POST");
    assert_eq!(req.path, "/");
    assert!(
        req.header("authorization")
            .starts_with("ACS3-HMAC-SHA256 Credential=id,"),
        "{}",
        req.header("authorization")
    );
    assert!(req.header("authorization").contains("Signature="));
    assert_eq!(req.header("x-acs-action"), "GetTask");
    assert_eq!(req.header("x-acs-version"), "2021-05-15");
    assert_eq!(req.param("DirectoryId"), Some("d-1"));
    assert_eq!(req.param("TaskId"), Some("t-1"));
    // The secret signs the request but is never sent.
    for (name, value) in &req.headers {
        assert!(
            !value.to_str().unwrap_or("").contains("secret"),
            "secret in header {name}"
        );
    }
    assert!(req.query.iter().all(|(_, v)| !v.contains("secret")));
    Ok(())
}

#[tokio::test]
async fn an_invalid_request_is_not_sent() -> Result<(), Box<dyn std::error::Error>> {
    let server = Server::start(vec![(200, "{}".into())]).await;
    let err = client(&server)?
        .list_tasks()
        .directory_id("d-1")
        .max_results(21)
        .send()
        .await
        .unwrap_err();
    assert!(err.is_validation(), "{err}");
    assert_eq!(
        err.validation_error().map(|v| v.to_string()).as_deref(),
        Some("MaxResults: must be between 1 and 20, got 21")
    );
    assert!(
        server.finish().await.is_empty(),
        "nothing reached the server"
    );
    Ok(())
}

#[tokio::test]
async fn list_tasks_pages_through_next_token() -> Result<(), Box<dyn std::error::Error>> {
    let page = |ids: &[&str], next: Option<&str>| {
        let tasks: Vec<String> = ids
            .iter()
            .map(|id| format!(r#"{{"TaskId":"{id}","Status":"Success"}}"#))
            .collect();
        let next = next.map_or(String::new(), |t| format!(r#","NextToken":"{t}""#));
        format!(
            r#"{{"RequestId":"r","IsTruncated":{},"Tasks":[{}]{next}}}"#,
            !next.is_empty(),
            tasks.join(",")
        )
    };
    let server = Server::start(vec![
        (200, page(&["t-1", "t-2"], Some("page-2"))),
        (200, page(&["t-3"], None)),
    ])
    .await;
    let items: Vec<_> = client(&server)?
        .list_tasks()
        .directory_id("d-1")
        .max_results(2)
        .into_paginator()
        .items()
        .collect()
        .await;
    let ids: Vec<String> = items
        .into_iter()
        .map(|t| t.map(|t| t.task_id.unwrap_or_default()))
        .collect::<Result<_, _>>()?;
    assert_eq!(ids, ["t-1", "t-2", "t-3"]);

    let seen = server.finish().await;
    assert_eq!(seen.len(), 2);
    assert!(seen.iter().all(|r| r.header("x-acs-action") == "ListTasks"));
    assert_eq!(seen[0].param("NextToken"), None);
    assert_eq!(seen[1].param("NextToken"), Some("page-2"));
    assert_eq!(seen[1].param("MaxResults"), Some("2"));
    Ok(())
}
