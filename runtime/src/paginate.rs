//! Streams over paged listings that follow `NextToken` (or walk `Offset`) and cannot loop forever.

use std::collections::{HashSet, VecDeque};
use std::hash::{BuildHasher, RandomState};

use futures::stream::{self, BoxStream, StreamExt};

use crate::ValidationError;
use crate::client::Client;
use crate::error::{Error, ErrorKind};
use crate::operation::Paginated;

/// How many recent page tokens a [`Paginator`] remembers exactly (as hashes).
pub const REMEMBERED_TOKENS: usize = 4096;

/// Pages through a listing: the first request goes with the caller's token; each next
/// one carries the `NextToken` of the answer before. It stops when `IsTruncated` is
/// `false`, or when no (or an empty) token comes back and `IsTruncated` does not say
/// otherwise. Any error ends the stream after being yielded:
///
/// - [`ErrorKind::RepeatedPageToken`] when the service hands back a token it gave before
///   (or the caller's starting token), which would loop;
/// - [`ErrorKind::MissingPageToken`] when `IsTruncated` is `true` but no token came;
/// - [`ErrorKind::PageLimit`] when [`max_pages`](Self::max_pages) pages were yielded and
///   the service has more; its `next_token` continues from there.
///
/// Memory stays bounded however many pages there are: the paginator keeps 64-bit keyed
/// hashes of the last [`REMEMBERED_TOKENS`] tokens, which catches any loop that short at
/// once, plus one checkpoint token that catches longer loops too (Brent's cycle
/// detection: a loop of `n` pages is caught within `3n` pages of starting).
///
/// The request is validated once, for the first page; the next pages differ from it only
/// in the token the service gave, and are not validated again.
#[derive(Debug)]
pub struct Paginator<O: Paginated> {
    client: Client,
    request: Result<O, ValidationError>,
    max_pages: Option<usize>,
}

impl<O: Paginated> Paginator<O> {
    /// A paginator for `request`. An invalid request (`Err`) becomes the stream's only item.
    pub fn new(client: Client, request: Result<O, ValidationError>) -> Self {
        Paginator {
            client,
            request,
            max_pages: None,
        }
    }

    /// Asks for at most `pages` pages (default: no limit). If the service has more when
    /// the limit is reached, the stream ends with [`ErrorKind::PageLimit`], which carries
    /// the token for the next page, so a caller can tell a cut-short listing from a
    /// complete one. A limit of 0 asks for nothing and yields only that error.
    pub fn max_pages(mut self, pages: usize) -> Self {
        self.max_pages = Some(pages);
        self
    }

    /// Each page's whole response, in order. The stream is `Unpin`, so
    /// `StreamExt::next` works on it directly.
    pub fn pages(self) -> BoxStream<'static, Result<O::Output, Error>> {
        let start = match self.request {
            Ok(request) => {
                let mut seen = SeenTokens::default();
                let first = request.request_page_token().filter(|t| !t.is_empty());
                if let Some(token) = first {
                    seen.check_and_insert(token);
                }
                match self.max_pages {
                    Some(0) => State::Fail(Error::new(ErrorKind::PageLimit {
                        pages: 0,
                        next_token: first.unwrap_or_default().to_owned(),
                    })),
                    _ => State::Next(Box::new(Walk {
                        client: self.client,
                        request,
                        seen,
                        pages: 0,
                        max_pages: self.max_pages,
                    })),
                }
            }
            Err(e) => State::Fail(e.into()),
        };
        Box::pin(stream::unfold(start, |state| async move {
            match state {
                State::Done => None,
                State::Fail(e) => Some((Err(e), State::Done)),
                State::Next(walk) => Some(walk.step().await),
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

enum State<O> {
    Next(Box<Walk<O>>),
    Fail(Error),
    Done,
}

struct Walk<O> {
    client: Client,
    request: O,
    seen: SeenTokens,
    /// Pages fetched so far.
    pages: usize,
    max_pages: Option<usize>,
}

impl<O: Paginated> Walk<O> {
    async fn step(mut self: Box<Self>) -> (Result<O::Output, Error>, State<O>) {
        let sent = if self.pages == 0 {
            self.client.send(self.request.clone()).await
        } else {
            self.client.send_validated(self.request.clone()).await
        };
        let output = match sent {
            Ok(output) => output,
            Err(e) => return (Err(e), State::Done),
        };
        self.pages += 1;
        if O::OFFSET_PAGING {
            let next = match self.request.next_offset(&output) {
                None => State::Done,
                Some(offset) if self.max_pages.is_some_and(|max| self.pages >= max) => {
                    State::Fail(Error::new(ErrorKind::PageLimit {
                        pages: self.pages,
                        next_token: offset,
                    }))
                }
                Some(offset) => {
                    self.request.set_page_token(Some(offset));
                    State::Next(self)
                }
            };
            return (Ok(output), next);
        }
        let token = O::page_token(&output)
            .filter(|t| !t.is_empty())
            .map(str::to_owned);
        let next = match (O::is_truncated(&output), token) {
            (Some(false), _) => State::Done,
            (Some(true), None) => State::Fail(Error::new(ErrorKind::MissingPageToken)),
            (None, None) => State::Done,
            (_, Some(token)) if !self.seen.check_and_insert(&token) => {
                State::Fail(Error::new(ErrorKind::RepeatedPageToken(token)))
            }
            (_, Some(token)) if self.max_pages.is_some_and(|max| self.pages >= max) => {
                State::Fail(Error::new(ErrorKind::PageLimit {
                    pages: self.pages,
                    next_token: token,
                }))
            }
            (_, Some(token)) => {
                self.request.set_page_token(Some(token));
                State::Next(self)
            }
        };
        (Ok(output), next)
    }
}

/// The offset of the page after one that started at `offset` (absent: 0) and held
/// `received` items, as text; `None` when the listing is done: the page was empty, or
/// the next offset reaches `total`. Offsets only grow, so an offset listing cannot loop.
pub fn next_offset(offset: Option<i128>, received: usize, total: Option<i128>) -> Option<String> {
    if received == 0 {
        return None;
    }
    let received = i128::try_from(received).ok()?;
    let next = offset.unwrap_or(0).checked_add(received)?;
    if total.is_some_and(|t| next >= t) {
        return None;
    }
    Some(next.to_string())
}

/// The tokens a listing has given, in bounded memory (see [`Paginator`]).
struct SeenTokens {
    hasher: RandomState,
    recent: HashSet<u64>,
    order: VecDeque<u64>,
    /// Brent's cycle detection: a checkpoint, moved to the current token whenever the
    /// number of steps since it was set reaches a power of two.
    checkpoint: Option<u64>,
    since_checkpoint: u64,
    power: u64,
}

impl Default for SeenTokens {
    fn default() -> Self {
        SeenTokens {
            hasher: RandomState::new(),
            recent: HashSet::new(),
            order: VecDeque::new(),
            checkpoint: None,
            since_checkpoint: 0,
            power: 1,
        }
    }
}

impl SeenTokens {
    /// Records `token`; false if it was seen before (as far as the memory reaches).
    ///
    /// Hashes are keyed per listing (SipHash with a random key), so a server cannot
    /// choose tokens that collide; an accidental collision among 4096 64-bit hashes has
    /// a probability of about 10⁻¹².
    fn check_and_insert(&mut self, token: &str) -> bool {
        let h = self.hasher.hash_one(token);
        if self.recent.contains(&h) || self.checkpoint == Some(h) {
            return false;
        }
        if self.order.len() == REMEMBERED_TOKENS
            && let Some(old) = self.order.pop_front()
        {
            self.recent.remove(&old);
        }
        self.recent.insert(h);
        self.order.push_back(h);
        self.since_checkpoint += 1;
        if self.checkpoint.is_none() || self.since_checkpoint == self.power {
            self.checkpoint = Some(h);
            self.since_checkpoint = 0;
            self.power = self.power.saturating_mul(2);
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first repeat in an endless cycle of `len` distinct tokens.
    fn steps_to_catch(len: usize) -> usize {
        let mut seen = SeenTokens::default();
        for i in 0.. {
            if !seen.check_and_insert(&(i % len).to_string()) {
                return i;
            }
            assert!(i < 10 * len + 10, "cycle of {len} not caught");
        }
        unreachable!()
    }

    #[test]
    fn short_cycles_are_caught_at_the_first_repeat() {
        for len in [1, 2, 7, REMEMBERED_TOKENS] {
            assert_eq!(steps_to_catch(len), len);
        }
    }

    #[test]
    fn long_cycles_are_caught_within_three_times_their_length() {
        for len in [REMEMBERED_TOKENS + 1, 3 * REMEMBERED_TOKENS + 5, 50_000] {
            let n = steps_to_catch(len);
            assert!(n >= len && n <= 3 * len, "{len}: {n}");
        }
    }

    #[test]
    fn memory_stays_bounded_for_endless_new_tokens() {
        let mut seen = SeenTokens::default();
        for i in 0..100_000 {
            assert!(seen.check_and_insert(&format!("token-{i}")));
        }
        assert_eq!(seen.recent.len(), REMEMBERED_TOKENS);
        assert_eq!(seen.order.len(), REMEMBERED_TOKENS);
    }
}
