//! `cargo xtask codegen [--check]`: regenerates `generated/` and the golden crates under
//! `tests/golden/` from `specs/` and `tests/fixtures/`; `--check` changes nothing and fails
//! with a diff when anything is stale.

use std::process::ExitCode;
use std::time::Instant;

use xtask::{client_targets, codegen, golden_targets, project_root, stale_message, Mode};

const USAGE: &str = "usage: cargo xtask codegen [--check] [CRATE...]
       cargo xtask fuzz [--inputs N] [--seed S]

codegen: regenerates generated/ and tests/golden/ (with CRATE names, only those crates);
         --check changes nothing and fails with a diff when anything is stale.
fuzz:    feeds N (default 10000) mutated specs to the generator; fails on any panic or on
         generated code that does not parse, and keeps those inputs in target/fuzz/.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    if args.first() == Some(&"fuzz") {
        return fuzz(&args[1..]);
    }
    let (mode, only) = match args.as_slice() {
        ["codegen", "--check", only @ ..] => (Mode::Check, only),
        ["codegen", only @ ..] if !only.iter().any(|a| a.starts_with('-')) => (Mode::Write, only),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::FAILURE;
        }
    };
    let root = project_root();
    let started = Instant::now();
    let targets = match (client_targets(&root), golden_targets(&root)) {
        (Ok(mut clients), Ok(goldens)) => {
            clients.extend(goldens);
            clients
                .retain(|t| only.is_empty() || only.iter().any(|name| t.out.file_name().is_some_and(|f| f == *name)));
            clients
        }
        (Err(err), _) | (_, Err(err)) => {
            eprintln!("error: {err}");
            return ExitCode::FAILURE;
        }
    };
    let report = match codegen(&root, &targets, mode) {
        Ok(report) => report,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitCode::FAILURE;
        }
    };
    let elapsed = started.elapsed();
    match mode {
        Mode::Check if !report.changed.is_empty() => {
            eprintln!("{}", stale_message(&report));
            ExitCode::FAILURE
        }
        Mode::Check => {
            println!("{} crates are up to date ({:.0?})", targets.len(), elapsed);
            ExitCode::SUCCESS
        }
        Mode::Write => {
            for path in &report.changed {
                println!("wrote {}", path.display());
            }
            println!("{} crates generated, {} files changed ({:.0?})", targets.len(), report.changed.len(), elapsed);
            ExitCode::SUCCESS
        }
    }
}

fn fuzz(args: &[&str]) -> ExitCode {
    let (mut inputs, mut seed) = (10_000usize, 1u64);
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        let value = args.next().and_then(|v| v.parse::<u64>().ok());
        match (*flag, value) {
            ("--inputs", Some(n)) => inputs = n as usize,
            ("--seed", Some(n)) => seed = n,
            _ => {
                eprintln!("{USAGE}");
                return ExitCode::FAILURE;
            }
        }
    }
    let root = project_root();
    let started = Instant::now();
    let report =
        xtask::fuzz::seeds(&root).and_then(|seeds| xtask::fuzz::fuzz(&seeds, inputs, seed, &root.join("target/fuzz")));
    match report {
        Ok(report) => {
            println!(
                "{} inputs in {:.1?} (seed {seed}): {} generated, {} refused with a spec error, {} failures",
                report.inputs,
                started.elapsed(),
                report.generated,
                report.refused,
                report.failures.len()
            );
            for (file, what) in &report.failures {
                println!("  {}: {what}", file.display());
            }
            if report.failures.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}
