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
const HAND_WRITTEN: usize = 0;
const GENERATED: usize = 1;
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
        // Per side: best wall time and best CPU time of this thread (client and server both run
        // on it). Wall time is what a caller waits; CPU time is what the calls cost, and stays
        // put on a machine busy with other work, which only delays the thread.
        let mut wall = [Duration::MAX; 2];
        let mut cpu = [Duration::MAX; 2];
        for _ in 0..ROUNDS {
            // Interleaved rounds, best of each, so that both sides see the same machine.
            for side in [HAND_WRITTEN, GENERATED] {
                let (started, started_cpu) = (Instant::now(), thread_cpu_time());
                for _ in 0..REQUESTS {
                    if side == GENERATED {
                        generated().await;
                    } else {
                        hand_written().await;
                    }
                }
                wall[side] = wall[side].min(started.elapsed());
                cpu[side] = cpu[side].min(thread_cpu_time().saturating_sub(started_cpu));
            }
        }
        let per_call = |d: Duration| d.as_secs_f64() * 1e6 / REQUESTS as f64;
        println!("client overhead, {REQUESTS} sequential GETs on 127.0.0.1, best of {ROUNDS} interleaved rounds");
        for (what, times) in [("wall", wall), ("CPU", cpu)] {
            println!(
                "  {what:>4}: hand-written hyper {:>6.1} µs/call, generated client {:>6.1} µs/call: \
                 ratio generated/hand-written {:.3} (throughput), {:+.1} µs per call",
                per_call(times[HAND_WRITTEN]),
                per_call(times[GENERATED]),
                times[HAND_WRITTEN].as_secs_f64() / times[GENERATED].as_secs_f64(),
                per_call(times[GENERATED]) - per_call(times[HAND_WRITTEN]),
            );
        }
    });
}

/// The CPU time this thread has used (`CLOCK_THREAD_CPUTIME_ID`).
fn thread_cpu_time() -> Duration {
    let mut now = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `now` is a valid timespec for the call to fill in.
    let ok = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) } == 0;
    assert!(ok, "clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
    Duration::new(now.tv_sec as u64, now.tv_nsec as u32)
}
