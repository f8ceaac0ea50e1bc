//! Whether a state holds together: every reference resolves to a record of the right kind,
//! every back reference agrees, every ID and name is well formed, every number and timestamp
//! is in range.
//!
//! [`crate::emulator::Emulator::import`] refuses a snapshot that breaks any of these rules
//! (SNAPSHOT_CORRUPT, naming the first problem), so that no handler ever meets a dangling
//! reference; [`crate::emulator::Emulator::check_invariants`] runs the same checks, which the
//! tests apply after random operation sequences, so that every state the emulator reaches
//! passes them too. The checks never index a map with a key that may be absent, and their
//! cost is linear in the state (times the OU depth, at most 5). Hashed maps are visited in key
//! order, so one state always reports the same problems in the same order.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::EMULATED_EDITION;
use serde_json::{json, Value};

use super::organizations::check_policy_document;
use super::state::{
    Children, State, FULL_AWS_ACCESS_ID, FULL_AWS_ACCESS_NAME, MAX_OU_DEPTH,
    MAX_POLICIES_PER_TARGET, SERVICE_CONTROL_POLICY,
};
use super::{MAX_CLOCK, MAX_TIMESTAMP, MIN_TIMESTAMP};
use crate::generated::original::organizations::{
    ActionType, Handshake, HandshakePartyType, HandshakeResource, HandshakeResourceType,
    HandshakeState,
};
use crate::ids;

/// The most problems one check reports (the first is what import names).
const MAX_PROBLEMS: usize = 64;

/// Collects problems up to [`MAX_PROBLEMS`].
struct Report(Vec<String>);

impl Report {
    fn add(&mut self, problem: String) {
        if self.0.len() < MAX_PROBLEMS {
            self.0.push(problem);
        }
    }

    fn check(&mut self, holds: bool, problem: impl FnOnce() -> String) {
        if !holds {
            self.add(problem());
        }
    }

    fn full(&self) -> bool {
        self.0.len() >= MAX_PROBLEMS
    }
}

/// The keys of a hashed map, sorted.
fn sorted<V>(map: &HashMap<String, V>) -> Vec<(&String, &V)> {
    let mut entries: Vec<(&String, &V)> = map.iter().collect();
    entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
    entries
}

/// Whether `input` is a valid request of the original edition's `operation`: the model's
/// constraints on names, emails and the like, applied to what the state stores. The first
/// issue's message when not (messages never repeat sensitive values).
fn fits(service: &str, operation: &str, input: Value) -> Result<(), String> {
    match crate::validate::validate_request(EMULATED_EDITION, service, operation, &input) {
        Ok(issues) => match issues.first() {
            None => Ok(()),
            Some(issue) => Err(format!("{} ({})", issue.message, issue.code.as_str())),
        },
        Err(err) => Err(err.to_string()),
    }
}

/// A timestamp the clock could have shown by now: finite, from [`MIN_TIMESTAMP`] to `upto`.
fn time_ok(at: f64, upto: f64) -> bool {
    at.is_finite() && (MIN_TIMESTAMP..=upto).contains(&at)
}

/// Every problem of the state, in a stable order (empty when it holds together).
pub(super) fn problems(state: &State) -> Vec<String> {
    let mut report = Report(Vec::new());
    report.check(time_ok(state.clock, MAX_CLOCK), || {
        format!(
            "the clock {} is outside {MIN_TIMESTAMP}..={MAX_CLOCK} (1970-01-01 to 9999-12-16T23:59:59Z)",
            state.clock
        )
    });
    accounts(state, &mut report);
    organizations(state, &mut report);
    containers(state, &mut report);
    policies(state, &mut report);
    attachments(state, &mut report);
    handshakes(state, &mut report);
    create_account_requests(state, &mut report);
    alternate_contacts(state, &mut report);
    chime_accounts(state, &mut report);
    report.0
}

fn accounts(state: &State, report: &mut Report) {
    for (email, id) in sorted(&state.emails) {
        report.check(email.to_ascii_lowercase() == *email, || {
            format!("the email index holds {id}'s address in upper case")
        });
        report.check(
            state
                .accounts
                .get(id)
                .is_some_and(|a| a.email.to_ascii_lowercase() == *email),
            || format!("an email index entry names account {id}, which does not have that address"),
        );
    }
    for (id, account) in sorted(&state.accounts) {
        if report.full() {
            return;
        }
        report.check(ids::is_account_id(id), || {
            format!("account ID {id:?} is not 12 digits")
        });
        report.check(ids::is_original_email(&account.email), || {
            format!("account {id} has an email address that is not valid")
        });
        report.check(ids::AccountName::parse(&account.name).is_ok(), || {
            format!("account {id} has a name that is not valid")
        });
        report.check(
            state.emails.get(&account.email.to_ascii_lowercase()) == Some(id),
            || format!("account {id} is missing from the email index"),
        );
        let Some(m) = &account.membership else {
            report.check(!account.needs_standalone_setup, || {
                format!("standalone account {id} is marked as created in an organization")
            });
            continue;
        };
        report.check(
            matches!(m.joined_method.as_str(), "INVITED" | "CREATED"),
            || format!("account {id} joined by {:?}", m.joined_method),
        );
        report.check(
            !account.needs_standalone_setup || m.joined_method == "CREATED",
            || format!("invited account {id} is marked as created in its organization"),
        );
        report.check(time_ok(m.joined_timestamp, state.clock), || {
            format!(
                "account {id} joined at {}, outside the clock's range",
                m.joined_timestamp
            )
        });
        report.check(
            state
                .organizations
                .get(&m.organization)
                .is_some_and(|org| org.members.contains(id)),
            || {
                format!(
                    "account {id} claims organization {} which does not list it",
                    m.organization
                )
            },
        );
        report.check(
            state.organization_of_target(&m.parent) == Some(m.organization.as_str())
                && state
                    .children_of(&m.parent)
                    .is_some_and(|c| c.accounts.contains(id)),
            || {
                format!(
                    "account {id} is not among the children of its parent {}",
                    m.parent
                )
            },
        );
    }
}

fn organizations(state: &State, report: &mut Report) {
    for (org_id, org) in &state.organizations {
        if report.full() {
            return;
        }
        report.check(ids::is_organization_id(org_id), || {
            format!("organization ID {org_id:?} is not well formed")
        });
        report.check(
            matches!(org.feature_set.as_str(), "ALL" | "CONSOLIDATED_BILLING"),
            || {
                format!(
                    "organization {org_id} has feature set {:?}",
                    org.feature_set
                )
            },
        );
        let root = state.roots.get(&org.root);
        report.check(
            root.is_some_and(|root| root.organization == *org_id),
            || format!("organization {org_id} has no root {}", org.root),
        );
        report.check(org.members.contains(&org.master), || {
            format!("organization {org_id} does not list its management account")
        });
        for member in &org.members {
            report.check(
                state.organization_of(member) == Some(org_id.as_str()),
                || format!("organization {org_id} lists {member}, which is not its member"),
            );
        }
        for ou in &org.organizational_units {
            report.check(
                state
                    .organizational_units
                    .get(ou)
                    .is_some_and(|o| o.organization == *org_id),
                || format!("organization {org_id} lists OU {ou}, which is not its own"),
            );
        }
        for policy in &org.policies {
            report.check(
                state
                    .policies
                    .get(policy)
                    .is_some_and(|p| p.organization == *org_id),
                || format!("organization {org_id} lists policy {policy}, which is not its own"),
            );
        }
        for id in &org.handshakes {
            report.check(
                state
                    .handshakes
                    .get(id)
                    .is_some_and(|h| h.organization == *org_id),
                || format!("organization {org_id} lists {id} as a handshake, which is not one of its handshakes"),
            );
        }
        let mut in_progress = 0usize;
        for id in &org.create_account_requests {
            match state.create_account_requests.get(id) {
                Some(request) if request.organization == *org_id => {
                    if request.state == "IN_PROGRESS" {
                        in_progress = in_progress.saturating_add(1);
                    }
                }
                _ => report.add(format!(
                    "organization {org_id} lists {id} as a CreateAccount request, which is not one of its requests"
                )),
            }
        }
        report.check(org.accounts_in_progress == in_progress, || {
            format!(
                "organization {org_id} counts {} accounts being created, but {in_progress} requests are in progress",
                org.accounts_in_progress
            )
        });
        for (policy, targets) in &org.policy_targets {
            report.check(!targets.is_empty(), || {
                format!("organization {org_id} indexes policy {policy} with no target")
            });
            report.check(
                policy == FULL_AWS_ACCESS_ID
                    || state
                        .policies
                        .get(policy)
                        .is_some_and(|p| p.organization == *org_id),
                || format!("organization {org_id} indexes attachments of {policy}, which is not its policy"),
            );
            for target in targets {
                report.check(
                    state.organization_of_target(target) == Some(org_id.as_str()),
                    || format!("policy {policy} lists target {target}, which is not in organization {org_id}"),
                );
                report.check(
                    state
                        .attachments
                        .get(target)
                        .is_some_and(|s| s.contains(policy)),
                    || format!("policy {policy} lists target {target} without the attachment"),
                );
            }
        }
        if let Some(enabling) = &org.enabling_all_features {
            report.check(org.feature_set == "CONSOLIDATED_BILLING", || {
                format!("organization {org_id} enables all features, which it already has")
            });
            report.check(
                state.handshakes.get(enabling).is_some_and(|h| {
                    h.organization == *org_id
                        && h.handshake.action == Some(ActionType::EnableAllFeatures)
                        && is_open(&h.handshake)
                }),
                || format!("organization {org_id} waits for {enabling}, which is not its open ENABLE_ALL_FEATURES handshake"),
            );
        }
        if org.feature_set == "CONSOLIDATED_BILLING" {
            report.check(org.policies.is_empty(), || {
                format!("organization {org_id} has policies without all features")
            });
            report.check(root.is_none_or(|root| root.policy_types.is_empty()), || {
                format!("organization {org_id} enables a policy type without all features")
            });
        }
        if root.is_some_and(|root| root.policy_types.contains(SERVICE_CONTROL_POLICY)) {
            let targets = std::iter::once(&org.root)
                .chain(&org.organizational_units)
                .chain(&org.members);
            for target in targets {
                report.check(
                    state.attached_of_type(target, SERVICE_CONTROL_POLICY) > 0,
                    || format!("{target} has no SCP while SCPs are enabled"),
                );
            }
        }
    }
}

/// Roots and OUs: their organization, their children, the tree's shape.
fn containers(state: &State, report: &mut Report) {
    let mut parent_count: BTreeMap<&str, usize> = BTreeMap::new();
    for (root_id, root) in sorted(&state.roots) {
        if report.full() {
            return;
        }
        report.check(ids::is_root_id(root_id), || {
            format!("root ID {root_id:?} is not well formed")
        });
        report.check(
            state
                .organizations
                .get(&root.organization)
                .is_some_and(|o| o.root == *root_id),
            || format!("root {root_id} belongs to no organization"),
        );
        report.check(
            (1..=128).contains(&root.name.chars().count())
                && root.name.bytes().all(|b| (b' '..=b'~').contains(&b)),
            || format!("root {root_id} has a name that is not valid"),
        );
        for policy_type in &root.policy_types {
            report.check(policy_type == SERVICE_CONTROL_POLICY, || {
                format!("root {root_id} enables the unknown policy type {policy_type:?}")
            });
        }
        children_of(state, root_id, &root.children, &mut parent_count, report);
    }
    for (id, ou) in sorted(&state.organizational_units) {
        if report.full() {
            return;
        }
        report.check(ids::is_organizational_unit_id(id), || {
            format!("OU ID {id:?} is not well formed")
        });
        report.check(
            state
                .organizations
                .get(&ou.organization)
                .is_some_and(|o| o.organizational_units.contains(id)),
            || {
                format!(
                    "OU {id} claims organization {}, which does not list it",
                    ou.organization
                )
            },
        );
        if let Err(why) = fits(
            "organizations",
            "CreateOrganizationalUnit",
            json!({"ParentId": ou.parent, "Name": ou.name}),
        ) {
            report.add(format!("OU {id} does not fit the model: {why}"));
        }
        // Walk up: the root must come within MAX_OU_DEPTH steps, with depths consistent.
        let mut at = id.as_str();
        let mut steps = 0usize;
        let mut reached_root = false;
        while steps <= MAX_OU_DEPTH {
            let Some(current) = state.organizational_units.get(at) else {
                break;
            };
            if current.organization != ou.organization {
                break;
            }
            steps += 1;
            if state
                .roots
                .get(&current.parent)
                .is_some_and(|r| r.organization == ou.organization)
            {
                reached_root = true;
                break;
            }
            at = &current.parent;
        }
        if !reached_root {
            report.add(format!(
                "OU {id} does not reach its root within {MAX_OU_DEPTH} levels (a cycle or a lost parent)"
            ));
        } else {
            report.check(steps == ou.depth, || {
                format!("OU {id} records depth {} but is {steps} deep", ou.depth)
            });
        }
        report.check(
            state
                .children_of(&ou.parent)
                .is_some_and(|c| c.organizational_units.contains(id)),
            || format!("OU {id} is not among the children of its parent"),
        );
        children_of(state, id, &ou.children, &mut parent_count, report);
    }
    for (account, count) in parent_count {
        report.check(count == 1, || {
            format!("account {account} has {count} parents")
        });
    }
}

/// The children a root or OU lists: each must name it as its parent.
fn children_of<'s>(
    state: &State,
    container: &str,
    children: &'s Children,
    parent_count: &mut BTreeMap<&'s str, usize>,
    report: &mut Report,
) {
    for account in &children.accounts {
        let count = parent_count.entry(account).or_default();
        *count = count.saturating_add(1);
        report.check(
            state
                .accounts
                .get(account)
                .and_then(|a| a.membership.as_ref())
                .is_some_and(|m| m.parent == container),
            || format!("{container} lists account {account}, whose parent is elsewhere"),
        );
    }
    for ou in &children.organizational_units {
        report.check(
            state
                .organizational_units
                .get(ou)
                .is_some_and(|o| o.parent == container),
            || format!("{container} lists OU {ou}, whose parent is elsewhere"),
        );
    }
}

fn policies(state: &State, report: &mut Report) {
    let mut names: BTreeSet<(&str, &str)> = BTreeSet::new();
    for (id, policy) in sorted(&state.policies) {
        if report.full() {
            return;
        }
        report.check(ids::is_policy_id(id) && id != FULL_AWS_ACCESS_ID, || {
            format!("policy ID {id:?} is not a customer policy ID")
        });
        report.check(
            state
                .organizations
                .get(&policy.organization)
                .is_some_and(|o| o.policies.contains(id)),
            || {
                format!(
                    "policy {id} claims organization {}, which does not list it",
                    policy.organization
                )
            },
        );
        if let Err(why) = fits(
            "organizations",
            "CreatePolicy",
            json!({"Content": policy.content, "Description": policy.description, "Name": policy.name, "Type": policy.policy_type}),
        ) {
            report.add(format!("policy {id} does not fit the model: {why}"));
        }
        report.check(
            check_policy_document(&policy.content, usize::MAX).is_ok(),
            || format!("policy {id} has a document that is not a policy"),
        );
        report.check(
            policy.name != FULL_AWS_ACCESS_NAME
                && names.insert((policy.organization.as_str(), policy.name.as_str())),
            || format!("policy {id} has the name of another policy of its organization"),
        );
    }
}

fn attachments(state: &State, report: &mut Report) {
    for (target, policies) in sorted(&state.attachments) {
        if report.full() {
            return;
        }
        let Some(org) = state.organization_of_target(target) else {
            report.add(format!(
                "policies are attached to {target}, which is in no organization"
            ));
            continue;
        };
        report.check(!policies.is_empty(), || {
            format!("{target} has an empty attachment list")
        });
        let record = state.organizations.get(org);
        let enabled = record
            .and_then(|o| state.roots.get(&o.root))
            .is_some_and(|root| root.policy_types.contains(SERVICE_CONTROL_POLICY));
        for policy in policies {
            let known = policy == FULL_AWS_ACCESS_ID
                || state
                    .policies
                    .get(policy)
                    .is_some_and(|p| p.organization == org);
            let indexed = record
                .and_then(|o| o.policy_targets.get(policy))
                .is_some_and(|t| t.contains(target));
            report.check(known && indexed, || {
                format!("attachment of {policy} to {target} is dangling")
            });
        }
        report.check(
            enabled || state.attached_of_type(target, SERVICE_CONTROL_POLICY) == 0,
            || format!("{target} carries SCPs while SCPs are disabled"),
        );
        report.check(
            state.attached_of_type(target, SERVICE_CONTROL_POLICY) <= MAX_POLICIES_PER_TARGET,
            || format!("{target} carries more than {MAX_POLICIES_PER_TARGET} SCPs"),
        );
    }
}

fn is_open(handshake: &Handshake) -> bool {
    matches!(
        handshake.state,
        Some(HandshakeState::Open | HandshakeState::Requested)
    )
}

/// Whether every resource (nested ones included) has a type of the model.
fn resources_known(resources: &[HandshakeResource]) -> bool {
    resources.iter().all(|resource| {
        resource
            .r#type
            .as_ref()
            .is_some_and(|kind| !matches!(kind, HandshakeResourceType::Unknown(_)))
            && resource.resources.as_deref().is_none_or(resources_known)
    })
}

fn handshakes(state: &State, report: &mut Report) {
    for (id, record) in &state.handshakes {
        if report.full() {
            return;
        }
        let handshake = &record.handshake;
        report.check(ids::is_handshake_id(id), || {
            format!("handshake ID {id:?} is not well formed")
        });
        report.check(handshake.id.as_deref() == Some(id.as_str()), || {
            format!("handshake {id} carries another ID")
        });
        let org = state.organizations.get(&record.organization);
        report.check(org.is_some_and(|o| o.handshakes.contains(id)), || {
            format!("handshake {id} belongs to no organization")
        });
        let action = match &handshake.action {
            Some(
                action @ (ActionType::Invite
                | ActionType::EnableAllFeatures
                | ActionType::ApproveAllFeatures),
            ) => action,
            _ => {
                report.add(format!("handshake {id} has no action of the model"));
                continue;
            }
        };
        report.check(
            handshake.state.as_ref().is_some_and(|s| {
                matches!(
                    s,
                    HandshakeState::Requested
                        | HandshakeState::Open
                        | HandshakeState::Canceled
                        | HandshakeState::Accepted
                        | HandshakeState::Declined
                        | HandshakeState::Expired
                )
            }),
            || format!("handshake {id} has no state of the model"),
        );
        if let Some(org) = org {
            let expected = format!(
                "arn:aws:organizations::{}:handshake/{}/{}/{id}",
                org.master,
                record.organization,
                action.as_str().to_ascii_lowercase()
            );
            report.check(handshake.arn.as_deref() == Some(expected.as_str()), || {
                format!("handshake {id} has an ARN that is not its organization's")
            });
        }
        let requested = handshake.requested_timestamp.map(|t| t.unix_seconds());
        report.check(requested.is_some_and(|at| time_ok(at, state.clock)), || {
            format!("handshake {id} was requested outside the clock's range")
        });
        report.check(
            handshake.expiration_timestamp.is_some_and(|at| {
                let at = at.unix_seconds();
                time_ok(at, MAX_TIMESTAMP) && requested.is_none_or(|r| at >= r)
            }),
            || format!("handshake {id} expires outside the timestamps' range"),
        );
        let parties = handshake.parties.as_deref().unwrap_or_default();
        report.check(
            parties.iter().all(|p| {
                p.id.as_deref().is_some_and(|party| !party.is_empty())
                    && p.r#type.as_ref().is_some_and(|t| {
                        matches!(
                            t,
                            HandshakePartyType::Account
                                | HandshakePartyType::Organization
                                | HandshakePartyType::Email
                        )
                    })
            }) && parties.iter().any(|p| {
                p.r#type == Some(HandshakePartyType::Organization)
                    && p.id.as_deref() == Some(record.organization.as_str())
            }),
            || format!("handshake {id} has parties that are not its organization and an account"),
        );
        report.check(
            handshake.resources.as_deref().is_some_and(resources_known),
            || format!("handshake {id} has resources of no type of the model"),
        );
        let recipient = record.recipient.as_str();
        report.check(
            (ids::is_account_id(recipient) && state.accounts.contains_key(recipient))
                || (ids::is_original_email(recipient)
                    && recipient.to_ascii_lowercase() == recipient),
            || format!("handshake {id} is addressed to no account"),
        );
        match action {
            ActionType::EnableAllFeatures => {
                report.check(record.parent.is_none(), || {
                    format!("ENABLE_ALL_FEATURES handshake {id} has a parent")
                });
                report.check(org.is_some_and(|o| o.master == recipient), || {
                    format!("ENABLE_ALL_FEATURES handshake {id} is not addressed to its management account")
                });
                for child in &record.children {
                    report.check(
                        state.handshakes.get(child).is_some_and(|c| {
                            c.parent.as_deref() == Some(id.as_str())
                                && c.organization == record.organization
                                && c.handshake.action == Some(ActionType::ApproveAllFeatures)
                        }),
                        || format!("handshake {id} lists {child}, which is not its APPROVE_ALL_FEATURES child"),
                    );
                }
                report.check(
                    !is_open(handshake)
                        || org.is_some_and(|o| {
                            o.enabling_all_features.as_deref() == Some(id.as_str())
                        }),
                    || format!("open handshake {id} is not the one its organization waits for"),
                );
            }
            ActionType::ApproveAllFeatures => {
                report.check(record.children.is_empty(), || {
                    format!("APPROVE_ALL_FEATURES handshake {id} has children")
                });
                report.check(
                    record.parent.as_ref().is_some_and(|parent| {
                        state.handshakes.get(parent).is_some_and(|p| {
                            p.children.contains(id)
                                && p.organization == record.organization
                                && p.handshake.action == Some(ActionType::EnableAllFeatures)
                        })
                    }),
                    || format!("APPROVE_ALL_FEATURES handshake {id} has no ENABLE_ALL_FEATURES parent that lists it"),
                );
            }
            _ => {
                report.check(
                    record.parent.is_none() && record.children.is_empty(),
                    || format!("invitation {id} has a parent or children"),
                );
            }
        }
    }
}

fn create_account_requests(state: &State, report: &mut Report) {
    for (id, request) in &state.create_account_requests {
        if report.full() {
            return;
        }
        report.check(ids::is_create_account_request_id(id), || {
            format!("CreateAccount request ID {id:?} is not well formed")
        });
        report.check(
            state
                .organizations
                .get(&request.organization)
                .is_some_and(|o| o.create_account_requests.contains(id)),
            || format!("CreateAccount request {id} belongs to no organization"),
        );
        if let Err(why) = fits(
            "organizations",
            "CreateAccount",
            json!({"Email": request.email, "AccountName": request.account_name}),
        ) {
            report.add(format!(
                "CreateAccount request {id} does not fit the model: {why}"
            ));
        }
        report.check(time_ok(request.requested_timestamp, state.clock), || {
            format!("CreateAccount request {id} was made outside the clock's range")
        });
        let completed_ok = request
            .completed_timestamp
            .is_some_and(|at| time_ok(at, state.clock) && at >= request.requested_timestamp);
        let account_ok = request
            .account_id
            .as_deref()
            .is_some_and(|a| ids::is_account_id(a) && state.accounts.contains_key(a));
        let well_formed = match request.state.as_str() {
            "IN_PROGRESS" => {
                request.completed_timestamp.is_none()
                    && request.account_id.is_none()
                    && request.failure_reason.is_none()
            }
            "SUCCEEDED" => completed_ok && account_ok && request.failure_reason.is_none(),
            "FAILED" => {
                completed_ok
                    && request.account_id.is_none()
                    && request.failure_reason.as_deref().is_some_and(|reason| {
                        matches!(
                            reason,
                            "ACCOUNT_LIMIT_EXCEEDED"
                                | "EMAIL_ALREADY_EXISTS"
                                | "INVALID_ADDRESS"
                                | "INTERNAL_FAILURE"
                        )
                    })
            }
            _ => false,
        };
        report.check(well_formed, || {
            format!(
                "CreateAccount request {id} in state {:?} has completion time, account or failure reason that do not fit it",
                request.state
            )
        });
    }
}

fn alternate_contacts(state: &State, report: &mut Report) {
    for (account, contacts) in &state.alternate_contacts {
        if report.full() {
            return;
        }
        report.check(
            ids::is_account_id(account) && state.accounts.contains_key(account),
            || format!("alternate contacts are set for {account:?}, which is no account"),
        );
        report.check(!contacts.is_empty(), || {
            format!("account {account} has an empty list of alternate contacts")
        });
        for (kind, contact) in contacts {
            if let Err(why) = fits(
                "account",
                "PutAlternateContact",
                json!({
                    "AlternateContactType": kind,
                    "EmailAddress": contact.email_address,
                    "Name": contact.name,
                    "PhoneNumber": contact.phone_number,
                    "Title": contact.title,
                }),
            ) {
                report.add(format!(
                    "the {kind:?} contact of account {account} does not fit the model: {why}"
                ));
            }
        }
    }
}

fn chime_accounts(state: &State, report: &mut Report) {
    for (id, account) in &state.chime_accounts {
        if report.full() {
            return;
        }
        if let Err(why) = fits("chime", "GetAccount", json!({"AccountId": id})) {
            report.add(format!(
                "Chime account ID {id:?} does not fit the model: {why}"
            ));
        }
        report.check(
            ids::is_account_id(&account.aws_account_id)
                && state.accounts.contains_key(&account.aws_account_id),
            || format!("Chime account {id} belongs to no AWS account of the partition"),
        );
        if let Err(why) = fits("chime", "CreateAccount", json!({"Name": account.name})) {
            report.add(format!("Chime account {id} does not fit the model: {why}"));
        }
        report.check(time_ok(account.created_timestamp, state.clock), || {
            format!("Chime account {id} was created outside the clock's range")
        });
        report.check(
            matches!(account.default_license.as_str(), "Basic" | "Pro"),
            || format!("Chime account {id} has an unsupported default license"),
        );
        report.check(
            matches!(account.account_status.as_str(), "Active" | "Suspended"),
            || {
                format!(
                    "Chime account {id} has the status {:?}",
                    account.account_status
                )
            },
        );
        for email in &account.user_emails {
            report.check(
                email.to_ascii_lowercase() == *email
                    && fits("chime", "ListAccounts", json!({"UserEmail": email})).is_ok(),
                || format!("Chime account {id} has a user email that is not valid"),
            );
        }
    }
}
