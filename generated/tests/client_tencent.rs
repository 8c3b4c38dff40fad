//! The generated Tencent Cloud Organization (CIC) client, end to end, through its public
//! API, against a local server that checks every TC3-HMAC-SHA256 signature with its own
//! code (see `common/mod.rs`) and answers from a script.

mod common;

use std::collections::HashSet;
use std::time::Duration;

use common::{Reply, Seen, TestServer, Vendor, within};
use futures::StreamExt;
use serde_json::{Value, json};
use specbind_apis::runtime::ErrorKind;
use specbind_apis::tencent::organization::{
    self, Client, ListTasksRequest, PrincipalType, TargetType, TaskStatus, TaskType, error_codes,
};

/// `003_d0d0d8d1b1222423.txt`: the ListTasks sample request body, copied verbatim (its
/// `TargetType` value `Member` is not one the API lists; it is sent unchanged).
const SEED_REQUEST: &str = include_str!("seeds/tencent_list_tasks_request.json");

/// `003_d0d0d8d1b1222423.txt`: the ListTasks sample response, copied verbatim, already
/// in its `{"Response": {...}}` envelope. Its PrincipalType and TargetType values are
/// swapped (a documentation bug); the open enums keep them as unknown values.
const SEED_RESPONSE: &str = include_str!("seeds/tencent_list_tasks_response.json");

const ZONE: &str = "z-djwidnwidj";

fn builder(server: &TestServer) -> organization::ClientBuilder {
    Client::builder()
        .credentials(common::ID, common::SECRET)
        .endpoint(&server.url)
        .retry_base_delay(Duration::from_millis(1))
        .max_retry_delay(Duration::from_millis(20))
        .timeout(Duration::from_secs(10))
}

fn client(server: &TestServer) -> Client {
    builder(server).build().expect("client builds")
}

fn client_with_attempts(server: &TestServer, attempts: u32) -> Client {
    builder(server)
        .max_attempts(attempts)
        .build()
        .expect("client builds")
}

fn error_reply(code: &str, message: &str, request_id: &str) -> Reply {
    Reply::json(
        200,
        json!({
            "Response": {
                "Error": {"Code": code, "Message": message},
                "RequestId": request_id,
            }
        })
        .to_string(),
    )
}

fn task(id: &str) -> Value {
    json!({
        "TaskId": id,
        "RoleConfigurationId": "rc-xmw9xjdsd",
        "RoleConfigurationName": "Configuration",
        "TargetUin": 1000232234_i64,
        "TargetType": "MemberUin",
        "PrincipalId": "g-developers",
        "PrincipalType": "Group",
        "TaskType": "CreateRoleAssignment",
        "Status": "Success"
    })
}

fn page(request_id: &str, ids: &[&str], next: Option<&str>) -> Reply {
    let mut inner = json!({
        "Tasks": ids.iter().map(|id| task(id)).collect::<Vec<_>>(),
        "TotalCounts": 6,
        "MaxResults": 50,
        "IsTruncated": next.is_some(),
        "RequestId": request_id,
    });
    if let Some(token) = next {
        inner["NextToken"] = json!(token);
    }
    Reply::json(200, json!({ "Response": inner }).to_string())
}

fn three_pages() -> Vec<Reply> {
    vec![
        page("req-page-1", &["t-1", "t-2"], Some("next==/2")),
        page("req-page-2", &["t-3", "t-4", "t-5"], Some("next==/3")),
        page("req-page-3", &["t-6"], None),
    ]
}

fn listing(client: &Client) -> organization::ListTasksFluentBuilder {
    client
        .list_tasks()
        .zone_id(ZONE)
        .max_results(50)
        .principal_type(PrincipalType::Group)
        .principal_id("g-developers")
        .target_uin(1000232234_i64)
        .target_type(TargetType::MemberUin)
        .status(TaskStatus::Success)
}

fn assert_three_page_requests(seen: &[Seen]) {
    assert_eq!(seen.len(), 3);
    let tokens: Vec<Option<&Value>> = seen.iter().map(|s| s.params.get("NextToken")).collect();
    assert_eq!(
        tokens,
        [None, Some(&json!("next==/2")), Some(&json!("next==/3"))]
    );
    let expected = json!({
        "ZoneId": ZONE,
        "MaxResults": 50,
        "PrincipalType": "Group",
        "PrincipalId": "g-developers",
        "TargetUin": 1000232234_i64,
        "TargetType": "MemberUin",
        "Status": "Success",
    });
    for s in seen {
        assert_eq!(s.action, "ListTasks");
        assert_eq!(
            Value::Object(s.params_without_token()),
            expected,
            "other parameters unchanged, integers as JSON numbers"
        );
    }
}

#[tokio::test]
async fn list_tasks_sends_the_seed_request_and_decodes_the_seed_response() {
    let server = TestServer::start(Vendor::Tencent, vec![Reply::json(200, SEED_RESPONSE)]).await;
    let out = within(
        client(&server)
            .list_tasks()
            .zone_id("z-djwidnwidj")
            .principal_id("u-xj8sncidnc")
            .next_token("xownw8db38dbe8fne==-")
            .max_results(1)
            .principal_type(PrincipalType::User)
            .target_uin(1000023423_i64)
            .target_type("Member")
            .role_configuration_id("rc-xjw9dsmw")
            .status(TaskStatus::InProgress)
            .task_type(TaskType::CreateRoleAssignment)
            .send(),
    )
    .await
    .expect("ListTasks succeeds");

    assert_eq!(out.request_id, "e297543a-80de-4039-83c8-9d35d4545");
    assert_eq!(out.next_token.as_deref(), Some("abc"));
    assert_eq!(out.total_counts, Some(0));
    assert_eq!(out.max_results, Some(0));
    assert_eq!(out.is_truncated, Some(true));
    assert_eq!(out.tasks.len(), 1);
    let t = &out.tasks[0];
    assert_eq!(t.task_id.as_deref(), Some("t-xsinsxinsdk"));
    assert_eq!(t.role_configuration_id.as_deref(), Some("rc-xmw9xjdsd"));
    assert_eq!(t.role_configuration_name.as_deref(), Some("Configuration"));
    assert_eq!(t.target_uin, Some(1000232234));
    assert_eq!(t.target_type, Some(TargetType::Unknown("User".into())));
    assert_eq!(t.principal_id.as_deref(), Some("u-xm89dnsujs"));
    assert_eq!(
        t.principal_type,
        Some(PrincipalType::Unknown("Member".into()))
    );
    assert_eq!(t.task_type, Some(TaskType::CreateRoleAssignment));
    assert_eq!(t.status, Some(TaskStatus::InProgress));
    assert_eq!(t.failure_reason.as_deref(), Some("test"));

    assert_eq!(server.hits(), 1);
    server.assert_clean();
    let seen = &server.seen()[0];
    assert_eq!(seen.action, "ListTasks");
    let seed: Value = serde_json::from_str(SEED_REQUEST).unwrap();
    assert_eq!(Value::Object(seen.params.clone()), seed);
    assert_eq!(seen.header("x-tc-version"), Some("2021-03-31"));
}

#[tokio::test]
async fn list_tasks_items_over_three_pages_yields_every_task_once() {
    let server = TestServer::start(Vendor::Tencent, three_pages()).await;
    let items: Vec<_> = within(
        listing(&client(&server))
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
    assert_eq!(ids, ["t-1", "t-2", "t-3", "t-4", "t-5", "t-6"]);
    let unique: HashSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "no task twice");
    assert_eq!(server.hits(), 3);
    server.assert_clean();
    assert_three_page_requests(&server.seen());
}

#[tokio::test]
async fn list_tasks_pages_over_three_pages_in_order() {
    let server = TestServer::start(Vendor::Tencent, three_pages()).await;
    let pages: Vec<_> = within(
        listing(&client(&server))
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
    assert_eq!(sizes, [2, 3, 1]);
    assert_eq!(pages[2].is_truncated, Some(false));
    assert_eq!(pages[2].next_token, None);
    let t = &pages[0].tasks[0];
    assert_eq!(t.principal_type, Some(PrincipalType::Group));
    assert_eq!(t.target_type, Some(TargetType::MemberUin));
    server.assert_clean();
    assert_three_page_requests(&server.seen());
}

#[tokio::test]
async fn response_error_is_a_service_error_with_its_code_never_a_success() {
    let cases = [
        (
            error_codes::FAILED_OPERATION_IDENTITY_CENTER_NOT_OPEN,
            "The CIC service is not enabled.",
        ),
        (
            error_codes::FAILED_OPERATION_ZONE_ID_NOT_EXIST,
            "The user zoneId of the CIC service does not exist.",
        ),
        (
            error_codes::INVALID_PARAMETER_NEXT_TOKEN_INVALID,
            "Invalid nextToken.",
        ),
        ("AuthFailure.UnauthorizedOperation", "not allowed"),
        ("InternalError", "internal error"),
    ];
    for (i, (code, message)) in cases.into_iter().enumerate() {
        let request_id = format!("8a3b2d51-0000-4000-8000-00000000000{i}");
        let server =
            TestServer::always(Vendor::Tencent, error_reply(code, message, &request_id)).await;
        let client = client(&server);
        let result = within(client.list_tasks().zone_id(ZONE).send()).await;
        let e = match result {
            Ok(out) => panic!("{code}: an error answer decoded as {out:?}"),
            Err(e) => e,
        };
        assert!(matches!(e.kind(), ErrorKind::Service(_)), "{code}: {e:?}");
        assert_eq!(e.code(), Some(code));
        assert_eq!(e.message(), Some(message));
        assert_eq!(e.request_id(), Some(request_id.as_str()));
        assert_eq!(
            e.http_status(),
            Some(200),
            "Tencent reports errors with 200"
        );
        assert!(!e.is_throttling() && !e.is_validation());
        assert_eq!(e.recommend(), None);
        let shown = e.to_string();
        assert!(
            shown.contains(code) && shown.contains(&request_id),
            "{shown}"
        );
        assert!(!shown.contains(common::SECRET));
        assert_eq!(server.hits(), 1, "{code}: not retried");

        // Through the paginator: the error is the stream's only item.
        let pages: Vec<_> = within(
            client
                .list_tasks()
                .zone_id(ZONE)
                .into_paginator()
                .pages()
                .take(common::MAX_PAGES)
                .collect::<Vec<_>>(),
        )
        .await;
        assert_eq!(pages.len(), 1, "{code}");
        assert_eq!(pages[0].as_ref().unwrap_err().code(), Some(code));
        assert_eq!(server.hits(), 2);
        server.assert_clean();
    }
}

#[tokio::test]
async fn an_error_on_page_two_ends_the_listing_after_page_one() {
    let server = TestServer::start(
        Vendor::Tencent,
        vec![
            page("req-1", &["t-1", "t-2"], Some("tok-2")),
            error_reply(
                error_codes::INVALID_PARAMETER_NEXT_TOKEN_INVALID,
                "Invalid nextToken.",
                "req-2",
            ),
        ],
    )
    .await;
    let items: Vec<_> = within(
        client(&server)
            .list_tasks()
            .zone_id(ZONE)
            .into_paginator()
            .items()
            .take(100)
            .collect::<Vec<_>>(),
    )
    .await;
    assert_eq!(items.len(), 3, "{items:?}");
    assert!(items[0].is_ok() && items[1].is_ok());
    let e = items[2].as_ref().unwrap_err();
    assert_eq!(
        e.code(),
        Some(error_codes::INVALID_PARAMETER_NEXT_TOKEN_INVALID)
    );
    assert_eq!(e.request_id(), Some("req-2"));
    assert_eq!(server.hits(), 2);
    server.assert_clean();
    assert_eq!(server.seen()[1].params["NextToken"], json!("tok-2"));
}

#[tokio::test]
async fn throttled_twice_then_ok_succeeds_with_fresh_signatures() {
    let server = TestServer::start(
        Vendor::Tencent,
        vec![
            error_reply(
                "RequestLimitExceeded",
                "Your request is too frequent.",
                "thr-1",
            ),
            error_reply(
                "RequestLimitExceeded.UinLimitExceeded",
                "Too many requests for this account.",
                "thr-2",
            ),
            Reply::json(200, SEED_RESPONSE),
        ],
    )
    .await;
    let out = within(client(&server).list_tasks().zone_id(ZONE).send())
        .await
        .expect("the third try succeeds");
    assert_eq!(out.request_id, "e297543a-80de-4039-83c8-9d35d4545");
    assert_eq!(server.hits(), 3, "exactly three requests");
    server.assert_clean();
    for s in server.seen() {
        // Each attempt carries its own, current timestamp and a signature over it
        // (the server checked both).
        assert!(
            (s.signed_at - common::now_secs()).abs() <= 5,
            "fresh timestamp"
        );
        assert_eq!(Value::Object(s.params), json!({"ZoneId": ZONE}));
    }
}

#[tokio::test]
async fn always_throttled_gives_up_after_max_attempts() {
    for attempts in [2u32, 4] {
        let server = TestServer::always(
            Vendor::Tencent,
            error_reply(
                "RequestLimitExceeded",
                "Your request is too frequent.",
                "thr-always",
            ),
        )
        .await;
        let e = within(
            client_with_attempts(&server, attempts)
                .list_tasks()
                .zone_id(ZONE)
                .send(),
        )
        .await
        .expect_err("always throttled");
        assert!(e.is_throttling(), "{e:?}");
        assert!(matches!(e.kind(), ErrorKind::Throttled(_)));
        assert_eq!(e.code(), Some("RequestLimitExceeded"));
        assert_eq!(e.request_id(), Some("thr-always"));
        assert_eq!(e.http_status(), Some(200));
        assert_eq!(e.attempts(), attempts);
        assert!(
            e.to_string()
                .contains(&format!("after {attempts} attempts")),
            "{e}"
        );
        assert_eq!(server.hits(), attempts as usize);
        server.assert_clean();
    }
}

#[tokio::test]
async fn invalid_requests_are_refused_before_any_request() {
    let server = TestServer::start(Vendor::Tencent, vec![Reply::json(200, SEED_RESPONSE)]).await;
    let client = client(&server);

    // A group id with PrincipalType User.
    let e = within(
        client
            .list_tasks()
            .zone_id(ZONE)
            .principal_type(PrincipalType::User)
            .principal_id("g-developers")
            .send(),
    )
    .await
    .expect_err("g- is a group id");
    assert!(e.is_validation(), "{e:?}");
    assert_eq!(e.attempts(), 0);
    let v = e.validation_error().unwrap();
    assert_eq!(v.violations().len(), 1, "{v}");
    assert_eq!(v.violations()[0].parameter(), "PrincipalId");
    let shown = e.to_string();
    assert!(shown.contains(&v.to_string()), "{shown}");
    assert!(
        shown.contains("PrincipalId") && shown.contains("u-"),
        "{shown}"
    );

    // And the other way round.
    let e = within(
        client
            .list_tasks()
            .zone_id(ZONE)
            .principal_type(PrincipalType::Group)
            .principal_id("u-alice")
            .send(),
    )
    .await
    .unwrap_err();
    assert!(e.is_validation() && e.to_string().contains("g-"), "{e}");

    // MaxResults outside 1..=100, a missing ZoneId, a wrong RoleConfigurationId prefix.
    for (n, builder) in [
        (101_i64, client.list_tasks().zone_id(ZONE)),
        (0, client.list_tasks().zone_id(ZONE)),
    ] {
        let e = within(builder.max_results(n).send()).await.unwrap_err();
        assert!(e.is_validation(), "{e:?}");
        assert!(e.to_string().contains("MaxResults"), "{e}");
    }
    let e = within(client.list_tasks().max_results(5).send())
        .await
        .unwrap_err();
    assert!(e.is_validation() && e.to_string().contains("ZoneId"), "{e}");
    let e = within(
        client
            .list_tasks()
            .zone_id(ZONE)
            .role_configuration_id("xjw9dsmw")
            .send(),
    )
    .await
    .unwrap_err();
    assert!(
        e.is_validation() && e.to_string().contains("RoleConfigurationId"),
        "{e}"
    );

    // The paginator yields the validation error as its only item.
    let items: Vec<_> = within(
        client
            .list_tasks()
            .zone_id(ZONE)
            .principal_type(PrincipalType::User)
            .principal_id("g-developers")
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
async fn repeated_next_token_ends_the_stream_with_an_error() {
    let server = TestServer::start(
        Vendor::Tencent,
        vec![
            page("req-1", &["t-1"], Some("A")),
            page("req-2", &["t-2"], Some("B")),
            page("req-3", &["t-3"], Some("B")),
        ],
    )
    .await;
    let pages: Vec<_> = within(
        client(&server)
            .list_tasks()
            .zone_id(ZONE)
            .into_paginator()
            .pages()
            .take(common::MAX_PAGES)
            .collect::<Vec<_>>(),
    )
    .await;
    assert_eq!(pages.len(), 4, "three pages, then the error: {pages:?}");
    for (i, p) in pages[..3].iter().enumerate() {
        assert_eq!(p.as_ref().unwrap().request_id, format!("req-{}", i + 1));
    }
    let e = pages[3].as_ref().unwrap_err();
    assert!(
        matches!(e.kind(), ErrorKind::RepeatedPageToken(t) if t == "B"),
        "{e:?}"
    );
    assert_eq!(server.hits(), 3);
    server.assert_clean();

    // A caller's own starting token counts as seen: the server handing it back stops too.
    let server = TestServer::start(
        Vendor::Tencent,
        vec![page("req-1", &["t-1"], Some("start"))],
    )
    .await;
    let items: Vec<_> = within(
        client(&server)
            .list_tasks()
            .zone_id(ZONE)
            .next_token("start")
            .into_paginator()
            .items()
            .take(100)
            .collect::<Vec<_>>(),
    )
    .await;
    assert_eq!(items.len(), 2, "{items:?}");
    assert_eq!(items[0].as_ref().unwrap().task_id.as_deref(), Some("t-1"));
    assert!(matches!(
        items[1].as_ref().unwrap_err().kind(),
        ErrorKind::RepeatedPageToken(t) if t == "start"
    ));
    assert_eq!(server.hits(), 1);
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
                "<!DOCTYPE html><html><body>Service Unavailable</body></html>",
            ),
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
            Reply::json(200, &SEED_RESPONSE[..SEED_RESPONSE.len() - 40]),
            1,
        ),
        (
            "Tasks is a string",
            Reply::json(200, r#"{"Response":{"Tasks":"x","RequestId":"r-1"}}"#),
            1,
        ),
        (
            "TargetUin is an object",
            Reply::json(
                200,
                r#"{"Response":{"Tasks":[{"TaskId":"t-1","TargetUin":{"Uin":1}}],"RequestId":"r-2"}}"#,
            ),
            1,
        ),
        (
            "TargetUin is a fraction",
            Reply::json(
                200,
                r#"{"Response":{"Tasks":[{"TaskId":"t-1","TargetUin":1.5}],"RequestId":"r-3"}}"#,
            ),
            1,
        ),
        (
            "IsTruncated is a string",
            Reply::json(
                200,
                r#"{"Response":{"Tasks":[],"IsTruncated":"yes","RequestId":"r-4"}}"#,
            ),
            1,
        ),
        (
            "no Response envelope",
            Reply::json(200, r#"{"Tasks":[],"RequestId":"r-5"}"#),
            1,
        ),
        (
            "Response is a string",
            Reply::json(200, r#"{"Response":"ok"}"#),
            1,
        ),
        (
            "Response.Error is a string",
            Reply::json(200, r#"{"Response":{"Error":"oops","RequestId":"r-6"}}"#),
            1,
        ),
        (
            "Response.Error without Code",
            Reply::json(
                200,
                r#"{"Response":{"Error":{"Message":"no code"},"RequestId":"r-7"}}"#,
            ),
            1,
        ),
        (
            "500 JSON without an error",
            Reply::json(500, r#"{"Response":{"RequestId":"r-8"}}"#),
            2,
        ),
        ("empty body", Reply::raw(200, "text/plain", ""), 1),
    ];
    for (what, reply, expected_hits) in cases {
        let status = reply.status;
        let server = TestServer::always(Vendor::Tencent, reply).await;
        let result = within(
            client_with_attempts(&server, 2)
                .list_tasks()
                .zone_id(ZONE)
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
    let server = TestServer::start(Vendor::Tencent, vec![Reply::json(200, SEED_RESPONSE)]).await;
    let client = client(&server);
    let request = ListTasksRequest::builder()
        .zone_id(ZONE)
        .principal_type(PrincipalType::Group)
        .principal_id("g-developers")
        .role_configuration_id("rc-xjw9dsmw")
        .max_results(100)
        .task_type(TaskType::DeprovisionRoleConfiguration)
        .build()
        .expect("a valid request");
    let out = within(client.send(request.clone()))
        .await
        .expect("ListTasks");
    assert_eq!(out.request_id, "e297543a-80de-4039-83c8-9d35d4545");

    // A request edited by hand after building is validated again by `send`.
    let mut bad = request;
    bad.principal_id = Some("u-alice".into());
    let e = within(client.send(bad)).await.unwrap_err();
    assert!(e.is_validation(), "{e:?}");

    assert_eq!(server.hits(), 1);
    server.assert_clean();
    assert_eq!(
        Value::Object(server.seen()[0].params.clone()),
        json!({
            "ZoneId": ZONE,
            "PrincipalType": "Group",
            "PrincipalId": "g-developers",
            "RoleConfigurationId": "rc-xjw9dsmw",
            "MaxResults": 100,
            "TaskType": "DeprovisionRoleConfiguration",
        })
    );
}

#[tokio::test]
async fn region_arrives_as_x_tc_region() {
    let server = TestServer::start(
        Vendor::Tencent,
        vec![
            Reply::json(200, SEED_RESPONSE),
            Reply::json(200, SEED_RESPONSE),
        ],
    )
    .await;
    let regional = builder(&server).region("ap-guangzhou").build().unwrap();
    within(regional.list_tasks().zone_id(ZONE).send())
        .await
        .unwrap();
    let global = client(&server);
    within(global.list_tasks().zone_id(ZONE).send())
        .await
        .unwrap();
    server.assert_clean();
    let seen = server.seen();
    assert_eq!(seen[0].header("x-tc-region"), Some("ap-guangzhou"));
    assert_eq!(seen[1].header("x-tc-region"), None, "no region, no header");
    for s in &seen {
        assert_eq!(s.header("x-tc-action"), Some("ListTasks"));
        assert_eq!(s.header("x-tc-version"), Some("2021-03-31"));
    }
}

#[tokio::test]
async fn signed_host_includes_the_port() {
    let server = TestServer::start(Vendor::Tencent, vec![Reply::json(200, SEED_RESPONSE)]).await;
    within(client(&server).list_tasks().zone_id(ZONE).send())
        .await
        .unwrap();
    server.assert_clean();
    let seen = &server.seen()[0];
    assert_eq!(seen.host, server.authority());
    assert!(seen.host.ends_with(&format!(":{}", server.port)));
    let auth = seen.header("authorization").unwrap();
    let date = common::utc_date(seen.signed_at);
    assert!(
        auth.starts_with(&format!(
            "TC3-HMAC-SHA256 Credential={}/{date}/organization/tc3_request, SignedHeaders=content-type;host, Signature=",
            common::ID
        )),
        "{auth}"
    );
    assert!(!auth.contains(common::SECRET));
    assert_eq!(seen.header("content-type"), Some("application/json"));
}

#[tokio::test]
async fn session_token_travels_as_x_tc_token() {
    let server = TestServer::start(Vendor::Tencent, vec![Reply::json(200, SEED_RESPONSE)]).await;
    let client = builder(&server)
        .security_token("session-token-value")
        .build()
        .unwrap();
    within(client.list_tasks().zone_id(ZONE).send())
        .await
        .unwrap();
    server.assert_clean();
    assert_eq!(
        server.seen()[0].header("x-tc-token"),
        Some("session-token-value")
    );
}

#[tokio::test]
async fn request_id_header_is_used_when_the_error_has_none() {
    let server = TestServer::start(
        Vendor::Tencent,
        vec![
            Reply::json(
                200,
                r#"{"Response":{"Error":{"Code":"FailedOperation.ZoneIdNotExist","Message":"no zone"}}}"#,
            )
            .header("x-tc-requestid", "hdr-tc-1"),
        ],
    )
    .await;
    let e = within(client(&server).list_tasks().zone_id(ZONE).send())
        .await
        .unwrap_err();
    assert_eq!(
        e.code(),
        Some(error_codes::FAILED_OPERATION_ZONE_ID_NOT_EXIST)
    );
    assert_eq!(e.request_id(), Some("hdr-tc-1"));
    server.assert_clean();
}

#[tokio::test]
async fn the_test_server_rejects_a_bad_signature() {
    let server = TestServer::start(Vendor::Tencent, vec![Reply::json(200, SEED_RESPONSE)]).await;
    let client = Client::builder()
        .credentials(common::ID, "a-different-secret")
        .endpoint(&server.url)
        .retry_base_delay(Duration::from_millis(1))
        .build()
        .unwrap();
    let e = within(client.list_tasks().zone_id(ZONE).send())
        .await
        .expect_err("a wrongly signed request is refused");
    assert_eq!(e.code(), Some("AuthFailure.SignatureFailure"));
    assert_eq!(server.hits(), 1);
    let problems = server.problems();
    assert_eq!(problems.len(), 1);
    assert!(problems[0].contains("signature mismatch"), "{problems:?}");
    assert!(server.seen().is_empty());
}
