//! Mirrors `orgkit::emulator`: the `Emulator` class. Requests and responses cross as JSON
//! text; the Python layer (`orgkit/_emulator.py`) turns them into boto3-shaped dicts and raises
//! the exceptions. A failed call raises the exception `orgkit._errors.emulator_error` builds
//! from the error's JSON.

use std::sync::Arc;

use orgkit::emulator::{Emulator, EmulatorError, Quotas};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyDict;

static ERROR_FACTORY: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

fn raise(py: Python<'_>, error: &EmulatorError, operation: &str) -> PyErr {
    let built = ERROR_FACTORY
        .get_or_try_init(py, || -> PyResult<Py<PyAny>> {
            Ok(py
                .import("orgkit._errors")?
                .getattr("emulator_error")?
                .unbind())
        })
        .and_then(|factory| {
            factory
                .bind(py)
                .call1((error.to_json().to_string(), operation))
        });
    match built {
        Ok(instance) => PyErr::from_value(instance),
        Err(err) => err,
    }
}

/// An in-memory AWS partition: Organizations, Account alternate contacts and Chime accounts.
/// Use `orgkit.Emulator`, which wraps this class with boto3-shaped clients.
#[pyclass(frozen, module = "orgkit._orgkit", name = "Emulator")]
pub struct PyEmulator {
    inner: Arc<Emulator>,
}

#[pymethods]
impl PyEmulator {
    #[new]
    #[pyo3(signature = (seed = 0))]
    fn new(seed: u64) -> Self {
        PyEmulator {
            inner: Arc::new(Emulator::new(seed)),
        }
    }

    /// Calls an operation as `caller` with the request as JSON text; the response as JSON
    /// text. The GIL is released while the emulator works.
    fn call_json(
        &self,
        py: Python<'_>,
        service: &str,
        operation: &str,
        caller: &str,
        request: &str,
    ) -> PyResult<String> {
        let inner = Arc::clone(&self.inner);
        py.detach(|| inner.call_json(service, operation, caller, request))
            .map_err(|err| raise(py, &err, operation))
    }

    /// Registers a standalone account with its email and name.
    fn register_account(
        &self,
        py: Python<'_>,
        account_id: &str,
        email: &str,
        name: &str,
    ) -> PyResult<()> {
        self.inner
            .register_account(account_id, email, name)
            .map_err(|err| raise(py, &err, ""))
    }

    /// Adds a user email to a Chime account (for ListAccounts' UserEmail filter).
    fn add_chime_user(&self, py: Python<'_>, chime_account_id: &str, email: &str) -> PyResult<()> {
        self.inner
            .add_chime_user(chime_account_id, email)
            .map_err(|err| raise(py, &err, ""))
    }

    /// The virtual clock, seconds since the epoch.
    fn now(&self) -> f64 {
        self.inner.now()
    }

    /// Moves the clock forward by `seconds`.
    fn advance(&self, py: Python<'_>, seconds: f64) -> PyResult<()> {
        self.inner
            .advance(seconds)
            .map_err(|err| raise(py, &err, ""))
    }

    /// The limits in force, as a dict.
    fn quotas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let quotas = self.inner.quotas();
        let dict = PyDict::new(py);
        dict.set_item("max_accounts", quotas.max_accounts)?;
        dict.set_item("max_organizational_units", quotas.max_organizational_units)?;
        dict.set_item("max_policies", quotas.max_policies)?;
        Ok(dict)
    }

    /// Sets the limits; a limit left out keeps its value.
    #[pyo3(signature = (*, max_accounts = None, max_organizational_units = None, max_policies = None))]
    fn set_quotas(
        &self,
        max_accounts: Option<usize>,
        max_organizational_units: Option<usize>,
        max_policies: Option<usize>,
    ) {
        let current = self.inner.quotas();
        self.inner.set_quotas(Quotas {
            max_accounts: max_accounts.unwrap_or(current.max_accounts),
            max_organizational_units: max_organizational_units
                .unwrap_or(current.max_organizational_units),
            max_policies: max_policies.unwrap_or(current.max_policies),
        });
    }

    /// The whole state as versioned JSON text.
    fn export_json(&self) -> String {
        self.inner.export().to_string()
    }

    /// Replaces the state with a snapshot (JSON text); on error the state is unchanged.
    fn import_json(&self, py: Python<'_>, snapshot: &str) -> PyResult<()> {
        let value: serde_json::Value = serde_json::from_str(snapshot).map_err(|err| {
            raise(
                py,
                &EmulatorError::Snapshot {
                    code: "SNAPSHOT_CORRUPT",
                    message: format!("the snapshot is not JSON: {err}"),
                },
                "",
            )
        })?;
        self.inner.import(&value).map_err(|err| raise(py, &err, ""))
    }

    /// Writes the snapshot to `path` atomically.
    fn save(&self, py: Python<'_>, path: std::path::PathBuf) -> PyResult<()> {
        let inner = Arc::clone(&self.inner);
        py.detach(|| inner.save(&path))
            .map_err(|err| raise(py, &err, ""))
    }

    /// An emulator read from a snapshot file.
    #[staticmethod]
    fn load(py: Python<'_>, path: std::path::PathBuf) -> PyResult<Self> {
        let loaded = py
            .detach(|| Emulator::load(&path))
            .map_err(|err| raise(py, &err, ""))?;
        Ok(PyEmulator {
            inner: Arc::new(loaded),
        })
    }

    /// Replaces the state with the snapshot at `path`; on error the state is unchanged.
    fn load_into(&self, py: Python<'_>, path: std::path::PathBuf) -> PyResult<()> {
        let inner = Arc::clone(&self.inner);
        py.detach(|| inner.load_into(&path))
            .map_err(|err| raise(py, &err, ""))
    }

    /// What is structurally wrong with the state (empty when nothing is).
    fn check_invariants(&self) -> Vec<String> {
        self.inner.check_invariants()
    }
}

/// The members of `service` whose shape is a timestamp.
#[pyfunction]
pub fn timestamp_members(service: &str) -> PyResult<Vec<&'static str>> {
    orgkit::model::service(service)
        .map(|s| s.timestamp_members())
        .ok_or_else(|| {
            pyo3::exceptions::PyLookupError::new_err(format!("unknown service {service:?}"))
        })
}

/// Every error shape the operations of `service` list.
#[pyfunction]
pub fn error_names(service: &str) -> PyResult<Vec<&'static str>> {
    orgkit::model::service(service)
        .map(|s| s.error_names())
        .ok_or_else(|| {
            pyo3::exceptions::PyLookupError::new_err(format!("unknown service {service:?}"))
        })
}
