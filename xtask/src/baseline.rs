//! `cargo xtask bench --baseline DIR`: this checkout's generator against another revision's, on
//! the same specs in the same run, so that what a change costs shows as a ratio rather than as
//! two numbers from two noisy afternoons.
//!
//! DIR is a checkout of the other revision with its release generator built (`git worktree add
//! DIR REV`, then `cargo build --release -p clientgen` in DIR); its crates use DIR's runtime and
//! lock file. Both generators run as commands, taking turns, and the two crates rebuild taking
//! turns too: a busy spell of the machine falls on both sides.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::bench::{clientgen_command, rebuild_times, run_command, Run};
use crate::instructions::rebuild_instructions;

/// Codegen runs per side; the best and the median are printed.
const RUNS: usize = 10;

/// One generator: its binary and the checkout whose runtime its crates use.
struct Side {
    label: &'static str,
    checkout: PathBuf,
    exe: PathBuf,
}

impl Side {
    fn new(label: &'static str, checkout: &Path) -> Result<Self, String> {
        let exe = checkout.join("target/release/clientgen");
        if !exe.is_file() {
            return Err(format!(
                "{} is not built: run `cargo build --release -p clientgen` in {}",
                exe.display(),
                checkout.display()
            ));
        }
        Ok(Self { label, checkout: checkout.to_owned(), exe })
    }

    fn generate(&self, spec: &Path, out: &Path) -> Result<Run, String> {
        let _ = std::fs::remove_dir_all(out);
        let mut command = clientgen_command(&self.exe, &self.checkout, spec, out);
        run_command(&mut command).map_err(|err| format!("{}: {err}", self.label))
    }
}

/// Prints, for `spec`, both generators' codegen time (best and median of [`RUNS`]), peak memory
/// and lines, with `rebuild` their crates' rebuild time, and with `instructions` rustc's
/// instructions for that rebuild ([`rebuild_instructions`]), with the ratios ours / baseline.
pub fn compare(
    spec: &Path,
    name: &str,
    root: &Path,
    baseline: &Path,
    scratch: &Path,
    rebuild: bool,
    instructions: bool,
) {
    let sides = match (Side::new("ours", root), Side::new("baseline", baseline)) {
        (Ok(ours), Ok(theirs)) => [ours, theirs],
        (Err(err), _) | (_, Err(err)) => return println!("  {name}: {err}"),
    };
    let outs: Vec<PathBuf> = sides.iter().map(|side| scratch.join(format!("{name}-{}", side.label))).collect();
    let mut runs: [Vec<Run>; 2] = [Vec::new(), Vec::new()];
    for _ in 0..RUNS {
        for (i, side) in sides.iter().enumerate() {
            match side.generate(spec, &outs[i]) {
                Ok(run) => runs[i].push(run),
                Err(err) => return println!("  {name}: {err}"),
            }
        }
    }
    for (side, out) in sides.iter().zip(&outs) {
        // Each crate builds with the dependency versions of its own checkout.
        let _ = std::fs::copy(side.checkout.join("Cargo.lock"), out.join("Cargo.lock"));
    }
    let target = root.join("target/bench-baseline");
    let rebuilt = if rebuild { rebuild_times(&outs, &target) } else { Vec::new() };
    let summary: Vec<Summary> = (0..2).map(|i| Summary::of(&runs[i], &outs[i], rebuilt.get(i))).collect();
    for (side, s) in sides.iter().zip(&summary) {
        println!(
            "  {name:<30} {:<9} {:>8.1} ms best {:>8.1} ms median {:>7.1} MiB {:>7} lines{}",
            side.label,
            ms(s.best),
            ms(s.median),
            s.peak_kib as f64 / 1024.0,
            s.lines,
            s.rebuild.as_ref().map_or(String::new(), |r| match r {
                Ok(t) => format!(" {:>6.3} s rebuild", t.as_secs_f64()),
                Err(err) => format!(" rebuild failed: {err}"),
            }),
        );
    }
    let (a, b) = (&summary[0], &summary[1]);
    let mut ratios = format!(
        "  {name:<30} ours/baseline: codegen best {:.3}, median {:.3}, memory {:.3}",
        ms(a.best) / ms(b.best),
        ms(a.median) / ms(b.median),
        a.peak_kib as f64 / b.peak_kib.max(1) as f64
    );
    if let (Some(Ok(x)), Some(Ok(y))) = (&a.rebuild, &b.rebuild) {
        ratios.push_str(&format!(", rebuild {:.3}", x.as_secs_f64() / y.as_secs_f64()));
    }
    println!("{ratios}");
    if instructions {
        let counts: Vec<Result<u64, String>> = sides
            .iter()
            .zip(&outs)
            .map(|(side, out)| {
                rebuild_instructions(out, &target, &target.join(format!("cachegrind-{}.out", side.label)))
            })
            .collect();
        let mut line = format!("  {name:<30} rustc instructions of a rebuild (cachegrind):");
        for (side, count) in sides.iter().zip(&counts) {
            match count {
                Ok(count) => line.push_str(&format!(" {} {:.0} M,", side.label, *count as f64 / 1e6)),
                Err(err) => line.push_str(&format!(" {} failed: {err},", side.label)),
            }
        }
        if let [Ok(ours), Ok(theirs)] = counts.as_slice() {
            line.push_str(&format!(" ours/baseline {:.4}", *ours as f64 / *theirs as f64));
        }
        println!("{}", line.trim_end_matches(','));
    }
}

/// What one side measured on one spec.
struct Summary {
    best: Duration,
    median: Duration,
    peak_kib: u64,
    lines: usize,
    rebuild: Option<Result<Duration, String>>,
}

impl Summary {
    fn of(runs: &[Run], out: &Path, rebuild: Option<&Result<Duration, String>>) -> Self {
        let mut walls: Vec<Duration> = runs.iter().map(|r| r.wall).collect();
        walls.sort();
        Self {
            best: walls.first().copied().unwrap_or_default(),
            median: walls.get(walls.len() / 2).copied().unwrap_or_default(),
            peak_kib: runs.iter().map(|r| r.peak_kib).max().unwrap_or(0),
            lines: lines_in(&out.join("src")),
            rebuild: rebuild.cloned(),
        }
    }
}

fn lines_in(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    entries
        .filter_map(|e| e.ok())
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .map(|text| text.lines().count())
        .sum()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
