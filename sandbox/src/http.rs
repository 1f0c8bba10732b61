//! The request and reply as the handlers see them, and the checks every body goes through:
//! decoding into a generated model (with the path of whatever does not fit) and the spec's rules.

use bytes::Bytes;
use clientgen_runtime::{Validate, Violation};
use hyper::header::HeaderMap;
use hyper::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// A request, read whole.
#[derive(Debug)]
pub(crate) struct Req {
    pub method: Method,
    /// The path as sent (percent-encoded).
    pub path: String,
    /// The path's non-empty segments, percent-decoded.
    pub segments: Vec<String>,
    /// The query's pairs, decoded.
    pub query: Vec<(String, String)>,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Req {
    /// Builds a request from its parts.
    pub(crate) fn new(method: Method, path: &str, query: Option<&str>, headers: HeaderMap, body: Bytes) -> Self {
        let segments = path
            .split('/')
            .filter(|segment| !segment.is_empty())
            .map(|segment| percent_encoding::percent_decode_str(segment).decode_utf8_lossy().into_owned())
            .collect();
        let query = query.map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect()).unwrap_or_default();
        Self { method, path: path.to_owned(), segments, query, headers, body }
    }

    /// The first value of a query parameter.
    pub(crate) fn query(&self, name: &str) -> Option<&str> {
        self.query.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str())
    }

    /// A header's value, when it is text.
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }

    /// The token of an `Authorization: Bearer <token>` header, when there is a non-empty one.
    pub(crate) fn bearer(&self) -> Option<&str> {
        let value = self.header("authorization")?.trim();
        let (scheme, token) = value.split_once(' ')?;
        (scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty()).then(|| token.trim())
    }

    /// The path segments as `&str`, for matching.
    pub(crate) fn segments(&self) -> Vec<&str> {
        self.segments.iter().map(String::as_str).collect()
    }
}

/// A reply: status, extra headers and a body (JSON unless empty).
#[derive(Debug, Clone)]
pub(crate) struct Reply {
    pub status: StatusCode,
    pub headers: Vec<(&'static str, String)>,
    pub body: Bytes,
}

impl Reply {
    /// `value` as JSON. A value that does not serialize (it cannot happen with the generated
    /// models) becomes a 500.
    pub(crate) fn json<T: Serialize + ?Sized>(status: u16, value: &T) -> Self {
        match serde_json::to_vec(value) {
            Ok(body) => Self { status: status_code(status), headers: Vec::new(), body: body.into() },
            Err(err) => Self {
                status: StatusCode::INTERNAL_SERVER_ERROR,
                headers: Vec::new(),
                body: serde_json::json!({ "error": format!("response does not serialize: {err}") }).to_string().into(),
            },
        }
    }

    /// No body.
    pub(crate) fn empty(status: u16) -> Self {
        Self { status: status_code(status), headers: Vec::new(), body: Bytes::new() }
    }

    /// Adds a header.
    pub(crate) fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }
}

fn status_code(status: u16) -> StatusCode {
    StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// Why a body does not decode into the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum BodyError {
    /// Not JSON at all (or empty).
    Syntax(String),
    /// JSON, but not the model's shape.
    Shape {
        /// Where, as a dotted path (`contact.first_name`); empty at the top.
        path: String,
        /// The required field that is missing there, if that is the problem.
        missing: Option<String>,
        /// What the decoder said.
        message: String,
    },
}

impl BodyError {
    /// The field the problem is about: the missing field's full path, or where decoding stopped.
    pub(crate) fn field(&self) -> String {
        match self {
            BodyError::Syntax(_) => String::new(),
            BodyError::Shape { path, missing: Some(name), .. } if path.is_empty() => name.clone(),
            BodyError::Shape { path, missing: Some(name), .. } => format!("{path}.{name}"),
            BodyError::Shape { path, .. } => path.clone(),
        }
    }

    /// What went wrong, in one line.
    pub(crate) fn message(&self) -> &str {
        match self {
            BodyError::Syntax(message) | BodyError::Shape { message, .. } => message,
        }
    }
}

/// Decodes a JSON body into `T`, saying where it does not fit. The body must be a JSON object,
/// as every request body of both APIs is (serde would otherwise read `[]` as an empty struct).
/// Fields the model does not know are ignored, as Zoom ignores them.
pub(crate) fn parse_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, BodyError> {
    parse_object(body).and_then(|value| typed(value).map(|(typed, _)| typed))
}

/// Like [`parse_json`], but a field the model does not know is an error, as Google's JSON
/// mapping makes it ("Unknown name ...: Cannot find field."). The model is the judge: a field
/// that is not `null` in the body and gone once the body went through the model is unknown.
pub(crate) fn parse_json_strict<T: DeserializeOwned + Serialize>(body: &[u8]) -> Result<T, BodyError> {
    let value = parse_object(body)?;
    let (typed, sent) = typed::<T>(value)?;
    let kept = serde_json::to_value(&typed).unwrap_or_default();
    match unknown_field(&sent, &kept, "") {
        Some((path, name)) => {
            Err(BodyError::Shape { path, missing: None, message: format!("Unknown name {name:?}: Cannot find field.") })
        }
        None => Ok(typed),
    }
}

fn parse_object(body: &[u8]) -> Result<serde_json::Value, BodyError> {
    let value: serde_json::Value = serde_json::from_slice(body).map_err(|err| BodyError::Syntax(err.to_string()))?;
    if value.is_object() {
        Ok(value)
    } else {
        let message = "the request body must be a JSON object".to_owned();
        Err(BodyError::Shape { path: String::new(), missing: None, message })
    }
}

/// The model's value, and the JSON it came from.
fn typed<T: DeserializeOwned>(value: serde_json::Value) -> Result<(T, serde_json::Value), BodyError> {
    let decoded = serde_path_to_error::deserialize(&value);
    decoded.map(|typed| (typed, value)).map_err(|err| {
        let path = err.path().to_string();
        let message = err.into_inner().to_string();
        let missing = message
            .strip_prefix("missing field `")
            .and_then(|rest| rest.split_once('`'))
            .map(|(name, _)| name.to_owned());
        BodyError::Shape { path: if path == "." { String::new() } else { path }, missing, message }
    })
}

/// The first field of `sent` (not `null`) that `kept` lacks: its path, and its name.
fn unknown_field(sent: &serde_json::Value, kept: &serde_json::Value, at: &str) -> Option<(String, String)> {
    use serde_json::Value;
    let join = |name: &str| if at.is_empty() { name.to_owned() } else { format!("{at}.{name}") };
    match (sent, kept) {
        (Value::Object(sent), Value::Object(kept)) => {
            sent.iter().filter(|(_, value)| !value.is_null()).find_map(|(name, value)| match kept.get(name) {
                None => Some((join(name), name.clone())),
                Some(inner) => unknown_field(value, inner, &join(name)),
            })
        }
        (Value::Array(sent), Value::Array(kept)) => sent
            .iter()
            .zip(kept)
            .enumerate()
            .find_map(|(i, (value, inner))| unknown_field(value, inner, &format!("{at}[{i}]"))),
        _ => None,
    }
}

/// The rules `value` breaks, checked by the same `clientgen_runtime::Validate` implementation the
/// generated client runs before sending (at `$` for bodies, at `query` for parameters).
pub(crate) fn spec_violations<T: Validate>(value: &T, root: &str) -> Vec<Violation> {
    let mut out = Vec::new();
    value.validate_at(root, &mut out);
    out
}

/// A page token: the hex of the last key of the page, opaque, and the same for the same data
/// (both vendors' lists page this way here).
pub(crate) fn page_token(last_key: &str) -> String {
    last_key.bytes().map(|b| format!("{b:02x}")).collect()
}

/// The key a [`page_token`] was made of; `None` for a token this sandbox did not hand out.
pub(crate) fn after_page_token(token: &str) -> Option<String> {
    if token.len() % 2 != 0 {
        return None;
    }
    let bytes = (0..token.len()).step_by(2).map(|i| u8::from_str_radix(token.get(i..i + 2)?, 16).ok());
    String::from_utf8(bytes.collect::<Option<Vec<u8>>>()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Outer {
        inner: Inner,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Inner {
        name: String,
    }

    #[test]
    fn body_errors_say_where() {
        assert!(matches!(parse_json::<Outer>(b"{"), Err(BodyError::Syntax(_))));
        assert!(matches!(parse_json::<Outer>(b""), Err(BodyError::Syntax(_))));
        assert!(matches!(parse_json::<Outer>(br#"{"inner": {"name": "x"}} trailing"#), Err(BodyError::Syntax(_))));
        assert!(matches!(parse_json::<Outer>(b"[]"), Err(BodyError::Shape { .. })));
        let seats = br#"{"numberOfSeats": 3, "extra": {"a": 1}, "kind": null}"#;
        let unknown = parse_json_strict::<google_reseller::types::Seats>(seats).err();
        assert_eq!(unknown.as_ref().map(BodyError::field), Some("extra".to_owned()));
        assert_eq!(unknown.as_ref().map(BodyError::message), Some(r#"Unknown name "extra": Cannot find field."#));
        assert!(parse_json::<google_reseller::types::Seats>(seats).is_ok(), "the lenient reading ignores it");
        let nested = br#"{"skuId": "1", "plan": {"planName": "TRIAL", "colour": "red"}}"#;
        let unknown = parse_json_strict::<google_reseller::types::Subscription>(nested).err();
        assert_eq!(unknown.map(|err| err.field()), Some("plan.colour".to_owned()));
        let missing = parse_json::<Outer>(br#"{"inner": {}}"#).err();
        assert_eq!(missing.map(|err| err.field()), Some("inner.name".to_owned()));
        let wrong = parse_json::<Outer>(br#"{"inner": {"name": 5}}"#).err();
        assert_eq!(wrong.map(|err| err.field()), Some("inner.name".to_owned()));
    }

    #[test]
    fn rules_are_checked_where_the_spec_has_them() {
        let seats = google_reseller::types::Seats { licensed_number_of_seats: Some(3), ..Default::default() };
        let found = spec_violations(&seats, "$");
        assert_eq!(found.iter().map(|v| v.path.as_str()).collect::<Vec<_>>(), ["$.licensedNumberOfSeats"]);
        let no_rules = google_reseller::types::RenewalSettings::new(google_reseller::types::RenewalType::Cancel);
        assert!(spec_violations(&no_rules, "$").is_empty());
    }
}
