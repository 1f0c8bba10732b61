//! One test per documented error the sandbox answers, each in the vendor's format: Google's
//! `{error: {code, message, errors: [{message, domain, reason}], status}}` and Zoom's
//! `{code, message, errors: [{field, message}]}`. Requests a client would refuse are sent with
//! `.skip_validation()` (or raw) to show that the server applies the same rules.

use crate::common::{customer, google, google_reason, new_customer, raw, start, subscribe_request, zoom, zoom_code};
use google_reseller::types::{RenewalSettings, RenewalType, Seats, Subscription, SubscriptionsListParams};
use serde_json::json;
use zoom::types::{AddonPlanCancelRequest, BasePlanUpdateRequest};

// ---------------------------------------------------------------------------------------- Google

#[tokio::test]
async fn google_404_not_found_for_unknown_customers_and_subscriptions() {
    let sandbox = start().await;
    let client = google(&sandbox);
    let err = client.customers().get("nobody.example").await.unwrap_err();
    assert_eq!(google_reason(&err), (404, "notFound".to_owned()));
    let body = err.vendor_error().unwrap();
    assert_eq!(body.error.code, 404);
    assert_eq!(body.error.status.as_deref(), Some("NOT_FOUND"));
    assert_eq!(body.error.errors.as_ref().unwrap()[0].domain.as_deref(), Some("global"));

    let id = customer(&client, "known.example").await;
    let err = client.subscriptions().get(&id, "S999999").await.unwrap_err();
    assert_eq!(google_reason(&err), (404, "notFound".to_owned()));
    let err = client
        .subscriptions()
        .insert("nobody.example", &Subscription::flexible("1010020027", 5), &Default::default())
        .await
        .unwrap_err();
    assert_eq!(google_reason(&err), (404, "notFound".to_owned()));
}

#[tokio::test]
async fn google_400_invalid_for_fewer_seats_and_the_wrong_seat_field() {
    let sandbox = start().await;
    let client = google(&sandbox);
    let id = customer(&client, "seats.example").await;
    let subscriptions = client.subscriptions();
    subscriptions.insert(&id, &Subscription::annual_yearly("1010020027", 20), &Default::default()).await.unwrap();
    subscriptions.insert(&id, &Subscription::flexible("1010020028", 20), &Default::default()).await.unwrap();
    subscriptions.insert(&id, &Subscription::trial("1010020025", 5), &Default::default()).await.unwrap();

    let fewer = Seats { number_of_seats: Some(19), ..Seats::default() };
    let err = subscriptions.change_seats(&id, "S000001", &fewer).await.unwrap_err();
    assert_eq!(google_reason(&err), (400, "invalid".to_owned()));
    let location = err.vendor_error().unwrap().error.errors.as_ref().unwrap()[0].location.clone();
    assert_eq!(location.as_deref(), Some("numberOfSeats"));

    let wrong_for_annual = Seats { maximum_number_of_seats: Some(25), ..Seats::default() };
    let err = subscriptions.change_seats(&id, "S000001", &wrong_for_annual).await.unwrap_err();
    assert_eq!(google_reason(&err), (400, "invalid".to_owned()));
    let wrong_for_flexible = Seats { number_of_seats: Some(25), ..Seats::default() };
    let err = subscriptions.change_seats(&id, "S000002", &wrong_for_flexible).await.unwrap_err();
    assert_eq!(google_reason(&err), (400, "invalid".to_owned()));
    let too_many_for_a_trial = Seats { maximum_number_of_seats: Some(11), ..Seats::default() };
    let err = subscriptions.change_seats(&id, "S000003", &too_many_for_a_trial).await.unwrap_err();
    assert_eq!(google_reason(&err), (400, "invalid".to_owned()));
}

#[tokio::test]
async fn google_412_condition_not_met_for_renewal_settings_on_flexible_and_trial() {
    let sandbox = start().await;
    let client = google(&sandbox);
    let id = customer(&client, "renewal.example").await;
    let subscriptions = client.subscriptions();
    subscriptions.insert(&id, &Subscription::flexible("1010020027", 5), &Default::default()).await.unwrap();
    subscriptions.insert(&id, &Subscription::trial("1010020028", 5), &Default::default()).await.unwrap();
    let renewal = RenewalSettings::new(RenewalType::Cancel);
    for subscription in ["S000001", "S000002"] {
        let err = subscriptions.change_renewal_settings(&id, subscription, &renewal).await.unwrap_err();
        assert_eq!(google_reason(&err), (412, "conditionNotMet".to_owned()), "{subscription}");
        assert_eq!(err.vendor_error().unwrap().error.status.as_deref(), Some("FAILED_PRECONDITION"));
    }
}

#[tokio::test]
async fn google_400_invalid_when_the_client_skipped_validation() {
    let sandbox = start().await;
    let client = google(&sandbox);
    let id = customer(&client, "skip.example").await;

    // Source document 002: ANNUAL_MONTHLY_PAY never renews with a yearly-pay type.
    let mut subscription = Subscription::annual_monthly("1010020027", 25);
    subscription.renewal_settings = Some(RenewalSettings::new(RenewalType::AutoRenewYearlyPay));
    let call = client.subscriptions().insert(&id, &subscription, &Default::default());
    let local = call.violations().to_vec();
    assert_eq!(local.len(), 1, "the client would refuse it");
    let err = call.skip_validation().await.unwrap_err();
    assert_eq!(google_reason(&err), (400, "invalid".to_owned()));
    let item = &err.vendor_error().unwrap().error.errors.as_ref().unwrap()[0];
    assert_eq!(item.location.as_deref(), Some("$.renewalSettings.renewalType"));
    assert_eq!(item.message.as_deref(), Some(local[0].message.as_str()), "the server says what the client would");
    assert_eq!(sandbox.state_json()["google"]["subscriptions"], json!({}), "nothing was created");

    // A read-only field: the generated client leaves it off the wire; sent anyway by hand, the
    // sandbox refuses it as Google does.
    client
        .subscriptions()
        .insert(&id, &Subscription::annual_monthly("1010020027", 25), &Default::default())
        .await
        .unwrap();
    let seats = Seats { number_of_seats: Some(30), licensed_number_of_seats: Some(3), ..Seats::default() };
    let changed = client.subscriptions().change_seats(&id, "S000001", &seats).await.unwrap();
    assert_eq!(changed.seats.unwrap().number_of_seats, Some(30));
    let by_hand = raw(
        "POST",
        &format!("{}/apps/reseller/v1/customers/{id}/subscriptions/S000001/changeSeats", sandbox.url()),
        &[("authorization", "Bearer t")],
        Some(r#"{"numberOfSeats": 30, "licensedNumberOfSeats": 3}"#),
    )
    .await;
    assert_eq!(by_hand.status, 400);
    assert_eq!(by_hand.json["error"]["errors"][0]["reason"], "invalid");
    assert_eq!(by_hand.json["error"]["errors"][0]["location"], "$.licensedNumberOfSeats");

    // The response-only plan name, ordered.
    let mut annual = Subscription::annual_monthly("1010020028", 5);
    annual.plan.plan_name = google_reseller::types::PlanName::Annual;
    let err = client.subscriptions().insert(&id, &annual, &Default::default()).skip_validation().await.unwrap_err();
    assert_eq!(google_reason(&err), (400, "invalid".to_owned()));

    // A parameter out of range.
    let params = SubscriptionsListParams { max_results: Some(500), ..Default::default() };
    let err = client.subscriptions().list(&params).skip_validation().await.unwrap_err();
    let item = &err.vendor_error().unwrap().error.errors.as_ref().unwrap()[0];
    assert_eq!(
        (item.location.as_deref(), item.location_type.as_deref()),
        (Some("query.maxResults"), Some("parameter"))
    );
}

#[tokio::test]
async fn google_400_bad_request_on_a_suspended_subscription_and_403_forbidden_on_a_direct_customer() {
    let sandbox = start().await;
    let client = google(&sandbox);
    let id = customer(&client, "suspended.example").await;
    client.subscriptions().insert(&id, &Subscription::flexible("1010020027", 5), &Default::default()).await.unwrap();
    client.subscriptions().suspend(&id, "S000001").await.unwrap();
    let seats = Seats { maximum_number_of_seats: Some(6), ..Seats::default() };
    let err = client.subscriptions().change_seats(&id, "S000001", &seats).await.unwrap_err();
    assert_eq!(google_reason(&err), (400, "badRequest".to_owned()));

    let direct = raw(
        "POST",
        &format!("{}/_sandbox/google/customers", sandbox.url()),
        &[],
        Some(r#"{"customerDomain": "direct.example"}"#),
    )
    .await;
    assert_eq!(direct.status, 201);
    let err = client.customers().patch("direct.example", &Default::default()).await.unwrap_err();
    assert_eq!(google_reason(&err), (403, "forbidden".to_owned()));
}

#[tokio::test]
async fn google_401_without_a_token_and_400_for_bodies_that_do_not_decode() {
    let sandbox = start().await;
    let anonymous = google_reseller::Client::builder().base_url(sandbox.url()).build().unwrap();
    let err = anonymous.customers().get("any.example").await.unwrap_err();
    assert_eq!(google_reason(&err), (401, "required".to_owned()));
    assert_eq!(err.vendor_error().unwrap().error.status.as_deref(), Some("UNAUTHENTICATED"));

    let url = format!("{}/apps/reseller/v1/customers", sandbox.url());
    let auth = [("authorization", "Bearer t")];
    let broken = raw("POST", &url, &auth, Some("{\"customerDomain\": ")).await;
    assert_eq!(broken.status, 400);
    assert_eq!(broken.json["error"]["errors"][0]["reason"], "parseError");
    assert_eq!(broken.json["error"]["status"], "INVALID_ARGUMENT");
    let wrong_shape = raw("POST", &url, &auth, Some(r#"{"postalAddress": {"contactName": 7}}"#)).await;
    assert_eq!(wrong_shape.status, 400);
    assert_eq!(wrong_shape.json["error"]["errors"][0]["reason"], "invalid");
    assert_eq!(wrong_shape.json["error"]["errors"][0]["location"], "postalAddress.contactName");
    let incomplete = raw("POST", &url, &auth, Some(r#"{"customerDomain": "x.example"}"#)).await;
    assert_eq!(incomplete.status, 400, "{}", incomplete.json);
    let locations: Vec<_> =
        incomplete.json["error"]["errors"].as_array().unwrap().iter().map(|e| e["location"].clone()).collect();
    assert_eq!(locations, [json!("alternateEmail"), json!("postalAddress")]);
    let www_body = serde_json::to_string(&new_customer("www.x.example")).unwrap();
    let www = raw("POST", &url, &auth, Some(&www_body)).await;
    assert_eq!(www.json["error"]["errors"][0]["location"], "customerDomain");
    let nowhere = raw("GET", &format!("{}/apps/reseller/v1/nowhere", sandbox.url()), &auth, None).await;
    assert_eq!((nowhere.status, nowhere.json["error"]["errors"][0]["reason"].clone()), (404, json!("notFound")));
}

// ------------------------------------------------------------------------------------------ Zoom

#[tokio::test]
async fn zoom_2100_for_invalid_contact_fields() {
    let sandbox = start().await;
    let client = zoom(&sandbox);
    let mut request = subscribe_request(5);
    request.contact.email = "not-an-email".to_owned();
    let err = client.billing().account_plan_create("sub-1", &request).await.unwrap_err();
    assert_eq!(zoom_code(&err), (400, 2100));
    assert_eq!(err.vendor_error().unwrap().message, "Invalid parameter: email.");

    let mut request = subscribe_request(5);
    request.contact.country = "USA".to_owned();
    let err = client.billing().account_plan_create("sub-1", &request).await.unwrap_err();
    assert_eq!(zoom_code(&err), (400, 2100));
    assert_eq!(err.vendor_error().unwrap().message, "Invalid country parameter: USA.");

    // A contact without first_name does not even decode: Zoom names the field.
    let url = format!("{}/plans", account_url(&sandbox, "sub-1"));
    let mut body = serde_json::to_value(subscribe_request(5)).unwrap();
    body["contact"].as_object_mut().unwrap().remove("first_name");
    let missing = raw("POST", &url, &[("authorization", "Bearer t")], Some(&body.to_string())).await;
    assert_eq!((missing.status, missing.json["code"].clone()), (400, json!(2100)));
    assert_eq!(missing.json["message"], "Invalid parameter: first_name.");
    assert_eq!(missing.json["errors"][0]["field"], "contact.first_name");

    // A self-pay sub account.
    let created = raw(
        "POST",
        &format!("{}/_sandbox/zoom/accounts", sandbox.url()),
        &[],
        Some(r#"{"id": "self", "self_pay": true}"#),
    )
    .await;
    assert_eq!(created.status, 201);
    let err = client.billing().account_plans("self").await.unwrap_err();
    assert_eq!(zoom_code(&err), (400, 2100));
}

#[tokio::test]
async fn zoom_1001_when_the_owner_user_does_not_exist() {
    let sandbox = start().await;
    let created =
        raw("POST", &format!("{}/_sandbox/zoom/accounts", sandbox.url()), &[], Some(r#"{"owner_user": false}"#)).await;
    assert_eq!((created.status, created.json["id"].clone()), (201, json!("A000001")));
    let err = zoom(&sandbox).billing().account_plan_create("A000001", &subscribe_request(5)).await.unwrap_err();
    assert_eq!(zoom_code(&err), (404, 1001));
    assert_eq!(err.vendor_error().unwrap().message, "User does not exist.");
}

#[tokio::test]
async fn zoom_2001_when_the_account_does_not_exist() {
    let sandbox = start().await;
    let billing = zoom(&sandbox);
    let billing = billing.billing();
    let err = billing.account_plan_create("ghost", &subscribe_request(5)).await.unwrap_err();
    assert_eq!(zoom_code(&err), (404, 2001));
    assert_eq!(err.vendor_error().unwrap().message, "Account does not exist: ghost.");
    assert_eq!(zoom_code(&billing.get_plan_usage("ghost").await.unwrap_err()), (404, 2001));
    assert_eq!(zoom_code(&billing.account_billing("ghost").await.unwrap_err()), (404, 2001));
}

#[tokio::test]
async fn zoom_300_for_invalid_plan_operations() {
    let sandbox = start().await;
    let client = zoom(&sandbox);
    let billing = client.billing();
    billing.account_plan_create("sub-1", &subscribe_request(5)).await.unwrap();

    let no_type = AddonPlanCancelRequest { action: Some("cancel".into()), ..Default::default() };
    let err = billing.account_plan_addon_cancel("sub-1", &no_type).await.unwrap_err();
    assert_eq!(zoom_code(&err), (400, 300));
    assert_eq!(err.vendor_error().unwrap().message, "Plan type is required.");

    let other_type = BasePlanUpdateRequest { hosts: Some(5), ..BasePlanUpdateRequest::new("yearly".to_owned()) };
    let err = billing.account_plan_base_update("sub-1", &other_type).await.unwrap_err();
    assert_eq!(zoom_code(&err), (400, 300));
    assert_eq!(
        err.vendor_error().unwrap().message,
        "Plan types do not match, oldPlanType: monthly newPlanType: yearly."
    );

    // The spec's rule (hosts at least 1), sent anyway: the server refuses it the same way.
    let call = billing.account_plan_create("sub-2", &subscribe_request(0));
    assert!(!call.violations().is_empty(), "the client would refuse it");
    let err = call.skip_validation().await.unwrap_err();
    assert_eq!(zoom_code(&err), (400, 300));
    let fields: Vec<_> = err.vendor_error().unwrap().errors.iter().flatten().filter_map(|e| e.field.clone()).collect();
    assert!(fields.contains(&"plan_base.hosts".to_owned()), "{fields:?}");

    let broken = raw(
        "POST",
        &format!("{}/plans/addons", account_url(&sandbox, "sub-1")),
        &[("authorization", "Bearer t")],
        Some("[1,"),
    )
    .await;
    assert_eq!((broken.status, broken.json["code"].clone()), (400, json!(300)));
    let unknown = raw(
        "POST",
        &format!("{}/plans/addons", account_url(&sandbox, "sub-1")),
        &[("authorization", "Bearer t")],
        Some(r#"{"type": "teapot_monthly", "hosts": 1}"#),
    )
    .await;
    assert_eq!((unknown.status, unknown.json["code"].clone()), (400, json!(300)));
}

#[tokio::test]
async fn zoom_200_for_what_the_account_has_not_subscribed() {
    let sandbox = start().await;
    let billing = zoom(&sandbox);
    let billing = billing.billing();
    billing.account_plan_create("sub-1", &subscribe_request(5)).await.unwrap();
    let cancel = AddonPlanCancelRequest {
        action: Some("cancel".into()),
        type_: Some("webinar500_monthly".to_owned()),
        ..Default::default()
    };
    let err = billing.account_plan_addon_cancel("sub-1", &cancel).await.unwrap_err();
    assert_eq!(zoom_code(&err), (400, 200));
    assert_eq!(err.vendor_error().unwrap().message, "You don't have a plan subscription for (webinar500_monthly) yet.");
    let again = billing.account_plan_create("sub-1", &subscribe_request(5)).await.unwrap_err();
    assert_eq!(zoom_code(&again), (400, 200), "one active subscription per account");
}

#[tokio::test]
async fn zoom_401_code_124_without_a_token() {
    let sandbox = start().await;
    let anonymous = zoom::Client::builder().base_url(sandbox.zoom_base_url()).build().unwrap();
    let err = anonymous.billing().account_plans("sub-1").await.unwrap_err();
    assert_eq!(zoom_code(&err), (401, 124));
    let empty =
        raw("GET", &format!("{}/plans", account_url(&sandbox, "sub-1")), &[("authorization", "Bearer ")], None).await;
    assert_eq!((empty.status, empty.json["code"].clone()), (401, json!(124)));

    // The token endpoint wants Basic client credentials.
    let token_url = format!("{}?grant_type=account_credentials&account_id=x", sandbox.zoom_token_url());
    let refused = raw("POST", &token_url, &[], None).await;
    assert_eq!((refused.status, refused.json["error"].clone()), (401, json!("invalid_client")));
    let granted = raw("POST", &token_url, &[("authorization", "Basic aWQ6c2VjcmV0")], None).await;
    assert_eq!(
        (granted.status, granted.json["token_type"].clone(), granted.json["expires_in"].clone()),
        (200, json!("bearer"), json!(3600))
    );
}

fn account_url(sandbox: &sandbox::Sandbox, account: &str) -> String {
    format!("{}/accounts/{account}", sandbox.zoom_base_url())
}

// ------------------------------------------------------------------------------------ bad input

/// Bodies no route accepts: not JSON, not an object, or fields of the wrong type. For Google, a
/// field the model does not know is an error too ("Unknown name"); Zoom ignores unknown fields.
const GARBAGE: [&str; 7] = [
    "",
    "{",
    "[]",
    "null",
    "\"text\"",
    "\u{0}\u{ff}",
    r#"{"type": 5, "hosts": "many", "contact": 1, "action": 3, "first_name": 7}"#,
];

/// Only Google refuses these: some fields are unknown to the route's model (the others, if any,
/// of the wrong type).
const GOOGLE_ONLY: [&str; 2] = [
    r#"{"seats": "many", "colour": "red"}"#,
    r#"{"skuId": 1, "plan": 7, "planName": [], "renewalType": {}, "numberOfSeats": "x"}"#,
];

#[tokio::test]
async fn every_route_answers_garbage_with_a_vendor_error_and_keeps_serving() {
    let sandbox = start().await;
    let client = google(&sandbox);
    let id = customer(&client, "garbage.example").await;
    client
        .subscriptions()
        .insert(&id, &Subscription::annual_monthly("1010020027", 5), &Default::default())
        .await
        .unwrap();
    zoom(&sandbox).billing().account_plan_create("sub-1", &subscribe_request(5)).await.unwrap();
    let google_routes = [
        ("POST", "/apps/reseller/v1/customers".to_owned()),
        ("PATCH", format!("/apps/reseller/v1/customers/{id}")),
        ("PUT", format!("/apps/reseller/v1/customers/{id}")),
        ("POST", format!("/apps/reseller/v1/customers/{id}/subscriptions")),
        ("POST", format!("/apps/reseller/v1/customers/{id}/subscriptions/S000001/changePlan")),
        ("POST", format!("/apps/reseller/v1/customers/{id}/subscriptions/S000001/changeRenewalSettings")),
        ("POST", format!("/apps/reseller/v1/customers/{id}/subscriptions/S000001/changeSeats")),
    ];
    let zoom_routes = [
        ("POST", "/zoom/v2/accounts/sub-1/plans"),
        ("PUT", "/zoom/v2/accounts/sub-1/plans/base"),
        ("PATCH", "/zoom/v2/accounts/sub-1/plans/base/status"),
        ("POST", "/zoom/v2/accounts/sub-1/plans/addons"),
        ("PUT", "/zoom/v2/accounts/sub-1/plans/addons"),
        ("PATCH", "/zoom/v2/accounts/sub-1/plans/addons/status"),
        ("PATCH", "/zoom/v2/accounts/sub-1/billing"),
        ("POST", "/zoom/v2/accounts"),
        ("POST", "/zoom/v2/accounts/sub-1/users"),
        ("POST", "/zoom/v2/users"),
        // The body is read before the user is looked up.
        ("PATCH", "/zoom/v2/accounts/sub-1/users/U999999"),
        ("PUT", "/zoom/v2/accounts/sub-1/users/U999999/status"),
    ];
    let auth = [("authorization", "Bearer t")];
    for body in GARBAGE.into_iter().chain(GOOGLE_ONLY) {
        for (method, path) in &google_routes {
            let answer = raw(method, &format!("{}{path}", sandbox.url()), &auth, Some(body)).await;
            assert_eq!(answer.status, 400, "{method} {path} {body:?}: {}", answer.json);
            assert_eq!(answer.json["error"]["code"], 400, "{method} {path} {body:?}: {}", answer.json);
            assert!(answer.json["error"]["errors"][0]["reason"].is_string(), "{}", answer.json);
        }
        for (method, path) in zoom_routes.into_iter().filter(|_| !GOOGLE_ONLY.contains(&body)) {
            let answer = raw(method, &format!("{}{path}", sandbox.url()), &auth, Some(body)).await;
            assert_eq!(answer.status, 400, "{method} {path} {body:?}: {}", answer.json);
            assert!(
                matches!(answer.json["code"].as_i64(), Some(300 | 2100)),
                "{method} {path} {body:?}: {}",
                answer.json
            );
        }
    }
    let odd_queries = ["maxResults=abc", "maxResults=0", "pageToken=zz", "pageToken=%FF%FE"];
    for query in odd_queries {
        let answer =
            raw("GET", &format!("{}/apps/reseller/v1/subscriptions?{query}", sandbox.url()), &auth, None).await;
        assert_eq!(answer.status, 400, "{query}: {}", answer.json);
    }
    let zoom_lists = ["/zoom/v2/accounts", "/zoom/v2/accounts/sub-1/users", "/zoom/v2/users"];
    let odd_zoom_queries = ["page_size=abc", "page_size=0", "page_size=301", "next_page_token=zz", "page_number=0"];
    let odd_zoom_lists = zoom_lists.iter().flat_map(|list| odd_zoom_queries.map(|query| (*list, query)));
    for (list, query) in odd_zoom_lists.chain([("/zoom/v2/users", "status=gone")]) {
        let answer = raw("GET", &format!("{}{list}?{query}", sandbox.url()), &auth, None).await;
        assert_eq!((answer.status, answer.json["code"].as_i64()), (400, Some(300)), "{list}?{query}: {}", answer.json);
    }
    // Still serving, state untouched.
    assert_eq!(
        client.subscriptions().get(&id, "S000001").await.unwrap().seats.and_then(|s| s.number_of_seats),
        Some(5)
    );
}
