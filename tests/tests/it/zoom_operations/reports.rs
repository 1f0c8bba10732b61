//! One row per operation of `specs/zoom/reports.yaml`, its own canned answers shaped like Zoom's
//! examples, a round trip of one report of each shape, and the documented limits refused before sending.

use serde_json::{json, Value};

use super::*;

const REPORTS_SPEC: &str = include_str!("../../../../specs/zoom/reports.yaml");
const MEETING_UUID: &str = "aDYlohsHRtCd4ii1uC2+hA==";

#[tokio::test]
async fn every_reports_operation_sends_the_documented_request_and_decodes_the_response() {
    run_table(rows(), REPORTS_SPEC, 20, answer).await;
}

pub(super) fn rows() -> Vec<Row> {
    vec![
        row(
            |c| c.reports().report_daily(&ReportDailyParams { year: Some(2022), month: Some(3), group_id: None }),
            "GET /v2/report/daily?year=2022&month=3",
            Sent::Nothing,
            |report| {
                assert_eq!(report.year, Some(2022));
                assert_eq!(report.dates.unwrap()[0].new_users, Some(3));
            },
        ),
        row(
            |c| {
                let params = ReportUsersParams { type_: Some(ReportUsersType::Inactive), page_size: Some(30), ..Default::default() };
                c.reports().report_users("2099-01-01", "2099-01-28", &params)
            },
            "GET /v2/report/users?from=2099-01-01&to=2099-01-28&type=inactive&page_size=30",
            Sent::Nothing,
            |report| {
                let host = &report.users.unwrap()[0];
                assert_eq!((host.email.as_deref(), host.meeting_minutes), (Some("jchill@example.com"), Some(34)));
            },
        ),
        row(
            |c| {
                let params = ReportMeetingsParams { type_: Some(ReportMeetingsType::PastJoined), ..Default::default() };
                c.reports().report_meetings("jchill@example.com", "2099-01-01", "2099-01-28", &params)
            },
            "GET /v2/report/users/jchill%40example.com/meetings?from=2099-01-01&to=2099-01-28&type=pastJoined",
            Sent::Nothing,
            |report| {
                let meeting = &report.meetings.unwrap()[0];
                assert_eq!(meeting.type_, Some(MeetingOrWebinarType::RecurringFixedTime));
                assert_eq!(meeting.meeting_encryption_status, Some(UserMeetingReportItemMeetingEncryptionStatus::Enhanced));
            },
        ),
        row(
            |c| c.reports().report_meeting_details("85746065432"),
            "GET /v2/report/meetings/85746065432",
            Sent::Nothing,
            |details| {
                assert_eq!(details.type_, Some(MeetingOrWebinarType::Scheduled));
                assert_eq!(details.participants_count, Some(4));
            },
        ),
        row(
            |c| {
                let params = ReportMeetingParticipantsParams {
                    include_fields: Some(ParticipantIncludeField::RegistrantId),
                    next_page_token: Some("Tva2CuIdTgsv8wAnhyAdU3m06Y2HuLQtlh3".into()),
                    ..Default::default()
                };
                c.reports().report_meeting_participants(MEETING_UUID, &params)
            },
            "GET /v2/report/meetings/aDYlohsHRtCd4ii1uC2%2BhA%3D%3D/participants?next_page_token=Tva2CuIdTgsv8wAnhyAdU3m06Y2HuLQtlh3&include_fields=registrant_id",
            Sent::Nothing,
            |report| {
                let participant = &report.participants.unwrap()[0];
                assert_eq!(participant.status, Some(ParticipantStatus::InMeeting));
                assert_eq!(participant.duration, Some(259));
            },
        ),
        row(
            |c| c.reports().report_meeting_polls("85746065432"),
            "GET /v2/report/meetings/85746065432/polls",
            Sent::Nothing,
            |report| assert_eq!(report.questions.unwrap()[0].question_details.as_ref().unwrap()[0].answer.as_deref(), Some("Yes")),
        ),
        row(
            |c| c.reports().report_meeting_qa("85746065432"),
            "GET /v2/report/meetings/85746065432/qa",
            Sent::Nothing,
            |report| {
                let question = &report.questions.unwrap()[0].question_details.clone().unwrap()[0];
                assert_eq!(question.answer_details.as_ref().unwrap()[0].type_, Some(QaReportAnswerType::HostAnsweredPublicly));
            },
        ),
        row(
            |c| c.reports().report_meeting_survey("85746065432"),
            "GET /v2/report/meetings/85746065432/survey",
            Sent::Nothing,
            |report| {
                assert_eq!(report.meeting_id, Some(MEETING_ID));
                assert_eq!(report.survey_answers.unwrap()[0].answer_details.as_ref().unwrap()[0].answer.as_deref(), Some("Good"));
            },
        ),
        row(
            |c| c.reports().report_webinar_details("99289110036"),
            "GET /v2/report/webinars/99289110036",
            Sent::Nothing,
            |details| assert_eq!(details.type_, Some(MeetingOrWebinarType::Webinar)),
        ),
        row(
            |c| c.reports().report_webinar_participants("99289110036", &ReportWebinarParticipantsParams { page_size: Some(300), ..Default::default() }),
            "GET /v2/report/webinars/99289110036/participants?page_size=300",
            Sent::Nothing,
            |report| assert_eq!(report.participants.unwrap()[0].user_email.as_deref(), Some("jchill@example.com")),
        ),
        row(
            |c| c.reports().report_webinar_polls("99289110036"),
            "GET /v2/report/webinars/99289110036/polls",
            Sent::Nothing,
            |report| assert_eq!(report.id, Some(MEETING_ID)),
        ),
        row(
            |c| c.reports().report_webinar_qa("99289110036"),
            "GET /v2/report/webinars/99289110036/qa",
            Sent::Nothing,
            |report| assert_eq!(report.questions.unwrap()[0].name.as_deref(), Some("Jill Chill")),
        ),
        row(
            |c| c.reports().report_webinar_survey("99289110036"),
            "GET /v2/report/webinars/99289110036/survey",
            Sent::Nothing,
            |report| assert_eq!(report.webinar_id, Some(WEBINAR_ID)),
        ),
        row(
            |c| {
                let params = ReportTelephoneParams {
                    type_: Some(ReportTelephoneType::SipConnectedAudio),
                    query_date_type: Some(ReportTelephoneQueryDateType::MeetingStartTime),
                    ..Default::default()
                };
                c.reports().report_telephone("2099-01-01", "2099-01-28", &params)
            },
            "GET /v2/report/telephone?from=2099-01-01&to=2099-01-28&type=3&query_date_type=meeting_start_time",
            Sent::Nothing,
            |report| {
                let usage = &report.telephony_usage.unwrap()[0];
                assert_eq!((usage.type_.clone(), usage.rate), (Some(TelephoneUsageType::TollFree), Some(0.03)));
            },
        ),
        row(
            |c| c.reports().report_cloud_recording("2099-01-01", "2099-01-28", &ReportCloudRecordingParams { group_id: Some("RSMaSp8sTEGK0_oamiA2_w".into()) }),
            "GET /v2/report/cloud_recording?from=2099-01-01&to=2099-01-28&group_id=RSMaSp8sTEGK0_oamiA2_w",
            Sent::Nothing,
            |report| assert_eq!(report.cloud_recording_storage.unwrap()[0].usage.as_deref(), Some("1.2 GB")),
        ),
        row(
            |c| {
                let params = ReportOperationLogsParams { category_type: Some(ReportOperationLogsCategoryType::SubAccount), ..Default::default() };
                c.reports().report_operation_logs("2099-01-01", "2099-01-28", &params)
            },
            "GET /v2/report/operationlogs?from=2099-01-01&to=2099-01-28&category_type=sub_account",
            Sent::Nothing,
            |report| assert_eq!(report.operation_logs.unwrap()[0].action.as_deref(), Some("Add")),
        ),
        row(
            |c| {
                let params = ReportSignInSignOutActivitiesParams { from: Some("2099-09-01".into()), to: Some("2099-09-20".into()), ..Default::default() };
                c.reports().report_sign_in_sign_out_activities(&params)
            },
            "GET /v2/report/activities?from=2099-09-01&to=2099-09-20",
            Sent::Nothing,
            |report| assert_eq!(report.activity_logs.unwrap()[0].type_, Some(SignInActivityType::SignOut)),
        ),
        row(
            |c| {
                let params = ReportUpcomingEventsParams { type_: Some(ReportUpcomingEventsType::Webinar), ..Default::default() };
                c.reports().report_upcoming_events("2099-01-01", "2099-01-28", &params)
            },
            "GET /v2/report/upcoming_events?from=2099-01-01&to=2099-01-28&type=webinar",
            Sent::Nothing,
            |report| assert_eq!(report.upcoming_events.unwrap()[0].host_name.as_deref(), Some("Jill Chill")),
        ),
        row(
            |c| {
                let params = ReportChatSessionsParams { page_size: Some(300), ..Default::default() };
                c.reports().report_chat_sessions("2099-01-01", "2099-01-28", &params)
            },
            "GET /v2/report/chat/sessions?from=2099-01-01&to=2099-01-28&page_size=300",
            Sent::Nothing,
            |report| {
                let session = &report.sessions.unwrap()[0];
                assert_eq!((session.type_.as_ref(), session.name.as_deref()), (Some(&ChatSessionType::OneOnOne), Some("jchill@example.com")));
            },
        ),
        row(
            |c| {
                let params = ReportChatMessagesParams {
                    include_fields: Some(ChatReportIncludeFields::EditedAndDeletedMessages),
                    include_bot_message: Some(true),
                    page_size: Some(100),
                    ..Default::default()
                };
                c.reports().report_chat_messages(CHAT_SESSION_ID, "2099-01-01", "2099-01-28", &params)
            },
            "GET /v2/report/chat/sessions/c38230acb7f0?from=2099-01-01&to=2099-01-28&page_size=100&include_fields=edited_messages%2Cdeleted_messages&include_bot_message=true",
            Sent::Nothing,
            |report| {
                let message = &report.messages.unwrap()[0];
                let file = &message.files.as_ref().unwrap()[0];
                assert_eq!((file.file_size, message.timestamp), (Some(224251), Some(1647598573000)));
                assert_eq!(message.bot_message.as_ref().and_then(|b| b.is_markdown_support), Some(true));
                assert_eq!(report.deleted_messages.unwrap()[0].message.as_deref(), Some("Never mind"));
            },
        ),
    ]
}

const CHAT_SESSION_ID: &str = "c38230acb7f0";

/// Zoom's documented answers, by path.
fn answer(request: &Recorded) -> Reply {
    let path = request.path.strip_prefix("/v2/report/").unwrap_or(&request.path);
    let route: Vec<&str> = path.split('/').collect();
    match example(&route) {
        Some(body) => Reply::json(200, body),
        None => no_route(request),
    }
}

fn example(route: &[&str]) -> Option<Value> {
    Some(match route {
        ["chat", "sessions"] => json!({
            "from": "2099-01-01", "to": "2099-01-28", "page_size": 30, "next_page_token": "",
            "sessions": [{ "id": CHAT_SESSION_ID, "name": "jchill@example.com", "type": "1:1", "last_message_sent_time": "2022-03-18T10:16:13Z" }]
        }),
        ["chat", "sessions", _] => {
            let message = |text: &str| {
                json!({
                    "id": "7ba4d98b-0a6a-4fb4-a71b-dd13fd689dc8", "message": text, "date_time": "2022-03-18T10:16:13Z",
                    "timestamp": 1647598573000i64, "sender": "jchill@example.com", "sender_display_name": "Jill Chill",
                    "receiver": "pdavis@example.com",
                    "files": [{ "file_id": "qreigNgqTk24RNnGJDxpDg", "file_name": "48k.png", "file_size": 224251,
                                "download_url": "https://zoom.us/file/download/qreigNgqTk24RNnGJDxpDg?filename=48k.png" }],
                    "bot_message": { "is_markdown_support": true, "content": { "head": { "text": "Build passed" } } }
                })
            };
            json!({
                "from": "2099-01-01", "to": "2099-01-28", "page_size": 30, "next_page_token": "",
                "messages": [message("How are you")], "edited_messages": [message("How are you?")], "deleted_messages": [message("Never mind")]
            })
        }
        ["daily"] => {
            json!({ "year": 2022, "month": 3, "dates": [{ "date": "2022-03-01", "meeting_minutes": 34, "meetings": 2, "new_users": 3, "participants": 4 }] })
        }
        ["users"] => json!({
            "from": "2099-01-01", "to": "2099-01-28", "page_count": 1, "page_size": 30, "total_records": 1, "next_page_token": "",
            "total_meetings": 2, "total_participants": 4, "total_meeting_minutes": 34,
            "users": [{ "id": "z8yBXksmRJuBQl6Y1r1kYg", "email": "jchill@example.com", "user_name": "Jill Chill", "type": 2, "dept": "Engineering",
                        "meetings": 2, "participants": 4, "meeting_minutes": 34, "custom_attributes": [{ "key": "cbf9b7a4", "name": "A1", "value": "1" }] }]
        }),
        ["users", _, "meetings"] => json!({
            "from": "2099-01-01", "to": "2099-01-28", "page_count": 1, "page_size": 30, "total_records": 1, "next_page_token": "",
            "meetings": [user_meeting()]
        }),
        ["meetings", _] => session_details(2),
        ["webinars", _] => session_details(5),
        ["meetings", _, "participants"] | ["webinars", _, "participants"] => participant_report(),
        ["meetings", _, "polls"] | ["webinars", _, "polls"] => poll_report(),
        ["meetings", _, "qa"] | ["webinars", _, "qa"] => qa_report(),
        ["meetings", _, "survey"] => json!({
            "meeting_id": MEETING_ID, "meeting_uuid": MEETING_UUID, "start_time": "2022-02-01T12:34:12.660Z", "survey_id": "QalIoKWLTJehBJ8e1xRrbQ",
            "survey_name": "Meeting Survey", "survey_answers": [survey_answer()]
        }),
        ["webinars", _, "survey"] => json!({
            "webinar_id": WEBINAR_ID, "webinar_uuid": "4444AAAiAAAAAiAiAiiAii==", "start_time": "2022-02-01T12:34:12.660Z", "survey_id": "QalIoKWLTJehBJ8e1xRrbQ",
            "survey_name": "Webinar Survey", "survey_answers": [survey_answer()]
        }),
        ["telephone"] => json!({
            "from": "2099-01-01", "to": "2099-01-28", "page_count": 1, "page_size": 30, "total_records": 1, "next_page_token": "",
            "telephony_usage": [{
                "call_in_number": "+1 800-123-4567", "country_name": "United States", "dept": "Engineering", "duration": 12,
                "end_time": "2022-01-12T10:12:00Z", "host_email": "jchill@example.com", "host_id": "z8yBXksmRJuBQl6Y1r1kYg",
                "host_name": "Jill Chill", "meeting_id": MEETING_ID, "meeting_type": "Meeting", "phone_number": "+1 800-123-4567",
                "rate": 0.03, "signaled_number": "+1 800-123-4567", "start_time": "2022-01-12T10:00:00Z", "total": 0.36,
                "type": "toll-free", "uuid": MEETING_UUID
            }]
        }),
        ["cloud_recording"] => json!({
            "from": "2099-01-01", "to": "2099-01-28",
            "cloud_recording_storage": [{ "date": "2022-01-02", "free_usage": "1 GB", "plan_usage": "0", "usage": "1.2 GB" }]
        }),
        ["operationlogs"] => json!({
            "next_page_token": "", "page_size": 30,
            "operation_logs": [{ "action": "Add", "category_type": "Sub Account", "operation_detail": "Add Sub Account - Example Co",
                                 "operator": "jchill@example.com", "time": "2022-01-12T10:00:00Z" }]
        }),
        ["activities"] => json!({
            "from": "2099-09-01", "to": "2099-09-20", "next_page_token": "", "page_size": 30,
            "activity_logs": [{ "client_type": "Browser", "email": "jchill@example.com", "ip_address": "192.0.2.1",
                                "time": "2019-09-15T19:13:41Z", "type": "Sign out", "version": "5.9.6" }]
        }),
        ["upcoming_events"] => json!({
            "from": "2099-01-01", "to": "2099-01-28", "next_page_token": "", "page_size": 30,
            "upcoming_events": [{ "dept": "Engineering", "host_id": "z8yBXksmRJuBQl6Y1r1kYg", "host_name": "Jill Chill",
                                  "id": "aDYlohsHRtCd4ii1uC2+hA==", "start_time": "2022-01-20T10:00:00Z", "topic": "Weekly sync" }]
        }),
        _ => return None,
    })
}

fn user_meeting() -> Value {
    json!({
        "uuid": MEETING_UUID, "id": MEETING_ID, "type": 8, "topic": "Weekly sync",
        "user_name": "Jill Chill", "user_email": "jchill@example.com", "start_time": "2022-01-12T10:00:00Z",
        "end_time": "2022-01-12T10:45:00Z", "duration": 45, "total_minutes": 120, "participants_count": 4,
        "source": "Zoom", "custom_keys": [{ "key": "Team", "value": "Platform" }], "has_chat": true,
        "meeting_encryption_status": 2, "participants_count_my_account": 3
    })
}

fn session_details(type_: i64) -> Value {
    json!({
        "uuid": MEETING_UUID, "id": MEETING_ID, "type": type_, "topic": "Weekly sync", "user_name": "Jill Chill",
        "user_email": "jchill@example.com", "start_time": "2022-01-12T10:00:00Z", "end_time": "2022-01-12T10:45:00Z",
        "duration": 45, "total_minutes": 120, "participants_count": 4, "dept": "Engineering",
        "custom_keys": [{ "key": "Team", "value": "Platform" }], "tracking_fields": [{ "field": "Department", "value": "Sales" }]
    })
}

fn participant_report() -> Value {
    json!({
        "next_page_token": "", "page_count": 1, "page_size": 30, "total_records": 1,
        "participants": [{
            "customer_key": "349589LkJyeW", "duration": 259, "failover": false, "id": "30R7kT7bTIKSNUFEuH_Qlg",
            "join_time": "2022-03-23T06:58:09Z", "leave_time": "2022-03-23T07:02:28Z", "name": "Jill Chill",
            "registrant_id": "abcdefghij0-klmnopq23456", "status": "in_meeting", "user_email": "jchill@example.com",
            "user_id": "27423744", "bo_mtg_id": "27423744", "participant_user_id": "DYHrdpjrS3uaOf7dPkkg8w"
        }]
    })
}

fn poll_report() -> Value {
    json!({
        "id": MEETING_ID, "uuid": MEETING_UUID, "start_time": "2022-03-23T06:58:09Z",
        "questions": [{ "email": "jchill@example.com", "name": "Jill Chill", "first_name": "Jill", "last_name": "Chill",
                        "question_details": [{ "answer": "Yes", "date_time": "2022-03-23T07:00:00Z", "polling_id": "798fGJEWrA",
                                               "question": "Ready?" }] }]
    })
}

fn qa_report() -> Value {
    json!({
        "id": MEETING_ID, "uuid": MEETING_UUID, "start_time": "2022-03-23T06:58:09Z",
        "questions": [{ "user_id": "z8yBXksmRJuBQl6Y1r1kYg", "email": "jchill@example.com", "name": "Jill Chill",
                        "question_details": [{ "answer": "Soon", "question": "When?", "question_id": "eb0fd9c5",
                                               "create_time": "2022-03-23T07:00:00Z",
                                               "answer_details": [{ "user_id": "Jd6KeD5KQVazPYzgw8Ir1w", "name": "Host",
                                                                    "email": "host@example.com", "content": "Soon",
                                                                    "create_time": "2022-03-23T07:01:00Z",
                                                                    "type": "host_answered_publicly" }] }] }]
    })
}

fn survey_answer() -> Value {
    json!({
        "email": "jchill@example.com", "name": "Jill Chill", "first_name": "Jill", "last_name": "Chill",
        "answer_details": [{ "question": "How was it?", "question_id": "8f3ad0aa", "answer": "Good", "date_time": "2022-02-01T12:40:00Z" }]
    })
}

/// Zoom's examples decode and encode back to the same JSON: one report of each shape.
#[test]
fn documented_report_examples_round_trip() {
    fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(name: &str, example: Value) -> Option<String> {
        let decoded: T = serde_json::from_value(example.clone()).map_err(|err| format!("{name}: {err}")).ok()?;
        let encoded = serde_json::to_value(&decoded).expect("encodes");
        (encoded != example).then(|| format!("{name}: {encoded} != {example}"))
    }
    let failures: Vec<String> = [
        round_trip::<DailyUsageReport>("daily usage", example(&["daily"]).unwrap()),
        round_trip::<ActiveHostReport>("active hosts", example(&["users"]).unwrap()),
        round_trip::<UserMeetingReport>("user meetings", example(&["users", "me", "meetings"]).unwrap()),
        round_trip::<SessionDetailsReport>("meeting details", session_details(2)),
        round_trip::<ParticipantReport>("participants", participant_report()),
        round_trip::<PollReport>("polls", poll_report()),
        round_trip::<QaReport>("Q&A", qa_report()),
        round_trip::<MeetingSurveyReport>("meeting survey", example(&["meetings", "1", "survey"]).unwrap()),
        round_trip::<WebinarSurveyReport>("webinar survey", example(&["webinars", "1", "survey"]).unwrap()),
        round_trip::<TelephoneReport>("telephone", example(&["telephone"]).unwrap()),
        round_trip::<CloudRecordingReport>("cloud recording", example(&["cloud_recording"]).unwrap()),
        round_trip::<OperationLogReport>("operation logs", example(&["operationlogs"]).unwrap()),
        round_trip::<SignInActivityReport>("sign-in activity", example(&["activities"]).unwrap()),
        round_trip::<UpcomingEventReport>("upcoming events", example(&["upcoming_events"]).unwrap()),
    ]
    .into_iter()
    .flatten()
    .collect();
    assert!(failures.is_empty(), "{failures:#?}");
}

fn activities(from: Option<&str>, to: Option<&str>) -> ReportSignInSignOutActivitiesParams {
    ReportSignInSignOutActivitiesParams { from: from.map(Into::into), to: to.map(Into::into), ..Default::default() }
}

/// Documented limits are refused before anything is sent.
#[tokio::test]
async fn report_limits_are_refused_before_sending() {
    let server = MockServer::start(answer).await;
    let client = client(&server);
    let reports = client.reports();
    let cases: Vec<(&str, Result<(), clientgen_runtime::Error<ZoomError>>)> = vec![
        (
            "from is not a date",
            reports.report_sign_in_sign_out_activities(&activities(Some("09/01/2019"), None)).await.map(drop),
        ),
        (
            "to is not a date",
            reports.report_sign_in_sign_out_activities(&activities(None, Some("2019-9-20"))).await.map(drop),
        ),
        (
            "month 13",
            reports.report_daily(&ReportDailyParams { month: Some(13), ..Default::default() }).await.map(drop),
        ),
        (
            // Future dates keep the window out of it: only the page size is wrong.
            "page_size over 300",
            reports
                .report_users(
                    "2099-01-01",
                    "2099-01-28",
                    &ReportUsersParams { page_size: Some(301), ..Default::default() },
                )
                .await
                .map(drop),
        ),
        (
            "a required from that is not a date",
            reports.report_users("01/01/2099", "2099-01-28", &ReportUsersParams::default()).await.map(drop),
        ),
        (
            "a window longer than a month (x-date-range maxDays 31)",
            reports.report_users("2099-01-01", "2099-03-01", &ReportUsersParams::default()).await.map(drop),
        ),
        (
            "to before from",
            reports.report_users("2099-01-28", "2099-01-01", &ReportUsersParams::default()).await.map(drop),
        ),
        (
            "from more than six months ago (x-date-range maxMonthsBack 6)",
            reports.report_users("2000-01-01", "2000-01-02", &ReportUsersParams::default()).await.map(drop),
        ),
    ];
    assert_all_invalid(cases);
    assert!(server.requests().is_empty(), "refused requests are never sent");
}
