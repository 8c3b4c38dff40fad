//! The contract between generated code and the runtime: static facts about a service
//! version, and the traits every generated request type implements.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::ValidationError;

/// Which cloud vendor's wire protocol a service speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Provider {
    /// Alibaba Cloud: RPC style, ACS3-HMAC-SHA256 signing, parameters in the query string.
    Alibaba,
    /// Tencent Cloud: API 3.0, TC3-HMAC-SHA256 signing, a JSON body and a
    /// `{"Response": {...}}` envelope.
    Tencent,
}

impl Provider {
    /// The vendor's name, for messages and tracing.
    pub fn as_str(self) -> &'static str {
        match self {
            Provider::Alibaba => "alibaba",
            Provider::Tencent => "tencent",
        }
    }
}

/// Static facts about one service version, emitted as a `static` by the generator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceInfo {
    /// The vendor whose wire protocol the service speaks.
    pub provider: Provider,
    /// The product code, e.g. `cloudsso` or `organization`. For Tencent this is also the
    /// service name in the TC3 credential scope.
    pub product: &'static str,
    /// The API version sent with every request, e.g. `2021-05-15`.
    pub version: &'static str,
    /// The endpoint used when neither an endpoint nor (for Alibaba) a region is configured,
    /// e.g. `https://cloudsso.cn-shanghai.aliyuncs.com`.
    pub default_endpoint: &'static str,
    /// A template with a `{region}` placeholder, e.g. `https://cloudsso.{region}.aliyuncs.com`;
    /// used for Alibaba when a region is set and no endpoint is. `None` for Tencent, where
    /// the region travels in the `X-TC-Region` header instead.
    pub regional_endpoint: Option<&'static str>,
    /// The documented per-second request limit, if the spec states one. The client applies
    /// it only when asked to (see [`ClientBuilder::documented_rate_limit`](crate::ClientBuilder::documented_rate_limit)).
    pub rate_limit_per_second: Option<u32>,
}

/// The HTTP method an operation is sent with (Alibaba RPC operations name theirs; Tencent
/// API 3.0 always posts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum HttpMethod {
    /// `GET`: every parameter in the query string.
    Get,
    /// `POST` (the default).
    #[default]
    Post,
}

impl HttpMethod {
    /// `GET` or `POST`.
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
        }
    }
}

/// Implemented by each generated request type.
///
/// The request serializes with serde using wire names; `None` fields are skipped, enums
/// serialize as their wire strings, integers as JSON numbers, and nested objects and lists
/// as JSON. The runtime turns that value into the provider's wire form.
pub trait Operation: Serialize + Clone + Send + Sync + 'static {
    /// The wire action name, e.g. `ListTasks`.
    const NAME: &'static str;
    /// The spec marks this operation as a read or as idempotent: timeouts, 5xx answers
    /// and transport errors after the request was sent may be retried. Otherwise only
    /// failures where the service cannot have acted on the request are retried.
    const IDEMPOTENT: bool = false;
    /// The HTTP method (Alibaba; Tencent always posts).
    const METHOD: HttpMethod = HttpMethod::Post;
    /// Wire names of the parameters sent form-encoded in the request body rather than in
    /// the query string (Alibaba `in: body`/`formData`).
    const BODY_PARAMS: &'static [&'static str] = &[];
    /// The generated client type of the service this operation belongs to, so that a
    /// client's `send` accepts only its own service's requests.
    type Service: 'static;
    /// The response type. It deserializes from the inner object: for Tencent the runtime
    /// strips the `{"Response": {...}}` envelope first; for Alibaba the body is the object.
    type Output: DeserializeOwned + Send + 'static;
    /// Checks every constraint the spec states, against the system clock.
    fn validate(&self) -> Result<(), ValidationError>;
}

/// Implemented by generated requests of paged operations.
pub trait Paginated: Operation {
    /// One element of a page.
    type Item: Send + 'static;
    /// Sets the token that asks for the next page (`NextToken` on the wire).
    fn set_page_token(&mut self, token: Option<String>);
    /// The token this request carries, if the caller set one (the first page's).
    fn request_page_token(&self) -> Option<&str>;
    /// The token the response gives for the next page, if any.
    fn page_token(output: &Self::Output) -> Option<&str>;
    /// The response's `IsTruncated` flag, if the operation has one.
    fn is_truncated(output: &Self::Output) -> Option<bool>;
    /// Takes the page's items out of the response.
    fn into_items(output: Self::Output) -> Vec<Self::Item>;
    /// Pages are addressed by `Offset` rather than by a token: the paginator asks
    /// [`next_offset`](Self::next_offset) and passes the answer to
    /// [`set_page_token`](Self::set_page_token).
    const OFFSET_PAGING: bool = false;
    /// Offset paging: the offset of the next page as text, or `None` when the listing
    /// is done (see [`crate::paginate::next_offset`]).
    fn next_offset(&self, _output: &Self::Output) -> Option<String> {
        None
    }
}
