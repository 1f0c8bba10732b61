//! A local, stateful sandbox of the Google Workspace Reseller API and of Zoom's master account APIs
//! (sub accounts, their users against the plan's hosts, plans, billing and usage reports), to test
//! an integration end to end on a laptop or in CI.
//!
//! The server side is built on the generated clients' models: every request body is decoded into
//! the generated type and every response is serialized from one, so the sandbox cannot disagree
//! with the spec about a field. Before any business rule, a request is checked with the same
//! [`clientgen_runtime::Validate`] the generated client runs, so a client that skips validation
//! still meets the vendor's rules (400 `invalid` from Google, 400 with code 300 from Zoom).
//!
//! # Layout
//!
//! | path | what |
//! |---|---|
//! | `/apps/reseller/v1/...` | Google Reseller API: `google_reseller::Client::builder().base_url(sandbox.url())` |
//! | `/zoom/v2/...` | Zoom API: `zoom::Client::builder().base_url(sandbox.zoom_base_url())` |
//! | `POST /oauth/token` | Zoom Server-to-Server OAuth (`ZoomServerToServer::with_token_url(sandbox.zoom_token_url())`) |
//! | `POST /google/token` | a Google OAuth token endpoint (a service account key's `token_uri`) |
//! | `/_sandbox/...` | faults, request log, state, Zoom sub accounts, direct Google customers |
//!
//! # In-process use
//!
//! ```no_run
//! # async fn example() -> Result<(), Box<dyn std::error::Error>> {
//! use sandbox::{Sandbox, SandboxConfig};
//!
//! let sandbox = Sandbox::start(SandboxConfig::new()).await?;
//! let google = google_reseller::Client::builder().base_url(sandbox.url()).bearer_token("any").build()?;
//! let zoom = zoom::Client::builder().base_url(sandbox.zoom_base_url()).bearer_token("any").build()?;
//! # let _ = (google, zoom);
//! # Ok(())
//! # }
//! ```
//!
//! See `sandbox/README.md` for the binary, curl, faults and state files.
#![deny(missing_docs)]

mod admin;
pub mod faults;
mod google;
mod http;
mod router;
mod server;
mod shared;
mod state;
mod time;
mod tokens;
mod zoom;

pub use faults::{Fault, FaultRule, InvalidFault, FAULT_HEADER};
pub use server::{Sandbox, SandboxConfig};
