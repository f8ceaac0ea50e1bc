//! SCP questions as the bindings receive them: documents, levels, a request context and a
//! principal given as host values (a Python dict, a JS object) read through
//! [`RequestInput`], so that Python, Node and WASM accept the same shapes and report the same
//! errors without a reader of their own.
//!
//! Shapes accepted:
//! - a **document** is JSON text, or a map (a dict / object) that is written out as JSON and
//!   then checked like text;
//! - **levels** is a list, root first and account last; each level is a document, a list of
//!   documents, or a map `{"target": "ou-…", "policies": [...]}` whose policies are documents
//!   or maps `{"policy_id": "p-…", "document": ...}` (`policyId` is accepted too). Targets
//!   default to `root`, `OU 1`, `OU 2`, …, `account`; policy IDs to `#1`, `#2`, … per level;
//! - a **context** maps condition keys to a string, a list of strings, a boolean or a number
//!   (IAM compares every context value as text); a null value leaves the key out;
//! - a **principal** is one of [`PrincipalKind`]'s names.

use std::collections::BTreeMap;
use std::fmt;

use super::evaluate::{evaluate, AttachedPolicy, Decision, Level, PrincipalKind, Request};
use super::{check, PolicyIssue, PolicyIssueCode, ScpRules, MAX_DEPTH};
use crate::error::{INVALID_ARGUMENT, TOO_MANY_VALUES};
use crate::ids::MAX_BATCH_VALUES;
use crate::validate::{InputKind, RequestInput, MAX_ISSUES};

/// The most characters a document given as a map is written out to before checking stops
/// (far above [`super::MAX_SCP_CHARS`], so the size issue still reports a real count).
pub const MAX_WRITTEN_DOCUMENT: usize = 1 << 20;

/// Why an SCP question given as host values could not be answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScpInputError {
    /// An argument of the wrong kind or size; `code` is INVALID_ARGUMENT or TOO_MANY_VALUES.
    Argument {
        /// The call error code.
        code: &'static str,
        /// What was wrong, naming the argument.
        message: String,
    },
    /// Some documents have issues; each issue's path starts with where its document is
    /// (`levels[1].policies[0].Statement[0].Effect`). Nothing was evaluated.
    InvalidPolicies(Vec<PolicyIssue>),
}

impl ScpInputError {
    fn argument(message: impl Into<String>) -> ScpInputError {
        ScpInputError::Argument {
            code: INVALID_ARGUMENT,
            message: message.into(),
        }
    }

    fn too_many(message: impl Into<String>) -> ScpInputError {
        ScpInputError::Argument {
            code: TOO_MANY_VALUES,
            message: message.into(),
        }
    }
}

impl fmt::Display for ScpInputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScpInputError::Argument { code, message } => write!(f, "{code}: {message}"),
            ScpInputError::InvalidPolicies(issues) => {
                write!(f, "{} issue(s) in the policies", issues.len())?;
                for issue in issues {
                    write!(f, "\n  {issue}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for ScpInputError {}

/// The text of a document given as a host value (text as it is, a map written out as
/// JSON), or the issue that stops it from being checked.
fn document_text<I: RequestInput>(
    document: &I,
    what: &str,
) -> Result<Result<String, PolicyIssue>, ScpInputError> {
    match document.kind() {
        InputKind::Text(text) => Ok(Ok(text.into_owned())),
        InputKind::Map(_) => {
            let mut writer = JsonWriter {
                text: String::new(),
                failure: None,
            };
            writer.value(document, 0, &mut String::new());
            Ok(match writer.failure {
                Some(issue) => Err(issue),
                None => Ok(writer.text),
            })
        }
        other => Err(ScpInputError::argument(format!(
            "{what} must be JSON text or a mapping, not {}",
            other.type_name()
        ))),
    }
}

/// Writes a host map out as compact JSON text, stopping at the first value JSON cannot hold,
/// at [`MAX_DEPTH`] levels of nesting or at [`MAX_WRITTEN_DOCUMENT`] characters.
struct JsonWriter {
    text: String,
    failure: Option<PolicyIssue>,
}

impl JsonWriter {
    fn fail(&mut self, path: &str, code: PolicyIssueCode, message: String) {
        if self.failure.is_none() {
            self.failure = Some(PolicyIssue {
                path: path.to_owned(),
                code,
                message,
            });
        }
    }

    fn string(&mut self, text: &str) {
        match serde_json::to_string(text) {
            Ok(quoted) => self.text.push_str(&quoted),
            Err(_) => self.text.push_str("\"\""),
        }
    }

    fn value<I: RequestInput>(&mut self, value: &I, depth: usize, path: &mut String) {
        if self.failure.is_some() {
            return;
        }
        if self.text.len() > MAX_WRITTEN_DOCUMENT {
            let message = format!(
                "The document has more than {MAX_WRITTEN_DOCUMENT} characters when written as JSON"
            );
            return self.fail("", PolicyIssueCode::DocumentTooLarge, message);
        }
        match value.kind() {
            InputKind::Null => self.text.push_str("null"),
            InputKind::Bool(flag) => self.text.push_str(if flag { "true" } else { "false" }),
            InputKind::Integer(n) => self.text.push_str(&n.to_string()),
            InputKind::Float(x) => match serde_json::Number::from_f64(x) {
                Some(number) => self.text.push_str(&number.to_string()),
                None => self.fail(
                    path,
                    PolicyIssueCode::InvalidType,
                    format!("{x} is not a JSON number"),
                ),
            },
            InputKind::Text(text) => self.string(&text),
            InputKind::Other(found) => self.fail(
                path,
                PolicyIssueCode::InvalidType,
                format!("A {found} cannot be written as JSON"),
            ),
            InputKind::List(_) | InputKind::Map(_) if depth >= MAX_DEPTH => self.fail(
                path,
                PolicyIssueCode::TooDeep,
                format!("The document nests lists and objects more than {MAX_DEPTH} levels deep"),
            ),
            InputKind::List(count) => {
                self.text.push('[');
                for index in 0..count {
                    let Some(item) = value.item(index) else {
                        break;
                    };
                    if index > 0 {
                        self.text.push(',');
                    }
                    let length = path.len();
                    path.push_str(&format!("[{index}]"));
                    self.value(&item, depth + 1, path);
                    path.truncate(length);
                    if self.failure.is_some() {
                        return;
                    }
                }
                self.text.push(']');
            }
            InputKind::Map(_) => {
                self.text.push('{');
                let mut first = true;
                value.for_each_entry(&mut |key, member| {
                    if self.failure.is_some() {
                        return;
                    }
                    let key = match key {
                        Ok(key) => key,
                        Err(found) => {
                            return self.fail(
                                path,
                                PolicyIssueCode::InvalidType,
                                format!("A key of type {found} cannot be written as JSON"),
                            )
                        }
                    };
                    if !first {
                        self.text.push(',');
                    }
                    first = false;
                    self.string(key);
                    self.text.push(':');
                    let length = path.len();
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(key);
                    self.value(&member, depth + 1, path);
                    path.truncate(length);
                });
                self.text.push('}');
            }
        }
    }
}

/// Moves `issues` under `prefix` (`levels[0]`) and appends them to `into`, up to the cap.
fn prefixed(into: &mut Vec<PolicyIssue>, prefix: &str, issues: Vec<PolicyIssue>) {
    for mut issue in issues {
        if into.len() >= MAX_ISSUES {
            return;
        }
        issue.path = if issue.path.is_empty() {
            prefix.to_owned()
        } else {
            format!("{prefix}.{}", issue.path)
        };
        into.push(issue);
    }
}

/// Checks a document given as a host value under `rules`: its issues, empty when it is
/// valid. A document that is neither text nor a map is an argument error.
pub fn check_scp_input<I: RequestInput>(
    document: &I,
    rules: ScpRules,
) -> Result<Vec<PolicyIssue>, ScpInputError> {
    Ok(match document_text(document, "the document")? {
        Ok(text) => check::check(text.as_bytes(), rules).1,
        Err(issue) => vec![issue],
    })
}

/// The length of a list argument, refusing anything but a list and absurd lengths.
fn list_length<I: RequestInput>(value: &I, what: &str) -> Result<usize, ScpInputError> {
    match value.kind() {
        InputKind::List(count) if count > MAX_BATCH_VALUES => Err(ScpInputError::too_many(
            format!("{what} has {count} items, more than the {MAX_BATCH_VALUES} allowed"),
        )),
        InputKind::List(count) => Ok(count),
        other => Err(ScpInputError::argument(format!(
            "{what} must be a list, not {}",
            other.type_name()
        ))),
    }
}

fn optional_text<I: RequestInput>(
    map: &I,
    keys: &[&str],
    what: &str,
) -> Result<Option<String>, ScpInputError> {
    for key in keys {
        if let Some(value) = map.member(key) {
            return match value.kind() {
                InputKind::Text(text) => Ok(Some(text.into_owned())),
                InputKind::Null => Ok(None),
                other => Err(ScpInputError::argument(format!(
                    "{what}.{key} must be a str, not {}",
                    other.type_name()
                ))),
            };
        }
    }
    Ok(None)
}

/// One policy of a level: a document, or `{"policy_id", "document"}`.
struct PolicyReader<'a> {
    rules: ScpRules,
    issues: &'a mut Vec<PolicyIssue>,
}

impl PolicyReader<'_> {
    fn policy<I: RequestInput>(
        &mut self,
        entry: &I,
        path: &str,
        default_id: String,
    ) -> Result<Option<AttachedPolicy>, ScpInputError> {
        let member = entry.member("document");
        let (policy_id, document, document_path) = match &member {
            Some(document) => {
                let id = optional_text(entry, &["policy_id", "policyId"], path)?;
                (
                    id.unwrap_or(default_id),
                    document,
                    format!("{path}.document"),
                )
            }
            None => (default_id, entry, path.to_owned()),
        };
        let text = match document_text(document, &document_path)? {
            Ok(text) => text,
            Err(issue) => {
                prefixed(self.issues, &document_path, vec![issue]);
                return Ok(None);
            }
        };
        match check::check(text.as_bytes(), self.rules) {
            (Some(policy), issues) if issues.is_empty() => Ok(Some(AttachedPolicy {
                policy_id,
                document: policy,
            })),
            (_, issues) => {
                prefixed(self.issues, &document_path, issues);
                Ok(None)
            }
        }
    }
}

/// Reads `levels` (root first) and checks every document under `rules`.
pub fn levels_from_input<I: RequestInput>(
    levels: &I,
    rules: ScpRules,
) -> Result<Vec<Level>, ScpInputError> {
    let count = list_length(levels, "levels")?;
    let mut issues = Vec::new();
    let mut read = Vec::with_capacity(count.min(64));
    let mut reader = PolicyReader {
        rules,
        issues: &mut issues,
    };
    let mut stopped = false;
    for index in 0..count {
        if reader.issues.len() >= MAX_ISSUES {
            stopped = index < count;
            break;
        }
        let Some(level) = levels.item(index) else {
            break;
        };
        let default_target = match index {
            0 => "root".to_owned(),
            _ if index + 1 == count => "account".to_owned(),
            _ => format!("OU {index}"),
        };
        let path = format!("levels[{index}]");
        let (target, policies_value, policies_path) = match level.kind() {
            InputKind::Map(_) if level.member("policies").is_some() => {
                let target = optional_text(&level, &["target"], &path)?;
                let Some(policies) = level.member("policies") else {
                    continue;
                };
                (
                    target.unwrap_or(default_target),
                    Some(policies),
                    format!("{path}.policies"),
                )
            }
            InputKind::List(_) => (default_target, None, path.clone()),
            _ => {
                let attached = reader.policy(&level, &path, "#1".to_owned())?;
                read.push(Level {
                    target: default_target,
                    policies: attached.into_iter().collect(),
                });
                continue;
            }
        };
        let list = match &policies_value {
            Some(policies) => policies,
            None => &level,
        };
        let policy_count = list_length(list, &policies_path)?;
        let mut policies = Vec::with_capacity(policy_count.min(64));
        for position in 0..policy_count {
            if reader.issues.len() >= MAX_ISSUES {
                stopped = true;
                break;
            }
            let Some(entry) = list.item(position) else {
                break;
            };
            let entry_path = format!("{policies_path}[{position}]");
            if let Some(attached) =
                reader.policy(&entry, &entry_path, format!("#{}", position + 1))?
            {
                policies.push(attached);
            }
        }
        read.push(Level { target, policies });
    }
    if stopped {
        issues.push(PolicyIssue {
            path: String::new(),
            code: PolicyIssueCode::TooManyIssues,
            message: format!(
                "The check stopped after {MAX_ISSUES} issues; the remaining policies were not checked"
            ),
        });
    }
    if issues.is_empty() {
        Ok(read)
    } else {
        Err(ScpInputError::InvalidPolicies(issues))
    }
}

/// Whether `action` can be a request's action: `*` or `service:action`, both parts non-empty.
pub fn is_request_action(action: &str) -> bool {
    action == "*"
        || action
            .split_once(':')
            .is_some_and(|(service, name)| !service.is_empty() && !name.is_empty())
}

/// Builds a request from its parts: `action` must be `*` or `service:action`; `context`
/// (optional) maps condition keys to values; `principal` is a [`PrincipalKind`] name.
pub fn request_from_input<I: RequestInput>(
    action: &str,
    resource: &str,
    context: Option<&I>,
    principal: &str,
) -> Result<Request, ScpInputError> {
    if !is_request_action(action) {
        return Err(ScpInputError::argument(format!(
            "action must be service:Action (e.g. s3:GetObject), not {action:?}"
        )));
    }
    if resource.is_empty() {
        return Err(ScpInputError::argument(
            "resource must be an ARN or \"*\", not empty",
        ));
    }
    let principal = PrincipalKind::from_name(principal).ok_or_else(|| {
        let names: Vec<&str> = PrincipalKind::ALL.iter().map(|k| k.as_str()).collect();
        ScpInputError::argument(format!(
            "principal must be one of {}, not {principal:?}",
            names.join(", ")
        ))
    })?;
    let mut request = Request::new(action, resource);
    request.principal = principal;
    if let Some(context) = context {
        request.context = context_from_input(context)?;
    }
    Ok(request)
}

/// One context value as the text IAM compares.
fn context_text(kind: InputKind<'_>) -> Option<String> {
    match kind {
        InputKind::Text(text) => Some(text.into_owned()),
        InputKind::Bool(flag) => Some(flag.to_string()),
        InputKind::Integer(n) => Some(n.to_string()),
        InputKind::Float(x) if x.is_finite() => Some(x.to_string()),
        _ => None,
    }
}

fn context_from_input<I: RequestInput>(
    context: &I,
) -> Result<BTreeMap<String, Vec<String>>, ScpInputError> {
    match context.kind() {
        InputKind::Null => return Ok(BTreeMap::new()),
        InputKind::Map(count) if count > MAX_BATCH_VALUES => {
            return Err(ScpInputError::too_many(format!(
                "context has {count} keys, more than the {MAX_BATCH_VALUES} allowed"
            )))
        }
        InputKind::Map(_) => {}
        other => {
            return Err(ScpInputError::argument(format!(
                "context must be a mapping, not {}",
                other.type_name()
            )))
        }
    }
    let mut read = BTreeMap::new();
    let mut failure = None;
    context.for_each_entry(&mut |key, value| {
        if failure.is_some() {
            return;
        }
        let key = match key {
            Ok(key) => key.to_owned(),
            Err(found) => {
                failure = Some(ScpInputError::argument(format!(
                    "context keys must be str, not {found}"
                )));
                return;
            }
        };
        let wrong = |found: String| {
            ScpInputError::argument(format!(
                "context[{key:?}] must be a str, bool, number or a list of them, not {found}"
            ))
        };
        let values = match value.kind() {
            InputKind::Null => return,
            InputKind::List(count) if count > MAX_BATCH_VALUES => {
                failure = Some(ScpInputError::too_many(format!(
                    "context[{key:?}] has {count} values, more than the {MAX_BATCH_VALUES} allowed"
                )));
                return;
            }
            InputKind::List(count) => {
                let mut values = Vec::with_capacity(count.min(64));
                for index in 0..count {
                    let Some(item) = value.item(index) else {
                        break;
                    };
                    let kind = item.kind();
                    let found = kind.type_name();
                    match context_text(kind) {
                        Some(text) => values.push(text),
                        None => {
                            failure = Some(wrong(format!("a list holding {found}")));
                            return;
                        }
                    }
                }
                values
            }
            kind => {
                let found = kind.type_name();
                match context_text(kind) {
                    Some(text) => vec![text],
                    None => {
                        failure = Some(wrong(found));
                        return;
                    }
                }
            }
        };
        read.insert(key, values);
    });
    match failure {
        Some(error) => Err(error),
        None => Ok(read),
    }
}

/// Answers "is this request allowed?" for host values: reads the levels (checking every
/// document under `rules`) and the request, then [`evaluate`]s.
pub fn evaluate_input<I: RequestInput>(
    levels: &I,
    action: &str,
    resource: &str,
    context: Option<&I>,
    principal: &str,
    rules: ScpRules,
) -> Result<Decision, ScpInputError> {
    let request = request_from_input(action, resource, context, principal)?;
    let levels = levels_from_input(levels, rules)?;
    Ok(evaluate(&levels, &request))
}
