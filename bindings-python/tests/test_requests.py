"""Request validation from Python: the shared request vectors of both editions, boto3 names,
hostile input."""

from __future__ import annotations

import math

import pytest

import orgkit

from conftest import VECTORS, load_vectors

SERVICES = ["organizations", "account", "chime"]


def expand(value: object) -> object:
    """The vectors write very long strings as {"$repeat": CHAR, "$times": N}."""
    if isinstance(value, dict):
        if "$repeat" in value:
            return value["$repeat"] * value["$times"]
        return {k: expand(v) for k, v in value.items()}
    if isinstance(value, list):
        return [expand(v) for v in value]
    return value


def edition_cases(edition: str, directory: str) -> list[tuple[str, dict]]:
    """The cases of one edition's vector files (`requests/` holds the original edition's,
    `requests/current/` the current edition's)."""
    cases = []
    for service in SERVICES:
        document = load_vectors(f"{directory}{service}.json")
        assert document.get("edition", edition) == edition, f"{directory}{service}.json"
        cases += [(service, case) for case in document["cases"]]
    return cases


ORIGINAL_CASES = edition_cases("original", "requests/")
CURRENT_CASES = edition_cases("current", "requests/current/")
CASES = [("original", s, c) for s, c in ORIGINAL_CASES] + [("current", s, c) for s, c in CURRENT_CASES]
CROSS_EDITION_CASES = load_vectors("requests/cross_edition.json")["cases"]


def check_vector(edition: str, service: str, operation: str, params: object, expected: list) -> None:
    """The issues of a request under `edition` are exactly `expected`, through both entry
    points and a `RequestValidator`."""
    issues = orgkit.validate_request(service, operation, params, edition=edition)  # type: ignore[arg-type]
    assert [[i.path, i.code] for i in issues] == expected
    assert orgkit.RequestValidator(service, operation, edition=edition)(params) == issues  # type: ignore[arg-type]
    if expected:
        with pytest.raises(orgkit.ValidationError) as raised:
            orgkit.check_request(service, operation, params, edition=edition)  # type: ignore[arg-type]
        assert len(raised.value.issues) == len(expected)
    else:
        orgkit.check_request(service, operation, params, edition=edition)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("edition", "service", "case"), CASES, ids=[f"{e}:{s}:{c['operation']}:{c['note']}" for e, s, c in CASES]
)
def test_request_vector(edition: str, service: str, case: dict) -> None:
    if case["params"] is None:
        # JSON null: in Python, params=None is the default and means "no members".
        assert orgkit.validate_request(service, case["operation"], None, edition=edition) == (
            orgkit.validate_request(service, case["operation"], {}, edition=edition)
        )
        return
    params = expand(case["params"])
    if edition == "current":
        # The current edition's files run with the default edition.
        issues = orgkit.validate_request(service, case["operation"], params)  # type: ignore[arg-type]
        assert [[i.path, i.code] for i in issues] == case["issues"]
    check_vector(edition, service, case["operation"], params, case["issues"])


@pytest.mark.parametrize(
    "case", CROSS_EDITION_CASES, ids=[f"{c['service']}:{c['operation']}:{c['note']}" for c in CROSS_EDITION_CASES]
)
@pytest.mark.parametrize("edition", orgkit.EDITIONS)
def test_cross_edition_vector(edition: str, case: dict) -> None:
    service, operation, params = case["service"], case["operation"], expand(case["params"])
    expected = case["expected"][edition]
    if expected == "UNKNOWN_OPERATION":
        with pytest.raises(orgkit.UnknownOperationError, match=f"{edition} edition"):
            orgkit.validate_request(service, operation, params, edition=edition)  # type: ignore[arg-type]
        with pytest.raises(orgkit.UnknownOperationError):
            orgkit.check_request(service, operation, params, edition=edition)  # type: ignore[arg-type]
        assert operation not in {m for m, _ in orgkit.operations(service, edition=edition)}
    else:
        check_vector(edition, service, operation, params, expected)


def test_every_operation_has_vectors() -> None:
    covered = {(s, c["operation"]) for s, c in ORIGINAL_CASES}
    listed = {(s, name) for s in SERVICES for name, _ in orgkit.operations(s, edition="original")}
    assert covered == listed and len(listed) == 46
    assert len(ORIGINAL_CASES) >= 400


def test_every_current_operation_has_vectors() -> None:
    covered = {(s, c["operation"]) for s, c in CURRENT_CASES}
    listed = {(s, name) for s in SERVICES for name, _ in orgkit.operations(s)}
    assert covered == listed and len(listed) == 63 + 16 + 4


def test_boto3_method_names_work() -> None:
    good = {"Email": "someone@example.com", "AccountName": "Prod"}
    assert orgkit.validate_request("organizations", "create_account", good) == []
    assert orgkit.validate_request("organizations", "CreateAccount", good) == []
    assert ("CreateAccount", "create_account") in orgkit.operations("organizations")
    assert orgkit.validate_request("organizations", "describe_organization") == []


def test_unknown_names_list_the_valid_ones() -> None:
    with pytest.raises(orgkit.UnknownOperationError, match="organizations, account, chime"):
        orgkit.validate_request("organisations", "create_account", {})
    with pytest.raises(LookupError, match="PutAlternateContact"):
        orgkit.validate_request("account", "put_contact", {})
    assert issubclass(orgkit.UnknownOperationError, orgkit.OrgkitError)


@pytest.mark.parametrize(
    ("value", "named"),
    [
        (b"someone@example.com", "bytes"),
        ({"a"}, "set"),
        (math.nan, "float"),
        ("someone\ud800@example.com", "not valid Unicode"),
        (object(), "object"),
    ],
)
def test_values_json_cannot_hold_are_type_errors(value: object, named: str) -> None:
    [issue] = orgkit.validate_request("organizations", "create_account", {"Email": value, "AccountName": "Prod"})
    assert (issue.path, issue.code) == ("Email", "INVALID_TYPE")
    assert named in issue.message


def test_python_specific_numbers() -> None:
    [issue] = orgkit.validate_request("organizations", "list_roots", {"MaxResults": True})
    assert issue.code == "INVALID_TYPE"
    [issue] = orgkit.validate_request("organizations", "list_roots", {"MaxResults": 2**100})
    assert issue.code == "MAX_VALUE_EXCEEDED"
    [issue] = orgkit.validate_request("organizations", "list_roots", {"MaxResults": -(2**100)})
    assert issue.code == "MIN_VALUE_EXCEEDED"
    assert orgkit.validate_request("chime", "list_accounts", {"MaxResults": 200}) == []


def test_deep_and_cyclic_input_is_bounded() -> None:
    deep: dict = {}
    node = deep
    for _ in range(10_000):
        node["Target"] = {}
        node = node["Target"]
    issues = orgkit.validate_request("organizations", "invite_account_to_organization", deep)
    assert issues and all(i.code for i in issues)
    cyclic: dict = {"Email": "someone@example.com", "AccountName": "Prod"}
    cyclic["Self"] = cyclic
    issues = orgkit.validate_request("organizations", "create_account", cyclic)
    assert [(i.path, i.code) for i in issues] == [("Self", "UNKNOWN_PARAMETER")]


def test_non_dict_params_and_keys() -> None:
    [issue] = orgkit.validate_request("organizations", "create_account", ["Email"])  # type: ignore[arg-type]
    assert (issue.path, issue.code) == ("", "INVALID_TYPE")
    issues = orgkit.validate_request(
        "organizations", "create_account", {"Email": "a@b.co", "AccountName": "x", 1: "x"}  # type: ignore[dict-item]
    )
    assert [(i.path, i.code) for i in issues] == [("<int key 1>", "UNKNOWN_PARAMETER")]


def test_messages_read_like_aws_and_redact_sensitive_values() -> None:
    issues = orgkit.validate_request(
        "organizations", "create_account", {"Email": "secret@nowhere", "AccountName": "Prod", "RoleName": "bad role"}
    )
    by_path = {i.path: i for i in issues}
    assert "secret" not in by_path["Email"].message
    assert by_path["RoleName"].message.startswith("Value 'bad role' at 'roleName' failed to satisfy constraint")
    assert "position 3" in by_path["RoleName"].message


def test_request_validator_objects() -> None:
    validator = orgkit.RequestValidator("organizations", "create_account")
    assert (validator.service, validator.operation) == ("organizations", "CreateAccount")
    assert validator({"Email": "someone@example.com", "AccountName": "Prod"}) == []
    assert [i.code for i in validator({"Email": "x"})] == ["MIN_LENGTH_EXCEEDED", "INVALID_PATTERN", "INPUT_REQUIRED"]
    with pytest.raises(orgkit.ValidationError):
        validator.check({})
    assert validator.edition == "current"
    assert repr(validator) == 'RequestValidator("organizations", "CreateAccount", edition="current")'
    assert orgkit.RequestValidator("organizations", "create_account", edition="original").edition == "original"
    with pytest.raises(orgkit.UnknownOperationError):
        orgkit.RequestValidator("organizations", "nope")
