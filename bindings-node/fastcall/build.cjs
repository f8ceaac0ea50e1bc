'use strict'
// `make node` runs this after the addon's build: builds orgkit's V8 fast calls (this crate) with
// cargo for the running Node.js and copies the library next to orgkit.js under the name
// fastcalls.js looks for. When the crate has no fast calls for these headers (build.rs prints
// why: another V8 version, or no headers), the copies of earlier builds are removed and the
// package runs without them (same answers, generated JavaScript instead).
const { execFileSync } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')
const { FAST_CALLS_FILE } = require('../fastcalls.js')

const root = path.join(__dirname, '..', '..')
const packageDir = path.join(__dirname, '..')

for (const name of fs.readdirSync(packageDir)) {
  if (name.startsWith('orgkit-fastcall.') && name.endsWith('.node')) fs.rmSync(path.join(packageDir, name))
}
try {
  execFileSync('cargo', ['build', '-p', 'orgkit-node-fastcall', '--release'], { cwd: root, stdio: 'inherit' })
} catch (error) {
  // Optional: the package works without them (same answers, generated JavaScript instead).
  console.log(`orgkit fast calls: none, the build failed (${error.message.split('\n')[0]})`)
  process.exit(0)
}

const targetDir = process.env.CARGO_TARGET_DIR ? path.resolve(root, process.env.CARGO_TARGET_DIR) : path.join(root, 'target')
const library = { darwin: 'liborgkit_node_fastcall.dylib', win32: 'orgkit_node_fastcall.dll' }[process.platform] ??
  'liborgkit_node_fastcall.so'
const built = path.join(targetDir, 'release', library)

// Loaded from a scratch copy first: a library without the entry point (no fast calls in this
// build) fails to load, and then nothing is installed.
const scratch = path.join(targetDir, 'release', FAST_CALLS_FILE)
fs.copyFileSync(built, scratch)
let loaded
try {
  loaded = require(scratch)
} catch (error) {
  console.log(`orgkit fast calls: none for Node.js ${process.version} (${error.message.split('\n')[0]})`)
}
if (loaded !== undefined && typeof loaded.check === 'function') {
  fs.copyFileSync(built, path.join(packageDir, FAST_CALLS_FILE))
  console.log(`orgkit fast calls: bindings-node/${FAST_CALLS_FILE}`)
}
