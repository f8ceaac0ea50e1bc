"""`orgkit.serve` and the `orgkit serve` command: the emulator over loopback HTTP for the AWS
CLI, Terraform and SDKs of any language. The server is the Rust core's (`orgkit::server`,
hyper on tokio, in a thread of its own); this module starts and stops it and keeps the state
file."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from types import FrameType, TracebackType
from typing import TYPE_CHECKING, Sequence

from ._orgkit import Server as _NativeServer

if TYPE_CHECKING:
    from ._emulator import Emulator


class serve:
    """Serves an emulator (a new one unless given) on `host:port` (loopback; port 0 picks a
    free one). A context manager: `with orgkit.serve() as server:` gives `.endpoint_url`
    (`http://127.0.0.1:<port>`) and `.emulator`; leaving stops the server. With `state`, the
    file is loaded at start (if it exists) and saved atomically at stop and by `save()`."""

    def __init__(
        self,
        port: int = 0,
        *,
        emulator: Emulator | None = None,
        host: str = "127.0.0.1",
        state: str | os.PathLike[str] | None = None,
        allow_remote: bool = False,
    ) -> None:
        from ._emulator import Emulator

        self.state = os.fspath(state) if state is not None else None
        if emulator is None:
            emulator = Emulator()
        # The file, when it exists, is what is served (and what a stop overwrites).
        if self.state is not None and os.path.exists(self.state):
            emulator.load_into(self.state)
        self.emulator: Emulator = emulator
        bare = host.strip("[]")
        address = f"[{bare}]:{port}" if ":" in bare else f"{bare}:{port}"
        self._server = _NativeServer(emulator._native, address, allow_remote)
        self._save_lock = threading.Lock()

    @property
    def endpoint_url(self) -> str:
        """`http://<host>:<port>`, for `--endpoint-url` / `endpoint_url=`."""
        return self._server.endpoint_url

    @property
    def port(self) -> int:
        """The port it listens on."""
        return self._server.port

    def save(self) -> None:
        """Writes the state file now (atomically); nothing without `state`."""
        if self.state is not None:
            with self._save_lock:
                self.emulator.save(self.state)

    def stop(self) -> None:
        """Stops serving (requests in flight finish), then saves the state file."""
        self._server.stop()
        self.save()

    def __enter__(self) -> serve:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def main(argv: Sequence[str] | None = None) -> int:
    """`orgkit serve [--port 4566] [--host 127.0.0.1] [--state FILE] [--caller ID]`."""
    parser = argparse.ArgumentParser(prog="orgkit", description="orgkit command line")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser(
        "serve",
        help="serve the emulator over loopback HTTP (AWS CLI: --endpoint-url http://127.0.0.1:4566)",
    )
    run.add_argument("--port", type=int, default=4566, help="port to listen on (default 4566; 0 picks one)")
    run.add_argument("--host", default="127.0.0.1", help="address to bind (loopback unless --allow-remote)")
    run.add_argument("--allow-remote", action="store_true", help="allow a non-loopback --host")
    run.add_argument("--state", help="state file: loaded at start, saved on exit and on SIGHUP/SIGTERM/SIGINT")
    run.add_argument("--caller", default="111111111111", help="account for keys the emulator did not hand out")
    run.add_argument("--seed", type=int, default=0, help="seed of the emulator's IDs")
    args = parser.parse_args(argv)

    from ._emulator import Emulator
    from ._errors import OrgkitError

    if args.state:
        folder = os.path.dirname(os.path.abspath(args.state))
        if not os.path.isdir(folder) or not os.access(folder, os.W_OK):
            print(f"orgkit serve: cannot write the state file {args.state}: "
                  f"{folder} is not a writable folder", file=sys.stderr)
            return 2
    try:
        emulator = Emulator(args.seed)
        emulator.default_caller = args.caller
        server = serve(args.port, emulator=emulator, host=args.host, state=args.state,
                       allow_remote=args.allow_remote)
    except OrgkitError as error:
        print(f"orgkit serve: {error}", file=sys.stderr)
        return 2
    stop = threading.Event()
    save_now = threading.Event()

    # The handlers only set flags; the loop saves, so a signal during a save cannot wait on
    # the save it interrupted.
    def on_stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    def on_hangup(signum: int, frame: FrameType | None) -> None:
        save_now.set()

    handlers = {signal.SIGINT: on_stop, signal.SIGTERM: on_stop}
    if hasattr(signal, "SIGHUP"):
        handlers[signal.SIGHUP] = on_hangup
    previous = {signum: signal.getsignal(signum) for signum in handlers}
    for signum, handler in handlers.items():
        signal.signal(signum, handler)
    try:
        return _serve_until_stopped(server, args.state, stop, save_now)
    finally:
        # Called in-process (a test, a tool), the caller's own handlers come back.
        for signum, earlier in previous.items():
            signal.signal(signum, earlier)


def _serve_until_stopped(
    server: serve, state: str | None, stop: threading.Event, save_now: threading.Event
) -> int:
    from ._errors import OrgkitError

    print(f"orgkit: serving on {server.endpoint_url} (Ctrl-C stops"
          f"{', state in ' + state if state else ''})", flush=True)
    while not stop.wait(0.2):
        if save_now.is_set():
            save_now.clear()
            try:
                server.save()
                print(f"orgkit: state saved to {state}", flush=True)
            except OrgkitError as error:
                # Keep serving: what is in memory is still there for the next try.
                print(f"orgkit serve: the state was not saved: {error}", file=sys.stderr, flush=True)
    try:
        server.stop()
    except OrgkitError as error:
        print(f"orgkit serve: stopped, but the state was not saved: {error}", file=sys.stderr)
        return 1
    print("orgkit: stopped" + (f", state saved to {state}" if state else ""), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
