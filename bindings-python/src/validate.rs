//! Mirrors `orgkit::validate`: `validate_request` / `check_request` over boto3-style keyword
//! arguments. The validator walks the Python objects themselves (through `RequestInput`), so
//! nothing is copied into JSON first; a value JSON could not hold (bytes, a set, text with a
//! lone surrogate) is reported as INVALID_TYPE naming its Python type. The walk follows the
//! model's shapes, so deep or cyclic input is never followed further than the shapes go.

use std::borrow::Cow;

use orgkit::model::{Operation, Service};
use orgkit::validate::{find_operation, InputKind, RequestInput};
use orgkit::{Edition, ValidationError};
use pyo3::exceptions::PyLookupError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple, PyType};

use crate::error::{issue_list, name_argument, shielded, validation_error, EditionArg};

/// A Python value as the validator sees it.
pub(crate) struct PyInput<'py>(pub(crate) Bound<'py, PyAny>);

static MEMBER_NAMES: PyOnceLock<std::collections::HashMap<&'static str, Py<PyString>>> =
    PyOnceLock::new();

/// The model's member names as interned Python strings (their hashes are cached), so that
/// looking a member up in a dict, or building a response dict, makes no new string.
pub(crate) fn member_name<'py>(py: Python<'py>, name: &str) -> Bound<'py, PyString> {
    let names = MEMBER_NAMES.get_or_init(py, || {
        let mut names = std::collections::HashMap::new();
        let services = orgkit::Edition::ALL
            .iter()
            .flat_map(|edition| edition.services());
        for service in services {
            for shape in service.shapes {
                if let orgkit::model::ShapeKind::Structure { members, .. } = shape.kind {
                    for member in members {
                        names
                            .entry(member.name)
                            .or_insert_with(|| PyString::intern(py, member.name).unbind());
                    }
                }
            }
        }
        names
    });
    match names.get(name) {
        Some(interned) => interned.bind(py).clone(),
        None => PyString::new(py, name),
    }
}

fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map(|name| name.to_string())
        .unwrap_or_else(|_| "object".to_owned())
}

impl RequestInput for PyInput<'_> {
    fn kind(&self) -> InputKind<'_> {
        let value = &self.0;
        if value.is_none() {
            return InputKind::Null;
        }
        if let Ok(text) = value.cast::<PyString>() {
            return match text.to_str() {
                Ok(text) => InputKind::Text(Cow::Borrowed(text)),
                Err(_) => InputKind::Other("str (not valid Unicode)".to_owned()),
            };
        }
        // bool is a subclass of int: test it first.
        if let Ok(flag) = value.cast::<PyBool>() {
            return InputKind::Bool(flag.is_true());
        }
        if let Ok(int) = value.cast::<PyInt>() {
            return InputKind::Integer(match int.extract::<i64>() {
                Ok(n) => n,
                // Beyond i64: keep the sign, so that range checks report the right bound.
                Err(_) if int.lt(0).unwrap_or(false) => i64::MIN,
                Err(_) => i64::MAX,
            });
        }
        if let Ok(float) = value.cast::<PyFloat>() {
            return InputKind::Float(float.value());
        }
        if let Ok(dict) = value.cast::<PyDict>() {
            return InputKind::Map(dict.len());
        }
        if let Ok(list) = value.cast::<PyList>() {
            return InputKind::List(list.len());
        }
        if let Ok(tuple) = value.cast::<PyTuple>() {
            return InputKind::List(tuple.len());
        }
        InputKind::Other(type_name(value))
    }

    fn item(&self, index: usize) -> Option<Self> {
        // By index, never through an iterator: a list that Python code shrinks during the walk
        // simply ends sooner.
        if let Ok(list) = self.0.cast::<PyList>() {
            return list.get_item(index).ok().map(PyInput);
        }
        if let Ok(tuple) = self.0.cast::<PyTuple>() {
            return tuple.get_item(index).ok().map(PyInput);
        }
        None
    }

    fn member(&self, key: &str) -> Option<Self> {
        let dict = self.0.cast::<PyDict>().ok()?;
        dict.get_item(member_name(self.0.py(), key))
            .ok()
            .flatten()
            .map(PyInput)
    }

    fn for_each_entry(&self, visit: &mut dyn FnMut(Result<&str, String>, Self)) {
        let Ok(dict) = self.0.cast::<PyDict>() else {
            return;
        };
        // The entries are taken first (no Python code runs while the dict is iterated), then
        // visited: a key's `__repr__` that changes the dict cannot break the iteration.
        let entries: Vec<(Bound<'_, PyAny>, Bound<'_, PyAny>)> = dict.iter().collect();
        for (key, value) in entries {
            match key.cast::<PyString>().ok().and_then(|k| k.to_str().ok()) {
                Some(text) => visit(Ok(text), PyInput(value)),
                None => {
                    let shown = key
                        .repr()
                        .ok()
                        .and_then(|r| r.to_str().ok().map(orgkit::ids::excerpt))
                        .unwrap_or_else(|| "?".to_owned());
                    visit(
                        Err(format!("<{} key {shown}>", type_name(&key))),
                        PyInput(value),
                    )
                }
            }
        }
    }
}

static UNKNOWN_OPERATION_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// `orgkit.UnknownOperationError` for a name the edition asked for does not have (the core's
/// message names the edition, and says when the other edition has the operation).
pub(crate) fn lookup_error(py: Python<'_>, err: &orgkit::LookupError) -> PyErr {
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

/// Looks an operation of `edition` up by the names a caller passed (each must be a `str`).
pub(crate) fn operation_named(
    py: Python<'_>,
    edition: Edition,
    service: &Bound<'_, PyAny>,
    operation: &Bound<'_, PyAny>,
) -> PyResult<(&'static Service, &'static Operation)> {
    let service = name_argument(py, "service", service)?;
    let operation = name_argument(py, "operation", operation)?;
    find_operation(edition, &service, &operation).map_err(|err| lookup_error(py, &err))
}

fn run(
    py: Python<'_>,
    edition: Edition,
    service: &Bound<'_, PyAny>,
    operation: &Bound<'_, PyAny>,
    params: Option<&Bound<'_, PyAny>>,
) -> PyResult<Vec<orgkit::Issue>> {
    shielded(py, || {
        let (service, operation) = operation_named(py, edition, service, operation)?;
        Ok(validate_with(py, service, operation, params))
    })
}

fn validate_with(
    py: Python<'_>,
    service: &Service,
    operation: &Operation,
    params: Option<&Bound<'_, PyAny>>,
) -> Vec<orgkit::Issue> {
    let params = match params {
        Some(params) => PyInput(params.clone()),
        None => PyInput(PyDict::new(py).into_any()),
    };
    orgkit::validate::validate_input(service, operation, &params)
}

/// The validator of one operation of an edition, looked up once: `validator(params)` returns
/// the issues, `validator.check(params)` raises `orgkit.ValidationError`. For hot loops (the
/// name lookup and argument parsing of `validate_request` are paid once).
#[pyclass(frozen, module = "orgkit", name = "RequestValidator")]
pub struct PyRequestValidator {
    edition: Edition,
    service: &'static Service,
    operation: &'static Operation,
}

#[pymethods]
impl PyRequestValidator {
    #[new]
    #[pyo3(
        signature = (service, operation, *, edition = EditionArg::default()),
        text_signature = "(service, operation, *, edition='current')"
    )]
    fn new(
        py: Python<'_>,
        service: &Bound<'_, PyAny>,
        operation: &Bound<'_, PyAny>,
        edition: EditionArg,
    ) -> PyResult<Self> {
        let edition = edition.0;
        let (service, operation) = operation_named(py, edition, service, operation)?;
        Ok(PyRequestValidator {
            edition,
            service,
            operation,
        })
    }

    /// The edition whose model the validator follows: `"original"` or `"current"`.
    #[getter]
    fn edition(&self) -> &'static str {
        self.edition.name()
    }

    /// The service's client name.
    #[getter]
    fn service(&self) -> &'static str {
        self.service.name
    }

    /// The operation's model name.
    #[getter]
    fn operation(&self) -> &'static str {
        self.operation.name
    }

    /// Every issue of `params` (empty when valid).
    #[pyo3(signature = (params=None))]
    fn __call__<'py>(
        &self,
        py: Python<'py>,
        params: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        shielded(py, || {
            issue_list(py, &validate_with(py, self.service, self.operation, params))
        })
    }

    /// Raises `orgkit.ValidationError` with every issue when `params` is not valid.
    #[pyo3(signature = (params=None))]
    fn check(&self, py: Python<'_>, params: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
        let issues = shielded(py, || {
            Ok(validate_with(py, self.service, self.operation, params))
        })?;
        if issues.is_empty() {
            Ok(())
        } else {
            Err(validation_error(py, &ValidationError { issues }))
        }
    }

    fn __repr__(&self) -> String {
        format!(
            "RequestValidator({:?}, {:?}, edition={:?})",
            self.service.name,
            self.operation.name,
            self.edition.name()
        )
    }
}

/// Every issue of a request (boto3 keyword arguments as a dict) under the model of
/// `edition` (`"current"` by default, or `"original"`); empty when it is valid. `operation`
/// is `CreateAccount` or boto3's `create_account`; `service` is `organizations`, `account`
/// or `chime`. An operation the edition does not have is `orgkit.UnknownOperationError`.
#[pyfunction]
#[pyo3(
    signature = (service, operation, params=None, *, edition = EditionArg::default()),
    text_signature = "(service, operation, params=None, *, edition='current')"
)]
pub fn validate_request<'py>(
    py: Python<'py>,
    service: &Bound<'py, PyAny>,
    operation: &Bound<'py, PyAny>,
    params: Option<&Bound<'py, PyAny>>,
    edition: EditionArg,
) -> PyResult<Bound<'py, PyList>> {
    let issues = run(py, edition.0, service, operation, params)?;
    issue_list(py, &issues)
}

/// Like `validate_request`, but raises `orgkit.ValidationError` (with every issue) when the
/// request is not valid under `edition`'s model.
#[pyfunction]
#[pyo3(
    signature = (service, operation, params=None, *, edition = EditionArg::default()),
    text_signature = "(service, operation, params=None, *, edition='current')"
)]
pub fn check_request(
    py: Python<'_>,
    service: &Bound<'_, PyAny>,
    operation: &Bound<'_, PyAny>,
    params: Option<&Bound<'_, PyAny>>,
    edition: EditionArg,
) -> PyResult<()> {
    let issues = run(py, edition.0, service, operation, params)?;
    if issues.is_empty() {
        Ok(())
    } else {
        Err(validation_error(py, &ValidationError { issues }))
    }
}

/// The operations of a service in `edition` (`"current"` by default, or `"original"`):
/// (model name, boto3 name) pairs.
#[pyfunction]
#[pyo3(
    signature = (service, *, edition = EditionArg::default()),
    text_signature = "(service, *, edition='current')"
)]
pub fn operations(
    py: Python<'_>,
    service: &Bound<'_, PyAny>,
    edition: EditionArg,
) -> PyResult<Vec<(&'static str, &'static str)>> {
    shielded(py, || {
        let service = name_argument(py, "service", service)?;
        let found = orgkit::validate::find_service(edition.0, &service)
            .map_err(|err| lookup_error(py, &err))?;
        Ok(found
            .operations
            .iter()
            .map(|op| (op.name, op.python_name))
            .collect())
    })
}
