use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;
use std::time::{Duration, Instant, SystemTime};

use bytes::Bytes;
use http::header::{HeaderMap, CONTENT_TYPE};
use http::{StatusCode, Uri};
use serde::de::DeserializeOwned;
use tracing::Instrument;

use crate::client::RequestBuilder;
use crate::retry::{is_retryable_status, retry_after};
use crate::{ApiError, Error, RetryPolicy, Secret, TransportError};

/// What a success body holds. Decoding happens where the call is awaited, so the decoding code
/// is compiled in the crates that use an operation rather than, for every operation, in the
/// generated crate.
#[derive(Debug, Clone, Copy)]
pub(crate) enum SuccessBody {
    /// JSON for `T`.
    Json,
    /// JSON for the `U` of `T = Option<U>`, or nothing (`None`).
    JsonOrEmpty,
    /// Nothing to read (`T = ()`): whatever arrives is ignored.
    Ignored,
}

impl SuccessBody {
    /// The body as `T`; the error is a reason for [`Error::UnexpectedBody`].
    fn decode<T: FromResponse>(self, status: StatusCode, raw: &[u8]) -> Result<T, String> {
        let empty = match self {
            SuccessBody::Json => false,
            SuccessBody::JsonOrEmpty => raw.iter().all(u8::is_ascii_whitespace),
            SuccessBody::Ignored => true,
        };
        // `T` is `Option<_>` or `()` where a body may be absent, and both are what JSON `null` means.
        let raw = if empty { b"null".as_slice() } else { raw };
        T::from_response(status, raw)
    }
}

/// How a success response's body becomes the call's result: JSON for any type that
/// deserializes, and, for an operation whose success statuses carry different bodies, the
/// generated enum that reads the status first.
pub trait FromResponse: Sized {
    /// The result for a success `status` with this `body`; the error is a reason for
    /// [`Error::UnexpectedBody`].
    fn from_response(status: StatusCode, body: &[u8]) -> Result<Self, String>;
}

impl<T: DeserializeOwned> FromResponse for T {
    fn from_response(_status: StatusCode, body: &[u8]) -> Result<Self, String> {
        crate::wire::from_json(body)
    }
}

/// A success response with its status and headers, from [`Call::send_with_response`].
#[derive(Debug, Clone)]
pub struct Response<T> {
    /// The HTTP status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The decoded body.
    pub body: T,
}

/// One API call, ready to send. `.await` it for the typed body, or configure it first.
#[must_use = "a call does nothing until it is awaited"]
pub struct Call<'a, T, E> {
    request: RequestBuilder<'a>,
    body: SuccessBody,
    output: PhantomData<fn() -> T>,
    timeout: Option<Duration>,
    retry: Option<RetryPolicy>,
    validate: bool,
    error: PhantomData<fn() -> E>,
}

impl<T, E> std::fmt::Debug for Call<'_, T, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Call").field("request", &self.request).field("timeout", &self.timeout).finish()
    }
}

impl<'a, T, E> Call<'a, T, E> {
    pub(crate) fn new(request: RequestBuilder<'a>, body: SuccessBody) -> Self {
        Self { request, body, output: PhantomData, timeout: None, retry: None, validate: true, error: PhantomData }
    }

    /// A total time limit for this call's attempts (instead of the client's).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Sends the request even if it breaks the spec's rules (to test what the server says).
    pub fn skip_validation(mut self) -> Self {
        self.validate = false;
        self
    }

    /// The rules this request breaks, as checked before sending.
    pub fn violations(&self) -> &[crate::Violation] {
        &self.request.violations
    }

    /// A retry policy for this call only (for example [`RetryPolicy::none`]).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }
}

/// What one attempt came to.
enum Outcome<E> {
    Done(Response<Bytes>),
    /// Worth another attempt after `wait` (when the policy allows one).
    Retry {
        error: Error<E>,
        wait: Option<Duration>,
    },
    Fail(Error<E>),
}

impl<'a, T, E> Call<'a, T, E>
where
    T: FromResponse + Send + 'a,
    E: DeserializeOwned + Send + 'a,
{
    /// Sends the call and returns the status and headers with the typed body.
    pub async fn send_with_response(self) -> Result<Response<T>, Error<E>> {
        let operation = self.request.operation;
        let span = tracing::info_span!(
            "api_call",
            operation = operation.id,
            method = %operation.method,
            status = tracing::field::Empty,
            attempts = tracing::field::Empty,
        );
        async move {
            let raw = self.send_raw().await?;
            match self.body.decode(raw.status, &raw.body) {
                Ok(body) => Ok(Response { status: raw.status, headers: raw.headers, body }),
                Err(reason) => Err(unexpected(operation.id, raw.status, &raw.headers, raw.body, reason)),
            }
        }
        .instrument(span)
        .await
    }

    /// Attempts until success, a final failure, or the end of the retry policy.
    async fn send_raw(&self) -> Result<Response<Bytes>, Error<E>> {
        let operation = self.request.operation;
        let invalid = |reason: String| Error::InvalidRequest { operation: operation.id, reason };
        if let Some(reason) = self.request.problem.clone() {
            return Err(invalid(reason));
        }
        if self.validate && !self.request.violations.is_empty() {
            return Err(Error::Validation { operation: operation.id, violations: self.request.violations.clone() });
        }
        let uri = self.request.uri().map_err(invalid)?;
        let policy = self.retry.as_ref().unwrap_or_else(|| self.request.client.retry_policy());
        let auth = self.request.client.auth();
        let started = Instant::now();
        let mut rejected: Option<Secret> = None;
        let mut refreshed = false;
        let mut attempt = 0;
        loop {
            attempt += 1;
            tracing::Span::current().record("attempts", attempt);
            let token = auth
                .token(operation.scopes, rejected.as_ref())
                .await
                .map_err(|source| Error::Auth { operation: operation.id, source })?;
            let outcome = self.attempt(&uri, token.as_ref(), policy).await;
            let (error, wait) = match outcome {
                Outcome::Done(response) => return Ok(response),
                Outcome::Fail(Error::Api(api))
                    if api.status == StatusCode::UNAUTHORIZED && auth.refreshes() && !refreshed =>
                {
                    // The token was refused: one refresh, one more try.
                    tracing::debug!("401: refreshing the token once");
                    refreshed = true;
                    rejected = token;
                    attempt -= 1;
                    continue;
                }
                Outcome::Fail(error) => return Err(error),
                Outcome::Retry { error, wait } => (error, wait),
            };
            let wait = wait.unwrap_or_else(|| policy.backoff(attempt));
            let out_of_time = started.elapsed() + wait > policy.max_elapsed;
            if attempt >= policy.max_attempts || out_of_time {
                return Err(error);
            }
            tracing::info!(attempt, wait_ms = wait.as_millis() as u64, error = %error, "retrying");
            tokio::time::sleep(wait).await;
        }
    }

    async fn attempt(&self, uri: &Uri, token: Option<&Secret>, policy: &RetryPolicy) -> Outcome<E> {
        let operation = self.request.operation;
        let request = self.request.to_request(uri, token);
        let timeout = self.timeout.unwrap_or_else(|| self.request.client.timeout());
        let transport = |source: TransportError| Error::Transport { operation: operation.id, source };
        let response = match self.request.client.http().send(request, Some(timeout)).await {
            Ok(response) => response,
            // Nothing reached the server: safe to try again, whatever the method.
            Err(source) if source.is_connect() => return Outcome::Retry { error: transport(source), wait: None },
            // It may have been processed: only requests safe to repeat are sent again.
            Err(source) if operation.idempotent => return Outcome::Retry { error: transport(source), wait: None },
            Err(source) => return Outcome::Fail(transport(source)),
        };
        let status = response.status();
        tracing::Span::current().record("status", status.as_u16());
        let (http::response::Parts { headers, .. }, body) = response.into_parts();
        if status.is_success() {
            return Outcome::Done(Response { status, headers, body });
        }
        let decoded = serde_json::from_slice::<E>(&body).ok();
        let api = ApiError { operation: operation.id, status, headers, body: decoded, raw: body };
        if !is_retryable_status(status) {
            return Outcome::Fail(Error::Api(api));
        }
        let hint = retry_after(&api.headers, SystemTime::now());
        if let Some(hint) = hint.filter(|h| h.wait > policy.max_retry_after) {
            // A daily limit and the like: not slept through, but said when to come back.
            let limit_type = api.headers.get("x-ratelimit-type").and_then(|v| v.to_str().ok()).map(str::to_owned);
            return Outcome::Fail(Error::RateLimited {
                retry_at: hint.until,
                retry_after: hint.wait,
                limit_type,
                response: api,
            });
        }
        if operation.idempotent {
            Outcome::Retry { error: Error::Api(api), wait: hint.map(|h| h.wait) }
        } else {
            Outcome::Fail(Error::Api(api))
        }
    }
}

fn unexpected<E>(
    operation: &'static str,
    status: StatusCode,
    headers: &HeaderMap,
    raw: Bytes,
    reason: String,
) -> Error<E> {
    let content_type = headers.get(CONTENT_TYPE).map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
    Error::UnexpectedBody { operation, status, content_type, raw, reason }
}

impl<'a, T, E> IntoFuture for Call<'a, T, E>
where
    T: FromResponse + Send + 'a,
    E: DeserializeOwned + Send + 'a,
{
    type Output = Result<T, Error<E>>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move { self.send_with_response().await.map(|response| response.body) })
    }
}
