//! Mirrors `orgkit::arn`: an ARN's parts as data.

use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::error::Issue;
use crate::ids::text_of;

/// The parts of a parsed Organizations ARN.
#[napi(object)]
pub struct ArnParts {
    /// The ARN as text (exactly the input).
    pub arn: String,
    /// `aws`, `aws-cn` or `aws-us-gov`.
    pub partition: String,
    /// The management account's ID, or `aws` for an AWS-managed policy.
    pub account: String,
    /// `organization`, `account`, `root`, `ou`, `policy`, `handshake`, or (current edition)
    /// `resourcepolicy` or `transfer`.
    pub resource_type: String,
    /// Whether this is an AWS-managed policy.
    pub is_aws_managed: bool,
    /// The organization (absent for an AWS-managed policy).
    pub organization_id: Option<String>,
    /// The member account of an account ARN.
    pub account_id: Option<String>,
    /// The root of a root ARN.
    pub root_id: Option<String>,
    /// The OU of an OU ARN.
    pub organizational_unit_id: Option<String>,
    /// The policy of a policy ARN.
    pub policy_id: Option<String>,
    /// The policy type segment, e.g. `service_control_policy`.
    pub policy_type: Option<String>,
    /// The handshake of a handshake ARN.
    pub handshake_id: Option<String>,
    /// The handshake type segment, e.g. `invite`.
    pub handshake_type: Option<String>,
    /// The resource policy of a resource policy ARN (current edition).
    pub resource_policy_id: Option<String>,
    /// The transfer of a responsibility transfer ARN (current edition).
    pub responsibility_transfer_id: Option<String>,
    /// The type segment of a responsibility transfer ARN (`billing`).
    pub transfer_type: Option<String>,
    /// The direction segment of a responsibility transfer ARN (`inbound` or `outbound`).
    pub transfer_direction: Option<String>,
}

impl From<&orgkit::Arn> for ArnParts {
    fn from(arn: &orgkit::Arn) -> ArnParts {
        let text = |id: Option<&str>| id.map(str::to_owned);
        ArnParts {
            arn: arn.to_string(),
            partition: arn.partition().as_str().to_owned(),
            account: arn.account_field().to_owned(),
            resource_type: arn.resource_type().as_str().to_owned(),
            is_aws_managed: arn.is_aws_managed(),
            organization_id: text(arn.organization_id().map(|id| id.as_str())),
            account_id: text(arn.account_id().map(|id| id.as_str())),
            root_id: text(arn.root_id().map(|id| id.as_str())),
            organizational_unit_id: text(arn.organizational_unit_id().map(|id| id.as_str())),
            policy_id: text(arn.policy_id().map(|id| id.as_str())),
            policy_type: text(arn.policy_type()),
            handshake_id: text(arn.handshake_id().map(|id| id.as_str())),
            handshake_type: text(arn.handshake_type()),
            resource_policy_id: text(arn.resource_policy_id().map(|id| id.as_str())),
            responsibility_transfer_id: text(
                arn.responsibility_transfer_id().map(|id| id.as_str()),
            ),
            transfer_type: text(arn.transfer_type()),
            transfer_direction: text(arn.transfer_direction()),
        }
    }
}

/// The result of parsing an ARN.
#[napi(object)]
pub struct ArnCheck {
    /// Whether the text is a valid Organizations ARN.
    pub valid: bool,
    /// The parts, when valid.
    pub arn: Option<ArnParts>,
    /// Every problem found (empty when valid).
    pub issues: Vec<Issue>,
}

/// Parses an Organizations ARN of `options.edition` (default `'current'`, whose resource policy
/// and responsibility transfer forms the original edition lacks) and returns the result as
/// data (never throws for a bad value; a bad option is INVALID_ARGUMENT).
#[napi(ts_args_type = "value: unknown, options?: EditionOptions")]
pub fn inspect_arn(
    value: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> napi::Result<ArnCheck, &'static str> {
    crate::error::shielded(|| {
        let edition = crate::edition::edition_option(options.as_ref())?;
        Ok(inspect(&value, edition))
    })
}

fn inspect(value: &Unknown<'_>, edition: orgkit::Edition) -> ArnCheck {
    let parsed = text_of(value)
        .map_err(|issue| vec![issue])
        .and_then(|text| orgkit::Arn::parse_in(edition, &text).map_err(|err| err.issues_at("")));
    match parsed {
        Ok(arn) => ArnCheck {
            valid: true,
            arn: Some(ArnParts::from(&arn)),
            issues: Vec::new(),
        },
        Err(issues) => ArnCheck {
            valid: false,
            arn: None,
            issues: issues.into_iter().map(Issue::from).collect(),
        },
    }
}
