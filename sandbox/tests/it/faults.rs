//! Fault injection: a queued or requested 429 (with `Retry-After`), 503, slow answer or dropped
//! connection, and how the generated clients' retries get through them.

use std::time::{Duration, Instant};

use crate::common::{customer, google, google_reason, new_customer, raw, start, subscribe_request, zoom, zoom_code};
use sandbox::{Fault, FaultRule};
use serde_json::{json, Value};

/// The statuses and faults of the logged requests to `path`, oldest first.
async fn log_for(sandbox: &sandbox::Sandbox, path: &str) -> Vec<(Value, Value)> {
    let log = raw("GET", &format!("{}/_sandbox/requests", sandbox.url()), &[], None).await.json;
    log["recent"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|entry| entry["path"] == path)
        .map(|entry| (entry["status"].clone(), entry.get("fault").cloned().unwrap_or(Value::Null)))
        .collect()
}

#[tokio::test]
async fn a_429_with_retry_after_is_waited_out_and_retried() {
    let sandbox = start().await;
    let client = google(&sandbox);
    let id = customer(&client, "busy.example").await;
    sandbox.push_faults([FaultRule::new(Fault::status(429)).path_prefix("/apps/reseller/")]);

    let started = Instant::now();
    let found = client.customers().get(&id).await.unwrap();
    assert_eq!(found.customer_id.as_deref(), Some(id.as_str()));
    assert!(started.elapsed() >= Duration::from_millis(900), "Retry-After: 1 was obeyed ({:?})", started.elapsed());
    let path = format!("/apps/reseller/v1/customers/{id}");
    assert_eq!(log_for(&sandbox, &path).await, [(json!(429), json!("429")), (json!(200), Value::Null)]);

    // What the 429 looks like on the wire.
    let answer = raw(
        "GET",
        &format!("{}{path}", sandbox.url()),
        &[("authorization", "Bearer t"), ("x-sandbox-fault", "429")],
        None,
    )
    .await;
    assert_eq!(answer.status, 429);
    assert_eq!(answer.headers.get("retry-after").and_then(|v| v.to_str().ok()), Some("1"));
    assert_eq!(answer.json["error"]["errors"][0]["reason"], "quotaExceeded");
    assert_eq!(answer.json["error"]["errors"][0]["domain"], "usageLimits");
    assert_eq!(answer.json["error"]["status"], "RESOURCE_EXHAUSTED");
}

#[tokio::test]
async fn a_503_is_retried_and_faults_come_from_the_admin_endpoint() {
    let sandbox = start().await;
    let client = zoom(&sandbox);
    client.billing().account_plan_create("sub-1", &subscribe_request(4)).await.unwrap();
    let queued = raw(
        "POST",
        &format!("{}/_sandbox/faults", sandbox.url()),
        &[],
        Some(r#"[{"fault": "503", "times": 2, "path_prefix": "/zoom/v2/"}]"#),
    )
    .await;
    assert_eq!((queued.status, queued.json[0]["times"].clone()), (200, json!(2)));

    let usage = client.billing().get_plan_usage("sub-1").await.unwrap();
    assert_eq!(usage.plan_base.and_then(|base| base.hosts), Some(4));
    let statuses: Vec<Value> =
        log_for(&sandbox, "/zoom/v2/accounts/sub-1/plans/usage").await.into_iter().map(|(status, _)| status).collect();
    assert_eq!(statuses, [json!(503), json!(503), json!(200)]);
    let left = raw("GET", &format!("{}/_sandbox/faults", sandbox.url()), &[], None).await;
    assert_eq!(left.json, json!([]), "both uses were consumed");

    // A Zoom 503/429 is in Zoom's format.
    let url = format!("{}/accounts/sub-1/plans", sandbox.zoom_base_url());
    let answer = raw("GET", &url, &[("authorization", "Bearer t"), ("x-sandbox-fault", "429")], None).await;
    assert_eq!((answer.status, answer.json["code"].clone()), (429, json!(429)));
    assert_eq!(answer.headers.get("retry-after").and_then(|v| v.to_str().ok()), Some("1"));
}

#[tokio::test]
async fn more_failures_than_retries_reach_the_caller_and_posts_are_not_repeated() {
    let sandbox = start().await;
    let client = zoom(&sandbox);
    sandbox.push_faults([FaultRule::new(Fault::status(503)).times(10)]);
    let err = client.billing().account_plans("sub-1").await.unwrap_err();
    assert_eq!(zoom_code(&err).0, 503);
    assert!(err.is_retryable());
    assert_eq!(sandbox.request_count(), 4, "the default policy makes four attempts");

    // A subscribe is not safe to send twice: one attempt, and nothing changed.
    let err = client.billing().account_plan_create("sub-1", &subscribe_request(4)).await.unwrap_err();
    assert_eq!(zoom_code(&err).0, 503);
    assert_eq!(sandbox.request_count(), 5);
    assert_eq!(sandbox.state_json()["zoom"]["accounts"]["sub-1"]["plans"], Value::Null);
    let cleared = raw("DELETE", &format!("{}/_sandbox/faults", sandbox.url()), &[], None).await;
    assert_eq!(cleared.status, 204);
    client.billing().account_plan_create("sub-1", &subscribe_request(4)).await.unwrap();
}

#[tokio::test]
async fn a_slow_answer_is_slow_and_a_timed_out_read_is_retried() {
    let sandbox = start().await;
    let client = google(&sandbox);
    let id = customer(&client, "slow.example").await;
    let url = format!("{}/apps/reseller/v1/customers/{id}", sandbox.url());

    let started = Instant::now();
    let slow = raw("GET", &url, &[("authorization", "Bearer t"), ("x-sandbox-fault", "slow=300")], None).await;
    assert_eq!(slow.status, 200);
    assert!(started.elapsed() >= Duration::from_millis(300));

    // Slow, then a 503: both apply, in order.
    let started = Instant::now();
    let both = raw("GET", &url, &[("authorization", "Bearer t"), ("x-sandbox-fault", "slow=100, 503")], None).await;
    assert_eq!(both.status, 503);
    assert!(started.elapsed() >= Duration::from_millis(100));

    // The first attempt outlives its time limit; the second is answered at once.
    sandbox.push_faults([FaultRule::new(Fault::slow(1_000))]);
    let found = client.customers().get(&id).attempt_timeout(Duration::from_millis(200)).await.unwrap();
    assert_eq!(found.customer_id.as_deref(), Some(id.as_str()));
    let path = format!("/apps/reseller/v1/customers/{id}");
    let faults: Vec<Value> = log_for(&sandbox, &path).await.into_iter().map(|(_, fault)| fault).collect();
    assert!(faults.contains(&json!("slow=1000")), "{faults:?}");
}

#[tokio::test]
async fn a_dropped_connection_is_retried() {
    let sandbox = start().await;
    let client = google(&sandbox);
    let id = customer(&client, "dropped.example").await;
    sandbox.push_faults([FaultRule::new(Fault::Close)]);
    client.customers().get(&id).await.unwrap();
    let path = format!("/apps/reseller/v1/customers/{id}");
    assert_eq!(log_for(&sandbox, &path).await, [(Value::Null, json!("close")), (json!(200), Value::Null)]);

    // A POST that is not safe to repeat gets the transport error.
    sandbox.push_faults([FaultRule::new(Fault::Close)]);
    let err = client.customers().insert(&new_customer("other.example"), &Default::default()).await.unwrap_err();
    assert!(err.status().is_none(), "{err}");
    let bad = raw(
        "GET",
        &format!("{}{path}", sandbox.url()),
        &[("authorization", "Bearer t"), ("x-sandbox-fault", "teapot")],
        None,
    )
    .await;
    assert_eq!(google_reason_of(&bad.json), "badRequest");
}

fn google_reason_of(body: &Value) -> &str {
    body["error"]["errors"][0]["reason"].as_str().unwrap_or_default()
}

#[tokio::test]
async fn admin_endpoints_are_neither_faulted_nor_counted() {
    let sandbox = start().await;
    let client = google(&sandbox);
    sandbox.push_faults([FaultRule::new(Fault::status(500)).times(3)]);
    for _ in 0..3 {
        let index = raw("GET", &format!("{}/_sandbox", sandbox.url()), &[], None).await;
        assert_eq!(index.status, 200);
    }
    assert_eq!(sandbox.request_count(), 0);
    let err = client.customers().insert(&new_customer("x.example"), &Default::default()).await.unwrap_err();
    assert_eq!(google_reason(&err), (500, "backendError".to_owned()));
    assert_eq!(sandbox.request_count(), 1);
}
