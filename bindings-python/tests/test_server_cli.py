"""`orgkit.serve` and `orgkit serve` driven by the real AWS CLI (v1, `python -m awscli`) over
loopback HTTP: Organizations (awsJson 1.1), Account and Chime (restJson1) and STS (query/XML),
the caller taken from the SigV4 access key ID, the CLI's pagination, error exit codes, and the
server as a process of its own (state file, SIGHUP/SIGTERM/SIGINT).

Each AWS CLI run costs ~0.5 s of interpreter start-up, so the suite keeps to about 30 of them:
set-up that is not what a test is about goes through the in-process client instead.
"""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Iterator

import pytest

import orgkit

pytest.importorskip("awscli", reason="the AWS CLI (awscli v1) is not installed")

MASTER = "111111111111"
INVITEE = "222222222222"
UNKNOWN_KEY = "AKIAIOSFODNN7EXAMPLE"  # a key the emulator did not hand out: the default caller
CLI = [sys.executable, "-m", "awscli"]
SERVER = [sys.executable, "-m", "orgkit._server", "serve"]
CLI_TIMEOUT = 60


def cli_env(credentials: dict[str, str], tmp: Path) -> dict[str, str]:
    """The environment of one CLI run: these credentials only, no user config or profile."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("AWS_")}
    env.update(
        AWS_ACCESS_KEY_ID=credentials["aws_access_key_id"],
        AWS_SECRET_ACCESS_KEY=credentials["aws_secret_access_key"],
        AWS_CONFIG_FILE=str(tmp / "no-such-config"),
        AWS_SHARED_CREDENTIALS_FILE=str(tmp / "no-such-credentials"),
        AWS_EC2_METADATA_DISABLED="true",
    )
    if credentials.get("aws_session_token"):
        env["AWS_SESSION_TOKEN"] = credentials["aws_session_token"]
    return env


def run_cli(
    endpoint_url: str, credentials: dict[str, str], *args: str, tmp: Path
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *args, "--endpoint-url", endpoint_url, "--region", "us-east-1", "--output", "json"],
        env=cli_env(credentials, tmp),
        capture_output=True,
        text=True,
        timeout=CLI_TIMEOUT,
        check=False,
    )


def ok(result: subprocess.CompletedProcess[str]) -> Any:
    """The JSON a successful CLI run printed (`None` when it printed nothing)."""
    assert result.returncode == 0, f"exit {result.returncode}\nstdout: {result.stdout}\nstderr: {result.stderr}"
    return json.loads(result.stdout) if result.stdout.strip() else None


def fails_with(result: subprocess.CompletedProcess[str], code: str) -> str:
    """Checks the run failed with AWS error `code`; returns its stderr."""
    assert result.returncode != 0, f"expected {code}, but it succeeded: {result.stdout}"
    assert f"({code})" in result.stderr, result.stderr
    return result.stderr


class Cli:
    """The AWS CLI pointed at one server, calling as the account whose keys it is given."""

    def __init__(self, endpoint_url: str, emulator: orgkit.Emulator, tmp: Path) -> None:
        self.endpoint_url = endpoint_url
        self.emulator = emulator
        self.tmp = tmp

    def run(self, account: str, *args: str) -> subprocess.CompletedProcess[str]:
        return self.run_with(self.emulator.credentials(account), *args)

    def run_with(self, credentials: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
        return run_cli(self.endpoint_url, credentials, *args, tmp=self.tmp)

    def __call__(self, account: str, *args: str) -> Any:
        return ok(self.run(account, *args))


@pytest.fixture(scope="module")
def server() -> Iterator[orgkit.serve]:
    with orgkit.serve(port=0) as running:
        yield running


@pytest.fixture(scope="module")
def aws(server: orgkit.serve, tmp_path_factory: pytest.TempPathFactory) -> Cli:
    return Cli(server.endpoint_url, server.emulator, tmp_path_factory.mktemp("aws-cli"))


@pytest.fixture(scope="module")
def org(aws: Cli) -> dict[str, Any]:
    """An organization of MASTER made through the CLI, with its root."""
    created = aws(MASTER, "organizations", "create-organization", "--feature-set", "ALL")["Organization"]
    roots = aws(MASTER, "organizations", "list-roots")["Roots"]
    return {"organization": created, "roots": roots}


class TestOrganizationsThroughTheCli:
    def test_create_organization_and_list_roots(self, org: dict[str, Any]) -> None:
        organization = org["organization"]
        assert organization["MasterAccountId"] == MASTER
        assert organization["FeatureSet"] == "ALL"
        assert organization["Id"].startswith("o-")
        assert organization["Arn"] == (
            f"arn:aws:organizations::{MASTER}:organization/{organization['Id']}")
        [root] = org["roots"]
        assert root["Id"].startswith("r-") and root["Name"] == "Root"
        assert root["Arn"] == f"arn:aws:organizations::{MASTER}:root/{organization['Id']}/{root['Id']}"

    def test_nested_organizational_units(self, aws: Cli, org: dict[str, Any]) -> None:
        root = org["roots"][0]["Id"]
        outer = aws(MASTER, "organizations", "create-organizational-unit",
                    "--parent-id", root, "--name", "Workloads")["OrganizationalUnit"]
        inner = aws(MASTER, "organizations", "create-organizational-unit",
                    "--parent-id", outer["Id"], "--name", "Production")["OrganizationalUnit"]
        assert outer["Name"] == "Workloads" and inner["Name"] == "Production"
        assert outer["Id"].startswith(f"ou-{root[2:]}-") and inner["Id"].startswith(f"ou-{root[2:]}-")
        children = aws(MASTER, "organizations", "list-organizational-units-for-parent",
                       "--parent-id", outer["Id"])["OrganizationalUnits"]
        assert children == [inner]

    def test_duplicate_ou_name_is_an_error_exit(self, aws: Cli, org: dict[str, Any]) -> None:
        root = org["roots"][0]["Id"]
        aws(MASTER, "organizations", "create-organizational-unit", "--parent-id", root, "--name", "Sandbox")
        again = aws.run(MASTER, "organizations", "create-organizational-unit",
                        "--parent-id", root, "--name", "Sandbox")
        stderr = fails_with(again, "DuplicateOrganizationalUnitException")
        assert "CreateOrganizationalUnit" in stderr
        assert again.stdout.strip() == ""

    def test_create_account_succeeds_and_its_role_can_be_assumed(self, aws: Cli, org: dict[str, Any]) -> None:
        status = aws(MASTER, "organizations", "create-account",
                     "--email", "cli-dev@example.com", "--account-name", "cli dev")["CreateAccountStatus"]
        assert status["State"] == "IN_PROGRESS" and status["AccountName"] == "cli dev"
        # Each request moves the virtual clock a second: the request has finished by now.
        done = aws(MASTER, "organizations", "describe-create-account-status",
                   "--create-account-request-id", status["Id"])["CreateAccountStatus"]
        assert done["State"] == "SUCCEEDED"
        account = done["AccountId"]
        assert len(account) == 12 and account.isdigit()
        assumed = aws(MASTER, "sts", "assume-role", "--role-session-name", "cli-test", "--role-arn",
                      f"arn:aws:iam::{account}:role/OrganizationAccountAccessRole")
        keys = assumed["Credentials"]
        session = {"aws_access_key_id": keys["AccessKeyId"],
                   "aws_secret_access_key": keys["SecretAccessKey"],
                   "aws_session_token": keys["SessionToken"]}
        identity = ok(aws.run_with(session, "sts", "get-caller-identity"))
        assert identity["Account"] == account
        assert identity["Arn"] == f"arn:aws:sts::{account}:assumed-role/OrganizationAccountAccessRole/cli-test"
        assert identity["Arn"] == assumed["AssumedRoleUser"]["Arn"]

    def test_invite_and_accept_with_the_invitees_credentials(self, aws: Cli, org: dict[str, Any]) -> None:
        handshake = aws(MASTER, "organizations", "invite-account-to-organization",
                        "--target", f"Id={INVITEE},Type=ACCOUNT")["Handshake"]
        assert handshake["State"] == "OPEN" and handshake["Action"] == "INVITE"
        assert {"Id": INVITEE, "Type": "ACCOUNT"} in handshake["Parties"]
        accepted = aws(INVITEE, "organizations", "accept-handshake",
                       "--handshake-id", handshake["Id"])["Handshake"]
        assert accepted["Id"] == handshake["Id"] and accepted["State"] == "ACCEPTED"
        # The invitee now sees the organization it joined.
        seen = aws(INVITEE, "organizations", "describe-organization")["Organization"]
        assert seen["Id"] == org["organization"]["Id"] and seen["MasterAccountId"] == MASTER

    def test_pagination(self, aws: Cli, server: orgkit.serve, org: dict[str, Any]) -> None:
        # Enough accounts for several pages, made in-process (cheaper than CLI runs).
        client = server.emulator.client("organizations", MASTER)
        for n in range(3):
            client.create_account(Email=f"page-{n}@example.com", AccountName=f"page {n}")
        server.emulator.advance(60)
        expected = [account["Id"] for page in client.get_paginator("list_accounts").paginate()
                    for account in page["Accounts"]]
        assert len(expected) >= 4

        def ids(output: dict[str, Any]) -> list[str]:
            return [account["Id"] for account in output["Accounts"]]

        # --page-size 1: one request per account, the CLI follows NextToken to the end.
        everything = aws(MASTER, "organizations", "list-accounts", "--page-size", "1")
        assert ids(everything) == expected and "NextToken" not in everything
        # --max-items stops early and hands out a token; --starting-token goes on from it.
        first = aws(MASTER, "organizations", "list-accounts", "--page-size", "1", "--max-items", "2")
        assert ids(first) == expected[:2] and first["NextToken"]
        rest = aws(MASTER, "organizations", "list-accounts", "--page-size", "1",
                   "--starting-token", first["NextToken"])
        assert ids(rest) == expected[2:] and "NextToken" not in rest
        # The same with the service's default page size (the CLI truncates a page).
        head = aws(MASTER, "organizations", "list-accounts", "--max-items", "1")
        assert ids(head) == expected[:1] and head["NextToken"]
        tail = aws(MASTER, "organizations", "list-accounts", "--starting-token", head["NextToken"])
        assert ids(tail) == expected[1:]
        # The service's own token, untouched by the CLI's paginator.
        raw = aws(MASTER, "organizations", "list-accounts", "--no-paginate", "--max-results", "1")
        assert ids(raw) == expected[:1] and isinstance(raw["NextToken"], str) and raw["NextToken"]


class TestOtherServicesThroughTheCli:
    def test_sts_get_caller_identity_follows_the_access_key(self, aws: Cli) -> None:
        assert aws(INVITEE, "sts", "get-caller-identity") == {
            "UserId": INVITEE, "Account": INVITEE, "Arn": f"arn:aws:iam::{INVITEE}:root"}
        stranger = {"aws_access_key_id": UNKNOWN_KEY, "aws_secret_access_key": "anything"}
        identity = ok(aws.run_with(stranger, "sts", "get-caller-identity"))
        assert identity["Account"] == aws.emulator.default_caller == MASTER

    def test_chime_create_account(self, aws: Cli) -> None:
        account = aws(MASTER, "chime", "create-account", "--name", "x")["Account"]
        assert account["Name"] == "x" and account["AwsAccountId"] == MASTER
        assert account["AccountStatus"] == "Active"
        fetched = aws(MASTER, "chime", "get-account", "--account-id", account["AccountId"])["Account"]
        assert fetched == account

    def test_alternate_contacts(self, aws: Cli) -> None:
        put = aws(MASTER, "account", "put-alternate-contact", "--alternate-contact-type", "BILLING",
                  "--email-address", "billing@example.com", "--name", "Bea Biller",
                  "--phone-number", "+1-555-0100", "--title", "CFO")
        assert put is None  # PutAlternateContact answers an empty body
        contact = aws(MASTER, "account", "get-alternate-contact",
                      "--alternate-contact-type", "BILLING")["AlternateContact"]
        assert contact == {"AlternateContactType": "BILLING", "EmailAddress": "billing@example.com",
                           "Name": "Bea Biller", "PhoneNumber": "+1-555-0100", "Title": "CFO"}
        missing = aws.run(MASTER, "account", "get-alternate-contact", "--alternate-contact-type", "SECURITY")
        fails_with(missing, "ResourceNotFoundException")


# --- the server as a process of its own ------------------------------------------------------


def first_line(process: subprocess.Popen[str], timeout: float = 30.0) -> str:
    """The first line the process prints, or a failure after `timeout` seconds."""
    lines: queue.Queue[str] = queue.Queue()
    assert process.stdout is not None
    stdout = process.stdout
    threading.Thread(target=lambda: lines.put(stdout.readline()), daemon=True).start()
    try:
        return lines.get(timeout=timeout)
    except queue.Empty:
        pytest.fail(f"the server printed nothing in {timeout} s")


class ServerProcess:
    """`python -m orgkit._server serve --port 0 ...`, its URL read from its first line."""

    def __init__(self, *args: str) -> None:
        self.process = subprocess.Popen(
            [*SERVER, "--port", "0", *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = first_line(self.process)
        assert line.startswith("orgkit: serving on http://127.0.0.1:"), line
        self.endpoint_url = line.split("serving on ", 1)[1].split()[0]

    def stop(self, signum: int) -> tuple[int, str, str]:
        self.process.send_signal(signum)
        out, err = self.process.communicate(timeout=30)
        return self.process.returncode, out, err

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.communicate(timeout=30)


class TestServeCommand:
    def test_state_survives_a_restart(self, tmp_path: Path) -> None:
        state = tmp_path / "orgkit-state.json"
        keys = orgkit.Emulator().credentials(MASTER)  # keys derive from the account only

        first = ServerProcess("--state", str(state))
        try:
            created = ok(run_cli(first.endpoint_url, keys, "organizations", "create-organization",
                                 "--feature-set", "ALL", tmp=tmp_path))["Organization"]
            # SIGHUP saves and the server goes on.
            first.process.send_signal(signal.SIGHUP)
            for _ in range(200):
                if state.exists():
                    break
                time.sleep(0.05)
            assert state.exists()
            assert first.process.poll() is None
            assert json.loads(state.read_text())  # written whole (atomically)
            code, out, err = first.stop(signal.SIGTERM)
        finally:
            first.kill()
        assert code == 0, err
        assert f"state saved to {state}" in out
        snapshot = json.loads(state.read_text())
        assert isinstance(snapshot, dict) and snapshot

        second = ServerProcess("--state", str(state), "--caller", "333333333333")
        try:
            again = ok(run_cli(second.endpoint_url, keys, "organizations", "describe-organization",
                               tmp=tmp_path))["Organization"]
            stranger = {"aws_access_key_id": UNKNOWN_KEY, "aws_secret_access_key": "x"}
            identity = ok(run_cli(second.endpoint_url, stranger, "sts", "get-caller-identity",
                                  tmp=tmp_path))
            code, out, err = second.stop(signal.SIGINT)
        finally:
            second.kill()
        assert again == created
        assert identity["Account"] == "333333333333"  # --caller
        assert code == 0, err
        assert json.loads(state.read_text())  # saved again on SIGINT

    def test_a_non_loopback_host_is_refused(self) -> None:
        with pytest.raises(orgkit.EmulatorUsageError) as caught:
            orgkit.serve(host="0.0.0.0")
        assert caught.value.code == "INVALID_ADDRESS"
        assert "loopback" in caught.value.message
        with pytest.raises(orgkit.EmulatorUsageError) as caught:
            orgkit.serve(host="::")
        assert caught.value.code == "INVALID_ADDRESS"
        # The command says so and exits 2 without a traceback.
        result = subprocess.run([*SERVER, "--host", "0.0.0.0", "--port", "0"],
                                capture_output=True, text=True, timeout=60, check=False)
        assert result.returncode == 2
        assert "INVALID_ADDRESS" in result.stderr and "Traceback" not in result.stderr
        assert result.stdout == ""

    def test_a_taken_port_is_a_server_io_error(self, server: orgkit.serve) -> None:
        with pytest.raises(orgkit.EmulatorUsageError) as caught:
            orgkit.serve(port=server.port)
        assert caught.value.code == "SERVER_IO"


# --- errors are reported once, names resolve, a failed save keeps the server ---------------


def test_a_server_error_names_its_code_once() -> None:
    with pytest.raises(orgkit.EmulatorUsageError) as caught:
        orgkit.serve(host="0.0.0.0")
    assert caught.value.code == "INVALID_ADDRESS"
    assert not caught.value.message.startswith("INVALID_ADDRESS")
    assert str(caught.value).count("INVALID_ADDRESS") == 1


@pytest.mark.parametrize("host", ["localhost", "[::1]", "::1"])
def test_loopback_names_and_bracketed_addresses_are_accepted(host: str) -> None:
    try:
        with orgkit.serve(host=host) as running:
            assert running.port > 0
    except orgkit.EmulatorUsageError as error:
        # A machine without IPv6 on loopback cannot bind ::1; the name itself was accepted.
        assert error.code == "SERVER_IO" and ":" in host, error


def test_an_unwritable_state_folder_is_refused_at_start(tmp_path: Path) -> None:
    process = subprocess.run(
        [*SERVER, "--port", "0", "--state", str(tmp_path / "missing-directory" / "state.json")],
        capture_output=True, text=True, timeout=60)
    assert process.returncode == 2
    assert "not a writable folder" in process.stderr and "Traceback" not in process.stderr


def test_a_failed_save_on_sighup_is_reported_and_the_server_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "state"
    folder.mkdir()
    server = ServerProcess("--state", str(folder / "state.json"))
    try:
        folder.rmdir()  # the save can no longer be written
        server.process.send_signal(signal.SIGHUP)
        time.sleep(1.0)
        assert server.process.poll() is None, "the server died on SIGHUP"
        code, out, err = server.stop(signal.SIGTERM)
        assert "the state was not saved" in err and "Traceback" not in err
        assert code == 1
    finally:
        server.kill()
