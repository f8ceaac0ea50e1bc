//! Mirrors `orgkit::handshake`: the transition table, one decision, and applying an event to a
//! handshake (as JSON; `orgkit/_handshake.py` converts boto3 dicts and datetimes).

use orgkit::handshake::{
    apply_event, decide, transition_table, ActionKind, ApplyError, EventKind, Outcome, Role,
    StateKind,
};
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
    shielded(py, || {
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
    })
}

use crate::error::{argument_error, name_argument, shielded};

/// A state-machine name (`action`, `state`, `event`, `role`) a caller passed.
fn parsed<T>(
    py: Python<'_>,
    what: &str,
    value: &Bound<'_, PyAny>,
    parse: impl FnOnce(&str) -> Result<T, orgkit::UnknownName>,
) -> PyResult<T> {
    let name = name_argument(py, what, value)?;
    parse(&name).map_err(|err| argument_error(py, orgkit::error::INVALID_ARGUMENT, err.to_string()))
}

/// A flag a caller passed: a `bool` and nothing else (a truthy string is not a flag).
fn flag(py: Python<'_>, what: &str, value: &Bound<'_, PyAny>) -> PyResult<bool> {
    value
        .cast::<pyo3::types::PyBool>()
        .map(|flag| flag.is_true())
        .map_err(|_| {
            argument_error(
                py,
                orgkit::error::INVALID_ARGUMENT,
                format!(
                    "{what} must be a bool, not {}",
                    crate::error::type_label(value)
                ),
            )
        })
}

/// One decision of the state machine: `{"to": state, "error": None}` or
/// `{"to": None, "error": "AccessDeniedException"}`.
#[pyfunction]
#[pyo3(signature = (action, state, event, role, expired=None, last_child=None))]
pub fn decide_handshake<'py>(
    py: Python<'py>,
    action: &Bound<'py, PyAny>,
    state: &Bound<'py, PyAny>,
    event: &Bound<'py, PyAny>,
    role: &Bound<'py, PyAny>,
    expired: Option<&Bound<'py, PyAny>>,
    last_child: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let action = parsed(py, "action", action, ActionKind::parse_name)?;
    let state = parsed(py, "state", state, StateKind::parse_name)?;
    let event = parsed(py, "event", event, EventKind::parse_name)?;
    let role = parsed(py, "role", role, Role::parse_name)?;
    let expired = expired.map_or(Ok(false), |value| flag(py, "expired", value))?;
    let last_child = last_child.map_or(Ok(true), |value| flag(py, "last_child", value))?;
    shielded(py, || {
        outcome_dict(py, decide(action, state, event, role, expired, last_child))
    })
}

static HANDSHAKE_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// Applies an event to a handshake given as wire JSON; returns the handshake after it as JSON.
/// Raises `orgkit.HandshakeError` when the state machine refuses the event,
/// `orgkit.ArgumentError` (code INVALID_ARGUMENT) for unusable arguments.
#[pyfunction]
#[pyo3(signature = (handshake_json, event, account, email, organization, now, remaining_children))]
#[allow(clippy::too_many_arguments)]
pub fn apply_handshake_event_json(
    py: Python<'_>,
    handshake_json: &Bound<'_, PyAny>,
    event: &Bound<'_, PyAny>,
    account: Option<&Bound<'_, PyAny>>,
    email: Option<&Bound<'_, PyAny>>,
    organization: Option<&Bound<'_, PyAny>>,
    now: &Bound<'_, PyAny>,
    remaining_children: &Bound<'_, PyAny>,
) -> PyResult<String> {
    let invalid = |message: String| argument_error(py, orgkit::error::INVALID_ARGUMENT, message);
    let handshake_json = name_argument(py, "handshake", handshake_json)?;
    let event = name_argument(py, "event", event)?;
    let optional = |what: &str, value: Option<&Bound<'_, PyAny>>| -> PyResult<Option<String>> {
        match value.filter(|value| !value.is_none()) {
            None => Ok(None),
            Some(value) => Ok(Some(name_argument(py, what, value)?.into_owned())),
        }
    };
    let account = optional("actor", account)?;
    let email = optional("email", email)?;
    let organization = optional("organization", organization)?;
    let now: f64 = now
        .extract::<f64>()
        .ok()
        .filter(|seconds| seconds.is_finite())
        .ok_or_else(|| {
            invalid("now must be a finite number of seconds or a datetime".to_owned())
        })?;
    let remaining_children: usize = remaining_children
        .extract::<usize>()
        .map_err(|_| invalid("remaining_children must be an int from 0 up".to_owned()))?;
    let handshake: serde_json::Value = serde_json::from_str(&handshake_json)
        .map_err(|err| invalid(format!("the handshake is not JSON: {err}")))?;
    let actor = account
        .as_deref()
        .map(|id| (id, email.as_deref(), organization.as_deref()));
    let applied = shielded(py, || {
        Ok(apply_event(
            handshake,
            &event,
            actor,
            now,
            remaining_children,
        ))
    })?;
    match applied {
        Ok(after) => Ok(after.to_string()),
        Err(ApplyError::Invalid(message)) => Err(invalid(message)),
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
