//! Downloading by URL ([`ApiClient::download`], [`DownloadRequest`]): a file the API names by a
//! URL of its own, fetched with the client's token; see [`DownloadRequest`] for tokens, resuming
//! and retries.

use std::fmt;
use std::io::SeekFrom;
use std::path::Path;
use std::time::Duration;

use bytes::Bytes;
use http::header::{HeaderMap, HeaderValue, ACCEPT, ACCEPT_ENCODING, CONTENT_RANGE};
use http::{Method, StatusCode, Uri};
use serde::de::DeserializeOwned;
use tokio::io::{AsyncSeekExt, AsyncWrite, BufWriter};

use crate::auth::Auth;
use crate::call::{Call, SuccessBody};
use crate::client::ApiClient;
use crate::download::{Download, DownloadError, Progress};
use crate::error::Error;
use crate::redirect::may_carry_token;
use crate::request::{Operation, PreparedRequest};
use crate::retry::RetryPolicy;

/// The operation a download by URL reports in errors and spans.
static DOWNLOAD: Operation =
    Operation { id: "download", method: Method::GET, path: "", idempotent: true, scopes: &[], sub_account: false };

/// Writes to a file go through a buffer this large: fewer, larger writes to the file.
const FILE_BUFFER_BYTES: usize = 256 << 10;

impl ApiClient {
    /// Starts a download of `url` with this client's token (a Zoom recording's `download_url`):
    /// configure it, then [`to_writer`](DownloadRequest::to_writer),
    /// [`to_file`](DownloadRequest::to_file) or [`send`](DownloadRequest::send). A URL that is
    /// not `http(s)`, or whose host this client does not send its token to (the API's own
    /// origin and [`download_hosts`](Self::download_hosts)), fails with
    /// [`Error::InvalidRequest`] when sent, and nothing is sent.
    pub fn download<E>(&self, url: &str) -> DownloadRequest<'_, E> {
        let request = self.download_request(url);
        DownloadRequest {
            call: Call::prepared(self, &DOWNLOAD, request, Vec::new(), SuccessBody::Stream),
            offset: 0,
            progress: None,
        }
    }

    fn download_request(&self, url: &str) -> Result<PreparedRequest, String> {
        // The URL is not echoed: a download URL may carry a signature or token in its query.
        let uri: Uri = url.trim().parse().map_err(|_| "the download URL is not a valid URL".to_owned())?;
        let host = match (uri.scheme_str(), uri.host()) {
            (Some("http" | "https"), Some(host)) => host,
            _ => return Err("the download URL is not an absolute http:// or https:// URL".to_owned()),
        };
        let base: Uri = self.base_url().parse().map_err(|_| "the base URL is not valid".to_owned())?;
        if !matches!(self.auth(), Auth::None) && !may_carry_token(&base, self.download_hosts(), &uri) {
            let declared = match self.download_hosts() {
                [] => String::new(),
                hosts => format!(" and {}", hosts.join(", ")),
            };
            return Err(format!(
                "this client does not send its token to `{host}` (only to the API's own host{declared}): \
                 download it with a client of that host, or set ClientBuilder::download_hosts"
            ));
        }
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_static("*/*"));
        headers.insert(ACCEPT_ENCODING, HeaderValue::from_static("identity"));
        Ok(PreparedRequest { operation: &DOWNLOAD, uri, headers, body: Bytes::new() })
    }
}

/// A download by URL being configured, from [`ApiClient::download`] (and every generated
/// client's `download`): a file the API names by a URL of its own (a Zoom recording's
/// `download_url`), streamed to any `AsyncWrite` or to a file with flat memory, with a progress
/// callback, resumable from a byte offset.
///
/// - **The token** goes only to the API's own origin and to the hosts the spec declares
///   (`x-download-hosts`, [`ApiClient::download_hosts`]); a URL elsewhere is refused before
///   sending. Redirects are followed (at most [`crate::MAX_REDIRECTS`]); the token is dropped for
///   good once the scheme, host or port change.
/// - **Resuming** ([`resume_from`](Self::resume_from)) sends `Range: bytes=N-` and accepts only a
///   `206` whose `Content-Range` starts at `N`. A `200` (the server ignored the range) or a range
///   starting elsewhere is [`DownloadError::RangeNotHonoured`] and nothing is written: the caller
///   decides to start over from 0; nothing re-downloads behind its back what it said it holds.
/// - **Retries**: until the answer's head arrives, the client's retry policy applies as to any
///   GET (connection failures, 429, 502-504, a 401 answered by one token refresh). Once the body
///   flows nothing is retried: a body that breaks off is [`DownloadError::CutOff`] (or
///   `Transport`), whose [`resume_offset`](DownloadError::resume_offset) says where to resume.
#[must_use = "a download does nothing until it is sent"]
pub struct DownloadRequest<'a, E> {
    call: Call<'a, Download, E>,
    offset: u64,
    progress: Option<Box<dyn FnMut(Progress) + Send>>,
}

impl<E> fmt::Debug for DownloadRequest<'_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Not the URL: its query may carry a signature.
        f.debug_struct("DownloadRequest")
            .field("offset", &self.offset)
            .field("progress", &self.progress.is_some())
            .finish_non_exhaustive()
    }
}

impl<'a, E> DownloadRequest<'a, E>
where
    E: DeserializeOwned + Send + 'a,
{
    /// Asks for the file from byte `offset` on (`Range: bytes=offset-`), to finish a download
    /// that broke off ([`Error::resume_offset`]). [`to_file`](Self::to_file) then keeps the
    /// file's first `offset` bytes and appends.
    pub fn resume_from(mut self, offset: u64) -> Self {
        self.offset = offset;
        self
    }

    /// Calls `callback` as the body arrives (see [`Download::on_progress`]): bytes of the file
    /// so far, the resume offset included, and its size when known.
    pub fn progress(mut self, callback: impl FnMut(Progress) + Send + 'static) -> Self {
        self.progress = Some(Box::new(callback));
        self
    }

    /// A time limit for getting the answer (every attempt and redirect), which is also how long
    /// the body may send nothing; the client's unless set.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.call = self.call.timeout(timeout);
        self
    }

    /// A retry policy for getting the answer (for example [`RetryPolicy::none`]).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.call = self.call.retry(policy);
        self
    }

    /// Sends the request and returns the answer with its body still to read, once its range is
    /// checked. Error statuses are [`Error::Api`] with the vendor's error body.
    pub async fn send(self) -> Result<Download, Error<E>> {
        let DownloadRequest { mut call, offset, progress } = self;
        if offset > 0 {
            call = call.header("range", &format!("bytes={offset}-"));
        }
        let mut download = call.await?;
        check_range(&download, offset)?;
        download = download.starting_at(offset);
        download.set_progress(progress);
        Ok(download)
    }

    /// Streams the file into `out` with flat memory; returns the number of bytes written (those
    /// after the resume offset).
    pub async fn to_writer<W: AsyncWrite + Unpin + ?Sized>(self, out: &mut W) -> Result<u64, Error<E>> {
        Ok(self.send().await?.write_to(out).await?)
    }

    /// Streams the file into the file at `path`: created (or emptied) for a download from the
    /// start; for a resumed one, its first `offset` bytes are kept and the rest written after
    /// them. A file shorter than the offset fails before sending. The file is opened only once
    /// the answer is a success, so an error status leaves it as it was. Returns the number of
    /// bytes written.
    pub async fn to_file(self, path: impl AsRef<Path>) -> Result<u64, Error<E>> {
        let (path, offset) = (path.as_ref(), self.offset);
        let write_failed =
            |source| Error::Download(DownloadError::Write { operation: DOWNLOAD.id, offset, written: 0, source });
        if offset > 0 {
            let held = tokio::fs::metadata(path).await.map_err(write_failed)?.len();
            if held < offset {
                let reason = format!("the file holds {held} bytes, fewer than the offset {offset} to resume from");
                return Err(Error::InvalidRequest { operation: DOWNLOAD.id, reason });
            }
        }
        let download = self.send().await?;
        let file = if offset == 0 {
            tokio::fs::File::create(path).await.map_err(write_failed)?
        } else {
            let mut file = tokio::fs::OpenOptions::new().write(true).open(path).await.map_err(write_failed)?;
            // What lies past the offset is replaced by what the server sends from there.
            file.set_len(offset).await.map_err(write_failed)?;
            file.seek(SeekFrom::Start(offset)).await.map_err(write_failed)?;
            file
        };
        let mut file = BufWriter::with_capacity(FILE_BUFFER_BYTES, file);
        Ok(download.write_to(&mut file).await?)
    }
}

/// A resumed download's answer must be the range asked for: `206` and `Content-Range: bytes
/// offset-end/total`.
pub(crate) fn check_range(download: &Download, offset: u64) -> Result<(), DownloadError> {
    if offset == 0 {
        return Ok(());
    }
    let content_range = download.headers().get(CONTENT_RANGE).and_then(|v| v.to_str().ok());
    let start = content_range
        .and_then(|range| range.trim().strip_prefix("bytes "))
        .and_then(|range| range.split_once('-'))
        .and_then(|(start, _)| start.trim().parse::<u64>().ok());
    if download.status() == StatusCode::PARTIAL_CONTENT && start == Some(offset) {
        return Ok(());
    }
    Err(DownloadError::RangeNotHonoured {
        operation: download.operation(),
        requested: offset,
        status: download.status(),
        content_range: content_range.map(str::to_owned),
    })
}
