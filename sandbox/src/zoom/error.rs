//! Zoom's error answer: HTTP status, Zoom's own code, message and per-field errors, sent as the
//! generated `ZoomError`.

use clientgen_runtime::Violation;
use zoom::types::{ZoomError, ZoomErrorField};

use crate::http::{BodyError, Reply, Req};

/// A Zoom error: HTTP status, Zoom's own code, message and per-field errors.
#[derive(Debug, Clone)]
pub(crate) struct ZErr {
    status: u16,
    code: i64,
    message: String,
    errors: Vec<(String, String)>,
}

/// The result of a Zoom handler.
pub(crate) type ZResult = Result<Reply, ZErr>;

impl ZErr {
    /// An error without field details.
    pub(crate) fn new(status: u16, code: i64, message: impl Into<String>) -> Self {
        Self { status, code, message: message.into(), errors: Vec::new() }
    }

    /// Zoom's own code (`2001`, `2100`, ...), for a handler that words a code its own way.
    pub(crate) fn code(&self) -> i64 {
        self.code
    }

    /// Adds a field error.
    pub(crate) fn field(mut self, field: impl Into<String>, message: impl Into<String>) -> Self {
        self.errors.push((field.into(), message.into()));
        self
    }

    /// HTTP 400 with a Zoom code (`200` business rule, `300` invalid parameter, `2100`, ...).
    pub(crate) fn bad(code: i64, message: impl Into<String>) -> Self {
        Self::new(400, code, message)
    }

    /// HTTP 400, code 300: a body that is not JSON or not the model's shape. A missing field of
    /// the billing contact is code 2100, "Invalid parameter: {field}.", as Zoom answers it.
    pub(crate) fn body(err: BodyError) -> Self {
        match &err {
            BodyError::Syntax(_) => Self::bad(300, "Request Body should be a valid JSON object."),
            BodyError::Shape { path, missing: Some(name), .. } if path == "contact" => {
                Self::bad(2100, format!("Invalid parameter: {name}.")).field(err.field(), err.message())
            }
            BodyError::Shape { .. } => Self::bad(300, "Validation Failed.").field(err.field(), err.message()),
        }
    }

    /// HTTP 400, code 300 "Validation Failed.": the spec's rules the request breaks, one field
    /// error each (the field is the violation's path without the leading `$.`).
    pub(crate) fn violations(violations: Vec<Violation>) -> Self {
        violations.into_iter().fold(Self::bad(300, "Validation Failed."), |err, violation| {
            let field = violation.path.strip_prefix("$.").unwrap_or(&violation.path).to_owned();
            err.field(field, violation.message)
        })
    }

    /// HTTP 404 for a method and path the sandbox does not serve.
    pub(crate) fn not_served(req: &Req) -> Self {
        Self::new(404, 404, format!("The sandbox serves no {} {}.", req.method, req.path))
    }

    /// HTTP 404, code 2001.
    pub(crate) fn no_account(id: &str) -> Self {
        Self::new(404, 2001, format!("Account does not exist: {id}."))
    }

    /// The HTTP reply, with the generated `ZoomError` as its body.
    pub(crate) fn into_reply(self) -> Reply {
        let mut body = ZoomError::new(self.code.into(), self.message);
        if !self.errors.is_empty() {
            body.errors = Some(
                self.errors
                    .into_iter()
                    .map(|(field, message)| ZoomErrorField { field: Some(field), message: Some(message) })
                    .collect(),
            );
        }
        Reply::json(self.status, &body)
    }
}
