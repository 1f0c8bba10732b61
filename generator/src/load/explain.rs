//! Parse errors a person can act on: the version first, the pointer at the keyword at fault
//! (openapiv3 buffers flattened and tagged types, so serde stops at the object that holds it),
//! the operation it is in, and what the document should have held instead of the parser's own
//! type names.

use openapiv3::{Header, Parameter, PathItem, ReferenceOr, Schema};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::lines::line_of;
use super::lines::pointer_of;
use crate::error::{Pointer, SpecError};

/// `error` (from parsing the whole document) made precise with the document read as a tree.
pub(super) fn explain(text: &str, tree: &Value, version: Option<&str>, error: SpecError) -> SpecError {
    let mut error = narrow(text, tree, error);
    error.message = readable(&error.message);
    if let Some(hint) = version.filter(|v| v.starts_with("OpenAPI 3.0")).and_then(|_| hint_31(tree, &error.pointer)) {
        error.message = format!("{} ({hint})", error.message);
    }
    if let Some(operation) = operation_of(tree, &error.pointer) {
        error.message = format!("in {operation}: {}", error.message);
    }
    match version {
        Some(version) if !error.message.starts_with(version) => {
            SpecError { message: format!("{version}: {}", error.message), ..error }
        }
        _ => error,
    }
}

/// Moves the error down to the deepest node that does not parse: a path item, then the
/// parameter, header or schema inside it, then the keyword of that node at fault.
fn narrow(text: &str, tree: &Value, error: SpecError) -> SpecError {
    let Some(node) = tree.pointer(&error.pointer) else { return error };
    let at = pointer_from(&error.pointer);
    let found = if error.pointer == "/paths" {
        let items = node.as_object().into_iter().flatten().filter(|(template, _)| !template.starts_with("x-"));
        items.map(|(template, item)| path_item(item, &at.join(template))).find_map(Result::err)
    } else if error.pointer.rsplit('/').nth(1) == Some("schemas") {
        schema(node, &at).err()
    } else {
        as_placed(node, &at).err()
    };
    match found {
        Some((pointer, message)) => {
            let location = line_of(text, pointer.as_str()).or(error.location);
            SpecError { pointer: pointer.to_string(), location, message, ..error }
        }
        None => error,
    }
}

/// Where and why `node` does not parse as a `T`.
type Fault = (Pointer, String);

fn parse<T: DeserializeOwned>(node: &Value, at: &Pointer) -> Result<(), Fault> {
    serde_path_to_error::deserialize::<_, T>(node)
        .map(drop)
        .map_err(|err| (pointer_from(&format!("{at}{}", pointer_of(err.path()))), err.into_inner().to_string()))
}

fn path_item(item: &Value, at: &Pointer) -> Result<(), Fault> {
    let Err((pointer, message)) = parse::<PathItem>(item, at) else { return Ok(()) };
    let deeper = tree_at(item, at, &pointer).map_or(Ok(()), |node| as_placed(node, &pointer));
    deeper.and(Err((pointer, message)))
}

/// Where `node`, at `at`, fails as what its place says it is: a parameter (`.../parameters/N`),
/// a header (`.../headers/NAME`) or a schema (`.../schema`); `Ok` anywhere else.
fn as_placed(node: &Value, at: &Pointer) -> Result<(), Fault> {
    let segments: Vec<&str> = at.as_str().rsplit('/').take(2).collect();
    match segments.as_slice() {
        ["schema", ..] => schema(node, at),
        [_, "parameters"] => with_schema::<Parameter>(node, at),
        [_, "headers"] => with_schema::<Header>(node, at),
        _ => Ok(()),
    }
}

/// The node `pointer` names, inside `item` which sits at `at`.
fn tree_at<'a>(item: &'a Value, at: &Pointer, pointer: &Pointer) -> Option<&'a Value> {
    item.pointer(pointer.as_str().strip_prefix(at.as_str())?)
}

/// A parameter or header: its schema first, then its own keywords.
fn with_schema<T: DeserializeOwned>(node: &Value, at: &Pointer) -> Result<(), Fault> {
    if let Some(inner) = node.get("schema") {
        schema(inner, &at.join("schema"))?;
    }
    parse::<ReferenceOr<T>>(node, at).map_err(|fault| keyword_at_fault::<ReferenceOr<T>>(node, at, fault))
}

/// A schema: the schemas inside it first, then its own keywords.
fn schema(node: &Value, at: &Pointer) -> Result<(), Fault> {
    let Err(fault) = parse::<ReferenceOr<Schema>>(node, at) else { return Ok(()) };
    if let Some(object) = node.as_object() {
        for (key, value) in object {
            let at = at.join(key);
            match (key.as_str(), value) {
                ("properties", Value::Object(properties)) => {
                    for (name, property) in properties {
                        schema(property, &at.join(name))?;
                    }
                }
                ("items" | "not", value) | ("additionalProperties", value @ Value::Object(_)) => schema(value, &at)?,
                ("allOf" | "anyOf" | "oneOf", Value::Array(members)) => {
                    for (i, member) in members.iter().enumerate() {
                        schema(member, &at.join(i))?;
                    }
                }
                _ => {}
            }
        }
    }
    Err(keyword_at_fault::<ReferenceOr<Schema>>(node, at, fault))
}

/// The keyword of `node` without which it parses: the one at fault (`.../exclusiveMaximum`,
/// not the schema that holds it). Without one, the fault stays where it was.
fn keyword_at_fault<T: DeserializeOwned>(node: &Value, at: &Pointer, fault: Fault) -> Fault {
    let Some(object) = node.as_object() else { return fault };
    for key in object.keys() {
        let mut without = object.clone();
        without.remove(key);
        if parse::<T>(&Value::Object(without), at).is_ok() {
            return (at.join(key), fault.1);
        }
    }
    fault
}

fn pointer_from(text: &str) -> Pointer {
    text.split('/').skip(1).fold(Pointer::root(), |pointer, segment| pointer.join(Pointer::unescape(segment)))
}

/// In a 3.0 document, what a 3.1 form at `pointer` is written as in 3.0.
fn hint_31(tree: &Value, pointer: &str) -> Option<String> {
    let (_, keyword) = pointer.rsplit_once('/')?;
    let value = tree.pointer(pointer)?;
    match keyword {
        "exclusiveMinimum" | "exclusiveMaximum" if value.is_number() => {
            let inclusive = if keyword == "exclusiveMinimum" { "minimum" } else { "maximum" };
            Some(format!(
                "a number here is OpenAPI 3.1's form; in 3.0 write `{inclusive}: {value}` with `{keyword}: true`"
            ))
        }
        "type" if value.is_array() => {
            Some("a list of types is OpenAPI 3.1's form; in 3.0 write one type, with `nullable: true` for null".into())
        }
        _ => None,
    }
}

/// `GET /things (operationId listThings)` for a pointer inside an operation.
fn operation_of(tree: &Value, pointer: &str) -> Option<String> {
    let mut segments = pointer.split('/').skip(1);
    if segments.next()? != "paths" {
        return None;
    }
    let template = Pointer::unescape(segments.next()?);
    let method = segments.next()?;
    const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
    if !METHODS.contains(&method) {
        return Some(format!("path `{template}`"));
    }
    let operation = tree.get("paths")?.get(&template)?.get(method)?;
    let name = operation.get("operationId").and_then(Value::as_str);
    let method = method.to_ascii_uppercase();
    Some(name.map_or_else(|| format!("{method} {template}"), |name| format!("{method} {template} (`{name}`)")))
}

/// The parser's message in the document's terms: serde_yaml's path prefix dropped (the pointer
/// says where), and openapiv3's type names replaced by what the document should hold there.
pub(super) fn readable(message: &str) -> String {
    let message = match message.split_once(": ") {
        // serde_yaml starts with the dotted path it was at (`components.schemas: invalid type`).
        Some((path, rest)) if !path.contains([' ', '`', '"']) => rest,
        _ => message,
    };
    if message.contains("enum ParameterSchemaOrContent") {
        return "a parameter needs a `schema` or a `content`, and has neither".to_owned();
    }
    if let Some((before, name)) = message.split_once("untagged enum ") {
        let name = name.trim_start_matches("ReferenceOr");
        let what = if name.is_empty() { "a `$ref` or the object itself".to_owned() } else { article(name) };
        return format!("{}{what}", before.replace("data did not match any variant of ", "expected "));
    }
    let mut out = message.to_owned();
    for prefix in ["expected struct ", "expected enum ", "variant of enum "] {
        while let Some(start) = out.find(prefix) {
            let name_start = start + prefix.len();
            let end = out[name_start..].find(|c: char| !c.is_alphanumeric()).map_or(out.len(), |e| name_start + e);
            let name = out[name_start..end].to_owned();
            let keep = if prefix == "variant of enum " { "form of " } else { "expected " };
            out.replace_range(start..end, &format!("{keep}{}", article(&name)));
        }
    }
    out
}

/// `PathItem` as the document names it: "a path item object".
fn article(type_name: &str) -> String {
    let special = match type_name {
        "PathItem" => Some("a path item (an object of operations: get, post, ...)"),
        "Responses" => Some("an object of responses by status code"),
        "StatusCode" => Some("a status code (`200`, `4XX`) or `default`"),
        "Type" | "SchemaKind" => Some("a schema with a known `type` (string, number, integer, boolean, array, object)"),
        _ => None,
    };
    if let Some(special) = special {
        return special.to_owned();
    }
    let mut words = String::new();
    for (i, c) in type_name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            words.push(' ');
        }
        words.push(c.to_ascii_lowercase());
    }
    let article = if words.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
    format!("{article} {words} object")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parser_messages_say_what_the_document_should_hold() {
        let cases = [
            (
                "invalid type: string \"hello\", expected struct PathItem",
                "invalid type: string \"hello\", expected a path item (an object of operations: get, post, ...)",
            ),
            (
                "components.schemas: invalid type: integer `5`, expected a boolean",
                "invalid type: integer `5`, expected a boolean",
            ),
            (
                "paths./a.get: invalid type: integer `7`, expected struct Responses",
                "invalid type: integer `7`, expected an object of responses by status code",
            ),
            (
                "no variant of enum ParameterSchemaOrContent found in flattened data",
                "a parameter needs a `schema` or a `content`, and has neither",
            ),
            ("data did not match any variant of untagged enum ReferenceOr", "expected a `$ref` or the object itself"),
            ("invalid type: map, expected struct RequestBody", "invalid type: map, expected a request body object"),
            ("missing field `responses`", "missing field `responses`"),
        ];
        for (message, expected) in cases {
            assert_eq!(readable(message), expected, "{message}");
        }
    }
}
