//! Mirrors `orgkit::ids`: one predicate per kind, a batch check, and per-value results as data.

use napi::bindgen_prelude::*;
use napi::{JsValue, ValueType};
use napi_derive::napi;
use orgkit::{Edition, ValueKind};

use crate::error::{argument, shielded, Issue};
use crate::validate::string_of;

/// The text of a JS value, or the issue explaining why it has none.
pub fn text_of(value: &Unknown<'_>) -> std::result::Result<String, orgkit::Issue> {
    match value.get_type() {
        Ok(ValueType::String) => {
            let raw = value.value();
            string_of(raw.env, raw.value).ok_or_else(|| orgkit::Issue::not_unicode(""))
        }
        Ok(other) => Err(orgkit::Issue::wrong_type("", "a string", &type_name(other))),
        Err(_) => Err(orgkit::Issue::wrong_type(
            "",
            "a string",
            "an unknown value",
        )),
    }
}

fn type_name(value_type: ValueType) -> String {
    match value_type {
        ValueType::Undefined => "undefined",
        ValueType::Null => "null",
        ValueType::Boolean => "boolean",
        ValueType::Number => "number",
        ValueType::String => "string",
        ValueType::Symbol => "symbol",
        ValueType::Object => "object",
        ValueType::Function => "function",
        ValueType::External => "external",
        ValueType::BigInt => "bigint",
        _ => "an unknown value",
    }
    .to_owned()
}

/// The text of an argument that names something (a service, an operation, a kind, a
/// caller): a string, else an INVALID_ARGUMENT error naming the argument.
pub fn name_argument(
    what: &str,
    value: &Unknown<'_>,
) -> std::result::Result<String, Error<&'static str>> {
    match value.get_type() {
        Ok(ValueType::String) => {
            text_of(value).map_err(|_| argument(format!("{what} must be a well-formed string")))
        }
        Ok(other) => Err(argument(format!(
            "{what} must be a string, not {}",
            type_name(other)
        ))),
        Err(_) => Err(argument(format!("{what} must be a string"))),
    }
}

#[inline]
fn is_kind(
    kind: ValueKind,
    value: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> Result<bool, &'static str> {
    let edition = crate::edition::edition_option(options.as_ref())?;
    Ok(text_of(&value).is_ok_and(|text| kind.is_valid_in(edition, &text)))
}

macro_rules! predicates {
    ($($name:ident => $kind:ident, $doc:literal);+ $(;)?) => {
        $(
            #[doc = $doc]
            #[napi(ts_args_type = "value: unknown, options?: EditionOptions")]
            pub fn $name(value: Unknown<'_>, options: Option<Unknown<'_>>) -> Result<bool, &'static str> {
                shielded(|| is_kind(ValueKind::$kind, value, options))
            }
        )+
    };
}

predicates! {
    is_account_id => AccountId, "Whether `value` is a valid AccountId (false for anything that is not a string).";
    is_organization_id => OrganizationId, "Whether `value` is a valid OrganizationId (false for anything that is not a string).";
    is_root_id => RootId, "Whether `value` is a valid RootId (false for anything that is not a string).";
    is_organizational_unit_id => OrganizationalUnitId, "Whether `value` is a valid OrganizationalUnitId (false for anything that is not a string).";
    is_policy_id => PolicyId, "Whether `value` is a valid PolicyId (false for anything that is not a string).";
    is_handshake_id => HandshakeId, "Whether `value` is a valid HandshakeId (false for anything that is not a string).";
    is_create_account_request_id => CreateAccountRequestId, "Whether `value` is a valid CreateAccountRequestId (false for anything that is not a string).";
    is_child_id => ChildId, "Whether `value` is a valid ChildId (false for anything that is not a string).";
    is_parent_id => ParentId, "Whether `value` is a valid ParentId (false for anything that is not a string).";
    is_policy_target_id => PolicyTargetId, "Whether `value` is a valid PolicyTargetId (false for anything that is not a string).";
    is_email => Email, "Whether `value` is a valid Email under `options.edition`'s rule (false for anything that is not a string): `[^\\s@]+@[^\\s@]+\\.[^\\s@]+` in the current edition (the default), `[\\w+=,.-]+@[\\w.-]+\\.[\\w]+` in the original one; 6 to 64 characters.";
    is_role_name => RoleName, "Whether `value` is a valid RoleName (false for anything that is not a string).";
    is_account_name => AccountName, "Whether `value` is a valid AccountName (false for anything that is not a string).";
    is_organizational_unit_name => OrganizationalUnitName, "Whether `value` is a valid OrganizationalUnitName (false for anything that is not a string).";
    is_policy_name => PolicyName, "Whether `value` is a valid PolicyName (false for anything that is not a string).";
    is_arn => Arn, "Whether `value` is a valid Arn (false for anything that is not a string).";
    is_resource_policy_id => ResourcePolicyId, "Whether `value` is a valid ResourcePolicyId, `rp-` and 4 to 128 word characters (false for anything that is not a string, and always false in the original edition, which has no such kind).";
    is_responsibility_transfer_id => ResponsibilityTransferId, "Whether `value` is a valid ResponsibilityTransferId, `rt-` and 8 to 32 lowercase letters or digits (false for anything that is not a string, and always false in the original edition, which has no such kind).";
    is_taggable_resource_id => TaggableResourceId, "Whether `value` is a valid TaggableResourceId: a root, account, OU, policy, resource policy or responsibility transfer ID (false for anything that is not a string, and always false in the original edition, which has no such kind).";
    is_tag_key => TagKey, "Whether `value` is a valid TagKey: 1 to 128 Unicode letters, separators, numbers and `_.:/=+-@` (false for anything that is not a string, and always false in the original edition, which has no such kind).";
    is_tag_value => TagValue, "Whether `value` is a valid TagValue: like a TagKey, 0 to 256 characters (false for anything that is not a string, and always false in the original edition, which has no such kind).";
    is_service_principal => ServicePrincipal, "Whether `value` is a valid ServicePrincipal such as `config.amazonaws.com` (false for anything that is not a string, and always false in the original edition, which has no such kind).";
}

/// The kind of `edition` named by the JS value `kind`, or an INVALID_ARGUMENT error listing
/// the kinds of that edition (the core's message).
pub fn kind_named(kind: &Unknown<'_>, edition: Edition) -> Result<ValueKind, &'static str> {
    let kind = text_of(kind).map_err(|_| {
        argument("kind must be a string naming a value kind, e.g. \"AccountId\"".to_owned())
    })?;
    ValueKind::parse_name_in(edition, &kind).map_err(|err| argument(err.to_string()))
}

/// Checks many values of one kind in one call, under `options.edition`'s rules (default
/// `'current'`): one boolean per value. The array's length is read first: more than
/// `MAX_BATCH_VALUES` is refused (`code` TOO_MANY_VALUES) before any value is read, and the
/// result grows as values are read (a sparse array's holes are `false`).
#[napi(ts_args_type = "kind: string, values: Array<unknown>, options?: EditionOptions")]
pub fn check_ids(
    kind: Unknown<'_>,
    values: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> Result<Vec<bool>, &'static str> {
    shielded(|| {
        let edition = crate::edition::edition_option(options.as_ref())?;
        let kind = kind_named(&kind, edition)?;
        let input = crate::validate::NodeInput::of(&values);
        let count = match orgkit::validate::RequestInput::kind(&input) {
            orgkit::validate::InputKind::List(count) => count,
            _ => return Err(argument("values must be an array".to_owned())),
        };
        if count > orgkit::ids::MAX_BATCH_VALUES {
            return Err(Error::new(
                orgkit::error::TOO_MANY_VALUES,
                format!(
                    "checkIds takes at most {} values, not {count}",
                    orgkit::ids::MAX_BATCH_VALUES
                ),
            ));
        }
        let mut answers = Vec::new();
        for index in 0..count {
            let valid = orgkit::validate::RequestInput::item(&input, index).is_some_and(|item| {
                matches!(
                    orgkit::validate::RequestInput::kind(&item),
                    orgkit::validate::InputKind::Text(text) if kind.is_valid_in(edition, &text)
                )
            });
            answers.push(valid);
        }
        Ok(answers)
    })
}

/// The result of checking one value.
#[napi(object)]
pub struct ValueCheck {
    /// Whether the value is valid.
    pub valid: bool,
    /// The kind of the value when valid; for `ChildId`, `ParentId` and `PolicyTargetId` the
    /// kind of ID inside (`AccountId`, `OrganizationalUnitId`, `RootId`).
    pub kind: Option<String>,
    /// Every problem found (empty when valid).
    pub issues: Vec<Issue>,
}

/// Checks one value of `kind` under `options.edition`'s rules (default `'current'`) and
/// returns the result as data (never throws for a bad value; throws INVALID_ARGUMENT for a
/// kind the edition does not have).
#[napi(ts_args_type = "kind: string, value: unknown, options?: EditionOptions")]
pub fn check_value(
    kind: Unknown<'_>,
    value: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> Result<ValueCheck, &'static str> {
    shielded(|| {
        let edition = crate::edition::edition_option(options.as_ref())?;
        let kind = kind_named(&kind, edition)?;
        Ok(check(kind, edition, &value))
    })
}

fn check(kind: ValueKind, edition: Edition, value: &Unknown<'_>) -> ValueCheck {
    let issues: Vec<orgkit::Issue> = match text_of(value) {
        Ok(text) => match kind.check_in(edition, &text) {
            Ok(()) => {
                // `classify` names the ID inside a union; a kind that is not a union (an
                // Email valid only under the current rule) is the kind itself.
                let specific = kind.classify(&text).unwrap_or(kind);
                return ValueCheck {
                    valid: true,
                    kind: Some(specific.name().to_owned()),
                    issues: Vec::new(),
                };
            }
            Err(err) => err.issues_at(""),
        },
        Err(issue) => vec![issue],
    };
    ValueCheck {
        valid: false,
        kind: None,
        issues: issues.into_iter().map(Issue::from).collect(),
    }
}

/// The names of every kind `checkIds` and `checkValue` accept in `options.edition` (default
/// `'current'`: all 22; the original edition has the first 16).
#[napi(ts_args_type = "options?: EditionOptions")]
pub fn value_kinds(options: Option<Unknown<'_>>) -> Result<Vec<&'static str>, &'static str> {
    shielded(|| {
        let edition = crate::edition::edition_option(options.as_ref())?;
        Ok(edition
            .value_kinds()
            .iter()
            .map(|kind| kind.name())
            .collect())
    })
}
