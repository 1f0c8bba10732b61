//! A 512 MiB recording streams through the generated Zoom client with flat memory: the peak
//! resident set (`VmHWM`) grows by far less than the body. Its own test binary, with one test, so
//! that no other test's allocations share the process:
//! `cargo test -p clientgen-tests --test download_memory -- --nocapture` prints the figures.
//!
//! The server makes the body up as it sends it (the `pattern` file) and the sink checks each byte
//! as it is written and keeps none, so the only memory that could grow with the body is the
//! client's.

use clientgen_tests::pattern::{file_reply, PatternSink};
use clientgen_tests::MockServer;
use xtask::bench::peak_memory_kib;

const BODY: u64 = 512 << 20;
/// What the whole download may add to the peak resident set: an eighth of the body.
const GROWTH_LIMIT_KIB: u64 = 64 << 10;

#[tokio::test]
async fn a_512_mib_recording_streams_with_flat_memory() {
    let server = MockServer::start(|request| file_reply(request, BODY)).await;
    let client = zoom::Client::builder().base_url(format!("{}/v2", server.url())).bearer_token("t").build().unwrap();
    let url = format!("{}/rec/download/big", server.url());
    // A warm-up download of the same kind (from near the end), so that the pool, the runtime and the
    // buffers exist before the measured one starts.
    let mut warm = PatternSink::at(BODY - (4 << 20));
    client.download(&url).resume_from(BODY - (4 << 20)).to_writer(&mut warm).await.unwrap();
    assert_eq!(warm.mismatches, 0);

    let before = peak_memory_kib();
    assert!(before > 0, "the peak resident set cannot be read (/proc/self/status, Linux)");
    let mut sink = PatternSink::at(0);
    let started = std::time::Instant::now();
    let written = client.download(&url).to_writer(&mut sink).await.unwrap();
    let elapsed = started.elapsed();
    let after = peak_memory_kib();

    assert_eq!((written, sink.position, sink.mismatches), (BODY, BODY, 0));
    let growth = after.saturating_sub(before);
    eprintln!(
        "download_memory: {} MiB in {:.1} s; peak RSS {before} KiB before, {after} KiB after: {growth} KiB growth",
        BODY >> 20,
        elapsed.as_secs_f64()
    );
    assert!(growth < GROWTH_LIMIT_KIB, "peak RSS grew by {growth} KiB for a {} MiB body", BODY >> 20);
}
