//! Reading one spec file: OpenAPI 3.0 parsed as it is; 3.1 rewritten into 3.0 first
//! (`oas31`); after a failed parse only, the repairs (`repair`) and an error a person can act on
//! (`explain`).

use std::path::{Path, PathBuf};

use openapiv3::OpenAPI;
use serde::de::DeserializeOwned;

use super::lines::{line_of, pointer_of, yaml_message};
use super::{explain, oas31, repair};
use crate::error::SpecError;

/// Where a `$ref` to another file is written (file, pointer) and the reference itself.
pub(super) type NamedBy = (PathBuf, String, String);

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
    let is_json = is_json(path);
    let strict = parse_strict(path, text);
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
        // Explaining re-parses parts of the document: only worth it when no repair helps.
        Err(err) => match repair::repaired(path, text, &tree) {
            Some((spec, warnings)) => {
                check_version(path, spec).map(|spec| Parsed { spec, warnings, notes: Vec::new() })
            }
            None => Err(explain::explain(text, &tree, version.as_deref(), err)),
        },
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
            repair::repaired(path, text, &tree).ok_or_else(|| explain::explain(text, &tree, version, error))
        }
    }
}

/// openapiv3 panics on a path item with a key written twice ("somehow this parsed successfully
/// the second time": it reads the item twice, the second time through a tree that kept one of
/// the two). The parse runs with that panic caught and silenced, and the duplicate key is found
/// and reported instead.
fn parse_strict(path: &Path, text: &str) -> Result<OpenAPI, SpecError> {
    match quietly(|| deserialize_text(path, text)) {
        Ok(parsed) => parsed,
        Err(_) => Err(duplicate_key(path, text)),
    }
}

/// Where a key is written twice in one mapping: serde_yaml's own tree refuses duplicates and says
/// where (JSON is read as YAML for this).
fn duplicate_key(path: &Path, text: &str) -> SpecError {
    match serde_yaml::from_str::<serde_yaml::Value>(text) {
        Err(err) => {
            let mapping = err.location().map(|l| (l.line(), l.column()));
            let message = yaml_message(&err);
            // serde_yaml says where the mapping starts; the second writing of the key is the place.
            let key = message.split('"').nth(1).unwrap_or_default();
            let location = mapping.map(|at| second_writing(text, at, key).unwrap_or(at));
            SpecError { file: path.to_owned(), pointer: String::new(), location, message }
        }
        Ok(_) => SpecError::new(
            path,
            "",
            "the document cannot be read: a path item holds a key twice, or a value the OpenAPI parser cannot take",
        ),
    }
}

/// The line and column of the second time `key` is written in the block mapping that starts at
/// `(line, column)` (keys of one block mapping share its column).
fn second_writing(text: &str, (line, column): (usize, usize), key: &str) -> Option<(usize, usize)> {
    let indent = column.checked_sub(1)?;
    let mut seen = 0;
    for (at, content) in text.lines().enumerate().skip(line.checked_sub(1)?) {
        let body = content.get(indent..).unwrap_or_default();
        let leading = content.len() - content.trim_start().len();
        if !content.trim().is_empty() && leading < indent {
            break;
        }
        let written = body.strip_prefix(key).or_else(|| body.strip_prefix(&format!("\"{key}\"")));
        if leading == indent && written.is_some_and(|rest| rest.trim_start().starts_with(':')) {
            seen += 1;
            if seen == 2 {
                return Some((at + 1, column));
            }
        }
    }
    None
}

thread_local! {
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f`, catching a panic; while it runs, a panic on this thread is not printed. The hook
/// that keeps quiet is installed once and hands every other panic to the hook it replaced.
fn quietly<T>(f: impl FnOnce() -> T) -> std::thread::Result<T> {
    static INSTALL: std::sync::Once = std::sync::Once::new();
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    QUIET.with(|quiet| quiet.set(true));
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    QUIET.with(|quiet| quiet.set(false));
    outcome
}

/// Whether `path` is read as JSON (by its extension); YAML otherwise.
pub(super) fn is_json(path: &Path) -> bool {
    path.extension().is_some_and(|ext| ext.eq_ignore_ascii_case("json"))
}

/// `text`, the file at `path`, read straight into a `T` (not through a tree, whose maps would
/// sort the properties); an error has the pointer, line and column of what does not fit.
pub(super) fn deserialize_text<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, SpecError> {
    if is_json(path) {
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

/// Reads and parses one spec file; a file named by a `$ref` that cannot be read is reported
/// at that `$ref`.
pub(super) fn read_spec(path: &Path, named_by: Option<&NamedBy>) -> Result<(String, Parsed), SpecError> {
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
