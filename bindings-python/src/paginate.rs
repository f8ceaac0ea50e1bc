//! Mirrors `orgkit::paginate`: the transport-free walk, driven from `orgkit/_paginate.py`,
//! which calls the service and slices each page as the walk says. Walk errors are raised as
//! `orgkit.PaginationError` with the core's code; an unknown operation as
//! `orgkit.UnknownOperationError`.

use orgkit::paginate::{read_page, PageWalk, PaginationConfig, PaginationError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyInt, PyString, PyType};
use std::sync::Mutex;

use crate::error::{name_argument, shielded, EditionArg};
use crate::validate::PyInput;

static PAGINATION_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// The Python exception for a core pagination error.
fn raise(py: Python<'_>, err: &PaginationError) -> PyErr {
    if let PaginationError::Lookup(lookup) = err {
        return crate::validate::lookup_error(py, lookup);
    }
    let class = PAGINATION_ERROR.get_or_try_init(py, || -> PyResult<Py<PyType>> {
        let class = py.import("orgkit._errors")?.getattr("PaginationError")?;
        Ok(class.cast_into::<PyType>()?.unbind())
    });
    match class.and_then(|class| class.bind(py).call1((err.code(), err.to_string()))) {
        Ok(instance) => PyErr::from_value(instance),
        Err(failed) => failed,
    }
}

/// The name of a Python value's type, for messages.
fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map(|name| name.to_string())
        .unwrap_or_else(|_| "object".to_owned())
}

/// A count option (`max_items`, `page_size`): `None` or an `int` from 0 up.
fn count_option(name: &str, value: Option<&Bound<'_, PyAny>>) -> Result<Option<u64>, String> {
    let Some(value) = value.filter(|v| !v.is_none()) else {
        return Ok(None);
    };
    if value.is_instance_of::<PyInt>() && !value.is_instance_of::<PyBool>() {
        if let Ok(count) = value.extract::<u64>() {
            return Ok(Some(count));
        }
    }
    Err(format!(
        "{name} must be None or an int from 0 to 2**64 - 1, not {}",
        match value.extract::<i128>() {
            Ok(number) if !value.is_instance_of::<PyBool>() => number.to_string(),
            _ => type_name(value),
        }
    ))
}

/// One walk through the pages of a List operation (used by `orgkit.paginate`). The lock is
/// held only while core code runs on the walk, never while Python code does (reading a page
/// can run a key's `__eq__`), so a page that touches the walk gets an answer, not a deadlock.
#[pyclass(module = "orgkit", name = "PageWalk")]
pub struct PyPageWalk {
    walk: Mutex<PageWalk>,
    spec: &'static orgkit::model::Paginator,
}

impl PyPageWalk {
    fn with<T>(&self, py: Python<'_>, f: impl FnOnce(&mut PageWalk) -> T) -> PyResult<T> {
        // A panic inside `f` is caught by `shielded` and the guard dropped as it unwinds; a
        // walk left poisoned by one is still consistent (every step checks before it changes).
        shielded(py, || {
            let mut walk = self
                .walk
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            Ok(f(&mut walk))
        })
    }
}

#[pymethods]
impl PyPageWalk {
    /// Starts a walk with the paginators of `edition` (`"current"` by default, or
    /// `"original"`); raises `orgkit.UnknownOperationError` for an operation the edition does
    /// not have and `orgkit.PaginationError` for one without a paginator or an unusable option.
    #[new]
    #[pyo3(
        signature = (service, operation, max_items=None, page_size=None, starting_token=None, *, edition = EditionArg::default()),
        text_signature = "(service, operation, max_items=None, page_size=None, starting_token=None, *, edition='current')"
    )]
    fn new(
        py: Python<'_>,
        service: &Bound<'_, PyAny>,
        operation: &Bound<'_, PyAny>,
        max_items: Option<&Bound<'_, PyAny>>,
        page_size: Option<&Bound<'_, PyAny>>,
        starting_token: Option<&Bound<'_, PyAny>>,
        edition: EditionArg,
    ) -> PyResult<Self> {
        let invalid = |detail: String| raise(py, &PaginationError::InvalidConfig { detail });
        let max_items = count_option("max_items", max_items).map_err(invalid)?;
        let page_size = count_option("page_size", page_size).map_err(invalid)?;
        let starting_token = match starting_token.filter(|v| !v.is_none()) {
            None => None,
            Some(token) => match token.cast::<PyString>().map(|text| text.to_str()) {
                Ok(Ok(text)) => Some(text.to_owned()),
                Ok(Err(_)) => return Err(invalid("starting_token is not valid Unicode".into())),
                Err(_) => {
                    return Err(invalid(format!(
                        "starting_token must be None or a str, not {}",
                        type_name(token)
                    )))
                }
            },
        };
        let config = PaginationConfig {
            max_items: max_items.map(|n| usize::try_from(n).unwrap_or(usize::MAX)),
            page_size,
            starting_token,
        };
        let service = name_argument(py, "service", service)?;
        let operation = name_argument(py, "operation", operation)?;
        shielded(py, || {
            PageWalk::new(edition.0, &service, &operation, config)
                .map(|walk| PyPageWalk {
                    spec: walk.spec(),
                    walk: Mutex::new(walk),
                })
                .map_err(|err| raise(py, &err))
        })
    }

    /// `(token, page_size)` to add to the next request, or `None` when the walk is over.
    fn next_request(&self, py: Python<'_>) -> PyResult<Option<(Option<String>, Option<u64>)>> {
        self.with(py, |walk| {
            walk.next_request().map(|patch| (patch.token, patch.limit))
        })
    }

    /// Takes the page the service returned (a dict, as boto3 returns); returns
    /// `(start, end)` of the items under the result key to keep. Raises
    /// `orgkit.PaginationError`: `MALFORMED_PAGE` when the page is not a dict, its items
    /// not a list or its token not a str; `REPEATED_TOKEN` when the service repeats a token.
    fn receive_page(&self, py: Python<'_>, page: &Bound<'_, PyAny>) -> PyResult<(usize, usize)> {
        // Read the page (Python code may run) with no lock held, then apply what was read.
        let reading = shielded(py, || Ok(read_page(self.spec, PyInput(page.clone()))))?;
        self.with(py, |walk| walk.receive_reading(reading))?
            .map(|range| (range.start, range.end))
            .map_err(|err| raise(py, &err))
    }

    /// The names of the paginator's members: `(input_token, output_token, limit_key, result_key)`.
    #[getter]
    fn members(&self) -> (&'static str, &'static str, &'static str, &'static str) {
        let spec = self.spec;
        (
            spec.input_token,
            spec.output_token,
            spec.limit_key,
            spec.result_key,
        )
    }

    /// The token to resume from when `max_items` stopped the walk early.
    #[getter]
    fn resume_token(&self, py: Python<'_>) -> PyResult<Option<String>> {
        self.with(py, |walk| walk.resume_token().map(str::to_owned))
    }
}

/// The codes `orgkit.PaginationError` carries, in the core's order.
pub fn pagination_error_codes() -> Vec<&'static str> {
    PaginationError::CODES.to_vec()
}
