//! The one error catalogue of orgkit.
//!
//! Every binding reports problems with the codes listed here, so a Python test suite, a CDK app and
//! a web form can all branch on the same strings. The codes are the model's
//! `InvalidInputException` reasons plus two of our own (`UNKNOWN_PARAMETER`, `INVALID_TYPE`) for
//! what AWS rejects at the protocol level.

use std::fmt;

/// A stable, machine-readable validation code.
///
/// The string form (`as_str`) never changes once released; new codes may be added.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ErrorCode {
    /// A required member is missing.
    InputRequired,
    /// A value does not match the pattern of its shape.
    InvalidPattern,
    /// A policy target ID does not match the pattern of a root, OU or account ID.
    InvalidPatternTargetId,
    /// A value is not one of the enumeration's members.
    InvalidEnum,
    /// A list member is not valid.
    InvalidListMember,
    /// A string is shorter than its shape's minimum length.
    MinLengthExceeded,
    /// A string is longer than its shape's maximum length.
    MaxLengthExceeded,
    /// A number is below its shape's minimum.
    MinValueExceeded,
    /// A number is above its shape's maximum.
    MaxValueExceeded,
    /// The invitation target's ID does not fit its party type (ACCOUNT needs an account ID,
    /// EMAIL an email address).
    InvalidPartyTypeTarget,
    /// An organization ARN is not well formed.
    InvalidSyntaxOrganizationArn,
    /// A policy ID is not well formed.
    InvalidSyntaxPolicyId,
    /// A pagination token is not one this service issued for this request.
    InvalidNextToken,
    /// More than one filter was given where only one is allowed (a handshake filter with both
    /// `ActionType` and `ParentHandshakeId`).
    MaxLimitExceededFilter,
    /// A member that the shape does not define (orgkit's own code; AWS rejects these at the
    /// protocol level).
    UnknownParameter,
    /// A value of the wrong JSON type, or text that is not valid Unicode (orgkit's own code).
    InvalidType,
    /// Validation stopped at [`crate::validate::MAX_ISSUES`] issues; the rest of the request
    /// was not checked (orgkit's own code, always the last issue).
    TooManyIssues,
}

impl ErrorCode {
    /// Every code, in catalogue order. Bindings export this list and test it against their own.
    pub const ALL: &'static [ErrorCode] = &[
        ErrorCode::InputRequired,
        ErrorCode::InvalidPattern,
        ErrorCode::InvalidPatternTargetId,
        ErrorCode::InvalidEnum,
        ErrorCode::InvalidListMember,
        ErrorCode::MinLengthExceeded,
        ErrorCode::MaxLengthExceeded,
        ErrorCode::MinValueExceeded,
        ErrorCode::MaxValueExceeded,
        ErrorCode::InvalidPartyTypeTarget,
        ErrorCode::InvalidSyntaxOrganizationArn,
        ErrorCode::InvalidSyntaxPolicyId,
        ErrorCode::InvalidNextToken,
        ErrorCode::MaxLimitExceededFilter,
        ErrorCode::UnknownParameter,
        ErrorCode::InvalidType,
        ErrorCode::TooManyIssues,
    ];

    /// The stable wire name, e.g. `"INVALID_PATTERN"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InputRequired => "INPUT_REQUIRED",
            ErrorCode::InvalidPattern => "INVALID_PATTERN",
            ErrorCode::InvalidPatternTargetId => "INVALID_PATTERN_TARGET_ID",
            ErrorCode::InvalidEnum => "INVALID_ENUM",
            ErrorCode::InvalidListMember => "INVALID_LIST_MEMBER",
            ErrorCode::MinLengthExceeded => "MIN_LENGTH_EXCEEDED",
            ErrorCode::MaxLengthExceeded => "MAX_LENGTH_EXCEEDED",
            ErrorCode::MinValueExceeded => "MIN_VALUE_EXCEEDED",
            ErrorCode::MaxValueExceeded => "MAX_VALUE_EXCEEDED",
            ErrorCode::InvalidPartyTypeTarget => "INVALID_PARTY_TYPE_TARGET",
            ErrorCode::InvalidSyntaxOrganizationArn => "INVALID_SYNTAX_ORGANIZATION_ARN",
            ErrorCode::InvalidSyntaxPolicyId => "INVALID_SYNTAX_POLICY_ID",
            ErrorCode::InvalidNextToken => "INVALID_NEXT_TOKEN",
            ErrorCode::MaxLimitExceededFilter => "MAX_LIMIT_EXCEEDED_FILTER",
            ErrorCode::UnknownParameter => "UNKNOWN_PARAMETER",
            ErrorCode::InvalidType => "INVALID_TYPE",
            ErrorCode::TooManyIssues => "TOO_MANY_ISSUES",
        }
    }

    /// Looks a code up by its wire name.
    pub fn from_name(name: &str) -> Option<ErrorCode> {
        Self::ALL.iter().copied().find(|code| code.as_str() == name)
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The code of a failure that is orgkit's own bug: a panic that a binding caught at its
/// boundary and turned into an ordinary error (Python `orgkit.InternalError`, Node and WASM
/// `OrgkitInternalError`) instead of aborting the host or leaving an instance unusable.
pub const INTERNAL_ERROR: &str = "INTERNAL_ERROR";

/// The code of a call whose arguments are of the wrong kind (a number where a name is
/// expected, a string where a list is), in every binding.
pub const INVALID_ARGUMENT: &str = "INVALID_ARGUMENT";

/// The code of a batch check given more than [`crate::ids::MAX_BATCH_VALUES`] values.
pub const TOO_MANY_VALUES: &str = "TOO_MANY_VALUES";

/// The codes of failed calls (not of issues), as every binding exports them.
pub const CALL_ERROR_CODES: &[&str] = &[INVALID_ARGUMENT, TOO_MANY_VALUES, INTERNAL_ERROR];

/// The message of an [`INTERNAL_ERROR`] for a caught panic's payload.
pub fn internal_error_message(payload: &(dyn std::any::Any + Send)) -> String {
    let detail = payload
        .downcast_ref::<&str>()
        .map(|text| (*text).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".to_owned());
    format!("orgkit failed internally (a bug; please report it): {detail}")
}

/// One problem found in a value or a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// Where the problem is, boto3 style (`Target.Id`, `States[2]`); empty for a standalone value.
    pub path: String,
    /// The catalogue code.
    pub code: ErrorCode,
    /// An AWS-style human-readable explanation, naming the rule that failed and where.
    pub message: String,
}

impl Issue {
    /// A value of the wrong type, e.g. a number where text is expected (`INVALID_TYPE`).
    pub fn wrong_type(path: &str, expected: &str, found: &str) -> Issue {
        Issue {
            path: path.to_owned(),
            code: ErrorCode::InvalidType,
            message: format!("Expected {expected}, got {found}"),
        }
    }

    /// Text that is not valid Unicode, e.g. a Python string holding a lone surrogate
    /// (`INVALID_TYPE`).
    pub fn not_unicode(path: &str) -> Issue {
        Issue {
            path: path.to_owned(),
            code: ErrorCode::InvalidType,
            message: "Expected text, got a string that is not valid Unicode (lone surrogate)"
                .to_owned(),
        }
    }
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}: {}", self.code, self.message)
        } else {
            write!(f, "{} at {}: {}", self.code, self.path, self.message)
        }
    }
}

/// Every problem found in one value or request (never empty).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", summarize(.issues))]
pub struct ValidationError {
    /// The problems, in the order they were found.
    pub issues: Vec<Issue>,
}

fn summarize(issues: &[Issue]) -> String {
    match issues {
        [] => "validation failed".to_owned(),
        [only] => only.to_string(),
        [first, rest @ ..] => format!("{first} (and {} more)", rest.len()),
    }
}

impl From<Issue> for ValidationError {
    fn from(issue: Issue) -> ValidationError {
        ValidationError {
            issues: vec![issue],
        }
    }
}

/// A name that is not one of a fixed set (a value kind, a handshake event, …); the message
/// lists the valid names.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown {what} {name:?}; expected one of: {}{}",
    known.join(", "),
    note.as_ref().map(|note| format!(" ({note})")).unwrap_or_default()
)]
pub struct UnknownName {
    /// What was looked up, e.g. `kind`.
    pub what: &'static str,
    /// The name asked for.
    pub name: String,
    /// The valid names.
    pub known: Vec<&'static str>,
    /// Why the name is not valid here, when that says more than the list (a value kind of
    /// another edition).
    pub note: Option<String>,
}

/// A service or operation name that the edition asked for does not have.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LookupError {
    /// No such service.
    #[error("unknown service {name:?}; expected one of: {}", known.join(", "))]
    UnknownService {
        /// The name asked for.
        name: String,
        /// The services there are.
        known: Vec<&'static str>,
    },
    /// No such operation in the service, in the edition asked for.
    #[error(
        "unknown operation {name:?} of {service} in {}{}; expected one of: {}",
        edition.description(),
        if *in_other_edition { " (the other edition has it)" } else { "" },
        known.join(", ")
    )]
    UnknownOperation {
        /// The service.
        service: &'static str,
        /// The edition that was searched.
        edition: crate::Edition,
        /// Whether the other edition has an operation of that name.
        in_other_edition: bool,
        /// The name asked for.
        name: String,
        /// The operations there are (model names; boto3's snake_case names work too).
        known: Vec<&'static str>,
    },
}

/// The error type of orgkit's fallible operations.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// A value or request broke one or more constraints.
    #[error(transparent)]
    Validation(#[from] ValidationError),
    /// A service or operation name is not known.
    #[error(transparent)]
    Lookup(#[from] LookupError),
    /// A response body does not fit its operation's model.
    #[cfg(feature = "response-tables")]
    #[error(transparent)]
    MalformedResponse(#[from] crate::response::MalformedResponse),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for code in ErrorCode::ALL {
            assert_eq!(ErrorCode::from_name(code.as_str()), Some(*code));
            assert!(seen.insert(code.as_str()));
        }
        assert_eq!(ErrorCode::from_name("NOPE"), None);
    }

    #[test]
    fn summary_counts_the_rest() {
        let issue = Issue {
            path: "Email".into(),
            code: ErrorCode::InvalidPattern,
            message: "bad".into(),
        };
        let err = ValidationError {
            issues: vec![issue.clone(), issue],
        };
        assert_eq!(
            err.to_string(),
            "INVALID_PATTERN at Email: bad (and 1 more)"
        );
    }
}
