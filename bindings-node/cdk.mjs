// The ES module entry of `orgkit/cdk` (the `import` condition of the exports map): it re-exports
// the CommonJS module, cdk.js, so that both module systems share one instance (one aws-cdk-lib,
// one orgkit underneath). Named exports are listed statically: an ES module's names must be
// known before it runs.
import cdk from './cdk.js'

export default cdk
export const { OrgkitChecks, OrgkitPolicyValidation, RESOURCE_TYPES, REFERENCE_ROLES } = cdk
