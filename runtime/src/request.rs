//! Putting one request together: what a generated method knows about its operation
//! ([`Operation`]), the builder it fills in ([`RequestBuilder`]: path, query, headers, body,
//! rule checks), and the owned [`PreparedRequest`] that a [`crate::Call`] sends, once per attempt.

use std::borrow::Cow;
use std::fmt::{self, Display};

use bytes::Bytes;
use http::header::{HeaderMap, HeaderName, HeaderValue, AUTHORIZATION, CONTENT_TYPE};
use http::{Method, Request, Uri};
use serde::Serialize;

use crate::body::{Multipart, UrlEncodedForm};
use crate::client::ApiClient;
use crate::path::{push_path_segment, PathParam};
use crate::validate::{Validate, Violation};

/// What a generated method knows about its operation, as written in the spec.
#[derive(Debug)]
pub struct Operation {
    /// The spec's operationId.
    pub id: &'static str,
    /// The HTTP method.
    pub method: Method,
    /// The path template, with `{name}` placeholders, relative to the base URL.
    pub path: &'static str,
    /// Safe to send twice: GET, PUT, DELETE, HEAD, and POSTs the spec marks `x-idempotent`.
    pub idempotent: bool,
    /// The OAuth scopes the operation needs (the first set the spec lists).
    pub scopes: &'static [&'static str],
    /// Served for a sub-account too, at `/accounts/{accountId}` + `path` (`x-sub-account`).
    pub sub_account: bool,
}

impl ApiClient {
    /// Starts a request for `operation`; `path_params` fill the path template's placeholders in
    /// order, each percent-encoded as one segment (an array as [`crate::PathList`]).
    pub fn request<'a>(&'a self, operation: &'static Operation, path_params: &[&dyn PathParam]) -> RequestBuilder<'a> {
        let mut builder = RequestBuilder {
            client: self,
            operation,
            path: String::with_capacity(operation.path.len() + 32),
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            problem: None,
            violations: Vec::new(),
        };
        if let Some(account) = self.sub_account() {
            if operation.sub_account {
                builder.path.push_str("/accounts/");
                builder.push_segment(&account, "accountId");
            } else {
                builder.fail(format!(
                    "`{}` is not served for a sub-account: call it on the master account's client",
                    operation.id
                ));
            }
        }
        builder.fill_path(path_params);
        builder
    }
}

/// A query parameter's value: text, percent-encoded when the URL is made, or a list whose items
/// are encoded one by one and joined by commas that stay commas (`ids=a,b%2Cc` is two items).
#[derive(Debug)]
enum QueryValue {
    Text(String),
    Joined(String),
}

type QueryPairs = Vec<(Cow<'static, str>, QueryValue)>;

/// A list written as its items' text joined by commas: how an array travels in a header
/// (`simple` style) and in a query parameter that does not explode.
pub struct CommaSeparated<'a, T>(pub &'a [T]);

impl<T: Display> Display for CommaSeparated<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, item) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            write!(f, "{item}")?;
        }
        Ok(())
    }
}

/// How an object travels in a query string (the parameter's OpenAPI `style`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObjectStyle {
    /// `style: deepObject`: `name[key]=value`, nested as `name[key][sub]` and `name[key][0]`.
    DeepObject,
    /// `style: form, explode: true`: one `key=value` pair per field (the parameter's name is not sent).
    Form,
}

/// One request being put together by a generated method.
pub struct RequestBuilder<'a> {
    client: &'a ApiClient,
    operation: &'static Operation,
    path: String,
    query: QueryPairs,
    headers: Vec<(HeaderName, HeaderValue)>,
    body: Option<(HeaderValue, Bytes)>,
    /// The first reason this request cannot be sent; reported when the call is awaited.
    problem: Option<String>,
    /// Rules the request breaks (reported unless the call skips validation).
    violations: Vec<Violation>,
}

impl fmt::Debug for RequestBuilder<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RequestBuilder")
            .field("operation", &self.operation.id)
            .field("path", &self.path)
            .field("query", &self.query)
            .finish_non_exhaustive()
    }
}

impl<'a> RequestBuilder<'a> {
    fn fill_path(&mut self, params: &[&dyn PathParam]) {
        // Templates are short: a plain byte loop finds braces faster than a string searcher.
        let find = |text: &str, byte: u8| text.bytes().position(|b| b == byte);
        let mut rest = self.operation.path;
        let mut params = params.iter();
        while let Some(open) = find(rest, b'{') {
            self.path.push_str(&rest[..open]);
            let Some(close) = find(&rest[open..], b'}').map(|i| open + i) else { break };
            let name = &rest[open + 1..close];
            match params.next() {
                Some(param) => self.push_segment(*param, name),
                None => self.fail(format!("no value for path parameter `{name}`")),
            }
            rest = &rest[close + 1..];
        }
        self.path.push_str(rest);
    }

    /// Appends `value` to the path as one percent-encoded segment (`name` says which in errors).
    fn push_segment(&mut self, value: &dyn PathParam, name: &str) {
        if let Err(invalid) = push_path_segment(&mut self.path, value, name) {
            self.fail(invalid.to_string());
        }
    }

    fn fail(&mut self, reason: String) {
        self.problem.get_or_insert(reason);
    }

    /// Adds `name=value` to the query string.
    pub fn query(&mut self, name: &'static str, value: impl Display) -> &mut Self {
        self.query.push((name.into(), QueryValue::Text(value.to_string())));
        self
    }

    /// Adds `name=value` when `value` is present.
    pub fn query_opt<T: Display>(&mut self, name: &'static str, value: Option<&T>) -> &mut Self {
        if let Some(value) = value {
            self.query(name, value);
        }
        self
    }

    /// Adds `name=v` once per element (`style: form, explode: true`).
    pub fn query_each<T: Display>(&mut self, name: &'static str, values: &[T]) -> &mut Self {
        for value in values {
            self.query(name, value);
        }
        self
    }

    /// Adds `name=a,b,c` (`style: form, explode: false`).
    /// A comma inside an item is percent-encoded; the commas between items are not, so a server
    /// that splits before decoding (as OpenAPI's `form` style intends) sees the items.
    pub fn query_joined<T: Display>(&mut self, name: &'static str, values: &[T]) -> &mut Self {
        let mut joined = String::new();
        for (i, value) in values.iter().enumerate() {
            if i > 0 {
                joined.push(',');
            }
            joined.extend(form_urlencoded::byte_serialize(value.to_string().as_bytes()));
        }
        self.query.push((name.into(), QueryValue::Joined(joined)));
        self
    }

    /// Adds an object (or a map, or an array of objects) to the query string, in `style`.
    pub fn query_object<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
        style: ObjectStyle,
    ) -> &mut Self {
        match serde_json::to_value(value) {
            Ok(tree) if style == ObjectStyle::DeepObject => flatten_deep(name.to_owned(), &tree, &mut self.query),
            Ok(serde_json::Value::Object(fields)) => {
                for (key, value) in fields {
                    flatten_deep(key, &value, &mut self.query);
                }
            }
            Ok(other) => flatten_deep(name.to_owned(), &other, &mut self.query),
            Err(err) => self.fail(format!("query parameter `{name}` does not serialize: {err}")),
        }
        self
    }

    /// Adds the header `name: value` (a header parameter of the operation).
    pub fn header(&mut self, name: &'static str, value: impl Display) -> &mut Self {
        match (HeaderName::try_from(name), HeaderValue::try_from(value.to_string())) {
            (Ok(name), Ok(value)) => self.headers.push((name, value)),
            (Err(_), _) => self.fail(format!("`{name}` is not a valid header name")),
            (_, Err(_)) => self.fail(format!("header parameter `{name}` has a value that is not a valid header value")),
        }
        self
    }

    /// Adds the header `name` holding an object (or a map) in `style: simple`: its fields as
    /// `key,value,key,value`, or `key=value,key=value` when `explode`d. Absent fields are left
    /// out; a field that is itself an array or object cannot be carried, and fails the request.
    pub fn header_object<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T, explode: bool) -> &mut Self {
        // Through JSON text, so that the fields keep their order (serde_json's map sorts them).
        let fields = serde_json::to_vec(value).and_then(|json| serde_json::from_slice::<OrderedFields>(&json));
        match fields.map_err(|err| err.to_string()).and_then(|fields| simple_object(fields, explode)) {
            Ok(text) => self.header(name, text),
            Err(reason) => {
                self.fail(format!("header parameter `{name}` cannot be sent: {reason}"));
                self
            }
        }
    }

    /// Checks `value` (the body at `$`, or the parameters at `query`) against the spec's rules.
    /// Read-only fields are not refused here: the request leaves them off the wire.
    pub fn validate<V: Validate + ?Sized>(&mut self, value: &V, root: &str) -> &mut Self {
        let before = self.violations.len();
        value.validate_at(root, &mut self.violations);
        let mut index = 0;
        self.violations.retain(|v| {
            index += 1;
            index <= before || !v.read_only
        });
        self
    }

    /// Checks the method's own arguments (required parameters, date windows): `checks` adds what
    /// it finds wrong.
    pub fn check(&mut self, checks: impl FnOnce(&mut Vec<Violation>)) -> &mut Self {
        checks(&mut self.violations);
        self
    }

    /// Sends `body` as JSON.
    pub fn json<B: Serialize + ?Sized>(&mut self, body: &B) -> &mut Self {
        // Read-only fields stay off the wire (see `wire::as_request`).
        match crate::wire::as_request(|| serde_json::to_vec(body)) {
            Ok(bytes) => self.body = Some((HeaderValue::from_static("application/json"), bytes.into())),
            Err(err) => self.fail(format!("the request body does not serialize: {err}")),
        }
        self
    }

    /// Sends a `multipart/form-data` body.
    pub fn multipart(&mut self, form: Multipart) -> &mut Self {
        match form.finish() {
            Ok((content_type, bytes)) => match HeaderValue::try_from(content_type) {
                Ok(content_type) => self.body = Some((content_type, bytes)),
                Err(err) => self.fail(format!("invalid multipart content type: {err}")),
            },
            Err(problem) => self.fail(problem),
        }
        self
    }

    /// Sends an `application/x-www-form-urlencoded` body.
    pub fn form(&mut self, form: UrlEncodedForm) -> &mut Self {
        self.body = Some((HeaderValue::from_static("application/x-www-form-urlencoded"), form.finish()));
        self
    }

    /// Sends an `application/x-www-form-urlencoded` body holding the fields of `value` (an
    /// object, or a union of objects), in their order: text as itself, numbers and booleans as
    /// JSON writes them, arrays and objects as JSON text; absent and `null` fields are left out.
    pub fn form_fields<T: Serialize + ?Sized>(&mut self, value: &T) -> &mut Self {
        // Through JSON text, so that the fields keep their order; read-only fields stay off.
        let fields = crate::wire::as_request(|| serde_json::to_vec(value))
            .and_then(|json| serde_json::from_slice::<OrderedFields>(&json));
        match fields {
            Ok(fields) => {
                let mut form = UrlEncodedForm::new();
                for (name, value) in fields.0 {
                    match value {
                        serde_json::Value::Null => {}
                        serde_json::Value::String(text) => {
                            form.text(&name, &text);
                        }
                        other => {
                            form.text(&name, &other);
                        }
                    }
                }
                self.form(form)
            }
            Err(err) => {
                self.fail(format!("the request body does not serialize as a form: {err}"));
                self
            }
        }
    }

    /// Sends raw bytes with the given content type (`application/octet-stream` and the like).
    pub fn bytes(&mut self, content_type: &'static str, bytes: impl Into<Bytes>) -> &mut Self {
        self.body = Some((HeaderValue::from_static(content_type), bytes.into()));
        self
    }

    /// Adds a header the runtime decides (not a spec parameter).
    pub(crate) fn push_header(&mut self, name: HeaderName, value: HeaderValue) {
        self.headers.push((name, value));
    }

    /// The client the request goes out on.
    pub(crate) fn client(&self) -> &'a ApiClient {
        self.client
    }

    /// The operation the request is for.
    pub(crate) fn operation(&self) -> &'static Operation {
        self.operation
    }

    /// The request as it goes out, or the first reason it cannot; and the rules it breaks.
    pub(crate) fn prepare(self) -> (Result<PreparedRequest, String>, Vec<Violation>) {
        let RequestBuilder { client, operation, path, query, headers, body, problem, violations } = self;
        if let Some(problem) = problem {
            return (Err(problem), violations);
        }
        let prepared = uri(client.base_url(), &path, &query).map(|uri| {
            let mut own = HeaderMap::new();
            for (name, value) in headers {
                own.append(name, value);
            }
            let body = match body {
                Some((content_type, bytes)) => {
                    own.insert(CONTENT_TYPE, content_type);
                    bytes
                }
                None => Bytes::new(),
            };
            PreparedRequest { operation, uri, headers: own, body }
        });
        (prepared, violations)
    }
}

/// The base URL, the filled-in path and the query string as one URI.
fn uri(base_url: &str, path: &str, query: &QueryPairs) -> Result<Uri, String> {
    let mut url = String::with_capacity(base_url.len() + path.len() + 1);
    url.push_str(base_url);
    url.push_str(path);
    if !query.is_empty() {
        url.push('?');
        for (i, (name, value)) in query.iter().enumerate() {
            if i > 0 {
                url.push('&');
            }
            url.extend(form_urlencoded::byte_serialize(name.as_bytes()));
            url.push('=');
            match value {
                QueryValue::Text(text) => url.extend(form_urlencoded::byte_serialize(text.as_bytes())),
                QueryValue::Joined(encoded) => url.push_str(encoded),
            }
        }
    }
    // Not echoed in full: the query may carry what the caller would rather not see in a log.
    Uri::try_from(url).map_err(|err| format!("the request URL is not valid: {err}"))
}

/// An object in `style: simple` (RFC 6570's `{x}` and `{x*}`): `k,v,k,v`, or `k=v,k=v` exploded.
fn simple_object(fields: OrderedFields, explode: bool) -> Result<String, String> {
    let mut text = String::new();
    for (key, value) in fields.0 {
        let value = match value {
            serde_json::Value::Null => continue,
            serde_json::Value::String(value) => value,
            serde_json::Value::Number(_) | serde_json::Value::Bool(_) => value.to_string(),
            _ => return Err(format!("its field `{key}` is an array or an object, which style simple cannot carry")),
        };
        if !text.is_empty() {
            text.push(',');
        }
        text.push_str(&key);
        text.push(if explode { '=' } else { ',' });
        text.push_str(&value);
    }
    Ok(text)
}

/// A JSON object's fields in the order written.
#[derive(Debug)]
struct OrderedFields(Vec<(String, serde_json::Value)>);

impl<'de> serde::Deserialize<'de> for OrderedFields {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = OrderedFields;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<OrderedFields, A::Error> {
                let mut fields = Vec::new();
                while let Some(field) = map.next_entry()? {
                    fields.push(field);
                }
                Ok(OrderedFields(fields))
            }
        }
        deserializer.deserialize_map(Visitor)
    }
}

/// `name=value` pairs for a JSON value in `deepObject` style; `null` adds nothing.
fn flatten_deep(name: String, value: &serde_json::Value, out: &mut QueryPairs) {
    match value {
        serde_json::Value::Null => {}
        serde_json::Value::Object(fields) => {
            for (key, value) in fields {
                flatten_deep(format!("{name}[{key}]"), value, out);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                flatten_deep(format!("{name}[{i}]"), item, out);
            }
        }
        serde_json::Value::String(text) => out.push((name.into(), QueryValue::Text(text.clone()))),
        other => out.push((name.into(), QueryValue::Text(other.to_string()))),
    }
}

/// A request ready to send: everything but the credentials, which may change between attempts.
/// Owned, so that it can be sent again on retry.
#[derive(Debug)]
pub(crate) struct PreparedRequest {
    pub(crate) operation: &'static Operation,
    pub(crate) uri: Uri,
    /// The request's own headers: the operation's header parameters, the body's type and the
    /// call's extra headers. Each name replaces a client default of the same name.
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
}

impl PreparedRequest {
    /// One attempt's request: the client's `defaults`, the request's own headers, and
    /// `authorization` when the request authenticates.
    pub(crate) fn to_http(&self, defaults: &HeaderMap, authorization: Option<HeaderValue>) -> Request<Bytes> {
        let mut headers = defaults.clone();
        let mut previous: Option<&HeaderName> = None;
        // A name's values come one after another: the first replaces the default, the rest add.
        for (name, value) in &self.headers {
            if previous == Some(name) {
                headers.append(name.clone(), value.clone());
            } else {
                headers.insert(name.clone(), value.clone());
            }
            previous = Some(name);
        }
        if let Some(authorization) = authorization {
            headers.insert(AUTHORIZATION, authorization);
        }
        let mut request = Request::new(self.body.clone());
        *request.method_mut() = self.operation.method.clone();
        *request.uri_mut() = self.uri.clone();
        *request.headers_mut() = headers;
        request
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::ClientBuilder;

    #[test]
    fn query_objects_deep_and_spread_and_joined_arrays() {
        let api: ApiClient = ClientBuilder::<ApiClient>::new("http://example.test/v1/").build().unwrap();
        static OPERATION: Operation = Operation {
            id: "op",
            method: Method::GET,
            path: "/p/{id}",
            idempotent: true,
            scopes: &[],
            sub_account: false,
        };
        let mut request = api.request(&OPERATION, &[&"a b"]);
        request
            .query_object("created", &serde_json::json!({ "gt": 1, "lte": 5 }), ObjectStyle::DeepObject)
            .query_object("filter", &serde_json::json!({ "status": "done", "skip": null }), ObjectStyle::Form)
            .query_object("m", &serde_json::json!({ "a": { "b": [1, "x"] } }), ObjectStyle::DeepObject)
            .query_joined("ids", &[1, 2, 3])
            .query_joined("tags", &["a,b", "c d"]);
        let uri = request.prepare().0.unwrap().uri;
        assert_eq!(uri.path(), "/v1/p/a%20b");
        let expected = [
            "created%5Bgt%5D=1",
            "created%5Blte%5D=5",
            "status=done",
            "m%5Ba%5D%5Bb%5D%5B0%5D=1",
            "m%5Ba%5D%5Bb%5D%5B1%5D=x",
            "ids=1,2,3",
            "tags=a%2Cb,c+d",
        ];
        assert_eq!(uri.query(), Some(expected.join("&").as_str()));
    }

    #[test]
    fn header_objects_in_simple_style_keep_their_field_order() {
        let object = r#"{ "b": "x y", "a": 1, "c": true, "skipped": null }"#;
        let cases = [
            (object, false, Ok("b,x y,a,1,c,true")),
            (object, true, Ok("b=x y,a=1,c=true")),
            ("{}", true, Ok("")),
            (r#"{ "a": [1] }"#, false, Err("its field `a` is an array or an object")),
        ];
        for (json, explode, expected) in cases {
            let found = simple_object(serde_json::from_str(json).unwrap(), explode);
            match expected {
                Ok(text) => assert_eq!(found.as_deref(), Ok(text), "{json}"),
                Err(start) => assert!(found.as_ref().unwrap_err().starts_with(start), "{json}: {found:?}"),
            }
        }
        assert!(serde_json::from_str::<OrderedFields>("[1]").unwrap_err().to_string().contains("expected an object"));
    }
}
