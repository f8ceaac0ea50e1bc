//! Mirrors `orgkit::validate`: `validate_request` / `check_request` over boto3-style keyword
//! arguments. Python values are converted to JSON first; a value JSON cannot hold (bytes, a
//! set, NaN, text with a lone surrogate, nesting deeper than the models go) becomes `null` at
//! its path, so the validator reports it as INVALID_TYPE there, naming the Python type.

use std::collections::BTreeMap;

use orgkit::validate::find_operation;
use orgkit::{ErrorCode, ValidationError};
use pyo3::exceptions::PyLookupError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple, PyType};
use serde_json::{Map, Number, Value};

use crate::error::{issue_list, validation_error};

/// Deeper than any input shape of the seed edition nests (three levels).
const MAX_DEPTH: usize = 32;

/// Converts Python values to JSON, remembering what it could not convert.
struct ToJson {
    /// path → Python type name, for values replaced by `null`.
    replaced: BTreeMap<String, String>,
}

impl ToJson {
    fn convert(&mut self, value: &Bound<'_, PyAny>, path: &str, depth: usize) -> Value {
        if value.is_none() {
            return Value::Null;
        }
        if depth > MAX_DEPTH {
            return self.replace(path, "a value nested too deep".to_owned());
        }
        if let Ok(flag) = value.cast::<PyBool>() {
            return Value::Bool(flag.is_true());
        }
        if let Ok(int) = value.cast::<PyInt>() {
            return match int.extract::<i64>() {
                Ok(n) => Value::Number(n.into()),
                // Beyond i64: keep the sign, so that range checks report the right bound.
                Err(_) => match int.lt(0) {
                    Ok(true) => Value::Number(i64::MIN.into()),
                    _ => Value::Number(u64::MAX.into()),
                },
            };
        }
        if let Ok(float) = value.cast::<PyFloat>() {
            return match Number::from_f64(float.value()) {
                Some(number) => Value::Number(number),
                None => self.replace(path, "float (not finite)".to_owned()),
            };
        }
        if let Ok(text) = value.cast::<PyString>() {
            return match text.to_str() {
                Ok(text) => Value::String(text.to_owned()),
                Err(_) => self.replace(path, "str (not valid Unicode)".to_owned()),
            };
        }
        if let Ok(dict) = value.cast::<PyDict>() {
            let mut map = Map::new();
            for (key, item) in dict.iter() {
                let text = key
                    .cast::<PyString>()
                    .ok()
                    .and_then(|k| k.to_str().ok().map(str::to_owned));
                let Some(key) = text else {
                    let name = type_name(&key);
                    self.replace(path, format!("dict with a {name} key"));
                    return Value::Null;
                };
                let child = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                let converted = self.convert(&item, &child, depth + 1);
                map.insert(key, converted);
            }
            return Value::Object(map);
        }
        if value.cast::<PyList>().is_ok() || value.cast::<PyTuple>().is_ok() {
            let mut items = Vec::new();
            if let Ok(iter) = value.try_iter() {
                for (index, item) in iter.enumerate() {
                    match item {
                        Ok(item) => {
                            items.push(self.convert(&item, &format!("{path}[{index}]"), depth + 1))
                        }
                        Err(_) => {
                            items.push(self.replace(
                                &format!("{path}[{index}]"),
                                "an unreadable item".to_owned(),
                            ))
                        }
                    }
                }
            }
            return Value::Array(items);
        }
        let name = type_name(value);
        self.replace(path, name)
    }

    fn replace(&mut self, path: &str, what: String) -> Value {
        self.replaced.insert(path.to_owned(), what);
        Value::Null
    }
}

fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map(|name| name.to_string())
        .unwrap_or_else(|_| "object".to_owned())
}

static UNKNOWN_OPERATION_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

fn lookup_error(py: Python<'_>, err: &orgkit::LookupError) -> PyErr {
    let class = UNKNOWN_OPERATION_ERROR.get_or_try_init(py, || -> PyResult<Py<PyType>> {
        let class = py
            .import("orgkit._errors")?
            .getattr("UnknownOperationError")?;
        Ok(class.cast_into::<PyType>()?.unbind())
    });
    match class.and_then(|class| class.bind(py).call1((err.to_string(),))) {
        Ok(instance) => PyErr::from_value(instance),
        Err(_) => PyLookupError::new_err(err.to_string()),
    }
}

fn run(
    py: Python<'_>,
    service: &str,
    operation: &str,
    params: Option<&Bound<'_, PyAny>>,
) -> PyResult<Vec<orgkit::Issue>> {
    let (service, operation) =
        find_operation(service, operation).map_err(|err| lookup_error(py, &err))?;
    let mut converter = ToJson {
        replaced: BTreeMap::new(),
    };
    let params = match params {
        Some(params) => converter.convert(params, "", 0),
        None => Value::Object(Map::new()),
    };
    let mut issues = orgkit::validate::validate_operation(service, operation, &params);
    for issue in &mut issues {
        if issue.code == ErrorCode::InvalidType {
            if let Some(what) = converter.replaced.get(&issue.path) {
                issue.message = issue
                    .message
                    .replace("type: null", &format!("type: {what}"));
            }
        }
    }
    Ok(issues)
}

/// Every issue of a request (boto3 keyword arguments as a dict); empty when it is valid.
/// `operation` is `CreateAccount` or boto3's `create_account`; `service` is
/// `organizations`, `account` or `chime`.
#[pyfunction]
#[pyo3(signature = (service, operation, params=None))]
pub fn validate_request<'py>(
    py: Python<'py>,
    service: &str,
    operation: &str,
    params: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyList>> {
    let issues = run(py, service, operation, params)?;
    issue_list(py, &issues)
}

/// Like `validate_request`, but raises `orgkit.ValidationError` (with every issue) when the
/// request is not valid.
#[pyfunction]
#[pyo3(signature = (service, operation, params=None))]
pub fn check_request(
    py: Python<'_>,
    service: &str,
    operation: &str,
    params: Option<&Bound<'_, PyAny>>,
) -> PyResult<()> {
    let issues = run(py, service, operation, params)?;
    if issues.is_empty() {
        Ok(())
    } else {
        Err(validation_error(py, &ValidationError { issues }))
    }
}

/// The operations of a service: (model name, boto3 name) pairs.
#[pyfunction]
pub fn operations(py: Python<'_>, service: &str) -> PyResult<Vec<(&'static str, &'static str)>> {
    match orgkit::model::service(service) {
        Some(found) => Ok(found
            .operations
            .iter()
            .map(|op| (op.name, op.python_name))
            .collect()),
        None => Err(lookup_error(
            py,
            &orgkit::LookupError::UnknownService {
                name: service.to_owned(),
                known: orgkit::model::services().iter().map(|s| s.name).collect(),
            },
        )),
    }
}
