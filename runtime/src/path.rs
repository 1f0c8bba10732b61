//! Path parameters: each value is percent-encoded as exactly one path segment, and values that
//! no encoding keeps in place (empty, `.`, `..`) are refused.

use std::fmt;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Everything but RFC 3986's unreserved characters is escaped, so a value can never add a path
/// separator (`/`), start a query (`?`) or fragment (`#`), or smuggle an escape (`%`).
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// A path parameter that no encoding can carry as a single path segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidPathSegment {
    /// The parameter's name in the spec.
    pub name: String,
    /// The rejected value.
    pub value: String,
}

impl fmt::Display for InvalidPathSegment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "path parameter `{}` is {:?}, which cannot be sent as one path segment \
             (empty, `.` and `..` would change the path itself)",
            self.name, self.value
        )
    }
}

impl std::error::Error for InvalidPathSegment {}

/// Percent-encodes `value` as exactly one path segment.
///
/// `""`, `"."` and `".."` are refused: URL parsers (and servers) normalise dot segments even when
/// they are percent-encoded, so they would silently address another resource.
pub fn encode_path_segment(name: &str, value: &str) -> Result<String, InvalidPathSegment> {
    let mut segment = value.to_owned();
    encode_path_segment_in_place(&mut segment, 0, name)?;
    Ok(segment)
}

/// [`encode_path_segment`] of what `path` holds from byte `start` on, in place.
pub(crate) fn encode_path_segment_in_place(
    path: &mut String,
    start: usize,
    name: &str,
) -> Result<(), InvalidPathSegment> {
    let value = &path[start..];
    if value.is_empty() || value == "." || value == ".." {
        let value = path.split_off(start);
        return Err(InvalidPathSegment { name: name.to_owned(), value });
    }
    // Ids are mostly letters and digits: nothing to escape, nothing to move.
    if !value.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')) {
        let value = path.split_off(start);
        path.extend(utf8_percent_encode(&value, SEGMENT));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_characters_stay_inside_the_segment() {
        assert_eq!(encode_path_segment("id", "a/b?c#d%e").unwrap(), "a%2Fb%3Fc%23d%25e");
        assert_eq!(encode_path_segment("id", "../admin").unwrap(), "..%2Fadmin");
        assert_eq!(encode_path_segment("id", "example.com").unwrap(), "example.com");
        assert_eq!(encode_path_segment("id", "é 1").unwrap(), "%C3%A9%201");
    }

    #[test]
    fn dot_segments_and_empty_values_are_refused() {
        for value in ["", ".", ".."] {
            let err = encode_path_segment("customerId", value).unwrap_err();
            assert_eq!(err.name, "customerId");
            assert!(err.to_string().contains("customerId"), "{err}");
        }
    }
}
