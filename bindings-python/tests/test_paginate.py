"""orgkit.paginate with a real boto3 Organizations client whose HTTP layer is a Stubber, and
with a plain function."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

import orgkit

botocore_session = pytest.importorskip("botocore.session")
from botocore.stub import Stubber  # noqa: E402
from conftest import load_vectors  # noqa: E402


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

    with pytest.raises(orgkit.PaginationError, match="twice") as err:
        list(orgkit.paginate(fetch, "ListRoots").items())
    assert err.value.code == "REPEATED_TOKEN"
    assert len(calls) == 2


def test_params_are_kept_and_names_checked() -> None:
    seen = []

    def fetch(**request: object) -> dict:
        seen.append(request)
        return {"Children": [{"Id": "ou-abcd-12345678", "Type": "ORGANIZATIONAL_UNIT"}]}

    items = list(orgkit.paginate(fetch, "ListChildren", {"ParentId": "r-abcd", "ChildType": "ORGANIZATIONAL_UNIT"}).items())
    assert items == [{"Id": "ou-abcd-12345678", "Type": "ORGANIZATIONAL_UNIT"}]
    assert seen == [{"ParentId": "r-abcd", "ChildType": "ORGANIZATIONAL_UNIT"}]
    with pytest.raises(orgkit.PaginationError, match="cannot be paginated") as err:
        orgkit.paginate(fetch, "CreateAccount")
    assert err.value.code == "NOT_PAGINATED"
    with pytest.raises(orgkit.UnknownOperationError, match="ListRoots"):
        orgkit.paginate(fetch, "ListNothing")
    chime = list(orgkit.paginate(lambda **r: {"Accounts": []}, "list_accounts", service="chime"))
    assert chime == [{"Accounts": []}]


def walk_vector(case: dict) -> dict:
    """Runs one case of tests/vectors/paginate.json through orgkit.paginate."""
    requests: list[list] = []

    def fetch(**request: object) -> object:
        requests.append([request.get("NextToken"), request.get("MaxResults")])
        return case["responses"][request.get("NextToken") or ""]

    pages: list[list] = []
    outcome: dict = {"requests": requests, "pages": pages}
    try:
        iterator = orgkit.paginate(fetch, case["operation"], service=case["service"], **case["config"])
        result_key = iterator._last.members[3]
        for page in iterator:
            pages.append(page[result_key])
    except orgkit.PaginationError as err:
        outcome["error"] = err.code
    except orgkit.UnknownOperationError:
        outcome["error"] = "UNKNOWN_OPERATION"
    else:
        if iterator.resume_token is not None:
            outcome["resume_token"] = iterator.resume_token
    return outcome


def test_shared_paginator_vectors() -> None:
    cases = load_vectors("paginate.json")["cases"]
    assert len(cases) >= 30
    for case in cases:
        assert walk_vector(case) == case["expect"], case["name"]


@pytest.mark.parametrize(
    ("options", "fragment"),
    [
        ({"max_items": -1}, "max_items must be None or an int"),
        ({"max_items": 1.5}, "not float"),
        ({"max_items": float("nan")}, "not float"),
        ({"max_items": True}, "not bool"),
        ({"page_size": 10**30}, "page_size must be None or an int"),
        ({"page_size": "10"}, "not str"),
        ({"page_size": 0}, "at least 1"),
        ({"starting_token": 5}, "starting_token must be None or a str"),
        ({"starting_token": "\ud800"}, "not valid Unicode"),
    ],
)
def test_unusable_options_are_pagination_errors(options: dict, fragment: str) -> None:
    with pytest.raises(orgkit.PaginationError, match=fragment) as err:
        orgkit.paginate(lambda **r: {}, "ListRoots", **options)
    assert err.value.code == "INVALID_PAGINATION_CONFIG"


@pytest.mark.parametrize(
    ("page", "fragment"),
    [
        (None, "is of type null, not a structure"),
        ([{"Id": "r-1"}], "is of type list, not a structure"),
        ({"Roots": "r-1"}, "has Roots of type string, not a list"),
        ({"Roots": {"Id": "r-1"}}, "has Roots of type structure, not a list"),
        ({"Roots": [], "NextToken": 7}, "has NextToken of type integer, not a string"),
        ({"Roots": [], "NextToken": b"t"}, "has NextToken of type bytes, not a string"),
        ({"Roots": [], "NextToken": "\udc80"}, "not valid Unicode"),
    ],
)
def test_malformed_pages_are_pagination_errors(page: object, fragment: str) -> None:
    with pytest.raises(orgkit.PaginationError, match=fragment) as err:
        list(orgkit.paginate(lambda **r: page, "ListRoots"))  # type: ignore[arg-type, return-value]
    assert err.value.code == "MALFORMED_PAGE"


def test_mapping_pages_and_tuple_items_are_read() -> None:
    from types import MappingProxyType

    pages = {None: MappingProxyType({"Roots": ({"Id": "r-1"},), "NextToken": "t"}), "t": {"Roots": [{"Id": "r-2"}]}}
    items = list(orgkit.paginate(lambda **r: pages[r.get("NextToken")], "ListRoots").items())  # type: ignore[arg-type]
    assert items == [{"Id": "r-1"}, {"Id": "r-2"}]


def test_a_fetch_error_propagates_unchanged() -> None:
    def fetch(**request: object) -> dict:
        raise ConnectionError("network down")

    with pytest.raises(ConnectionError, match="network down"):
        list(orgkit.paginate(fetch, "ListRoots"))
