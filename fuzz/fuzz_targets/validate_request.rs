#![no_main]
//! cargo-fuzz entry point; the checks live in `orgkit_fuzz::validate_request`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| orgkit_fuzz::validate_request::run(data));
