#![no_main]
//! cargo-fuzz entry point; the checks live in `orgkit_fuzz::emulator_ops`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| orgkit_fuzz::emulator_ops::run(data));
