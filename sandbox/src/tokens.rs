//! The OAuth token endpoints: Zoom's Server-to-Server `POST /oauth/token` and a Google token
//! endpoint `POST /google/token` (the `token_uri` of a service account key). Any credentials
//! are accepted; the tokens are counters, good for any API call of the sandbox.

use serde_json::json;

use crate::http::{Reply, Req};
use crate::shared::{lock, Shared};
use crate::state::Counters;

/// A token lives this long (seconds), as Zoom's and Google's do.
const EXPIRES_IN: u64 = 3600;

/// A form field from the query string or the `application/x-www-form-urlencoded` body.
fn form_field(req: &Req, name: &str) -> Option<String> {
    req.query(name)
        .map(str::to_owned)
        .or_else(|| form_urlencoded::parse(&req.body).find(|(key, _)| key == name).map(|(_, value)| value.into_owned()))
}

fn next_token(shared: &Shared, prefix: &str) -> String {
    Counters::next(&mut lock(&shared.state).counters.token, prefix)
}

/// Zoom Server-to-Server OAuth: `grant_type=account_credentials`, `account_id`, and HTTP Basic
/// client credentials (any). Errors are Zoom's OAuth bodies `{reason, error}`.
pub(crate) fn zoom(shared: &Shared, req: &Req) -> Reply {
    let oauth_error =
        |status: u16, error: &str, reason: &str| Reply::json(status, &json!({ "reason": reason, "error": error }));
    if req.method != hyper::Method::POST {
        return oauth_error(405, "invalid_request", "The token endpoint takes POST.");
    }
    match form_field(req, "grant_type").as_deref() {
        Some("account_credentials") => {}
        Some(_) => return oauth_error(400, "unsupported_grant_type", "Unsupported grant type"),
        None => return oauth_error(400, "invalid_request", "Missing grant type"),
    }
    let basic = req
        .header("authorization")
        .and_then(|value| value.trim().split_once(' '))
        .is_some_and(|(scheme, credentials)| scheme.eq_ignore_ascii_case("basic") && !credentials.trim().is_empty());
    if !basic {
        return oauth_error(401, "invalid_client", "Invalid client_id or client_secret");
    }
    if form_field(req, "account_id").is_none_or(|id| id.is_empty()) {
        return oauth_error(400, "invalid_request", "Missing account_id");
    }
    Reply::json(
        200,
        &json!({
            "access_token": next_token(shared, "sbx-zoom-"),
            "token_type": "bearer",
            "expires_in": EXPIRES_IN,
            "scope": "account:read:admin billing:master",
            "api_url": format!("{}/zoom", shared.base_url),
        }),
    )
}

/// Google's JWT-bearer grant: `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer` and an
/// `assertion` (not verified). Errors are Google's OAuth bodies `{error, error_description}`.
pub(crate) fn google(shared: &Shared, req: &Req) -> Reply {
    let oauth_error = |status: u16, error: &str, description: &str| {
        Reply::json(status, &json!({ "error": error, "error_description": description }))
    };
    if req.method != hyper::Method::POST {
        return oauth_error(405, "invalid_request", "The token endpoint takes POST.");
    }
    if form_field(req, "grant_type").as_deref() != Some("urn:ietf:params:oauth:grant-type:jwt-bearer") {
        return oauth_error(400, "unsupported_grant_type", "Invalid grant_type: expected the JWT bearer grant.");
    }
    if form_field(req, "assertion").is_none_or(|assertion| assertion.is_empty()) {
        return oauth_error(400, "invalid_grant", "Missing assertion.");
    }
    Reply::json(
        200,
        &json!({ "access_token": next_token(shared, "sbx-google-"), "token_type": "Bearer", "expires_in": EXPIRES_IN }),
    )
}
