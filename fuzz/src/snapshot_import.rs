//! snapshot_import: any bytes as a snapshot. The first JSON value of the input is imported as
//! it is and wrapped in a valid envelope (`{"format": "orgkit-emulator", "version": 1,
//! "state": …}`, so the fuzzer reaches the state checks); the rest of the input drives the
//! emulator afterwards. An import is refused or accepted, never a panic; a refused import
//! keeps the state; an accepted one exports back the same JSON, breaks no invariant, and
//! survives 50 operations with the invariants holding after each.

use orgkit::emulator::{Emulator, SNAPSHOT_FORMAT, SNAPSHOT_VERSION};
use serde_json::{json, Value};

use crate::driver::{check_error, Driver};
use crate::input::Input;

/// Operations run on an accepted snapshot.
pub const STEPS_AFTER_IMPORT: usize = 50;

/// Imports `snapshot` into a fresh emulator and checks the outcome; operations come from `rest`.
fn import_and_drive(snapshot: &Value, rest: &[u8]) {
    let emulator = Emulator::new(1);
    let fresh = emulator.export();
    match emulator.import(snapshot) {
        Err(error) => {
            check_error(&error);
            assert!(
                error.code().starts_with("SNAPSHOT_"),
                "import refused with {}",
                error.code()
            );
            crate::assert_same_json(
                &emulator.export(),
                &fresh,
                "a refused import changed the state",
            );
            assert!(
                Emulator::from_snapshot(snapshot).is_err(),
                "import and from_snapshot disagree"
            );
        }
        Ok(()) => {
            let exported = emulator.export();
            let expected = with_exported_number_forms(snapshot, &exported);
            crate::assert_same_json(
                &exported,
                &expected,
                "an accepted snapshot exports differently",
            );
            let broken = emulator.check_invariants();
            assert!(
                broken.is_empty(),
                "an accepted snapshot breaks invariants: {broken:?}"
            );
            let mut driver = Driver::new(emulator);
            let mut input = Input::new(rest);
            for _ in 0..STEPS_AFTER_IMPORT {
                driver.step(&mut input);
            }
        }
    }
}

/// The target.
pub fn run(data: &[u8]) {
    let mut values = serde_json::Deserializer::from_slice(data).into_iter::<Value>();
    let Some(Ok(value)) = values.next() else {
        return;
    };
    let rest = &data[values.byte_offset()..];
    import_and_drive(&value, rest);
    // The same JSON as the state of a well-formed envelope, unless it is an envelope already.
    if value.get("format").is_none() {
        let wrapped = json!({
            "format": SNAPSHOT_FORMAT,
            "version": SNAPSHOT_VERSION,
            "state": value,
        });
        import_and_drive(&wrapped, rest);
    }
}

/// `snapshot` with each number that `exported` holds as the same value at the same place
/// replaced by the exported one. JSON numbers compare by value: `1488153600` and
/// `1488153600.0` are one number (a snapshot that went through `JSON.stringify` has the
/// first form), so "exports back identically" means identical up to how a number is written
/// (`regressions/snapshot_import/clock-integer`).
fn with_exported_number_forms(
    snapshot: &serde_json::Value,
    exported: &serde_json::Value,
) -> serde_json::Value {
    use serde_json::Value;
    match (snapshot, exported) {
        (Value::Number(a), Value::Number(b)) if a.as_f64() == b.as_f64() => exported.clone(),
        (Value::Object(a), Value::Object(b)) => Value::Object(
            a.iter()
                .map(|(key, value)| {
                    let value = match b.get(key) {
                        Some(other) => with_exported_number_forms(value, other),
                        None => value.clone(),
                    };
                    (key.clone(), value)
                })
                .collect(),
        ),
        (Value::Array(a), Value::Array(b)) => Value::Array(
            a.iter()
                .enumerate()
                .map(|(i, value)| match b.get(i) {
                    Some(other) => with_exported_number_forms(value, other),
                    None => value.clone(),
                })
                .collect(),
        ),
        _ => snapshot.clone(),
    }
}
