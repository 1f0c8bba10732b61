//! The Reseller API's life cycle against the sandbox with the generated client: a customer, a
//! trial that gets a plan and is then paid for, renewal and seats, suspension and activation,
//! cancellation; plus paging, customer updates, transfers and notifications.

use crate::common::{customer, google, google_reason, new_customer, raw, start, NOW_MS};
use google_reseller::types::{
    ChangePlanRequest, Customer, PlanName, RenewalSettings, RenewalType, ResellernotifyRegisterParams, Seats,
    Subscription, SubscriptionsDeleteDeletionType, SubscriptionsListParams,
};

fn in_trial(subscription: &Subscription) -> Option<bool> {
    subscription.trial_settings.as_ref().and_then(|trial| trial.is_in_trial)
}

fn status(subscription: &Subscription) -> &str {
    subscription.status.as_ref().map_or("", |status| status.as_str())
}

#[tokio::test]
async fn a_trial_becomes_an_annual_plan_is_paid_suspended_activated_and_cancelled() {
    let sandbox = start().await;
    let client = google(&sandbox);
    let subscriptions = client.subscriptions();

    // The customer gets the first deterministic id and the documented defaults.
    let created = client.customers().insert(&new_customer("acme.example"), &Default::default()).await.unwrap();
    assert_eq!(created.customer_id.as_deref(), Some("C000001"));
    assert_eq!(created.kind.as_deref(), Some("reseller#customer"));
    assert_eq!(created.customer_type.as_ref().map(|t| t.as_str()), Some("domain"));
    let by_domain = client.customers().get("ACME.example").await.unwrap();
    assert_eq!(by_domain, created, "a customer is found by its domain too");

    // A 30-day trial.
    let trial =
        subscriptions.insert("C000001", &Subscription::trial("1010020027", 10), &Default::default()).await.unwrap();
    assert_eq!(trial.subscription_id.as_deref(), Some("S000001"));
    assert_eq!(trial.plan.plan_name, PlanName::Trial);
    assert_eq!(status(&trial), "ACTIVE");
    assert_eq!(in_trial(&trial), Some(true));
    assert_eq!(trial.trial_settings.as_ref().and_then(|t| t.trial_end_time), Some(NOW_MS + 30 * 86_400_000));
    assert_eq!(trial.sku_name.as_deref(), Some("Google Workspace Business Starter"));
    assert_eq!(trial.customer_domain.as_deref(), Some("acme.example"));

    // changePlan assigns the plan, keeps the trial, and gives the subscription a new id.
    let annual =
        subscriptions.change_plan("acme.example", "S000001", &ChangePlanRequest::annual_monthly(10)).await.unwrap();
    assert_eq!(annual.subscription_id.as_deref(), Some("S000002"));
    assert_eq!(annual.plan.plan_name, PlanName::Annual, "ANNUAL_MONTHLY_PAY is reported as ANNUAL");
    assert_eq!(annual.plan.is_commitment_plan, Some(true));
    assert_eq!(in_trial(&annual), Some(true), "a trial with a plan stays in trial until startPaidService");
    assert_eq!(annual.creation_time, trial.creation_time);
    let old = subscriptions.get("C000001", "S000001").await.unwrap_err();
    assert_eq!(google_reason(&old), (404, "notFound".to_owned()), "the old subscriptionId is gone");

    let renewal = RenewalSettings::new(RenewalType::RenewCurrentUsersMonthlyPay);
    let renewed = subscriptions.change_renewal_settings("C000001", "S000002", &renewal).await.unwrap();
    assert_eq!(renewed.renewal_settings.map(|r| r.renewal_type), Some(RenewalType::RenewCurrentUsersMonthlyPay));

    // Seats go up, never down before renewal.
    let more = Seats { number_of_seats: Some(15), ..Seats::default() };
    let grown = subscriptions.change_seats("C000001", "S000002", &more).await.unwrap();
    assert_eq!(grown.seats.as_ref().and_then(|s| s.number_of_seats), Some(15));
    let fewer = Seats { number_of_seats: Some(12), ..Seats::default() };
    let refused = subscriptions.change_seats("C000001", "S000002", &fewer).await.unwrap_err();
    assert_eq!(google_reason(&refused), (400, "invalid".to_owned()));
    assert!(refused.vendor_error().unwrap().error.message.contains("cannot be reduced"), "{refused}");
    let still = subscriptions.get("C000001", "S000002").await.unwrap();
    assert_eq!(still.seats.and_then(|s| s.number_of_seats), Some(15));

    // Trial -> paid.
    let paid = subscriptions.start_paid_service("C000001", "S000002").await.unwrap();
    assert_eq!(in_trial(&paid), Some(false));
    assert_eq!(paid.plan.plan_name, PlanName::Annual);
    let again = subscriptions.start_paid_service("C000001", "S000002").await.unwrap_err();
    assert_eq!(google_reason(&again), (412, "conditionNotMet".to_owned()), "the trial is over");

    // Suspended -> active.
    let suspended = subscriptions.suspend("C000001", "S000002").await.unwrap();
    assert_eq!(status(&suspended), "SUSPENDED");
    assert_eq!(suspended.suspension_reasons.as_deref().map(|r| r[0].as_str()), Some("RESELLER_INITIATED"));
    let blocked = subscriptions.change_seats("C000001", "S000002", &more).await.unwrap_err();
    assert_eq!(google_reason(&blocked), (400, "badRequest".to_owned()), "a suspended subscription changes nothing");
    let active = subscriptions.activate("C000001", "S000002").await.unwrap();
    assert_eq!(status(&active), "ACTIVE");
    assert_eq!(active.suspension_reasons, None);

    // Cancelled: gone.
    subscriptions.delete("C000001", "S000002", SubscriptionsDeleteDeletionType::Cancel).await.unwrap();
    let gone = subscriptions.get("C000001", "S000002").await.unwrap_err();
    assert_eq!(google_reason(&gone).0, 404);
    let listed = subscriptions.list(&SubscriptionsListParams::default()).await.unwrap();
    assert_eq!(listed.subscriptions.map(|s| s.len()), Some(0));
}

#[tokio::test]
async fn flexible_plans_move_to_annual_and_annual_yearly_pairs_with_yearly_renewals() {
    let sandbox = start().await;
    let client = google(&sandbox);
    let id = customer(&client, "flex.example").await;
    let subscriptions = client.subscriptions();
    let flexible =
        subscriptions.insert(&id, &Subscription::flexible("1010020028", 20), &Default::default()).await.unwrap();
    assert_eq!(flexible.plan.is_commitment_plan, Some(false));
    assert_eq!(flexible.renewal_settings, None);
    let up = Seats { maximum_number_of_seats: Some(30), ..Seats::default() };
    let grown = subscriptions.change_seats(&id, "S000001", &up).await.unwrap();
    assert_eq!(grown.seats.and_then(|s| s.maximum_number_of_seats), Some(30));

    let yearly = subscriptions.change_plan(&id, "S000001", &ChangePlanRequest::annual_yearly(30)).await.unwrap();
    assert_eq!(yearly.plan.plan_name, PlanName::AnnualYearlyPay);
    assert_eq!(yearly.subscription_id.as_deref(), Some("S000002"));
    assert_eq!(in_trial(&yearly), Some(false));
    // The default renewal of an annual plan.
    assert_eq!(yearly.renewal_settings.map(|r| r.renewal_type), Some(RenewalType::SwitchToPayAsYouGo));
    let monthly_type = RenewalSettings::new(RenewalType::AutoRenewMonthlyPay);
    let err = subscriptions.change_renewal_settings(&id, "S000002", &monthly_type).await.unwrap_err();
    assert_eq!(google_reason(&err), (400, "invalid".to_owned()));
    let yearly_type = RenewalSettings::new(RenewalType::AutoRenewYearlyPay);
    subscriptions.change_renewal_settings(&id, "S000002", &yearly_type).await.unwrap();
    // An annual plan does not changePlan before renewal.
    let err = subscriptions.change_plan(&id, "S000002", &ChangePlanRequest::flexible(30)).await.unwrap_err();
    assert_eq!(google_reason(&err), (412, "conditionNotMet".to_owned()));
}

#[tokio::test]
async fn list_filters_by_customer_and_pages_with_deterministic_tokens() {
    let sandbox = start().await;
    let client = google(&sandbox);
    let first = customer(&client, "one.example").await;
    let second = customer(&client, "two.example").await;
    let subscriptions = client.subscriptions();
    for sku in ["1010020027", "1010020028", "1010020025"] {
        subscriptions.insert(&first, &Subscription::flexible(sku, 5), &Default::default()).await.unwrap();
    }
    subscriptions.insert(&second, &Subscription::annual_monthly("1010020027", 5), &Default::default()).await.unwrap();

    let params = SubscriptionsListParams {
        customer_id: Some("one.example".to_owned()),
        max_results: Some(2),
        ..Default::default()
    };
    let page = subscriptions.list(&params).await.unwrap();
    let ids: Vec<_> = page.subscriptions.iter().flatten().filter_map(|s| s.subscription_id.clone()).collect();
    assert_eq!(ids, ["S000001", "S000002"]);
    let token = page.next_page_token.clone().expect("a second page");
    assert_eq!(
        subscriptions.list(&params).await.unwrap().next_page_token,
        Some(token.clone()),
        "same data, same token"
    );
    let next =
        subscriptions.list(&SubscriptionsListParams { page_token: Some(token), ..params.clone() }).await.unwrap();
    let ids: Vec<_> = next.subscriptions.iter().flatten().filter_map(|s| s.subscription_id.clone()).collect();
    assert_eq!(ids, ["S000003"]);
    assert_eq!(next.next_page_token, None);

    // The stream follows the tokens across every page.
    let mut all = Vec::new();
    let mut stream = subscriptions.list_stream(&SubscriptionsListParams { max_results: Some(1), ..Default::default() });
    while let Some(item) = stream.next().await {
        all.push(item.unwrap().subscription_id.unwrap_or_default());
    }
    assert_eq!(all, ["S000001", "S000002", "S000003", "S000004"]);
    let prefixed = SubscriptionsListParams { customer_name_prefix: Some("tw".to_owned()), ..Default::default() };
    let found = subscriptions.list(&prefixed).await.unwrap().subscriptions.unwrap_or_default();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].plan.plan_name, PlanName::Annual);
}

#[tokio::test]
async fn customers_are_patched_and_updated_but_keep_their_type() {
    let sandbox = start().await;
    let client = google(&sandbox);
    let id = customer(&client, "patch.example").await;
    let patch = Customer { alternate_email: Some("billing@example.net".to_owned()), ..Customer::default() };
    let patched = client.customers().patch(&id, &patch).await.unwrap();
    assert_eq!(patched.alternate_email.as_deref(), Some("billing@example.net"));
    assert_eq!(patched.postal_address.as_ref().map(|a| a.postal_code.as_str()), Some("94043"), "patch keeps the rest");

    let mut replacement = new_customer("patch.example");
    replacement.phone_number = None;
    let updated = client.customers().update(&id, &replacement).await.unwrap();
    assert_eq!(updated.phone_number, None, "update replaces the whole customer");
    assert_eq!(updated.customer_id.as_deref(), Some(id.as_str()));

    let retype = Customer { customer_type: Some("team".into()), ..Customer::default() };
    let err = client.customers().patch(&id, &retype).await.unwrap_err();
    assert_eq!(google_reason(&err), (400, "invalid".to_owned()));
    let inside = Customer { alternate_email: Some("admin@patch.example".to_owned()), ..Customer::default() };
    let err = client.customers().patch(&id, &inside).await.unwrap_err();
    assert_eq!(google_reason(&err), (400, "invalid".to_owned()), "alternateEmail outside the customer's domain");
    let err = client.customers().insert(&new_customer("patch.example"), &Default::default()).await.unwrap_err();
    assert_eq!(google_reason(&err), (409, "duplicate".to_owned()));
}

#[tokio::test]
async fn a_direct_customer_is_forbidden_until_transferred_with_its_auth_token() {
    let sandbox = start().await;
    let created = raw(
        "POST",
        &format!("{}/_sandbox/google/customers", sandbox.url()),
        &[],
        Some(r#"{"customerDomain": "direct.example"}"#),
    )
    .await;
    assert_eq!(created.status, 201, "{}", created.json);
    let client = google(&sandbox);
    let minimal = client.customers().get("direct.example").await.unwrap();
    assert_eq!(minimal.customer_id.as_deref(), Some("C000001"));
    assert_eq!(minimal.postal_address, None, "only minimal details of a customer you do not manage");
    let subscription = Subscription::flexible("1010020027", 5);
    let err = client.subscriptions().insert("direct.example", &subscription, &Default::default()).await.unwrap_err();
    assert_eq!(google_reason(&err), (403, "forbidden".to_owned()));

    let transfer = google_reseller::types::SubscriptionsInsertParams {
        customer_auth_token: Some("abc123".to_owned()),
        ..Default::default()
    };
    let moved = client.subscriptions().insert("direct.example", &subscription, &transfer).await.unwrap();
    assert_eq!(moved.customer_id.as_deref(), Some("C000001"));
    client
        .customers()
        .patch("C000001", &Customer { phone_number: Some("+1 555".to_owned()), ..Customer::default() })
        .await
        .unwrap();
}

#[tokio::test]
async fn resellernotify_registers_and_unregisters_service_accounts() {
    let sandbox = start().await;
    let client = google(&sandbox);
    let notify = client.resellernotify();
    assert_eq!(notify.getwatchdetails().await.unwrap().topic_name, None);
    let account =
        ResellernotifyRegisterParams { service_account_email_address: Some("n@p.iam.gserviceaccount.com".to_owned()) };
    let topic = notify.register(&account).await.unwrap().topic_name.unwrap();
    let details = notify.getwatchdetails().await.unwrap();
    assert_eq!(details.topic_name.as_deref(), Some(topic.as_str()));
    assert_eq!(details.service_account_email_addresses, Some(vec!["n@p.iam.gserviceaccount.com".to_owned()]));
    let unregister = google_reseller::types::ResellernotifyUnregisterParams {
        service_account_email_address: account.service_account_email_address,
    };
    notify.unregister(&unregister).await.unwrap();
    assert_eq!(notify.getwatchdetails().await.unwrap().service_account_email_addresses, None);
}
