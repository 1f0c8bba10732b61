//! Path parameters: each value is percent-encoded as exactly one path segment (an array as its
//! items joined by commas), and values that no encoding keeps in place (empty, `.`, `..`) are
//! refused.

use std::fmt::{self, Display, Write as _};

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
    let mut segment = String::new();
    push_path_segment(&mut segment, &value, name)?;
    Ok(segment)
}

/// A value that fills a path template's placeholder: text (anything [`Display`]) as one
/// segment, or an array ([`PathList`]).
pub trait PathParam {
    /// Appends the value to `path`, percent-encoded (checking the segment is the caller's).
    fn push_encoded(&self, path: &mut String);
}

impl<T: Display + ?Sized> PathParam for T {
    fn push_encoded(&self, path: &mut String) {
        let start = path.len();
        // Written straight into the path, then escaped where it stands; writing to a String
        // cannot fail.
        let _ = write!(path, "{self}");
        escape_in_place(path, start);
    }
}

/// An array path parameter (`style: simple`, exploded or not: the same): each item
/// percent-encoded on its own (a comma inside an item too), joined by unescaped commas, as one
/// segment: `["a,b", "c"]` is `a%2Cb,c`.
pub struct PathList<'a, T>(pub &'a [T]);

impl<T: Display> PathParam for PathList<'_, T> {
    fn push_encoded(&self, path: &mut String) {
        for (i, item) in self.0.iter().enumerate() {
            if i > 0 {
                path.push(',');
            }
            item.push_encoded(path);
        }
    }
}

/// Appends `value` to `path` as one percent-encoded segment; `name` says which parameter in the
/// error. The segment is refused (and left off) when it is empty, `.` or `..`.
pub(crate) fn push_path_segment(
    path: &mut String,
    value: &(impl PathParam + ?Sized),
    name: &str,
) -> Result<(), InvalidPathSegment> {
    let start = path.len();
    value.push_encoded(path);
    // Escaping keeps no character of another meaning, so the escaped segment is checked.
    if matches!(&path[start..], "" | "." | "..") {
        let value = path.split_off(start);
        return Err(InvalidPathSegment { name: name.to_owned(), value });
    }
    Ok(())
}

/// Escapes what `path` holds from byte `start` on, in place.
fn escape_in_place(path: &mut String, start: usize) {
    // Ids are mostly letters and digits: nothing to escape, nothing to move.
    if !path[start..].bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')) {
        let value = path.split_off(start);
        path.extend(utf8_percent_encode(&value, SEGMENT));
    }
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
    fn an_array_is_its_items_each_encoded_and_joined_by_commas() {
        let cases: [(&[&str], Result<&str, &str>); 6] = [
            (&["a", "b c"], Ok("a,b%20c")),
            (&["a,b", "c"], Ok("a%2Cb,c")),
            (&["x/y", "é"], Ok("x%2Fy,%C3%A9")),
            (&["."], Err(".")),
            (&[], Err("")),
            (&["", ""], Ok(",")),
        ];
        for (items, expected) in cases {
            let mut path = "/things/".to_owned();
            let found = push_path_segment(&mut path, &PathList(items), "ids").map(|()| &path["/things/".len()..]);
            assert_eq!(found.map_err(|e| e.value), expected.map_err(str::to_owned), "{items:?}");
            if expected.is_err() {
                assert_eq!(path, "/things/", "a refused segment is left off");
            }
        }
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
