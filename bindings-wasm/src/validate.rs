//! Mirrors `orgkit::validate`: request validation for pages, results as data.

use std::borrow::Cow;

use js_sys::{Array, Object, Reflect};
use orgkit::validate::{InputKind, RequestInput};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::error::issue_array;
use crate::set;

/// A JS value as the validator sees it, read in place (no copy into JSON). Members that are
/// `undefined` count as absent, as `JSON.stringify` would leave them out; the walk follows the
/// model's shapes, so deep or cyclic input is never followed further than the shapes go.
pub(crate) struct JsInput(pub(crate) JsValue);

/// Whole numbers up to 2^53 are integers, as `JSON.stringify` writes them.
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_992.0;

impl RequestInput for JsInput {
    fn kind(&self) -> InputKind<'_> {
        let value = &self.0;
        if value.is_null() || value.is_undefined() {
            return InputKind::Null;
        }
        if let Some(flag) = value.as_bool() {
            return InputKind::Bool(flag);
        }
        if let Some(number) = value.as_f64() {
            return if number.fract() == 0.0 && number.abs() <= MAX_SAFE_INTEGER {
                InputKind::Integer(number as i64)
            } else {
                InputKind::Float(number)
            };
        }
        if let Some(text) = value.as_string() {
            return InputKind::Text(Cow::Owned(text));
        }
        if Array::is_array(value) {
            return InputKind::List(Array::from(value).length() as usize);
        }
        if value.is_object() && !value.is_function() {
            return InputKind::Map(Object::keys(value.unchecked_ref::<Object>()).length() as usize);
        }
        InputKind::Other(
            value
                .js_typeof()
                .as_string()
                .unwrap_or_else(|| "value".to_owned()),
        )
    }

    fn items(&self) -> Vec<Self> {
        if Array::is_array(&self.0) {
            Array::from(&self.0).iter().map(JsInput).collect()
        } else {
            Vec::new()
        }
    }

    fn member(&self, key: &str) -> Option<Self> {
        if !self.0.is_object() {
            return None;
        }
        Reflect::get(&self.0, &JsValue::from_str(key))
            .ok()
            .filter(|value| !value.is_undefined())
            .map(JsInput)
    }

    fn for_each_entry(&self, visit: &mut dyn FnMut(Result<&str, String>, Self)) {
        if !self.0.is_object() || Array::is_array(&self.0) {
            return;
        }
        for entry in Object::entries(self.0.unchecked_ref::<Object>()).iter() {
            let pair = Array::from(&entry);
            let (key, value) = (pair.get(0), pair.get(1));
            if let (Some(key), false) = (key.as_string(), value.is_undefined()) {
                visit(Ok(&key), JsInput(value));
            }
        }
    }
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
        JsInput(Object::new().into())
    } else {
        JsInput(params.clone())
    };
    let issues = orgkit::validate::validate_input(service, operation, &params);
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
