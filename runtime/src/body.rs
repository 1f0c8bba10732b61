//! Request bodies other than JSON: multipart forms (file uploads) and URL-encoded forms.
//! Both are encoded into memory, so a request can be sent again on retry.

use std::fmt::{self, Display};
use std::sync::atomic::{AtomicU64, Ordering};

use bytes::Bytes;
use serde::Serialize;

/// A file to upload in a multipart form: its bytes, the name the server sees, and its type.
#[derive(Clone, PartialEq, Eq)]
pub struct FilePart {
    /// The file name sent in `Content-Disposition`.
    pub file_name: String,
    /// The part's `Content-Type`; `application/octet-stream` when absent.
    pub content_type: Option<String>,
    /// The file's contents.
    pub bytes: Bytes,
}

impl FilePart {
    /// A file with the given name and contents.
    pub fn new(file_name: impl Into<String>, bytes: impl Into<Bytes>) -> Self {
        Self { file_name: file_name.into(), content_type: None, bytes: bytes.into() }
    }

    /// Sets the part's `Content-Type` (for example `image/png`).
    #[must_use]
    pub fn with_content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }
}

impl fmt::Debug for FilePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FilePart")
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .field("bytes", &format_args!("{} bytes", self.bytes.len()))
            .finish()
    }
}

/// A `multipart/form-data` body being built by a generated method.
#[derive(Debug)]
pub struct Multipart {
    boundary: String,
    body: Vec<u8>,
    problem: Option<String>,
}

impl Default for Multipart {
    fn default() -> Self {
        Self::new()
    }
}

impl Multipart {
    /// An empty form with a fresh boundary.
    pub fn new() -> Self {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let boundary = format!("clientgen-{nanos:x}-{:x}", COUNTER.fetch_add(1, Ordering::Relaxed));
        Self { boundary, body: Vec::new(), problem: None }
    }

    fn part(&mut self, name: &str, file_name: Option<&str>, content_type: Option<&str>, contents: &[u8]) {
        self.body.extend_from_slice(
            format!("--{}\r\nContent-Disposition: form-data; name=\"{}\"", self.boundary, quote(name)).as_bytes(),
        );
        if let Some(file_name) = file_name {
            self.body.extend_from_slice(format!("; filename=\"{}\"", quote(file_name)).as_bytes());
        }
        self.body.extend_from_slice(b"\r\n");
        if let Some(content_type) = content_type {
            self.body.extend_from_slice(format!("Content-Type: {content_type}\r\n").as_bytes());
        }
        self.body.extend_from_slice(b"\r\n");
        self.body.extend_from_slice(contents);
        self.body.extend_from_slice(b"\r\n");
    }

    /// A text field.
    pub fn text<T: Display + ?Sized>(&mut self, name: &str, value: &T) -> &mut Self {
        self.part(name, None, None, value.to_string().as_bytes());
        self
    }

    /// A structured field, sent as a JSON text part.
    pub fn json<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) -> &mut Self {
        match serde_json::to_vec(value) {
            Ok(json) => self.part(name, None, Some("application/json"), &json),
            Err(err) => self.problem = Some(format!("form field `{name}` does not serialize: {err}")),
        }
        self
    }

    /// A file.
    pub fn file(&mut self, name: &str, file: &FilePart) -> &mut Self {
        let content_type = file.content_type.as_deref().unwrap_or("application/octet-stream");
        self.part(name, Some(&file.file_name), Some(content_type), &file.bytes);
        self
    }

    /// The `Content-Type` header value and the encoded body.
    pub(crate) fn finish(mut self) -> Result<(String, Bytes), String> {
        if let Some(problem) = self.problem {
            return Err(problem);
        }
        if self.body.windows(self.boundary.len()).filter(|w| *w == self.boundary.as_bytes()).count() > self.parts() {
            return Err("a form field contains the multipart boundary".to_owned());
        }
        self.body.extend_from_slice(format!("--{}--\r\n", self.boundary).as_bytes());
        Ok((format!("multipart/form-data; boundary={}", self.boundary), self.body.into()))
    }

    fn parts(&self) -> usize {
        let marker = format!("--{}\r\nContent-Disposition", self.boundary);
        self.body.windows(marker.len()).filter(|w| *w == marker.as_bytes()).count()
    }
}

/// Escapes a name for a quoted `Content-Disposition` parameter, as browsers do (WHATWG):
/// `"` and line breaks are percent-encoded.
fn quote(name: &str) -> String {
    name.replace('"', "%22").replace('\r', "%0D").replace('\n', "%0A")
}

/// An `application/x-www-form-urlencoded` body being built by a generated method.
#[derive(Debug, Default)]
pub struct UrlEncodedForm {
    pairs: Vec<(String, String)>,
}

impl UrlEncodedForm {
    /// An empty form.
    pub fn new() -> Self {
        Self::default()
    }

    /// A field.
    pub fn text<T: Display + ?Sized>(&mut self, name: &str, value: &T) -> &mut Self {
        self.pairs.push((name.to_owned(), value.to_string()));
        self
    }

    /// A structured field, sent as JSON text.
    pub fn json<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) -> &mut Self {
        let json = serde_json::to_string(value).unwrap_or_default();
        self.text(name, &json)
    }

    pub(crate) fn finish(self) -> Bytes {
        Bytes::from(form_urlencode(self.pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))))
    }
}

/// `name=value&...` as `application/x-www-form-urlencoded` (the WHATWG URL standard's
/// serializer, as browsers send forms and query strings): space as `+`, and every byte but
/// ASCII letters, digits and `*-._` percent-encoded.
pub(crate) fn form_urlencode<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multipart_encodes_text_json_and_files() {
        let mut form = Multipart::new();
        form.text("type", &1)
            .json("meta", &serde_json::json!({ "a": 1 }))
            .file("file", &FilePart::new("logo \"big\".png", &b"\x89PNG"[..]).with_content_type("image/png"));
        let boundary = form.boundary.clone();
        let (content_type, body) = form.finish().unwrap();
        assert_eq!(content_type, format!("multipart/form-data; boundary={boundary}"));
        let mut expected = format!(
            "--{b}\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\n1\r\n\
             --{b}\r\nContent-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json\r\n\r\n{{\"a\":1}}\r\n\
             --{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"logo %22big%22.png\"\r\nContent-Type: image/png\r\n\r\n",
            b = boundary
        )
        .into_bytes();
        expected.extend_from_slice(b"\x89PNG\r\n");
        expected.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        assert_eq!(&body[..], &expected[..]);
    }

    #[test]
    fn a_value_containing_the_boundary_is_refused() {
        let mut form = Multipart::new();
        let boundary = form.boundary.clone();
        form.text("x", &format!("evil --{boundary}"));
        assert!(form.finish().is_err());
    }

    #[test]
    fn url_encoded_forms_escape_values() {
        let mut form = UrlEncodedForm::new();
        form.text("grant_type", "account_credentials").text("account_id", "a&b c").text("k[0]", "é*~/");
        assert_eq!(&form.finish()[..], b"grant_type=account_credentials&account_id=a%26b+c&k%5B0%5D=%C3%A9*%7E%2F");
    }

    #[test]
    fn file_debug_shows_size_not_contents() {
        assert!(!format!("{:?}", FilePart::new("a.txt", &b"secret"[..])).contains("secret"));
    }
}
