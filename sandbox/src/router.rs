//! Every request's way through the sandbox: `/_sandbox/` to the admin endpoints; everything else
//! is counted, may be faulted, then goes to the Google, Zoom or token handlers.

use std::collections::VecDeque;

use serde::Serialize;
use serde_json::json;

use crate::faults::{parse_header, Fault, FAULT_HEADER};
use crate::google::GErr;
use crate::http::Reply;
use crate::http::Req;
use crate::server::{lock, Shared};
use crate::state::{Counters, State, ZoomAccount};
use crate::zoom::ZErr;
use crate::{admin, google, tokens, zoom};

/// What becomes of a request.
pub(crate) enum Outcome {
    /// Send this.
    Reply(Reply),
    /// Close the connection without answering.
    Close,
}

/// Whose error format a path gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Vendor {
    Admin,
    Google,
    Zoom,
    Other,
}

impl Vendor {
    pub(crate) fn of(path: &str) -> Self {
        if path == "/_sandbox" || path.starts_with("/_sandbox/") {
            Vendor::Admin
        } else if path.starts_with("/apps/reseller/") || path.starts_with("/google/") {
            Vendor::Google
        } else if path.starts_with("/zoom/") || path == "/oauth/token" {
            Vendor::Zoom
        } else {
            Vendor::Other
        }
    }
}

/// The most recent requests the log keeps.
const LOG_SIZE: usize = 500;

/// One request as `GET /_sandbox/requests` shows it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct LogEntry {
    /// 1 for the first request the sandbox received.
    pub seq: u64,
    pub method: String,
    pub path: String,
    /// The status answered; `null` while the request is handled, when the connection was closed
    /// instead (the `close` fault), or when the client went away first.
    pub status: Option<u16>,
    /// The faults applied, as written (`slow=100,503`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fault: Option<String>,
}

/// How many API requests came in, and the last few.
#[derive(Debug, Default)]
pub(crate) struct RequestLog {
    count: u64,
    recent: VecDeque<LogEntry>,
}

impl RequestLog {
    pub(crate) fn count(&self) -> u64 {
        self.count
    }

    /// Counts a request; its entry is written once its faults are known.
    fn start(&mut self) -> u64 {
        self.count += 1;
        self.count
    }

    fn record(&mut self, entry: LogEntry) {
        if self.recent.len() == LOG_SIZE {
            self.recent.pop_front();
        }
        self.recent.push_back(entry);
    }

    fn finish(&mut self, seq: u64, status: Option<u16>) {
        if let Some(entry) = self.recent.iter_mut().rev().find(|entry| entry.seq == seq) {
            entry.status = status;
        }
    }

    pub(crate) fn to_json(&self) -> serde_json::Value {
        json!({ "count": self.count, "recent": self.recent })
    }

    pub(crate) fn clear(&mut self) {
        *self = Self::default();
    }
}

/// Handles one request.
pub(crate) async fn route(shared: &Shared, req: Req) -> Outcome {
    let vendor = Vendor::of(&req.path);
    if vendor == Vendor::Admin {
        return Outcome::Reply(admin::handle(shared, &req));
    }
    let seq = lock(&shared.log).start();
    let faults = match req.header(FAULT_HEADER) {
        Some(value) => match parse_header(value) {
            Ok(faults) => faults,
            Err(err) => {
                let reply = error(vendor, 400, &format!("{FAULT_HEADER}: {err}"));
                record(shared, seq, &req, None);
                lock(&shared.log).finish(seq, Some(reply.status.as_u16()));
                return Outcome::Reply(reply);
            }
        },
        None => lock(&shared.faults).take(&req.path).into_iter().collect(),
    };
    let applied = (!faults.is_empty()).then(|| faults.iter().map(Fault::to_string).collect::<Vec<_>>().join(","));
    // Logged before any delay, so that a request the client gives up on is still listed.
    record(shared, seq, &req, applied);
    let mut terminal = None;
    for fault in &faults {
        match fault {
            Fault::Slow(delay) => tokio::time::sleep(*delay).await,
            other => {
                terminal = Some(*other);
                break;
            }
        }
    }
    let outcome = match terminal {
        Some(Fault::Close) => Outcome::Close,
        Some(Fault::Status { status, retry_after }) => {
            let mut reply = fault_reply(vendor, status);
            if let Some(seconds) = retry_after {
                reply = reply.with_header("retry-after", seconds.to_string());
            }
            Outcome::Reply(reply)
        }
        Some(Fault::Slow(_)) | None => {
            let reply = dispatch(shared, &req);
            if req.method != hyper::Method::GET && reply.status.is_success() {
                autosave(shared);
            }
            Outcome::Reply(reply)
        }
    };
    let status = match &outcome {
        Outcome::Reply(reply) => Some(reply.status.as_u16()),
        Outcome::Close => None,
    };
    lock(&shared.log).finish(seq, status);
    outcome
}

fn record(shared: &Shared, seq: u64, req: &Req, fault: Option<String>) {
    let entry = LogEntry { seq, method: req.method.to_string(), path: req.path.clone(), status: None, fault };
    lock(&shared.log).record(entry);
}

fn dispatch(shared: &Shared, req: &Req) -> Reply {
    let segments = req.segments();
    match segments.as_slice() {
        ["apps", "reseller", "v1", rest @ ..] => google::handle(shared, req, rest),
        ["zoom", "v2", rest @ ..] => zoom::handle(shared, req, rest),
        ["oauth", "token"] | ["zoom", "oauth", "token"] => tokens::zoom(shared, req),
        ["google", "token"] => tokens::google(shared, req),
        _ => error(
            Vendor::of(&req.path),
            404,
            &format!("The sandbox serves no {} {} (see GET /_sandbox for the layout).", req.method, req.path),
        ),
    }
}

/// Writes the state file after a change, when one is configured. A failure is reported on
/// stderr and does not fail the request that caused it.
pub(crate) fn autosave(shared: &Shared) {
    if let Some(path) = &shared.state_file {
        let state = lock(&shared.state);
        if let Err(err) = state.save(path) {
            eprintln!("sandbox: cannot write the state file {}: {err}", path.display());
        }
    }
}

/// An error in the format of whoever owns `vendor`'s paths.
pub(crate) fn error(vendor: Vendor, status: u16, message: &str) -> Reply {
    match vendor {
        Vendor::Google => GErr::for_status(status, message.to_owned()).into_reply(),
        Vendor::Zoom => ZErr::new(status, i64::from(status), message).into_reply(),
        Vendor::Admin | Vendor::Other => {
            Reply::json(status, &json!({ "error": { "code": status, "message": message } }))
        }
    }
}

/// 413 for a body over the size limit.
pub(crate) fn too_large(path: &str) -> Reply {
    error(Vendor::of(path), 413, "The request body is too large for the sandbox (2 MiB at most).")
}

/// The error an injected status fault answers with, as the vendor would word it.
fn fault_reply(vendor: Vendor, status: u16) -> Reply {
    match (vendor, status) {
        (Vendor::Google, 429) => GErr::quota_exceeded().into_reply(),
        (Vendor::Zoom, 429) => {
            ZErr::new(429, 429, "You have reached the maximum per-second rate limit for this API. Try again later.")
                .into_reply()
                .with_header("x-ratelimit-type", "QPS")
        }
        (Vendor::Zoom, 401) => ZErr::new(401, 124, "Invalid access token.").into_reply(),
        (_, 503) => error(vendor, 503, "The service is currently unavailable (injected fault)."),
        _ => error(vendor, status, &format!("Injected fault: HTTP {status}.")),
    }
}

/// Adds a Zoom sub account: `id`, or the next `A000001`-style id. Returns the id and whether
/// it was created (`false`: an account with that id already exists and is left as it was).
pub(crate) fn add_zoom_account(state: &mut State, id: Option<&str>, account: ZoomAccount) -> (String, bool) {
    let id = match id {
        Some(id) => id.to_owned(),
        None => loop {
            let id = Counters::next(&mut state.counters.zoom_account, "A");
            if !state.zoom.accounts.contains_key(&id) {
                break id;
            }
        },
    };
    if state.zoom.accounts.contains_key(&id) {
        return (id, false);
    }
    state.zoom.accounts.insert(id.clone(), account);
    (id, true)
}
