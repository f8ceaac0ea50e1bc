#![no_main]
//! cargo-fuzz entry point; the checks live in `orgkit_fuzz::snapshot_import`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| orgkit_fuzz::snapshot_import::run(data));
