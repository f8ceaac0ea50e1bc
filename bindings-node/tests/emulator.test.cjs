'use strict'
// The Node emulator API: SDK-v3-shaped clients (Date timestamps, $metadata, exception
// classes), paginate<Operation> iterators, snapshots and bad input.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const orgkit = require('../orgkit.js')

const MASTER = '111111111111'
const MEMBER = '222222222222'

async function organization(featureSet = 'ALL') {
  const emu = new orgkit.Emulator({ seed: 3 })
  const org = emu.client('organizations', { caller: MASTER })
  await org.createOrganization({ FeatureSet: featureSet })
  const root = (await org.listRoots({})).Roots[0].Id
  return { emu, org, root }
}

test('SDK v3 shapes: Date timestamps and $metadata', async () => {
  const { emu, org } = await organization()
  const status = (await org.createAccount({ Email: 'dev@example.com', AccountName: 'Dev' })).CreateAccountStatus
  assert.ok(status.RequestedTimestamp instanceof Date)
  assert.equal(status.RequestedTimestamp.toISOString(), '2017-02-27T00:00:00.000Z')
  emu.advance(60)
  const done = await org.describeCreateAccountStatus({ CreateAccountRequestId: status.Id })
  assert.equal(done.CreateAccountStatus.State, 'SUCCEEDED')
  assert.equal(done.$metadata.httpStatusCode, 200)
  const chime = emu.client('chime', { caller: MASTER })
  const account = (await chime.createAccount({ Name: 'Team' })).Account
  assert.equal(account.CreatedTimestamp.getTime(), emu.now.getTime())
})

test('errors are SDK v3 service exceptions, one class per code', async () => {
  const { emu, org, root } = await organization()
  const ou = (await org.createOrganizationalUnit({ ParentId: root, Name: 'Eng' })).OrganizationalUnit.Id
  await assert.rejects(org.createOrganizationalUnit({ ParentId: root, Name: 'Eng' }), (err) => {
    assert.ok(err instanceof orgkit.exceptions.DuplicateOrganizationalUnitException)
    assert.ok(err instanceof orgkit.OrgkitServiceError)
    assert.equal(err.name, 'DuplicateOrganizationalUnitException')
    assert.equal(err.$fault, 'client')
    assert.equal(err.$metadata.httpStatusCode, 400)
    return true
  })
  await assert.rejects(org.detachPolicy({ PolicyId: 'p-FullAWSAccess', TargetId: ou }), (err) => {
    assert.equal(err.Reason, 'MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED')
    return true
  })
  const member = emu.client('organizations', { caller: MEMBER })
  await assert.rejects(member.listAccounts({}), orgkit.exceptions.AWSOrganizationsNotInUseException)
  await assert.rejects(org.createOrganizationalUnit({ ParentId: 'junk', Name: 1n }), (err) => {
    assert.equal(err.name, 'InvalidInputException')
    assert.deepEqual(err.issues.map((i) => i.code), ['INVALID_PATTERN', 'INVALID_TYPE'])
    return true
  })
  const cycle = {}
  cycle.self = cycle
  await assert.rejects(org.createOrganizationalUnit(cycle), orgkit.exceptions.InvalidInputException)
  let deep = 'x'
  for (let i = 0; i < 100000; i++) deep = [deep]
  await assert.rejects(org.createOrganizationalUnit({ ParentId: root, Name: deep }), orgkit.exceptions.InvalidInputException)
  await assert.rejects(org.createOrganizationalUnit({ ParentId: root, Name: 'x'.repeat(1 << 20) }), (err) => {
    assert.equal(err.Reason, 'MAX_LENGTH_EXCEEDED')
    return true
  })
  await assert.rejects(emu.client('organizations', { caller: 'root' }).listRoots({}), orgkit.OrgkitEmulatorUsageError)
  assert.throws(() => emu.advance(Number.NaN), orgkit.OrgkitEmulatorUsageError)
  for (const seed of [-1, 1.5, '7', 2 ** 60]) {
    assert.throws(() => new orgkit.Emulator({ seed }), orgkit.OrgkitEmulatorUsageError)
  }
  assert.throws(() => emu.setQuotas({ maxAcounts: 1 }), orgkit.OrgkitEmulatorUsageError)
  assert.throws(() => emu.setQuotas({ maxAccounts: -1 }), orgkit.OrgkitEmulatorUsageError)
  emu.setQuotas({ maxAccounts: 2 })
  assert.equal(emu.quotas.maxAccounts, 2)
})

test('invitations and enable-all-features across accounts', async () => {
  const { emu, org } = await organization('CONSOLIDATED_BILLING')
  const member = emu.client('organizations', { caller: MEMBER })
  const invite = (await org.inviteAccountToOrganization({ Target: { Id: MEMBER, Type: 'ACCOUNT' } })).Handshake
  assert.equal(invite.ExpirationTimestamp - invite.RequestedTimestamp, 15 * 86400 * 1000)
  await member.acceptHandshake({ HandshakeId: invite.Id })
  const parent = (await org.enableAllFeatures({})).Handshake
  const child = (await member.listHandshakesForAccount({ Filter: { ActionType: 'APPROVE_ALL_FEATURES' } })).Handshakes[0]
  await member.acceptHandshake({ HandshakeId: child.Id })
  await org.acceptHandshake({ HandshakeId: parent.Id })
  assert.equal((await org.describeOrganization({})).Organization.FeatureSet, 'ALL')
})

test('paginate<Operation> walks every page', async () => {
  const { emu, org } = await organization()
  for (let n = 0; n < 25; n++) await org.createAccount({ Email: `a${n}@example.com`, AccountName: `A${n}` })
  emu.advance(1)
  const sizes = []
  for await (const page of org.paginateListAccounts({}, { pageSize: 10 })) sizes.push(page.Accounts.length)
  assert.deepEqual(sizes, [10, 10, 6])
  const items = []
  for await (const account of org.paginateListAccounts({}).items()) items.push(account.Id)
  assert.equal(new Set(items).size, 26)
})

test('save and load through files', async () => {
  const { emu, org, root } = await organization()
  await org.createOrganizationalUnit({ ParentId: root, Name: 'Kept' })
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orgkit-'))
  const file = path.join(dir, 'state.json')
  emu.save(file)
  const loaded = orgkit.Emulator.load(file)
  assert.deepEqual(loaded.export(), emu.export())
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').slice(0, 100))
  assert.throws(() => loaded.loadInto(file), (err) => err.code === 'SNAPSHOT_CORRUPT')
  assert.deepEqual(loaded.export(), emu.export())
  fs.rmSync(dir, { recursive: true })
})

test('importState refuses what JSON cannot hold, leaving the state as it was', () => {
  const emu = new orgkit.Emulator({ seed: 3 })
  const before = emu.export()
  const cycle = {}
  cycle.self = cycle
  let deep = {}
  for (let i = 0; i < 100000; i++) deep = { a: deep }
  for (const bad of [cycle, deep, { format: 10n }, undefined, 'junk']) {
    assert.throws(() => emu.importState(bad), (e) => e instanceof orgkit.OrgkitEmulatorUsageError && e.code === 'SNAPSHOT_CORRUPT')
  }
  assert.deepEqual(emu.export(), before)
})

test('lone surrogates in a request are replaced, as the SDK would send them, and checked', async () => {
  const emu = new orgkit.Emulator({ seed: 3 })
  const org = emu.client('organizations', { caller: '111111111111' })
  await org.createOrganization({})
  const [root] = (await org.listRoots({})).Roots
  await assert.rejects(org.createAccount({ Email: 'a\ud800@example.com', AccountName: 'x' }),
    (e) => e instanceof orgkit.exceptions.InvalidInputException && e.issues[0].path === 'Email')
  await assert.rejects(org.createOrganizationalUnit({ ParentId: root.Id, Name: 'team\udc80' }),
    (e) => e instanceof orgkit.exceptions.InvalidInputException && e.issues[0].path === 'Name')
  const policy = await org.createPolicy({ Name: 'p', Description: 'note\udc80', Type: 'SERVICE_CONTROL_POLICY',
    Content: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }) })
  assert.equal(policy.Policy.PolicySummary.Description, 'note\ufffd')
})
