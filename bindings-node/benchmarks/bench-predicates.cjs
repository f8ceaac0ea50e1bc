'use strict'
// orgkit against plain JavaScript, side by side in one run (issue 15): the ID predicates against
// RegExp.test, checkIds against a RegExp loop, validateRequest against an ajv-compiled JSON Schema
// of the same (current) model. "orgkit" goes through the public module (require('../orgkit.js')),
// with the V8 fast calls where this Node.js has them; "JS only" is the same fast path without
// them; the addon's own exports (napi-rs) and the raw Node-API callback are shown beside them for
// comparison. Prints ns per call and ratios; nothing is asserted.
//
// Run: `make node && node bindings-node/benchmarks/bench-predicates.cjs` (ORGKIT_BENCH_QUICK=1 for
// a short run).

const fs = require('node:fs')
const path = require('node:path')
const Ajv = require('ajv')
const orgkit = require('../orgkit.js')
const native = require('../index.js')

// The fast path without the V8 fast calls (the generated JavaScript in front of the addon): what
// orgkit does where no fast calls fit the running Node.js.
const hooks = orgkit[Symbol.for('orgkit.testHooks')]
const jsOnly = require('../fast.generated.js').install({ native, translated: (error) => error })

const quick = process.env.ORGKIT_BENCH_QUICK === '1'
const ROUNDS = quick ? 3 : 11

/** Best ns per call of each function, measured in interleaved rounds (the VM's speed drifts): one
 * uncounted warm-up round, then each round runs every function once, starting one further along
 * each time so that none always runs first. Every result is consumed (`fn(i)` returns a boolean,
 * for batches the answer at a position that changes with i), so nothing can be dropped as dead. */
function measure(functions, calls, perCall = 1) {
  const best = functions.map(() => Infinity)
  let sink = 0
  for (let round = -1; round < ROUNDS; round++) {
    for (let k = 0; k < functions.length; k++) {
      const index = (k + Math.max(round, 0)) % functions.length
      const fn = functions[index]
      if (!fn) continue
      const start = process.hrtime.bigint()
      for (let i = 0; i < calls; i++) sink += fn(i) ? 1 : 0
      const ns = Number(process.hrtime.bigint() - start) / calls / perCall
      if (round >= 0) best[index] = Math.min(best[index], ns)
    }
  }
  if (sink === -1) console.log(sink)
  return best
}

/** What no matcher that reads every UTF-16 unit with charCodeAt can beat: the reads alone, two a
 * step as the generated matchers read them, nothing checked (true for any non-empty string). */
function readsOnly(s) {
  const n = s.length
  let any = 0
  let i = 0
  for (; i + 1 < n; i += 2) any |= s.charCodeAt(i) | s.charCodeAt(i + 1)
  if (i < n) any |= s.charCodeAt(i)
  return any !== 0
}

/** The same bound for a batch: checkIds' loop shape (a preallocated answer array, a typeof test per
 * item) around the reads alone. */
function batchReadsOnly(list) {
  const count = list.length
  const answers = new Array(count)
  for (let i = 0; i < count; i++) {
    const item = list[i]
    answers[i] = typeof item === 'string' && readsOnly(item)
  }
  return answers
}

const fixed = (ns, width = 9) => (Number.isFinite(ns) ? ns.toFixed(1) : '—').padStart(width)
const times = (ratio, width = 9) => (Number.isFinite(ratio) ? `${ratio.toFixed(2)}x` : '—').padStart(width)

function table(title, header, rows) {
  console.log(`\n${title}\n`)
  const line = header.map(([text, width], i) => (i === 0 ? text.padEnd(width) : text.padStart(width))).join(' ')
  console.log(line)
  console.log('-'.repeat(line.length))
  for (const row of rows) console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(header[0][1]) : cell.padStart(header[i][1]))).join(' '))
}

console.log(`Node ${process.version} (V8 ${process.versions.v8}); V8 fast calls: ` +
  `${hooks.fastCalls === undefined ? 'none for this Node.js' : 'in use'}; ` +
  `tables agree with the addon: ${native.__orgkitFastDigest() === require('../fast.generated.js').DIGEST}`)

// --- 1. predicates ---------------------------------------------------------------------------

const KIND_CODE = (kind, edition = 'current') => (orgkit.EDITIONS.indexOf(edition) << 8) | orgkit.VALUE_KINDS.indexOf(kind)
const OU = '[0-9a-z]{4,32}-[a-z0-9]{8,32}'
const predicates = [
  ['AccountId, valid', 'AccountId', '123456789012', /^[0-9]{12}$/],
  ['AccountId, 11 digits', 'AccountId', '12345678901', /^[0-9]{12}$/],
  ['AccountId, {edition: original}', 'AccountId', '123456789012', /^[0-9]{12}$/, { edition: 'original' }],
  ['OrganizationId', 'OrganizationId', 'o-exampleorgid', /^o-[a-z0-9]{10,32}$/],
  ['RootId', 'RootId', 'r-examplerootid111', /^r-[0-9a-z]{4,32}$/],
  ['OrganizationalUnitId, short', 'OrganizationalUnitId', 'ou-abcd-12345678', new RegExp(`^ou-${OU}$`)],
  ['OrganizationalUnitId, 34 chars', 'OrganizationalUnitId', 'ou-examplerootid111-exampleouid111', new RegExp(`^ou-${OU}$`)],
  ['PolicyId (p-FullAWSAccess)', 'PolicyId', 'p-FullAWSAccess', /^p-[0-9a-zA-Z_]{8,128}$/],
  ['HandshakeId', 'HandshakeId', 'h-examplehandshakeid111', /^h-[0-9a-z]{8,32}$/],
  ['CreateAccountRequestId', 'CreateAccountRequestId', 'car-examplecreateaccountreques111', /^car-[a-z0-9]{8,32}$/],
  ['PolicyTargetId (an OU)', 'PolicyTargetId', 'ou-abcd-12345678', new RegExp(`^(?:r-[0-9a-z]{4,32}|[0-9]{12}|ou-${OU})$`)],
  ['ChildId (an account)', 'ChildId', '123456789012', new RegExp(`^(?:[0-9]{12}|ou-${OU})$`)],
  ['ResourcePolicyId', 'ResourcePolicyId', 'rp-examplepolicy', /^rp-[0-9a-zA-Z_]{4,128}$/],
  ['RoleName', 'RoleName', 'OrganizationAccountAccessRole', /^[\w+=,.@-]{1,64}$/],
  ['Email (no table: raw callback)', 'Email', 'someone@example.com', /^[^ \t\n\x0B\f\r@]+@[^ \t\n\x0B\f\r@]+\.[^ \t\n\x0B\f\r@]+$/],
  ['AccountName (no table)', 'AccountName', 'Finance production', /^[\x20-\x7e]{1,50}$/],
]
const predicateRows = []
for (const [name, kind, value, re, options] of predicates) {
  const ours = orgkit[`is${kind}`]
  const js = jsOnly[`is${kind}`]
  const napi = native[`is${kind}`]
  const raw = native.__orgkitIsKind
  const code = KIND_CODE(kind, options?.edition)
  const [regex, public_, jsNs, reads, rawNs, napiNs] = measure([
    () => re.test(value),
    options ? () => ours(value, options) : () => ours(value),
    options ? () => js(value, options) : () => js(value),
    () => readsOnly(value),
    () => raw(code, value),
    options ? () => napi(value, options) : () => napi(value),
  ], quick ? 100_000 : 400_000)
  if (ours(value, options) !== re.test(value)) throw new Error(`${name}: orgkit and the RegExp disagree`)
  predicateRows.push([name, fixed(regex), fixed(public_), fixed(jsNs), fixed(reads), fixed(rawNs), fixed(napiNs),
    times(regex / public_), times(regex / jsNs), times(regex / reads)])
}
table('Predicates: ns per call (RegExp.test vs orgkit through the public module)', [
  ['value', 34], ['RegExp', 9], ['orgkit', 9], ['JS only', 9], ['reads', 9], ['raw N-API', 9], ['napi-rs', 9],
  ['RegExp/orgkit', 13], ['RegExp/JS', 10], ['RegExp/reads', 13],
], predicateRows)
console.log('\n"JS only": the fast path without the V8 fast calls; "raw N-API": the addon\'s lean callback')
console.log('(__orgkitIsKind), that path\'s route for kinds without grammar tables; "napi-rs": the addon\'s generated')
console.log('export (what isAccountId was before); "reads": every unit read with charCodeAt and nothing checked,')
console.log('so "RegExp/reads" bounds what any JS matcher can reach.')

// --- 2. batches ------------------------------------------------------------------------------

const BATCH = 1000
const batches = [
  ['1,000 account IDs', 'AccountId', (i) => String(100_000_000_000 + i * 7919), /^[0-9]{12}$/],
  ['1,000 account IDs, every 10th bad', 'AccountId', (i) => (i % 10 ? String(100_000_000_000 + i * 7919) : `12345678901${i}x`), /^[0-9]{12}$/],
  ['1,000 OU IDs', 'OrganizationalUnitId', (i) => `ou-abcd-${String(10_000_000 + i)}`, new RegExp(`^ou-${OU}$`)],
  ['1,000 policy IDs', 'PolicyId', (i) => `p-examplepolicy${i}`, /^p-[0-9a-zA-Z_]{8,128}$/],
  ['1,000 policy targets (mixed)', 'PolicyTargetId', (i) => [`r-root${i}`, String(100_000_000_000 + i), `ou-root-${10_000_000 + i}`][i % 3],
    new RegExp(`^(?:r-[0-9a-z]{4,32}|[0-9]{12}|ou-${OU})$`)],
  ['1,000 emails (no table)', 'Email', (i) => `user${i}@example.com`, /^[^ \t\n\x0B\f\r@]+@[^ \t\n\x0B\f\r@]+\.[^ \t\n\x0B\f\r@]+$/],
]
const batchRows = []
for (const [name, kind, make, re] of batches) {
  // Flat strings, as values arrive from JSON (a template literal makes a rope of its parts).
  const values = JSON.parse(JSON.stringify(Array.from({ length: BATCH }, (_, i) => make(i))))
  const mine = orgkit.checkIds(kind, values)
  const theirs = values.map((v) => re.test(v))
  if (mine.some((answer, i) => answer !== theirs[i])) throw new Error(`${name}: orgkit and the RegExp disagree`)
  const [regex, ours, js, reads, napi] = measure([
    (i) => values.map((v) => re.test(v))[i % BATCH],
    (i) => orgkit.checkIds(kind, values)[i % BATCH],
    (i) => jsOnly.checkIds(kind, values)[i % BATCH],
    (i) => batchReadsOnly(values)[i % BATCH],
    (i) => native.checkIds(kind, values)[i % BATCH],
  ], quick ? 100 : 400, BATCH)
  batchRows.push([name, fixed(regex), fixed(ours), fixed(js), fixed(reads), fixed(napi), times(regex / ours),
    times(regex / js), times(regex / reads)])
}
table('Batches: ns per value (values.map(v => re.test(v)) vs orgkit.checkIds)', [
  ['batch', 34], ['RegExp', 9], ['checkIds', 9], ['JS only', 9], ['reads', 9], ['napi-rs', 9], ['RegExp/orgkit', 13],
  ['RegExp/JS', 10], ['RegExp/reads', 13],
], batchRows)
console.log('\n"JS only": checkIds without the V8 fast calls; "reads": the same loop reading every unit of every')
console.log('item with charCodeAt and checking nothing (the bound for any matcher in JavaScript).')

// --- 3. request validation -------------------------------------------------------------------

const model = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'core', 'models', 'organizations-2016-11-28.latest.json'), 'utf8'))

/** A model shape as JSON Schema: types, lengths, ranges, enums and the model's pattern (which ajv
 * applies unanchored, as the model writes it). */
function schemaOf(name) {
  const shape = model.shapes[name]
  const bounds = (schema, low, high) => {
    if (shape.min !== undefined) schema[low] = shape.min
    if (shape.max !== undefined) schema[high] = shape.max
    return schema
  }
  switch (shape.type) {
    case 'string': {
      const schema = bounds({ type: 'string' }, 'minLength', 'maxLength')
      if (shape.pattern !== undefined) schema.pattern = shape.pattern
      if (shape.enum !== undefined) schema.enum = shape.enum
      return schema
    }
    case 'integer':
      return bounds({ type: 'integer' }, 'minimum', 'maximum')
    case 'boolean':
      return { type: 'boolean' }
    case 'list':
      return bounds({ type: 'array', items: schemaOf(shape.member.shape) }, 'minItems', 'maxItems')
    case 'structure':
      return {
        type: 'object',
        properties: Object.fromEntries(Object.entries(shape.members).map(([m, ref]) => [m, schemaOf(ref.shape)])),
        required: shape.required || [],
        additionalProperties: false,
      }
    default:
      return {}
  }
}

const ajv = new Ajv({ allErrors: true, unicodeRegExp: true })
const requests = [
  ['CreateAccount, valid', 'CreateAccount', {
    Email: 'finance-prod@example.com', AccountName: 'Finance production',
    RoleName: 'OrganizationAccountAccessRole', IamUserAccessToBilling: 'DENY',
  }],
  ['InviteAccountToOrganization, valid', 'InviteAccountToOrganization', {
    Target: { Id: '123456789012', Type: 'ACCOUNT' }, Notes: 'Welcome',
  }],
  ['AttachPolicy, valid', 'AttachPolicy', { PolicyId: 'p-examplepolicy1', TargetId: 'ou-abcd-12345678' }],
  ['ListAccountsForParent, valid', 'ListAccountsForParent', { ParentId: 'r-abcd', MaxResults: 20 }],
  ['TagResource, valid', 'TagResource', { ResourceId: '123456789012', Tags: [{ Key: 'team', Value: 'finance' }] }],
  ['CreateAccount, 4 problems', 'CreateAccount', {
    Email: 'finance prod@example', AccountName: 'Caf\u00e9', RoleName: 'Admin Role', IamUserAccessToBilling: 'MAYBE',
  }],
  ['Invite, ACCOUNT target with an email', 'InviteAccountToOrganization', {
    Target: { Id: 'someone@example.com', Type: 'ACCOUNT' },
  }],
  ['AttachPolicy, target 123456789012-junk', 'AttachPolicy', { PolicyId: 'p-examplepolicy1', TargetId: '123456789012-junk' }],
  ['CreateAccount, unknown member', 'CreateAccount', { Email: 'a@example.com', AccountName: 'A', Region: 'us-east-1' }],
]
const requestRows = []
const findings = []
for (const [name, operation, params] of requests) {
  const validate = ajv.compile(schemaOf(model.operations[operation].input.shape))
  const [ours, napi, theirs] = measure([
    () => orgkit.validateRequest('organizations', operation, params).valid,
    () => native.validateRequest('organizations', operation, params).valid,
    () => validate(params),
  ], quick ? 20_000 : 60_000)
  requestRows.push([name, fixed(ours), fixed(napi), fixed(theirs), times(ours / theirs)])
  validate(params)
  findings.push([
    name,
    orgkit.validateRequest('organizations', operation, params).issues.map((i) => `${i.path} ${i.code}`),
    (validate.errors || []).map((e) => `${e.instancePath || '/'} ${e.keyword}`),
  ])
}
table('validateRequest (current edition) vs an ajv-compiled JSON Schema of the same model: ns per call', [
  ['request', 40], ['orgkit', 9], ['napi-rs', 9], ['ajv', 9], ['orgkit/ajv', 11],
], requestRows)
console.log('\n"napi-rs": the addon\'s validateRequest (the Node-API walk) alone; "orgkit/ajv" below 2 is the target')
console.log('for valid requests. What each reports:')
for (const [name, ours, theirs] of findings) {
  console.log(`  ${name}\n    orgkit: ${ours.join('; ') || 'valid'}\n    ajv:    ${theirs.join('; ') || 'valid'}`)
}
