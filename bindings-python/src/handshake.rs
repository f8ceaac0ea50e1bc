//! Mirrors `orgkit::handshake`: the transition table, one decision, and applying an event to a
//! handshake (as JSON; `orgkit/_handshake.py` converts boto3 dicts and datetimes).

use orgkit::handshake::{
    apply_event, decide, transition_table, ActionKind, ApplyError, EventKind, Outcome, Role,
    StateKind,
};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyType};

fn outcome_dict<'py>(py: Python<'py>, outcome: Outcome) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    match outcome {
        Outcome::To(state) => {
            dict.set_item("to", state.as_str())?;
            dict.set_item("error", py.None())?;
        }
        Outcome::Refused(code) => {
            dict.set_item("to", py.None())?;
            dict.set_item("error", code.as_str())?;
        }
    }
    Ok(dict)
}

/// Every (action, from, event, role) case of the handshake state machine, with its outcome:
/// `to` (the new state) or `error` (the AWS exception name).
#[pyfunction]
pub fn handshake_transitions(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    let rows = PyList::empty(py);
    for row in transition_table() {
        let dict = outcome_dict(py, row.outcome)?;
        dict.set_item("action", row.action.as_str())?;
        dict.set_item("from", row.from.as_str())?;
        dict.set_item("event", row.event.as_str())?;
        dict.set_item("role", row.role.as_str())?;
        rows.append(dict)?;
    }
    Ok(rows)
}

fn unknown(err: orgkit::UnknownName) -> PyErr {
    PyValueError::new_err(err.to_string())
}

/// One decision of the state machine: `{"to": state, "error": None}` or
/// `{"to": None, "error": "AccessDeniedException"}`.
#[pyfunction]
#[pyo3(signature = (action, state, event, role, expired=false, last_child=true))]
pub fn decide_handshake<'py>(
    py: Python<'py>,
    action: &str,
    state: &str,
    event: &str,
    role: &str,
    expired: bool,
    last_child: bool,
) -> PyResult<Bound<'py, PyDict>> {
    let action = ActionKind::parse_name(action).map_err(unknown)?;
    let state = StateKind::parse_name(state).map_err(unknown)?;
    let event = EventKind::parse_name(event).map_err(unknown)?;
    let role = Role::parse_name(role).map_err(unknown)?;
    outcome_dict(py, decide(action, state, event, role, expired, last_child))
}

static HANDSHAKE_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// Applies an event to a handshake given as wire JSON; returns the handshake after it as JSON.
/// Raises `orgkit.HandshakeError` when the state machine refuses the event, `ValueError` for
/// unusable arguments.
#[pyfunction]
#[pyo3(signature = (handshake_json, event, account, email, organization, now, remaining_children))]
#[allow(clippy::too_many_arguments)]
pub fn apply_handshake_event_json(
    py: Python<'_>,
    handshake_json: &str,
    event: &str,
    account: Option<&str>,
    email: Option<&str>,
    organization: Option<&str>,
    now: f64,
    remaining_children: usize,
) -> PyResult<String> {
    let handshake: serde_json::Value = serde_json::from_str(handshake_json)
        .map_err(|err| PyValueError::new_err(format!("the handshake is not JSON: {err}")))?;
    let actor = account.map(|id| (id, email, organization));
    match apply_event(handshake, event, actor, now, remaining_children) {
        Ok(after) => Ok(after.to_string()),
        Err(ApplyError::Invalid(message)) => Err(PyValueError::new_err(message)),
        Err(ApplyError::Refused(refused)) => {
            let class = HANDSHAKE_ERROR.get_or_try_init(py, || -> PyResult<Py<PyType>> {
                let class = py.import("orgkit._errors")?.getattr("HandshakeError")?;
                Ok(class.cast_into::<PyType>()?.unbind())
            })?;
            let instance =
                class
                    .bind(py)
                    .call1((refused.code.as_str(), refused.message, refused.reason))?;
            Err(PyErr::from_value(instance))
        }
    }
}
