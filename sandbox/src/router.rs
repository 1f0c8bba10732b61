//! Every request's way through the sandbox: `/_sandbox/` to the admin endpoints; everything else
//! is counted, may be faulted, then goes to the Google, Zoom or token handlers.

use serde_json::json;

use crate::faults::{parse_header, Fault, FAULT_HEADER};
use crate::google::GErr;
use crate::http::{Reply, Req};
use crate::shared::{autosave, lock, LogEntry, Shared};
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
