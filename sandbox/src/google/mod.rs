//! The Google Workspace Reseller API v1 (`/apps/reseller/v1/...`): customers, subscriptions and
//! their plan, seat, renewal and suspension rules, and `resellernotify`.

mod changes;
mod customers;
mod error;
mod subscriptions;

use google_reseller::types::{ResellernotifyGetwatchdetailsResponse, ResellernotifyResource};

pub(crate) use error::GErr;
use error::GResult;

use crate::http::{Reply, Req};
use crate::shared::{lock, Shared};
use crate::state::State;

/// Handles a request under `/apps/reseller/v1/`; `rest` is the path after it.
pub(crate) fn handle(shared: &Shared, req: &Req, rest: &[&str]) -> Reply {
    if shared.require_auth && req.bearer().is_none() {
        return GErr::unauthenticated().into_reply();
    }
    let now_ms = shared.clock.now_ms();
    let mut state = lock(&shared.state);
    route(&mut state, now_ms, req, rest).unwrap_or_else(GErr::into_reply)
}

fn route(st: &mut State, now_ms: i64, req: &Req, rest: &[&str]) -> GResult {
    match (req.method.as_str(), rest) {
        ("POST", ["customers"]) => customers::insert(st, req),
        ("GET", ["customers", customer]) => customers::get(st, customer),
        ("PATCH", ["customers", customer]) => customers::patch(st, req, customer),
        ("PUT", ["customers", customer]) => customers::update(st, req, customer),
        ("POST", ["customers", customer, "subscriptions"]) => subscriptions::insert(st, now_ms, req, customer),
        ("GET", ["customers", customer, "subscriptions", id]) => subscriptions::get(st, customer, id),
        ("DELETE", ["customers", customer, "subscriptions", id]) => subscriptions::delete(st, req, customer, id),
        ("POST", ["customers", customer, "subscriptions", id, action]) => {
            changes::action(st, now_ms, req, customer, id, action)
        }
        ("GET", ["subscriptions"]) => subscriptions::list(st, req),
        ("GET", ["resellernotify", "getwatchdetails"]) => Ok(watch_details(st)),
        ("POST", ["resellernotify", "register"]) => Ok(register(st, req, true)),
        ("POST", ["resellernotify", "unregister"]) => Ok(register(st, req, false)),
        _ => Err(GErr::not_found(format!("Method not found: {} {}", req.method, req.path))),
    }
}

/// The Pub/Sub topic the sandbox reports once a reseller registers.
const TOPIC: &str = "projects/reseller-sandbox/topics/reseller-notifications";

fn watch_details(st: &State) -> Reply {
    let notify = &st.google.notify;
    let accounts = &notify.service_accounts;
    Reply::json(
        200,
        &ResellernotifyGetwatchdetailsResponse {
            service_account_email_addresses: (!accounts.is_empty()).then(|| accounts.clone()),
            topic_name: notify.topic.clone(),
        },
    )
}

/// `register` (adds the service account, creates the topic) or `unregister` (removes it).
fn register(st: &mut State, req: &Req, add: bool) -> Reply {
    let notify = &mut st.google.notify;
    let account = req.query("serviceAccountEmailAddress").filter(|account| !account.is_empty());
    if add {
        notify.topic.get_or_insert_with(|| TOPIC.to_owned());
        if let Some(account) = account.filter(|a| !notify.service_accounts.iter().any(|known| known == a)) {
            notify.service_accounts.push(account.to_owned());
        }
    } else if let Some(account) = account {
        notify.service_accounts.retain(|known| known != account);
    }
    Reply::json(
        200,
        &ResellernotifyResource { topic_name: Some(notify.topic.clone().unwrap_or_else(|| TOPIC.to_owned())) },
    )
}
