//! Subscriptions: insert, get, list (paged) and delete, and what the state changes of
//! [`super::changes`] share: plan kinds, the `ANNUAL` presentation, ownership and renewal pairing.

use google_reseller::types::{
    PlanName, RenewalSettings, Subscription, SubscriptionPlanCommitmentInterval, SubscriptionTrialSettings,
    Subscriptions, SubscriptionsInsertParams, SubscriptionsListParams,
};

use super::customers::{find_id, managed_id};
use super::error::{GErr, GResult};
use crate::http::{after_page_token, page_token, spec_violations, Reply, Req};
use crate::state::{Counters, State};
use crate::time::DAY_MS;

/// A free trial lasts 30 days; an annual commitment one year.
const TRIAL_DAYS: i64 = 30;
const COMMITMENT_DAYS: i64 = 365;
/// The renewal type Google applies to an annual plan ordered without one.
pub(super) const DEFAULT_RENEWAL: &str = "SWITCH_TO_PAY_AS_YOU_GO";
/// Why a request may not name the plan `ANNUAL`.
pub(super) const RESPONSE_ONLY: &str = "ANNUAL is how responses report ANNUAL_MONTHLY_PAY; order ANNUAL_MONTHLY_PAY.";
/// The Cloud Identity SKU, the only one with the FREE plan.
const CLOUD_IDENTITY_FREE: &str = "1010010001";

/// The kinds of plan the rules tell apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    AnnualMonthly,
    AnnualYearly,
    Flexible,
    Trial,
    Free,
    Other,
}

impl Kind {
    pub(super) fn of(plan: &PlanName) -> Self {
        match plan.as_str() {
            // `ANNUAL` only if a hand-written state file says so: requests may not name it.
            "ANNUAL_MONTHLY_PAY" | "ANNUAL" => Kind::AnnualMonthly,
            "ANNUAL_YEARLY_PAY" => Kind::AnnualYearly,
            "FLEXIBLE" => Kind::Flexible,
            "TRIAL" => Kind::Trial,
            "FREE" => Kind::Free,
            _ => Kind::Other,
        }
    }

    pub(super) fn annual(self) -> bool {
        matches!(self, Kind::AnnualMonthly | Kind::AnnualYearly)
    }
}

/// The product names of the SKUs the sandbox knows; other SKUs are sold without a name.
fn sku_name(sku: &str) -> Option<&'static str> {
    Some(match sku {
        "1010020027" => "Google Workspace Business Starter",
        "1010020028" => "Google Workspace Business Standard",
        "1010020025" => "Google Workspace Business Plus",
        "1010020026" => "Google Workspace Enterprise Standard",
        "1010020020" => "Google Workspace Enterprise Plus",
        CLOUD_IDENTITY_FREE => "Cloud Identity Free",
        _ => return None,
    })
}

/// A subscription as responses show it: `ANNUAL_MONTHLY_PAY` reads `ANNUAL`, as Google reports it.
pub(super) fn present(subscription: &Subscription) -> Reply {
    let mut shown = subscription.clone();
    if shown.plan.plan_name.as_str() == "ANNUAL_MONTHLY_PAY" {
        shown.plan.plan_name = PlanName::from("ANNUAL");
    }
    Reply::json(200, &shown)
}

pub(super) fn in_trial(subscription: &Subscription) -> bool {
    subscription.trial_settings.as_ref().and_then(|trial| trial.is_in_trial).unwrap_or(false)
}

pub(super) fn suspended(subscription: &Subscription) -> bool {
    subscription.status.as_ref().is_some_and(|status| status.as_str() == "SUSPENDED")
}

/// A body decoded into its model and checked against the spec's rules.
macro_rules! read_body {
    ($req:expr, $model:ty) => {{
        let body: $model = $crate::http::parse_json_strict(&$req.body).map_err(GErr::body)?;
        let violations = $crate::http::spec_violations(&body, "$");
        if !violations.is_empty() {
            return Err(GErr::violations(violations));
        }
        body
    }};
}

pub(super) use read_body;

/// The subscription `id` of the managed customer `customer`.
pub(super) fn owned<'a>(st: &'a mut State, customer: &str, id: &str) -> Result<&'a mut Subscription, GErr> {
    let customer_id = managed_id(st, customer)?;
    st.google
        .subscriptions
        .get_mut(id)
        .filter(|subscription| subscription.customer_id.as_deref() == Some(customer_id.as_str()))
        .ok_or_else(|| GErr::not_found(format!("Subscription {id} of customer {customer} does not exist.")))
}

pub(super) fn not_suspended(subscription: &Subscription) -> Result<(), GErr> {
    if suspended(subscription) {
        let id = subscription.subscription_id.as_deref().unwrap_or_default();
        return Err(GErr::bad_request(format!("Subscription {id} is suspended: activate it first.")));
    }
    Ok(())
}

pub(super) fn commitment(now_ms: i64) -> SubscriptionPlanCommitmentInterval {
    SubscriptionPlanCommitmentInterval {
        start_time: Some(now_ms),
        end_time: Some(now_ms.saturating_add(COMMITMENT_DAYS * DAY_MS)),
    }
}

pub(super) fn renewal(renewal_type: &str) -> RenewalSettings {
    let mut settings = RenewalSettings::new(renewal_type.into());
    settings.kind = Some("subscriptions#renewalSettings".to_owned());
    settings
}

/// Whether a renewal type may follow a plan: `*_MONTHLY_PAY` with monthly pay, `*_YEARLY_PAY`
/// with yearly pay, `CANCEL` and `SWITCH_TO_PAY_AS_YOU_GO` with either (source document 002).
pub(super) fn renewal_fits(kind: Kind, renewal_type: &str) -> Result<(), String> {
    let known = [
        "AUTO_RENEW_MONTHLY_PAY",
        "AUTO_RENEW_YEARLY_PAY",
        "CANCEL",
        "RENEW_CURRENT_USERS_MONTHLY_PAY",
        "RENEW_CURRENT_USERS_YEARLY_PAY",
        DEFAULT_RENEWAL,
    ];
    if !known.contains(&renewal_type) {
        return Err(format!("Unknown renewalType {renewal_type:?}."));
    }
    match kind {
        Kind::AnnualMonthly if renewal_type.ends_with("_YEARLY_PAY") => Err(format!(
            "An ANNUAL_MONTHLY_PAY plan cannot renew with {renewal_type}; use a *_MONTHLY_PAY renewal type."
        )),
        Kind::AnnualYearly if renewal_type.ends_with("_MONTHLY_PAY") => {
            Err(format!("An ANNUAL_YEARLY_PAY plan cannot renew with {renewal_type}; use a *_YEARLY_PAY renewal type."))
        }
        _ => Ok(()),
    }
}

pub(super) fn insert(st: &mut State, now_ms: i64, req: &Req, customer: &str) -> GResult {
    let params = SubscriptionsInsertParams {
        customer_auth_token: req.query("customerAuthToken").map(str::to_owned),
        action: req.query("action").map(Into::into),
        source_sku_id: req.query("sourceSkuId").map(str::to_owned),
    };
    let mut subscription = read_body!(req, Subscription);
    let violations = spec_violations(&params, "query");
    if !violations.is_empty() {
        return Err(GErr::violations(violations));
    }
    let customer_id =
        find_id(st, customer).ok_or_else(|| GErr::not_found(format!("Customer {customer} does not exist.")))?;
    let transfer = params.customer_auth_token.as_deref().is_some_and(|token| !token.is_empty());
    let Some(stored) = st.google.customers.get_mut(&customer_id) else {
        return Err(GErr::not_found(format!("Customer {customer} does not exist.")));
    };
    if !stored.managed && !transfer {
        return Err(GErr::forbidden(format!(
            "You do not manage customer {customer}; send its customerAuthToken to transfer the subscription."
        )));
    }
    stored.managed = true;
    let domain = stored.customer.customer_domain.clone();
    if subscription.plan.plan_name.as_str() == "ANNUAL" {
        return Err(GErr::invalid_field("plan.planName", RESPONSE_ONLY));
    }
    let kind = Kind::of(&subscription.plan.plan_name);
    match kind {
        Kind::Other => {
            let name = subscription.plan.plan_name.as_str().to_owned();
            return Err(GErr::invalid_field("plan.planName", format!("Unknown planName {name:?}.")));
        }
        Kind::Free if subscription.sku_id != CLOUD_IDENTITY_FREE => {
            return Err(GErr::invalid_field("plan.planName", "The FREE plan is only for the Cloud Identity Free SKU."));
        }
        Kind::Trial if subscription.seats.as_ref().and_then(|s| s.maximum_number_of_seats).is_some_and(|n| n > 10) => {
            return Err(GErr::invalid_field(
                "seats.maximumNumberOfSeats",
                "A trial subscription has at most 10 seats.",
            ));
        }
        _ => {}
    }
    if let Some(renewal_type) = subscription.renewal_settings.as_ref().map(|r| r.renewal_type.as_str().to_owned()) {
        if !kind.annual() {
            return Err(GErr::condition_not_met("Renewal settings apply only to annual commitment plans."));
        }
        renewal_fits(kind, &renewal_type)
            .map_err(|message| GErr::invalid_field("renewalSettings.renewalType", message))?;
    }
    // `action=switch` replaces the customer's subscription to `sourceSkuId`.
    if params.action.as_ref().is_some_and(|action| action.as_str() == "switch") {
        let source = params.source_sku_id.as_deref().unwrap_or_default();
        let replaced = st
            .google
            .subscriptions
            .iter()
            .find(|(_, s)| s.customer_id.as_deref() == Some(customer_id.as_str()) && s.sku_id == source)
            .map(|(id, _)| id.clone())
            .ok_or_else(|| GErr::not_found(format!("Customer {customer} has no subscription to SKU {source}.")))?;
        st.google.subscriptions.remove(&replaced);
    }
    let duplicate = st
        .google
        .subscriptions
        .values()
        .any(|s| s.customer_id.as_deref() == Some(customer_id.as_str()) && s.sku_id == subscription.sku_id);
    if duplicate {
        return Err(GErr::duplicate(format!(
            "Customer {customer} already has a subscription to SKU {}.",
            subscription.sku_id
        )));
    }

    let id = Counters::next(&mut st.counters.subscription, "S");
    subscription.kind = Some("reseller#subscription".to_owned());
    subscription.subscription_id = Some(id.clone());
    subscription.customer_id = Some(customer_id);
    subscription.customer_domain = domain;
    subscription.creation_time = Some(now_ms);
    subscription.billing_method = Some("ONLINE".to_owned());
    subscription.status = Some("ACTIVE".into());
    subscription.suspension_reasons = None;
    subscription.transfer_info = None;
    subscription.sku_name = sku_name(&subscription.sku_id).map(str::to_owned);
    subscription.resource_ui_url = Some(ui_url(&id));
    subscription.plan.is_commitment_plan = Some(kind.annual());
    subscription.plan.commitment_interval = kind.annual().then(|| commitment(now_ms));
    if kind.annual() && subscription.renewal_settings.is_none() {
        subscription.renewal_settings = Some(renewal(DEFAULT_RENEWAL));
    }
    if let Some(settings) = &mut subscription.renewal_settings {
        settings.kind = Some("subscriptions#renewalSettings".to_owned());
    }
    if let Some(seats) = &mut subscription.seats {
        seats.kind = Some("subscriptions#seats".to_owned());
        seats.licensed_number_of_seats = Some(0);
    }
    subscription.trial_settings = Some(if kind == Kind::Trial {
        SubscriptionTrialSettings {
            is_in_trial: Some(true),
            trial_end_time: Some(now_ms.saturating_add(TRIAL_DAYS * DAY_MS)),
        }
    } else {
        SubscriptionTrialSettings { is_in_trial: Some(false), trial_end_time: None }
    });
    let reply = present(&subscription);
    st.google.subscriptions.insert(id, subscription);
    Ok(reply)
}

pub(super) fn get(st: &mut State, customer: &str, id: &str) -> GResult {
    owned(st, customer, id).map(|subscription| present(subscription))
}

pub(super) fn delete(st: &mut State, req: &Req, customer: &str, id: &str) -> GResult {
    match req.query("deletionType") {
        // `transfer_to_direct` needs an admin user, which every sandbox customer is taken to have.
        Some("cancel" | "transfer_to_direct") => {}
        Some(other) => {
            return Err(GErr::invalid_field(
                "deletionType",
                format!("Invalid deletionType {other:?}: use cancel or transfer_to_direct."),
            ))
        }
        None => return Err(GErr::invalid_field("deletionType", "The deletionType query parameter is required.")),
    }
    owned(st, customer, id)?;
    st.google.subscriptions.remove(id);
    Ok(Reply::empty(200))
}

pub(super) fn list(st: &State, req: &Req) -> GResult {
    let max_results = match req.query("maxResults").map(str::parse::<i32>) {
        None => None,
        Some(Ok(n)) => Some(n),
        Some(Err(_)) => return Err(GErr::invalid_field("maxResults", "maxResults must be an integer.")),
    };
    let params = SubscriptionsListParams {
        customer_auth_token: req.query("customerAuthToken").map(str::to_owned),
        customer_id: req.query("customerId").map(str::to_owned),
        customer_name_prefix: req.query("customerNamePrefix").map(str::to_owned),
        max_results,
        page_token: req.query("pageToken").map(str::to_owned),
    };
    let violations = spec_violations(&params, "query");
    if !violations.is_empty() {
        return Err(GErr::violations(violations));
    }
    let after = match params.page_token.as_deref().filter(|token| !token.is_empty()) {
        Some(token) => {
            Some(after_page_token(token).ok_or_else(|| GErr::invalid_field("pageToken", "Invalid pageToken."))?)
        }
        None => None,
    };
    // A customerId that names no customer matches no subscription.
    let customer_id = params.customer_id.as_deref().map(|key| find_id(st, key).unwrap_or_default());
    let prefix = params.customer_name_prefix.as_deref().map(str::to_ascii_lowercase);
    let page_size = usize::try_from(params.max_results.unwrap_or(20)).unwrap_or(20);
    let mut matching = st.google.subscriptions.iter().filter(|(id, subscription)| {
        after.as_deref().is_none_or(|after| id.as_str() > after)
            && customer_id.as_deref().is_none_or(|c| subscription.customer_id.as_deref() == Some(c))
            && prefix.as_deref().is_none_or(|p| {
                subscription.customer_domain.as_deref().is_some_and(|d| d.to_ascii_lowercase().starts_with(p))
            })
    });
    let page: Vec<(&String, &Subscription)> = matching.by_ref().take(page_size).collect();
    let next_page_token = match (matching.next(), page.last()) {
        (Some(_), Some((last, _))) => Some(page_token(last)),
        _ => None,
    };
    let subscriptions = page
        .into_iter()
        .map(|(_, subscription)| {
            let mut shown = subscription.clone();
            if shown.plan.plan_name.as_str() == "ANNUAL_MONTHLY_PAY" {
                shown.plan.plan_name = PlanName::from("ANNUAL");
            }
            shown
        })
        .collect();
    let body = Subscriptions {
        kind: Some("reseller#subscriptions".to_owned()),
        next_page_token,
        subscriptions: Some(subscriptions),
    };
    Ok(Reply::json(200, &body))
}

/// A link into the Admin console (a placeholder: the sandbox has no console).
pub(super) fn ui_url(id: &str) -> String {
    format!("https://admin.google.com/ac/billing/subscriptions?sandboxSubscriptionId={id}")
}
