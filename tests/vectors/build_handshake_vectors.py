#!/usr/bin/env python3
"""Writes tests/vectors/handshake.json: the outcome of every (action, state, event, role)
combination of the handshake state machine, plus cases for time and for the
enable-all-features children. Stated here from the seeds' rules, independently of the Rust
code they test (see core/src/handshake.rs for the order the checks run in).
Run after editing; `--check` (CI) fails when the JSON is stale.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ACTIONS = ["INVITE", "ENABLE_ALL_FEATURES", "APPROVE_ALL_FEATURES"]
STATES = ["REQUESTED", "OPEN", "CANCELED", "ACCEPTED", "DECLINED", "EXPIRED"]
EVENTS = ["accept", "decline", "cancel", "expire", "child_accepted"]
ROLES = ["originator", "recipient", "other", "system"]
FINAL = {"CANCELED", "ACCEPTED", "DECLINED", "EXPIRED"}
LEADS_TO = {"accept": "ACCEPTED", "decline": "DECLINED", "cancel": "CANCELED", "expire": "EXPIRED"}

DENIED = {"error": "AccessDeniedException"}
INVALID = {"error": "InvalidHandshakeTransitionException"}
ALREADY = {"error": "HandshakeAlreadyInStateException"}


def may_send(action: str, event: str, role: str) -> bool:
    if event == "accept":
        # The member answers an invitation or an approval; the management account accepts
        # the enable-all-features parent.
        return role == ("originator" if action == "ENABLE_ALL_FEATURES" else "recipient")
    if event == "decline":
        # Members decline their own APPROVE_ALL_FEATURES child, never the parent.
        return action != "ENABLE_ALL_FEATURES" and role == "recipient"
    if event == "cancel":
        return role == "originator"
    return role == "system"  # expire, child_accepted


def outcome(action: str, state: str, event: str, role: str, expired: bool, last_child: bool):
    if not may_send(action, event, role):
        return DENIED
    if state in FINAL:
        return ALREADY if LEADS_TO.get(event) == state else INVALID
    if event == "expire":
        return "EXPIRED" if expired else INVALID
    if expired:
        return INVALID
    if event == "child_accepted":
        if action == "ENABLE_ALL_FEATURES" and state == "REQUESTED":
            return "OPEN" if last_child else "REQUESTED"
        return INVALID
    if event == "accept" and action == "ENABLE_ALL_FEATURES" and state == "REQUESTED":
        return INVALID  # members are still approving
    return LEADS_TO[event]


def render() -> str:
    cases = []
    for action in ACTIONS:
        for state in STATES:
            for event in EVENTS:
                for role in ROLES:
                    expired = event == "expire"
                    cases.append({
                        "action": action, "from": state, "event": event, "role": role,
                        "expired": expired, "last_child": True,
                        "outcome": outcome(action, state, event, role, expired, True),
                    })
    extra = [
        ("INVITE", "OPEN", "expire", "system", False, True, "expiring before the 15 days are up"),
        ("INVITE", "OPEN", "accept", "recipient", True, True, "accepting after expiry"),
        ("APPROVE_ALL_FEATURES", "OPEN", "decline", "recipient", True, True, "declining after expiry"),
        ("INVITE", "OPEN", "cancel", "originator", True, True, "canceling after expiry"),
        ("ENABLE_ALL_FEATURES", "REQUESTED", "child_accepted", "system", False, False, "other children still waiting"),
        ("ENABLE_ALL_FEATURES", "REQUESTED", "expire", "system", True, True, "the parent expires too"),
        ("INVITE", "OPEN", "accept", "other", True, True, "a stranger after expiry is still denied first"),
    ]
    for action, state, event, role, expired, last_child, note in extra:
        cases.append({
            "action": action, "from": state, "event": event, "role": role,
            "expired": expired, "last_child": last_child,
            "outcome": outcome(action, state, event, role, expired, last_child), "note": note,
        })
    document = {
        "description": "Every (action, state, event, role) case of the handshake state machine; "
        "written by build_handshake_vectors.py",
        "cases": cases,
    }
    return json.dumps(document, indent=1) + "\n"


def main() -> int:
    path = HERE / "handshake.json"
    text = render()
    if "--check" in sys.argv:
        if not path.exists() or path.read_text() != text:
            print("stale handshake vectors (run tests/vectors/build_handshake_vectors.py)")
            return 1
        print("handshake vectors up to date")
        return 0
    path.write_text(text)
    print(f"wrote {len(json.loads(text)['cases'])} handshake cases")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
