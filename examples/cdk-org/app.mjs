// An organization laid out as a CDK app — an SCP-governed workloads OU, a security OU holding
// the log archive account — checked by orgkit while it synthesizes. `cdk synth` passes;
// `cdk synth -c broken=true` adds the mistakes orgkit catches, and the synthesis fails.
import { App, Aspects, RemovalPolicy, Stack, aws_organizations as organizations } from 'aws-cdk-lib'
import { OrgkitChecks } from 'orgkit/cdk'

const app = new App()
// The one line: every AWS::Organizations resource of the app is checked (edition: today's API).
Aspects.of(app).add(new OrgkitChecks({ edition: app.node.tryGetContext('orgkit-edition') ?? 'current' }))

const broken = String(app.node.tryGetContext('broken')) === 'true'
const stack = new Stack(app, 'Organization')

const organization = new organizations.CfnOrganization(stack, 'Organization', { featureSet: 'ALL' })
const root = organization.attrRootId

const security = new organizations.CfnOrganizationalUnit(stack, 'Security', { name: 'Security', parentId: root })
const workloads = new organizations.CfnOrganizationalUnit(stack, 'Workloads', {
  name: 'Workloads',
  parentId: root,
  tags: [{ key: 'cost-center', value: 'platform' }],
})
new organizations.CfnOrganizationalUnit(stack, 'Production', { name: 'Production', parentId: workloads.ref })

const logArchive = new organizations.CfnAccount(stack, 'LogArchive', {
  accountName: 'Log archive',
  email: broken ? 'log-archive.example.com' : 'log-archive@example.com',
  parentIds: [security.ref],
  tags: [{ key: 'purpose', value: 'logs' }],
})
// Deleting an account resource closes the account: keep it when the stack goes.
logArchive.applyRemovalPolicy(RemovalPolicy.RETAIN)

new organizations.CfnPolicy(stack, 'StayInOrganization', {
  name: 'stay-in-organization',
  description: 'Member accounts cannot leave the organization',
  type: 'SERVICE_CONTROL_POLICY',
  content: {
    Version: '2012-10-17',
    Statement: [{ Sid: 'NoLeaving', Effect: broken ? 'deny' : 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }],
  },
  targetIds: [workloads.ref],
})

if (broken) {
  // A second OU named Security under the root, and an account used as a parent.
  new organizations.CfnOrganizationalUnit(stack, 'SecurityAgain', { name: 'Security', parentId: root })
  new organizations.CfnOrganizationalUnit(stack, 'UnderAnAccount', { name: 'Sandbox', parentId: logArchive.ref })
}

app.synth()
