//! Mirrors `orgkit::validate`: request validation over SDK-v3-shaped input objects. The JS
//! wrapper (`orgkit.js`) serializes the input with `JSON.stringify`, so what reaches Rust is
//! exactly what the SDK would send (no `undefined`, `NaN` as `null`, cycles refused in JS).

use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::error::Issue;

/// The result of validating a request.
#[napi(object)]
pub struct RequestCheck {
    /// Whether the request is valid.
    pub valid: bool,
    /// Every problem found (empty when valid).
    pub issues: Vec<Issue>,
}

/// Validates a request given as JSON text. Throws for an unknown service or operation (the
/// message lists the valid names) and for text that is not JSON.
#[napi]
pub fn validate_request_json(
    service: String,
    operation: String,
    json: String,
) -> Result<RequestCheck> {
    let (service, operation) = orgkit::validate::find_operation(&service, &operation)
        .map_err(|err| Error::new(Status::InvalidArg, err.to_string()))?;
    let params: serde_json::Value = serde_json::from_str(&json).map_err(|err| {
        Error::new(
            Status::InvalidArg,
            format!("the request is not JSON: {err}"),
        )
    })?;
    let issues = orgkit::validate::validate_operation(service, operation, &params);
    Ok(RequestCheck {
        valid: issues.is_empty(),
        issues: issues.into_iter().map(Issue::from).collect(),
    })
}

/// The operations of a service as `[modelName, boto3Name]` pairs.
#[napi]
pub fn operations(service: String) -> Result<Vec<Vec<&'static str>>> {
    let found = orgkit::validate::find_service(&service)
        .map_err(|err| Error::new(Status::InvalidArg, err.to_string()))?;
    Ok(found
        .operations
        .iter()
        .map(|op| vec![op.name, op.python_name])
        .collect())
}
