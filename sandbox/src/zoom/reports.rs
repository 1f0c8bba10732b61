//! Reports computed from the sandbox's state, at `/report/...` (the master account, `me`) and at
//! `/accounts/{accountId}/report/...` (a sub account): the daily usage report and the active and
//! inactive hosts report. New users come from the users' creation times; meetings, participants
//! and minutes from the meetings recorded with `POST /_sandbox/zoom/accounts/{id}/meetings` (the
//! sandbox holds no real meetings). A deleted user's creation is no longer counted. `group_id` is
//! accepted and ignored: the sandbox has no groups.

use zoom::types::{
    ActiveHostReport, ActiveHostReportItem, DailyUsage, DailyUsageReport, ReportDailyParams, ReportUsersParams,
    ReportUsersType, UserStatus,
};

use super::account::{account, Needs};
use super::error::{ZErr, ZResult};
use super::input::{checked, invalid, page, query_i64, Paging};
use super::plans::paying;
use crate::http::{Reply, Req};
use crate::state::{HostedMeeting, State, ZoomAccount};
use crate::time::{date, days_in_month, months_before, parse_date, year_month, DAY_MS};

/// The months back a report reaches ("the recent 6 months").
const MONTHS_KEPT: u32 = 6;
/// The longest range of the hosts report, in days ("limited to a month").
const MAX_RANGE_DAYS: i64 = 31;

/// Handles `.../report/{rest}` for the account `account_id`.
pub(super) fn route(st: &mut State, now_ms: i64, req: &Req, account_id: &str, rest: &[&str]) -> ZResult {
    match (req.method.as_str(), rest) {
        ("GET", ["daily"]) => daily(st, now_ms, req, account_id),
        ("GET", ["users"]) => hosts(st, now_ms, req, account_id),
        _ => Err(ZErr::not_served(req)),
    }
}

/// The account, when it pays: both reports are "only available for paid accounts" (code 200,
/// Zoom's code for a report the account may not have).
fn paid_account<'a>(st: &'a mut State, id: &str) -> Result<&'a mut ZoomAccount, ZErr> {
    let account = account(st, id, Needs::Exists)?;
    if !account.plans.as_ref().is_some_and(paying) {
        return Err(ZErr::bad(200, format!("Only available for paid account: {id}.")));
    }
    Ok(account)
}

/// A month as one number, to compare months.
fn month_index(year: i64, month: i64) -> i64 {
    year * 12 + month
}

/// `GET .../report/daily`: one entry per day of the month (up to today for this month).
fn daily(st: &mut State, now_ms: i64, req: &Req, account_id: &str) -> ZResult {
    let params = ReportDailyParams {
        year: query_i64(req, "year")?,
        month: query_i64(req, "month")?,
        group_id: req.query("group_id").map(str::to_owned),
    };
    let params = checked(params, "query")?;
    let (this_year, this_month) = year_month(now_ms);
    let year = params.year.unwrap_or(i64::from(this_year));
    let month = params.month.unwrap_or(i64::from(this_month));
    let (oldest_year, oldest_month) = months_before(now_ms, MONTHS_KEPT);
    let asked = month_index(year, month);
    let now = month_index(i64::from(this_year), i64::from(this_month));
    if asked < month_index(i64::from(oldest_year), i64::from(oldest_month)) || asked > now {
        return Err(ZErr::bad(
            300,
            "Daily report can only be provided for a month that falls within the recent 6 months.",
        ));
    }
    let account = paid_account(st, account_id)?;
    let (Ok(year), Ok(month)) = (i32::try_from(year), u8::try_from(month)) else {
        return Err(invalid("month", "a month of the recent 6 months"));
    };
    let today: u8 = date(now_ms).get(8..).and_then(|day| day.parse().ok()).unwrap_or(1);
    let last_day = if asked == now { today } else { days_in_month(year, month).unwrap_or(28) };
    let dates = (1..=last_day)
        .map(|day| {
            let day = format!("{year:04}-{month:02}-{day:02}");
            let created = account.users.values().filter_map(|user| user.user_created_at.as_deref());
            let meetings: Vec<&HostedMeeting> = account.meetings.iter().filter(|m| m.date == day).collect();
            DailyUsage {
                new_users: Some(count(created.filter(|at| at.starts_with(&day)).count())),
                meetings: Some(count(meetings.len())),
                participants: Some(meetings.iter().map(|m| m.participants).sum()),
                meeting_minutes: Some(meetings.iter().map(|m| m.minutes).sum()),
                date: Some(day),
            }
        })
        .collect();
    let report = DailyUsageReport { dates: Some(dates), month: Some(i64::from(month)), year: Some(i64::from(year)) };
    Ok(Reply::json(200, &report))
}

fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// The report's dates, checked against the sandbox's own clock: `yyyy-mm-dd`, `to` not before
/// `from`, at most a month apart, `from` within the recent 6 months (400, code 300).
fn date_range(req: &Req, now_ms: i64) -> Result<(&str, &str), ZErr> {
    let (from, start) = date_arg(req, "from")?;
    let (to, end) = date_arg(req, "to")?;
    let (oldest_year, oldest_month) = months_before(now_ms, MONTHS_KEPT);
    let oldest = parse_date(&format!("{oldest_year:04}-{oldest_month:02}-01")).unwrap_or(i64::MIN);
    let problem = if end < start {
        Some(("to", "to is before from".to_owned()))
    } else if (end - start) / DAY_MS > MAX_RANGE_DAYS {
        Some(("to", format!("the range spans more than {MAX_RANGE_DAYS} days")))
    } else if start < oldest {
        Some(("from", format!("from is more than {MONTHS_KEPT} months ago")))
    } else {
        None
    };
    match problem {
        Some((field, message)) => Err(ZErr::bad(300, "Validation Failed.").field(field, message)),
        None => Ok((from, to)),
    }
}

/// A required date parameter, as given and as epoch milliseconds.
fn date_arg<'a>(req: &'a Req, name: &str) -> Result<(&'a str, i64), ZErr> {
    let text = req.query(name).ok_or_else(|| ZErr::bad(300, "Validation Failed.").field(name, "required"))?;
    let day = parse_date(text).ok_or_else(|| invalid(name, "a date, yyyy-mm-dd"))?;
    Ok((text, day))
}

/// `GET .../report/users`: `type=active` (the default) lists the users who hosted a meeting from
/// `from` to `to`, with their meetings, participants and minutes; `type=inactive` the active users
/// (created by `to`) who hosted none. The totals are every meeting of the range. Paged by user id.
fn hosts(st: &mut State, now_ms: i64, req: &Req, account_id: &str) -> ZResult {
    let (from, to) = date_range(req, now_ms)?;
    let params = ReportUsersParams {
        type_: req.query("type").map(ReportUsersType::from),
        page_size: query_i64(req, "page_size")?,
        page_number: query_i64(req, "page_number")?,
        next_page_token: req.query("next_page_token").map(str::to_owned),
        group_id: req.query("group_id").map(str::to_owned),
    };
    let params = checked(params, "query")?;
    let active = match params.type_.clone().unwrap_or(ReportUsersType::Active) {
        ReportUsersType::Active => true,
        ReportUsersType::Inactive => false,
        _ => return Err(invalid("type", "active or inactive")),
    };
    let account = paid_account(st, account_id)?;
    // `yyyy-mm-dd` dates compare as text.
    let in_range: Vec<&HostedMeeting> =
        account.meetings.iter().filter(|m| from <= m.date.as_str() && m.date.as_str() <= to).collect();
    let mut users = Vec::new();
    for (id, user) in &account.users {
        let hosted: Vec<&&HostedMeeting> = in_range.iter().filter(|m| &m.host_id == id).collect();
        let created_by_end =
            user.user_created_at.as_deref().is_some_and(|at| at.get(..10).is_some_and(|day| day <= to));
        let listed = if active {
            !hosted.is_empty()
        } else {
            hosted.is_empty() && user.status == Some(UserStatus::Active) && created_by_end
        };
        if listed {
            let item = ActiveHostReportItem {
                custom_attributes: None,
                dept: user.dept.clone(),
                email: user.email.clone(),
                id: Some(id.clone()),
                meeting_minutes: Some(hosted.iter().map(|m| m.minutes).sum()),
                meetings: Some(count(hosted.len())),
                participants: Some(hosted.iter().map(|m| m.participants).sum()),
                type_: Some(user.type_.value()),
                user_name: user.display_name.clone(),
            };
            users.push((id.clone(), item));
        }
    }
    let paging = Paging {
        page_size: params.page_size,
        page_number: params.page_number,
        next_page_token: params.next_page_token.as_deref(),
    };
    let page = page(users, paging)?;
    let report = ActiveHostReport {
        from: Some(from.to_owned()),
        to: Some(to.to_owned()),
        next_page_token: Some(page.next_page_token),
        page_count: Some(page.page_count),
        page_number: Some(page.page_number),
        page_size: Some(page.page_size),
        total_records: Some(page.total_records),
        total_meeting_minutes: Some(in_range.iter().map(|m| m.minutes).sum()),
        total_meetings: Some(count(in_range.len())),
        total_participants: Some(in_range.iter().map(|m| m.participants).sum()),
        users: Some(page.items),
    };
    Ok(Reply::json(200, &report))
}
