//! The generator never panics and never emits code that does not parse, whatever spec it is
//! given: a short run of the mutation fuzzer (`cargo xtask fuzz` runs as many as you like).

use xtask::fuzz::{fuzz, seeds};
use xtask::project_root;

#[test]
fn mutated_specs_never_panic_the_generator() {
    let root = project_root();
    let seeds = seeds(&root).unwrap();
    assert!(seeds.len() >= 8, "the repository's specs and fixtures are the seeds");
    let scratch = std::env::temp_dir().join(format!("clientgen-fuzz-{}", std::process::id()));
    let report = fuzz(&seeds, 300, 42, &scratch).unwrap();
    assert_eq!(report.inputs, 300);
    assert!(report.generated > 0 && report.refused > 0, "the mutations reach both outcomes: {report:?}");
    assert!(report.failures.is_empty(), "{:#?}", report.failures);
    let _ = std::fs::remove_dir_all(&scratch);
}
