//! Starts the sandbox in-process and walks a Zoom reseller's day with the generated Zoom client,
//! one line per step: a sub account, a Pro base plan with 10 hosts, licensed users up to the
//! hosts (the 11th refused), more hosts, usage, a deactivation, the cancellation. No credentials:
//!
//! ```sh
//! cargo run -p sandbox --example zoom_reseller
//! ```

use sandbox::{Sandbox, SandboxConfig};
use zoom::types::{
    AccountPlanSubscribeRequest, BasePlanCancelRequest, BasePlanUpdateRequest, Contact, PlanBase, SubAccountCreate,
    UserCreate, UserCreateAction, UserCreateInfo, UserStatusUpdate, UserStatusUpdateAction, UserType,
};

type Error = Box<dyn std::error::Error>;

/// Zoom's Pro plan, billed monthly.
const PRO_MONTHLY: &str = "monthly";

/// A licensed user, created active (`autoCreate`).
fn licensed_user(n: usize) -> UserCreate {
    let mut info = UserCreateInfo::new(format!("user{n}@acme.example"), UserType::Licensed);
    info.first_name = Some(format!("User {n}"));
    info.last_name = Some("Acme".to_owned());
    info.password = Some("Sandbox-Pass-2026".to_owned());
    UserCreate { user_info: Some(info), ..UserCreate::new(UserCreateAction::AutoCreate) }
}

/// "Zoom 2034 (HTTP 400): ..." for an API refusal.
fn refusal(err: &zoom::Error) -> String {
    match err.vendor_error() {
        Some(body) => format!(
            "Zoom {} (HTTP {}): {}",
            body.code.value(),
            err.status().map_or(0, |status| status.as_u16()),
            body.message
        ),
        None => err.to_string(),
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    let sandbox = Sandbox::start(SandboxConfig::new()).await?;
    // Any bearer token works in the sandbox.
    let master = zoom::Client::builder().base_url(sandbox.zoom_base_url()).bearer_token("sandbox-token").build()?;
    let billing = master.billing();

    let account = SubAccountCreate {
        first_name: "Ada".to_owned(),
        last_name: "Lovelace".to_owned(),
        email: "owner@acme.example".to_owned(),
        password: "Sandbox-Pass-2026".to_owned(),
        options: None,
        account_name: Some("Acme Inc".to_owned()),
    };
    let created = master.accounts().account_create(&account).await?;
    let id = created.id.clone().unwrap_or_default();
    println!("1. sub account {id} created (owner {})", created.owner_email.as_deref().unwrap_or("?"));

    let contact = Contact {
        first_name: "Ada".to_owned(),
        last_name: "Lovelace".to_owned(),
        email: "billing@acme.example".to_owned(),
        phone_number: "555-555-1234".to_owned(),
        address: "1 Main St".to_owned(),
        apt: None,
        city: "New Orleans".to_owned(),
        state: "LA".to_owned(),
        zip: "70112".to_owned(),
        country: "US".to_owned(),
        employee_count: None,
    };
    let mut subscription = AccountPlanSubscribeRequest::new(contact);
    subscription.plan_base = Some(PlanBase { hosts: Some(10), ..PlanBase::new(PRO_MONTHLY.to_owned()) });
    let plans = billing.account_plan_create(&id, &subscription).await?;
    let hosts = plans.plan_base.and_then(|base| base.hosts).unwrap_or_default();
    println!("2. Pro base plan ({PRO_MONTHLY}) subscribed with {hosts} hosts");

    // The sub account's users, reached the way Zoom's master account APIs reach them.
    let sub = master.sub_account(&id);
    for n in 1..=10 {
        sub.users().user_create(&licensed_user(n)).await?;
    }
    let eleventh = match sub.users().user_create(&licensed_user(11)).await {
        Err(err) => refusal(&err),
        Ok(_) => "accepted".to_owned(),
    };
    println!("3. 10 licensed users created; the 11th: {eleventh}");

    let twelve = BasePlanUpdateRequest { hosts: Some(12), ..BasePlanUpdateRequest::new(PRO_MONTHLY.to_owned()) };
    billing.account_plan_base_update(&id, &twelve).await?;
    for n in 11..=12 {
        sub.users().user_create(&licensed_user(n)).await?;
    }
    println!("4. base plan raised to 12 hosts; 2 more licensed users created");

    let usage = billing.get_plan_usage(&id).await?.plan_base.unwrap_or_default();
    let (used, pending, hosts) = (usage.usage.unwrap_or(0), usage.pending.unwrap_or(0), usage.hosts.unwrap_or(0));
    println!("5. usage: {used} of {hosts} hosts in use, {pending} pending");

    let deactivate = UserStatusUpdate::new(UserStatusUpdateAction::Deactivate);
    sub.users().user_status("user3@acme.example", &deactivate).await?;
    let usage = billing.get_plan_usage(&id).await?.plan_base.unwrap_or_default();
    println!("6. user3@acme.example deactivated: usage {} of {}", usage.usage.unwrap_or(0), usage.hosts.unwrap_or(0));

    billing.account_plan_base_delete(&id, &BasePlanCancelRequest::new("cancel".into())).await?;
    let status = billing.account_plans(&id).await?.plan_base.and_then(|base| base.status);
    println!("7. base plan cancelled: status {}", status.as_ref().map_or("?", |status| status.as_str()));
    Ok(())
}
