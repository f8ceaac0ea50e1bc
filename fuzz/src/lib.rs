//! The bodies of orgkit's fuzz targets, as plain functions: `fuzz_targets/*.rs` hand them
//! libFuzzer's inputs, and `tests/regressions.rs` runs them on every file of `corpus/` and
//! `regressions/` without libFuzzer. Each `run` panics when a property fails; a refused input
//! (text that is not JSON, a snapshot that is not one) simply returns.

pub mod driver;
pub mod emulator_ops;
pub mod ids_arns;
pub mod input;
pub mod known;
pub mod oracle;
pub mod snapshot_import;
pub mod validate_request;

/// The targets by name, for the regression test and the seed generator.
pub const TARGETS: &[(&str, fn(&[u8]))] = &[
    ("ids_arns", ids_arns::run),
    ("validate_request", validate_request::run),
    ("snapshot_import", snapshot_import::run),
    ("emulator_ops", emulator_ops::run),
];
