"""`make demo`: good and bad AWS Organizations IDs and ARNs, checked by orgkit from Python and
from Node, with the reason for each rejection."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import orgkit

ROOT = Path(__file__).resolve().parents[2]

SAMPLES: list[tuple[str, str]] = [
    ("AccountId", "123456789012"),
    ("AccountId", "12345678901"),
    ("AccountId", "\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669\u0660\u0661\u0662"),
    ("OrganizationalUnitId", "ou-abcd-12345678"),
    ("OrganizationalUnitId", "ou-ABCD-12345678"),
    ("ChildId", "123456789012-junk"),
    ("ParentId", "junk-ou-abcd-12345678"),
    ("PolicyTargetId", "r-examplerootid111"),
    ("PolicyId", "p-FullAWSAccess"),
    ("PolicyId", "p-full-aws-access"),
    ("HandshakeId", "h-examplehandshakeid111"),
    ("Email", "finance-prod@example.com"),
    ("Email", "finance prod@example"),
    ("RoleName", "OrganizationAccountAccessRole"),
    ("RoleName", "Admin Role"),
    ("AccountName", "Caf\u00e9 accounts"),
    ("Arn", "arn:aws:organizations::111111111111:ou/o-exampleorgid/ou-abcd-12345678"),
    ("Arn", "arn:aws-us-gov:organizations::111111111111:handshake/o-exampleorgid/invite/h-0123456789"),
    ("Arn", "arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess"),
    ("Arn", "arn:aws:organizations::111111111111:policy/o-exampleorgid/service_control_policy/p-FullAWSAccess"),
    ("Arn", "arn:aws-iso:organizations::111111111111:organization/o-exampleorgid"),
]


def python_result(kind: str, value: str) -> tuple[bool, list[orgkit.Issue]]:
    issues = orgkit.validate_value(kind, value)
    return (not issues, issues)


def node_results() -> list[dict]:
    node = shutil.which("node")
    if node is None:
        sys.exit("node is not on PATH")
    script = ROOT / "bindings-node" / "examples" / "check-values.cjs"
    done = subprocess.run(
        [node, str(script)], input=json.dumps(SAMPLES), capture_output=True, text=True, check=True
    )
    results: list[dict] = json.loads(done.stdout)
    return results


def reason(issues: list[orgkit.Issue]) -> str:
    """The code and the rule part of each message (the text in the last parentheses)."""
    parts = []
    for issue in issues:
        rule = re.search(r"\(([^()]*(?:\([^()]*\)[^()]*)*)\)$", issue.message)
        parts.append(f"{issue.code}: {rule.group(1) if rule else issue.message}")
    return "; ".join(parts)


def shown(value: str, width: int = 44) -> str:
    text = value.encode("unicode_escape").decode() if not value.isascii() else value
    return text if len(text) <= width else text[: width - 1] + "…"


def main() -> None:
    from_node = node_results()
    header = f"{'kind':<21} {'value':<44} {'python':<7} {'node':<7} reason"
    print(f"orgkit {orgkit.__version__}: the same Rust checks, called from Python and from Node\n")
    print(header)
    print("-" * len(header))
    disagreements = 0
    for (kind, value), node in zip(SAMPLES, from_node):
        valid, issues = python_result(kind, value)
        node_codes = [issue["code"] for issue in node["issues"]]
        if node["valid"] != valid or node_codes != [i.code for i in issues]:
            disagreements += 1
        verdict = lambda ok: "valid" if ok else "invalid"  # noqa: E731
        lines = textwrap.wrap(reason(issues), 90) or [""]
        print(f"{kind:<21} {shown(value):<44} {verdict(valid):<7} {verdict(node['valid']):<7} {lines[0]}")
        for line in lines[1:]:
            print(" " * 82 + line)
    print()
    if disagreements:
        sys.exit(f"{disagreements} results differ between Python and Node")
    print(f"{len(SAMPLES)} values, Python and Node agree on every verdict and code.")


if __name__ == "__main__":
    main()
