//! Mirrors `orgkit::policy`: `checkScp`, `evaluateScps` and the SCP issue codes. Documents,
//! levels, options and the context are read in place through `NodeInput` by the core's
//! `policy::input` functions; results cross as data (issues as objects, the decision as JSON
//! text) and `orgkit.js` turns them into the public API.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use orgkit::policy::{self, PolicyIssue, ScpInputError, ScpRules};
use orgkit::validate::{InputKind, RequestInput};

use crate::error::{argument, shielded, Issue};
use crate::validate::NodeInput;

impl From<&PolicyIssue> for Issue {
    fn from(issue: &PolicyIssue) -> Issue {
        Issue {
            path: issue.path.clone(),
            code: issue.code.as_str().to_owned(),
            message: issue.message.clone(),
        }
    }
}

/// The result of evaluating SCPs: the decision, or the issues of the documents.
#[napi(object)]
pub struct ScpEvaluation {
    /// Whether every document was valid (then `decision` holds the answer).
    pub valid: bool,
    /// The documents' issues (paths start with `levels[i]`), when not valid.
    pub issues: Vec<Issue>,
    /// The decision as JSON text (`allowed`, `deniedBy`, `missingAllowAt`, `exempt`,
    /// `levels`, `explanation`), when valid.
    pub decision: String,
}

/// An argument error for the core's refusal of a host value.
pub(crate) fn input_error(error: ScpInputError) -> Error<&'static str> {
    match error {
        ScpInputError::Argument { code, message } => Error::new(code, message),
        other => argument(other.to_string()),
    }
}

/// A text member of an options object (`None` when the options or the member are absent).
pub(crate) fn option_text(
    options: Option<&NodeInput>,
    key: &str,
) -> std::result::Result<Option<String>, Error<&'static str>> {
    let Some(options) = options.filter(|options| !options.is_undefined()) else {
        return Ok(None);
    };
    match options.kind() {
        InputKind::Map(_) => {}
        InputKind::Null => return Ok(None),
        other => {
            return Err(argument(format!(
                "options must be an object, not {}",
                other.type_name()
            )))
        }
    }
    let Some(member) = options.member(key) else {
        return Ok(None);
    };
    match member.kind() {
        InputKind::Text(text) => Ok(Some(text.into_owned())),
        InputKind::Null => Ok(None),
        other => Err(argument(format!(
            "options.{key} must be a string, not {}",
            other.type_name()
        ))),
    }
}

fn edition(options: Option<&NodeInput>) -> std::result::Result<ScpRules, Error<&'static str>> {
    match option_text(options, "edition")? {
        None => Ok(ScpRules::Current),
        Some(name) => ScpRules::from_name(&name).ok_or_else(|| {
            argument(format!(
                "options.edition must be 'current' or 'original', not {name:?}"
            ))
        }),
    }
}

/// The request of `evaluateScps` / `simulate`: `action`, and `resource`, `context`,
/// `principal` from the options.
pub(crate) fn request(
    action: &Unknown<'_>,
    options: Option<&NodeInput>,
) -> std::result::Result<policy::Request, Error<&'static str>> {
    let action = crate::ids::name_argument("action", action)?;
    let resource = option_text(options, "resource")?.unwrap_or_else(|| "*".to_owned());
    let principal = option_text(options, "principal")?.unwrap_or_else(|| "user".to_owned());
    let context = options
        .filter(|options| matches!(options.kind(), InputKind::Map(_)))
        .and_then(|options| options.member("context"));
    policy::request_from_input(&action, &resource, context.as_ref(), &principal)
        .map_err(input_error)
}

/// Checks a service control policy (JSON text or an object) under an edition's rules
/// (`options.edition`: `current`, the default, or `original`); every issue, empty when valid.
#[napi(ts_args_type = "document: unknown, options?: unknown")]
pub fn check_scp(
    document: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> Result<Vec<Issue>, &'static str> {
    shielded(|| {
        let options = options.as_ref().map(NodeInput::of);
        let rules = edition(options.as_ref())?;
        let issues =
            policy::check_scp_input(&NodeInput::of(&document), rules).map_err(input_error)?;
        Ok(issues.iter().map(Issue::from).collect())
    })
}

/// Evaluates a request against the SCPs of `levels` (root first): `options` holds
/// `resource`, `context`, `principal` and `edition`.
#[napi(ts_args_type = "levels: unknown, action: string, options?: unknown")]
pub fn evaluate_scps(
    levels: Unknown<'_>,
    action: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> Result<ScpEvaluation, &'static str> {
    shielded(|| {
        let options = options.as_ref().map(NodeInput::of);
        let rules = edition(options.as_ref())?;
        let request = request(&action, options.as_ref())?;
        match policy::levels_from_input(&NodeInput::of(&levels), rules) {
            Ok(levels) => Ok(ScpEvaluation {
                valid: true,
                issues: Vec::new(),
                decision: policy::evaluate(&levels, &request).to_json().to_string(),
            }),
            Err(ScpInputError::InvalidPolicies(issues)) => Ok(ScpEvaluation {
                valid: false,
                issues: issues.iter().map(Issue::from).collect(),
                decision: String::new(),
            }),
            Err(other) => Err(input_error(other)),
        }
    })
}

/// Every SCP issue code, in the core's order.
#[napi]
pub fn scp_issue_codes() -> Vec<&'static str> {
    policy::PolicyIssueCode::ALL
        .iter()
        .map(|code| code.as_str())
        .collect()
}
