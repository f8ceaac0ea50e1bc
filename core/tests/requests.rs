//! Runs the shared request-validation vectors (`tests/vectors/requests/*.json`): every case's
//! issues must be exactly the expected (path, code) list, in order.

use serde_json::Value;

/// Expands the vectors' `{"$repeat": CHAR, "$times": N}` shorthand for long strings.
fn expand(value: Value) -> Value {
    match value {
        Value::Object(map) if map.contains_key("$repeat") => {
            let text = map["$repeat"].as_str().expect("$repeat text");
            let times = map["$times"].as_u64().expect("$times count") as usize;
            Value::String(text.repeat(times))
        }
        Value::Object(map) => Value::Object(map.into_iter().map(|(k, v)| (k, expand(v))).collect()),
        Value::Array(items) => Value::Array(items.into_iter().map(expand).collect()),
        other => other,
    }
}

#[test]
fn request_vectors() {
    let mut total = 0;
    let mut operations = std::collections::BTreeSet::new();
    for service in ["organizations", "account", "chime"] {
        let path = format!(
            "{}/../tests/vectors/requests/{service}.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let document: Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        for case in document["cases"].as_array().unwrap() {
            let operation = case["operation"].as_str().unwrap();
            let params = expand(case["params"].clone());
            let expected: Vec<(String, String)> = case["issues"]
                .as_array()
                .unwrap()
                .iter()
                .map(|pair| {
                    (
                        pair[0].as_str().unwrap().to_owned(),
                        pair[1].as_str().unwrap().to_owned(),
                    )
                })
                .collect();
            let issues = orgkit::validate::validate_request(orgkit::Edition::Original, service, operation, &params).unwrap();
            let got: Vec<(String, String)> = issues
                .iter()
                .map(|i| (i.path.clone(), i.code.as_str().to_owned()))
                .collect();
            assert_eq!(
                got, expected,
                "{service} {operation}: {} — {params}",
                case["note"]
            );
            for issue in &issues {
                assert!(!issue.message.is_empty());
            }
            operations.insert((service, operation.to_owned()));
            total += 1;
        }
    }
    assert!(total >= 400, "{total} vectors");
    assert_eq!(operations.len(), 46, "every operation has vectors");
}
