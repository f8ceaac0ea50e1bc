'use strict'
// orgkit's V8 fast calls (bindings-node/fastcall): built for this Node.js where they can be, used
// by the public module, and giving the core's answer for every shared vector, kind and edition
// when called from optimized code (the fast callback) and from unoptimized code (the slow one).
// bindings-node/tests/fast-path.test.cjs runs the whole fast path over them as well.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { Worker } = require('node:worker_threads')

const native = require('../index.js')
const generated = require('../fast.generated.js')
const orgkit = require('../orgkit.js')
const { FAST_CALLS_FILE, loadFastCalls } = require('../fastcalls.js')

const vectorsDir = path.join(__dirname, '..', '..', 'tests', 'vectors')
const vectors = (name) => JSON.parse(fs.readFileSync(path.join(vectorsDir, name), 'utf8'))
const idValues = [...new Set([...vectors('ids.json').cases, ...vectors('arns.json').cases].map((c) => c.value))]

// The V8 versions bindings-node/fastcall/build.rs builds fast calls for, on Linux (the one
// platform whose linker takes the node executable's symbols as they are).
const v8 = process.versions.v8.split('.').map(Number)
const SUPPORTED = v8[0] === 11 && v8[1] >= 2 && v8[1] <= 4 && process.platform === 'linux'

const fastCalls = loadFastCalls(native)
const KINDS = native.valueKinds()
const EDITIONS = native.editions()
const UNDECIDED = 2

test('the fast calls are built for this Node.js, from the same tables, and orgkit uses them', { skip: !SUPPORTED && 'no fast calls for this V8' }, () => {
  assert.ok(fs.existsSync(path.join(__dirname, '..', FAST_CALLS_FILE)), `${FAST_CALLS_FILE}: run \`make node\``)
  assert.notEqual(fastCalls, undefined)
  assert.deepEqual(Object.keys(fastCalls).sort(), ['check', 'checks', 'checks4', 'digest', 'slowCalls', 'sourceDigest'])
  assert.equal(fastCalls.sourceDigest(), native.__orgkitSourceDigest(), 'built from the same core sources as the addon')
  assert.equal(fastCalls.digest(), generated.DIGEST)
  assert.equal(orgkit[Symbol.for('orgkit.testHooks')].fastCalls, fastCalls, 'orgkit.js loaded the same module')
})

/** Latin-1 outside ASCII, two-byte strings, and strings V8 keeps as ropes or slices. */
function oddStrings() {
  const rope = (a, b) => a + b // a cons string when long enough (13 characters or more)
  return ['', 'caf\u00e9@example.com', '1234567890\u00e92', '\u00ff', 'ou-abcd-1234567\u0130', '12345678901\ud800',
    rope('1234567', '89012'), rope('ou-abcd-', '12345678'), rope('someone@', 'example.com'),
    'x'.repeat(5000).slice(10, 30), '1'.repeat(5000), '1'.repeat(5_000_000), rope('1'.repeat(4096), '1'), 'p-FullAWSAccess']
}

/** The core's answer through the addon's own predicate. */
function coreAnswer(kind, edition, value) {
  return native[`is${kind}`](value, { edition })
}

/** Calls `check` for every (code, value) `rounds` times from one hot loop, so that V8 optimizes
 * it and calls the fast callback; returns the answers of the last round. */
function hotAnswers(check, cases, rounds) {
  let answers
  for (let round = 0; round < rounds; round++) {
    answers = new Array(cases.length)
    for (let i = 0; i < cases.length; i++) answers[i] = check(cases[i][0], cases[i][1])
  }
  return answers
}

test('every answer is the core\'s, fast and slow: every vector, kind and edition', { skip: fastCalls === undefined && 'no fast calls here' }, () => {
  const cases = []
  for (const [editionIndex, edition] of EDITIONS.entries()) {
    for (const [kindIndex, kind] of KINDS.entries()) {
      for (const value of [...idValues, ...oddStrings()]) cases.push([(editionIndex << 8) | kindIndex, value, kind, edition])
    }
  }
  // Unoptimized first (the slow callback), then hot.
  const slowBefore = fastCalls.slowCalls()
  const cold = cases.map(([code, value]) => fastCalls.check(code, value))
  const slowCold = fastCalls.slowCalls() - slowBefore
  const before = fastCalls.slowCalls()
  const rounds = 12
  const hot = hotAnswers(fastCalls.check, cases, rounds)
  const slowHot = fastCalls.slowCalls() - before
  let undecided = 0
  for (const [i, [, value, kind, edition]] of cases.entries()) {
    const expected = coreAnswer(kind, edition, value)
    for (const [when, answer] of [['slow', cold[i]], ['fast', hot[i]]]) {
      const where = `${when} check(${kind}, ${edition}, ${JSON.stringify(value.slice(0, 40))})`
      if (answer === UNDECIDED) {
        // Only for what the fast calls do not read: characters outside ASCII, or a string longer
        // than 4,096 that V8 does not hold flat (those go to the slow callback, which leaves them).
        assert.ok(!/^[\x00-\x7f]*$/.test(value) || value.length > 4096, where)
        undecided++
      } else {
        assert.equal(answer, expected ? 1 : 0, where)
      }
    }
  }
  assert.ok(cold.length > 20_000, `${cold.length}`)
  assert.ok(slowCold > 0, 'the first calls go through the slow callback')
  // Most hot calls were fast ones (a flat string; the slow callback counts the others).
  assert.ok(slowHot < (cases.length * rounds) / 2, `${slowHot} of ${cases.length * rounds} calls were slow`)
  assert.ok(undecided < cases.length / 4, `${undecided} undecided`)
})

// V8's test intrinsics, for functions compiled from here on: optimize a function on demand
// instead of hoping its heat is enough.
require('node:v8').setFlagsFromString('--allow-natives-syntax')
const optimized = new Function('run', 'f', 'values', `
  %PrepareFunctionForOptimization(run);
  run(f, values);
  run(f, values);
  %OptimizeFunctionOnNextCall(run);
  run(f, values);`)

/** `run(f, values)` once optimized by V8, then once more: the answers of that last call, with the
 * calls of `f` it made and how many of them took the slow callback. */
function hot(run, f, values, tally) {
  optimized(run, f, values)
  const before = fastCalls.slowCalls()
  const out = run(f, values)
  tally.slow += fastCalls.slowCalls() - before
  return out
}

test('the per-kind functions orgkit uses (checks, checks4) give the core\'s answers, hot', { skip: fastCalls === undefined && 'no fast calls here' }, () => {
  // Flat strings (a JSON round trip flattens ropes): the fast callbacks take every one that is
  // not two-byte, so the slow callbacks are counted exactly below.
  const values = JSON.parse(JSON.stringify([...idValues, ...oddStrings()]))
  while (values.length % 4 !== 0) values.push('')
  const twoByte = (value) => /[^\x00-\xff]/.test(value)
  let expectedSlow = values.filter(twoByte).length
  for (let i = 0; i < values.length; i += 4) if (values.slice(i, i + 4).some(twoByte)) expectedSlow++
  const readable = (value) => /^[\x00-\x7f]*$/.test(value) && value.length <= 4096
  const tally = { slow: 0, calls: 0, expectedSlow: 0 }
  for (const [editionIndex, edition] of EDITIONS.entries()) {
    for (const [kindIndex, kind] of KINDS.entries()) {
      const code = (editionIndex << 8) | kindIndex
      if (!native.valueKinds({ edition }).includes(kind)) continue
      // A call site of its own for each function (its own source), so that V8 optimizes each
      // into a fast call, as orgkit's generated code has one per kind.
      const one = hot(new Function('f', 'values', `// checks[${code}]
        const out = new Array(values.length)
        for (let i = 0; i < values.length; i++) out[i] = f(values[i])
        return out`), fastCalls.checks[code], values, tally)
      const four = hot(new Function('f', 'values', `// checks4[${code}]
        const out = new Array(values.length)
        for (let i = 0; i < values.length; i += 4) {
          const packed = f(values[i], values[i + 1], values[i + 2], values[i + 3])
          for (let k = 0; k < 4; k++) out[i + k] = packed & (16 << k) ? 2 : (packed >> k) & 1
        }
        return out`), fastCalls.checks4[code], values, tally)
      tally.calls += values.length + values.length / 4
      tally.expectedSlow += expectedSlow
      for (const [i, value] of values.entries()) {
        const expected = readable(value) ? (coreAnswer(kind, edition, value) ? 1 : 0) : UNDECIDED
        const where = `${kind} (${edition}) ${JSON.stringify(value.slice(0, 40))}`
        assert.equal(one[i], expected, `checks: ${where}`)
        assert.equal(four[i], expected, `checks4: ${where}`)
      }
    }
  }
  // Once optimized, the slow callback sees only what the fast one cannot take: two-byte strings,
  // and the blocks of four holding one.
  assert.equal(tally.slow, tally.expectedSlow, `of ${tally.calls} calls`)
})

test('anything but a code and a string is undecided, never an error', { skip: fastCalls === undefined && 'no fast calls here' }, () => {
  const revoked = Proxy.revocable({}, {})
  revoked.revoke()
  const values = [undefined, null, 12, NaN, {}, [], 10n, Symbol('x'), new String('123456789012'), revoked.proxy,
    { toString: () => '123456789012' }, { toJSON: () => '123456789012' }]
  for (const value of values) assert.equal(fastCalls.check(256, value), UNDECIDED)
  const valueOf = { valueOf() { throw new Error('valueOf must not be called') } }
  for (const code of [-1, 2 ** 32, 1.5, '256', valueOf, undefined, 0xffff, 9 << 8]) {
    assert.equal(fastCalls.check(code, '123456789012'), UNDECIDED, String(code))
  }
  assert.equal(fastCalls.check(), UNDECIDED)
  assert.equal(fastCalls.check(256), UNDECIDED)
  // The per-kind functions too, one value or four, with too few arguments or too many.
  const one = fastCalls.checks[256]
  const four = fastCalls.checks4[256]
  for (const value of values) {
    assert.equal(one(value), UNDECIDED)
    assert.equal(four(value, '123456789012', value, 'x'), 0x50 | 0b0010)
  }
  assert.equal(one(), UNDECIDED)
  assert.equal(one('123456789012', 'extra'), 1)
  assert.equal(four(), 0xf0)
  assert.equal(four('123456789012'), 0xe1)
  assert.equal(four('1'.repeat(5000), '\u00e9', '\ud800', '123456789012', 'more'), 0x78)
  assert.throws(() => new one('x'), TypeError)
  assert.throws(() => new fastCalls.check(256, 'x'), TypeError)
})

test('ORGKIT_FAST_CALLS=0 turns them off, with the same answers', () => {
  const { execFileSync } = require('node:child_process')
  const probe = `const o = require(${JSON.stringify(path.join(__dirname, '..', 'orgkit.js'))})
    const h = o[Symbol.for('orgkit.testHooks')]
    console.log(JSON.stringify([h.fastCalls === undefined, o.isAccountId('123456789012'), o.checkIds('OrganizationalUnitId', ['ou-abcd-12345678', 'x', 'ou-abcd-1234567', 'ou-abcd-87654321', 5])]))`
  const off = JSON.parse(execFileSync(process.execPath, ['-e', probe], { env: { ...process.env, ORGKIT_FAST_CALLS: '0' } }).toString())
  assert.deepEqual(off, [true, true, [true, false, false, true, false]])
  const on = JSON.parse(execFileSync(process.execPath, ['-e', probe], { env: { ...process.env, ORGKIT_FAST_CALLS: '' } }).toString())
  assert.deepEqual(on, [fastCalls === undefined, true, [true, false, false, true, false]])
})

test('the fast calls load and answer in a worker thread too', { skip: fastCalls === undefined && 'no fast calls here' }, async () => {
  const source = `
    const { parentPort } = require('node:worker_threads')
    const orgkit = require(${JSON.stringify(path.join(__dirname, '..', 'orgkit.js'))})
    const hooks = orgkit[Symbol.for('orgkit.testHooks')]
    let valid = 0
    for (let i = 0; i < 200000; i++) if (orgkit.isAccountId(i % 2 ? '123456789012' : '12345678901x')) valid++
    parentPort.postMessage({ loaded: hooks.fastCalls !== undefined, valid, slow: hooks.fastCalls.slowCalls() })`
  const result = await new Promise((resolve, reject) => {
    const worker = new Worker(source, { eval: true })
    worker.once('message', resolve)
    worker.once('error', reject)
  })
  assert.equal(result.loaded, true)
  assert.equal(result.valid, 100000)
})
