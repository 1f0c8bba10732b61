//! One row per operation of `specs/zoom/tsp.yaml`; Zoom's account TSP and user TSP account
//! examples round-trip, read-only fields stay off the wire, and the documented limits are refused
//! before sending.

use clientgen_tests::{Recorded, Reply};
use serde_json::{json, Value};
use zoom::types::*;

use super::*;

const TSP_SPEC: &str = include_str!("../../../../specs/zoom/tsp.yaml");

/// The account's TSP settings as Zoom's reference shows them (Get account's TSP information).
fn account_tsp_json() -> Value {
    json!({
        "dial_in_number_unrestricted": false,
        "dial_in_numbers": [{ "code": "1", "number": "+1 1000200200", "type": "toll" }],
        "enable": true,
        "master_account_setting_extended": true,
        "modify_credential_forbidden": true,
        "tsp_bridge": "US_TSP_TB",
        "tsp_enabled": true,
        "tsp_provider": "someprovidername"
    })
}

/// A user's TSP account as Zoom's reference shows it (Get a user's TSP account).
fn user_tsp_json(id: &str) -> Value {
    json!({
        "conference_code": "0125",
        "dial_in_numbers": [{ "code": "1", "country_label": "America", "number": "+1 1000200200", "type": "media_link" }],
        "id": id,
        "leader_pin": "11189898",
        "tsp_bridge": "EU_TSP_TB"
    })
}

fn without_id(mut account: Value) -> Value {
    account.as_object_mut().expect("an object").remove("id");
    account
}

fn user_tsp() -> UserTspAccount {
    serde_json::from_value(user_tsp_json("1")).expect("the example decodes")
}

fn answer(request: &Recorded) -> Reply {
    let path = request.path.strip_prefix("/v2/").unwrap_or(&request.path);
    let route: Vec<&str> = path.split('/').collect();
    let body = match (request.method.as_str(), route.as_slice()) {
        ("PUT" | "PATCH" | "DELETE", _) => return Reply::empty(204),
        ("GET", ["tsp"]) => account_tsp_json(),
        ("GET", ["users", _, "tsp"]) => json!({ "tsp_accounts": [user_tsp_json("1"), user_tsp_json("2")] }),
        ("POST", ["users", _, "tsp"]) => user_tsp_json("2"),
        ("GET", ["users", _, "tsp", id]) => user_tsp_json(id),
        _ => return no_route(request),
    };
    Reply::json(if request.method == "POST" { 201 } else { 200 }, body)
}

pub(super) fn rows() -> Vec<Row> {
    vec![
        row(
            |c| c.tsp().tsp(),
            "GET /v2/tsp",
            Sent::Nothing,
            |info| {
                assert_eq!(info.tsp_bridge, Some(TspBridge::Us));
                let numbers = info.dial_in_numbers.unwrap();
                assert_eq!(
                    (numbers[0].number.as_deref(), &numbers[0].type_),
                    (Some("+1 1000200200"), &Some(TspDialInNumberType::Toll))
                );
            },
        ),
        row(
            // A value read with `tsp` is sent back: its read-only dial-in numbers stay off the wire.
            |c| {
                let mut info: AccountTspInfo = serde_json::from_value(account_tsp_json()).unwrap();
                info.tsp_bridge = Some(TspBridge::Eu);
                c.tsp().tsp_update(&info)
            },
            "PATCH /v2/tsp",
            Sent::Json(json!({
                "dial_in_number_unrestricted": false,
                "enable": true,
                "master_account_setting_extended": true,
                "modify_credential_forbidden": true,
                "tsp_bridge": "EU_TSP_TB",
                "tsp_enabled": true,
                "tsp_provider": "someprovidername"
            })),
            no_body,
        ),
        row(
            |c| c.tsp().user_tsps("me"),
            "GET /v2/users/me/tsp",
            Sent::Nothing,
            |list| {
                let ids: Vec<_> = list.tsp_accounts.unwrap().into_iter().map(|a| a.id).collect();
                assert_eq!(ids, [Some(UserTspAccountId::First), Some(UserTspAccountId::Second)]);
            },
        ),
        row(
            |c| c.tsp().user_tsp_create("jchill@example.com", &user_tsp()),
            "POST /v2/users/jchill%40example.com/tsp",
            Sent::Json(without_id(user_tsp_json("1"))),
            |created| {
                assert_eq!(created.id, Some(UserTspAccountId::Second));
                assert_eq!(created.tsp_bridge, Some(TspBridge::Eu));
            },
        ),
        row(
            |c| {
                let url = TspGlobalDialInUrl { audio_url: Some("https://example.com/dial-in".into()) };
                c.tsp().tsp_url_update("me", &url)
            },
            "PATCH /v2/users/me/tsp/settings",
            Sent::Json(json!({ "audio_url": "https://example.com/dial-in" })),
            no_body,
        ),
        row(
            |c| c.tsp().user_tsp("me", UserTspAccountId::Second),
            "GET /v2/users/me/tsp/2",
            Sent::Nothing,
            |account| {
                assert_eq!((account.conference_code.as_str(), account.leader_pin.as_str()), ("0125", "11189898"));
                let number = &account.dial_in_numbers.unwrap()[0];
                assert_eq!(
                    (number.country_label.as_deref(), &number.type_),
                    (Some("America"), &Some(TspDialInNumberType::MediaLink))
                );
            },
        ),
        row(
            |c| c.tsp().user_tsp_delete("me", UserTspAccountId::First),
            "DELETE /v2/users/me/tsp/1",
            Sent::Nothing,
            no_body,
        ),
        row(
            // The account read back, changed and sent: the path names it, its `id` is not sent.
            |c| {
                let mut account = user_tsp();
                account.leader_pin = "2468".into();
                c.tsp().user_tsp_update("me", UserTspAccountId::First, &account)
            },
            "PATCH /v2/users/me/tsp/1",
            Sent::Json({
                let mut body = without_id(user_tsp_json("1"));
                body["leader_pin"] = json!("2468");
                body
            }),
            no_body,
        ),
    ]
}

#[tokio::test]
async fn every_tsp_operation_sends_the_documented_request_and_decodes_the_response() {
    run_table(rows(), TSP_SPEC, 8, answer).await;
}

#[test]
fn zooms_tsp_examples_round_trip() {
    let account: AccountTspInfo = serde_json::from_value(account_tsp_json()).expect("the example decodes");
    assert_eq!(serde_json::to_value(&account).unwrap(), account_tsp_json());
    assert_eq!(serde_json::to_value(user_tsp()).unwrap(), user_tsp_json("1"));
}

#[tokio::test]
async fn tsp_limits_are_refused_before_sending() {
    let server = MockServer::start(answer).await;
    let client = client(&server);
    let tsp = client.tsp();
    let with = |change: fn(&mut UserTspAccount)| {
        let mut account = user_tsp();
        change(&mut account);
        account
    };
    let number = |change: fn(&mut TspDialInNumber)| with_number(user_tsp(), change);
    let cases = [
        ("conference_code", with(|a| a.conference_code = String::new())),
        ("conference_code", with(|a| a.conference_code = "1".repeat(17))),
        ("conference_code", with(|a| a.conference_code = "12a4".into())),
        ("leader_pin", with(|a| a.leader_pin = "9".repeat(17))),
        ("leader_pin", with(|a| a.leader_pin = "PIN".into())),
        ("code", number(|n| n.code = Some("1234567".into()))),
        ("country_label", number(|n| n.country_label = Some("United States".into()))),
        ("number", number(|n| n.number = Some(String::new()))),
        ("number", number(|n| n.number = Some("+1 100020020012345".into()))),
    ];
    for (field, account) in cases {
        let err = tsp.user_tsp_create("me", &account).await.unwrap_err();
        assert!(matches!(err, clientgen_runtime::Error::Validation { .. }), "{field}: {err:?}");
        assert!(err.to_string().contains(field), "{field}: {err}");
        let err = tsp.user_tsp_update("me", UserTspAccountId::First, &account).await.unwrap_err();
        assert!(matches!(err, clientgen_runtime::Error::Validation { .. }), "{field}: {err:?}");
    }
    let too_long = TspGlobalDialInUrl { audio_url: Some(format!("https://example.com/{}", "a".repeat(493))) };
    let err = tsp.tsp_url_update("me", &too_long).await.unwrap_err();
    assert!(matches!(err, clientgen_runtime::Error::Validation { .. }), "{err:?}");
    assert!(err.to_string().contains("audio_url"), "{err}");
    assert!(server.requests().is_empty(), "refused requests are never sent");

    // The limits' edges are accepted: 16 digits, a 512-character URL.
    let at_limit = with(|a| a.conference_code = "1".repeat(16));
    tsp.user_tsp_create("me", &at_limit).await.unwrap();
    let longest = TspGlobalDialInUrl { audio_url: Some(format!("https://example.com/{}", "a".repeat(492))) };
    tsp.tsp_url_update("me", &longest).await.unwrap();
    assert_eq!(server.requests().len(), 2);
}

fn with_number(mut account: UserTspAccount, change: fn(&mut TspDialInNumber)) -> UserTspAccount {
    let numbers = account.dial_in_numbers.as_mut().expect("the example has a dial-in number");
    change(&mut numbers[0]);
    account
}
