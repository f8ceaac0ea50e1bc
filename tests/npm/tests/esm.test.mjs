// The `orgkit` package as an ES module and as CommonJS, installed from its packed tarball
// (tests/npm/run.sh): every name its typings list is a named export of the ES entry and a
// property of the CommonJS one, both give the same objects, TypeScript with
// `"module": "nodenext"` accepts the same imports, and the internals are no exports.
import test from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

import * as orgkitNamespace from 'orgkit'
import orgkitDefault, { isAccountId, Emulator, OrgkitValidationError, validateRequest } from 'orgkit'

const require = createRequire(import.meta.url)
const here = path.dirname(fileURLToPath(import.meta.url))
const project = path.dirname(here)
const installed = path.join(project, 'node_modules', 'orgkit')

/** The value names (functions, classes, constants) a typings entry point exports, as the
 * TypeScript compiler resolves them (re-exports followed). */
function typedValueNames(entry) {
  const program = ts.createProgram([entry], { strict: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext })
  const checker = program.getTypeChecker()
  const file = program.getSourceFile(entry)
  const moduleSymbol = checker.getSymbolAtLocation(file)
  const names = []
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported
    if (target.flags & ts.SymbolFlags.Value && exported.name !== 'default') names.push(exported.name)
  }
  return names.sort()
}

const INTERNAL = /^(Native|__)|^applyHandshakeEventJson$|^validateRequestJson$/

test('the installed package ships its entry points and nothing private', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'))
  for (const [subpath, conditions] of Object.entries(manifest.exports)) {
    if (typeof conditions === 'string') continue
    for (const condition of ['import', 'require']) {
      for (const file of Object.values(conditions[condition])) {
        assert.ok(fs.existsSync(path.join(installed, file)), `${subpath} → ${condition} → ${file} is in the tarball`)
      }
    }
  }
  // Only the exports map's entry points can be reached: the generated loader is private.
  assert.throws(() => require('orgkit/index.js'), { code: 'ERR_PACKAGE_PATH_NOT_EXPORTED' })
  assert.throws(() => require('orgkit/orgkit.js'), { code: 'ERR_PACKAGE_PATH_NOT_EXPORTED' })
})

test('every name of the typings is a named ES export and a CommonJS property, and nothing else is', () => {
  const cjs = require('orgkit')
  const typed = typedValueNames(path.join(installed, 'orgkit.d.mts'))
  const typedCjs = typedValueNames(path.join(installed, 'orgkit.d.ts'))
  assert.deepEqual(typed, typedCjs, 'the ES and CommonJS typings list the same names')
  const esmNames = Object.keys(orgkitNamespace).filter((name) => name !== 'default').sort()
  assert.deepEqual(esmNames, typed, 'named ES exports = names in the typings')
  assert.deepEqual(Object.keys(cjs).sort(), typed, 'CommonJS properties = names in the typings')
  assert.ok(typed.length > 80, `${typed.length} public names`)
  for (const name of typed) {
    assert.equal(orgkitNamespace[name], cjs[name], `${name} is the same object from import and require`)
    assert.doesNotMatch(name, INTERNAL, `${name} is internal`)
  }
  assert.equal(orgkitDefault, cjs, 'the default export is the CommonJS module')
})

test('the named imports work, and classes are shared by both module systems', () => {
  assert.equal(isAccountId('123456789012'), true)
  assert.equal(isAccountId('12345678901x'), false)
  const { valid, issues } = validateRequest('organizations', 'CreateAccount', { Email: 'x' })
  assert.equal(valid, false)
  assert.deepEqual([...new Set(issues.map((issue) => issue.path))].sort(), ['AccountName', 'Email'])
  const cjs = require('orgkit')
  const error = (() => {
    try {
      cjs.checkRequest('organizations', 'DescribeAccount', {})
    } catch (thrown) {
      return thrown
    }
  })()
  assert.ok(error instanceof OrgkitValidationError, 'an error thrown through require() is instanceof the imported class')
  assert.ok(new Emulator() instanceof cjs.Emulator)
  // Instances keep their native parts private.
  assert.deepEqual(Object.keys(new Emulator()), [])
})

test('TypeScript with "module": "nodenext" accepts every typed name from ESM and CommonJS, and rejects internals', () => {
  const names = typedValueNames(path.join(installed, 'orgkit.d.mts'))
  const work = fs.mkdtempSync(path.join(project, '.tsc-'))
  try {
    fs.writeFileSync(path.join(work, 'every.mts'), [
      `import { ${names.join(', ')} } from 'orgkit'`,
      `import orgkit from 'orgkit'`,
      `const everything: unknown[] = [${names.join(', ')}]`,
      `const fromDefault: boolean = orgkit.isAccountId('123456789012')`,
      `const op: import('orgkit').OperationName<'organizations'> = 'CreateAccount'`,
      `export { everything, fromDefault, op }`,
      '',
    ].join('\n'))
    fs.writeFileSync(path.join(work, 'every.cts'), [
      `import orgkit = require('orgkit')`,
      `const everything: unknown[] = [${names.map((name) => `orgkit.${name}`).join(', ')}]`,
      `export = everything`,
      '',
    ].join('\n'))
    fs.writeFileSync(path.join(work, 'internal.mts'), [
      `// @ts-expect-error: internal`,
      `import { NativeEmulator } from 'orgkit'`,
      `// @ts-expect-error: not exported by the package's exports map`,
      `import * as loader from 'orgkit/index.js'`,
      `export { NativeEmulator, loader }`,
      '',
    ].join('\n'))
    fs.writeFileSync(path.join(work, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, skipLibCheck: false, types: [] },
      files: ['every.mts', 'every.cts', 'internal.mts'],
    }))
    const tsc = path.join(project, 'node_modules', 'typescript', 'bin', 'tsc')
    try {
      execFileSync(process.execPath, [tsc, '-p', work], { encoding: 'utf8', stdio: 'pipe' })
    } catch (error) {
      assert.fail(`tsc failed:\n${error.stdout}${error.stderr}`)
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true })
  }
})

test('a plain ES module and a CommonJS script run the same code in child processes', () => {
  const work = fs.mkdtempSync(path.join(project, '.run-'))
  try {
    fs.writeFileSync(path.join(work, 'main.mjs'), "import { isAccountId } from 'orgkit'\nprocess.stdout.write(String(isAccountId('123456789012')))\n")
    fs.writeFileSync(path.join(work, 'main.cjs'), "const { isAccountId } = require('orgkit')\nprocess.stdout.write(String(isAccountId('123456789012')))\n")
    for (const file of ['main.mjs', 'main.cjs']) {
      assert.equal(execFileSync(process.execPath, [path.join(work, file)], { encoding: 'utf8' }), 'true', file)
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true })
  }
})

