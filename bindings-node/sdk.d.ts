// Typings of sdk.js (`orgkit/sdk`): the AWS SDK for JavaScript v3 plugin and request handler.
// The SDK's types are described structurally (what the SDK passes and reads), not imported, so
// that orgkit type-checks without @aws-sdk or @smithy packages; the objects are assignable to
// @smithy/types `Pluggable<any, any>` and @smithy/core `HttpHandler`.
import { OrgkitValidationError } from './orgkit'
import type { Edition, Emulator, Issue, Service } from './orgkit'

/** The options of `orgkitValidation`. */
export interface OrgkitValidationOptions {
  /** The model inputs are checked against: `'current'` (the default, the APIs as AWS serves
   * them today) or `'original'` (as first released). */
  edition?: Edition
}

/** What the plugin's middleware is added with (an SDK v3 `InitializeHandlerOptions`). */
export interface OrgkitMiddlewareOptions {
  step: 'initialize'
  priority: 'high'
  name: string
  tags: string[]
  override: boolean
}

/** The part of an SDK v3 middleware stack the plugin uses (`client.middlewareStack`). */
export interface SdkMiddlewareStack {
  add(middleware: (next: (args: any) => Promise<any>, context: any) => (args: any) => Promise<any>, options: OrgkitMiddlewareOptions): void
}

/** An SDK v3 client plugin: `client.middlewareStack.use(plugin)`. */
export interface OrgkitValidationPlugin {
  /** Adds the validation middleware to `stack` (replacing an earlier one of this plugin). */
  applyToStack(stack: SdkMiddlewareStack): void
}

/**
 * An SDK v3 client plugin that checks every Organizations, Account and Chime command's input
 * with orgkit before the SDK serializes it, rejecting an invalid one with an
 * `OrgkitSdkValidationError` (every issue listed; nothing sent). The input is checked as the SDK
 * sends it: `null` and `undefined` members and list items, which the SDK leaves out, are absent.
 * Commands the edition does not model, and commands of other clients, pass through unchecked.
 * Throws `OrgkitArgumentError` for options that are not an object or cannot be read.
 */
export declare function orgkitValidation(options?: OrgkitValidationOptions): OrgkitValidationPlugin

/** The exception each service answers an invalid request with. */
export interface ServiceExceptionNames {
  organizations: 'InvalidInputException'
  account: 'ValidationException'
  chime: 'BadRequestException'
}

/** The exception each service answers an invalid request with (from the current models). */
export declare const SERVICE_EXCEPTIONS: Readonly<ServiceExceptionNames>

/**
 * A command input the plugin found invalid, shaped like the service's own exception for it
 * (`name`, `$fault`, `$metadata`, and the service's members) so that SDK v3 code catches both
 * alike; `issues` lists every problem.
 */
export declare class OrgkitSdkValidationError extends OrgkitValidationError {
  /** The service's exception: `InvalidInputException`, `ValidationException` or `BadRequestException`. */
  readonly name: ServiceExceptionNames[Service]
  /** Always `'client'`: the request was at fault. */
  readonly $fault: 'client'
  /** `httpStatusCode` is the status the service answers with (400); `attempts` is 0: nothing was sent. */
  readonly $metadata: { httpStatusCode: 400; attempts: 0; totalRetryDelay: 0 }
  /** The service the command addressed. */
  readonly service: Service
  /** The operation, e.g. `DescribeAccount`. */
  readonly operation: string
  /** The edition the input was checked against. */
  readonly edition: Edition
  /** Organizations and Chime: the explanation (the first issue's message). */
  readonly Message?: string
  /** Organizations: the InvalidInputException reason, always a value of the model's
   * `InvalidInputExceptionReason` enumeration: the first issue's code when it is one, else the
   * code of the first issue that is one (orgkit's own UNKNOWN_PARAMETER, INVALID_TYPE and
   * TOO_MANY_ISSUES are not); undefined when no issue's code is. */
  readonly Reason?: string
  /** Chime: the error code, `BadRequest`. */
  readonly Code?: 'BadRequest'
  /** Account (current edition): why, `fieldValidationFailed`. */
  readonly reason?: 'fieldValidationFailed'
  /** Account (current edition): each issue as `{ name, message }` (name: the member path). */
  readonly fieldList?: Array<{ name: string; message: string }>
  /** Every problem found. */
  readonly issues: Issue[]
  constructor(service: Service, operation: string, edition: Edition, issues: Issue[])
}

/** An SDK v3 HTTP request, as the handler reads it. */
export interface SdkHttpRequest {
  method: string
  path: string
  query?: Record<string, string | Array<string> | null>
  headers: Record<string, string>
  /** A string, bytes, or a stream / async iterable of them. */
  body?: any
}

/** An SDK v3 HTTP response, as the handler answers it. */
export interface SdkHttpResponse {
  statusCode: number
  reason?: string
  /** Lower-case names. */
  headers: Record<string, string>
  /** The bytes the SDK's deserializers read. */
  body: Uint8Array
}

/** The per-request options the SDK passes (`client.send(command, { abortSignal })`). */
export interface SdkHandlerOptions {
  abortSignal?: { readonly aborted: boolean; readonly reason?: any }
  requestTimeout?: number
}

/** The options of `emulatorRequestHandler` / `Emulator#requestHandler`. */
export interface EmulatorRequestHandlerOptions {
  /** A 12-digit account ID every request acts as, whatever credentials signed it; without
   * it, a request acts as the account its credentials name. */
  caller?: string
}

/** An SDK v3 `HttpHandler` serving requests from an `Emulator` (pass it as a client's
 * `requestHandler`). */
export interface EmulatorRequestHandler {
  /** What the SDK reads about the transport. */
  readonly metadata: { handlerProtocol: string }
  /** Serves one request; rejects with an `AbortError` when the signal aborts before the request
   * is served (already, or while a body stream is read), and with `OrgkitArgumentError`
   * (INVALID_ARGUMENT) for a request it cannot read (a header or query value that is no text, a
   * body that is not a string, bytes or a stream of them, a failing body stream). */
  handle(request: SdkHttpRequest, options?: SdkHandlerOptions): Promise<{ response: SdkHttpResponse }>
  /** Records a transport setting (none changes an in-process call). */
  updateHttpClientConfig(key: string, value: unknown): void
  /** The settings recorded so far. */
  httpHandlerConfigs(): Record<string, unknown>
  /** Releases nothing (no sockets are held); the handler stays usable. */
  destroy(): void
}

/**
 * A request handler for SDK v3 clients served by `emulator` (`Emulator#requestHandler` calls
 * it). Throws `OrgkitEmulatorUsageError` (INVALID_CALLER) for a caller that is not an account ID,
 * and `OrgkitArgumentError` (INVALID_ARGUMENT) for options that are not an object or cannot be read.
 */
export declare function emulatorRequestHandler(emulator: Emulator, options?: EmulatorRequestHandlerOptions): EmulatorRequestHandler
