#!/usr/bin/env bash
# orgkit's npm packages tested as users get them: `npm pack`ed, then installed into this project
# beside the real AWS SDK v3 clients, aws-cdk-lib, esbuild and TypeScript from the registry, and
# exercised from there (ESM and CommonJS, SDK plugin and request handler, CDK checks, bundling).
# `make npm-test` runs it after building the addon (`make node`) and the WASM packages (`make wasm`).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# `--install-only`: install the test dependencies and stop (the benchmarks use them). Otherwise,
# test files named on the command line, made absolute before the `cd` below.
install_only=false
files=()
for argument in "$@"; do
  if [ "$argument" = --install-only ]; then install_only=true; else files+=("$(realpath "$argument")"); fi
done
root=$(cd "$here/../.." && pwd)
cd "$here"

# The heavy test dependencies are installed once per lockfile: `npm ci` runs only when
# package-lock.json differs from the copy left by the last install.
if ! cmp -s package-lock.json node_modules/.orgkit-installed-lock 2> /dev/null; then
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.orgkit-installed-lock
fi
if $install_only; then exit 0; fi

# The packages, packed exactly as `npm publish` would pack them.
packs="$root/target/npm-pack"
rm -rf "$packs"
mkdir -p "$packs"
npm pack --silent --pack-destination "$packs" "$root/bindings-node" > /dev/null
# The browser package is built by `make wasm`; its tests fail when it is missing.
if [ -f "$root/bindings-wasm/pkg/npm/package.json" ]; then
  npm pack --silent --pack-destination "$packs" "$root/bindings-wasm/pkg/npm" > /dev/null
fi
# Installed from the tarballs (not linked): only what the package's `files` list ships is there.
rm -rf node_modules/orgkit node_modules/orgkit-wasm
npm install --no-save --no-audit --no-fund --loglevel=error "$packs"/*.tgz

if [ ${#files[@]} -eq 0 ]; then files=("$here/tests/"); fi
node --test "${files[@]}"
