#![no_main]
//! cargo-fuzz entry point; the checks live in `orgkit_fuzz::ids_arns`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| orgkit_fuzz::ids_arns::run(data));
