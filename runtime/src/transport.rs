//! The HTTP client under every generated client: HTTP/1.1 on hyper, TLS by rustls with the
//! Mozilla roots (webpki-roots), one connection pool per client, and the proxies named by
//! `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY` and `NO_PROXY`, read as curl reads them.
//!
//! hyper directly rather than reqwest: a generated crate then builds against about 50 packages
//! instead of about 95, which is most of what `cargo build` spends on a crate that changed.
//! A call does not follow redirects: a 3xx is an [`crate::Error::Api`] with its `Location`
//! header. Binary bodies (downloads) do, in `crate::redirect`.
//!
//! A JSON response body is read whole into memory, up to a size cap: a larger one is an error,
//! and nothing past the cap is kept. A `gzip` body is decoded (by `flate2`), and the cap applies
//! to the decoded size too. A binary success body is not read here: it is handed on as it
//! arrives ([`Received::Streaming`], read by [`crate::Download`]), with no cap.

use std::error::Error as StdError;
use std::fmt;
use std::future::Future;
use std::io::Read as _;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http::header::{HeaderMap, HeaderValue, CONTENT_ENCODING, CONTENT_LENGTH, PROXY_AUTHORIZATION};
use http::{Method, Request, Response, Uri};
use http_body_util::{BodyExt, Full, LengthLimitError, Limited};
use hyper::body::Incoming;
use hyper::rt::{Read, ReadBufCursor, Write};
use hyper_rustls::{HttpsConnector, HttpsConnectorBuilder};
use hyper_util::client::legacy::connect::proxy::Tunnel;
use hyper_util::client::legacy::connect::{Connected, Connection, HttpConnector};
use hyper_util::client::legacy::Client;
use hyper_util::client::proxy::matcher::Matcher;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use tower_service::Service;

pub(crate) type BoxError = Box<dyn StdError + Send + Sync>;

/// The largest response body read unless configured otherwise: 64 MiB, after decoding. Far above
/// any JSON page Google or Zoom send, far below what would hurt a server's memory.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 64 << 20;

/// A pooled HTTP/1.1 client. Cheap to clone: clones share the pool.
#[derive(Clone)]
pub struct HttpClient {
    pool: Client<HttpsConnector<ProxyConnector>, Full<Bytes>>,
    proxies: Arc<Matcher>,
    max_response_bytes: usize,
}

impl fmt::Debug for HttpClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The proxy settings may hold credentials: not shown.
        f.write_str("HttpClient { .. }")
    }
}

/// Configures an [`HttpClient`].
#[must_use]
pub struct HttpClientBuilder {
    connect_timeout: Option<Duration>,
    max_response_bytes: usize,
    tls: Option<rustls::ClientConfig>,
    proxies: Option<Result<Matcher, String>>,
}

impl fmt::Debug for HttpClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpClientBuilder").field("connect_timeout", &self.connect_timeout).finish_non_exhaustive()
    }
}

impl HttpClient {
    /// A client with the defaults: the webpki roots, proxies from the environment, no connect
    /// time limit of its own (a call's time limit still applies).
    pub fn new() -> Result<Self, TransportError> {
        Self::builder().build()
    }

    /// Configures a client.
    pub fn builder() -> HttpClientBuilder {
        HttpClientBuilder {
            connect_timeout: None,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            tls: None,
            proxies: None,
        }
    }

    /// Sends `request` and reads the whole response (a `gzip` body decoded), all within
    /// `timeout` when one is given, and at most the client's response size cap.
    pub async fn send(
        &self,
        request: Request<Bytes>,
        timeout: Option<Duration>,
    ) -> Result<Response<Bytes>, TransportError> {
        let repeatable = request.method().is_idempotent();
        self.exchange(request, Exchange { timeout, max_response_bytes: self.max_response_bytes, repeatable }).await
    }

    /// Sends `request` within the limits of `exchange` and reads the whole response.
    pub(crate) async fn exchange(
        &self,
        request: Request<Bytes>,
        exchange: Exchange,
    ) -> Result<Response<Bytes>, TransportError> {
        let Exchange { timeout, max_response_bytes: max, repeatable } = exchange;
        within(timeout, repeatable, async {
            let response = self.start(request, repeatable).await?;
            read_whole(response, max, repeatable).await
        })
        .await
    }

    /// Sends `request` within the limits of `exchange`; a success's body is left to arrive (the
    /// time limit ends with its head), any other answer is read whole, as by `exchange`.
    pub(crate) async fn exchange_streaming(
        &self,
        request: Request<Bytes>,
        exchange: Exchange,
    ) -> Result<Response<Received>, TransportError> {
        let Exchange { timeout, max_response_bytes: max, repeatable } = exchange;
        within(timeout, repeatable, async {
            let response = self.start(request, repeatable).await?;
            if response.status().is_success() {
                return Ok(response.map(Received::Streaming));
            }
            Ok(read_whole(response, max, repeatable).await?.map(Received::Whole))
        })
        .await
    }

    /// Connects (or reuses a connection), sends `request` and waits for the response's head.
    async fn start(&self, request: Request<Bytes>, repeatable: bool) -> Result<Response<Incoming>, TransportError> {
        let (mut parts, body) = request.into_parts();
        if body.is_empty() && matches!(parts.method, Method::POST | Method::PUT | Method::PATCH) {
            // hyper sends no length for an empty body; servers (Google's) answer 411 without one.
            parts.headers.entry(CONTENT_LENGTH).or_insert(HeaderValue::from_static("0"));
        }
        if parts.uri.scheme() == Some(&http::uri::Scheme::HTTP) {
            // A plain-HTTP request goes to the proxy whole; its credentials ride along on it.
            if let Some(credentials) = self.proxies.intercept(&parts.uri).and_then(|p| p.basic_auth().cloned()) {
                parts.headers.insert(PROXY_AUTHORIZATION, credentials);
            }
        }
        self.pool.request(Request::from_parts(parts, Full::new(body))).await.map_err(|err| {
            let kind = match () {
                _ if !err.is_connect() => Kind::Interrupted,
                _ if is_tls_failure(&err) => Kind::Tls,
                _ => Kind::Connect,
            };
            TransportError { kind, source: err.into(), repeatable }
        })
    }
}

/// A response body as an exchange leaves it.
pub(crate) enum Received {
    /// Read whole (and decoded).
    Whole(Bytes),
    /// A success's body, still arriving (see [`crate::Download`]).
    Streaming(Incoming),
}

impl Received {
    /// The body read whole; empty for one still arriving (which is left unread).
    pub(crate) fn into_whole(self) -> Bytes {
        match self {
            Received::Whole(bytes) => bytes,
            Received::Streaming(_) => Bytes::new(),
        }
    }
}

/// `exchange` within `timeout`, when there is one.
async fn within<T>(
    timeout: Option<Duration>,
    repeatable: bool,
    exchange: impl Future<Output = Result<T, TransportError>>,
) -> Result<T, TransportError> {
    match timeout {
        Some(limit) => tokio::time::timeout(limit, exchange).await.unwrap_or_else(|_| {
            let source = format!("no complete response within {limit:?}").into();
            Err(TransportError { kind: Kind::Timeout, source, repeatable })
        }),
        None => exchange.await,
    }
}

/// The whole body of `response` (a `gzip` body decoded), at most `max` bytes of it.
async fn read_whole(
    response: Response<Incoming>,
    max: usize,
    repeatable: bool,
) -> Result<Response<Bytes>, TransportError> {
    let failed = |kind: Kind, source: BoxError| TransportError { kind, source, repeatable };
    let (mut parts, body) = response.into_parts();
    let too_large = || failed(Kind::TooLarge, format!("the response is larger than {max} bytes").into());
    if content_length(&parts.headers).is_some_and(|length| length > max as u64) {
        // Said up front: not one byte of the body is read.
        return Err(too_large());
    }
    let body = match Limited::new(body, max).collect().await {
        Ok(body) => body.to_bytes(),
        Err(err) if err.is::<LengthLimitError>() => return Err(too_large()),
        Err(err) => return Err(failed(Kind::CutOff, err)),
    };
    let body = match decoded(&mut parts.headers, body, max) {
        Ok(body) => body,
        Err(Undecoded::TooLarge) => return Err(too_large()),
        Err(Undecoded::Invalid(err)) => return Err(failed(Kind::Undecodable, err.into())),
    };
    Ok(Response::from_parts(parts, body))
}

/// The limits of one exchange.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Exchange {
    /// For the whole exchange: connect, send, read the response.
    pub(crate) timeout: Option<Duration>,
    /// The largest body read, after decoding.
    pub(crate) max_response_bytes: usize,
    /// The request is safe to send twice: a failure after sending it may be retried.
    pub(crate) repeatable: bool,
}

pub(crate) fn content_length(headers: &HeaderMap) -> Option<u64> {
    headers.get(CONTENT_LENGTH)?.to_str().ok()?.trim().parse().ok()
}

enum Undecoded {
    TooLarge,
    Invalid(std::io::Error),
}

/// The body without its `Content-Encoding` (gzip is the only one asked for; another is left as
/// it came). Decoded bodies lose the headers that described the encoded ones.
fn decoded(headers: &mut HeaderMap, body: Bytes, max: usize) -> Result<Bytes, Undecoded> {
    let gzip = headers.get(CONTENT_ENCODING).is_some_and(|value| {
        let value = value.as_bytes().trim_ascii();
        value.eq_ignore_ascii_case(b"gzip") || value.eq_ignore_ascii_case(b"x-gzip")
    });
    // An empty body (a 204, an answer to HEAD) is empty in any encoding.
    if !gzip || body.is_empty() {
        return Ok(body);
    }
    let mut out = Vec::with_capacity(body.len().saturating_mul(4).min(max));
    // One byte past the cap tells "exactly the cap" from "more": nothing further is inflated.
    let read = flate2::read::MultiGzDecoder::new(&body[..]).take(max as u64 + 1).read_to_end(&mut out);
    read.map_err(Undecoded::Invalid)?;
    if out.len() > max {
        return Err(Undecoded::TooLarge);
    }
    headers.remove(CONTENT_ENCODING);
    headers.remove(CONTENT_LENGTH);
    Ok(out.into())
}

/// Whether a connect error came from the TLS handshake (rustls's error is wrapped in one or two
/// `io::Error`s, whose `source` skips it: `get_ref` does not).
fn is_tls_failure(err: &(dyn StdError + 'static)) -> bool {
    let mut cause = Some(err);
    while let Some(err) = cause {
        if err.is::<rustls::Error>() {
            return true;
        }
        if let Some(inner) = err.downcast_ref::<std::io::Error>().and_then(std::io::Error::get_ref) {
            if is_tls_failure(inner) {
                return true;
            }
        }
        cause = err.source();
    }
    false
}

impl HttpClientBuilder {
    /// A time limit for opening a connection (to the server or to the proxy).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// The largest response body read, after decoding ([`DEFAULT_MAX_RESPONSE_BYTES`] unless
    /// set): a larger one is a [`TransportError`] that [`TransportError::is_too_large`].
    pub fn max_response_bytes(mut self, bytes: usize) -> Self {
        self.max_response_bytes = bytes;
        self
    }

    /// TLS as configured here (other roots, a client certificate) instead of the webpki roots.
    /// Its ALPN protocols are cleared: the client speaks HTTP/1.1 only.
    pub fn tls_config(mut self, mut config: rustls::ClientConfig) -> Self {
        config.alpn_protocols.clear();
        self.tls = Some(config);
        self
    }

    /// Sends every request through the HTTP proxy at `proxy` (`http://user:pass@host:port`),
    /// whatever the environment says; anything else is refused by [`HttpClientBuilder::build`].
    pub fn proxy(mut self, proxy: &str) -> Self {
        let usable = proxy.parse::<Uri>().is_ok_and(|uri| uri.scheme_str() == Some("http") && uri.host().is_some());
        self.proxies = Some(if usable {
            Ok(Matcher::builder().all(proxy.to_owned()).build())
        } else {
            // Not echoed: the string may hold the proxy's password.
            Err("the proxy is not an http://host:port URL".to_owned())
        });
        self
    }

    /// Connects directly, whatever the environment says.
    pub fn no_proxy(mut self) -> Self {
        self.proxies = Some(Ok(Matcher::builder().build()));
        self
    }

    /// Builds the client.
    pub fn build(self) -> Result<HttpClient, TransportError> {
        let proxies = match self.proxies {
            Some(proxies) => proxies.map_err(TransportError::setup)?,
            None => Matcher::from_env(),
        };
        let proxies = Arc::new(proxies);
        let mut tcp = HttpConnector::new();
        // The connector is handed `https://` URIs too; TLS is the layer above it.
        tcp.enforce_http(false);
        tcp.set_connect_timeout(self.connect_timeout);
        tcp.set_nodelay(true);
        let tls = match self.tls {
            Some(config) => HttpsConnectorBuilder::new().with_tls_config(config),
            None => HttpsConnectorBuilder::new()
                .with_provider_and_webpki_roots(rustls::crypto::ring::default_provider())
                .map_err(|err| TransportError::setup(err.to_string()))?,
        };
        let connector =
            tls.https_or_http().enable_http1().wrap_connector(ProxyConnector { tcp, proxies: proxies.clone() });
        let pool = Client::builder(TokioExecutor::new())
            .pool_idle_timeout(Duration::from_secs(90))
            .pool_timer(TokioTimer::new())
            .build(connector);
        Ok(HttpClient { pool, proxies, max_response_bytes: self.max_response_bytes })
    }
}

/// No (complete) HTTP response was had: why ([`TransportError::kind`]), and the error underneath.
pub struct TransportError {
    kind: Kind,
    source: BoxError,
    /// The request was safe to send twice (so a failure after sending it may be retried).
    repeatable: bool,
}

/// What kind of failure a [`TransportError`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// The client could not be set up (a bad proxy, base URL or default header): nothing sent.
    Setup,
    /// No connection was made (refused, unreachable, connect timeout, proxy refused): nothing
    /// reached the server.
    Connect,
    /// The TLS handshake failed (an untrusted certificate, say): nothing reached the server.
    Tls,
    /// The time limit ran out (of the call, or of one attempt).
    Timeout,
    /// The connection failed after the request went out and before a response came (reset,
    /// closed): the server may have acted on the request.
    Interrupted,
    /// The response body ended early (the connection closed before its announced length).
    CutOff,
    /// The response body is larger than the size cap; the rest of it was not read.
    TooLarge,
    /// The body's `Content-Encoding` (gzip) does not decode.
    Undecodable,
    /// A download's redirects could not be followed: too many, or one to a URL that is not
    /// `http(s)`.
    Redirect,
}

use TransportErrorKind as Kind;

impl TransportError {
    pub(crate) fn new(kind: TransportErrorKind, source: BoxError, repeatable: bool) -> Self {
        Self { kind, source, repeatable }
    }

    pub(crate) fn setup(problem: String) -> Self {
        Self { kind: Kind::Setup, source: problem.into(), repeatable: false }
    }

    /// The call's own time limit ran out (while waiting, fetching a token or sending).
    pub(crate) fn call_timeout(limit: Duration, repeatable: bool) -> Self {
        let source = format!("the call did not complete within its time limit of {limit:?}").into();
        Self { kind: Kind::Timeout, source, repeatable }
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// Nothing reached the server: no connection was made, or the TLS handshake failed.
    pub fn is_connect(&self) -> bool {
        matches!(self.kind, Kind::Connect | Kind::Tls)
    }

    /// The TLS handshake failed.
    pub fn is_tls(&self) -> bool {
        self.kind == Kind::Tls
    }

    /// The time limit ran out.
    pub fn is_timeout(&self) -> bool {
        self.kind == Kind::Timeout
    }

    /// The response body ended before its announced length.
    pub fn is_cut_off(&self) -> bool {
        self.kind == Kind::CutOff
    }

    /// The response body was larger than the size cap.
    pub fn is_too_large(&self) -> bool {
        self.kind == Kind::TooLarge
    }

    /// Whether the same request may get through if sent again later: when nothing reached the
    /// server (no connection), or when the request is safe to send twice (GET, PUT, DELETE, an
    /// idempotent POST) and the failure was a timeout, an interrupted exchange or a cut-off
    /// body. A POST that may have been acted on is not. Neither is a TLS failure, a body over
    /// the cap, or a client that could not be set up: sending again gets the same.
    pub fn is_retryable(&self) -> bool {
        match self.kind {
            Kind::Connect => true,
            Kind::Timeout | Kind::Interrupted | Kind::CutOff => self.repeatable,
            Kind::Setup | Kind::Tls | Kind::TooLarge | Kind::Undecodable | Kind::Redirect => false,
        }
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            Kind::Setup => "the client could not be set up",
            Kind::Connect => "could not connect",
            Kind::Tls => "the TLS handshake failed",
            Kind::Timeout => "timed out",
            Kind::Interrupted => "the connection failed before a response came",
            Kind::CutOff => "the response was cut off",
            Kind::TooLarge => "the response is too large",
            Kind::Undecodable => "the response body does not decode",
            Kind::Redirect => "the redirects could not be followed",
        };
        // hyper's errors say the outermost cause only; the chain says what actually happened.
        write!(f, "{what}: {}", self.source)?;
        let mut cause = self.source.source();
        while let Some(inner) = cause {
            write!(f, ": {inner}")?;
            cause = inner.source();
        }
        Ok(())
    }
}

impl fmt::Debug for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TransportError")
            .field("kind", &self.kind)
            .field("source", &self.source)
            .field("repeatable", &self.repeatable)
            .finish()
    }
}

impl StdError for TransportError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(&*self.source)
    }
}

/// Opens TCP connections, to the server or through the proxy the environment names for it:
/// a `CONNECT` tunnel for HTTPS, the proxy itself for plain HTTP.
#[derive(Clone)]
struct ProxyConnector {
    tcp: HttpConnector,
    proxies: Arc<Matcher>,
}

type Connecting = Pin<Box<dyn Future<Output = Result<Conn, BoxError>> + Send>>;

impl Service<Uri> for ProxyConnector {
    type Response = Conn;
    type Error = BoxError;
    type Future = Connecting;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        self.tcp.poll_ready(cx).map_err(Into::into)
    }

    fn call(&mut self, dst: Uri) -> Connecting {
        let mut tcp = self.tcp.clone();
        let Some(proxy) = self.proxies.intercept(&dst) else {
            return Box::pin(async move { Ok(Conn { io: tcp.call(dst).await?, proxied: false }) });
        };
        let proxy_uri = proxy.uri().clone();
        if proxy_uri.scheme_str() != Some("http") {
            let refused = format!("proxy {proxy_uri}: only http:// proxies are supported");
            return Box::pin(async move { Err(refused.into()) });
        }
        if dst.scheme_str() == Some("https") {
            let mut tunnel = Tunnel::new(proxy_uri, tcp);
            if let Some(credentials) = proxy.basic_auth() {
                tunnel = tunnel.with_auth(credentials.clone());
            }
            Box::pin(async move { Ok(Conn { io: tunnel.call(dst).await?, proxied: false }) })
        } else {
            Box::pin(async move { Ok(Conn { io: tcp.call(proxy_uri).await?, proxied: true }) })
        }
    }
}

/// A TCP connection; `proxied` when it goes to an HTTP proxy that takes whole URLs.
struct Conn {
    io: TokioIo<tokio::net::TcpStream>,
    proxied: bool,
}

impl Connection for Conn {
    fn connected(&self) -> Connected {
        self.io.connected().proxy(self.proxied)
    }
}

impl Read for Conn {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: ReadBufCursor<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_read(cx, buf)
    }
}

impl Write for Conn {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.io).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_shutdown(cx)
    }
}
