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
    Violation { path: field_path(path, name), message, source: None }
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
    let b = value.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        value.get(r).filter(|s| s.bytes().all(|c| c.is_ascii_digit())).and_then(|s| s.parse::<u32>().ok())
    };
    let valid = b.len() == 10 && b[4] == b'-' && b[7] == b'-' && {
        match (digits(0..4), digits(5..7), digits(8..10)) {
            (Some(year), Some(month), Some(day)) => {
                (1..=12).contains(&month) && day >= 1 && day <= crate::calendar::days_in_month(i64::from(year), month)
            }
            _ => false,
        }
    };
    if !valid {
        out.push(violation(path, name, format!("{value:?} is not a date (YYYY-MM-DD)")));
    }
}

/// `format: date-time`: an RFC 3339 timestamp.
pub fn check_date_time(path: &str, name: &str, value: &str, out: &mut Vec<Violation>) {
    if crate::calendar::parse_rfc3339(value).is_none() {
        out.push(violation(path, name, format!("{value:?} is not an RFC 3339 date-time")));
    }
}

/// `readOnly`: the server sets it, and refuses requests that send it.
pub fn check_read_only(path: &str, name: &str, present: bool, out: &mut Vec<Violation>) {
    if present {
        out.push(violation(path, name, "is read-only: the server sets it; leave it out of requests".to_owned()));
    }
}

/// A cross-field rule (`x-rules`) that does not hold, reported at `path.name` (`name` may be a
/// dotted path of wire names).
pub fn rule(path: &str, name: &str, message: &str, source: Option<&'static str>, out: &mut Vec<Violation>) {
    out.push(Violation { path: field_path(path, name), message: message.to_owned(), source });
}

#[cfg(test)]
mod tests {
    use super::*;

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
