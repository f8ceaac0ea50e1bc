// The browser package `orgkit-wasm` as an app gets it: installed from its packed tarball
// (tests/npm/run.sh), type-checked with TypeScript, bundled with esbuild (the `.wasm` found
// through the file loader: nobody copies it by hand), served by a local static server and run
// in headless Chromium (playwright-core). In the page: the README's esbuild example prints what
// its comments say; issues carry hints; every pattern `fieldConstraints` and `valueConstraints`
// hand out compiles with the `v` flag Chromium gives the HTML `pattern` attribute, and an
// <input> with it agrees with orgkit on every shared ID vector (tests/vectors/ids.json).
import test from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import * as esbuild from 'esbuild'
import ts from 'typescript'

const here = path.dirname(fileURLToPath(import.meta.url))
const project = path.dirname(here)
const root = path.join(project, '..', '..')
const installed = path.join(project, 'node_modules', 'orgkit-wasm')
// Scratch files inside the project, so that `orgkit-wasm` resolves from its node_modules.
const scratch = path.join(project, '.run-browser-package')
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
]
const { chromium } = createRequire(import.meta.url)('playwright-core')

const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'))
const catalogue = readJson(path.join(root, 'tests', 'vectors', 'catalogue.json'))
const readme = fs.readFileSync(path.join(installed, 'README.md'), 'utf8')

fs.rmSync(scratch, { recursive: true, force: true })
fs.mkdirSync(scratch, { recursive: true })
test.after(() => fs.rmSync(scratch, { recursive: true, force: true }))

/** The `console.log(...) // expected` lines of an example, as the lines it must print. */
const expectedLines = (code) => [...code.matchAll(/^\s*console\.log\(.*\) \/\/ (.*)$/gm)].map((match) => match[1])

/** The fenced blocks of a README section (`## <title>` up to the next `## `). */
function sectionBlocks(title) {
  const section = readme.split('\n## ').find((part) => part.startsWith(`${title}\n`))
  assert.ok(section, `the README has a section "${title}"`)
  return [...section.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map(([, lang, code]) => ({ lang, code }))
}

/** Serves `dir` on 127.0.0.1 (`.wasm` as application/wasm); resolves to its base URL. */
async function serve(t, dir) {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' }
  const server = http.createServer((request, response) => {
    const file = path.join(dir, decodeURIComponent(new URL(request.url, 'http://x').pathname))
    if (!file.startsWith(dir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      response.writeHead(404).end()
      return
    }
    response.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' })
    fs.createReadStream(file).pipe(response)
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.after(() => new Promise((resolve) => server.close(resolve)))
  return `http://127.0.0.1:${server.address().port}`
}

/** Opens `url` in headless Chromium; collects console lines, page errors and failed requests. */
async function openPage(t, url) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
  t.after(() => browser.close())
  const page = await browser.newPage()
  const seen = { console: [], errors: [], failed: [], wasm: [] }
  page.on('console', (message) => seen.console.push(message.text()))
  page.on('pageerror', (error) => seen.errors.push(error))
  page.on('response', (response) => {
    if (response.status() >= 400) seen.failed.push(`${response.status()} ${response.url()}`)
    if (response.url().endsWith('.wasm')) seen.wasm.push(response.url())
  })
  await page.goto(url)
  return { page, seen }
}

/** A page that runs `app.js` as a module and says when it is done. */
function writePage(dir) {
  fs.writeFileSync(path.join(dir, 'index.html'),
    '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module" src="./app.js"></script>\n')
}

test('the installed package: metadata from the workspace, exports, and only the files it lists', () => {
  const manifest = readJson(path.join(installed, 'package.json'))
  const toml = fs.readFileSync(path.join(root, 'Cargo.toml'), 'utf8')
  const version = toml.match(/^\[workspace\.package\][\s\S]*?^version = "([^"]+)"/m)[1]
  assert.equal(manifest.name, 'orgkit-wasm')
  assert.equal(manifest.version, version)
  assert.equal(manifest.license, 'Apache-2.0')
  assert.equal(manifest.repository.url, 'git+https://github.com/orgkit/orgkit.git')
  assert.equal(manifest.homepage, 'https://github.com/orgkit/orgkit')
  assert.equal(manifest.type, 'module')
  assert.equal(manifest.sideEffects, false)
  assert.deepEqual(Object.keys(manifest.exports),
    ['.', './emulator', './form.wasm', './emulator.wasm', './package.json', './README.md'])
  for (const [subpath, target] of Object.entries(manifest.exports)) {
    const conditions = typeof target === 'string' ? { default: target } : target
    if (typeof target !== 'string') assert.deepEqual(Object.keys(conditions), ['types', 'default'], `${subpath}: types first`)
    for (const file of Object.values(conditions)) assert.ok(fs.existsSync(path.join(installed, file)), `${subpath} → ${file}`)
  }
  const files = []
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name))
      else files.push(path.relative(installed, path.join(dir, entry.name)))
    }
  }
  walk(installed)
  const bundle = ['orgkit_wasm.d.ts', 'orgkit_wasm.js', 'orgkit_wasm_bg.wasm', 'orgkit_wasm_bg.wasm.d.ts', 'orgkit_wasm_glue.js']
  assert.deepEqual(files.sort(), [
    'LICENSE', 'README.md',
    ...bundle.map((file) => `emulator/${file}`), ...bundle.map((file) => `form/${file}`),
    'package.json', 'wasm-url.d.ts',
  ].sort())
})

test('typings: results, issues and constraints are typed, and the unions are the catalogue', () => {
  const unionOf = (dts, name) => {
    const body = dts.match(new RegExp(`export type ${name} =([^;]*);`))
    assert.ok(body, `${name} is declared`)
    return [...body[1].matchAll(/'([^']+)'/g)].map((match) => match[1])
  }
  for (const bundle of ['form', 'emulator']) {
    const dts = fs.readFileSync(path.join(installed, bundle, 'orgkit_wasm.d.ts'), 'utf8')
    assert.deepEqual(unionOf(dts, 'IssueCode'), catalogue.error_codes, bundle)
    assert.deepEqual(unionOf(dts, 'ValueKind'), catalogue.value_kinds, bundle)
    assert.deepEqual(unionOf(dts, 'CallErrorCode'), catalogue.call_error_codes, bundle)
    for (const name of ['validateRequest', 'checkValue', 'inspectArn', 'fieldConstraints']) {
      const declaration = dts.match(new RegExp(`export function ${name}\\(.*\\): (.*);`))
      assert.ok(declaration && !/\b(any|object)\b/.test(declaration[1]), `${bundle} ${name} returns ${declaration?.[1]}`)
    }
  }

  const source = path.join(scratch, 'typed.ts')
  fs.writeFileSync(source, `
import init, { checkValue, fieldConstraints, inspectArn, validateRequest, type FieldConstraint, type Issue, type IssueCode } from 'orgkit-wasm'
import initEmulator, { valueConstraints, validateRequest as validateInEmulator } from 'orgkit-wasm/emulator'
import formWasm from 'orgkit-wasm/form.wasm'
import emulatorWasm from 'orgkit-wasm/emulator.wasm'

await init({ module_or_path: new URL(formWasm, import.meta.url) })
await initEmulator({ module_or_path: new URL(emulatorWasm, import.meta.url) })
const result = validateRequest('organizations', 'CreateAccount', { Email: 'x' })
const valid: boolean = result.valid
const issue: Issue = result.issues[0]
const code: IssueCode = issue.code
const words: string[] = [issue.path, issue.message, issue.hint]
if (issue.code === 'INVALID_PATTERN') console.log(issue.hint)
// @ts-expect-error: a code the catalogue does not have
if (issue.code === 'INVALID_PATERN') console.log(issue.hint)
// @ts-expect-error: a message is text
const notANumber: number = issue.message
const email: FieldConstraint = fieldConstraints('organizations', 'CreateAccount').Email
const attributes: [boolean, string | undefined, number | undefined, string[] | undefined] = [email.required, email.pattern, email.minLength, email.enum]
// @ts-expect-error: the type is one of six names
const type: 'number' = email.type
const id = checkValue('AccountId', '12345678901x')
const kindOf: 'AccountId' | 'Email' | string | undefined = id.kind
// @ts-expect-error: not a kind
checkValue('AcountId', 'x')
// @ts-expect-error: not a service
validateRequest('organisations', 'CreateAccount', {})
const arn = inspectArn('arn:aws:organizations::111111111111:root/o-exampleorgid/r-abcd')
const rootId: string | undefined = arn.arn?.rootId
const fromEmulator: Issue[] = validateInEmulator('chime', 'GetAccount', {}).issues
const parent: string = valueConstraints('ParentId').hint
console.log(valid, code, words, attributes, type, kindOf, rootId, fromEmulator, parent)
`)
  const program = ts.createProgram([source], {
    strict: true, noEmit: true, skipLibCheck: false, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'], types: [],
  })
  const problems = ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${path.relative(project, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : ''
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`
  })
  assert.deepEqual(problems, [])
})

test('each entry point exports exactly what its typings declare, and none of the internals', async () => {
  // The typings as TypeScript finds them through the package's `exports` (the `types` condition).
  const from = path.join(scratch, 'surface.ts')
  fs.writeFileSync(from, 'export {}\n')
  const options = { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'], types: [] }
  const internal = (name) => name.startsWith('__') || name === 'install_panic_hook'
  for (const [specifier, bundle] of [['orgkit-wasm', 'form'], ['orgkit-wasm/emulator', 'emulator']]) {
    const resolved = ts.resolveModuleName(specifier, from, options, ts.sys).resolvedModule
    assert.equal(resolved && fs.realpathSync(resolved.resolvedFileName),
      fs.realpathSync(path.join(installed, bundle, 'orgkit_wasm.d.ts')), `${specifier}: its typings`)
    const program = ts.createProgram([resolved.resolvedFileName], options)
    const checker = program.getTypeChecker()
    const typings = program.getSourceFile(resolved.resolvedFileName)
    const declared = checker.getExportsOfModule(checker.getSymbolAtLocation(typings))
    // Values (functions, classes, consts, the default export): what an import can bind at run time.
    const typedValues = declared.filter((symbol) => symbol.flags & ts.SymbolFlags.Value)
    const typed = typedValues.map((symbol) => symbol.name).sort()

    const loaded = await import(specifier)
    const exported = Object.keys(loaded).sort()
    assert.deepEqual(exported, typed, `${specifier}: the exports are the typed exports`)
    for (const name of ['default', 'initSync', 'validateRequest', 'checkValue', 'fieldConstraints']) {
      assert.ok(exported.includes(name), `${specifier} exports ${name}`)
    }
    assert.deepEqual(exported.filter(internal), [], `${specifier}: no internals at run time`)
    assert.deepEqual(declared.map((symbol) => symbol.name).filter(internal), [], `${specifier}: no internals typed`)

    // Classes: no typed member is internal, and none of the probes is there at run time either
    // (wasm-bindgen's own `__destroy_into_raw`, which `free` calls, stays, untyped).
    for (const symbol of typedValues.filter((s) => s.flags & ts.SymbolFlags.Class)) {
      const members = [...symbol.members.values()]
        .filter((member) => !(member.flags & ts.SymbolFlags.Constructor) && !member.escapedName.startsWith('__@'))
        .map((member) => member.name)
      assert.deepEqual(members.filter(internal), [], `${specifier} ${symbol.name}: typed members`)
      const methods = Object.getOwnPropertyNames(loaded[symbol.name].prototype)
      assert.deepEqual(methods.filter((name) => !members.includes(name)).sort(), ['__destroy_into_raw', 'constructor'],
        `${specifier} ${symbol.name}: methods at run time`)
    }
  }
  const form = await import('orgkit-wasm')
  const emulator = await import('orgkit-wasm/emulator')
  assert.deepEqual(Object.keys(form).filter((name) => !(name in emulator)), [], 'the emulator bundle has all of the form bundle')
  assert.ok(typeof emulator.NativeEmulator === 'function' && typeof emulator.PageWalk === 'function')
})

test("the README's examples print what their comments say (Node, the module read from file: URLs)", () => {
  const blocks = readme.split('\n## ')
    .filter((section) => !section.startsWith('With esbuild\n'))
    .flatMap((section) => [...section.matchAll(/```js\n([\s\S]*?)```/g)].map((match) => match[1]))
  assert.ok(blocks.length >= 2, 'the opening example and the hints example')
  fs.writeFileSync(path.join(scratch, 'file-fetch.mjs'), `
import { readFile } from 'node:fs/promises'
const networkFetch = globalThis.fetch
globalThis.fetch = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : input)
  if (url.protocol !== 'file:') return networkFetch(input, init)
  return new Response(await readFile(url), { headers: { 'content-type': 'application/wasm' } })
}
`)
  blocks.forEach((code, n) => {
    const file = path.join(scratch, `readme-${n}.mjs`)
    fs.writeFileSync(file, code)
    const printed = execFileSync(process.execPath, ['--import', './file-fetch.mjs', file], { cwd: scratch, encoding: 'utf8' })
    assert.deepEqual(printed.trim().split('\n'), expectedLines(code), `README example ${n + 1}`)
  })
})

test("the README's esbuild example: bundled with its command, served, and run in Chromium", async (t) => {
  const blocks = sectionBlocks('With esbuild')
  const app = blocks.find((block) => block.lang === 'js').code
  const command = blocks.find((block) => block.lang === 'sh').code.trim()
  assert.match(command, /^npx esbuild app\.js /)
  const dir = path.join(scratch, 'readme-app')
  fs.mkdirSync(dir)
  fs.writeFileSync(path.join(dir, 'app.js'), app)
  const args = command.replace(/^npx esbuild /, '').split(/\s+/)
  execFileSync(path.join(project, 'node_modules', '.bin', 'esbuild'), [...args, '--log-level=warning'], { cwd: dir, stdio: 'inherit' })
  const out = path.join(dir, 'dist')
  const wasmFiles = fs.readdirSync(out).filter((file) => file.endsWith('.wasm'))
  assert.equal(wasmFiles.length, 1, 'the file loader copied the module beside the bundle')
  assert.equal(fs.statSync(path.join(out, wasmFiles[0])).size, fs.statSync(path.join(installed, 'form', 'orgkit_wasm_bg.wasm')).size)
  writePage(out)

  const base = await serve(t, out)
  const { page, seen } = await openPage(t, `${base}/index.html`)
  const expected = expectedLines(app)
  for (let waited = 0; seen.console.length < expected.length && seen.errors.length === 0 && waited < 20000; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  assert.deepEqual(seen.console, expected)
  assert.deepEqual(seen.wasm, [`${base}/${wasmFiles[0]}`])
  assert.deepEqual(seen.failed, [])
  assert.deepEqual(seen.errors, [])
})

test('in Chromium: hints, fieldConstraints, and HTML patterns that agree with orgkit on the shared vectors', async (t) => {
  const dir = path.join(scratch, 'form-app')
  fs.mkdirSync(dir)
  fs.copyFileSync(path.join(root, 'tests', 'vectors', 'ids.json'), path.join(dir, 'ids.json'))
  fs.writeFileSync(path.join(dir, 'app.js'), `
import init, * as form from 'orgkit-wasm'
import initEmulator, * as emulator from 'orgkit-wasm/emulator'
import formWasm from 'orgkit-wasm/form.wasm'
import emulatorWasm from 'orgkit-wasm/emulator.wasm'
import vectors from './ids.json'

const PATTERN_CODES = new Set(['INVALID_PATTERN', 'INVALID_PATTERN_TARGET_ID'])
await init({ module_or_path: new URL(formWasm, import.meta.url) })
await initEmulator({ module_or_path: new URL(emulatorWasm, import.meta.url) })
const results = { hints: {}, compiled: 0, badPatterns: [], disagreements: [], checked: 0, withoutInput: 0, noPattern: new Set(), sameInBoth: true }

results.hints.account = form.checkValue('AccountId', '12345678901x').issues.map((issue) => issue.hint)
results.hints.request = form.validateRequest('organizations', 'CreateAccount', { Email: 'finance prod@example.com', IamUserAccessToBilling: 'MAYBE' })
  .issues.map((issue) => [issue.path, issue.code, issue.hint])
results.hints.arn = form.inspectArn('arn:aws:organizations::1:root/o-x/r-y').issues.map((issue) => issue.hint)
results.email = form.fieldConstraints('organizations', 'CreateAccount').Email

// Every pattern of every request field compiles as Chromium compiles a pattern attribute.
for (const edition of form.editions()) {
  for (const service of ['organizations', 'account', 'chime']) {
    for (const [operation] of form.operations(service, { edition })) {
      const fields = form.fieldConstraints(service, operation, { edition })
      if (JSON.stringify(fields) !== JSON.stringify(emulator.fieldConstraints(service, operation, { edition }))) results.sameInBoth = false
      for (const [name, field] of Object.entries(fields)) {
        if (field.pattern === undefined) continue
        try {
          new RegExp('^(?:' + field.pattern + ')$', 'v')
          results.compiled++
        } catch (error) {
          results.badPatterns.push([edition, service, operation, name, field.pattern, String(error)])
        }
      }
    }
  }
}

// An <input> with a kind's pattern says patternMismatch exactly when orgkit finds a pattern issue.
const input = document.createElement('input')
document.body.append(input)
for (const c of vectors.cases) {
  for (const edition of c.edition ? [c.edition] : ['original', 'current']) {
    if (!emulator.valueKinds({ edition }).includes(c.kind) || c.value === '') continue
    const { pattern } = emulator.valueConstraints(c.kind, { edition })
    if (pattern === undefined) {
      results.noPattern.add(c.kind)
      continue
    }
    input.pattern = pattern
    input.value = c.value
    const expected = emulator.checkValue(c.kind, c.value, { edition }).issues.some((issue) => PATTERN_CODES.has(issue.code))
    // An <input> drops line breaks from its value: such values meet the pattern as Chromium
    // compiles it for the attribute.
    const mismatch = input.value === c.value
      ? input.validity.patternMismatch
      : !new RegExp('^(?:' + pattern + ')$', 'v').test(c.value)
    if (input.value !== c.value) results.withoutInput++
    if (mismatch !== expected) results.disagreements.push([c.kind, edition, c.value, pattern])
    results.checked++
  }
}
results.noPattern = [...results.noPattern]
window.__results = results
`)
  await esbuild.build({
    entryPoints: [path.join(dir, 'app.js')],
    bundle: true,
    format: 'esm',
    outdir: path.join(dir, 'dist'),
    loader: { '.wasm': 'file' },
    logLevel: 'warning',
  })
  const out = path.join(dir, 'dist')
  writePage(out)
  const base = await serve(t, out)
  const { page, seen } = await openPage(t, `${base}/index.html`)
  await page.waitForFunction(() => window.__results !== undefined, undefined, { timeout: 60000 })
  const results = await page.evaluate(() => window.__results)
  t.diagnostic(`${results.compiled} field patterns compiled with the v flag; ${results.checked} vector values checked (${results.withoutInput} as a RegExp)`)

  assert.deepEqual(results.hints.account, ['An account ID is exactly 12 digits.'])
  assert.deepEqual(results.hints.request, [
    ['Email', 'INVALID_PATTERN', 'Enter an email address like name@example.com.'],
    ['AccountName', 'INPUT_REQUIRED', 'This field is required.'],
    ['IamUserAccessToBilling', 'INVALID_ENUM', 'Choose one of: ALLOW, DENY.'],
  ])
  assert.ok(results.hints.arn.length > 0 && results.hints.arn.every((hint) => hint.startsWith('Enter an Organizations ARN')), results.hints.arn)
  assert.deepEqual(Object.keys(results.email), ['type', 'required', 'pattern', 'minLength', 'maxLength', 'hint'])
  assert.equal(results.sameInBoth, true, 'both bundles state the same constraints')
  assert.deepEqual(results.badPatterns, [])
  assert.ok(results.compiled > 100, `${results.compiled} patterns compiled`)
  assert.deepEqual(results.disagreements, [])
  assert.ok(results.checked > 600, `${results.checked} vectors checked`)
  assert.ok(results.withoutInput < 20, `${results.withoutInput} values with line breaks checked as a RegExp`)
  assert.deepEqual(results.noPattern, [], 'the ID vectors have no ARNs, the one kind without a pattern')
  assert.equal(new Set(seen.wasm.map((url) => path.basename(url))).size, 2, 'both modules loaded from the bundle folder')
  assert.deepEqual(seen.failed, [])
  assert.deepEqual(seen.errors, [])
})
