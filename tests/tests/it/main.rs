//! The integration tests of clientgen and the clients it generates, as one test binary: each
//! binary links tokio, hyper and both generated clients again, so one binary instead of one per
//! file saves a link per file on every build. Run one module with a filter, e.g.
//! `cargo test -p clientgen-tests --test it golden::`.

// The realistic Zoom meeting in `zoom_client` is one large `json!` literal.
#![recursion_limit = "256"]

mod bad_specs;
mod bundle;
mod corpus;
mod domain_rules;
mod downloads;
mod enum_text;
mod families;
mod form_bodies;
mod fuzz;
mod golden;
mod http_client;
mod parameters_on_the_wire;
mod reseller_client;
mod runtime_faults;
mod runtime_fuzz;
mod runtime_limits;
mod secrets_in_debug;
mod tidy;
mod unions_and_responses;
mod wire_format;
mod zoom_client;
mod zoom_master_account;
mod zoom_operations;
