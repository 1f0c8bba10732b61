//! A Zoom reseller's day against the sandbox, through the generated client: a sub account, its
//! base plan, users counted against the plan's hosts (reached with `Client::sub_account`), usage,
//! plan changes that move hosts, and each refusal with its Zoom code.

use crate::common::{start, subscribe_request, zoom, zoom_code};
use zoom::types::{
    BasePlanCancelRequest, BasePlanUpdateRequest, SubAccountCreate, SubAccountOptions, SubAccountOptionsPayMode,
    UserCreate, UserCreateAction, UserCreateInfo, UserDeleteParams, UserStatus, UserStatusUpdate,
    UserStatusUpdateAction, UserType, UserUpdate, UsersParams,
};

/// A sub account `accountCreate` accepts.
pub fn new_sub_account(email: &str) -> SubAccountCreate {
    SubAccountCreate {
        first_name: "Ada".to_owned(),
        last_name: "Lovelace".to_owned(),
        email: email.to_owned(),
        password: "Sandbox-Pass-2026".to_owned(),
        options: None,
        account_name: Some("Acme Reseller Client".to_owned()),
    }
}

/// A user `userCreate` accepts, for each action (`autoCreate` is the one that takes a password).
pub fn new_user(action: UserCreateAction, email: &str, type_: UserType) -> UserCreate {
    let mut info = UserCreateInfo::new(email, type_);
    info.first_name = Some("User".to_owned());
    info.last_name = Some(email.split('@').next().unwrap_or_default().to_owned());
    if action == UserCreateAction::AutoCreate {
        info.password = Some("Sandbox-Pass-2026".to_owned());
    }
    UserCreate { user_info: Some(info), ..UserCreate::new(action) }
}

fn hosts(count: i64) -> BasePlanUpdateRequest {
    BasePlanUpdateRequest { hosts: Some(count), ..BasePlanUpdateRequest::new("monthly".to_owned()) }
}

fn status(action: UserStatusUpdateAction) -> UserStatusUpdate {
    UserStatusUpdate::new(action)
}

/// (usage, pending) of the base plan.
async fn base_usage(client: &zoom::Client, account: &str) -> (Option<i64>, Option<i64>, Option<i64>) {
    let usage = client.billing().get_plan_usage(account).await.unwrap().plan_base.expect("base plan usage");
    (usage.hosts, usage.usage, usage.pending)
}

#[tokio::test]
async fn a_resellers_day_from_sub_account_to_cancellation() {
    let sandbox = start().await;
    let master = zoom(&sandbox);

    // A sub account, with its owner (a Basic user: it takes no host).
    let created = master.accounts().account_create(&new_sub_account("owner@acme.example")).await.unwrap();
    let id = created.id.clone().expect("an account id");
    assert_eq!((id.as_str(), created.owner_id.as_deref()), ("A000001", Some("U000001")));
    assert_eq!(created.created_at.as_deref(), Some("2026-01-15T00:00:00Z"));
    let details = master.accounts().account(&id).await.unwrap();
    assert_eq!(details.owner_email.as_deref(), Some("owner@acme.example"));

    // A plan only for an account that exists.
    let unknown = master.billing().account_plan_create("A999999", &subscribe_request(10)).await.unwrap_err();
    assert_eq!(zoom_code(&unknown), (404, 2001));
    master.billing().account_plan_create(&id, &subscribe_request(10)).await.unwrap();

    // Ten licensed users, by each action; the eleventh is refused, a Basic one is not.
    let sub = master.sub_account(&id);
    let actions = [
        UserCreateAction::Create,
        UserCreateAction::AutoCreate,
        UserCreateAction::CustCreate,
        UserCreateAction::SsoCreate,
    ];
    for n in 1..=10 {
        let action = actions[n % actions.len()].clone();
        let user = sub.users().user_create(&new_user(action, &format!("u{n}@acme.example"), UserType::Licensed));
        let user = user.await.unwrap();
        assert_eq!(user.type_, Some(UserType::Licensed));
    }
    let eleventh =
        sub.users().user_create(&new_user(UserCreateAction::AutoCreate, "u11@acme.example", UserType::Licensed));
    let eleventh = eleventh.await.unwrap_err();
    assert_eq!(zoom_code(&eleventh), (400, 2034));
    let message = eleventh.vendor_error().map(|e| e.message.clone()).unwrap_or_default();
    assert!(message.contains("permitted maximum number of 10 users"), "{message}");
    let basic = new_user(UserCreateAction::AutoCreate, "basic@acme.example", UserType::Basic);
    sub.users().user_create(&basic).await.unwrap();
    let again = sub.users().user_create(&basic).await.unwrap_err();
    assert_eq!(zoom_code(&again), (409, 1005), "an email is used once");

    // `create` invites: those users are pending until they accept, and hold a host meanwhile.
    assert_eq!(base_usage(&master, &id).await, (Some(10), Some(8), Some(2)));

    // Hosts below the paid users are refused; raised, they take two more users.
    let lower = master.billing().account_plan_base_update(&id, &hosts(9)).await.unwrap_err();
    assert_eq!(zoom_code(&lower), (400, 2100));
    let message = lower.vendor_error().map(|e| e.message.clone()).unwrap_or_default();
    assert!(message.starts_with("The account currently has 10 paid users"), "{message}");
    master.billing().account_plan_base_update(&id, &hosts(12)).await.unwrap();
    for n in 11..=12 {
        let user = new_user(UserCreateAction::CustCreate, &format!("u{n}@acme.example"), UserType::Licensed);
        sub.users().user_create(&user).await.unwrap();
    }
    assert_eq!(base_usage(&master, &id).await, (Some(12), Some(10), Some(2)));

    // Deactivating frees a host; a Basic user cannot take it by update once it is taken again.
    let u3 = sub.users().user("u3@acme.example", &Default::default()).await.unwrap();
    let u3 = u3.id.expect("a user id");
    sub.users().user_status(&u3, &status(UserStatusUpdateAction::Deactivate)).await.unwrap();
    assert_eq!(base_usage(&master, &id).await, (Some(12), Some(9), Some(2)));
    let inactive = UsersParams { status: Some(UserStatus::Inactive), ..UsersParams::default() };
    let listed = sub.users().users(&inactive).await.unwrap().users.unwrap_or_default();
    assert_eq!(listed.iter().map(|u| u.email.as_str()).collect::<Vec<_>>(), ["u3@acme.example"]);
    let convert = UserUpdate { type_: Some(UserType::Licensed), ..UserUpdate::default() };
    sub.users().user_update("basic@acme.example", &convert, &Default::default()).await.unwrap();
    assert_eq!(base_usage(&master, &id).await, (Some(12), Some(10), Some(2)));
    let reactivate = sub.users().user_status(&u3, &status(UserStatusUpdateAction::Activate)).await.unwrap_err();
    assert_eq!(zoom_code(&reactivate), (400, 3412), "no host left for the deactivated user");
    let basic_again = new_user(UserCreateAction::AutoCreate, "basic2@acme.example", UserType::Basic);
    sub.users().user_create(&basic_again).await.unwrap();
    let convert_refused = sub.users().user_update("basic2@acme.example", &convert, &Default::default());
    assert_eq!(zoom_code(&convert_refused.await.unwrap_err()), (400, 2034));

    // Deleting frees a host too.
    sub.users().user_delete("u12@acme.example", &UserDeleteParams::default()).await.unwrap();
    assert_eq!(base_usage(&master, &id).await, (Some(12), Some(9), Some(2)));
    let gone = sub.users().user("u12@acme.example", &Default::default()).await.unwrap_err();
    assert_eq!(zoom_code(&gone), (404, 1001));
    sub.users().user_status(&u3, &status(UserStatusUpdateAction::Activate)).await.unwrap();

    // The owner stays, and keeps its status.
    let owner = created.owner_id.as_deref().unwrap_or_default();
    let keep = sub.users().user_delete(owner, &UserDeleteParams::default()).await.unwrap_err();
    assert_eq!(zoom_code(&keep), (400, 200));
    let keep = sub.users().user_status(owner, &status(UserStatusUpdateAction::Deactivate)).await.unwrap_err();
    assert_eq!(zoom_code(&keep), (400, 200));

    // A paying account is not disassociated; once the base plan is cancelled, it is.
    let paid = master.accounts().account_disassociate(&id).await.unwrap_err();
    assert_eq!(zoom_code(&paid), (404, 2000));
    let cancel = BasePlanCancelRequest::new("cancel".into());
    master.billing().account_plan_base_delete(&id, &cancel).await.unwrap();
    let unpaid = master.billing().get_plan_usage(&id).await.unwrap_err();
    assert_eq!(zoom_code(&unpaid), (400, 200), "usage is for paid accounts");
    let no_plan =
        sub.users().user_create(&new_user(UserCreateAction::SsoCreate, "late@acme.example", UserType::Licensed));
    assert_eq!(zoom_code(&no_plan.await.unwrap_err()), (400, 2034), "no base plan, no host");
    master.accounts().account_disassociate(&id).await.unwrap();
    assert_eq!(zoom_code(&master.accounts().account(&id).await.unwrap_err()), (404, 2001));
    let users = sub.users().users(&Default::default()).await.unwrap_err();
    assert_eq!(zoom_code(&users), (404, 2001), "its users went with it");
}

#[tokio::test]
async fn users_are_listed_by_status_and_paged() {
    let sandbox = start().await;
    let master = zoom(&sandbox);
    master.billing().account_plan_create("sub-1", &subscribe_request(3)).await.unwrap();
    let sub = master.sub_account("sub-1");
    for n in 1..=7 {
        let (action, type_) = if n <= 3 {
            (UserCreateAction::Create, UserType::Licensed)
        } else {
            (UserCreateAction::AutoCreate, UserType::Basic)
        };
        sub.users().user_create(&new_user(action, &format!("p{n}@example.com"), type_)).await.unwrap();
    }
    let pending = UsersParams { status: Some(UserStatus::Pending), ..UsersParams::default() };
    assert_eq!(sub.users().users(&pending).await.unwrap().total_records, Some(3));

    let mut emails = Vec::new();
    let mut token = None;
    loop {
        let params = UsersParams { page_size: Some(3), next_page_token: token.clone(), ..UsersParams::default() };
        let page = sub.users().users(&params).await.unwrap();
        assert_eq!((page.page_size, page.total_records, page.page_count), (Some(3), Some(4), Some(2)));
        emails.extend(page.users.unwrap_or_default().into_iter().map(|user| user.email));
        match page.next_page_token.filter(|token| !token.is_empty()) {
            Some(next) => token = Some(next),
            None => break,
        }
    }
    assert_eq!(emails, ["p4@example.com", "p5@example.com", "p6@example.com", "p7@example.com"]);
    let bad = UsersParams { next_page_token: Some("not-a-token".to_owned()), ..UsersParams::default() };
    assert_eq!(zoom_code(&sub.users().users(&bad).await.unwrap_err()), (400, 300));

    // The master account's own users are another list.
    assert_eq!(master.users().users(&Default::default()).await.unwrap().total_records, Some(0));
}

#[tokio::test]
async fn sub_accounts_are_listed_and_their_options_decide_who_pays() {
    let sandbox = start().await;
    let master = zoom(&sandbox);
    for n in 1..=3 {
        master.accounts().account_create(&new_sub_account(&format!("owner{n}@example.com"))).await.unwrap();
    }
    let taken = master.accounts().account_create(&new_sub_account("owner1@example.com")).await.unwrap_err();
    assert_eq!(zoom_code(&taken), (409, 1005));
    master.billing().account_plan_create("A000002", &subscribe_request(4)).await.unwrap();

    let params = zoom::types::AccountsParams { page_size: Some(2), ..Default::default() };
    let mut listed = Vec::new();
    let mut pages = master.accounts().accounts_stream(&params);
    while let Some(item) = pages.next().await {
        let item = item.unwrap();
        listed.push((item.id.unwrap_or_default(), item.account_type.unwrap_or_default(), item.seats));
    }
    let expected = [
        ("A000001", "Basic", Some(0)),
        ("A000002", "Pro", Some(4)),
        ("A000003", "Basic", Some(0)),
        ("sub-1", "Basic", Some(0)),
    ];
    let expected: Vec<(String, String, Option<i64>)> =
        expected.iter().map(|(id, kind, seats)| (id.to_string(), kind.to_string(), *seats)).collect();
    assert_eq!(listed, expected, "every sub account, `me` aside");

    // Who pays: the sub account (then plans are refused as self pay), until a plan exists.
    let sub_pays = SubAccountOptions { pay_mode: Some(SubAccountOptionsPayMode::Sub), ..Default::default() };
    master.accounts().account_options_update("A000001", &sub_pays).await.unwrap();
    let self_pay = master.billing().account_plan_create("A000001", &subscribe_request(2)).await.unwrap_err();
    assert_eq!(zoom_code(&self_pay), (400, 2100));
    let options = master.accounts().account("A000001").await.unwrap().options.unwrap_or_default();
    assert_eq!(options.pay_mode, Some(SubAccountOptionsPayMode::Sub));
    let locked = master.accounts().account_options_update("A000002", &sub_pays).await.unwrap_err();
    assert_eq!(zoom_code(&locked), (400, 200), "the pay mode is fixed once there is a plan");
    let renew = SubAccountOptions { billing_auto_renew: Some(true), ..Default::default() };
    master.accounts().account_options_update("A000002", &renew).await.unwrap();
    let options = master.accounts().account("A000002").await.unwrap().options.unwrap_or_default();
    assert_eq!(options.billing_auto_renew, Some(true));

    for unknown in ["me", "A999999"] {
        assert_eq!(zoom_code(&master.accounts().account(unknown).await.unwrap_err()), (404, 2001), "{unknown}");
        let options = master.accounts().account_options_update(unknown, &renew).await.unwrap_err();
        assert_eq!(zoom_code(&options), (404, 2001), "{unknown}");
    }
}

/// What the client refuses before sending, the sandbox refuses too (code 300), for a client that
/// skipped validation.
#[tokio::test]
async fn the_sandbox_refuses_the_bodies_the_client_would_not_send() {
    let sandbox = start().await;
    let master = zoom(&sandbox);
    let sub = master.sub_account("sub-1");
    let mut password_on_create = new_user(UserCreateAction::Create, "a@example.com", UserType::Basic);
    if let Some(info) = password_on_create.user_info.as_mut() {
        info.password = Some("Sandbox-Pass-2026".to_owned());
    }
    let users = [
        ("a password with `create`", password_on_create),
        ("type 99 without ssoCreate", new_user(UserCreateAction::CustCreate, "b@example.com", UserType::NoneSsoOnly)),
    ];
    for (what, body) in users {
        let call = sub.users().user_create(&body);
        assert!(!call.violations().is_empty(), "{what}: the client would refuse it");
        assert_eq!(zoom_code(&call.skip_validation().await.unwrap_err()), (400, 300), "{what}");
    }
    let short_password = SubAccountCreate { password: "short".to_owned(), ..new_sub_account("c@example.com") };
    let call = master.accounts().account_create(&short_password);
    assert!(!call.violations().is_empty(), "the client would refuse it");
    assert_eq!(zoom_code(&call.skip_validation().await.unwrap_err()), (400, 300));
    let accounts = master.accounts().accounts(&Default::default()).await.unwrap();
    assert_eq!(accounts.total_records, Some(1), "nothing was created");
}
