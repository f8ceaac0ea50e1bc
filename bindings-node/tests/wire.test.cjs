'use strict'
// The emulator's wire protocols from Node: handleHttp answers the bytes AWS would send, the
// caller comes from the SigV4 access key, STS AssumeRole switches into a created account.

const test = require('node:test')
const assert = require('node:assert/strict')
const orgkit = require('../orgkit.js')

const MASTER = '111111111111'

function signed(key, service) {
  return `AWS4-HMAC-SHA256 Credential=${key}/20170227/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=0`
}

function organizations(emu, key, operation, body = '{}') {
  const response = emu.handleHttp({
    method: 'POST',
    path: '/',
    headers: {
      'X-Amz-Target': `AWSOrganizationsV20161128.${operation}`,
      'Content-Type': 'application/x-amz-json-1.1',
      Authorization: signed(key, 'organizations'),
    },
    body,
  })
  return { ...response, json: JSON.parse(Buffer.from(response.body).toString('utf8')) }
}

test('Organizations over awsJson 1.1, callers from access keys', () => {
  const emu = new orgkit.Emulator({ seed: 1 })
  const master = emu.credentials(MASTER)
  assert.match(master.accessKeyId, /^AKIAORGK111111111111$/)
  const created = organizations(emu, master.accessKeyId, 'CreateOrganization')
  assert.equal(created.statusCode, 200)
  assert.equal(created.headers['content-type'], 'application/x-amz-json-1.1')
  assert.equal(created.json.Organization.MasterAccountId, MASTER)
  const outsider = emu.credentials('222222222222').accessKeyId
  const refused = organizations(emu, outsider, 'ListAccounts')
  assert.equal(refused.statusCode, 400)
  assert.equal(refused.json.__type, 'AWSOrganizationsNotInUseException')
  const unknown = organizations(emu, outsider, 'CloseAccount')
  assert.equal(unknown.json.__type, 'UnknownOperationException')
  const broken = organizations(emu, outsider, 'ListRoots', new Uint8Array([0xff, 0x7b]))
  assert.equal(broken.json.__type, 'SerializationException')
  emu.defaultCaller = '333333333333'
  assert.equal(emu.defaultCaller, '333333333333')
  assert.throws(() => { emu.defaultCaller = 'nope' }, orgkit.OrgkitEmulatorUsageError)
})

test('STS AssumeRole into the account CreateAccount made; Chime over restJson1', () => {
  const emu = new orgkit.Emulator({ seed: 1 })
  const key = emu.credentials(MASTER).accessKeyId
  organizations(emu, key, 'CreateOrganization')
  const request = organizations(emu, key, 'CreateAccount', JSON.stringify({ Email: 'a@example.com', AccountName: 'a' }))
  const status = organizations(emu, key, 'DescribeCreateAccountStatus',
    JSON.stringify({ CreateAccountRequestId: request.json.CreateAccountStatus.Id }))
  const account = status.json.CreateAccountStatus.AccountId
  assert.equal(status.json.CreateAccountStatus.State, 'SUCCEEDED')
  const form = new URLSearchParams({
    Action: 'AssumeRole', Version: '2011-06-15',
    RoleArn: `arn:aws:iam::${account}:role/OrganizationAccountAccessRole`, RoleSessionName: 'setup',
  }).toString()
  const assumed = emu.handleHttp({
    method: 'POST', path: '/', body: form,
    headers: [['Content-Type', 'application/x-www-form-urlencoded'], ['Authorization', signed(key, 'sts')]],
  })
  const xml = Buffer.from(assumed.body).toString('utf8')
  assert.equal(assumed.statusCode, 200, xml)
  assert.match(xml, new RegExp(`<Arn>arn:aws:sts::${account}:assumed-role/OrganizationAccountAccessRole/setup</Arn>`))
  const chime = emu.handleHttp({ method: 'POST', path: '/accounts', headers: { 'content-type': 'application/json' }, body: '{"Name":"team"}' })
  assert.equal(chime.statusCode, 201)
  const missing = emu.handleHttp({ method: 'GET', path: '/accounts/nope' })
  assert.equal(missing.headers['x-amzn-errortype'], 'NotFoundException')
})

test('bad arguments are usage errors, never a crash', () => {
  const emu = new orgkit.Emulator({ seed: 1 })
  assert.throws(() => emu.handleHttp(null), orgkit.OrgkitEmulatorUsageError)
  assert.throws(() => emu.handleHttp({ method: 5 }), orgkit.OrgkitArgumentError)
  assert.throws(() => emu.credentials('12'), orgkit.OrgkitEmulatorUsageError)
  const odd = emu.handleHttp({ method: 'PATCH', path: '/' + 'x'.repeat(100000), headers: { a: 'b' } })
  assert.equal(odd.statusCode, 404)
})
