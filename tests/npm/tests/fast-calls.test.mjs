// The V8 fast calls from a fresh install of the packed tarball: on the Node.js they were built for
// (V8 11.2 to 11.4, the versions bindings-node/fastcall/build.rs builds for), the installed
// package loads them and its predicates and checkIds go through them; elsewhere it runs without
// them and answers the same.
import test from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import orgkit, { isAccountId, isOrganizationalUnitId, checkIds } from 'orgkit'

const project = path.dirname(path.dirname(fileURLToPath(import.meta.url)))
const installed = path.join(project, 'node_modules', 'orgkit')
const [major, minor] = process.versions.v8.split('.').map(Number)
const built = major === 11 && minor >= 2 && minor <= 4 && process.platform === 'linux'
const hooks = orgkit[Symbol.for('orgkit.testHooks')]

test('the installed package has fast calls for this Node.js and uses them', { skip: !built && 'none for this V8' }, () => {
  const files = fs.readdirSync(installed).filter((name) => name.startsWith('orgkit-fastcall.'))
  assert.equal(files.length, 1, `${files}`)
  assert.notEqual(hooks.fastCalls, undefined)
  const ids = Array.from({ length: 4000 }, (_, i) => String(100_000_000_000 + i))
  const ous = Array.from({ length: 4000 }, (_, i) => `ou-abcd-${10_000_000 + i}`)
  const before = hooks.fastCalls.slowCalls()
  let valid = 0
  for (let round = 0; round < 50; round++) {
    for (const id of ids) if (isAccountId(id)) valid++
    for (const ou of ous) if (isOrganizationalUnitId(ou)) valid++
    valid += checkIds('AccountId', ids).filter(Boolean).length
  }
  assert.equal(valid, 50 * 3 * 4000)
  // Most calls went the fast way (the slow callback counts the others).
  assert.ok(hooks.fastCalls.slowCalls() - before < 50 * 3 * 4000 / 10)
})

test('answers are the same with and without fast calls', () => {
  const values = ['123456789012', '12345678901', 'ou-abcd-12345678', 'caf\u00e9', '', 42, null]
  assert.deepEqual(values.map((v) => isAccountId(v)), [true, false, false, false, false, false, false])
  assert.deepEqual(checkIds('OrganizationalUnitId', values), [false, false, true, false, false, false, false])
})
