//! One row per operation of `specs/zoom/tracking_field.yaml`; Zoom's tracking field example
//! round-trips, and its read-only `id` stays off the wire.

use clientgen_tests::{Recorded, Reply};
use serde_json::{json, Value};
use zoom::types::*;

use super::*;

const TRACKING_FIELD_SPEC: &str = include_str!("../../../../specs/zoom/tracking_field.yaml");
const FIELD_ID: &str = "a32CJji-weJ92";

/// A tracking field as Zoom's reference shows it (Get a tracking field, 2021 example).
fn field_json() -> Value {
    json!({
        "id": FIELD_ID,
        "field": "Meeting Purpose",
        "required": true,
        "visible": false,
        "recommended_values": ["Support", "Onboarding", "Sales", "Other"]
    })
}

fn field() -> TrackingFieldDefinition {
    serde_json::from_value(field_json()).expect("the example decodes")
}

fn answer(request: &Recorded) -> Reply {
    let path = request.path.strip_prefix("/v2/").unwrap_or(&request.path);
    let route: Vec<&str> = path.split('/').collect();
    let body = match (request.method.as_str(), route.as_slice()) {
        ("PUT" | "PATCH" | "DELETE", _) => return Reply::empty(204),
        ("GET", ["tracking_fields"]) => json!({ "total_records": 1, "tracking_fields": [field_json()] }),
        ("POST", ["tracking_fields"]) => {
            json!({ "id": FIELD_ID, "field": "field1", "recommended_values": [], "required": false, "visible": true })
        }
        ("GET", ["tracking_fields", _]) => field_json(),
        _ => return no_route(request),
    };
    Reply::json(if request.method == "POST" { 201 } else { 200 }, body)
}

pub(super) fn rows() -> Vec<Row> {
    vec![
        row(
            |c| c.tracking_field().tracking_field_list(),
            "GET /v2/tracking_fields",
            Sent::Nothing,
            |list| {
                assert_eq!(list.total_records, Some(1));
                assert_eq!(list.tracking_fields.unwrap()[0].recommended_values.as_ref().unwrap().len(), 4);
            },
        ),
        row(
            |c| {
                let create = TrackingFieldDefinition {
                    field: Some("field1".into()),
                    required: Some(false),
                    visible: Some(true),
                    ..Default::default()
                };
                c.tracking_field().tracking_field_create(&create)
            },
            "POST /v2/tracking_fields",
            Sent::Json(json!({ "field": "field1", "required": false, "visible": true })),
            |created| assert_eq!((created.id.as_deref(), created.recommended_values), (Some(FIELD_ID), Some(vec![]))),
        ),
        row(
            |c| c.tracking_field().tracking_field_get(FIELD_ID),
            "GET /v2/tracking_fields/a32CJji-weJ92",
            Sent::Nothing,
            |got| {
                assert_eq!(
                    (got.field.as_deref(), got.required, got.visible),
                    (Some("Meeting Purpose"), Some(true), Some(false))
                )
            },
        ),
        row(
            |c| c.tracking_field().tracking_field_delete(FIELD_ID),
            "DELETE /v2/tracking_fields/a32CJji-weJ92",
            Sent::Nothing,
            no_body,
        ),
        row(
            // A field read back, changed and sent: its `id` (read-only) is not sent.
            |c| {
                let mut change = field();
                change.visible = Some(true);
                c.tracking_field().tracking_field_update(FIELD_ID, &change)
            },
            "PATCH /v2/tracking_fields/a32CJji-weJ92",
            Sent::Json(json!({
                "field": "Meeting Purpose",
                "required": true,
                "visible": true,
                "recommended_values": ["Support", "Onboarding", "Sales", "Other"]
            })),
            no_body,
        ),
    ]
}

#[tokio::test]
async fn every_tracking_field_operation_sends_the_documented_request_and_decodes_the_response() {
    run_table(rows(), TRACKING_FIELD_SPEC, 5, answer).await;
}

#[test]
fn zooms_tracking_field_example_round_trips() {
    assert_eq!(serde_json::to_value(field()).unwrap(), field_json());
}

#[test]
fn an_id_in_a_request_body_is_reported_as_read_only() {
    // `validate()` names a read-only field that is set; the call itself leaves it off the wire.
    let violations = zoom::Validate::validate(&field()).unwrap_err();
    assert_eq!(violations.len(), 1, "{violations:?}");
    assert!(violations[0].read_only && violations[0].path == "$.id", "{violations:?}");
    let without_id = TrackingFieldDefinition { id: None, ..field() };
    assert!(zoom::Validate::validate(&without_id).is_ok());
}
