//! Runs one target on input files without libFuzzer, e.g. to reproduce a crash with a plain
//! backtrace: `cargo run --example run_input -- emulator_ops regressions/emulator_ops/x`.
//! Set `ORGKIT_FUZZ_INCLUDE_KNOWN=1` to run into the known crashes (see `src/known.rs`).

fn main() {
    let mut args = std::env::args().skip(1);
    let name = args.next().expect("usage: run_input <target> <file>...");
    let (_, target) = orgkit_fuzz::TARGETS
        .iter()
        .find(|(n, _)| *n == name)
        .unwrap_or_else(|| panic!("no target {name}"));
    for path in args {
        let data = std::fs::read(&path).unwrap_or_else(|err| panic!("{path}: {err}"));
        target(&data);
        println!("{path}: passed");
    }
}
