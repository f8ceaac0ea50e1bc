//! The parsed form of a service control policy: the elements of the IAM policy grammar that
//! an SCP may use, as typed values.
//!
//! The checker ([`super::check`]) builds these from a document only when the document has no
//! issue, so code holding a [`Policy`] can rely on it: every statement has an effect, exactly
//! one of `Action`/`NotAction`, exactly one of `Resource`/`NotResource`, and only known
//! condition operators with values of the right type. The types are plain data with public
//! fields, so tests and tools can also build policies directly.
//!
//! Grammar sources (IAM User Guide): "IAM JSON policy element reference"
//! (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html>),
//! "IAM JSON policy elements: Sid"
//! (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html>) and
//! "IAM JSON policy elements: Condition operators"
//! (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html>).

use std::fmt;

/// A parsed service control policy.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    /// The `Version` element (always `"2012-10-17"` in a checked policy).
    pub version: String,
    /// The statements, in document order (a single-object `Statement` is one statement).
    pub statements: Vec<Statement>,
}

/// Whether a statement allows or denies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Effect {
    /// `"Effect": "Allow"`.
    Allow,
    /// `"Effect": "Deny"`.
    Deny,
}

impl Effect {
    /// The JSON spelling (`"Allow"`, `"Deny"`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Effect::Allow => "Allow",
            Effect::Deny => "Deny",
        }
    }
}

impl fmt::Display for Effect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A list of patterns and whether the statement names what it covers (`Action`, `Resource`)
/// or what it leaves out (`NotAction`, `NotResource`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternList {
    /// `Action` / `Resource`: the statement covers what matches one of the patterns.
    Only(Vec<String>),
    /// `NotAction` / `NotResource`: the statement covers what matches none of the patterns.
    AllExcept(Vec<String>),
}

impl PatternList {
    /// The patterns, whichever the form.
    pub fn patterns(&self) -> &[String] {
        match self {
            PatternList::Only(patterns) | PatternList::AllExcept(patterns) => patterns,
        }
    }
}

/// One statement of a policy.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    /// The `Sid`, if given.
    pub sid: Option<String>,
    /// The `Effect`.
    pub effect: Effect,
    /// `Action` or `NotAction` (`service:action` patterns, or `*`).
    pub actions: PatternList,
    /// `Resource` or `NotResource` (ARN patterns, or `*`).
    pub resources: PatternList,
    /// The conditions of the `Condition` block; all must hold (empty: always holds).
    pub conditions: Vec<Condition>,
}

/// One condition: an operator applied to one context key and the policy's values for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    /// The operator, e.g. `ForAnyValue:StringLikeIfExists`.
    pub operator: ConditionOperator,
    /// The condition key as written (keys are matched case-insensitively).
    pub key: String,
    /// The policy's values (numbers and booleans as their JSON text); any may match.
    pub values: Vec<String>,
}

/// A set qualifier of a condition operator, for multivalued context keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SetQualifier {
    /// `ForAllValues:` — every context value must satisfy the operator (true when the key is
    /// absent or empty).
    ForAllValues,
    /// `ForAnyValue:` — at least one context value must satisfy the operator (false when the
    /// key is absent or empty).
    ForAnyValue,
}

/// The base condition operators of the IAM policy grammar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)] // each variant is the operator of the same name
pub enum BaseOperator {
    StringEquals,
    StringNotEquals,
    StringEqualsIgnoreCase,
    StringNotEqualsIgnoreCase,
    StringLike,
    StringNotLike,
    NumericEquals,
    NumericNotEquals,
    NumericLessThan,
    NumericLessThanEquals,
    NumericGreaterThan,
    NumericGreaterThanEquals,
    DateEquals,
    DateNotEquals,
    DateLessThan,
    DateLessThanEquals,
    DateGreaterThan,
    DateGreaterThanEquals,
    Bool,
    BinaryEquals,
    IpAddress,
    NotIpAddress,
    ArnEquals,
    ArnLike,
    ArnNotEquals,
    ArnNotLike,
    Null,
}

/// What kind of values an operator compares, which decides how policy values are checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ValueType {
    String,
    Numeric,
    Date,
    Bool,
    Binary,
    Ip,
    Arn,
    Null,
}

impl BaseOperator {
    /// Every base operator, in the order of the IAM condition operators page.
    pub const ALL: &'static [BaseOperator] = &[
        BaseOperator::StringEquals,
        BaseOperator::StringNotEquals,
        BaseOperator::StringEqualsIgnoreCase,
        BaseOperator::StringNotEqualsIgnoreCase,
        BaseOperator::StringLike,
        BaseOperator::StringNotLike,
        BaseOperator::NumericEquals,
        BaseOperator::NumericNotEquals,
        BaseOperator::NumericLessThan,
        BaseOperator::NumericLessThanEquals,
        BaseOperator::NumericGreaterThan,
        BaseOperator::NumericGreaterThanEquals,
        BaseOperator::DateEquals,
        BaseOperator::DateNotEquals,
        BaseOperator::DateLessThan,
        BaseOperator::DateLessThanEquals,
        BaseOperator::DateGreaterThan,
        BaseOperator::DateGreaterThanEquals,
        BaseOperator::Bool,
        BaseOperator::BinaryEquals,
        BaseOperator::IpAddress,
        BaseOperator::NotIpAddress,
        BaseOperator::ArnEquals,
        BaseOperator::ArnLike,
        BaseOperator::ArnNotEquals,
        BaseOperator::ArnNotLike,
        BaseOperator::Null,
    ];

    /// The operator's name in a policy.
    pub const fn as_str(self) -> &'static str {
        match self {
            BaseOperator::StringEquals => "StringEquals",
            BaseOperator::StringNotEquals => "StringNotEquals",
            BaseOperator::StringEqualsIgnoreCase => "StringEqualsIgnoreCase",
            BaseOperator::StringNotEqualsIgnoreCase => "StringNotEqualsIgnoreCase",
            BaseOperator::StringLike => "StringLike",
            BaseOperator::StringNotLike => "StringNotLike",
            BaseOperator::NumericEquals => "NumericEquals",
            BaseOperator::NumericNotEquals => "NumericNotEquals",
            BaseOperator::NumericLessThan => "NumericLessThan",
            BaseOperator::NumericLessThanEquals => "NumericLessThanEquals",
            BaseOperator::NumericGreaterThan => "NumericGreaterThan",
            BaseOperator::NumericGreaterThanEquals => "NumericGreaterThanEquals",
            BaseOperator::DateEquals => "DateEquals",
            BaseOperator::DateNotEquals => "DateNotEquals",
            BaseOperator::DateLessThan => "DateLessThan",
            BaseOperator::DateLessThanEquals => "DateLessThanEquals",
            BaseOperator::DateGreaterThan => "DateGreaterThan",
            BaseOperator::DateGreaterThanEquals => "DateGreaterThanEquals",
            BaseOperator::Bool => "Bool",
            BaseOperator::BinaryEquals => "BinaryEquals",
            BaseOperator::IpAddress => "IpAddress",
            BaseOperator::NotIpAddress => "NotIpAddress",
            BaseOperator::ArnEquals => "ArnEquals",
            BaseOperator::ArnLike => "ArnLike",
            BaseOperator::ArnNotEquals => "ArnNotEquals",
            BaseOperator::ArnNotLike => "ArnNotLike",
            BaseOperator::Null => "Null",
        }
    }

    /// Whether the operator is a negation ("the key is *not* matched"): such a condition is
    /// true when the key is absent, and true for a present key when no policy value matches.
    pub const fn is_negated(self) -> bool {
        matches!(
            self,
            BaseOperator::StringNotEquals
                | BaseOperator::StringNotEqualsIgnoreCase
                | BaseOperator::StringNotLike
                | BaseOperator::NumericNotEquals
                | BaseOperator::DateNotEquals
                | BaseOperator::NotIpAddress
                | BaseOperator::ArnNotEquals
                | BaseOperator::ArnNotLike
        )
    }

    pub(crate) const fn value_type(self) -> ValueType {
        use BaseOperator::*;
        match self {
            StringEquals
            | StringNotEquals
            | StringEqualsIgnoreCase
            | StringNotEqualsIgnoreCase
            | StringLike
            | StringNotLike => ValueType::String,
            NumericEquals
            | NumericNotEquals
            | NumericLessThan
            | NumericLessThanEquals
            | NumericGreaterThan
            | NumericGreaterThanEquals => ValueType::Numeric,
            DateEquals
            | DateNotEquals
            | DateLessThan
            | DateLessThanEquals
            | DateGreaterThan
            | DateGreaterThanEquals => ValueType::Date,
            Bool => ValueType::Bool,
            BinaryEquals => ValueType::Binary,
            IpAddress | NotIpAddress => ValueType::Ip,
            ArnEquals | ArnLike | ArnNotEquals | ArnNotLike => ValueType::Arn,
            Null => ValueType::Null,
        }
    }
}

/// A full condition operator: an optional set qualifier, a base operator and `IfExists`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ConditionOperator {
    /// `ForAllValues:` / `ForAnyValue:`, if given.
    pub set: Option<SetQualifier>,
    /// The base operator.
    pub base: BaseOperator,
    /// Whether the name ends in `IfExists` (an absent key then satisfies the condition).
    pub if_exists: bool,
}

impl ConditionOperator {
    /// Reads an operator name such as `ForAnyValue:StringLikeIfExists`. Names are
    /// case-sensitive. `Null` takes neither a set qualifier nor `IfExists` (it is itself the
    /// test for presence), so `NullIfExists` and `ForAllValues:Null` are not operators.
    pub fn parse(name: &str) -> Option<ConditionOperator> {
        let (set, rest) = if let Some(rest) = name.strip_prefix("ForAllValues:") {
            (Some(SetQualifier::ForAllValues), rest)
        } else if let Some(rest) = name.strip_prefix("ForAnyValue:") {
            (Some(SetQualifier::ForAnyValue), rest)
        } else {
            (None, name)
        };
        let (base_name, if_exists) = match rest.strip_suffix("IfExists") {
            Some(base) => (base, true),
            None => (rest, false),
        };
        let base = BaseOperator::ALL
            .iter()
            .copied()
            .find(|op| op.as_str() == base_name)?;
        if base == BaseOperator::Null && (set.is_some() || if_exists) {
            return None;
        }
        Some(ConditionOperator {
            set,
            base,
            if_exists,
        })
    }
}

impl fmt::Display for ConditionOperator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.set {
            Some(SetQualifier::ForAllValues) => f.write_str("ForAllValues:")?,
            Some(SetQualifier::ForAnyValue) => f.write_str("ForAnyValue:")?,
            None => {}
        }
        f.write_str(self.base.as_str())?;
        if self.if_exists {
            f.write_str("IfExists")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operator_names_round_trip() {
        for base in BaseOperator::ALL {
            let op = ConditionOperator::parse(base.as_str()).unwrap();
            assert_eq!(op.to_string(), base.as_str());
        }
        let op = ConditionOperator::parse("ForAnyValue:StringLikeIfExists").unwrap();
        assert_eq!(op.set, Some(SetQualifier::ForAnyValue));
        assert!(op.if_exists);
        assert_eq!(op.to_string(), "ForAnyValue:StringLikeIfExists");
        for bad in [
            "stringequals",
            "NullIfExists",
            "ForAllValues:Null",
            "ForAnyValue:",
            "IfExists",
            "StringEqualsIfExistsIfExists",
        ] {
            assert_eq!(ConditionOperator::parse(bad), None, "{bad}");
        }
    }
}
