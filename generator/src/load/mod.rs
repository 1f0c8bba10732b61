//! Loading and resolving specs. The only module that knows about `serde_yaml` (deprecated
//! upstream, so it stays behind this one door) and about `$ref` syntax.

mod explain;
mod fragment;
mod lines;
mod oas31;
mod parse;
mod repair;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use openapiv3::{OpenAPI, Parameter, PathItem, ReferenceOr, RequestBody, Response, Schema};

pub(crate) use self::fragment::kind_at;
pub(crate) use self::parse::locate;
pub use self::parse::{parse_file, parse_repairing, parse_str, Parsed};
use self::parse::{read_spec, NamedBy};
use crate::error::{Pointer, SpecError};

/// One parsed spec file.
#[derive(Debug)]
pub struct Document {
    pub path: PathBuf,
    pub spec: OpenAPI,
    /// Referenced whole (`$ref: ./pet.yaml`): the file is one component, named after it, and
    /// `spec` holds just that (see `fragment`).
    pub whole_file: bool,
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
    /// Each document by its canonical path and whether it is a whole file: a `$ref` into another
    /// file is found with one `canonicalize` (of its target), not one per document.
    by_path: HashMap<(PathBuf, bool), DocId>,
    /// The canonical paths of the files `$ref`s name (`None`: not there), each asked of the file
    /// system once: a split spec's families name `common.yaml` in hundreds of `$ref`s.
    canonical: Mutex<HashMap<PathBuf, Option<PathBuf>>>,
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

impl Bundle {
    /// Loads the given spec files and every file their `$ref`s point into.
    pub fn load(paths: &[PathBuf]) -> Result<Self, SpecError> {
        let mut bundle = Bundle {
            docs: Vec::new(),
            roots: paths.len(),
            warnings: Vec::new(),
            notes: Vec::new(),
            by_path: HashMap::new(),
            canonical: Mutex::default(),
        };
        // Each file to read: for a file referenced whole, the kind of component its place says it
        // is; and the `$ref` that named the file, if any.
        let mut queue: Vec<(PathBuf, Option<&'static str>, Option<NamedBy>)> =
            paths.iter().map(|path| (path.clone(), None, None)).collect();
        // The named files are parsed side by side (parsing is most of loading, and a spec split
        // by family is a dozen files); files reached through `$ref`s then one by one.
        let mut named = crate::parallel::map(paths, |path| read_spec(path, None));
        let mut next = 0;
        while next < queue.len() {
            let (path, whole_kind, named_by) = queue[next].clone();
            next += 1;
            let key = (bundle.canonical(&path).unwrap_or_else(|| path.clone()), whole_kind.is_some());
            // The document, and whether it may name other files (worth walking for `$ref`s).
            let (id, names_files) = match (bundle.by_path.get(&key), whole_kind) {
                (Some(_), None) => continue,
                (Some(&id), Some(kind)) if fragment::has_kind(&bundle.docs[id].spec, kind) => continue,
                (Some(&id), Some(kind)) => {
                    fragment::add_component(&mut bundle.docs[id].spec, &path, kind)?;
                    (id, true)
                }
                // A whole file that is not there is reported where it is used, if it is.
                (None, Some(_)) if !path.is_file() => continue,
                (None, Some(kind)) => {
                    let mut spec = fragment::empty_document();
                    fragment::add_component(&mut spec, &path, kind)?;
                    bundle.docs.push(Document { path: path.clone(), spec, whole_file: true });
                    (bundle.docs.len() - 1, true)
                }
                (None, None) => {
                    let read = match named.get_mut(next - 1).and_then(Option::take) {
                        Some(read) => read,
                        None => read_spec(&path, named_by.as_ref()),
                    };
                    let (text, Parsed { spec, warnings, notes }) = read?;
                    bundle.warnings.extend(warnings);
                    bundle.notes.extend(notes);
                    bundle.docs.push(Document { path: path.clone(), spec, whole_file: false });
                    // Walking a whole spec for references is only worth it when one names a file.
                    (bundle.docs.len() - 1, names_another_file(&text))
                }
            };
            bundle.by_path.insert(key, id);
            if !names_files {
                continue;
            }
            for (target, kind, at, reference) in external_files(&bundle.docs[id].spec) {
                let target = path.parent().unwrap_or(Path::new(".")).join(target);
                queue.push((target, kind, Some((path.clone(), at, reference))));
            }
        }
        Ok(bundle)
    }

    /// One document given as text (named `path` in errors), without reading any file: a `$ref`
    /// into another file fails as it would for a missing file. For in-process tools such as the
    /// fuzzer, which would otherwise write every input to disk.
    pub fn from_text(path: &Path, text: &str) -> Result<Self, SpecError> {
        let Parsed { spec, warnings, notes } = parse_repairing(path, text)?;
        let docs = vec![Document { path: path.to_owned(), spec, whole_file: false }];
        let key = (std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned()), false);
        let by_path = HashMap::from([(key, 0)]);
        Ok(Bundle { docs, roots: 1, warnings, notes, by_path, canonical: Mutex::default() })
    }

    /// The document a `$ref` written in `from` (at `at`) points into, and the pointer inside it.
    /// A whole file (`./pet.yaml`) is a component of `kind`, named after the file.
    pub(crate) fn target(
        &self,
        from: DocId,
        reference: &str,
        kind: &str,
        at: &str,
    ) -> Result<(DocId, String), SpecError> {
        let (file, pointer) = reference.split_once('#').unwrap_or((reference, ""));
        if file.is_empty() {
            return Ok((from, pointer.to_owned()));
        }
        let whole = pointer.is_empty() || pointer == "/";
        let base = self.docs[from].path.parent().unwrap_or(Path::new("."));
        let found = self.canonical(&base.join(file)).and_then(|wanted| self.by_path.get(&(wanted, whole)).copied());
        let doc = found.ok_or_else(|| {
            let message = if !base.join(file).is_file() {
                format!("$ref `{reference}` points into `{file}`, which does not exist")
            } else if whole {
                format!("$ref `{reference}` names a whole file where a client reads no {kind}")
            } else {
                format!("$ref `{reference}` points into `{file}`, which was not loaded")
            };
            SpecError::new(&self.docs[from].path, at, message)
        })?;
        if whole {
            let name = fragment::component_name(&self.docs[doc].path);
            return Ok((doc, Pointer::root().join("components").join(kind).join(name).to_string()));
        }
        Ok((doc, pointer.to_owned()))
    }

    /// `path` made canonical, asking the file system once per path (the loader and every `$ref`
    /// into another file ask for the same few paths).
    fn canonical(&self, path: &Path) -> Option<PathBuf> {
        // A poisoned lock only means another thread panicked mid-insert; the map is still sound.
        let mut known = self.canonical.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        known.entry(path.to_owned()).or_insert_with(|| std::fs::canonicalize(path).ok()).clone()
    }

    /// Splits a `$ref` to `#/components/<kind>/<name>`; other targets are refused.
    fn component(&self, from: DocId, reference: &str, kind: &str, at: &str) -> Result<ComponentKey, SpecError> {
        let file = &self.docs[from].path;
        let (doc, pointer) = self.target(from, reference, kind, at)?;
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

/// Whether a spec's text may have a `$ref` to another file.
fn names_another_file(text: &str) -> bool {
    // A file is named with its extension (`other.yaml#/...`, or `./pet.yaml` whole), in any case;
    // looked for at each `.` rather than in a lowercased copy of the whole text.
    let bytes = text.as_bytes();
    bytes.iter().enumerate().filter(|(_, b)| **b == b'.').any(|(at, _)| {
        [&b"yaml"[..], b"yml", b"json"]
            .iter()
            .any(|ext| bytes.get(at + 1..at + 1 + ext.len()).is_some_and(|found| found.eq_ignore_ascii_case(ext)))
    })
}

/// The files other than itself that a spec's `$ref`s name: the file; for a file referenced
/// whole, the kind of component its place says it is (see [`kind_at`]; places a client does not
/// read are left out); where the `$ref` is, and the `$ref` itself.
fn external_files(spec: &OpenAPI) -> Vec<(String, Option<&'static str>, String, String)> {
    type Found = Vec<(String, Option<&'static str>, String, String)>;
    fn walk(value: &serde_json::Value, at: &mut Vec<String>, out: &mut Found) {
        match value {
            serde_json::Value::Object(map) => {
                if let Some(serde_json::Value::String(reference)) = map.get("$ref") {
                    let (file, pointer) = reference.split_once('#').unwrap_or((reference, ""));
                    // A remote reference (`https://...`) is not fetched; lowering names it if used.
                    let wanted = if file.is_empty() || file.contains("://") {
                        None
                    } else if pointer.is_empty() || pointer == "/" {
                        kind_at(at).map(|kind| (file.to_owned(), Some(kind)))
                    } else {
                        Some((file.to_owned(), None))
                    };
                    if let Some((file, kind)) = wanted.filter(|w| !out.iter().any(|(f, k, ..)| (f, k) == (&w.0, &w.1)))
                    {
                        let place = at.iter().fold(Pointer::root(), |p, segment| p.join(segment)).to_string();
                        out.push((file, kind, place, reference.clone()));
                    }
                }
                for (key, child) in map {
                    at.push(key.clone());
                    walk(child, at, out);
                    at.pop();
                }
            }
            serde_json::Value::Array(items) => {
                for (index, child) in items.iter().enumerate() {
                    at.push(index.to_string());
                    walk(child, at, out);
                    at.pop();
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    // Serialising back to a tree is the simplest complete walk over every place a `$ref` may sit.
    if let Ok(tree) = serde_json::to_value(spec) {
        walk(&tree, &mut Vec::new(), &mut out);
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
