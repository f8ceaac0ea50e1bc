"""Hostile requests from Python: time and peak memory of one `validate_request` per case.

Each case runs in a fresh interpreter: the table shows the process's resident memory once the
input is built, and what validation added on top of it (the peak RSS during the call, reset
just before it through Linux's /proc/self/clear_refs, minus the RSS before it). Run: `.venv/bin/python bindings-python/benchmarks/bench_hostile.py`.
"""

from __future__ import annotations

import json
import subprocess
import sys

CASES = {
    "1e6 unknown keys": (
        "organizations",
        "CreateAccount",
        "params = {f'k{i}': i for i in range(1_000_000)}",
    ),
    "1e6-item list (bad items)": (
        "organizations",
        "ListCreateAccountStatus",
        "params = {'States': ['NOPE'] * 1_000_000}",
    ),
    "1e6-item list (valid items)": (
        "organizations",
        "ListCreateAccountStatus",
        "params = {'States': ['IN_PROGRESS'] * 1_000_000}",
    ),
    "100 MB email": (
        "organizations",
        "CreateAccount",
        "params = {'Email': 'a' * 100_000_000 + '@example.com', 'AccountName': 'Prod'}",
    ),
    "100 MB unknown string": (
        "organizations",
        "ListRoots",
        "params = {'Junk': 'x' * 100_000_000}",
    ),
    "1e6-deep nesting": (
        "organizations",
        "ListRoots",
        "params = {}\nnode = params\nfor _ in range(1_000_000):\n    node['Deep'] = {}\n    node = node['Deep']",
    ),
}

CHILD = """
import json, sys, time
import orgkit

def status_kb(field):
    with open('/proc/self/status') as f:
        for line in f:
            if line.startswith(field + ':'):
                return int(line.split()[1])

{build}
# Reset the peak (Linux: "5" to clear_refs), so the peak measured is the call's own.
with open('/proc/self/clear_refs', 'w') as f:
    f.write('5')
before = status_kb('VmRSS')
started = time.perf_counter()
issues = orgkit.validate_request({service!r}, {operation!r}, params)
seconds = time.perf_counter() - started
peak = status_kb('VmHWM')
print(json.dumps({{"seconds": seconds, "input_kb": before, "added_kb": max(0, peak - before),
                  "issues": len(issues), "last": issues[-1].code if issues else None}}))
"""


def run(service: str, operation: str, build: str) -> dict:
    code = CHILD.format(build=build, service=service, operation=operation)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main() -> None:
    print("| case | validate_request | issues | process RSS before | added by validation |")
    print("|---|---:|---:|---:|---:|")
    for name, (service, operation, build) in CASES.items():
        result = run(service, operation, build)
        last = f" (last {result['last']})" if result["last"] == "TOO_MANY_ISSUES" else ""
        print(
            f"| {name} | {result['seconds'] * 1000:.1f} ms | {result['issues']}{last} | "
            f"{result['input_kb'] / 1024:.0f} MB | {result['added_kb'] / 1024:.1f} MB |"
        )


if __name__ == "__main__":
    main()
