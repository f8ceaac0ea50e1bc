'use strict'
// Hints and field constraints in the WebAssembly build for Node (pkg/node, the emulator
// bundle's exports): every issue of validateRequest, checkValue and inspectArn has the hint the
// core's catalogue gives its code and constraint; fieldConstraints and valueConstraints state
// the model's constraints with HTML-ready patterns (the page tests run them in Chromium:
// tests/browser.test.cjs and tests/npm/tests/browser-package.test.mjs).

const test = require('node:test')
const assert = require('node:assert/strict')
const path = require('node:path')

const orgkit = require(path.join(__dirname, '..', 'pkg', 'node', 'orgkit_wasm.js'))

const hintsOf = (result) => result.issues.map((issue) => [issue.path, issue.code, issue.hint])

test('every issue has a hint: one sentence for the person filling in the form', () => {
  assert.deepEqual(hintsOf(orgkit.validateRequest('organizations', 'CreateAccount', {
    Email: 'a@b', RoleName: 'Admin Role', IamUserAccessToBilling: 'MAYBE', Extra: 1,
  })), [
    ['Email', 'MIN_LENGTH_EXCEEDED', 'Enter 6 to 64 characters.'],
    ['Email', 'INVALID_PATTERN', 'Enter an email address like name@example.com.'],
    ['AccountName', 'INPUT_REQUIRED', 'This field is required.'],
    ['RoleName', 'INVALID_PATTERN', 'Use letters, digits and + = , . @ _ - only.'],
    ['IamUserAccessToBilling', 'INVALID_ENUM', 'Choose one of: ALLOW, DENY.'],
    ['Extra', 'UNKNOWN_PARAMETER', 'This request takes no such field.'],
  ])
  assert.deepEqual(hintsOf(orgkit.validateRequest('organizations', 'ListAccounts', { MaxResults: 0 })), [
    ['MaxResults', 'MIN_VALUE_EXCEEDED', 'Enter a whole number (1 to 20).'],
  ])
  assert.deepEqual(hintsOf(orgkit.validateRequest('organizations', 'AttachPolicy', { PolicyId: 'p-FullAWSAccess', TargetId: 'x' })), [
    ['TargetId', 'INVALID_PATTERN_TARGET_ID', 'Enter a root ID (r-\u2026), an account ID (12 digits) or an OU ID (ou-\u2026).'],
  ])
  assert.deepEqual(hintsOf(orgkit.checkValue('AccountId', '12345678901x')), [['', 'INVALID_PATTERN', 'An account ID is exactly 12 digits.']])
  assert.deepEqual(hintsOf(orgkit.checkValue('Email', 42)), [['', 'INVALID_TYPE', 'Enter text.']])
  assert.equal(orgkit.inspectArn('arn:aws:iam::1:x').issues[0].hint, 'Enter an Organizations ARN (arn:aws:organizations::\u2026).')
  assert.deepEqual(orgkit.checkValue('AccountId', '123456789012').issues, [])
  // Every code, whatever the member, has a sentence.
  const many = orgkit.validateRequest('organizations', 'ListCreateAccountStatus', { States: new Array(200) })
  for (const issue of many.issues) assert.match(issue.hint, /^[A-Z].*\.$/, issue.code)
})

test('fieldConstraints: the model as input attributes, nested members by path', () => {
  const fields = orgkit.fieldConstraints('organizations', 'CreateAccount')
  assert.deepEqual(Object.keys(fields), ['Email', 'AccountName', 'RoleName', 'IamUserAccessToBilling', 'Tags', 'Tags[]', 'Tags[].Key', 'Tags[].Value'])
  assert.deepEqual(fields.IamUserAccessToBilling, {
    type: 'string', required: false, enum: ['ALLOW', 'DENY'], hint: 'Choose one of: ALLOW, DENY.',
  })
  assert.deepEqual(fields.RoleName, {
    type: 'string', required: false, pattern: '[\\w+=,.@\\-]{1,64}', maxLength: 64, hint: 'Use letters, digits and + = , . @ _ - only.',
  })
  assert.equal(fields.Tags.type, 'list')
  assert.equal(fields['Tags[].Key'].required, true)
  const original = orgkit.fieldConstraints('organizations', 'create_account', { edition: 'original' })
  assert.equal(original.Tags, undefined, 'the original edition has no tags')
  assert.notEqual(original.Email.pattern, fields.Email.pattern, 'each edition its own Email rule')
  const invite = orgkit.fieldConstraints('organizations', 'InviteAccountToOrganization')
  assert.deepEqual(invite['Target.Type'].enum, ['ACCOUNT', 'ORGANIZATION', 'EMAIL'])
  assert.deepEqual(orgkit.fieldConstraints('organizations', 'ListAccounts').MaxResults, {
    type: 'integer', required: false, min: 1, max: 20, hint: 'Enter a whole number (1 to 20).',
  })
  assert.deepEqual(orgkit.fieldConstraints('organizations', 'DescribeOrganization'), {})
})

test('valueConstraints: a kind as input attributes (the emulator bundle)', () => {
  assert.deepEqual(orgkit.valueConstraints('ParentId'), {
    type: 'string', required: true, pattern: 'r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}',
    hint: 'Enter a root ID (r-\u2026) or an OU ID (ou-\u2026).',
  })
  assert.deepEqual(orgkit.valueConstraints('Email', { edition: 'original' }), {
    type: 'string', required: true, pattern: '[\\w+=,.\\-]+@[\\w.\\-]+\\.\\w+', minLength: 6, maxLength: 64,
    hint: 'Enter an email address like name@example.com.',
  })
  assert.equal(orgkit.valueConstraints('TagValue').required, false, 'a tag value may be empty')
  assert.equal(orgkit.valueConstraints('Arn').pattern, undefined, 'ARNs are a grammar, not one expression')
  for (const kind of orgkit.valueKinds()) {
    const { pattern } = orgkit.valueConstraints(kind)
    if (pattern !== undefined) assert.doesNotThrow(() => new RegExp(`^(?:${pattern})$`, 'v'), kind)
  }
})
