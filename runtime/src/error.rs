//! The error a call returns ([`Error`]), typed by what went wrong: not sent (invalid or breaking
//! the spec's rules), no response (transport), an error status ([`ApiError`], with the vendor's
//! decoded error body and the raw one), a rate limit to wait out, no token, a body that does
//! not decode, or a download that broke off ([`crate::DownloadError`], with the bytes that came).

use std::fmt;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use http::header::HeaderMap;
use http::StatusCode;

/// Everything that can go wrong with a call, for a client whose vendor error body is `E`.
///
/// Nothing is lost: an error status keeps the decoded vendor error *and* the raw body; a body
/// that does not decode keeps its bytes and content type. No variant holds a credential.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E> {
    /// The request was not sent because it cannot be expressed (for example a path parameter
    /// of `..`, or a body that does not serialize).
    InvalidRequest {
        /// The spec's operationId.
        operation: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// The request breaks rules the spec states (checked before sending; see [`crate::Validate`]):
    /// nothing was sent. [`crate::Call::skip_validation`] sends it anyway.
    Validation {
        /// The spec's operationId.
        operation: &'static str,
        /// Every violation found, not just the first.
        violations: Vec<crate::Violation>,
    },
    /// No HTTP response: connection refused or reset, TLS failure, timeout.
    Transport {
        /// The spec's operationId.
        operation: &'static str,
        /// The underlying error.
        source: crate::TransportError,
    },
    /// The server answered with a status outside 2xx.
    Api(ApiError<E>),
    /// The server said to wait longer than the client's retry policy sleeps (a daily limit, say):
    /// returned at once, with when to try again.
    RateLimited {
        /// When the limit resets, from `Retry-After`.
        retry_at: SystemTime,
        /// How long that was from when the answer came.
        retry_after: Duration,
        /// Zoom's `X-RateLimit-Type` (`Daily-limit`, `QPS`, ...), when sent.
        limit_type: Option<String>,
        /// The response itself.
        response: ApiError<E>,
    },
    /// No access token could be had (the token endpoint refused or failed).
    Auth {
        /// The spec's operationId.
        operation: &'static str,
        /// Why.
        source: crate::AuthError,
    },
    /// A paged list's server sent a page cursor it had sent before: following it would fetch the
    /// same pages forever, so the stream ends here.
    RepeatedCursor {
        /// The spec's operationId.
        operation: &'static str,
        /// The cursor sent again.
        cursor: String,
    },
    /// The server answered 2xx with a body that is not what the spec describes.
    UnexpectedBody {
        /// The spec's operationId.
        operation: &'static str,
        /// The HTTP status.
        status: StatusCode,
        /// The `Content-Type` the server sent, if any.
        content_type: Option<String>,
        /// The body as received.
        raw: Bytes,
        /// Why it was not accepted.
        reason: String,
    },
    /// A download's body did not arrive whole or could not be written (after its `2xx` came), or
    /// a resumed download was not answered with the range asked for.
    Download(crate::DownloadError),
}

impl<E> From<crate::DownloadError> for Error<E> {
    fn from(error: crate::DownloadError) -> Self {
        Error::Download(error)
    }
}

/// An HTTP error status, with the vendor's error body decoded when it decodes.
#[derive(Debug)]
pub struct ApiError<E> {
    /// The spec's operationId.
    pub operation: &'static str,
    /// The HTTP status.
    pub status: StatusCode,
    /// The response headers (`Retry-After`, rate-limit headers, ...).
    pub headers: HeaderMap,
    /// The vendor's error body, when the body decodes as one.
    pub body: Option<E>,
    /// The body as received, whether or not it decoded.
    pub raw: Bytes,
}

impl<E> Error<E> {
    /// The rules a request broke, when it was refused before sending.
    pub fn violations(&self) -> &[crate::Violation] {
        match self {
            Error::Validation { violations, .. } => violations,
            _ => &[],
        }
    }

    /// The HTTP status, when the server answered.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api(api) | Error::RateLimited { response: api, .. } => Some(api.status),
            Error::UnexpectedBody { status, .. } => Some(*status),
            Error::Download(crate::DownloadError::RangeNotHonoured { status, .. }) => Some(*status),
            Error::Download(_) => None,
            Error::InvalidRequest { .. }
            | Error::Validation { .. }
            | Error::Transport { .. }
            | Error::Auth { .. }
            | Error::RepeatedCursor { .. } => None,
        }
    }

    /// Whether trying the same call again later may succeed: connection failures; timeouts and
    /// interrupted or cut-off responses of requests safe to repeat (not of a POST the server may
    /// have acted on); 429 and 502/503/504 answers; a token endpoint's 429 or 5xx. (The client
    /// already retried what its policy allows.)
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Transport { source, .. } => source.is_retryable(),
            Error::Api(api) => crate::retry::is_retryable_status(api.status),
            Error::RateLimited { .. } => true,
            Error::Auth { source, .. } => source.status.is_some_and(|status| status == 429 || status >= 500),
            Error::Download(source) => source.is_retryable(),
            Error::InvalidRequest { .. }
            | Error::Validation { .. }
            | Error::UnexpectedBody { .. }
            | Error::RepeatedCursor { .. } => false,
        }
    }

    /// The vendor's decoded error body, when the server sent one.
    pub fn vendor_error(&self) -> Option<&E> {
        match self {
            Error::Api(api) | Error::RateLimited { response: api, .. } => api.body.as_ref(),
            _ => None,
        }
    }

    /// The raw response body, when the server answered.
    pub fn raw_body(&self) -> Option<&[u8]> {
        match self {
            Error::Api(api) | Error::RateLimited { response: api, .. } => Some(&api.raw),
            Error::UnexpectedBody { raw, .. } => Some(raw),
            _ => None,
        }
    }

    /// The spec's operationId of the failed call.
    pub fn operation(&self) -> &'static str {
        match self {
            Error::InvalidRequest { operation, .. }
            | Error::Validation { operation, .. }
            | Error::Transport { operation, .. }
            | Error::UnexpectedBody { operation, .. }
            | Error::Auth { operation, .. }
            | Error::RepeatedCursor { operation, .. } => operation,
            Error::Api(api) | Error::RateLimited { response: api, .. } => api.operation,
            Error::Download(source) => source.operation(),
        }
    }

    /// The file offset to resume a download from, when it broke off after its start (see
    /// [`crate::DownloadError::resume_offset`]).
    pub fn resume_offset(&self) -> Option<u64> {
        match self {
            Error::Download(source) => source.resume_offset(),
            _ => None,
        }
    }
}

/// At most this many bytes of a body go into a `Display`ed message; the rest stays in `raw`.
const SHOWN_BODY_BYTES: usize = 300;

fn excerpt(raw: &[u8]) -> String {
    let shown = String::from_utf8_lossy(&raw[..raw.len().min(SHOWN_BODY_BYTES)]).into_owned();
    if raw.len() > SHOWN_BODY_BYTES {
        format!("{shown}...")
    } else {
        shown
    }
}

impl<E> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidRequest { operation, reason } => {
                write!(f, "{operation}: request not sent: {reason}")
            }
            Error::Validation { operation, violations } => {
                write!(f, "{operation}: request not sent, it breaks {} rule(s):", violations.len())?;
                for violation in violations {
                    write!(f, "\n  - {violation}")?;
                }
                Ok(())
            }
            Error::Transport { operation, source } => write!(f, "{operation}: {source}"),
            Error::Api(api) => write!(f, "{}: HTTP {}: {}", api.operation, api.status, excerpt(&api.raw)),
            Error::RateLimited { retry_after, limit_type, response, .. } => {
                write!(f, "{}: rate limited (HTTP {}", response.operation, response.status.as_u16())?;
                if let Some(limit_type) = limit_type {
                    write!(f, ", {limit_type}")?;
                }
                write!(f, "); retry in {}s", retry_after.as_secs())
            }
            Error::RepeatedCursor { operation, cursor } => write!(
                f,
                "{operation}: the server sent the page cursor {:?} a second time; the list stops here rather than loop",
                excerpt(cursor.as_bytes())
            ),
            Error::Auth { operation, source } => write!(f, "{operation}: {source}"),
            Error::UnexpectedBody { operation, status, content_type, raw, reason } => write!(
                f,
                "{operation}: HTTP {status} with an unexpected body ({}; {reason}): {}",
                content_type.as_deref().unwrap_or("no content type"),
                excerpt(raw)
            ),
            Error::Download(source) => write!(f, "{source}"),
        }
    }
}

impl<E: fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Transport { source, .. } => Some(source),
            Error::Auth { source, .. } => Some(source),
            Error::Download(source) => Some(source),
            _ => None,
        }
    }
}
