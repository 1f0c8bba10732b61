//! Golden files: every fixture spec in `tests/fixtures/` generates exactly the committed crate
//! in `tests/golden/<name>/` (which the workspace also compiles and lints), and every spec in
//! `specs/` generates exactly the committed crate in `generated/<name>/`.
//!
//! `UPDATE_GOLDEN=1 cargo test -p clientgen-tests --test it golden::` rewrites the fixture goldens
//! instead of failing.

use xtask::{client_targets, codegen, golden_targets, project_root, stale_message, Mode};

#[test]
fn fixture_specs_generate_the_committed_golden_crates() {
    let root = project_root();
    let targets = golden_targets(&root).unwrap();
    assert!(targets.len() >= 4, "the fixtures are missing: {targets:?}");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1");
    let report = codegen(&root, &targets, if update { Mode::Write } else { Mode::Check }).unwrap();
    if !update && !report.changed.is_empty() {
        panic!(
            "{}\n(or `UPDATE_GOLDEN=1 cargo test -p clientgen-tests --test it golden::` to accept the new output)",
            stale_message(&report)
        );
    }
}

/// The rust-analyzer pattern: plain `cargo test` fails when `generated/` is stale.
#[test]
fn generated_clients_are_current() {
    let root = project_root();
    let targets = client_targets(&root).unwrap();
    assert!(targets.iter().any(|t| t.package_name == "google-reseller"), "{targets:?}");
    let report = codegen(&root, &targets, Mode::Check).unwrap();
    assert!(report.changed.is_empty(), "{}", stale_message(&report));
}

#[test]
fn generation_is_deterministic() {
    let root = project_root();
    let target = client_targets(&root).unwrap().into_iter().find(|t| t.package_name == "google-reseller").unwrap();
    let options = clientgen::CrateOptions {
        package_name: "determinism".into(),
        version: "0.1.0".into(),
        runtime: clientgen::RuntimeDependency::Version("0.1".into()),
        preamble: "preamble".into(),
        spec_display: "spec".into(),
    };
    let first = clientgen::generate_crate(&root.join(&target.spec), &options).unwrap();
    for _ in 0..3 {
        assert_eq!(clientgen::generate_crate(&root.join(&target.spec), &options).unwrap(), first);
    }
}

/// A hand edit of a generated file is caught, with a diff naming the file and the fix.
#[test]
fn check_mode_reports_a_hand_edit_with_a_diff() {
    let scratch = std::env::temp_dir().join(format!("clientgen-drift-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(scratch.join("tests/fixtures")).unwrap();
    std::fs::copy(project_root().join("tests/fixtures/refs.yaml"), scratch.join("tests/fixtures/refs.yaml")).unwrap();
    let targets = golden_targets(&scratch).unwrap();
    codegen(&scratch, &targets, Mode::Write).unwrap();
    assert!(codegen(&scratch, &targets, Mode::Check).unwrap().changed.is_empty());

    let types = scratch.join("tests/golden/refs/src/types.rs");
    let edited = std::fs::read_to_string(&types).unwrap().replace("pub quantity", "pub qty");
    std::fs::write(&types, edited).unwrap();
    let report = codegen(&scratch, &targets, Mode::Check).unwrap();
    let message = stale_message(&report);
    assert_eq!(report.changed, [std::path::PathBuf::from("tests/golden/refs/src/types.rs")]);
    assert!(message.contains("-    pub qty") && message.contains("+    pub quantity"), "{message}");
    assert!(message.contains("cargo xtask codegen"), "{message}");

    std::fs::write(scratch.join("tests/golden/refs/src/stray.rs"), "// left over\n").unwrap();
    let report = codegen(&scratch, &targets, Mode::Check).unwrap();
    assert!(report.diffs.contains("stray.rs: no longer generated"), "{}", report.diffs);
    std::fs::remove_dir_all(&scratch).unwrap();
}

/// The OpenAPI 3.1 fixture is read as 3.0 without a warning (so `--strict` accepts it); its
/// webhooks are left out with a note.
#[test]
fn the_openapi_31_fixture_generates_with_a_note_for_its_webhooks() {
    let spec = project_root().join("tests/fixtures/openapi-31.yaml");
    let options = clientgen::CrateOptions {
        package_name: "v31".into(),
        version: "0.1.0".into(),
        runtime: clientgen::RuntimeDependency::Version("0.1".into()),
        preamble: "preamble".into(),
        spec_display: "spec".into(),
    };
    let generated = clientgen::generate(&spec, &options).unwrap();
    assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
    let notes: Vec<(&str, Option<(usize, usize)>)> =
        generated.notes.iter().map(|n| (n.pointer.as_str(), n.location)).collect();
    assert_eq!(notes, [("/webhooks", Some((61, 1)))]);
}
