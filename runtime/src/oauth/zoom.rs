//! Zoom's Server-to-Server OAuth: the account's client id and secret (HTTP Basic) exchanged for
//! an hour-long token that carries every scope the app was granted.

use std::fmt;

use http::header::{HeaderValue, AUTHORIZATION};

use super::{fetch_token, token_post, TokenCache};
use crate::auth::{AuthError, BoxFuture, Secret, TokenRequest, TokenSource};
use crate::body::form_urlencode;

/// Zoom's Server-to-Server OAuth: `POST {token_url}?grant_type=account_credentials&account_id=...`
/// with the app's client id and secret as HTTP Basic credentials. Tokens (one hour) are cached
/// until shortly before they expire, and one refresh is shared by concurrent callers.
pub struct ZoomServerToServer {
    token_url: String,
    account_id: String,
    client_id: String,
    client_secret: Secret,
    cache: TokenCache,
}

impl ZoomServerToServer {
    /// Zoom's token endpoint.
    pub const TOKEN_URL: &'static str = "https://zoom.us/oauth/token";

    /// Credentials of a Server-to-Server OAuth app.
    pub fn new(account_id: impl Into<String>, client_id: impl Into<String>, client_secret: impl Into<Secret>) -> Self {
        Self {
            token_url: Self::TOKEN_URL.to_owned(),
            account_id: account_id.into(),
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            cache: TokenCache::default(),
        }
    }

    /// Fetches tokens from another URL (a sandbox or a test server).
    #[must_use]
    pub fn with_token_url(mut self, token_url: impl Into<String>) -> Self {
        self.token_url = token_url.into();
        self
    }
}

impl fmt::Debug for ZoomServerToServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ZoomServerToServer")
            .field("token_url", &self.token_url)
            .field("account_id", &self.account_id)
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .finish_non_exhaustive()
    }
}

impl TokenSource for ZoomServerToServer {
    fn token<'a>(&'a self, request: TokenRequest<'a>) -> BoxFuture<'a, Result<Secret, AuthError>> {
        // A Server-to-Server token carries every scope the app was granted: one cache entry.
        Box::pin(self.cache.get(&[], request.rejected(), move || {
            fetch_token(request, move || {
                let query = form_urlencode([("grant_type", "account_credentials"), ("account_id", &self.account_id)]);
                let mut post = token_post(&format!("{}?{query}", self.token_url), bytes::Bytes::new())?;
                post.headers_mut().insert(AUTHORIZATION, basic_credentials(&self.client_id, &self.client_secret)?);
                Ok(post)
            })
        }))
    }
}

/// `Basic base64(id:secret)` (RFC 7617), marked sensitive so that no log shows it.
fn basic_credentials(client_id: &str, client_secret: &Secret) -> Result<HeaderValue, AuthError> {
    use base64::Engine as _;
    let encoded = base64::engine::general_purpose::STANDARD.encode(format!("{client_id}:{}", client_secret.expose()));
    let mut value = HeaderValue::try_from(format!("Basic {encoded}"))
        .map_err(|_| AuthError { message: "the client id cannot be sent in a header".to_owned(), status: None })?;
    value.set_sensitive(true);
    Ok(value)
}
