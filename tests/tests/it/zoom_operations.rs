//! The generated Zoom client used the way a downstream crate uses it, against a server on
//! 127.0.0.1: every one of the 33 Meetings and 45 Webinars operations is called once, and each
//! request is checked on the wire (method, path, query string, JSON or multipart body) while each
//! response decodes into the operation's success type.

use std::collections::BTreeSet;

use clientgen_runtime::{Call, FilePart};
use clientgen_tests::{MockServer, Recorded, Reply};
use serde_json::{json, Value};
use zoom::types::*;
use zoom::Client;

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

const MEETINGS_SPEC: &str = include_str!("../../../specs/zoom/meetings.yaml");
const WEBINARS_SPEC: &str = include_str!("../../../specs/zoom/webinars.yaml");

// ---------------------------------------------------------------------------------------------
// The mock Zoom API
// ---------------------------------------------------------------------------------------------

/// Answers like Zoom would: `204` without a body for every PUT, PATCH and DELETE of these
/// operations, `200` with JSON for GET and `201` with JSON for POST, chosen by path.
fn zoom_api(request: &Recorded) -> Reply {
    let path = request.path.strip_prefix("/v2/").unwrap_or(&request.path);
    let route: Vec<&str> = path.split('/').collect();
    let body = match request.method.as_str() {
        "PUT" | "PATCH" | "DELETE" => return Reply::empty(204),
        "GET" => get_response(&route),
        "POST" => post_response(&route),
        _ => None,
    };
    match body {
        Some(body) => Reply::json(if request.method == "POST" { 201 } else { 200 }, body),
        None => Reply::json(404, json!({ "code": 404, "message": format!("no route for {}", request.line()) })),
    }
}

fn get_response(route: &[&str]) -> Option<Value> {
    Some(match route {
        // Meetings
        ["users", _, "meetings"] => json!({
            "page_size": 30,
            "total_records": 1,
            "next_page_token": "",
            "meetings": [{
                "id": MEETING_ID,
                "uuid": "aDYlohsHRtCd4ii1uC2+hA==",
                "host_id": "z8yBXksmRJuBQl6Y1r1kYg",
                "topic": "Weekly sync",
                "type": 8,
                "start_time": "2025-03-04T15:00:00Z",
                "duration": 45,
                "timezone": "America/Los_Angeles",
                "join_url": "https://example.com/j/85746065432"
            }]
        }),
        ["users", _, "meeting_templates"] => json!({
            "total_records": 1,
            "templates": [{ "id": "AdxbhxCzKgSiWAw", "name": "Weekly sync", "type": 1 }]
        }),
        ["meetings", _] => json!({
            "id": MEETING_ID,
            "uuid": "aDYlohsHRtCd4ii1uC2+hA==",
            "host_id": "z8yBXksmRJuBQl6Y1r1kYg",
            "host_email": "jchill@example.com",
            "topic": "Weekly sync",
            "type": 8,
            "status": "waiting",
            "pmi": "97891943927",
            "password": "a1B2c3",
            "start_time": "2025-03-04T15:00:00Z",
            "timezone": "America/Los_Angeles",
            "recurrence": { "type": 2, "repeat_interval": 1, "weekly_days": "2,4", "end_times": 6 },
            "occurrences": [{ "occurrence_id": OCCURRENCE_ID, "start_time": "2025-03-04T15:00:00Z", "duration": 45, "status": "available" }],
            "settings": { "mute_upon_entry": false, "waiting_room": true }
        }),
        ["meetings", _, "polls"] | ["webinars", _, "polls"] => json!({ "total_records": 1, "polls": [poll_info()] }),
        ["meetings", _, "polls", _] | ["webinars", _, "polls", _] => poll_info(),
        ["meetings", _, "livestream"] | ["webinars", _, "livestream"] => json!({
            "stream_url": "rtmp://live.example.com/app",
            "stream_key": "contact-ic@example.com",
            "page_url": "https://example.com/livestream/123"
        }),
        ["meetings", _, "registrants"] | ["webinars", _, "registrants"] | ["past_webinars", _, "absentees"] => json!({
            "page_size": 30,
            "total_records": 1,
            "next_page_token": "w7587w4eiyfsudgf",
            "registrants": [{
                "id": REGISTRANT_ID,
                "email": "jchill@example.com",
                "first_name": "Jill",
                "last_name": "Chill",
                "status": "approved",
                "create_time": "2025-02-22T05:59:09Z",
                "join_url": "https://example.com/j/11111",
                "custom_questions": [{ "title": "Favorite thing about Zoom", "value": "Meet Happy" }]
            }]
        }),
        ["meetings", _, "registrants", "questions"] => json!({
            "questions": [{ "field_name": "address", "required": true }],
            "custom_questions": [{ "title": "How did you hear about us?", "type": "single", "required": false, "answers": ["Email", "Web"] }]
        }),
        ["meetings", _, "registrants", _] => json!({
            "id": REGISTRANT_ID,
            "email": "jchill@example.com",
            "first_name": "Jill",
            "last_name": "Chill",
            "status": "approved",
            "create_time": "2025-02-22T05:59:09Z",
            "join_url": "https://example.com/j/11111"
        }),
        ["meetings", _, "token"] | ["webinars", _, "token"] => {
            json!({ "token": "https://closedcaption.example.com/closedcaption?id=200610693&ns=GZHkEA==&expire=86400" })
        }
        ["meetings", _, "survey"] => json!({
            "show_in_the_browser": true,
            "custom_survey": { "anonymous": true, "questions": [{ "name": "How was it?", "type": "rating_scale", "rating_min_value": 1, "rating_max_value": 5 }] }
        }),
        ["meetings", _, "invitation"] => json!({
            "invitation": "Jill Chill is inviting you to a scheduled Zoom meeting.\r\n\r\nJoin Zoom Meeting\r\nhttps://example.com/j/85746065432",
            "sip_links": ["85746065432@zoomcrc.com"]
        }),
        ["past_meetings", _, "instances"] => {
            json!({ "meetings": [{ "uuid": "Bznyg8KZTdCVbQxvS/oZ7w==", "start_time": "2025-02-25T15:00:00Z" }] })
        }

        // Webinars
        ["users", _, "webinars"] => json!({
            "page_size": 30,
            "page_number": 1,
            "page_count": 1,
            "total_records": 1,
            "webinars": [{ "id": WEBINAR_ID, "uuid": "tPq7XyvVQv6q6ld1Yf1xTQ==", "topic": "Product launch", "type": 9, "duration": 60 }]
        }),
        ["users", _, "webinar_templates"] => {
            json!({ "total_records": 1, "templates": [{ "id": "WbxbhxCzKgSiWAw", "name": "Launch webinar" }] })
        }
        ["webinars", _] => json!({
            "id": WEBINAR_ID,
            "uuid": "tPq7XyvVQv6q6ld1Yf1xTQ==",
            "host_id": "z8yBXksmRJuBQl6Y1r1kYg",
            "topic": "Product launch",
            "type": 9,
            "start_time": "2025-04-01T17:00:00Z",
            "duration": 60,
            "recurrence": { "type": 2, "repeat_interval": 1, "weekly_days": "2,4", "end_times": 4 },
            "settings": { "question_and_answer": { "enable": true, "answer_questions": "all" }, "on_demand": false }
        }),
        ["webinars", _, "branding"] => json!({
            "wallpaper": { "id": "wp1" },
            "virtual_backgrounds": [{ "id": VB_ID, "name": "launch.png", "is_default": true }],
            "name_tags": [{ "id": NAME_TAG_ID, "name": "Speaker", "text_color": "0E72ED", "accent_color": "0E72ED", "background_color": "FFFFFF", "is_default": true }]
        }),
        ["webinars", _, "registrants", "questions"] => json!({
            "questions": [{ "field_name": "org", "required": true }],
            "custom_questions": [{ "title": "Which product do you use?", "type": "single_dropdown", "required": true, "answers": ["Meetings", "Phone"] }]
        }),
        ["webinars", _, "registrants", _] => json!({
            "id": REGISTRANT_ID,
            "email": "jchill@example.com",
            "first_name": "Jill",
            "status": "approved",
            "language": "en-US",
            "join_url": "https://example.com/w/11111"
        }),
        ["webinars", _, "tracking_sources"] => json!({
            "total_records": 1,
            "tracking_sources": [{ "id": "5516482804", "source_name": "Newsletter", "tracking_url": "https://example.com/w/99289110036?ts=5516482804", "registration_count": 12, "visitor_count": 40 }]
        }),
        ["webinars", _, "panelists"] => json!({
            "total_records": 1,
            "panelists": [{ "id": PANELIST_ID, "email": "ajchill@example.com", "name": "Al Chill", "join_url": "https://example.com/w/99289110036?tk=abc" }]
        }),
        ["webinars", _, "survey"] => json!({
            "show_in_the_browser": false,
            "show_in_the_follow_up_email": true,
            "third_party_survey": "https://example.com/survey"
        }),
        ["past_webinars", _, "instances"] => {
            json!({ "webinars": [{ "uuid": "tPq7XyvVQv6q6ld1Yf1xTQ==", "start_time": "2025-03-25T17:00:00Z" }] })
        }
        _ => return None,
    })
}

fn post_response(route: &[&str]) -> Option<Value> {
    Some(match route {
        // Meetings
        ["users", _, "meetings"] => json!({
            "id": MEETING_ID,
            "host_email": "jchill@example.com",
            "topic": "Weekly sync",
            "type": 8,
            "start_time": "2025-03-03T15:00:00Z",
            "duration": 45,
            "timezone": "America/Los_Angeles",
            "created_at": "2025-02-20T10:00:00Z",
            "join_url": "https://example.com/j/85746065432",
            "start_url": "https://example.com/s/85746065432?zak=xxx",
            "password": "a1B2c3",
            "occurrences": [{ "occurrence_id": OCCURRENCE_ID, "start_time": "2025-03-04T15:00:00Z", "duration": 45, "status": "available" }],
            "settings": {
                "waiting_room": true,
                "global_dial_in_numbers": [{ "country": "US", "country_name": "US", "number": "+1 6465588656", "type": "toll" }]
            }
        }),
        ["users", _, "meeting_templates"] => json!({ "id": "AdxbhxCzKgSiWAw", "name": "Weekly sync" }),
        ["users", _, "webinar_templates"] => json!({ "id": "WbxbhxCzKgSiWAw", "name": "Launch webinar" }),
        ["meetings", _, "registrants"] => json!({
            "id": MEETING_ID,
            "registrant_id": REGISTRANT_ID,
            "join_url": "https://example.com/j/11111",
            "topic": "Weekly sync",
            "start_time": "2025-03-04T15:00:00Z",
            "occurrences": [{ "occurrence_id": OCCURRENCE_ID, "start_time": "2025-03-04T15:00:00Z", "duration": 45, "status": "available" }]
        }),
        ["meetings", _, "batch_registrants"] | ["webinars", _, "batch_registrants"] => json!({
            "registrants": [
                { "email": "jchill@example.com", "registrant_id": REGISTRANT_ID, "join_url": "https://example.com/j/11111" },
                { "email": "ajchill@example.com", "registrant_id": "abc2", "join_url": "https://example.com/j/22222" }
            ]
        }),
        ["meetings", _, "polls"] | ["webinars", _, "polls"] => poll_info(),
        ["meetings", _, "batch_polls"] => json!({
            "polls": [{ "id": "poll-b1", "title": "Quick quiz", "status": "notstart", "anonymous": false, "poll_type": 3,
                        "questions": [{ "name": "2 + 2?", "type": "single", "answers": ["3", "4"], "right_answers": ["4"] }] }]
        }),
        ["meetings", _, "invite_links"] | ["webinars", _, "invite_links"] => {
            json!({ "attendees": [{ "name": "Jill Chill", "join_url": "https://example.com/j/85746065432?tk=xyz" }] })
        }

        // Webinars
        ["users", _, "webinars"] => json!({
            "id": WEBINAR_ID,
            "uuid": "tPq7XyvVQv6q6ld1Yf1xTQ==",
            "host_id": "z8yBXksmRJuBQl6Y1r1kYg",
            "host_email": "jchill@example.com",
            "topic": "Product launch",
            "type": 9,
            "start_time": "2025-04-01T17:00:00Z",
            "duration": 60,
            "join_url": "https://example.com/w/99289110036",
            "start_url": "https://example.com/s/99289110036?zak=xxx",
            "registrants_confirmation_email": true
        }),
        // Zoom's response carries `id`, the webinar's numeric ID.
        ["webinars", _, "registrants"] => json!({
            "id": 92_674_392_836_i64,
            "registrant_id": REGISTRANT_ID,
            "join_url": "https://example.com/w/11111",
            "topic": "Product launch",
            "start_time": "2025-04-01T17:00:00Z"
        }),
        ["webinars", _, "panelists"] => json!({ "id": "99289110036", "updated_at": "2025-02-20T10:00:00Z" }),
        ["webinars", _, "branding", "name_tags"] => json!({
            "id": NAME_TAG_ID,
            "name": "Speaker",
            "text_color": "0E72ED",
            "accent_color": "0E72ED",
            "background_color": "FFFFFF",
            "is_default": true
        }),
        ["webinars", _, "branding", "virtual_backgrounds"] => {
            json!({ "id": VB_ID, "name": "launch.png", "type": "image", "size": 7, "is_default": true })
        }
        ["webinars", _, "branding", "wallpaper"] => {
            json!({ "id": "wp1", "name": "wallpaper.png", "type": "image", "size": 7 })
        }
        _ => return None,
    })
}

fn poll_info() -> Value {
    json!({
        "id": POLL_ID,
        "status": "notstart",
        "title": "Learn something new",
        "anonymous": false,
        "poll_type": 2,
        "questions": [{ "name": "How useful was this meeting?", "type": "single", "answers": ["Very", "Somewhat"], "right_answers": ["Very"] }]
    })
}

fn client(server: &MockServer) -> Client {
    Client::builder().base_url(format!("{}/v2", server.url())).bearer_token(TOKEN).build().expect("client builds")
}

// ---------------------------------------------------------------------------------------------
// Recording what each call should have sent
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
}

struct Exchange {
    operation: String,
    line: String,
    sent: Sent,
}

/// The calls a test made, with the request each one should have put on the wire.
#[derive(Default)]
struct Script {
    exchanges: Vec<Exchange>,
}

impl Script {
    /// Sends `call`, expecting the request `line` (`METHOD /path?query`) with the body `sent`.
    async fn run<'a, T: serde::de::DeserializeOwned + Send + 'a>(
        &mut self,
        call: Call<'a, T, ZoomError>,
        line: &str,
        sent: Sent,
    ) -> T {
        let operation = operation_id(&call);
        let result = call.await.unwrap_or_else(|err| panic!("{operation} ({line}) failed: {err:?}"));
        self.exchanges.push(Exchange { operation, line: line.to_owned(), sent });
        result
    }

    /// Compares the recorded requests with the expected ones, in order.
    fn verify(&self, requests: &[Recorded]) {
        let sent: Vec<String> = requests.iter().map(Recorded::line).collect();
        assert_eq!(requests.len(), self.exchanges.len(), "one request per call: {sent:#?}");
        for (request, expected) in requests.iter().zip(&self.exchanges) {
            let op = &expected.operation;
            assert_eq!(request.line(), expected.line, "{op}: method, path and query");
            assert_eq!(request.header("authorization"), Some("Bearer zoom-test-token"), "{op}");
            match &expected.sent {
                Sent::Nothing => {
                    assert!(
                        request.body.is_empty(),
                        "{op} sends no body: {:?}",
                        String::from_utf8_lossy(&request.body)
                    );
                    assert_eq!(request.header("content-type"), None, "{op}");
                }
                Sent::Json(body) => {
                    assert_eq!(request.header("content-type"), Some("application/json"), "{op}");
                    assert_eq!(&request.json(), body, "{op}: JSON body");
                }
                Sent::Form { file_name, bytes, fields } => {
                    let content_type = request.header("content-type").unwrap_or_default();
                    assert!(content_type.starts_with("multipart/form-data; boundary="), "{op}: {content_type}");
                    let boundary = &content_type["multipart/form-data; boundary=".len()..];
                    let body = &request.body;
                    assert!(contains(body, format!("--{boundary}\r\n").as_bytes()), "{op}: parts use the boundary");
                    assert!(body.ends_with(format!("--{boundary}--\r\n").as_bytes()), "{op}: closing boundary");
                    let file_head = format!("Content-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"");
                    assert!(contains(body, file_head.as_bytes()), "{op}: file part header");
                    assert!(contains(body, b"Content-Type: image/png\r\n\r\n"), "{op}: file part type");
                    assert!(contains(body, bytes), "{op}: file bytes");
                    for (name, value) in *fields {
                        let part = format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n");
                        assert!(contains(body, part.as_bytes()), "{op}: field {name}={value}");
                    }
                }
            }
        }
    }

    /// The distinct operation IDs called; panics when one was called twice.
    fn operations(&self) -> BTreeSet<&str> {
        let ids: BTreeSet<&str> = self.exchanges.iter().map(|e| e.operation.as_str()).collect();
        assert_eq!(ids.len(), self.exchanges.len(), "each operation is called exactly once");
        ids
    }
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
// Request bodies
// ---------------------------------------------------------------------------------------------

fn new_poll() -> Poll {
    Poll {
        title: Some("Learn something new".into()),
        anonymous: Some(false),
        poll_type: Some(PollPollType::V2),
        questions: Some(vec![
            PollQuestion {
                name: Some("How useful was this meeting?".into()),
                type_: Some(PollQuestionType::Single),
                answers: Some(vec!["Very".into(), "Somewhat".into()]),
                right_answers: Some(vec!["Very".into()]),
                ..Default::default()
            },
            PollQuestion {
                name: Some("Match the products".into()),
                type_: Some(PollQuestionType::Matching),
                answer_required: Some(true),
                answers: Some(vec!["Video".into(), "Voice".into()]),
                prompts: Some(vec![PollQuestionPrompt {
                    prompt_question: Some("Meetings".into()),
                    prompt_right_answers: Some(vec!["Video".into()]),
                }]),
                ..Default::default()
            },
        ]),
    }
}

fn new_poll_json() -> Value {
    json!({
        "title": "Learn something new",
        "anonymous": false,
        "poll_type": 2,
        "questions": [
            { "name": "How useful was this meeting?", "type": "single", "answers": ["Very", "Somewhat"], "right_answers": ["Very"] },
            {
                "name": "Match the products",
                "type": "matching",
                "answer_required": true,
                "answers": ["Video", "Voice"],
                "prompts": [{ "prompt_question": "Meetings", "prompt_right_answers": ["Video"] }]
            }
        ]
    })
}

fn rating_poll() -> Poll {
    Poll {
        title: Some("Rate the session".into()),
        questions: Some(vec![PollQuestion {
            name: Some("Overall".into()),
            type_: Some(PollQuestionType::RatingScale),
            rating_min_value: Some(1),
            rating_max_value: Some(5),
            rating_min_label: Some("Poor".into()),
            rating_max_label: Some("Great".into()),
            ..Default::default()
        }]),
        ..Default::default()
    }
}

fn rating_poll_json() -> Value {
    json!({
        "title": "Rate the session",
        "questions": [{
            "name": "Overall",
            "type": "rating_scale",
            "rating_min_value": 1,
            "rating_max_value": 5,
            "rating_min_label": "Poor",
            "rating_max_label": "Great"
        }]
    })
}

fn batch_registrants() -> BatchRegistrationRequest {
    BatchRegistrationRequest {
        auto_approve: Some(true),
        registrants: Some(vec![
            BatchRegistrant {
                email: "jchill@example.com".into(),
                first_name: "Jill".into(),
                last_name: Some("Chill".into()),
            },
            BatchRegistrant { email: "ajchill@example.com".into(), first_name: "Al".into(), last_name: None },
        ]),
    }
}

fn batch_registrants_json() -> Value {
    json!({
        "auto_approve": true,
        "registrants": [
            { "email": "jchill@example.com", "first_name": "Jill", "last_name": "Chill" },
            { "email": "ajchill@example.com", "first_name": "Al" }
        ]
    })
}

fn invite_link() -> InviteLink {
    InviteLink { attendees: Some(vec![InviteLinkAttendee::new("Jill Chill".into())]), ttl: Some(7200) }
}

fn png(file_name: &str) -> FilePart {
    FilePart::new(file_name, PNG).with_content_type("image/png")
}

const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a];

// ---------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn every_meetings_operation_sends_the_documented_request_and_decodes_the_response() {
    let server = MockServer::start(zoom_api).await;
    let client = client(&server);
    let meetings = client.meetings();
    let mut s = Script::default();

    // Scheduling
    let create = MeetingCreateRequest {
        topic: Some("Weekly sync".into()),
        type_: Some(MeetingCreateRequestType::V8),
        start_time: Some("2025-03-03T15:00:00Z".into()),
        duration: Some(45),
        timezone: Some("America/Los_Angeles".into()),
        agenda: Some("Status updates".into()),
        recurrence: Some(Recurrence {
            repeat_interval: Some(1),
            // Several week days travel as one comma-separated string.
            weekly_days: Some("2,4".into()),
            end_times: Some(6),
            ..Recurrence::new(RecurrenceType::V2)
        }),
        settings: Some(MeetingCreateSettings {
            host_video: Some(true),
            join_before_host: Some(false),
            waiting_room: Some(true),
            approval_type: Some(MeetingCreateSettingsApprovalType::V2),
            audio: Some(MeetingCreateSettingsAudio::Both),
            auto_recording: Some(MeetingCreateSettingsAutoRecording::Cloud),
            meeting_invitees: Some(vec![MeetingInvitee { email: Some("ajchill@example.com".into()) }]),
            breakout_room: Some(BreakoutRoomSettings {
                enable: Some(true),
                rooms: Some(vec![BreakoutRoom {
                    name: Some("Room 1".into()),
                    participants: Some(vec!["ajchill@example.com".into()]),
                }]),
            }),
            ..Default::default()
        }),
        tracking_fields: Some(vec![TrackingField {
            value: Some("Engineering".into()),
            ..TrackingField::new("Department".into())
        }]),
        ..Default::default()
    };
    let created = s
        .run(
            meetings.meeting_create("jchill@example.com", &create),
            "POST /v2/users/jchill%40example.com/meetings",
            Sent::Json(json!({
                "topic": "Weekly sync",
                "type": 8,
                "start_time": "2025-03-03T15:00:00Z",
                "duration": 45,
                "timezone": "America/Los_Angeles",
                "agenda": "Status updates",
                "recurrence": { "type": 2, "repeat_interval": 1, "weekly_days": "2,4", "end_times": 6 },
                "settings": {
                    "host_video": true,
                    "join_before_host": false,
                    "waiting_room": true,
                    "approval_type": 2,
                    "audio": "both",
                    "auto_recording": "cloud",
                    "meeting_invitees": [{ "email": "ajchill@example.com" }],
                    "breakout_room": { "enable": true, "rooms": [{ "name": "Room 1", "participants": ["ajchill@example.com"] }] }
                },
                "tracking_fields": [{ "field": "Department", "value": "Engineering" }]
            })),
        )
        .await;
    assert_eq!(created.id, Some(MEETING_ID));
    assert_eq!(created.type_, Some(MeetingInfoType::V8));
    assert_eq!(created.occurrences.as_ref().unwrap()[0].occurrence_id.as_deref(), Some(OCCURRENCE_ID));
    let dial_in = &created.settings.as_ref().unwrap().global_dial_in_numbers.as_ref().unwrap()[0];
    assert_eq!(dial_in.type_, Some(GlobalDialInNumberType::Toll));

    let meeting = s
        .run(
            meetings.meeting(
                MEETING_ID,
                &MeetingParams { occurrence_id: Some(OCCURRENCE_ID.into()), show_previous_occurrences: Some(true) },
            ),
            "GET /v2/meetings/85746065432?occurrence_id=1648194360000&show_previous_occurrences=true",
            Sent::Nothing,
        )
        .await;
    assert_eq!(meeting.status, Some(MeetingDetailsStatus::Waiting));
    assert_eq!(meeting.type_, Some(MeetingDetailsType::V8));
    assert_eq!(meeting.pmi.as_deref(), Some("97891943927"));
    assert_eq!(meeting.recurrence.unwrap().weekly_days.as_deref(), Some("2,4"));

    let list = s
        .run(
            meetings.meetings(
                "me",
                &MeetingsParams {
                    type_: Some(MeetingsType::Upcoming),
                    page_size: Some(30),
                    next_page_token: Some("IAfJX3jsOLW7w3dokmFl84zOa0MAVGyMEB2".into()),
                    ..Default::default()
                },
            ),
            "GET /v2/users/me/meetings?type=upcoming&page_size=30&next_page_token=IAfJX3jsOLW7w3dokmFl84zOa0MAVGyMEB2",
            Sent::Nothing,
        )
        .await;
    assert_eq!(list.meetings.as_ref().unwrap()[0].id, Some(MEETING_ID));
    assert_eq!(list.next_page_token.as_deref(), Some(""), "the last page has an empty token");

    let update = MeetingUpdateRequest {
        topic: Some("Weekly sync (moved)".into()),
        start_time: Some("2025-03-05T16:00:00Z".into()),
        duration: Some(60),
        settings: Some(MeetingUpdateSettings {
            mute_upon_entry: Some(true),
            alternative_hosts: Some("ajchill@example.com".into()),
            authentication_exception: Some(vec![AuthenticationExceptionInfo {
                name: Some("Guest".into()),
                email: Some("guest@example.org".into()),
                join_url: None,
            }]),
            ..Default::default()
        }),
        tracking_fields: Some(vec![TrackingFieldValue {
            field: Some("Department".into()),
            value: Some("Sales".into()),
        }]),
        ..Default::default()
    };
    s.run(
        meetings.meeting_update(
            MEETING_ID,
            &update,
            &MeetingUpdateParams { occurrence_id: Some(OCCURRENCE_ID.into()) },
        ),
        "PATCH /v2/meetings/85746065432?occurrence_id=1648194360000",
        Sent::Json(json!({
            "topic": "Weekly sync (moved)",
            "start_time": "2025-03-05T16:00:00Z",
            "duration": 60,
            "settings": {
                "mute_upon_entry": true,
                "alternative_hosts": "ajchill@example.com",
                "authentication_exception": [{ "name": "Guest", "email": "guest@example.org" }]
            },
            "tracking_fields": [{ "field": "Department", "value": "Sales" }]
        })),
    )
    .await;

    // Templates
    let templates =
        s.run(meetings.list_meeting_templates("me"), "GET /v2/users/me/meeting_templates", Sent::Nothing).await;
    assert_eq!(templates.templates.as_ref().unwrap()[0].type_, Some(1));
    let template = MeetingTemplateCreateRequest {
        meeting_id: Some(MEETING_ID),
        name: Some("Weekly sync".into()),
        save_recurrence: Some(true),
        overwrite: None,
    };
    let template = s
        .run(
            meetings.meeting_template_create("me", &template),
            "POST /v2/users/me/meeting_templates",
            Sent::Json(json!({ "meeting_id": 85746065432i64, "name": "Weekly sync", "save_recurrence": true })),
        )
        .await;
    assert_eq!(template.id.as_deref(), Some("AdxbhxCzKgSiWAw"));

    // Registrants
    let registrant = MeetingRegistrantCreateRequest {
        first_name: "Jill".into(),
        last_name: Some("Chill".into()),
        email: "jchill@example.com".into(),
        address: None,
        city: Some("San Jose".into()),
        state: None,
        zip: None,
        country: Some("US".into()),
        phone: None,
        comments: Some("Looking forward to it".into()),
        custom_questions: Some(vec![CustomQuestion {
            title: Some("Favorite thing about Zoom".into()),
            value: Some("Meet Happy".into()),
        }]),
        industry: None,
        job_title: Some("Product Manager".into()),
        no_of_employees: Some(RegistrantCreateNoOfEmployees::V101500),
        org: Some("Example Inc".into()),
        purchasing_time_frame: Some(RegistrantCreatePurchasingTimeFrame::WithinAMonth),
        role_in_purchase_process: Some(RegistrantCreateRoleInPurchaseProcess::DecisionMaker),
        language: Some(MeetingRegistrantCreateRequestLanguage::EnUs),
        auto_approve: Some(true),
    };
    let added = s
        .run(
            meetings.meeting_registrant_create(
                MEETING_ID,
                &registrant,
                &MeetingRegistrantCreateParams { occurrence_ids: Some("1648194360000,1648799160000".into()) },
            ),
            "POST /v2/meetings/85746065432/registrants?occurrence_ids=1648194360000%2C1648799160000",
            Sent::Json(json!({
                "first_name": "Jill",
                "last_name": "Chill",
                "email": "jchill@example.com",
                "city": "San Jose",
                "country": "US",
                "comments": "Looking forward to it",
                "custom_questions": [{ "title": "Favorite thing about Zoom", "value": "Meet Happy" }],
                "job_title": "Product Manager",
                "no_of_employees": "101-500",
                "org": "Example Inc",
                "purchasing_time_frame": "Within a month",
                "role_in_purchase_process": "Decision Maker",
                "language": "en-US",
                "auto_approve": true
            })),
        )
        .await;
    assert_eq!((added.id, added.registrant_id.as_deref()), (Some(MEETING_ID), Some(REGISTRANT_ID)));

    let batch = s
        .run(
            meetings.add_batch_registrants(MEETING_ID, &batch_registrants()),
            "POST /v2/meetings/85746065432/batch_registrants",
            Sent::Json(batch_registrants_json()),
        )
        .await;
    assert_eq!(batch.registrants.as_ref().map(Vec::len), Some(2));

    let registrants = s
        .run(
            meetings.meeting_registrants(
                MEETING_ID,
                &MeetingRegistrantsParams {
                    status: Some(MeetingRegistrantsStatus::Pending),
                    page_size: Some(30),
                    ..Default::default()
                },
            ),
            "GET /v2/meetings/85746065432/registrants?status=pending&page_size=30",
            Sent::Nothing,
        )
        .await;
    let first = &registrants.registrants.as_ref().unwrap()[0];
    assert_eq!((first.email.as_str(), first.id.as_deref()), ("jchill@example.com", Some(REGISTRANT_ID)));

    let info = s
        .run(
            meetings.meeting_registrant_get(MEETING_ID, REGISTRANT_ID),
            "GET /v2/meetings/85746065432/registrants/9tboDiHUQAeOnbmudzWa5g",
            Sent::Nothing,
        )
        .await;
    assert_eq!(info.status, Some(MeetingRegistrantInfoStatus::Approved));
    assert_eq!(info.first_name, "Jill");

    let status = MeetingRegistrantStatusRequest {
        registrants: Some(vec![RegistrantRef {
            id: Some(REGISTRANT_ID.into()),
            email: Some("jchill@example.com".into()),
        }]),
        ..MeetingRegistrantStatusRequest::new(MeetingRegistrantStatusRequestAction::Approve)
    };
    s.run(
        meetings.meeting_registrant_status(
            MEETING_ID,
            &status,
            &MeetingRegistrantStatusParams { occurrence_id: Some(OCCURRENCE_ID.into()) },
        ),
        "PUT /v2/meetings/85746065432/registrants/status?occurrence_id=1648194360000",
        Sent::Json(json!({
            "action": "approve",
            "registrants": [{ "id": "9tboDiHUQAeOnbmudzWa5g", "email": "jchill@example.com" }]
        })),
    )
    .await;

    let questions = s
        .run(
            meetings.meeting_registrants_questions_get(MEETING_ID),
            "GET /v2/meetings/85746065432/registrants/questions",
            Sent::Nothing,
        )
        .await;
    assert_eq!(questions.questions.as_ref().unwrap()[0].field_name, Some(RegistrationQuestionFieldName::Address));
    assert_eq!(
        questions.custom_questions.as_ref().unwrap()[0].type_,
        Some(MeetingRegistrationCustomQuestionType::Single)
    );

    let questions = MeetingRegistrationQuestions {
        questions: Some(vec![RegistrationQuestion {
            field_name: Some(RegistrationQuestionFieldName::Org),
            required: Some(true),
        }]),
        custom_questions: Some(vec![MeetingRegistrationCustomQuestion {
            title: Some("How did you hear about us?".into()),
            type_: Some(MeetingRegistrationCustomQuestionType::Single),
            required: Some(false),
            answers: Some(vec!["Email".into(), "Web".into()]),
        }]),
    };
    s.run(
        meetings.meeting_registrant_question_update(MEETING_ID, &questions),
        "PATCH /v2/meetings/85746065432/registrants/questions",
        Sent::Json(json!({
            "questions": [{ "field_name": "org", "required": true }],
            "custom_questions": [{ "title": "How did you hear about us?", "type": "single", "required": false, "answers": ["Email", "Web"] }]
        })),
    )
    .await;

    s.run(
        meetings.meetingregistrantdelete(
            MEETING_ID,
            REGISTRANT_ID,
            &MeetingregistrantdeleteParams { occurrence_id: Some(OCCURRENCE_ID.into()) },
        ),
        "DELETE /v2/meetings/85746065432/registrants/9tboDiHUQAeOnbmudzWa5g?occurrence_id=1648194360000",
        Sent::Nothing,
    )
    .await;

    // Polls
    let poll = s
        .run(
            meetings.meeting_poll_create(MEETING_ID, &new_poll()),
            "POST /v2/meetings/85746065432/polls",
            Sent::Json(new_poll_json()),
        )
        .await;
    assert_eq!((poll.id.as_deref(), poll.status), (Some(POLL_ID), Some(PollInfoStatus::Notstart)));

    let polls = s
        .run(
            meetings.meeting_polls(MEETING_ID, &MeetingPollsParams { anonymous: Some(false) }),
            "GET /v2/meetings/85746065432/polls?anonymous=false",
            Sent::Nothing,
        )
        .await;
    assert_eq!(polls.total_records, Some(1));

    let poll = s
        .run(
            meetings.meeting_poll_get(MEETING_ID, POLL_ID),
            "GET /v2/meetings/85746065432/polls/QalIoKWLTJehBJ8e1xRrbQ",
            Sent::Nothing,
        )
        .await;
    assert_eq!(poll.poll_type, Some(PollPollType::V2));
    assert_eq!(poll.questions.as_ref().unwrap()[0].type_, Some(PollQuestionType::Single));

    s.run(
        meetings.meeting_poll_update(MEETING_ID, POLL_ID, &rating_poll()),
        "PUT /v2/meetings/85746065432/polls/QalIoKWLTJehBJ8e1xRrbQ",
        Sent::Json(rating_poll_json()),
    )
    .await;

    let batch_polls = BatchPollsRequest {
        polls: Some(vec![BatchPoll {
            title: Some("Quick quiz".into()),
            anonymous: Some(false),
            poll_type: Some(BatchPollPollType::V3),
            questions: Some(vec![BatchPollQuestion {
                name: Some("2 + 2?".into()),
                type_: Some(BatchPollQuestionType::Single),
                answers: Some(vec!["3".into(), "4".into()]),
                right_answers: Some(vec!["4".into()]),
                ..Default::default()
            }]),
        }]),
    };
    let created_polls = s
        .run(
            meetings.create_batch_polls(MEETING_ID, &batch_polls),
            "POST /v2/meetings/85746065432/batch_polls",
            Sent::Json(json!({
                "polls": [{
                    "title": "Quick quiz",
                    "anonymous": false,
                    "poll_type": 3,
                    "questions": [{ "name": "2 + 2?", "type": "single", "answers": ["3", "4"], "right_answers": ["4"] }]
                }]
            })),
        )
        .await;
    let created_poll = &created_polls.polls.as_ref().unwrap()[0];
    assert_eq!(
        (created_poll.id.as_deref(), created_poll.poll_type),
        (Some("poll-b1"), Some(BatchPollInfoPollType::V3))
    );

    s.run(
        meetings.meeting_poll_delete(MEETING_ID, POLL_ID),
        "DELETE /v2/meetings/85746065432/polls/QalIoKWLTJehBJ8e1xRrbQ",
        Sent::Nothing,
    )
    .await;

    // Survey
    let survey = MeetingSurvey {
        show_in_the_browser: Some(true),
        custom_survey: Some(CustomSurvey {
            anonymous: Some(true),
            questions: Some(vec![
                SurveyQuestion {
                    name: Some("How was it?".into()),
                    type_: Some(SurveyQuestionType::RatingScale),
                    rating_min_value: Some(1),
                    rating_max_value: Some(5),
                    answer_required: Some(true),
                    ..Default::default()
                },
                SurveyQuestion {
                    name: Some("Anything else?".into()),
                    type_: Some(SurveyQuestionType::LongAnswer),
                    answer_max_character: Some(500),
                    ..Default::default()
                },
            ]),
        }),
        third_party_survey: None,
    };
    s.run(
        meetings.meeting_survey_update(MEETING_ID, &survey),
        "PATCH /v2/meetings/85746065432/survey",
        Sent::Json(json!({
            "show_in_the_browser": true,
            "custom_survey": {
                "anonymous": true,
                "questions": [
                    { "name": "How was it?", "type": "rating_scale", "rating_min_value": 1, "rating_max_value": 5, "answer_required": true },
                    { "name": "Anything else?", "type": "long_answer", "answer_max_character": 500 }
                ]
            }
        })),
    )
    .await;
    let survey =
        s.run(meetings.meeting_survey_get(MEETING_ID), "GET /v2/meetings/85746065432/survey", Sent::Nothing).await;
    let question = &survey.custom_survey.as_ref().unwrap().questions.as_ref().unwrap()[0];
    assert_eq!(question.type_, Some(SurveyQuestionType::RatingScale));
    s.run(meetings.meeting_survey_delete(MEETING_ID), "DELETE /v2/meetings/85746065432/survey", Sent::Nothing).await;

    // Live streaming
    let stream = MeetingLiveStream {
        stream_url: "rtmp://live.example.com/app".into(),
        stream_key: "contact-ic@example.com".into(),
        page_url: "https://example.com/livestream/123".into(),
    };
    s.run(
        meetings.meeting_live_stream_update(MEETING_ID, &stream),
        "PATCH /v2/meetings/85746065432/livestream",
        Sent::Json(json!({
            "stream_url": "rtmp://live.example.com/app",
            "stream_key": "contact-ic@example.com",
            "page_url": "https://example.com/livestream/123"
        })),
    )
    .await;
    let details = s
        .run(
            meetings.get_meeting_live_stream_details(MEETING_ID),
            "GET /v2/meetings/85746065432/livestream",
            Sent::Nothing,
        )
        .await;
    assert_eq!(details.stream_url.as_deref(), Some("rtmp://live.example.com/app"));
    let stream_status = MeetingLiveStreamStatus {
        action: Some(MeetingLiveStreamStatusAction::Start),
        settings: Some(LiveStreamStatusSettings {
            active_speaker_name: Some(true),
            display_name: Some("Jill Chill".into()),
        }),
    };
    s.run(
        meetings.meeting_live_stream_status_update(MEETING_ID, &stream_status),
        "PATCH /v2/meetings/85746065432/livestream/status",
        Sent::Json(
            json!({ "action": "start", "settings": { "active_speaker_name": true, "display_name": "Jill Chill" } }),
        ),
    )
    .await;

    // In-meeting controls and status
    let control = InMeetingControlRequest {
        method: Some("invite".into()),
        params: Some(InMeetingControlParams {
            contacts: Some(vec![InMeetingControlContact { email: Some("ajchill@example.com".into()), id: None }]),
            invite_options: Some(InMeetingControlInviteOptions {
                require_greeting: Some(false),
                require_pressing_one: Some(true),
            }),
            ..Default::default()
        }),
    };
    s.run(
        meetings.in_meeting_control(MEETING_ID, &control),
        "PATCH /v2/live_meetings/85746065432/events",
        Sent::Json(json!({
            "method": "invite",
            "params": {
                "contacts": [{ "email": "ajchill@example.com" }],
                "invite_options": { "require_greeting": false, "require_pressing_one": true }
            }
        })),
    )
    .await;
    s.run(
        meetings.meeting_status(MEETING_ID, &MeetingStatusRequest { action: Some(MeetingStatusRequestAction::End) }),
        "PUT /v2/meetings/85746065432/status",
        Sent::Json(json!({ "action": "end" })),
    )
    .await;

    // Token, invitation, invite links
    let token = s
        .run(
            meetings
                .meeting_token(MEETING_ID, &MeetingTokenParams { type_: Some(MeetingTokenType::ClosedCaptionToken) }),
            "GET /v2/meetings/85746065432/token?type=closed_caption_token",
            Sent::Nothing,
        )
        .await;
    assert!(token.token.unwrap().starts_with("https://closedcaption.example.com/"));
    let invitation =
        s.run(meetings.meeting_invitation(MEETING_ID), "GET /v2/meetings/85746065432/invitation", Sent::Nothing).await;
    assert!(invitation.invitation.unwrap().contains("Join Zoom Meeting"));
    assert_eq!(invitation.sip_links.as_ref().map(Vec::len), Some(1));
    let links = s
        .run(
            meetings.meeting_invite_links_create(MEETING_ID, &invite_link()),
            "POST /v2/meetings/85746065432/invite_links",
            Sent::Json(json!({ "attendees": [{ "name": "Jill Chill" }], "ttl": 7200 })),
        )
        .await;
    assert_eq!(links.attendees.as_ref().unwrap()[0].name.as_deref(), Some("Jill Chill"));

    // Past instances, then the meeting is deleted.
    let past =
        s.run(meetings.past_meetings(MEETING_ID), "GET /v2/past_meetings/85746065432/instances", Sent::Nothing).await;
    assert_eq!(past.meetings.as_ref().unwrap()[0].uuid.as_deref(), Some("Bznyg8KZTdCVbQxvS/oZ7w=="));
    s.run(
        meetings.meeting_delete(
            MEETING_ID,
            &MeetingDeleteParams {
                occurrence_id: None,
                schedule_for_reminder: Some(true),
                cancel_meeting_reminder: Some(true),
            },
        ),
        "DELETE /v2/meetings/85746065432?schedule_for_reminder=true&cancel_meeting_reminder=true",
        Sent::Nothing,
    )
    .await;

    s.verify(&server.requests());
    let called = s.operations();
    assert_eq!(called.len(), 33, "{called:?}");
    assert_eq!(called, spec_operations(MEETINGS_SPEC), "every operation of meetings.yaml, and only those");
}

#[tokio::test]
async fn every_webinars_operation_sends_the_documented_request_and_decodes_the_response() {
    let server = MockServer::start(zoom_api).await;
    let client = client(&server);
    let webinars = client.webinars();
    let mut s = Script::default();

    // Scheduling
    let create = WebinarCreateRequest {
        topic: Some("Product launch".into()),
        type_: Some(WebinarCreateRequestType::V9),
        start_time: Some("2025-04-01T17:00:00Z".into()),
        duration: Some(60),
        timezone: Some("UTC".into()),
        password: Some("L4unch!".into()),
        recurrence: Some(WebinarRecurrence {
            repeat_interval: Some(1),
            weekly_days: Some("2,4".into()),
            end_times: Some(4),
            ..WebinarRecurrence::new(WebinarRecurrenceType::V2)
        }),
        settings: Some(WebinarCreateSettings {
            host_video: Some(true),
            panelists_video: Some(true),
            approval_type: Some(WebinarCreateSettingsApprovalType::V0),
            question_and_answer: Some(WebinarQuestionAndAnswer {
                enable: Some(true),
                allow_anonymous_questions: Some(false),
                answer_questions: Some(WebinarQuestionAndAnswerAnswerQuestions::All),
                ..Default::default()
            }),
            attendees_and_panelists_reminder_email_notification: Some(WebinarReminderEmailNotification {
                enable: Some(true),
                type_: Some(WebinarReminderEmailNotificationType::V1),
            }),
            ..Default::default()
        }),
        tracking_fields: Some(vec![TrackingField {
            value: Some("Q2".into()),
            ..TrackingField::new("Campaign".into())
        }]),
        ..Default::default()
    };
    let created = s
        .run(
            webinars.webinar_create("me", &create),
            "POST /v2/users/me/webinars",
            Sent::Json(json!({
                "topic": "Product launch",
                "type": 9,
                "start_time": "2025-04-01T17:00:00Z",
                "duration": 60,
                "timezone": "UTC",
                "password": "L4unch!",
                "recurrence": { "type": 2, "repeat_interval": 1, "weekly_days": "2,4", "end_times": 4 },
                "settings": {
                    "host_video": true,
                    "panelists_video": true,
                    "approval_type": 0,
                    "question_and_answer": { "enable": true, "allow_anonymous_questions": false, "answer_questions": "all" },
                    "attendees_and_panelists_reminder_email_notification": { "enable": true, "type": 1 }
                },
                "tracking_fields": [{ "field": "Campaign", "value": "Q2" }]
            })),
        )
        .await;
    assert_eq!((created.id, created.type_), (Some(WEBINAR_ID), Some(WebinarInfoType::V9)));
    assert_eq!(created.registrants_confirmation_email, Some(true));

    let webinar = s
        .run(
            webinars.webinar(
                "99289110036",
                &WebinarParams { occurrence_id: Some(OCCURRENCE_ID.into()), show_previous_occurrences: Some(false) },
            ),
            "GET /v2/webinars/99289110036?occurrence_id=1648194360000&show_previous_occurrences=false",
            Sent::Nothing,
        )
        .await;
    assert_eq!(webinar.type_, Some(WebinarInfoType::V9));
    assert_eq!(webinar.recurrence.unwrap().weekly_days.as_deref(), Some("2,4"));
    let qa = webinar.settings.unwrap().question_and_answer.unwrap();
    assert_eq!(qa.answer_questions, Some(WebinarQuestionAndAnswerAnswerQuestions::All));

    let list = s
        .run(
            webinars.webinars("me", &WebinarsParams { page_size: Some(30), page_number: Some(1) }),
            "GET /v2/users/me/webinars?page_size=30&page_number=1",
            Sent::Nothing,
        )
        .await;
    assert_eq!(list.webinars.as_ref().unwrap()[0].id, Some(WEBINAR_ID));

    let update = WebinarUpdate {
        agenda: Some("Launch agenda".into()),
        settings: Some(WebinarUpdateSettings {
            on_demand: Some(true),
            practice_session: Some(true),
            follow_up_attendees_email_notification: Some(WebinarFollowUpAttendeesEmailNotification {
                enable: Some(true),
                type_: Some(WebinarFollowUpAttendeesEmailNotificationType::V2),
            }),
            ..Default::default()
        }),
        ..Default::default()
    };
    s.run(
        webinars.webinar_update(
            WEBINAR_ID,
            &update,
            &WebinarUpdateParams { occurrence_id: Some(OCCURRENCE_ID.into()) },
        ),
        "PATCH /v2/webinars/99289110036?occurrence_id=1648194360000",
        Sent::Json(json!({
            "agenda": "Launch agenda",
            "settings": {
                "on_demand": true,
                "practice_session": true,
                "follow_up_attendees_email_notification": { "enable": true, "type": 2 }
            }
        })),
    )
    .await;
    s.run(
        webinars.webinar_status(WEBINAR_ID, &WebinarStatusRequest { action: Some(WebinarStatusRequestAction::End) }),
        "PUT /v2/webinars/99289110036/status",
        Sent::Json(json!({ "action": "end" })),
    )
    .await;

    // Templates
    let templates =
        s.run(webinars.list_webinar_templates("me"), "GET /v2/users/me/webinar_templates", Sent::Nothing).await;
    assert_eq!(templates.templates.as_ref().unwrap()[0].name.as_deref(), Some("Launch webinar"));
    let template = WebinarTemplateCreateRequest {
        webinar_id: Some(WEBINAR_ID),
        name: Some("Launch webinar".into()),
        save_recurrence: Some(false),
        overwrite: Some(true),
    };
    let template = s
        .run(
            webinars.webinar_template_create("me", &template),
            "POST /v2/users/me/webinar_templates",
            Sent::Json(json!({ "webinar_id": 99289110036i64, "name": "Launch webinar", "save_recurrence": false, "overwrite": true })),
        )
        .await;
    assert_eq!(template.id.as_deref(), Some("WbxbhxCzKgSiWAw"));

    // Registrants
    let registrant = WebinarRegistrantCreateRequest {
        first_name: "Jill".into(),
        last_name: Some("Chill".into()),
        email: "jchill@example.com".into(),
        address: Some("1 Main St".into()),
        city: None,
        state: Some("CA".into()),
        zip: Some("95113".into()),
        country: Some("US".into()),
        phone: None,
        comments: None,
        custom_questions: Some(vec![CustomQuestion {
            title: Some("Which product do you use?".into()),
            value: Some("Meetings".into()),
        }]),
        industry: Some("Software".into()),
        job_title: None,
        no_of_employees: Some(RegistrantCreateNoOfEmployees::V2150),
        org: Some("Example Inc".into()),
        purchasing_time_frame: Some(RegistrantCreatePurchasingTimeFrame::V13Months),
        role_in_purchase_process: Some(RegistrantCreateRoleInPurchaseProcess::Influencer),
        language: Some(WebinarRegistrantCreateRequestLanguage::DeDe),
    };
    let added = s
        .run(
            webinars.webinar_registrant_create(
                WEBINAR_ID,
                &registrant,
                &WebinarRegistrantCreateParams { occurrence_ids: Some(OCCURRENCE_ID.into()) },
            ),
            "POST /v2/webinars/99289110036/registrants?occurrence_ids=1648194360000",
            Sent::Json(json!({
                "first_name": "Jill",
                "last_name": "Chill",
                "email": "jchill@example.com",
                "address": "1 Main St",
                "state": "CA",
                "zip": "95113",
                "country": "US",
                "custom_questions": [{ "title": "Which product do you use?", "value": "Meetings" }],
                "industry": "Software",
                "no_of_employees": "21-50",
                "org": "Example Inc",
                "purchasing_time_frame": "1-3 months",
                "role_in_purchase_process": "Influencer",
                "language": "de-DE"
            })),
        )
        .await;
    assert_eq!(added.registrant_id.as_deref(), Some(REGISTRANT_ID));

    let batch = s
        .run(
            webinars.add_batch_webinar_registrants(WEBINAR_ID, &batch_registrants()),
            "POST /v2/webinars/99289110036/batch_registrants",
            Sent::Json(batch_registrants_json()),
        )
        .await;
    assert_eq!(batch.registrants.as_ref().unwrap()[1].email.as_deref(), Some("ajchill@example.com"));

    let registrants = s
        .run(
            webinars.webinar_registrants(
                WEBINAR_ID,
                &WebinarRegistrantsParams {
                    status: Some(WebinarRegistrantsStatus::Approved),
                    tracking_source_id: Some("5516482804".into()),
                    page_size: Some(30),
                    ..Default::default()
                },
            ),
            "GET /v2/webinars/99289110036/registrants?status=approved&tracking_source_id=5516482804&page_size=30",
            Sent::Nothing,
        )
        .await;
    assert_eq!(registrants.next_page_token.as_deref(), Some("w7587w4eiyfsudgf"));

    let info = s
        .run(
            webinars.webinar_registrant_get(
                WEBINAR_ID,
                REGISTRANT_ID,
                &WebinarRegistrantGetParams { occurrence_id: Some(OCCURRENCE_ID.into()) },
            ),
            "GET /v2/webinars/99289110036/registrants/9tboDiHUQAeOnbmudzWa5g?occurrence_id=1648194360000",
            Sent::Nothing,
        )
        .await;
    assert_eq!(info.language, Some(WebinarRegistrantLanguage::EnUs));
    assert_eq!(info.status.as_deref(), Some("approved"));

    let status = WebinarRegistrantStatusRequest {
        registrants: Some(vec![WebinarRegistrantRef { id: Some(REGISTRANT_ID.into()), email: None }]),
        ..WebinarRegistrantStatusRequest::new(WebinarRegistrantStatusRequestAction::Deny)
    };
    s.run(
        webinars.webinar_registrant_status(
            WEBINAR_ID,
            &status,
            &WebinarRegistrantStatusParams { occurrence_id: Some(OCCURRENCE_ID.into()) },
        ),
        "PUT /v2/webinars/99289110036/registrants/status?occurrence_id=1648194360000",
        Sent::Json(json!({ "action": "deny", "registrants": [{ "id": "9tboDiHUQAeOnbmudzWa5g" }] })),
    )
    .await;

    let questions = s
        .run(
            webinars.webinar_registrants_questions_get(WEBINAR_ID),
            "GET /v2/webinars/99289110036/registrants/questions",
            Sent::Nothing,
        )
        .await;
    assert_eq!(
        questions.custom_questions.as_ref().unwrap()[0].type_,
        Some(WebinarRegistrationCustomQuestionType::SingleDropdown)
    );
    let questions = WebinarRegistrationQuestions {
        questions: Some(vec![
            RegistrationQuestion { field_name: Some(RegistrationQuestionFieldName::JobTitle), required: Some(true) },
            RegistrationQuestion { field_name: Some(RegistrationQuestionFieldName::Phone), required: Some(false) },
        ]),
        custom_questions: Some(vec![WebinarRegistrationCustomQuestion {
            title: Some("Topics of interest".into()),
            type_: Some(WebinarRegistrationCustomQuestionType::Multiple),
            required: Some(false),
            answers: Some(vec!["Video".into(), "Phone".into()]),
        }]),
    };
    s.run(
        webinars.webinar_registrant_question_update(WEBINAR_ID, &questions),
        "PATCH /v2/webinars/99289110036/registrants/questions",
        Sent::Json(json!({
            "questions": [{ "field_name": "job_title", "required": true }, { "field_name": "phone", "required": false }],
            "custom_questions": [{ "title": "Topics of interest", "type": "multiple", "required": false, "answers": ["Video", "Phone"] }]
        })),
    )
    .await;

    s.run(
        webinars.delete_webinar_registrant(
            WEBINAR_ID,
            REGISTRANT_ID,
            &DeleteWebinarRegistrantParams { occurrence_id: Some(OCCURRENCE_ID.into()) },
        ),
        "DELETE /v2/webinars/99289110036/registrants/9tboDiHUQAeOnbmudzWa5g?occurrence_id=1648194360000",
        Sent::Nothing,
    )
    .await;

    let absentees = s
        .run(
            webinars.webinar_absentees(
                WEBINAR_UUID,
                &WebinarAbsenteesParams {
                    page_size: Some(30),
                    next_page_token: Some("abc".into()),
                    ..Default::default()
                },
            ),
            "GET /v2/past_webinars/Bznyg8KZTdCVbQxvS%2FoZ7w%3D%3D/absentees?page_size=30&next_page_token=abc",
            Sent::Nothing,
        )
        .await;
    assert_eq!(absentees.registrants.as_ref().unwrap()[0].first_name, "Jill");

    let sources = s
        .run(webinars.get_tracking_sources(WEBINAR_ID), "GET /v2/webinars/99289110036/tracking_sources", Sent::Nothing)
        .await;
    assert_eq!(sources.tracking_sources.as_ref().unwrap()[0].registration_count, Some(12));

    // Panelists
    let panelists = PanelistsAddRequest {
        panelists: Some(vec![
            PanelistInput {
                name: Some("Al Chill".into()),
                email: Some("ajchill@example.com".into()),
                name_tag_id: Some(NAME_TAG_ID.into()),
                name_tag_pronouns: Some("he/him".into()),
                ..Default::default()
            },
            PanelistInput {
                name: Some("Jo Chill".into()),
                email: Some("jo@example.com".into()),
                virtual_background_id: Some(VB_ID.into()),
                ..Default::default()
            },
        ]),
    };
    let added = s
        .run(
            webinars.webinar_panelist_create(WEBINAR_ID, &panelists),
            "POST /v2/webinars/99289110036/panelists",
            Sent::Json(json!({
                "panelists": [
                    { "name": "Al Chill", "email": "ajchill@example.com", "name_tag_id": NAME_TAG_ID, "name_tag_pronouns": "he/him" },
                    { "name": "Jo Chill", "email": "jo@example.com", "virtual_background_id": VB_ID }
                ]
            })),
        )
        .await;
    assert_eq!(added.updated_at.as_deref(), Some("2025-02-20T10:00:00Z"));
    let listed =
        s.run(webinars.webinar_panelists(WEBINAR_ID), "GET /v2/webinars/99289110036/panelists", Sent::Nothing).await;
    assert_eq!(listed.panelists.as_ref().unwrap()[0].id.as_deref(), Some(PANELIST_ID));
    s.run(
        webinars.webinar_panelist_delete(WEBINAR_ID, PANELIST_ID),
        "DELETE /v2/webinars/99289110036/panelists/_ZWC8Z5rT-ixkBtwGZwkGw",
        Sent::Nothing,
    )
    .await;
    s.run(webinars.webinar_panelists_delete(WEBINAR_ID), "DELETE /v2/webinars/99289110036/panelists", Sent::Nothing)
        .await;

    // Polls
    let poll = s
        .run(
            webinars.webinar_poll_create(WEBINAR_ID, &new_poll()),
            "POST /v2/webinars/99289110036/polls",
            Sent::Json(new_poll_json()),
        )
        .await;
    assert_eq!(poll.id.as_deref(), Some(POLL_ID));
    let polls = s
        .run(
            webinars.webinar_polls(WEBINAR_ID, &WebinarPollsParams { anonymous: Some(true) }),
            "GET /v2/webinars/99289110036/polls?anonymous=true",
            Sent::Nothing,
        )
        .await;
    assert_eq!(polls.polls.as_ref().unwrap()[0].status, Some(PollInfoStatus::Notstart));
    let poll = s
        .run(
            webinars.webinar_poll_get(WEBINAR_ID, POLL_ID),
            "GET /v2/webinars/99289110036/polls/QalIoKWLTJehBJ8e1xRrbQ",
            Sent::Nothing,
        )
        .await;
    assert_eq!(poll.title.as_deref(), Some("Learn something new"));
    s.run(
        webinars.webinar_poll_update(WEBINAR_ID, POLL_ID, &rating_poll()),
        "PUT /v2/webinars/99289110036/polls/QalIoKWLTJehBJ8e1xRrbQ",
        Sent::Json(rating_poll_json()),
    )
    .await;
    s.run(
        webinars.webinar_poll_delete(WEBINAR_ID, POLL_ID),
        "DELETE /v2/webinars/99289110036/polls/QalIoKWLTJehBJ8e1xRrbQ",
        Sent::Nothing,
    )
    .await;

    // Survey
    let survey = WebinarSurvey {
        show_in_the_browser: Some(false),
        show_in_the_follow_up_email: Some(true),
        third_party_survey: Some("https://example.com/survey".into()),
        custom_survey: None,
    };
    s.run(
        webinars.webinar_survey_update(WEBINAR_ID, &survey),
        "PATCH /v2/webinars/99289110036/survey",
        Sent::Json(json!({
            "show_in_the_browser": false,
            "show_in_the_follow_up_email": true,
            "third_party_survey": "https://example.com/survey"
        })),
    )
    .await;
    let survey =
        s.run(webinars.webinar_survey_get(WEBINAR_ID), "GET /v2/webinars/99289110036/survey", Sent::Nothing).await;
    assert_eq!(survey.show_in_the_follow_up_email, Some(true));
    s.run(webinars.webinar_survey_delete(WEBINAR_ID), "DELETE /v2/webinars/99289110036/survey", Sent::Nothing).await;

    // Live streaming
    let stream = WebinarLiveStream {
        stream_url: "rtmp://live.example.com/app".into(),
        stream_key: "launch-key".into(),
        page_url: "https://example.com/livestream/launch".into(),
    };
    s.run(
        webinars.webinar_live_stream_update(WEBINAR_ID, &stream),
        "PATCH /v2/webinars/99289110036/livestream",
        Sent::Json(json!({
            "stream_url": "rtmp://live.example.com/app",
            "stream_key": "launch-key",
            "page_url": "https://example.com/livestream/launch"
        })),
    )
    .await;
    let details = s
        .run(
            webinars.get_webinar_live_stream_details(WEBINAR_ID),
            "GET /v2/webinars/99289110036/livestream",
            Sent::Nothing,
        )
        .await;
    assert_eq!(details.page_url.as_deref(), Some("https://example.com/livestream/123"));
    s.run(
        webinars.webinar_live_stream_status_update(
            WEBINAR_ID,
            &WebinarLiveStreamStatus { action: Some(WebinarLiveStreamStatusAction::Stop), settings: None },
        ),
        "PATCH /v2/webinars/99289110036/livestream/status",
        Sent::Json(json!({ "action": "stop" })),
    )
    .await;

    // Token and invite links
    let token = s
        .run(
            webinars
                .webinar_token(WEBINAR_ID, &WebinarTokenParams { type_: Some(WebinarTokenType::ClosedCaptionToken) }),
            "GET /v2/webinars/99289110036/token?type=closed_caption_token",
            Sent::Nothing,
        )
        .await;
    assert!(token.token.is_some());
    let links = s
        .run(
            webinars.webinar_invite_links_create(WEBINAR_ID, &invite_link()),
            "POST /v2/webinars/99289110036/invite_links",
            Sent::Json(json!({ "attendees": [{ "name": "Jill Chill" }], "ttl": 7200 })),
        )
        .await;
    assert!(links.attendees.unwrap()[0].join_url.is_some());

    // Branding
    let branding =
        s.run(webinars.get_webinar_branding(WEBINAR_ID), "GET /v2/webinars/99289110036/branding", Sent::Nothing).await;
    assert_eq!(branding.name_tags.as_ref().unwrap()[0].id.as_deref(), Some(NAME_TAG_ID));
    assert_eq!(branding.virtual_backgrounds.as_ref().unwrap()[0].is_default, Some(true));

    let wallpaper = UploadWebinarBrandingWallpaperForm::new(png("wallpaper.png"));
    let uploaded = s
        .run(
            webinars.upload_webinar_branding_wallpaper(WEBINAR_ID, &wallpaper),
            "POST /v2/webinars/99289110036/branding/wallpaper",
            Sent::Form { file_name: "wallpaper.png", bytes: PNG, fields: &[] },
        )
        .await;
    assert_eq!((uploaded.id.as_deref(), uploaded.type_), (Some("wp1"), Some(WebinarWallpaperType::Image)));
    s.run(
        webinars.delete_webinar_branding_wallpaper(WEBINAR_ID),
        "DELETE /v2/webinars/99289110036/branding/wallpaper",
        Sent::Nothing,
    )
    .await;

    let background = UploadWebinarBrandingVbForm {
        default: Some(true),
        set_default_for_all_panelists: Some(false),
        ..UploadWebinarBrandingVbForm::new(png("launch.png"))
    };
    let uploaded = s
        .run(
            webinars.upload_webinar_branding_vb(WEBINAR_ID, &background),
            "POST /v2/webinars/99289110036/branding/virtual_backgrounds",
            Sent::Form {
                file_name: "launch.png",
                bytes: PNG,
                fields: &[("default", "true"), ("set_default_for_all_panelists", "false")],
            },
        )
        .await;
    assert_eq!((uploaded.id.as_deref(), uploaded.size), (Some(VB_ID), Some(7)));
    s.run(
        webinars.set_webinar_branding_vb(
            WEBINAR_ID,
            &SetWebinarBrandingVbParams { id: Some(VB_ID.into()), set_default_for_all_panelists: Some(true) },
        ),
        "PATCH /v2/webinars/99289110036/branding/virtual_backgrounds?id=_l0MP1U7Qn2JgJ4oEJbVZQ&set_default_for_all_panelists=true",
        Sent::Nothing,
    )
    .await;
    s.run(
        webinars.delete_webinar_branding_vb(
            WEBINAR_ID,
            &DeleteWebinarBrandingVbParams { ids: Some(format!("{VB_ID},vb2")) },
        ),
        "DELETE /v2/webinars/99289110036/branding/virtual_backgrounds?ids=_l0MP1U7Qn2JgJ4oEJbVZQ%2Cvb2",
        Sent::Nothing,
    )
    .await;

    let name_tag = WebinarNameTagCreate {
        name: "Speaker".into(),
        text_color: "0E72ED".into(),
        accent_color: "0E72ED".into(),
        background_color: "FFFFFF".into(),
        is_default: Some(true),
        set_default_for_all_panelists: None,
    };
    let tag = s
        .run(
            webinars.create_webinar_branding_name_tag(WEBINAR_ID, &name_tag),
            "POST /v2/webinars/99289110036/branding/name_tags",
            Sent::Json(json!({
                "name": "Speaker",
                "text_color": "0E72ED",
                "accent_color": "0E72ED",
                "background_color": "FFFFFF",
                "is_default": true
            })),
        )
        .await;
    assert_eq!(tag.id.as_deref(), Some(NAME_TAG_ID));
    let change = WebinarNameTagUpdate {
        name: Some("Host".into()),
        background_color: Some("000000".into()),
        set_default_for_all_panelists: Some(true),
        ..Default::default()
    };
    s.run(
        webinars.update_webinar_branding_name_tag(WEBINAR_ID, NAME_TAG_ID, &change),
        "PATCH /v2/webinars/99289110036/branding/name_tags/7R9pXG9wSuO1J7MKmuF3Vg",
        Sent::Json(json!({ "name": "Host", "background_color": "000000", "set_default_for_all_panelists": true })),
    )
    .await;
    s.run(
        webinars.delete_webinar_branding_name_tag(
            WEBINAR_ID,
            &DeleteWebinarBrandingNameTagParams { name_tag_ids: Some(NAME_TAG_ID.into()) },
        ),
        "DELETE /v2/webinars/99289110036/branding/name_tags?name_tag_ids=7R9pXG9wSuO1J7MKmuF3Vg",
        Sent::Nothing,
    )
    .await;

    // Past instances, then the webinar is deleted.
    let past =
        s.run(webinars.past_webinars(WEBINAR_ID), "GET /v2/past_webinars/99289110036/instances", Sent::Nothing).await;
    assert_eq!(past.webinars.as_ref().map(Vec::len), Some(1));
    s.run(
        webinars.webinar_delete(
            WEBINAR_ID,
            &WebinarDeleteParams { occurrence_id: None, cancel_webinar_reminder: Some(true) },
        ),
        "DELETE /v2/webinars/99289110036?cancel_webinar_reminder=true",
        Sent::Nothing,
    )
    .await;

    s.verify(&server.requests());
    let called = s.operations();
    assert_eq!(called.len(), 45, "{called:?}");
    assert_eq!(called, spec_operations(WEBINARS_SPEC), "every operation of webinars.yaml, and only those");
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
