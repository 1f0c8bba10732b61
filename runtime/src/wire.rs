//! What the generated `Serialize` and `Deserialize` impls of objects share.
//!
//! Generated crates write those impls out instead of deriving them: a derive expands to several
//! times the code (a field enum, a sequence visitor, private helpers), and expanding and
//! re-checking it on every rebuild was most of a generated crate's compile time. The impls keep
//! the derive's behaviour on JSON: unknown keys are skipped, a key repeated with a value is an
//! error, a missing required key is serde's `missing field` error, and a missing `Option` is `None`.
//! One difference: an object is read from a map only, where the derive also accepts a sequence
//! of its fields in order, which JSON never sends (formats such as bincode do).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeStruct};

use crate::int64_string::Int64;

thread_local! {
    /// Set while a request body is serialized on this thread (serialization is synchronous).
    static IN_REQUEST: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `serialize` as the serialization of a request body: read-only fields (`readOnly`, set by
/// the server) are left out, so a value read from the API can be sent back unchanged.
pub fn as_request<T>(serialize: impl FnOnce() -> T) -> T {
    struct Reset(bool);
    impl Drop for Reset {
        fn drop(&mut self) {
            IN_REQUEST.with(|flag| flag.set(self.0));
        }
    }
    let _reset = Reset(IN_REQUEST.with(|flag| flag.replace(true)));
    serialize()
}

/// Whether a request body is being serialized (see [`as_request`]): generated `Serialize` impls
/// leave read-only fields out then.
pub fn in_request() -> bool {
    IN_REQUEST.with(std::cell::Cell::get)
}

/// An object type that generated code decodes key by key; [`deserialize_object`] drives it.
pub trait Object: Sized {
    /// The type's name, for the "expected a `NAME` object" error.
    const NAME: &'static str;

    /// Reads the object's keys and values from `fields` and builds the value.
    fn from_fields<'de, A: MapAccess<'de>>(fields: Fields<'de, A>) -> Result<Self, A::Error>;
}

/// `Deserialize::deserialize` for an [`Object`]: a JSON object (or any map) is read key by key.
pub fn deserialize_object<'de, T: Object, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_map(ObjectVisitor(PhantomData))
}

struct ObjectVisitor<T>(PhantomData<fn() -> T>);

impl<'de, T: Object> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} object", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::from_fields(Fields { map, key: None })
    }
}

/// `Deserialize::deserialize` for a string enum: reads the text (borrowed when the format can
/// lend it) and takes the value it names, keeping text the enum does not know.
pub fn deserialize_string_enum<'de, T, D>(deserializer: D) -> Result<T, D::Error>
where
    T: for<'a> From<&'a str>,
    D: Deserializer<'de>,
{
    let text = Cow::<'de, str>::deserialize(deserializer)?;
    Ok(T::from(&text))
}

/// The keys and values of an object being decoded, one key at a time.
pub struct Fields<'de, A> {
    map: A,
    /// The key whose value is next (borrowed from the input when the input allows it).
    key: Option<Cow<'de, str>>,
}

impl<'de, A: MapAccess<'de>> Fields<'de, A> {
    /// The next key, or `None` after the last one. Read its value with [`Fields::value`],
    /// [`Fields::skip`] or [`Fields::extra`] before asking for the next key.
    pub fn next_key(&mut self) -> Result<Option<&str>, A::Error> {
        self.key = self.map.next_key::<Key<'de>>()?.map(|key| key.0);
        Ok(self.key.as_deref())
    }

    /// Reads the current key's value into `slot`; a key seen twice is an error, as with serde's
    /// derive.
    pub fn value<T: Deserialize<'de>>(&mut self, slot: &mut Option<T>) -> Result<(), A::Error> {
        if slot.is_some() {
            return Err(self.duplicate());
        }
        *slot = Some(self.map.next_value()?);
        Ok(())
    }

    /// Reads the current key's value into an optional field (`null` is `None`); a key repeated
    /// with a value is an error.
    pub fn optional<T: Deserialize<'de>>(&mut self, field: &mut Option<T>) -> Result<(), A::Error> {
        if field.is_some() {
            return Err(self.duplicate());
        }
        *field = self.map.next_value()?;
        Ok(())
    }

    /// [`Fields::optional`] for a 64-bit integer sent as a JSON string (or a number).
    pub fn optional_int64(&mut self, field: &mut Option<i64>) -> Result<(), A::Error> {
        if field.is_some() {
            return Err(self.duplicate());
        }
        *field = self.map.next_value::<Option<Int64>>()?.map(|n| n.0);
        Ok(())
    }

    fn duplicate(&self) -> A::Error {
        let key = self.key.as_deref().unwrap_or_default();
        de::Error::custom(format_args!("duplicate field `{key}`"))
    }

    /// Skips the value of a key the type does not know.
    pub fn skip(&mut self) -> Result<(), A::Error> {
        self.map.next_value::<de::IgnoredAny>().map(drop)
    }

    /// Keeps the current key and its value in `extra` (the properties a schema does not name).
    pub fn extra<V: Deserialize<'de>>(&mut self, extra: &mut BTreeMap<String, V>) -> Result<(), A::Error> {
        let key = self.key.take().unwrap_or_default().into_owned();
        extra.insert(key, self.map.next_value()?);
        Ok(())
    }
}

/// An object's key, borrowed from the input when the input allows it.
struct Key<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Borrowed(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(v.to_owned())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(v)))
    }
}

/// Leaving out what is absent, for an object serialized as a struct.
pub trait OptionalField: SerializeStruct {
    /// Serializes `value` under `key` when it is present; `None` is left out.
    fn optional_field<T: Serialize>(&mut self, key: &'static str, value: &Option<T>) -> Result<(), Self::Error> {
        match value {
            Some(value) => self.serialize_field(key, value),
            None => self.skip_field(key),
        }
    }
}

impl<S: SerializeStruct> OptionalField for S {}

/// [`OptionalField`] for an object serialized as a map (one with properties it does not name).
pub trait OptionalEntry: SerializeMap {
    /// Serializes `value` under `key` when it is present; `None` is left out.
    fn optional_entry<T: Serialize>(&mut self, key: &'static str, value: &Option<T>) -> Result<(), Self::Error> {
        match value {
            Some(value) => self.serialize_entry(key, value),
            None => Ok(()),
        }
    }
}

impl<S: SerializeMap> OptionalEntry for S {}

/// A success body as JSON for `T` (for the arms of a generated [`crate::FromResponse`]).
pub fn from_json<T: de::DeserializeOwned>(body: &[u8]) -> Result<T, String> {
    serde_json::from_slice(body).map_err(|err| err.to_string())
}

/// A required field's value, or serde's `missing field` error.
pub fn required<T, E: de::Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(name))
}

/// The error for a value that fits none of a union's variants (serde's wording for untagged enums).
pub fn no_variant_matched<E: de::Error>(name: &str) -> E {
    E::custom(format_args!("data did not match any variant of untagged enum {name}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An object written the way generated code writes it: one required field, one optional,
    /// and a map of the rest.
    #[derive(Debug, PartialEq)]
    struct Sample {
        name: String,
        size: Option<i64>,
        rest: BTreeMap<String, u8>,
    }

    impl<'de> Deserialize<'de> for Sample {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserialize_object(deserializer)
        }
    }

    impl Object for Sample {
        const NAME: &'static str = "Sample";

        fn from_fields<'de, A: MapAccess<'de>>(mut fields: Fields<'de, A>) -> Result<Self, A::Error> {
            let mut name: Option<String> = None;
            let mut size: Option<Option<i64>> = None;
            let mut rest = BTreeMap::new();
            while let Some(key) = fields.next_key()? {
                match key {
                    "name" => fields.value(&mut name)?,
                    "size" => fields.value(&mut size)?,
                    "skipped" => fields.skip()?,
                    _ => fields.extra(&mut rest)?,
                }
            }
            Ok(Sample { name: required(name, "name")?, size: size.flatten(), rest })
        }
    }

    fn parse(json: &str) -> Result<Sample, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    fn sample(name: &str, size: Option<i64>, rest: &[(&str, u8)]) -> Sample {
        let rest = rest.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect();
        Sample { name: name.into(), size, rest }
    }

    #[test]
    fn objects_decode_as_the_derive_would() {
        assert_eq!(
            parse(r#"{"name":"a","size":3,"skipped":[1,{"x":null}],"b":2}"#),
            Ok(sample("a", Some(3), &[("b", 2)]))
        );
        assert_eq!(parse(r#"{"size":null,"name":"a"}"#), Ok(sample("a", None, &[])));
        // An escaped key cannot be borrowed and still matches.
        assert_eq!(parse(r#"{"n\u0061me":"a","\u0062":1}"#), Ok(sample("a", None, &[("b", 1)])));
    }

    #[test]
    fn missing_repeated_and_mistyped_keys_are_errors() {
        let missing = parse(r#"{"size":1}"#).unwrap_err();
        assert!(missing.starts_with("missing field `name`"), "{missing}");
        let twice = parse(r#"{"name":"a","name":"b"}"#).unwrap_err();
        assert!(twice.starts_with("duplicate field `name`"), "{twice}");
        let mistyped = parse(r#"{"name":"a","size":"3"}"#).unwrap_err();
        assert!(mistyped.starts_with("invalid type: string \"3\", expected i64"), "{mistyped}");
        let extra = parse(r#"{"name":"a","b":300}"#).unwrap_err();
        assert!(extra.starts_with("invalid value: integer `300`, expected u8"), "{extra}");
        let not_object = parse("[]").unwrap_err();
        assert!(not_object.starts_with("invalid type: sequence, expected a Sample object"), "{not_object}");
        let none = no_variant_matched::<serde_json::Error>("Id").to_string();
        assert_eq!(none, "data did not match any variant of untagged enum Id");
    }
}
