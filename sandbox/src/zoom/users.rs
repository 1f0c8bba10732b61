//! An account's users, at `/users` (the master account, `me`) and at `/accounts/{accountId}/users`
//! (a sub account, as Zoom's master account APIs reach it): create (each `action`), list (paged,
//! by status), get, update, status and delete. A licensed user takes one of the base plan's hosts
//! (see `seats`).

use zoom::types::{
    User, UserCreate, UserCreateAction, UserCreated, UserDeleteAction, UserDeleteParams, UserList, UserListItem,
    UserParams, UserStatus, UserStatusUpdate, UserStatusUpdateAction, UserType, UserUpdate, UsersParams,
};

use super::account::{account, Needs};
use super::error::{ZErr, ZResult};
use super::input::{checked, checked_body, invalid, page, query_bool, query_i64, Paging};
use super::plans::{patched, to_value, typed};
use super::seats::{self, is_licensed, Asked};
use crate::http::{Reply, Req};
use crate::state::{Counters, State, ZoomAccount};
use crate::time::date_time;

/// Handles `.../users` and `.../users/{userId}[/status]` for the account `account_id`; `rest` is
/// the path after `users`.
pub(super) fn route(st: &mut State, now_ms: i64, req: &Req, account_id: &str, rest: &[&str]) -> ZResult {
    match (req.method.as_str(), rest) {
        ("GET", []) => list(st, req, account_id),
        ("POST", []) => create(st, now_ms, req, account_id),
        ("GET", [user]) => get(st, req, account_id, user),
        ("PATCH", [user]) => update(st, req, account_id, user),
        ("DELETE", [user]) => delete(st, req, account_id, user),
        ("PUT", [user, "status"]) => status(st, req, account_id, user),
        _ => Err(ZErr::not_served(req)),
    }
}

/// A new user of `account_id`, as **Get a user** reports it.
pub(super) struct NewUser<'a> {
    pub id: String,
    pub account_id: &'a str,
    pub email: &'a str,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub display_name: Option<String>,
    pub type_: UserType,
    pub status: UserStatus,
    /// `Owner` for the user a sub account is created with, `Member` otherwise.
    pub owner: bool,
}

impl NewUser<'_> {
    pub(super) fn build(self, now_ms: i64) -> User {
        let names: Vec<&str> = [&self.first_name, &self.last_name].into_iter().flatten().map(String::as_str).collect();
        let display_name = self.display_name.clone().or_else(|| (!names.is_empty()).then(|| names.join(" ")));
        let (role_id, role_name) = if self.owner { ("0", "Owner") } else { ("2", "Member") };
        User {
            id: Some(self.id),
            email: Some(self.email.to_owned()),
            first_name: self.first_name,
            last_name: self.last_name,
            display_name,
            status: Some(self.status),
            created_at: Some(date_time(now_ms)),
            user_created_at: Some(date_time(now_ms)),
            account_id: Some(self.account_id.to_owned()),
            role_id: Some(role_id.to_owned()),
            role_name: Some(role_name.to_owned()),
            ..User::new(self.type_)
        }
    }
}

/// Whether any account of the sandbox has a user with this email (any case).
pub(super) fn email_taken(st: &State, email: &str) -> bool {
    let users = st.zoom.accounts.values().flat_map(|account| account.users.values());
    users.filter_map(|user| user.email.as_deref()).any(|taken| taken.eq_ignore_ascii_case(email))
}

/// 409, code 1005, as **Create users** and **Create a sub account** document it.
pub(super) fn email_used(email: &str) -> ZErr {
    ZErr::new(409, 1005, format!("Email {email} has already been used.")).field("email", "already used")
}

/// The id of the user `user_id` names: an id, an email (any case) or `me` (the account's owner).
fn find(account: &ZoomAccount, user_id: &str) -> Result<String, ZErr> {
    let owner = account.details.as_ref().and_then(|details| details.owner_id.as_deref());
    let found = match user_id {
        "me" => owner.filter(|owner| account.users.contains_key(*owner)).map(str::to_owned),
        id if account.users.contains_key(id) => Some(id.to_owned()),
        email => account
            .users
            .iter()
            .find(|(_, user)| user.email.as_deref().is_some_and(|known| known.eq_ignore_ascii_case(email)))
            .map(|(id, _)| id.clone()),
    };
    found.ok_or_else(|| ZErr::new(404, 1001, format!("User does not exist: {user_id}.")))
}

fn is_owner(account: &ZoomAccount, id: &str) -> bool {
    account.details.as_ref().and_then(|details| details.owner_id.as_deref()) == Some(id)
}

/// `POST .../users`: 201 with the new user. `create` invites (the user is `pending` until they
/// accept); `autoCreate`, `custCreate` and `ssoCreate` make an `active` user. The sandbox does not
/// simulate the account settings that gate the last three (a managed domain, an ISV contract,
/// SSO pre-provisioning: codes 2002 and 2032), so it accepts them everywhere.
fn create(st: &mut State, now_ms: i64, req: &Req, account_id: &str) -> ZResult {
    let request: UserCreate = checked_body(req)?;
    let Some(info) = request.user_info else {
        return Err(ZErr::bad(300, "Validation Failed.").field("user_info", "required"));
    };
    let status = match request.action {
        UserCreateAction::Create => UserStatus::Pending,
        UserCreateAction::AutoCreate | UserCreateAction::CustCreate | UserCreateAction::SsoCreate => UserStatus::Active,
        _ => {
            return Err(ZErr::bad(300, "Invalid parameter: action.")
                .field("action", "create, autoCreate, custCreate or ssoCreate"))
        }
    };
    let target = account(st, account_id, Needs::Exists)?;
    if info.type_ == UserType::Licensed {
        seats::room_for_licensed(target, Asked::Create)?;
    }
    if email_taken(st, &info.email) {
        return Err(email_used(&info.email));
    }
    let id = Counters::next(&mut st.counters.zoom_user, "U");
    let user = NewUser {
        id: id.clone(),
        account_id,
        email: &info.email,
        first_name: info.first_name,
        last_name: info.last_name,
        display_name: info.display_name,
        type_: info.type_,
        status,
        owner: false,
    }
    .build(now_ms);
    let created = UserCreated {
        email: user.email.clone(),
        first_name: user.first_name.clone(),
        id: Some(id.clone()),
        last_name: user.last_name.clone(),
        type_: Some(info.type_),
    };
    account(st, account_id, Needs::Exists)?.users.insert(id, user);
    Ok(Reply::json(201, &created))
}

/// `GET .../users`: the users with a status (`active` unless asked), paged by id.
fn list(st: &mut State, req: &Req, account_id: &str) -> ZResult {
    let params = UsersParams {
        status: req.query("status").map(UserStatus::from),
        page_size: query_i64(req, "page_size")?,
        role_id: req.query("role_id").map(str::to_owned),
        page_number: query_i64(req, "page_number")?,
        include_fields: req.query("include_fields").map(Into::into),
        next_page_token: req.query("next_page_token").map(str::to_owned),
        license: req.query("license").map(Into::into),
    };
    let params = checked(params, "query")?;
    let wanted = params.status.clone().unwrap_or(UserStatus::Active);
    if let UserStatus::Unknown(_) = wanted {
        return Err(invalid("status", "active, inactive or pending"));
    }
    let account = account(st, account_id, Needs::Exists)?;
    let mut users = Vec::new();
    for (id, user) in &account.users {
        let role_matches = params.role_id.as_ref().is_none_or(|role| user.role_id.as_ref() == Some(role));
        if user.status.as_ref() == Some(&wanted) && role_matches {
            users.push((id.clone(), typed::<UserListItem>(to_value(user))?));
        }
    }
    let paging = Paging {
        page_size: params.page_size,
        page_number: params.page_number,
        next_page_token: params.next_page_token.as_deref(),
    };
    let page = page(users, paging)?;
    Ok(Reply::json(
        200,
        &UserList {
            next_page_token: Some(page.next_page_token),
            page_count: Some(page.page_count),
            page_number: Some(page.page_number),
            page_size: Some(page.page_size),
            total_records: Some(page.total_records),
            users: Some(page.items),
        },
    ))
}

/// `GET .../users/{userId}`: by id, email or `me`.
fn get(st: &mut State, req: &Req, account_id: &str, user_id: &str) -> ZResult {
    let params = UserParams {
        login_type: None,
        encrypted_email: query_bool(req, "encrypted_email")?,
        search_by_unique_id: query_bool(req, "search_by_unique_id")?,
    };
    checked(params, "query")?;
    let account = account(st, account_id, Needs::Exists)?;
    let id = find(account, user_id)?;
    Ok(Reply::json(200, &account.users[&id]))
}

/// `PATCH .../users/{userId}`: the fields sent replace the user's; a field the user model does
/// not keep (`vanity_name`, `feature`, ...) is accepted and dropped, as the model drops it. A
/// change to a licensed type needs a free host when the user holds one; 204.
fn update(st: &mut State, req: &Req, account_id: &str, user_id: &str) -> ZResult {
    let change: UserUpdate = checked_body(req)?;
    let account = account(st, account_id, Needs::Exists)?;
    let id = find(account, user_id)?;
    let user = &account.users[&id];
    let to_licensed = change.type_ == Some(UserType::Licensed) && !is_licensed(user);
    if to_licensed && user.status.as_ref() != Some(&UserStatus::Inactive) {
        seats::room_for_licensed(account, Asked::Convert)?;
    }
    let updated: User = patched(user, &change)?;
    account.users.insert(id, updated);
    Ok(Reply::empty(204))
}

/// `PUT .../users/{userId}/status`: `deactivate` frees the user's host, `activate` takes one
/// back for a licensed user; 204. `clock_in`/`clock_out` (Workforce Management) change nothing here.
fn status(st: &mut State, req: &Req, account_id: &str, user_id: &str) -> ZResult {
    let request: UserStatusUpdate = checked_body(req)?;
    let account = account(st, account_id, Needs::Exists)?;
    let id = find(account, user_id)?;
    if is_owner(account, &id) {
        return Err(ZErr::bad(200, "Zoom Room and Admin users' status cannot be activated or deactivated."));
    }
    let user = &account.users[&id];
    let current = user.status.clone();
    let next = match request.action {
        UserStatusUpdateAction::Activate => UserStatus::Active,
        UserStatusUpdateAction::Deactivate => UserStatus::Inactive,
        UserStatusUpdateAction::ClockIn | UserStatusUpdateAction::ClockOut => return Ok(Reply::empty(204)),
        _ => return Err(ZErr::bad(300, "Invalid parameter: action.").field("action", "activate or deactivate")),
    };
    // The reference is silent on a pending user (invited, not yet accepted): the sandbox refuses
    // to change its status, as Zoom's way to withdraw an invitation is to delete (disassociate) it.
    if current == Some(UserStatus::Pending) {
        return Err(ZErr::bad(
            300,
            "A pending user's status cannot be changed: delete (disassociate) the invitation instead.",
        ));
    }
    if current.as_ref() == Some(&next) {
        return Ok(Reply::empty(204));
    }
    if next == UserStatus::Active && is_licensed(user) {
        seats::room_for_licensed(account, Asked::Activate)?;
    }
    if let Some(user) = account.users.get_mut(&id) {
        user.status = Some(next);
    }
    Ok(Reply::empty(204))
}

/// `DELETE .../users/{userId}`: `disassociate` (the default) or `delete` both take the user off
/// the account, which frees its host; 204. The owner stays: the reference lists no code for it,
/// and the sandbox answers code 200 as for its other users that cannot be deleted.
fn delete(st: &mut State, req: &Req, account_id: &str, user_id: &str) -> ZResult {
    let params = UserDeleteParams {
        encrypted_email: query_bool(req, "encrypted_email")?,
        action: req.query("action").map(UserDeleteAction::from),
        transfer_email: req.query("transfer_email").map(str::to_owned),
        transfer_meeting: query_bool(req, "transfer_meeting")?,
        transfer_webinar: query_bool(req, "transfer_webinar")?,
        transfer_recording: query_bool(req, "transfer_recording")?,
        transfer_whiteboard: query_bool(req, "transfer_whiteboard")?,
    };
    let params = checked(params, "query")?;
    if let Some(UserDeleteAction::Unknown(action)) = &params.action {
        return Err(
            ZErr::bad(300, format!("Invalid parameter: action: {action}.")).field("action", "disassociate or delete")
        );
    }
    let account = account(st, account_id, Needs::Exists)?;
    let id = find(account, user_id)?;
    if is_owner(account, &id) {
        return Err(ZErr::bad(200, "Cannot delete the account owner."));
    }
    let email = account.users[&id].email.clone().unwrap_or_default();
    if params.transfer_email.as_deref().is_some_and(|target| target.eq_ignore_ascii_case(&email)) {
        return Err(ZErr::bad(
            300,
            "The transfer-to email address cannot be the same as the unlinked or deleted user's email address.",
        ));
    }
    account.users.remove(&id);
    Ok(Reply::empty(204))
}
