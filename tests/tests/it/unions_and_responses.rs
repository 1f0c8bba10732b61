//! The golden unions fixture used as a downstream crate against a server on 127.0.0.1:
//! a discriminated `oneOf` decoded by its `kind`, an unmapped `kind` kept as JSON, a second
//! 2xx status with the same body, a 204 with none, and a `default` error response decoded.

use clientgen_runtime::Error;
use clientgen_tests::{MockServer, Reply};
use golden_unions_and_responses::types::{Click, Event, Purchase, PurchaseNote};
use golden_unions_and_responses::Client;
use serde_json::json;

fn client(server: &MockServer) -> Client {
    Client::builder().base_url(server.url()).build().unwrap()
}

#[tokio::test]
async fn a_discriminated_union_is_sent_as_its_variant_and_decoded_by_its_tag() {
    let server = MockServer::start(|request| {
        // Echo the event back as accepted-for-later, with a different kind to show dispatch.
        assert_eq!(request.json()["kind"], "purchase");
        Reply::json(202, json!({ "kind": "click", "x": 3, "y": -4 }))
    })
    .await;
    let mut purchase = Purchase::new("purchase", 12.5);
    purchase.note = Some(PurchaseNote::Number(7.0));
    let event = client(&server).create_event(&Event::Purchase(Box::new(purchase))).await.unwrap();
    assert_eq!(event, Event::Click(Box::new(Click { kind: "click".into(), x: 3, y: -4 })));
    let sent = server.requests()[0].json();
    assert_eq!(sent, json!({ "kind": "purchase", "amount": 12.5, "note": 7.0 }));
}

#[tokio::test]
async fn a_kind_the_spec_does_not_map_is_kept_not_refused() {
    let unknown = json!({ "kind": "refund", "amount": 3 });
    let body = unknown.clone();
    let server = MockServer::start(move |_| Reply::json(201, body.clone())).await;
    let event = client(&server).create_event(&Event::Unknown(json!({ "kind": "refund" }))).await.unwrap();
    assert_eq!(event, Event::Unknown(unknown));
}

#[tokio::test]
async fn a_known_kind_with_a_wrong_shape_is_a_typed_error_with_the_body() {
    let server = MockServer::start(|_| Reply::json(201, json!({ "kind": "click", "x": "left" }))).await;
    let err = client(&server).create_event(&Event::Unknown(json!({}))).await.unwrap_err();
    match err {
        Error::UnexpectedBody { status, raw, .. } => {
            assert_eq!(status.as_u16(), 201);
            assert!(String::from_utf8_lossy(&raw).contains("left"));
        }
        other => panic!("expected UnexpectedBody, got {other:?}"),
    }
}

#[tokio::test]
async fn no_content_and_default_errors() {
    let server = MockServer::start(|request| {
        if request.line().contains("/events/0b6a") {
            Reply::empty(204)
        } else {
            Reply::json(409, json!({ "message": "already deleted" }))
        }
    })
    .await;
    let client = client(&server);
    client.delete_event("0b6a").await.unwrap();
    match client.delete_event("1c7b").await.unwrap_err() {
        Error::Api(api) => {
            assert_eq!(api.status.as_u16(), 409);
            assert_eq!(api.body.unwrap().message.as_deref(), Some("already deleted"));
        }
        other => panic!("expected an API error, got {other:?}"),
    }
}

#[test]
fn an_enum_of_mixed_types_compares_values_as_json() {
    use golden_unions_and_responses::types::Level;
    let decoded: Vec<Level> = serde_json::from_value(json!([1, "one", 2.5, "1", true])).unwrap();
    // By variant (`Debug`): `==` goes by the JSON value, so it would not tell `Unknown(1)` from `V1`.
    assert_eq!(
        format!("{decoded:?}"),
        format!(
            "{:?}",
            [Level::V1, Level::One, Level::V2Point5, Level::Unknown(json!("1")), Level::Unknown(json!(true))]
        )
    );
    assert_eq!(serde_json::to_value(&decoded).unwrap(), json!([1, "one", 2.5, "1", true]));
    assert_eq!(Level::One.to_string(), "one");
    assert_eq!(Level::V2Point5.to_string(), "2.5");
}

#[tokio::test]
async fn a_200_with_a_body_next_to_a_204_is_an_option() {
    let server = MockServer::start(|request| {
        if request.line().contains("/events/ready") {
            Reply::json(200, json!({ "kind": "click", "x": 1, "y": 2 }))
        } else {
            Reply::empty(204)
        }
    })
    .await;
    let client = client(&server);
    let ready = client.get_event("ready").await.unwrap();
    assert_eq!(ready, Some(Event::Click(Box::new(Click { kind: "click".into(), x: 1, y: 2 }))));
    assert_eq!(client.get_event("pending").await.unwrap(), None);
}

#[tokio::test]
async fn different_bodies_per_success_status_are_told_apart_by_the_status() {
    use golden_unions_and_responses::types::{ReplayEventAccepted, ReplayEventResponse};
    let server = MockServer::start(|request| {
        let line = request.line();
        if line.contains("/now/") {
            Reply::json(200, json!({ "kind": "click", "x": 5, "y": 6 }))
        } else if line.contains("/later/") {
            // The same shape as a click would not fit: the status decides, not the shape.
            Reply::json(202, json!({ "position": 3 }))
        } else if line.contains("/gone/") {
            Reply::empty(204)
        } else {
            Reply::json(206, json!({ "position": 4 }))
        }
    })
    .await;
    let client = client(&server);
    let now = client.replay_event("now").await.unwrap();
    assert_eq!(
        now,
        ReplayEventResponse::Ok(Box::new(Event::Click(Box::new(Click { kind: "click".into(), x: 5, y: 6 }))))
    );
    let later = client.replay_event("later").await.unwrap();
    assert_eq!(later, ReplayEventResponse::Accepted(Box::new(ReplayEventAccepted::new(3))));
    assert_eq!(client.replay_event("gone").await.unwrap(), ReplayEventResponse::NoContent);
    assert_eq!(server.requests()[0].line(), "POST /events/now/replay");
    // A success status the spec does not document is a typed error that keeps the body.
    match client.replay_event("odd").await.unwrap_err() {
        Error::UnexpectedBody { status, raw, reason, .. } => {
            assert_eq!(status.as_u16(), 206);
            assert_eq!(&raw[..], br#"{"position":4}"#);
            assert!(reason.contains("206"), "{reason}");
        }
        other => panic!("expected UnexpectedBody, got {other:?}"),
    }
}
