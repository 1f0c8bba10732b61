//! `customers.insert`, `get`, `patch` and `update`, with the insert rules of the reference (§4.8):
//! a domain without `www.`, an `alternateEmail` outside it (optional for `team` customers), and a
//! postal address with contact, organization, postal code and a two-letter country code.

use google_reseller::types::{Customer, CustomersInsertParams};

use super::error::{GErr, GResult};
use crate::http::{parse_json_strict, spec_violations, Reply, Req};
use crate::state::{Counters, State, StoredCustomer};

/// The id of the customer `key` names (its id or its primary domain, in any case).
pub(super) fn find_id(st: &State, key: &str) -> Option<String> {
    if st.google.customers.contains_key(key) {
        return Some(key.to_owned());
    }
    st.google
        .customers
        .iter()
        .find(|(_, stored)| stored.customer.customer_domain.as_deref().is_some_and(|d| d.eq_ignore_ascii_case(key)))
        .map(|(id, _)| id.clone())
}

/// The id of a customer this reseller manages: 404 when there is none, 403 for a direct customer.
pub(super) fn managed_id(st: &State, key: &str) -> Result<String, GErr> {
    let id = find_id(st, key).ok_or_else(|| GErr::not_found(format!("Customer {key} does not exist.")))?;
    match st.google.customers.get(&id) {
        Some(stored) if stored.managed => Ok(id),
        _ => Err(GErr::forbidden(format!("You do not manage customer {key}; transfer it with its customerAuthToken."))),
    }
}

/// Reads a `Customer` body and checks it against the spec's rules.
fn read_body(req: &Req) -> Result<Customer, GErr> {
    let body: Customer = parse_json_strict(&req.body).map_err(GErr::body)?;
    let violations = spec_violations(&body, "$");
    if violations.is_empty() {
        Ok(body)
    } else {
        Err(GErr::violations(violations))
    }
}

pub(super) fn insert(st: &mut State, req: &Req) -> GResult {
    let params = CustomersInsertParams { customer_auth_token: req.query("customerAuthToken").map(str::to_owned) };
    let body = read_body(req)?;
    let violations = spec_violations(&params, "query");
    if !violations.is_empty() {
        return Err(GErr::violations(violations));
    }
    check_new_customer(&body)?;
    let domain = body.customer_domain.clone().unwrap_or_default();
    if let Some(id) = find_id(st, &domain) {
        let Some(stored) = st.google.customers.get_mut(&id) else {
            return Err(GErr::not_found(format!("Customer {domain} does not exist.")));
        };
        if stored.managed {
            return Err(GErr::duplicate(format!("The customer {domain} already exists (customerId {id}).")));
        }
        if params.customer_auth_token.as_deref().is_none_or(str::is_empty) {
            return Err(GErr::duplicate(format!(
                "{domain} is a direct Google customer: send its customerAuthToken to transfer it to you."
            )));
        }
        // A transfer: the direct customer becomes this reseller's, with the details sent.
        let customer = Customer {
            customer_id: Some(id.clone()),
            kind: stored.customer.kind.clone(),
            customer_domain_verified: stored.customer.customer_domain_verified,
            resource_ui_url: Some(ui_url(&id)),
            customer_type: body.customer_type.or_else(|| stored.customer.customer_type.clone()),
            ..body
        };
        *stored = StoredCustomer { managed: true, customer: customer.clone() };
        return Ok(Reply::json(200, &customer));
    }
    let id = Counters::next(&mut st.counters.customer, "C");
    let customer = Customer {
        customer_id: Some(id.clone()),
        kind: Some("reseller#customer".to_owned()),
        customer_domain_verified: Some(false),
        customer_type: body.customer_type.or_else(|| Some("domain".into())),
        resource_ui_url: Some(ui_url(&id)),
        ..body
    };
    st.google.customers.insert(id, StoredCustomer { managed: true, customer: customer.clone() });
    Ok(Reply::json(200, &customer))
}

pub(super) fn get(st: &State, key: &str) -> GResult {
    let id = find_id(st, key).ok_or_else(|| GErr::not_found(format!("Customer {key} does not exist.")))?;
    match st.google.customers.get(&id) {
        Some(stored) if stored.managed => Ok(Reply::json(200, &stored.customer)),
        // A customer you do not manage: the minimal information only.
        Some(stored) => Ok(Reply::json(
            200,
            &Customer {
                customer_id: stored.customer.customer_id.clone(),
                customer_domain: stored.customer.customer_domain.clone(),
                kind: stored.customer.kind.clone(),
                ..Customer::default()
            },
        )),
        None => Err(GErr::not_found(format!("Customer {key} does not exist."))),
    }
}

pub(super) fn patch(st: &mut State, req: &Req, key: &str) -> GResult {
    let body = read_body(req)?;
    let id = managed_id(st, key)?;
    let current = st.google.customers.get(&id).map(|stored| stored.customer.clone()).unwrap_or_default();
    check_unchanging(&current, &body)?;
    let merged = Customer {
        alternate_email: body.alternate_email.or(current.alternate_email),
        customer_domain: body.customer_domain.or(current.customer_domain),
        phone_number: body.phone_number.or(current.phone_number),
        postal_address: body.postal_address.or(current.postal_address),
        primary_admin: body.primary_admin.or(current.primary_admin),
        ..current
    };
    store(st, &id, merged)
}

pub(super) fn update(st: &mut State, req: &Req, key: &str) -> GResult {
    let body = read_body(req)?;
    let id = managed_id(st, key)?;
    let current = st.google.customers.get(&id).map(|stored| stored.customer.clone()).unwrap_or_default();
    check_unchanging(&current, &body)?;
    let replaced = Customer {
        customer_id: current.customer_id,
        kind: current.kind,
        customer_type: current.customer_type,
        customer_domain_verified: current.customer_domain_verified,
        resource_ui_url: current.resource_ui_url,
        customer_domain: body.customer_domain.or(current.customer_domain),
        ..body
    };
    check_new_customer(&replaced)?;
    store(st, &id, replaced)
}

/// Stores a changed customer, unless its (new) domain belongs to another customer.
fn store(st: &mut State, id: &str, customer: Customer) -> GResult {
    check_alternate_email(&customer).map_err(|(field, message)| GErr::invalid_field(&field, message))?;
    if let Some(domain) = customer.customer_domain.as_deref() {
        check_domain(domain).map_err(|message| GErr::invalid_field("customerDomain", message))?;
        if find_id(st, domain).is_some_and(|other| other != id) {
            return Err(GErr::duplicate(format!("The domain {domain} belongs to another customer.")));
        }
    }
    if let Some(stored) = st.google.customers.get_mut(id) {
        stored.customer = customer.clone();
    }
    Ok(Reply::json(200, &customer))
}

/// `customerId` and `customerType` cannot be changed through the API.
fn check_unchanging(current: &Customer, body: &Customer) -> Result<(), GErr> {
    if body.customer_id.as_ref().is_some_and(|id| Some(id) != current.customer_id.as_ref()) {
        return Err(GErr::invalid_field("customerId", "customerId cannot be changed."));
    }
    if body.customer_type.as_ref().is_some_and(|kind| Some(kind) != current.customer_type.as_ref()) {
        return Err(GErr::invalid_field("customerType", "customerType cannot be changed through the Reseller API."));
    }
    Ok(())
}

/// What `customers.insert` requires (every problem at once).
fn check_new_customer(customer: &Customer) -> Result<(), GErr> {
    let mut problems = Vec::new();
    match customer.customer_domain.as_deref() {
        None | Some("") => problems.push(("customerDomain".to_owned(), "customerDomain is required.".to_owned())),
        Some(domain) => {
            if let Err(message) = check_domain(domain) {
                problems.push(("customerDomain".to_owned(), message));
            }
        }
    }
    let team = customer.customer_type.as_ref().is_some_and(|kind| kind.as_str() == "team");
    if customer.alternate_email.is_none() && !team {
        problems.push(("alternateEmail".to_owned(), "alternateEmail is required for a domain customer.".to_owned()));
    }
    if let Err(problem) = check_alternate_email(customer) {
        problems.push(problem);
    }
    match &customer.postal_address {
        None => problems.push(("postalAddress".to_owned(), "postalAddress is required.".to_owned())),
        Some(address) => {
            for (field, value) in [
                ("contactName", &address.contact_name),
                ("organizationName", &address.organization_name),
                ("postalCode", &address.postal_code),
            ] {
                if value.trim().is_empty() {
                    problems.push((format!("postalAddress.{field}"), format!("postalAddress.{field} is required.")));
                }
            }
            let code = &address.country_code;
            if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_alphabetic()) {
                problems.push((
                    "postalAddress.countryCode".to_owned(),
                    format!("Invalid countryCode {code:?}: expected an ISO 3166 two-letter code."),
                ));
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(GErr::invalid_fields(problems))
    }
}

fn check_domain(domain: &str) -> Result<(), String> {
    if domain.to_ascii_lowercase().starts_with("www.") {
        return Err(format!("Invalid customerDomain {domain:?}: leave out the www prefix."));
    }
    let valid = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && domain.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
    if valid {
        Ok(())
    } else {
        Err(format!("Invalid customerDomain {domain:?}."))
    }
}

/// `alternateEmail`, when present, is an address outside the customer's domain.
fn check_alternate_email(customer: &Customer) -> Result<(), (String, String)> {
    let Some(email) = customer.alternate_email.as_deref() else { return Ok(()) };
    let problem = |message: String| Err(("alternateEmail".to_owned(), message));
    let Some((local, email_domain)) = email.rsplit_once('@') else {
        return problem(format!("Invalid alternateEmail {email:?}."));
    };
    if local.is_empty() || !email_domain.contains('.') {
        return problem(format!("Invalid alternateEmail {email:?}."));
    }
    let email_domain = email_domain.to_ascii_lowercase();
    if let Some(domain) = customer.customer_domain.as_deref().map(str::to_ascii_lowercase) {
        if email_domain == domain || email_domain.ends_with(&format!(".{domain}")) {
            return problem(format!("alternateEmail {email:?} must not be in the customer's domain {domain}."));
        }
    }
    Ok(())
}

/// A link into the Admin console (a placeholder: the sandbox has no console).
fn ui_url(id: &str) -> String {
    format!("https://admin.google.com/ac/home?sandboxCustomerId={id}")
}
