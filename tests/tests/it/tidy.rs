//! Tidy: the architecture's invariants (ARCHITECTURE.md, issue 13), checked the way
//! rust-analyzer's tidy tests check theirs, by reading the repository's files as text.
//!
//! Some invariants are broken today while the code is being restructured. Each check has a list
//! of the violations known when it was written; it fails on a violation that is not listed, and on
//! a listed one that no longer occurs, so a list can only shrink: delete its entry when you fix one.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::Value;
use xtask::project_root;

use packages::{cargo_metadata, normal_closure};
use rust_text::{blank_quoted_and_tests, named_paths, strip};

mod packages;
mod rust_text;

const MAX_LINES: usize = 600;

/// Fails unless `found` is exactly the `known` violations, naming the new and the fixed ones.
fn check_known(what: &str, found: &BTreeSet<String>, known: &[&str], details: &str) {
    let known: BTreeSet<String> = known.iter().map(|k| k.to_string()).collect();
    let new: Vec<&String> = found.difference(&known).collect();
    let fixed: Vec<&String> = known.difference(found).collect();
    let mut message = String::new();
    if !new.is_empty() {
        message.push_str(&format!("{what}, new: {new:#?}\n"));
    }
    if !fixed.is_empty() {
        message.push_str(&format!("{what}, fixed (delete them from the known list in tidy.rs): {fixed:#?}\n"));
    }
    assert!(message.is_empty(), "{message}{details}");
}

// ---------------------------------------------------------------------------------------------
// Reading the repository
// ---------------------------------------------------------------------------------------------

/// Every `.rs` file under `dir`, as paths relative to the repository root with `/` separators.
fn rust_files(root: &Path, dir: &str) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(root, &path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let relative = path.strip_prefix(root).unwrap().components();
                out.push(relative.map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"));
            }
        }
    }
    let mut out = Vec::new();
    walk(root, &root.join(dir), &mut out);
    out
}

fn read(root: &Path, file: &str) -> String {
    std::fs::read_to_string(root.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

// ---------------------------------------------------------------------------------------------
// (a) No module-level import cycle
// ---------------------------------------------------------------------------------------------

type ModPath = Vec<String>;

/// A crate's modules, each from its file: `lib.rs` is `[]`, `a.rs` and `a/mod.rs` are `[a]`,
/// `a/b.rs` is `[a, b]`. `main.rs` is left out: it is a crate of its own.
fn modules(root: &Path, src: &str) -> BTreeMap<ModPath, String> {
    let mut modules = BTreeMap::new();
    for file in rust_files(root, src) {
        let relative = file.strip_prefix(src).unwrap().trim_start_matches('/').trim_end_matches(".rs");
        let mut path: ModPath = relative.split('/').map(str::to_owned).collect();
        if path == ["main"] {
            continue;
        }
        if path == ["lib"] || path.last().is_some_and(|last| last == "mod") {
            path.pop();
        }
        modules.insert(path, file);
    }
    modules
}

fn child(parent: &[String], name: &str) -> ModPath {
    let mut path = parent.to_vec();
    path.push(name.to_owned());
    path
}

/// The module a path from module `from` leads to: the deepest module it names, or, when it names
/// an item that a module re-exports (`pub use a::Item` in `lib.rs`), the module the item is from.
fn resolve(
    modules: &BTreeMap<ModPath, String>,
    reexports: &BTreeMap<(ModPath, String), ModPath>,
    from: &[String],
    path: &[String],
) -> Option<ModPath> {
    let (first, rest) = path.split_first()?;
    let mut current: ModPath = match first.as_str() {
        "crate" => Vec::new(),
        "self" => from.to_vec(),
        "super" => from[..from.len().saturating_sub(1)].to_vec(),
        // `use child::Item` names a child module without `self::`; anything else is another crate.
        name if modules.contains_key(&child(from, name)) => from.to_vec(),
        _ => return None,
    };
    let rest = if ["crate", "self", "super"].contains(&first.as_str()) { rest } else { path };
    for segment in rest {
        match segment.as_str() {
            "super" => {
                current.pop();
            }
            "self" => {}
            name => {
                let next = child(&current, name);
                if modules.contains_key(&next) {
                    current = next;
                } else {
                    if let Some(origin) = reexports.get(&(current.clone(), name.to_owned())) {
                        current = origin.clone();
                    }
                    break;
                }
            }
        }
    }
    Some(current)
}

/// The import edges between sibling modules of the crate in `src`, restricted to modules under
/// `within`: a path from `a::x` to `b::y` is an edge `a -> b` between the children of their
/// common ancestor; a path to an ancestor or a descendant is none.
fn sibling_edges(root: &Path, src: &str, within: &[&str]) -> BTreeSet<(ModPath, ModPath)> {
    let modules = modules(root, src);
    let mut uses = BTreeMap::new();
    for (module, file) in &modules {
        let code = blank_quoted_and_tests(&strip(&read(root, file), false));
        uses.insert(module.clone(), named_paths(&code));
    }
    // Re-exports first, resolved once without re-exports (a re-export of a re-export is rare).
    let mut reexports = BTreeMap::new();
    for (module, paths) in &uses {
        for (path, _) in paths.iter().filter(|(_, public)| *public) {
            if let Some(origin) = resolve(&modules, &BTreeMap::new(), module, path) {
                let item = path.last().unwrap().clone();
                if &origin != module && !modules.contains_key(&child(module, &item)) {
                    reexports.insert((module.clone(), item), origin);
                }
            }
        }
    }
    let within: ModPath = within.iter().map(|s| s.to_string()).collect();
    let mut edges = BTreeSet::new();
    for (module, paths) in &uses {
        for (path, _) in paths {
            let Some(target) = resolve(&modules, &reexports, module, path) else { continue };
            let common = module.iter().zip(&target).take_while(|(a, b)| a == b).count();
            if common >= module.len() || common >= target.len() {
                continue;
            }
            let (from, to) = (module[..=common].to_vec(), target[..=common].to_vec());
            if from.starts_with(&within) && from.len() > within.len() {
                edges.insert((from, to));
            }
        }
    }
    edges
}

fn reaches(edges: &BTreeSet<(ModPath, ModPath)>, from: &ModPath, to: &ModPath) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![from];
    while let Some(node) = stack.pop() {
        if node == to {
            return true;
        }
        if seen.insert(node) {
            stack.extend(edges.iter().filter(|(a, _)| a == node).map(|(_, b)| b));
        }
    }
    false
}

fn on_a_cycle(edges: &BTreeSet<(ModPath, ModPath)>) -> BTreeSet<(ModPath, ModPath)> {
    edges.iter().filter(|(a, b)| reaches(edges, b, a)).cloned().collect()
}

#[test]
fn no_module_level_import_cycle() {
    let root = project_root();
    let scopes = [
        ("generator", "generator/src", &["emit"][..]),
        ("runtime", "runtime/src", &[]),
        ("sandbox", "sandbox/src", &[]),
    ];
    let mut on_cycles = BTreeSet::new();
    let mut cycles = String::new();
    for (name, src, within) in scopes {
        let edges = sibling_edges(&root, src, within);
        assert!(edges.len() >= 3, "{src}: too few imports found, is the parser broken? {edges:?}");
        let cyclic = on_a_cycle(&edges);
        // Each cycle, named by the modules that reach each other.
        let mut groups: Vec<BTreeSet<&ModPath>> = Vec::new();
        for (a, b) in &cyclic {
            match groups.iter_mut().find(|g| g.iter().any(|m| reaches(&cyclic, m, a) && reaches(&cyclic, a, m))) {
                Some(group) => group.extend([a, b]),
                None => groups.push([a, b].into_iter().collect()),
            }
        }
        for group in groups {
            let names: Vec<String> = group.iter().map(|m| m.join("::")).collect();
            cycles.push_str(&format!("{name}: a cycle among {}\n", names.join(", ")));
        }
        on_cycles.extend(cyclic.iter().map(|(a, b)| format!("{name}: {} -> {}", a.join("::"), b.join("::"))));
    }
    check_known("import edges on a module-level cycle", &on_cycles, &[], &cycles);
}

/// The cycle check on a crate written for it: grouped `use` trees, `super`, a root re-export, and
/// paths it must not count (in comments, literals, `quote!` and a unit-test module).
#[test]
fn the_cycle_check_finds_each_import_and_only_imports() {
    let root = std::env::temp_dir().join(format!("clientgen-tidy-{}", std::process::id()));
    let files = [
        ("src/lib.rs", "mod a;\nmod b;\nmod c;\nmod d;\nmod nested;\npub use c::Thing;\n"),
        ("src/a.rs", "use crate::{b::Helper, nested::inner};\nfn f() { quote! { crate::c::X }; }\n"),
        (
            "src/b.rs",
            "// use crate::a;\nconst Q: char = '\"';\nconst R: &str = \"crate::a\";\n\
             const RAW: &str = r#\"crate::a \"quoted\"\"#;\nfn h<'a>(x: &'a str) -> crate::Thing { todo!() }\n",
        ),
        ("src/c.rs", "use super::a;\n#[cfg(test)]\nmod tests {\n    use crate::b;\n}\n"),
        ("src/d.rs", ""),
        ("src/nested/mod.rs", "mod inner;\nmod other;\n"),
        ("src/nested/inner.rs", "use super::other::X;\n"),
        ("src/nested/other.rs", "use super::super::d;\n"),
    ];
    for (path, text) in files {
        std::fs::create_dir_all(root.join(path).parent().unwrap()).unwrap();
        std::fs::write(root.join(path), text).unwrap();
    }
    let show = |edges: &BTreeSet<(ModPath, ModPath)>| -> Vec<String> {
        edges.iter().map(|(a, b)| format!("{} -> {}", a.join("::"), b.join("::"))).collect()
    };
    let edges = sibling_edges(&root, "src", &[]);
    let nested = sibling_edges(&root, "src", &["nested"]);
    let _ = std::fs::remove_dir_all(&root);
    let expected = ["a -> b", "a -> nested", "b -> c", "c -> a", "nested -> d", "nested::inner -> nested::other"];
    assert_eq!(show(&edges), expected);
    assert_eq!(show(&on_a_cycle(&edges)), ["a -> b", "b -> c", "c -> a"]);
    assert_eq!(show(&nested), ["nested::inner -> nested::other"]);
}

// ---------------------------------------------------------------------------------------------
// (b) No long file
// ---------------------------------------------------------------------------------------------

#[test]
fn no_hand_written_source_file_is_over_600_lines() {
    let root = project_root();
    let mut long = BTreeSet::new();
    let mut details = String::new();
    let mut files = 0;
    for dir in ["generator", "runtime", "sandbox", "xtask", "tests"] {
        for file in rust_files(&root, dir).into_iter().filter(|f| !f.starts_with("tests/golden/")) {
            files += 1;
            let lines = read(&root, &file).lines().count();
            if lines > MAX_LINES {
                details.push_str(&format!("{file}: {lines} lines\n"));
                long.insert(file);
            }
        }
    }
    assert!(files > 50, "only {files} files found");
    check_known(&format!("files over {MAX_LINES} lines"), &long, &[], &details);
}

// ---------------------------------------------------------------------------------------------
// (c) The emitter never reads the spec; (d) only the loader knows `$ref`
// ---------------------------------------------------------------------------------------------

#[test]
fn the_emitter_never_mentions_the_spec_parser() {
    let root = project_root();
    let files = rust_files(&root, "generator/src/emit");
    assert!(files.len() >= 3, "{files:?}");
    let mentions: Vec<&String> = files.iter().filter(|f| read(&root, f).contains("openapiv3")).collect();
    assert!(
        mentions.is_empty(),
        "emit prints the IR and never reads the spec, yet these mention openapiv3: {mentions:?}"
    );
}

#[test]
fn only_the_loader_knows_ref_syntax() {
    let root = project_root();
    let loader = |f: &str| {
        f == "generator/src/load.rs" || f.starts_with("generator/src/load/") || f == "generator/src/bundle.rs"
    };
    let mut found = BTreeSet::new();
    let mut details = String::new();
    let mut loader_knows = false;
    for file in rust_files(&root, "generator/src") {
        // Code and its strings; a comment may say what `$ref` is.
        let code = strip(&read(&root, &file), true);
        let lines: Vec<usize> = code
            .lines()
            .enumerate()
            .filter(|(_, l)| l.contains("$ref") || l.contains("#/components/"))
            .map(|(n, _)| n + 1)
            .collect();
        if lines.is_empty() {
            continue;
        }
        if loader(&file) {
            loader_knows = true;
        } else {
            details.push_str(&format!("{file}: lines {lines:?}\n"));
            found.insert(file);
        }
    }
    assert!(loader_knows, "the check found `$ref` nowhere, not even in the loader");
    check_known("files outside load.rs and bundle.rs that spell `$ref` or `#/components/`", &found, &[], &details);
}

// ---------------------------------------------------------------------------------------------
// (e) No proc-macro in a generated client's dependency tree
// ---------------------------------------------------------------------------------------------

#[test]
fn generated_clients_have_no_proc_macro_in_their_dependency_tree() {
    let metadata = cargo_metadata();
    let packages: BTreeMap<&str, &Value> =
        metadata["packages"].as_array().unwrap().iter().map(|p| (p["id"].as_str().unwrap(), p)).collect();
    let is_proc_macro = |id: &String| {
        packages[id.as_str()]["targets"].as_array().unwrap().iter().any(|t| strings_contain(&t["kind"], "proc-macro"))
    };
    let name = |id: &String| packages[id.as_str()]["name"].as_str().unwrap().to_owned();

    let clients = normal_closure(&metadata, &["google-reseller", "zoom"]);
    let names: BTreeSet<String> = clients.iter().map(name).collect();
    assert!(names.contains("clientgen-runtime") && names.contains("hyper"), "{names:?}");
    let proc_macros: Vec<String> = clients.iter().filter(|id| is_proc_macro(id)).map(name).collect();
    assert!(proc_macros.is_empty(), "generated clients build proc-macros: {proc_macros:?}");

    // The walk does find a proc-macro behind a feature: this crate's tokio has `macros` on.
    let tests: Vec<String> =
        normal_closure(&metadata, &["clientgen-tests"]).iter().filter(|id| is_proc_macro(id)).map(name).collect();
    assert!(tests.contains(&"tokio-macros".to_owned()), "{tests:?}");
}

fn strings_contain(value: &Value, wanted: &str) -> bool {
    value.as_array().is_some_and(|a| a.iter().any(|v| v == wanted))
}
