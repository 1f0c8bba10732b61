//! Dates: proleptic Gregorian calendar arithmetic (Howard Hinnant's algorithms) and RFC 3339
//! timestamps, shared by `Retry-After` parsing, `format: date` and `date-time` validation and the
//! sandbox's dates. The one place the runtime parses dates; small enough not to need a date crate.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The number of days in `month` (1-12) of `year`.
pub fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a date (`month` 1-12, `day` 1-31).
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_from_march = (i64::from(month) + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date (year, month, day) of a day count since 1970-01-01: the inverse of [`days_from_civil`].
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date; `None` for anything else or an impossible date.
pub fn parse_date(value: &str) -> Option<i64> {
    let b = value.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| {
        value.get(r).filter(|s| s.bytes().all(|c| c.is_ascii_digit())).and_then(|s| s.parse::<u32>().ok())
    };
    let (year, month, day) = (i64::from(digits(0..4)?), digits(5..7)?, digits(8..10)?);
    let valid = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
    valid.then(|| days_from_civil(year, month, day))
}

/// Today's date (UTC) as days since 1970-01-01.
pub fn today() -> i64 {
    let seconds = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    i64::try_from(seconds / 86_400).unwrap_or(i64::MAX)
}

/// The date `months` calendar months before `days` (a day count), on the same day of the month
/// or the last day of a shorter month.
pub fn months_before(days: i64, months: u32) -> i64 {
    let (year, month, day) = civil_from_days(days);
    let index = year * 12 + i64::from(month) - 1 - i64::from(months);
    let (year, month) = (index.div_euclid(12), (index.rem_euclid(12) + 1) as u32);
    days_from_civil(year, month, day.min(days_in_month(year, month)))
}

/// An RFC 3339 timestamp, `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`, as a point in time; `None` for
/// anything else, or for a time before 1970 (no `Retry-After` or API date is).
pub fn parse_rfc3339(value: &str) -> Option<SystemTime> {
    let b = value.as_bytes();
    // Every field is ASCII digits at a fixed place; reading bytes keeps a multi-byte character
    // anywhere from splitting a slice.
    let number = |range: std::ops::Range<usize>| -> Option<i64> {
        let digits = b.get(range)?;
        digits.iter().try_fold(0i64, |n, &c| c.is_ascii_digit().then(|| n * 10 + i64::from(c - b'0')))
    };
    let at = |i: usize, allowed: &[u8]| b.get(i).is_some_and(|c| allowed.contains(c));
    if !(at(4, b"-") && at(7, b"-") && at(10, b"Tt ") && at(13, b":") && at(16, b":")) {
        return None;
    }
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    let (month, day) = (u32::try_from(month).ok()?, u32::try_from(day).ok()?);
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut rest = &b[19..];
    if let Some(fraction) = rest.strip_prefix(b".") {
        let digits = fraction.iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 {
            return None;
        }
        rest = &fraction[digits..];
    }
    let offset = match rest {
        b"Z" | b"z" => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let two = |a: u8, b: u8| {
                (a.is_ascii_digit() && b.is_ascii_digit()).then(|| i64::from((a - b'0') * 10 + (b - b'0')))
            };
            let (hours, minutes) = (two(*h1, *h2)?, two(*m1, *m2)?);
            if hours > 23 || minutes > 59 {
                return None;
            }
            let sign = if *sign == b'-' { -1 } else { 1 };
            sign * (hours * 3600 + minutes * 60)
        }
        _ => return None,
    };
    let seconds = days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - offset;
    UNIX_EPOCH.checked_add(Duration::from_secs(u64::try_from(seconds).ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_days() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(2026, 11, 24), 20_781);
        assert_eq!(civil_from_days(20_781), (2026, 11, 24));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
    }

    #[test]
    fn rfc3339_timestamps() {
        let at = |secs: u64| Some(UNIX_EPOCH + Duration::from_secs(secs));
        let cases: &[(&str, Option<SystemTime>)] = &[
            ("2015-10-21T07:28:00Z", at(1_445_412_480)),
            ("2015-10-21t07:28:00z", at(1_445_412_480)),
            ("2015-10-21 07:28:00Z", at(1_445_412_480)),
            ("2015-10-21T09:28:00.250+02:00", at(1_445_412_480)),
            ("2015-10-21T05:28:00-02:00", at(1_445_412_480)),
            ("1970-01-01T00:00:00Z", at(0)),
            ("1969-12-31T23:59:59Z", None),
            ("2015-02-29T00:00:00Z", None),
            ("2015-10-21T24:00:00Z", None),
            ("2015-10-21T07:28:00", None),
            ("2015-10-21T07:28:00.Z", None),
            ("2015-10-21T07:28:00+0200", None),
            ("2015-10-21T07:28:00+2é:00", None),
            ("2015-10-21T07:28:00+0é00", None),
            ("2015-1é-21T07:28:00Z", None),
            ("+015-10-21T07:28:00Z", None),
            ("", None),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_rfc3339(text), *expected, "{text}");
        }
    }

    #[test]
    fn dates_and_months_back() {
        assert_eq!(parse_date("2026-11-24"), Some(20_781));
        for bad in ["2026-02-29", "2026-13-01", "2026-1-01", "26-11-24", "2026-11-24T", "２０２６-11-24"] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        let date = |s| parse_date(s).unwrap();
        assert_eq!(months_before(date("2026-11-30"), 6), date("2026-05-30"));
        assert_eq!(months_before(date("2026-08-31"), 6), date("2026-02-28"), "clamped to a shorter month");
        assert_eq!(months_before(date("2026-01-15"), 1), date("2025-12-15"), "across a year");
        assert_eq!(months_before(date("2026-03-31"), 25), date("2024-02-29"), "a leap February");
    }

    #[test]
    fn month_lengths() {
        assert_eq!([days_in_month(2024, 2), days_in_month(2100, 2), days_in_month(2000, 2)], [29, 28, 29]);
        assert_eq!([days_in_month(2026, 4), days_in_month(2026, 12)], [30, 31]);
    }
}
