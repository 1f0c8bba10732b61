//! Hosts: an account's licensed users against the hosts its base plan bought. An active licensed
//! user uses a host and one who has not accepted the invitation yet (pending) holds one; a
//! deactivated or deleted user holds none (Zoom: "Deactivating a user removes all licenses
//! associated with a user"). Basic users never take a host.

use zoom::types::{AccountBasePlanInfo, PlanStatus, User, UserStatus, UserType};

use super::error::ZErr;
use crate::state::ZoomAccount;

/// An account's hosts and the licensed users that take them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Seats {
    /// The hosts of the active base plan (0 without one).
    pub hosts: i64,
    /// Active licensed users.
    pub usage: i64,
    /// Pending licensed users (invited, not yet activated).
    pub pending: i64,
}

impl Seats {
    pub(super) fn of(account: &ZoomAccount) -> Self {
        let hosts = active_base(account).and_then(|base| base.hosts).unwrap_or(0);
        let count = |status: UserStatus| {
            let held = account.users.values().filter(|user| is_licensed(user) && user.status.as_ref() == Some(&status));
            i64::try_from(held.count()).unwrap_or(i64::MAX)
        };
        Self { hosts, usage: count(UserStatus::Active), pending: count(UserStatus::Pending) }
    }

    /// The users Zoom counts as paid: the licensed ones that hold a host.
    pub(super) fn paid(&self) -> i64 {
        self.usage + self.pending
    }

    fn full(&self) -> bool {
        self.paid() >= self.hosts
    }
}

/// The account's base plan while it is active.
pub(super) fn active_base(account: &ZoomAccount) -> Option<&AccountBasePlanInfo> {
    let base = account.plans.as_ref().and_then(|plans| plans.plan_base.as_ref());
    base.filter(|base| base.status == Some(PlanStatus::Active))
}

/// Whether the user has a license (type 2).
pub(super) fn is_licensed(user: &User) -> bool {
    user.type_ == UserType::Licensed
}

/// Why one more licensed user is being asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Asked {
    /// `POST /users` with `type: 2`.
    Create,
    /// `PATCH /users/{userId}` to `type: 2`.
    Convert,
    /// `PUT /users/{userId}/status` `activate` of a deactivated licensed user.
    Activate,
}

/// Refuses one more licensed user when every host is taken.
///
/// The Users reference documents two codes whose text fits "no license left": 2034
/// (`plan_license_unavailable`, "Your request to add a new {0} user ... the permitted maximum
/// number of {1} users. Please purchase additional licenses ...") and 3412 (`user_limit_reached`,
/// whose texts are about Basic users but for one that speaks of "paying users"). Create and update
/// both document 2034 for exactly this, so the sandbox answers 2034 to both. **Update user status**
/// documents no refusal for a licensed user (only 3412 for Basic and no-meeting-license limits):
/// there the sandbox answers that same 3412, worded for paying users.
pub(super) fn room_for_licensed(account: &ZoomAccount, asked: Asked) -> Result<(), ZErr> {
    let seats = Seats::of(account);
    if !seats.full() {
        return Ok(());
    }
    let hosts = seats.hosts;
    let (code, message) = match asked {
        Asked::Create => (
            2034,
            format!(
                "Your request to add a new Licensed user could not be approved at this time because your account has \
                 reached the permitted maximum number of {hosts} users. Please purchase additional licenses or contact \
                 the Zoom support team to provision additional users in your account."
            ),
        ),
        Asked::Convert => (
            2034,
            format!(
                "Your request to convert the plan type of this user to \"Licensed\" was not approved at this time \
                 because your account has reached the permitted maximum number of \"{hosts}\" users. You must \
                 purchase additional licenses or contact the Zoom support team to provision additional users in your \
                 account."
            ),
        ),
        Asked::Activate => (
            3412,
            format!(
                "Your request to activate the user was not approved at this time because your account has reached \
                 the permitted maximum number of {hosts} paying users. Please purchase additional licenses or contact \
                 the Zoom support team to provision additional users in your account."
            ),
        ),
    };
    Err(ZErr::bad(code, message).field("type", format!("{} of {hosts} hosts are taken", seats.paid())))
}

/// Refuses base plan hosts below the paid users already there (400, code 2100, as **Update a base
/// plan** documents it).
pub(super) fn room_for_hosts(account: &ZoomAccount, hosts: i64) -> Result<(), ZErr> {
    let paid = Seats::of(account).paid();
    if hosts >= paid {
        return Ok(());
    }
    Err(ZErr::bad(
        2100,
        format!(
            "The account currently has {paid} paid users, you should change the user type to basic and reduce the \
             number of paid users before performing this action."
        ),
    )
    .field("hosts", format!("at least the {paid} paid users")))
}
