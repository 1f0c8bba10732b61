//! clientgen: typed Rust API clients from OpenAPI 3.0 specs.
//!
//! The pipeline is one module per job: [`load`] parses the spec files and resolves references;
//! [`lower`] turns them into the intermediate model ([`ir`]), where every name and type is
//! decided; `emit` turns the model into tokens and prints them with prettyplease.

pub mod bundle;
mod emit;
pub mod error;
pub mod ir;
pub mod load;
pub mod lower;
pub mod names;
mod parallel;

use std::path::{Path, PathBuf};

pub use error::SpecError;

/// How the generated crate depends on `clientgen-runtime`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuntimeDependency {
    /// A path dependency (as written into `Cargo.toml`, relative to the generated crate).
    Path(String),
    /// A version requirement on the published crate.
    Version(String),
}

/// What the generated crate is called and how it is labelled.
#[derive(Debug, Clone)]
pub struct CrateOptions {
    pub package_name: String,
    pub version: String,
    pub runtime: RuntimeDependency,
    /// The first line of every generated file (without comment markers).
    pub preamble: String,
    /// How the spec is named in the crate's docs.
    pub spec_display: String,
}

/// One file of a generated crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Relative to the crate's folder.
    pub path: PathBuf,
    pub contents: String,
}

/// The spec files that make one API: the file itself, or every `.yaml`/`.yml`/`.json` file of
/// a folder, sorted by name.
pub fn spec_files(spec: &Path) -> Result<Vec<PathBuf>, SpecError> {
    if !spec.is_dir() {
        return Ok(vec![spec.to_owned()]);
    }
    let entries =
        std::fs::read_dir(spec).map_err(|err| SpecError::new(spec, "", format!("cannot read the folder: {err}")))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().and_then(|e| e.to_str()).is_some_and(|e| matches!(e, "yaml" | "yml" | "json")))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(SpecError::new(spec, "", "the folder holds no .yaml, .yml or .json spec"));
    }
    Ok(files)
}

/// Generates the crate for the spec at `spec` (a file, or a folder of files). Strict: a defect
/// the generator could repair (a warning of [`generate`]) is an error here.
pub fn generate_crate(spec: &Path, options: &CrateOptions) -> Result<Vec<GeneratedFile>, SpecError> {
    generate_timed(spec, options).map(|(files, _)| files)
}

/// What one generation produced.
#[derive(Debug, Clone)]
pub struct Generated {
    pub files: Vec<GeneratedFile>,
    /// Defects of the spec that do not change the client, repaired, each where it is (a
    /// response without a description, a path parameter the operation does not declare, ...).
    pub warnings: Vec<SpecError>,
    /// Parts of the spec left out on purpose that change nothing a client does (OpenAPI 3.1
    /// `webhooks`); `--strict` does not refuse them.
    pub notes: Vec<SpecError>,
    pub timings: Timings,
}

/// Generates the crate for the spec at `spec`, repairing what does not change the client and
/// saying so in `warnings`; what would change the client is an error.
pub fn generate(spec: &Path, options: &CrateOptions) -> Result<Generated, SpecError> {
    let started = std::time::Instant::now();
    let bundle = load::Bundle::load(&spec_files(spec)?)?;
    generate_bundle(spec, &bundle, options, started)
}

/// [`generate`] for a spec held in memory as one document (`name` only labels errors): no file
/// is read.
pub fn generate_text(name: &Path, text: &str, options: &CrateOptions) -> Result<Generated, SpecError> {
    let started = std::time::Instant::now();
    let bundle = load::Bundle::from_text(name, text)?;
    generate_bundle(name, &bundle, options, started)
}

fn generate_bundle(
    spec: &Path,
    bundle: &load::Bundle,
    options: &CrateOptions,
    started: std::time::Instant,
) -> Result<Generated, SpecError> {
    let parsed = std::time::Instant::now();
    let api = lower::lower(bundle).map_err(load::locate)?;
    let lowered = std::time::Instant::now();
    let files = emit::crate_files(&api, options).map_err(|message| SpecError::new(spec, "", message))?;
    let timings = Timings { parse: parsed - started, lower: lowered - parsed, print: lowered.elapsed() };
    Ok(Generated { files, warnings: api.warnings, notes: api.notes, timings })
}

/// How long each stage of a generation took.
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    /// Reading and parsing the spec files.
    pub parse: std::time::Duration,
    /// Lowering into the intermediate model.
    pub lower: std::time::Duration,
    /// Emitting tokens and printing them.
    pub print: std::time::Duration,
}

/// [`generate_crate`], with the time each stage took (for `cargo xtask bench`).
pub fn generate_timed(spec: &Path, options: &CrateOptions) -> Result<(Vec<GeneratedFile>, Timings), SpecError> {
    let generated = generate(spec, options)?;
    match generated.warnings.into_iter().next() {
        Some(warning) => Err(SpecError { message: format!("{} (refused in strict mode)", warning.message), ..warning }),
        None => Ok((generated.files, generated.timings)),
    }
}
