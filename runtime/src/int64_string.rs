//! 64-bit integers that travel as JSON strings (`type: string, format: int64`), as Google's APIs
//! send them so that JavaScript clients do not lose precision. On the Rust side they are `i64`.
//!
//! Generated code wraps such a field in [`Int64`] on its way to and from the wire. By hand, use
//! `#[serde(with = "clientgen_runtime::int64_string")]` on an `i64` field, or
//! `#[serde(with = "clientgen_runtime::int64_string::option")]` on an `Option<i64>` field.
//! Deserialization also accepts a plain JSON number, which some servers send.

use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An `i64` that serializes as a JSON string of its decimal digits, and deserializes from such a
/// string or from a JSON integer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Int64(pub i64);

impl Serialize for Int64 {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Int64 {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(Int64Visitor).map(Int64)
    }
}

/// Serializes `value` as a JSON string of its decimal digits.
pub fn serialize<S: Serializer>(value: &i64, serializer: S) -> Result<S::Ok, S::Error> {
    Int64(*value).serialize(serializer)
}

/// Deserializes a JSON string of decimal digits (or a JSON integer) into an `i64`.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<i64, D::Error> {
    Int64::deserialize(deserializer).map(|n| n.0)
}

struct Int64Visitor;

impl Visitor<'_> for Int64Visitor {
    type Value = i64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a 64-bit integer as a JSON string")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<i64, E> {
        v.parse().map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
        Ok(v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
        i64::try_from(v).map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
    }
}

/// The same encoding for `Option<i64>`: `None` is absent (or `null`) on the wire.
pub mod option {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::Int64;

    /// Serializes `Some(n)` as a JSON string and `None` as `null`; pair it with
    /// `skip_serializing_if = "Option::is_none"` to omit absent values.
    pub fn serialize<S: Serializer>(value: &Option<i64>, serializer: S) -> Result<S::Ok, S::Error> {
        value.map(Int64).serialize(serializer)
    }

    /// Deserializes `null` as `None`, and a string or number as `Some`.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
        Ok(Option::<Int64>::deserialize(deserializer)?.map(|n| n.0))
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Sample {
        #[serde(with = "crate::int64_string")]
        required: i64,
        #[serde(default, with = "crate::int64_string::option", skip_serializing_if = "Option::is_none")]
        optional: Option<i64>,
    }

    #[test]
    fn integers_travel_as_strings_both_ways() {
        let json = r#"{"required":"9007199254740993","optional":"-5"}"#;
        let sample: Sample = serde_json::from_str(json).unwrap();
        assert_eq!(sample, Sample { required: 9_007_199_254_740_993, optional: Some(-5) });
        assert_eq!(serde_json::to_string(&sample).unwrap(), json);
    }

    #[test]
    fn absent_null_and_numbers_are_accepted() {
        let sample: Sample = serde_json::from_str(r#"{"required":12,"optional":null}"#).unwrap();
        assert_eq!(sample, Sample { required: 12, optional: None });
        assert_eq!(serde_json::to_string(&sample).unwrap(), r#"{"required":"12"}"#);
        assert!(serde_json::from_str::<Sample>(r#"{"required":"12x"}"#).is_err());
    }
}
