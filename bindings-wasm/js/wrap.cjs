'use strict'
// Makes the guarded entry point of one package that wasm-bindgen has just written:
//   node bindings-wasm/js/wrap.cjs <package dir> <nodejs|web>
// The glue wasm-bindgen wrote as orgkit_wasm.js becomes orgkit_wasm_glue.js (it still loads
// orgkit_wasm_bg.wasm by that name), and orgkit_wasm.js becomes guard.js plus one guarded
// re-export per export of the glue, so that what users and the tests load is the guarded
// module, with the same API (orgkit_wasm.d.ts describes both). `make wasm` runs this.

const fs = require('node:fs')
const path = require('node:path')

const MARKER = '// orgkit: guarded entry point'

function fail(message) {
  console.error(`wrap.cjs: ${message}`)
  process.exit(1)
}

const [dir, target] = process.argv.slice(2)
if (!dir || !['nodejs', 'web'].includes(target)) fail('usage: wrap.cjs <package dir> <nodejs|web>')
const entryPath = path.join(dir, 'orgkit_wasm.js')
const gluePath = path.join(dir, 'orgkit_wasm_glue.js')
let glue = fs.readFileSync(entryPath, 'utf8')
if (glue.startsWith(MARKER)) fail(`${entryPath} is already wrapped; run wasm-bindgen first`)

const guard = fs.readFileSync(path.join(__dirname, 'guard.js'), 'utf8')
const identifier = /^[A-Za-z_$][\w$]*$/
let names
if (target === 'nodejs') {
  // The guard needs the instance's exports (the stack pointer); the nodejs glue keeps them in
  // a module variable, so the glue exports it as `__wasm`, as wasm-bindgen's --debug does.
  const instantiation = /^let wasm = wasmInstance\.exports;$/m
  if (!instantiation.test(glue)) fail('the nodejs glue no longer says "let wasm = wasmInstance.exports;"')
  glue += '\nexports.__wasm = wasm;\n'
  fs.writeFileSync(gluePath, glue)
  names = Object.keys(require(path.resolve(gluePath))).filter((name) => name !== '__wasm')
} else {
  fs.writeFileSync(gluePath, glue)
  names = [...glue.matchAll(/^export (?:class|function) ([A-Za-z_$][\w$]*)/gm)].map((m) => m[1])
  const list = glue.match(/^export \{([^}]*)\};?$/m)
  if (!list) fail('the web glue no longer ends with "export { initSync, __wbg_init as default }"')
  for (const item of list[1].split(',')) {
    const parts = item.trim().split(/\s+as\s+/)
    names.push(parts[parts.length - 1])
  }
}
for (const required of ['validateRequest', 'checkValue', '__orgkitTakePanic']) {
  if (!names.includes(required)) fail(`the glue exports no ${required}`)
}
for (const name of names) if (!identifier.test(name)) fail(`unexpected export name ${name}`)

const header = `${MARKER} (bindings-wasm/js/wrap.cjs): the glue wasm-bindgen generated,
// orgkit_wasm_glue.js, with every export guarded by guardOrgkit (bindings-wasm/js/guard.js).
`
let entry
if (target === 'nodejs') {
  entry = `${header}'use strict'
const glue = require('./orgkit_wasm_glue.js')

${guard}
const orgkit = guardOrgkit(glue, glue.__wasm)
${names.map((name) => `exports.${name} = orgkit.${name}`).join('\n')}
`
} else {
  entry = `${header}import * as glue from './orgkit_wasm_glue.js'

${guard}
const orgkit = guardOrgkit(glue, undefined)
${names
    .map((name) => (name === 'default' ? 'export default orgkit.default' : `export const ${name} = orgkit.${name}`))
    .join('\n')}
`
}
fs.writeFileSync(entryPath, entry)
// The typings of classes declare `[Symbol.dispose]()`, which TypeScript knows from its
// `esnext.disposable` library only: reference it, so that the typings check under any `lib`.
const typingsPath = path.join(dir, 'orgkit_wasm.d.ts')
const typings = fs.readFileSync(typingsPath, 'utf8')
if (typings.includes('Symbol.dispose') && !typings.includes('<reference lib="esnext.disposable"')) {
  fs.writeFileSync(typingsPath, `/// <reference lib="esnext.disposable" />\n${typings}`)
}
// The web packages are ES modules: say so, so that Node (and bundlers) load them as such.
if (target === 'web') fs.writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n')
console.log(`${entryPath}: ${names.length} guarded exports`)
