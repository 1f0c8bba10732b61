//! Generated enums as text: `FromStr` inverts `Display` for every known value, keeps text it
//! does not know, and `KNOWN` lists exactly the known values (the `Unknown` variant is not one).
//! Values are equal when they travel as the same value, so parsing is checked by variant (its
//! `Debug` text): an `Unknown("active")` where `Active` was meant would still be `==`.

use std::collections::HashSet;
use std::fmt::Debug;
use std::str::FromStr;

use golden_scalars::types::{Reason, State};
use golden_unions_and_responses::types::Level;

/// The same variant holding the same value: `==` and more (an unknown value equals the known
/// one it spells, but is not the same variant).
fn same_variant<T: Debug>(a: &T, b: &T) -> bool {
    format!("{a:?}") == format!("{b:?}")
}

/// What `input` gave is exactly `expected` (an error, or the same variant), or why not.
fn exactly<T: Debug, E>(input: &str, got: Result<T, E>, expected: Result<T, ()>) -> Option<String> {
    let got = got.map_err(|_| ());
    let same = match (&got, &expected) {
        (Ok(a), Ok(b)) => same_variant(a, b),
        (Err(()), Err(())) => true,
        _ => false,
    };
    (!same).then(|| format!("{input:?} gives {got:?}, not {expected:?}"))
}

/// `text` parses as exactly `expected`, variant included.
fn parses_as<T>(text: &str, expected: Result<T, ()>) -> Option<String>
where
    T: FromStr + Debug,
{
    exactly(text, text.parse::<T>(), expected)
}

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
            Ok(parsed) if same_variant(&parsed, value) => {}
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
    let failures: Vec<String> = [
        // A spec value named Unknown is a known value.
        parses_as("Unknown", Ok(State::Unknown)),
        parses_as("paused", Ok(State::UnknownValue("paused".to_owned()))),
        parses_as("2", Ok(Reason::NotNeeded)),
        parses_as("42", Ok(Reason::Unknown(42))),
        // An integer enum refuses text that is not an integer.
        parses_as::<Reason>("two", Err(())),
        parses_as("one", Ok(Level::One)),
        parses_as("2.5", Ok(Level::V2Point5)),
        parses_as("three", Ok(Level::Unknown(serde_json::Value::String("three".to_owned())))),
    ]
    .into_iter()
    .flatten()
    .collect();
    assert!(failures.is_empty(), "{failures:#?}");
}

/// JSON text decodes to the variant it names (the runtime's `deserialize_string_enum` and
/// `From<&str>`), and text the enum does not know is kept.
#[test]
fn json_decodes_to_the_named_variant() {
    let cases: [(&str, State); 3] = [
        ("\"active\"", State::Active),
        ("\"ACTIVE\"", State::Active2),
        ("\"paused\"", State::UnknownValue("paused".to_owned())),
    ];
    let failures: Vec<String> = cases
        .into_iter()
        .filter_map(|(json, expected)| exactly(json, serde_json::from_str::<State>(json), Ok(expected)))
        .collect();
    assert!(failures.is_empty(), "{failures:#?}");
    // From an owned string too (a reader that cannot lend its text).
    let owned: State = serde_json::from_value(serde_json::json!("on-hold")).unwrap();
    assert!(same_variant(&owned, &State::OnHold), "{owned:?}");
}

/// Equality (and hashing) go by the value on the wire: an `Unknown` a user built from a known
/// value's text is that value, and different values stay apart.
#[test]
fn values_are_equal_when_they_travel_the_same() {
    let cases: [(&str, bool, bool); 8] = [
        ("State: unknown \"active\" vs Active", State::UnknownValue("active".into()) == State::Active, true),
        ("State: Active vs Active2 (\"active\", \"ACTIVE\")", State::Active == State::Active2, false),
        ("State: unknown \"paused\" vs Active", State::UnknownValue("paused".into()) == State::Active, false),
        ("Reason: unknown 2 vs NotNeeded", Reason::Unknown(2) == Reason::NotNeeded, true),
        ("Reason: unknown 42 vs Other", Reason::Unknown(42) == Reason::Other, false),
        ("Level: unknown \"one\" vs One", Level::Unknown(serde_json::json!("one")) == Level::One, true),
        (
            "Level: unknown \"1\" vs V1 (a string is not the number 1)",
            Level::Unknown(serde_json::json!("1")) == Level::V1,
            false,
        ),
        (
            "State: a set holds a known value and its unknown spelling once",
            [State::Active, State::UnknownValue("active".into()), State::OnHold]
                .into_iter()
                .collect::<HashSet<_>>()
                .len()
                == 2,
            true,
        ),
    ];
    let failures: Vec<&str> = cases.iter().filter(|(_, got, want)| got != want).map(|(case, ..)| *case).collect();
    assert!(failures.is_empty(), "{failures:#?}");
    let reasons: HashSet<Reason> = [Reason::Unknown(1), Reason::TooExpensive, Reason::Unknown(7)].into_iter().collect();
    assert_eq!(reasons.len(), 2, "{reasons:?}");
}
