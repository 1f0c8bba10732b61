//! What a build of some packages compiles, from `cargo metadata`.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use serde_json::Value;
use xtask::project_root;

/// The packages a build of `roots` compiles and links as normal dependencies, with the features
/// that build turns on. `cargo metadata` unifies features over the whole workspace (the tests
/// turn on the runtime's `google-auth`, which brings serde's derive), so this follows the
/// manifests' dependencies and features itself, and uses the resolve only to find which package a
/// dependency is. Dev- and build-dependencies are left out at every level: a proc-macro is always
/// a normal dependency of the crate that uses it, and what a build script runs is not linked in.
pub(super) fn normal_closure(metadata: &Value, roots: &[&str]) -> BTreeSet<String> {
    let packages: BTreeMap<&str, &Value> =
        metadata["packages"].as_array().unwrap().iter().map(|p| (p["id"].as_str().unwrap(), p)).collect();
    let nodes: BTreeMap<&str, &Value> =
        metadata["resolve"]["nodes"].as_array().unwrap().iter().map(|n| (n["id"].as_str().unwrap(), n)).collect();
    let resolved = |id: &str, dependency: &Value| -> Option<String> {
        nodes[id]["deps"].as_array().unwrap().iter().find_map(|d| {
            let pkg = d["pkg"].as_str().unwrap();
            let normal = d["dep_kinds"].as_array().unwrap().iter().any(|k| k["kind"].is_null());
            (normal && packages[pkg]["name"] == dependency["name"]).then(|| pkg.to_owned())
        })
    };
    let strings = |v: &Value| -> Vec<String> {
        v.as_array().into_iter().flatten().filter_map(Value::as_str).map(str::to_owned).collect()
    };
    let mut reached: BTreeSet<String> = BTreeSet::new();
    let mut features: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut optional_on: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut dependency_features: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for root in roots {
        let id = packages.values().find(|p| p["name"] == *root).unwrap_or_else(|| panic!("no package {root}"));
        let id = id["id"].as_str().unwrap().to_owned();
        features.entry(id.clone()).or_default().insert("default".into());
        reached.insert(id);
    }
    // To a fixed point: features turn on optional dependencies and features of dependencies.
    loop {
        let mut changed = false;
        for id in reached.clone() {
            let package = packages[id.as_str()];
            let normal: Vec<&Value> =
                package["dependencies"].as_array().unwrap().iter().filter(|d| d["kind"].is_null()).collect();
            let name_of = |d: &Value| d["rename"].as_str().or(d["name"].as_str()).unwrap().to_owned();
            let names: BTreeSet<String> = normal.iter().map(|d| name_of(d)).collect();
            for feature in features.entry(id.clone()).or_default().clone() {
                let Some(entries) = package["features"].get(&feature) else {
                    // An optional dependency's implicit feature.
                    if names.contains(&feature) {
                        changed |= optional_on.entry(id.clone()).or_default().insert(feature);
                    }
                    continue;
                };
                for entry in strings(entries) {
                    if let Some(dependency) = entry.strip_prefix("dep:") {
                        changed |= optional_on.entry(id.clone()).or_default().insert(dependency.to_owned());
                    } else if let Some((dependency, feature)) = entry.split_once('/') {
                        let (dependency, weak) = match dependency.strip_suffix('?') {
                            Some(d) => (d, true),
                            None => (dependency, false),
                        };
                        if !weak && names.contains(dependency) {
                            changed |= optional_on.entry(id.clone()).or_default().insert(dependency.to_owned());
                        }
                        let key = (id.clone(), dependency.to_owned());
                        changed |= dependency_features.entry(key).or_default().insert(feature.to_owned());
                    } else {
                        changed |= features.entry(id.clone()).or_default().insert(entry);
                    }
                }
            }
            for dependency in normal {
                let name = name_of(dependency);
                let on = optional_on.get(&id).is_some_and(|o| o.contains(&name));
                if dependency["optional"].as_bool().unwrap() && !on {
                    continue;
                }
                // None when the dependency is for another platform (filtered out of the resolve).
                let Some(target) = resolved(&id, dependency) else { continue };
                changed |= reached.insert(target.clone());
                let mut wanted = strings(&dependency["features"]);
                if dependency["uses_default_features"].as_bool().unwrap() {
                    wanted.push("default".into());
                }
                wanted.extend(dependency_features.get(&(id.clone(), name)).into_iter().flatten().cloned());
                let target_features = features.entry(target).or_default();
                for feature in wanted {
                    changed |= target_features.insert(feature);
                }
            }
        }
        if !changed {
            break;
        }
    }
    reached
}

pub(super) fn cargo_metadata() -> Value {
    let cargo = env!("CARGO");
    let version = Command::new(cargo).arg("-vV").output().expect("cargo -vV runs");
    let version = String::from_utf8(version.stdout).unwrap();
    let host = version.lines().find_map(|l| l.strip_prefix("host: ")).expect("cargo -vV names the host");
    // Offline, and for this platform only (the resolve of every platform needs crates not downloaded).
    let output = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--offline", "--filter-platform", host])
        .current_dir(project_root())
        .output()
        .expect("cargo metadata runs");
    assert!(output.status.success(), "cargo metadata: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("cargo metadata prints JSON")
}
