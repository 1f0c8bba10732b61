//! One row per operation of `specs/zoom/h323_devices.yaml`; Zoom's device example round-trips, a
//! device read from the list goes back without its read-only `id`, and the name limit is checked.

use clientgen_tests::{Recorded, Reply};
use serde_json::{json, Value};
use zoom::types::*;

use super::*;

const H323_DEVICES_SPEC: &str = include_str!("../../../../specs/zoom/h323_devices.yaml");
const DEVICE_ID: &str = "abceHewahkrehwiK";

/// A device as Zoom's reference shows it (List H.323/SIP devices, 2021 example).
fn device_json() -> Value {
    json!({ "id": DEVICE_ID, "name": "api_test_20190508", "protocol": "H.323", "ip": "127.0.0.1", "encryption": "auto" })
}

fn device() -> H323Device {
    serde_json::from_value(device_json()).expect("the example decodes")
}

fn answer(request: &Recorded) -> Reply {
    let path = request.path.strip_prefix("/v2/").unwrap_or(&request.path);
    let route: Vec<&str> = path.split('/').collect();
    let body = match (request.method.as_str(), route.as_slice()) {
        ("PATCH" | "DELETE", _) => return Reply::empty(204),
        ("GET", ["h323", "devices"]) => json!({
            "page_count": 1, "page_number": 1, "page_size": 1, "total_records": 1, "next_page_token": "",
            "devices": [device_json()]
        }),
        ("POST", ["h323", "devices"]) => {
            json!({ "id": "dXN1cjEyMw", "name": "Lobby", "protocol": "SIP", "ip": "10.0.0.7", "encryption": "yes" })
        }
        _ => return no_route(request),
    };
    Reply::json(if request.method == "POST" { 201 } else { 200 }, body)
}

pub(super) fn rows() -> Vec<Row> {
    vec![
        row(
            |c| {
                let params = DeviceListParams { page_size: Some(1), ..Default::default() };
                c.h323_devices().device_list(&params)
            },
            "GET /v2/h323/devices?page_size=1",
            Sent::Nothing,
            |list| {
                assert_eq!(list.total_records, Some(1));
                let devices = list.devices.unwrap();
                assert_eq!(devices[0].protocol, H323Protocol::H323);
                assert_eq!(devices[0].encryption, H323Encryption::Auto);
            },
        ),
        row(
            |c| {
                let new: H323Device = serde_json::from_value(
                    json!({ "name": "Lobby", "protocol": "SIP", "ip": "10.0.0.7", "encryption": "yes" }),
                )
                .unwrap();
                c.h323_devices().device_create(&new)
            },
            "POST /v2/h323/devices",
            Sent::Json(json!({ "name": "Lobby", "protocol": "SIP", "ip": "10.0.0.7", "encryption": "yes" })),
            |created| {
                assert_eq!(created.id.as_deref(), Some("dXN1cjEyMw"));
                assert_eq!((created.protocol, created.encryption), (H323Protocol::Sip, H323Encryption::Yes));
            },
        ),
        row(
            |c| c.h323_devices().device_delete(DEVICE_ID),
            "DELETE /v2/h323/devices/abceHewahkrehwiK",
            Sent::Nothing,
            no_body,
        ),
        row(
            |c| {
                // A device as the list returns it, renamed: its `id` stays off the wire.
                let mut device = device();
                device.name = "Board room".into();
                device.encryption = H323Encryption::No;
                c.h323_devices().device_update(DEVICE_ID, &device)
            },
            "PATCH /v2/h323/devices/abceHewahkrehwiK",
            Sent::Json(json!({ "name": "Board room", "protocol": "H.323", "ip": "127.0.0.1", "encryption": "no" })),
            no_body,
        ),
    ]
}

#[tokio::test]
async fn every_h323_devices_operation_sends_the_documented_request_and_decodes_the_response() {
    run_table(rows(), H323_DEVICES_SPEC, 4, answer).await;
}

#[test]
fn zooms_device_example_round_trips() {
    assert_eq!(serde_json::to_value(device()).unwrap(), device_json());
}

#[tokio::test]
async fn a_device_name_over_64_characters_is_refused_before_sending() {
    let server = MockServer::start(answer).await;
    let client = client(&server);
    let mut device = device();
    device.name = "n".repeat(65);
    let err = client.h323_devices().device_create(&device).await.unwrap_err();
    assert!(matches!(err, clientgen_runtime::Error::Validation { .. }), "{err:?}");
    assert!(err.to_string().contains("name"), "{err}");
    assert!(server.requests().is_empty(), "refused requests are never sent");
}
