//! Mirrors `orgkit::validate`: request validation for pages, results as data.

use js_sys::{Array, Object};
use serde_json::{Map, Number, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::error::issue_array;
use crate::set;

/// Deeper than any input shape of the seed edition nests (three levels); bounds cycles too.
const MAX_DEPTH: usize = 32;

/// Converts a JS value to JSON the way `JSON.stringify` would for a request: members that are
/// `undefined` are left out, `NaN`, functions, symbols and BigInts become `null` (which the
/// validator reports as INVALID_TYPE at their path).
fn to_json(value: &JsValue, depth: usize) -> Value {
    if depth > MAX_DEPTH {
        return Value::Null;
    }
    if let Some(flag) = value.as_bool() {
        return Value::Bool(flag);
    }
    if let Some(number) = value.as_f64() {
        // Whole numbers within 2^53 are integers, as JSON.stringify writes them.
        if number.fract() == 0.0 && number.abs() <= 9_007_199_254_740_992.0 {
            return Value::Number((number as i64).into());
        }
        return Number::from_f64(number).map_or(Value::Null, Value::Number);
    }
    if let Some(text) = value.as_string() {
        return Value::String(text);
    }
    if Array::is_array(value) {
        let items = Array::from(value);
        return Value::Array(items.iter().map(|item| to_json(&item, depth + 1)).collect());
    }
    if value.is_object() && !value.is_function() {
        let mut map = Map::new();
        for entry in Object::entries(value.unchecked_ref()).iter() {
            let pair = Array::from(&entry);
            let (key, item) = (pair.get(0), pair.get(1));
            if let Some(key) = key.as_string() {
                if !item.is_undefined() {
                    map.insert(key, to_json(&item, depth + 1));
                }
            }
        }
        return Value::Object(map);
    }
    Value::Null
}

/// Every issue of a request (an SDK v3 input object): `{ valid, issues }`. Throws for an
/// unknown service or operation (the message lists the valid names).
#[wasm_bindgen(js_name = validateRequest)]
pub fn validate_request(
    service: &JsValue,
    operation: &JsValue,
    params: &JsValue,
) -> Result<Object, JsError> {
    let (Some(service), Some(operation)) = (service.as_string(), operation.as_string()) else {
        return Err(JsError::new("service and operation must be strings"));
    };
    let (service, operation) = orgkit::validate::find_operation(&service, &operation)
        .map_err(|err| JsError::new(&err.to_string()))?;
    let params = if params.is_undefined() {
        Value::Object(Map::new())
    } else {
        to_json(params, 0)
    };
    let issues = orgkit::validate::validate_operation(service, operation, &params);
    let result = Object::new();
    set(&result, "valid", issues.is_empty());
    set(&result, "issues", issue_array(&issues));
    Ok(result)
}

/// The operations of a service as `[modelName, boto3Name]` pairs.
#[wasm_bindgen]
pub fn operations(service: &str) -> Result<Array, JsError> {
    let found =
        orgkit::validate::find_service(service).map_err(|err| JsError::new(&err.to_string()))?;
    Ok(found
        .operations
        .iter()
        .map(|op| {
            JsValue::from(Array::of2(
                &JsValue::from_str(op.name),
                &JsValue::from_str(op.python_name),
            ))
        })
        .collect())
}
