"""orgkit.Emulator from Python: the authorization matrix of tests/vectors/authz.json, boto3
shapes (datetimes, ClientError-like errors, paginators), snapshots, threads and bad input."""

from __future__ import annotations

import copy
import threading
from datetime import datetime, timezone
from typing import Any

import pytest

import orgkit
from conftest import load_vectors

MASTER, MEMBER, OUTSIDER = "111111111111", "222222222222", "333333333333"
SCP = "SERVICE_CONTROL_POLICY"
DOCUMENT = '{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"*","Resource":"*"}}'
AUTHZ = load_vectors("authz.json")


def substitute(value: Any, names: dict[str, str]) -> Any:
    if isinstance(value, str):
        for name, replacement in names.items():
            value = value.replace("{" + name + "}", replacement)
        return value
    if isinstance(value, list):
        return [substitute(v, names) for v in value]
    if isinstance(value, dict):
        return {k: substitute(v, names) for k, v in value.items()}
    return value


def snake(operation: str) -> str:
    return {model: python for model, python in orgkit.operations("organizations")}.get(operation) or ""


@pytest.fixture(scope="module")
def authz_fixture() -> tuple[dict[str, Any], dict[str, str]]:
    emu = orgkit.Emulator(seed=42)
    names = dict(AUTHZ["roles"])
    for step in AUTHZ["fixture"]:
        if "advance" in step:
            emu.advance(step["advance"])
            continue
        client = emu.client(step["service"], caller=names[step["as"]])
        methods = {m: p for m, p in orgkit.operations(step["service"])}
        out = getattr(client, methods[step["operation"]])(**substitute(step["input"], names))
        for name, pointer in step.get("save", {}).items():
            node: Any = out
            for part in pointer.strip("/").split("/"):
                node = node[int(part)] if isinstance(node, list) else node[part]
            names[name] = node
    return emu.export(), names


CASES = [(case, role) for case in AUTHZ["cases"] for role in case["expect"]]


@pytest.mark.parametrize(
    ("case", "role"), CASES, ids=[f"{c['service']}.{c['operation']}-{r}" for c, r in CASES]
)
def test_authorization_matrix(authz_fixture: tuple[dict[str, Any], dict[str, str]], case: dict[str, Any], role: str) -> None:
    snapshot, names = authz_fixture
    emu = orgkit.Emulator()
    emu.import_state(copy.deepcopy(snapshot))
    client = emu.client(case["service"], caller=names[role])
    methods = {m: p for m, p in orgkit.operations(case["service"])}
    try:
        getattr(client, methods[case["operation"]])(**substitute(case["input"], names))
        got = "ok"
    except orgkit.ServiceError as err:
        got = err.code
        assert isinstance(err, getattr(orgkit.exceptions, err.code))
        assert err.response["Error"]["Code"] == err.code
    assert got == case["expect"][role]
    assert emu.check_invariants() == []


def make_org(feature_set: str = "ALL") -> tuple[orgkit.Emulator, Any, str]:
    emu = orgkit.Emulator(seed=5)
    org = emu.client("organizations", caller=MASTER)
    org.create_organization(FeatureSet=feature_set)
    root = org.list_roots()["Roots"][0]["Id"]
    return emu, org, root


def test_boto3_shapes_and_datetimes() -> None:
    emu, org, root = make_org()
    status = org.create_account(Email="dev@example.com", AccountName="Dev")["CreateAccountStatus"]
    assert status["State"] == "IN_PROGRESS"
    assert status["RequestedTimestamp"] == datetime(2017, 2, 27, tzinfo=timezone.utc)
    emu.advance(60)
    done = org.describe_create_account_status(CreateAccountRequestId=status["Id"])["CreateAccountStatus"]
    assert done["State"] == "SUCCEEDED"
    assert done["CompletedTimestamp"].tzinfo is timezone.utc
    account = org.describe_account(AccountId=done["AccountId"])["Account"]
    assert account["JoinedMethod"] == "CREATED"
    assert isinstance(account["JoinedTimestamp"], datetime)
    assert orgkit.parse_arn(account["Arn"]).account_id == done["AccountId"]
    chime = emu.client("chime", caller=MASTER)
    created = chime.create_account(Name="Team")["Account"]
    assert created["CreatedTimestamp"] == emu.now
    assert created["AccountStatus"] == "Active"
    assert org.describe_organization()["ResponseMetadata"]["HTTPStatusCode"] == 200


def test_errors_are_client_error_shaped() -> None:
    emu, org, root = make_org()
    ou = org.create_organizational_unit(ParentId=root, Name="Engineering")["OrganizationalUnit"]["Id"]
    with pytest.raises(org.exceptions.DuplicateOrganizationalUnitException) as dup:
        org.create_organizational_unit(ParentId=root, Name="Engineering")
    assert dup.value.response["Error"]["Code"] == "DuplicateOrganizationalUnitException"
    assert dup.value.operation_name == "CreateOrganizationalUnit"
    assert "when calling the CreateOrganizationalUnit operation" in str(dup.value)
    with pytest.raises(orgkit.exceptions.ConstraintViolationException) as last:
        org.detach_policy(PolicyId="p-FullAWSAccess", TargetId=ou)
    assert last.value.reason == "MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED"
    assert last.value.response["Reason"] == "MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED"
    with pytest.raises(orgkit.exceptions.InvalidInputException) as invalid:
        org.create_organizational_unit(ParentId="junk", Name="", Colour="blue")
    assert [i["Code"] for i in invalid.value.issues] == ["INVALID_PATTERN", "MIN_LENGTH_EXCEEDED", "UNKNOWN_PARAMETER"]
    member = emu.client("organizations", caller=MEMBER)
    with pytest.raises(orgkit.exceptions.AWSOrganizationsNotInUseException):
        member.list_accounts()
    with pytest.raises(AttributeError):
        org.no_such_operation()


def test_invite_accept_and_enable_all_features() -> None:
    emu, org, root = make_org("CONSOLIDATED_BILLING")
    handshake = org.invite_account_to_organization(Target={"Id": MEMBER, "Type": "ACCOUNT"}, Notes="hi")["Handshake"]
    assert handshake["ExpirationTimestamp"] - handshake["RequestedTimestamp"] == (
        datetime(2017, 3, 14, tzinfo=timezone.utc) - datetime(2017, 2, 27, tzinfo=timezone.utc)
    )
    member = emu.client("organizations", caller=MEMBER)
    assert member.list_handshakes_for_account()["Handshakes"][0]["Id"] == handshake["Id"]
    member.accept_handshake(HandshakeId=handshake["Id"])
    parent = org.enable_all_features()["Handshake"]
    assert parent["State"] == "REQUESTED"
    child = member.list_handshakes_for_account(Filter={"ActionType": "APPROVE_ALL_FEATURES"})["Handshakes"][0]
    member.accept_handshake(HandshakeId=child["Id"])
    assert org.describe_handshake(HandshakeId=parent["Id"])["Handshake"]["State"] == "OPEN"
    org.accept_handshake(HandshakeId=parent["Id"])
    assert org.describe_organization()["Organization"]["FeatureSet"] == "ALL"


def test_paginator_walks_every_page() -> None:
    emu, org, root = make_org()
    for n in range(30):
        org.create_account(Email=f"a{n}@example.com", AccountName=f"A{n}")
    emu.advance(1)
    paginator = org.get_paginator("list_accounts")
    pages = list(paginator.paginate(PaginationConfig={"PageSize": 7}))
    assert [len(p["Accounts"]) for p in pages] == [7, 7, 7, 7, 3]
    full = paginator.paginate().build_full_result()
    assert len(full["Accounts"]) == 31
    first = paginator.paginate(PaginationConfig={"MaxItems": 10}).build_full_result()
    rest = paginator.paginate(PaginationConfig={"StartingToken": first["NextToken"]}).build_full_result()
    assert len(first["Accounts"]) + len(rest["Accounts"]) == 31
    assert org.can_paginate("list_children") and not org.can_paginate("describe_organization")
    with pytest.raises(orgkit.exceptions.InvalidInputException) as bad:
        org.list_accounts(NextToken="forged")
    assert bad.value.reason == "INVALID_NEXT_TOKEN"


def test_snapshots(tmp_path: Any) -> None:
    emu, org, root = make_org()
    org.create_organizational_unit(ParentId=root, Name="Kept")
    path = tmp_path / "state.json"
    emu.save(path)
    loaded = orgkit.Emulator.load(path)
    assert loaded.export() == emu.export()
    text = path.read_text()
    for broken, code in [
        (text[: len(text) // 2], "SNAPSHOT_CORRUPT"),
        (text.replace('"version":1', '"version":2', 1), "SNAPSHOT_VERSION"),
    ]:
        path.write_text(broken)
        with pytest.raises(orgkit.EmulatorUsageError) as err:
            loaded.load_into(path)
        assert err.value.code == code
        assert loaded.export() == emu.export()
    with pytest.raises(orgkit.EmulatorUsageError):
        orgkit.Emulator.load(tmp_path / "missing.json")


def test_threads_share_one_emulator() -> None:
    emu, org, root = make_org()

    def work(n: int) -> None:
        client = emu.client("organizations", caller=MASTER)
        for i in range(20):
            client.create_organizational_unit(ParentId=root, Name=f"t{n}-{i}")

    threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    pages = org.get_paginator("list_organizational_units_for_parent").paginate(ParentId=root)
    assert len(pages.build_full_result()["OrganizationalUnits"]) == 120


@pytest.mark.parametrize(
    "params",
    [
        {"ParentId": "r-abcd", "Name": "x" * 1_000_000},
        {"ParentId": "r-abcd", "Name": b"bytes"},
        {"ParentId": "r-abcd", "Name": float("nan")},
        {"ParentId": "r-abcd", "Name": "\ud800"},
        {"ParentId": "r-abcd", "Name": {"deep": [[[[[[[[[[[[[[[[[[[[[[[[[[[[["x"]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}},
        {"ParentId": 12, "Name": None},
    ],
)
def test_bad_input_is_refused_and_changes_nothing(params: dict[str, Any]) -> None:
    emu, org, root = make_org()
    before = emu.export()
    with pytest.raises(orgkit.exceptions.InvalidInputException) as err:
        org.create_organizational_unit(**params)
    assert err.value.issues
    assert emu.export() == before


def test_deeply_nested_and_self_referencing_input() -> None:
    emu, org, root = make_org()
    nested: Any = "x"
    for _ in range(100_000):
        nested = [nested]
    with pytest.raises(orgkit.exceptions.InvalidInputException):
        org.create_organizational_unit(ParentId=root, Name=nested)
    cycle: dict[str, Any] = {}
    cycle["self"] = cycle
    with pytest.raises(orgkit.exceptions.InvalidInputException):
        org.create_organizational_unit(ParentId=root, Name=cycle)


def test_usage_errors() -> None:
    emu = orgkit.Emulator()
    with pytest.raises(orgkit.EmulatorUsageError) as bad_caller:
        emu.client("organizations", caller="root").list_roots()
    assert bad_caller.value.code == "INVALID_CALLER"
    with pytest.raises(orgkit.EmulatorUsageError):
        emu.advance(float("nan"))
    emu.register_account(OUTSIDER, "o@example.com", "Outsider")
    with pytest.raises(orgkit.EmulatorUsageError) as taken:
        emu.register_account(OUTSIDER, "o2@example.com", "Again")
    assert taken.value.code == "ACCOUNT_TAKEN"
    with pytest.raises(orgkit.UnknownOperationError, match="organizations"):
        emu.client("iam", caller=MASTER)  # type: ignore[call-overload]
    with pytest.raises(orgkit.EmulatorUsageError) as not_text:
        emu.client("organizations", caller=111111111111)  # type: ignore[arg-type]
    assert not_text.value.code == "INVALID_CALLER"
    with pytest.raises(orgkit.EmulatorUsageError):
        emu.register_account(444444444444, "x@example.com", "X")  # type: ignore[arg-type]
    for seed in (-1, 2**64, "1", 1.5, True):
        with pytest.raises(orgkit.EmulatorUsageError):
            orgkit.Emulator(seed=seed)  # type: ignore[arg-type]
    with pytest.raises(orgkit.EmulatorUsageError):
        emu.set_quotas(max_acounts=3)
    with pytest.raises(orgkit.EmulatorUsageError):
        emu.set_quotas(max_accounts=-1)
    with pytest.raises(orgkit.EmulatorUsageError):
        emu.save(42)  # type: ignore[arg-type]
    emu.set_quotas(max_accounts=2)
    assert emu.quotas["max_accounts"] == 2


def test_lone_surrogates_and_unserializable_snapshots_are_usage_errors() -> None:
    emu = orgkit.Emulator()
    with pytest.raises(orgkit.EmulatorUsageError, match="not valid Unicode") as caller:
        emu.client("organizations", caller="\ud800")
    assert caller.value.code == "INVALID_CALLER"
    with pytest.raises(orgkit.EmulatorUsageError, match="not valid Unicode"):
        emu.register_account(OUTSIDER, "o\udc80@example.com", "Outsider")
    before = emu.export()
    deep: dict[str, Any] = {}
    node = deep
    for _ in range(100_000):
        node["a"] = {}
        node = node["a"]
    for bad in ({"format": b"orgkit-emulator"}, {"version": float("nan")}, deep):
        with pytest.raises(orgkit.EmulatorUsageError) as corrupt:
            emu.import_state(bad)
        assert corrupt.value.code == "SNAPSHOT_CORRUPT"
    assert emu.export() == before
