// orgkit/cdk as a CDK user gets it: the packed orgkit beside the real aws-cdk-lib and constructs
// (tests/npm/run.sh). Apps are built and synthesized for real; the findings are read from what
// synthesis reports (the thrown validation errors, the error annotations, the policy-validation
// report), never from orgkit's internals.
import test from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import {
  App, Aspects, Aws, CfnCondition, CfnParameter, CfnResource, CfnDynamicReference, CfnDynamicReferenceService, Fn, Lazy, NestedStack, Stack,
  Stage, Tags, Token, Validations, RemovalPolicy, aws_organizations as organizations,
} from 'aws-cdk-lib'
import { Annotations, Match } from 'aws-cdk-lib/assertions'
import { Construct } from 'constructs'
import * as orgkit from 'orgkit'
import cdkDefault, { OrgkitChecks, OrgkitPolicyValidation, RESOURCE_TYPES, REFERENCE_ROLES } from 'orgkit/cdk'

const require = createRequire(import.meta.url)
const here = path.dirname(fileURLToPath(import.meta.url))
const project = path.dirname(here)
const repository = path.dirname(path.dirname(project))

// ---------------------------------------------------------------------------------------------
// Helpers

/** An app with orgkit's aspect (CDK's own template validation off: it is not under test here
 * and doubles the time of a passing synthesis). */
function checkedApp(options = {}, props = {}) {
  const app = new App({ builtinCloudFormationValidation: false, ...props })
  Aspects.of(app).add(new OrgkitChecks(options))
  return app
}

/** One finding as synthesis reported it: `[construct path] CODE at Path: message (orgkit, … edition)`. */
function parseFinding(line) {
  const match = /^\s*\[([^\]]*)\] ([A-Za-z_]+)(?: at ([^:]+))?: (.*) \(orgkit, (\w+) edition\)$/.exec(line)
  assert.ok(match, `a finding line: ${line}`)
  const [, construct, code, at = '', message, edition] = match
  return { construct, code, at, message, edition, text: line.trim().replace(/^\[[^\]]*\] /, '') }
}

/** Synthesizes `app`: the findings it fails with (empty when it passes). */
function findingsOf(app) {
  try {
    app.synth()
    return []
  } catch (error) {
    const [head, ...lines] = error.message.split('\n')
    assert.equal(head, 'Validation failed with the following errors:', error.message)
    return lines.filter((line) => line.trim()).map(parseFinding)
  }
}

/** `[construct, code, at]` of each finding, for compact comparisons. */
const summary = (findings) => findings.map(({ construct, code, at }) => [construct, code, at])

/** A stack with the resources `build(stack)` adds, in a checked app; its findings. */
function check(build, options = {}) {
  const app = checkedApp(options)
  const stack = new Stack(app, 'Org')
  build(stack)
  return findingsOf(app)
}

const scp = (...statements) => ({ Version: '2012-10-17', Statement: statements })
const ROOT = 'r-abcd'
const OU = 'ou-abcd-12345678'
const ACCOUNT = '111122223333'

/** Valid props for each resource type, by CloudFormation property name (the L1 props are the
 * camelCase of those names). */
const VALID = {
  'AWS::Organizations::Account': { AccountName: 'Log archive', Email: 'logs@example.com', RoleName: 'OrganizationAccountAccessRole', Tags: [{ key: 'team', value: 'platform' }], ParentIds: [OU] },
  'AWS::Organizations::OrganizationalUnit': { Name: 'Workloads', ParentId: ROOT, Tags: [{ key: 'team', value: 'platform' }] },
  'AWS::Organizations::Policy': {
    Name: 'deny-leave', Description: 'no leaving', Type: 'SERVICE_CONTROL_POLICY',
    Content: scp({ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }),
    Tags: [{ key: 'team', value: 'platform' }], TargetIds: [ROOT, OU, ACCOUNT],
  },
  'AWS::Organizations::Organization': { FeatureSet: 'ALL' },
  'AWS::Organizations::ResourcePolicy': {
    Content: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'organizations:DescribeOrganization', Resource: '*' }] },
    Tags: [{ key: 'team', value: 'platform' }],
  },
}

/** For each checked property, a value orgkit reports, and the code it reports. */
const INVALID = {
  'AWS::Organizations::Account': {
    AccountName: ['x'.repeat(51), 'MAX_LENGTH_EXCEEDED'],
    Email: ['logs.example.com', 'INVALID_PATTERN'],
    RoleName: ['Admin Role', 'INVALID_PATTERN'],
    Tags: [[{ key: '', value: 'platform' }], 'MIN_LENGTH_EXCEEDED'],
    ParentIds: [['ou-x'], 'INVALID_PATTERN'],
  },
  'AWS::Organizations::OrganizationalUnit': {
    Name: ['x'.repeat(129), 'MAX_LENGTH_EXCEEDED'],
    ParentId: ['o-abcdefghij', 'INVALID_PATTERN'],
    Tags: [[{ key: 'team', value: 'x'.repeat(257) }], 'MAX_LENGTH_EXCEEDED'],
  },
  'AWS::Organizations::Policy': {
    Name: ['', 'MIN_LENGTH_EXCEEDED'],
    Description: ['x'.repeat(513), 'MAX_LENGTH_EXCEEDED'],
    Type: ['SERVICE_CONTROL', 'INVALID_ENUM'],
    Content: [scp({ Effect: 'Deny', Action: 's3:*' }), 'MISSING_ELEMENT'],
    Tags: [[{ key: 'a:b', value: 'tab\tin value' }], 'INVALID_PATTERN'],
    TargetIds: [['p-abcdefgh'], 'INVALID_PATTERN_TARGET_ID'],
  },
  'AWS::Organizations::Organization': {
    FeatureSet: ['EVERYTHING', 'INVALID_ENUM'],
  },
  'AWS::Organizations::ResourcePolicy': {
    Content: [{ Statement: 'x'.repeat(40000) }, 'MAX_LENGTH_EXCEEDED'],
    Tags: [[{ key: '', value: 'v' }], 'MIN_LENGTH_EXCEEDED'],
  },
}

const L1 = {
  'AWS::Organizations::Account': organizations.CfnAccount,
  'AWS::Organizations::OrganizationalUnit': organizations.CfnOrganizationalUnit,
  'AWS::Organizations::Policy': organizations.CfnPolicy,
  'AWS::Organizations::Organization': organizations.CfnOrganization,
  'AWS::Organizations::ResourcePolicy': organizations.CfnResourcePolicy,
}

const camel = (name) => name[0].toLowerCase() + name.slice(1)
const l1Props = (props) => Object.fromEntries(Object.entries(props).map(([name, value]) => [camel(name), value]))

/** A resource of `type` with the valid props, `changes` (CloudFormation names) applied. */
function resource(scope, id, type, changes = {}) {
  return new L1[type](scope, id, l1Props({ ...VALID[type], ...changes }))
}

// ---------------------------------------------------------------------------------------------
// The package

test('orgkit/cdk is one module for import and require, and orgkit works without aws-cdk-lib', () => {
  const cjs = require('orgkit/cdk')
  assert.equal(cjs, cdkDefault)
  assert.equal(cjs.OrgkitChecks, OrgkitChecks)
  assert.equal(cjs.OrgkitPolicyValidation, OrgkitPolicyValidation)
  assert.deepEqual(Object.keys(cjs).sort(), ['OrgkitChecks', 'OrgkitPolicyValidation', 'REFERENCE_ROLES', 'RESOURCE_TYPES'])
  assert.deepEqual(Object.keys(RESOURCE_TYPES).sort(), Object.keys(L1).sort())

  // The package alone, where no aws-cdk-lib can be found: orgkit loads, orgkit/cdk explains.
  const lonely = fs.mkdtempSync(path.join(os.tmpdir(), 'orgkit-without-cdk-'))
  try {
    fs.cpSync(path.join(project, 'node_modules', 'orgkit'), path.join(lonely, 'node_modules', 'orgkit'), { recursive: true, dereference: true })
    const probe = `
      const orgkit = require('orgkit')
      console.log(orgkit.isAccountId('${ACCOUNT}'))
      try { require('orgkit/cdk') } catch (error) { console.log(error.name, error.code, error.message) }`
    const out = execFileSync(process.execPath, ['-e', probe], { cwd: lonely, encoding: 'utf8' })
    const [loaded, failure] = out.trim().split('\n')
    assert.equal(loaded, 'true')
    assert.match(failure, /^OrgkitError MISSING_PEER_DEPENDENCY orgkit\/cdk needs the AWS CDK: the package aws-cdk-lib could not be found/)
    assert.match(failure, /npm install aws-cdk-lib constructs/)
  } finally {
    fs.rmSync(lonely, { recursive: true, force: true })
  }
})

test('options are checked when the aspect and the plugin are made', () => {
  assert.equal(new OrgkitChecks().edition, orgkit.DEFAULT_EDITION)
  assert.equal(new OrgkitChecks().failSynth, true)
  assert.equal(new OrgkitChecks({ edition: 'original', failSynth: false }).edition, 'original')
  assert.throws(() => new OrgkitChecks({ edition: 'latest' }), (error) => error instanceof orgkit.OrgkitArgumentError && /'original', 'current'/.test(error.message))
  assert.throws(() => new OrgkitChecks({ failSynth: 'no' }), orgkit.OrgkitArgumentError)
  assert.throws(() => new OrgkitPolicyValidation({ edition: 2017 }), orgkit.OrgkitArgumentError)
  // Values String() and JSON.stringify throw on, and options that throw when read: orgkit's
  // error, naming the option, never a TypeError.
  const revoked = Proxy.revocable({}, {})
  revoked.revoke()
  const throwing = { get edition() { throw new TypeError('no') } }
  for (const Made of [OrgkitChecks, OrgkitPolicyValidation]) {
    for (const [options, said] of [[{ edition: 1n }, /options\.edition .* not a bigint$/], [{ edition: Symbol('x') }, /not a symbol$/],
      [{ edition: Object.create(null) }, /not an object$/], [revoked.proxy, /reading options\.edition threw/], [throwing, /reading options\.edition threw/]]) {
      assert.throws(() => new Made(options), (error) => {
        assert.ok(error instanceof orgkit.OrgkitArgumentError, error.stack)
        assert.equal(error.code, 'INVALID_ARGUMENT')
        assert.match(error.message, said)
        assert.ok(error.message.includes(Made.name), error.message)
        return true
      })
    }
  }
  assert.throws(() => new OrgkitChecks({ failSynth: 1n }), (error) => error instanceof orgkit.OrgkitArgumentError && /must be a boolean, not a bigint/.test(error.message))
  const plugin = new OrgkitPolicyValidation()
  assert.equal(plugin.name, 'orgkit')
  assert.equal(plugin.version, JSON.parse(fs.readFileSync(path.join(project, 'node_modules', 'orgkit', 'package.json'), 'utf8')).version)
  for (const code of ['INVALID_PATTERN', 'INVALID_EFFECT', 'DuplicateOrganizationalUnitException', 'ParentNotFoundException']) {
    assert.ok(plugin.ruleIds.includes(code), code)
  }
})

// ---------------------------------------------------------------------------------------------
// Each resource type, good and bad

test('valid resources of every type synthesize, and the template is untouched', () => {
  const app = checkedApp()
  const stack = new Stack(app, 'Org')
  for (const type of Object.keys(L1)) resource(stack, type.split('::')[2], type)
  const template = app.synth().getStackByName('Org').template
  assert.deepEqual(Object.values(template.Resources).map((r) => r.Type).sort(), Object.keys(L1).sort())
  assert.equal(template.Resources.Account.Properties.Email, 'logs@example.com')
})

test('every checked property of every type: a bad value is reported under its CloudFormation name', () => {
  for (const [type, properties] of Object.entries(INVALID)) {
    assert.deepEqual(Object.keys(properties).sort(), Object.keys(RESOURCE_TYPES[type].properties).sort(), `${type}: every checked property has a bad value here`)
    for (const [property, [value, code]] of Object.entries(properties)) {
      const findings = check((stack) => resource(stack, 'It', type, { [property]: value }))
      assert.ok(findings.length > 0, `${type} ${property}: reported`)
      for (const found of findings) {
        assert.equal(found.construct, 'Org/It')
        assert.ok(found.at === property || found.at.startsWith(`${property}[`) || found.at.startsWith(`${property}.`), `${type}: ${found.text}`)
      }
      assert.ok(findings.some((found) => found.code === code), `${type} ${property}: ${code} in ${JSON.stringify(summary(findings))}`)
    }
  }
})

test('a finding is what orgkit says of the request CloudFormation makes, path and message', () => {
  const findings = check((stack) => resource(stack, 'Acct', 'AWS::Organizations::Account', {
    Email: 'logs.example.com',
    Tags: [{ key: 'team', value: 'platform' }, { key: 'zone', value: 'x'.repeat(257) }],
  }))
  const request = { AccountName: 'Log archive', Email: 'logs.example.com', RoleName: 'OrganizationAccountAccessRole', Tags: [{ Key: 'team', Value: 'platform' }, { Key: 'zone', Value: 'x'.repeat(257) }] }
  const { issues } = orgkit.validateRequest('organizations', 'CreateAccount', request)
  assert.equal(issues.length, 2)
  assert.deepEqual(findings.map(({ code, at, message }) => ({ path: at, code, message })), issues)
  assert.deepEqual(findings.map((found) => found.at), ['Email', 'Tags[1].Value'])
  assert.ok(findings.every((found) => found.edition === 'current'))
})

test('Account: ParentIds takes one parent, each a root or OU ID', () => {
  assert.deepEqual(check((stack) => resource(stack, 'Acct', 'AWS::Organizations::Account', { ParentIds: [ROOT] })), [])
  const findings = check((stack) => resource(stack, 'Acct', 'AWS::Organizations::Account', { ParentIds: [OU, ACCOUNT] }))
  assert.deepEqual(summary(findings), [['Org/Acct', 'MAX_LENGTH_EXCEEDED', 'ParentIds'], ['Org/Acct', 'INVALID_PATTERN', 'ParentIds[1]']])
  assert.equal(findings[1].message, orgkit.checkValue('ParentId', ACCOUNT).issues[0].message)
})

test('Policy: Content may be a JSON object or JSON text; SCPs are checked with checkScp', () => {
  const bad = { Version: '2012-10-17', Statement: [{ Effect: 'allow', Action: 's3:*', Resource: '*' }] }
  const expected = orgkit.checkScp(JSON.stringify(bad)).map((issue) => [issue.code, `Content.${issue.path}`])
  assert.deepEqual(expected, [['INVALID_EFFECT', 'Content.Statement[0].Effect']])
  // The L1 takes an object; a string reaches the template through an override (or cfn-include).
  const asObject = check((stack) => resource(stack, 'Scp', 'AWS::Organizations::Policy', { Content: bad }))
  assert.deepEqual(asObject.map(({ code, at }) => [code, at]), expected)
  const asText = check((stack) => resource(stack, 'Scp', 'AWS::Organizations::Policy').addPropertyOverride('Content', JSON.stringify(bad, null, 2)))
  assert.deepEqual(asText.map(({ code, at }) => [code, at]), expected)
  const broken = check((stack) => resource(stack, 'Scp', 'AWS::Organizations::Policy').addPropertyOverride('Content', '{"Version": "2012-10-17", "Statement": ['))
  assert.deepEqual(summary(broken), [['Org/Scp', 'INVALID_JSON', 'Content']])
  const large = scp(...Array.from({ length: 60 }, (_, i) => ({ Sid: `S${i}`, Effect: 'Deny', Action: 'ec2:TerminateInstances', Resource: `arn:aws:ec2:*:${ACCOUNT}:instance/i-${i}` })))
  assert.ok(JSON.stringify(large).length > 5120)
  assert.deepEqual(summary(check((stack) => resource(stack, 'Scp', 'AWS::Organizations::Policy', { Content: large }))), [['Org/Scp', 'DOCUMENT_TOO_LARGE', 'Content']])
  // Other policy types are no SCPs: their content is checked by the API's rules only.
  const tagPolicy = { tags: { costcenter: { tag_key: { '@@assign': 'CostCenter' } } } }
  assert.deepEqual(check((stack) => resource(stack, 'Tags', 'AWS::Organizations::Policy', { Type: 'TAG_POLICY', Content: tagPolicy })), [])
  // checkScp has no rules for resource control policies (they name a Principal): not checked.
  const rcp = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }] }
  assert.deepEqual(check((stack) => resource(stack, 'Rcp', 'AWS::Organizations::Policy', { Type: 'RESOURCE_CONTROL_POLICY', Content: rcp })), [])
  // A missing Description is CloudFormation's default, not the API's INPUT_REQUIRED.
  assert.deepEqual(check((stack) => resource(stack, 'Scp', 'AWS::Organizations::Policy', { Description: undefined })), [])
})

test('what the template finally holds is checked: Tags.of and property overrides', () => {
  const findings = check((stack) => {
    const ou = resource(stack, 'Ou', 'AWS::Organizations::OrganizationalUnit')
    Tags.of(stack).add('owner', 'x'.repeat(300))
    const acct = resource(stack, 'Acct', 'AWS::Organizations::Account', { Email: 'not-yet@@' })
    acct.addPropertyOverride('Email', 'fixed@example.com')
    acct.addPropertyOverride('RoleName', 'bad role')
    ou.addDeletionOverride('Properties.Tags')
  })
  // Indexes are the template's: CDK renders tags sorted by key, so 'owner' comes before 'team'.
  assert.deepEqual(summary(findings), [['Org/Acct', 'INVALID_PATTERN', 'RoleName'], ['Org/Acct', 'MAX_LENGTH_EXCEEDED', 'Tags[0].Value']])
  const app = new App()
  const stack = new Stack(app, 'Org')
  resource(stack, 'Acct', 'AWS::Organizations::Account')
  Tags.of(stack).add('owner', 'x'.repeat(300))
  assert.equal(app.synth().getStackByName('Org').template.Resources.Acct.Properties.Tags[0].Key, 'owner')
})

// ---------------------------------------------------------------------------------------------
// Tokens

/** Values CDK only knows at deployment, of every kind a property can hold. */
function tokens(stack) {
  const text = new CfnParameter(stack, 'Text').valueAsString
  const list = new CfnParameter(stack, 'List', { type: 'CommaDelimitedList' }).valueAsList
  const custom = new CfnResource(stack, 'Custom', { type: 'Custom::Lookup' })
  // Every kind but a Lazy string renders as an intrinsic or a dynamic reference, which CDK's L1
  // validation lets through anywhere; a Lazy string renders as a string, which it refuses as the
  // Content of a policy (an object there).
  const lazy = Lazy.string({ produce: () => 'not an email, not a name: lazy' })
  const rendered = [
    text,
    Fn.importValue('SharedOrganizationalUnitId'),
    new CfnDynamicReference(CfnDynamicReferenceService.SSM, '/org/value').toString(),
    '{{resolve:ssm:/org/plain}}',
    Fn.join('-', ['ou', text]),
    `prefix-${Aws.ACCOUNT_ID}`,
    custom.getAtt('Value').toString(),
    Token.asString(Fn.conditionIf('Prod', 'a', 'b')),
  ]
  return {
    strings: [lazy, ...rendered],
    lists: [list, Lazy.list({ produce: () => ['not-an-id'] }), Token.asList(Fn.split(',', text)), [text]],
    tags: [[{ key: text, value: Lazy.string({ produce: () => '' }) }], [{ key: 'team', value: Fn.importValue('Team') }]],
    documents: [
      ...rendered,
      Lazy.any({ produce: () => ({ Version: 'bad' }) }),
      { Version: '2012-10-17', Statement: [{ Effect: text, Action: '*', Resource: '*' }] },
      { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: lazy, Resource: '*' }] },
    ],
  }
}

test('a token in any checked property is never reported, and the rest of the resource still is', () => {
  let checked = 0
  for (const [type, rule] of Object.entries(RESOURCE_TYPES)) {
    for (const [property, propertyRule] of Object.entries(rule.properties)) {
      const kinds = (values) => property === 'Tags' ? values.tags
        : propertyRule.each ? values.lists
          : propertyRule.jsonText ? values.documents
            : values.strings
      const count = kinds(tokens(new Stack(new App(), 'Count'))).length
      for (let index = 0; index < count; index++) {
        // One app per value: the resources stay apart (no sibling or organization clashes).
        const app = checkedApp()
        const stack = new Stack(app, 'Org')
        const value = kinds(tokens(stack))[index]
        resource(stack, 'It', type, { [property]: value })
        assert.deepEqual(findingsOf(app), [], `${type} ${property} #${index}: a token is skipped`)
        checked++
      }
    }
  }
  assert.ok(checked > 60)
  // Alongside a token, a bad literal is still reported.
  const findings = check((stack) => resource(stack, 'Acct', 'AWS::Organizations::Account', {
    AccountName: new CfnParameter(stack, 'Name').valueAsString,
    Email: 'logs.example.com',
    Tags: [{ key: 'team', value: Fn.importValue('Team') }, { key: 'zone', value: 'x'.repeat(257) }],
  }))
  assert.deepEqual(summary(findings), [['Org/Acct', 'INVALID_PATTERN', 'Email'], ['Org/Acct', 'MAX_LENGTH_EXCEEDED', 'Tags[1].Value']])
})

test('an SCP whose Type is a token is not checked as an SCP; one whose Content has a token neither', () => {
  const bad = scp({ Effect: 'allow', Action: '*', Resource: '*' })
  assert.deepEqual(check((stack) => resource(stack, 'P', 'AWS::Organizations::Policy', { Type: new CfnParameter(stack, 'Type').valueAsString, Content: bad })), [])
  const partly = scp({ Effect: 'allow', Action: '*', Resource: `arn:aws:s3:::${Aws.ACCOUNT_ID}-logs` })
  assert.deepEqual(check((stack) => resource(stack, 'P', 'AWS::Organizations::Policy', { Content: partly })), [])
})

// ---------------------------------------------------------------------------------------------
// Cross-resource checks

test('sibling OUs need different names: same literal parent, same referenced parent', () => {
  const findings = check((stack) => {
    const org = new organizations.CfnOrganization(stack, 'Org')
    resource(stack, 'A', 'AWS::Organizations::OrganizationalUnit', { Name: 'Prod', ParentId: ROOT })
    resource(stack, 'B', 'AWS::Organizations::OrganizationalUnit', { Name: 'Prod', ParentId: ROOT })
    resource(stack, 'C', 'AWS::Organizations::OrganizationalUnit', { Name: 'Prod', ParentId: OU })
    const workloads = resource(stack, 'Workloads', 'AWS::Organizations::OrganizationalUnit', { Name: 'Workloads', ParentId: org.attrRootId })
    resource(stack, 'D', 'AWS::Organizations::OrganizationalUnit', { Name: 'Dev', ParentId: workloads.ref })
    resource(stack, 'E', 'AWS::Organizations::OrganizationalUnit', { Name: 'Dev', ParentId: workloads.attrId })
    resource(stack, 'F', 'AWS::Organizations::OrganizationalUnit', { Name: 'Workloads', ParentId: org.attrRootId })
    // Not known to clash: a token name, a resource a Condition may leave out, another parent.
    resource(stack, 'G', 'AWS::Organizations::OrganizationalUnit', { Name: Lazy.string({ produce: () => 'Dev' }), ParentId: workloads.ref })
    const maybe = resource(stack, 'H', 'AWS::Organizations::OrganizationalUnit', { Name: 'Dev', ParentId: workloads.ref })
    maybe.cfnOptions.condition = new CfnCondition(stack, 'InIreland', { expression: Fn.conditionEquals(Aws.REGION, 'eu-west-1') })
  })
  assert.deepEqual(summary(findings.filter((found) => found.code === 'DuplicateOrganizationalUnitException')), [
    ['Org/A', 'DuplicateOrganizationalUnitException', 'Name'],
    ['Org/B', 'DuplicateOrganizationalUnitException', 'Name'],
    ['Org/Workloads', 'DuplicateOrganizationalUnitException', 'Name'],
    ['Org/D', 'DuplicateOrganizationalUnitException', 'Name'],
    ['Org/E', 'DuplicateOrganizationalUnitException', 'Name'],
    ['Org/F', 'DuplicateOrganizationalUnitException', 'Name'],
  ])
  const a = findings.find((found) => found.construct === 'Org/A')
  assert.equal(a.message, "organizational unit name 'Prod' is also used by 'Org/B' under the same parent (ParentId = 'r-abcd'); sibling OUs need different names")
  const d = findings.find((found) => found.construct === 'Org/D')
  assert.match(d.message, /also used by 'Org\/E' under the same parent \(ParentId = the Ref of AWS::Organizations::OrganizationalUnit 'Org\/Workloads'\)/)
  assert.ok(orgkit.errorNames('organizations', { edition: 'original' }).includes('DuplicateOrganizationalUnitException'))
})

test('parents and policy targets that reference resources must reference the right kind', () => {
  const good = check((stack) => {
    const org = new organizations.CfnOrganization(stack, 'Org')
    const ou = resource(stack, 'Ou', 'AWS::Organizations::OrganizationalUnit', { ParentId: org.attrRootId })
    const acct = resource(stack, 'Acct', 'AWS::Organizations::Account', { ParentIds: [ou.ref] })
    resource(stack, 'Sub', 'AWS::Organizations::OrganizationalUnit', { Name: 'Sub', ParentId: ou.attrId })
    resource(stack, 'Scp', 'AWS::Organizations::Policy', { TargetIds: [org.attrRootId, ou.ref, acct.ref, acct.attrAccountId, org.attrManagementAccountId] })
  })
  assert.deepEqual(good, [])

  const findings = check((stack) => {
    const org = new organizations.CfnOrganization(stack, 'Org')
    const acct = resource(stack, 'Acct', 'AWS::Organizations::Account')
    const policy = resource(stack, 'Scp', 'AWS::Organizations::Policy', { TargetIds: [org.ref] })
    resource(stack, 'UnderAccount', 'AWS::Organizations::OrganizationalUnit', { ParentId: acct.ref })
    resource(stack, 'UnderOrg', 'AWS::Organizations::OrganizationalUnit', { Name: 'Other', ParentId: org.attrId })
    resource(stack, 'Moved', 'AWS::Organizations::Account', { Email: 'moved@example.com', ParentIds: [acct.attrArn] })
    resource(stack, 'Attach', 'AWS::Organizations::Policy', { Name: 'attach', TargetIds: [policy.ref, org.attrArn] })
  })
  assert.deepEqual(summary(findings), [
    ['Org/Scp', 'INVALID_PATTERN_TARGET_ID', 'TargetIds[0]'],
    ['Org/UnderAccount', 'INVALID_PATTERN', 'ParentId'],
    ['Org/UnderOrg', 'INVALID_PATTERN', 'ParentId'],
    ['Org/Moved', 'INVALID_PATTERN', 'ParentIds[0]'],
    ['Org/Attach', 'INVALID_PATTERN_TARGET_ID', 'TargetIds[0]'],
    ['Org/Attach', 'INVALID_PATTERN_TARGET_ID', 'TargetIds[1]'],
  ])
  assert.equal(findings[1].message, "The Ref of AWS::Organizations::Account 'Org/Acct' is an AccountId, but a parent is a root or an organizational unit")
  assert.equal(findings[0].message, "The Ref of AWS::Organizations::Organization 'Org/Org' is an OrganizationId, but a policy target is a root, an organizational unit or an account")
  assert.match(findings[3].message, /Fn::GetAtt Arn of AWS::Organizations::Account 'Org\/Acct' is an Arn/)
  // The codes are those orgkit gives a literal of the same wrong kind.
  assert.equal(findings[1].code, orgkit.checkValue('ParentId', ACCOUNT).issues[0].code)
  assert.equal(findings[0].code, orgkit.checkValue('PolicyTargetId', 'o-abcdefghij').issues[0].code)
  assert.deepEqual(REFERENCE_ROLES.parent.kinds, ['RootId', 'OrganizationalUnitId'])
})

test('references are followed across stacks, and resolve to nothing unknown', () => {
  const app = checkedApp()
  const core = new Stack(app, 'Core')
  const members = new Stack(app, 'Members')
  const org = new organizations.CfnOrganization(core, 'Org')
  const ou = resource(core, 'Ou', 'AWS::Organizations::OrganizationalUnit', { ParentId: org.attrRootId })
  const admin = resource(core, 'Admin', 'AWS::Organizations::Account')
  resource(members, 'Acct', 'AWS::Organizations::Account', { Email: 'member@example.com', ParentIds: [ou.ref] })
  resource(members, 'Wrong', 'AWS::Organizations::Account', { Email: 'wrong@example.com', ParentIds: [admin.ref] })
  resource(members, 'Dup', 'AWS::Organizations::OrganizationalUnit', { ParentId: org.attrRootId })
  const findings = findingsOf(app)
  assert.deepEqual(summary(findings), [
    ['Core/Ou', 'DuplicateOrganizationalUnitException', 'Name'],
    ['Members/Wrong', 'INVALID_PATTERN', 'ParentIds[0]'],
    ['Members/Dup', 'DuplicateOrganizationalUnitException', 'Name'],
  ])
  assert.match(findings[1].message, /The Ref of AWS::Organizations::Account 'Core\/Admin' is an AccountId/)
})

test('an account creates one organization: two in one account are reported', () => {
  const sameStack = check((stack) => {
    new organizations.CfnOrganization(stack, 'First')
    new organizations.CfnOrganization(stack, 'Second', { featureSet: 'CONSOLIDATED_BILLING' })
  })
  assert.deepEqual(summary(sameStack), [['Org/First', 'AlreadyInOrganizationException', ''], ['Org/Second', 'AlreadyInOrganizationException', '']])
  assert.match(sameStack[0].message, /also declared by 'Org\/Second' for the account stack 'Org' is deployed to/)

  const accounts = (a, b) => {
    const app = checkedApp()
    new organizations.CfnOrganization(new Stack(app, 'A', { env: { account: a, region: 'us-east-1' } }), 'Org')
    new organizations.CfnOrganization(new Stack(app, 'B', { env: { account: b, region: 'eu-west-1' } }), 'Org')
    return findingsOf(app)
  }
  assert.deepEqual(accounts('111111111111', '222222222222'), [])
  const same = accounts('111111111111', '111111111111')
  assert.deepEqual(summary(same), [['A/Org', 'AlreadyInOrganizationException', ''], ['B/Org', 'AlreadyInOrganizationException', '']])
  assert.match(same[0].message, /for account 111111111111/)
  // A stack whose account is known and one whose account is not: not known to clash.
  const app = checkedApp()
  new organizations.CfnOrganization(new Stack(app, 'A', { env: { account: '111111111111', region: 'us-east-1' } }), 'Org')
  new organizations.CfnOrganization(new Stack(app, 'B'), 'Org')
  assert.deepEqual(findingsOf(app), [])
})

test('environment-agnostic stacks may deploy to different accounts; a stack and its nested stacks to one', () => {
  // Two stacks whose account is unknown (no env, or a token): not known to clash.
  const app = checkedApp()
  new organizations.CfnOrganization(new Stack(app, 'A'), 'Org')
  new organizations.CfnOrganization(new Stack(app, 'B'), 'Org')
  new organizations.CfnOrganization(new Stack(app, 'C', { env: { account: Aws.ACCOUNT_ID, region: 'us-east-1' } }), 'Org')
  new organizations.CfnOrganization(new Stack(app, 'D', { env: { account: 'not-an-account', region: 'us-east-1' } }), 'Org')
  assert.deepEqual(findingsOf(app), [])
  // A nested stack is deployed to its parent's account, known or not.
  const nested = checkedApp()
  const parent = new Stack(nested, 'Parent')
  new organizations.CfnOrganization(parent, 'Org')
  new organizations.CfnOrganization(new NestedStack(new NestedStack(parent, 'Inner'), 'Deeper'), 'Org')
  new organizations.CfnOrganization(new NestedStack(new Stack(nested, 'Other'), 'Inner'), 'Org')
  const found = findingsOf(nested)
  assert.deepEqual(summary(found), [['Parent/Org', 'AlreadyInOrganizationException', ''], ['Parent/Inner/Deeper/Org', 'AlreadyInOrganizationException', '']])
  assert.match(found[0].message, /for the account stack 'Parent' is deployed to/)
})

test('each Stage is its own app: its own aspect, its own cross-resource checks', () => {
  const stages = (name) => {
    const app = new App({ builtinCloudFormationValidation: false })
    for (const stageName of ['Dev', 'Prod']) {
      const stage = new Stage(app, stageName)
      Aspects.of(stage).add(new OrgkitChecks())
      const stack = new Stack(stage, 'Org')
      new organizations.CfnOrganization(stack, 'Org')
      resource(stack, 'Ou', 'AWS::Organizations::OrganizationalUnit', { Name: stageName === 'Prod' ? name : 'Workloads' })
    }
    return findingsOf(app)
  }
  assert.deepEqual(stages('Workloads'), [])
  assert.deepEqual(summary(stages('Work\u0001loads')), [['Prod/Org/Ou', 'INVALID_PATTERN', 'Name']])
})

// ---------------------------------------------------------------------------------------------
// Editions

test('editions: what today\'s API accepts and the 2017 one did not', () => {
  const build = (stack) => {
    resource(stack, 'Acct', 'AWS::Organizations::Account')
    resource(stack, 'Rcp', 'AWS::Organizations::Policy', { Type: 'RESOURCE_CONTROL_POLICY', Tags: undefined, Content: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }] } })
    resource(stack, 'Scp', 'AWS::Organizations::Policy', { Name: 'allow-but', Tags: undefined, Content: scp({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }) })
    resource(stack, 'Delegation', 'AWS::Organizations::ResourcePolicy')
  }
  assert.deepEqual(check(build), [])
  assert.deepEqual(check(build, { edition: 'current' }), [])
  const original = check(build, { edition: 'original' })
  assert.deepEqual(summary(original), [
    ['Org/Acct', 'UNKNOWN_PARAMETER', 'Tags'],
    ['Org/Rcp', 'INVALID_ENUM', 'Type'],
    ['Org/Scp', 'DENY_ONLY_ELEMENT', 'Content.Statement[0].NotAction'],
    ['Org/Delegation', 'UNKNOWN_OPERATION', ''],
  ])
  assert.ok(original.every((found) => found.edition === 'original'))
  assert.match(original[1].message, /enum value set: \[SERVICE_CONTROL_POLICY\]/)
  assert.match(original[3].message, /AWS::Organizations::ResourcePolicy is created with PutResourcePolicy, which the original edition/)
})

// ---------------------------------------------------------------------------------------------
// Where findings go

test('a finding is an error annotation on the L1 resource and a validation error of it', () => {
  const app = checkedApp()
  const stack = new Stack(app, 'Org')
  class Member extends Construct {
    constructor(scope, id, email) {
      super(scope, id)
      const account = new organizations.CfnAccount(this, 'Resource', { accountName: id, email })
      account.applyRemovalPolicy(RemovalPolicy.RETAIN)
      this.node.defaultChild = account
    }
  }
  const member = new Member(stack, 'Audit', 'audit.example.com')
  const direct = resource(stack, 'Direct', 'AWS::Organizations::Account', { RoleName: 'bad role' })
  const findings = findingsOf(app)
  assert.deepEqual(summary(findings), [['Org/Audit/Resource', 'INVALID_PATTERN', 'Email'], ['Org/Direct', 'INVALID_PATTERN', 'RoleName']])
  const errorsOf = (construct) => construct.node.metadata.filter((entry) => entry.type === 'aws:cdk:error').map((entry) => entry.data)
  assert.deepEqual(errorsOf(member.node.defaultChild), [findings[0].text])
  assert.deepEqual(errorsOf(direct), [findings[1].text])
  assert.match(findings[1].text, /^INVALID_PATTERN at RoleName: Value 'bad role' at 'roleName' failed to satisfy constraint: .* \(orgkit, current edition\)$/)
  assert.deepEqual(errorsOf(member), [])
})

test('failSynth: false keeps only the annotations, which CDK assertions and the CLI read', () => {
  const app = new App({ builtinCloudFormationValidation: false })
  Aspects.of(app).add(new OrgkitChecks({ failSynth: false }))
  const stack = new Stack(app, 'Org')
  resource(stack, 'Acct', 'AWS::Organizations::Account', { Email: 'nob' })
  resource(stack, 'Ou', 'AWS::Organizations::OrganizationalUnit')
  const assembly = app.synth()
  const annotations = Annotations.fromStack(stack)
  annotations.hasError('/Org/Acct', Match.stringLikeRegexp('^INVALID_PATTERN at Email: .*\\(orgkit, current edition\\)$'))
  annotations.hasNoError('/Org/Ou', Match.anyValue())
  // The cloud assembly carries them, as `cdk synth` reads them ("Found errors").
  const messages = assembly.getStackByName('Org').messages.filter((message) => message.level === 'error')
  assert.deepEqual(messages.map((message) => message.id), ['/Org/Acct', '/Org/Acct'])
  assert.deepEqual(messages.map((message) => message.entry.data.split(':')[0]), ['MIN_LENGTH_EXCEEDED at Email', 'INVALID_PATTERN at Email'])
})

test('with CDK\'s annotationsInValidationReport flag, the annotations alone fail app.synth()', () => {
  const app = new App({ builtinCloudFormationValidation: false, context: { '@aws-cdk/core:annotationsInValidationReport': true, '@aws-cdk/core:appMode': 'inmemory' } })
  Aspects.of(app).add(new OrgkitChecks({ failSynth: false }))
  resource(new Stack(app, 'Org'), 'Ou', 'AWS::Organizations::OrganizationalUnit', { ParentId: 'root' })
  assert.throws(() => app.synth(), /INVALID_PATTERN at ParentId: Value 'root' at 'parentId'/)
})

// ---------------------------------------------------------------------------------------------
// The policy-validation plugin

/** Synthesizes `app` (with the plugin) into a fresh directory: the plugin's violations. */
function pluginViolations(build, props = {}) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'orgkit-cdk-report-'))
  try {
    const app = new App({ outdir, builtinCloudFormationValidation: false, ...props })
    build(app)
    let thrown
    try {
      app.synth()
    } catch (error) {
      thrown = error
    }
    // CDK writes the report whenever a plugin ran; a failed one fails the synthesis.
    const reportFile = path.join(outdir, 'validation-report.json')
    const reports = fs.existsSync(reportFile) ? JSON.parse(fs.readFileSync(reportFile, 'utf8')).pluginReports : []
    const report = reports.find((entry) => entry.pluginName === 'orgkit')
    if (!report || report.conclusion === 'success') {
      assert.equal(thrown, undefined)
      assert.deepEqual(report ? report.violations : [], [])
      return []
    }
    assert.equal(report.conclusion, 'failure')
    assert.match(thrown.message, /A copy of this report can be found in: /)
    return report.violations.map((violation) => {
      const [construct] = violation.violatingConstructs
      return [construct.constructPath, violation.ruleName, construct.cloudFormationResource.propertyPaths[0], violation.description]
    })
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true })
  }
}

test('plugin: policyValidationBeta1 and Validations.of(app) report the same findings from the templates', () => {
  const build = (app) => {
    const core = new Stack(app, 'Core')
    const members = new Stack(app, 'Members')
    const admin = resource(core, 'Admin', 'AWS::Organizations::Account')
    resource(members, 'Ou', 'AWS::Organizations::OrganizationalUnit', { ParentId: admin.ref, Tags: [{ key: '', value: 'v' }] })
    resource(members, 'Scp', 'AWS::Organizations::Policy', { Content: scp({ Effect: 'Deny', Action: 's3GetObject', Resource: '*' }) })
    // A '*' at the start or in the middle of an action: valid SCP under the current edition.
    resource(members, 'WildScp', 'AWS::Organizations::Policy', { Content: scp({ Effect: 'Deny', Action: ['s3:Get*Object', 'ec2:*Vpc*'], Resource: '*' }) })
    resource(members, 'Fine', 'AWS::Organizations::OrganizationalUnit', { Name: 'Fine', ParentId: Fn.importValue('FromElsewhere') })
  }
  const expected = [
    ['Members/Ou', 'INVALID_PATTERN', 'Properties/ParentId'],
    ['Members/Ou', 'MIN_LENGTH_EXCEEDED', 'Properties/Tags/0/Key'],
    ['Members/Scp', 'INVALID_ACTION', 'Properties/Content/Statement/0/Action'],
  ]
  const beta = pluginViolations(build, { policyValidationBeta1: [new OrgkitPolicyValidation()] })
  assert.deepEqual(beta.map((violation) => violation.slice(0, 3)), expected)
  assert.match(beta[0][3], /^INVALID_PATTERN at ParentId: The Ref of AWS::Organizations::Account '.*Admin.*' is an AccountId, but a parent is a root or an organizational unit \(current edition\)$/)
  const stable = pluginViolations((app) => {
    Validations.of(app).addPlugins(new OrgkitPolicyValidation())
    build(app)
  })
  assert.deepEqual(stable, beta)
  assert.deepEqual(pluginViolations((app) => {
    Validations.of(app).addPlugins(new OrgkitPolicyValidation())
    for (const type of Object.keys(L1)) resource(new Stack(app, type.split('::')[2]), 'It', type)
  }), [])
})

test('plugin: a Ref to nothing, the edition, accounts of stacks', () => {
  const violations = pluginViolations((app) => {
    Validations.of(app).addPlugins(new OrgkitPolicyValidation({ edition: 'original' }))
    const stack = new Stack(app, 'Org', { env: { account: '111111111111', region: 'us-east-1' } })
    const ou = resource(stack, 'Ou', 'AWS::Organizations::OrganizationalUnit', { Tags: undefined })
    ou.addPropertyOverride('ParentId', { Ref: 'NoSuchRoot' })
    resource(stack, 'Scp', 'AWS::Organizations::Policy', { Tags: undefined, TargetIds: [ou.ref, OU] }).addPropertyOverride('TargetIds.1', { 'Fn::GetAtt': ['Gone', 'Id'] })
    new organizations.CfnOrganization(stack, 'Org')
    new organizations.CfnOrganization(new Stack(app, 'Other', { env: { account: '111111111111', region: 'eu-west-1' } }), 'Org')
  })
  assert.deepEqual(violations.map((violation) => violation.slice(0, 3)), [
    ['Org/Ou', 'ParentNotFoundException', 'Properties/ParentId'],
    ['Org/Scp', 'TargetNotFoundException', 'Properties/TargetIds/1'],
    ['Org/Org', 'AlreadyInOrganizationException', 'Properties'],
    ['Other/Org', 'AlreadyInOrganizationException', 'Properties'],
  ])
  assert.match(violations[0][3], /The Ref of 'NoSuchRoot' names no resource, parameter or pseudo parameter of the template \(original edition\)$/)
  assert.match(violations[2][3], /for account 111111111111/)
})

test('plugin: one organization per account, as the aspect: env-agnostic stacks and Stages apart', () => {
  const organizationsIn = (stacks) => pluginViolations((app) => {
    Validations.of(app).addPlugins(new OrgkitPolicyValidation())
    for (const [scopeName, id, env] of stacks) {
      const scope = scopeName ? (app.node.tryFindChild(scopeName) ?? new Stage(app, scopeName)) : app
      new organizations.CfnOrganization(new Stack(scope, id, { env }), 'Org')
    }
  }).map((violation) => violation.slice(0, 2))
  const known = { account: '111111111111', region: 'us-east-1' }
  assert.deepEqual(organizationsIn([[undefined, 'A'], [undefined, 'B']]), [])
  assert.deepEqual(organizationsIn([['Dev', 'Org'], ['Prod', 'Org']]), [])
  assert.deepEqual(organizationsIn([['Dev', 'Org', known], ['Prod', 'Org', known]]), [])
  assert.deepEqual(organizationsIn([['Dev', 'A', known], ['Dev', 'B', known], ['Prod', 'Org', known]]), [
    ['Dev/A/Org', 'AlreadyInOrganizationException'], ['Dev/B/Org', 'AlreadyInOrganizationException'],
  ])
  assert.deepEqual(pluginViolations((app) => {
    Validations.of(app).addPlugins(new OrgkitPolicyValidation())
    const stack = new Stack(app, 'Org')
    new organizations.CfnOrganization(stack, 'First')
    new organizations.CfnOrganization(stack, 'Second')
  }).map((violation) => violation.slice(0, 2)), [['Org/First', 'AlreadyInOrganizationException'], ['Org/Second', 'AlreadyInOrganizationException']])
})

test('plugin: the templates of nested stacks are checked too, with or without asset metadata', () => {
  for (const context of [{}, { 'aws:cdk:enable-asset-metadata': true }, { 'aws:cdk:enable-asset-metadata': false }]) {
    const violations = pluginViolations((app) => {
      Validations.of(app).addPlugins(new OrgkitPolicyValidation())
      const parent = new Stack(app, 'Parent')
      new organizations.CfnOrganization(parent, 'Org')
      const inner = new NestedStack(parent, 'Inner')
      resource(inner, 'Acct', 'AWS::Organizations::Account', { Email: 'logs.example.com' })
      const deeper = new NestedStack(inner, 'Deeper')
      new organizations.CfnOrganization(deeper, 'Org')
      resource(deeper, 'Ou', 'AWS::Organizations::OrganizationalUnit', { ParentId: 'root' })
      // Another env-agnostic stack's nested organization: maybe another account.
      new organizations.CfnOrganization(new NestedStack(new Stack(app, 'Other'), 'Inner'), 'Org')
    }, { context })
    assert.deepEqual(violations.map((violation) => violation.slice(0, 3)), [
      ['Parent/Inner/Acct', 'INVALID_PATTERN', 'Properties/Email'],
      ['Parent/Inner/Deeper/Ou', 'INVALID_PATTERN', 'Properties/ParentId'],
      ['Parent/Org', 'AlreadyInOrganizationException', 'Properties'],
      ['Parent/Inner/Deeper/Org', 'AlreadyInOrganizationException', 'Properties'],
    ], JSON.stringify(context))
    assert.match(violations[3][3], /also declared by 'Org \(Parent\.template\.json\)' for the account stack 'Parent' is deployed to/)
  }
})

// ---------------------------------------------------------------------------------------------
// TypeScript

test('TypeScript: the typings of orgkit/cdk compile against aws-cdk-lib (module nodenext, strict)', () => {
  const tsc = path.join(project, 'node_modules', '.bin', 'tsc')
  const result = spawnSync(tsc, ['-p', path.join(here, 'cdk-tsconfig.json')], { encoding: 'utf8' })
  assert.equal(result.status, 0, result.stdout + result.stderr)
})

// ---------------------------------------------------------------------------------------------
// The example app

/** examples/cdk-org copied into a scratch directory of the OS temp dir, whose node_modules is a
 * link to this npm project's (so that `orgkit` and `aws-cdk-lib` resolve to the ones installed
 * here, as in a user's project), and run as the CDK CLI runs it: `node app.mjs` with CDK_OUTDIR
 * and CDK_CONTEXT_JSON. */
function runExample(context) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orgkit-cdk-org-example-'))
  try {
    fs.symlinkSync(path.join(project, 'node_modules'), path.join(dir, 'node_modules'), 'dir')
    for (const file of ['app.mjs', 'cdk.json']) fs.copyFileSync(path.join(repository, 'examples', 'cdk-org', file), path.join(dir, file))
    const config = JSON.parse(fs.readFileSync(path.join(dir, 'cdk.json'), 'utf8'))
    const [command, ...args] = config.app.split(' ')
    assert.equal(command, 'node')
    const outdir = path.join(dir, 'cdk.out')
    const result = spawnSync(process.execPath, args, {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, CDK_OUTDIR: outdir, CDK_CONTEXT_JSON: JSON.stringify(context) },
    })
    const templateFile = path.join(outdir, 'Organization.template.json')
    const template = fs.existsSync(templateFile) ? JSON.parse(fs.readFileSync(templateFile, 'utf8')) : undefined
    return { status: result.status, stderr: result.stderr, template }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

test('examples/cdk-org: synthesizes as it is, fails with -c broken=true', () => {
  const good = runExample({})
  assert.equal(good.status, 0, good.stderr)
  const types = Object.values(good.template.Resources).map((r) => r.Type).filter((type) => type.startsWith('AWS::Organizations::'))
  assert.deepEqual(types.sort(), ['AWS::Organizations::Account', 'AWS::Organizations::Organization', 'AWS::Organizations::OrganizationalUnit',
    'AWS::Organizations::OrganizationalUnit', 'AWS::Organizations::OrganizationalUnit', 'AWS::Organizations::Policy'])

  const bad = runExample({ broken: 'true' })
  assert.notEqual(bad.status, 0)
  assert.equal(bad.template, undefined, 'nothing is synthesized')
  const lines = bad.stderr.split('\n').filter((line) => /^\s*\[Organization\//.test(line)).map(parseFinding)
  assert.deepEqual(summary(lines), [
    ['Organization/Security', 'DuplicateOrganizationalUnitException', 'Name'],
    ['Organization/LogArchive', 'INVALID_PATTERN', 'Email'],
    ['Organization/StayInOrganization', 'INVALID_EFFECT', 'Content.Statement[0].Effect'],
    ['Organization/SecurityAgain', 'DuplicateOrganizationalUnitException', 'Name'],
    ['Organization/UnderAnAccount', 'INVALID_PATTERN', 'ParentId'],
  ])

  // The example's README shows these lines; those it does not shorten are exactly the output.
  const readme = fs.readFileSync(path.join(repository, 'examples', 'cdk-org', 'README.md'), 'utf8')
  const shown = readme.split('\n').filter((line) => /^ {2}\[Organization\//.test(line))
  assert.equal(shown.length, lines.length)
  for (const line of shown.filter((text) => !text.includes('…'))) assert.ok(bad.stderr.includes(line), line)

  const original = runExample({ 'orgkit-edition': 'original' })
  assert.notEqual(original.status, 0)
  const originalLines = original.stderr.split('\n').filter((line) => /^\s*\[Organization\//.test(line)).map(parseFinding)
  assert.deepEqual(summary(originalLines), [['Organization/Workloads', 'UNKNOWN_PARAMETER', 'Tags'], ['Organization/LogArchive', 'UNKNOWN_PARAMETER', 'Tags']])
})
