//! The life of a handshake, as a pure function and as a table.
//!
//! A handshake (an invitation, or the enable-all-features flow) moves between the states
//! REQUESTED, OPEN, CANCELED, ACCEPTED, DECLINED and EXPIRED. The AWS SDKs leave the rules to
//! every caller; here they are one decision function, [`decide`], whose every case is also
//! exported as data ([`transition_table`]) for documentation and UIs, and [`transition`]
//! applies an event to a wire-shaped [`Handshake`].
//!
//! The rules, from the seeds:
//! - only the originator (the management account in the handshake's ARN) cancels;
//! - only the recipient declines; an invitation and an APPROVE_ALL_FEATURES request are accepted
//!   by the member they were sent to;
//! - an ENABLE_ALL_FEATURES parent stays REQUESTED until every child APPROVE_ALL_FEATURES
//!   handshake is accepted, then becomes OPEN, and only the management account accepts it then;
//!   nobody declines the parent (members answer their own child handshake);
//! - a handshake not answered within 15 days of its request is EXPIRED;
//! - CANCELED, ACCEPTED, DECLINED and EXPIRED are final.
//!
//! Checks run in this order: who may send the event (AccessDeniedException), then a final
//! state (HandshakeAlreadyInStateException when the event would lead to the state the
//! handshake is already in, InvalidHandshakeTransitionException otherwise), then time, then
//! the event itself.

use std::fmt;

use crate::arn::Arn;
pub use crate::generated::original::organizations::{
    ActionType as HandshakeAction, HandshakeState,
};
use crate::generated::original::organizations::{Handshake, HandshakePartyType};
use crate::ids::AccountId;
use crate::model::EpochTimestamp;

/// How long a handshake waits for an answer: 15 days.
pub const HANDSHAKE_LIFETIME_SECONDS: f64 = 15.0 * 24.0 * 3600.0;

/// The three kinds of handshake of the 2017 model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ActionKind {
    /// An invitation to join an organization.
    Invite,
    /// The management account's request to enable all features (the parent).
    EnableAllFeatures,
    /// A member's approval of all features (a child of the parent).
    ApproveAllFeatures,
}

/// The six states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StateKind {
    /// Created; for ENABLE_ALL_FEATURES, members are still approving.
    Requested,
    /// Waiting for its answer.
    Open,
    /// Canceled by the originator (final).
    Canceled,
    /// Accepted (final).
    Accepted,
    /// Declined by the recipient (final).
    Declined,
    /// Not answered within 15 days (final).
    Expired,
}

/// What happens to a handshake.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EventKind {
    /// AcceptHandshake.
    Accept,
    /// DeclineHandshake.
    Decline,
    /// CancelHandshake.
    Cancel,
    /// The clock passed the expiration time (sent by the system).
    Expire,
    /// One child APPROVE_ALL_FEATURES handshake was accepted (sent by the system to the
    /// ENABLE_ALL_FEATURES parent).
    ChildAccepted,
}

/// Who sends an event, relative to the handshake.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// The management account that sent the handshake.
    Originator,
    /// The account it was sent to (by account ID or by email).
    Recipient,
    /// Any other account.
    Other,
    /// orgkit itself: the clock, or the completion of a child handshake.
    System,
}

/// The AWS error a refused event produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum HandshakeErrorCode {
    /// The event does not apply in the handshake's state.
    InvalidHandshakeTransition,
    /// The event would lead to the state the handshake is already in.
    HandshakeAlreadyInState,
    /// This sender may not send this event.
    AccessDenied,
    /// The event breaks a constraint outside the handshake itself (the error's `reason` says
    /// which, e.g. ALREADY_IN_AN_ORGANIZATION).
    HandshakeConstraintViolation,
}

impl HandshakeErrorCode {
    /// The AWS exception name, e.g. `InvalidHandshakeTransitionException`.
    pub const fn as_str(self) -> &'static str {
        match self {
            HandshakeErrorCode::InvalidHandshakeTransition => "InvalidHandshakeTransitionException",
            HandshakeErrorCode::HandshakeAlreadyInState => "HandshakeAlreadyInStateException",
            HandshakeErrorCode::AccessDenied => "AccessDeniedException",
            HandshakeErrorCode::HandshakeConstraintViolation => {
                "HandshakeConstraintViolationException"
            }
        }
    }
}

/// The result of one case of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// The handshake moves to (or stays in) this state.
    To(StateKind),
    /// The event is refused with this error.
    Refused(HandshakeErrorCode),
}

macro_rules! names {
    ($ty:ident, $what:literal { $($variant:ident => $name:literal),+ $(,)? }) => {
        impl $ty {
            /// Every value, in declaration order.
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];
            /// The wire or table name.
            pub const fn as_str(self) -> &'static str {
                match self { $($ty::$variant => $name),+ }
            }
            /// Looks a value up by name.
            pub fn from_name(name: &str) -> Option<$ty> {
                Self::ALL.iter().copied().find(|v| v.as_str() == name)
            }
            /// Like `from_name`, with an error that lists the valid names.
            pub fn parse_name(name: &str) -> Result<$ty, crate::error::UnknownName> {
                Self::from_name(name).ok_or_else(|| crate::error::UnknownName {
                    what: $what,
                    name: name.to_owned(),
                    known: Self::ALL.iter().map(|v| v.as_str()).collect(),
                    note: None,
                })
            }
        }
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

names!(ActionKind, "action" {
    Invite => "INVITE",
    EnableAllFeatures => "ENABLE_ALL_FEATURES",
    ApproveAllFeatures => "APPROVE_ALL_FEATURES",
});
names!(StateKind, "state" {
    Requested => "REQUESTED",
    Open => "OPEN",
    Canceled => "CANCELED",
    Accepted => "ACCEPTED",
    Declined => "DECLINED",
    Expired => "EXPIRED",
});
names!(EventKind, "event" {
    Accept => "accept",
    Decline => "decline",
    Cancel => "cancel",
    Expire => "expire",
    ChildAccepted => "child_accepted",
});
names!(Role, "role" {
    Originator => "originator",
    Recipient => "recipient",
    Other => "other",
    System => "system",
});

impl StateKind {
    /// Whether nothing can change the state any more.
    pub const fn is_final(self) -> bool {
        matches!(
            self,
            StateKind::Canceled | StateKind::Accepted | StateKind::Declined | StateKind::Expired
        )
    }
}

impl EventKind {
    /// The final state this event leads to, where it leads to one.
    const fn final_target(self) -> Option<StateKind> {
        match self {
            EventKind::Accept => Some(StateKind::Accepted),
            EventKind::Decline => Some(StateKind::Declined),
            EventKind::Cancel => Some(StateKind::Canceled),
            EventKind::Expire => Some(StateKind::Expired),
            EventKind::ChildAccepted => None,
        }
    }
}

/// Whether `role` may send `event` to a handshake of `action`.
fn allowed(action: ActionKind, event: EventKind, role: Role) -> bool {
    match (event, action) {
        (EventKind::Accept, ActionKind::EnableAllFeatures) => role == Role::Originator,
        (EventKind::Accept, _) => role == Role::Recipient,
        (EventKind::Decline, ActionKind::EnableAllFeatures) => false,
        (EventKind::Decline, _) => role == Role::Recipient,
        (EventKind::Cancel, _) => role == Role::Originator,
        (EventKind::Expire | EventKind::ChildAccepted, _) => role == Role::System,
    }
}

/// One case of the rules. `expired`: the clock is at or past the expiration time.
/// `last_child`: for `ChildAccepted`, no other child is still waiting.
pub fn decide(
    action: ActionKind,
    state: StateKind,
    event: EventKind,
    role: Role,
    expired: bool,
    last_child: bool,
) -> Outcome {
    use HandshakeErrorCode::*;
    if !allowed(action, event, role) {
        return Outcome::Refused(AccessDenied);
    }
    if state.is_final() {
        return if event.final_target() == Some(state) {
            Outcome::Refused(HandshakeAlreadyInState)
        } else {
            Outcome::Refused(InvalidHandshakeTransition)
        };
    }
    if event == EventKind::Expire {
        return if expired {
            Outcome::To(StateKind::Expired)
        } else {
            Outcome::Refused(InvalidHandshakeTransition)
        };
    }
    if expired {
        return Outcome::Refused(InvalidHandshakeTransition);
    }
    match (event, action, state) {
        (EventKind::ChildAccepted, ActionKind::EnableAllFeatures, StateKind::Requested) => {
            Outcome::To(if last_child {
                StateKind::Open
            } else {
                StateKind::Requested
            })
        }
        (EventKind::ChildAccepted, _, _) => Outcome::Refused(InvalidHandshakeTransition),
        // Members are still approving: the management account cannot accept yet.
        (EventKind::Accept, ActionKind::EnableAllFeatures, StateKind::Requested) => {
            Outcome::Refused(InvalidHandshakeTransition)
        }
        (EventKind::Accept, _, _) => Outcome::To(StateKind::Accepted),
        (EventKind::Decline, _, _) => Outcome::To(StateKind::Declined),
        (EventKind::Cancel, _, _) => Outcome::To(StateKind::Canceled),
        (EventKind::Expire, _, _) => Outcome::To(StateKind::Expired),
    }
}

/// One row of the transition table: the outcome of `event` from `role` on a handshake of
/// `action` in `from`, before it expires (for `expire`: at its expiration time) and, for
/// `child_accepted`, when it is the last child.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TransitionRow {
    /// The kind of handshake.
    pub action: ActionKind,
    /// The state before.
    pub from: StateKind,
    /// The event.
    pub event: EventKind,
    /// Who sends it.
    pub role: Role,
    /// What happens.
    pub outcome: Outcome,
}

/// Every (action, state, event, role) case: 3 × 6 × 5 × 4 = 360 rows.
pub fn transition_table() -> Vec<TransitionRow> {
    let mut rows = Vec::with_capacity(360);
    for &action in ActionKind::ALL {
        for &from in StateKind::ALL {
            for &event in EventKind::ALL {
                for &role in Role::ALL {
                    let expired = event == EventKind::Expire;
                    let outcome = decide(action, from, event, role, expired, true);
                    rows.push(TransitionRow {
                        action,
                        from,
                        event,
                        role,
                        outcome,
                    });
                }
            }
        }
    }
    rows
}

/// The state diagram of the successful transitions, in Mermaid syntax (the README shows it).
pub fn mermaid_diagram() -> String {
    let mut edges: Vec<(StateKind, StateKind, String)> = Vec::new();
    for row in transition_table() {
        let Outcome::To(to) = row.outcome else {
            continue;
        };
        if to == row.from {
            continue;
        }
        let label = format!("{} by {}", row.event, row.role);
        match edges.iter_mut().find(|(from, target, text)| {
            *from == row.from && *target == to && text.starts_with(&label)
        }) {
            Some((_, _, text)) if !text.contains(row.action.as_str()) => {
                text.push_str(&format!(", {}", row.action))
            }
            Some(_) => {}
            None => edges.push((row.from, to, format!("{label}: {}", row.action))),
        }
    }
    let mut out = String::from("stateDiagram-v2\n    [*] --> REQUESTED\n    [*] --> OPEN\n");
    for (from, to, label) in edges {
        out.push_str(&format!("    {from} --> {to}: {label}\n"));
    }
    for state in StateKind::ALL.iter().filter(|s| s.is_final()) {
        out.push_str(&format!("    {state} --> [*]\n"));
    }
    out
}

/// Who sends an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// An AWS account; `email` is its root email, which matters for handshakes sent by email.
    Account {
        /// The account.
        id: AccountId,
        /// The account's email address, when known.
        email: Option<String>,
        /// The organization the account already belongs to, if any (an account in an
        /// organization cannot accept an invitation: ALREADY_IN_AN_ORGANIZATION).
        organization: Option<String>,
    },
    /// orgkit itself (the clock, the completion of a child handshake).
    System,
}

/// An event with what it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// AcceptHandshake.
    Accept,
    /// DeclineHandshake.
    Decline,
    /// CancelHandshake.
    Cancel,
    /// The clock passed the expiration time.
    Expire,
    /// A child APPROVE_ALL_FEATURES handshake was accepted; `remaining` children still wait.
    ChildAccepted {
        /// How many children are still not accepted after this one.
        remaining: usize,
    },
}

impl Event {
    /// The event's kind.
    pub fn kind(self) -> EventKind {
        match self {
            Event::Accept => EventKind::Accept,
            Event::Decline => EventKind::Decline,
            Event::Cancel => EventKind::Cancel,
            Event::Expire => EventKind::Expire,
            Event::ChildAccepted { .. } => EventKind::ChildAccepted,
        }
    }
}

/// A refused event: the AWS error code and an AWS-style message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {message}", code.as_str())]
pub struct HandshakeError {
    /// The AWS exception.
    pub code: HandshakeErrorCode,
    /// The exception's reason, for HandshakeConstraintViolationException.
    pub reason: Option<&'static str>,
    /// What went wrong.
    pub message: String,
}

fn refused(code: HandshakeErrorCode, message: impl Into<String>) -> HandshakeError {
    HandshakeError {
        code,
        reason: None,
        message: message.into(),
    }
}

/// The role of `actor` for `handshake`.
pub fn role_of(handshake: &Handshake, action: ActionKind, actor: &Actor) -> Role {
    let Actor::Account { id, email, .. } = actor else {
        return Role::System;
    };
    let originator = handshake
        .arn
        .as_deref()
        .and_then(|arn| Arn::parse(arn).ok())
        .and_then(|arn| arn.management_account().cloned());
    if originator.as_ref() == Some(id) {
        return Role::Originator;
    }
    if action == ActionKind::EnableAllFeatures {
        return Role::Other;
    }
    let is_recipient = handshake.parties.iter().flatten().any(|party| {
        match (party.r#type.as_ref(), party.id.as_deref()) {
            (Some(HandshakePartyType::Account), Some(party_id)) => party_id == id.as_str(),
            (Some(HandshakePartyType::Email), Some(address)) => email
                .as_deref()
                .is_some_and(|email| email.eq_ignore_ascii_case(address)),
            _ => false,
        }
    });
    if is_recipient {
        Role::Recipient
    } else {
        Role::Other
    }
}

/// Applies `event`, sent by `actor` at `now` (seconds since the epoch), to `handshake`: the
/// handshake after the event, or the AWS error that refuses it. Timestamps are not changed.
pub fn transition(
    handshake: &Handshake,
    event: Event,
    actor: &Actor,
    now: f64,
) -> Result<Handshake, HandshakeError> {
    use HandshakeErrorCode::*;
    let action = handshake
        .action
        .as_ref()
        .and_then(|a| ActionKind::from_name(a.as_str()))
        .ok_or_else(|| {
            refused(
                InvalidHandshakeTransition,
                "the handshake has no action this edition knows",
            )
        })?;
    let state = handshake
        .state
        .as_ref()
        .and_then(|s| StateKind::from_name(s.as_str()))
        .ok_or_else(|| {
            refused(
                InvalidHandshakeTransition,
                "the handshake has no state this edition knows",
            )
        })?;
    let expiration = match (
        handshake.expiration_timestamp,
        handshake.requested_timestamp,
    ) {
        (Some(expiration), _) => expiration.unix_seconds(),
        (None, Some(requested)) => requested.unix_seconds() + HANDSHAKE_LIFETIME_SECONDS,
        (None, None) => f64::INFINITY,
    };
    let role = role_of(handshake, action, actor);
    let last_child = matches!(event, Event::ChildAccepted { remaining: 0 });
    let id = handshake.id.as_deref().unwrap_or("the handshake");
    match decide(
        action,
        state,
        event.kind(),
        role,
        now >= expiration,
        last_child,
    ) {
        Outcome::To(StateKind::Accepted)
            if action == ActionKind::Invite
                && matches!(
                    actor,
                    Actor::Account {
                        organization: Some(_),
                        ..
                    }
                ) =>
        {
            Err(HandshakeError {
                code: HandshakeConstraintViolation,
                reason: Some("ALREADY_IN_AN_ORGANIZATION"),
                message: "The invited account is already a member of an organization.".to_owned(),
            })
        }
        Outcome::To(next) => {
            let mut after = handshake.clone();
            after.state = Some(HandshakeState::from_wire(next.as_str()));
            Ok(after)
        }
        Outcome::Refused(AccessDenied) => Err(refused(
            AccessDenied,
            format!(
                "You don't have permissions to {} handshake {id}.",
                event.kind()
            ),
        )),
        Outcome::Refused(HandshakeAlreadyInState) => Err(refused(
            HandshakeAlreadyInState,
            format!("The handshake {id} is already in the requested state {state}."),
        )),
        Outcome::Refused(HandshakeConstraintViolation) => Err(refused(
            HandshakeConstraintViolation,
            format!("The handshake {id} breaks a constraint."),
        )),
        Outcome::Refused(InvalidHandshakeTransition) => {
            let why = if state.is_final() {
                format!("it is {state}, a final state")
            } else if now >= expiration && event.kind() != EventKind::Expire {
                "it has expired".to_owned()
            } else {
                format!(
                    "{} does not apply to a {action} handshake that is {state}",
                    event.kind()
                )
            };
            Err(refused(
                InvalidHandshakeTransition,
                format!("You can't perform the operation on handshake {id}: {why}."),
            ))
        }
    }
}

/// Why [`apply_event`] did not apply an event.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApplyError {
    /// The arguments are not usable (unknown event name, bad account ID, a handshake body that
    /// does not fit the model).
    #[error("{0}")]
    Invalid(String),
    /// The state machine refused the event.
    #[error(transparent)]
    Refused(#[from] HandshakeError),
}

/// [`transition`] for the bindings, on wire JSON: `event` by name (`accept`, `decline`,
/// `cancel`, `expire`, `child_accepted`); `actor` is an account ID with its email and the
/// organization it is already in, or `None` for the system; `remaining_children` matters for
/// `child_accepted` only.
pub fn apply_event(
    handshake: serde_json::Value,
    event: &str,
    actor: Option<(&str, Option<&str>, Option<&str>)>,
    now: f64,
    remaining_children: usize,
) -> Result<serde_json::Value, ApplyError> {
    let event = match EventKind::parse_name(event) {
        Ok(EventKind::Accept) => Event::Accept,
        Ok(EventKind::Decline) => Event::Decline,
        Ok(EventKind::Cancel) => Event::Cancel,
        Ok(EventKind::Expire) => Event::Expire,
        Ok(EventKind::ChildAccepted) => Event::ChildAccepted {
            remaining: remaining_children,
        },
        Err(err) => return Err(ApplyError::Invalid(err.to_string())),
    };
    let actor = match actor {
        None => Actor::System,
        Some((id, email, organization)) => Actor::Account {
            id: AccountId::parse(id).map_err(|err| ApplyError::Invalid(err.to_string()))?,
            email: email.map(str::to_owned),
            organization: organization.map(str::to_owned),
        },
    };
    if !now.is_finite() {
        return Err(ApplyError::Invalid(
            "now must be a finite number of seconds".to_owned(),
        ));
    }
    let parsed: Handshake = serde_json::from_value(handshake).map_err(|err| {
        ApplyError::Invalid(format!("the handshake does not fit the model: {err}"))
    })?;
    let after = transition(&parsed, event, &actor, now)?;
    serde_json::to_value(after).map_err(|err| ApplyError::Invalid(err.to_string()))
}

/// The expiration time of a handshake requested at `requested`.
pub fn expiration_for(requested: EpochTimestamp) -> EpochTimestamp {
    EpochTimestamp(requested.unix_seconds() + HANDSHAKE_LIFETIME_SECONDS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_has_every_case_once() {
        let rows = transition_table();
        assert_eq!(rows.len(), 360);
        let mut keys: Vec<_> = rows
            .iter()
            .map(|r| (r.action, r.from, r.event, r.role))
            .collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), 360);
    }

    #[test]
    fn enable_all_features_waits_for_every_child() {
        use ActionKind::EnableAllFeatures as E;
        assert_eq!(
            decide(
                E,
                StateKind::Requested,
                EventKind::ChildAccepted,
                Role::System,
                false,
                false
            ),
            Outcome::To(StateKind::Requested)
        );
        assert_eq!(
            decide(
                E,
                StateKind::Requested,
                EventKind::Accept,
                Role::Originator,
                false,
                true
            ),
            Outcome::Refused(HandshakeErrorCode::InvalidHandshakeTransition)
        );
        assert_eq!(
            decide(
                E,
                StateKind::Open,
                EventKind::Accept,
                Role::Originator,
                false,
                true
            ),
            Outcome::To(StateKind::Accepted)
        );
    }
}
