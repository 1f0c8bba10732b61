//! One row per operation of `specs/zoom/sip_phone.yaml`; Zoom's SIP phone example round-trips, and
//! the documented limits (name lengths, registration minutes) are refused before sending.

use clientgen_tests::{Recorded, Reply};
use serde_json::{json, Value};
use zoom::types::*;

use super::*;

const SIP_PHONE_SPEC: &str = include_str!("../../../../specs/zoom/sip_phone.yaml");
const PHONE_ID: &str = "123456";

/// A SIP phone as Zoom's reference shows it (List SIP phones).
fn phone_json() -> Value {
    json!({
        "id": PHONE_ID,
        "user_email": "jchill@example.com",
        "domain": "example.com",
        "register_server": "192.0.2.1",
        "transport_protocol": "UDP",
        "proxy_server": "192.0.2.2",
        "register_server2": "192.0.2.3",
        "transport_protocol2": "TCP",
        "proxy_server2": "192.0.2.4",
        "register_server3": "192.0.2.5",
        "transport_protocol3": "TLS",
        "proxy_server3": "192.0.2.6",
        "registration_expire_time": 60,
        "user_name": "Jill Chill",
        "password": "apassword1",
        "authorization_name": "testname",
        "voice_mail": "4000"
    })
}

fn phone() -> SipPhone {
    serde_json::from_value(phone_json()).expect("the example decodes")
}

/// The create body: the phone without the `id` Zoom gives it.
fn new_phone_json() -> Value {
    let mut body = phone_json();
    body.as_object_mut().unwrap().remove("id");
    body
}

fn update_json() -> Value {
    json!({
        "authorization_name": "testname",
        "domain": "example.com",
        "password": "anotherpassword",
        "proxy_server": "192.0.2.2",
        "proxy_server2": "192.0.2.4",
        "proxy_server3": "192.0.2.6",
        "register_server": "192.0.2.1",
        "register_server2": "192.0.2.3",
        "register_server3": "192.0.2.5",
        "registration_expire_time": 127,
        "transport_protocol": "AUTO",
        "user_name": "Jill Chill",
        "voice_mail": "4000"
    })
}

fn answer(request: &Recorded) -> Reply {
    let body = match (request.method.as_str(), request.path.as_str()) {
        ("PATCH" | "DELETE", _) => return Reply::empty(204),
        ("GET", "/v2/sip_phones") => json!({
            "page_count": 1, "page_number": 1, "page_size": 1, "total_records": 1,
            "next_page_token": "", "phones": [phone_json()]
        }),
        ("POST", "/v2/sip_phones") => phone_json(),
        _ => return no_route(request),
    };
    Reply::json(if request.method == "POST" { 201 } else { 200 }, body)
}

pub(super) fn rows() -> Vec<Row> {
    vec![
        row(
            |c| {
                let params = ListSipPhonesParams {
                    search_key: Some("jchill@example.com".into()),
                    page_size: Some(1),
                    ..Default::default()
                };
                c.sip_phone().list_sip_phones(&params)
            },
            "GET /v2/sip_phones?search_key=jchill%40example.com&page_size=1",
            Sent::Nothing,
            |list| {
                let phones = list.phones.unwrap();
                assert_eq!(phones[0].id.as_deref(), Some(PHONE_ID));
                assert_eq!(phones[0].transport_protocol3, Some(SipTransportProtocol::Tls));
                assert_eq!(phones[0].registration_expire_time, Some(60));
            },
        ),
        row(
            |c| {
                let new: SipPhone = serde_json::from_value(new_phone_json()).unwrap();
                c.sip_phone().create_sip_phone(&new)
            },
            "POST /v2/sip_phones",
            Sent::Json(new_phone_json()),
            |created| {
                assert_eq!(created.id.as_deref(), Some(PHONE_ID));
                assert_eq!(created.user_email, "jchill@example.com");
            },
        ),
        row(|c| c.sip_phone().delete_sip_phone(PHONE_ID), "DELETE /v2/sip_phones/123456", Sent::Nothing, no_body),
        row(
            |c| {
                let update: SipPhoneUpdate = serde_json::from_value(update_json()).unwrap();
                c.sip_phone().update_sip_phone(PHONE_ID, &update)
            },
            "PATCH /v2/sip_phones/123456",
            Sent::Json(update_json()),
            no_body,
        ),
    ]
}

#[tokio::test]
async fn every_sip_phone_operation_sends_the_documented_request_and_decodes_the_response() {
    run_table(rows(), SIP_PHONE_SPEC, 4, answer).await;
}

#[test]
fn zooms_sip_phone_example_round_trips() {
    assert_eq!(serde_json::to_value(phone()).unwrap(), phone_json());
}

/// Puts one field of a phone out of Zoom's limits.
type Breaks = fn(&mut SipPhone);

#[tokio::test]
async fn documented_sip_phone_limits_are_refused_before_sending() {
    let server = MockServer::start(answer).await;
    let client = client(&server);
    let cases: [(&str, Breaks); 6] = [
        ("registration_expire_time", |p| p.registration_expire_time = Some(128)),
        ("registration_expire_time", |p| p.registration_expire_time = Some(0)),
        ("authorization_name", |p| p.authorization_name = "a".repeat(65)),
        ("domain", |p| p.domain = "d".repeat(65)),
        ("user_email", |p| p.user_email = format!("{}@example.com", "u".repeat(60))),
        ("voice_mail", |p| p.voice_mail = "4".repeat(256)),
    ];
    for (field, break_it) in cases {
        let mut phone = phone();
        break_it(&mut phone);
        let err = client.sip_phone().create_sip_phone(&phone).await.unwrap_err();
        assert!(matches!(err, clientgen_runtime::Error::Validation { .. }), "{field}: {err:?}");
        assert!(err.to_string().contains(field), "{field}: {err}");
    }
    assert!(server.requests().is_empty(), "refused requests are never sent");
}
