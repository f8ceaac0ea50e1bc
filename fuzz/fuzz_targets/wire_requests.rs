#![no_main]
//! cargo-fuzz entry point; the checks live in `orgkit_fuzz::wire_requests`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| orgkit_fuzz::wire_requests::run(data));
