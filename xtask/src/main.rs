//! `cargo xtask codegen [--check]`: regenerates `generated/` and the golden crates under
//! `tests/golden/` from `specs/` and `tests/fixtures/`; `--check` changes nothing and fails
//! with a diff when anything is stale.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use xtask::{client_targets, codegen, golden_targets, project_root, stale_message, Mode};

const USAGE: &str = "usage: cargo xtask codegen [--check] [CRATE...]
       cargo xtask fuzz [--runtime] [--inputs N] [--seed S]
       cargo xtask bench [--no-rebuild] [--only NAME] [--spec PATH] [--families] [--baseline DIR [--instructions]]
       cargo xtask instructions CRATE_DIR...
       cargo xtask upstream-diff --ours SPEC --theirs FILE [--theirs FILE...] [--family TAG...] [--summary]

codegen: regenerates generated/ and tests/golden/ (with CRATE names, only those crates);
         --check changes nothing and fails with a diff when anything is stale.
fuzz:    feeds N (default 10000) mutated specs to the generator, in process on every core
         (each operation of every spec and fixture is a seed); fails on any panic or on
         generated code that does not parse, and keeps those inputs in target/fuzz/.
         --runtime: feeds N (default 1000000) mutated server answers to the runtime's parsers
         (Retry-After, X-RateLimit-*, token answers, page cursors); fails on any panic.
bench:   for every spec in specs/ and ../shared/corpus/: codegen time (parse, lower, print),
         peak memory, lines, and the generated crate's rebuild time (touch + cargo build);
         progenitor and openapi-generator on the same specs when installed.
         [--no-rebuild] skips the rebuilds, [--only NAME] keeps specs whose file name contains NAME,
         [--families] also builds a crate split by family with each family alone, [--spec PATH]
         measures that spec (file or folder) instead. [--baseline DIR] also compares, spec by spec,
         with the generator of another checkout (DIR/target/release/clientgen, built there):
         codegen as commands taking turns (best and median of 10) and both crates' rebuilds;
         with --instructions, rustc's instructions for each rebuild too (valgrind's cachegrind:
         exact from run to run, where one rebuild's wall time swings by several percent).
instructions: rustc's instructions for touch + cargo build of each crate folder (cachegrind),
         its dependencies built first in target/bench-instructions/<folder name>; for crates
         that --baseline cannot build, an older revision's output adapted by hand, say.
upstream-diff: compares our spec (a file or folder, e.g. specs/zoom) with vendor documents
         (OpenAPI 3 JSON/YAML or Swagger 2.0): per family (the vendor's first tag), the operations
         each side lacks, and for shared ones (same method and path) the parameters, fields, types
         and enum values that differ. Markdown on stdout; --summary prints the table only.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(exit) = xtask::instructions::run_as_rustc_wrapper(&args) {
        return exit;
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.first() {
        Some(&"fuzz") => return fuzz(&args[1..]),
        Some(&"bench") => return bench(&args[1..]),
        Some(&"bench-one") => return bench_one(&args[1..]),
        Some(&"instructions") => return instructions(&args[1..]),
        Some(&"upstream-diff") => return upstream_diff(&args[1..]),
        _ => {}
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
    if let Some(at) = args.iter().position(|a| *a == "--runtime") {
        let rest: Vec<&str> = args.iter().enumerate().filter(|(i, _)| *i != at).map(|(_, a)| *a).collect();
        return fuzz_runtime(&rest);
    }
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
                "{} inputs in {:.1?} ({:.0} a second, seed {seed}): {} generated, {} refused with a spec error, {} failures",
                report.inputs,
                started.elapsed(),
                report.inputs as f64 / started.elapsed().as_secs_f64(),
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

fn upstream_diff(args: &[&str]) -> ExitCode {
    let options = match xtask::upstream_diff::Options::parse(args) {
        Ok(options) => options,
        Err(err) => {
            eprintln!("error: {err}\nusage: cargo xtask {}", xtask::upstream_diff::USAGE);
            return ExitCode::FAILURE;
        }
    };
    match xtask::upstream_diff::run(&options) {
        Ok(report) => {
            print!("{report}");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

/// Runs the runtime's parser fuzzer, which lives with the tests (it needs the runtime; xtask
/// stays light), as a release binary.
fn fuzz_runtime(args: &[&str]) -> ExitCode {
    let status = std::process::Command::new(env!("CARGO"))
        .args(["run", "--release", "--quiet", "-p", "clientgen-tests", "--bin", "fuzz-runtime", "--"])
        .args(args)
        .current_dir(project_root())
        .status();
    match status {
        Ok(status) if status.success() => ExitCode::SUCCESS,
        Ok(_) => ExitCode::FAILURE,
        Err(err) => {
            eprintln!("error: cannot run cargo: {err}");
            ExitCode::FAILURE
        }
    }
}

fn bench_one(args: &[&str]) -> ExitCode {
    let [spec, out] = args else { return ExitCode::FAILURE };
    match xtask::bench::measure_here(std::path::Path::new(spec), 3, Some(std::path::Path::new(out)), &project_root()) {
        Ok(measure) => {
            println!("{}", measure.encode());
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("{err}");
            ExitCode::FAILURE
        }
    }
}

fn instructions(crate_dirs: &[&str]) -> ExitCode {
    if crate_dirs.is_empty() || crate_dirs.iter().any(|dir| dir.starts_with('-')) {
        eprintln!("{USAGE}");
        return ExitCode::FAILURE;
    }
    let mut failed = false;
    for dir in crate_dirs {
        let dir = std::path::Path::new(dir);
        // A target folder per crate: two crates of one package name on one runtime would share
        // their build products in one.
        let folder = dir.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
        let target = project_root().join("target/bench-instructions").join(folder);
        let count = xtask::bench::cargo_build(dir, &target, &[])
            .and_then(|_| xtask::instructions::rebuild_instructions(dir, &target, &target.join("cachegrind.out")));
        match count {
            Ok(count) => println!("{:<60} {:>8.0} M rustc instructions", dir.display(), count as f64 / 1e6),
            Err(err) => {
                failed = true;
                println!("{:<60} failed: {err}", dir.display());
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn bench(args: &[&str]) -> ExitCode {
    use xtask::bench::{
        bench_specs, clean_build_time, families, measure_in_child, peer_installed, rebuild_time,
        rebuild_time_of_family, side_by_side,
    };
    let rebuild = !args.contains(&"--no-rebuild");
    let per_family = args.contains(&"--families");
    let instructions = args.contains(&"--instructions");
    let value_of = |flag: &str| args.iter().position(|a| *a == flag).and_then(|i| args.get(i + 1)).copied();
    let only = value_of("--only");
    let baseline = value_of("--baseline").map(PathBuf::from);
    let root = project_root();
    let scratch = std::env::temp_dir().join("clientgen-bench");
    let target = root.join("target/bench");
    let peers: Vec<&str> = ["progenitor", "openapi-generator"].into_iter().filter(|p| peer_installed(p)).collect();
    let ms = |d: std::time::Duration| format!("{:.1}", d.as_secs_f64() * 1000.0);
    println!(
        "{:<48} {:>8} {:>8} {:>8} {:>9} {:>8} {:>9} {:>10}",
        "spec", "parse ms", "lower ms", "print ms", "total ms", "lines", "peak MiB", "rebuild s"
    );
    let mut rows = Vec::new();
    let specs = match value_of("--spec") {
        Some(spec) => vec![PathBuf::from(spec)],
        None => bench_specs(&root),
    };
    for spec in specs.into_iter().filter(|s| only.is_none_or(|o| s.to_string_lossy().contains(o))) {
        let name = spec.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let out = scratch.join(&name);
        let _ = std::fs::remove_dir_all(&out);
        match measure_in_child(&spec, &out) {
            Ok(m) => {
                let rebuilt = if rebuild {
                    rebuild_time(&out, &target).map(|d| format!("{:.2}", d.as_secs_f64()))
                } else {
                    Ok("-".into())
                };
                let rebuilt = rebuilt.unwrap_or_else(|e| format!("failed: {e}"));
                println!(
                    "{:<48} {:>8} {:>8} {:>8} {:>9} {:>8} {:>9.1} {:>10}",
                    name,
                    ms(m.parse),
                    ms(m.lower),
                    ms(m.print),
                    ms(m.total()),
                    m.lines,
                    m.peak_kib as f64 / 1024.0,
                    rebuilt
                );
                // A crate split by family also builds with one family alone (Billing, where there is
                // one); for it, the clean build of the crate (dependencies built) too, both ways.
                let families = families(&out);
                let family = families.iter().find(|f| *f == "billing").or(families.first());
                if let (true, Some(family)) = (rebuild, family) {
                    let seconds = |d: Result<std::time::Duration, String>| {
                        d.map_or_else(|e| format!("failed: {e}"), |d| format!("{:.2}", d.as_secs_f64()))
                    };
                    let alone = ["--no-default-features", "--features", family.as_str()];
                    let rebuilt = seconds(rebuild_time_of_family(&out, &target, family));
                    println!("{:<48} {rebuilt:>75}", format!("  {name} --features {family} alone"));
                    let all = seconds(clean_build_time(&out, &target, &[], 3));
                    let one = seconds(clean_build_time(&out, &target, &alone, 3));
                    println!("  {name} clean build, dependencies built: all features {all} s, {family} alone {one} s");
                    if per_family {
                        println!("  {name} clean build of each family alone, dependencies built (one round each):");
                        for family in &families {
                            let alone = ["--no-default-features", "--features", family.as_str()];
                            println!("    {family:<28} {:>8} s", seconds(clean_build_time(&out, &target, &alone, 1)));
                        }
                    }
                }
                rows.push((spec, name, m));
            }
            Err(err) => println!("{name:<48} failed: {err}"),
        }
    }
    if let Some(baseline) = &baseline {
        println!("\nagainst the generator of {}, on the same specs, taking turns:", baseline.display());
        for (spec, name, _) in &rows {
            xtask::baseline::compare(spec, name, &root, baseline, &scratch, rebuild, instructions);
        }
    }
    if peers.is_empty() {
        println!("\npeers: none installed (`cargo install cargo-progenitor`, `pip install openapi-generator-cli`)");
        return ExitCode::SUCCESS;
    }
    println!("\nside by side on the same input, one after the other in this run: each generator as a command");
    println!("(ours: target/release/clientgen, built next to this xtask: `cargo build --release -p clientgen`),");
    println!("its wall time and peak memory, and its output's rebuild time (touch + cargo build, dependencies built):");
    for (spec, name, _) in &rows {
        side_by_side(spec, name, &peers, &scratch, &root, rebuild);
    }
    ExitCode::SUCCESS
}
