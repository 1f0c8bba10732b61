//! The seed documents: every spec and fixture of the repository, bundled into one document each
//! and cut into slices of one operation with the components it reaches. A slice generates in a
//! few milliseconds where a whole Zoom spec takes a hundred, so a run covers far more inputs,
//! and every operation of every spec is a starting point.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

/// Whole documents at most this many operations long are seeds as they are, next to their slices
/// (a mutation across operations, such as a duplicate operationId, needs more than one).
const WHOLE_DOCUMENT_OPERATIONS: usize = 12;

/// Every spec (a file, or a folder of files) and fixture of the repository, bundled; then each
/// one's operations as slices.
pub fn seeds(root: &Path) -> Result<Vec<Value>, String> {
    let mut sources: Vec<PathBuf> = Vec::new();
    for dir in ["specs", "tests/fixtures"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else { continue };
        sources.extend(
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.is_dir() || p.extension().is_some_and(|e| e == "yaml" || e == "yml" || e == "json")),
        );
    }
    sources.sort();
    let mut seeds = Vec::new();
    for source in &sources {
        let doc = clientgen::bundle::bundle(source).map_err(|e| e.to_string())?;
        let operations = operations(&doc);
        if operations.len() <= WHOLE_DOCUMENT_OPERATIONS {
            seeds.push(doc.clone());
        }
        seeds.extend(operations.iter().map(|(path, method)| slice(&doc, path, method)));
    }
    Ok(seeds)
}

/// The operations a path item can hold.
pub(super) const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// (path, method) of every operation of `doc`.
fn operations(doc: &Value) -> Vec<(String, String)> {
    let Some(paths) = doc.get("paths").and_then(Value::as_object) else { return Vec::new() };
    paths
        .iter()
        .flat_map(|(path, item)| {
            METHODS.iter().filter(|m| item.get(**m).is_some()).map(move |m| (path.clone(), (*m).to_owned()))
        })
        .collect()
}

/// `doc` with one operation (and its path's shared parameters) and the components it reaches.
fn slice(doc: &Value, path: &str, method: &str) -> Value {
    let item = &doc["paths"][path];
    let mut kept_item = Map::new();
    for key in ["parameters", "servers", method] {
        if let Some(value) = item.get(key) {
            kept_item.insert(key.to_owned(), value.clone());
        }
    }
    let mut out = Map::new();
    for key in ["openapi", "info", "servers", "security"] {
        if let Some(value) = doc.get(key) {
            out.insert(key.to_owned(), value.clone());
        }
    }
    let mut paths = Map::new();
    paths.insert(path.to_owned(), Value::Object(kept_item));
    out.insert("paths".into(), Value::Object(paths));

    // The components the operation reaches, followed through the components themselves.
    let mut reached: BTreeSet<(String, String)> = BTreeSet::new();
    let mut queue = Vec::new();
    references(&out["paths"], &mut queue);
    while let Some(pointer) = queue.pop() {
        let mut parts = pointer.trim_start_matches("#/components/").splitn(2, '/');
        let (Some(kind), Some(name)) = (parts.next(), parts.next()) else { continue };
        let name = name.replace("~1", "/").replace("~0", "~");
        if !reached.insert((kind.to_owned(), name.clone())) {
            continue;
        }
        if let Some(component) = doc.pointer(&format!("/components/{kind}")).and_then(|c| c.get(&name)) {
            references(component, &mut queue);
        }
    }
    let mut components = Map::new();
    if let Some(schemes) = doc.pointer("/components/securitySchemes") {
        components.insert("securitySchemes".into(), schemes.clone());
    }
    for (kind, name) in reached {
        if let Some(component) = doc.pointer(&format!("/components/{kind}")).and_then(|c| c.get(&name)) {
            let group = components.entry(kind).or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(group) = group {
                group.insert(name, component.clone());
            }
        }
    }
    out.insert("components".into(), Value::Object(components));
    Value::Object(out)
}

/// Every local `$ref` (and discriminator mapping target) under `value`.
fn references(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                match (key.as_str(), child) {
                    ("$ref", Value::String(target)) if target.starts_with("#/components/") => out.push(target.clone()),
                    ("mapping", Value::Object(mapping)) => {
                        out.extend(
                            mapping
                                .values()
                                .filter_map(Value::as_str)
                                .filter(|t| t.starts_with("#/"))
                                .map(str::to_owned),
                        );
                        // A property may be called `mapping` too.
                        references(child, out);
                    }
                    _ => references(child, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| references(item, out)),
        _ => {}
    }
}
