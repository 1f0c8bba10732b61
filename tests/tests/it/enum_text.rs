//! Generated enums as text: `FromStr` inverts `Display` for every known value, keeps text it
//! does not know, and `KNOWN` lists exactly the known values (the `Unknown` variant is not one).

use std::str::FromStr;

use golden_scalars::types::{Reason, State};
use golden_unions_and_responses::types::Level;

/// Every value in `known` is distinct, parses back from its `Display` text, and is not `unknown`.
fn check_known<T>(known: &[T], is_unknown: impl Fn(&T) -> bool) -> Vec<String>
where
    T: FromStr + std::fmt::Display + std::fmt::Debug + PartialEq,
    T::Err: std::fmt::Debug,
{
    let mut failures = Vec::new();
    for (i, value) in known.iter().enumerate() {
        if is_unknown(value) {
            failures.push(format!("{value:?} is listed as known"));
        }
        if known[..i].contains(value) {
            failures.push(format!("{value:?} is listed twice"));
        }
        match value.to_string().parse::<T>() {
            Ok(parsed) if parsed == *value => {}
            other => failures.push(format!("{value:?} printed as {:?} parses as {other:?}", value.to_string())),
        }
    }
    failures
}

#[test]
fn known_values_round_trip_through_their_text() {
    let mut failures = check_known(State::KNOWN, |v| matches!(v, State::UnknownValue(_)));
    failures.extend(check_known(Reason::KNOWN, |v| matches!(v, Reason::Unknown(_))));
    failures.extend(check_known(Level::KNOWN, |v| matches!(v, Level::Unknown(_))));
    assert!(failures.is_empty(), "{failures:#?}");
    // The fixtures list 3 reasons and 3 levels; a value left out of KNOWN would pass the loop above.
    assert_eq!(Reason::KNOWN, &[Reason::TooExpensive, Reason::NotNeeded, Reason::Other]);
    assert_eq!(Level::KNOWN, &[Level::V1, Level::One, Level::V2Point5]);
}

#[test]
fn text_a_client_does_not_know_is_kept_or_refused_by_kind() {
    assert_eq!("Unknown".parse::<State>(), Ok(State::Unknown), "a spec value named Unknown is a known value");
    assert_eq!("paused".parse::<State>(), Ok(State::UnknownValue("paused".to_owned())));
    assert_eq!("2".parse::<Reason>(), Ok(Reason::NotNeeded));
    assert_eq!("42".parse::<Reason>(), Ok(Reason::Unknown(42)));
    assert!("two".parse::<Reason>().is_err(), "an integer enum refuses text that is not an integer");
    assert_eq!("one".parse::<Level>(), Ok(Level::One));
    assert_eq!("2.5".parse::<Level>(), Ok(Level::V2Point5));
    assert_eq!("three".parse::<Level>(), Ok(Level::Unknown(serde_json::Value::String("three".to_owned()))));
}
