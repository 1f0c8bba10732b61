//! One row per operation of `specs/zoom/sip_connected_audio.yaml` (Zoom's 2021 reference); its
//! internal-number example round-trips, Zoom-set fields stay off the wire, and the batch and DNIS
//! limits are refused before sending.

use clientgen_tests::{Recorded, Reply};
use serde_json::{json, Value};
use zoom::types::*;

use super::*;

const SIP_CONNECTED_AUDIO_SPEC: &str = include_str!("../../../../specs/zoom/sip_connected_audio.yaml");
const SUB_ACCOUNT: &str = "RBRzmcbTR5y0CI3hkyeH4w";

/// An internal number as Zoom's 2021 reference shows it (Add internal numbers, answer).
fn internal_number_json() -> Value {
    json!({
        "id": "A26fhgdfg63",
        "number": "+16466661110",
        "display_number": "+1 646 666 1110",
        "country": "US",
        "type": 0,
        "labels": "SIP-Internal",
        "languages": "en-GB",
        "visible": true,
        "allow_join": true
    })
}

fn trunks_json() -> Value {
    json!([
        { "id": "268", "name": "test1", "sip_server_address": "111.111.1.1", "dnis": "90001258", "number_prefix": "0" },
        { "id": "281", "name": "test2", "sip_server_address": "111.111.1.34", "dnis": "80001748", "number_prefix": "0" }
    ])
}

fn countries_json() -> Value {
    json!([{ "id": "US", "name": "United States", "code": "1" }, { "id": "CA", "name": "Canada", "code": "1" }])
}

fn answer(request: &Recorded) -> Reply {
    let path = request.path.strip_prefix("/v2/").unwrap_or(&request.path);
    let route: Vec<&str> = path.split('/').collect();
    let body = match (request.method.as_str(), route.as_slice()) {
        ("PATCH" | "DELETE", _) => return Reply::empty(204),
        ("POST", [.., "sip_trunk", "numbers"]) => return Reply::empty(201),
        ("GET", ["sip_trunk", "numbers"]) => {
            json!({ "total_records": 1, "phone_numbers": [{ "number": "45345545", "country": "US" }] })
        }
        ("GET", [.., "sip_trunk", "trunks"]) => json!({ "total_records": 2, "sip_trunks": trunks_json() }),
        ("POST", [.., "sip_trunk", "trunks"]) => json!({ "sip_trunks": [trunks_json()[0].clone()] }),
        ("GET", [.., "sip_trunk", "callout_countries"]) => {
            json!({ "total_records": 2, "callout_countries": countries_json() })
        }
        ("POST", [.., "sip_trunk", "callout_countries"]) => json!({ "callout_countries": countries_json() }),
        ("GET", [.., "sip_trunk", "internal_numbers"]) => json!({
            "page_size": 30, "total_records": 1, "next_page_token": "", "internal_numbers": [internal_number_json()]
        }),
        ("POST", [.., "sip_trunk", "internal_numbers"]) => json!({ "internal_numbers": [internal_number_json()] }),
        _ => return Reply::json(404, json!({ "code": 2001, "message": format!("no route for {}", request.line()) })),
    };
    Reply::json(if request.method == "POST" { 201 } else { 200 }, body)
}

pub(super) fn rows() -> Vec<Row> {
    vec![
        row(
            |c| c.sip_connected_audio().list_sip_trunk_numbers(),
            "GET /v2/sip_trunk/numbers",
            Sent::Nothing,
            |list| assert_eq!(list.phone_numbers.unwrap()[0].number.as_deref(), Some("45345545")),
        ),
        row(
            |c| {
                let config = SipTrunkConfig {
                    enable: Some(true),
                    show_callout_internal_number: Some(true),
                    show_zoom_provided_callout_countries: Some(ZoomProvidedCalloutCountries::Show),
                    show_zoom_provided_numbers: Some(ZoomProvidedNumbers::Delete),
                };
                c.sip_connected_audio().assign_sip_config(SUB_ACCOUNT, &config)
            },
            "PATCH /v2/accounts/RBRzmcbTR5y0CI3hkyeH4w/sip_trunk/settings",
            Sent::Json(json!({
                "enable": true, "show_callout_internal_number": true,
                "show_zoom_provided_callout_countries": 0, "show_zoom_provided_numbers": 2
            })),
            no_body,
        ),
        row(
            |c| {
                let numbers =
                    SipTrunkNumbersAssignment { phone_numbers: Some(vec!["34555665654".into(), "10004350500".into()]) };
                c.sip_connected_audio().assign_sip_trunk_numbers(SUB_ACCOUNT, &numbers)
            },
            "POST /v2/accounts/RBRzmcbTR5y0CI3hkyeH4w/sip_trunk/numbers",
            Sent::Json(json!({ "phone_numbers": ["34555665654", "10004350500"] })),
            no_body,
        ),
        row(
            |c| c.sip_connected_audio().delete_all_sip_numbers(SUB_ACCOUNT),
            "DELETE /v2/accounts/RBRzmcbTR5y0CI3hkyeH4w/sip_trunk/numbers",
            Sent::Nothing,
            no_body,
        ),
        row(
            |c| c.sip_connected_audio().list_sip_trunks("me"),
            "GET /v2/accounts/me/sip_trunk/trunks",
            Sent::Nothing,
            |list| {
                let trunks = list.sip_trunks.unwrap();
                assert_eq!(trunks[1].sip_server_address.as_deref(), Some("111.111.1.34"));
                assert_eq!(trunks[0].dnis.as_deref(), Some("90001258"));
            },
        ),
        row(
            |c| {
                // A trunk read from the master account, assigned with the sub account's own DNIS:
                // the fields Zoom sets stay off the wire.
                let mut trunk: SipTrunk = serde_json::from_value(trunks_json()[0].clone()).unwrap();
                trunk.dnis = Some("90001234".into());
                c.sip_connected_audio().assign_sip_trunks(SUB_ACCOUNT, &SipTrunkBatch { sip_trunks: Some(vec![trunk]) })
            },
            "POST /v2/accounts/RBRzmcbTR5y0CI3hkyeH4w/sip_trunk/trunks",
            Sent::Json(json!({ "sip_trunks": [{ "id": "268", "dnis": "90001234" }] })),
            |assigned| assert_eq!(assigned.sip_trunks.unwrap()[0].name.as_deref(), Some("test1")),
        ),
        row(
            |c| c.sip_connected_audio().delete_sip_trunk(SUB_ACCOUNT, "268"),
            "DELETE /v2/accounts/RBRzmcbTR5y0CI3hkyeH4w/sip_trunk/trunks/268",
            Sent::Nothing,
            no_body,
        ),
        row(
            |c| c.sip_connected_audio().list_internal_callout_countries(SUB_ACCOUNT),
            "GET /v2/accounts/RBRzmcbTR5y0CI3hkyeH4w/sip_trunk/callout_countries",
            Sent::Nothing,
            |list| {
                assert_eq!(list.total_records, Some(2));
                assert_eq!(list.callout_countries.unwrap()[1].name.as_deref(), Some("Canada"));
            },
        ),
        row(
            |c| {
                let countries: CalloutCountryBatch =
                    serde_json::from_value(json!({ "callout_countries": [{ "id": "US" }, { "id": "CA" }] })).unwrap();
                c.sip_connected_audio().add_callout_countries(SUB_ACCOUNT, &countries)
            },
            "POST /v2/accounts/RBRzmcbTR5y0CI3hkyeH4w/sip_trunk/callout_countries",
            Sent::Json(json!({ "callout_countries": [{ "id": "US" }, { "id": "CA" }] })),
            |added| assert_eq!(added.callout_countries[0].code.as_deref(), Some("1")),
        ),
        row(
            |c| c.sip_connected_audio().delete_internal_call_out_country(SUB_ACCOUNT, "CA"),
            "DELETE /v2/accounts/RBRzmcbTR5y0CI3hkyeH4w/sip_trunk/callout_countries/CA",
            Sent::Nothing,
            no_body,
        ),
        row(
            |c| {
                let params = ListInternalNumbersParams { page_size: Some(300), ..Default::default() };
                c.sip_connected_audio().list_internal_numbers(SUB_ACCOUNT, &params)
            },
            "GET /v2/accounts/RBRzmcbTR5y0CI3hkyeH4w/sip_trunk/internal_numbers?page_size=300",
            Sent::Nothing,
            |list| {
                let number = &list.internal_numbers.unwrap()[0];
                assert_eq!(number.type_, InternalNumberType::Toll);
                assert_eq!(number.languages, InternalNumberLanguage::EnGb);
            },
        ),
        row(
            |c| {
                let mut number: InternalNumber = serde_json::from_value(internal_number_json()).unwrap();
                number.type_ = InternalNumberType::TollFree;
                c.sip_connected_audio()
                    .add_internal_numbers("me", &InternalNumberBatch { internal_numbers: Some(vec![number]) })
            },
            "POST /v2/accounts/me/sip_trunk/internal_numbers",
            Sent::Json(json!({
                "internal_numbers": [{
                    "number": "+16466661110", "display_number": "+1 646 666 1110", "country": "US", "type": 1,
                    "labels": "SIP-Internal", "languages": "en-GB", "visible": true, "allow_join": true
                }]
            })),
            |added| assert_eq!(added.internal_numbers.unwrap()[0].id.as_deref(), Some("A26fhgdfg63")),
        ),
        row(
            |c| c.sip_connected_audio().delete_internal_number("me", "A26fhgdfg63"),
            "DELETE /v2/accounts/me/sip_trunk/internal_numbers/A26fhgdfg63",
            Sent::Nothing,
            no_body,
        ),
    ]
}

#[tokio::test]
async fn every_sip_connected_audio_operation_sends_the_documented_request_and_decodes_the_response() {
    run_table(rows(), SIP_CONNECTED_AUDIO_SPEC, 13, answer).await;
}

#[test]
fn zooms_internal_number_and_trunk_examples_round_trip() {
    let number: InternalNumber = serde_json::from_value(internal_number_json()).expect("the example decodes");
    assert_eq!(serde_json::to_value(number).unwrap(), internal_number_json());
    let list = json!({ "total_records": 2, "sip_trunks": trunks_json() });
    let trunks: SipTrunkList = serde_json::from_value(list.clone()).expect("the example decodes");
    assert_eq!(serde_json::to_value(trunks).unwrap(), list);
}

#[tokio::test]
async fn batch_sizes_and_dnis_lengths_out_of_zooms_limits_are_refused_before_sending() {
    let server = MockServer::start(answer).await;
    let client = client(&server);
    let audio = client.sip_connected_audio();
    let trunk = |dnis: &str| SipTrunk { id: Some("268".into()), dnis: Some(dnis.into()), ..Default::default() };
    let country = |id: &str| CalloutCountry { id: id.into(), name: None, code: None };
    let mut errors = Vec::new();
    for (field, trunks) in [("sip_trunks", vec![]), ("dnis", vec![trunk("1888")]), ("dnis", vec![trunk("188881234")])] {
        let batch = SipTrunkBatch { sip_trunks: Some(trunks) };
        errors.push((field, audio.assign_sip_trunks(SUB_ACCOUNT, &batch).await.unwrap_err()));
    }
    let countries = CalloutCountryBatch { callout_countries: vec![country("US"); 31] };
    errors.push(("callout_countries", audio.add_callout_countries(SUB_ACCOUNT, &countries).await.unwrap_err()));
    let numbers = InternalNumberBatch { internal_numbers: Some(vec![]) };
    errors.push(("internal_numbers", audio.add_internal_numbers("me", &numbers).await.unwrap_err()));
    for (field, err) in errors {
        assert!(matches!(err, clientgen_runtime::Error::Validation { .. }), "{field}: {err:?}");
        assert!(err.to_string().contains(field), "{field}: {err}");
    }
    assert!(server.requests().is_empty(), "refused requests are never sent");
}
