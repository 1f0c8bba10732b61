//! Fault injection: make a request fail (an error status in the vendor's format, with
//! `Retry-After` on 429), answer slowly, or drop the connection, to test how a client copes.
//!
//! Faults come from the request's `X-Sandbox-Fault` header (every request that carries it), or
//! from a queue filled through `POST /_sandbox/faults` or [`crate::Sandbox::push_faults`] (the
//! next requests, in order). The `/_sandbox/` endpoints themselves are never faulted.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// The request header that asks for faults on this request: a comma-separated list of
/// [`Fault`]s, for example `429`, `503`, `slow=250` or `slow=100, 503`.
pub const FAULT_HEADER: &str = "x-sandbox-fault";

/// What goes wrong with a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Answer with this HTTP status (400-599) and the vendor's error body, changing nothing.
    /// A 429 carries `Retry-After` (1 second unless `retry_after` says otherwise).
    Status {
        /// The HTTP status.
        status: u16,
        /// The `Retry-After` header in seconds, when one is sent.
        retry_after: Option<u64>,
    },
    /// Wait this long, then handle the request normally. Written `slow=<ms>`.
    Slow(Duration),
    /// Read the request, then close the connection without answering. Written `close`.
    Close,
}

impl Fault {
    /// An error status; a 429 gets `Retry-After: 1`.
    pub fn status(status: u16) -> Self {
        Self::Status { status, retry_after: (status == 429).then_some(1) }
    }

    /// A delay before the request is handled.
    pub fn slow(millis: u64) -> Self {
        Self::Slow(Duration::from_millis(millis))
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fault::Status { status, .. } => write!(f, "{status}"),
            Fault::Slow(delay) => write!(f, "slow={}", delay.as_millis()),
            Fault::Close => f.write_str("close"),
        }
    }
}

/// A fault written in an unknown way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidFault(pub String);

impl fmt::Display for InvalidFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown fault {:?}: expected an HTTP status 400-599 (`429`), `slow=<ms>` or `close`", self.0)
    }
}

impl std::error::Error for InvalidFault {}

impl FromStr for Fault {
    type Err = InvalidFault;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        let invalid = || InvalidFault(text.to_owned());
        if text.eq_ignore_ascii_case("close") {
            return Ok(Fault::Close);
        }
        if let Some(millis) = text.strip_prefix("slow=") {
            return millis.trim().parse().map(Fault::slow).map_err(|_| invalid());
        }
        match text.parse::<u16>() {
            Ok(status) if (400..=599).contains(&status) => Ok(Fault::status(status)),
            _ => Err(invalid()),
        }
    }
}

/// Parses an `X-Sandbox-Fault` header value.
pub(crate) fn parse_header(value: &str) -> Result<Vec<Fault>, InvalidFault> {
    value.split(',').filter(|part| !part.trim().is_empty()).map(str::parse).collect()
}

/// A queued fault: applied to the next `times` requests whose path starts with `path_prefix`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaultRule {
    /// What goes wrong.
    pub fault: Fault,
    /// How many requests it applies to (at least 1).
    pub times: u32,
    /// Only requests whose path starts with this (for example `/zoom/v2/`); all when `None`.
    pub path_prefix: Option<String>,
}

impl FaultRule {
    /// `fault` on the next request.
    pub fn new(fault: Fault) -> Self {
        Self { fault, times: 1, path_prefix: None }
    }

    /// On the next `times` requests instead of one.
    #[must_use]
    pub fn times(mut self, times: u32) -> Self {
        self.times = times.max(1);
        self
    }

    /// Only on requests whose path starts with `prefix`.
    #[must_use]
    pub fn path_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.path_prefix = Some(prefix.into());
        self
    }
}

/// How a rule is written in `POST /_sandbox/faults`: `"429"`, or
/// `{"fault": "429", "times": 2, "path_prefix": "/zoom/", "retry_after": 3}`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(untagged)]
enum RuleJson {
    Short(String),
    Full {
        fault: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        times: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        path_prefix: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        retry_after: Option<u64>,
    },
}

/// Reads the body of `POST /_sandbox/faults`: a JSON list of rules.
pub(crate) fn parse_rules(body: &[u8]) -> Result<Vec<FaultRule>, String> {
    let rules: Vec<RuleJson> = serde_json::from_slice(body).map_err(|err| {
        format!("expected a JSON list of faults (\"429\" or {{\"fault\": \"503\", \"times\": 2}}): {err}")
    })?;
    rules
        .into_iter()
        .map(|rule| match rule {
            RuleJson::Short(fault) => fault.parse().map(FaultRule::new).map_err(|err| err.to_string()),
            RuleJson::Full { fault, times, path_prefix, retry_after } => {
                let mut fault: Fault = fault.parse().map_err(|err: InvalidFault| err.to_string())?;
                if let (Fault::Status { retry_after: slot, .. }, Some(seconds)) = (&mut fault, retry_after) {
                    *slot = Some(seconds);
                }
                Ok(FaultRule { fault, times: times.unwrap_or(1).max(1), path_prefix })
            }
        })
        .collect()
}

/// The queued rules, as `GET /_sandbox/faults` shows them.
pub(crate) fn rules_json(rules: &[FaultRule]) -> serde_json::Value {
    let shown: Vec<RuleJson> = rules
        .iter()
        .map(|rule| RuleJson::Full {
            fault: rule.fault.to_string(),
            times: Some(rule.times),
            path_prefix: rule.path_prefix.clone(),
            retry_after: match rule.fault {
                Fault::Status { retry_after, .. } => retry_after,
                _ => None,
            },
        })
        .collect();
    serde_json::to_value(shown).unwrap_or_default()
}

/// The faults waiting for the next requests.
#[derive(Debug, Default)]
pub(crate) struct FaultQueue {
    rules: Vec<FaultRule>,
}

impl FaultQueue {
    /// Adds rules after the ones already queued.
    pub(crate) fn push(&mut self, rules: impl IntoIterator<Item = FaultRule>) {
        self.rules.extend(rules);
    }

    /// The fault for a request to `path`: the first queued rule that matches, used once.
    pub(crate) fn take(&mut self, path: &str) -> Option<Fault> {
        let index =
            self.rules.iter().position(|rule| rule.path_prefix.as_deref().is_none_or(|p| path.starts_with(p)))?;
        let rule = &mut self.rules[index];
        let fault = rule.fault;
        rule.times = rule.times.saturating_sub(1);
        if rule.times == 0 {
            self.rules.remove(index);
        }
        Some(fault)
    }

    /// The rules still queued.
    pub(crate) fn rules(&self) -> &[FaultRule] {
        &self.rules
    }

    /// Forgets every queued rule.
    pub(crate) fn clear(&mut self) {
        self.rules.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_parse_from_headers_and_json() {
        assert_eq!(parse_header("slow=20, 503"), Ok(vec![Fault::slow(20), Fault::status(503)]));
        assert_eq!("429".parse(), Ok(Fault::Status { status: 429, retry_after: Some(1) }));
        assert!("200".parse::<Fault>().is_err() && "slow=x".parse::<Fault>().is_err());
        let rules =
            parse_rules(br#"["close", {"fault": "429", "times": 2, "path_prefix": "/zoom/", "retry_after": 3}]"#);
        let rules = rules.unwrap_or_default();
        assert_eq!(rules.len(), 2);
        assert_eq!(rules[1].fault, Fault::Status { status: 429, retry_after: Some(3) });
        assert!(parse_rules(b"{}").is_err() && parse_rules(br#"["teapot"]"#).is_err());
    }

    #[test]
    fn the_queue_applies_matching_rules_in_order() {
        let mut queue = FaultQueue::default();
        queue.push([FaultRule::new(Fault::status(503)).path_prefix("/zoom/").times(2), FaultRule::new(Fault::Close)]);
        assert_eq!(queue.take("/apps/reseller/v1/customers"), Some(Fault::Close));
        assert_eq!(queue.take("/zoom/v2/accounts/me/plans"), Some(Fault::status(503)));
        assert_eq!(queue.take("/apps/x"), None);
        assert_eq!(queue.take("/zoom/v2/x"), Some(Fault::status(503)));
        assert!(queue.rules().is_empty());
    }
}
