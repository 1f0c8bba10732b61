//! The runtime shared by every client that `clientgen` generates.
//!
//! Generated crates contain only what differs between APIs (types, one method per operation);
//! everything else lives here once: sending a request with retries and timeouts ([`ApiClient`],
//! [`Call`], [`RetryPolicy`]) over HTTP/1.1 with rustls and proxy support ([`HttpClient`]), authentication ([`Auth`], [`oauth`], [`Secret`]), paging
//! ([`Pages`]), the error type ([`Error`]), path encoding ([`encode_path_segment`]) and the serde
//! helpers for 64-bit integers that travel as JSON strings ([`int64_string`]) and for objects ([`wire`]).
//!
//! Every call runs in a `tracing` span `api_call` with the operation id, method, final status
//! and number of attempts; nothing secret and no body is recorded.

mod auth;
mod body;
mod calendar;
mod call;
mod client;
mod error;
#[doc(hidden)]
pub mod fuzzing;
pub mod int64_string;
pub mod oauth;
mod pages;
mod path;
mod request;
mod retry;
mod transport;
pub mod validate;
pub mod wire;

pub use auth::{Auth, AuthError, BoxFuture, Secret, TokenRequest, TokenSource};
pub use body::{FilePart, Multipart, UrlEncodedForm};
pub use call::{Call, FromResponse, Response};
pub use client::{ApiClient, ClientBuilder, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT};
pub use error::{ApiError, Error};
pub use pages::Pages;
pub use path::{encode_path_segment, InvalidPathSegment, PathList, PathParam};
pub use request::{CommaSeparated, ObjectStyle, Operation, RequestBuilder};
pub use retry::{rate_limit, retry_after, RateLimit, RetryAfter, RetryPolicy};
pub use transport::{HttpClient, HttpClientBuilder, TransportError, TransportErrorKind, DEFAULT_MAX_RESPONSE_BYTES};
pub use validate::{Validate, Violation};

/// Re-exported so that generated crates and their users need no direct dependency on these
/// crates. serde and serde_json are not: a generated crate depends on them itself (its models
/// implement their traits), one story rather than two.
pub use {bytes, futures_core, http, rustls};
