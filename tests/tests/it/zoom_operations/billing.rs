//! One row per operation of `specs/zoom/billing.yaml`, answered by this module's own mock of
//! Zoom's Billing API; then the 2024 examples of the new resources round-trip, and the documented
//! limits are refused before anything is sent.

use clientgen_runtime::Error;
use serde_json::{json, Value};

use super::*;

const BILLING_SPEC: &str = include_str!("../../../../specs/zoom/billing.yaml");
const SUB_ACCOUNT: &str = "kQ1OnoNpRmSRSb0DbrezUZ";
const INVOICE_ID: &str = "2c92c12348d07e0580";
const REPORT_ID: &str = "1648670915000";
/// An invoice PDF: binary, not UTF-8, with a NUL and a CR LF that must arrive unchanged.
const INVOICE_PDF: &[u8] = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\r\n1 0 obj\x00<< /Type /Catalog >>\nendobj\n%%EOF\n";

#[tokio::test]
async fn every_billing_operation_sends_the_documented_request_and_decodes_the_response() {
    run_table(rows(), BILLING_SPEC, 20, answer).await;
}

fn rows() -> Vec<Row> {
    let mut rows = contact_and_invoice_rows();
    rows.extend(plan_rows());
    rows.extend(report_rows());
    rows
}

fn contact_and_invoice_rows() -> Vec<Row> {
    vec![
        row(
            |c| c.billing().account_billing(SUB_ACCOUNT),
            "GET /v2/accounts/kQ1OnoNpRmSRSb0DbrezUZ/billing",
            Sent::Nothing,
            |contact| assert_eq!((contact.first_name.as_str(), contact.country.as_str()), ("Doc", "US")),
        ),
        row(
            |c| {
                let update =
                    ContactUpdate { city: Some("San Jose".into()), state: Some("CA".into()), ..Default::default() };
                c.billing().account_billing_update(SUB_ACCOUNT, &update)
            },
            "PATCH /v2/accounts/kQ1OnoNpRmSRSb0DbrezUZ/billing",
            Sent::Json(json!({ "city": "San Jose", "state": "CA" })),
            no_body,
        ),
        row(
            |c| {
                let window =
                    AccountBillingInvoicesParams { from: Some("2022-01-02".into()), to: Some("2022-02-01".into()) };
                c.billing().account_billing_invoices("me", &window)
            },
            "GET /v2/accounts/me/billing/invoices?from=2022-01-02&to=2022-02-01",
            Sent::Nothing,
            |list| {
                assert_eq!(list.currency.as_deref(), Some("USD"));
                assert_eq!(list.invoices.unwrap()[0].total_amount, Some(1000.21));
            },
        ),
        row(
            |c| c.billing().get_account_billing_invoice(SUB_ACCOUNT, INVOICE_ID),
            "GET /v2/accounts/kQ1OnoNpRmSRSb0DbrezUZ/billing/invoices/2c92c12348d07e0580",
            Sent::Nothing,
            |invoice| {
                let item = &invoice.invoice_items.unwrap()[0];
                assert_eq!(
                    (item.partner_sku.as_deref(), item.purchase_order_number.as_deref()),
                    (Some("SK1093"), Some("PO12345"))
                );
            },
        ),
        download_row(
            |c| c.billing().download_invoice_pdf(INVOICE_ID),
            "GET /v2/api/download/billing/invoices/2c92c12348d07e0580",
            Sent::Nothing,
            |headers, pdf| {
                assert_eq!(pdf, INVOICE_PDF, "the PDF's exact bytes");
                assert_eq!(headers["content-type"], "application/pdf");
            },
        ),
    ]
}

fn plan_rows() -> Vec<Row> {
    vec![
        row(
            |c| c.billing().account_plans(SUB_ACCOUNT),
            "GET /v2/accounts/kQ1OnoNpRmSRSb0DbrezUZ/plans",
            Sent::Nothing,
            |plans| {
                let base = plans.plan_base.unwrap();
                assert_eq!((base.active_hosts, base.status), (Some(20), Some(PlanStatus::Active)));
                assert_eq!(plans.plan_recording_status, Some(CloudRecordingPlanStatus::Cancelled));
                let zcc = plans.plan_zcc.unwrap();
                assert_eq!(zcc.plan_ai_expert_assist.unwrap().type_.as_deref(), Some("ai_expert_assist_two_year"));
                assert_eq!(zcc.plan_package_list.unwrap()[0].hosts, Some(88));
                assert_eq!(plans.plan_visitor_management.unwrap().hosts, Some(5));
                assert_eq!(
                    plans.plan_zoom_one_edu_student.unwrap().type_.as_deref(),
                    Some("zo_edu_ent_hied_stu_yearly")
                );
            },
        ),
        row(
            |c| {
                let mut plans = AccountPlanSubscribeRequest::new(contact());
                plans.plan_base = Some(PlanBase { hosts: Some(20), active_hosts: Some(10), ..PlanBase::new("yearly") });
                plans.plan_zoom_one_premier = Some(vec![plan("zoe_prem_aunz_quarterly", 88)]);
                plans.plan_visitor_management = Some(plan("zm_visitor_management_monthly", 5));
                plans.subscription_options = Some(SubscriptionOptions {
                    purchase_order_number: Some("PO-EC-TEST0505d".into()),
                    deal_registration_id: Some("D-35433212".into()),
                    contract_term: Some(ContractTerm::ThreeYears),
                    ..Default::default()
                });
                c.billing().account_plan_create(SUB_ACCOUNT, &plans)
            },
            "POST /v2/accounts/kQ1OnoNpRmSRSb0DbrezUZ/plans",
            Sent::Json(json!({
                "contact": contact_json(),
                "plan_base": { "type": "yearly", "hosts": 20, "active_hosts": 10 },
                "plan_zoom_one_premier": [{ "type": "zoe_prem_aunz_quarterly", "hosts": 88 }],
                "plan_visitor_management": { "type": "zm_visitor_management_monthly", "hosts": 5 },
                "subscription_options": {
                    "purchase_order_number": "PO-EC-TEST0505d",
                    "deal_registration_id": "D-35433212",
                    "contract_term": 36
                }
            })),
            |created| {
                let base = created.plan_base.unwrap();
                assert_eq!((base.active_hosts, base.partner_sku.as_deref()), (Some(10), Some("Test_Partner_SKU")));
                assert_eq!(created.plan_visitor_management.unwrap().discount_percent, Some(30));
            },
        ),
        row(
            |c| {
                let addon = AddonPlanSubscribeRequest::AddonPlanRequest(Box::new(AddonPlanRequest::new(
                    "webinar500_monthly",
                    10,
                )));
                c.billing().account_plan_addon_create(SUB_ACCOUNT, &addon)
            },
            "POST /v2/accounts/kQ1OnoNpRmSRSb0DbrezUZ/plans/addons",
            Sent::Json(json!({ "type": "webinar500_monthly", "hosts": 10 })),
            |created| assert_eq!(created.plan_webinar.unwrap()[0].hosts, Some(10)),
        ),
        row(
            |c| {
                let update = AddonPlanUpdateRequest {
                    service_effective_date: Some("2031-12-31".into()),
                    paid_period_start_date: Some("2031-12-31".into()),
                    ..AddonPlanUpdateRequest::new("webinar500_monthly", 12)
                };
                c.billing().account_plan_addon_update(SUB_ACCOUNT, &update)
            },
            "PUT /v2/accounts/kQ1OnoNpRmSRSb0DbrezUZ/plans/addons",
            Sent::Json(json!({
                "type": "webinar500_monthly",
                "hosts": 12,
                "service_effective_date": "2031-12-31",
                "paid_period_start_date": "2031-12-31"
            })),
            no_body,
        ),
        row(
            |c| {
                let cancel = AddonPlanCancelRequest {
                    action: Some(PlanCancelAction::Cancel),
                    type_: Some("webinar500_monthly".into()),
                    reason: Some(CancelReason::ExpenseTooHigh),
                    ..Default::default()
                };
                c.billing().account_plan_addon_cancel(SUB_ACCOUNT, &cancel)
            },
            "PATCH /v2/accounts/kQ1OnoNpRmSRSb0DbrezUZ/plans/addons/status",
            Sent::Json(json!({ "action": "cancel", "type": "webinar500_monthly", "reason": 4 })),
            no_body,
        ),
        row(
            |c| {
                let update =
                    BasePlanUpdateRequest { increasing_hosts: Some(1), ..BasePlanUpdateRequest::new("yearly") };
                c.billing().account_plan_base_update(SUB_ACCOUNT, &update)
            },
            "PUT /v2/accounts/kQ1OnoNpRmSRSb0DbrezUZ/plans/base",
            Sent::Json(json!({ "type": "yearly", "increasing_hosts": 1 })),
            no_body,
        ),
        row(
            |c| {
                let cancel = BasePlanCancelRequest {
                    reason: Some(CancelReason::NotNeededRightNow),
                    comment: Some("Amazing plan but I do not need it right now.".into()),
                    ..BasePlanCancelRequest::new(PlanCancelAction::Cancel)
                };
                c.billing().account_plan_base_delete(SUB_ACCOUNT, &cancel)
            },
            "PATCH /v2/accounts/kQ1OnoNpRmSRSb0DbrezUZ/plans/base/status",
            Sent::Json(
                json!({ "action": "cancel", "reason": 6, "comment": "Amazing plan but I do not need it right now." }),
            ),
            no_body,
        ),
        row(
            |c| c.billing().get_plan_usage("me"),
            "GET /v2/accounts/me/plans/usage",
            Sent::Nothing,
            |usage| {
                let base = usage.plan_base.unwrap();
                assert_eq!((base.usage, base.active_hosts), (Some(44), Some(40)));
                assert_eq!(usage.plan_zva.unwrap()[0].type_.as_deref(), Some("zva_monthly"));
                assert_eq!(usage.plan_zoom_one_edu_premier.unwrap()[0].pending, Some(1));
            },
        ),
    ]
}

fn report_rows() -> Vec<Row> {
    vec![
        row(
            |c| {
                let page =
                    ListSubInvoiceReportParams { next_page_token: Some("R4aF9Oj0fVM2hhezJTEmSKaBSkfesDwGy42".into()) };
                c.billing().list_sub_invoice_report(&page)
            },
            "GET /v2/accounts/billing/invoice_reports?next_page_token=R4aF9Oj0fVM2hhezJTEmSKaBSkfesDwGy42",
            Sent::Nothing,
            |list| {
                assert_eq!(list.next_page_token.as_deref(), Some(""));
                let reports = list.invoice_reports.unwrap();
                assert_eq!(
                    (reports[0].status.clone(), reports[0].accounts_total_number),
                    (Some(InvoiceReportStatus::Completed), Some(88))
                );
            },
        ),
        row(
            |c| {
                let report = InvoiceReportGenerateRequest {
                    start_date: Some("2022-01-01".into()),
                    end_date: Some("2022-02-01".into()),
                    ..InvoiceReportGenerateRequest::new(vec![SUB_ACCOUNT.into()])
                };
                c.billing().generate_sub_invoice_report(&report)
            },
            "POST /v2/accounts/billing/invoice_reports",
            Sent::Json(json!({ "start_date": "2022-01-01", "end_date": "2022-02-01", "account_ids": [SUB_ACCOUNT] })),
            |report| {
                assert_eq!(
                    (report.id.as_deref(), report.status),
                    (Some(REPORT_ID), Some(InvoiceReportStatus::Processing))
                )
            },
        ),
        row(
            |c| c.billing().download_billing_invoice_report(REPORT_ID, false),
            "GET /v2/accounts/billing/invoice_reports/1648670915000?download=false",
            Sent::Nothing,
            |report| {
                assert_eq!((report.status, report.remaining_days), (Some(InvoiceReportStatus::Available), Some(12)))
            },
        ),
        row(
            |c| c.billing().delete_billing_invoice_report(REPORT_ID),
            "DELETE /v2/accounts/billing/invoice_reports/1648670915000",
            Sent::Nothing,
            no_body,
        ),
        row(
            |c| {
                let window = GetUpcomingRenewalAccountsParams {
                    interval: Some(RenewalInterval::Next60Days),
                    page_size: Some(20),
                    ..Default::default()
                };
                c.billing().get_upcoming_renewal_accounts(&window)
            },
            "GET /v2/accounts/billing/renewals?interval=60&page_size=20",
            Sent::Nothing,
            |renewals| {
                assert_eq!((renewals.interval, renewals.total_records), (RenewalInterval::Next60Days, 1));
                let subscription = &renewals.results[0].renewable_subscriptions[0];
                assert_eq!(subscription.billing_cycle, BillingCycle::TwoYears);
            },
        ),
        row(
            |c| c.billing().get_billing_report(),
            "GET /v2/report/billing",
            Sent::Nothing,
            |reports| assert_eq!(reports.billing_reports.unwrap()[0].type_, Some(BillingReportType::Custom)),
        ),
        row(
            |c| {
                let report = GetBillingInvoicesReportsParams { billing_id: Some("indfhgfhfho".into()) };
                c.billing().get_billing_invoices_reports(&report)
            },
            "GET /v2/report/billing/invoices?billing_id=indfhgfhfho",
            Sent::Nothing,
            |list| assert_eq!(list.invoices.unwrap()[0].quantity, Some(45)),
        ),
    ]
}

fn plan(type_: &str, hosts: i64) -> PlanItem {
    PlanItem { type_: Some(type_.into()), hosts: Some(hosts), ..Default::default() }
}

fn contact() -> Contact {
    serde_json::from_value(contact_json()).expect("a contact")
}

fn contact_json() -> Value {
    json!({
        "first_name": "Doc", "last_name": "John", "email": "doc.john@example.com", "phone_number": "555-555-1234",
        "address": "123 Bourbon St.", "city": "New Orleans", "state": "LA", "zip": "70112", "country": "US"
    })
}

// ---------------------------------------------------------------------------------------------
// The mock
// ---------------------------------------------------------------------------------------------

/// Answers like Zoom's Billing API: `204` for every PUT, PATCH and DELETE, the invoice PDF as
/// bytes, `201` for POST and `200` for GET, with bodies shaped like Zoom's examples.
fn answer(request: &Recorded) -> Reply {
    let path = request.path.strip_prefix("/v2/").unwrap_or(&request.path);
    let route: Vec<&str> = path.split('/').collect();
    let body = match (request.method.as_str(), route.as_slice()) {
        ("PUT" | "PATCH" | "DELETE", _) => return Reply::empty(204),
        ("GET", ["api", "download", "billing", "invoices", _]) => {
            // The request asks for the PDF as stored.
            let asks_for_pdf = request.header("accept") == Some("application/pdf")
                && request.header("accept-encoding") == Some("identity");
            return if asks_for_pdf { Reply::raw(200, "application/pdf", INVOICE_PDF) } else { Reply::empty(406) };
        }
        ("GET", ["accounts", "billing", "invoice_reports"]) => json!({
            "next_page_token": "",
            "invoice_reports": [invoice_report("Completed")]
        }),
        ("POST", ["accounts", "billing", "invoice_reports"]) => invoice_report("Processing"),
        ("GET", ["accounts", "billing", "invoice_reports", _]) => invoice_report("Available"),
        ("GET", ["accounts", "billing", "renewals"]) => renewals(),
        ("GET", ["accounts", _, "billing"]) => contact_json(),
        ("GET", ["accounts", _, "billing", "invoices"]) => json!({
            "currency": "USD",
            "invoices": [{ "id": INVOICE_ID, "invoice_number": "23jkfk21000", "total_amount": 1000.21, "status": "Draft" }]
        }),
        ("GET", ["accounts", _, "billing", "invoices", _]) => invoice_detail(),
        ("GET", ["accounts", _, "plans"]) => plans_info(),
        ("POST", ["accounts", _, "plans"]) => json!({
            "plan_base": { "type": "yearly", "hosts": 20, "active_hosts": 10, "partner_sku": "Test_Partner_SKU", "discount_percent": 30, "discount_rate": 21 },
            "plan_zoom_one_premier": [{ "type": "zoe_prem_aunz_quarterly", "hosts": 88, "partner_sku": "Test_Partner_SKU" }],
            "plan_visitor_management": { "type": "zm_visitor_management_monthly", "hosts": 5, "discount_percent": 30 }
        }),
        ("POST", ["accounts", _, "plans", "addons"]) => {
            json!({ "plan_webinar": [{ "type": "webinar500_monthly", "hosts": 10 }] })
        }
        ("GET", ["accounts", _, "plans", "usage"]) => json!({
            "plan_base": { "type": "yearly", "hosts": 75, "usage": 44, "active_hosts": 40, "pending": 3 },
            "plan_zva": [{ "type": "zva_monthly", "hosts": 88, "usage": 28, "pending": 1 }],
            "plan_zoom_one_edu_premier": [{ "type": "zo_edu_ent_prem_usca_yearly", "hosts": 88, "usage": 28, "pending": 1 }]
        }),
        ("GET", ["report", "billing"]) => json!({
            "currency": "USD",
            "billing_reports": [{ "id": "indfhgfhfho", "start_date": "2022-03-25", "end_date": "2022-03-25", "total_amount": "456", "tax_amount": "456", "type": 1 }]
        }),
        ("GET", ["report", "billing", "invoices"]) => json!({
            "currency": "USD",
            "invoices": [{ "invoice_number": "3", "invoice_charge_name": "Audio Conferencing Options", "quantity": 45, "total_amount": "45", "tax_amount": "34" }]
        }),
        _ => return no_route(request),
    };
    Reply::json(if request.method == "POST" { 201 } else { 200 }, body)
}

/// Zoom's 2024 example of a sub accounts' invoice report, with the given status.
fn invoice_report(status: &str) -> Value {
    json!({
        "id": REPORT_ID,
        "start_date": "2022-01-01",
        "end_date": "2022-02-01",
        "accounts_total_number": 88,
        "remaining_days": 12,
        "status": status
    })
}

/// Zoom's 2024 example of the upcoming renewals (with a real-looking account).
fn renewals() -> Value {
    json!({
        "interval": 60,
        "page_size": 20,
        "total_records": 1,
        "next_page_token": "",
        "results": [{
            "account_id": SUB_ACCOUNT,
            "account_number": "123456789",
            "account_name": "Acme Inc.",
            "email": "billing@example.com",
            "total_renewal_amount": 100,
            "next_renewal_date": "2024-04-11",
            "auto_renew": true,
            "renewable_subscriptions": [{
                "plan_name": "Zoom Workplace Enterprise",
                "quantity": 20,
                "billing_cycle": "Two years",
                "service_effective_date": "2024-04-11",
                "next_invoice_date": "2024-04-11",
                "next_invoice_amount": 41723
            }]
        }]
    })
}

/// Zoom's 2024 example of an invoice with its charges (partner SKU and purchase order included).
fn invoice_detail() -> Value {
    json!({
        "id": "inv23kk1",
        "invoice_number": "12fkfkl0",
        "balance": 20.13,
        "currency": "USD",
        "due_date": "2022-01-19",
        "invoice_date": "2022-01-19",
        "target_date": "2022-03-01",
        "status": "Draft",
        "tax_amount": 23.12,
        "total_amount": 1300.29,
        "invoice_items": [{
            "charge_name": "This is a recurring charge",
            "charge_number": "23kv12",
            "charge_type": "Billed on master",
            "start_date": "2022-01-01",
            "end_date": "2022-03-01",
            "partner_sku": "SK1093",
            "purchase_order_number": "PO12345",
            "quantity": 10,
            "tax_amount": 30.9,
            "total_amount": 300.15
        }]
    })
}

/// Get plan information, with the plan keys and fields Zoom's 2024 document adds.
fn plans_info() -> Value {
    json!({
        "plan_base": {
            "type": "yearly", "hosts": 20, "active_hosts": 20, "included_minutes": 3000, "overage_price": 35,
            "service_effective_date": "2021-12-31", "next_invoice_date": "2022-01-31", "status": "active"
        },
        "plan_recording": "cmr_monthly_commitment_40",
        "plan_recording_status": "Cancelled",
        "plan_zcc": {
            "plan_package_list": [{ "type": "zccp_monthly", "hosts": 88, "status": "active" }],
            "plan_ai_expert_assist": { "type": "ai_expert_assist_two_year", "hosts": 88, "status": "active" }
        },
        "plan_visitor_management": { "type": "zm_visitor_management_monthly", "hosts": 5, "status": "active" },
        "plan_zoom_one_edu_student": { "type": "zo_edu_ent_hied_stu_yearly", "hosts": 300, "status": "active" },
        "plan_zoom_sessions": [{ "type": "quality_stream1_free_trial", "hosts": 1, "status": "active" }]
    })
}

// ---------------------------------------------------------------------------------------------
// Round trips and limits
// ---------------------------------------------------------------------------------------------

/// `example` decodes as `T` and encodes back to the same JSON (a number field of type double
/// gives `100.0` for `100`: JSON has one number type, so numbers compare by value).
fn round_trips<T: serde::de::DeserializeOwned + serde::Serialize>(example: Value) -> T {
    let typed: T = serde_json::from_value(example.clone()).expect("the example decodes");
    let back = serde_json::to_value(&typed).unwrap();
    assert_eq!(numbers_as_f64(back), numbers_as_f64(example), "{} round trip", std::any::type_name::<T>());
    typed
}

fn numbers_as_f64(value: Value) -> Value {
    match value {
        Value::Number(n) => json!(n.as_f64()),
        Value::Array(items) => Value::Array(items.into_iter().map(numbers_as_f64).collect()),
        Value::Object(fields) => Value::Object(fields.into_iter().map(|(k, v)| (k, numbers_as_f64(v))).collect()),
        other => other,
    }
}

#[test]
fn the_2024_examples_of_the_new_billing_resources_round_trip() {
    let renewals: UpcomingRenewalList = round_trips(renewals());
    assert!(renewals.results[0].auto_renew);
    let reports: InvoiceReportList = round_trips(
        json!({ "next_page_token": "w7587w4eiyfsudgf", "invoice_reports": [invoice_report("Processing")] }),
    );
    assert_eq!(reports.invoice_reports.unwrap()[0].id.as_deref(), Some(REPORT_ID));
    let invoice: InvoiceDetail = round_trips(invoice_detail());
    assert_eq!(invoice.invoice_items.unwrap()[0].quantity, Some(10));
    let plans: AccountPlansInfo = round_trips(plans_info());
    assert_eq!(plans.plan_zoom_sessions.unwrap().len(), 1);
    // A status Zoom adds later is kept as it was sent.
    let later: InvoiceReport = round_trips(invoice_report("Expired"));
    assert_eq!(later.status, Some(InvoiceReportStatus::Unknown("Expired".into())));
}

#[tokio::test]
async fn documented_billing_limits_are_refused_before_sending() {
    let server = MockServer::start(answer).await;
    let client = client(&server);
    let billing = client.billing();

    let no_accounts = InvoiceReportGenerateRequest::new(Vec::new());
    let neither = BasePlanUpdateRequest::new("yearly");
    let zero_hosts = BasePlanUpdateRequest { hosts: Some(0), ..BasePlanUpdateRequest::new("yearly") };
    let too_big = GetUpcomingRenewalAccountsParams { page_size: Some(51), ..Default::default() };
    let refusals = [
        ("account_ids", billing.generate_sub_invoice_report(&no_accounts).await.unwrap_err()),
        ("increasing_hosts", billing.account_plan_base_update(SUB_ACCOUNT, &neither).await.unwrap_err()),
        ("hosts", billing.account_plan_base_update(SUB_ACCOUNT, &zero_hosts).await.unwrap_err()),
        ("page_size", billing.get_upcoming_renewal_accounts(&too_big).await.unwrap_err()),
    ];
    for (field, err) in refusals {
        assert!(matches!(err, Error::Validation { .. }), "{field}: {err:?}");
        assert!(err.to_string().contains(field), "{field}: {err}");
    }
    assert!(server.requests().is_empty(), "refused requests are never sent");
}
