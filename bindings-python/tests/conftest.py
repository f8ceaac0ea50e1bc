"""Shared helpers for the orgkit Python suite: where the shared vectors live."""

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
VECTORS = REPO / "tests" / "vectors"


def load_vectors(name: str) -> dict:
    return json.loads((VECTORS / name).read_text())


@pytest.fixture(scope="session")
def catalogue() -> dict:
    return load_vectors("catalogue.json")
