"""Service control policies from Python: the shared check and evaluation vectors
(tests/vectors/scp_check.json, scp_eval.json), the shapes `evaluate_scps` accepts, coded
errors for bad arguments and hostile values, and the emulator's checks and `simulate`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import orgkit

VECTORS = Path(__file__).resolve().parents[2] / "tests" / "vectors"
CHECKS = json.loads((VECTORS / "scp_check.json").read_text())["cases"]
EVALUATIONS = json.loads((VECTORS / "scp_eval.json").read_text())["cases"]
CATALOGUE = json.loads((VECTORS / "catalogue.json").read_text())
ALLOW_ALL = '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}'


def test_scp_issue_codes_are_the_catalogue() -> None:
    assert orgkit.SCP_ISSUE_CODES == CATALOGUE["scp_issue_codes"]
    assert orgkit.MAX_SCP_CHARS == CATALOGUE["scp_limits"]["max_chars"]


@pytest.mark.parametrize("case", CHECKS, ids=[f"{c['name']}-{c['rules']}" for c in CHECKS])
def test_check_vectors(case: dict[str, Any]) -> None:
    if "document_hex" in case:
        # Bytes that are not UTF-8 cannot be a str; the core checks them in the Rust suite.
        pytest.skip("raw bytes")
    issues = orgkit.check_scp(case["document"], edition=case["rules"])
    assert all(issue.message for issue in issues)
    assert sorted((i.code, i.path) for i in issues) == sorted(tuple(pair) for pair in case["expect"])


@pytest.mark.parametrize("case", EVALUATIONS, ids=[c["name"] for c in EVALUATIONS])
def test_eval_vectors(case: dict[str, Any]) -> None:
    request = case["request"]
    decision = orgkit.evaluate_scps(
        case["levels"],
        request["action"],
        request["resource"],
        request["context"],
        request["principal"],
        edition=case["rules"],
    )
    denied = decision.denied_by
    missing = decision.missing_allow_at
    got = {
        "allowed": decision.allowed,
        "denied_by": denied
        and {"level": denied.level, "policy_id": denied.policy_id, "statement": denied.statement, "sid": denied.sid},
        "missing_allow_at": missing and missing.level,
        "exempt": decision.exempt,
    }
    assert got == case["expect"]
    assert decision.explain().startswith("Allowed" if decision.allowed else "Denied")
    if decision.exempt is None:
        assert len(decision.levels) == len(case["levels"])


def test_levels_take_documents_lists_and_dicts() -> None:
    deny = {"Version": "2012-10-17", "Statement": [{"Sid": "NoS3", "Effect": "Deny", "Action": "s3:*", "Resource": "*"}]}
    levels = [ALLOW_ALL, (ALLOW_ALL, {"policy_id": "p-nos3", "document": deny}), {"target": "111111111111", "policies": [ALLOW_ALL]}]
    decision = orgkit.evaluate_scps(levels, "s3:GetObject")
    assert not decision.allowed
    assert decision.denied_by is not None and decision.denied_by == decision.levels[1].denied_by
    assert (decision.denied_by.target, decision.denied_by.policy_id, decision.denied_by.sid) == ("OU 1", "p-nos3", "NoS3")
    assert [level.target for level in decision.levels] == ["root", "OU 1", "111111111111"]
    assert "p-nos3" in decision.explain() and len(decision.explain().splitlines()) == 4
    assert orgkit.evaluate_scps(levels, "ec2:RunInstances", principal="role").allowed
    context_allow = {
        "Version": "2012-10-17",
        "Statement": {"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
    }
    plain = orgkit.evaluate_scps([[ALLOW_ALL, context_allow]], "s3:GetObject", context={"aws:SecureTransport": False})
    assert not plain.allowed
    assert orgkit.evaluate_scps([[ALLOW_ALL, context_allow]], "s3:GetObject", context={"aws:SecureTransport": True}).allowed


def test_documents_may_be_dicts_and_editions_differ() -> None:
    issues = orgkit.check_scp({"Version": "2012-10-17", "Statement": [{"Effect": "Maybe", "Action": "*", "Resource": "*"}]})
    assert [(i.code, i.path) for i in issues] == [("INVALID_EFFECT", "Statement[0].Effect")]
    not_resource = '{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"*","NotResource":"arn:aws:s3:::b"}}'
    assert orgkit.check_scp(not_resource) == []
    assert orgkit.check_scp(not_resource, edition="original")[0].code == "UNSUPPORTED_ELEMENT"
    big = '{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"*","Resource":"*","Sid":"' + "a" * 6000 + '"}}'
    assert orgkit.check_scp(big)[0].code == "DOCUMENT_TOO_LARGE"


class Exploding:
    def __repr__(self) -> str:
        raise RuntimeError("boom")


@pytest.mark.parametrize(
    "call",
    [
        lambda: orgkit.check_scp(42),  # type: ignore[arg-type]
        lambda: orgkit.check_scp(ALLOW_ALL, edition="future"),  # type: ignore[arg-type]
        lambda: orgkit.evaluate_scps("not a list", "s3:GetObject"),
        lambda: orgkit.evaluate_scps([ALLOW_ALL], "s3"),
        lambda: orgkit.evaluate_scps([ALLOW_ALL], 42),  # type: ignore[arg-type]
        lambda: orgkit.evaluate_scps([ALLOW_ALL], "s3:GetObject", principal="robot"),  # type: ignore[arg-type]
        lambda: orgkit.evaluate_scps([ALLOW_ALL], "s3:GetObject", context={"k": {"nested": 1}}),  # type: ignore[dict-item]
        lambda: orgkit.evaluate_scps([ALLOW_ALL], "s3:GetObject", context={"k": Exploding()}),  # type: ignore[dict-item]
        lambda: orgkit.evaluate_scps([42], "s3:GetObject"),
        lambda: orgkit.evaluate_scps([ALLOW_ALL], "s3:GetObject", "\ud800"),
    ],
)
def test_bad_arguments_are_argument_errors(call: Any) -> None:
    with pytest.raises(orgkit.ArgumentError) as caught:
        call()
    assert caught.value.code == "INVALID_ARGUMENT"


def test_bad_documents_are_validation_errors_at_their_level() -> None:
    with pytest.raises(orgkit.ValidationError) as caught:
        orgkit.evaluate_scps([ALLOW_ALL, {"target": "ou-abcd-11111111", "policies": ["{}"]}], "s3:GetObject")
    assert [i.path for i in caught.value.issues] == ["levels[1].policies[0].Version", "levels[1].policies[0].Statement"]
    assert caught.value.code == "MISSING_ELEMENT"


def test_hostile_documents_are_bounded() -> None:
    deep: Any = "x"
    for _ in range(100_000):
        deep = {"a": deep}
    assert orgkit.check_scp(deep)[0].code == "TOO_DEEP"
    assert orgkit.check_scp({"Version": b"2012-10-17", "Statement": []})[0].code == "INVALID_TYPE"
    assert orgkit.check_scp({"Version": float("nan")})[0].code == "INVALID_TYPE"
    huge = {"Version": "2012-10-17", "Statement": {"Sid": "a" * (2 << 20)}}
    assert orgkit.check_scp(huge)[0].code == "DOCUMENT_TOO_LARGE"
    many = {f"k{i}": i for i in range(10_000)}
    issues = orgkit.check_scp(many)
    assert issues[-1].code == "TOO_MANY_ISSUES" and len(issues) == orgkit.MAX_ISSUES + 1
    assert orgkit.check_scp({f"k{i}": i for i in range(200_000)})[0].code == "DOCUMENT_TOO_LARGE"

    class Mutating(dict[str, Any]):
        pass

    mutating = Mutating(Version="2012-10-17")

    class Key(str):
        def __hash__(self) -> int:
            return str.__hash__(self)

        def __eq__(self, other: object) -> bool:
            mutating.clear()
            return str.__eq__(self, other)

    mutating[Key("Statement")] = []
    assert isinstance(orgkit.check_scp(mutating), list)


def _organization() -> tuple[orgkit.Emulator, str, str]:
    emulator = orgkit.Emulator(seed=4)
    org = emulator.client("organizations", "111111111111")
    org.create_organization()
    emulator.register_account("222222222222", "member@example.com", "member")
    invitation = org.invite_account_to_organization(Target={"Id": "222222222222", "Type": "ACCOUNT"})
    emulator.client("organizations", "222222222222").accept_handshake(HandshakeId=invitation["Handshake"]["Id"])
    root = org.list_roots()["Roots"][0]["Id"]
    ou = org.create_organizational_unit(ParentId=root, Name="sandbox")["OrganizationalUnit"]["Id"]
    org.move_account(AccountId="222222222222", SourceParentId=root, DestinationParentId=ou)
    return emulator, root, ou


def test_the_emulator_refuses_malformed_scps() -> None:
    emulator, _, _ = _organization()
    org = emulator.client("organizations", "111111111111")
    with pytest.raises(org.exceptions.MalformedPolicyDocumentException) as caught:
        org.create_policy(
            Name="maybe", Description="", Type="SERVICE_CONTROL_POLICY",
            Content='{"Version":"2012-10-17","Statement":{"Effect":"Maybe","Action":"*","Resource":"*"}}',
        )
    assert "Statement.Effect" in caught.value.message
    with pytest.raises(org.exceptions.MalformedPolicyDocumentException):
        org.create_policy(Name="big", Description="", Type="SERVICE_CONTROL_POLICY", Content=" " * 5121 + ALLOW_ALL)


def test_emulator_simulate_and_effective_scps() -> None:
    emulator, root, ou = _organization()
    org = emulator.client("organizations", "111111111111")
    policy_id = org.create_policy(
        Name="no-s3", Description="", Type="SERVICE_CONTROL_POLICY",
        Content='{"Version":"2012-10-17","Statement":{"Sid":"NoS3","Effect":"Deny","Action":"s3:*","Resource":"*"}}',
    )["Policy"]["PolicySummary"]["Id"]
    assert emulator.simulate("222222222222", "s3:GetObject").allowed
    org.attach_policy(PolicyId=policy_id, TargetId=ou)
    decision = emulator.simulate("222222222222", "s3:GetObject", "arn:aws:s3:::b/k", principal="role")
    assert not decision.allowed
    assert decision.denied_by is not None and (decision.denied_by.target, decision.denied_by.sid) == (ou, "NoS3")
    assert emulator.simulate("222222222222", "ec2:RunInstances").allowed
    assert emulator.simulate("111111111111", "s3:GetObject").exempt == "MANAGEMENT_ACCOUNT"
    levels = emulator.effective_scps("222222222222")
    assert [level["target"] for level in levels] == [root, ou, "222222222222"]
    assert sorted(p["name"] for p in levels[1]["policies"]) == ["FullAWSAccess", "no-s3"]
    with pytest.raises(orgkit.EmulatorUsageError) as missing:
        emulator.simulate("999999999999", "s3:GetObject")
    assert missing.value.code == "NOT_FOUND"
    with pytest.raises(orgkit.ArgumentError):
        emulator.simulate("222222222222", "s3")
    org.disable_policy_type(RootId=root, PolicyType="SERVICE_CONTROL_POLICY")
    assert emulator.effective_scps("222222222222") == []
    assert emulator.simulate("222222222222", "s3:GetObject").explain() == "Allowed: no SCPs are in effect"


def test_an_evaluator_reads_the_levels_once() -> None:
    deny = '{"Version":"2012-10-17","Statement":{"Sid":"NoIam","Effect":"Deny","Action":"iam:*","Resource":"*"}}'
    evaluator = orgkit.ScpEvaluator([ALLOW_ALL, [ALLOW_ALL, deny]], edition="original")
    assert evaluator.allowed_actions(["s3:GetObject", "iam:CreateUser", "IAM:DeleteUser"]) == [True, False, False]
    assert evaluator.allowed_actions(("ec2:RunInstances",), principal="management_account") == [True]
    decision = evaluator.evaluate("iam:CreateUser")
    assert decision.denied_by is not None and decision.denied_by.sid == "NoIam"
    assert decision.explain() == orgkit.evaluate_scps([ALLOW_ALL, [ALLOW_ALL, deny]], "iam:CreateUser").explain()
    with pytest.raises(orgkit.ArgumentError):
        evaluator.allowed_actions("s3:GetObject")  # type: ignore[arg-type]
    with pytest.raises(orgkit.ArgumentError):
        evaluator.allowed_actions(["s3"])
    with pytest.raises(orgkit.ValidationError):
        orgkit.ScpEvaluator(["{}"])
