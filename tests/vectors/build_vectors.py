#!/usr/bin/env python3
r"""Writes the shared ID and ARN test vectors (ids.json, arns.json).

The expectations here are written by hand from the model's patterns and DESIGN.md's rules; they
are the specification the Rust, Python, Node and WASM suites all check against. Run
`python3 tests/vectors/build_vectors.py` after editing, or with `--check` (CI) to fail when the
JSON files differ from what this script produces.

Each invalid case lists every expected issue as {code, rule[, position]}; positions count
Unicode characters from 0.

A case may carry "edition": "original" or "current" when it holds in that edition only (the
kinds ResourcePolicyId, ResponsibilityTransferId, TaggableResourceId, TagKey, TagValue and
ServicePrincipal exist in the current edition only; Email follows each edition's model: the
original `[\w+=,.-]+@[\w.-]+\.[\w]+`, the current `[^\s@]+@[^\s@]+\.[^\s@]+`, both 6..64). A case
without "edition" holds in both editions. A current-edition issue without a position leaves the
position to the implementation.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

ID_CASES: list[dict] = []
ARN_CASES: list[dict] = []


def ok(kind: str, value: str, note: str = "", edition: str | None = None) -> None:
    ID_CASES.append(
        {
            "kind": kind,
            "value": value,
            "valid": True,
            **({"note": note} if note else {}),
            **({"edition": edition} if edition else {}),
        }
    )


def bad(kind: str, value: str, *issues: tuple, note: str = "", edition: str | None = None) -> None:
    ID_CASES.append(
        {
            "kind": kind,
            "value": value,
            "valid": False,
            "issues": [issue_dict(i) for i in issues],
            **({"note": note} if note else {}),
            **({"edition": edition} if edition else {}),
        }
    )


def issue_dict(issue: tuple) -> dict:
    code, rule, *position = issue
    out = {"code": code, "rule": rule}
    if position:
        out["position"] = position[0]
    return out


P = "INVALID_PATTERN"
T = "INVALID_PATTERN_TARGET_ID"
MIN = "MIN_LENGTH_EXCEEDED"
MAX = "MAX_LENGTH_EXCEEDED"

ARABIC_DIGITS = "\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669\u0660\u0661\u0662"
FULLWIDTH_DIGITS = "\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19\uff10\uff11\uff12"
PUNCTUATION = "!\"#$%&'()*+,./:;<=>?@[\\]^`{|}~"


def alnum(n: int, seed: str = "a1b2c3d4e5f6g7h8i9j0k") -> str:
    return (seed * (n // len(seed) + 1))[:n]


# --- AccountId ------------------------------------------------------------------------------
ok("AccountId", "123456789012")
ok("AccountId", "000000000000", note="leading zeros are digits")
bad("AccountId", "", (P, "empty"))
bad("AccountId", "12345678901", (P, "too_short"), note="min-1")
bad("AccountId", "1234567890123", (P, "too_long"), note="max+1")
bad("AccountId", ARABIC_DIGITS, (P, "bad_character", 0), note="Arabic-Indic digits are not digits")
bad("AccountId", FULLWIDTH_DIGITS, (P, "bad_character", 0), note="full-width digits")
bad("AccountId", "12345678901\u0663", (P, "bad_character", 11), note="one non-ASCII digit at the end")
bad("AccountId", " 123456789012", (P, "bad_character", 0), note="leading space")
bad("AccountId", "123456789012 ", (P, "bad_character", 12), note="trailing space")
bad("AccountId", "123456789012\n", (P, "bad_character", 12), note="trailing newline")
bad("AccountId", "123456789012-junk", (P, "bad_character", 12), note="mis-anchored union case")
bad("AccountId", "1234-5678-9012", (P, "bad_character", 4))
bad("AccountId", "12345678901a", (P, "bad_character", 11))
bad("AccountId", "o-1234567890", (P, "bad_character", 0))
bad("AccountId", "1" * 5000, (P, "too_long"), note="huge input")

# --- simple prefixed IDs ---------------------------------------------------------------------
SIMPLE = [
    # kind, prefix, min, max, allows upper case and underscore
    ("OrganizationId", "o-", 10, 32, False),
    ("RootId", "r-", 4, 32, False),
    ("PolicyId", "p-", 8, 128, True),
    ("HandshakeId", "h-", 8, 32, False),
    ("CreateAccountRequestId", "car-", 8, 32, False),
]


def prefixed_family(kind: str, prefix: str, lo: int, hi: int, word: bool, edition: str | None = None) -> None:
    """The cases of one simple prefixed ID: prefix + lo..hi of [0-9a-z] (with `word`, also
    upper case and '_')."""
    n = len(prefix)

    def good(value: str, **kwargs) -> None:
        ok(kind, value, edition=edition, **kwargs)

    def wrong(value: str, *issues: tuple, **kwargs) -> None:
        bad(kind, value, *issues, edition=edition, **kwargs)

    good(prefix + alnum(lo), note="min")
    good(prefix + alnum(hi), note="max")
    good(prefix + alnum((lo + hi) // 2))
    good(prefix + "0" * lo, note="digits only")
    wrong(prefix + alnum(lo - 1), (P, "too_short"), note="min-1")
    wrong(prefix + alnum(hi + 1), (P, "too_long"), note="max+1")
    wrong(prefix, (P, "too_short"), note="prefix only")
    wrong("", (P, "empty"))
    wrong("x" + prefix[1:] + alnum(lo), (P, "wrong_prefix", 0))
    wrong(prefix.upper() + alnum(lo), (P, "wrong_prefix", 0), note="upper-case prefix")
    wrong(" " + prefix + alnum(lo), (P, "wrong_prefix", 0), note="leading space")
    wrong(prefix + alnum(lo) + " ", (P, "bad_character", n + lo), note="trailing space")
    wrong(prefix + alnum(lo) + "\t", (P, "bad_character", n + lo), note="trailing tab")
    wrong(prefix + "ab-" + alnum(lo), (P, "bad_character", n + 2), note="inner hyphen")
    wrong(prefix + "\u0661" + alnum(lo), (P, "bad_character", n), note="non-ASCII digit")
    wrong(prefix + "\u00e9" + alnum(lo), (P, "bad_character", n), note="non-ASCII letter")
    if word:
        good(prefix + "ABCdef_123", note="upper case and underscore allowed")
    else:
        wrong(prefix + "ABCD" + alnum(lo), (P, "bad_character", n), note="upper case")
        wrong(prefix + "ab_" + alnum(lo), (P, "bad_character", n + 2), note="underscore")
    for i, ch in enumerate(PUNCTUATION):
        if ch in "_":
            continue
        # One punctuation character in the middle of a valid body.
        body = alnum(lo)
        wrong(prefix + body[:2] + ch + body[2:], (P, "bad_character", n + 2))


for kind, prefix, lo, hi, word in SIMPLE:
    prefixed_family(kind, prefix, lo, hi, word)

ok("PolicyId", "p-FullAWSAccess", note="the AWS-managed SCP (DESIGN rule 3)")
ok("PolicyId", "p-examplepolicyid111")
bad("PolicyId", "p-full-aws-access", (P, "bad_character", 6))

# --- OrganizationalUnitId ---------------------------------------------------------------------
OU = "OrganizationalUnitId"
ok(OU, "ou-abcd-12345678", note="both groups at min")
ok(OU, "ou-" + alnum(32) + "-" + alnum(32), note="both groups at max")
ok(OU, "ou-examplerootid111-exampleouid111")
bad(OU, "", (P, "empty"))
bad(OU, "ou-abc-12345678", (P, "too_short"), note="first group min-1")
bad(OU, "ou-" + alnum(33) + "-12345678", (P, "too_long"), note="first group max+1")
bad(OU, "ou-abcd-1234567", (P, "too_short"), note="second group min-1")
bad(OU, "ou-abcd-" + alnum(33), (P, "too_long"), note="second group max+1")
bad(OU, "ou-abcd12345678", (P, "missing_separator", 15))
bad(OU, "ou-abcd", (P, "missing_separator", 7))
bad(OU, "ou-", (P, "too_short"))
bad(OU, "ou-abcd-", (P, "too_short"))
bad(OU, "ou-abcd--12345678", (P, "bad_character", 8))
bad(OU, "ou-abcd-12345678-", (P, "bad_character", 16), note="trailing hyphen")
bad(OU, "ou-abcd-12345678-abcd", (P, "bad_character", 16), note="third group")
bad(OU, "ou-ABCD-12345678", (P, "bad_character", 3), note="upper case")
bad(OU, "ou-abcd-1234567X", (P, "bad_character", 15), note="upper case at the end")
bad(OU, "OU-abcd-12345678", (P, "wrong_prefix", 0))
bad(OU, "junk-ou-abcd-12345678", (P, "wrong_prefix", 0), note="mis-anchored union case")
bad(OU, "ou-abcd-12345678 ", (P, "bad_character", 16), note="trailing space")
bad(OU, " ou-abcd-12345678", (P, "wrong_prefix", 0), note="leading space")
bad(OU, "ou-ab\u0663d-12345678", (P, "bad_character", 5), note="non-ASCII digit")
bad(OU, "r-abcd", (P, "wrong_prefix", 0))

# --- unions ----------------------------------------------------------------------------------
for kind, code, accepts in [
    ("ChildId", P, {"account", "ou"}),
    ("ParentId", P, {"root", "ou"}),
    ("PolicyTargetId", T, {"root", "account", "ou"}),
]:
    samples = {
        "account": "123456789012",
        "ou": "ou-abcd-12345678",
        "root": "r-abcd",
    }
    for which, value in samples.items():
        if which in accepts:
            ok(kind, value, note=which)
        else:
            bad(kind, value, (code, "wrong_prefix", 0), note=f"a {which} ID is not a {kind}")
    bad(kind, "", (code, "empty"))
    bad(kind, "junk-ou-abcd-12345678", (code, "wrong_prefix", 0), note="mis-anchored union case")
    bad(kind, "ou-abcd-12345678-junk", (code, "bad_character", 16), note="mis-anchored union case")
    bad(kind, "o-1234567890", (code, "wrong_prefix", 0), note="an organization ID")
    bad(kind, "p-FullAWSAccess", (code, "wrong_prefix", 0), note="a policy ID")
    bad(kind, " ou-abcd-12345678", (code, "wrong_prefix", 0), note="leading space")
    bad(kind, "ou-abcd", (code, "missing_separator", 7))
    if "account" in accepts:
        bad(kind, "123456789012-junk", (code, "bad_character", 12), note="mis-anchored union case")
        bad(kind, "xx123456789012", (code, "wrong_prefix", 0), note="12 digits inside")
        bad(kind, "12345678901", (code, "too_short"))
        bad(kind, ARABIC_DIGITS, (code, "wrong_prefix", 0), note="non-ASCII digits")
        bad(kind, "123456789012 ", (code, "bad_character", 12), note="trailing space")
    else:
        bad(kind, "123456789012-junk", (code, "wrong_prefix", 0), note="mis-anchored union case")
    if "root" in accepts:
        bad(kind, "r-abc", (code, "too_short"))
        bad(kind, "r-ABCD", (code, "bad_character", 2), note="upper case")
        bad(kind, "r-abcd-ou-abcd-12345678", (code, "bad_character", 6))
        ok(kind, "r-" + alnum(32), note="root max")

# --- Email -----------------------------------------------------------------------------------
# Every email the original pattern accepts, the current one accepts too (its characters are
# neither whitespace nor '@', and its '@' and last '.' split it as the current pattern needs).
# Cases marked "original" are valid in the original edition only, or diagnosed differently there
# (the current rule reports min_length/max_length, then `empty` for '', bad_character at
# whitespace or a second '@', or else malformed without a stated position); the current
# edition's counterparts follow below.
E = "Email"
O = "original"
ok(E, "a@b.co", note="min length 6")
ok(E, "someone@example.com")
ok(E, "first.last+orgs@sub.example.co.uk")
ok(E, "a_b=c,d-e@x-y.z9")
ok(E, "SOMEONE@EXAMPLE.COM", note="upper case")
ok(E, "a@.b.c9", note="the pattern allows a dot right after '@'")
ok(E, "a@b..c9", note="and two dots in a row")
ok(E, "x" * 52 + "@example.com", note="max length 64")
bad(E, "a@b.c", (MIN, "min_length"), note="min-1; the pattern itself matches")
bad(E, "x" * 53 + "@example.com", (MAX, "max_length"), note="max+1")
bad(E, "", (MIN, "min_length"), (P, "empty"))  # both editions: empty, as every kind reports it
bad(E, "ab", (MIN, "min_length"), (P, "malformed", 2), edition=O)
bad(E, "someone.example.com", (P, "malformed", 19), note="no '@'", edition=O)
bad(E, "@example.com", (P, "malformed", 0), note="nothing before '@'", edition=O)
bad(E, "someone@example", (P, "malformed", 15), note="no dot in the domain", edition=O)
bad(E, "someone@.com", (P, "malformed", 8), note="nothing between '@' and the last dot", edition=O)
bad(E, "someone@example.", (P, "malformed", 16), note="nothing after the last dot", edition=O)
bad(E, "some one@example.com", (P, "bad_character", 4))
bad(E, "someone@exa mple.com", (P, "bad_character", 11))
bad(E, "a@b@example.com", (P, "bad_character", 3), note="two '@'")
bad(E, "someone@example.c-m", (P, "bad_character", 17), note="hyphen after the last dot", edition=O)
bad(E, "jos\u00e9@example.com", (P, "bad_character", 3), note="non-ASCII", edition=O)
bad(E, " someone@example.com", (P, "bad_character", 0), note="leading space")
bad(E, "someone@example.com ", (P, "bad_character", 19), note="trailing space")
bad(E, "someone@example.com\n", (P, "bad_character", 19), note="trailing newline")
bad(E, "some#one@example.com", (P, "bad_character", 4), edition=O)
bad(E, "x" * 100 + "@example", (MAX, "max_length"), (P, "malformed", 108), edition=O)

# The current edition's Email: `[^\s@]+@[^\s@]+\.[^\s@]+`, 6..64 characters, `\s` ASCII.
C = "current"
ok(E, "someone@example.c-m", note="anything but whitespace and '@' after the last dot", edition=C)
ok(E, "jos\u00e9@example.com", note="non-ASCII", edition=C)
ok(E, "caf\u00e9@example.com", note="non-ASCII", edition=C)
ok(E, "some#one@example.com", edition=C)
ok(E, "a'b@example.com", note="an apostrophe", edition=C)
ok(E, "!#$%&*+/=?^`{|}~@x.y", note="ASCII punctuation", edition=C)
ok(E, "\u65e5\u672c@\u4f8b\u3048.jp", note="no ASCII letter at all", edition=C)
ok(E, "a\u00a0b@example.com", note="NBSP is not \\s (ASCII classes)", edition=C)
ok(E, "a\u3000b@example.com", note="an ideographic space is not \\s", edition=C)
ok(E, "aa@b.c", note="min length 6", edition=C)
ok(E, "a@b.c.d", edition=C)
ok(E, "\u00e9" * 60 + "@b.c", note="max length 64 in characters (124 bytes)", edition=C)
ok(E, "\U0001f600" * 60 + "@b.c", note="max length 64 in characters outside the BMP", edition=C)
bad(E, "\u00e9" * 61 + "@b.c", (MAX, "max_length"), note="max+1 in characters", edition=C)
bad(E, "\U0001f600" * 61 + "@b.c", (MAX, "max_length"), note="max+1 outside the BMP", edition=C)
bad(E, "ab", (MIN, "min_length"), (P, "malformed"), edition=C)
bad(E, "\u00e9@b.c", (MIN, "min_length"), note="min-1; the pattern itself matches", edition=C)
bad(E, "someone.example.com", (P, "malformed"), note="no '@'", edition=C)
bad(E, "@example.com", (P, "malformed"), note="nothing before '@'", edition=C)
bad(E, "someone@example", (P, "malformed"), note="no dot after '@'", edition=C)
bad(E, "someone@.com", (P, "malformed"), note="nothing between '@' and the dot", edition=C)
bad(E, "someone@example.", (P, "malformed"), note="nothing after the last dot", edition=C)
bad(E, "x" * 100 + "@example", (MAX, "max_length"), (P, "malformed"), edition=C)
bad(E, "a b@example.com", (P, "bad_character", 1), edition=C)
bad(E, "someone@example.com\t", (P, "bad_character", 19), note="trailing tab", edition=C)
bad(E, "someone@example.com\x0b", (P, "bad_character", 19), note="vertical tab is \\s", edition=C)
bad(E, "someone@example.com\x0c", (P, "bad_character", 19), note="form feed is \\s", edition=C)
bad(E, "someone@example.com\r", (P, "bad_character", 19), note="carriage return is \\s", edition=C)
bad(E, "a@@b.com", (P, "bad_character", 2), note="a second '@' right after the first", edition=C)
bad(E, "caf\u00e9 @example.com", (P, "bad_character", 4), edition=C)
bad(E, "some one", (P, "bad_character", 4), note="whitespace is reported even without an '@'", edition=C)
bad(E, " " * 70, (MAX, "max_length"), (P, "bad_character", 0), edition=C)

# --- RoleName --------------------------------------------------------------------------------
R = "RoleName"
ok(R, "OrganizationAccountAccessRole")
ok(R, "a", note="min")
ok(R, "r" * 64, note="max")
ok(R, "with+plus=and,comma.dot@at-dash_underscore", note="every punctuation the model allows")
bad(R, "", (P, "empty"))
bad(R, "r" * 65, (P, "too_long"), note="max+1")
bad(R, "role name", (P, "bad_character", 4))
bad(R, "role/path", (P, "bad_character", 4))
bad(R, "r\u00f4le", (P, "bad_character", 1))
bad(R, " Admin", (P, "bad_character", 0), note="leading space")
bad(R, "Admin ", (P, "bad_character", 5), note="trailing space")

# --- names -----------------------------------------------------------------------------------
for kind, hi in [("AccountName", 50), ("OrganizationalUnitName", 128), ("PolicyName", 128)]:
    ok(kind, "Production")
    ok(kind, "x", note="min")
    ok(kind, "n" * hi, note="max")
    ok(kind, " ", note="a space is printable ASCII")
    ok(kind, "~!@#$%^&*()_+{}|:\"<>?`-=[]\\;',./", note="all ASCII punctuation")
    bad(kind, "", (MIN, "min_length"), note="min-1")
    bad(kind, "n" * (hi + 1), (MAX, "max_length"), note="max+1")
    bad(kind, "Caf\u00e9", (P, "bad_character", 3), note="non-ASCII (DESIGN rule 4)")
    bad(kind, "Prod\tuction", (P, "bad_character", 4), note="control character")
    bad(kind, "Prod\x7f", (P, "bad_character", 4), note="DEL is not printable")
    bad(kind, "\u00e9" * (hi + 1), (MAX, "max_length"), (P, "bad_character", 0))

# --- the current edition's kinds ---------------------------------------------------------------
prefixed_family("ResourcePolicyId", "rp-", 4, 128, True, edition=C)
ok("ResourcePolicyId", "rp-" + "Ab_" * 42 + "Ab", note="max, mixed case", edition=C)
bad("ResourcePolicyId", "p-examplepolicy1", (P, "wrong_prefix", 0), note="a policy ID", edition=C)
bad("ResourcePolicyId", "rp-abcd-", (P, "bad_character", 7), note="trailing hyphen", edition=C)
prefixed_family("ResponsibilityTransferId", "rt-", 8, 32, False, edition=C)
bad("ResponsibilityTransferId", "rt-ABCDEFGH", (P, "bad_character", 3), note="lower case only", edition=C)

TR = "TaggableResourceId"
for value, note in [
    ("r-abcd", "a root"),
    ("123456789012", "an account"),
    ("ou-abcd-12345678", "an organizational unit"),
    ("p-examplepolicy1", "a policy"),
    ("p-FullAWSAccess", "the AWS-managed policy"),
    ("p-" + "A" * 128, "a policy ID at the shape's max (130)"),
    ("rp-abcd", "a resource policy"),
    ("rp-ABC_def_123", "a resource policy, mixed case"),
    ("rt-abcdefgh", "a responsibility transfer"),
    ("rt-" + alnum(32), "a responsibility transfer at max"),
    ("r-" + alnum(32), "a root at max"),
    ("ou-" + alnum(32) + "-" + alnum(32), "an OU at max"),
]:
    ok(TR, value, note=note, edition=C)
for value, issue, note in [
    ("", (P, "empty"), ""),
    ("o-1234567890", (P, "wrong_prefix", 0), "an organization is not taggable"),
    ("h-examplehandshake1", (P, "wrong_prefix", 0), "a handshake is not taggable"),
    ("junk-ou-abcd-12345678", (P, "wrong_prefix", 0), "mis-anchored union case"),
    (" ou-abcd-12345678", (P, "wrong_prefix", 0), "leading space"),
    ("xx123456789012", (P, "wrong_prefix", 0), "12 digits inside"),
    (ARABIC_DIGITS, (P, "wrong_prefix", 0), "non-ASCII digits"),
    ("ou-abcd-12345678-junk", (P, "bad_character", 16), "mis-anchored union case"),
    ("123456789012-junk", (P, "bad_character", 12), "mis-anchored union case"),
    ("123456789012 ", (P, "bad_character", 12), "trailing space"),
    ("r-abcd-ou-abcd-12345678", (P, "bad_character", 6), ""),
    ("r-ABCD", (P, "bad_character", 2), "upper case"),
    ("rp-ab-cd", (P, "bad_character", 5), "inner hyphen"),
    ("rt-ABCDEFGH", (P, "bad_character", 3),
     "rt- IDs follow ResponsibilityTransferId's lower-case pattern (not the model union's rt-[0-9a-zA-Z_])"),
    ("rt-abcdefgh-x", (P, "bad_character", 11), "trailing junk"),
    ("ou-abcd", (P, "missing_separator", 7), ""),
    ("12345678901", (P, "too_short"), ""),
    ("r-abc", (P, "too_short"), ""),
    ("p-short", (P, "too_short"), ""),
    ("rp-abc", (P, "too_short"), ""),
    ("rt-abcdefg", (P, "too_short"), ""),
    ("rp-" + "a" * 128, (MAX, "max_length"),
     "a valid resource policy ID of 131 characters is over TaggableResourceId's max of 130"),
]:
    bad(TR, value, issue, note=note, edition=C)

for kind, lo, hi, sample in [("TagKey", 1, 128, "CostCenter"), ("TagValue", 0, 256, "Engineering")]:
    ok(kind, sample, edition=C)
    ok(kind, "k" * max(lo, 1), note="min" if lo else "", edition=C)
    ok(kind, "k" * hi, note="max", edition=C)
    ok(kind, "\u00e9" * hi, note="max in characters (twice as many bytes)", edition=C)
    ok(kind, "\U0001d400" * hi, note="max in characters outside the BMP (\\p{L})", edition=C)
    ok(kind, "\u65e5\u672c", note="letters of any script", edition=C)
    ok(kind, "\u00dcn\u00efc\u00f6de", note="accented letters", edition=C)
    ok(kind, "a b", note="a space", edition=C)
    ok(kind, "a\u00a0b", note="NBSP is \\p{Z}", edition=C)
    ok(kind, "a\u2028b", note="the line separator is \\p{Z}", edition=C)
    ok(kind, "\u0661\u0662\u0663", note="numbers of any script (\\p{N})", edition=C)
    ok(kind, "\u216b\u00bd", note="letter-like and fraction numbers are \\p{N}", edition=C)
    ok(kind, "_.:/=+-@", note="every punctuation the pattern allows", edition=C)
    ok(kind, "aws:cloudformation:stack-name", edition=C)
    if lo:
        bad(kind, "", (MIN, "min_length"), edition=C)
    else:
        ok(kind, "", note="min 0", edition=C)
    bad(kind, "k" * (hi + 1), (MAX, "max_length"), note="max+1", edition=C)
    bad(kind, "\u00e9" * (hi + 1), (MAX, "max_length"), note="max+1 in characters", edition=C)
    bad(kind, "k" * (hi + 1) + "#", (MAX, "max_length"), (P, "bad_character", hi + 1), edition=C)
    bad(kind, "Cost#Center", (P, "bad_character", 4), edition=C)
    bad(kind, "a\tb", (P, "bad_character", 1), note="a tab is not \\p{Z}", edition=C)
    bad(kind, "a\nb", (P, "bad_character", 1), note="a newline is not \\p{Z}", edition=C)
    bad(kind, "a,b", (P, "bad_character", 1), edition=C)
    bad(kind, "a;b*c", (P, "bad_character", 1), note="the first refused character", edition=C)
    bad(kind, "R&D", (P, "bad_character", 1), edition=C)
    bad(kind, "a\U0001f600", (P, "bad_character", 1), note="an emoji is not a letter", edition=C)
    bad(kind, "e\u0301", (P, "bad_character", 1), note="a combining mark is not a letter", edition=C)
    bad(kind, "\u200b", (P, "bad_character", 0), note="a zero-width space is not \\p{Z}", edition=C)
    bad(kind, sample + "\n", (P, "bad_character", len(sample)), note="trailing newline (whole value)",
        edition=C)

SP = "ServicePrincipal"
ok(SP, "securityhub.amazonaws.com", edition=C)
ok(SP, "s", note="min", edition=C)
ok(SP, "s" * 128, note="max", edition=C)
ok(SP, "a+b=c,d.e@f-g_h", note="every punctuation the pattern allows", edition=C)
ok(SP, "AWS_Service-1", edition=C)
bad(SP, "", (MIN, "min_length"), note="the pattern's '*' matches, the length does not", edition=C)
bad(SP, "s" * 129, (MAX, "max_length"), note="max+1", edition=C)
bad(SP, "s" * 128 + "!", (MAX, "max_length"), (P, "bad_character", 128), edition=C)
bad(SP, "bad principal", (P, "bad_character", 3), edition=C)
bad(SP, "s\u00e9rvice.amazonaws.com", (P, "bad_character", 1), note="non-ASCII", edition=C)
bad(SP, "svc/x", (P, "bad_character", 3), edition=C)
bad(SP, " securityhub.amazonaws.com", (P, "bad_character", 0), note="leading space", edition=C)
bad(SP, "securityhub.amazonaws.com ", (P, "bad_character", 25), note="trailing space", edition=C)
bad(SP, "\u0661", (P, "bad_character", 0), note="a non-ASCII digit is not \\w", edition=C)

# --- ARNs ------------------------------------------------------------------------------------
PARTITIONS = ["aws", "aws-cn", "aws-us-gov"]
MGMT = "111111111111"
ORG = "o-exampleorgid"


def arn_ok(value: str, resource_type: str, account: str, edition: str = "", **ids: str) -> None:
    ARN_CASES.append(
        {
            "value": value,
            "valid": True,
            "partition": value.split(":")[1],
            "account": account,
            "resource_type": resource_type,
            "ids": ids,
            # A form only the current edition has (the original edition refuses it).
            **({"edition": edition} if edition else {}),
        }
    )


def arn_bad(value: str, *issues: tuple, note: str = "") -> None:
    ARN_CASES.append(
        {
            "value": value,
            "valid": False,
            "issues": [issue_dict(i) for i in issues],
            **({"note": note} if note else {}),
        }
    )


for part in PARTITIONS:
    base = f"arn:{part}:organizations::{MGMT}:"
    arn_ok(base + f"organization/{ORG}", "organization", MGMT, organization_id=ORG)
    arn_ok(base + f"account/{ORG}/222222222222", "account", MGMT,
           organization_id=ORG, account_id="222222222222")
    arn_ok(base + f"root/{ORG}/r-examplerootid111", "root", MGMT,
           organization_id=ORG, root_id="r-examplerootid111")
    arn_ok(base + f"ou/{ORG}/ou-examplerootid111-exampleouid111", "ou", MGMT,
           organization_id=ORG, organizational_unit_id="ou-examplerootid111-exampleouid111")
    arn_ok(base + f"policy/{ORG}/service_control_policy/p-examplepolicyid111", "policy", MGMT,
           organization_id=ORG, policy_type="service_control_policy",
           policy_id="p-examplepolicyid111")
    arn_ok(f"arn:{part}:organizations::aws:policy/service_control_policy/p-FullAWSAccess",
           "policy", "aws", policy_type="service_control_policy", policy_id="p-FullAWSAccess")
    arn_ok(base + f"handshake/{ORG}/invite/h-examplehandshakeid111", "handshake", MGMT,
           organization_id=ORG, handshake_type="invite", handshake_id="h-examplehandshakeid111")
    arn_ok(base + f"handshake/{ORG}/enable_all_features/h-0123456789", "handshake", MGMT,
           organization_id=ORG, handshake_type="enable_all_features", handshake_id="h-0123456789")

    # The current edition's forms (ResourcePolicyArn, ResponsibilityTransferArn in the latest
    # model), in the three partitions of DESIGN rule 8.
    arn_ok(base + f"resourcepolicy/{ORG}/rp-abcd1234", "resourcepolicy", MGMT, "current",
           organization_id=ORG, resource_policy_id="rp-abcd1234")
    for direction in ("inbound", "outbound"):
        arn_ok(base + f"transfer/{ORG}/billing/{direction}/rt-abcdefgh12", "transfer", MGMT, "current",
               organization_id=ORG, transfer_type="billing", transfer_direction=direction,
               responsibility_transfer_id="rt-abcdefgh12")

# Boundaries inside ARNs.
B = f"arn:aws:organizations::{MGMT}:"
arn_ok(B + "organization/o-" + alnum(32), "organization", MGMT, organization_id="o-" + alnum(32))
arn_ok(B + "policy/" + ORG + "/tag_policy/p-" + alnum(10), "policy", MGMT,
       organization_id=ORG, policy_type="tag_policy", policy_id="p-" + alnum(10))
arn_ok(B + "policy/" + ORG + "/backup_policy/p-" + alnum(32), "policy", MGMT,
       organization_id=ORG, policy_type="backup_policy", policy_id="p-" + alnum(32))
arn_ok("arn:aws:organizations::aws:policy/tag_policy/p-" + "Ab_" * 42 + "Ab", "policy", "aws",
       policy_type="tag_policy", policy_id="p-" + "Ab_" * 42 + "Ab")
arn_ok(B + "handshake/" + ORG + "/" + "a" * 32 + "/h-" + alnum(8), "handshake", MGMT,
       organization_id=ORG, handshake_type="a" * 32, handshake_id="h-" + alnum(8))

L = len(B)  # where the resource type starts
arn_bad("", (P, "empty"))
arn_bad("ARN:aws:organizations::111111111111:organization/" + ORG, (P, "wrong_prefix", 0))
arn_bad(" " + B + "organization/" + ORG, (P, "wrong_prefix", 0), note="leading space")
arn_bad(B + "organization/" + ORG + " ", (P, "bad_character", L + 13 + len(ORG)), note="trailing space")
arn_bad(B + "organization/" + ORG + "\n", (P, "bad_character", L + 13 + len(ORG)), note="trailing newline")
arn_bad("arn:aws-iso:organizations::111111111111:organization/" + ORG, (P, "malformed", 4),
        note="partition not modelled")
arn_bad("arn:AWS:organizations::111111111111:organization/" + ORG, (P, "malformed", 4))
arn_bad("arn:aws:iam::111111111111:organization/" + ORG, (P, "malformed", 8), note="other service")
arn_bad("arn:aws:organizations:us-east-1:111111111111:organization/" + ORG, (P, "malformed", 22),
        note="regional")
arn_bad("arn:aws:organizations::11111111111:organization/" + ORG, (P, "too_short"), note="short account")
arn_bad("arn:aws:organizations::1111111111x1:organization/" + ORG, (P, "bad_character", 33))
arn_bad("arn:aws:organizations::aws:root/" + ORG + "/r-abcd", (P, "malformed", 23),
        note="only AWS-managed policies use the account 'aws'")
arn_bad(B + "user/" + ORG, (P, "malformed", L), note="unknown resource type")
arn_bad(B + "OU/" + ORG + "/ou-abcd-12345678", (P, "malformed", L), note="upper-case resource type")
arn_bad(B + "organization", (P, "malformed", L), note="no '/'")
arn_bad(B + "organization/o-short", (P, "too_short"))
arn_bad(B + "organization/o-" + alnum(33), (P, "too_long"))
arn_bad(B + "organization/x-exampleorgid", (P, "wrong_prefix", L + 13))
arn_bad(B + "account/" + ORG, (P, "malformed", L + 8 + len(ORG)), note="missing the account")
arn_bad(B + "account/" + ORG + "/2222222222222", (P, "too_long"))
arn_bad(B + "root/" + ORG + "/r-AB12", (P, "bad_character", L + 5 + len(ORG) + 3))
arn_bad(B + "root/" + ORG + "/r-abcd/extra", (P, "bad_character", L + 5 + len(ORG) + 7),
        note="trailing junk after a full match")
arn_bad(B + "ou/" + ORG + "/ou-abcd-1234567", (P, "too_short"))
arn_bad(B + "ou/" + ORG + "/r-abcd", (P, "wrong_prefix", L + 3 + len(ORG) + 1))
arn_bad(B + "policy/" + ORG + "/service_control_policy/p-FullAWSAccess",
        (P, "bad_character", L + 7 + len(ORG) + 24 + 2),
        note="a customer policy ARN needs a lower-case ID")
arn_bad(B + "policy/" + ORG + "/service_control_policy/p-abcdefgh", (P, "too_short"),
        note="a valid PolicyId of 8 characters fits no ARN form")
arn_bad(B + "policy/" + ORG + "/service_control_policy/p-" + alnum(33), (P, "too_long"))
arn_bad(B + "policy/" + ORG + "/SERVICE_CONTROL_POLICY/p-examplepolicyid111",
        (P, "bad_character", L + 7 + len(ORG) + 1))
arn_bad(B + "policy/" + ORG + "//p-examplepolicyid111", (P, "too_short"), note="empty policy type")
arn_bad(B + "policy/" + ORG + "/service_control_policy", (P, "malformed", L + 7 + len(ORG) + 23))
arn_bad("arn:aws:organizations::aws:policy/service_control_policy/p-Full", (P, "too_short"))
arn_bad("arn:aws:organizations::aws:policy/service_control_policy/p-" + "a" * 129, (P, "too_long"))
# The current edition's forms, broken.
arn_ok(B + "resourcepolicy/" + ORG + "/rp-" + "Ab_1" * 32, "resourcepolicy", MGMT, "current",
       organization_id=ORG, resource_policy_id="rp-" + "Ab_1" * 32)
arn_bad(B + "resourcepolicy/" + ORG + "/rp-abc", (P, "too_short"))
arn_bad(B + "resourcepolicy/" + ORG + "/p-abcd1234", (P, "wrong_prefix", L + 15 + len(ORG) + 1))
arn_bad("arn:aws:organizations::aws:resourcepolicy/" + ORG + "/rp-abcd1234", (P, "malformed", 23),
        note="only AWS-managed policies use the account 'aws'")
arn_bad(B + "transfer/" + ORG + "/legal/inbound/rt-abcdefgh12", (P, "malformed", L + 9 + len(ORG) + 1),
        note="the transfer type is billing")
arn_bad(B + "transfer/" + ORG + "/billing/sideways/rt-abcdefgh12",
        (P, "malformed", L + 9 + len(ORG) + 9), note="the direction is inbound or outbound")
arn_bad(B + "transfer/" + ORG + "/billing/inbound/rt-ABCDEFGH", (P, "bad_character", L + 9 + len(ORG) + 17 + 3))
arn_bad(B + "transfer/" + ORG + "/billing/rt-abcdefgh12", (P, "malformed"), note="no direction")
arn_bad("arn:aws:organizations::aws:policy/" + ORG + "/service_control_policy/p-FullAWSAccess",
        (P, "bad_character", 34 + 1), note="an AWS-managed policy has no organization")
arn_bad(B + "handshake/" + ORG + "/invite2/h-examplehandshakeid111",
        (P, "bad_character", L + 10 + len(ORG) + 1 + 6))
arn_bad(B + "handshake/" + ORG + "/" + "a" * 33 + "/h-examplehandshakeid111", (P, "too_long"))
arn_bad(B + "handshake/" + ORG + "/invite/h-short", (P, "too_short"))
arn_bad(B + "handshake/" + ORG + "/invite/p-examplehandshakeid111",
        (P, "wrong_prefix", L + 10 + len(ORG) + 8))
arn_bad("arn:aws:organizations::111111111111", (P, "malformed", 35), note="truncated after the account")
arn_bad("arn:aws", (P, "malformed", 7))
arn_bad("arn:aws:organizations::111111111111:organization/o-exampl\u00e9orgid",
        (P, "bad_character", L + 13 + 8), note="non-ASCII")


def render() -> dict[str, str]:
    ids = {
        "description": "ID, email, role-name and name cases shared by every orgkit test suite; "
        "written by build_vectors.py",
        "cases": ID_CASES,
    }
    arns = {
        "description": "Organizations ARN cases shared by every orgkit test suite; "
        "written by build_vectors.py",
        "cases": ARN_CASES,
    }
    return {
        "ids.json": json.dumps(ids, indent=1, ensure_ascii=True) + "\n",
        "arns.json": json.dumps(arns, indent=1, ensure_ascii=True) + "\n",
    }


def main() -> int:
    outputs = render()
    if "--check" in sys.argv:
        stale = [name for name, text in outputs.items() if (HERE / name).read_text() != text]
        if stale:
            print("stale vectors (run tests/vectors/build_vectors.py):", ", ".join(stale))
            return 1
        print(f"vectors up to date: {len(ID_CASES)} ID cases, {len(ARN_CASES)} ARN cases")
        return 0
    for name, text in outputs.items():
        (HERE / name).write_text(text)
    print(f"wrote {len(ID_CASES)} ID cases and {len(ARN_CASES)} ARN cases")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
