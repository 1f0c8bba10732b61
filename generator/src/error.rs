use std::fmt;
use std::path::{Path, PathBuf};

/// A spec the generator cannot turn into a client: where, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError {
    /// The spec file the problem is in.
    pub file: PathBuf,
    /// A JSON pointer to the offending node (`""` for the whole document).
    pub pointer: String,
    /// 1-based line and column, when the parser knows them.
    pub location: Option<(usize, usize)>,
    pub message: String,
}

impl SpecError {
    pub fn new(file: &Path, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self { file: file.to_owned(), pointer: pointer.into(), location: None, message: message.into() }
    }
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some((line, column)) = self.location {
            write!(f, ":{line}:{column}")?;
        }
        let pointer = if self.pointer.is_empty() { "(document root)" } else { &self.pointer };
        write!(f, ": at {pointer}: {}", self.message)
    }
}

impl std::error::Error for SpecError {}

/// Builds JSON pointers (RFC 6901) while walking a spec.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Pointer(String);

impl Pointer {
    pub fn root() -> Self {
        Self(String::new())
    }

    #[must_use]
    pub fn join(&self, segment: impl fmt::Display) -> Self {
        let segment = segment.to_string().replace('~', "~0").replace('/', "~1");
        Self(format!("{}/{segment}", self.0))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// One segment of a pointer as the key it names (`~1` is `/`, `~0` is `~`).
    pub fn unescape(segment: &str) -> String {
        segment.replace("~1", "/").replace("~0", "~")
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
