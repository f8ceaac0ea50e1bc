"""The release metadata agrees across Cargo, Python and npm: one version (the Cargo workspace's),
one license, one home. `make dist` stamps the generated npm packages from the same source."""

import json
import re
import tomllib

import orgkit

from conftest import REPO

WORKSPACE = tomllib.loads((REPO / "Cargo.toml").read_text())["workspace"]["package"]
PYPROJECT = tomllib.loads((REPO / "bindings-python" / "pyproject.toml").read_text())["project"]
NODE = json.loads((REPO / "bindings-node" / "package.json").read_text())


def test_one_version_everywhere() -> None:
    version = WORKSPACE["version"]
    # Python: maturin reads the version from Cargo.toml; pyproject.toml must not state its own.
    assert "version" not in PYPROJECT and PYPROJECT["dynamic"] == ["version"]
    assert orgkit.__version__ == version
    assert NODE["version"] == version
    # napi-rs bakes the package version into the generated loader's version checks.
    baked = set(re.findall(r"expected ([0-9][^ ]*) but got", (REPO / "bindings-node" / "index.js").read_text()))
    assert baked == {version}
    for crate in ("core", "bindings-python", "bindings-node", "bindings-wasm"):
        manifest = tomllib.loads((REPO / crate / "Cargo.toml").read_text())["package"]
        assert manifest["version"] == {"workspace": True}, crate


def test_one_license_and_home() -> None:
    assert WORKSPACE["license"] == PYPROJECT["license"] == NODE["license"] == "Apache-2.0"
    license_text = (REPO / "LICENSE").read_text()
    assert "Apache License" in license_text and "Version 2.0, January 2004" in license_text
    # maturin packs the copy beside pyproject.toml into the wheel and the sdist.
    assert (REPO / "bindings-python" / "LICENSE").read_text() == license_text
    assert PYPROJECT["urls"] == {
        "Homepage": WORKSPACE["homepage"],
        "Repository": WORKSPACE["repository"],
        "Documentation": WORKSPACE["documentation"],
    }
    assert PYPROJECT["keywords"] == NODE["keywords"] == WORKSPACE["keywords"]
    assert NODE["homepage"] == WORKSPACE["homepage"]
    assert NODE["repository"]["url"] == f"git+{WORKSPACE['repository']}.git"


def test_package_readmes_start_with_install_and_an_example() -> None:
    for readme, install, fence in [
        ("bindings-python/README.md", "pip install orgkit", "```python"),
        ("bindings-node/README.md", "npm install orgkit", "```js"),
        ("bindings-wasm/README.md", "npm install orgkit-wasm", "```js"),
    ]:
        text = (REPO / readme).read_text()
        # Before the first section heading: the install command's block, then an example.
        opening = text.split("\n## ")[0]
        blocks = re.findall(r"```(\w+)\n(.*?)```", opening, flags=re.S)
        assert blocks[0] == ("sh", blocks[0][1]) and install in blocks[0][1], readme
        assert f"```{blocks[1][0]}" == fence, readme
