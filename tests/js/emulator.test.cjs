'use strict'
// The emulator's authorization matrix (tests/vectors/authz.json), run against the data API
// both JS builds expose as `NativeEmulator` (JSON text in and out, failures as data): the
// napi-rs addon (ORGKIT_IMPL=node) and the WebAssembly build (ORGKIT_IMPL=wasm).

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const { orgkit, NativeEmulator, impl } = require('./impl.cjs')
const authz = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'vectors', 'authz.json'), 'utf8'))

function substitute(value, names) {
  if (typeof value === 'string') {
    return value.replace(/\{([a-z_]+)\}/g, (whole, name) => names[name] ?? whole)
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, names))
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, names)]))
  }
  return value
}

function call(emulator, service, operation, caller, input) {
  const outcome = emulator.callJson(service, operation, caller, JSON.stringify(input))
  return { ok: outcome.ok, body: JSON.parse(outcome.body) }
}

function fixture() {
  const emulator = new NativeEmulator(42)
  const names = { ...authz.roles }
  for (const step of authz.fixture) {
    if (step.advance !== undefined) {
      assert.equal(emulator.advance(step.advance).ok, true)
      continue
    }
    const out = call(emulator, step.service, step.operation, names[step.as], substitute(step.input, names))
    assert.equal(out.ok, true, `fixture ${step.operation}: ${JSON.stringify(out.body)}`)
    for (const [name, pointer] of Object.entries(step.save ?? {})) {
      names[name] = pointer.split('/').slice(1).reduce((node, part) => node[part], out.body)
    }
  }
  return { snapshot: emulator.exportJson(), names }
}

test(`[${impl}] authorization matrix: ${authz.cases.length} operations x ${Object.keys(authz.roles).length} callers`, () => {
  const { snapshot, names } = fixture()
  const failures = []
  for (const c of authz.cases) {
    for (const [role, expected] of Object.entries(c.expect)) {
      const emulator = new NativeEmulator(0)
      assert.equal(emulator.importJson(snapshot).ok, true)
      const out = call(emulator, c.service, c.operation, names[role], substitute(c.input, names))
      const got = out.ok ? 'ok' : out.body.Code
      if (got !== expected) failures.push(`${c.service} ${c.operation} as ${role}: expected ${expected}, got ${got}`)
      assert.deepEqual([...emulator.checkInvariants()], [])
    }
  }
  assert.deepEqual(failures, [])
})

test(`[${impl}] snapshots refuse bad input and keep the state`, () => {
  const emulator = new NativeEmulator(1)
  assert.equal(call(emulator, 'organizations', 'CreateOrganization', '111111111111', {}).ok, true)
  const before = emulator.exportJson()
  for (const bad of ['{', '{"format":"orgkit-emulator","version":9,"state":{}}', '[]']) {
    const out = emulator.importJson(bad)
    assert.equal(out.ok, false)
    assert.match(JSON.parse(out.body).Code, /^SNAPSHOT_/)
  }
  assert.equal(emulator.exportJson(), before)
})

test(`[${impl}] malformed requests get stable codes`, () => {
  const emulator = new NativeEmulator(1)
  const deep = '['.repeat(100000)
  for (const text of ['{', deep, '"\\ud800"', 'NaN']) {
    const out = emulator.callJson('organizations', 'ListRoots', '111111111111', text)
    assert.equal(out.ok, false)
    assert.equal(JSON.parse(out.body).Code, 'InvalidInputException')
  }
  const caller = JSON.parse(emulator.callJson('organizations', 'ListRoots', 'root', '{}').body)
  assert.equal(caller.Code, 'INVALID_CALLER')
  const unknown = JSON.parse(emulator.callJson('organizations', 'Nope', '111111111111', '{}').body)
  assert.equal(unknown.Kind, 'lookup')
})
