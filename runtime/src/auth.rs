//! How requests authenticate: a static bearer token, or a [`TokenSource`] that fetches, caches
//! and refreshes tokens (see [`crate::oauth`]). Credentials are [`Secret`]s, never shown.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Instant;

use crate::retry::RetryPolicy;
use crate::transport::HttpClient;

/// A credential (token, client secret, key) that never shows itself: `Debug` prints `Secret(***)`,
/// and there is no `Display`, so it cannot end up in a log line or an error message by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a credential.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The credential itself, for the one place that must send it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// What a generated type's `Debug` shows for a secret field (`format: password` in the spec):
/// whether it is set, never the value.
#[derive(Clone, Copy)]
pub struct Redacted(&'static str);

impl Redacted {
    /// A secret that is always there: shows `***`.
    pub const SET: Redacted = Redacted("***");

    /// A secret that may be absent: shows `Some(***)` or `None`.
    pub fn of<T>(value: &Option<T>) -> Self {
        Self(if value.is_some() { "Some(***)" } else { "None" })
    }
}

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}

/// Why no token could be had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthError {
    /// What failed (never includes a credential).
    pub message: String,
    /// The token endpoint's HTTP status, when it answered.
    pub status: Option<u16>,
}

impl fmt::Display for AuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.status {
            Some(status) => write!(f, "authentication failed (token endpoint answered {status}): {}", self.message),
            None => write!(f, "authentication failed: {}", self.message),
        }
    }
}

impl std::error::Error for AuthError {}

/// A boxed future, as [`TokenSource`] returns.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Something that hands out access tokens: fetching them, caching them until shortly before
/// they expire, and sharing one refresh among concurrent callers.
pub trait TokenSource: fmt::Debug + Send + Sync {
    /// A token for `request`: valid for its scopes, and not the token it says was refused. A
    /// source that fetches tokens sends through the request's [`HttpClient`] and keeps to its
    /// retry policy and deadline.
    fn token<'a>(&'a self, request: TokenRequest<'a>) -> BoxFuture<'a, Result<Secret, AuthError>>;
}

/// What a call asks of a [`TokenSource`]: the scopes, a token the server just refused, and how
/// to fetch one (the client's HTTP client, retry policy, and the call's deadline).
#[derive(Debug, Clone, Copy)]
pub struct TokenRequest<'a> {
    scopes: &'a [&'static str],
    rejected: Option<&'a Secret>,
    http: &'a HttpClient,
    retry: &'a RetryPolicy,
    deadline: Option<Instant>,
}

impl<'a> TokenRequest<'a> {
    /// A request for a token valid for `scopes`, fetched through `http` under `retry`.
    pub fn new(scopes: &'a [&'static str], http: &'a HttpClient, retry: &'a RetryPolicy) -> Self {
        Self { scopes, rejected: None, http, retry, deadline: None }
    }

    /// The token the server just refused (HTTP 401): the source returns a different one,
    /// refreshing unless another caller already did.
    #[must_use]
    pub fn rejecting(mut self, rejected: Option<&'a Secret>) -> Self {
        self.rejected = rejected;
        self
    }

    /// The caller stops waiting at `deadline`; a source starts no retry that would end after it.
    #[must_use]
    pub fn until(mut self, deadline: Option<Instant>) -> Self {
        self.deadline = deadline;
        self
    }

    /// The OAuth scopes the operation needs.
    pub fn scopes(&self) -> &'a [&'static str] {
        self.scopes
    }

    /// The token the server refused, if any.
    pub fn rejected(&self) -> Option<&'a Secret> {
        self.rejected
    }

    /// The HTTP client to fetch through (the API client's: its proxy and TLS roots).
    pub fn http(&self) -> &'a HttpClient {
        self.http
    }

    /// When to retry the token endpoint (the API client's policy).
    pub fn retry_policy(&self) -> &'a RetryPolicy {
        self.retry
    }

    /// The call's deadline, if it has one.
    pub fn deadline(&self) -> Option<Instant> {
        self.deadline
    }
}

/// How a client authenticates its requests.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub enum Auth {
    /// No `Authorization` header (a local sandbox, or a proxy that adds it).
    #[default]
    None,
    /// `Authorization: Bearer <token>` on every request.
    Bearer(Secret),
    /// `Authorization: Bearer <token>` with tokens from a source; a 401 is answered by one
    /// refresh and one retry.
    Source(Arc<dyn TokenSource>),
}

impl Auth {
    /// A static bearer token.
    pub fn bearer(token: impl Into<Secret>) -> Self {
        Self::Bearer(token.into())
    }

    /// Tokens from `source` (for example [`crate::oauth::ZoomServerToServer`]).
    pub fn source(source: impl TokenSource + 'static) -> Self {
        Self::Source(Arc::new(source))
    }

    /// The token to send, or `None` for no `Authorization` header.
    pub(crate) async fn token(&self, request: TokenRequest<'_>) -> Result<Option<Secret>, AuthError> {
        match self {
            Auth::None => Ok(None),
            Auth::Bearer(token) => Ok(Some(token.clone())),
            Auth::Source(source) => source.token(request).await.map(Some),
        }
    }
}

/// The `Authorization` header value for a token, marked sensitive so HTTP libraries redact it.
pub(crate) fn bearer_header(token: &Secret) -> Option<http::header::HeaderValue> {
    let mut value = http::header::HeaderValue::try_from(format!("Bearer {}", token.expose())).ok()?;
    value.set_sensitive(true);
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_secret() {
        let auth = Auth::bearer("ya29.very-secret");
        let shown = format!("{auth:?} {:?}", Secret::new("s3cr3t"));
        assert!(!shown.contains("very-secret") && !shown.contains("s3cr3t"), "{shown}");
        assert!(format!("{:?}", bearer_header(&Secret::new("x")).unwrap()).contains("Sensitive"));
    }
}
