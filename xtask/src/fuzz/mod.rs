//! A mutation fuzzer for the generator: seed documents (every operation of every spec and
//! fixture of the repository, see [`seeds`]) are mutated with changes that know what they touch
//! ([`mutate`]) and generated in process; generation may refuse a spec, but must never panic, and
//! must never produce code that does not parse ("internal error").
//!
//! Deterministic: input `i` of seed `s` is the same document on any machine and thread, so a
//! failure can be replayed.

mod mutate;
mod seeds;

pub use seeds::seeds;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use clientgen::{CrateOptions, RuntimeDependency};
use serde_json::Value;

/// What a run found.
#[derive(Debug, Default)]
pub struct FuzzReport {
    pub inputs: usize,
    /// Inputs the generator turned into a crate.
    pub generated: usize,
    /// Inputs it refused with a spec error.
    pub refused: usize,
    /// Inputs that made it panic or emit code that does not parse: (input file, what happened).
    pub failures: Vec<(PathBuf, String)>,
}

/// A small xorshift generator: reproducible without a dependency.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// A distinct, reproducible stream for input `index` of a run (splitmix64 of the two), so an
/// input is the same whichever thread takes it, and can be replayed alone.
fn input_rng(seed: u64, index: u64) -> Rng {
    let mut z = seed.wrapping_add(index.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    Rng((z ^ (z >> 31)).max(1))
}

/// The mutated document of input `index`.
pub fn input(seeds: &[Value], seed: u64, index: u64) -> Value {
    let mut rng = input_rng(seed, index);
    let mut doc = seeds[rng.below(seeds.len())].clone();
    for _ in 0..1 + rng.below(4) {
        mutate::mutate(&mut doc, &mut rng);
    }
    doc
}

/// Runs `inputs` mutated specs in process, on every core; an input that fails is written under
/// `scratch` so it can be replayed with `clientgen generate`.
pub fn fuzz(seeds: &[Value], inputs: usize, seed: u64, scratch: &Path) -> Result<FuzzReport, String> {
    if seeds.is_empty() {
        return Err("no seed documents".into());
    }
    let options = CrateOptions {
        package_name: "fuzzed".into(),
        version: "0.1.0".into(),
        runtime: RuntimeDependency::Version("0.1".into()),
        preamble: "fuzzed".into(),
        spec_display: "fuzzed".into(),
    };
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(inputs.max(1));
    // Panics are expected to be found and reported here, not printed as they happen.
    let quiet = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let parts: Vec<FuzzReport> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|worker| {
                let options = &options;
                scope.spawn(move || {
                    let mut report = FuzzReport::default();
                    for index in (worker..inputs).step_by(workers) {
                        run_one(seeds, seed, index as u64, options, scratch, &mut report);
                    }
                    report
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or_default()).collect()
    });
    std::panic::set_hook(quiet);
    let mut report = FuzzReport::default();
    for part in parts {
        report.inputs += part.inputs;
        report.generated += part.generated;
        report.refused += part.refused;
        report.failures.extend(part.failures);
    }
    report.failures.sort();
    Ok(report)
}

fn run_one(seeds: &[Value], seed: u64, index: u64, options: &CrateOptions, scratch: &Path, report: &mut FuzzReport) {
    let doc = input(seeds, seed, index);
    let text = doc.to_string();
    let name = PathBuf::from(format!("input-{seed}-{index}.json"));
    report.inputs += 1;
    let failure = match catch_unwind(AssertUnwindSafe(|| clientgen::generate_text(&name, &text, options))) {
        Ok(Ok(_)) => {
            report.generated += 1;
            None
        }
        Ok(Err(err)) if err.message.starts_with("internal error") => Some(err.to_string()),
        Ok(Err(_)) => {
            report.refused += 1;
            None
        }
        Err(panic) => {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default();
            Some(format!("panic: {message}"))
        }
    };
    if let Some(what) = failure {
        let file = scratch.join(&name);
        let kept = std::fs::create_dir_all(scratch).and_then(|()| std::fs::write(&file, &text));
        let what = match kept {
            Ok(()) => what,
            Err(err) => format!("{what} (the input could not be kept: {err})"),
        };
        report.failures.push((file, what));
    }
}
