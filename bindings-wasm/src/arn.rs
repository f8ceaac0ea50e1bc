//! Mirrors `orgkit::arn`: an ARN's parts as data.

use js_sys::Object;
use wasm_bindgen::prelude::*;

use crate::error::issue_array;
use crate::ids::text_of;
use crate::set;

fn parts_object(arn: &orgkit::Arn) -> Object {
    let parts = Object::new();
    set(&parts, "arn", arn.to_string());
    set(&parts, "partition", arn.partition().as_str());
    set(&parts, "account", arn.account_field());
    set(&parts, "resourceType", arn.resource_type().as_str());
    set(&parts, "isAwsManaged", arn.is_aws_managed());
    let optional = [
        (
            "organizationId",
            arn.organization_id().map(|id| id.as_str()),
        ),
        ("accountId", arn.account_id().map(|id| id.as_str())),
        ("rootId", arn.root_id().map(|id| id.as_str())),
        (
            "organizationalUnitId",
            arn.organizational_unit_id().map(|id| id.as_str()),
        ),
        ("policyId", arn.policy_id().map(|id| id.as_str())),
        ("policyType", arn.policy_type()),
        ("handshakeId", arn.handshake_id().map(|id| id.as_str())),
        ("handshakeType", arn.handshake_type()),
        (
            "resourcePolicyId",
            arn.resource_policy_id().map(|id| id.as_str()),
        ),
        (
            "responsibilityTransferId",
            arn.responsibility_transfer_id().map(|id| id.as_str()),
        ),
        ("transferType", arn.transfer_type()),
        ("transferDirection", arn.transfer_direction()),
    ];
    for (key, value) in optional {
        if let Some(value) = value {
            set(&parts, key, value);
        }
    }
    parts
}

/// Parses an Organizations ARN of `options.edition` (default `'current'`, whose resource
/// policy and responsibility transfer forms the original edition lacks): `{ valid, arn?,
/// issues }` (never throws for a bad value; a bad option is `OrgkitArgumentError`).
#[wasm_bindgen(js_name = inspectArn)]
pub fn inspect_arn(
    value: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "EditionOptions")] options: JsValue,
) -> Result<Object, JsValue> {
    let edition = crate::edition::edition_option(options)?;
    let result = Object::new();
    let parsed = text_of(&value)
        .map_err(|issue| vec![issue])
        .and_then(|text| orgkit::Arn::parse_in(edition, &text).map_err(|err| err.issues_at("")));
    match parsed {
        Ok(arn) => {
            set(&result, "valid", true);
            set(&result, "arn", parts_object(&arn));
            set(&result, "issues", issue_array(&[]));
        }
        Err(issues) => {
            set(&result, "valid", false);
            set(&result, "issues", issue_array(&issues));
        }
    }
    Ok(result)
}
