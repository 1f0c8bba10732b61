//! Sending one API call: [`Call`] takes a [`PreparedRequest`] and makes attempts (with a token
//! from the client's [`Auth`], a refresh after a 401, and the retries its [`RetryPolicy`]
//! decides), then decodes the success body where the call is awaited ([`FromResponse`]), or,
//! for a binary body, hands it on unread as a [`Download`].

use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::header::{HeaderMap, HeaderName, HeaderValue, ACCEPT, ACCEPT_ENCODING, CONTENT_TYPE};
use http::StatusCode;
use serde::de::DeserializeOwned;
use tracing::Instrument;

use crate::auth::{bearer_header, AuthError, Secret, TokenRequest};
use crate::client::ApiClient;
use crate::download::Download;
use crate::error::{ApiError, Error};
use crate::redirect::exchange_following;
use crate::request::{Operation, PreparedRequest, RequestBuilder};
use crate::retry::{rate_limit, Failure, RetryPolicy, Sent, Verdict};
use crate::transport::{Exchange, Received, TransportError};
use crate::validate::Violation;

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
    /// A binary body, handed on as it arrives (`T = Download`); redirects are followed.
    Stream,
}

impl SuccessBody {
    /// The body as `T`; the error is a reason for [`Error::UnexpectedBody`].
    fn decode<T: FromResponse>(self, status: StatusCode, raw: &[u8]) -> Result<T, String> {
        let empty = match self {
            SuccessBody::Json | SuccessBody::Stream => false,
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
    client: &'a ApiClient,
    operation: &'static Operation,
    /// The request, or why it cannot be sent.
    request: Result<PreparedRequest, String>,
    violations: Vec<Violation>,
    body: SuccessBody,
    output: PhantomData<fn() -> T>,
    timeout: Option<Duration>,
    attempt_timeout: Option<Duration>,
    retry: Option<RetryPolicy>,
    validate: bool,
    error: PhantomData<fn() -> E>,
}

impl<T, E> std::fmt::Debug for Call<'_, T, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Call")
            .field("operation", &self.operation.id)
            .field("request", &self.request)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

/// Stands in for a call's time limit when its own is too far off for the clock.
const A_CENTURY: Duration = Duration::from_secs(100 * 365 * 24 * 3600);

impl<'a> RequestBuilder<'a> {
    /// Finishes the request; the call decodes the success body into `T` (JSON, or by status for
    /// an operation whose success statuses carry different bodies).
    pub fn call<T: FromResponse, E>(self) -> Call<'a, T, E> {
        Call::new(self, SuccessBody::Json)
    }

    /// Finishes the request for an operation that answers some successes with a JSON body and
    /// others with none (`204 No Content`): an empty body is `None`.
    pub fn call_json_or_empty<T: DeserializeOwned, E>(self) -> Call<'a, Option<T>, E> {
        Call::new(self, SuccessBody::JsonOrEmpty)
    }

    /// Finishes the request for an operation whose success response has no body.
    pub fn call_empty<E>(self) -> Call<'a, (), E> {
        // Whatever an operation without a documented body sends back is ignored.
        Call::new(self, SuccessBody::Ignored)
    }

    /// Finishes the request for an operation whose success body is binary (a file, an image,
    /// a PDF): the call gives a [`Download`] to stream, not held in memory and not under the JSON
    /// size cap. `accept` is the operation's media types (`application/pdf`); the body is asked
    /// for as stored (`Accept-Encoding: identity`). Error statuses decode as for JSON calls.
    pub fn call_binary<E>(mut self, accept: &'static str) -> Call<'a, Download, E> {
        self.push_header(ACCEPT, HeaderValue::from_static(accept));
        self.push_header(ACCEPT_ENCODING, HeaderValue::from_static("identity"));
        Call::new(self, SuccessBody::Stream)
    }
}

impl<'a, T, E> Call<'a, T, E> {
    fn new(request: RequestBuilder<'a>, body: SuccessBody) -> Self {
        let (client, operation) = (request.client(), request.operation());
        let (request, violations) = request.prepare();
        Self::prepared(client, operation, request, violations, body)
    }

    /// A call of a request put together elsewhere (a download by URL).
    pub(crate) fn prepared(
        client: &'a ApiClient,
        operation: &'static Operation,
        request: Result<PreparedRequest, String>,
        violations: Vec<Violation>,
        body: SuccessBody,
    ) -> Self {
        Self {
            client,
            operation,
            request,
            violations,
            body,
            output: PhantomData,
            timeout: None,
            attempt_timeout: None,
            retry: None,
            validate: true,
            error: PhantomData,
        }
    }

    /// A time limit for this call as a whole (instead of the client's): every attempt, the
    /// waits between them (backoff and `Retry-After`) and the token fetches. When it runs out,
    /// the call fails with a [`TransportError`](crate::TransportError) that `is_timeout()`.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// A time limit for each attempt of this call (instead of the client's); an attempt that
    /// runs out is retried when the request is safe to repeat and the call has time left.
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.attempt_timeout = Some(timeout);
        self
    }

    /// Sends the header `name: value` with this call, replacing one of the same name (a default
    /// header, the `User-Agent`). A name or value that cannot be sent fails the call with
    /// [`Error::InvalidRequest`] when it is awaited, without echoing the value.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        if let Ok(request) = &mut self.request {
            match (HeaderName::try_from(name), HeaderValue::try_from(value)) {
                (Ok(name), Ok(value)) => {
                    request.headers.insert(name, value);
                }
                (Err(_), _) => self.request = Err(format!("`{name}` is not a valid header name")),
                (_, Err(_)) => {
                    self.request = Err(format!("header `{name}` has a value that is not a valid header value"))
                }
            }
        }
        self
    }

    /// Sends the request even if it breaks the spec's rules (to test what the server says).
    pub fn skip_validation(mut self) -> Self {
        self.validate = false;
        self
    }

    /// The spec's operationId of this call.
    pub(crate) fn operation_id(&self) -> &'static str {
        self.operation.id
    }

    /// The rules this request breaks, as checked before sending.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// A retry policy for this call only (for example [`RetryPolicy::none`]).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// The call's time limit (the client's unless set); also how long a download's body may send
    /// nothing before it fails.
    fn time_limit(&self) -> Duration {
        self.timeout.unwrap_or_else(|| self.client.timeout())
    }
}

impl<'a, T, E> Call<'a, T, E>
where
    T: FromResponse + Send + 'a,
    E: DeserializeOwned + Send + 'a,
{
    /// Sends the call and returns the status and headers with the typed body.
    pub async fn send_with_response(self) -> Result<Response<T>, Error<E>> {
        let span = self.span();
        self.run(|call, raw| call.decode(raw)).instrument(span).await
    }

    /// The success body as `T`.
    fn decode(&self, raw: Response<Received>) -> Result<Response<T>, Box<Error<E>>> {
        let operation = self.operation.id;
        let Received::Whole(body) = raw.body else {
            // Only `SuccessBody::Stream` calls leave a body unread, and they decode no JSON.
            let reason = "the body was not read".to_owned();
            return Err(Box::new(unexpected(operation, raw.status, &raw.headers, Bytes::new(), reason)));
        };
        match self.body.decode(raw.status, &body) {
            Ok(decoded) => Ok(Response { status: raw.status, headers: raw.headers, body: decoded }),
            Err(reason) => Err(Box::new(unexpected(operation, raw.status, &raw.headers, body, reason))),
        }
    }
}

impl<'a, T, E> Call<'a, T, E>
where
    T: Send + 'a,
    E: DeserializeOwned + Send + 'a,
{
    /// The `api_call` span the call runs in.
    fn span(&self) -> tracing::Span {
        tracing::info_span!(
            "api_call",
            operation = self.operation.id,
            method = %self.operation.method,
            status = tracing::field::Empty,
            attempts = tracing::field::Empty,
        )
    }

    /// Attempts until success, a final failure, the end of the retry policy or of the call's
    /// time limit; then `finish` makes the result of the answer (one async layer for `.await`,
    /// `send_with_response` and downloads: every layer copies the futures inside it).
    async fn run<R>(
        self,
        finish: impl FnOnce(&Self, Response<Received>) -> Result<R, Box<Error<E>>> + Send,
    ) -> Result<R, Error<E>> {
        let operation = self.operation;
        let request = match &self.request {
            Ok(request) => request,
            Err(reason) => return Err(Error::InvalidRequest { operation: operation.id, reason: reason.clone() }),
        };
        if self.validate && !self.violations.is_empty() {
            return Err(Error::Validation { operation: operation.id, violations: self.violations.clone() });
        }
        let limit = self.time_limit();
        let started = Instant::now();
        // A limit too far off for the clock to count to is no limit (a century stands in for it).
        let deadline = started.checked_add(limit);
        let stop_at = deadline.or_else(|| started.checked_add(A_CENTURY)).unwrap_or(started);
        let attempts = self.attempts(request, started, deadline);
        let raw = match tokio::time::timeout_at(stop_at.into(), attempts).await {
            Ok(Ok(raw)) => raw,
            Ok(Err(error)) => return Err(*error),
            Err(_) => {
                let source = TransportError::call_timeout(limit, operation.idempotent);
                return Err(Error::Transport { operation: operation.id, source });
            }
        };
        finish(&self, raw).map_err(|error| *error)
    }

    /// The attempts of one call. The error is boxed: a success then moves up through the
    /// layers above without the room an error takes.
    async fn attempts(
        &self,
        request: &PreparedRequest,
        started: Instant,
        deadline: Option<Instant>,
    ) -> Result<Response<Received>, Box<Error<E>>> {
        let operation = self.operation;
        let policy = self.retry.as_ref().unwrap_or_else(|| self.client.retry_policy());
        let sent = Sent::Operation { idempotent: operation.idempotent };
        let exchange = Exchange {
            timeout: self.attempt_timeout.or(self.client.attempt_timeout()),
            max_response_bytes: self.client.max_response_bytes(),
            repeatable: operation.idempotent,
        };
        let mut rejected: Option<Secret> = None;
        let mut refreshed = false;
        let mut attempt = 0;
        loop {
            attempt += 1;
            tracing::Span::current().record("attempts", attempt);
            let (authorization, token) = self.authorization(rejected.as_ref(), deadline).await.map_err(Box::new)?;
            let request = request.to_http(self.client.default_headers(), authorization);
            // Boxed: the exchange is the largest future inside a call, and every layer above it
            // would otherwise copy it whole when it starts.
            let result = match self.body {
                SuccessBody::Stream => Box::pin(exchange_following(self.client.http(), request, exchange)).await,
                _ => Box::pin(self.client.http().exchange(request, exchange)).await.map(|r| r.map(Received::Whole)),
            };
            let (error, verdict) = match result {
                Ok(response) => {
                    let status = response.status();
                    tracing::Span::current().record("status", status.as_u16());
                    let (http::response::Parts { headers, .. }, body) = response.into_parts();
                    if status.is_success() {
                        return Ok(Response { status, headers, body });
                    }
                    // Only successes stream: any other answer was read whole.
                    let body = body.into_whole();
                    if status == StatusCode::UNAUTHORIZED && token.is_some() && !refreshed {
                        // The token was refused: one refresh, one more try.
                        tracing::debug!("401: refreshing the token once");
                        refreshed = true;
                        rejected = token;
                        attempt -= 1;
                        continue;
                    }
                    let verdict = policy.verdict(Failure::Status(status, &headers), sent, attempt, started, deadline);
                    let decoded = serde_json::from_slice::<E>(&body).ok();
                    let api = ApiError { operation: operation.id, status, headers, body: decoded, raw: body };
                    (rate_limited(api, verdict), verdict)
                }
                Err(source) => {
                    let verdict = policy.verdict(Failure::Transport(&source), sent, attempt, started, deadline);
                    (Error::Transport { operation: operation.id, source }, verdict)
                }
            };
            match verdict {
                Verdict::Retry(wait) => {
                    tracing::info!(attempt, wait_ms = wait.as_millis() as u64, error = %error, "retrying");
                    tokio::time::sleep(wait).await;
                }
                Verdict::Stop | Verdict::RateLimited(_) => return Err(Box::new(error)),
            }
        }
    }

    /// The `Authorization` header for the next attempt, and the token in it when it came from a
    /// token source (which can be asked for another after a 401).
    async fn authorization(
        &self,
        rejected: Option<&Secret>,
        deadline: Option<Instant>,
    ) -> Result<(Option<HeaderValue>, Option<Secret>), Error<E>> {
        if let Some(authorization) = self.client.static_authorization() {
            return Ok((Some(authorization.clone()), None));
        }
        let operation = self.operation;
        let policy = self.retry.as_ref().unwrap_or_else(|| self.client.retry_policy());
        let request =
            TokenRequest::new(operation.scopes, self.client.http(), policy).rejecting(rejected).until(deadline);
        let auth_error = |source| Error::Auth { operation: operation.id, source };
        let Some(token) = self.client.auth().token(request).await.map_err(auth_error)? else {
            return Ok((None, None));
        };
        let authorization = bearer_header(&token).ok_or_else(|| {
            auth_error(AuthError {
                message: "the token source returned a token that cannot be sent in a header (a line break in it)"
                    .to_owned(),
                status: None,
            })
        })?;
        Ok((Some(authorization), Some(token)))
    }
}

/// The error for an error status: [`Error::RateLimited`] when the retry policy says so.
fn rate_limited<E>(api: ApiError<E>, verdict: Verdict) -> Error<E> {
    let Verdict::RateLimited(hint) = verdict else { return Error::Api(api) };
    let limit_type = rate_limit(&api.headers).limit_type;
    Error::RateLimited { retry_at: hint.until, retry_after: hint.wait, limit_type, response: api }
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
        let span = self.span();
        Box::pin(self.run(|call, raw| call.decode(raw).map(|response| response.body)).instrument(span))
    }
}

/// A binary call gives the answer with its body still arriving; the call's time limit ends
/// with the answer's head. Reading the body is up to the caller ([`Download`]).
impl<'a, E> IntoFuture for Call<'a, Download, E>
where
    E: DeserializeOwned + Send + 'a,
{
    type Output = Result<Download, Error<E>>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        let span = self.span();
        let finish = |call: &Self, raw: Response<Received>| {
            Ok(Download::new(call.operation.id, raw.status, raw.headers, raw.body, call.time_limit()))
        };
        Box::pin(self.run(finish).instrument(span))
    }
}
