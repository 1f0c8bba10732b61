//! The generated Zoom client used the way a downstream crate uses it, against a server on
//! 127.0.0.1: every one of the 48 Meetings and 53 Webinars operations is called once, and each
//! request is checked on the wire (method, path, query string, JSON or multipart body) while each
//! response decodes into the operation's success type.
//!
//! Each operation is one row of a table (`meetings`, `webinars`, `webinar_branding`, and
//! `meetings_2024` for the operations Zoom's 2024 reference adds): the call,
//! the request it must put on the wire and the checks of its decoded answer. Every row runs, and
//! a test fails once, listing every row that failed.

mod accounts;
mod archiving;
mod billing;
mod bodies;
mod cloud_recording;
mod dashboards;
mod devices;
mod groups;
mod h323_devices;
mod im_groups;
mod information_barriers;
mod meetings;
mod meetings_2024;
mod mock;
mod pac;
mod reports;
mod roles;
mod sip_connected_audio;
mod sip_phone;
mod tracking_field;
mod tsp;
mod users;
mod webinar_branding;
mod webinars;

use std::collections::BTreeSet;
use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::Pin;

use clientgen_runtime::Call;
use clientgen_tests::{MockServer, Recorded, Reply};
use serde::de::DeserializeOwned;
use serde_json::Value;
use zoom::types::*;
use zoom::Client;

use mock::zoom_api;

const TOKEN: &str = "zoom-test-token";
const MEETING_ID: i64 = 85746065432;
const WEBINAR_ID: i64 = 99289110036;
const POLL_ID: &str = "QalIoKWLTJehBJ8e1xRrbQ";
const REGISTRANT_ID: &str = "9tboDiHUQAeOnbmudzWa5g";
const OCCURRENCE_ID: &str = "1648194360000";
/// A past webinar instance's UUID; it contains `/` and `=`, as Zoom's UUIDs often do.
const WEBINAR_UUID: &str = "Bznyg8KZTdCVbQxvS/oZ7w==";
const PANELIST_ID: &str = "_ZWC8Z5rT-ixkBtwGZwkGw";
const NAME_TAG_ID: &str = "7R9pXG9wSuO1J7MKmuF3Vg";
const VB_ID: &str = "_l0MP1U7Qn2JgJ4oEJbVZQ";

const MEETINGS_SPEC: &str = include_str!("../../../../specs/zoom/meetings.yaml");
const WEBINARS_SPEC: &str = include_str!("../../../../specs/zoom/webinars.yaml");

fn client(server: &MockServer) -> Client {
    Client::builder().base_url(format!("{}/v2", server.url())).bearer_token(TOKEN).build().expect("client builds")
}

// ---------------------------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------------------------

/// What a request should carry as its body.
enum Sent {
    Nothing,
    Json(Value),
    /// A `multipart/form-data` body: the `file` part's name and bytes, and the text fields.
    Form {
        file_name: &'static str,
        bytes: &'static [u8],
        fields: &'static [(&'static str, &'static str)],
    },
    /// A `multipart/form-data` body whose one file part is not called `file` (a user's `pic_file`).
    FilePart {
        part: &'static str,
        file_name: &'static str,
        bytes: &'static [u8],
    },
}

/// A call under way: it resolves to the row's failure, if any, once the answer is checked.
type Outcome<'c> = Pin<Box<dyn Future<Output = Result<(), String>> + 'c>>;

/// Starts a row's call; gives the operation ID (read before sending) and the outcome.
type Start = Box<dyn for<'c> FnOnce(&'c Client) -> (String, Outcome<'c>)>;

/// One operation: the call it makes, and what it must send and get back.
struct Row {
    /// `METHOD /path?query` as it must appear on the wire.
    line: &'static str,
    sent: Sent,
    start: Start,
}

/// A row: `call` must send `line` with `sent`, and its decoded answer must pass `check`
/// (plain assertions; a failed one fails the row, not the test, so every row still runs).
fn row<T, F, C>(call: F, line: &'static str, sent: Sent, check: C) -> Row
where
    T: DeserializeOwned + Send + 'static,
    F: for<'c> FnOnce(&'c Client) -> Call<'c, T, ZoomError> + 'static,
    C: FnOnce(T) + 'static,
{
    let start = starter(move |client| {
        let call = call(client);
        let operation = operation_id(&call);
        let outcome = Box::pin(async move {
            let answer = call.await.map_err(|err| format!("the call failed: {err:?}"))?;
            catch_unwind(AssertUnwindSafe(|| check(answer))).map_err(|panic| {
                let message = panic.downcast_ref::<String>().cloned();
                message.or_else(|| panic.downcast_ref::<&str>().map(|m| m.to_string())).unwrap_or_default()
            })
        });
        (operation, outcome as Outcome<'_>)
    });
    Row { line, sent, start: Box::new(start) }
}

/// A row for an operation whose success is a file: its headers and whole body (read with a
/// limit) must pass `check`.
fn download_row<F, C>(call: F, line: &'static str, sent: Sent, check: C) -> Row
where
    F: for<'c> FnOnce(&'c Client) -> Call<'c, zoom::Download, ZoomError> + 'static,
    C: FnOnce(&zoom::runtime::http::HeaderMap, &[u8]) + 'static,
{
    let start = starter(move |client| {
        let call = call(client);
        let operation = operation_id(&call);
        let outcome = Box::pin(async move {
            let download = call.await.map_err(|err| format!("the call failed: {err:?}"))?;
            let headers = download.headers().clone();
            let bytes = download.bytes(1 << 20).await.map_err(|err| format!("the body failed: {err:?}"))?;
            catch_unwind(AssertUnwindSafe(|| check(&headers, &bytes))).map_err(|panic| {
                let message = panic.downcast_ref::<String>().cloned();
                message.or_else(|| panic.downcast_ref::<&str>().map(|m| m.to_string())).unwrap_or_default()
            })
        });
        (operation, outcome as Outcome<'_>)
    });
    Row { line, sent, start: Box::new(start) }
}

/// Gives a closure the signature `Row::start` needs (the outcome borrows the client).
fn starter<S: for<'c> FnOnce(&'c Client) -> (String, Outcome<'c>)>(start: S) -> S {
    start
}

/// The check of an operation whose success has no body: there is nothing to decode.
fn no_body(_: ()) {}

/// What a family's canned server answers to a request it has no answer for.
fn no_route(request: &Recorded) -> Reply {
    Reply::json(404, serde_json::json!({ "code": 404, "message": format!("no route for {}", request.line()) }))
}

/// Every case was refused as invalid before sending (`Error::Validation`); the test lists every
/// case that was not.
fn assert_all_invalid<T: std::fmt::Debug>(cases: Vec<(&str, Result<T, clientgen_runtime::Error<ZoomError>>)>) {
    let failures: Vec<String> = cases
        .iter()
        .filter(|(_, outcome)| !matches!(outcome, Err(clientgen_runtime::Error::Validation { .. })))
        .map(|(case, outcome)| format!("{case}: {outcome:?}"))
        .collect();
    assert!(failures.is_empty(), "not refused as invalid: {failures:#?}");
}

/// Runs every row against a fresh mock Zoom API answering with `answer` (each family's module has
/// its canned answers), in order, and fails once, listing each row that failed; then checks that
/// the rows called each operation of `spec` exactly once.
async fn run_table(rows: Vec<Row>, spec: &str, operations: usize, answer: fn(&Recorded) -> Reply) {
    let server = MockServer::start(answer).await;
    let client = client(&server);
    let mut failures = Vec::new();
    let mut called = Vec::new();
    for row in rows {
        let before = server.requests().len();
        let (operation, outcome) = (row.start)(&client);
        let mut problems: Vec<String> = outcome.await.err().into_iter().collect();
        let requests = server.requests().split_off(before);
        match requests.as_slice() {
            [request] => problems.extend(wire_mismatches(request, row.line, &row.sent)),
            _ => problems.push(format!("one request per call, got {:#?}", lines(&requests))),
        }
        if !problems.is_empty() {
            let problems = problems.join("\n").replace('\n', "\n    ");
            failures.push(format!("{operation} ({}):\n    {problems}", row.line));
        }
        called.push(operation);
    }
    let distinct: BTreeSet<&str> = called.iter().map(String::as_str).collect();
    if distinct.len() != called.len() {
        failures.push(format!("each operation is called exactly once: {called:?}"));
    }
    if distinct.len() != operations {
        failures.push(format!("{operations} operations expected, {} called: {distinct:?}", distinct.len()));
    }
    let declared = spec_operations(spec);
    if distinct != declared {
        let missing: Vec<_> = declared.difference(&distinct).collect();
        let extra: Vec<_> = distinct.difference(&declared).collect();
        failures.push(format!("every operation of the spec, and only those: missing {missing:?}, extra {extra:?}"));
    }
    assert!(failures.is_empty(), "{} failure(s):\n{}", failures.len(), failures.join("\n"));
}

/// How `request` differs from what the row expects: method, path and query, the token, and the body.
fn wire_mismatches(request: &Recorded, line: &str, sent: &Sent) -> Vec<String> {
    let mut problems = Vec::new();
    let mut expect = |ok: bool, problem: String| {
        if !ok {
            problems.push(problem);
        }
    };
    expect(request.line() == line, format!("method, path and query: sent {:?}", request.line()));
    let authorization = request.header("authorization");
    expect(authorization == Some("Bearer zoom-test-token"), format!("authorization: {authorization:?}"));
    let content_type = request.header("content-type");
    match sent {
        Sent::Nothing => {
            let body = String::from_utf8_lossy(&request.body);
            expect(request.body.is_empty(), format!("sends no body: {body:?}"));
            expect(content_type.is_none(), format!("no content-type: {content_type:?}"));
        }
        Sent::Json(body) => {
            expect(content_type == Some("application/json"), format!("content-type: {content_type:?}"));
            match serde_json::from_slice::<Value>(&request.body) {
                Ok(json) => expect(&json == body, format!("JSON body: sent {json}, expected {body}")),
                Err(err) => {
                    expect(false, format!("body is not JSON ({err}): {}", String::from_utf8_lossy(&request.body)))
                }
            }
        }
        Sent::Form { .. } | Sent::FilePart { .. } => {
            let (part, file_name, bytes, fields) = match sent {
                Sent::Form { file_name, bytes, fields } => ("file", file_name, bytes, *fields),
                Sent::FilePart { part, file_name, bytes } => (*part, file_name, bytes, &[][..]),
                _ => unreachable!("matched above"),
            };
            let content_type = content_type.unwrap_or_default();
            let Some(boundary) = content_type.strip_prefix("multipart/form-data; boundary=") else {
                expect(false, format!("content-type: {content_type}"));
                return problems;
            };
            let body = &request.body;
            expect(contains(body, format!("--{boundary}\r\n").as_bytes()), "parts use the boundary".into());
            expect(body.ends_with(format!("--{boundary}--\r\n").as_bytes()), "closing boundary".into());
            let file_head = format!("Content-Disposition: form-data; name=\"{part}\"; filename=\"{file_name}\"");
            expect(contains(body, file_head.as_bytes()), "file part header".into());
            expect(contains(body, b"Content-Type: image/png\r\n\r\n"), "file part type".into());
            expect(contains(body, bytes), "file bytes".into());
            for (name, value) in fields {
                let part = format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n");
                expect(contains(body, part.as_bytes()), format!("field {name}={value}"));
            }
        }
    }
    problems
}

fn lines(requests: &[Recorded]) -> Vec<String> {
    requests.iter().map(Recorded::line).collect()
}

/// The spec's operation ID of a call (from its `Debug` output, which names it).
fn operation_id<T, E>(call: &Call<'_, T, E>) -> String {
    let shown = format!("{call:?}");
    let marker = "operation: \"";
    let start = shown.find(marker).unwrap_or_else(|| panic!("no operation ID in {shown}")) + marker.len();
    let end = start + shown[start..].find('"').expect("closing quote");
    shown[start..end].to_owned()
}

/// The `operationId`s a spec file declares.
fn spec_operations(spec: &str) -> BTreeSet<&str> {
    spec.lines().filter_map(|line| line.trim().strip_prefix("operationId:")).map(str::trim).collect()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|window| window == needle)
}

// ---------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn every_meetings_operation_sends_the_documented_request_and_decodes_the_response() {
    let rows = [meetings::rows(), meetings_2024::meeting_rows()].into_iter().flatten().collect();
    run_table(rows, MEETINGS_SPEC, 48, meetings_2024::answer).await;
}

#[tokio::test]
async fn every_webinars_operation_sends_the_documented_request_and_decodes_the_response() {
    let rows = [webinars::rows(), meetings_2024::webinar_rows()].into_iter().flatten().collect();
    run_table(rows, WEBINARS_SPEC, 53, meetings_2024::answer).await;
}

#[tokio::test]
async fn path_parameters_are_percent_encoded_as_one_segment() {
    let server = MockServer::start(zoom_api).await;
    let client = client(&server);

    client.meetings().meeting_poll_get(MEETING_ID, "a/b?c").await.unwrap();
    client.webinars().webinar_poll_get(WEBINAR_ID, "x#y%z w").await.unwrap();
    client.meetings().list_meeting_templates("jchill+zoom@example.com").await.unwrap();
    // A UUID that starts with `/`: Zoom asks for such UUIDs to be encoded twice, which a caller
    // gets by passing the once-encoded form (its `%` is encoded again).
    let absent = WebinarAbsenteesParams::default();
    client.webinars().webinar_absentees("/ajXp112QmuoKj4854875==", &absent).await.unwrap();
    client.webinars().webinar_absentees("%2FajXp112QmuoKj4854875%3D%3D", &absent).await.unwrap();

    let lines: Vec<String> = server.requests().iter().map(Recorded::line).collect();
    assert_eq!(
        lines,
        [
            "GET /v2/meetings/85746065432/polls/a%2Fb%3Fc",
            "GET /v2/webinars/99289110036/polls/x%23y%25z%20w",
            "GET /v2/users/jchill%2Bzoom%40example.com/meeting_templates",
            "GET /v2/past_webinars/%2FajXp112QmuoKj4854875%3D%3D/absentees",
            "GET /v2/past_webinars/%252FajXp112QmuoKj4854875%253D%253D/absentees",
        ]
    );

    // Values that would change the path itself are refused before anything is sent.
    for poll_id in ["", ".", ".."] {
        let err = client.meetings().meeting_poll_delete(MEETING_ID, poll_id).await.unwrap_err();
        assert!(matches!(err, clientgen_runtime::Error::InvalidRequest { .. }), "{poll_id:?}: {err:?}");
        assert!(err.to_string().contains("pollId"), "{err}");
    }
    assert_eq!(server.requests().len(), 5, "refused requests are never sent");
}
