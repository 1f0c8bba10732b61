//! Plans of a sub account: subscribe (`POST /plans`), read (`GET /plans`), the base plan (update,
//! cancel) and usage; and the plan-set helpers the add-ons ([`super::addons`]) share.
//!
//! The plans are kept as the generated `AccountPlansInfo` (what **Get plan information**
//! answers). Zoom's plan sets are wide and keep growing, so the handlers work on their JSON form
//! and every body goes through the generated models on its way in and out: whatever plan keys the
//! spec knows are carried, the others are dropped as the models drop them.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Map, Value};
use zoom::types::{
    AccountPlanSubscribeRequest, AccountPlansInfo, AddonPlanUpdateRequest, BasePlanCancelRequest,
    BasePlanUpdateRequest, PlanUsage, SubscribedAccountPlans,
};

use super::account::{account, check_contact, Needs};
use super::error::{ZErr, ZResult};
use super::input::checked_body;
use super::seats::{self, Seats};
use crate::http::{parse_json, spec_violations, Reply, Req};
use crate::state::State;
use crate::time::{date, date_next_month, parse_date};

/// The keys that hold the base plan (a bundle includes one).
pub(super) const BASE_KEYS: [&str; 2] = ["plan_base", "plan_bundle"];
/// The partner discount the sandbox reports on every plan.
const DISCOUNT_PERCENT: i64 = 10;

pub(super) fn to_value<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or_default()
}

/// Back into a generated model (a failure would be a sandbox bug: 500).
pub(super) fn typed<T: DeserializeOwned>(value: Value) -> Result<T, ZErr> {
    serde_json::from_value(value).map_err(|err| ZErr::new(500, 500, format!("sandbox error: {err}")))
}

/// `current` with the fields `change` sends (those not null) put over its own: a PATCH.
pub(super) fn patched<T: Serialize + DeserializeOwned>(current: &T, change: &impl Serialize) -> Result<T, ZErr> {
    let mut merged = to_value(current);
    if let (Value::Object(fields), Value::Object(changes)) = (&mut merged, to_value(change)) {
        fields.extend(changes.into_iter().filter(|(_, value)| !value.is_null()));
    }
    typed(merged)
}

/// Calls `f` on every plan object (one with a `type`) inside `value`.
pub(super) fn each_plan(value: &mut Value, f: &mut dyn FnMut(&mut Map<String, Value>)) {
    match value {
        Value::Object(map) if map.get("type").is_some_and(Value::is_string) => f(map),
        Value::Object(map) => map.values_mut().for_each(|inner| each_plan(inner, f)),
        Value::Array(items) => items.iter_mut().for_each(|inner| each_plan(inner, f)),
        _ => {}
    }
}

/// Every plan object inside `value`.
pub(super) fn plans_in<'a>(value: &'a Value, out: &mut Vec<&'a Map<String, Value>>) {
    match value {
        Value::Object(map) if map.get("type").is_some_and(Value::is_string) => out.push(map),
        Value::Object(map) => map.values().for_each(|inner| plans_in(inner, out)),
        Value::Array(items) => items.iter().for_each(|inner| plans_in(inner, out)),
        _ => {}
    }
}

pub(super) fn kind_of(plan: &Map<String, Value>) -> &str {
    plan.get("type").and_then(Value::as_str).unwrap_or_default()
}

pub(super) fn is_active(plan: &Value) -> bool {
    plan.get("status").and_then(Value::as_str) == Some("active")
}

/// Partner pricing, filled deterministically: `partner_sku` is `SBX-` and the upper-cased plan
/// type, the discount 10 % (`discount_percent` 10, `discount_rate` 0.1).
pub(super) fn price(plan: &mut Map<String, Value>) {
    let sku = format!("SBX-{}", kind_of(plan).to_ascii_uppercase());
    plan.insert("partner_sku".to_owned(), json!(sku));
    plan.insert("discount_percent".to_owned(), json!(DISCOUNT_PERCENT));
    plan.insert("discount_rate".to_owned(), json!(DISCOUNT_PERCENT as f64 / 100.0));
}

/// When a plan starts and is next invoiced.
#[derive(Debug, Clone)]
pub(super) struct Dates {
    effective: String,
    next_invoice: String,
}

impl Dates {
    /// From the requested `service_effective_date` (`yyyy-mm-dd`), or today.
    pub(super) fn new(now_ms: i64, effective: Option<&str>) -> Self {
        let start = effective.and_then(parse_date).unwrap_or(now_ms);
        Self { effective: date(start), next_invoice: date_next_month(start) }
    }

    /// A plan as stored: priced, dated, active, with `hosts` (from `increasing_hosts` if need be).
    pub(super) fn stamp(&self, plan: &mut Map<String, Value>) {
        if let Some(increase) = plan.remove("increasing_hosts") {
            plan.entry("hosts").or_insert(increase);
        }
        price(plan);
        plan.insert("service_effective_date".to_owned(), json!(self.effective));
        plan.insert("next_invoice_date".to_owned(), json!(self.next_invoice));
        plan.insert("status".to_owned(), json!("active"));
    }

    /// The top-level Cloud Recording plan code, as stored: its dates and status ride beside it.
    pub(super) fn stamp_recording(&self, info: &mut Map<String, Value>, kind: &str) {
        info.insert("plan_recording".to_owned(), json!(kind));
        info.insert("plan_recording_service_effective_date".to_owned(), json!(self.effective));
        info.insert("plan_recording_next_invoice_date".to_owned(), json!(self.next_invoice));
        info.insert("plan_recording_status".to_owned(), json!("Active"));
    }
}

/// The Cloud Recording plan as responses report it beside the plan code.
pub(super) fn cloud_recording(kind: &str) -> Value {
    let mut plan = Map::new();
    plan.insert("type".to_owned(), json!(kind));
    price(&mut plan);
    Value::Object(plan)
}

/// A plan set as JSON: plan keys (`plan_base`, `plan_webinar`, ...) to plan objects or lists.
pub(super) type Plans = Map<String, Value>;

/// The value under `key` (`null` when absent).
pub(super) fn at<'a>(plans: &'a Plans, key: &str) -> &'a Value {
    static NULL: Value = Value::Null;
    plans.get(key).unwrap_or(&NULL)
}

/// A model as a plan set (empty if it is not an object, which a plan model always is).
pub(super) fn plans_of<T: Serialize>(value: &T) -> Plans {
    match to_value(value) {
        Value::Object(plans) => plans,
        _ => Plans::new(),
    }
}

/// Whether the account pays for a base plan (or a bundle).
pub(super) fn base_active(info: &Plans) -> bool {
    is_active(at(info, "plan_base"))
        || match at(info, "plan_bundle") {
            Value::Array(items) => items.iter().any(is_active),
            bundle => is_active(bundle),
        }
}

/// Whether these plans include an active base plan (or bundle).
pub(super) fn paying(plans: &AccountPlansInfo) -> bool {
    base_active(&plans_of(plans))
}

/// The types of the active add-ons.
pub(super) fn active_addons(info: &Plans) -> Vec<String> {
    let mut active = Vec::new();
    for (key, value) in info.iter().filter(|(key, _)| !BASE_KEYS.contains(&key.as_str())) {
        if key == "plan_recording" {
            if at(info, "plan_recording_status") == "Active" {
                active.extend(value.as_str().map(str::to_owned));
            }
            continue;
        }
        let mut plans = Vec::new();
        plans_in(value, &mut plans);
        active.extend(
            plans
                .into_iter()
                .filter(|plan| plan.get("status") == Some(&json!("active")))
                .map(|p| kind_of(p).to_owned()),
        );
    }
    active
}

/// The account's plans as JSON (empty before the first subscription).
pub(super) fn info_of(plans: Option<&AccountPlansInfo>) -> Plans {
    plans.map(plans_of).unwrap_or_default()
}

/// `POST /accounts/{accountId}/plans`: 201 with the plans echoed, priced.
pub(super) fn subscribe(st: &mut State, now_ms: i64, req: &Req, id: &str) -> ZResult {
    let request: AccountPlanSubscribeRequest = parse_json(&req.body).map_err(ZErr::body)?;
    let violations = spec_violations(&request, "$");
    if !violations.is_empty() {
        return Err(ZErr::violations(violations));
    }
    let contact = &request.contact;
    check_contact(&[
        ("first_name", Some(&contact.first_name)),
        ("last_name", Some(&contact.last_name)),
        ("email", Some(&contact.email)),
        ("phone_number", Some(&contact.phone_number)),
        ("address", Some(&contact.address)),
        ("city", Some(&contact.city)),
        ("state", Some(&contact.state)),
        ("zip", Some(&contact.zip)),
        ("country", Some(&contact.country)),
    ])?;
    let account = account(st, id, Needs::Owner).map_err(|err| {
        if err.code() == 2100 {
            ZErr::bad(2100, "Cannot add plan for a sub account which is paid by self.")
        } else {
            err
        }
    })?;
    if base_active(&info_of(account.plans.as_ref())) {
        return Err(ZErr::bad(
            200,
            "This account already has an active subscription: update or cancel its plans instead.",
        ));
    }
    let mut plans = plans_of(&request);
    let effective = request.subscription_options.as_ref().and_then(|options| options.service_effective_date.as_deref());
    let dates = Dates::new(now_ms, effective);
    plans.remove("contact");
    plans.remove("subscription_options");

    let mut response = plans.clone();
    let mut info = plans;
    response.values_mut().for_each(|value| each_plan(value, &mut price));
    if let Some(kind) = at(&response, "plan_recording").as_str().map(str::to_owned) {
        response.insert("plan_cloud_recording".to_owned(), cloud_recording(&kind));
    }
    info.values_mut().for_each(|value| each_plan(value, &mut |plan| dates.stamp(plan)));
    if let Some(kind) = at(&info, "plan_recording").as_str().map(str::to_owned) {
        dates.stamp_recording(&mut info, &kind);
    }
    let response: SubscribedAccountPlans = typed(Value::Object(response))?;
    account.plans = Some(typed(Value::Object(info))?);
    account.contact = Some(request.contact);
    Ok(Reply::json(201, &response))
}

/// `GET /accounts/{accountId}/plans`: every plan with its dates and status.
pub(super) fn get(st: &mut State, id: &str) -> ZResult {
    let account = account(st, id, Needs::MasterPays)?;
    Ok(Reply::json(200, &account.plans.clone().unwrap_or_default()))
}

/// The body of an add-on update: the spec's rules, then at least one host.
pub(super) fn addon_update(req: &Req) -> Result<AddonPlanUpdateRequest, ZErr> {
    let request: AddonPlanUpdateRequest = checked_body(req)?;
    if request.hosts < 1 {
        return Err(ZErr::bad(300, "Invalid parameter: hosts.").field("hosts", "at least 1"));
    }
    Ok(request)
}

/// `PUT /accounts/{accountId}/plans/base`: a new number of hosts for the same plan type; 204.
pub(super) fn update_base(st: &mut State, req: &Req, id: &str) -> ZResult {
    // The spec's rule: `hosts` or `increasing_hosts`, a positive integer.
    let request: BasePlanUpdateRequest = checked_body(req)?;
    let account = account(st, id, Needs::Owner)?;
    let mut info = info_of(account.plans.as_ref());
    let Some(Value::Object(base)) = info.get_mut("plan_base").filter(|base| is_active(base)) else {
        if base_active(&info) {
            return Err(ZErr::bad(2100, "Cannot makes updates when account is subscribed to a bundle plan."));
        }
        return Err(ZErr::bad(200, "You do not have a subscription yet."));
    };
    let old = kind_of(base).to_owned();
    if old != request.type_ {
        return Err(ZErr::bad(
            300,
            format!("Plan types do not match, oldPlanType: {old} newPlanType: {}.", request.type_),
        ));
    }
    let current = base.get("hosts").and_then(Value::as_i64).unwrap_or(0);
    let hosts = request.hosts.unwrap_or_else(|| current + request.increasing_hosts.unwrap_or(0));
    seats::room_for_hosts(account, hosts)?;
    base.insert("hosts".to_owned(), json!(hosts));
    if let Some(active) = request.active_hosts {
        base.insert("active_hosts".to_owned(), json!(active));
    }
    account.plans = Some(typed(Value::Object(info))?);
    Ok(Reply::empty(204))
}

/// `PATCH /accounts/{accountId}/plans/base/status`: cancels the base plan once every add-on is
/// cancelled; 204.
pub(super) fn cancel_base(st: &mut State, req: &Req, id: &str) -> ZResult {
    let request: BasePlanCancelRequest = parse_json(&req.body).map_err(ZErr::body)?;
    let violations = spec_violations(&request, "$");
    if !violations.is_empty() {
        return Err(ZErr::violations(violations));
    }
    if request.action.as_str() != "cancel" {
        return Err(ZErr::bad(300, "Invalid parameter: action.").field("action", "must be cancel"));
    }
    let account = account(st, id, Needs::Owner).map_err(|err| {
        if err.code() == 2001 {
            ZErr::new(404, 2001, "This account does not exist or does not belong to this master account.")
        } else {
            err
        }
    })?;
    let mut info = info_of(account.plans.as_ref());
    if !base_active(&info) {
        return Err(ZErr::bad(200, "You don't have a major subscription yet."));
    }
    if !active_addons(&info).is_empty() {
        return Err(ZErr::bad(200, "You should first cancel all additional subscriptions."));
    }
    for (_, value) in info.iter_mut().filter(|(key, _)| BASE_KEYS.contains(&key.as_str())) {
        each_plan(value, &mut |plan| {
            if plan.get("status") == Some(&json!("active")) {
                plan.insert("status".to_owned(), json!("cancel"));
            }
        });
    }
    account.plans = Some(typed(Value::Object(info))?);
    Ok(Reply::empty(204))
}

/// `GET /accounts/{accountId}/plans/usage`: the active plans; the base plan's `usage` and `pending`
/// count the licensed users, the add-ons' are 0.
pub(super) fn usage(st: &mut State, id: &str) -> ZResult {
    const SINGLE: [&str; 10] = [
        "plan_base",
        "plan_zoom_rooms",
        "plan_room_connector",
        "plan_whiteboard",
        "plan_whiteboard_plus",
        "plan_zoom_iq",
        "plan_zwr",
        "plan_ztransl",
        "plan_zsched",
        "plan_workforce_management",
    ];
    const LISTS: [&str; 4] = ["plan_webinar", "plan_large_meeting", "plan_zoom_events", "plan_zoom_one"];
    const ZNODE: [&str; 5] = ["plan_znode_base", "plan_zphybrid", "plan_mchybrid", "plan_zmhybrid", "plan_rchybrid"];
    let account = account(st, id, Needs::Exists)?;
    let info = info_of(account.plans.as_ref());
    if !base_active(&info) {
        return Err(ZErr::bad(200, "Only available for paid account."));
    }
    let used = |plan: &Value| json!({ "type": plan["type"], "hosts": plan["hosts"], "usage": 0, "pending": 0 });
    let mut usage = Map::new();
    for key in SINGLE.into_iter().filter(|key| is_active(at(&info, key))) {
        usage.insert(key.to_owned(), used(at(&info, key)));
    }
    for key in LISTS {
        let items: Vec<Value> =
            at(&info, key).as_array().into_iter().flatten().filter(|p| is_active(p)).map(used).collect();
        if !items.is_empty() {
            usage.insert(key.to_owned(), Value::Array(items));
        }
    }
    let znode = at(&info, "plan_znode");
    for key in ZNODE.into_iter().filter(|key| is_active(&znode[*key])) {
        usage.insert(key.to_owned(), used(&znode[key]));
    }
    if at(&info, "plan_recording_status") == "Active" {
        let recording = json!({
            "type": at(&info, "plan_recording"),
            "free_storage_usage": "0 GB",
            "plan_storage_usage": "0 GB",
            "plan_storage_exceed": "0",
        });
        usage.insert("plan_recording".to_owned(), recording);
    }
    // The base plan's hosts are taken by the account's licensed users: `usage` the active ones,
    // `pending` those invited who have not activated yet.
    if let Some(Value::Object(base)) = usage.get_mut("plan_base") {
        let seats = Seats::of(account);
        base.insert("usage".to_owned(), json!(seats.usage));
        base.insert("pending".to_owned(), json!(seats.pending));
    }
    let usage: PlanUsage = typed(Value::Object(usage))?;
    Ok(Reply::json(200, &usage))
}
