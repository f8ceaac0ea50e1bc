"""The Python surface beyond the vectors: types, errors, hostile input, builders, catalogue."""

import pickle

import pytest

import orgkit


def test_exported_lists_match_core(catalogue: dict) -> None:
    assert orgkit.ERROR_CODES == catalogue["error_codes"]
    assert orgkit.CALL_ERROR_CODES == catalogue["call_error_codes"]
    assert orgkit.MAX_ISSUES == catalogue["limits"]["max_issues"]
    assert orgkit.MAX_BATCH_VALUES == catalogue["limits"]["max_batch_values"]
    assert orgkit.PAGINATION_ERROR_CODES == catalogue["pagination_error_codes"]
    assert orgkit.VALUE_KINDS == catalogue["value_kinds"]


def test_validation_error_hierarchy() -> None:
    assert issubclass(orgkit.ValidationError, orgkit.OrgkitError)
    assert issubclass(orgkit.ValidationError, ValueError)
    with pytest.raises(ValueError):
        orgkit.RootId("root")


@pytest.mark.parametrize("value", [None, 12, 1.5, float("nan"), b"123456789012", ["123456789012"], object()])
def test_predicates_never_raise_on_non_str(value: object) -> None:
    for kind in orgkit.VALUE_KINDS:
        assert orgkit.check_ids(kind, [value]) == [False]
    assert orgkit.is_account_id(value) is False
    assert orgkit.is_email(value) is False


@pytest.mark.parametrize("value", [None, 12, float("nan"), b"123456789012"])
def test_constructors_report_wrong_types(value: object) -> None:
    with pytest.raises(orgkit.ValidationError) as raised:
        orgkit.AccountId(value)
    assert [i.code for i in raised.value.issues] == ["INVALID_TYPE"]
    assert type(value).__name__ in raised.value.issues[0].message
    [issue] = orgkit.validate_value("AccountId", value)
    assert issue.code == "INVALID_TYPE"


def test_lone_surrogates_are_rejected_not_raised() -> None:
    text = "12345678901\ud800"
    assert orgkit.is_account_id(text) is False
    with pytest.raises(orgkit.ValidationError) as raised:
        orgkit.parse_arn(text)
    assert raised.value.code == "INVALID_TYPE"


def test_huge_input_is_rejected_quickly_with_a_short_message() -> None:
    huge = "1" * 10_000_000
    assert orgkit.is_account_id(huge) is False
    [issue] = orgkit.validate_value("AccountId", huge)
    assert issue.code == "INVALID_PATTERN"
    assert len(issue.message) < 400


def test_sensitive_values_are_not_echoed() -> None:
    [issue] = orgkit.validate_value("Email", "secret-person@nowhere")
    assert "secret-person" not in issue.message
    assert repr(orgkit.Email("someone@example.com")) == "Email(<redacted>)"
    assert repr(orgkit.AccountName("Payroll")) == "AccountName(<redacted>)"


def test_value_objects_compare_hash_and_repr() -> None:
    a = orgkit.AccountId("123456789012")
    assert a == orgkit.AccountId("123456789012")
    assert a != orgkit.AccountId("210987654321")
    assert len({a, orgkit.AccountId("123456789012")}) == 1
    assert repr(a) == "AccountId('123456789012')"
    assert a.value == "123456789012" and a.kind == "AccountId"
    assert sorted([orgkit.RootId("r-bbbb"), orgkit.RootId("r-aaaa")])[0].value == "r-aaaa"


def test_union_ids_tell_their_kind() -> None:
    assert orgkit.ChildId("123456789012").kind == "AccountId"
    assert orgkit.ParentId("r-abcd").kind == "RootId"
    assert orgkit.PolicyTargetId("ou-abcd-12345678").kind == "OrganizationalUnitId"
    with pytest.raises(orgkit.ValidationError) as raised:
        orgkit.PolicyTargetId("o-1234567890")
    assert raised.value.code == "INVALID_PATTERN_TARGET_ID"


def test_check_ids_batches_and_accepts_any_iterable() -> None:
    values = (v for v in ["123456789012", "bad", "000000000000"])
    assert orgkit.check_ids("AccountId", values) == [True, False, True]
    with pytest.raises(ValueError, match="unknown kind"):
        orgkit.check_ids("Nope", [])
    with pytest.raises(TypeError):
        orgkit.check_ids("AccountId", 5)


def test_arn_builders_round_trip() -> None:
    arn = orgkit.Arn.build_organizational_unit("aws-cn", "111111111111", "o-exampleorgid", "ou-abcd-12345678")
    assert str(arn) == "arn:aws-cn:organizations::111111111111:ou/o-exampleorgid/ou-abcd-12345678"
    assert orgkit.parse_arn(str(arn)) == arn
    assert hash(arn) == hash(orgkit.Arn(str(arn)))
    managed = orgkit.Arn.build_aws_managed_policy("aws", "service_control_policy", "p-FullAWSAccess")
    assert managed.account == "aws" and managed.is_aws_managed
    assert managed.organization_id is None
    handshake = orgkit.Arn.build_handshake("aws-us-gov", "111111111111", "o-exampleorgid", "invite", "h-0123456789")
    assert handshake.handshake_type == "invite"
    assert str(orgkit.Arn.build_organization("aws", "111111111111", "o-exampleorgid")).endswith("organization/o-exampleorgid")
    assert orgkit.Arn.build_account("aws", "111111111111", "o-exampleorgid", "222222222222").account_id == "222222222222"
    assert orgkit.Arn.build_root("aws", "111111111111", "o-exampleorgid", "r-abcd").root_id == "r-abcd"
    assert orgkit.Arn.build_policy("aws", "111111111111", "o-exampleorgid", "tag_policy", "p-abcdefghij").policy_type == "tag_policy"


def test_arn_builders_reject_bad_parts() -> None:
    with pytest.raises(orgkit.ValidationError) as raised:
        orgkit.Arn.build_root("aws-iso", "111111111111", "o-exampleorgid", "r-abcd")
    assert raised.value.code == "INVALID_ENUM"
    with pytest.raises(orgkit.ValidationError):
        orgkit.Arn.build_root("aws", "111", "o-exampleorgid", "r-abcd")
    with pytest.raises(orgkit.ValidationError) as raised:
        # A valid PolicyId that no customer policy ARN can hold (8 characters).
        orgkit.Arn.build_policy("aws", "111111111111", "o-exampleorgid", "service_control_policy", "p-abcdefgh")
    assert raised.value.issues[0].code == "INVALID_PATTERN"


def test_issue_objects() -> None:
    [issue] = orgkit.validate_value("RootId", "r-AB")
    assert issue.code == "INVALID_PATTERN"
    assert "position 2" in issue.message and "rootId" in issue.message
    assert repr(issue).startswith("Issue(path='', code='INVALID_PATTERN'")
    assert str(issue).startswith("INVALID_PATTERN: Value 'r-AB'")


def test_values_are_immutable() -> None:
    a = orgkit.AccountId("123456789012")
    with pytest.raises(AttributeError):
        a.value = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        pickle.dumps(a)
