'use strict'
// Hostile requests from Node: time and peak memory of one `validateRequest` per case, for the
// napi-rs addon and the WebAssembly build side by side. Each case runs in a fresh process;
// "added" is the peak resident memory during the call (reset just before it through Linux's
// /proc/self/clear_refs) minus the resident memory before it.
//
// Run: node bindings-node/benchmarks/bench-hostile.cjs   (after `make node wasm`)
// ORGKIT_NODE_MODULE / ORGKIT_WASM_MODULE point it at other builds (e.g. an older checkout).

const { execFileSync } = require('node:child_process')
const path = require('node:path')

const root = path.join(__dirname, '..', '..')
const modules = {
  napi: process.env.ORGKIT_NODE_MODULE || path.join(root, 'bindings-node', 'orgkit.js'),
  wasm: process.env.ORGKIT_WASM_MODULE || path.join(root, 'bindings-wasm', 'pkg', 'node', 'orgkit_wasm.js'),
}

const cases = {
  '1e6 unknown keys': ['CreateAccount', 'const params = {}; for (let i = 0; i < 1e6; i++) params["k" + i] = i'],
  '1e6-item list (bad items)': ['ListCreateAccountStatus', 'const params = { States: new Array(1e6).fill("NOPE") }'],
  '1e6-item list (valid items)': ['ListCreateAccountStatus', 'const params = { States: new Array(1e6).fill("IN_PROGRESS") }'],
  'sparse list, length 2^32-1': ['ListCreateAccountStatus', 'const params = { States: new Array(2 ** 32 - 1) }'],
  '100 MB email': ['CreateAccount', 'const params = { Email: "a".repeat(1e8) + "@example.com", AccountName: "Prod" }'],
  '1e6-deep nesting': ['ListRoots', 'const params = {}; let node = params; for (let i = 0; i < 1e6; i++) { node.Deep = {}; node = node.Deep }'],
}

const child = (modulePath, operation, build) => `
const fs = require('node:fs')
const orgkit = require(${JSON.stringify(modulePath)})
const status = (field) => Number(fs.readFileSync('/proc/self/status', 'utf8').match(new RegExp(field + ':\\\\s+(\\\\d+)'))[1])
${build}
fs.writeFileSync('/proc/self/clear_refs', '5')
const before = status('VmRSS')
const started = process.hrtime.bigint()
let result
try {
  result = orgkit.validateRequest('organizations', ${JSON.stringify(operation)}, params)
} catch (error) {
  result = { error: String(error && error.message).slice(0, 60) }
}
const ms = Number(process.hrtime.bigint() - started) / 1e6
const peak = status('VmHWM')
const issues = result.issues ? result.issues.length : result.error
process.stdout.write(JSON.stringify({ ms, before, added: Math.max(0, peak - before), issues }))
`

function run(modulePath, operation, build) {
  try {
    const out = execFileSync(process.execPath, ['--max-old-space-size=4096', '-e', child(modulePath, operation, build)], {
      timeout: 120_000,
      maxBuffer: 1 << 20,
      stdio: ['ignore', 'pipe', 'ignore'],
    })
    return JSON.parse(out.toString())
  } catch (error) {
    return { failed: error.signal === 'SIGTERM' ? 'timed out (120 s)' : `failed (${error.status ?? error.signal})` }
  }
}

const cell = (r) => (r.failed ? r.failed : `${r.ms.toFixed(1)} ms, +${(r.added / 1024).toFixed(1)} MB, ${r.issues} issues`)

console.log('| case | napi | WASM |')
console.log('|---|---|---|')
for (const [name, [operation, build]] of Object.entries(cases)) {
  const napi = run(modules.napi, operation, build)
  const wasm = run(modules.wasm, operation, build)
  console.log(`| ${name} | ${cell(napi)} | ${cell(wasm)} |`)
}
