#!/usr/bin/env python3
"""Writes the shared request-validation vectors:

- tests/vectors/requests/<service>.json — the original (seed) edition;
- tests/vectors/requests/current/<service>.json — the current edition (the *.latest.json models;
  Chime's model is the same file in both editions);
- tests/vectors/requests/cross_edition.json — one request, its issues under each edition
  ("UNKNOWN_OPERATION" where the edition has no such operation).

For every operation of an edition: a full valid request, a minimal one, and for every
constraint its members carry (required, type, enum, lengths, range, pattern, list members,
nesting, unknown members) a request that breaks exactly that constraint, with the exact list
of (path, code) the validator must report, plus the cross-field rules the seeds state.
The original edition's expectations are stated case by case; the current edition's come from
`Checker`, a small re-statement of the validator's rules in Python (which must also reproduce
every expectation of the original edition, checked on every run).

The expectations are derived here, in Python, from the model files and DESIGN.md — not from
the Rust code they test. Run after editing; `--check` (CI) fails when the JSON is stale.

Order of expected issues (the validator's documented order): a structure's members in model
order, depth first — for one string: enum, minimum length, maximum length, pattern — then the
structure's unknown members sorted by name; the operation's cross-field rules last.

A string too long to store usefully is written {"$repeat": CHAR, "$times": N}; every loader
expands it to CHAR * N.
"""
from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MODELS = HERE.parent.parent / "core" / "models"

SERVICES = {
    "organizations": "organizations-2016-11-28.2017-02.json",
    "account": "account-2021-02-01.2021-09.json",
    "chime": "chime-2018-05-01.accounts-subset.2021-07.json",
}

# DESIGN rule 4: names limited to printable ASCII (no model pattern in 2017).
PRINTABLE_NAMES = {"AccountName", "OrganizationalUnitName", "PolicyName", "RootName", "TargetName"}

# Valid and invalid sample text per pattern (the invalid one keeps every length constraint of
# the shapes that use the pattern, so that only the pattern fails).
PATTERNS = {
    r"^\d{12}$": ("123456789012", "12345678901x"),
    "^o-[a-z0-9]{10,32}$": ("o-exampleorgid", "o-EXAMPLE"),
    "^r-[0-9a-z]{4,32}$": ("r-abcd", "r-AB"),
    "^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$": ("ou-abcd-12345678", "ou-abcd"),
    "^p-[0-9a-zA-Z_]{8,128}$": ("p-examplepolicy1", "p-bad-policy"),
    "^h-[0-9a-z]{8,32}$": ("h-examplehandshake1", "h-ABC12345"),
    "^car-[a-z0-9]{8,32}$": ("car-examplerequest1", "car-SHORT"),
    r"^(\d{12})|(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$": ("ou-abcd-12345678", "123456789012-junk"),
    "^(r-[0-9a-z]{4,32})|(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$": ("r-abcd", "junk-ou-abcd-12345678"),
    r"^(r-[0-9a-z]{4,32})|(\d{12})|(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$": ("123456789012", "o-1234567890"),
    r"[\w+=,.-]+@[\w.-]+\.[\w]+": ("someone@example.com", "not-an-email"),
    r"[\w+=,.@-]{1,64}": ("OrganizationAccountAccessRole", "bad role"),
    r"^[\s0-9()+-]+$": ("+1 (555) 010-0100", "555-CALL-NOW"),
    r".*\S.*": ("Team Alpha", "   "),
    r".+@.+\..+": ("someone@example.com", "no-at-sign"),
    "printable": ("Production", "Caf\u00e9"),
}
PATTERN_CODE = {r"^(r-[0-9a-z]{4,32})|(\d{12})|(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$": "INVALID_PATTERN_TARGET_ID"}

# Plain-text samples where the name says more than the shape.
TEXT_SAMPLES = {
    "PolicyContent": '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
    "PolicyDescription": "Allows everything",
    "HandshakeNotes": "Welcome to the organization",
    "NextToken": "eyJvZmZzZXQiOjIwfQ",
    "String": "eyJvZmZzZXQiOjIwfQ",
    "HandshakePartyId": "123456789012",
    "Name": "Jane Doe",
    "Title": "Chief Financial Officer",
}

LONG_TEXT_LIMIT = 2000  # longer strings are written as {"$repeat": …}


class Model:
    def __init__(self, service: str, data: dict) -> None:
        self.service = service
        self.shapes = data["shapes"]
        self.operations = data["operations"]

    def pattern_of(self, name: str) -> str | None:
        shape = self.shapes[name]
        if "pattern" in shape:
            return shape["pattern"]
        if self.service == "organizations" and name in PRINTABLE_NAMES:
            return "printable"
        return None

    # -- valid samples --------------------------------------------------------------------
    def sample(self, name: str, minimal: bool = False):
        shape = self.shapes[name]
        kind = shape["type"]
        if kind == "string":
            if "enum" in shape:
                return shape["enum"][0]
            pattern = self.pattern_of(name)
            if pattern is not None:
                return PATTERNS[pattern][0]
            return TEXT_SAMPLES.get(name, "text")
        if kind == "integer":
            low, high = shape.get("min", 1), shape.get("max", 100)
            return (low + high) // 2
        if kind == "boolean":
            return True
        if kind == "list":
            return [self.sample(shape["member"]["shape"], minimal)]
        if kind == "structure":
            required = set(shape.get("required", []))
            out = {}
            for member, ref in shape["members"].items():
                if minimal and member not in required:
                    continue
                out[member] = self.sample(ref["shape"], minimal)
            return out
        raise ValueError(f"no sample for {kind}")


def long_text(char: str, times: int):
    if times > LONG_TEXT_LIMIT:
        return {"$repeat": char, "$times": times}
    return char * times


def join(path: str, member: str) -> str:
    return f"{path}.{member}" if path else member


def set_at(request: dict, steps: list, value) -> dict:
    """A copy of `request` with the member at `steps` (keys and list indexes) set, or removed
    when `value` is REMOVE."""
    out = copy.deepcopy(request)
    target = out
    for step in steps[:-1]:
        target = target[step]
    if value is REMOVE:
        del target[steps[-1]]
    else:
        target[steps[-1]] = value
    return out


REMOVE = object()


def string_cases(model: Model, name: str, path: str):
    """(value, [codes]) pairs breaking one constraint of string shape `name` each."""
    shape = model.shapes[name]
    cases = [(12345, ["INVALID_TYPE"], "a number where text is expected")]
    if "enum" in shape:
        cases.append(("NOT_A_VALUE", ["INVALID_ENUM"], "not in the enumeration"))
        cases.append((shape["enum"][0].lower(), ["INVALID_ENUM"], "enumerations are case-sensitive"))
        return cases
    pattern = model.pattern_of(name)
    low, high = shape.get("min"), shape.get("max")
    valid = PATTERNS[pattern][0] if pattern else TEXT_SAMPLES.get(name, "text")
    email = r"[\w+=,.-]+@[\w.-]+\.[\w]+"
    if low:
        if pattern in (None, "printable"):
            cases.append(("x" * (low - 1), ["MIN_LENGTH_EXCEEDED"], f"min-1 ({low - 1} characters)"))
        elif pattern == email and low == 6:
            cases.append(("a@b.c", ["MIN_LENGTH_EXCEEDED"], "min-1 (5 characters, pattern matches)"))
        elif low == 1:
            code = PATTERN_CODE.get(pattern, "INVALID_PATTERN")
            cases.append(("", ["MIN_LENGTH_EXCEEDED", code], "empty: below min and no pattern match"))
        at_min = None
        if pattern in (None, "printable"):
            at_min = "x" * low
        elif pattern == r"[\w+=,.-]+@[\w.-]+\.[\w]+" and low == 6:
            at_min = "a@b.co"
        if at_min is not None:
            cases.append((at_min, [], f"exactly min ({low} characters)"))
    if high:
        if pattern in (None, "printable"):
            too_long, at_max = long_text("x", high + 1), long_text("x", high)
        elif pattern in (r"[\w+=,.-]+@[\w.-]+\.[\w]+",):
            domain = "@example.com"
            too_long = "x" * (high + 1 - len(domain)) + domain
            at_max = "x" * (high - len(domain)) + domain
        elif pattern == r"^[\s0-9()+-]+$":
            too_long, at_max = "5" * (high + 1), "5" * high
        elif pattern == r".*\S.*":
            too_long, at_max = "a" * (high + 1), "a" * high
        else:
            too_long = at_max = None
        if too_long is not None:
            cases.append((too_long, ["MAX_LENGTH_EXCEEDED"], f"max+1 ({high + 1} characters)"))
            cases.append((at_max, [], f"exactly max ({high} characters)"))
    if pattern is not None:
        code = PATTERN_CODE.get(pattern, "INVALID_PATTERN")
        cases.append((PATTERNS[pattern][1], [code], "breaks the pattern"))
        if pattern != r"^[\s0-9()+-]+$" and (pattern.startswith("^") or pattern in (email, r"[\w+=,.@-]{1,64}")):
            # Whole-value matching (DESIGN rule 1): trailing junk and non-ASCII digits fail.
            cases.append((valid + " ", [code], "trailing space (whole-value match)"))
        if pattern == r"^\d{12}$":
            cases.append(("\u0661" * 12, [code], "Arabic-Indic digits are not digits"))
    return cases


def member_cases(model: Model, shape_name: str, base: dict, steps: list, path: str):
    """Every one-constraint mutation of the members of structure `shape_name`, which sits at
    `steps` inside the request `base`. Yields (request, [(path, code)], note)."""
    shape = model.shapes[shape_name]
    required = set(shape.get("required", []))
    for member, ref in shape["members"].items():
        target = ref["shape"]
        member_path = join(path, member)
        member_steps = steps + [member]
        kind = model.shapes[target]["type"]
        if member in required:
            yield set_at(base, member_steps, REMOVE), [(member_path, "INPUT_REQUIRED")], "required member missing"
        if kind == "string":
            for value, codes, note in string_cases(model, target, member_path):
                yield set_at(base, member_steps, value), [(member_path, c) for c in codes], note
        elif kind == "integer":
            spec = model.shapes[target]
            yield set_at(base, member_steps, "5"), [(member_path, "INVALID_TYPE")], "text where a number is expected"
            yield set_at(base, member_steps, 2.5), [(member_path, "INVALID_TYPE")], "a fraction"
            yield set_at(base, member_steps, True), [(member_path, "INVALID_TYPE")], "a boolean is not a number"
            if "min" in spec:
                yield set_at(base, member_steps, spec["min"] - 1), [(member_path, "MIN_VALUE_EXCEEDED")], "min-1"
                yield set_at(base, member_steps, spec["min"]), [], "exactly min"
            if "max" in spec:
                yield set_at(base, member_steps, spec["max"] + 1), [(member_path, "MAX_VALUE_EXCEEDED")], "max+1"
                yield set_at(base, member_steps, spec["max"]), [], "exactly max"
        elif kind == "list":
            member_shape = model.shapes[target]["member"]["shape"]
            yield set_at(base, member_steps, "x"), [(member_path, "INVALID_TYPE")], "text where a list is expected"
            good = model.sample(member_shape)
            yield set_at(base, member_steps, []), [], "an empty list"
            if model.shapes[member_shape]["type"] == "string" and "enum" in model.shapes[member_shape]:
                yield (
                    set_at(base, member_steps, [good, "NOT_A_VALUE"]),
                    [(f"{member_path}[1]", "INVALID_ENUM")],
                    "one bad list member",
                )
                yield (
                    set_at(base, member_steps, [good, 7]),
                    [(f"{member_path}[1]", "INVALID_TYPE")],
                    "a list member of the wrong type",
                )
        elif kind == "structure":
            yield set_at(base, member_steps, "x"), [(member_path, "INVALID_TYPE")], "text where a structure is expected"
            nested = set_at(base, member_steps, model.sample(target))
            yield (
                set_at(nested, member_steps + ["Bogus"], 1),
                [(f"{member_path}.Bogus", "UNKNOWN_PARAMETER")],
                "unknown nested member",
            )
            yield from member_cases(model, target, nested, member_steps, member_path)


def cross_field(model: Model, operation: str, params) -> list:
    """The seeds' cross-field rules, as the validator applies them after the member walk."""
    out = []
    if model.service != "organizations" or not isinstance(params, dict):
        return out
    if operation in ("ListHandshakesForAccount", "ListHandshakesForOrganization"):
        flt = params.get("Filter")
        if isinstance(flt, dict) and flt.get("ActionType") is not None and flt.get("ParentHandshakeId") is not None:
            out.append(("Filter", "MAX_LIMIT_EXCEEDED_FILTER"))
    if operation == "InviteAccountToOrganization":
        target = params.get("Target")
        if isinstance(target, dict):
            for member in ("Id", "Type"):
                if member not in target:
                    out.append((f"Target.{member}", "INPUT_REQUIRED"))
            kind, ident = target.get("Type"), target.get("Id")
            import re

            account = re.compile(r"[0-9]{12}")
            email = re.compile(r"[A-Za-z0-9_+=,.-]+@[A-Za-z0-9_.-]+\.[A-Za-z0-9_]+")
            if kind == "ACCOUNT" and isinstance(ident, str) and not account.fullmatch(ident):
                out.append(("Target.Id", "INVALID_PARTY_TYPE_TARGET"))
            elif kind == "EMAIL" and isinstance(ident, str) and not (
                email.fullmatch(ident) and 6 <= len(ident) <= 64
            ):
                out.append(("Target.Id", "INVALID_PARTY_TYPE_TARGET"))
            elif kind == "ORGANIZATION":
                out.append(("Target.Type", "INVALID_PARTY_TYPE_TARGET"))
    return out


def operation_cases(model: Model, name: str) -> list[dict]:
    op = model.operations[name]
    cases = []

    def add(params, issues, note):
        issues = list(issues) + cross_field(model, name, params)
        cases.append({"operation": name, "note": note, "params": params, "issues": [list(i) for i in issues]})

    if "input" not in op:
        add({}, [], "no parameters")
        add({"Bogus": 1}, [("Bogus", "UNKNOWN_PARAMETER")], "this operation takes no parameters")
        add([], [("", "INVALID_TYPE")], "the request is not an object")
        return cases
    shape = op["input"]["shape"]
    full = model.sample(shape)
    minimal = model.sample(shape, minimal=True)
    add(full, [], "every member, valid")
    if minimal != full:
        add(minimal, [], "required members only, valid")
    add(dict(full, Bogus=1, Another="x"), [("Another", "UNKNOWN_PARAMETER"), ("Bogus", "UNKNOWN_PARAMETER")],
        "unknown members (sorted by name)")
    add("CreateAccount", [("", "INVALID_TYPE")], "the request is not an object")
    for params, issues, note in member_cases(model, shape, full, [], ""):
        add(params, issues, note)
    return cases


def extra_cases(model: Model) -> list[dict]:
    """Cases for rules and combinations the per-member walk does not produce."""
    out = []
    if model.service == "organizations":
        for op in ("ListHandshakesForAccount", "ListHandshakesForOrganization"):
            out.append((op, {"Filter": {"ActionType": "INVITE", "ParentHandshakeId": "h-examplehandshake1"}},
                        "ActionType and ParentHandshakeId together"))
            out.append((op, {"Filter": {"ActionType": "INVITE"}}, "ActionType alone"))
            out.append((op, {"Filter": {"ParentHandshakeId": "h-examplehandshake1"}}, "ParentHandshakeId alone"))
        invite = "InviteAccountToOrganization"
        out += [
            (invite, {"Target": {"Id": "someone@example.com", "Type": "EMAIL"}}, "invite by email"),
            (invite, {"Target": {"Id": "someone@example.com", "Type": "ACCOUNT"}}, "ACCOUNT target with an email"),
            (invite, {"Target": {"Id": "123456789012", "Type": "EMAIL"}}, "EMAIL target with an account ID"),
            (invite, {"Target": {"Id": "o-exampleorgid", "Type": "ORGANIZATION"}}, "an organization target"),
            (invite, {"Target": {"Type": "ACCOUNT"}}, "target without Id"),
            (invite, {"Target": {"Id": "123456789012"}}, "target without Type"),
            (invite, {"Target": {}}, "empty target"),
            ("CreateAccount", {"Email": "not-an-email", "AccountName": "Caf\u00e9", "RoleName": "bad role",
                               "IamUserAccessToBilling": "MAYBE"}, "every member wrong at once"),
            ("CreateAccount", {}, "nothing given"),
        ]
    cases = []
    for op, params, note in out:
        issues = expected_by_walk(model, op, params) + cross_field(model, op, params)
        cases.append({"operation": op, "note": note, "params": params, "issues": [list(i) for i in issues]})
    return cases


def expected_by_walk(model: Model, op: str, params: dict) -> list:
    """A small independent re-statement of the member walk for the hand-written extra cases
    (strings, enums, patterns, required and unknown members only)."""
    import re

    def pattern_ok(pattern: str, text: str) -> bool:
        if pattern == "printable":
            return all(" " <= c <= "~" for c in text)
        # Every \w of these patterns sits inside a character class.
        ascii_pattern = pattern.replace(r"\d", "[0-9]").replace(r"\w", "A-Za-z0-9_")
        if ascii_pattern.startswith("^(") and "|" in ascii_pattern:
            alternatives = ascii_pattern[1:-1].split("|")
            return any(re.fullmatch(a.strip("()"), text) for a in alternatives)
        return re.fullmatch(ascii_pattern.lstrip("^").rstrip("$"), text) is not None

    def walk(shape_name: str, value, path: str) -> list:
        shape = model.shapes[shape_name]
        issues = []
        if shape["type"] == "structure":
            required = set(shape.get("required", []))
            for member, ref in shape["members"].items():
                if member in value:
                    issues += walk(ref["shape"], value[member], join(path, member))
                elif member in required:
                    issues.append((join(path, member), "INPUT_REQUIRED"))
            for key in sorted(k for k in value if k not in shape["members"]):
                issues.append((join(path, key), "UNKNOWN_PARAMETER"))
        elif shape["type"] == "string":
            if "enum" in shape and value not in shape["enum"]:
                issues.append((path, "INVALID_ENUM"))
            if "min" in shape and len(value) < shape["min"]:
                issues.append((path, "MIN_LENGTH_EXCEEDED"))
            if "max" in shape and len(value) > shape["max"]:
                issues.append((path, "MAX_LENGTH_EXCEEDED"))
            pattern = model.pattern_of(shape_name)
            if pattern and not pattern_ok(pattern, value) and not (pattern == "printable" and value == ""):
                issues.append((path, PATTERN_CODE.get(pattern, "INVALID_PATTERN")))
        return issues

    return walk(model.operations[op]["input"]["shape"], params, "")


# =============================================================================================
# The current edition (the *.latest.json models) and the cross-edition cases
# =============================================================================================

CURRENT_SERVICES = {
    "organizations": "organizations-2016-11-28.latest.json",
    "account": "account-2021-02-01.latest.json",
    "chime": "chime-2018-05-01.accounts-subset.2021-07.json",  # the same file in both editions
}

ANYTHING = r"[\s\S]*"  # matches every value: no pattern issue ever
ORIGINAL_EMAIL = r"[\w+=,.-]+@[\w.-]+\.[\w]+"
CURRENT_EMAIL = r"[^\s@]+@[^\s@]+\.[^\s@]+"
ACCOUNT_EMAIL = r"[\s]*[\w+=.#|!&-]+@[\w.-]+\.[\w]+[\s]*"
TAG_PATTERN = r"^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$"
TAGGABLE = (
    r"^(r-[0-9a-z]{4,32})|(\d{12})|(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})|(^p-[0-9a-zA-Z_]{8,128})"
    r"|(^rp-[0-9a-zA-Z_]{4,128})|(^rt-[0-9a-zA-Z_]{8,32})$"
)
SERVICE_PRINCIPAL = r"[\w+=,.@-]*"
ROLE_NAME = r"[\w+=,.@-]{1,64}"

# DESIGN rule 4 in the current edition: the same names, plus the two shapes whose own pattern is
# the printable-ASCII rule (`[\u0020-\u007E]+`, `^[ -~]+$`); an empty name is only too short.
CURRENT_PRINTABLE = PRINTABLE_NAMES | {"CreateAccountName", "ResponsibilityTransferName"}

CURRENT_PATTERNS = {
    **PATTERNS,
    CURRENT_EMAIL: ("someone@example.com", "not-an-email"),
    SERVICE_PRINCIPAL: ("securityhub.amazonaws.com", "bad principal"),
    TAG_PATTERN: ("CostCenter", "Cost#Center"),
    "^rt-[0-9a-z]{8,32}$": ("rt-exampletransfer1", "rt-EXAMPLE12"),
    TAGGABLE: ("ou-abcd-12345678", "123456789012-junk"),
    r"\d{12}": ("123456789012", "12345678901x"),
    "[ -;=?-~]+": ("Production", "Prod<1>"),
    r"[+][\s0-9()-]+": ("+1 (555) 010-0100", "555-010-0100"),
    ACCOUNT_EMAIL: ("someone@example.com", "not-an-email"),
    "[a-zA-Z0-9]{6}": ("A1b2C3", "12345"),
    r"[\s0-9()+-]+": ("+1 (555) 010-0100", "555-CALL-NOW"),
}
# Where two shapes share a pattern but want different samples.
CURRENT_SHAPE_SAMPLES = {"TagValue": ("Engineering", "R&D")}
CURRENT_TEXT = {
    **TEXT_SAMPLES,
    "ResourcePolicyContent": '{"Version":"2012-10-17","Statement":[{"Effect":"Allow",'
    '"Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"organizations:Describe*",'
    '"Resource":"*"}]}',
    "AddressLine": "123 Any Street",
    "City": "Seattle",
    "CompanyName": "Example Corp",
    "CountryCode": "US",
    "DistrictOrCounty": "King",
    "FullName": "Jane Doe",
    "PostalCode": "98101",
    "PrimaryEmailAddress": "someone@example.com",
    "RegionName": "af-south-1",
    "StateOrRegion": "WA",
    "WebsiteUrl": "https://example.com",
    "ListRegionsRequestNextTokenString": "eyJvZmZzZXQiOjIwfQ",
}
TIMESTAMP_SAMPLE = 1767225600  # 2026-01-01T00:00:00Z in epoch seconds (DESIGN rule 9)

# Values beyond the generic mutations, per pattern: (value, note); the Checker says what each
# must report.
PATTERN_EXTRAS = {
    "printable": [
        ("Caf\u00e9", "non-ASCII (DESIGN rule 4)"),
        ("Prod\tuction", "a control character"),
        ("Prod\x7f", "DEL is not printable"),
        (" ", "a space is printable ASCII"),
        ("~!@#$%^&*()_+{}|:\"<>?`-=[]\\;',./", "all ASCII punctuation"),
    ],
    CURRENT_EMAIL: [
        ("caf\u00e9@example.com", "non-ASCII is allowed: only whitespace and '@' are refused"),
        ("a'b@example.com", "an apostrophe"),
        ("some#one@example.com", "a '#'"),
        ("a\u00a0b@example.com", "NBSP is not \\s (ASCII classes)"),
        ("a@b@example.com", "two '@'"),
        ("some one@example.com", "an inner space"),
        ("someone@example", "no dot after the '@'"),
        ("someone@example.com\x0b", "a vertical tab is \\s"),
    ],
    TAG_PATTERN: [
        ("\u65e5\u672c", "letters of any script"),
        ("\u00dcn\u00efc\u00f6de", "accented letters"),
        ("a\u00a0b", "NBSP is a separator (\\p{Z})"),
        ("\u0661\u0662\u0663", "numbers of any script (\\p{N})"),
        ("a b", "a space"),
        ("_.:/=+-@", "every punctuation the pattern allows"),
        ("a\tb", "a tab is not \\p{Z}"),
        ("a\nb", "a newline is not \\p{Z}"),
        ("a,b", "a comma"),
        ("a#b", "a '#'"),
        ("a\U0001F600", "an emoji is not a letter"),
    ],
    SERVICE_PRINCIPAL: [
        ("s\u00e9rvice.amazonaws.com", "non-ASCII"),
        ("svc/x", "a slash"),
        ("a+b=c,d.e@f-g_h", "every punctuation the pattern allows"),
    ],
    "[ -;=?-~]+": [
        ("a<b", "'<' is refused"),
        ("a>b", "'>' is refused"),
        ("Caf\u00e9", "non-ASCII"),
        (" ", "a space"),
        ("a=b?c;d", "'=', '?' and ';' are allowed"),
    ],
    ACCOUNT_EMAIL: [
        (" someone@example.com ", "surrounding spaces are allowed"),
        ("\tsomeone@example.com\n", "surrounding whitespace is allowed"),
        ("a,b@example.com", "a comma is refused in this edition"),
        ("a#b|c!d&e@example.com", "'#', '|', '!' and '&' are allowed"),
        ("caf\u00e9@example.com", "non-ASCII"),
        ("some one@example.com", "an inner space"),
    ],
    "[a-zA-Z0-9]{6}": [
        ("A1b2C3D", "seven characters"),
        ("A1b2C!", "punctuation"),
        ("", "empty"),
    ],
    r"[+][\s0-9()-]+": [
        ("+", "only the '+'"),
        ("+1 555+0100", "a second '+'"),
    ],
    "^rt-[0-9a-z]{8,32}$": [
        ("rt-abcdefgh", "body at min"),
        ("rt-" + "a" * 32, "body at max"),
        ("rt-abcdefg", "body min-1"),
        ("rt-" + "a" * 33, "body max+1"),
        ("rp-abcdefgh", "a resource policy ID"),
    ],
    TAGGABLE: [
        ("r-abcd", "a root"),
        ("123456789012", "an account"),
        ("p-examplepolicy1", "a policy"),
        ("p-FullAWSAccess", "the AWS-managed policy"),
        ("rp-abcd", "a resource policy"),
        ("rt-abcdefgh", "a responsibility transfer"),
        ("p-" + "A" * 128, "a policy ID at max (130 characters)"),
        ("rp-" + "a" * 128, "a valid resource policy ID of 131 characters is over this shape's max"),
        ("rt-ABCDEFGH", "orgkit uses ResponsibilityTransferId's lower-case pattern for rt- IDs"),
        ("o-exampleorgid", "an organization is not taggable"),
        ("junk-ou-abcd-12345678", "mis-anchored union case"),
    ],
}


def _ascii_classes(pattern: str) -> str:
    """`pattern` for Python's `re`, with DESIGN rule 1's ASCII classes."""
    classes = {"d": "0-9", "w": "A-Za-z0-9_", "s": " \\t\\n\\x0b\\x0c\\r"}
    out, in_class, i = [], False, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            escaped = pattern[i + 1]
            if escaped in classes:
                out.append(classes[escaped] if in_class else f"[{classes[escaped]}]")
            elif escaped == "S" and not in_class:
                out.append("[^ \\t\\n\\x0b\\x0c\\r]")
            else:
                assert escaped != "S", pattern
                out.append(ch + escaped)
            i += 2
            continue
        if ch == "[" and not in_class:
            in_class = True
        elif ch == "]" and in_class:
            in_class = False
        out.append(ch)
        i += 1
    return "".join(out)


def pattern_matches(pattern: str, text: str) -> bool:
    """Whether `text` as a whole matches `pattern` under DESIGN's rules."""
    import re
    import unicodedata

    if pattern == "printable":
        return all(" " <= c <= "~" for c in text)
    if pattern == ANYTHING:
        return True
    if pattern == TAG_PATTERN:
        return all(unicodedata.category(c)[0] in "LZN" or c in "_.:/=+-@" for c in text)
    if pattern.startswith("^(") and pattern.endswith(")$") and ")|(" in pattern:
        # Rule 2: the union of the fully anchored alternatives.
        alternatives = [a.lstrip("^") for a in pattern[2:-2].split(")|(")]
        # orgkit's TaggableResourceId takes ResponsibilityTransferId's own pattern.
        alternatives = ["rt-[0-9a-z]{8,32}" if a == "rt-[0-9a-zA-Z_]{8,32}" else a for a in alternatives]
    else:
        alternatives = [pattern.removeprefix("^").removesuffix("$")]
    return any(re.fullmatch(_ascii_classes(a), text) is not None for a in alternatives)


def expand(value):
    if isinstance(value, dict) and "$repeat" in value:
        return value["$repeat"] * value["$times"]
    if isinstance(value, dict):
        return {k: expand(v) for k, v in value.items()}
    if isinstance(value, list):
        return [expand(v) for v in value]
    return value


def compact(value: str):
    """A long string of one repeated character as {"$repeat": …}."""
    if len(value) > LONG_TEXT_LIMIT:
        assert len(set(value)) == 1, "long samples repeat one character"
        return long_text(value[0], len(value))
    return value


def snake_case(name: str) -> str:
    """botocore's method name for an operation (CreateAccount -> create_account)."""
    import re

    name = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name).lower()


class CurrentModel(Model):
    """A model of the current edition: the latest patterns, with DESIGN's rules applied."""

    def pattern_of(self, name: str) -> str | None:
        if self.service == "organizations" and name in CURRENT_PRINTABLE:
            return "printable"
        pattern = self.shapes[name].get("pattern")
        return None if pattern == ANYTHING else pattern

    def samples(self, name: str) -> tuple[str, str | None]:
        """(valid, pattern-breaking) text for string shape `name`."""
        if name in CURRENT_SHAPE_SAMPLES:
            return CURRENT_SHAPE_SAMPLES[name]
        pattern = self.pattern_of(name)
        if pattern is not None:
            return CURRENT_PATTERNS[pattern]
        return CURRENT_TEXT.get(name, "text"), None

    def sample(self, name: str, minimal: bool = False):
        shape = self.shapes[name]
        if shape["type"] == "string" and "enum" not in shape:
            return self.samples(name)[0]
        if shape["type"] == "timestamp":
            return TIMESTAMP_SAMPLE
        return super().sample(name, minimal)


class Checker:
    """The validator's rules, re-stated: every (path, code) of a request under one edition."""

    def __init__(self, edition: str, model: Model) -> None:
        self.edition = edition
        self.model = model

    def operation_name(self, operation: str) -> str | None:
        if operation in self.model.operations:
            return operation
        return next((n for n in self.model.operations if snake_case(n) == operation), None)

    def check(self, operation: str, params):
        name = self.operation_name(operation)
        if name is None:
            return "UNKNOWN_OPERATION"
        params = expand(params)
        op = self.model.operations[name]
        if "input" in op:
            issues = self.walk(op["input"]["shape"], params, "")
        elif not isinstance(params, dict):
            issues = [("", "INVALID_TYPE")]
        else:
            issues = [(key, "UNKNOWN_PARAMETER") for key in sorted(params)]
        if self.edition == "original":
            return issues + cross_field(self.model, name, params)
        return issues + self.current_cross_field(name, params)

    def walk(self, shape_name: str, value, path: str) -> list:
        shape = self.model.shapes[shape_name]
        kind = shape["type"]
        wrong = [(path, "INVALID_TYPE")]
        if value is None:
            return wrong
        if kind == "structure":
            if not isinstance(value, dict):
                return wrong
            issues = []
            required = set(shape.get("required", []))
            for member, ref in shape["members"].items():
                if member in value:
                    issues += self.walk(ref["shape"], value[member], join(path, member))
                elif member in required:
                    issues.append((join(path, member), "INPUT_REQUIRED"))
            for key in sorted(k for k in value if k not in shape["members"]):
                issues.append((join(path, key), "UNKNOWN_PARAMETER"))
            return issues
        if kind == "list":
            if not isinstance(value, list):
                return wrong
            issues = []
            for index, item in enumerate(value):
                issues += self.walk(shape["member"]["shape"], item, f"{path}[{index}]")
            return issues
        if kind == "string":
            if not isinstance(value, str):
                return wrong
            if "enum" in shape:
                return [] if value in shape["enum"] else [(path, "INVALID_ENUM")]
            issues = []
            if "min" in shape and len(value) < shape["min"]:
                issues.append((path, "MIN_LENGTH_EXCEEDED"))
            if "max" in shape and len(value) > shape["max"]:
                issues.append((path, "MAX_LENGTH_EXCEEDED"))
            pattern = self.model.pattern_of(shape_name)
            if pattern is not None and not pattern_matches(pattern, value):
                code = "INVALID_PATTERN_TARGET_ID" if shape_name == "PolicyTargetId" else "INVALID_PATTERN"
                issues.append((path, code))
            return issues
        if kind == "integer":
            if isinstance(value, bool) or not isinstance(value, int):
                return wrong
            issues = []
            if "min" in shape and value < shape["min"]:
                issues.append((path, "MIN_VALUE_EXCEEDED"))
            if "max" in shape and value > shape["max"]:
                issues.append((path, "MAX_VALUE_EXCEEDED"))
            return issues
        if kind == "boolean":
            return [] if isinstance(value, bool) else wrong
        if kind == "timestamp":
            ok = isinstance(value, (int, float, str)) and not isinstance(value, bool)
            return [] if ok else wrong
        raise ValueError(f"no rule for {kind}")

    def current_cross_field(self, operation: str, params) -> list:
        """The current edition's cross-field rules: the handshake filter, and an invitation's
        target checked against its type with this edition's Email rule; a missing Id or Type
        is the model's own INPUT_REQUIRED, reported once by the member walk."""
        out = []
        if self.model.service != "organizations" or not isinstance(params, dict):
            return out
        if operation in ("ListHandshakesForAccount", "ListHandshakesForOrganization"):
            flt = params.get("Filter")
            if isinstance(flt, dict) and flt.get("ActionType") is not None and flt.get("ParentHandshakeId") is not None:
                out.append(("Filter", "MAX_LIMIT_EXCEEDED_FILTER"))
        if operation == "InviteAccountToOrganization":
            target = params.get("Target")
            if isinstance(target, dict):
                kind, ident = target.get("Type"), target.get("Id")
                email = self.model.shapes["Email"]
                if kind == "ACCOUNT" and isinstance(ident, str) and not pattern_matches(r"\d{12}", ident):
                    out.append(("Target.Id", "INVALID_PARTY_TYPE_TARGET"))
                elif kind == "EMAIL" and isinstance(ident, str) and not (
                    pattern_matches(email["pattern"], ident) and email["min"] <= len(ident) <= email["max"]
                ):
                    out.append(("Target.Id", "INVALID_PARTY_TYPE_TARGET"))
                elif kind == "ORGANIZATION":
                    out.append(("Target.Type", "INVALID_PARTY_TYPE_TARGET"))
        return out


def fill(model: CurrentModel, name: str, n: int) -> str | None:
    """Text of exactly `n` characters that the pattern of string shape `name` accepts, or None
    when the constructions below find none."""
    if n < 0:
        return None
    pattern = model.pattern_of(name)
    tries = ["x" * n, "5" * n, "a" * (n - 4) + "@b.c" if n >= 5 else None, "+" + "5" * (n - 1) if n else None]
    for prefix in ("o-", "r-", "p-", "h-", "car-", "rp-", "rt-", "ou-abcd-"):
        tries.append(prefix + ("1" if prefix == "ou-abcd-" else "a") * (n - len(prefix)))
    if n > 36:
        tries.append("ou-" + "a" * 32 + "-" + "1" * (n - 36))
    for text in tries:
        if text is not None and len(text) == n and (pattern is None or pattern_matches(pattern, text)):
            return text
    return None


def current_string_values(model: CurrentModel, name: str) -> list:
    """(value, note) mutations of string shape `name`: every constraint it carries, its
    boundaries, whole-value matching and the pattern's own special cases."""
    shape = model.shapes[name]
    out = [(12345, "a number where text is expected")]
    if "enum" in shape:
        out.append(("NOT_A_VALUE", "not in the enumeration"))
        out.append((shape["enum"][0].lower(), "enumerations are case-sensitive"))
        out.append(("", "the empty string is not in the enumeration"))
        return out
    pattern = model.pattern_of(name)
    valid, invalid = model.samples(name)
    low, high = shape.get("min"), shape.get("max")
    if low:
        short = fill(model, name, low - 1)
        out.append((short if short is not None else valid[: low - 1], f"min-1 ({low - 1} characters)"))
        at_min = fill(model, name, low)
        if at_min is not None:
            out.append((at_min, f"exactly min ({low} characters)"))
    elif low == 0:
        out.append(("", "empty (min 0)"))
    if high is not None:
        at_max = fill(model, name, high)
        too_long = fill(model, name, high + 1)
        if too_long is None:
            too_long = at_max + at_max[-1] if at_max else "x" * (high + 1)
        out.append((compact(too_long), f"max+1 ({high + 1} characters)"))
        if at_max is not None:
            out.append((compact(at_max), f"exactly max ({high} characters)"))
    if pattern is not None:
        out.append((invalid, "breaks the pattern"))
        out.append((valid + " ", "trailing space (whole-value match)"))
        out.append((" " + valid, "leading space (whole-value match)"))
        out.append((valid + "\n", "trailing newline (whole-value match)"))
        if r"\d" in pattern:
            out.append(("\u0661" * 12, "Arabic-Indic digits are not digits"))
        out += PATTERN_EXTRAS.get(pattern, [])
        if pattern == TAG_PATTERN and high:
            out.append(("\u00e9" * high, f"max in non-ASCII characters ({high} characters)"))
            out.append(("\u00e9" * (high + 1), f"max+1 in non-ASCII characters ({high + 1} characters)"))
    return out


def current_member_cases(model: CurrentModel, shape_name: str, base: dict, steps: list, path: str):
    """Every one-constraint mutation of the members of structure `shape_name` at `steps` in the
    request `base`; yields (request, note)."""
    shape = model.shapes[shape_name]
    required = set(shape.get("required", []))
    for member, ref in shape["members"].items():
        target = ref["shape"]
        spec = model.shapes[target]
        kind = spec["type"]
        member_path = join(path, member)
        member_steps = steps + [member]

        def at(value, _steps=member_steps):
            return set_at(base, _steps, value)

        if member in required:
            yield at(REMOVE), "required member missing"
        yield at(None), "null is not a value"
        if kind == "string":
            for value, note in current_string_values(model, target):
                yield at(value), note
        elif kind == "integer":
            yield at("5"), "text where a number is expected"
            yield at(2.5), "a fraction"
            yield at(True), "a boolean is not a number"
            if "min" in spec:
                yield at(spec["min"] - 1), "min-1"
                yield at(spec["min"]), "exactly min"
            if "max" in spec:
                yield at(spec["max"] + 1), "max+1"
                yield at(spec["max"]), "exactly max"
        elif kind == "timestamp":
            yield at(TIMESTAMP_SAMPLE + 0.5), "fractional epoch seconds"
            yield at("2026-01-01T00:00:00Z"), "ISO-8601 text"
            yield at(True), "a boolean is not a timestamp"
            yield at([TIMESTAMP_SAMPLE]), "a list is not a timestamp"
            yield at({"seconds": TIMESTAMP_SAMPLE}), "an object is not a timestamp"
        elif kind == "list":
            item = spec["member"]["shape"]
            item_kind = model.shapes[item]["type"]
            good = model.sample(item)
            yield at("x"), "text where a list is expected"
            yield at({"0": good}), "an object where a list is expected"
            yield at([]), "an empty list"
            yield at([good, copy.deepcopy(good)]), "two valid list members"
            yield at([good, 7 if item_kind != "integer" else "7"]), "a list member of the wrong type"
            yield at([good, None]), "a null list member"
            if item_kind == "string":
                for value, note in current_string_values(model, item)[1:]:
                    yield at([good, value]), f"list member: {note}"
            elif item_kind == "structure":
                listed = at([good, copy.deepcopy(good)])
                item_steps = member_steps + [1]
                yield set_at(listed, item_steps + ["Bogus"], 1), "unknown member in a list member"
                yield from current_member_cases(model, item, listed, item_steps, f"{member_path}[1]")
        elif kind == "structure":
            yield at("x"), "text where a structure is expected"
            yield at([]), "a list where a structure is expected"
            nested = at(model.sample(target))
            yield set_at(nested, member_steps + ["Bogus"], 1), "unknown nested member"
            yield from current_member_cases(model, target, nested, member_steps, member_path)


def current_operation_cases(model: CurrentModel, checker: Checker, name: str) -> list[dict]:
    op = model.operations[name]
    cases = []

    def add(params, note, must_be=None):
        issues = checker.check(name, params)
        if must_be is not None:
            assert issues == must_be, (name, note, params, issues)
        if not issues:
            note = note.replace("(whole-value match)", "(whole-value match; the pattern allows it)")
        cases.append({"operation": name, "note": note, "params": params, "issues": [list(i) for i in issues]})

    if "input" not in op:
        add({}, "no parameters", [])
        add({"Bogus": 1}, "this operation takes no parameters", [("Bogus", "UNKNOWN_PARAMETER")])
        add([], "the request is not an object", [("", "INVALID_TYPE")])
        return cases
    shape = op["input"]["shape"]
    full = model.sample(shape)
    minimal = model.sample(shape, minimal=True)
    # (A full ListHandshakes* request gives both filter members: the cross-field rule fires.)
    rules = checker.current_cross_field(name, full)
    add(full, "every member, valid", rules)
    if minimal != full:
        add(minimal, "required members only, valid", [])
    extra = [("Another", "UNKNOWN_PARAMETER"), ("Bogus", "UNKNOWN_PARAMETER")]
    add(dict(full, Bogus=1, Another="x"), "unknown members (sorted by name)", extra + rules)
    add("CreateAccount", "the request is not an object", [("", "INVALID_TYPE")])
    for params, note in current_member_cases(model, shape, full, [], ""):
        add(params, note)
    return cases


def current_extra_cases(model: CurrentModel, checker: Checker) -> list[dict]:
    """Hand-written cases for rules and combinations the member walk does not produce, each
    with the issues this script states for it (the Checker must agree)."""
    R, P = "INPUT_REQUIRED", "INVALID_PATTERN"
    rows = []
    if model.service == "organizations":
        for op in ("ListHandshakesForAccount", "ListHandshakesForOrganization"):
            rows += [
                (op, {"Filter": {"ActionType": "INVITE", "ParentHandshakeId": "h-examplehandshake1"}},
                 "ActionType and ParentHandshakeId together", [("Filter", "MAX_LIMIT_EXCEEDED_FILTER")]),
                (op, {"Filter": {"ActionType": "TRANSFER_RESPONSIBILITY"}}, "ActionType alone (new value)", []),
                (op, {"Filter": {"ParentHandshakeId": "h-examplehandshake1"}}, "ParentHandshakeId alone", []),
                (op, {"Filter": {"ActionType": "BOGUS", "ParentHandshakeId": "h-BAD"}},
                 "both given and both invalid",
                 [("Filter.ActionType", "INVALID_ENUM"), ("Filter.ParentHandshakeId", P),
                  ("Filter", "MAX_LIMIT_EXCEEDED_FILTER")]),
            ]
        invite = "InviteAccountToOrganization"
        party = "INVALID_PARTY_TYPE_TARGET"
        rows += [
            (invite, {"Target": {"Id": "someone@example.com", "Type": "EMAIL"}}, "invite by email", []),
            (invite, {"Target": {"Id": "caf\u00e9@example.com", "Type": "EMAIL"}},
             "EMAIL target valid under the current Email rule", []),
            (invite, {"Target": {"Id": "a'b@example.com", "Type": "EMAIL"}}, "EMAIL target with an apostrophe", []),
            (invite, {"Target": {"Id": "a b@example.com", "Type": "EMAIL"}}, "EMAIL target with a space",
             [("Target.Id", party)]),
            (invite, {"Target": {"Id": "a@b.c", "Type": "EMAIL"}}, "EMAIL target below the Email min (5)",
             [("Target.Id", party)]),
            (invite, {"Target": {"Id": "x" * 52 + "@example.com", "Type": "EMAIL"}},
             "EMAIL target at the Email max (64)", []),
            (invite, {"Target": {"Id": "someone@example.com", "Type": "ACCOUNT"}}, "ACCOUNT target with an email",
             [("Target.Id", party)]),
            (invite, {"Target": {"Id": "123456789012", "Type": "EMAIL"}}, "EMAIL target with an account ID",
             [("Target.Id", party)]),
            (invite, {"Target": {"Id": "\u0661" * 12, "Type": "ACCOUNT"}},
             "ACCOUNT target with non-ASCII digits", [("Target.Id", party)]),
            (invite, {"Target": {"Id": "o-exampleorgid", "Type": "ORGANIZATION"}}, "an organization target",
             [("Target.Type", party)]),
            (invite, {"Target": {"Type": "ACCOUNT"}}, "target without Id: the model's required, reported once",
             [("Target.Id", R)]),
            (invite, {"Target": {"Id": "123456789012"}}, "target without Type: the model's required, once",
             [("Target.Type", R)]),
            (invite, {"Target": {}}, "empty target", [("Target.Id", R), ("Target.Type", R)]),
            (invite, {"Target": {"Type": "ACCOUNT"}, "Notes": "n" * 1025},
             "a missing Id is reported in member order, before Notes",
             [("Target.Id", R), ("Notes", "MAX_LENGTH_EXCEEDED")]),
            (invite, {"Target": {"Id": "", "Type": "ACCOUNT"}}, "an empty Id for an ACCOUNT target",
             [("Target.Id", "MIN_LENGTH_EXCEEDED"), ("Target.Id", party)]),
            ("InviteOrganizationToTransferResponsibility",
             {"Type": "BILLING", "Target": {"Id": "someone@example.com", "Type": "ACCOUNT"},
              "StartTimestamp": TIMESTAMP_SAMPLE, "SourceName": "Billing"},
             "no cross-field rules for a responsibility-transfer invitation", []),
            ("InviteOrganizationToTransferResponsibility",
             {"Type": "BILLING", "Target": {"Id": "o-exampleorgid", "Type": "ORGANIZATION"},
              "StartTimestamp": "2026-01-01T00:00:00Z", "SourceName": "Billing"},
             "an organization target is fine here", []),
            ("InviteOrganizationToTransferResponsibility", {"Target": {}},
             "nothing but an empty target",
             [("Type", R), ("Target.Id", R), ("Target.Type", R), ("StartTimestamp", R), ("SourceName", R)]),
            ("CreateAccount", {"Email": "not-an-email", "AccountName": "Caf\u00e9", "RoleName": "bad role",
                               "IamUserAccessToBilling": "MAYBE", "Tags": [{"Key": "", "Value": "a,b"}]},
             "every member wrong at once",
             [("Email", P), ("AccountName", P), ("RoleName", P), ("IamUserAccessToBilling", "INVALID_ENUM"),
              ("Tags[0].Key", "MIN_LENGTH_EXCEEDED"), ("Tags[0].Value", P)]),
            ("CreateAccount", {}, "nothing given", [("Email", R), ("AccountName", R)]),
            ("CreateAccount", {"Email": "someone@example.com", "AccountName": "", "Tags": [{}]},
             "an empty name is only too short; an empty tag misses both members",
             [("AccountName", "MIN_LENGTH_EXCEEDED"), ("Tags[0].Key", R), ("Tags[0].Value", R)]),
            ("CreateAccount", None, "a null request", [("", "INVALID_TYPE")]),
            ("TagResource", {"ResourceId": "rt-abcdefgh",
                             "Tags": [{"Key": "\u65e5\u672c", "Value": ""}, {"Key": "a b", "Value": "\u00dc"}]},
             "Unicode tags on a responsibility transfer", []),
            ("UntagResource", {"ResourceId": "rp-abcd", "TagKeys": ["a", "b\tc", "d", "#"]},
             "bad keys among good ones", [("TagKeys[1]", P), ("TagKeys[3]", P)]),
            ("ListTagsForResource", {"ResourceId": "p-FullAWSAccess", "NextToken": long_text("t", 100001)},
             "a next token over its max", [("NextToken", "MAX_LENGTH_EXCEEDED")]),
            ("CreatePolicy", {"Content": long_text("x", 1000001), "Description": "", "Name": "SCP",
                              "Type": "RESOURCE_CONTROL_POLICY"},
             "policy content has no maximum in this edition", []),
            ("CreateGovCloudAccount", {"Email": "someone@example.com", "AccountName": "x" * 51},
             "AccountName is CreateAccountName: 1..50", [("AccountName", "MAX_LENGTH_EXCEEDED")]),
            ("TerminateResponsibilityTransfer", {"Id": "rt-exampletransfer1", "EndTimestamp": None},
             "a null timestamp", [("EndTimestamp", "INVALID_TYPE")]),
            # Unicode classes of the tag pattern, and lengths in characters (code points).
            ("UntagResource", {"ResourceId": "r-abcd",
                               "TagKeys": ["a\u2028b", "\u216b", "\u00bd", "e\u0301", "\u200b", "\U0001d400" * 128,
                                           "\U0001d400" * 129]},
             "U+2028 is \\p{Z}, U+216B and U+00BD are \\p{N}; a combining mark and U+200B are neither; "
             "128 and 129 characters outside the BMP",
             [("TagKeys[3]", P), ("TagKeys[4]", P), ("TagKeys[6]", "MAX_LENGTH_EXCEEDED")]),
            ("CreateAccount", {"Email": "\U0001f600" * 60 + "@b.c", "AccountName": "Production"},
             "an email of 64 characters outside the BMP (128 UTF-16 units)", []),
            ("CreateAccount", {"Email": "\U0001f600" * 61 + "@b.c", "AccountName": "Production"},
             "an email of 65 characters outside the BMP", [("Email", "MAX_LENGTH_EXCEEDED")]),
            ("CreateOrganizationalUnit", {"ParentId": "r-abcd", "Name": "\u00e9" * 129},
             "too long and not printable ASCII", [("Name", "MAX_LENGTH_EXCEEDED"), ("Name", P)]),
            ("CreateOrganization", {"FeatureSet": "ALL", "zeta": 1, "alpha": 2, "Alpha": 3},
             "unknown members sorted by code point", [("Alpha", "UNKNOWN_PARAMETER"), ("alpha", "UNKNOWN_PARAMETER"),
                                                      ("zeta", "UNKNOWN_PARAMETER")]),
            ("UpdateResponsibilityTransfer", {"Id": "rt-exampletransfer1", "Name": ""},
             "ResponsibilityTransferName is a printable name: empty is only too short",
             [("Name", "MIN_LENGTH_EXCEEDED")]),
        ]
    if model.service == "account":
        rows += [
            ("PutAlternateContact", {}, "nothing given (this edition's member order)",
             [("Name", R), ("Title", R), ("EmailAddress", R), ("PhoneNumber", R), ("AlternateContactType", R)]),
            ("PutAlternateContact", {"Name": "Jane", "Title": "CFO", "EmailAddress": "x" * 242 + "@example.com",
                                     "PhoneNumber": "+1 555", "AlternateContactType": "BILLING",
                                     "AccountId": "123456789012"}, "an email of 254 characters", []),
            ("PutContactInformation", {"ContactInformation": {}}, "an empty contact",
             [("ContactInformation.FullName", R), ("ContactInformation.AddressLine1", R),
              ("ContactInformation.City", R), ("ContactInformation.PostalCode", R),
              ("ContactInformation.CountryCode", R), ("ContactInformation.PhoneNumber", R)]),
            ("ListRegions", {"RegionOptStatusContains": ["ENABLED", "enabled", 3]}, "list members checked one by one",
             [("RegionOptStatusContains[1]", "INVALID_ENUM"), ("RegionOptStatusContains[2]", "INVALID_TYPE")]),
            ("AcceptPrimaryEmailUpdate", {"AccountId": "123456789012 ", "PrimaryEmail": "a@b", "Otp": "12 456"},
             "whole-value patterns", [("AccountId", P), ("PrimaryEmail", "MIN_LENGTH_EXCEEDED"), ("Otp", P)]),
        ]
    if model.service == "chime":
        rows += [
            ("UpdateAccount", {"AccountId": "   ", "Name": "\t", "DefaultLicense": "pro"}, "blank and case",
             [("AccountId", P), ("Name", P), ("DefaultLicense", "INVALID_ENUM")]),
        ]
    cases = []
    for op, params, note, issues in rows:
        got = checker.check(op, params)
        assert got == issues, (op, note, got, issues)
        cases.append({"operation": op, "note": note, "params": params, "issues": [list(i) for i in issues]})
    return cases


def cross_edition_cases(checkers: dict) -> list[dict]:
    """Requests whose issues differ between the editions (and a few that must not), with the
    issues this script states for each edition; both Checkers must agree."""
    U = "UNKNOWN_OPERATION"
    R, P = "INPUT_REQUIRED", "INVALID_PATTERN"
    MAXL = "MAX_LENGTH_EXCEEDED"
    tags = [{"Key": "CostCenter", "Value": "12345"}]
    account = {"Email": "someone@example.com", "AccountName": "Production"}
    policy = {"Content": TEXT_SAMPLES["PolicyContent"], "Description": "", "Name": "Policy"}
    alternate = {"Name": "Jane Doe", "Title": "CFO", "PhoneNumber": "+1 (555) 010-0100",
                 "AlternateContactType": "BILLING"}
    invite = "InviteAccountToOrganization"
    rows = [
        # -- Organizations: added members, enum values and operations -----------------------
        ("organizations", "CreateAccount", dict(account, Tags=tags), "Tags is new in the current edition",
         [("Tags", "UNKNOWN_PARAMETER")], []),
        ("organizations", "CreatePolicy", dict(policy, Type="TAG_POLICY"), "a policy type added later",
         [("Type", "INVALID_ENUM")], []),
        ("organizations", "CreatePolicy", dict(policy, Type="RESOURCE_CONTROL_POLICY"),
         "a policy type added later", [("Type", "INVALID_ENUM")], []),
        ("organizations", "CreatePolicy", dict(policy, Type="SERVICE_CONTROL_POLICY"), "in both editions", [], []),
        ("organizations", "EnablePolicyType", {"RootId": "r-abcd", "PolicyType": "BACKUP_POLICY"},
         "a policy type added later", [("PolicyType", "INVALID_ENUM")], []),
        ("organizations", "ListHandshakesForAccount", {"Filter": {"ActionType": "TRANSFER_RESPONSIBILITY"}},
         "an action type added later", [("Filter.ActionType", "INVALID_ENUM")], []),
        ("organizations", "close_account", {"AccountId": "123456789012"}, "CloseAccount (boto3 name) is new",
         U, []),
        ("organizations", "CloseAccount", {"AccountId": "123456789012"}, "CloseAccount is new", U, []),
        ("organizations", "CloseAccount", {"AccountId": "1234"}, "unknown before its parameters are read",
         U, [("AccountId", P)]),
        ("organizations", "TagResource", {"ResourceId": "r-abcd", "Tags": tags}, "TagResource is new", U, []),
        ("organizations", "tag_resource", {"ResourceId": "ou-abcd-12345678", "Tags": tags},
         "tag_resource (boto3 name) is new", U, []),
        ("organizations", "DescribeEffectivePolicy", {"PolicyType": "TAG_POLICY"}, "a later operation", U, []),
        ("organizations", "InviteOrganizationToTransferResponsibility",
         {"Type": "BILLING", "Target": {"Id": "123456789012", "Type": "ACCOUNT"},
          "StartTimestamp": TIMESTAMP_SAMPLE, "SourceName": "Billing"}, "a later operation", U, []),
        ("organizations", invite, {"Target": {"Id": "123456789012", "Type": "ACCOUNT"}, "Tags": tags},
         "Tags on an invitation is new", [("Tags", "UNKNOWN_PARAMETER")], []),
        ("organizations", "CreateOrganizationalUnit", {"ParentId": "r-abcd", "Name": "Prod", "Tags": tags},
         "Tags on an OU is new", [("Tags", "UNKNOWN_PARAMETER")], []),
        # -- Email: the current rule refuses only whitespace and a second '@' -----------------
        ("organizations", "CreateAccount", dict(account, Email="caf\u00e9@example.com"),
         "non-ASCII: valid only in the current edition", [("Email", P)], []),
        ("organizations", "CreateAccount", dict(account, Email="a'b@example.com"),
         "an apostrophe: valid only in the current edition", [("Email", P)], []),
        ("organizations", "CreateAccount", dict(account, Email="someone@example.c-m"),
         "a hyphen after the last dot: valid only in the current edition", [("Email", P)], []),
        ("organizations", "CreateAccount", dict(account, Email="a@.b.c9"),
         "no email is valid only in the original edition: every character the original pattern allows "
         "is neither whitespace nor '@', and its '@' and last '.' split the text the way the current "
         "pattern needs (same lengths 6..64); this one is valid in both", [], []),
        ("organizations", "CreateAccount", dict(account, Email="some one@example.com"),
         "whitespace: invalid in both", [("Email", P)], [("Email", P)]),
        ("organizations", "CreateAccount", dict(account, Email="\u00e9@x.c"),
         "too short in both, and the original's pattern fails too", [("Email", "MIN_LENGTH_EXCEEDED"), ("Email", P)],
         [("Email", "MIN_LENGTH_EXCEEDED")]),
        ("organizations", invite, {"Target": {"Id": "caf\u00e9@example.com", "Type": "EMAIL"}},
         "an EMAIL target is checked with the edition's Email rule",
         [("Target.Id", "INVALID_PARTY_TYPE_TARGET")], []),
        ("organizations", invite, {"Target": {"Id": "some#one@example.com", "Type": "EMAIL"}},
         "an EMAIL target is checked with the edition's Email rule",
         [("Target.Id", "INVALID_PARTY_TYPE_TARGET")], []),
        # -- lengths the models changed ---------------------------------------------------------
        ("organizations", "CreatePolicy", dict(policy, Type="SERVICE_CONTROL_POLICY",
                                               Content=long_text("x", 1000001)),
         "PolicyContent over 1,000,000 characters: the current model has no maximum", [("Content", MAXL)], []),
        ("organizations", "UpdatePolicy", {"PolicyId": "p-examplepolicy1", "Content": long_text("x", 1000000)},
         "PolicyContent at the original maximum", [], []),
        ("organizations", "ListAccounts", {"NextToken": long_text("t", 100001)},
         "NextToken over 100,000 characters: only the current model has a maximum", [], [("NextToken", MAXL)]),
        ("organizations", "ListRoots", {"NextToken": long_text("t", 100000)}, "NextToken at the current maximum",
         [], []),
        ("organizations", "CreateAccount", dict(account, RoleName="r" * 65),
         "a role name of 65 characters: the current model adds a maximum of 64",
         [("RoleName", P)], [("RoleName", MAXL), ("RoleName", P)]),
        ("organizations", "DescribeAccount", {"AccountId": "1234567890123"},
         "13 digits: the current model adds a maximum of 12", [("AccountId", P)], [("AccountId", MAXL), ("AccountId", P)]),
        ("organizations", "DescribeHandshake", {"HandshakeId": "h-" + "a" * 33},
         "a handshake ID of 35 characters: the current model adds a maximum of 34",
         [("HandshakeId", P)], [("HandshakeId", MAXL), ("HandshakeId", P)]),
        # -- the same rules in both editions ---------------------------------------------------
        ("organizations", "CreateAccount", dict(account, AccountName="Caf\u00e9"),
         "names are printable ASCII in both editions (DESIGN rule 4)", [("AccountName", P)], [("AccountName", P)]),
        ("organizations", "CreateOrganizationalUnit", {"ParentId": "r-abcd", "Name": "Prod\tuction"},
         "names are printable ASCII in both editions, though the latest model says [\\s\\S]*",
         [("Name", P)], [("Name", P)]),
        ("organizations", "UpdatePolicy", {"PolicyId": "p-FullAWSAccess", "Name": ""},
         "an empty name is only too short in both", [("Name", "MIN_LENGTH_EXCEEDED")], [("Name", "MIN_LENGTH_EXCEEDED")]),
        ("organizations", "AttachPolicy", {"PolicyId": "p-FullAWSAccess", "TargetId": "123456789012-junk"},
         "mis-anchored union case in both (DESIGN rule 2)",
         [("TargetId", "INVALID_PATTERN_TARGET_ID")], [("TargetId", "INVALID_PATTERN_TARGET_ID")]),
        ("organizations", "ListHandshakesForOrganization",
         {"Filter": {"ActionType": "INVITE", "ParentHandshakeId": "h-examplehandshake1"}},
         "the filter rule in both", [("Filter", "MAX_LIMIT_EXCEEDED_FILTER")], [("Filter", "MAX_LIMIT_EXCEEDED_FILTER")]),
        # -- InviteAccountToOrganization's Target: a cross-field rule, then the model's own -----
        ("organizations", invite, {"Target": {"Type": "ACCOUNT"}},
         "Target without Id: the original's cross-field rule, the current model's required; once each",
         [("Target.Id", R)], [("Target.Id", R)]),
        ("organizations", invite, {"Target": {"Id": "123456789012"}},
         "Target without Type: once in each edition", [("Target.Type", R)], [("Target.Type", R)]),
        ("organizations", invite, {"Target": {"Type": "ACCOUNT"}, "Notes": "n" * 1025},
         "the original reports a missing Id after the member walk, the current in member order",
         [("Notes", MAXL), ("Target.Id", R)], [("Target.Id", R), ("Notes", MAXL)]),
        ("organizations", invite, {"Target": {"Type": "EMAIL", "Id": 7}},
         "an Id of the wrong type", [("Target.Id", "INVALID_TYPE")], [("Target.Id", "INVALID_TYPE")]),
        # -- Account --------------------------------------------------------------------------
        ("account", "PutAlternateContact", dict(alternate, EmailAddress="x" * 53 + "@example.com"),
         "an alternate-contact email of 65 characters", [("EmailAddress", MAXL)], []),
        ("account", "PutAlternateContact", dict(alternate, EmailAddress="x" * 242 + "@example.com"),
         "an alternate-contact email of 254 characters", [("EmailAddress", MAXL)], []),
        ("account", "PutAlternateContact", dict(alternate, EmailAddress="x" * 243 + "@example.com"),
         "an alternate-contact email of 255 characters", [("EmailAddress", MAXL)], [("EmailAddress", MAXL)]),
        ("account", "PutAlternateContact", dict(alternate, EmailAddress=" someone@example.com "),
         "surrounding spaces: allowed by the current pattern", [("EmailAddress", P)], []),
        ("account", "PutAlternateContact", dict(alternate, EmailAddress="some#one@example.com"),
         "a '#': allowed by the current pattern", [("EmailAddress", P)], []),
        ("account", "PutAlternateContact", dict(alternate, EmailAddress="a,b@example.com"),
         "a comma: allowed only by the original pattern", [], [("EmailAddress", P)]),
        ("account", "PutAlternateContact", {},
         "every required member missing: each edition's member order",
         [("AlternateContactType", R), ("EmailAddress", R), ("Name", R), ("PhoneNumber", R), ("Title", R)],
         [("Name", R), ("Title", R), ("EmailAddress", R), ("PhoneNumber", R), ("AlternateContactType", R)]),
        ("account", "GetAlternateContact", {"AlternateContactType": "SECURITY", "AccountId": "123456789012 "},
         "whole-value AccountId in both ('^\\d{12}$' and '\\d{12}')", [("AccountId", P)], [("AccountId", P)]),
        ("account", "PutAlternateContact", dict(alternate, EmailAddress="someone@example.com",
                                                PhoneNumber="555-CALL-NOW"),
         "a phone number with letters in both", [("PhoneNumber", P)], [("PhoneNumber", P)]),
        ("account", "GetContactInformation", {}, "a later operation", U, []),
        ("account", "put_account_name", {"AccountName": "Production"}, "a later operation (boto3 name)", U, []),
        # -- Chime: the same model in both editions ----------------------------------------------
        ("chime", "CreateAccount", {"Name": "Team Alpha"}, "the same model in both editions", [], []),
        ("chime", "ListAccounts", {"MaxResults": 201, "UserEmail": "no-at-sign"}, "the same model in both editions",
         [("UserEmail", P), ("MaxResults", "MAX_VALUE_EXCEEDED")], [("UserEmail", P), ("MaxResults", "MAX_VALUE_EXCEEDED")]),
    ]
    cases = []
    for service, op, params, note, original, current in rows:
        expected = {}
        for edition, stated in (("original", original), ("current", current)):
            got = checkers[edition][service].check(op, params)
            stated = stated if stated == "UNKNOWN_OPERATION" else [tuple(i) for i in stated]
            assert got == stated, (service, op, note, edition, got, stated)
            expected[edition] = stated if stated == "UNKNOWN_OPERATION" else [list(i) for i in stated]
        cases.append({"service": service, "operation": op, "note": note, "params": params, "expected": expected})
    return cases


def render() -> dict[str, str]:
    outputs = {}
    checkers = {"original": {}, "current": {}}
    for service, file in SERVICES.items():
        model = Model(service, json.loads((MODELS / file).read_text()))
        checkers["original"][service] = checker = Checker("original", model)
        cases = []
        for name in sorted(model.operations):
            cases += operation_cases(model, name)
        cases += extra_cases(model)
        # The Checker re-states the rules; it must agree with every case stated above.
        for case in cases:
            got = [list(i) for i in checker.check(case["operation"], case["params"])]
            assert got == case["issues"], (service, case, got)
        document = {
            "description": f"Request-validation cases for {service}; written by build_request_vectors.py",
            "service": service,
            "edition": "original",
            "cases": cases,
        }
        outputs[f"{service}.json"] = json.dumps(document, indent=1, ensure_ascii=True) + "\n"
    for service, file in CURRENT_SERVICES.items():
        model = CurrentModel(service, json.loads((MODELS / file).read_text()))
        checkers["current"][service] = checker = Checker("current", model)
        cases = []
        for name in sorted(model.operations):
            cases += current_operation_cases(model, checker, name)
        cases += current_extra_cases(model, checker)
        document = {
            "description": f"Request-validation cases for {service}, current edition (the latest models); "
            "written by build_request_vectors.py",
            "service": service,
            "edition": "current",
            "cases": cases,
        }
        outputs[f"current/{service}.json"] = json.dumps(document, indent=1, ensure_ascii=True) + "\n"
    document = {
        "description": "The same request under both editions: its (path, code) issues in each, or "
        "UNKNOWN_OPERATION where the edition has no such operation; written by build_request_vectors.py",
        "cases": cross_edition_cases(checkers),
    }
    outputs["cross_edition.json"] = json.dumps(document, indent=1, ensure_ascii=True) + "\n"
    return outputs


def main() -> int:
    out_dir = HERE / "requests"
    outputs = render()
    counts = {name: len(json.loads(text)["cases"]) for name, text in outputs.items()}
    if "--check" in sys.argv:
        stale = [n for n, t in outputs.items() if not (out_dir / n).exists() or (out_dir / n).read_text() != t]
        if stale:
            print("stale request vectors (run tests/vectors/build_request_vectors.py):", ", ".join(stale))
            return 1
        print(f"request vectors up to date: {counts}")
        return 0
    for name, text in outputs.items():
        (out_dir / name).parent.mkdir(parents=True, exist_ok=True)
        (out_dir / name).write_text(text)
    print(f"wrote request vectors: {counts}, {sum(counts.values())} in all")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
