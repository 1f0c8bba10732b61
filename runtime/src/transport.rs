//! The HTTP client under every generated client: HTTP/1.1 on hyper, TLS by rustls with the
//! Mozilla roots (webpki-roots), one connection pool per client, and the proxies named by
//! `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY` and `NO_PROXY`, read as curl reads them.
//!
//! hyper directly rather than reqwest: a generated crate then builds against about 50 packages
//! instead of about 95, which is most of what `cargo build` spends on a crate that changed.
//! Redirects are not followed: a 3xx is an [`crate::Error::Api`] with its `Location` header.

use std::error::Error as StdError;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http::header::{HeaderValue, CONTENT_LENGTH, PROXY_AUTHORIZATION};
use http::{Method, Request, Response, Uri};
use http_body_util::{BodyExt, Full};
use hyper::rt::{Read, ReadBufCursor, Write};
use hyper_rustls::{HttpsConnector, HttpsConnectorBuilder};
use hyper_util::client::legacy::connect::proxy::Tunnel;
use hyper_util::client::legacy::connect::{Connected, Connection, HttpConnector};
use hyper_util::client::legacy::Client;
use hyper_util::client::proxy::matcher::Matcher;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use tower_service::Service;

type BoxError = Box<dyn StdError + Send + Sync>;

/// A pooled HTTP/1.1 client. Cheap to clone: clones share the pool.
#[derive(Clone)]
pub struct HttpClient {
    pool: Client<HttpsConnector<ProxyConnector>, Full<Bytes>>,
    proxies: Arc<Matcher>,
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
    /// time limit of its own (the request's total limit still applies).
    pub fn new() -> Result<Self, TransportError> {
        Self::builder().build()
    }

    /// Configures a client.
    pub fn builder() -> HttpClientBuilder {
        HttpClientBuilder { connect_timeout: None, tls: None, proxies: None }
    }

    /// Sends `request` and reads the whole response, all within `timeout` when one is given.
    pub async fn send(
        &self,
        request: Request<Bytes>,
        timeout: Option<Duration>,
    ) -> Result<Response<Bytes>, TransportError> {
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
        let exchange = async {
            let response = self.pool.request(Request::from_parts(parts, Full::new(body))).await.map_err(|err| {
                let kind = if err.is_connect() { Kind::Connect } else { Kind::Exchange };
                TransportError::new(kind, err)
            })?;
            let (parts, body) = response.into_parts();
            let body = body.collect().await.map_err(|err| TransportError::new(Kind::Body, err))?.to_bytes();
            Ok(Response::from_parts(parts, body))
        };
        match timeout {
            Some(limit) => tokio::time::timeout(limit, exchange).await.unwrap_or_else(|_| {
                Err(TransportError::new(Kind::Timeout, format!("no complete response within {limit:?}")))
            }),
            None => exchange.await,
        }
    }
}

impl HttpClientBuilder {
    /// A time limit for opening a connection (to the server or to the proxy).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
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
            Some(proxies) => proxies.map_err(|problem| TransportError::new(Kind::Setup, problem))?,
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
                .map_err(|err| TransportError::new(Kind::Setup, err))?,
        };
        let connector =
            tls.https_or_http().enable_http1().wrap_connector(ProxyConnector { tcp, proxies: proxies.clone() });
        let pool = Client::builder(TokioExecutor::new())
            .pool_idle_timeout(Duration::from_secs(90))
            .pool_timer(TokioTimer::new())
            .build(connector);
        Ok(HttpClient { pool, proxies })
    }
}

/// No HTTP response was had: why, and the error underneath.
pub struct TransportError {
    kind: Kind,
    source: BoxError,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Setup,
    Connect,
    Exchange,
    Body,
    Timeout,
}

impl TransportError {
    fn new(kind: Kind, source: impl Into<BoxError>) -> Self {
        Self { kind, source: source.into() }
    }

    /// No connection was made (refused, unreachable, TLS handshake or proxy refused, connect
    /// timeout): nothing reached the server.
    pub fn is_connect(&self) -> bool {
        self.kind == Kind::Connect
    }

    /// The request's total time limit ran out.
    pub fn is_timeout(&self) -> bool {
        self.kind == Kind::Timeout
    }

    /// Whether the same request may get through later: everything but a client that could not
    /// be set up.
    pub fn is_retryable(&self) -> bool {
        self.kind != Kind::Setup
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            Kind::Setup => "the HTTP client could not be set up",
            Kind::Connect => "could not connect",
            Kind::Exchange => "the request failed",
            Kind::Body => "the response body could not be read",
            Kind::Timeout => "timed out",
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
        f.debug_struct("TransportError").field("kind", &self.kind).field("source", &self.source).finish()
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
