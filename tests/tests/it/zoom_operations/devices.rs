//! One row per operation of `specs/zoom/devices.yaml`; Zoom's device example round-trips, the ZPA
//! upgrade's two shapes travel by `upgrade_type`, the device types each body accepts and the tag
//! limit are refused before sending (inside the upgrade's `oneOf` too), and the ZDM group
//! operations go to a sub-account's path.

use clientgen_tests::{Recorded, Reply};
use serde_json::{json, Value};
use zoom::types::*;

use super::*;

const DEVICES_SPEC: &str = include_str!("../../../../specs/zoom/devices.yaml");
const DEVICE_ID: &str = "F1C6E9DF-429E-4FA1-85DA-AC95464F3D18";
const GROUP_ID: &str = "ff49588c-92c4-4406-99e6-1942d8a61a7b";

/// A device as Zoom's 2024 reference shows it (Get device detail).
fn device_json() -> Value {
    json!({
        "device_id": DEVICE_ID,
        "device_name": "My device",
        "mac_address": "01-23-45-67-89-AB",
        "serial_number": "6NRN2A0",
        "vendor": "Poly",
        "model": "StudioX30",
        "platform_os": "Epos expandvision5 1.2.22315.04",
        "app_version": "5.13.0.5762",
        "tag": "personal rooms",
        "enrolled_in_zdm": true,
        "connected_to_zdm": true,
        "room_id": "72afdc13-a289-40c3-b358-50c8b8de",
        "room_name": "My Personal Meeting Room",
        "device_type": 0,
        "sdk_version": "2.0.11",
        "device_status": 1,
        "last_online": "2022-10-27T10:23:15Z",
        "user_email": "test-user@ya.us"
    })
}

fn firmware_json() -> Value {
    json!({
        "vendor": "AudioCodes", "model": "C470HD", "version": "1.19.552",
        "warn_info": "You are about to perform an Android operating system upgrade. The change is permanent and cannot be reversed."
    })
}

/// A Zoom Phone appliance to add, as Zoom's Add a new device example fills the body.
fn new_phone_json() -> Value {
    json!({
        "device_name": "Desk phone", "mac_address": "01-23-45-67-89-AB", "serial_number": "6NRN2A0",
        "vendor": "Poly", "model": "CCX600", "device_type": 5, "user_email": "test-user@ya.us", "extension_number": "802"
    })
}

fn answer(request: &Recorded) -> Reply {
    let path = request.path.strip_prefix("/v2/").unwrap_or(&request.path);
    let route: Vec<&str> = path.split('/').collect();
    let body = match (request.method.as_str(), route.as_slice()) {
        ("POST", ["devices"] | ["devices", "zpa", "upgrade"]) => return Reply::empty(202),
        ("POST", ["devices", "zpa", "assignment"]) | ("PATCH" | "DELETE", _) => return Reply::empty(204),
        ("GET", ["devices"]) => json!({ "next_page_token": "", "page_size": 20, "devices": [device_json()] }),
        ("GET", ["devices", "groups"] | ["accounts", _, "devices", "groups"]) => json!({
            "groups": [{ "zdm_group_id": GROUP_ID, "name": "HeFei-group", "description": "Group in Hefei region" }],
            "next_page_token": "", "page_size": 30
        }),
        ("GET", ["devices", "zpa", "zdm_groups", _, "versions"]) => {
            json!({ "firmware_versions": [firmware_json()], "app_versions": ["5.16.5.3920"] })
        }
        ("GET", ["devices", _]) => device_json(),
        _ => return no_route(request),
    };
    Reply::json(200, body)
}

pub(super) fn rows() -> Vec<Row> {
    vec![
        row(
            |c| {
                let params = ListDevicesParams {
                    platform_os: Some(DevicePlatformOs::Windows),
                    device_type: Some(DeviceType::AllZoomRooms),
                    device_status: Some(DeviceStatus::Online),
                    is_enrolled_in_zdm: Some(true),
                    page_size: Some(20),
                    ..Default::default()
                };
                c.devices().list_devices(&params)
            },
            "GET /v2/devices?platform_os=win&is_enrolled_in_zdm=true&device_type=-1&device_status=1&page_size=20",
            Sent::Nothing,
            |list| {
                let device = &list.devices.unwrap()[0];
                assert_eq!(device.device_type, Some(DeviceType::ZoomRoomsComputer));
                assert_eq!(device.device_status, Some(DeviceStatus::Online));
                assert_eq!(device.sdk_version.as_deref(), Some("2.0.11"));
            },
        ),
        row(
            |c| {
                let new: DeviceCreate = serde_json::from_value(new_phone_json()).unwrap();
                c.devices().add_device(&new)
            },
            "POST /v2/devices",
            Sent::Json(new_phone_json()),
            no_body,
        ),
        row(
            |c| c.devices().get_zdm_group_info(&GetZdmGroupInfoParams { page_size: Some(100), ..Default::default() }),
            "GET /v2/devices/groups?page_size=100",
            Sent::Nothing,
            |list| assert_eq!(list.groups.unwrap()[0].name.as_deref(), Some("HeFei-group")),
        ),
        row(
            |c| {
                let assignment = ZpaAssignment {
                    extension_number: Some("802".into()),
                    mac_address: "64167ffc0ed7".into(),
                    vendor: "poly".into(),
                };
                c.devices().assign_device_to_user_or_common_area(&assignment)
            },
            "POST /v2/devices/zpa/assignment",
            Sent::Json(json!({ "extension_number": "802", "mac_address": "64167ffc0ed7", "vendor": "poly" })),
            no_body,
        ),
        row(
            |c| {
                // The versions Zoom offers go back as they came, without Zoom's warning.
                let offered: ZpaFirmwareVersion = serde_json::from_value(firmware_json()).unwrap();
                let firmware = ZpaUpgradeTargetFirmware::firmware(vec![offered]);
                let upgrade = ZpaUpgrade::new(GROUP_ID, ZpaUpgradeTarget::Firmware(Box::new(firmware)));
                c.devices().upgrade_zpa_firmware_or_app(&upgrade)
            },
            "POST /v2/devices/zpa/upgrade",
            Sent::Json(json!({
                "zdm_group_id": GROUP_ID,
                "data": {
                    "firmware_versions": [{ "vendor": "AudioCodes", "model": "C470HD", "version": "1.19.552" }],
                    "upgrade_type": "UPGRADE_FIRMWARE"
                }
            })),
            no_body,
        ),
        row(
            |c| c.devices().delete_zpa_device_by_vendor_and_mac_address("Poly", "64167ffc0ed7"),
            "DELETE /v2/devices/zpa/vendors/Poly/mac_addresses/64167ffc0ed7",
            Sent::Nothing,
            no_body,
        ),
        row(
            |c| c.devices().get_zpa_version_info(GROUP_ID),
            "GET /v2/devices/zpa/zdm_groups/ff49588c-92c4-4406-99e6-1942d8a61a7b/versions",
            Sent::Nothing,
            |versions| {
                assert_eq!(versions.app_versions.unwrap(), ["5.16.5.3920"]);
                let firmware = &versions.firmware_versions.unwrap()[0];
                assert!(firmware.warn_info.as_deref().unwrap().starts_with("You are about to"));
            },
        ),
        row(
            |c| c.devices().get_device(DEVICE_ID),
            "GET /v2/devices/F1C6E9DF-429E-4FA1-85DA-AC95464F3D18",
            Sent::Nothing,
            |device| {
                assert_eq!(device.device_name.as_deref(), Some("My device"));
                assert_eq!(device.enrolled_in_zdm, Some(true));
            },
        ),
        row(
            |c| c.devices().delete_device(DEVICE_ID),
            "DELETE /v2/devices/F1C6E9DF-429E-4FA1-85DA-AC95464F3D18",
            Sent::Nothing,
            no_body,
        ),
        row(
            |c| {
                let mut update = DeviceUpdate::new("Lobby controller");
                update.device_type = Some(DeviceType::ZoomRoomsController);
                update.tag = Some("lobby".into());
                c.devices().update_device(DEVICE_ID, &update)
            },
            "PATCH /v2/devices/F1C6E9DF-429E-4FA1-85DA-AC95464F3D18",
            Sent::Json(json!({ "device_name": "Lobby controller", "tag": "lobby", "device_type": 1 })),
            no_body,
        ),
        row(
            |c| {
                let mut association = DeviceAssociation::new("qMOLddnySIGGVycz8aX_JQ");
                association.app_type = Some(ZoomRoomsAppType::Controller);
                c.devices().change_device_association(DEVICE_ID, &association)
            },
            "PATCH /v2/devices/F1C6E9DF-429E-4FA1-85DA-AC95464F3D18/assignment",
            Sent::Json(json!({ "room_id": "qMOLddnySIGGVycz8aX_JQ", "app_type": "ZRC" })),
            no_body,
        ),
    ]
}

#[tokio::test]
async fn every_devices_operation_sends_the_documented_request_and_decodes_the_response() {
    run_table(rows(), DEVICES_SPEC, 11, answer).await;
}

#[test]
fn zooms_device_and_version_examples_round_trip() {
    let device: Device = serde_json::from_value(device_json()).expect("the example decodes");
    assert_eq!(serde_json::to_value(device).unwrap(), device_json());
    let firmware: ZpaFirmwareVersion = serde_json::from_value(firmware_json()).expect("the example decodes");
    assert_eq!(serde_json::to_value(firmware).unwrap(), firmware_json());
}

#[test]
fn an_upgrade_target_is_told_apart_by_its_upgrade_type() {
    let app = json!({ "app_version": "5.16.5.3920", "upgrade_type": "UPGRADE_APP" });
    let target: ZpaUpgradeTarget = serde_json::from_value(app.clone()).unwrap();
    assert!(matches!(&target, ZpaUpgradeTarget::App(a) if a.app_version.as_deref() == Some("5.16.5.3920")));
    assert_eq!(serde_json::to_value(&target).unwrap(), app);
    let firmware: ZpaUpgradeTarget = serde_json::from_value(json!({ "upgrade_type": "UPGRADE_FIRMWARE" })).unwrap();
    assert!(matches!(firmware, ZpaUpgradeTarget::Firmware(_)));
}

#[tokio::test]
async fn device_types_a_body_does_not_take_and_long_tags_are_refused_before_sending() {
    let server = MockServer::start(answer).await;
    let client = client(&server);
    let mut failures = Vec::new();
    for device_type in
        [DeviceType::AllZoomRooms, DeviceType::ZoomRoomsWhiteboard, DeviceType::ZoomRoomsSchedulingDisplay]
    {
        let mut new: DeviceCreate = serde_json::from_value(new_phone_json()).unwrap();
        new.device_type = device_type;
        let err = client.devices().add_device(&new).await.unwrap_err();
        if !matches!(err, clientgen_runtime::Error::Validation { .. }) {
            failures.push(format!("add {device_type:?}: {err:?}"));
        }
    }
    for device_type in [DeviceType::ZoomPhoneAppliance, DeviceType::AllZoomRooms] {
        let mut update = DeviceUpdate::new("d");
        update.device_type = Some(device_type);
        let err = client.devices().update_device(DEVICE_ID, &update).await.unwrap_err();
        if !matches!(err, clientgen_runtime::Error::Validation { .. }) {
            failures.push(format!("update {device_type:?}: {err:?}"));
        }
    }
    let mut update = DeviceUpdate::new("d");
    update.tag = Some("t".repeat(65));
    let err = client.devices().update_device(DEVICE_ID, &update).await.unwrap_err();
    if !err.to_string().contains("tag") {
        failures.push(format!("tag of 65: {err:?}"));
    }
    // The union's member is checked where it sits: a firmware model of 65 characters.
    let mut offered: ZpaFirmwareVersion = serde_json::from_value(firmware_json()).unwrap();
    offered.model = Some("m".repeat(65));
    let firmware = ZpaUpgradeTargetFirmware::firmware(vec![offered]);
    let upgrade = ZpaUpgrade::new(GROUP_ID, ZpaUpgradeTarget::Firmware(Box::new(firmware)));
    let err = client.devices().upgrade_zpa_firmware_or_app(&upgrade).await.unwrap_err();
    if !err.to_string().contains("firmware_versions[0].model") {
        failures.push(format!("firmware model of 65: {err}"));
    }
    assert!(failures.is_empty(), "{failures:#?}");
    assert!(server.requests().is_empty(), "refused requests are never sent");
}

#[tokio::test]
async fn zdm_group_operations_reach_a_sub_account_and_the_others_are_refused_for_one() {
    let server = MockServer::start(answer).await;
    let client = client(&server).sub_account("sub1");
    let groups = client.devices().get_zdm_group_info(&GetZdmGroupInfoParams::default()).await.unwrap();
    assert_eq!(groups.groups.unwrap().len(), 1);
    let refused = client.devices().get_device(DEVICE_ID).await.unwrap_err();
    assert!(matches!(refused, clientgen_runtime::Error::InvalidRequest { .. }), "{refused:?}");
    let lines: Vec<String> = server.requests().iter().map(Recorded::line).collect();
    assert_eq!(lines, ["GET /v2/accounts/sub1/devices/groups"]);
}
