'use strict'
// The Node package's edition surface beyond the shared suite (tests/js/editions.test.cjs):
// the EDITIONS / DEFAULT_EDITION / EMULATED_EDITION constants, `{ edition }` on checkRequest,
// the value classes, paginate and the model helpers, and the Emulator class, which serves the
// original edition.

const test = require('node:test')
const assert = require('node:assert/strict')

const orgkit = require('../orgkit.js')

const ORIGINAL = { edition: 'original' }
const TAGGED_ACCOUNT = { Email: 'someone@example.com', AccountName: 'Prod', Tags: [{ Key: 'CostCenter', Value: '1' }] }
const NEWER_KINDS = ['ResourcePolicyId', 'ResponsibilityTransferId', 'TaggableResourceId', 'TagKey', 'TagValue', 'ServicePrincipal']

const argumentError = (error) => {
  assert.ok(error instanceof orgkit.OrgkitArgumentError, `${error.name}: ${error.message}`)
  assert.equal(error.code, 'INVALID_ARGUMENT')
  assert.match(error.message, /original, current/)
  return true
}
const unknownInOriginal = (error) => {
  assert.ok(error instanceof orgkit.OrgkitUnknownOperationError, `${error.name}: ${error.message}`)
  assert.equal(error.code, 'UNKNOWN_OPERATION')
  assert.match(error.message, /in the original edition/)
  return true
}

test('the edition constants', () => {
  assert.deepEqual(orgkit.EDITIONS, ['original', 'current'])
  assert.ok(Object.isFrozen(orgkit.EDITIONS))
  assert.equal(orgkit.DEFAULT_EDITION, 'current')
  assert.equal(orgkit.EMULATED_EDITION, 'original')
  assert.deepEqual(orgkit.editions(), orgkit.EDITIONS)
  assert.equal(orgkit.defaultEdition(), orgkit.DEFAULT_EDITION)
  assert.equal(orgkit.emulatedEdition(), orgkit.EMULATED_EDITION)
  assert.equal(orgkit.VALUE_KINDS.length, 22)
  assert.deepEqual(orgkit.valueKinds(ORIGINAL), orgkit.VALUE_KINDS.slice(0, 16))
})

test('checkRequest takes the edition', () => {
  orgkit.checkRequest('organizations', 'CreateAccount', TAGGED_ACCOUNT)
  orgkit.checkRequest('organizations', 'CreateAccount', TAGGED_ACCOUNT, { edition: 'current' })
  assert.throws(() => orgkit.checkRequest('organizations', 'CreateAccount', TAGGED_ACCOUNT, ORIGINAL), (error) => {
    assert.ok(error instanceof orgkit.OrgkitValidationError)
    assert.deepEqual(error.issues.map((i) => [i.path, i.code]), [['Tags', 'UNKNOWN_PARAMETER']])
    return true
  })
  orgkit.checkRequest('organizations', 'CloseAccount', { AccountId: '123456789012' })
  assert.throws(() => orgkit.checkRequest('organizations', 'CloseAccount', { AccountId: '123456789012' }, ORIGINAL),
    unknownInOriginal)
  assert.throws(() => orgkit.checkRequest('organizations', 'CloseAccount', {}, { edition: 'latest' }), argumentError)
  assert.throws(() => orgkit.validateRequest('organizations', 'CloseAccount', {}, { edition: 2 }), argumentError)
})

test('a null request is reported, not read as an empty one', () => {
  const codes = (options) =>
    orgkit.validateRequest('organizations', 'CreateAccount', null, options).issues.map((i) => [i.path, i.code])
  assert.deepEqual(codes(), [['', 'INVALID_TYPE']])
  assert.deepEqual(codes(ORIGINAL), [['', 'INVALID_TYPE']])
  assert.deepEqual(
    orgkit.validateRequest('organizations', 'CreateAccount', undefined, ORIGINAL).issues.map((i) => i.code),
    ['INPUT_REQUIRED', 'INPUT_REQUIRED'],
  )
})

test('value classes follow the edition', () => {
  for (const kind of NEWER_KINDS) assert.equal(typeof orgkit[kind], 'function', kind)
  assert.equal(new orgkit.TagKey('Cost Center').kind, 'TagKey')
  assert.equal(new orgkit.TaggableResourceId('rp-abcd1234').kind, 'ResourcePolicyId')
  assert.equal(String(new orgkit.ServicePrincipal('config.amazonaws.com')), 'config.amazonaws.com')
  assert.throws(() => new orgkit.TagKey('Cost Center', ORIGINAL), (error) => {
    assert.ok(error instanceof orgkit.OrgkitArgumentError)
    assert.match(error.message, /unknown kind "TagKey".*\(TagKey is a kind of the current edition only/)
    return true
  })
  // Email: the current rule by default, the original one on request.
  const email = new orgkit.Email('josé@example.com')
  assert.equal(email.kind, 'Email')
  assert.throws(() => new orgkit.Email('josé@example.com', ORIGINAL), (error) => {
    assert.ok(error instanceof orgkit.OrgkitValidationError)
    assert.equal(error.code, 'INVALID_PATTERN')
    return true
  })
  assert.equal(new orgkit.Email('someone@example.com', ORIGINAL).value, 'someone@example.com')
  assert.throws(() => new orgkit.AccountId('123456789012', { edition: 'nope' }), argumentError)
  assert.throws(() => new orgkit.AccountId('123456789012', 'original'), (error) => {
    assert.ok(error instanceof orgkit.OrgkitArgumentError)
    assert.match(error.message, /options must be an object/)
    return true
  })
})

test('paginate and PageWalk take the edition', async () => {
  const pages = [{ DelegatedAdministrators: [{ Id: '1' }], NextToken: 't' }, { DelegatedAdministrators: [{ Id: '2' }] }]
  const requests = []
  const fetch = async (input) => {
    requests.push(input)
    return pages[requests.length - 1]
  }
  const ids = []
  for await (const item of orgkit.paginate(fetch, 'ListDelegatedAdministrators').items()) ids.push(item.Id)
  assert.deepEqual(ids, ['1', '2'])
  assert.deepEqual(requests, [{}, { NextToken: 't' }])
  assert.throws(() => orgkit.paginate(fetch, 'ListDelegatedAdministrators', {}, ORIGINAL), unknownInOriginal)
  assert.throws(() => orgkit.paginate(fetch, 'ListRoots', {}, { edition: 'Original' }), argumentError)
  assert.throws(() => new orgkit.PageWalk('organizations', 'ListRoots', 1, 1, undefined, { edition: null }), argumentError)
  const walk = new orgkit.PageWalk('organizations', 'ListRoots', undefined, 2, undefined, ORIGINAL)
  assert.equal(walk.nextRequest().limit, 2)
})

test('the model helpers take the edition', () => {
  assert.equal(orgkit.successStatus('organizations', 'CloseAccount'), 200)
  assert.equal(orgkit.successStatus('chime', 'CreateAccount', ORIGINAL), 201)
  assert.throws(() => orgkit.successStatus('organizations', 'CloseAccount', ORIGINAL), unknownInOriginal)
  assert.throws(() => orgkit.successStatus('organizations', 'ListRoots', { edition: {} }), argumentError)
  const original = new Set(orgkit.errorNames('organizations', ORIGINAL))
  const current = new Set(orgkit.errorNames('organizations'))
  assert.ok(original.has('AccountNotFoundException'))
  assert.ok([...original].every((name) => current.has(name) || name === 'ConcurrentModificationException'))
  assert.ok(current.size > original.size)
  assert.ok(orgkit.timestampMembers('organizations').length >= orgkit.timestampMembers('organizations', ORIGINAL).length)
  assert.throws(() => orgkit.timestampMembers('organizations', { edition: 'next' }), argumentError)
  assert.throws(() => orgkit.errorNames('organizations', { edition: 'next' }), argumentError)
  // The emulator's exception classes are those of the edition it serves.
  const emulated = new Set(['organizations', 'account', 'chime'].flatMap((s) => orgkit.errorNames(s, ORIGINAL)))
  assert.deepEqual(Object.keys(orgkit.exceptions).sort(), [...emulated].sort())
})

test('the Emulator serves the original edition and says so', async () => {
  const emulator = new orgkit.Emulator({ seed: 3 })
  const org = emulator.client('organizations', { caller: '111111111111' })
  // The client serves the original edition's operations; one of the current edition only
  // rejects with the unknown-operation error naming the edition (not a TypeError).
  assert.equal(typeof org.createAccount, 'function')
  await org.createOrganization({ FeatureSet: 'ALL' })
  for (const call of [() => org.closeAccount({ AccountId: '222222222222' }), () => org.tagResource({})]) {
    await assert.rejects(call(), (error) => {
      assert.ok(error instanceof orgkit.OrgkitUnknownOperationError, error.name)
      assert.match(error.message, /in the original edition \(Organizations 2017-02-27.*the other edition has it/)
      return true
    })
  }
  await assert.rejects(org.createAccount(TAGGED_ACCOUNT), (error) => {
    assert.ok(error instanceof orgkit.OrgkitServiceError, error.name)
    const issue = error.issues.find((i) => i.path === 'Tags')
    assert.equal(issue.code, 'UNKNOWN_PARAMETER')
    assert.match(issue.message, /current edition only; this emulator serves the original edition/)
    return true
  })
  const { Tags, ...untagged } = TAGGED_ACCOUNT
  const created = await org.createAccount(untagged)
  assert.equal(created.$metadata.httpStatusCode, 200)
  // CloseAccount: an unknown operation of the original edition.
  await assert.rejects(org.closeAccount({ AccountId: '222222222222' }), (error) => {
    assert.ok(error instanceof orgkit.OrgkitUnknownOperationError, error.name)
    assert.match(error.message, /in the original edition \(Organizations 2017-02-27/)
    return true
  })
  // Paginators of the emulated edition, whatever the caller asks.
  emulator.advance(60)
  const accounts = []
  for await (const account of org.paginateListAccounts({}, { pageSize: 1 }).items()) accounts.push(account.Id)
  assert.equal(accounts.length, 2)
})
