//! Enums: string, integer and mixed-type `enum`s become open Rust enums whose variants are named
//! after their values (or `x-enum-varnames`) and documented by `x-enum-descriptions`.

use openapiv3::SchemaData;

use super::Lowerer;
use crate::ir::{IntVariant, MixedVariant, TypeKind, Variant};
use crate::names::{self, Namespace};

impl Lowerer<'_> {
    /// An enum without a single declared type: a string or integer enum when its values say so,
    /// otherwise one whose variants carry their JSON literals.
    pub(super) fn untyped_enum(&self, data: &SchemaData, values: &[&serde_json::Value]) -> TypeKind {
        if let Some(strings) = values.iter().map(|v| v.as_str().map(str::to_owned)).collect::<Option<Vec<_>>>() {
            return self.string_enum(data, &strings);
        }
        if let Some(ints) = values.iter().map(|v| v.as_i64()).collect::<Option<Vec<_>>>() {
            return int_enum(data, &ints);
        }
        let docs = string_list(data, "x-enum-descriptions");
        let mut taken = Namespace::default();
        let variants: Vec<MixedVariant> = values
            .iter()
            .enumerate()
            .map(|(i, value)| {
                let text = match value {
                    serde_json::Value::String(s) => s.clone(),
                    // `2.5` and `25` must not both become `V25`.
                    other => other.to_string().replace('.', " point "),
                };
                MixedVariant {
                    name: taken.claim(names::camel(&text, "Empty")),
                    value: (*value).clone(),
                    doc: docs.get(i).cloned(),
                }
            })
            .collect();
        let unknown = unknown_variant(variants.iter().map(|v| v.name.as_str()));
        TypeKind::MixedEnum { variants, unknown }
    }

    pub(super) fn string_enum(&self, data: &SchemaData, values: &[String]) -> TypeKind {
        let variants = self.string_variants(data, values);
        let unknown = unknown_variant(variants.iter().map(|v| v.name.as_str()));
        TypeKind::Enum { variants, unknown }
    }

    fn string_variants(&self, data: &SchemaData, values: &[String]) -> Vec<Variant> {
        // Names as for integer enums: values such as "1-20" would otherwise become `V120`.
        let names = string_list(data, "x-enum-varnames");
        let docs = string_list(data, "x-enum-descriptions");
        let mut taken = Namespace::default();
        values
            .iter()
            .enumerate()
            .map(|(i, wire)| Variant {
                name: taken.claim(names::camel(names.get(i).unwrap_or(wire), "Empty")),
                wire: wire.clone(),
                doc: docs.get(i).cloned(),
            })
            .collect()
    }
}

pub(super) fn int_enum(data: &SchemaData, values: &[i64]) -> TypeKind {
    let variants = int_variants(data, values);
    let unknown = unknown_variant(variants.iter().map(|v| v.name.as_str()));
    TypeKind::IntEnum { variants, unknown }
}

fn int_variants(data: &SchemaData, values: &[i64]) -> Vec<IntVariant> {
    let names = string_list(data, "x-enum-varnames");
    let docs = string_list(data, "x-enum-descriptions");
    let mut taken = Namespace::default();
    values
        .iter()
        .enumerate()
        .map(|(i, value)| {
            let wanted = match names.get(i) {
                Some(name) => names::camel(name, "Value"),
                None => names::camel(&value.to_string(), "Value"),
            };
            IntVariant { name: taken.claim(wanted), value: *value, doc: docs.get(i).cloned() }
        })
        .collect()
}

/// The name of the variant that keeps values the spec does not list: `Unknown`, unless the
/// spec itself has a value named so.
fn unknown_variant<'a>(mut names: impl Iterator<Item = &'a str>) -> String {
    if names.any(|n| n == "Unknown") {
        "UnknownValue".to_owned()
    } else {
        "Unknown".to_owned()
    }
}

/// A list of strings from a vendor extension (`x-enum-varnames`, `x-enum-descriptions`).
fn string_list(data: &SchemaData, extension: &str) -> Vec<String> {
    match data.extensions.get(extension) {
        Some(serde_json::Value::Array(items)) => {
            items.iter().map(|v| v.as_str().unwrap_or_default().to_owned()).collect()
        }
        _ => Vec::new(),
    }
}
