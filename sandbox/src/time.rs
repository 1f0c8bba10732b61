//! The sandbox clock (real time, or a fixed instant for reproducible runs) and the two date
//! forms the APIs use: Google's epoch milliseconds and Zoom's `yyyy-mm-dd`.

use std::time::{SystemTime, UNIX_EPOCH};

use clientgen_runtime::calendar::{civil_from_days, days_from_civil, days_in_month};

/// One day in milliseconds.
pub(crate) const DAY_MS: i64 = 86_400_000;

/// Where "now" comes from.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Clock {
    fixed_ms: Option<i64>,
}

impl Clock {
    /// A clock that always reads `fixed_ms` (epoch milliseconds), or the system time when `None`.
    pub(crate) fn new(fixed_ms: Option<i64>) -> Self {
        Self { fixed_ms }
    }

    /// Now, in milliseconds since the Unix epoch.
    pub(crate) fn now_ms(&self) -> i64 {
        self.fixed_ms.unwrap_or_else(|| {
            SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        })
    }
}

/// `yyyy-mm-dd` (UTC) of an instant in epoch milliseconds.
pub(crate) fn date(ms: i64) -> String {
    let (year, month, day) = civil_from_days(ms.div_euclid(DAY_MS));
    format!("{year:04}-{month:02}-{day:02}")
}

/// The same day one month after `ms` (clamped to the month's last day), as `yyyy-mm-dd`.
pub(crate) fn date_next_month(ms: i64) -> String {
    let (year, month, day) = civil_from_days(ms.div_euclid(DAY_MS));
    let (year, month) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    format!("{year:04}-{month:02}-{:02}", day.min(days_in_month(year, month)))
}

/// The epoch milliseconds of a `yyyy-mm-dd` date (midnight UTC), when it is one.
pub(crate) fn parse_date(value: &str) -> Option<i64> {
    if value.len() != 10 || !value.is_ascii() {
        return None;
    }
    let mut parts = value.splitn(3, '-');
    let year: i64 = parts.next()?.parse().ok()?;
    let month: u32 = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
        .then(|| days_from_civil(year, month, day) * DAY_MS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip() {
        assert_eq!(date(0), "1970-01-01");
        assert_eq!(date(1_700_000_000_000), "2023-11-14");
        assert_eq!(parse_date("2023-11-14"), Some(1_699_920_000_000));
        assert_eq!(date_next_month(parse_date("2024-01-31").unwrap_or_default()), "2024-02-29");
        assert_eq!(date_next_month(parse_date("2024-12-15").unwrap_or_default()), "2025-01-15");
        assert_eq!(parse_date("2023-02-29"), None);
        assert_eq!(parse_date("soon"), None);
        assert_eq!(parse_date("99999999999999-01-01"), None);
    }
}
