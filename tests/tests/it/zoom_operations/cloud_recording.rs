//! One row per operation of `specs/zoom/cloud_recording.yaml`, its own canned answers shaped like
//! Zoom's examples, round trips of Zoom's documented recordings, the documented limits refused
//! before sending, and the operations a master account calls for a sub-account.

use serde_json::{json, Value};

use super::*;

const CLOUD_RECORDING_SPEC: &str = include_str!("../../../../specs/zoom/cloud_recording.yaml");
/// A meeting instance's UUID with `/` and `+` in it, as Zoom's UUIDs often have.
const RECORDING_UUID: &str = "L0AGOEPVR9m5WSOOs/d+FQ==";
const RECORDING_ID: &str = "72576a1f-4e66-4a77-87c4-f13f9808bd76";
const SUB_ACCOUNT_ID: &str = "q6gBJVO5TzexKYTb_I2rpg";
/// Past 4 GiB: a file size that needs 64 bits.
const LARGE_FILE: i64 = 5_368_709_120;

#[tokio::test]
async fn every_cloud_recording_operation_sends_the_documented_request_and_decodes_the_response() {
    run_table(rows(), CLOUD_RECORDING_SPEC, 16, answer).await;
}

/// A recording's files as Zoom's examples show them: a video, and a timeline file, which has no
/// `id`, `status`, `file_size`, `recording_type` or `play_url`.
fn recording_files() -> Value {
    json!([
        {
            "id": RECORDING_ID, "meeting_id": RECORDING_UUID, "recording_start": "2021-03-18T05:41:36Z",
            "recording_end": "2021-03-18T06:41:36Z", "file_type": "MP4", "file_extension": "MP4", "file_size": LARGE_FILE,
            "play_url": "https://example.com/rec/play/Qg75t7xZBtEbAkjdlgbfdngBBBB",
            "download_url": "https://example.com/rec/download/Qg75t7xZBtEbAkjdlgbfdngBBBB",
            "status": "completed", "recording_type": "shared_screen_with_speaker_view(CC)"
        },
        {
            "meeting_id": RECORDING_UUID, "recording_start": "2021-03-18T05:41:36Z", "recording_end": "2021-03-18T06:41:36Z",
            "file_type": "TIMELINE", "file_extension": "JSON",
            "download_url": "https://example.com/rec/download/e2ed-dlkjgdfkgh-kslsdbsjf1a"
        }
    ])
}

/// One meeting's recording as Zoom's List all recordings example shows it.
fn cloud_recording() -> Value {
    json!({
        "uuid": RECORDING_UUID, "id": 6840331990_i64, "account_id": "Cx3wERazSgup7ZWRHQM8-w", "host_id": "_0ctZtY0REqWalTmwvrdIw",
        "topic": "My Personal Meeting", "type": 2, "start_time": "2021-03-18T05:41:36Z", "timezone": "America/Los_Angeles",
        "duration": 60, "total_size": LARGE_FILE + 22, "recording_count": 2,
        "share_url": "https://example.com/rec/share/Qg75t7xZBtEbAkjdlgbfdngBBBB",
        "recording_play_passcode": "yNYIS408EJygs7rE5vVsJwXIz4-VW7MH", "recording_files": recording_files()
    })
}

/// Get meeting recordings: the recording with its download token, passcode and participant audio.
fn cloud_recording_details() -> Value {
    let mut details = cloud_recording();
    let extra = json!({
        "download_access_token": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJtaWQiOiJvNEU2In0.AiTsTgso8",
        "password": "123456789",
        "participant_audio_files": [{
            "id": "6ebb42fb-fce2-4c6d-932d-27229f07e933", "recording_start": "2021-06-22T05:23:41Z",
            "recording_end": "2021-06-22T05:23:58Z", "file_name": "Audio only - Jill Chill", "file_type": "M4A",
            "file_extension": "M4A", "file_size": 272173,
            "play_url": "https://example.com/rec/play/S9sHV863qengfT4zNYGSE2gUpltTVQOL2cwOjFkyGfVZhOpnONozI",
            "download_url": "https://example.com/rec/download/S9sHV863qengfT4zNYGSE2gUpltTVQOL2cwOjFkyGfVZhOpnONozI",
            "status": "completed"
        }]
    });
    details.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
    details
}

fn recording_list() -> Value {
    json!({
        "from": "2022-01-01", "to": "2022-01-31", "page_count": 1, "page_size": 30, "total_records": 1,
        "next_page_token": "", "meetings": [cloud_recording()]
    })
}

/// Get meeting recording settings, Zoom's 2024 example.
fn recording_settings() -> Value {
    json!({
        "approval_type": 1, "authentication_domains": "example.com", "authentication_option": "auth_option",
        "on_demand": true, "password": "975238724", "recording_authentication": true, "send_email_to_host": false,
        "share_recording": "internally", "show_social_share_buttons": true, "topic": "My Personal Meeting Room",
        "viewer_download": true
    })
}

fn answer(request: &Recorded) -> Reply {
    let path = request.path.strip_prefix("/v2/").unwrap_or(&request.path);
    let mut route: Vec<&str> = path.split('/').collect();
    // A sub-account's request (`/accounts/{accountId}` + the path) gets the same answer.
    if route.len() > 3 && route[0] == "accounts" {
        route.drain(..2);
    }
    let body = match (request.method.as_str(), route.as_slice()) {
        ("PUT" | "PATCH" | "DELETE", _) => return Reply::empty(204),
        ("GET", ["users" | "accounts", _, "recordings"]) => recording_list(),
        ("GET", ["meetings", _, "recordings"]) => cloud_recording_details(),
        ("GET", ["meetings", _, "recordings", "analytics_details"]) => json!({
            "from": "2022-07-01", "to": "2022-07-30", "next_page_token": "", "page_size": 30, "total_records": 1,
            "analytics_details": [{ "date_time": "2022-07-04T22:14:57Z", "name": "Jill Chill", "email": "jchill@example.com", "duration": 60 }]
        }),
        ("GET", ["meetings", _, "recordings", "analytics_summary"]) => json!({
            "from": "2022-07-01", "to": "2022-07-30",
            "analytics_summary": [{ "date": "2022-07-06", "views_total_count": 2, "downloads_total_count": 1 }]
        }),
        ("GET", ["meetings", _, "recordings", "registrants"]) => json!({
            "next_page_token": "", "page_count": 1, "page_size": 30, "total_records": 1,
            "registrants": [{ "id": "3Z7sEm0TQQieLav3c3OD_g", "email": "jchill@example.com", "first_name": "Jill",
                              "last_name": "Chill", "status": "pending", "no_of_employees": "1-20" }]
        }),
        ("POST", ["meetings", _, "recordings", "registrants"]) => {
            let created = json!({ "id": 6840331990_i64, "registrant_id": "3Z7sEm0TQQieLav3c3OD_g",
                                  "share_url": "https://example.com/rec/share/Qg75t7xZBtEbAkjdlgbfdngBBBB?tk=xxxx",
                                  "topic": "My Personal Meeting Room" });
            return Reply::json(201, created);
        }
        ("GET", ["meetings", _, "recordings", "registrants", "questions"]) => json!({
            "questions": [{ "field_name": "last_name", "required": true }],
            "custom_questions": [{ "title": "How did you hear about us?", "type": "multiple", "answers": ["Web", "Friend"], "required": false }]
        }),
        ("GET", ["meetings", _, "recordings", "settings"]) => recording_settings(),
        _ => return no_route(request),
    };
    Reply::json(200, body)
}

fn recover() -> RecordingRecoverRequest {
    RecordingRecoverRequest { action: Some(RecordingRecoverAction::Recover) }
}

pub(super) fn rows() -> Vec<Row> {
    vec![
        row(
            |c| {
                let params = RecordingsListParams {
                    from: Some("2022-01-01".into()),
                    to: Some("2022-01-31".into()),
                    mc: Some(false),
                    meeting_id: Some(6840331990),
                    ..Default::default()
                };
                c.cloud_recording().recordings_list("me", &params)
            },
            "GET /v2/users/me/recordings?mc=false&from=2022-01-01&to=2022-01-31&meeting_id=6840331990",
            Sent::Nothing,
            |list| {
                let recording = &list.meetings.unwrap()[0];
                assert_eq!((recording.id, recording.type_), (Some(6840331990), Some(RecordedMeetingType::Scheduled)));
                let files = recording.recording_files.as_ref().unwrap();
                assert_eq!(files[0].file_size, Some(LARGE_FILE), "a size past 4 GiB is exact");
                assert_eq!(files[0].recording_type, Some(RecordingType::SharedScreenWithSpeakerViewCc));
                assert_eq!((files[1].file_type.clone(), files[1].id.as_deref()), (Some(RecordingFileType::Timeline), None));
            },
        ),
        row(
            |c| {
                let params = GetAccountCloudRecordingParams { page_size: Some(300), ..Default::default() };
                c.cloud_recording().get_account_cloud_recording(SUB_ACCOUNT_ID, &params)
            },
            "GET /v2/accounts/q6gBJVO5TzexKYTb_I2rpg/recordings?page_size=300",
            Sent::Nothing,
            |list| assert_eq!(list.total_records, Some(1)),
        ),
        row(
            |c| {
                let params = RecordingGetParams {
                    include_fields: Some(RecordingIncludeField::DownloadAccessToken),
                    ttl: Some(604800),
                };
                c.cloud_recording().recording_get(RECORDING_UUID, &params)
            },
            "GET /v2/meetings/L0AGOEPVR9m5WSOOs%2Fd%2BFQ%3D%3D/recordings?include_fields=download_access_token&ttl=604800",
            Sent::Nothing,
            |recording| {
                assert!(recording.download_access_token.unwrap().starts_with("eyJ"));
                let audio = &recording.participant_audio_files.unwrap()[0];
                assert_eq!(audio.file_name.as_deref(), Some("Audio only - Jill Chill"));
                assert_eq!(audio.file_extension, Some(RecordingFileExtension::M4a));
                assert_eq!(audio.status, Some(RecordingProcessingStatus::Completed));
            },
        ),
        row(
            |c| {
                let params = RecordingDeleteParams { action: Some(RecordingDeleteAction::Delete) };
                c.cloud_recording().recording_delete("85746065432", &params)
            },
            "DELETE /v2/meetings/85746065432/recordings?action=delete",
            Sent::Nothing,
            no_body,
        ),
        row(
            |c| {
                let params = AnalyticsDetailsParams {
                    from: Some("2022-07-01".into()),
                    to: Some("2022-07-30".into()),
                    type_: Some(RecordingAnalyticsType::ByDownload),
                    ..Default::default()
                };
                c.cloud_recording().analytics_details("85746065432", &params)
            },
            "GET /v2/meetings/85746065432/recordings/analytics_details?from=2022-07-01&to=2022-07-30&type=by_download",
            Sent::Nothing,
            |details| assert_eq!(details.analytics_details.unwrap()[0].duration, Some(60)),
        ),
        row(
            |c| c.cloud_recording().analytics_summary("85746065432", &AnalyticsSummaryParams::default()),
            "GET /v2/meetings/85746065432/recordings/analytics_summary",
            Sent::Nothing,
            |summary| assert_eq!(summary.analytics_summary.unwrap()[0].downloads_total_count, Some(1)),
        ),
        row(
            |c| {
                let params = MeetingRecordingRegistrantsParams {
                    status: Some(RegistrantStatus::Pending),
                    next_page_token: Some("w7587w4eiyfsudgf".into()),
                    ..Default::default()
                };
                c.cloud_recording().meeting_recording_registrants(MEETING_ID, &params)
            },
            "GET /v2/meetings/85746065432/recordings/registrants?status=pending&next_page_token=w7587w4eiyfsudgf",
            Sent::Nothing,
            |list| {
                let registrant = &list.registrants.unwrap()[0];
                assert_eq!((registrant.first_name.as_str(), registrant.status.clone()), ("Jill", Some(RegistrantStatus::Pending)));
            },
        ),
        row(
            |c| c.cloud_recording().meeting_recording_registrant_create(MEETING_ID, &new_registrant()),
            "POST /v2/meetings/85746065432/recordings/registrants",
            Sent::Json(json!({ "email": "jchill@example.com", "first_name": "Jill", "last_name": "Chill", "no_of_employees": "1-20" })),
            |created| assert!(created.share_url.unwrap().ends_with("?tk=xxxx")),
        ),
        row(
            |c| c.cloud_recording().recording_registrants_questions_get("85746065432"),
            "GET /v2/meetings/85746065432/recordings/registrants/questions",
            Sent::Nothing,
            |questions| {
                assert_eq!(questions.questions.unwrap()[0].field_name, Some(RegistrationQuestionFieldName::LastName));
                assert_eq!(questions.custom_questions.unwrap()[0].type_, Some(CustomQuestionType::Multiple));
            },
        ),
        row(
            |c| {
                let questions = RegistrationQuestions {
                    questions: Some(vec![RegistrationQuestion {
                        field_name: Some(RegistrationQuestionFieldName::Org),
                        required: Some(false),
                    }]),
                    custom_questions: None,
                };
                c.cloud_recording().recording_registrant_question_update("85746065432", &questions)
            },
            "PATCH /v2/meetings/85746065432/recordings/registrants/questions",
            Sent::Json(json!({ "questions": [{ "field_name": "org", "required": false }] })),
            no_body,
        ),
        row(
            |c| {
                let mut request = RecordingRegistrantStatusRequest::new(RegistrantStatusAction::Deny);
                request.registrants = Some(vec![RegistrantRef { id: Some("3Z7sEm0TQQieLav3c3OD_g".into()), email: None }]);
                c.cloud_recording().meeting_recording_registrant_status(MEETING_ID, &request)
            },
            "PUT /v2/meetings/85746065432/recordings/registrants/status",
            Sent::Json(json!({ "action": "deny", "registrants": [{ "id": "3Z7sEm0TQQieLav3c3OD_g" }] })),
            no_body,
        ),
        row(
            |c| c.cloud_recording().recording_settings("85746065432"),
            "GET /v2/meetings/85746065432/recordings/settings",
            Sent::Nothing,
            |settings| {
                assert_eq!(settings.share_recording, Some(RecordingShareOption::Internally));
                assert_eq!(settings.approval_type, Some(ApprovalType::Manually));
            },
        ),
        row(
            |c| {
                let settings = MeetingRecordingSettings {
                    viewer_download: Some(false),
                    password: Some("A1b2c3d4!".into()),
                    ..Default::default()
                };
                c.cloud_recording().recording_settings_update("85746065432", &settings)
            },
            "PATCH /v2/meetings/85746065432/recordings/settings",
            Sent::Json(json!({ "viewer_download": false, "password": "A1b2c3d4!" })),
            no_body,
        ),
        row(
            |c| c.cloud_recording().recording_delete_one("85746065432", RECORDING_ID, &RecordingDeleteOneParams::default()),
            "DELETE /v2/meetings/85746065432/recordings/72576a1f-4e66-4a77-87c4-f13f9808bd76",
            Sent::Nothing,
            no_body,
        ),
        row(
            |c| c.cloud_recording().recording_status_update_one("85746065432", RECORDING_ID, &recover()),
            "PUT /v2/meetings/85746065432/recordings/72576a1f-4e66-4a77-87c4-f13f9808bd76/status",
            Sent::Json(json!({ "action": "recover" })),
            no_body,
        ),
        // A UUID that begins with `/`: Zoom asks for it double-encoded, which the caller gets by
        // passing it encoded once (its `%` is encoded again).
        row(
            |c| c.cloud_recording().recording_status_update("%2FajXp112QmuoKj4854875%3D%3D", &recover()),
            "PUT /v2/meetings/%252FajXp112QmuoKj4854875%253D%253D/recordings/status",
            Sent::Json(json!({ "action": "recover" })),
            no_body,
        ),
    ]
}

fn new_registrant() -> Registrant {
    let mut registrant: Registrant =
        serde_json::from_value(json!({ "email": "jchill@example.com", "first_name": "Jill" })).expect("a registrant");
    registrant.last_name = Some("Chill".into());
    registrant.no_of_employees = Some(NumberOfEmployees::From1To20);
    registrant
}

/// Zoom's documented recordings decode and encode back to the same JSON.
#[test]
fn documented_recording_examples_round_trip() {
    fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(name: &str, example: Value) -> Option<String> {
        let decoded: T = serde_json::from_value(example.clone()).map_err(|err| format!("{name}: {err}")).ok()?;
        let encoded = serde_json::to_value(&decoded).expect("encodes");
        (encoded != example).then(|| format!("{name}: {encoded} != {example}"))
    }
    let failures: Vec<String> = [
        round_trip::<CloudRecordingList>("recording list", recording_list()),
        round_trip::<CloudRecordingDetails>("meeting recordings", cloud_recording_details()),
        round_trip::<MeetingRecordingSettings>("recording settings", recording_settings()),
    ]
    .into_iter()
    .flatten()
    .collect();
    assert!(failures.is_empty(), "{failures:#?}");
}

/// Documented limits are refused before anything is sent.
#[tokio::test]
async fn cloud_recording_limits_are_refused_before_sending() {
    let server = MockServer::start(answer).await;
    let client = client(&server);
    let recordings = client.cloud_recording();
    let list = |from: Option<&str>, to: Option<&str>, trash: Option<bool>, trash_type: Option<RecordingTrashType>| {
        let params = RecordingsListParams {
            from: from.map(Into::into),
            to: to.map(Into::into),
            trash,
            trash_type,
            ..Default::default()
        };
        recordings.recordings_list("me", &params)
    };
    let too_many = vec![RegistrantRef { id: Some("r".into()), email: None }; 31];
    let cases: Vec<(&str, Result<(), clientgen_runtime::Error<ZoomError>>)> = vec![
        (
            "a window over a month (maxDays 31)",
            list(Some("2022-01-01"), Some("2022-03-01"), None, None).await.map(drop),
        ),
        ("to before from", list(Some("2022-01-31"), Some("2022-01-01"), None, None).await.map(drop)),
        ("from is not a date", list(Some("01/01/2022"), None, None, None).await.map(drop)),
        ("trash files are not filtered by date", list(Some("2022-01-01"), None, Some(true), None).await.map(drop)),
        ("trash_type without trash", list(None, None, None, Some(RecordingTrashType::RecordingFile)).await.map(drop)),
        (
            "ttl over 604800 seconds",
            recordings
                .recording_get(
                    "85746065432",
                    &RecordingGetParams {
                        include_fields: Some(RecordingIncludeField::DownloadAccessToken),
                        ttl: Some(604801),
                    },
                )
                .await
                .map(drop),
        ),
        (
            "ttl without include_fields=download_access_token",
            recordings
                .recording_get("85746065432", &RecordingGetParams { include_fields: None, ttl: Some(60) })
                .await
                .map(drop),
        ),
        (
            "analytics over a month",
            recordings
                .analytics_summary(
                    "1",
                    &AnalyticsSummaryParams { from: Some("2022-01-01".into()), to: Some("2022-02-15".into()) },
                )
                .await
                .map(drop),
        ),
        (
            "a recording passcode under 8 characters",
            recordings
                .recording_settings_update(
                    "1",
                    &MeetingRecordingSettings { password: Some("1234567".into()), ..Default::default() },
                )
                .await,
        ),
        (
            "a recording passcode over 10 characters",
            recordings
                .recording_settings_update(
                    "1",
                    &MeetingRecordingSettings { password: Some("12345678901".into()), ..Default::default() },
                )
                .await,
        ),
        (
            "cancel is not a recording registrant action",
            recordings
                .meeting_recording_registrant_status(
                    MEETING_ID,
                    &RecordingRegistrantStatusRequest::new(RegistrantStatusAction::Cancel),
                )
                .await,
        ),
        (
            "more than 30 registrants",
            recordings
                .meeting_recording_registrant_status(
                    MEETING_ID,
                    &RecordingRegistrantStatusRequest {
                        action: RegistrantStatusAction::Approve,
                        registrants: Some(too_many),
                    },
                )
                .await,
        ),
        (
            "a registrant's first name over 64 characters",
            recordings
                .meeting_recording_registrant_create(
                    MEETING_ID,
                    &Registrant { first_name: "J".repeat(65), ..new_registrant() },
                )
                .await
                .map(drop),
        ),
    ];
    assert_all_invalid(cases);
    assert!(server.requests().is_empty(), "refused requests are never sent");
}

/// The operations Zoom gives a `:master` scope go to `/accounts/{accountId}` + their path for a
/// sub-account; the others are refused before sending.
#[tokio::test]
async fn a_master_account_lists_and_manages_a_sub_accounts_recordings() {
    let server = MockServer::start(answer).await;
    let client = client(&server);
    let sub = client.sub_account(SUB_ACCOUNT_ID);
    let list = sub.cloud_recording().recordings_list("me", &RecordingsListParams::default()).await.unwrap();
    assert_eq!(list.meetings.unwrap().len(), 1);
    sub.cloud_recording().recording_get("85746065432", &RecordingGetParams::default()).await.unwrap();
    sub.cloud_recording()
        .recording_delete_one("85746065432", RECORDING_ID, &RecordingDeleteOneParams::default())
        .await
        .unwrap();
    let lines: Vec<String> = server.requests().iter().map(Recorded::line).collect();
    assert_eq!(
        lines,
        [
            "GET /v2/accounts/q6gBJVO5TzexKYTb_I2rpg/users/me/recordings",
            "GET /v2/accounts/q6gBJVO5TzexKYTb_I2rpg/meetings/85746065432/recordings",
            "DELETE /v2/accounts/q6gBJVO5TzexKYTb_I2rpg/meetings/85746065432/recordings/72576a1f-4e66-4a77-87c4-f13f9808bd76",
        ]
    );
    let params = RecordingDeleteParams::default();
    let refused = sub.cloud_recording().recording_delete("85746065432", &params).await.unwrap_err();
    assert!(matches!(&refused, clientgen_runtime::Error::InvalidRequest { .. }), "{refused:?}");
    assert!(refused.to_string().contains("recordingDelete"), "{refused}");
    assert_eq!(server.requests().len(), 3, "refused requests are never sent");
}

/// `recordings_list_stream` follows `next_page_token` and yields every meeting's recording.
#[tokio::test]
async fn a_users_recordings_stream_across_pages() {
    fn two_pages(request: &Recorded) -> Reply {
        let (uuid, next) = if request.query.contains("next_page_token=page2") { ("B==", "") } else { ("A==", "page2") };
        let page = json!({ "page_size": 1, "next_page_token": next, "meetings": [{ "uuid": uuid, "type": 99 }] });
        Reply::json(200, page)
    }
    let server = MockServer::start(two_pages).await;
    let client = client(&server);
    let mut recordings = client.cloud_recording().recordings_list_stream("me", &RecordingsListParams::default());
    let mut seen = Vec::new();
    while let Some(recording) = recordings.next().await {
        let recording = recording.unwrap();
        seen.push((recording.uuid.unwrap(), recording.type_));
    }
    let uploaded = Some(RecordedMeetingType::Uploaded);
    assert_eq!(seen, [("A==".to_owned(), uploaded), ("B==".to_owned(), uploaded)]);
    let lines: Vec<String> = server.requests().iter().map(Recorded::line).collect();
    assert_eq!(lines, ["GET /v2/users/me/recordings", "GET /v2/users/me/recordings?next_page_token=page2"]);
}
