//! Mirrors `orgkit::arn`: an ARN's parts as data.

use js_sys::Object;
use wasm_bindgen::prelude::*;

use crate::error::issue_array;
use crate::ids::text_of;
use crate::set;

/// The parts of `arn`, parsed from `text`. Its `arn` is `text` itself: parsing accepts only
/// the canonical form (the core's tests hold `parse(s).to_string() == s` on every vector and
/// in a property test), so the form bundle needs no ARN writer.
fn parts_object(arn: &orgkit::Arn, text: &str) -> Object {
    use orgkit::ArnResource as Resource;
    let parts = Object::new();
    set(&parts, "arn", text);
    set(&parts, "partition", arn.partition().as_str());
    set(&parts, "account", arn.account_field());
    set(&parts, "resourceType", arn.resource_type().as_str());
    set(&parts, "isAwsManaged", arn.is_aws_managed());
    if let Some(organization) = arn.organization_id() {
        set(&parts, "organizationId", organization.as_str());
    }
    // The IDs and segments each form carries besides the organization, in one match (one
    // accessor per part would inline a match per part into this export).
    let carried: [(&str, &str); 3] = match arn.resource() {
        Resource::Account { account_id, .. } => {
            [("accountId", account_id.as_str()), ("", ""), ("", "")]
        }
        Resource::Root { root_id, .. } => [("rootId", root_id.as_str()), ("", ""), ("", "")],
        Resource::OrganizationalUnit {
            organizational_unit_id,
            ..
        } => [
            ("organizationalUnitId", organizational_unit_id.as_str()),
            ("", ""),
            ("", ""),
        ],
        Resource::Policy {
            policy_type,
            policy_id,
            ..
        }
        | Resource::AwsManagedPolicy {
            policy_type,
            policy_id,
        } => [
            ("policyId", policy_id.as_str()),
            ("policyType", policy_type),
            ("", ""),
        ],
        Resource::Handshake {
            handshake_type,
            handshake_id,
            ..
        } => [
            ("handshakeId", handshake_id.as_str()),
            ("handshakeType", handshake_type),
            ("", ""),
        ],
        Resource::ResourcePolicy {
            resource_policy_id, ..
        } => [
            ("resourcePolicyId", resource_policy_id.as_str()),
            ("", ""),
            ("", ""),
        ],
        Resource::ResponsibilityTransfer {
            transfer_type,
            direction,
            transfer_id,
            ..
        } => [
            ("responsibilityTransferId", transfer_id.as_str()),
            ("transferType", transfer_type),
            ("transferDirection", direction),
        ],
        _ => [("", ""); 3],
    };
    for (key, value) in carried {
        if !key.is_empty() {
            set(&parts, key, value);
        }
    }
    parts
}

#[wasm_bindgen(typescript_custom_section)]
const ARN_TYPES: &'static str = r#"
/** The parts of a valid Organizations ARN (`inspectArn`); the IDs it holds are present. */
export interface ArnParts {
  arn: string;
  partition: 'aws' | 'aws-cn' | 'aws-us-gov';
  /** The account field: 12 digits, or `aws` for an AWS-managed policy. */
  account: string;
  resourceType:
    | 'organization' | 'account' | 'root' | 'ou' | 'policy' | 'handshake' | 'resourcepolicy' | 'transfer';
  isAwsManaged: boolean;
  organizationId?: string;
  accountId?: string;
  rootId?: string;
  organizationalUnitId?: string;
  policyId?: string;
  policyType?: string;
  handshakeId?: string;
  handshakeType?: string;
  resourcePolicyId?: string;
  responsibilityTransferId?: string;
  transferType?: string;
  transferDirection?: string;
}

/** What `inspectArn` answers: the parts of a valid ARN, or the issues of an invalid one. */
export interface ArnInspection extends ValidationResult {
  arn?: ArnParts;
}
"#;

/// Parses an Organizations ARN of `options.edition` (default `'current'`, whose resource
/// policy and responsibility transfer forms the original edition lacks): `{ valid, arn?,
/// issues }` (never throws for a bad value; a bad option is `OrgkitArgumentError`).
#[wasm_bindgen(js_name = inspectArn, unchecked_return_type = "ArnInspection")]
pub fn inspect_arn(
    #[wasm_bindgen(unchecked_param_type = "unknown")] value: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "EditionOptions")] options: JsValue,
) -> Result<Object, JsValue> {
    let edition = crate::edition::edition_option(options)?;
    let result = Object::new();
    let parsed = text_of(&value)
        .map_err(|issue| vec![issue])
        .and_then(|text| match orgkit::Arn::parse_in(edition, &text) {
            Ok(arn) => Ok((arn, text)),
            Err(err) => Err(err.issues_at("")),
        });
    match parsed {
        Ok((arn, text)) => {
            set(&result, "valid", true);
            set(&result, "arn", parts_object(&arn, &text));
            set(&result, "issues", js_sys::Array::new());
        }
        Err(issues) => {
            set(&result, "valid", false);
            let hint = |issue: &orgkit::Issue| {
                orgkit::hints::value_issue_hint(orgkit::ValueKind::Arn, issue)
            };
            set(&result, "issues", issue_array(&issues, &hint));
        }
    }
    Ok(result)
}
