//! The HTTP client: validates, signs, sends with retries, and decodes.
//!
//! # Defaults
//!
//! | setting | default |
//! | --- | --- |
//! | connect timeout ([`ClientBuilder::connect_timeout`]) | 10 s ([`DEFAULT_CONNECT_TIMEOUT`]) |
//! | per-attempt timeout ([`ClientBuilder::timeout`]) | 30 s ([`DEFAULT_TIMEOUT`]) |
//! | total deadline across attempts ([`ClientBuilder::total_timeout`]) | none ([`DEFAULT_TOTAL_TIMEOUT`]) |
//! | tries in total ([`ClientBuilder::max_attempts`]) | 3 |
//! | redirects | never followed: a 3xx is [`ErrorKind::Redirect`] |
//! | largest answer read | 16 MiB ([`MAX_RESPONSE_BYTES`]) |
//!
//! What is retried depends on whether the operation is
//! [idempotent](crate::Operation::IDEMPOTENT); see [`RetryPolicy`].
//!
//! # TLS back ends
//!
//! Chosen with the crate's features, as reqwest users expect: `rustls` (the default:
//! rustls with the aws-lc-rs provider), `rustls-ring` (rustls with ring, which avoids the
//! aws-lc-sys C build), or `native-tls` (the platform's TLS library). To pick another, turn
//! off default features: `specbind-runtime = { version = "0.1", default-features = false,
//! features = ["rustls-ring"] }`. A user-provided HTTP client keeps its own TLS settings;
//! [`http_client_builder`] starts one with the chosen back end.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tokio::time::Instant;
use tracing::Instrument;
use tracing::field::Empty;

use crate::credentials::Credentials;
use crate::error::{Error, ErrorKind};
use crate::operation::{HttpMethod, Operation, Provider, ServiceInfo};
use crate::retry::{
    DEFAULT_BASE_DELAY, DEFAULT_MAX_ATTEMPTS, DEFAULT_MAX_DELAY, RateLimiter, RetryPolicy,
};
use crate::signing::{alibaba, random_nonce, tencent};
use crate::wire::{self, RawResponse};

/// The default time allowed to open a connection (for the client this crate builds).
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// The default time allowed for one attempt, from sending to the last byte of the answer.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// The default total deadline across all attempts of one call: none. A call then takes
/// at most about `max_attempts` × [`DEFAULT_TIMEOUT`] plus the backoff between tries;
/// set [`ClientBuilder::total_timeout`] to bound it.
pub const DEFAULT_TOTAL_TIMEOUT: Option<Duration> = None;
/// Answers larger than this are not read further and count as undecodable.
pub const MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;

/// The content type Tencent requests are sent with, and signed with.
const TENCENT_CONTENT_TYPE: &str = "application/json";

/// A configured connection to one service version. Cheap to clone: clones share one
/// connection pool, rate limiter and configuration.
#[derive(Clone, Debug)]
pub struct Client {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    service: &'static ServiceInfo,
    endpoint: reqwest::Url,
    /// The authority sent in `Host` and signed: host, plus `:port` when not the default.
    host: String,
    region: Option<String>,
    credentials: Credentials,
    http: reqwest::Client,
    retry: RetryPolicy,
    timeout: Duration,
    total_timeout: Option<Duration>,
    limiter: Option<RateLimiter>,
}

/// A request ready for the wire, minus the per-attempt parts (time, nonce, signature).
enum Prepared {
    /// Alibaba RPC.
    Alibaba {
        /// The operation's method ([`Operation::METHOD`]).
        method: HttpMethod,
        /// Unencoded query parameters.
        query: Vec<(String, String)>,
        /// The form-encoded body, when the operation has body parameters
        /// ([`Operation::BODY_PARAMS`]) and is not a `GET`; it may then be empty, as the
        /// vendor's SDKs send it.
        form: Option<Vec<u8>>,
    },
    /// Tencent: the JSON body.
    Tencent(Vec<u8>),
}

impl Client {
    /// Starts configuring a client for `service`.
    pub fn builder(service: &'static ServiceInfo) -> ClientBuilder<Client> {
        ClientBuilder::new(service)
    }

    /// The service this client talks to.
    pub fn service(&self) -> &'static ServiceInfo {
        self.inner.service
    }

    /// The endpoint requests go to.
    pub fn endpoint(&self) -> &str {
        self.inner.endpoint.as_str()
    }

    /// The configured region, if any.
    pub fn region(&self) -> Option<&str> {
        self.inner.region.as_deref()
    }

    /// Validates `request` (returning at once, with nothing sent, if it breaks a rule),
    /// then signs and sends it, retrying as the [`RetryPolicy`] allows for the operation
    /// (see [`Operation::IDEMPOTENT`]), and decodes the answer straight into the output
    /// type.
    ///
    /// Redirects are never followed: a 3xx answer is [`ErrorKind::Redirect`]. With a
    /// [total timeout](ClientBuilder::total_timeout), the call fails with
    /// [`ErrorKind::Timeout`] when it passes, and no retry is begun that the backoff
    /// would start after it.
    ///
    /// Each call runs in a `tracing` span `specbind.call` with the fields `service`,
    /// `operation`, `attempt`, `request_id` and `http_status`.
    pub async fn send<O: Operation>(&self, request: O) -> Result<O::Output, Error> {
        request.validate()?;
        self.send_validated(request).await
    }

    /// Like [`send`](Self::send), for a request the caller has just validated (as a
    /// generated builder's `send` does): it is not validated again.
    pub async fn send_validated<O: Operation>(&self, request: O) -> Result<O::Output, Error> {
        let prepared = self.prepare(&request)?;
        let span = tracing::info_span!(
            "specbind.call",
            service = self.inner.service.product,
            version = self.inner.service.version,
            operation = O::NAME,
            attempt = Empty,
            request_id = Empty,
            http_status = Empty,
        );
        // The retry loop is not generic: it is compiled once here, not once per
        // operation in every generated crate. Only serializing the request and
        // decoding the answer are per type.
        let provider = self.inner.service.provider;
        let mut output: Option<O::Output> = None;
        let mut decode = |raw: &RawResponse| -> Result<(), Error> {
            output = Some(wire::decode::<O::Output>(provider, raw)?);
            Ok(())
        };
        self.run(O::NAME, O::IDEMPOTENT, prepared, span.clone(), &mut decode)
            .instrument(span)
            .await?;
        output.ok_or_else(|| {
            Error::new(ErrorKind::Unsendable(
                "internal error: a call succeeded without an output".into(),
            ))
        })
    }

    fn prepare<O: Operation>(&self, request: &O) -> Result<Prepared, Error> {
        let unsendable = |why: String| Error::new(ErrorKind::Unsendable(why));
        let not_serialized = |e: serde_json::Error| {
            Error::new(ErrorKind::Unsendable(format!(
                "request did not serialize: {e}"
            )))
        };
        Ok(match self.inner.service.provider {
            Provider::Alibaba => {
                let value = serde_json::to_value(request).map_err(not_serialized)?;
                // A GET has no body: everything goes in the query.
                let has_body = O::METHOD != HttpMethod::Get && !O::BODY_PARAMS.is_empty();
                let body_params = if has_body { O::BODY_PARAMS } else { &[] };
                let (query, body) = alibaba::split_params(&value, body_params)
                    .map_err(|e| unsendable(e.to_string()))?;
                let form = has_body.then(|| {
                    alibaba::form_body(body.iter().map(|(k, v)| (k.as_str(), v.as_str())))
                        .into_bytes()
                });
                Prepared::Alibaba {
                    method: O::METHOD,
                    query: query.into_iter().collect(),
                    form,
                }
            }
            Provider::Tencent => {
                // Straight to bytes, with no `Value` in between.
                let mut body = serde_json::to_vec(request).map_err(not_serialized)?;
                // A request with no fields may serialize as null; Tencent wants `{}`.
                if body == b"null" {
                    body = b"{}".to_vec();
                }
                Prepared::Tencent(body)
            }
        })
    }

    /// The retry loop. `span` is passed in, not taken from `Span::current()`, so fields
    /// are recorded even under subscribers that do not track the current span.
    ///
    /// `decode` turns a successful answer into the caller's output (kept by the
    /// caller), or into the error that decides whether to retry.
    async fn run(
        &self,
        action: &str,
        idempotent: bool,
        prepared: Prepared,
        span: tracing::Span,
        decode: &mut (dyn FnMut(&RawResponse) -> Result<(), Error> + Send),
    ) -> Result<(), Error> {
        let policy = self.inner.retry;
        let total = self.inner.total_timeout;
        let deadline = total.map(|t| Instant::now() + t);
        let mut attempt = 1;
        loop {
            span.record("attempt", attempt);
            let once = async {
                let raw = self.attempt(action, &prepared).await?;
                span.record("http_status", raw.status);
                decode(&raw)
            };
            let result = match (deadline, total) {
                (Some(deadline), Some(total)) => {
                    match tokio::time::timeout_at(deadline, once).await {
                        Ok(result) => result,
                        Err(_) => {
                            let error = Error::new(ErrorKind::Timeout)
                                .with_source(DeadlineExceeded(total))
                                .with_attempts(attempt);
                            tracing::debug!(attempt, error = %error, "call failed");
                            return Err(error);
                        }
                    }
                }
                _ => once.await,
            };
            let error = match result {
                Ok(output) => {
                    tracing::debug!(attempt, "call succeeded");
                    return Ok(output);
                }
                Err(e) => e,
            };
            if let Some(id) = error.request_id() {
                span.record("request_id", id);
            }
            if attempt >= policy.max_attempts || !RetryPolicy::should_retry(&error, idempotent) {
                tracing::debug!(attempt, error = %error, "call failed");
                return Err(error.with_attempts(attempt));
            }
            let delay = policy.delay(attempt + 1, error.retry_after());
            if let Some(deadline) = deadline
                && Instant::now() + delay >= deadline
            {
                // Waiting would end past the deadline: report what went wrong now.
                tracing::debug!(attempt, error = %error, "call failed; no time left to retry");
                return Err(error.with_attempts(attempt));
            }
            tracing::debug!(attempt, error = %error, delay_ms = delay.as_millis() as u64, "attempt failed; retrying");
            tokio::time::sleep(delay).await;
            attempt += 1;
        }
    }

    /// One try: fresh time, nonce and signature; then read the whole (capped) answer.
    async fn attempt(&self, action: &str, prepared: &Prepared) -> Result<RawResponse, Error> {
        let inner = &*self.inner;
        if let Some(limiter) = &inner.limiter {
            limiter.acquire().await;
        }
        let builder = match prepared {
            Prepared::Alibaba {
                method,
                query,
                form,
            } => self.alibaba_request(action, *method, query, form.as_deref())?,
            Prepared::Tencent(body) => self.tencent_request(action, body),
        };
        let mut response = builder
            .timeout(inner.timeout)
            .send()
            .await
            .map_err(transport_error)?;
        let status = response.status().as_u16();
        let headers = response.headers();
        let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
        if response.status().is_redirection() || !self.same_endpoint(response.url()) {
            return Err(self.redirect_error(&response));
        }
        let header_request_id = header("x-acs-request-id")
            .or_else(|| header("x-tc-requestid"))
            .map(str::to_owned);
        let cap = crate::retry::MAX_RETRY_AFTER;
        let retry_after = wire::parse_retry_after(header("x-acs-retry-after"), cap).or_else(|| {
            wire::parse_http_retry_after(header("retry-after"), SystemTime::now(), cap)
        });
        // Reserve what the answer announces, within reason: the length is the server's word.
        let announced = response.content_length().unwrap_or(0).min(64 * 1024);
        let mut body = Vec::with_capacity(usize::try_from(announced).unwrap_or(0));
        loop {
            let chunk = match response.chunk().await {
                Ok(Some(chunk)) => chunk,
                Ok(None) => break,
                // The status line arrived; keep it, and what the headers said.
                Err(e) => {
                    return Err(transport_error(e).with_response(
                        status,
                        header_request_id,
                        retry_after,
                    ));
                }
            };
            if body.len() + chunk.len() > MAX_RESPONSE_BYTES {
                body.extend_from_slice(&chunk[..crate::error::BODY_SNIPPET_LIMIT.min(chunk.len())]);
                return Err(Error::undecodable(
                    status,
                    &body,
                    format!("body is larger than {MAX_RESPONSE_BYTES} bytes"),
                    header_request_id,
                ));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(RawResponse {
            status,
            header_request_id,
            retry_after,
            body,
        })
    }

    /// Whether `url`, where an answer came from, is the endpoint requests are sent to (a
    /// user-provided HTTP client may have followed a redirect elsewhere).
    fn same_endpoint(&self, url: &reqwest::Url) -> bool {
        let ours = &self.inner.endpoint;
        url.scheme() == ours.scheme()
            && url.host_str() == ours.host_str()
            && url.port_or_known_default() == ours.port_or_known_default()
            && url.path() == ours.path()
    }

    fn redirect_error(&self, response: &reqwest::Response) -> Error {
        let location = if response.status().is_redirection() {
            response
                .headers()
                .get("location")
                .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        } else {
            let mut url = response.url().clone();
            url.set_query(None);
            url.set_fragment(None);
            let _ = url.set_username("");
            let _ = url.set_password(None);
            Some(url.to_string())
        };
        let location = location.map(|mut l| {
            if l.len() > crate::error::BODY_SNIPPET_LIMIT {
                let mut cut = crate::error::BODY_SNIPPET_LIMIT;
                while !l.is_char_boundary(cut) {
                    cut -= 1;
                }
                l.truncate(cut);
            }
            l
        });
        Error::new(ErrorKind::Redirect {
            http_status: response.status().as_u16(),
            location,
        })
    }

    /// An Alibaba RPC request: `method` to `/` with the signed query and, when `form` is
    /// given, that body under [`alibaba::FORM_CONTENT_TYPE`] (signed too).
    fn alibaba_request(
        &self,
        action: &str,
        method: HttpMethod,
        params: &[(String, String)],
        form: Option<&[u8]>,
    ) -> Result<reqwest::RequestBuilder, Error> {
        let inner = &*self.inner;
        let nonce = random_nonce().map_err(|e| {
            Error::new(ErrorKind::Unsendable(format!(
                "no randomness for a nonce: {e}"
            )))
        })?;
        let date = alibaba::format_date(SystemTime::now());
        let payload: &[u8] = form.unwrap_or_default();
        let mut headers = alibaba::rpc_headers(
            &inner.host,
            action,
            inner.service.version,
            &date,
            &nonce,
            payload,
            inner.credentials.security_token(),
        );
        if form.is_some() {
            headers.push((
                "content-type".to_owned(),
                alibaba::FORM_CONTENT_TYPE.to_owned(),
            ));
        }
        let signature = alibaba::sign(&alibaba::SigningInput {
            method: method.as_str(),
            path: "/",
            query: params,
            headers: &headers,
            payload,
            access_key_id: inner.credentials.access_key_id(),
            access_key_secret: inner.credentials.secret(),
        });
        let mut url = inner.endpoint.clone();
        // The query sent is exactly the canonical query that was signed.
        let query = &signature.canonical_query_string;
        url.set_query((!query.is_empty()).then_some(query.as_str()));
        let mut builder = match method {
            HttpMethod::Get => inner.http.get(url),
            HttpMethod::Post => inner.http.post(url),
        };
        for (name, value) in &headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        builder = builder
            .header("authorization", signature.authorization)
            .header("accept", "application/json");
        Ok(match method {
            HttpMethod::Get => builder,
            HttpMethod::Post => builder.body(payload.to_vec()),
        })
    }

    fn tencent_request(&self, action: &str, body: &[u8]) -> reqwest::RequestBuilder {
        let inner = &*self.inner;
        let timestamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
            .unwrap_or(0);
        let signature = tencent::sign(&tencent::SigningInput {
            secret_id: inner.credentials.access_key_id(),
            secret_key: inner.credentials.secret(),
            service: inner.service.product,
            host: &inner.host,
            content_type: TENCENT_CONTENT_TYPE,
            payload: body,
            timestamp,
        });
        let mut builder = inner
            .http
            .post(inner.endpoint.clone())
            .header("content-type", TENCENT_CONTENT_TYPE)
            .header("host", inner.host.as_str())
            .header("x-tc-action", action)
            .header("x-tc-version", inner.service.version)
            .header("x-tc-timestamp", timestamp.to_string());
        if let Some(region) = &inner.region {
            builder = builder.header("x-tc-region", region.as_str());
        }
        if let Some(token) = inner.credentials.security_token() {
            builder = builder.header("x-tc-token", token);
        }
        builder
            .header("authorization", signature.authorization)
            .body(body.to_vec())
    }
}

/// A transport failure, without the request URL: for Alibaba its query string holds
/// every parameter of the request.
fn transport_error(e: reqwest::Error) -> Error {
    let kind = if e.is_timeout() {
        ErrorKind::Timeout
    } else {
        ErrorKind::Transport
    };
    Error::new(kind).with_source(e.without_url())
}

/// The source of the [`ErrorKind::Timeout`] a call's total deadline gives.
#[derive(Debug)]
struct DeadlineExceeded(Duration);

impl fmt::Display for DeadlineExceeded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the total deadline of {:?} across attempts passed",
            self.0
        )
    }
}

impl std::error::Error for DeadlineExceeded {}

/// Where the credentials come from.
#[derive(Debug, Clone)]
enum CredentialSource {
    Unset,
    Static(Credentials),
    Env,
}

/// Configures a [`Client`] and builds it, or the generated service client `C` that wraps
/// one (generated code writes `pub type ClientBuilder = specbind_runtime::ClientBuilder<Client>;`).
pub struct ClientBuilder<C> {
    service: &'static ServiceInfo,
    credentials: CredentialSource,
    security_token: Option<String>,
    endpoint: Option<String>,
    region: Option<String>,
    max_attempts: u32,
    connect_timeout: Option<Duration>,
    timeout: Duration,
    total_timeout: Option<Duration>,
    http_client: Option<reqwest::Client>,
    rate_limit: Option<u32>,
    retry_base_delay: Duration,
    max_retry_delay: Duration,
    _client: PhantomData<fn() -> C>,
}

impl<C> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("service", &self.service.product)
            .field("credentials", &self.credentials)
            .field(
                "security_token",
                &self.security_token.as_ref().map(|_| "***"),
            )
            .field("endpoint", &self.endpoint)
            .field("region", &self.region)
            .field("max_attempts", &self.max_attempts)
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("total_timeout", &self.total_timeout)
            .field("http_client", &self.http_client.is_some())
            .field("rate_limit", &self.rate_limit)
            .field("retry_base_delay", &self.retry_base_delay)
            .field("max_retry_delay", &self.max_retry_delay)
            .finish()
    }
}

impl<C: From<Client>> ClientBuilder<C> {
    /// Starts with the service's defaults: no credentials, the default endpoint, 3 tries,
    /// a 10 s connect timeout, a 30 s per-attempt timeout, no total deadline, 100 ms base
    /// backoff, and no client-side rate limit.
    pub fn new(service: &'static ServiceInfo) -> Self {
        ClientBuilder {
            service,
            credentials: CredentialSource::Unset,
            security_token: None,
            endpoint: None,
            region: None,
            max_attempts: DEFAULT_MAX_ATTEMPTS,
            connect_timeout: None,
            timeout: DEFAULT_TIMEOUT,
            total_timeout: DEFAULT_TOTAL_TIMEOUT,
            http_client: None,
            rate_limit: None,
            retry_base_delay: DEFAULT_BASE_DELAY,
            max_retry_delay: DEFAULT_MAX_DELAY,
            _client: PhantomData,
        }
    }

    /// Static credentials: the access key id (Tencent: SecretId) and secret (SecretKey).
    /// Replaces any earlier credentials choice.
    pub fn credentials(self, id: impl Into<String>, secret: impl Into<String>) -> Self {
        self.credentials_provider(Credentials::new(id, secret))
    }

    /// A session token (Alibaba STS security token / Tencent session token), sent with
    /// whichever credentials are chosen; overrides a token they carry.
    pub fn security_token(mut self, token: impl Into<String>) -> Self {
        self.security_token = Some(token.into());
        self
    }

    /// Ready-made credentials. Replaces any earlier credentials choice.
    pub fn credentials_provider(mut self, credentials: Credentials) -> Self {
        self.credentials = CredentialSource::Static(credentials);
        self
    }

    /// Reads the provider's environment variables when [`build`](Self::build) runs (see
    /// [`Credentials::from_env`]). Replaces any earlier credentials choice.
    pub fn from_env(mut self) -> Self {
        self.credentials = CredentialSource::Env;
        self
    }

    /// Sends requests to `url` instead of the service's endpoint, e.g.
    /// `http://127.0.0.1:8080`. The signed `Host` then includes the port.
    pub fn endpoint(mut self, url: impl Into<String>) -> Self {
        self.endpoint = Some(url.into());
        self
    }

    /// The region. Alibaba: selects the regional endpoint unless an endpoint is set.
    /// Tencent: sent as `X-TC-Region`.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Tries in total per call, including the first; default 3, at least 1.
    pub fn max_attempts(mut self, n: u32) -> Self {
        self.max_attempts = n.max(1);
        self
    }

    /// Time allowed to open a connection; default 10 s. Cannot be combined with
    /// [`http_client`](Self::http_client) (configure that client instead).
    pub fn connect_timeout(mut self, d: Duration) -> Self {
        self.connect_timeout = Some(d);
        self
    }

    /// Time allowed for one attempt, from sending until the answer's last byte; default
    /// 30 s. Applies to a user-provided HTTP client too.
    pub fn timeout(mut self, d: Duration) -> Self {
        self.timeout = d;
        self
    }

    /// A deadline for a whole call, across all its attempts and the waits between them;
    /// default none (see [`DEFAULT_TOTAL_TIMEOUT`]). When it passes, the call fails with
    /// [`ErrorKind::Timeout`]; a retry whose backoff would end after it is not begun, and
    /// the last attempt's error is returned instead.
    pub fn total_timeout(mut self, d: Duration) -> Self {
        self.total_timeout = Some(d);
        self
    }

    /// Uses this HTTP client (its proxy, TLS and pool settings) instead of building one.
    ///
    /// Build it from [`http_client_builder`], or at least with
    /// `.redirect(reqwest::redirect::Policy::none())`: the client this crate builds never
    /// follows redirects, so that a signed request, its body and any
    /// session token reach only the configured endpoint. A 3xx answer is
    /// [`ErrorKind::Redirect`] either way, and so is an answer a redirect-following
    /// client fetched from anywhere else, but by then the request has been sent there.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self
    }

    /// A client-side limit of calls per second across all clones of the client (attempts
    /// count, retries included); `None`, the default, turns it off.
    pub fn rate_limit(mut self, per_second: Option<u32>) -> Self {
        self.rate_limit = per_second;
        self
    }

    /// Turns on the client-side limit at the rate the spec documents
    /// ([`ServiceInfo::rate_limit_per_second`]), if it documents one.
    pub fn documented_rate_limit(mut self) -> Self {
        self.rate_limit = self.service.rate_limit_per_second;
        self
    }

    /// The backoff before the first retry (default 100 ms); it doubles per retry.
    pub fn retry_base_delay(mut self, d: Duration) -> Self {
        self.retry_base_delay = d;
        self
    }

    /// The cap on the backoff between tries (default 20 s).
    pub fn max_retry_delay(mut self, d: Duration) -> Self {
        self.max_retry_delay = d;
        self
    }

    /// Checks the configuration and builds the client.
    pub fn build(self) -> Result<C, BuildError> {
        let service = self.service;
        let mut credentials = match self.credentials {
            CredentialSource::Unset => return Err(BuildError::MissingCredentials(None)),
            CredentialSource::Static(c) => c,
            CredentialSource::Env => Credentials::from_env(service.provider)
                .map_err(|e| BuildError::MissingCredentials(Some(e)))?,
        };
        if let Some(token) = self.security_token {
            credentials = credentials.with_security_token(token);
        }
        if credentials.access_key_id().trim().is_empty() || credentials.secret().is_empty() {
            return Err(BuildError::InvalidSetting(
                "the access key id and secret must not be empty".into(),
            ));
        }
        if let Some(region) = &self.region
            && (region.is_empty() || !region.bytes().all(|b| b.is_ascii_graphic()))
        {
            return Err(BuildError::InvalidSetting(format!(
                "region {region:?} must be non-empty visible ASCII"
            )));
        }
        if self.rate_limit == Some(0) {
            return Err(BuildError::InvalidSetting(
                "rate limit must be at least 1 per second".into(),
            ));
        }
        if self.timeout.is_zero() || self.total_timeout.is_some_and(|t| t.is_zero()) {
            return Err(BuildError::InvalidSetting(
                "timeouts must be positive".into(),
            ));
        }

        let endpoint = match (&self.endpoint, &self.region, service.regional_endpoint) {
            (Some(url), _, _) => url.clone(),
            (None, Some(region), Some(template)) if service.provider == Provider::Alibaba => {
                template.replace("{region}", region)
            }
            _ => service.default_endpoint.to_owned(),
        };
        let (endpoint, host) = parse_endpoint(&endpoint)?;

        let http = match (self.http_client, self.connect_timeout) {
            (Some(_), Some(_)) => {
                return Err(BuildError::InvalidSetting(
                    "connect_timeout cannot be applied to a user-provided http_client; set it on that client".into(),
                ));
            }
            (Some(client), None) => client,
            (None, connect) => http_client_builder()?
                .connect_timeout(connect.unwrap_or(DEFAULT_CONNECT_TIMEOUT))
                .build()
                .map_err(BuildError::Http)?,
        };

        let client = Client {
            inner: Arc::new(Inner {
                service,
                endpoint,
                host,
                region: self.region,
                credentials,
                http,
                retry: RetryPolicy {
                    max_attempts: self.max_attempts,
                    base_delay: self.retry_base_delay,
                    max_delay: self.max_retry_delay,
                },
                timeout: self.timeout,
                total_timeout: self.total_timeout,
                limiter: self.rate_limit.map(RateLimiter::new),
            }),
        };
        Ok(C::from(client))
    }
}

/// A `reqwest::ClientBuilder` set up as the one a [`ClientBuilder`] builds for itself: the
/// TLS back end the crate features chose, redirects never followed, and a
/// [`DEFAULT_CONNECT_TIMEOUT`] connect timeout. Start from it to give
/// [`ClientBuilder::http_client`] a client with your own proxy, pool or TLS roots.
///
/// With the `rustls-ring` feature, `reqwest::Client::new()` and a plain
/// `reqwest::Client::builder()` panic unless a process-wide rustls crypto provider was
/// installed; this builder needs none.
pub fn http_client_builder() -> Result<reqwest::ClientBuilder, BuildError> {
    Ok(tls_backend(reqwest::Client::builder())?
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(DEFAULT_CONNECT_TIMEOUT))
}

/// Selects the TLS back end the crate features ask for. With several enabled (feature
/// unification), `native-tls` wins, then `rustls-ring`, then `rustls`; with none, the
/// client can speak only plain HTTP.
#[allow(clippy::unnecessary_wraps)]
fn tls_backend(builder: reqwest::ClientBuilder) -> Result<reqwest::ClientBuilder, BuildError> {
    #[cfg(feature = "native-tls")]
    let builder = builder.tls_backend_native();

    #[cfg(all(feature = "rustls-ring", not(feature = "native-tls")))]
    let builder = {
        // reqwest's `rustls-no-provider` leaves the choice of crypto to us. A ready-made
        // configuration, rather than installing a process-wide default provider, keeps
        // the choice to this client; the verifier is the platform's, as reqwest's own.
        let tls = |e: rustls::Error| BuildError::Tls(e.to_string());
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let verifier = rustls_platform_verifier::Verifier::new(provider.clone()).map_err(tls)?;
        let config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(tls)?
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(verifier))
            .with_no_client_auth();
        builder.tls_backend_preconfigured(config)
    };

    #[cfg(all(
        feature = "rustls",
        not(feature = "rustls-ring"),
        not(feature = "native-tls")
    ))]
    let builder = builder.tls_backend_rustls();

    Ok(builder)
}

/// Parses and checks an endpoint; returns it with path `/` and the authority to sign.
fn parse_endpoint(raw: &str) -> Result<(reqwest::Url, String), BuildError> {
    let bad = |reason: &str| BuildError::InvalidEndpoint {
        endpoint: raw.to_owned(),
        reason: reason.to_owned(),
    };
    let url = reqwest::Url::parse(raw).map_err(|e| bad(&e.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(bad("the scheme must be http or https"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(bad("user information is not allowed"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(bad("a query or fragment is not allowed"));
    }
    if url.path() != "/" {
        return Err(bad("a path is not allowed; these APIs are served at /"));
    }
    let Some(host) = url.host_str() else {
        return Err(bad("there is no host"));
    };
    // `Url::port` is None for the scheme's default port, which is then left out of Host.
    let authority = match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_owned(),
    };
    Ok((url, authority))
}

/// Why a [`ClientBuilder`] could not build a client. Never includes a secret.
#[derive(Debug)]
#[non_exhaustive]
pub enum BuildError {
    /// No credentials were configured, or the environment lacked them.
    MissingCredentials(Option<crate::credentials::MissingCredentials>),
    /// The endpoint URL is not usable.
    InvalidEndpoint {
        /// The endpoint as given.
        endpoint: String,
        /// What is wrong with it.
        reason: String,
    },
    /// Some other setting is out of range.
    InvalidSetting(String),
    /// The TLS back end selected by the crate features could not be set up.
    Tls(String),
    /// The HTTP client could not be built.
    Http(reqwest::Error),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::MissingCredentials(None) => f.write_str(
                "no credentials configured: call credentials(..), credentials_provider(..) or from_env()",
            ),
            BuildError::MissingCredentials(Some(e)) => e.fmt(f),
            BuildError::InvalidEndpoint { endpoint, reason } => {
                write!(f, "invalid endpoint {endpoint:?}: {reason}")
            }
            BuildError::InvalidSetting(why) => write!(f, "invalid client setting: {why}"),
            BuildError::Tls(why) => write!(f, "could not set up TLS: {why}"),
            BuildError::Http(e) => write!(f, "could not build the HTTP client: {e}"),
        }
    }
}

impl std::error::Error for BuildError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BuildError::MissingCredentials(Some(e)) => Some(e),
            BuildError::Http(e) => Some(e),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoint_authority_keeps_only_non_default_ports() {
        let host = |u: &str| parse_endpoint(u).map(|(_, h)| h);
        assert_eq!(host("http://127.0.0.1:8080").unwrap(), "127.0.0.1:8080");
        assert_eq!(
            host("https://cloudsso.cn-shanghai.aliyuncs.com").unwrap(),
            "cloudsso.cn-shanghai.aliyuncs.com"
        );
        assert_eq!(host("https://example.com:443/").unwrap(), "example.com");
        assert_eq!(host("http://[::1]:9000").unwrap(), "[::1]:9000");
        for bad in [
            "ftp://x",
            "not a url",
            "http://x/api",
            "http://u:p@x",
            "http://x/?a=b",
        ] {
            assert!(host(bad).is_err(), "{bad}");
        }
    }
}
