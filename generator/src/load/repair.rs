//! What the loader does after a spec failed to parse: repair the defects that do not change a
//! client (each with a warning), skip callbacks, or name a Swagger 2.0 document as one.

use std::path::Path;

use openapiv3::OpenAPI;

use super::lines::line_of;
use crate::error::{Pointer, SpecError};

/// A Swagger 2.0 document fails to parse as OpenAPI 3 with a message about a missing `openapi`
/// or some field's shape; it is named for what it is instead (looked at only after a failure).
pub(super) fn swagger_2(path: &Path, text: &str, tree: &serde_json::Value) -> Option<SpecError> {
    let version = tree.get("swagger")?;
    let version = version.as_str().map_or_else(|| version.to_string(), str::to_owned);
    let message = format!(
        "Swagger {version} document: this generator reads OpenAPI 3.0 and 3.1; convert it to OpenAPI 3 first \
         (for example with swagger2openapi: `npx swagger2openapi {} -o openapi.yaml`)",
        path.display()
    );
    Some(SpecError {
        file: path.to_owned(),
        pointer: "/swagger".to_owned(),
        location: line_of(text, "/swagger"),
        message,
    })
}

/// After a failed parse: the spec read as a tree, with what does not change a client repaired
/// (a warning each) and callbacks dropped (they describe requests the server makes, and
/// openapiv3 cannot read one given by `$ref`), then parsed again. `None` when nothing was
/// repaired or it still does not parse: the first error stands. A spec that parses pays nothing.
/// It works on a copy: when nothing helps, the error is explained from the tree as it was read.
pub(super) fn repaired(path: &Path, text: &str, tree: &serde_json::Value) -> Option<(OpenAPI, Vec<SpecError>)> {
    let mut tree = tree.clone();
    let mut warnings = Vec::new();
    let mut warn = |pointer: String, message: &str| {
        let location = line_of(text, &pointer);
        warnings.push(SpecError { file: path.to_owned(), pointer, location, message: message.to_owned() });
    };
    let mut dropped_callbacks = false;
    if let Some(info) = tree.get_mut("info").and_then(|i| i.as_object_mut()) {
        for key in ["title", "version"] {
            if !info.contains_key(key) {
                info.insert(key.to_owned(), serde_json::Value::String(String::new()));
                warn("/info".to_owned(), &format!("`info` has no `{key}` (OpenAPI requires one); read as empty"));
            }
        }
    }
    let root = Pointer::root();
    if let Some(document) = tree.as_object_mut() {
        security_as_list(document, &root, &mut warn);
    }
    for (template, item) in tree.get_mut("paths").and_then(|p| p.as_object_mut()).into_iter().flatten() {
        let Some(item) = item.as_object_mut() else { continue };
        for (method, operation) in item.iter_mut() {
            let Some(operation) = operation.as_object_mut() else { continue };
            dropped_callbacks |= operation.remove("callbacks").is_some();
            security_as_list(operation, &root.join("paths").join(template).join(method), &mut warn);
            let at = root.join("paths").join(template).join(method).join("responses");
            for (status, response) in
                operation.get_mut("responses").and_then(|r| r.as_object_mut()).into_iter().flatten()
            {
                let Some(response) = response.as_object_mut() else { continue };
                if !response.contains_key("description") && !response.contains_key("$ref") {
                    response.insert("description".to_owned(), serde_json::Value::String(String::new()));
                    warn(
                        at.join(status).to_string(),
                        "a response has no `description` (OpenAPI requires one); read as empty",
                    );
                }
            }
        }
    }
    repair_shapes(&mut tree, &root, &mut warn);
    if warnings.is_empty() && !dropped_callbacks {
        return None;
    }
    serde_json::from_value(tree).ok().map(|spec| (spec, warnings))
}

/// A `security` written as one requirement object instead of a list of them (the OpenAPI
/// Initiative's own tictactoe example does) is read as a list of that one requirement.
fn security_as_list(
    holder: &mut serde_json::Map<String, serde_json::Value>,
    at: &Pointer,
    warn: &mut impl FnMut(String, &str),
) {
    if let Some(requirement @ serde_json::Value::Object(_)) = holder.get_mut("security") {
        *requirement = serde_json::Value::Array(vec![requirement.take()]);
        warn(
            at.join("security").to_string(),
            "`security` is an object, not a list of requirements; read as a list of that one",
        );
    }
}

/// Repairs, anywhere in the tree, a `required` written as text on a parameter or request body
/// (`required: optional`, `"true"`) and a discriminator written as its property's name
/// (`discriminator: petType`), each with a warning.
fn repair_shapes(node: &mut serde_json::Value, at: &Pointer, warn: &mut impl FnMut(String, &str)) {
    match node {
        serde_json::Value::Object(object) => {
            let is_parameter_or_body = object.contains_key("in") || object.contains_key("content");
            let word = match object.get("required") {
                Some(serde_json::Value::String(text)) if is_parameter_or_body => Some(text.to_ascii_lowercase()),
                _ => None,
            };
            // Only words that say it; anything else stays the error it is.
            let read = word.as_deref().and_then(|word| match word {
                "true" | "yes" | "required" => Some(true),
                "false" | "no" | "optional" => Some(false),
                _ => None,
            });
            if let (Some(required), Some(serde_json::Value::String(text))) = (read, object.get("required")) {
                let message = format!("`required: {text}` is not a boolean; read as {required}");
                object.insert("required".to_owned(), serde_json::Value::Bool(required));
                warn(at.join("required").to_string(), &message);
            }
            if let Some(serde_json::Value::String(property)) = object.get("discriminator") {
                let message =
                    format!("`discriminator: {property}` is not an object; read as `{{propertyName: {property}}}`");
                let repaired = serde_json::json!({ "propertyName": property });
                object.insert("discriminator".to_owned(), repaired);
                warn(at.join("discriminator").to_string(), &message);
            }
            for (key, value) in object.iter_mut() {
                repair_shapes(value, &at.join(key), warn);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                repair_shapes(item, &at.join(i), warn);
            }
        }
        _ => {}
    }
}
