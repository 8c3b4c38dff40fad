//! Paginator streams are `Unpin` (so `StreamExt::next` works without pinning) and an
//! invalid request is their only item, produced without any I/O.

use futures::StreamExt;
use specbind_apis::{alibaba::cloudsso, tencent::organization};

fn assert_unpin<T: Unpin>(_: &T) {}

#[tokio::test]
async fn invalid_request_is_the_only_item_of_an_unpin_stream() {
    // Port 9 on loopback: nothing may be sent, so nothing needs to listen.
    let client = cloudsso::Client::builder()
        .credentials("id", "secret")
        .endpoint("http://127.0.0.1:9")
        .build()
        .unwrap();
    let mut items = client
        .list_tasks()
        .directory_id("d-1")
        .max_results(21)
        .into_paginator()
        .items();
    assert_unpin(&items);
    let first = items.next().await.expect("one item");
    let err = first.expect_err("invalid request");
    assert!(err.is_validation());
    assert!(
        err.to_string()
            .contains("MaxResults: must be between 1 and 20, got 21"),
        "{err}"
    );
    assert!(items.next().await.is_none());

    let client = organization::Client::builder()
        .credentials("id", "secret")
        .endpoint("http://127.0.0.1:9")
        .build()
        .unwrap();
    let mut pages = client.list_tasks().into_paginator().pages();
    assert_unpin(&pages);
    let err = pages.next().await.unwrap().unwrap_err();
    assert_eq!(
        err.validation_error().unwrap().violations()[0].parameter(),
        "ZoneId"
    );
    assert!(pages.next().await.is_none());
}
