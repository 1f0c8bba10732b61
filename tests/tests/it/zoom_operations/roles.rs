//! One row per operation of `specs/zoom/roles.yaml`; Zoom's role example round-trips.

use clientgen_tests::{Recorded, Reply};
use serde_json::{json, Value};
use zoom::types::*;

use super::*;

const ROLES_SPEC: &str = include_str!("../../../../specs/zoom/roles.yaml");
const ROLE_ID: &str = "RSMaSp8sTEGK0_oamiA2_w";

/// A role as Zoom's reference shows it (Get role information).
fn role() -> Value {
    json!({
        "id": ROLE_ID,
        "name": "Developers",
        "description": "Can manage apps",
        "type": "common",
        "total_members": 5,
        "privileges": ["User:Read", "User:Edit"],
        "sub_account_privileges": { "second_level": 2 }
    })
}

fn answer(request: &Recorded) -> Reply {
    let path = request.path.strip_prefix("/v2/").unwrap_or(&request.path);
    let route: Vec<&str> = path.split('/').collect();
    let body = match (request.method.as_str(), route.as_slice()) {
        ("PUT" | "PATCH" | "DELETE", _) => return Reply::empty(204),
        ("GET", ["roles"]) => json!({
            "total_records": 1,
            "roles": [{ "id": ROLE_ID, "name": "Developers", "description": "Can manage apps", "type": "iq", "total_members": 5 }]
        }),
        ("POST", ["roles"]) => {
            json!({ "id": ROLE_ID, "name": "Developers", "description": "Can manage apps", "total_members": 0, "privileges": ["User:Read"] })
        }
        ("GET", ["roles", _]) => role(),
        ("GET", ["roles", _, "members"]) => json!({
            "next_page_token": "", "page_count": 1, "page_number": 1, "page_size": 30, "total_records": 1,
            "members": [{ "id": "49D7a0xPQvGQ2DCMZgSe7w", "email": "jchill@example.com", "first_name": "Jill", "last_name": "Chill", "department": "Developers", "type": 2 }]
        }),
        ("POST", ["roles", _, "members"]) => {
            json!({ "ids": "49D7a0xPQvGQ2DCMZgSe7w", "add_at": "2025-03-04T15:00:00Z" })
        }
        _ => return no_route(request),
    };
    Reply::json(if request.method == "POST" { 201 } else { 200 }, body)
}

pub(super) fn rows() -> Vec<Row> {
    vec![
        row(
            |c| c.roles().roles(&RolesParams { type_: Some(RoleType::Iq) }),
            "GET /v2/roles?type=iq",
            Sent::Nothing,
            |list| assert_eq!(list.roles.unwrap()[0].type_, Some(RoleType::Iq)),
        ),
        row(
            |c| {
                let create = RoleCreate {
                    name: Some("Developers".into()),
                    description: Some("Can manage apps".into()),
                    type_: Some(RoleType::Common),
                    privileges: Some(vec!["User:Read".into()]),
                };
                c.roles().create_role(&create)
            },
            "POST /v2/roles",
            Sent::Json(
                json!({ "name": "Developers", "description": "Can manage apps", "type": "common", "privileges": ["User:Read"] }),
            ),
            |created| assert_eq!((created.id.as_deref(), created.total_members), (Some(ROLE_ID), Some(0))),
        ),
        row(
            |c| c.roles().get_role_information(ROLE_ID),
            "GET /v2/roles/RSMaSp8sTEGK0_oamiA2_w",
            Sent::Nothing,
            |role| {
                assert_eq!(role.privileges.unwrap(), ["User:Read", "User:Edit"]);
                let second_level = role.sub_account_privileges.unwrap().second_level;
                assert_eq!(second_level, Some(RoleSubAccountPrivilegesSecondLevel::SameAsCurrentAccount));
            },
        ),
        row(|c| c.roles().delete_role(ROLE_ID), "DELETE /v2/roles/RSMaSp8sTEGK0_oamiA2_w", Sent::Nothing, no_body),
        row(
            |c| {
                let change = RoleUpdate {
                    name: Some("Admins".into()),
                    sub_account_privileges: Some(RoleSubAccountPrivileges {
                        second_level: Some(RoleSubAccountPrivilegesSecondLevel::AsOwner),
                    }),
                    ..Default::default()
                };
                c.roles().update_role(ROLE_ID, &change)
            },
            "PATCH /v2/roles/RSMaSp8sTEGK0_oamiA2_w",
            Sent::Json(json!({ "name": "Admins", "sub_account_privileges": { "second_level": 1 } })),
            no_body,
        ),
        row(
            |c| {
                let params = RoleMembersParams {
                    page_size: Some(10),
                    next_page_token: Some("tok".into()),
                    ..Default::default()
                };
                c.roles().role_members(ROLE_ID, &params)
            },
            "GET /v2/roles/RSMaSp8sTEGK0_oamiA2_w/members?next_page_token=tok&page_size=10",
            Sent::Nothing,
            |list| assert_eq!(list.members.unwrap()[0].department.as_deref(), Some("Developers")),
        ),
        row(
            |c| {
                let members = MemberRefList {
                    members: Some(vec![
                        MemberRef { id: Some("49D7a0xPQvGQ2DCMZgSe7w".into()), email: None },
                        MemberRef { id: None, email: Some("jchill@example.com".into()) },
                    ]),
                };
                c.roles().add_role_members(ROLE_ID, &members)
            },
            "POST /v2/roles/RSMaSp8sTEGK0_oamiA2_w/members",
            Sent::Json(json!({ "members": [{ "id": "49D7a0xPQvGQ2DCMZgSe7w" }, { "email": "jchill@example.com" }] })),
            |added| assert_eq!(added.ids.as_deref(), Some("49D7a0xPQvGQ2DCMZgSe7w")),
        ),
        row(
            |c| c.roles().role_member_delete(ROLE_ID, "49D7a0xPQvGQ2DCMZgSe7w"),
            "DELETE /v2/roles/RSMaSp8sTEGK0_oamiA2_w/members/49D7a0xPQvGQ2DCMZgSe7w",
            Sent::Nothing,
            no_body,
        ),
    ]
}

#[tokio::test]
async fn every_roles_operation_sends_the_documented_request_and_decodes_the_response() {
    run_table(rows(), ROLES_SPEC, 8, answer).await;
}

#[test]
fn zooms_role_example_round_trips() {
    let decoded: Role = serde_json::from_value(role()).expect("the example decodes");
    assert_eq!(serde_json::to_value(&decoded).unwrap(), role());
}
