//! Mirrors `orgkit::emulator`: the `Emulator` class. A call validates the keyword arguments
//! where they lie (core's `call_output` over `PyInput`) and turns the core's `Output` into
//! boto3-shaped Python objects; `orgkit/_emulator.py` adds boto3's client surface. A failed
//! call raises the exception `orgkit._errors.emulator_error` builds from the error's JSON.

use std::sync::Arc;

use orgkit::emulator::wire::HttpRequest;
use orgkit::emulator::{Emulator, EmulatorError, Output, Quotas};
use orgkit::server::{Server, ServerOptions};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyDict, PyList};

use crate::error::{shielded, EditionArg};
use crate::validate::{member_name, PyInput};

static ERROR_FACTORY: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static FROM_EPOCH: PyOnceLock<(Py<PyAny>, Py<PyAny>)> = PyOnceLock::new();
static FROM_ISO: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
/// An aware `datetime` from seconds since the epoch.
fn datetime_from_epoch(py: Python<'_>, seconds: f64) -> PyResult<Bound<'_, PyAny>> {
    let (from_timestamp, utc) = FROM_EPOCH.get_or_try_init(py, || -> PyResult<_> {
        let datetime = py.import("datetime")?;
        Ok((
            datetime
                .getattr("datetime")?
                .getattr("fromtimestamp")?
                .unbind(),
            datetime.getattr("timezone")?.getattr("utc")?.unbind(),
        ))
    })?;
    from_timestamp.bind(py).call1((seconds, utc.bind(py)))
}

/// An aware `datetime` from ISO-8601 text.
fn datetime_from_iso<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    let from_iso = FROM_ISO.get_or_try_init(py, || -> PyResult<_> {
        Ok(py
            .import("datetime")?
            .getattr("datetime")?
            .getattr("fromisoformat")?
            .unbind())
    })?;
    let text = text
        .strip_suffix('Z')
        .map_or_else(|| text.to_owned(), |t| format!("{t}+00:00"));
    from_iso.bind(py).call1((text,))
}

/// A response as Python objects, `datetime`s for its timestamps. Equal timestamps share one
/// `datetime` (immutable): the emulator's clock is virtual, so accounts created together
/// carry the same time.
fn output_to_python<'py>(
    py: Python<'py>,
    output: &Output,
    last: &mut Option<(f64, Bound<'py, PyAny>)>,
) -> PyResult<Bound<'py, PyAny>> {
    Ok(match output {
        Output::Null => py.None().into_bound(py),
        Output::Bool(flag) => flag.into_pyobject(py)?.to_owned().into_any(),
        Output::Integer(n) => n.into_pyobject(py)?.into_any(),
        Output::Epoch(seconds) => match last {
            Some((seen, moment)) if seen.to_bits() == seconds.to_bits() => moment.clone(),
            _ => {
                let moment = datetime_from_epoch(py, *seconds)?;
                *last = Some((*seconds, moment.clone()));
                moment
            }
        },
        Output::Iso(text) => datetime_from_iso(py, text)?,
        Output::Text(text) => text.into_pyobject(py)?.into_any(),
        Output::Static(text) => text.into_pyobject(py)?.into_any(),
        Output::List(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(output_to_python(py, item, last)?)?;
            }
            list.into_any()
        }
        Output::Object(members) => {
            let dict = PyDict::new(py);
            for (key, value) in members {
                dict.set_item(member_name(py, key), output_to_python(py, value, last)?)?;
            }
            dict.into_any()
        }
        // `Output` may grow; a kind this build does not know becomes None.
        _ => py.None().into_bound(py),
    })
}

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
    fn new(py: Python<'_>, seed: u64) -> PyResult<Self> {
        shielded(py, || {
            Ok(PyEmulator {
                inner: Arc::new(Emulator::new(seed)),
            })
        })
    }

    /// Calls an operation as `caller` with the request as Python objects (validated where
    /// they lie, so any object gets a clear error); the response as boto3-shaped Python objects
    /// with `datetime` timestamps and `ResponseMetadata`.
    fn call<'py>(
        &self,
        py: Python<'py>,
        service: &str,
        operation: &str,
        caller: &str,
        params: Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        shielded(py, || {
            let output = self
                .inner
                .call_output(service, operation, caller, &PyInput(params))
                .map_err(|err| raise(py, &err, operation))?;
            let response = output_to_python(py, &output, &mut None)?;
            if let Ok(dict) = response.cast::<PyDict>() {
                let metadata = PyDict::new(py);
                let status = orgkit::emulator::success_status(service, operation).unwrap_or(200);
                metadata.set_item(pyo3::intern!(py, "HTTPStatusCode"), status)?;
                dict.set_item(pyo3::intern!(py, "ResponseMetadata"), metadata)?;
            }
            Ok(response)
        })
    }

    /// `call` with the request as keyword arguments, as boto3's client methods take it.
    #[pyo3(signature = (service, operation, caller, **params))]
    fn call_kwargs<'py>(
        &self,
        py: Python<'py>,
        service: &str,
        operation: &str,
        caller: &str,
        params: Option<Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let params = params.unwrap_or_else(|| PyDict::new(py));
        self.call(py, service, operation, caller, params.into_any())
    }

    /// Registers a standalone account with its email and name.
    fn register_account(
        &self,
        py: Python<'_>,
        account_id: &str,
        email: &str,
        name: &str,
    ) -> PyResult<()> {
        shielded(py, || {
            self.inner
                .register_account(account_id, email, name)
                .map_err(|err| raise(py, &err, ""))
        })
    }

    /// Adds a user email to a Chime account (for ListAccounts' UserEmail filter).
    fn add_chime_user(&self, py: Python<'_>, chime_account_id: &str, email: &str) -> PyResult<()> {
        shielded(py, || {
            self.inner
                .add_chime_user(chime_account_id, email)
                .map_err(|err| raise(py, &err, ""))
        })
    }

    /// The virtual clock, seconds since the epoch.
    fn now(&self, py: Python<'_>) -> PyResult<f64> {
        shielded(py, || Ok(self.inner.now()))
    }

    /// Moves the clock forward by `seconds`.
    fn advance(&self, py: Python<'_>, seconds: f64) -> PyResult<()> {
        shielded(py, || {
            self.inner
                .advance(seconds)
                .map_err(|err| raise(py, &err, ""))
        })
    }

    /// The limits in force, as a dict.
    fn quotas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        shielded(py, || {
            let quotas = self.inner.quotas();
            let dict = PyDict::new(py);
            dict.set_item("max_accounts", quotas.max_accounts)?;
            dict.set_item("max_organizational_units", quotas.max_organizational_units)?;
            dict.set_item("max_policies", quotas.max_policies)?;
            Ok(dict)
        })
    }

    /// Sets the limits; a limit left out keeps its value.
    #[pyo3(signature = (*, max_accounts = None, max_organizational_units = None, max_policies = None))]
    fn set_quotas(
        &self,
        py: Python<'_>,
        max_accounts: Option<usize>,
        max_organizational_units: Option<usize>,
        max_policies: Option<usize>,
    ) -> PyResult<()> {
        shielded(py, || {
            let current = self.inner.quotas();
            self.inner.set_quotas(Quotas {
                max_accounts: max_accounts.unwrap_or(current.max_accounts),
                max_organizational_units: max_organizational_units
                    .unwrap_or(current.max_organizational_units),
                max_policies: max_policies.unwrap_or(current.max_policies),
            });
            Ok(())
        })
    }

    /// The whole state as versioned JSON text.
    fn export_json(&self, py: Python<'_>) -> PyResult<String> {
        shielded(py, || Ok(self.inner.export().to_string()))
    }

    /// Replaces the state with a snapshot (JSON text of at most `max_bytes`); on error the
    /// state is unchanged.
    #[pyo3(signature = (snapshot, max_bytes = orgkit::emulator::DEFAULT_SNAPSHOT_LIMIT))]
    fn import_json(&self, py: Python<'_>, snapshot: &str, max_bytes: u64) -> PyResult<()> {
        shielded(py, || {
            self.inner
                .import_json(snapshot, max_bytes)
                .map_err(|err| raise(py, &err, ""))
        })
    }

    /// Marks an account CreateAccount made as set up to stand alone (it may then leave or be
    /// removed).
    fn prepare_standalone(&self, py: Python<'_>, account_id: &str) -> PyResult<()> {
        shielded(py, || {
            self.inner
                .prepare_standalone(account_id)
                .map_err(|err| raise(py, &err, ""))
        })
    }

    /// The most characters a policy document may have.
    fn policy_document_limit(&self) -> usize {
        self.inner.policy_document_limit()
    }

    /// Sets the policy document limit.
    fn set_policy_document_limit(&self, max_characters: usize) {
        self.inner.set_policy_document_limit(max_characters)
    }

    /// Writes the snapshot to `path` atomically.
    fn save(&self, py: Python<'_>, path: std::path::PathBuf) -> PyResult<()> {
        let inner = Arc::clone(&self.inner);
        shielded(py, || {
            py.detach(|| inner.save(&path))
                .map_err(|err| raise(py, &err, ""))
        })
    }

    /// An emulator read from a snapshot file.
    #[staticmethod]
    #[pyo3(signature = (path, max_bytes = orgkit::emulator::DEFAULT_SNAPSHOT_LIMIT))]
    fn load(py: Python<'_>, path: std::path::PathBuf, max_bytes: u64) -> PyResult<Self> {
        let loaded = shielded(py, || {
            py.detach(|| Emulator::load_with_limit(&path, max_bytes))
                .map_err(|err| raise(py, &err, ""))
        })?;
        Ok(PyEmulator {
            inner: Arc::new(loaded),
        })
    }

    /// Replaces the state with the snapshot at `path`; on error the state is unchanged.
    #[pyo3(signature = (path, max_bytes = orgkit::emulator::DEFAULT_SNAPSHOT_LIMIT))]
    fn load_into(&self, py: Python<'_>, path: std::path::PathBuf, max_bytes: u64) -> PyResult<()> {
        let inner = Arc::clone(&self.inner);
        shielded(py, || {
            py.detach(|| inner.load_into_with_limit(&path, max_bytes))
                .map_err(|err| raise(py, &err, ""))
        })
    }

    /// Whether the SCPs of the emulated organization allow a principal of `account_id` to
    /// make a request, and why (an `orgkit.Decision`).
    #[pyo3(signature = (account_id, action, resource = None, context = None, principal = None))]
    fn simulate<'py>(
        &self,
        py: Python<'py>,
        account_id: &str,
        action: &Bound<'py, PyAny>,
        resource: Option<&Bound<'py, PyAny>>,
        context: Option<&Bound<'py, PyAny>>,
        principal: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<crate::policy::PyDecision> {
        shielded(py, || {
            let request = crate::policy::request(py, action, resource, context, principal)?;
            self.inner
                .simulate(account_id, &request)
                .map(Into::into)
                .map_err(|err| raise(py, &err, ""))
        })
    }

    /// The SCPs in effect for a root, OU or account, root first: a list of dicts with
    /// `target`, `kind`, `name` and `policies` (`policy_id`, `name`).
    fn effective_scps<'py>(
        &self,
        py: Python<'py>,
        target_id: &str,
    ) -> PyResult<Bound<'py, PyList>> {
        shielded(py, || {
            let levels = self
                .inner
                .effective_scps(target_id)
                .map_err(|err| raise(py, &err, ""))?;
            let list = PyList::empty(py);
            for level in levels {
                let dict = PyDict::new(py);
                dict.set_item("target", level.target)?;
                dict.set_item("kind", level.kind)?;
                dict.set_item("name", level.name)?;
                let policies = PyList::empty(py);
                for policy in level.policies {
                    let entry = PyDict::new(py);
                    entry.set_item("policy_id", policy.policy_id)?;
                    entry.set_item("name", policy.name)?;
                    policies.append(entry)?;
                }
                dict.set_item("policies", policies)?;
                list.append(dict)?;
            }
            Ok(list)
        })
    }

    /// What is structurally wrong with the state (empty when nothing is).
    fn check_invariants(&self, py: Python<'_>) -> PyResult<Vec<String>> {
        shielded(py, || Ok(self.inner.check_invariants()))
    }

    /// Serves one HTTP request as AWS would (core `Emulator::handle_http`): the method, the
    /// path with its query, the headers as `(name, value)` pairs and the body's bytes in;
    /// `(status, headers, body)` out.
    fn handle_http<'py>(
        &self,
        py: Python<'py>,
        method: &str,
        target: &str,
        headers: Vec<(String, String)>,
        body: &[u8],
    ) -> PyResult<WireResponse<'py>> {
        shielded(py, || {
            let inner = Arc::clone(&self.inner);
            let response = py.detach(|| {
                let pairs: Vec<(&str, &str)> = headers
                    .iter()
                    .map(|(name, value)| (name.as_str(), value.as_str()))
                    .collect();
                inner.handle_http(&HttpRequest {
                    method,
                    target,
                    headers: &pairs,
                    body,
                })
            });
            Ok((
                response.status,
                response.headers,
                PyBytes::new(py, &response.body),
            ))
        })
    }

    /// `(access_key_id, secret_access_key)` that act as `account_id` over the wire.
    fn credentials(&self, py: Python<'_>, account_id: &str) -> PyResult<(String, String)> {
        shielded(py, || {
            let credentials = self
                .inner
                .credentials(account_id)
                .map_err(|err| raise(py, &err, ""))?;
            Ok((credentials.access_key_id, credentials.secret_access_key))
        })
    }

    /// The account requests with unknown keys act as.
    fn default_caller(&self, py: Python<'_>) -> PyResult<String> {
        shielded(py, || Ok(self.inner.default_caller()))
    }

    /// Sets the account requests with unknown keys act as.
    fn set_default_caller(&self, py: Python<'_>, account_id: &str) -> PyResult<()> {
        shielded(py, || {
            self.inner
                .set_default_caller(account_id)
                .map_err(|err| raise(py, &err, ""))
        })
    }
}

/// `(status, headers, body)` of a wire response.
type WireResponse<'py> = (u16, Vec<(&'static str, String)>, Bound<'py, PyBytes>);

/// A loopback HTTP server in front of an emulator (core `orgkit::server`); `orgkit.serve`
/// wraps it.
#[pyclass(frozen, module = "orgkit._orgkit", name = "Server")]
pub struct PyServer {
    inner: std::sync::Mutex<Option<Server>>,
    endpoint_url: String,
    port: u16,
}

#[pymethods]
impl PyServer {
    /// Starts serving `emulator` on `address` (`127.0.0.1:0` picks a free port).
    #[new]
    #[pyo3(signature = (emulator, address, allow_remote = false))]
    fn new(
        py: Python<'_>,
        emulator: &PyEmulator,
        address: &str,
        allow_remote: bool,
    ) -> PyResult<Self> {
        shielded(py, || {
            let inner = Arc::clone(&emulator.inner);
            let server = py
                .detach(|| Server::start_with(inner, address, ServerOptions { allow_remote }))
                .map_err(|err| {
                    let usage = EmulatorError::Usage {
                        code: err.code(),
                        message: err.message().to_owned(),
                    };
                    raise(py, &usage, "")
                })?;
            Ok(PyServer {
                endpoint_url: server.endpoint_url(),
                port: server.local_addr().port(),
                inner: std::sync::Mutex::new(Some(server)),
            })
        })
    }

    /// `http://127.0.0.1:<port>`.
    #[getter]
    fn endpoint_url(&self) -> &str {
        &self.endpoint_url
    }

    /// The port it listens on.
    #[getter]
    fn port(&self) -> u16 {
        self.port
    }

    /// Stops the server (requests in flight finish); a second call does nothing.
    fn stop(&self, py: Python<'_>) -> PyResult<()> {
        shielded(py, || {
            let server = self
                .inner
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .take();
            if let Some(server) = server {
                py.detach(|| server.stop());
            }
            Ok(())
        })
    }
}

/// Every error shape the operations of `service` list in `edition` (`"current"` by default,
/// or `"original"`, the edition the emulator serves).
#[pyfunction]
#[pyo3(
    signature = (service, *, edition = EditionArg::default()),
    text_signature = "(service, *, edition='current')"
)]
pub fn error_names(
    py: Python<'_>,
    service: &str,
    edition: EditionArg,
) -> PyResult<Vec<&'static str>> {
    shielded(py, || {
        edition
            .0
            .service(service)
            .map(|s| s.error_names())
            .ok_or_else(|| {
                pyo3::exceptions::PyLookupError::new_err(format!("unknown service {service:?}"))
            })
    })
}
