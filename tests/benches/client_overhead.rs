//! The generated client's overhead against a hand-written call through the same HTTP client
//! (the runtime's, hyper underneath), on the same local server, in the same run: `cargo bench -p clientgen-tests --bench client_overhead`.
//!
//! Both sides send the same GET (bearer token, `Accept`, `Accept-Encoding` and `User-Agent`, so
//! the server does the same work) and decode the same JSON into the same type; the difference is
//! what the generated client adds (path encoding, the call machinery, the call's deadline, retry
//! bookkeeping, tracing span, error typing). Many short interleaved rounds, best of each, so that
//! a busy machine disturbs both sides alike.

use std::time::{Duration, Instant};

use clientgen_tests::{MockServer, Reply};
use google_reseller::types::Subscription;
use serde_json::json;

const WARMUP: usize = 500;
const REQUESTS: usize = 1000;
const ROUNDS: usize = 15;

fn main() {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let body = json!({
            "kind": "reseller#subscription", "customerId": "C012345", "subscriptionId": "123456",
            "skuId": "1010020027", "creationTime": "1700000000123",
            "plan": { "planName": "ANNUAL", "isCommitmentPlan": true },
            "seats": { "numberOfSeats": 25, "licensedNumberOfSeats": 7 }, "status": "ACTIVE"
        });
        let server = MockServer::start(move |_| Reply::json(200, body.clone())).await;
        let client = google_reseller::Client::builder().base_url(server.url()).bearer_token("token").build().unwrap();
        let http = clientgen_runtime::HttpClient::builder().no_proxy().build().unwrap();
        let url = format!("{}/apps/reseller/v1/customers/C012345/subscriptions/123456", server.url());
        let user_agent = format!("clientgen-runtime/{}", env!("CARGO_PKG_VERSION"));
        let request = || {
            clientgen_runtime::http::Request::get(&url)
                .header("authorization", "Bearer token")
                .header("accept", "application/json")
                .header("accept-encoding", "gzip")
                .header("user-agent", &user_agent)
                .body(clientgen_runtime::bytes::Bytes::new())
                .unwrap()
        };

        let generated = || async {
            let subscription = client.subscriptions().get("C012345", "123456").await.unwrap();
            assert_eq!(subscription.seats.unwrap().number_of_seats, Some(25));
        };
        let hand_written = || async {
            let response = http.send(request(), None).await.unwrap();
            assert!(response.status().is_success());
            let subscription: Subscription = serde_json::from_slice(response.body()).unwrap();
            assert_eq!(subscription.seats.unwrap().number_of_seats, Some(25));
        };

        for _ in 0..WARMUP {
            generated().await;
            hand_written().await;
        }
        // `CLIENT_OVERHEAD_ONLY=generated` (or `hand-written`) runs one side only, for a profiler
        // or `perf stat` to count what that side costs.
        if let Ok(side) = std::env::var("CLIENT_OVERHEAD_ONLY") {
            for _ in 0..ROUNDS * REQUESTS {
                match side.as_str() {
                    "generated" => generated().await,
                    _ => hand_written().await,
                }
            }
            return;
        }
        let mut best = (Duration::MAX, Duration::MAX);
        for _ in 0..ROUNDS {
            // Interleaved rounds, best of each, so that both sides see the same machine.
            let started = Instant::now();
            for _ in 0..REQUESTS {
                hand_written().await;
            }
            best.1 = best.1.min(started.elapsed());
            let started = Instant::now();
            for _ in 0..REQUESTS {
                generated().await;
            }
            best.0 = best.0.min(started.elapsed());
        }
        let rate = |d: Duration| REQUESTS as f64 / d.as_secs_f64();
        let per_call = |d: Duration| d.as_secs_f64() * 1e6 / REQUESTS as f64;
        println!("client overhead, {REQUESTS} sequential GETs on 127.0.0.1, best of {ROUNDS} rounds");
        println!("  hand-written hyper:   {:>9.0} req/s  {:>7.1} µs/call", rate(best.1), per_call(best.1));
        println!("  generated client:     {:>9.0} req/s  {:>7.1} µs/call", rate(best.0), per_call(best.0));
        println!(
            "  ratio generated/hand-written: {:.3} (throughput), {:+.1} µs per call",
            rate(best.0) / rate(best.1),
            per_call(best.0) - per_call(best.1)
        );
    });
}
