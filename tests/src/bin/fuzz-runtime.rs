//! `cargo xtask fuzz --runtime [--inputs N] [--seed S]`: the runtime's parsers of what servers
//! send, over N mutated inputs (a million by default); fails on any panic.

use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    fuzz_runtime(&args)
}

fn fuzz_runtime(args: &[&str]) -> ExitCode {
    let (mut inputs, mut seed) = (1_000_000usize, 1u64);
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        let value = args.next().and_then(|v| v.parse::<u64>().ok());
        match (*flag, value) {
            ("--inputs", Some(n)) => inputs = n as usize,
            ("--seed", Some(n)) => seed = n,
            _ => {
                eprintln!("usage: fuzz-runtime [--inputs N] [--seed S]");
                return ExitCode::FAILURE;
            }
        }
    }
    let started = Instant::now();
    let report = clientgen_tests::fuzz_runtime::fuzz_runtime(inputs, seed);
    let per_parser: Vec<String> = clientgen_tests::fuzz_runtime::PARSERS
        .iter()
        .zip(report.inputs)
        .map(|(name, n)| format!("{n} {name}"))
        .collect();
    println!(
        "{} inputs in {:.1?} (seed {seed}): {}; {} panics",
        report.total(),
        started.elapsed(),
        per_parser.join(", "),
        report.failures.len()
    );
    for (parser, input, message) in report.failures.iter().take(20) {
        println!("  {parser}: {input}: {message}");
    }
    if report.failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
