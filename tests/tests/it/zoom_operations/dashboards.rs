//! One row per operation of `specs/zoom/dashboards.yaml`, with its own canned answers shaped like
//! Zoom's examples, a round trip of one dashboard answer of each shape, and limits refused before sending.

use serde_json::{json, Value};

use super::*;

const DASHBOARDS_SPEC: &str = include_str!("../../../../specs/zoom/dashboards.yaml");
const FROM: &str = "2099-01-01";
const TO: &str = "2099-01-28";
const DATES: &str = "from=2099-01-01&to=2099-01-28";

#[tokio::test]
async fn every_dashboards_operation_sends_the_documented_request_and_decodes_the_response() {
    run_table(rows(), DASHBOARDS_SPEC, 27, answer).await;
}

macro_rules! line {
    ($($part:expr),+) => { Box::leak(format!($($part),+).into_boxed_str()) };
}

fn rows() -> Vec<Row> {
    vec![
        row(
            |c| {
                let params = DashboardMeetingsParams {
                    type_: Some(DashboardMeetingScope::Past),
                    query_date_type: Some(DashboardMeetingsQueryDateType::EndTime),
                    include_fields: Some(DashboardMeetingsIncludeFields::TrackingFields),
                    ..Default::default()
                };
                c.dashboards().dashboard_meetings(FROM, TO, &params)
            },
            line!("GET /v2/metrics/meetings?{DATES}&type=past&include_fields=tracking_fields&query_date_type=end_time"),
            Sent::Nothing,
            |list| assert_eq!(list.meetings.unwrap()[0].host.as_deref(), Some("Jill Chill")),
        ),
        row(
            |c| {
                c.dashboards().dashboard_meeting_detail(
                    "85746065432",
                    &DashboardMeetingDetailParams { type_: Some(DashboardMeetingScope::Past) },
                )
            },
            "GET /v2/metrics/meetings/85746065432?type=past",
            Sent::Nothing,
            |meeting| assert_eq!(meeting.custom_keys.unwrap()[0].key.as_deref(), Some("Team")),
        ),
        row(
            |c| c.dashboards().dashboard_meeting_participants("85746065432", &Default::default()),
            "GET /v2/metrics/meetings/85746065432/participants",
            Sent::Nothing,
            |list| {
                let participant = &list.participants.unwrap()[0];
                assert_eq!(participant.role, Some(DashboardParticipantRole::Attendee));
                assert_eq!(participant.leave_reason.as_deref(), Some("Jill Chill left the meeting."));
            },
        ),
        row(
            |c| {
                let params = DashboardMeetingParticipantsQosParams {
                    type_: Some(DashboardScope::Past),
                    page_size: Some(10),
                    ..Default::default()
                };
                c.dashboards().dashboard_meeting_participants_qos("85746065432", &params)
            },
            "GET /v2/metrics/meetings/85746065432/participants/qos?type=past&page_size=10",
            Sent::Nothing,
            |list| assert_eq!(qos_jitter(&list.participants.unwrap()[0]), Some("4 ms".into())),
        ),
        row(
            |c| c.dashboards().dashboard_meeting_participant_qos("85746065432", "16778240", &Default::default()),
            "GET /v2/metrics/meetings/85746065432/participants/16778240/qos",
            Sent::Nothing,
            |participant| assert_eq!(qos_jitter(&participant), Some("4 ms".into())),
        ),
        row(
            |c| c.dashboards().dashboard_meeting_participant_share("85746065432", &Default::default()),
            "GET /v2/metrics/meetings/85746065432/participants/sharing",
            Sent::Nothing,
            |list| {
                assert_eq!(
                    list.participants.unwrap()[0].details.as_ref().unwrap()[0].content.as_deref(),
                    Some("desktop")
                )
            },
        ),
        row(
            |c| c.dashboards().participant_feedback("85746065432", &Default::default()),
            "GET /v2/metrics/meetings/85746065432/participants/satisfaction",
            Sent::Nothing,
            |list| assert_eq!(list.participants.unwrap()[0].quality, Some(ParticipantFeedbackQuality::Good)),
        ),
        row(
            |c| {
                c.dashboards().dashboard_webinars(
                    FROM,
                    TO,
                    &DashboardWebinarsParams { type_: Some(DashboardScope::Past), ..Default::default() },
                )
            },
            line!("GET /v2/metrics/webinars?{DATES}&type=past"),
            Sent::Nothing,
            |list| assert_eq!(list.webinars.unwrap()[0].topic.as_deref(), Some("Launch")),
        ),
        row(
            |c| c.dashboards().dashboard_webinar_detail("99289110036", &Default::default()),
            "GET /v2/metrics/webinars/99289110036",
            Sent::Nothing,
            |webinar| assert_eq!(webinar.topic.as_deref(), Some("Launch")),
        ),
        row(
            |c| c.dashboards().dashboard_webinar_participants("99289110036", &Default::default()),
            "GET /v2/metrics/webinars/99289110036/participants",
            Sent::Nothing,
            |list| assert_eq!(list.participants.unwrap()[0].email.as_deref(), Some("jchill@example.com")),
        ),
        row(
            |c| c.dashboards().dashboard_webinar_participants_qos("99289110036", &Default::default()),
            "GET /v2/metrics/webinars/99289110036/participants/qos",
            Sent::Nothing,
            |list| assert_eq!(list.participants.unwrap()[0].id.as_deref(), Some("16778240")),
        ),
        row(
            |c| c.dashboards().dashboard_webinar_participant_qos("99289110036", "16778240", &Default::default()),
            "GET /v2/metrics/webinars/99289110036/participants/16778240/qos",
            Sent::Nothing,
            |participant| assert_eq!(participant.device, Some(ParticipantDevice::Windows)),
        ),
        row(
            |c| c.dashboards().dashboard_webinar_participant_share("99289110036", &Default::default()),
            "GET /v2/metrics/webinars/99289110036/participants/sharing",
            Sent::Nothing,
            |list| assert_eq!(list.participants.unwrap()[0].user_name.as_deref(), Some("Jill Chill")),
        ),
        row(
            |c| c.dashboards().participant_webinar_feedback("99289110036", &Default::default()),
            "GET /v2/metrics/webinars/99289110036/participants/satisfaction",
            Sent::Nothing,
            |list| assert_eq!(list.participants.unwrap()[0].comment.as_deref(), Some("Clear audio")),
        ),
        row(
            |c| {
                c.dashboards()
                    .dashboard_zoom_rooms(&DashboardZoomRoomsParams { page_size: Some(30), ..Default::default() })
            },
            "GET /v2/metrics/zoomrooms?page_size=30",
            Sent::Nothing,
            |list| assert_eq!(list.zoom_rooms.unwrap()[0].room_name.as_deref(), Some("Boardroom")),
        ),
        row(
            |c| c.dashboards().dashboard_zoom_room("qMOLddnySIGGVycz8aX_JQ", FROM, TO, &Default::default()),
            line!("GET /v2/metrics/zoomrooms/qMOLddnySIGGVycz8aX_JQ?{DATES}"),
            Sent::Nothing,
            |room| assert_eq!(room.past_meetings.unwrap().meetings.unwrap()[0].host.as_deref(), Some("Jill Chill")),
        ),
        row(
            |c| c.dashboards().dashboard_zoom_room_issue(FROM, TO),
            line!("GET /v2/metrics/zoomrooms/issues?{DATES}"),
            Sent::Nothing,
            |list| assert_eq!(list.issues.unwrap()[0].zoom_rooms_count, Some(2)),
        ),
        row(
            |c| c.dashboards().dashboard_issue_zoom_room(FROM, TO),
            line!("GET /v2/metrics/issues/zoomrooms?{DATES}"),
            Sent::Nothing,
            |list| assert_eq!(list.zoom_rooms.unwrap()[0].issues_count, Some(3)),
        ),
        row(
            |c| {
                c.dashboards().dashboard_issue_detail_zoom_room("qMOLddnySIGGVycz8aX_JQ", FROM, TO, &Default::default())
            },
            line!("GET /v2/metrics/issues/zoomrooms/qMOLddnySIGGVycz8aX_JQ?{DATES}"),
            Sent::Nothing,
            |list| assert_eq!(list.issue_details.unwrap()[0].issue.as_deref(), Some("Room Controller disconnected")),
        ),
        row(
            |c| c.dashboards().dashboard_crc(FROM, TO),
            line!("GET /v2/metrics/crc?{DATES}"),
            Sent::Nothing,
            |report| {
                assert_eq!(
                    report.crc_ports_usage.unwrap()[0].crc_ports_hour_usage.as_ref().unwrap()[0].max_usage,
                    Some(4)
                )
            },
        ),
        row(
            // Deprecated in the spec (Zoom's 2024 reference drops it), still served and tested.
            #[allow(deprecated)]
            |c| c.dashboards().dashboard_im(FROM, TO, &Default::default()),
            line!("GET /v2/metrics/im?{DATES}"),
            Sent::Nothing,
            |list| assert_eq!(list.users.unwrap()[0].total_send, Some(12)),
        ),
        row(
            |c| {
                c.dashboards().dashboard_chat(
                    FROM,
                    TO,
                    &DashboardChatParams { page_size: Some(300), ..Default::default() },
                )
            },
            line!("GET /v2/metrics/chat?{DATES}&page_size=300"),
            Sent::Nothing,
            |list| assert_eq!(list.users.unwrap()[0].text_sent, Some(40)),
        ),
        row(
            |c| c.dashboards().dashboard_client_feedback(FROM, TO),
            line!("GET /v2/metrics/client/feedback?{DATES}"),
            Sent::Nothing,
            |list| assert_eq!(list.client_feedbacks.unwrap()[0].feedback_id.as_deref(), Some("fb-1")),
        ),
        row(
            |c| {
                let params = DashboardClientFeedbackDetailParams {
                    from: Some(FROM.into()),
                    to: Some(TO.into()),
                    ..Default::default()
                };
                c.dashboards().dashboard_client_feedback_detail("fb-1", &params)
            },
            line!("GET /v2/metrics/client/feedback/fb-1?{DATES}"),
            Sent::Nothing,
            |list| assert_eq!(list.client_feedback_details.unwrap()[0].participant_name.as_deref(), Some("Jill Chill")),
        ),
        row(
            |c| c.dashboards().list_meeting_satisfaction(&Default::default()),
            "GET /v2/metrics/client/satisfaction",
            Sent::Nothing,
            |list| assert_eq!(list.client_satisfaction.unwrap()[0].good_count, Some(9)),
        ),
        row(
            |c| c.dashboards().get_client_versions(),
            "GET /v2/metrics/client_versions",
            Sent::Nothing,
            |list| assert_eq!(list.client_versions.unwrap()[0].client_version.as_deref(), Some("5.9.6")),
        ),
        row(
            |c| {
                c.dashboards().dashboard_quality(
                    FROM,
                    TO,
                    &DashboardQualityParams { type_: Some(DashboardQualityType::Participants) },
                )
            },
            line!("GET /v2/metrics/quality?{DATES}&type=participants"),
            Sent::Nothing,
            |score| assert_eq!(score.quality.unwrap().audio.unwrap().good, Some(80)),
        ),
    ]
}

fn qos_jitter(participant: &ParticipantQos) -> Option<String> {
    participant.user_qos.as_ref()?[0].audio_input.as_ref()?.jitter.clone()
}

fn answer(request: &Recorded) -> Reply {
    let path = request.path.strip_prefix("/v2/metrics/").unwrap_or(&request.path);
    let route: Vec<&str> = path.split('/').collect();
    match example(&route) {
        Some(body) => Reply::json(200, body),
        None => no_route(request),
    }
}

fn page(items: &str, list: Value) -> Value {
    let mut page = json!({ "from": FROM, "to": TO, "next_page_token": "", "page_size": 30, "total_records": 1 });
    page[items] = list;
    page
}

fn example(route: &[&str]) -> Option<Value> {
    Some(match route {
        ["meetings"] => page("meetings", json!([meeting()])),
        ["meetings", _] => meeting(),
        ["meetings", _, "participants"] | ["webinars", _, "participants"] => {
            page("participants", json!([participant()]))
        }
        ["meetings", _, "participants", "qos"] | ["webinars", _, "participants", "qos"] => {
            page("participants", json!([qos()]))
        }
        ["meetings", _, "participants", _, "qos"] | ["webinars", _, "participants", _, "qos"] => qos(),
        ["meetings", _, "participants", "sharing"] | ["webinars", _, "participants", "sharing"] => {
            page("participants", json!([sharing()]))
        }
        ["meetings", _, "participants", "satisfaction"] | ["webinars", _, "participants", "satisfaction"] => {
            page("participants", json!([feedback()]))
        }
        ["webinars"] => page("webinars", json!([webinar()])),
        ["webinars", _] => webinar(),
        ["zoomrooms"] => page("zoom_rooms", json!([zoom_room()])),
        ["zoomrooms", "issues"] => {
            json!({ "from": FROM, "to": TO, "total_records": 1, "issues": [{ "issue_name": "Zoom room is offline", "zoom_rooms_count": 2 }] })
        }
        ["zoomrooms", _] => {
            let mut room = zoom_room();
            room["past_meetings"] = page("meetings", json!([meeting()]));
            room
        }
        ["issues", "zoomrooms"] => {
            json!({ "from": FROM, "to": TO, "total_records": 1, "zoom_rooms": [{ "id": "qMOLddnySIGGVycz8aX_JQ", "room_name": "Boardroom", "issues_count": 3 }] })
        }
        ["issues", "zoomrooms", _] => {
            page("issue_details", json!([{ "issue": "Room Controller disconnected", "time": "2022-01-12T10:00:00Z" }]))
        }
        ["crc"] => {
            json!({ "from": FROM, "to": TO, "crc_ports_usage": [{ "date_time": "2022-01-12T10:00:00Z", "crc_ports_hour_usage": [{ "hour": "10", "max_usage": 4, "total_usage": 9 }] }] })
        }
        ["im"] => page(
            "users",
            json!([{ "user_id": "z8yBXksmRJuBQl6Y1r1kYg", "user_name": "Jill Chill", "email": "jchill@example.com", "total_send": 12, "total_receive": 7 }]),
        ),
        ["chat"] => {
            // Zoom's chat metrics carry no total_records.
            let mut page = page(
                "users",
                json!([{ "user_id": "z8yBXksmRJuBQl6Y1r1kYg", "user_name": "Jill Chill", "email": "jchill@example.com", "text_sent": 40, "total_sent": 45 }]),
            );
            page.as_object_mut()?.remove("total_records");
            page
        }
        ["client", "feedback"] => {
            json!({ "from": FROM, "to": TO, "total_records": 1, "client_feedbacks": [{ "feedback_id": "fb-1", "feedback_name": "Echo", "participants_count": 2 }] })
        }
        ["client", "feedback", _] => page(
            "client_feedback_details",
            json!([{ "email": "jchill@example.com", "meeting_id": "85746065432", "participant_name": "Jill Chill", "time": "2022-01-12T10:00:00Z" }]),
        ),
        ["client", "satisfaction"] => {
            json!({ "from": FROM, "to": TO, "total_records": 1, "client_satisfaction": [{ "date": "2022-01-12", "good_count": 9, "none_count": 1, "not_good_count": 0, "satisfaction_percent": 90 }] })
        }
        ["client_versions"] => json!({ "client_versions": [{ "client_version": "5.9.6", "total_count": 12 }] }),
        ["quality"] => {
            json!({ "from": FROM, "to": TO, "quality": { "audio": { "good": 80, "fair": 10, "poor": 5, "bad": 5 }, "video": { "good": 70, "fair": 20, "poor": 5, "bad": 5 } } })
        }
        _ => return None,
    })
}

fn meeting() -> Value {
    json!({
        "host": "Jill Chill", "email": "jchill@example.com", "id": MEETING_ID, "uuid": "aDYlohsHRtCd4ii1uC2+hA==", "topic": "Weekly sync",
        "start_time": "2022-01-12T10:00:00Z", "end_time": "2022-01-12T10:45:00Z", "duration": "45:00", "participants": 4,
        "has_pstn": false, "has_video": true, "has_screen_share": true, "custom_keys": [{ "key": "Team", "value": "Platform" }]
    })
}

fn webinar() -> Value {
    json!({ "host": "Jill Chill", "id": WEBINAR_ID, "uuid": "4444AAAiAAAAAiAiAiiAii==", "topic": "Launch", "duration": "60:00", "participants": 120 })
}

fn participant() -> Value {
    json!({
        "id": "d52f19c548b88490b5d16fcbd38", "user_id": "16778240", "user_name": "Jill Chill", "email": "jchill@example.com",
        "device": "Windows", "ip_address": "192.0.2.1", "join_time": "2022-01-12T10:00:00Z", "leave_time": "2022-01-12T10:45:00Z",
        "leave_reason": "Jill Chill left the meeting.", "role": "attendee", "network_type": "Wifi", "audio_quality": "good",
        "audio_call": [{ "call_number": "+1 800-123-4567", "call_type": "call-in", "zoom_number": "+1 800-765-4321" }]
    })
}

fn qos() -> Value {
    json!({
        "id": "16778240", "user_id": "16778240", "user_name": "Jill Chill", "device": "Windows", "join_time": "2022-01-12T10:00:00Z",
        "user_qos": [{
            "date_time": "2022-01-12T10:01:00Z",
            "audio_input": { "avg_loss": "0.0%", "bitrate": "27.15 kbps", "jitter": "4 ms", "latency": "30 ms", "max_loss": "0.1%" },
            "video_input": { "avg_loss": "0.0%", "bitrate": "1 mbps", "frame_rate": "30 fps", "jitter": "4 ms", "latency": "30 ms", "max_loss": "0.1%", "resolution": "1280*720" },
            "cpu_usage": { "system_max_cpu_usage": "50%", "zoom_avg_cpu_usage": "10%", "zoom_max_cpu_usage": "20%", "zoom_min_cpu_usage": "5%" },
            "wifi_rssi": { "max_rssi": -40, "avg_rssi": -50, "min_rssi": -60, "rssi_unit": "dBm" }
        }]
    })
}

fn sharing() -> Value {
    json!({ "id": "16778240", "user_id": "16778240", "user_name": "Jill Chill",
            "details": [{ "content": "desktop", "start_time": "10:05:00", "end_time": "10:15:00" }] })
}

fn feedback() -> Value {
    json!({ "user_id": "16778240", "email": "jchill@example.com", "quality": "GOOD", "date_time": "2022-01-12T10:45:00Z", "comment": "Clear audio" })
}

fn zoom_room() -> Value {
    json!({ "id": "qMOLddnySIGGVycz8aX_JQ", "room_name": "Boardroom", "calender_name": "boardroom@example.com", "email": "boardroom@example.com",
            "account_type": "Work Email", "status": "Available", "device_ip": "Computer : 192.0.2.10", "camera": "Logitech",
            "microphone": "Logitech", "speaker": "Logitech", "last_start_time": "2022-01-12T09:00:00Z", "location": "HQ", "health": "healthy" })
}

/// Zoom's examples decode and encode back to the same JSON: one dashboard answer of each shape.
#[test]
fn documented_dashboard_examples_round_trip() {
    fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(name: &str, example: Value) -> Option<String> {
        let decoded: T = serde_json::from_value(example.clone()).map_err(|err| format!("{name}: {err}")).ok()?;
        let encoded = serde_json::to_value(&decoded).expect("encodes");
        (encoded != example).then(|| format!("{name}: {encoded} != {example}"))
    }
    let failures: Vec<String> = [
        round_trip::<DashboardMeeting>("meeting", meeting()),
        round_trip::<DashboardWebinar>("webinar", webinar()),
        round_trip::<DashboardParticipant>("participant", participant()),
        round_trip::<ParticipantQos>("participant QoS", qos()),
        round_trip::<ParticipantSharing>("sharing", sharing()),
        round_trip::<ParticipantFeedback>("feedback", feedback()),
        round_trip::<ZoomRoomDetails>("Zoom Room", example(&["zoomrooms", "x"]).unwrap()),
        round_trip::<CrcPortsUsageReport>("CRC", example(&["crc"]).unwrap()),
        round_trip::<ChatUsageList>("chat", example(&["chat"]).unwrap()),
        round_trip::<MeetingQualityScore>("quality", example(&["quality"]).unwrap()),
    ]
    .into_iter()
    .flatten()
    .collect();
    assert!(failures.is_empty(), "{failures:#?}");
}

/// Documented limits are refused before anything is sent.
#[tokio::test]
async fn dashboard_limits_are_refused_before_sending() {
    let server = MockServer::start(answer).await;
    let client = client(&server);
    let dashboards = client.dashboards();
    let qos = DashboardMeetingParticipantsQosParams { page_size: Some(11), ..Default::default() };
    let feedback = DashboardClientFeedbackDetailParams { from: Some("2022/01/01".into()), ..Default::default() };
    let by_end_time = DashboardMeetingsParams {
        query_date_type: Some(DashboardMeetingsQueryDateType::EndTime),
        type_: Some(DashboardMeetingScope::Live),
        ..Default::default()
    };
    let live_registrants = DashboardMeetingParticipantsParams {
        include_fields: Some(ParticipantIncludeField::RegistrantId),
        ..Default::default()
    };
    let cases: Vec<(&str, Result<(), clientgen_runtime::Error<ZoomError>>)> = vec![
        ("query_date_type needs past meetings", dashboards.dashboard_meetings(FROM, TO, &by_end_time).await.map(drop)),
        (
            "registrant IDs are not given for live meetings",
            dashboards.dashboard_meeting_participants("85746065432", &live_registrants).await.map(drop),
        ),
        (
            "QoS pages hold at most 10",
            dashboards.dashboard_meeting_participants_qos("85746065432", &qos).await.map(drop),
        ),
        ("from is not a date", dashboards.dashboard_client_feedback_detail("fb-1", &feedback).await.map(drop)),
        (
            "page_size over 300",
            dashboards
                .dashboard_chat(FROM, TO, &DashboardChatParams { page_size: Some(301), ..Default::default() })
                .await
                .map(drop),
        ),
    ];
    assert_all_invalid(cases);
    assert!(server.requests().is_empty(), "refused requests are never sent");
}
