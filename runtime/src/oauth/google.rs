//! Google service accounts: a JWT signed with the account's key, exchanged for an access token
//! with the operation's scopes (domain-wide delegation through `with_subject`).

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::{fetch_token, token_post, TokenCache};
use crate::auth::{AuthError, BoxFuture, Secret, TokenRequest, TokenSource};
use crate::body::UrlEncodedForm;

/// The parts of a service account's JSON key file that signing needs.
#[derive(Clone, Deserialize)]
pub struct ServiceAccountKey {
    /// The service account's email (the JWT issuer).
    pub client_email: String,
    /// The RSA private key, PEM.
    pub private_key: Secret,
    /// Where tokens are exchanged (`https://oauth2.googleapis.com/token`).
    #[serde(default = "default_token_uri")]
    pub token_uri: String,
}

fn default_token_uri() -> String {
    "https://oauth2.googleapis.com/token".to_owned()
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Secret::new)
    }
}

impl ServiceAccountKey {
    /// Reads a key file's JSON (as downloaded from the Google Cloud console).
    pub fn from_json(json: &str) -> Result<Self, AuthError> {
        serde_json::from_str(json)
            .map_err(|err| AuthError { message: format!("not a service account key: {err}"), status: None })
    }
}

impl fmt::Debug for ServiceAccountKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServiceAccountKey")
            .field("client_email", &self.client_email)
            .field("private_key", &self.private_key)
            .field("token_uri", &self.token_uri)
            .finish()
    }
}

/// Google OAuth 2 for a service account: a JWT signed with its key (RS256, by `jsonwebtoken`)
/// is exchanged for an access token with the operation's scopes. With domain-wide delegation,
/// `subject` is the user the service account acts as (a reseller admin). Tokens are cached per
/// scope set until shortly before they expire.
#[derive(Debug)]
pub struct GoogleServiceAccount {
    key: ServiceAccountKey,
    subject: Option<String>,
    cache: TokenCache,
}

#[derive(Serialize)]
struct Claims<'a> {
    iss: &'a str,
    scope: String,
    aud: &'a str,
    iat: u64,
    exp: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    sub: Option<&'a str>,
}

impl GoogleServiceAccount {
    /// Signs as the service account itself.
    pub fn new(key: ServiceAccountKey) -> Self {
        Self { key, subject: None, cache: TokenCache::default() }
    }

    /// Acts as `user` through domain-wide delegation.
    #[must_use]
    pub fn with_subject(mut self, user: impl Into<String>) -> Self {
        self.subject = Some(user.into());
        self
    }

    fn assertion(&self, scopes: &[&'static str]) -> Result<String, AuthError> {
        let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
        let claims = Claims {
            iss: &self.key.client_email,
            scope: scopes.join(" "),
            aud: &self.key.token_uri,
            iat: now,
            exp: now + 3600,
            sub: self.subject.as_deref(),
        };
        let invalid = |err: jsonwebtoken::errors::Error| AuthError {
            message: format!("cannot sign with the key: {err}"),
            status: None,
        };
        let key = jsonwebtoken::EncodingKey::from_rsa_pem(self.key.private_key.expose().as_bytes()).map_err(invalid)?;
        jsonwebtoken::encode(&jsonwebtoken::Header::new(jsonwebtoken::Algorithm::RS256), &claims, &key).map_err(invalid)
    }
}

impl TokenSource for GoogleServiceAccount {
    fn token<'a>(&'a self, request: TokenRequest<'a>) -> BoxFuture<'a, Result<Secret, AuthError>> {
        let scopes = request.scopes();
        Box::pin(self.cache.get(scopes, request.rejected(), move || async move {
            // Signed once per fetch; every attempt of the fetch sends the same assertion.
            let mut form = UrlEncodedForm::new();
            form.text("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer")
                .text("assertion", &self.assertion(scopes)?);
            let body = form.finish();
            fetch_token(request, || {
                let mut post = token_post(&self.key.token_uri, body.clone())?;
                post.headers_mut().insert(
                    http::header::CONTENT_TYPE,
                    http::HeaderValue::from_static("application/x-www-form-urlencoded"),
                );
                Ok(post)
            })
            .await
        }))
    }
}
