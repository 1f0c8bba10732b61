//! A secret a model holds (a field the spec marks `format: password`: passcodes, passwords,
//! tokens) never shows in `Debug`; whether it is set does, and so does every other field.

use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use zoom::types::{
    JoinToken, MeetingCreateRequest, PacAccount, SipPhone, UserCreateInfo, UserPasswordUpdate, UserToken,
};

const SECRET: &str = "s3cr3t-0451";

/// The `Debug` of `T` decoded from `body`.
fn shown<T: DeserializeOwned + std::fmt::Debug>(body: Value) -> String {
    format!("{:?}", serde_json::from_value::<T>(body).expect("the example decodes"))
}

#[test]
fn secrets_never_show_in_debug() {
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "a meeting's passcode",
            shown::<MeetingCreateRequest>(json!({ "topic": "Plan review", "password": SECRET })),
            "Plan review",
        ),
        (
            "a new user's password",
            shown::<UserCreateInfo>(json!({ "email": "a@example.com", "type": 1, "password": SECRET })),
            "a@example.com",
        ),
        ("a password change", shown::<UserPasswordUpdate>(json!({ "password": SECRET })), "password: ***"),
        ("a user's ZAK", shown::<UserToken>(json!({ "token": SECRET })), "token: Some(***)"),
        ("a join token", shown::<JoinToken>(json!({ "token": SECRET, "expire_in": 120 })), "expire_in"),
        (
            "a SIP phone's password",
            shown::<SipPhone>(json!({
                "phone_id": "p1", "user_email": "a@example.com", "user_name": "a", "password": SECRET,
                "authorization_name": "a", "domain": "example.com", "register_server": "10.0.0.1", "proxy_server": "10.0.0.2",
                "registration_expire_time": 60, "voice_mail": "4000"
            })),
            "register_server",
        ),
        (
            "PAC passwords",
            shown::<PacAccount>(
                json!({ "conference_id": 1, "listen_only_password": SECRET, "participant_password": SECRET }),
            ),
            "conference_id: Some(1)",
        ),
    ];
    let failures: Vec<String> = cases
        .iter()
        .filter(|(_, debug, visible)| debug.contains(SECRET) || !debug.contains(visible))
        .map(|(what, debug, visible)| format!("{what}: shows the secret or hides `{visible}`: {debug}"))
        .collect();
    assert!(failures.is_empty(), "{failures:#?}");
}
