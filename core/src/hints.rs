//! Words and attributes for forms. Every issue has an AWS-style `message` for logs and
//! developers; a person filling in a form needs a short sentence in their own terms instead
//! ("An account ID is exactly 12 digits."). This module is where those sentences live, beside
//! the codes of [`crate::error`]: one catalogue, so every binding shows the same hint for the
//! same code and constraint. It also states the constraints of a request's fields as a form
//! declares them (HTML `required`, `pattern`, `minlength`, `maxlength`, `min`, `max`, a list
//! of choices), derived from the same generated tables that validation walks.
//!
//! The patterns are written for the HTML `pattern` attribute, which browsers compile as
//! `^(?:…)$` with the `v` flag (older ones with `u`): the characters `v` reserves inside a
//! class (`-`, `/`, `(`, `)`, `|`) are escaped, and `\s` is spelled out as its ASCII members
//! (DESIGN rule 1: JS's `\s` is Unicode). A form's attributes guide the user; orgkit's
//! validation stays the judge (HTML counts lengths in UTF-16 code units, AWS in characters).

use crate::error::{ErrorCode, Issue};
use crate::ids::ValueKind;
use crate::model::{Operation, PatternMatcher, Service, Shape, ShapeKind};
use crate::Edition;

/// The type of a field's value, as a form takes it.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// Text.
    String,
    /// A whole number.
    Integer,
    /// `true` or `false`.
    Boolean,
    /// A point in time.
    Timestamp,
    /// A list; its items are the field `<path>[]`.
    List,
    /// A structure; its members are the fields `<path>.<member>`.
    Structure,
}

impl FieldType {
    /// The name bindings give the type: `string`, `integer`, `boolean`, `timestamp`, `list`
    /// or `structure`.
    pub const fn as_str(self) -> &'static str {
        match self {
            FieldType::String => "string",
            FieldType::Integer => "integer",
            FieldType::Boolean => "boolean",
            FieldType::Timestamp => "timestamp",
            FieldType::List => "list",
            FieldType::Structure => "structure",
        }
    }
}

/// What one field of a request (or one value of a kind) must satisfy, as a form states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldConstraints {
    /// The field, as issue paths name it (`Email`, `Target.Id`); a list's items are
    /// `<list>[]` (`Tags[].Key`). Empty for a value of a kind ([`value_constraints`]).
    pub path: String,
    /// The type of the value.
    pub field_type: FieldType,
    /// Whether the field must be given: the model lists the member as required in its
    /// structure (a list's items always are); for a value of a kind, whether the empty
    /// text is invalid.
    pub required: bool,
    /// An HTML `pattern` attribute equivalent to the model's pattern (see the module header),
    /// when the field has a pattern that one expression states (not the ARN grammars).
    pub pattern: Option<&'static str>,
    /// The fewest characters (text) or items (a list).
    pub min_length: Option<u32>,
    /// The most characters (text) or items (a list).
    pub max_length: Option<u32>,
    /// The smallest number allowed.
    pub min: Option<i64>,
    /// The largest number allowed.
    pub max: Option<i64>,
    /// The values an enumeration allows (empty when the field is not one).
    pub values: &'static [&'static str],
    /// A short sentence saying what to enter, e.g. "Enter an email address like
    /// name@example.com.".
    pub hint: String,
}

/// The hint for an issue that request validation of `operation` reported: the sentence for
/// its code and the constraint of the member its path names (`"This field is required."`,
/// `"Choose one of: ALLOW, DENY."`, `"An account ID is exactly 12 digits."`).
///
/// ```
/// use orgkit::{hints, validate, Edition};
/// let (service, operation) =
///     validate::find_operation(Edition::Current, "organizations", "CreateAccount").unwrap();
/// let request = serde_json::json!({"Email": "finance prod@example.com"});
/// let issues = validate::validate_operation(service, operation, &request);
/// let hints: Vec<String> =
///     issues.iter().map(|issue| hints::request_issue_hint(service, operation, issue)).collect();
/// assert_eq!(hints, ["Enter an email address like name@example.com.", "This field is required."]);
/// ```
pub fn request_issue_hint(service: &Service, operation: &Operation, issue: &Issue) -> String {
    let subject = member_shape(service, operation, &issue.path)
        .map_or(Subject::Nothing, |shape| Subject::Shape(&shape.kind));
    issue_hint(issue.code, &issue.path, subject)
}

/// The hint for an issue of one value of `kind` checked on its own (`ValueKind::check_in`,
/// `Arn::parse_in`): `"An account ID is exactly 12 digits."`, `"Enter 6 to 64 characters."`.
///
/// ```
/// use orgkit::{hints, Edition, ValueKind};
/// let err = ValueKind::AccountId.check_in(Edition::Current, "12345678901x").unwrap_err();
/// let issue = &err.issues_at("")[0];
/// assert_eq!(hints::value_issue_hint(ValueKind::AccountId, issue), "An account ID is exactly 12 digits.");
/// ```
pub fn value_issue_hint(kind: ValueKind, issue: &Issue) -> String {
    issue_hint(issue.code, &issue.path, Subject::Kind(kind))
}

/// The shape of the member that an issue path names in `operation`'s request (`Target.Id`,
/// `States[2]`, `Tags[0].Key`, or a field path such as `Tags[].Key`; the empty path is the
/// request itself), or `None` when the path names no member of the model (an unknown
/// parameter).
pub fn member_shape(
    service: &Service,
    operation: &Operation,
    path: &str,
) -> Option<&'static Shape> {
    let mut id = operation.input?;
    if !path.is_empty() {
        for part in path.split('.') {
            let name = part.split('[').next().unwrap_or(part);
            let ShapeKind::Structure { members, .. } = service.shape(id).kind else {
                return None;
            };
            id = members.iter().find(|member| member.name == name)?.shape;
            for _ in part.matches('[') {
                let ShapeKind::List { member, .. } = service.shape(id).kind else {
                    return None;
                };
                id = member;
            }
        }
    }
    Some(service.shape(id))
}

/// The constraints of every field of `operation`'s request, in model order, depth first: each
/// member, then the members of a structure (`Target.Id`) and the items of a list (`Tags[]`,
/// `Tags[].Key`). Empty for an operation without input.
///
/// ```
/// use orgkit::{hints, validate, Edition};
/// let (service, operation) =
///     validate::find_operation(Edition::Current, "organizations", "CreateAccount").unwrap();
/// let fields = hints::field_constraints(service, operation);
/// let email = fields.iter().find(|field| field.path == "Email").unwrap();
/// assert!(email.required);
/// assert_eq!((email.min_length, email.max_length), (Some(6), Some(64)));
/// let billing = fields.iter().find(|field| field.path == "IamUserAccessToBilling").unwrap();
/// assert_eq!(billing.values, ["ALLOW", "DENY"]);
/// assert_eq!(billing.hint, "Choose one of: ALLOW, DENY.");
/// ```
pub fn field_constraints(service: &Service, operation: &Operation) -> Vec<FieldConstraints> {
    let mut fields = Vec::new();
    for_each_field(service, operation, &mut |field| fields.push(field));
    fields
}

/// Calls `visit` with each field [`field_constraints`] lists, in the same order, without
/// collecting them (what the browser bundle uses: no list of fields is built).
pub fn for_each_field(
    service: &Service,
    operation: &Operation,
    visit: &mut dyn FnMut(FieldConstraints),
) {
    if let Some(input) = operation.input {
        visit_fields(service, input, &mut String::new(), 0, visit);
    }
}

/// How deep [`field_constraints`] follows structures and lists (the request shapes of the
/// models nest three levels at most; a recursive shape would stop here).
const MAX_FIELD_DEPTH: usize = 6;

/// Visits the fields inside shape `id` (a structure's members, a list's items) at `path`.
fn visit_fields(
    service: &Service,
    id: usize,
    path: &mut String,
    depth: usize,
    visit: &mut dyn FnMut(FieldConstraints),
) {
    let length = path.len();
    let mut add = |path: &mut String, shape: usize, required: bool| {
        visit(shape_constraints(
            &service.shape(shape).kind,
            path.clone(),
            required,
        ));
        if depth < MAX_FIELD_DEPTH {
            visit_fields(service, shape, path, depth + 1, visit);
        }
        path.truncate(length);
    };
    match service.shape(id).kind {
        ShapeKind::Structure { members, .. } => {
            for member in members {
                if length > 0 {
                    path.push('.');
                }
                path.push_str(member.name);
                add(path, member.shape, member.required);
            }
        }
        ShapeKind::List { member, .. } => {
            path.push_str("[]");
            add(path, member, true);
        }
        _ => {}
    }
}

/// The constraints of a member of shape `kind` at `path`.
fn shape_constraints(kind: &ShapeKind, path: String, required: bool) -> FieldConstraints {
    let mut field = FieldConstraints {
        path,
        field_type: FieldType::Structure,
        required,
        pattern: None,
        min_length: None,
        max_length: None,
        min: None,
        max: None,
        values: &[],
        hint: describe(Subject::Shape(kind)),
    };
    match kind {
        ShapeKind::String {
            min,
            max,
            pattern,
            values,
        } => {
            field.field_type = FieldType::String;
            field.min_length = *min;
            field.max_length = *max;
            field.pattern = pattern
                .as_ref()
                .and_then(|pattern| html_pattern(pattern.matcher));
            field.values = values;
        }
        ShapeKind::Integer { min, max } => {
            field.field_type = FieldType::Integer;
            field.min = *min;
            field.max = *max;
        }
        ShapeKind::Boolean => field.field_type = FieldType::Boolean,
        ShapeKind::Timestamp(_) => field.field_type = FieldType::Timestamp,
        ShapeKind::List { min, max, .. } => {
            field.field_type = FieldType::List;
            field.min_length = *min;
            field.max_length = *max;
        }
        ShapeKind::Structure { .. } => {}
    }
    field
}

/// The constraints of one value of `kind` under `edition`'s rules (an input checked with
/// `check_value`), with an empty path.
///
/// ```
/// use orgkit::{hints, Edition, ValueKind};
/// let parent = hints::value_constraints(Edition::Current, ValueKind::ParentId);
/// assert_eq!(parent.pattern, Some("r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}"));
/// assert_eq!(parent.hint, "Enter a root ID (r-…) or an OU ID (ou-…).");
/// ```
pub fn value_constraints(edition: Edition, kind: ValueKind) -> FieldConstraints {
    let bounds = kind.length_bounds();
    let bound = |n: usize| u32::try_from(n).ok();
    FieldConstraints {
        path: String::new(),
        field_type: FieldType::String,
        required: !kind.is_valid_in(edition, ""),
        pattern: kind_html_pattern(edition, kind),
        min_length: bounds.and_then(|(min, _)| bound(min)),
        max_length: bounds.and_then(|(_, max)| bound(max)),
        min: None,
        max: None,
        values: &[],
        hint: describe(Subject::Kind(kind)),
    }
}

// --- patterns -------------------------------------------------------------------------------

// The pieces the union patterns share (`concat!` takes literals only).
macro_rules! account {
    () => {
        r"\d{12}"
    };
}
macro_rules! root {
    () => {
        "r-[0-9a-z]{4,32}"
    };
}
macro_rules! ou {
    () => {
        "ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}"
    };
}
macro_rules! policy {
    () => {
        "p-[0-9a-zA-Z_]{8,128}"
    };
}
macro_rules! resource_policy {
    () => {
        "rp-[0-9a-zA-Z_]{4,128}"
    };
}
macro_rules! transfer {
    () => {
        "rt-[0-9a-z]{8,32}"
    };
}
/// `\s` with ASCII classes, as the members of a character class.
macro_rules! space {
    () => {
        r" \t\n\x0B\f\r"
    };
}

const CURRENT_EMAIL: &str = concat!(
    "[^",
    space!(),
    "@]+@[^",
    space!(),
    "@]+\\.[^",
    space!(),
    "@]+"
);
const ORIGINAL_EMAIL: &str = r"[\w+=,.\-]+@[\w.\-]+\.\w+";
const PRINTABLE: &str = "[ -~]+";
const TAG_TEXT: &str = r"[\p{L}\p{Z}\p{N}_.:\/=+\-@]*";

/// The HTML `pattern` of a value of `kind` under `edition`'s rules (its length bounds are
/// separate: [`ValueKind::length_bounds`]); `None` for ARNs, whose rule is a grammar of several
/// resource forms.
pub fn kind_html_pattern(edition: Edition, kind: ValueKind) -> Option<&'static str> {
    Some(match kind {
        ValueKind::AccountId => account!(),
        ValueKind::OrganizationId => "o-[a-z0-9]{10,32}",
        ValueKind::RootId => root!(),
        ValueKind::OrganizationalUnitId => ou!(),
        ValueKind::PolicyId => policy!(),
        ValueKind::HandshakeId => "h-[0-9a-z]{8,32}",
        ValueKind::CreateAccountRequestId => "car-[a-z0-9]{8,32}",
        ValueKind::ChildId => concat!(account!(), "|", ou!()),
        ValueKind::ParentId => concat!(root!(), "|", ou!()),
        ValueKind::PolicyTargetId => concat!(root!(), "|", account!(), "|", ou!()),
        ValueKind::Email if edition == Edition::Original => ORIGINAL_EMAIL,
        ValueKind::Email => CURRENT_EMAIL,
        ValueKind::RoleName => r"[\w+=,.@\-]{1,64}",
        ValueKind::AccountName | ValueKind::OrganizationalUnitName | ValueKind::PolicyName => {
            PRINTABLE
        }
        ValueKind::Arn => return None,
        ValueKind::ResourcePolicyId => resource_policy!(),
        ValueKind::ResponsibilityTransferId => transfer!(),
        ValueKind::TaggableResourceId => concat!(
            root!(),
            "|",
            account!(),
            "|",
            ou!(),
            "|",
            policy!(),
            "|",
            resource_policy!(),
            "|",
            transfer!()
        ),
        ValueKind::TagKey | ValueKind::TagValue => TAG_TEXT,
        ValueKind::ServicePrincipal => r"[\w+=,.@\-]*",
    })
}

/// The HTML `pattern` equivalent to a model pattern's matcher (`None` for the ARN grammars and
/// the patterns of response members).
pub fn html_pattern(matcher: PatternMatcher) -> Option<&'static str> {
    Some(match matcher {
        // The tables hold the Email kind in the current edition only (the original edition's
        // is `OriginalEmail`); the other kinds' patterns are the same in both.
        PatternMatcher::Kind(kind) => return kind_html_pattern(Edition::Current, kind),
        PatternMatcher::OriginalEmail => ORIGINAL_EMAIL,
        PatternMatcher::PrintableAscii => PRINTABLE,
        PatternMatcher::TagText => TAG_TEXT,
        PatternMatcher::PhoneNumber => concat!("[", space!(), r"0-9\(\)+\-]+"),
        PatternMatcher::NonBlankLine => concat!(r"[^\n]*[^", space!(), r"][^\n]*"),
        PatternMatcher::LooseEmail => r"[^\n]+@[^\n]+\.[^\n]+",
        PatternMatcher::PrintableWithoutAngleBrackets => "[ -;=?-~]+",
        PatternMatcher::InternationalPhoneNumber => concat!(r"\+[", space!(), r"0-9\(\)\-]+"),
        PatternMatcher::ContactEmail => concat!(
            "[",
            space!(),
            r"]*[\w+=.#\|!&\-]+@[\w.\-]+\.\w+[",
            space!(),
            "]*"
        ),
        PatternMatcher::Passcode => "[a-zA-Z0-9]{6}",
        _ => return None,
    })
}

// --- sentences ------------------------------------------------------------------------------

/// What an issue's value had to satisfy.
#[derive(Clone, Copy)]
enum Subject<'a> {
    /// A member of a request, of this shape.
    Shape(&'a ShapeKind),
    /// A value of a kind, checked on its own.
    Kind(ValueKind),
    /// Nothing the model knows (an unknown member, the request as a whole).
    Nothing,
}

/// The hint for `code` at `path` about `subject`.
fn issue_hint(code: ErrorCode, path: &str, subject: Subject<'_>) -> String {
    let fixed = match code {
        ErrorCode::InputRequired => "This field is required.",
        ErrorCode::UnknownParameter => "This request takes no such field.",
        ErrorCode::TooManyIssues => "Fix the problems above first.",
        ErrorCode::InvalidNextToken => "Start again from the first page.",
        ErrorCode::MaxLimitExceededFilter => "Give an action type or a parent handshake, not both.",
        ErrorCode::InvalidPartyTypeTarget if path.ends_with("Type") => {
            "An invitation goes to an ACCOUNT or an EMAIL."
        }
        ErrorCode::InvalidPartyTypeTarget => {
            "An ACCOUNT needs a 12-digit account ID, an EMAIL an email address."
        }
        ErrorCode::InvalidType => type_hint(subject),
        ErrorCode::MinLengthExceeded | ErrorCode::MaxLengthExceeded => {
            return bounds_hint(subject).unwrap_or_else(|| describe(subject))
        }
        _ => return describe(subject),
    };
    fixed.to_owned()
}

/// What to enter for `subject`, from its most telling constraint: a pattern, the choices of
/// an enumeration, its bounds, its type.
fn describe(subject: Subject<'_>) -> String {
    let text = match subject {
        Subject::Kind(kind) => kind_hint(kind),
        Subject::Shape(ShapeKind::String {
            pattern: Some(pattern),
            ..
        }) => matcher_hint(pattern.matcher),
        Subject::Shape(ShapeKind::String { values, .. }) if !values.is_empty() => {
            return format!("Choose one of: {}.", values.join(", "))
        }
        _ => return bounds_hint(subject).unwrap_or_else(|| type_hint(subject).to_owned()),
    };
    text.to_owned()
}

/// "Enter 1 to 50 characters.", "Enter at most 20 items.", "Enter a whole number (1 to
/// 20).", when `subject` has bounds (a minimum length of 0 says nothing).
fn bounds_hint(subject: Subject<'_>) -> Option<String> {
    let length = |min: Option<u32>| min.filter(|min| *min > 0).map(i64::from);
    let (min, max, before, after) = match subject {
        Subject::Shape(ShapeKind::String { min, max, .. }) => {
            (length(*min), max.map(i64::from), "Enter ", " characters")
        }
        Subject::Shape(ShapeKind::List { min, max, .. }) => {
            (length(*min), max.map(i64::from), "Enter ", " items")
        }
        Subject::Shape(ShapeKind::Integer { min, max }) => {
            (*min, *max, "Enter a whole number (", ")")
        }
        Subject::Kind(kind) => {
            let (min, max) = kind.length_bounds()?;
            (
                length(Some(min as u32)),
                Some(max as i64),
                "Enter ",
                " characters",
            )
        }
        _ => return None,
    };
    let range = match (min, max) {
        (Some(min), Some(max)) => format!("{min} to {max}"),
        (Some(min), None) => format!("at least {min}"),
        (None, Some(max)) => format!("at most {max}"),
        (None, None) => return None,
    };
    Some(format!("{before}{range}{after}."))
}

fn type_hint(subject: Subject<'_>) -> &'static str {
    match subject {
        Subject::Shape(ShapeKind::Integer { .. }) => "Enter a whole number.",
        Subject::Shape(ShapeKind::Boolean) => "Choose true or false.",
        Subject::Shape(ShapeKind::Timestamp(_)) => "Enter a date and time.",
        Subject::Shape(ShapeKind::List { .. }) => "Enter a list.",
        Subject::Shape(ShapeKind::Structure { .. }) => "Enter an object.",
        _ => "Enter text.",
    }
}

const EMAIL_HINT: &str = "Enter an email address like name@example.com.";
const ARN_HINT: &str = "Enter an Organizations ARN (arn:aws:organizations::…).";

/// What a value of `kind` looks like, in one sentence.
fn kind_hint(kind: ValueKind) -> &'static str {
    match kind {
        ValueKind::AccountId => "An account ID is exactly 12 digits.",
        ValueKind::OrganizationId => "Enter an organization ID like o-a1b2c3d4e5.",
        ValueKind::RootId => "Enter a root ID like r-a1b2.",
        ValueKind::OrganizationalUnitId => "Enter an OU ID like ou-a1b2-c3d4e5f6.",
        ValueKind::PolicyId => "Enter a policy ID like p-FullAWSAccess.",
        ValueKind::HandshakeId => "Enter a handshake ID like h-a1b2c3d4.",
        ValueKind::CreateAccountRequestId => "Enter a request ID like car-a1b2c3d4.",
        ValueKind::ChildId => "Enter an account ID (12 digits) or an OU ID (ou-…).",
        ValueKind::ParentId => "Enter a root ID (r-…) or an OU ID (ou-…).",
        ValueKind::PolicyTargetId => {
            "Enter a root ID (r-…), an account ID (12 digits) or an OU ID (ou-…)."
        }
        ValueKind::Email => EMAIL_HINT,
        ValueKind::RoleName => "Use letters, digits and + = , . @ _ - only.",
        ValueKind::AccountName | ValueKind::OrganizationalUnitName | ValueKind::PolicyName => {
            "Use ASCII letters, digits, spaces and punctuation only."
        }
        ValueKind::Arn => ARN_HINT,
        ValueKind::ResourcePolicyId => "Enter a resource policy ID like rp-a1b2.",
        ValueKind::ResponsibilityTransferId => "Enter a transfer ID like rt-a1b2c3d4.",
        ValueKind::TaggableResourceId => {
            "Enter a root, account, OU, policy, resource policy or transfer ID."
        }
        ValueKind::TagKey | ValueKind::TagValue => {
            "Use letters, digits, spaces and _ . : / = + - @ only."
        }
        ValueKind::ServicePrincipal => "Enter a service principal like config.amazonaws.com.",
    }
}

/// What a value matching a model pattern looks like, in one sentence.
fn matcher_hint(matcher: PatternMatcher) -> &'static str {
    match matcher {
        PatternMatcher::Kind(kind) => kind_hint(kind),
        PatternMatcher::OriginalEmail
        | PatternMatcher::LooseEmail
        | PatternMatcher::ContactEmail => EMAIL_HINT,
        PatternMatcher::PrintableAscii => kind_hint(ValueKind::AccountName),
        PatternMatcher::TagText => kind_hint(ValueKind::TagKey),
        PatternMatcher::PrintableWithoutAngleBrackets => {
            "Use ASCII letters, digits, spaces and punctuation other than < and >."
        }
        PatternMatcher::PhoneNumber => "Use digits, spaces, parentheses, + and - only.",
        PatternMatcher::InternationalPhoneNumber => {
            "Start with + and the country code, like +1 206 555 0100."
        }
        PatternMatcher::NonBlankLine => "Enter some text, on one line.",
        PatternMatcher::Passcode => "Enter the code's 6 letters or digits.",
        PatternMatcher::Arn(_) | PatternMatcher::GenericArn => ARN_HINT,
        // The patterns of response members (in builds with `response-tables`).
        #[allow(unreachable_patterns)]
        _ => "Check the format of this value.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::{find_operation, pattern_failure, validate_operation};
    use serde_json::{json, Value};

    fn hints_of(
        edition: Edition,
        service: &str,
        operation: &str,
        request: Value,
    ) -> Vec<(String, String)> {
        let (service, operation) = find_operation(edition, service, operation).unwrap();
        validate_operation(service, operation, &request)
            .iter()
            .map(|issue| {
                (
                    issue.path.clone(),
                    request_issue_hint(service, operation, issue),
                )
            })
            .collect()
    }

    fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
        expected
            .iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect()
    }

    #[test]
    fn request_issues_get_the_hint_of_their_member() {
        let found = hints_of(
            Edition::Current,
            "organizations",
            "CreateAccount",
            json!({"Email": "a@b", "RoleName": "Admin Role", "IamUserAccessToBilling": "MAYBE",
                   "Tags": [{"Key": "k"}], "Extra": 1}),
        );
        assert_eq!(
            found,
            pairs(&[
                ("Email", "Enter 6 to 64 characters."),
                ("Email", EMAIL_HINT),
                ("AccountName", "This field is required."),
                ("RoleName", "Use letters, digits and + = , . @ _ - only."),
                ("IamUserAccessToBilling", "Choose one of: ALLOW, DENY."),
                ("Tags[0].Value", "This field is required."),
                ("Extra", "This request takes no such field."),
            ])
        );
        let found = hints_of(
            Edition::Original,
            "organizations",
            "ListAccounts",
            json!({"MaxResults": 50, "NextToken": 5}),
        );
        assert_eq!(
            found,
            pairs(&[
                ("NextToken", "Enter text."),
                ("MaxResults", "Enter a whole number (1 to 20)."),
            ])
        );
        let found = hints_of(
            Edition::Original,
            "organizations",
            "InviteAccountToOrganization",
            json!({"Target": {"Id": "someone@example.com", "Type": "ACCOUNT"}}),
        );
        assert_eq!(
            found,
            pairs(&[(
                "Target.Id",
                "An ACCOUNT needs a 12-digit account ID, an EMAIL an email address."
            )])
        );
        let found = hints_of(
            Edition::Original,
            "organizations",
            "AttachPolicy",
            json!({"PolicyId": "p-FullAWSAccess", "TargetId": "x-1"}),
        );
        assert_eq!(
            found,
            pairs(&[("TargetId", kind_hint(ValueKind::PolicyTargetId))])
        );
        let found = hints_of(
            Edition::Current,
            "account",
            "PutAlternateContact",
            json!({
            "AlternateContactType": "BILLING", "EmailAddress": "x", "Name": "N", "PhoneNumber": "555-CALL", "Title": "T"}),
        );
        assert_eq!(
            found,
            pairs(&[
                ("EmailAddress", EMAIL_HINT),
                (
                    "PhoneNumber",
                    "Use digits, spaces, parentheses, + and - only."
                ),
            ])
        );
    }

    #[test]
    fn every_code_has_a_sentence() {
        for code in ErrorCode::ALL {
            for subject in [Subject::Nothing, Subject::Kind(ValueKind::AccountId)] {
                let hint = issue_hint(*code, "", subject);
                assert!(hint.ends_with('.') && hint.len() < 90, "{code}: {hint}");
                assert!(hint.starts_with(char::is_uppercase), "{code}: {hint}");
            }
        }
        for kind in ValueKind::ALL {
            assert!(kind_hint(*kind).ends_with('.'), "{kind}");
        }
    }

    #[test]
    fn values_of_a_kind_get_its_hint() {
        for (kind, value, hint) in [
            (
                ValueKind::AccountId,
                "12345678901x",
                "An account ID is exactly 12 digits.",
            ),
            (ValueKind::Email, "a@b.c", "Enter 6 to 64 characters."),
            (
                ValueKind::ParentId,
                "123456789012",
                "Enter a root ID (r-…) or an OU ID (ou-…).",
            ),
            (ValueKind::Arn, "arn:aws:iam::1:x", ARN_HINT),
        ] {
            let err = kind.check_in(Edition::Current, value).unwrap_err();
            assert_eq!(
                value_issue_hint(kind, &err.issues_at("")[0]),
                hint,
                "{value}"
            );
        }
        let not_text = Issue::wrong_type("", "a string", "number");
        assert_eq!(
            value_issue_hint(ValueKind::RoleName, &not_text),
            "Enter text."
        );
    }

    #[test]
    fn paths_name_their_member_shapes() {
        let (service, operation) =
            find_operation(Edition::Current, "organizations", "CreateAccount").unwrap();
        assert_eq!(
            member_shape(service, operation, "").unwrap().name,
            "CreateAccountRequest"
        );
        assert_eq!(
            member_shape(service, operation, "Tags[3].Key")
                .unwrap()
                .name,
            "TagKey"
        );
        assert!(member_shape(service, operation, "Tags.Key").is_none());
        assert!(member_shape(service, operation, "Email[0]").is_none());
        assert!(member_shape(service, operation, "Nope").is_none());
    }

    #[test]
    fn fields_follow_the_model() {
        let (service, operation) =
            find_operation(Edition::Current, "organizations", "CreateAccount").unwrap();
        let fields = field_constraints(service, operation);
        let paths: Vec<&str> = fields.iter().map(|field| field.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "Email",
                "AccountName",
                "RoleName",
                "IamUserAccessToBilling",
                "Tags",
                "Tags[]",
                "Tags[].Key",
                "Tags[].Value"
            ]
        );
        let email = &fields[0];
        assert_eq!(
            (email.field_type, email.required, email.pattern),
            (FieldType::String, true, Some(CURRENT_EMAIL))
        );
        assert_eq!(email.hint, EMAIL_HINT);
        let role = &fields[2];
        assert!(!role.required);
        assert_eq!(role.pattern, Some(r"[\w+=,.@\-]{1,64}"));
        assert_eq!((role.min_length, role.max_length), (None, Some(64)));
        assert_eq!(
            (fields[4].field_type, fields[4].max_length),
            (FieldType::List, None)
        );
        assert!(fields[5].required && fields[6].required && fields[7].required);
        assert_eq!(
            fields[6].hint,
            "Use letters, digits, spaces and _ . : / = + - @ only."
        );

        let (service, operation) =
            find_operation(Edition::Original, "organizations", "CreateAccount").unwrap();
        let fields = field_constraints(service, operation);
        assert_eq!(fields.len(), 4);
        assert_eq!(fields[0].pattern, Some(ORIGINAL_EMAIL));
        assert_eq!(
            fields[1].hint,
            "Use ASCII letters, digits, spaces and punctuation only."
        );

        let (service, operation) =
            find_operation(Edition::Original, "organizations", "ListAccounts").unwrap();
        let fields = field_constraints(service, operation);
        assert_eq!(fields[1].path, "MaxResults");
        assert_eq!(
            (fields[1].field_type, fields[1].min, fields[1].max),
            (FieldType::Integer, Some(1), Some(20))
        );
        assert_eq!(fields[1].hint, "Enter a whole number (1 to 20).");

        let (service, operation) =
            find_operation(Edition::Original, "organizations", "DescribeOrganization").unwrap();
        assert!(field_constraints(service, operation).is_empty());
    }

    #[test]
    fn kinds_state_their_constraints() {
        let email = value_constraints(Edition::Original, ValueKind::Email);
        assert_eq!(
            (email.required, email.pattern),
            (true, Some(ORIGINAL_EMAIL))
        );
        assert_eq!((email.min_length, email.max_length), (Some(6), Some(64)));
        let tag = value_constraints(Edition::Current, ValueKind::TagValue);
        assert_eq!(
            (tag.required, tag.min_length, tag.max_length),
            (false, Some(0), Some(256))
        );
        assert_eq!(
            value_constraints(Edition::Current, ValueKind::Arn).pattern,
            None
        );
    }

    /// `pattern` as the regex crate reads an HTML pattern: whole value, `\d` and `\w` ASCII.
    /// Patterns without Unicode properties run over bytes with Unicode off (so a negated
    /// ASCII class consumes a multi-byte character byte by byte, which a full match allows).
    fn html_regex(pattern: &str) -> impl Fn(&str) -> bool {
        let anchored = format!("^(?:{pattern})$");
        let unicode = regex::Regex::new(&anchored).unwrap();
        let bytes = regex::bytes::RegexBuilder::new(&anchored)
            .unicode(false)
            .build();
        move |text: &str| match &bytes {
            Ok(bytes) => bytes.is_match(text.as_bytes()),
            Err(_) => unicode.is_match(text),
        }
    }

    fn vector_values() -> Vec<(String, String, Option<String>)> {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/ids.json");
        let vectors: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        vectors["cases"]
            .as_array()
            .unwrap()
            .iter()
            .map(|case| {
                (
                    case["kind"].as_str().unwrap().to_owned(),
                    case["value"].as_str().unwrap().to_owned(),
                    case["edition"].as_str().map(str::to_owned),
                )
            })
            .collect()
    }

    #[test]
    fn kind_patterns_agree_with_the_matchers_on_the_shared_vectors() {
        let mut checked = 0;
        for (kind, value, edition) in vector_values() {
            let kind = ValueKind::from_name(&kind).unwrap();
            for each in Edition::ALL {
                if edition.as_deref().is_some_and(|name| name != each.name()) || !kind.is_in(*each)
                {
                    continue;
                }
                let Some(pattern) = kind_html_pattern(*each, kind) else {
                    continue;
                };
                // The HTML pattern does not apply to an empty value.
                if value.is_empty() {
                    continue;
                }
                let expected = kind.pattern_failure_in(*each, &value).is_none();
                assert_eq!(
                    html_regex(pattern)(&value),
                    expected,
                    "{kind} {value:?} {each}"
                );
                checked += 1;
            }
        }
        assert!(checked > 600, "{checked}");
    }

    #[test]
    fn request_patterns_agree_with_the_matchers() {
        let mut samples: Vec<String> = vector_values()
            .into_iter()
            .map(|(_, value, _)| value)
            .collect();
        for extra in [
            "+1 (206) 555-0100",
            "+",
            "+1",
            "555 0100",
            "(206) 555-0100 x",
            "+1\t206",
            " a@b.cc ",
            "a|b&c#d!@ex-ample.co",
            "a@b.c d",
            "x",
            " ",
            "\t",
            "two\nlines",
            "abc123",
            "ABCDEF",
            "abc12",
            "abc1234",
            "abc-12",
            "<b>",
            "a>b",
            "Fine name",
            "a@b.",
            "@b.c",
            "a@.c",
            "a@b.c\n",
        ] {
            samples.push(extra.to_owned());
        }
        let mut seen = 0;
        for edition in Edition::ALL {
            for service in edition.services() {
                for operation in service.operations {
                    for field in field_constraints(service, operation) {
                        let shape =
                            member_shape(service, operation, &field.path.replace("[]", "[0]"))
                                .unwrap();
                        let ShapeKind::String {
                            pattern: Some(pattern),
                            ..
                        } = &shape.kind
                        else {
                            assert_eq!(field.pattern, None, "{}", field.path);
                            continue;
                        };
                        let html = field
                            .pattern
                            .unwrap_or_else(|| panic!("no pattern for {}", pattern.source));
                        let matches = html_regex(html);
                        for sample in samples.iter().filter(|sample| !sample.is_empty()) {
                            let expected = pattern_failure(pattern.matcher, sample).is_none();
                            assert_eq!(matches(sample), expected, "{} {sample:?}", pattern.source);
                        }
                        seen += 1;
                    }
                }
            }
        }
        assert!(seen > 50, "{seen}");
    }
}
