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
pub mod calendar;
mod call;
mod client;
mod error;
pub mod int64_string;
pub mod oauth;
mod pages;
mod path;
mod retry;
mod transport;
pub mod validate;
pub mod wire;

pub use auth::{Auth, AuthError, BoxFuture, Secret, TokenSource};
pub use body::{FilePart, Multipart, UrlEncodedForm};
pub use call::{Call, FromResponse, Response};
pub use client::{ApiClient, ClientBuilder, Operation, RequestBuilder, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT};
pub use error::{ApiError, Error};
pub use pages::Pages;
pub use path::{encode_path_segment, InvalidPathSegment};
pub use retry::{retry_after, RetryAfter, RetryPolicy};
pub use transport::{HttpClient, HttpClientBuilder, TransportError};
pub use validate::{Validate, Violation};

/// Re-exported so that generated crates need no direct dependency on these crates.
pub use {bytes, futures_core, http, rustls, serde, serde_json};
