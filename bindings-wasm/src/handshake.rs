//! Mirrors `orgkit::handshake`: the transition table and one decision, as data for pages.

use js_sys::{Array, Object};
use orgkit::handshake::{
    decide, transition_table, ActionKind, EventKind, Outcome, Role, StateKind,
};
use wasm_bindgen::prelude::*;

use crate::set;

fn set_outcome(object: &Object, outcome: Outcome) {
    match outcome {
        Outcome::To(state) => set(object, "to", state.as_str()),
        Outcome::Refused(code) => set(object, "error", code.as_str()),
    }
}

/// Every (action, from, event, role) case of the handshake state machine, with `to` (the state
/// after) or `error` (the AWS exception).
#[wasm_bindgen(js_name = handshakeTransitions)]
pub fn handshake_transitions() -> Array {
    transition_table()
        .into_iter()
        .map(|row| {
            let object = Object::new();
            set(&object, "action", row.action.as_str());
            set(&object, "from", row.from.as_str());
            set(&object, "event", row.event.as_str());
            set(&object, "role", row.role.as_str());
            set_outcome(&object, row.outcome);
            JsValue::from(object)
        })
        .collect()
}

fn unknown(err: orgkit::UnknownName) -> JsError {
    JsError::new(&err.to_string())
}

/// One decision of the state machine: `{ to }` or `{ error }`.
#[wasm_bindgen(js_name = decideHandshake)]
pub fn decide_handshake(
    action: &str,
    state: &str,
    event: &str,
    role: &str,
    expired: Option<bool>,
    last_child: Option<bool>,
) -> Result<Object, JsError> {
    let outcome = decide(
        ActionKind::parse_name(action).map_err(unknown)?,
        StateKind::parse_name(state).map_err(unknown)?,
        EventKind::parse_name(event).map_err(unknown)?,
        Role::parse_name(role).map_err(unknown)?,
        expired.unwrap_or(false),
        last_child.unwrap_or(true),
    );
    let object = Object::new();
    set_outcome(&object, outcome);
    Ok(object)
}
