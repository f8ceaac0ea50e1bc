// The README's ES module examples (```js esm blocks: the SDK v3, CDK and browser-package
// hookups) run as written, each as its own file in this project, where 'orgkit',
// 'orgkit/sdk', 'orgkit/cdk', '@aws-sdk/client-*' and 'aws-cdk-lib' resolve to the installed
// packages. Each example asserts what it shows, so it fails when the behaviour is absent.
import test from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const project = path.dirname(path.dirname(fileURLToPath(import.meta.url)))
const root = path.dirname(path.dirname(project))

// The project README's ```js esm blocks, and every ```js block of the npm package's README
// (all ES modules there).
const readmes = { 'README.md': /```js esm\n([\s\S]*?)```/g, 'bindings-node/README.md': /```js\n([\s\S]*?)```/g }
for (const [readme, pattern] of Object.entries(readmes)) {
  const text = fs.readFileSync(path.join(root, readme), 'utf8')
  const blocks = [...text.matchAll(pattern)].map((match) => match[1])
  if (readme === 'README.md') assert.ok(blocks.length >= 3, `${readme} has its SDK, CDK and browser examples`)
  blocks.forEach((code, index) => {
    const firstLine = code.split('\n').find((line) => line.trim()) ?? ''
    test(`${readme} example ${index + 1}: ${firstLine.slice(0, 70)}`, () => {
      const file = path.join(project, `.readme-example-${readme.replace(/\W/g, '-')}-${index}.mjs`)
      fs.writeFileSync(file, code)
      try {
        execFileSync(process.execPath, [file], { cwd: project, encoding: 'utf8', stdio: 'pipe', timeout: 120_000 })
      } catch (error) {
        assert.fail(`the example failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`)
      } finally {
        fs.rmSync(file, { force: true })
      }
    })
  })
}
