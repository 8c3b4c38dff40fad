//! The generated Alibaba Cloud CloudSSO client, end to end, through its public API,
//! against a local server that checks every ACS3-HMAC-SHA256 signature with its own code
//! (see `common/mod.rs`) and answers from a script.

mod common;

use std::collections::HashSet;
use std::time::Duration;

use common::{Reply, Seen, TestServer, Vendor, within};
use futures::StreamExt;
use serde_json::{Value, json};
use specbind_apis::alibaba::cloudsso::{
    self, Client, GetTaskRequest, ListTasksRequest, PrincipalType, TargetType, TaskStatus, TaskType,
};
use specbind_apis::runtime::ErrorKind;

/// `001_729ecb1f802a180e.txt`: the GetTask sample success response, copied verbatim.
const SEED_GET_TASK: &str = include_str!("seeds/cloudsso_get_task.json");

/// `002_2240bb997e5b80df.txt`: the ListTasks sample success response, copied verbatim.
const SEED_LIST_TASKS: &str = include_str!("seeds/cloudsso_list_tasks.json");

const DIRECTORY: &str = "d-00fc2p61****";

const THROTTLED: &str = r#"{"RequestId":"7A2B3C4D-0000-4000-8000-000000000001","HostId":"cloudsso.cn-shanghai.aliyuncs.com","Code":"Throttling.User","Message":"Request was denied due to user flow control.","Recommend":"https://api.aliyun.com/troubleshoot?q=Throttling.User&product=cloudsso"}"#;

fn client(server: &TestServer) -> Client {
    Client::builder()
        .credentials(common::ID, common::SECRET)
        .endpoint(&server.url)
        .retry_base_delay(Duration::from_millis(1))
        .max_retry_delay(Duration::from_millis(20))
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client builds")
}

fn client_with_attempts(server: &TestServer, attempts: u32) -> Client {
    Client::builder()
        .credentials(common::ID, common::SECRET)
        .endpoint(&server.url)
        .max_attempts(attempts)
        .retry_base_delay(Duration::from_millis(1))
        .max_retry_delay(Duration::from_millis(20))
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client builds")
}

/// A task as the service lists it.
fn task(id: &str) -> Value {
    json!({
        "Status": "Success",
        "TaskId": id,
        "TaskType": "CreateAccessAssignment",
        "PrincipalId": "u-00q8wbq42wiltcrk****",
        "PrincipalType": "User",
        "TargetId": "114240524784****",
        "TargetType": "RD-Account",
        "StartTime": "2021-11-09T05:50:50Z",
        "EndTime": "2021-11-09T05:50:51Z"
    })
}

/// One page of a ListTasks answer; `next` is the token for the page after it.
fn page(request_id: &str, ids: &[&str], next: Option<&str>) -> Reply {
    let mut body = json!({
        "RequestId": request_id,
        "Tasks": ids.iter().map(|id| task(id)).collect::<Vec<_>>(),
        "MaxResults": 20,
        "TotalCounts": 7,
        "IsTruncated": next.is_some(),
    });
    if let Some(token) = next {
        body["NextToken"] = json!(token);
    }
    Reply::json(200, body.to_string())
}

/// Three pages of 3, 2 and 2 tasks, with tokens containing characters that need encoding.
fn three_pages() -> Vec<Reply> {
    vec![
        page("req-page-1", &["t-1", "t-2", "t-3"], Some("tok/2+=*")),
        page("req-page-2", &["t-4", "t-5"], Some("tok 3~")),
        page("req-page-3", &["t-6", "t-7"], None),
    ]
}

/// A Filter one hour in the past, inside the documented 7-day window.
fn recent_filter() -> String {
    format!(
        "StartTime ge {}",
        common::utc_datetime(common::now_secs() - 3600)
    )
}

fn listing(client: &Client, filter: &str) -> cloudsso::ListTasksFluentBuilder {
    client
        .list_tasks()
        .directory_id(DIRECTORY)
        .max_results(20)
        .status(TaskStatus::Success)
        .task_type(TaskType::CreateAccessAssignment)
        .filter(filter)
}

/// The three requests of a three-page listing carried the right tokens and otherwise
/// the same parameters.
fn assert_three_page_requests(seen: &[Seen], filter: &str) {
    assert_eq!(seen.len(), 3);
    let tokens: Vec<Option<&str>> = seen
        .iter()
        .map(|s| s.params.get("NextToken").and_then(Value::as_str))
        .collect();
    assert_eq!(tokens, [None, Some("tok/2+=*"), Some("tok 3~")]);
    let first = seen[0].params_without_token();
    let expected: serde_json::Map<String, Value> = [
        ("DirectoryId", DIRECTORY),
        ("Filter", filter),
        ("MaxResults", "20"),
        ("Status", "Success"),
        ("TaskType", "CreateAccessAssignment"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), json!(v)))
    .collect();
    assert_eq!(first, expected);
    for s in seen {
        assert_eq!(s.action, "ListTasks");
        assert_eq!(
            s.params_without_token(),
            first,
            "other parameters unchanged"
        );
    }
}

#[tokio::test]
async fn get_task_returns_the_seed_sample() {
    let server = TestServer::start(Vendor::Alibaba, vec![Reply::json(200, SEED_GET_TASK)]).await;
    let client = client(&server);
    let out = within(
        client
            .get_task()
            .directory_id(DIRECTORY)
            .task_id("t-shfqw1u1edszvxw5****")
            .send(),
    )
    .await
    .expect("GetTask succeeds");

    assert_eq!(out.request_id, "923CA5E8-57BF-5E15-8BA6-E75A966B7E3F");
    let t = out.task.expect("Task is present");
    assert_eq!(t.status, Some(TaskStatus::Success));
    assert_eq!(t.task_id.as_deref(), Some("t-shfqw1u1edszvxw5****"));
    assert_eq!(t.end_time.as_deref(), Some("2021-11-05T02:58:08Z"));
    assert_eq!(t.start_time.as_deref(), Some("2021-11-05T02:58:07Z"));
    assert_eq!(t.principal_id.as_deref(), Some("u-00q8wbq42wiltcrk****"));
    assert_eq!(t.principal_name.as_deref(), Some("Alice"));
    assert_eq!(t.principal_type, Some(PrincipalType::User));
    assert_eq!(
        t.target_path.as_deref(),
        Some("rd-3G****/r-Wm****/114240524784****")
    );
    assert_eq!(t.target_name.as_deref(), Some("dev-test"));
    assert_eq!(t.target_id.as_deref(), Some("114240524784****"));
    assert_eq!(t.target_type, Some(TargetType::RdAccount));
    assert_eq!(
        t.target_path_name.as_deref(),
        Some("rd-3G****/root/dev-test")
    );
    assert_eq!(t.access_configuration_name.as_deref(), Some("ECS-Admin"));
    assert_eq!(
        t.access_configuration_id.as_deref(),
        Some("ac-00jhtfl8thteu6uj****")
    );
    assert_eq!(t.task_type, Some(TaskType::DeleteAccessAssignment));
    assert_eq!(t.failure_reason.as_deref(), Some("No Permission."));

    assert_eq!(server.hits(), 1);
    server.assert_clean();
    let seen = &server.seen()[0];
    assert_eq!(seen.action, "GetTask");
    assert_eq!(
        Value::Object(seen.params.clone()),
        json!({"DirectoryId": DIRECTORY, "TaskId": "t-shfqw1u1edszvxw5****"})
    );
    // RFC 3986 on the wire: `*` travels as %2A.
    assert_eq!(
        seen.raw_query,
        "DirectoryId=d-00fc2p61%2A%2A%2A%2A&TaskId=t-shfqw1u1edszvxw5%2A%2A%2A%2A"
    );
}

#[tokio::test]
async fn list_tasks_returns_the_seed_sample_and_stops_when_not_truncated() {
    let server = TestServer::start(
        Vendor::Alibaba,
        vec![
            Reply::json(200, SEED_LIST_TASKS),
            Reply::json(200, SEED_LIST_TASKS),
        ],
    )
    .await;
    let client = client(&server);
    let out = within(client.list_tasks().directory_id(DIRECTORY).send())
        .await
        .expect("ListTasks succeeds");
    assert_eq!(out.request_id, "C0DA2DFC-EB18-59EF-BD82-C30862EBA3A3");
    assert_eq!(out.max_results, Some(10));
    assert_eq!(out.total_counts, Some(1));
    assert_eq!(out.is_truncated, Some(false));
    assert_eq!(
        out.next_token.as_deref(),
        Some("K1c3o9K7pFxoTtxH1Nm7MMLb7zrDGvftYBQBPDVv7AD3a8yhRb3Mk8L9ivmN6bFSjfkZNTAg3h4****")
    );
    assert_eq!(out.tasks.len(), 1);
    let t = &out.tasks[0];
    assert_eq!(t.task_id.as_deref(), Some("t-sh5k4gesm6twlrqb****"));
    assert_eq!(t.status, Some(TaskStatus::Success));
    assert_eq!(t.task_type, Some(TaskType::CreateAccessAssignment));
    assert_eq!(t.start_time.as_deref(), Some("2021-11-09T05:50:50Z"));
    assert_eq!(t.end_time.as_deref(), Some("2021-11-09T05:50:50Z"));
    assert_eq!(t.target_type, Some(TargetType::RdAccount));
    assert_eq!(t.principal_type, Some(PrincipalType::User));
    assert_eq!(t.failure_reason.as_deref(), Some("No Permission."));

    // IsTruncated false wins over the NextToken the sample still carries: one page.
    let pages: Vec<_> = within(
        client
            .list_tasks()
            .directory_id(DIRECTORY)
            .into_paginator()
            .pages()
            .take(common::MAX_PAGES)
            .collect::<Vec<_>>(),
    )
    .await;
    assert_eq!(pages.len(), 1);
    assert_eq!(pages[0].as_ref().unwrap(), &out);
    assert_eq!(server.hits(), 2);
    server.assert_clean();
    for s in server.seen() {
        assert_eq!(s.action, "ListTasks");
        assert_eq!(
            Value::Object(s.params),
            json!({"DirectoryId": DIRECTORY}),
            "no defaults invented"
        );
    }
}

#[tokio::test]
async fn list_tasks_items_over_three_pages_yields_every_task_once() {
    let server = TestServer::start(Vendor::Alibaba, three_pages()).await;
    let client = client(&server);
    let filter = recent_filter();
    let items: Vec<_> = within(
        listing(&client, &filter)
            .into_paginator()
            .items()
            .take(100)
            .collect::<Vec<_>>(),
    )
    .await;
    let ids: Vec<String> = items
        .into_iter()
        .map(|r| r.expect("every item is Ok").task_id.unwrap())
        .collect();
    assert_eq!(ids, ["t-1", "t-2", "t-3", "t-4", "t-5", "t-6", "t-7"]);
    let unique: HashSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "no task twice");
    assert_eq!(server.hits(), 3);
    server.assert_clean();
    assert_three_page_requests(&server.seen(), &filter);
}

#[tokio::test]
async fn list_tasks_pages_over_three_pages_in_order() {
    let server = TestServer::start(Vendor::Alibaba, three_pages()).await;
    let client = client(&server);
    let filter = recent_filter();
    let pages: Vec<_> = within(
        listing(&client, &filter)
            .into_paginator()
            .pages()
            .take(common::MAX_PAGES)
            .collect::<Vec<_>>(),
    )
    .await;
    assert_eq!(pages.len(), 3);
    let pages: Vec<_> = pages.into_iter().map(|p| p.expect("page is Ok")).collect();
    let request_ids: Vec<&str> = pages.iter().map(|p| p.request_id.as_str()).collect();
    assert_eq!(request_ids, ["req-page-1", "req-page-2", "req-page-3"]);
    let sizes: Vec<usize> = pages.iter().map(|p| p.tasks.len()).collect();
    assert_eq!(sizes, [3, 2, 2]);
    assert_eq!(pages[0].next_token.as_deref(), Some("tok/2+=*"));
    assert_eq!(pages[2].is_truncated, Some(false));
    server.assert_clean();
    assert_three_page_requests(&server.seen(), &filter);
}

#[tokio::test]
async fn alibaba_4xx_error_keeps_every_field() {
    let cases = [
        (
            404,
            "EntityNotExists.Task",
            "The specified task does not exist.",
        ),
        (
            400,
            "InvalidParameter.DirectoryId",
            "The specified parameter DirectoryId is not valid.",
        ),
        (
            403,
            "NoPermission",
            "You are not authorized to perform this operation.",
        ),
    ];
    for (status, code, message) in cases {
        let body = json!({
            "RequestId": format!("REQ-{status}"),
            "HostId": "cloudsso.cn-shanghai.aliyuncs.com",
            "Code": code,
            "Message": message,
            "Recommend": format!("https://api.aliyun.com/troubleshoot?q={code}&product=cloudsso"),
        });
        let server =
            TestServer::always(Vendor::Alibaba, Reply::json(status, body.to_string())).await;
        let client = client(&server);
        let e = within(
            client
                .get_task()
                .directory_id(DIRECTORY)
                .task_id("t-missing")
                .send(),
        )
        .await
        .expect_err("a 4xx answer is never a success");
        assert!(matches!(e.kind(), ErrorKind::Service(_)), "{e:?}");
        assert_eq!(e.code(), Some(code));
        assert_eq!(e.message(), Some(message));
        let req = format!("REQ-{status}");
        assert_eq!(e.request_id(), Some(req.as_str()));
        assert_eq!(e.http_status(), Some(status));
        assert_eq!(e.host_id(), Some("cloudsso.cn-shanghai.aliyuncs.com"));
        assert_eq!(
            e.recommend(),
            Some(format!("https://api.aliyun.com/troubleshoot?q={code}&product=cloudsso").as_str())
        );
        assert!(!e.is_throttling());
        assert!(!e.is_validation());
        let shown = e.to_string();
        assert!(shown.contains(code) && shown.contains(&req), "{shown}");
        assert!(!shown.contains(common::SECRET));
        assert_eq!(
            server.hits(),
            1,
            "{code}: a 4xx service error is not retried"
        );
        server.assert_clean();
    }
}

#[tokio::test]
async fn server_error_5xx_is_retried_then_succeeds() {
    let unavailable = r#"{"RequestId":"REQ-503","HostId":"cloudsso.cn-shanghai.aliyuncs.com","Code":"ServiceUnavailable","Message":"The request has failed due to a temporary failure of the server."}"#;
    let server = TestServer::start(
        Vendor::Alibaba,
        vec![
            Reply::json(503, unavailable),
            Reply::json(200, SEED_GET_TASK),
        ],
    )
    .await;
    let out = within(
        client(&server)
            .get_task()
            .directory_id(DIRECTORY)
            .task_id("t-shfqw1u1edszvxw5****")
            .send(),
    )
    .await
    .expect("the retry succeeds");
    assert_eq!(out.request_id, "923CA5E8-57BF-5E15-8BA6-E75A966B7E3F");
    assert_eq!(server.hits(), 2);
    server.assert_clean();
}

#[tokio::test]
async fn throttled_twice_then_ok_succeeds_with_fresh_signatures() {
    let server = TestServer::start(
        Vendor::Alibaba,
        vec![
            Reply::json(400, THROTTLED),
            Reply::json(400, THROTTLED),
            Reply::json(200, SEED_GET_TASK),
        ],
    )
    .await;
    let out = within(
        client(&server)
            .get_task()
            .directory_id(DIRECTORY)
            .task_id("t-shfqw1u1edszvxw5****")
            .send(),
    )
    .await
    .expect("the third try succeeds");
    assert_eq!(
        out.task.unwrap().task_id.as_deref(),
        Some("t-shfqw1u1edszvxw5****")
    );
    assert_eq!(server.hits(), 3, "exactly three requests");
    server.assert_clean();
    let seen = server.seen();
    let nonces: HashSet<&str> = seen.iter().map(|s| s.nonce.as_str()).collect();
    assert_eq!(nonces.len(), 3, "a fresh nonce per attempt");
    let signatures: HashSet<&str> = seen
        .iter()
        .map(|s| s.header("authorization").unwrap())
        .collect();
    assert_eq!(signatures.len(), 3, "each attempt signed afresh");
    for s in &seen {
        assert!((s.signed_at - common::now_secs()).abs() <= 5, "fresh date");
        assert_eq!(s.params, seen[0].params, "same parameters on every try");
    }
}

#[tokio::test]
async fn always_throttled_gives_up_after_max_attempts() {
    for attempts in [2u32, 4] {
        let server = TestServer::always(Vendor::Alibaba, Reply::json(400, THROTTLED)).await;
        let client = client_with_attempts(&server, attempts);
        let e = within(client.list_tasks().directory_id(DIRECTORY).send())
            .await
            .expect_err("always throttled");
        assert!(e.is_throttling(), "{e:?}");
        assert!(matches!(e.kind(), ErrorKind::Throttled(_)), "{e:?}");
        assert_eq!(e.code(), Some("Throttling.User"));
        assert_eq!(e.http_status(), Some(400));
        assert_eq!(e.request_id(), Some("7A2B3C4D-0000-4000-8000-000000000001"));
        assert_eq!(e.attempts(), attempts);
        assert_eq!(server.hits(), attempts as usize);
        server.assert_clean();
        let nonces: HashSet<String> = server.seen().into_iter().map(|s| s.nonce).collect();
        assert_eq!(nonces.len(), attempts as usize);
    }
}

#[tokio::test]
async fn max_results_21_is_refused_before_any_request() {
    let server = TestServer::start(Vendor::Alibaba, vec![Reply::json(200, SEED_LIST_TASKS)]).await;
    let client = client(&server);
    let e = within(
        client
            .list_tasks()
            .directory_id(DIRECTORY)
            .max_results(21)
            .send(),
    )
    .await
    .expect_err("MaxResults 21 is out of range");
    assert!(e.is_validation(), "{e:?}");
    assert_eq!(e.attempts(), 0);
    let v = e.validation_error().expect("validation details");
    assert_eq!(v.violations().len(), 1);
    assert_eq!(v.violations()[0].parameter(), "MaxResults");
    let shown = e.to_string();
    assert!(shown.contains(&v.to_string()), "{shown}");
    assert!(
        shown.contains("MaxResults") && shown.contains("21"),
        "{shown}"
    );

    // The paginator reports the same error as its only item, still without a request.
    let items: Vec<_> = within(
        client
            .list_tasks()
            .directory_id(DIRECTORY)
            .max_results(21)
            .into_paginator()
            .items()
            .take(common::MAX_PAGES)
            .collect::<Vec<_>>(),
    )
    .await;
    assert_eq!(items.len(), 1);
    assert!(items[0].as_ref().unwrap_err().is_validation());
    assert_eq!(server.hits(), 0, "nothing was sent");
}

#[tokio::test]
async fn target_id_without_target_type_is_refused_before_any_request() {
    let server = TestServer::start(Vendor::Alibaba, vec![Reply::json(200, SEED_LIST_TASKS)]).await;
    let client = client(&server);
    let e = within(
        client
            .list_tasks()
            .directory_id(DIRECTORY)
            .target_id("114240524784****")
            .send(),
    )
    .await
    .expect_err("TargetId needs TargetType");
    assert!(e.is_validation(), "{e:?}");
    let v = e.validation_error().unwrap();
    assert!(
        v.violations()
            .iter()
            .any(|x| x.parameter() == "TargetId" || x.parameter() == "TargetType"),
        "{v:?}"
    );
    let shown = e.to_string();
    assert!(shown.contains(&v.to_string()), "{shown}");
    assert!(shown.contains("TargetType"), "{shown}");

    // The other pair and the directory prefix are checked too, all at once.
    let e = within(
        client
            .list_tasks()
            .directory_id("dir-wrong")
            .principal_type(PrincipalType::Group)
            .send(),
    )
    .await
    .unwrap_err();
    assert!(e.is_validation());
    let params: Vec<&str> = e
        .validation_error()
        .unwrap()
        .violations()
        .iter()
        .map(|v| v.parameter())
        .collect();
    assert!(params.contains(&"DirectoryId"), "{params:?}");
    assert!(
        params.contains(&"PrincipalId") || params.contains(&"PrincipalType"),
        "{params:?}"
    );
    assert_eq!(server.hits(), 0, "nothing was sent");
}

#[tokio::test]
async fn filter_outside_the_seven_day_window_is_refused_before_any_request() {
    let server = TestServer::start(Vendor::Alibaba, vec![Reply::json(200, SEED_LIST_TASKS)]).await;
    let client = client(&server);
    let old = format!(
        "StartTime ge {}",
        common::utc_datetime(common::now_secs() - 8 * 86_400)
    );
    for filter in [
        old.as_str(),
        "StartTime gt 2021-03-15T01:12:23Z",
        "yesterday",
    ] {
        let e = within(
            client
                .list_tasks()
                .directory_id(DIRECTORY)
                .filter(filter)
                .send(),
        )
        .await
        .expect_err(filter);
        assert!(e.is_validation(), "{filter}: {e:?}");
        assert!(e.to_string().contains("Filter"), "{e}");
    }
    assert_eq!(server.hits(), 0, "nothing was sent");

    // Lower case is accepted and sent exactly as given.
    let filter = recent_filter().to_ascii_lowercase();
    within(
        client
            .list_tasks()
            .directory_id(DIRECTORY)
            .filter(filter.as_str())
            .send(),
    )
    .await
    .expect("a recent filter in lower case is valid");
    server.assert_clean();
    assert_eq!(server.seen()[0].params["Filter"], json!(filter));
}

#[tokio::test]
async fn repeated_next_token_ends_the_stream_with_an_error() {
    let server = TestServer::start(
        Vendor::Alibaba,
        vec![
            page("req-1", &["t-1"], Some("A")),
            page("req-2", &["t-2"], Some("B")),
            page("req-3", &["t-3"], Some("A")),
        ],
    )
    .await;
    let client = client(&server);
    let pages: Vec<_> = within(
        client
            .list_tasks()
            .directory_id(DIRECTORY)
            .into_paginator()
            .pages()
            .take(common::MAX_PAGES)
            .collect::<Vec<_>>(),
    )
    .await;
    assert_eq!(pages.len(), 4, "three pages, then the error: {pages:?}");
    for (i, p) in pages[..3].iter().enumerate() {
        let p = p.as_ref().expect("the pages before the repeat are Ok");
        assert_eq!(p.request_id, format!("req-{}", i + 1));
    }
    let e = pages[3].as_ref().unwrap_err();
    assert!(
        matches!(e.kind(), ErrorKind::RepeatedPageToken(t) if t == "A"),
        "{e:?}"
    );
    assert!(e.to_string().contains("\"A\""), "{e}");
    assert_eq!(server.hits(), 3, "the repeated token is never sent again");
    server.assert_clean();

    // items(): every task of the pages before, then the error, then the end.
    let server = TestServer::start(
        Vendor::Alibaba,
        vec![
            page("req-1", &["t-1", "t-2"], Some("A")),
            page("req-2", &["t-3"], Some("A")),
        ],
    )
    .await;
    let items: Vec<_> = within(
        client_with_attempts(&server, 3)
            .list_tasks()
            .directory_id(DIRECTORY)
            .into_paginator()
            .items()
            .take(100)
            .collect::<Vec<_>>(),
    )
    .await;
    assert_eq!(items.len(), 4, "{items:?}");
    let ids: Vec<&str> = items[..3]
        .iter()
        .map(|r| r.as_ref().unwrap().task_id.as_deref().unwrap())
        .collect();
    assert_eq!(ids, ["t-1", "t-2", "t-3"]);
    assert!(matches!(
        items[3].as_ref().unwrap_err().kind(),
        ErrorKind::RepeatedPageToken(_)
    ));
    assert_eq!(server.hits(), 2);
    server.assert_clean();
}

#[tokio::test]
async fn garbage_answers_are_errors_that_keep_the_http_status() {
    let cases: Vec<(&str, Reply, usize)> = vec![
        (
            "HTML page with 200",
            Reply::raw(
                200,
                "text/html",
                "<html><head><title>Welcome</title></head><body>nginx</body></html>",
            ),
            1,
        ),
        (
            "HTML 403 page",
            Reply::raw(403, "text/html", "<html><body>403 Forbidden</body></html>"),
            1,
        ),
        (
            "HTML 502 page, retried",
            Reply::raw(
                502,
                "text/html",
                "<html><body>502 Bad Gateway</body></html>",
            ),
            2,
        ),
        (
            "truncated JSON",
            Reply::json(200, &SEED_LIST_TASKS[..SEED_LIST_TASKS.len() / 2]),
            1,
        ),
        (
            "Tasks is a string",
            Reply::json(200, r#"{"RequestId":"R-1","Tasks":"x"}"#),
            1,
        ),
        (
            "TotalCounts is a string",
            Reply::json(200, r#"{"RequestId":"R-2","Tasks":[],"TotalCounts":"one"}"#),
            1,
        ),
        (
            "MaxResults beyond int32",
            Reply::json(
                200,
                r#"{"RequestId":"R-3","Tasks":[],"MaxResults":4294967296}"#,
            ),
            1,
        ),
        (
            "a task is a number",
            Reply::json(200, r#"{"RequestId":"R-4","Tasks":[7]}"#),
            1,
        ),
        ("JSON array", Reply::json(200, "[]"), 1),
        ("empty body", Reply::raw(200, "text/plain", ""), 1),
        (
            "4xx JSON without Code",
            Reply::json(400, r#"{"RequestId":"R-5","Message":"no code"}"#),
            1,
        ),
    ];
    for (what, reply, expected_hits) in cases {
        let status = reply.status;
        let server = TestServer::always(Vendor::Alibaba, reply).await;
        let client = client_with_attempts(&server, 2);
        let result = within(
            client
                .list_tasks()
                .directory_id(DIRECTORY)
                .max_results(5)
                .send(),
        )
        .await;
        common::assert_undecodable(result, status, what);
        assert_eq!(server.hits(), expected_hits, "{what}");
        server.assert_clean();
    }
}

#[tokio::test]
async fn prebuilt_requests_go_through_client_send() {
    let server = TestServer::start(
        Vendor::Alibaba,
        vec![
            Reply::json(200, SEED_LIST_TASKS),
            Reply::json(200, SEED_GET_TASK),
        ],
    )
    .await;
    let client = client(&server);
    let request = ListTasksRequest::builder()
        .directory_id(DIRECTORY)
        .access_configuration_id("ac-00jhtfl8thteu6uj****")
        .target_id("114240524784****")
        .target_type(TargetType::RdAccount)
        .principal_id("u-00q8wbq42wiltcrk****")
        .principal_type(PrincipalType::User)
        .next_token("start here")
        .max_results(1)
        .build()
        .expect("a valid request");
    let out = within(client.send(request)).await.expect("ListTasks");
    assert_eq!(out.tasks.len(), 1);

    let get = GetTaskRequest::builder()
        .directory_id(DIRECTORY)
        .task_id("t-shfqw1u1edszvxw5****")
        .build()
        .unwrap();
    let out = within(client.send(get)).await.expect("GetTask");
    assert_eq!(out.request_id, "923CA5E8-57BF-5E15-8BA6-E75A966B7E3F");

    // A request put together by hand (from Default, fields assigned) is validated
    // again by `send`.
    let mut bad = GetTaskRequest::default();
    bad.directory_id = Some("not-a-directory".into());
    bad.task_id = Some("t-1".into());
    let e = within(client.send(bad)).await.unwrap_err();
    assert!(e.is_validation(), "{e:?}");
    assert!(e.to_string().contains("DirectoryId"), "{e}");
    let mut unpaired = ListTasksRequest::default();
    unpaired.directory_id = Some(DIRECTORY.into());
    unpaired.target_id = Some("114240524784****".into());
    unpaired.max_results = Some(21);
    let e = within(client.send(unpaired)).await.unwrap_err();
    assert!(e.is_validation(), "{e:?}");
    let shown = e.to_string();
    assert!(
        shown.contains("TargetType") && shown.contains("MaxResults"),
        "{shown}"
    );

    assert_eq!(server.hits(), 2);
    server.assert_clean();
    let seen = server.seen();
    assert_eq!(seen[0].action, "ListTasks");
    assert_eq!(
        Value::Object(seen[0].params.clone()),
        json!({
            "DirectoryId": DIRECTORY,
            "AccessConfigurationId": "ac-00jhtfl8thteu6uj****",
            "TargetId": "114240524784****",
            "TargetType": "RD-Account",
            "PrincipalId": "u-00q8wbq42wiltcrk****",
            "PrincipalType": "User",
            "NextToken": "start here",
            "MaxResults": "1",
        })
    );
    assert_eq!(seen[1].action, "GetTask");
}

#[tokio::test]
async fn signed_host_includes_the_port_and_headers_are_as_documented() {
    let server = TestServer::start(Vendor::Alibaba, vec![Reply::json(200, SEED_GET_TASK)]).await;
    within(
        client(&server)
            .get_task()
            .directory_id(DIRECTORY)
            .task_id("t-shfqw1u1edszvxw5****")
            .send(),
    )
    .await
    .unwrap();
    server.assert_clean();
    let seen = &server.seen()[0];
    assert_eq!(seen.host, server.authority());
    assert!(seen.host.ends_with(&format!(":{}", server.port)));
    let auth = seen.header("authorization").unwrap();
    assert!(
        auth.starts_with(&format!("ACS3-HMAC-SHA256 Credential={},", common::ID)),
        "{auth}"
    );
    assert!(auth.contains("SignedHeaders=host;"), "{auth}");
    assert!(!auth.contains(common::SECRET));
    assert_eq!(seen.header("x-acs-action"), Some("GetTask"));
    assert_eq!(seen.header("x-acs-version"), Some("2021-05-15"));
    assert_eq!(
        seen.header("x-acs-content-sha256"),
        Some(common::sha256_hex(b"").as_str())
    );
}

#[tokio::test]
async fn the_test_server_rejects_a_bad_signature() {
    let server = TestServer::start(Vendor::Alibaba, vec![Reply::json(200, SEED_GET_TASK)]).await;
    let client = Client::builder()
        .credentials(common::ID, "a-different-secret")
        .endpoint(&server.url)
        .retry_base_delay(Duration::from_millis(1))
        .build()
        .unwrap();
    let e = within(
        client
            .get_task()
            .directory_id(DIRECTORY)
            .task_id("t-1")
            .send(),
    )
    .await
    .expect_err("a wrongly signed request is refused");
    assert_eq!(e.code(), Some("SignatureDoesNotMatch"));
    assert_eq!(e.http_status(), Some(400));
    assert_eq!(server.hits(), 1);
    let problems = server.problems();
    assert_eq!(problems.len(), 1);
    assert!(problems[0].contains("signature mismatch"), "{problems:?}");
    assert!(server.seen().is_empty());
}

#[tokio::test]
async fn request_id_header_is_kept_when_the_body_has_none() {
    let server = TestServer::start(
        Vendor::Alibaba,
        vec![
            Reply::json(404, r#"{"Code":"EntityNotExists.Task","Message":"gone"}"#)
                .header("x-acs-request-id", "HDR-REQ-1"),
            Reply::raw(403, "text/html", "<html>denied by a proxy</html>")
                .header("x-acs-request-id", "HDR-REQ-2"),
        ],
    )
    .await;
    let client = client(&server);
    let get = || {
        client
            .get_task()
            .directory_id(DIRECTORY)
            .task_id("t-shfqw1u1edszvxw5****")
            .send()
    };
    let e = within(get()).await.unwrap_err();
    assert_eq!(e.code(), Some("EntityNotExists.Task"));
    assert_eq!(e.request_id(), Some("HDR-REQ-1"));
    assert_eq!(e.host_id(), None);
    assert_eq!(e.recommend(), None);
    let e = within(get()).await.unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Undecodable { .. }), "{e:?}");
    assert_eq!(e.request_id(), Some("HDR-REQ-2"));
    assert_eq!(e.http_status(), Some(403));
    assert_eq!(server.hits(), 2);
    server.assert_clean();
}

#[tokio::test]
async fn signature_nonce_used_is_retried_with_a_new_nonce() {
    let used = r#"{"RequestId":"REQ-NONCE","HostId":"cloudsso.cn-shanghai.aliyuncs.com","Code":"SignatureNonceUsed","Message":"Specified signature nonce was used already."}"#;
    let server = TestServer::start(
        Vendor::Alibaba,
        vec![Reply::json(400, used), Reply::json(200, SEED_GET_TASK)],
    )
    .await;
    within(
        client(&server)
            .get_task()
            .directory_id(DIRECTORY)
            .task_id("t-shfqw1u1edszvxw5****")
            .send(),
    )
    .await
    .expect("the retry succeeds");
    assert_eq!(server.hits(), 2);
    server.assert_clean();
    let seen = server.seen();
    assert_ne!(seen[0].nonce, seen[1].nonce);
}

#[tokio::test]
async fn security_token_is_sent_and_signed() {
    let server = TestServer::start(Vendor::Alibaba, vec![Reply::json(200, SEED_GET_TASK)]).await;
    let client = Client::builder()
        .credentials(common::ID, common::SECRET)
        .security_token("sts-token-value")
        .endpoint(&server.url)
        .build()
        .unwrap();
    within(
        client
            .get_task()
            .directory_id(DIRECTORY)
            .task_id("t-shfqw1u1edszvxw5****")
            .send(),
    )
    .await
    .unwrap();
    server.assert_clean();
    let seen = &server.seen()[0];
    assert_eq!(seen.header("x-acs-security-token"), Some("sts-token-value"));
    let auth = seen.header("authorization").unwrap();
    assert!(auth.contains("x-acs-security-token"), "{auth}");
}

#[test]
fn the_tests_own_encoder_and_clock_helpers() {
    assert_eq!(common::rfc3986("d-00fc2p61****"), "d-00fc2p61%2A%2A%2A%2A");
    assert_eq!(common::rfc3986("a b+c/d=~"), "a%20b%2Bc%2Fd%3D~");
    assert_eq!(common::rfc3986("未"), "%E6%9C%AA");
    assert_eq!(common::utc_date(0), "1970-01-01");
    assert_eq!(common::utc_date(1_551_113_065), "2019-02-25");
    assert_eq!(common::utc_datetime(951_782_400), "2000-02-29T00:00:00Z");
    assert_eq!(
        common::parse_utc_datetime("2021-11-05T02:58:08Z"),
        Some(1_636_081_088)
    );
    assert_eq!(common::parse_utc_datetime("2021-11-05 02:58:08Z"), None);
    for secs in [0, 86_399, 951_868_799, 1_709_251_199, 4_102_444_800] {
        assert_eq!(
            common::parse_utc_datetime(&common::utc_datetime(secs)),
            Some(secs)
        );
    }
}
