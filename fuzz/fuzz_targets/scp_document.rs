#![no_main]
//! cargo-fuzz entry point; the checks live in `orgkit_fuzz::scp_document`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| orgkit_fuzz::scp_document::run(data));
