"""`orgkit.validate_boto3`: real boto3 / botocore clients check their requests with orgkit.

The handler runs at botocore's `provide-client-params` event, before botocore's own parameter
checks, before any Stubber response and before anything is signed or sent; a request orgkit
refuses raises `orgkit.Boto3ValidationError`, which is both botocore's `ParamValidationError`
and an `orgkit.ValidationError` and lists every issue. Requests are checked against one edition
of the models (`edition=`, `"current"` by default); an operation that edition does not have is
left to botocore.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Sequence

from ._errors import ValidationError
from ._orgkit import DEFAULT_EDITION, operations, validate_request, value_kinds

if TYPE_CHECKING:
    from ._orgkit import Issue

VALIDATED_SERVICES = ("organizations", "account", "chime")
"""The botocore service IDs whose requests `validate_boto3` checks."""

_HANDLER_ID = "orgkit-validate-boto3"


def _param_validation_error() -> type[Exception]:
    from botocore.exceptions import ParamValidationError  # type: ignore[import-untyped]

    return ParamValidationError  # type: ignore[no-any-return]


_Base: Any = None


def boto3_validation_error_class() -> type[ValidationError]:
    """`orgkit.Boto3ValidationError`, made on first use (it needs botocore)."""
    global _Base
    if _Base is None:
        param_validation_error = _param_validation_error()

        class Boto3ValidationError(ValidationError, param_validation_error):  # type: ignore[misc, valid-type]
            """A request a boto3 client was about to send, refused by orgkit: both botocore's
            `ParamValidationError` (its `kwargs["report"]` lists the issues) and an
            `orgkit.ValidationError` (`issues`, `code`)."""

            def __init__(self, report: str, issues: Sequence[Issue]) -> None:
                ValidationError.__init__(self, f"Parameter validation failed:\n{report}", issues)
                self.kwargs = {"report": report}

        Boto3ValidationError.__module__ = "orgkit"
        _Base = Boto3ValidationError
    return _Base  # type: ignore[no-any-return]


_KNOWN: dict[tuple[str, str], frozenset[str]] = {}


def _known_operations(service: str, edition: str) -> frozenset[str]:
    """The model names of `service`'s operations in `edition` (refuses an unknown edition with
    `orgkit.ArgumentError`)."""
    known = _KNOWN.get((service, edition))
    if known is None:
        known = frozenset(name for name, _ in operations(service, edition=edition))
        _KNOWN[(service, edition)] = known
    return known


def _check(params: Any, model: Any, edition: str) -> None:
    service = model.service_model.service_id.hyphenize()
    if service not in VALIDATED_SERVICES or model.name not in _known_operations(service, edition):
        # Operations the edition does not have (newer ones) are left to botocore.
        return
    issues = validate_request(service, model.name, params, edition=edition)
    if issues:
        report = "\n".join(f"{issue.path or '<request>'}: {issue.code}: {issue.message}" for issue in issues)
        raise boto3_validation_error_class()(report, issues)


def _handler(edition: str) -> Callable[..., None]:
    """botocore's `provide-client-params` handler checking requests against `edition`."""

    def check(params: Any, model: Any, **_: Any) -> None:
        _check(params, model, edition)

    return check


def validate_boto3(client_or_session: Any, *, edition: str = DEFAULT_EDITION) -> Any:
    """Makes a boto3 / botocore client — or every client a `boto3.Session` or botocore
    `Session` makes from now on — check each Organizations, Account and Chime request with
    orgkit before it is sent, against the model of `edition` (`"current"`, the default, or
    `"original"`; operations the edition does not have pass unchecked). A refused request
    raises `orgkit.Boto3ValidationError` (a botocore `ParamValidationError`) listing every
    issue. Works with botocore's Stubber. Returns its argument; calling it twice registers the
    check once (the last call's edition)."""
    # Refuses an edition that is not one (orgkit.ArgumentError) before anything is registered.
    value_kinds(edition=edition)
    edition = str(edition)
    events = getattr(getattr(client_or_session, "meta", None), "events", None)
    if events is None:
        events = getattr(client_or_session, "events", None)  # boto3.Session
    if events is None and hasattr(client_or_session, "get_component"):
        events = client_or_session.get_component("event_emitter")  # botocore Session
    if events is None:
        from ._errors import ArgumentError

        raise ArgumentError(
            "INVALID_ARGUMENT",
            f"validate_boto3 takes a boto3/botocore client or session, not {type(client_or_session).__name__}",
        )
    check = _handler(edition)
    for service in VALIDATED_SERVICES:
        event, unique_id = f"provide-client-params.{service}", f"{_HANDLER_ID}-{service}"
        # A second call replaces the first one's check (it may name another edition).
        events.unregister(event, unique_id=unique_id)
        events.register(event, check, unique_id=unique_id)
    return client_or_session
