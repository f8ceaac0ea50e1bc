"""Load benchmark of the emulator over HTTP: the orgkit server (`orgkit serve`, the Rust core's
hyper server) against moto's server (`python -m moto.server`, Flask on werkzeug), each in a
process of its own on loopback, answering the same Organizations request (awsJson 1.1 POST with
`X-Amz-Target`, a SigV4-shaped `Authorization` header carrying the key of the organization's
management account) after an organization was created in each. Prints a table of requests/s,
latency percentiles, the server's CPU use and the ratio orgkit/moto. Nothing is asserted.

Load generator: `wrk` (Debian package `wrk`, `apt-get install -y wrk`) with a Lua script for the
POST method, body and headers, several keep-alive connections, a fixed duration per run; when
wrk is missing (or with `--client python`) a multi-process Python `http.client` keep-alive
client instead. The output says which one ran.

Versions this was run with (pin them to compare runs):
    wrk 4.1.0 (Debian 4.1.0-3+b2)
    moto[server]==5.2.5  ->  flask==3.1.3, flask-cors==6.0.5, werkzeug==3.1.9
    (`.venv/bin/python -m pip install "moto[server]==5.2.5"`)

Run: `.venv/bin/python bindings-python/benchmarks/bench_server.py [--duration 5]
      [--connections 8] [--threads 1] [--client wrk|python] [--operation DescribeOrganization]`

Note: werkzeug's development server closes the connection after every response (it does not
do HTTP/1.1 keep-alive), so moto pays a TCP connect per request whatever the client does; that
is how moto's server behaves for its users too.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from typing import Any

MASTER = "111111111111"
ORGKIT_KEY = f"AKIAORGK{MASTER}"  # orgkit.Emulator().credentials(MASTER): the master's key
MOTO_KEY = "AKIAIOSFODNN7EXAMPLE"  # moto answers any key as its default account
TARGET_PREFIX = "AWSOrganizationsV20161128"
CONTENT_TYPE = "application/x-amz-json-1.1"


def headers_for(key: str, operation: str) -> dict[str, str]:
    """The headers the AWS SDKs send (the signature is not checked by either server)."""
    return {
        "Content-Type": CONTENT_TYPE,
        "X-Amz-Target": f"{TARGET_PREFIX}.{operation}",
        "X-Amz-Date": "20260101T000000Z",
        "Authorization": (
            f"AWS4-HMAC-SHA256 Credential={key}/20260101/us-east-1/organizations/aws4_request, "
            "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" + "0" * 64
        ),
    }


@dataclass
class Result:
    server: str
    client: str
    connections: int
    requests: int = 0
    seconds: float = 0.0
    non_2xx: int = 0
    socket_errors: int = 0
    p50_ms: float | None = None
    p99_ms: float | None = None
    cpu_seconds: float | None = None
    cpu_window: float = 0.0  # the wall-clock time cpu_seconds was measured over

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


# --- servers -----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_port(port: int, process: subprocess.Popen[bytes], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode} before listening")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on port {port} after {timeout} s")


class ServerProcess:
    def __init__(self, name: str, argv: list[str], port: int, key: str) -> None:
        self.name = name
        self.port = port
        self.key = key
        self.process: subprocess.Popen[bytes] = subprocess.Popen(
            argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for_port(port, self.process)

    def cpu_seconds(self) -> float | None:
        """User + system CPU time of the server process (all its threads), from /proc."""
        try:
            with open(f"/proc/{self.process.pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, ValueError, IndexError):
            return None

    def call(self, operation: str, body: dict[str, Any]) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request("POST", "/", json.dumps(body).encode(), headers_for(self.key, operation))
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)


def start_orgkit() -> ServerProcess:
    port = free_port()
    argv = [sys.executable, "-W", "ignore::RuntimeWarning", "-m", "orgkit._server", "serve",
            "--port", str(port)]
    return ServerProcess("orgkit", argv, port, ORGKIT_KEY)


def start_moto() -> ServerProcess:
    port = free_port()
    argv = [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)]
    return ServerProcess("moto", argv, port, MOTO_KEY)


# --- load generators ---------------------------------------------------------------------------

WRK_SCRIPT = """
wrk.method = "POST"
wrk.body = {body}
{headers}
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH_RESULT {{\\"requests\\": %d, \\"duration_us\\": %d, \\"status\\": %d, " ..
    "\\"connect\\": %d, \\"read\\": %d, \\"write\\": %d, \\"timeout\\": %d, " ..
    "\\"p50_us\\": %d, \\"p99_us\\": %d}}\\n",
    summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
"""


def lua_string(text: str) -> str:
    return json.dumps(text)  # a JSON string literal is a valid Lua string literal here (ASCII)


def run_wrk(server: ServerProcess, operation: str, seconds: float, connections: int,
            threads: int) -> Result:
    headers = "\n".join(f"wrk.headers[{lua_string(name)}] = {lua_string(value)}"
                        for name, value in headers_for(server.key, operation).items())
    script = WRK_SCRIPT.format(body=lua_string("{}"), headers=headers)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
        path = handle.name
    try:
        argv = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{max(1, round(seconds))}s",
                "--timeout", "10s", "-s", path, f"http://127.0.0.1:{server.port}/"]
        cpu_before, started = server.cpu_seconds(), time.perf_counter()
        finished = subprocess.run(argv, capture_output=True, text=True, timeout=seconds + 60,
                                  check=False)
        cpu_after, elapsed = server.cpu_seconds(), time.perf_counter() - started
    finally:
        os.unlink(path)
    line = next((line for line in finished.stdout.splitlines() if line.startswith("BENCH_RESULT ")),
                None)
    if finished.returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed ({finished.returncode}): {finished.stdout}{finished.stderr}")
    data = json.loads(line.split(" ", 1)[1])
    result = Result(server.name, f"wrk -t{threads}", connections,
                    requests=data["requests"], seconds=data["duration_us"] / 1e6,
                    non_2xx=data["status"],
                    socket_errors=data["connect"] + data["read"] + data["write"] + data["timeout"],
                    p50_ms=data["p50_us"] / 1000, p99_ms=data["p99_us"] / 1000)
    if cpu_before is not None and cpu_after is not None:
        result.cpu_seconds, result.cpu_window = cpu_after - cpu_before, elapsed
    return result


def python_worker(args: tuple[int, str, dict[str, str], float]) -> tuple[int, int, int, list[float]]:
    """One keep-alive connection for `seconds`: (requests, non-2xx, errors, latencies in ms)."""
    port, body, headers, seconds = args
    payload = body.encode()
    latencies: list[float] = []
    bad = errors = 0
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    deadline = time.perf_counter() + seconds
    while (start := time.perf_counter()) < deadline:
        try:
            connection.request("POST", "/", payload, headers)
            response = connection.getresponse()
            response.read()
            if not 200 <= response.status < 300:
                bad += 1
            if response.will_close:
                connection.close()  # http.client reconnects on the next request
        except (OSError, http.client.HTTPException):
            errors += 1
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            continue
        latencies.append((time.perf_counter() - start) * 1000)
    connection.close()
    return len(latencies), bad, errors, latencies


def percentile(sorted_values: list[float], p: float) -> float | None:
    if not sorted_values:
        return None
    index = min(len(sorted_values) - 1, max(0, round(p / 100 * len(sorted_values)) - 1))
    return sorted_values[index]


def run_python(server: ServerProcess, operation: str, seconds: float, connections: int) -> Result:
    jobs = [(server.port, "{}", headers_for(server.key, operation), seconds)] * connections
    cpu_before = server.cpu_seconds()
    started = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(connections) as pool:
        # Pool start-up is outside each worker's own timed loop; the rate uses the loops' time.
        outcomes = pool.map(python_worker, jobs)
    elapsed = time.perf_counter() - started
    cpu_after = server.cpu_seconds()
    latencies = sorted(value for outcome in outcomes for value in outcome[3])
    result = Result(server.name, f"python x{connections}", connections,
                    requests=sum(o[0] for o in outcomes), seconds=seconds,
                    non_2xx=sum(o[1] for o in outcomes), socket_errors=sum(o[2] for o in outcomes),
                    p50_ms=percentile(latencies, 50), p99_ms=percentile(latencies, 99))
    if cpu_before is not None and cpu_after is not None:
        result.cpu_seconds, result.cpu_window = cpu_after - cpu_before, elapsed
    return result


# --- the benchmark -----------------------------------------------------------------------------


def prepare(server: ServerProcess, operations: list[str]) -> None:
    """Creates the organization, then checks each benchmarked request answers 200."""
    for operation, body in [("CreateOrganization", {"FeatureSet": "ALL"})] + [(op, {}) for op in operations]:
        status, answer = server.call(operation, body)
        if status != 200:
            raise RuntimeError(f"{server.name}: {operation} answered {status}: {answer[:300]!r}")


def fmt(value: float | None, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--duration", type=float, default=5.0, help="seconds per measured run")
    parser.add_argument("--connections", type=int, default=8, help="concurrent keep-alive connections")
    parser.add_argument("--threads", type=int, default=1, help="wrk threads")
    parser.add_argument("--client", choices=["auto", "wrk", "python"], default="auto")
    parser.add_argument("--operation", action="append",
                        help="Organizations operation(s) to request (default: DescribeOrganization "
                             "and ListRoots)")
    args = parser.parse_args()
    operations = args.operation or ["DescribeOrganization", "ListRoots"]

    wrk = shutil.which("wrk")
    use_wrk = args.client == "wrk" or (args.client == "auto" and wrk is not None)
    if use_wrk and wrk is None:
        parser.error("wrk is not installed (apt-get install -y wrk)")
    client = (subprocess.run(["wrk", "--version"], capture_output=True, text=True,
                             check=False).stdout.split(" [")[0].strip()
              if use_wrk else "Python http.client, one process per connection (wrk not found)"
              if args.client == "auto" else "Python http.client, one process per connection")

    def measure(server: ServerProcess, operation: str, seconds: float) -> Result:
        if use_wrk:
            return run_wrk(server, operation, seconds, args.connections, args.threads)
        return run_python(server, operation, seconds, args.connections)

    import moto  # noqa: F401  (fail early if moto is missing)
    import orgkit

    print(f"load generator: {client}; {args.connections} connections, {args.duration:g} s per run, "
          f"loopback; {os.cpu_count()} CPUs")
    print(f"orgkit {getattr(orgkit, '__version__', '?')} (python -m orgkit._server serve), "
          f"moto {moto.__version__} (python -m moto.server)")
    print()

    results: list[tuple[str, Result]] = []
    for start in (start_orgkit, start_moto):
        server = start()
        try:
            prepare(server, operations)
            for operation in operations:
                measure(server, operation, 1.0)  # warm-up
                results.append((operation, measure(server, operation, args.duration)))
        finally:
            server.stop()

    header = (f"{'operation':<22} {'server':<7} {'client':<12} {'requests':>9} {'req/s':>9} "
              f"{'p50 ms':>7} {'p99 ms':>7} {'non-2xx':>7} {'errors':>6} {'srv CPU':>8} "
              f"{'CPU us/req':>10} {'ratio':>7}")
    print(header)
    print("-" * len(header))
    for operation in operations:
        rows = {result.server: result for op, result in results if op == operation}
        moto_rate = rows["moto"].per_second if "moto" in rows else 0.0
        for name in ("orgkit", "moto"):
            result = rows.get(name)
            if result is None:
                continue
            cpu = per_request = "-"
            if result.cpu_seconds is not None and result.cpu_window and result.requests:
                cpu = f"{100 * result.cpu_seconds / result.cpu_window:.0f}%"
                per_request = f"{1e6 * result.cpu_seconds / result.requests:.1f}"
            ratio = (f"{result.per_second / moto_rate:.1f}x" if name == "orgkit" and moto_rate
                     else "1.0x" if name == "moto" else "-")
            print(f"{operation:<22} {name:<7} {result.client:<12} {result.requests:>9} "
                  f"{result.per_second:>9.0f} {fmt(result.p50_ms, '.2f'):>7} "
                  f"{fmt(result.p99_ms, '.2f'):>7} {result.non_2xx:>7} {result.socket_errors:>6} "
                  f"{cpu:>8} {per_request:>10} {ratio:>7}")
    print()
    print("ratio = orgkit req/s / moto req/s for the same operation; srv CPU = the server "
          "process's CPU time / run time (100% = one core); CPU us/req = its CPU time per request")
    print("(independent of the load generator; on a small machine the client and the kernel's "
          "loopback share the cores with the server).")
    print("moto's werkzeug server closes each connection after its response, so its rows include "
          "a TCP connect per request.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
