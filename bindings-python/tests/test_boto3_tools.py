"""orgkit's tools for real boto3 clients: validate_boto3 (with botocore's Stubber), resume
tokens shared with botocore's paginators, and the pydantic annotated types."""

from __future__ import annotations

import base64
import json
import re
import unicodedata

import boto3
import pytest
from botocore.exceptions import ParamValidationError
from botocore.paginate import TokenEncoder
from botocore.stub import Stubber

import orgkit

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def fake_client(service: str):  # type: ignore[no-untyped-def]
    return boto3.client(
        service,
        region_name="us-east-1",
        aws_access_key_id="AKIDEXAMPLE",
        aws_secret_access_key="secret",
    )


class TestWhatBotocoreChecks:
    """README.md states what botocore itself checks before sending: required members, types and
    minimums (lengths and ranges), and not patterns, maximums or enumerations."""

    @staticmethod
    def report(operation: str, params: dict[str, object]) -> str:
        from botocore.validate import ParamValidator

        model = fake_client("organizations").meta.service_model.operation_model(operation)
        result = ParamValidator().validate(params, model.input_shape)
        return str(result.generate_report()) if result.has_errors() else ""

    def test_required_members_types_and_minimums(self) -> None:
        assert "Missing required parameter" in self.report("DescribeAccount", {})
        assert "Invalid type" in self.report("DescribeAccount", {"AccountId": 123456789012})
        assert "Invalid length" in self.report("CreateAccount", {"Email": "a@b", "AccountName": "x"})
        assert "Invalid value for parameter MaxResults" in self.report("ListAccounts", {"MaxResults": 0})

    def test_not_patterns_maximums_or_enumerations(self) -> None:
        too_long = {"Email": "dev@example.com", "AccountName": "x" * 51}
        assert self.report("CreateAccount", too_long) == ""
        assert self.report("ListAccounts", {"MaxResults": 500}) == ""
        assert self.report("CreateAccount", {"Email": "not an email", "AccountName": "x"}) == ""
        billing = {"Email": "dev@example.com", "AccountName": "x", "IamUserAccessToBilling": "MAYBE"}
        assert self.report("CreateAccount", billing) == ""


class TestValidateBoto3:
    def test_refuses_what_botocore_lets_through_listing_every_issue(self) -> None:
        client = orgkit.validate_boto3(fake_client("organizations"))
        with pytest.raises(orgkit.Boto3ValidationError) as caught:
            # botocore checks types and lengths, not the model's patterns.
            client.create_account(Email="not-an-email", AccountName="dev", RoleName="bad role")
        error = caught.value
        assert isinstance(error, ParamValidationError)
        assert isinstance(error, orgkit.ValidationError)
        assert [issue.path for issue in error.issues] == ["Email", "RoleName"]
        assert error.code == error.issues[0].code
        assert "Email" in error.kwargs["report"] and "RoleName" in error.kwargs["report"]
        assert str(error).startswith("Parameter validation failed:")

    def test_works_with_the_stubber_and_passes_valid_requests(self) -> None:
        client = orgkit.validate_boto3(fake_client("organizations"))
        stubber = Stubber(client)
        stubber.add_response(
            "describe_account",
            {"Account": {"Id": "123456789012", "Name": "dev"}},
            {"AccountId": "123456789012"},
        )
        with stubber:
            assert client.describe_account(AccountId="123456789012")["Account"]["Name"] == "dev"
            with pytest.raises(orgkit.Boto3ValidationError) as caught:
                client.describe_account(AccountId="12345")
            assert caught.value.issues[0].path == "AccountId"
        stubber.assert_no_pending_responses()

    def test_a_session_checks_the_clients_it_makes_and_other_services_pass(self) -> None:
        session = boto3.Session(
            region_name="us-east-1", aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="secret"
        )
        orgkit.validate_boto3(session)
        orgkit.validate_boto3(session)  # registered once
        account = session.client("account")
        with pytest.raises(orgkit.Boto3ValidationError) as caught:
            account.get_alternate_contact(AlternateContactType="PAYROLL")
        assert caught.value.code == "INVALID_ENUM"
        chime = session.client("chime")
        with pytest.raises(orgkit.Boto3ValidationError):
            chime.get_account(AccountId="")
        s3 = session.client("s3")
        with Stubber(s3) as stub:
            stub.add_response("list_buckets", {"Buckets": []})
            assert s3.list_buckets()["Buckets"] == []

    def test_refuses_what_is_not_a_client_or_session(self) -> None:
        with pytest.raises(orgkit.ArgumentError):
            orgkit.validate_boto3(object())


class TestResumeTokens:
    def test_orgkit_writes_botocores_token_format(self) -> None:
        pages = {
            None: {"Accounts": [{"Id": "111111111111"}, {"Id": "222222222222"}], "NextToken": "p2"},
            "p2": {"Accounts": [{"Id": "333333333333"}]},
        }

        def fetch(**request: object) -> dict:
            return dict(pages[request.get("NextToken")])  # type: ignore[index]

        walk = orgkit.paginate(fetch, "ListAccounts", max_items=1)
        assert [a["Id"] for a in walk.items()] == ["111111111111"]
        token = walk.resume_token
        assert token == TokenEncoder().encode({"NextToken": None, "boto_truncate_amount": 1})
        walk = orgkit.paginate(fetch, "ListAccounts", max_items=2, starting_token=token)
        assert [a["Id"] for a in walk.items()] == ["222222222222", "333333333333"]

    def test_tokens_pass_between_botocore_and_orgkit_paginators(self) -> None:
        with orgkit.mock_aws() as emulator:
            for n in range(4):
                emulator.register_account(f"99999999999{n}", f"m{n}@example.com", f"m{n}")
            client = boto3.client("organizations")
            client.create_organization(FeatureSet="ALL")
            for n in range(4):
                handshake = client.invite_account_to_organization(
                    Target={"Id": f"99999999999{n}", "Type": "ACCOUNT"}
                )["Handshake"]
                member = boto3.client("organizations", **emulator.credentials(f"99999999999{n}"))
                member.accept_handshake(HandshakeId=handshake["Id"])
            everyone = [a["Id"] for a in client.list_accounts()["Accounts"]]
            assert len(everyone) == 5

            first = client.get_paginator("list_accounts").paginate(
                PaginationConfig={"MaxItems": 2, "PageSize": 3}
            ).build_full_result()
            botocore_token = first["NextToken"]
            rest = orgkit.paginate(client.list_accounts, "ListAccounts", starting_token=botocore_token)
            assert [a["Id"] for a in first["Accounts"]] + [a["Id"] for a in rest.items()] == everyone

            walk = orgkit.paginate(client.list_accounts, "ListAccounts", max_items=3, page_size=2)
            head = [a["Id"] for a in walk.items()]
            tail = client.get_paginator("list_accounts").paginate(
                PaginationConfig={"StartingToken": walk.resume_token}
            ).build_full_result()
            assert head + [a["Id"] for a in tail["Accounts"]] == everyone
            decoded = json.loads(base64.b64decode(walk.resume_token))
            assert set(decoded) == {"NextToken", "boto_truncate_amount"}


    def test_the_request_and_page_size_are_checked_up_front(self) -> None:
        def never(**request: object) -> dict:
            raise AssertionError("nothing is fetched for a refused walk")

        with pytest.raises(orgkit.ValidationError) as caught:
            orgkit.paginate(never, "list_accounts", page_size=500)
        assert (caught.value.issues[0].path, caught.value.code) == ("MaxResults", "MAX_VALUE_EXCEEDED")
        with pytest.raises(orgkit.ValidationError) as caught:
            orgkit.paginate(never, "list_accounts_for_parent", {"ParentId": "bad"})
        assert caught.value.issues[0].path == "ParentId"

    def test_search_applies_jmespath_like_botocore(self) -> None:
        pages = {None: {"Accounts": [{"Id": "1", "Status": "ACTIVE"}], "NextToken": "n"},
                 "n": {"Accounts": [{"Id": "2", "Status": "SUSPENDED"}]}}
        walk = orgkit.paginate(lambda **r: pages[r.get("NextToken")], "list_accounts")
        assert list(walk.search("Accounts[?Status=='ACTIVE'].Id")) == ["1"]
        assert list(walk.search("NextToken")) == ["n", None]


class TestPydantic:
    pydantic = pytest.importorskip("pydantic")

    def test_annotated_types_check_with_orgkit_codes(self) -> None:
        from pydantic import BaseModel, ValidationError

        from orgkit.pydantic import AccountIdStr, EmailStr, ParentIdStr, PolicyIdStr

        class Member(BaseModel):
            account_id: AccountIdStr
            email: EmailStr
            parent: ParentIdStr
            policy: PolicyIdStr = "p-FullAWSAccess"

        ok = Member(account_id="123456789012", email="dev@example.com", parent="r-ab12")
        assert ok.policy == "p-FullAWSAccess"
        with pytest.raises(ValidationError) as caught:
            Member(account_id="12", email=5, parent="o-abcdefghij")  # type: ignore[arg-type]
        errors = {e["loc"][0]: e for e in caught.value.errors()}
        assert errors["account_id"]["type"] == "INVALID_PATTERN"
        assert errors["account_id"]["ctx"]["code"] == "INVALID_PATTERN"
        assert errors["account_id"]["msg"] == orgkit.validate_value("AccountId", "12")[0].message
        assert errors["email"]["type"] == "string_type"
        assert errors["parent"]["type"] == "INVALID_PATTERN"

    def test_every_kind_has_a_type_and_the_schema_patterns_agree_with_the_core(self) -> None:
        import orgkit.pydantic as types
        from pydantic import TypeAdapter

        from conftest import load_vectors

        kinds = {getattr(types, name).__metadata__[0].kind for name in types.__all__ if name != "OrgkitStr"}
        assert kinds == set(orgkit.VALUE_KINDS)
        schemas = {
            getattr(types, name).__metadata__[0].kind: TypeAdapter(getattr(types, name)).json_schema()
            for name in types.__all__
            if name != "OrgkitStr"
        }
        checked = 0
        for case in load_vectors("ids.json")["cases"]:
            value, schema = case["value"], schemas[case["kind"]]
            if not isinstance(value, str) or case.get("edition", "current") != "current":
                # The types follow the current edition (the default).
                continue
            if not case["valid"]:
                # For the IDs the pattern and the lengths are the whole rule: an ASCII value the
                # core refuses does not fit them either.
                if case["kind"].endswith("Id") and value.isascii():
                    # fullmatch: Python's `$` (unlike JSON Schema's) also matches before a final newline.
                    fits = bool(re.fullmatch(schema["pattern"], value)) and (
                        schema.get("minLength", 0) <= len(value) <= schema.get("maxLength", 10**9)
                    )
                    assert not fits, (case["kind"], value)
                continue
            # Every value the core accepts fits the schema the type publishes.
            pattern = schema.get("pattern")
            if pattern is not None and "\\p{" in pattern:
                # Tag keys and values name Unicode categories (`\p{L}`), which JSON Schema's
                # ECMA-262 patterns have and Python's `re` lacks: check the categories instead.
                assert all(
                    unicodedata.category(c)[0] in "LZN" or c in "_.:/=+-@" for c in value
                ), (case["kind"], value)
                continue
            assert pattern is None or re.fullmatch(pattern, value), (case["kind"], value, pattern)
            assert schema.get("minLength", 0) <= len(value) <= schema.get("maxLength", 10**9), case
            checked += 1
        assert checked > 0


class TestMockLifecycle:
    def test_arguments_of_the_wrong_kind_are_refused_before_anything_changes(self) -> None:
        import os

        before = dict(os.environ)
        for bad in ({"emulator": "not an emulator"}, {"caller": 111111111111}, {"caller": "1" * 10_000}):
            with pytest.raises(orgkit.ArgumentError):
                orgkit.mock_aws(**bad)  # type: ignore[arg-type]
        with pytest.raises(orgkit.EmulatorUsageError) as caught:
            orgkit.serve(port=70_000)
        assert caught.value.code == "INVALID_ADDRESS"
        assert dict(os.environ) == before

    def test_a_given_emulator_gets_its_default_caller_back(self) -> None:
        emulator = orgkit.Emulator()
        emulator.default_caller = "444444444444"
        with orgkit.mock_aws(emulator, caller="111111111111") as served:
            assert served is emulator
            assert emulator.default_caller == "111111111111"
        assert emulator.default_caller == "444444444444"

    def test_blocks_ending_while_other_threads_dispatch_events(self) -> None:
        import threading

        import botocore.session

        emitter = botocore.session.get_session().get_component("event_emitter")
        failures: list[BaseException] = []
        done = threading.Event()

        def dispatch() -> None:
            while not done.is_set():
                try:
                    # Not a served service: always passed on to botocore's own dispatch.
                    emitter.emit("before-send.s3.ListBuckets", request=None)
                except BaseException as error:  # noqa: BLE001 - any failure is the finding
                    failures.append(error)
                    return

        worker = threading.Thread(target=dispatch)
        worker.start()
        try:
            for _ in range(200):
                with orgkit.mock_aws():
                    pass
        finally:
            done.set()
            worker.join()
        assert failures == []
