'use strict'
// orgkit for the AWS SDK for JavaScript v3 (`require('orgkit/sdk')`): a client plugin that checks
// a command's input with the core's request validation before the SDK serializes it, and a
// request handler that serves real SDK clients from the in-memory emulator over the core's wire
// protocols. Nothing here depends on @aws-sdk or @smithy packages: both objects only have the
// shapes the SDK calls (`applyToStack(stack)`; `handle(request, options)`), so orgkit installs
// and loads without the SDK, and the rules themselves stay in the core.

const { types } = require('node:util')
const orgkit = require('./orgkit.js')

const { OrgkitArgumentError, OrgkitError, OrgkitValidationError } = orgkit

/** The services orgkit models, by the client name SDK v3 puts in a command's context. */
const CLIENT_SERVICES = Object.freeze({
  OrganizationsClient: 'organizations',
  AccountClient: 'account',
  ChimeClient: 'chime',
})

/** The same services by their Smithy service shape name (the context's `__smithy_context`
 * `service`), for a command whose context lacks a client name. */
const SMITHY_SERVICES = Object.freeze({
  AWSOrganizationsV20161128: 'organizations',
  Account: 'account',
  UCBuzzConsoleService: 'chime',
})

/** The exception each service answers an invalid request with (from the current models:
 * Organizations `InvalidInputException`, Account `ValidationException`, Chime
 * `BadRequestException`). */
const SERVICE_EXCEPTIONS = Object.freeze({
  organizations: 'InvalidInputException',
  account: 'ValidationException',
  chime: 'BadRequestException',
})

/** The values of the Organizations `InvalidInputExceptionReason` enumeration in the current
 * model (organizations-2016-11-28, a superset of the original edition's): the only values the
 * SDK's `InvalidInputException.Reason` is typed with. orgkit's own issue codes
 * (UNKNOWN_PARAMETER, INVALID_TYPE, TOO_MANY_ISSUES) are not among them. */
const INVALID_INPUT_REASONS = new Set([
  'INVALID_PARTY_TYPE_TARGET', 'INVALID_SYNTAX_ORGANIZATION_ARN', 'INVALID_SYNTAX_POLICY_ID',
  'INVALID_ENUM', 'INVALID_ENUM_POLICY_TYPE', 'INVALID_LIST_MEMBER', 'MAX_LENGTH_EXCEEDED',
  'MAX_VALUE_EXCEEDED', 'MIN_LENGTH_EXCEEDED', 'MIN_VALUE_EXCEEDED', 'IMMUTABLE_POLICY',
  'INVALID_PATTERN', 'INVALID_PATTERN_TARGET_ID', 'INPUT_REQUIRED', 'INVALID_NEXT_TOKEN',
  'MAX_LIMIT_EXCEEDED_FILTER', 'MOVING_ACCOUNT_BETWEEN_DIFFERENT_ROOTS', 'INVALID_FULL_NAME_TARGET',
  'UNRECOGNIZED_SERVICE_PRINCIPAL', 'INVALID_ROLE_NAME', 'INVALID_SYSTEM_TAGS_PARAMETER',
  'DUPLICATE_TAG_KEY', 'TARGET_NOT_SUPPORTED', 'INVALID_EMAIL_ADDRESS_TARGET',
  'INVALID_RESOURCE_POLICY_JSON', 'INVALID_PRINCIPAL', 'UNSUPPORTED_ACTION_IN_RESOURCE_POLICY',
  'UNSUPPORTED_POLICY_TYPE_IN_RESOURCE_POLICY', 'UNSUPPORTED_RESOURCE_IN_RESOURCE_POLICY',
  'NON_DETACHABLE_POLICY', 'CALLER_REQUIRED_FIELD_MISSING',
  'UNSUPPORTED_ACTION_IN_RESPONSIBILITY_TRANSFER', 'START_DATE_NOT_BEGINNING_OF_MONTH',
  'START_DATE_NOT_BEGINNING_OF_DAY', 'START_DATE_TOO_EARLY', 'START_DATE_TOO_LATE',
  'INVALID_START_DATE', 'END_DATE_NOT_END_OF_MONTH', 'END_DATE_TOO_EARLY', 'INVALID_END_DATE',
])

/** The name of the middleware the plugin adds; adding the plugin twice replaces it. */
const MIDDLEWARE_NAME = 'orgkitValidationMiddleware'

/**
 * A command input orgkit found invalid, shaped like the exception the service itself answers
 * such a request with, so that SDK v3 code catches both alike: `name` is that exception
 * (`InvalidInputException`, `ValidationException`, `BadRequestException`, which also makes
 * `instanceof` the SDK's class of that name hold), `$fault` is `'client'`, `$metadata` has the
 * `httpStatusCode` the service answers with (400) and `attempts: 0` (nothing was sent). The
 * service's own members are set as its model has them: Organizations `Message` and `Reason`,
 * Account `message` with `reason` (`fieldValidationFailed`) and `fieldList` in the current
 * edition, Chime `Code` (`BadRequest`) and `Message`. `code` is the first issue's code and
 * `issues` lists every issue; it is an `OrgkitValidationError`.
 *
 * Organizations `Reason` only ever holds a value of the model's `InvalidInputExceptionReason`
 * enumeration, as the service's own exception does: the first issue's code when it is one
 * (INPUT_REQUIRED, INVALID_PATTERN, MAX_LENGTH_EXCEEDED, …); when the first issue's code is
 * orgkit's own (UNKNOWN_PARAMETER, INVALID_TYPE, TOO_MANY_ISSUES), the code of the first issue
 * that has one of the enumeration's values, so that code switching on `Reason` still learns what
 * the service would have said; `Reason` is undefined when no issue has one.
 */
class OrgkitSdkValidationError extends OrgkitValidationError {
  constructor(service, operation, edition, issues) {
    super(issues)
    const [first] = issues
    const exception = SERVICE_EXCEPTIONS[service]
    const text = first ? first.message : 'The request is not valid.'
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more issues)` : ''
    this.name = exception
    this.message = `${text}${more}`
    this.$fault = 'client'
    this.$metadata = { httpStatusCode: 400, attempts: 0, totalRetryDelay: 0 }
    this.service = service
    this.operation = operation
    this.edition = edition
    if (service === 'organizations') {
      this.Message = text
      const reason = issues.find((issue) => INVALID_INPUT_REASONS.has(issue.code))
      if (reason !== undefined) this.Reason = reason.code
    } else if (service === 'account') {
      // The 2021-09 ValidationException has a message only; the current one adds why and where.
      if (edition !== 'original') {
        this.reason = 'fieldValidationFailed'
        this.fieldList = issues.map((issue) => ({ name: issue.path, message: issue.message }))
      }
    } else {
      this.Code = 'BadRequest'
      this.Message = text
    }
  }
}

/** The members `names` of `options`, an object (undefined or null: none), read once each into
 * a plain object; `OrgkitArgumentError` for anything else, or for options that cannot be read (a
 * revoked Proxy, a throwing getter). */
function optionsObject(what, options, names) {
  const read = {}
  if (options === undefined || options === null) return read
  try {
    if (typeof options !== 'object' || Array.isArray(options)) {
      throw new OrgkitArgumentError('INVALID_ARGUMENT', `${what} options must be an object`)
    }
    for (const name of names) read[name] = options[name]
  } catch (error) {
    if (error instanceof OrgkitError) throw error
    throw unreadable(`${what} options`, error)
  }
  return read
}

/** `OrgkitArgumentError` (INVALID_ARGUMENT) for `what` whose reading threw `error` (its
 * `cause`). */
function unreadable(what, error) {
  const detail = error instanceof Error ? `: ${error.message}` : ''
  const wrapped = new OrgkitArgumentError('INVALID_ARGUMENT', `${what} could not be read${detail}`)
  wrapped.cause = error
  return wrapped
}

/** What a value is, for messages; reads nothing of it. */
function kindOf(value) {
  if (value === null) return 'null'
  if (typeof value !== 'object') return typeof value
  return types.isProxy(value) ? 'a Proxy' : 'an object'
}

// --- The input as the SDK sends it ----------------------------------------------------------
//
// SDK v3's serializers (the schema serde of @smithy/core, awsJson1.1 and restJson1 alike) leave
// out every `null` or `undefined` member of a structure and every `null`, `undefined` or missing
// item of a list (no list of these models is `@sparse`), at any depth; the service never sees
// them. The core reads `undefined` as absent but `null` as a value of the wrong type, so the
// plugin gives it a copy of the input with those left out: the request as it will be sent.
//
// The copy is bounded, and wherever it cannot be made faithfully the core gets the original
// value for that subtree, so that every guarantee the core gives for hostile input still holds
// (it reads the original exactly as it did before):
// - a Proxy is never copied (its traps may answer a member read that `ownKeys` does not list,
//   as the SDK's and the core's reads by name would see it), nor is an object whose prototype is
//   not Object.prototype or null (a class instance may have inherited getters) or that has a
//   `toJSON` function (the core reads what it returns), nor anything that is not an object;
// - an object whose keys or descriptors cannot be read, or whose `toJSON` or prototype cannot be
//   read, stays the original: the core reports it (INVALID_TYPE at its path);
// - a member or item whose read throws becomes, in the copy, an accessor that throws that same
//   error, so the core reports INVALID_TYPE at that very path while its siblings are still read
//   as sent;
// - a list longer than the core's MAX_LIST_ITEMS (e.g. `length` 2³²−1, sparse) is not walked:
//   the core reports its length on the original. At most COPY_BUDGET keys and items are read in
//   all (one array referenced a million times costs no more); past that, the rest is original;
// - containers deeper than COPY_DEPTH stay original: the deepest input of every modelled
//   operation is three levels in (CreateAccount `Tags[0].Key`), and the core reads no deeper
//   than the model, so what lies below cannot change its answer.
// Since null list items are left out, an issue's path indexes the list as sent (`[null, 'X']`
// is sent, and reported, as `['X']`), as the service's own error would.

/** The core's largest list (fast.generated.js `MAX_LIST_ITEMS`); longer ones it refuses. */
const MAX_LIST_ITEMS = 1048576
/** How many keys and items the copy of one input may read in all. */
const COPY_BUDGET = 4 * MAX_LIST_ITEMS
/** How many containers deep the copy goes (the models nest three). */
const COPY_DEPTH = 8

/** `input` as the SDK will send it (see above). */
function asSent(input) {
  return sentValue(input, 0, { budget: COPY_BUDGET })
}

function sentValue(value, depth, state) {
  if (value === null || typeof value !== 'object' || depth >= COPY_DEPTH || types.isProxy(value)) return value
  try {
    if (typeof value.toJSON === 'function') return value
    if (Array.isArray(value)) return sentList(value, depth, state)
    const prototype = Object.getPrototypeOf(value)
    if (prototype !== Object.prototype && prototype !== null) return value
    return sentStructure(value, depth, state)
  } catch {
    return value
  }
}

/** A structure's own string-keyed members without the null and undefined ones. Throws when its
 * keys cannot be read. */
function sentStructure(value, depth, state) {
  const names = Object.getOwnPropertyNames(value)
  if (names.length > state.budget) return value
  state.budget -= names.length
  const enumerable = names.map((name) => Object.getOwnPropertyDescriptor(value, name)?.enumerable === true)
  const copy = Object.create(null)
  for (let index = 0; index < names.length; index++) {
    const name = names[index]
    let member
    try {
      member = value[name]
    } catch (error) {
      Object.defineProperty(copy, name, { get: throwing(error), enumerable: enumerable[index], configurable: true })
      continue
    }
    if (member === null || member === undefined) continue
    Object.defineProperty(copy, name, {
      value: sentValue(member, depth + 1, state),
      enumerable: enumerable[index],
      writable: true,
      configurable: true,
    })
  }
  return copy
}

/** A list's items without the null, undefined and missing ones. Throws when its length cannot
 * be read. */
function sentList(value, depth, state) {
  const { length } = value
  if (typeof length !== 'number' || length > MAX_LIST_ITEMS || length > state.budget) return value
  state.budget -= length
  const copy = []
  for (let index = 0; index < length; index++) {
    let item
    try {
      item = value[index]
    } catch (error) {
      Object.defineProperty(copy, copy.length, { get: throwing(error), enumerable: true, configurable: true })
      continue
    }
    if (item !== null && item !== undefined) copy.push(sentValue(item, depth + 1, state))
  }
  return copy
}

/** A getter that throws `error` again. */
function throwing(error) {
  return () => {
    throw error
  }
}

/** The orgkit service and operation a command addresses, or `null` for a command of another
 * client. Reads only what the SDK itself put in the context. */
function commandTarget(context) {
  if (context === null || typeof context !== 'object') return null
  const smithy = context.__smithy_context
  const service = CLIENT_SERVICES[context.clientName] ?? (smithy ? SMITHY_SERVICES[smithy.service] : undefined)
  if (service === undefined) return null
  let operation = ''
  if (typeof context.commandName === 'string' && context.commandName.endsWith('Command')) {
    operation = context.commandName.slice(0, -'Command'.length)
  } else if (smithy && typeof smithy.operation === 'string') {
    operation = smithy.operation
  }
  return operation === '' ? null : { service, operation }
}

/**
 * An SDK v3 client plugin (`client.middlewareStack.use(orgkitValidation())`) that checks the
 * input of every Organizations, Account and Chime command against orgkit's request validation
 * before the SDK serializes it (the `initialize` step), and rejects an invalid one with an
 * `OrgkitSdkValidationError` listing every issue; no request is sent then. SDK v3 itself does
 * not check required members or constraints: it sends `DescribeAccountCommand({})`, and drops
 * members it does not know without a word, where this plugin reports them (UNKNOWN_PARAMETER).
 * What is checked is the input as the SDK sends it: `null` and `undefined` members and list
 * items, which the SDK leaves out, are absent (`ListAccountsCommand({ NextToken: null })` is
 * valid), so an issue's list index counts the items that are sent.
 *
 * Options: `edition` (`'current'`, the default: the APIs as AWS serves them today, or
 * `'original'`). A command the edition does not model (an operation added after it, e.g.
 * CloseAccount under `'original'`) and every command of other clients (STS, S3, …) pass
 * through unchecked. Adding the plugin twice to one stack replaces the first.
 */
function orgkitValidation(options) {
  const { edition = orgkit.DEFAULT_EDITION } = optionsObject('orgkitValidation', options, ['edition'])
  if (!orgkit.EDITIONS.includes(edition)) {
    throw new OrgkitArgumentError('INVALID_ARGUMENT',
      `orgkitValidation: unknown edition ${typeof edition === 'string' ? JSON.stringify(edition) : `of type ${typeof edition}`}; expected one of: ${orgkit.EDITIONS.join(', ')}`)
  }
  const modelled = {}
  for (const service of Object.values(CLIENT_SERVICES)) {
    modelled[service] = new Set(orgkit.operations(service, { edition }).map(([name]) => name))
  }
  const middleware = (next, context) => async (args) => {
    const target = commandTarget(context)
    if (target !== null && modelled[target.service].has(target.operation)) {
      const input = asSent(args.input)
      const { valid, issues } = orgkit.validateRequest(target.service, target.operation, input, { edition })
      if (!valid) throw new OrgkitSdkValidationError(target.service, target.operation, edition, issues)
    }
    return next(args)
  }
  return Object.freeze({
    /** Adds the validation middleware to `stack` (`client.middlewareStack` or a command's). */
    applyToStack(stack) {
      stack.add(middleware, {
        step: 'initialize',
        priority: 'high',
        name: MIDDLEWARE_NAME,
        tags: ['VALIDATION', 'ORGKIT'],
        override: true,
      })
    },
  })
}

/** The error the SDK's Node.js handler rejects an aborted request with. */
function abortError(signal) {
  const reason = signal && typeof signal === 'object' && 'reason' in signal ? signal.reason : undefined
  const error = new Error(reason !== undefined && !(reason instanceof Error) ? String(reason) : 'Request aborted')
  error.name = 'AbortError'
  if (reason instanceof Error) error.cause = reason
  return error
}

/** `text` percent-encoded as the SDK encodes query strings (RFC 3986: `!'()*` too). */
function escapeQuery(text) {
  return encodeURIComponent(String(text).toWellFormed()).replace(/[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

/** The request target: the path with the query the SDK keeps apart (`request.query`). Throws
 * whatever reading them throws (e.g. a TypeError for a value that is no string). */
function requestTarget(request) {
  const path = typeof request.path === 'string' && request.path !== '' ? request.path : '/'
  const query = request.query
  if (query === null || typeof query !== 'object') return path
  const parts = []
  for (const key of Object.keys(query).sort()) {
    const value = query[key]
    if (Array.isArray(value)) {
      for (const item of value) parts.push(`${escapeQuery(key)}=${escapeQuery(item)}`)
    } else if (value === null || value === undefined) {
      parts.push(escapeQuery(key))
    } else {
      parts.push(`${escapeQuery(key)}=${escapeQuery(value)}`)
    }
  }
  return parts.length === 0 ? path : `${path}?${parts.join('&')}`
}

/** What `handleHttp` is given of `request`, read once; `OrgkitArgumentError` (INVALID_ARGUMENT)
 * for a part that cannot be read or turned into text (a null-prototype header or query value, a
 * revoked Proxy, a throwing getter), as `handleHttp` answers headers it cannot read. */
function readRequest(request) {
  const part = (what, read) => {
    try {
      return read()
    } catch (error) {
      if (error instanceof OrgkitError) throw error
      throw unreadable(`the request's ${what}`, error)
    }
  }
  return {
    method: part('method', () => String(request.method ?? 'GET')),
    path: part('path and query', () => requestTarget(request)),
    headers: part('headers', () => Object.entries(request.headers ?? {})
      .filter(([, value]) => value !== undefined && value !== null)
      .map(([name, value]) => [String(name), String(value)])),
    body: part('body', () => request.body),
  }
}

/** A chunk of a body stream as bytes: a string (UTF-8) or bytes, else `OrgkitArgumentError`. */
function chunkBytes(chunk) {
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8')
  if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)
  if (types.isAnyArrayBuffer(chunk)) return new Uint8Array(chunk)
  throw new OrgkitArgumentError('INVALID_ARGUMENT', `the request body stream must yield strings or bytes, not ${kindOf(chunk)}`)
}

/** The request's body as bytes: a string (UTF-8), bytes, or a stream / async iterable of them
 * (collected); nothing is an empty body. Rejects with `OrgkitArgumentError` for anything else,
 * for a stream that yields anything else or fails, and with an `AbortError` when `signal`
 * aborts while the stream is read, at once: the stream's iterator is then closed (`return`,
 * which a Node.js Readable or an async generator carries out once its pending read settles). */
async function requestBody(body, signal) {
  if (body === undefined || body === null) return new Uint8Array()
  if (typeof body === 'string') return Buffer.from(body, 'utf8')
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength)
  if (types.isAnyArrayBuffer(body)) return new Uint8Array(body)
  let iterator
  try {
    const iterate = body[Symbol.asyncIterator]
    if (typeof iterate === 'function') iterator = iterate.call(body)
  } catch (error) {
    throw unreadable('the request body', error)
  }
  if (iterator === undefined) {
    throw new OrgkitArgumentError('INVALID_ARGUMENT', `the request body must be a string, bytes or a stream, not ${kindOf(body)}`)
  }
  return collect(iterator, signal)
}

/** The chunks `iterator` yields, as one byte array; see `requestBody`. The abort is heard as the
 * SDK's own handler hears it (`addEventListener`, else `onabort`), and checked between chunks. */
async function collect(iterator, signal) {
  const ABORTED = {}
  let heard
  const aborted = new Promise((resolve) => {
    heard = () => resolve(ABORTED)
  })
  let stopListening = () => {}
  if (signal !== null && typeof signal === 'object') {
    if (typeof signal.addEventListener === 'function') {
      signal.addEventListener('abort', heard, { once: true })
      stopListening = () => signal.removeEventListener('abort', heard)
    } else {
      const previous = signal.onabort
      signal.onabort = function onabort(...args) {
        heard()
        if (typeof previous === 'function') return previous.apply(this, args)
      }
      stopListening = () => {
        signal.onabort = previous
      }
    }
  }
  const chunks = []
  try {
    for (;;) {
      if (signal?.aborted) throw abortError(signal)
      const step = await Promise.race([iterator.next(), aborted])
      if (step === ABORTED) throw abortError(signal)
      if (step === null || typeof step !== 'object') throw new TypeError('the stream\'s iterator result is not an object')
      if (step.done) break
      chunks.push(chunkBytes(step.value))
    }
  } catch (error) {
    // Closes the stream's iterator (a Node.js Readable is then destroyed); what that answers
    // does not matter.
    try {
      Promise.resolve(typeof iterator.return === 'function' ? iterator.return() : undefined).catch(() => {})
    } catch {
      // The stream could not be closed: the error below says why it was being read no longer.
    }
    if (error instanceof OrgkitError) throw error
    // An abort the stream itself heard (one reading the same signal) is answered alike.
    if (signal?.aborted) throw abortError(signal)
    throw unreadable('the request body stream', error)
  } finally {
    stopListening()
  }
  return Buffer.concat(chunks)
}

/**
 * An SDK v3 `HttpHandler` (`requestHandler` of a client) answering every request from an
 * `Emulator` through its wire protocols, in process: Organizations, Account, Chime and STS
 * clients run unmodified. Made by `emulatorRequestHandler(emulator, options)`.
 */
class EmulatorRequestHandler {
  constructor(emulator, caller) {
    this.emulator = emulator
    this.caller = caller
    this.configs = {}
    /** What the SDK reads about the transport. */
    this.metadata = { handlerProtocol: 'http/1.1' }
  }

  /** Serves `request` (an SDK `HttpRequest`); resolves `{ response }` with the body as a
   * `Uint8Array`. Rejects with an `AbortError` when `options.abortSignal` is aborted before the
   * request is served (already, or while a body stream is read), and with
   * `OrgkitArgumentError` (INVALID_ARGUMENT) for a request it cannot read: a part that is no
   * text (a null-prototype header or query value), a body that is neither a string, bytes nor a
   * stream of them, a body stream that fails. */
  async handle(request, options) {
    const signal = options && typeof options === 'object' ? options.abortSignal : undefined
    if (signal?.aborted) throw abortError(signal)
    if (request === null || typeof request !== 'object') {
      throw new OrgkitArgumentError('INVALID_ARGUMENT', 'handle takes an SDK HttpRequest')
    }
    const { method, path, headers, body: given } = readRequest(request)
    const body = await requestBody(given, signal)
    if (signal?.aborted) throw abortError(signal)
    // The caller override is the core's (`Emulator::handle_http_as`, reached through
    // `handleHttp`'s `caller`): the request is served as that account whatever key signed it,
    // rather than re-signed here.
    const served = this.emulator.handleHttp({
      method,
      path,
      headers,
      body,
      ...(this.caller === undefined ? {} : { caller: this.caller }),
    })
    const responseHeaders = { 'content-length': String(served.body.byteLength), ...served.headers }
    return { response: { statusCode: served.statusCode, headers: responseHeaders, body: served.body } }
  }

  /** Records a transport setting the SDK hands on (e.g. `requestTimeout`); an in-process
   * call has no socket, so none changes how requests are served. */
  updateHttpClientConfig(key, value) {
    this.configs[key] = value
  }

  /** The settings recorded by `updateHttpClientConfig`. */
  httpHandlerConfigs() {
    return { ...this.configs }
  }

  /** Nothing to release: no sockets or agents are held. The handler stays usable. */
  destroy() {}
}

/**
 * A request handler for SDK v3 clients served by `emulator`:
 * `new OrganizationsClient({ region, credentials: emulator.credentials(id), requestHandler:
 * emulatorRequestHandler(emulator) })`. Without `options.caller`, each request acts as the
 * account its credentials name (`emulator.credentials(accountId)`, or keys from STS
 * AssumeRole; any other key acts as `emulator.defaultCaller`), exactly as over the network.
 * With `options.caller` (a 12-digit account ID, checked now), every request acts as that
 * account whatever credentials signed it, STS included. Also `emulator.requestHandler(options)`.
 */
function emulatorRequestHandler(emulator, options) {
  if (!(emulator instanceof orgkit.Emulator)) {
    throw new OrgkitArgumentError('INVALID_ARGUMENT', 'emulatorRequestHandler takes an orgkit Emulator')
  }
  const { caller } = optionsObject('requestHandler', options, ['caller'])
  if (caller !== undefined && caller !== null) {
    if (typeof caller !== 'string') {
      throw new OrgkitArgumentError('INVALID_ARGUMENT', 'options.caller must be a 12-digit account ID string')
    }
    // Throws OrgkitEmulatorUsageError (INVALID_CALLER) for a caller that is not an account ID.
    emulator.credentials(caller)
  }
  return new EmulatorRequestHandler(emulator, caller ?? undefined)
}

module.exports = {
  orgkitValidation,
  emulatorRequestHandler,
  OrgkitSdkValidationError,
  SERVICE_EXCEPTIONS,
}
