"""`make demo`: a guided tour of orgkit's embedded AWS Organizations emulator, from Python.

Every step is a boto3-shaped call on `orgkit.Emulator`; refusals are the errors AWS returns, with
their codes. At the end the state is saved and read back from Node.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import orgkit

ROOT = Path(__file__).resolve().parents[2]
MASTER, PARTNER, FOUNDER, SUBSIDIARY = "111111111111", "222222222222", "333333333333", "444444444444"
DENY_LEAVING = json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*"}],
})


def step(title: str) -> None:
    bold, plain = ("\033[1m", "\033[0m") if sys.stdout.isatty() else ("", "")
    print(f"\n{bold}== {title}{plain}")


def say(text: str) -> None:
    print(f"   {text}")


def refused(call: Any, why: str) -> None:
    try:
        call()
    except orgkit.ServiceError as err:
        reason = f" ({err.reason})" if err.reason else ""
        say(f"refused as expected: {err.code}{reason}")
        say(f"  why: {why}")
    else:
        raise SystemExit("the call should have been refused")


def tree(org: Any, parent: str, label: str, depth: int = 0) -> list[str]:
    lines = [f"{'  ' * depth}{label}"]
    accounts = org.get_paginator("list_accounts_for_parent").paginate(ParentId=parent)
    for account in accounts.items():
        policies = [p["Name"] for p in org.list_policies_for_target(
            TargetId=account["Id"], Filter="SERVICE_CONTROL_POLICY")["Policies"]]
        lines.append(f"{'  ' * (depth + 1)}- {account['Name']} ({account['Id']}, "
                     f"{account['JoinedMethod'].lower()}) SCPs: {', '.join(policies)}")
    units = org.get_paginator("list_organizational_units_for_parent").paginate(ParentId=parent)
    for unit in units.items():
        lines += tree(org, unit["Id"], f"{unit['Name']} ({unit['Id']})", depth + 1)
    return lines


def main() -> None:
    emu = orgkit.Emulator(seed=2017)
    emu.register_account(MASTER, "management@example.com", "Management")
    emu.register_account(PARTNER, "partner@example.com", "Partner")
    org = emu.client("organizations", caller=MASTER)

    step("1. The management account creates an organization with all features")
    organization = org.create_organization(FeatureSet="ALL")["Organization"]
    root = org.list_roots()["Roots"][0]
    say(f"organization {organization['Id']}, root {root['Id']}, policy types {root['PolicyTypes']}")
    attached = org.list_policies_for_target(TargetId=root["Id"], Filter="SERVICE_CONTROL_POLICY")
    say(f"the root carries {attached['Policies'][0]['Arn']}")

    step("2. OUs three levels deep")
    ous: dict[str, str] = {}
    for name, parent in [("Workloads", root["Id"]), ("Production", "Workloads"),
                         ("Payments", "Production"), ("Security", root["Id"])]:
        unit = org.create_organizational_unit(ParentId=ous.get(parent, parent), Name=name)
        ous[name] = unit["OrganizationalUnit"]["Id"]
        say(f"{name}: {ous[name]}")
    refused(lambda: org.create_organizational_unit(ParentId=root["Id"], Name="Workloads"),
            "sibling OUs must have different names")

    step("3. CreateAccount is asynchronous")
    payments = org.create_account(Email="payments@example.com", AccountName="Payments prod")
    clash = org.create_account(Email="partner@example.com", AccountName="Clash")
    say(f"{payments['CreateAccountStatus']['Id']}: {payments['CreateAccountStatus']['State']}")
    emu.advance(60)
    done = org.describe_create_account_status(CreateAccountRequestId=payments["CreateAccountStatus"]["Id"])
    failed = org.describe_create_account_status(CreateAccountRequestId=clash["CreateAccountStatus"]["Id"])
    payments_id = done["CreateAccountStatus"]["AccountId"]
    say(f"a minute later: {done['CreateAccountStatus']['State']}, account {payments_id}")
    say(f"the second request: {failed['CreateAccountStatus']['State']} "
        f"({failed['CreateAccountStatus']['FailureReason']}: partner@example.com is taken)")

    step("4. An existing account is invited, and accepts")
    invite = org.invite_account_to_organization(
        Target={"Id": PARTNER, "Type": "ACCOUNT"}, Notes="Welcome aboard")["Handshake"]
    say(f"handshake {invite['Id']} {invite['State']}, expires {invite['ExpirationTimestamp']:%Y-%m-%d}")
    partner = emu.client("organizations", caller=PARTNER)
    accepted = partner.accept_handshake(HandshakeId=invite["Id"])["Handshake"]
    say(f"{PARTNER} accepts: {accepted['State']}")
    refused(lambda: partner.list_accounts(),
            "ListAccounts is for the management account only; members get AccessDeniedException")

    step("5. Accounts move into OUs")
    org.move_account(AccountId=payments_id, SourceParentId=root["Id"], DestinationParentId=ous["Payments"])
    org.move_account(AccountId=PARTNER, SourceParentId=root["Id"], DestinationParentId=ous["Security"])
    say(f"{payments_id} -> Payments, {PARTNER} -> Security")
    refused(lambda: org.move_account(AccountId=PARTNER, SourceParentId=root["Id"],
                                     DestinationParentId=ous["Workloads"]),
            f"{PARTNER} is no longer in the root: MoveAccount checks the real source parent")

    step("6. Service control policies")
    deny = org.create_policy(Content=DENY_LEAVING, Description="Members stay", Name="DenyLeaving",
                             Type="SERVICE_CONTROL_POLICY")["Policy"]["PolicySummary"]
    org.attach_policy(PolicyId=deny["Id"], TargetId=ous["Workloads"])
    say(f"{deny['Name']} ({deny['Id']}) attached to Workloads")
    refused(lambda: org.detach_policy(PolicyId="p-FullAWSAccess", TargetId=ous["Security"]),
            "every root, OU and account keeps at least one SCP: attach a replacement first")
    refused(lambda: org.delete_policy(PolicyId=deny["Id"]), "a policy still attached cannot be deleted")

    step("7. Enabling all features in a consolidated-billing organization")
    founder = emu.client("organizations", caller=FOUNDER)
    founder.create_organization(FeatureSet="CONSOLIDATED_BILLING")
    sub_invite = founder.invite_account_to_organization(Target={"Id": SUBSIDIARY, "Type": "ACCOUNT"})
    subsidiary = emu.client("organizations", caller=SUBSIDIARY)
    subsidiary.accept_handshake(HandshakeId=sub_invite["Handshake"]["Id"])
    request = founder.enable_all_features()["Handshake"]
    say(f"ENABLE_ALL_FEATURES {request['Id']}: {request['State']} while members approve")
    approval = subsidiary.list_handshakes_for_account(
        Filter={"ActionType": "APPROVE_ALL_FEATURES"})["Handshakes"][0]
    subsidiary.accept_handshake(HandshakeId=approval["Id"])
    say(f"{SUBSIDIARY} approves: parent is now "
        f"{founder.describe_handshake(HandshakeId=request['Id'])['Handshake']['State']}")
    founder.accept_handshake(HandshakeId=request["Id"])
    say(f"the management account accepts: FeatureSet "
        f"{founder.describe_organization()['Organization']['FeatureSet']}")

    step("8. A paginated listing")
    for n in range(5):
        org.create_account(Email=f"sandbox{n}@example.com", AccountName=f"Sandbox {n}")
    emu.advance(60)
    pages = org.get_paginator("list_accounts").paginate(PaginationConfig={"PageSize": 3})
    for number, page in enumerate(pages, 1):
        say(f"page {number}: {', '.join(a['Name'] for a in page['Accounts'])}")

    step("9. The tree")
    for line in tree(org, root["Id"], f"Root ({root['Id']})"):
        say(line)

    step("10. The same state from Node")
    node = shutil.which("node")
    with tempfile.TemporaryDirectory() as folder:
        snapshot = Path(folder) / "organization.json"
        emu.save(snapshot)
        say(f"saved {snapshot.stat().st_size} bytes of versioned JSON")
        if node is None:
            sys.exit("node is not on PATH")
        script = ROOT / "bindings-node" / "examples" / "tour-snapshot.cjs"
        shown = subprocess.run([node, str(script), str(snapshot), MASTER],
                               capture_output=True, text=True, check=True)
        for line in shown.stdout.splitlines():
            say(line)
    assert emu.check_invariants() == []


if __name__ == "__main__":
    main()
