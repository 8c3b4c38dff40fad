//! Calls can be spawned: the futures and streams the generated clients return are
//! `Send` (and `'static` where they own everything), which `tokio::spawn` needs.

use specbind_apis::{alibaba::cloudsso, tencent::organization};

fn spawnable<T: Send + 'static>(_: &T) {}

#[test]
fn generated_calls_are_send() {
    let ali = cloudsso::Client::builder()
        .credentials("id", "secret")
        .build()
        .unwrap();
    let send = ali.list_tasks().directory_id("d-1").send();
    spawnable(&send);
    let pages = ali
        .list_tasks()
        .directory_id("d-1")
        .into_paginator()
        .pages();
    spawnable(&pages);
    let request = cloudsso::GetTaskRequest::builder()
        .directory_id("d-1")
        .task_id("t-1")
        .build()
        .unwrap();
    let client = ali.clone();
    let send_built = async move { client.send(request).await };
    spawnable(&send_built);

    let tc = organization::Client::builder()
        .credentials("id", "secret")
        .build()
        .unwrap();
    let send = tc.list_tasks().zone_id("z-1").send();
    spawnable(&send);
}
