//! What every request handler shares: the state behind its lock, the fault queue, the request
//! log, the clock and the configuration; and the autosave that follows a change.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard, PoisonError};

use serde::Serialize;
use serde_json::json;

use crate::faults::FaultQueue;
use crate::state::State;
use crate::time::Clock;

/// What the request handlers share.
#[derive(Debug)]
pub(crate) struct Shared {
    pub state: Mutex<State>,
    pub faults: Mutex<FaultQueue>,
    pub log: Mutex<RequestLog>,
    pub clock: Clock,
    pub require_auth: bool,
    pub state_file: Option<PathBuf>,
    /// `http://127.0.0.1:<port>`.
    pub base_url: String,
}

/// Locks a mutex; a handler that panicked while holding it (it should not) leaves usable data.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
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
    pub(crate) fn start(&mut self) -> u64 {
        self.count += 1;
        self.count
    }

    pub(crate) fn record(&mut self, entry: LogEntry) {
        if self.recent.len() == LOG_SIZE {
            self.recent.pop_front();
        }
        self.recent.push_back(entry);
    }

    pub(crate) fn finish(&mut self, seq: u64, status: Option<u16>) {
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
