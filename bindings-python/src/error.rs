//! Mirrors `orgkit::error`: the `Issue` class, the exported code list, and raising
//! `orgkit.ValidationError` (defined in Python so it can subclass both `OrgkitError` and
//! `ValueError`).

use orgkit::{ErrorCode, ValidationError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyList, PyType};

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
    let class = VALIDATION_ERROR.get_or_try_init(py, || -> PyResult<Py<PyType>> {
        let class = py.import("orgkit._errors")?.getattr("ValidationError")?;
        Ok(class.cast_into::<PyType>()?.unbind())
    });
    let built = class.and_then(|class| {
        let issues = issue_list(py, &error.issues)?;
        class.bind(py).call1((error.to_string(), issues))
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
