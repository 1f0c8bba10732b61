//! Zoom's master account APIs, served under `/zoom/v2/`: sub accounts; their users, counted
//! against the base plan's hosts; plans (subscribe, base plan, add-ons, usage); the billing
//! contact; and the daily usage and active/inactive hosts reports.

mod account;
mod addons;
mod billing;
mod error;
mod input;
mod plans;
mod reports;
mod seats;
mod subaccounts;
mod users;

pub(crate) use error::ZErr;
use error::ZResult;

use crate::http::{Reply, Req};
use crate::shared::{lock, Shared};
use crate::state::State;

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
        ("GET", ["accounts"]) => subaccounts::list(st, req),
        ("POST", ["accounts"]) => subaccounts::create(st, now_ms, req),
        ("GET", ["accounts", id]) => subaccounts::get(st, id),
        ("DELETE", ["accounts", id]) => subaccounts::disassociate(st, id),
        ("PATCH", ["accounts", id, "options"]) => subaccounts::options(st, req, id),
        // A sub account's users and reports, as the master account reaches them; without the
        // prefix, the master account's own.
        (_, ["accounts", id, "users", rest @ ..]) => users::route(st, now_ms, req, id, rest),
        (_, ["users", rest @ ..]) => users::route(st, now_ms, req, "me", rest),
        (_, ["accounts", id, "report", rest @ ..]) => reports::route(st, now_ms, req, id, rest),
        (_, ["report", rest @ ..]) => reports::route(st, now_ms, req, "me", rest),
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
        _ => Err(ZErr::not_served(req)),
    }
}
