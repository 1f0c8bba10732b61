//! Google's JSON error envelope, built from the generated `GoogleError` model:
//! `{"error": {"code", "message", "errors": [{"message", "domain", "reason"}], "status"}}`.

use clientgen_runtime::Violation;
use google_reseller::types::{GoogleError, GoogleErrorBody, GoogleErrorItem};

use crate::http::{BodyError, Reply};

/// A Reseller API error: HTTP status, `errors[].reason`, message, and per-field details.
#[derive(Debug, Clone)]
pub(crate) struct GErr {
    status: u16,
    reason: &'static str,
    domain: &'static str,
    message: String,
    /// One entry per field at fault; when empty, one entry repeats the message.
    details: Vec<GoogleErrorItem>,
}

/// The result of a Reseller handler.
pub(crate) type GResult = Result<Reply, GErr>;

impl GErr {
    fn new(status: u16, reason: &'static str, message: impl Into<String>) -> Self {
        Self { status, reason, domain: "global", message: message.into(), details: Vec::new() }
    }

    /// 404 `notFound`: the customer or subscription does not exist.
    pub(crate) fn not_found(message: impl Into<String>) -> Self {
        Self::new(404, "notFound", message)
    }

    /// 400 `invalid`: a field value is invalid.
    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        Self::new(400, "invalid", message)
    }

    /// 400 `invalid` about one field (`location`).
    pub(crate) fn invalid_field(location: &str, message: impl Into<String>) -> Self {
        Self::invalid_fields(vec![(location.to_owned(), message.into())])
    }

    /// 400 `invalid` about several fields: `(location, message)` pairs.
    pub(crate) fn invalid_fields(problems: Vec<(String, String)>) -> Self {
        let message = problems.iter().map(|(_, message)| message.as_str()).collect::<Vec<_>>().join(" ");
        let mut err = Self::invalid(message);
        err.details =
            problems.into_iter().map(|(location, message)| item(message, "invalid", location, "body")).collect();
        err
    }

    /// 400 `badRequest`: the subscription is suspended or cancelled.
    pub(crate) fn bad_request(message: impl Into<String>) -> Self {
        Self::new(400, "badRequest", message)
    }

    /// 403 `forbidden`: the reseller does not manage the customer.
    pub(crate) fn forbidden(message: impl Into<String>) -> Self {
        Self::new(403, "forbidden", message)
    }

    /// 409 `duplicate`: the resource already exists.
    pub(crate) fn duplicate(message: impl Into<String>) -> Self {
        Self::new(409, "duplicate", message)
    }

    /// 412 `conditionNotMet`: the subscription is not in a state that allows the call.
    pub(crate) fn condition_not_met(message: impl Into<String>) -> Self {
        Self::new(412, "conditionNotMet", message)
    }

    /// 401: no bearer token.
    pub(crate) fn unauthenticated() -> Self {
        let message = "Request is missing required authentication credential. Expected OAuth 2 access token, \
                       login cookie or other valid authentication credential.";
        let mut err = Self::new(401, "required", message);
        err.details = vec![item(message.to_owned(), "required", "Authorization".to_owned(), "header")];
        err
    }

    /// 429 `usageLimits.quotaExceeded`.
    pub(crate) fn quota_exceeded() -> Self {
        let mut err = Self::new(429, "quotaExceeded", "Quota exceeded: too many requests per second (injected fault).");
        err.domain = "usageLimits";
        err
    }

    /// An error for any status, with the reason Google uses for it.
    pub(crate) fn for_status(status: u16, message: String) -> Self {
        let reason = match status {
            400 => "badRequest",
            401 => "required",
            403 => "forbidden",
            404 => "notFound",
            409 => "conflict",
            412 => "conditionNotMet",
            413 => "uploadTooLarge",
            429 => "rateLimitExceeded",
            500..=599 => "backendError",
            _ => "unknown",
        };
        Self::new(status, reason, message)
    }

    /// 400 for a body that is not JSON (`parseError`) or not the model's shape (`invalid`).
    pub(crate) fn body(err: BodyError) -> Self {
        match &err {
            BodyError::Syntax(message) => {
                Self::new(400, "parseError", format!("Invalid JSON payload received. {message}"))
            }
            BodyError::Shape { .. } => {
                let field = err.field();
                let message = if field.is_empty() {
                    format!("Invalid JSON payload received. {}", err.message())
                } else {
                    format!("Invalid JSON payload received. {}: {}", field, err.message())
                };
                let mut problem = Self::invalid(message.clone());
                problem.details = vec![item(message, "invalid", field, "body")];
                problem
            }
        }
    }

    /// 400 `invalid` listing the spec's rules a request breaks (body rules at `$...`, parameter
    /// rules at `query...`), with each violation's path as its `location`.
    pub(crate) fn violations(violations: Vec<Violation>) -> Self {
        let message = violations.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ");
        let mut err = Self::invalid(format!("Invalid request: {message}"));
        err.details = violations
            .into_iter()
            .map(|violation| {
                let location_type = if violation.path.starts_with("query") { "parameter" } else { "body" };
                item(violation.message, "invalid", violation.path, location_type)
            })
            .collect();
        err
    }

    /// The HTTP reply.
    pub(crate) fn into_reply(self) -> Reply {
        let details = if self.details.is_empty() {
            vec![GoogleErrorItem {
                message: Some(self.message.clone()),
                domain: Some(self.domain.to_owned()),
                reason: Some(self.reason.to_owned()),
                ..GoogleErrorItem::default()
            }]
        } else {
            self.details
        };
        let mut body = GoogleErrorBody::new(i32::from(self.status), self.message);
        body.errors = Some(details);
        body.status = Some(status_name(self.status).to_owned());
        Reply::json(self.status, &GoogleError::new(body))
    }
}

fn item(message: String, reason: &str, location: String, location_type: &str) -> GoogleErrorItem {
    GoogleErrorItem {
        message: Some(message),
        domain: Some("global".to_owned()),
        reason: Some(reason.to_owned()),
        location: (!location.is_empty()).then_some(location),
        location_type: Some(location_type.to_owned()),
    }
}

/// The canonical status Google pairs with an HTTP status.
fn status_name(status: u16) -> &'static str {
    match status {
        400 => "INVALID_ARGUMENT",
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 => "NOT_FOUND",
        409 => "ALREADY_EXISTS",
        412 => "FAILED_PRECONDITION",
        413 => "OUT_OF_RANGE",
        429 => "RESOURCE_EXHAUSTED",
        501 => "UNIMPLEMENTED",
        503 => "UNAVAILABLE",
        504 => "DEADLINE_EXCEEDED",
        500..=599 => "INTERNAL",
        _ => "UNKNOWN",
    }
}
