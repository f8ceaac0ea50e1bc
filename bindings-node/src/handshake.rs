//! Mirrors `orgkit::handshake`: the transition table, one decision, and applying an event to a
//! handshake given as JSON (`orgkit.js` converts SDK objects and `Date`s).

use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::error::shielded;
use orgkit::handshake::{
    apply_event, decide, transition_table, ActionKind, ApplyError, EventKind, Outcome, Role,
    StateKind,
};

/// One case of the handshake state machine.
#[napi(object)]
pub struct HandshakeTransition {
    /// INVITE, ENABLE_ALL_FEATURES or APPROVE_ALL_FEATURES.
    pub action: String,
    /// The state before.
    pub from: String,
    /// accept, decline, cancel, expire or child_accepted.
    pub event: String,
    /// originator, recipient, other or system.
    pub role: String,
    /// The state after, when the event is allowed.
    pub to: Option<String>,
    /// The AWS exception, when it is refused.
    pub error: Option<String>,
}

/// The outcome of one decision.
#[napi(object)]
pub struct HandshakeOutcome {
    /// The state after, when the event is allowed.
    pub to: Option<String>,
    /// The AWS exception, when it is refused.
    pub error: Option<String>,
}

fn outcome_parts(outcome: Outcome) -> (Option<String>, Option<String>) {
    match outcome {
        Outcome::To(state) => (Some(state.as_str().to_owned()), None),
        Outcome::Refused(code) => (None, Some(code.as_str().to_owned())),
    }
}

/// Every (action, from, event, role) case of the handshake state machine.
#[napi]
pub fn handshake_transitions() -> Result<Vec<HandshakeTransition>, &'static str> {
    shielded(|| {
        Ok(transition_table()
            .into_iter()
            .map(|row| {
                let (to, error) = outcome_parts(row.outcome);
                HandshakeTransition {
                    action: row.action.as_str().to_owned(),
                    from: row.from.as_str().to_owned(),
                    event: row.event.as_str().to_owned(),
                    role: row.role.as_str().to_owned(),
                    to,
                    error,
                }
            })
            .collect())
    })
}

/// A state-machine name a caller passed; INVALID_ARGUMENT when it is not one.
fn parsed<T>(
    what: &str,
    value: &Unknown<'_>,
    parse: impl FnOnce(&str) -> std::result::Result<T, orgkit::UnknownName>,
) -> Result<T, &'static str> {
    let name = crate::ids::name_argument(what, value)?;
    parse(&name).map_err(|err| crate::error::argument(err.to_string()))
}

/// A flag a caller passed: a boolean, or absent for the default.
fn flag(what: &str, value: Option<Unknown<'_>>, default: bool) -> Result<bool, &'static str> {
    match value {
        None => Ok(default),
        Some(value) => match value.get_type() {
            Ok(napi::ValueType::Undefined) => Ok(default),
            Ok(napi::ValueType::Boolean) => {
                // SAFETY: the value was just checked to be a boolean.
                let flag: bool = unsafe { value.cast() }
                    .map_err(crate::error::coded(orgkit::error::INVALID_ARGUMENT))?;
                Ok(flag)
            }
            _ => Err(crate::error::argument(format!("{what} must be a boolean"))),
        },
    }
}

/// One decision of the state machine.
#[napi(
    ts_args_type = "action: string, state: string, event: string, role: string, expired?: boolean, lastChild?: boolean"
)]
pub fn decide_handshake(
    action: Unknown<'_>,
    state: Unknown<'_>,
    event: Unknown<'_>,
    role: Unknown<'_>,
    expired: Option<Unknown<'_>>,
    last_child: Option<Unknown<'_>>,
) -> Result<HandshakeOutcome, &'static str> {
    let action = parsed("action", &action, ActionKind::parse_name)?;
    let state = parsed("state", &state, StateKind::parse_name)?;
    let event = parsed("event", &event, EventKind::parse_name)?;
    let role = parsed("role", &role, Role::parse_name)?;
    let expired = flag("expired", expired, false)?;
    let last_child = flag("lastChild", last_child, true)?;
    crate::error::shielded(|| {
        let outcome = decide(action, state, event, role, expired, last_child);
        let (to, error) = outcome_parts(outcome);
        Ok(HandshakeOutcome { to, error })
    })
}

/// A refused event.
#[napi(object)]
pub struct HandshakeRefusal {
    /// The AWS exception name.
    pub code: String,
    /// The exception's reason (HandshakeConstraintViolationException).
    pub reason: Option<String>,
    /// An AWS-style message.
    pub message: String,
}

/// The result of applying an event.
#[napi(object)]
pub struct HandshakeApplication {
    /// The handshake after the event, as JSON, when it was applied.
    pub handshake: Option<String>,
    /// Why it was refused.
    pub refused: Option<HandshakeRefusal>,
}

/// Applies an event to a handshake given as wire JSON. Throws for unusable arguments.
#[napi]
#[allow(clippy::too_many_arguments)]
pub fn apply_handshake_event_json(
    handshake_json: String,
    event: String,
    account: Option<String>,
    email: Option<String>,
    organization: Option<String>,
    now: f64,
    remaining_children: Option<u32>,
) -> Result<HandshakeApplication, &'static str> {
    let handshake: serde_json::Value = serde_json::from_str(&handshake_json)
        .map_err(|err| crate::error::argument(format!("the handshake is not JSON: {err}")))?;
    let actor = account
        .as_deref()
        .map(|id| (id, email.as_deref(), organization.as_deref()));
    let remaining = remaining_children.unwrap_or(0) as usize;
    crate::error::shielded(
        || match apply_event(handshake, &event, actor, now, remaining) {
            Ok(after) => Ok(HandshakeApplication {
                handshake: Some(after.to_string()),
                refused: None,
            }),
            Err(ApplyError::Refused(refused)) => Ok(HandshakeApplication {
                handshake: None,
                refused: Some(HandshakeRefusal {
                    code: refused.code.as_str().to_owned(),
                    reason: refused.reason.map(str::to_owned),
                    message: refused.message,
                }),
            }),
            Err(ApplyError::Invalid(message)) => Err(crate::error::argument(message)),
        },
    )
}
