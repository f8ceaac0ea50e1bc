'use strict'
// The two editions of the service models, through the data API both JS builds expose (the
// napi-rs addon, ORGKIT_IMPL=node, and the WebAssembly build for Node, ORGKIT_IMPL=wasm): every
// validation entry point takes `{ edition }` ('original' | 'current', default 'current'), checks
// it strictly, and `edition: 'original'` answers as orgkit did before the current edition came.
// The emulator serves the original edition and says so when it refuses a newer request.

const test = require('node:test')
const assert = require('node:assert/strict')

const { orgkit, NativeEmulator, impl } = require('./impl.cjs')

const ORIGINAL = { edition: 'original' }
const CURRENT = { edition: 'current' }
const pairs = (result) => result.issues.map((i) => [i.path, i.code])
const POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] })
const TAGGED_ACCOUNT = { Email: 'someone@example.com', AccountName: 'Prod', Tags: [{ Key: 'CostCenter', Value: '12345' }] }
const TAG_POLICY = { Content: POLICY, Description: '', Name: 'Tags', Type: 'TAG_POLICY' }

/** What an unknown operation of the original edition throws. */
const unknownInOriginal = (error) => {
  assert.equal(error.code, 'UNKNOWN_OPERATION', error.message)
  assert.equal(error.name, 'OrgkitUnknownOperationError')
  assert.match(error.message, /in the original edition \(Organizations 2017-02-27/)
  assert.match(error.message, /the other edition has it/)
  return true
}

test(`[${impl}] the editions, and the default one`, () => {
  assert.deepEqual([...orgkit.editions()], ['original', 'current'])
  assert.equal(orgkit.defaultEdition(), 'current')
  const count = (service, options) => orgkit.operations(service, options).length
  assert.deepEqual(['organizations', 'account', 'chime'].map((s) => count(s)), [63, 16, 4])
  assert.deepEqual(['organizations', 'account', 'chime'].map((s) => count(s, CURRENT)), [63, 16, 4])
  assert.deepEqual(['organizations', 'account', 'chime'].map((s) => count(s, ORIGINAL)), [39, 3, 4])
  assert.deepEqual(orgkit.operations('organizations', ORIGINAL).slice(0, 2), [
    ['AcceptHandshake', 'accept_handshake'],
    ['AttachPolicy', 'attach_policy'],
  ])
})

test(`[${impl}] requests follow the current edition unless told otherwise`, () => {
  // Tags on CreateAccount and the TAG_POLICY type are current-edition features.
  assert.deepEqual(pairs(orgkit.validateRequest('organizations', 'CreateAccount', TAGGED_ACCOUNT)), [])
  assert.deepEqual(pairs(orgkit.validateRequest('organizations', 'CreateAccount', TAGGED_ACCOUNT, CURRENT)), [])
  assert.deepEqual(pairs(orgkit.validateRequest('organizations', 'CreateAccount', TAGGED_ACCOUNT, ORIGINAL)), [
    ['Tags', 'UNKNOWN_PARAMETER'],
  ])
  assert.equal(orgkit.validateRequest('organizations', 'CreatePolicy', TAG_POLICY).valid, true)
  assert.deepEqual(pairs(orgkit.validateRequest('organizations', 'create_policy', TAG_POLICY, ORIGINAL)), [
    ['Type', 'INVALID_ENUM'],
  ])
  // CloseAccount exists in the current edition only.
  assert.equal(orgkit.validateRequest('organizations', 'CloseAccount', { AccountId: '123456789012' }).valid, true)
  assert.throws(() => orgkit.validateRequest('organizations', 'CloseAccount', { AccountId: '123456789012' }, ORIGINAL),
    unknownInOriginal)
  assert.throws(() => orgkit.validateRequest('organizations', 'close_account', {}, ORIGINAL), unknownInOriginal)
  assert.throws(() => orgkit.validateRequest('account', 'GetContactInformation', {}, ORIGINAL), unknownInOriginal)
  // A name no edition has says so without pointing at the other edition.
  assert.throws(() => orgkit.validateRequest('organizations', 'Nope', {}), (error) => {
    assert.equal(error.code, 'UNKNOWN_OPERATION')
    assert.match(error.message, /unknown operation "Nope" of organizations in the current edition/)
    assert.doesNotMatch(error.message, /the other edition has it/)
    return true
  })
})

test(`[${impl}] value kinds and predicates per edition`, () => {
  const current = [...orgkit.valueKinds()]
  const original = [...orgkit.valueKinds(ORIGINAL)]
  assert.equal(current.length, 22)
  assert.deepEqual(original, current.slice(0, 16))
  const newer = ['ResourcePolicyId', 'ResponsibilityTransferId', 'TaggableResourceId', 'TagKey', 'TagValue', 'ServicePrincipal']
  assert.deepEqual(current.slice(16), newer)
  const valid = {
    ResourcePolicyId: 'rp-abcd1234',
    ResponsibilityTransferId: 'rt-abcdefgh12',
    TaggableResourceId: 'ou-abcd-12345678',
    TagKey: 'Cost Center:é',
    TagValue: '',
    ServicePrincipal: 'config.amazonaws.com',
  }
  for (const kind of newer) {
    const predicate = orgkit[`is${kind}`]
    assert.equal(typeof predicate, 'function', kind)
    assert.equal(predicate(valid[kind]), true, kind)
    assert.equal(predicate(valid[kind], CURRENT), true, kind)
    // The original edition has no such kind: never valid, and not a kind checkValue takes.
    assert.equal(predicate(valid[kind], ORIGINAL), false, kind)
    assert.equal(predicate(12, CURRENT), false, kind)
    assert.deepEqual(orgkit.checkIds(kind, [valid[kind], 5]), [true, false], kind)
    assert.equal(orgkit.checkValue(kind, valid[kind]).valid, true, kind)
    for (const call of [() => orgkit.checkValue(kind, valid[kind], ORIGINAL), () => orgkit.checkIds(kind, [], ORIGINAL)]) {
      assert.throws(call, (error) => {
        assert.equal(error.code, 'INVALID_ARGUMENT')
        assert.equal(error.name, 'OrgkitArgumentError')
        assert.match(error.message, new RegExp(`unknown kind "${kind}"; expected one of: AccountId, .*, Arn \\(${kind} is a kind of the current edition only`))
        return true
      }, kind)
    }
  }
  assert.equal(orgkit.checkValue('TaggableResourceId', 'p-abcdefgh12').kind, 'PolicyId')
  assert.equal(orgkit.checkValue('TaggableResourceId', 'rp-abcd1234').kind, 'ResourcePolicyId')
  assert.equal(orgkit.isTagKey('no<angle>'), false)
})

test(`[${impl}] Email follows the edition's rule`, () => {
  for (const [email, original, current] of [
    ['someone@example.com', true, true],
    ['josé@example.com', false, true],
    ['some#one@example.com', false, true],
    ['someone@example.c-m', false, true],
    ['some one@example.com', false, false],
    ['someone@example', false, false],
  ]) {
    assert.equal(orgkit.isEmail(email), current, email)
    assert.equal(orgkit.isEmail(email, CURRENT), current, email)
    assert.equal(orgkit.isEmail(email, ORIGINAL), original, email)
    assert.deepEqual(orgkit.checkIds('Email', [email], ORIGINAL), [original], email)
    assert.deepEqual(orgkit.checkIds('Email', [email]), [current], email)
    const checked = orgkit.checkValue('Email', email)
    assert.equal(checked.valid, current, email)
    if (current) assert.equal(checked.kind, 'Email', email)
    assert.equal(orgkit.checkValue('Email', email, ORIGINAL).valid, original, email)
    const request = { Email: email, AccountName: 'Prod' }
    assert.equal(orgkit.validateRequest('organizations', 'CreateAccount', request).valid, current, email)
    assert.equal(orgkit.validateRequest('organizations', 'CreateAccount', request, ORIGINAL).valid, original, email)
  }
  const { issues } = orgkit.checkValue('Email', 'someone@example')
  assert.deepEqual(issues.map((i) => i.code), ['INVALID_PATTERN'])
})

test(`[${impl}] the paginator follows the edition's paginators`, () => {
  const walk = new orgkit.PageWalk('organizations', 'ListDelegatedAdministrators')
  assert.equal(walk.members.resultKey, 'DelegatedAdministrators')
  assert.equal(new orgkit.PageWalk('organizations', 'list_delegated_administrators', undefined, 5, undefined, CURRENT)
    .nextRequest().limit, 5)
  assert.throws(() => new orgkit.PageWalk('organizations', 'ListDelegatedAdministrators', undefined, undefined, undefined,
    ORIGINAL), unknownInOriginal)
  const roots = new orgkit.PageWalk('organizations', 'ListRoots', undefined, undefined, undefined, ORIGINAL)
  const first = roots.nextRequest()
  assert.deepEqual([first.token ?? null, first.limit ?? null], [null, null])
  assert.deepEqual(roots.receivePage({ Roots: [1, 2] }), [0, 2])
  assert.equal(roots.nextRequest(), null)
})

// --- the option itself --------------------------------------------------------------------

/** Every entry point that takes `{ edition }`, called with `options`. */
const ENTRY_POINTS = {
  validateRequest: (options) => orgkit.validateRequest('organizations', 'ListRoots', {}, options),
  operations: (options) => orgkit.operations('organizations', options),
  checkValue: (options) => orgkit.checkValue('AccountId', '123456789012', options),
  checkIds: (options) => orgkit.checkIds('AccountId', ['123456789012'], options),
  valueKinds: (options) => orgkit.valueKinds(options),
  isEmail: (options) => orgkit.isEmail('someone@example.com', options),
  isAccountId: (options) => orgkit.isAccountId('123456789012', options),
  isTagKey: (options) => orgkit.isTagKey('Key', options),
  PageWalk: (options) => new orgkit.PageWalk('organizations', 'ListRoots', undefined, undefined, undefined, options),
  inspectArn: (options) => orgkit.inspectArn('arn:aws:organizations::111111111111:root/o-exampleorgid/r-abcd', options),
}

const invalidArgument = (what) => (error) => {
  assert.equal(error.code, 'INVALID_ARGUMENT', `${what}: ${error.message}`)
  assert.equal(error.name, 'OrgkitArgumentError', what)
  return true
}

test(`[${impl}] an unknown edition or an option of the wrong kind is INVALID_ARGUMENT`, () => {
  for (const [name, call] of Object.entries(ENTRY_POINTS)) {
    // Absent, undefined or null options, and an undefined edition, mean the default.
    for (const options of [undefined, null, {}, { edition: undefined }, CURRENT, ORIGINAL]) call(options)
    for (const edition of ['future', 'Current', 'ORIGINAL', '', ' current']) {
      assert.throws(() => call({ edition }), (error) => {
        invalidArgument(name)(error)
        assert.match(error.message, new RegExp(`unknown edition ${JSON.stringify(edition)}; expected one of: original, current`))
        return true
      }, `${name} ${edition}`)
    }
    for (const edition of [5, true, null, {}, ['current']]) {
      assert.throws(() => call({ edition }), (error) => {
        invalidArgument(name)(error)
        assert.match(error.message, /options\.edition must be one of: original, current/)
        return true
      }, `${name} ${String(edition)}`)
    }
    // The options must be an object (the edition's name alone is not).
    for (const options of ['current', 5, true]) {
      assert.throws(() => call(options), (error) => {
        invalidArgument(name)(error)
        assert.match(error.message, /options must be an object/)
        return true
      }, `${name} ${options}`)
    }
    // A getter that throws is an argument error, not the getter's exception.
    const throwing = { get edition() { throw new Error('edition getter') } }
    assert.throws(() => call(throwing), invalidArgument(name), name)
    // The option is read, not coerced: an object whose toString names an edition is refused.
    assert.throws(() => call({ edition: { toString: () => 'current' } }), invalidArgument(name), name)
  }
  // The module keeps working after those errors.
  assert.equal(orgkit.isAccountId('123456789012'), true)
})

// --- the emulator serves the original edition ---------------------------------------------

test(`[${impl}] the emulator refuses what only the current edition has, naming the original edition`, () => {
  const emulator = new NativeEmulator(7)
  const call = (operation, input) => {
    const outcome = emulator.callJson('organizations', operation, '111111111111', JSON.stringify(input))
    return { ok: outcome.ok, body: JSON.parse(outcome.body) }
  }
  assert.equal(call('CreateOrganization', {}).ok, true)
  // An operation of the current edition only.
  const closed = call('CloseAccount', { AccountId: '222222222222' })
  assert.equal(closed.ok, false)
  assert.equal(closed.body.Code, 'UNKNOWN_OPERATION')
  assert.match(closed.body.Message, /unknown operation "CloseAccount" of organizations in the original edition \(Organizations 2017-02-27/)
  // A member of the current edition only: refused like any unknown member, and the message says why.
  const tagged = call('CreateAccount', TAGGED_ACCOUNT)
  assert.equal(tagged.ok, false)
  assert.equal(tagged.body.Kind, 'service')
  const issue = tagged.body.Issues.find((i) => i.Path === 'Tags')
  assert.equal(issue.Code, 'UNKNOWN_PARAMETER')
  assert.match(issue.Message, /Tags is a member in the current edition only; this emulator serves the original edition \(Organizations 2017-02-27/)
  assert.match(tagged.body.Message, /original edition/)
  // Without the newer member the same request goes through.
  const { Tags, ...untagged } = TAGGED_ACCOUNT
  assert.equal(call('CreateAccount', untagged).ok, true)
  assert.deepEqual([...emulator.checkInvariants()], [])
  if (orgkit.emulatedEdition) assert.equal(orgkit.emulatedEdition(), 'original')
})
