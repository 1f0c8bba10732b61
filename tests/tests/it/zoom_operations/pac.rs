//! The one operation of `specs/zoom/pac.yaml`; Zoom's PAC account example round-trips.

use clientgen_tests::{Recorded, Reply};
use serde_json::{json, Value};

use super::*;

const PAC_SPEC: &str = include_str!("../../../../specs/zoom/pac.yaml");

/// A user's PAC accounts as Zoom's 2024 reference shows them (List a user's PAC accounts).
fn pac_accounts_json() -> Value {
    json!({
        "pac_accounts": [{
            "conference_id": 111111,
            "dedicated_dial_in_number": [{ "country": "USA", "number": "5550110" }],
            "global_dial_in_numbers": [{ "country": "USA", "number": "5550100" }],
            "listen_only_password": "3c2b1a",
            "participant_password": "a1b2c3"
        }]
    })
}

fn answer(request: &Recorded) -> Reply {
    match (request.method.as_str(), request.path.as_str()) {
        ("GET", "/v2/users/jchill%40example.com/pac") => Reply::json(200, pac_accounts_json()),
        _ => Reply::json(404, json!({ "code": 1001, "message": format!("no route for {}", request.line()) })),
    }
}

pub(super) fn rows() -> Vec<Row> {
    vec![row(
        |c| c.pac().user_pacs("jchill@example.com"),
        "GET /v2/users/jchill%40example.com/pac",
        Sent::Nothing,
        |list| {
            let account = &list.pac_accounts.unwrap()[0];
            assert_eq!(account.conference_id, Some(111111));
            let dedicated = account.dedicated_dial_in_number.as_ref().unwrap();
            assert_eq!(dedicated[0].number.as_deref(), Some("5550110"));
            assert_eq!(account.global_dial_in_numbers.as_ref().unwrap()[0].country.as_deref(), Some("USA"));
        },
    )]
}

#[tokio::test]
async fn the_pac_operation_sends_the_documented_request_and_decodes_the_response() {
    run_table(rows(), PAC_SPEC, 1, answer).await;
}

#[test]
fn zooms_pac_accounts_example_round_trips() {
    let decoded: zoom::types::PacAccountList =
        serde_json::from_value(pac_accounts_json()).expect("the example decodes");
    assert_eq!(serde_json::to_value(decoded).unwrap(), pac_accounts_json());
}
