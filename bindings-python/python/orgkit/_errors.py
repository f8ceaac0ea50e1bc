"""Exception classes of orgkit.

They live in Python so that `ValidationError` can subclass both `OrgkitError` and the built-in
`ValueError`; the native module raises them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

if TYPE_CHECKING:
    from ._orgkit import Issue


class OrgkitError(Exception):
    """Base class of every error orgkit raises."""


class ValidationError(OrgkitError, ValueError):
    """A value or request broke one or more constraints.

    `issues` lists every problem found, each with `path`, `code` and `message`; `code` is the
    first issue's code.
    """

    issues: list[Issue]
    code: str

    def __init__(self, message: str, issues: Sequence[Issue]) -> None:
        super().__init__(message)
        self.issues = list(issues)
        self.code = self.issues[0].code if self.issues else ""


class UnknownOperationError(OrgkitError, LookupError):
    """A service or operation name the seed edition does not have; the message lists the
    valid names."""


class HandshakeError(OrgkitError):
    """The handshake state machine refused an event. `code` is the AWS exception name
    (AccessDeniedException, InvalidHandshakeTransitionException,
    HandshakeAlreadyInStateException); `response` has the shape of botocore's ClientError."""

    code: str
    reason: str | None
    message: str
    response: dict[str, Any]

    def __init__(self, code: str, message: str, reason: str | None = None) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.reason = reason
        self.message = message
        self.response = {"Error": {"Code": code, "Message": message}}
        if reason is not None:
            self.response["Reason"] = reason
