//! rustc's instruction count for a touched rebuild of a generated crate (`bench --baseline DIR
//! --instructions`), by valgrind's cachegrind. The count repeats to the million from run to run,
//! where the wall time of one rebuild swings by several percent on a busy machine, so a change
//! of 1% shows.
//!
//! xtask is its own `RUSTC_WRAPPER`: cargo runs it with the rustc command line, and it runs that
//! under cachegrind when it compiles the crate being measured, and as it is otherwise.

use std::path::Path;
use std::process::{Command, ExitCode};

use crate::bench::{cargo_build_command, package_name, run_command, touch_lib};

/// The crate (rustc's `--crate-name`) the wrapper measures, and where cachegrind writes.
const CRATE_VAR: &str = "XTASK_CACHEGRIND_CRATE";
const OUT_VAR: &str = "XTASK_CACHEGRIND_OUT";

/// When this process is cargo's `RUSTC_WRAPPER` (set by [`rebuild_instructions`]), runs the rustc
/// command in `args` (the rustc path first) and returns its exit code; `None` otherwise.
pub fn run_as_rustc_wrapper(args: &[String]) -> Option<ExitCode> {
    let measured = std::env::var(CRATE_VAR).ok()?;
    let (rustc, rest) = args.split_first()?;
    let mut command = match std::env::var(OUT_VAR) {
        Ok(out) if rest.windows(2).any(|pair| pair[0] == "--crate-name" && pair[1] == measured) => {
            let mut valgrind = Command::new("valgrind");
            // valgrind's own messages go to /dev/null: cargo reads rustc's stderr as diagnostics.
            valgrind.args(["--tool=cachegrind", "--cache-sim=no", "--log-file=/dev/null"]);
            valgrind.arg(format!("--cachegrind-out-file={out}")).arg(rustc);
            valgrind
        }
        _ => Command::new(rustc),
    };
    let status = command.args(rest).status();
    Some(match status {
        Ok(status) => ExitCode::from(status.code().map_or(1, |code| code.clamp(0, 255) as u8)),
        Err(err) => {
            eprintln!("xtask as RUSTC_WRAPPER cannot run {rustc}: {err}");
            ExitCode::FAILURE
        }
    })
}

/// rustc's instructions for touch + `cargo build` of the crate in `crate_dir`, its dependencies
/// built. Two rebuilds run under the wrapper and the second is counted: the wrapper is part of
/// cargo's fingerprint, so the first one after an unwrapped build compiles the crate afresh.
pub fn rebuild_instructions(crate_dir: &Path, target: &Path, out: &Path) -> Result<u64, String> {
    let valgrind = Command::new("valgrind").arg("--version").output();
    if !valgrind.is_ok_and(|o| o.status.success()) {
        return Err("valgrind is not installed".to_owned());
    }
    let crate_name = package_name(crate_dir)?.replace('-', "_");
    let wrapper = std::env::current_exe().map_err(|e| e.to_string())?;
    for _ in 0..2 {
        let _ = std::fs::remove_file(out);
        touch_lib(crate_dir)?;
        let mut build = cargo_build_command(crate_dir, target, &[]);
        build.env("RUSTC_WRAPPER", &wrapper).env(CRATE_VAR, &crate_name).env(OUT_VAR, out);
        run_command(&mut build).map_err(|err| format!("cargo build of {}: {err}", crate_dir.display()))?;
    }
    let text = std::fs::read_to_string(out).map_err(|e| format!("no cachegrind output in {}: {e}", out.display()))?;
    total_instructions(&text).ok_or_else(|| format!("{} has no `summary:` line", out.display()))
}

/// The program's total from a cachegrind output file (its `summary: N` line).
fn total_instructions(cachegrind_out: &str) -> Option<u64> {
    cachegrind_out.lines().find_map(|line| line.strip_prefix("summary:")?.trim().parse().ok())
}

#[cfg(test)]
mod tests {
    use super::total_instructions;

    #[test]
    fn reads_the_summary_line() {
        let out =
            "desc: I1 cache: none\ncmd: rustc --crate-name zoom\nevents: Ir\nfl=???\n12 34\nsummary: 2358123456\n";
        assert_eq!(total_instructions(out), Some(2_358_123_456));
        assert_eq!(total_instructions("events: Ir\n"), None);
        assert_eq!(total_instructions("summary: lots\n"), None);
    }
}
