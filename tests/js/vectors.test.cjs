'use strict'
// The shared ID and ARN vectors, run against the data API that both JS builds of orgkit
// expose: the napi-rs addon (ORGKIT_IMPL=node, the default) and the WebAssembly build for
// Node (ORGKIT_IMPL=wasm). Both must give the same answers as the Rust core.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const { orgkit, impl } = require('./impl.cjs')

const vectors = (name) =>
  JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'vectors', name), 'utf8'))
const idCases = vectors('ids.json').cases
const arnCases = vectors('arns.json').cases
const catalogue = vectors('catalogue.json')

const predicateOf = (kind) => orgkit[`is${kind}`]
const EDITIONS = ['original', 'current']
const kindsOf = Object.fromEntries(EDITIONS.map((edition) => [edition, new Set(orgkit.valueKinds({ edition }))]))

/** Checks one ID case under `options` (undefined: the default edition, current). */
function checkCase(kind, c, options) {
  const where = `${kind} ${JSON.stringify(c.value.slice(0, 60))} ${JSON.stringify(options ?? 'default')}`
  assert.equal(predicateOf(kind)(c.value, options), c.valid, where)
  assert.deepEqual(orgkit.checkIds(kind, [c.value], options), [c.valid], where)
  const result = orgkit.checkValue(kind, c.value, options)
  assert.equal(result.valid, c.valid, where)
  if (c.valid) {
    assert.deepEqual(result.issues, [], where)
    return
  }
  assert.deepEqual(
    result.issues.map((i) => i.code),
    c.issues.map((i) => i.code),
    where,
  )
  c.issues.forEach((want, n) => {
    assert.equal(result.issues[n].path, '', where)
    if (want.position !== undefined) {
      assert.match(result.issues[n].message, new RegExp(`position ${want.position}\\b`), where)
    }
  })
}

test(`[${impl}] exported catalogue equals the core's`, () => {
  assert.deepEqual([...orgkit.errorCodes()], catalogue.error_codes)
  assert.deepEqual([...orgkit.editions()], catalogue.editions)
  assert.equal(orgkit.defaultEdition(), 'current')
  // The default edition is the current one; the original edition has the first 16 kinds.
  assert.deepEqual([...orgkit.valueKinds()], catalogue.value_kinds)
  assert.deepEqual([...orgkit.valueKinds({ edition: 'current' })], catalogue.value_kinds)
  assert.deepEqual([...orgkit.valueKinds({ edition: 'original' })], catalogue.original_value_kinds)
})

test(`[${impl}] ${idCases.length} ID vectors, in each edition that has the case`, () => {
  const counts = { original: 0, current: 0 }
  for (const c of idCases) {
    // A case without an edition holds in both (the newer kinds exist in the current one only).
    for (const edition of c.edition ? [c.edition] : EDITIONS) {
      if (!kindsOf[edition].has(c.kind)) continue
      checkCase(c.kind, c, { edition })
      if (edition === 'current') checkCase(c.kind, c, undefined)
      counts[edition]++
    }
  }
  assert.ok(counts.original >= 300 && counts.current >= 300, JSON.stringify(counts))
})

test(`[${impl}] ${arnCases.length} ARN vectors`, () => {
  for (const c of arnCases) {
    // A case without an edition holds in both; the resource policy and transfer forms are the
    // current edition's only.
    for (const edition of c.edition ? [c.edition] : EDITIONS) checkCase('Arn', c, { edition })
    if (c.edition === 'current' && c.valid) {
      assert.equal(orgkit.isArn(c.value, { edition: 'original' }), false)
      assert.equal(orgkit.inspectArn(c.value, { edition: 'original' }).valid, false)
    }
    const result = orgkit.inspectArn(c.value)
    assert.equal(result.valid, c.valid)
    if (!c.valid) {
      assert.equal(result.arn, undefined)
      continue
    }
    const parts = result.arn
    assert.equal(parts.arn, c.value)
    assert.equal(parts.partition, c.partition)
    assert.equal(parts.account, c.account)
    assert.equal(parts.resourceType, c.resource_type)
    assert.equal(parts.isAwsManaged, c.account === 'aws')
    const camel = (s) => s.replace(/_([a-z])/g, (_, ch) => ch.toUpperCase())
    for (const field of [
      'organization_id', 'account_id', 'root_id', 'organizational_unit_id',
      'policy_id', 'policy_type', 'handshake_id', 'handshake_type',
      'resource_policy_id', 'responsibility_transfer_id', 'transfer_type', 'transfer_direction',
    ]) {
      assert.equal(parts[camel(field)], c.ids[field], `${field} of ${c.value}`)
    }
  }
})

test(`[${impl}] union checks name the kind inside`, () => {
  assert.equal(orgkit.checkValue('PolicyTargetId', '123456789012').kind, 'AccountId')
  assert.equal(orgkit.checkValue('ParentId', 'r-abcd').kind, 'RootId')
  assert.equal(orgkit.checkValue('ChildId', 'ou-abcd-12345678').kind, 'OrganizationalUnitId')
})

test(`[${impl}] non-strings are invalid, never a crash`, () => {
  for (const value of [undefined, null, 12, NaN, true, {}, [], 10n, Symbol('x'), () => 1]) {
    assert.equal(orgkit.isAccountId(value), false)
    assert.deepEqual(orgkit.checkIds('Email', [value]), [false])
    const result = orgkit.checkValue('AccountId', value)
    assert.equal(result.valid, false)
    assert.deepEqual(result.issues.map((i) => i.code), ['INVALID_TYPE'])
    assert.equal(orgkit.inspectArn(value).valid, false)
  }
})

test(`[${impl}] lone surrogates and huge strings`, () => {
  assert.equal(orgkit.isAccountId('12345678901\ud800'), false)
  const huge = '1'.repeat(5_000_000)
  assert.equal(orgkit.isAccountId(huge), false)
  const { issues } = orgkit.checkValue('AccountId', huge)
  assert.equal(issues[0].code, 'INVALID_PATTERN')
  assert.ok(issues[0].message.length < 400)
})

test(`[${impl}] unknown kinds and non-array batches throw a clear error`, () => {
  assert.throws(() => orgkit.checkValue('Nope', 'x'), /unknown kind "Nope"/)
  assert.throws(() => orgkit.checkIds('Nope', []), /unknown kind "Nope"/)
  for (const kind of [5, null, undefined, {}]) {
    assert.throws(() => orgkit.checkValue(kind, 'x'), /kind must be a string/)
    assert.throws(() => orgkit.checkIds(kind, []), /kind must be a string/)
  }
  for (const values of [5, 'abc', null, { length: 3 }]) {
    assert.throws(() => orgkit.checkIds('AccountId', values), /values must be an array/)
  }
  // The module keeps working after those errors.
  assert.equal(orgkit.isAccountId('123456789012'), true)
})

// --- request validation -------------------------------------------------------------------

/** The vectors write very long strings as {"$repeat": CHAR, "$times": N}. */
function expand(value) {
  if (Array.isArray(value)) return value.map(expand)
  if (value && typeof value === 'object') {
    if ('$repeat' in value) return value.$repeat.repeat(value.$times)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expand(v)]))
  }
  return value
}

const SERVICES = ['organizations', 'account', 'chime']

/** The (path, code) pairs of a request's issues. */
const issuePairs = (result) => result.issues.map((i) => [i.path, i.code])

test(`[${impl}] request vectors of the original edition`, () => {
  let count = 0
  const covered = new Set()
  const original = { edition: 'original' }
  for (const service of SERVICES) {
    const file = vectors(`requests/${service}.json`)
    if (file.edition !== undefined) assert.equal(file.edition, 'original')
    for (const c of file.cases) {
      const result = orgkit.validateRequest(service, c.operation, expand(c.params), original)
      const where = `${service} ${c.operation}: ${c.note}`
      assert.deepEqual(issuePairs(result), c.issues, where)
      assert.equal(result.valid, c.issues.length === 0, where)
      covered.add(`${service}/${c.operation}`)
      count++
    }
  }
  assert.ok(count >= 400, `${count} vectors`)
  const listed = SERVICES.flatMap((s) => orgkit.operations(s, original).map(([name]) => `${s}/${name}`))
  assert.deepEqual([...covered].sort(), listed.sort())
  assert.equal(listed.length, 46)
})

test(`[${impl}] request vectors of the current edition (the default)`, () => {
  const files = SERVICES.map((service) => [service, vectors(`requests/current/${service}.json`)])
  let count = 0
  const covered = new Set()
  for (const [service, file] of files) {
    if (file.edition !== undefined) assert.equal(file.edition, 'current')
    for (const c of file.cases) {
      const result = orgkit.validateRequest(service, c.operation, expand(c.params))
      const where = `${service} ${c.operation}: ${c.note}`
      assert.deepEqual(issuePairs(result), c.issues, where)
      assert.equal(result.valid, c.issues.length === 0, where)
      covered.add(`${service}/${c.operation}`)
      count++
    }
  }
  assert.ok(count >= 400, `${count} vectors`)
  const listed = SERVICES.flatMap((s) => orgkit.operations(s).map(([name]) => `${s}/${name}`))
  assert.deepEqual([...covered].sort(), listed.sort())
  assert.equal(listed.length, 83)
})

test(`[${impl}] cross-edition request vectors`, () => {
  const file = vectors('requests/cross_edition.json')
  assert.ok(file.cases.length > 0)
  for (const c of file.cases) {
    for (const edition of EDITIONS) {
      const expected = c.expected[edition]
      const where = `${c.service} ${c.operation} (${edition}): ${c.note}`
      const run = () => orgkit.validateRequest(c.service, c.operation, expand(c.params), { edition })
      if (expected === 'UNKNOWN_OPERATION') {
        assert.throws(run, (error) => {
          assert.equal(error.code, 'UNKNOWN_OPERATION', where)
          assert.equal(error.name, 'OrgkitUnknownOperationError', where)
          assert.match(error.message, new RegExp(`in the ${edition} edition`), where)
          return true
        }, where)
        continue
      }
      const result = run()
      assert.deepEqual(issuePairs(result), expected, where)
      assert.equal(result.valid, expected.length === 0, where)
    }
  }
})

test(`[${impl}] request validation: names, undefined members, hostile input`, () => {
  const good = { Email: 'someone@example.com', AccountName: 'Prod' }
  assert.equal(orgkit.validateRequest('organizations', 'create_account', good).valid, true)
  assert.equal(orgkit.validateRequest('organizations', 'CreateAccount', { ...good, RoleName: undefined }).valid, true)
  assert.throws(() => orgkit.validateRequest('organisations', 'CreateAccount', {}), /unknown service "organisations"; expected one of: organizations, account, chime/)
  assert.throws(() => orgkit.validateRequest('chime', 'DeleteAccount', {}), /unknown operation "DeleteAccount" of chime/)
  const nan = orgkit.validateRequest('organizations', 'ListRoots', { MaxResults: NaN })
  assert.deepEqual(nan.issues.map((i) => [i.path, i.code]), [['MaxResults', 'INVALID_TYPE']])
  const deep = {}
  let node = deep
  for (let i = 0; i < 5000; i++) node = node.Target = {}
  assert.equal(orgkit.validateRequest('organizations', 'InviteAccountToOrganization', deep).valid, false)
  // The module still answers after all that.
  assert.equal(orgkit.validateRequest('organizations', 'CreateAccount', good).valid, true)
})

// --- handshake state machine ----------------------------------------------------------------

test(`[${impl}] handshake vectors and table`, () => {
  const cases = vectors('handshake.json').cases
  const expected = (c) => (typeof c.outcome === 'string' ? { to: c.outcome } : { error: c.outcome.error })
  for (const c of cases) {
    const got = orgkit.decideHandshake(c.action, c.from, c.event, c.role, c.expired, c.last_child)
    assert.deepEqual({ ...got }, expected(c), JSON.stringify(c))
  }
  const table = orgkit.handshakeTransitions()
  assert.equal(table.length, 360)
  table.forEach((row, n) => {
    const c = cases[n]
    assert.deepEqual([row.action, row.from, row.event, row.role], [c.action, c.from, c.event, c.role])
    const { to, error } = row
    assert.deepEqual(to !== undefined ? { to } : { error }, expected(c))
  })
  assert.throws(() => orgkit.decideHandshake('INVITE', 'OPEN', 'approve', 'recipient'), /unknown event "approve"/)
})
