//! One row per operation of `specs/zoom/users.yaml`; then Zoom's documented user example
//! round-trips, and user create's documented limits and per-`action` rules are refused before
//! anything is sent.

use clientgen_tests::{Recorded, Reply};
use serde_json::{json, Value};
use zoom::types::*;

use super::bodies::{png, PNG};
use super::*;

const USERS_SPEC: &str = include_str!("../../../../specs/zoom/users.yaml");
const USER_ID: &str = "z8yBXksmRJuBQl6Y1r1kYg";

/// A user as Zoom's 2024 reference shows it (Get a user), trimmed to a representative subset.
fn user() -> Value {
    json!({
        "id": USER_ID,
        "email": "jchill@example.com",
        "first_name": "Jill",
        "last_name": "Chill",
        "display_name": "Jill Chill",
        "type": 2,
        "status": "active",
        "pmi": 3542471135_i64,
        "timezone": "Asia/Shanghai",
        "verified": 1,
        "login_types": [101, 100],
        "pronouns_option": 1,
        "zoom_one_type": 134217728,
        "plan_united_type": "1",
        "custom_attributes": [{ "key": "cbf_cywdkexrtqc73ckdnygdg", "name": "A1", "value": "1" }],
        "phone_numbers": [{ "code": "+1", "country": "US", "label": "Mobile", "number": "800000000", "verified": true }],
        "group_ids": ["RSMaSp8sTEGK0_oamiA2_w"],
        "role_id": "0",
        "account_id": "q6gBJVO5TzexKYTb_I2rpg",
        "account_number": 10009239
    })
}

fn answer(request: &Recorded) -> Reply {
    let path = request.path.strip_prefix("/v2/").unwrap_or(&request.path);
    let route: Vec<&str> = path.split('/').collect();
    let body = match (request.method.as_str(), route.as_slice()) {
        ("PUT" | "PATCH" | "DELETE", _) => return Reply::empty(204),
        ("GET", ["users"]) => json!({
            "next_page_token": "", "page_count": 1, "page_number": 1, "page_size": 30, "total_records": 1,
            "users": [{
                "id": USER_ID, "email": "jchill@example.com", "first_name": "Jill", "last_name": "Chill", "type": 1,
                "status": "pending", "verified": 0, "plan_united_type": "32", "pmi": 3542471135_i64,
                "custom_attributes": [{ "key": "cbf_cywdkexrtqc73ckdnygdg", "name": "A1", "value": "1" }]
            }]
        }),
        ("POST", ["users"]) => {
            json!({ "id": USER_ID, "email": "jchill@example.com", "first_name": "Jill", "last_name": "Chill", "type": 1 })
        }
        ("GET", ["users", "email"]) => json!({ "existed_email": true }),
        ("POST", ["users", "features"]) => json!({
            "success_user_ids": [USER_ID],
            "fail_details": [{ "user_ids": ["KDcuGIm1QgePTO8WbOqwIQ"], "reason": "Users not found" }]
        }),
        ("GET", ["users", "me", "zak"]) | ("GET", ["users", _, "token"]) => {
            json!({ "token": "6IjAwMDAwMSIsInptX3NrbSI6InptX2" })
        }
        ("GET", ["users", "summary"]) => json!({
            "licensed_users_count": 20, "basic_users_count": 50, "on_prem_users_count": 0, "room_users_count": 3,
            "pending_users_count": 2, "join_only_users_count": 0, "total_users_count": 75
        }),
        ("GET", ["users", "vanity_name"]) => json!({ "existed": false }),
        ("GET", ["users", _]) => user(),
        ("GET", ["users", _, "assistants"]) => {
            json!({ "assistants": [{ "id": "9F6Lhp2eQnOCZrTeOpp1Xg", "email": "assistant@example.com" }] })
        }
        ("POST", ["users", _, "assistants"]) => {
            json!({ "ids": "9F6Lhp2eQnOCZrTeOpp1Xg", "add_at": "2025-03-04T15:00:00Z" })
        }
        ("GET", ["users", _, "collaboration_devices"]) => json!({
            "total_records": 1,
            "collaboration_devices": [{ "id": "abc", "device_name": "Room 1", "room_name": "Room 1", "room_user_id": "r1", "status": "Online" }]
        }),
        ("GET", ["users", _, "collaboration_devices", _]) => {
            json!({ "id": "abc", "device_name": "Room 1", "room_name": "Room 1", "room_user_id": "r1", "status": "Offline" })
        }
        ("GET", ["users", _, "meeting_templates", _]) => json!({
            "id": "AdxbhxCzKgSiWAw", "name": "Weekly sync",
            "settings": { "in_meeting": { "entry_exit_chime": "host" }, "recording": { "auto_recording": "cloud" } }
        }),
        ("GET", ["users", _, "permissions"]) => json!({ "permissions": ["Dashboard_Home:Read", "Recording:Edit"] }),
        ("POST", ["users", _, "picture"]) => json!({}),
        ("GET", ["users", _, "presence_status"]) => {
            json!({ "status": "Do_No_Disturb", "end_time": "2025-03-27T04:00:00Z", "remaining_time": 60 })
        }
        ("GET", ["users", _, "schedulers"]) => {
            json!({ "schedulers": [{ "id": "s1", "email": "scheduler@example.com", "pmi": 3542471135_i64 }] })
        }
        ("GET", ["users", _, "settings"]) => json!({
            "schedule_meeting": { "host_video": true, "jbh_time": 0 },
            "in_meeting": { "allow_users_save_chats": 3 },
            "feature": { "meeting_capacity": 300, "large_meeting": false, "zoom_events_capacity": 500 },
            "whiteboard": { "out_meeting_advanced_whiteboard": true }
        }),
        ("POST", ["users", _, "settings", "virtual_backgrounds"]) => {
            json!({ "id": "_l0MP1U7Qn2JgJ4oEJbVZQ", "is_default": false, "name": "home.png", "size": 7, "type": "image" })
        }
        _ => return no_route(request),
    };
    Reply::json(if request.method == "POST" { 201 } else { 200 }, body)
}

fn user_create(action: UserCreateAction, type_: UserType, password: Option<&str>) -> UserCreate {
    UserCreate {
        action,
        user_info: Some(UserCreateInfo {
            email: "jchill@example.com".into(),
            type_,
            first_name: Some("Jill".into()),
            last_name: Some("Chill".into()),
            password: password.map(Into::into),
            ..UserCreateInfo::new("", UserType::Basic)
        }),
    }
}

pub(super) fn rows() -> Vec<Row> {
    vec![
        row(
            |c| {
                let params = UsersParams {
                    status: Some(UserStatus::Pending),
                    include_fields: Some(UsersIncludeFields::CustomAttributes),
                    page_size: Some(100),
                    ..Default::default()
                };
                c.users().users(&params)
            },
            "GET /v2/users?status=pending&page_size=100&include_fields=custom_attributes",
            Sent::Nothing,
            |list| {
                let first = &list.users.as_ref().unwrap()[0];
                assert_eq!((first.type_, first.status.clone()), (UserType::Basic, Some(UserStatus::Pending)));
                assert_eq!(first.verified, Some(EmailVerification::NotVerified));
                assert_eq!(first.plan_united_type, Some(ZoomUnitedPlan::BizUsCa));
            },
        ),
        row(
            |c| c.users().user_create(&user_create(UserCreateAction::AutoCreate, UserType::Licensed, Some("if42!LfH@"))),
            "POST /v2/users",
            Sent::Json(json!({
                "action": "autoCreate",
                "user_info": { "email": "jchill@example.com", "type": 2, "first_name": "Jill", "last_name": "Chill", "password": "if42!LfH@" }
            })),
            |created| assert_eq!((created.id.as_deref(), created.type_), (Some(USER_ID), Some(UserType::Basic))),
        ),
        row(
            |c| c.users().user_email("jchill@example.com"),
            "GET /v2/users/email?email=jchill%40example.com",
            Sent::Nothing,
            |check| assert_eq!(check.existed_email, Some(true)),
        ),
        row(
            |c| {
                let change = UserFeatureBulkUpdate {
                    feature_type: UserFeatureBulkUpdateFeatureType::LargeMeeting,
                    feature_value: "500".into(),
                    users: vec![UserFeatureChange { id: Some(USER_ID.into()), email: None }],
                };
                c.users().bulk_update_feature(&change)
            },
            "POST /v2/users/features",
            Sent::Json(json!({ "feature_type": "large_meeting", "feature_value": "500", "users": [{ "id": USER_ID }] })),
            |result| {
                assert_eq!(result.success_user_ids.unwrap(), [USER_ID]);
                assert_eq!(result.fail_details.unwrap()[0].reason, Some(UserFeatureFailureReason::UsersNotFound));
            },
        ),
        row(
            |c| c.users().user_zak(),
            "GET /v2/users/me/zak",
            Sent::Nothing,
            |zak| assert!(zak.token.unwrap().starts_with("6IjAw")),
        ),
        row(
            |c| c.users().user_summary(),
            "GET /v2/users/summary",
            Sent::Nothing,
            |summary| assert_eq!((summary.licensed_users_count, summary.total_users_count), (Some(20), Some(75))),
        ),
        row(
            |c| c.users().user_vanity_name("jillchill"),
            "GET /v2/users/vanity_name?vanity_name=jillchill",
            Sent::Nothing,
            |check| assert_eq!(check.existed, Some(false)),
        ),
        row(
            |c| c.users().user(USER_ID, &UserParams { login_type: Some(LoginType::Sso), ..Default::default() }),
            "GET /v2/users/z8yBXksmRJuBQl6Y1r1kYg?login_type=101",
            Sent::Nothing,
            |user| {
                assert_eq!((user.type_, user.status), (UserType::Licensed, Some(UserStatus::Active)));
                assert_eq!(user.login_types.unwrap(), [LoginType::Sso, LoginType::ZoomWorkEmail]);
                assert_eq!(user.zoom_one_type, Some(ZoomWorkplacePlan::EnterprisePremierUsCa));
                assert_eq!(user.pronouns_option, Some(PronounsOption::AskEveryTime));
            },
        ),
        row(
            |c| {
                let params = UserDeleteParams {
                    action: Some(UserDeleteAction::Delete),
                    transfer_email: Some("owner@example.com".into()),
                    transfer_meeting: Some(true),
                    ..Default::default()
                };
                c.users().user_delete(USER_ID, &params)
            },
            "DELETE /v2/users/z8yBXksmRJuBQl6Y1r1kYg?action=delete&transfer_email=owner%40example.com&transfer_meeting=true",
            Sent::Nothing,
            no_body,
        ),
        row(
            |c| {
                let change = UserUpdate {
                    first_name: Some("Jill".into()),
                    type_: Some(UserType::Licensed),
                    zoom_one_type: Some(ZoomWorkplacePlan::None),
                    pronouns_option: Some(PronounsOption::DoNotDisplay),
                    ..Default::default()
                };
                c.users().user_update(USER_ID, &change, &UserUpdateParams::default())
            },
            "PATCH /v2/users/z8yBXksmRJuBQl6Y1r1kYg",
            Sent::Json(json!({ "first_name": "Jill", "type": 2, "zoom_one_type": 0, "pronouns_option": 3 })),
            no_body,
        ),
        row(
            |c| c.users().user_assistants("me"),
            "GET /v2/users/me/assistants",
            Sent::Nothing,
            |list| assert_eq!(list.assistants.unwrap()[0].email.as_deref(), Some("assistant@example.com")),
        ),
        row(
            |c| {
                let add = AssistantList {
                    assistants: Some(vec![Assistant { email: Some("assistant@example.com".into()), id: None }]),
                };
                c.users().user_assistant_create(USER_ID, &add)
            },
            "POST /v2/users/z8yBXksmRJuBQl6Y1r1kYg/assistants",
            Sent::Json(json!({ "assistants": [{ "email": "assistant@example.com" }] })),
            |added| assert_eq!(added.ids.as_deref(), Some("9F6Lhp2eQnOCZrTeOpp1Xg")),
        ),
        row(
            |c| c.users().user_assistants_delete(USER_ID),
            "DELETE /v2/users/z8yBXksmRJuBQl6Y1r1kYg/assistants",
            Sent::Nothing,
            no_body,
        ),
        row(
            |c| c.users().user_assistant_delete(USER_ID, "9F6Lhp2eQnOCZrTeOpp1Xg"),
            "DELETE /v2/users/z8yBXksmRJuBQl6Y1r1kYg/assistants/9F6Lhp2eQnOCZrTeOpp1Xg",
            Sent::Nothing,
            no_body,
        ),
        row(
            |c| c.users().list_collaboration_devices(USER_ID),
            "GET /v2/users/z8yBXksmRJuBQl6Y1r1kYg/collaboration_devices",
            Sent::Nothing,
            |list| assert_eq!(list.collaboration_devices.unwrap()[0].status, Some(CollaborationDeviceStatus::Online)),
        ),
        row(
            |c| c.users().get_collaboration_device(USER_ID, "abc"),
            "GET /v2/users/z8yBXksmRJuBQl6Y1r1kYg/collaboration_devices/abc",
            Sent::Nothing,
            |device| assert_eq!(device.status, Some(CollaborationDeviceStatus::Offline)),
        ),
        row(
            |c| c.users().user_email_update(USER_ID, &UserEmailUpdate { email: "jill@example.com".into() }),
            "PUT /v2/users/z8yBXksmRJuBQl6Y1r1kYg/email",
            Sent::Json(json!({ "email": "jill@example.com" })),
            no_body,
        ),
        row(
            |c| c.users().get_user_meeting_templates(USER_ID, "AdxbhxCzKgSiWAw"),
            "GET /v2/users/z8yBXksmRJuBQl6Y1r1kYg/meeting_templates/AdxbhxCzKgSiWAw",
            Sent::Nothing,
            |template| assert_eq!(template.name.as_deref(), Some("Weekly sync")),
        ),
        row(
            |c| c.users().user_password(USER_ID, &UserPasswordUpdate { password: "if42!LfH@".into() }),
            "PUT /v2/users/z8yBXksmRJuBQl6Y1r1kYg/password",
            Sent::Json(json!({ "password": "if42!LfH@" })),
            no_body,
        ),
        row(
            |c| c.users().user_permission(USER_ID),
            "GET /v2/users/z8yBXksmRJuBQl6Y1r1kYg/permissions",
            Sent::Nothing,
            |permissions| assert_eq!(permissions.permissions.unwrap().len(), 2),
        ),
        row(
            |c| c.users().user_picture(USER_ID, &UserPictureForm { pic_file: png("jill.png") }),
            "POST /v2/users/z8yBXksmRJuBQl6Y1r1kYg/picture",
            Sent::FilePart { part: "pic_file", file_name: "jill.png", bytes: PNG },
            |_| {},
        ),
        row(
            |c| c.users().user_picture_delete(USER_ID),
            "DELETE /v2/users/z8yBXksmRJuBQl6Y1r1kYg/picture",
            Sent::Nothing,
            no_body,
        ),
        row(
            |c| c.users().get_user_presence_status("me"),
            "GET /v2/users/me/presence_status",
            Sent::Nothing,
            |presence| {
                assert_eq!(presence.status, Some(Presence::DoNoDisturb));
                assert_eq!(presence.remaining_time, Some(60.0));
            },
        ),
        row(
            |c| {
                let update = PresenceStatusUpdate { status: Some(Presence::DoNoDisturb), duration: Some(30) };
                c.users().update_presence_status(USER_ID, &update)
            },
            "PUT /v2/users/z8yBXksmRJuBQl6Y1r1kYg/presence_status",
            Sent::Json(json!({ "status": "Do_No_Disturb", "duration": 30 })),
            no_body,
        ),
        row(
            |c| c.users().user_schedulers(USER_ID),
            "GET /v2/users/z8yBXksmRJuBQl6Y1r1kYg/schedulers",
            Sent::Nothing,
            |list| assert_eq!(list.schedulers.unwrap()[0].pmi, Some(3542471135)),
        ),
        row(
            |c| c.users().user_schedulers_delete(USER_ID),
            "DELETE /v2/users/z8yBXksmRJuBQl6Y1r1kYg/schedulers",
            Sent::Nothing,
            no_body,
        ),
        row(
            |c| c.users().user_scheduler_delete(USER_ID, "s1"),
            "DELETE /v2/users/z8yBXksmRJuBQl6Y1r1kYg/schedulers/s1",
            Sent::Nothing,
            no_body,
        ),
        row(
            |c| c.users().user_settings(USER_ID, &UserSettingsParams::default()),
            "GET /v2/users/z8yBXksmRJuBQl6Y1r1kYg/settings",
            Sent::Nothing,
            |settings| {
                assert_eq!(settings.schedule_meeting.unwrap().jbh_time, Some(JoinBeforeHostTime::AnyTime));
                let feature = settings.feature.unwrap();
                assert_eq!(feature.zoom_events_capacity, Some(EventCapacity::Attendees500));
                assert_eq!(settings.whiteboard.unwrap().out_meeting_advanced_whiteboard, Some(true));
            },
        ),
        row(
            |c| {
                let settings = UserSettings {
                    in_meeting: Some(InMeetingSettings {
                        allow_users_save_chats: Some(InMeetingSettingsAllowUsersSaveChats::ParticipantsCanSaveAllMeeting),
                        ..Default::default()
                    }),
                    ..Default::default()
                };
                let params = UserSettingsUpdateParams { option: Some(SettingsOption::MeetingSecurity) };
                c.users().user_settings_update(USER_ID, &settings, &params)
            },
            "PATCH /v2/users/z8yBXksmRJuBQl6Y1r1kYg/settings?option=meeting_security",
            Sent::Json(json!({ "in_meeting": { "allow_users_save_chats": 3 } })),
            no_body,
        ),
        row(
            |c| c.users().upload_user_vb(USER_ID, &UploadUserVbForm { file: png("home.png") }),
            "POST /v2/users/z8yBXksmRJuBQl6Y1r1kYg/settings/virtual_backgrounds",
            Sent::Form { file_name: "home.png", bytes: PNG, fields: &[] },
            |file| assert_eq!(file.name.as_deref(), Some("home.png")),
        ),
        row(
            |c| c.users().del_user_vb(USER_ID, &DelUserVbParams { file_ids: Some("_l0MP1U7Qn2JgJ4oEJbVZQ".into()) }),
            "DELETE /v2/users/z8yBXksmRJuBQl6Y1r1kYg/settings/virtual_backgrounds?file_ids=_l0MP1U7Qn2JgJ4oEJbVZQ",
            Sent::Nothing,
            no_body,
        ),
        row(
            |c| c.users().user_status(USER_ID, &UserStatusUpdate { action: UserStatusUpdateAction::Deactivate }),
            "PUT /v2/users/z8yBXksmRJuBQl6Y1r1kYg/status",
            Sent::Json(json!({ "action": "deactivate" })),
            no_body,
        ),
        row(
            |c| c.users().user_token(USER_ID, &UserTokenParams { type_: Some(UserTokenType::Zak), ttl: Some(7200) }),
            "GET /v2/users/z8yBXksmRJuBQl6Y1r1kYg/token?type=zak&ttl=7200",
            Sent::Nothing,
            |token| assert!(token.token.is_some()),
        ),
        row(
            |c| {
                let target = UserAccountSwitch { account_id: "ABCDEF0G0YxBBB".into() };
                c.users().switch_user_account("q6gBJVO5TzexKYTb_I2rpg", USER_ID, &target)
            },
            "PUT /v2/accounts/q6gBJVO5TzexKYTb_I2rpg/users/z8yBXksmRJuBQl6Y1r1kYg/account",
            Sent::Json(json!({ "account_id": "ABCDEF0G0YxBBB" })),
            no_body,
        ),
        row(
            |c| c.users().user_sso_token_delete(USER_ID),
            "DELETE /v2/users/z8yBXksmRJuBQl6Y1r1kYg/token",
            Sent::Nothing,
            no_body,
        ),
    ]
}

#[tokio::test]
async fn every_users_operation_sends_the_documented_request_and_decodes_the_response() {
    run_table(rows(), USERS_SPEC, 35, answer).await;
}

#[test]
fn zooms_user_example_round_trips() {
    let decoded: User = serde_json::from_value(user()).expect("the example decodes");
    assert_eq!(serde_json::to_value(&decoded).unwrap(), user());
}

#[tokio::test]
async fn user_create_rules_and_limits_are_refused_before_sending() {
    let server = MockServer::start(answer).await;
    let client = client(&server);
    let mut long_name = user_create(UserCreateAction::Create, UserType::Basic, None);
    long_name.user_info.as_mut().unwrap().first_name = Some("J".repeat(65));
    let refused = [
        // a password is only for autoCreate
        user_create(UserCreateAction::Create, UserType::Basic, Some("if42!LfH@")),
        user_create(UserCreateAction::CustCreate, UserType::Basic, Some("if42!LfH@")),
        user_create(UserCreateAction::SsoCreate, UserType::Basic, Some("if42!LfH@")),
        // type 99 only with ssoCreate
        user_create(UserCreateAction::Create, UserType::NoneSsoOnly, None),
        // documented lengths: first_name <= 64, password 8..=32
        long_name,
        user_create(UserCreateAction::AutoCreate, UserType::Basic, Some("short")),
    ];
    for create in refused {
        let err = client.users().user_create(&create).await.unwrap_err();
        assert!(matches!(err, clientgen_runtime::Error::Validation { .. }), "{create:?}: {err:?}");
    }
    let users = client.users();
    let refused_calls = [
        // duration only with Do Not Disturb, and 1..=1440 minutes
        users.update_presence_status(
            USER_ID,
            &PresenceStatusUpdate { status: Some(Presence::Away), duration: Some(30) },
        ),
        users.update_presence_status(
            USER_ID,
            &PresenceStatusUpdate { status: Some(Presence::DoNoDisturb), duration: Some(0) },
        ),
        users.update_presence_status(
            USER_ID,
            &PresenceStatusUpdate { status: Some(Presence::DoNoDisturb), duration: Some(1441) },
        ),
        // a password of 8 to 32 characters; a PMI of 10 digits
        users.user_password(USER_ID, &UserPasswordUpdate { password: "short".into() }),
        users.user_password(USER_ID, &UserPasswordUpdate { password: "p".repeat(33) }),
        users.user_update(
            USER_ID,
            &UserUpdate { pmi: Some(123456789), ..Default::default() },
            &UserUpdateParams::default(),
        ),
    ];
    for call in refused_calls {
        let err = call.await.unwrap_err();
        assert!(matches!(err, clientgen_runtime::Error::Validation { .. }), "{err:?}");
    }
    let err = client.users().users(&UsersParams { page_size: Some(301), ..Default::default() }).await.unwrap_err();
    assert!(matches!(err, clientgen_runtime::Error::Validation { .. }), "page_size above 300: {err:?}");
    assert!(server.requests().is_empty(), "refused requests are never sent");

    let accepted = [
        user_create(UserCreateAction::Create, UserType::Basic, None),
        user_create(UserCreateAction::AutoCreate, UserType::Licensed, Some("if42!LfH@")),
        user_create(UserCreateAction::CustCreate, UserType::Licensed, None),
        user_create(UserCreateAction::SsoCreate, UserType::NoneSsoOnly, None),
    ];
    for create in &accepted {
        client.users().user_create(create).await.unwrap();
    }
    assert_eq!(server.requests().len(), accepted.len());
}
