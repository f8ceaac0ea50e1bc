"""`orgkit.mock_aws`: unmodified boto3 / botocore code served by the emulator, in-process.

Every botocore client of Organizations, Account, Chime and STS — made before or inside the
block — has its HTTP requests answered by the emulator's wire protocols (the Rust core's
`Emulator::handle_http`), at botocore's `before-send` event: botocore signs the request as
usual, orgkit answers it with the bytes AWS would send, and botocore's own parsers turn them
into the response or into its own `ClientError` subclasses. Other services are untouched, so
the block composes with moto's `mock_aws`: orgkit's four services go to orgkit, the rest to
moto.

A client copies its session's event handlers when it is made, so a handler registered now
would miss clients made earlier. orgkit therefore takes part in the dispatch of `before-send`
events itself (it wraps `botocore.hooks.HierarchicalEmitter._emit` while a block is active and
restores it afterwards), answering only `before-send.<service>.*` of its four services.
"""

from __future__ import annotations

import functools
import inspect
import io
import os
import threading
from types import TracebackType
from typing import TYPE_CHECKING, Any, Callable, Iterator, TypeVar

if TYPE_CHECKING:
    from ._emulator import Emulator

SERVED_SERVICES = frozenset({"organizations", "account", "chime", "sts"})
"""The botocore service IDs (hyphenized) orgkit answers."""

_F = TypeVar("_F", bound=Callable[..., Any])

_lock = threading.RLock()
_active: list[_Mock] = []
_original_emit: Any = None


class _RawBody:
    """The `raw` of a botocore `AWSResponse`: a body that can be streamed once."""

    def __init__(self, body: bytes) -> None:
        self._stream = io.BytesIO(body)

    def stream(self, **_: Any) -> Iterator[bytes]:
        chunk = self._stream.read()
        while chunk:
            yield chunk
            chunk = self._stream.read()


def _header_text(value: Any) -> str:
    return value.decode("latin-1") if isinstance(value, (bytes, bytearray)) else str(value)


def _body_bytes(body: Any) -> bytes:
    if body is None:
        return b""
    if isinstance(body, (bytes, bytearray, memoryview)):
        return bytes(body)
    if isinstance(body, str):
        return body.encode("utf-8")
    if hasattr(body, "read"):
        position = body.tell() if hasattr(body, "tell") else None
        data = body.read()
        if position is not None and hasattr(body, "seek"):
            body.seek(position)
        return data if isinstance(data, bytes) else str(data).encode("utf-8")
    return bytes(body)


def answer(emulator: Emulator, request: Any) -> Any:
    """A botocore `AWSResponse` for a botocore `AWSPreparedRequest`, from the emulator."""
    from botocore.awsrequest import AWSResponse  # type: ignore[import-untyped]

    headers = [(str(name), _header_text(value)) for name, value in request.headers.items()]
    status, response_headers, body = emulator._native.handle_http(
        request.method, request.url, headers, _body_bytes(request.body)
    )
    return AWSResponse(request.url, status, dict(response_headers), _RawBody(body))


def _dispatching_emit(self: Any, event_name: str, kwargs: Any, stop_on_response: bool = False) -> Any:
    if event_name.startswith("before-send."):
        # One read of the list: another thread may end a block meanwhile.
        active = _active[-1:]
        service = event_name.split(".", 2)[1]
        if active and service in SERVED_SERVICES:
            mock = active[0]
            return [(mock, answer(mock.emulator, kwargs["request"]))]
    # The original is kept for good once taken: a thread still in here after the last block
    # ended must find it.
    return _original_emit(self, event_name, kwargs, stop_on_response)


def _install() -> None:
    global _original_emit
    from botocore.hooks import HierarchicalEmitter  # type: ignore[import-untyped]

    if _original_emit is None:
        _original_emit = HierarchicalEmitter._emit
    HierarchicalEmitter._emit = _dispatching_emit


def _uninstall() -> None:
    from botocore.hooks import HierarchicalEmitter

    if _original_emit is not None:
        HierarchicalEmitter._emit = _original_emit


def _swap_default_session(session: Any) -> Any:
    """Sets `boto3.DEFAULT_SESSION` (when boto3 is imported) and returns the one it replaced."""
    import sys

    boto3 = sys.modules.get("boto3")
    if boto3 is None:
        return None
    previous = getattr(boto3, "DEFAULT_SESSION", None)
    setattr(boto3, "DEFAULT_SESSION", session)
    return previous


_CREDENTIAL_VARIABLES = (
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_SECURITY_TOKEN",
    "AWS_DEFAULT_REGION",
)


class _Mock:
    """One active `mock_aws` block."""

    def __init__(self, emulator: Emulator | None, caller: str) -> None:
        from ._emulator import Emulator

        self._given = emulator
        self._caller = caller
        self.emulator: Emulator = emulator if emulator is not None else Emulator()
        self._saved_environment: dict[str, str | None] = {}
        self._saved_session: Any = None
        self._saved_caller = ""

    def start(self) -> Emulator:
        self._saved_caller = self.emulator._native.default_caller()
        self.emulator._native.set_default_caller(self._caller)
        key, secret = self.emulator._native.credentials(self._caller)
        self._saved_environment = {name: os.environ.get(name) for name in _CREDENTIAL_VARIABLES}
        os.environ["AWS_ACCESS_KEY_ID"] = key
        os.environ["AWS_SECRET_ACCESS_KEY"] = secret
        os.environ.pop("AWS_SESSION_TOKEN", None)
        os.environ.pop("AWS_SECURITY_TOKEN", None)
        os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
        # boto3's default session keeps the credentials it first found: a fresh one for the
        # block (so `boto3.client(...)` acts as this block's caller), the old one back after.
        self._saved_session = _swap_default_session(None)
        with _lock:
            _install()
            _active.append(self)
        return self.emulator

    def stop(self) -> None:
        with _lock:
            if self in _active:
                _active.remove(self)
            if not _active:
                _uninstall()
        _swap_default_session(self._saved_session)
        self._saved_session = None
        # A given emulator gets its own default caller back.
        self.emulator._native.set_default_caller(self._saved_caller)
        for name, value in self._saved_environment.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        self._saved_environment = {}


class mock_aws:
    """Serves every botocore/boto3 client of Organizations, Account, Chime and STS from an
    orgkit `Emulator` (a new one unless `emulator` is given), like moto's `mock_aws`.

    As a context manager it yields the emulator; as a decorator (of a function, a coroutine
    function or a class's `test*` methods) each call runs in a fresh block. Inside, clients
    made without explicit credentials act as `caller` (it also becomes the emulator's
    default caller, for keys it does not know); `emulator.credentials(account)` gives keys
    that act as another account. The environment's AWS credential variables are restored
    afterwards.
    """

    def __init__(self, emulator: Emulator | None = None, *, caller: str = "111111111111") -> None:
        from ._orgkit import is_account_id

        if not isinstance(caller, str) or not is_account_id(caller):
            from ._errors import ArgumentError

            raise ArgumentError("INVALID_ARGUMENT", f"caller must be a 12-digit account ID, not {caller!r}")
        from ._emulator import Emulator

        if emulator is not None and not isinstance(emulator, Emulator):
            from ._errors import ArgumentError

            raise ArgumentError(
                "INVALID_ARGUMENT", f"emulator must be an orgkit.Emulator or None, not {type(emulator).__name__}"
            )
        self._emulator = emulator
        self._caller = caller
        self._running: list[_Mock] = []

    def start(self) -> Emulator:
        """Starts serving; `stop()` ends it (what `with` does)."""
        mock = _Mock(self._emulator, self._caller)
        emulator = mock.start()
        self._running.append(mock)
        return emulator

    def stop(self) -> None:
        """Stops the most recent `start()`."""
        if self._running:
            self._running.pop().stop()

    def __enter__(self) -> Emulator:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def __call__(self, target: _F) -> _F:
        if isinstance(target, type):
            for name, member in list(vars(target).items()):
                if name.startswith("test") and callable(member):
                    setattr(target, name, self.__call__(member))
            return target
        if inspect.iscoroutinefunction(target):

            @functools.wraps(target)
            async def run_async(*args: Any, **kwargs: Any) -> Any:
                with mock_aws(self._emulator, caller=self._caller):
                    return await target(*args, **kwargs)

            return run_async  # type: ignore[return-value]

        @functools.wraps(target)
        def run(*args: Any, **kwargs: Any) -> Any:
            with mock_aws(self._emulator, caller=self._caller):
                return target(*args, **kwargs)

        return run  # type: ignore[return-value]
