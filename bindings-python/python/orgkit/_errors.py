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


class _CodedError(OrgkitError):
    """An orgkit error with a stable `code` and a `message` (the text is `"CODE: message"`)."""

    code: str
    message: str

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


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


class ArgumentError(_CodedError, TypeError, ValueError):
    """An argument of the wrong kind, refused before any work is done: a name that is not a
    `str` (or holds a lone surrogate), a `str` where a list is expected, a batch that is too
    large. `code` is `INVALID_ARGUMENT` or `TOO_MANY_VALUES`; it is also a `TypeError` and a
    `ValueError`, so code written against either keeps working."""


class InternalError(_CodedError):
    """orgkit failed internally (a bug: a panic in the Rust core, caught at the boundary).
    `code` is always `INTERNAL_ERROR`; the instance and everything already stored stay usable.
    Unlike pyo3's `PanicException`, it is an `Exception`, so `except Exception` catches it."""


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


class PaginationError(_CodedError):
    """A paginator walk cannot start or go on, like botocore's PaginationError. `code` is
    stable (one of `orgkit.PAGINATION_ERROR_CODES`): `NOT_PAGINATED`, `REPEATED_TOKEN` (the
    service returned a token twice; following it would loop), `MALFORMED_PAGE` (the fetch
    returned something that is not the operation's response), `INVALID_PAGINATION_CONFIG`."""


def _client_error_base() -> type[Exception]:
    """botocore's `ClientError` when botocore is installed (so that `except ClientError`
    catches the emulator's errors too), else `Exception`."""
    try:
        from botocore.exceptions import ClientError  # type: ignore[import-untyped]
    except ImportError:
        return Exception
    return ClientError  # type: ignore[no-any-return]


_ClientErrorBase: Any = _client_error_base()


class ServiceError(OrgkitError, _ClientErrorBase):  # type: ignore[misc]
    """An error from an emulated service, shaped like botocore's ClientError: `response` has
    `Error.Code`, `Error.Message`, `ResponseMetadata.HTTPStatusCode` and, where the exception
    has one, `Reason`. `code`, `reason`, `message` and `operation_name` are shortcuts; `issues`
    lists every validation problem of a refused request (empty otherwise), each a dict with
    `Path`, `Code` and `Message`. Each AWS exception has its own subclass in
    `orgkit.exceptions` (and on every client's `exceptions`). When botocore is installed it
    is also a `botocore.exceptions.ClientError`, so code written for boto3 catches it."""

    code: str
    reason: str | None
    message: str
    operation_name: str
    issues: list[dict[str, str]]
    response: dict[str, Any]

    def __init__(self, error: dict[str, Any], operation_name: str) -> None:
        self.code = str(error.get("Code", ""))
        self.message = str(error.get("Message", ""))
        self.reason = error.get("Reason")
        self.operation_name = operation_name
        self.issues = list(error.get("Issues", []))
        self.response = {
            "Error": {"Code": self.code, "Message": self.message},
            "ResponseMetadata": {"HTTPStatusCode": error.get("StatusCode", 400)},
            "Message": self.message,
        }
        if self.reason is not None:
            self.response["Reason"] = self.reason
        if _ClientErrorBase is Exception:
            Exception.__init__(
                self,
                f"An error occurred ({self.code}) when calling the {operation_name} operation: "
                f"{self.message}",
            )
        else:
            # botocore's ClientError writes the same text and keeps `response` and
            # `operation_name`.
            _ClientErrorBase.__init__(self, self.response, operation_name)


class EmulatorUsageError(_CodedError, ValueError):
    """The emulator itself was used wrongly (a caller that is not an account ID, a duplicate
    registration, an unreadable snapshot); `code` is stable, e.g. `INVALID_CALLER`,
    `SNAPSHOT_CORRUPT`."""



_SERVICE_ERROR_CLASSES: dict[str, type[ServiceError]] = {}


def service_error_class(code: str) -> type[ServiceError]:
    """The `ServiceError` subclass for one AWS exception name (made on first use)."""
    found = _SERVICE_ERROR_CLASSES.get(code)
    if found is None:
        found = type(code, (ServiceError,), {"__module__": "orgkit.exceptions",
                                             "__doc__": f"The AWS {code}."})
        _SERVICE_ERROR_CLASSES[code] = found
    return found


def emulator_error(error_json: str, operation_name: str) -> OrgkitError:
    """The exception for an emulator error (its JSON as the Rust core writes it)."""
    import json

    error = json.loads(error_json)
    kind = error.get("Kind")
    if kind == "service":
        return service_error_class(error["Code"])(error, operation_name)
    if kind == "lookup":
        return UnknownOperationError(error.get("Message", ""))
    return EmulatorUsageError(error.get("Code", ""), error.get("Message", ""))
