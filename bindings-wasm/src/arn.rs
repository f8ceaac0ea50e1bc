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
    ];
    for (key, value) in optional {
        if let Some(value) = value {
            set(&parts, key, value);
        }
    }
    parts
}

/// Parses an Organizations ARN: `{ valid, arn?, issues }` (never throws for a bad value).
#[wasm_bindgen(js_name = inspectArn)]
pub fn inspect_arn(value: JsValue) -> Object {
    let result = Object::new();
    let parsed = text_of(&value)
        .map_err(|issue| vec![issue])
        .and_then(|text| orgkit::Arn::parse(&text).map_err(|err| err.issues_at("")));
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
    result
}
