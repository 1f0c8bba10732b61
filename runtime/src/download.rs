//! Binary response bodies: a file, an image, a PDF, a recording. A [`Download`] is the answer's
//! status and headers with the body still arriving: [`Download::write_to`] streams it chunk by
//! chunk to any `AsyncWrite` (memory stays flat whatever the size, and the JSON size cap does not
//! apply), [`Download::bytes`] collects it up to a limit the caller gives, and
//! [`Download::on_progress`] reports the bytes so far.
//!
//! The body is the bytes as stored: a download asks for `Accept-Encoding: identity`, so that
//! `Content-Length` and byte ranges count the file's own bytes. A body that ends before its
//! `Content-Length` is [`DownloadError::CutOff`], which says how many bytes arrived; with a
//! download by URL ([`crate::DownloadRequest`]) the caller resumes from there.

use std::fmt;
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use http::header::{HeaderMap, CONTENT_DISPOSITION, CONTENT_RANGE, CONTENT_TYPE};
use http::StatusCode;
use http_body_util::BodyExt;
use hyper::body::Incoming;
use tokio::io::{AsyncWrite, AsyncWriteExt};

use crate::transport::{content_length, Received, TransportError, TransportErrorKind};

/// How far a download has come, as its progress callback sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Bytes of the file had so far, counted from its start: a resumed download starts at its
    /// offset.
    pub received: u64,
    /// The whole file's size, when the server says it.
    pub total: Option<u64>,
}

type ProgressCallback = Box<dyn FnMut(Progress) + Send>;

/// A binary answer: status, headers, and the body as it arrives. Read the body once, with
/// [`write_to`](Self::write_to), [`bytes`](Self::bytes) or [`chunk`](Self::chunk).
///
/// No byte of the body is read until asked for, and none is kept after it is handed on: a body
/// of any size streams through in the memory of a few chunks. A body that sends no byte for the
/// call's time limit (the client's, 60 s unless set) fails with [`DownloadError::Transport`].
pub struct Download {
    operation: &'static str,
    status: StatusCode,
    headers: HeaderMap,
    body: Source,
    /// Where this body starts in the whole file (a resumed download's offset).
    offset: u64,
    /// Body bytes handed on so far.
    received: u64,
    /// The body's announced length (`Content-Length`).
    expected: Option<u64>,
    idle: Duration,
    progress: Option<ProgressCallback>,
    /// Whether the progress callback has been told the start.
    reported_start: bool,
}

enum Source {
    Streaming(Incoming),
    Whole(Bytes),
    Done,
}

impl fmt::Debug for Download {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Download")
            .field("operation", &self.operation)
            .field("status", &self.status)
            .field("content_type", &self.content_type())
            .field("offset", &self.offset)
            .field("received", &self.received)
            .field("expected", &self.expected)
            .finish_non_exhaustive()
    }
}

impl Download {
    pub(crate) fn new(
        operation: &'static str,
        status: StatusCode,
        headers: HeaderMap,
        body: Received,
        idle: Duration,
    ) -> Self {
        let body = match body {
            Received::Streaming(body) => Source::Streaming(body),
            Received::Whole(bytes) => Source::Whole(bytes),
        };
        let expected = content_length(&headers);
        Self {
            operation,
            status,
            headers,
            body,
            offset: 0,
            received: 0,
            expected,
            idle,
            progress: None,
            reported_start: false,
        }
    }

    /// The body starts at `offset` of the file (a `206` answer to `Range: bytes=offset-`).
    pub(crate) fn starting_at(mut self, offset: u64) -> Self {
        self.offset = offset;
        self
    }

    pub(crate) fn operation(&self) -> &'static str {
        self.operation
    }

    /// The HTTP status (`200`, or `206` for a resumed download).
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The `Content-Type`, when sent and readable.
    pub fn content_type(&self) -> Option<&str> {
        self.headers.get(CONTENT_TYPE)?.to_str().ok()
    }

    /// The length of this body (`Content-Length`), when sent.
    pub fn content_length(&self) -> Option<u64> {
        self.expected
    }

    /// Where this body starts in the whole file: 0, or a resumed download's offset.
    pub fn offset(&self) -> u64 {
        self.offset
    }

    /// The whole file's size, when known: from `Content-Range` (`bytes 100-999/1000`), else this
    /// body's length after its offset.
    pub fn total_length(&self) -> Option<u64> {
        let from_range = self
            .headers
            .get(CONTENT_RANGE)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.rsplit_once('/'))
            .and_then(|(_, total)| total.trim().parse().ok());
        from_range.or_else(|| self.expected.map(|length| self.offset.saturating_add(length)))
    }

    /// The file name the server suggests (`Content-Disposition: attachment; filename=...`,
    /// `filename*=UTF-8''...` preferred), reduced to its last path segment so that it can be
    /// joined to a folder; `None` when absent, empty, `.` or `..`.
    pub fn file_name(&self) -> Option<String> {
        let value = self.headers.get(CONTENT_DISPOSITION)?.to_str().ok()?;
        file_name_of(value)
    }

    /// Calls `callback` as the body arrives: once before the first byte (with the offset), then
    /// after every chunk, with the bytes of the file so far and its size when known. The counts
    /// only grow; a body read to its end ends at its total.
    #[must_use]
    pub fn on_progress(mut self, callback: impl FnMut(Progress) + Send + 'static) -> Self {
        self.progress = Some(Box::new(callback));
        self
    }

    pub(crate) fn set_progress(&mut self, callback: Option<ProgressCallback>) {
        if callback.is_some() {
            self.progress = callback;
        }
    }

    fn report(&mut self) {
        // Most downloads have no callback: the headers are not read again for every chunk then.
        if self.progress.is_none() {
            return;
        }
        let progress = Progress { received: self.offset.saturating_add(self.received), total: self.total_length() };
        if let Some(callback) = &mut self.progress {
            callback(progress);
        }
    }

    /// The next chunk of the body, or `None` at its end. A body that ends before its
    /// `Content-Length` is [`DownloadError::CutOff`].
    pub async fn chunk(&mut self) -> Result<Option<Bytes>, DownloadError> {
        if !self.reported_start {
            self.reported_start = true;
            self.report();
        }
        loop {
            let body = match &mut self.body {
                Source::Done => return Ok(None),
                Source::Whole(bytes) => {
                    let bytes = std::mem::take(bytes);
                    self.body = Source::Done;
                    return Ok(self.arrived(bytes));
                }
                Source::Streaming(body) => body,
            };
            let frame = match tokio::time::timeout(self.idle, body.frame()).await {
                Ok(Some(Ok(frame))) => frame,
                Ok(None) => {
                    self.body = Source::Done;
                    return match self.expected {
                        Some(expected) if self.received < expected => Err(self.cut_off(expected)),
                        _ => Ok(None),
                    };
                }
                Ok(Some(Err(err))) => {
                    self.body = Source::Done;
                    return Err(match self.expected {
                        Some(expected) if self.received < expected => self.cut_off(expected),
                        _ => self.failed(TransportErrorKind::CutOff, err.into()),
                    });
                }
                Err(_) => {
                    self.body = Source::Done;
                    let problem = format!("no byte of the body for {:?}", self.idle);
                    return Err(self.failed(TransportErrorKind::Timeout, problem.into()));
                }
            };
            // Trailers and empty frames carry nothing to hand on.
            if let Ok(data) = frame.into_data() {
                if !data.is_empty() {
                    return Ok(self.arrived(data));
                }
            }
        }
    }

    fn arrived(&mut self, data: Bytes) -> Option<Bytes> {
        if data.is_empty() {
            return None;
        }
        self.received += data.len() as u64;
        self.report();
        Some(data)
    }

    fn cut_off(&self, expected: u64) -> DownloadError {
        DownloadError::CutOff { operation: self.operation, offset: self.offset, received: self.received, expected }
    }

    fn failed(&self, kind: TransportErrorKind, source: crate::transport::BoxError) -> DownloadError {
        DownloadError::Transport {
            operation: self.operation,
            offset: self.offset,
            received: self.received,
            source: TransportError::new(kind, source, true),
        }
    }

    /// Streams the body into `out`, chunk by chunk, and flushes it; returns the number of body
    /// bytes written. On failure, the bytes before it are written ([`DownloadError::resume_offset`]).
    pub async fn write_to<W: AsyncWrite + Unpin + ?Sized>(mut self, out: &mut W) -> Result<u64, DownloadError> {
        let write_failed = |this: &Self, written, source| DownloadError::Write {
            operation: this.operation,
            offset: this.offset,
            written,
            source,
        };
        loop {
            let chunk = match self.chunk().await {
                Ok(Some(chunk)) => chunk,
                Ok(None) => break,
                Err(broke_off) => {
                    // What arrived is written (a buffered writer holds some of it): the caller
                    // resumes after it. If that fails, what the destination holds is unknown.
                    return Err(match out.flush().await {
                        Ok(()) => broke_off,
                        Err(source) => write_failed(&self, 0, source),
                    });
                }
            };
            let written = self.received - chunk.len() as u64;
            if let Err(source) = out.write_all(&chunk).await {
                return Err(write_failed(&self, written, source));
            }
        }
        if let Err(source) = out.flush().await {
            return Err(write_failed(&self, 0, source));
        }
        Ok(self.received)
    }

    /// The whole body in memory, refused ([`DownloadError::TooLarge`]) when it is longer than
    /// `limit` bytes: up front when its `Content-Length` says so, else once `limit` is passed.
    pub async fn bytes(mut self, limit: usize) -> Result<Bytes, DownloadError> {
        let too_large = DownloadError::TooLarge { operation: self.operation, limit };
        if self.expected.is_some_and(|length| length > limit as u64) {
            return Err(too_large);
        }
        let mut out = BytesMut::with_capacity(self.expected.map_or(0, |length| length as usize));
        while let Some(chunk) = self.chunk().await? {
            if out.len() + chunk.len() > limit {
                return Err(too_large);
            }
            out.extend_from_slice(&chunk);
        }
        Ok(out.freeze())
    }
}

/// The file name of a `Content-Disposition` value (see [`Download::file_name`]).
fn file_name_of(disposition: &str) -> Option<String> {
    let mut plain = None;
    let mut extended = None;
    for parameter in split_parameters(disposition).skip(1) {
        let Some((name, value)) = parameter.split_once('=') else { continue };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "filename*" => {
                // RFC 5987: charset'language'percent-encoded; UTF-8 is the one charset required.
                let mut pieces = value.splitn(3, '\'');
                let (charset, _, encoded) = (pieces.next()?, pieces.next()?, pieces.next()?);
                if charset.eq_ignore_ascii_case("utf-8") {
                    extended = percent_encoding::percent_decode_str(encoded).decode_utf8().ok().map(|s| s.into_owned());
                }
            }
            "filename" => {
                plain = Some(match value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
                    Some(quoted) => quoted.replace("\\\"", "\"").replace("\\\\", "\\"),
                    None => value.to_owned(),
                });
            }
            _ => {}
        }
    }
    let name = extended.or(plain)?;
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default().trim();
    (!matches!(last, "" | "." | "..") && !last.chars().any(char::is_control)).then(|| last.to_owned())
}

/// The `;`-separated parts of a header value, not splitting inside quotes.
fn split_parameters(value: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(value);
    std::iter::from_fn(move || {
        let text = rest?;
        let (mut quoted, mut escaped) = (false, false);
        for (i, c) in text.char_indices() {
            match c {
                _ if escaped => escaped = false,
                '\\' if quoted => escaped = true,
                '"' => quoted = !quoted,
                ';' if !quoted => {
                    rest = Some(&text[i + 1..]);
                    return Some(&text[..i]);
                }
                _ => {}
            }
        }
        rest = None;
        Some(text)
    })
}

/// Why a download's body did not arrive whole, or could not be written. No variant holds a
/// credential or the URL (a storage URL carries a signature in its query).
#[derive(Debug)]
#[non_exhaustive]
pub enum DownloadError {
    /// The connection closed before the body's announced length: `received` of `expected` body
    /// bytes arrived (and were handed on). Resume from [`resume_offset`](Self::resume_offset).
    CutOff {
        /// The spec's operationId (`download` for a download by URL).
        operation: &'static str,
        /// Where the body started in the file (a resumed download's offset; 0 otherwise).
        offset: u64,
        /// Body bytes that arrived.
        received: u64,
        /// Body bytes announced (`Content-Length`).
        expected: u64,
    },
    /// The body failed otherwise: the connection reset, a body of unannounced length cut off,
    /// or no byte for the time limit. `received` body bytes arrived before.
    Transport {
        /// The spec's operationId.
        operation: &'static str,
        /// Where the body started in the file.
        offset: u64,
        /// Body bytes that arrived.
        received: u64,
        /// The underlying error.
        source: TransportError,
    },
    /// Writing the body failed; `written` body bytes are known to be written (0 when flushing
    /// failed: what a buffered writer passed on is then unknown).
    Write {
        /// The spec's operationId.
        operation: &'static str,
        /// Where the body started in the file.
        offset: u64,
        /// Body bytes known to be written.
        written: u64,
        /// The writer's error.
        source: std::io::Error,
    },
    /// [`Download::bytes`]: the body is longer than the limit given.
    TooLarge {
        /// The spec's operationId.
        operation: &'static str,
        /// The limit, in bytes.
        limit: usize,
    },
    /// A resumed download (`Range: bytes=N-`) was not answered with that range: a `200` with the
    /// whole file, or a `206` whose `Content-Range` starts elsewhere. Nothing was written; to
    /// start over, download from 0.
    RangeNotHonoured {
        /// The spec's operationId.
        operation: &'static str,
        /// The offset asked for.
        requested: u64,
        /// The status answered.
        status: StatusCode,
        /// The `Content-Range` answered, if any.
        content_range: Option<String>,
    },
}

impl DownloadError {
    /// The spec's operationId of the download.
    pub fn operation(&self) -> &'static str {
        match self {
            DownloadError::CutOff { operation, .. }
            | DownloadError::Transport { operation, .. }
            | DownloadError::Write { operation, .. }
            | DownloadError::TooLarge { operation, .. }
            | DownloadError::RangeNotHonoured { operation, .. } => operation,
        }
    }

    /// The file offset to resume from (`resume_from`): how much of the file the destination
    /// holds, when the download broke off after its start.
    pub fn resume_offset(&self) -> Option<u64> {
        match self {
            DownloadError::CutOff { offset, received, .. } | DownloadError::Transport { offset, received, .. } => {
                Some(offset.saturating_add(*received))
            }
            DownloadError::Write { offset, written, .. } => Some(offset.saturating_add(*written)),
            DownloadError::TooLarge { .. } | DownloadError::RangeNotHonoured { .. } => None,
        }
    }

    /// Whether downloading again (from [`resume_offset`](Self::resume_offset)) may succeed.
    pub fn is_retryable(&self) -> bool {
        match self {
            DownloadError::CutOff { .. } => true,
            DownloadError::Transport { source, .. } => source.is_retryable(),
            DownloadError::Write { .. } | DownloadError::TooLarge { .. } | DownloadError::RangeNotHonoured { .. } => {
                false
            }
        }
    }
}

impl fmt::Display for DownloadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let operation = self.operation();
        match self {
            DownloadError::CutOff { offset, received, expected, .. } => write!(
                f,
                "{operation}: the download was cut off after {received} of {expected} bytes; resume from byte {}",
                offset.saturating_add(*received)
            ),
            DownloadError::Transport { offset, received, source, .. } => write!(
                f,
                "{operation}: the download failed after {received} bytes (resume from byte {}): {source}",
                offset.saturating_add(*received)
            ),
            DownloadError::Write { written, source, .. } => {
                write!(f, "{operation}: writing the download failed after {written} bytes: {source}")
            }
            DownloadError::TooLarge { limit, .. } => {
                write!(f, "{operation}: the body is larger than the limit of {limit} bytes")
            }
            DownloadError::RangeNotHonoured { requested, status, content_range, .. } => write!(
                f,
                "{operation}: asked for the file from byte {requested}, the server answered {} with {}; nothing was \
                 written (download from 0 to start over)",
                status.as_u16(),
                content_range.as_deref().map_or_else(|| "no Content-Range".to_owned(), |r| format!("`{r}`")),
            ),
        }
    }
}

impl std::error::Error for DownloadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            DownloadError::Transport { source, .. } => Some(source),
            DownloadError::Write { source, .. } => Some(source),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_from_content_disposition() {
        let cases = [
            ("attachment; filename=\"invoice 7.pdf\"", Some("invoice 7.pdf")),
            ("attachment; filename=rec.mp4", Some("rec.mp4")),
            ("attachment; filename=\"a.txt\"; filename*=UTF-8''%C3%A9t%C3%A9.txt", Some("été.txt")),
            ("attachment; filename=\"x;y.pdf\"", Some("x;y.pdf")),
            ("attachment; filename=\"../../etc/passwd\"", Some("passwd")),
            ("attachment; filename=\"C:\\\\tmp\\\\a.txt\"", Some("a.txt")),
            ("attachment; filename=\"..\"", None),
            ("inline", None),
        ];
        for (value, expected) in cases {
            assert_eq!(file_name_of(value).as_deref(), expected, "{value}");
        }
    }
}
