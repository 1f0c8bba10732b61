//! Zoom's account plan and billing API (master-account APIs), served under `/zoom/v2/`:
//! subscribe, plans, base plan, add-ons, usage and the billing contact of sub accounts.

mod addons;
mod billing;
mod plans;

use clientgen_runtime::Violation;
use zoom::types::{ZoomError, ZoomErrorField};

use crate::http::{BodyError, Reply, Req};
use crate::server::{lock, Shared};
use crate::state::{State, ZoomAccount};

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

/// Handles a request under `/zoom/v2/`; `rest` is the path after it.
pub(crate) fn handle(shared: &Shared, req: &Req, rest: &[&str]) -> Reply {
    if shared.require_auth && req.bearer().is_none() {
        return ZErr::new(401, 124, "Invalid access token.").into_reply();
    }
    let now_ms = shared.clock.now_ms();
    let mut state = lock(&shared.state);
    route(&mut state, now_ms, req, rest).unwrap_or_else(ZErr::into_reply)
}

fn route(st: &mut State, now_ms: i64, req: &Req, rest: &[&str]) -> ZResult {
    match (req.method.as_str(), rest) {
        ("GET", ["accounts", id, "billing"]) => billing::get(st, id),
        ("PATCH", ["accounts", id, "billing"]) => billing::update(st, req, id),
        ("GET", ["accounts", id, "billing", "invoices"]) => billing::invoices(st, req, id),
        ("GET", ["accounts", id, "billing", "invoices", invoice]) => billing::invoice(st, id, invoice),
        ("GET", ["accounts", id, "plans"]) => plans::get(st, id),
        ("POST", ["accounts", id, "plans"]) => plans::subscribe(st, now_ms, req, id),
        ("PUT", ["accounts", id, "plans", "base"]) => plans::update_base(st, req, id),
        ("PATCH", ["accounts", id, "plans", "base", "status"]) => plans::cancel_base(st, req, id),
        ("POST", ["accounts", id, "plans", "addons"]) => addons::add_addon(st, now_ms, req, id),
        ("PUT", ["accounts", id, "plans", "addons"]) => addons::update_addon(st, req, id),
        ("PATCH", ["accounts", id, "plans", "addons", "status"]) => addons::cancel_addon(st, req, id),
        ("GET", ["accounts", id, "plans", "usage"]) => plans::usage(st, id),
        _ => Err(ZErr::new(404, 404, format!("The sandbox serves no {} {}.", req.method, req.path))),
    }
}

/// What an operation requires of the account besides existing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Needs {
    /// Only that it exists.
    Exists,
    /// That it is not on self pay (2100).
    MasterPays,
    /// Also that its owner user exists (1001): the plan-changing operations.
    Owner,
}

/// The account `id` (`me`, the master account, always exists), checked as `needs` says.
fn account<'a>(st: &'a mut State, id: &str, needs: Needs) -> Result<&'a mut ZoomAccount, ZErr> {
    if id == "me" {
        st.zoom.accounts.entry(id.to_owned()).or_default();
    }
    let account = st.zoom.accounts.get_mut(id).ok_or_else(|| ZErr::no_account(id))?;
    if needs == Needs::Owner && !account.owner_user {
        return Err(ZErr::new(404, 1001, "User does not exist."));
    }
    if needs != Needs::Exists && account.self_pay {
        return Err(ZErr::bad(2100, "This sub account is on self pay mode."));
    }
    Ok(account)
}

/// Zoom's checks of a billing contact's fields (code 2100), for the fields present.
fn check_contact(fields: &[(&str, Option<&str>)]) -> Result<(), ZErr> {
    for (name, value) in fields {
        let Some(value) = value.map(str::trim) else { continue };
        if value.is_empty() {
            return Err(ZErr::bad(2100, format!("Invalid parameter: {name}.")).field(*name, "must not be empty"));
        }
        match *name {
            "email" => {
                let valid = value.split_once('@').is_some_and(|(local, domain)| {
                    !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.')
                });
                if !valid {
                    return Err(ZErr::bad(2100, "Invalid parameter: email.").field("email", "not an email address"));
                }
            }
            "country" if value.len() != 2 || !value.bytes().all(|b| b.is_ascii_uppercase()) => {
                return Err(ZErr::bad(2100, format!("Invalid country parameter: {value}."))
                    .field("country", "an ISO 3166 alpha-2 country ID, such as US"));
            }
            _ => {}
        }
    }
    Ok(())
}
