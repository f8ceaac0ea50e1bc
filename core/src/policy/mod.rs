//! Service control policies (SCPs): checking documents and evaluating them over the tree.
//!
//! The Organizations API takes an SCP as text (`CreatePolicy`/`UpdatePolicy` `Content`) and
//! the model says only "1 to 1,000,000 characters"; what AWS actually accepts is the IAM
//! policy grammar as the SCP pages restrict it. This module checks a document the way AWS
//! would, reporting every issue with its path (`Statement[1].Effect`), a stable
//! [`PolicyIssueCode`] and a message, and evaluates checked policies for a request
//! ([`evaluate`]) with an explanation of the outcome.
//!
//! ```
//! use orgkit::policy::{self, AttachedPolicy, Level, Request, ScpRules};
//!
//! let full = policy::parse_scp(
//!     r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}"#,
//!     ScpRules::Current,
//! )
//! .unwrap();
//! let deny_s3 = policy::parse_scp(
//!     r#"{"Version":"2012-10-17","Statement":[{"Sid":"NoS3","Effect":"Deny","Action":"s3:*","Resource":"*"}]}"#,
//!     ScpRules::Current,
//! )
//! .unwrap();
//! let levels = [
//!     Level { target: "r-abcd".into(), policies: vec![AttachedPolicy { policy_id: "p-FullAWSAccess".into(), document: full.clone() }] },
//!     Level { target: "111111111111".into(), policies: vec![
//!         AttachedPolicy { policy_id: "p-FullAWSAccess".into(), document: full },
//!         AttachedPolicy { policy_id: "p-nos3xxxxx".into(), document: deny_s3 },
//!     ] },
//! ];
//! let decision = policy::evaluate(&levels, &Request::new("S3:GetObject", "arn:aws:s3:::bucket/key"));
//! assert!(!decision.allowed);
//! assert_eq!(decision.denied_by.as_ref().unwrap().sid.as_deref(), Some("NoS3"));
//! assert!(decision.explain().contains("p-nos3xxxxx"));
//!
//! let issues = policy::check_scp(r#"{"Version":"2012-10-17","Statement":[{"Effect":"allow"}]}"#, ScpRules::Current);
//! let found: Vec<(&str, &str)> = issues.iter().map(|i| (i.path.as_str(), i.code.as_str())).collect();
//! assert_eq!(found, [
//!     ("Statement[0].Effect", "INVALID_EFFECT"),
//!     ("Statement[0].Action", "MISSING_ELEMENT"),
//!     ("Statement[0].Resource", "MISSING_ELEMENT"),
//! ]);
//! ```
//!
//! # Two editions of the rules
//! Which elements an SCP may use changed over time. [`ScpRules::Original`] is the SCP syntax
//! as documented when the 2016-11-28 API was released (2017); [`ScpRules::Current`] (the
//! default) is today's SCP syntax page. The original text is no longer on the English page;
//! it survives, with the same element table, in the localized copies of the same URL
//! (ja_jp, zh_cn, ko_kr under `orgs_manage_policies_scps_syntax.html` and the older
//! `orgs_reference_scp-syntax.html`), whose element summary marks Condition, NotAction and
//! Resource as "Deny" only and lists no NotResource.
//!
//! | rule | Original | Current | source |
//! |---|---|---|---|
//! | `Version` required, exactly `"2012-10-17"` (`"2008-10-17"` is an IAM version, not an SCP one) | yes | yes | SCP syntax, "Version element" |
//! | `Statement`: an object or a non-empty list | yes | yes | SCP syntax, "Statement element" |
//! | `Sid`: optional, ASCII letters and digits, unique in the policy | yes | yes | IAM "Sid" page |
//! | `Effect`: `"Allow"` or `"Deny"` | yes | yes | SCP syntax, "Effect element" |
//! | exactly one of `Action`/`NotAction`, strings `*` or `service:action` | yes | yes | SCP syntax, "Action and NotAction elements" |
//! | a `*` in an action only alone or at the end (`ec2:Describe*`, not `ec2:*Instances`) | yes | no (`*` at the beginning or in the middle allowed) | original: SCP syntax, note under "Action and NotAction elements"; current: AWS Security Blog, "service control policy now supports full IAM language" |
//! | `NotAction` in `Allow` statements | no | yes | element summary table |
//! | exactly one of `Resource`/`NotResource`, `*` or ARNs | yes | yes | SCP syntax, "Resource and NotResource elements"; IAM "Resource" page |
//! | `Resource` other than `"*"` in `Allow` statements | no | yes | element summary table (original: Resource "Deny") |
//! | `NotResource` | no | yes (both effects) | element summary table |
//! | `Condition` in `Allow` statements | no | yes | element summary table |
//! | `Principal`, `NotPrincipal`, `Id` | no | no | SCP syntax, "Unsupported elements" / element summary |
//! | condition operators, `…IfExists`, `ForAllValues:`/`ForAnyValue:`, `Null` | yes | yes | IAM condition operators page |
//!
//! Pages: SCP syntax
//! <https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_syntax.html>;
//! IAM Sid <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html>;
//! IAM condition operators
//! <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html>;
//! quotas <https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html>;
//! full IAM language for SCPs (2025: wildcards at the beginning or middle of actions)
//! <https://aws.amazon.com/blogs/security/unlock-new-possibilities-aws-organizations-service-control-policy-now-supports-full-iam-language>.
//!
//! # Size
//! An SCP may have at most [`MAX_SCP_CHARS`] (5,120) characters. The quotas page gives the
//! limit in characters, and the SCP syntax page says "all characters in your SCP count
//! against its maximum size", suggesting to delete whitespace outside quotation marks when
//! close to it; AWS's knowledge-center article on SCP size says the limit "includes any
//! extra spaces or line breaks". So orgkit counts **every character of the document as
//! given, whitespace included**, as Unicode scalar values (not UTF-8 bytes, not UTF-16
//! units). The console minifies before saving, the SDKs and CLI do not; the
//! `DOCUMENT_TOO_LARGE` message says whether the minified document would fit.
//!
//! # Other decisions
//! - Element names, `Effect` values and operator names are case-sensitive; condition keys
//!   are not (matched case-insensitively in evaluation).
//! - A repeated key anywhere is `DUPLICATE_KEY`; the first occurrence is the one checked.
//! - An empty `Sid` (`""`) is accepted and not counted for uniqueness.
//! - A `?` wildcard may appear anywhere in an action name; a `*` anywhere under the current
//!   rules, only at its end under the original ones.
//! - Issues stop at [`crate::validate::MAX_ISSUES`], followed by one `TOO_MANY_ISSUES`, as
//!   in request validation; nesting stops at [`MAX_DEPTH`] levels. No input panics.

mod check;
mod document;
mod evaluate;
mod grammar;
mod input;
mod matching;

use std::fmt;

pub use document::MAX_DEPTH;
pub use evaluate::{
    allows, evaluate, AttachedPolicy, Decision, DenyingStatement, Exemption, Level, LevelOutcome,
    MatchedStatement, MissingAllow, PrincipalKind, Request,
};
pub use grammar::{
    BaseOperator, Condition, ConditionOperator, Effect, PatternList, Policy, SetQualifier,
    Statement,
};
pub use input::{
    check_scp_input, evaluate_input, is_request_action, levels_from_input, request_from_input,
    ScpInputError, MAX_WRITTEN_DOCUMENT,
};
pub use matching::{action_matches, resource_matches, wildcard_match};

/// The most characters an SCP may have (every character counts, whitespace included).
pub const MAX_SCP_CHARS: usize = 5120;

/// Which edition of the SCP syntax rules a check applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ScpRules {
    /// The rules as documented when the 2016-11-28 API was released (2017): `Condition`,
    /// `NotAction` and a `Resource` other than `"*"` only in `Deny` statements, no
    /// `NotResource`, and a `*` in an action only at the end of its name.
    Original,
    /// Today's rules: every supported element in both `Allow` and `Deny` statements.
    #[default]
    Current,
}

impl ScpRules {
    /// Both editions, oldest first.
    pub const ALL: &'static [ScpRules] = &[ScpRules::Original, ScpRules::Current];

    /// The stable name (`"original"`, `"current"`), as the test vectors spell it.
    pub const fn as_str(self) -> &'static str {
        match self {
            ScpRules::Original => "original",
            ScpRules::Current => "current",
        }
    }

    /// Looks an edition up by its name.
    pub fn from_name(name: &str) -> Option<ScpRules> {
        Self::ALL.iter().copied().find(|r| r.as_str() == name)
    }
}

/// A stable, machine-readable code of an SCP document issue (a separate list from the
/// request-validation [`crate::ErrorCode`]; `tests/vectors/catalogue.json` lists both).
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PolicyIssueCode {
    /// The document is not valid UTF-8.
    NotUtf8,
    /// The document is not valid JSON (or holds more than one value).
    InvalidJson,
    /// Lists and objects nest deeper than [`MAX_DEPTH`].
    TooDeep,
    /// The document is JSON but not an object.
    NotAnObject,
    /// A key appears twice in one object.
    DuplicateKey,
    /// The document has more than [`MAX_SCP_CHARS`] characters.
    DocumentTooLarge,
    /// A required element is missing (`Version`, `Statement`, `Effect`, `Action`/`NotAction`,
    /// `Resource`/`NotResource`).
    MissingElement,
    /// A key that is no element of the grammar at that place (element names are
    /// case-sensitive).
    UnknownElement,
    /// An element of the IAM grammar that SCPs do not support (`Principal`, `NotPrincipal`,
    /// `Id`; `NotResource` under the original rules).
    UnsupportedElement,
    /// An element the original rules allow only in `Deny` statements, used in an `Allow`.
    DenyOnlyElement,
    /// Both `Action` and `NotAction`, or both `Resource` and `NotResource`.
    ConflictingElements,
    /// An element's value has the wrong JSON type.
    InvalidType,
    /// An empty list where at least one value is needed.
    EmptyValue,
    /// `Version` is not `"2012-10-17"`.
    InvalidVersion,
    /// `Effect` is not `"Allow"` or `"Deny"`.
    InvalidEffect,
    /// `Sid` has a character other than ASCII letters and digits.
    InvalidSid,
    /// Two statements share a `Sid`.
    DuplicateSid,
    /// An action is not `*` or `service:action`.
    InvalidAction,
    /// A `*` that starts or splits an action name (original rules only: they allow it only
    /// at the end; the current rules allow it anywhere in the action name).
    InvalidActionWildcard,
    /// A resource is not `*` or an ARN.
    InvalidResource,
    /// A `Condition` operator that does not exist.
    UnknownConditionOperator,
    /// A condition value of the wrong kind for its operator (or an empty key).
    InvalidConditionValue,
    /// The check stopped at [`crate::validate::MAX_ISSUES`] issues (always the last issue).
    TooManyIssues,
}

impl PolicyIssueCode {
    /// Every code, in catalogue order.
    pub const ALL: &'static [PolicyIssueCode] = &[
        PolicyIssueCode::NotUtf8,
        PolicyIssueCode::InvalidJson,
        PolicyIssueCode::TooDeep,
        PolicyIssueCode::NotAnObject,
        PolicyIssueCode::DuplicateKey,
        PolicyIssueCode::DocumentTooLarge,
        PolicyIssueCode::MissingElement,
        PolicyIssueCode::UnknownElement,
        PolicyIssueCode::UnsupportedElement,
        PolicyIssueCode::DenyOnlyElement,
        PolicyIssueCode::ConflictingElements,
        PolicyIssueCode::InvalidType,
        PolicyIssueCode::EmptyValue,
        PolicyIssueCode::InvalidVersion,
        PolicyIssueCode::InvalidEffect,
        PolicyIssueCode::InvalidSid,
        PolicyIssueCode::DuplicateSid,
        PolicyIssueCode::InvalidAction,
        PolicyIssueCode::InvalidActionWildcard,
        PolicyIssueCode::InvalidResource,
        PolicyIssueCode::UnknownConditionOperator,
        PolicyIssueCode::InvalidConditionValue,
        PolicyIssueCode::TooManyIssues,
    ];

    /// The stable wire name, e.g. `"DUPLICATE_KEY"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            PolicyIssueCode::NotUtf8 => "NOT_UTF8",
            PolicyIssueCode::InvalidJson => "INVALID_JSON",
            PolicyIssueCode::TooDeep => "TOO_DEEP",
            PolicyIssueCode::NotAnObject => "NOT_AN_OBJECT",
            PolicyIssueCode::DuplicateKey => "DUPLICATE_KEY",
            PolicyIssueCode::DocumentTooLarge => "DOCUMENT_TOO_LARGE",
            PolicyIssueCode::MissingElement => "MISSING_ELEMENT",
            PolicyIssueCode::UnknownElement => "UNKNOWN_ELEMENT",
            PolicyIssueCode::UnsupportedElement => "UNSUPPORTED_ELEMENT",
            PolicyIssueCode::DenyOnlyElement => "DENY_ONLY_ELEMENT",
            PolicyIssueCode::ConflictingElements => "CONFLICTING_ELEMENTS",
            PolicyIssueCode::InvalidType => "INVALID_TYPE",
            PolicyIssueCode::EmptyValue => "EMPTY_VALUE",
            PolicyIssueCode::InvalidVersion => "INVALID_VERSION",
            PolicyIssueCode::InvalidEffect => "INVALID_EFFECT",
            PolicyIssueCode::InvalidSid => "INVALID_SID",
            PolicyIssueCode::DuplicateSid => "DUPLICATE_SID",
            PolicyIssueCode::InvalidAction => "INVALID_ACTION",
            PolicyIssueCode::InvalidActionWildcard => "INVALID_ACTION_WILDCARD",
            PolicyIssueCode::InvalidResource => "INVALID_RESOURCE",
            PolicyIssueCode::UnknownConditionOperator => "UNKNOWN_CONDITION_OPERATOR",
            PolicyIssueCode::InvalidConditionValue => "INVALID_CONDITION_VALUE",
            PolicyIssueCode::TooManyIssues => "TOO_MANY_ISSUES",
        }
    }

    /// Looks a code up by its wire name.
    pub fn from_name(name: &str) -> Option<PolicyIssueCode> {
        Self::ALL.iter().copied().find(|code| code.as_str() == name)
    }
}

impl fmt::Display for PolicyIssueCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem found in an SCP document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyIssue {
    /// Where, inside the document: `Statement[1].Effect`, `Statement.Action[0]`,
    /// `Statement[0].Condition.StringEquals.aws:PrincipalTag/team`; empty for the whole
    /// document.
    pub path: String,
    /// The code.
    pub code: PolicyIssueCode,
    /// A human-readable explanation.
    pub message: String,
}

impl fmt::Display for PolicyIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}: {}", self.code, self.message)
        } else {
            write!(f, "{} at {}: {}", self.code, self.path, self.message)
        }
    }
}

/// Checks an SCP document (text or raw bytes) under `rules`; empty when it is valid.
pub fn check_scp(document: impl AsRef<[u8]>, rules: ScpRules) -> Vec<PolicyIssue> {
    check::check(document.as_ref(), rules).1
}

/// Checks an SCP document and returns the parsed policy, or every issue.
pub fn parse_scp(document: impl AsRef<[u8]>, rules: ScpRules) -> Result<Policy, Vec<PolicyIssue>> {
    match check::check(document.as_ref(), rules) {
        (Some(policy), issues) if issues.is_empty() => Ok(policy),
        (_, issues) => Err(issues),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for code in PolicyIssueCode::ALL {
            assert_eq!(PolicyIssueCode::from_name(code.as_str()), Some(*code));
        }
        for rules in ScpRules::ALL {
            assert_eq!(ScpRules::from_name(rules.as_str()), Some(*rules));
        }
        assert_eq!(ScpRules::default(), ScpRules::Current);
    }
}
