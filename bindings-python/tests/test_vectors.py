"""Runs the shared ID and ARN vectors through every Python entry point, in each edition a case
holds in (an ids.json case with "edition" holds in that edition only; without, in both)."""

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
ORIGINAL_KINDS = set(orgkit.value_kinds(edition="original"))


def editions_of(case: dict) -> list[str]:
    return [case["edition"]] if "edition" in case else list(orgkit.EDITIONS)


def case_id(case: dict) -> str:
    return f"{case.get('kind', 'Arn')}:{case['value'][:40]!r}"


def expected_pairs(case: dict) -> list[tuple[str, str]]:
    return [(issue["code"], issue.get("position")) for issue in case["issues"]]


def check(kind: str, case: dict, edition: str) -> None:
    value = case["value"]
    assert kind in orgkit.value_kinds(edition=edition)
    assert PREDICATES[kind](value, edition=edition) is case["valid"]
    assert orgkit.check_ids(kind, [value], edition=edition) == [case["valid"]]
    if edition == orgkit.DEFAULT_EDITION:
        assert PREDICATES[kind](value) is case["valid"]
        assert orgkit.check_ids(kind, [value]) == [case["valid"]]
    issues = orgkit.validate_value(kind, value, edition=edition)
    # The typed classes take the edition too (the default is the current one).
    check_class = True
    if case["valid"]:
        assert issues == []
        orgkit.check_value(kind, value, edition=edition)
        if check_class:
            made = CLASSES[kind](value, edition=edition)
            assert str(made) == value
            if edition == orgkit.DEFAULT_EDITION:
                assert str(CLASSES[kind](value)) == value
        return
    assert [issue.code for issue in issues] == [i["code"] for i in case["issues"]]
    for issue, want in zip(issues, case["issues"]):
        assert issue.path == ""
        if "position" in want:
            assert f"position {want['position']}" in issue.message
    with pytest.raises(orgkit.ValidationError) as refused:
        orgkit.check_value(kind, value, edition=edition)
    assert refused.value.issues == issues
    if check_class:
        with pytest.raises(orgkit.ValidationError) as raised:
            CLASSES[kind](value, edition=edition)
        assert [i.code for i in raised.value.issues] == [i["code"] for i in case["issues"]]
        assert raised.value.code == case["issues"][0]["code"]


@pytest.mark.parametrize("case", ID_CASES, ids=case_id)
def test_id_vector(case: dict) -> None:
    for edition in editions_of(case):
        check(case["kind"], case, edition)
    if case["kind"] not in ORIGINAL_KINDS:
        # A kind of the current edition only: the original edition accepts no value of it.
        value = case["value"]
        assert PREDICATES[case["kind"]](value, edition="original") is False
        with pytest.raises(orgkit.ArgumentError, match="a kind of the current edition only"):
            orgkit.check_ids(case["kind"], [value], edition="original")
        with pytest.raises(orgkit.ArgumentError, match="a kind of the current edition only"):
            orgkit.check_value(case["kind"], value, edition="original")


@pytest.mark.parametrize("case", ARN_CASES, ids=case_id)
def test_arn_vector(case: dict) -> None:
    for edition in editions_of(case):
        check("Arn", case, edition)
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
            "resource_policy_id",
            "responsibility_transfer_id",
            "transfer_type",
            "transfer_direction",
        ]:
            assert getattr(arn, field) == case["ids"].get(field), field
        if case.get("edition") == "current":
            # A form the original edition does not have.
            assert orgkit.is_arn(case["value"], edition="original") is False
            with pytest.raises(orgkit.ValidationError, match="current edition"):
                orgkit.parse_arn(case["value"], edition="original")
