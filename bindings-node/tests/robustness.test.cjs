'use strict'
// Hostile input from Node (issue 10): every failure is an orgkit error with a stable code, in
// bounded time; nothing aborts the process or leaves an object unusable.

const test = require('node:test')
const assert = require('node:assert/strict')

const orgkit = require('../orgkit.js')

function codeOf(fn) {
  try {
    fn()
  } catch (error) {
    return { error, code: error.code }
  }
  assert.fail('expected a throw')
}

test('a panic is an OrgkitInternalError and the process lives on', () => {
  for (let round = 0; round < 20; round += 1) {
    const { error, code } = codeOf(() => orgkit[Symbol.for('orgkit.testHooks')].internalPanic('boom'))
    assert.equal(code, 'INTERNAL_ERROR')
    assert.ok(error instanceof orgkit.OrgkitInternalError)
    assert.ok(error instanceof orgkit.OrgkitError)
    assert.match(error.message, /boom/)
  }
  assert.equal(orgkit.isAccountId('123456789012'), true)
  assert.deepEqual(orgkit.validateRequest('organizations', 'ListRoots', {}), { valid: true, issues: [] })
})

test('checkIds refuses an absurd length before reading, and reads a sparse array lazily', () => {
  const { error, code } = codeOf(() => orgkit.checkIds('AccountId', new Array(2 ** 32 - 1)))
  assert.equal(code, 'TOO_MANY_VALUES')
  assert.ok(error instanceof orgkit.OrgkitArgumentError)
  const sparse = new Array(1000)
  sparse[3] = '123456789012'
  const answers = orgkit.checkIds('AccountId', sparse)
  assert.equal(answers.length, 1000)
  assert.deepEqual(answers.slice(0, 5), [false, false, false, true, false])
  assert.equal(codeOf(() => orgkit.checkIds('AccountId', '123456789012')).code, 'INVALID_ARGUMENT')
  assert.equal(codeOf(() => orgkit.checkIds(7, [])).code, 'INVALID_ARGUMENT')
})

function nested(depth) {
  let value = { Leaf: 1 }
  for (let i = 0; i < depth; i += 1) value = { Inner: value }
  return value
}

test('an unknown member nested at any depth gets the same answer', () => {
  const answers = new Set()
  for (const depth of [1, 125, 126, 127, 128, 500, 4000, 5000, 100000]) {
    const { valid, issues } = orgkit.validateRequest('organizations', 'ListRoots', { Deep: nested(depth) })
    assert.equal(valid, false)
    answers.add(JSON.stringify(issues.map((i) => [i.path, i.code])))
  }
  assert.deepEqual([...answers], [JSON.stringify([['Deep', 'UNKNOWN_PARAMETER']])])
})

test('a sparse list of 2**32-1 holes and a Proxy that lies about its length are read only as far as needed', () => {
  let reads = 0
  const lying = new Proxy([], {
    get: (target, key) => {
      if (key === 'length') return 2 ** 20
      if (typeof key === 'string' && /^\d+$/.test(key)) reads += 1
      return undefined
    },
  })
  for (const states of [new Array(2 ** 20), lying]) {
    const { issues } = orgkit.validateRequest('organizations', 'ListCreateAccountStatus', { States: states })
    assert.equal(issues.length, orgkit.MAX_ISSUES + 1)
    assert.equal(issues[0].path, 'States[0]')
    assert.equal(issues.at(-1).code, 'TOO_MANY_ISSUES')
  }
  assert.ok(reads <= orgkit.MAX_ISSUES + 1, `${reads} items read`)
  // Longer than any list orgkit reads: one issue, and no item is read, valid or not.
  reads = 0
  const valid = new Proxy([], {
    get: (target, key) => {
      if (key === 'length') return 2 ** 32 - 1
      if (typeof key === 'string' && /^\d+$/.test(key)) reads += 1
      return 'SUCCEEDED'
    },
  })
  for (const states of [new Array(2 ** 32 - 1), valid]) {
    const { issues } = orgkit.validateRequest('organizations', 'ListCreateAccountStatus', { States: states })
    assert.deepEqual(issues.map((i) => [i.path, i.code]), [['States', 'MAX_LENGTH_EXCEEDED']])
  }
  assert.equal(reads, 0)
})

test('a BigInt is a wrong type, as JSON.stringify refuses it', () => {
  const { issues } = orgkit.validateRequest('organizations', 'ListAccounts', { MaxResults: 2n ** 64n + 5n })
  assert.deepEqual(issues.map((i) => [i.path, i.code]), [['MaxResults', 'INVALID_TYPE']])
})

test('a request that grows while the emulator copies it is refused, not run or aborted', async () => {
  const emulator = new orgkit.Emulator()
  const client = emulator.client('organizations', { caller: '111111111111' })
  await client.createOrganization({ FeatureSet: 'ALL' })
  let n = 0
  const changing = { get States() { n += 1; return n > 1 ? new Array(2 ** 22).fill('SUCCEEDED') : ['SUCCEEDED'] } }
  await assert.rejects(client.listCreateAccountStatus(changing), (error) => error.name === 'InvalidInputException')
  assert.deepEqual(emulator.checkInvariants(), [])
})

test('Chime CreateAccount answers 201, as its model says', async () => {
  const emulator = new orgkit.Emulator()
  const chime = emulator.client('chime', { caller: '111111111111' })
  const created = await chime.createAccount({ Name: 'Team' })
  assert.equal(created.$metadata.httpStatusCode, 201)
  const listed = await chime.listAccounts({})
  assert.equal(listed.$metadata.httpStatusCode, 200)
})

test('a million unknown keys: the first 100 issues, the valid names listed once', () => {
  const params = { Email: 'someone@example.com', AccountName: 'Prod' }
  for (let i = 0; i < 1_000_000; i += 1) params[`k${String(i).padStart(7, '0')}`] = i
  const { issues } = orgkit.validateRequest('organizations', 'CreateAccount', params)
  assert.equal(issues.length, orgkit.MAX_ISSUES + 1)
  assert.equal(issues[0].path, 'k0000000')
  assert.match(issues[0].message, /must be one of: Email, AccountName/)
  assert.doesNotMatch(issues[1].message, /AccountName/)
})

test('a throwing getter or Proxy trap is an issue at its path, a thousand times over', () => {
  const getter = { AccountName: 'Prod', get Email() { throw new Error('no email for you') } }
  const proxy = new Proxy({}, { ownKeys() { throw new Error('no keys') } })
  for (let round = 0; round < 1000; round += 1) {
    const first = orgkit.validateRequest('organizations', 'CreateAccount', getter)
    assert.deepEqual(first.issues.map((i) => [i.path, i.code]), [['Email', 'INVALID_TYPE']])
    const second = orgkit.validateRequest('organizations', 'CreateAccount', { Email: 'a@b.co', AccountName: 'P', RoleName: proxy })
    assert.deepEqual(second.issues.map((i) => [i.path, i.code]), [['RoleName', 'INVALID_TYPE']])
  }
  assert.equal(orgkit.validateRequest('organizations', 'ListRoots', {}).valid, true)
})

test('values are read as JSON.stringify writes them: toJSON, Date, undefined members', () => {
  const request = { Email: new orgkit.Email('someone@example.com'), AccountName: 'Prod', RoleName: undefined }
  assert.deepEqual(orgkit.validateRequest('organizations', 'CreateAccount', request), { valid: true, issues: [] })
  const throwing = { toJSON() { throw new Error('nope') } }
  const { issues } = orgkit.validateRequest('organizations', 'CreateAccount', { Email: throwing, AccountName: 'P' })
  assert.deepEqual(issues.map((i) => [i.path, i.code]), [['Email', 'INVALID_TYPE']])
})

test('names that are not strings are OrgkitArgumentErrors, never napi or TypeErrors', () => {
  const nullProto = Object.create(null)
  const calls = [
    () => orgkit.validateRequest(1, 'CreateAccount', {}),
    () => orgkit.validateRequest('organizations', nullProto, {}),
    () => orgkit.checkRequest(Symbol('s'), 'CreateAccount', {}),
    () => orgkit.operations(undefined),
    () => orgkit.operations(nullProto),
    () => orgkit.decideHandshake('INVITE', 'OPEN', 'accept', 5),
    () => orgkit.decideHandshake('INVITE', 'OPEN', 'accept', 'invitee', 'yes'),
    () => orgkit.decideHandshake('NOPE', 'OPEN', 'accept', 'invitee'),
    () => orgkit.checkValue({}, 'x'),
    () => new orgkit.PageWalk(nullProto, 'ListAccounts'),
    () => new orgkit.Emulator().client('organizations', { caller: nullProto }),
    () => new orgkit.Emulator().registerAccount(111111111111, 'a@b.co', 'A'),
    () => orgkit.applyHandshakeEvent(null, 'accept'),
    () => orgkit.applyHandshakeEvent({ State: 'OPEN' }, 7),
    () => orgkit.applyHandshakeEvent({ State: 'OPEN' }, 'accept', '222222222222', { now: NaN }),
    () => orgkit.applyHandshakeEvent({ State: 'OPEN' }, 'accept', '222222222222', { remainingChildren: -1 }),
  ]
  for (const call of calls) {
    const { error, code } = codeOf(call)
    assert.equal(code, 'INVALID_ARGUMENT', `${call}: ${error && error.message}`)
    assert.ok(error instanceof orgkit.OrgkitArgumentError, `${call}: ${error && error.name}`)
  }
})

test('the emulator reads a request in place: a sparse list is refused without reading it all', async () => {
  const emulator = new orgkit.Emulator()
  const client = emulator.client('organizations', { caller: '111111111111' })
  await client.createOrganization({ FeatureSet: 'ALL' })
  await assert.rejects(client.listCreateAccountStatus({ States: new Array(2 ** 20) }), (error) => {
    assert.equal(error.name, 'InvalidInputException')
    assert.equal(error.issues.length, orgkit.MAX_ISSUES + 1)
    return true
  })
  await assert.rejects(client.listCreateAccountStatus({ States: new Array(2 ** 32 - 1) }), (error) => {
    assert.deepEqual(error.issues.map((i) => i.code), ['MAX_LENGTH_EXCEEDED'])
    return true
  })
  const getter = { get FeatureSet() { throw new Error('boom') } }
  const other = emulator.client('organizations', { caller: '222222222222' })
  await assert.rejects(other.createOrganization(getter), (error) => error.name === 'InvalidInputException')
  assert.deepEqual(emulator.checkInvariants(), [])
})

async function organization() {
  const emulator = new orgkit.Emulator({ seed: 3 })
  await emulator.client('organizations', { caller: '111111111111' }).createOrganization({ FeatureSet: 'ALL' })
  return { emulator, snapshot: emulator.export() }
}

test('a snapshot with a dangling reference is refused with SNAPSHOT_CORRUPT, not a process abort', async () => {
  const { snapshot } = await organization()
  const broken = structuredClone(snapshot)
  for (const root of Object.values(broken.state.roots)) root.organization = 'o-doesnotexist'
  const swapped = structuredClone(snapshot)
  Object.values(swapped.state.organizations)[0].create_account_requests = ['h-exampleexampleid']
  const far = structuredClone(snapshot)
  far.state.clock = 1e308
  const fresh = new orgkit.Emulator()
  const before = fresh.export()
  for (const bad of [broken, swapped, far]) {
    const { error, code } = codeOf(() => fresh.importState(bad))
    assert.equal(code, 'SNAPSHOT_CORRUPT', error.message)
    assert.ok(error instanceof orgkit.OrgkitEmulatorUsageError)
  }
  assert.deepEqual(fresh.export(), before)
})

test('loading is bounded in size and to regular files', async () => {
  const fs = require('node:fs')
  const os = require('node:os')
  const path = require('node:path')
  assert.equal(codeOf(() => orgkit.Emulator.load('/dev/zero')).code, 'SNAPSHOT_IO')
  const { emulator, snapshot } = await organization()
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'orgkit-')), 'state.json')
  emulator.save(file)
  assert.equal(codeOf(() => orgkit.Emulator.load(file, { maxBytes: 100 })).code, 'SNAPSHOT_TOO_LARGE')
  assert.equal(codeOf(() => emulator.importState(snapshot, { maxBytes: 10 })).code, 'SNAPSHOT_TOO_LARGE')
  assert.equal(codeOf(() => emulator.loadInto(file, { maxBytes: -1 })).code, 'INVALID_ARGUMENT')
  assert.deepEqual(orgkit.Emulator.load(file).export(), snapshot)
})

test('the clock stays where Date can follow: no Invalid Date, refusals change nothing', async () => {
  const { emulator, snapshot } = await organization()
  assert.equal(codeOf(() => emulator.advance(3e11)).code, 'CLOCK_OUT_OF_RANGE')
  assert.deepEqual(emulator.export(), snapshot)
  emulator.advance(253402300799 - 15 * 86400 - emulator.now.getTime() / 1000)
  const client = emulator.client('organizations', { caller: '111111111111' })
  const { CreateAccountStatus } = await client.createAccount({ Email: 'late@example.com', AccountName: 'Late' })
  assert.equal(CreateAccountStatus.RequestedTimestamp.getUTCFullYear(), 9999)
  const stranger = emulator.client('organizations', { caller: '999999999999' })
  const before = JSON.stringify(emulator.export())
  await assert.rejects(stranger.listAccounts({}), (error) => error.name === 'AWSOrganizationsNotInUseException')
  assert.equal(JSON.stringify(emulator.export()), before)
})

test('the new emulator entry points refuse bad arguments with codes', async () => {
  const { emulator } = await organization()
  assert.equal(codeOf(() => emulator.prepareStandalone(5)).code, 'INVALID_ARGUMENT')
  assert.equal(codeOf(() => emulator.prepareStandalone('999999999999')).code, 'NOT_FOUND')
  for (const bad of [-1, 1.5, NaN, 2 ** 60, '10']) {
    assert.equal(codeOf(() => emulator.setPolicyDocumentLimit(bad)).code, 'INVALID_ARGUMENT', String(bad))
  }
  assert.equal(emulator.policyDocumentLimit, 5120)
  assert.equal(codeOf(() => orgkit.successStatus(1, 'CreateAccount')).code, 'INVALID_ARGUMENT')
  assert.equal(codeOf(() => orgkit.successStatus('chime', 'NoSuch')).code, 'UNKNOWN_OPERATION')
  assert.equal(orgkit.successStatus('chime', 'CreateAccount'), 201)
  const handshake = { State: 'OPEN', Action: 'INVITE', Parties: [] }
  assert.equal(codeOf(() => orgkit.applyHandshakeEvent(handshake, 'approve', '222222222222')).code, 'INVALID_ARGUMENT')
})
