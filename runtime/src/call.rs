use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;
use std::time::Duration;

use bytes::Bytes;
use reqwest::header::{HeaderMap, CONTENT_TYPE};
use reqwest::StatusCode;
use serde::de::DeserializeOwned;

use crate::client::RequestBuilder;
use crate::{ApiError, Error};

/// How a success body becomes `T`; the error is a reason for [`Error::UnexpectedBody`].
pub(crate) type Decode<T> = fn(&[u8]) -> Result<T, String>;

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
    decode: Decode<T>,
    timeout: Option<Duration>,
    error: PhantomData<fn() -> E>,
}

impl<T, E> std::fmt::Debug for Call<'_, T, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Call").field("request", &self.request).field("timeout", &self.timeout).finish()
    }
}

impl<'a, T, E> Call<'a, T, E> {
    pub(crate) fn new(request: RequestBuilder<'a>, decode: Decode<T>) -> Self {
        Self { request, decode, timeout: None, error: PhantomData }
    }
}

impl<'a, T, E> Call<'a, T, E>
where
    T: Send + 'a,
    E: DeserializeOwned + Send + 'a,
{
    /// A total time limit for this call only.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Sends the call and returns the status and headers with the typed body.
    pub async fn send_with_response(self) -> Result<Response<T>, Error<E>> {
        let operation = self.request.operation.id;
        let invalid = |reason: String| Error::InvalidRequest { operation, reason };
        if let Some(reason) = self.request.problem.clone() {
            return Err(invalid(reason));
        }
        let request = self.request.to_reqwest(self.timeout).map_err(invalid)?;
        let transport = |source: reqwest::Error| Error::Transport { operation, source };
        let response = request.send().await.map_err(transport)?;
        let status = response.status();
        let headers = response.headers().clone();
        let raw = response.bytes().await.map_err(transport)?;
        if !status.is_success() {
            let body = serde_json::from_slice::<E>(&raw).ok();
            return Err(Error::Api(ApiError { operation, status, headers, body, raw }));
        }
        match (self.decode)(&raw) {
            Ok(body) => Ok(Response { status, headers, body }),
            Err(reason) => Err(unexpected(operation, status, &headers, raw, reason)),
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
    T: Send + 'a,
    E: DeserializeOwned + Send + 'a,
{
    type Output = Result<T, Error<E>>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move { self.send_with_response().await.map(|response| response.body) })
    }
}
