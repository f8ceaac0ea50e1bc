"""Install test of the Python package, run by `make dist` in a clean venv (not this repo's):
every ```python block of the package README, in order, in one namespace, then the console
script `orgkit` and the pytest plugin's entry point."""

import importlib.metadata
import re
import subprocess
import sys
from pathlib import Path

import orgkit

readme = Path(sys.argv[1]).read_text()
blocks = re.findall(r"```python\n(.*?)```", readme, flags=re.S)
assert blocks, "the package README has no python example"
namespace: dict = {}
for block in blocks:
    exec(compile(block, "README.md", "exec"), namespace)

where = Path(orgkit.__file__).resolve()
assert "site-packages" in where.parts, f"orgkit was imported from {where}, not the installed package"
assert orgkit.__version__ == importlib.metadata.version("orgkit")
help_text = subprocess.run([Path(sys.executable).parent / "orgkit", "serve", "--help"],
                           capture_output=True, text=True, check=True).stdout
assert "--state" in help_text
plugins = [ep.value for ep in importlib.metadata.entry_points(group="pytest11") if ep.name == "orgkit"]
assert plugins == ["orgkit.pytest_plugin"], plugins
print(f"orgkit {orgkit.__version__} from {where.parent}: {len(blocks)} README examples, console script and pytest plugin OK")
