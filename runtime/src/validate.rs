//! Checking a request before it is sent: the rules the spec states (`maxLength`, `minimum`,
//! `pattern`, `format: date`, `readOnly`, and cross-field `x-rules`), so that a request the
//! vendor would refuse is refused here, with every violation at once.

use std::fmt;
use std::sync::OnceLock;

/// The regular expressions `pattern` checks compile to (re-exported for generated code).
pub use regex_lite::Regex;

/// One broken rule: where, and what the vendor's documentation says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The field, as a JSON path into the request (`$.renewalSettings.renewalType`), or the
    /// parameter (`query.maxResults`).
    pub path: String,
    /// What is wrong, in the words a user needs.
    pub message: String,
    /// The documentation the rule comes from, when the spec names it.
    pub source: Option<&'static str>,
    /// A read-only field is present: a server refuses it, while a client's request leaves it off
    /// the wire (so it does not refuse it either).
    pub read_only: bool,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)?;
        if let Some(source) = self.source {
            write!(f, " (see {source})")?;
        }
        Ok(())
    }
}

/// A type that can be checked against its spec's rules.
pub trait Validate {
    /// Adds every violation of `self`, found at `path`, to `out`. Nothing, for a type whose
    /// spec states no rule.
    fn validate_at(&self, path: &str, out: &mut Vec<Violation>) {
        let _ = (path, out);
    }

    /// Every violation, or `Ok` when there is none.
    fn validate(&self) -> Result<(), Vec<Violation>> {
        let mut out = Vec::new();
        self.validate_at("$", &mut out);
        if out.is_empty() {
            Ok(())
        } else {
            Err(out)
        }
    }
}

impl<T: Validate> Validate for Option<T> {
    fn validate_at(&self, path: &str, out: &mut Vec<Violation>) {
        if let Some(value) = self {
            value.validate_at(path, out);
        }
    }
}

impl<T: Validate> Validate for Box<T> {
    fn validate_at(&self, path: &str, out: &mut Vec<Violation>) {
        (**self).validate_at(path, out);
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn validate_at(&self, path: &str, out: &mut Vec<Violation>) {
        for (i, item) in self.iter().enumerate() {
            item.validate_at(&format!("{path}[{i}]"), out);
        }
    }
}

impl<T: Validate> Validate for std::collections::BTreeMap<String, T> {
    fn validate_at(&self, path: &str, out: &mut Vec<Violation>) {
        for (key, value) in self {
            value.validate_at(&format!("{path}.{key}"), out);
        }
    }
}

/// `path` joined with a field's wire name.
fn field_path(path: &str, wire_name: &str) -> String {
    format!("{path}.{wire_name}")
}

// The checks below take the path of the object and the field's wire name, and join them only
// for a violation: a valid request allocates nothing.

fn violation(path: &str, name: &str, message: String) -> Violation {
    Violation { path: field_path(path, name), message, source: None, read_only: false }
}

/// Checks a nested value (an object, or a list or map of them) at `path.name`.
pub fn nested<V: Validate + ?Sized>(path: &str, name: &str, value: &V, out: &mut Vec<Violation>) {
    value.validate_at(&field_path(path, name), out);
}

/// `maxLength` / `minLength`, counted in characters as JSON Schema does.
pub fn check_length(
    path: &str,
    name: &str,
    value: &str,
    min: Option<usize>,
    max: Option<usize>,
    out: &mut Vec<Violation>,
) {
    let length = value.chars().count();
    if let Some(max) = max.filter(|max| length > *max) {
        out.push(violation(path, name, format!("is {length} characters long; at most {max} are allowed")));
    }
    if let Some(min) = min.filter(|min| length < *min) {
        out.push(violation(path, name, format!("is {length} characters long; at least {min} are required")));
    }
}

/// `minimum` / `maximum` (inclusive).
pub fn check_range<N: PartialOrd + fmt::Display + Copy>(
    path: &str,
    name: &str,
    value: N,
    min: Option<N>,
    max: Option<N>,
    out: &mut Vec<Violation>,
) {
    if let Some(min) = min.filter(|min| value < *min) {
        out.push(violation(path, name, format!("is {value}; the minimum is {min}")));
    }
    if let Some(max) = max.filter(|max| value > *max) {
        out.push(violation(path, name, format!("is {value}; the maximum is {max}")));
    }
}

/// `minItems` / `maxItems`.
pub fn check_items(
    path: &str,
    name: &str,
    count: usize,
    min: Option<usize>,
    max: Option<usize>,
    out: &mut Vec<Violation>,
) {
    if let Some(max) = max.filter(|max| count > *max) {
        out.push(violation(path, name, format!("has {count} items; at most {max} are allowed")));
    }
    if let Some(min) = min.filter(|min| count < *min) {
        out.push(violation(path, name, format!("has {count} items; at least {min} are required")));
    }
}

/// `pattern` (ECMA-262 in the spec; the common subset that `regex-lite` reads). The compiled
/// expression is cached in the caller's `OnceLock`. A pattern that does not compile checks nothing
/// (the generator already refused patterns it cannot read).
pub fn check_pattern(
    path: &str,
    name: &str,
    value: &str,
    pattern: &'static str,
    cache: &OnceLock<Option<regex_lite::Regex>>,
    out: &mut Vec<Violation>,
) {
    let regex = cache.get_or_init(|| regex_lite::Regex::new(pattern).ok());
    if regex.as_ref().is_some_and(|regex| !regex.is_match(value)) {
        out.push(violation(path, name, format!("{value:?} does not match the pattern `{pattern}`")));
    }
}

/// Whether a pattern can be checked (the generator refuses the ones that cannot).
pub fn pattern_compiles(pattern: &str) -> Result<(), String> {
    regex_lite::Regex::new(pattern).map(|_| ()).map_err(|err| err.to_string())
}

/// `format: date`: `YYYY-MM-DD`, a real calendar date.
pub fn check_date(path: &str, name: &str, value: &str, out: &mut Vec<Violation>) {
    if crate::calendar::parse_date(value).is_none() {
        out.push(violation(path, name, format!("{value:?} is not a date (YYYY-MM-DD)")));
    }
}

/// A window of two dates (`x-date-range`), each given as (its name, its value when present):
/// `to` not before `from`, at most `max_days` days after it, and `from` at most `max_months_back`
/// months before today (UTC). A date that is absent or not a date is left to its own check.
pub fn check_date_range(
    path: &str,
    (from_name, from): (&str, Option<&str>),
    (to_name, to): (&str, Option<&str>),
    max_days: Option<i64>,
    max_months_back: Option<u32>,
    out: &mut Vec<Violation>,
) {
    use crate::calendar::{months_before, today};
    let (from_at, to_at) = (from.and_then(seconds_of), to.and_then(seconds_of));
    if let (Some(start), Some(end)) = (from_at, to_at) {
        if end < start {
            out.push(violation(path, to_name, format!("{to_name} is before {from_name}")));
        } else if let Some(max) = max_days.filter(|&max| end - start > max * DAY) {
            // Whole days for dates; for date-times, the span rounded up ("7 days and a second" is 8).
            let days = (end - start + DAY - 1) / DAY;
            let message = format!("the dates from {from_name} to {to_name} span {days} days, more than {max}");
            out.push(violation(path, to_name, message));
        }
    }
    let from_day = from_at.map(|seconds| seconds.div_euclid(DAY));
    if let (Some(start), Some(months)) = (from_day, max_months_back) {
        if start < months_before(today(), months) {
            let message = format!("{from_name} is more than {months} months ago (the API keeps {months} months)");
            out.push(violation(path, from_name, message));
        }
    }
}

/// Seconds in a day.
const DAY: i64 = 86_400;

/// A date (`yyyy-mm-dd`, its midnight UTC) or an RFC 3339 date-time, in seconds since 1970:
/// a window may be given either way (Zoom's archive lists take date-times).
fn seconds_of(value: &str) -> Option<i64> {
    if let Some(day) = crate::calendar::parse_date(value) {
        return Some(day * DAY);
    }
    // `parse_rfc3339` reads no time before 1970.
    let at = crate::calendar::parse_rfc3339(value)?;
    i64::try_from(at.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs()).ok()
}

/// `format: date-time`: an RFC 3339 timestamp.
pub fn check_date_time(path: &str, name: &str, value: &str, out: &mut Vec<Violation>) {
    if crate::calendar::parse_rfc3339(value).is_none() {
        out.push(violation(path, name, format!("{value:?} is not an RFC 3339 date-time")));
    }
}

/// `readOnly`: the server sets it, and refuses requests that send it (a generated client's
/// requests leave it off the wire instead, and do not report it).
pub fn check_read_only(path: &str, name: &str, present: bool, out: &mut Vec<Violation>) {
    if present {
        let message = "is read-only: the server sets it; leave it out of requests".to_owned();
        out.push(Violation { read_only: true, ..violation(path, name, message) });
    }
}

/// A cross-field rule (`x-rules`) that does not hold, reported at `path.name` (`name` may be a
/// dotted path of wire names).
pub fn rule(path: &str, name: &str, message: &str, source: Option<&'static str>, out: &mut Vec<Violation>) {
    out.push(Violation { path: field_path(path, name), message: message.to_owned(), source, read_only: false });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_windows() {
        let day = |days: i64| {
            let (y, m, d) = crate::calendar::civil_from_days(crate::calendar::today() - days);
            format!("{y:04}-{m:02}-{d:02}")
        };
        let (week_ago, today, year_ago) = (day(7), day(0), day(400));
        let (week_ago_at, year_ago_at) = (format!("{week_ago}T00:00:00Z"), format!("{year_ago}T00:00:00Z"));
        /// (from, to, max days, months back, the paths it refuses)
        type Case<'a> = (Option<&'a str>, Option<&'a str>, Option<i64>, Option<u32>, Vec<&'a str>);
        let cases: Vec<Case> = vec![
            (Some(&week_ago), Some(&today), Some(31), Some(6), vec![]),
            (Some(&week_ago), Some(&today), Some(6), None, vec!["query.to"]),
            (Some(&today), Some(&week_ago), Some(31), None, vec!["query.to"]),
            (Some(&year_ago), Some(&today), None, Some(6), vec!["query.from"]),
            (Some(&year_ago), Some(&today), Some(31), Some(6), vec!["query.to", "query.from"]),
            (Some("01/01/2022"), Some(&today), Some(31), Some(6), vec![]),
            (None, Some(&today), Some(31), Some(6), vec![]),
            // Date-times (Zoom's archive lists): seven days exactly, and a second more.
            (Some("2026-01-01T00:00:00Z"), Some("2026-01-08T00:00:00Z"), Some(7), None, vec![]),
            (Some("2026-01-01T00:00:00Z"), Some("2026-01-08T00:00:01Z"), Some(7), None, vec!["query.to"]),
            (Some("2026-01-08T11:00:00+02:00"), Some("2026-01-08T08:30:00Z"), Some(7), None, vec!["query.to"]),
            (Some(&week_ago_at), Some(&today), None, Some(6), vec![]),
            (Some(&year_ago_at), Some(&today), None, Some(6), vec!["query.from"]),
        ];
        let mut failures = Vec::new();
        for (from, to, max_days, months, expected) in cases {
            let mut out = Vec::new();
            check_date_range("query", ("from", from), ("to", to), max_days, months, &mut out);
            let paths: Vec<&str> = out.iter().map(|v| v.path.as_str()).collect();
            if paths != expected {
                failures.push(format!("{from:?}..{to:?} max {max_days:?} back {months:?}: {out:?}"));
            }
        }
        assert!(failures.is_empty(), "{failures:#?}");
    }

    #[test]
    fn single_field_checks() {
        let mut out = Vec::new();
        check_length("$", "dealCode", &"x".repeat(101), None, Some(100), &mut out);
        check_length("$", "ok", "é".repeat(100).as_str(), None, Some(100), &mut out);
        check_range("query", "maxResults", 0, Some(1), Some(100), &mut out);
        check_range("query", "maxResults", 101, Some(1), Some(100), &mut out);
        check_range("$", "seats", 5, Some(0), None, &mut out);
        static PHONE: OnceLock<Option<regex_lite::Regex>> = OnceLock::new();
        check_pattern("$", "phoneNumber", "650 555 0100", r"^\+", &PHONE, &mut out);
        check_pattern("$", "phoneNumber", "+1 650 555 0100", r"^\+", &PHONE, &mut out);
        for date in ["2024-02-29", "2023-12-31"] {
            check_date("$", "ok", date, &mut out);
        }
        for date in ["2023-02-29", "2023-13-01", "23-01-01", "2023-1-01"] {
            check_date("$", "day", date, &mut out);
        }
        check_date_time("$", "at", "2026-11-23T10:00:00Z", &mut out);
        check_date_time("$", "at", "yesterday", &mut out);
        let paths: Vec<&str> = out.iter().map(|v| v.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "$.dealCode",
                "query.maxResults",
                "query.maxResults",
                "$.phoneNumber",
                "$.day",
                "$.day",
                "$.day",
                "$.day",
                "$.at"
            ]
        );
        assert_eq!(out[0].message, "is 101 characters long; at most 100 are allowed");
        assert_eq!(out[1].message, "is 0; the minimum is 1");
    }
}
