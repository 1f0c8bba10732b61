//! The runtime shared by every client that `clientgen` generates.
//!
//! Generated crates contain only what differs between APIs (types, one method per operation);
//! everything else lives here once: sending a request with retries and timeouts ([`ApiClient`],
//! [`Call`], [`RetryPolicy`]) over HTTP/1.1 with rustls and proxy support ([`HttpClient`]), authentication ([`Auth`], [`oauth`], [`Secret`]), paging
//! ([`Pages`]), the error type ([`Error`]), path encoding ([`encode_path_segment`]) and the serde
//! helpers for 64-bit integers that travel as JSON strings ([`int64_string`]) and for objects ([`wire`]).
//!
//! Binary bodies are not read into memory: an operation whose success is a file returns a
//! [`Download`] (status, headers, the body streamed to any `AsyncWrite` with no size cap, a
//! progress callback), and [`ApiClient::download`] fetches a file the API names by URL (a Zoom
//! recording) with the client's token, resumable from a byte offset ([`DownloadRequest`]). The
//! token goes only to the API's own origin and the hosts the spec declares, and is dropped when a
//! redirect changes the host. A body that breaks off is a [`DownloadError`] that says how many
//! bytes arrived.
//!
//! Every call runs in a `tracing` span `api_call` with the operation id, method, final status
//! and number of attempts; nothing secret and no body is recorded.

mod auth;
mod body;
mod calendar;
mod call;
mod client;
mod download;
mod error;
mod fetch;
#[doc(hidden)]
pub mod fuzzing;
pub mod int64_string;
pub mod oauth;
mod pages;
mod path;
mod redirect;
mod request;
mod retry;
mod transport;
pub mod validate;
pub mod wire;

pub use auth::{Auth, AuthError, BoxFuture, Redacted, Secret, TokenRequest, TokenSource};
pub use body::{FilePart, Multipart, UrlEncodedForm};
pub use call::{Call, FromResponse, Response};
pub use client::{ApiClient, ClientBuilder, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT};
pub use download::{Download, DownloadError, Progress};
pub use error::{ApiError, Error};
pub use fetch::DownloadRequest;
pub use pages::Pages;
pub use path::{encode_path_segment, InvalidPathSegment, PathList, PathParam};
pub use redirect::MAX_REDIRECTS;
pub use request::{CommaSeparated, ObjectStyle, Operation, RequestBuilder};
pub use retry::{rate_limit, retry_after, RateLimit, RetryAfter, RetryPolicy};
pub use transport::{HttpClient, HttpClientBuilder, TransportError, TransportErrorKind, DEFAULT_MAX_RESPONSE_BYTES};
pub use validate::{Validate, Violation};

/// Re-exported so that generated crates and their users need no direct dependency on these
/// crates. serde and serde_json are not: a generated crate depends on them itself (its models
/// implement their traits), one story rather than two.
pub use {bytes, futures_core, http, rustls};
