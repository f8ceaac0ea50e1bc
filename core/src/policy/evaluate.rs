//! SCP evaluation over an organization's tree: is a request of a member account's principal
//! allowed by the SCPs attached from the root down to the account, and why (not)?
//!
//! The rules, from "SCP evaluation"
//! (<https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html>)
//! and "Service control policies (SCPs)"
//! (<https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html>):
//! - a permission is allowed only if an `Allow` statement matches it at **every** level: the
//!   root, each OU on the path, and the account itself (a level with no matching `Allow` —
//!   or no policy at all — denies implicitly);
//! - an explicit `Deny` that matches at any level wins over every `Allow`;
//! - SCPs do not affect the management account, nor service-linked roles.
//!
//! Statements match as in IAM ("Policy evaluation logic",
//! <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html>):
//! action (case-insensitive, wildcards) and resource (case-sensitive, wildcards), `NotAction`
//! and `NotResource` as complements, and every condition of the `Condition` block. Condition
//! semantics follow the condition operators page: an absent key makes a condition false,
//! except that negated operators (`StringNotEquals`, `ArnNotLike`, …) are then true, an
//! `…IfExists` operator is then true, and `Null` tests presence itself; `ForAllValues:` is
//! true and `ForAnyValue:` false for an absent or empty key. Policy variables (`${aws:…}`)
//! are not substituted: they compare as written.

use std::collections::BTreeMap;
use std::fmt;

use super::grammar::{
    BaseOperator, Condition, Effect, PatternList, Policy, SetQualifier, Statement,
};
use super::matching::{
    action_matches, arn_like, parse_bool, parse_date, parse_number, resource_matches,
    wildcard_match, IpRange,
};

/// An SCP attached to a level, with its ID (`p-FullAWSAccess`, `p-examplepolicyid`).
#[derive(Debug, Clone, PartialEq)]
pub struct AttachedPolicy {
    /// The policy ID, reported in a [`Decision`].
    pub policy_id: String,
    /// The checked document.
    pub document: Policy,
}

/// One level of the path from the root to an account: the root, an OU, or the account.
#[derive(Debug, Clone, PartialEq)]
pub struct Level {
    /// What the level is (`r-abcd`, `ou-abcd-12345678`, `111111111111`), for explanations.
    pub target: String,
    /// The SCPs attached directly to this level.
    pub policies: Vec<AttachedPolicy>,
}

/// Who makes a request; some principals are outside the reach of SCPs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PrincipalKind {
    /// An IAM user (or the root user) of a member account.
    User,
    /// An IAM role of a member account (including assumed-role sessions).
    Role,
    /// A service-linked role: SCPs do not affect it.
    ServiceLinkedRole,
    /// Any principal of the organization's management account: SCPs do not affect it.
    ManagementAccount,
}

/// A request to evaluate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// The action, `service:Action` (`s3:GetObject`).
    pub action: String,
    /// The resource ARN (or `*` for actions without a resource).
    pub resource: String,
    /// The request context: condition key → values (one for a single-valued key). Keys are
    /// matched case-insensitively.
    pub context: BTreeMap<String, Vec<String>>,
    /// Who makes the request.
    pub principal: PrincipalKind,
}

impl Request {
    /// A request of an IAM role with an empty context.
    pub fn new(action: impl Into<String>, resource: impl Into<String>) -> Request {
        Request {
            action: action.into(),
            resource: resource.into(),
            context: BTreeMap::new(),
            principal: PrincipalKind::Role,
        }
    }
}

/// Why a request was allowed without looking at any SCP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Exemption {
    /// SCPs do not affect users and roles of the management account.
    ManagementAccount,
    /// SCPs do not affect service-linked roles.
    ServiceLinkedRole,
}

impl Exemption {
    /// A stable name (`MANAGEMENT_ACCOUNT`, `SERVICE_LINKED_ROLE`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Exemption::ManagementAccount => "MANAGEMENT_ACCOUNT",
            Exemption::ServiceLinkedRole => "SERVICE_LINKED_ROLE",
        }
    }
}

/// The statement that explicitly denied a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DenyingStatement {
    /// The level's index in the `levels` given to [`evaluate`] (0 = root).
    pub level: usize,
    /// The level's target.
    pub target: String,
    /// The policy's ID.
    pub policy_id: String,
    /// The statement's index in its policy.
    pub statement: usize,
    /// The statement's `Sid`, if any.
    pub sid: Option<String>,
}

/// The first level at which no `Allow` matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingAllow {
    /// The level's index (0 = root).
    pub level: usize,
    /// The level's target.
    pub target: String,
}

/// The outcome of [`evaluate`], with its reasons as data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// Whether the SCPs allow the request.
    pub allowed: bool,
    /// The first matching `Deny` (root first, then policy and statement order), if any.
    pub denied_by: Option<DenyingStatement>,
    /// The first level without a matching `Allow`, if any (reported even when a `Deny`
    /// matched too; a `Deny` is what decides then).
    pub missing_allow_at: Option<MissingAllow>,
    /// Set when the principal is exempt from SCPs (then nothing else is evaluated).
    pub exempt: Option<Exemption>,
}

impl Decision {
    /// The decision as one English sentence.
    pub fn explain(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(exempt) = self.exempt {
            return match exempt {
                Exemption::ManagementAccount => {
                    f.write_str("Allowed: SCPs do not affect principals of the management account")
                }
                Exemption::ServiceLinkedRole => {
                    f.write_str("Allowed: SCPs do not affect service-linked roles")
                }
            };
        }
        if let Some(deny) = &self.denied_by {
            let sid = deny
                .sid
                .as_deref()
                .map(|sid| format!(" (Sid \"{sid}\")"))
                .unwrap_or_default();
            return write!(
                f,
                "Denied: statement {}{sid} of policy {} attached to {} (level {}) explicitly denies it",
                deny.statement, deny.policy_id, deny.target, deny.level
            );
        }
        if let Some(missing) = &self.missing_allow_at {
            return write!(
                f,
                "Denied: no SCP attached to {} (level {}) allows it, and every level must",
                missing.target, missing.level
            );
        }
        f.write_str("Allowed: an Allow matches at every level and no Deny matches")
    }
}

/// Evaluates `request` against the SCPs of `levels` (root first, account last).
///
/// An empty `levels` slice means no SCP applies (SCPs not enabled): the request is allowed.
pub fn evaluate(levels: &[Level], request: &Request) -> Decision {
    let exempt = match request.principal {
        PrincipalKind::ManagementAccount => Some(Exemption::ManagementAccount),
        PrincipalKind::ServiceLinkedRole => Some(Exemption::ServiceLinkedRole),
        PrincipalKind::User | PrincipalKind::Role => None,
    };
    if exempt.is_some() {
        return Decision {
            allowed: true,
            denied_by: None,
            missing_allow_at: None,
            exempt,
        };
    }
    let context: BTreeMap<String, &[String]> = request
        .context
        .iter()
        .map(|(key, values)| (key.to_lowercase(), values.as_slice()))
        .collect();
    let mut denied_by = None;
    let mut missing_allow_at = None;
    for (level_index, level) in levels.iter().enumerate() {
        let mut allowed_here = false;
        for attached in &level.policies {
            for (index, statement) in attached.document.statements.iter().enumerate() {
                match statement.effect {
                    Effect::Allow if allowed_here => {}
                    Effect::Deny if denied_by.is_some() => {}
                    _ if !statement_applies(statement, request, &context) => {}
                    Effect::Allow => allowed_here = true,
                    Effect::Deny => {
                        denied_by = Some(DenyingStatement {
                            level: level_index,
                            target: level.target.clone(),
                            policy_id: attached.policy_id.clone(),
                            statement: index,
                            sid: statement.sid.clone(),
                        })
                    }
                }
            }
        }
        if !allowed_here && missing_allow_at.is_none() {
            missing_allow_at = Some(MissingAllow {
                level: level_index,
                target: level.target.clone(),
            });
        }
    }
    Decision {
        allowed: denied_by.is_none() && missing_allow_at.is_none(),
        denied_by,
        missing_allow_at,
        exempt: None,
    }
}

fn list_matches(list: &PatternList, value: &str, matches: fn(&str, &str) -> bool) -> bool {
    match list {
        PatternList::Only(patterns) => patterns.iter().any(|p| matches(p, value)),
        PatternList::AllExcept(patterns) => !patterns.iter().any(|p| matches(p, value)),
    }
}

fn statement_applies(
    statement: &Statement,
    request: &Request,
    context: &BTreeMap<String, &[String]>,
) -> bool {
    list_matches(&statement.actions, &request.action, action_matches)
        && list_matches(&statement.resources, &request.resource, resource_matches)
        && statement
            .conditions
            .iter()
            .all(|condition| condition_holds(condition, context))
}

/// Whether one condition holds for the context.
pub(crate) fn condition_holds(
    condition: &Condition,
    context: &BTreeMap<String, &[String]>,
) -> bool {
    let present = context
        .get(&condition.key.to_lowercase())
        .copied()
        .filter(|values| !values.is_empty());
    let op = condition.operator;
    if op.base == BaseOperator::Null {
        // `"Null": {"key": "true"}` holds when the key is absent, `"false"` when present.
        return condition
            .values
            .iter()
            .filter_map(|v| parse_bool(v))
            .any(|wants_absent| wants_absent == present.is_none());
    }
    let Some(values) = present else {
        return match op.set {
            Some(SetQualifier::ForAllValues) => true,
            Some(SetQualifier::ForAnyValue) => false,
            None => op.if_exists || op.base.is_negated(),
        };
    };
    // One context value against the policy's values: a positive operator holds when some
    // policy value matches, a negated one when none does.
    let one = |value: &str| -> bool {
        let matched = condition
            .values
            .iter()
            .any(|policy| positive_match(op.base, policy, value));
        matched != op.base.is_negated()
    };
    match op.set {
        Some(SetQualifier::ForAllValues) => values.iter().all(|v| one(v)),
        Some(SetQualifier::ForAnyValue) | None => values.iter().any(|v| one(v)),
    }
}

/// The positive form of an operator (`StringNotEquals` → equals) for one pair of values.
fn positive_match(base: BaseOperator, policy: &str, value: &str) -> bool {
    use BaseOperator::*;
    let numbers = || Some((parse_number(policy)?, parse_number(value)?));
    let dates = || Some((parse_date(policy)?, parse_date(value)?));
    match base {
        StringEquals | StringNotEquals => policy == value,
        StringEqualsIgnoreCase | StringNotEqualsIgnoreCase => {
            policy.to_lowercase() == value.to_lowercase()
        }
        StringLike | StringNotLike => wildcard_match(policy, value),
        NumericEquals | NumericNotEquals => numbers().is_some_and(|(p, v)| v == p),
        NumericLessThan => numbers().is_some_and(|(p, v)| v < p),
        NumericLessThanEquals => numbers().is_some_and(|(p, v)| v <= p),
        NumericGreaterThan => numbers().is_some_and(|(p, v)| v > p),
        NumericGreaterThanEquals => numbers().is_some_and(|(p, v)| v >= p),
        DateEquals | DateNotEquals => dates().is_some_and(|(p, v)| v == p),
        DateLessThan => dates().is_some_and(|(p, v)| v < p),
        DateLessThanEquals => dates().is_some_and(|(p, v)| v <= p),
        DateGreaterThan => dates().is_some_and(|(p, v)| v > p),
        DateGreaterThanEquals => dates().is_some_and(|(p, v)| v >= p),
        Bool => matches!((parse_bool(policy), parse_bool(value)), (Some(p), Some(v)) if p == v),
        BinaryEquals => policy == value,
        IpAddress | NotIpAddress => IpRange::parse(policy).is_some_and(|r| r.contains(value)),
        ArnEquals | ArnLike | ArnNotEquals | ArnNotLike => arn_like(policy, value),
        Null => false,
    }
}
