//! The account a Zoom call names, with the checks every handler makes of it (exists, owner user,
//! self pay), and Zoom's checks of a billing contact.

use super::error::ZErr;
use crate::state::{State, ZoomAccount};

/// What an operation requires of the account besides existing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Needs {
    /// Only that it exists.
    Exists,
    /// That it is not on self pay (2100).
    MasterPays,
    /// Also that its owner user exists (1001): the plan-changing operations.
    Owner,
}

/// The account `id` (`me`, the master account, always exists), checked as `needs` says.
pub(super) fn account<'a>(st: &'a mut State, id: &str, needs: Needs) -> Result<&'a mut ZoomAccount, ZErr> {
    if id == "me" {
        st.zoom.accounts.entry(id.to_owned()).or_default();
    }
    let account = st.zoom.accounts.get_mut(id).ok_or_else(|| ZErr::no_account(id))?;
    if needs == Needs::Owner && !account.owner_user {
        return Err(ZErr::new(404, 1001, "User does not exist."));
    }
    if needs != Needs::Exists && account.self_pay {
        return Err(ZErr::bad(2100, "This sub account is on self pay mode."));
    }
    Ok(account)
}

/// Zoom's checks of a billing contact's fields (code 2100), for the fields present.
pub(super) fn check_contact(fields: &[(&str, Option<&str>)]) -> Result<(), ZErr> {
    for (name, value) in fields {
        let Some(value) = value.map(str::trim) else { continue };
        if value.is_empty() {
            return Err(ZErr::bad(2100, format!("Invalid parameter: {name}.")).field(*name, "must not be empty"));
        }
        match *name {
            "email" => {
                let valid = value.split_once('@').is_some_and(|(local, domain)| {
                    !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.')
                });
                if !valid {
                    return Err(ZErr::bad(2100, "Invalid parameter: email.").field("email", "not an email address"));
                }
            }
            "country" if value.len() != 2 || !value.bytes().all(|b| b.is_ascii_uppercase()) => {
                return Err(ZErr::bad(2100, format!("Invalid country parameter: {value}."))
                    .field("country", "an ISO 3166 alpha-2 country ID, such as US"));
            }
            _ => {}
        }
    }
    Ok(())
}
