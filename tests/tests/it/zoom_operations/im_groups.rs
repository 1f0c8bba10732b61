//! One row per operation of `specs/zoom/im_groups.yaml`; Zoom's IM group example round-trips,
//! the member list pages by cursor, and the documented limits are refused before sending.

use clientgen_tests::{Recorded, Reply};
use serde_json::{json, Value};
use zoom::types::*;

use super::*;

const IM_GROUPS_SPEC: &str = include_str!("../../../../specs/zoom/im_groups.yaml");
const GROUP_ID: &str = "MIuNMURBTkuwfZ20jteRJg";
const MEMBER_ID: &str = "v4iyWT1LTfy8QvPG4GTvdg";

/// An IM group as Zoom's reference shows it (Retrieve an IM directory group).
fn group_json() -> Value {
    json!({
        "id": GROUP_ID,
        "name": "Developers",
        "total_members": 200,
        "type": "shared",
        "search_by_domain": true,
        "search_by_account": false,
        "search_by_ma_account": false
    })
}

fn group() -> ImGroup {
    serde_json::from_value(group_json()).expect("the example decodes")
}

/// A page of members; the first page points at a second, which is the last.
fn members_page(token: Option<&str>) -> Value {
    let (id, next) = match token {
        None => (MEMBER_ID, "w7587w4eiyfsudgf"),
        Some(_) => ("z8yAAAAA8bbbQ", ""),
    };
    json!({
        "next_page_token": next, "page_count": 2, "page_size": 1, "total_records": 2,
        "members": [{ "id": id, "email": "jchill@example.com", "first_name": "Jill", "last_name": "Chill", "type": 1 }]
    })
}

fn answer(request: &Recorded) -> Reply {
    let path = request.path.strip_prefix("/v2/").unwrap_or(&request.path);
    let route: Vec<&str> = path.split('/').collect();
    let body = match (request.method.as_str(), route.as_slice()) {
        ("PUT" | "PATCH" | "DELETE", _) => return Reply::empty(204),
        ("GET", ["im", "groups"]) => json!({ "total_records": 1, "groups": [group_json()] }),
        ("POST", ["im", "groups"]) => json!({
            "id": GROUP_ID, "name": "Developers", "total_members": 0,
            "search_by_domain": true, "search_by_account": false, "search_by_ma_account": false
        }),
        ("GET", ["im", "groups", _]) => group_json(),
        ("GET", ["im", "groups", _, "members"]) => {
            let token = request.query.split('&').find_map(|p| p.strip_prefix("next_page_token="));
            members_page(token)
        }
        ("POST", ["im", "groups", _, "members"]) => json!({ "ids": MEMBER_ID, "added_at": "2022-03-25T03:08:12Z" }),
        _ => return no_route(request),
    };
    Reply::json(if request.method == "POST" { 201 } else { 200 }, body)
}

fn member_refs(count: usize) -> ImGroupMembersAdd {
    let refs = (0..count).map(|i| MemberRef { id: None, email: Some(format!("user{i}@example.com")) }).collect();
    ImGroupMembersAdd { members: Some(refs) }
}

pub(super) fn rows() -> Vec<Row> {
    vec![
        row(
            |c| c.im_groups().im_groups(),
            "GET /v2/im/groups",
            Sent::Nothing,
            |list| {
                let groups = list.groups.unwrap();
                assert_eq!((groups[0].type_.clone(), groups[0].total_members), (Some(ImGroupType::Shared), Some(200)));
            },
        ),
        row(
            |c| {
                let create = ImGroup {
                    name: Some("Developers".into()),
                    type_: Some(ImGroupType::Restricted),
                    search_by_domain: Some(true),
                    ..Default::default()
                };
                c.im_groups().im_group_create(&create)
            },
            "POST /v2/im/groups",
            Sent::Json(json!({ "name": "Developers", "type": "restricted", "search_by_domain": true })),
            |created| assert_eq!((created.id.as_deref(), created.total_members), (Some(GROUP_ID), Some(0))),
        ),
        row(
            |c| c.im_groups().im_group(GROUP_ID),
            "GET /v2/im/groups/MIuNMURBTkuwfZ20jteRJg",
            Sent::Nothing,
            |got| assert_eq!((got.name.as_deref(), got.search_by_domain), (Some("Developers"), Some(true))),
        ),
        row(
            |c| c.im_groups().im_group_delete(GROUP_ID),
            "DELETE /v2/im/groups/MIuNMURBTkuwfZ20jteRJg",
            Sent::Nothing,
            no_body,
        ),
        row(
            // A group read back, changed and sent: `id` and `total_members` (read-only) are not sent.
            |c| {
                let change = ImGroup { type_: Some(ImGroupType::Normal), ..group() };
                c.im_groups().im_group_update(GROUP_ID, &change)
            },
            "PATCH /v2/im/groups/MIuNMURBTkuwfZ20jteRJg",
            Sent::Json(json!({
                "name": "Developers", "type": "normal",
                "search_by_domain": true, "search_by_account": false, "search_by_ma_account": false
            })),
            no_body,
        ),
        row(
            |c| {
                let params = ImGroupMembersParams { page_size: Some(1), ..Default::default() };
                c.im_groups().im_group_members(GROUP_ID, &params)
            },
            "GET /v2/im/groups/MIuNMURBTkuwfZ20jteRJg/members?page_size=1",
            Sent::Nothing,
            |page| {
                assert_eq!(page.next_page_token.as_deref(), Some("w7587w4eiyfsudgf"));
                let member = &page.members.unwrap()[0];
                assert_eq!((member.id.as_deref(), member.type_), (Some(MEMBER_ID), Some(UserType::Basic)));
            },
        ),
        row(
            |c| {
                let add = ImGroupMembersAdd {
                    members: Some(vec![
                        MemberRef { id: Some(MEMBER_ID.into()), email: None },
                        MemberRef { id: None, email: Some("jchill@example.com".into()) },
                    ]),
                };
                c.im_groups().im_group_members_create(GROUP_ID, &add)
            },
            "POST /v2/im/groups/MIuNMURBTkuwfZ20jteRJg/members",
            Sent::Json(json!({ "members": [{ "id": MEMBER_ID }, { "email": "jchill@example.com" }] })),
            |added| assert_eq!(added.ids.as_deref(), Some(MEMBER_ID)),
        ),
        row(
            |c| c.im_groups().im_group_members_delete(GROUP_ID, MEMBER_ID),
            "DELETE /v2/im/groups/MIuNMURBTkuwfZ20jteRJg/members/v4iyWT1LTfy8QvPG4GTvdg",
            Sent::Nothing,
            no_body,
        ),
    ]
}

#[tokio::test]
async fn every_im_groups_operation_sends_the_documented_request_and_decodes_the_response() {
    run_table(rows(), IM_GROUPS_SPEC, 8, answer).await;
}

#[test]
fn zooms_im_group_example_round_trips() {
    assert_eq!(serde_json::to_value(group()).unwrap(), group_json());
}

#[tokio::test]
async fn the_member_stream_follows_the_cursor_to_the_last_page() {
    let server = MockServer::start(answer).await;
    let client = client(&server);
    let params = ImGroupMembersParams { page_size: Some(1), ..Default::default() };
    let mut stream = client.im_groups().im_group_members_stream(GROUP_ID, &params);
    let mut ids = Vec::new();
    while let Some(member) = stream.next().await {
        ids.push(member.unwrap().id.unwrap());
    }
    assert_eq!(ids, [MEMBER_ID, "z8yAAAAA8bbbQ"]);
    let lines: Vec<String> = server.requests().iter().map(Recorded::line).collect();
    assert_eq!(
        lines,
        [
            "GET /v2/im/groups/MIuNMURBTkuwfZ20jteRJg/members?page_size=1",
            "GET /v2/im/groups/MIuNMURBTkuwfZ20jteRJg/members?page_size=1&next_page_token=w7587w4eiyfsudgf",
        ]
    );
}

#[tokio::test]
async fn im_group_limits_are_refused_before_sending() {
    let server = MockServer::start(answer).await;
    let client = client(&server);
    let groups = client.im_groups();
    let long_name = ImGroup { name: Some("n".repeat(129)), ..Default::default() };
    let too_big = ImGroupMembersParams { page_size: Some(301), ..Default::default() };
    let refusals = [
        ("name", groups.im_group_create(&long_name).await.map(drop).unwrap_err()),
        ("name", groups.im_group_update(GROUP_ID, &long_name).await.map(drop).unwrap_err()),
        ("members", groups.im_group_members_create(GROUP_ID, &member_refs(11)).await.map(drop).unwrap_err()),
        ("page_size", groups.im_group_members(GROUP_ID, &too_big).await.map(drop).unwrap_err()),
    ];
    for (field, err) in refusals {
        assert!(matches!(err, clientgen_runtime::Error::Validation { .. }), "{field}: {err:?}");
        assert!(err.to_string().contains(field), "{field}: {err}");
    }
    assert!(server.requests().is_empty(), "refused requests are never sent");

    // The edges are accepted: a 128-character name, 10 members.
    groups.im_group_create(&ImGroup { name: Some("n".repeat(128)), ..Default::default() }).await.unwrap();
    groups.im_group_members_create(GROUP_ID, &member_refs(10)).await.unwrap();
    assert_eq!(server.requests().len(), 2);
}
