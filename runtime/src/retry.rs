//! When to try again and how long to wait first; and an optional client-side rate limiter.

use std::time::Duration;

use tokio::sync::Mutex;
use tokio::time::Instant;

use crate::error::{Error, ErrorKind};

/// The default first backoff delay.
pub const DEFAULT_BASE_DELAY: Duration = Duration::from_millis(100);
/// The longest backoff delay, before jitter.
pub const DEFAULT_MAX_DELAY: Duration = Duration::from_secs(20);
/// The longest wait a server's `x-acs-retry-after` or `Retry-After` can impose.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(30);
/// The default number of tries in total.
pub const DEFAULT_MAX_ATTEMPTS: u32 = 3;

/// How many times to try and how long to wait between tries.
///
/// Always retried, because the service cannot have acted on the request: throttling
/// (including HTTP 429), Alibaba's `SignatureNonceUsed` (a fresh nonce fixes it), and
/// failures to connect (nothing was sent). Retried only for operations marked
/// [`IDEMPOTENT`](crate::Operation::IDEMPOTENT) (reads and idempotent writes), because the
/// service may already have acted: timeouts, HTTP 5xx answers, and transport failures
/// after the request was sent. Never retried: any other service error, redirects, and
/// requests that could not be built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Tries in total, at least 1.
    pub max_attempts: u32,
    /// The delay before the second try; it doubles for each further try.
    pub base_delay: Duration,
    /// The cap on the doubled delay.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: DEFAULT_MAX_ATTEMPTS,
            base_delay: DEFAULT_BASE_DELAY,
            max_delay: DEFAULT_MAX_DELAY,
        }
    }
}

impl RetryPolicy {
    /// Whether an error from one attempt of a call that is not idempotent is worth
    /// another: only failures where the service cannot have acted on the request. The
    /// same as `should_retry(error, false)`.
    pub fn is_retryable(error: &Error) -> bool {
        Self::should_retry(error, false)
    }

    /// Whether an error from one attempt is worth another, for an operation that is
    /// (`idempotent == true`) or is not safe to repeat once the service may have it.
    pub fn should_retry(error: &Error, idempotent: bool) -> bool {
        match error.kind() {
            ErrorKind::Throttled(_) => true,
            ErrorKind::Service(e) if e.code == "SignatureNonceUsed" => true,
            ErrorKind::Service(e) => idempotent && e.http_status >= 500,
            ErrorKind::Undecodable { http_status, .. } => idempotent && *http_status >= 500,
            // A connect timeout is a failure to connect: nothing was sent.
            ErrorKind::Transport | ErrorKind::Timeout => idempotent || is_connect_error(error),
            _ => false,
        }
    }

    /// The wait before try number `next_attempt` (2 for the first retry).
    ///
    /// Exponential: `base * 2^(next_attempt - 2)`, capped at `max_delay`, then "equal
    /// jitter" (a random point in the upper half) so clients that failed together do not
    /// retry together. A server's retry-after, when given, is the minimum.
    pub fn delay(&self, next_attempt: u32, retry_after: Option<Duration>) -> Duration {
        let exp = next_attempt.saturating_sub(2).min(30);
        let full = self
            .base_delay
            .saturating_mul(1u32 << exp)
            .min(self.max_delay);
        let half = full / 2;
        let jittered = half + half.mul_f64(random_unit());
        match retry_after {
            Some(after) => jittered.max(after.min(MAX_RETRY_AFTER)),
            None => jittered,
        }
    }
}

fn is_connect_error(error: &Error) -> bool {
    use std::error::Error as _;
    error
        .source()
        .and_then(|s| s.downcast_ref::<reqwest::Error>())
        .is_some_and(reqwest::Error::is_connect)
}

/// A uniform value in [0, 1); jitter needs no cryptographic quality, and if the OS has no
/// randomness to give, no jitter is still a correct backoff.
fn random_unit() -> f64 {
    let mut b = [0u8; 4];
    match getrandom::fill(&mut b) {
        Ok(()) => f64::from(u32::from_le_bytes(b)) / (f64::from(u32::MAX) + 1.0),
        Err(_) => 0.0,
    }
}

/// A token bucket on tokio's clock: up to `per_second` calls in any burst, refilled
/// continuously at `per_second` tokens a second. Waiters are served in arrival order.
#[derive(Debug)]
pub struct RateLimiter {
    per_second: u32,
    state: Mutex<Bucket>,
}

#[derive(Debug)]
struct Bucket {
    tokens: f64,
    last: Instant,
}

impl RateLimiter {
    /// A limiter allowing `per_second` calls a second; `per_second` must be at least 1.
    pub fn new(per_second: u32) -> Self {
        let per_second = per_second.max(1);
        RateLimiter {
            per_second,
            state: Mutex::new(Bucket {
                tokens: f64::from(per_second),
                last: Instant::now(),
            }),
        }
    }

    /// The configured rate.
    pub fn per_second(&self) -> u32 {
        self.per_second
    }

    /// Waits until a call may go out, and takes its token.
    pub async fn acquire(&self) {
        // Holding the (fair, FIFO) lock while sleeping queues waiters in arrival order.
        let mut bucket = self.state.lock().await;
        let rate = f64::from(self.per_second);
        loop {
            let now = Instant::now();
            let elapsed = now.duration_since(bucket.last).as_secs_f64();
            bucket.tokens = (bucket.tokens + elapsed * rate).min(rate);
            bucket.last = now;
            if bucket.tokens >= 1.0 {
                bucket.tokens -= 1.0;
                return;
            }
            let wait = (1.0 - bucket.tokens) / rate;
            tokio::time::sleep(Duration::from_secs_f64(wait)).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_is_capped_and_jittered_in_upper_half() {
        let p = RetryPolicy {
            max_attempts: 10,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(1000),
        };
        for _ in 0..50 {
            let d2 = p.delay(2, None);
            assert!(d2 >= Duration::from_millis(50) && d2 <= Duration::from_millis(100));
            let d3 = p.delay(3, None);
            assert!(d3 >= Duration::from_millis(100) && d3 <= Duration::from_millis(200));
            let d9 = p.delay(9, None);
            assert!(d9 >= Duration::from_millis(500) && d9 <= Duration::from_millis(1000));
            assert!(p.delay(u32::MAX, None) <= Duration::from_millis(1000));
        }
        assert!(p.delay(2, Some(Duration::from_secs(2))) >= Duration::from_secs(2));
        assert!(p.delay(2, Some(Duration::from_secs(3600))) <= MAX_RETRY_AFTER);
    }

    #[tokio::test(start_paused = true)]
    async fn limiter_spaces_calls_after_a_burst() {
        let limiter = RateLimiter::new(20);
        let start = Instant::now();
        for _ in 0..40 {
            limiter.acquire().await;
        }
        let took = start.elapsed();
        // 20 go at once; the next 20 need one second of refill.
        assert!(took >= Duration::from_millis(990), "{took:?}");
        assert!(took < Duration::from_millis(1100), "{took:?}");
    }
}
