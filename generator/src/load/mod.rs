//! Loading and resolving specs. The only module that knows about `serde_yaml` (deprecated
//! upstream, so it stays behind this one door) and about `$ref` syntax.

mod explain;
mod lines;
mod oas31;
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
    /// Parts of the documents left out on purpose (see [`Parsed::notes`]).
    pub notes: Vec<SpecError>,
}

/// Where a `$ref` to another file is written (file, pointer) and the reference itself.
type NamedBy = (PathBuf, String, String);

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
    let parsed = parse_repairing(path, text)?;
    match parsed.warnings.into_iter().next() {
        Some(warning) => Err(warning),
        None => Ok(parsed.spec),
    }
}

/// A parsed spec and what reading it found.
#[derive(Debug)]
pub struct Parsed {
    pub spec: OpenAPI,
    /// Defects repaired and lossy readings (`--strict` refuses them).
    pub warnings: Vec<SpecError>,
    /// Parts left out on purpose that change nothing a client does (OpenAPI 3.1 `webhooks`).
    pub notes: Vec<SpecError>,
}

/// Parses spec text: OpenAPI 3.0 as it is, OpenAPI 3.1 rewritten into 3.0 first (see
/// `oas31.rs`), repairing the defects that do not change what a client does (a response
/// without its required `description`, an `info` without `title` or `version`), each with a
/// warning that names where it is; and skipping callbacks. Anything else that does not parse is
/// an error.
pub fn parse_repairing(path: &Path, text: &str) -> Result<Parsed, SpecError> {
    let is_json = path.extension().is_some_and(|ext| ext.eq_ignore_ascii_case("json"));
    let strict = parse_strict(path, text, is_json);
    if let Ok(spec) = strict.as_ref() {
        if spec.openapi.starts_with("3.0") {
            return Ok(Parsed { spec: strict.expect("checked"), warnings: Vec::new(), notes: Vec::new() });
        }
    }
    // Read as a tree once, for all of these: a Swagger 2.0 document is named as one, a 3.1 one
    // is rewritten, and what does not change a client is repaired; otherwise the first error stands.
    let tree: Option<serde_json::Value> =
        if is_json { serde_json::from_str(text).ok() } else { serde_yaml::from_str(text).ok() };
    let Some(mut tree) = tree else { return strict.and_then(|spec| check_version(path, spec).map(Parsed::plain)) };
    if let Some(swagger) = repair::swagger_2(path, text, &tree) {
        return Err(swagger);
    }
    let version = tree.get("openapi").and_then(|v| v.as_str()).map(|v| format!("OpenAPI {v}"));
    if oas31::is_31(&tree) {
        let findings = oas31::to_30(path, text, &mut tree)?;
        let (spec, mut warnings) = parse_tree(path, text, tree, version.as_deref())?;
        warnings.splice(0..0, findings.warnings);
        return Ok(Parsed { spec, warnings, notes: findings.notes });
    }
    match strict {
        Ok(spec) => check_version(path, spec).map(Parsed::plain),
        Err(err) => {
            let err = explain::explain(text, &tree, version.as_deref(), err);
            match repair::repaired(path, text, tree) {
                Some((spec, warnings)) => {
                    check_version(path, spec).map(|spec| Parsed { spec, warnings, notes: Vec::new() })
                }
                None => Err(err),
            }
        }
    }
}

impl Parsed {
    fn plain(spec: OpenAPI) -> Self {
        Parsed { spec, warnings: Vec::new(), notes: Vec::new() }
    }
}

/// A document tree (rewritten from 3.1) parsed as 3.0; what does not parse is repaired as in a
/// 3.0 document, or an error at the pointer of what does not parse.
fn parse_tree(
    path: &Path,
    text: &str,
    tree: serde_json::Value,
    version: Option<&str>,
) -> Result<(OpenAPI, Vec<SpecError>), SpecError> {
    match serde_path_to_error::deserialize::<_, OpenAPI>(&tree) {
        Ok(spec) => check_version(path, spec).map(|spec| (spec, Vec::new())),
        Err(err) => {
            let pointer = pointer_of(err.path());
            let error = SpecError {
                file: path.to_owned(),
                location: line_of(text, &pointer),
                pointer,
                message: err.into_inner().to_string(),
            };
            let error = explain::explain(text, &tree, version, error);
            repair::repaired(path, text, tree).ok_or(error)
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
            SpecError { file: path.to_owned(), pointer, location, message: json_message(&inner) }
        })
    } else {
        let de = serde_yaml::Deserializer::from_str(text);
        serde_path_to_error::deserialize(de).map_err(|err| {
            let pointer = pointer_of(err.path());
            let inner = err.into_inner();
            let location = inner.location().map(|l| (l.line(), l.column()));
            SpecError { file: path.to_owned(), pointer, location, message: yaml_message(&inner) }
        })
    }
}

/// serde_json appends " at line L column C" to its messages; we report the location separately.
fn json_message(err: &serde_json::Error) -> String {
    let message = err.to_string();
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message,
    }
}

/// serde_yaml appends " at line L column C" to its messages; we report the location separately.
fn yaml_message(err: &serde_yaml::Error) -> String {
    let message = err.to_string();
    match message.find(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message,
    }
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
            format!("OpenAPI {} is not supported; this generator reads 3.0.x and 3.1.x", spec.openapi),
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

/// Reads and parses one spec file; a file named by a `$ref` that cannot be read is reported
/// at that `$ref`.
fn read_spec(path: &Path, named_by: Option<&NamedBy>) -> Result<(String, Parsed), SpecError> {
    let text = std::fs::read_to_string(path).map_err(|err| match named_by {
        None => SpecError::new(path, "", format!("cannot read the spec: {err}")),
        Some((from, at, reference)) => {
            let why = match err.kind() {
                std::io::ErrorKind::NotFound => "which does not exist".to_owned(),
                _ => format!("which cannot be opened: {err}"),
            };
            let message = format!("$ref `{reference}` points into {}, {why}", path.display());
            locate(SpecError::new(from, at.as_str(), message))
        }
    })?;
    let parsed = parse_repairing(path, &text)?;
    Ok((text, parsed))
}

impl Bundle {
    /// Loads the given spec files and every file their `$ref`s point into.
    pub fn load(paths: &[PathBuf]) -> Result<Self, SpecError> {
        let mut bundle = Bundle { docs: Vec::new(), roots: paths.len(), warnings: Vec::new(), notes: Vec::new() };
        let mut index: HashMap<PathBuf, DocId> = HashMap::new();
        // Each file to read, with the `$ref` that named it if any.
        let mut queue: Vec<(PathBuf, Option<NamedBy>)> = paths.iter().map(|path| (path.clone(), None)).collect();
        // The named files are parsed side by side (parsing is most of loading, and a spec split
        // by family is a dozen files); files reached through `$ref`s then one by one.
        let mut named: Vec<Option<Result<(String, Parsed), SpecError>>> = std::thread::scope(|scope| {
            let parsing: Vec<_> = paths.iter().map(|path| scope.spawn(move || read_spec(path, None))).collect();
            parsing.into_iter().map(|handle| handle.join().ok()).collect()
        });
        let mut next = 0;
        while next < queue.len() {
            let (path, named_by) = queue[next].clone();
            next += 1;
            let key = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
            if index.contains_key(&key) {
                continue;
            }
            let read = match named.get_mut(next - 1).and_then(Option::take) {
                Some(read) => read,
                None => read_spec(&path, named_by.as_ref()),
            };
            let (text, Parsed { spec, warnings, notes }) = read?;
            bundle.warnings.extend(warnings);
            bundle.notes.extend(notes);
            // Walking a whole spec for references is only worth it when one names a file.
            if names_another_file(&text) {
                for (target, at, reference) in external_files(&spec) {
                    let target = path.parent().unwrap_or(Path::new(".")).join(target);
                    queue.push((target, Some((path.clone(), at, reference))));
                }
            }
            index.insert(key, bundle.docs.len());
            bundle.docs.push(Document { path, spec });
        }
        Ok(bundle)
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
            // Files are loaded for the `$ref`s that name something inside them (`file#/...`).
            let message = if reference.contains('#') {
                format!("$ref `{reference}` points into `{file}`, which was not loaded")
            } else {
                format!(
                    "$ref `{reference}` names a whole file; name what it refers to inside the file \
                     (`{file}#/components/schemas/<name>`)"
                )
            };
            SpecError::new(&self.docs[from].path, at, message)
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
            _ => {
                // Another kind of component (a response where a schema belongs) is a mistake, not
                // an unsupported form: say which kind it names.
                let other = pointer.strip_prefix("/components/").and_then(|rest| rest.split_once('/'));
                let message = match other {
                    Some((other, _)) if other != kind => format!(
                        "$ref `{reference}` points at `{other}`, where one of `{kind}` belongs \
                         (`#/components/{kind}/<name>`)"
                    ),
                    _ => format!(
                        "$ref `{reference}` must point at `#/components/{kind}/<name>`; other targets are not supported"
                    ),
                };
                Err(SpecError::new(file, at, message))
            }
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

/// Whether a spec's text has a `$ref` into another file (`other.yaml#...`, any case).
fn names_another_file(text: &str) -> bool {
    text.match_indices('#').any(|(at, _)| {
        let before = &text.as_bytes()[..at];
        [&b".yaml"[..], b".yml", b".json"]
            .iter()
            .any(|ext| before.len() >= ext.len() && before[before.len() - ext.len()..].eq_ignore_ascii_case(ext))
    })
}

/// The files other than itself that a spec's `$ref`s name, each with where it is first named
/// and the `$ref` that names it.
fn external_files(spec: &OpenAPI) -> Vec<(String, String, String)> {
    fn walk(value: &serde_json::Value, at: &Pointer, out: &mut Vec<(String, String, String)>) {
        match value {
            serde_json::Value::Object(map) => {
                if let Some(serde_json::Value::String(reference)) = map.get("$ref") {
                    if let Some((file, _)) = reference.split_once('#') {
                        if !file.is_empty() && !out.iter().any(|(f, ..)| f == file) {
                            out.push((file.to_owned(), at.to_string(), reference.clone()));
                        }
                    }
                }
                map.iter().for_each(|(key, v)| walk(v, &at.join(key), out));
            }
            serde_json::Value::Array(items) => items.iter().enumerate().for_each(|(i, v)| walk(v, &at.join(i), out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    // Serialising back to a tree is the simplest complete walk over every place a `$ref` may sit.
    if let Ok(tree) = serde_json::to_value(spec) {
        walk(&tree, &Pointer::root(), &mut out);
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
    fn a_security_object_is_read_as_a_list_of_one_requirement_with_a_warning() {
        let text =
            "openapi: 3.0.3\ninfo: { title: T, version: '1' }\nsecurity:\n  key: []\npaths:\n  /a:\n    get:\n      \
                    operationId: getA\n      security:\n        key: []\n        oauth: [read]\n      \
                    responses: { '204': { description: Done } }\n";
        let parsed = parse_repairing(Path::new("s.yaml"), text).unwrap();
        let found: Vec<(&str, Option<(usize, usize)>)> =
            parsed.warnings.iter().map(|w| (w.pointer.as_str(), w.location)).collect();
        assert_eq!(found, [("/security", Some((3, 1))), ("/paths/~1a/get/security", Some((9, 7)))]);
        let operation = parsed.spec.paths.paths["/a"].as_item().and_then(|item| item.get.as_ref()).unwrap();
        let requirements = operation.security.as_ref().unwrap();
        assert_eq!((requirements.len(), requirements[0].len()), (1, 2), "one requirement of both schemes");
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
