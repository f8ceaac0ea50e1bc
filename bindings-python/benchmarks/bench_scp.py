"""Service control policies from Python: orgkit against what a Python user would write today.

There is no offline SCP evaluator on PyPI (policyuniverse parses and expands IAM policies but
does not decide allow/deny over an Organizations tree; AWS's policy simulator and Access
Analyzer run only in AWS), so the comparison is a straightforward evaluator written here, in
this file, the way a user would: `json.loads` and `fnmatch.fnmatchcase` over Action/NotAction
and Resource/NotResource, an Allow needed at every level, any Deny wins (no conditions: the
benchmark policies have none, so it does the same work orgkit's evaluator does on them). For
checking a document the comparison is `json.loads` plus a walk that checks Version, Effect,
Action and Resource the way such a script would. Prints ns per call and ratios; nothing is
asserted.

Run: `make bench` (or `.venv/bin/python bindings-python/benchmarks/bench_scp.py`).
"""

from __future__ import annotations

import fnmatch
import json
import timeit
from typing import Any, Callable

import orgkit

SERVICES = ["s3", "ec2", "iam", "lambda", "dynamodb", "sqs", "sns", "kms", "rds", "cloudtrail"]
VERBS = ["Get", "Put", "List", "Describe", "Create", "Delete", "Update", "Tag", "Untag", "Run"]
NOUNS = ["Object", "Bucket", "Instance", "User", "Role", "Function", "Table", "Queue", "Topic", "Key"]


def statement(index: int, effect: str) -> dict[str, Any]:
    service = SERVICES[index % len(SERVICES)]
    return {
        "Sid": f"S{index}",
        "Effect": effect,
        "Action": [f"{service}:{VERBS[(index + k) % len(VERBS)]}*" for k in range(3)],
        "Resource": [f"arn:aws:{service}:*:*:{NOUNS[index % len(NOUNS)].lower()}/team-{index}/*", "*"]
        if effect == "Allow"
        else [f"arn:aws:{service}:*:*:{NOUNS[index % len(NOUNS)].lower()}/restricted-{index}/*"],
    }


def document(first: int, count: int, effect: str) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": [statement(first + i, effect) for i in range(count)]}, indent=1)


def five_kb_document() -> str:
    statements = 1
    while len(document(0, statements + 1, "Deny")) <= 5000:
        statements += 1
    return document(0, statements, "Deny")


def tree() -> list[list[str]]:
    """Five levels (root, three OUs, the account), five SCPs each: one broad Allow, four
    Deny policies of four statements on resources the request does not touch."""
    levels = []
    for level in range(5):
        policies = [json.dumps({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}})]
        policies += [document(level * 100 + p * 10, 4, "Deny") for p in range(4)]
        levels.append(policies)
    return levels


# ---- what a user writes today (in this benchmark, stated as such) ----------------------------


def listed(value: Any) -> list[str]:
    return value if isinstance(value, list) else [value]


def python_check(text: str) -> list[str]:
    problems = []
    policy = json.loads(text)
    if not isinstance(policy, dict):
        return ["not an object"]
    if policy.get("Version") != "2012-10-17":
        problems.append("Version")
    statements = policy.get("Statement")
    for index, st in enumerate(listed(statements) if statements is not None else []):
        if st.get("Effect") not in ("Allow", "Deny"):
            problems.append(f"Statement[{index}].Effect")
        actions = st.get("Action", st.get("NotAction"))
        if actions is None or not all(a == "*" or ":" in a for a in listed(actions)):
            problems.append(f"Statement[{index}].Action")
        if st.get("Resource", st.get("NotResource")) is None:
            problems.append(f"Statement[{index}].Resource")
        if "Principal" in st or "NotPrincipal" in st:
            problems.append(f"Statement[{index}].Principal")
    if len(text) > 5120:
        problems.append("size")
    return problems


def python_matches(patterns: Any, value: str, ignore_case: bool) -> bool:
    if ignore_case:
        value = value.lower()
        return any(fnmatch.fnmatchcase(value, p.lower()) for p in listed(patterns))
    return any(fnmatch.fnmatchcase(value, p) for p in listed(patterns))


def python_applies(st: dict[str, Any], action: str, resource: str) -> bool:
    if "Action" in st:
        if not python_matches(st["Action"], action, True):
            return False
    elif python_matches(st["NotAction"], action, True):
        return False
    if "Resource" in st:
        return python_matches(st["Resource"], resource, False)
    return not python_matches(st["NotResource"], resource, False)


def python_evaluate(levels: list[list[dict[str, Any]]], action: str, resource: str) -> bool:
    denied = False
    for policies in levels:
        allowed_here = False
        for policy in policies:
            for st in listed(policy["Statement"]):
                if python_applies(st, action, resource):
                    if st["Effect"] == "Deny":
                        denied = True
                    else:
                        allowed_here = True
        if not allowed_here:
            return False
    return not denied


# ---- measurement -----------------------------------------------------------------------------


def per_call_ns(fn: Callable[[], object], number: int, repeat: int = 5) -> float:
    return min(timeit.repeat(fn, number=number, repeat=repeat)) / number * 1e9


def row(name: str, ours: float, theirs: float) -> str:
    return f"| {name} | {theirs:,.0f} | {ours:,.0f} | {theirs / ours:.1f}x |"


def main() -> None:
    big = five_kb_document()
    levels_text = tree()
    levels_parsed = [[json.loads(p) for p in level] for level in levels_text]
    evaluator = orgkit.ScpEvaluator(levels_text)
    action, resource = "s3:GetObject", "arn:aws:s3:::bucket/team-7/report.csv"
    actions = [f"{s}:{v}{n}{i}" for i in range(100) for s in SERVICES for v, n in zip(VERBS, NOUNS)][:10_000]
    assert len(actions) == 10_000

    # Both tools must agree on the answers they are timed on.
    assert orgkit.check_scp(big) == [] and python_check(big) == []
    assert evaluator.evaluate(action, resource).allowed == python_evaluate(levels_parsed, action, resource)
    ours = evaluator.allowed_actions(actions, resource)
    theirs = [python_evaluate(levels_parsed, a, resource) for a in actions]
    assert ours == theirs, "the evaluators disagree"

    print(f"5 KB SCP: {len(big)} characters; tree: 5 levels x 5 SCPs; {len(actions):,} actions, "
          f"{sum(ours):,} allowed\n")
    print("| case | Python today (ns) | orgkit (ns) | orgkit faster |")
    print("|---|---:|---:|---:|")
    print(row("check a 5 KB SCP", per_call_ns(lambda: orgkit.check_scp(big), 2_000),
              per_call_ns(lambda: python_check(big), 2_000)))
    print(row("evaluate 1 action, 5x5 tree, from JSON text",
              per_call_ns(lambda: orgkit.evaluate_scps(levels_text, action, resource), 500),
              per_call_ns(lambda: python_evaluate([[json.loads(p) for p in lv] for lv in levels_text], action, resource), 500)))
    print(row("evaluate 1 action, 5x5 tree, prepared",
              per_call_ns(lambda: evaluator.evaluate(action, resource), 5_000),
              per_call_ns(lambda: python_evaluate(levels_parsed, action, resource), 2_000)))
    ours_all = per_call_ns(lambda: evaluator.allowed_actions(actions, resource), 3, repeat=3)
    theirs_all = per_call_ns(lambda: [python_evaluate(levels_parsed, a, resource) for a in actions], 1, repeat=3)
    print(row("evaluate 10,000 actions, one account (whole list)", ours_all, theirs_all))
    print(f"\nper action in the 10,000: Python {theirs_all / 10_000:,.0f} ns, orgkit {ours_all / 10_000:,.0f} ns")


if __name__ == "__main__":
    main()
