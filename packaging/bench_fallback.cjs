'use strict'
// The price of the WebAssembly fallback: per-call cost of the packed `orgkit` on the native
// addon and forced onto `orgkit-wasm32-wasi`, side by side with a plain RegExp, in one run.
//   make dist && node packaging/bench_fallback.cjs
// installs dist/npm's tarballs into a temporary project (as packaging/dist.py's install test
// does), then runs the measurements there once per binding, in child processes.

const { execFileSync } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')

const CASES = {
  isAccountId: [(o) => o.isAccountId('123456789012'), 100_000, 1],
  'checkIds, 1,000 IDs (per ID)': [(o, ids) => o.checkIds('AccountId', ids), 100, 1000],
  'validateRequest CreateAccount': [(o, _ids, request) => o.validateRequest('organizations', 'CreateAccount', request), 20_000, 1],
  'RegExp.test /^\\d{12}$/ (reference)': [(_o, _ids, _request, re) => re.test('123456789012'), 1_000_000, 1],
}

function measure() {
  const orgkit = require(require.resolve('orgkit', { paths: [process.cwd()] }))
  const ids = Array.from({ length: 1000 }, (_, i) => String(100000000000 + i))
  const request = { Email: 'dev@example.com', AccountName: 'dev', RoleName: 'OrganizationAccountAccessRole' }
  const re = /^\d{12}$/
  const out = {}
  for (const [name, [fn, n, per]] of Object.entries(CASES)) {
    let best = Infinity
    for (let round = 0; round < 7; round++) {
      const start = process.hrtime.bigint()
      for (let i = 0; i < n; i++) fn(orgkit, ids, request, re)
      best = Math.min(best, Number(process.hrtime.bigint() - start) / n / per)
    }
    out[name] = best
  }
  process.stdout.write(JSON.stringify(out))
}

function main() {
  const dist = path.resolve(__dirname, '..', 'dist', 'npm')
  const tarballs = fs.readdirSync(dist).filter((f) => f.endsWith('.tgz') && f.startsWith('orgkit-') && !f.startsWith('orgkit-wasm-'))
  const main = tarballs.find((f) => /^orgkit-\d/.test(f))
  if (!main) throw new Error('no dist/npm/orgkit-*.tgz: run `make dist` first')
  const project = fs.mkdtempSync(path.join(os.tmpdir(), 'orgkit-bench-'))
  const overrides = Object.fromEntries(tarballs.filter((f) => f !== main)
    .map((f) => [f.replace(/-\d+\.\d+\.\d+.*\.tgz$/, ''), `file:${path.join(dist, f)}`]))
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({
    name: 'orgkit-bench', private: true, dependencies: { orgkit: `file:${path.join(dist, main)}` }, overrides,
  }))
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: project, stdio: 'ignore' })
  const run = (env) => JSON.parse(execFileSync(process.execPath, [__filename, '--measure'],
    { cwd: project, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'ignore'] }).toString())
  const native = run({})
  const wasi = run({ NAPI_RS_FORCE_WASI: 'error' })
  console.log('| call (ns, best of 7 rounds) | native addon | WASI fallback | fallback / native |')
  console.log('|---|---:|---:|---:|')
  for (const name of Object.keys(CASES)) {
    console.log(`| ${name} | ${native[name].toFixed(0)} | ${wasi[name].toFixed(0)} | ${(wasi[name] / native[name]).toFixed(1)}× |`)
  }
  fs.rmSync(project, { recursive: true, force: true })
}

if (process.argv[2] === '--measure') measure()
else main()
