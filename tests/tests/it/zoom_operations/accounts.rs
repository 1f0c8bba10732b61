//! One row per operation of `specs/zoom/accounts.yaml`: the master account's sub-accounts and the
//! account-level settings, locked settings, registration settings, domains, owner and virtual
//! backgrounds; then Zoom's documented examples round-trip and documented limits are refused.

use clientgen_tests::{Recorded, Reply};
use serde_json::{json, Value};
use zoom::types::*;

use super::bodies::{png, PNG};
use super::*;

const ACCOUNTS_SPEC: &str = include_str!("../../../../specs/zoom/accounts.yaml");
const SUB_ACCOUNT_ID: &str = "q6gBJVO5TzexKYTb_I2rpg";

/// A sub-account as Zoom's 2021 reference shows it (Get sub account details).
fn sub_account() -> Value {
    json!({
        "id": SUB_ACCOUNT_ID,
        "owner_id": "z8yBXksmRJuBQl6Y1r1kYg",
        "owner_email": "jchill@example.com",
        "created_at": "2025-02-20T10:00:00Z",
        "options": { "share_rc": false, "share_mc": true, "meeting_connector_list": ["10.0.0.1"], "pay_mode": "master", "billing_auto_renew": true },
        "vanity_url": "https://example.zoom.us"
    })
}

/// Account settings shaped like Zoom's 2024 example: a few fields of several blocks.
fn account_settings() -> Value {
    json!({
        "schedule_meeting": { "host_video": true, "join_before_host": true, "jbh_time": 5, "audio_type": "both" },
        "in_meeting": { "allow_participants_chat_with": 4, "allow_users_save_chats": 2, "e2e_encryption": false },
        "security": { "admin_change_name_pic": true, "password_requirement": { "minimum_password_length": 8, "have_special_character": true } },
        "recording": { "cloud_recording": true, "auto_delete_cmr": true, "auto_delete_cmr_days": 30 },
        "chat": { "share_files": { "enable": true, "share_option": "anyone", "restrictions": { "only_allow_specific_file_types": true, "file_type_restrictions": [".pdf", ".7z"], "file_size_restrictions": 100 } } }
    })
}

fn answer(request: &Recorded) -> Reply {
    let path = request.path.strip_prefix("/v2/").unwrap_or(&request.path);
    let route: Vec<&str> = path.split('/').collect();
    let body = match (request.method.as_str(), route.as_slice()) {
        ("PUT" | "PATCH" | "DELETE", _) => return Reply::empty(204),
        ("GET", ["accounts"]) => json!({
            "page_count": 1, "page_number": 1, "page_size": 30, "total_records": 1, "next_page_token": "",
            "accounts": [{
                "id": SUB_ACCOUNT_ID, "account_name": "Example Co", "owner_email": "jchill@example.com",
                "account_type": "Business", "seats": 25, "subscription_start_time": "2025-01-01T00:00:00Z",
                "subscription_end_time": "2026-01-01T00:00:00Z", "created_at": "2024-12-20T10:00:00Z", "account_number": "8712345"
            }]
        }),
        ("POST", ["accounts"]) => json!({
            "id": SUB_ACCOUNT_ID, "owner_id": "z8yBXksmRJuBQl6Y1r1kYg", "owner_email": "jchill@example.com", "created_at": "2025-02-20T10:00:00Z"
        }),
        ("GET", ["accounts", _]) => sub_account(),
        ("GET", ["accounts", _, "lock_settings"]) => json!({
            "schedule_meeting": { "host_video": true, "join_before_host": false },
            "recording": { "cloud_recording": true, "ip_address_access_control": true },
            "meeting_security": { "waiting_room": true, "encryption_type": true }
        }),
        ("GET", ["accounts", _, "managed_domains"]) => {
            json!({ "total_records": 1, "domains": [{ "domain": "example.com", "status": "verified" }] })
        }
        ("GET", ["accounts", _, "settings"]) => account_settings(),
        ("GET", ["accounts", _, "settings", "registration"]) => json!({
            "approve_type": 1,
            "options": { "host_email_notification": true, "close_registration": false },
            "questions": [{ "field_name": "last_name", "required": true, "selected": true }],
            "custom_questions": [{ "title": "How did you hear about us?", "type": "single_dropdown", "answers": ["Web", "Friend"], "required": false, "selected": true }]
        }),
        ("POST", ["accounts", _, "settings", "virtual_backgrounds"]) => {
            json!({ "id": "_l0MP1U7Qn2JgJ4oEJbVZQ", "is_default": true, "name": "office.png", "size": 7, "type": "image" })
        }
        ("GET", ["accounts", _, "trusted_domains"]) => json!({ "trusted_domains": ["example.com", "example.org"] }),
        _ => return no_route(request),
    };
    Reply::json(if request.method == "POST" { 201 } else { 200 }, body)
}

pub(super) fn rows() -> Vec<Row> {
    vec![
        row(
            |c| {
                c.accounts().accounts(&AccountsParams {
                    page_size: Some(50),
                    next_page_token: Some("tok".into()),
                    ..Default::default()
                })
            },
            "GET /v2/accounts?page_size=50&next_page_token=tok",
            Sent::Nothing,
            |list| {
                let first = &list.accounts.as_ref().unwrap()[0];
                assert_eq!((first.id.as_deref(), first.seats), (Some(SUB_ACCOUNT_ID), Some(25)));
                assert_eq!(list.next_page_token.as_deref(), Some(""));
            },
        ),
        row(
            |c| {
                let create = SubAccountCreate {
                    first_name: "Jill".into(),
                    last_name: "Chill".into(),
                    email: "jchill@example.com".into(),
                    password: "if42!LfH@".into(),
                    account_name: Some("Example Co".into()),
                    options: Some(SubAccountOptions {
                        share_mc: Some(true),
                        pay_mode: Some(SubAccountOptionsPayMode::Master),
                        ..Default::default()
                    }),
                };
                c.accounts().account_create(&create)
            },
            "POST /v2/accounts",
            Sent::Json(json!({
                "first_name": "Jill", "last_name": "Chill", "email": "jchill@example.com", "password": "if42!LfH@",
                "account_name": "Example Co", "options": { "share_mc": true, "pay_mode": "master" }
            })),
            |created| assert_eq!(created.id.as_deref(), Some(SUB_ACCOUNT_ID)),
        ),
        row(
            |c| c.accounts().account(SUB_ACCOUNT_ID),
            "GET /v2/accounts/q6gBJVO5TzexKYTb_I2rpg",
            Sent::Nothing,
            |account| {
                let options = account.options.unwrap();
                assert_eq!(options.pay_mode, Some(SubAccountOptionsPayMode::Master));
                assert_eq!(options.meeting_connector_list, Some(vec!["10.0.0.1".to_string()]));
            },
        ),
        row(
            |c| c.accounts().account_disassociate(SUB_ACCOUNT_ID),
            "DELETE /v2/accounts/q6gBJVO5TzexKYTb_I2rpg",
            Sent::Nothing,
            no_body,
        ),
        row(
            |c| {
                let options = SubAccountOptions {
                    share_rc: Some(true),
                    room_connector_list: Some(vec!["10.0.0.2".into()]),
                    billing_auto_renew: Some(false),
                    ..Default::default()
                };
                c.accounts().account_options_update(SUB_ACCOUNT_ID, &options)
            },
            "PATCH /v2/accounts/q6gBJVO5TzexKYTb_I2rpg/options",
            Sent::Json(json!({ "share_rc": true, "room_connector_list": ["10.0.0.2"], "billing_auto_renew": false })),
            no_body,
        ),
        row(
            |c| {
                let params =
                    GetAccountLockSettingsParams { option: Some("meeting_security".into()), ..Default::default() };
                c.accounts().get_account_lock_settings("me", &params)
            },
            "GET /v2/accounts/me/lock_settings?option=meeting_security",
            Sent::Nothing,
            |locked| {
                assert_eq!(locked.schedule_meeting.unwrap().host_video, Some(true));
                assert_eq!(locked.meeting_security.unwrap().waiting_room, Some(true));
                assert!(matches!(
                    locked.recording.unwrap().ip_address_access_control,
                    Some(RecordingLockSettingsIpAddressAccessControl::Bool(true))
                ));
            },
        ),
        row(
            |c| {
                let locked = AccountLockSettings {
                    schedule_meeting: Some(ScheduleMeetingLockSettings {
                        host_video: Some(false),
                        ..Default::default()
                    }),
                    ..Default::default()
                };
                c.accounts().update_locked_settings(SUB_ACCOUNT_ID, &locked)
            },
            "PATCH /v2/accounts/q6gBJVO5TzexKYTb_I2rpg/lock_settings",
            Sent::Json(json!({ "schedule_meeting": { "host_video": false } })),
            no_body,
        ),
        row(
            |c| c.accounts().account_managed_domain("me"),
            "GET /v2/accounts/me/managed_domains",
            Sent::Nothing,
            |list| assert_eq!(list.domains.unwrap()[0].status.as_deref(), Some("verified")),
        ),
        row(
            |c| {
                c.accounts()
                    .update_the_account_owner(SUB_ACCOUNT_ID, &AccountOwnerUpdate { email: "owner@example.com".into() })
            },
            "PUT /v2/accounts/q6gBJVO5TzexKYTb_I2rpg/owner",
            Sent::Json(json!({ "email": "owner@example.com" })),
            no_body,
        ),
        row(
            |c| {
                let params = AccountSettingsParams { option: Some(SettingsOption::Security), ..Default::default() };
                c.accounts().account_settings(SUB_ACCOUNT_ID, &params)
            },
            "GET /v2/accounts/q6gBJVO5TzexKYTb_I2rpg/settings?option=security",
            Sent::Nothing,
            |settings| {
                let schedule = settings.schedule_meeting.unwrap();
                assert_eq!(schedule.jbh_time, Some(JoinBeforeHostTime::FiveMinutesBefore));
                let in_meeting = settings.in_meeting.unwrap();
                assert_eq!(
                    in_meeting.allow_participants_chat_with,
                    Some(InMeetingSettingsAllowParticipantsChatWith::EveryonePubliclyAndPrivately)
                );
                let restrictions = settings.chat.unwrap().share_files.unwrap().restrictions.unwrap();
                assert_eq!(restrictions.file_type_restrictions.unwrap()[0], ChatFileType::Pdf);
            },
        ),
        row(
            |c| {
                let settings = AccountSettings {
                    schedule_meeting: Some(ScheduleMeetingSettings {
                        join_before_host: Some(true),
                        jbh_time: Some(JoinBeforeHostTime::TenMinutesBefore),
                        ..Default::default()
                    }),
                    ..Default::default()
                };
                let params = AccountSettingsUpdateParams { option: None };
                c.accounts().account_settings_update("me", &settings, &params)
            },
            "PATCH /v2/accounts/me/settings",
            Sent::Json(json!({ "schedule_meeting": { "join_before_host": true, "jbh_time": 10 } })),
            no_body,
        ),
        row(
            |c| {
                let params = AccountSettingsRegistrationParams { type_: Some(RegistrationSettingsType::Webinar) };
                c.accounts().account_settings_registration("me", &params)
            },
            "GET /v2/accounts/me/settings/registration?type=webinar",
            Sent::Nothing,
            |registration| {
                assert_eq!(registration.approve_type, Some(RegistrationSettingsApproveType::Manual));
                assert_eq!(registration.custom_questions.unwrap()[0].answers.as_ref().unwrap().len(), 2);
            },
        ),
        row(
            |c| {
                let settings = RegistrationSettings {
                    approve_type: Some(RegistrationSettingsApproveType::Automatic),
                    options: Some(RegistrationSettingsOptions { close_registration: Some(true), ..Default::default() }),
                    ..Default::default()
                };
                let params = AccountSettingsRegistrationUpdateParams { type_: Some(RegistrationSettingsType::Webinar) };
                c.accounts().account_settings_registration_update("me", &settings, &params)
            },
            "PATCH /v2/accounts/me/settings/registration?type=webinar",
            Sent::Json(json!({ "approve_type": 0, "options": { "close_registration": true } })),
            no_body,
        ),
        row(
            |c| c.accounts().upload_vb(SUB_ACCOUNT_ID, &UploadVbForm { file: png("office.png") }),
            "POST /v2/accounts/q6gBJVO5TzexKYTb_I2rpg/settings/virtual_backgrounds",
            Sent::Form { file_name: "office.png", bytes: PNG, fields: &[] },
            |file| assert_eq!((file.name.as_deref(), file.size), (Some("office.png"), Some(7))),
        ),
        row(
            |c| c.accounts().del_vb("me", &DelVbParams { file_ids: Some("_l0MP1U7Qn2JgJ4oEJbVZQ,vb2".into()) }),
            "DELETE /v2/accounts/me/settings/virtual_backgrounds?file_ids=_l0MP1U7Qn2JgJ4oEJbVZQ%2Cvb2",
            Sent::Nothing,
            no_body,
        ),
        row(
            |c| c.accounts().account_trusted_domain("me"),
            "GET /v2/accounts/me/trusted_domains",
            Sent::Nothing,
            |list| assert_eq!(list.trusted_domains.unwrap(), ["example.com", "example.org"]),
        ),
    ]
}

#[tokio::test]
async fn every_accounts_operation_sends_the_documented_request_and_decodes_the_response() {
    run_table(rows(), ACCOUNTS_SPEC, 16, answer).await;
}

/// Decoding then encoding gives the documented JSON back (absent fields stay absent).
fn round_trips<T: serde::de::DeserializeOwned + serde::Serialize>(example: Value) {
    let decoded: T = serde_json::from_value(example.clone()).expect("the example decodes");
    assert_eq!(serde_json::to_value(&decoded).unwrap(), example);
}

#[test]
fn zooms_sub_account_and_settings_examples_round_trip() {
    round_trips::<SubAccount>(sub_account());
    round_trips::<AccountSettings>(account_settings());
}

#[tokio::test]
async fn documented_sub_account_limits_are_refused_before_sending() {
    let server = MockServer::start(answer).await;
    let client = client(&server);
    let valid = SubAccountCreate {
        first_name: "Jill".into(),
        last_name: "Chill".into(),
        email: "jchill@example.com".into(),
        password: "if42!LfH@".into(),
        account_name: None,
        options: None,
    };
    let too_long = [
        SubAccountCreate { first_name: "J".repeat(65), ..valid.clone() },
        SubAccountCreate { last_name: "C".repeat(65), ..valid.clone() },
        SubAccountCreate { account_name: Some("A".repeat(65)), ..valid.clone() },
        SubAccountCreate { email: format!("{}@example.com", "j".repeat(120)), ..valid.clone() },
    ];
    for create in too_long {
        let err = client.accounts().account_create(&create).await.unwrap_err();
        assert!(matches!(err, clientgen_runtime::Error::Validation { .. }), "{err:?}");
    }
    assert!(server.requests().is_empty(), "refused requests are never sent");
    client.accounts().account_create(&valid).await.unwrap();
    assert_eq!(server.requests().len(), 1);
}
