//! Whole-file references (`$ref: ./pet.yaml`, no `#`): the file is one component, of the kind
//! its place says (a schema, a parameter, a response, a request body), named after the file.
//! The loader keeps such a file as a document holding that one component, so that lowering and
//! bundling see a component like any other.

use std::path::Path;

use openapiv3::{Components, OpenAPI, ReferenceOr};

use super::parse::deserialize_text;
use crate::error::SpecError;

/// Keywords whose content is JSON data, not a part of the spec.
const VALUE_KEYWORDS: [&str; 5] = ["example", "examples", "default", "enum", "const"];

/// The kinds of component a whole file may be, by the name of their table in `components`.
const KINDS: [&str; 4] = ["schemas", "parameters", "responses", "requestBodies"];

/// The kind of component a `$ref` stands for, from where it sits (its pointer's segments):
/// an item of `parameters`, a response under `responses`, a `requestBody`, an entry of a
/// `components` table; anything else that is read is a schema. `None` for places a client does
/// not read (path items, headers, examples, links, callbacks, security schemes).
pub(crate) fn kind_at<S: AsRef<str>>(segments: &[S]) -> Option<&'static str> {
    let segments: Vec<&str> = segments.iter().map(AsRef::as_ref).collect();
    // Inside a value rather than a schema (an example, a default, an extension), a `$ref` key is
    // data: SCIM resources have one. A property of that name is still a schema, and the
    // `default` response a response.
    let in_value = segments.iter().enumerate().any(|(i, segment)| {
        let keyword = i == 0 || !matches!(segments[i - 1], "properties" | "responses");
        keyword && (VALUE_KEYWORDS.contains(segment) || segment.starts_with("x-"))
    });
    if in_value {
        return None;
    }
    match segments.as_slice() {
        ["components", kind, _] => KINDS.iter().copied().find(|k| k == kind),
        ["paths", _] | ["paths", _, "callbacks", ..] | ["paths", _, _, "callbacks", ..] => None,
        [.., "parameters", index] if index.parse::<usize>().is_ok() => Some("parameters"),
        [.., "responses", _] => Some("responses"),
        [.., "requestBody"] => Some("requestBodies"),
        [.., "headers", _] | [.., "links", _] => None,
        _ => Some("schemas"),
    }
}

/// The name a whole file takes as a component: its file stem (`pet.yaml` is `pet`).
pub(crate) fn component_name(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

/// A document that holds nothing yet: what a whole file's component is put in.
pub(super) fn empty_document() -> OpenAPI {
    OpenAPI { openapi: "3.0.3".to_owned(), components: Some(Components::default()), ..Default::default() }
}

/// Reads the file at `path` as a component of `kind` and adds it to `spec`'s components.
pub(super) fn add_component(spec: &mut OpenAPI, path: &Path, kind: &str) -> Result<(), SpecError> {
    let text = std::fs::read_to_string(path)
        .map_err(|err| SpecError::new(path, "", format!("cannot read the referenced file: {err}")))?;
    let name = component_name(path);
    let components = spec.components.get_or_insert_with(Default::default);
    // Each kind read by its concrete type.
    macro_rules! read {
        ($table:ident, $what:literal) => {{
            let item = deserialize_text(path, &text).map_err(|err| refused($what, err))?;
            components.$table.insert(name, ReferenceOr::Item(item));
        }};
    }
    match kind {
        "schemas" => read!(schemas, "a schema"),
        "parameters" => read!(parameters, "a parameter"),
        "responses" => read!(responses, "a response"),
        _ => read!(request_bodies, "a request body"),
    }
    Ok(())
}

fn refused(what: &str, err: SpecError) -> SpecError {
    let message = format!("this file is referenced whole as {what}, and does not read as one: {}", err.message);
    SpecError { message, ..err }
}

/// Whether `spec` (a whole file's document) holds its component as a `kind`.
pub(super) fn has_kind(spec: &OpenAPI, kind: &str) -> bool {
    let Some(c) = &spec.components else { return false };
    match kind {
        "schemas" => !c.schemas.is_empty(),
        "parameters" => !c.parameters.is_empty(),
        "responses" => !c.responses.is_empty(),
        _ => !c.request_bodies.is_empty(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kind_of_a_whole_file_is_the_kind_of_its_place() {
        let cases: [(&str, Option<&str>); 16] = [
            ("/components/examples/User/value/meta", None),
            ("/paths/~1u/get/responses/200/content/application~1json/examples/one/value/groups/0", None),
            ("/components/schemas/User/properties/groups/default/0", None),
            ("/components/schemas/User/properties/example", Some("schemas")),
            ("/paths/~1pets/get/responses/200/content/application~1json/schema", Some("schemas")),
            ("/paths/~1pets/get/parameters/0", Some("parameters")),
            ("/paths/~1pets/parameters/1", Some("parameters")),
            ("/paths/~1pets/get/responses/200", Some("responses")),
            ("/paths/~1pets/get/responses/default", Some("responses")),
            ("/paths/~1pets/post/requestBody", Some("requestBodies")),
            ("/components/schemas/Pet", Some("schemas")),
            ("/components/schemas/Pet/properties/responses", Some("schemas")),
            ("/components/schemas/Pet/properties/parameters/items", Some("schemas")),
            ("/components/responses/Problem", Some("responses")),
            ("/paths/~1pets", None),
            ("/paths/~1pets/get/responses/200/headers/X-Rate", None),
        ];
        for (pointer, kind) in cases {
            let segments: Vec<&str> = pointer.split('/').skip(1).collect();
            assert_eq!(kind_at(&segments), kind, "{pointer}");
        }
    }
}
