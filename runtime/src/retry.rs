//! When to send a request again, and how long to wait first.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use http::header::HeaderMap;
use http::StatusCode;

/// Retries with jittered exponential backoff, bounded in attempts and in total time.
///
/// Only requests that are safe to repeat are retried: GET, PUT, DELETE, HEAD and the POSTs the
/// spec marks idempotent; a request that never reached the server (connect failure) is always
/// safe. They are retried on connect errors and on 429, 502, 503 and 504. A `Retry-After` the
/// server sends is obeyed; one longer than `max_retry_after` is not slept but returned as
/// [`crate::Error::RateLimited`] with the time the limit resets.
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
        half + half.mul_f64(jitter())
    }
}

/// Statuses that mean "try again later".
pub(crate) fn is_retryable_status(status: StatusCode) -> bool {
    matches!(status.as_u16(), 429 | 502 | 503 | 504)
}

/// A uniform number in [0, 1) from a small xorshift generator, seeded per process from the clock.
fn jitter() -> f64 {
    static STATE: AtomicU64 = AtomicU64::new(0);
    let mut x = STATE.load(Ordering::Relaxed);
    if x == 0 {
        x = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0x9E37_79B9_7F4A_7C15, |d| d.as_nanos() as u64) | 1;
    }
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    STATE.store(x, Ordering::Relaxed);
    (x >> 11) as f64 / (1u64 << 53) as f64
}

/// What a `Retry-After` header says: how long to wait, and until when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryAfter {
    pub wait: Duration,
    pub until: SystemTime,
}

/// Reads `Retry-After` as delta-seconds (`120`), an HTTP-date (`Wed, 21 Oct 2015 07:28:00 GMT`)
/// or the RFC 3339 timestamp Zoom sends (`2026-11-24T00:00:00Z`).
pub fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<RetryAfter> {
    let value = headers.get(http::header::RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        let wait = Duration::from_secs(seconds);
        return Some(RetryAfter { wait, until: now + wait });
    }
    let until = httpdate::parse_http_date(value).ok().or_else(|| parse_rfc3339(value))?;
    Some(RetryAfter { wait: until.duration_since(now).unwrap_or(Duration::ZERO), until })
}

/// `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`.
pub(crate) fn parse_rfc3339(value: &str) -> Option<SystemTime> {
    let b = value.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<i64> {
        let s = value.get(range)?;
        s.bytes().all(|c| c.is_ascii_digit()).then(|| s.parse().ok())?
    };
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't' | b' ')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    let (hour, minute, second) = (digits(11..13)?, digits(14..16)?, digits(17..19)?);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut rest = &value[19..];
    if let Some(fraction) = rest.strip_prefix('.') {
        let end = fraction.find(|c: char| !c.is_ascii_digit()).unwrap_or(fraction.len());
        rest = &fraction[end..];
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ if rest.len() == 6 && (rest.starts_with('+') || rest.starts_with('-')) && &rest[3..4] == ":" => {
            let sign = if rest.starts_with('-') { -1 } else { 1 };
            sign * (rest[1..3].parse::<i64>().ok()? * 3600 + rest[4..6].parse::<i64>().ok()? * 60)
        }
        _ => return None,
    };
    let days = crate::calendar::days_from_civil(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?);
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset;
    UNIX_EPOCH.checked_add(Duration::from_secs(u64::try_from(seconds).ok()?))
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
