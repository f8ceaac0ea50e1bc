'use strict'
// The generated fast path (fast.generated.js, written by `cargo xtask codegen` from the core's
// grammar and model tables) against the native addon it stands in front of: the same answer for
// every shared vector, every kind and both editions; the same errors (code and message, each
// passed through `translated`); and a request walk that never calls a request valid where the
// core reports an issue. Nothing here is timed (bindings-node/benchmarks/bench-predicates.cjs
// measures).

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const native = require('../index.js')
const generated = require('../fast.generated.js')

const vectorsDir = path.join(__dirname, '..', '..', 'tests', 'vectors')
const vectors = (name) => JSON.parse(fs.readFileSync(path.join(vectorsDir, name), 'utf8'))

/** Marks errors so that a test can tell they went through `translated`. */
const TRANSLATED = Symbol('translated')
function translated(error) {
  if (error !== null && typeof error === 'object') error[TRANSLATED] = true
  return error
}

/** The addon, counting the calls of its functions (to see which calls the fast path kept). */
function counting() {
  const counts = {}
  const wrapped = { ...native }
  for (const [name, value] of Object.entries(native)) {
    if (typeof value !== 'function' || name.startsWith('Native')) continue
    counts[name] = 0
    wrapped[name] = (...args) => {
      counts[name]++
      return value(...args)
    }
  }
  return { wrapped, counts }
}

const { wrapped, counts } = counting()
// The V8 fast calls orgkit.js loads for this Node.js (bindings-node/fastcall), if any.
const { loadFastCalls } = require('../fastcalls.js')
const fastCalls = loadFastCalls(native)
// The fast path twice: the generated JavaScript alone, and in front of it the fast calls (where
// this Node.js has them; bindings-node/tests/fast-calls.test.cjs says whether it must).
const MODES = [['generated JS', generated.install({ native: wrapped, translated })]]
if (fastCalls !== undefined) MODES.push(['fast calls', generated.install({ native: wrapped, translated, fastCalls })])
const fast = MODES[0][1]

const EDITIONS = ['original', 'current']
const OPTIONS = [undefined, null, { edition: 'original' }, { edition: 'current' }, {}]
const KINDS = native.valueKinds()
const predicateName = (kind) => `is${kind}`

/** The outcome of a call: its value, or its error's class, code and message. */
function outcome(call) {
  try {
    return { value: call() }
  } catch (error) {
    return { threw: error?.constructor?.name, code: error?.code, message: error?.message, translated: error?.[TRANSLATED] }
  }
}

/** A short label for any value (a revoked Proxy cannot be turned into a string). */
function label(value) {
  try {
    return typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : String(value).slice(0, 40)
  } catch {
    return typeof value
  }
}

/** Asserts the fast function and the addon's agree on `args`; a fast-path error must have gone
 * through `translated`. */
function same(fast, name, args, where) {
  const ours = outcome(() => fast[name](...args))
  const theirs = outcome(() => native[name](...args))
  if ('threw' in theirs) {
    assert.equal(ours.translated, true, `${where}: ${name} error not translated`)
    delete ours.translated
    delete theirs.translated
  }
  assert.deepEqual(ours, theirs, where)
  return ours
}

/** The vectors write very long strings as {"$repeat": CHAR, "$times": N}. */
function expand(value) {
  if (Array.isArray(value)) return value.map(expand)
  if (value && typeof value === 'object') {
    if ('$repeat' in value) return value.$repeat.repeat(value.$times)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expand(v)]))
  }
  return value
}

// Every string of the ID and ARN vectors, and of the request vectors.
const idValues = [...new Set([...vectors('ids.json').cases, ...vectors('arns.json').cases].map((c) => c.value))]

test('the addon was built from the tables fast.generated.js was written from', () => {
  assert.equal(typeof native.__orgkitFastDigest, 'function')
  assert.equal(native.__orgkitFastDigest(), generated.DIGEST, 'run `cargo xtask codegen` and rebuild the addon')
  // Exactly the addon's names.
  const names = Object.keys(fast).sort()
  assert.deepEqual(names, [...KINDS.map(predicateName), 'checkIds', 'validateRequest'].sort())
  for (const name of names) {
    assert.equal(typeof native[name], 'function', name)
    assert.equal(fast[name].name, name)
  }
})

for (const [mode, fast] of MODES) {
  test(`${mode}: every predicate agrees with the core on ${idValues.length} vector values, every kind, both editions`, () => {
    const before = { ...counts }
    let compared = 0
    for (const kind of KINDS) {
      const name = predicateName(kind)
      for (const value of idValues) {
        for (const options of OPTIONS) {
          same(fast, name, [value, options], `${name}(${JSON.stringify(value.slice(0, 60))}, ${JSON.stringify(options)})`)
          compared++
        }
      }
    }
    assert.ok(compared > 50_000, `${compared}`)
    // The grammar-table kinds never called their native predicate (the others go through the raw
    // callback, not the napi-rs export either).
    for (const kind of KINDS) {
      const name = predicateName(kind)
      assert.equal(counts[name] - before[name], 0, `${name} called the addon`)
    }
  })

  test(`${mode}: predicates: values that are not strings, odd strings and odd options`, () => {
    const values = [undefined, null, 12, NaN, true, {}, [], 10n, Symbol('x'), () => 1, new String('123456789012'),
      { toString: () => '123456789012' }, { toJSON: () => '123456789012' }, '12345678901\ud800', '\ud800', '',
      '1'.repeat(5_000_000), 'ou-abcd-1234567\u0130', 'p-FullAWSAccess', 'r-ab\u00e9d']
    const revoked = Proxy.revocable({}, {})
    revoked.revoke()
    const options = [...OPTIONS, 5, 'original', [], [1], { edition: 'nope' }, { edition: 5 }, { edition: null },
      { edition: new String('current') }, { get edition() { throw new Error('getter') } }, revoked.proxy,
      new Proxy({ edition: 'original' }, {}), new Proxy([], {}), () => 1, Object.create({ edition: 'original' })]
    for (const kind of KINDS) {
      for (const value of values) {
        for (const option of options) {
          same(fast, predicateName(kind), [value, option], `${kind} ${label(value)} ${label(option)}`)
        }
      }
    }
  })

  test(`${mode}: checkIds reads each item once, in order, whatever throws`, () => {
    // Nine items, so that the four-a-call path of the fast calls reads whole blocks: getters in
    // the first and second block (one throws), a toJSON that throws, a non-string, a hole.
    const make = (log) => {
      const list = ['123456789012', 'x', '210987654321', 'ou-abcd-12345678', '123456789012', 5,
        { toJSON() { log.push('toJSON'); throw new Error('toJSON') } }, '111111111111', '222222222222']
      list.length = 10
      for (const [index, value, throws] of [[2, '210987654321', false], [5, '123456789012', true], [8, '222222222222', false]]) {
        Object.defineProperty(list, index, {
          get() {
            log.push(index)
            if (throws) throw new Error('getter')
            return value
          },
        })
      }
      return list
    }
    for (const kind of ['AccountId', 'OrganizationalUnitId', 'ChildId', 'Email']) {
      const ours = []
      const theirs = []
      const answer = fast.checkIds(kind, make(ours))
      assert.deepEqual(answer, native.checkIds(kind, make(theirs)), kind)
      assert.deepEqual(ours, theirs, `${kind}: the same reads in the same order`)
      assert.deepEqual(ours, [2, 5, 'toJSON', 8])
    }
  })

  test(`${mode}: an edition getter runs once, as the addon reads it`, () => {
    let reads = 0
    const options = { get edition() { reads++; return 'original' } }
    assert.equal(fast.isAccountId('123456789012', options), true)
    assert.equal(fast.isTagKey('x', options), false)
    assert.equal(fast.isEmail('someone@example.com', options), true)
    assert.deepEqual(fast.checkIds('AccountId', ['123456789012'], options), [true])
    assert.equal(fast.validateRequest('organizations', 'CreateAccount', { Email: 'a@b.cd', AccountName: 'x' }, options).valid, true)
    assert.equal(reads, 5)
    let bad = 0
    const wrong = { get edition() { bad++; return 'later' } }
    assert.throws(() => fast.isAccountId('123456789012', wrong), (error) => error[TRANSLATED] && error.code === 'INVALID_ARGUMENT')
    assert.throws(() => fast.validateRequest('organizations', 'CreateAccount', {}, wrong), /options\.edition/)
    assert.equal(bad, 2)
  })

  test(`${mode}: checkIds agrees with the core, item by item and in its errors`, () => {
    const before = counts.checkIds
    for (const kind of KINDS) {
      for (const options of OPTIONS) {
        same(fast, 'checkIds', [kind, idValues, options], `checkIds ${kind} ${JSON.stringify(options)}`)
      }
    }
    // The grammar-table kinds of the default edition stayed here.
    const still = counts.checkIds
    for (const kind of ['AccountId', 'OrganizationalUnitId', 'PolicyTargetId', 'TaggableResourceId', 'RoleName']) {
      same(fast, 'checkIds', [kind, idValues], kind)
    }
    assert.equal(counts.checkIds, still)
    assert.ok(counts.checkIds - before < KINDS.length * OPTIONS.length)

    const throwing = { get 0() { throw new Error('item') }, length: 1 }
    const sparse = []
    sparse[5] = '123456789012'
    const proxy = new Proxy(['123456789012', 'x'], {})
    const lying = new Proxy(['123456789012'], { get: (t, k) => (k === 'length' ? 2.7 : t[k]) })
    const revoked = Proxy.revocable([], {})
    revoked.revoke()
    const tooMany = []
    tooMany.length = native.limits().maxBatchValues + 1
    const lyingHuge = new Proxy([], { get: (t, k) => (k === 'length' ? Infinity : t[k]) })
    const batches = [
      [], ['123456789012', 12, null, undefined, { toJSON: () => '123456789012' }, new Date(0), { toJSON() { throw new Error('x') } }],
      sparse, proxy, lying, Object.assign(['123456789012'], { toJSON: () => ['x', '123456789012'] }),
      { toJSON: () => ['123456789012'] }, { toJSON: () => 'abc' }, { toJSON() { throw new Error('x') } },
      5, 'abc', null, undefined, { length: 3 }, revoked.proxy, tooMany, lyingHuge,
      Object.defineProperty(['123456789012', 'x'], 1, { get() { throw new Error('item') } }), throwing,
      ['ou-abcd-12345678\ud800', '\ud800ou-abcd-12345678', 'ou-abcd-12345678'],
      // Halves of a surrogate pair in neighbouring items (joined, they would make one character).
      ['tag\ud83d', '\ude00tag', 'caf\u00e9', '\ud83d\ude00', 'someone@example.com'],
      // More items than one chunk of the batched callback, with a long one among them.
      Array.from({ length: 20_000 }, (_, i) => (i === 9000 ? 'x'.repeat(70_000) : i % 7 ? `user${i}@example.com` : `${i}`)),
    ]
    const kinds = ['AccountId', 'OrganizationalUnitId', 'Email', 'TagValue', 'Nope', 5, null, undefined, {}, 'ResourcePolicyId']
    for (const kind of kinds) {
      for (const values of batches) {
        for (const options of [...OPTIONS, 7, { edition: 'nope' }]) {
          same(fast, 'checkIds', [kind, values, options], `checkIds ${label(kind)} ${label(values)} ${label(options)}`)
        }
      }
    }
  })
}

/** Requests derived from a valid one: each member removed, nulled, retyped, made unknown, or
 * given through a toJSON or a getter. */
function variants(params) {
  const out = []
  if (params === null || typeof params !== 'object' || Array.isArray(params)) return out
  for (const key of Object.keys(params)) {
    const value = params[key]
    const without = { ...params }
    delete without[key]
    out.push(without, { ...params, [key]: null }, { ...params, [key]: 12 }, { ...params, [key]: 'x' },
      { ...params, [key]: [value] }, { ...params, [key]: { toJSON: () => value } },
      { ...params, [key]: undefined }, { ...params, [key]: `${value}\ud800` })
    const getter = { ...params }
    Object.defineProperty(getter, key, { enumerable: true, get: () => value })
    out.push(getter)
    if (value !== null && typeof value === 'object') {
      for (const inner of variants(Array.isArray(value) ? value[0] : value)) {
        out.push({ ...params, [key]: Array.isArray(value) ? [inner] : inner })
      }
    }
  }
  out.push({ ...params, Unknown: 1 }, { ...params, Unknown: undefined }, new Date(0), [params], null, undefined,
    { toJSON: () => params })
  return out
}

const SERVICES = ['organizations', 'account', 'chime']
const requestFiles = [
  ...SERVICES.map((service) => ['original', service, vectors(`requests/${service}.json`).cases]),
  ...SERVICES.map((service) => ['current', service, vectors(`requests/current/${service}.json`).cases]),
]

for (const [edition, service, cases] of requestFiles) {
  test(`validateRequest: ${cases.length} ${service} vectors of the ${edition} edition, and their variants`, () => {
    const options = { edition }
    let kept = 0
    let valid = 0
    for (const c of cases) {
      const params = expand(c.params)
      const where = `${edition} ${service} ${c.operation}: ${c.note}`
      const before = counts.validateRequest
      const result = same(fast, 'validateRequest', [service, c.operation, params, options], where)
      const answeredHere = counts.validateRequest === before
      // The drift rule: the fast path never calls valid a request the core finds issues in.
      if (answeredHere) {
        assert.deepEqual(c.issues, [], `${where}: the fast path called it valid`)
        kept++
      }
      if (c.issues.length === 0) valid++
      assert.equal(result.value.valid, c.issues.length === 0, where)
      if (edition === 'current') same(fast, 'validateRequest', [service, c.operation, params], where)
      for (const variant of variants(params)) {
        same(fast, 'validateRequest', [service, c.operation, variant, options], `${where} (variant ${JSON.stringify(variant)?.slice(0, 80)})`)
      }
    }
    // Most valid requests are answered without the addon (the rest have patterns or
    // cross-field rules the walk leaves to it).
    assert.ok(kept >= valid / 2, `${kept} of ${valid} valid requests answered by the fast path`)
  })
}

test('validateRequest: the cross-edition vectors', () => {
  for (const c of vectors('requests/cross_edition.json').cases) {
    for (const edition of EDITIONS) {
      const result = same(fast, 'validateRequest', [c.service, c.operation, expand(c.params), { edition }], `${c.note} (${edition})`)
      if (c.expected[edition] === 'UNKNOWN_OPERATION') assert.equal(result.code, 'UNKNOWN_OPERATION')
      else assert.deepEqual(result.value.issues.map((i) => [i.path, i.code]), c.expected[edition])
    }
  }
})

test('validateRequest: names and options the addon refuses, with its errors', () => {
  const revoked = Proxy.revocable({}, {})
  revoked.revoke()
  for (const [service, operation] of [['organizations', 'Nope'], ['nope', 'CreateAccount'], [5, 'CreateAccount'],
    ['organizations', 5], ['organizations', 'close_account'], ['organizations', 'CloseAccount'], ['account', '\ud800'], [null, null]]) {
    for (const options of [...OPTIONS, 3, { edition: 'nope' }, revoked.proxy]) {
      same(fast, 'validateRequest', [service, operation, {}, options], `${label(service)} ${label(operation)} ${label(options)}`)
    }
  }
  // Operations without input.
  for (const params of [undefined, null, {}, { X: undefined }, { X: 1 }, 5, [], { toJSON: () => null }, { toJSON: () => undefined }]) {
    same(fast, 'validateRequest', ['organizations', 'DescribeOrganization', params], `DescribeOrganization ${label(params)}`)
  }
  // A request whose getter throws is the core's to report.
  const throwing = { Email: 'someone@example.com', get AccountName() { throw new Error('getter') } }
  same(fast, 'validateRequest', ['organizations', 'CreateAccount', throwing], 'throwing getter')
  const proxy = new Proxy({ Email: 'someone@example.com', AccountName: 'Prod' }, {})
  same(fast, 'validateRequest', ['organizations', 'CreateAccount', proxy], 'proxy')
})

test('an addon without the raw callbacks, or built from other tables, answers every call itself', () => {
  const plain = Object.fromEntries(Object.entries(native).filter(([name]) => !name.startsWith('__orgkit')))
  const other = { ...native, __orgkitFastDigest: () => 'another build' }
  for (const stand of [plain, other]) {
    const calls = { count: 0 }
    const counted = { ...stand }
    for (const name of [...KINDS.map(predicateName), 'checkIds', 'validateRequest']) {
      counted[name] = (...args) => {
        calls.count++
        return stand[name](...args)
      }
    }
    const installed = generated.install({ native: counted, translated })
    assert.equal(installed.isAccountId('123456789012'), true)
    assert.equal(installed.isEmail('someone@example.com'), true)
    assert.deepEqual(installed.checkIds('AccountId', ['123456789012', 'x']), [true, false])
    assert.deepEqual(installed.checkIds('Email', ['someone@example.com', 'x']), [true, false])
    assert.equal(installed.validateRequest('organizations', 'CreateAccount', { Email: 'a@b.cd', AccountName: 'x' }).valid, true)
    assert.throws(() => installed.checkIds('Nope', []), (error) => error[TRANSLATED] === true)
    assert.equal(calls.count, 6)
  }
})
