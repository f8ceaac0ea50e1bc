//! Mirrors `orgkit::error`: issues as plain objects and the exported catalogue.

use napi_derive::napi;

/// One problem found in a value or a request.
#[napi(object)]
pub struct Issue {
    /// Where the problem is, boto3 style (`Target.Id`); empty for a standalone value.
    pub path: String,
    /// The catalogue code, e.g. `INVALID_PATTERN`.
    pub code: String,
    /// An AWS-style explanation naming the rule that failed and where.
    pub message: String,
}

impl From<orgkit::Issue> for Issue {
    fn from(issue: orgkit::Issue) -> Issue {
        Issue {
            path: issue.path,
            code: issue.code.as_str().to_owned(),
            message: issue.message,
        }
    }
}

/// Every error code of the core catalogue, in order.
#[napi]
pub fn error_codes() -> Vec<&'static str> {
    orgkit::ErrorCode::ALL
        .iter()
        .map(|code| code.as_str())
        .collect()
}
