//! Starts the sandbox in-process and walks one subscription's life with the generated Google
//! Reseller client: customer, trial, plan change, renewal, seats, paid service, suspension,
//! activation and cancellation. No credentials needed:
//!
//! ```sh
//! cargo run -p sandbox --example quickstart
//! ```

use google_reseller::types::{
    Address, ChangePlanRequest, Customer, RenewalSettings, RenewalType, Seats, Subscription,
    SubscriptionsDeleteDeletionType,
};
use sandbox::{Sandbox, SandboxConfig};

type Error = Box<dyn std::error::Error>;

/// One line about a subscription: id, plan, status, seats, trial.
fn describe(subscription: &Subscription) -> String {
    let seats = subscription.seats.clone().unwrap_or_default();
    let seats = match (seats.number_of_seats, seats.maximum_number_of_seats) {
        (Some(n), _) => format!("{n} seats"),
        (None, Some(max)) => format!("up to {max} seats"),
        (None, None) => "no seats".to_owned(),
    };
    let trial = subscription.trial_settings.as_ref().and_then(|t| t.is_in_trial).unwrap_or(false);
    format!(
        "{} plan={} status={} {seats}{}",
        subscription.subscription_id.as_deref().unwrap_or("?"),
        subscription.plan.plan_name,
        subscription.status.as_ref().map_or("?", |s| s.as_str()),
        if trial { " (in trial)" } else { "" },
    )
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    let sandbox = Sandbox::start(SandboxConfig::new()).await?;
    println!("sandbox on {}", sandbox.url());
    // Any bearer token works in the sandbox.
    let client = google_reseller::Client::builder().base_url(sandbox.url()).bearer_token("sandbox-token").build()?;
    let subscriptions = client.subscriptions();

    println!("\n1. customers.insert");
    let customer = Customer {
        customer_domain: Some("quickstart.example".to_owned()),
        alternate_email: Some("admin@example.org".to_owned()),
        postal_address: Some(Address {
            contact_name: "Ada Lovelace".to_owned(),
            organization_name: "Quickstart Inc".to_owned(),
            postal_code: "94043".to_owned(),
            country_code: "US".to_owned(),
            address_line1: None,
            address_line2: None,
            address_line3: None,
            kind: None,
            locality: Some("Mountain View".to_owned()),
            region: Some("CA".to_owned()),
        }),
        ..Customer::default()
    };
    let customer = client.customers().insert(&customer, &Default::default()).await?;
    let customer_id = customer.customer_id.clone().unwrap_or_default();
    println!("   customer {customer_id} for {}", customer.customer_domain.as_deref().unwrap_or("?"));

    println!("\n2. subscriptions.insert: a 30-day TRIAL of Business Starter");
    let trial = subscriptions.insert(&customer_id, &Subscription::trial("1010020027", 10), &Default::default()).await?;
    println!("   {}", describe(&trial));
    let trial_id = trial.subscription_id.clone().unwrap_or_default();

    println!("\n3. changePlan to ANNUAL_MONTHLY_PAY, 10 seats (a trial keeps its trial; the id changes)");
    let annual = subscriptions.change_plan(&customer_id, &trial_id, &ChangePlanRequest::annual_monthly(10)).await?;
    let id = annual.subscription_id.clone().unwrap_or_default();
    println!("   {}", describe(&annual));
    match subscriptions.get(&customer_id, &trial_id).await {
        Err(err) => println!("   the old id {trial_id} now answers HTTP {}", err.status().map_or(0, |s| s.as_u16())),
        Ok(_) => println!("   the old id {trial_id} still answers"),
    }

    println!("\n4. changeRenewalSettings: RENEW_CURRENT_USERS_MONTHLY_PAY");
    let renewal = RenewalSettings::new(RenewalType::RenewCurrentUsersMonthlyPay);
    let renewed = subscriptions.change_renewal_settings(&customer_id, &id, &renewal).await?;
    println!("   renews with {}", renewed.renewal_settings.as_ref().map_or("?", |r| r.renewal_type.as_str()));

    println!("\n5. changeSeats: 10 -> 15 (a decrease would be refused until renewal)");
    let seats = Seats { number_of_seats: Some(15), ..Seats::default() };
    println!("   {}", describe(&subscriptions.change_seats(&customer_id, &id, &seats).await?));
    let fewer = Seats { number_of_seats: Some(12), ..Seats::default() };
    if let Err(err) = subscriptions.change_seats(&customer_id, &id, &fewer).await {
        let reason = err.vendor_error().map(|e| e.error.message.clone()).unwrap_or_default();
        println!("   15 -> 12 refused: {reason}");
    }

    println!("\n6. startPaidService: the trial ends, billing starts");
    println!("   {}", describe(&subscriptions.start_paid_service(&customer_id, &id).await?));

    println!("\n7. suspend");
    let suspended = subscriptions.suspend(&customer_id, &id).await?;
    let reasons: Vec<String> =
        suspended.suspension_reasons.iter().flatten().map(|reason| reason.as_str().to_owned()).collect();
    println!("   {} reasons={reasons:?}", describe(&suspended));

    println!("\n8. activate");
    println!("   {}", describe(&subscriptions.activate(&customer_id, &id).await?));

    println!("\n9. delete (cancel)");
    subscriptions.delete(&customer_id, &id, SubscriptionsDeleteDeletionType::Cancel).await?;
    let listed = subscriptions.list(&Default::default()).await?;
    println!("   cancelled; {} subscription(s) left", listed.subscriptions.unwrap_or_default().len());

    println!("\n{} requests served", sandbox.request_count());
    Ok(())
}
