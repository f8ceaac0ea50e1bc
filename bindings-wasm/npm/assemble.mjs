// Assembles the npm package `orgkit-wasm` in bindings-wasm/pkg/npm from what `make wasm` has
// just built and the tracked parts in this folder:
//
//   pkg/npm/form/       the form bundle (pkg/web): validators, hints, fieldConstraints
//   pkg/npm/emulator/   the emulator bundle (pkg/web-emulator): all of the above, the emulator,
//                       paginators, SCP checks, valueConstraints
//   pkg/npm/package.json  this folder's package.json, stamped with the Cargo workspace's
//                       version, license and home (the fields packaging/dist.py gives every
//                       npm package of orgkit)
//   pkg/npm/wasm-url.d.ts, README.md (bindings-wasm/README.md), LICENSE
//
// It is the one definition of the package: `npm pack bindings-wasm/pkg/npm` is what the
// release (packaging/dist.py) and the npm test project (tests/npm/run.sh) pack.
//
//   node bindings-wasm/npm/assemble.mjs

import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const wasmRoot = path.join(here, '..')
const repoRoot = path.join(wasmRoot, '..')
const out = path.join(wasmRoot, 'pkg', 'npm')

function fail(message) {
  console.error(`assemble.mjs: ${message}`)
  process.exit(1)
}

/** The `[workspace.package]` table of the root Cargo.toml: its string and string-list values. */
function workspacePackage() {
  const toml = fs.readFileSync(path.join(repoRoot, 'Cargo.toml'), 'utf8')
  const table = toml.split(/^\[workspace\.package\]\s*$/m)[1]
  if (table === undefined) fail('Cargo.toml has no [workspace.package] table')
  const values = {}
  for (const line of table.split('\n')) {
    if (line.startsWith('[')) break
    const entry = line.match(/^([\w-]+)\s*=\s*(.+?)\s*$/)
    if (!entry) continue
    const [, key, value] = entry
    if (value.startsWith('"')) values[key] = JSON.parse(value)
    else if (value.startsWith('[')) values[key] = JSON.parse(value)
  }
  for (const key of ['version', 'license', 'repository', 'homepage', 'keywords']) {
    if (values[key] === undefined) fail(`Cargo.toml's [workspace.package] has no ${key}`)
  }
  return values
}

const BUNDLES = { form: 'web', emulator: 'web-emulator' }
const BUNDLE_FILES = ['orgkit_wasm.js', 'orgkit_wasm_glue.js', 'orgkit_wasm.d.ts', 'orgkit_wasm_bg.wasm', 'orgkit_wasm_bg.wasm.d.ts']

const meta = workspacePackage()
const template = JSON.parse(fs.readFileSync(path.join(here, 'package.json'), 'utf8'))
fs.rmSync(out, { recursive: true, force: true })
for (const [folder, built] of Object.entries(BUNDLES)) {
  const from = path.join(wasmRoot, 'pkg', built)
  fs.mkdirSync(path.join(out, folder), { recursive: true })
  for (const file of BUNDLE_FILES) {
    if (!fs.existsSync(path.join(from, file))) fail(`${path.join(from, file)} is missing; run make wasm`)
    fs.copyFileSync(path.join(from, file), path.join(out, folder, file))
  }
}
fs.copyFileSync(path.join(here, 'wasm-url.d.ts'), path.join(out, 'wasm-url.d.ts'))
fs.copyFileSync(path.join(wasmRoot, 'README.md'), path.join(out, 'README.md'))
fs.copyFileSync(path.join(repoRoot, 'LICENSE'), path.join(out, 'LICENSE'))

const { name, description, ...rest } = template
const manifest = {
  name,
  version: meta.version,
  description,
  license: meta.license,
  homepage: meta.homepage,
  repository: { type: 'git', url: `git+${meta.repository}.git` },
  bugs: { url: `${meta.repository}/issues` },
  keywords: meta.keywords,
  ...rest,
}
// Everything `files` lists must be there (npm pack would silently leave it out).
for (const entry of manifest.files) {
  if (!fs.existsSync(path.join(out, entry))) fail(`package.json lists ${entry}, which was not assembled`)
}
fs.writeFileSync(path.join(out, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`)
console.log(`${path.relative(repoRoot, out)}: ${name} ${meta.version} (form and emulator bundles)`)
