//! A mutation fuzzer for the generator: seed specs (every spec and fixture of the repository,
//! as JSON trees) are mutated at random and generated; generation may refuse a spec, but must
//! never panic, and must never produce code that does not parse ("internal error").
//!
//! Deterministic: the same seed gives the same inputs, so a failure can be replayed.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use clientgen::{CrateOptions, RuntimeDependency};
use serde_json::{json, Value};

/// What a run found.
#[derive(Debug, Default)]
pub struct FuzzReport {
    pub inputs: usize,
    /// Inputs the generator turned into a crate.
    pub generated: usize,
    /// Inputs it refused with a spec error.
    pub refused: usize,
    /// Inputs that made it panic or emit code that does not parse: (input file, what happened).
    pub failures: Vec<(PathBuf, String)>,
}

/// A small xorshift generator: reproducible without a dependency.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Names that have broken generators before: keywords, digits, symbols, collisions.
const HOSTILE_NAMES: &[&str] = &[
    "type", "self", "Self", "crate", "match", "2fa", "+1", "-1", "", "a-b", "a b", "é", "fooBar", "foo_bar", "FooBar",
    "Option", "$ref", "_", "__",
];

/// The seed documents: every spec and fixture of the repository, as JSON trees.
pub fn seeds(root: &Path) -> Result<Vec<Value>, String> {
    let mut files = Vec::new();
    for dir in ["specs", "specs/zoom", "tests/fixtures"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else { continue };
        files.extend(
            entries.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "yaml")),
        );
    }
    files.sort();
    files
        .iter()
        .map(|file| {
            let spec = clientgen::load::parse_file(file).map_err(|e| e.to_string())?;
            serde_json::to_value(spec).map_err(|e| e.to_string())
        })
        .collect()
}

/// Runs `inputs` mutated specs, written under `scratch` (kept when they fail).
pub fn fuzz(seeds: &[Value], inputs: usize, seed: u64, scratch: &Path) -> Result<FuzzReport, String> {
    std::fs::create_dir_all(scratch).map_err(|e| format!("cannot create {}: {e}", scratch.display()))?;
    let mut rng = Rng(seed.max(1));
    let mut report = FuzzReport::default();
    let options = CrateOptions {
        package_name: "fuzzed".into(),
        version: "0.1.0".into(),
        runtime: RuntimeDependency::Version("0.1".into()),
        preamble: "fuzzed".into(),
        spec_display: "fuzzed".into(),
    };
    // Panics are expected to be found and reported here, not printed as they happen.
    let quiet = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    for i in 0..inputs {
        let mut doc = seeds[rng.below(seeds.len())].clone();
        for _ in 0..1 + rng.below(4) {
            mutate(&mut doc, &mut rng);
        }
        let file = scratch.join(format!("input-{seed}-{i}.json"));
        std::fs::write(&file, doc.to_string()).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
        report.inputs += 1;
        match catch_unwind(AssertUnwindSafe(|| clientgen::generate_crate(&file, &options))) {
            Ok(Ok(_)) => {
                report.generated += 1;
                let _ = std::fs::remove_file(&file);
            }
            Ok(Err(err)) if err.message.starts_with("internal error") => report.failures.push((file, err.to_string())),
            Ok(Err(_)) => {
                report.refused += 1;
                let _ = std::fs::remove_file(&file);
            }
            Err(panic) => {
                let message = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                    .unwrap_or_default();
                report.failures.push((file, format!("panic: {message}")));
            }
        }
    }
    std::panic::set_hook(quiet);
    Ok(report)
}

/// One random change somewhere in the tree.
fn mutate(doc: &mut Value, rng: &mut Rng) {
    let schema_names: Vec<String> = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    let mut paths = Vec::new();
    collect_paths(doc, String::new(), &mut paths);
    let Some(target) = paths.get(rng.below(paths.len())).cloned() else { return };
    let Some(node) = doc.pointer_mut(&target) else { return };
    match rng.below(9) {
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
                    map.insert(HOSTILE_NAMES[rng.below(HOSTILE_NAMES.len())].to_owned(), value);
                }
            }
        }
        3 => {
            let name = if schema_names.is_empty() || rng.below(3) == 0 {
                "Missing".to_owned()
            } else {
                schema_names[rng.below(schema_names.len())].clone()
            };
            *node = json!({ "$ref": format!("#/components/schemas/{name}") });
        }
        4 => {
            if let Value::Object(map) = node {
                map.insert("nullable".into(), json!(true));
                map.insert("enum".into(), json!(["a", "A", "", "+1", 1, null]));
            }
        }
        5 => {
            let inner = node.clone();
            *node = json!({ "allOf": [inner, { "type": "object", "properties": { "type": { "type": "integer" } } }] });
        }
        6 => {
            let inner = node.clone();
            *node = json!({ "oneOf": [inner, { "type": "string" }, { "type": "array", "items": {} }] });
        }
        7 => {
            // A schema that refers to itself.
            if let Some(name) = schema_names.get(rng.below(schema_names.len().max(1))) {
                *node = json!({ "type": "object", "properties": { "me": { "$ref": format!("#/components/schemas/{name}") } }, "additionalProperties": { "$ref": format!("#/components/schemas/{name}") } });
            }
        }
        _ => {
            if let Value::Object(map) = node {
                map.insert(
                    HOSTILE_NAMES[rng.below(HOSTILE_NAMES.len())].to_owned(),
                    json!({ "type": "string", "format": "int64" }),
                );
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
