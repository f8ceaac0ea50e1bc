// Install test of the browser package `orgkit-wasm`, run by `make dist` inside a scratch
// project that installed its tarball: the form bundle (the package's entry) and the emulator
// bundle (`orgkit-wasm/emulator`) load by their package names and answer like the core. Node
// stands in for the page here: `init` is given the module's bytes, found through the
// package's `exports` (`orgkit-wasm/form.wasm`), where a page lets the glue fetch it.

import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'

const require = createRequire(path.join(process.cwd(), 'package.json'))
const form = await import('orgkit-wasm')
await form.default({ module_or_path: await readFile(require.resolve('orgkit-wasm/form.wasm')) })
assert.equal(form.isAccountId('123456789012'), true)
const { valid, issues } = form.validateRequest('organizations', 'CreateAccount', {
  Email: 'finance prod@example.com',
  AccountName: 'Finance',
})
assert.equal(valid, false)
assert.deepEqual(issues.map((issue) => [issue.path, issue.code]), [['Email', 'INVALID_PATTERN']])
assert.equal(typeof form.NativeEmulator, 'undefined', 'the form bundle leaves the emulator out')

const emulator = await import('orgkit-wasm/emulator')
await emulator.default({ module_or_path: await readFile(require.resolve('orgkit-wasm/emulator.wasm')) })
const emu = new emulator.NativeEmulator(1)
const outcome = emu.callJson('organizations', 'CreateOrganization', '111111111111', '{"FeatureSet":"ALL"}')
assert.equal(outcome.ok, true, outcome.body)
assert.match(JSON.parse(outcome.body).Organization.Id, /^o-[a-z0-9]{10}$/)
const version = require('orgkit-wasm/package.json').version
console.log(`orgkit-wasm ${version}: form bundle and emulator bundle load by package name`)
