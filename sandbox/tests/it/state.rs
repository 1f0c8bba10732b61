//! State files: what a sandbox saved is what the next one starts from, ids continue where they
//! stopped, and the same calls on a fixed clock give the same state byte for byte.

use std::path::PathBuf;

use crate::common::{customer, google, raw, start, subscribe_request, zoom, NOW_MS};
use crate::zoom_reports::meeting;
use crate::zoom_reseller::{new_sub_account, new_user};
use google_reseller::types::{ChangePlanRequest, Subscription};
use sandbox::{Sandbox, SandboxConfig};
use serde_json::json;
use zoom::types::{UserCreateAction, UserStatus, UserStatusUpdate, UserStatusUpdateAction, UserType, UsersParams};

/// A file name in the temporary directory, unique to this test run; removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str) -> Self {
        Self(std::env::temp_dir().join(format!("sandbox-{}-{name}.json", std::process::id())))
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// The same calls every time: a customer, a trial moved to an annual plan, a Zoom subscription;
/// a Zoom sub account with a plan and users (one invited, one deactivated) and a hosted meeting.
async fn script(sandbox: &Sandbox) {
    let client = google(sandbox);
    let id = customer(&client, "state.example").await;
    client.subscriptions().insert(&id, &Subscription::trial("1010020027", 5), &Default::default()).await.unwrap();
    client.subscriptions().change_plan(&id, "S000001", &ChangePlanRequest::annual_monthly(5)).await.unwrap();
    let master = zoom(sandbox);
    master.billing().account_plan_create("sub-1", &subscribe_request(7)).await.unwrap();
    let account = master.accounts().account_create(&new_sub_account("owner@state.example")).await.unwrap();
    let account = account.id.unwrap();
    master.billing().account_plan_create(&account, &subscribe_request(3)).await.unwrap();
    let users = master.sub_account(&account);
    for (action, email) in
        [(UserCreateAction::Create, "a@state.example"), (UserCreateAction::AutoCreate, "b@state.example")]
    {
        users.users().user_create(&new_user(action, email, UserType::Licensed)).await.unwrap();
    }
    users
        .users()
        .user_create(&new_user(UserCreateAction::CustCreate, "c@state.example", UserType::Basic))
        .await
        .unwrap();
    let deactivate = UserStatusUpdate::new(UserStatusUpdateAction::Deactivate);
    users.users().user_status("b@state.example", &deactivate).await.unwrap();
    meeting(sandbox, &account, "U000004", "2026-01-14", 45, 3).await;
}

#[tokio::test]
async fn a_saved_state_loads_back_and_ids_continue() {
    let file = TempFile::new("round-trip");
    let first = start().await;
    script(&first).await;
    first.save(&file.0).unwrap();
    let saved = first.state_json();
    let customer_before = google(&first).customers().get("C000001").await.unwrap();
    let subscription_before = google(&first).subscriptions().get("C000001", "S000002").await.unwrap();
    let plans_before = zoom(&first).billing().account_plans("sub-1").await.unwrap();
    let zoom_before = zoom_view(&first).await;
    drop(first);

    let second = Sandbox::start(SandboxConfig::new().fixed_time_ms(NOW_MS).load_state(&file.0)).await.unwrap();
    assert_eq!(second.state_json(), saved);
    let client = google(&second);
    assert_eq!(client.customers().get("state.example").await.unwrap(), customer_before);
    assert_eq!(client.subscriptions().get("C000001", "S000002").await.unwrap(), subscription_before);
    assert_eq!(
        client.subscriptions().get("C000001", "S000001").await.unwrap_err().status().map(|s| s.as_u16()),
        Some(404)
    );
    assert_eq!(zoom(&second).billing().account_plans("sub-1").await.unwrap(), plans_before);
    assert_eq!(zoom_view(&second).await, zoom_before, "sub accounts, users and usage came back");

    // The counters came along: the next ids follow the saved ones.
    assert_eq!(customer(&client, "next.example").await, "C000002");
    let next = client
        .subscriptions()
        .insert("C000002", &Subscription::flexible("1010020027", 3), &Default::default())
        .await
        .unwrap();
    assert_eq!(next.subscription_id.as_deref(), Some("S000003"));
    assert_eq!(second.add_zoom_account(None), "A000002");
    let sub = zoom(&second).sub_account("A000001");
    let next = new_user(UserCreateAction::AutoCreate, "d@state.example", UserType::Basic);
    assert_eq!(sub.users().user_create(&next).await.unwrap().id.as_deref(), Some("U000005"));
}

/// What the Zoom client sees of the sub accounts: the list, the users of each status of
/// `A000001`, one user, and the plan usage.
async fn zoom_view(sandbox: &Sandbox) -> String {
    let master = zoom(sandbox);
    let accounts = master.accounts().accounts(&Default::default()).await.unwrap();
    let details = master.accounts().account("A000001").await.unwrap();
    let sub = master.sub_account("A000001");
    let mut users = Vec::new();
    for status in [UserStatus::Active, UserStatus::Pending, UserStatus::Inactive] {
        let params = UsersParams { status: Some(status), ..UsersParams::default() };
        users.push(sub.users().users(&params).await.unwrap());
    }
    let user = sub.users().user("U000002", &Default::default()).await.unwrap();
    let usage = master.billing().get_plan_usage("A000001").await.unwrap();
    assert_eq!(users.iter().map(|page| page.total_records).collect::<Vec<_>>(), [Some(2), Some(1), Some(1)]);
    format!("{accounts:?}\n{details:?}\n{users:?}\n{user:?}\n{usage:?}")
}

#[tokio::test]
async fn the_same_calls_give_the_same_state_file() {
    let (one, two) = (TempFile::new("same-1"), TempFile::new("same-2"));
    for file in [&one, &two] {
        let sandbox = start().await;
        script(&sandbox).await;
        sandbox.save(&file.0).unwrap();
    }
    let (a, b) = (std::fs::read(&one.0).unwrap(), std::fs::read(&two.0).unwrap());
    assert_eq!(a, b, "deterministic ids, times and dates");
    let state: serde_json::Value = serde_json::from_slice(&a).unwrap();
    assert_eq!(state["version"], 1);
    assert_eq!(
        state["counters"],
        json!({ "customer": 1, "subscription": 2, "zoom_account": 1, "zoom_user": 4, "token": 0 })
    );
    let subscription = &state["google"]["subscriptions"]["S000002"];
    assert_eq!(subscription["plan"]["planName"], "ANNUAL_MONTHLY_PAY", "stored as ordered, reported as ANNUAL");
    assert_eq!(subscription["creationTime"], NOW_MS.to_string(), "int64 as a string, as Google sends it");
    assert_eq!(state["zoom"]["accounts"]["sub-1"]["plans"]["plan_base"]["service_effective_date"], "2026-01-15");
    let account = &state["zoom"]["accounts"]["A000001"];
    assert_eq!(account["details"]["owner_id"], "U000001");
    assert_eq!(account["users"]["U000003"]["status"], "inactive", "the generated User, in Zoom's field names");
    assert_eq!(account["users"]["U000003"]["type"], 2);
    assert_eq!(account["meetings"][0]["minutes"], 45);
    assert!(!String::from_utf8_lossy(&a).contains("Sandbox-Pass"), "no password is kept");
}

#[tokio::test]
async fn a_state_file_is_written_after_every_change_and_read_at_start() {
    let file = TempFile::new("autosave");
    let sandbox = Sandbox::start(SandboxConfig::new().state_file(&file.0)).await.unwrap();
    assert!(!file.0.exists(), "nothing to write yet");
    customer(&google(&sandbox), "saved.example").await;
    let written: serde_json::Value = serde_json::from_slice(&std::fs::read(&file.0).unwrap()).unwrap();
    assert_eq!(written["google"]["customers"]["C000001"]["customer"]["customerDomain"], "saved.example");
    sandbox.shutdown().await;

    let again = Sandbox::start(SandboxConfig::new().state_file(&file.0)).await.unwrap();
    assert_eq!(google(&again).customers().get("saved.example").await.unwrap().customer_id.as_deref(), Some("C000001"));

    // Reset, and put a state back through the admin endpoints.
    let saved = again.state_json();
    assert_eq!(raw("POST", &format!("{}/_sandbox/reset", again.url()), &[], None).await.status, 204);
    assert_eq!(
        google(&again).customers().get("saved.example").await.unwrap_err().status().map(|s| s.as_u16()),
        Some(404)
    );
    let put = raw("PUT", &format!("{}/_sandbox/state", again.url()), &[], Some(&saved.to_string())).await;
    assert_eq!(put.status, 204);
    assert_eq!(again.state_json(), saved);
    let on_disk: serde_json::Value = serde_json::from_slice(&std::fs::read(&file.0).unwrap()).unwrap();
    assert_eq!(on_disk, saved, "the admin changes were written too");
}

#[tokio::test]
async fn a_file_that_is_not_a_state_is_refused_at_start() {
    let file = TempFile::new("garbage");
    std::fs::write(&file.0, b"{\"google\": 42}").unwrap();
    let err = Sandbox::start(SandboxConfig::new().load_state(&file.0)).await.unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::InvalidData);
    let missing = Sandbox::start(SandboxConfig::new().load_state(file.0.with_extension("missing"))).await.unwrap_err();
    assert_eq!(missing.kind(), std::io::ErrorKind::NotFound);
    let bad_put = {
        let sandbox = start().await;
        raw("PUT", &format!("{}/_sandbox/state", sandbox.url()), &[], Some("[]")).await.status
    };
    assert_eq!(bad_put, 400);
}
