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
// Each bundle's entry point (orgkit_wasm.js) and typings (orgkit_wasm.d.ts) are those of pkg/web
// and pkg/web-emulator less the internals (see `isInternal`): the panic probes the repository's
// robustness tests call (they use pkg/node and pkg/web directly) and the panic hook the module
// installs itself are no part of the published API. The guard still reaches them through the
// glue (orgkit_wasm_glue.js, copied as is), which the package's `exports` do not expose.
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

/** Names that stay out of the package's API: wasm-bindgen's and orgkit's plumbing
 * (`__orgkitInternalPanic`, `__orgkitTakePanic`, `__wbg_*`, ...) and `install_panic_hook`. */
const isInternal = (name) => name.startsWith('__') || name === 'install_panic_hook'

/** A declaration in typings that starts with `head` (after `indent`), with its doc comment and
 * the blank line after it, as a RegExp source. */
const declaration = (indent, head) =>
  `(?:^${indent}/\\*\\*(?:[^*]|\\*(?!/))*\\*/\\n)?^${indent}${head}[^;]*;\\n\\n?`

/** Leaves the internals out of one assembled bundle's entry point and typings; answers its API. */
function publicSurface(dir) {
  const entryPath = path.join(dir, 'orgkit_wasm.js')
  const typingsPath = path.join(dir, 'orgkit_wasm.d.ts')
  let entry = fs.readFileSync(entryPath, 'utf8')
  let typings = fs.readFileSync(typingsPath, 'utf8')

  // The entry point: one `export const <name> = orgkit.<name>` per export of the glue (wrap.cjs).
  const exportLine = /^export const ([A-Za-z_$][\w$]*) = orgkit\.\1\n/gm
  const exported = [...entry.matchAll(exportLine)].map((match) => match[1])
  if (!exported.includes('validateRequest') || !/^export default orgkit\.default$/m.test(entry)) {
    fail(`${entryPath} is not the entry point wrap.cjs writes`)
  }
  entry = entry.replace(exportLine, (line, name) => (isInternal(name) ? '' : line))
  // The typings: functions and consts, and the methods of classes (probes of the emulator and
  // the paginator), with their doc comments.
  const classes = [...typings.matchAll(/^export class ([A-Za-z_$][\w$]*)/gm)].map((match) => match[1])
  const probeMethods = [...typings.matchAll(/^ {4}(__[\w$]*)\(/gm)].map((match) => match[1])
  for (const name of new Set(probeMethods)) {
    typings = typings.replace(new RegExp(declaration(' {4}', `${name.replace(/\$/g, '\\$')}\\(`), 'gm'), '')
  }
  for (const name of exported.filter(isInternal)) {
    typings = typings.replace(new RegExp(declaration('', `export (?:function|const|class) ${name.replace(/\$/g, '\\$')}\\b`), 'gm'), '')
  }
  // `export default function __wbg_init (...)`: the loader is `init` to its readers.
  typings = typings.replace(/^export default function __wbg_init \(/m, 'export default function init(')
  // The probe methods are left off the classes at run time too (this copy of the glue only).
  if (probeMethods.length > 0) {
    const line = `const orgkit = guardOrgkit(glue, undefined)\n`
    if (!entry.includes(line)) fail(`${entryPath} has no "${line.trim()}"`)
    const classList = classes.map((cls) => `orgkit.${cls}`).join(', ')
    entry = entry.replace(line, `${line}// orgkit-wasm (bindings-wasm/npm/assemble.mjs): the tests' panic probes are no part of the package.
for (const cls of [${classList}]) for (const name of ${JSON.stringify([...new Set(probeMethods)])}) delete cls.prototype[name]\n`)
  }

  const typed = [...typings.matchAll(/^export (?:declare )?(?:function|const|class) ([A-Za-z_$][\w$]*)/gm)].map((match) => match[1])
  const kept = [...entry.matchAll(exportLine)].map((match) => match[1])
  const leftover = [...typed, ...kept].filter(isInternal).concat(probeMethods.filter((name) => new RegExp(`^ {4}${name}\\(`, 'm').test(typings)))
  if (leftover.length > 0) fail(`${dir}: internals still in the API: ${leftover.join(', ')}`)
  if (JSON.stringify([...kept].sort()) !== JSON.stringify([...typed].sort())) {
    fail(`${dir}: the entry point exports ${kept.join(', ')} but the typings declare ${typed.join(', ')}`)
  }
  fs.writeFileSync(entryPath, entry)
  fs.writeFileSync(typingsPath, typings)
  return kept.length
}

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
  publicSurface(path.join(out, folder))
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
