"""orgkit's pytest plugin (entry point `pytest11`): the `orgkit_emulator` fixture.

Each test that asks for `orgkit_emulator` gets a fresh `orgkit.Emulator` with
`orgkit.mock_aws` active around it: unmodified boto3 code under test talks to the emulator.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

import pytest

if TYPE_CHECKING:
    from ._emulator import Emulator


@pytest.fixture
def orgkit_emulator() -> Iterator[Emulator]:
    """A fresh emulator serving every boto3 client of Organizations, Account, Chime and STS
    for the duration of the test (clients without explicit credentials act as 111111111111)."""
    from ._mock import mock_aws

    with mock_aws() as emulator:
        yield emulator
