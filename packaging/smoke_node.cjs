'use strict'
// Install test of the npm packages, run by `make dist` inside a scratch project that installed
// the packed tarballs: `node smoke_node.cjs <binding package> <README>...` runs every ```js
// block of the READMEs against the installed `orgkit`, then checks which binding loaded
// (`orgkit-linux-x64-gnu`, the native addon, or `orgkit-wasm32-wasi`, the WebAssembly fallback).

const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const vm = require('node:vm')
const { createRequire } = require('node:module')

const [expected, ...readmes] = process.argv.slice(2)
const { execFileSync } = require('node:child_process')
// `require` as the scratch project sees it: `orgkit` resolves into its node_modules.
const projectRequire = createRequire(path.join(process.cwd(), 'package.json'))

async function main() {
  const entry = projectRequire.resolve('orgkit')
  assert.ok(entry.includes(`${path.sep}node_modules${path.sep}orgkit${path.sep}`), `orgkit resolved to ${entry}`)
  let examples = 0
  for (const readme of readmes) {
    const text = fs.readFileSync(readme, 'utf8')
    const blocks = [...text.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1])
    assert.ok(blocks.length > 0, `${readme} has no js example`)
    if (/^import /m.test(blocks[0])) {
      // An ES module example (the package README's): run as its reader would, from a file of
      // the project, in a child process with the same environment.
      fs.writeFileSync('readme-example.mjs', blocks.join('\n'))
      execFileSync(process.execPath, ['readme-example.mjs'], { stdio: 'inherit' })
      examples += blocks.length
      continue
    }
    const body = `return (async () => {\n${blocks.join('\n')}\n})()`
    await vm.compileFunction(body, ['require', 'assert'], { filename: readme })(projectRequire, assert)
    examples += blocks.length
  }
  const loaded = Object.keys(require.cache).filter((file) => /orgkit-(linux|wasm32)/.test(file))
  const bindings = [...new Set(loaded.map((file) => file.match(/node_modules[\\/](orgkit-[^\\/]+)/)[1]))]
  assert.deepEqual(bindings, [expected], `loaded ${JSON.stringify(loaded)}`)
  const version = projectRequire('orgkit/package.json').version
  console.log(`orgkit ${version} through ${expected}: ${examples} README examples passed`)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
