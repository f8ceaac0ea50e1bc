"""Applying handshake events to boto3-shaped handshakes.

The state machine lives in Rust (`orgkit._orgkit`); this module only translates: a boto3
handshake dict (timestamps as `datetime` or epoch seconds) to JSON and back (timestamps as
timezone-aware `datetime`, as boto3 returns them).
"""

from __future__ import annotations

import json
import time
from datetime import datetime, timezone
from typing import Any, Mapping

from ._orgkit import apply_handshake_event_json

_TIMESTAMPS = ("RequestedTimestamp", "ExpirationTimestamp")


def _to_seconds(value: object) -> object:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value.timestamp()
    return value


def apply_handshake_event(
    handshake: Mapping[str, Any],
    event: str,
    actor: str | None = None,
    *,
    email: str | None = None,
    organization: str | None = None,
    now: float | datetime | None = None,
    remaining_children: int = 0,
) -> dict[str, Any]:
    """Applies `event` (`accept`, `decline`, `cancel`, `expire`, `child_accepted`) sent by the
    account `actor` (None: the system clock) at `now` (default: the current time) to a
    boto3-shaped handshake; returns the handshake after it. `email` is the actor's email (for
    handshakes sent by email), `organization` the organization it already belongs to. Raises `orgkit.HandshakeError`
    (with `.code` and a botocore-like `.response`) when the event is refused."""
    wire = {key: _to_seconds(value) if key in _TIMESTAMPS else value for key, value in handshake.items()}
    seconds = _to_seconds(now) if now is not None else time.time()
    if not isinstance(seconds, (int, float)):
        raise TypeError("now must be a number of seconds or a datetime")
    result: dict[str, Any] = json.loads(
        apply_handshake_event_json(
            json.dumps(wire), event, actor, email, organization, float(seconds), remaining_children
        )
    )
    for key in _TIMESTAMPS:
        if isinstance(result.get(key), (int, float)):
            result[key] = datetime.fromtimestamp(result[key], tz=timezone.utc)
    return result
