//! The master account's sub accounts: create (`POST /accounts`), list (paged), get, update
//! options and disassociate. `me`, the master account, is not a sub account: it is never listed
//! and answers 2001 here.

use zoom::types::{
    AccountsParams, SubAccount, SubAccountCreate, SubAccountCreated, SubAccountList, SubAccountListItem,
    SubAccountOptions, SubAccountOptionsPayMode, UserStatus, UserType,
};

use super::account::{account, Needs};
use super::error::{ZErr, ZResult};
use super::input::{checked, checked_body, page, query_i64, Paging};
use super::plans::{patched, paying};
use super::seats::active_base;
use super::users::{email_taken, email_used, NewUser};
use crate::http::{Reply, Req};
use crate::state::{Counters, State, ZoomAccount};
use crate::time::date_time;

/// The master account's own id, which is not a sub account.
const MASTER: &str = "me";

/// A sub account of the master account (404, code 2001, for `me` or an unknown id).
fn sub_account<'a>(st: &'a mut State, id: &str) -> Result<&'a mut ZoomAccount, ZErr> {
    if id == MASTER {
        return Err(ZErr::no_account(id));
    }
    account(st, id, Needs::Exists)
}

/// `POST /accounts`: 201 with the new account's id and owner. The owner is a user of the new
/// account; the reference does not say which type it gets, and the sandbox makes it an active
/// Basic user, so that every host of the base plan is for the users the reseller adds. The
/// password is checked by the spec's rules and then forgotten: the sandbox keeps no password.
pub(super) fn create(st: &mut State, now_ms: i64, req: &Req) -> ZResult {
    let request: SubAccountCreate = checked_body(req)?;
    if email_taken(st, &request.email) {
        return Err(email_used(&request.email));
    }
    let self_pay = pays_itself(request.options.as_ref());
    let owner_id = Counters::next(&mut st.counters.zoom_user, "U");
    let (id, _) = st.add_zoom_account(None, ZoomAccount { self_pay, ..ZoomAccount::default() });
    let created_at = date_time(now_ms);
    let owner = NewUser {
        id: owner_id.clone(),
        account_id: &id,
        email: &request.email,
        first_name: Some(request.first_name),
        last_name: Some(request.last_name),
        display_name: None,
        type_: UserType::Basic,
        status: UserStatus::Active,
        owner: true,
    }
    .build(now_ms);
    let details = SubAccount {
        id: Some(id.clone()),
        owner_id: Some(owner_id.clone()),
        owner_email: Some(request.email.clone()),
        created_at: Some(created_at.clone()),
        options: request.options,
        vanity_url: None,
    };
    let account = account(st, &id, Needs::Exists)?;
    account.details = Some(details);
    account.account_name = request.account_name;
    account.users.insert(owner_id.clone(), owner);
    let created = SubAccountCreated {
        id: Some(id),
        owner_id: Some(owner_id),
        owner_email: Some(request.email),
        created_at: Some(created_at),
    };
    Ok(Reply::json(201, &created))
}

fn pays_itself(options: Option<&SubAccountOptions>) -> bool {
    options.and_then(|options| options.pay_mode.as_ref()) == Some(&SubAccountOptionsPayMode::Sub)
}

/// `GET /accounts`: the sub accounts, paged by id.
pub(super) fn list(st: &mut State, req: &Req) -> ZResult {
    let params = AccountsParams {
        page_size: query_i64(req, "page_size")?,
        page_number: query_i64(req, "page_number")?,
        next_page_token: req.query("next_page_token").map(str::to_owned),
    };
    let params = checked(params, "query")?;
    let items = st
        .zoom
        .accounts
        .iter()
        .filter(|(id, _)| id.as_str() != MASTER)
        .map(|(id, account)| (id.clone(), list_item(id, account)))
        .collect();
    let paging = Paging {
        page_size: params.page_size,
        page_number: params.page_number,
        next_page_token: params.next_page_token.as_deref(),
    };
    let page = page(items, paging)?;
    Ok(Reply::json(
        200,
        &SubAccountList {
            page_count: Some(page.page_count),
            page_number: Some(page.page_number),
            page_size: Some(page.page_size),
            total_records: Some(page.total_records),
            next_page_token: Some(page.next_page_token),
            accounts: Some(page.items),
        },
    ))
}

/// A sub account as the list shows it. Zoom names the account type without documenting its
/// values; the sandbox says `Pro` while a base plan is active and `Basic` otherwise, and gives
/// the base plan's hosts as the seats.
fn list_item(id: &str, account: &ZoomAccount) -> SubAccountListItem {
    let details = account.details.clone().unwrap_or_default();
    let base = active_base(account);
    SubAccountListItem {
        id: Some(id.to_owned()),
        account_name: account.account_name.clone(),
        owner_email: details.owner_email,
        account_type: Some(if base.is_some() { "Pro" } else { "Basic" }.to_owned()),
        seats: Some(base.and_then(|base| base.hosts).unwrap_or(0)),
        subscription_start_time: base
            .and_then(|base| base.service_effective_date.as_ref())
            .map(|d| format!("{d}T00:00:00Z")),
        subscription_end_time: None,
        created_at: details.created_at,
        account_number: None,
    }
}

/// `GET /accounts/{accountId}`: the details given at creation (an account made through
/// `/_sandbox/zoom/accounts` has only its id).
pub(super) fn get(st: &mut State, id: &str) -> ZResult {
    let account = sub_account(st, id)?;
    let details =
        account.details.clone().unwrap_or_else(|| SubAccount { id: Some(id.to_owned()), ..SubAccount::default() });
    Ok(Reply::json(200, &details))
}

/// `PATCH /accounts/{accountId}/options`: the options sent replace the account's. `pay_mode`
/// decides who pays (`sub`: the plan and billing calls answer 2100 "self pay"), and cannot change
/// once the account has a plan (code 200, as documented); 204.
pub(super) fn options(st: &mut State, req: &Req, id: &str) -> ZResult {
    let change: SubAccountOptions = checked_body(req)?;
    let account = sub_account(st, id)?;
    if change.pay_mode.is_some() {
        let self_pay = pays_itself(Some(&change));
        if self_pay != account.self_pay && account.plans.is_some() {
            return Err(ZErr::bad(
                200,
                "The pay mode cannot be updated for a sub account which already has an existing plan.",
            ));
        }
        account.self_pay = self_pay;
    }
    let details =
        account.details.get_or_insert_with(|| SubAccount { id: Some(id.to_owned()), ..SubAccount::default() });
    details.options = Some(patched(&details.options.clone().unwrap_or_default(), &change)?);
    Ok(Reply::empty(204))
}

/// `DELETE /accounts/{accountId}`: the account leaves the master account (and the sandbox, with
/// its users); 204. A paying account cannot: code 2000, under HTTP 404 where the reference lists it.
pub(super) fn disassociate(st: &mut State, id: &str) -> ZResult {
    let account = sub_account(st, id)?;
    if account.plans.as_ref().is_some_and(paying) {
        return Err(ZErr::new(404, 2000, "You cannot disassociate a paid account."));
    }
    st.zoom.accounts.remove(id);
    Ok(Reply::empty(204))
}
