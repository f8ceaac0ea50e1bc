//! Mirrors `orgkit::error`: issues as plain JS objects and the exported catalogue.

use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;

use crate::{set, string_array};

/// `{ path, code, message }` for one issue.
pub(crate) fn issue_object(issue: &orgkit::Issue) -> Object {
    let object = Object::new();
    set(&object, "path", issue.path.as_str());
    set(&object, "code", issue.code.as_str());
    set(&object, "message", issue.message.as_str());
    object
}

/// A JS array of issue objects.
pub(crate) fn issue_array(issues: &[orgkit::Issue]) -> Array {
    issues.iter().map(issue_object).collect()
}

/// Every error code of the core catalogue, in order.
#[wasm_bindgen(js_name = errorCodes)]
pub fn error_codes() -> Array {
    string_array(orgkit::ErrorCode::ALL.iter().map(|code| code.as_str()))
}
