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


def test_package_readme_python_blocks_run() -> None:
    """The package README (PyPI's long description) starts with examples that must run too."""
    text = (REPO / "bindings-python" / "README.md").read_text()
    assert text.index("pip install orgkit") < text.index("```python")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    assert blocks, "bindings-python/README.md has no python example"
    namespace: dict = {}
    for block in blocks:
        exec(compile(block, "bindings-python/README.md", "exec"), namespace)
