// Typings of orgkit.js, the package entry point. The native functions and result shapes come
// from index.d.ts, which napi-rs generates from the Rust sources.
import type { ArnParts, EditionOptions, Issue, PaginatorMembers, RequestCheck } from './index'
import type { OperationNames, SnakeCaseOperationNames } from './emulator'

// The native functions that are public as they are (their errors translated by orgkit.js), and
// the result shapes. The native classes and probes (`NativeEmulator`, `__orgkit…`,
// `__napiBindingTarget`, `applyHandshakeEventJson`) are internals: not exported.
export {
  callErrorCodes,
  checkIds,
  checkValue,
  decideHandshake,
  defaultEdition,
  editions,
  emulatedEdition,
  errorCodes,
  handshakeTransitions,
  inspectArn,
  isAccountId,
  isAccountName,
  isArn,
  isChildId,
  isCreateAccountRequestId,
  isEmail,
  isHandshakeId,
  isOrganizationalUnitId,
  isOrganizationalUnitName,
  isOrganizationId,
  isParentId,
  isPolicyId,
  isPolicyName,
  isPolicyTargetId,
  isResourcePolicyId,
  isResponsibilityTransferId,
  isRoleName,
  isRootId,
  isServicePrincipal,
  isTaggableResourceId,
  isTagKey,
  isTagValue,
  limits,
  paginationErrorCodes,
  scpIssueCodes,
  valueKinds,
} from './index'
export type {
  ArnCheck,
  ArnParts,
  EditionOptions,
  HandshakeOutcome,
  HandshakeTransition,
  Issue,
  Limits,
  PaginatorMembers,
  RequestCheck,
  ValueCheck,
} from './index'
export type { OperationNames, SnakeCaseOperationNames } from './emulator'

/** A service orgkit models, as the AWS SDKs name its client. */
export type Service = 'organizations' | 'account' | 'chime'
/** An operation of `S`, by its API name (`CreateAccount`) or boto3's (`create_account`); the
 * current edition's names (the original edition's are a subset). */
export type OperationName<S extends Service = Service> = OperationNames[S] | SnakeCaseOperationNames[S]
/** The operations of `service` in an edition (default `current`): `[ApiName, boto3_name]` pairs,
 * in model order. Throws `OrgkitArgumentError` for an unknown edition. */
export declare function operations<S extends Service>(
  service: S,
  options?: EditionOptions,
): Array<[OperationNames[S], SnakeCaseOperationNames[S]]>
/** The HTTP status of a successful `operation` (200, or 201 for Chime's CreateAccount). */
export declare function successStatus<S extends Service>(service: S, operation: OperationName<S>, options?: EditionOptions): number
/** The AWS exception names `service`'s operations can answer with in an edition. */
export declare function errorNames(service: Service, options?: EditionOptions): string[]
/** The members of `service`'s shapes that are timestamps (JS gets them as `Date`s). */
export declare function timestampMembers(service: Service, options?: EditionOptions): string[]

/** The List operations of `S` that have a paginator. */
export type ListOperationName<S extends Service = Service> = Extract<OperationName<S>, `List${string}` | `list_${string}`>

/** Every error code of the core catalogue, in order. */
export declare const ERROR_CODES: readonly string[]
/** The codes of failed calls: `INVALID_ARGUMENT`, `TOO_MANY_VALUES`, `INTERNAL_ERROR`. */
export declare const CALL_ERROR_CODES: readonly string[]
/** The most issues one validation reports (then a last `TOO_MANY_ISSUES` issue). */
export declare const MAX_ISSUES: number
/** The most values one `checkIds` call takes. */
export declare const MAX_BATCH_VALUES: number
/** Every value kind `checkIds` and `checkValue` accept in the default (current) edition; the
 * original edition has the first 16 (`valueKinds({ edition: 'original' })`). */
export declare const VALUE_KINDS: readonly string[]

/** An edition of the service models: `original` (the APIs as first released: Organizations
 * 2017-02-27, Account 2021-09-30, Chime 2021-07-16) or `current` (as AWS serves them today). */
export type Edition = 'original' | 'current'
/** Both editions, oldest first. */
export declare const EDITIONS: readonly Edition[]
/** The edition a call follows when its options name none: `current`. */
export declare const DEFAULT_EDITION: Edition
/** The edition the emulator serves: `original`. */
export declare const EMULATED_EDITION: Edition

/** Base class of every error orgkit throws. */
export declare class OrgkitError extends Error {}

/** A value or request broke one or more constraints. */
export declare class OrgkitValidationError extends OrgkitError {
  /** The first issue's code, e.g. `INVALID_PATTERN`. */
  readonly code: string
  /** Every problem found. */
  readonly issues: Issue[]
  constructor(issues: Issue[])
}

/** An argument of the wrong kind (a number where a name is expected), or a batch that is too
 * large. */
export declare class OrgkitArgumentError extends OrgkitError {
  readonly code: 'INVALID_ARGUMENT' | 'TOO_MANY_VALUES'
  constructor(code: 'INVALID_ARGUMENT' | 'TOO_MANY_VALUES', message: string)
}

/** orgkit failed internally (a bug caught at the boundary); the process stays usable. */
export declare class OrgkitInternalError extends OrgkitError {
  readonly code: 'INTERNAL_ERROR'
  constructor(message: string)
}

/** A service or operation name orgkit does not model; the message lists the valid ones. */
export declare class OrgkitUnknownOperationError extends OrgkitError {
  readonly code: 'UNKNOWN_OPERATION'
}

/**
 * Every issue of a request (an SDK v3 input object). `operation` is `CreateAccount` or
 * `create_account`; `service` is `organizations`, `account` or `chime`; `options.edition`
 * picks the model (default `current`).
 */
export declare function validateRequest<S extends Service>(
  service: S,
  operation: OperationName<S>,
  params?: unknown,
  options?: EditionOptions,
): RequestCheck
/** Like `validateRequest`, but throws `OrgkitValidationError` when the request is not valid. */
export declare function checkRequest<S extends Service>(
  service: S,
  operation: OperationName<S>,
  params?: unknown,
  options?: EditionOptions,
): void

/** Which edition of the SCP rules applies: today's (`current`, the default) or 2017's. */
export type ScpEdition = 'current' | 'original'
/** Who makes a request: users and roles of member accounts are subject to SCPs. */
export type ScpPrincipal = 'user' | 'role' | 'service_linked_role' | 'management_account'
/** An SCP document: JSON text, or an object written out as JSON. */
export type ScpDocument = string | { [element: string]: unknown }
/** One level of the tree: a document, a list of documents, or a target with its policies. */
export type ScpLevel =
  | ScpDocument
  | ScpDocument[]
  | { target?: string; policies: Array<ScpDocument | { policyId?: string; policy_id?: string; document: ScpDocument }> }
/** Every SCP issue code (`INVALID_EFFECT`, `DUPLICATE_KEY`, …), in the core's order. */
export declare const SCP_ISSUE_CODES: readonly string[]
/** Checks a service control policy: every issue with its path inside the document. */
export declare function checkScp(document: ScpDocument, options?: { edition?: ScpEdition }): Issue[]
/** A statement that matched a request. */
export interface MatchedStatement {
  /** The level's index (0 = root). */
  level: number
  /** The level's target (`r-…`, `ou-…`, an account ID, or `root` / `OU n` / `account`). */
  target: string
  /** The policy's ID (`#1`, `#2`, … when the level gave none). */
  policyId: string
  /** The statement's index in its policy. */
  statement: number
  /** The statement's `Sid`, or null. */
  sid: string | null
}
/** What one level of the tree made of a request. */
export interface LevelOutcome {
  level: number
  target: string
  /** How many SCPs are attached at this level. */
  policies: number
  /** The first matching Allow statement, or null. */
  allowedBy: MatchedStatement | null
  /** The first matching Deny statement, or null. */
  deniedBy: MatchedStatement | null
}
/** Whether SCPs allow a request, and why. */
export interface Decision {
  allowed: boolean
  /** The first matching Deny (root first), or null. */
  deniedBy: MatchedStatement | null
  /** The first level at which no Allow matched, or null. */
  missingAllowAt: { level: number; target: string } | null
  /** Set when the principal is exempt from SCPs. */
  exempt: 'MANAGEMENT_ACCOUNT' | 'SERVICE_LINKED_ROLE' | null
  /** Each level's outcome, root first (empty when exempt or no SCP is in effect). */
  levels: LevelOutcome[]
  /** The verdict in English, then one line per level. */
  explanation: string
  /** Returns `explanation`. */
  explain(): string
}
/** The request options of `evaluateScps` and `Emulator#simulate`. */
export interface ScpRequestOptions {
  /** The resource ARN (default `*`). */
  resource?: string
  /** Condition keys and their values (IAM compares them as text). */
  context?: Record<string, string | boolean | number | Array<string | boolean | number> | null>
  /** Who makes the request (default `user`). */
  principal?: ScpPrincipal
}
/** Evaluates a request against the SCPs attached at each level, root first; documents with
 * issues throw `OrgkitValidationError`. */
export declare function evaluateScps(
  levels: ScpLevel[],
  action: string,
  options?: ScpRequestOptions & { edition?: ScpEdition },
): Decision
/** One level of `Emulator#effectiveScps`. */
export interface EffectiveScpLevel {
  target: string
  kind: 'ROOT' | 'ORGANIZATIONAL_UNIT' | 'ACCOUNT'
  name: string
  policies: Array<{ policyId: string; name: string }>
}

/** The handshake state machine refused an event; `code` is the AWS exception name. */
export declare class OrgkitHandshakeError extends OrgkitError {
  readonly code:
    | 'AccessDeniedException'
    | 'InvalidHandshakeTransitionException'
    | 'HandshakeAlreadyInStateException'
    | 'HandshakeConstraintViolationException'
  readonly reason: string | undefined
  readonly $response: { Error: { Code: string; Message: string }; Reason?: string }
}

/**
 * Applies `event` sent by the account `actor` (undefined: the system clock) to an SDK-v3-shaped
 * handshake; returns the handshake after it. Throws `OrgkitHandshakeError` when refused.
 */
export declare function applyHandshakeEvent<H extends object>(
  handshake: H,
  event: 'accept' | 'decline' | 'cancel' | 'expire' | 'child_accepted',
  actor?: string,
  options?: { email?: string; organizationId?: string; now?: number | Date; remainingChildren?: number },
): H

/** Every code an `OrgkitPaginationError` carries, in the core's order. */
export declare const PAGINATION_ERROR_CODES: readonly string[]

/** A paginator walk cannot start or go on (like botocore's PaginationError). */
export declare class OrgkitPaginationError extends OrgkitError {
  /** `NOT_PAGINATED`, `REPEATED_TOKEN`, `MALFORMED_PAGE`, `INVALID_PAGINATION_CONFIG`, … */
  readonly code: string
}

/** What the next request of a walk adds: the input token and the page size. */
export interface PageRequest {
  token?: string | null
  limit?: number | null
}

/**
 * One walk through the pages of a List operation, without a transport. Throws
 * `OrgkitPaginationError` (or `OrgkitUnknownOperationError` for an unknown operation).
 */
export declare class PageWalk<S extends Service = Service> {
  constructor(
    service: S,
    operation: ListOperationName<S>,
    maxItems?: number,
    pageSize?: number,
    startingToken?: string,
    options?: EditionOptions,
  )
  /** The paginator's member names. */
  readonly members: PaginatorMembers
  /** What the next request adds, or `null` when the walk is over. */
  nextRequest(): PageRequest | null
  /** Takes the service's response; returns `[start, end)` of its items to keep. */
  receivePage(page: unknown): [number, number]
  /** Set when `maxItems` stopped the walk before the last page. */
  readonly resumeToken: string | undefined
}

/** The pages of a List operation; `resumeToken` is set when `maxItems` stopped the walk, and
 * `items()` walks the items of every page (`Item`: an `Account` of `ListAccounts`, …). */
export interface PageIterator<Page, Item = PageItem<Page>> extends AsyncGenerator<Page, void, undefined> {
  resumeToken: string | undefined
  items(): AsyncGenerator<Item, void, undefined>
}

/** The item type of a page: the element type of its one list member (`Accounts` of a
 * ListAccounts response), or `unknown` when the page type does not tell. */
export type PageItem<Page> = {
  [K in keyof Page]-?: NonNullable<Page[K]> extends ReadonlyArray<infer Item> ? Item : never
}[keyof Page] extends infer Item
  ? [Item] extends [never]
    ? unknown
    : Item
  : unknown

/**
 * The pages of `operation` as an async iterator, fetched by awaiting `fetch(input)`; e.g.
 * `(input) => client.send(new ListAccountsCommand(input))`, whose response type gives the
 * pages' and items' types.
 */
export declare function paginate<Page extends object, Input extends object = Record<string, unknown>>(
  fetch: (input: Input) => Promise<Page> | Page,
  operation: ListOperationName<'organizations'>,
  params?: Input,
  options?: PaginateOptions & { service?: 'organizations' },
): PageIterator<Page>
/** The same for the List operations of another service (`options.service` names it). */
export declare function paginate<S extends Service, Page extends object, Input extends object = Record<string, unknown>>(
  fetch: (input: Input) => Promise<Page> | Page,
  operation: ListOperationName<S>,
  params: Input | undefined,
  options: PaginateOptions & { service: S },
): PageIterator<Page>
/** The options of `paginate` besides the service. */
export interface PaginateOptions {
  maxItems?: number
  pageSize?: number
  startingToken?: string
  edition?: Edition
}

/** A validated value of one kind; each class's constructor takes the text and, optionally,
 * `{ edition }` (default `current`: only Email's rule differs, and the original edition has
 * no tag, resource policy, responsibility transfer or service principal kinds). */
export declare class OrgkitValue<K extends string = string> {
  /** The text of the value. */
  readonly value: string
  /** The kind; for a union ID, the kind of ID inside. */
  readonly kind: K
  toString(): string
  toJSON(): string
  equals(other: unknown): boolean
}

export declare class AccountId extends OrgkitValue<'AccountId'> { constructor(value: string, options?: EditionOptions) }
export declare class OrganizationId extends OrgkitValue<'OrganizationId'> { constructor(value: string, options?: EditionOptions) }
export declare class RootId extends OrgkitValue<'RootId'> { constructor(value: string, options?: EditionOptions) }
export declare class OrganizationalUnitId extends OrgkitValue<'OrganizationalUnitId'> { constructor(value: string, options?: EditionOptions) }
export declare class PolicyId extends OrgkitValue<'PolicyId'> { constructor(value: string, options?: EditionOptions) }
export declare class HandshakeId extends OrgkitValue<'HandshakeId'> { constructor(value: string, options?: EditionOptions) }
export declare class CreateAccountRequestId extends OrgkitValue<'CreateAccountRequestId'> { constructor(value: string, options?: EditionOptions) }
export declare class ChildId extends OrgkitValue<'AccountId' | 'OrganizationalUnitId'> { constructor(value: string, options?: EditionOptions) }
export declare class ParentId extends OrgkitValue<'RootId' | 'OrganizationalUnitId'> { constructor(value: string, options?: EditionOptions) }
export declare class PolicyTargetId extends OrgkitValue<'RootId' | 'AccountId' | 'OrganizationalUnitId'> { constructor(value: string, options?: EditionOptions) }
export declare class Email extends OrgkitValue<'Email'> { constructor(value: string, options?: EditionOptions) }
export declare class RoleName extends OrgkitValue<'RoleName'> { constructor(value: string, options?: EditionOptions) }
export declare class AccountName extends OrgkitValue<'AccountName'> { constructor(value: string, options?: EditionOptions) }
export declare class OrganizationalUnitName extends OrgkitValue<'OrganizationalUnitName'> { constructor(value: string, options?: EditionOptions) }
export declare class PolicyName extends OrgkitValue<'PolicyName'> { constructor(value: string, options?: EditionOptions) }
export declare class ResourcePolicyId extends OrgkitValue<'ResourcePolicyId'> { constructor(value: string, options?: EditionOptions) }
export declare class ResponsibilityTransferId extends OrgkitValue<'ResponsibilityTransferId'> { constructor(value: string, options?: EditionOptions) }
export declare class TaggableResourceId extends OrgkitValue<
  'RootId' | 'AccountId' | 'OrganizationalUnitId' | 'PolicyId' | 'ResourcePolicyId' | 'ResponsibilityTransferId'
> { constructor(value: string, options?: EditionOptions) }
export declare class TagKey extends OrgkitValue<'TagKey'> { constructor(value: string, options?: EditionOptions) }
export declare class TagValue extends OrgkitValue<'TagValue'> { constructor(value: string, options?: EditionOptions) }
export declare class ServicePrincipal extends OrgkitValue<'ServicePrincipal'> { constructor(value: string, options?: EditionOptions) }

/** A parsed Organizations ARN. */
export declare class Arn implements Readonly<ArnParts> {
  constructor(text: string, options?: EditionOptions)
  readonly arn: string
  readonly partition: string
  readonly account: string
  readonly resourceType: string
  readonly isAwsManaged: boolean
  readonly organizationId?: string
  readonly accountId?: string
  readonly rootId?: string
  readonly organizationalUnitId?: string
  readonly policyId?: string
  readonly policyType?: string
  readonly handshakeId?: string
  readonly handshakeType?: string
  readonly resourcePolicyId?: string
  readonly responsibilityTransferId?: string
  readonly transferType?: string
  readonly transferDirection?: string
  toString(): string
  toJSON(): string
}

/** Parses an Organizations ARN of `options.edition` (default `'current'`); throws
 * `OrgkitValidationError` when it is not one. */
export declare function parseArn(text: string, options?: EditionOptions): Arn

/** An error from an emulated service, shaped like an AWS SDK v3 service exception. */
export declare class OrgkitServiceError extends OrgkitError {
  /** The AWS exception name, e.g. `AccessDeniedException` (also `code`). */
  readonly name: string
  readonly code: string
  /** The operation that failed. */
  readonly operation: string
  readonly Message: string
  /** The exception's reason, where the model has one (e.g. `OU_DEPTH_LIMIT_EXCEEDED`). */
  readonly Reason?: string
  readonly reason?: string
  /** Every validation problem of a refused request (empty otherwise). */
  readonly issues: Issue[]
  readonly $fault: 'client' | 'server'
  readonly $metadata: { httpStatusCode: number }
}

/** The emulator itself was used wrongly; `code` is stable, e.g. `INVALID_CALLER`. */
export declare class OrgkitEmulatorUsageError extends OrgkitError {
  readonly code: string
}

/** The class of one AWS exception: `new` gives an `OrgkitServiceError` of that `name`, and
 * `instanceof` narrows to it. */
export interface ServiceExceptionClass<Name extends string> {
  new (error: { Code: Name; Message?: string; Reason?: string; StatusCode?: number }, operation: string): OrgkitServiceError & {
    readonly name: Name
    readonly code: Name
  }
  readonly prototype: OrgkitServiceError & { readonly name: Name; readonly code: Name }
}

/** One `OrgkitServiceError` subclass per AWS exception name of the three services. */
export declare const exceptions: EmulatorExceptions

/** A response: the operation's output members plus `$metadata`, as SDK v3 returns them. */
export type EmulatorOutput = { [member: string]: any; $metadata: { httpStatusCode: number } }

export type {
  Organizations,
  Account,
  Chime,
  OrganizationsEmulatorClient,
  AccountEmulatorClient,
  ChimeEmulatorClient,
  EmulatorMetadata,
  EmulatorPageConfig,
  EmulatorExceptions,
} from './emulator'
import type { OrganizationsEmulatorClient, AccountEmulatorClient, ChimeEmulatorClient, EmulatorExceptions } from './emulator'

/** A client of one emulated service calling as one account (see `emulator.d.ts` for the
 * typed clients `client()` returns per service). */
export type EmulatorClient = OrganizationsEmulatorClient | AccountEmulatorClient | ChimeEmulatorClient

/** The limits of the emulated partition. */
export interface EmulatorQuotas {
  maxAccounts?: number
  maxOrganizationalUnits?: number
  maxPolicies?: number
}

/** An in-memory AWS partition: Organizations, Account alternate contacts, Chime accounts, as
 * the original edition of the models has them (`EMULATED_EDITION`). */
export declare class Emulator {
  constructor(options?: { seed?: number })
  client(service: 'organizations', options: { caller: string }): OrganizationsEmulatorClient
  client(service: 'account', options: { caller: string }): AccountEmulatorClient
  client(service: 'chime', options: { caller: string }): ChimeEmulatorClient
  registerAccount(accountId: string, email: string, name: string): void
  addChimeUser(chimeAccountId: string, email: string): void
  readonly now: Date
  advance(seconds: number): void
  /** Credentials that act as `accountId` over the wire protocols (signatures are not verified). */
  credentials(accountId: string): { accessKeyId: string; secretAccessKey: string }
  /** The account requests signed with keys the emulator did not hand out act as. */
  defaultCaller: string
  /** Serves one HTTP request exactly as AWS would (Organizations, Account, Chime, STS). */
  handleHttp(request: {
    method?: string
    path?: string
    headers?: Record<string, string> | Array<[string, string]>
    body?: string | Uint8Array
    /** The account the request acts as (default: the account its credentials name). */
    caller?: string
  }): { statusCode: number; headers: Record<string, string>; body: Uint8Array }
  /** An AWS SDK v3 request handler served by this emulator (see `orgkit/sdk`). */
  requestHandler(options?: import('./sdk').EmulatorRequestHandlerOptions): import('./sdk').EmulatorRequestHandler
  readonly quotas: EmulatorQuotas
  setQuotas(quotas: EmulatorQuotas): void
  export(): object
  /** `maxBytes` (default 1 GiB): a longer snapshot is refused with `SNAPSHOT_TOO_LARGE`. */
  importState(snapshot: object, options?: { maxBytes?: number }): void
  save(path: string): void
  static load(path: string, options?: { maxBytes?: number }): Emulator
  loadInto(path: string, options?: { maxBytes?: number }): void
  /** Lets an account CreateAccount made leave its organization or be removed. */
  prepareStandalone(accountId: string): void
  /** The most characters a policy document may have (5,120 unless set). */
  readonly policyDocumentLimit: number
  setPolicyDocumentLimit(maxCharacters: number): void
  checkInvariants(): string[]
  /** Whether the emulated organization's SCPs allow a principal of `accountId` a request. */
  simulate(accountId: string, action: string, options?: ScpRequestOptions): Decision
  /** The SCPs in effect for a root, OU or account, root first. */
  effectiveScps(targetId: string): EffectiveScpLevel[]
}
