//! `tests/vectors/catalogue.json` is the core's catalogue as data, for the binding suites to
//! compare their exported lists with. This test keeps the file equal to the core.

use orgkit::paginate::PaginationError;
use orgkit::{ErrorCode, ValueKind};

#[test]
fn catalogue_file_matches_core() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/vectors/catalogue.json"
    );
    let text = std::fs::read_to_string(path).expect("catalogue.json");
    let file: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let codes: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
    let kinds: Vec<&str> = ValueKind::ALL.iter().map(|k| k.name()).collect();
    assert_eq!(
        file["error_codes"],
        serde_json::json!(codes),
        "update catalogue.json"
    );
    assert_eq!(
        file["value_kinds"],
        serde_json::json!(kinds),
        "update catalogue.json"
    );
    let original: Vec<&str> = orgkit::Edition::Original
        .value_kinds()
        .iter()
        .map(|k| k.name())
        .collect();
    assert_eq!(
        file["original_value_kinds"],
        serde_json::json!(original),
        "update catalogue.json"
    );
    let editions: Vec<&str> = orgkit::Edition::ALL.iter().map(|e| e.name()).collect();
    assert_eq!(
        file["editions"],
        serde_json::json!(editions),
        "update catalogue.json"
    );
    assert_eq!(
        file["call_error_codes"],
        serde_json::json!(orgkit::error::CALL_ERROR_CODES),
        "update catalogue.json"
    );
    assert_eq!(
        file["limits"],
        serde_json::json!({
            "max_issues": orgkit::validate::MAX_ISSUES,
            "max_batch_values": orgkit::ids::MAX_BATCH_VALUES,
        }),
        "update catalogue.json"
    );
    assert_eq!(
        file["pagination_error_codes"],
        serde_json::json!(PaginationError::CODES),
        "update catalogue.json"
    );
}
