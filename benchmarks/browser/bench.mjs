// Runs in headless Chromium (benchmarks/browser/run.cjs serves the repository and opens
// page.html): orgkit's WebAssembly form bundle (bindings-wasm/pkg/web) against RegExp.test, a
// RegExp loop and an ajv-compiled JSON Schema of the same model, side by side in one run; and the
// Node package's generated matchers (fast.generated.js, bundled for the page) to show what the
// same tables give as plain JavaScript here. Results go to `window.benchResults`; nothing is
// asserted.
import init, * as orgkit from '/bindings-wasm/pkg/web/orgkit_wasm.js'
import { Ajv, fast } from '/test-output/bench-browser/deps.mjs'

const params = new URLSearchParams(location.search)
const ROUNDS = params.get('quick') ? 3 : 9

/** Best ns per call of each function, measured in interleaved rounds of at least ~20 ms. */
function measure(functions, calls, perCall = 1) {
  const best = functions.map(() => Infinity)
  let sink = 0
  for (let round = 0; round < ROUNDS; round++) {
    functions.forEach((fn, index) => {
      if (!fn) return
      const start = performance.now()
      for (let i = 0; i < calls; i++) sink += fn() ? 1 : 0
      const ns = ((performance.now() - start) * 1e6) / calls / perCall
      best[index] = Math.min(best[index], ns)
    })
  }
  if (sink === -1) console.log(sink)
  return best
}

/** The generated module over a stand-in addon that only lets its grammar matchers answer (the
 * WASM bundle has no raw callbacks nor the tables' digest): each function of the stand-in is the
 * WASM bundle's. */
function generatedMatchers() {
  const stand = { ...orgkit, __orgkitFastDigest: () => fast.DIGEST }
  return fast.install({ native: stand, translated: (error) => error })
}

async function run() {
  await init()
  const generated = generatedMatchers()
  const OU = '[0-9a-z]{4,32}-[a-z0-9]{8,32}'
  const EMAIL = /^[^ \t\n\x0B\f\r@]+@[^ \t\n\x0B\f\r@]+\.[^ \t\n\x0B\f\r@]+$/
  const predicates = [
    ['AccountId, valid', 'AccountId', '123456789012', /^[0-9]{12}$/],
    ['AccountId, 11 digits', 'AccountId', '12345678901', /^[0-9]{12}$/],
    ['OrganizationalUnitId, short', 'OrganizationalUnitId', 'ou-abcd-12345678', new RegExp(`^ou-${OU}$`)],
    ['OrganizationalUnitId, 34 chars', 'OrganizationalUnitId', 'ou-examplerootid111-exampleouid111', new RegExp(`^ou-${OU}$`)],
    ['PolicyId (p-FullAWSAccess)', 'PolicyId', 'p-FullAWSAccess', /^p-[0-9a-zA-Z_]{8,128}$/],
    ['PolicyTargetId (an OU)', 'PolicyTargetId', 'ou-abcd-12345678', new RegExp(`^(?:r-[0-9a-z]{4,32}|[0-9]{12}|ou-${OU})$`)],
    ['Email', 'Email', 'someone@example.com', EMAIL],
  ]
  const predicateRows = []
  for (const [name, kind, value, re] of predicates) {
    const wasm = orgkit[`is${kind}`]
    const js = generated[`is${kind}`]
    const [regex, ours, plain] = measure([() => re.test(value), () => wasm(value), kind === 'Email' ? null : () => js(value)], 200_000)
    predicateRows.push([name, regex, ours, plain])
  }
  const batches = [
    ['1,000 account IDs', 'AccountId', (i) => String(100_000_000_000 + i * 7919), /^[0-9]{12}$/],
    ['1,000 OU IDs', 'OrganizationalUnitId', (i) => `ou-abcd-${String(10_000_000 + i)}`, new RegExp(`^ou-${OU}$`)],
    ['1,000 emails', 'Email', (i) => `user${i}@example.com`, EMAIL],
  ]
  const batchRows = []
  for (const [name, kind, make, re] of batches) {
    // Flat strings, as values arrive from JSON (a template literal makes a rope of its parts).
    const values = JSON.parse(JSON.stringify(Array.from({ length: 1000 }, (_, i) => make(i))))
    const [regex, ours, plain] = measure([
      () => values.map((v) => re.test(v)).length,
      () => orgkit.checkIds(kind, values).length,
      kind === 'Email' ? null : () => generated.checkIds(kind, values).length,
    ], 200, 1000)
    batchRows.push([name, regex, ours, plain])
  }

  const model = await (await fetch('/core/models/organizations-2016-11-28.latest.json')).json()
  const schemaOf = (shapeName) => {
    const shape = model.shapes[shapeName]
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
    ['InviteAccountToOrganization, valid', 'InviteAccountToOrganization', { Target: { Id: '123456789012', Type: 'ACCOUNT' }, Notes: 'Welcome' }],
    ['AttachPolicy, valid', 'AttachPolicy', { PolicyId: 'p-examplepolicy1', TargetId: 'ou-abcd-12345678' }],
    ['ListAccountsForParent, valid', 'ListAccountsForParent', { ParentId: 'r-abcd', MaxResults: 20 }],
    ['CreateAccount, 4 problems', 'CreateAccount', {
      Email: 'finance prod@example', AccountName: 'Caf\u00e9', RoleName: 'Admin Role', IamUserAccessToBilling: 'MAYBE',
    }],
    ['AttachPolicy, target 123456789012-junk', 'AttachPolicy', { PolicyId: 'p-examplepolicy1', TargetId: '123456789012-junk' }],
  ]
  const requestRows = []
  for (const [name, operation, request] of requests) {
    const validate = ajv.compile(schemaOf(model.operations[operation].input.shape))
    const [ours, theirs] = measure([
      () => orgkit.validateRequest('organizations', operation, request).valid,
      () => validate(request),
    ], 20_000)
    validate(request)
    requestRows.push([name, ours, theirs,
      orgkit.validateRequest('organizations', operation, request).issues.map((i) => `${i.path} ${i.code}`).join('; ') || 'valid',
      (validate.errors || []).map((e) => `${e.instancePath || '/'} ${e.keyword}`).join('; ') || 'valid'])
  }
  window.benchResults = { userAgent: navigator.userAgent, predicateRows, batchRows, requestRows }
  document.body.dataset.done = 'true'
}

run().catch((error) => {
  window.benchResults = { error: String(error && error.stack || error) }
  document.body.dataset.done = 'true'
})
