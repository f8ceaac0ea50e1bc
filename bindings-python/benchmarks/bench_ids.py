"""Per-call cost of orgkit's Python predicates and ARN parser against precompiled `re.fullmatch`
with the same rule, plus the batch form. Prints a table; nothing is asserted.

Run: `make bench` (or `.venv/bin/python bindings-python/benchmarks/bench_ids.py` after `make python`).
"""

from __future__ import annotations

import re
import timeit
from typing import Callable

import orgkit

ACCOUNT = re.compile(r"[0-9]{12}")
OU = re.compile(r"ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}")
# The six ARN shapes of the model, in the three partitions, as one anchored pattern.
PARTITION = r"arn:(?:aws|aws-cn|aws-us-gov):organizations::"
ARN = re.compile(
    "|".join(
        [
            PARTITION + r"[0-9]{12}:organization/o-[a-z0-9]{10,32}",
            PARTITION + r"[0-9]{12}:account/o-[a-z0-9]{10,32}/[0-9]{12}",
            PARTITION + r"[0-9]{12}:root/o-[a-z0-9]{10,32}/r-[0-9a-z]{4,32}",
            PARTITION + r"[0-9]{12}:ou/o-[a-z0-9]{10,32}/ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}",
            PARTITION + r"[0-9]{12}:policy/o-[a-z0-9]{10,32}/[0-9a-z_]+/p-[0-9a-z]{10,32}",
            PARTITION + r"aws:policy/[0-9a-z_]+/p-[0-9a-zA-Z_]{10,128}",
            PARTITION + r"[0-9]{12}:handshake/o-[a-z0-9]{10,32}/[a-z_]{1,32}/h-[0-9a-z]{8,32}",
        ]
    )
)
OU_ARN_PARTS = re.compile(
    PARTITION.replace("(?:", "(") + r"([0-9]{12}):ou/(o-[a-z0-9]{10,32})/(ou-[0-9a-z]{4,32}-[0-9a-z]{8,32})"
)

ACCOUNT_ID = "123456789012"
OU_ID = "ou-examplerootid111-exampleouid111"
OU_ARN = "arn:aws:organizations::111111111111:ou/o-exampleorgid/ou-examplerootid111-exampleouid111"
BATCH = [ACCOUNT_ID, "12345678901", "210987654321", "1234567890123"] * 250  # 1,000 values


def per_call_ns(fn: Callable[[], object], number: int = 200_000, repeat: int = 7) -> float:
    """Best of `repeat` rounds, in nanoseconds per call."""
    best = min(timeit.repeat(fn, number=number, repeat=repeat))
    return best / number * 1e9


def row(name: str, ours: float, theirs: float) -> None:
    print(f"{name:<44} {ours:>10.1f} {theirs:>12.1f} {theirs / ours:>8.2f}x")


def main() -> None:
    print(f"orgkit {orgkit.__version__}; ns per call, best of 7 rounds\n")
    print(f"{'operation':<44} {'orgkit':>10} {'re.fullmatch':>12} {'speed-up':>9}")
    print("-" * 77)
    row(
        "account ID, valid",
        per_call_ns(lambda: orgkit.is_account_id(ACCOUNT_ID)),
        per_call_ns(lambda: ACCOUNT.fullmatch(ACCOUNT_ID) is not None),
    )
    row(
        "account ID, invalid (11 digits)",
        per_call_ns(lambda: orgkit.is_account_id("12345678901")),
        per_call_ns(lambda: ACCOUNT.fullmatch("12345678901") is not None),
    )
    row(
        "OU ID, valid",
        per_call_ns(lambda: orgkit.is_organizational_unit_id(OU_ID)),
        per_call_ns(lambda: OU.fullmatch(OU_ID) is not None),
    )
    row(
        "ARN check (is_arn vs one anchored regex)",
        per_call_ns(lambda: orgkit.is_arn(OU_ARN)),
        per_call_ns(lambda: ARN.fullmatch(OU_ARN) is not None),
    )
    row(
        "ARN parse (parse_arn vs regex groups)",
        per_call_ns(lambda: orgkit.parse_arn(OU_ARN)),
        per_call_ns(lambda: OU_ARN_PARTS.fullmatch(OU_ARN).groups()),  # type: ignore[union-attr]
    )
    batch_ours = per_call_ns(lambda: orgkit.check_ids("AccountId", BATCH), number=2_000) / len(BATCH)
    batch_theirs = per_call_ns(
        lambda: [ACCOUNT.fullmatch(v) is not None for v in BATCH], number=2_000
    ) / len(BATCH)
    row("batch of 1,000 account IDs, per value", batch_ours, batch_theirs)
    print(f"\n{'floor: builtin len(s)':<44} {per_call_ns(lambda: len(ACCOUNT_ID)):>10.1f}")


if __name__ == "__main__":
    main()
