'use strict'
// Service control policies: the shared check and evaluation vectors
// (tests/vectors/scp_check.json, scp_eval.json) and the emulator's `simulate`, run against
// both JS builds: the Node package (ORGKIT_IMPL=node) and the WebAssembly build
// (ORGKIT_IMPL=wasm). Both expose the same data API:
//   checkScp(document, { edition }) -> [{ path, code, message }]
//   evaluateScps(levels, action, { resource, context, principal, edition }) -> Decision
//   NativeEmulator#simulate(accountId, action, options) / #effectiveScps(targetId) -> { ok, body }

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const { orgkit, NativeEmulator, impl } = require('./impl.cjs')
const vectors = (name) =>
  JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'vectors', name), 'utf8'))
const checks = vectors('scp_check.json')
const evaluations = vectors('scp_eval.json')
const catalogue = vectors('catalogue.json')

const sortPairs = (pairs) => [...pairs].sort((a, b) => (a.join('\0') < b.join('\0') ? -1 : 1))

test(`[${impl}] the SCP issue codes are the core's`, () => {
  assert.deepEqual([...orgkit.scpIssueCodes()], catalogue.scp_issue_codes)
})

test(`[${impl}] ${checks.cases.length} SCP check vectors`, () => {
  let checked = 0
  for (const c of checks.cases) {
    // Raw bytes that are not UTF-8 cannot be a JS string; the Rust and Python suites run them.
    if (c.document_hex !== undefined) continue
    const issues = orgkit.checkScp(c.document, { edition: c.rules })
    for (const issue of issues) assert.ok(issue.message.length > 0, c.name)
    assert.deepEqual(
      sortPairs(issues.map((i) => [i.code, i.path])),
      sortPairs(c.expect),
      `${c.name} [${c.rules}]: ${JSON.stringify(issues)}`,
    )
    checked += 1
  }
  assert.ok(checked >= 80)
})

test(`[${impl}] a document may be an object, checked like its JSON text`, () => {
  const issues = orgkit.checkScp({ Version: '2012-10-17', Statement: [{ Effect: 'Maybe', Action: '*', Resource: '*' }] })
  assert.deepEqual(issues.map((i) => [i.code, i.path]), [['INVALID_EFFECT', 'Statement[0].Effect']])
  // The default edition is the current one: NotResource is fine there, not in the original.
  const notResource = '{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"*","NotResource":"arn:aws:s3:::b"}}'
  assert.deepEqual(orgkit.checkScp(notResource), [])
  assert.equal(orgkit.checkScp(notResource, { edition: 'original' })[0].code, 'UNSUPPORTED_ELEMENT')
})

test(`[${impl}] ${evaluations.cases.length} SCP evaluation vectors`, () => {
  for (const c of evaluations.cases) {
    const r = c.request
    const decision = orgkit.evaluateScps(c.levels, r.action, {
      resource: r.resource,
      context: r.context,
      principal: r.principal,
      edition: c.rules,
    })
    const got = {
      allowed: decision.allowed,
      denied_by: decision.deniedBy && {
        level: decision.deniedBy.level,
        policy_id: decision.deniedBy.policyId,
        statement: decision.deniedBy.statement,
        sid: decision.deniedBy.sid,
      },
      missing_allow_at: decision.missingAllowAt && decision.missingAllowAt.level,
      exempt: decision.exempt,
    }
    assert.deepEqual(got, c.expect, c.name)
    assert.equal(decision.explain(), decision.explanation)
    assert.match(decision.explanation, decision.allowed ? /^Allowed/ : /^Denied/, c.name)
    if (!decision.exempt) assert.equal(decision.levels.length, c.levels.length, c.name)
  }
})

test(`[${impl}] levels may be documents, lists of them, or { target, policies }`, () => {
  const allow = '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}'
  const deny = { Version: '2012-10-17', Statement: [{ Sid: 'NoS3', Effect: 'Deny', Action: 's3:*', Resource: '*' }] }
  const levels = [allow, [allow, { policyId: 'p-nos3', document: deny }], { target: '111111111111', policies: [allow] }]
  const decision = orgkit.evaluateScps(levels, 's3:GetObject')
  assert.equal(decision.allowed, false)
  assert.deepEqual(decision.deniedBy, { level: 1, target: 'OU 1', policyId: 'p-nos3', statement: 0, sid: 'NoS3' })
  assert.deepEqual(decision.levels.map((l) => l.target), ['root', 'OU 1', '111111111111'])
  assert.equal(decision.levels[0].allowedBy.policyId, '#1')
  assert.match(decision.explain(), /p-nos3/)
  assert.equal(orgkit.evaluateScps(levels, 'ec2:RunInstances').allowed, true)
})

test(`[${impl}] bad arguments and bad documents are coded errors`, () => {
  const allow = '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}'
  assert.throws(() => orgkit.checkScp(42), { code: 'INVALID_ARGUMENT' })
  assert.throws(() => orgkit.checkScp(allow, { edition: 'future' }), { code: 'INVALID_ARGUMENT' })
  assert.throws(() => orgkit.evaluateScps('not a list', 's3:GetObject'), { code: 'INVALID_ARGUMENT' })
  assert.throws(() => orgkit.evaluateScps([allow], 's3'), { code: 'INVALID_ARGUMENT' })
  assert.throws(() => orgkit.evaluateScps([allow], 's3:GetObject', { principal: 'robot' }), { code: 'INVALID_ARGUMENT' })
  assert.throws(() => orgkit.evaluateScps([allow], 's3:GetObject', { context: { k: { nested: 1 } } }), { code: 'INVALID_ARGUMENT' })
  assert.throws(() => orgkit.evaluateScps([allow], 42), { code: 'INVALID_ARGUMENT' })
  let thrown
  try {
    orgkit.evaluateScps([allow, { target: 'ou-abcd-11111111', policies: ['{}'] }], 's3:GetObject')
  } catch (error) {
    thrown = error
  }
  assert.ok(thrown, 'an invalid document throws')
  assert.equal(thrown.name, 'OrgkitValidationError')
  assert.equal(thrown.code, 'MISSING_ELEMENT')
  assert.deepEqual(thrown.issues.map((i) => i.path), ['levels[1].policies[0].Version', 'levels[1].policies[0].Statement'])
  // A throwing getter in a document is an issue at its path, not a crash.
  const hostile = { Version: '2012-10-17', get Statement() { throw new Error('boom') } }
  const issues = orgkit.checkScp(hostile)
  assert.equal(issues[0].code, 'INVALID_TYPE')
  assert.equal(issues[0].path, 'Statement')
})

function call(emulator, operation, caller, input) {
  const outcome = emulator.callJson('organizations', operation, caller, JSON.stringify(input))
  const body = JSON.parse(outcome.body)
  assert.equal(outcome.ok, true, `${operation}: ${outcome.body}`)
  return body
}

test(`[${impl}] the emulator refuses malformed SCPs and simulates over its tree`, () => {
  const master = '111111111111'
  const member = '222222222222'
  const emulator = new NativeEmulator(5)
  call(emulator, 'CreateOrganization', master, {})
  const invitation = call(emulator, 'InviteAccountToOrganization', master, { Target: { Id: member, Type: 'ACCOUNT' } })
  call(emulator, 'AcceptHandshake', member, { HandshakeId: invitation.Handshake.Id })
  const root = call(emulator, 'ListRoots', master, {}).Roots[0].Id
  const ou = call(emulator, 'CreateOrganizationalUnit', master, { ParentId: root, Name: 'sandbox' }).OrganizationalUnit.Id
  call(emulator, 'MoveAccount', master, { AccountId: member, SourceParentId: root, DestinationParentId: ou })

  const malformed = emulator.callJson('organizations', 'CreatePolicy', master, JSON.stringify({
    Name: 'maybe', Description: '', Type: 'SERVICE_CONTROL_POLICY',
    Content: '{"Version":"2012-10-17","Statement":{"Effect":"Maybe","Action":"*","Resource":"*"}}',
  }))
  assert.equal(malformed.ok, false)
  assert.equal(JSON.parse(malformed.body).Code, 'MalformedPolicyDocumentException')

  const policy = call(emulator, 'CreatePolicy', master, {
    Name: 'no-s3', Description: '', Type: 'SERVICE_CONTROL_POLICY',
    Content: '{"Version":"2012-10-17","Statement":{"Sid":"NoS3","Effect":"Deny","Action":"s3:*","Resource":"*"}}',
  }).Policy.PolicySummary.Id
  call(emulator, 'AttachPolicy', master, { PolicyId: policy, TargetId: ou })

  const denied = emulator.simulate(member, 's3:GetObject', { resource: 'arn:aws:s3:::b/k' })
  assert.equal(denied.ok, true, denied.body)
  const decision = JSON.parse(denied.body)
  assert.equal(decision.allowed, false)
  assert.deepEqual(decision.deniedBy, { level: 1, target: ou, policyId: policy, statement: 0, sid: 'NoS3' })
  assert.equal(JSON.parse(emulator.simulate(member, 'ec2:RunInstances', {}).body).allowed, true)
  assert.equal(JSON.parse(emulator.simulate(master, 's3:GetObject', {}).body).exempt, 'MANAGEMENT_ACCOUNT')

  const unknown = emulator.simulate('999999999999', 's3:GetObject', {})
  assert.equal(unknown.ok, false)
  assert.equal(JSON.parse(unknown.body).Code, 'NOT_FOUND')
  assert.throws(() => emulator.simulate(member, 's3', {}), { code: 'INVALID_ARGUMENT' })

  const effective = emulator.effectiveScps(member)
  assert.equal(effective.ok, true)
  assert.deepEqual(JSON.parse(effective.body).map((level) => [level.kind, level.policies.map((p) => p.policyId)]), [
    ['ROOT', ['p-FullAWSAccess']],
    ['ORGANIZATIONAL_UNIT', ['p-FullAWSAccess', policy].sort()],
    ['ACCOUNT', ['p-FullAWSAccess']],
  ])
})

test(`[${impl}] huge, sparse and deep inputs are bounded`, () => {
  const sparse = []
  sparse.length = 2 ** 32 - 1
  assert.throws(() => orgkit.evaluateScps(sparse, 's3:GetObject'), { code: 'TOO_MANY_VALUES' })
  let deep = 'x'
  for (let i = 0; i < 100000; i += 1) deep = { a: deep }
  assert.equal(orgkit.checkScp(deep)[0].code, 'TOO_DEEP')
  const many = Array.from({ length: 10000 }, () => '{}')
  let thrown
  try {
    orgkit.evaluateScps(many, 's3:GetObject')
  } catch (error) {
    thrown = error
  }
  assert.equal(thrown.issues.length, 101)
  assert.equal(thrown.issues[100].code, 'TOO_MANY_ISSUES')
})
