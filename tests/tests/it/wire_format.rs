//! Generated types on the wire, decoded and encoded directly: the `Serialize` and `Deserialize`
//! impls the generator writes out keep serde-derive's behaviour for JSON (field order, absent
//! versus `null`, int64 strings, unknown, repeated and missing keys, maps of extra properties,
//! untagged unions in order), allOfs that only annotate one part, and one that extends a type
//! inside its own cycle.

use golden_composition::types::{Kind, KindVariant2, KnownKind, Owner, Pet};
use golden_scalars::types::Record;
use serde_json::{json, Value};

fn decode<T: serde::de::DeserializeOwned>(value: &Value) -> Result<T, String> {
    serde_json::from_str(&value.to_string()).map_err(|err| err.to_string())
}

fn encode<T: serde::Serialize>(value: &T) -> Value {
    serde_json::from_str(&serde_json::to_string(value).unwrap()).unwrap()
}

fn minimal_record() -> Value {
    json!({
        "id": "9007199254740993",
        "createdAt": "2026-11-23T10:00:00Z",
        "requiredPlain": "x",
        "requiredNullable": null,
    })
}

#[test]
fn a_record_round_trips_with_absent_fields_left_out_and_required_nulls_kept() {
    let record: Record = decode(&minimal_record()).unwrap();
    assert_eq!(record.id, 9_007_199_254_740_993);
    assert_eq!((record.count, record.required_nullable.as_deref(), record.day.as_deref()), (None, None, None));
    let text = serde_json::to_string(&record).unwrap();
    // Declared order, the int64 as a string, the required nullable as null, nothing else.
    assert_eq!(
        text,
        r#"{"id":"9007199254740993","createdAt":"2026-11-23T10:00:00Z","requiredPlain":"x","requiredNullable":null}"#
    );
}

#[test]
fn int64_strings_accept_numbers_and_are_sent_as_strings() {
    let mut input = minimal_record();
    input["id"] = json!(42);
    input["count"] = json!("-7");
    input["requiredNullable"] = json!("set");
    let record: Record = decode(&input).unwrap();
    assert_eq!((record.id, record.count, record.required_nullable.as_deref()), (42, Some(-7), Some("set")));
    let sent = encode(&record);
    assert_eq!((&sent["id"], &sent["count"], &sent["requiredNullable"]), (&json!("42"), &json!("-7"), &json!("set")));
    input["count"] = json!("seven");
    let err = decode::<Record>(&input).unwrap_err();
    assert!(err.contains("a 64-bit integer as a JSON string"), "{err}");
}

#[test]
fn unknown_keys_are_skipped_and_missing_or_repeated_ones_are_errors() {
    let mut input = minimal_record();
    input["addedLater"] = json!({ "nested": [1, 2, { "deep": null }] });
    let record: Record = decode(&input).unwrap();
    assert_eq!(encode(&record), minimal_record());

    let mut missing = minimal_record();
    missing.as_object_mut().unwrap().remove("requiredPlain");
    let err = decode::<Record>(&missing).unwrap_err();
    assert!(err.starts_with("missing field `requiredPlain`"), "{err}");

    // As with the derive, an absent required-but-nullable key decodes as `None`.
    let mut absent = minimal_record();
    absent.as_object_mut().unwrap().remove("requiredNullable");
    assert_eq!(decode::<Record>(&absent).unwrap().required_nullable, None);

    let repeated = r#"{"id":"1","id":"2","createdAt":"t","requiredPlain":"x","requiredNullable":null}"#;
    let err = serde_json::from_str::<Record>(repeated).unwrap_err().to_string();
    assert!(err.starts_with("duplicate field `id`"), "{err}");

    let err = decode::<Record>(&json!([1, 2])).unwrap_err();
    assert!(err.starts_with("invalid type: sequence, expected a Record object"), "{err}");
}

#[test]
fn properties_the_schema_does_not_name_are_kept_in_a_typed_map() {
    let input = json!({ "attributes": "calm", "visits": 3, "treats": 12 });
    let owner: Owner = decode(&input).unwrap();
    assert_eq!(owner.attributes.as_deref(), Some("calm"));
    let extra: Vec<(&str, i64)> = owner.additional_properties.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(extra, [("treats", 12), ("visits", 3)]);
    assert_eq!(encode(&owner), input);

    // An object of optional fields fills them in place, still refusing a key given twice.
    let err = serde_json::from_str::<Owner>(r#"{"attributes":"a","attributes":"b"}"#).unwrap_err().to_string();
    assert!(err.starts_with("duplicate field `attributes`"), "{err}");

    // The map is typed: a value that is not an integer is refused, not dropped.
    let err = decode::<Owner>(&json!({ "visits": "many" })).unwrap_err();
    assert!(err.contains("expected i64"), "{err}");
}

#[test]
fn a_union_takes_the_first_variant_that_fits() {
    let known: Kind = decode(&json!("cat")).unwrap();
    assert_eq!(known, Kind::KnownKind(KnownKind::Cat));
    let described: Kind = decode(&json!({ "description": "a heron" })).unwrap();
    assert_eq!(described, Kind::Variant2(Box::new(KindVariant2 { description: Some("a heron".into()) })));
    assert_eq!(encode(&described), json!({ "description": "a heron" }));
    let err = decode::<Kind>(&json!(12)).unwrap_err();
    assert_eq!(err, "data did not match any variant of untagged enum Kind");
}

#[test]
fn recursive_objects_round_trip() {
    let input = json!({
        "name": "Rex",
        "note": "",
        "kind": "dog",
        "labels": { "colour": "brown" },
        "extra": { "chip": { "id": 7 } },
        "owner": { "favourite": { "name": "Tom", "note": "n", "kind": "cat" }, "walks": 2 },
        "children": [{ "name": "Pup", "note": "small", "kind": { "description": "mixed" } }],
    });
    let pet: Pet = decode(&input).unwrap();
    assert_eq!(pet.children.as_ref().map(Vec::len), Some(1));
    assert_eq!(pet.owner.as_ref().and_then(|o| o.favourite.as_ref()).map(|f| f.name.as_str()), Some("Tom"));
    assert_eq!(encode(&pet), input);
}

#[test]
fn an_all_of_whose_other_parts_only_annotate_is_its_one_part() {
    use clientgen_runtime::Validate;
    // `siblings` wraps Pet in `type: object, allOf: [Pet]` inside Pet's own cycle; `favouriteKind`
    // is an enum and `adopted` a date, each through an allOf.
    let input = json!({
        "name": "Rex",
        "note": "",
        "kind": "dog",
        "siblings": [{ "name": "Fido", "note": "n", "kind": "cat", "favouriteKind": "dog" }],
        "favouriteKind": "cat",
        "adopted": "2024-02-29",
    });
    let mut pet: Pet = decode(&input).unwrap();
    assert_eq!(pet.favourite_kind, Some(KnownKind::Cat));
    let siblings = pet.siblings.as_deref().unwrap_or_default();
    assert_eq!(siblings.iter().map(|s| s.favourite_kind.clone()).collect::<Vec<_>>(), [Some(KnownKind::Dog)]);
    assert_eq!(pet.adopted.as_deref(), Some("2024-02-29"));
    assert_eq!(encode(&pet), input);
    // The date's format is its allOf part's, and is checked.
    pet.adopted = Some("yesterday".into());
    let paths: Vec<String> = pet.validate().unwrap_err().into_iter().map(|v| v.path).collect();
    assert_eq!(paths, ["$.adopted"]);
}

#[test]
fn an_object_that_extends_pet_inside_pets_own_cycle_has_pets_fields_and_its_own() {
    let input = json!({
        "name": "Rex",
        "note": "",
        "kind": "dog",
        "offspring": [{
            "name": "Pup",
            "note": "n",
            "kind": "dog",
            "offspring": [{ "name": "Tiny", "note": "", "kind": "cat", "litter": 2 }],
            "litter": 1,
        }],
    });
    let pet: Pet = decode(&input).unwrap();
    let pup = &pet.offspring.as_deref().unwrap_or_default()[0];
    assert_eq!((pup.name.as_str(), pup.litter), ("Pup", Some(1)));
    let tiny = &pup.offspring.as_deref().unwrap_or_default()[0];
    assert_eq!((tiny.name.as_str(), &tiny.kind, tiny.litter), ("Tiny", &Kind::KnownKind(KnownKind::Cat), Some(2)));
    assert_eq!(encode(&pet), input);
    // Pet's required fields are the extension's too.
    let err = decode::<Pet>(&json!({ "name": "Rex", "note": "", "kind": "dog", "offspring": [{ "litter": 1 }] }));
    assert!(err.unwrap_err().starts_with("missing field `name`"));
}

#[tokio::test]
async fn an_error_body_that_is_a_list_of_a_component_decodes_as_one() {
    use clientgen_tests::{MockServer, Reply};
    use golden_composition::types::Problem;
    let server = MockServer::start(|_| Reply::json(422, json!([{ "message": "name is empty" }]))).await;
    let client = golden_composition::Client::builder().base_url(server.url()).build().unwrap();
    let pet: Pet = decode(&json!({ "name": "", "note": "", "kind": "cat" })).unwrap();
    match client.put_pet(&pet).await.unwrap_err() {
        clientgen_runtime::Error::Api(err) => {
            assert_eq!(err.status.as_u16(), 422);
            assert_eq!(err.body, Some(vec![Problem { message: Some("name is empty".into()) }]));
        }
        other => panic!("expected the API's error, got {other:?}"),
    }
}
