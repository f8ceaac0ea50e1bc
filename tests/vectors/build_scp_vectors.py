#!/usr/bin/env python3
"""Writes tests/vectors/scp_check.json and scp_eval.json: service control policy checks and evaluation.

The expectations are written by hand from AWS's documentation, not read back from orgkit: each
case names the page (key of SOURCES) it follows. scp_check.json holds documents with the issue
codes and paths expected under each edition of the SCP rules ("original": the SCP syntax of the
2017 API, whose element table survives in the localized copies of the syntax page; "current":
today's page). scp_eval.json holds trees of attached SCPs (root first, account last), a request
and the expected decision. Documents are JSON text (or hex bytes when the text is not UTF-8).

Decisions recorded here (see core/src/policy/mod.rs): the size limit counts every character,
whitespace included; "2008-10-17" is not an SCP version; an empty Sid is accepted; element and
operator names are case-sensitive, condition keys are not; `Id` is not an SCP element.

Python stdlib only. Run after editing; `--check` (CI) fails when a JSON file is stale.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

SOURCES = {
    "scp-syntax": "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_syntax.html",
    "scp-syntax-original": "https://docs.aws.amazon.com/ja_jp/organizations/latest/userguide/orgs_manage_policies_scps_syntax.html (element summary: Condition, NotAction, Resource Deny only; no NotResource; note: a '*' in an action only alone or at the end)",
    "scp-full-iam": "https://aws.amazon.com/blogs/security/unlock-new-possibilities-aws-organizations-service-control-policy-now-supports-full-iam-language (2025: wildcards at the beginning or middle of Action strings)",
    "scp-evaluation": "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html",
    "scps": "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html",
    "troubleshooting": "https://docs.aws.amazon.com/organizations/latest/userguide/org_troubleshoot_policies.html",
    "quotas": "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html",
    "iam-sid": "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html",
    "iam-action": "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html",
    "iam-resource": "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html",
    "iam-condition-operators": "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html",
    "iam-evaluation": "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html",
    "rfc8259": "https://www.rfc-editor.org/rfc/rfc8259",
}

MAX_CHARS = 5120
MAX_ISSUES = 100


def compact(value) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def policy(*statements, single=False) -> str:
    body = statements[0] if single else list(statements)
    return compact({"Version": "2012-10-17", "Statement": body})


def stmt(effect="Allow", action="*", resource="*", **extra) -> dict:
    out = {}
    if "Sid" in extra:
        out["Sid"] = extra.pop("Sid")
    out["Effect"] = effect
    if action is not None:
        out["Action"] = action
    if resource is not None:
        out["Resource"] = resource
    out.update(extra)
    return out


FULL = policy(stmt())
S0 = "Statement[0]"


# --- scp_check.json ---------------------------------------------------------------------------
# (name, source, document, expected under "original", expected under "current"); SAME means
# the current expectation equals the original one. Expectations are [code, path] pairs.
SAME = object()
CHECK: list[tuple] = []


def case(name, source, document, original, current=SAME):
    CHECK.append((name, source, document, original, original if current is SAME else current))


def deny_with(condition: dict) -> str:
    return policy(stmt("Deny", "s3:*", "*", Condition=condition))


# Whole documents.
case("full_aws_access", "scps", FULL, [])
case("statement_single_object", "scp-syntax", policy(stmt("Deny", "s3:*"), single=True), [])
case("deny_list_of_actions", "scp-syntax", policy(stmt("Deny", ["s3:DeleteBucket", "ec2:TerminateInstances"])), [])
case("pretty_printed", "scp-syntax", json.dumps(json.loads(FULL), indent=4), [])
case("missing_version", "scp-syntax", compact({"Statement": [stmt()]}), [["MISSING_ELEMENT", "Version"]])
case("version_2008", "scp-syntax", compact({"Version": "2008-10-17", "Statement": [stmt()]}), [["INVALID_VERSION", "Version"]])
case("version_unknown", "scp-syntax", compact({"Version": "2012-10-18", "Statement": [stmt()]}), [["INVALID_VERSION", "Version"]])
case("version_number", "scp-syntax", compact({"Version": 2012, "Statement": [stmt()]}), [["INVALID_TYPE", "Version"]])
case("missing_statement", "scp-syntax", compact({"Version": "2012-10-17"}), [["MISSING_ELEMENT", "Statement"]])
case("statement_empty_list", "scp-syntax", compact({"Version": "2012-10-17", "Statement": []}), [["EMPTY_VALUE", "Statement"]])
case("statement_string", "scp-syntax", compact({"Version": "2012-10-17", "Statement": "Allow"}), [["INVALID_TYPE", "Statement"]])
case("statement_item_number", "scp-syntax", compact({"Version": "2012-10-17", "Statement": [stmt(), 1]}), [["INVALID_TYPE", "Statement[1]"]])
case("top_level_list", "troubleshooting", compact([json.loads(FULL)]), [["NOT_AN_OBJECT", ""]])
case("top_level_string", "troubleshooting", '"policy"', [["NOT_AN_OBJECT", ""]])
case("two_policy_objects", "troubleshooting", FULL + " " + policy(stmt("Deny", "s3:*")), [["INVALID_JSON", ""]])
case("two_statement_elements", "troubleshooting",
     '{"Version":"2012-10-17","Statement":[' + compact(stmt()) + '],"Statement":[' + compact(stmt("Deny", "s3:*")) + "]}",
     [["DUPLICATE_KEY", "Statement"]])
case("duplicate_effect", "troubleshooting",
     '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Effect":"Deny","Action":"*","Resource":"*"}]}',
     [["DUPLICATE_KEY", "Statement[0].Effect"]])
case("duplicate_condition_key", "rfc8259",
     '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"a","aws:RequestedRegion":"b"}}}]}',
     [["DUPLICATE_KEY", "Statement[0].Condition.StringEquals.aws:RequestedRegion"]])
case("trailing_comma", "rfc8259", FULL[:-2] + ",]}", [["INVALID_JSON", ""]])
case("unterminated", "rfc8259", FULL[:-3], [["INVALID_JSON", ""]])
case("lone_surrogate", "rfc8259", policy(stmt(Sid="\\ud800")).replace("\\\\", "\\"), [["INVALID_JSON", ""]])
case("single_quotes", "rfc8259", FULL.replace('"', "'"), [["INVALID_JSON", ""]])
case("empty_document", "rfc8259", "", [["INVALID_JSON", ""]])
case("deep_nesting", "rfc8259",
     '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringEquals":{"k":'
     + "[" * 40 + "]" * 40 + "}}}]}",
     [["TOO_DEEP", ""]])
case("unknown_top_level_element", "scp-syntax", compact({"Version": "2012-10-17", "Statement": [stmt()], "Foo": 1}), [["UNKNOWN_ELEMENT", "Foo"]])
case("id_element", "scp-syntax", compact({"Version": "2012-10-17", "Id": "x", "Statement": [stmt()]}), [["UNSUPPORTED_ELEMENT", "Id"]])
case("lowercase_version_key", "scp-syntax", compact({"version": "2012-10-17", "Statement": [stmt()]}),
     [["UNKNOWN_ELEMENT", "version"], ["MISSING_ELEMENT", "Version"]])

# Effect and Sid.
case("effect_missing", "scp-syntax", policy({"Action": "*", "Resource": "*"}), [["MISSING_ELEMENT", S0 + ".Effect"]])
case("effect_lowercase", "scp-syntax", policy(stmt("allow")), [["INVALID_EFFECT", S0 + ".Effect"]])
case("effect_other", "scp-syntax", policy(stmt("Audit")), [["INVALID_EFFECT", S0 + ".Effect"]])
case("effect_number", "scp-syntax", policy(stmt(1)), [["INVALID_TYPE", S0 + ".Effect"]])
case("sid_letters_digits", "iam-sid", policy(stmt(Sid="AllowAll2026")), [])
case("sid_space", "iam-sid", policy(stmt(Sid="Allow all")), [["INVALID_SID", S0 + ".Sid"]])
case("sid_dash", "iam-sid", policy(stmt(Sid="allow-all")), [["INVALID_SID", S0 + ".Sid"]])
case("sid_underscore", "iam-sid", policy(stmt(Sid="allow_all")), [["INVALID_SID", S0 + ".Sid"]])
case("sid_non_ascii", "iam-sid", policy(stmt(Sid="Erlaubé")), [["INVALID_SID", S0 + ".Sid"]])
case("sid_duplicate", "iam-sid", policy(stmt(Sid="One"), stmt("Deny", "s3:*", Sid="One")), [["DUPLICATE_SID", "Statement[1].Sid"]])
case("sid_same_letters_other_case", "iam-sid", policy(stmt(Sid="One"), stmt("Deny", "s3:*", Sid="ONE")), [])
case("sid_empty_twice", "iam-sid", policy(stmt(Sid=""), stmt("Deny", "s3:*", Sid="")), [])
case("sid_number", "iam-sid", policy(stmt(Sid=7)), [["INVALID_TYPE", S0 + ".Sid"]])

# Action and NotAction.
case("action_and_not_action", "scp-syntax", policy(stmt("Deny", "s3:*", NotAction="iam:*")), [["CONFLICTING_ELEMENTS", S0 + ".NotAction"]])
case("action_missing", "scp-syntax", policy(stmt("Deny", None)), [["MISSING_ELEMENT", S0 + ".Action"]])
case("action_without_colon", "scp-syntax", policy(stmt("Deny", "s3GetObject")), [["INVALID_ACTION", S0 + ".Action"]])
case("action_empty_name", "scp-syntax", policy(stmt("Deny", "s3:")), [["INVALID_ACTION", S0 + ".Action"]])
case("action_empty_string", "scp-syntax", policy(stmt("Deny", "")), [["INVALID_ACTION", S0 + ".Action"]])
case("action_list_one_bad", "scp-syntax", policy(stmt("Deny", ["s3:GetObject", "s3 Get", "ec2:*"])), [["INVALID_ACTION", S0 + ".Action[1]"]])
# A '*' at the start or in the middle of an action name: refused by the original rules (note
# under "Action and NotAction elements"), allowed since SCPs support the full IAM language.
case("action_wildcard_middle", "scp-syntax-original", policy(stmt("Deny", "ec2:Describe*Tags")),
     [["INVALID_ACTION_WILDCARD", S0 + ".Action"]], [])
case("action_wildcard_start", "scp-syntax-original", policy(stmt("Deny", "ec2:*Instances")),
     [["INVALID_ACTION_WILDCARD", S0 + ".Action"]], [])
case("action_wildcard_start_and_middle", "scp-full-iam", policy(stmt("Deny", "ec2:*Vpc*")),
     [["INVALID_ACTION_WILDCARD", S0 + ".Action"]], [])
case("action_wildcard_start_in_allow", "scp-full-iam", policy(stmt("Allow", ["s3:*Object", "ec2:Describe*"])),
     [["INVALID_ACTION_WILDCARD", S0 + ".Action[0]"]], [])
case("action_wildcard_in_service", "scp-syntax", policy(stmt("Deny", "*:GetObject")), [["INVALID_ACTION", S0 + ".Action"]])
case("action_question_mark", "scp-syntax", policy(stmt("Deny", "s3:Get?bject")), [])
case("action_trailing_wildcard", "scp-syntax", policy(stmt("Deny", "ec2:Describe*")), [])
case("action_service_wildcard", "scp-syntax", policy(stmt("Deny", "s3:*")), [])
case("action_mixed_case", "iam-action", policy(stmt("Deny", "S3:getobject")), [])
case("action_dash_in_service", "iam-action", policy(stmt("Deny", "execute-api:Invoke")), [])
case("action_empty_list", "scp-syntax", policy(stmt("Deny", [])), [["EMPTY_VALUE", S0 + ".Action"]])
case("action_number_item", "scp-syntax", policy(stmt("Deny", [3])), [["INVALID_TYPE", S0 + ".Action[0]"]])
case("action_object", "scp-syntax", policy(stmt("Deny", {"s3": "*"})), [["INVALID_TYPE", S0 + ".Action"]])
case("not_action_in_deny", "scp-syntax", policy(stmt("Deny", None, NotAction=["iam:*", "organizations:*"])), [])
case("not_action_in_allow", "scp-syntax-original", policy(stmt("Allow", None, NotAction="s3:*")),
     [["DENY_ONLY_ELEMENT", S0 + ".NotAction"]], [])
case("not_action_bad_wildcard", "scp-syntax-original", policy(stmt("Deny", None, NotAction="iam:*User")),
     [["INVALID_ACTION_WILDCARD", S0 + ".NotAction"]], [])
case("not_action_wildcard_middle_in_allow", "scp-full-iam", policy(stmt("Allow", None, NotAction=["iam:*User*", "s3:Get*Acl"])),
     [["DENY_ONLY_ELEMENT", S0 + ".NotAction"], ["INVALID_ACTION_WILDCARD", S0 + ".NotAction[0]"],
      ["INVALID_ACTION_WILDCARD", S0 + ".NotAction[1]"]], [])

# Resource and NotResource.
ARN = "arn:aws:s3:::example-bucket/*"
case("resource_missing", "scp-syntax", policy(stmt("Deny", "s3:*", None)), [["MISSING_ELEMENT", S0 + ".Resource"]])
case("resource_arn_in_deny", "scp-syntax", policy(stmt("Deny", "s3:*", ARN)), [])
case("resource_arn_in_allow", "scp-syntax-original", policy(stmt("Allow", "s3:*", ARN)),
     [["DENY_ONLY_ELEMENT", S0 + ".Resource"]], [])
case("resource_list_in_allow", "scp-syntax-original", policy(stmt("Allow", "s3:*", ["*", ARN])),
     [["DENY_ONLY_ELEMENT", S0 + ".Resource[1]"]], [])
case("resource_star_list_in_allow", "scp-syntax-original", policy(stmt("Allow", "s3:*", ["*"])), [])
case("resource_not_arn", "iam-resource", policy(stmt("Deny", "s3:*", "example-bucket")), [["INVALID_RESOURCE", S0 + ".Resource"]])
case("resource_short_arn", "iam-resource", policy(stmt("Deny", "s3:*", "arn:aws:s3")), [["INVALID_RESOURCE", S0 + ".Resource"]])
case("resource_arn_wildcards", "iam-resource", policy(stmt("Deny", "iam:*", "arn:aws:iam::*:role/Admin?")), [])
case("resource_empty_list", "scp-syntax", policy(stmt("Deny", "s3:*", [])), [["EMPTY_VALUE", S0 + ".Resource"]])
case("resource_and_not_resource", "scp-syntax", policy(stmt("Deny", "s3:*", "*", NotResource=ARN)),
     [["CONFLICTING_ELEMENTS", S0 + ".NotResource"]])
case("not_resource_in_deny", "scp-syntax", policy(stmt("Deny", "s3:*", None, NotResource=ARN)),
     [["UNSUPPORTED_ELEMENT", S0 + ".NotResource"]], [])
case("not_resource_in_allow", "scp-syntax", policy(stmt("Allow", "s3:*", None, NotResource=ARN)),
     [["UNSUPPORTED_ELEMENT", S0 + ".NotResource"]], [])

# Elements SCPs do not have.
case("principal", "scp-syntax", policy(stmt("Deny", "s3:*", Principal={"AWS": "*"})), [["UNSUPPORTED_ELEMENT", S0 + ".Principal"]])
case("not_principal", "scp-syntax", policy(stmt("Deny", "s3:*", NotPrincipal={"AWS": "*"})), [["UNSUPPORTED_ELEMENT", S0 + ".NotPrincipal"]])
case("misspelled_element", "scp-syntax", policy({"Effect": "Deny", "Actions": "s3:*", "Resource": "*"}),
     [["UNKNOWN_ELEMENT", S0 + ".Actions"], ["MISSING_ELEMENT", S0 + ".Action"]])
case("lowercase_effect_key", "scp-syntax", policy({"effect": "Deny", "Action": "s3:*", "Resource": "*"}),
     [["UNKNOWN_ELEMENT", S0 + ".effect"], ["MISSING_ELEMENT", S0 + ".Effect"]])

# Condition.
REGION = {"StringNotEquals": {"aws:RequestedRegion": ["eu-west-1", "eu-central-1"]}}
C0 = S0 + ".Condition"
case("condition_in_deny", "scp-syntax", deny_with(REGION), [])
case("condition_in_allow", "scp-syntax-original", policy(stmt("Allow", "ec2:*", Condition=REGION)),
     [["DENY_ONLY_ELEMENT", C0]], [])
case("allow_with_everything", "scp-syntax-original",
     policy(stmt("Allow", None, ARN, NotAction="iam:*", Condition=REGION)),
     [["DENY_ONLY_ELEMENT", S0 + ".NotAction"], ["DENY_ONLY_ELEMENT", S0 + ".Resource"], ["DENY_ONLY_ELEMENT", C0]], [])
case("operator_unknown", "iam-condition-operators", deny_with({"StringEqualz": {"k": "v"}}), [["UNKNOWN_CONDITION_OPERATOR", C0 + ".StringEqualz"]])
case("operator_lowercase", "iam-condition-operators", deny_with({"stringequals": {"k": "v"}}), [["UNKNOWN_CONDITION_OPERATOR", C0 + ".stringequals"]])
case("operator_null_if_exists", "iam-condition-operators", deny_with({"NullIfExists": {"k": "true"}}), [["UNKNOWN_CONDITION_OPERATOR", C0 + ".NullIfExists"]])
case("operator_set_null", "iam-condition-operators", deny_with({"ForAllValues:Null": {"k": "true"}}), [["UNKNOWN_CONDITION_OPERATOR", C0 + ".ForAllValues:Null"]])
case("operator_bare_qualifier", "iam-condition-operators", deny_with({"ForAnyValue:": {"k": "v"}}), [["UNKNOWN_CONDITION_OPERATOR", C0 + ".ForAnyValue:"]])
case("operator_qualified_if_exists", "iam-condition-operators", deny_with({"ForAnyValue:StringLikeIfExists": {"aws:TagKeys": ["team*"]}}), [])
case("operator_not_equals_if_exists", "iam-condition-operators", deny_with({"StringNotEqualsIfExists": {"aws:RequestedRegion": "eu-west-1"}}), [])
case("every_base_operator", "iam-condition-operators", deny_with({
    "StringEquals": {"a": "x"}, "StringNotEquals": {"a": "x"}, "StringEqualsIgnoreCase": {"a": "x"},
    "StringNotEqualsIgnoreCase": {"a": "x"}, "StringLike": {"a": "x*"}, "StringNotLike": {"a": "x?"},
    "NumericEquals": {"n": 1}, "NumericNotEquals": {"n": "1"}, "NumericLessThan": {"n": 1.5},
    "NumericLessThanEquals": {"n": "-2"}, "NumericGreaterThan": {"n": 1e3}, "NumericGreaterThanEquals": {"n": 0},
    "DateEquals": {"d": "2020-01-01"}, "DateNotEquals": {"d": "2020-01-01T00:00:00Z"}, "DateLessThan": {"d": 1577836800},
    "DateLessThanEquals": {"d": "2020-01-01T10:00:00+02:00"}, "DateGreaterThan": {"d": "2020-01-01T00:00"},
    "DateGreaterThanEquals": {"d": "1577836800"}, "Bool": {"b": True}, "BinaryEquals": {"x": "QmluYXJ5"},
    "IpAddress": {"ip": "203.0.113.0/24"}, "NotIpAddress": {"ip": ["2001:db8::/32", "198.51.100.7"]},
    "ArnEquals": {"arn": "arn:aws:iam::111111111111:role/A"}, "ArnLike": {"arn": "arn:aws:iam::*:role/*"},
    "ArnNotEquals": {"arn": "arn:aws:iam::111111111111:role/A"}, "ArnNotLike": {"arn": "arn:aws:iam::*:role/*"},
    "Null": {"k": "false"},
}), [])
case("null_not_boolean", "iam-condition-operators", deny_with({"Null": {"aws:TokenIssueTime": "maybe"}}), [["INVALID_CONDITION_VALUE", C0 + ".Null.aws:TokenIssueTime"]])
case("null_json_boolean", "iam-condition-operators", deny_with({"Null": {"aws:TokenIssueTime": True}}), [])
case("bool_yes", "iam-condition-operators", deny_with({"Bool": {"aws:SecureTransport": "yes"}}), [["INVALID_CONDITION_VALUE", C0 + ".Bool.aws:SecureTransport"]])
case("numeric_word", "iam-condition-operators", deny_with({"NumericLessThan": {"s3:max-keys": "ten"}}), [["INVALID_CONDITION_VALUE", C0 + ".NumericLessThan.s3:max-keys"]])
case("numeric_nan", "iam-condition-operators", deny_with({"NumericLessThan": {"s3:max-keys": "NaN"}}), [["INVALID_CONDITION_VALUE", C0 + ".NumericLessThan.s3:max-keys"]])
case("numeric_list_one_bad", "iam-condition-operators", deny_with({"NumericEquals": {"n": [1, "0x10", 3]}}), [["INVALID_CONDITION_VALUE", C0 + ".NumericEquals.n[1]"]])
case("date_word", "iam-condition-operators", deny_with({"DateGreaterThan": {"aws:CurrentTime": "tomorrow"}}), [["INVALID_CONDITION_VALUE", C0 + ".DateGreaterThan.aws:CurrentTime"]])
case("date_impossible", "iam-condition-operators", deny_with({"DateGreaterThan": {"aws:CurrentTime": "2019-02-29"}}), [["INVALID_CONDITION_VALUE", C0 + ".DateGreaterThan.aws:CurrentTime"]])
case("ip_prefix_too_long", "iam-condition-operators", deny_with({"IpAddress": {"aws:SourceIp": "203.0.113.0/33"}}), [["INVALID_CONDITION_VALUE", C0 + ".IpAddress.aws:SourceIp"]])
case("ip_not_address", "iam-condition-operators", deny_with({"NotIpAddress": {"aws:SourceIp": ["10.0.0.0/8", "office"]}}), [["INVALID_CONDITION_VALUE", C0 + ".NotIpAddress.aws:SourceIp[1]"]])
case("arn_number", "iam-condition-operators", deny_with({"ArnLike": {"aws:PrincipalArn": 5}}), [["INVALID_CONDITION_VALUE", C0 + ".ArnLike.aws:PrincipalArn"]])
case("condition_value_object", "iam-condition-operators", deny_with({"StringEquals": {"k": {"v": 1}}}), [["INVALID_CONDITION_VALUE", C0 + ".StringEquals.k"]])
case("condition_value_null", "iam-condition-operators", deny_with({"StringEquals": {"k": None}}), [["INVALID_CONDITION_VALUE", C0 + ".StringEquals.k"]])
case("condition_value_nested_list", "iam-condition-operators", deny_with({"StringEquals": {"k": ["a", ["b"]]}}), [["INVALID_CONDITION_VALUE", C0 + ".StringEquals.k[1]"]])
case("condition_value_empty_list", "iam-condition-operators", deny_with({"StringEquals": {"k": []}}), [["EMPTY_VALUE", C0 + ".StringEquals.k"]])
case("condition_empty_key", "iam-condition-operators", deny_with({"StringEquals": {"": "v"}}), [["INVALID_CONDITION_VALUE", C0 + ".StringEquals."]])
case("condition_not_object", "iam-condition-operators", policy(stmt("Deny", "s3:*", Condition="aws:SecureTransport")), [["INVALID_TYPE", C0]])
case("condition_operator_list", "iam-condition-operators", deny_with({"StringEquals": ["k", "v"]}), [["INVALID_TYPE", C0 + ".StringEquals"]])
case("condition_numbers_and_bools_as_strings", "iam-condition-operators", deny_with({"StringEquals": {"k": [1, True, "x"]}}), [])

# Several issues at once, all reported.
case("many_issues_one_statement", "scp-syntax",
     policy({"Sid": "bad sid", "Effect": "Maybe", "Action": "s3", "Resource": "bucket", "Principal": "*"}),
     [["INVALID_EFFECT", S0 + ".Effect"], ["INVALID_SID", S0 + ".Sid"], ["INVALID_ACTION", S0 + ".Action"],
      ["INVALID_RESOURCE", S0 + ".Resource"], ["UNSUPPORTED_ELEMENT", S0 + ".Principal"]])
case("issues_in_two_statements", "scp-syntax",
     policy(stmt("Deny", "ec2:*Instances"), stmt("Allow", "*", "*", NotResource="*")),
     [["INVALID_ACTION_WILDCARD", S0 + ".Action"], ["CONFLICTING_ELEMENTS", "Statement[1].NotResource"]],
     [["CONFLICTING_ELEMENTS", "Statement[1].NotResource"]])


# Size: every character counts, whitespace included (quotas page; SCP syntax page note).
def sized(chars: int, filler: str = "x", pretty: bool = False) -> str:
    def build(n: int) -> str:
        doc = {"Version": "2012-10-17", "Statement": [stmt("Deny", "s3:*", "*", Condition={"StringEquals": {"aws:PrincipalTag/team": filler * n}})]}
        return json.dumps(doc, indent=2, ensure_ascii=False) if pretty else compact(doc)
    base = len(build(0))
    text = build((chars - base) // len(filler))
    assert len(text) == chars, (len(text), chars)
    return text


case("size_exactly_limit", "quotas", sized(MAX_CHARS), [])
case("size_one_over_limit", "quotas", sized(MAX_CHARS + 1), [["DOCUMENT_TOO_LARGE", ""]])
case("size_limit_in_characters_not_bytes", "quotas", sized(MAX_CHARS, filler="é"), [])
case("size_whitespace_counts", "scp-syntax", sized(MAX_CHARS + 40, pretty=True), [["DOCUMENT_TOO_LARGE", ""]])
case("size_over_and_invalid", "quotas", sized(MAX_CHARS + 1).replace('"Deny"', '"deny"'),
     [["DOCUMENT_TOO_LARGE", ""], ["INVALID_EFFECT", S0 + ".Effect"]])

# The issue cap: MAX_ISSUES issues in document order, then TOO_MANY_ISSUES (same as request
# validation). Each {"Effect":1} statement has three issues: its Effect, then the missing
# Action and Resource.
capped = []
for i in range(40):
    capped += [["INVALID_TYPE", f"Statement[{i}].Effect"], ["MISSING_ELEMENT", f"Statement[{i}].Action"], ["MISSING_ELEMENT", f"Statement[{i}].Resource"]]
case("issue_cap", "scp-syntax", compact({"Version": "2012-10-17", "Statement": [{"Effect": 1}] * 40}),
     capped[:MAX_ISSUES] + [["TOO_MANY_ISSUES", ""]])

# Bytes that are not UTF-8 (given as hex).
BAD_UTF8 = FULL.encode().replace(b'"Allow"', b'"Allow\xff"')


# --- scp_eval.json ----------------------------------------------------------------------------
EVAL: list[dict] = []
DENY_S3 = policy(stmt("Deny", "s3:*", Sid="DenyS3"))
ALLOW_EC2 = policy(stmt("Allow", "ec2:*"))


def level(target: str, *policies) -> dict:
    return {"target": target, "policies": [{"policy_id": pid, "document": doc} for pid, doc in policies]}


def tree(root=(("p-FullAWSAccess", FULL),), ou=(("p-FullAWSAccess", FULL),), account=(("p-FullAWSAccess", FULL),)):
    return [level("r-abcd", *root), level("ou-abcd-11111111", *ou), level("111111111111", *account)]


def request(action, resource="*", context=None, principal="role"):
    return {"action": action, "resource": resource, "context": context or {}, "principal": principal}


def decision(allowed=False, denied_by=None, missing=None, exempt=None):
    return {"allowed": allowed, "denied_by": denied_by, "missing_allow_at": missing, "exempt": exempt}


ALLOWED = decision(True)


def denied(level, policy_id, statement=0, sid=None, missing=None):
    return decision(False, {"level": level, "policy_id": policy_id, "statement": statement, "sid": sid}, missing)


def ev(name, source, levels, req, expect):
    EVAL.append({"name": name, "source": source, "rules": "current", "levels": levels, "request": req, "expect": expect})


# Inheritance: an Allow at every level, a Deny anywhere wins (SCP evaluation page).
ev("full_access_everywhere", "scp-evaluation", tree(), request("s3:GetObject", "arn:aws:s3:::b/k"), ALLOWED)
ev("no_levels_no_scps", "scps", [], request("s3:GetObject"), ALLOWED)
ev("ou_allows_only_ec2_s3", "scp-evaluation", tree(ou=(("p-ec2only1", ALLOW_EC2),)), request("s3:GetObject"), decision(missing=1))
ev("ou_allows_only_ec2_ec2", "scp-evaluation", tree(ou=(("p-ec2only1", ALLOW_EC2),)), request("ec2:RunInstances"), ALLOWED)
ev("account_without_policies", "scp-evaluation", tree(account=()), request("ec2:RunInstances"), decision(missing=2))
ev("root_allows_only_ec2", "scp-evaluation", tree(root=(("p-ec2only1", ALLOW_EC2),)), request("s3:GetObject"), decision(missing=0))
ev("deny_at_account", "scp-evaluation", tree(account=(("p-FullAWSAccess", FULL), ("p-denys3xx", DENY_S3))), request("s3:PutObject"), denied(2, "p-denys3xx", 0, "DenyS3"))
ev("deny_at_account_other_service", "scp-evaluation", tree(account=(("p-FullAWSAccess", FULL), ("p-denys3xx", DENY_S3))), request("ec2:RunInstances"), ALLOWED)
ev("deny_at_root_and_account_first_wins", "scp-evaluation",
   tree(root=(("p-FullAWSAccess", FULL), ("p-rootdeny", DENY_S3)), account=(("p-FullAWSAccess", FULL), ("p-denys3xx", DENY_S3))),
   request("s3:GetObject"), denied(0, "p-rootdeny", 0, "DenyS3"))
ev("deny_and_missing_allow", "scp-evaluation", tree(ou=(("p-ec2only1", ALLOW_EC2),), account=(("p-denys3xx", DENY_S3), ("p-FullAWSAccess", FULL))),
   request("s3:GetObject"), denied(2, "p-denys3xx", 0, "DenyS3", missing=1))
ev("deny_second_statement", "scp-evaluation",
   tree(account=(("p-FullAWSAccess", FULL), ("p-twostmts", policy(stmt("Deny", "ec2:*"), stmt("Deny", "s3:Delete*", Sid="NoDelete"))))),
   request("s3:DeleteBucket"), denied(2, "p-twostmts", 1, "NoDelete"))
ev("allow_in_second_policy_of_level", "scp-evaluation", tree(ou=(("p-ec2only1", ALLOW_EC2), ("p-s3only11", policy(stmt("Allow", "s3:*"))))),
   request("s3:GetObject"), ALLOWED)

# The seed's filter example: the parent allows A..E, the child C..G; only C, D, E pass.
PARENT = policy(stmt("Allow", [f"svc:{c}" for c in "ABCDE"]))
CHILD = policy(stmt("Allow", [f"svc:{c}" for c in "CDEFG"]))
for letter, expect in zip("ABCDEFG", [decision(missing=1)] * 2 + [ALLOWED] * 3 + [decision(missing=0)] * 2):
    ev(f"filter_example_{letter}", "scps",
       [level("r-abcd", ("p-parentabc", PARENT)), level("ou-abcd-11111111", ("p-childcdef", CHILD))],
       request(f"svc:{letter}"), expect)

# Exemptions (SCPs page: the management account and service-linked roles are not affected).
DENY_ALL = policy(stmt("Deny", "*", Sid="DenyAll"))
ev("management_account_exempt", "scps", tree(account=(("p-denyall11", DENY_ALL),)), request("s3:GetObject", principal="management_account"), decision(True, exempt="MANAGEMENT_ACCOUNT"))
ev("service_linked_role_exempt", "scps", tree(account=(("p-denyall11", DENY_ALL),)), request("s3:GetObject", principal="service_linked_role"), decision(True, exempt="SERVICE_LINKED_ROLE"))
ev("user_not_exempt", "scps", tree(account=(("p-denyall11", DENY_ALL),)), request("s3:GetObject", principal="user"), denied(2, "p-denyall11", 0, "DenyAll", missing=2))
ev("role_not_exempt", "scps", tree(account=(("p-denyall11", DENY_ALL),)), request("s3:GetObject"), denied(2, "p-denyall11", 0, "DenyAll", missing=2))

# Action matching (IAM Action page: case-insensitive; * and ? wildcards).
def one_deny(deny_doc, req, expect_denied, pid="p-testdeny1"):
    return tree(account=(("p-FullAWSAccess", FULL), (pid, deny_doc))), req, (denied(2, pid) if expect_denied else ALLOWED)


for name, pattern, action, hit in [
    ("action_case_insensitive", "s3:GetObject", "S3:getobject", True),
    ("action_prefix_wildcard", "s3:Get*", "s3:GetObjectAcl", True),
    ("action_prefix_wildcard_miss", "s3:Get*", "s3:PutObject", False),
    ("action_question_mark", "s3:Get?bject", "s3:GetObject", True),
    ("action_question_mark_one_char", "s3:Get?bject", "s3:GetObbject", False),
    ("action_other_service", "s3:*", "s3control:GetJob", False),
    ("action_star", "*", "anything:AtAll", True),
    # A '*' at the start or in the middle (current rules; the original ones refuse the document).
    ("action_leading_wildcard", "s3:*Object", "s3:PutObject", True),
    ("action_leading_wildcard_miss", "s3:*Object", "s3:GetObjectAcl", False),
    ("action_inner_wildcards", "ec2:*Vpc*", "ec2:CreateVpcEndpoint", True),
    ("action_inner_wildcards_miss", "ec2:*Vpc*", "ec2:RunInstances", False),
    ("action_middle_wildcard", "ec2:Describe*Tags", "ec2:DescribeInstanceTags", True),
]:
    levels, req, expect = one_deny(policy(stmt("Deny", pattern)), request(action), hit)
    ev(name, "iam-action", levels, req, expect)

NOT_IAM = policy(stmt("Deny", None, NotAction=["iam:*", "sts:AssumeRole"]))
for name, action, hit in [("not_action_excluded", "iam:CreateUser", False), ("not_action_excluded_exact", "STS:assumerole", False),
                          ("not_action_covered", "s3:GetObject", True)]:
    levels, req, expect = one_deny(NOT_IAM, request(action), hit)
    ev(name, "scp-syntax", levels, req, expect)

# Resource matching (IAM Resource page: case-sensitive; wildcards).
SECRET = policy(stmt("Deny", "s3:*", "arn:aws:s3:::secret/*"))
for name, resource, hit in [("resource_match", "arn:aws:s3:::secret/a/b", True), ("resource_other", "arn:aws:s3:::public/a", False),
                            ("resource_case_sensitive", "arn:aws:s3:::Secret/a", False)]:
    levels, req, expect = one_deny(SECRET, request("s3:GetObject", resource), hit)
    ev(name, "iam-resource", levels, req, expect)
NOT_RES = policy(stmt("Deny", "s3:*", None, NotResource=["arn:aws:s3:::allowed-?/*"]))
for name, resource, hit in [("not_resource_excluded", "arn:aws:s3:::allowed-1/k", False), ("not_resource_covered", "arn:aws:s3:::other/k", True),
                            ("not_resource_question_mark_one_char", "arn:aws:s3:::allowed-12/k", True)]:
    levels, req, expect = one_deny(NOT_RES, request("s3:GetObject", resource), hit)
    ev(name, "scp-syntax", levels, req, expect)

# Conditions (IAM condition operators page). Each: a Deny with one condition block, the
# context, and whether the Deny applies.
CONDITIONS = [
    ("string_equals_match", {"StringEquals": {"aws:RequestedRegion": "us-east-1"}}, {"aws:RequestedRegion": ["us-east-1"]}, True),
    ("string_equals_other", {"StringEquals": {"aws:RequestedRegion": "us-east-1"}}, {"aws:RequestedRegion": ["eu-west-1"]}, False),
    ("string_equals_absent", {"StringEquals": {"aws:RequestedRegion": "us-east-1"}}, {}, False),
    ("string_equals_key_case_insensitive", {"StringEquals": {"aws:RequestedRegion": "us-east-1"}}, {"AWS:requestedregion": ["us-east-1"]}, True),
    ("string_equals_value_case_sensitive", {"StringEquals": {"aws:RequestedRegion": "us-east-1"}}, {"aws:RequestedRegion": ["US-EAST-1"]}, False),
    ("string_equals_ignore_case", {"StringEqualsIgnoreCase": {"aws:RequestedRegion": "us-east-1"}}, {"aws:RequestedRegion": ["US-EAST-1"]}, True),
    ("string_equals_any_policy_value", {"StringEquals": {"aws:RequestedRegion": ["us-east-1", "us-west-2"]}}, {"aws:RequestedRegion": ["us-west-2"]}, True),
    ("string_not_equals_outside", {"StringNotEquals": {"aws:RequestedRegion": ["eu-west-1", "eu-central-1"]}}, {"aws:RequestedRegion": ["us-east-1"]}, True),
    ("string_not_equals_inside", {"StringNotEquals": {"aws:RequestedRegion": ["eu-west-1", "eu-central-1"]}}, {"aws:RequestedRegion": ["eu-central-1"]}, False),
    ("string_not_equals_absent_is_true", {"StringNotEquals": {"aws:RequestedRegion": "eu-west-1"}}, {}, True),
    ("string_equals_if_exists_absent", {"StringEqualsIfExists": {"aws:RequestedRegion": "us-east-1"}}, {}, True),
    ("string_equals_if_exists_present_other", {"StringEqualsIfExists": {"aws:RequestedRegion": "us-east-1"}}, {"aws:RequestedRegion": ["eu-west-1"]}, False),
    ("string_like", {"StringLike": {"aws:PrincipalTag/team": "plat*"}}, {"aws:PrincipalTag/team": ["platform"]}, True),
    ("string_not_like", {"StringNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/Break?lass"}}, {"aws:PrincipalArn": ["arn:aws:iam::111111111111:role/BreakGlass"]}, False),
    ("null_true_key_absent", {"Null": {"aws:PrincipalTag/team": "true"}}, {}, True),
    ("null_true_key_present", {"Null": {"aws:PrincipalTag/team": "true"}}, {"aws:PrincipalTag/team": ["x"]}, False),
    ("null_false_key_present", {"Null": {"aws:PrincipalTag/team": "false"}}, {"aws:PrincipalTag/team": ["x"]}, True),
    ("bool_false_matches", {"Bool": {"aws:SecureTransport": "false"}}, {"aws:SecureTransport": ["false"]}, True),
    ("bool_true_context", {"Bool": {"aws:SecureTransport": "false"}}, {"aws:SecureTransport": ["true"]}, False),
    ("bool_absent", {"Bool": {"aws:SecureTransport": "false"}}, {}, False),
    ("bool_if_exists_absent", {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}, {}, True),
    ("numeric_greater_than", {"NumericGreaterThan": {"aws:MultiFactorAuthAge": "3600"}}, {"aws:MultiFactorAuthAge": ["7200"]}, True),
    ("numeric_greater_than_not", {"NumericGreaterThan": {"aws:MultiFactorAuthAge": "3600"}}, {"aws:MultiFactorAuthAge": ["60"]}, False),
    ("numeric_context_not_a_number", {"NumericGreaterThan": {"aws:MultiFactorAuthAge": 3600}}, {"aws:MultiFactorAuthAge": ["lots"]}, False),
    ("numeric_equals_decimal", {"NumericEquals": {"s3:max-keys": "10"}}, {"s3:max-keys": ["10.0"]}, True),
    ("date_less_than", {"DateLessThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}}, {"aws:CurrentTime": ["2026-05-01T12:00:00Z"]}, True),
    ("date_less_than_epoch_context", {"DateLessThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}}, {"aws:CurrentTime": ["1893456000"]}, False),
    ("date_offset", {"DateEquals": {"aws:CurrentTime": "2026-01-01T00:00:00Z"}}, {"aws:CurrentTime": ["2026-01-01T01:00:00+01:00"]}, True),
    ("ip_address_inside", {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}, {"aws:SourceIp": ["203.0.113.9"]}, True),
    ("not_ip_address_outside", {"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}, {"aws:SourceIp": ["198.51.100.1"]}, True),
    ("not_ip_address_inside", {"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}, {"aws:SourceIp": ["203.0.113.5"]}, False),
    ("not_ip_address_absent", {"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}, {}, True),
    ("ipv6_range", {"IpAddress": {"aws:SourceIp": "2001:db8::/32"}}, {"aws:SourceIp": ["2001:db8:1::5"]}, True),
    ("arn_not_like_admin", {"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/Admin*"}}, {"aws:PrincipalArn": ["arn:aws:iam::111111111111:role/AdminOps"]}, False),
    ("arn_not_like_other", {"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/Admin*"}}, {"aws:PrincipalArn": ["arn:aws:iam::111111111111:role/Dev"]}, True),
    ("arn_like_part_by_part", {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/*"}}, {"aws:PrincipalArn": ["arn:aws:sts::111111111111:role/x"]}, False),
    ("arn_equals_case_sensitive", {"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::111111111111:role/Dev"}}, {"aws:PrincipalArn": ["arn:aws:iam::111111111111:role/dev"]}, False),
    ("for_any_value_hit", {"ForAnyValue:StringEquals": {"aws:TagKeys": ["secret"]}}, {"aws:TagKeys": ["a", "secret"]}, True),
    ("for_any_value_miss", {"ForAnyValue:StringEquals": {"aws:TagKeys": ["secret"]}}, {"aws:TagKeys": ["a"]}, False),
    ("for_any_value_absent_is_false", {"ForAnyValue:StringEquals": {"aws:TagKeys": ["secret"]}}, {}, False),
    ("for_all_values_subset", {"ForAllValues:StringEquals": {"aws:TagKeys": ["a", "b"]}}, {"aws:TagKeys": ["a"]}, True),
    ("for_all_values_not_subset", {"ForAllValues:StringEquals": {"aws:TagKeys": ["a", "b"]}}, {"aws:TagKeys": ["a", "c"]}, False),
    ("for_all_values_absent_is_true", {"ForAllValues:StringEquals": {"aws:TagKeys": ["a", "b"]}}, {}, True),
    ("for_all_values_empty_is_true", {"ForAllValues:StringEquals": {"aws:TagKeys": ["a", "b"]}}, {"aws:TagKeys": []}, True),
    ("keys_are_anded_both", {"StringEquals": {"aws:RequestedRegion": "us-east-1", "aws:PrincipalTag/team": "dev"}}, {"aws:RequestedRegion": ["us-east-1"], "aws:PrincipalTag/team": ["dev"]}, True),
    ("keys_are_anded_one", {"StringEquals": {"aws:RequestedRegion": "us-east-1", "aws:PrincipalTag/team": "dev"}}, {"aws:RequestedRegion": ["us-east-1"]}, False),
    ("operators_are_anded", {"StringEquals": {"aws:RequestedRegion": "us-east-1"}, "Bool": {"aws:SecureTransport": "false"}}, {"aws:RequestedRegion": ["us-east-1"], "aws:SecureTransport": ["true"]}, False),
    ("policy_variables_not_substituted", {"StringEquals": {"aws:PrincipalTag/team": "${aws:username}"}}, {"aws:PrincipalTag/team": ["${aws:username}"]}, True),
]
for name, condition, context, hit in CONDITIONS:
    levels, req, expect = one_deny(deny_with(condition), request("s3:GetObject", "arn:aws:s3:::b/k", context), hit)
    ev("condition_" + name, "iam-condition-operators", levels, req, expect)

# An Allow with a Condition (current rules): outside the condition, the level has no Allow.
EU_ONLY = policy(stmt("Allow", "*", "*", Condition={"StringEquals": {"aws:RequestedRegion": "eu-west-1"}}))
ev("allow_with_condition_inside", "scp-syntax", tree(ou=(("p-euonly111", EU_ONLY),)), request("ec2:RunInstances", context={"aws:RequestedRegion": ["eu-west-1"]}), ALLOWED)
ev("allow_with_condition_outside", "scp-syntax", tree(ou=(("p-euonly111", EU_ONLY),)), request("ec2:RunInstances", context={"aws:RequestedRegion": ["us-east-1"]}), decision(missing=1))
ev("allow_with_not_resource", "scp-syntax", tree(account=(("p-notsecret", policy(stmt("Allow", "*", None, NotResource="arn:aws:s3:::secret/*"))),)),
   request("s3:GetObject", "arn:aws:s3:::secret/k"), decision(missing=2))


def build_check() -> dict:
    cases = []
    for name, source, document, original, current in CHECK:
        for rules, expect in (("original", original), ("current", current)):
            cases.append({"name": name, "source": source, "rules": rules, "document": document, "expect": expect})
    for rules in ("original", "current"):
        cases.append({"name": "not_utf8", "source": "rfc8259", "rules": rules, "document_hex": BAD_UTF8.hex(), "expect": [["NOT_UTF8", ""]]})
    return {
        "description": __doc__.strip().splitlines()[0],
        "sources": SOURCES,
        "max_chars": MAX_CHARS,
        "note": "expect: [code, path] pairs; compare as multisets (order aside). document_hex: raw bytes.",
        "cases": cases,
    }


def build_eval() -> dict:
    return {
        "description": __doc__.strip().splitlines()[0],
        "sources": SOURCES,
        "note": "levels: root first, account last; each policy document is checked with the case's rules first. principal: user, role, service_linked_role, management_account.",
        "cases": EVAL,
    }


def main() -> int:
    outputs = {"scp_check.json": build_check(), "scp_eval.json": build_eval()}
    stale = False
    for filename, data in outputs.items():
        text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
        target = HERE / filename
        if "--check" in sys.argv:
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                print(f"tests/vectors/{filename} is stale; run tests/vectors/build_scp_vectors.py")
                stale = True
        else:
            target.write_text(text, encoding="utf-8")
            print(f"wrote {target} ({len(data['cases'])} cases)")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
