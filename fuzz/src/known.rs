//! Crashes the fuzzers found in core code that are not fixed yet. While one is open, a target
//! may step around the situation that triggers it (test `excluded()` there), so fuzzing goes
//! on finding new ones; its minimized input stays in `regressions/<target>/`, listed in
//! `regressions/KNOWN_FAILURES`, and the regression test runs it with the workarounds off.
//! `ORGKIT_FUZZ_INCLUDE_KNOWN=1` turns the workarounds off in the fuzzers too (to reproduce or
//! minimize a known crash). Remove a workaround, and the KNOWN_FAILURES line, once core fixes
//! the crash.
//!
//! Fixed in core, workarounds removed (the inputs stay as regressions):
//! `emulator_ops/email-index-first-call` (d966bac), `ids_arns/generic-arn-partition` and
//! `snapshot_import/handshake-unknown-member` (8beba0e), `snapshot_import/envelope-unknown-member`
//! (16bf865).

use std::sync::atomic::{AtomicU8, Ordering};

/// 0: not decided yet, 1: step around known crashes, 2: run into them.
static MODE: AtomicU8 = AtomicU8::new(0);

/// Whether the targets step around the known crashes.
pub fn excluded() -> bool {
    match MODE.load(Ordering::Relaxed) {
        0 => {
            let include = std::env::var_os("ORGKIT_FUZZ_INCLUDE_KNOWN").is_some_and(|v| v != "0");
            MODE.store(if include { 2 } else { 1 }, Ordering::Relaxed);
            !include
        }
        mode => mode == 1,
    }
}

/// Steps around the known crashes (`true`) or runs into them (`false`).
pub fn set_excluded(excluded: bool) {
    MODE.store(if excluded { 1 } else { 2 }, Ordering::Relaxed);
}
