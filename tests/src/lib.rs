//! Test support: an HTTP/1.1 server on 127.0.0.1 that tests start in-process, which records
//! every request it receives and answers with whatever the test's handler says.
//!
//! It is written on plain tokio sockets rather than a server framework so that a test can
//! also make it misbehave at the byte level. `fuzz_runtime` is the runtime's parser fuzzer;
//! `pattern` is a file of any size made up on the fly, for download tests.

pub mod fuzz_runtime;
pub mod pattern;

use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// A request as the server received it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    /// The path exactly as sent (still percent-encoded).
    pub path: String,
    /// The raw query string, without `?` (empty when there is none).
    pub query: String,
    /// Header names in lower case, in the order received.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The body as JSON (panics with the body when it is not JSON: this is test code).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|err| panic!("body is not JSON ({err}): {}", String::from_utf8_lossy(&self.body)))
    }

    /// `METHOD path?query`, the way a test most easily asserts on it.
    pub fn line(&self) -> String {
        if self.query.is_empty() {
            format!("{} {}", self.method, self.path)
        } else {
            format!("{} {}?{}", self.method, self.path, self.query)
        }
    }
}

/// What the server does with a request.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Bytes `start..end` of the [`pattern`] file, sent instead of `body`, made up as they are
    /// written (a body of any size in the memory of one chunk).
    pub pattern: Option<std::ops::Range<u64>>,
    pub fault: Option<Fault>,
}

/// Ways to misbehave on purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Read the request, then reset the connection (TCP RST) without answering.
    Reset,
    /// Wait this long before answering.
    Stall(std::time::Duration),
    /// Announce the whole body's length but send only this many bytes, then close.
    Truncate(usize),
    /// Send this many bytes of a `pattern` body, then nothing for this long, then the rest.
    Pause(usize, std::time::Duration),
}

impl Reply {
    pub fn json(status: u16, body: serde_json::Value) -> Self {
        Self::raw(status, "application/json; charset=UTF-8", body.to_string())
    }

    pub fn raw(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        let headers = vec![("Content-Type".into(), content_type.into())];
        Self { status, headers, body: body.into(), pattern: None, fault: None }
    }

    pub fn empty(status: u16) -> Self {
        Self { status, headers: Vec::new(), body: Vec::new(), pattern: None, fault: None }
    }

    /// Bytes `range` of the [`pattern`] file, as `application/octet-stream`.
    pub fn pattern(status: u16, range: std::ops::Range<u64>) -> Self {
        Self { pattern: Some(range), ..Self::raw(status, "application/octet-stream", Vec::new()) }
    }

    /// Resets the connection instead of answering.
    pub fn reset() -> Self {
        Self { fault: Some(Fault::Reset), ..Self::empty(0) }
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    pub fn with_fault(mut self, fault: Fault) -> Self {
        self.fault = Some(fault);
        self
    }
}

type Handler = dyn Fn(&Recorded) -> Reply + Send + Sync;

/// A running server; it stops when dropped.
pub struct MockServer {
    url: String,
    requests: Arc<Mutex<Vec<Recorded>>>,
    task: tokio::task::JoinHandle<()>,
}

impl MockServer {
    /// Starts a server on an ephemeral port of 127.0.0.1.
    pub async fn start(handler: impl Fn(&Recorded) -> Reply + Send + Sync + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1:0");
        let url = format!("http://{}", listener.local_addr().expect("local address"));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let handler: Arc<Handler> = Arc::new(handler);
        let recorded = Arc::clone(&requests);
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (handler, recorded) = (Arc::clone(&handler), Arc::clone(&recorded));
                tokio::spawn(async move {
                    let _ = serve(stream, &*handler, &recorded).await;
                });
            }
        });
        Self { url, requests, task }
    }

    /// `http://127.0.0.1:PORT`
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Every request received so far, in order.
    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().expect("requests lock").clone()
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Reads requests from one connection and answers each (keep-alive is honoured).
async fn serve(mut stream: TcpStream, handler: &Handler, recorded: &Mutex<Vec<Recorded>>) -> std::io::Result<()> {
    // Small writes must not wait for the peer's delayed ACK (Nagle): 40 ms a response otherwise.
    stream.set_nodelay(true)?;
    let mut buffer = Vec::new();
    loop {
        let Some(request) = read_request(&mut stream, &mut buffer).await? else { return Ok(()) };
        recorded.lock().expect("requests lock").push(request.clone());
        let reply = handler(&request);
        match reply.fault {
            Some(Fault::Reset) => {
                stream.set_zero_linger()?;
                return Ok(());
            }
            Some(Fault::Stall(duration)) => tokio::time::sleep(duration).await,
            _ => {}
        }
        let length = reply.pattern.as_ref().map_or(reply.body.len() as u64, |range| range.end - range.start);
        let mut head = format!("HTTP/1.1 {} {}\r\nContent-Length: {length}\r\n", reply.status, reason(reply.status));
        for (name, value) in &reply.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        let mut response = head.into_bytes();
        if let Some(range) = reply.pattern {
            stream.write_all(&response).await?;
            let end = match reply.fault {
                Some(Fault::Truncate(sent)) => range.end.min(range.start + sent as u64),
                _ => range.end,
            };
            let mut start = range.start;
            if let Some(Fault::Pause(sent, pause)) = reply.fault {
                start = end.min(start + sent as u64);
                pattern::write(&mut stream, range.start..start).await?;
                stream.flush().await?;
                tokio::time::sleep(pause).await;
            }
            pattern::write(&mut stream, start..end).await?;
            stream.flush().await?;
            if end < range.end {
                return Ok(());
            }
            continue;
        }
        if let Some(Fault::Truncate(sent)) = reply.fault {
            response.extend_from_slice(&reply.body[..sent.min(reply.body.len())]);
            stream.write_all(&response).await?;
            stream.flush().await?;
            return Ok(());
        }
        response.extend_from_slice(&reply.body);
        stream.write_all(&response).await?;
        stream.flush().await?;
    }
}

/// Reads one request; `None` when the peer closed the connection between requests.
async fn read_request(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> std::io::Result<Option<Recorded>> {
    let head_end = loop {
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break end;
        }
        let mut chunk = [0u8; 4096];
        let read = stream.read(&mut chunk).await?;
        if read == 0 {
            return Ok(None);
        }
        buffer.extend_from_slice(&chunk[..read]);
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next().unwrap_or_default().split(' ');
    let method = request_line.next().unwrap_or_default().to_owned();
    let target = request_line.next().unwrap_or_default();
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
        .collect();
    let length: usize =
        headers.iter().find(|(n, _)| n == "content-length").and_then(|(_, v)| v.parse().ok()).unwrap_or(0);
    let body_start = head_end + 4;
    while buffer.len() < body_start + length {
        let mut chunk = [0u8; 4096];
        let read = stream.read(&mut chunk).await?;
        if read == 0 {
            return Ok(None);
        }
        buffer.extend_from_slice(&chunk[..read]);
    }
    let body = buffer[body_start..body_start + length].to_vec();
    buffer.drain(..body_start + length);
    Ok(Some(Recorded { method, path: path.to_owned(), query: query.to_owned(), headers, body }))
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        206 => "Partial Content",
        302 => "Found",
        307 => "Temporary Redirect",
        204 => "No Content",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        412 => "Precondition Failed",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    }
}
