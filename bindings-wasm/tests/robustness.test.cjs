'use strict'
// Hostile input and orgkit bugs against the WebAssembly build for Node (pkg/node, the module
// tests/js loads), issue 10: a throwing getter or Proxy trap is an issue at its path and never
// unwinds through Rust; lists are read one item at a time; arguments of the wrong kind are
// coded errors; a panic is an OrgkitInternalError and the module keeps working. Issue 13 adds
// the same for the SCP exports (checkScp, evaluateScps, NativeEmulator#simulate).

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const PKG = path.join(__dirname, '..', 'pkg', 'node')
const orgkit = require(path.join(PKG, 'orgkit_wasm.js'))
// The raw glue, only to watch the shadow stack pointer the guard restores.
const glue = require(path.join(PKG, 'orgkit_wasm_glue.js'))
const catalogue = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', '..', 'tests', 'vectors', 'catalogue.json'), 'utf8'),
)
const { max_issues: MAX_ISSUES, max_batch_values: MAX_BATCH_VALUES } = catalogue.limits

const stackPointer = () => glue.__wasm.__stack_pointer.value
const ALLOW = '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}'
const validate = (operation, params) => orgkit.validateRequest('organizations', operation, params)
const codesAt = (result) => result.issues.map((issue) => [issue.path, issue.code])
const coded = (code, name) => (error) => {
  assert.ok(error instanceof Error, 'an Error')
  assert.equal(error.code, code, error.message)
  if (name) assert.equal(error.name, name)
  assert.doesNotMatch(error.message, /recursive use|unreachable|out of bounds/)
  return true
}

/** Ordinary calls of every kind still answer as they should. */
function assertStillWorks() {
  assert.equal(orgkit.isAccountId('123456789012'), true)
  assert.deepEqual(orgkit.checkIds('AccountId', ['123456789012', 'x']), [true, false])
  assert.equal(validate('CreateAccount', { Email: 'someone@example.com', AccountName: 'Prod' }).valid, true)
  assert.deepEqual(codesAt(validate('CreateAccount', { Email: 5, AccountName: 'Prod' })), [['Email', 'INVALID_TYPE']])
  const walk = new orgkit.PageWalk('organizations', 'ListRoots')
  assert.deepEqual(walk.nextRequest(), { token: null, limit: null })
  assert.deepEqual(walk.receivePage({ Roots: [1, 2] }), [0, 2])
  assert.equal(walk.nextRequest(), null)
  const emulator = new orgkit.NativeEmulator(7)
  assert.equal(emulator.callJson('organizations', 'CreateOrganization', '111111111111', '{}').ok, true)
  assert.deepEqual([...emulator.checkInvariants()], [])
  assert.equal(JSON.parse(emulator.simulate('111111111111', 's3:GetObject').body).exempt, 'MANAGEMENT_ACCOUNT')
  assert.deepEqual(orgkit.checkScp(ALLOW), [])
  assert.deepEqual(orgkit.checkScp('{}').map((issue) => issue.code), ['MISSING_ELEMENT', 'MISSING_ELEMENT'])
  assert.equal(orgkit.evaluateScps([ALLOW, [ALLOW]], 's3:GetObject').allowed, true)
}

test('call error codes and limits match the catalogue', () => {
  assert.deepEqual([...orgkit.callErrorCodes()], catalogue.call_error_codes)
  const result = validate('ListCreateAccountStatus', { States: new Array(1000) })
  assert.equal(result.issues.length, MAX_ISSUES + 1)
  assert.equal(result.issues[MAX_ISSUES].code, 'TOO_MANY_ISSUES')
})

// --- 1. throwing getters and Proxy traps ----------------------------------------------------

const thrower = (thrown) => () => {
  throw thrown
}
const revoked = () => {
  const { proxy, revoke } = Proxy.revocable([], {})
  revoke()
  return proxy
}

// [operation, params (made fresh for each call), the expected [path, code] pairs]
const THROWING = [
  ['CreateAccount', () => ({ get Email() { throw new Error('getter') }, AccountName: 'Prod' }), [['Email', 'INVALID_TYPE']]],
  ['CreateAccount', () => new Proxy({}, { ownKeys: thrower(new TypeError('ownKeys')) }), [['', 'INVALID_TYPE']]],
  // JSON.stringify reads `toJSON` first, so a Proxy whose every `get` throws fails as a whole.
  ['CreateAccount', () => new Proxy({ Email: 'a@b.cc', AccountName: 'x' }, { get: thrower(new Error('get')) }),
    [['', 'INVALID_TYPE']]],
  ['CreateAccount', () => new Proxy({ Email: 'a@b.cc', AccountName: 'x' }, {
    get: (t, key) => { if (key === 'toJSON') return undefined; throw new Error('get') },
  }), [['Email', 'INVALID_TYPE'], ['AccountName', 'INVALID_TYPE']]],
  ['CreateAccount', () => new Proxy({ Email: 'a@b.cc' }, { getOwnPropertyDescriptor: thrower('descriptor') }), [['', 'INVALID_TYPE']]],
  ['CreateAccount', revoked, [['', 'INVALID_TYPE']]],
  ['InviteAccountToOrganization', () => ({ Target: new Proxy({ Id: '123456789012', Type: 'ACCOUNT' }, { get: thrower(Symbol('s')) }) }),
    [['Target', 'INVALID_TYPE']]],
  ['ListCreateAccountStatus', () => ({ States: Object.defineProperty(['SUCCEEDED'], 1, { get: thrower(new Error('item')), enumerable: true }) }),
    [['States[1]', 'INVALID_TYPE']]],
  ['ListCreateAccountStatus', () => ({ States: new Proxy([], { get: thrower(new Error('length')) }) }), [['States', 'INVALID_TYPE']]],
  ['ListCreateAccountStatus', () => ({ States: revoked() }), [['States', 'INVALID_TYPE']]],
  // What is thrown need not be an Error, and reading its message may throw too.
  ['CreateAccount', () => ({ get Email() { throw new Proxy({}, { get: thrower(new Error('message')) }) }, AccountName: 'Prod' }),
    [['Email', 'INVALID_TYPE']]],
  ['CreateAccount', () => ({ get Email() { throw revoked() }, AccountName: 'Prod' }), [['Email', 'INVALID_TYPE']]],
]

test('a throwing getter or Proxy trap is an INVALID_TYPE issue at its path, 1,000 times each', () => {
  const before = stackPointer()
  for (const [operation, params, expected] of THROWING) {
    for (let i = 0; i < 1000; i++) {
      const result = validate(operation, params())
      assert.deepEqual(codesAt(result), expected, `${operation} ${params}`)
      assert.equal(result.valid, false)
    }
    assert.match(validate(operation, params()).issues[0].message, /threw when read/)
  }
  assert.equal(stackPointer(), before, 'the shadow stack is where it was')
  assertStillWorks()
})

test('a getter that calls orgkit, even one that panics, is an issue too', () => {
  const before = stackPointer()
  for (let i = 0; i < 300; i++) {
    const params = {
      get Email() {
        assert.equal(validate('CreateAccount', {}).valid, false)
        orgkit.__orgkitInternalPanic('inside a getter')
      },
      AccountName: 'Prod',
    }
    const result = validate('CreateAccount', params)
    assert.deepEqual(codesAt(result), [['Email', 'INVALID_TYPE']])
    assert.match(result.issues[0].message, /inside a getter/)
  }
  assert.equal(stackPointer(), before)
  assertStillWorks()
})

test('an edition option whose getter or Proxy trap throws, or that calls orgkit, is INVALID_ARGUMENT', () => {
  const before = stackPointer()
  const calls = [
    (options) => orgkit.validateRequest('organizations', 'ListRoots', {}, options),
    (options) => orgkit.operations('organizations', options),
    (options) => orgkit.checkValue('AccountId', '123456789012', options),
    (options) => orgkit.checkIds('AccountId', ['123456789012'], options),
    (options) => orgkit.valueKinds(options),
    (options) => orgkit.isEmail('someone@example.com', options),
    (options) => orgkit.isTagKey('Key', options),
    (options) => orgkit.inspectArn('arn:aws:organizations::111111111111:root/o-exampleorgid/r-abcd', options),
    (options) => new orgkit.PageWalk('organizations', 'ListRoots', undefined, undefined, undefined, options),
  ]
  const hostile = [
    () => ({ get edition() { throw new Error('edition') } }),
    () => new Proxy({}, { get: thrower(new Error('get')) }),
    () => revoked(),
    () => ({ get edition() { orgkit.__orgkitInternalPanic('inside the edition getter') } }),
  ]
  for (let i = 0; i < 100; i++) {
    for (const call of calls) {
      for (const options of hostile) assert.throws(() => call(options()), invalidArgument, String(call))
      // Only `edition` is read, as in Node: a Proxy whose ownKeys throws names no edition.
      call(new Proxy({}, { ownKeys: thrower(new Error('ownKeys')) }))
      // A getter that calls orgkit and then names an edition is read once, as that edition.
      let reads = 0
      const edition = { get edition() { reads++; assert.equal(orgkit.isAccountId('123456789012'), true); return 'original' } }
      call(edition)
      assert.equal(reads, 1)
    }
  }
  assert.equal(stackPointer(), before)
  assertStillWorks()
})

// --- 2. sparse arrays and lying Proxies -------------------------------------------------------

/** A Proxy over `target` that counts the indexes read. */
function counted(target, get = (t, key) => t[key]) {
  const reads = { count: 0 }
  const proxy = new Proxy(target, {
    get(t, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads.count++
      return get(t, key, receiver)
    },
  })
  return { proxy, reads }
}

test('sparse States of any length get the same capped answer, reading only what the cap needs', () => {
  const expected = codesAt(validate('ListCreateAccountStatus', { States: new Array(MAX_ISSUES + 1) }))
  assert.equal(expected.length, MAX_ISSUES + 1)
  assert.deepEqual(expected[MAX_ISSUES], ['', 'TOO_MANY_ISSUES'])
  for (const length of [1000, 2 ** 20]) {
    assert.deepEqual(codesAt(validate('ListCreateAccountStatus', { States: new Array(length) })), expected, `length ${length}`)
    const { proxy, reads } = counted(new Array(length))
    assert.deepEqual(codesAt(validate('ListCreateAccountStatus', { States: proxy })), expected, `length ${length}`)
    assert.ok(reads.count <= MAX_ISSUES + 1, `${reads.count} items read of ${length}`)
  }
  // Longer than the longest list orgkit reads (MAX_LIST_ITEMS, 2^20): one issue, no item read.
  for (const length of [2 ** 20 + 1, 1e7, 2 ** 32 - 1]) {
    const { proxy, reads } = counted(new Array(length))
    assert.deepEqual(codesAt(validate('ListCreateAccountStatus', { States: proxy })), [['States', 'MAX_LENGTH_EXCEEDED']])
    assert.equal(reads.count, 0)
  }
})

test('a Proxy that states a long length is read only as far as the cap, or not at all', () => {
  const gets = [
    () => undefined,
    () => 42,
    () => 'NOT_A_STATE',
    () => {
      throw new Error('no item')
    },
  ]
  for (const item of gets) {
    // (`toJSON` is read first, as JSON.stringify reads it; only the items misbehave.)
    const { proxy, reads } = counted([], (t, key) => (key === 'length' ? 2 ** 20 : key === 'toJSON' ? undefined : item()))
    const result = validate('ListCreateAccountStatus', { States: proxy })
    assert.equal(result.issues.length, MAX_ISSUES + 1, String(item))
    assert.ok(result.issues.slice(0, MAX_ISSUES).every((issue, n) => issue.path === `States[${n}]`))
    assert.equal(result.issues[MAX_ISSUES].code, 'TOO_MANY_ISSUES')
    assert.ok(reads.count <= MAX_ISSUES + 1, `${reads.count} items read`)
    const { proxy: long, reads: none } = counted([], (t, key) => (key === 'length' ? 2 ** 32 - 1 : 'SUCCEEDED'))
    assert.deepEqual(codesAt(validate('ListCreateAccountStatus', { States: long })), [['States', 'MAX_LENGTH_EXCEEDED']])
    assert.equal(none.count, 0)
  }
  // Lengths that are not whole numbers.
  for (const [length, expected] of [[-5, []], [NaN, []], [2.5, [['States[0]', 'INVALID_TYPE'], ['States[1]', 'INVALID_TYPE']]],
    ['12', [['States', 'INVALID_TYPE']]]]) {
    const proxy = new Proxy([], { get: (t, key) => (key === 'length' ? length : undefined) })
    assert.deepEqual(codesAt(validate('ListCreateAccountStatus', { States: proxy })), expected, String(length))
  }
})

// --- 3. arguments of the wrong kind -----------------------------------------------------------

const BAD = [42, undefined, {}, Symbol('not a string')]
const invalidArgument = coded('INVALID_ARGUMENT', 'OrgkitArgumentError')

/** Every export, with a call per argument position that must be a string (or a boolean). */
const emulator = () => new orgkit.NativeEmulator(1)
const outcomeCode = (outcome) => {
  assert.equal(outcome.ok, false)
  return JSON.parse(outcome.body).Code
}
const ARGUMENT_CHECKS = {
  validateRequest: [(bad) => orgkit.validateRequest(bad, 'ListRoots', {}), (bad) => orgkit.validateRequest('organizations', bad, {})],
  operations: [(bad) => orgkit.operations(bad)],
  checkIds: [(bad) => orgkit.checkIds(bad, [])],
  checkValue: [(bad) => orgkit.checkValue(bad, 'x')],
  fieldConstraints: [
    (bad) => orgkit.fieldConstraints(bad, 'CreateAccount'),
    (bad) => orgkit.fieldConstraints('organizations', bad),
  ],
  valueConstraints: [(bad) => orgkit.valueConstraints(bad)],
  decideHandshake: [
    (bad) => orgkit.decideHandshake(bad, 'OPEN', 'ACCEPT', 'recipient'),
    (bad) => orgkit.decideHandshake('INVITE', bad, 'ACCEPT', 'recipient'),
    (bad) => orgkit.decideHandshake('INVITE', 'OPEN', bad, 'recipient'),
    (bad) => orgkit.decideHandshake('INVITE', 'OPEN', 'ACCEPT', bad),
  ],
  PageWalk: [(bad) => new orgkit.PageWalk(bad, 'ListRoots'), (bad) => new orgkit.PageWalk('organizations', bad)],
  evaluateScps: [(bad) => orgkit.evaluateScps([ALLOW], bad)],
}
// NativeEmulator methods that throw for an argument of the wrong kind (as evaluateScps does).
const METHOD_ARGUMENT_CHECKS = {
  simulate: [(bad) => emulator().simulate(bad, 's3:GetObject'), (bad) => emulator().simulate('111111111111', bad)],
}
const OUTCOME_CHECKS = {
  callJson: [
    (bad) => emulator().callJson(bad, 'ListRoots', '111111111111', '{}'),
    (bad) => emulator().callJson('organizations', bad, '111111111111', '{}'),
    (bad) => emulator().callJson('organizations', 'ListRoots', bad, '{}'),
    (bad) => emulator().callJson('organizations', 'ListRoots', '111111111111', bad),
  ],
  registerAccount: [
    (bad) => emulator().registerAccount(bad, 'a@example.com', 'A'),
    (bad) => emulator().registerAccount('222222222222', bad, 'A'),
    (bad) => emulator().registerAccount('222222222222', 'a@example.com', bad),
  ],
  addChimeUser: [(bad) => emulator().addChimeUser(bad, 'a@example.com'), (bad) => emulator().addChimeUser('x', bad)],
  // A number is expected here: its string is the wrong kind.
  advance: [(bad) => emulator().advance(typeof bad === 'number' ? String(bad) : bad)],
  importJson: [(bad) => emulator().importJson(bad)],
  effectiveScps: [(bad) => emulator().effectiveScps(bad)],
}
// Exports whose every argument may be anything (predicates answer false, checks answer data).
const ANY_ARGUMENT = new Set([
  'isAccountId', 'isOrganizationId', 'isRootId', 'isOrganizationalUnitId', 'isPolicyId', 'isHandshakeId',
  'isCreateAccountRequestId', 'isChildId', 'isParentId', 'isPolicyTargetId', 'isEmail', 'isRoleName',
  'isAccountName', 'isOrganizationalUnitName', 'isPolicyName', 'isArn', 'inspectArn',
  'isResourcePolicyId', 'isResponsibilityTransferId', 'isTaggableResourceId', 'isTagKey', 'isTagValue', 'isServicePrincipal',
])
const NO_ARGUMENT = new Set(['errorCodes', 'callErrorCodes', 'valueKinds', 'handshakeTransitions', 'paginationErrorCodes',
  'scpIssueCodes', 'install_panic_hook', '__orgkitTakePanic', 'editions', 'defaultEdition', 'emulatedEdition'])
// Exports whose arguments section 6 covers (a document may be text or an object, options may be absent).
const SCP_ARGUMENTS = new Set(['checkScp'])

test('every export is covered by the argument checks', () => {
  const covered = new Set([...Object.keys(ARGUMENT_CHECKS), ...ANY_ARGUMENT, ...NO_ARGUMENT, ...SCP_ARGUMENTS,
    'NativeEmulator', '__orgkitInternalPanic'])
  assert.deepEqual(Object.keys(orgkit).filter((name) => !covered.has(name)), [])
  const methods = Object.getOwnPropertyNames(orgkit.NativeEmulator.prototype)
  const coveredMethods = new Set([...Object.keys(OUTCOME_CHECKS), ...Object.keys(METHOD_ARGUMENT_CHECKS), 'constructor',
    '__destroy_into_raw', 'free', 'now', 'exportJson', 'checkInvariants', '__orgkitInternalPanic'])
  assert.deepEqual(methods.filter((name) => !coveredMethods.has(name)), [])
})

test('a number, undefined, an object or a Symbol where a string is expected is INVALID_ARGUMENT', () => {
  const before = stackPointer()
  for (const bad of BAD) {
    for (const [name, calls] of Object.entries({ ...ARGUMENT_CHECKS, ...METHOD_ARGUMENT_CHECKS })) {
      calls.forEach((call, n) => assert.throws(() => call(bad), invalidArgument, `${name} #${n} ${String(bad)}`))
    }
    for (const [name, calls] of Object.entries(OUTCOME_CHECKS)) {
      calls.forEach((call, n) => assert.equal(outcomeCode(call(bad)), 'INVALID_ARGUMENT', `${name} #${n} ${String(bad)}`))
    }
    for (const name of ANY_ARGUMENT) {
      const answer = orgkit[name](bad)
      assert.equal(typeof answer === 'boolean' ? answer : answer.valid, false, name)
    }
    if (bad !== undefined) {
      assert.throws(() => new orgkit.NativeEmulator(typeof bad === 'number' ? String(bad) : bad), invalidArgument, String(bad))
      // Flags must be booleans (undefined means the default).
      assert.throws(() => orgkit.decideHandshake('INVITE', 'OPEN', 'ACCEPT', 'recipient', bad), invalidArgument)
      assert.throws(() => orgkit.decideHandshake('INVITE', 'OPEN', 'ACCEPT', 'recipient', false, bad), invalidArgument)
    }
  }
  for (const seed of [-1, 1.5, NaN, Infinity, 2 ** 53]) assert.throws(() => new orgkit.NativeEmulator(seed), invalidArgument)
  assert.throws(() => orgkit.decideHandshake('INVITE', 'OPEN', 'approve', 'recipient'), invalidArgument)
  assert.throws(() => orgkit.checkValue('Nope', 'x'), invalidArgument)
  assert.throws(() => orgkit.valueConstraints('TagKey', { edition: 'original' }), invalidArgument)
  assert.throws(() => orgkit.fieldConstraints('organizations', 'CreateAccount', { edition: 'newest' }), invalidArgument)
  assert.throws(() => orgkit.fieldConstraints('chime', 'Nope'), coded('UNKNOWN_OPERATION', 'OrgkitUnknownOperationError'))
  assert.throws(() => orgkit.validateRequest('organisations', 'ListRoots', {}), coded('UNKNOWN_SERVICE', 'OrgkitUnknownOperationError'))
  assert.throws(() => orgkit.operations('nope'), coded('UNKNOWN_SERVICE', 'OrgkitUnknownOperationError'))
  assert.throws(() => orgkit.validateRequest('chime', 'Nope', {}), coded('UNKNOWN_OPERATION', 'OrgkitUnknownOperationError'))
  assert.equal(stackPointer(), before)
  assertStillWorks()
})

// --- 4. checkIds ------------------------------------------------------------------------------

test('checkIds refuses more than MAX_BATCH_VALUES before reading any and reads items one at a time', () => {
  assert.equal(MAX_BATCH_VALUES, 2 ** 24)
  const tooMany = coded('TOO_MANY_VALUES', 'OrgkitArgumentError')
  for (const length of [MAX_BATCH_VALUES + 1, 2 ** 32 - 1]) {
    assert.throws(() => orgkit.checkIds('AccountId', new Array(length)), tooMany)
    const { proxy, reads } = counted(new Array(length))
    assert.throws(() => orgkit.checkIds('AccountId', proxy), tooMany)
    assert.equal(reads.count, 0)
  }
  const lying = counted([], (t, key) => (key === 'length' ? 2 ** 32 - 1 : '123456789012'))
  assert.throws(() => orgkit.checkIds('AccountId', lying.proxy), tooMany)
  assert.equal(lying.reads.count, 0)
  // Not arrays, or arrays whose reading throws.
  for (const values of [5, 'abc', null, { length: 3 }, revoked(), new Proxy([], { get: thrower(new Error('length')) })]) {
    assert.throws(() => orgkit.checkIds('AccountId', values), invalidArgument)
  }
  // A throwing or missing item is not a valid value.
  const items = Object.defineProperty(['123456789012', , 'x'], 3, { get: thrower(new Error('item')), enumerable: true })
  items.push('210987654321')
  assert.deepEqual(orgkit.checkIds('AccountId', items), [true, false, false, false, true])
  assert.deepEqual(orgkit.checkIds('AccountId', new Proxy(['123456789012'], {})), [true])
  assertStillWorks()
})

// --- 5. panics --------------------------------------------------------------------------------

test('a panic is an OrgkitInternalError, 1,000 times in a row, and the module keeps working', () => {
  const kept = new orgkit.NativeEmulator(5)
  assert.equal(kept.callJson('organizations', 'CreateOrganization', '111111111111', '{}').ok, true)
  const snapshot = kept.exportJson()
  const walk = new orgkit.PageWalk('organizations', 'ListRoots')
  const before = stackPointer()
  for (let i = 0; i < 1000; i++) {
    assert.throws(() => orgkit.__orgkitInternalPanic(`boom ${i}`), (error) => {
      coded('INTERNAL_ERROR', 'OrgkitInternalError')(error)
      assert.ok(error.message.startsWith(`orgkit failed internally (a bug; please report it): boom ${i} `), error.message)
      assert.ok(error.cause instanceof WebAssembly.RuntimeError)
      return true
    })
    assert.equal(stackPointer(), before)
  }
  assertStillWorks()
  // Objects made before the panics are untouched.
  assert.equal(kept.exportJson(), snapshot)
  assert.deepEqual(walk.nextRequest(), { token: null, limit: null })
})

test('an emulator whose call panicked answers INTERNAL_ERROR from then on; others keep working', () => {
  const other = new orgkit.NativeEmulator(2)
  const broken = new orgkit.NativeEmulator(3)
  assert.equal(broken.callJson('organizations', 'CreateOrganization', '111111111111', '{}').ok, true)
  assert.throws(() => broken.__orgkitInternalPanic('emulator bug'), coded('INTERNAL_ERROR', 'OrgkitInternalError'))
  for (let i = 0; i < 100; i++) {
    const outcome = broken.callJson('organizations', 'ListRoots', '111111111111', '{}')
    assert.equal(outcomeCode(outcome), 'INTERNAL_ERROR')
    assert.equal(JSON.parse(outcome.body).Kind, 'internal')
    assert.equal(outcomeCode(broken.advance(1)), 'INTERNAL_ERROR')
    assert.equal(outcomeCode(broken.importJson(other.exportJson())), 'INTERNAL_ERROR')
    assert.equal(outcomeCode(broken.registerAccount('222222222222', 'a@example.com', 'A')), 'INTERNAL_ERROR')
    assert.equal(outcomeCode(broken.simulate('111111111111', 's3:GetObject')), 'INTERNAL_ERROR')
    assert.equal(outcomeCode(broken.effectiveScps('111111111111')), 'INTERNAL_ERROR')
    for (const method of ['exportJson', 'now', 'checkInvariants']) {
      assert.throws(() => broken[method](), coded('INTERNAL_ERROR', 'OrgkitInternalError'), method)
    }
  }
  broken.free() // does not throw, though the interrupted call never gave the object back
  assert.equal(other.callJson('organizations', 'CreateOrganization', '111111111111', '{}').ok, true)
  assertStillWorks()
})

// --- PageWalk ---------------------------------------------------------------------------------

test('a page whose Proxy throws is a MALFORMED_PAGE; the walk ends and answers with coded errors', () => {
  const pages = [
    () => new Proxy({}, { ownKeys: thrower(new Error('ownKeys')) }),
    () => new Proxy({ Roots: [], NextToken: 't' }, { get: thrower(new Error('get')) }),
    () => ({ get Roots() { throw new Error('Roots getter') } }),
    revoked,
  ]
  const before = stackPointer()
  for (const page of pages) {
    for (let i = 0; i < 1000; i++) {
      const walk = new orgkit.PageWalk('organizations', 'ListRoots')
      walk.nextRequest()
      assert.throws(() => walk.receivePage(page()), (error) => {
        coded('MALFORMED_PAGE', 'OrgkitPaginationError')(error)
        assert.match(error.message, /threw when read/)
        return true
      })
      assert.equal(walk.nextRequest(), null, 'a rejected page ends the walk')
      assert.throws(() => walk.receivePage({ Roots: [] }), coded('NO_REQUEST_PENDING'))
      assert.equal(walk.members.resultKey, 'Roots')
      walk.free()
    }
  }
  assert.equal(stackPointer(), before)
  assertStillWorks()
})

test('a page getter may call its own walk: answers as from outside, never "recursive use"', () => {
  const walk = new orgkit.PageWalk('organizations', 'ListRoots')
  walk.nextRequest()
  const seen = []
  const page = {
    get Roots() {
      seen.push(walk.resumeToken ?? null)
      seen.push(walk.receivePage({ Roots: [] }))
      seen.push(walk.nextRequest())
      return [1]
    },
  }
  // The inner receivePage took the pending request (an empty last page ends the walk), so the
  // outer page arrives when no request is pending.
  assert.throws(() => walk.receivePage(page), coded('NO_REQUEST_PENDING'))
  assert.deepEqual(seen, [null, [0, 0], null])
  const freed = new orgkit.PageWalk('organizations', 'ListRoots')
  freed.nextRequest()
  assert.deepEqual(freed.receivePage({ get Roots() { freed.free(); return [1, 2, 3] } }), [0, 3])
  assertStillWorks()
})

test('a walk whose call panicked answers INTERNAL_ERROR from then on', () => {
  const walk = new orgkit.PageWalk('organizations', 'ListAccounts', 5)
  assert.throws(() => walk.__orgkitInternalPanic('walk bug'), coded('INTERNAL_ERROR', 'OrgkitInternalError'))
  for (let i = 0; i < 100; i++) {
    assert.throws(() => walk.nextRequest(), coded('INTERNAL_ERROR', 'OrgkitInternalError'))
    assert.throws(() => walk.receivePage({ Accounts: [] }), coded('INTERNAL_ERROR', 'OrgkitInternalError'))
    assert.throws(() => walk.resumeToken, coded('INTERNAL_ERROR', 'OrgkitInternalError'))
    assert.equal(walk.members.resultKey, 'Accounts')
  }
  walk.free()
  assertStillWorks()
})

// --- 6. service control policies ---------------------------------------------------------------

const scpCodesAt = (issues) => issues.map((issue) => [issue.path, issue.code])
const tooManyValues = coded('TOO_MANY_VALUES', 'OrgkitArgumentError')

test('a throwing getter or Proxy trap inside an SCP document is an INVALID_TYPE issue at its path', () => {
  const nested = (statement) => ({ Version: '2012-10-17', Statement: statement })
  // [document (made fresh for each call), the expected [path, code] pairs]
  const documents = [
    [() => ({ Version: '2012-10-17', get Statement() { throw new Error('getter') } }), [['Statement', 'INVALID_TYPE']]],
    [() => nested(new Proxy({}, { ownKeys: thrower(new TypeError('ownKeys')) })), [['Statement', 'INVALID_TYPE']]],
    [() => nested(new Proxy({ Effect: 'Allow' }, { get: thrower(new Error('get')) })), [['Statement', 'INVALID_TYPE']]],
    [() => nested([{ Effect: 'Allow', Action: '*', get Resource() { throw Symbol('s') } }]), [['Statement[0].Resource', 'INVALID_TYPE']]],
    [() => nested(Object.defineProperty([{}], 1, { get: thrower(new Error('item')), enumerable: true })),
      [['Statement[1]', 'INVALID_TYPE']]],
    [() => nested(revoked()), [['Statement', 'INVALID_TYPE']]],
    [() => nested([{ Effect: 'Allow', get Action() { throw revoked() }, Resource: '*' }]), [['Statement[0].Action', 'INVALID_TYPE']]],
  ]
  const before = stackPointer()
  for (const [document, expected] of documents) {
    for (let i = 0; i < 1000; i++) {
      assert.deepEqual(scpCodesAt(orgkit.checkScp(document())), expected, String(document))
    }
    assert.match(orgkit.checkScp(document())[0].message, /threw when read/)
  }
  // The document itself: nothing can be checked, so the argument is refused.
  for (const document of [
    () => new Proxy({}, { ownKeys: thrower(new Error('ownKeys')) }),
    () => new Proxy({ Version: '2012-10-17' }, { get: thrower(new Error('get')) }),
    revoked,
  ]) {
    assert.throws(() => orgkit.checkScp(document()), invalidArgument)
  }
  // Inside levels, the same issue is an OrgkitValidationError naming its path from levels[i].
  const levels = [ALLOW, { target: 'ou-abcd-11111111', policies: [ALLOW, documents[0][0]()] }]
  assert.throws(() => orgkit.evaluateScps(levels, 's3:GetObject'), (error) => {
    coded('INVALID_TYPE', 'OrgkitValidationError')(error)
    assert.deepEqual(scpCodesAt(error.issues), [['levels[1].policies[1].Statement', 'INVALID_TYPE']])
    return true
  })
  assert.equal(stackPointer(), before)
  assertStillWorks()
})

test('a throwing getter or Proxy trap in the levels, the options or the context is INVALID_ARGUMENT', () => {
  const calls = [
    () => orgkit.evaluateScps(new Proxy([ALLOW], { get: thrower(new Error('get')) }), 's3:GetObject'),
    () => orgkit.evaluateScps(revoked(), 's3:GetObject'),
    () => orgkit.evaluateScps(Object.defineProperty([ALLOW, ALLOW], 1, { get: thrower(new Error('level')) }), 's3:GetObject'),
    () => orgkit.evaluateScps([ALLOW, { target: 'ou-abcd-11111111', get policies() { throw new Error('policies') } }], 's3:GetObject'),
    () => orgkit.evaluateScps([ALLOW, { get target() { throw new Error('target') }, policies: [ALLOW] }], 's3:GetObject'),
    () => orgkit.evaluateScps([[ALLOW, { get document() { throw new Error('document') } }]], 's3:GetObject'),
    () => orgkit.evaluateScps([ALLOW], 's3:GetObject', { get resource() { throw new Error('resource') } }),
    () => orgkit.evaluateScps([ALLOW], 's3:GetObject', { get edition() { throw new Error('edition') } }),
    () => orgkit.evaluateScps([ALLOW], 's3:GetObject', { get context() { throw new Error('context') } }),
    () => orgkit.evaluateScps([ALLOW], 's3:GetObject', { context: { get 'aws:PrincipalTag/team'() { throw new Error('key') } } }),
    () => orgkit.evaluateScps([ALLOW], 's3:GetObject', { context: new Proxy({}, { ownKeys: thrower(new Error('ownKeys')) }) }),
    () => orgkit.evaluateScps([ALLOW], 's3:GetObject', revoked()),
    () => orgkit.checkScp(ALLOW, new Proxy({}, { get: thrower(new Error('options')) })),
    () => emulator().simulate('111111111111', 's3:GetObject', { get principal() { throw new Error('principal') } }),
  ]
  const before = stackPointer()
  for (const call of calls) {
    for (let i = 0; i < 300; i++) assert.throws(call, invalidArgument, String(call))
    assert.throws(call, /threw when read/, String(call))
  }
  assert.equal(stackPointer(), before)
  assertStillWorks()
})

test('a getter may call orgkit, the same emulator, or panic: its SCP call still answers', () => {
  const document = {
    Version: '2012-10-17',
    get Statement() {
      assert.deepEqual(orgkit.checkScp(ALLOW), [])
      orgkit.__orgkitInternalPanic('inside an SCP getter')
    },
  }
  const before = stackPointer()
  for (let i = 0; i < 300; i++) {
    const issues = orgkit.checkScp(document)
    assert.deepEqual(scpCodesAt(issues), [['Statement', 'INVALID_TYPE']])
    assert.match(issues[0].message, /inside an SCP getter/)
  }
  assert.equal(stackPointer(), before)
  // A context getter calls the emulator being asked (its state is not borrowed while JS runs).
  const emulated = new orgkit.NativeEmulator(4)
  assert.equal(emulated.callJson('organizations', 'CreateOrganization', '111111111111', '{}').ok, true)
  const context = {
    get 'aws:RequestedRegion'() {
      assert.equal(emulated.effectiveScps('111111111111').ok, true)
      return 'eu-west-1'
    },
  }
  const outcome = emulated.simulate('111111111111', 's3:GetObject', { context })
  assert.equal(outcome.ok, true, outcome.body)
  assert.equal(JSON.parse(outcome.body).exempt, 'MANAGEMENT_ACCOUNT')
  assertStillWorks()
})

test('levels, policies and context lists longer than MAX_BATCH_VALUES are TOO_MANY_VALUES before any item is read', () => {
  for (const length of [MAX_BATCH_VALUES + 1, 2 ** 32 - 1]) {
    assert.throws(() => orgkit.evaluateScps(new Array(length), 's3:GetObject'), tooManyValues)
    const { proxy, reads } = counted(new Array(length))
    assert.throws(() => orgkit.evaluateScps(proxy, 's3:GetObject'), tooManyValues)
    assert.equal(reads.count, 0)
    const lying = counted([], (t, key) => (key === 'length' ? length : key === 'toJSON' ? undefined : ALLOW))
    assert.throws(() => orgkit.evaluateScps(lying.proxy, 's3:GetObject'), tooManyValues)
    assert.equal(lying.reads.count, 0)
    assert.throws(() => orgkit.evaluateScps([ALLOW, new Array(length)], 's3:GetObject'), tooManyValues)
    assert.throws(() => orgkit.evaluateScps([{ policies: new Array(length) }], 's3:GetObject'), tooManyValues)
    assert.throws(() => orgkit.evaluateScps([ALLOW], 's3:GetObject', { context: { 'aws:SourceIp': new Array(length) } }), tooManyValues)
  }
  // As many as allowed but sparse: the first hole is refused, after one read.
  const { proxy, reads } = counted(new Array(MAX_BATCH_VALUES))
  assert.throws(() => orgkit.evaluateScps(proxy, 's3:GetObject'), invalidArgument)
  assert.equal(reads.count, 1)
  // A document nested past MAX_DEPTH, or a cyclic one, stops at the depth limit.
  const cyclic = { Version: '2012-10-17', Statement: [] }
  cyclic.Statement.push(cyclic)
  assert.deepEqual(orgkit.checkScp(cyclic).map((issue) => issue.code), ['TOO_DEEP'])
  assertStillWorks()
})

test('an action, edition, principal, resource or options of the wrong kind is INVALID_ARGUMENT', () => {
  const before = stackPointer()
  for (const bad of [42, {}, [], null, true, Symbol('s'), 10n, () => 's3:GetObject']) {
    assert.throws(() => orgkit.evaluateScps([ALLOW], bad), invalidArgument, String(bad))
    assert.throws(() => emulator().simulate('111111111111', bad), invalidArgument, String(bad))
    // An option that is null is the default; one that is a function or a Symbol is left out,
    // as JSON.stringify leaves it out (options are read like every other object).
    if (bad === null || typeof bad === 'function' || typeof bad === 'symbol') continue
    for (const option of ['edition', 'principal', 'resource']) {
      assert.throws(() => orgkit.evaluateScps([ALLOW], 's3:GetObject', { [option]: bad }), invalidArgument, `${option} ${String(bad)}`)
    }
    assert.throws(() => orgkit.checkScp(ALLOW, { edition: bad }), invalidArgument, String(bad))
    // Context values may be strings, numbers and booleans (compared as text), or lists of them.
    if (typeof bad !== 'number' && typeof bad !== 'boolean') {
      assert.throws(() => orgkit.evaluateScps([ALLOW], 's3:GetObject', { context: { 'aws:SourceIp': [bad] } }), invalidArgument)
    }
  }
  for (const options of [42, 'current', true, Symbol('s'), 10n]) {
    assert.throws(() => orgkit.checkScp(ALLOW, options), invalidArgument, String(options))
    assert.throws(() => orgkit.evaluateScps([ALLOW], 's3:GetObject', options), invalidArgument, String(options))
    assert.throws(() => emulator().simulate('111111111111', 's3:GetObject', options), invalidArgument, String(options))
  }
  for (const document of [42, undefined, null, true, Symbol('s'), 10n, () => ALLOW]) {
    assert.throws(() => orgkit.checkScp(document), invalidArgument, String(document))
    assert.throws(() => orgkit.evaluateScps([document], 's3:GetObject'), invalidArgument, String(document))
  }
  for (const edition of ['Current', 'future', '']) {
    assert.throws(() => orgkit.checkScp(ALLOW, { edition }), invalidArgument, edition)
  }
  for (const action of ['s3', ':GetObject', 's3:', '']) {
    assert.throws(() => orgkit.evaluateScps([ALLOW], action), invalidArgument, action)
  }
  assert.throws(() => orgkit.evaluateScps([ALLOW], 's3:GetObject', { resource: '' }), invalidArgument)
  assert.equal(stackPointer(), before)
  assertStillWorks()
})

// --- the page bundles -------------------------------------------------------------------------

for (const bundle of ['web', 'web-emulator']) {
  test(`the ${bundle} bundle is guarded too`, async () => {
    const dir = path.join(__dirname, '..', 'pkg', bundle)
    const web = await import(path.join(dir, 'orgkit_wasm.js'))
    const exports = web.initSync({ module: fs.readFileSync(path.join(dir, 'orgkit_wasm_bg.wasm')) })
    const before = exports.__stack_pointer.value
    for (let i = 0; i < 1000; i++) {
      assert.throws(() => web.__orgkitInternalPanic(`page ${i}`), (error) =>
        coded('INTERNAL_ERROR', 'OrgkitInternalError')(error) && error.message.includes(`page ${i} `))
    }
    assert.equal(exports.__stack_pointer.value, before)
    const params = { get Email() { throw new Error('getter') }, AccountName: 'Prod' }
    for (let i = 0; i < 1000; i++) {
      assert.deepEqual(codesAt(web.validateRequest('organizations', 'CreateAccount', params)), [['Email', 'INVALID_TYPE']])
    }
    assert.throws(() => web.operations(42), invalidArgument)
    assert.equal(web.isAccountId('123456789012'), true)
    // Both editions are in every bundle.
    assert.deepEqual([...web.editions()], ['original', 'current'])
    assert.equal(web.defaultEdition(), 'current')
    assert.equal(web.validateRequest('organizations', 'CloseAccount', { AccountId: '123456789012' }).valid, true)
    assert.throws(() => web.validateRequest('organizations', 'CloseAccount', {}, { edition: 'original' }),
      coded('UNKNOWN_OPERATION', 'OrgkitUnknownOperationError'))
    assert.equal(web.isEmail('josé@example.com'), true)
    assert.equal(web.isEmail('josé@example.com', { edition: 'original' }), false)
    assert.throws(() => web.isEmail('a@b.co', { edition: 'x' }), invalidArgument)
    assert.equal(web.checkValue('AccountId', '123456789012').valid, true)
    if (bundle === 'web-emulator') {
      const emulator = new web.NativeEmulator(1)
      assert.equal(emulator.callJson('organizations', 'CreateOrganization', '111111111111', '{}').ok, true)
      const document = { Version: '2012-10-17', get Statement() { throw new Error('getter') } }
      for (let i = 0; i < 1000; i++) {
        assert.deepEqual(web.checkScp(document).map((issue) => [issue.path, issue.code]), [['Statement', 'INVALID_TYPE']])
      }
      assert.throws(() => web.evaluateScps([ALLOW], 's3'), invalidArgument)
      const decision = web.evaluateScps([ALLOW], 's3:GetObject')
      assert.match(decision.explain(), /^Allowed/)
      assert.equal(decision.explain(), decision.explanation)
    } else {
      // The SCP checker does not fit the form bundle's size limit: it ships with the emulator.
      assert.equal(web.checkScp, undefined)
    }
  })
}
