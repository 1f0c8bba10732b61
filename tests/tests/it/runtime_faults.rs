//! The runtime every generated client shares, against a server on 127.0.0.1 that misbehaves on
//! purpose: retries (and the requests they must never repeat), Retry-After in its three forms,
//! rate limits, timeouts, token fetching and refreshing, paging through faults, and secrets.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use clientgen_runtime::oauth::{GoogleServiceAccount, ServiceAccountKey, ZoomServerToServer};
use clientgen_runtime::{Auth, Error, RetryPolicy};
use clientgen_tests::{Fault, MockServer, Recorded, Reply};
use google_reseller::types::{ChangePlanName, ChangePlanRequest, Seats, SubscriptionsListParams};
use serde_json::{json, Value};

/// Retries fast enough for tests; Retry-After up to 5 s is obeyed.
pub(super) fn fast_retries() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 4,
        initial_backoff: Duration::from_millis(10),
        max_backoff: Duration::from_millis(50),
        max_elapsed: Duration::from_secs(20),
        max_retry_after: Duration::from_secs(5),
    }
}

pub(super) fn reseller(server: &MockServer) -> google_reseller::Client {
    google_reseller::Client::builder()
        .base_url(server.url())
        .bearer_token("static-token")
        .retry(fast_retries())
        .build()
        .unwrap()
}

pub(super) fn subscription(id: &str) -> Value {
    json!({ "subscriptionId": id, "skuId": "1010020027", "plan": { "planName": "FLEXIBLE" } })
}

/// Answers with `faults` in turn, then with a subscription; counts requests.
pub(super) fn flaky(faults: Vec<Reply>) -> impl Fn(&Recorded) -> Reply + Send + Sync + 'static {
    let seen = AtomicUsize::new(0);
    move |_| {
        faults.get(seen.fetch_add(1, Ordering::SeqCst)).cloned().unwrap_or_else(|| Reply::json(200, subscription("S1")))
    }
}

/// `YYYY-MM-DDTHH:MM:SSZ`, as Zoom writes Retry-After.
fn rfc3339(time: SystemTime) -> String {
    let secs = time.duration_since(UNIX_EPOCH).unwrap().as_secs() as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

#[tokio::test]
async fn every_retryable_get_succeeds_after_faults() {
    let html = Reply::raw(502, "text/html", "<html><h1>502 Bad Gateway</h1></html>");
    let truncated = Reply::json(200, subscription("S1")).with_fault(Fault::Truncate(10));
    let cases: Vec<(&str, Reply)> = vec![
        ("503", Reply::json(503, json!({ "error": { "code": 503, "message": "backend" } }))),
        ("502 with an HTML page", html),
        ("504", Reply::empty(504)),
        ("connection reset", Reply::reset()),
        ("truncated JSON", truncated),
        ("429 without Retry-After", Reply::empty(429)),
    ];
    for (name, fault) in cases {
        let server = MockServer::start(flaky(vec![fault.clone(), fault])).await;
        let got = reseller(&server).subscriptions().get("C1", "S1").await;
        assert!(got.is_ok(), "{name}: {got:?}");
        assert_eq!(server.requests().len(), 3, "{name}: two faults, then success");
    }

    // An attempt that stalls past the per-attempt timeout is abandoned and sent again.
    let server = MockServer::start(flaky(vec![
        Reply::json(200, subscription("S1")).with_fault(Fault::Stall(Duration::from_secs(2)))
    ]))
    .await;
    let started = Instant::now();
    reseller(&server).subscriptions().get("C1", "S1").attempt_timeout(Duration::from_millis(300)).await.unwrap();
    assert!(started.elapsed() < Duration::from_millis(1500), "{:?}", started.elapsed());
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn retry_after_is_obeyed_in_its_three_forms() {
    // Dates have whole seconds: two seconds ahead is at least one second's wait.
    let soon = || SystemTime::now() + Duration::from_secs(2);
    let forms: [(&str, &dyn Fn() -> String); 3] = [
        ("delta-seconds", &|| "1".to_owned()),
        ("HTTP-date", &|| httpdate::fmt_http_date(soon())),
        ("RFC 3339 (Zoom)", &|| rfc3339(soon())),
    ];
    for (name, value) in forms {
        let value = value();
        let server = MockServer::start(flaky(vec![Reply::empty(429).header("Retry-After", &value)])).await;
        let started = Instant::now();
        reseller(&server).subscriptions().get("C1", "S1").await.unwrap();
        let waited = started.elapsed();
        // The backoff alone is at most 50 ms; Retry-After asked for about a second or more.
        assert!(waited >= Duration::from_millis(700), "{name} ({value}): waited only {waited:?}");
        assert_eq!(server.requests().len(), 2, "{name}");
    }
}

#[tokio::test]
async fn a_post_is_sent_exactly_once_when_the_server_fails_after_reading_it() {
    let change = ChangePlanRequest::new(
        ChangePlanName::AnnualMonthlyPay,
        Seats { number_of_seats: Some(10), ..Default::default() },
    );
    // A 502/503 says the request was not acted on; a reset or a cut-off answer does not.
    for (fault, retryable) in [
        (Reply::reset(), false),
        (Reply::empty(503), true),
        (Reply::empty(502), true),
        (Reply::json(200, subscription("S1")).with_fault(Fault::Truncate(5)), false),
    ] {
        let server = MockServer::start(flaky(vec![fault.clone()])).await;
        let err = reseller(&server).subscriptions().change_plan("C1", "S1", &change).await.unwrap_err();
        assert_eq!(server.requests().len(), 1, "changePlan must not be repeated after {fault:?}: {err}");
        assert_eq!(err.is_retryable(), retryable, "{fault:?}: {err}");
    }

    // changeSeats is marked x-idempotent in the spec: seat counts are absolute, so it is retried.
    let server = MockServer::start(flaky(vec![Reply::empty(503)])).await;
    let seats = Seats { number_of_seats: Some(12), ..Default::default() };
    reseller(&server).subscriptions().change_seats("C1", "S1", &seats).await.unwrap();
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].body, requests[1].body, "the retry sends the same body");
}

#[tokio::test]
async fn the_daily_limit_returns_at_once_with_its_reset_time() {
    let reset = rfc3339(SystemTime::now() + Duration::from_secs(6 * 3600));
    let reply = Reply::json(
        429,
        json!({ "code": 429, "message": "You have reached the maximum daily rate limit for this API." }),
    )
    .header("Retry-After", &reset)
    .header("X-RateLimit-Type", "Daily-limit");
    let server = MockServer::start(move |_| reply.clone()).await;
    let zoom = zoom::Client::builder().base_url(server.url()).bearer_token("t").retry(fast_retries()).build().unwrap();

    let started = Instant::now();
    let err = zoom.billing().get_plan_usage("me").await.unwrap_err();
    assert!(started.elapsed() < Duration::from_millis(500), "not slept: {:?}", started.elapsed());
    assert_eq!(server.requests().len(), 1);
    match &err {
        Error::RateLimited { retry_at, retry_after, limit_type, response } => {
            assert_eq!(rfc3339(*retry_at), reset);
            assert!(*retry_after > Duration::from_secs(5 * 3600), "{retry_after:?}");
            assert_eq!(limit_type.as_deref(), Some("Daily-limit"));
            assert_eq!(response.body.as_ref().unwrap().code.value(), 429);
        }
        other => panic!("expected RateLimited, got {other:?}"),
    }
    assert!(err.to_string().contains("Daily-limit"), "{err}");
}

#[tokio::test]
async fn timeouts_apply_per_client_and_per_call() {
    let stall = Reply::json(200, subscription("S1")).with_fault(Fault::Stall(Duration::from_secs(3)));
    let server = MockServer::start(move |_| stall.clone()).await;
    let client = google_reseller::Client::builder()
        .base_url(server.url())
        .retry(RetryPolicy::none())
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let started = Instant::now();
    let err = client.subscriptions().get("C1", "S1").await.unwrap_err();
    assert!(matches!(&err, Error::Transport { source, .. } if source.is_timeout()), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(1));

    let patient = google_reseller::Client::builder().base_url(server.url()).retry(RetryPolicy::none()).build().unwrap();
    let started = Instant::now();
    let err = patient.subscriptions().get("C1", "S1").timeout(Duration::from_millis(200)).await.unwrap_err();
    assert!(matches!(&err, Error::Transport { source, .. } if source.is_timeout()), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(1));
}

/// A server with Zoom's token endpoint (`POST /oauth/token`) and an API that accepts the tokens
/// in `valid`; it hands out `tok-1`, `tok-2`, ... slowly, so concurrent callers overlap.
struct ZoomServer {
    server: MockServer,
    token_fetches: Arc<AtomicUsize>,
}

async fn zoom_server(valid: &'static [&'static str]) -> ZoomServer {
    let token_fetches = Arc::new(AtomicUsize::new(0));
    let fetches = Arc::clone(&token_fetches);
    let server = MockServer::start(move |request: &Recorded| {
        if request.path == "/oauth/token" {
            let n = fetches.fetch_add(1, Ordering::SeqCst) + 1;
            return Reply::json(
                200,
                json!({ "access_token": format!("tok-{n}"), "token_type": "bearer", "expires_in": 3600 }),
            )
            .with_fault(Fault::Stall(Duration::from_millis(100)));
        }
        let token = request.header("authorization").unwrap_or_default().trim_start_matches("Bearer ");
        if valid.contains(&token) {
            Reply::json(200, json!({ "plan_base": { "hosts": 10, "usage": 3, "type": "monthly" } }))
        } else {
            Reply::json(401, json!({ "code": 124, "message": "Invalid access token." }))
        }
    })
    .await;
    ZoomServer { server, token_fetches }
}

fn s2s(server: &MockServer) -> ZoomServerToServer {
    ZoomServerToServer::new("acct-9", "client-id", "client-secret-value")
        .with_token_url(format!("{}/oauth/token", server.url()))
}

fn zoom_client(server: &MockServer) -> zoom::Client {
    zoom::Client::builder()
        .base_url(server.url())
        .auth(Auth::source(s2s(server)))
        .retry(fast_retries())
        .build()
        .unwrap()
}

#[tokio::test]
async fn concurrent_calls_share_one_token_fetch() {
    let ZoomServer { server, token_fetches } = zoom_server(&["tok-1"]).await;
    let client = zoom_client(&server);
    let mut calls = tokio::task::JoinSet::new();
    for _ in 0..8 {
        let client = client.clone();
        calls.spawn(async move { client.billing().get_plan_usage("me").await });
    }
    while let Some(done) = calls.join_next().await {
        assert_eq!(done.unwrap().unwrap().plan_base.unwrap().hosts, Some(10));
    }
    assert_eq!(token_fetches.load(Ordering::SeqCst), 1, "one fetch for eight concurrent calls");

    let requests = server.requests();
    let token_request = requests.iter().find(|r| r.path == "/oauth/token").unwrap();
    assert_eq!(token_request.line(), "POST /oauth/token?grant_type=account_credentials&account_id=acct-9");
    // Basic base64("client-id:client-secret-value")
    assert_eq!(token_request.header("authorization"), Some("Basic Y2xpZW50LWlkOmNsaWVudC1zZWNyZXQtdmFsdWU="));
    let api_calls: Vec<&Recorded> = requests.iter().filter(|r| r.path != "/oauth/token").collect();
    assert_eq!(api_calls.len(), 8);
    assert!(api_calls.iter().all(|r| r.header("authorization") == Some("Bearer tok-1")));
}

#[tokio::test]
async fn a_401_is_answered_by_one_refresh_and_one_retry() {
    // tok-1 is refused (revoked early): one refresh gets tok-2, which works.
    let ZoomServer { server, token_fetches } = zoom_server(&["tok-2"]).await;
    let usage = zoom_client(&server).billing().get_plan_usage("me").await.unwrap();
    assert_eq!(usage.plan_base.unwrap().usage, Some(3));
    assert_eq!(token_fetches.load(Ordering::SeqCst), 2);
    let api: Vec<String> = server
        .requests()
        .iter()
        .filter(|r| r.path != "/oauth/token")
        .map(|r| r.header("authorization").unwrap().to_owned())
        .collect();
    assert_eq!(api, ["Bearer tok-1", "Bearer tok-2"]);

    // Every token refused: one refresh only, then the 401 is the answer.
    let ZoomServer { server, token_fetches } = zoom_server(&[]).await;
    let err = zoom_client(&server).billing().get_plan_usage("me").await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
    assert_eq!(err.vendor_error().unwrap().code.value(), 124);
    assert_eq!(token_fetches.load(Ordering::SeqCst), 2);
    assert_eq!(server.requests().iter().filter(|r| r.path != "/oauth/token").count(), 2);
}

#[tokio::test]
async fn a_refused_token_request_is_a_typed_auth_error_without_the_secret() {
    let server = MockServer::start(|request: &Recorded| {
        assert_eq!(request.path, "/oauth/token", "no API call without a token");
        Reply::json(401, json!({ "reason": "Invalid client_id or client_secret", "error": "invalid_client" }))
    })
    .await;
    let client = zoom_client(&server);
    let err = client.billing().get_plan_usage("me").await.unwrap_err();
    match &err {
        Error::Auth { source, .. } => {
            assert_eq!(source.status, Some(401));
            assert!(source.message.contains("invalid_client"), "{source}");
        }
        other => panic!("expected an auth error, got {other:?}"),
    }
    for shown in [format!("{err}"), format!("{err:?}"), format!("{client:?}"), format!("{:?}", s2s(&server))] {
        assert!(!shown.contains("client-secret-value"), "{shown}");
    }
}

#[tokio::test]
async fn google_service_accounts_sign_a_jwt_for_the_subject_and_the_operation_scopes() {
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/keys");
    let private_key = std::fs::read_to_string(data.join("test-service-account.pem")).unwrap();
    let public_key = std::fs::read(data.join("test-service-account.pub.pem")).unwrap();
    let assertions: Arc<Mutex<Vec<String>>> = Arc::default();
    let seen = Arc::clone(&assertions);
    let server = MockServer::start(move |request: &Recorded| {
        if request.path == "/token" {
            let form = String::from_utf8(request.body.clone()).unwrap();
            let assertion = form.split('&').find_map(|kv| kv.strip_prefix("assertion=")).unwrap().to_owned();
            assert!(form.contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer"), "{form}");
            seen.lock().unwrap().push(assertion);
            return Reply::json(
                200,
                json!({ "access_token": "ya29.from-jwt", "expires_in": 3599, "token_type": "Bearer" }),
            );
        }
        assert_eq!(request.header("authorization"), Some("Bearer ya29.from-jwt"));
        Reply::json(200, subscription("S1"))
    })
    .await;
    let key = ServiceAccountKey::from_json(
        &json!({ "type": "service_account", "client_email": "reseller-bot@p.iam.gserviceaccount.com", "private_key": private_key, "token_uri": format!("{}/token", server.url()) })
            .to_string(),
    )
    .unwrap();
    assert!(!format!("{key:?}").contains("PRIVATE KEY"), "the key never shows");
    let source = GoogleServiceAccount::new(key).with_subject("admin@reseller.example.com");
    let client = google_reseller::Client::builder()
        .base_url(server.url())
        .auth(Auth::source(source))
        .retry(fast_retries())
        .build()
        .unwrap();
    client.subscriptions().get("C1", "S1").await.unwrap();
    client.subscriptions().get("C1", "S2").await.unwrap();

    let assertions = assertions.lock().unwrap();
    assert_eq!(assertions.len(), 1, "the token is cached");
    let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::RS256);
    validation.set_audience(&[format!("{}/token", server.url())]);
    let claims = jsonwebtoken::decode::<Value>(
        &assertions[0],
        &jsonwebtoken::DecodingKey::from_rsa_pem(&public_key).unwrap(),
        &validation,
    )
    .expect("signed with the service account's key")
    .claims;
    assert_eq!(claims["iss"], "reseller-bot@p.iam.gserviceaccount.com");
    assert_eq!(claims["sub"], "admin@reseller.example.com");
    assert_eq!(claims["scope"], "https://www.googleapis.com/auth/apps.order", "the operation's scope");
    assert_eq!(claims["exp"].as_u64().unwrap() - claims["iat"].as_u64().unwrap(), 3600);
}

/// Five pages of two subscriptions; `fail` answers the first request for page 3.
fn five_pages(fail: Reply) -> impl Fn(&Recorded) -> Reply + Send + Sync + 'static {
    let failed = AtomicUsize::new(0);
    move |request: &Recorded| {
        let page: usize =
            request.query.split('&').find_map(|kv| kv.strip_prefix("pageToken=p")).map_or(1, |n| n.parse().unwrap());
        if page == 3 && failed.fetch_add(1, Ordering::SeqCst) == 0 {
            return fail.clone();
        }
        let items: Vec<Value> = (1..=2).map(|i| subscription(&format!("S{}", (page - 1) * 2 + i))).collect();
        let next = if page < 5 { format!("p{}", page + 1) } else { String::new() };
        Reply::json(200, json!({ "kind": "reseller#subscriptions", "subscriptions": items, "nextPageToken": next }))
    }
}

#[tokio::test]
async fn a_paged_stream_over_five_pages_with_a_503_in_the_middle_yields_every_item_once() {
    let server = MockServer::start(five_pages(Reply::empty(503))).await;
    let client = reseller(&server);
    let params = SubscriptionsListParams { max_results: Some(2), ..Default::default() };
    let mut stream = client.subscriptions().list_stream(&params);
    let mut ids = Vec::new();
    while let Some(item) = stream.next().await {
        ids.push(item.unwrap().subscription_id.unwrap());
    }
    assert_eq!(ids, (1..=10).map(|i| format!("S{i}")).collect::<Vec<_>>());
    let lines: Vec<String> = server.requests().iter().map(Recorded::line).collect();
    assert_eq!(lines.len(), 6, "five pages and one retry: {lines:#?}");
    assert_eq!(lines[0], "GET /apps/reseller/v1/subscriptions?maxResults=2");
    assert_eq!(lines[5], "GET /apps/reseller/v1/subscriptions?maxResults=2&pageToken=p5");
}

#[tokio::test]
async fn a_failure_mid_stream_is_an_error_item_after_the_items_already_yielded() {
    let refused = Reply::json(
        400,
        json!({ "error": { "code": 400, "message": "Invalid page token", "status": "INVALID_ARGUMENT" } }),
    );
    let server = MockServer::start(five_pages(refused)).await;
    let client = reseller(&server);
    let mut stream = client.subscriptions().list_stream(&SubscriptionsListParams::default());
    let mut yielded = Vec::new();
    while let Some(item) = stream.next().await {
        yielded.push(item.map(|s| s.subscription_id.unwrap()).map_err(|e| e.status().unwrap().as_u16()));
    }
    assert_eq!(yielded, [Ok("S1".into()), Ok("S2".into()), Ok("S3".into()), Ok("S4".into()), Err(400)]);
}

#[tokio::test]
async fn raw_access_returns_status_and_headers_with_the_body() {
    let server = MockServer::start(|_| Reply::json(200, subscription("S9")).header("X-Request-Id", "req-42")).await;
    let response = reseller(&server).subscriptions().get("C1", "S9").send_with_response().await.unwrap();
    assert_eq!(response.status.as_u16(), 200);
    assert_eq!(response.headers.get("x-request-id").unwrap(), "req-42");
    assert_eq!(response.body.subscription_id.as_deref(), Some("S9"));
}

/// Collects what `tracing` prints.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn calls_are_traced_without_secrets_or_bodies() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_max_level(tracing::Level::DEBUG)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = MockServer::start(flaky(vec![Reply::empty(503)])).await;
    reseller(&server).subscriptions().get("C1", "S1").await.unwrap();
    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(log.contains("operation=\"reseller.subscriptions.get\""), "{log}");
    assert!(log.contains("method=GET") && log.contains("status=200") && log.contains("attempts=2"), "{log}");
    assert!(log.contains("retrying"), "{log}");
    assert!(!log.contains("static-token") && !log.contains("1010020027"), "no token, no body: {log}");
}
