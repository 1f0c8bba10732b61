//! The runtime's limits and identity against servers on 127.0.0.1: one deadline per call (backoff,
//! Retry-After and token fetches included) next to a per-attempt limit; no panic on hostile
//! headers, statuses or token answers; repeated page cursors; token fetches through the client's
//! HTTP client with retries; response size caps and gzip; User-Agent and extra headers; typed
//! transport errors; what `build()` refuses.

use std::io::Write as _;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use clientgen_runtime::oauth::ZoomServerToServer;
use clientgen_runtime::{Auth, Error, HttpClient, RetryPolicy, TransportErrorKind};
use clientgen_tests::{Fault, MockServer, Recorded, Reply};
use google_reseller::types::SubscriptionsListParams;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::runtime_faults::{fast_retries, flaky, reseller, subscription};

fn is_timeout<E>(err: &Error<E>) -> bool {
    matches!(err, Error::Transport { source, .. } if source.is_timeout())
}

#[tokio::test]
async fn the_timeout_bounds_the_whole_call_and_the_attempt_timeout_each_attempt() {
    // A server that never answers in time: four attempts of 0.8 s were 3.2 s; the call gets 0.8 s.
    let stall = Reply::json(200, subscription("S1")).with_fault(Fault::Stall(Duration::from_secs(5)));
    let server = MockServer::start(move |_| stall.clone()).await;
    let started = Instant::now();
    let err = reseller(&server).subscriptions().get("C1", "S1").timeout(Duration::from_millis(800)).await.unwrap_err();
    let took = started.elapsed();
    assert!(is_timeout(&err), "{err:?}");
    assert!(took >= Duration::from_millis(750) && took < Duration::from_millis(1500), "{took:?}");
    assert_eq!(server.requests().len(), 1);

    // With a per-attempt limit (set on the client here), the same call makes several attempts
    // within its own limit.
    let client = google_reseller::Client::builder()
        .base_url(server.url())
        .retry(fast_retries())
        .attempt_timeout(Duration::from_millis(200))
        .timeout(Duration::from_millis(1500))
        .build()
        .unwrap();
    let started = Instant::now();
    let err = client.subscriptions().get("C1", "S1").await.unwrap_err();
    assert!(is_timeout(&err), "{err:?}");
    assert!(started.elapsed() < Duration::from_millis(1400), "{:?}", started.elapsed());
    assert_eq!(server.requests().len(), 1 + 4, "four attempts of 200 ms each");
}

#[tokio::test]
async fn waits_that_would_overrun_the_deadline_are_not_slept() {
    // Retry-After of 3 s (obeyed by the policy) and a backoff-free policy: the call's 500 ms
    // limit leaves no room for the wait, so the 503 is the answer at once.
    let cases = [("Retry-After", Reply::empty(503).header("Retry-After", "3")), ("backoff", Reply::empty(503))];
    for (name, reply) in cases {
        let server = MockServer::start(flaky(vec![reply.clone(), reply.clone(), reply])).await;
        let slow_backoff = RetryPolicy {
            initial_backoff: Duration::from_secs(3),
            max_backoff: Duration::from_secs(3),
            ..fast_retries()
        };
        let started = Instant::now();
        let err = reseller(&server)
            .subscriptions()
            .get("C1", "S1")
            .retry(slow_backoff)
            .timeout(Duration::from_millis(500))
            .await
            .unwrap_err();
        assert!(started.elapsed() < Duration::from_millis(400), "{name}: slept {:?}", started.elapsed());
        assert_eq!(err.status().map(|s| s.as_u16()), Some(503), "{name}: {err}");
        assert_eq!(server.requests().len(), 1, "{name}");
    }
}

/// A Zoom-style server whose token endpoint answers with `token_replies` in turn (then a token),
/// and whose API accepts any bearer token.
async fn zoom_server(token_replies: Vec<Reply>) -> (MockServer, Arc<AtomicUsize>) {
    let token_fetches = Arc::new(AtomicUsize::new(0));
    let fetches = Arc::clone(&token_fetches);
    let server = MockServer::start(move |request: &Recorded| {
        if request.path.ends_with("/oauth/token") {
            let n = fetches.fetch_add(1, Ordering::SeqCst);
            return token_replies.get(n).cloned().unwrap_or_else(|| {
                Reply::json(200, json!({ "access_token": "tok", "token_type": "bearer", "expires_in": 3600 }))
            });
        }
        if request.header("authorization") != Some("Bearer tok") {
            return Reply::json(401, json!({ "code": 124, "message": "Invalid access token." }));
        }
        Reply::json(200, json!({ "plan_base": { "hosts": 10, "usage": 3, "type": "monthly" } }))
    })
    .await;
    (server, token_fetches)
}

fn zoom_with_tokens(server: &MockServer) -> zoom::Client {
    let source =
        ZoomServerToServer::new("acct", "id", "secret").with_token_url(format!("{}/oauth/token", server.url()));
    zoom::Client::builder().base_url(server.url()).auth(Auth::source(source)).retry(fast_retries()).build().unwrap()
}

#[tokio::test]
async fn token_fetches_retry_429_and_5xx_and_keep_to_the_deadline() {
    for status in [429, 500, 502, 503] {
        let (server, fetches) = zoom_server(vec![Reply::empty(status), Reply::empty(status)]).await;
        let usage = zoom_with_tokens(&server).billing().get_plan_usage("me").await;
        assert!(usage.is_ok(), "{status}: {usage:?}");
        assert_eq!(fetches.load(Ordering::SeqCst), 3, "{status}: two failures, then the token");
    }
    // A refusal is final; an endpoint still failing after the retries may do better later.
    let (server, fetches) = zoom_server(vec![Reply::json(400, json!({ "error": "invalid_client" }))]).await;
    let err = zoom_with_tokens(&server).billing().get_plan_usage("me").await.unwrap_err();
    assert!(matches!(&err, Error::Auth { source, .. } if source.status == Some(400)), "{err:?}");
    assert!(!err.is_retryable());
    assert_eq!(fetches.load(Ordering::SeqCst), 1);
    let (server, fetches) = zoom_server(vec![Reply::empty(503); 4]).await;
    let err = zoom_with_tokens(&server).billing().get_plan_usage("me").await.unwrap_err();
    assert!(matches!(&err, Error::Auth { source, .. } if source.status == Some(503)), "{err:?}");
    assert!(err.is_retryable());
    assert_eq!(fetches.load(Ordering::SeqCst), 4, "the policy's four attempts");

    // A token endpoint that stalls is bounded by the call's time limit, not by its own 30 s.
    let stall = Reply::empty(200).with_fault(Fault::Stall(Duration::from_secs(5)));
    let (server, _) = zoom_server(vec![stall]).await;
    let started = Instant::now();
    let err = zoom_with_tokens(&server).billing().get_plan_usage("me").timeout(Duration::from_millis(300)).await;
    assert!(is_timeout(err.as_ref().unwrap_err()), "{err:?}");
    assert!(started.elapsed() < Duration::from_millis(1000), "{:?}", started.elapsed());
}

#[tokio::test]
async fn token_fetches_go_through_the_clients_http_client() {
    // The client's HttpClient sends everything through a proxy (the mock server, which records
    // absolute URLs). The hosts do not exist: only the proxy can answer for them.
    let (proxy, _) = zoom_server(Vec::new()).await;
    let http = HttpClient::builder().proxy(proxy.url()).build().unwrap();
    let source =
        ZoomServerToServer::new("acct", "id", "secret").with_token_url("http://zoom-token.invalid/oauth/token");
    let client = zoom::Client::builder()
        .base_url("http://zoom-api.invalid/v2")
        .auth(Auth::source(source))
        .http_client(http)
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    client.billing().get_plan_usage("me").await.unwrap();
    let paths: Vec<String> = proxy.requests().iter().map(|r| r.path.clone()).collect();
    assert_eq!(paths, ["http://zoom-token.invalid/oauth/token", "http://zoom-api.invalid/v2/accounts/me/plans/usage"]);
}

#[tokio::test]
async fn no_header_status_or_token_answer_panics_the_client() {
    // Each reply comes back as a result, never as a panic inside `.await`.
    let limit = RetryPolicy { max_retry_after: Duration::from_secs(1), ..fast_retries() };
    type Expected = fn(&google_reseller::Error) -> bool;
    let cases: Vec<(&str, Reply, Expected)> = vec![
        (
            "Retry-After u64::MAX",
            Reply::empty(429).header("Retry-After", "18446744073709551615"),
            |e| matches!(e, Error::RateLimited { retry_after, .. } if *retry_after > Duration::from_secs(100 * 365 * 86_400)),
        ),
        ("Retry-After past u64", Reply::empty(503).header("Retry-After", "99999999999999999999999999"), |e| {
            matches!(e, Error::RateLimited { .. })
        }),
        ("Retry-After in year 9999", Reply::empty(429).header("Retry-After", "9999-12-31T23:59:59Z"), |e| {
            matches!(e, Error::RateLimited { .. })
        }),
        ("Retry-After garbage", Reply::empty(400).header("Retry-After", "+2é:00"), |e| e.status().is_some()),
        (
            "X-RateLimit-* out of range",
            Reply::empty(429)
                .header("Retry-After", "3600")
                .header("X-RateLimit-Reset", "18446744073709551615")
                .header("X-RateLimit-Remaining", "-1")
                .header("X-RateLimit-Type", "Daily-limit"),
            |e| matches!(e, Error::RateLimited { limit_type: Some(t), .. } if t == "Daily-limit"),
        ),
        ("status 599", Reply::empty(599), |e| e.status().map(|s| s.as_u16()) == Some(599)),
        ("a 200 that is not JSON", Reply::raw(200, "application/json", "\u{0}{"), |e| {
            matches!(e, Error::UnexpectedBody { .. })
        }),
    ];
    for (name, reply, expected) in cases {
        let server = MockServer::start(move |_| reply.clone()).await;
        let err = reseller(&server).subscriptions().get("C1", "S1").retry(limit.clone()).await.unwrap_err();
        assert!(expected(&err), "{name}: {err:?}");
    }

    // A token that never expires (as its endpoint says) is taken as one that lasts a day.
    let forever = Reply::json(200, json!({ "access_token": "tok", "expires_in": u64::MAX }));
    let (server, fetches) = zoom_server(vec![forever]).await;
    let client = zoom_with_tokens(&server);
    client.billing().get_plan_usage("me").await.unwrap();
    client.billing().get_plan_usage("me").await.unwrap();
    assert_eq!(fetches.load(Ordering::SeqCst), 1, "cached");
}

#[tokio::test]
async fn a_repeated_page_cursor_ends_the_stream_with_an_error_naming_it() {
    // Page 1 -> p2 -> p3 -> p2 again: following it would loop forever.
    let server = MockServer::start(|request: &Recorded| {
        let page = request.query.split('&').find_map(|kv| kv.strip_prefix("pageToken=")).unwrap_or("p1");
        let next = if page == "p3" { "p2".to_owned() } else { format!("p{}", page[1..].parse::<u32>().unwrap() + 1) };
        Reply::json(200, json!({ "subscriptions": [subscription(page)], "nextPageToken": next }))
    })
    .await;
    let client = reseller(&server);
    let mut stream = client.subscriptions().list_stream(&SubscriptionsListParams::default());
    let mut yielded = Vec::new();
    while let Some(item) = stream.next().await {
        yielded.push(item.map(|s| s.subscription_id.unwrap()));
    }
    assert_eq!(yielded.len(), 4, "{yielded:?}");
    assert_eq!(yielded[..3].iter().map(|r| r.as_ref().unwrap().as_str()).collect::<Vec<_>>(), ["p1", "p2", "p3"]);
    let err = yielded.pop().unwrap().unwrap_err();
    assert!(matches!(&err, Error::RepeatedCursor { cursor, .. } if cursor == "p2"), "{err:?}");
    assert!(err.to_string().contains("\"p2\""), "{err}");
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn rate_limited_shows_the_status_the_server_sent() {
    let server = MockServer::start(|_| Reply::empty(503).header("Retry-After", "3600")).await;
    let err = reseller(&server).subscriptions().get("C1", "S1").await.unwrap_err();
    assert!(matches!(err, Error::RateLimited { .. }), "{err:?}");
    let shown = err.to_string();
    assert!(shown.contains("HTTP 503") && !shown.contains("429"), "{shown}");
}

#[test]
fn build_refuses_a_bearer_token_with_a_line_break_and_a_base_url_that_is_not_one() {
    let cases: &[(&str, &str, &str)] = &[
        ("CR/LF in the token", "https://reseller.googleapis.com", "secret-token\r\nX-Evil: 1"),
        ("LF in the token", "https://reseller.googleapis.com", "secret-token\n"),
        ("no scheme", "reseller.googleapis.com/secret-path", "t"),
        ("not http", "ftp://example.com/secret-path", "t"),
        ("not a URL at all", "http://exa mple.com/secret-path", "t"),
        ("a query", "https://example.com/?key=secret-path", "t"),
    ];
    for (name, base_url, token) in cases {
        let err = google_reseller::Client::builder().base_url(*base_url).bearer_token(*token).build().unwrap_err();
        assert_eq!(err.kind(), TransportErrorKind::Setup, "{name}");
        for shown in [err.to_string(), format!("{err:?}")] {
            assert!(!shown.contains("secret"), "{name}: {shown}");
        }
    }
    let ok = google_reseller::Client::builder().base_url("http://127.0.0.1:1/v1/").bearer_token("t").build();
    assert!(ok.is_ok());
}

#[tokio::test]
async fn requests_carry_the_user_agent_default_and_call_headers() {
    let server = MockServer::start(|_| Reply::json(200, subscription("S1"))).await;
    let runtime = format!("clientgen-runtime/{}", env!("CARGO_PKG_VERSION"));
    let plain = reseller(&server);
    let named = google_reseller::Client::builder()
        .base_url(server.url())
        .client_identity("google-reseller", "1.2.3")
        .default_header("X-Goog-User-Project", "billing-project")
        .build()
        .unwrap();
    let overridden = google_reseller::Client::builder()
        .base_url(server.url())
        .client_identity("google-reseller", "1.2.3")
        .user_agent("my-app/2.0")
        .build()
        .unwrap();
    plain.subscriptions().get("C1", "S1").await.unwrap();
    named.subscriptions().get("C1", "S1").await.unwrap();
    overridden.subscriptions().get("C1", "S1").await.unwrap();
    named
        .subscriptions()
        .get("C1", "S1")
        .header("X-Goog-User-Project", "other")
        .header("X-Trace", "t-1")
        .await
        .unwrap();
    let requests = server.requests();
    let agents: Vec<&str> = requests.iter().map(|r| r.header("user-agent").unwrap()).collect();
    assert_eq!(agents[0], format!("google-reseller/0.1.0 {runtime}"), "a generated client names itself");
    assert_eq!(agents[1], format!("google-reseller/1.2.3 {runtime}"));
    assert_eq!(agents[2], "my-app/2.0");
    assert!(requests.iter().all(|r| r.header("accept-encoding") == Some("gzip")));
    assert_eq!(requests[1].header("x-goog-user-project"), Some("billing-project"));
    assert_eq!(requests[3].header("x-goog-user-project"), Some("other"), "the call's header replaces the default");
    assert_eq!(requests[3].header("x-trace"), Some("t-1"));
    assert_eq!(requests[3].headers.iter().filter(|(n, _)| n == "x-goog-user-project").count(), 1);

    let bad = plain.subscriptions().get("C1", "S1").header("X-Key", "secret\r\nvalue").await.unwrap_err();
    assert!(matches!(&bad, Error::InvalidRequest { .. }) && !bad.to_string().contains("secret"), "{bad}");
    let bad = google_reseller::Client::builder().default_header("X-Key", "secret\nvalue").build().unwrap_err();
    assert!(!bad.to_string().contains("secret"), "{bad}");
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(data).unwrap();
    encoder.finish().unwrap()
}

#[tokio::test]
async fn gzip_bodies_are_decoded_and_the_size_cap_applies_to_what_is_decoded() {
    let body = serde_json::to_vec(&subscription("S-gzip")).unwrap();
    let compressed = gzip(&body);
    let reply = Reply::raw(200, "application/json", compressed.clone()).header("Content-Encoding", "gzip");
    let server = MockServer::start(move |_| reply.clone()).await;
    let got = reseller(&server).subscriptions().get("C1", "S1").send_with_response().await.unwrap();
    assert_eq!(got.body.subscription_id.as_deref(), Some("S-gzip"));
    assert!(got.headers.get("content-encoding").is_none(), "the body is no longer encoded");

    // A small gzip body that inflates past the cap.
    let bomb = gzip(&vec![b' '; 1 << 20]);
    assert!(bomb.len() < 4096);
    let reply = Reply::raw(200, "application/json", bomb).header("Content-Encoding", "gzip");
    let server = MockServer::start(move |_| reply.clone()).await;
    let capped =
        google_reseller::Client::builder().base_url(server.url()).max_response_bytes(64 * 1024).build().unwrap();
    let err = capped.subscriptions().get("C1", "S1").await.unwrap_err();
    assert!(matches!(&err, Error::Transport { source, .. } if source.is_too_large()), "{err:?}");

    // Nothing to decode: an empty body stays empty.
    let server = MockServer::start(|_| Reply::empty(204).header("Content-Encoding", "gzip")).await;
    let http = HttpClient::builder().no_proxy().build().unwrap();
    let request = clientgen_runtime::http::Request::get(server.url()).body(Default::default()).unwrap();
    let response = http.send(request, None).await.unwrap();
    assert_eq!((response.status().as_u16(), response.body().len()), (204, 0));

    // A body that is not gzip although it says so.
    let reply = Reply::raw(200, "application/json", body).header("Content-Encoding", "gzip");
    let server = MockServer::start(move |_| reply.clone()).await;
    let err = reseller(&server).subscriptions().get("C1", "S1").await.unwrap_err();
    assert!(matches!(&err, Error::Transport { source, .. } if source.kind() == TransportErrorKind::Undecodable));
}

/// A server that answers one request with a close-delimited body (no length) of `size` bytes
/// and reports how many bytes it managed to write before the client hung up.
async fn endless_body(size: usize) -> (String, tokio::task::JoinHandle<usize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let written = tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut head = Vec::new();
        let mut buf = [0u8; 1024];
        while !head.windows(4).any(|w| w == b"\r\n\r\n") {
            let n = socket.read(&mut buf).await.unwrap();
            head.extend_from_slice(&buf[..n]);
        }
        let _ =
            socket.write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n").await;
        let chunk = vec![b' '; 64 * 1024];
        let mut written = 0;
        while written < size {
            match socket.write_all(&chunk).await {
                Ok(()) => written += chunk.len(),
                Err(_) => break,
            }
        }
        written
    });
    (url, written)
}

#[tokio::test]
async fn a_body_over_the_cap_is_an_error_and_is_not_read_to_its_end() {
    // Announced by Content-Length: refused before reading.
    let reply = Reply::raw(200, "application/json", vec![b' '; 200 * 1024]);
    let server = MockServer::start(move |_| reply.clone()).await;
    let http = HttpClient::builder().no_proxy().max_response_bytes(100 * 1024).build().unwrap();
    let request = || clientgen_runtime::http::Request::get(server.url()).body(Default::default()).unwrap();
    let err = http.send(request(), None).await.unwrap_err();
    assert!(err.is_too_large() && !err.is_retryable(), "{err:?}");

    // Not announced: reading stops at the cap, and the server cannot write its 64 MiB.
    let (url, written) = endless_body(64 << 20).await;
    let request = clientgen_runtime::http::Request::get(&url).body(Default::default()).unwrap();
    let err = http.send(request, None).await.unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::TooLarge, "{err:?}");
    drop(http);
    let written = written.await.unwrap();
    assert!(written < 32 << 20, "the server wrote {written} bytes");
}

#[tokio::test]
async fn transport_errors_say_what_failed() {
    let no_retries = RetryPolicy::none();
    // Connect: a port nobody listens on.
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let client = google_reseller::Client::builder().base_url(url).retry(no_retries.clone()).build().unwrap();
    let err = client.subscriptions().get("C1", "S1").await.unwrap_err();
    let kind = |err: &google_reseller::Error| match err {
        Error::Transport { source, .. } => Some(source.kind()),
        _ => None,
    };
    assert_eq!(kind(&err), Some(TransportErrorKind::Connect), "{err:?}");

    let cases = [
        (Reply::json(200, subscription("S1")).with_fault(Fault::Truncate(5)), TransportErrorKind::CutOff),
        (Reply::reset(), TransportErrorKind::Interrupted),
        (Reply::empty(200).with_fault(Fault::Stall(Duration::from_secs(3))), TransportErrorKind::Timeout),
    ];
    for (reply, expected) in cases {
        let server = MockServer::start(move |_| reply.clone()).await;
        let err = reseller(&server)
            .subscriptions()
            .get("C1", "S1")
            .retry(no_retries.clone())
            .timeout(Duration::from_millis(300))
            .await
            .unwrap_err();
        assert_eq!(kind(&err), Some(expected), "{err:?}");
        // A GET is safe to repeat: all three may succeed when tried again.
        assert!(err.is_retryable(), "{err:?}");
    }
}
