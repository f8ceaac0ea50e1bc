"""The emulator scenario of BENCHMARKS.md from Python: orgkit.Emulator (through its boto3-shaped
client) side by side with moto 5 — its Organizations backend called directly (the fastest moto
can be) and through a boto3 client under `mock_aws` (how test suites use it). moto has no
handshakes, so the comparison runs the steps moto supports; orgkit also runs the whole scenario
with its 200 invitations. Prints a table of times and ratios; nothing is asserted.

Run: `make bench` (installs moto into .venv), or `.venv/bin/python bindings-python/benchmarks/bench_emulator.py`.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from typing import Any, Callable

import orgkit

MASTER = "111111111111"
SCP = "SERVICE_CONTROL_POLICY"
DOCUMENT = '{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}}'
ACCOUNTS = int(os.environ.get("BENCH_ACCOUNTS", "2000"))


def pages(fetch: Callable[..., dict[str, Any]], key: str, **params: Any) -> list[Any]:
    items: list[Any] = []
    while True:
        page = fetch(**params)
        items += page[key]
        if not page.get("NextToken"):
            return items
        params["NextToken"] = page["NextToken"]


def scenario_boto3_shaped(org: Any, advance: Callable[[], None], invite: Callable[[int], None] | None) -> int:
    """The scenario on anything with boto3's Organizations methods."""
    org.create_organization(FeatureSet="ALL")
    root = org.list_roots()["Roots"][0]["Id"]
    for n in range(ACCOUNTS):
        org.create_account(Email=f"account{n}@example.com", AccountName=f"Account {n}")
    advance()
    level1 = [org.create_organizational_unit(ParentId=root, Name=f"L1-{a}")["OrganizationalUnit"]["Id"] for a in range(4)]
    level2 = [org.create_organizational_unit(ParentId=p, Name=f"L2-{a}-{b}")["OrganizationalUnit"]["Id"]
              for a, p in enumerate(level1) for b in range(4)]
    level3 = [org.create_organizational_unit(ParentId=p, Name=f"L3-{b}-{c}")["OrganizationalUnit"]["Id"]
              for b, p in enumerate(level2) for c in range(5)]
    all_ous = level1 + level2 + level3
    accounts = [a["Id"] for a in pages(org.list_accounts_for_parent, "Accounts", ParentId=root)]
    for n, account in enumerate(a for a in accounts if a != MASTER):
        org.move_account(AccountId=account, SourceParentId=root, DestinationParentId=level3[n % len(level3)])
    for n in range(50):
        policy = org.create_policy(Content=DOCUMENT, Description="bench", Name=f"Policy {n}", Type=SCP)
        for k in range(2):
            org.attach_policy(PolicyId=policy["Policy"]["PolicySummary"]["Id"], TargetId=all_ous[(n * 2 + k) % len(all_ous)])
    listed = len(pages(org.list_accounts, "Accounts"))
    for ou in all_ous:
        for child_type in ("ACCOUNT", "ORGANIZATIONAL_UNIT"):
            pages(org.list_children, "Children", ParentId=ou, ChildType=child_type)
    for account in accounts:
        pages(org.list_policies_for_target, "Policies", TargetId=account, Filter=SCP)
    if invite is not None:
        for n in range(200):
            invite(n)
    return listed


def orgkit_run(with_invitations: bool) -> int:
    emu = orgkit.Emulator(seed=1)
    org = emu.client("organizations", caller=MASTER)

    def invite(n: int) -> None:
        invitee = f"{900_000_000_000 + n:012d}"
        handshake = org.invite_account_to_organization(Target={"Id": invitee, "Type": "ACCOUNT"})
        emu.client("organizations", caller=invitee).accept_handshake(HandshakeId=handshake["Handshake"]["Id"])

    return scenario_boto3_shaped(org, lambda: emu.advance(60), invite if with_invitations else None)


class MotoBackendClient:
    """moto's Organizations backend behind boto3's method names (no HTTP, no serialization):
    only the argument plumbing the backend needs, with moto's own paging where it pages."""

    def __init__(self) -> None:
        from moto.organizations.models import OrganizationsBackend

        self.backend = OrganizationsBackend(region_name="aws", account_id=MASTER)

    def create_organization(self, **kw: Any) -> dict[str, Any]:
        return self.backend.create_organization(region="us-east-1", **kw)

    def list_roots(self) -> dict[str, Any]:
        return self.backend.list_roots()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.backend, name)

    def list_accounts_for_parent(self, ParentId: str, NextToken: str | None = None) -> dict[str, Any]:
        items, token = self.backend.list_accounts_for_parent(parent_id=ParentId, next_token=NextToken, max_results=20)
        return {"Accounts": [a.describe() if hasattr(a, "describe") else a for a in items], "NextToken": token}

    def list_accounts(self, NextToken: str | None = None) -> dict[str, Any]:
        items, token = self.backend.list_accounts(next_token=NextToken, max_results=20)
        return {"Accounts": items, "NextToken": token}

    def list_policies_for_target(self, TargetId: str, Filter: str, NextToken: str | None = None) -> dict[str, Any]:
        items, token = self.backend.list_policies_for_target(target_id=TargetId, policy_type=Filter, next_token=NextToken, max_results=20)
        return {"Policies": items, "NextToken": token}

    def create_policy(self, **kw: Any) -> dict[str, Any]:
        return self.backend.create_policy(**kw)


def moto_backend_run() -> int:
    return scenario_boto3_shaped(MotoBackendClient(), lambda: None, None)


def moto_boto3_run() -> int:
    import boto3  # type: ignore[import-untyped]
    from moto import mock_aws

    os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
    with mock_aws():
        org = boto3.client("organizations", region_name="us-east-1")
        return scenario_boto3_shaped(org, lambda: None, None)


def orgkit_boto3_run() -> int:
    """The same steps through an unmodified boto3 client, served by `orgkit.mock_aws`: what
    botocore's client costs is shared with moto's row, so the difference is what each adds."""
    import boto3

    with orgkit.mock_aws(caller=MASTER):
        org = boto3.client("organizations", region_name="us-east-1")
        # Each request over the wire is a second of virtual time: the accounts are done by
        # the next call, no advance needed.
        return scenario_boto3_shaped(org, lambda: None, None)


RECORDED: list[tuple[int, dict[str, str], bytes]] = []


def orgkit_boto3_recorded_run() -> int:
    """`orgkit_boto3_run`, keeping every response's bytes for the replay baseline."""
    from orgkit import _mock

    answer = _mock.answer

    def recording(emulator: Any, request: Any) -> Any:
        response = answer(emulator, request)
        body = response.content
        RECORDED.append((response.status_code, dict(response.headers), body))
        return response

    RECORDED.clear()
    _mock.answer = recording
    try:
        return orgkit_boto3_run()
    finally:
        _mock.answer = answer


def replay_boto3_run() -> int:
    """botocore's own cost: the same steps through a boto3 client whose requests are answered
    by replaying the recorded bytes (no emulator at all)."""
    import boto3
    from botocore.awsrequest import AWSResponse

    from orgkit._mock import _RawBody

    queue = iter(RECORDED)

    def replay(request: Any, **_: Any) -> Any:
        status, headers, body = next(queue)
        return AWSResponse(request.url, status, headers, _RawBody(body))

    org = boto3.client("organizations", region_name="us-east-1",
                       aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="secret")
    org.meta.events.register("before-send.organizations", replay)
    return scenario_boto3_shaped(org, lambda: None, None)


def timed(run: Callable[[], int]) -> tuple[float, int]:
    start = time.perf_counter()
    listed = run()
    return time.perf_counter() - start, listed


def main() -> None:
    # The VM's speed drifts over seconds: the runs are interleaved in rounds, so that every
    # tool sees the same conditions, and each row reports its median.
    tools: list[tuple[str, Callable[[], int], int]] = [
        ("orgkit.Emulator, same steps as moto", lambda: orgkit_run(False), 5),
        ("orgkit.Emulator, + 200 invitations accepted", lambda: orgkit_run(True), 5),
        ("moto 5 backend (direct calls)", moto_backend_run, 1),
    ]
    times: dict[str, list[float]] = {name: [] for name, _, _ in tools}
    listed: dict[str, int] = {}
    for _round in range(3):
        for name, run, repeat in tools:
            for _ in range(repeat):
                seconds, listed[name] = timed(run)
                times[name].append(seconds)
    rows = [(name, statistics.median(times[name]), listed[name]) for name, _, _ in tools]
    base = rows[0][1]
    print(f"scenario: {ACCOUNTS} accounts, 4+16+80 OUs, 50 SCPs x 2 OUs, paged listings"
          f" (Python {sys.version.split()[0]}, orgkit {orgkit.__version__})")
    print(f"{'tool':48} {'median':>10} {'accounts listed':>16} {'vs orgkit':>10}")
    for name, seconds, count in rows:
        print(f"{name:48} {seconds * 1000:8.1f} ms {count:>16} {seconds / base:9.1f}x")
    if "--no-boto3" not in sys.argv:
        import boto3

        # Unmodified boto3 code under each tool's mock_aws, interleaved: orgkit's median of 3
        # against moto's one run per round (median of 3 too).
        timed(orgkit_boto3_recorded_run)
        runs = (
            ("botocore alone (replayed bytes)", replay_boto3_run),
            ("orgkit.mock_aws", orgkit_boto3_run),
            ("moto.mock_aws", moto_boto3_run),
        )
        through: dict[str, list[float]] = {name: [] for name, _ in runs}
        counts: dict[str, int] = {}
        for _round in range(3):
            for name, run in runs:
                seconds, counts[name] = timed(run)
                through[name].append(seconds)
        medians = {name: statistics.median(through[name]) for name in through}
        botocore_alone = medians["botocore alone (replayed bytes)"]
        ours = medians["orgkit.mock_aws"] - botocore_alone
        print()
        print(f"the same steps through unmodified boto3 {boto3.__version__} clients "
              f"({len(RECORDED)} requests; 'adds' = median less botocore alone):")
        print(f"{'tool':36} {'median':>11} {'adds':>11} {'per request':>12} {'adds vs orgkit':>15} {'total vs orgkit':>16}")
        for name in through:
            added = medians[name] - botocore_alone
            print(f"{name:36} {medians[name] * 1000:8.1f} ms {added * 1000:8.1f} ms "
                  f"{added / len(RECORDED) * 1e6:9.1f} us {added / ours:14.1f}x "
                  f"{medians[name] / medians['orgkit.mock_aws']:15.1f}x")


if __name__ == "__main__":
    main()
