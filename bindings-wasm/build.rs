//! Exports the shadow stack pointer (`__stack_pointer`) of the WebAssembly module, so that the
//! JS wrapper (`js/guard.js`) can put it back after a trap: the release build aborts on a
//! panic, and a trap leaves the pointer wherever the interrupted Rust frames had moved it.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg-cdylib=--export=__stack_pointer");
    }
}
