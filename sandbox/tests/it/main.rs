//! The sandbox's integration tests, in one binary: each test binary links tokio, hyper and both
//! generated clients again, which on a 2-core machine costs more than the tests take to run.

mod common;
mod errors;
mod faults;
mod google_flow;
mod state;
mod zoom_flow;
mod zoom_reports;
mod zoom_reseller;
