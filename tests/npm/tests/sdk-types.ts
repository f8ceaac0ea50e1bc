// Compiled by sdk.test.mjs (tsc -p sdk-tsconfig.json, module nodenext, strict): orgkit/sdk's
// typings fit the SDK v3 types they stand in for, without orgkit depending on the SDK.
import { Emulator, OrgkitValidationError } from 'orgkit'
import { orgkitValidation, emulatorRequestHandler, OrgkitSdkValidationError, type EmulatorRequestHandler } from 'orgkit/sdk'
import { OrganizationsClient, DescribeAccountCommand, InvalidInputException } from '@aws-sdk/client-organizations'
import { AccountClient } from '@aws-sdk/client-account'
import { STSClient } from '@aws-sdk/client-sts'
import type { Pluggable } from '@smithy/types'
import type { HttpHandler } from '@smithy/core/protocols'

const emulator = new Emulator({ seed: 1 })
const id = '111111111111'

const client = new OrganizationsClient({ region: 'us-east-1', requestHandler: emulator.requestHandler(), credentials: emulator.credentials(id) })
client.middlewareStack.use(orgkitValidation())
client.middlewareStack.use(orgkitValidation({ edition: 'original' }))
new AccountClient({ region: 'us-east-1', requestHandler: emulatorRequestHandler(emulator, { caller: id }) }).middlewareStack.use(orgkitValidation())
new STSClient({ region: 'us-east-1', requestHandler: emulator.requestHandler({ caller: id }) })

// Assignable to the SDK's own plugin and handler types.
const plugin: Pluggable<any, any> = orgkitValidation()
const handler: HttpHandler = emulator.requestHandler()
const fromFunction: HttpHandler = emulatorRequestHandler(emulator)
void plugin
void handler
void fromFunction

export async function describe(accountId: string): Promise<string | undefined> {
  try {
    return (await client.send(new DescribeAccountCommand({ AccountId: accountId }))).Account?.Name
  } catch (error) {
    if (error instanceof OrgkitSdkValidationError) {
      const validation: OrgkitValidationError = error
      const reason: string | undefined = error.Reason
      return `${validation.code} ${reason} ${error.issues.map((issue) => issue.path).join(',')} ${error.$metadata.httpStatusCode}`
    }
    if (error instanceof InvalidInputException) return error.Reason
    throw error
  }
}

// @ts-expect-error: an edition orgkit does not model
orgkitValidation({ edition: 'latest' })
// @ts-expect-error: the caller is an account ID string
emulatorRequestHandler(emulator, { caller: 111111111111 })
