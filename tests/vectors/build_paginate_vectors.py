#!/usr/bin/env python3
"""Writes tests/vectors/paginate.json: walks of the client-side paginator over fake services.

Each case names an operation, the walk's options (botocore's PaginationConfig: max_items,
page_size, starting_token) and the service's responses, keyed by the NextToken of the request
that gets them ("" for the first request). The expected outcome — the requests made, the
items kept from each page, the resume token and the error code, if any — is computed here by
a small reference walk written from botocore's documented behaviour, independently of
core/src/paginate.rs. Run after editing; `--check` (CI) fails when the JSON is stale.

A page that is not a response of the operation (not a map, the result member not a list, the
token not text) ends the walk with MALFORMED_PAGE; a token the service already returned ends
it with REPEATED_TOKEN (the page carrying it is not handed out).
"""
from __future__ import annotations

import base64
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESUME_PREFIX = "orgkit-page:"

# (input token, output token, limit key, result key) of the operations the cases use; the
# suites read the real table, this is only for building the fake responses.
MEMBERS = {
    ("organizations", "ListRoots"): ("NextToken", "NextToken", "MaxResults", "Roots"),
    ("organizations", "ListAccounts"): ("NextToken", "NextToken", "MaxResults", "Accounts"),
    ("organizations", "ListHandshakesForAccount"): ("NextToken", "NextToken", "MaxResults", "Handshakes"),
    ("organizations", "ListPoliciesForTarget"): ("NextToken", "NextToken", "MaxResults", "Policies"),
    ("chime", "ListAccounts"): ("NextToken", "NextToken", "MaxResults", "Accounts"),
}
MODEL_NAMES = {"list_roots": "ListRoots", "list_accounts": "ListAccounts"}


def encode_resume(token: str | None, skip: int, input_token: str = "NextToken") -> str:
    """botocore's resume token (botocore.paginate.TokenEncoder): base64 of `json.dumps` of
    the input token member and, when a page was cut, `boto_truncate_amount`."""
    state: dict[str, object] = {input_token: token}
    if skip:
        state["boto_truncate_amount"] = skip
    return base64.b64encode(json.dumps(state).encode("utf-8")).decode("utf-8")


def decode_resume(text: str, input_token: str = "NextToken") -> tuple[str | None, int] | None:
    try:
        state = json.loads(base64.b64decode(text.encode("utf-8"), validate=True).decode("utf-8"))
    except (ValueError, UnicodeError):
        return decode_legacy_resume(text)
    if not isinstance(state, dict) or set(state) - {"boto_truncate_amount"} != {input_token}:
        return decode_legacy_resume(text)
    token, skip = state[input_token], state.get("boto_truncate_amount", 0)
    if not (token is None or isinstance(token, str)) or type(skip) is not int or skip < 0:
        return decode_legacy_resume(text)
    return (token or None, skip)


def encode_legacy_resume(token: str | None, skip: int) -> str:
    """orgkit 0.1's own resume tokens, still accepted."""
    return f"{RESUME_PREFIX}{skip}:{(token or '').encode('utf-8').hex()}"


def decode_legacy_resume(text: str) -> tuple[str | None, int] | None:
    if not text.startswith(RESUME_PREFIX):
        return None
    skip, sep, hexed = text[len(RESUME_PREFIX):].partition(":")
    if not sep or not skip.isdigit() or not skip.isascii():
        return None
    try:
        token = bytes.fromhex(hexed).decode("utf-8") if len(hexed) % 2 == 0 else None
    except ValueError:
        return None
    if token is None or any(c not in "0123456789abcdefABCDEF" for c in hexed):
        return None
    return (token or None, int(skip))


def malformed(page: object, result_key: str, token_key: str) -> str | None:
    """Why `page` is not a response, or None."""
    if not isinstance(page, dict):
        return "not a map"
    items = page.get(result_key)
    if items is not None and not isinstance(items, list):
        return f"{result_key} not a list"
    token = page.get(token_key)
    if token is not None and not isinstance(token, str):
        return f"{token_key} not text"
    return None


def reference_walk(case: dict) -> dict:
    """What a walk does, per botocore's paginator plus orgkit's repeated-token rule."""
    service, operation = case["service"], MODEL_NAMES.get(case["operation"], case["operation"])
    if (service, operation) not in MEMBERS:
        known_paginated = {"CreateAccount": "NOT_PAGINATED"}
        return {"error": known_paginated.get(operation, "UNKNOWN_OPERATION"), "requests": [], "pages": []}
    _, token_key, _, result_key = MEMBERS[(service, operation)]
    config = case["config"]
    max_items, page_size = config.get("max_items"), config.get("page_size")
    if page_size == 0:
        return {"error": "INVALID_PAGINATION_CONFIG", "requests": [], "pages": []}
    start_token = config.get("starting_token")
    token, skip = (None, 0)
    if start_token:
        token, skip = decode_resume(start_token) or (start_token, 0)
    requests: list[list] = []
    pages: list[list] = []
    seen: set[str] = set()
    yielded, resume, error = 0, None, None
    finished = max_items == 0
    while not finished:
        requests.append([token, page_size])
        page = case["responses"][token or ""]
        if malformed(page, result_key, token_key) is not None:
            error = "MALFORMED_PAGE"
            break
        items = page.get(result_key) or []
        following = page.get(token_key) or None
        begin, end, skip = min(skip, len(items)), len(items), 0
        if max_items is not None:
            room = max_items - yielded
            if end - begin > room:
                end = begin + room
                resume, finished = encode_resume(token, end), True
            elif end - begin == room:
                resume = encode_resume(following, 0) if following else None
                finished = True
        if not finished and following is not None and following in seen:
            error = "REPEATED_TOKEN"
            break
        yielded += end - begin
        pages.append(items[begin:end])
        if not finished:
            if following is None:
                finished = True
            else:
                seen.add(following)
                token = following
    outcome: dict = {"requests": requests, "pages": pages}
    if resume is not None:
        outcome["resume_token"] = resume
    if error is not None:
        outcome["error"] = error
    return outcome


def chain(service: str, operation: str, sizes: list[int], tokens: list[str] | None = None) -> dict:
    """Responses of a well-behaved service: pages of `sizes` items, linked by tokens."""
    _, token_key, _, result_key = MEMBERS[(service, operation)]
    tokens = tokens or [f"page-{n + 2}" for n in range(len(sizes) - 1)]
    responses, number = {}, 0
    request_tokens = [""] + tokens
    for index, size in enumerate(sizes):
        page: dict = {result_key: [{"Id": f"item-{number + i}"} for i in range(size)]}
        number += size
        if index + 1 < len(sizes):
            page[token_key] = tokens[index]
        responses[request_tokens[index]] = page
    return responses


def case(name: str, operation: str, responses: dict, service: str = "organizations", **config) -> dict:
    built = {"name": name, "service": service, "operation": operation, "config": config, "responses": responses}
    built["expect"] = reference_walk(built)
    return built


def build() -> dict:
    three = chain("organizations", "ListAccounts", [3, 3, 2])
    cases = [
        case("one page", "ListRoots", chain("organizations", "ListRoots", [1])),
        case("three pages, every item once", "ListAccounts", three),
        case("boto3 operation name", "list_accounts", three),
        case("page size goes into every request as MaxResults", "ListAccounts", three, page_size=3),
        case("max_items inside the first page", "ListAccounts", three, max_items=2),
        case("max_items across pages", "ListAccounts", three, max_items=5),
        case("max_items at a page boundary", "ListAccounts", three, max_items=6),
        case("max_items equal to everything", "ListAccounts", three, max_items=8),
        case("max_items beyond everything", "ListAccounts", three, max_items=100),
        case("max_items zero asks nothing", "ListAccounts", three, max_items=0),
        case("resume inside the first page", "ListAccounts", three, starting_token=encode_resume(None, 2)),
        case("resume inside a later page", "ListAccounts", three, starting_token=encode_resume("page-2", 2), max_items=3),
        case("resume at a page start", "ListAccounts", three, starting_token=encode_resume("page-3", 0)),
        case("resume from an orgkit 0.1 token", "ListAccounts", three,
             starting_token=encode_legacy_resume("page-2", 1), max_items=2),
        case("resume past the end of a page that shrank", "ListAccounts", three, starting_token=encode_resume("page-3", 9)),
        case("a raw service token starts there", "ListAccounts", three, starting_token="page-2"),
        case("a malformed resume token is taken as a raw token", "ListAccounts",
             {**three, "orgkit-page:x:zz": three["page-3"]}, starting_token="orgkit-page:x:zz"),
        case("a non-ASCII service token survives resuming", "ListRoots",
             chain("organizations", "ListRoots", [2, 2], tokens=["naïve→page"]), max_items=3),
        case("resume from a non-ASCII service token", "ListRoots",
             chain("organizations", "ListRoots", [2, 2], tokens=["naïve→page"]),
             starting_token=encode_resume("naïve→page", 1)),
        case("empty pages with tokens are followed", "ListAccounts",
             chain("organizations", "ListAccounts", [0, 0, 2])),
        case("an empty token ends the walk", "ListRoots",
             {"": {"Roots": [{"Id": "r-1"}], "NextToken": ""}}),
        case("a null token ends the walk", "ListRoots",
             {"": {"Roots": [{"Id": "r-1"}], "NextToken": None}}),
        case("a missing result member is an empty page", "ListRoots",
             {"": {"NextToken": "more"}, "more": {"Roots": [{"Id": "r-1"}]}}),
        case("a token returned twice in a row stops the walk", "ListRoots",
             {"": {"Roots": [{"Id": "r-1"}], "NextToken": "same"}, "same": {"Roots": [{"Id": "r-2"}], "NextToken": "same"}}),
        case("a token returned again later stops the walk", "ListRoots",
             {"": {"Roots": [{"Id": "r-1"}], "NextToken": "a"}, "a": {"Roots": [{"Id": "r-2"}], "NextToken": "b"},
              "b": {"Roots": [{"Id": "r-3"}], "NextToken": "a"}}),
        case("a repeated token after max_items is never followed", "ListRoots",
             {"": {"Roots": [{"Id": "r-1"}], "NextToken": "same"}, "same": {"Roots": [{"Id": "r-2"}], "NextToken": "same"}},
             max_items=2),
        case("handshakes page under Handshakes", "ListHandshakesForAccount",
             chain("organizations", "ListHandshakesForAccount", [2, 1]), page_size=2),
        case("policies for a target", "ListPoliciesForTarget",
             chain("organizations", "ListPoliciesForTarget", [1, 1, 1]), max_items=2, page_size=1),
        case("Chime ListAccounts", "ListAccounts", chain("chime", "ListAccounts", [2, 2]),
             service="chime", page_size=2),
        case("a page that is not a map", "ListRoots", {"": 5}),
        case("a page that is a list", "ListRoots", {"": [{"Id": "r-1"}]}),
        case("a result member that is not a list", "ListRoots", {"": {"Roots": "r-1"}}),
        case("a token that is not text", "ListRoots", {"": {"Roots": [], "NextToken": 7}}),
        case("a malformed second page", "ListRoots", {"": {"Roots": [{"Id": "r-1"}], "NextToken": "t"}, "t": None}),
        case("an operation without a paginator", "CreateAccount", {}),
        case("an unknown operation", "ListNothing", {}),
        case("a page size of zero", "ListRoots", {}, page_size=0),
    ]
    return {
        "description": "Client-side paginator walks over fake services; see build_paginate_vectors.py.",
        "cases": cases,
    }


def main() -> int:
    target = HERE / "paginate.json"
    text = json.dumps(build(), indent=1, ensure_ascii=False) + "\n"
    if "--check" in sys.argv:
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            print(f"{target} is stale: run python3 {Path(__file__).name}", file=sys.stderr)
            return 1
        return 0
    target.write_text(text, encoding="utf-8")
    print(f"wrote {len(build()['cases'])} cases to {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
