//! Streams over paged listings that follow `NextToken` and cannot loop forever.

use std::collections::HashSet;

use futures::stream::{self, Stream, StreamExt};

use crate::ValidationError;
use crate::client::Client;
use crate::error::{Error, ErrorKind};
use crate::operation::Paginated;

/// Pages through a listing: the first request goes with the caller's token; each next
/// one carries the `NextToken` of the answer before. It stops when `IsTruncated` is
/// `false` or no (or an empty) token comes back. A token seen before ends the stream with
/// [`ErrorKind::RepeatedPageToken`], and any error ends it after being yielded.
#[derive(Debug)]
pub struct Paginator<O: Paginated> {
    client: Client,
    request: Result<O, ValidationError>,
}

enum State<O> {
    Next(Client, O, HashSet<String>),
    Fail(Error),
    Done,
}

impl<O: Paginated> Paginator<O> {
    /// A paginator for `request`. An invalid request (`Err`) becomes the stream's only item.
    pub fn new(client: Client, request: Result<O, ValidationError>) -> Self {
        Paginator { client, request }
    }

    /// Each page's whole response, in order.
    pub fn pages(self) -> impl Stream<Item = Result<O::Output, Error>> + Send + 'static {
        let start = match self.request {
            Ok(request) => {
                let mut seen = HashSet::new();
                if let Ok(Some(token)) = serde_json::to_value(&request).map(|v| {
                    v.get("NextToken")
                        .and_then(|t| t.as_str())
                        .map(str::to_owned)
                }) && !token.is_empty()
                {
                    seen.insert(token);
                }
                State::Next(self.client, request, seen)
            }
            Err(e) => State::Fail(e.into()),
        };
        stream::unfold(start, |state| async move {
            match state {
                State::Done => None,
                State::Fail(e) => Some((Err(e), State::Done)),
                State::Next(client, mut request, mut seen) => {
                    let output = match client.send(request.clone()).await {
                        Ok(output) => output,
                        Err(e) => return Some((Err(e), State::Done)),
                    };
                    let token = O::page_token(&output)
                        .filter(|t| !t.is_empty())
                        .map(str::to_owned);
                    let next = match (O::is_truncated(&output), token) {
                        (Some(false), _) | (_, None) => State::Done,
                        (_, Some(token)) if seen.contains(&token) => {
                            State::Fail(Error::new(ErrorKind::RepeatedPageToken(token)))
                        }
                        (_, Some(token)) => {
                            seen.insert(token.clone());
                            request.set_page_token(Some(token));
                            State::Next(client, request, seen)
                        }
                    };
                    Some((Ok(output), next))
                }
            }
        })
    }

    /// Every item of every page, in order.
    pub fn items(self) -> impl Stream<Item = Result<O::Item, Error>> + Send + 'static {
        self.pages().flat_map(|page| {
            let items: Vec<Result<O::Item, Error>> = match page {
                Ok(output) => O::into_items(output).into_iter().map(Ok).collect(),
                Err(e) => vec![Err(e)],
            };
            stream::iter(items)
        })
    }
}
