//! The SCP document check: reads a document, walks it element by element, and either builds
//! a [`Policy`] or reports every issue with its path.
//!
//! One walk does both so that "checks clean" and "parses" can never disagree. Which elements
//! an SCP may use depends on the [`ScpRules`] edition; every edition-dependent rule is marked
//! below with the page it follows (the full table is in the `policy` module docs).

use std::collections::HashSet;

use super::document::{self, JsonValue};
use super::grammar::{
    Condition, ConditionOperator, Effect, PatternList, Policy, Statement, ValueType,
};
use super::matching::{parse_bool, parse_date, parse_number, IpRange};
use super::{PolicyIssue, PolicyIssueCode, ScpRules, MAX_SCP_CHARS};
use crate::validate::MAX_ISSUES;

/// Checks a document and builds its policy when there is no issue.
pub(crate) fn check(bytes: &[u8], rules: ScpRules) -> (Option<Policy>, Vec<PolicyIssue>) {
    let mut checker = Checker {
        rules,
        issues: Vec::new(),
        stopped: false,
    };
    let policy = checker.document(bytes);
    if checker.stopped {
        checker.issues.push(PolicyIssue {
            path: String::new(),
            code: PolicyIssueCode::TooManyIssues,
            message: format!(
                "The check stopped after {MAX_ISSUES} issues; the rest of the policy was not checked"
            ),
        });
    }
    if checker.issues.is_empty() {
        (policy, checker.issues)
    } else {
        (None, checker.issues)
    }
}

/// The number of characters left when whitespace outside strings is removed.
fn minified_chars(text: &str) -> usize {
    let mut count = 0;
    let mut in_string = false;
    let mut escaped = false;
    for c in text.chars() {
        if in_string {
            count += 1;
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if !matches!(c, ' ' | '\t' | '\n' | '\r') {
            count += 1;
            in_string = c == '"';
        }
    }
    count
}

struct Checker {
    rules: ScpRules,
    issues: Vec<PolicyIssue>,
    stopped: bool,
}

/// The members of an object, first occurrence of each key only (later ones were reported as
/// `DUPLICATE_KEY` by the reader).
fn first_members(members: &[(String, JsonValue)]) -> Vec<(&str, &JsonValue)> {
    let mut seen = HashSet::new();
    members
        .iter()
        .filter(|(key, _)| seen.insert(key.as_str()))
        .map(|(key, value)| (key.as_str(), value))
        .collect()
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// A scalar condition value as text (numbers as written, booleans as `true`/`false`).
fn scalar_text(value: &JsonValue) -> Option<String> {
    match value {
        JsonValue::String(s) => Some(s.clone()),
        JsonValue::Number(n) => Some(n.clone()),
        JsonValue::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

impl Checker {
    fn issue(&mut self, path: &str, code: PolicyIssueCode, message: String) {
        if self.issues.len() >= MAX_ISSUES {
            self.stopped = true;
        } else {
            self.issues.push(PolicyIssue {
                path: path.to_owned(),
                code,
                message,
            });
        }
    }

    fn wrong_type(&mut self, path: &str, expected: &str, found: &JsonValue) {
        self.issue(
            path,
            PolicyIssueCode::InvalidType,
            format!("Expected {expected}, got {}", found.kind()),
        );
    }

    fn document(&mut self, bytes: &[u8]) -> Option<Policy> {
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => text,
            Err(err) => {
                self.issue(
                    "",
                    PolicyIssueCode::NotUtf8,
                    format!(
                        "The policy is not valid UTF-8 text (invalid byte sequence at byte {})",
                        err.valid_up_to()
                    ),
                );
                return None;
            }
        };
        // Size: every character counts, whitespace included (see the module docs).
        let chars = text.chars().count();
        if chars > MAX_SCP_CHARS {
            let minified = minified_chars(text);
            let hint = if minified <= MAX_SCP_CHARS {
                format!("; without the whitespace outside strings it would be {minified} and fit")
            } else {
                format!("; even without the whitespace outside strings it is {minified}")
            };
            self.issue(
                "",
                PolicyIssueCode::DocumentTooLarge,
                format!(
                    "The policy has {chars} characters, more than the {MAX_SCP_CHARS} an SCP may have{hint}"
                ),
            );
        }
        let read = match document::read(text, MAX_ISSUES + 1) {
            Ok(read) => read,
            Err(err) => {
                self.issue("", err.code, err.message);
                return None;
            }
        };
        for duplicate in &read.duplicates {
            self.issue(
                &duplicate.path,
                PolicyIssueCode::DuplicateKey,
                format!(
                    "The key \"{}\" appears more than once in the same object; each element may be given once",
                    duplicate.key
                ),
            );
        }
        if read.more_duplicates {
            self.stopped = true;
        }
        let JsonValue::Object(members) = &read.value else {
            self.issue(
                "",
                PolicyIssueCode::NotAnObject,
                format!("A policy is one JSON object, got {}", read.value.kind()),
            );
            return None;
        };
        let mut version = None;
        let mut statements = None;
        for (key, value) in first_members(members) {
            match key {
                "Version" => version = Some(self.version(value)),
                "Statement" => statements = Some(self.statements(value)),
                "Id" => self.issue(
                    key,
                    PolicyIssueCode::UnsupportedElement,
                    "SCPs do not support the Id element (the SCP syntax page lists only Version and Statement at the top level)".to_owned(),
                ),
                _ => self.unknown_element("", key, "Version, Statement"),
            }
        }
        if version.is_none() {
            self.issue(
                "Version",
                PolicyIssueCode::MissingElement,
                "Every SCP must have a Version element with the value \"2012-10-17\"".to_owned(),
            );
        }
        if statements.is_none() {
            self.issue(
                "Statement",
                PolicyIssueCode::MissingElement,
                "An SCP must have a Statement element".to_owned(),
            );
        }
        Some(Policy {
            version: version.flatten()?,
            statements: statements.flatten()?,
        })
    }

    fn unknown_element(&mut self, parent: &str, key: &str, valid: &str) {
        let path = join(parent, key);
        let hint = valid
            .split(", ")
            .find(|name| name.eq_ignore_ascii_case(key))
            .map(|name| format!(" (element names are case-sensitive: did you mean {name}?)"))
            .unwrap_or_default();
        self.issue(
            &path,
            PolicyIssueCode::UnknownElement,
            format!("\"{key}\" is not an SCP element here; valid: {valid}{hint}"),
        );
    }

    fn version(&mut self, value: &JsonValue) -> Option<String> {
        match value {
            JsonValue::String(v) if v == "2012-10-17" => Some(v.clone()),
            JsonValue::String(v) if v == "2008-10-17" => {
                self.issue(
                    "Version",
                    PolicyIssueCode::InvalidVersion,
                    "\"2008-10-17\" is an older IAM policy language version; SCPs must use \"2012-10-17\"".to_owned(),
                );
                None
            }
            JsonValue::String(v) => {
                self.issue(
                    "Version",
                    PolicyIssueCode::InvalidVersion,
                    format!("Version \"{v}\" is not a policy language version; SCPs must use \"2012-10-17\""),
                );
                None
            }
            other => {
                self.wrong_type("Version", "a string", other);
                None
            }
        }
    }

    fn statements(&mut self, value: &JsonValue) -> Option<Vec<Statement>> {
        let mut sids = HashSet::new();
        match value {
            JsonValue::Object(_) => self
                .statement("Statement", value, &mut sids)
                .map(|s| vec![s]),
            JsonValue::Array(items) if items.is_empty() => {
                self.issue(
                    "Statement",
                    PolicyIssueCode::EmptyValue,
                    "Statement is an empty list; an SCP needs at least one statement".to_owned(),
                );
                None
            }
            JsonValue::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                let mut ok = true;
                for (index, item) in items.iter().enumerate() {
                    let path = format!("Statement[{index}]");
                    match self.statement(&path, item, &mut sids) {
                        Some(statement) => out.push(statement),
                        None => ok = false,
                    }
                }
                ok.then_some(out)
            }
            other => {
                self.wrong_type("Statement", "an object or a list of objects", other);
                None
            }
        }
    }

    fn statement<'v>(
        &mut self,
        path: &str,
        value: &'v JsonValue,
        sids: &mut HashSet<&'v str>,
    ) -> Option<Statement> {
        let JsonValue::Object(members) = value else {
            self.wrong_type(path, "a statement object", value);
            return None;
        };
        let members = first_members(members);
        let before = self.issues.len() + usize::from(self.stopped);
        // The effect decides which elements are allowed, so read it first.
        let effect_value = members
            .iter()
            .find(|(k, _)| *k == "Effect")
            .map(|(_, v)| *v);
        let effect = match effect_value {
            None => {
                self.issue(
                    &join(path, "Effect"),
                    PolicyIssueCode::MissingElement,
                    "Every statement needs an Effect (\"Allow\" or \"Deny\")".to_owned(),
                );
                None
            }
            Some(JsonValue::String(e)) if e == "Allow" => Some(Effect::Allow),
            Some(JsonValue::String(e)) if e == "Deny" => Some(Effect::Deny),
            Some(JsonValue::String(e)) => {
                self.issue(
                    &join(path, "Effect"),
                    PolicyIssueCode::InvalidEffect,
                    format!("Effect \"{e}\" is neither \"Allow\" nor \"Deny\" (the value is case-sensitive)"),
                );
                None
            }
            Some(other) => {
                self.wrong_type(&join(path, "Effect"), "a string", other);
                None
            }
        };
        let original_allow = self.rules == ScpRules::Original && effect == Some(Effect::Allow);
        let mut sid = None;
        let mut actions: Option<Option<PatternList>> = None;
        let mut resources: Option<Option<PatternList>> = None;
        let mut conditions = Some(Vec::new());
        for (key, value) in &members {
            let element_path = join(path, key);
            match *key {
                "Effect" => {}
                "Sid" => sid = self.sid(&element_path, value, sids),
                "Action" | "NotAction" => {
                    if actions.is_some() {
                        self.issue(
                            &element_path,
                            PolicyIssueCode::ConflictingElements,
                            "A statement has either Action or NotAction, not both".to_owned(),
                        );
                        continue;
                    }
                    if *key == "NotAction" && original_allow {
                        // Original rules: NotAction only in Deny statements.
                        self.issue(
                            &element_path,
                            PolicyIssueCode::DenyOnlyElement,
                            "Under the original SCP rules NotAction may be used only in Deny statements".to_owned(),
                        );
                    }
                    let list = self.string_list(&element_path, value, key, Self::action);
                    actions = Some(list.map(|l| {
                        if *key == "Action" {
                            PatternList::Only(l)
                        } else {
                            PatternList::AllExcept(l)
                        }
                    }));
                }
                "Resource" | "NotResource" => {
                    if resources.is_some() {
                        self.issue(
                            &element_path,
                            PolicyIssueCode::ConflictingElements,
                            "A statement has either Resource or NotResource, not both".to_owned(),
                        );
                        continue;
                    }
                    if *key == "NotResource" && self.rules == ScpRules::Original {
                        // Original rules: NotResource is not supported in SCPs.
                        self.issue(
                            &element_path,
                            PolicyIssueCode::UnsupportedElement,
                            "Under the original SCP rules SCPs do not support NotResource".to_owned(),
                        );
                    }
                    let list = self.string_list(&element_path, value, key, Self::resource);
                    if *key == "Resource" && original_allow {
                        // Original rules: an Allow statement's Resource must be "*".
                        self.original_allow_resource(&element_path, value);
                    }
                    resources = Some(list.map(|l| {
                        if *key == "Resource" {
                            PatternList::Only(l)
                        } else {
                            PatternList::AllExcept(l)
                        }
                    }));
                }
                "Condition" => {
                    if original_allow {
                        // Original rules: Condition only in Deny statements.
                        self.issue(
                            &element_path,
                            PolicyIssueCode::DenyOnlyElement,
                            "Under the original SCP rules Condition may be used only in Deny statements".to_owned(),
                        );
                    }
                    conditions = self.condition_block(&element_path, value);
                }
                "Principal" | "NotPrincipal" => self.issue(
                    &element_path,
                    PolicyIssueCode::UnsupportedElement,
                    format!("SCPs do not support {key}: an SCP applies to the IAM users and roles of the accounts it is attached to"),
                ),
                _ => self.unknown_element(
                    path,
                    key,
                    "Sid, Effect, Action, NotAction, Resource, NotResource, Condition",
                ),
            }
        }
        if actions.is_none() {
            self.issue(
                &join(path, "Action"),
                PolicyIssueCode::MissingElement,
                "Every statement needs Action or NotAction".to_owned(),
            );
        }
        if resources.is_none() {
            self.issue(
                &join(path, "Resource"),
                PolicyIssueCode::MissingElement,
                "Every statement needs Resource or NotResource".to_owned(),
            );
        }
        if self.issues.len() + usize::from(self.stopped) != before {
            return None;
        }
        Some(Statement {
            sid,
            effect: effect?,
            actions: actions.flatten()?,
            resources: resources.flatten()?,
            conditions: conditions?,
        })
    }

    fn sid<'v>(
        &mut self,
        path: &str,
        value: &'v JsonValue,
        sids: &mut HashSet<&'v str>,
    ) -> Option<String> {
        let JsonValue::String(sid) = value else {
            self.wrong_type(path, "a string", value);
            return None;
        };
        if let Some((position, bad)) = sid
            .chars()
            .enumerate()
            .find(|(_, c)| !c.is_ascii_alphanumeric())
        {
            self.issue(
                path,
                PolicyIssueCode::InvalidSid,
                format!(
                    "Sid may contain only ASCII letters and digits; found {bad:?} at position {}",
                    position + 1
                ),
            );
            return None;
        }
        if !sid.is_empty() && !sids.insert(sid.as_str()) {
            self.issue(
                path,
                PolicyIssueCode::DuplicateSid,
                format!("Sid \"{sid}\" is used by an earlier statement; each Sid must be unique in a policy"),
            );
            return None;
        }
        Some(sid.clone())
    }

    /// A string or a non-empty list of strings, each checked by `item`.
    fn string_list(
        &mut self,
        path: &str,
        value: &JsonValue,
        element: &str,
        item: fn(&mut Checker, &str, &str) -> bool,
    ) -> Option<Vec<String>> {
        match value {
            JsonValue::String(s) => item(self, path, s).then(|| vec![s.clone()]),
            JsonValue::Array(items) if items.is_empty() => {
                self.issue(
                    path,
                    PolicyIssueCode::EmptyValue,
                    format!("{element} is an empty list; give at least one value"),
                );
                None
            }
            JsonValue::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                let mut ok = true;
                for (index, value) in items.iter().enumerate() {
                    let item_path = format!("{path}[{index}]");
                    match value {
                        JsonValue::String(s) if item(self, &item_path, s) => out.push(s.clone()),
                        JsonValue::String(_) => ok = false,
                        other => {
                            self.wrong_type(&item_path, "a string", other);
                            ok = false;
                        }
                    }
                }
                ok.then_some(out)
            }
            other => {
                self.wrong_type(path, "a string or a list of strings", other);
                None
            }
        }
    }

    /// `*`, or `service:action` where the service prefix is letters, digits and `-`, and the
    /// action name letters and digits with `*`/`?` wildcards. Under the original rules a `*`
    /// may only end the action name; the current rules allow it anywhere in the name.
    fn action(&mut self, path: &str, action: &str) -> bool {
        if action == "*" {
            return true;
        }
        let Some((service, name)) = action.split_once(':') else {
            self.issue(
                path,
                PolicyIssueCode::InvalidAction,
                format!("Action \"{action}\" is not \"*\" or \"service:action\" (e.g. \"s3:GetObject\")"),
            );
            return false;
        };
        let service_ok = !service.is_empty()
            && service
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-');
        let name_ok = !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'*' || b == b'?');
        if !service_ok || !name_ok {
            let what = if !service_ok {
                format!("the service prefix \"{service}\" must be letters, digits and '-', without wildcards")
            } else {
                format!("the action name \"{name}\" must be letters and digits, with '*' and '?' wildcards")
            };
            self.issue(
                path,
                PolicyIssueCode::InvalidAction,
                format!("Action \"{action}\" is not valid: {what}"),
            );
            return false;
        }
        if self.rules == ScpRules::Original {
            if let Some(star) = name.find('*') {
                if star + 1 != name.len() {
                    // Original rules (note under "Action and NotAction elements"): the `*`
                    // wildcard may stand alone or end the string, never start or split it.
                    // The current rules (full IAM policy language, 2025) allow `*` at the
                    // beginning or in the middle too (`ec2:*Vpc*`, `s3:*Object`).
                    self.issue(
                        path,
                        PolicyIssueCode::InvalidActionWildcard,
                        format!("Action \"{action}\": under the original SCP rules a '*' may only end the action name (\"{service}:Describe*\"), not start or split it"),
                    );
                    return false;
                }
            }
        }
        true
    }

    /// `*`, or an ARN pattern `arn:partition:service:region:account:resource` (wildcards
    /// allowed in every part; partition and service must not be empty).
    fn resource(&mut self, path: &str, resource: &str) -> bool {
        if resource == "*" {
            return true;
        }
        let parts: Vec<&str> = resource.splitn(6, ':').collect();
        if parts.len() == 6 && parts[0] == "arn" && !parts[1].is_empty() && !parts[2].is_empty() {
            return true;
        }
        self.issue(
            path,
            PolicyIssueCode::InvalidResource,
            format!("Resource \"{resource}\" is not \"*\" or an ARN (arn:partition:service:region:account:resource)"),
        );
        false
    }

    fn original_allow_resource(&mut self, path: &str, value: &JsonValue) {
        let message =
            "Under the original SCP rules an Allow statement may only use \"Resource\": \"*\"";
        match value {
            JsonValue::String(s) if s != "*" => {
                self.issue(path, PolicyIssueCode::DenyOnlyElement, message.to_owned())
            }
            JsonValue::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    if matches!(item, JsonValue::String(s) if s != "*") {
                        self.issue(
                            &format!("{path}[{index}]"),
                            PolicyIssueCode::DenyOnlyElement,
                            message.to_owned(),
                        );
                    }
                }
            }
            _ => {}
        }
    }

    fn condition_block(&mut self, path: &str, value: &JsonValue) -> Option<Vec<Condition>> {
        let JsonValue::Object(operators) = value else {
            self.wrong_type(path, "an object of condition operators", value);
            return None;
        };
        let mut out = Vec::new();
        let mut ok = true;
        for (name, keys) in first_members(operators) {
            let op_path = join(path, name);
            let Some(operator) = ConditionOperator::parse(name) else {
                self.issue(
                    &op_path,
                    PolicyIssueCode::UnknownConditionOperator,
                    format!("\"{name}\" is not a condition operator (names are case-sensitive; Null takes no IfExists or set qualifier)"),
                );
                ok = false;
                continue;
            };
            let JsonValue::Object(keys) = keys else {
                self.wrong_type(&op_path, "an object of condition keys and values", keys);
                ok = false;
                continue;
            };
            for (key, values) in first_members(keys) {
                let key_path = join(&op_path, key);
                if key.is_empty() {
                    self.issue(
                        &key_path,
                        PolicyIssueCode::InvalidConditionValue,
                        "A condition key must not be empty".to_owned(),
                    );
                    ok = false;
                    continue;
                }
                match self.condition_values(&key_path, operator, values) {
                    Some(values) => out.push(Condition {
                        operator,
                        key: key.to_owned(),
                        values,
                    }),
                    None => ok = false,
                }
            }
        }
        ok.then_some(out)
    }

    fn condition_values(
        &mut self,
        path: &str,
        operator: ConditionOperator,
        value: &JsonValue,
    ) -> Option<Vec<String>> {
        let items: Vec<(String, &JsonValue)> = match value {
            JsonValue::Array(items) if items.is_empty() => {
                self.issue(
                    path,
                    PolicyIssueCode::EmptyValue,
                    "A condition needs at least one value".to_owned(),
                );
                return None;
            }
            JsonValue::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, v)| (format!("{path}[{i}]"), v))
                .collect(),
            single => vec![(path.to_owned(), single)],
        };
        let mut out = Vec::with_capacity(items.len());
        let mut ok = true;
        for (item_path, item) in items {
            let Some(text) = scalar_text(item) else {
                self.issue(
                    &item_path,
                    PolicyIssueCode::InvalidConditionValue,
                    format!(
                        "A condition value is a string, number or boolean, got {}",
                        item.kind()
                    ),
                );
                ok = false;
                continue;
            };
            let is_string = matches!(item, JsonValue::String(_));
            let problem = match operator.base.value_type() {
                ValueType::String | ValueType::Binary => None,
                ValueType::Arn if !is_string => Some("an ARN string"),
                ValueType::Arn => None,
                ValueType::Numeric => parse_number(&text).is_none().then_some("a number"),
                ValueType::Date => parse_date(&text)
                    .is_none()
                    .then_some("a date (ISO 8601 such as 2026-01-31T12:00:00Z, or epoch seconds)"),
                ValueType::Bool | ValueType::Null => {
                    parse_bool(&text).is_none().then_some("true or false")
                }
                ValueType::Ip => IpRange::parse(&text)
                    .is_none()
                    .then_some("an IP address or CIDR range (203.0.113.0/24)"),
            };
            if let Some(expected) = problem {
                self.issue(
                    &item_path,
                    PolicyIssueCode::InvalidConditionValue,
                    format!(
                        "{} compares {expected}; \"{text}\" is not one",
                        operator.base.as_str()
                    ),
                );
                ok = false;
                continue;
            }
            out.push(text);
        }
        ok.then_some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minified_count_keeps_string_whitespace() {
        assert_eq!(
            minified_chars("{ \"a b\" : [ 1 , 2 ] }"),
            "{\"a b\":[1,2]}".len()
        );
        assert_eq!(minified_chars("\"\\\" x\""), 6);
    }
}
