//! The Meetings and Webinars operations Zoom's 2024 Meeting API adds to the 2022 set: one row each
//! (appended to the `meetings` and `webinars` tables), their canned answers shaped like Zoom's
//! documented examples, a round trip of the new main resources, and their limits refused before sending.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

use super::*;

/// A past meeting instance's UUID, as Zoom's examples give it (it contains `+` and `=`).
const MEETING_UUID: &str = "aDYlohsHRtCd4ii1uC2+hA==";
const MESSAGE_ID: &str = "MS17MDQ5NjE4QjYtRjk4Ny00REEwLUFBQUItMTg3QTY0RjU2MzhFfQ==";

pub(super) fn meeting_rows() -> Vec<Row> {
    let mut rows = past_meetings();
    rows.extend(live_meetings_and_tokens());
    rows.extend(summaries_and_upcoming());
    rows
}

fn past_meetings() -> Vec<Row> {
    vec![
        row(
            |c| c.meetings().past_meeting_details(MEETING_UUID),
            "GET /v2/past_meetings/aDYlohsHRtCd4ii1uC2%2BhA%3D%3D",
            Sent::Nothing,
            |past| {
                assert_eq!(past.id, Some(5638296721));
                assert_eq!(past.type_, Some(PastMeetingType::Instant));
                assert_eq!(past.participants_count, Some(2));
                assert_eq!(past.source.as_deref(), Some("Zoom"));
            },
        ),
        row(
            |c| {
                let params = PastMeetingParticipantsParams {
                    page_size: Some(30),
                    next_page_token: Some("IAfJX3jsOLW7w3dokmFl84zOa0MAVGyMEB2".into()),
                };
                c.meetings().past_meeting_participants("85746065432", &params)
            },
            "GET /v2/past_meetings/85746065432/participants?page_size=30&next_page_token=IAfJX3jsOLW7w3dokmFl84zOa0MAVGyMEB2",
            Sent::Nothing,
            |page| {
                let participant = &page.participants.as_ref().unwrap()[0];
                assert_eq!(participant.status, Some(ParticipantStatus::InMeeting));
                assert_eq!(participant.duration, Some(259));
                assert_eq!(page.next_page_token.as_deref(), Some(""), "the last page has an empty token");
            },
        ),
        row(
            |c| c.meetings().list_past_meeting_polls(MEETING_UUID),
            "GET /v2/past_meetings/aDYlohsHRtCd4ii1uC2%2BhA%3D%3D/polls",
            Sent::Nothing,
            |polls| {
                let answer = &polls.questions.as_ref().unwrap()[0].question_details.as_ref().unwrap()[0];
                assert_eq!(answer.polling_id.as_deref(), Some("QalIoKWLTJehBJ8e1xRrbQ"));
                assert_eq!(answer.answer.as_deref(), Some("Good"));
            },
        ),
        row(
            |c| c.meetings().list_past_meeting_qa("85746065432"),
            "GET /v2/past_meetings/85746065432/qa",
            Sent::Nothing,
            |qa| {
                let question = &qa.questions.as_ref().unwrap()[0].question_details.as_ref().unwrap()[0];
                assert_eq!(question.question.as_deref(), Some("How are you?"));
                assert_eq!(qa.id, Some(95204914252));
            },
        ),
    ]
}

fn live_meetings_and_tokens() -> Vec<Row> {
    vec![
        row(
            |c| {
                let params = DeleteMeetingChatMessageByIdParams { file_ids: Some(vec!["RmlsZTE=".into(), "RmlsZTI=".into()]) };
                c.meetings().delete_meeting_chat_message_by_id(MEETING_ID, MESSAGE_ID, &params)
            },
            "DELETE /v2/live_meetings/85746065432/chat/messages/MS17MDQ5NjE4QjYtRjk4Ny00REEwLUFBQUItMTg3QTY0RjU2MzhFfQ%3D%3D?file_ids=RmlsZTE%3D,RmlsZTI%3D",
            Sent::Nothing,
            no_body,
        ),
        row(
            |c| {
                let update = LiveChatMessageUpdate { message_content: "This is a test message".into() };
                c.meetings().update_meeting_chat_message_by_id(MEETING_ID, MESSAGE_ID, &update)
            },
            "PATCH /v2/live_meetings/85746065432/chat/messages/MS17MDQ5NjE4QjYtRjk4Ny00REEwLUFBQUItMTg3QTY0RjU2MzhFfQ%3D%3D",
            Sent::Json(json!({ "message_content": "This is a test message" })),
            no_body,
        ),
        row(
            |c| c.meetings().meeting_app_add(MEETING_ID),
            "POST /v2/meetings/85746065432/open_apps",
            Sent::Nothing,
            |app| {
                assert_eq!(app.app_id.as_deref(), Some("fdgsfh2ey82fuh"));
                assert_eq!(app.id, Some(92674392836));
            },
        ),
        row(|c| c.meetings().meeting_app_delete(MEETING_ID), "DELETE /v2/meetings/85746065432/open_apps", Sent::Nothing, no_body),
        row(
            |c| c.meetings().meeting_live_streaming_join_token(MEETING_ID),
            "GET /v2/meetings/85746065432/jointoken/live_streaming",
            Sent::Nothing,
            |token| assert_eq!((token.token.as_deref(), token.expire_in), (Some("2njt50mj"), Some(120))),
        ),
        row(
            |c| c.meetings().meeting_local_archiving_archive_token(MEETING_ID),
            "GET /v2/meetings/85746065432/jointoken/local_archiving",
            Sent::Nothing,
            |token| assert_eq!(token.expire_in, Some(120)),
        ),
        row(
            |c| {
                let params = MeetingLocalRecordingJoinTokenParams { bypass_waiting_room: Some(true) };
                c.meetings().meeting_local_recording_join_token(MEETING_ID, &params)
            },
            "GET /v2/meetings/85746065432/jointoken/local_recording?bypass_waiting_room=true",
            Sent::Nothing,
            |token| assert_eq!(token.token.as_deref(), Some("2njt50mj")),
        ),
        row(
            |c| c.meetings().get_sip_dialing_with_passcode(MEETING_ID, &SipDialingRequest { passcode: Some("xxxx".into()) }),
            "POST /v2/meetings/85746065432/sip_dialing",
            Sent::Json(json!({ "passcode": "xxxx" })),
            |sip| {
                assert_eq!(sip.participant_identifier_code.as_deref(), Some("30qonrvgy"));
                assert_eq!(sip.paid_crc_plan_participant, Some(true));
                assert_eq!(sip.expire_in, Some(7200));
            },
        ),
    ]
}

fn summaries_and_upcoming() -> Vec<Row> {
    vec![
        row(
            |c| {
                let params = ListMeetingSummariesParams {
                    page_size: Some(30),
                    from: Some("2023-10-19T07:00:00Z".into()),
                    to: Some("2023-10-20T07:00:00Z".into()),
                    ..Default::default()
                };
                c.meetings().list_meeting_summaries(&params)
            },
            "GET /v2/meetings/meeting_summaries?page_size=30&from=2023-10-19T07%3A00%3A00Z&to=2023-10-20T07%3A00%3A00Z",
            Sent::Nothing,
            |list| {
                let summary = &list.summaries.as_ref().unwrap()[0];
                assert_eq!(summary.meeting_uuid.as_deref(), Some(MEETING_UUID));
                assert_eq!(summary.summary_details, None, "a listed summary has no content");
            },
        ),
        row(
            |c| c.meetings().get_meeting_summary(MEETING_UUID),
            "GET /v2/meetings/aDYlohsHRtCd4ii1uC2%2BhA%3D%3D/meeting_summary",
            Sent::Nothing,
            |summary| {
                assert_eq!(summary.summary_title.as_deref(), Some("Meeting summary for my meeting"));
                assert_eq!(summary.summary_details.as_ref().unwrap()[0].label.as_deref(), Some("Meeting overview"));
                assert_eq!(summary.edited_summary.unwrap().next_steps, Some(vec!["step1".to_owned()]));
            },
        ),
        row(
            |c| c.meetings().list_upcoming_meeting("me"),
            "GET /v2/users/me/upcoming_meetings",
            Sent::Nothing,
            |upcoming| {
                let meeting = &upcoming.meetings.as_ref().unwrap()[0];
                assert_eq!(meeting.type_, Some(MeetingType::Scheduled));
                assert_eq!(meeting.id, Some(97763643886));
                assert_eq!(upcoming.total_records, Some(1));
            },
        ),
    ]
}

pub(super) fn webinar_rows() -> Vec<Row> {
    vec![
        row(
            |c| c.webinars().delete_webinar_chat_message_by_id(WEBINAR_ID, MESSAGE_ID, &Default::default()),
            "DELETE /v2/live_webinars/99289110036/chat/messages/MS17MDQ5NjE4QjYtRjk4Ny00REEwLUFBQUItMTg3QTY0RjU2MzhFfQ%3D%3D",
            Sent::Nothing,
            no_body,
        ),
        row(
            |c| {
                let params = ListWebinarParticipantsParams { page_size: Some(300), next_page_token: None };
                c.webinars().list_webinar_participants(WEBINAR_UUID, &params)
            },
            "GET /v2/past_webinars/Bznyg8KZTdCVbQxvS%2FoZ7w%3D%3D/participants?page_size=300",
            Sent::Nothing,
            |page| {
                let participant = &page.participants.as_ref().unwrap()[0];
                assert_eq!(participant.user_email.as_deref(), Some("jchill@example.com"));
                assert_eq!(page.total_records, Some(1));
            },
        ),
        row(
            |c| c.webinars().list_past_webinar_poll_results(WEBINAR_UUID),
            "GET /v2/past_webinars/Bznyg8KZTdCVbQxvS%2FoZ7w%3D%3D/polls",
            Sent::Nothing,
            |polls| assert_eq!(polls.questions.as_ref().unwrap()[0].name.as_deref(), Some("Jill Chill")),
        ),
        row(
            |c| c.webinars().list_past_webinar_qa("99289110036"),
            "GET /v2/past_webinars/99289110036/qa",
            Sent::Nothing,
            |qa| assert_eq!(qa.uuid.as_deref(), Some("Bznyg8KZTdCVbQxvS/oZ7w==")),
        ),
        row(
            |c| c.webinars().webinar_live_streaming_join_token(WEBINAR_ID),
            "GET /v2/webinars/99289110036/jointoken/live_streaming",
            Sent::Nothing,
            |token| assert_eq!(token.expire_in, Some(120)),
        ),
        row(
            |c| c.webinars().webinar_local_archiving_archive_token(WEBINAR_ID),
            "GET /v2/webinars/99289110036/jointoken/local_archiving",
            Sent::Nothing,
            |token| assert_eq!(token.token.as_deref(), Some("2njt50mj")),
        ),
        row(
            |c| c.webinars().webinar_local_recording_join_token(WEBINAR_ID),
            "GET /v2/webinars/99289110036/jointoken/local_recording",
            Sent::Nothing,
            |token| assert_eq!(token.token.as_deref(), Some("2njt50mj")),
        ),
        row(
            |c| c.webinars().get_webinar_sip_dialing_with_passcode(WEBINAR_ID, &SipDialingRequest::default()),
            "POST /v2/webinars/99289110036/sip_dialing",
            Sent::Json(json!({})),
            |sip| assert_eq!(sip.sip_dialing.as_deref(), Some("9678722567.xxxx....30qonrvgy@zoomcrc.com")),
        ),
    ]
}

/// Zoom's documented answers for the 2024 operations, then the older operations' canned answers.
pub(super) fn answer(request: &Recorded) -> Reply {
    let path = request.path.strip_prefix("/v2/").unwrap_or(&request.path);
    let route: Vec<&str> = path.split('/').collect();
    let documented = match (request.method.as_str(), route.as_slice()) {
        ("GET", ["past_meetings", _]) => Some(past_meeting()),
        ("GET", ["past_meetings" | "past_webinars", _, "participants"]) => Some(participants()),
        ("GET", ["past_meetings" | "past_webinars", _, "polls"]) => Some(poll_results()),
        ("GET", ["past_meetings" | "past_webinars", _, "qa"]) => Some(questions_and_answers()),
        ("GET", ["meetings", "meeting_summaries"]) => Some(summary_list()),
        ("GET", ["meetings", _, "meeting_summary"]) => Some(meeting_summary()),
        ("GET", ["meetings" | "webinars", _, "jointoken", _]) => Some(json!({ "expire_in": 120, "token": "2njt50mj" })),
        ("GET", ["users", _, "upcoming_meetings"]) => Some(upcoming_meetings()),
        ("POST", ["meetings", _, "open_apps"]) => {
            return Reply::json(
                201,
                json!({ "id": 92674392836_i64, "start_time": "2022-03-25T07:29:29Z", "app_id": "fdgsfh2ey82fuh" }),
            )
        }
        // Zoom documents 200 for a meeting's SIP URI and 201 for a webinar's.
        ("POST", ["meetings", _, "sip_dialing"]) => Some(sip_dialing()),
        ("POST", ["webinars", _, "sip_dialing"]) => return Reply::json(201, sip_dialing()),
        _ => None,
    };
    match documented {
        Some(body) => Reply::json(200, body),
        None => zoom_api(request),
    }
}

fn past_meeting() -> Value {
    json!({
        "id": 5638296721_i64, "uuid": "4444AAAiAAAAAiAiAiiAii==", "duration": 60, "start_time": "2021-07-13T21:44:51Z",
        "end_time": "2021-07-13T23:00:51Z", "host_id": "x1yCzABCDEfg23HiJKl4mN", "dept": "Developers", "participants_count": 2,
        "source": "Zoom", "topic": "My Meeting", "total_minutes": 55, "type": 1, "user_email": "jchill@example.com",
        "user_name": "Jill Chill"
    })
}

fn participants() -> Value {
    json!({
        "next_page_token": "", "page_count": 1, "page_size": 30, "total_records": 1,
        "participants": [{
            "id": "30R7kT7bTIKSNUFEuH_Qlg", "name": "Jill Chill", "user_id": "27423744", "registrant_id": "_f08HhPJS82MIVLuuFaJPg",
            "user_email": "jchill@example.com", "join_time": "2022-03-23T06:58:09Z", "leave_time": "2022-03-23T07:02:28Z",
            "duration": 259, "failover": false, "status": "in_meeting"
        }]
    })
}

fn poll_results() -> Value {
    json!({
        "id": 93398114182_i64, "uuid": "Vg8IdgluR5WDeWIkpJlElQ==", "start_time": "2022-03-26T05:37:59Z",
        "questions": [{ "email": "jchill@example.com", "name": "Jill Chill",
                        "question_details": [{ "answer": "Good", "date_time": "2022-03-26T05:37:59Z",
                                               "polling_id": "QalIoKWLTJehBJ8e1xRrbQ", "question": "How are you?" }] }]
    })
}

fn questions_and_answers() -> Value {
    json!({
        "id": 95204914252_i64, "uuid": "Bznyg8KZTdCVbQxvS/oZ7w==", "start_time": "2022-03-26T06:44:14Z",
        "questions": [{ "email": "jchill@example.com", "name": "Jill Chill",
                        "question_details": [{ "answer": "Good", "question": "How are you?" }] }]
    })
}

/// The first eleven fields of a summary: what the list gives for each.
fn summary_head() -> Value {
    json!({
        "meeting_host_id": "30R7kT7bTIKSNUFEuH_Qlg", "meeting_host_email": "jchill@example.com", "meeting_uuid": MEETING_UUID,
        "meeting_id": 97763643886_i64, "meeting_topic": "My Meeting", "meeting_start_time": "2019-07-15T23:24:52Z",
        "meeting_end_time": "2020-07-15T23:30:19Z", "summary_start_time": "2019-07-15T23:24:52Z",
        "summary_end_time": "2020-07-15T23:30:19Z", "summary_created_time": "2019-07-15T23:24:52Z",
        "summary_last_modified_time": "2020-07-15T23:30:19Z"
    })
}

fn meeting_summary() -> Value {
    let mut summary = summary_head();
    let content = json!({
        "summary_title": "Meeting summary for my meeting", "summary_overview": "Meeting overview",
        "summary_details": [{ "label": "Meeting overview", "summary": "Meeting overview" }], "next_steps": ["step1"],
        "edited_summary": { "summary_details": "Meeting overview", "next_steps": ["step1"] }
    });
    summary.as_object_mut().unwrap().extend(content.as_object().unwrap().clone());
    summary
}

fn summary_list() -> Value {
    json!({
        "page_size": 30, "next_page_token": "", "from": "2023-10-19T07:00:00Z", "to": "2023-10-20T07:00:00Z",
        "summaries": [summary_head()]
    })
}

fn upcoming_meetings() -> Value {
    json!({
        "total_records": 1,
        "meetings": [{ "id": 97763643886_i64, "topic": "My Meeting", "type": 2, "start_time": "2022-03-23T06:00:00Z",
                       "duration": 60, "timezone": "America/Los_Angeles", "created_at": "2022-03-23T05:31:16Z",
                       "join_url": "https://example.com/j/11111" }]
    })
}

fn sip_dialing() -> Value {
    json!({
        "sip_dialing": "9678722567.xxxx....30qonrvgy@zoomcrc.com", "paid_crc_plan_participant": true,
        "participant_identifier_code": "30qonrvgy", "expire_in": 7200
    })
}

/// Zoom's examples of the new resources decode and encode back to the same JSON.
#[test]
fn documented_2024_examples_round_trip() {
    fn round_trip<T: DeserializeOwned + Serialize>(name: &str, example: Value) -> Option<String> {
        let decoded: T = match serde_json::from_value(example.clone()) {
            Ok(decoded) => decoded,
            Err(err) => return Some(format!("{name}: {err}")),
        };
        let encoded = serde_json::to_value(&decoded).expect("encodes");
        (encoded != example).then(|| format!("{name}: {encoded} != {example}"))
    }
    let failures: Vec<String> = [
        round_trip::<PastMeeting>("past meeting details", past_meeting()),
        round_trip::<MeetingSummary>("meeting summary", meeting_summary()),
        round_trip::<MeetingSummaryList>("meeting summaries", summary_list()),
        round_trip::<UpcomingMeetingList>("upcoming meetings", upcoming_meetings()),
        round_trip::<SipDialing>("SIP URI", sip_dialing()),
        round_trip::<ParticipantReport>("past participants", participants()),
        round_trip::<PollReport>("past poll results", poll_results()),
        round_trip::<QaReport>("past Q&A", questions_and_answers()),
    ]
    .into_iter()
    .flatten()
    .collect();
    assert!(failures.is_empty(), "{failures:#?}");
}

/// Documented limits of the 2024 operations are refused before anything is sent.
#[tokio::test]
async fn limits_of_the_2024_operations_are_refused_before_sending() {
    let server = MockServer::start(answer).await;
    let client = client(&server);
    let over_page = PastMeetingParticipantsParams { page_size: Some(301), next_page_token: None };
    let summaries = |from: &str| ListMeetingSummariesParams { from: Some(from.into()), ..Default::default() };
    let cases: Vec<(&str, Result<(), clientgen_runtime::Error<ZoomError>>)> = vec![
        (
            "past participants: page_size over 300",
            client.meetings().past_meeting_participants("85746065432", &over_page).await.map(drop),
        ),
        (
            "past webinar participants: page_size over 300",
            client
                .webinars()
                .list_webinar_participants(
                    "99289110036",
                    &ListWebinarParticipantsParams { page_size: Some(301), ..Default::default() },
                )
                .await
                .map(drop),
        ),
        (
            "summaries: from is a date, not a date-time",
            client.meetings().list_meeting_summaries(&summaries("2023-10-19")).await.map(drop),
        ),
        (
            "summaries: from is not in UTC's date-time form",
            client.meetings().list_meeting_summaries(&summaries("10/19/2023 07:00")).await.map(drop),
        ),
    ];
    assert_all_invalid(cases);
    // A UUID that would change the path is refused too (an invalid request, not a broken rule).
    let err = client.meetings().get_meeting_summary("..").await.unwrap_err();
    assert!(matches!(err, clientgen_runtime::Error::InvalidRequest { .. }), "{err:?}");
    assert!(server.requests().is_empty(), "refused requests are never sent");
}

/// The settings Zoom added in 2024 travel in a meeting update, except the chat channel's ID, which
/// Zoom sets (read-only: a value read from a meeting can be sent back).
#[tokio::test]
async fn the_2024_meeting_settings_go_on_the_wire_without_the_read_only_channel() {
    let server = MockServer::start(answer).await;
    let client = client(&server);
    let settings = MeetingSettings {
        auto_start_meeting_summary: Some(true),
        continuous_meeting_chat: Some(ContinuousMeetingChat {
            enable: Some(true),
            auto_add_invited_external_users: Some(false),
            channel_id: Some("cabc1234567defghijkl01234".into()),
        }),
        resources: Some(vec![MeetingResource {
            resource_type: Some(MeetingResourceType::Whiteboard),
            resource_id: Some("X4Hy02w3QUOdskKofgb9Jg".into()),
            permission_level: Some(WhiteboardPermission::Commenter),
        }]),
        sign_language_interpretation: Some(SignLanguageInterpretation {
            enable: Some(true),
            interpreters: Some(vec![interpreter()]),
        }),
        ..Default::default()
    };
    let update = MeetingUpdateRequest { settings: Some(settings), ..Default::default() };
    client.meetings().meeting_update(MEETING_ID, &update, &Default::default()).await.unwrap();
    let sent = server.requests()[0].json();
    assert_eq!(
        sent,
        json!({ "settings": {
            "auto_start_meeting_summary": true,
            "continuous_meeting_chat": { "enable": true, "auto_add_invited_external_users": false },
            "resources": [{ "resource_type": "whiteboard", "resource_id": "X4Hy02w3QUOdskKofgb9Jg", "permission_level": "commenter" }],
            "sign_language_interpretation": { "enable": true, "interpreters": [{ "email": "interpreter@example.com", "sign_language": "American" }] }
        }})
    );
}

fn interpreter() -> SignLanguageInterpreter {
    SignLanguageInterpreter { email: Some("interpreter@example.com".into()), sign_language: Some("American".into()) }
}

/// The limits Zoom documents on the 2024 fields of older operations are refused before sending.
#[tokio::test]
async fn limits_of_the_2024_fields_are_refused_before_sending() {
    let server = MockServer::start(answer).await;
    let client = client(&server);
    let update = |settings: MeetingSettings| MeetingUpdateRequest { settings: Some(settings), ..Default::default() };
    let too_many_interpreters = MeetingSettings {
        sign_language_interpretation: Some(SignLanguageInterpretation {
            enable: Some(true),
            interpreters: Some(vec![interpreter(); 21]),
        }),
        ..Default::default()
    };
    let long_audio_info = MeetingSettings { audio_conference_info: Some("x".repeat(2049)), ..Default::default() };
    let callout = |sip_headers: SipHeaders| InMeetingControlRequest {
        method: Some("participant.invite.room_system_callout".into()),
        params: Some(InMeetingControlParams { sip_headers: Some(sip_headers), ..Default::default() }),
    };
    let not_sip = SipHeaders { from_uri: Some("tel:+15550100".into()), ..Default::default() };
    let eleven_headers = SipHeaders {
        additional_headers: Some(vec![SipCustomHeader { key: Some("X-A".into()), value: Some("1".into()) }; 11]),
        ..Default::default()
    };
    let meetings = client.meetings();
    let no_occurrence = MeetingUpdateParams::default();
    let cases: Vec<(&str, Result<(), clientgen_runtime::Error<ZoomError>>)> = vec![
        ("21 interpreters", meetings.meeting_update(MEETING_ID, &update(too_many_interpreters), &no_occurrence).await),
        (
            "audio_conference_info over 2048",
            meetings.meeting_update(MEETING_ID, &update(long_audio_info), &no_occurrence).await,
        ),
        ("a SIP from_uri without sip:", meetings.in_meeting_control(MEETING_ID, &callout(not_sip)).await),
        ("11 custom SIP headers", meetings.in_meeting_control(MEETING_ID, &callout(eleven_headers)).await),
        (
            "a meeting list from that is not a date",
            meetings
                .meetings("me", &MeetingsParams { from: Some("01/01/2023".into()), ..Default::default() })
                .await
                .map(drop),
        ),
    ];
    assert_all_invalid(cases);
    assert!(server.requests().is_empty(), "refused requests are never sent");
}

/// In-meeting controls carry Zoom's master scope, so a sub-account client sends them under the
/// sub-account's path; the 2024 operations, which have none, are refused before sending.
#[tokio::test]
async fn a_sub_account_reaches_in_meeting_controls_and_not_the_2024_operations() {
    let server = MockServer::start(answer).await;
    let sub = client(&server).sub_account("q6gBJVO5TzexKYTb_I2rpg");
    let control = InMeetingControlRequest { method: Some("recording.start".into()), params: None };
    sub.meetings().in_meeting_control(MEETING_ID, &control).await.unwrap();
    let refused = sub.meetings().past_meeting_details(MEETING_UUID).await.unwrap_err();
    assert!(matches!(refused, clientgen_runtime::Error::InvalidRequest { .. }), "{refused:?}");
    let lines: Vec<String> = server.requests().iter().map(Recorded::line).collect();
    assert_eq!(lines, ["PATCH /v2/accounts/q6gBJVO5TzexKYTb_I2rpg/live_meetings/85746065432/events"]);
}
