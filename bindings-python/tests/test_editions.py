"""The two editions of the models from Python: `edition=` on every validation entry point
(`"current"` by default, `"original"` for the APIs as first released), a strict refusal of
anything else, and the emulator, which serves the original edition and says so."""

from __future__ import annotations

from typing import Any, Callable

import pytest

import orgkit

TAGS = [{"Key": "CostCenter", "Value": "12345"}]
ACCOUNT = {"Email": "someone@example.com", "AccountName": "Production"}
TAG_POLICY = {
    "Content": '{"tags": {}}',
    "Description": "tag rules",
    "Name": "tags",
    "Type": "TAG_POLICY",
}


def test_the_editions_are_exported() -> None:
    assert orgkit.EDITIONS == ("original", "current")
    assert orgkit.DEFAULT_EDITION == "current"
    assert orgkit.EMULATED_EDITION == "original"


class TestDefaultIsCurrent:
    def test_create_account_takes_tags(self) -> None:
        assert orgkit.validate_request("organizations", "create_account", {**ACCOUNT, "Tags": TAGS}) == []
        orgkit.check_request("organizations", "CreateAccount", {**ACCOUNT, "Tags": TAGS})
        issues = orgkit.validate_request(
            "organizations", "create_account", {**ACCOUNT, "Tags": TAGS}, edition="original"
        )
        assert [(i.path, i.code) for i in issues] == [("Tags", "UNKNOWN_PARAMETER")]

    def test_create_policy_takes_a_tag_policy(self) -> None:
        assert orgkit.validate_request("organizations", "create_policy", TAG_POLICY) == []
        assert orgkit.validate_request("organizations", "create_policy", TAG_POLICY, edition="current") == []
        issues = orgkit.validate_request("organizations", "create_policy", TAG_POLICY, edition="original")
        assert [(i.path, i.code) for i in issues] == [("Type", "INVALID_ENUM")]

    def test_close_account_is_known_by_default_and_not_in_the_original_edition(self) -> None:
        assert orgkit.validate_request("organizations", "close_account", {"AccountId": "123456789012"}) == []
        [issue] = orgkit.validate_request("organizations", "CloseAccount", {"AccountId": "12345"})
        assert (issue.path, issue.code) == ("AccountId", "INVALID_PATTERN")
        assert ("CloseAccount", "close_account") in orgkit.operations("organizations")
        assert ("CloseAccount", "close_account") not in orgkit.operations("organizations", edition="original")
        for call in (
            lambda: orgkit.validate_request("organizations", "close_account", {}, edition="original"),
            lambda: orgkit.check_request("organizations", "close_account", {}, edition="original"),
            lambda: orgkit.RequestValidator("organizations", "close_account", edition="original"),
        ):
            with pytest.raises(orgkit.UnknownOperationError, match="original edition") as raised:
                call()
            assert "Organizations 2017-02-27" in str(raised.value)

    def test_operation_counts_per_edition(self) -> None:
        counts = {
            edition: {s: len(orgkit.operations(s, edition=edition)) for s in ("organizations", "account", "chime")}
            for edition in orgkit.EDITIONS
        }
        assert counts == {
            "original": {"organizations": 39, "account": 3, "chime": 4},
            "current": {"organizations": 63, "account": 16, "chime": 4},
        }
        assert orgkit.operations("organizations") == orgkit.operations("organizations", edition="current")

    def test_request_validators_carry_their_edition(self) -> None:
        current = orgkit.RequestValidator("organizations", "create_account")
        original = orgkit.RequestValidator("organizations", "create_account", edition="original")
        assert (current.edition, original.edition) == ("current", "original")
        assert current({**ACCOUNT, "Tags": TAGS}) == []
        assert [i.code for i in original({**ACCOUNT, "Tags": TAGS})] == ["UNKNOWN_PARAMETER"]
        assert repr(original) == 'RequestValidator("organizations", "CreateAccount", edition="original")'


class TestValueKindsPerEdition:
    NEW_KINDS = [
        "ResourcePolicyId",
        "ResponsibilityTransferId",
        "TaggableResourceId",
        "TagKey",
        "TagValue",
        "ServicePrincipal",
    ]

    def test_the_original_edition_has_the_first_sixteen_kinds(self) -> None:
        assert orgkit.value_kinds() == orgkit.VALUE_KINDS == orgkit.value_kinds(edition="current")
        assert orgkit.value_kinds(edition="original") == orgkit.VALUE_KINDS[:16]
        assert orgkit.VALUE_KINDS[16:] == self.NEW_KINDS

    def test_new_kinds_hold_in_the_current_edition_only(self) -> None:
        samples = {
            "ResourcePolicyId": "rp-abcd1234",
            "ResponsibilityTransferId": "rt-abcd1234",
            "TaggableResourceId": "rp-abcd1234",
            "TagKey": "CostCenter",
            "TagValue": "12345",
            "ServicePrincipal": "config.amazonaws.com",
        }
        for kind, value in samples.items():
            predicate: Callable[..., bool] = getattr(orgkit, "is_" + "".join(
                "_" + c.lower() if c.isupper() else c for c in kind
            ).lstrip("_"))
            assert predicate(value) is True
            assert predicate(value, edition="current") is True
            assert predicate(value, edition="original") is False
            assert orgkit.check_ids(kind, [value]) == [True]
            assert orgkit.validate_value(kind, value) == []
            orgkit.check_value(kind, value)
            made = getattr(orgkit, kind)(value)
            assert str(made) == made.value == value
            # Not a kind of the original edition: a wrong argument, as in Node and WASM, whose
            # message names the edition that has it.
            unknown = f'unknown kind "{kind}".*{kind} is a kind of the current edition only'
            for refused in (
                lambda: orgkit.check_ids(kind, [value], edition="original"),
                lambda: orgkit.check_value(kind, value, edition="original"),
                lambda: orgkit.validate_value(kind, value, edition="original"),
                lambda: orgkit.value_kind_schema(kind, edition="original"),
                lambda: getattr(orgkit, kind)(value, edition="original"),
            ):
                with pytest.raises(orgkit.ArgumentError, match=unknown):
                    refused()
        assert orgkit.TaggableResourceId("rp-abcd1234").kind == "ResourcePolicyId"
        assert orgkit.TaggableResourceId("123456789012").kind == "AccountId"
        assert repr(orgkit.TagKey("CostCenter")) == "TagKey('CostCenter')"
        with pytest.raises(orgkit.ValidationError):
            orgkit.ResourcePolicyId("rp-")

    def test_email_follows_the_edition(self) -> None:
        # The current edition's Email is `[^\s@]+@[^\s@]+\.[^\s@]+`; the original's is stricter.
        for value in ("some#one@example.com", "someone@example.c-m"):
            assert orgkit.is_email(value) is True
            assert orgkit.is_email(value, edition="original") is False
            assert orgkit.check_ids("Email", [value], edition="original") == [False]
            assert orgkit.validate_value("Email", value) == []
            assert [i.code for i in orgkit.validate_value("Email", value, edition="original")] == ["INVALID_PATTERN"]
            issues = orgkit.validate_request("organizations", "create_account", {**ACCOUNT, "Email": value})
            assert issues == []
            issues = orgkit.validate_request(
                "organizations", "create_account", {**ACCOUNT, "Email": value}, edition="original"
            )
            assert [(i.path, i.code) for i in issues] == [("Email", "INVALID_PATTERN")]
        for value in ("someone@example", "some one@example.com"):
            assert orgkit.is_email(value) is False
        pattern, low, high = orgkit.value_kind_schema("Email")
        assert (low, high) == (6, 64) and pattern is not None and "@" in pattern
        assert orgkit.value_kind_schema("Email", edition="original") != orgkit.value_kind_schema("Email")
        assert orgkit.value_kind_schema("AccountId", edition="original") == orgkit.value_kind_schema("AccountId")


# Every validation entry point, called with `edition=bad`.
ENTRY_POINTS: dict[str, Callable[[Any], object]] = {
    "validate_request": lambda bad: orgkit.validate_request("organizations", "list_roots", {}, edition=bad),
    "check_request": lambda bad: orgkit.check_request("organizations", "list_roots", {}, edition=bad),
    "operations": lambda bad: orgkit.operations("organizations", edition=bad),
    "RequestValidator": lambda bad: orgkit.RequestValidator("organizations", "list_roots", edition=bad),
    "PageWalk": lambda bad: orgkit.PageWalk("organizations", "list_roots", edition=bad),
    "paginate": lambda bad: orgkit.paginate(lambda **r: {"Roots": []}, "list_roots", edition=bad),
    "is_email": lambda bad: orgkit.is_email("someone@example.com", edition=bad),
    "is_account_id": lambda bad: orgkit.is_account_id("123456789012", edition=bad),
    "is_tag_key": lambda bad: orgkit.is_tag_key("k", edition=bad),
    "check_ids": lambda bad: orgkit.check_ids("AccountId", [], edition=bad),
    "validate_value": lambda bad: orgkit.validate_value("AccountId", "123456789012", edition=bad),
    "check_value": lambda bad: orgkit.check_value("AccountId", "123456789012", edition=bad),
    "value_kinds": lambda bad: orgkit.value_kinds(edition=bad),
    "value_kind_schema": lambda bad: orgkit.value_kind_schema("AccountId", edition=bad),
    "parse_arn": lambda bad: orgkit.parse_arn("arn:aws:organizations::111111111111:root/o-exampleorgid/r-abcd", edition=bad),
    "Arn": lambda bad: orgkit.Arn("arn:aws:organizations::111111111111:root/o-exampleorgid/r-abcd", edition=bad),
    "TagKey": lambda bad: orgkit.TagKey("k", edition=bad),
    "Email": lambda bad: orgkit.Email("someone@example.com", edition=bad),
    "error_names": lambda bad: orgkit._orgkit.error_names("organizations", edition=bad),
    "validate_boto3": lambda bad: orgkit.validate_boto3(_fake_client(), edition=bad),
}


def _fake_client() -> Any:
    boto3 = pytest.importorskip("boto3")
    return boto3.client(
        "organizations", region_name="us-east-1", aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="x"
    )


@pytest.mark.parametrize("entry", sorted(ENTRY_POINTS))
@pytest.mark.parametrize("bad", ["future", "Current", "", None, 3, b"current", ["current"], "cur\ud800"])
def test_a_bad_edition_is_an_argument_error_listing_the_editions(entry: str, bad: object) -> None:
    with pytest.raises(orgkit.ArgumentError) as raised:
        ENTRY_POINTS[entry](bad)
    error = raised.value
    assert error.code == "INVALID_ARGUMENT"
    assert isinstance(error, TypeError) and isinstance(error, ValueError)
    assert "original" in error.message and "current" in error.message, error.message


def test_a_str_subclass_names_an_edition() -> None:
    class Name(str):
        pass

    assert orgkit.value_kinds(edition=Name("original")) == orgkit.VALUE_KINDS[:16]


def test_error_names_follow_the_edition() -> None:
    original = set(orgkit._orgkit.error_names("organizations", edition="original"))
    current = set(orgkit._orgkit.error_names("organizations"))
    assert original < current
    assert "AccountNotFoundException" in original
    # The emulator's exception classes are the emulated edition's.
    assert {name for name in original if hasattr(orgkit.exceptions, name)} == original


class TestPaginate:
    PAGES = {
        None: {"DelegatedAdministrators": [{"Id": "111111111111"}], "NextToken": "p2"},
        "p2": {"DelegatedAdministrators": [{"Id": "222222222222"}]},
    }

    def fetch(self, **request: Any) -> dict[str, Any]:
        return dict(self.PAGES[request.get("NextToken")])

    def test_a_list_operation_of_the_current_edition_only(self) -> None:
        items = list(orgkit.paginate(self.fetch, "list_delegated_administrators").items())
        assert [i["Id"] for i in items] == ["111111111111", "222222222222"]
        walk = orgkit.PageWalk("organizations", "ListDelegatedAdministrators")
        assert walk.members[3] == "DelegatedAdministrators"
        with pytest.raises(orgkit.UnknownOperationError, match="original edition"):
            orgkit.paginate(self.fetch, "list_delegated_administrators", edition="original")
        with pytest.raises(orgkit.UnknownOperationError, match="original edition"):
            orgkit.PageWalk("organizations", "ListDelegatedAdministrators", edition="original")

    def test_the_given_members_are_checked_under_the_edition(self) -> None:
        pages = {None: {"Roots": [{"Id": "r-abcd"}]}}
        walk = orgkit.paginate(lambda **r: pages[r.get("NextToken")], "list_roots", edition="original")
        assert [r["Id"] for r in walk.items()] == ["r-abcd"]
        with pytest.raises(orgkit.ValidationError):
            orgkit.paginate(self.fetch, "list_delegated_administrators", {"ServicePrincipal": "no spaces"})


class TestValidateBoto3:
    boto3 = pytest.importorskip("boto3")

    def test_a_current_only_operation_is_checked_by_default(self) -> None:
        from botocore.stub import Stubber

        client = orgkit.validate_boto3(_fake_client())
        with pytest.raises(orgkit.Boto3ValidationError) as caught:
            client.close_account(AccountId="12345")
        assert [(i.path, i.code) for i in caught.value.issues] == [("AccountId", "INVALID_PATTERN")]
        with pytest.raises(orgkit.Boto3ValidationError) as caught:
            client.create_account(**ACCOUNT, Tags=[{"Key": "CostCenter", "Value": "x" * 257}])
        assert [i.path for i in caught.value.issues] == ["Tags[0].Value"]
        with Stubber(client) as stub:
            stub.add_response("close_account", {}, {"AccountId": "123456789012"})
            client.close_account(AccountId="123456789012")

    def test_the_original_edition_leaves_newer_operations_to_botocore(self) -> None:
        from botocore.stub import Stubber

        client = orgkit.validate_boto3(_fake_client(), edition="original")
        with Stubber(client) as stub:
            # Not checked by orgkit (the original edition has no CloseAccount): botocore's own
            # checks pass it on to the Stubber.
            stub.add_response("close_account", {}, {"AccountId": "12345"})
            client.close_account(AccountId="12345")
        with pytest.raises(orgkit.Boto3ValidationError) as caught:
            client.create_account(**ACCOUNT, Tags=TAGS)
        assert [(i.path, i.code) for i in caught.value.issues] == [("Tags", "UNKNOWN_PARAMETER")]

    def test_a_second_call_replaces_the_edition(self) -> None:
        client = orgkit.validate_boto3(_fake_client(), edition="original")
        orgkit.validate_boto3(client)
        with pytest.raises(orgkit.Boto3ValidationError) as caught:
            client.close_account(AccountId="12345")
        assert caught.value.code == "INVALID_PATTERN"

    def test_a_bad_edition_registers_nothing(self) -> None:
        client = _fake_client()
        with pytest.raises(orgkit.ArgumentError):
            orgkit.validate_boto3(client, edition="latest")
        from botocore.stub import Stubber

        with Stubber(client) as stub:
            stub.add_response("close_account", {}, {"AccountId": "12345"})
            client.close_account(AccountId="12345")


class TestTheEmulatorServesTheOriginalEdition:
    def test_emulator_clients_refuse_close_account_naming_the_edition(self) -> None:
        emulator = orgkit.Emulator()
        org = emulator.client("organizations", caller="111111111111")
        org.create_organization(FeatureSet="ALL")
        with pytest.raises(orgkit.UnknownOperationError, match="original edition") as raised:
            org.close_account(AccountId="222222222222")
        assert "Organizations 2017-02-27" in str(raised.value)
        assert "close_account" not in dir(org) and "create_account" in dir(org)
        assert not org.can_paginate("list_delegated_administrators")
        with pytest.raises(AttributeError):
            org.no_such_operation  # noqa: B018

    def test_emulator_clients_refuse_tags_naming_the_edition(self) -> None:
        emulator = orgkit.Emulator()
        org = emulator.client("organizations", caller="111111111111")
        org.create_organization(FeatureSet="ALL")
        with pytest.raises(orgkit.ServiceError) as raised:
            org.create_account(**ACCOUNT, Tags=TAGS)
        error = raised.value
        assert error.code == "InvalidInputException"
        assert "original edition" in error.message and "Tags" in error.message
        assert [issue["Path"] for issue in error.issues] == ["Tags"]
        # Nothing was created.
        assert org.list_create_account_status()["CreateAccountStatuses"] == []

    def test_mock_aws_refuses_both_naming_the_edition(self) -> None:
        boto3 = pytest.importorskip("boto3")
        from botocore.exceptions import ClientError

        with orgkit.mock_aws():
            org = boto3.client("organizations")
            org.create_organization(FeatureSet="ALL")
            with pytest.raises(ClientError) as raised:
                org.close_account(AccountId="222222222222")
            assert "original edition" in raised.value.response["Error"]["Message"]
            with pytest.raises(ClientError) as raised:
                org.create_account(**ACCOUNT, Tags=TAGS)
            assert raised.value.response["Error"]["Code"] == "InvalidInputException"
            assert "original edition" in raised.value.response["Error"]["Message"]

    def test_validate_boto3_under_mock_aws_checks_the_current_edition_first(self) -> None:
        boto3 = pytest.importorskip("boto3")
        from botocore.exceptions import ClientError

        with orgkit.mock_aws():
            org = orgkit.validate_boto3(boto3.client("organizations"))
            org.create_organization(FeatureSet="ALL")
            with pytest.raises(orgkit.Boto3ValidationError):
                org.close_account(AccountId="12345")
            # A valid request of the current edition reaches the emulator, which refuses it.
            with pytest.raises(ClientError, match="original edition"):
                org.close_account(AccountId="222222222222")


class TestPydantic:
    pydantic = pytest.importorskip("pydantic")

    def test_types_follow_the_current_edition_and_can_name_another(self) -> None:
        from typing import Annotated

        from pydantic import TypeAdapter, ValidationError

        from orgkit.pydantic import EmailStr, OrgkitStr, TagKeyStr

        assert TypeAdapter(EmailStr).validate_python("some#one@example.com") == "some#one@example.com"
        assert TypeAdapter(TagKeyStr).validate_python("CostCenter") == "CostCenter"
        original = TypeAdapter(Annotated[str, OrgkitStr("Email", edition="original")])
        with pytest.raises(ValidationError) as raised:
            original.validate_python("some#one@example.com")
        assert raised.value.errors()[0]["type"] == "INVALID_PATTERN"
        assert original.json_schema()["pattern"] == orgkit.value_kind_schema("Email", edition="original")[0]
        assert repr(OrgkitStr("Email", edition="original")) == "OrgkitStr('Email', edition='original')"
        for bad in ({"kind": "TagKey", "edition": "original"}, {"kind": "Email", "edition": "future"}):
            with pytest.raises(orgkit.ArgumentError):
                OrgkitStr(**bad)
