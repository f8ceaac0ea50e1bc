"""`orgkit.Emulator`: AWS Organizations, Account alternate contacts and Chime accounts in
memory, driven through boto3-shaped clients.

The emulator is orgkit's Rust core, which also validates the keyword arguments where they lie
and builds the boto3-shaped response (timestamps as timezone-aware `datetime`); this module
only adds boto3's client surface: method names, paginators, `exceptions`.
"""

from __future__ import annotations

import json
import math
import os
from functools import partial
from datetime import datetime, timezone
from types import ModuleType
from typing import TYPE_CHECKING, Any, Callable, Literal, Mapping, overload

from . import exceptions as _exceptions
from ._orgkit import Emulator as _NativeEmulator
from ._orgkit import EMULATED_EDITION, operations
from ._paginate import PageIterator, paginate

if TYPE_CHECKING:
    from ._orgkit import Decision, _ScpContextValue, _ScpPrincipal
    from .emulator_types import AccountClient, ChimeClient, OrganizationsClient


DEFAULT_SNAPSHOT_LIMIT = 1 << 30
"""The default size limit, in bytes, of a snapshot `load`, `load_into` and `import_state` read."""

class Paginator:
    """boto3's `Paginator` for one List operation of an emulator client."""

    def __init__(self, client: Client, operation: str) -> None:
        self._client = client
        self._operation = operation

    def paginate(self, **kwargs: Any) -> PageIterator:
        """The pages, as with boto3: request members as keyword arguments, plus
        `PaginationConfig={"MaxItems", "PageSize", "StartingToken"}`."""
        config = dict(kwargs.pop("PaginationConfig", None) or {})
        return paginate(
            getattr(self._client, self._python_name()),
            self._operation,
            kwargs,
            service=self._client._service,
            max_items=config.get("MaxItems"),
            page_size=config.get("PageSize"),
            starting_token=config.get("StartingToken"),
            edition=EMULATED_EDITION,
        )

    def _python_name(self) -> str:
        return self._client._python_names[self._operation]


class Client:
    """A boto3-shaped client of one service, calling as one account. Methods have boto3's
    names (`create_organization`, `list_accounts`, …) and take its keyword arguments; they
    return boto3-shaped dicts with `datetime` timestamps and raise `orgkit.ServiceError`
    subclasses (also on `client.exceptions`). The emulator serves the original edition
    (`orgkit.EMULATED_EDITION`): an operation only the current edition has (`close_account`)
    raises `orgkit.UnknownOperationError`, and a member only it has (`Tags`) is refused, each
    with a message naming the edition served."""

    exceptions: ModuleType = _exceptions

    def __init__(self, emulator: Emulator, service: str, caller: str) -> None:
        # orgkit.operations refuses an unknown service, listing the known ones. The methods
        # are the operations of the edition the emulator serves.
        model_names = {python: model for model, python in operations(service, edition=EMULATED_EDITION)}
        # boto3's clients also have today's operations; calling one reaches the emulator, which
        # refuses it with an orgkit.UnknownOperationError naming the edition it serves.
        self._newer_names = {
            python: model for model, python in operations(service) if python not in model_names
        }
        self._native = emulator._native
        self._service = service
        self.caller = _text("caller", caller, "INVALID_CALLER")
        self._model_names = model_names
        self._python_names = {model: python for python, model in self._model_names.items()}

    def __repr__(self) -> str:
        return f"<orgkit emulator client {self._service} as {self.caller}>"

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | set(self._model_names))

    def __getattr__(self, name: str) -> Callable[..., dict[str, Any]]:
        model = self.__dict__.get("_model_names", {}).get(name)
        if model is None:
            newer = self.__dict__.get("_newer_names", {}).get(name)
            if newer is None:
                raise AttributeError(f"{self!r} has no operation {name!r}")
            # Not served: the call raises orgkit.UnknownOperationError (not kept as a method).
            return partial(self._native.call_kwargs, self._service, newer, self.caller)
        # The keyword arguments go straight to the native call (no Python frame per call).
        call: Callable[..., dict[str, Any]] = partial(
            self._native.call_kwargs, self._service, model, self.caller)
        # Found once; later lookups are plain attribute reads.
        self.__dict__[name] = call
        return call

    def can_paginate(self, operation_name: str) -> bool:
        """Whether the operation (boto3 name) has a paginator."""
        return operation_name in self._model_names and self._model_names[operation_name].startswith("List")

    def get_paginator(self, operation_name: str) -> Paginator:
        """boto3's `get_paginator`: `operation_name` is the boto3 method name."""
        if not self.can_paginate(operation_name):
            raise ValueError(f"operation {operation_name!r} of {self._service} cannot be paginated")
        return Paginator(self, self._model_names[operation_name])


class Emulator:
    """An in-memory AWS partition (Organizations, Account alternate contacts, Chime accounts).

    `seed` fixes the generated IDs. Accounts exist as soon as they call, or can be registered
    with an email and name first. The clock is virtual: `advance(seconds)` finishes
    CreateAccount requests and expires handshakes. Thread-safe: clients of one emulator may be
    used from several threads.
    """

    def __init__(self, seed: int = 0) -> None:
        if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**64:
            raise _usage("INVALID_ARGUMENT", "seed must be an int from 0 to 2**64 - 1")
        self._native = _NativeEmulator(seed)

    @overload
    def client(self, service: Literal["organizations"], caller: str) -> OrganizationsClient: ...
    @overload
    def client(self, service: Literal["account"], caller: str) -> AccountClient: ...
    @overload
    def client(self, service: Literal["chime"], caller: str) -> ChimeClient: ...

    def client(self, service: str, caller: str) -> Any:
        """A boto3-shaped client of `service` (`organizations`, `account`, `chime`) calling
        as account `caller` (12 digits); typed per service for type checkers (see
        `orgkit.emulator_types`)."""
        return Client(self, service, caller)

    def credentials(self, account_id: str) -> dict[str, str]:
        """Long-term credentials that act as `account_id` over the wire (`mock_aws`, the
        server): `{"aws_access_key_id": ..., "aws_secret_access_key": ...}`, ready to pass to
        `boto3.client(...)` or `boto3.Session(...)`. The same every time; signatures are not
        verified."""
        key, secret = self._native.credentials(account_id)
        return {"aws_access_key_id": key, "aws_secret_access_key": secret}

    @property
    def default_caller(self) -> str:
        """The account that requests signed with keys the emulator did not hand out act as
        (`mock_aws(caller=...)` sets it)."""
        return self._native.default_caller()

    @default_caller.setter
    def default_caller(self, account_id: str) -> None:
        self._native.set_default_caller(account_id)

    def register_account(self, account_id: str, email: str, name: str) -> None:
        """Registers a standalone account with its root email and name."""
        self._native.register_account(
            _text("account_id", account_id), _text("email", email), _text("name", name))

    def add_chime_user(self, chime_account_id: str, email: str) -> None:
        """Adds a user email to a Chime account (for ListAccounts' UserEmail filter)."""
        self._native.add_chime_user(_text("chime_account_id", chime_account_id), _text("email", email))

    @property
    def now(self) -> datetime:
        """The virtual clock."""
        return datetime.fromtimestamp(self._native.now(), tz=timezone.utc)

    def advance(self, seconds: float) -> None:
        """Moves the clock forward."""
        if isinstance(seconds, bool) or not isinstance(seconds, (int, float)):
            raise _usage("INVALID_ARGUMENT", "seconds must be a number")
        try:
            as_float = float(seconds)
        except OverflowError:
            raise _usage("CLOCK_OUT_OF_RANGE", f"{seconds} seconds is beyond any clock") from None
        if math.isnan(as_float):
            raise _usage("INVALID_ARGUMENT", "seconds must be a number, not NaN")
        self._native.advance(as_float)

    @property
    def quotas(self) -> dict[str, int]:
        """The limits in force (`max_accounts`, `max_organizational_units`, `max_policies`)."""
        return self._native.quotas()

    def set_quotas(self, **limits: int) -> None:
        """Sets some of the limits, e.g. `set_quotas(max_accounts=5)`."""
        known = {"max_accounts", "max_organizational_units", "max_policies"}
        for name, value in limits.items():
            if name not in known:
                raise _usage("INVALID_ARGUMENT", f"unknown quota {name!r}; expected one of: {', '.join(sorted(known))}")
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 2**63:
                raise _usage("INVALID_ARGUMENT", f"{name} must be a non-negative int")
        self._native.set_quotas(**limits)

    def export(self) -> dict[str, Any]:
        """The whole state as a versioned, JSON-ready dict."""
        snapshot: dict[str, Any] = json.loads(self._native.export_json())
        return snapshot

    def import_state(self, snapshot: dict[str, Any], *, max_bytes: int = DEFAULT_SNAPSHOT_LIMIT) -> None:
        """Replaces the state with an `export()`ed snapshot; on error nothing changes. A
        snapshot whose JSON text is longer than `max_bytes` (default 1 GiB) is refused with
        `SNAPSHOT_TOO_LARGE`."""
        limit = _limit(max_bytes)
        try:
            text = json.dumps(snapshot, allow_nan=False)
        except (TypeError, ValueError, RecursionError) as err:
            raise _usage("SNAPSHOT_CORRUPT", f"the snapshot is not JSON data: {err}") from None
        self._native.import_json(text, limit)

    def prepare_standalone(self, account_id: str) -> None:
        """Gives an account that CreateAccount made what a standalone account needs (payment
        method, verified phone, accepted agreement), so that it may leave its organization or
        be removed; until then both are refused with `ACCOUNT_CANNOT_LEAVE_ORGANIZATION`."""
        self._native.prepare_standalone(_text("account_id", account_id))

    @property
    def policy_document_limit(self) -> int:
        """The most characters a policy document may have (AWS's SCP quota, 5,120)."""
        return self._native.policy_document_limit()

    def set_policy_document_limit(self, max_characters: int) -> None:
        """Sets the policy document limit (for later CreatePolicy / UpdatePolicy calls)."""
        if isinstance(max_characters, bool) or not isinstance(max_characters, int) or not 0 <= max_characters < 2**63:
            raise _usage("INVALID_ARGUMENT", "max_characters must be a non-negative int")
        self._native.set_policy_document_limit(max_characters)

    def save(self, path: str | os.PathLike[str]) -> None:
        """Writes the snapshot to `path` atomically (temporary file, then rename)."""
        self._native.save(_path(path))

    @classmethod
    def load(cls, path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_SNAPSHOT_LIMIT) -> Emulator:
        """An emulator read from a snapshot file; a truncated, corrupt or other-version file
        raises `orgkit.EmulatorUsageError`, and so does one that is not a regular file or is
        larger than `max_bytes` (default 1 GiB; `SNAPSHOT_TOO_LARGE`)."""
        limit = _limit(max_bytes)
        emulator = cls.__new__(cls)
        emulator._native = _NativeEmulator.load(_path(path), limit)
        return emulator

    def load_into(self, path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_SNAPSHOT_LIMIT) -> None:
        """Replaces this emulator's state with a snapshot file (at most `max_bytes`); on error
        nothing changes."""
        self._native.load_into(_path(path), _limit(max_bytes))

    def check_invariants(self) -> list[str]:
        """What is structurally wrong with the state (empty when nothing is)."""
        return self._native.check_invariants()

    def simulate(
        self,
        account_id: str,
        action: str,
        resource: str = "*",
        context: Mapping[str, _ScpContextValue] | None = None,
        principal: _ScpPrincipal = "user",
    ) -> Decision:
        """Whether the SCPs of the emulated organization allow a principal of `account_id`
        to make a request (`action` as `service:Action`, a resource ARN, condition keys in
        `context`), and why: an `orgkit.Decision` evaluated over the root, each OU on the
        account's path and the account. The management account is exempt; an account in no
        organization, or a root without the SCP type enabled, has no SCP in effect; an
        unknown account raises `EmulatorUsageError` (`NOT_FOUND`)."""
        return self._native.simulate(_text("account_id", account_id), action, resource, context, principal)

    def effective_scps(self, target_id: str) -> list[dict[str, Any]]:
        """The SCPs in effect for a root, OU or account as the management account sees them:
        one dict per level from the root down (`target`, `kind`, `name`, `policies` with
        `policy_id` and `name`); empty when the root does not have the SCP type enabled."""
        return self._native.effective_scps(_text("target_id", target_id))


def _limit(max_bytes: object) -> int:
    """A size limit in bytes; anything but an int from 0 to 2**64 - 1 is a usage error."""
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or not 0 <= max_bytes < 2**64:
        raise _usage("INVALID_ARGUMENT", "max_bytes must be an int from 0 to 2**64 - 1")
    return max_bytes


def _path(path: object) -> str:
    """A file system path as text; anything else is a usage error."""
    try:
        return os.fsdecode(os.fspath(path))  # type: ignore[call-overload]
    except TypeError:
        raise _usage("INVALID_ARGUMENT", f"a path must be str or os.PathLike, not {type(path).__name__}") from None


def _text(what: str, value: object, code: str = "INVALID_ARGUMENT") -> str:
    """`value` when it is a str; otherwise the usage error with `code`."""
    if not isinstance(value, str):
        raise _usage(code, f"{what} must be a str, not {type(value).__name__}")
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise _usage(code, f"{what} is not valid Unicode (it holds a lone surrogate)") from None
    return value


def _usage(code: str, message: str) -> Exception:
    from ._errors import EmulatorUsageError

    return EmulatorUsageError(code, message)
