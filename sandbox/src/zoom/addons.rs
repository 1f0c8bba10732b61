//! Add-on plans: subscribe (`POST /plans/addons`), resize (`PUT`) and cancel
//! (`PATCH /plans/addons/status`). An add-on goes where its plan code says.

use serde_json::{json, Value};
use zoom::types::{AddonPlanCancelRequest, AddonPlanSubscribeRequest, SubscribedAccountPlans};

use super::account::{account, Needs};
use super::error::{ZErr, ZResult};
use super::plans::{
    active_addons, at, base_active, cloud_recording, each_plan, info_of, kind_of, plans_in, price, to_value, typed,
    Dates, BASE_KEYS,
};
use crate::http::{parse_json, spec_violations, Reply, Req};
use crate::state::State;

/// Where an add-on type lives in the plans.
enum Slot {
    /// One plan object under this key.
    One(&'static str),
    /// A list of plans under this key.
    List(&'static str),
    /// The top-level Cloud Recording plan code.
    Recording,
    /// `plan_phone`, from `plan_details`.
    Phone,
}

/// The slot of an add-on plan type, by the prefixes of Zoom's plan codes.
fn slot(kind: &str) -> Option<Slot> {
    const PREFIXES: [(&str, Slot); 16] = [
        ("webinar", Slot::List("plan_webinar")),
        ("large", Slot::List("plan_large_meeting")),
        ("zoomevents", Slot::List("plan_zoom_events")),
        ("zobp", Slot::List("plan_zoom_one")),
        ("zoomone", Slot::List("plan_zoom_one")),
        ("zroom", Slot::One("plan_zoom_rooms")),
        ("roomconnector", Slot::One("plan_room_connector")),
        ("cmr_", Slot::Recording),
        ("zwb", Slot::One("plan_whiteboard")),
        ("zoomaudio", Slot::One("plan_audio_us_ca")),
        ("ziq", Slot::One("plan_zoom_iq")),
        ("zwr", Slot::One("plan_zwr")),
        ("ztransl", Slot::One("plan_ztransl")),
        ("zsched", Slot::One("plan_zsched")),
        ("zm_wf_mgt", Slot::One("plan_workforce_management")),
        ("vsdk_cmr", Slot::One("plan_sdk_cmr")),
    ];
    if kind == "plan_phone" {
        return Some(Slot::Phone);
    }
    if kind.starts_with("zmesh") {
        return Some(Slot::One("plan_mesh"));
    }
    let kind = kind.to_ascii_lowercase();
    PREFIXES.into_iter().find(|(prefix, _)| kind.starts_with(prefix)).map(|(_, slot)| slot)
}

/// `POST /accounts/{accountId}/plans/addons`: 201 with the add-on, priced.
pub(super) fn add_addon(st: &mut State, now_ms: i64, req: &Req, id: &str) -> ZResult {
    let request: AddonPlanSubscribeRequest = parse_json(&req.body).map_err(|err| match err {
        crate::http::BodyError::Shape { ref path, .. } if path.is_empty() => ZErr::bad(300, "Validation Failed.")
            .field("", "expected {type, hosts} or {type: \"plan_phone\", plan_details}"),
        other => ZErr::body(other),
    })?;
    let violations = match &request {
        AddonPlanSubscribeRequest::AddonPlanRequest(plan) => spec_violations(plan, "$"),
        AddonPlanSubscribeRequest::PhoneAddonPlanRequest(phone) => spec_violations(phone, "$"),
    };
    if !violations.is_empty() {
        return Err(ZErr::violations(violations));
    }
    let request = to_value(&request);
    let kind = request["type"].as_str().unwrap_or_default().to_owned();
    let account = account(st, id, Needs::Owner)?;
    let mut info = info_of(account.plans.as_ref());
    if !base_active(&info) {
        return Err(ZErr::bad(2100, "Cannot add an additional plan for a sub account which is under a free plan."));
    }
    let slot = slot(&kind).ok_or_else(|| ZErr::bad(300, format!("Account can't buy this plan: {kind}.")))?;
    let mut phone = Vec::new();
    plans_in(at(&info, "plan_phone"), &mut phone);
    let phone_active = phone.iter().any(|plan| plan.get("status") == Some(&json!("active")));
    if active_addons(&info).contains(&kind) || (matches!(slot, Slot::Phone) && phone_active) {
        return Err(ZErr::bad(2100, format!("This account already has the additional plan: {kind}.")));
    }
    let dates = Dates::new(now_ms, request["service_effective_date"].as_str());
    let plan = json!({ "type": kind, "hosts": request["hosts"] });
    let priced = |mut value: Value| {
        each_plan(&mut value, &mut price);
        value
    };
    let stamped = |mut value: Value| {
        each_plan(&mut value, &mut |plan| dates.stamp(plan));
        value
    };
    let stored = &mut info;
    let response = match slot {
        Slot::Phone => {
            let details = request["plan_details"].clone();
            stored.insert("plan_phone".to_owned(), stamped(details.clone()));
            json!({ "plan_phone": priced(details) })
        }
        Slot::Recording => {
            dates.stamp_recording(stored, &kind);
            json!({ "plan_recording": kind, "plan_cloud_recording": cloud_recording(&kind) })
        }
        Slot::One(key) => {
            stored.insert(key.to_owned(), stamped(plan.clone()));
            json!({ key: priced(plan) })
        }
        Slot::List(key) => {
            let list = stored.entry(key).or_insert_with(|| json!([]));
            if let Value::Array(items) = list {
                items.retain(|item| item["type"] != json!(kind));
                items.push(stamped(plan.clone()));
            } else {
                *list = json!([stamped(plan.clone())]);
            }
            json!({ key: [priced(plan)] })
        }
    };
    let response: SubscribedAccountPlans = typed(response)?;
    account.plans = Some(typed(Value::Object(info))?);
    Ok(Reply::json(201, &response))
}

/// `PUT /accounts/{accountId}/plans/addons`: a new number of hosts for an active add-on; 204.
pub(super) fn update_addon(st: &mut State, req: &Req, id: &str) -> ZResult {
    let request = super::plans::addon_update(req)?;
    let account = account(st, id, Needs::Owner)?;
    let mut info = info_of(account.plans.as_ref());
    let mut found = false;
    for (_, value) in info.iter_mut().filter(|(key, _)| !BASE_KEYS.contains(&key.as_str())) {
        each_plan(value, &mut |plan| {
            if kind_of(plan) == request.type_ && plan.get("status") == Some(&json!("active")) {
                plan.insert("hosts".to_owned(), json!(request.hosts));
                found = true;
            }
        });
    }
    if !found {
        return Err(ZErr::bad(200, format!("You don't have subscription for ({}) yet.", request.type_)));
    }
    account.plans = Some(typed(Value::Object(info))?);
    Ok(Reply::empty(204))
}

/// `PATCH /accounts/{accountId}/plans/addons/status`: cancels an active add-on; 204.
pub(super) fn cancel_addon(st: &mut State, req: &Req, id: &str) -> ZResult {
    let request: AddonPlanCancelRequest = parse_json(&req.body).map_err(ZErr::body)?;
    let violations = spec_violations(&request, "$");
    if !violations.is_empty() {
        return Err(ZErr::violations(violations));
    }
    if request.action.as_ref().is_some_and(|action| action.as_str() != "cancel") {
        return Err(ZErr::bad(300, "Invalid parameter: action.").field("action", "must be cancel"));
    }
    let kind = request.type_.clone().filter(|kind| !kind.trim().is_empty());
    let Some(kind) = kind else {
        return Err(ZErr::bad(300, "Plan type is required.").field("type", "required"));
    };
    let account = account(st, id, Needs::Owner)?;
    let mut info = info_of(account.plans.as_ref());
    let mut found = false;
    let recording_active =
        at(&info, "plan_recording") == &json!(kind) && at(&info, "plan_recording_status") == "Active";
    if recording_active {
        info.insert("plan_recording_status".to_owned(), json!("Cancelled"));
        found = true;
    }
    for (key, value) in info.iter_mut().filter(|(key, _)| !BASE_KEYS.contains(&key.as_str())) {
        let whole = kind == "plan_phone" && key == "plan_phone";
        each_plan(value, &mut |plan| {
            if (whole || kind_of(plan) == kind) && plan.get("status") == Some(&json!("active")) {
                plan.insert("status".to_owned(), json!("cancel"));
                found = true;
            }
        });
    }
    if !found {
        return Err(ZErr::bad(200, format!("You don't have a plan subscription for ({kind}) yet.")));
    }
    account.plans = Some(typed(Value::Object(info))?);
    Ok(Reply::empty(204))
}
