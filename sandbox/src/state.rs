//! Everything the sandbox remembers, as one serializable value: the resources of both APIs (held
//! in the generated models, so a state file has the vendors' own field names) and the counters
//! that make ids deterministic.

use std::collections::BTreeMap;
use std::io;
use std::path::Path;

use google_reseller::types::{Customer, Subscription};
use serde::{Deserialize, Serialize};
use zoom::types::{AccountPlansInfo, Contact, SubAccount, User};

/// The version written to state files.
const STATE_VERSION: u32 = 1;

/// The sandbox's whole state.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct State {
    /// The state file format (1).
    #[serde(default = "current_version")]
    pub version: u32,
    /// Id counters: each id is its counter's next value.
    #[serde(default)]
    pub counters: Counters,
    /// Google Workspace Reseller resources.
    #[serde(default)]
    pub google: GoogleState,
    /// Zoom accounts and their plans.
    #[serde(default)]
    pub zoom: ZoomState,
}

fn current_version() -> u32 {
    STATE_VERSION
}

impl Default for State {
    fn default() -> Self {
        Self {
            version: STATE_VERSION,
            counters: Counters::default(),
            google: GoogleState::default(),
            zoom: ZoomState::default(),
        }
    }
}

/// The last number handed out per kind of id.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct Counters {
    /// Google customers: `C000001`, ...
    #[serde(default)]
    pub customer: u64,
    /// Google subscriptions: `S000001`, ... (a new one per plan change too).
    #[serde(default)]
    pub subscription: u64,
    /// Zoom sub accounts created without an id of their own: `A000001`, ...
    #[serde(default)]
    pub zoom_account: u64,
    /// Zoom users, across accounts: `U000001`, ...
    #[serde(default)]
    pub zoom_user: u64,
    /// Access tokens handed out by the token endpoints.
    #[serde(default)]
    pub token: u64,
}

impl Counters {
    /// The next id of a counter: `prefix` and six digits.
    pub(crate) fn next(counter: &mut u64, prefix: &str) -> String {
        *counter = counter.saturating_add(1);
        format!("{prefix}{:06}", *counter)
    }
}

/// Customers, subscriptions and the notification registration of the Reseller API.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct GoogleState {
    /// By customer id.
    #[serde(default)]
    pub customers: BTreeMap<String, StoredCustomer>,
    /// By subscription id. `plan.planName` is kept as ordered (`ANNUAL_MONTHLY_PAY`); responses
    /// report it as `ANNUAL`.
    #[serde(default)]
    pub subscriptions: BTreeMap<String, Subscription>,
    /// `resellernotify` registrations.
    #[serde(default)]
    pub notify: Notify,
}

/// A customer and whether this reseller manages it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct StoredCustomer {
    /// `false` for a direct Google customer (created through `/_sandbox/google/customers`): it
    /// is visible to `customers.get` in minimal form, and needs a `customerAuthToken` to transfer.
    pub managed: bool,
    /// The customer resource.
    pub customer: Customer,
}

/// The reseller's Pub/Sub notification registration.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct Notify {
    /// Registered service accounts.
    #[serde(default)]
    pub service_accounts: Vec<String>,
    /// The topic, once registered.
    #[serde(default)]
    pub topic: Option<String>,
}

/// Zoom sub accounts.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct ZoomState {
    /// By account id (`me` is the master account and always exists).
    #[serde(default)]
    pub accounts: BTreeMap<String, ZoomAccount>,
}

/// One Zoom account: its billing contact, its plans, and (for a sub account created through the
/// API) its details, users and the meetings they hosted.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct ZoomAccount {
    /// `false` simulates an account whose owner user is gone: plan changes answer 404, code 1001.
    #[serde(default = "yes")]
    pub owner_user: bool,
    /// `true` simulates a sub account that pays for itself: billing calls answer 400, code 2100.
    #[serde(default)]
    pub self_pay: bool,
    /// The billing contact, once a plan was subscribed.
    #[serde(default)]
    pub contact: Option<Contact>,
    /// The plans as **Get plan information** reports them (with status and dates).
    #[serde(default)]
    pub plans: Option<AccountPlansInfo>,
    /// The sub account as **Get sub account details** reports it (`None` for `me` and for an
    /// account made through `/_sandbox/zoom/accounts`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<SubAccount>,
    /// The name given at creation (the list reports it; the details model has no field for it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_name: Option<String>,
    /// The account's users by id, as **Get a user** reports them.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub users: BTreeMap<String, User>,
    /// Meetings the users hosted (a fixture: `POST /_sandbox/zoom/accounts/{id}/meetings`),
    /// which the usage reports count.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub meetings: Vec<HostedMeeting>,
}

/// A past meeting, for the reports: who hosted it, on which day, how long, how many joined.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct HostedMeeting {
    /// The host's user id.
    pub host_id: String,
    /// `yyyy-mm-dd`.
    pub date: String,
    /// Meeting minutes.
    #[serde(default)]
    pub minutes: i64,
    /// Participants, the host included.
    #[serde(default)]
    pub participants: i64,
}

fn yes() -> bool {
    true
}

impl Default for ZoomAccount {
    fn default() -> Self {
        Self {
            owner_user: true,
            self_pay: false,
            contact: None,
            plans: None,
            details: None,
            account_name: None,
            users: BTreeMap::new(),
            meetings: Vec::new(),
        }
    }
}

impl State {
    /// Reads a state from JSON: an object with (some of) `version`, `counters`, `google`, `zoom`.
    pub(crate) fn from_json(json: &[u8]) -> Result<Self, String> {
        let value: serde_json::Value = serde_json::from_slice(json).map_err(|err| err.to_string())?;
        if !value.is_object() {
            return Err("a sandbox state is a JSON object".to_owned());
        }
        serde_json::from_value(value).map_err(|err| err.to_string())
    }

    /// Reads a state file.
    pub(crate) fn load(path: &Path) -> io::Result<Self> {
        let text = std::fs::read(path)?;
        Self::from_json(&text).map_err(|err| {
            io::Error::new(io::ErrorKind::InvalidData, format!("{} is not a sandbox state file: {err}", path.display()))
        })
    }

    /// Adds a Zoom sub account: `id`, or the next `A000001`-style id. Returns the id and whether
    /// it was created (`false`: an account with that id already exists and is left as it was).
    pub(crate) fn add_zoom_account(&mut self, id: Option<&str>, account: ZoomAccount) -> (String, bool) {
        let id = match id {
            Some(id) => id.to_owned(),
            None => loop {
                let id = Counters::next(&mut self.counters.zoom_account, "A");
                if !self.zoom.accounts.contains_key(&id) {
                    break id;
                }
            },
        };
        if self.zoom.accounts.contains_key(&id) {
            return (id, false);
        }
        self.zoom.accounts.insert(id.clone(), account);
        (id, true)
    }

    /// Writes a state file: to a temporary file next to it, then renamed over it, so that a
    /// reader never sees half a file.
    pub(crate) fn save(&self, path: &Path) -> io::Result<()> {
        let json = serde_json::to_vec_pretty(self).map_err(io::Error::other)?;
        let mut temporary = path.as_os_str().to_owned();
        temporary.push(".tmp");
        std::fs::write(&temporary, json)?;
        std::fs::rename(&temporary, path)
    }
}
