//! OAuth 2 token sources: Zoom's Server-to-Server flow and, with the `google-auth` feature,
//! Google service accounts with domain-wide delegation. Both cache tokens per scope set and
//! fetch them through the calling client's [`HttpClient`](crate::HttpClient), retrying the token
//! endpoint's connect errors, failed answers, 429s and 5xx under the client's retry policy,
//! within the call's deadline.

#[cfg(feature = "google-auth")]
mod google;
mod zoom;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use bytes::Bytes;
use tokio::sync::Mutex;

use crate::auth::{AuthError, Secret, TokenRequest};
use crate::retry::{Failure, Sent, Verdict};
use crate::transport::Exchange;

#[cfg(feature = "google-auth")]
pub use google::{GoogleServiceAccount, ServiceAccountKey};
pub use zoom::ZoomServerToServer;

/// Tokens are renewed this long before they expire, so none expires in flight.
const EXPIRY_MARGIN: Duration = Duration::from_secs(60);

/// A token endpoint that has not answered in this long has failed (when the call has no deadline).
const TOKEN_TIMEOUT: Duration = Duration::from_secs(30);

/// A token lifetime is taken as at most this long (an endpoint may say `u64::MAX`).
const MAX_LIFETIME: Duration = Duration::from_secs(24 * 3600);

/// A token answer is a few hundred bytes; anything past this is not one.
const MAX_TOKEN_ANSWER_BYTES: usize = 1 << 20;

/// The token and its lifetime in seconds out of a token endpoint's answer (RFC 6749 §5.1);
/// `expires_in` is read as a number or as a string of digits, as some endpoints send it.
pub(crate) fn parse_token(body: &[u8]) -> Result<(String, Option<u64>), String> {
    let answer: serde_json::Value = serde_json::from_slice(body).map_err(|err| err.to_string())?;
    let token = answer.get("access_token").and_then(serde_json::Value::as_str).ok_or("no `access_token` string")?;
    let expires_in = answer.get("expires_in").and_then(|v| v.as_u64().or_else(|| v.as_str()?.parse().ok()));
    Ok((token.to_owned(), expires_in))
}

#[derive(Clone)]
struct Cached {
    token: Secret,
    renew_at: Instant,
}

/// Cached tokens per scope set, behind one async lock: while one caller fetches, the others
/// wait and then take the token it fetched (a single refresh, however many callers).
#[derive(Default)]
pub(crate) struct TokenCache {
    tokens: Mutex<HashMap<Vec<&'static str>, Cached>>,
}

impl std::fmt::Debug for TokenCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenCache { .. }")
    }
}

impl TokenCache {
    /// The cached token for `scopes`, or a new one from `fetch`. A `rejected` token is not
    /// handed out again: if it is still the cached one, it is replaced.
    pub(crate) async fn get<F, Fut>(
        &self,
        scopes: &[&'static str],
        rejected: Option<&Secret>,
        fetch: F,
    ) -> Result<Secret, AuthError>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<(Secret, Option<u64>), AuthError>>,
    {
        let mut tokens = self.tokens.lock().await;
        let key = scopes.to_vec();
        if let Some(cached) = tokens.get(&key) {
            let fresh = Instant::now() < cached.renew_at;
            if fresh && rejected != Some(&cached.token) {
                return Ok(cached.token.clone());
            }
        }
        let (token, expires_in) = fetch().await?;
        let renew_at = renew_at(Instant::now(), expires_in);
        tokens.insert(key, Cached { token: token.clone(), renew_at });
        Ok(token)
    }
}

/// When a token fetched at `now` that lives `expires_in` seconds (an hour when not said, a day at
/// most) is to be renewed.
pub(crate) fn renew_at(now: Instant, expires_in: Option<u64>) -> Instant {
    let lifetime = Duration::from_secs(expires_in.unwrap_or(3600)).min(MAX_LIFETIME);
    now.checked_add(lifetime.saturating_sub(EXPIRY_MARGIN)).unwrap_or(now)
}

/// A `POST` of `body` to the token endpoint at `url`.
fn token_post(url: &str, body: Bytes) -> Result<http::Request<Bytes>, AuthError> {
    let uri: http::Uri =
        url.parse().map_err(|err| AuthError { message: format!("invalid token URL {url}: {err}"), status: None })?;
    let mut request = http::Request::new(body);
    *request.method_mut() = http::Method::POST;
    *request.uri_mut() = uri;
    Ok(request)
}

/// Sends a token request (made anew by `request` for every attempt) and reads the token out of
/// its answer, retrying as `token` says.
async fn fetch_token(
    token: TokenRequest<'_>,
    request: impl Fn() -> Result<http::Request<Bytes>, AuthError>,
) -> Result<(Secret, Option<u64>), AuthError> {
    let failed = |message: String, status: Option<u16>| AuthError { message, status };
    let started = Instant::now();
    let mut attempt = 0;
    loop {
        attempt += 1;
        // Within a deadline, the call that set it stops the wait (and says it timed out); without
        // one, an endpoint that does not answer still fails.
        let timeout = token.deadline().is_none().then_some(TOKEN_TIMEOUT);
        let exchange = Exchange { timeout, max_response_bytes: MAX_TOKEN_ANSWER_BYTES, repeatable: true };
        let (error, verdict) = match token.http().exchange(request()?, exchange).await {
            Ok(response) if response.status().is_success() => {
                let status = response.status();
                let (token, expires_in) = parse_token(response.body()).map_err(|err| {
                    failed(format!("token response is not an OAuth token: {err}"), Some(status.as_u16()))
                })?;
                return Ok((Secret::new(token), expires_in));
            }
            Ok(response) => {
                let verdict = token.retry_policy().verdict(
                    Failure::Status(response.status(), response.headers()),
                    Sent::TokenRequest,
                    attempt,
                    started,
                    token.deadline(),
                );
                // The endpoint's error body names the problem (`invalid_client`, ...) and holds no secret.
                let body = response.body();
                let shown = String::from_utf8_lossy(&body[..body.len().min(300)]).into_owned();
                (failed(shown, Some(response.status().as_u16())), verdict)
            }
            Err(err) => {
                let verdict = token.retry_policy().verdict(
                    Failure::Transport(&err),
                    Sent::TokenRequest,
                    attempt,
                    started,
                    token.deadline(),
                );
                (failed(format!("token request failed: {err}"), None), verdict)
            }
        };
        match verdict {
            Verdict::Retry(wait) => {
                tracing::info!(attempt, wait_ms = wait.as_millis() as u64, error = %error, "retrying the token request");
                tokio::time::sleep(wait).await;
            }
            Verdict::Stop | Verdict::RateLimited(_) => return Err(error),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse_token;

    #[test]
    fn token_answers_parse_with_numeric_string_or_absent_lifetimes() {
        assert_eq!(parse_token(br#"{"access_token":"t","expires_in":3599}"#), Ok(("t".to_owned(), Some(3599))));
        assert_eq!(parse_token(br#"{"access_token":"t","expires_in":"3599"}"#), Ok(("t".to_owned(), Some(3599))));
        assert_eq!(parse_token(br#"{"access_token":"t","token_type":"bearer"}"#), Ok(("t".to_owned(), None)));
        assert!(parse_token(br#"{"error":"invalid_client"}"#).unwrap_err().contains("access_token"));
        assert!(parse_token(b"<html>").is_err());
    }
}
