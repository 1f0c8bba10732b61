//! Mutations that know what they change: a schema gets another type, format, enum, composition,
//! discriminator, limit or rule; a parameter moves to another place or style; an operation gets
//! paging, date windows or other content types; a response another status or media type. Blind
//! tree edits (a key dropped or renamed, a value replaced) stay, for what nobody thought of.

use serde_json::{json, Value};

use super::seeds::METHODS;
use super::Rng;

/// Names that have broken generators before: keywords, digits, symbols, collisions.
const HOSTILE_NAMES: &[&str] = &[
    "type", "self", "Self", "crate", "match", "2fa", "+1", "-1", "", "a-b", "a b", "é", "fooBar", "foo_bar", "FooBar",
    "Option", "$ref", "_", "__",
];

const TYPES: &[&str] = &["string", "integer", "number", "boolean", "array", "object", "null", "file"];
const FORMATS: &[&str] = &[
    "int32",
    "int64",
    "date-time",
    "date",
    "binary",
    "byte",
    "uuid",
    "double",
    "float",
    "email",
    "uri",
    "password",
    "x",
];
const MEDIA_TYPES: &[&str] = &[
    "application/json",
    "application/x-www-form-urlencoded",
    "multipart/form-data",
    "text/plain",
    "application/octet-stream",
    "application/problem+json",
    "*/*",
    "image/png",
];
const STATUSES: &[&str] = &["200", "201", "204", "2XX", "default", "400", "404", "999", "abc", "302"];

/// What a node of the tree is, read from where it sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Schema,
    Parameter,
    Operation,
    Response,
    Other,
}

fn role(pointer: &str) -> Role {
    let parts: Vec<&str> = pointer.split('/').collect();
    let last = parts.last().copied().unwrap_or("");
    let parent = parts.len().checked_sub(2).map(|i| parts[i]).unwrap_or("");
    let grandparent = parts.len().checked_sub(3).map(|i| parts[i]).unwrap_or("");
    match (grandparent, parent, last) {
        (_, _, "schema" | "items" | "additionalProperties" | "not") => Role::Schema,
        (_, "properties" | "allOf" | "oneOf" | "anyOf", _) => Role::Schema,
        ("components", "schemas", _) => Role::Schema,
        (_, "parameters", _) => Role::Parameter,
        ("paths", _, method) if METHODS.contains(&method) => Role::Operation,
        (_, "responses", _) => Role::Response,
        _ => Role::Other,
    }
}

/// One random change somewhere in the tree.
pub(super) fn mutate(doc: &mut Value, rng: &mut Rng) {
    let schema_names: Vec<String> = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    let mut paths = Vec::new();
    collect_paths(doc, String::new(), &mut paths);
    // Two times in three, a node whose role is known; otherwise any node.
    let targeted: Vec<&String> = paths.iter().filter(|p| role(p) != Role::Other).collect();
    let target = if !targeted.is_empty() && rng.below(3) != 0 {
        targeted[rng.below(targeted.len())].clone()
    } else {
        match paths.get(rng.below(paths.len())) {
            Some(path) => path.clone(),
            None => return,
        }
    };
    let some_ref = |rng: &mut Rng| {
        let name = if schema_names.is_empty() || rng.below(3) == 0 {
            "Missing".to_owned()
        } else {
            schema_names[rng.below(schema_names.len())].clone()
        };
        format!("#/components/schemas/{name}")
    };
    let reference = some_ref(rng);
    let Some(node) = doc.pointer_mut(&target) else { return };
    match role(&target) {
        Role::Schema if rng.below(4) != 0 => mutate_schema(node, rng, reference),
        Role::Parameter if rng.below(4) != 0 => mutate_parameter(node, rng),
        Role::Operation if rng.below(4) != 0 => mutate_operation(node, rng),
        Role::Response if rng.below(4) != 0 => mutate_response(node, rng),
        _ => mutate_blindly(node, rng, reference),
    }
}

fn pick<'a>(rng: &mut Rng, from: &[&'a str]) -> &'a str {
    from[rng.below(from.len())]
}

/// A property name the schema has, or a hostile one.
fn some_property(node: &Value, rng: &mut Rng) -> String {
    let names: Vec<&String> =
        node.get("properties").and_then(Value::as_object).map(|p| p.keys().collect()).unwrap_or_default();
    if names.is_empty() || rng.below(4) == 0 {
        pick(rng, HOSTILE_NAMES).to_owned()
    } else {
        names[rng.below(names.len())].clone()
    }
}

/// A cross-field condition of `x-rules`, sometimes an empty or nested composition.
fn some_condition(node: &Value, rng: &mut Rng, depth: usize) -> Value {
    let field = some_property(node, rng);
    match rng.below(if depth > 2 { 5 } else { 9 }) {
        0 => json!({ "field": field, "in": [1, "a", true, null] }),
        1 => json!({ "field": field, "notIn": [] }),
        2 => json!({ "field": field, "present": rng.below(2) == 0 }),
        3 => json!({ "field": field, "min": -1e300, "max": "x" }),
        4 => json!({ "field": format!("{field}.{field}"), "present": true }),
        5 => json!({ "allOf": [] }),
        6 => json!({ "anyOf": [] }),
        7 => json!({ "not": some_condition(node, rng, depth + 1) }),
        _ => {
            let parts: Vec<Value> = (0..rng.below(3)).map(|_| some_condition(node, rng, depth + 1)).collect();
            if rng.below(2) == 0 {
                json!({ "allOf": parts })
            } else {
                json!({ "anyOf": parts })
            }
        }
    }
}

fn mutate_schema(node: &mut Value, rng: &mut Rng, reference: String) {
    let snapshot = node.clone();
    let Value::Object(map) = node else {
        *node = json!({ "type": pick(rng, TYPES) });
        return;
    };
    match rng.below(16) {
        0 => drop(map.insert("type".into(), json!(pick(rng, TYPES)))),
        1 => drop(map.insert("format".into(), json!(pick(rng, FORMATS)))),
        2 => {
            let values = match rng.below(4) {
                0 => json!(["a", "A", "", "+1", 1, null]),
                1 => json!([1, 2, 2, -7]),
                2 => json!([]),
                _ => json!(["on", "off"]),
            };
            map.insert("enum".into(), values);
            if rng.below(2) == 0 {
                map.insert("x-enum-varnames".into(), json!(["Same", "Same", "self"]));
            }
        }
        3 => {
            let key = pick(rng, &["allOf", "oneOf", "anyOf"]);
            let parts = match rng.below(3) {
                0 => json!([]),
                1 => json!([{ "$ref": reference }]),
                _ => json!([snapshot, { "$ref": reference }]),
            };
            *node = json!({ key: parts });
        }
        4 => {
            let property = some_property(&snapshot, rng);
            map.insert(
                "discriminator".into(),
                json!({ "propertyName": property, "mapping": { "a": reference, "b": "#/components/schemas/Missing" } }),
            );
        }
        5 => {
            let property = some_property(&snapshot, rng);
            let required = map.entry("required").or_insert_with(|| json!([]));
            match required {
                Value::Array(items) => items.push(json!(property)),
                other => *other = json!(property),
            }
        }
        6 => {
            let (key, value) = match rng.below(7) {
                0 => ("minimum", json!(10)),
                1 => ("maximum", json!(-10)),
                2 => ("minLength", json!(5)),
                3 => ("maxLength", json!(0)),
                4 => ("pattern", json!("([a-")),
                5 => ("maxItems", json!(-1)),
                _ => ("multipleOf", json!(0)),
            };
            map.insert(key.into(), value);
        }
        7 => {
            let value = [json!(true), json!(false), json!({ "$ref": reference }), json!({})][rng.below(4)].clone();
            map.insert("additionalProperties".into(), value);
        }
        8 => {
            let key = pick(rng, &["readOnly", "writeOnly", "nullable", "deprecated"]);
            map.insert(key.into(), json!(rng.below(2) == 0));
        }
        9 => drop(map.insert("default".into(), [json!("x"), json!(1), json!([1]), json!({})][rng.below(4)].clone())),
        10 => {
            let rules: Vec<Value> = (0..1 + rng.below(2))
                .map(|_| {
                    let mut rule = json!({ "require": some_condition(&snapshot, rng, 0), "message": "m" });
                    if rng.below(2) == 0 {
                        rule["when"] = some_condition(&snapshot, rng, 0);
                    }
                    rule
                })
                .collect();
            map.insert("x-rules".into(), Value::Array(rules));
        }
        11 => {
            let property = some_property(&snapshot, rng);
            map.insert(
                "x-constructors".into(),
                json!([{ "name": pick(rng, HOSTILE_NAMES), "params": [property], "values": { property.clone(): 1 } }]),
            );
        }
        12 => {
            let properties = map.entry("properties").or_insert_with(|| json!({}));
            if let Value::Object(properties) = properties {
                properties.insert(pick(rng, HOSTILE_NAMES).to_owned(), json!({ "$ref": reference }));
            }
        }
        13 => *node = json!({ "type": "array", "items": snapshot, "uniqueItems": true }),
        14 => {
            *node = json!({ "type": "object", "properties": { "me": { "$ref": reference } }, "additionalProperties": { "$ref": reference } })
        }
        _ => drop(map.remove(pick(rng, &["type", "items", "properties", "format", "enum", "$ref"]))),
    }
}

fn mutate_parameter(node: &mut Value, rng: &mut Rng) {
    let Value::Object(map) = node else { return };
    match rng.below(7) {
        0 => drop(map.insert("in".into(), json!(pick(rng, &["path", "query", "header", "cookie", "body"])))),
        1 => drop(map.insert(
            "style".into(),
            json!(pick(rng, &["form", "simple", "deepObject", "pipeDelimited", "spaceDelimited", "matrix", "label"])),
        )),
        2 => drop(map.insert("explode".into(), json!(rng.below(2) == 0))),
        3 => drop(map.insert("required".into(), json!(rng.below(2) == 0))),
        4 => drop(map.insert("name".into(), json!(pick(rng, HOSTILE_NAMES)))),
        5 => {
            let schema = map.remove("schema").unwrap_or(json!({}));
            map.insert("content".into(), json!({ pick(rng, MEDIA_TYPES): { "schema": schema } }));
        }
        _ => drop(map.insert(
            "schema".into(),
            json!({ "type": "array", "items": { "type": pick(rng, TYPES), "enum": ["a", "b,c"] } }),
        )),
    }
}

fn mutate_operation(node: &mut Value, rng: &mut Rng) {
    let Value::Object(map) = node else { return };
    match rng.below(8) {
        0 => drop(map.insert("operationId".into(), json!(pick(rng, HOSTILE_NAMES)))),
        1 => drop(map.remove("responses")),
        2 => {
            let paging = match rng.below(3) {
                0 => json!({ "cursorParam": "next_page_token", "cursorField": "next_page_token", "itemsField": "items" }),
                1 => json!({ "pageParam": "page_number", "pageCountField": "page_count", "itemsField": "users" }),
                _ => json!({ "cursorParam": "", "itemsField": 3 }),
            };
            map.insert("x-pagination".into(), paging);
        }
        3 => drop(map.insert("x-date-range".into(), json!({ "from": "from", "to": "to", "maxDays": rng.below(3) as i64 - 1 }))),
        4 => {
            let key = pick(rng, &["x-idempotent", "x-sub-account", "deprecated"]);
            map.insert(key.into(), json!(rng.below(2) == 0));
        }
        5 => {
            if let Some(Value::Object(content)) = map.get_mut("requestBody").and_then(|b| b.get_mut("content")) {
                if let Some(schema) = content.values().next().cloned() {
                    content.clear();
                    content.insert(pick(rng, MEDIA_TYPES).to_owned(), schema);
                }
            }
        }
        6 => drop(map.insert("tags".into(), json!([pick(rng, HOSTILE_NAMES)]))),
        _ => drop(map.insert(
            "parameters".into(),
            json!([{ "name": pick(rng, HOSTILE_NAMES), "in": "path", "required": true, "schema": { "type": "array", "items": { "type": "integer" } } }]),
        )),
    }
}

fn mutate_response(node: &mut Value, rng: &mut Rng) {
    let Value::Object(map) = node else { return };
    match rng.below(4) {
        0 => {
            if let Some(Value::Object(content)) = map.get_mut("content") {
                if let Some(media) = content.values().next().cloned() {
                    content.clear();
                    content.insert(pick(rng, MEDIA_TYPES).to_owned(), media);
                }
            }
        }
        1 => drop(map.insert(
            "headers".into(),
            json!({ pick(rng, HOSTILE_NAMES): { "schema": { "type": pick(rng, TYPES) } } }),
        )),
        2 => drop(map.insert(
            "x-error-codes".into(),
            json!([{ "code": rng.below(5000), "message": pick(rng, HOSTILE_NAMES), "name": pick(rng, HOSTILE_NAMES) }]),
        )),
        _ => drop(map.insert("content".into(), json!({ "application/json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/Missing" } } } }))),
    }
}

/// Blind edits, unchanged from the first fuzzer: they found its first two crashes.
fn mutate_blindly(node: &mut Value, rng: &mut Rng, reference: String) {
    match rng.below(6) {
        0 => {
            if let Value::Object(map) = node {
                if let Some(key) = map.keys().nth(rng.below(map.len())).cloned() {
                    map.remove(&key);
                }
            }
        }
        1 => {
            *node = [json!(null), json!(true), json!(0), json!(-1), json!(1e300), json!(""), json!([]), json!({})]
                [rng.below(8)]
            .clone()
        }
        2 => {
            if let Value::Object(map) = node {
                if let Some(key) = map.keys().nth(rng.below(map.len())).cloned() {
                    let value = map.remove(&key).unwrap_or(Value::Null);
                    map.insert(pick(rng, HOSTILE_NAMES).to_owned(), value);
                }
            }
        }
        3 => *node = json!({ "$ref": reference }),
        4 => {
            if let Value::Object(map) = node {
                map.insert(pick(rng, STATUSES).to_owned(), json!({ "description": "d" }));
            }
        }
        _ => {
            if let Value::Object(map) = node {
                map.insert(pick(rng, HOSTILE_NAMES).to_owned(), json!({ "type": "string", "format": "int64" }));
            }
        }
    }
}

/// JSON pointers of every object and array in the tree.
fn collect_paths(value: &Value, at: String, out: &mut Vec<String>) {
    let escape = |key: &str| key.replace('~', "~0").replace('/', "~1");
    match value {
        Value::Object(map) => {
            out.push(at.clone());
            for (key, child) in map {
                collect_paths(child, format!("{at}/{}", escape(key)), out);
            }
        }
        Value::Array(items) => {
            out.push(at.clone());
            for (i, child) in items.iter().enumerate() {
                collect_paths(child, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}
