'use strict'
// The napi addon and the WASM build read a request as the SDK sends it (JSON.stringify's rules),
// and agree with each other: run with ORGKIT_IMPL=node and ORGKIT_IMPL=wasm.

const test = require('node:test')
const assert = require('node:assert/strict')

const { orgkit, impl } = require('./impl.cjs')

const found = (operation, params) =>
  orgkit.validateRequest('organizations', operation, params).issues.map((issue) => [issue.path, issue.code])

const good = { Email: 'someone@example.com', AccountName: 'Prod' }

test(`[${impl}] members JSON.stringify leaves out are absent`, () => {
  assert.deepEqual(found('CreateAccount', { ...good, RoleName: undefined }), [])
  assert.deepEqual(found('CreateAccount', { ...good, Extra() {} }), [])
  assert.deepEqual(found('CreateAccount', { ...good, Extra: Symbol('s') }), [])
})

test(`[${impl}] toJSON is called once, and what it returns is checked`, () => {
  assert.deepEqual(found('CreateAccount', { ...good, AccountName: { toJSON: () => 'Prod' } }), [])
  assert.deepEqual(found('CreateAccount', { ...good, AccountName: { toJSON: () => 5 } }), [['AccountName', 'INVALID_TYPE']])
  assert.deepEqual(found('CreateAccount', { ...good, AccountName: { toJSON() { throw new Error('no') } } }), [
    ['AccountName', 'INVALID_TYPE'],
  ])
})

test(`[${impl}] in a list, what JSON.stringify cannot write is null, and a BigInt is a wrong type`, () => {
  assert.deepEqual(found('ListCreateAccountStatus', { States: ['SUCCEEDED', () => 1, undefined] }), [
    ['States[1]', 'INVALID_TYPE'],
    ['States[2]', 'INVALID_TYPE'],
  ])
  assert.deepEqual(found('ListRoots', { MaxResults: 10n }), [['MaxResults', 'INVALID_TYPE']])
})
