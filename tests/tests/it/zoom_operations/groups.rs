//! One row per operation of `specs/zoom/groups.yaml`; Zoom's group example round-trips and the
//! member-update rule is refused before sending.

use clientgen_tests::{Recorded, Reply};
use serde_json::{json, Value};
use zoom::types::*;

use super::bodies::{png, PNG};
use super::*;

const GROUPS_SPEC: &str = include_str!("../../../../specs/zoom/groups.yaml");
const GROUP_ID: &str = "SobVexyrQjqCkcxjpBWi6w";
const MEMBER_ID: &str = "v4iyWT1LTfy8QvPG4GTvdg";

/// A group as Zoom's reference shows it (Get a group).
fn group() -> Value {
    json!({ "id": GROUP_ID, "name": "Developers", "total_members": 4 })
}

fn answer(request: &Recorded) -> Reply {
    let path = request.path.strip_prefix("/v2/").unwrap_or(&request.path);
    let route: Vec<&str> = path.split('/').collect();
    let body = match (request.method.as_str(), route.as_slice()) {
        ("PUT" | "PATCH" | "DELETE", _) => return Reply::empty(204),
        ("GET", ["groups"]) => json!({ "total_records": 1, "groups": [group()] }),
        ("POST", ["groups"]) => group(),
        ("GET", ["groups", _]) => group(),
        ("GET", ["groups", _, "admins"]) => json!({
            "next_page_token": "", "page_size": 30, "total_records": 1,
            "admins": [{ "email": "jchill@example.com", "name": "Jill Chill" }]
        }),
        ("POST", ["groups", _, "admins" | "members"]) => {
            json!({ "ids": MEMBER_ID, "added_at": "2022-03-25T03:08:12Z" })
        }
        ("GET", ["groups", _, "channels"]) => json!({
            "group_id": GROUP_ID,
            "channels": [{ "channel_id": "c1", "channel_name": "General", "member_count": 12 }]
        }),
        ("GET", ["groups", _, "lock_settings"]) => json!({
            "schedule_meeting": { "host_video": true },
            "recording": { "ip_address_access_control": { "enable": true, "ip_addresses_or_ranges": "10.0.0.0/8" } },
            "meeting_security": { "encryption_type": "e2ee" }
        }),
        ("GET", ["groups", _, "members"]) => json!({
            "next_page_token": "", "page_count": 1, "page_number": 1, "page_size": 30, "total_records": 1,
            "members": [{ "id": MEMBER_ID, "email": "jchill@example.com", "first_name": "Jill", "last_name": "Chill", "type": 2 }]
        }),
        ("GET", ["groups", _, "settings"]) => json!({
            "schedule_meeting": { "join_before_host": false },
            "in_meeting": { "allow_participants_chat_with": 2 },
            "chat": { "share_files": { "enable": false } }
        }),
        ("GET", ["groups", _, "settings", "registration"]) => {
            json!({ "approve_type": 0, "options": { "show_social_share_buttons": true } })
        }
        ("POST", ["groups", _, "settings", "virtual_backgrounds"]) => {
            json!({ "id": "vb3", "is_default": false, "name": "team.png", "size": 7, "type": "image" })
        }
        _ => return no_route(request),
    };
    Reply::json(if request.method == "POST" { 201 } else { 200 }, body)
}

fn member_refs() -> Vec<MemberRef> {
    vec![
        MemberRef { id: Some(MEMBER_ID.into()), email: None },
        MemberRef { id: None, email: Some("jchill@example.com".into()) },
    ]
}

pub(super) fn rows() -> Vec<Row> {
    vec![
        row(
            |c| c.groups().groups(),
            "GET /v2/groups",
            Sent::Nothing,
            |list| assert_eq!(list.groups.unwrap()[0].total_members, Some(4)),
        ),
        row(
            |c| c.groups().group_create(&GroupCreate { name: Some("Developers".into()) }),
            "POST /v2/groups",
            Sent::Json(json!({ "name": "Developers" })),
            |created| assert_eq!(created.id.as_deref(), Some(GROUP_ID)),
        ),
        row(
            |c| c.groups().group(GROUP_ID),
            "GET /v2/groups/SobVexyrQjqCkcxjpBWi6w",
            Sent::Nothing,
            |group| assert_eq!(group.name.as_deref(), Some("Developers")),
        ),
        row(|c| c.groups().group_delete(GROUP_ID), "DELETE /v2/groups/SobVexyrQjqCkcxjpBWi6w", Sent::Nothing, no_body),
        row(
            |c| c.groups().group_update(GROUP_ID, &GroupUpdate { name: Some("Engineers".into()) }),
            "PATCH /v2/groups/SobVexyrQjqCkcxjpBWi6w",
            Sent::Json(json!({ "name": "Engineers" })),
            no_body,
        ),
        row(
            |c| c.groups().group_admins(GROUP_ID, &GroupAdminsParams { page_size: Some(10), next_page_token: None }),
            "GET /v2/groups/SobVexyrQjqCkcxjpBWi6w/admins?page_size=10",
            Sent::Nothing,
            |list| assert_eq!(list.admins.unwrap()[0].name.as_deref(), Some("Jill Chill")),
        ),
        row(
            |c| c.groups().group_admins_create(GROUP_ID, &GroupAdminsAdd { admins: Some(member_refs()) }),
            "POST /v2/groups/SobVexyrQjqCkcxjpBWi6w/admins",
            Sent::Json(json!({ "admins": [{ "id": MEMBER_ID }, { "email": "jchill@example.com" }] })),
            |added| assert_eq!(added.ids.as_deref(), Some(MEMBER_ID)),
        ),
        row(
            |c| c.groups().group_admins_delete(GROUP_ID, MEMBER_ID),
            "DELETE /v2/groups/SobVexyrQjqCkcxjpBWi6w/admins/v4iyWT1LTfy8QvPG4GTvdg",
            Sent::Nothing,
            no_body,
        ),
        row(
            |c| c.groups().group_channels(GROUP_ID),
            "GET /v2/groups/SobVexyrQjqCkcxjpBWi6w/channels",
            Sent::Nothing,
            |list| assert_eq!((list.group_id.as_str(), list.channels[0].member_count), (GROUP_ID, 12)),
        ),
        row(
            |c| c.groups().get_group_lock_settings(GROUP_ID, &GetGroupLockSettingsParams::default()),
            "GET /v2/groups/SobVexyrQjqCkcxjpBWi6w/lock_settings",
            Sent::Nothing,
            |locked| {
                match locked.recording.unwrap().ip_address_access_control {
                    Some(RecordingLockSettingsIpAddressAccessControl::IpAddressAccessControlLockSettings(control)) => {
                        assert_eq!(control.ip_addresses_or_ranges.as_deref(), Some("10.0.0.0/8"))
                    }
                    other => panic!("a group's locked IP access control is the setting object: {other:?}"),
                }
                let encryption = locked.meeting_security.unwrap().encryption_type;
                assert_eq!(
                    encryption,
                    Some(MeetingSecurityLockSettingsEncryptionType::EncryptionType(EncryptionType::E2ee))
                );
            },
        ),
        row(
            |c| {
                let locked = GroupLockSettings {
                    in_meeting: Some(InMeetingLockSettings { chat: Some(true), ..Default::default() }),
                    ..Default::default()
                };
                c.groups().group_locked_settings(GROUP_ID, &locked, &GroupLockedSettingsParams::default())
            },
            "PATCH /v2/groups/SobVexyrQjqCkcxjpBWi6w/lock_settings",
            Sent::Json(json!({ "in_meeting": { "chat": true } })),
            no_body,
        ),
        row(
            |c| c.groups().group_members(GROUP_ID, &GroupMembersParams { page_size: Some(300), ..Default::default() }),
            "GET /v2/groups/SobVexyrQjqCkcxjpBWi6w/members?page_size=300",
            Sent::Nothing,
            |list| assert_eq!(list.members.unwrap()[0].type_, Some(UserType::Licensed)),
        ),
        row(
            |c| c.groups().group_members_create(GROUP_ID, &MemberRefList { members: Some(member_refs()) }),
            "POST /v2/groups/SobVexyrQjqCkcxjpBWi6w/members",
            Sent::Json(json!({ "members": [{ "id": MEMBER_ID }, { "email": "jchill@example.com" }] })),
            |added| assert_eq!(added.added_at.as_deref(), Some("2022-03-25T03:08:12Z")),
        ),
        row(
            |c| c.groups().group_members_delete(GROUP_ID, MEMBER_ID),
            "DELETE /v2/groups/SobVexyrQjqCkcxjpBWi6w/members/v4iyWT1LTfy8QvPG4GTvdg",
            Sent::Nothing,
            no_body,
        ),
        row(
            |c| {
                let change =
                    GroupMemberUpdate { action: GroupMemberUpdateAction::Move, target_group_id: Some("target".into()) };
                c.groups().update_a_group_member(GROUP_ID, MEMBER_ID, &change)
            },
            "PATCH /v2/groups/SobVexyrQjqCkcxjpBWi6w/members/v4iyWT1LTfy8QvPG4GTvdg",
            Sent::Json(json!({ "action": "move", "target_group_id": "target" })),
            no_body,
        ),
        row(
            |c| c.groups().get_group_settings(GROUP_ID, &GetGroupSettingsParams::default()),
            "GET /v2/groups/SobVexyrQjqCkcxjpBWi6w/settings",
            Sent::Nothing,
            |settings| {
                let chat_with = settings.in_meeting.unwrap().allow_participants_chat_with;
                assert_eq!(chat_with, Some(InMeetingSettingsAllowParticipantsChatWith::HostAndCoHostsOnly));
                assert_eq!(settings.chat.unwrap().share_files.unwrap().enable, Some(false));
            },
        ),
        row(
            |c| {
                let settings = GroupSettings {
                    recording: Some(RecordingSettings { cloud_recording: Some(true), ..Default::default() }),
                    ..Default::default()
                };
                let params = UpdateGroupSettingsParams { option: Some(SettingsOption::RecordingAuthentication) };
                c.groups().update_group_settings(GROUP_ID, &settings, &params)
            },
            "PATCH /v2/groups/SobVexyrQjqCkcxjpBWi6w/settings?option=recording_authentication",
            Sent::Json(json!({ "recording": { "cloud_recording": true } })),
            no_body,
        ),
        row(
            |c| c.groups().group_settings_registration(GROUP_ID, &GroupSettingsRegistrationParams { type_: None }),
            "GET /v2/groups/SobVexyrQjqCkcxjpBWi6w/settings/registration",
            Sent::Nothing,
            |registration| assert_eq!(registration.approve_type, Some(RegistrationSettingsApproveType::Automatic)),
        ),
        row(
            |c| {
                let settings = RegistrationSettings {
                    approve_type: Some(RegistrationSettingsApproveType::Manual),
                    ..Default::default()
                };
                let params = GroupSettingsRegistrationUpdateParams { type_: Some(RegistrationSettingsType::Webinar) };
                c.groups().group_settings_registration_update(GROUP_ID, &settings, &params)
            },
            "PATCH /v2/groups/SobVexyrQjqCkcxjpBWi6w/settings/registration?type=webinar",
            Sent::Json(json!({ "approve_type": 1 })),
            no_body,
        ),
        row(
            |c| c.groups().upload_group_vb(GROUP_ID, &UploadGroupVbForm { file: png("team.png") }),
            "POST /v2/groups/SobVexyrQjqCkcxjpBWi6w/settings/virtual_backgrounds",
            Sent::Form { file_name: "team.png", bytes: PNG, fields: &[] },
            |file| assert_eq!(file.id.as_deref(), Some("vb3")),
        ),
        row(
            |c| c.groups().del_group_vb(GROUP_ID, &DelGroupVbParams { file_ids: Some("vb3".into()) }),
            "DELETE /v2/groups/SobVexyrQjqCkcxjpBWi6w/settings/virtual_backgrounds?file_ids=vb3",
            Sent::Nothing,
            no_body,
        ),
    ]
}

#[tokio::test]
async fn every_groups_operation_sends_the_documented_request_and_decodes_the_response() {
    run_table(rows(), GROUPS_SPEC, 21, answer).await;
}

#[test]
fn zooms_group_example_round_trips() {
    let decoded: Group = serde_json::from_value(group()).expect("the example decodes");
    assert_eq!(serde_json::to_value(&decoded).unwrap(), group());
}

#[tokio::test]
async fn a_member_update_without_its_target_group_is_refused_before_sending() {
    let server = MockServer::start(answer).await;
    let client = client(&server);
    for action in [GroupMemberUpdateAction::Move, GroupMemberUpdateAction::SetPrimary] {
        let change = GroupMemberUpdate { action, target_group_id: None };
        let err = client.groups().update_a_group_member(GROUP_ID, MEMBER_ID, &change).await.unwrap_err();
        assert!(matches!(err, clientgen_runtime::Error::Validation { .. }), "{err:?}");
    }
    assert!(server.requests().is_empty(), "refused requests are never sent");
}
