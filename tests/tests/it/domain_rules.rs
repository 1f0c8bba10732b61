//! Requests the vendor would refuse are refused before they are sent: every rule of the specs
//! has a valid body that passes and an invalid body per violation that fails locally, with the
//! path and message a user reads, while the server receives nothing.

use clientgen_runtime::{Error, Violation};
use clientgen_tests::{MockServer, Reply};
use google_reseller::types::{
    Address, ChangePlanName, ChangePlanRequest, Customer, PlanName, RenewalSettings, RenewalType, Seats, Subscription,
    SubscriptionsInsertAction, SubscriptionsInsertParams, SubscriptionsListParams,
};
use serde_json::{json, Value};

async fn server() -> MockServer {
    MockServer::start(|request| {
        let body = if request.path.contains("/accounts/") {
            json!({})
        } else {
            json!({ "skuId": "1010020027", "plan": { "planName": "FLEXIBLE" } })
        };
        Reply::json(200, body)
    })
    .await
}

fn reseller(server: &MockServer) -> google_reseller::Client {
    google_reseller::Client::builder().base_url(server.url()).build().unwrap()
}

/// The violations of a call that must be refused locally.
fn refused<T: std::fmt::Debug, E: std::fmt::Debug>(result: Result<T, Error<E>>) -> Vec<Violation> {
    match result {
        Err(Error::Validation { violations, .. }) => violations,
        other => panic!("expected a local validation error, got {other:?}"),
    }
}

fn paths(violations: &[Violation]) -> Vec<&str> {
    violations.iter().map(|v| v.path.as_str()).collect()
}

/// Inserts `subscription` and returns what happened; asserts on how many requests went out.
async fn insert(subscription: &Subscription, sent: usize) -> Result<Subscription, google_reseller::Error> {
    let server = server().await;
    let result = reseller(&server).subscriptions().insert("C1", subscription, &Default::default()).await;
    assert_eq!(server.requests().len(), sent, "requests that reached the server");
    result
}

#[tokio::test]
async fn the_plan_kind_constructors_build_valid_bodies() {
    for subscription in [
        Subscription::annual_monthly("1010020027", 25),
        Subscription::annual_yearly("1010020027", 25),
        Subscription::flexible("1010020027", 50),
        Subscription::trial("1010020027", 10),
    ] {
        insert(&subscription, 1).await.unwrap();
    }
    let body = serde_json::to_value(Subscription::annual_monthly("1010020027", 25)).unwrap();
    assert_eq!(
        body,
        json!({
            "skuId": "1010020027",
            "plan": { "planName": "ANNUAL_MONTHLY_PAY" },
            "seats": { "numberOfSeats": 25 },
            "renewalSettings": { "renewalType": "RENEW_CURRENT_USERS_MONTHLY_PAY" }
        })
    );
}

/// Source document 002: may ANNUAL_MONTHLY_PAY renew with AUTO_RENEW_YEARLY_PAY? No, and the
/// client says so before anything reaches Google.
#[tokio::test]
async fn the_question_of_document_002_is_answered_locally() {
    let mut subscription = Subscription::annual_monthly("1010020027", 25);
    subscription.renewal_settings = Some(RenewalSettings::new(RenewalType::AutoRenewYearlyPay));
    let err = insert(&subscription, 0).await.unwrap_err();
    let violations = err.violations();
    assert_eq!(paths(violations), ["$.renewalSettings.renewalType"]);
    assert!(violations[0].message.starts_with("An ANNUAL_MONTHLY_PAY plan (annual commitment, paid monthly) renews only with a monthly-pay renewal type, AUTO_RENEW_MONTHLY_PAY or RENEW_CURRENT_USERS_MONTHLY_PAY"), "{}", violations[0].message);
    assert!(violations[0].source.unwrap().starts_with("https://developers.google.com/workspace/admin/reseller/"));
    // Word for word what README.md shows.
    let readme =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md")).unwrap();
    assert!(readme.contains(&format!("```text\n{err}\n```")), "README.md shows this error:\n{err}");

    // The monthly-pay renewal types, CANCEL and SWITCH_TO_PAY_AS_YOU_GO are all fine.
    for ok in [
        RenewalType::AutoRenewMonthlyPay,
        RenewalType::RenewCurrentUsersMonthlyPay,
        RenewalType::Cancel,
        RenewalType::SwitchToPayAsYouGo,
    ] {
        subscription.renewal_settings = Some(RenewalSettings::new(ok));
        insert(&subscription, 1).await.unwrap();
    }
}

#[tokio::test]
async fn annual_yearly_pay_renews_with_yearly_pay_types_only() {
    let mut subscription = Subscription::annual_yearly("1010020027", 25);
    for wrong in [RenewalType::AutoRenewMonthlyPay, RenewalType::RenewCurrentUsersMonthlyPay] {
        subscription.renewal_settings = Some(RenewalSettings::new(wrong));
        let violations = refused(insert(&subscription, 0).await);
        assert_eq!(paths(&violations), ["$.renewalSettings.renewalType"]);
        assert!(violations[0].message.starts_with("An ANNUAL_YEARLY_PAY plan"));
    }
    subscription.renewal_settings = Some(RenewalSettings::new(RenewalType::AutoRenewYearlyPay));
    insert(&subscription, 1).await.unwrap();
}

#[tokio::test]
async fn renewal_settings_only_on_annual_plans() {
    for mut subscription in [Subscription::flexible("1010020027", 5), Subscription::trial("1010020027", 5)] {
        subscription.renewal_settings = Some(RenewalSettings::new(RenewalType::Cancel));
        let violations = refused(insert(&subscription, 0).await);
        assert_eq!(paths(&violations), ["$.renewalSettings"]);
        assert!(violations[0].message.starts_with("Renewal settings apply only to annual commitment plans"));
    }
}

#[tokio::test]
async fn each_plan_kind_uses_its_own_seat_field() {
    // Annual plans count numberOfSeats, never maximumNumberOfSeats.
    let mut annual = Subscription::annual_monthly("1010020027", 25);
    annual.seats = Some(Seats { maximum_number_of_seats: Some(25), ..Default::default() });
    let violations = refused(insert(&annual, 0).await);
    assert_eq!(paths(&violations), ["$.seats.numberOfSeats"]);
    assert!(violations[0].message.starts_with("Annual plans count seats in seats.numberOfSeats"));

    // FLEXIBLE and TRIAL cap maximumNumberOfSeats, never numberOfSeats.
    let mut flexible = Subscription::flexible("1010020027", 25);
    flexible.seats = Some(Seats { number_of_seats: Some(25), ..Default::default() });
    let violations = refused(insert(&flexible, 0).await);
    assert_eq!(paths(&violations), ["$.seats.maximumNumberOfSeats"]);
    assert!(violations[0].message.starts_with("FLEXIBLE and TRIAL plans cap seats"));
}

#[tokio::test]
async fn a_trial_has_at_most_ten_seats() {
    let violations = refused(insert(&Subscription::trial("1010020027", 11), 0).await);
    assert_eq!(paths(&violations), ["$.seats.maximumNumberOfSeats"]);
    assert_eq!(violations[0].message, "A trial subscription has at most 10 seats.");
}

#[tokio::test]
async fn the_response_only_plan_name_is_not_sent() {
    let mut subscription = Subscription::annual_monthly("1010020027", 25);
    subscription.plan.plan_name = PlanName::Annual;
    let violations = refused(insert(&subscription, 0).await);
    assert_eq!(paths(&violations), ["$.plan.planName"]);
    assert!(violations[0].message.starts_with("ANNUAL is how responses report ANNUAL_MONTHLY_PAY"));
}

#[tokio::test]
async fn read_only_fields_are_left_off_the_wire_so_a_fetched_value_can_be_sent_back() {
    let server = server().await;
    let mut subscription = Subscription::annual_monthly("1010020027", 25);
    // As a subscription read from the API has them: set by the server.
    subscription.resource_ui_url = Some("https://admin.google.com".into());
    subscription.seats.as_mut().unwrap().licensed_number_of_seats = Some(3);
    reseller(&server).subscriptions().insert("C1", &subscription, &Default::default()).await.unwrap();
    let sent = server.requests()[0].json();
    assert_eq!(sent["seats"]["numberOfSeats"], 25);
    assert!(sent.get("resourceUiUrl").is_none(), "{sent}");
    assert!(sent["seats"].get("licensedNumberOfSeats").is_none(), "{sent}");
    // Serialized anywhere else, the value keeps every field.
    let stored = serde_json::to_value(&subscription).unwrap();
    assert_eq!(stored["resourceUiUrl"], "https://admin.google.com");
    assert_eq!(stored["seats"]["licensedNumberOfSeats"], 3);
    // A server refuses them, and `validate()` (what a server would check) still says so.
    let violations = google_reseller::Validate::validate(&subscription).unwrap_err();
    assert_eq!(paths(&violations), ["$.resourceUiUrl", "$.seats.licensedNumberOfSeats"]);
    assert!(violations.iter().all(|v| v.read_only && v.message.starts_with("is read-only")));
}

#[tokio::test]
async fn single_field_rules_lengths_and_patterns() {
    let mut subscription = Subscription::annual_monthly("1010020027", 25);
    subscription.deal_code = Some("D".repeat(101));
    subscription.purchase_order_id = Some("P".repeat(81));
    subscription.seats.as_mut().unwrap().licensed_number_of_seats = Some(3);
    subscription.resource_ui_url = Some("https://admin.google.com".into());
    subscription.seats.as_mut().unwrap().number_of_seats = Some(-1);
    let violations = refused(insert(&subscription, 0).await);
    assert_eq!(
        paths(&violations),
        ["$.dealCode", "$.purchaseOrderId", "$.seats.numberOfSeats"],
        "every violation at once, read-only fields aside (they stay off the wire): {violations:#?}"
    );
    assert_eq!(violations[0].message, "is 101 characters long; at most 100 are allowed");
    assert_eq!(violations[2].message, "is -1; the minimum is 0");

    let server = server().await;
    let customer = Customer {
        phone_number: Some("650 555 0100".into()),
        postal_address: Some(Address {
            contact_name: "Ada".into(),
            organization_name: "Example Inc".into(),
            postal_code: "94043".into(),
            country_code: "US".into(),
            address_line1: Some("x".repeat(256)),
            address_line2: None,
            address_line3: None,
            kind: None,
            locality: None,
            region: None,
        }),
        ..Default::default()
    };
    let violations = refused(reseller(&server).customers().insert(&customer, &Default::default()).await);
    assert_eq!(paths(&violations), ["$.phoneNumber", "$.postalAddress.addressLine1"]);
    assert!(violations[0].message.contains("does not match the pattern"), "{}", violations[0].message);
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn parameter_rules_max_results_and_the_switch_source_sku() {
    let server = server().await;
    let client = reseller(&server);
    for (max, path) in [(0, "query.maxResults"), (101, "query.maxResults")] {
        let violations = refused(
            client
                .subscriptions()
                .list(&SubscriptionsListParams { max_results: Some(max), ..Default::default() })
                .await,
        );
        assert_eq!(paths(&violations), [path]);
    }
    let switch = SubscriptionsInsertParams { action: Some(SubscriptionsInsertAction::Switch), ..Default::default() };
    let violations =
        refused(client.subscriptions().insert("C1", &Subscription::flexible("1010020027", 5), &switch).await);
    assert_eq!(paths(&violations), ["query.sourceSkuId"]);
    assert!(violations[0].message.starts_with("A switch (action=switch) names the SKU"));
    assert!(server.requests().is_empty(), "nothing was sent");

    client
        .subscriptions()
        .list(&SubscriptionsListParams { max_results: Some(100), ..Default::default() })
        .await
        .unwrap();
    let switch = SubscriptionsInsertParams { source_sku_id: Some("1010020020".into()), ..switch };
    client.subscriptions().insert("C1", &Subscription::flexible("1010020027", 5), &switch).await.unwrap();
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn change_plan_requests_follow_the_same_seat_rules() {
    let server = server().await;
    let client = reseller(&server);
    for valid in
        [ChangePlanRequest::annual_monthly(30), ChangePlanRequest::annual_yearly(30), ChangePlanRequest::flexible(30)]
    {
        client.subscriptions().change_plan("C1", "S1", &valid).await.unwrap();
    }
    let wrong = ChangePlanRequest::new(
        ChangePlanName::AnnualMonthlyPay,
        Seats { maximum_number_of_seats: Some(30), ..Default::default() },
    );
    assert_eq!(
        paths(&refused(client.subscriptions().change_plan("C1", "S1", &wrong).await)),
        ["$.seats.numberOfSeats"]
    );
    let trial = ChangePlanRequest::new(
        ChangePlanName::Trial,
        Seats { maximum_number_of_seats: Some(12), ..Default::default() },
    );
    assert_eq!(
        paths(&refused(client.subscriptions().change_plan("C1", "S1", &trial).await)),
        ["$.seats.maximumNumberOfSeats"]
    );
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn validation_can_be_skipped_for_a_call() {
    let server = server().await;
    let trial = Subscription::trial("1010020027", 11);
    let client = reseller(&server);
    let call = client.subscriptions().insert("C1", &trial, &Default::default());
    assert_eq!(
        paths(call.violations()),
        ["$.seats.maximumNumberOfSeats"],
        "a call shows its violations before sending"
    );
    call.skip_validation().await.unwrap();
    assert_eq!(server.requests().len(), 1, "sent anyway, to see what the server says");
}

fn zoom(server: &MockServer) -> zoom::Client {
    zoom::Client::builder().base_url(server.url()).build().unwrap()
}

fn subscribe_example() -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/zoom/subscribe-plans-request.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

async fn subscribe(body: Value, sent: usize) -> Result<zoom::types::SubscribedAccountPlans, zoom::Error> {
    let server = server().await;
    let body: zoom::types::AccountPlanSubscribeRequest = serde_json::from_value(body).unwrap();
    let result = zoom(&server).billing().account_plan_create("sub-1", &body).await;
    assert_eq!(server.requests().len(), sent, "requests that reached the server");
    result
}

#[tokio::test]
async fn zoom_base_plan_and_bundle_never_together() {
    // Document 000's own example subscribes a base plan and a bundle at once.
    let violations = refused(subscribe(subscribe_example(), 0).await);
    assert_eq!(paths(&violations), ["$.plan_base"]);
    assert!(
        violations[0].message.starts_with("plan_base and plan_bundle never go together"),
        "{}",
        violations[0].message
    );

    let mut neither = subscribe_example();
    neither.as_object_mut().unwrap().remove("plan_base");
    neither.as_object_mut().unwrap().remove("plan_bundle");
    let violations = refused(subscribe(neither, 0).await);
    assert_eq!(violations[0].message, "A subscription needs a base plan (plan_base) or a bundle (plan_bundle).");

    for drop in ["plan_base", "plan_bundle"] {
        let mut one = subscribe_example();
        one.as_object_mut().unwrap().remove(drop);
        subscribe(one, 1).await.unwrap();
    }
}

#[tokio::test]
async fn zoom_plan_items_have_hosts_or_increasing_hosts_as_a_positive_integer() {
    let mut example = subscribe_example();
    example.as_object_mut().unwrap().remove("plan_bundle");
    let with = |field: &str, item: Value| {
        let mut body = example.clone();
        body[field] = item;
        body
    };
    let violations = refused(subscribe(with("plan_zoom_rooms", json!({ "type": "zroom_monthly" })), 0).await);
    assert_eq!(paths(&violations), ["$.plan_zoom_rooms.hosts"]);
    assert!(violations[0].message.starts_with("A plan gives its number of hosts as hosts"));

    let violations =
        refused(subscribe(with("plan_zoom_rooms", json!({ "type": "zroom_monthly", "hosts": 0 })), 0).await);
    assert_eq!(paths(&violations), ["$.plan_zoom_rooms.hosts", "$.plan_zoom_rooms.hosts"]);
    assert_eq!(violations[0].message, "is 0; the minimum is 1");

    let violations = refused(
        subscribe(
            with(
                "plan_webinar",
                json!([{ "type": "webinar500_monthly", "hosts": 2 }, { "type": "webinar1000_monthly" }]),
            ),
            0,
        )
        .await,
    );
    assert_eq!(paths(&violations), ["$.plan_webinar[1].hosts"], "items of arrays are checked with their index");

    subscribe(with("plan_zoom_rooms", json!({ "type": "zroom_monthly", "increasing_hosts": 1 })), 1).await.unwrap();
}

#[test]
fn zoom_contact_fields_are_required_by_the_types() {
    let mut contact = subscribe_example()["contact"].clone();
    contact.as_object_mut().unwrap().remove("zip");
    let err = serde_json::from_value::<zoom::types::Contact>(contact).unwrap_err();
    assert!(err.to_string().contains("missing field `zip`"), "{err}");
}

#[test]
fn unknown_enum_values_round_trip_unchanged() {
    let subscription: Subscription = serde_json::from_value(json!({
        "skuId": "1010020027",
        "plan": { "planName": "ANNUAL_BIENNIAL_PAY" },
        "renewalSettings": { "renewalType": "RENEW_NEVER" },
        "status": "PENDING_REVIEW"
    }))
    .unwrap();
    assert_eq!(subscription.plan.plan_name, PlanName::Unknown("ANNUAL_BIENNIAL_PAY".into()));
    assert_eq!(subscription.plan.plan_name.as_str(), "ANNUAL_BIENNIAL_PAY");
    let back = serde_json::to_value(&subscription).unwrap();
    assert_eq!(back["plan"]["planName"], "ANNUAL_BIENNIAL_PAY");
    assert_eq!(back["renewalSettings"]["renewalType"], "RENEW_NEVER");
    assert_eq!(back["status"], "PENDING_REVIEW");
    // Known values are still matched by name.
    assert_eq!(serde_json::from_value::<PlanName>(json!("ANNUAL")).unwrap(), PlanName::Annual);

    let cancel: zoom::types::AddonPlanCancelRequest =
        serde_json::from_value(json!({ "action": "cancel", "type": "zroom_monthly", "reason": 9 })).unwrap();
    assert_eq!(serde_json::to_value(&cancel).unwrap()["reason"], 9, "an unknown integer code is kept too");
}
