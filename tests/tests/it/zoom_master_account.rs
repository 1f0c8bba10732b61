//! What the Zoom client gives a reseller's master account beyond one method per operation: a
//! client that acts for a sub-account, and everything it needs from the one `zoom` dependency.

use clientgen_tests::{MockServer, Recorded, Reply};
use serde_json::json;
use zoom::Client;

fn client(server: &MockServer) -> Client {
    Client::builder().base_url(server.url()).bearer_token("zoom-token").build().unwrap()
}

/// Zoom's master account APIs: a sub-account's users, groups, roles and reports are reached by
/// putting `/accounts/{accountId}` in front of the path; the client does it for the operations
/// the spec marks, and refuses the others (which would act for the master account).
#[tokio::test]
async fn a_sub_account_client_reaches_the_sub_accounts_users_and_refuses_the_rest() {
    let server = MockServer::start(|request| match request.path.as_str() {
        "/accounts/Sub%2FA/users" => {
            Reply::json(200, json!({ "page_size": 30, "users": [{ "id": "u1", "email": "a@example.com", "type": 1 }] }))
        }
        "/accounts/Sub%2FA/users/u1" => Reply::json(200, json!({ "id": "u1", "email": "a@example.com", "type": 1 })),
        _ => Reply::json(404, json!({ "code": 1001, "message": "no route" })),
    })
    .await;
    let master = client(&server);
    let sub = master.sub_account("Sub/A");
    let users = sub.users().users(&Default::default()).await.unwrap();
    assert_eq!(users.users.unwrap()[0].id.as_deref(), Some("u1"));
    let user = sub.users().user("u1", &Default::default()).await.unwrap();
    assert_eq!(user.email.as_deref(), Some("a@example.com"));
    let refused = sub.billing().account_billing("me").await.unwrap_err();
    assert!(matches!(&refused, zoom::Error::InvalidRequest { .. }), "{refused:?}");
    let lines: Vec<String> = server.requests().iter().map(Recorded::line).collect();
    assert_eq!(lines, ["GET /accounts/Sub%2FA/users", "GET /accounts/Sub%2FA/users/u1"]);
}

/// A user needs only the generated crate: everything this test names comes from `zoom` itself
/// (it would not compile if a re-export went missing).
#[tokio::test]
async fn a_generated_crate_is_the_one_dependency_its_users_need() {
    let server = MockServer::start(|_| {
        Reply::json(200, json!({ "page_count": 1, "page_number": 1, "webinars": [{ "id": 1, "topic": "Launch" }] }))
    })
    .await;
    let http: zoom::HttpClient = zoom::HttpClient::builder().no_proxy().build().unwrap();
    let client = zoom::Client::builder()
        .base_url(server.url())
        .auth(zoom::Auth::bearer(zoom::Secret::from("t")))
        .retry(zoom::RetryPolicy::default())
        .http_client(http)
        .build()
        .unwrap();
    let mut webinars: zoom::Pages<'_, _, _, _> = client.webinars().webinars_stream("me", &Default::default());
    let first = webinars.next().await.unwrap().unwrap();
    assert_eq!(first.topic.as_deref(), Some("Launch"));
    assert!(webinars.next().await.is_none(), "one page of one");
    assert_eq!(server.requests()[0].header("authorization"), Some("Bearer t"));
    // A token source and the runtime's own names, through the crate.
    let _source = zoom::oauth::ZoomServerToServer::new("account", "client", "secret");
    assert_eq!(zoom::runtime::DEFAULT_TIMEOUT, std::time::Duration::from_secs(60));
    let violations: Vec<zoom::Violation> =
        zoom::Validate::validate(&zoom::types::UsersParams { page_size: Some(301), ..Default::default() }).unwrap_err();
    assert_eq!(violations[0].path, "$.page_size", "validate() on its own starts at the root");
}
