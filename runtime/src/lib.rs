//! The runtime shared by every client that `clientgen` generates.
//!
//! Generated crates contain only what differs between APIs (types, one method per operation);
//! everything else lives here once: sending a request ([`ApiClient`], [`Call`]), authentication
//! ([`Auth`], [`Secret`]), the error type ([`Error`]), path encoding ([`encode_path_segment`]) and
//! the serde helpers for 64-bit integers that travel as JSON strings ([`int64_string`]).

mod auth;
mod body;
mod call;
mod client;
mod error;
pub mod int64_string;
mod path;

pub use auth::{Auth, Secret};
pub use body::{FilePart, Multipart, UrlEncodedForm};
pub use call::{Call, Response};
pub use client::{ApiClient, ClientBuilder, Operation, RequestBuilder};
pub use error::{ApiError, Error};
pub use path::{encode_path_segment, InvalidPathSegment};

/// Re-exported so that generated crates need no direct dependency on these crates.
pub use {bytes, reqwest, serde, serde_json};
