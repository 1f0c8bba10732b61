//! Downloads through the generated Zoom client against servers on 127.0.0.1: a recording by URL
//! (resumed, cut off, redirected, with progress), the token kept to the hosts it belongs to, and
//! a binary operation's errors. The body is the `pattern` file, made up as it is sent and checked
//! as it is written. Flat memory for a large body is measured in its own test binary
//! (`tests/download_memory.rs`).

use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use clientgen_runtime::{DownloadError, Progress, RetryPolicy, TransportErrorKind};
use clientgen_tests::pattern::{self, file_reply, PatternSink};
use clientgen_tests::{Fault, MockServer, Recorded, Reply};
use serde_json::json;
use zoom::Error;

const TOKEN: &str = "zoom-download-token";
/// A few MiB and an odd size: chunk and table boundaries fall everywhere.
const SIZE: u64 = (3 << 20) + 12_345;

fn zoom_client(server: &MockServer) -> zoom::Client {
    zoom::Client::builder()
        .base_url(format!("{}/v2", server.url()))
        .bearer_token(TOKEN)
        .retry(RetryPolicy::none())
        .build()
        .unwrap()
}

/// Serves the pattern file of `SIZE` bytes at every path, with ranges.
async fn file_server() -> MockServer {
    MockServer::start(|request| file_reply(request, SIZE)).await
}

fn recording_url(server: &MockServer) -> String {
    format!("{}/rec/download/abc?type=mp4", server.url())
}

/// What a test's `Debug` and `Display` of anything may never show.
fn assert_no_token(shown: &str) {
    assert!(!shown.contains(TOKEN), "the token is shown: {shown}");
}

#[tokio::test]
async fn a_recording_streams_whole_with_the_token_and_progress_ending_at_the_total() {
    let server = file_server().await;
    let client = zoom_client(&server);
    let seen: Arc<Mutex<Vec<Progress>>> = Arc::default();
    let recorder = Arc::clone(&seen);
    let mut sink = PatternSink::at(0);
    let request = client.download(&recording_url(&server)).progress(move |p| recorder.lock().unwrap().push(p));
    assert_no_token(&format!("{request:?}"));
    let written = request.to_writer(&mut sink).await.unwrap();
    assert_eq!((written, sink.position, sink.mismatches), (SIZE, SIZE, 0));
    let sent = &server.requests()[0];
    assert_eq!(sent.line(), "GET /rec/download/abc?type=mp4");
    assert_eq!(sent.header("authorization"), Some(format!("Bearer {TOKEN}").as_str()));
    // The file as stored: no gzip, so lengths and ranges count its own bytes.
    assert_eq!((sent.header("accept-encoding"), sent.header("range")), (Some("identity"), None));
    let seen = seen.lock().unwrap();
    assert_eq!(seen[0], Progress { received: 0, total: Some(SIZE) });
    assert_eq!(seen.last(), Some(&Progress { received: SIZE, total: Some(SIZE) }));
    assert!(seen.windows(2).all(|w| w[0].received < w[1].received), "counts only grow");
    assert!(seen.len() > 3, "reported chunk by chunk: {}", seen.len());
}

#[tokio::test]
async fn a_resumed_download_gets_exactly_the_rest_and_reports_from_its_offset() {
    let server = file_server().await;
    let client = zoom_client(&server);
    for offset in [1, 65_521, 1_234_567, SIZE - 1] {
        let seen: Arc<Mutex<Vec<Progress>>> = Arc::default();
        let recorder = Arc::clone(&seen);
        let mut sink = PatternSink::at(offset);
        let download = client
            .download(&recording_url(&server))
            .resume_from(offset)
            .progress(move |p| recorder.lock().unwrap().push(p))
            .send()
            .await
            .unwrap();
        assert_eq!(
            (download.offset(), download.total_length(), download.content_length()),
            (offset, Some(SIZE), Some(SIZE - offset))
        );
        let written = download.write_to(&mut sink).await.unwrap();
        assert_eq!((written, sink.position, sink.mismatches), (SIZE - offset, SIZE, 0), "offset {offset}");
        assert_eq!(server.requests().last().unwrap().header("range"), Some(format!("bytes={offset}-").as_str()));
        let seen = seen.lock().unwrap();
        assert_eq!(seen.first().map(|p| p.received), Some(offset));
        assert_eq!(seen.last(), Some(&Progress { received: SIZE, total: Some(SIZE) }));
    }
}

/// Cut off after `cut` bytes on the first request, whole answers after.
async fn server_cutting_once(cut: usize) -> MockServer {
    let cut_yet = Mutex::new(false);
    MockServer::start(move |request| {
        let mut cut_yet = cut_yet.lock().unwrap();
        let reply = file_reply(request, SIZE);
        if *cut_yet {
            return reply;
        }
        *cut_yet = true;
        reply.with_fault(Fault::Truncate(cut))
    })
    .await
}

#[tokio::test]
async fn a_cut_off_download_says_what_arrived_and_resumes_from_there_to_the_exact_file() {
    let cut = 1_000_003;
    let server = server_cutting_once(cut).await;
    let client = zoom_client(&server);
    let mut sink = PatternSink::at(0);
    let err = client.download(&recording_url(&server)).to_writer(&mut sink).await.unwrap_err();
    let Error::Download(DownloadError::CutOff { operation, offset, received, expected }) = &err else {
        panic!("a cut-off, not {err:?}")
    };
    assert_eq!((*operation, *offset, *received, *expected), ("download", 0, cut as u64, SIZE));
    assert_eq!((err.resume_offset(), sink.position), (Some(cut as u64), cut as u64), "what arrived was written");
    let shown = err.to_string();
    assert!(shown.contains("after 1000003 of 3158073 bytes") && shown.contains("resume from byte 1000003"), "{shown}");
    assert_no_token(&format!("{err:?} {err}"));
    assert!(err.is_retryable());

    let resumed = client.download(&recording_url(&server)).resume_from(cut as u64).to_writer(&mut sink).await.unwrap();
    assert_eq!((resumed, sink.position, sink.mismatches), (SIZE - cut as u64, SIZE, 0));
}

#[tokio::test]
async fn to_file_creates_then_resumes_by_appending_after_the_offset() {
    let cut = 700_001;
    let server = server_cutting_once(cut).await;
    let client = zoom_client(&server);
    let folder = std::env::temp_dir().join(format!("clientgen-download-{}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    let path = folder.join("recording.mp4");
    std::fs::write(&path, b"an older file, replaced").unwrap();

    let err = client.download(&recording_url(&server)).to_file(&path).await.unwrap_err();
    let offset = err.resume_offset().expect("a cut-off says where to resume");
    assert_eq!((offset, std::fs::metadata(&path).unwrap().len()), (cut as u64, cut as u64));
    // Bytes past the offset (a partial write, say) are replaced by what the server sends.
    let mut file = std::fs::read(&path).unwrap();
    file.extend_from_slice(b"garbage past the offset");
    std::fs::write(&path, &file).unwrap();
    let written = client.download(&recording_url(&server)).resume_from(offset).to_file(&path).await.unwrap();
    assert_eq!(written, SIZE - offset);
    assert!(std::fs::read(&path).unwrap() == pattern::bytes(0..SIZE), "the file is exactly the download");

    // A file shorter than the offset is refused before anything is sent.
    let before = server.requests().len();
    let err = client.download(&recording_url(&server)).resume_from(SIZE + 1).to_file(&path).await.unwrap_err();
    assert!(
        matches!(&err, Error::InvalidRequest { reason, .. } if reason.contains("fewer than the offset")),
        "{err:?}"
    );
    assert_eq!(server.requests().len(), before);
    std::fs::remove_dir_all(&folder).unwrap();
}

#[tokio::test]
async fn a_body_that_stops_sending_fails_after_the_time_limit_and_says_what_arrived() {
    let server = MockServer::start(|request| {
        file_reply(request, SIZE).with_fault(Fault::Pause(100_000, Duration::from_secs(30)))
    })
    .await;
    let client = zoom_client(&server);
    let mut sink = PatternSink::at(0);
    let request = client.download(&recording_url(&server)).timeout(Duration::from_millis(300));
    let err = request.to_writer(&mut sink).await.unwrap_err();
    let Error::Download(DownloadError::Transport { received, source, .. }) = &err else { panic!("{err:?}") };
    assert_eq!((*received, source.kind(), sink.position), (100_000, TransportErrorKind::Timeout, 100_000));
    // (Had the limit not fired, the server would have sent the rest 30 s later: no error at all.)
    assert_eq!(err.resume_offset(), Some(100_000));
}

#[tokio::test]
async fn an_error_status_is_a_zoom_error_and_leaves_the_file_as_it_was() {
    let server =
        MockServer::start(|_| Reply::json(404, json!({ "code": 3301, "message": "This recording does not exist." })))
            .await;
    let client = zoom_client(&server);
    let path = std::env::temp_dir().join(format!("clientgen-download-kept-{}.mp4", std::process::id()));
    std::fs::write(&path, b"kept").unwrap();
    let err = client.download(&recording_url(&server)).to_file(&path).await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(404));
    assert_eq!(err.vendor_error().map(|e| e.message.as_str()), Some("This recording does not exist."));
    assert_eq!(std::fs::read(&path).unwrap(), b"kept", "the file is opened only for a success");
    assert_no_token(&format!("{err:?} {err}"));
    std::fs::remove_file(&path).unwrap();
}

#[tokio::test]
async fn a_refused_token_is_refreshed_once_as_for_any_call() {
    let tokens = std::sync::atomic::AtomicUsize::new(0);
    let server = MockServer::start(move |request| match request.path.as_str() {
        "/oauth/token" => {
            let n = tokens.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
            Reply::json(200, json!({ "access_token": format!("s2s-{n}"), "token_type": "bearer", "expires_in": 3600 }))
        }
        _ if request.header("authorization") == Some("Bearer s2s-1") => Reply::json(401, json!({ "code": 124 })),
        _ => file_reply(request, SIZE),
    })
    .await;
    let token_source = zoom::oauth::ZoomServerToServer::new("acct", "id", "secret-value")
        .with_token_url(format!("{}/oauth/token", server.url()));
    let client = zoom::Client::builder()
        .base_url(format!("{}/v2", server.url()))
        .auth(zoom::Auth::source(token_source))
        .build()
        .unwrap();
    let written = client.download(&recording_url(&server)).to_writer(&mut PatternSink::at(0)).await.unwrap();
    assert_eq!(written, SIZE);
    let downloads: Vec<_> = server
        .requests()
        .iter()
        .filter(|r| r.path.starts_with("/rec/"))
        .map(|r| r.header("authorization").map(str::to_owned))
        .collect();
    assert_eq!(downloads, [Some("Bearer s2s-1".to_owned()), Some("Bearer s2s-2".to_owned())]);
}

#[tokio::test]
async fn a_range_the_server_does_not_honour_is_an_error_and_nothing_is_written() {
    let whole = MockServer::start(|_| Reply::pattern(200, 0..SIZE)).await;
    let elsewhere = MockServer::start(|_| {
        Reply::pattern(206, 10..SIZE).header("Content-Range", &format!("bytes 10-{}/{SIZE}", SIZE - 1))
    })
    .await;
    for (server, status, content_range) in [(&whole, 200, None), (&elsewhere, 206, Some("bytes 10-3158072/3158073"))] {
        let client = zoom_client(server);
        let mut sink = PatternSink::at(500);
        let err = client.download(&recording_url(server)).resume_from(500).to_writer(&mut sink).await.unwrap_err();
        let Error::Download(DownloadError::RangeNotHonoured {
            requested, status: answered, content_range: range, ..
        }) = &err
        else {
            panic!("the range not honoured, not {err:?}")
        };
        assert_eq!((*requested, answered.as_u16(), range.as_deref()), (500, status, content_range));
        assert_eq!(sink.position, 500, "nothing written");
        assert!(err.to_string().contains("download from 0 to start over"), "{err}");
    }
}

#[tokio::test]
async fn the_token_goes_only_to_the_api_host_and_the_declared_hosts() {
    let server = file_server().await;
    let zoom = zoom_client(&server);
    // Zoom's client sends its token to zoom.us and *.zoom.us, and to its own base URL's origin.
    assert_eq!(zoom.api_client().download_hosts(), ["zoom.us", "*.zoom.us"]);
    let port = server.url().rsplit(':').next().unwrap().to_owned();
    let refused = [
        format!("http://localhost:{port}/rec/a"),
        "https://example.com/rec/a".to_owned(),
        "https://zoom.us.example.com/rec/a".to_owned(),
        "https://notzoom.us/rec/a".to_owned(),
        "ftp://zoom.us/rec/a".to_owned(),
        "not a url".to_owned(),
    ];
    for url in &refused {
        let err = zoom.download(url).to_writer(&mut tokio::io::sink()).await.unwrap_err();
        assert!(matches!(err, Error::InvalidRequest { operation: "download", .. }), "{url}: {err:?}");
        assert!(!err.to_string().contains("/rec/a"), "the URL is not echoed: {err}");
    }
    assert!(server.requests().is_empty(), "nothing was sent");

    // A host declared at build time takes the token (over http here: the base URL is http).
    let client = zoom::Client::builder()
        .base_url(format!("{}/v2", server.url()))
        .bearer_token(TOKEN)
        .download_hosts(["localhost"])
        .build()
        .unwrap();
    let written = client.download(&format!("http://localhost:{port}/rec/a")).to_writer(&mut tokio::io::sink()).await;
    assert_eq!(written.unwrap(), SIZE);
    assert_eq!(server.requests()[0].header("authorization"), Some(format!("Bearer {TOKEN}").as_str()));
    assert_eq!(server.requests()[0].header("host"), Some(format!("localhost:{port}").as_str()));
    for pattern in ["https://zoom.us", "zoom.us/rec", "*", ""] {
        let built = zoom::Client::builder().download_hosts([pattern]).build();
        assert!(built.is_err(), "{pattern:?} is refused");
    }
}

/// Where a request went and whether it carried the token: `(host header, path, token)`.
type Hop = (String, String, bool);

fn hops(requests: &[Recorded]) -> Vec<Hop> {
    requests
        .iter()
        .map(|r| {
            let token = r.header("authorization") == Some(&format!("Bearer {TOKEN}"));
            (r.header("host").unwrap_or_default().to_owned(), r.path.clone(), token)
        })
        .collect()
}

#[tokio::test]
async fn redirects_keep_the_token_on_the_same_host_and_drop_it_for_good_when_the_host_changes() {
    let cdn = file_server().await;
    let cdn_url = cdn.url().to_owned();
    let own_url: Arc<OnceLock<String>> = Arc::default();
    let own = Arc::clone(&own_url);
    let api = MockServer::start(move |request| {
        let own_port = own.get().map(|url| url.rsplit(':').next().unwrap().to_owned()).unwrap_or_default();
        let to = |location: String| Reply::empty(302).header("Location", &location);
        match request.path.as_str() {
            "/rec/same" => to("/rec/file".to_owned()),
            "/rec/relative" => to("file".to_owned()),
            "/rec/cdn" => to(format!("{cdn_url}/storage/file?signature=s3cr3t")),
            "/rec/renamed" => to(format!("http://localhost:{own_port}/rec/file")),
            "/rec/bounce" => to(format!("http://localhost:{own_port}/rec/back")),
            "/rec/back" => to(format!("http://127.0.0.1:{own_port}/rec/file")),
            "/rec/loop" => to("/rec/loop".to_owned()),
            "/rec/nowhere" => to("ftp://zoom.us/file".to_owned()),
            _ => file_reply(request, SIZE),
        }
    })
    .await;
    own_url.set(api.url().to_owned()).unwrap();
    let client = zoom_client(&api);
    let (own, cdn_host) = (api.url().trim_start_matches("http://").to_owned(), cdn.url().trim_start_matches("http://"));
    let own_port = own.rsplit(':').next().unwrap();
    let named = format!("localhost:{own_port}");
    let hop = |host: &str, path: &str, token: bool| (host.to_owned(), path.to_owned(), token);
    // (path asked for, the hops on the API's server, the hops on the CDN)
    let cases: Vec<(&str, Vec<Hop>, Vec<Hop>)> = vec![
        ("/rec/same", vec![hop(&own, "/rec/same", true), hop(&own, "/rec/file", true)], vec![]),
        ("/rec/relative", vec![hop(&own, "/rec/relative", true), hop(&own, "/rec/file", true)], vec![]),
        ("/rec/cdn", vec![hop(&own, "/rec/cdn", true)], vec![hop(cdn_host, "/storage/file", false)]),
        ("/rec/renamed", vec![hop(&own, "/rec/renamed", true), hop(&named, "/rec/file", false)], vec![]),
        (
            "/rec/bounce",
            vec![hop(&own, "/rec/bounce", true), hop(&named, "/rec/back", false), hop(&own, "/rec/file", false)],
            vec![],
        ),
    ];
    for (path, on_api, on_cdn) in cases {
        let (api_before, cdn_before) = (api.requests().len(), cdn.requests().len());
        let mut sink = PatternSink::at(0);
        let written = client.download(&format!("{}{path}", api.url())).to_writer(&mut sink).await;
        assert_eq!((written.unwrap(), sink.mismatches), (SIZE, 0), "{path}");
        assert_eq!(hops(&api.requests()[api_before..]), on_api, "{path}");
        assert_eq!(hops(&cdn.requests()[cdn_before..]), on_cdn, "{path}");
    }

    for (path, message) in [("/rec/loop", "more than 5 redirects"), ("/rec/nowhere", "not an http(s) URL")] {
        let before = api.requests().len();
        let err = client.download(&format!("{}{path}", api.url())).to_writer(&mut tokio::io::sink()).await.unwrap_err();
        let Error::Transport { source, .. } = &err else { panic!("{path}: {err:?}") };
        assert_eq!(source.kind(), TransportErrorKind::Redirect, "{path}");
        assert!(err.to_string().contains(message), "{path}: {err}");
        assert!(!err.to_string().contains("zoom.us"), "the Location is not echoed: {err}");
        let expected = if path == "/rec/loop" { 6 } else { 1 };
        assert_eq!(api.requests().len() - before, expected, "{path}");
    }
}

#[tokio::test]
async fn a_binary_operation_follows_redirects_and_decodes_its_errors_as_zoom_errors() {
    let cdn = MockServer::start(|_| Reply::raw(200, "application/pdf", "%PDF-1.7 from storage")).await;
    let cdn_url = cdn.url().to_owned();
    let api = MockServer::start(move |request| match request.path.rsplit('/').next().unwrap_or_default() {
        "stored" => Reply::empty(302).header("Location", &format!("{cdn_url}/invoices/stored.pdf")),
        "missing" => Reply::json(400, json!({ "code": 2001, "message": "Account does not exist: x." })),
        _ => {
            Reply::raw(200, "application/pdf", "%PDF").header("Content-Disposition", "attachment; filename=\"a/b.pdf\"")
        }
    })
    .await;
    let client = zoom_client(&api);

    let download = client.billing().download_invoice_pdf("stored").await.unwrap();
    assert_eq!(download.bytes(1 << 10).await.unwrap(), "%PDF-1.7 from storage");
    assert_eq!(cdn.requests()[0].header("authorization"), None, "the token stays with Zoom");

    let download = client.billing().download_invoice_pdf("named").await.unwrap();
    assert_eq!((download.file_name().as_deref(), download.content_type()), (Some("b.pdf"), Some("application/pdf")));
    let err = download.bytes(3).await.unwrap_err();
    assert!(matches!(err, DownloadError::TooLarge { limit: 3, .. }), "{err:?}");

    let err = client.billing().download_invoice_pdf("missing").await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(400));
    assert_eq!(err.vendor_error().map(|e| e.code), Some(zoom::types::ZoomErrorCode::AccountNotFound));
    assert_no_token(&format!("{err:?} {err}"));
}
