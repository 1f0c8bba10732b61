//! OpenAPI 3.1 read as 3.0: the document tree is rewritten into its 3.0 form before `openapiv3`
//! (a 3.0 parser) reads it. Each 3.1 form with a 3.0 equivalent is mapped; what has none is an
//! error naming the keyword and where it is. See ARCHITECTURE.md (loader) for the table.

use std::path::Path;

use serde_json::{Map, Value};

use super::lines::line_of;
use crate::error::{Pointer, SpecError};

/// Keywords of JSON Schema 2020-12 that change what a value is and have no OpenAPI 3.0 form.
const NO_30_MEANING: [&str; 14] = [
    "prefixItems",
    "if",
    "then",
    "else",
    "$dynamicRef",
    "$dynamicAnchor",
    "$recursiveRef",
    "$recursiveAnchor",
    "dependentSchemas",
    "patternProperties",
    "unevaluatedProperties",
    "unevaluatedItems",
    "contains",
    "propertyNames",
];

/// Keywords that say nothing a client uses (identifiers, comments, the schema dialect).
const DROPPED: [&str; 6] = ["$schema", "$id", "$anchor", "$comment", "$defs", "$vocabulary"];

/// The objects of a document whose keys are names the author chose (a header named `example`).
const NAMED_MAPS: [&str; 9] = [
    "headers",
    "parameters",
    "responses",
    "requestBodies",
    "securitySchemes",
    "links",
    "callbacks",
    "content",
    "encoding",
];

/// Whether a document tree says it is OpenAPI 3.1.
pub(super) fn is_31(tree: &Value) -> bool {
    tree.get("openapi").and_then(Value::as_str).is_some_and(|version| version.starts_with("3.1"))
}

/// What the conversion said about the document besides the tree it rewrote.
#[derive(Debug, Default)]
pub(super) struct Findings {
    /// Lossy readings (`--strict` refuses them), e.g. a `type` that lists several types.
    pub warnings: Vec<SpecError>,
    /// What is left out on purpose and changes nothing a client does (`webhooks`).
    pub notes: Vec<SpecError>,
}

/// Rewrites a 3.1 document tree into 3.0 in place.
pub(super) fn to_30(path: &Path, text: &str, tree: &mut Value) -> Result<Findings, SpecError> {
    let mut converter = Converter { path, text, findings: Findings::default() };
    let root = Pointer::root();
    let Some(document) = tree.as_object_mut() else { return Ok(converter.findings) };
    document.insert("openapi".to_owned(), Value::String("3.0.3".to_owned()));
    document.remove("jsonSchemaDialect");
    document.remove("$schema");
    if let Some(webhooks) = document.remove("webhooks") {
        let count = webhooks.as_object().map_or(0, Map::len);
        let message = format!(
            "OpenAPI 3.1 `webhooks` ({count}) are left out: they describe requests the API sends, not ones a \
             client makes"
        );
        converter.findings.notes.push(converter.problem(&root.join("webhooks"), message));
    }
    if let Some(info) = document.get_mut("info").and_then(Value::as_object_mut) {
        info.remove("summary");
        if let Some(license) = info.get_mut("license").and_then(Value::as_object_mut) {
            if let Some(identifier) = license.remove("identifier") {
                license.entry("name").or_insert(identifier);
            }
        }
    }
    // 3.1 makes `paths` optional (a document may hold only components or webhooks).
    document.entry("paths").or_insert_with(|| Value::Object(Map::new()));
    converter.inline_path_items(document)?;
    for (key, value) in document.iter_mut() {
        let at = root.join(key);
        if key == "components" {
            let Some(components) = value.as_object_mut() else { continue };
            for (kind, table) in components.iter_mut() {
                let at = at.join(kind);
                if kind == "schemas" {
                    for (name, schema) in table.as_object_mut().into_iter().flatten() {
                        converter.schema(schema, &at.join(name))?;
                    }
                } else {
                    converter.walk(table, &at)?;
                }
            }
        } else {
            converter.walk(value, &at)?;
        }
    }
    Ok(converter.findings)
}

struct Converter<'a> {
    path: &'a Path,
    text: &'a str,
    findings: Findings,
}

impl Converter<'_> {
    fn problem(&self, at: &Pointer, message: impl Into<String>) -> SpecError {
        let pointer = at.to_string();
        let location = line_of(self.text, &pointer);
        SpecError { file: self.path.to_owned(), pointer, location, message: message.into() }
    }

    /// Replaces each path item given as `$ref: '#/components/pathItems/<name>'` by the item it
    /// names (3.0 has no `components/pathItems`); sibling `summary`/`description` stay.
    fn inline_path_items(&self, document: &mut Map<String, Value>) -> Result<(), SpecError> {
        let shared = document
            .get_mut("components")
            .and_then(Value::as_object_mut)
            .and_then(|components| components.remove("pathItems"))
            .unwrap_or_default();
        let at = Pointer::root().join("paths");
        for (template, item) in document.get_mut("paths").and_then(Value::as_object_mut).into_iter().flatten() {
            let at = at.join(template);
            let mut hops = 0;
            while let Some(Value::String(reference)) = item.get("$ref").cloned() {
                let target = reference.strip_prefix("#/components/pathItems/").map(Pointer::unescape);
                let found = target.as_ref().and_then(|name| shared.get(name));
                hops += 1;
                let Some(found) = found.filter(|_| hops < 32) else {
                    let why = if target.is_none() {
                        "OpenAPI 3.1 path items given by `$ref` must point at `#/components/pathItems/<name>` \
                         in the same file"
                    } else {
                        "OpenAPI 3.1 `$ref` points at a path item that `components/pathItems` does not hold"
                    };
                    return Err(self.problem(&at.join("$ref"), format!("{why} (`{reference}`)")));
                };
                let Some(object) = item.as_object_mut() else { break };
                object.remove("$ref");
                for (key, value) in found.as_object().into_iter().flatten() {
                    object.entry(key.clone()).or_insert_with(|| value.clone());
                }
            }
        }
        Ok(())
    }

    /// Walks the parts of a document that are not schemas, converting each schema it holds.
    fn walk(&mut self, node: &mut Value, at: &Pointer) -> Result<(), SpecError> {
        match node {
            Value::Object(object) => {
                // In a map of named things (`headers`, `parameters`, ...) a key is a name, even
                // `example` or `schema`.
                let names = at.as_str().rsplit('/').next().is_some_and(|parent| NAMED_MAPS.contains(&parent));
                for (key, value) in object.iter_mut() {
                    // Examples are data, whatever they look like; extensions are the author's own.
                    if !names && (key.starts_with("x-") || key == "example" || key == "examples") {
                        continue;
                    }
                    if key == "schema" && !names {
                        self.schema(value, &at.join(key))?;
                    } else {
                        self.walk(value, &at.join(key))?;
                    }
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    self.walk(item, &at.join(i))?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Converts one schema and the schemas inside it.
    fn schema(&mut self, node: &mut Value, at: &Pointer) -> Result<(), SpecError> {
        match node {
            // A boolean schema: `true` allows anything, `false` nothing.
            Value::Bool(true) => *node = Value::Object(Map::new()),
            Value::Bool(false) => {
                return Err(self.problem(
                    at,
                    "OpenAPI 3.1 schema `false` (no value is valid) has no OpenAPI 3.0 form here; only \
                     `additionalProperties: false` does",
                ))
            }
            Value::Object(object) => self.schema_object(object, at)?,
            _ => {}
        }
        Ok(())
    }

    fn schema_object(&mut self, schema: &mut Map<String, Value>, at: &Pointer) -> Result<(), SpecError> {
        // First, so that what a lone member brings is converted with the schema.
        Self::null_members(schema);
        for keyword in ["unevaluatedProperties", "unevaluatedItems"] {
            // `false` forbids what the schema does not name: a client reads leniently anyway.
            if schema.get(keyword) == Some(&Value::Bool(false)) {
                schema.remove(keyword);
            }
        }
        if let Some(keyword) = NO_30_MEANING.iter().find(|k| schema.contains_key(**k)) {
            return Err(self.problem(
                &at.join(keyword),
                format!("OpenAPI 3.1 keyword `{keyword}` has no OpenAPI 3.0 meaning and is not supported"),
            ));
        }
        for keyword in DROPPED {
            schema.remove(keyword);
        }
        self.types(schema, at);
        if let Some(value) = schema.remove("const") {
            if !schema.contains_key("type") {
                if let Some(name) = json_type(&value) {
                    schema.insert("type".to_owned(), Value::String(name.to_owned()));
                }
            }
            schema.entry("enum").or_insert_with(|| Value::Array(vec![value]));
        }
        if let Some(examples) = schema.remove("examples") {
            if let Some(first) = examples.as_array().and_then(|e| e.first()) {
                schema.entry("example").or_insert_with(|| first.clone());
            }
        }
        exclusive_bound(schema, "exclusiveMinimum", "minimum", |bound, other| bound >= other);
        exclusive_bound(schema, "exclusiveMaximum", "maximum", |bound, other| bound <= other);
        content(schema);
        for (key, value) in schema.iter_mut() {
            let at = at.join(key);
            match (key.as_str(), value) {
                ("properties", Value::Object(properties)) => {
                    for (name, property) in properties.iter_mut() {
                        self.schema(property, &at.join(name))?;
                    }
                }
                ("items" | "not", value) => self.schema(value, &at)?,
                ("additionalProperties", value @ Value::Object(_)) => self.schema(value, &at)?,
                ("allOf" | "anyOf" | "oneOf", Value::Array(members)) => {
                    for (i, member) in members.iter_mut().enumerate() {
                        self.schema(member, &at.join(i))?;
                    }
                }
                _ => {}
            }
        }
        wrap_reference(schema);
        Ok(())
    }

    /// `type: [T, "null"]` is `type: T, nullable: true`; `type: "null"` alone is a nullable
    /// value of any type; several types other than null are read as any JSON value, with a warning.
    fn types(&mut self, schema: &mut Map<String, Value>, at: &Pointer) {
        let names: Vec<String> = match schema.get("type") {
            Some(Value::Array(names)) => names.iter().filter_map(|n| n.as_str().map(str::to_owned)).collect(),
            Some(Value::String(name)) if name == "null" => vec![name.clone()],
            _ => return,
        };
        let (nulls, others): (Vec<String>, Vec<String>) = names.into_iter().partition(|name| name == "null");
        if !nulls.is_empty() {
            set_nullable(schema);
        }
        match others.as_slice() {
            [one] => {
                schema.insert("type".to_owned(), Value::String(one.clone()));
            }
            [] => {
                schema.remove("type");
            }
            several => {
                schema.remove("type");
                let message = format!(
                    "OpenAPI 3.1 `type: [{}]` has no OpenAPI 3.0 form; read as any JSON value",
                    several.join(", ")
                );
                self.findings.warnings.push(self.problem(&at.join("type"), message));
            }
        }
    }

    /// An `anyOf`/`oneOf` member `{type: "null"}` makes the schema nullable; a single member
    /// left stands for the schema (through an `allOf` wrapper when it is a `$ref`).
    fn null_members(schema: &mut Map<String, Value>) {
        for keyword in ["anyOf", "oneOf"] {
            let Some(Value::Array(members)) = schema.get_mut(keyword) else { continue };
            let before = members.len();
            members.retain(|member| !is_null_schema(member));
            if members.len() == before {
                continue;
            }
            let left = std::mem::take(members);
            set_nullable(schema);
            match <[Value; 1]>::try_from(left) {
                Ok([member]) => {
                    schema.remove(keyword);
                    match member {
                        Value::Object(inline) if !inline.contains_key("$ref") => {
                            for (key, value) in inline {
                                schema.entry(key).or_insert(value);
                            }
                        }
                        member => {
                            if let Value::Array(all) = schema.entry("allOf").or_insert_with(|| Value::Array(Vec::new()))
                            {
                                all.insert(0, member);
                            }
                        }
                    }
                }
                Err(left) if left.is_empty() => {
                    schema.remove(keyword);
                }
                Err(left) => {
                    schema.insert(keyword.to_owned(), Value::Array(left));
                }
            }
        }
    }
}

/// Whether a schema admits only null (`{type: "null"}`, `{type: ["null"]}`, `{const: null}`).
fn is_null_schema(member: &Value) -> bool {
    let Some(member) = member.as_object() else { return false };
    let only_null = match member.get("type") {
        Some(Value::String(name)) => name == "null",
        Some(Value::Array(names)) => names.iter().all(|n| n == "null") && !names.is_empty(),
        None => member.get("const") == Some(&Value::Null),
        _ => false,
    };
    only_null && member.keys().all(|k| ["type", "const", "description", "title"].contains(&k.as_str()))
}

/// Marks a schema nullable; a `null` among its `enum` values goes (3.0 says it with `nullable`).
fn set_nullable(schema: &mut Map<String, Value>) {
    schema.insert("nullable".to_owned(), Value::Bool(true));
    if let Some(Value::Array(values)) = schema.get_mut("enum") {
        values.retain(|v| !v.is_null());
    }
}

fn json_type(value: &Value) -> Option<&'static str> {
    match value {
        Value::String(_) => Some("string"),
        Value::Bool(_) => Some("boolean"),
        Value::Number(n) if n.is_i64() || n.is_u64() => Some("integer"),
        Value::Number(_) => Some("number"),
        _ => None,
    }
}

/// A numeric `exclusiveMinimum: n` (3.1) is `minimum: n, exclusiveMinimum: true` (3.0); when
/// `minimum` is also given, the stricter bound stands.
fn exclusive_bound(
    schema: &mut Map<String, Value>,
    exclusive: &str,
    inclusive: &str,
    stricter: impl Fn(f64, f64) -> bool,
) {
    let Some(bound) = schema.get(exclusive).and_then(Value::as_f64) else { return };
    let other = schema.get(inclusive).and_then(Value::as_f64);
    if other.is_none_or(|other| stricter(bound, other)) {
        let value = schema.remove(exclusive).unwrap_or_default();
        schema.insert(inclusive.to_owned(), value);
        schema.insert(exclusive.to_owned(), Value::Bool(true));
    } else {
        schema.remove(exclusive);
    }
}

/// `contentEncoding: base64` is `format: byte`; a string whose `contentMediaType` is not text
/// is raw bytes, `format: binary`. Other content keywords describe text and are dropped.
fn content(schema: &mut Map<String, Value>) {
    let encoding = schema.remove("contentEncoding");
    let media_type = schema.remove("contentMediaType");
    schema.remove("contentSchema");
    if schema.contains_key("format") {
        return;
    }
    let format = match (encoding.as_ref().and_then(Value::as_str), media_type.as_ref().and_then(Value::as_str)) {
        (Some("base64" | "base64url"), _) => "byte",
        (None, Some(media)) if !is_text(media) => "binary",
        _ => return,
    };
    schema.insert("format".to_owned(), Value::String(format.to_owned()));
}

fn is_text(media_type: &str) -> bool {
    let media_type = media_type.to_ascii_lowercase();
    media_type.starts_with("text/") || ["json", "xml", "yaml", "form"].iter().any(|t| media_type.contains(t))
}

/// A `$ref` with sibling keywords (allowed in 3.1, ignored in 3.0) becomes `allOf: [$ref]`
/// beside those keywords, so a description, `nullable` or `readOnly` is kept.
fn wrap_reference(schema: &mut Map<String, Value>) {
    if schema.len() < 2 || !schema.contains_key("$ref") {
        return;
    }
    let Some(reference) = schema.remove("$ref") else { return };
    let member = Value::Object(Map::from_iter([("$ref".to_owned(), reference)]));
    if let Value::Array(all) = schema.entry("allOf").or_insert_with(|| Value::Array(Vec::new())) {
        all.insert(0, member);
    }
}

#[cfg(test)]
#[path = "oas31_tests.rs"]
mod tests;
