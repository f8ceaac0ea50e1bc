'use strict'
// The Node surface beyond the shared vectors: exceptions, value classes and parseArn, and the
// README's JavaScript examples.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const vm = require('node:vm')

const orgkit = require('../orgkit.js')

test('OrgkitValidationError is an Error with code and issues', () => {
  let caught
  try {
    new orgkit.RootId('r-AB')
  } catch (error) {
    caught = error
  }
  assert.ok(caught instanceof orgkit.OrgkitValidationError)
  assert.ok(caught instanceof orgkit.OrgkitError)
  assert.ok(caught instanceof Error)
  assert.equal(caught.name, 'OrgkitValidationError')
  assert.equal(caught.code, 'INVALID_PATTERN')
  assert.equal(caught.issues.length, 1)
  assert.match(caught.issues[0].message, /position 2/)
  assert.match(caught.stack, /OrgkitValidationError/)
})

test('every issue is reported, and the first code is the error code', () => {
  assert.throws(
    () => new orgkit.Email(''),
    (error) => {
      assert.deepEqual(error.issues.map((i) => i.code), ['MIN_LENGTH_EXCEEDED', 'INVALID_PATTERN'])
      assert.equal(error.code, 'MIN_LENGTH_EXCEEDED')
      assert.match(error.message, /and 1 more/)
      return true
    },
  )
})

test('value classes are frozen, typed and compare by value', () => {
  const id = new orgkit.AccountId('123456789012')
  assert.equal(String(id), '123456789012')
  assert.equal(JSON.stringify({ id }), '{"id":"123456789012"}')
  assert.ok(id.equals(new orgkit.AccountId('123456789012')))
  assert.ok(!id.equals(new orgkit.ChildId('123456789012')))
  assert.ok(Object.isFrozen(id))
  assert.equal(new orgkit.PolicyTargetId('r-abcd').kind, 'RootId')
  assert.throws(() => new orgkit.AccountId(123456789012), (e) => e.code === 'INVALID_TYPE')
})

test('parseArn returns the parts and prints the ARN back', () => {
  const text = 'arn:aws-cn:organizations::111111111111:handshake/o-exampleorgid/invite/h-0123456789'
  const arn = orgkit.parseArn(text)
  assert.ok(arn instanceof orgkit.Arn)
  assert.equal(String(arn), text)
  assert.equal(arn.partition, 'aws-cn')
  assert.equal(arn.handshakeType, 'invite')
  assert.equal(arn.handshakeId, 'h-0123456789')
  assert.equal(arn.policyId, undefined)
  assert.throws(() => orgkit.parseArn('arn:aws:iam::111111111111:root'), orgkit.OrgkitValidationError)
})

test('exported lists are frozen copies of the catalogue', () => {
  const catalogue = JSON.parse(
    fs.readFileSync(path.join(__dirname, '..', '..', 'tests', 'vectors', 'catalogue.json'), 'utf8'),
  )
  assert.deepEqual([...orgkit.ERROR_CODES], catalogue.error_codes)
  assert.deepEqual([...orgkit.VALUE_KINDS], catalogue.value_kinds)
  assert.deepEqual([...orgkit.PAGINATION_ERROR_CODES], catalogue.pagination_error_codes)
  assert.ok(Object.isFrozen(orgkit.ERROR_CODES))
})

test('checkRequest throws every issue; unknown names throw OrgkitUnknownOperationError', () => {
  orgkit.checkRequest('organizations', 'CreateAccount', { Email: 'someone@example.com', AccountName: 'Prod' })
  assert.throws(
    () => orgkit.checkRequest('organizations', 'create_account', { Email: 'x', Colour: 'blue' }),
    (error) => {
      assert.ok(error instanceof orgkit.OrgkitValidationError)
      assert.deepEqual(
        error.issues.map((i) => [i.path, i.code]),
        [['Email', 'MIN_LENGTH_EXCEEDED'], ['Email', 'INVALID_PATTERN'], ['AccountName', 'INPUT_REQUIRED'], ['Colour', 'UNKNOWN_PARAMETER']],
      )
      return true
    },
  )
  assert.throws(
    () => orgkit.validateRequest('organizations', 'CreateOrg', {}),
    (error) => error instanceof orgkit.OrgkitUnknownOperationError && error.code === 'UNKNOWN_OPERATION' && /CreateOrganization/.test(error.message),
  )
  // A cycle is reported where it is, as Python reports it.
  const cyclic = { Email: 'someone@example.com', AccountName: 'Prod' }
  cyclic.Self = cyclic
  assert.deepEqual(
    orgkit.validateRequest('organizations', 'CreateAccount', cyclic).issues.map((i) => [i.path, i.code]),
    [['Self', 'UNKNOWN_PARAMETER']],
  )
})

test('hostile request values are reported at their path, never thrown', () => {
  const codes = (params) => orgkit.validateRequest('organizations', 'CreateAccount', params).issues.map((i) => [i.path, i.code])
  const good = { Email: 'someone@example.com', AccountName: 'Prod' }
  // A lone surrogate is not valid Unicode: napi converts it to U+FFFD, which breaks the original
  // edition's Email pattern; the current edition's allows any character but whitespace and @.
  const surrogate = { ...good, Email: 'some\ud800one@example.com' }
  const original = { edition: 'original' }
  assert.deepEqual(
    orgkit.validateRequest('organizations', 'CreateAccount', surrogate, original).issues.map((i) => [i.path, i.code]),
    [['Email', 'INVALID_PATTERN']],
  )
  assert.deepEqual(codes(surrogate), [])
  const list = []
  list.push(list)
  assert.deepEqual(codes({ ...good, AccountName: list }), [['AccountName', 'INVALID_TYPE']])
  let deep = 'x'
  for (let i = 0; i < 100000; i++) deep = [deep]
  assert.deepEqual(codes({ ...good, RoleName: deep }), [['RoleName', 'INVALID_TYPE']])
  assert.deepEqual(codes({ ...good, IamUserAccessToBilling: 10n }), [['IamUserAccessToBilling', 'INVALID_TYPE']])
  // The SDK cannot send a BigInt (JSON.stringify throws), so it is a wrong type, at any size.
  assert.deepEqual(orgkit.validateRequest('organizations', 'ListRoots', { MaxResults: 10n }).issues.map((i) => i.code), ['INVALID_TYPE'])
  const selfish = { toJSON() { return this } }
  selfish.loop = selfish
  assert.deepEqual(codes({ ...good, RoleName: selfish }), [['RoleName', 'INVALID_TYPE']])
})

test('applyHandshakeEvent works on SDK-shaped handshakes with Date timestamps', () => {
  const requested = new Date('2026-11-01T12:00:00Z')
  const invite = {
    Id: 'h-examplehandshake1',
    Arn: 'arn:aws:organizations::111111111111:handshake/o-exampleorgid/invite/h-examplehandshake1',
    Parties: [{ Id: 'o-exampleorgid', Type: 'ORGANIZATION' }, { Id: 'someone@example.com', Type: 'EMAIL' }],
    State: 'OPEN',
    Action: 'INVITE',
    RequestedTimestamp: requested,
    ExpirationTimestamp: new Date(requested.getTime() + 15 * 86400 * 1000),
  }
  const day = new Date(requested.getTime() + 86400 * 1000)
  const accepted = orgkit.applyHandshakeEvent(invite, 'accept', '222222222222', { email: 'someone@example.com', now: day })
  assert.equal(accepted.State, 'ACCEPTED')
  assert.ok(accepted.RequestedTimestamp instanceof Date)
  assert.equal(accepted.RequestedTimestamp.getTime(), requested.getTime())
  assert.throws(
    () => orgkit.applyHandshakeEvent(invite, 'decline', '333333333333', { now: day }),
    (error) => error instanceof orgkit.OrgkitHandshakeError && error.code === 'AccessDeniedException' && error.$response.Error.Code === 'AccessDeniedException',
  )
  const expired = orgkit.applyHandshakeEvent(invite, 'expire', undefined, { now: invite.ExpirationTimestamp })
  assert.equal(expired.State, 'EXPIRED')
  assert.throws(() => orgkit.applyHandshakeEvent(invite, 'approve', undefined, { now: day }), /unknown event/)
  assert.throws(
    () => orgkit.applyHandshakeEvent(invite, 'accept', '222222222222', { email: 'someone@example.com', organizationId: 'o-otherorgid1', now: day }),
    (error) => error.code === 'HandshakeConstraintViolationException' && error.reason === 'ALREADY_IN_AN_ORGANIZATION',
  )
})

test('paginate: an async iterator over any async fetch, with maxItems and resume', async () => {
  const all = Array.from({ length: 7 }, (_, n) => ({ Id: `${String(n).padStart(12, '0')}` }))
  const requests = []
  const fetch = async (input) => {
    requests.push(input)
    const offset = input.NextToken ? Number(input.NextToken.slice(1)) : 0
    const size = input.MaxResults ?? 3
    const end = Math.min(offset + size, all.length)
    return { Accounts: all.slice(offset, end), ...(end < all.length ? { NextToken: `t${end}` } : {}) }
  }
  const first = orgkit.paginate(fetch, 'ListAccountsForParent', { ParentId: 'r-abcd' }, { maxItems: 4, pageSize: 3 })
  const seen = []
  for await (const account of first.items()) seen.push(account.Id)
  assert.equal(seen.length, 4)
  assert.deepEqual(requests[0], { ParentId: 'r-abcd', MaxResults: 3 })
  assert.ok(first.resumeToken)
  const rest = []
  for await (const account of orgkit.paginate(fetch, 'list_accounts_for_parent', { ParentId: 'r-abcd' }, { startingToken: first.resumeToken, pageSize: 3 }).items()) {
    rest.push(account.Id)
  }
  assert.deepEqual([...seen, ...rest], all.map((a) => a.Id))
  const looping = orgkit.paginate(async () => ({ Roots: [], NextToken: 'same' }), 'ListRoots')
  await assert.rejects(async () => {
    for await (const page of looping) void page
  }, /twice/)
  assert.throws(() => orgkit.paginate(fetch, 'CreateAccount'), (e) => e instanceof orgkit.OrgkitPaginationError && e.code === 'NOT_PAGINATED')
  assert.throws(() => orgkit.paginate(fetch, 'ListNothing'), orgkit.OrgkitUnknownOperationError)
})

test('paginate: unusable options and malformed pages are OrgkitPaginationErrors with codes', async () => {
  for (const options of [{ maxItems: -1 }, { maxItems: 1.5 }, { maxItems: NaN }, { pageSize: '10' }, { pageSize: 0 },
    { pageSize: 2 ** 60 }, { startingToken: 5 }, { startingToken: '\ud800' }]) {
    assert.throws(() => orgkit.paginate(async () => ({}), 'ListRoots', {}, options),
      (e) => e instanceof orgkit.OrgkitPaginationError && e.code === 'INVALID_PAGINATION_CONFIG', JSON.stringify(options))
  }
  for (const [page, fragment] of [[null, 'is of type null, not a structure'], [[{ Id: 'r-1' }], 'is of type list, not a structure'],
    [5, 'is of type integer, not a structure'], [{ Roots: 'r-1' }, 'has Roots of type string, not a list'],
    [{ Roots: [], NextToken: 7 }, 'has NextToken of type integer, not a string'],
    [{ Roots: [], NextToken: '\udc80' }, 'not valid Unicode']]) {
    await assert.rejects(async () => {
      for await (const p of orgkit.paginate(async () => page, 'ListRoots')) void p
    }, (e) => e instanceof orgkit.OrgkitPaginationError && e.code === 'MALFORMED_PAGE' && e.message.includes(fragment), fragment)
  }
  await assert.rejects(async () => {
    for await (const p of orgkit.paginate(async () => { throw new Error('network down') }, 'ListRoots')) void p
  }, /network down/)
})

for (const readmePath of [path.join('..', 'README.md')]) {
  test(`${readmePath} JavaScript examples run`, async () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', readmePath), 'utf8')
    const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1])
    assert.ok(blocks.length > 0, `${readmePath} has no js example`)
    // Same realm as this test (so deepEqual compares arrays alike); `orgkit` resolves to this build.
    // As the body of an async function, so that examples may use `for await`.
    const body = `return (async () => {\n${blocks.join('\n')}\n})()`
    const run = vm.compileFunction(body, ['require', 'assert'], { filename: readmePath })
    await run((name) => (name === 'orgkit' ? orgkit : require(name)), assert)
  })
}

test('SCPs: evaluateScps throws OrgkitValidationError, Emulator#simulate and #effectiveScps', async () => {
  const allow = '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}'
  assert.deepEqual(orgkit.SCP_ISSUE_CODES, orgkit.scpIssueCodes())
  assert.throws(() => orgkit.evaluateScps([{ Version: '2012-10-17', Statement: { Effect: 'Maybe' } }], 's3:GetObject'),
    (error) => error instanceof orgkit.OrgkitValidationError && error.code === 'INVALID_EFFECT' &&
      error.issues[0].path === 'levels[0].Statement.Effect')
  assert.throws(() => orgkit.evaluateScps([allow], 's3:GetObject', { principal: 7 }),
    (error) => error instanceof orgkit.OrgkitArgumentError && error.code === 'INVALID_ARGUMENT')
  const decision = orgkit.evaluateScps([allow], 's3:GetObject')
  assert.equal(decision.allowed, true)
  assert.deepEqual(Object.keys(decision).sort(), ['allowed', 'deniedBy', 'exempt', 'explanation', 'levels', 'missingAllowAt'])

  const emulator = new orgkit.Emulator({ seed: 2 })
  const org = emulator.client('organizations', { caller: '111111111111' })
  await org.createOrganization({})
  const created = await org.createPolicy({
    Name: 'no-ec2', Description: '', Type: 'SERVICE_CONTROL_POLICY',
    Content: '{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"ec2:*","Resource":"*"}}',
  })
  await assert.rejects(org.createPolicy({ Name: 'bad', Description: '', Type: 'SERVICE_CONTROL_POLICY', Content: '{"Statement":{}}' }),
    (error) => error instanceof orgkit.exceptions.MalformedPolicyDocumentException)
  emulator.registerAccount('222222222222', 'member@example.com', 'member')
  const invitation = await org.inviteAccountToOrganization({ Target: { Id: '222222222222', Type: 'ACCOUNT' } })
  await emulator.client('organizations', { caller: '222222222222' }).acceptHandshake({ HandshakeId: invitation.Handshake.Id })
  await org.attachPolicy({ PolicyId: created.Policy.PolicySummary.Id, TargetId: '222222222222' })
  const denied = emulator.simulate('222222222222', 'ec2:RunInstances', { principal: 'role' })
  assert.equal(denied.allowed, false)
  assert.match(denied.explain(), /explicitly denies/)
  assert.equal(emulator.simulate('111111111111', 'ec2:RunInstances').exempt, 'MANAGEMENT_ACCOUNT')
  assert.throws(() => emulator.simulate('999999999999', 'ec2:RunInstances'),
    (error) => error instanceof orgkit.OrgkitEmulatorUsageError && error.code === 'NOT_FOUND')
  assert.throws(() => emulator.simulate('222222222222', 'ec2'),
    (error) => error instanceof orgkit.OrgkitArgumentError)
  const levels = emulator.effectiveScps('222222222222')
  assert.deepEqual(levels.map((level) => level.kind), ['ROOT', 'ACCOUNT'])
  assert.equal(levels[1].policies.length, 2)
})

test('the typings name exactly the exception classes and operations the runtime has', () => {
  const typings = fs.readFileSync(path.join(__dirname, '..', 'emulator.d.ts'), 'utf8')
  const block = (name) => typings.slice(typings.indexOf(`export interface ${name} {`)).split('\n}')[0]
  const typedExceptions = [...block('EmulatorExceptions').matchAll(/readonly (\w+): ServiceExceptionClass<'(\w+)'>/g)]
  assert.deepEqual(typedExceptions.map(([, name]) => name), Object.keys(orgkit.exceptions).sort())
  for (const [, name, literal] of typedExceptions) assert.equal(name, literal)
  for (const service of ['organizations', 'account', 'chime']) {
    const line = (name) => block(name).split('\n').find((l) => l.trim().startsWith(`${service}:`))
    const literals = (text) => [...text.matchAll(/'(\w+)'/g)].map(([, name]) => name)
    const names = orgkit.operations(service)
    assert.deepEqual(literals(line('OperationNames')), names.map(([name]) => name))
    assert.deepEqual(literals(line('SnakeCaseOperationNames')), names.map(([, snake]) => snake))
  }
})
