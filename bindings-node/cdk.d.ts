// Typings of cdk.js (`orgkit/cdk`): orgkit's checks for AWS CDK apps. The CDK types come from
// aws-cdk-lib and constructs, orgkit's optional peer dependencies, as type-only imports.
import type { IAspect, IPolicyValidationContextBeta1, IPolicyValidationPluginBeta1, PolicyValidationPluginReportBeta1 } from 'aws-cdk-lib'
import type { IConstruct } from 'constructs'
import type { Edition } from './orgkit'

/** The options of `OrgkitChecks`. */
export interface OrgkitChecksOptions {
  /** The model the resources are checked against: `'current'` (the default, the API as AWS
   * serves it today) or `'original'` (Organizations as first released, 2017). */
  readonly edition?: Edition
  /** Whether each finding is also a construct validation error, so that `app.synth()` throws
   * and `cdk synth` fails (the default, `true`); `false` keeps only the error annotations. */
  readonly failSynth?: boolean
}

/**
 * An Aspect that checks every AWS::Organizations resource (Account, OrganizationalUnit, Policy,
 * Organization, ResourcePolicy) against an edition of the Organizations API:
 * `Aspects.of(app).add(new OrgkitChecks())`.
 *
 * Each resource's CloudFormation properties are checked as the request of the operation that
 * creates it; SCP content with `checkScp`; references to parents and policy targets; sibling OU
 * names; one organization per account (two in one stack with its nested stacks, or in stacks of
 * one app or Stage naming the same 12-digit account; environment-agnostic stacks are not taken
 * to share an account). Tokens (Refs, parameters, imports, Lazy values) are skipped. Findings are error annotations on the L1 resource, reading
 * `CODE at Property: message (orgkit, current edition)`, and (unless `failSynth` is `false`)
 * validation errors that make synthesis fail.
 */
export declare class OrgkitChecks implements IAspect {
  /** @throws {OrgkitArgumentError} (code `INVALID_ARGUMENT`) for a bad `edition` or `failSynth`,
   * or options that cannot be read. */
  constructor(options?: OrgkitChecksOptions)
  /** The edition the resources are checked against. */
  readonly edition: Edition
  /** Whether findings make synthesis fail. */
  readonly failSynth: boolean
  /** Registers the checks of an AWS::Organizations resource (other constructs are ignored). */
  visit(node: IConstruct): void
}

/** The options of `OrgkitPolicyValidation`. */
export interface OrgkitPolicyValidationOptions {
  /** The model the resources are checked against: `'current'` (the default) or `'original'`. */
  readonly edition?: Edition
}

/**
 * A CDK policy-validation plugin with the checks of `OrgkitChecks`, run on the synthesized
 * templates: `new App({ policyValidationBeta1: [new OrgkitPolicyValidation()] })` or
 * `Validations.of(app).addPlugins(new OrgkitPolicyValidation())`. Each finding is a violation
 * named by its orgkit code at the resource's logical ID; any finding fails synthesis. The
 * templates of nested stacks, which CDK does not hand plugins, are found in the cloud assembly
 * and checked too; one organization per account is judged as `OrgkitChecks` judges it.
 */
export declare class OrgkitPolicyValidation implements IPolicyValidationPluginBeta1 {
  /** @throws {OrgkitArgumentError} (code `INVALID_ARGUMENT`) for a bad `edition`, or options
   * that cannot be read. */
  constructor(options?: OrgkitPolicyValidationOptions)
  /** `'orgkit'`, the name CDK's report shows. */
  readonly name: string
  /** orgkit's version. */
  readonly version: string
  /** Every code a violation can be named by. */
  readonly ruleIds: string[]
  /** The edition the resources are checked against. */
  readonly edition: Edition
  /** Checks the templates of `context`; every finding is a violation. */
  validate(context: IPolicyValidationContextBeta1): PolicyValidationPluginReportBeta1
}

/** How a CloudFormation property is checked (see `RESOURCE_TYPES`). */
export interface PropertyRule {
  /** The request member the property becomes. */
  readonly member?: string
  /** CloudFormation lets the property out although the API requires the member. */
  readonly optional?: boolean
  /** CloudFormation takes a JSON object or a string; the API takes the JSON text. */
  readonly jsonText?: boolean
  /** Each item of the list is an ID of this kind (`ParentId`, `PolicyTargetId`). */
  readonly each?: string
  /** The most items CloudFormation accepts. */
  readonly atMost?: number
  /** A reference must resolve to a resource that can be a parent or a policy target. */
  readonly refersTo?: 'parent' | 'target'
}

/** How one AWS::Organizations resource type is checked. */
export interface ResourceTypeRule {
  /** The Organizations operation that creates the resource. */
  readonly operation: string
  /** Each checked CloudFormation property. */
  readonly properties: { readonly [property: string]: PropertyRule }
  /** The kind of value `Ref` and each `Fn::GetAtt` attribute give. */
  readonly returns: { readonly [attribute: string]: string }
  /** Sibling names (`name`) must differ under one parent (`parent`). */
  readonly uniqueNamesUnder?: { readonly name: string; readonly parent: string }
  /** An account can create only one such resource. */
  readonly onePerAccount?: boolean
  /** The policy document checked with `checkScp` for some policy types. */
  readonly policyDocument?: { readonly type: string; readonly content: string; readonly checkedTypes: readonly string[] }
}

/** What a property referring to a parent or a policy target accepts. */
export interface ReferenceRole {
  /** The kinds of ID it accepts. */
  readonly kinds: readonly string[]
  /** The orgkit value kind of its literal items. */
  readonly valueKind: string
  /** The AWS error code of a reference to nothing. */
  readonly notFound: string
  /** What it must be, in words. */
  readonly expected: string
}

/** The checked AWS::Organizations resource types, each with its operation and properties. */
export declare const RESOURCE_TYPES: { readonly [resourceType: string]: ResourceTypeRule }
/** What `parent` and `target` references accept. */
export declare const REFERENCE_ROLES: { readonly parent: ReferenceRole; readonly target: ReferenceRole }
