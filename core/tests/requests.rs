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

fn pairs(issues: &Value) -> Vec<(String, String)> {
    issues
        .as_array()
        .expect("a list of [path, code]")
        .iter()
        .map(|pair| {
            (
                pair[0].as_str().unwrap().to_owned(),
                pair[1].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn load(relative: &str) -> Value {
    let path = format!("{}/../tests/vectors/{relative}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}")))
        .unwrap()
}

/// Runs one edition's vector files; returns (cases, operations covered).
fn run_edition(edition: orgkit::Edition, directory: &str) -> (usize, usize) {
    let mut total = 0;
    let mut operations = std::collections::BTreeSet::new();
    for service in ["organizations", "account", "chime"] {
        let document = load(&format!("{directory}{service}.json"));
        if let Some(stated) = document.get("edition") {
            assert_eq!(stated, edition.name(), "{directory}{service}.json");
        }
        for case in document["cases"].as_array().unwrap() {
            let operation = case["operation"].as_str().unwrap();
            let params = expand(case["params"].clone());
            let expected = pairs(&case["issues"]);
            let issues =
                orgkit::validate::validate_request(edition, service, operation, &params).unwrap();
            let got: Vec<(String, String)> = issues
                .iter()
                .map(|i| (i.path.clone(), i.code.as_str().to_owned()))
                .collect();
            assert_eq!(
                got, expected,
                "{edition} {service} {operation}: {} — {params}",
                case["note"]
            );
            for issue in &issues {
                assert!(!issue.message.is_empty());
            }
            operations.insert((service, operation.to_owned()));
            total += 1;
        }
    }
    (total, operations.len())
}

#[test]
fn request_vectors() {
    let (total, operations) = run_edition(orgkit::Edition::Original, "requests/");
    assert!(total >= 400, "{total} vectors");
    assert_eq!(operations, 46, "every operation has vectors");
}

#[test]
fn current_edition_request_vectors() {
    let (total, operations) = run_edition(orgkit::Edition::Current, "requests/current/");
    assert!(total >= 700, "{total} vectors");
    assert_eq!(operations, 63 + 16 + 4, "every operation has vectors");
}

#[test]
fn cross_edition_vectors() {
    let document = load("requests/cross_edition.json");
    let cases = document["cases"].as_array().unwrap();
    assert!(cases.len() >= 10, "{} cross-edition cases", cases.len());
    for case in cases {
        let service = case["service"].as_str().unwrap();
        let operation = case["operation"].as_str().unwrap();
        let params = expand(case["params"].clone());
        for edition in orgkit::Edition::ALL {
            let expected = &case["expected"][edition.name()];
            let outcome = orgkit::validate::validate_request(*edition, service, operation, &params);
            match (expected.as_str(), outcome) {
                (Some("UNKNOWN_OPERATION"), Err(err)) => {
                    assert!(err.to_string().contains(edition.description()), "{err}")
                }
                (Some(other), _) => panic!("unexpected expectation {other}"),
                (None, Ok(issues)) => {
                    let got: Vec<(String, String)> = issues
                        .iter()
                        .map(|i| (i.path.clone(), i.code.as_str().to_owned()))
                        .collect();
                    assert_eq!(
                        got,
                        pairs(expected),
                        "{edition} {operation}: {}",
                        case["note"]
                    );
                }
                (None, Err(err)) => panic!("{edition} {operation}: {err}"),
            }
        }
    }
}
