//! When to send a request again, and how long to wait first.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use http::header::HeaderMap;
use http::StatusCode;

use crate::transport::TransportError;

/// Retries with jittered exponential backoff, bounded in attempts and in total time.
///
/// Only requests that are safe to repeat are retried: GET, PUT, DELETE, HEAD and the POSTs the
/// spec marks idempotent; a request that never reached the server (connect failure) is always
/// safe. They are retried on connect errors, attempt timeouts, interrupted or cut-off responses,
/// and on 429, 502, 503 and 504 (a token endpoint on 429 and every 5xx). A `Retry-After` the
/// server sends is obeyed; one longer than `max_retry_after` is not slept but returned as
/// [`crate::Error::RateLimited`] with the time the limit resets. No wait is started that would
/// end after the call's time limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included (1 = never retry).
    pub max_attempts: u32,
    /// The first backoff; it doubles with every attempt (before jitter).
    pub initial_backoff: Duration,
    /// No single backoff is longer.
    pub max_backoff: Duration,
    /// No retry starts once this much time has passed since the first attempt.
    pub max_elapsed: Duration,
    /// The longest `Retry-After` the client sleeps through; longer ones are returned as errors.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 4,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(10),
            max_elapsed: Duration::from_secs(60),
            max_retry_after: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// Never retry.
    pub fn none() -> Self {
        Self { max_attempts: 1, ..Self::default() }
    }

    /// The wait before attempt `attempt + 1`: exponential, with "equal jitter" (half fixed, half
    /// random) so that many clients backing off together spread out.
    pub fn backoff(&self, attempt: u32) -> Duration {
        let exponential = self.initial_backoff.saturating_mul(2u32.saturating_pow(attempt.saturating_sub(1)));
        let capped = exponential.min(self.max_backoff);
        let half = capped / 2;
        // fastrand keeps its state per thread: concurrent retries draw different waits.
        half + half.mul_f64(fastrand::f64())
    }
}

/// How an attempt failed, as far as retrying is concerned.
pub(crate) enum Failure<'a> {
    /// No HTTP response.
    Transport(&'a TransportError),
    /// An HTTP status outside 2xx, with the response's headers.
    Status(StatusCode, &'a HeaderMap),
}

/// What a failed attempt calls for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// Send the request again after this wait.
    Retry(Duration),
    /// Stop: the failure is the call's answer.
    Stop,
    /// The server asked for a longer wait than the policy sleeps through: stop, and say when
    /// to come back.
    RateLimited(RetryAfter),
}

/// What was sent, as far as retrying is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sent {
    /// An API operation; `idempotent` when it is safe to send twice.
    Operation { idempotent: bool },
    /// A token request: safe to repeat, and its endpoint's 5xx are all worth another try.
    TokenRequest,
}

impl RetryPolicy {
    /// Whether attempt number `attempt` (1 for the first) of `sent`, which failed with `failure`,
    /// is followed by another, and after what wait: never past `max_attempts`, nor past
    /// `max_elapsed` since `started`, nor past the call's `deadline`.
    pub(crate) fn verdict(
        &self,
        failure: Failure<'_>,
        sent: Sent,
        attempt: u32,
        started: Instant,
        deadline: Option<Instant>,
    ) -> Verdict {
        let idempotent = match sent {
            Sent::Operation { idempotent } => idempotent,
            Sent::TokenRequest => true,
        };
        let hint = match failure {
            // Whether it may have been acted on is the error's to say: it knows whether the
            // request was safe to send twice.
            Failure::Transport(error) if error.is_retryable() => None,
            Failure::Transport(_) => return Verdict::Stop,
            Failure::Status(status, headers) => {
                let retryable = match sent {
                    Sent::Operation { .. } => is_retryable_status(status),
                    Sent::TokenRequest => status.as_u16() == 429 || status.is_server_error(),
                };
                if !retryable {
                    return Verdict::Stop;
                }
                let hint = retry_after(headers, SystemTime::now());
                if let Some(hint) = hint.filter(|hint| hint.wait > self.max_retry_after) {
                    // A daily limit and the like: not slept through, but said when to come back.
                    return Verdict::RateLimited(hint);
                }
                if !idempotent {
                    return Verdict::Stop;
                }
                hint.map(|hint| hint.wait)
            }
        };
        let wait = hint.unwrap_or_else(|| self.backoff(attempt));
        let out_of_time = started.elapsed().saturating_add(wait) > self.max_elapsed
            || deadline.is_some_and(|deadline| Instant::now().checked_add(wait).is_none_or(|then| then >= deadline));
        if attempt >= self.max_attempts || out_of_time {
            Verdict::Stop
        } else {
            Verdict::Retry(wait)
        }
    }
}

/// Statuses that mean "try again later".
pub(crate) fn is_retryable_status(status: StatusCode) -> bool {
    matches!(status.as_u16(), 429 | 502 | 503 | 504)
}

/// What a `Retry-After` header says: how long to wait, and until when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryAfter {
    /// How long from `now`.
    pub wait: Duration,
    /// Until when.
    pub until: SystemTime,
}

/// A `Retry-After` of more seconds than this (about 136 years) is read as this many: a clock
/// cannot count much further.
const MAX_RETRY_AFTER_SECONDS: u64 = u32::MAX as u64;

/// Reads `Retry-After` as delta-seconds (`120`), an HTTP-date (`Wed, 21 Oct 2015 07:28:00 GMT`)
/// or the RFC 3339 timestamp Zoom sends (`2026-11-24T00:00:00Z`); `None` for anything else. A
/// date in the past means no wait.
pub fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<RetryAfter> {
    let value = headers.get(http::header::RETRY_AFTER)?.to_str().ok()?.trim();
    if !value.is_empty() && value.bytes().all(|c| c.is_ascii_digit()) {
        // More digits than a u64 holds are as good as u64::MAX.
        let seconds = value.parse::<u64>().unwrap_or(u64::MAX).min(MAX_RETRY_AFTER_SECONDS);
        let wait = Duration::from_secs(seconds);
        return Some(RetryAfter { wait, until: now.checked_add(wait)? });
    }
    let until = httpdate::parse_http_date(value).ok().or_else(|| crate::calendar::parse_rfc3339(value))?;
    Some(RetryAfter { wait: until.duration_since(now).unwrap_or(Duration::ZERO), until })
}

/// The rate-limit headers a server sent (`X-RateLimit-*`, as Zoom and GitHub send them); a
/// header that is absent or does not read is `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RateLimit {
    /// `X-RateLimit-Type`: which limit (Zoom: `Daily-limit`, `QPS`, ...).
    pub limit_type: Option<String>,
    /// `X-RateLimit-Category`: the operation's class (Zoom: `Light`, `Medium`, `Heavy`, ...).
    pub category: Option<String>,
    /// `X-RateLimit-Limit`: requests allowed in the window.
    pub limit: Option<u64>,
    /// `X-RateLimit-Remaining`: requests left in the window.
    pub remaining: Option<u64>,
    /// `X-RateLimit-Reset`: when the window resets (sent as Unix seconds).
    pub reset: Option<SystemTime>,
}

/// Reads the `X-RateLimit-*` headers of a response.
pub fn rate_limit(headers: &HeaderMap) -> RateLimit {
    let text = |name: &str| headers.get(name)?.to_str().ok().map(|value| value.trim().to_owned());
    let number = |name: &str| text(name)?.parse::<u64>().ok();
    RateLimit {
        limit_type: text("x-ratelimit-type"),
        category: text("x-ratelimit-category"),
        limit: number("x-ratelimit-limit"),
        remaining: number("x-ratelimit-remaining"),
        reset: number("x-ratelimit-reset").and_then(|seconds| UNIX_EPOCH.checked_add(Duration::from_secs(seconds))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(http::header::RETRY_AFTER, value.parse().unwrap());
        headers
    }

    #[test]
    fn retry_after_in_all_three_forms() {
        let now = UNIX_EPOCH + Duration::from_secs(1_445_412_400); // 2015-10-21T07:26:40Z
        assert_eq!(retry_after(&headers("120"), now).unwrap().wait, Duration::from_secs(120));
        let http_date = retry_after(&headers("Wed, 21 Oct 2015 07:28:00 GMT"), now).unwrap();
        assert_eq!(http_date.wait, Duration::from_secs(80));
        let rfc3339 = retry_after(&headers("2015-10-21T07:28:00Z"), now).unwrap();
        assert_eq!(rfc3339, http_date);
        let offset = retry_after(&headers("2015-10-21T09:28:00.250+02:00"), now).unwrap();
        assert_eq!(offset.until, http_date.until);
        assert_eq!(
            retry_after(&headers("2015-10-21T07:00:00Z"), now).unwrap().wait,
            Duration::ZERO,
            "past dates mean now"
        );
        assert!(retry_after(&headers("soon"), now).is_none());
        assert!(retry_after(&HeaderMap::new(), now).is_none());
    }

    #[test]
    fn retry_after_never_overflows() {
        let now = SystemTime::now();
        for value in ["18446744073709551615", "99999999999999999999999999999"] {
            let hint = retry_after(&headers(value), now).unwrap();
            assert_eq!(hint.wait, Duration::from_secs(u64::from(u32::MAX)), "{value}");
        }
        for value in ["+5", "-5", "5.0", "9999-99-99T00:00:00Z"] {
            assert!(retry_after(&headers(value), now).is_none(), "{value}");
        }
    }

    #[test]
    fn rate_limit_headers_read_or_are_none() {
        let mut headers = HeaderMap::new();
        for (name, value) in [
            ("x-ratelimit-type", "QPS"),
            ("x-ratelimit-category", "Heavy"),
            ("x-ratelimit-limit", "30"),
            ("x-ratelimit-remaining", "-1"),
            ("x-ratelimit-reset", "18446744073709551615"),
        ] {
            headers.insert(name, value.parse().unwrap());
        }
        let read = rate_limit(&headers);
        assert_eq!((read.limit_type.as_deref(), read.category.as_deref()), (Some("QPS"), Some("Heavy")));
        assert_eq!((read.limit, read.remaining, read.reset), (Some(30), None, None));
        headers.insert("x-ratelimit-reset", "1445412480".parse().unwrap());
        assert_eq!(rate_limit(&headers).reset, Some(UNIX_EPOCH + Duration::from_secs(1_445_412_480)));
    }

    #[test]
    fn verdicts_for_operations_and_token_requests() {
        let policy = RetryPolicy { max_attempts: 3, ..RetryPolicy::default() };
        let (started, none) = (Instant::now(), HeaderMap::new());
        let status = |code: u16| Failure::Status(StatusCode::from_u16(code).unwrap(), &none);
        let get = Sent::Operation { idempotent: true };
        let post = Sent::Operation { idempotent: false };
        let retried = |verdict: Verdict| matches!(verdict, Verdict::Retry(_));
        let cases = [
            (status(503), get, 1, true),
            (status(503), get, 3, false),
            (status(503), post, 1, false),
            (status(500), get, 1, false),
            (status(500), Sent::TokenRequest, 1, true),
            (status(429), Sent::TokenRequest, 1, true),
            (status(401), Sent::TokenRequest, 1, false),
            (status(404), get, 1, false),
        ];
        for (i, (failure, sent, attempt, expected)) in cases.into_iter().enumerate() {
            assert_eq!(retried(policy.verdict(failure, sent, attempt, started, None)), expected, "case {i}");
        }
        // No wait that would end after the deadline.
        let soon = Some(Instant::now() + Duration::from_millis(1));
        assert_eq!(policy.verdict(status(503), get, 1, started, soon), Verdict::Stop);
        // A Retry-After past `max_retry_after` is a rate limit, not a sleep.
        let mut long = HeaderMap::new();
        long.insert(http::header::RETRY_AFTER, "3600".parse().unwrap());
        let failure = Failure::Status(StatusCode::SERVICE_UNAVAILABLE, &long);
        assert!(
            matches!(policy.verdict(failure, post, 1, started, None), Verdict::RateLimited(hint) if hint.wait.as_secs() == 3600)
        );
    }

    #[test]
    fn concurrent_backoffs_draw_different_jitter() {
        let policy = RetryPolicy::default();
        let barrier = std::sync::Barrier::new(8);
        let waits: std::collections::HashSet<Duration> = std::thread::scope(|scope| {
            let threads: Vec<_> = (0..8)
                .map(|_| {
                    scope.spawn(|| {
                        barrier.wait();
                        policy.backoff(3)
                    })
                })
                .collect();
            threads.into_iter().map(|thread| thread.join().unwrap()).collect()
        });
        assert!(waits.len() > 1, "eight threads retrying at once all drew {waits:?}");
    }

    #[test]
    fn backoff_grows_is_capped_and_jittered() {
        let policy = RetryPolicy {
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_millis(350),
            ..RetryPolicy::default()
        };
        for _ in 0..100 {
            let first = policy.backoff(1);
            assert!(first >= Duration::from_millis(50) && first <= Duration::from_millis(100), "{first:?}");
            let third = policy.backoff(3);
            assert!(third >= Duration::from_millis(175) && third <= Duration::from_millis(350), "{third:?}");
        }
        let spread: std::collections::HashSet<Duration> = (0..20).map(|_| policy.backoff(2)).collect();
        assert!(spread.len() > 1, "jitter varies the wait");
    }
}
