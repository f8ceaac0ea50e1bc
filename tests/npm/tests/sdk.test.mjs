// `orgkit/sdk` driven by the real AWS SDK for JavaScript v3 clients (Organizations, Account,
// Chime, STS from the registry): the emulator's request handler serves every operation the
// emulator has through `client.send`, errors arrive as the SDK's own exception classes and
// timestamps as Dates; the validation plugin rejects what the SDK itself would send unchecked,
// with every issue, before anything is sent, and lets valid input through. The typings are
// compiled against the SDK's own types.
import test from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { Emulator, EMULATED_EDITION, OrgkitEmulatorUsageError, OrgkitValidationError, OrgkitArgumentError, operations } from 'orgkit'
import sdkDefault, { orgkitValidation, emulatorRequestHandler, OrgkitSdkValidationError, SERVICE_EXCEPTIONS } from 'orgkit/sdk'
import * as sdkNamespace from 'orgkit/sdk'
import * as Organizations from '@aws-sdk/client-organizations'
import * as Account from '@aws-sdk/client-account'
import * as Chime from '@aws-sdk/client-chime'
import * as STS from '@aws-sdk/client-sts'

const require = createRequire(import.meta.url)
const here = path.dirname(fileURLToPath(import.meta.url))

const MASTER = '111111111111'
const MEMBER = '222222222222'
const OUTSIDER = '333333333333'

assert.equal(typeof Emulator.prototype.requestHandler, 'function', 'Emulator#requestHandler is part of orgkit')

/** SDK client options for acting as `accountId` through `emulator`. */
function clientConfig(emulator, accountId, handler = emulator.requestHandler()) {
  return { region: 'us-east-1', credentials: emulator.credentials(accountId), requestHandler: handler, maxAttempts: 1 }
}

/** An Organizations client whose `send` records every operation it sent. */
function recordedOrganizations(emulator, accountId, sent) {
  const client = new Organizations.OrganizationsClient(clientConfig(emulator, accountId))
  return async (command) => {
    sent.add(command.constructor.name.replace(/Command$/, ''))
    return client.send(command)
  }
}

/** A request handler that keeps every request the SDK hands it and passes it on to `inner`. */
function recordingHandler(inner) {
  const requests = []
  return {
    requests,
    metadata: inner.metadata,
    async handle(request, options) {
      const body = request.body === undefined ? '' : typeof request.body === 'string' ? request.body : Buffer.from(request.body).toString('utf8')
      requests.push({ method: request.method, path: request.path, query: { ...request.query }, headers: { ...request.headers }, body })
      return inner.handle(request, options)
    },
    updateHttpClientConfig: (key, value) => inner.updateHttpClientConfig(key, value),
    httpHandlerConfigs: () => inner.httpHandlerConfigs(),
    destroy: () => inner.destroy(),
  }
}

/** Asserts `promise` rejects with the SDK exception class `Class` and the given fields. */
async function rejectsAs(promise, Class, fields = {}) {
  await assert.rejects(promise, (error) => {
    assert.ok(error instanceof Class, `${error.name} is a ${Class.name}: ${error.message}`)
    assert.equal(error.name, Class.name)
    for (const [key, value] of Object.entries(fields)) {
      if (key === 'httpStatusCode') assert.equal(error.$metadata.httpStatusCode, value)
      else assert.equal(error[key], value, key)
    }
    return true
  })
}

test('every Organizations operation the emulator serves, through OrganizationsClient.send', async () => {
  const emulator = new Emulator({ seed: 11 })
  const sent = new Set()
  const master = recordedOrganizations(emulator, MASTER, sent)
  const member = recordedOrganizations(emulator, MEMBER, sent)
  const O = Organizations

  const organization = (await master(new O.CreateOrganizationCommand({ FeatureSet: 'CONSOLIDATED_BILLING' }))).Organization
  assert.equal(organization.MasterAccountId, MASTER)
  assert.equal(organization.FeatureSet, 'CONSOLIDATED_BILLING')

  // Invitations: accepted by the member, declined by an outsider, cancelled by the master.
  const invite = (await master(new O.InviteAccountToOrganizationCommand({ Target: { Id: MEMBER, Type: 'ACCOUNT' } }))).Handshake
  assert.ok(invite.RequestedTimestamp instanceof Date)
  assert.equal(invite.ExpirationTimestamp.getTime() - invite.RequestedTimestamp.getTime(), 15 * 86400 * 1000)
  const [pending] = (await member(new O.ListHandshakesForAccountCommand({}))).Handshakes
  assert.equal(pending.Id, invite.Id)
  assert.equal((await member(new O.DescribeHandshakeCommand({ HandshakeId: invite.Id }))).Handshake.State, 'OPEN')
  assert.equal((await member(new O.AcceptHandshakeCommand({ HandshakeId: invite.Id }))).Handshake.State, 'ACCEPTED')
  const outsider = recordedOrganizations(emulator, OUTSIDER, sent)
  const declined = (await master(new O.InviteAccountToOrganizationCommand({ Target: { Id: OUTSIDER, Type: 'ACCOUNT' } }))).Handshake
  assert.equal((await outsider(new O.DeclineHandshakeCommand({ HandshakeId: declined.Id }))).Handshake.State, 'DECLINED')
  const cancelled = (await master(new O.InviteAccountToOrganizationCommand({ Target: { Id: OUTSIDER, Type: 'ACCOUNT' } }))).Handshake
  assert.equal((await master(new O.CancelHandshakeCommand({ HandshakeId: cancelled.Id }))).Handshake.State, 'CANCELED')
  const states = (await master(new O.ListHandshakesForOrganizationCommand({}))).Handshakes.map((h) => h.State).sort()
  assert.deepEqual(states, ['ACCEPTED', 'CANCELED', 'DECLINED'])

  // All features: the members approve, then the master accepts its own handshake.
  const parent = (await master(new O.EnableAllFeaturesCommand({}))).Handshake
  const filter = { ActionType: 'APPROVE_ALL_FEATURES' }
  const [approval] = (await member(new O.ListHandshakesForAccountCommand({ Filter: filter }))).Handshakes
  await member(new O.AcceptHandshakeCommand({ HandshakeId: approval.Id }))
  await master(new O.AcceptHandshakeCommand({ HandshakeId: parent.Id }))
  assert.equal((await master(new O.DescribeOrganizationCommand({}))).Organization.FeatureSet, 'ALL')

  // The tree: root, OUs, accounts.
  const [root] = (await master(new O.ListRootsCommand({}))).Roots
  const ou = (await master(new O.CreateOrganizationalUnitCommand({ ParentId: root.Id, Name: 'Eng' }))).OrganizationalUnit
  await rejectsAs(master(new O.CreateOrganizationalUnitCommand({ ParentId: root.Id, Name: 'Eng' })),
    O.DuplicateOrganizationalUnitException, { $fault: 'client', httpStatusCode: 400 })
  assert.equal((await master(new O.DescribeOrganizationalUnitCommand({ OrganizationalUnitId: ou.Id }))).OrganizationalUnit.Name, 'Eng')
  const renamed = await master(new O.UpdateOrganizationalUnitCommand({ OrganizationalUnitId: ou.Id, Name: 'Engineering' }))
  assert.equal(renamed.OrganizationalUnit.Name, 'Engineering')
  const ous = (await master(new O.ListOrganizationalUnitsForParentCommand({ ParentId: root.Id }))).OrganizationalUnits
  assert.deepEqual(ous.map((o) => o.Id), [ou.Id])
  await master(new O.MoveAccountCommand({ AccountId: MEMBER, SourceParentId: root.Id, DestinationParentId: ou.Id }))
  assert.deepEqual((await master(new O.ListParentsCommand({ ChildId: MEMBER }))).Parents, [{ Id: ou.Id, Type: 'ORGANIZATIONAL_UNIT' }])
  const inOu = (await master(new O.ListAccountsForParentCommand({ ParentId: ou.Id }))).Accounts
  assert.deepEqual(inOu.map((a) => a.Id), [MEMBER])
  const children = (await master(new O.ListChildrenCommand({ ParentId: root.Id, ChildType: 'ORGANIZATIONAL_UNIT' }))).Children
  assert.deepEqual(children, [{ Id: ou.Id, Type: 'ORGANIZATIONAL_UNIT' }])

  // Policies.
  await master(new O.EnablePolicyTypeCommand({ RootId: root.Id, PolicyType: 'SERVICE_CONTROL_POLICY' }))
  const content = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: '*' }] })
  const policy = (await master(new O.CreatePolicyCommand({ Name: 'NoS3', Description: 'no S3', Type: 'SERVICE_CONTROL_POLICY', Content: content }))).Policy
  const policyId = policy.PolicySummary.Id
  assert.equal((await master(new O.DescribePolicyCommand({ PolicyId: policyId }))).Policy.Content, content)
  const updated = await master(new O.UpdatePolicyCommand({ PolicyId: policyId, Description: 'still no S3' }))
  assert.equal(updated.Policy.PolicySummary.Description, 'still no S3')
  const policies = (await master(new O.ListPoliciesCommand({ Filter: 'SERVICE_CONTROL_POLICY' }))).Policies.map((p) => p.Name).sort()
  assert.deepEqual(policies, ['FullAWSAccess', 'NoS3'])
  await master(new O.AttachPolicyCommand({ PolicyId: policyId, TargetId: ou.Id }))
  const onOu = (await master(new O.ListPoliciesForTargetCommand({ TargetId: ou.Id, Filter: 'SERVICE_CONTROL_POLICY' }))).Policies
  assert.deepEqual(onOu.map((p) => p.Id).sort(), [policyId, 'p-FullAWSAccess'].sort())
  const targets = (await master(new O.ListTargetsForPolicyCommand({ PolicyId: policyId }))).Targets
  assert.deepEqual(targets.map((t) => t.TargetId), [ou.Id])
  await master(new O.DetachPolicyCommand({ PolicyId: policyId, TargetId: ou.Id }))
  // The OU's last SCP cannot go.
  await rejectsAs(master(new O.DetachPolicyCommand({ PolicyId: 'p-FullAWSAccess', TargetId: ou.Id })),
    O.ConstraintViolationException, { Reason: 'MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED', $fault: 'client', httpStatusCode: 400 })
  await master(new O.DeletePolicyCommand({ PolicyId: policyId }))
  await rejectsAs(master(new O.DescribePolicyCommand({ PolicyId: policyId })), O.PolicyNotFoundException)
  await master(new O.DisablePolicyTypeCommand({ RootId: root.Id, PolicyType: 'SERVICE_CONTROL_POLICY' }))

  // Accounts: CreateAccount finishes by the next request (each one is a second of the clock).
  const request = (await master(new O.CreateAccountCommand({ Email: 'dev@example.com', AccountName: 'Dev' }))).CreateAccountStatus
  assert.equal(request.State, 'IN_PROGRESS')
  assert.ok(request.RequestedTimestamp instanceof Date)
  const status = (await master(new O.DescribeCreateAccountStatusCommand({ CreateAccountRequestId: request.Id }))).CreateAccountStatus
  assert.equal(status.State, 'SUCCEEDED')
  assert.ok(status.CompletedTimestamp instanceof Date && status.CompletedTimestamp > status.RequestedTimestamp)
  const listed = (await master(new O.ListCreateAccountStatusCommand({ States: ['SUCCEEDED'] }))).CreateAccountStatuses
  assert.deepEqual(listed.map((s) => s.Id), [request.Id])
  const described = (await master(new O.DescribeAccountCommand({ AccountId: status.AccountId }))).Account
  assert.equal(described.Name, 'Dev')
  assert.ok(described.JoinedTimestamp instanceof Date)
  assert.ok(Math.abs(described.JoinedTimestamp.getTime() - status.CompletedTimestamp.getTime()) < 1000)
  await rejectsAs(master(new O.DescribeAccountCommand({ AccountId: '999999999999' })), O.AccountNotFoundException,
    { $fault: 'client', httpStatusCode: 400 })
  assert.equal((await master(new O.ListAccountsCommand({}))).Accounts.length, 3)

  // Leaving: the created account once it can stand alone; the member is removed; then the
  // organization, now only the master, is deleted.
  emulator.prepareStandalone(status.AccountId)
  const created = recordedOrganizations(emulator, status.AccountId, sent)
  await created(new O.LeaveOrganizationCommand({}))
  await master(new O.MoveAccountCommand({ AccountId: MEMBER, SourceParentId: ou.Id, DestinationParentId: root.Id }))
  await master(new O.DeleteOrganizationalUnitCommand({ OrganizationalUnitId: ou.Id }))
  await master(new O.RemoveAccountFromOrganizationCommand({ AccountId: MEMBER }))
  await rejectsAs(member(new O.DescribeOrganizationCommand({})), O.AWSOrganizationsNotInUseException, { httpStatusCode: 400 })
  await master(new O.DeleteOrganizationCommand({}))
  await rejectsAs(master(new O.ListRootsCommand({})), O.AWSOrganizationsNotInUseException)

  const served = operations('organizations', { edition: EMULATED_EDITION }).map(([name]) => name).sort()
  assert.equal(served.length, 39)
  assert.deepEqual([...sent].sort(), served, 'every operation the emulator serves was sent through the SDK')
})

test('paginateListAccounts walks more accounts than one page', async () => {
  const emulator = new Emulator({ seed: 12 })
  const client = new Organizations.OrganizationsClient(clientConfig(emulator, MASTER))
  await client.send(new Organizations.CreateOrganizationCommand({}))
  for (let n = 0; n < 24; n++) {
    await client.send(new Organizations.CreateAccountCommand({ Email: `a${n}@example.com`, AccountName: `A${n}` }))
  }
  const sizes = []
  const ids = []
  for await (const page of Organizations.paginateListAccounts({ client, pageSize: 10 }, {})) {
    sizes.push(page.Accounts.length)
    for (const account of page.Accounts) {
      assert.ok(account.JoinedTimestamp instanceof Date)
      ids.push(account.Id)
    }
  }
  assert.deepEqual(sizes, [10, 10, 5])
  assert.equal(new Set(ids).size, 25)
  assert.ok(ids.includes(MASTER))
})

test('Account alternate contacts and Chime accounts through their SDK clients', async () => {
  const emulator = new Emulator({ seed: 13 })
  const account = new Account.AccountClient(clientConfig(emulator, MASTER))
  const contact = { AlternateContactType: 'BILLING', EmailAddress: 'billing@example.com', Name: 'Bill', PhoneNumber: '+1 206 555 0100', Title: 'CFO' }
  const put = await account.send(new Account.PutAlternateContactCommand(contact))
  assert.equal(put.$metadata.httpStatusCode, 200)
  const got = (await account.send(new Account.GetAlternateContactCommand({ AlternateContactType: 'BILLING' }))).AlternateContact
  assert.deepEqual(got, contact)
  await account.send(new Account.DeleteAlternateContactCommand({ AlternateContactType: 'BILLING' }))
  await rejectsAs(account.send(new Account.GetAlternateContactCommand({ AlternateContactType: 'BILLING' })),
    Account.ResourceNotFoundException, { $fault: 'client', httpStatusCode: 404 })

  const chime = new Chime.ChimeClient(clientConfig(emulator, MASTER))
  const made = await chime.send(new Chime.CreateAccountCommand({ Name: 'Team' }))
  assert.equal(made.$metadata.httpStatusCode, 201)
  assert.ok(made.Account.CreatedTimestamp instanceof Date)
  assert.equal(made.Account.AwsAccountId, MASTER)
  const chimeId = made.Account.AccountId
  assert.equal((await chime.send(new Chime.GetAccountCommand({ AccountId: chimeId }))).Account.Name, 'Team')
  const renamed = await chime.send(new Chime.UpdateAccountCommand({ AccountId: chimeId, Name: 'Team 2' }))
  assert.equal(renamed.Account.Name, 'Team 2')
  for (let n = 0; n < 4; n++) await chime.send(new Chime.CreateAccountCommand({ Name: `Other ${n}` }))
  const first = await chime.send(new Chime.ListAccountsCommand({ MaxResults: 3 }))
  assert.equal(first.Accounts.length, 3)
  assert.ok(first.NextToken)
  const rest = await chime.send(new Chime.ListAccountsCommand({ MaxResults: 3, NextToken: first.NextToken }))
  assert.equal(rest.Accounts.length, 2)
  assert.equal(rest.NextToken, undefined)
  const named = await chime.send(new Chime.ListAccountsCommand({ Name: 'Team 2' }))
  assert.deepEqual(named.Accounts.map((a) => a.AccountId), [chimeId])
  await rejectsAs(chime.send(new Chime.GetAccountCommand({ AccountId: '00000000-0000-0000-0000-000000000000' })),
    Chime.NotFoundException, { $fault: 'client', httpStatusCode: 404 })
})

test('STS GetCallerIdentity and AssumeRole: switching into the account CreateAccount made', async () => {
  const emulator = new Emulator({ seed: 14 })
  const handler = emulator.requestHandler()
  const organizations = new Organizations.OrganizationsClient(clientConfig(emulator, MASTER, handler))
  await organizations.send(new Organizations.CreateOrganizationCommand({}))
  const { CreateAccountStatus: request } = await organizations.send(new Organizations.CreateAccountCommand({ Email: 'p@example.com', AccountName: 'Prod' }))
  const { CreateAccountStatus: done } = await organizations.send(new Organizations.DescribeCreateAccountStatusCommand({ CreateAccountRequestId: request.Id }))
  const sts = new STS.STSClient(clientConfig(emulator, MASTER, handler))
  const me = await sts.send(new STS.GetCallerIdentityCommand({}))
  assert.equal(me.Account, MASTER)
  assert.equal(me.Arn, `arn:aws:iam::${MASTER}:root`)
  const RoleArn = `arn:aws:iam::${done.AccountId}:role/OrganizationAccountAccessRole`
  const assumed = await sts.send(new STS.AssumeRoleCommand({ RoleArn, RoleSessionName: 'setup' }))
  assert.ok(assumed.Credentials.Expiration instanceof Date)
  assert.ok(assumed.Credentials.Expiration > new Date())
  assert.equal(assumed.AssumedRoleUser.Arn, `arn:aws:sts::${done.AccountId}:assumed-role/OrganizationAccountAccessRole/setup`)
  const credentials = {
    accessKeyId: assumed.Credentials.AccessKeyId,
    secretAccessKey: assumed.Credentials.SecretAccessKey,
    sessionToken: assumed.Credentials.SessionToken,
  }
  const inside = { region: 'us-east-1', credentials, requestHandler: handler, maxAttempts: 1 }
  const who = await new STS.STSClient(inside).send(new STS.GetCallerIdentityCommand({}))
  assert.equal(who.Account, done.AccountId)
  assert.equal(who.Arn, assumed.AssumedRoleUser.Arn)
  const seen = await new Organizations.OrganizationsClient(inside).send(new Organizations.DescribeOrganizationCommand({}))
  assert.equal(seen.Organization.MasterAccountId, MASTER)
  // The member account may not assume roles of another account.
  const stranger = new STS.STSClient(clientConfig(emulator, OUTSIDER, handler))
  await assert.rejects(stranger.send(new STS.AssumeRoleCommand({ RoleArn, RoleSessionName: 'x1' })), (error) => {
    assert.equal(error.name, 'AccessDenied')
    assert.equal(error.$fault, 'client')
    assert.equal(error.$metadata.httpStatusCode, 403)
    return true
  })
})

test('requestHandler({ caller }) acts as that account whatever credentials signed the request', async () => {
  const emulator = new Emulator({ seed: 15 })
  const handler = emulator.requestHandler({ caller: MASTER })
  const config = clientConfig(emulator, MEMBER, handler)
  const made = await new Organizations.OrganizationsClient(config).send(new Organizations.CreateOrganizationCommand({}))
  assert.equal(made.Organization.MasterAccountId, MASTER)
  const me = await new STS.STSClient(config).send(new STS.GetCallerIdentityCommand({}))
  assert.equal(me.Account, MASTER)
  // Without the override the member's own credentials decide: it is in no organization.
  const own = new Organizations.OrganizationsClient(clientConfig(emulator, MEMBER))
  await rejectsAs(own.send(new Organizations.DescribeOrganizationCommand({})), Organizations.AWSOrganizationsNotInUseException)
  for (const caller of ['12345', '1234567890123', 'root', '']) {
    assert.throws(() => emulator.requestHandler({ caller }), (error) => error instanceof OrgkitEmulatorUsageError && error.code === 'INVALID_CALLER')
  }
  assert.throws(() => emulator.requestHandler({ caller: 111111111111 }), OrgkitArgumentError)
  assert.throws(() => emulatorRequestHandler({ handleHttp() {} }), OrgkitArgumentError)
})

test('the request handler honours an abort signal and keeps the HttpHandler contract', async () => {
  const emulator = new Emulator({ seed: 16 })
  const handler = emulator.requestHandler()
  const client = new Organizations.OrganizationsClient(clientConfig(emulator, MASTER, handler))
  const controller = new AbortController()
  controller.abort()
  await assert.rejects(client.send(new Organizations.CreateOrganizationCommand({}), { abortSignal: controller.signal }),
    (error) => error.name === 'AbortError')
  const request = { method: 'POST', protocol: 'https:', hostname: 'organizations.us-east-1.amazonaws.com', path: '/', query: {}, headers: {}, body: '{}' }
  await assert.rejects(handler.handle(request, { abortSignal: controller.signal }), { name: 'AbortError', message: 'Request aborted' })
  const withReason = new AbortController()
  withReason.abort(new Error('shutting down'))
  await assert.rejects(handler.handle(request, { abortSignal: withReason.signal }),
    (error) => error.name === 'AbortError' && error.cause.message === 'shutting down')
  // Nothing was served: the organization was never made.
  await rejectsAs(client.send(new Organizations.DescribeOrganizationCommand({})), Organizations.AWSOrganizationsNotInUseException)
  // A live signal does not stop the request.
  const live = new AbortController()
  const made = await client.send(new Organizations.CreateOrganizationCommand({}), { abortSignal: live.signal })
  assert.equal(made.Organization.MasterAccountId, MASTER)
  // The HttpHandler surface the SDK calls.
  assert.equal(handler.metadata.handlerProtocol, 'http/1.1')
  handler.updateHttpClientConfig('requestTimeout', 5000)
  assert.deepEqual(handler.httpHandlerConfigs(), { requestTimeout: 5000 })
  handler.destroy()
  const { response } = await handler.handle({ ...request, headers: { 'x-amz-target': 'AWSOrganizationsV20161128.DescribeOrganization', 'content-type': 'application/x-amz-json-1.1' } })
  assert.ok(response.body instanceof Uint8Array)
  assert.equal(response.headers['content-length'], String(response.body.byteLength))
  assert.match(response.headers['x-amzn-requestid'], /^0r9k1t00-/)
  // The body may also come as bytes or as a stream, as the SDK may hand it on.
  const bytes = await handler.handle({ ...request, body: new TextEncoder().encode('{}'), headers: { 'x-amz-target': 'AWSOrganizationsV20161128.ListRoots', 'content-type': 'application/x-amz-json-1.1' } })
  assert.equal(bytes.response.statusCode, 200)
  const { Readable } = await import('node:stream')
  const streamed = await handler.handle({ ...request, body: Readable.from([Buffer.from('{'), Buffer.from('}')]), headers: { 'x-amz-target': 'AWSOrganizationsV20161128.ListRoots', 'content-type': 'application/x-amz-json-1.1' } })
  assert.equal(streamed.response.statusCode, 200)
  await assert.rejects(handler.handle({ ...request, body: 42 }), OrgkitArgumentError)
})

test('SDK v3 sends DescribeAccountCommand({}) unchecked: only the service (here the emulator) refuses it', async () => {
  const emulator = new Emulator({ seed: 17 })
  const recording = recordingHandler(emulator.requestHandler())
  const client = new Organizations.OrganizationsClient(clientConfig(emulator, MASTER, recording))
  await client.send(new Organizations.CreateOrganizationCommand({}))
  await rejectsAs(client.send(new Organizations.DescribeAccountCommand({})), Organizations.InvalidInputException,
    { Reason: 'INPUT_REQUIRED', $fault: 'client', httpStatusCode: 400 })
  const last = recording.requests.at(-1)
  assert.equal(last.headers['x-amz-target'], 'AWSOrganizationsV20161128.DescribeAccount')
  assert.equal(last.body, '{}')
  // Nor does it check values or constraints: a bad ID and an over-long name go out as given.
  await rejectsAs(client.send(new Organizations.ListAccountsCommand({ MaxResults: 500 })), Organizations.InvalidInputException,
    { Reason: 'MAX_VALUE_EXCEEDED' })
  assert.equal(JSON.parse(recording.requests.at(-1).body).MaxResults, 500)
  // Members it does not know it drops without a word.
  await client.send(new Organizations.ListRootsCommand({ MaxResult: 5 }))
  assert.equal(recording.requests.at(-1).body, '{}')
})

test('orgkitValidation rejects invalid input before anything is sent, like the service would', async () => {
  const emulator = new Emulator({ seed: 18 })
  const recording = recordingHandler(emulator.requestHandler())
  const client = new Organizations.OrganizationsClient(clientConfig(emulator, MASTER, recording))
  client.middlewareStack.use(orgkitValidation())
  client.middlewareStack.use(orgkitValidation()) // a second use replaces the first

  await assert.rejects(client.send(new Organizations.DescribeAccountCommand({})), (error) => {
    assert.ok(error instanceof Organizations.InvalidInputException, 'the SDK class matches')
    assert.ok(error instanceof OrgkitValidationError)
    assert.ok(error instanceof OrgkitSdkValidationError)
    assert.equal(error.name, 'InvalidInputException')
    assert.equal(error.$fault, 'client')
    assert.deepEqual(error.$metadata, { httpStatusCode: 400, attempts: 0, totalRetryDelay: 0 })
    assert.equal(error.code, 'INPUT_REQUIRED')
    assert.equal(error.Reason, 'INPUT_REQUIRED')
    assert.equal(error.Message, error.issues[0].message)
    assert.equal(error.operation, 'DescribeAccount')
    assert.equal(error.edition, 'current')
    assert.deepEqual(error.issues.map(({ path, code }) => ({ path, code })), [{ path: 'AccountId', code: 'INPUT_REQUIRED' }])
    return true
  })
  assert.equal(recording.requests.length, 0, 'nothing was sent')

  // Every issue, unknown members included (the SDK would drop `Colour` silently).
  const bad = { ParentId: 'r-x', Name: 'n'.repeat(129), Colour: 'blue' }
  await assert.rejects(client.send(new Organizations.CreateOrganizationalUnitCommand(bad)), (error) => {
    assert.ok(error instanceof Organizations.InvalidInputException)
    assert.deepEqual(error.issues.map(({ path, code }) => `${path} ${code}`).sort(),
      ['Colour UNKNOWN_PARAMETER', 'Name MAX_LENGTH_EXCEEDED', 'ParentId INVALID_PATTERN'])
    assert.equal(error.Reason, error.issues[0].code)
    assert.match(error.message, /\(and 2 more issues\)$/)
    for (const issue of error.issues) assert.equal(typeof issue.message, 'string')
    return true
  })
  assert.equal(recording.requests.length, 0)

  // Hostile input is an issue, never a crash.
  const throwing = { get AccountId() { throw new Error('no') } }
  await assert.rejects(client.send(new Organizations.DescribeAccountCommand(throwing)),
    (error) => error instanceof OrgkitSdkValidationError && error.issues[0].path === 'AccountId' && error.issues[0].code === 'INVALID_TYPE')
  const trap = new Proxy({}, { ownKeys() { throw new Error('trap') } })
  await assert.rejects(client.send(new Organizations.ListRootsCommand(trap)),
    (error) => error instanceof OrgkitSdkValidationError && error.issues[0].code === 'INVALID_TYPE')
  await assert.rejects(client.send(new Organizations.ListAccountsCommand({ MaxResults: 10n })),
    (error) => error instanceof OrgkitSdkValidationError && error.issues[0].path === 'MaxResults')
  assert.equal(recording.requests.length, 0)

  // Valid input goes through to the handler.
  const made = await client.send(new Organizations.CreateOrganizationCommand({ FeatureSet: 'ALL' }))
  assert.equal(made.Organization.MasterAccountId, MASTER)
  const [root] = (await client.send(new Organizations.ListRootsCommand({}))).Roots
  await client.send(new Organizations.CreateOrganizationalUnitCommand({ ParentId: root.Id, Name: 'Eng' }))
  assert.deepEqual(recording.requests.map((r) => r.headers['x-amz-target'].split('.')[1]),
    ['CreateOrganization', 'ListRoots', 'CreateOrganizationalUnit'])
})

test('orgkitValidation checks the input as the SDK sends it: null members and list items are absent', async () => {
  const emulator = new Emulator({ seed: 22 })
  const recording = recordingHandler(emulator.requestHandler())
  const plain = new Organizations.OrganizationsClient(clientConfig(emulator, MASTER, recording))
  const client = new Organizations.OrganizationsClient(clientConfig(emulator, MASTER, recording))
  client.middlewareStack.use(orgkitValidation())
  await plain.send(new Organizations.CreateOrganizationCommand({}))
  // What the SDK itself does with nulls (awsJson1.1): leaves them out, and the service accepts it.
  await plain.send(new Organizations.ListAccountsCommand({ NextToken: null }))
  assert.equal(recording.requests.at(-1).body, '{}')
  // The plugin agrees: nothing to report, and the same request goes out.
  await client.send(new Organizations.ListAccountsCommand({ NextToken: null, MaxResults: undefined, Unused: null }))
  assert.equal(recording.requests.at(-1).body, '{}')
  await client.send(new Organizations.ListCreateAccountStatusCommand({ States: [null, 'SUCCEEDED', undefined, , 'FAILED'] }))
  assert.deepEqual(JSON.parse(recording.requests.at(-1).body), { States: ['SUCCEEDED', 'FAILED'] })
  // Current edition: Tags is modelled, so a null Tags is valid and left out (the emulator serves
  // the original edition, which knows no Tags: it accepts the request only because it is left out).
  const made = await client.send(new Organizations.CreateAccountCommand({ Email: 'n@example.com', AccountName: 'N', Tags: null, RoleName: undefined }))
  assert.equal(made.CreateAccountStatus.State, 'IN_PROGRESS')
  assert.deepEqual(JSON.parse(recording.requests.at(-1).body), { Email: 'n@example.com', AccountName: 'N' })
  const sent = recording.requests.length
  // Deeply: a null item is left out and a null member of an item is absent (Value is required),
  // the index counting the items that are sent, as the service would answer.
  await assert.rejects(client.send(new Organizations.CreateAccountCommand({ Email: 't@example.com', AccountName: 'T', Tags: [null, { Key: 'k', Value: null }] })),
    (error) => {
      assert.deepEqual(error.issues.map((i) => `${i.path} ${i.code}`), ['Tags[0].Value INPUT_REQUIRED'])
      return true
    })
  // restJson1 (Account, Chime) leaves nulls out as well.
  const account = new Account.AccountClient(clientConfig(emulator, MASTER, recording))
  account.middlewareStack.use(orgkitValidation())
  await rejectsAs(account.send(new Account.GetAlternateContactCommand({ AlternateContactType: 'BILLING', AccountId: null })),
    Account.ResourceNotFoundException)
  assert.equal(recording.requests.at(-1).body, '{"AlternateContactType":"BILLING"}')
  const chime = new Chime.ChimeClient(clientConfig(emulator, MASTER, recording))
  chime.middlewareStack.use(orgkitValidation())
  assert.deepEqual((await chime.send(new Chime.ListAccountsCommand({ MaxResults: null, NextToken: null, Name: null }))).Accounts, [])
  assert.deepEqual(recording.requests.at(-1).query, {})
  assert.equal(recording.requests.length, sent + 2)
})

test('orgkitValidation: nulls left out, hostile input is still an issue at its path, never a crash or a hang', async () => {
  const emulator = new Emulator({ seed: 23 })
  const recording = recordingHandler(emulator.requestHandler())
  const client = new Organizations.OrganizationsClient(clientConfig(emulator, MASTER, recording))
  client.middlewareStack.use(orgkitValidation())
  const issuesOf = async (command) => {
    let issues
    await assert.rejects(client.send(command), (error) => {
      assert.ok(error instanceof OrgkitSdkValidationError, `${error.name}: ${error.message}`)
      issues = error.issues.map((i) => `${i.path} ${i.code}`)
      return true
    })
    return issues
  }
  // A throwing getter beside a null member: INVALID_TYPE there, the null still absent.
  assert.deepEqual(await issuesOf(new Organizations.DescribeAccountCommand({ get AccountId() { throw new Error('no') }, Unused: null })),
    ['AccountId INVALID_TYPE'])
  const item = { Key: 'k', get Value() { throw new Error('no') } }
  const tags = (list) => new Organizations.CreateAccountCommand({ Email: 't@example.com', AccountName: 'T', Tags: list })
  assert.deepEqual(await issuesOf(tags([null, item])), ['Tags[0].Value INVALID_TYPE'])
  // Proxies (throwing traps, revoked) are read by the core itself.
  assert.deepEqual(await issuesOf(tags([null, new Proxy({}, { ownKeys() { throw new Error('trap') } })])), ['Tags[0] INVALID_TYPE'])
  const revoked = Proxy.revocable({}, {})
  revoked.revoke()
  assert.deepEqual(await issuesOf(tags(revoked.proxy)), ['Tags INVALID_TYPE'])
  assert.match((await issuesOf(new Organizations.ListRootsCommand(revoked.proxy)))[0], /INVALID_TYPE$/)
  const throwingItem = [null, 'SUCCEEDED']
  Object.defineProperty(throwingItem, 0, { get() { throw new Error('no') } })
  assert.deepEqual(await issuesOf(new Organizations.ListCreateAccountStatusCommand({ States: throwingItem })), ['States[0] INVALID_TYPE'])
  // A list of 2³²−1 (a sparse one) is not walked: the core reports its length, at once.
  const huge = []
  huge.length = 2 ** 32 - 1
  let started = Date.now()
  assert.deepEqual(await issuesOf(new Organizations.ListCreateAccountStatusCommand({ States: huge })), ['States MAX_LENGTH_EXCEEDED'])
  assert.ok(Date.now() - started < 2000, `${Date.now() - started} ms`)
  // Nesting far deeper than the model, and one big array shared a thousand times, cost no more.
  let deep = { x: null }
  for (let n = 0; n < 100000; n++) deep = { x: deep }
  assert.deepEqual(await issuesOf(new Organizations.ListAccountsCommand({ NextToken: deep })), ['NextToken INVALID_TYPE'])
  const big = new Array(1048576).fill(null)
  started = Date.now()
  assert.deepEqual(await issuesOf(new Organizations.ListAccountsCommand({ Junk: new Array(1000).fill(big), NextToken: null })), ['Junk UNKNOWN_PARAMETER'])
  assert.ok(Date.now() - started < 5000, `${Date.now() - started} ms`)
  assert.equal(recording.requests.length, 0)
})

test('Reason is a value of the InvalidInputExceptionReason enumeration or undefined; code stays the first issue\'s', async () => {
  const emulator = new Emulator({ seed: 24 })
  const client = new Organizations.OrganizationsClient(clientConfig(emulator, MASTER))
  client.middlewareStack.use(orgkitValidation())
  const caught = async (command) => {
    let caughtError
    await assert.rejects(client.send(command), (error) => {
      caughtError = error
      return error instanceof Organizations.InvalidInputException
    })
    return caughtError
  }
  // Only orgkit's own codes: no Reason.
  const unknown = await caught(new Organizations.ListRootsCommand({ Junk: 1 }))
  assert.equal(unknown.code, 'UNKNOWN_PARAMETER')
  assert.equal(unknown.Reason, undefined)
  const typed = await caught(new Organizations.DescribeAccountCommand({ AccountId: 5, Junk: 1 }))
  assert.deepEqual(typed.issues.map((i) => i.code), ['INVALID_TYPE', 'UNKNOWN_PARAMETER'])
  assert.equal(typed.code, 'INVALID_TYPE')
  assert.equal(typed.Reason, undefined)
  // The first issue is orgkit's own, a later one the service's: Reason is the later one.
  const mixed = await caught(new Organizations.CreateOrganizationalUnitCommand({ ParentId: 5, Name: 'n'.repeat(129) }))
  assert.deepEqual(mixed.issues.map((i) => i.code), ['INVALID_TYPE', 'MAX_LENGTH_EXCEEDED'])
  assert.equal(mixed.code, 'INVALID_TYPE')
  assert.equal(mixed.Reason, 'MAX_LENGTH_EXCEEDED')
  assert.equal(mixed.Message, mixed.issues[0].message)
  // Too many issues: TOO_MANY_ISSUES is orgkit's own too.
  const many = Object.fromEntries(Array.from({ length: 200 }, (_, n) => [`Junk${n}`, 1]))
  const tooMany = await caught(new Organizations.ListRootsCommand(many))
  assert.equal(tooMany.issues.at(-1).code, 'TOO_MANY_ISSUES')
  assert.equal(tooMany.Reason, undefined)
})

test('the plugin and the request handler answer unreadable arguments with orgkit errors, never raw TypeErrors', async () => {
  const emulator = new Emulator({ seed: 25 })
  const revoked = Proxy.revocable({}, {})
  revoked.revoke()
  const invalidArgument = (error) => error instanceof OrgkitArgumentError && error.code === 'INVALID_ARGUMENT'
  assert.throws(() => orgkitValidation(revoked.proxy), invalidArgument)
  assert.throws(() => orgkitValidation({ get edition() { throw new Error('no') } }), invalidArgument)
  assert.throws(() => emulator.requestHandler(revoked.proxy), invalidArgument)
  assert.throws(() => emulatorRequestHandler(emulator, revoked.proxy), invalidArgument)
  const handler = emulator.requestHandler()
  const target = { 'x-amz-target': 'AWSOrganizationsV20161128.CreateOrganization', 'content-type': 'application/x-amz-json-1.1' }
  const request = { method: 'POST', protocol: 'https:', hostname: 'organizations.us-east-1.amazonaws.com', path: '/', query: {}, headers: target, body: '{}' }
  await assert.rejects(handler.handle({ ...request, headers: { ...target, 'x-odd': Object.create(null) } }), invalidArgument)
  await assert.rejects(handler.handle({ ...request, headers: revoked.proxy }), invalidArgument)
  await assert.rejects(handler.handle({ ...request, query: { a: Object.create(null) } }), invalidArgument)
  await assert.rejects(handler.handle({ ...request, query: { a: ['x', Object.create(null)] } }), invalidArgument)
  await assert.rejects(handler.handle({ ...request, body: revoked.proxy }), invalidArgument)
  const { Readable } = await import('node:stream')
  await assert.rejects(handler.handle({ ...request, body: Readable.from([Buffer.from('{'), 42]) }), invalidArgument)
  await assert.rejects(handler.handle({ ...request, body: (async function* () { yield {} })() }), invalidArgument)
  await assert.rejects(handler.handle({ ...request, body: (async function* () { yield '{'; throw new Error('reset') })() }),
    (error) => invalidArgument(error) && error.cause.message === 'reset')
  // An abort while the body streams stops it, as an already-aborted signal does.
  const stalled = () => {
    const stream = new Readable({ read() {} })
    stream.push('{')
    return stream
  }
  const controller = new AbortController()
  const body = stalled()
  setTimeout(() => controller.abort(), 20)
  await assert.rejects(handler.handle({ ...request, body }, { abortSignal: controller.signal }), { name: 'AbortError', message: 'Request aborted' })
  // The stream's iterator is closed: once its pending read settles, the stream is destroyed.
  body.push('}')
  await new Promise((resolve) => setTimeout(resolve, 20))
  assert.ok(body.destroyed, 'the stream was closed')
  const withReason = new AbortController()
  setTimeout(() => withReason.abort(new Error('shutting down')), 20)
  await assert.rejects(handler.handle({ ...request, body: stalled() }, { abortSignal: withReason.signal }),
    (error) => error.name === 'AbortError' && error.cause.message === 'shutting down')
  // A signal with only `onabort` (as the SDK's handler also accepts) is heard too, and restored.
  const legacy = { aborted: false, onabort: null }
  setTimeout(() => {
    legacy.aborted = true
    legacy.onabort()
  }, 20)
  await assert.rejects(handler.handle({ ...request, body: stalled() }, { abortSignal: legacy }), { name: 'AbortError' })
  assert.equal(legacy.onabort, null)
  // None of those requests was served: there is still no organization.
  const client = new Organizations.OrganizationsClient(clientConfig(emulator, MASTER, handler))
  await rejectsAs(client.send(new Organizations.DescribeOrganizationCommand({})), Organizations.AWSOrganizationsNotInUseException)
})

test('orgkitValidation speaks each service\'s own exception: Account ValidationException, Chime BadRequestException', async () => {
  const emulator = new Emulator({ seed: 19 })
  const recording = recordingHandler(emulator.requestHandler())
  const account = new Account.AccountClient(clientConfig(emulator, MASTER, recording))
  account.middlewareStack.use(orgkitValidation())
  await assert.rejects(account.send(new Account.PutAlternateContactCommand({ AlternateContactType: 'LEGAL', EmailAddress: 'x', Name: 'N', Title: 'T' })), (error) => {
    assert.ok(error instanceof Account.ValidationException)
    assert.ok(error instanceof OrgkitValidationError)
    assert.equal(error.name, 'ValidationException')
    assert.equal(error.reason, 'fieldValidationFailed')
    assert.deepEqual(error.fieldList.map((f) => f.name).sort(), ['AlternateContactType', 'EmailAddress', 'PhoneNumber'])
    assert.deepEqual(error.issues.map((i) => i.code).sort(), ['INPUT_REQUIRED', 'INVALID_ENUM', 'INVALID_PATTERN'])
    assert.equal(error.Reason, undefined)
    return true
  })
  const chime = new Chime.ChimeClient(clientConfig(emulator, MASTER, recording))
  chime.middlewareStack.use(orgkitValidation())
  await assert.rejects(chime.send(new Chime.GetAccountCommand({})), (error) => {
    assert.ok(error instanceof Chime.BadRequestException)
    assert.ok(error instanceof OrgkitValidationError)
    assert.equal(error.Code, 'BadRequest')
    assert.equal(error.Message, error.issues[0].message)
    assert.deepEqual(error.issues.map((i) => `${i.path} ${i.code}`), ['AccountId INPUT_REQUIRED'])
    return true
  })
  await assert.rejects(chime.send(new Chime.ListAccountsCommand({ MaxResults: 201 })), (error) =>
    error instanceof Chime.BadRequestException && error.code === 'MAX_VALUE_EXCEEDED')
  assert.equal(recording.requests.length, 0)
  assert.deepEqual(SERVICE_EXCEPTIONS, { organizations: 'InvalidInputException', account: 'ValidationException', chime: 'BadRequestException' })
})

test('orgkit/sdk as an ES module and as CommonJS is one module', () => {
  const cjs = require('orgkit/sdk')
  assert.equal(sdkDefault, cjs)
  const named = Object.keys(sdkNamespace).filter((name) => name !== 'default').sort()
  assert.deepEqual(named, Object.keys(cjs).sort())
  for (const name of named) assert.equal(sdkNamespace[name], cjs[name], name)
  // The error class extends the very OrgkitValidationError both entries of `orgkit` export.
  assert.equal(Object.getPrototypeOf(OrgkitSdkValidationError), require('orgkit').OrgkitValidationError)
  assert.equal(Object.getPrototypeOf(OrgkitSdkValidationError), OrgkitValidationError)
})

test('orgkitValidation passes unmodelled commands and other clients through unchecked', async () => {
  const emulator = new Emulator({ seed: 20 })
  const recording = recordingHandler(emulator.requestHandler())
  // SendPhoneNumberVerification is newer than both editions orgkit models: the plugin lets
  // it go, and the emulator (which serves the 2021 Account API) answers it as unknown.
  const account = new Account.AccountClient(clientConfig(emulator, MASTER, recording))
  account.middlewareStack.use(orgkitValidation())
  await assert.rejects(account.send(new Account.SendPhoneNumberVerificationCommand({ Bogus: 1 })),
    (error) => !(error instanceof OrgkitValidationError) && error.$metadata.httpStatusCode === 404)
  assert.equal(recording.requests.length, 1)
  // Under the original edition GetContactInformation (added in 2022) is not modelled either.
  const original = new Account.AccountClient(clientConfig(emulator, MASTER, recording))
  original.middlewareStack.use(orgkitValidation({ edition: 'original' }))
  await assert.rejects(original.send(new Account.GetContactInformationCommand({ AccountId: 'junk' })),
    (error) => !(error instanceof OrgkitValidationError))
  assert.equal(recording.requests.length, 2)
  // STS is no client orgkit checks: its commands pass untouched.
  const sts = new STS.STSClient(clientConfig(emulator, MASTER, recording))
  sts.middlewareStack.use(orgkitValidation())
  assert.equal((await sts.send(new STS.GetCallerIdentityCommand({ Unknown: true }))).Account, MASTER)
  assert.equal(recording.requests.length, 3)
  assert.throws(() => orgkitValidation({ edition: 'latest' }), OrgkitArgumentError)
  assert.throws(() => orgkitValidation('current'), OrgkitArgumentError)
})

test('editions: what only the current APIs have is valid under current, unknown under original', async () => {
  const emulator = new Emulator({ seed: 21 })
  const recording = recordingHandler(emulator.requestHandler())
  const current = new Organizations.OrganizationsClient(clientConfig(emulator, MASTER, recording))
  current.middlewareStack.use(orgkitValidation({ edition: 'current' }))
  const original = new Organizations.OrganizationsClient(clientConfig(emulator, MASTER, recording))
  original.middlewareStack.use(orgkitValidation({ edition: 'original' }))
  await current.send(new Organizations.CreateOrganizationCommand({}))
  const tagged = { Email: 't@example.com', AccountName: 'Tagged', Tags: [{ Key: 'team', Value: 'core' }] }

  await assert.rejects(original.send(new Organizations.CreateAccountCommand(tagged)), (error) => {
    assert.ok(error instanceof OrgkitSdkValidationError)
    assert.equal(error.edition, 'original')
    assert.deepEqual(error.issues.map((i) => `${i.path} ${i.code}`), ['Tags UNKNOWN_PARAMETER'])
    return true
  })
  const sentBefore = recording.requests.length
  // Valid today, so the plugin sends it; the emulator serves the 2017 API and refuses Tags.
  await rejectsAs(current.send(new Organizations.CreateAccountCommand(tagged)), Organizations.InvalidInputException)
  assert.equal(recording.requests.length, sentBefore + 1)

  // CloseAccount (2022): checked under current, unmodelled (so unchecked) under original.
  await assert.rejects(current.send(new Organizations.CloseAccountCommand({ AccountId: '12' })),
    (error) => error instanceof OrgkitSdkValidationError && error.code === 'INVALID_PATTERN')
  assert.equal(recording.requests.length, sentBefore + 1)
  await assert.rejects(original.send(new Organizations.CloseAccountCommand({ AccountId: '12' })),
    (error) => !(error instanceof OrgkitValidationError) && error.name === 'UnknownOperationException')
  assert.equal(recording.requests.length, sentBefore + 2)
})

test('the typings type-check against the SDK\'s own types (tsc, nodenext, strict)', () => {
  const tsc = require.resolve('typescript/bin/tsc')
  const run = (args) => {
    try {
      execFileSync(process.execPath, [tsc, ...args], { encoding: 'utf8' })
    } catch (error) {
      assert.fail(`tsc ${args.join(' ')} failed:\n${error.stdout}${error.stderr}`)
    }
  }
  // The usage, against the SDK's types (whose own .d.ts files need @types/node: not checked).
  run(['-p', path.join(here, 'sdk-tsconfig.json')])
  // orgkit/sdk's own declaration files, checked in full.
  const installed = path.dirname(require.resolve('orgkit/package.json'))
  run(['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022',
    path.join(installed, 'sdk.d.ts'), path.join(installed, 'sdk.d.mts')])
})
