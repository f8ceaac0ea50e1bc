//! Mirrors `orgkit::handshake`: the transition table, one decision, and applying an event to a
//! handshake given as JSON (`orgkit.js` converts SDK objects and `Date`s).

use napi::bindgen_prelude::*;
use napi_derive::napi;
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
pub fn handshake_transitions() -> Vec<HandshakeTransition> {
    transition_table()
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
        .collect()
}

fn unknown(err: orgkit::UnknownName) -> Error {
    Error::new(Status::InvalidArg, err.to_string())
}

/// One decision of the state machine.
#[napi]
pub fn decide_handshake(
    action: String,
    state: String,
    event: String,
    role: String,
    expired: Option<bool>,
    last_child: Option<bool>,
) -> Result<HandshakeOutcome> {
    let action = ActionKind::parse_name(&action).map_err(unknown)?;
    let state = StateKind::parse_name(&state).map_err(unknown)?;
    let event = EventKind::parse_name(&event).map_err(unknown)?;
    let role = Role::parse_name(&role).map_err(unknown)?;
    let outcome = decide(
        action,
        state,
        event,
        role,
        expired.unwrap_or(false),
        last_child.unwrap_or(true),
    );
    let (to, error) = outcome_parts(outcome);
    Ok(HandshakeOutcome { to, error })
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
) -> Result<HandshakeApplication> {
    let handshake: serde_json::Value = serde_json::from_str(&handshake_json).map_err(|err| {
        Error::new(
            Status::InvalidArg,
            format!("the handshake is not JSON: {err}"),
        )
    })?;
    let actor = account
        .as_deref()
        .map(|id| (id, email.as_deref(), organization.as_deref()));
    let remaining = remaining_children.unwrap_or(0) as usize;
    match apply_event(handshake, &event, actor, now, remaining) {
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
        Err(ApplyError::Invalid(message)) => Err(Error::new(Status::InvalidArg, message)),
    }
}
