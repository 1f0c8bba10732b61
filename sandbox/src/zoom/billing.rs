//! The billing contact (`GET`/`PATCH /accounts/{accountId}/billing`) and the invoices, of which a
//! sandbox account has none.

use zoom::types::{AccountBillingInvoicesParams, Contact, ContactUpdate, InvoiceList};

use super::account::{account, check_contact, Needs};
use super::error::{ZErr, ZResult};
use super::plans;
use crate::http::{parse_json, spec_violations, Reply, Req};
use crate::state::State;

/// The contact set when the account subscribed (400, code 200, before that).
pub(super) fn get(st: &mut State, id: &str) -> ZResult {
    let account = account(st, id, Needs::MasterPays)?;
    match &account.contact {
        Some(contact) => Ok(Reply::json(200, contact)),
        None => Err(ZErr::bad(200, "Please subscribe a plan for this sub account first.")),
    }
}

/// Changes the fields sent; 204.
pub(super) fn update(st: &mut State, req: &Req, id: &str) -> ZResult {
    let change: ContactUpdate = parse_json(&req.body).map_err(ZErr::body)?;
    let violations = spec_violations(&change, "$");
    if !violations.is_empty() {
        return Err(ZErr::violations(violations));
    }
    check_contact(&[
        ("first_name", change.first_name.as_deref()),
        ("last_name", change.last_name.as_deref()),
        ("email", change.email.as_deref()),
        ("phone_number", change.phone_number.as_deref()),
        ("address", change.address.as_deref()),
        ("city", change.city.as_deref()),
        ("state", change.state.as_deref()),
        ("zip", change.zip.as_deref()),
        ("country", change.country.as_deref()),
    ])?;
    let account = account(st, id, Needs::MasterPays)?;
    let Some(contact) = account.contact.take() else {
        return Err(ZErr::bad(200, "Please subscribe a plan for this sub account first."));
    };
    account.contact = Some(Contact {
        first_name: change.first_name.unwrap_or(contact.first_name),
        last_name: change.last_name.unwrap_or(contact.last_name),
        email: change.email.unwrap_or(contact.email),
        phone_number: change.phone_number.unwrap_or(contact.phone_number),
        address: change.address.unwrap_or(contact.address),
        apt: change.apt.or(contact.apt),
        city: change.city.unwrap_or(contact.city),
        state: change.state.unwrap_or(contact.state),
        zip: change.zip.unwrap_or(contact.zip),
        country: change.country.unwrap_or(contact.country),
        employee_count: change.employee_count.or(contact.employee_count),
    });
    Ok(Reply::empty(204))
}

/// An empty invoice list for a paying account (`from`/`to` checked as the spec says).
pub(super) fn invoices(st: &mut State, req: &Req, id: &str) -> ZResult {
    let params = AccountBillingInvoicesParams {
        from: req.query("from").map(str::to_owned),
        to: req.query("to").map(str::to_owned),
    };
    let violations = spec_violations(&params, "query");
    if !violations.is_empty() {
        return Err(ZErr::violations(violations));
    }
    // Zoom answers a missing account here with HTTP 400 (code 2001).
    let account =
        account(st, id, Needs::Exists).map_err(|_| ZErr::bad(2001, format!("Account does not exist: {id}.")))?;
    if !account.plans.as_ref().is_some_and(plans::paying) {
        return Err(ZErr::bad(200, format!("Only available for Paid account: {id}.")));
    }
    Ok(Reply::json(200, &InvoiceList { invoices: Some(Vec::new()), currency: Some("USD".to_owned()) }))
}

/// There are no invoices in the sandbox: 400, code 2001.
pub(super) fn invoice(st: &mut State, id: &str, invoice: &str) -> ZResult {
    account(st, id, Needs::Exists).map_err(|_| ZErr::bad(2001, format!("Account does not exist: {id}.")))?;
    Err(ZErr::bad(2001, format!("InvoiceId does not exist: {invoice}.")))
}
