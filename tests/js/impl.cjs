'use strict'
// Which build the shared suite tests: the napi-rs addon (ORGKIT_IMPL=node, the default) or the
// WebAssembly build for Node (ORGKIT_IMPL=wasm). `orgkit` is the build's public module;
// `NativeEmulator` is the emulator class both builds share underneath (JSON text in and out,
// failures as data), which the Node package keeps out of its public surface.
const path = require('node:path')

const impl = process.env.ORGKIT_IMPL || 'node'
const builds = {
  node: { public: 'bindings-node/orgkit.js', native: 'bindings-node/index.js' },
  wasm: { public: 'bindings-wasm/pkg/node/orgkit_wasm.js', native: 'bindings-wasm/pkg/node/orgkit_wasm.js' },
}
if (!builds[impl]) throw new Error(`ORGKIT_IMPL must be one of ${Object.keys(builds)}`)
const root = path.join(__dirname, '..', '..')
const orgkit = require(path.join(root, builds[impl].public))
const { NativeEmulator } = require(path.join(root, builds[impl].native))

module.exports = { impl, orgkit, NativeEmulator }
