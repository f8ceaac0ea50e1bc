"""`orgkit.mock_aws` and the `orgkit_emulator` fixture with REAL, unmodified boto3 clients.

Nothing here points a client at an endpoint or patches it: `boto3.client("organizations")` and
friends are answered in-process by orgkit's emulator over the services' own wire protocols
(awsJson 1.1, restJson1, the query protocol) and parsed by botocore's own parsers.

Sections: every operation succeeds once (and the set is checked against
`orgkit.operations`); modelled errors as botocore exception classes; the multi-account flow
(CreateAccount, AssumeRole, a second account's credentials); clients made before the block
and services orgkit does not serve; composition with moto; the decorator form and `caller=`;
the look-alike client's `ServiceError` as a `ClientError`; botocore paginators.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Callable

import boto3
import pytest
from botocore.exceptions import ClientError
from moto import mock_aws as moto_mock_aws

import orgkit

MANAGEMENT, MEMBER, OUTSIDER, INVITEE = "111111111111", "222222222222", "333333333333", "444444444444"
MOTO_ACCOUNT = "123456789012"
SCP = "SERVICE_CONTROL_POLICY"
FULL_ACCESS = "p-FullAWSAccess"
ACCESS_ROLE = "OrganizationAccountAccessRole"
DENY_S3 = json.dumps(
    {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}]}
)
CONTACT = {
    "EmailAddress": "security@example.com",
    "Name": "Security team",
    "PhoneNumber": "+1 555 0100",
    "Title": "CISO",
}
CREDENTIAL_VARIABLES = (
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_SECURITY_TOKEN",
    "AWS_DEFAULT_REGION",
)
ORGKIT_REQUEST_ID_PREFIX = "0r9k1t00-"
"""Every response the emulator writes carries an x-amzn-RequestId with this prefix."""

# botocore warns about datetime.utcnow on some Pythons; irrelevant here.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


# --------------------------------------------------------------------------- fixtures & helpers


@pytest.fixture(autouse=True)
def aws_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A hermetic AWS environment: region us-east-1, no credentials, profiles or config files
    from the machine, and a fresh boto3 default session (it caches credentials; see
    DEFAULT_SESSION_BUG for what happens without this reset)."""
    for name in CREDENTIAL_VARIABLES + ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ENDPOINT_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.setattr(boto3, "DEFAULT_SESSION", None)


class Recorder:
    """Records, through botocore's `after-call` event, the operations that succeeded on the
    clients it made or tracks."""

    def __init__(self) -> None:
        self.succeeded: dict[str, set[str]] = defaultdict(set)

    def track(self, client: Any) -> Any:
        client.meta.events.register("after-call", self._after_call)
        return client

    def client(self, service: str, **kwargs: Any) -> Any:
        return self.track(boto3.client(service, **kwargs))

    def _after_call(self, http_response: Any, model: Any, **_: Any) -> None:
        if http_response.status_code < 300:
            self.succeeded[model.service_model.service_name].add(model.name)


@pytest.fixture
def recorder() -> Recorder:
    """A fresh operation recorder."""
    return Recorder()


def modelled(service: str) -> set[str]:
    """The operation names the emulator serves for `service` (its edition's)."""
    return {model for model, _python in orgkit.operations(service, edition=orgkit.EMULATED_EDITION)}


def environment() -> dict[str, str | None]:
    """The AWS credential variables as they are now."""
    return {name: os.environ.get(name) for name in CREDENTIAL_VARIABLES}


def served_by_orgkit(response: dict[str, Any]) -> bool:
    """Whether a parsed boto3 response came from orgkit's emulator."""
    return response["ResponseMetadata"]["RequestId"].startswith(ORGKIT_REQUEST_ID_PREFIX)


def assert_datetime(value: Any, expected: datetime | None = None) -> None:
    """`value` was parsed by botocore into an aware `datetime` (equal to `expected`)."""
    assert isinstance(value, datetime)
    assert value.tzinfo is not None
    if expected is not None:
        assert value == expected


def create_account(org: Any, **kwargs: Any) -> dict[str, Any]:
    """CreateAccount, then polled as unmodified client code does until it is not IN_PROGRESS."""
    status = org.create_account(**kwargs)["CreateAccountStatus"]
    for _ in range(10):
        if status["State"] != "IN_PROGRESS":
            break
        status = org.describe_create_account_status(CreateAccountRequestId=status["Id"])[
            "CreateAccountStatus"
        ]
    return status


def org_with_member(emulator: orgkit.Emulator, feature_set: str = "ALL") -> tuple[Any, str]:
    """An organization of MANAGEMENT that MEMBER joined by invitation; its client and root."""
    emulator.register_account(MEMBER, "member@example.com", "Member")
    org = boto3.client("organizations")
    org.create_organization(FeatureSet=feature_set)
    handshake = org.invite_account_to_organization(Target={"Id": MEMBER, "Type": "ACCOUNT"})["Handshake"]
    boto3.client("organizations", **emulator.credentials(MEMBER)).accept_handshake(HandshakeId=handshake["Id"])
    return org, org.list_roots()["Roots"][0]["Id"]


def _text(value: str | bytes) -> str:
    return value.decode("ascii") if isinstance(value, bytes) else value


class StopBeforeNetwork(Exception):
    """Raised by a test's own before-send handler: the request reached the client's handlers."""


def stop_before_network(seen: list[str]) -> Callable[..., None]:
    """A before-send handler recording the URL and stopping the request before any network."""

    def handler(request: Any, **_: Any) -> None:
        seen.append(request.url)
        raise StopBeforeNetwork(request.url)

    return handler


# --------------------------------------------------------------------------- 1. every operation


def test_the_seed_edition_is_46_operations_all_in_botocores_models() -> None:
    """39 Organizations, 3 Account and 4 Chime operations, each one botocore knows."""
    counts = {service: len(modelled(service)) for service in ("organizations", "account", "chime")}
    assert counts == {"organizations": 39, "account": 3, "chime": 4}
    for service in counts:
        client = boto3.client(service, aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="secret")
        assert modelled(service) <= set(client.meta.service_model.operation_names)


def test_every_organizations_operation_succeeds(orgkit_emulator: orgkit.Emulator, recorder: Recorder) -> None:
    """All 39 Organizations operations succeed once through boto3, their responses parsed by
    botocore (timestamps as datetimes)."""
    emulator = orgkit_emulator
    for account in (MEMBER, OUTSIDER, INVITEE):
        emulator.register_account(account, f"a{account}@example.com", f"Account {account}")
    org = recorder.client("organizations")
    member = recorder.client("organizations", **emulator.credentials(MEMBER))
    outsider = recorder.client("organizations", **emulator.credentials(OUTSIDER))

    created = org.create_organization(FeatureSet="CONSOLIDATED_BILLING")
    assert created["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert created["Organization"]["MasterAccountId"] == MANAGEMENT
    assert created["Organization"]["FeatureSet"] == "CONSOLIDATED_BILLING"
    root = org.list_roots()["Roots"][0]["Id"]

    # Handshakes: one accepted, one declined, one canceled.
    invite = org.invite_account_to_organization(Target={"Id": MEMBER, "Type": "ACCOUNT"}, Notes="Welcome")[
        "Handshake"
    ]
    assert_datetime(invite["RequestedTimestamp"], emulator.now)
    assert_datetime(invite["ExpirationTimestamp"])
    assert invite["ExpirationTimestamp"] - invite["RequestedTimestamp"] == timedelta(days=15)
    assert [h["Id"] for h in member.list_handshakes_for_account()["Handshakes"]] == [invite["Id"]]
    assert member.accept_handshake(HandshakeId=invite["Id"])["Handshake"]["State"] == "ACCEPTED"
    declined = org.invite_account_to_organization(Target={"Id": OUTSIDER, "Type": "ACCOUNT"})["Handshake"]
    assert outsider.decline_handshake(HandshakeId=declined["Id"])["Handshake"]["State"] == "DECLINED"
    canceled = org.invite_account_to_organization(Target={"Id": INVITEE, "Type": "ACCOUNT"})["Handshake"]
    assert org.cancel_handshake(HandshakeId=canceled["Id"])["Handshake"]["State"] == "CANCELED"
    states = {h["Id"]: h["State"] for h in org.list_handshakes_for_organization()["Handshakes"]}
    assert states == {invite["Id"]: "ACCEPTED", declined["Id"]: "DECLINED", canceled["Id"]: "CANCELED"}

    # ENABLE_ALL_FEATURES: the member approves, then the management account accepts.
    enabling = org.enable_all_features()["Handshake"]
    assert (enabling["Action"], enabling["State"]) == ("ENABLE_ALL_FEATURES", "REQUESTED")
    approval = member.list_handshakes_for_account(Filter={"ActionType": "APPROVE_ALL_FEATURES"})["Handshakes"]
    member.accept_handshake(HandshakeId=approval[0]["Id"])
    assert org.describe_handshake(HandshakeId=enabling["Id"])["Handshake"]["State"] == "OPEN"
    org.accept_handshake(HandshakeId=enabling["Id"])
    assert org.describe_organization()["Organization"]["FeatureSet"] == "ALL"
    enabled = org.enable_policy_type(RootId=root, PolicyType=SCP)["Root"]
    assert {"Type": SCP, "Status": "ENABLED"} in enabled["PolicyTypes"]

    # Organizational units.
    ou = org.create_organizational_unit(ParentId=root, Name="Engineering")["OrganizationalUnit"]["Id"]
    org.update_organizational_unit(OrganizationalUnitId=ou, Name="Platform")
    assert org.describe_organizational_unit(OrganizationalUnitId=ou)["OrganizationalUnit"]["Name"] == "Platform"
    assert [u["Id"] for u in org.list_organizational_units_for_parent(ParentId=root)["OrganizationalUnits"]] == [ou]
    assert org.list_children(ParentId=root, ChildType="ORGANIZATIONAL_UNIT")["Children"] == [
        {"Id": ou, "Type": "ORGANIZATIONAL_UNIT"}
    ]

    # Policies.
    policy = org.create_policy(Content=DENY_S3, Description="No S3", Name="DenyS3", Type=SCP)["Policy"]
    policy_id = policy["PolicySummary"]["Id"]
    assert json.loads(policy["Content"]) == json.loads(DENY_S3)
    org.update_policy(PolicyId=policy_id, Description="No S3 at all")
    described = org.describe_policy(PolicyId=policy_id)["Policy"]["PolicySummary"]
    assert described["Description"] == "No S3 at all"
    assert {p["Id"] for p in org.list_policies(Filter=SCP)["Policies"]} == {FULL_ACCESS, policy_id}
    org.attach_policy(PolicyId=policy_id, TargetId=ou)
    assert [t["TargetId"] for t in org.list_targets_for_policy(PolicyId=policy_id)["Targets"]] == [ou]
    attached = org.list_policies_for_target(TargetId=ou, Filter=SCP)["Policies"]
    assert {p["Id"] for p in attached} == {FULL_ACCESS, policy_id}

    # Accounts.
    status = org.create_account(Email="dev@example.com", AccountName="Dev")["CreateAccountStatus"]
    assert status["State"] == "IN_PROGRESS"
    assert_datetime(status["RequestedTimestamp"], emulator.now)
    done = org.describe_create_account_status(CreateAccountRequestId=status["Id"])["CreateAccountStatus"]
    assert done["State"] == "SUCCEEDED"
    assert_datetime(done["CompletedTimestamp"])
    assert done["CompletedTimestamp"] > done["RequestedTimestamp"]
    dev = done["AccountId"]
    statuses = org.list_create_account_status(States=["SUCCEEDED"])["CreateAccountStatuses"]
    assert [s["Id"] for s in statuses] == [status["Id"]]
    org.move_account(AccountId=dev, SourceParentId=root, DestinationParentId=ou)
    assert [a["Id"] for a in org.list_accounts_for_parent(ParentId=ou)["Accounts"]] == [dev]
    assert org.list_parents(ChildId=dev)["Parents"] == [{"Id": ou, "Type": "ORGANIZATIONAL_UNIT"}]
    account = org.describe_account(AccountId=dev)["Account"]
    assert (account["Name"], account["Status"], account["JoinedMethod"]) == ("Dev", "ACTIVE", "CREATED")
    assert_datetime(account["JoinedTimestamp"])
    listed = org.list_accounts()["Accounts"]
    assert {a["Id"] for a in listed} == {MANAGEMENT, MEMBER, dev}
    for entry in listed:
        assert_datetime(entry["JoinedTimestamp"])

    # Taking it all down again.
    org.detach_policy(PolicyId=policy_id, TargetId=ou)
    org.delete_policy(PolicyId=policy_id)
    assert {p["Id"] for p in org.list_policies(Filter=SCP)["Policies"]} == {FULL_ACCESS}
    disabled = org.disable_policy_type(RootId=root, PolicyType=SCP)["Root"]
    assert all(t["Type"] != SCP for t in disabled["PolicyTypes"])
    member.leave_organization()
    emulator.prepare_standalone(dev)
    org.remove_account_from_organization(AccountId=dev)
    assert [a["Id"] for a in org.list_accounts()["Accounts"]] == [MANAGEMENT]
    org.delete_organizational_unit(OrganizationalUnitId=ou)
    org.delete_organization()
    with pytest.raises(org.exceptions.AWSOrganizationsNotInUseException):
        org.describe_organization()

    assert recorder.succeeded["organizations"] == modelled("organizations")


def test_every_account_operation_succeeds(orgkit_emulator: orgkit.Emulator, recorder: Recorder) -> None:
    """Put/Get/DeleteAlternateContact over restJson1, on the caller's own account and, by the
    management account, on a member's (AccountId)."""
    org, _root = org_with_member(orgkit_emulator)
    account = recorder.client("account")
    put = account.put_alternate_contact(AlternateContactType="SECURITY", **CONTACT)
    assert put["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert served_by_orgkit(put)
    got = account.get_alternate_contact(AlternateContactType="SECURITY")["AlternateContact"]
    assert got == {"AlternateContactType": "SECURITY", **CONTACT}
    account.delete_alternate_contact(AlternateContactType="SECURITY")
    with pytest.raises(account.exceptions.ResourceNotFoundException):
        account.get_alternate_contact(AlternateContactType="SECURITY")

    # The management account sets a member's contact; the member reads it as its own.
    account.put_alternate_contact(AccountId=MEMBER, AlternateContactType="BILLING", **CONTACT)
    as_member = recorder.client("account", **orgkit_emulator.credentials(MEMBER))
    assert as_member.get_alternate_contact(AlternateContactType="BILLING")["AlternateContact"]["Name"] == "Security team"
    assert account.get_alternate_contact(AccountId=MEMBER, AlternateContactType="BILLING")["AlternateContact"][
        "EmailAddress"
    ] == CONTACT["EmailAddress"]

    assert recorder.succeeded["account"] == modelled("account")


def test_every_chime_operation_succeeds(orgkit_emulator: orgkit.Emulator, recorder: Recorder) -> None:
    """Create/Get/List/UpdateAccount over restJson1: CreateAccount answers 201, timestamps are
    datetimes, ListAccounts filters by name prefix and user email (query parameters)."""
    chime = recorder.client("chime")
    created = chime.create_account(Name="Team")
    assert created["ResponseMetadata"]["HTTPStatusCode"] == 201
    team = created["Account"]
    assert_datetime(team["CreatedTimestamp"], orgkit_emulator.now)
    assert (team["AwsAccountId"], team["AccountStatus"], team["DefaultLicense"]) == (MANAGEMENT, "Active", "Pro")
    other = chime.create_account(Name="Other")["Account"]

    got = chime.get_account(AccountId=team["AccountId"])
    assert got["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert got["Account"] == team
    updated = chime.update_account(AccountId=team["AccountId"], Name="Renamed", DefaultLicense="Basic")["Account"]
    assert (updated["Name"], updated["DefaultLicense"]) == ("Renamed", "Basic")

    assert {a["AccountId"] for a in chime.list_accounts()["Accounts"]} == {team["AccountId"], other["AccountId"]}
    assert [a["AccountId"] for a in chime.list_accounts(Name="Ren")["Accounts"]] == [team["AccountId"]]
    orgkit_emulator.add_chime_user(other["AccountId"], "user@example.com")
    by_user = chime.list_accounts(UserEmail="user@example.com")["Accounts"]
    assert [a["AccountId"] for a in by_user] == [other["AccountId"]]
    assert_datetime(by_user[0]["CreatedTimestamp"])

    assert recorder.succeeded["chime"] == modelled("chime")


# --------------------------------------------------------------------------- 2. errors


def test_organizations_errors_are_botocores_modelled_exceptions(orgkit_emulator: orgkit.Emulator) -> None:
    """awsJson errors become `client.exceptions.X` (ClientError subclasses) with Code, Message,
    Reason where the shape has one, and the HTTP status."""
    org = boto3.client("organizations")
    with pytest.raises(org.exceptions.AWSOrganizationsNotInUseException) as not_in_use:
        org.list_accounts()
    assert isinstance(not_in_use.value, ClientError)
    assert not_in_use.value.response["Error"]["Code"] == "AWSOrganizationsNotInUseException"
    assert not_in_use.value.response["Error"]["Message"]
    assert not_in_use.value.operation_name == "ListAccounts"

    org.create_organization(FeatureSet="ALL")
    root = org.list_roots()["Roots"][0]["Id"]
    ou = org.create_organizational_unit(ParentId=root, Name="Engineering")["OrganizationalUnit"]["Id"]
    with pytest.raises(org.exceptions.DuplicateOrganizationalUnitException) as duplicate:
        org.create_organizational_unit(ParentId=root, Name="Engineering")
    assert duplicate.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert "Engineering" in duplicate.value.response["Error"]["Message"]
    assert "when calling the CreateOrganizationalUnit operation" in str(duplicate.value)

    with pytest.raises(org.exceptions.ConstraintViolationException) as last_policy:
        org.detach_policy(PolicyId=FULL_ACCESS, TargetId=ou)
    assert last_policy.value.response["Reason"] == "MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED"
    assert last_policy.value.response["Error"]["Code"] == "ConstraintViolationException"

    # botocore checks types and lengths, not patterns: the emulator refuses the ID.
    with pytest.raises(org.exceptions.InvalidInputException) as invalid:
        org.create_organizational_unit(ParentId="junk", Name="Nope")
    assert invalid.value.response["Reason"] == "INVALID_PATTERN"
    assert "parentId" in invalid.value.response["Error"]["Message"]

    with pytest.raises(org.exceptions.InvalidInputException) as forged:
        org.list_accounts(NextToken="forged")
    assert forged.value.response["Reason"] == "INVALID_NEXT_TOKEN"

    with pytest.raises(org.exceptions.AccountNotFoundException):
        org.describe_account(AccountId="999999999999")
    with pytest.raises(org.exceptions.AlreadyInOrganizationException):
        org.create_organization(FeatureSet="ALL")

    outsider = boto3.client("organizations", **orgkit_emulator.credentials(OUTSIDER))
    with pytest.raises(outsider.exceptions.AWSOrganizationsNotInUseException):
        outsider.describe_organization()


def test_account_errors_are_botocores_modelled_exceptions(orgkit_emulator: orgkit.Emulator) -> None:
    """restJson errors (x-amzn-ErrorType) of the Account service: ResourceNotFoundException
    (404), ValidationException for a value botocore does not check, AccessDeniedException."""
    account = boto3.client("account")
    with pytest.raises(account.exceptions.ResourceNotFoundException) as missing:
        account.get_alternate_contact(AlternateContactType="OPERATIONS")
    assert isinstance(missing.value, ClientError)
    assert missing.value.response["Error"]["Code"] == "ResourceNotFoundException"
    assert "OPERATIONS" in missing.value.response["Error"]["Message"]
    assert missing.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404

    with pytest.raises(account.exceptions.ValidationException) as invalid:
        account.get_alternate_contact(AlternateContactType="PAYROLL")
    assert invalid.value.response["Error"]["Code"] == "ValidationException"
    assert invalid.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400

    with pytest.raises(account.exceptions.AccessDeniedException) as denied:
        account.get_alternate_contact(AccountId=MEMBER, AlternateContactType="BILLING")
    assert denied.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403


def test_chime_errors_are_botocores_modelled_exceptions(orgkit_emulator: orgkit.Emulator) -> None:
    """Chime's NotFoundException and BadRequestException, with the shape's `Code` member; an
    account of another AWS account is not found either."""
    chime = boto3.client("chime")
    with pytest.raises(chime.exceptions.NotFoundException) as missing:
        chime.get_account(AccountId="00000000-0000-4000-8000-000000000000")
    assert isinstance(missing.value, ClientError)
    assert missing.value.response["Error"]["Code"] == "NotFoundException"
    assert missing.value.response["Code"] == "NotFound"
    assert missing.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404

    team = chime.create_account(Name="Team")["Account"]["AccountId"]
    with pytest.raises(chime.exceptions.BadRequestException) as bad:
        chime.update_account(AccountId=team, DefaultLicense="Enterprise")
    assert bad.value.response["Error"]["Code"] == "BadRequestException"
    assert bad.value.response["Code"] == "BadRequest"
    assert "Enterprise" in bad.value.response["Error"]["Message"]

    stranger = boto3.client("chime", **orgkit_emulator.credentials(OUTSIDER))
    with pytest.raises(stranger.exceptions.NotFoundException):
        stranger.get_account(AccountId=team)


# --------------------------------------------------------------------------- 3. multi-account


def test_management_creates_an_account_and_configures_it_through_assume_role() -> None:
    """The whole unmodified flow: organization, CreateAccount polled until SUCCEEDED, STS
    AssumeRole into the new account, and that session's Account and STS clients."""
    with orgkit.mock_aws() as emulator:
        org = boto3.client("organizations")
        org.create_organization(FeatureSet="ALL")
        status = org.create_account(Email="workload@example.com", AccountName="Workload")["CreateAccountStatus"]
        polls = 0
        while status["State"] == "IN_PROGRESS":
            polls += 1
            assert polls < 10, "CreateAccount never finished"
            status = org.describe_create_account_status(CreateAccountRequestId=status["Id"])[
                "CreateAccountStatus"
            ]
        assert status["State"] == "SUCCEEDED"
        account_id = status["AccountId"]

        sts = boto3.client("sts")
        assert sts.get_caller_identity()["Arn"] == f"arn:aws:iam::{MANAGEMENT}:root"
        role_arn = f"arn:aws:iam::{account_id}:role/{ACCESS_ROLE}"
        assumed = sts.assume_role(RoleArn=role_arn, RoleSessionName="setup")
        credentials = assumed["Credentials"]
        assert_datetime(credentials["Expiration"])
        assert assumed["AssumedRoleUser"]["Arn"] == f"arn:aws:sts::{account_id}:assumed-role/{ACCESS_ROLE}/setup"

        session = boto3.Session(
            aws_access_key_id=credentials["AccessKeyId"],
            aws_secret_access_key=credentials["SecretAccessKey"],
            aws_session_token=credentials["SessionToken"],
        )
        identity = session.client("sts").get_caller_identity()
        assert identity["Account"] == account_id
        assert identity["Arn"] == f"arn:aws:sts::{account_id}:assumed-role/{ACCESS_ROLE}/setup"
        session.client("account").put_alternate_contact(AlternateContactType="SECURITY", **CONTACT)
        # The contact landed in the new account, not the management account's.
        contact = emulator.client("account", caller=account_id).get_alternate_contact(AlternateContactType="SECURITY")
        assert contact["AlternateContact"]["EmailAddress"] == CONTACT["EmailAddress"]
        with pytest.raises(ClientError) as own:
            boto3.client("account").get_alternate_contact(AlternateContactType="SECURITY")
        assert own.value.response["Error"]["Code"] == "ResourceNotFoundException"
        assert session.client("organizations").describe_organization()["Organization"]["MasterAccountId"] == MANAGEMENT


def test_assume_role_is_refused_to_all_but_the_management_account(orgkit_emulator: orgkit.Emulator) -> None:
    """AccessDenied (403, a ClientError) for a member, an outsider, and a role CreateAccount
    did not make; the RoleName CreateAccount was given is assumable."""
    org, _root = org_with_member(orgkit_emulator)
    custom = create_account(org, Email="custom@example.com", AccountName="Custom", RoleName="Admin")
    assert custom["State"] == "SUCCEEDED"
    account_id = custom["AccountId"]
    allowed = boto3.client("sts").assume_role(RoleArn=f"arn:aws:iam::{account_id}:role/Admin", RoleSessionName="ok")
    assert allowed["AssumedRoleUser"]["Arn"].endswith(":assumed-role/Admin/ok")

    attempts = [
        (MEMBER, "Admin"),
        (OUTSIDER, "Admin"),
        (MANAGEMENT, ACCESS_ROLE),  # CreateAccount made "Admin", not the default role
        (MANAGEMENT, "admin"),  # role names are case sensitive
    ]
    for caller, role in attempts:
        sts = boto3.client("sts", **orgkit_emulator.credentials(caller))
        with pytest.raises(ClientError) as denied:
            sts.assume_role(RoleArn=f"arn:aws:iam::{account_id}:role/{role}", RoleSessionName="try")
        assert denied.value.response["Error"]["Code"] == "AccessDenied", (caller, role)
        assert denied.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
        assert f"arn:aws:iam::{caller}:root" in denied.value.response["Error"]["Message"]


def test_a_role_profile_assumes_the_role_through_botocores_credential_provider(
    orgkit_emulator: orgkit.Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Unmodified code that switches accounts with a `role_arn` profile (botocore calls
    AssumeRole itself and refreshes the credentials when they expire) acts in the account."""
    org = boto3.client("organizations")
    org.create_organization(FeatureSet="ALL")
    account_id = create_account(org, Email="workload@example.com", AccountName="Workload")["AccountId"]
    keys = orgkit_emulator.credentials(MANAGEMENT)
    (tmp_path / "credentials").write_text(
        "[management]\n"
        f"aws_access_key_id = {keys['aws_access_key_id']}\n"
        f"aws_secret_access_key = {keys['aws_secret_access_key']}\n"
    )
    (tmp_path / "config").write_text(
        "[profile workload]\n"
        f"role_arn = arn:aws:iam::{account_id}:role/{ACCESS_ROLE}\n"
        "source_profile = management\n"
        "region = us-east-1\n"
    )
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "credentials"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "config"))
    identity = boto3.Session(profile_name="workload").client("sts").get_caller_identity()
    assert identity["Account"] == account_id
    assert f":assumed-role/{ACCESS_ROLE}/" in identity["Arn"]


def test_an_invitation_accepted_with_a_second_accounts_credentials(orgkit_emulator: orgkit.Emulator) -> None:
    """`emulator.credentials(account)` makes a plain boto3 client act as that account."""
    orgkit_emulator.register_account(MEMBER, "member@example.com", "Member")
    org = boto3.client("organizations")
    org.create_organization(FeatureSet="ALL")
    handshake = org.invite_account_to_organization(Target={"Id": MEMBER, "Type": "ACCOUNT"}, Notes="Join")["Handshake"]

    member = boto3.client("organizations", **orgkit_emulator.credentials(MEMBER))
    assert boto3.client("sts", **orgkit_emulator.credentials(MEMBER)).get_caller_identity()["Account"] == MEMBER
    pending = member.list_handshakes_for_account()["Handshakes"]
    assert [h["Id"] for h in pending] == [handshake["Id"]]
    with pytest.raises(org.exceptions.AccessDeniedException):
        org.accept_handshake(HandshakeId=handshake["Id"])  # only the invitee may accept
    accepted = member.accept_handshake(HandshakeId=handshake["Id"])["Handshake"]
    assert accepted["State"] == "ACCEPTED"
    assert member.describe_organization()["Organization"]["MasterAccountId"] == MANAGEMENT
    joined = org.describe_account(AccountId=MEMBER)["Account"]
    assert (joined["JoinedMethod"], joined["Name"]) == ("INVITED", "Member")
    assert_datetime(joined["JoinedTimestamp"])


# --------------------------------------------------------------------------- 4. scope of the mock


def test_clients_made_before_the_block_are_served_inside_it() -> None:
    """A client made before `mock_aws` (explicit fake keys and region) is answered by orgkit
    inside the block (as the default caller, or as the account of emulator keys), and is no
    longer answered after it."""
    emulator = orgkit.Emulator()
    early = boto3.client(
        "organizations", region_name="us-east-1", aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="secret"
    )
    early_member_sts = boto3.client("sts", region_name="us-east-1", **emulator.credentials(MEMBER))
    with orgkit.mock_aws(emulator) as served:
        assert served is emulator
        created = early.create_organization(FeatureSet="ALL")
        assert served_by_orgkit(created)
        assert created["Organization"]["MasterAccountId"] == MANAGEMENT
        assert early_member_sts.get_caller_identity()["Account"] == MEMBER
    # The emulator kept the state; the client itself is no longer answered by orgkit.
    assert emulator.client("organizations", caller=MANAGEMENT).describe_organization()["Organization"][
        "Id"
    ] == created["Organization"]["Id"]
    seen: list[str] = []
    early.meta.events.register("before-send", stop_before_network(seen))
    with pytest.raises(StopBeforeNetwork):
        early.describe_organization()
    assert seen == ["https://organizations.us-east-1.amazonaws.com/"]


def test_other_services_are_untouched(orgkit_emulator: orgkit.Emulator) -> None:
    """orgkit answers only its four services: an S3 request reaches the client's own
    before-send handlers (where moto would answer it); an Organizations one never does."""
    s3 = boto3.client("s3")
    seen: list[str] = []
    s3.meta.events.register("before-send", stop_before_network(seen))
    with pytest.raises(StopBeforeNetwork):
        s3.list_buckets()
    assert len(seen) == 1 and "s3" in seen[0]

    org = boto3.client("organizations")
    org_seen: list[str] = []
    org.meta.events.register("before-send", stop_before_network(org_seen))
    assert org.create_organization(FeatureSet="ALL")["Organization"]["MasterAccountId"] == MANAGEMENT
    assert org_seen == []


def test_the_fixture_yields_a_fresh_emulator_acting_as_the_default_caller(orgkit_emulator: orgkit.Emulator) -> None:
    """`orgkit_emulator` is an `orgkit.Emulator` with no organization, mock_aws active, and
    environment credentials that act as 111111111111."""
    assert isinstance(orgkit_emulator, orgkit.Emulator)
    assert orgkit_emulator.default_caller == MANAGEMENT
    assert os.environ["AWS_ACCESS_KEY_ID"] == orgkit_emulator.credentials(MANAGEMENT)["aws_access_key_id"]
    org = boto3.client("organizations")
    with pytest.raises(org.exceptions.AWSOrganizationsNotInUseException):
        org.describe_organization()
    assert boto3.client("sts").get_caller_identity()["Account"] == MANAGEMENT


# --------------------------------------------------------------------------- 5. moto


@pytest.mark.parametrize("orgkit_outside", [False, True], ids=["moto-outside", "orgkit-outside"])
def test_composes_with_moto(orgkit_outside: bool) -> None:
    """Nested with moto's `mock_aws` (either way round): S3 is moto's, Organizations and STS
    are orgkit's, and the credential variables are restored when both blocks end."""
    before = environment()
    assert before["AWS_ACCESS_KEY_ID"] is None and before["AWS_DEFAULT_REGION"] == "us-east-1"
    outer, inner = (orgkit.mock_aws(), moto_mock_aws()) if orgkit_outside else (moto_mock_aws(), orgkit.mock_aws())
    with outer as outer_value, inner as inner_value:
        emulator = outer_value if orgkit_outside else inner_value
        assert isinstance(emulator, orgkit.Emulator)

        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket="orgkit-and-moto")
        buckets = s3.list_buckets()
        assert [b["Name"] for b in buckets["Buckets"]] == ["orgkit-and-moto"]
        assert not served_by_orgkit(buckets)

        org = boto3.client("organizations")
        created = org.create_organization(FeatureSet="ALL")["Organization"]
        described = org.describe_organization()
        assert served_by_orgkit(described)
        assert described["Organization"]["MasterAccountId"] == MANAGEMENT != MOTO_ACCOUNT
        own_view = emulator.client("organizations", caller=MANAGEMENT).describe_organization()
        assert own_view["Organization"]["Id"] == created["Id"]
        assert boto3.client("sts").get_caller_identity()["Account"] == MANAGEMENT
    assert environment() == before


# --------------------------------------------------------------------------- 6. decorator, caller=


def test_the_decorator_runs_each_call_in_a_fresh_block_as_the_caller(monkeypatch: pytest.MonkeyPatch) -> None:
    """`@orgkit.mock_aws(caller=...)`: every call gets a new emulator acting as `caller`, and
    the environment it found (including credentials set before) is put back afterwards."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIDOUTSIDE")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "outside-secret")
    monkeypatch.setenv("AWS_SESSION_TOKEN", "outside-token")
    before = environment()

    @orgkit.mock_aws(caller="999999999999")
    def make_organization() -> tuple[str, str, str | None]:
        organization = boto3.client("organizations").create_organization(FeatureSet="ALL")["Organization"]
        account = boto3.client("sts").get_caller_identity()["Account"]
        return organization["MasterAccountId"], account, os.environ.get("AWS_SESSION_TOKEN")

    assert make_organization.__name__ == "make_organization"
    # A second call would be AlreadyInOrganizationException if the emulator were shared.
    assert make_organization() == ("999999999999", "999999999999", None)
    assert make_organization() == ("999999999999", "999999999999", None)
    assert environment() == before


@orgkit.mock_aws(caller="123412341234")
def test_a_decorated_test_function_acts_as_the_caller() -> None:
    """The decorator straight on a test function."""
    org = boto3.client("organizations")
    assert org.create_organization(FeatureSet="ALL")["Organization"]["MasterAccountId"] == "123412341234"
    assert boto3.client("sts").get_caller_identity()["Arn"] == "arn:aws:iam::123412341234:root"


@orgkit.mock_aws(caller=INVITEE)
class TestDecoratedClass:
    """The decorator on a class runs each test method in a block of its own."""

    def test_a_method_gets_a_fresh_emulator(self, tmp_path: Path) -> None:
        assert tmp_path.is_dir()  # fixtures still reach the wrapped method
        org = boto3.client("organizations")
        assert org.create_organization(FeatureSet="ALL")["Organization"]["MasterAccountId"] == INVITEE

    def test_another_method_gets_another_fresh_emulator(self) -> None:
        org = boto3.client("organizations")
        with pytest.raises(org.exceptions.AWSOrganizationsNotInUseException):
            org.describe_organization()
        assert org.create_organization(FeatureSet="ALL")["Organization"]["MasterAccountId"] == INVITEE


def test_the_decorator_on_a_coroutine_function() -> None:
    """A decorated `async def` runs inside the block while it is awaited."""
    import asyncio

    @orgkit.mock_aws(caller=OUTSIDER)
    async def whoami() -> str:
        await asyncio.sleep(0)
        return boto3.client("sts").get_caller_identity()["Account"]

    before = environment()
    assert asyncio.run(whoami()) == OUTSIDER
    assert environment() == before


def test_caller_of_the_context_manager_and_a_bad_caller(monkeypatch: pytest.MonkeyPatch) -> None:
    """`caller=` on the context manager (and the emulator's default caller); a missing region
    defaults to us-east-1 inside and is unset again after; a caller that is not 12 digits is
    refused up front."""
    monkeypatch.delenv("AWS_DEFAULT_REGION")
    before = environment()
    with orgkit.mock_aws(caller=OUTSIDER) as emulator:
        assert os.environ["AWS_DEFAULT_REGION"] == "us-east-1"
        assert emulator.default_caller == OUTSIDER
        assert boto3.client("sts").get_caller_identity()["Account"] == OUTSIDER
        # Keys the emulator did not hand out act as the default caller too.
        stranger = boto3.client("organizations", aws_access_key_id="AKIDSTRANGER", aws_secret_access_key="x")
        assert stranger.create_organization(FeatureSet="ALL")["Organization"]["MasterAccountId"] == OUTSIDER
    assert environment() == before
    assert "AWS_DEFAULT_REGION" not in os.environ
    with pytest.raises(orgkit.ArgumentError):
        orgkit.mock_aws(caller="not-an-account")




def test_consecutive_blocks_act_as_their_own_caller() -> None:
    """Two blocks in one test (or two decorated tests in one process) with different callers:
    `boto3.client()` in each acts as that block's caller."""
    with orgkit.mock_aws(caller=MEMBER):
        assert boto3.client("sts").get_caller_identity()["Account"] == MEMBER
    with orgkit.mock_aws(caller=OUTSIDER):
        assert boto3.client("sts").get_caller_identity()["Account"] == OUTSIDER


def test_after_the_block_clients_sign_with_the_restored_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    """Once the block ends, a default-session client uses the environment's own keys again."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIDOUTSIDE")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "outside-secret")
    with orgkit.mock_aws():
        assert boto3.client("sts").get_caller_identity()["Account"] == MANAGEMENT
    assert os.environ["AWS_ACCESS_KEY_ID"] == "AKIDOUTSIDE"
    sts = boto3.client("sts")
    signed: list[str] = []

    def capture(request: Any, **_: Any) -> None:
        signed.append(_text(request.headers["Authorization"]))
        raise StopBeforeNetwork(request.url)

    sts.meta.events.register("before-send", capture)
    with pytest.raises(StopBeforeNetwork):
        sts.get_caller_identity()
    assert "Credential=AKIDOUTSIDE/" in signed[0]


# --------------------------------------------------------------------------- 7. look-alike errors


def test_lookalike_service_errors_are_botocore_client_errors(orgkit_emulator: orgkit.Emulator) -> None:
    """The look-alike client's `orgkit.ServiceError` is caught by `except ClientError` and
    carries the same Code, Message and Reason boto3 gets over the wire."""
    org = boto3.client("organizations")
    org.create_organization(FeatureSet="ALL")
    root = org.list_roots()["Roots"][0]["Id"]
    ou = org.create_organizational_unit(ParentId=root, Name="Engineering")["OrganizationalUnit"]["Id"]
    lookalike = orgkit_emulator.client("organizations", caller=MANAGEMENT)

    with pytest.raises(ClientError) as from_lookalike:
        lookalike.detach_policy(PolicyId=FULL_ACCESS, TargetId=ou)
    with pytest.raises(ClientError) as from_boto3:
        org.detach_policy(PolicyId=FULL_ACCESS, TargetId=ou)
    assert isinstance(from_lookalike.value, orgkit.ServiceError)
    assert isinstance(from_lookalike.value, orgkit.exceptions.ConstraintViolationException)
    assert not isinstance(from_boto3.value, orgkit.ServiceError)
    for key in ("Code", "Message"):
        assert from_lookalike.value.response["Error"][key] == from_boto3.value.response["Error"][key]
    assert from_lookalike.value.response["Reason"] == from_boto3.value.response["Reason"]
    assert from_lookalike.value.operation_name == from_boto3.value.operation_name == "DetachPolicy"

    try:
        lookalike.create_organizational_unit(ParentId=root, Name="Engineering")
    except ClientError as caught:  # code written for boto3
        assert caught.response["Error"]["Code"] == "DuplicateOrganizationalUnitException"
        assert caught.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    else:
        pytest.fail("the duplicate OU was not refused")


# --------------------------------------------------------------------------- 8. paginators


@pytest.fixture
def org_of_five(orgkit_emulator: orgkit.Emulator) -> tuple[Any, list[str]]:
    """An organization with four created accounts; its client and every account ID, in
    ListAccounts order."""
    org = boto3.client("organizations")
    org.create_organization(FeatureSet="ALL")
    for n in range(4):
        assert create_account(org, Email=f"a{n}@example.com", AccountName=f"A{n}")["State"] == "SUCCEEDED"
    everyone = [a["Id"] for a in org.list_accounts()["Accounts"]]
    assert len(everyone) == 5
    return org, everyone


def test_botocore_paginator_max_items_page_size_and_resume(org_of_five: tuple[Any, list[str]]) -> None:
    """`paginate(PaginationConfig={"MaxItems": 2, "PageSize": 1})` sends MaxResults=1, stops
    after two items; `build_full_result()`'s NextToken resumes where it stopped."""
    org, everyone = org_of_five
    sent: list[dict[str, Any]] = []
    org.meta.events.register(
        "before-parameter-build.organizations.ListAccounts", lambda params, **_: sent.append(dict(params))
    )
    paginator = org.get_paginator("list_accounts")

    pages = list(paginator.paginate(PaginationConfig={"MaxItems": 2, "PageSize": 1}))
    assert [len(page["Accounts"]) for page in pages] == [1, 1]
    assert [a["Id"] for page in pages for a in page["Accounts"]] == everyone[:2]
    assert [params.get("MaxResults") for params in sent] == [1, 1]
    for page in pages:
        assert_datetime(page["Accounts"][0]["JoinedTimestamp"])

    first = paginator.paginate(PaginationConfig={"MaxItems": 2, "PageSize": 1}).build_full_result()
    assert [a["Id"] for a in first["Accounts"]] == everyone[:2]
    assert first["NextToken"]
    rest = paginator.paginate(PaginationConfig={"StartingToken": first["NextToken"], "PageSize": 2}).build_full_result()
    assert [a["Id"] for a in rest["Accounts"]] == everyone[2:]
    assert "NextToken" not in rest

    # A resume token that stops mid-page (MaxItems 3 with pages of 2) resumes exactly too.
    head = paginator.paginate(PaginationConfig={"MaxItems": 3, "PageSize": 2}).build_full_result()
    tail = paginator.paginate(PaginationConfig={"StartingToken": head["NextToken"]}).build_full_result()
    assert [a["Id"] for a in head["Accounts"] + tail["Accounts"]] == everyone


def test_paginators_of_other_operations_and_services(orgkit_emulator: orgkit.Emulator) -> None:
    """ListChildren (awsJson) and Chime ListAccounts (restJson1: max-results / next-token
    query parameters) page through botocore's paginators."""
    org = boto3.client("organizations")
    org.create_organization(FeatureSet="ALL")
    root = org.list_roots()["Roots"][0]["Id"]
    ous = {org.create_organizational_unit(ParentId=root, Name=f"OU{n}")["OrganizationalUnit"]["Id"] for n in range(3)}
    children = org.get_paginator("list_children").paginate(
        ParentId=root, ChildType="ORGANIZATIONAL_UNIT", PaginationConfig={"PageSize": 1}
    )
    pages = list(children)
    assert [len(page["Children"]) for page in pages] == [1, 1, 1]
    assert {c["Id"] for page in pages for c in page["Children"]} == ous

    chime = boto3.client("chime")
    created = {chime.create_account(Name=f"Team{n}")["Account"]["AccountId"] for n in range(3)}
    paginator = chime.get_paginator("list_accounts")
    first = paginator.paginate(PaginationConfig={"MaxItems": 2, "PageSize": 1}).build_full_result()
    assert len(first["Accounts"]) == 2 and first["NextToken"]
    rest = paginator.paginate(PaginationConfig={"StartingToken": first["NextToken"]}).build_full_result()
    assert {a["AccountId"] for a in first["Accounts"] + rest["Accounts"]} == created
    assert len(first["Accounts"] + rest["Accounts"]) == 3
