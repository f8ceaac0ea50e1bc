// Compiled by `tsc --noEmit` in CI: the published typings (orgkit.d.ts over the napi-generated
// index.d.ts) must accept this ordinary use and reject nothing in it.
import {
  AccountId,
  Arn,
  ChildId,
  checkIds,
  checkValue,
  ERROR_CODES,
  inspectArn,
  isAccountId,
  isPolicyTargetId,
  OrgkitValidationError,
  parseArn,
  applyHandshakeEvent,
  checkRequest,
  decideHandshake,
  handshakeTransitions,
  OrgkitHandshakeError,
  paginate,
  type HandshakeTransition,
  OrgkitUnknownOperationError,
  validateRequest,
  type ArnCheck,
  type RequestCheck,
  type Issue,
  type ValueCheck,
} from '../orgkit'

const ok: boolean = isAccountId('123456789012') && isPolicyTargetId(42)
const batch: boolean[] = checkIds('OrganizationalUnitId', ['ou-abcd-12345678', null])
const result: ValueCheck = checkValue('Email', 'someone@example.com')
const firstIssue: Issue | undefined = result.issues[0]
const codes: readonly string[] = ERROR_CODES

const account = new AccountId('123456789012')
const kind: 'AccountId' = account.kind
const child = new ChildId('ou-abcd-12345678')
const childKind: 'AccountId' | 'OrganizationalUnitId' = child.kind

try {
  const arn: Arn = parseArn('arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess')
  const policy: string | undefined = arn.policyId
  void policy
} catch (error) {
  if (error instanceof OrgkitValidationError) {
    const issues: Issue[] = error.issues
    const code: string = error.code
    void issues
    void code
  }
}

const inspected: ArnCheck = inspectArn('arn:aws:organizations::111111111111:organization/o-exampleorgid')
const partition: string | undefined = inspected.arn?.partition

const request: RequestCheck = validateRequest('organizations', 'CreateAccount', {
  Email: 'someone@example.com',
  AccountName: 'Prod',
})
const requestIssues: Issue[] = request.issues
try {
  checkRequest('organizations', 'create_account', {})
} catch (error) {
  if (error instanceof OrgkitUnknownOperationError) {
    const code: 'UNKNOWN_OPERATION' = error.code
    void code
  }
}

const table: HandshakeTransition[] = handshakeTransitions()
const decision: string | undefined = decideHandshake('INVITE', 'OPEN', 'accept', 'recipient').to
try {
  const after = applyHandshakeEvent({ State: 'OPEN', Action: 'INVITE' }, 'accept', '222222222222', { now: new Date() })
  void after.State
} catch (error) {
  if (error instanceof OrgkitHandshakeError) void error.$response.Error.Code
}

interface ListRootsPage {
  Roots?: { Id?: string }[]
  NextToken?: string
}
async function listRoots(): Promise<number> {
  const fetch = async (input: Record<string, unknown>): Promise<ListRootsPage> => ({ Roots: [], ...input })
  let count = 0
  const pages = paginate(fetch, 'ListRoots', {}, { pageSize: 10 })
  for await (const page of pages) count += page.Roots?.length ?? 0
  const resume: string | undefined = pages.resumeToken
  void resume
  return count
}

void [ok, batch, firstIssue, codes, kind, childKind, partition, requestIssues, table, decision, listRoots]

// The emulator, as a CDK app's tests would drive it: typed requests and responses per service.
import { Emulator, exceptions, OrgkitServiceError, type Organizations, type EmulatorOutput } from '../orgkit'

async function emulated(): Promise<string> {
  const emu = new Emulator({ seed: 1 })
  const org = emu.client('organizations', { caller: '111111111111' })
  const created = await org.createOrganization({ FeatureSet: 'ALL' })
  const id: string | undefined = created.Organization?.Id
  const status: Organizations.CreateAccountStatus | undefined = (
    await org.createAccount({ Email: 'dev@example.com', AccountName: 'Dev' })
  ).CreateAccountStatus
  const requested: Date | undefined = status?.RequestedTimestamp
  emu.advance(60)
  try {
    await org.describeAccount({ AccountId: '999999999999' })
  } catch (error) {
    if (error instanceof exceptions.AccountNotFoundException && error instanceof OrgkitServiceError) {
      return error.name + String(error.$metadata.httpStatusCode)
    }
  }
  for await (const page of org.paginateListAccounts({}, { pageSize: 5 })) {
    const names: Array<string | undefined> = (page.Accounts ?? []).map((account) => account.Name)
    void names
  }
  const chime = emu.client('chime', { caller: '111111111111' })
  const team = await chime.createAccount({ Name: 'Team' })
  const license: 'Basic' | 'Plus' | 'Pro' | 'ProTrial' | undefined = team.Account?.DefaultLicense
  const loose: EmulatorOutput = await emu.client('account', { caller: '111111111111' }).getAlternateContact({
    AlternateContactType: 'BILLING',
  })
  void loose
  // @ts-expect-error: a required member is missing
  await org.createOrganizationalUnit({ Name: 'no parent' })
  // @ts-expect-error: not one of the FeatureSet values
  await org.createOrganization({ FeatureSet: 'SOME' })
  return String(id) + String(requested) + String(license) + emu.now.toISOString()
}
void emulated

import { checkScp, evaluateScps, type Decision } from '../orgkit'

// Service control policies: checked, evaluated, simulated in the emulator; results typed.
export function scps(): string {
  const issues: Issue[] = checkScp({ Version: '2012-10-17', Statement: { Effect: 'Deny', Action: '*', Resource: '*' } })
  const decision: Decision = evaluateScps(
    ['{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}'],
    's3:GetObject',
    { resource: 'arn:aws:s3:::b/k', context: { 'aws:SecureTransport': true }, principal: 'role', edition: 'original' },
  )
  const sid: string | null | undefined = decision.deniedBy?.sid
  const at: number | undefined = decision.missingAllowAt?.level
  const emu = new Emulator({ seed: 1 })
  const simulated: Decision = emu.simulate('111111111111', 'ec2:RunInstances')
  const kinds: string[] = emu.effectiveScps('111111111111').map((level) => level.kind)
  // @ts-expect-error: not a principal orgkit knows
  evaluateScps([], 's3:GetObject', { principal: 'robot' })
  return issues.length + decision.explain() + String(sid) + String(at) + simulated.explanation + kinds.join()
}

import {
  DEFAULT_EDITION,
  EDITIONS,
  EMULATED_EDITION,
  isEmail,
  isTagKey,
  operations,
  PageWalk,
  TagKey,
  TaggableResourceId,
  valueKinds,
  type Edition,
  type EditionOptions,
} from '../orgkit'

// Editions: every validation entry point takes `{ edition }`, typed as the two names.
export function editions(): string {
  const all: readonly Edition[] = EDITIONS
  const fallback: Edition = DEFAULT_EDITION
  const emulated: Edition = EMULATED_EDITION
  const original: EditionOptions = { edition: 'original' }
  const checked: RequestCheck = validateRequest('organizations', 'CreateAccount', { Email: 'a@b.co' }, original)
  checkRequest('organizations', 'CloseAccount', { AccountId: '123456789012' }, { edition: 'current' })
  const valid: boolean = isEmail('josé@example.com', original) || isTagKey('Cost') || isAccountId('1', { edition: 'current' })
  const tag = new TagKey('Cost', { edition: 'current' })
  const tagKind: 'TagKey' = tag.kind
  const target: 'PolicyId' | 'RootId' | 'AccountId' | 'OrganizationalUnitId' | 'ResourcePolicyId' | 'ResponsibilityTransferId' =
    new TaggableResourceId('p-abcdefgh12').kind
  const kinds: string[] = valueKinds(original)
  const ops: string[][] = operations('organizations', original)
  const value: ValueCheck = checkValue('Email', 'x', original)
  const ids: boolean[] = checkIds('Email', ['x'], { edition: 'original' })
  const walk = new PageWalk('organizations', 'ListRoots', undefined, 10, undefined, original)
  const pages = paginate(async () => ({}), 'ListRoots', {}, { edition: 'original', pageSize: 5 })
  void new AccountId('123456789012', original)
  // @ts-expect-error: not an edition
  validateRequest('organizations', 'ListRoots', {}, { edition: 'latest' })
  // @ts-expect-error: the options are an object, not the edition's name
  isEmail('a@b.co', 'original')
  return [all, fallback, emulated, checked, valid, tagKind, target, kinds, ops, value, ids, walk, pages].join()
}

// Issue 15: operation names are literal unions, paginators and exceptions are typed, and the
// native internals are no exports.
import * as everything from '../orgkit'
import { successStatus } from '../orgkit'

export async function typedNames(): Promise<string> {
  const names: string[] = []
  const snake: RequestCheck = validateRequest('organizations', 'create_account', {})
  const chime: RequestCheck = validateRequest('chime', 'UpdateAccount', {})
  // @ts-expect-error: not an operation of the Organizations API
  validateRequest('organizations', 'CreateAcount', {})
  // @ts-expect-error: an Organizations operation, not one of Chime's
  checkRequest('chime', 'CreateOrganization', {})
  // @ts-expect-error: not a service orgkit models
  validateRequest('iam', 'CreateRole', {})
  // @ts-expect-error: ListRoots is paginated, DescribeAccount is not
  paginate(async () => ({}), 'DescribeAccount')
  paginate(async () => ({}), 'ListAccounts', {}, { service: 'chime' })
  // @ts-expect-error: ListRoots is an Organizations operation, not one of Chime's
  paginate(async () => ({}), 'ListRoots', {}, { service: 'chime' })
  // @ts-expect-error: the same for a walk
  new PageWalk('account', 'ListRoots')
  const [[first, snakeFirst]] = operations('chime')
  const apiName: 'CreateAccount' | 'GetAccount' | 'ListAccounts' | 'UpdateAccount' = first
  const status: number = successStatus('chime', snakeFirst)
  // @ts-expect-error: not a Chime operation
  successStatus('chime', 'CreateOrganization')
  names.push(apiName)
  void status

  const emu = new Emulator({ seed: 2 })
  const org = emu.client('organizations', { caller: '111111111111' })
  for await (const account of org.paginateListAccounts({}, { pageSize: 5 }).items()) {
    const typed: Organizations.Account = account
    names.push(typed.Name ?? '')
  }
  const page = { Roots: [{ Id: 'r-abcd', Name: 'Root' }], NextToken: undefined as string | undefined }
  for await (const root of paginate(async () => page, 'ListRoots').items()) {
    const id: string = root.Id
    names.push(id)
  }
  try {
    await org.describeAccount({ AccountId: '999999999999' })
  } catch (error) {
    if (error instanceof exceptions.AccountNotFoundException) {
      const name: 'AccountNotFoundException' = error.name
      const status: number = error.$metadata.httpStatusCode
      names.push(name + String(status))
    }
  }
  // @ts-expect-error: no such exception in the emulated services
  void exceptions.NoSuchThingException
  // @ts-expect-error: the native emulator class is internal
  void everything.NativeEmulator
  // @ts-expect-error: the loader's binding target is internal
  void everything.__napiBindingTarget
  // @ts-expect-error: the JSON form behind applyHandshakeEvent is internal
  void everything.applyHandshakeEventJson
  return [snake.valid, chime.valid, ...names].join()
}
