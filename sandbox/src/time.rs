//! The sandbox clock (real time, or a fixed instant for reproducible runs) and the two date
//! forms the APIs use: Google's epoch milliseconds and Zoom's `yyyy-mm-dd`.

use std::time::{SystemTime, UNIX_EPOCH};

use time::{Date, Month, OffsetDateTime};

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

/// The UTC calendar date of an instant in epoch milliseconds. `time` holds the years -9999 to
/// 9999; an instant outside them (only a fixed clock can be) is held at their ends.
fn utc_date(ms: i64) -> Date {
    let days = ms.div_euclid(DAY_MS);
    let julian_day = days.saturating_add(i64::from(OffsetDateTime::UNIX_EPOCH.to_julian_day()));
    let date = i32::try_from(julian_day).ok().and_then(|day| Date::from_julian_day(day).ok());
    date.unwrap_or(if days < 0 { Date::MIN } else { Date::MAX })
}

/// `yyyy-mm-dd` (UTC) of an instant in epoch milliseconds.
pub(crate) fn date(ms: i64) -> String {
    let (year, month, day) = utc_date(ms).to_calendar_date();
    format!("{year:04}-{:02}-{day:02}", month as u8)
}

/// The same day one month after `ms` (clamped to the month's last day), as `yyyy-mm-dd`.
pub(crate) fn date_next_month(ms: i64) -> String {
    let (year, month, day) = utc_date(ms).to_calendar_date();
    // Plain numbers rather than a `Date`: December 9999 is followed by a month `time` cannot hold.
    let year = if month == Month::December { year + 1 } else { year };
    let month = month.next();
    format!("{year:04}-{:02}-{:02}", month as u8, day.min(month.length(year)))
}

/// `yyyy-mm-ddThh:mm:ssZ` (UTC) of an instant in epoch milliseconds: Zoom's `date-time`.
pub(crate) fn date_time(ms: i64) -> String {
    let seconds = ms.rem_euclid(DAY_MS) / 1000;
    format!("{}T{:02}:{:02}:{:02}Z", date(ms), seconds / 3600, seconds / 60 % 60, seconds % 60)
}

/// The year and month (1-12) of an instant in epoch milliseconds.
pub(crate) fn year_month(ms: i64) -> (i32, u8) {
    let (year, month, _) = utc_date(ms).to_calendar_date();
    (year, month as u8)
}

/// The number of days of a month (1-12) of a year; `None` for a month that is not one.
pub(crate) fn days_in_month(year: i32, month: u8) -> Option<u8> {
    Month::try_from(month).ok().map(|month| month.length(year))
}

/// The first day of the month `months` months before the month of `ms`, as (year, month).
pub(crate) fn months_before(ms: i64, months: u32) -> (i32, u8) {
    let (year, month) = year_month(ms);
    let index = i64::from(year) * 12 + i64::from(month) - 1 - i64::from(months);
    (i32::try_from(index.div_euclid(12)).unwrap_or(i32::MIN), (index.rem_euclid(12) + 1) as u8)
}

/// The epoch milliseconds of a `yyyy-mm-dd` date (midnight UTC), when it is one.
pub(crate) fn parse_date(value: &str) -> Option<i64> {
    if value.len() != 10 || !value.is_ascii() {
        return None;
    }
    let mut parts = value.splitn(3, '-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: u8 = parts.next()?.parse().ok()?;
    let day: u8 = parts.next()?.parse().ok()?;
    let date = Date::from_calendar_date(year, Month::try_from(month).ok()?, day).ok()?;
    Some(i64::from(date.to_julian_day() - OffsetDateTime::UNIX_EPOCH.to_julian_day()) * DAY_MS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_format_and_parse() {
        let dates = [
            (0, "1970-01-01"),
            (-1, "1969-12-31"),
            (1_700_000_000_000, "2023-11-14"),
            (-62_162_035_200_001, "0000-02-29"),
            // Beyond the years -9999 to 9999 (only a fixed clock gets there): held at their ends.
            (i64::MAX, "9999-12-31"),
            (i64::MIN, "-9999-01-01"),
        ];
        for (ms, expected) in dates {
            assert_eq!(date(ms), expected, "date({ms})");
        }
        let next_months = [
            ("2024-01-31", "2024-02-29"),
            ("2023-01-31", "2023-02-28"),
            ("2024-12-15", "2025-01-15"),
            ("9999-12-31", "10000-01-31"),
        ];
        for (from, expected) in next_months {
            assert_eq!(parse_date(from).map(date_next_month).as_deref(), Some(expected), "a month after {from}");
        }
        let parsed = [
            ("2023-11-14", Some(1_699_920_000_000)),
            ("1970-01-01", Some(0)),
            ("0000-03-01", Some(-62_162_035_200_000)),
            ("2024-02-29", Some(1_709_164_800_000)),
            ("2023-02-29", None),
            ("2023-13-01", None),
            ("2023-00-10", None),
            ("2023-01-00", None),
            ("2023-04-31", None),
            ("soon", None),
            ("99999999999999-01-01", None),
        ];
        for (text, expected) in parsed {
            assert_eq!(parse_date(text), expected, "parse_date({text:?})");
        }
        assert_eq!(date_time(1_700_000_000_123), "2023-11-14T22:13:20Z");
        assert_eq!(date_time(-1), "1969-12-31T23:59:59Z");
        assert_eq!(days_in_month(2024, 2), Some(29));
        assert_eq!(days_in_month(2023, 13), None);
        assert_eq!(months_before(parse_date("2026-01-15").unwrap_or_default(), 6), (2025, 7));
        assert_eq!(months_before(parse_date("2026-07-31").unwrap_or_default(), 6), (2026, 1));
        assert_eq!(months_before(parse_date("2026-07-31").unwrap_or_default(), 0), (2026, 7));
    }
}
