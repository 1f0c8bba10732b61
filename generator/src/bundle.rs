//! One self-contained document from a spec split over several files (`clientgen bundle`), for
//! tools that read a single file: the peers `cargo xtask bench` runs side by side, validators,
//! documentation renderers. `$ref`s across files become local; a component name two files use
//! for different things is prefixed with its file's name.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde_json::{Map, Value};

use crate::error::{Pointer, SpecError};
use crate::load::{Bundle, DocId};
use crate::names;

/// The spec at `spec` (a file or a folder) as one OpenAPI document. Its `info`, `servers` and
/// `security` come from the folder's file without paths (the conventions of `specs/README.md`),
/// or else from the first file.
pub fn bundle(spec: &Path) -> Result<Value, SpecError> {
    let files = crate::spec_files(spec)?;
    let loaded = Bundle::load(&files)?;
    let mut trees = Vec::with_capacity(loaded.docs.len());
    for doc in &loaded.docs {
        trees.push(serde_json::to_value(&doc.spec).map_err(|e| SpecError::new(&doc.path, "", e.to_string()))?);
    }
    let names = component_names(&loaded, &trees);
    for (doc, tree) in trees.iter_mut().enumerate() {
        rewrite_refs(&loaded, &names, doc, tree, &Pointer::root())?;
    }

    let base =
        (0..loaded.roots).find(|&d| trees[d].get("paths").is_none_or(|p| p.as_object().is_none_or(Map::is_empty)));
    let base = base.unwrap_or(0);
    let mut out = Map::new();
    for key in ["openapi", "info", "servers", "security"] {
        let value = trees[base].get(key).or_else(|| trees.iter().find_map(|t| t.get(key)));
        if let Some(value) = value {
            out.insert(key.to_owned(), value.clone());
        }
    }
    let mut paths = Map::new();
    let mut tags: Vec<Value> = Vec::new();
    let mut components: BTreeMap<String, Map<String, Value>> = BTreeMap::new();
    for (doc, tree) in trees.iter().enumerate() {
        for (path, item) in tree.get("paths").and_then(Value::as_object).into_iter().flatten() {
            merge_path(&loaded, doc, &mut paths, path, item)?;
        }
        for tag in tree.get("tags").and_then(Value::as_array).into_iter().flatten() {
            if !tags.iter().any(|t| t.get("name") == tag.get("name")) {
                tags.push(tag.clone());
            }
        }
        for (kind, entries) in tree.get("components").and_then(Value::as_object).into_iter().flatten() {
            for (name, value) in entries.as_object().into_iter().flatten() {
                let Some(new_name) = names.get(&(doc, kind.clone(), name.clone())) else {
                    continue; // a vendor extension under `components`
                };
                components.entry(kind.clone()).or_default().entry(new_name.clone()).or_insert_with(|| value.clone());
            }
        }
    }
    if !tags.is_empty() {
        out.insert("tags".into(), Value::Array(tags));
    }
    out.insert("paths".into(), Value::Object(paths));
    let components: Map<String, Value> = components.into_iter().map(|(k, v)| (k, Value::Object(v))).collect();
    if !components.is_empty() {
        out.insert("components".into(), Value::Object(components));
    }
    Ok(Value::Object(out))
}

/// (document, component kind, name) -> the name in the bundle. The same name with the same
/// content in two files is one component; with different content, the later file's is prefixed.
fn component_names(loaded: &Bundle, trees: &[Value]) -> HashMap<(DocId, String, String), String> {
    let mut names: HashMap<(DocId, String, String), String> = HashMap::new();
    let mut taken: HashMap<(String, String), &Value> = HashMap::new();
    for (doc, tree) in trees.iter().enumerate() {
        let stem = loaded.docs[doc].path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        for (kind, entries) in tree.get("components").and_then(Value::as_object).into_iter().flatten() {
            for (name, value) in entries.as_object().into_iter().flatten() {
                let mut chosen = name.clone();
                let mut n = 1;
                while let Some(existing) = taken.get(&(kind.clone(), chosen.clone())) {
                    if *existing == value {
                        break;
                    }
                    chosen = format!(
                        "{}{name}{}",
                        names::camel(&stem, "File"),
                        if n > 1 { n.to_string() } else { String::new() }
                    );
                    n += 1;
                }
                taken.entry((kind.clone(), chosen.clone())).or_insert(value);
                names.insert((doc, kind.clone(), name.clone()), chosen);
            }
        }
    }
    names
}

/// Makes every `$ref` of document `doc` local to the bundle.
fn rewrite_refs(
    loaded: &Bundle,
    names: &HashMap<(DocId, String, String), String>,
    doc: DocId,
    value: &mut Value,
    at: &Pointer,
) -> Result<(), SpecError> {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get_mut("$ref") {
                *reference = local_ref(loaded, names, doc, reference, at)?;
            }
            for (key, child) in map.iter_mut() {
                rewrite_refs(loaded, names, doc, child, &at.join(key))?;
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter_mut().enumerate() {
                rewrite_refs(loaded, names, doc, child, &at.join(i))?;
            }
        }
        _ => {}
    }
    Ok(())
}

fn local_ref(
    loaded: &Bundle,
    names: &HashMap<(DocId, String, String), String>,
    doc: DocId,
    reference: &str,
    at: &Pointer,
) -> Result<String, SpecError> {
    let at = at.as_str();
    let file = &loaded.docs[doc].path;
    // A whole file (`./pet.yaml`) is a component of the kind its place says.
    let segments: Vec<&str> = at.split('/').skip(1).collect();
    let kind = crate::load::kind_at(&segments).unwrap_or("schemas");
    let (target, pointer) = loaded.target(doc, reference, kind, at)?;
    let mut parts = pointer.trim_start_matches('/').splitn(4, '/');
    if let (Some("components"), Some(kind), Some(name)) = (parts.next(), parts.next(), parts.next()) {
        if let Some(new_name) = names.get(&(target, kind.to_owned(), Pointer::unescape(name))) {
            let rest = parts.next().map(|r| format!("/{r}")).unwrap_or_default();
            let local = Pointer::root().join("components").join(kind).join(new_name);
            return Ok(format!("#{local}{rest}"));
        }
    }
    if target == doc {
        return Ok(reference.to_owned());
    }
    Err(SpecError::new(
        file,
        at,
        format!(
            "$ref `{reference}` points into another file outside `#/components/<kind>/<name>`; it cannot be bundled"
        ),
    ))
}

/// Adds one path item; two files may share a path only with different methods.
fn merge_path(
    loaded: &Bundle,
    doc: DocId,
    paths: &mut Map<String, Value>,
    path: &str,
    item: &Value,
) -> Result<(), SpecError> {
    let Some(existing) = paths.get_mut(path).and_then(Value::as_object_mut) else {
        paths.insert(path.to_owned(), item.clone());
        return Ok(());
    };
    for (key, value) in item.as_object().into_iter().flatten() {
        if existing.get(key).is_some_and(|old| old != value) {
            let pointer = Pointer::root().join("paths").join(path).join(key);
            return Err(SpecError::new(
                &loaded.docs[doc].path,
                pointer.as_str(),
                format!("`{path}` `{key}` is also defined, differently, by another file of the spec"),
            ));
        }
        existing.insert(key.clone(), value.clone());
    }
    Ok(())
}
