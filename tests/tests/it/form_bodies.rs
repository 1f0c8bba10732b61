//! The golden bodies fixture against a server on 127.0.0.1: a URL-encoded form body that is a
//! `oneOf` of objects sends the fields of the object it holds, byte for byte.

use clientgen_tests::{MockServer, Reply};
use golden_bodies_and_codes::types::{BankAccount, Card, CreatePaymentForm};
use golden_bodies_and_codes::Client;

#[tokio::test]
async fn a_form_that_is_a_one_of_of_objects_sends_the_fields_of_the_one_given() {
    let mut card = Card::new("4242 4242", 12);
    card.labels = Some(vec!["a&b".into()]);
    let mut account = BankAccount::new("DE89 3704");
    account.holder = Some("Zoë".into());
    let cases = [
        (CreatePaymentForm::Card(Box::new(card)), "number=4242+4242&expiry_month=12&labels=%5B%22a%26b%22%5D"),
        (CreatePaymentForm::BankAccount(Box::new(account)), "iban=DE89+3704&holder=Zo%C3%AB"),
        // An absent field is left out.
        (CreatePaymentForm::BankAccount(Box::new(BankAccount::new("X"))), "iban=X"),
    ];
    for (form, expected) in cases {
        let server = MockServer::start(|_| Reply::empty(204)).await;
        let client = Client::builder().base_url(server.url()).build().unwrap();
        client.create_payment(&form).await.unwrap();
        let request = &server.requests()[0];
        assert_eq!(request.header("content-type"), Some("application/x-www-form-urlencoded"));
        assert_eq!(String::from_utf8_lossy(&request.body), expected);
    }
}
