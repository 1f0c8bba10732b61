//! Loading and resolving specs. The only module that knows about `serde_yaml` (deprecated
//! upstream, so it stays behind this one door) and about `$ref` syntax.

mod lines;
mod repair;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use openapiv3::{OpenAPI, Parameter, PathItem, ReferenceOr, RequestBody, Response, Schema};

use self::lines::line_of;
use crate::error::{Pointer, SpecError};

/// One parsed spec file.
#[derive(Debug)]
pub struct Document {
    pub path: PathBuf,
    pub spec: OpenAPI,
}

/// Index of a document in a [`Bundle`].
pub type DocId = usize;

/// The spec files of one API, plus every file their `$ref`s reach.
#[derive(Debug)]
pub struct Bundle {
    pub docs: Vec<Document>,
    /// How many of `docs` were named by the caller (the rest were reached through `$ref`s).
    pub roots: usize,
    /// Defects repaired while loading (see [`parse_repairing`]); lowering adds its own.
    pub warnings: Vec<SpecError>,
}

/// A component reached through a `$ref`: the document it lives in and its name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ComponentKey {
    pub doc: DocId,
    pub name: String,
}

/// How many `$ref`s in a row are followed before the chain is taken for a cycle.
const MAX_REFERENCE_CHAIN: usize = 32;

impl ComponentKey {
    /// Where the component sits as a schema (`/components/schemas/<name>` in its document).
    pub fn schema_pointer(&self) -> Pointer {
        Pointer::root().join("components").join("schemas").join(&self.name)
    }
}

/// Parses one file as OpenAPI 3.0 (JSON when it ends in `.json`, YAML otherwise).
pub fn parse_file(path: &Path) -> Result<OpenAPI, SpecError> {
    let text = std::fs::read_to_string(path)
        .map_err(|err| SpecError::new(path, "", format!("cannot read the spec: {err}")))?;
    parse_str(path, &text)
}

/// Parses spec text; `path` is only used in errors and to pick the syntax. Small defects are
/// repaired, with a warning each (see [`parse_repairing`]); this refuses them instead.
pub fn parse_str(path: &Path, text: &str) -> Result<OpenAPI, SpecError> {
    let (spec, warnings) = parse_repairing(path, text)?;
    match warnings.into_iter().next() {
        Some(warning) => Err(warning),
        None => Ok(spec),
    }
}

/// Parses spec text, repairing the defects that do not change what a client does (a response
/// without its required `description`, an `info` without `title` or `version`), each with a
/// warning that names where it is; and skipping callbacks. Anything else that does not parse is
/// an error.
pub fn parse_repairing(path: &Path, text: &str) -> Result<(OpenAPI, Vec<SpecError>), SpecError> {
    let is_json = path.extension().is_some_and(|ext| ext.eq_ignore_ascii_case("json"));
    match parse_strict(path, text, is_json) {
        Ok(spec) => Ok((spec, Vec::new())),
        Err(err) => {
            // Read as a tree once, for both: a Swagger 2.0 document is named as one, and what
            // does not change a client is repaired; otherwise the first error stands.
            let tree: Option<serde_json::Value> =
                if is_json { serde_json::from_str(text).ok() } else { serde_yaml::from_str(text).ok() };
            let Some(tree) = tree else { return Err(err) };
            if let Some(swagger) = repair::swagger_2(path, text, &tree) {
                return Err(swagger);
            }
            match repair::repaired(path, text, tree) {
                Some((spec, warnings)) => check_version(path, spec).map(|spec| (spec, warnings)),
                None => Err(err),
            }
        }
    }
}

fn parse_strict(path: &Path, text: &str, is_json: bool) -> Result<OpenAPI, SpecError> {
    if is_json {
        let mut de = serde_json::Deserializer::from_str(text);
        serde_path_to_error::deserialize(&mut de).map_err(|err| {
            let pointer = pointer_of(err.path());
            let inner = err.into_inner();
            let location = Some((inner.line(), inner.column()));
            SpecError { file: path.to_owned(), pointer, location, message: inner.to_string() }
        })
    } else {
        let de = serde_yaml::Deserializer::from_str(text);
        serde_path_to_error::deserialize(de).map_err(|err| {
            let pointer = pointer_of(err.path());
            let inner = err.into_inner();
            let location = inner.location().map(|l| (l.line(), l.column()));
            let error = SpecError { file: path.to_owned(), pointer, location, message: yaml_message(&inner) };
            refine_paths_error(text, error)
        })
    }
    .and_then(|spec: OpenAPI| check_version(path, spec))
}

/// serde_yaml appends " at line L column C" to its messages; we report the location separately.
fn yaml_message(err: &serde_yaml::Error) -> String {
    let message = err.to_string();
    match message.find(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message,
    }
}

/// openapiv3 reads `paths` through a buffer, so errors inside it stop at `/paths`, at the
/// position of the `paths:` key. Reading each path item on its own finds the exact pointer;
/// the line is then looked up in the text.
fn refine_paths_error(text: &str, error: SpecError) -> SpecError {
    if error.pointer != "/paths" {
        return error;
    }
    let Ok(tree) = serde_yaml::from_str::<serde_json::Value>(text) else { return error };
    let Some(paths) = tree.get("paths").and_then(|p| p.as_object()) else { return error };
    for (path, item) in paths {
        if path.starts_with("x-") {
            continue;
        }
        if let Err(err) = serde_path_to_error::deserialize::<_, openapiv3::PathItem>(item) {
            let inner = pointer_of(err.path());
            let pointer = format!("{}{inner}", crate::error::Pointer::root().join("paths").join(path));
            let location = line_of(text, &pointer).or(error.location);
            return SpecError { pointer, location, message: err.into_inner().to_string(), ..error };
        }
    }
    error
}

/// `problem` with its line and column, looked up in its file when it has none yet (lowering
/// knows pointers, not lines).
pub(crate) fn locate(mut problem: SpecError) -> SpecError {
    if problem.location.is_none() {
        if let Ok(text) = std::fs::read_to_string(&problem.file) {
            problem.location = line_of(&text, &problem.pointer);
        }
    }
    problem
}

fn check_version(path: &Path, spec: OpenAPI) -> Result<OpenAPI, SpecError> {
    if spec.openapi.starts_with("3.0") {
        Ok(spec)
    } else {
        Err(SpecError::new(
            path,
            "/openapi",
            format!("OpenAPI {} is not supported; this generator reads 3.0.x", spec.openapi),
        ))
    }
}

fn pointer_of(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = crate::error::Pointer::root();
    for segment in path.iter() {
        pointer = match segment {
            Segment::Seq { index } => pointer.join(index),
            Segment::Map { key } => pointer.join(key),
            Segment::Enum { variant } => pointer.join(variant),
            Segment::Unknown => pointer.join("?"),
        };
    }
    pointer.to_string()
}

impl Bundle {
    /// Loads the given spec files and every file their `$ref`s point into.
    pub fn load(paths: &[PathBuf]) -> Result<Self, SpecError> {
        let mut bundle = Bundle { docs: Vec::new(), roots: paths.len(), warnings: Vec::new() };
        let mut index: HashMap<PathBuf, DocId> = HashMap::new();
        let mut queue: Vec<PathBuf> = paths.to_vec();
        let mut next = 0;
        while next < queue.len() {
            let path = queue[next].clone();
            next += 1;
            let key = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
            if index.contains_key(&key) {
                continue;
            }
            let text = std::fs::read_to_string(&path)
                .map_err(|err| SpecError::new(&path, "", format!("cannot read the spec: {err}")))?;
            let (spec, warnings) = parse_repairing(&path, &text)?;
            bundle.warnings.extend(warnings);
            // Walking a whole spec for references is only worth it when one names a file.
            if [".yaml#", ".yml#", ".json#"].iter().any(|ext| text.contains(ext)) {
                for target in external_files(&spec) {
                    queue.push(path.parent().unwrap_or(Path::new(".")).join(target));
                }
            }
            index.insert(key, bundle.docs.len());
            bundle.docs.push(Document { path, spec });
        }
        Ok(bundle)
    }

    /// One document given as text (named `path` in errors), without reading any file: a `$ref`
    /// into another file fails as it would for a missing file. For in-process tools such as the
    /// fuzzer, which would otherwise write every input to disk.
    pub fn from_text(path: &Path, text: &str) -> Result<Self, SpecError> {
        let (spec, warnings) = parse_repairing(path, text)?;
        Ok(Bundle { docs: vec![Document { path: path.to_owned(), spec }], roots: 1, warnings })
    }

    /// The document a `$ref` written in `from` (at `at`) points into, and the pointer inside it.
    pub(crate) fn target(&self, from: DocId, reference: &str, at: &str) -> Result<(DocId, String), SpecError> {
        let (file, pointer) = reference.split_once('#').unwrap_or((reference, ""));
        if file.is_empty() {
            return Ok((from, pointer.to_owned()));
        }
        let base = self.docs[from].path.parent().unwrap_or(Path::new("."));
        let found = std::fs::canonicalize(base.join(file)).ok().and_then(|wanted| {
            self.docs.iter().position(|d| std::fs::canonicalize(&d.path).ok().as_ref() == Some(&wanted))
        });
        let doc = found.ok_or_else(|| {
            SpecError::new(
                &self.docs[from].path,
                at,
                format!("$ref `{reference}` points into a file that cannot be read"),
            )
        })?;
        Ok((doc, pointer.to_owned()))
    }

    /// Splits a `$ref` to `#/components/<kind>/<name>`; other targets are refused.
    fn component(&self, from: DocId, reference: &str, kind: &str, at: &str) -> Result<ComponentKey, SpecError> {
        let file = &self.docs[from].path;
        let (doc, pointer) = self.target(from, reference, at)?;
        let prefix = format!("/components/{kind}/");
        match pointer.strip_prefix(&prefix) {
            Some(name) if !name.is_empty() && !name.contains('/') => {
                Ok(ComponentKey { doc, name: Pointer::unescape(name) })
            }
            _ => Err(SpecError::new(
                file,
                at,
                format!(
                    "$ref `{reference}` must point at `#/components/{kind}/<name>`; other targets are not supported"
                ),
            )),
        }
    }

    pub fn schema_key(&self, from: DocId, reference: &str, at: &str) -> Result<ComponentKey, SpecError> {
        let key = self.component(from, reference, "schemas", at)?;
        let exists = self.docs[key.doc].spec.components.as_ref().is_some_and(|c| c.schemas.contains_key(&key.name));
        if exists {
            Ok(key)
        } else {
            Err(self.missing(from, reference, at))
        }
    }

    fn missing(&self, from: DocId, reference: &str, at: &str) -> SpecError {
        SpecError::new(
            &self.docs[from].path,
            at,
            format!("$ref `{reference}` points at a component that does not exist"),
        )
    }

    /// The schema a component key names, as written (possibly a `$ref` to another).
    pub fn schema(&self, key: &ComponentKey) -> Option<&ReferenceOr<Schema>> {
        self.docs[key.doc].spec.components.as_ref()?.schemas.get(&key.name)
    }

    /// Follows `$ref`s (up to a bound, so a cycle of references is an error, not a hang).
    fn resolve<'a, T>(
        &'a self,
        from: DocId,
        item: &'a ReferenceOr<T>,
        kind: &str,
        at: &str,
        table: impl Fn(&'a openapiv3::Components) -> &'a indexmap::IndexMap<String, ReferenceOr<T>>,
    ) -> Result<(DocId, &'a T), SpecError> {
        let (mut doc, mut item) = (from, item);
        for _ in 0..MAX_REFERENCE_CHAIN {
            match item {
                ReferenceOr::Item(value) => return Ok((doc, value)),
                ReferenceOr::Reference { reference } => {
                    let key = self.component(doc, reference, kind, at)?;
                    let components = self.docs[key.doc].spec.components.as_ref();
                    item = components
                        .and_then(|c| table(c).get(&key.name))
                        .ok_or_else(|| self.missing(doc, reference, at))?;
                    doc = key.doc;
                }
            }
        }
        Err(SpecError::new(&self.docs[from].path, at, format!("$ref chain of {kind} does not end (a cycle?)")))
    }

    /// The schema a component stands for, following `$ref` chains between components.
    pub fn resolved_schema(&self, key: &ComponentKey, at: &str) -> Result<&Schema, SpecError> {
        let schema = self.schema(key).expect("component keys come from the documents");
        self.resolve(key.doc, schema, "schemas", at, |c| &c.schemas).map(|(_, schema)| schema)
    }

    /// Refuses a component that is only a `$ref` to `target` when the bare `$ref`s from `target`
    /// lead back to it: no schema says what it is.
    pub fn check_not_self_reference(&self, key: &ComponentKey, target: &ComponentKey) -> Result<(), SpecError> {
        let Some(ReferenceOr::Reference { reference }) = self.schema(key) else { return Ok(()) };
        let mut current = target.clone();
        for _ in 0..MAX_REFERENCE_CHAIN {
            if &current == key {
                break;
            }
            match self.schema(&current) {
                Some(ReferenceOr::Reference { reference }) => match self.schema_key(current.doc, reference, "") {
                    Ok(next) => current = next,
                    Err(_) => return Ok(()),
                },
                _ => return Ok(()),
            }
        }
        Err(SpecError::new(
            &self.docs[key.doc].path,
            key.schema_pointer().join("$ref").as_str(),
            format!("`{}` is only a reference to itself (through `{reference}`): no schema says what it is", key.name),
        ))
    }

    /// A path item; one given by `$ref` is refused.
    pub fn path_item<'a>(
        &self,
        from: DocId,
        item: &'a ReferenceOr<PathItem>,
        at: &str,
    ) -> Result<&'a PathItem, SpecError> {
        match item {
            ReferenceOr::Item(item) => Ok(item),
            ReferenceOr::Reference { .. } => {
                Err(SpecError::new(&self.docs[from].path, at, "path items given by $ref are not supported"))
            }
        }
    }

    pub fn parameter<'a>(
        &'a self,
        from: DocId,
        item: &'a ReferenceOr<Parameter>,
        at: &str,
    ) -> Result<(DocId, &'a Parameter), SpecError> {
        self.resolve(from, item, "parameters", at, |c| &c.parameters)
    }

    pub fn response<'a>(
        &'a self,
        from: DocId,
        item: &'a ReferenceOr<Response>,
        at: &str,
    ) -> Result<(DocId, &'a Response), SpecError> {
        self.resolve(from, item, "responses", at, |c| &c.responses)
    }

    pub fn request_body<'a>(
        &'a self,
        from: DocId,
        item: &'a ReferenceOr<RequestBody>,
        at: &str,
    ) -> Result<(DocId, &'a RequestBody), SpecError> {
        self.resolve(from, item, "requestBodies", at, |c| &c.request_bodies)
    }
}

/// Which of a `oneOf`'s `members` a discriminator mapping's `target` names: a target is a `$ref`
/// or the bare name of a component schema.
pub fn mapping_member(target: &str, members: &[ReferenceOr<Schema>]) -> Option<usize> {
    let position = |reference: &str| {
        members.iter().position(|m| matches!(m, ReferenceOr::Reference { reference: r } if r == reference))
    };
    let full = if target.contains('/') { target.to_owned() } else { format!("#/components/schemas/{target}") };
    position(&full).or_else(|| position(target))
}

/// The discriminator value of a `oneOf` member when the mapping is left out: the name of the
/// schema it references (`None` for a schema written in place).
pub fn implicit_mapping_value(member: &ReferenceOr<Schema>) -> Option<&str> {
    match member {
        ReferenceOr::Reference { reference } => Some(reference.rsplit('/').next().unwrap_or(reference)),
        ReferenceOr::Item(_) => None,
    }
}

/// The files other than itself that a spec's `$ref`s name.
fn external_files(spec: &OpenAPI) -> Vec<String> {
    fn walk(value: &serde_json::Value, out: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) => {
                if let Some(serde_json::Value::String(reference)) = map.get("$ref") {
                    if let Some((file, _)) = reference.split_once('#') {
                        if !file.is_empty() && !out.iter().any(|f| f == file) {
                            out.push(file.to_owned());
                        }
                    }
                }
                map.values().for_each(|v| walk(v, out));
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    // Serialising back to a tree is the simplest complete walk over every place a `$ref` may sit.
    if let Ok(tree) = serde_json::to_value(spec) {
        walk(&tree, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_callback_given_by_ref_is_skipped_and_other_shape_errors_still_reported() {
        let spec = |callback: &str, responses: &str| {
            format!(
                "openapi: 3.0.3\ninfo: {{ title: T, version: '1' }}\npaths:\n  /subscribe:\n    post:\n      \
                 operationId: subscribe\n      callbacks:\n        onEvent:\n          {callback}\n      \
                 responses: {responses}\n"
            )
        };
        let by_ref = spec("$ref: '#/components/callbacks/Event'", "{ '204': { description: Done } }");
        let parsed = parse_str(Path::new("cb.yaml"), &by_ref).expect("a $ref callback is skipped");
        assert!(parsed.paths.paths.contains_key("/subscribe"));
        // A real error elsewhere in a spec that also has callbacks is still the error.
        let broken = spec("$ref: '#/components/callbacks/Event'", "7");
        let err = parse_str(Path::new("cb.yaml"), &broken).unwrap_err();
        assert!(err.pointer.starts_with("/paths"), "{err}");
    }

    #[test]
    fn discriminator_mappings_name_members_by_ref_or_bare_name() {
        let reference = |r: &str| ReferenceOr::Reference { reference: r.to_owned() };
        let members = [
            reference("#/components/schemas/Card"),
            ReferenceOr::Item(Schema {
                schema_data: Default::default(),
                schema_kind: openapiv3::SchemaKind::Any(Default::default()),
            }),
            reference("Bank"),
        ];
        let cases = [
            ("#/components/schemas/Card", Some(0)),
            ("Card", Some(0)),
            ("Bank", Some(2)),
            ("#/components/schemas/Bank", None),
            ("other.yaml#/components/schemas/Card", None),
        ];
        for (target, expected) in cases {
            assert_eq!(mapping_member(target, &members), expected, "{target}");
        }
        let implicit: Vec<Option<&str>> = members.iter().map(implicit_mapping_value).collect();
        assert_eq!(implicit, [Some("Card"), None, Some("Bank")]);
    }
}
