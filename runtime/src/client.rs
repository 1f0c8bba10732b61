//! The connection to one API ([`ApiClient`]) and how a generated client configures it
//! ([`ClientBuilder`]): base URL, authentication, retries, time limits and the HTTP client.
//! Requests on it are put together in [`crate::request`] and sent by [`crate::Call`].

use std::fmt;
use std::marker::PhantomData;
use std::time::Duration;

use http::header::{HeaderMap, HeaderName, HeaderValue, ACCEPT, ACCEPT_ENCODING, USER_AGENT};
use http::Uri;

use crate::auth::{bearer_header, Auth, Secret};
use crate::redirect::valid_host_pattern;
use crate::retry::RetryPolicy;
use crate::transport::{HttpClient, TransportError, DEFAULT_MAX_RESPONSE_BYTES};

/// The connection to one API: base URL, authentication and the HTTP client.
/// Cheap to clone: clones share one connection pool.
#[derive(Clone)]
pub struct ApiClient {
    http: HttpClient,
    base_url: String,
    auth: Auth,
    /// `Authorization` for a static bearer token, checked and made once.
    authorization: Option<HeaderValue>,
    retry: RetryPolicy,
    timeout: Duration,
    attempt_timeout: Option<Duration>,
    max_response_bytes: usize,
    default_headers: HeaderMap,
    /// The sub-account requests act for (see [`ApiClient::for_sub_account`]).
    sub_account: Option<String>,
    /// Host patterns besides the API's own that a download by URL sends the token to.
    download_hosts: Vec<String>,
}

impl fmt::Debug for ApiClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiClient")
            .field("base_url", &self.base_url)
            .field("auth", &self.auth)
            .field("retry", &self.retry)
            .field("timeout", &self.timeout)
            .field("attempt_timeout", &self.attempt_timeout)
            .field("sub_account", &self.sub_account)
            .field("download_hosts", &self.download_hosts)
            .finish_non_exhaustive()
    }
}

/// A request that has not connected in this long fails (and, having sent nothing, is retried).
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// A call that has not completed in this long fails: every attempt, the waits between them and
/// the token fetches included.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// Configures a generated client `C`; `build` returns it.
#[must_use]
pub struct ClientBuilder<C> {
    base_url: String,
    auth: Auth,
    http: Option<HttpClient>,
    timeout: Duration,
    attempt_timeout: Option<Duration>,
    connect_timeout: Duration,
    retry: RetryPolicy,
    max_response_bytes: usize,
    /// The generated crate's `name/version`, which leads the default `User-Agent`.
    identity: Option<String>,
    user_agent: Option<String>,
    /// `(name, value)` as given; checked by `build`.
    default_headers: Vec<(String, String)>,
    download_hosts: Vec<String>,
    client: PhantomData<fn() -> C>,
}

impl<C> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("auth", &self.auth)
            .finish_non_exhaustive()
    }
}

/// The runtime's part of every default `User-Agent`.
const RUNTIME_AGENT: &str = concat!("clientgen-runtime/", env!("CARGO_PKG_VERSION"));

impl<C: From<ApiClient>> ClientBuilder<C> {
    /// A builder for the API served at `default_base_url`.
    pub fn new(default_base_url: &str) -> Self {
        Self {
            base_url: default_base_url.to_owned(),
            auth: Auth::None,
            http: None,
            timeout: DEFAULT_TIMEOUT,
            attempt_timeout: None,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            retry: RetryPolicy::default(),
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            identity: None,
            user_agent: None,
            default_headers: Vec::new(),
            download_hosts: Vec::new(),
            client: PhantomData,
        }
    }

    /// Names the generated crate (`env!("CARGO_PKG_NAME")`, `env!("CARGO_PKG_VERSION")`): the
    /// default `User-Agent` is then `<crate>/<version> clientgen-runtime/<version>` rather than
    /// the runtime's part alone. Generated clients call it in their `builder()`.
    pub fn client_identity(mut self, crate_name: &str, crate_version: &str) -> Self {
        self.identity = Some(format!("{crate_name}/{crate_version}"));
        self
    }

    /// Sends this `User-Agent` instead of the default one.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// Sends `name: value` with every request (replacing a default of the same name, such as
    /// `Accept`). A name or value that cannot be sent is refused by [`ClientBuilder::build`],
    /// which does not echo the value.
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.default_headers.push((name.into(), value.into()));
        self
    }

    /// Sends requests to `base_url` instead of the vendor's (a sandbox, a proxy, a test server).
    /// One that is not an absolute `http://` or `https://` URL is refused by [`ClientBuilder::build`].
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into();
        self
    }

    /// How requests authenticate.
    pub fn auth(mut self, auth: Auth) -> Self {
        self.auth = auth;
        self
    }

    /// Shorthand for `auth(Auth::bearer(token))`. A token that cannot be sent in a header (a line
    /// break in it) is refused by [`ClientBuilder::build`].
    pub fn bearer_token(self, token: impl Into<Secret>) -> Self {
        self.auth(Auth::bearer(token))
    }

    /// A time limit for each call as a whole: every attempt, the waits between attempts
    /// (backoff and `Retry-After`) and the token fetches. [`DEFAULT_TIMEOUT`] unless set; a call
    /// can set its own with [`crate::Call::timeout`].
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// A time limit for each attempt (connect, send, read the whole response); an attempt that
    /// runs out is retried when the request is safe to repeat. None unless set: only the call's
    /// [`timeout`](ClientBuilder::timeout) applies. A call can set its own with
    /// [`crate::Call::attempt_timeout`].
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.attempt_timeout = Some(timeout);
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

    /// The largest response body read, after decoding gzip ([`DEFAULT_MAX_RESPONSE_BYTES`] unless
    /// set); a larger one fails the call with a transport error that
    /// [`is_too_large`](TransportError::is_too_large).
    pub fn max_response_bytes(mut self, bytes: usize) -> Self {
        self.max_response_bytes = bytes;
        self
    }

    /// The hosts besides the API's own that a download by URL ([`ApiClient::download`]) sends
    /// the client's token to, replacing those the spec declares (`x-download-hosts`): a host
    /// name (`zoom.us`) or `*.` and a host name for its subdomains (`*.zoom.us`). Only over
    /// `https`, unless the base URL is `http` itself. A pattern that is neither is refused by
    /// [`ClientBuilder::build`].
    pub fn download_hosts<S: Into<String>>(mut self, hosts: impl IntoIterator<Item = S>) -> Self {
        self.download_hosts = hosts.into_iter().map(|host| host.into().to_ascii_lowercase()).collect();
        self
    }

    /// Uses an [`HttpClient`] you configured yourself (a proxy, other TLS roots); its own
    /// connect timeout then applies. Token sources fetch their tokens through it too.
    pub fn http_client(mut self, http: HttpClient) -> Self {
        self.http = Some(http);
        self
    }

    /// Builds the client; refuses a base URL that is not an `http(s)://` URL, a bearer token or
    /// default header that cannot be sent, and an HTTP client that cannot be set up.
    pub fn build(self) -> Result<C, TransportError> {
        let base_url = self.base_url.trim_end_matches('/').to_owned();
        let usable = base_url.parse::<Uri>().is_ok_and(|uri| {
            matches!(uri.scheme_str(), Some("http" | "https")) && uri.host().is_some() && uri.query().is_none()
        });
        if !usable {
            // Not echoed: a URL can carry credentials.
            return Err(TransportError::setup("the base URL is not an absolute http:// or https:// URL".to_owned()));
        }
        let authorization = match &self.auth {
            Auth::Bearer(token) => Some(bearer_header(token).ok_or_else(|| {
                TransportError::setup(
                    "the bearer token cannot be sent in a header: it contains a line break or another control character"
                        .to_owned(),
                )
            })?),
            _ => None,
        };
        let mut default_headers = HeaderMap::new();
        default_headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        default_headers.insert(ACCEPT_ENCODING, HeaderValue::from_static("gzip"));
        let user_agent = match (self.user_agent, self.identity) {
            (Some(user_agent), _) => user_agent,
            (None, Some(identity)) => format!("{identity} {RUNTIME_AGENT}"),
            (None, None) => RUNTIME_AGENT.to_owned(),
        };
        let user_agent = HeaderValue::try_from(user_agent)
            .map_err(|_| TransportError::setup("the User-Agent is not a valid header value".to_owned()))?;
        default_headers.insert(USER_AGENT, user_agent);
        for (name, value) in self.default_headers {
            let invalid = |what: &str| TransportError::setup(format!("default header `{name}`: {what}"));
            let header = HeaderName::try_from(&name).map_err(|_| invalid("not a valid header name"))?;
            // The value is not echoed: default headers carry API keys as often as not.
            let mut value =
                HeaderValue::try_from(value).map_err(|_| invalid("the value is not a valid header value"))?;
            value.set_sensitive(true);
            default_headers.insert(header, value);
        }
        if let Some(pattern) = self.download_hosts.iter().find(|p| !valid_host_pattern(p)) {
            return Err(TransportError::setup(format!(
                "download host `{pattern}` is not a host name, or `*.` and a host name"
            )));
        }
        let http = match self.http {
            Some(http) => http,
            None => HttpClient::builder()
                .connect_timeout(self.connect_timeout)
                .max_response_bytes(self.max_response_bytes)
                .build()?,
        };
        Ok(C::from(ApiClient {
            http,
            base_url,
            auth: self.auth,
            authorization,
            retry: self.retry,
            timeout: self.timeout,
            attempt_timeout: self.attempt_timeout,
            max_response_bytes: self.max_response_bytes,
            default_headers,
            sub_account: None,
            download_hosts: self.download_hosts,
        }))
    }
}

impl ApiClient {
    /// This client acting for a sub-account, the way a vendor's master-account APIs do it (Zoom
    /// puts `/accounts/{accountId}` in front of the path): operations the spec marks
    /// `x-sub-account` go to `/accounts/{account_id}<path>`; any other is refused before sending,
    /// since it would act for the master account instead. The id is percent-encoded as one path
    /// segment, and refused as path parameters are (empty, `.`, `..`).
    pub fn for_sub_account(&self, account_id: impl Into<String>) -> Self {
        Self { sub_account: Some(account_id.into()), ..self.clone() }
    }

    /// The sub-account this client acts for, if any.
    pub fn sub_account(&self) -> Option<&str> {
        self.sub_account.as_deref()
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

    pub(crate) fn attempt_timeout(&self) -> Option<Duration> {
        self.attempt_timeout
    }

    pub(crate) fn max_response_bytes(&self) -> usize {
        self.max_response_bytes
    }

    /// The `Authorization` header of a static bearer token (`None` for other kinds of auth).
    pub(crate) fn static_authorization(&self) -> Option<&HeaderValue> {
        self.authorization.as_ref()
    }

    pub(crate) fn auth(&self) -> &Auth {
        &self.auth
    }

    pub(crate) fn retry_policy(&self) -> &RetryPolicy {
        &self.retry
    }

    /// The headers every request carries.
    pub(crate) fn default_headers(&self) -> &HeaderMap {
        &self.default_headers
    }

    /// The host patterns besides the API's own that a download sends the token to.
    pub fn download_hosts(&self) -> &[String] {
        &self.download_hosts
    }
}
