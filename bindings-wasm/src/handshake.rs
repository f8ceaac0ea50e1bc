//! Mirrors `orgkit::handshake`: the transition table and one decision, as data for pages.

use js_sys::{Array, Object};
use orgkit::handshake::{
    decide, transition_table, ActionKind, EventKind, Outcome, Role, StateKind,
};
use wasm_bindgen::prelude::*;

use crate::error::argument_error;
use crate::{flag_argument, set, text_argument};

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

/// A name argument parsed with `parse`, or `OrgkitArgumentError` (INVALID_ARGUMENT) for a
/// value that is not a string or not a known name.
fn named<T>(
    what: &str,
    value: &JsValue,
    parse: fn(&str) -> Result<T, orgkit::UnknownName>,
) -> Result<T, JsValue> {
    let text = text_argument(what, value).map_err(|message| argument_error(&message))?;
    parse(&text).map_err(|err| argument_error(&err.to_string()))
}

/// One decision of the state machine: `{ to }` or `{ error }`. `expired` defaults to false
/// and `lastChild` to true. Throws `OrgkitArgumentError` (INVALID_ARGUMENT) for a name that is
/// not a string or not known, and for a flag that is not a boolean.
#[wasm_bindgen(js_name = decideHandshake)]
pub fn decide_handshake(
    action: JsValue,
    state: JsValue,
    event: JsValue,
    role: JsValue,
    expired: JsValue,
    last_child: JsValue,
) -> Result<Object, JsValue> {
    let flag = |what: &str, value: &JsValue, default: bool| {
        flag_argument(what, value, default).map_err(|message| argument_error(&message))
    };
    let outcome = decide(
        named("action", &action, ActionKind::parse_name)?,
        named("state", &state, StateKind::parse_name)?,
        named("event", &event, EventKind::parse_name)?,
        named("role", &role, Role::parse_name)?,
        flag("expired", &expired, false)?,
        flag("lastChild", &last_child, true)?,
    );
    let object = Object::new();
    set_outcome(&object, outcome);
    Ok(object)
}
