"""Runs the shared ID and ARN vectors through every Python entry point."""

import re

import pytest

import orgkit

from conftest import load_vectors

ID_CASES = load_vectors("ids.json")["cases"]
ARN_CASES = load_vectors("arns.json")["cases"]


def snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


PREDICATES = {kind: getattr(orgkit, "is_" + snake(kind)) for kind in orgkit.VALUE_KINDS}
CLASSES = {kind: getattr(orgkit, kind) for kind in orgkit.VALUE_KINDS if kind != "Arn"}
CLASSES["Arn"] = orgkit.parse_arn


def case_id(case: dict) -> str:
    return f"{case.get('kind', 'Arn')}:{case['value'][:40]!r}"


def expected_pairs(case: dict) -> list[tuple[str, str]]:
    return [(issue["code"], issue.get("position")) for issue in case["issues"]]


def check(kind: str, case: dict) -> None:
    value = case["value"]
    assert PREDICATES[kind](value) is case["valid"]
    assert orgkit.check_ids(kind, [value]) == [case["valid"]]
    issues = orgkit.validate_value(kind, value)
    if case["valid"]:
        assert issues == []
        made = CLASSES[kind](value)
        assert str(made) == value
        return
    assert [issue.code for issue in issues] == [i["code"] for i in case["issues"]]
    for issue, want in zip(issues, case["issues"]):
        assert issue.path == ""
        if "position" in want:
            assert f"position {want['position']}" in issue.message
    with pytest.raises(orgkit.ValidationError) as raised:
        CLASSES[kind](value)
    assert [i.code for i in raised.value.issues] == [i["code"] for i in case["issues"]]
    assert raised.value.code == case["issues"][0]["code"]


@pytest.mark.parametrize("case", ID_CASES, ids=case_id)
def test_id_vector(case: dict) -> None:
    check(case["kind"], case)


@pytest.mark.parametrize("case", ARN_CASES, ids=case_id)
def test_arn_vector(case: dict) -> None:
    check("Arn", case)
    if case["valid"]:
        arn = orgkit.parse_arn(case["value"])
        assert str(arn) == case["value"]
        assert arn.partition == case["partition"]
        assert arn.account == case["account"]
        assert arn.resource_type == case["resource_type"]
        for field in [
            "organization_id",
            "account_id",
            "root_id",
            "organizational_unit_id",
            "policy_id",
            "policy_type",
            "handshake_id",
            "handshake_type",
        ]:
            assert getattr(arn, field) == case["ids"].get(field), field
