//! Mirrors `orgkit::paginate`: the transport-free walk, driven from `orgkit/_paginate.py`,
//! which calls the service and slices each page as the walk says.

use orgkit::paginate::{PageWalk, PaginationConfig};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use std::sync::Mutex;

/// One walk through the pages of a List operation (used by `orgkit.paginate`).
#[pyclass(module = "orgkit", name = "PageWalk")]
pub struct PyPageWalk(Mutex<PageWalk>);

impl PyPageWalk {
    fn with<T>(&self, f: impl FnOnce(&mut PageWalk) -> T) -> PyResult<T> {
        let mut walk = self.0.lock().map_err(|_| {
            PyRuntimeError::new_err("the page walk was poisoned by an earlier panic")
        })?;
        Ok(f(&mut walk))
    }
}

#[pymethods]
impl PyPageWalk {
    #[new]
    #[pyo3(signature = (service, operation, max_items=None, page_size=None, starting_token=None))]
    fn new(
        service: &str,
        operation: &str,
        max_items: Option<usize>,
        page_size: Option<u64>,
        starting_token: Option<String>,
    ) -> PyResult<Self> {
        let config = PaginationConfig {
            max_items,
            page_size,
            starting_token,
        };
        PageWalk::new(service, operation, config)
            .map(|walk| PyPageWalk(Mutex::new(walk)))
            .map_err(|err| PyValueError::new_err(err.to_string()))
    }

    /// `(token, page_size)` to add to the next request, or `None` when the walk is over.
    fn next_request(&self) -> PyResult<Option<(Option<String>, Option<u64>)>> {
        self.with(|walk| walk.next_request().map(|patch| (patch.token, patch.limit)))
    }

    /// Takes a page of `item_count` items and its output token; returns `(start, end)` of
    /// the items to keep. Raises `RuntimeError` when the service repeats a token.
    #[pyo3(signature = (item_count, output_token))]
    fn receive(&self, item_count: usize, output_token: Option<&str>) -> PyResult<(usize, usize)> {
        self.with(|walk| walk.receive(item_count, output_token))?
            .map(|range| (range.start, range.end))
            .map_err(|err| PyRuntimeError::new_err(err.to_string()))
    }

    /// The names of the paginator's members: `(input_token, output_token, limit_key, result_key)`.
    #[getter]
    fn members(&self) -> PyResult<(&'static str, &'static str, &'static str, &'static str)> {
        self.with(|walk| {
            let spec = walk.spec();
            (
                spec.input_token,
                spec.output_token,
                spec.limit_key,
                spec.result_key,
            )
        })
    }

    /// The token to resume from when `max_items` stopped the walk early.
    #[getter]
    fn resume_token(&self) -> PyResult<Option<String>> {
        self.with(|walk| walk.resume_token().map(str::to_owned))
    }
}
