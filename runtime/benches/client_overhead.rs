//! Client CPU per call against a loopback server: `specbind_runtime::Client::send` for a
//! small Tencent operation, against bare reqwest doing the same TC3 signing and a
//! `serde_json::Value` decode (the baseline issue 7 sets: the client should cost at most
//! 1.0× of it).
//!
//! `cargo bench -p specbind-runtime --bench client_overhead`. A plain timing loop: the
//! server runs on its own threads; the client runs on a current-thread runtime on the
//! main thread, whose CPU time (Linux: `/proc/thread-self/schedstat`, in nanoseconds;
//! elsewhere wall time) is measured per batch. Batches of the two clients alternate in
//! one run, and the medians and their ratio are printed.

use std::hint::black_box;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use specbind_runtime::signing::tencent;
use specbind_runtime::{Client, Operation, Provider, ServiceInfo, ValidationError};

static SERVICE: ServiceInfo = ServiceInfo {
    provider: Provider::Tencent,
    product: "organization",
    version: "2021-03-31",
    default_endpoint: "https://organization.tencentcloudapi.com",
    regional_endpoint: None,
    rate_limit_per_second: None,
};

const ID: &str = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";
const SECRET: &str = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";

/// A ListTasks-shaped request, as the generator would emit it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
struct ListTasks {
    zone_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_results: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    next_token: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[allow(dead_code)]
struct ListTasksResponse {
    #[serde(default)]
    tasks: Vec<Task>,
    next_token: Option<String>,
    total_counts: Option<u64>,
    max_results: Option<u64>,
    is_truncated: Option<bool>,
    request_id: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[allow(dead_code)]
struct Task {
    task_id: Option<String>,
    task_type: Option<String>,
    task_status: Option<String>,
    principal_id: Option<String>,
    principal_type: Option<String>,
    principal_name: Option<String>,
    target_id: Option<String>,
    target_type: Option<String>,
    role_configuration_id: Option<String>,
    create_time: Option<String>,
}

impl Operation for ListTasks {
    const NAME: &'static str = "ListTasks";
    const IDEMPOTENT: bool = true;
    type Service = ();
    type Output = ListTasksResponse;
    fn validate(&self) -> Result<(), ValidationError> {
        Ok(())
    }
}

fn response_body(tasks: usize) -> String {
    let task = serde_json::json!({
        "TaskId": "t-d3kc0e2gdr5jvmhvrmva",
        "TaskType": "ProvisionStrategy",
        "TaskStatus": "Success",
        "PrincipalId": "u-00q8wbq42wiltcrk****",
        "PrincipalType": "User",
        "PrincipalName": "alice@example.com",
        "TargetId": "100004****",
        "TargetType": "MemberUin",
        "RoleConfigurationId": "rc-00jhtz2cuk4wgoj5****",
        "CreateTime": "2022-11-11T10:12:39Z"
    });
    serde_json::json!({"Response": {
        "Tasks": vec![task; tasks],
        "NextToken": "eyJvZmZzZXQiOjIwfQ==",
        "TotalCounts": 57,
        "MaxResults": 20,
        "IsTruncated": true,
        "RequestId": "7d5c6a9c-1a6e-4b2b-9a43-2f1a5e0c0f11"
    }})
    .to_string()
}

/// CPU nanoseconds this thread has run, or wall nanoseconds where that is not known.
fn thread_ns(wall: Instant) -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or_else(|| wall.elapsed().as_nanos() as u64)
}

/// The bare-reqwest baseline: the same body, signature and headers, then a `Value` decode.
async fn bare_call(http: &reqwest::Client, url: &reqwest::Url, host: &str, request: &ListTasks) {
    let body = serde_json::to_vec(request).unwrap();
    let timestamp = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let signature = tencent::sign(&tencent::SigningInput {
        secret_id: ID,
        secret_key: SECRET,
        service: "organization",
        host,
        content_type: "application/json",
        payload: &body,
        timestamp,
    });
    let response = http
        .post(url.clone())
        .header("content-type", "application/json")
        .header("host", host)
        .header("x-tc-action", "ListTasks")
        .header("x-tc-version", "2021-03-31")
        .header("x-tc-timestamp", timestamp.to_string())
        .header("authorization", signature.authorization)
        .body(body)
        .timeout(Duration::from_secs(30))
        .send()
        .await
        .unwrap();
    let bytes = response.bytes().await.unwrap();
    let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert!(value["Response"].get("Error").is_none());
    black_box(value);
}

fn main() {
    let body = response_body(20);
    let server = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let listener = server
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let port = listener.local_addr().unwrap().port();
    let served = body.clone();
    server.spawn(async move {
        let app = axum::Router::new().fallback(move || {
            let b = served.clone();
            async move { ([("content-type", "application/json")], b) }
        });
        axum::serve(listener, app).await.unwrap();
    });

    let endpoint = format!("http://127.0.0.1:{port}");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let client = Client::builder(&SERVICE)
        .credentials(ID, SECRET)
        .endpoint(&endpoint)
        .build()
        .unwrap();
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    let url = reqwest::Url::parse(&endpoint).unwrap();
    let host = format!("127.0.0.1:{port}");
    let request = ListTasks {
        zone_id: Some("z-djwidnwidj".into()),
        max_results: Some(20),
        next_token: Some("eyJvZmZzZXQiOjB9".into()),
    };

    let per_batch = 400;
    let batches = 15;
    let wall = Instant::now();
    let mut ours = Vec::new();
    let mut bare = Vec::new();
    rt.block_on(async {
        // Warm both connection pools.
        for _ in 0..50 {
            client.send(request.clone()).await.unwrap();
            bare_call(&http, &url, &host, &request).await;
        }
        for _ in 0..batches {
            let t = thread_ns(wall);
            for _ in 0..per_batch {
                black_box(client.send(black_box(request.clone())).await.unwrap());
            }
            ours.push((thread_ns(wall) - t) as f64 / f64::from(per_batch));
            let t = thread_ns(wall);
            for _ in 0..per_batch {
                bare_call(&http, &url, &host, black_box(&request)).await;
            }
            bare.push((thread_ns(wall) - t) as f64 / f64::from(per_batch));
        }
    });
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (ours, bare) = (median(&mut ours), median(&mut bare));
    println!(
        "client CPU per call, {}-byte Tencent answer ({batches} batches of {per_batch}):",
        body.len()
    );
    println!("  specbind_runtime::Client::send, decoded into the type: median {ours:.0} ns");
    println!("  bare reqwest + TC3 signing + serde_json::Value decode:  median {bare:.0} ns");
    println!("  ratio: {:.3}x", ours / bare);
}
