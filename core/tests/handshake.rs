//! The handshake state machine: the shared vectors (every case of the table), `transition` on
//! wire handshakes, and random event sequences.

use orgkit::generated::original::organizations::{
    ActionType, Handshake, HandshakeParty, HandshakePartyType, HandshakeState,
};
use orgkit::handshake::*;
use orgkit::model::EpochTimestamp;
use proptest::prelude::*;
use serde_json::Value;

fn outcome_of(value: &Value) -> Outcome {
    match value {
        Value::String(state) => Outcome::To(StateKind::from_name(state).expect("state")),
        other => Outcome::Refused(match other["error"].as_str().expect("error") {
            "AccessDeniedException" => HandshakeErrorCode::AccessDenied,
            "InvalidHandshakeTransitionException" => HandshakeErrorCode::InvalidHandshakeTransition,
            "HandshakeAlreadyInStateException" => HandshakeErrorCode::HandshakeAlreadyInState,
            code => panic!("unknown code {code}"),
        }),
    }
}

#[test]
fn every_case_of_the_vectors() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/vectors/handshake.json"
    );
    let document: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let cases = document["cases"].as_array().unwrap();
    assert!(cases.len() >= 360);
    for case in cases {
        let got = decide(
            ActionKind::from_name(case["action"].as_str().unwrap()).unwrap(),
            StateKind::from_name(case["from"].as_str().unwrap()).unwrap(),
            EventKind::from_name(case["event"].as_str().unwrap()).unwrap(),
            Role::from_name(case["role"].as_str().unwrap()).unwrap(),
            case["expired"].as_bool().unwrap(),
            case["last_child"].as_bool().unwrap(),
        );
        assert_eq!(got, outcome_of(&case["outcome"]), "{case}");
    }
    // The exported table is the first 360 cases, in the same order.
    for (row, case) in transition_table().iter().zip(cases) {
        assert_eq!(row.outcome, outcome_of(&case["outcome"]), "{case}");
    }
}

const MASTER: &str = "111111111111";
const MEMBER: &str = "222222222222";
const REQUESTED_AT: f64 = 1_480_000_000.0;

fn handshake(
    action: ActionType,
    state: HandshakeState,
    party: (&str, HandshakePartyType),
) -> Handshake {
    let kind = action.as_str().to_ascii_lowercase();
    serde_json::from_value(serde_json::json!({
        "Id": "h-examplehandshake1",
        "Arn": format!("arn:aws:organizations::{MASTER}:handshake/o-exampleorgid/{kind}/h-examplehandshake1"),
        "Parties": [
            {"Id": "o-exampleorgid", "Type": "ORGANIZATION"},
            {"Id": party.0, "Type": party.1.as_str()},
        ],
        "State": state.as_str(),
        "Action": action.as_str(),
        "RequestedTimestamp": REQUESTED_AT,
        "ExpirationTimestamp": expiration_for(EpochTimestamp(REQUESTED_AT)).unix_seconds(),
    }))
    .unwrap()
}

fn account(id: &str, email: Option<&str>) -> Actor {
    Actor::Account {
        id: id.parse().unwrap(),
        email: email.map(str::to_owned),
        organization: None,
    }
}

#[test]
fn roles_come_from_the_arn_and_the_parties() {
    let invite = handshake(
        ActionType::Invite,
        HandshakeState::Open,
        (MEMBER, HandshakePartyType::Account),
    );
    assert_eq!(
        role_of(&invite, ActionKind::Invite, &account(MASTER, None)),
        Role::Originator
    );
    assert_eq!(
        role_of(&invite, ActionKind::Invite, &account(MEMBER, None)),
        Role::Recipient
    );
    assert_eq!(
        role_of(&invite, ActionKind::Invite, &account("333333333333", None)),
        Role::Other
    );
    let by_email = handshake(
        ActionType::Invite,
        HandshakeState::Open,
        ("Someone@Example.com", HandshakePartyType::Email),
    );
    assert_eq!(
        role_of(
            &by_email,
            ActionKind::Invite,
            &account("333333333333", Some("someone@example.com"))
        ),
        Role::Recipient
    );
}

#[test]
fn transition_keeps_everything_but_the_state() {
    let invite = handshake(
        ActionType::Invite,
        HandshakeState::Open,
        (MEMBER, HandshakePartyType::Account),
    );
    let accepted = transition(
        &invite,
        Event::Accept,
        &account(MEMBER, None),
        REQUESTED_AT + 60.0,
    )
    .unwrap();
    assert_eq!(accepted.state, Some(HandshakeState::Accepted));
    assert_eq!(accepted.requested_timestamp, invite.requested_timestamp);
    assert_eq!(accepted.parties, invite.parties);
    let err = transition(
        &accepted,
        Event::Accept,
        &account(MEMBER, None),
        REQUESTED_AT + 61.0,
    )
    .unwrap_err();
    assert_eq!(err.code, HandshakeErrorCode::HandshakeAlreadyInState);
    let err = transition(&invite, Event::Cancel, &account(MEMBER, None), REQUESTED_AT).unwrap_err();
    assert_eq!(err.code.as_str(), "AccessDeniedException");
    let late = REQUESTED_AT + HANDSHAKE_LIFETIME_SECONDS;
    let err = transition(&invite, Event::Accept, &account(MEMBER, None), late).unwrap_err();
    assert!(err.message.contains("expired"), "{err}");
    let expired = transition(&invite, Event::Expire, &Actor::System, late).unwrap();
    assert_eq!(expired.state, Some(HandshakeState::Expired));
}

#[test]
fn a_member_of_another_organization_cannot_accept_an_invitation() {
    let invite = handshake(
        ActionType::Invite,
        HandshakeState::Open,
        (MEMBER, HandshakePartyType::Account),
    );
    let member_elsewhere = Actor::Account {
        id: MEMBER.parse().unwrap(),
        email: None,
        organization: Some("o-otherorgid1".to_owned()),
    };
    let err = transition(&invite, Event::Accept, &member_elsewhere, REQUESTED_AT).unwrap_err();
    assert_eq!(err.code.as_str(), "HandshakeConstraintViolationException");
    assert_eq!(err.reason, Some("ALREADY_IN_AN_ORGANIZATION"));
    // Declining is still possible.
    assert!(transition(&invite, Event::Decline, &member_elsewhere, REQUESTED_AT).is_ok());
}

#[test]
fn the_diagram_in_the_readme_is_generated_from_the_table() {
    let readme_path = concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md");
    let readme = std::fs::read_to_string(readme_path).unwrap();
    let expected = format!("```mermaid\n{}```", mermaid_diagram());
    let start = "<!-- handshake-diagram: generated from orgkit::handshake::transition_table -->\n";
    let found = readme
        .split_once(start)
        .and_then(|(_, rest)| rest.split_once("<!-- /handshake-diagram -->"))
        .map(|(diagram, _)| diagram.trim_end_matches('\n').to_owned());
    if std::env::var_os("ORGKIT_UPDATE_README").is_some()
        && found.as_deref() != Some(expected.as_str())
    {
        let (before, rest) = readme.split_once(start).expect("marker");
        let (_, after) = rest
            .split_once("<!-- /handshake-diagram -->")
            .expect("end marker");
        std::fs::write(
            readme_path,
            format!("{before}{start}{expected}\n<!-- /handshake-diagram -->{after}"),
        )
        .unwrap();
        return;
    }
    assert_eq!(
        found.as_deref(),
        Some(expected.as_str()),
        "run ORGKIT_UPDATE_README=1 cargo test -p orgkit --test handshake"
    );
}

fn any_event() -> impl Strategy<Value = (Event, usize)> {
    prop_oneof![
        (Just(Event::Accept), 0..4usize),
        (Just(Event::Decline), 0..4usize),
        (Just(Event::Cancel), 0..4usize),
        (Just(Event::Expire), 0..4usize),
        (0..3usize).prop_map(|remaining| (Event::ChildAccepted { remaining }, 3)),
    ]
}

proptest! {
    #[test]
    fn random_sequences_keep_the_invariants(
        action in prop_oneof![Just(ActionType::Invite), Just(ActionType::EnableAllFeatures), Just(ActionType::ApproveAllFeatures)],
        steps in proptest::collection::vec((any_event(), 0.0f64..2_000_000.0), 1..25),
    ) {
        let start = if action == ActionType::EnableAllFeatures { HandshakeState::Requested } else { HandshakeState::Open };
        let mut current = handshake(action.clone(), start, (MEMBER, HandshakePartyType::Account));
        let actors = [account(MASTER, None), account(MEMBER, None), account("333333333333", None), Actor::System];
        let mut now = REQUESTED_AT;
        let mut children_pending = 3usize;
        for ((event, who), advance) in steps {
            now += advance;
            let actor = &actors[who.min(3)];
            let before = current.clone();
            let event = match event {
                Event::ChildAccepted { .. } => Event::ChildAccepted { remaining: children_pending.saturating_sub(1) },
                other => other,
            };
            match transition(&current, event, actor, now) {
                Ok(after) => {
                    let was = StateKind::from_name(before.state.as_ref().unwrap().as_str()).unwrap();
                    // Final states stay final.
                    prop_assert!(!was.is_final() || after.state == before.state);
                    // Timestamps never move.
                    prop_assert_eq!(after.requested_timestamp, before.requested_timestamp);
                    prop_assert_eq!(after.expiration_timestamp, before.expiration_timestamp);
                    // No parent is accepted while a child is still waiting.
                    if action == ActionType::EnableAllFeatures && after.state == Some(HandshakeState::Accepted) {
                        prop_assert_eq!(children_pending, 0);
                    }
                    if matches!(event, Event::ChildAccepted { .. }) {
                        children_pending = children_pending.saturating_sub(1);
                    }
                    current = after;
                }
                Err(_) => prop_assert_eq!(&current, &before),
            }
        }
    }
}

#[test]
fn party_shape_is_the_generated_one() {
    // The state machine works on the wire shape the responses parse into.
    let party = HandshakeParty {
        id: Some(MEMBER.into()),
        r#type: Some(HandshakePartyType::Account),
    };
    assert!(format!("{party:?}").contains("<redacted>"));
}
