//! Entry points for the parser fuzzer (`cargo xtask fuzz --runtime`): each takes bytes a server
//! could send, runs the runtime's parser on them and then what the runtime does next with the
//! result (the retry decision, the token's renewal time, the next cursor), so that a value
//! which parses but overflows later is found too. Not a stable API.

use std::time::{Duration, Instant, SystemTime};

use http::header::{HeaderMap, HeaderName, HeaderValue, RETRY_AFTER};
use http::StatusCode;

use crate::download::Download;
use crate::fetch::check_range;
use crate::oauth::{parse_token, renew_at};
use crate::pages::Cursors;
use crate::redirect::{may_carry_token, resolve};
use crate::retry::{rate_limit, retry_after, Failure, RetryPolicy, Sent, Verdict};
use crate::transport::Received;

/// `Retry-After: value` on an answer with `status` (clamped to 100-999, as HTTP allows), read at
/// `now`, and the retry decision it leads to for a call that has a deadline.
pub fn retry_after_header(value: &[u8], status: u16, now: SystemTime) -> Option<Duration> {
    let mut headers = HeaderMap::new();
    headers.insert(RETRY_AFTER, HeaderValue::from_bytes(value).ok()?);
    let hint = retry_after(&headers, now);
    let status = StatusCode::from_u16(status.clamp(100, 999)).ok()?;
    let policy = RetryPolicy::default();
    let started = Instant::now();
    let deadline = started.checked_add(Duration::from_secs(60));
    for sent in [Sent::Operation { idempotent: true }, Sent::Operation { idempotent: false }, Sent::TokenRequest] {
        if let Verdict::Retry(wait) = policy.verdict(Failure::Status(status, &headers), sent, 1, started, deadline) {
            assert!(wait <= policy.max_retry_after.max(policy.max_backoff), "a retry waits {wait:?}");
        }
    }
    hint.map(|hint| hint.wait)
}

/// The `X-RateLimit-*` headers as given (name, value); pairs a server could not send are skipped.
pub fn rate_limit_headers(pairs: &[(&str, &[u8])]) -> Option<u64> {
    let mut headers = HeaderMap::new();
    for (name, value) in pairs {
        if let (Ok(name), Ok(value)) = (HeaderName::try_from(*name), HeaderValue::from_bytes(value)) {
            headers.append(name, value);
        }
    }
    let read = rate_limit(&headers);
    read.limit.or(read.remaining)
}

/// A token endpoint's answer, and when a token with its lifetime would be renewed.
pub fn token_answer(body: &[u8]) -> Option<Instant> {
    let (_, expires_in) = parse_token(body).ok()?;
    Some(renew_at(Instant::now(), expires_in))
}

/// A download's answer: `Content-Disposition`, `Content-Range` and `Content-Length` as sent with
/// a `206`, read for the file name, the file's size and whether the answer resumes at `offset`;
/// and a redirect's `Location`, read against a recording URL, and whether the token may follow
/// it. Headers a server could not send are left out.
pub fn download_headers(
    disposition: &[u8],
    content_range: &[u8],
    length: &[u8],
    location: &[u8],
    offset: u64,
) -> usize {
    let mut headers = HeaderMap::new();
    for (name, value) in
        [("content-disposition", disposition), ("content-range", content_range), ("content-length", length)]
    {
        if let Ok(value) = HeaderValue::from_bytes(value) {
            headers.insert(HeaderName::from_static(name), value);
        }
    }
    let answer = Download::new(
        "fuzz",
        StatusCode::PARTIAL_CONTENT,
        headers,
        Received::Whole(Default::default()),
        Duration::ZERO,
    );
    let answer = answer.starting_at(offset);
    let mut found = answer.file_name().map_or(0, |name| name.len());
    found += usize::from(answer.total_length().is_some()) + usize::from(check_range(&answer, offset).is_ok());
    let current: http::Uri = "https://us06web.zoom.us/rec/download/abc?type=mp4".parse().expect("a valid URL");
    let base: http::Uri = "https://api.zoom.us/v2".parse().expect("a valid URL");
    if let Some(next) = std::str::from_utf8(location).ok().and_then(|location| resolve(&current, location)) {
        found += usize::from(may_carry_token(&base, &["zoom.us".to_owned(), "*.zoom.us".to_owned()], &next));
    }
    found
}

/// The cursors of successive pages, as a paged stream follows them; how many it followed.
pub fn page_cursors(cursors: impl IntoIterator<Item = Option<String>>) -> usize {
    let mut followed = Cursors::default();
    let mut count = 0;
    for cursor in cursors {
        match followed.next(cursor) {
            Ok(Some(_)) => count += 1,
            Ok(None) | Err(_) => break,
        }
    }
    count
}
