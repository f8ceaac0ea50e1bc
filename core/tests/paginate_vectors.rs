//! The shared paginator vectors (`tests/vectors/paginate.json`): every walk, driven through
//! `PageWalk::receive_page` over the case's fake responses, makes the expected requests, keeps
//! the expected items, and ends with the expected resume token or error code.

use orgkit::paginate::{PageWalk, PaginationConfig};
use serde_json::{json, Value};

fn vectors() -> Vec<Value> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/vectors/paginate.json"
    );
    let text = std::fs::read_to_string(path).expect("paginate.json");
    let document: Value = serde_json::from_str(&text).expect("JSON");
    document["cases"].as_array().expect("cases").clone()
}

/// What a walk did, in the vectors' form.
fn walk(case: &Value) -> Value {
    let config = &case["config"];
    let config = PaginationConfig {
        max_items: config["max_items"].as_u64().map(|n| n as usize),
        page_size: config["page_size"].as_u64(),
        starting_token: config["starting_token"].as_str().map(str::to_owned),
    };
    let service = case["service"].as_str().unwrap();
    let operation = case["operation"].as_str().unwrap();
    let (mut requests, mut pages) = (Vec::new(), Vec::new());
    let mut walk = match PageWalk::new(orgkit::Edition::Original, service, operation, config) {
        Ok(walk) => walk,
        Err(err) => return json!({"error": err.code(), "requests": [], "pages": []}),
    };
    let result_key = walk.spec().result_key;
    let mut error = None;
    while let Some(patch) = walk.next_request() {
        requests.push(json!([patch.token, patch.limit]));
        let response = &case["responses"][patch.token.as_deref().unwrap_or("")];
        match walk.receive_page(response) {
            Ok(keep) => {
                let items = response[result_key].as_array().cloned().unwrap_or_default();
                pages.push(Value::Array(items[keep].to_vec()));
            }
            Err(err) => {
                error = Some(err.code());
                break;
            }
        }
    }
    let mut outcome = json!({"requests": requests, "pages": pages});
    if let Some(token) = walk.resume_token() {
        outcome["resume_token"] = json!(token);
    }
    if let Some(code) = error {
        outcome["error"] = json!(code);
    }
    outcome
}

#[test]
fn every_paginator_vector_walks_as_expected() {
    let cases = vectors();
    assert!(cases.len() >= 30);
    for case in &cases {
        assert_eq!(walk(case), case["expect"], "{}", case["name"]);
    }
}

#[test]
fn malformed_pages_say_what_they_hold() {
    let walk_of_roots = || {
        let mut walk = PageWalk::new(
            orgkit::Edition::Original,
            "organizations",
            "ListRoots",
            PaginationConfig::default(),
        )
        .unwrap();
        walk.next_request().unwrap();
        walk
    };
    let mut walk = walk_of_roots();
    let err = walk.receive_page(&json!({"Roots": "r-1"})).unwrap_err();
    assert_eq!(
        err.to_string(),
        "a ListRoots page has Roots of type string, not a list"
    );
    assert!(
        walk.next_request().is_none(),
        "a rejected page ends the walk"
    );
    let err = walk_of_roots()
        .receive_page(&json!({"Roots": [], "NextToken": 7}))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "a ListRoots page has NextToken of type integer, not a string"
    );
    let err = walk_of_roots().receive_page(&json!([1])).unwrap_err();
    assert_eq!(
        err.to_string(),
        "a ListRoots page is of type list, not a structure"
    );
}

#[test]
fn host_numbers_are_whole_counts_or_refused() {
    let counts = [
        Some(0.0),
        Some(20.0),
        None,
        Some(-1.0),
        Some(1.5),
        Some(f64::NAN),
        Some(1e300),
    ];
    let accepted: Vec<bool> = counts
        .iter()
        .map(|n| PaginationConfig::count_from_number("maxItems", *n).is_ok())
        .collect();
    assert_eq!(accepted, [true, true, true, false, false, false, false]);
}
