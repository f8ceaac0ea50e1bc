"""Runs examples/org_setup.py — plain boto3, no orgkit — against orgkit's emulator: every
Organizations, Account and STS client it makes is served in-process by `orgkit.mock_aws`."""

import runpy
from pathlib import Path

import orgkit

print("== an unmodified boto3 script against orgkit.mock_aws ==")
with orgkit.mock_aws() as emulator:
    runpy.run_path(str(Path(__file__).with_name("org_setup.py")), run_name="__main__")
    print(f"(emulated, caller {emulator.default_caller}; nothing left this process)")
