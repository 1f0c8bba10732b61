//! A mutation fuzzer for the runtime's parsers of what servers send: `Retry-After` in its three
//! forms, `X-RateLimit-*`, token endpoint answers, paging cursors and a download's headers
//! (`Content-Disposition`, `Content-Range`, `Location`), each followed by what the
//! runtime does next with the result (see `clientgen_runtime::fuzzing`). Seeds are real values,
//! mutated at the byte level with hostile pieces (u64::MAX, signs, exponents, non-ASCII);
//! no input may panic. Deterministic: the same seed gives the same inputs.

use std::hint::black_box;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use clientgen_runtime::fuzzing;

use fastrand::Rng;

/// What a run found.
#[derive(Debug, Default)]
pub struct RuntimeFuzzReport {
    /// Inputs run, per parser: Retry-After, X-RateLimit-*, token answers, page cursors, download
    /// headers.
    pub inputs: [usize; 5],
    /// Inputs that panicked: (parser, the input, the panic message).
    pub failures: Vec<(&'static str, String, String)>,
}

impl RuntimeFuzzReport {
    pub fn total(&self) -> usize {
        self.inputs.iter().sum()
    }
}

pub const PARSERS: [&str; 5] = ["Retry-After", "X-RateLimit-*", "token answer", "page cursors", "download headers"];

const RETRY_AFTER: &[&str] = &[
    "120",
    "0",
    "18446744073709551615",
    "Wed, 21 Oct 2015 07:28:00 GMT",
    "Sun, 06 Nov 1994 08:49:37 GMT",
    "Sunday, 06-Nov-94 08:49:37 GMT",
    "Sun Nov  6 08:49:37 1994",
    "2026-11-24T00:00:00Z",
    "2015-10-21T09:28:00.250+02:00",
    "9999-12-31T23:59:59-23:59",
];

const RATE_LIMIT_NAMES: &[&str] =
    &["x-ratelimit-type", "x-ratelimit-category", "x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset"];
const RATE_LIMIT_VALUES: &[&str] = &["Daily-limit", "QPS", "Heavy", "30", "0", "1445412480", "18446744073709551615"];

const TOKEN_ANSWERS: &[&str] = &[
    r#"{"access_token":"tok","token_type":"bearer","expires_in":3599,"scope":"meeting:read"}"#,
    r#"{"access_token":"ya29.a0","expires_in":"3599","token_type":"Bearer"}"#,
    r#"{"access_token":"t","expires_in":18446744073709551615}"#,
    r#"{"access_token":"t"}"#,
    r#"{"error":"invalid_client","reason":"Invalid client_id or client_secret"}"#,
];

const CURSORS: &[&str] = &["p2", "p3", "CAEQAA", "", "eyJwYWdlIjoyfQ==", "p2 "];

const DISPOSITIONS: &[&str] = &[
    "attachment; filename=\"GMT20240101-120000_Recording.mp4\"",
    "attachment; filename=\"a\\\"b;c.pdf\"; filename*=UTF-8''%C3%A9t%C3%A9.pdf",
    "inline; filename*=utf-8'en'..%2F..%2Fetc%2Fpasswd",
    "attachment; filename=../x",
];
const CONTENT_RANGES: &[&str] =
    &["bytes 1000-1999/2000", "bytes 0-0/*", "bytes */2000", "bytes 18446744073709551615-1/2"];
const LENGTHS: &[&str] = &["1000", "0", "18446744073709551615"];
const LOCATIONS: &[&str] = &[
    "https://ssrweb.zoom.us/cmr/replay/abc.mp4?response-content-type=video%2Fmp4&Signature=x",
    "//zoom.us/rec/play",
    "/rec/download/def",
    "../other?x=1",
    "https://[::1]:443/x",
    "data:text/plain,x",
];

/// Pieces that have broken parsers before: huge, signed, fractional, exponent, non-ASCII, JSON.
const HOSTILE: &[&str] = &[
    "18446744073709551615",
    "99999999999999999999999",
    "-1",
    "+",
    "-",
    ".",
    "e400",
    "1e400",
    "é",
    "\u{0}",
    " ",
    "\t",
    ":",
    "Z",
    "T",
    "9999",
    "0000",
    "\"",
    "{",
    "}",
    "[]",
    "null",
    ",",
    "GMT",
    "+23:59",
    "\"expires_in\":",
];

/// One to four random changes to `seed`.
fn mutated(seed: &str, rng: &mut Rng) -> Vec<u8> {
    let mut bytes = seed.as_bytes().to_vec();
    for _ in 0..1 + rng.usize(..4) {
        let at = rng.usize(..bytes.len() + 1);
        match rng.usize(..6) {
            0 if !bytes.is_empty() => {
                let last = bytes.len() - 1;
                bytes[at.min(last)] = rng.u8(..);
            }
            1 => {
                let piece = HOSTILE[rng.usize(..HOSTILE.len())].as_bytes();
                bytes.splice(at..at, piece.iter().copied());
            }
            2 => {
                let end = (at + rng.usize(..6)).min(bytes.len());
                bytes.drain(at..end);
            }
            3 => bytes.truncate(at),
            4 => {
                let end = (at + rng.usize(..8)).min(bytes.len());
                let copy = bytes[at..end].to_vec();
                bytes.splice(at..at, copy);
            }
            _ => {
                // A digit for another: values that still look right.
                if let Some(i) = (0..bytes.len()).map(|i| (at + i) % bytes.len()).find(|&i| bytes[i].is_ascii_digit()) {
                    bytes[i] = b'0' + rng.usize(..10) as u8;
                }
            }
        }
    }
    bytes
}

fn pick<'a>(options: &[&'a str], rng: &mut Rng) -> &'a str {
    options[rng.usize(..options.len())]
}

/// Runs `inputs` inputs, spread evenly over the parsers.
pub fn fuzz_runtime(inputs: usize, seed: u64) -> RuntimeFuzzReport {
    let mut rng = Rng::with_seed(seed);
    let mut report = RuntimeFuzzReport::default();
    let nows = [UNIX_EPOCH, SystemTime::now(), UNIX_EPOCH + Duration::from_secs(1 << 35)];
    // Panics are expected to be found and reported here, not printed as they happen.
    let quiet = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    for i in 0..inputs {
        let parser = i % PARSERS.len();
        report.inputs[parser] += 1;
        // The input is only written out when it fails.
        let failure: Option<(String, Box<dyn std::any::Any + Send>)> = match parser {
            0 => {
                let value = mutated(pick(RETRY_AFTER, &mut rng), &mut rng);
                let status = [429, 503, 502, 504, 500, 400, 200, 100, 999][rng.usize(..9)];
                let now = nows[rng.usize(..nows.len())];
                catch_unwind(AssertUnwindSafe(|| black_box(fuzzing::retry_after_header(&value, status, now))))
                    .err()
                    .map(|panic| (format!("{:?} (HTTP {status}, now {now:?})", String::from_utf8_lossy(&value)), panic))
            }
            1 => {
                let pairs: Vec<(&str, Vec<u8>)> = (0..1 + rng.usize(..5))
                    .map(|_| (pick(RATE_LIMIT_NAMES, &mut rng), mutated(pick(RATE_LIMIT_VALUES, &mut rng), &mut rng)))
                    .collect();
                let borrowed: Vec<(&str, &[u8])> = pairs.iter().map(|(n, v)| (*n, v.as_slice())).collect();
                catch_unwind(AssertUnwindSafe(|| black_box(fuzzing::rate_limit_headers(&borrowed)))).err().map(
                    |panic| {
                        let shown: Vec<_> = pairs.iter().map(|(n, v)| (n, String::from_utf8_lossy(v))).collect();
                        (format!("{shown:?}"), panic)
                    },
                )
            }
            2 => {
                let body = mutated(pick(TOKEN_ANSWERS, &mut rng), &mut rng);
                catch_unwind(AssertUnwindSafe(|| black_box(fuzzing::token_answer(&body))))
                    .err()
                    .map(|panic| (format!("{:?}", String::from_utf8_lossy(&body)), panic))
            }
            4 => {
                let disposition = mutated(pick(DISPOSITIONS, &mut rng), &mut rng);
                let range = mutated(pick(CONTENT_RANGES, &mut rng), &mut rng);
                let length = mutated(pick(LENGTHS, &mut rng), &mut rng);
                let location = mutated(pick(LOCATIONS, &mut rng), &mut rng);
                let offset = [0, 1000, u64::MAX][rng.usize(..3)];
                let run = || fuzzing::download_headers(&disposition, &range, &length, &location, offset);
                catch_unwind(AssertUnwindSafe(|| black_box(run()))).err().map(|panic| {
                    let shown: Vec<_> =
                        [&disposition, &range, &length, &location].iter().map(|v| String::from_utf8_lossy(v)).collect();
                    (format!("{shown:?} (offset {offset})"), panic)
                })
            }
            _ => {
                let cursors: Vec<Option<String>> = (0..1 + rng.usize(..12))
                    .map(|_| match rng.usize(..8) {
                        0 => None,
                        1 => Some(String::from_utf8_lossy(&mutated(pick(CURSORS, &mut rng), &mut rng)).into_owned()),
                        _ => Some(pick(CURSORS, &mut rng).to_owned()),
                    })
                    .collect();
                let shown = format!("{cursors:?}");
                catch_unwind(AssertUnwindSafe(|| black_box(fuzzing::page_cursors(cursors))))
                    .err()
                    .map(|panic| (shown, panic))
            }
        };
        if let Some((input, panic)) = failure {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default();
            report.failures.push((PARSERS[parser], input, message));
        }
    }
    std::panic::set_hook(quiet);
    report
}
