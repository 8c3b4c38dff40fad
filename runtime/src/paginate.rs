//! Streams over paged listings that follow `NextToken` and cannot loop forever.

use std::collections::HashSet;

use futures::stream::{self, BoxStream, StreamExt};

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

    /// Each page's whole response, in order. The stream is `Unpin`, so
    /// `StreamExt::next` works on it directly.
    pub fn pages(self) -> BoxStream<'static, Result<O::Output, Error>> {
        let start = match self.request {
            Ok(request) => {
                let mut seen = HashSet::new();
                if let Some(token) = request.request_page_token().filter(|t| !t.is_empty()) {
                    seen.insert(token.to_owned());
                }
                State::Next(self.client, request, seen)
            }
            Err(e) => State::Fail(e.into()),
        };
        Box::pin(stream::unfold(start, |state| async move {
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
        }))
    }

    /// Every item of every page, in order. The stream is `Unpin`.
    pub fn items(self) -> BoxStream<'static, Result<O::Item, Error>> {
        Box::pin(self.pages().flat_map(|page| {
            let items: Vec<Result<O::Item, Error>> = match page {
                Ok(output) => O::into_items(output).into_iter().map(Ok).collect(),
                Err(e) => vec![Err(e)],
            };
            stream::iter(items)
        }))
    }
}
