//! The state changes of a subscription (reference §4.3-§4.7): `changePlan` (a new
//! `subscriptionId` each time), `changeRenewalSettings`, `changeSeats`, `suspend`, `activate` and
//! `startPaidService`.

use google_reseller::types::{
    ChangePlanRequest, PlanName, RenewalSettings, Seats, Subscription, SubscriptionTrialSettings,
};

use super::error::{GErr, GResult};
use super::subscriptions::{
    commitment, in_trial, not_suspended, owned, present, read_body, renewal, renewal_fits, suspended, ui_url, Kind,
    DEFAULT_RENEWAL, RESPONSE_ONLY,
};
use crate::http::Req;
use crate::state::{Counters, State};

/// `POST .../subscriptions/{id}/{action}`.
pub(super) fn action(st: &mut State, now_ms: i64, req: &Req, customer: &str, id: &str, action: &str) -> GResult {
    match action {
        "changePlan" => change_plan(st, now_ms, req, customer, id),
        "changeRenewalSettings" => {
            let settings = read_body!(req, RenewalSettings);
            change_renewal_settings(owned(st, customer, id)?, settings)
        }
        "changeSeats" => {
            let seats = read_body!(req, Seats);
            change_seats(owned(st, customer, id)?, seats)
        }
        "suspend" => suspend(owned(st, customer, id)?),
        "activate" => activate(owned(st, customer, id)?),
        "startPaidService" => start_paid_service(owned(st, customer, id)?, now_ms),
        _ => Err(GErr::not_found(format!("Method not found: {} {}", req.method, req.path))),
    }
}

/// TRIAL or FLEXIBLE to an annual plan (or a trial to FLEXIBLE). The subscription gets a new
/// `subscriptionId`; the old one answers 404 from then on. A trial stays in trial.
fn change_plan(st: &mut State, now_ms: i64, req: &Req, customer: &str, id: &str) -> GResult {
    let request = read_body!(req, ChangePlanRequest);
    let current = owned(st, customer, id)?.clone();
    not_suspended(&current)?;
    if request.plan_name.as_str() == "ANNUAL" {
        return Err(GErr::invalid_field("planName", RESPONSE_ONLY));
    }
    let target_name = PlanName::from(request.plan_name.as_str());
    let target = Kind::of(&target_name);
    let from = Kind::of(&current.plan.plan_name);
    let trial = in_trial(&current);
    match target {
        Kind::Trial => return Err(GErr::invalid_field("planName", "changePlan cannot move a subscription to TRIAL.")),
        Kind::AnnualMonthly | Kind::AnnualYearly | Kind::Flexible => {}
        _ => {
            let name = target_name.as_str().to_owned();
            return Err(GErr::invalid_field("planName", format!("Invalid planName {name:?} for changePlan.")));
        }
    }
    match from {
        _ if trial => {}
        Kind::Flexible if target.annual() => {}
        Kind::Flexible => return Err(GErr::invalid_field("planName", "The subscription is already on FLEXIBLE.")),
        _ => {
            return Err(GErr::condition_not_met(format!(
                "changePlan moves TRIAL and FLEXIBLE subscriptions to an annual plan; subscription {id} is on {}.",
                current.plan.plan_name
            )))
        }
    }
    if let (Some(existing), Some(sent)) = (&current.deal_code, &request.deal_code) {
        if existing != sent {
            return Err(GErr::invalid_field(
                "dealCode",
                format!("Only the deal code already on the subscription ({existing}) may be sent."),
            ));
        }
    }
    let licensed = current.seats.as_ref().and_then(|seats| seats.licensed_number_of_seats);
    let mut seats = request.seats;
    seats.kind = Some("subscriptions#seats".to_owned());
    seats.licensed_number_of_seats = licensed.or(Some(0));
    let count = seats.number_of_seats.or(seats.maximum_number_of_seats).unwrap_or(0);
    if licensed.is_some_and(|users| count < users) {
        return Err(GErr::invalid_field("seats", "The seat count is below the customer's current number of users."));
    }

    let new_id = Counters::next(&mut st.counters.subscription, "S");
    let mut changed = current;
    changed.subscription_id = Some(new_id.clone());
    changed.resource_ui_url = Some(ui_url(&new_id));
    changed.plan.plan_name = target_name;
    changed.plan.is_commitment_plan = Some(target.annual());
    changed.plan.commitment_interval = target.annual().then(|| commitment(now_ms));
    changed.seats = Some(seats);
    changed.renewal_settings = if target.annual() {
        let kept = changed
            .renewal_settings
            .take()
            .filter(|settings| renewal_fits(target, settings.renewal_type.as_str()).is_ok());
        Some(kept.unwrap_or_else(|| renewal(DEFAULT_RENEWAL)))
    } else {
        None
    };
    changed.deal_code = request.deal_code.or(changed.deal_code);
    changed.purchase_order_id = request.purchase_order_id.or(changed.purchase_order_id);
    st.google.subscriptions.remove(id);
    let reply = present(&changed);
    st.google.subscriptions.insert(new_id, changed);
    Ok(reply)
}

/// Annual plans only (412 `conditionNotMet` on FLEXIBLE and TRIAL), paired with the plan's payments.
fn change_renewal_settings(subscription: &mut Subscription, settings: RenewalSettings) -> GResult {
    not_suspended(subscription)?;
    let kind = Kind::of(&subscription.plan.plan_name);
    if !kind.annual() {
        return Err(GErr::condition_not_met(format!(
            "Renewal settings apply only to annual commitment plans; this subscription is on {}.",
            subscription.plan.plan_name
        )));
    }
    renewal_fits(kind, settings.renewal_type.as_str())
        .map_err(|message| GErr::invalid_field("renewalType", message))?;
    subscription.renewal_settings = Some(renewal(settings.renewal_type.as_str()));
    Ok(present(subscription))
}

/// `numberOfSeats` for annual plans (it may grow, never shrink before renewal);
/// `maximumNumberOfSeats` for FLEXIBLE and TRIAL (at most 10 on a trial).
fn change_seats(subscription: &mut Subscription, seats: Seats) -> GResult {
    not_suspended(subscription)?;
    let kind = Kind::of(&subscription.plan.plan_name);
    let current = subscription.seats.clone().unwrap_or_default();
    let users = current.licensed_number_of_seats.unwrap_or(0);
    if kind.annual() {
        if seats.maximum_number_of_seats.is_some() {
            return Err(GErr::invalid_field(
                "maximumNumberOfSeats",
                "Annual plans change numberOfSeats; maximumNumberOfSeats is for FLEXIBLE and TRIAL plans.",
            ));
        }
        let Some(requested) = seats.number_of_seats else {
            return Err(GErr::invalid_field("numberOfSeats", "numberOfSeats is required for an annual plan."));
        };
        let committed = current.number_of_seats.unwrap_or(0);
        if requested < committed {
            return Err(GErr::invalid_field(
                "numberOfSeats",
                format!(
                    "numberOfSeats cannot be reduced before renewal (committed: {committed}, requested: {requested})."
                ),
            ));
        }
        if requested < users {
            return Err(GErr::invalid_field("numberOfSeats", "numberOfSeats is below the current number of users."));
        }
    } else if matches!(kind, Kind::Flexible | Kind::Trial) {
        if seats.number_of_seats.is_some() {
            return Err(GErr::invalid_field(
                "numberOfSeats",
                "FLEXIBLE and TRIAL plans change maximumNumberOfSeats; numberOfSeats is for annual plans.",
            ));
        }
        let Some(requested) = seats.maximum_number_of_seats else {
            return Err(GErr::invalid_field("maximumNumberOfSeats", "maximumNumberOfSeats is required."));
        };
        if kind == Kind::Trial && requested > 10 {
            return Err(GErr::invalid_field("maximumNumberOfSeats", "A trial subscription has at most 10 seats."));
        }
        if requested < users {
            return Err(GErr::invalid_field(
                "maximumNumberOfSeats",
                "maximumNumberOfSeats is below the current number of users.",
            ));
        }
    } else {
        return Err(GErr::invalid(format!("A {} subscription has no seats to change.", subscription.plan.plan_name)));
    }
    let mut updated = seats;
    updated.kind = Some("subscriptions#seats".to_owned());
    updated.licensed_number_of_seats = Some(users);
    subscription.seats = Some(updated);
    Ok(present(subscription))
}

/// ACTIVE becomes SUSPENDED with `RESELLER_INITIATED`; suspending again changes nothing.
fn suspend(subscription: &mut Subscription) -> GResult {
    let reasons = subscription.suspension_reasons.get_or_insert_with(Vec::new);
    if !reasons.iter().any(|reason| reason.as_str() == "RESELLER_INITIATED") {
        reasons.push("RESELLER_INITIATED".into());
    }
    subscription.status = Some("SUSPENDED".into());
    Ok(present(subscription))
}

/// Lifts a reseller-initiated suspension; other suspension reasons stay (412 when there is none
/// to lift). Activating an active subscription changes nothing.
fn activate(subscription: &mut Subscription) -> GResult {
    if !suspended(subscription) {
        return Ok(present(subscription));
    }
    let reasons = subscription.suspension_reasons.take().unwrap_or_default();
    if !reasons.iter().any(|reason| reason.as_str() == "RESELLER_INITIATED") {
        let shown: Vec<&str> = reasons.iter().map(|reason| reason.as_str()).collect();
        subscription.suspension_reasons = Some(reasons.clone());
        return Err(GErr::condition_not_met(format!(
            "The subscription is suspended for {}; activate lifts only reseller-initiated suspensions.",
            shown.join(", ")
        )));
    }
    let remaining: Vec<_> = reasons.into_iter().filter(|reason| reason.as_str() != "RESELLER_INITIATED").collect();
    if remaining.is_empty() {
        subscription.status = Some("ACTIVE".into());
    } else {
        subscription.suspension_reasons = Some(remaining);
    }
    Ok(present(subscription))
}

/// Ends the free trial of a trial that has a payment plan (from `changePlan`); billing starts now.
fn start_paid_service(subscription: &mut Subscription, now_ms: i64) -> GResult {
    let kind = Kind::of(&subscription.plan.plan_name);
    if !in_trial(subscription) || kind == Kind::Trial {
        return Err(GErr::condition_not_met(
            "startPaidService applies to a trial subscription that has a payment plan (set one with changePlan).",
        ));
    }
    subscription.trial_settings =
        Some(SubscriptionTrialSettings { is_in_trial: Some(false), trial_end_time: Some(now_ms) });
    if kind.annual() {
        subscription.plan.commitment_interval = Some(commitment(now_ms));
    }
    Ok(present(subscription))
}
