// Install test of the browser package `orgkit-wasm`, run by `make dist` inside a scratch
// project that installed its tarball: the form bundle (the package's entry) and the emulator
// bundle (`orgkit-wasm/emulator`) load by their package names and answer like the core, hints
// and field constraints included. Node
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
assert.equal(issues[0].hint, 'Enter an email address like name@example.com.')
assert.deepEqual(form.fieldConstraints('organizations', 'CreateAccount').IamUserAccessToBilling.enum, ['ALLOW', 'DENY'])
assert.equal(typeof form.NativeEmulator, 'undefined', 'the form bundle leaves the emulator out')

const emulator = await import('orgkit-wasm/emulator')
await emulator.default({ module_or_path: await readFile(require.resolve('orgkit-wasm/emulator.wasm')) })
const emu = new emulator.NativeEmulator(1)
const outcome = emu.callJson('organizations', 'CreateOrganization', '111111111111', '{"FeatureSet":"ALL"}')
assert.equal(outcome.ok, true, outcome.body)
assert.match(JSON.parse(outcome.body).Organization.Id, /^o-[a-z0-9]{10}$/)
assert.equal(emulator.valueConstraints('AccountId').pattern, '\\d{12}')
// The package's API only: the tests' panic probes and the panic hook stay inside.
for (const [name, bundle] of [['orgkit-wasm', form], ['orgkit-wasm/emulator', emulator]]) {
  const internal = Object.keys(bundle).filter((key) => key.startsWith('__') || key === 'install_panic_hook')
  assert.deepEqual(internal, [], `${name} exports internals`)
}
assert.equal('__orgkitInternalPanic' in emu, false, 'the emulator has no panic probe')
const version = require('orgkit-wasm/package.json').version
console.log(`orgkit-wasm ${version}: form bundle and emulator bundle load by package name`)

// The package README's example, as its reader would run it: written to a module of this project
// and run in a child process whose `fetch` serves file: URLs (as a page's server would serve
// the .wasm beside the glue). Each `console.log(...) // expected` line must print `expected`.
const { execFileSync } = await import('node:child_process')
const { writeFile } = await import('node:fs/promises')
const readme = await readFile(require.resolve('orgkit-wasm/README.md'), 'utf8')
const [, example] = readme.match(/```js\n([\s\S]*?)```/)
const expected = [...example.matchAll(/^\s*console\.log\(.*\) \/\/ (.*)$/gm)].map((m) => m[1])
assert.ok(expected.length > 0, 'the README example prints nothing to check')
await writeFile('readme-example.mjs', example)
await writeFile('file-fetch.mjs', `
import { readFile } from 'node:fs/promises'
const networkFetch = globalThis.fetch
globalThis.fetch = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : input)
  if (url.protocol !== 'file:') return networkFetch(input, init)
  return new Response(await readFile(url), { headers: { 'content-type': 'application/wasm' } })
}
`)
const printed = execFileSync(process.execPath, ['--import', './file-fetch.mjs', 'readme-example.mjs'], { encoding: 'utf8' })
assert.deepEqual(printed.trim().split('\n'), expected)
console.log(`orgkit-wasm README example: ${expected.length} printed lines as documented`)
