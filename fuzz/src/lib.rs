//! The bodies of orgkit's fuzz targets, as plain functions: `fuzz_targets/*.rs` hand them
//! libFuzzer's inputs, and `tests/regressions.rs` runs them on every file of `corpus/` and
//! `regressions/` without libFuzzer. Each `run` panics when a property fails; a refused input
//! (text that is not JSON, a snapshot that is not one) simply returns.

pub mod driver;
pub mod emulator_ops;
pub mod ids_arns;
pub mod input;
pub mod known;
pub mod oracle;
pub mod scp_document;
pub mod snapshot_import;
pub mod validate_request;
pub mod wire_requests;

/// The targets by name, for the regression test and the seed generator.
pub const TARGETS: &[(&str, fn(&[u8]))] = &[
    ("ids_arns", ids_arns::run),
    ("validate_request", validate_request::run),
    ("snapshot_import", snapshot_import::run),
    ("emulator_ops", emulator_ops::run),
    ("scp_document", scp_document::run),
    ("wire_requests", wire_requests::run),
];

/// Where two JSON values first differ (`None` when they are equal), for assertion messages
/// that name the difference instead of printing two whole snapshots.
pub fn first_difference(a: &serde_json::Value, b: &serde_json::Value) -> Option<String> {
    use serde_json::Value;
    if a == b {
        return None;
    }
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let only_in_y = y.keys().filter(|key| !x.contains_key(*key));
            for key in x.keys().chain(only_in_y) {
                match (x.get(key), y.get(key)) {
                    (Some(p), Some(q)) => {
                        if let Some(inner) = first_difference(p, q) {
                            return Some(format!(".{key}{inner}"));
                        }
                    }
                    (p, q) => {
                        return Some(format!(".{key}: {} vs {}", shown(p), shown(q)));
                    }
                }
            }
            Some(": the values differ".to_owned())
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (p, q))| first_difference(p, q).map(|inner| format!("[{i}]{inner}"))),
        _ => Some(format!(": {} vs {}", shown(Some(a)), shown(Some(b)))),
    }
}

fn shown(value: Option<&serde_json::Value>) -> String {
    match value {
        None => "(absent)".to_owned(),
        Some(value) => {
            let text = value.to_string();
            match text.char_indices().nth(120) {
                Some((cut, _)) => format!("{}…", &text[..cut]),
                None => text,
            }
        }
    }
}

/// Panics with `what` and the first difference when `actual` is not `expected`.
#[track_caller]
pub fn assert_same_json(actual: &serde_json::Value, expected: &serde_json::Value, what: &str) {
    if let Some(difference) = first_difference(actual, expected) {
        panic!("{what}: at {difference}");
    }
}
