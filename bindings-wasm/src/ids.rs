//! Mirrors `orgkit::ids`: one predicate per kind, a batch check, and per-value results.

use js_sys::{Array, Object};
use orgkit::ids::MAX_BATCH_VALUES;
use orgkit::{Edition, ValueKind};
use wasm_bindgen::prelude::*;

use crate::edition::edition_option;
use crate::error::{argument_error, issue_array, too_many_values};
use crate::{get, is_array, list_length, set, string_array, type_label};

/// The text of a JS value, or the issue explaining why it has none.
pub(crate) fn text_of(value: &JsValue) -> Result<String, orgkit::Issue> {
    value
        .as_string()
        .ok_or_else(|| orgkit::Issue::wrong_type("", "a string", &type_label(value)))
}

fn is_kind(kind: ValueKind, edition: Edition, value: &JsValue) -> bool {
    value
        .as_string()
        .is_some_and(|text| kind.is_valid_in(edition, &text))
}

macro_rules! predicates {
    ($($name:ident / $js:literal => $kind:ident, $doc:literal);+ $(;)?) => {
        $(
            #[doc = $doc]
            #[wasm_bindgen(js_name = $js)]
            pub fn $name(
                #[wasm_bindgen(unchecked_param_type = "unknown")] value: JsValue,
                #[wasm_bindgen(unchecked_optional_param_type = "EditionOptions")] options: JsValue,
            ) -> Result<bool, JsValue> {
                let edition = edition_option(options)?;
                Ok(is_kind(ValueKind::$kind, edition, &value))
            }
        )+
    };
}

predicates! {
    is_account_id / "isAccountId" => AccountId, "Whether `value` is a valid AccountId.";
    is_organization_id / "isOrganizationId" => OrganizationId, "Whether `value` is a valid OrganizationId.";
    is_root_id / "isRootId" => RootId, "Whether `value` is a valid RootId.";
    is_organizational_unit_id / "isOrganizationalUnitId" => OrganizationalUnitId, "Whether `value` is a valid OrganizationalUnitId.";
    is_policy_id / "isPolicyId" => PolicyId, "Whether `value` is a valid PolicyId.";
    is_handshake_id / "isHandshakeId" => HandshakeId, "Whether `value` is a valid HandshakeId.";
    is_create_account_request_id / "isCreateAccountRequestId" => CreateAccountRequestId, "Whether `value` is a valid CreateAccountRequestId.";
    is_child_id / "isChildId" => ChildId, "Whether `value` is a valid ChildId.";
    is_parent_id / "isParentId" => ParentId, "Whether `value` is a valid ParentId.";
    is_policy_target_id / "isPolicyTargetId" => PolicyTargetId, "Whether `value` is a valid PolicyTargetId.";
    is_email / "isEmail" => Email, "Whether `value` is a valid Email under `options.edition`'s rule: `[^\\s@]+@[^\\s@]+\\.[^\\s@]+` in the current edition (the default), `[\\w+=,.-]+@[\\w.-]+\\.[\\w]+` in the original one; 6 to 64 characters.";
    is_role_name / "isRoleName" => RoleName, "Whether `value` is a valid RoleName.";
    is_account_name / "isAccountName" => AccountName, "Whether `value` is a valid AccountName.";
    is_organizational_unit_name / "isOrganizationalUnitName" => OrganizationalUnitName, "Whether `value` is a valid OrganizationalUnitName.";
    is_policy_name / "isPolicyName" => PolicyName, "Whether `value` is a valid PolicyName.";
    is_arn / "isArn" => Arn, "Whether `value` is a valid Organizations ARN.";
    is_resource_policy_id / "isResourcePolicyId" => ResourcePolicyId, "Whether `value` is a valid ResourcePolicyId, `rp-` and 4 to 128 word characters (always false in the original edition, which has no such kind).";
    is_responsibility_transfer_id / "isResponsibilityTransferId" => ResponsibilityTransferId, "Whether `value` is a valid ResponsibilityTransferId, `rt-` and 8 to 32 lowercase letters or digits (always false in the original edition, which has no such kind).";
    is_taggable_resource_id / "isTaggableResourceId" => TaggableResourceId, "Whether `value` is a valid TaggableResourceId: a root, account, OU, policy, resource policy or responsibility transfer ID (always false in the original edition, which has no such kind).";
    is_tag_key / "isTagKey" => TagKey, "Whether `value` is a valid TagKey: 1 to 128 Unicode letters, separators, numbers and `_.:/=+-@` (always false in the original edition, which has no such kind).";
    is_tag_value / "isTagValue" => TagValue, "Whether `value` is a valid TagValue: like a TagKey, 0 to 256 characters (always false in the original edition, which has no such kind).";
    is_service_principal / "isServicePrincipal" => ServicePrincipal, "Whether `value` is a valid ServicePrincipal such as `config.amazonaws.com` (always false in the original edition, which has no such kind).";
}

#[wasm_bindgen(typescript_custom_section)]
const KIND_TYPES: &'static str = r#"
/** The kinds of value `checkValue` and `checkIds` take (`valueKinds()`; the original edition
 * has the first sixteen). */
export type ValueKind =
  | 'AccountId' | 'OrganizationId' | 'RootId' | 'OrganizationalUnitId' | 'PolicyId'
  | 'HandshakeId' | 'CreateAccountRequestId' | 'ChildId' | 'ParentId' | 'PolicyTargetId'
  | 'Email' | 'RoleName' | 'AccountName' | 'OrganizationalUnitName' | 'PolicyName' | 'Arn'
  | 'ResourcePolicyId' | 'ResponsibilityTransferId' | 'TaggableResourceId' | 'TagKey'
  | 'TagValue' | 'ServicePrincipal';

/** What `checkValue` answers: for a valid value, also the kind it is (inside a union such as
 * `ParentId`, the specific one: `RootId` or `OrganizationalUnitId`). */
export interface ValueCheck extends ValidationResult {
  kind?: ValueKind;
}
"#;

/// The kind of `edition` named by `kind`, or `INVALID_ARGUMENT` listing the kinds it has.
pub(crate) fn kind_named(kind: &JsValue, edition: Edition) -> Result<ValueKind, JsValue> {
    let Some(kind) = kind.as_string() else {
        return Err(argument_error(&format!(
            "kind must be a string naming a value kind, e.g. \"AccountId\", not {}",
            type_label(kind)
        )));
    };
    ValueKind::parse_name_in(edition, &kind).map_err(|err| argument_error(&err.to_string()))
}

/// Checks many values of one kind in one call, under `options.edition`'s rules (default
/// `'current'`): one boolean per value (`false` for a value whose reading throws). `values` is an array (or a Proxy of one) of at most
/// `MAX_BATCH_VALUES` (2^24) values: more is refused with `TOO_MANY_VALUES` before any is
/// read; anything else but an array is `INVALID_ARGUMENT`. Items are read one at a time with
/// `Reflect.get`, so a sparse array costs what it states, and nothing is allocated from the
/// stated length.
#[wasm_bindgen(js_name = checkIds, unchecked_return_type = "boolean[]")]
pub fn check_ids(
    #[wasm_bindgen(unchecked_param_type = "ValueKind")] kind: JsValue,
    #[wasm_bindgen(unchecked_param_type = "readonly unknown[]")] values: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "EditionOptions")] options: JsValue,
) -> Result<Array, JsValue> {
    let edition = edition_option(options)?;
    let kind = kind_named(&kind, edition)?;
    let values = &values;
    let not_an_array = |detail: String| argument_error(&format!("values must be an array{detail}"));
    match is_array(values) {
        Ok(true) => {}
        Ok(false) => return Err(not_an_array(format!(", not {}", type_label(values)))),
        Err(thrown) => return Err(not_an_array(format!(" (reading it threw: {thrown})"))),
    }
    let length = list_length(values)
        .map_err(|detail| not_an_array(format!(" with a length (it is {detail})")))?;
    if length > MAX_BATCH_VALUES {
        return Err(too_many_values(&format!(
            "checkIds takes at most {MAX_BATCH_VALUES} values, not {length}"
        )));
    }
    let results = Array::new();
    for index in 0..length {
        let valid = get(values, &JsValue::from(index as f64))
            .is_ok_and(|value| is_kind(kind, edition, &value));
        results.push(&JsValue::from_bool(valid));
    }
    Ok(results)
}

/// Checks one value of `kind` under `options.edition`'s rules (default `'current'`):
/// `{ valid, kind, issues }`, each issue with a `hint` for the user (never throws for a bad
/// value; throws `OrgkitArgumentError` for a kind the edition does not have).
#[wasm_bindgen(js_name = checkValue, unchecked_return_type = "ValueCheck")]
pub fn check_value(
    #[wasm_bindgen(unchecked_param_type = "ValueKind")] kind: JsValue,
    #[wasm_bindgen(unchecked_param_type = "unknown")] value: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "EditionOptions")] options: JsValue,
) -> Result<Object, JsValue> {
    let edition = edition_option(options)?;
    let kind = kind_named(&kind, edition)?;
    let result = Object::new();
    let issues = match text_of(&value) {
        Ok(text) => match kind.check_in(edition, &text) {
            Ok(()) => {
                set(&result, "valid", true);
                // `classify` names the ID inside a union; a kind that is not a union (an
                // Email valid only under the current rule) is the kind itself.
                set(&result, "kind", kind.classify(&text).unwrap_or(kind).name());
                Vec::new()
            }
            Err(err) => err.issues_at(""),
        },
        Err(issue) => vec![issue],
    };
    if !issues.is_empty() {
        set(&result, "valid", false);
    }
    let hint = |issue: &orgkit::Issue| orgkit::hints::value_issue_hint(kind, issue);
    set(&result, "issues", issue_array(&issues, &hint));
    Ok(result)
}

/// The names of every kind `checkIds` and `checkValue` accept in `options.edition` (default
/// `'current'`: all 22; the original edition has the first 16).
#[wasm_bindgen(js_name = valueKinds, unchecked_return_type = "ValueKind[]")]
pub fn value_kinds(
    #[wasm_bindgen(unchecked_optional_param_type = "EditionOptions")] options: JsValue,
) -> Result<Array, JsValue> {
    let edition = edition_option(options)?;
    Ok(string_array(
        edition.value_kinds().iter().map(|kind| kind.name()),
    ))
}
