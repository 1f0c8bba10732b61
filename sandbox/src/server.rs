//! The HTTP/1.1 server: [`Sandbox`] (start, address, state, faults, stop) and its configuration.

use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::header::{HeaderName, HeaderValue, CONTENT_TYPE};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::faults::{FaultQueue, FaultRule};
use crate::http::{Reply, Req};
use crate::router::{self, Outcome};
use crate::shared::{autosave, lock, RequestLog, Shared};
use crate::state::{State, ZoomAccount};
use crate::time::Clock;

/// Request bodies larger than this are refused (413, in the vendor's error format).
const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// How to start a [`Sandbox`].
#[derive(Debug, Clone)]
#[must_use]
pub struct SandboxConfig {
    port: u16,
    state_file: Option<PathBuf>,
    load_state: Option<PathBuf>,
    require_auth: bool,
    fixed_time_ms: Option<i64>,
    zoom_accounts: Vec<String>,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        Self {
            port: 0,
            state_file: None,
            load_state: None,
            require_auth: true,
            fixed_time_ms: None,
            zoom_accounts: Vec::new(),
        }
    }
}

impl SandboxConfig {
    /// An ephemeral port on 127.0.0.1, empty state, bearer tokens required, the system clock.
    pub fn new() -> Self {
        Self::default()
    }

    /// Listens on this port of 127.0.0.1 (0, the default, picks a free one).
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// Keeps the state in this JSON file: loaded at start when it exists, and written after every
    /// request that changed something (and by [`Sandbox::save_state_file`]).
    pub fn state_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.state_file = Some(path.into());
        self
    }

    /// Starts from the state saved in this file (by [`Sandbox::save`]); it must exist. It is not
    /// written back unless it is also the [`state_file`](Self::state_file).
    pub fn load_state(mut self, path: impl Into<PathBuf>) -> Self {
        self.load_state = Some(path.into());
        self
    }

    /// Whether API calls must carry `Authorization: Bearer <any token>` (the default). Without
    /// one, Google answers 401 `UNAUTHENTICATED` and Zoom 401 with code 124.
    pub fn require_auth(mut self, required: bool) -> Self {
        self.require_auth = required;
        self
    }

    /// Reads the clock as this instant (epoch milliseconds) forever, so that times and dates in
    /// responses are reproducible.
    pub fn fixed_time_ms(mut self, epoch_ms: i64) -> Self {
        self.fixed_time_ms = Some(epoch_ms);
        self
    }

    /// Creates a Zoom sub account with this id at start (if the state does not hold it yet).
    pub fn zoom_account(mut self, account_id: impl Into<String>) -> Self {
        self.zoom_accounts.push(account_id.into());
        self
    }
}

/// A running sandbox of both APIs on 127.0.0.1. Stops when dropped (or on [`Sandbox::shutdown`]).
#[derive(Debug)]
pub struct Sandbox {
    addr: SocketAddr,
    shared: Arc<Shared>,
    stop: watch::Sender<bool>,
    task: Option<JoinHandle<()>>,
}

impl Sandbox {
    /// Binds 127.0.0.1 (on the configured port, or a free one), loads the state, and serves in
    /// the background on the current tokio runtime.
    ///
    /// # Errors
    /// The port cannot be bound, or a state file cannot be read or is not a sandbox state.
    pub async fn start(config: SandboxConfig) -> io::Result<Sandbox> {
        let mut state = match (&config.load_state, &config.state_file) {
            (Some(path), _) => State::load(path)?,
            (None, Some(path)) if path.exists() => State::load(path)?,
            _ => State::default(),
        };
        for id in &config.zoom_accounts {
            state.zoom.accounts.entry(id.clone()).or_insert_with(ZoomAccount::default);
        }
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, config.port)).await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            state: Mutex::new(state),
            faults: Mutex::new(FaultQueue::default()),
            log: Mutex::new(RequestLog::default()),
            clock: Clock::new(config.fixed_time_ms),
            require_auth: config.require_auth,
            state_file: config.state_file,
            base_url: format!("http://{addr}"),
        });
        let (stop, stopped) = watch::channel(false);
        let task = tokio::spawn(accept(listener, Arc::clone(&shared), stopped));
        Ok(Sandbox { addr, shared, stop, task: Some(task) })
    }

    /// `http://127.0.0.1:<port>`: the base URL of the Google client, and the root of every path.
    pub fn url(&self) -> String {
        self.shared.base_url.clone()
    }

    /// The address the sandbox listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The base URL to give `zoom::Client::builder().base_url(..)`: `<url>/zoom/v2`.
    pub fn zoom_base_url(&self) -> String {
        format!("{}/zoom/v2", self.shared.base_url)
    }

    /// Zoom's Server-to-Server token endpoint (`ZoomServerToServer::with_token_url`): `<url>/oauth/token`.
    pub fn zoom_token_url(&self) -> String {
        format!("{}/oauth/token", self.shared.base_url)
    }

    /// A Google OAuth token endpoint (the `token_uri` of a service account key): `<url>/google/token`.
    pub fn google_token_url(&self) -> String {
        format!("{}/google/token", self.shared.base_url)
    }

    /// Writes the whole state to `path` as JSON (see [`SandboxConfig::load_state`]).
    ///
    /// # Errors
    /// The file cannot be written.
    pub fn save(&self, path: impl AsRef<Path>) -> io::Result<()> {
        let state = lock(&self.shared.state).clone();
        state.save(path.as_ref())
    }

    /// Writes the state to the configured [`SandboxConfig::state_file`]; `Ok(false)` when none is set.
    ///
    /// # Errors
    /// The file cannot be written.
    pub fn save_state_file(&self) -> io::Result<bool> {
        match &self.shared.state_file {
            Some(path) => self.save(path).map(|()| true),
            None => Ok(false),
        }
    }

    /// The whole state as JSON, as a state file holds it.
    pub fn state_json(&self) -> serde_json::Value {
        serde_json::to_value(&*lock(&self.shared.state)).unwrap_or_default()
    }

    /// Queues faults for the next requests (see [`crate::faults`]).
    pub fn push_faults(&self, rules: impl IntoIterator<Item = FaultRule>) {
        lock(&self.shared.faults).push(rules);
    }

    /// How many API requests (everything but `/_sandbox/`) the sandbox has received.
    pub fn request_count(&self) -> u64 {
        lock(&self.shared.log).count()
    }

    /// Creates a Zoom sub account (`A000001`, ... unless `id` is given) and returns its id. An
    /// account that already has the id is left as it is.
    pub fn add_zoom_account(&self, id: Option<&str>) -> String {
        let (id, created) = lock(&self.shared.state).add_zoom_account(id, ZoomAccount::default());
        if created {
            autosave(&self.shared);
        }
        id
    }

    /// Serves until the sandbox is stopped (for a binary: forever).
    pub async fn wait(mut self) {
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }

    /// Stops accepting requests and closes open connections.
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}

/// Accepts connections until told to stop.
async fn accept(listener: TcpListener, shared: Arc<Shared>, mut stopped: watch::Receiver<bool>) {
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    tokio::spawn(connection(stream, Arc::clone(&shared), stopped.clone()));
                }
                // Out of file descriptors and the like: wait a little rather than spin.
                Err(_) => tokio::time::sleep(std::time::Duration::from_millis(20)).await,
            },
            _ = stopped.changed() => return,
        }
    }
}

/// Serves one connection (keep-alive) until it closes or the sandbox stops.
async fn connection(stream: TcpStream, shared: Arc<Shared>, mut stopped: watch::Receiver<bool>) {
    let service = service_fn(move |request| respond(Arc::clone(&shared), request));
    let serving = http1::Builder::new().serve_connection(TokioIo::new(stream), service);
    tokio::select! {
        _ = serving => {}
        _ = stopped.changed() => {}
    }
}

/// The connection is closed without an answer (the `close` fault).
#[derive(Debug)]
struct Dropped;

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection closed by fault injection")
    }
}

impl std::error::Error for Dropped {}

async fn respond(shared: Arc<Shared>, request: Request<Incoming>) -> Result<Response<Full<Bytes>>, Dropped> {
    let (parts, body) = request.into_parts();
    let path = parts.uri.path().to_owned();
    let body = match Limited::new(body, MAX_BODY_BYTES).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(_) => return Ok(to_response(router::too_large(&path))),
    };
    let req = Req::new(parts.method, &path, parts.uri.query(), parts.headers, body);
    match router::route(&shared, req).await {
        Outcome::Reply(reply) => Ok(to_response(reply)),
        Outcome::Close => Err(Dropped),
    }
}

fn to_response(reply: Reply) -> Response<Full<Bytes>> {
    let has_body = !reply.body.is_empty();
    let mut response = Response::new(Full::new(reply.body));
    *response.status_mut() = reply.status;
    let headers = response.headers_mut();
    if has_body {
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json; charset=UTF-8"));
    }
    for (name, value) in reply.headers {
        if let (Ok(name), Ok(value)) = (HeaderName::try_from(name), HeaderValue::try_from(value)) {
            headers.insert(name, value);
        }
    }
    response
}
