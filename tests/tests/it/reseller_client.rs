//! The generated Reseller client used the way a downstream crate uses it, against a server on
//! 127.0.0.1: every one of the 17 operations, what goes on the wire, and what comes back.

use clientgen_runtime::Error;
use clientgen_tests::{MockServer, Recorded, Reply};
use google_reseller::types::{
    Address, ChangePlanName, ChangePlanRequest, Customer, CustomerType, PlanName, RenewalSettings, RenewalType,
    ResellernotifyRegisterParams, ResellernotifyUnregisterParams, Seats, Subscription, SubscriptionStatus,
    SubscriptionsDeleteDeletionType, SubscriptionsInsertAction, SubscriptionsInsertParams, SubscriptionsListParams,
    SuspensionReason,
};
use google_reseller::Client;
use serde_json::{json, Value};

const TOKEN: &str = "ya29.test-token";
const BASE: &str = "/apps/reseller/v1";

fn subscription_json() -> Value {
    json!({
        "kind": "reseller#subscription",
        "customerId": "C012345",
        "subscriptionId": "123456",
        "skuId": "1010020027",
        "skuName": "Google Workspace Business Starter",
        "creationTime": "1700000000123",
        "plan": {
            "planName": "ANNUAL",
            "isCommitmentPlan": true,
            "commitmentInterval": { "startTime": "1700000000000", "endTime": "1731536000000" }
        },
        "seats": { "kind": "subscriptions#seats", "numberOfSeats": 25, "licensedNumberOfSeats": 7 },
        "renewalSettings": { "kind": "subscriptions#renewalSettings", "renewalType": "RENEW_CURRENT_USERS_MONTHLY_PAY" },
        "status": "ACTIVE",
        "suspensionReasons": ["RESELLER_INITIATED", "SOMETHING_NEW"],
        "trialSettings": { "isInTrial": false },
        "billingMethod": "ONLINE"
    })
}

fn customer_json() -> Value {
    json!({
        "kind": "reseller#customer",
        "customerId": "C012345",
        "customerDomain": "example.com",
        "customerDomainVerified": true,
        "customerType": "domain",
        "alternateEmail": "admin@example.org",
        "phoneNumber": "+1 650 555 0100",
        "postalAddress": {
            "contactName": "Ada Lovelace",
            "organizationName": "Example Inc",
            "postalCode": "94043",
            "countryCode": "US",
            "locality": "Mountain View"
        },
        "resourceUiUrl": "https://admin.google.com/example.com"
    })
}

/// Answers like the Reseller API would, by method and path.
fn reseller(request: &Recorded) -> Reply {
    let path = request.path.strip_prefix(BASE).unwrap_or(&request.path);
    match (request.method.as_str(), path) {
        (_, p) if p.starts_with("/customers/") && p.contains("/subscriptions/") => {
            if request.method == "DELETE" {
                Reply::empty(200)
            } else {
                Reply::json(200, subscription_json())
            }
        }
        ("POST", p) if p.ends_with("/subscriptions") => Reply::json(200, subscription_json()),
        (_, p) if p.starts_with("/customers") => Reply::json(200, customer_json()),
        ("GET", "/subscriptions") => Reply::json(
            200,
            json!({ "kind": "reseller#subscriptions", "subscriptions": [subscription_json()], "nextPageToken": "page-2" }),
        ),
        ("GET", "/resellernotify/getwatchdetails") => Reply::json(
            200,
            json!({ "serviceAccountEmailAddresses": ["a@x.iam.gserviceaccount.com"], "topicName": "projects/p/topics/t" }),
        ),
        ("POST", "/resellernotify/register" | "/resellernotify/unregister") => {
            Reply::json(200, json!({ "topicName": "projects/p/topics/t" }))
        }
        _ => Reply::json(404, json!({ "error": { "code": 404, "message": "no route", "status": "NOT_FOUND" } })),
    }
}

fn client(server: &MockServer) -> Client {
    Client::builder().base_url(server.url()).bearer_token(TOKEN).build().expect("client builds")
}

fn new_customer() -> Customer {
    Customer {
        customer_domain: Some("example.com".into()),
        alternate_email: Some("admin@example.org".into()),
        customer_type: Some(CustomerType::Domain),
        postal_address: Some(Address {
            contact_name: "Ada Lovelace".into(),
            organization_name: "Example Inc".into(),
            postal_code: "94043".into(),
            country_code: "US".into(),
            address_line1: None,
            address_line2: None,
            address_line3: None,
            kind: None,
            locality: None,
            region: None,
        }),
        ..Default::default()
    }
}

fn new_subscription() -> Subscription {
    serde_json::from_value(json!({
        "skuId": "1010020027",
        "plan": { "planName": "ANNUAL_MONTHLY_PAY" },
        "seats": { "numberOfSeats": 25 },
        "renewalSettings": { "renewalType": "RENEW_CURRENT_USERS_MONTHLY_PAY" },
        "purchaseOrderId": "PO-42"
    }))
    .unwrap()
}

#[tokio::test]
async fn every_operation_sends_the_documented_request_and_decodes_the_response() {
    let server = MockServer::start(reseller).await;
    let client = client(&server);

    // customers
    let created = client
        .customers()
        .insert(
            &new_customer(),
            &google_reseller::types::CustomersInsertParams { customer_auth_token: Some("tok 1/2".into()) },
        )
        .await
        .unwrap();
    assert_eq!(created.customer_id.as_deref(), Some("C012345"));
    assert_eq!(created.customer_type, Some(CustomerType::Domain));
    let got = client.customers().get("example.com").await.unwrap();
    assert_eq!(got.postal_address.as_ref().unwrap().locality.as_deref(), Some("Mountain View"));
    client.customers().update("C012345", &new_customer()).await.unwrap();
    let patch = Customer { alternate_email: Some("billing@example.org".into()), ..Default::default() };
    client.customers().patch("C012345", &patch).await.unwrap();

    // subscriptions
    let subs = client.subscriptions();
    let inserted = subs
        .insert(
            "C012345",
            &new_subscription(),
            &SubscriptionsInsertParams {
                action: Some(SubscriptionsInsertAction::Switch),
                source_sku_id: Some("1010020020".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(inserted.creation_time, Some(1_700_000_000_123), "int64 strings decode into integers");
    assert_eq!(inserted.plan.plan_name, PlanName::Annual, "responses spell ANNUAL_MONTHLY_PAY as ANNUAL");
    assert_eq!(inserted.plan.commitment_interval.as_ref().unwrap().end_time, Some(1_731_536_000_000));
    assert_eq!(inserted.status, Some(SubscriptionStatus::Active));
    assert_eq!(
        inserted.suspension_reasons.as_deref(),
        Some(&[SuspensionReason::ResellerInitiated, SuspensionReason::Unknown("SOMETHING_NEW".into())][..]),
        "an unknown enum value is kept, not an error"
    );
    assert_eq!(inserted.seats.as_ref().unwrap().licensed_number_of_seats, Some(7));

    subs.get("C012345", "123456").await.unwrap();
    let deleted: () =
        subs.delete("C012345", "123456", SubscriptionsDeleteDeletionType::TransferToDirect).await.unwrap();
    assert_eq!(deleted, ());
    subs.activate("C012345", "123456").await.unwrap();
    let mut change = ChangePlanRequest::new(
        ChangePlanName::AnnualYearlyPay,
        Seats { number_of_seats: Some(30), ..Default::default() },
    );
    change.deal_code = Some("DEAL-1".into());
    subs.change_plan("C012345", "123456", &change).await.unwrap();
    let renewal = RenewalSettings::new(RenewalType::AutoRenewYearlyPay);
    subs.change_renewal_settings("C012345", "123456", &renewal).await.unwrap();
    subs.change_seats("C012345", "123456", &Seats { number_of_seats: Some(40), ..Default::default() }).await.unwrap();
    subs.start_paid_service("C012345", "123456").await.unwrap();
    subs.suspend("C012345", "123456").await.unwrap();
    let page = subs
        .list(&SubscriptionsListParams {
            customer_id: Some("C012345".into()),
            customer_name_prefix: Some("exa mple&co".into()),
            max_results: Some(50),
            page_token: Some("page-1".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(page.next_page_token.as_deref(), Some("page-2"));
    assert_eq!(page.subscriptions.as_ref().map(Vec::len), Some(1));

    // resellernotify
    let watch = client.resellernotify().getwatchdetails().await.unwrap();
    assert_eq!(watch.topic_name.as_deref(), Some("projects/p/topics/t"));
    let email = Some("a@x.iam.gserviceaccount.com".to_owned());
    client
        .resellernotify()
        .register(&ResellernotifyRegisterParams { service_account_email_address: email.clone() })
        .await
        .unwrap();
    client
        .resellernotify()
        .unregister(&ResellernotifyUnregisterParams { service_account_email_address: email })
        .await
        .unwrap();

    let requests = server.requests();
    let lines: Vec<String> = requests.iter().map(Recorded::line).collect();
    let sub = format!("{BASE}/customers/C012345/subscriptions/123456");
    assert_eq!(
        lines,
        [
            format!("POST {BASE}/customers?customerAuthToken=tok+1%2F2"),
            format!("GET {BASE}/customers/example.com"),
            format!("PUT {BASE}/customers/C012345"),
            format!("PATCH {BASE}/customers/C012345"),
            format!("POST {BASE}/customers/C012345/subscriptions?action=switch&sourceSkuId=1010020020"),
            format!("GET {sub}"),
            format!("DELETE {sub}?deletionType=transfer_to_direct"),
            format!("POST {sub}/activate"),
            format!("POST {sub}/changePlan"),
            format!("POST {sub}/changeRenewalSettings"),
            format!("POST {sub}/changeSeats"),
            format!("POST {sub}/startPaidService"),
            format!("POST {sub}/suspend"),
            format!("GET {BASE}/subscriptions?customerId=C012345&customerNamePrefix=exa+mple%26co&maxResults=50&pageToken=page-1"),
            format!("GET {BASE}/resellernotify/getwatchdetails"),
            format!("POST {BASE}/resellernotify/register?serviceAccountEmailAddress=a%40x.iam.gserviceaccount.com"),
            format!("POST {BASE}/resellernotify/unregister?serviceAccountEmailAddress=a%40x.iam.gserviceaccount.com"),
        ]
    );
    for request in &requests {
        assert_eq!(request.header("authorization"), Some("Bearer ya29.test-token"), "{}", request.line());
        let has_body = !request.body.is_empty();
        assert_eq!(has_body, request.header("content-type") == Some("application/json"), "{}", request.line());
    }

    // Bodies: camelCase names, absent options omitted, int64 as strings.
    assert_eq!(
        requests[0].json(),
        json!({
            "alternateEmail": "admin@example.org",
            "customerDomain": "example.com",
            "customerType": "domain",
            "postalAddress": { "contactName": "Ada Lovelace", "organizationName": "Example Inc", "postalCode": "94043", "countryCode": "US" }
        })
    );
    assert_eq!(requests[3].json(), json!({ "alternateEmail": "billing@example.org" }));
    assert_eq!(
        requests[4].json(),
        json!({
            "skuId": "1010020027",
            "plan": { "planName": "ANNUAL_MONTHLY_PAY" },
            "seats": { "numberOfSeats": 25 },
            "renewalSettings": { "renewalType": "RENEW_CURRENT_USERS_MONTHLY_PAY" },
            "purchaseOrderId": "PO-42"
        })
    );
    assert_eq!(
        requests[8].json(),
        json!({ "planName": "ANNUAL_YEARLY_PAY", "seats": { "numberOfSeats": 30 }, "dealCode": "DEAL-1" })
    );
    assert_eq!(requests[9].json(), json!({ "renewalType": "AUTO_RENEW_YEARLY_PAY" }));
    assert_eq!(requests[10].json(), json!({ "numberOfSeats": 40 }));
    for bodiless in [1, 5, 6, 7, 11, 12, 13, 14, 15, 16] {
        assert!(requests[bodiless].body.is_empty(), "{} sends no body", requests[bodiless].line());
    }
}

#[tokio::test]
async fn int64_fields_serialize_as_json_strings() {
    let mut subscription = new_subscription();
    subscription.creation_time = Some(9_007_199_254_740_993);
    let wire = serde_json::to_value(&subscription).unwrap();
    assert_eq!(wire["creationTime"], json!("9007199254740993"));
    let back: Subscription = serde_json::from_value(wire).unwrap();
    assert_eq!(back.creation_time, Some(9_007_199_254_740_993));
}

#[tokio::test]
async fn a_google_error_envelope_decodes_with_status_reason_and_raw_body() {
    let envelope = json!({
        "error": {
            "code": 412,
            "message": "Renewal settings are only for annual plans.",
            "errors": [{ "message": "Renewal settings are only for annual plans.", "domain": "global", "reason": "conditionNotMet" }],
            "status": "FAILED_PRECONDITION"
        }
    });
    let reply = envelope.clone();
    let server = MockServer::start(move |_| Reply::json(412, reply.clone())).await;
    let renewal = RenewalSettings::new(RenewalType::Cancel);
    let err = client(&server).subscriptions().change_renewal_settings("C1", "S1", &renewal).await.unwrap_err();

    assert_eq!(err.status().map(|s| s.as_u16()), Some(412));
    assert_eq!(err.operation(), "reseller.subscriptions.changeRenewalSettings");
    let google = err.vendor_error().expect("the envelope decodes");
    assert_eq!(google.error.code, 412);
    assert_eq!(google.error.status.as_deref(), Some("FAILED_PRECONDITION"));
    let item = &google.error.errors.as_ref().unwrap()[0];
    assert_eq!((item.reason.as_deref(), item.domain.as_deref()), (Some("conditionNotMet"), Some("global")));
    assert_eq!(serde_json::from_slice::<Value>(err.raw_body().unwrap()).unwrap(), envelope);
    assert!(err.to_string().contains("412"), "{err}");
}

#[tokio::test]
async fn an_html_502_page_is_an_api_error_that_keeps_the_page() {
    let page = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    let server = MockServer::start(move |_| Reply::raw(502, "text/html", page)).await;
    let err = client(&server).subscriptions().get("C1", "S1").await.unwrap_err();
    match &err {
        Error::Api(api) => {
            assert_eq!(api.status.as_u16(), 502);
            assert!(api.body.is_none(), "HTML is not a Google error envelope");
            assert_eq!(&api.raw[..], page.as_bytes());
        }
        other => panic!("expected an API error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_success_status_with_a_broken_body_is_a_typed_error() {
    for (content_type, body) in [
        ("application/json", "{\"kind\": \"reseller#subscr"),
        ("text/html", "<p>maintenance</p>"),
        ("application/json", ""),
    ] {
        let server = MockServer::start(move |_| Reply::raw(200, content_type, body)).await;
        let err = client(&server).subscriptions().get("C1", "S1").await.unwrap_err();
        match err {
            Error::UnexpectedBody { status, content_type: sent, raw, .. } => {
                assert_eq!(status.as_u16(), 200);
                assert_eq!(sent.as_deref(), Some(content_type));
                assert_eq!(&raw[..], body.as_bytes());
            }
            other => panic!("expected UnexpectedBody for {body:?}, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn path_parameters_cannot_change_the_path() {
    let server = MockServer::start(reseller).await;
    let client = client(&server);
    client.subscriptions().get("a/b?c#d%e", "../../admin").await.unwrap();
    assert_eq!(
        server.requests()[0].line(),
        format!("GET {BASE}/customers/a%2Fb%3Fc%23d%25e/subscriptions/..%2F..%2Fadmin")
    );

    for id in ["..", ".", ""] {
        let err = client.customers().get(id).await.unwrap_err();
        assert!(matches!(err, Error::InvalidRequest { .. }), "{id:?}: {err:?}");
        assert!(err.to_string().contains("customerId"), "{err}");
    }
    assert_eq!(server.requests().len(), 1, "refused requests are never sent");
}

#[tokio::test]
async fn no_secret_in_debug_output() {
    let server = MockServer::start(reseller).await;
    let client = client(&server);
    let shown = format!("{client:?} {:?}", client.subscriptions().get("C1", "S1"));
    assert!(!shown.contains(TOKEN) && !shown.contains("test-token"), "{shown}");
}
