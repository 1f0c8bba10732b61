//! Zoom's plan life cycle against the sandbox with the generated client: subscribe, usage,
//! an add-on (subscribed, resized, cancelled), the base plan (resized, cancelled) and the billing
//! contact; with Server-to-Server OAuth tokens from the sandbox's token endpoint, and with a
//! plain bearer token.

use crate::common::{fast_retries, raw, start, subscribe_request, zoom, zoom_code};
use clientgen_runtime::oauth::ZoomServerToServer;
use clientgen_runtime::Auth;
use serde_json::json;
use zoom::types::{
    AddonPlanCancelRequest, AddonPlanSubscribeRequest, AddonPlanUpdateRequest, BasePlanCancelRequest,
    BasePlanUpdateRequest, ContactUpdate,
};

fn addon(kind: &str, hosts: i64) -> AddonPlanSubscribeRequest {
    serde_json::from_value(json!({ "type": kind, "hosts": hosts })).expect("an add-on request")
}

fn cancel(kind: &str) -> AddonPlanCancelRequest {
    serde_json::from_value(json!({ "action": "cancel", "type": kind, "reason": 6, "comment": "not needed now" }))
        .expect("a cancel request")
}

/// subscribe -> usage -> add-on -> usage -> resize -> cancel add-on -> cancel base, on `account`.
async fn plan_life_cycle(client: &zoom::Client, account: &str) {
    let billing = client.billing();

    // Subscribe: 201 echoes the plans with partner pricing.
    let subscribed = billing.account_plan_create(account, &subscribe_request(5)).await.unwrap();
    let base = subscribed.plan_base.expect("plan_base echoed");
    assert_eq!((base.type_.as_deref(), base.hosts), (Some("monthly"), Some(5)));
    assert_eq!(base.partner_sku.as_deref(), Some("SBX-MONTHLY"));
    assert_eq!((base.discount_percent, base.discount_rate), (Some(10), Some(0.1)));

    let usage = billing.get_plan_usage(account).await.unwrap();
    let base_usage = usage.plan_base.expect("base plan usage");
    assert_eq!((base_usage.type_.as_deref(), base_usage.hosts), (Some("monthly"), Some(5)));
    assert_eq!((base_usage.usage, base_usage.pending), (Some(0), Some(0)));
    assert_eq!(usage.plan_webinar, None);

    // An add-on.
    let added = billing.account_plan_addon_create(account, &addon("webinar500_monthly", 2)).await.unwrap();
    let webinar = &added.plan_webinar.expect("the add-on is echoed")[0];
    assert_eq!((webinar.type_.as_deref(), webinar.hosts), (Some("webinar500_monthly"), Some(2)));
    assert_eq!(webinar.partner_sku.as_deref(), Some("SBX-WEBINAR500_MONTHLY"));
    let again = billing.account_plan_addon_create(account, &addon("webinar500_monthly", 2)).await.unwrap_err();
    assert_eq!(zoom_code(&again), (400, 2100), "the add-on is already there");

    billing
        .account_plan_addon_update(account, &AddonPlanUpdateRequest::new("webinar500_monthly".to_owned(), 3))
        .await
        .unwrap();
    let usage = billing.get_plan_usage(account).await.unwrap();
    let webinars = usage.plan_webinar.expect("add-on usage");
    assert_eq!((webinars.len(), webinars[0].hosts, webinars[0].usage), (1, Some(3), Some(0)));

    let plans = billing.account_plans(account).await.unwrap();
    let info = &plans.plan_webinar.expect("add-on in the plan information")[0];
    assert_eq!(info.status.as_ref().map(|s| s.as_str()), Some("active"));
    assert_eq!(info.service_effective_date.as_deref(), Some("2026-01-15"));
    assert_eq!(info.next_invoice_date.as_deref(), Some("2026-02-15"));

    // The base plan cannot go while an add-on is active.
    let cancel_base = BasePlanCancelRequest::new("cancel".into());
    let refused = billing.account_plan_base_delete(account, &cancel_base).await.unwrap_err();
    assert_eq!(zoom_code(&refused), (400, 200));

    billing.account_plan_addon_cancel(account, &cancel("webinar500_monthly")).await.unwrap();
    let usage = billing.get_plan_usage(account).await.unwrap();
    assert_eq!(usage.plan_webinar, None, "a cancelled add-on is not in use");
    let plans = billing.account_plans(account).await.unwrap();
    let status = plans.plan_webinar.as_ref().and_then(|w| w[0].status.as_ref()).map(|s| s.as_str().to_owned());
    assert_eq!(status.as_deref(), Some("cancel"));

    // The base plan: resized (to a number of hosts, then by a number to add), then cancelled.
    let eight_hosts = BasePlanUpdateRequest { hosts: Some(8), ..BasePlanUpdateRequest::new("monthly".to_owned()) };
    billing.account_plan_base_update(account, &eight_hosts).await.unwrap();
    assert_eq!(billing.get_plan_usage(account).await.unwrap().plan_base.and_then(|b| b.hosts), Some(8));
    let two_more =
        BasePlanUpdateRequest { increasing_hosts: Some(2), ..BasePlanUpdateRequest::new("monthly".to_owned()) };
    billing.account_plan_base_update(account, &two_more).await.unwrap();
    assert_eq!(billing.get_plan_usage(account).await.unwrap().plan_base.and_then(|b| b.hosts), Some(10));
    billing.account_plan_base_delete(account, &cancel_base).await.unwrap();
    let plans = billing.account_plans(account).await.unwrap();
    assert_eq!(plans.plan_base.and_then(|b| b.status).map(|s| s.as_str().to_owned()).as_deref(), Some("cancel"));
    let unpaid = billing.get_plan_usage(account).await.unwrap_err();
    assert_eq!(zoom_code(&unpaid), (400, 200), "usage is only for paid accounts");
}

#[tokio::test]
async fn the_plan_life_cycle_with_server_to_server_tokens() {
    let sandbox = start().await;
    let tokens = ZoomServerToServer::new("master-account", "client-id", "client-secret")
        .with_token_url(sandbox.zoom_token_url());
    let client = zoom::Client::builder()
        .base_url(sandbox.zoom_base_url())
        .auth(Auth::source(tokens))
        .retry(fast_retries())
        .build()
        .unwrap();
    plan_life_cycle(&client, "sub-1").await;

    // One token, fetched once and reused for every call.
    let log = raw("GET", &format!("{}/_sandbox/requests", sandbox.url()), &[], None).await.json;
    let token_calls = log["recent"].as_array().unwrap().iter().filter(|entry| entry["path"] == "/oauth/token").count();
    assert_eq!(token_calls, 1, "{log}");
    assert_eq!(sandbox.state_json()["counters"]["token"], 1);
}

#[tokio::test]
async fn the_plan_life_cycle_with_a_plain_bearer_token() {
    let sandbox = start().await;
    let account = sandbox.add_zoom_account(None);
    assert_eq!(account, "A000001");
    plan_life_cycle(&zoom(&sandbox), &account).await;
}

#[tokio::test]
async fn the_billing_contact_is_the_subscribed_one_and_can_be_changed() {
    let sandbox = start().await;
    let billing = zoom(&sandbox);
    let billing = billing.billing();
    let before = billing.account_billing("sub-1").await.unwrap_err();
    assert_eq!(zoom_code(&before), (400, 200), "no contact before a subscription");

    billing.account_plan_create("sub-1", &subscribe_request(3)).await.unwrap();
    assert_eq!(billing.account_billing("sub-1").await.unwrap(), crate::common::contact());
    let change = ContactUpdate {
        city: Some("Baton Rouge".to_owned()),
        zip: Some("70801".to_owned()),
        ..ContactUpdate::default()
    };
    billing.account_billing_update("sub-1", &change).await.unwrap();
    let contact = billing.account_billing("sub-1").await.unwrap();
    assert_eq!(
        (contact.city.as_str(), contact.zip.as_str(), contact.first_name.as_str()),
        ("Baton Rouge", "70801", "Doc")
    );

    let invoices = billing.account_billing_invoices("sub-1", &Default::default()).await.unwrap();
    assert_eq!(invoices.invoices.map(|list| list.len()), Some(0));
}

#[tokio::test]
async fn recording_and_phone_add_ons_have_their_own_places() {
    let sandbox = start().await;
    let client = zoom(&sandbox);
    let billing = client.billing();
    billing.account_plan_create("me", &subscribe_request(2)).await.unwrap();

    let recording = billing.account_plan_addon_create("me", &addon("cmr_monthly_commitment_40", 1)).await.unwrap();
    assert_eq!(recording.plan_recording.as_deref(), Some("cmr_monthly_commitment_40"));
    let priced = recording.plan_cloud_recording.expect("plan_cloud_recording");
    assert_eq!(priced.partner_sku.as_deref(), Some("SBX-CMR_MONTHLY_COMMITMENT_40"));

    let phone: AddonPlanSubscribeRequest = serde_json::from_value(json!({
        "type": "plan_phone",
        "plan_details": {
            "plan_base": { "type": "phone_payongo", "callout_countries": "US,CA" },
            "plan_calling": [{ "type": "phone_calling_usca_monthly_unlimited", "hosts": 3 }]
        }
    }))
    .unwrap();
    let phone = billing.account_plan_addon_create("me", &phone).await.unwrap();
    let calling = phone.plan_phone.and_then(|p| p.plan_calling).expect("calling plans");
    assert_eq!(calling[0].partner_sku.as_deref(), Some("SBX-PHONE_CALLING_USCA_MONTHLY_UNLIMITED"));

    let usage = billing.get_plan_usage("me").await.unwrap();
    assert_eq!(usage.plan_recording.and_then(|r| r.type_).as_deref(), Some("cmr_monthly_commitment_40"));
    billing.account_plan_addon_cancel("me", &cancel("cmr_monthly_commitment_40")).await.unwrap();
    billing.account_plan_addon_cancel("me", &cancel("plan_phone")).await.unwrap();
    let plans = billing.account_plans("me").await.unwrap();
    assert_eq!(plans.plan_recording_status.map(|s| s.as_str().to_owned()).as_deref(), Some("Cancelled"));
    billing.account_plan_base_delete("me", &BasePlanCancelRequest::new("cancel".into())).await.unwrap();
}
