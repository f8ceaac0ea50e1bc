"""The handshake state machine from Python: the shared vectors, the table, applying events."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

import orgkit

from conftest import load_vectors

CASES = load_vectors("handshake.json")["cases"]


def expected(case: dict) -> dict:
    outcome = case["outcome"]
    if isinstance(outcome, str):
        return {"to": outcome, "error": None}
    return {"to": None, "error": outcome["error"]}


@pytest.mark.parametrize("case", CASES, ids=[f"{c['action']}:{c['from']}:{c['event']}:{c['role']}:{c['expired']}:{c['last_child']}" for c in CASES])
def test_handshake_vector(case: dict) -> None:
    got = orgkit.decide_handshake(
        case["action"], case["from"], case["event"], case["role"], case["expired"], case["last_child"]
    )
    assert got == expected(case)


def test_the_table_is_the_vectors() -> None:
    table = orgkit.handshake_transitions()
    assert len(table) == 360
    for row, case in zip(table, CASES):
        assert (row["action"], row["from"], row["event"], row["role"]) == (
            case["action"], case["from"], case["event"], case["role"]
        )
        assert {"to": row["to"], "error": row["error"]} == expected(case)


def test_unknown_names() -> None:
    with pytest.raises(ValueError, match="expected one of: accept, decline"):
        orgkit.decide_handshake("INVITE", "OPEN", "approve", "recipient")


REQUESTED = datetime(2026, 11, 1, 12, 0, tzinfo=timezone.utc)
INVITE = {
    "Id": "h-examplehandshake1",
    "Arn": "arn:aws:organizations::111111111111:handshake/o-exampleorgid/invite/h-examplehandshake1",
    "Parties": [
        {"Id": "o-exampleorgid", "Type": "ORGANIZATION"},
        {"Id": "someone@example.com", "Type": "EMAIL"},
    ],
    "State": "OPEN",
    "Action": "INVITE",
    "RequestedTimestamp": REQUESTED,
    "ExpirationTimestamp": REQUESTED + timedelta(days=15),
}


def test_apply_events_to_a_boto3_handshake() -> None:
    later = REQUESTED + timedelta(days=1)
    accepted = orgkit.apply_handshake_event(INVITE, "accept", "222222222222", email="someone@example.com", now=later)
    assert accepted["State"] == "ACCEPTED"
    assert accepted["RequestedTimestamp"] == REQUESTED  # a timezone-aware datetime again
    with pytest.raises(orgkit.HandshakeError) as raised:
        orgkit.apply_handshake_event(accepted, "accept", "222222222222", email="someone@example.com", now=later)
    assert raised.value.code == "HandshakeAlreadyInStateException"
    assert raised.value.response["Error"]["Code"] == "HandshakeAlreadyInStateException"
    with pytest.raises(orgkit.HandshakeError) as raised:
        orgkit.apply_handshake_event(INVITE, "cancel", "222222222222", now=later)
    assert raised.value.code == "AccessDeniedException"
    canceled = orgkit.apply_handshake_event(INVITE, "cancel", "111111111111", now=later)
    assert canceled["State"] == "CANCELED"
    expired = orgkit.apply_handshake_event(INVITE, "expire", None, now=REQUESTED + timedelta(days=15))
    assert expired["State"] == "EXPIRED"
    with pytest.raises(orgkit.HandshakeError, match="expired"):
        orgkit.apply_handshake_event(INVITE, "accept", "222222222222", email="someone@example.com",
                                     now=REQUESTED + timedelta(days=16))


def test_an_account_in_an_organization_cannot_accept() -> None:
    with pytest.raises(orgkit.HandshakeError) as raised:
        orgkit.apply_handshake_event(INVITE, "accept", "222222222222", email="someone@example.com",
                                     organization="o-otherorgid1", now=REQUESTED)
    assert raised.value.code == "HandshakeConstraintViolationException"
    assert raised.value.reason == "ALREADY_IN_AN_ORGANIZATION"
    assert raised.value.response["Reason"] == "ALREADY_IN_AN_ORGANIZATION"


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="unknown event"):
        orgkit.apply_handshake_event(INVITE, "approve", None, now=REQUESTED)
    with pytest.raises(ValueError):
        orgkit.apply_handshake_event(INVITE, "accept", "not-an-account", now=REQUESTED)
    with pytest.raises(ValueError, match="does not fit the model"):
        orgkit.apply_handshake_event({"State": 5}, "accept", "222222222222", now=REQUESTED)
