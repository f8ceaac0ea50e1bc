#!/usr/bin/env python3
"""Writes tests/vectors/authz.json: who may call each of the 46 operations of the emulator.

A fixture (run as data by every suite: Rust, Python) builds one organization with all
features: the management account `master`, a `member` that joined by invitation, an OU, an
account created with CreateAccount, two customer SCPs (one attached to the OU), an open
invitation to a standalone `invitee`, alternate contacts and a Chime account of the master.
An `outsider` is a standalone account with nothing addressed to it. Each case then calls one
operation as each of the four callers on a fresh copy of that fixture and names the outcome:
`ok` or the AWS error code. The expectations are stated here from the seeds' rules (the
README's "Who may call" section), not read back from the emulator.

Steps: `as` (a role), `service`, `operation`, `input` (strings may hold `{name}` placeholders),
`save` (name -> JSON pointer into the response), or `advance` (seconds). Run after editing;
`--check` (CI) fails when the JSON is stale.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROLES = {
    "master": "111111111111",
    "member": "222222222222",
    "outsider": "333333333333",
    "invitee": "444444444444",
}
SCP = "SERVICE_CONTROL_POLICY"
DOCUMENT = '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}'
CONTACT = {
    "AlternateContactType": "BILLING",
    "EmailAddress": "billing@example.com",
    "Name": "Billing Team",
    "PhoneNumber": "+1 555 0100",
    "Title": "Billing",
}


def step(role, service, operation, input=None, save=None):
    out = {"as": role, "service": service, "operation": operation, "input": input or {}}
    if save:
        out["save"] = save
    return out


FIXTURE = [
    step("master", "organizations", "CreateOrganization", {"FeatureSet": "ALL"}),
    step("master", "organizations", "ListRoots", save={"root": "/Roots/0/Id"}),
    step("master", "organizations", "CreateOrganizationalUnit",
         {"ParentId": "{root}", "Name": "Engineering"}, save={"ou": "/OrganizationalUnit/Id"}),
    step("master", "organizations", "InviteAccountToOrganization",
         {"Target": {"Id": ROLES["member"], "Type": "ACCOUNT"}}, save={"member_invite": "/Handshake/Id"}),
    step("member", "organizations", "AcceptHandshake", {"HandshakeId": "{member_invite}"}),
    step("master", "organizations", "InviteAccountToOrganization",
         {"Target": {"Id": ROLES["invitee"], "Type": "ACCOUNT"}, "Notes": "Join us"},
         save={"handshake": "/Handshake/Id"}),
    step("master", "organizations", "CreateAccount",
         {"Email": "created@example.com", "AccountName": "Created"},
         save={"car": "/CreateAccountStatus/Id"}),
    {"advance": 60},
    step("master", "organizations", "DescribeCreateAccountStatus",
         {"CreateAccountRequestId": "{car}"}, save={"created": "/CreateAccountStatus/AccountId"}),
    step("master", "organizations", "CreatePolicy",
         {"Content": DOCUMENT, "Description": "No S3", "Name": "DenyS3", "Type": SCP},
         save={"policy": "/Policy/PolicySummary/Id"}),
    step("master", "organizations", "CreatePolicy",
         {"Content": DOCUMENT, "Description": "Spare", "Name": "Spare", "Type": SCP},
         save={"spare_policy": "/Policy/PolicySummary/Id"}),
    step("master", "organizations", "AttachPolicy", {"PolicyId": "{policy}", "TargetId": "{ou}"}),
    step("master", "account", "PutAlternateContact", CONTACT),
    step("member", "account", "PutAlternateContact", CONTACT),
    step("master", "chime", "CreateAccount", {"Name": "Master team"}, save={"chime": "/Account/AccountId"}),
]

MASTER_ONLY = {"master": "ok", "member": "AccessDeniedException",
               "outsider": "AWSOrganizationsNotInUseException",
               "invitee": "AWSOrganizationsNotInUseException"}


def master_only(master="ok"):
    return {**MASTER_ONLY, "master": master}


CASES = [
    # Handshakes: the recipient answers, the originator cancels, org members may look.
    ("organizations", "AcceptHandshake", {"HandshakeId": "{handshake}"},
     {"master": "AccessDeniedException", "member": "AccessDeniedException",
      "outsider": "AWSOrganizationsNotInUseException", "invitee": "ok"}),
    # A standalone account sees only what is addressed to it: the other handshake operations'
    # 2017 error lists have no AWSOrganizationsNotInUseException, so it cannot find the rest,
    # and it lists its own handshakes (none, for the outsider).
    ("organizations", "DeclineHandshake", {"HandshakeId": "{handshake}"},
     {"master": "AccessDeniedException", "member": "AccessDeniedException",
      "outsider": "HandshakeNotFoundException", "invitee": "ok"}),
    ("organizations", "CancelHandshake", {"HandshakeId": "{handshake}"},
     {"master": "ok", "member": "AccessDeniedException",
      "outsider": "HandshakeNotFoundException", "invitee": "AccessDeniedException"}),
    ("organizations", "DescribeHandshake", {"HandshakeId": "{handshake}"},
     {"master": "ok", "member": "ok", "outsider": "HandshakeNotFoundException", "invitee": "ok"}),
    ("organizations", "ListHandshakesForAccount", {},
     {"master": "ok", "member": "ok", "outsider": "ok", "invitee": "ok"}),
    ("organizations", "ListHandshakesForOrganization", {}, master_only()),
    ("organizations", "InviteAccountToOrganization",
     {"Target": {"Id": "555555555555", "Type": "ACCOUNT"}}, master_only()),
    ("organizations", "EnableAllFeatures", {}, master_only("HandshakeConstraintViolationException")),
    # The organization itself.
    ("organizations", "CreateOrganization", {},
     {"master": "AlreadyInOrganizationException", "member": "AlreadyInOrganizationException",
      "outsider": "ok", "invitee": "ok"}),
    ("organizations", "DescribeOrganization", {},
     {"master": "ok", "member": "ok", "outsider": "AWSOrganizationsNotInUseException",
      "invitee": "AWSOrganizationsNotInUseException"}),
    ("organizations", "DeleteOrganization", {}, master_only("OrganizationNotEmptyException")),
    ("organizations", "LeaveOrganization", {},
     {"master": "MasterCannotLeaveOrganizationException", "member": "ok",
      "outsider": "AWSOrganizationsNotInUseException", "invitee": "AWSOrganizationsNotInUseException"}),
    # Accounts.
    ("organizations", "CreateAccount", {"Email": "new@example.com", "AccountName": "New"}, master_only()),
    ("organizations", "DescribeCreateAccountStatus", {"CreateAccountRequestId": "{car}"}, master_only()),
    ("organizations", "ListCreateAccountStatus", {"States": ["SUCCEEDED"]}, master_only()),
    ("organizations", "DescribeAccount", {"AccountId": "{member}"}, master_only()),
    ("organizations", "ListAccounts", {}, master_only()),
    ("organizations", "ListAccountsForParent", {"ParentId": "{root}"}, master_only()),
    ("organizations", "MoveAccount",
     {"AccountId": "{member}", "SourceParentId": "{root}", "DestinationParentId": "{ou}"}, master_only()),
    ("organizations", "RemoveAccountFromOrganization", {"AccountId": "{member}"}, master_only()),
    # Roots, OUs, the tree.
    ("organizations", "ListRoots", {}, master_only()),
    ("organizations", "ListChildren", {"ParentId": "{root}", "ChildType": "ACCOUNT"}, master_only()),
    ("organizations", "ListParents", {"ChildId": "{member}"}, master_only()),
    ("organizations", "ListOrganizationalUnitsForParent", {"ParentId": "{root}"}, master_only()),
    ("organizations", "CreateOrganizationalUnit", {"ParentId": "{root}", "Name": "Sales"}, master_only()),
    ("organizations", "DescribeOrganizationalUnit", {"OrganizationalUnitId": "{ou}"}, master_only()),
    ("organizations", "UpdateOrganizationalUnit", {"OrganizationalUnitId": "{ou}", "Name": "Eng"}, master_only()),
    ("organizations", "DeleteOrganizationalUnit", {"OrganizationalUnitId": "{ou}"}, master_only()),
    # Policies.
    ("organizations", "CreatePolicy",
     {"Content": DOCUMENT, "Description": "d", "Name": "Another", "Type": SCP}, master_only()),
    ("organizations", "DescribePolicy", {"PolicyId": "{policy}"}, master_only()),
    ("organizations", "UpdatePolicy", {"PolicyId": "{policy}", "Name": "Renamed"}, master_only()),
    ("organizations", "DeletePolicy", {"PolicyId": "{spare_policy}"}, master_only()),
    ("organizations", "DeletePolicy", {"PolicyId": "{policy}"}, master_only("PolicyInUseException")),
    ("organizations", "ListPolicies", {"Filter": SCP}, master_only()),
    ("organizations", "ListPoliciesForTarget", {"TargetId": "{member}", "Filter": SCP}, master_only()),
    ("organizations", "ListTargetsForPolicy", {"PolicyId": "{policy}"}, master_only()),
    ("organizations", "AttachPolicy", {"PolicyId": "{policy}", "TargetId": "{member}"}, master_only()),
    ("organizations", "DetachPolicy", {"PolicyId": "{policy}", "TargetId": "{ou}"}, master_only()),
    ("organizations", "EnablePolicyType", {"RootId": "{root}", "PolicyType": SCP},
     master_only("PolicyTypeAlreadyEnabledException")),
    ("organizations", "DisablePolicyType", {"RootId": "{root}", "PolicyType": SCP}, master_only()),
    # Alternate contacts: one's own account always (without AccountId); with AccountId only the
    # management account, for a member (not for itself: AWS refuses its own AccountId).
    ("account", "PutAlternateContact", CONTACT,
     {"master": "ok", "member": "ok", "outsider": "ok", "invitee": "ok"}),
    ("account", "PutAlternateContact", {**CONTACT, "AccountId": "{created}"},
     {"master": "ok", "member": "AccessDeniedException", "outsider": "AccessDeniedException",
      "invitee": "AccessDeniedException"}),
    ("account", "GetAlternateContact", {"AlternateContactType": "BILLING"},
     {"master": "ok", "member": "ok", "outsider": "ResourceNotFoundException",
      "invitee": "ResourceNotFoundException"}),
    ("account", "GetAlternateContact", {"AlternateContactType": "BILLING", "AccountId": "{member}"},
     {"master": "ok", "member": "AccessDeniedException", "outsider": "AccessDeniedException",
      "invitee": "AccessDeniedException"}),
    ("account", "GetAlternateContact", {"AlternateContactType": "BILLING", "AccountId": "{master}"},
     {"master": "AccessDeniedException", "member": "AccessDeniedException",
      "outsider": "AccessDeniedException", "invitee": "AccessDeniedException"}),
    ("account", "DeleteAlternateContact", {"AlternateContactType": "BILLING", "AccountId": "{member}"},
     {"master": "ok", "member": "AccessDeniedException", "outsider": "AccessDeniedException",
      "invitee": "AccessDeniedException"}),
    ("account", "DeleteAlternateContact", {"AlternateContactType": "BILLING"},
     {"master": "ok", "member": "ok", "outsider": "ResourceNotFoundException",
      "invitee": "ResourceNotFoundException"}),
    ("account", "DeleteAlternateContact", {"AlternateContactType": "SECURITY"},
     {"master": "ResourceNotFoundException", "member": "ResourceNotFoundException",
      "outsider": "ResourceNotFoundException", "invitee": "ResourceNotFoundException"}),
    # Chime accounts belong to the AWS account that created them.
    ("chime", "CreateAccount", {"Name": "Team"},
     {"master": "ok", "member": "ok", "outsider": "ok", "invitee": "ok"}),
    ("chime", "GetAccount", {"AccountId": "{chime}"},
     {"master": "ok", "member": "NotFoundException", "outsider": "NotFoundException",
      "invitee": "NotFoundException"}),
    ("chime", "UpdateAccount", {"AccountId": "{chime}", "DefaultLicense": "Basic"},
     {"master": "ok", "member": "NotFoundException", "outsider": "NotFoundException",
      "invitee": "NotFoundException"}),
    ("chime", "ListAccounts", {},
     {"master": "ok", "member": "ok", "outsider": "ok", "invitee": "ok"}),
]


def build() -> dict:
    return {
        "description": __doc__.strip().splitlines()[0],
        "roles": ROLES,
        "fixture": FIXTURE,
        "cases": [
            {"service": s, "operation": o, "input": i, "expect": e} for s, o, i, e in CASES
        ],
    }


def main() -> int:
    text = json.dumps(build(), indent=1) + "\n"
    target = HERE / "authz.json"
    if "--check" in sys.argv:
        if not target.exists() or target.read_text() != text:
            print("tests/vectors/authz.json is stale; run tests/vectors/build_authz_vectors.py")
            return 1
        return 0
    target.write_text(text)
    print(f"wrote {target} ({len(CASES)} cases x {len(ROLES)} callers)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
