//! Request validation: every problem of a request, before it leaves the machine.
//!
//! botocore checks required members, types and minimum lengths; the AWS SDKs for Rust and JS
//! check only required members. This module walks the generated shape tables and reports,
//! for every member, required/type/enum/length/range/pattern problems, unknown members, and the
//! cross-field rules the seeds state — each with a boto3-style path (`Target.Id`,
//! `States[1]`), a catalogue code and an AWS-style message.
//!
//! Order of the issues: a structure's members in model order (depth first), then its unknown
//! members sorted by name; the cross-field rules of the operation last.
//!
//! Time and memory are bounded whatever the input: the walk stops after [`MAX_ISSUES`] issues
//! (a last `TOO_MANY_ISSUES` issue says so), reads list items one at a time, keeps only the
//! unknown member names it may still report, and names a structure's valid members once per
//! request, not once per unknown member.

use std::collections::BinaryHeap;
use std::fmt::Write as _;

use serde::Serialize;
use serde_json::Value;

use crate::error::{ErrorCode, Issue, LookupError, ValidationError};
use crate::ids::is_ascii_space;
use crate::ids::{self, Rule, ValueKind};
use crate::model::{self, Operation, PatternMatcher, Service, ShapeId, ShapeKind};
use crate::patterns::{self, first_char_outside};
use crate::Edition;

/// The most issues one validation reports. Past it the walk stops and a last issue with code
/// `TOO_MANY_ISSUES` says so, so a request with a million bad members costs no more than one
/// with a hundred (AWS's own messages likewise list a bounded number of problems).
pub const MAX_ISSUES: usize = 100;

/// The longest list validation reads. A longer one (no request AWS accepts comes near it:
/// its request size limits stop far sooner) is one MAX_LENGTH_EXCEEDED issue and its items are
/// not read, so a JS Proxy that states 2³²−1 valid items is answered at once too.
pub const MAX_LIST_ITEMS: usize = 1 << 20;

/// Finds a service of `edition` by client name; the error lists the services there are.
pub fn find_service(edition: Edition, service: &str) -> Result<&'static Service, LookupError> {
    edition
        .service(service)
        .ok_or_else(|| LookupError::UnknownService {
            name: service.to_owned(),
            known: edition.services().iter().map(|s| s.name).collect(),
        })
}

/// Finds a service of `edition` by client name and an operation by model or boto3 name; the
/// error names the edition and says when the other edition has the operation.
pub fn find_operation(
    edition: Edition,
    service: &str,
    operation: &str,
) -> Result<(&'static Service, &'static Operation), LookupError> {
    let found = find_service(edition, service)?;
    match found.operation(operation) {
        Some(op) => Ok((found, op)),
        None => Err(LookupError::UnknownOperation {
            service: found.name,
            edition,
            in_other_edition: Edition::ALL.iter().any(|other| {
                *other != edition
                    && other
                        .service(found.name)
                        .is_some_and(|s| s.operation(operation).is_some())
            }),
            name: operation.to_owned(),
            known: found.operations.iter().map(|op| op.name).collect(),
        }),
    }
}

/// Every issue of a request (`params` as the boto3 keyword arguments / SDK input object)
/// under `edition`'s model; an empty list when it is valid. Fails only when the service or
/// operation is unknown in that edition.
///
/// ```
/// use orgkit::Edition;
/// use serde_json::json;
/// let request = json!({"Email": "not-an-email", "AccountName": "Prod", "Tags": []});
/// let issues =
///     orgkit::validate::validate_request(Edition::Current, "organizations", "create_account", &request)
///         .unwrap();
/// let found: Vec<_> = issues.iter().map(|i| (i.path.as_str(), i.code.as_str())).collect();
/// assert_eq!(found, [("Email", "INVALID_PATTERN")]);
///
/// // The original edition has no Tags member.
/// let issues =
///     orgkit::validate::validate_request(Edition::Original, "organizations", "create_account", &request)
///         .unwrap();
/// let found: Vec<_> = issues.iter().map(|i| (i.path.as_str(), i.code.as_str())).collect();
/// assert_eq!(found, [("Email", "INVALID_PATTERN"), ("Tags", "UNKNOWN_PARAMETER")]);
/// ```
pub fn validate_request(
    edition: Edition,
    service: &str,
    operation: &str,
    params: &Value,
) -> Result<Vec<Issue>, LookupError> {
    let (service, operation) = find_operation(edition, service, operation)?;
    Ok(validate_operation(service, operation, params))
}

/// Like [`validate_request`], but `Err` with every issue when the request is not valid.
pub fn check_request(
    edition: Edition,
    service: &str,
    operation: &str,
    params: &Value,
) -> Result<(), crate::Error> {
    let issues = validate_request(edition, service, operation, params)?;
    if issues.is_empty() {
        Ok(())
    } else {
        Err(ValidationError { issues }.into())
    }
}

/// What a request value is, as the validator sees it. Bindings implement [`RequestInput`] over
/// their host's own objects (a Python dict, a JS object) so that a request is validated
/// without being copied into JSON first.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq)]
pub enum InputKind<'a> {
    /// JSON `null`, Python `None`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A whole number (saturated to the `i64` range).
    Integer(i64),
    /// A number with a fraction (or not finite).
    Float(f64),
    /// Text.
    Text(std::borrow::Cow<'a, str>),
    /// A list, with its length.
    List(usize),
    /// A map with text keys, with its size.
    Map(usize),
    /// Anything else, with a name for messages (`bytes`, `str (not valid Unicode)`, …).
    Other(String),
}

/// A request value the validator can walk: `serde_json::Value`, or a binding's view of a host
/// object.
pub trait RequestInput: Sized {
    /// What the value is.
    fn kind(&self) -> InputKind<'_>;
    /// The item at `index` of a list (`None` past its end, or for anything else). The walk
    /// reads items one at a time and stops at the issue cap, so a list whose host states a
    /// length it does not hold (a sparse JS array, a Proxy) costs only what is read.
    fn item(&self, index: usize) -> Option<Self>;
    /// The member `key` of a map (`None` when absent or not a map).
    fn member(&self, key: &str) -> Option<Self>;
    /// Calls `visit` with each key of a map and its value; a key that is not text is passed
    /// as `Err` with a description of it.
    fn for_each_entry(&self, visit: &mut dyn FnMut(Result<&str, String>, Self));
}

impl RequestInput for &Value {
    fn kind(&self) -> InputKind<'_> {
        match self {
            Value::Null => InputKind::Null,
            Value::Bool(b) => InputKind::Bool(*b),
            Value::Number(n) => match n.as_i64() {
                Some(i) => InputKind::Integer(i),
                None if n.is_u64() => InputKind::Integer(i64::MAX),
                None => InputKind::Float(n.as_f64().unwrap_or(f64::NAN)),
            },
            Value::String(text) => InputKind::Text(std::borrow::Cow::Borrowed(text)),
            Value::Array(items) => InputKind::List(items.len()),
            Value::Object(map) => InputKind::Map(map.len()),
        }
    }

    fn item(&self, index: usize) -> Option<Self> {
        match self {
            Value::Array(items) => items.get(index),
            _ => None,
        }
    }

    fn member(&self, key: &str) -> Option<Self> {
        match self {
            Value::Object(map) => map.get(key),
            _ => None,
        }
    }

    fn for_each_entry(&self, visit: &mut dyn FnMut(Result<&str, String>, Self)) {
        if let Value::Object(map) = self {
            for (key, value) in map {
                visit(Ok(key), value);
            }
        }
    }
}

/// Validates a request of a known operation.
pub fn validate_operation(service: &Service, operation: &Operation, params: &Value) -> Vec<Issue> {
    validate_input(service, operation, &params)
}

/// Validates a request of a known operation given as any [`RequestInput`].
pub fn validate_input<I: RequestInput>(
    service: &Service,
    operation: &Operation,
    params: &I,
) -> Vec<Issue> {
    let mut walker = Walker {
        service,
        operation,
        issues: Vec::new(),
        cross_field: Vec::new(),
        stopped: false,
        listed_members: Vec::new(),
    };
    match operation.input {
        Some(input) => walker.shape(input, params, &mut String::with_capacity(64)),
        // Operations without an input shape take an empty object (or nothing).
        None => walker.no_input(params),
    }
    // The cross-field rules, found during the walk, come last.
    walker.issues.append(&mut walker.cross_field);
    if walker.stopped {
        walker.issues.push(Issue {
            path: String::new(),
            code: ErrorCode::TooManyIssues,
            message: format!(
                "Validation stopped after {MAX_ISSUES} issues; the rest of the request was not checked"
            ),
        });
    }
    walker.issues
}

/// Validates a typed request (the generated `validate()` methods call this).
pub(crate) fn validate_typed_request<T: Serialize>(
    edition: Edition,
    service: &str,
    operation: &str,
    request: &T,
) -> Result<(), ValidationError> {
    let params = serde_json::to_value(request).map_err(|err| ValidationError {
        issues: vec![Issue {
            path: String::new(),
            code: ErrorCode::InvalidType,
            message: format!("The request cannot be represented as JSON: {err}"),
        }],
    })?;
    let issues = match find_operation(edition, service, operation) {
        Ok((service, operation)) => validate_operation(service, operation, &params),
        Err(err) => vec![Issue {
            path: String::new(),
            code: ErrorCode::InvalidType,
            message: err.to_string(),
        }],
    };
    if issues.is_empty() {
        Ok(())
    } else {
        Err(ValidationError { issues })
    }
}

struct Walker<'a> {
    service: &'a Service,
    operation: &'a Operation,
    issues: Vec<Issue>,
    /// Issues of the cross-field rules, reported after every member issue.
    cross_field: Vec<Issue>,
    /// Whether the walk stopped at [`MAX_ISSUES`] with something left unreported or unread.
    stopped: bool,
    /// The structures (by path) whose valid member names a message has already listed, with
    /// the unknown key that listed them.
    listed_members: Vec<(String, String)>,
}

/// The unknown keys of one map that may still be reported: the smallest [`MAX_ISSUES`] by
/// name (a max-heap, so a larger key costs neither a copy nor a slot) and how many there were.
#[derive(Default)]
struct UnknownKeys {
    smallest: BinaryHeap<String>,
    count: usize,
}

impl UnknownKeys {
    fn offer(&mut self, key: &str) {
        self.count += 1;
        if self.smallest.len() < MAX_ISSUES {
            self.smallest.push(key.to_owned());
        } else if self
            .smallest
            .peek()
            .is_some_and(|largest| key < largest.as_str())
        {
            self.smallest.pop();
            self.smallest.push(key.to_owned());
        }
    }

    /// The kept keys in order, and whether some were dropped.
    fn into_sorted(self) -> (Vec<String>, bool) {
        let dropped = self.count > self.smallest.len();
        (self.smallest.into_sorted_vec(), dropped)
    }
}

/// `Target.Id` → `target.id`, `States[1]` → `states.1.member` (how AWS names members in
/// its messages).
fn aws_member_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len() + 8);
    for (i, part) in path.split('.').enumerate() {
        if i > 0 {
            out.push('.');
        }
        let (name, indexes) = part.split_once('[').unwrap_or((part, ""));
        let mut chars = name.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_lowercase());
            out.push_str(chars.as_str());
        }
        for index in indexes.split('[').filter(|s| !s.is_empty()) {
            out.push('.');
            out.push_str(index.trim_end_matches(']'));
            out.push_str(".member");
        }
    }
    out
}

impl InputKind<'_> {
    /// The type's name as messages give it (`string`, `integer`, `list`, `structure`, …).
    pub fn type_name(&self) -> String {
        type_name(self)
    }
}

fn type_name(kind: &InputKind<'_>) -> String {
    match kind {
        InputKind::Null => "null".to_owned(),
        InputKind::Bool(_) => "boolean".to_owned(),
        InputKind::Float(_) => "float".to_owned(),
        InputKind::Integer(_) => "integer".to_owned(),
        InputKind::Text(_) => "string".to_owned(),
        InputKind::List(_) => "list".to_owned(),
        InputKind::Map(_) => "structure".to_owned(),
        InputKind::Other(name) => name.clone(),
    }
}

/// A value as messages show it: text quoted and shortened, numbers as numbers, containers
/// summarized (messages stay short, and the browser build needs no JSON writer).
fn shown(kind: &InputKind<'_>, sensitive: bool) -> String {
    if sensitive {
        return "(redacted)".to_owned();
    }
    let text = match kind {
        InputKind::Text(s) => return format!("'{}'", ids::excerpt(s)),
        InputKind::Integer(n) => n.to_string(),
        // serde_json's writer (ryu), not core's float formatting, which is large in the browser build.
        InputKind::Float(f) => {
            serde_json::Number::from_f64(*f).map_or_else(|| "NaN".to_owned(), |n| n.to_string())
        }
        InputKind::Bool(b) => b.to_string(),
        InputKind::Null => "null".to_owned(),
        InputKind::List(n) => format!("[{n} items]"),
        InputKind::Map(n) => format!("{{{n} members}}"),
        InputKind::Other(name) => format!("<{name}>"),
    };
    format!("'{}'", ids::excerpt(&text))
}

impl Walker<'_> {
    /// Whether the cap is reached (member and cross-field issues count alike).
    fn full(&self) -> bool {
        self.issues.len() + self.cross_field.len() >= MAX_ISSUES
    }

    /// Whether the walk may go on; past the cap it notes that it stopped.
    fn room(&mut self) -> bool {
        if self.full() {
            self.stopped = true;
        }
        !self.stopped
    }

    fn push(&mut self, path: &str, code: ErrorCode, message: String) {
        if !self.room() {
            return;
        }
        self.issues.push(Issue {
            path: path.to_owned(),
            code,
            message,
        });
    }

    fn push_cross_field(&mut self, issue: Issue) {
        if self.room() {
            self.cross_field.push(issue);
        }
    }

    fn constraint(
        &mut self,
        path: &str,
        code: ErrorCode,
        value: &InputKind<'_>,
        sensitive: bool,
        rule: &str,
    ) {
        let message = format!(
            "Value {} at '{}' failed to satisfy constraint: {rule}",
            shown(value, sensitive),
            aws_member_path(path)
        );
        self.push(path, code, message);
    }

    fn wrong_type(&mut self, path: &str, value: &InputKind<'_>, expected: &str) {
        let name = if path.is_empty() { "the request" } else { path };
        let message = format!(
            "Invalid type for parameter {name}, type: {}, valid types: {expected}",
            type_name(value)
        );
        self.push(path, ErrorCode::InvalidType, message);
    }

    fn no_input<I: RequestInput>(&mut self, params: &I) {
        match params.kind() {
            InputKind::Null => {}
            InputKind::Map(_) => {
                let mut unknown = UnknownKeys::default();
                params.for_each_entry(&mut |key, _| match key {
                    Ok(key) => unknown.offer(key),
                    Err(other) => unknown.offer(&other),
                });
                let (keys, dropped) = unknown.into_sorted();
                for key in keys {
                    let message = format!(
                        "Unknown parameter in input: {key:?}; this operation takes no parameters"
                    );
                    self.push(&key, ErrorCode::UnknownParameter, message);
                }
                self.stopped |= dropped;
            }
            other => self.wrong_type("", &other, "structure"),
        }
    }

    fn shape<I: RequestInput>(&mut self, id: ShapeId, value: &I, path: &mut String) {
        if !self.room() {
            return;
        }
        let shape = self.service.shape(id);
        let kind = value.kind();
        match (&shape.kind, &kind) {
            (ShapeKind::Structure { members, .. }, InputKind::Map(_)) => {
                self.structure(shape.name, members, value, path)
            }
            (ShapeKind::Structure { .. }, other) => self.wrong_type(path, other, "structure"),
            (ShapeKind::List { member, min, max }, InputKind::List(count)) => {
                let count = *count as u64;
                if let Some(min) = min.filter(|min| count < u64::from(*min)) {
                    let rule = format!("Member must have length greater than or equal to {min}");
                    self.constraint(path, ErrorCode::MinLengthExceeded, &kind, false, &rule);
                }
                if let Some(max) = max.filter(|max| count > u64::from(*max)) {
                    let rule = format!("Member must have length less than or equal to {max}");
                    self.constraint(path, ErrorCode::MaxLengthExceeded, &kind, false, &rule);
                }
                let count = usize::try_from(count).unwrap_or(usize::MAX);
                if count > MAX_LIST_ITEMS {
                    let rule = format!(
                        "Member must have length less than or equal to {MAX_LIST_ITEMS} \
                         (the longest list orgkit reads)"
                    );
                    self.constraint(path, ErrorCode::MaxLengthExceeded, &kind, false, &rule);
                    return;
                }
                // One item at a time: a stated length is not trusted to be held.
                for index in 0..count {
                    if !self.room() {
                        break;
                    }
                    let Some(item) = value.item(index) else {
                        break;
                    };
                    let length = path.len();
                    let _ = write!(path, "[{index}]");
                    self.shape(*member, &item, path);
                    path.truncate(length);
                }
            }
            (ShapeKind::List { .. }, other) => self.wrong_type(path, other, "list"),
            (ShapeKind::String { .. }, InputKind::Text(text)) => {
                self.string(&shape.kind, shape.sensitive, text, &kind, path)
            }
            (ShapeKind::String { .. }, other) => self.wrong_type(path, other, "string"),
            (ShapeKind::Integer { min, max }, InputKind::Integer(n)) => {
                if let Some(min) = min.filter(|min| n < min) {
                    let rule = format!("Member must have value greater than or equal to {min}");
                    self.constraint(path, ErrorCode::MinValueExceeded, &kind, false, &rule);
                }
                if let Some(max) = max.filter(|max| n > max) {
                    let rule = format!("Member must have value less than or equal to {max}");
                    self.constraint(path, ErrorCode::MaxValueExceeded, &kind, false, &rule);
                }
            }
            (ShapeKind::Integer { .. }, other) => self.wrong_type(path, other, "integer"),
            (ShapeKind::Boolean, InputKind::Bool(_)) => {}
            (ShapeKind::Boolean, other) => self.wrong_type(path, other, "boolean"),
            (
                ShapeKind::Timestamp(_),
                InputKind::Integer(_) | InputKind::Float(_) | InputKind::Text(_),
            ) => {}
            (ShapeKind::Timestamp(_), other) => self.wrong_type(path, other, "timestamp"),
        }
    }

    fn structure<I: RequestInput>(
        &mut self,
        shape_name: &str,
        members: &[model::Member],
        map: &I,
        path: &mut String,
    ) {
        // One pass over the map: each value lands at its member's index; unknown keys are
        // collected (nothing is allocated for them when there are none).
        let mut values: Vec<Option<I>> = Vec::with_capacity(members.len());
        values.resize_with(members.len(), || None);
        let mut unknown = UnknownKeys::default();
        map.for_each_entry(&mut |key, value| match key {
            Ok(key) => match members.iter().position(|m| m.name == key) {
                Some(index) => values[index] = Some(value),
                None => unknown.offer(key),
            },
            Err(other) => unknown.offer(&other),
        });
        for (member, value) in members.iter().zip(&values) {
            let length = path.len();
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(member.name);
            match value {
                Some(value) => self.shape(member.shape, value, path),
                None if member.required => {
                    let message = format!(
                        "Value null at '{}' failed to satisfy constraint: Member must not be null",
                        aws_member_path(path)
                    );
                    self.push(path, ErrorCode::InputRequired, message);
                }
                None => {}
            }
            path.truncate(length);
        }
        self.cross_field_rules(shape_name, members, &values, path);
        if unknown.count == 0 {
            return;
        }
        let (keys, dropped) = unknown.into_sorted();
        for key in keys {
            if !self.room() {
                break;
            }
            let full = if path.is_empty() {
                key.clone()
            } else {
                format!("{path}.{key}")
            };
            let message = self.unknown_member_message(path, &key, members);
            self.push(&full, ErrorCode::UnknownParameter, message);
        }
        self.stopped |= dropped;
    }

    /// botocore's message for an unknown member; the structure's valid names are listed the
    /// first time only, later messages point back to that one.
    fn unknown_member_message(
        &mut self,
        path: &str,
        key: &str,
        members: &[model::Member],
    ) -> String {
        if let Some((_, first)) = self.listed_members.iter().find(|(at, _)| at == path) {
            return format!(
                "Unknown parameter in input: {key:?}, must be one of the names listed for {first:?}"
            );
        }
        self.listed_members.push((path.to_owned(), key.to_owned()));
        let mut known = String::new();
        for (index, member) in members.iter().enumerate() {
            if index > 0 {
                known.push_str(", ");
            }
            known.push_str(member.name);
        }
        format!("Unknown parameter in input: {key:?}, must be one of: {known}")
    }

    fn string(
        &mut self,
        kind: &ShapeKind,
        sensitive: bool,
        text: &str,
        value: &InputKind<'_>,
        path: &str,
    ) {
        let ShapeKind::String {
            min,
            max,
            pattern,
            values,
        } = kind
        else {
            return;
        };
        if !values.is_empty() && !values.contains(&text) {
            let rule = format!(
                "Member must satisfy enum value set: [{}]",
                values.join(", ")
            );
            self.constraint(path, ErrorCode::InvalidEnum, value, sensitive, &rule);
        }
        // A text of n bytes holds between n/4 and n characters: count them only when the
        // bytes alone cannot settle a bound (the current edition gives IDs and tokens
        // maximums that a valid value is far below).
        let bytes = text.len() as u64;
        let max_settled = max.is_none_or(|max| bytes <= u64::from(max));
        let min_settled = min.is_none_or(|min| bytes / 4 >= u64::from(min));
        if !(max_settled && min_settled) {
            let length = ids::char_length(text) as u64;
            if let Some(min) = min.filter(|min| length < u64::from(*min)) {
                let rule = format!("Member must have length greater than or equal to {min}");
                self.constraint(path, ErrorCode::MinLengthExceeded, value, sensitive, &rule);
            }
            if let Some(max) = max.filter(|max| length > u64::from(*max)) {
                let rule = format!("Member must have length less than or equal to {max}");
                self.constraint(path, ErrorCode::MaxLengthExceeded, value, sensitive, &rule);
            }
        }
        if let Some(pattern) = pattern {
            if let Some(detail) = pattern_failure(pattern.matcher, text) {
                let code = match pattern.matcher {
                    PatternMatcher::Kind(ValueKind::PolicyTargetId) => {
                        ErrorCode::InvalidPatternTargetId
                    }
                    _ => ErrorCode::InvalidPattern,
                };
                let rule = format!(
                    "Member must satisfy regular expression pattern: {} ({detail})",
                    pattern.source
                );
                self.constraint(path, code, value, sensitive, &rule);
            }
        }
    }
}

/// `None` when `text` matches the pattern in full; otherwise what is wrong.
pub fn pattern_failure(matcher: PatternMatcher, text: &str) -> Option<String> {
    match matcher {
        PatternMatcher::Kind(kind) => kind.pattern_failure(text).map(|rule| rule.to_string()),
        PatternMatcher::Arn(expected) => match crate::arn::resource_type_of(text) {
            Ok(found) if found == expected => None,
            Ok(found) => Some(format!(
                "expected the ARN of a {}, not of a {}",
                expected.as_str(),
                found.as_str()
            )),
            Err(rule) => Some(rule.to_string()),
        },
        PatternMatcher::GenericArn => {
            // The model writes the `aws` partition; like every other ARN (DESIGN rule 8), the
            // pattern is read for aws, aws-cn and aws-us-gov alike.
            let rest = ["arn:aws:", "arn:aws-cn:", "arn:aws-us-gov:"]
                .iter()
                .find_map(|prefix| text.strip_prefix(prefix))
                .and_then(|rest| rest.strip_prefix("organizations::"));
            let ok = rest.is_some_and(|rest| {
                !rest.contains('\n')
                    && rest
                        .char_indices()
                        .any(|(i, c)| c == ':' && i > 0 && i + 1 < rest.len())
            });
            (!ok).then(|| "expected arn:<partition>:organizations::<account>:<resource>".to_owned())
        }
        PatternMatcher::PhoneNumber => first_char_outside(text, |c| {
            c.is_ascii_digit() || matches!(c, '(' | ')' | '+' | '-') || is_ascii_space(c)
        }),
        PatternMatcher::NonBlankLine => {
            if let Some(position) = text.chars().position(|c| c == '\n') {
                Some(format!(
                    "a line break at position {position} is not allowed"
                ))
            } else if text.chars().all(is_ascii_space) {
                Some("the value has no character other than spaces".to_owned())
            } else {
                None
            }
        }
        PatternMatcher::LooseEmail => loose_email_failure(text),
        PatternMatcher::PrintableAscii => {
            first_char_outside(text, |c| (' '..='~').contains(&c)).filter(|_| !text.is_empty())
        }
        PatternMatcher::OriginalEmail => ValueKind::Email
            .pattern_failure_in(crate::Edition::Original, text)
            .map(|rule| rule.to_string()),
        // Patterns of response members only: request-only tables (no `response-tables`)
        // never hold them, and leave their matchers out.
        #[cfg(feature = "response-tables")]
        PatternMatcher::OrganizationPath => patterns::organization_path_failure(text),
        #[cfg(feature = "response-tables")]
        PatternMatcher::ResourcePolicyArn => patterns::resource_policy_arn_failure(text),
        #[cfg(feature = "response-tables")]
        PatternMatcher::ResponsibilityTransferArn => {
            patterns::responsibility_transfer_arn_failure(text)
        }
        PatternMatcher::PrintableWithoutAngleBrackets => {
            patterns::printable_without_angle_brackets_failure(text)
        }
        PatternMatcher::InternationalPhoneNumber => {
            patterns::international_phone_number_failure(text)
        }
        PatternMatcher::ContactEmail => patterns::contact_email_failure(text),
        PatternMatcher::Passcode => patterns::passcode_failure(text),
        PatternMatcher::TagText => ids::first_non_tag_char(text)
            .map(|(position, found)| Rule::BadCharacter { position, found }.to_string()),
    }
}

/// `.+@.+\..+` as a full match (`.` is any character but a line feed).
fn loose_email_failure(text: &str) -> Option<String> {
    if let Some(position) = text.chars().position(|c| c == '\n') {
        return Some(format!(
            "a line break at position {position} is not allowed"
        ));
    }
    // Byte positions: '@' and '.' are ASCII, so no copy of the text is needed. The earliest
    // '@' with something before it leaves the most room for the domain.
    let bytes = text.as_bytes();
    let Some(at) = bytes
        .iter()
        .enumerate()
        .position(|(i, b)| *b == b'@' && i > 0)
    else {
        return Some("an email address needs an '@' after at least one character".to_owned());
    };
    // A '.' with at least one character after the '@' before it, and one after it.
    let has_dot = bytes
        .iter()
        .enumerate()
        .any(|(i, b)| *b == b'.' && i >= at + 2 && i + 1 < bytes.len());
    (!has_dot).then(|| "the part after '@' needs a '.' with characters on both sides".to_owned())
}

impl Walker<'_> {
    /// The rules the seeds state across members, which no single shape can express; run on
    /// each structure with the values the walk already found for its members.
    fn cross_field_rules<I: RequestInput>(
        &mut self,
        shape_name: &str,
        members: &[model::Member],
        values: &[Option<I>],
        path: &str,
    ) {
        if self.service.name != "organizations" {
            return;
        }
        let get = |name: &str| {
            members
                .iter()
                .position(|m| m.name == name)
                .and_then(|index| values[index].as_ref())
        };
        match (self.operation.name, shape_name) {
            ("ListHandshakesForAccount" | "ListHandshakesForOrganization", "HandshakeFilter") => {
                let given =
                    |value: Option<&I>| value.is_some_and(|v| !matches!(v.kind(), InputKind::Null));
                if given(get("ActionType")) && given(get("ParentHandshakeId")) {
                    self.push_cross_field(Issue {
                        path: path.to_owned(),
                        code: ErrorCode::MaxLimitExceededFilter,
                        message: format!(
                            "Value at '{}' failed to satisfy constraint: specify ActionType or ParentHandshakeId, not both",
                            aws_member_path(path)
                        ),
                    });
                }
            }
            ("InviteAccountToOrganization", "HandshakeParty") => {
                let mut found = Vec::new();
                // The current model requires Id and Type itself (its own INPUT_REQUIRED issues
                // cover them), and checks an email with its own Email rule.
                let model_requires = members.iter().any(|m| m.required);
                // Looked up only for an EMAIL target (a search of the shape table by name).
                let is_email_target = get("Type")
                    .is_some_and(|t| matches!(t.kind(), InputKind::Text(text) if text == "EMAIL"));
                let email = is_email_target
                    .then(|| self.service.shape_named("Email"))
                    .flatten()
                    .and_then(|shape| match &shape.kind {
                        ShapeKind::String { pattern, .. } => pattern.as_ref().map(|p| p.matcher),
                        _ => None,
                    })
                    .unwrap_or(PatternMatcher::Kind(ValueKind::Email));
                invite_target_rules(
                    get("Id"),
                    get("Type"),
                    path,
                    InviteRules {
                        check_presence: !model_requires,
                        email,
                    },
                    &mut found,
                );
                for issue in found {
                    self.push_cross_field(issue);
                }
            }
            _ => {}
        }
    }
}

/// How the invitation target rules apply in one edition.
struct InviteRules {
    /// Whether to report a missing Id or Type (the original model does not require them).
    check_presence: bool,
    /// The edition's Email matcher, for an EMAIL target's Id.
    email: PatternMatcher,
}

/// InviteAccountToOrganization's `Target`: both members present (the later model requires
/// them; the 2017 model does not), an ACCOUNT target's ID is an account ID and an EMAIL
/// target's ID an email address; an invitation never goes to an ORGANIZATION.
fn invite_target_rules<I: RequestInput>(
    id: Option<&I>,
    party: Option<&I>,
    path: &str,
    rules: InviteRules,
    issues: &mut Vec<Issue>,
) {
    for (member, value) in [("Id", id.is_some()), ("Type", party.is_some())] {
        if !value && rules.check_presence {
            let full = format!("{path}.{member}");
            issues.push(Issue {
                message: format!(
                    "Value null at '{}' failed to satisfy constraint: Member must not be null",
                    aws_member_path(&full)
                ),
                path: full,
                code: ErrorCode::InputRequired,
            });
        }
    }
    let id_kind = id.map(RequestInput::kind);
    let party_kind = party.map(RequestInput::kind);
    let id_text = match &id_kind {
        Some(InputKind::Text(text)) => Some(text.as_ref()),
        _ => None,
    };
    let party_text = match &party_kind {
        Some(InputKind::Text(text)) => Some(text.as_ref()),
        _ => None,
    };
    let mismatch = |member: &str, value: &str, rule: &str| {
        let full = format!("{path}.{member}");
        Issue {
            message: format!(
                "Value {value} at '{}' failed to satisfy constraint: {rule}",
                aws_member_path(&full)
            ),
            path: full,
            code: ErrorCode::InvalidPartyTypeTarget,
        }
    };
    match (party_text, id_text) {
        (Some("ACCOUNT"), Some(id)) if !ids::is_account_id(id) => issues.push(mismatch(
            "Id",
            "(redacted)",
            "a Target of Type ACCOUNT needs a 12-digit account ID as its Id",
        )),
        (Some("EMAIL"), Some(id))
            if pattern_failure(rules.email, id).is_some()
                || !(6..=64).contains(&id.chars().count()) =>
        {
            issues.push(mismatch(
                "Id",
                "(redacted)",
                "a Target of Type EMAIL needs an email address as its Id",
            ))
        }
        (Some("ORGANIZATION"), _) => issues.push(mismatch(
            "Type",
            "'ORGANIZATION'",
            "an invitation goes to an ACCOUNT or an EMAIL",
        )),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn found(service: &str, op: &str, params: Value) -> Vec<(String, &'static str)> {
        validate_request(crate::Edition::Original, service, op, &params)
            .unwrap()
            .into_iter()
            .map(|i| (i.path, i.code.as_str()))
            .collect()
    }

    #[test]
    fn paths_follow_boto3() {
        assert_eq!(
            found(
                "organizations",
                "ListCreateAccountStatus",
                json!({"States": ["IN_PROGRESS", "DONE"]})
            ),
            [("States[1]".to_owned(), "INVALID_ENUM")]
        );
        assert_eq!(aws_member_path("States[1]"), "states.1.member");
        assert_eq!(aws_member_path("Target.Id"), "target.id");
    }

    #[test]
    fn unknown_names_list_the_known_ones() {
        let err = validate_request(
            crate::Edition::Original,
            "organisations",
            "CreateAccount",
            &json!({}),
        )
        .unwrap_err();
        assert!(
            err.to_string().contains("organizations, account, chime"),
            "{err}"
        );
        let err = validate_request(
            crate::Edition::Original,
            "chime",
            "DeleteAccount",
            &json!({}),
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .contains("CreateAccount, GetAccount, ListAccounts, UpdateAccount"),
            "{err}"
        );
    }

    #[test]
    fn issues_stop_at_the_cap_and_members_are_listed_once() {
        let mut params = serde_json::Map::new();
        for index in 0..50_000 {
            params.insert(format!("Extra{index:05}"), json!(index));
        }
        let issues = validate_request(
            crate::Edition::Original,
            "organizations",
            "CreateAccount",
            &Value::Object(params),
        )
        .unwrap();
        assert_eq!(issues.len(), MAX_ISSUES + 1);
        assert_eq!(issues[0].code, ErrorCode::InputRequired);
        assert_eq!(issues[2].path, "Extra00000");
        assert!(issues[2]
            .message
            .contains("must be one of: Email, AccountName"));
        assert!(
            !issues[3].message.contains("AccountName"),
            "{}",
            issues[3].message
        );
        let last = issues.last().unwrap();
        assert_eq!(
            (last.code, last.path.as_str()),
            (ErrorCode::TooManyIssues, "")
        );

        let nulls = json!({"States": vec![Value::Null; 1_000_000]});
        let issues = validate_request(
            crate::Edition::Original,
            "organizations",
            "ListCreateAccountStatus",
            &nulls,
        )
        .unwrap();
        assert_eq!(issues.len(), MAX_ISSUES + 1);
        assert_eq!(issues[MAX_ISSUES - 1].path, "States[99]");

        // Exactly at the cap: nothing was left out, so no TOO_MANY_ISSUES.
        let hundred = json!({"States": vec![Value::Null; MAX_ISSUES]});
        let issues = validate_request(
            crate::Edition::Original,
            "organizations",
            "ListCreateAccountStatus",
            &hundred,
        )
        .unwrap();
        assert_eq!(issues.len(), MAX_ISSUES);
        assert!(issues
            .iter()
            .all(|issue| issue.code == ErrorCode::InvalidType));
    }

    #[test]
    fn generic_arns_are_read_in_every_partition() {
        // Found by the ids_arns fuzz target (fuzz/regressions/ids_arns/generic-arn-partition).
        for partition in ["aws", "aws-cn", "aws-us-gov"] {
            let arn = format!("arn:{partition}:organizations::111111111111:account/o-x/1");
            assert_eq!(
                pattern_failure(PatternMatcher::GenericArn, &arn),
                None,
                "{arn}"
            );
        }
        for bad in [
            "arn:aws-xx:organizations::1:a",
            "arn:aws:iam::1:a",
            "arn:aws:organizations::1:",
        ] {
            assert!(
                pattern_failure(PatternMatcher::GenericArn, bad).is_some(),
                "{bad}"
            );
        }
    }

    #[test]
    fn typed_requests_validate() {
        use crate::generated::original::organizations::CreateAccountRequest;
        let request = CreateAccountRequest {
            email: "someone@example.com".into(),
            account_name: "Prod".into(),
            role_name: Some("bad role".into()),
            iam_user_access_to_billing: None,
        };
        let err = request.validate().unwrap_err();
        assert_eq!(err.issues[0].path, "RoleName");
        assert!(format!("{request:?}").contains("email: <redacted>"));
    }
}
