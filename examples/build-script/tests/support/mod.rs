//! A local HTTP server for the tests. It listens on 127.0.0.1:0, answers a fixed list of
//! replies (one per request, in order), records every request it sees, and stops after
//! the last reply or when the test calls [`Server::finish`], whichever comes first.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use tokio::sync::Notify;
use tokio::task::JoinHandle;

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: Method,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub headers: HeaderMap,
}

impl Recorded {
    /// A header's value; panics when it is missing or not text.
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .unwrap_or_else(|| panic!("request has no {name} header"))
            .to_str()
            .expect("header value is text")
    }

    /// A query parameter's (decoded) value, if sent.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

struct Shared {
    replies: Vec<(u16, String)>,
    seen: Mutex<Vec<Recorded>>,
    done: Notify,
}

pub struct Server {
    /// `http://127.0.0.1:<port>`.
    pub url: String,
    shared: Arc<Shared>,
    task: JoinHandle<()>,
}

impl Server {
    /// Starts a server that answers `replies` (status, JSON body) in order. Requests
    /// beyond them get a 500 and are recorded, so a test can see them.
    pub async fn start(replies: Vec<(u16, String)>) -> Server {
        let shared = Arc::new(Shared {
            replies,
            seen: Mutex::new(Vec::new()),
            done: Notify::new(),
        });
        let app = axum::Router::new()
            .fallback(handle)
            .with_state(shared.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0");
        let port = listener.local_addr().expect("local address").port();
        let stop = shared.clone();
        let task = tokio::spawn(async move {
            axum::serve(listener, app)
                .with_graceful_shutdown(async move { stop.done.notified().await })
                .await
                .expect("test server failed");
        });
        Server {
            url: format!("http://127.0.0.1:{port}"),
            shared,
            task,
        }
    }

    /// Stops the server (if the last reply has not already) and returns every request
    /// it saw. Fails the test if the server does not stop within 10 seconds.
    pub async fn finish(self) -> Vec<Recorded> {
        self.shared.done.notify_one();
        tokio::time::timeout(Duration::from_secs(10), self.task)
            .await
            .expect("the test server stops")
            .expect("the test server task did not panic");
        self.shared.seen.lock().unwrap().clone()
    }
}

async fn handle(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    Query(query): Query<Vec<(String, String)>>,
    headers: HeaderMap,
) -> Response {
    let n = {
        let mut seen = shared.seen.lock().unwrap();
        seen.push(Recorded {
            method,
            path: uri.path().to_owned(),
            query,
            headers,
        });
        seen.len()
    };
    let Some((status, body)) = shared.replies.get(n - 1) else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "unexpected request").into_response();
    };
    if n == shared.replies.len() {
        // The last scripted reply: stop accepting; this answer is still sent.
        shared.done.notify_one();
    }
    (
        StatusCode::from_u16(*status).expect("valid status"),
        [(header::CONTENT_TYPE, "application/json")],
        body.clone(),
    )
        .into_response()
}
