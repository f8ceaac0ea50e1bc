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

from ._errors import ArgumentError
from ._orgkit import apply_handshake_event_json

_TIMESTAMPS = ("RequestedTimestamp", "ExpirationTimestamp")


def _to_seconds(value: object) -> object:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        try:
            return value.timestamp()
        except (OverflowError, ValueError, OSError) as error:
            raise ArgumentError("INVALID_ARGUMENT", f"a datetime out of range: {error}") from None
    return value


def _to_datetime(seconds: float) -> datetime | float:
    # A timestamp no datetime can hold stays a number (the core bounds the ones it makes).
    try:
        return datetime.fromtimestamp(seconds, tz=timezone.utc)
    except (OverflowError, ValueError, OSError):
        return seconds


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
    handshakes sent by email), `organization` the organization it already belongs to. Raises
    `orgkit.HandshakeError` (with `.code` and a botocore-like `.response`) when the event is
    refused, and `orgkit.ArgumentError` (code `INVALID_ARGUMENT`) for unusable arguments."""
    if not isinstance(handshake, Mapping):
        raise ArgumentError(
            "INVALID_ARGUMENT", f"handshake must be a dict, not {type(handshake).__name__}"
        )
    if isinstance(remaining_children, bool) or not isinstance(remaining_children, int):
        raise ArgumentError(
            "INVALID_ARGUMENT",
            f"remaining_children must be an int, not {type(remaining_children).__name__}",
        )
    wire = {key: _to_seconds(value) if key in _TIMESTAMPS else value for key, value in handshake.items()}
    seconds = _to_seconds(now) if now is not None else time.time()
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)):
        raise ArgumentError("INVALID_ARGUMENT", "now must be a number of seconds or a datetime")
    try:
        text = json.dumps(wire, allow_nan=False)
        seconds = float(seconds)
    except (TypeError, ValueError, OverflowError, RecursionError) as error:
        raise ArgumentError("INVALID_ARGUMENT", f"the handshake is not JSON data: {error}") from None
    result: dict[str, Any] = json.loads(
        apply_handshake_event_json(
            text, event, actor, email, organization, seconds, remaining_children
        )
    )
    for key in _TIMESTAMPS:
        if isinstance(result.get(key), (int, float)):
            result[key] = _to_datetime(result[key])
    return result
