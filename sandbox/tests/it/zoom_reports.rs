//! Zoom's usage reports against the sandbox, computed from its state: what a reconciliation job
//! reads (new users and meetings per day, who hosted and who did not) matches what was done.
//! The client checks report dates against today, so this sandbox's clock is today at noon.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::common::{raw, subscribe_request, zoom, zoom_code};
use crate::zoom_reseller::{new_sub_account, new_user};
use sandbox::{Sandbox, SandboxConfig};
use zoom::types::{ReportDailyParams, ReportUsersParams, ReportUsersType, UserCreateAction, UserType};

const DAY_MS: i64 = 86_400_000;

/// `yyyy-mm-dd` of an instant.
fn day(ms: i64) -> String {
    let date = time::OffsetDateTime::from_unix_timestamp(ms / 1000).expect("a time").date();
    format!("{:04}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day())
}

/// A meeting held on the sandbox (its admin endpoint), for the reports to count.
pub async fn meeting(sandbox: &Sandbox, account: &str, host: &str, date: &str, minutes: i64, participants: i64) {
    let body =
        format!(r#"{{"host_id": "{host}", "date": "{date}", "minutes": {minutes}, "participants": {participants}}}"#);
    let url = format!("{}/_sandbox/zoom/accounts/{account}/meetings", sandbox.url());
    assert_eq!(raw("POST", &url, &[], Some(&body)).await.status, 201, "{body}");
}

fn hosts_report(kind: ReportUsersType) -> ReportUsersParams {
    ReportUsersParams { type_: Some(kind), ..ReportUsersParams::default() }
}

#[tokio::test]
async fn the_daily_and_host_reports_count_the_sandboxs_users_and_meetings() {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_millis() as i64;
    let noon = now.div_euclid(DAY_MS) * DAY_MS + DAY_MS / 2;
    let config = SandboxConfig::new().fixed_time_ms(noon).zoom_account("unpaid");
    let sandbox = Sandbox::start(config).await.unwrap();
    let master = zoom(&sandbox);
    let account = master.accounts().account_create(&new_sub_account("owner@reports.example")).await.unwrap();
    let account = account.id.unwrap();
    master.billing().account_plan_create(&account, &subscribe_request(5)).await.unwrap();
    let sub = master.sub_account(&account);
    for (action, email, type_) in [
        (UserCreateAction::AutoCreate, "host@reports.example", UserType::Licensed),
        (UserCreateAction::CustCreate, "other@reports.example", UserType::Licensed),
        (UserCreateAction::Create, "invited@reports.example", UserType::Basic),
    ] {
        sub.users().user_create(&new_user(action, email, type_)).await.unwrap();
    }
    let (today, three_days_ago, ten_days_ago) = (day(noon), day(noon - 3 * DAY_MS), day(noon - 10 * DAY_MS));
    meeting(&sandbox, &account, "U000002", &today, 30, 4).await;
    meeting(&sandbox, &account, "U000002", &today, 15, 2).await;
    meeting(&sandbox, &account, "U000003", &three_days_ago, 60, 10).await;
    meeting(&sandbox, &account, "U000001", &ten_days_ago, 5, 2).await;

    // The daily report: this month, one entry per day up to today.
    let daily = sub.reports().report_daily(&ReportDailyParams::default()).await.unwrap();
    let dates = daily.dates.unwrap_or_default();
    assert_eq!(dates.len(), today[8..].parse::<usize>().unwrap());
    let entry = dates.iter().find(|entry| entry.date.as_deref() == Some(today.as_str())).expect("today");
    let counts = (entry.new_users, entry.meetings, entry.participants, entry.meeting_minutes);
    assert_eq!(counts, (Some(4), Some(2), Some(6), Some(45)), "the owner and three users; two meetings");

    // Active hosts from three days ago to today: who hosted, with their meetings.
    let active = sub.reports().report_users(&three_days_ago, &today, &hosts_report(ReportUsersType::Active)).await;
    let active = active.unwrap();
    let rows: Vec<_> = active
        .users
        .unwrap_or_default()
        .into_iter()
        .map(|u| (u.email.unwrap_or_default(), u.meetings, u.participants, u.meeting_minutes, u.type_))
        .collect();
    let expected = [
        ("host@reports.example".to_owned(), Some(2), Some(6), Some(45), Some(2)),
        ("other@reports.example".to_owned(), Some(1), Some(10), Some(60), Some(2)),
    ];
    assert_eq!(rows, expected);
    assert_eq!(
        (active.total_meetings, active.total_participants, active.total_meeting_minutes),
        (Some(3), Some(16), Some(105))
    );

    // Inactive hosts: the active users who hosted nothing then (the owner's meeting is older; the
    // invited user is not active yet).
    let inactive = sub.reports().report_users(&three_days_ago, &today, &hosts_report(ReportUsersType::Inactive)).await;
    let emails: Vec<_> = inactive.unwrap().users.unwrap_or_default().into_iter().filter_map(|u| u.email).collect();
    assert_eq!(emails, ["owner@reports.example"]);

    // Refusals: a month out of the recent six, a range over a month or backwards (sent anyway:
    // the client refuses them first), an account that does not pay.
    let old = time::OffsetDateTime::from_unix_timestamp(noon / 1000).unwrap().date();
    let (year, month) = (i64::from(old.year()), i64::from(u8::from(old.month())));
    let (year, month) = if month > 7 { (year, month - 7) } else { (year - 1, month + 5) };
    let too_old = ReportDailyParams { year: Some(year), month: Some(month), group_id: None };
    assert_eq!(zoom_code(&sub.reports().report_daily(&too_old).await.unwrap_err()), (400, 300));
    let params = hosts_report(ReportUsersType::Active);
    let long = sub.reports().report_users(&day(noon - 40 * DAY_MS), &today, &params);
    assert!(matches!(long.await.unwrap_err(), zoom::Error::Validation { .. }), "the client checks it first");
    let long = sub.reports().report_users(&day(noon - 40 * DAY_MS), &today, &params).skip_validation().await;
    assert_eq!(zoom_code(&long.unwrap_err()), (400, 300));
    let backwards = sub.reports().report_users(&today, &three_days_ago, &params).skip_validation().await;
    assert_eq!(zoom_code(&backwards.unwrap_err()), (400, 300));
    let unpaid = master.sub_account("unpaid").reports().report_daily(&ReportDailyParams::default()).await;
    assert_eq!(zoom_code(&unpaid.unwrap_err()), (400, 200));
}
