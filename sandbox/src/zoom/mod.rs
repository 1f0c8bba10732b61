//! Zoom's account plan and billing API (master-account APIs), served under `/zoom/v2/`:
//! subscribe, plans, base plan, add-ons, usage and the billing contact of sub accounts.

mod account;
mod addons;
mod billing;
mod error;
mod plans;

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
