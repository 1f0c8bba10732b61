//! The runtime's parsers of what servers send never panic: a short run of the parser fuzzer
//! (`cargo xtask fuzz --runtime` runs a million inputs, or as many as you like).

use clientgen_tests::fuzz_runtime::fuzz_runtime;

#[test]
fn mutated_server_answers_never_panic_the_runtime() {
    let report = fuzz_runtime(20_000, 7);
    assert_eq!(report.inputs, [4_000; 5], "every parser gets its share");
    assert!(report.failures.is_empty(), "{:#?}", &report.failures[..report.failures.len().min(10)]);
}
