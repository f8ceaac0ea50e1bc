"""orgkit.paginate with a real boto3 Organizations client whose HTTP layer is a Stubber, and
with a plain function."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

import orgkit

botocore_session = pytest.importorskip("botocore.session")
from botocore.stub import Stubber  # noqa: E402


def account(n: int) -> dict:
    return {
        "Id": f"{n:012d}",
        "Arn": f"arn:aws:organizations::111111111111:account/o-exampleorgid/{n:012d}",
        "Name": f"account-{n}",
        "Status": "ACTIVE",
        "JoinedMethod": "CREATED",
        "JoinedTimestamp": datetime(2026, 11, 1, tzinfo=timezone.utc),
    }


def client():
    session = botocore_session.get_session()
    return session.create_client(
        "organizations", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="y"
    )


def test_boto3_client_method_works_as_is() -> None:
    orgs = client()
    with Stubber(orgs) as stub:
        stub.add_response("list_accounts", {"Accounts": [account(1), account(2)], "NextToken": "t2"}, {"MaxResults": 2})
        stub.add_response(
            "list_accounts", {"Accounts": [account(3), account(4)], "NextToken": "t4"}, {"MaxResults": 2, "NextToken": "t2"}
        )
        stub.add_response("list_accounts", {"Accounts": [account(5)]}, {"MaxResults": 2, "NextToken": "t4"})
        pages = list(orgkit.paginate(orgs.list_accounts, "list_accounts", page_size=2))
        stub.assert_no_pending_responses()
    assert [len(p["Accounts"]) for p in pages] == [2, 2, 1]
    assert pages[0]["Accounts"][0]["JoinedTimestamp"].tzinfo is not None  # the page is boto3's own


def test_max_items_and_resume_like_botocore() -> None:
    orgs = client()
    with Stubber(orgs) as stub:
        stub.add_response("list_accounts", {"Accounts": [account(1), account(2), account(3)], "NextToken": "t3"}, {})
        first = orgkit.paginate(orgs.list_accounts, "ListAccounts", max_items=2).build_full_result()
        stub.assert_no_pending_responses()
    assert [a["Id"] for a in first["Accounts"]] == ["000000000001", "000000000002"]
    assert "NextToken" in first
    with Stubber(orgs) as stub:
        # Resuming asks for the same page again and skips what was already returned.
        stub.add_response("list_accounts", {"Accounts": [account(1), account(2), account(3)], "NextToken": "t3"}, {})
        stub.add_response("list_accounts", {"Accounts": [account(4)]}, {"NextToken": "t3"})
        rest = orgkit.paginate(orgs.list_accounts, "ListAccounts", starting_token=first["NextToken"]).build_full_result()
        stub.assert_no_pending_responses()
    assert [a["Id"] for a in rest["Accounts"]] == ["000000000003", "000000000004"]
    assert "NextToken" not in rest


def test_repeated_token_stops_instead_of_looping() -> None:
    calls = []

    def fetch(**request: object) -> dict:
        calls.append(request)
        return {"Roots": [{"Id": "r-abcd"}], "NextToken": "same"}

    with pytest.raises(RuntimeError, match="twice"):
        list(orgkit.paginate(fetch, "ListRoots").items())
    assert len(calls) == 2


def test_params_are_kept_and_names_checked() -> None:
    seen = []

    def fetch(**request: object) -> dict:
        seen.append(request)
        return {"Children": [{"Id": "ou-abcd-12345678", "Type": "ORGANIZATIONAL_UNIT"}]}

    items = list(orgkit.paginate(fetch, "ListChildren", {"ParentId": "r-abcd", "ChildType": "ORGANIZATIONAL_UNIT"}).items())
    assert items == [{"Id": "ou-abcd-12345678", "Type": "ORGANIZATIONAL_UNIT"}]
    assert seen == [{"ParentId": "r-abcd", "ChildType": "ORGANIZATIONAL_UNIT"}]
    with pytest.raises(ValueError, match="cannot be paginated"):
        orgkit.paginate(fetch, "CreateAccount")
    chime = list(orgkit.paginate(lambda **r: {"Accounts": []}, "list_accounts", service="chime"))
    assert chime == [{"Accounts": []}]
