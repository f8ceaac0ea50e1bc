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

use serde_json::{json, Value};

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

impl PrincipalKind {
    /// Every kind, in declaration order.
    pub const ALL: &'static [PrincipalKind] = &[
        PrincipalKind::User,
        PrincipalKind::Role,
        PrincipalKind::ServiceLinkedRole,
        PrincipalKind::ManagementAccount,
    ];

    /// The stable name (`user`, `role`, `service_linked_role`, `management_account`), as the
    /// bindings and the test vectors spell it.
    pub const fn as_str(self) -> &'static str {
        match self {
            PrincipalKind::User => "user",
            PrincipalKind::Role => "role",
            PrincipalKind::ServiceLinkedRole => "service_linked_role",
            PrincipalKind::ManagementAccount => "management_account",
        }
    }

    /// Looks a kind up by its name.
    pub fn from_name(name: &str) -> Option<PrincipalKind> {
        Self::ALL.iter().copied().find(|kind| kind.as_str() == name)
    }
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

/// A statement that matched a request: where it is and which one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchedStatement {
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

impl MatchedStatement {
    /// The statement as JSON for the JS bindings (camelCase): `level`, `target`,
    /// `policyId`, `statement`, `sid` (or null).
    pub fn to_json(&self) -> Value {
        json!({
            "level": self.level,
            "target": self.target,
            "policyId": self.policy_id,
            "statement": self.statement,
            "sid": self.sid,
        })
    }
}

impl fmt::Display for MatchedStatement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "statement {}", self.statement)?;
        if let Some(sid) = &self.sid {
            write!(f, " (Sid \"{sid}\")")?;
        }
        write!(f, " of policy {}", self.policy_id)
    }
}

/// The statement that explicitly denied a request (the same data as any matched statement).
pub type DenyingStatement = MatchedStatement;

/// The first level at which no `Allow` matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingAllow {
    /// The level's index (0 = root).
    pub level: usize,
    /// The level's target.
    pub target: String,
}

/// What one level of the tree made of a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LevelOutcome {
    /// The level's index (0 = root).
    pub level: usize,
    /// The level's target.
    pub target: String,
    /// How many SCPs are attached at this level.
    pub policies: usize,
    /// The first `Allow` statement at this level that matched, if any.
    pub allowed_by: Option<MatchedStatement>,
    /// The first `Deny` statement at this level that matched, if any.
    pub denied_by: Option<MatchedStatement>,
}

impl LevelOutcome {
    /// The level as JSON for the JS bindings: `level`, `target`, `policies`, `allowedBy`,
    /// `deniedBy`.
    pub fn to_json(&self) -> Value {
        json!({
            "level": self.level,
            "target": self.target,
            "policies": self.policies,
            "allowedBy": self.allowed_by.as_ref().map(MatchedStatement::to_json),
            "deniedBy": self.denied_by.as_ref().map(MatchedStatement::to_json),
        })
    }
}

impl fmt::Display for LevelOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "level {} ({}): ", self.level, self.target)?;
        match (&self.denied_by, &self.allowed_by) {
            (Some(deny), _) => write!(f, "denied by {deny}"),
            (None, Some(allow)) => write!(f, "allowed by {allow}"),
            (None, None) if self.policies == 0 => {
                f.write_str("no SCP attached, so nothing allows it")
            }
            (None, None) => write!(
                f,
                "none of its {} SCP(s) has an Allow that matches",
                self.policies
            ),
        }
    }
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
    /// What each level made of the request, root first (empty when exempt).
    pub levels: Vec<LevelOutcome>,
}

impl Decision {
    /// The decision in English: the verdict in one sentence, then one line per level.
    pub fn explain(&self) -> String {
        let mut text = self.to_string();
        for level in &self.levels {
            text.push_str("\n  ");
            text.push_str(&level.to_string());
        }
        text
    }

    /// The decision as JSON for the JS bindings (SDK-v3-style camelCase): `allowed`,
    /// `deniedBy`, `missingAllowAt` (`level`, `target`), `exempt` (a name or null), `levels`
    /// and `explanation` (the text of [`Decision::explain`]).
    pub fn to_json(&self) -> Value {
        json!({
            "allowed": self.allowed,
            "deniedBy": self.denied_by.as_ref().map(MatchedStatement::to_json),
            "missingAllowAt": self.missing_allow_at.as_ref().map(|missing| json!({
                "level": missing.level,
                "target": missing.target,
            })),
            "exempt": self.exempt.map(Exemption::as_str),
            "levels": self.levels.iter().map(LevelOutcome::to_json).collect::<Vec<_>>(),
            "explanation": self.explain(),
        })
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
            return write!(
                f,
                "Denied: {deny} attached to {} (level {}) explicitly denies it",
                deny.target, deny.level
            );
        }
        if let Some(missing) = &self.missing_allow_at {
            return write!(
                f,
                "Denied: no SCP attached to {} (level {}) allows it, and every level must",
                missing.target, missing.level
            );
        }
        if self.levels.is_empty() {
            return f.write_str("Allowed: no SCPs are in effect");
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
            levels: Vec::new(),
        };
    }
    let context = lowercase_context(request);
    let mut outcomes = Vec::with_capacity(levels.len());
    for (level_index, level) in levels.iter().enumerate() {
        let mut outcome = LevelOutcome {
            level: level_index,
            target: level.target.clone(),
            policies: level.policies.len(),
            allowed_by: None,
            denied_by: None,
        };
        for attached in &level.policies {
            for (index, statement) in attached.document.statements.iter().enumerate() {
                let slot = match statement.effect {
                    Effect::Allow => &mut outcome.allowed_by,
                    Effect::Deny => &mut outcome.denied_by,
                };
                if slot.is_none() && statement_applies(statement, request, &context) {
                    *slot = Some(MatchedStatement {
                        level: level_index,
                        target: level.target.clone(),
                        policy_id: attached.policy_id.clone(),
                        statement: index,
                        sid: statement.sid.clone(),
                    });
                }
            }
        }
        outcomes.push(outcome);
    }
    let denied_by = outcomes.iter().find_map(|o| o.denied_by.clone());
    let missing_allow_at = outcomes
        .iter()
        .find(|o| o.allowed_by.is_none())
        .map(|o| MissingAllow {
            level: o.level,
            target: o.target.clone(),
        });
    Decision {
        allowed: denied_by.is_none() && missing_allow_at.is_none(),
        denied_by,
        missing_allow_at,
        exempt: None,
        levels: outcomes,
    }
}

/// Whether `request` is allowed: the same answer as [`evaluate`]'s `allowed`, without the
/// explanation (it stops at the first level that decides), for asking about many requests.
pub fn allows(levels: &[Level], request: &Request) -> bool {
    if matches!(
        request.principal,
        PrincipalKind::ManagementAccount | PrincipalKind::ServiceLinkedRole
    ) {
        return true;
    }
    let context = lowercase_context(request);
    levels.iter().all(|level| {
        let mut allowed_here = false;
        for attached in &level.policies {
            for statement in &attached.document.statements {
                let wanted = statement.effect == Effect::Deny || !allowed_here;
                if wanted && statement_applies(statement, request, &context) {
                    match statement.effect {
                        Effect::Deny => return false,
                        Effect::Allow => allowed_here = true,
                    }
                }
            }
        }
        allowed_here
    })
}

/// The request's context keyed by lower-case condition key (keys match case-insensitively).
fn lowercase_context(request: &Request) -> BTreeMap<String, &[String]> {
    request
        .context
        .iter()
        .map(|(key, values)| (key.to_lowercase(), values.as_slice()))
        .collect()
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
