//! What the sandbox tests share: a sandbox on 127.0.0.1, the generated clients pointed at it,
//! valid bodies, and a raw HTTP helper for what the clients cannot send.

use std::time::Duration;

use clientgen_runtime::RetryPolicy;
use google_reseller::types::{Address, Customer};
use sandbox::{Sandbox, SandboxConfig};
use serde_json::Value;
use zoom::types::{AccountPlanSubscribeRequest, Contact, PlanBase};

/// 2026-01-15T00:00:00Z: a fixed clock makes times and dates reproducible.
pub const NOW_MS: i64 = 1_768_435_200_000;

/// A sandbox with a fixed clock and one Zoom sub account, `sub-1`.
pub async fn start() -> Sandbox {
    Sandbox::start(SandboxConfig::new().fixed_time_ms(NOW_MS).zoom_account("sub-1")).await.expect("sandbox starts")
}

/// Retries quick enough for tests (a `Retry-After` is still obeyed).
pub fn fast_retries() -> RetryPolicy {
    RetryPolicy {
        initial_backoff: Duration::from_millis(10),
        max_backoff: Duration::from_millis(50),
        ..RetryPolicy::default()
    }
}

/// The generated Reseller client, pointed at the sandbox with any token.
pub fn google(sandbox: &Sandbox) -> google_reseller::Client {
    google_reseller::Client::builder()
        .base_url(sandbox.url())
        .bearer_token("test-token")
        .retry(fast_retries())
        .build()
        .expect("client builds")
}

/// The generated Zoom client, pointed at the sandbox with a plain bearer token.
pub fn zoom(sandbox: &Sandbox) -> zoom::Client {
    zoom::Client::builder()
        .base_url(sandbox.zoom_base_url())
        .bearer_token("test-token")
        .retry(fast_retries())
        .build()
        .expect("client builds")
}

/// A customer `customers.insert` accepts.
pub fn new_customer(domain: &str) -> Customer {
    Customer {
        customer_domain: Some(domain.to_owned()),
        alternate_email: Some("admin@example.org".to_owned()),
        phone_number: Some("+1 650 555 0100".to_owned()),
        postal_address: Some(Address {
            contact_name: "Ada Lovelace".to_owned(),
            organization_name: "Example Inc".to_owned(),
            postal_code: "94043".to_owned(),
            country_code: "US".to_owned(),
            address_line1: Some("1600 Amphitheatre Pkwy".to_owned()),
            address_line2: None,
            address_line3: None,
            kind: None,
            locality: Some("Mountain View".to_owned()),
            region: Some("CA".to_owned()),
        }),
        ..Customer::default()
    }
}

/// Creates a customer and returns its id.
pub async fn customer(client: &google_reseller::Client, domain: &str) -> String {
    let created = client.customers().insert(&new_customer(domain), &Default::default()).await.expect("customer");
    created.customer_id.expect("customer id")
}

/// A billing contact Zoom accepts.
pub fn contact() -> Contact {
    Contact {
        first_name: "Doc".to_owned(),
        last_name: "John".to_owned(),
        email: "doc.john@example.com".to_owned(),
        phone_number: "555-555-1234".to_owned(),
        address: "123 Bourbon St.".to_owned(),
        apt: Some("Unit 2".to_owned()),
        city: "New Orleans".to_owned(),
        state: "LA".to_owned(),
        zip: "70112".to_owned(),
        country: "US".to_owned(),
        employee_count: None,
    }
}

/// A subscription to `monthly` for `hosts` hosts.
pub fn subscribe_request(hosts: i64) -> AccountPlanSubscribeRequest {
    let mut request = AccountPlanSubscribeRequest::new(contact());
    let mut base = PlanBase::new("monthly".to_owned());
    base.hosts = Some(hosts);
    request.plan_base = Some(base);
    request
}

/// A raw HTTP answer: status, headers and the body as JSON (`Null` when empty or not JSON).
pub struct Raw {
    pub status: u16,
    pub headers: clientgen_runtime::http::HeaderMap,
    pub json: Value,
}

/// Sends a request the generated clients would not send.
pub async fn raw(method: &str, url: &str, headers: &[(&str, &str)], body: Option<&str>) -> Raw {
    let mut request = clientgen_runtime::http::Request::builder().method(method).uri(url);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    if body.is_some() {
        request = request.header("content-type", "application/json");
    }
    let request = request.body(body.unwrap_or_default().to_owned().into()).expect("a valid request");
    let http = clientgen_runtime::HttpClient::builder().no_proxy().build().expect("an HTTP client");
    let response = http.send(request, None).await.expect("the sandbox answers");
    let status = response.status().as_u16();
    let (parts, bytes) = response.into_parts();
    Raw { status, headers: parts.headers, json: serde_json::from_slice(&bytes).unwrap_or(Value::Null) }
}

/// The `errors[0].reason` and HTTP status of a Google error.
pub fn google_reason(err: &google_reseller::Error) -> (u16, String) {
    let reason = err
        .vendor_error()
        .and_then(|e| e.error.errors.as_ref())
        .and_then(|errors| errors.first())
        .and_then(|item| item.reason.clone())
        .unwrap_or_default();
    (err.status().map_or(0, |s| s.as_u16()), reason)
}

/// The Zoom code and HTTP status of a Zoom error.
pub fn zoom_code(err: &zoom::Error) -> (u16, i64) {
    (err.status().map_or(0, |s| s.as_u16()), err.vendor_error().map_or(0, |e| e.code.value()))
}
