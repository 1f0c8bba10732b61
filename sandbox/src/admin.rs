//! The sandbox's own endpoints under `/_sandbox/`: faults, the request log, the state, and the
//! fixtures that the APIs cannot create themselves (Zoom sub accounts, direct Google customers).
//! They need no token, are never faulted and are not counted.

use google_reseller::types::Customer;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::faults::{parse_rules, rules_json};
use crate::http::{parse_json, Reply, Req};
use crate::shared::{autosave, lock, Shared};
use crate::state::{Counters, HostedMeeting, State, StoredCustomer, ZoomAccount};
use crate::time::parse_date;

/// Handles `/_sandbox/...`.
pub(crate) fn handle(shared: &Shared, req: &Req) -> Reply {
    let segments = req.segments();
    let reply = match (req.method.as_str(), &segments[1.min(segments.len())..]) {
        ("GET", []) => Reply::json(200, &index(shared)),
        ("GET", ["faults"]) => Reply::json(200, &rules_json(lock(&shared.faults).rules())),
        ("POST", ["faults"]) => match parse_rules(&req.body) {
            Ok(rules) => {
                let mut queue = lock(&shared.faults);
                queue.push(rules);
                Reply::json(200, &rules_json(queue.rules()))
            }
            Err(message) => problem(400, &message),
        },
        ("DELETE", ["faults"]) => {
            lock(&shared.faults).clear();
            Reply::empty(204)
        }
        ("GET", ["requests"]) => Reply::json(200, &lock(&shared.log).to_json()),
        ("DELETE", ["requests"]) => {
            lock(&shared.log).clear();
            Reply::empty(204)
        }
        ("GET", ["state"]) => Reply::json(200, &*lock(&shared.state)),
        ("PUT", ["state"]) => match State::from_json(&req.body) {
            Ok(state) => {
                *lock(&shared.state) = state;
                Reply::empty(204)
            }
            Err(err) => problem(400, &format!("not a sandbox state: {err}")),
        },
        ("POST", ["reset"]) => {
            *lock(&shared.state) = State::default();
            Reply::empty(204)
        }
        ("POST", ["save"]) => match &shared.state_file {
            Some(path) => match lock(&shared.state).save(path) {
                Ok(()) => Reply::json(200, &json!({ "saved": path.display().to_string() })),
                Err(err) => problem(500, &format!("cannot write {}: {err}", path.display())),
            },
            None => problem(400, "no state file: start the sandbox with --state FILE"),
        },
        ("GET", ["zoom", "accounts"]) => {
            Reply::json(200, &json!({ "accounts": lock(&shared.state).zoom.accounts.keys().collect::<Vec<_>>() }))
        }
        ("POST", ["zoom", "accounts"]) => create_zoom_account(shared, req),
        ("POST", ["zoom", "accounts", id, "meetings"]) => record_zoom_meeting(shared, req, id),
        ("POST", ["google", "customers"]) => create_direct_customer(shared, req),
        _ => problem(404, &format!("no sandbox endpoint {} {} (GET /_sandbox lists them)", req.method, req.path)),
    };
    let changed = matches!(
        (req.method.as_str(), segments.get(1).copied()),
        ("PUT", Some("state")) | ("POST", Some("reset" | "zoom" | "google"))
    );
    if changed && reply.status.is_success() {
        autosave(shared);
    }
    reply
}

fn problem(status: u16, message: &str) -> Reply {
    Reply::json(status, &json!({ "error": { "code": status, "message": message } }))
}

fn index(shared: &Shared) -> Value {
    let url = &shared.base_url;
    json!({
        "google": { "base_url": url, "paths": "/apps/reseller/v1/...", "token_url": format!("{url}/google/token") },
        "zoom": { "base_url": format!("{url}/zoom/v2"), "token_url": format!("{url}/oauth/token") },
        "auth_required": shared.require_auth,
        "state_file": shared.state_file.as_ref().map(|path| path.display().to_string()),
        "endpoints": [
            "GET /_sandbox/faults", "POST /_sandbox/faults", "DELETE /_sandbox/faults",
            "GET /_sandbox/requests", "DELETE /_sandbox/requests",
            "GET /_sandbox/state", "PUT /_sandbox/state", "POST /_sandbox/reset", "POST /_sandbox/save",
            "GET /_sandbox/zoom/accounts", "POST /_sandbox/zoom/accounts",
            "POST /_sandbox/zoom/accounts/{id}/meetings", "POST /_sandbox/google/customers"
        ],
    })
}

/// The body of `POST /_sandbox/zoom/accounts` (every field optional).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct NewZoomAccount {
    id: Option<String>,
    #[serde(default = "yes")]
    owner_user: bool,
    #[serde(default)]
    self_pay: bool,
}

fn yes() -> bool {
    true
}

fn create_zoom_account(shared: &Shared, req: &Req) -> Reply {
    let request = if req.body.iter().all(u8::is_ascii_whitespace) {
        NewZoomAccount { owner_user: true, ..NewZoomAccount::default() }
    } else {
        match parse_json::<NewZoomAccount>(&req.body) {
            Ok(request) => request,
            Err(err) => {
                return problem(400, &format!("expected {{\"id\", \"owner_user\", \"self_pay\"}}: {}", err.message()))
            }
        }
    };
    if request.id.as_deref().is_some_and(|id| id.is_empty() || id.contains('/')) {
        return problem(400, "an account id is a non-empty string without `/`");
    }
    let account = ZoomAccount { owner_user: request.owner_user, self_pay: request.self_pay, ..ZoomAccount::default() };
    let (id, created) = lock(&shared.state).add_zoom_account(request.id.as_deref(), account);
    if !created {
        return problem(409, &format!("the Zoom account {id} already exists"));
    }
    Reply::json(201, &json!({ "id": id, "owner_user": request.owner_user, "self_pay": request.self_pay }))
}

/// A meeting a user of a Zoom account hosted, for the usage reports (Zoom's API cannot create a
/// past meeting): `{"host_id", "date": "yyyy-mm-dd", "minutes", "participants"}`.
fn record_zoom_meeting(shared: &Shared, req: &Req, account_id: &str) -> Reply {
    let meeting = match parse_json::<HostedMeeting>(&req.body) {
        Ok(meeting) => meeting,
        Err(err) => {
            let expected = "expected {\"host_id\", \"date\", \"minutes\", \"participants\"}";
            return problem(400, &format!("{expected}: {}", err.message()));
        }
    };
    if parse_date(&meeting.date).is_none() || meeting.minutes < 0 || meeting.participants < 0 {
        return problem(400, "a meeting has a yyyy-mm-dd date and no negative minutes or participants");
    }
    let mut state = lock(&shared.state);
    let Some(account) = state.zoom.accounts.get_mut(account_id) else {
        return problem(404, &format!("no Zoom account {account_id}"));
    };
    if !account.users.contains_key(&meeting.host_id) {
        return problem(404, &format!("no user {} in the Zoom account {account_id}", meeting.host_id));
    }
    account.meetings.push(meeting.clone());
    Reply::json(201, &meeting)
}

/// The body of `POST /_sandbox/google/customers`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct NewDirectCustomer {
    customer_domain: String,
    customer_id: Option<String>,
}

/// A customer of Google's that this reseller does not manage (yet): `customers.get` shows it in
/// minimal form, and inserting it (or a subscription for it) needs a `customerAuthToken`.
fn create_direct_customer(shared: &Shared, req: &Req) -> Reply {
    let request = match parse_json::<NewDirectCustomer>(&req.body) {
        Ok(request) => request,
        Err(err) => {
            return problem(400, &format!("expected {{\"customerDomain\", \"customerId\"?}}: {}", err.message()))
        }
    };
    let mut state = lock(&shared.state);
    let domain = request.customer_domain.to_ascii_lowercase();
    let taken = state.google.customers.values().any(|stored| {
        stored.customer.customer_domain.as_deref().is_some_and(|existing| existing.eq_ignore_ascii_case(&domain))
    });
    if domain.is_empty() || taken {
        return problem(409, &format!("the domain {domain:?} is empty or already taken"));
    }
    let id = match request.customer_id {
        Some(id) if !state.google.customers.contains_key(&id) && !id.is_empty() => id,
        Some(id) => return problem(409, &format!("the customer id {id:?} is empty or already taken")),
        None => Counters::next(&mut state.counters.customer, "C"),
    };
    let customer = Customer {
        customer_id: Some(id.clone()),
        customer_domain: Some(domain),
        kind: Some("reseller#customer".to_owned()),
        customer_type: Some("domain".into()),
        customer_domain_verified: Some(true),
        ..Customer::default()
    };
    state.google.customers.insert(id, StoredCustomer { managed: false, customer: customer.clone() });
    Reply::json(201, &customer)
}
