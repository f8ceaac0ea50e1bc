// The ES module entry of `orgkit/sdk` (the `import` condition of the exports map): it re-exports
// the CommonJS module, sdk.js, so that both module systems share one instance (the same
// OrgkitSdkValidationError class, the same orgkit.js underneath). Named exports are listed
// statically: an ES module's names must be known before it runs.
import sdk from './sdk.js'

export default sdk
export const { orgkitValidation, emulatorRequestHandler, OrgkitSdkValidationError, SERVICE_EXCEPTIONS } = sdk
