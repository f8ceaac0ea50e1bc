# orgkit: `make demo` runs the demo, `make test` runs everything CI runs.
# Both install missing tools first (.ci/install-tools.sh; quick when they are present).

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
ROOT := $(CURDIR)
VENV := $(ROOT)/.venv
PYTHON := $(VENV)/bin/python
export PATH := $(HOME)/.cargo/bin:$(PATH)
export VIRTUAL_ENV := $(VENV)
WASM := target/wasm32-unknown-unknown/wasm-release/orgkit_wasm.wasm
WASM_GZIP_LIMIT := 65536
WASM_OPT_FEATURES := --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
                     --enable-mutable-globals --enable-reference-types --enable-multivalue

.PHONY: demo test tools browser-tools codegen python node wasm lint rust-test python-test node-test js-vectors \
        wasm-test browser-test npm-test bench vectors fuzz-smoke dist dist-tools

demo: python node
	$(PYTHON) bindings-python/examples/tour.py
	$(PYTHON) bindings-python/examples/demo.py
	$(PYTHON) bindings-python/examples/run_unmodified.py

test: lint rust-test python-test node-test wasm-test browser-test npm-test fuzz-smoke
	@echo "all suites passed"

tools:
	@bash .ci/install-tools.sh

browser-tools:
	@bash .ci/install-tools.sh --with-browser

# --- builds -------------------------------------------------------------------------------
python: tools
	cd bindings-python && $(PYTHON) -m maturin develop --release --quiet

node: tools
	cd bindings-node && npx napi build --platform --release
	@# V8 fast calls for the predicates, for this Node.js (bindings-node/fastcall; optional).
	node bindings-node/fastcall/build.cjs

wasm: tools
	@# The form bundle (pkg/web): validators only, held to the size limit.
	cargo build -p orgkit-wasm --target wasm32-unknown-unknown --profile wasm-release
	wasm-bindgen --target web --out-dir bindings-wasm/pkg/web $(WASM)
	@# The emulator bundle (pkg/web-emulator, and pkg/node for the shared JS suite).
	cargo build -p orgkit-wasm --features emulator --target wasm32-unknown-unknown --profile wasm-release
	wasm-bindgen --target web --out-dir bindings-wasm/pkg/web-emulator $(WASM)
	wasm-bindgen --target nodejs --out-dir bindings-wasm/pkg/node $(WASM)
	@# binaryen from npm (Debian's wasm-opt 108 produces modules that fail to load). Beyond -Oz:
	@# inlining only tiny functions that have one caller (-ocimfs=25), repeated passes
	@# (--converge) and no producers/target-features sections (browsers ignore them) make the
	@# form bundle ~1.2 KB smaller gzipped (measured 2026-12; gzip, not raw size, is the limit).
	for pkg in web web-emulator node; do \
	  bindings-wasm/node_modules/.bin/wasm-opt -Oz -ocimfs=25 --converge --strip-producers \
	    --strip-target-features $(WASM_OPT_FEATURES) \
	    bindings-wasm/pkg/$$pkg/orgkit_wasm_bg.wasm -o bindings-wasm/pkg/$$pkg/orgkit_wasm_bg.wasm; \
	done
	@# Each package's orgkit_wasm.js becomes the guarded entry point (a trap is an OrgkitInternalError).
	node bindings-wasm/js/wrap.cjs bindings-wasm/pkg/web web
	node bindings-wasm/js/wrap.cjs bindings-wasm/pkg/web-emulator web
	node bindings-wasm/js/wrap.cjs bindings-wasm/pkg/node nodejs
	@# The npm package orgkit-wasm (pkg/npm): both web bundles with the tracked parts in
	@# bindings-wasm/npm/; tests/npm and packaging/dist.py pack this folder.
	node bindings-wasm/npm/assemble.mjs
	@size=$$(gzip -9 -c bindings-wasm/pkg/web-emulator/orgkit_wasm_bg.wasm | wc -c); \
	  echo "web-emulator .wasm: $$(stat -c %s bindings-wasm/pkg/web-emulator/orgkit_wasm_bg.wasm) bytes, $$size bytes gzipped (no limit: loaded only by pages that run the emulator)"
	@size=$$(gzip -9 -c bindings-wasm/pkg/web/orgkit_wasm_bg.wasm | wc -c); \
	  echo "web .wasm: $$(stat -c %s bindings-wasm/pkg/web/orgkit_wasm_bg.wasm) bytes, $$size bytes gzipped (limit $(WASM_GZIP_LIMIT))"; \
	  test $$size -le $(WASM_GZIP_LIMIT)

# --- checks -------------------------------------------------------------------------------
lint: tools
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p orgkit-wasm --features emulator --target wasm32-unknown-unknown -- -D warnings
	cargo clippy -p orgkit --no-default-features -- -D warnings
	cargo clippy -p xtask --features fast-path --all-targets -- -D warnings
	python3 tests/vectors/build_vectors.py --check
	python3 tests/vectors/build_request_vectors.py --check
	python3 tests/vectors/build_handshake_vectors.py --check
	python3 tests/vectors/build_authz_vectors.py --check
	python3 tests/vectors/build_paginate_vectors.py --check
	python3 tests/vectors/build_scp_vectors.py --check
	cargo xtask codegen --check

rust-test: tools
	cargo test --workspace
	@# The request-only tables of the form bundle (no `response-tables`) validate the same.
	cargo test -p orgkit --no-default-features --test requests --test pattern_oracle --test vectors

python-test: python
	$(PYTHON) -m pytest -q bindings-python/tests
	$(PYTHON) -m mypy.stubtest orgkit --allowlist bindings-python/stubtest-allowlist.txt
	$(PYTHON) -m mypy --strict bindings-python/python/orgkit
	@# The emulator's clients are typed per service: ordinary use type-checks, mistakes do not.
	$(PYTHON) -m mypy --strict bindings-python/tests/typing_usage.py bindings-python/examples/tour.py

node-test: node
	@# napi-rs regenerates index.js / index.d.ts on every build; the checked-in copies must match.
	git diff --exit-code -- bindings-node/index.js bindings-node/index.d.ts
	cd bindings-node && npx tsc --noEmit -p tests/tsconfig.json
	cd bindings-node && node --test tests/
	$(PYTHON) bindings-python/examples/tour.py > /dev/null
	ORGKIT_IMPL=node node --test tests/js/

wasm-test: wasm
	ORGKIT_IMPL=wasm node --test tests/js/

browser-test: wasm browser-tools
	cd bindings-wasm && node --test tests/

# The npm packages as users install them (packed tarballs), with the real SDK v3 clients,
# aws-cdk-lib, esbuild and TypeScript (tests/npm/run.sh; its node_modules is kept between runs).
npm-test: node wasm browser-tools
	bash tests/npm/run.sh

# --- release artifacts ------------------------------------------------------------------
# Every wheel, the sdist and every npm package into dist/, checked and install-tested
# (packaging/dist.py; DIST_PLATFORMS=x86_64 builds only the x86_64 ones).
DIST_PLATFORMS ?= all

dist-tools: tools
	@bash .ci/install-tools.sh --with-dist

dist: dist-tools wasm
	$(PYTHON) packaging/dist.py --platforms $(DIST_PLATFORMS)

# --- other --------------------------------------------------------------------------------
vectors:
	python3 tests/vectors/build_vectors.py
	python3 tests/vectors/build_request_vectors.py
	python3 tests/vectors/build_handshake_vectors.py
	python3 tests/vectors/build_authz_vectors.py
	python3 tests/vectors/build_paginate_vectors.py
	python3 tests/vectors/build_scp_vectors.py

codegen:
	cargo xtask codegen

BENCH_PYTHON_PACKAGES := botocore==1.44.18 boto3==1.44.18 aws-resource-validator-organizations==2.6.0 moto[server]==5.2.5

bench: python node wasm browser-tools
	cargo bench -p orgkit --bench ids --bench validate --bench emulator --bench policy -- --noplot
	$(PYTHON) -m pip install --quiet --disable-pip-version-check $(BENCH_PYTHON_PACKAGES)
	$(PYTHON) bindings-python/benchmarks/bench_ids.py
	$(PYTHON) bindings-python/benchmarks/bench_requests.py
	$(PYTHON) bindings-python/benchmarks/bench_emulator.py
	$(PYTHON) bindings-python/benchmarks/bench_scp.py
	@# wrk (Debian) drives the server load test when present; otherwise a Python client does.
	$(PYTHON) bindings-python/benchmarks/bench_server.py
	node bindings-node/benchmarks/bench-requests.cjs
	@# Issue 15: the Node fast path against RegExp.test and ajv, then the WASM form bundle in
	@# headless Chromium (esbuild and playwright-core from the npm test project).
	node bindings-node/benchmarks/bench-predicates.cjs
	bash tests/npm/run.sh --install-only
	node benchmarks/browser/run.cjs

# --- fuzzing ------------------------------------------------------------------------------
# Each cargo-fuzz target for a few seconds, then the seed and regression inputs as a plain
# `cargo test` (README, section Fuzzing). Stable toolchain with `-s none` (no sanitizer: the
# code under test is safe Rust, and a fresh machine may lack nightly); debug assertions on.
# The fuzz crate builds in fuzz/target; the smoke run's new inputs go to fuzz/target/smoke-corpus
# (long runs use fuzz/target/corpus), so the committed seeds in fuzz/corpus stay as they are.
FUZZ_TARGETS := ids_arns validate_request snapshot_import emulator_ops scp_document wire_requests
FUZZ_BUILD := -s none -a
FUZZ_SECONDS := 5

fuzz-smoke:
	@command -v cargo-fuzz > /dev/null || cargo install cargo-fuzz
	cd fuzz && nice -n 10 cargo fuzz build $(FUZZ_BUILD)
	cd fuzz && for target in $(FUZZ_TARGETS); do \
	  mkdir -p target/smoke-corpus/$$target; \
	  nice -n 10 cargo fuzz run $(FUZZ_BUILD) $$target target/smoke-corpus/$$target corpus/$$target -- \
	    -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 > target/smoke-$$target.log 2>&1 \
	    || { tail -n 40 target/smoke-$$target.log; echo "fuzz target $$target failed (input in fuzz/artifacts/$$target)"; exit 1; }; \
	  echo "$$target: $$(grep -E '^#[0-9]+' target/smoke-$$target.log | tail -n 1)"; \
	done
	cd fuzz && nice -n 10 cargo test --no-default-features
