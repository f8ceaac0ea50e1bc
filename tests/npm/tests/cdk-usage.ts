// orgkit/cdk as a TypeScript CDK app uses it, compiled by tests/npm/tests/cdk.test.mjs with the
// project's tsc (cdk-tsconfig.json: module nodenext, strict, noEmit). The ES entry's typings
// (cdk.d.mts) are checked by the imports below, the CommonJS ones (cdk.d.ts) through
// `resolution-mode: 'require'`; each `@ts-expect-error` is a misuse the typings must refuse.
import { App, Aspects, Stack, Validations, aws_organizations as organizations } from 'aws-cdk-lib'
import type { IAspect, IPolicyValidationPluginBeta1, PolicyValidationPluginReportBeta1 } from 'aws-cdk-lib'
import cdkDefault, { OrgkitChecks, OrgkitPolicyValidation, RESOURCE_TYPES, REFERENCE_ROLES } from 'orgkit/cdk'
import type { OrgkitChecksOptions, ResourceTypeRule } from 'orgkit/cdk'
import type { OrgkitChecks as RequiredChecks, OrgkitPolicyValidation as RequiredPlugin } from 'orgkit/cdk' with { 'resolution-mode': 'require' }

const app = new App({ policyValidationBeta1: [new OrgkitPolicyValidation({ edition: 'original' })] })
Aspects.of(app).add(new OrgkitChecks())
Aspects.of(app).add(new OrgkitChecks({ edition: 'original', failSynth: false }))
Validations.of(app).addPlugins(new OrgkitPolicyValidation())
const stack = new Stack(app, 'Org')
new organizations.CfnOrganizationalUnit(stack, 'Workloads', { name: 'Workloads', parentId: 'r-abcd' })

const aspect: IAspect = new cdkDefault.OrgkitChecks({ edition: 'current' })
const plugin: IPolicyValidationPluginBeta1 = new OrgkitPolicyValidation()
const report: PolicyValidationPluginReportBeta1 = plugin.validate({ templatePaths: [], appConstruct: app })
const ok: boolean = report.success
const edition: 'current' | 'original' = new OrgkitChecks().edition
const failing: boolean = new OrgkitChecks().failSynth
const options: OrgkitChecksOptions = { edition: 'current' }
const account: ResourceTypeRule | undefined = RESOURCE_TYPES['AWS::Organizations::Account']
const operation: string | undefined = account?.operation
const parentKinds: readonly string[] = REFERENCE_ROLES.parent.kinds
const required: RequiredChecks = new OrgkitChecks(options)
const requiredPlugin: RequiredPlugin = new OrgkitPolicyValidation()

// @ts-expect-error: an edition orgkit does not have
new OrgkitChecks({ edition: 'newest' })
// @ts-expect-error: failSynth is a boolean
new OrgkitChecks({ failSynth: 'yes' })
// @ts-expect-error: the table is read-only
RESOURCE_TYPES['AWS::Organizations::Account'] = account!
// @ts-expect-error: visit takes a construct
aspect.visit('Org/Workloads')

export { ok, edition, failing, operation, parentKinds, required, requiredPlugin }
