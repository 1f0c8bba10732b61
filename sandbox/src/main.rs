//! `sandbox [--port PORT] [--state FILE] [--no-auth] [--zoom-account ID]...`: serves both APIs
//! on 127.0.0.1 until interrupted.

use std::process::ExitCode;

use sandbox::{Sandbox, SandboxConfig};

const USAGE: &str = "\
usage: sandbox [--port PORT] [--state FILE] [--no-auth] [--zoom-account ID]...

Serves a local sandbox of the Google Workspace Reseller API and of Zoom's master account APIs
(sub accounts, users, plans, billing, reports) on 127.0.0.1.

  --port PORT          listen on this port (default 8080; 0 picks a free one)
  --state FILE         load the state from FILE if it exists, and write it there after every change
  --no-auth            accept API calls without an Authorization: Bearer header
  --zoom-account ID    create the Zoom sub account ID at start (repeatable)
  -h, --help           show this help
";

fn parse(args: impl IntoIterator<Item = String>) -> Result<SandboxConfig, String> {
    let mut config = SandboxConfig::new().port(8080);
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        config = match arg.as_str() {
            "--port" => {
                let port = value("--port")?;
                config.port(port.parse().map_err(|_| format!("--port: {port:?} is not a port number"))?)
            }
            "--state" => config.state_file(value("--state")?),
            "--zoom-account" => config.zoom_account(value("--zoom-account")?),
            "--no-auth" => config.require_auth(false),
            other => return Err(format!("unknown argument {other:?}")),
        };
    }
    Ok(config)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|arg| arg == "-h" || arg == "--help") {
        print!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let config = match parse(args) {
        Ok(config) => config,
        Err(problem) => {
            eprintln!("sandbox: {problem}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let sandbox = match Sandbox::start(config).await {
        Ok(sandbox) => sandbox,
        Err(err) => {
            eprintln!("sandbox: cannot start: {err}");
            return ExitCode::FAILURE;
        }
    };
    let url = sandbox.url();
    println!("sandbox listening on {url}");
    println!("  Google Reseller: base URL {url}  (paths /apps/reseller/v1/...; token_uri {url}/google/token)");
    println!("  Zoom:            base URL {url}/zoom/v2  (token URL {url}/oauth/token)");
    println!("  admin:           {url}/_sandbox  (faults, requests, state, zoom/accounts, google/customers)");
    sandbox.wait().await;
    ExitCode::SUCCESS
}
