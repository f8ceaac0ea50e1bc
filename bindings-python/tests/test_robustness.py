"""Hostile input from Python: every failure is an ordinary orgkit error with a stable code, in
bounded time, and nothing is left locked, poisoned or half-changed (issue 10)."""

from __future__ import annotations

import json
import threading
import time

import pytest

import orgkit
from orgkit import _orgkit


def test_a_panic_is_an_internal_error_not_a_base_exception() -> None:
    with pytest.raises(orgkit.InternalError) as caught:
        _orgkit._internal_panic("boom")
    assert caught.value.code == "INTERNAL_ERROR"
    assert "boom" in caught.value.message
    # An Exception (pyo3's PanicException is a BaseException and escapes `except Exception`).
    assert isinstance(caught.value, Exception)
    assert isinstance(caught.value, orgkit.OrgkitError)
    # Everything still works afterwards.
    assert orgkit.is_account_id("123456789012")
    assert orgkit.validate_request("organizations", "ListRoots", {}) == []


class _CollidingKey:
    """A dict key whose hash equals a member name's, so that looking the member up runs its
    `__eq__` — which calls back into the page walk being read."""

    def __init__(self, name: str, on_compare) -> None:
        self.name = name
        self.on_compare = on_compare

    def __hash__(self) -> int:
        return hash(self.name)

    def __eq__(self, other: object) -> bool:
        self.on_compare()
        return False


def _finishes(target, seconds: float = 10.0) -> None:
    worker = threading.Thread(target=target, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), "deadlocked"


def test_reading_a_page_that_runs_python_code_touching_the_walk_does_not_deadlock() -> None:
    walk = orgkit.PageWalk("organizations", "ListAccounts")
    walk.next_request()
    touched = []

    def touch() -> None:
        touched.append(walk.resume_token)
        touched.append(walk.members)

    page = {_CollidingKey("Accounts", touch): 1, "Accounts": [{"Id": "111111111111"}]}
    outcome = []
    _finishes(lambda: outcome.append(walk.receive_page(page)))
    assert touched, "the key's __eq__ never ran"
    assert outcome == [(0, 1)]


def test_a_page_read_that_sleeps_does_not_block_another_thread_on_the_walk() -> None:
    walk = orgkit.PageWalk("organizations", "ListAccounts")
    walk.next_request()
    page = {_CollidingKey("Accounts", lambda: time.sleep(0.3)): 1, "Accounts": []}
    reader = threading.Thread(target=lambda: walk.receive_page(page), daemon=True)
    reader.start()
    time.sleep(0.05)
    answers = []
    _finishes(lambda: answers.append(walk.resume_token), 5.0)
    reader.join(5.0)
    assert answers == [None]


class _MutatingRepr:
    """A non-str key whose `repr()` (shown in the UNKNOWN_PARAMETER message) grows the dict."""

    def __init__(self, target: dict) -> None:
        self.target = target

    def __repr__(self) -> str:
        for index in range(50):
            self.target[f"added{index}"] = index
        return "<mutating>"


def test_a_key_whose_repr_changes_the_dict_is_reported_not_a_panic() -> None:
    params: dict = {"Email": "someone@example.com", "AccountName": "Prod"}
    params[_MutatingRepr(params)] = 1
    issues = orgkit.validate_request("organizations", "CreateAccount", params)
    assert [issue.code for issue in issues] == ["UNKNOWN_PARAMETER"]
    assert "<mutating>" in issues[0].path
    params2: dict = {}
    params2[_MutatingRepr(params2)] = 1
    with pytest.raises(orgkit.ValidationError):
        orgkit.check_request("organizations", "ListRoots", params2)
    params3: dict = {}
    params3[_MutatingRepr(params3)] = 1
    assert orgkit.RequestValidator("organizations", "ListRoots")(params3)[0].code == "UNKNOWN_PARAMETER"
    emulator = orgkit.Emulator()
    params4: dict = {}
    params4[_MutatingRepr(params4)] = 1
    with pytest.raises(orgkit.exceptions.InvalidInputException):
        emulator._native.call("organizations", "CreateOrganization", "111111111111", params4)


def test_issues_are_capped_and_members_listed_once() -> None:
    params = {f"Unknown{index:07d}": index for index in range(200_000)}
    params["Email"] = 5
    issues = orgkit.validate_request("organizations", "CreateAccount", params)
    assert len(issues) == orgkit.MAX_ISSUES + 1
    assert issues[-1].code == "TOO_MANY_ISSUES"
    assert [issue.code for issue in issues[:3]] == ["INVALID_TYPE", "INPUT_REQUIRED", "UNKNOWN_PARAMETER"]
    # The smallest unknown names, in order; only the first lists the valid names.
    assert issues[2].path == "Unknown0000000"
    assert issues[3].path == "Unknown0000001"
    assert "must be one of: Email, AccountName" in issues[2].message
    assert "AccountName" not in issues[3].message
    long_list = {"States": [None] * 1_000_000}
    issues = orgkit.validate_request("organizations", "ListCreateAccountStatus", long_list)
    assert len(issues) == orgkit.MAX_ISSUES + 1
    assert issues[0].path == "States[0]" and issues[-1].code == "TOO_MANY_ISSUES"


@pytest.mark.parametrize(
    "call",
    [
        lambda: orgkit.validate_request(1, "CreateAccount", {}),
        lambda: orgkit.validate_request("organizations", None, {}),
        lambda: orgkit.check_request("organizations", "\ud800", {}),
        lambda: orgkit.RequestValidator(b"organizations", "CreateAccount"),
        lambda: orgkit.operations(3),
        lambda: orgkit.check_ids(5, []),
        lambda: orgkit.check_ids("NoSuchKind", []),
        lambda: orgkit.validate_value("\udfff", "x"),
        lambda: orgkit.PageWalk(1, "ListAccounts"),
        lambda: orgkit.decide_handshake("INVITE", "OPEN", "accept", 7),
        lambda: orgkit.decide_handshake("INVITE", "OPEN", "accept", "invitee", expired="yes"),
        lambda: orgkit.decide_handshake("NOPE", "OPEN", "accept", "invitee"),
    ],
)
def test_arguments_of_the_wrong_kind_are_argument_errors(call) -> None:
    with pytest.raises(orgkit.ArgumentError) as caught:
        call()
    assert caught.value.code == "INVALID_ARGUMENT"
    # Still a TypeError and a ValueError, as the plain exceptions were.
    assert isinstance(caught.value, TypeError) and isinstance(caught.value, ValueError)


def test_check_ids_refuses_a_string_and_absurd_sizes() -> None:
    with pytest.raises(orgkit.ArgumentError) as caught:
        orgkit.check_ids("AccountId", "123456789012")
    assert caught.value.code == "INVALID_ARGUMENT"

    class Huge:
        def __len__(self) -> int:
            return orgkit.MAX_BATCH_VALUES + 1

        def __iter__(self):
            return iter(())

    with pytest.raises(orgkit.ArgumentError) as caught:
        orgkit.check_ids("AccountId", Huge())
    assert caught.value.code == "TOO_MANY_VALUES"

    def endless():
        while True:
            yield "123456789012"

    with pytest.raises(orgkit.ArgumentError) as caught:
        orgkit.check_ids("AccountId", endless())
    assert caught.value.code == "TOO_MANY_VALUES"
    assert orgkit.check_ids("AccountId", iter(["123456789012", 5])) == [True, False]


HANDSHAKE = {
    "Id": "h-examplehandshakeid111",
    "Arn": "arn:aws:organizations::111111111111:handshake/o-exampleorgid/invite/h-examplehandshakeid111",
    "Parties": [
        {"Id": "o-exampleorgid", "Type": "ORGANIZATION"},
        {"Id": "222222222222", "Type": "ACCOUNT"},
    ],
    "State": "OPEN",
    "RequestedTimestamp": 1_500_000_000,
    "ExpirationTimestamp": 1_501_296_000,
    "Action": "INVITE",
    "Resources": [],
}


@pytest.mark.parametrize(
    "kwargs",
    [
        {"handshake": None},
        {"handshake": ["not", "a", "dict"]},
        {"handshake": {**HANDSHAKE, "Resources": {1, 2}}},
        {"handshake": {**HANDSHAKE, "State": float("nan")}},
        {"event": 5},
        {"event": "\ud800"},
        {"actor": 222222222222},
        {"now": "yesterday"},
        {"now": 10**400},
        {"remaining_children": -1},
        {"remaining_children": 1.5},
        {"remaining_children": 2**70},
        {"email": 3},
    ],
)
def test_apply_handshake_event_refuses_bad_arguments_with_a_code(kwargs) -> None:
    arguments = {"handshake": HANDSHAKE, "event": "accept", "actor": "222222222222", **kwargs}
    with pytest.raises(orgkit.ArgumentError) as caught:
        orgkit.apply_handshake_event(
            arguments.pop("handshake"), arguments.pop("event"), arguments.pop("actor"), **arguments
        )
    assert caught.value.code == "INVALID_ARGUMENT"


def _organization() -> tuple[orgkit.Emulator, dict]:
    emulator = orgkit.Emulator(seed=3)
    client = emulator.client("organizations", "111111111111")
    client.create_organization(FeatureSet="ALL")
    return emulator, emulator.export()


def test_a_snapshot_with_a_dangling_reference_is_refused_with_a_code() -> None:
    emulator, snapshot = _organization()
    broken = json.loads(json.dumps(snapshot))
    for root in broken["state"]["roots"].values():
        root["organization"] = "o-doesnotexist"
    fresh = orgkit.Emulator()
    with pytest.raises(orgkit.EmulatorUsageError) as caught:
        fresh.import_state(broken)
    assert caught.value.code == "SNAPSHOT_CORRUPT"
    # A handshake listed where CreateAccount requests belong.
    swapped = json.loads(json.dumps(snapshot))
    organization = next(iter(swapped["state"]["organizations"].values()))
    organization["create_account_requests"] = ["h-exampleexampleid"]
    with pytest.raises(orgkit.EmulatorUsageError) as caught:
        fresh.import_state(swapped)
    assert caught.value.code == "SNAPSHOT_CORRUPT"
    # Timestamps no datetime can hold.
    far = json.loads(json.dumps(snapshot))
    far["state"]["clock"] = 1e308
    with pytest.raises(orgkit.EmulatorUsageError) as caught:
        fresh.import_state(far)
    assert caught.value.code == "SNAPSHOT_CORRUPT"
    assert fresh.export() == orgkit.Emulator().export()


def test_load_is_bounded(tmp_path) -> None:
    with pytest.raises(orgkit.EmulatorUsageError) as caught:
        orgkit.Emulator.load("/dev/zero")
    assert caught.value.code == "SNAPSHOT_IO"
    emulator, snapshot = _organization()
    path = tmp_path / "state.json"
    emulator.save(path)
    with pytest.raises(orgkit.EmulatorUsageError) as caught:
        orgkit.Emulator.load(path, max_bytes=100)
    assert caught.value.code == "SNAPSHOT_TOO_LARGE"
    with pytest.raises(orgkit.EmulatorUsageError) as caught:
        emulator.import_state(snapshot, max_bytes=10)
    assert caught.value.code == "SNAPSHOT_TOO_LARGE"
    assert orgkit.Emulator.load(path).export() == snapshot


def test_the_clock_stays_where_datetime_can_follow() -> None:
    emulator, before = _organization()
    with pytest.raises(orgkit.EmulatorUsageError) as caught:
        emulator.advance(300_000_000_000)
    assert caught.value.code == "CLOCK_OUT_OF_RANGE"
    assert emulator.export() == before
    # Up to the bound, every call still answers with datetimes.
    emulator.advance(253_402_300_799 - 15 * 86_400 - emulator.now.timestamp())
    client = emulator.client("organizations", "111111111111")
    status = client.create_account(Email="late@example.com", AccountName="Late")
    assert status["CreateAccountStatus"]["RequestedTimestamp"].year == 9999


def test_a_refused_call_from_a_new_caller_changes_nothing() -> None:
    emulator, before = _organization()
    stranger = emulator.client("organizations", "999999999999")
    with pytest.raises(orgkit.exceptions.AWSOrganizationsNotInUseException):
        stranger.list_accounts()
    assert emulator.export() == before


def test_chime_create_account_answers_201_as_its_model_says() -> None:
    chime = orgkit.Emulator().client("chime", "111111111111")
    assert chime.create_account(Name="Team")["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert chime.list_accounts()["ResponseMetadata"]["HTTPStatusCode"] == 200


def test_advance_and_handshakes_beyond_any_number_have_codes() -> None:
    emulator = orgkit.Emulator()
    with pytest.raises(orgkit.EmulatorUsageError) as caught:
        emulator.advance(10**400)
    assert caught.value.code == "CLOCK_OUT_OF_RANGE"
    deep: list = []
    for _ in range(100_000):
        deep = [deep]
    with pytest.raises(orgkit.ArgumentError) as refused:
        orgkit.apply_handshake_event({**HANDSHAKE, "Resources": deep}, "accept", "222222222222")
    assert refused.value.code == "INVALID_ARGUMENT"


def test_a_list_longer_than_orgkit_reads_is_one_issue() -> None:
    issues = orgkit.validate_request(
        "organizations", "ListCreateAccountStatus", {"States": ["SUCCEEDED"] * (2**20 + 1)}
    )
    assert [(issue.path, issue.code) for issue in issues] == [("States", "MAX_LENGTH_EXCEEDED")]


def test_the_new_emulator_entry_points_refuse_bad_arguments_with_codes(tmp_path) -> None:
    emulator, _ = _organization()
    for call, code in [
        (lambda: emulator.prepare_standalone(5), "INVALID_ARGUMENT"),  # type: ignore[arg-type]
        (lambda: emulator.prepare_standalone("999999999999"), "NOT_FOUND"),
        (lambda: emulator.set_policy_document_limit(-1), "INVALID_ARGUMENT"),
        (lambda: emulator.set_policy_document_limit(True), "INVALID_ARGUMENT"),
        (lambda: emulator.load_into(tmp_path / "none.json", max_bytes=-1), "INVALID_ARGUMENT"),
        (lambda: emulator.import_state({}, max_bytes=2**64), "INVALID_ARGUMENT"),
    ]:
        with pytest.raises(orgkit.EmulatorUsageError) as caught:
            call()
        assert caught.value.code == code
    assert emulator.policy_document_limit == 5120
