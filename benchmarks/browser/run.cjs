'use strict'
// orgkit's WebAssembly form bundle against plain JavaScript in headless Chromium (issue 15): the
// ID predicates against RegExp.test, checkIds against a RegExp loop, validateRequest against an
// ajv-compiled JSON Schema of the same model, and beside them the Node package's generated
// matchers (fast.generated.js) run in the same page. Prints ns per call and ratios; nothing is
// asserted.
//
// Run (after `make wasm`, and `npm install` in bindings-wasm/ and tests/npm/ for playwright-core
// and esbuild): `node benchmarks/browser/run.cjs` (`--quick` for a short run).

const { spawn, execFileSync } = require('node:child_process')
const fs = require('node:fs')
const net = require('node:net')
const path = require('node:path')

const ROOT = path.join(__dirname, '..', '..')
const OUT = path.join(ROOT, 'test-output', 'bench-browser')
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const ESBUILD = path.join(ROOT, 'tests', 'npm', 'node_modules', '.bin', 'esbuild')
const { chromium } = require(path.join(ROOT, 'bindings-wasm', 'node_modules', 'playwright-core'))
const quick = process.argv.includes('--quick')

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })
}

async function waitForServer(url) {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`server at ${url} did not start`)
}

const fixed = (ns, width = 9) => (Number.isFinite(ns) ? ns.toFixed(1) : '—').padStart(width)
const times = (ratio, width = 9) => (Number.isFinite(ratio) && ratio > 0 ? `${ratio.toFixed(2)}x` : '—').padStart(width)

function table(title, header, rows) {
  console.log(`\n${title}\n`)
  const line = header.map(([text, width], i) => (i === 0 ? text.padEnd(width) : text.padStart(width))).join(' ')
  console.log(line)
  console.log('-'.repeat(line.length))
  for (const row of rows) console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(header[0][1]) : cell.padStart(header[i][1]))).join(' '))
}

async function main() {
  const wasmEntry = path.join(ROOT, 'bindings-wasm', 'pkg', 'web', 'orgkit_wasm.js')
  if (!fs.existsSync(wasmEntry)) throw new Error('build the form bundle first: make wasm')
  fs.mkdirSync(OUT, { recursive: true })
  execFileSync(ESBUILD, [path.join(__dirname, 'deps.mjs'), '--bundle', '--format=esm', '--log-level=warning',
    `--outfile=${path.join(OUT, 'deps.mjs')}`], { stdio: 'inherit' })

  const port = await freePort()
  const server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', ROOT], { stdio: 'ignore' })
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
  try {
    const url = `http://127.0.0.1:${port}/benchmarks/browser/page.html${quick ? '?quick=1' : ''}`
    await waitForServer(url)
    const page = await browser.newPage()
    page.on('pageerror', (error) => console.error(`page error: ${error}`))
    await page.goto(url)
    await page.waitForSelector('body[data-done="true"]', { timeout: 30 * 60 * 1000 })
    const results = await page.evaluate(() => window.benchResults)
    if (results.error) throw new Error(results.error)
    console.log(`${results.userAgent}\nns per call (per value for batches), best of interleaved rounds; WASM = bindings-wasm/pkg/web,`)
    console.log('"generated JS" = fast.generated.js\'s grammar matchers running in the page (the WASM bundle does not use them)')
    table('Predicates', [['value', 32], ['RegExp', 9], ['WASM', 9], ['gen. JS', 9], ['RegExp/WASM', 12], ['RegExp/JS', 10]],
      results.predicateRows.map(([name, regex, wasm, js]) => [name, fixed(regex), fixed(wasm), fixed(js), times(regex / wasm), times(regex / js)]))
    table('Batches (ns per value): values.map(v => re.test(v)) vs checkIds', [['batch', 32], ['RegExp', 9], ['WASM', 9], ['gen. JS', 9], ['RegExp/WASM', 12], ['RegExp/JS', 10]],
      results.batchRows.map(([name, regex, wasm, js]) => [name, fixed(regex), fixed(wasm), fixed(js), times(regex / wasm), times(regex / js)]))
    table('validateRequest (current edition) vs ajv', [['request', 40], ['WASM', 9], ['ajv', 9], ['WASM/ajv', 10]],
      results.requestRows.map(([name, wasm, ajv]) => [name, fixed(wasm), fixed(ajv), times(wasm / ajv)]))
    console.log('\nWhat each reports:')
    for (const [name, , , ours, theirs] of results.requestRows) console.log(`  ${name}\n    orgkit: ${ours}\n    ajv:    ${theirs}`)
  } finally {
    await browser.close()
    server.kill()
  }
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
