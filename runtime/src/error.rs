//! The one error type every call returns, with the service's metadata when there is some.

use std::fmt;
use std::time::Duration;

use crate::ValidationError;

type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// How many bytes of an undecodable body an [`Error`] keeps.
pub const BODY_SNIPPET_LIMIT: usize = 512;

/// What the service said when it refused a call.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ServiceError {
    /// The error code, e.g. `Throttling.User` or `InvalidParameter.PrincipalId`.
    pub code: String,
    /// The human-readable message, if one was given.
    pub message: Option<String>,
    /// The request id, for support tickets.
    pub request_id: Option<String>,
    /// The HTTP status (Tencent reports errors with 200).
    pub http_status: u16,
    /// Alibaba's `Recommend`: a link to its diagnosis page.
    pub recommend: Option<String>,
    /// Alibaba's `HostId`: the endpoint host that answered.
    pub host_id: Option<String>,
    /// How long the service asked the client to wait (Alibaba's `x-acs-retry-after`, or
    /// the standard `Retry-After`), already capped at
    /// [`MAX_RETRY_AFTER`](crate::retry::MAX_RETRY_AFTER).
    pub retry_after: Option<Duration>,
}

/// What went wrong, for callers who want to match on it.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The request broke a rule the spec states; nothing was sent.
    InvalidRequest(ValidationError),
    /// The request could not be put on the wire (it did not serialize to an object, the
    /// OS had no randomness for a nonce, ...); nothing was sent.
    Unsendable(String),
    /// The service refused the call with an error code.
    Service(ServiceError),
    /// The service refused the call because of rate limiting (a throttling code, or HTTP
    /// 429 with or without the vendor's error body); retried up to the limit.
    Throttled(ServiceError),
    /// The request did not reach the service or its answer did not come back whole. When
    /// the answer was cut short, [`Error::http_status`] still gives its status.
    Transport,
    /// An attempt took longer than the per-attempt timeout, or the call as a whole ran
    /// past the total deadline ([`ClientBuilder::total_timeout`](crate::ClientBuilder::total_timeout)).
    Timeout,
    /// The answer was a redirect (HTTP 3xx). Cloud API calls never follow redirects:
    /// the signed request, its body and any session token go only to the configured
    /// endpoint. Not retried.
    ///
    /// With a user-provided HTTP client that follows redirects itself, the answer that
    /// came back from another URL is discarded and reported as this error, with the
    /// final answer's status and URL (without its query).
    Redirect {
        /// The HTTP status of the answer.
        http_status: u16,
        /// The `Location` it pointed to (at most [`BODY_SNIPPET_LIMIT`] bytes), if any.
        location: Option<String>,
    },
    /// The answer was not what the protocol promises: not JSON, truncated, wrong types,
    /// too large, or a non-2xx status without an error code.
    Undecodable {
        /// The HTTP status of the answer.
        http_status: u16,
        /// The first bytes of the body (at most [`BODY_SNIPPET_LIMIT`]), lossily decoded.
        body_snippet: String,
        /// Why it could not be decoded.
        reason: String,
        /// The request id from a response header, if one was there.
        request_id: Option<String>,
    },
    /// A paged listing returned a token it had returned before; stopping avoids a loop.
    RepeatedPageToken(String),
    /// A paged listing said `IsTruncated: true` but gave no token for the next page, so
    /// the remaining pages cannot be asked for.
    MissingPageToken,
    /// A paged listing reached the limit set with
    /// [`Paginator::max_pages`](crate::Paginator::max_pages) while the service still had
    /// more pages. Every page up to the limit was yielded before this error.
    PageLimit {
        /// The limit that was reached.
        pages: usize,
        /// The token that asks for the next page; set it on the request to continue.
        next_token: String,
    },
}

/// The error every call returns.
///
/// `Display` includes the code, message and request id when there are some; it never
/// includes credentials. The details are boxed so `Result<T, Error>` stays small.
#[derive(Debug)]
pub struct Error(Box<Inner>);

#[derive(Debug)]
struct Inner {
    kind: ErrorKind,
    source: Option<BoxError>,
    attempts: u32,
    /// The answer's status and request id when the kind has no place for them (a body
    /// cut short is a transport error, but the status line had arrived).
    http_status: Option<u16>,
    request_id: Option<String>,
    /// A wait the answer asked for, when it was not a service error (e.g. a 503 page
    /// with `Retry-After`).
    retry_after: Option<Duration>,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind) -> Self {
        Error(Box::new(Inner {
            kind,
            source: None,
            attempts: 0,
            http_status: None,
            request_id: None,
            retry_after: None,
        }))
    }

    /// Records what is known of the answer, for kinds that do not carry it themselves.
    pub(crate) fn with_response(
        mut self,
        http_status: u16,
        request_id: Option<String>,
        retry_after: Option<Duration>,
    ) -> Self {
        self.0.http_status = Some(http_status);
        self.0.request_id = request_id;
        self.0.retry_after = retry_after;
        self
    }

    pub(crate) fn with_source(mut self, source: impl Into<BoxError>) -> Self {
        self.0.source = Some(source.into());
        self
    }

    pub(crate) fn with_attempts(mut self, attempts: u32) -> Self {
        self.0.attempts = attempts;
        self
    }

    pub(crate) fn undecodable(
        http_status: u16,
        body: &[u8],
        reason: impl Into<String>,
        request_id: Option<String>,
    ) -> Self {
        let cut = body.len().min(BODY_SNIPPET_LIMIT);
        Error::new(ErrorKind::Undecodable {
            http_status,
            body_snippet: String::from_utf8_lossy(&body[..cut]).into_owned(),
            reason: reason.into(),
            request_id,
        })
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.0.kind
    }

    /// The service's details, for service and throttling errors.
    pub fn service_error(&self) -> Option<&ServiceError> {
        match &self.0.kind {
            ErrorKind::Service(e) | ErrorKind::Throttled(e) => Some(e),
            _ => None,
        }
    }

    /// The service's error code, e.g. `Throttling.User`.
    pub fn code(&self) -> Option<&str> {
        self.service_error().map(|e| e.code.as_str())
    }

    /// The service's error message.
    pub fn message(&self) -> Option<&str> {
        self.service_error().and_then(|e| e.message.as_deref())
    }

    /// The request id the service gave, if the answer carried one.
    pub fn request_id(&self) -> Option<&str> {
        match &self.0.kind {
            ErrorKind::Service(e) | ErrorKind::Throttled(e) => e.request_id.as_deref(),
            ErrorKind::Undecodable { request_id, .. } => request_id.as_deref(),
            _ => self.0.request_id.as_deref(),
        }
    }

    /// The HTTP status of the answer, if one arrived (also for a redirect, and for an
    /// answer whose body was cut short).
    pub fn http_status(&self) -> Option<u16> {
        match &self.0.kind {
            ErrorKind::Service(e) | ErrorKind::Throttled(e) => Some(e.http_status),
            ErrorKind::Undecodable { http_status, .. }
            | ErrorKind::Redirect { http_status, .. } => Some(*http_status),
            _ => self.0.http_status,
        }
    }

    /// How long the answer asked the client to wait before trying again
    /// (`x-acs-retry-after` or `Retry-After`, capped), if it did.
    pub fn retry_after(&self) -> Option<Duration> {
        self.service_error()
            .and_then(|e| e.retry_after)
            .or(self.0.retry_after)
    }

    /// Alibaba's `Recommend` link.
    pub fn recommend(&self) -> Option<&str> {
        self.service_error().and_then(|e| e.recommend.as_deref())
    }

    /// Alibaba's `HostId`.
    pub fn host_id(&self) -> Option<&str> {
        self.service_error().and_then(|e| e.host_id.as_deref())
    }

    /// Whether the request was refused before anything was sent because it broke a rule.
    pub fn is_validation(&self) -> bool {
        matches!(self.0.kind, ErrorKind::InvalidRequest(_))
    }

    /// The validation problems, for an invalid request.
    pub fn validation_error(&self) -> Option<&ValidationError> {
        match &self.0.kind {
            ErrorKind::InvalidRequest(e) => Some(e),
            _ => None,
        }
    }

    /// Whether the service refused the call because of rate limiting.
    pub fn is_throttling(&self) -> bool {
        matches!(self.0.kind, ErrorKind::Throttled(_))
    }

    /// Whether an attempt timed out, or the total deadline passed.
    pub fn is_timeout(&self) -> bool {
        matches!(self.0.kind, ErrorKind::Timeout)
    }

    /// How many attempts were made before this error was returned (0 when nothing was sent).
    pub fn attempts(&self) -> u32 {
        self.0.attempts
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0.kind {
            ErrorKind::InvalidRequest(e) => write!(f, "invalid request: {e}")?,
            ErrorKind::Unsendable(why) => write!(f, "request could not be sent: {why}")?,
            ErrorKind::Service(e) | ErrorKind::Throttled(e) => {
                let what = if self.is_throttling() {
                    "throttled"
                } else {
                    "service error"
                };
                write!(f, "{what} {} (HTTP {})", e.code, e.http_status)?;
                if let Some(m) = &e.message {
                    write!(f, ": {m}")?;
                }
                if let Some(id) = &e.request_id {
                    write!(f, " [request id {id}]")?;
                }
                if let Some(r) = &e.recommend {
                    write!(f, " (see {r})")?;
                }
            }
            ErrorKind::Transport => {
                f.write_str("transport error")?;
                if let Some(status) = self.0.http_status {
                    write!(f, " (HTTP {status})")?;
                }
            }
            ErrorKind::Timeout => f.write_str("request timed out")?,
            ErrorKind::Redirect {
                http_status,
                location,
            } => {
                write!(
                    f,
                    "the service answered with a redirect (HTTP {http_status})"
                )?;
                if let Some(l) = location {
                    write!(f, " to {l:?}")?;
                }
                f.write_str("; redirects are not followed")?;
            }
            ErrorKind::Undecodable {
                http_status,
                body_snippet,
                reason,
                request_id,
            } => {
                write!(f, "undecodable response (HTTP {http_status}): {reason}")?;
                if let Some(id) = request_id {
                    write!(f, " [request id {id}]")?;
                }
                let short: String = body_snippet.chars().take(120).collect();
                write!(f, "; body starts {short:?}")?;
            }
            ErrorKind::RepeatedPageToken(token) => write!(
                f,
                "pagination stopped: the service returned page token {token:?} a second time"
            )?,
            ErrorKind::MissingPageToken => f.write_str(
                "pagination stopped: the service said more pages exist but gave no next token",
            )?,
            ErrorKind::PageLimit { pages, next_token } => write!(
                f,
                "pagination stopped at the limit of {pages} pages; more exist (next token {next_token:?})"
            )?,
        }
        if let Some(source) = &self.0.source {
            write!(f, ": {source}")?;
        }
        if self.0.attempts > 1 {
            write!(f, " (after {} attempts)", self.0.attempts)?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.0.kind {
            ErrorKind::InvalidRequest(e) => Some(e),
            _ => self
                .0
                .source
                .as_deref()
                .map(|e| e as &(dyn std::error::Error + 'static)),
        }
    }
}

impl From<ValidationError> for Error {
    fn from(e: ValidationError) -> Self {
        Error::new(ErrorKind::InvalidRequest(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync + 'static>() {}

    #[test]
    fn error_is_send_sync_static() {
        assert_send_sync::<Error>();
    }

    #[test]
    fn undecodable_keeps_status_and_at_most_512_bytes() {
        let body = vec![b'x'; 10_000];
        let e = Error::undecodable(502, &body, "not JSON", None);
        assert_eq!(e.http_status(), Some(502));
        match e.kind() {
            ErrorKind::Undecodable { body_snippet, .. } => {
                assert_eq!(body_snippet.len(), BODY_SNIPPET_LIMIT)
            }
            other => panic!("{other:?}"),
        }
    }
}
