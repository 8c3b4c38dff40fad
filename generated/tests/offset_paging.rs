//! A listing paged by `Offset` (Tencent's Offset/Limit/Total shape), end to end: the
//! paginator moves the offset on by each page's items, keeps every other parameter,
//! and stops when the offset reaches the total, or at an empty page.

mod common;

use std::time::Duration;

use common::{Reply, TestServer, Vendor, within};
use futures::StreamExt;
use serde_json::json;
use specbind_apis::tencent::organization::Client;

fn page(items: usize, total: i64, request_id: &str) -> Reply {
    let items: Vec<_> = (0..items)
        .map(|i| json!({"MemberUin": i, "TotalCost": 1.5}))
        .collect();
    Reply::json(
        200,
        json!({"Response": {"Items": items, "Total": total, "RequestId": request_id}}).to_string(),
    )
}

fn client(server: &TestServer) -> Client {
    Client::builder()
        .credentials(common::ID, common::SECRET)
        .endpoint(&server.url)
        .retry_base_delay(Duration::from_millis(1))
        .build()
        .expect("client builds")
}

#[tokio::test]
async fn offsets_advance_by_the_items_received_until_the_total() {
    let server = TestServer::start(
        Vendor::Tencent,
        vec![page(2, 5, "r1"), page(2, 5, "r2"), page(1, 5, "r3")],
    )
    .await;
    let items: Vec<_> = within(
        client(&server)
            .describe_organization_financial_by_member()
            .month("2021-01")
            .limit(2)
            .into_paginator()
            .items()
            .collect::<Vec<_>>(),
    )
    .await;
    assert_eq!(items.len(), 5);
    let first = items[0].as_ref().expect("an item");
    assert_eq!((first.member_uin, first.total_cost), (Some(0), Some(1.5)));
    server.assert_clean();
    let seen = server.seen();
    let offsets: Vec<_> = seen
        .iter()
        .map(|s| s.params.get("Offset").cloned())
        .collect();
    assert_eq!(offsets, [None, Some(json!(2)), Some(json!(4))]);
    for s in &seen {
        assert_eq!(s.action, "DescribeOrganizationFinancialByMember");
        assert_eq!(s.params["Limit"], 2);
        assert_eq!(s.params["Month"], "2021-01");
    }
}

#[tokio::test]
async fn an_empty_page_ends_the_listing_and_a_page_limit_says_where_to_go_on() {
    let server = TestServer::start(
        Vendor::Tencent,
        vec![page(3, 100, "r1"), page(0, 100, "r2")],
    )
    .await;
    let pages: Vec<_> = within(
        client(&server)
            .describe_organization_financial_by_member()
            .month("2021-01")
            .offset(10)
            .into_paginator()
            .pages()
            .collect::<Vec<_>>(),
    )
    .await;
    assert_eq!(
        pages.len(),
        2,
        "the empty page is yielded, then the listing ends"
    );
    let offsets: Vec<_> = server
        .seen()
        .iter()
        .map(|s| s.params["Offset"].clone())
        .collect();
    assert_eq!(offsets, [json!(10), json!(13)]);

    let server = TestServer::start(Vendor::Tencent, vec![page(2, 100, "r1")]).await;
    let pages: Vec<_> = within(
        client(&server)
            .describe_organization_financial_by_member()
            .month("2021-01")
            .into_paginator()
            .max_pages(1)
            .pages()
            .collect::<Vec<_>>(),
    )
    .await;
    assert_eq!(pages.len(), 2);
    let err = pages[1].as_ref().expect_err("the page limit");
    assert!(
        err.to_string().contains('2'),
        "the next offset is given: {err}"
    );
    assert_eq!(server.hits(), 1);
}
