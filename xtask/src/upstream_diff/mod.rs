//! `cargo xtask upstream-diff`: what a vendor's OpenAPI 3 or Swagger 2.0 document has that our
//! curated spec lacks, and the reverse, per family. Operations match by method and path (path
//! parameter names aside), never by operationId, which vendors rename.

mod compare;
mod read;
mod render;

#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

pub use compare::{compare, diff, Family, Finding, OpDiff, OpName, Report};
pub use read::{parse, read, Api, Field, OpKey, Operation};
pub use render::{markdown, summary};

pub const USAGE: &str = "upstream-diff --ours SPEC --theirs FILE [--theirs FILE...] [--family TAG...] [--summary]";

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Our spec: a file or a folder (read as the generator reads it, bundled into one document).
    pub ours: PathBuf,
    /// The vendor's documents; an operation two of them have is taken from the first.
    pub theirs: Vec<PathBuf>,
    /// Only these families (case-insensitive); all when empty.
    pub families: Vec<String>,
    pub summary_only: bool,
}

impl Options {
    pub fn parse(args: &[&str]) -> Result<Self, String> {
        let mut options = Options::default();
        let mut ours = None;
        let mut args = args.iter();
        while let Some(flag) = args.next() {
            let mut value = || args.next().map(|v| v.to_string()).ok_or_else(|| format!("{flag} needs a value"));
            match *flag {
                "--ours" => ours = Some(PathBuf::from(value()?)),
                "--theirs" => options.theirs.push(PathBuf::from(value()?)),
                "--family" => options.families.push(value()?),
                "--summary" => options.summary_only = true,
                other => return Err(format!("unknown argument `{other}`")),
            }
        }
        options.ours = ours.ok_or("--ours is required")?;
        if options.theirs.is_empty() {
            return Err("at least one --theirs is required".into());
        }
        Ok(options)
    }
}

/// Reads both sides and renders the report.
pub fn run(options: &Options) -> Result<String, String> {
    let ours_doc = clientgen::bundle::bundle(&options.ours).map_err(|e| e.to_string())?;
    let ours = read(&label(&options.ours), &ours_doc)?;
    let mut theirs = Vec::with_capacity(options.theirs.len());
    for path in &options.theirs {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let label = label(path);
        theirs.push(read(&label, &parse(&label, &text)?)?);
    }
    let mut report = diff(&ours, &theirs);
    if !options.families.is_empty() {
        report.families.retain(|name, _| options.families.iter().any(|f| f.eq_ignore_ascii_case(name)));
    }
    Ok(if options.summary_only { summary(&report) } else { markdown(&report, theirs.len() > 1) })
}

/// A document's name in the report: its file (or folder) name.
fn label(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}
