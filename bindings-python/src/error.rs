//! Mirrors `orgkit::error`: the `Issue` class, the exported code list, and raising
//! `orgkit.ValidationError` (defined in Python so it can subclass both `OrgkitError` and
//! `ValueError`).

use std::borrow::Cow;
use std::panic::{catch_unwind, AssertUnwindSafe};

use orgkit::{ErrorCode, ValidationError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyList, PyString, PyType};

use crate::ids::python_repr;

/// One problem found in a value or a request.
#[pyclass(frozen, eq, module = "orgkit", name = "Issue")]
#[derive(Clone, PartialEq, Eq)]
pub struct PyIssue {
    /// Where the problem is, boto3 style (`Target.Id`); empty for a standalone value.
    #[pyo3(get)]
    pub path: String,
    /// The catalogue code, e.g. `INVALID_PATTERN`.
    #[pyo3(get)]
    pub code: &'static str,
    /// An AWS-style explanation naming the rule that failed and where.
    #[pyo3(get)]
    pub message: String,
}

#[pymethods]
impl PyIssue {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Issue(path={}, code={}, message={})",
            python_repr(py, &self.path)?,
            python_repr(py, self.code)?,
            python_repr(py, &self.message)?
        ))
    }

    fn __str__(&self) -> String {
        if self.path.is_empty() {
            format!("{}: {}", self.code, self.message)
        } else {
            format!("{} at {}: {}", self.code, self.path, self.message)
        }
    }
}

impl From<&orgkit::Issue> for PyIssue {
    fn from(issue: &orgkit::Issue) -> PyIssue {
        PyIssue {
            path: issue.path.clone(),
            code: issue.code.as_str(),
            message: issue.message.clone(),
        }
    }
}

/// The issues as a Python list of `Issue`.
pub fn issue_list<'py>(py: Python<'py>, issues: &[orgkit::Issue]) -> PyResult<Bound<'py, PyList>> {
    PyList::new(py, issues.iter().map(PyIssue::from))
}

static VALIDATION_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// Builds an `orgkit.ValidationError` carrying `error`'s issues.
pub fn validation_error(py: Python<'_>, error: &ValidationError) -> PyErr {
    validation_error_with(
        py,
        error.to_string(),
        error.issues.iter().map(PyIssue::from).collect(),
    )
}

/// Builds an `orgkit.ValidationError` with a message and issues (of any catalogue).
pub fn validation_error_with(py: Python<'_>, message: String, issues: Vec<PyIssue>) -> PyErr {
    let class = VALIDATION_ERROR.get_or_try_init(py, || -> PyResult<Py<PyType>> {
        let class = py.import("orgkit._errors")?.getattr("ValidationError")?;
        Ok(class.cast_into::<PyType>()?.unbind())
    });
    let built = class.and_then(|class| {
        let issues = PyList::new(py, issues)?;
        class.bind(py).call1((message, issues))
    });
    match built {
        Ok(instance) => PyErr::from_value(instance),
        Err(err) => err,
    }
}

/// Every catalogue code, in the core's order.
pub fn error_codes() -> Vec<&'static str> {
    ErrorCode::ALL.iter().map(|code| code.as_str()).collect()
}

static INTERNAL_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static ARGUMENT_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// An instance of one of `orgkit._errors`' coded classes: `Class(code, message)`.
fn python_error(
    py: Python<'_>,
    cell: &PyOnceLock<Py<PyType>>,
    name: &str,
    code: &str,
    message: String,
) -> PyErr {
    let class = cell.get_or_try_init(py, || -> PyResult<Py<PyType>> {
        let class = py.import("orgkit._errors")?.getattr(name)?;
        Ok(class.cast_into::<PyType>()?.unbind())
    });
    match class.and_then(|class| class.bind(py).call1((code, message))) {
        Ok(instance) => PyErr::from_value(instance),
        Err(err) => err,
    }
}

/// `orgkit.ArgumentError` (a `TypeError` and a `ValueError`) with `code` INVALID_ARGUMENT or
/// TOO_MANY_VALUES: an argument of the wrong kind, before any work is done.
pub fn argument_error(py: Python<'_>, code: &'static str, message: String) -> PyErr {
    python_error(py, &ARGUMENT_ERROR, "ArgumentError", code, message)
}

/// Runs a binding function's body so that a panic (an orgkit bug) becomes an ordinary
/// `orgkit.InternalError` (code INTERNAL_ERROR, an `Exception`) instead of pyo3's
/// `PanicException`, which derives from `BaseException` and escapes `except Exception`.
pub fn shielded<T>(py: Python<'_>, body: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(result) => result,
        Err(payload) => {
            let message = orgkit::error::internal_error_message(&*payload);
            Err(python_error(
                py,
                &INTERNAL_ERROR,
                "InternalError",
                orgkit::error::INTERNAL_ERROR,
                message,
            ))
        }
    }
}

/// The text of an argument that names something (a service, an operation, a kind, a caller):
/// a `str` holding valid Unicode, else `orgkit.ArgumentError` naming the argument.
pub fn name_argument<'a>(
    py: Python<'_>,
    what: &str,
    value: &'a Bound<'_, PyAny>,
) -> PyResult<Cow<'a, str>> {
    match value.cast::<PyString>() {
        Ok(text) => text.to_str().map(Cow::Borrowed).map_err(|_| {
            argument_error(
                py,
                orgkit::error::INVALID_ARGUMENT,
                format!("{what} must be a str of valid Unicode (it holds a lone surrogate)"),
            )
        }),
        Err(_) => Err(argument_error(
            py,
            orgkit::error::INVALID_ARGUMENT,
            format!("{what} must be a str, not {}", type_label(value)),
        )),
    }
}

/// The name of a value's type, for messages (`int`, `NoneType`).
pub fn type_label(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map(|name| name.to_string())
        .unwrap_or_else(|_| "object".to_owned())
}

/// The codes of failed calls (INVALID_ARGUMENT, TOO_MANY_VALUES, INTERNAL_ERROR), in the
/// core's order.
pub fn call_error_codes() -> Vec<&'static str> {
    orgkit::error::CALL_ERROR_CODES.to_vec()
}

/// The `edition=` argument of the validation entry points: `"original"` or `"current"` (the
/// default, [`orgkit::Edition::default`]). Anything else — an unknown name, `None`, a
/// non-`str` — is `orgkit.ArgumentError` (INVALID_ARGUMENT) listing the editions, like an
/// unknown kind name.
#[derive(Debug, Clone, Copy, Default)]
pub struct EditionArg(pub orgkit::Edition);

impl<'a, 'py> FromPyObject<'a, 'py> for EditionArg {
    type Error = PyErr;

    fn extract(obj: pyo3::Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let py = obj.py();
        let refused =
            |message: String| argument_error(py, orgkit::error::INVALID_ARGUMENT, message);
        let text = match obj.cast::<PyString>() {
            Ok(text) => text,
            Err(_) => {
                return Err(refused(format!(
                    "edition must be a str, one of: {}; not {}",
                    edition_names().join(", "),
                    type_label(&obj)
                )))
            }
        };
        let name = text.to_str().map_err(|_| {
            refused(format!(
                "edition must be a str of valid Unicode, one of: {} (it holds a lone surrogate)",
                edition_names().join(", ")
            ))
        })?;
        orgkit::Edition::parse_name(name)
            .map(EditionArg)
            .map_err(|err| refused(err.to_string()))
    }
}

/// The names of the editions, oldest first (`("original", "current")`).
pub fn edition_names() -> Vec<&'static str> {
    orgkit::Edition::ALL.iter().map(|e| e.name()).collect()
}
