//! One row per operation of `specs/zoom/archiving.yaml`, its own canned answers shaped like Zoom's
//! examples, a round trip of Zoom's documented archived meeting, and the documented limits refused
//! before sending.

use serde_json::{json, Value};

use super::*;

const ARCHIVING_SPEC: &str = include_str!("../../../../specs/zoom/archiving.yaml");
const MEETING_UUID: &str = "4444AAAiAAAAAiAiAiiAii==";
const FILE_ID: &str = "a5983951-044e-473f-9acd-5c398c0a8cce";

#[tokio::test]
async fn every_archiving_operation_sends_the_documented_request_and_decodes_the_response() {
    run_table(rows(), ARCHIVING_SPEC, 5, answer).await;
}

/// A meeting's archived files as Zoom's 2024 example shows them (a whole-meeting chat file and one
/// participant's video, still processing: the archive is not complete, so `complete_time` is empty).
fn archived_meeting() -> Value {
    json!({
        "uuid": MEETING_UUID, "id": 553068284, "account_name": "account_01", "host_id": "Dhjdfgdkg8w",
        "topic": "My Personal Meeting Room", "type": 100, "meeting_type": "internal", "start_time": "2021-04-26T05:23:18Z",
        "timezone": "Asia/Shanghai", "duration": 30, "duration_in_second": 1800, "total_size": 364463, "recording_count": 2,
        "complete_time": "", "is_breakout_room": true, "parent_meeting_id": "atsXxhSEQWit9t+U02HXNQ==", "status": "processing",
        "group_id": "pvFIYKSDTum9iCDOOtQL4w,_FsqLyI0RlO6LVPeUVWi8g",
        "archive_files": [
            {
                "id": FILE_ID, "download_url": "https://example.com/recording/download/Qg75t7xZBtEbAkjdlgbfdngBBBB",
                "file_extension": "JSON", "file_size": 165743, "file_type": "CHAT_MESSAGE", "individual": false,
                "participant_join_time": "2021-03-12T02:07:27Z", "participant_leave_time": "2021-03-12T02:12:27Z",
                "recording_type": "chat_message", "status": "completed",
                "encryption_fingerprint": "abf85f0fe6a4db3cdd8c37e505e1dd18a34d9696170a14b5bc6395677472cf43",
                "number_of_messages": 150, "storage_location": "EU", "auto_delete": false
            },
            {
                "id": "b2f19f96-9294-4f51-8134-6f0eea108eb2", "file_path": "/9090876528/path01/demo.mp4",
                "file_extension": "MP4", "file_size": 198720, "file_type": "MP4", "individual": true,
                "participant_email": "jchill@example.com", "participant_join_time": "2021-03-12T02:07:27Z",
                "participant_leave_time": "2021-03-12T02:12:27Z", "recording_type": "shared_screen_with_speaker_view",
                "status": "failed", "encryption_fingerprint": "0bf85f0fe6a4db3cdd8c37e505e1dd18a34d9696170a14b5bc6395677472cf43"
            }
        ]
    })
}

fn archived_file_list() -> Value {
    json!({
        "from": "2021-03-11T05:41:36Z", "to": "2021-03-18T05:41:36Z", "next_page_token": "", "page_size": 30,
        "total_records": 1, "meetings": [archived_meeting()]
    })
}

fn answer(request: &Recorded) -> Reply {
    let path = request.path.strip_prefix("/v2/").unwrap_or(&request.path);
    let mut route: Vec<&str> = path.split('/').collect();
    // A sub-account's request (`/accounts/{accountId}` + the path) gets the same answer.
    if route.first() == Some(&"accounts") {
        route.drain(..2.min(route.len()));
    }
    let body = match (request.method.as_str(), route.as_slice()) {
        ("PATCH" | "DELETE", _) => return Reply::empty(204),
        ("GET", ["archive_files"]) => archived_file_list(),
        ("GET", ["archive_files", "statistics"]) => json!({
            "from": "2021-03-11T05:41:36Z", "to": "2021-03-18T05:41:36Z", "total_records": 20,
            "statistic_by_file_extension": { "mp4_file_count": 3, "m4a_file_count": 1, "txt_file_count": 1, "json_file_count": 1, "vtt_file_count": 0 },
            "statistic_by_file_status": { "processing_file_count": 1, "completed_file_count": 4, "failed_file_count": 1 }
        }),
        ("GET", ["past_meetings", _, "archive_files"]) => archived_meeting(),
        _ => return no_route(request),
    };
    Reply::json(200, body)
}

pub(super) fn rows() -> Vec<Row> {
    vec![
        row(
            |c| {
                let params = ListArchivedFilesParams {
                    from: Some("2021-03-11T05:41:36Z".into()),
                    to: Some("2021-03-18T05:41:36Z".into()),
                    query_date_type: Some(ArchiveQueryDateType::ArchiveCompleteTime),
                    group_ids: Some(vec!["CVCF1k8ZR3e52ChmEzlNxA".into(), "lwQiDh2kS0WaawetgMjtfw".into()]),
                    ..Default::default()
                };
                c.archiving().list_archived_files(&params)
            },
            "GET /v2/archive_files?from=2021-03-11T05%3A41%3A36Z&to=2021-03-18T05%3A41%3A36Z&query_date_type=archive_complete_time&group_ids=CVCF1k8ZR3e52ChmEzlNxA,lwQiDh2kS0WaawetgMjtfw",
            Sent::Nothing,
            |list| {
                let meeting = &list.meetings.unwrap()[0];
                assert_eq!((meeting.type_, meeting.complete_time.as_str()), (RecordedMeetingType::BreakoutRoom, ""));
                assert_eq!(meeting.archive_files[0].storage_location, Some(ArchiveStorageLocation::EuropeanUnion));
            },
        ),
        row(
            |c| c.archiving().get_archived_file_statistics(&GetArchivedFileStatisticsParams::default()),
            "GET /v2/archive_files/statistics",
            Sent::Nothing,
            |stats| {
                assert_eq!(stats.statistic_by_file_extension.unwrap().mp4_file_count, Some(3));
                assert_eq!(stats.statistic_by_file_status.unwrap().failed_file_count, Some(1));
            },
        ),
        row(
            |c| c.archiving().update_archived_file(FILE_ID, &ArchivedFileUpdate::new(true)),
            "PATCH /v2/archive_files/a5983951-044e-473f-9acd-5c398c0a8cce",
            Sent::Json(json!({ "auto_delete": true })),
            no_body,
        ),
        row(
            |c| c.archiving().get_archived_files(MEETING_UUID),
            "GET /v2/past_meetings/4444AAAiAAAAAiAiAiiAii%3D%3D/archive_files",
            Sent::Nothing,
            |meeting| {
                let files = &meeting.archive_files;
                assert_eq!((files[0].file_type.clone(), files[0].recording_type.clone()), (RecordingFileType::ChatMessage, RecordingType::ChatMessage));
                assert_eq!((files[1].download_url.as_deref(), files[1].status.clone()), (None, RecordingProcessingStatus::Failed));
                assert_eq!(meeting.meeting_type, InternalOrExternal::Internal);
            },
        ),
        row(
            |c| c.archiving().delete_archived_files("/ajXp112QmuoKj4854875=="),
            "DELETE /v2/past_meetings/%2FajXp112QmuoKj4854875%3D%3D/archive_files",
            Sent::Nothing,
            no_body,
        ),
    ]
}

#[test]
fn zooms_archived_meeting_example_round_trips() {
    for example in [archived_meeting(), archived_file_list()] {
        let encoded = if example.get("meetings").is_some() {
            serde_json::to_value(serde_json::from_value::<ArchivedFileList>(example.clone()).expect("decodes")).unwrap()
        } else {
            serde_json::to_value(serde_json::from_value::<ArchivedMeeting>(example.clone()).expect("decodes")).unwrap()
        };
        assert_eq!(encoded, example);
    }
}

/// Documented limits are refused before anything is sent.
#[tokio::test]
async fn archiving_limits_are_refused_before_sending() {
    let server = MockServer::start(answer).await;
    let client = client(&server);
    let archiving = client.archiving();
    let groups = (0..8).map(|i| format!("group{i}")).collect();
    let cases: Vec<(&str, Result<(), clientgen_runtime::Error<ZoomError>>)> = vec![
        (
            "more than 7 group IDs",
            archiving
                .list_archived_files(&ListArchivedFilesParams { group_ids: Some(groups), ..Default::default() })
                .await
                .map(drop),
        ),
        (
            "from is not a date-time",
            archiving
                .list_archived_files(&ListArchivedFilesParams { from: Some("2021-03-11".into()), ..Default::default() })
                .await
                .map(drop),
        ),
        (
            "a window of seven days and a second",
            archiving
                .list_archived_files(&ListArchivedFilesParams {
                    from: Some("2021-03-11T05:41:36Z".into()),
                    to: Some("2021-03-18T05:41:37Z".into()),
                    ..Default::default()
                })
                .await
                .map(drop),
        ),
        (
            "page_size over 300",
            archiving
                .list_archived_files(&ListArchivedFilesParams { page_size: Some(301), ..Default::default() })
                .await
                .map(drop),
        ),
        (
            "to is not a date-time",
            archiving
                .get_archived_file_statistics(&GetArchivedFileStatisticsParams {
                    from: None,
                    to: Some("yesterday".into()),
                })
                .await
                .map(drop),
        ),
    ];
    assert_all_invalid(cases);
    assert!(server.requests().is_empty(), "refused requests are never sent");
}

/// listArchivedFiles has a `:master` scope: a master account lists a sub-account's archives; the
/// other archiving operations are refused for a sub-account.
#[tokio::test]
async fn a_master_account_lists_a_sub_accounts_archived_files() {
    let server = MockServer::start(answer).await;
    let client = client(&server);
    let sub = client.sub_account("q6gBJVO5TzexKYTb_I2rpg");
    sub.archiving().list_archived_files(&ListArchivedFilesParams::default()).await.unwrap();
    let refused = sub.archiving().delete_archived_files(MEETING_UUID).await.unwrap_err();
    assert!(matches!(&refused, clientgen_runtime::Error::InvalidRequest { .. }), "{refused:?}");
    let lines: Vec<String> = server.requests().iter().map(Recorded::line).collect();
    assert_eq!(lines, ["GET /v2/accounts/q6gBJVO5TzexKYTb_I2rpg/archive_files"]);
}
