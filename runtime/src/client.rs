use std::fmt::{self, Display};
use std::marker::PhantomData;
use std::time::Duration;

use bytes::Bytes;
use http::header::{HeaderName, HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE};
use http::{Method, Request, Uri};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::auth::bearer_header;
use crate::body::form_urlencode;
use crate::call::{Call, SuccessBody};
use crate::{encode_path_segment, Auth, HttpClient, RetryPolicy, Secret, TransportError};

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
}

/// The connection to one API: base URL, authentication and the HTTP client.
/// Cheap to clone: clones share one connection pool.
#[derive(Clone)]
pub struct ApiClient {
    http: HttpClient,
    base_url: String,
    auth: Auth,
    retry: RetryPolicy,
    timeout: Duration,
}

impl fmt::Debug for ApiClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiClient")
            .field("base_url", &self.base_url)
            .field("auth", &self.auth)
            .field("retry", &self.retry)
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// A request that has not connected in this long fails (and, having sent nothing, is retried).
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// A request that has not completed in this long (connect, send, read the whole response) fails.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// Configures a generated client `C`; `build` returns it.
#[must_use]
pub struct ClientBuilder<C> {
    base_url: String,
    auth: Auth,
    http: Option<HttpClient>,
    timeout: Duration,
    connect_timeout: Duration,
    retry: RetryPolicy,
    client: PhantomData<fn() -> C>,
}

impl<C> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder").field("base_url", &self.base_url).field("auth", &self.auth).finish()
    }
}

impl<C: From<ApiClient>> ClientBuilder<C> {
    /// A builder for the API served at `default_base_url`.
    pub fn new(default_base_url: &str) -> Self {
        Self {
            base_url: default_base_url.to_owned(),
            auth: Auth::None,
            http: None,
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            retry: RetryPolicy::default(),
            client: PhantomData,
        }
    }

    /// Sends requests to `base_url` instead of the vendor's (a sandbox, a proxy, a test server).
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into();
        self
    }

    /// How requests authenticate.
    pub fn auth(mut self, auth: Auth) -> Self {
        self.auth = auth;
        self
    }

    /// Shorthand for `auth(Auth::bearer(token))`.
    pub fn bearer_token(self, token: impl Into<crate::Secret>) -> Self {
        self.auth(Auth::bearer(token))
    }

    /// A total time limit for each request (connect, send, and read the whole response);
    /// [`DEFAULT_TIMEOUT`] unless set. A call can set its own with [`crate::Call::timeout`].
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// A time limit for connecting; [`DEFAULT_CONNECT_TIMEOUT`] unless set.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// When to retry ([`RetryPolicy::default`] unless set; [`RetryPolicy::none`] never retries).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Uses an [`HttpClient`] you configured yourself (a proxy, other TLS roots); its own
    /// connect timeout then applies. The total timeout still applies per request.
    pub fn http_client(mut self, http: HttpClient) -> Self {
        self.http = Some(http);
        self
    }

    /// Builds the client.
    pub fn build(self) -> Result<C, TransportError> {
        let http = match self.http {
            Some(http) => http,
            None => HttpClient::builder().connect_timeout(self.connect_timeout).build()?,
        };
        let base_url = self.base_url.trim_end_matches('/').to_owned();
        Ok(C::from(ApiClient { http, base_url, auth: self.auth, retry: self.retry, timeout: self.timeout }))
    }
}

impl ApiClient {
    /// Starts a request for `operation`; `path_params` fill the path template's placeholders in
    /// order, each percent-encoded as one segment.
    pub fn request<'a>(&'a self, operation: &'static Operation, path_params: &[&dyn Display]) -> RequestBuilder<'a> {
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
        builder.fill_path(path_params);
        builder
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The HTTP client requests go through (for a request no generated method covers).
    pub fn http(&self) -> &HttpClient {
        &self.http
    }

    pub(crate) fn timeout(&self) -> Duration {
        self.timeout
    }

    pub(crate) fn auth(&self) -> &Auth {
        &self.auth
    }

    pub(crate) fn retry_policy(&self) -> &RetryPolicy {
        &self.retry
    }
}

/// One request being put together by a generated method.
pub struct RequestBuilder<'a> {
    pub(crate) client: &'a ApiClient,
    pub(crate) operation: &'static Operation,
    path: String,
    query: Vec<(std::borrow::Cow<'static, str>, String)>,
    headers: Vec<(HeaderName, HeaderValue)>,
    pub(crate) body: Option<(HeaderValue, Bytes)>,
    /// The first reason this request cannot be sent; reported when the call is awaited.
    pub(crate) problem: Option<String>,
    /// Rules the request breaks (reported unless the call skips validation).
    pub(crate) violations: Vec<crate::Violation>,
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
    fn fill_path(&mut self, params: &[&dyn Display]) {
        let mut rest = self.operation.path;
        let mut params = params.iter();
        while let Some(open) = rest.find('{') {
            self.path.push_str(&rest[..open]);
            let Some(close) = rest[open..].find('}').map(|i| open + i) else { break };
            let name = &rest[open + 1..close];
            match params.next().map(|value| encode_path_segment(name, &value.to_string())) {
                Some(Ok(segment)) => self.path.push_str(&segment),
                Some(Err(invalid)) => self.fail(invalid.to_string()),
                None => self.fail(format!("no value for path parameter `{name}`")),
            }
            rest = &rest[close + 1..];
        }
        self.path.push_str(rest);
    }

    fn fail(&mut self, reason: String) {
        self.problem.get_or_insert(reason);
    }

    /// Adds `name=value` to the query string.
    pub fn query(&mut self, name: &'static str, value: impl Display) -> &mut Self {
        self.query.push((name.into(), value.to_string()));
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
    pub fn query_joined<T: Display>(&mut self, name: &'static str, values: &[T]) -> &mut Self {
        let joined: Vec<String> = values.iter().map(ToString::to_string).collect();
        self.query(name, joined.join(","))
    }

    /// Adds an object (or a map, or an array of objects) to the query string: with `deep`
    /// (`style: deepObject`) as `name[key]=value`, nested as `name[key][sub]` and `name[key][0]`;
    /// otherwise (`style: form, explode: true`) as one `key=value` pair per field.
    pub fn query_object<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T, deep: bool) -> &mut Self {
        match serde_json::to_value(value) {
            Ok(tree) if deep => flatten_deep(name.to_owned(), &tree, &mut self.query),
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

    /// Checks `value` (the body at `$`, or the parameters at `query`) against the spec's rules.
    pub fn validate<V: crate::Validate + ?Sized>(&mut self, value: &V, root: &str) -> &mut Self {
        value.validate_at(root, &mut self.violations);
        self
    }

    /// Sends `body` as JSON.
    pub fn json<B: Serialize + ?Sized>(&mut self, body: &B) -> &mut Self {
        match serde_json::to_vec(body) {
            Ok(bytes) => self.body = Some((HeaderValue::from_static("application/json"), bytes.into())),
            Err(err) => self.fail(format!("the request body does not serialize: {err}")),
        }
        self
    }

    /// Sends a `multipart/form-data` body.
    pub fn multipart(&mut self, form: crate::Multipart) -> &mut Self {
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
    pub fn form(&mut self, form: crate::UrlEncodedForm) -> &mut Self {
        self.body = Some((HeaderValue::from_static("application/x-www-form-urlencoded"), form.finish()));
        self
    }

    /// Sends raw bytes with the given content type (`application/octet-stream` and the like).
    pub fn bytes(&mut self, content_type: &'static str, bytes: impl Into<Bytes>) -> &mut Self {
        self.body = Some((HeaderValue::from_static(content_type), bytes.into()));
        self
    }

    /// Finishes the request; the call decodes the success body into `T` (JSON, or by status for
    /// an operation whose success statuses carry different bodies).
    pub fn call<T: crate::FromResponse, E>(self) -> Call<'a, T, E> {
        Call::new(self, SuccessBody::Json)
    }

    /// Finishes the request for an operation that answers some successes with a JSON body and
    /// others with none (`204 No Content`): an empty body is `None`.
    pub fn call_optional<T: DeserializeOwned, E>(self) -> Call<'a, Option<T>, E> {
        Call::new(self, SuccessBody::JsonOrEmpty)
    }

    /// Finishes the request for an operation whose success response has no body.
    pub fn call_empty<E>(self) -> Call<'a, (), E> {
        // Whatever an operation without a documented body sends back is ignored.
        Call::new(self, SuccessBody::Ignored)
    }

    pub(crate) fn uri(&self) -> Result<Uri, String> {
        let mut url = format!("{}{}", self.client.base_url, self.path);
        if !self.query.is_empty() {
            url.push('?');
            url.push_str(&form_urlencode(self.query.iter().map(|(k, v)| (k.as_ref(), v.as_str()))));
        }
        Uri::try_from(&url).map_err(|err| format!("invalid URL {url}: {err}"))
    }

    /// One attempt's request: built anew for every attempt, from bytes kept in memory.
    pub(crate) fn to_request(&self, uri: &Uri, token: Option<&Secret>) -> Request<Bytes> {
        let (content_type, body) = match &self.body {
            Some((content_type, bytes)) => (Some(content_type), bytes.clone()),
            None => (None, Bytes::new()),
        };
        let mut request = Request::new(body);
        *request.method_mut() = self.operation.method.clone();
        *request.uri_mut() = uri.clone();
        let headers = request.headers_mut();
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        if let Some(authorization) = token.and_then(bearer_header) {
            headers.insert(AUTHORIZATION, authorization);
        }
        for (name, value) in &self.headers {
            headers.append(name.clone(), value.clone());
        }
        if let Some(content_type) = content_type {
            headers.insert(CONTENT_TYPE, content_type.clone());
        }
        request
    }
}

/// `name=value` pairs for a JSON value in `deepObject` style; `null` adds nothing.
fn flatten_deep(name: String, value: &serde_json::Value, out: &mut Vec<(std::borrow::Cow<'static, str>, String)>) {
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
        serde_json::Value::String(text) => out.push((name.into(), text.clone())),
        other => out.push((name.into(), other.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_objects_deep_and_spread_and_joined_arrays() {
        let api: ApiClient = ClientBuilder::<ApiClient>::new("http://example.test/v1/").build().unwrap();
        static OPERATION: Operation =
            Operation { id: "op", method: Method::GET, path: "/p/{id}", idempotent: true, scopes: &[] };
        let mut request = api.request(&OPERATION, &[&"a b"]);
        request
            .query_object("created", &serde_json::json!({ "gt": 1, "lte": 5 }), true)
            .query_object("filter", &serde_json::json!({ "status": "done", "skip": null }), false)
            .query_object("m", &serde_json::json!({ "a": { "b": [1, "x"] } }), true)
            .query_joined("ids", &[1, 2, 3]);
        let uri = request.uri().unwrap();
        assert_eq!(uri.path(), "/v1/p/a%20b");
        let expected = [
            "created%5Bgt%5D=1",
            "created%5Blte%5D=5",
            "status=done",
            "m%5Ba%5D%5Bb%5D%5B0%5D=1",
            "m%5Ba%5D%5Bb%5D%5B1%5D=x",
            "ids=1%2C2%2C3",
        ];
        assert_eq!(uri.query(), Some(expected.join("&").as_str()));
    }
}
