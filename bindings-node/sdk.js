'use strict'
// orgkit for the AWS SDK for JavaScript v3 (`require('orgkit/sdk')`): a client plugin that checks
// a command's input with the core's request validation before the SDK serializes it, and a
// request handler that serves real SDK clients from the in-memory emulator over the core's wire
// protocols. Nothing here depends on @aws-sdk or @smithy packages: both objects only have the
// shapes the SDK calls (`applyToStack(stack)`; `handle(request, options)`), so orgkit installs
// and loads without the SDK, and the rules themselves stay in the core.

const orgkit = require('./orgkit.js')

const { OrgkitArgumentError, OrgkitValidationError } = orgkit

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

/** The name of the middleware the plugin adds; adding the plugin twice replaces it. */
const MIDDLEWARE_NAME = 'orgkitValidationMiddleware'

/**
 * A command input orgkit found invalid, shaped like the exception the service itself answers
 * such a request with, so that SDK v3 code catches both alike: `name` is that exception
 * (`InvalidInputException`, `ValidationException`, `BadRequestException`, which also makes
 * `instanceof` the SDK's class of that name hold), `$fault` is `'client'`, `$metadata` has the
 * `httpStatusCode` the service answers with (400) and `attempts: 0` (nothing was sent). The
 * service's own members are set as its model has them: Organizations `Message` and `Reason`
 * (the first issue's code), Account `message` with `reason` (`fieldValidationFailed`) and
 * `fieldList` in the current edition, Chime `Code` (`BadRequest`) and `Message`. `code` is the
 * first issue's code and `issues` lists every issue; it is an `OrgkitValidationError`.
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
      this.Reason = this.code
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

/** `options` as an object (undefined: empty), else `OrgkitArgumentError`. */
function optionsObject(what, options) {
  if (options === undefined || options === null) return {}
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new OrgkitArgumentError('INVALID_ARGUMENT', `${what} options must be an object`)
  }
  return options
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
 *
 * Options: `edition` (`'current'`, the default: the APIs as AWS serves them today, or
 * `'original'`). A command the edition does not model (an operation added after it, e.g.
 * CloseAccount under `'original'`) and every command of other clients (STS, S3, …) pass
 * through unchecked. Adding the plugin twice to one stack replaces the first.
 */
function orgkitValidation(options) {
  const { edition = orgkit.DEFAULT_EDITION } = optionsObject('orgkitValidation', options)
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
      const { valid, issues } = orgkit.validateRequest(target.service, target.operation, args.input, { edition })
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

/** The request target: the path with the query the SDK keeps apart (`request.query`). */
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

/** The request's body as bytes: a string (UTF-8), bytes, or a stream / async iterable of them
 * (collected); nothing is an empty body. */
async function requestBody(body) {
  if (body === undefined || body === null) return new Uint8Array()
  if (typeof body === 'string') return Buffer.from(body, 'utf8')
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength)
  if (body instanceof ArrayBuffer) return new Uint8Array(body)
  if (typeof body[Symbol.asyncIterator] === 'function') {
    const chunks = []
    for await (const chunk of body) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk))
    return Buffer.concat(chunks)
  }
  throw new OrgkitArgumentError('INVALID_ARGUMENT', `the request body must be a string, bytes or a stream, not ${typeof body}`)
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
   * `Uint8Array`. Rejects with an `AbortError` when `options.abortSignal` is already aborted. */
  async handle(request, options) {
    const signal = options && typeof options === 'object' ? options.abortSignal : undefined
    if (signal?.aborted) throw abortError(signal)
    if (request === null || typeof request !== 'object') {
      throw new OrgkitArgumentError('INVALID_ARGUMENT', 'handle takes an SDK HttpRequest')
    }
    const body = await requestBody(request.body)
    if (signal?.aborted) throw abortError(signal)
    const headers = Object.entries(request.headers ?? {})
      .filter(([, value]) => value !== undefined && value !== null)
      .map(([name, value]) => [String(name), String(value)])
    // The caller override is the core's (`Emulator::handle_http_as`, reached through
    // `handleHttp`'s `caller`): the request is served as that account whatever key signed it,
    // rather than re-signed here.
    const served = this.emulator.handleHttp({
      method: String(request.method ?? 'GET'),
      path: requestTarget(request),
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
  const { caller } = optionsObject('requestHandler', options)
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
