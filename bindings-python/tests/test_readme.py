"""Runs every ```python block of the top-level README, in order, in one namespace."""

import re

from conftest import REPO


def test_readme_python_blocks_run() -> None:
    text = (REPO / "README.md").read_text()
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    assert blocks, "README.md has no python example"
    namespace: dict = {}
    for block in blocks:
        exec(compile(block, "README.md", "exec"), namespace)
