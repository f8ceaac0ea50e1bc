#!/usr/bin/env python3
"""Writes the shared request-validation vectors, tests/vectors/requests/<service>.json.

For every operation of the seed edition: a full valid request, a minimal one, and for every
constraint its members carry (required, type, enum, lengths, range, pattern, list members,
nesting, unknown members) a request that breaks exactly that constraint, with the exact list
of (path, code) the validator must report, plus the cross-field rules the seeds state.

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


def render() -> dict[str, str]:
    outputs = {}
    for service, file in SERVICES.items():
        model = Model(service, json.loads((MODELS / file).read_text()))
        cases = []
        for name in sorted(model.operations):
            cases += operation_cases(model, name)
        cases += extra_cases(model)
        document = {
            "description": f"Request-validation cases for {service}; written by build_request_vectors.py",
            "service": service,
            "cases": cases,
        }
        outputs[f"{service}.json"] = json.dumps(document, indent=1, ensure_ascii=True) + "\n"
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
    out_dir.mkdir(exist_ok=True)
    for name, text in outputs.items():
        (out_dir / name).write_text(text)
    print(f"wrote request vectors: {counts}, {sum(counts.values())} in all")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
