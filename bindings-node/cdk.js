'use strict'
// `orgkit/cdk`: orgkit's checks for AWS CDK apps. Every AWS::Organizations resource of an app is
// turned into the API request of the operation that creates it (one declarative table,
// RESOURCE_TYPES) and checked by orgkit's core through orgkit.js, with the edition the user
// picks; the cross-resource rules that a synthesized app can see are checked here. Two ways in:
//   - OrgkitChecks, an Aspect: `Aspects.of(app).add(new OrgkitChecks())`. It reads the L1
//     resources of the final construct tree at validation time (after every aspect and after
//     the cross-stack references are prepared), reports each finding as an error annotation on
//     the resource and, by default, as a construct validation error, which makes `app.synth()`
//     throw and `cdk synth` exit non-zero.
//   - OrgkitPolicyValidation, a CDK policy-validation plugin: it reads the synthesized templates,
//     those CDK hands it and the nested stack templates they deploy, found in the cloud assembly.
// Neither checks a value CDK cannot know at synth time (a token: a Ref, Fn::GetAtt, parameter,
// import, Lazy value, dynamic reference): such a value is skipped, never reported.

const fs = require('node:fs')
const path = require('node:path')
const orgkit = require('./orgkit.js')

/** aws-cdk-lib, the user's copy: it is an optional peer dependency of orgkit. */
const cdk = (() => {
  try {
    return require('aws-cdk-lib')
  } catch (error) {
    const missing = error && error.code === 'MODULE_NOT_FOUND' && /['"](aws-cdk-lib|constructs)['"]/.exec(error.message)
    if (!missing) throw error
    const failure = new orgkit.OrgkitError(
      `orgkit/cdk needs the AWS CDK: the package ${missing[1]} could not be found. Install aws-cdk-lib (^2) ` +
        "and constructs (^10) beside orgkit (npm install aws-cdk-lib constructs); the rest of orgkit ('orgkit', " +
        "'orgkit/sdk') works without them.",
      { cause: error },
    )
    failure.code = 'MISSING_PEER_DEPENDENCY'
    throw failure
  }
})()

// ---------------------------------------------------------------------------------------------
// The table: CloudFormation resource type -> API operation, property -> request member.

/**
 * What each AWS::Organizations resource type is checked against.
 * - `operation`: the Organizations API operation CloudFormation calls to create the resource;
 *   its request is validated with `validateRequest` under the chosen edition.
 * - `properties`: each checked CloudFormation property, with
 *   `member` (the request member it becomes; paths are reported with the property name),
 *   `optional` (CloudFormation lets it out although the API requires the member: an absent
 *   value is not reported), `jsonText` (CloudFormation takes a JSON object or a string; the API
 *   takes the JSON text), `each` (a list property whose every item is checked as an ID of that
 *   kind with `checkValue`), `atMost` (the most items CloudFormation accepts), `refersTo`
 *   (`parent` or `target`: a reference to a resource of the app must resolve to a resource
 *   whose value can be one, see REFERENCE_ROLES).
 * - `returns`: the kind of value `Ref` and each `Fn::GetAtt` attribute give (`Ref` first);
 *   attributes not listed give something that is no ID.
 * - `uniqueNamesUnder`: sibling names (`name`) must differ under one parent (`parent`).
 * - `onePerAccount`: an account can create only one such resource.
 * - `policyDocument`: the `content` property, checked with `checkScp` when the `type`
 *   property is one of `checkedTypes`.
 */
const RESOURCE_TYPES = deepFreeze({
  'AWS::Organizations::Account': {
    operation: 'CreateAccount',
    properties: {
      AccountName: { member: 'AccountName' },
      Email: { member: 'Email' },
      RoleName: { member: 'RoleName' },
      Tags: { member: 'Tags' },
      ParentIds: { each: 'ParentId', atMost: 1, refersTo: 'parent' },
    },
    returns: { Ref: 'AccountId', AccountId: 'AccountId', Arn: 'Arn' },
  },
  'AWS::Organizations::OrganizationalUnit': {
    operation: 'CreateOrganizationalUnit',
    properties: {
      Name: { member: 'Name' },
      ParentId: { member: 'ParentId', refersTo: 'parent' },
      Tags: { member: 'Tags' },
    },
    returns: { Ref: 'OrganizationalUnitId', Id: 'OrganizationalUnitId', Arn: 'Arn' },
    uniqueNamesUnder: { name: 'Name', parent: 'ParentId' },
  },
  'AWS::Organizations::Policy': {
    operation: 'CreatePolicy',
    properties: {
      Name: { member: 'Name' },
      Description: { member: 'Description', optional: true },
      Type: { member: 'Type' },
      Content: { member: 'Content', jsonText: true },
      Tags: { member: 'Tags' },
      TargetIds: { each: 'PolicyTargetId', refersTo: 'target' },
    },
    returns: { Ref: 'PolicyId', Id: 'PolicyId', Arn: 'Arn' },
    policyDocument: { type: 'Type', content: 'Content', checkedTypes: ['SERVICE_CONTROL_POLICY'] },
  },
  'AWS::Organizations::Organization': {
    operation: 'CreateOrganization',
    properties: {
      FeatureSet: { member: 'FeatureSet' },
    },
    returns: {
      Ref: 'OrganizationId',
      Id: 'OrganizationId',
      RootId: 'RootId',
      ManagementAccountId: 'AccountId',
      Arn: 'Arn',
      ManagementAccountArn: 'Arn',
      ManagementAccountEmail: 'Email',
    },
    onePerAccount: true,
  },
  'AWS::Organizations::ResourcePolicy': {
    operation: 'PutResourcePolicy',
    properties: {
      Content: { member: 'Content', jsonText: true },
      Tags: { member: 'Tags' },
    },
    returns: { Ref: 'ResourcePolicyId', Id: 'ResourcePolicyId', Arn: 'Arn' },
  },
})

/**
 * What a property that `refersTo` a parent or a policy target accepts: the kinds of ID
 * (`kinds`), the orgkit value kind its literal items are (`valueKind`), and the AWS error a
 * reference to nothing gets (`notFound`).
 */
const REFERENCE_ROLES = deepFreeze({
  parent: {
    kinds: ['RootId', 'OrganizationalUnitId'],
    valueKind: 'ParentId',
    notFound: 'ParentNotFoundException',
    expected: 'a parent is a root or an organizational unit',
  },
  target: {
    kinds: ['RootId', 'OrganizationalUnitId', 'AccountId'],
    valueKind: 'PolicyTargetId',
    notFound: 'TargetNotFoundException',
    expected: 'a policy target is a root, an organizational unit or an account',
  },
})

/** The codes of the cross-resource findings: the errors AWS answers such a request with. */
const CROSS_RESOURCE_CODES = Object.freeze({
  duplicateSibling: 'DuplicateOrganizationalUnitException',
  secondOrganization: 'AlreadyInOrganizationException',
})

/** The code of a resource whose creating operation the edition does not have. */
const UNKNOWN_OPERATION = 'UNKNOWN_OPERATION'

function deepFreeze(value) {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner)
    Object.freeze(value)
  }
  return value
}

// ---------------------------------------------------------------------------------------------
// The values the checks read: JSON data, with two kinds of leaves CDK cannot know at synth time.

/** A value known only at deployment (a token, an intrinsic function, a dynamic reference). */
const UNKNOWN = Object.freeze(Object.create(null))

/** A `Ref` / `Fn::GetAtt` to a resource: `target` is its record, or null when the name
 * matches no resource of the template. */
class ResourceReference {
  constructor(target, attribute, name) {
    this.target = target
    this.attribute = attribute
    this.name = name
  }

  /** How a message names it: `the Ref of AWS::Organizations::Account 'Org/Acct'`. */
  describe() {
    const via = this.attribute === 'Ref' ? 'Ref' : `Fn::GetAtt ${this.attribute}`
    return this.target ? `the ${via} of ${this.target.type} '${this.target.label}'` : `the ${via} of '${this.name}'`
  }
}

const isOpaque = (value) => value === UNKNOWN || value instanceof ResourceReference

function containsOpaque(value) {
  if (isOpaque(value)) return true
  if (Array.isArray(value)) return value.some(containsOpaque)
  if (value && typeof value === 'object') return Object.values(value).some(containsOpaque)
  return false
}

/** A CloudFormation dynamic reference (`{{resolve:ssm:…}}`) is replaced at deployment. */
const isDynamicReference = (text) => text.includes('{{resolve:')

/** An intrinsic function as a template writes it: an object with one `Ref` or `Fn::` key. */
function intrinsicName(value) {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined
  const keys = Object.keys(value)
  if (keys.length !== 1) return undefined
  return keys[0] === 'Ref' || keys[0].startsWith('Fn::') || keys[0] === 'Condition' ? keys[0] : undefined
}

// ---------------------------------------------------------------------------------------------
// Records: one per AWS::Organizations resource, from the construct tree or from templates.
// A record has: type, spec (its RESOURCE_TYPES entry), properties (with UNKNOWN and
// ResourceReference leaves), conditional (a CloudFormation Condition may leave it out),
// deployedTo (the account it is deployed to, as far as synth knows, see accountOf), label (how
// messages name it) and reported (whether findings about it are wanted).

let nextRecordId = 0

function newRecord(type, label, deployedTo) {
  return { id: nextRecordId++, type, spec: RESOURCE_TYPES[type], label, deployedTo, properties: {}, conditional: false, reported: true }
}

/** An account ID written out: twelve digits (not a token, not `unknown-account`). */
const isConcreteAccount = (account) => typeof account === 'string' && /^\d{12}$/.test(account)

/**
 * Where a stack's resources are deployed, as far as synth knows: `{ key, where }`. Two records
 * with one `key` are deployed to one account. Keys are per `scope` (an app or a Stage: each
 * Stage is its own app, deployed on its own). Stacks that name the same concrete account share
 * a key; a stack whose account is unknown (an environment-agnostic stack, a token) may be
 * deployed to any account, so its key is the stack itself (`stack`, the top-level stack: a
 * nested stack is deployed to its parent's account).
 */
function accountOf(account, scope, stack) {
  return isConcreteAccount(account)
    ? { key: `${scope}\u0000${account}`, where: `account ${account}` }
    : { key: `${scope}\u0000stack\u0000${stack}`, where: `the account stack '${stack}' is deployed to` }
}

/** The marker a token becomes when a resource is rendered for the checks. It has the shape of
 * an intrinsic function, so that the L1 resource's own renderer passes it through untouched. */
const MARK = 'Fn::OrgkitUnresolved'

/**
 * A token resolver that resolves nothing a user wrote: each token (Ref, Fn::GetAtt, parameter,
 * import, Lazy value, intrinsic function) becomes a MARK, remembered in `marks` with the
 * construct it references when it is a `Reference`. Only the CDK tokens that render a resource
 * (post-processing intrinsics: the resource wrapper, the property renderer) are resolved.
 */
class MarkingResolver extends cdk.DefaultTokenResolver {
  constructor() {
    super(new cdk.StringConcat())
    this.marks = []
  }

  mark(entry) {
    this.marks.push(entry)
    return { [MARK]: this.marks.length - 1 }
  }

  resolveToken(token, context, postProcessor) {
    if (token instanceof cdk.Intrinsic && typeof token.postProcess === 'function') {
      return super.resolveToken(token, context, postProcessor)
    }
    if (cdk.Reference.isReference(token)) return this.mark({ target: token.target, attribute: token.displayName })
    return this.mark({})
  }

  resolveString(fragments, context) {
    // A string that is one token is that token; a string with a token in it is unknown.
    if (fragments.length === 1 && fragments.firstToken !== undefined) {
      return this.resolveToken(fragments.firstToken, context, { postProcess: (value) => value })
    }
    return this.mark({})
  }

  resolveList() {
    return this.mark({})
  }
}

function isOrganizationsResource(construct) {
  return cdk.CfnResource.isCfnResource(construct) && Object.hasOwn(RESOURCE_TYPES, construct.cfnResourceType)
}

/** The AWS::Organizations resources of a stage (an App or a Stage), in construct order; the
 * resources of nested stages belong to those stages. */
function stageResources(stage) {
  const found = []
  const visit = (construct) => {
    for (const child of construct.node.children) {
      if (cdk.Stage.isStage(child)) continue
      if (isOrganizationsResource(child)) found.push(child)
      visit(child)
    }
  }
  visit(stage)
  return found
}

/** Where a construct's stack is deployed (accountOf): the records are of one stage. */
function deployedTo(construct) {
  let stack = cdk.Stack.of(construct)
  const account = stack.account
  while (stack.nestedStackParent) stack = stack.nestedStackParent
  return accountOf(cdk.Token.isUnresolved(account) ? undefined : account, 'stage', stack.node.path)
}

/**
 * The records of a stage's AWS::Organizations resources, read from the construct tree: each
 * resource is rendered as CloudFormation renders it (its properties, tags, overrides) with
 * every token left as a MARK. `reported` tells which constructs findings are wanted for.
 */
function recordsFromConstructs(resources, reported) {
  const byConstruct = new Map()
  const rendered = []
  for (const resource of resources) {
    const fragment = resource._toCloudFormation()
    const definitions = Object.values((fragment && fragment.Resources) || {})
    if (definitions.length !== 1) continue // left out of the template
    const resolver = new MarkingResolver()
    const definition = cdk.Tokenization.resolve(definitions[0], { scope: resource, resolver, preparing: false })
    const record = newRecord(resource.cfnResourceType, resource.node.path, deployedTo(resource))
    record.construct = resource
    record.reported = reported(resource)
    record.conditional = definition.Condition !== undefined
    byConstruct.set(resource, record)
    rendered.push([record, definition.Properties || {}, resolver.marks])
  }
  const convert = (value, marks) => {
    if (typeof value === 'string') return value.includes(MARK) || isDynamicReference(value) ? UNKNOWN : value
    if (Array.isArray(value)) return value.map((item) => convert(item, marks))
    if (value && typeof value === 'object') {
      const intrinsic = intrinsicName(value)
      if (intrinsic === MARK) {
        const mark = marks[value[MARK]]
        const target = mark && mark.target && byConstruct.get(mark.target)
        return target ? new ResourceReference(target, mark.attribute) : UNKNOWN
      }
      if (intrinsic) return UNKNOWN // an intrinsic written literally, e.g. in a property override
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, convert(inner, marks)]))
    }
    return value
  }
  for (const [record, properties, marks] of rendered) record.properties = convert(properties, marks)
  return [...byConstruct.values()]
}

/**
 * The records of the AWS::Organizations resources of synthesized templates. `stacks`: one
 * `{ templatePath, template, deployedTo }` per template (its path, its parsed JSON, where it is
 * deployed). `Ref`, `Fn::GetAtt` and `Fn::ImportValue` of an export of one of the templates are
 * followed to the resource they name.
 */
function recordsFromTemplates(stacks) {
  const templates = stacks.map(({ templatePath, template, deployedTo }) => {
    return { templatePath, deployedTo, resources: template.Resources || {}, parameters: template.Parameters || {}, outputs: template.Outputs || {}, records: new Map() }
  })
  const exportsByName = new Map()
  for (const template of templates) {
    for (const output of Object.values(template.outputs)) {
      const name = output && output.Export && output.Export.Name
      if (typeof name === 'string') exportsByName.set(name, { template, value: output.Value })
    }
    for (const [logicalId, resource] of Object.entries(template.resources)) {
      if (!resource || !Object.hasOwn(RESOURCE_TYPES, resource.Type)) continue
      const cdkPath = resource.Metadata && resource.Metadata['aws:cdk:path']
      const record = newRecord(resource.Type, typeof cdkPath === 'string' ? cdkPath : `${logicalId} (${path.basename(template.templatePath)})`, template.deployedTo)
      record.logicalId = logicalId
      record.templatePath = template.templatePath
      record.conditional = resource.Condition !== undefined
      template.records.set(logicalId, record)
    }
  }
  const referenceTo = (template, name, attribute) => {
    const record = template.records.get(name)
    if (record) return new ResourceReference(record, attribute)
    if (Object.hasOwn(template.resources, name) || Object.hasOwn(template.parameters, name) || name.startsWith('AWS::')) return UNKNOWN
    return new ResourceReference(null, attribute, name)
  }
  const convert = (value, template, following) => {
    if (typeof value === 'string') return isDynamicReference(value) ? UNKNOWN : value
    if (Array.isArray(value)) return value.map((item) => convert(item, template, following))
    if (value && typeof value === 'object') {
      const intrinsic = intrinsicName(value)
      if (intrinsic === 'Ref' && typeof value.Ref === 'string') return referenceTo(template, value.Ref, 'Ref')
      if (intrinsic === 'Fn::GetAtt') {
        const argument = value['Fn::GetAtt']
        const [name, attribute] = typeof argument === 'string' ? splitOnce(argument, '.') : Array.isArray(argument) ? argument : []
        return typeof name === 'string' && typeof attribute === 'string' ? referenceTo(template, name, attribute) : UNKNOWN
      }
      if (intrinsic === 'Fn::ImportValue') {
        const exported = typeof value[intrinsic] === 'string' && exportsByName.get(value[intrinsic])
        if (!exported || following.has(value[intrinsic])) return UNKNOWN // exported from outside the app
        return convert(exported.value, exported.template, new Set([...following, value[intrinsic]]))
      }
      if (intrinsic) return UNKNOWN
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, convert(inner, template, following)]))
    }
    return value
  }
  const records = []
  for (const template of templates) {
    for (const [logicalId, record] of template.records) {
      record.properties = convert(template.resources[logicalId].Properties || {}, template, new Set())
      records.push(record)
    }
  }
  return records
}

function splitOnce(text, separator) {
  const at = text.indexOf(separator)
  return at < 0 ? [text] : [text.slice(0, at), text.slice(at + 1)]
}

/** A JSON file's content, or undefined when it cannot be read or parsed. */
function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch {
    return undefined
  }
}

/** Every string in a JSON value. */
function stringsIn(value, found = []) {
  if (typeof value === 'string') found.push(value)
  else if (value && typeof value === 'object') for (const inner of Object.values(value)) stringsIn(inner, found)
  return found
}

/**
 * The templates a policy-validation plugin checks: the top-level stack templates CDK hands it,
 * and the nested stack templates they (and their nested stacks) deploy, which CDK does not hand
 * it. Each is `{ templatePath, template, deployedTo }`. A nested stack's template file is found
 * in the cloud assembly: by the `aws:asset:path` metadata of its AWS::CloudFormation::Stack
 * resource, else by the S3 object key of its TemplateURL in the asset manifests
 * (`*.assets.json`) beside the parent template; it is deployed to its parent's account. A
 * nested template file (`*.nested.template.json`) of the assembly that neither finds is checked
 * too, as a stack of its own (its account unknown).
 */
function pluginTemplates(context) {
  const manifests = new Map()
  const manifestOf = (dir) => {
    if (!manifests.has(dir)) manifests.set(dir, readJson(path.join(dir, 'manifest.json')))
    return manifests.get(dir)
  }
  /** The account of a template's stack in the assembly manifest (CDK versions that hand the
   * plugin only `templatePaths`). */
  const manifestAccount = (templatePath) => {
    const manifest = manifestOf(path.dirname(templatePath))
    const artifacts = (manifest && manifest.artifacts) || {}
    for (const artifact of Object.values(artifacts)) {
      if (!artifact || artifact.type !== 'aws:cloudformation:stack' || !artifact.properties) continue
      if (artifact.properties.templateFile !== path.basename(templatePath)) continue
      const match = typeof artifact.environment === 'string' && /^aws:\/\/([^/]*)\//.exec(artifact.environment)
      return match ? match[1] : undefined
    }
    return undefined
  }
  const assetManifests = new Map()
  /** objectKey -> template file, from the asset manifests of a directory. */
  const assetsOf = (dir) => {
    if (assetManifests.has(dir)) return assetManifests.get(dir)
    const keys = new Map()
    let names = []
    try {
      names = fs.readdirSync(dir).filter((name) => name.endsWith('.assets.json'))
    } catch {}
    for (const name of names) {
      const manifest = readJson(path.join(dir, name))
      for (const asset of Object.values((manifest && manifest.files) || {})) {
        const source = asset && asset.source && asset.source.path
        if (typeof source !== 'string' || !source.endsWith('.json')) continue
        for (const destination of Object.values(asset.destinations || {})) {
          if (destination && typeof destination.objectKey === 'string') keys.set(destination.objectKey, source)
        }
      }
    }
    assetManifests.set(dir, keys)
    return keys
  }
  const nestedTemplateFile = (resource, dir) => {
    const assetPath = resource.Metadata && resource.Metadata['aws:asset:path']
    if (typeof assetPath === 'string') return path.resolve(dir, assetPath)
    const texts = stringsIn(resource.Properties && resource.Properties.TemplateURL)
    for (const [objectKey, source] of assetsOf(dir)) {
      if (texts.some((text) => text === objectKey || text.endsWith(`/${objectKey}`))) return path.resolve(dir, source)
    }
    return undefined
  }

  const found = []
  const seen = new Set()
  const add = (templatePath, template, deployedTo) => {
    seen.add(path.resolve(templatePath))
    found.push({ templatePath, template, deployedTo })
    const dir = path.dirname(path.resolve(templatePath))
    for (const resource of Object.values(template.Resources || {})) {
      if (!resource || resource.Type !== 'AWS::CloudFormation::Stack') continue
      const file = nestedTemplateFile(resource, dir)
      if (!file || seen.has(file)) continue
      const nested = readJson(file)
      if (nested && typeof nested === 'object') add(file, nested, deployedTo)
    }
  }
  const given = Array.isArray(context.stackTemplates)
    ? context.stackTemplates.map((stack) => ({ templatePath: stack.templatePath, account: stack.accountId, name: stack.stackConstructPath }))
    : context.templatePaths.map((templatePath) => ({ templatePath, account: manifestAccount(templatePath) }))
  const dirs = new Set()
  for (const { templatePath, account, name } of given) {
    const dir = path.dirname(path.resolve(templatePath))
    dirs.add(dir)
    const stack = typeof name === 'string' && name ? name : path.basename(templatePath).replace(/\.template\.json$/, '')
    // The scope of a concrete account is the stage: each stage's templates are in a directory.
    add(templatePath, JSON.parse(fs.readFileSync(templatePath, 'utf8')), accountOf(account, dir, stack))
  }
  for (const dir of dirs) {
    let names = []
    try {
      names = fs.readdirSync(dir).filter((name) => name.endsWith('.nested.template.json'))
    } catch {}
    for (const name of names.sort()) {
      const file = path.join(dir, name)
      const nested = seen.has(file) ? undefined : readJson(file)
      if (nested && typeof nested === 'object') add(file, nested, accountOf(undefined, dir, name.replace(/\.nested\.template\.json$/, '')))
    }
  }
  return found
}

// ---------------------------------------------------------------------------------------------
// The checks.

/** A finding: `path` (CloudFormation property names: `Tags[1].Key`; empty for the resource as a
 * whole), `code` (orgkit's) and `message`. */
function finding(path, code, message) {
  return { path, code, message }
}

/** `validateRequest`'s path (`Tags[1].Key`) with its first member renamed to the property. */
function propertyPath(apiPath, propertyOfMember) {
  const match = /^([^.[]+)(.*)$/s.exec(apiPath)
  if (!match) return apiPath
  return (propertyOfMember.get(match[1]) ?? match[1]) + match[2]
}

const isUnder = (issuePath, prefix) => issuePath === prefix || issuePath.startsWith(`${prefix}.`) || issuePath.startsWith(`${prefix}[`)

/** `value` with each unknown leaf replaced by null, the leaf's request path added to `holes`. */
function withHoles(value, at, holes) {
  if (isOpaque(value)) {
    holes.push(at)
    return null
  }
  if (Array.isArray(value)) return value.map((item, index) => withHoles(item, `${at}[${index}]`, holes))
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, withHoles(inner, `${at}.${key}`, holes)]))
  }
  return value
}

/** The code orgkit gives a value that is no ID of `valueKind` (INVALID_PATTERN for a parent,
 * INVALID_PATTERN_TARGET_ID for a policy target), asked of orgkit once per kind. */
const wrongKindCodes = new Map()
function wrongKindCode(valueKind, edition) {
  const key = `${valueKind} ${edition}`
  if (!wrongKindCodes.has(key)) {
    const [issue] = orgkit.checkValue(valueKind, '-', { edition }).issues
    wrongKindCodes.set(key, issue ? issue.code : 'INVALID_PATTERN')
  }
  return wrongKindCodes.get(key)
}

const article = (word) => (/^[AEIOU]/.test(word) ? `an ${word}` : `a ${word}`)

/** The finding for a reference used where a `role` (parent, target) is expected, if any. */
function referenceFinding(reference, roleName, at, edition) {
  const role = REFERENCE_ROLES[roleName]
  const subject = reference.describe().replace(/^the/, 'The')
  if (!reference.target) {
    return finding(at, role.notFound, `${subject} names no resource, parameter or pseudo parameter of the template`)
  }
  const kind = reference.target.spec.returns[reference.attribute]
  if (role.kinds.includes(kind)) return undefined
  const value = kind ? article(kind) : 'no ID'
  return finding(at, wrongKindCode(role.valueKind, edition), `${subject} is ${value}, but ${role.expected}`)
}

/** The Organizations operations of an edition, asked of orgkit once. */
const operationNames = new Map()
function operationsOf(edition) {
  if (!operationNames.has(edition)) {
    operationNames.set(edition, new Set(orgkit.operations('organizations', { edition }).map(([operation]) => operation)))
  }
  return operationNames.get(edition)
}

/** The findings about one record's own properties under `edition`. */
function propertyFindings(record, edition) {
  const { spec, properties } = record
  if (!operationsOf(edition).has(spec.operation)) {
    return [finding('', UNKNOWN_OPERATION, `${record.type} is created with ${spec.operation}, which the ${edition} edition of the Organizations API does not have`)]
  }
  const found = []
  const request = {}
  const holes = []
  const propertyOfMember = new Map()
  for (const [property, rule] of Object.entries(spec.properties)) {
    const value = properties[property]
    if (rule.member) {
      propertyOfMember.set(rule.member, property)
      if (value === undefined) continue
      if (rule.jsonText && value !== null && typeof value === 'object' && !isOpaque(value)) {
        // CloudFormation sends a JSON object as its JSON text; unknown parts leave it unknown.
        if (containsOpaque(value)) holes.push(rule.member)
        else request[rule.member] = JSON.stringify(value)
      } else {
        request[rule.member] = withHoles(value, rule.member, holes)
      }
      if (rule.refersTo && value instanceof ResourceReference) {
        const reported = referenceFinding(value, rule.refersTo, property, edition)
        if (reported) found.push(reported)
      }
    }
    if (rule.each && value !== undefined && !isOpaque(value)) found.push(...listFindings(property, rule, value, edition))
  }
  let issues
  try {
    ;({ issues } = orgkit.validateRequest('organizations', spec.operation, request, { edition }))
  } catch (error) {
    if (!(error instanceof orgkit.OrgkitError)) throw error
    issues = [{ path: '', code: error.code || 'INVALID_TYPE', message: error.message }]
  }
  for (const issue of issues) {
    if (holes.some((hole) => isUnder(issue.path, hole))) continue
    const property = propertyOfMember.get(issue.path)
    if (issue.code === 'INPUT_REQUIRED' && property && spec.properties[property].optional && properties[property] === undefined) continue
    found.push(finding(propertyPath(issue.path, propertyOfMember), issue.code, issue.message))
  }
  const document = spec.policyDocument
  if (document && document.checkedTypes.includes(properties[document.type])) {
    const content = properties[document.content]
    if (typeof content === 'string' || (content !== null && typeof content === 'object' && !containsOpaque(content))) {
      const text = typeof content === 'string' ? content : JSON.stringify(content)
      for (const issue of orgkit.checkScp(text, { edition })) {
        found.push(finding(issue.path ? `${document.content}.${issue.path}` : document.content, issue.code, issue.message))
      }
    }
  }
  return found
}

/** The findings about the items of a list of IDs (ParentIds, TargetIds). */
function listFindings(property, rule, value, edition) {
  if (!Array.isArray(value)) return [finding(property, 'INVALID_TYPE', `${property} must be a list of IDs, not ${typeof value}`)]
  const found = []
  if (rule.atMost !== undefined && value.length > rule.atMost) {
    found.push(finding(property, 'MAX_LENGTH_EXCEEDED', `${property} has ${value.length} items; CloudFormation accepts at most ${rule.atMost}`))
  }
  value.forEach((item, index) => {
    const at = `${property}[${index}]`
    if (item instanceof ResourceReference) {
      const reported = referenceFinding(item, rule.refersTo, at, edition)
      if (reported) found.push(reported)
    } else if (item !== UNKNOWN) {
      for (const issue of orgkit.checkValue(rule.each, item, { edition }).issues) found.push(finding(at, issue.code, issue.message))
    }
  })
  return found
}

/** What a parent property's value identifies, when it can be told: the same text is the same
 * parent, and so are a `Ref` and `Fn::GetAtt Id` of one resource. */
function parentKey(value) {
  if (typeof value === 'string') return `id ${value}`
  if (value instanceof ResourceReference && value.target) {
    const kind = value.target.spec.returns[value.attribute]
    return kind ? `resource ${value.target.id} ${kind}` : undefined
  }
  return undefined
}

function describeParent(value) {
  return typeof value === 'string' ? `'${value}'` : value.describe()
}

/** The cross-resource findings of a set of records (one app or stage). */
function crossResourceFindings(records, add) {
  const siblings = new Map()
  const organizations = new Map()
  for (const record of records) {
    if (record.conditional) continue // a Condition may leave it out
    const unique = record.spec.uniqueNamesUnder
    if (unique) {
      const name = record.properties[unique.name]
      const key = parentKey(record.properties[unique.parent])
      if (typeof name === 'string' && key) groupInto(siblings, `${key}\u0000${name}`, record)
    }
    if (record.spec.onePerAccount) groupInto(organizations, record.deployedTo.key, record)
  }
  for (const group of siblings.values()) {
    if (group.length < 2) continue
    for (const record of group) {
      const { name, parent } = record.spec.uniqueNamesUnder
      const others = group.filter((other) => other !== record).map((other) => `'${other.label}'`).join(', ')
      add(record, finding(name, CROSS_RESOURCE_CODES.duplicateSibling,
        `organizational unit name '${record.properties[name]}' is also used by ${others} under the same parent (${parent} = ${describeParent(record.properties[parent])}); sibling OUs need different names`))
    }
  }
  for (const group of organizations.values()) {
    if (group.length < 2) continue
    const { where } = group[0].deployedTo
    for (const record of group) {
      const others = group.filter((other) => other !== record).map((other) => `'${other.label}'`).join(', ')
      add(record, finding('', CROSS_RESOURCE_CODES.secondOrganization,
        `${record.type} is also declared by ${others} for ${where}; an account can create only one organization`))
    }
  }
}

function groupInto(groups, key, record) {
  const group = groups.get(key)
  if (group) group.push(record)
  else groups.set(key, [record])
}

/** Every finding about the records that are `reported`, as a Map record -> findings. */
function audit(records, edition) {
  const findings = new Map()
  const add = (record, found) => {
    if (!record.reported) return
    const list = findings.get(record)
    if (list) list.push(found)
    else findings.set(record, [found])
  }
  for (const record of records) {
    if (!record.reported) continue
    for (const found of propertyFindings(record, edition)) add(record, found)
  }
  crossResourceFindings(records, add)
  return findings
}

/** The text of a finding: `CODE at Path: message (orgkit, current edition)`; `source` is
 * left out where CDK names the source itself (the plugin's report). */
function findingText(found, edition, source = 'orgkit, ') {
  const where = found.path ? ` at ${found.path}` : ''
  return `${found.code}${where}: ${found.message} (${source}${edition} edition)`
}

/** How a message names a bad option value, without converting it (String() and
 * JSON.stringify throw on some values: a bigint, a symbol, a revoked Proxy). */
function describeValue(value) {
  switch (typeof value) {
    case 'string':
      return value.length > 40 ? `a string of ${value.length} characters` : `'${value}'`
    case 'number':
    case 'boolean':
    case 'undefined':
      return `${value}`
    case 'bigint':
      return 'a bigint'
    case 'symbol':
      return 'a symbol'
    case 'function':
      return 'a function'
    default:
      return value === null ? 'null' : 'an object'
  }
}

/** `options[name]` of the options of `where`; reading it may throw (a getter, a revoked Proxy),
 * which is reported as an INVALID_ARGUMENT error. */
function readOption(options, name, where) {
  try {
    return options[name]
  } catch (error) {
    const failure = new orgkit.OrgkitArgumentError('INVALID_ARGUMENT', `the options of ${where} could not be read: reading options.${name} threw`)
    failure.cause = error
    throw failure
  }
}

function editionOption(options, where) {
  if (options === null || typeof options !== 'object') {
    throw new orgkit.OrgkitArgumentError('INVALID_ARGUMENT', `the options of ${where} must be an object, not ${describeValue(options)}`)
  }
  const edition = readOption(options, 'edition', where) ?? orgkit.DEFAULT_EDITION
  if (!orgkit.EDITIONS.includes(edition)) {
    throw new orgkit.OrgkitArgumentError('INVALID_ARGUMENT', `options.edition of ${where} must be one of ${orgkit.EDITIONS.map((name) => `'${name}'`).join(', ')}, not ${describeValue(edition)}`)
  }
  return edition
}

// ---------------------------------------------------------------------------------------------
// The aspect.

/**
 * An Aspect that checks every AWS::Organizations resource (Account, OrganizationalUnit, Policy,
 * Organization, ResourcePolicy) it visits: `Aspects.of(app).add(new OrgkitChecks())`.
 *
 * Each resource's properties are checked as the request of the operation that creates it
 * (CreateAccount, CreateOrganizationalUnit, CreatePolicy, CreateOrganization,
 * PutResourcePolicy) under `options.edition` (`'current'`, the default, or `'original'`); SCP
 * content with `checkScp`; references to parents and policy targets; sibling OU names; one
 * organization per account: two organizations in one stack (its nested stacks included), or in
 * stacks of one app or Stage that name the same 12-digit account, are reported; stacks whose
 * account is unknown (environment-agnostic, or a token) are not taken to share one. Values that
 * are tokens are skipped.
 *
 * The options are checked when it is made: a bad `edition` or `failSynth`, or options that
 * cannot be read, throw an `OrgkitArgumentError` with code `INVALID_ARGUMENT`.
 *
 * The checks run when the app is validated during synthesis, on the final tree. Each finding
 * is an error annotation on the L1 resource (`CODE at Property: message (orgkit, … edition)`)
 * and, unless `options.failSynth` is `false`, a validation error of that construct, so that
 * `app.synth()` throws and `cdk synth` fails. With `failSynth: false` only the annotations
 * remain (the CDK CLI still reports them as errors).
 */
class OrgkitChecks {
  constructor(options = {}) {
    /** The edition the resources are checked against. */
    this.edition = editionOption(options, 'OrgkitChecks')
    /** Whether findings are construct validation errors too (making synthesis fail). */
    this.failSynth = readOption(options, 'failSynth', 'OrgkitChecks') ?? true
    if (typeof this.failSynth !== 'boolean') {
      throw new orgkit.OrgkitArgumentError('INVALID_ARGUMENT', `options.failSynth of OrgkitChecks must be a boolean, not ${describeValue(this.failSynth)}`)
    }
    Object.defineProperty(this, 'watched', { value: new WeakSet() })
    Object.defineProperty(this, 'audits', { value: new WeakMap() })
  }

  /** Registers the checks of an AWS::Organizations resource (other constructs are ignored). */
  visit(node) {
    if (!isOrganizationsResource(node) || this.watched.has(node)) return
    this.watched.add(node)
    const stage = cdk.Stage.of(node) ?? node.node.root
    let state = this.audits.get(stage)
    if (!state) {
      state = { findings: undefined }
      this.audits.set(stage, state)
      // The stage is validated before the constructs under it: each validation pass starts
      // from a fresh audit of the final tree.
      stage.node.addValidation({ validate: () => ((state.findings = undefined), []) })
    }
    node.node.addValidation({
      validate: () => {
        if (!state.findings) {
          const records = recordsFromConstructs(stageResources(stage), (resource) => this.watched.has(resource))
          state.findings = new Map([...audit(records, this.edition)].map(([record, found]) => [record.construct, found]))
        }
        const texts = (state.findings.get(node) ?? []).map((found) => findingText(found, this.edition))
        const annotations = cdk.Annotations.of(node)
        for (const text of texts) {
          if (!node.node.metadata.some((entry) => entry.type === 'aws:cdk:error' && entry.data === text)) annotations.addError(text)
        }
        return this.failSynth ? texts : []
      },
    })
  }
}

// ---------------------------------------------------------------------------------------------
// The policy-validation plugin.

const PACKAGE_VERSION = require('./package.json').version

/**
 * A CDK policy-validation plugin with the checks of `OrgkitChecks`, run on the synthesized
 * templates: `new App({ policyValidationBeta1: [new OrgkitPolicyValidation()] })` or
 * `Validations.of(app).addPlugins(new OrgkitPolicyValidation())`. Options: `edition`
 * (`'current'`, the default, or `'original'`; a bad one throws an `OrgkitArgumentError`, code
 * `INVALID_ARGUMENT`). Each finding is a violation named by its orgkit code, located at the
 * resource's logical ID and `Properties/<path>` of its template; any finding fails the report,
 * and CDK then fails the synthesis.
 *
 * CDK hands the plugin the top-level stack templates only; the templates of their nested stacks
 * are found in the cloud assembly (by the nested stack resource's `aws:asset:path` metadata or
 * its TemplateURL's object key in the asset manifest; a `*.nested.template.json` neither finds
 * is checked as a stack of its own) and checked too. One organization per account is judged as
 * the aspect judges it, per app or Stage: a stack with its nested stacks is one account; stacks
 * are taken to share an account only when they name the same 12-digit account.
 */
class OrgkitPolicyValidation {
  constructor(options = {}) {
    /** The name CDK's report shows. */
    this.name = 'orgkit'
    /** orgkit's version. */
    this.version = PACKAGE_VERSION
    /** The edition the resources are checked against. */
    this.edition = editionOption(options, 'OrgkitPolicyValidation')
    /** Every code a violation can be named by. */
    this.ruleIds = Object.freeze([...new Set([...orgkit.ERROR_CODES, ...orgkit.SCP_ISSUE_CODES, UNKNOWN_OPERATION,
      ...Object.values(CROSS_RESOURCE_CODES), ...Object.values(REFERENCE_ROLES).map((role) => role.notFound)])])
  }

  /** Checks the templates of `context` and reports every finding as a violation. */
  validate(context) {
    const violations = []
    for (const [record, findings] of audit(recordsFromTemplates(pluginTemplates(context)), this.edition)) {
      for (const found of findings) {
        violations.push({
          ruleName: found.code,
          description: findingText(found, this.edition, ''),
          severity: 'error',
          violatingResources: [{
            resourceLogicalId: record.logicalId,
            templatePath: record.templatePath,
            locations: [found.path ? `Properties/${found.path.replace(/\[(\d+)\]/g, '/$1').replace(/\./g, '/')}` : 'Properties'],
          }],
        })
      }
    }
    return { success: violations.length === 0, violations }
  }
}

module.exports = {
  OrgkitChecks,
  OrgkitPolicyValidation,
  RESOURCE_TYPES,
  REFERENCE_ROLES,
}
