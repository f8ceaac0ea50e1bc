//! Runs every target on every file of `corpus/<target>/` and `regressions/<target>/` — the
//! seeds and the crashes the fuzzers found — without libFuzzer: `cargo test` in `fuzz/`.
//!
//! Regressions run with the known-crash workarounds off (`orgkit_fuzz::known`). A crash that
//! core has not fixed yet is listed in `regressions/KNOWN_FAILURES` (`<target>/<file>` per
//! line): it may still fail, and the test says so; any other failure fails the test.

use std::path::Path;

fn inputs(dir: &Path) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<_> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && !p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect();
    paths.sort();
    paths
}

fn passes(target: fn(&[u8]), path: &Path) -> bool {
    let data = std::fs::read(path).expect("readable input");
    std::panic::catch_unwind(|| target(&data)).is_ok()
}

#[test]
fn every_corpus_and_regression_input_passes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let known_text =
        std::fs::read_to_string(root.join("regressions/KNOWN_FAILURES")).unwrap_or_default();
    let known: Vec<&str> = known_text
        .lines()
        .map(|line| line.split('#').next().unwrap().trim())
        .filter(|line| !line.is_empty())
        .collect();
    let (mut ran, mut failed, mut still_known, mut stale) = (0, Vec::new(), Vec::new(), Vec::new());
    for (name, target) in orgkit_fuzz::TARGETS {
        orgkit_fuzz::known::set_excluded(true);
        for path in inputs(&root.join("corpus").join(name)) {
            ran += 1;
            if !passes(*target, &path) {
                failed.push(path.display().to_string());
            }
        }
        orgkit_fuzz::known::set_excluded(false);
        for path in inputs(&root.join("regressions").join(name)) {
            ran += 1;
            let listed = format!("{name}/{}", path.file_name().unwrap().to_string_lossy());
            match (passes(*target, &path), known.contains(&listed.as_str())) {
                (true, true) => stale.push(listed),
                (true, false) => {}
                (false, true) => still_known.push(listed),
                (false, false) => failed.push(path.display().to_string()),
            }
        }
    }
    orgkit_fuzz::known::set_excluded(true);
    eprintln!("{ran} inputs run; known crashes not fixed yet: {still_known:?}");
    assert!(ran > 0, "no inputs found");
    assert!(failed.is_empty(), "failing inputs: {failed:#?}");
    assert!(
        stale.is_empty(),
        "these pass now, remove them from KNOWN_FAILURES (and their workarounds): {stale:#?}"
    );
}
