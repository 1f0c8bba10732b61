//! One row per operation of `specs/zoom/information_barriers.yaml`; Zoom's policy example
//! round-trips.

use clientgen_tests::{Recorded, Reply};
use serde_json::{json, Value};
use zoom::types::*;

use super::*;

const INFORMATION_BARRIERS_SPEC: &str = include_str!("../../../../specs/zoom/information_barriers.yaml");
const POLICY_ID: &str = "ErxAmMT7QPOH19Kf9Z55ty";

/// A policy as Zoom's 2024 reference shows it (Get an Information Barriers policy).
fn policy_json() -> Value {
    json!({
        "assigned_group_id": "SsxAmMT7QPOH19Kf9ZHz6g",
        "id": POLICY_ID,
        "policy_name": "test",
        "settings": {
            "complete_phone_calls": false, "file_transfer": false, "im": true, "in_meeting_chat": false,
            "meeting": true, "message_via_sms": false, "recording": false, "screen_share": false
        },
        "status": 1,
        "to_group_id": "JrxAmMT7QPOH19Kf9ZHz6g",
        "type": 0
    })
}

fn policy() -> InformationBarrierPolicy {
    serde_json::from_value(policy_json()).expect("the example decodes")
}

fn answer(request: &Recorded) -> Reply {
    let path = request.path.strip_prefix("/v2/").unwrap_or(&request.path);
    let route: Vec<&str> = path.split('/').collect();
    let body = match (request.method.as_str(), route.as_slice()) {
        ("PUT" | "PATCH" | "DELETE", _) => return Reply::empty(204),
        ("GET", ["information_barriers", "policies"]) => json!({ "policies": [policy_json()], "total_records": 1 }),
        ("POST", ["information_barriers", "policies"]) | ("GET", ["information_barriers", "policies", _]) => {
            policy_json()
        }
        _ => return no_route(request),
    };
    Reply::json(if request.method == "POST" { 201 } else { 200 }, body)
}

pub(super) fn rows() -> Vec<Row> {
    vec![
        row(
            |c| c.information_barriers().information_barriers_list(),
            "GET /v2/information_barriers/policies",
            Sent::Nothing,
            |list| {
                assert_eq!(list.total_records, 1);
                assert_eq!(list.policies[0].status, InformationBarrierPolicyStatus::Enabled);
            },
        ),
        row(
            |c| c.information_barriers().information_barriers_create(&policy()),
            "POST /v2/information_barriers/policies",
            Sent::Json(policy_json()),
            |created| assert_eq!(created.type_, InformationBarrierPolicyType::BlockedGroupsCanChat),
        ),
        row(
            |c| c.information_barriers().information_barriers_get(POLICY_ID),
            "GET /v2/information_barriers/policies/ErxAmMT7QPOH19Kf9Z55ty",
            Sent::Nothing,
            |policy| assert!(policy.settings.meeting && policy.settings.im && !policy.settings.recording),
        ),
        row(
            |c| c.information_barriers().information_barriers_delete(POLICY_ID),
            "DELETE /v2/information_barriers/policies/ErxAmMT7QPOH19Kf9Z55ty",
            Sent::Nothing,
            no_body,
        ),
        row(
            |c| {
                let mut policy = policy();
                policy.status = InformationBarrierPolicyStatus::Disabled;
                c.information_barriers().information_barriers_update(POLICY_ID, &policy)
            },
            "PATCH /v2/information_barriers/policies/ErxAmMT7QPOH19Kf9Z55ty",
            Sent::Json({
                let mut body = policy_json();
                body["status"] = json!(0);
                body
            }),
            no_body,
        ),
    ]
}

#[tokio::test]
async fn every_information_barriers_operation_sends_the_documented_request_and_decodes_the_response() {
    run_table(rows(), INFORMATION_BARRIERS_SPEC, 5, answer).await;
}

#[test]
fn zooms_policy_example_round_trips() {
    assert_eq!(serde_json::to_value(policy()).unwrap(), policy_json());
}

#[tokio::test]
async fn a_policy_type_other_than_0_is_refused_before_sending() {
    let server = MockServer::start(answer).await;
    let client = client(&server);
    let mut policy = policy();
    policy.type_ = InformationBarrierPolicyType::NotBlockedGroupsCanChat;
    let err = client.information_barriers().information_barriers_create(&policy).await.unwrap_err();
    assert!(matches!(err, clientgen_runtime::Error::Validation { .. }), "{err:?}");
    assert!(server.requests().is_empty(), "refused requests are never sent");
}
