//! Service control policies on the emulated tree: which SCPs apply to a target from each
//! level (root, OUs, the target), and whether an account's principals may make a request.
//!
//! The SCPs are read from the emulator's own state — the policies CreatePolicy made (checked
//! then, see `organizations::check_policy_document`), the AWS-managed `p-FullAWSAccess`, and
//! the attachments — so `simulate` answers for exactly the organization the calls built.
//! The rules, from "SCP evaluation" in the Organizations User Guide: SCPs are in effect only
//! when the SERVICE_CONTROL_POLICY type is enabled in the root; they never affect the
//! management account.

use serde_json::{json, Value};

use super::state::{State, FULL_AWS_ACCESS_CONTENT, FULL_AWS_ACCESS_ID, FULL_AWS_ACCESS_NAME};
use super::EmulatorError;
use crate::policy::{self, AttachedPolicy, Decision, Level, PrincipalKind, Request, ScpRules};

/// One SCP that applies at a level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EffectivePolicy {
    /// The policy's ID.
    pub policy_id: String,
    /// The policy's name.
    pub name: String,
}

/// One level of the path from the root to a target, with the SCPs attached there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EffectiveLevel {
    /// The root, OU or account ID.
    pub target: String,
    /// `ROOT`, `ORGANIZATIONAL_UNIT` or `ACCOUNT` (the model's TargetType values).
    pub kind: &'static str,
    /// The root's, OU's or account's name.
    pub name: String,
    /// The SCPs attached directly to this target, by ID.
    pub policies: Vec<EffectivePolicy>,
}

impl EffectiveLevel {
    /// The level as JSON for the JS bindings: `target`, `kind`, `name`, `policies`
    /// (`policyId`, `name`).
    pub fn to_json(&self) -> Value {
        json!({
            "target": self.target,
            "kind": self.kind,
            "name": self.name,
            "policies": self.policies.iter().map(|p| json!({
                "policyId": p.policy_id,
                "name": p.name,
            })).collect::<Vec<_>>(),
        })
    }
}

/// What SCPs say about a target: its organization and the levels from the root down (empty
/// when the SCP type is not enabled in the root).
pub(super) struct TargetScps {
    pub(super) management_account: String,
    pub(super) levels: Vec<EffectiveLevel>,
}

fn not_found(target: &str) -> EmulatorError {
    EmulatorError::usage(
        "NOT_FOUND",
        format!("{target} is no root, OU or account of an organization"),
    )
}

/// The path from the root to `target` (root first), with what is attached at each level.
pub(super) fn target_scps(state: &State, target: &str) -> Result<TargetScps, EmulatorError> {
    let organization = state
        .organization_of_target(target)
        .ok_or_else(|| not_found(target))?
        .to_owned();
    let record = state.organizations.get(&organization).ok_or_else(|| {
        EmulatorError::internal(format!("organization {organization} is missing"))
    })?;
    let root = state
        .roots
        .get(&record.root)
        .ok_or_else(|| EmulatorError::internal(format!("root {} is missing", record.root)))?;
    let enabled = root
        .policy_types
        .contains(super::state::SERVICE_CONTROL_POLICY);
    let mut path = Vec::new();
    let mut current = target.to_owned();
    // The tree is at most MAX_OU_DEPTH deep; the bound keeps a broken parent cycle finite.
    for _ in 0..=super::state::MAX_OU_DEPTH + 2 {
        let (kind, name, parent) = if let Some(account) = state.accounts.get(&current) {
            let membership = account
                .membership
                .as_ref()
                .ok_or_else(|| not_found(target))?;
            (
                "ACCOUNT",
                account.name.clone(),
                Some(membership.parent.clone()),
            )
        } else if let Some(ou) = state.organizational_units.get(&current) {
            (
                "ORGANIZATIONAL_UNIT",
                ou.name.clone(),
                Some(ou.parent.clone()),
            )
        } else if let Some(root) = state.roots.get(&current) {
            ("ROOT", root.name.clone(), None)
        } else {
            return Err(EmulatorError::internal(format!(
                "{current}, on the path of {target}, is missing"
            )));
        };
        let policies = state
            .attachments
            .get(&current)
            .into_iter()
            .flatten()
            .map(|policy_id| EffectivePolicy {
                policy_id: policy_id.clone(),
                name: if policy_id == FULL_AWS_ACCESS_ID {
                    FULL_AWS_ACCESS_NAME.to_owned()
                } else {
                    state
                        .policies
                        .get(policy_id)
                        .map_or_else(String::new, |p| p.name.clone())
                },
            })
            .collect();
        path.push(EffectiveLevel {
            target: current.clone(),
            kind,
            name,
            policies,
        });
        match parent {
            Some(parent) => current = parent,
            None => {
                path.reverse();
                return Ok(TargetScps {
                    management_account: record.master.clone(),
                    levels: if enabled { path } else { Vec::new() },
                });
            }
        }
    }
    Err(EmulatorError::internal(format!(
        "the path from {target} to its root is longer than OUs may nest"
    )))
}

/// Evaluates `request` for a principal of `account_id` over the emulated tree. The
/// management account is exempt whatever `request.principal` says.
pub(super) fn simulate(
    state: &State,
    account_id: &str,
    request: &Request,
) -> Result<Decision, EmulatorError> {
    if !state.accounts.contains_key(account_id) {
        return Err(EmulatorError::usage(
            "NOT_FOUND",
            format!("no account {account_id}"),
        ));
    }
    if state.organization_of(account_id).is_none() {
        // A standalone account: no SCP reaches it.
        return Ok(policy::evaluate(&[], request));
    }
    let scps = target_scps(state, account_id)?;
    let mut request = request.clone();
    if scps.management_account == account_id {
        request.principal = PrincipalKind::ManagementAccount;
    }
    let mut levels = Vec::with_capacity(scps.levels.len());
    for level in &scps.levels {
        let mut policies = Vec::with_capacity(level.policies.len());
        for attached in &level.policies {
            let content = if attached.policy_id == FULL_AWS_ACCESS_ID {
                FULL_AWS_ACCESS_CONTENT
            } else {
                state
                    .policies
                    .get(&attached.policy_id)
                    .map(|p| p.content.as_str())
                    .ok_or_else(|| {
                        EmulatorError::internal(format!("policy {} is missing", attached.policy_id))
                    })?
            };
            // Current rules: a superset of what CreatePolicy accepted under the original
            // ones, so a document stored by the emulator always reads.
            let document = policy::parse_scp(content, ScpRules::Current).map_err(|issues| {
                EmulatorError::usage(
                    "UNREADABLE_POLICY",
                    format!(
                        "policy {} (attached to {}) cannot be evaluated: {}",
                        attached.policy_id,
                        level.target,
                        issues.first().map_or_else(String::new, ToString::to_string)
                    ),
                )
            })?;
            policies.push(AttachedPolicy {
                policy_id: attached.policy_id.clone(),
                document,
            });
        }
        levels.push(Level {
            target: level.target.clone(),
            policies,
        });
    }
    Ok(policy::evaluate(&levels, &request))
}
