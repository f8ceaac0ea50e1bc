//! What the emulator test crates share: the authorization matrix's fixture
//! (`tests/vectors/authz.json`) and the `{name}` placeholders its steps and cases use.

use std::collections::BTreeMap;

use orgkit::emulator::Emulator;
use serde_json::Value;

/// `value` with every `{name}` in its strings replaced by `vars[name]`.
pub fn substitute(value: &Value, vars: &BTreeMap<String, String>) -> Value {
    match value {
        Value::String(text) => {
            let mut out = text.clone();
            for (name, replacement) in vars {
                out = out.replace(&format!("{{{name}}}"), replacement);
            }
            Value::String(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(|v| substitute(v, vars)).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), substitute(v, vars)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// Runs the fixture of the authorization vectors (an organization with an invited member, an
/// OU, a created account, two SCPs, an open invitation, alternate contacts and a Chime
/// account) on a fresh emulator; the names it saved, with the roles' account IDs.
pub fn run_fixture(vectors: &Value) -> (Emulator, BTreeMap<String, String>) {
    let emulator = Emulator::new(42);
    let mut vars: BTreeMap<String, String> = vectors["roles"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(role, id)| (role.clone(), id.as_str().unwrap().to_owned()))
        .collect();
    for step in vectors["fixture"].as_array().unwrap() {
        if let Some(seconds) = step.get("advance") {
            emulator.advance(seconds.as_f64().unwrap()).unwrap();
            continue;
        }
        let caller = vars[step["as"].as_str().unwrap()].clone();
        let input = substitute(&step["input"], &vars);
        let operation = step["operation"].as_str().unwrap();
        let output = emulator
            .call(
                step["service"].as_str().unwrap(),
                operation,
                &caller,
                &input,
            )
            .unwrap_or_else(|err| panic!("fixture step {operation}: {err}"));
        if let Some(save) = step.get("save").and_then(Value::as_object) {
            for (name, pointer) in save {
                let value = output.pointer(pointer.as_str().unwrap()).unwrap();
                vars.insert(name.clone(), value.as_str().unwrap().to_owned());
            }
        }
    }
    (emulator, vars)
}
