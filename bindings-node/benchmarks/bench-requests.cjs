'use strict'
// Request validation from Node: orgkit against an ajv-compiled JSON Schema of the same
// request, generated here from the same 2017 Organizations model (so orgkit is asked for the
// original edition, that model's); then orgkit's two editions side by side on the same
// requests. Prints ns per call and the ratios, then what each reports for the same bad
// requests. Nothing is asserted.
//
// Run: `make node && node bindings-node/benchmarks/bench-requests.cjs`

const fs = require('node:fs')
const path = require('node:path')
const Ajv = require('ajv')
const orgkit = require('../orgkit.js')

// The WebAssembly build for Node, when `make wasm` has produced it.
let wasm = null
try {
  wasm = require('../../bindings-wasm/pkg/node/orgkit_wasm.js')
} catch {
  wasm = null
}

const model = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', '..', 'core', 'models', 'organizations-2016-11-28.2017-02.json'), 'utf8'),
)

/** The model shape as JSON Schema: types, lengths, ranges, enums and the model's pattern. */
function schemaOf(name) {
  const shape = model.shapes[name]
  switch (shape.type) {
    case 'string': {
      const schema = { type: 'string' }
      if (shape.min !== undefined) schema.minLength = shape.min
      if (shape.max !== undefined) schema.maxLength = shape.max
      if (shape.pattern !== undefined) schema.pattern = shape.pattern
      if (shape.enum !== undefined) schema.enum = shape.enum
      return schema
    }
    case 'integer':
      return { type: 'integer', minimum: shape.min, maximum: shape.max }
    case 'list':
      return { type: 'array', items: schemaOf(shape.member.shape) }
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

const ORIGINAL = { edition: 'original' }
const ajv = new Ajv({ allErrors: true, unicodeRegExp: true })
const cases = [
  ['CreateAccount, valid', 'CreateAccount', {
    Email: 'finance-prod@example.com', AccountName: 'Finance production',
    RoleName: 'OrganizationAccountAccessRole', IamUserAccessToBilling: 'DENY',
  }],
  ['CreateAccount, 4 problems', 'CreateAccount', {
    Email: 'finance prod@example', AccountName: 'Caf\u00e9', RoleName: 'Admin Role', IamUserAccessToBilling: 'MAYBE',
  }],
  ['InviteAccountToOrganization, valid', 'InviteAccountToOrganization', {
    Target: { Id: '123456789012', Type: 'ACCOUNT' }, Notes: 'Welcome',
  }],
  ['Invite, ACCOUNT target with an email', 'InviteAccountToOrganization', {
    Target: { Id: 'someone@example.com', Type: 'ACCOUNT' },
  }],
  ['AttachPolicy, target 123456789012-junk', 'AttachPolicy', {
    PolicyId: 'p-examplepolicy1', TargetId: '123456789012-junk',
  }],
]

function nsPerCall(fn, rounds = 7, calls = 50000) {
  let best = Infinity
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint()
    for (let i = 0; i < calls; i++) fn()
    best = Math.min(best, Number(process.hrtime.bigint() - start) / calls)
  }
  return best
}

console.log(`Node ${process.version}; ns per call, best of 7 rounds of 50,000 (ajv with allErrors)\n`)
const header = `${'request'.padEnd(40)} ${'napi'.padStart(8)} ${'wasm'.padStart(8)} ${'ajv'.padStart(8)} ${'ajv/napi'.padStart(9)} ${'ajv/wasm'.padStart(9)}`
console.log(header)
console.log('-'.repeat(header.length))
const findings = []
for (const [name, operation, params] of cases) {
  const validate = ajv.compile(schemaOf(model.operations[operation].input.shape))
  const ours = nsPerCall(() => orgkit.validateRequest('organizations', operation, params, ORIGINAL))
  const viaWasm = wasm ? nsPerCall(() => wasm.validateRequest('organizations', operation, params, ORIGINAL)) : NaN
  const theirs = nsPerCall(() => validate(params))
  console.log(
    `${name.padEnd(40)} ${ours.toFixed(0).padStart(8)} ${viaWasm.toFixed(0).padStart(8)} ${theirs.toFixed(0).padStart(8)}` +
      ` ${(theirs / ours).toFixed(2).padStart(8)}x ${(theirs / viaWasm).toFixed(2).padStart(8)}x`,
  )
  validate(params)
  findings.push([
    name,
    orgkit.validateRequest('organizations', operation, params, ORIGINAL).issues.map((i) => `${i.path} ${i.code}`),
    (validate.errors || []).map((e) => `${e.instancePath || '/'} ${e.keyword}`),
  ])
}
// The two editions side by side on the same requests (each valid or invalid alike in both).
const CURRENT = { edition: 'current' }
console.log('\nPer edition (ns per call):\n')
const editionHeader = `${'request'.padEnd(40)} ${'napi orig'.padStart(10)} ${'napi cur'.padStart(10)} ${'cur/orig'.padStart(9)} ${'wasm orig'.padStart(10)} ${'wasm cur'.padStart(10)} ${'cur/orig'.padStart(9)}`
console.log(editionHeader)
console.log('-'.repeat(editionHeader.length))
for (const [name, operation, params] of cases) {
  const napiOriginal = nsPerCall(() => orgkit.validateRequest('organizations', operation, params, ORIGINAL))
  const napiCurrent = nsPerCall(() => orgkit.validateRequest('organizations', operation, params, CURRENT))
  const wasmOriginal = wasm ? nsPerCall(() => wasm.validateRequest('organizations', operation, params, ORIGINAL)) : NaN
  const wasmCurrent = wasm ? nsPerCall(() => wasm.validateRequest('organizations', operation, params, CURRENT)) : NaN
  console.log(
    `${name.padEnd(40)} ${napiOriginal.toFixed(0).padStart(10)} ${napiCurrent.toFixed(0).padStart(10)} ${(napiCurrent / napiOriginal).toFixed(2).padStart(8)}x` +
      ` ${wasmOriginal.toFixed(0).padStart(10)} ${wasmCurrent.toFixed(0).padStart(10)} ${(wasmCurrent / wasmOriginal).toFixed(2).padStart(8)}x`,
  )
}

console.log('\nWhat each reports:')
for (const [name, ours, theirs] of findings) {
  console.log(`  ${name}\n    orgkit: ${ours.join('; ') || 'valid'}\n    ajv:    ${theirs.join('; ') || 'valid'}`)
}
