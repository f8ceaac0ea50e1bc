//! The 39 AWS Organizations operations of the 2017 model, on the emulated partition.
//!
//! Each handler finds the caller's organization and role first (AccessDeniedException for a
//! member calling a management-account operation, AWSOrganizationsNotInUseException for an
//! account in no organization), then checks every rule of the operation, and changes the state
//! only when all of them hold. Handshakes move through [`crate::handshake::transition`], so the
//! emulator and the exported transition table cannot disagree.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Bound;

use serde_json::Value;

use super::output::Output;
use super::paging::PageQuery;
use super::state::{
    AccountRecord, CreateAccountRecord, HandshakeRecord, Membership, OrganizationRecord,
    OrganizationalUnitRecord, PolicyRecord, RootRecord, State, FULL_AWS_ACCESS_CONTENT,
    FULL_AWS_ACCESS_DESCRIPTION, FULL_AWS_ACCESS_ID, FULL_AWS_ACCESS_NAME, MAX_OU_DEPTH,
    MAX_POLICIES_PER_TARGET, SERVICE_CONTROL_POLICY,
};
use super::{optional, text, EmulatorError, Outcome, ServiceError};
use crate::error::Issue;
use crate::generated::original::organizations::{
    ActionType, Handshake, HandshakeParty, HandshakePartyType, HandshakeResource,
    HandshakeResourceType, HandshakeState,
};
use crate::handshake::{expiration_for, transition, Actor, Event};
use crate::ids::AccountId;
use crate::model::EpochTimestamp;
use crate::page_token::{PageTokenCodec, ORGANIZATIONS_LIMITS};
use crate::policy::{self, PolicyIssueCode, ScpRules};

fn error(code: &'static str, message: impl Into<String>) -> EmulatorError {
    ServiceError::new(code, message).into()
}

fn not_in_use() -> EmulatorError {
    error(
        "AWSOrganizationsNotInUseException",
        "Your account is not a member of an organization.",
    )
}

fn constraint(reason: &'static str, message: impl Into<String>) -> EmulatorError {
    ServiceError::with_reason("ConstraintViolationException", reason, message).into()
}

fn handshake_constraint(reason: &'static str, message: impl Into<String>) -> EmulatorError {
    ServiceError::with_reason("HandshakeConstraintViolationException", reason, message).into()
}

fn invalid_input(reason: &'static str, message: impl Into<String>) -> EmulatorError {
    ServiceError::with_reason("InvalidInputException", reason, message).into()
}

/// Runs one Organizations operation (the input is valid for it).
pub(super) fn dispatch(state: &mut State, operation: &str, caller: &str, input: &Value) -> Outcome {
    match operation {
        "AcceptHandshake" => accept_handshake(state, caller, input),
        "AttachPolicy" => attach_policy(state, caller, input),
        "CancelHandshake" => cancel_handshake(state, caller, input),
        "CreateAccount" => create_account(state, caller, input),
        "CreateOrganization" => create_organization(state, caller, input),
        "CreateOrganizationalUnit" => create_organizational_unit(state, caller, input),
        "CreatePolicy" => create_policy(state, caller, input),
        "DeclineHandshake" => decline_handshake(state, caller, input),
        "DeleteOrganization" => delete_organization(state, caller),
        "DeleteOrganizationalUnit" => delete_organizational_unit(state, caller, input),
        "DeletePolicy" => delete_policy(state, caller, input),
        "DescribeAccount" => describe_account(state, caller, input),
        "DescribeCreateAccountStatus" => describe_create_account_status(state, caller, input),
        "DescribeHandshake" => describe_handshake(state, caller, input),
        "DescribeOrganization" => describe_organization(state, caller),
        "DescribeOrganizationalUnit" => describe_organizational_unit(state, caller, input),
        "DescribePolicy" => describe_policy(state, caller, input),
        "DetachPolicy" => detach_policy(state, caller, input),
        "DisablePolicyType" => disable_policy_type(state, caller, input),
        "EnableAllFeatures" => enable_all_features(state, caller),
        "EnablePolicyType" => enable_policy_type(state, caller, input),
        "InviteAccountToOrganization" => invite_account(state, caller, input),
        "LeaveOrganization" => leave_organization(state, caller),
        "ListAccounts" => list_accounts(state, caller, input),
        "ListAccountsForParent" => list_accounts_for_parent(state, caller, input),
        "ListChildren" => list_children(state, caller, input),
        "ListCreateAccountStatus" => list_create_account_status(state, caller, input),
        "ListHandshakesForAccount" => list_handshakes_for_account(state, caller, input),
        "ListHandshakesForOrganization" => list_handshakes_for_organization(state, caller, input),
        "ListOrganizationalUnitsForParent" => list_organizational_units(state, caller, input),
        "ListParents" => list_parents(state, caller, input),
        "ListPolicies" => list_policies(state, caller, input),
        "ListPoliciesForTarget" => list_policies_for_target(state, caller, input),
        "ListRoots" => list_roots(state, caller, input),
        "ListTargetsForPolicy" => list_targets_for_policy(state, caller, input),
        "MoveAccount" => move_account(state, caller, input),
        "RemoveAccountFromOrganization" => remove_account(state, caller, input),
        "UpdateOrganizationalUnit" => update_organizational_unit(state, caller, input),
        "UpdatePolicy" => update_policy(state, caller, input),
        other => Err(error(
            "ServiceException",
            format!("the emulator has no handler for {other}"),
        )),
    }
}

// ---------------------------------------------------------------- who may call

/// The caller's organization (any member).
fn member_org(state: &State, caller: &str) -> Result<String, EmulatorError> {
    state
        .organization_of(caller)
        .map(str::to_owned)
        .ok_or_else(not_in_use)
}

/// A record that another record names (`what` says which kind, for the message), as looked
/// up: absent only in a state that breaks the emulator's invariants, so absence is an
/// internal error rather than a panic.
fn named<'s, V>(found: Option<&'s V>, what: &str, id: &str) -> Result<&'s V, EmulatorError> {
    found.ok_or_else(|| EmulatorError::internal(format!("{what} {id} is missing")))
}

fn org_record<'s>(state: &'s State, org: &str) -> Result<&'s OrganizationRecord, EmulatorError> {
    named(state.organizations.get(org), "organization", org)
}

fn account_record<'s>(state: &'s State, id: &str) -> Result<&'s AccountRecord, EmulatorError> {
    named(state.accounts.get(id), "account", id)
}

fn root_record<'s>(state: &'s State, id: &str) -> Result<&'s RootRecord, EmulatorError> {
    named(state.roots.get(id), "root", id)
}

fn handshake_record<'s>(state: &'s State, id: &str) -> Result<&'s HandshakeRecord, EmulatorError> {
    named(state.handshakes.get(id), "handshake", id)
}

fn policy_record<'s>(state: &'s State, id: &str) -> Result<&'s PolicyRecord, EmulatorError> {
    named(state.policies.get(id), "policy", id)
}

/// The caller's organization, when the caller is its management account.
fn master_org(state: &State, caller: &str) -> Result<String, EmulatorError> {
    let org = member_org(state, caller)?;
    if org_record(state, &org)?.master != caller {
        return Err(error(
            "AccessDeniedException",
            "You don't have permissions to access this resource: only the organization's management account can call this operation.",
        ));
    }
    Ok(org)
}

// ---------------------------------------------------------------- wire shapes

fn arn(state: &State, org: &str, kind: &str, rest: &str) -> String {
    let master = state
        .organizations
        .get(org)
        .map_or("", |o| o.master.as_str());
    format!("arn:aws:organizations::{master}:{kind}/{org}/{rest}")
}

fn policy_arn(state: &State, org: &str, policy: &str) -> String {
    if policy == FULL_AWS_ACCESS_ID {
        format!("arn:aws:organizations::aws:policy/service_control_policy/{policy}")
    } else {
        let policy_type = state
            .policy_type_of(policy)
            .unwrap_or(SERVICE_CONTROL_POLICY)
            .to_ascii_lowercase();
        arn(state, org, "policy", &format!("{policy_type}/{policy}"))
    }
}

fn organization_json(state: &State, org_id: &str) -> Result<Output, EmulatorError> {
    let org = org_record(state, org_id)?;
    let master = account_record(state, &org.master)?;
    let available = if org.feature_set == "ALL" {
        vec![enabled_policy_type(SERVICE_CONTROL_POLICY)]
    } else {
        Vec::new()
    };
    Ok(object([
        ("Id", text_value(org_id)),
        (
            "Arn",
            Output::Text(format!(
                "arn:aws:organizations::{}:organization/{org_id}",
                org.master
            )),
        ),
        ("FeatureSet", text_value(&org.feature_set)),
        (
            "MasterAccountArn",
            Output::Text(arn(state, org_id, "account", &org.master)),
        ),
        ("MasterAccountId", text_value(&org.master)),
        ("MasterAccountEmail", text_value(&master.email)),
        ("AvailablePolicyTypes", Output::List(available)),
    ]))
}

/// A PolicyTypeSummary of an enabled type.
fn enabled_policy_type(policy_type: &str) -> Output {
    object([
        ("Type", text_value(policy_type)),
        ("Status", Output::Static("ENABLED")),
    ])
}

/// A structure from its members.
fn object<const N: usize>(members: [(&'static str, Output); N]) -> Output {
    Output::Object(Vec::from(members))
}

fn text_value(text: &str) -> Output {
    Output::Text(text.to_owned())
}

/// A response with one member.
fn wrap(name: &'static str, value: Output) -> Outcome {
    Ok(Output::Object(vec![(name, value)]))
}

fn account_json(state: &State, id: &str) -> Result<Output, EmulatorError> {
    let account = account_record(state, id)?;
    Ok(match &account.membership {
        Some(m) => object([
            ("Id", text_value(id)),
            (
                "Arn",
                Output::Text(arn(state, &m.organization, "account", id)),
            ),
            ("Name", text_value(&account.name)),
            ("Status", text_value("ACTIVE")),
            ("JoinedMethod", text_value(&m.joined_method)),
            ("JoinedTimestamp", Output::Epoch(m.joined_timestamp)),
        ]),
        None => object([
            ("Id", text_value(id)),
            ("Name", text_value(&account.name)),
            ("Status", Output::Static("ACTIVE")),
        ]),
    })
}

fn root_json(state: &State, root_id: &str) -> Result<Output, EmulatorError> {
    let root = root_record(state, root_id)?;
    let types = root
        .policy_types
        .iter()
        .map(|t| enabled_policy_type(t))
        .collect();
    Ok(object([
        ("Id", text_value(root_id)),
        (
            "Arn",
            Output::Text(arn(state, &root.organization, "root", root_id)),
        ),
        ("Name", text_value(&root.name)),
        ("PolicyTypes", Output::List(types)),
    ]))
}

fn ou_json(state: &State, ou_id: &str) -> Result<Output, EmulatorError> {
    let ou = state
        .organizational_units
        .get(ou_id)
        .ok_or_else(|| EmulatorError::internal(format!("OU {ou_id} is missing")))?;
    Ok(object([
        ("Id", text_value(ou_id)),
        (
            "Arn",
            Output::Text(arn(state, &ou.organization, "ou", ou_id)),
        ),
        ("Name", text_value(&ou.name)),
    ]))
}

fn policy_summary_json(state: &State, org: &str, policy: &str) -> Result<Output, EmulatorError> {
    let (name, description, policy_type, managed) = if policy == FULL_AWS_ACCESS_ID {
        (
            FULL_AWS_ACCESS_NAME,
            FULL_AWS_ACCESS_DESCRIPTION,
            SERVICE_CONTROL_POLICY,
            true,
        )
    } else {
        let record = policy_record(state, policy)?;
        (
            record.name.as_str(),
            record.description.as_str(),
            record.policy_type.as_str(),
            false,
        )
    };
    Ok(object([
        ("Id", text_value(policy)),
        ("Arn", Output::Text(policy_arn(state, org, policy))),
        ("Name", text_value(name)),
        ("Description", text_value(description)),
        ("Type", text_value(policy_type)),
        ("AwsManaged", Output::Bool(managed)),
    ]))
}

fn policy_json(state: &State, org: &str, policy: &str) -> Result<Output, EmulatorError> {
    let content = if policy == FULL_AWS_ACCESS_ID {
        FULL_AWS_ACCESS_CONTENT
    } else {
        policy_record(state, policy)?.content.as_str()
    };
    Ok(object([
        ("PolicySummary", policy_summary_json(state, org, policy)?),
        ("Content", text_value(content)),
    ]))
}

fn create_account_json(id: &str, record: &CreateAccountRecord) -> Output {
    let mut members = vec![
        ("Id", text_value(id)),
        ("AccountName", text_value(&record.account_name)),
        ("State", text_value(&record.state)),
        (
            "RequestedTimestamp",
            Output::Epoch(record.requested_timestamp),
        ),
    ];
    if let Some(at) = record.completed_timestamp {
        members.push(("CompletedTimestamp", Output::Epoch(at)));
    }
    if let Some(account) = &record.account_id {
        members.push(("AccountId", text_value(account)));
    }
    if let Some(reason) = &record.failure_reason {
        members.push(("FailureReason", text_value(reason)));
    }
    Output::Object(members)
}

fn handshake_json(record: &HandshakeRecord) -> Output {
    let handshake = &record.handshake;
    let mut members = Vec::with_capacity(8);
    let text = |value: &Option<String>| value.as_deref().map(text_value);
    if let Some(id) = text(&handshake.id) {
        members.push(("Id", id));
    }
    if let Some(arn) = text(&handshake.arn) {
        members.push(("Arn", arn));
    }
    if let Some(parties) = &handshake.parties {
        let parties = parties
            .iter()
            .map(|party| {
                let mut fields = Vec::with_capacity(2);
                if let Some(id) = text(&party.id) {
                    fields.push(("Id", id));
                }
                if let Some(kind) = &party.r#type {
                    fields.push(("Type", text_value(kind.as_str())));
                }
                Output::Object(fields)
            })
            .collect();
        members.push(("Parties", Output::List(parties)));
    }
    if let Some(state) = &handshake.state {
        members.push(("State", text_value(state.as_str())));
    }
    if let Some(at) = handshake.requested_timestamp {
        members.push(("RequestedTimestamp", Output::Epoch(at.unix_seconds())));
    }
    if let Some(at) = handshake.expiration_timestamp {
        members.push(("ExpirationTimestamp", Output::Epoch(at.unix_seconds())));
    }
    if let Some(action) = &handshake.action {
        members.push(("Action", text_value(action.as_str())));
    }
    if let Some(resources) = &handshake.resources {
        members.push(("Resources", resources_json(resources)));
    }
    Output::Object(members)
}

/// HandshakeResources, nested as the model nests them.
fn resources_json(resources: &[HandshakeResource]) -> Output {
    Output::List(
        resources
            .iter()
            .map(|resource| {
                let mut fields = Vec::with_capacity(3);
                if let Some(value) = &resource.value {
                    fields.push(("Value", text_value(value)));
                }
                if let Some(kind) = &resource.r#type {
                    fields.push(("Type", text_value(kind.as_str())));
                }
                if let Some(nested) = &resource.resources {
                    fields.push(("Resources", resources_json(nested)));
                }
                Output::Object(fields)
            })
            .collect(),
    )
}

/// The target summary of a root, OU or account.
fn target_json(state: &State, org: &str, target: &str) -> Output {
    let (name, kind, arn_kind) = if let Some(root) = state.roots.get(target) {
        (root.name.as_str(), "ROOT", "root")
    } else if let Some(ou) = state.organizational_units.get(target) {
        (ou.name.as_str(), "ORGANIZATIONAL_UNIT", "ou")
    } else {
        let name = state.accounts.get(target).map_or("", |a| a.name.as_str());
        (name, "ACCOUNT", "account")
    };
    object([
        ("TargetId", text_value(target)),
        ("Arn", Output::Text(arn(state, org, arn_kind, target))),
        ("Name", text_value(name)),
        ("Type", Output::Static(kind)),
    ])
}

// ---------------------------------------------------------------- lookups in one organization

fn is_parent_in(state: &State, org: &str, id: &str) -> bool {
    if id.starts_with("r-") {
        state.roots.get(id).is_some_and(|r| r.organization == org)
    } else {
        state
            .organizational_units
            .get(id)
            .is_some_and(|ou| ou.organization == org)
    }
}

fn is_target_in(state: &State, org: &str, id: &str) -> bool {
    is_parent_in(state, org, id) || state.organization_of(id) == Some(org)
}

fn policy_in(state: &State, org: &str, id: &str) -> Result<(), EmulatorError> {
    let found = id == FULL_AWS_ACCESS_ID
        || state
            .policies
            .get(id)
            .is_some_and(|p| p.organization == org);
    if found {
        Ok(())
    } else {
        Err(error(
            "PolicyNotFoundException",
            format!("We can't find a policy with the PolicyId {id}."),
        ))
    }
}

fn root_of(state: &State, org: &str) -> Result<String, EmulatorError> {
    Ok(org_record(state, org)?.root.clone())
}

/// Whether a policy type is enabled in the organization's root.
fn type_enabled(state: &State, org: &str, policy_type: &str) -> Result<bool, EmulatorError> {
    let root = &org_record(state, org)?.root;
    Ok(root_record(state, root)?.policy_types.contains(policy_type))
}

/// Attaches FullAWSAccess to a new OU or account when SCPs are enabled.
fn attach_default(state: &mut State, org: &str, target: &str) -> Result<(), EmulatorError> {
    if type_enabled(state, org, SERVICE_CONTROL_POLICY)? {
        state.attach(org, FULL_AWS_ACCESS_ID, target);
    }
    Ok(())
}

fn caller_email(state: &State, caller: &str) -> String {
    state
        .accounts
        .get(caller)
        .map(|a| a.email.to_ascii_lowercase())
        .unwrap_or_default()
}

fn is_recipient(state: &State, record: &HandshakeRecord, caller: &str) -> bool {
    record.recipient == caller || record.recipient == caller_email(state, caller)
}

// ---------------------------------------------------------------- organization

fn create_organization(state: &mut State, caller: &str, input: &Value) -> Outcome {
    if state.organization_of(caller).is_some() {
        return Err(error(
            "AlreadyInOrganizationException",
            "This account is already a member of an organization.",
        ));
    }
    let feature_set = optional(input, "FeatureSet").unwrap_or("ALL").to_owned();
    let org_id = state.fresh_id("o-", 10, |s, id| s.organizations.contains_key(id));
    let root_id = state.fresh_id("r-", 4, |s, id| s.roots.contains_key(id));
    let all = feature_set == "ALL";
    state.organizations.insert(
        org_id.clone(),
        OrganizationRecord {
            master: caller.to_owned(),
            feature_set,
            root: root_id.clone(),
            members: BTreeSet::from([caller.to_owned()]),
            organizational_units: BTreeSet::new(),
            policies: BTreeSet::new(),
            handshakes: BTreeSet::new(),
            create_account_requests: BTreeSet::new(),
            policy_targets: BTreeMap::new(),
            enabling_all_features: None,
            accounts_in_progress: 0,
        },
    );
    let mut root = RootRecord {
        organization: org_id.clone(),
        name: "Root".to_owned(),
        policy_types: BTreeSet::new(),
        children: Default::default(),
    };
    if all {
        root.policy_types.insert(SERVICE_CONTROL_POLICY.to_owned());
    }
    root.children.accounts.insert(caller.to_owned());
    state.roots.insert(root_id.clone(), root);
    let clock = state.clock;
    if let Some(account) = state.accounts.get_mut(caller) {
        account.membership = Some(Membership {
            organization: org_id.clone(),
            parent: root_id.clone(),
            joined_method: "INVITED".to_owned(),
            joined_timestamp: clock,
        });
    }
    if all {
        state.attach(&org_id, FULL_AWS_ACCESS_ID, &root_id);
        state.attach(&org_id, FULL_AWS_ACCESS_ID, caller);
    }
    wrap("Organization", organization_json(state, &org_id)?)
}

fn describe_organization(state: &mut State, caller: &str) -> Outcome {
    let org = member_org(state, caller)?;
    wrap("Organization", organization_json(state, &org)?)
}

fn delete_organization(state: &mut State, caller: &str) -> Outcome {
    let org_id = master_org(state, caller)?;
    let org = org_record(state, &org_id)?;
    if org.members.len() > 1
        || org.accounts_in_progress > 0
        || !org.organizational_units.is_empty()
        || !org.policies.is_empty()
    {
        return Err(error(
            "OrganizationNotEmptyException",
            "The organization still has member accounts, OUs or policies; remove them first.",
        ));
    }
    let Some(org) = state.organizations.remove(&org_id) else {
        return Err(EmulatorError::internal(format!(
            "organization {org_id} is missing"
        )));
    };
    for target in [org.root.as_str(), caller] {
        state.attachments.remove(target);
    }
    state.roots.remove(&org.root);
    for handshake in &org.handshakes {
        state.handshakes.remove(handshake);
    }
    for request in &org.create_account_requests {
        state.create_account_requests.remove(request);
    }
    if let Some(account) = state.accounts.get_mut(caller) {
        account.membership = None;
    }
    Ok(Output::empty())
}

/// Makes a member account standalone: out of its parent, its policies detached, its
/// approvals of all features withdrawn.
fn make_standalone(state: &mut State, org_id: &str, account: &str) -> Result<(), EmulatorError> {
    let parent = account_record(state, account)?
        .membership
        .as_ref()
        .map(|m| m.parent.clone());
    // Look everything up before the first change.
    let withdrawn: Vec<String> = org_record(state, org_id)?
        .handshakes
        .iter()
        .filter(|h| {
            state.handshakes.get(*h).is_some_and(|record| {
                record.recipient == account && record.parent.is_some() && is_open(&record.handshake)
            })
        })
        .cloned()
        .collect();
    state.detach_all(org_id, account);
    if let Some(children) = parent.and_then(|p| state.children_of_mut(&p)) {
        children.accounts.remove(account);
    }
    if let Some(org) = state.organizations.get_mut(org_id) {
        org.members.remove(account);
    }
    if let Some(record) = state.accounts.get_mut(account) {
        record.membership = None;
    }
    for id in withdrawn {
        let parent = match state.handshakes.get_mut(&id) {
            Some(record) => {
                record.handshake.state = Some(HandshakeState::Canceled);
                record.parent.clone()
            }
            None => None,
        };
        if let Some(parent) = parent {
            settle_parent(state, &parent);
        }
    }
    Ok(())
}

/// Refuses to let an account CreateAccount made leave before it can stand alone.
fn check_can_stand_alone(state: &State, account: &str) -> Result<(), EmulatorError> {
    if account_record(state, account)?.needs_standalone_setup {
        return Err(constraint(
            "ACCOUNT_CANNOT_LEAVE_ORGANIZATION",
            format!(
                "The account {account} was created in the organization and does not yet have what a standalone account needs (a payment method, a verified phone, an accepted customer agreement); set them up first."
            ),
        ));
    }
    Ok(())
}

fn leave_organization(state: &mut State, caller: &str) -> Outcome {
    let org = member_org(state, caller)?;
    if org_record(state, &org)?.master == caller {
        return Err(error(
            "MasterCannotLeaveOrganizationException",
            "The management account can't leave its organization; delete the organization instead.",
        ));
    }
    check_can_stand_alone(state, caller)?;
    make_standalone(state, &org, caller)?;
    Ok(Output::empty())
}

fn remove_account(state: &mut State, caller: &str, input: &Value) -> Outcome {
    let org = master_org(state, caller)?;
    let account = text(input, "AccountId");
    if state.organization_of(account) != Some(org.as_str()) {
        return Err(account_not_found(account));
    }
    if account == caller {
        return Err(error(
            "MasterCannotLeaveOrganizationException",
            "You can't remove the management account from its organization.",
        ));
    }
    check_can_stand_alone(state, account)?;
    make_standalone(state, &org, account)?;
    Ok(Output::empty())
}

fn account_not_found(account: &str) -> EmulatorError {
    error(
        "AccountNotFoundException",
        format!("We can't find an account with the AccountId {account} in this organization."),
    )
}

// ---------------------------------------------------------------- roots, OUs, accounts

fn parent_not_found(id: &str) -> EmulatorError {
    error(
        "ParentNotFoundException",
        format!("We can't find a root or OU with the ParentId {id}."),
    )
}

fn ou_not_found(id: &str) -> EmulatorError {
    error(
        "OrganizationalUnitNotFoundException",
        format!("We can't find an OU with the OrganizationalUnitId {id}."),
    )
}

fn ou_in<'s>(
    state: &'s State,
    org: &str,
    id: &str,
) -> Result<&'s OrganizationalUnitRecord, EmulatorError> {
    state
        .organizational_units
        .get(id)
        .filter(|ou| ou.organization == org)
        .ok_or_else(|| ou_not_found(id))
}

fn sibling_named(state: &State, parent: &str, name: &str, except: Option<&str>) -> bool {
    state.children_of(parent).is_some_and(|children| {
        children.organizational_units.iter().any(|id| {
            Some(id.as_str()) != except
                && state
                    .organizational_units
                    .get(id)
                    .is_some_and(|ou| ou.name == name)
        })
    })
}

fn duplicate_ou(name: &str) -> EmulatorError {
    error(
        "DuplicateOrganizationalUnitException",
        format!("An OU named {name:?} already exists in this parent."),
    )
}

fn create_organizational_unit(state: &mut State, caller: &str, input: &Value) -> Outcome {
    let org = master_org(state, caller)?;
    let parent = text(input, "ParentId");
    let name = text(input, "Name");
    if !is_parent_in(state, &org, parent) {
        return Err(parent_not_found(parent));
    }
    let depth = state
        .organizational_units
        .get(parent)
        .map_or(1, |ou| ou.depth.saturating_add(1));
    if depth > MAX_OU_DEPTH {
        return Err(constraint(
            "OU_DEPTH_LIMIT_EXCEEDED",
            format!("OUs can be nested at most {MAX_OU_DEPTH} levels below the root."),
        ));
    }
    if sibling_named(state, parent, name, None) {
        return Err(duplicate_ou(name));
    }
    if org_record(state, &org)?.organizational_units.len() >= state.quotas.max_organizational_units
    {
        return Err(constraint(
            "OU_NUMBER_LIMIT_EXCEEDED",
            format!(
                "The organization already has {} OUs, the most it may have.",
                state.quotas.max_organizational_units
            ),
        ));
    }
    let root = root_of(state, &org)?;
    let suffix = root.strip_prefix("r-").unwrap_or(&root);
    let prefix = format!("ou-{suffix}-");
    let id = state.fresh_id(&prefix, 8, |s, id| s.organizational_units.contains_key(id));
    state.organizational_units.insert(
        id.clone(),
        OrganizationalUnitRecord {
            organization: org.clone(),
            parent: parent.to_owned(),
            name: name.to_owned(),
            depth,
            children: Default::default(),
        },
    );
    if let Some(children) = state.children_of_mut(parent) {
        children.organizational_units.insert(id.clone());
    }
    if let Some(record) = state.organizations.get_mut(&org) {
        record.organizational_units.insert(id.clone());
    }
    attach_default(state, &org, &id)?;
    wrap("OrganizationalUnit", ou_json(state, &id)?)
}

fn describe_organizational_unit(state: &mut State, caller: &str, input: &Value) -> Outcome {
    let org = master_org(state, caller)?;
    let id = text(input, "OrganizationalUnitId");
    ou_in(state, &org, id)?;
    wrap("OrganizationalUnit", ou_json(state, id)?)
}

fn update_organizational_unit(state: &mut State, caller: &str, input: &Value) -> Outcome {
    let org = master_org(state, caller)?;
    let id = text(input, "OrganizationalUnitId");
    let parent = ou_in(state, &org, id)?.parent.clone();
    if let Some(name) = optional(input, "Name") {
        if sibling_named(state, &parent, name, Some(id)) {
            return Err(duplicate_ou(name));
        }
        if let Some(ou) = state.organizational_units.get_mut(id) {
            ou.name = name.to_owned();
        }
    }
    wrap("OrganizationalUnit", ou_json(state, id)?)
}

fn delete_organizational_unit(state: &mut State, caller: &str, input: &Value) -> Outcome {
    let org = master_org(state, caller)?;
    let id = text(input, "OrganizationalUnitId");
    let ou = ou_in(state, &org, id)?;
    if !ou.children.is_empty() {
        return Err(error(
            "OrganizationalUnitNotEmptyException",
            format!("The OU {id} still contains accounts or OUs."),
        ));
    }
    let parent = ou.parent.clone();
    state.detach_all(&org, id);
    if let Some(children) = state.children_of_mut(&parent) {
        children.organizational_units.remove(id);
    }
    if let Some(record) = state.organizations.get_mut(&org) {
        record.organizational_units.remove(id);
    }
    state.organizational_units.remove(id);
    Ok(Output::empty())
}

fn describe_account(state: &mut State, caller: &str, input: &Value) -> Outcome {
    let org = master_org(state, caller)?;
    let account = text(input, "AccountId");
    if state.organization_of(account) != Some(org.as_str()) {
        return Err(account_not_found(account));
    }
    wrap("Account", account_json(state, account)?)
}

fn move_account(state: &mut State, caller: &str, input: &Value) -> Outcome {
    let org = master_org(state, caller)?;
    let account = text(input, "AccountId");
    let source = text(input, "SourceParentId");
    let destination = text(input, "DestinationParentId");
    let Some(membership) = state
        .accounts
        .get(account)
        .and_then(|a| a.membership.as_ref())
        .filter(|m| m.organization == org)
    else {
        return Err(account_not_found(account));
    };
    if !is_parent_in(state, &org, source) || membership.parent != source {
        return Err(error(
            "SourceParentNotFoundException",
            format!("The account {account} is not in the source parent {source}."),
        ));
    }
    if !is_parent_in(state, &org, destination) {
        return Err(error(
            "DestinationParentNotFoundException",
            format!("We can't find a root or OU with the DestinationParentId {destination}."),
        ));
    }
    if destination == source {
        return Err(error(
            "DuplicateAccountException",
            format!("The account {account} is already in {destination}."),
        ));
    }
    if let Some(children) = state.children_of_mut(source) {
        children.accounts.remove(account);
    }
    if let Some(children) = state.children_of_mut(destination) {
        children.accounts.insert(account.to_owned());
    }
    if let Some(m) = state
        .accounts
        .get_mut(account)
        .and_then(|a| a.membership.as_mut())
    {
        m.parent = destination.to_owned();
    }
    Ok(Output::empty())
}

/// How many accounts count against the organization's account quota: its members, the
/// accounts CreateAccount is still making, and its open invitations (AWS counts an invitation
/// until it is accepted, declined, canceled or expires). `except` leaves one invitation out.
fn accounts_counted(
    state: &State,
    org: &str,
    except: Option<&str>,
) -> Result<usize, EmulatorError> {
    let record = org_record(state, org)?;
    let invitations = record
        .handshakes
        .iter()
        .filter(|id| Some(id.as_str()) != except)
        .filter_map(|id| state.handshakes.get(id))
        .filter(|h| h.handshake.action == Some(ActionType::Invite) && is_open(&h.handshake))
        .count();
    Ok(record
        .members
        .len()
        .saturating_add(record.accounts_in_progress)
        .saturating_add(invitations))
}

fn create_account(state: &mut State, caller: &str, input: &Value) -> Outcome {
    let org = master_org(state, caller)?;
    if accounts_counted(state, &org, None)? >= state.quotas.max_accounts {
        return Err(constraint(
            "ACCOUNT_NUMBER_LIMIT_EXCEEDED",
            format!(
                "The organization already has {} accounts (members, accounts being created and open invitations), the most it may have.",
                state.quotas.max_accounts
            ),
        ));
    }
    let id = state.fresh_id("car-", 10, |s, id| {
        s.create_account_requests.contains_key(id)
    });
    let request = CreateAccountRecord {
        organization: org.clone(),
        email: text(input, "Email").to_owned(),
        account_name: text(input, "AccountName").to_owned(),
        state: "IN_PROGRESS".to_owned(),
        requested_timestamp: state.clock,
        completed_timestamp: None,
        account_id: None,
        failure_reason: None,
        role_name: optional(input, "RoleName").map(str::to_owned),
    };
    let body = create_account_json(&id, &request);
    state.create_account_requests.insert(id.clone(), request);
    if let Some(record) = state.organizations.get_mut(&org) {
        record.create_account_requests.insert(id);
        record.accounts_in_progress = record.accounts_in_progress.saturating_add(1);
    }
    wrap("CreateAccountStatus", body)
}

fn create_account_status_in<'s>(
    state: &'s State,
    org: &str,
    id: &str,
) -> Result<&'s CreateAccountRecord, EmulatorError> {
    state
        .create_account_requests
        .get(id)
        .filter(|r| r.organization == org)
        .ok_or_else(|| {
            error(
                "CreateAccountStatusNotFoundException",
                format!("We can't find a CreateAccount request with the ID {id}."),
            )
        })
}

fn describe_create_account_status(state: &mut State, caller: &str, input: &Value) -> Outcome {
    let org = master_org(state, caller)?;
    let id = text(input, "CreateAccountRequestId");
    let record = create_account_status_in(state, &org, id)?;
    wrap("CreateAccountStatus", create_account_json(id, record))
}

/// Runs what the clock's advance makes due: CreateAccount requests finish, handshakes expire.
pub(super) fn on_clock(state: &mut State) -> Result<(), EmulatorError> {
    let due: Vec<String> = state
        .create_account_requests
        .iter()
        .filter(|(_, r)| r.state == "IN_PROGRESS" && r.requested_timestamp < state.clock)
        .map(|(id, _)| id.clone())
        .collect();
    for id in due {
        finish_create_account(state, &id)?;
    }
    let expired: Vec<String> = state
        .handshakes
        .iter()
        .filter(|(_, r)| {
            is_open(&r.handshake)
                && r.handshake
                    .expiration_timestamp
                    .is_some_and(|at| at.unix_seconds() <= state.clock)
        })
        .map(|(id, _)| id.clone())
        .collect();
    for id in expired {
        let clock = state.clock;
        let Some(record) = state.handshakes.get_mut(&id) else {
            continue;
        };
        if let Ok(after) = transition(&record.handshake, Event::Expire, &Actor::System, clock) {
            record.handshake = after;
        }
        let org = record.organization.clone();
        if let Some(org) = state.organizations.get_mut(&org) {
            if org.enabling_all_features.as_deref() == Some(id.as_str()) {
                org.enabling_all_features = None;
            }
        }
    }
    Ok(())
}

fn finish_create_account(state: &mut State, id: &str) -> Result<(), EmulatorError> {
    let clock = state.clock;
    let request = state
        .create_account_requests
        .get(id)
        .ok_or_else(|| EmulatorError::internal(format!("CreateAccount request {id} is missing")))?;
    let org = request.organization.clone();
    let email_key = request.email.to_ascii_lowercase();
    let (email, name) = (request.email.clone(), request.account_name.clone());
    let root = root_of(state, &org)?;
    let outcome = if state.emails.contains_key(&email_key) {
        Err("EMAIL_ALREADY_EXISTS")
    } else {
        Ok(state.fresh_account_id())
    };
    if let Some(record) = state.organizations.get_mut(&org) {
        record.accounts_in_progress = record.accounts_in_progress.saturating_sub(1);
    }
    let Some(record) = state.create_account_requests.get_mut(id) else {
        return Err(EmulatorError::internal(format!(
            "CreateAccount request {id} is missing"
        )));
    };
    record.completed_timestamp = Some(clock);
    match outcome {
        Err(reason) => {
            record.state = "FAILED".to_owned();
            record.failure_reason = Some(reason.to_owned());
        }
        Ok(account) => {
            record.state = "SUCCEEDED".to_owned();
            record.account_id = Some(account.clone());
            state.emails.insert(email_key, account.clone());
            state.accounts.insert(
                account.clone(),
                AccountRecord {
                    email,
                    name,
                    membership: Some(Membership {
                        organization: org.clone(),
                        parent: root.clone(),
                        joined_method: "CREATED".to_owned(),
                        joined_timestamp: clock,
                    }),
                    needs_standalone_setup: true,
                },
            );
            join(state, &org, &root, &account)?;
        }
    }
    Ok(())
}

/// Puts an account that already has its membership into the root's children, the
/// organization's members, and gives it the default policy.
fn join(state: &mut State, org: &str, root: &str, account: &str) -> Result<(), EmulatorError> {
    if let Some(children) = state.children_of_mut(root) {
        children.accounts.insert(account.to_owned());
    }
    if let Some(record) = state.organizations.get_mut(org) {
        record.members.insert(account.to_owned());
    }
    attach_default(state, org, account)
}

// ---------------------------------------------------------------- listings

/// The page parameters of a List request, its tokens bound to the organization and the
/// caller they were issued to (a token of another organization or caller is
/// INVALID_NEXT_TOKEN, even for the same operation and filter).
fn page_query<'a>(operation: &'a str, input: &'a Value, org: &str, caller: &str) -> PageQuery<'a> {
    PageQuery::of(operation, input, ORGANIZATIONS_LIMITS)
        .filtered("Organization", org)
        .filtered("Caller", caller)
}

/// A NextToken this query did not issue: InvalidInputException INVALID_NEXT_TOKEN.
fn bad_token(issue: Issue) -> EmulatorError {
    invalid_input("INVALID_NEXT_TOKEN", issue.message)
}

fn codec(state: &State) -> PageTokenCodec {
    PageTokenCodec::new(state.token_secret)
}

fn page_of_set<'s>(
    set: &'s BTreeSet<String>,
) -> impl FnOnce(Bound<&str>) -> Box<dyn Iterator<Item = (&'s str, &'s str)> + 's> {
    move |start| {
        Box::new(
            set.range::<str, _>((start, Bound::Unbounded))
                .map(|id| (id.as_str(), id.as_str())),
        )
    }
}

fn list_accounts(state: &mut State, caller: &str, input: &Value) -> Outcome {
    let org = master_org(state, caller)?;
    let query = page_query("ListAccounts", input, &org, caller);
    let (ids, next) = query
        .run(
            &codec(state),
            page_of_set(&org_record(state, &org)?.members),
        )
        .map_err(bad_token)?;
    let accounts = ids
        .into_iter()
        .map(|id| account_json(state, id))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Output::page("Accounts", accounts, next))
}

fn children_in<'s>(
    state: &'s State,
    org: &str,
    parent: &str,
) -> Result<&'s super::state::Children, EmulatorError> {
    if !is_parent_in(state, org, parent) {
        return Err(parent_not_found(parent));
    }
    state
        .children_of(parent)
        .ok_or_else(|| parent_not_found(parent))
}

fn list_accounts_for_parent(state: &mut State, caller: &str, input: &Value) -> Outcome {
    let org = master_org(state, caller)?;
    let parent = text(input, "ParentId");
    let children = children_in(state, &org, parent)?;
    let query =
        page_query("ListAccountsForParent", input, &org, caller).filtered("ParentId", parent);
    let (ids, next) = query
        .run(&codec(state), page_of_set(&children.accounts))
        .map_err(bad_token)?;
    let accounts = ids
        .into_iter()
        .map(|id| account_json(state, id))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Output::page("Accounts", accounts, next))
}

fn list_organizational_units(state: &mut State, caller: &str, input: &Value) -> Outcome {
    let org = master_org(state, caller)?;
    let parent = text(input, "ParentId");
    let children = children_in(state, &org, parent)?;
    let query = page_query("ListOrganizationalUnitsForParent", input, &org, caller)
        .filtered("ParentId", parent);
    let (ids, next) = query
        .run(&codec(state), page_of_set(&children.organizational_units))
        .map_err(bad_token)?;
    let units = ids
        .into_iter()
        .map(|id| ou_json(state, id))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Output::page("OrganizationalUnits", units, next))
}

fn list_children(state: &mut State, caller: &str, input: &Value) -> Outcome {
    let org = master_org(state, caller)?;
    let parent = text(input, "ParentId");
    let child_type = text(input, "ChildType");
    let children = children_in(state, &org, parent)?;
    let set = if child_type == "ACCOUNT" {
        &children.accounts
    } else {
        &children.organizational_units
    };
    let query = page_query("ListChildren", input, &org, caller)
        .filtered("ParentId", parent)
        .filtered("ChildType", child_type);
    let (ids, next) = query
        .run(&codec(state), page_of_set(set))
        .map_err(bad_token)?;
    let listed: Vec<Output> = ids
        .into_iter()
        .map(|id| object([("Id", text_value(id)), ("Type", text_value(child_type))]))
        .collect();
    Ok(Output::page("Children", listed, next))
}

fn list_parents(state: &mut State, caller: &str, input: &Value) -> Outcome {
    let org = master_org(state, caller)?;
    let child = text(input, "ChildId");
    let parent = if let Some(ou) = state
        .organizational_units
        .get(child)
        .filter(|ou| ou.organization == org)
    {
        ou.parent.clone()
    } else if let Some(m) = state
        .accounts
        .get(child)
        .and_then(|a| a.membership.as_ref())
        .filter(|m| m.organization == org)
    {
        m.parent.clone()
    } else {
        return Err(error(
            "ChildNotFoundException",
            format!("We can't find an account or OU with the ChildId {child}."),
        ));
    };
    let kind = if state.roots.contains_key(&parent) {
        "ROOT"
    } else {
        "ORGANIZATIONAL_UNIT"
    };
    let single = BTreeSet::from([parent]);
    let query = page_query("ListParents", input, &org, caller).filtered("ChildId", child);
    let (ids, next) = query
        .run(&codec(state), page_of_set(&single))
        .map_err(bad_token)?;
    let parents: Vec<Output> = ids
        .into_iter()
        .map(|id| object([("Id", text_value(id)), ("Type", Output::Static(kind))]))
        .collect();
    Ok(Output::page("Parents", parents, next))
}

fn list_roots(state: &mut State, caller: &str, input: &Value) -> Outcome {
    let org = master_org(state, caller)?;
    let single = BTreeSet::from([root_of(state, &org)?]);
    let query = page_query("ListRoots", input, &org, caller);
    let (ids, next) = query
        .run(&codec(state), page_of_set(&single))
        .map_err(bad_token)?;
    let roots = ids
        .into_iter()
        .map(|id| root_json(state, id))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Output::page("Roots", roots, next))
}

fn list_create_account_status(state: &mut State, caller: &str, input: &Value) -> Outcome {
    let org = master_org(state, caller)?;
    let states: Vec<&str> = input
        .get("States")
        .and_then(Value::as_array)
        .map(|list| list.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let query = page_query("ListCreateAccountStatus", input, &org, caller)
        .filtered("States", states.join(","));
    let requests = &state.create_account_requests;
    let listed = &org_record(state, &org)?.create_account_requests;
    let (page, next) = query
        .run(&codec(state), |start| {
            Box::new(
                listed
                    .range::<str, _>((start, Bound::Unbounded))
                    .filter_map(move |id| requests.get(id).map(|record| (id.as_str(), record)))
                    .filter(move |(_, record)| {
                        states.is_empty() || states.contains(&record.state.as_str())
                    })
                    .map(|(id, record)| (id, (id, record))),
            )
        })
        .map_err(bad_token)?;
    let statuses: Vec<Output> = page
        .into_iter()
        .map(|(id, record)| create_account_json(id, record))
        .collect();
    Ok(Output::page("CreateAccountStatuses", statuses, next))
}

// ---------------------------------------------------------------- policies

/// Checks a policy document: at most `limit` characters (AWS's quota, 5,120 for a service
/// control policy; the 2017 model has no POLICY_CONTENT_LIMIT_EXCEEDED reason, so a longer
/// document is a MalformedPolicyDocumentException, as AWS answered then), then the SCP
/// grammar under the original edition's rules ([`policy::check_scp`] with
/// [`ScpRules::Original`]): the first issue, with its path, is the exception's message.
pub(super) fn check_policy_document(content: &str, limit: usize) -> Result<(), EmulatorError> {
    let malformed = |why: String| {
        error(
            "MalformedPolicyDocumentException",
            format!("The provided policy document does not meet the requirements of the specified policy type: {why}"),
        )
    };
    let length = content.chars().count();
    if length > limit {
        return Err(malformed(format!(
            "it has {length} characters, more than the {limit} a policy document may have."
        )));
    }
    // The size is the emulator's setting (above); every other issue is the grammar's.
    let issues = policy::check_scp(content, ScpRules::Original);
    match issues
        .iter()
        .find(|issue| issue.code != PolicyIssueCode::DocumentTooLarge)
    {
        Some(first) => Err(malformed(first.to_string())),
        None => Ok(()),
    }
}

fn policy_name_taken(
    state: &State,
    org: &str,
    name: &str,
    except: Option<&str>,
) -> Result<bool, EmulatorError> {
    Ok(name == FULL_AWS_ACCESS_NAME
        || org_record(state, org)?.policies.iter().any(|id| {
            Some(id.as_str()) != except && state.policies.get(id).is_some_and(|p| p.name == name)
        }))
}

fn duplicate_policy(name: &str) -> EmulatorError {
    error(
        "DuplicatePolicyException",
        format!("A policy named {name:?} already exists."),
    )
}

fn immutable(policy: &str) -> EmulatorError {
    invalid_input(
        "IMMUTABLE_POLICY",
        format!("The policy {policy} is managed by AWS and can't be changed or deleted."),
    )
}

fn create_policy(state: &mut State, caller: &str, input: &Value) -> Outcome {
    let org = master_org(state, caller)?;
    if org_record(state, &org)?.feature_set != "ALL" {
        return Err(error(
            "PolicyTypeNotAvailableForOrganizationException",
            "Policies are available only in an organization with all features enabled.",
        ));
    }
    let content = text(input, "Content");
    let name = text(input, "Name");
    check_policy_document(content, state.policy_document_limit)?;
    if policy_name_taken(state, &org, name, None)? {
        return Err(duplicate_policy(name));
    }
    if org_record(state, &org)?.policies.len() >= state.quotas.max_policies {
        return Err(constraint(
            "POLICY_NUMBER_LIMIT_EXCEEDED",
            format!(
                "The organization already has {} policies, the most it may have.",
                state.quotas.max_policies
            ),
        ));
    }
    let id = state.fresh_id("p-", 10, |s, id| s.policies.contains_key(id));
    state.policies.insert(
        id.clone(),
        PolicyRecord {
            organization: org.clone(),
            name: name.to_owned(),
            description: text(input, "Description").to_owned(),
            policy_type: text(input, "Type").to_owned(),
            content: content.to_owned(),
        },
    );
    if let Some(record) = state.organizations.get_mut(&org) {
        record.policies.insert(id.clone());
    }
    wrap("Policy", policy_json(state, &org, &id)?)
}

fn describe_policy(state: &mut State, caller: &str, input: &Value) -> Outcome {
    let org = master_org(state, caller)?;
    let id = text(input, "PolicyId");
    policy_in(state, &org, id)?;
    wrap("Policy", policy_json(state, &org, id)?)
}

fn update_policy(state: &mut State, caller: &str, input: &Value) -> Outcome {
    let org = master_org(state, caller)?;
    let id = text(input, "PolicyId");
    policy_in(state, &org, id)?;
    if id == FULL_AWS_ACCESS_ID {
        return Err(immutable(id));
    }
    let name = optional(input, "Name");
    let content = optional(input, "Content");
    if let Some(name) = name {
        if policy_name_taken(state, &org, name, Some(id))? {
            return Err(duplicate_policy(name));
        }
    }
    if let Some(content) = content {
        check_policy_document(content, state.policy_document_limit)?;
    }
    let Some(record) = state.policies.get_mut(id) else {
        return Err(EmulatorError::internal(format!("policy {id} is missing")));
    };
    if let Some(name) = name {
        record.name = name.to_owned();
    }
    if let Some(description) = optional(input, "Description") {
        record.description = description.to_owned();
    }
    if let Some(content) = content {
        record.content = content.to_owned();
    }
    wrap("Policy", policy_json(state, &org, id)?)
}

fn delete_policy(state: &mut State, caller: &str, input: &Value) -> Outcome {
    let org = master_org(state, caller)?;
    let id = text(input, "PolicyId");
    policy_in(state, &org, id)?;
    if id == FULL_AWS_ACCESS_ID {
        return Err(immutable(id));
    }
    if org_record(state, &org)?.policy_targets.contains_key(id) {
        return Err(error(
            "PolicyInUseException",
            format!("The policy {id} is still attached; detach it from every target first."),
        ));
    }
    state.policies.remove(id);
    if let Some(record) = state.organizations.get_mut(&org) {
        record.policies.remove(id);
    }
    Ok(Output::empty())
}

fn target_not_found(id: &str) -> EmulatorError {
    error(
        "TargetNotFoundException",
        format!("We can't find a root, OU or account with the TargetId {id}."),
    )
}

fn attach_policy(state: &mut State, caller: &str, input: &Value) -> Outcome {
    let org = master_org(state, caller)?;
    let policy = text(input, "PolicyId");
    let target = text(input, "TargetId");
    policy_in(state, &org, policy)?;
    if !is_target_in(state, &org, target) {
        return Err(target_not_found(target));
    }
    let policy_type = state.policy_type_of(policy).unwrap_or("").to_owned();
    if !type_enabled(state, &org, &policy_type)? {
        return Err(error(
            "PolicyTypeNotEnabledException",
            format!("The policy type {policy_type} is not enabled in the root."),
        ));
    }
    if state
        .attachments
        .get(target)
        .is_some_and(|set| set.contains(policy))
    {
        return Err(error(
            "DuplicatePolicyAttachmentException",
            format!("The policy {policy} is already attached to {target}."),
        ));
    }
    if state.attached_of_type(target, &policy_type) >= MAX_POLICIES_PER_TARGET {
        return Err(constraint(
            "MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED",
            format!("{target} already has {MAX_POLICIES_PER_TARGET} policies of type {policy_type}, the most it may have."),
        ));
    }
    state.attach(&org, policy, target);
    Ok(Output::empty())
}

fn detach_policy(state: &mut State, caller: &str, input: &Value) -> Outcome {
    let org = master_org(state, caller)?;
    let policy = text(input, "PolicyId");
    let target = text(input, "TargetId");
    policy_in(state, &org, policy)?;
    if !is_target_in(state, &org, target) {
        return Err(target_not_found(target));
    }
    if !state
        .attachments
        .get(target)
        .is_some_and(|set| set.contains(policy))
    {
        return Err(error(
            "PolicyNotAttachedException",
            format!("The policy {policy} is not attached to {target}."),
        ));
    }
    let policy_type = state.policy_type_of(policy).unwrap_or("").to_owned();
    let enabled = type_enabled(state, &org, &policy_type)?;
    if enabled && state.attached_of_type(target, &policy_type) <= 1 {
        return Err(constraint(
            "MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED",
            format!("{target} must keep at least one policy of type {policy_type}; attach another before detaching this one."),
        ));
    }
    state.detach(&org, policy, target);
    Ok(Output::empty())
}

fn root_in(state: &State, org: &str, id: &str) -> Result<(), EmulatorError> {
    if state.roots.get(id).is_some_and(|r| r.organization == org) {
        Ok(())
    } else {
        Err(error(
            "RootNotFoundException",
            format!("We can't find a root with the RootId {id}."),
        ))
    }
}

fn enable_policy_type(state: &mut State, caller: &str, input: &Value) -> Outcome {
    let org = master_org(state, caller)?;
    let root = text(input, "RootId");
    let policy_type = text(input, "PolicyType");
    root_in(state, &org, root)?;
    if org_record(state, &org)?.feature_set != "ALL" {
        return Err(error(
            "PolicyTypeNotAvailableForOrganizationException",
            "Policy types can be enabled only in an organization with all features enabled.",
        ));
    }
    if root_record(state, root)?.policy_types.contains(policy_type) {
        return Err(error(
            "PolicyTypeAlreadyEnabledException",
            format!("The policy type {policy_type} is already enabled in {root}."),
        ));
    }
    if let Some(record) = state.roots.get_mut(root) {
        record.policy_types.insert(policy_type.to_owned());
    }
    if policy_type == SERVICE_CONTROL_POLICY {
        let record = org_record(state, &org)?;
        let targets: Vec<String> = std::iter::once(root.to_owned())
            .chain(record.organizational_units.iter().cloned())
            .chain(record.members.iter().cloned())
            .collect();
        for target in targets {
            state.attach(&org, FULL_AWS_ACCESS_ID, &target);
        }
    }
    wrap("Root", root_json(state, root)?)
}

fn disable_policy_type(state: &mut State, caller: &str, input: &Value) -> Outcome {
    let org = master_org(state, caller)?;
    let root = text(input, "RootId");
    let policy_type = text(input, "PolicyType");
    root_in(state, &org, root)?;
    if !root_record(state, root)?.policy_types.contains(policy_type) {
        return Err(error(
            "PolicyTypeNotEnabledException",
            format!("The policy type {policy_type} is not enabled in {root}."),
        ));
    }
    let attached: Vec<(String, String)> = org_record(state, &org)?
        .policy_targets
        .iter()
        .filter(|(policy, _)| state.policy_type_of(policy) == Some(policy_type))
        .flat_map(|(policy, targets)| targets.iter().map(move |t| (policy.clone(), t.clone())))
        .collect();
    for (policy, target) in attached {
        state.detach(&org, &policy, &target);
    }
    if let Some(record) = state.roots.get_mut(root) {
        record.policy_types.remove(policy_type);
    }
    wrap("Root", root_json(state, root)?)
}

fn policy_type_filter(input: &Value) -> &str {
    input
        .get("Filter")
        .and_then(Value::as_str)
        .unwrap_or(SERVICE_CONTROL_POLICY)
}

fn list_policies(state: &mut State, caller: &str, input: &Value) -> Outcome {
    let org = master_org(state, caller)?;
    let policy_type = policy_type_filter(input);
    let mut ids: BTreeSet<String> = org_record(state, &org)?
        .policies
        .iter()
        .filter(|id| {
            state
                .policies
                .get(*id)
                .is_some_and(|p| p.policy_type == policy_type)
        })
        .cloned()
        .collect();
    if policy_type == SERVICE_CONTROL_POLICY {
        ids.insert(FULL_AWS_ACCESS_ID.to_owned());
    }
    let query = page_query("ListPolicies", input, &org, caller).filtered("Filter", policy_type);
    let (page, next) = query
        .run(&codec(state), page_of_set(&ids))
        .map_err(bad_token)?;
    let policies = page
        .into_iter()
        .map(|id| policy_summary_json(state, &org, id))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Output::page("Policies", policies, next))
}

fn list_policies_for_target(state: &mut State, caller: &str, input: &Value) -> Outcome {
    let state = &*state;
    let org = master_org(state, caller)?;
    let target = text(input, "TargetId");
    let policy_type = policy_type_filter(input);
    if !is_target_in(state, &org, target) {
        return Err(target_not_found(target));
    }
    let query = page_query("ListPoliciesForTarget", input, &org, caller)
        .filtered("TargetId", target)
        .filtered("Filter", policy_type);
    let empty = BTreeSet::new();
    let attached = state.attachments.get(target).unwrap_or(&empty);
    let (page, next) = query
        .run(&codec(state), |start| {
            Box::new(
                attached
                    .range::<str, _>((start, Bound::Unbounded))
                    .filter(move |id| state.policy_type_of(id) == Some(policy_type))
                    .map(|id| (id.as_str(), id.as_str())),
            )
        })
        .map_err(bad_token)?;
    let policies = page
        .into_iter()
        .map(|id| policy_summary_json(state, &org, id))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Output::page("Policies", policies, next))
}

fn list_targets_for_policy(state: &mut State, caller: &str, input: &Value) -> Outcome {
    let org = master_org(state, caller)?;
    let policy = text(input, "PolicyId");
    policy_in(state, &org, policy)?;
    let empty = BTreeSet::new();
    let targets = org_record(state, &org)?
        .policy_targets
        .get(policy)
        .unwrap_or(&empty);
    let query =
        page_query("ListTargetsForPolicy", input, &org, caller).filtered("PolicyId", policy);
    let (page, next) = query
        .run(&codec(state), page_of_set(targets))
        .map_err(bad_token)?;
    let listed: Vec<Output> = page
        .into_iter()
        .map(|id| target_json(state, &org, id))
        .collect();
    Ok(Output::page("Targets", listed, next))
}

// ---------------------------------------------------------------- handshakes

fn is_open(handshake: &Handshake) -> bool {
    matches!(
        handshake.state,
        Some(HandshakeState::Open | HandshakeState::Requested)
    )
}

fn resource(kind: HandshakeResourceType, value: &str) -> HandshakeResource {
    HandshakeResource {
        value: Some(value.to_owned()),
        r#type: Some(kind),
        resources: None,
    }
}

fn party(kind: HandshakePartyType, id: &str) -> HandshakeParty {
    HandshakeParty {
        id: Some(id.to_owned()),
        r#type: Some(kind),
    }
}

/// A new handshake of the organization, stored and listed.
#[allow(clippy::too_many_arguments)]
fn new_handshake(
    state: &mut State,
    org: &str,
    action: ActionType,
    handshake_state: HandshakeState,
    parties: Vec<HandshakeParty>,
    resources: Vec<HandshakeResource>,
    recipient: String,
    parent: Option<String>,
) -> String {
    let id = state.fresh_id("h-", 10, |s, id| s.handshakes.contains_key(id));
    let kind = action.as_str().to_ascii_lowercase();
    let requested = EpochTimestamp(state.clock);
    let handshake = Handshake {
        id: Some(id.clone()),
        arn: Some(arn(state, org, "handshake", &format!("{kind}/{id}"))),
        parties: Some(parties),
        state: Some(handshake_state),
        requested_timestamp: Some(requested),
        expiration_timestamp: Some(expiration_for(requested)),
        action: Some(action),
        resources: Some(resources),
    };
    state.handshakes.insert(
        id.clone(),
        HandshakeRecord {
            organization: org.to_owned(),
            handshake,
            recipient,
            parent,
            children: Vec::new(),
        },
    );
    if let Some(record) = state.organizations.get_mut(org) {
        record.handshakes.insert(id.clone());
    }
    id
}

fn invite_account(state: &mut State, caller: &str, input: &Value) -> Outcome {
    let org = master_org(state, caller)?;
    let target_id = input
        .pointer("/Target/Id")
        .and_then(Value::as_str)
        .unwrap_or("");
    let target_type = input
        .pointer("/Target/Type")
        .and_then(Value::as_str)
        .unwrap_or("");
    if org_record(state, &org)?.enabling_all_features.is_some() {
        return Err(handshake_constraint(
            "INVITE_DISABLED_DURING_ENABLE_ALL_FEATURES",
            "You can't invite accounts while the organization is enabling all features.",
        ));
    }
    let (party_type, recipient) = match target_type {
        "ACCOUNT" => (HandshakePartyType::Account, target_id.to_owned()),
        "EMAIL" => {
            let email = target_id.to_ascii_lowercase();
            let recipient = state.emails.get(&email).cloned().unwrap_or(email);
            (HandshakePartyType::Email, recipient)
        }
        _ => {
            return Err(invalid_input(
                "INVALID_PARTY_TYPE_TARGET",
                "An invitation's Target must be of Type ACCOUNT or EMAIL.",
            ))
        }
    };
    if state.organization_of(&recipient) == Some(org.as_str()) {
        return Err(handshake_constraint(
            "ALREADY_IN_AN_ORGANIZATION",
            format!("The account {recipient} is already a member of this organization."),
        ));
    }
    let duplicate = org_record(state, &org)?
        .handshakes
        .iter()
        .filter_map(|id| state.handshakes.get(id))
        .any(|record| {
            record.recipient == recipient
                && record.handshake.action == Some(ActionType::Invite)
                && is_open(&record.handshake)
        });
    if duplicate {
        return Err(error(
            "DuplicateHandshakeException",
            format!("An open invitation to {target_id} already exists."),
        ));
    }
    if accounts_counted(state, &org, None)? >= state.quotas.max_accounts {
        return Err(handshake_constraint(
            "ACCOUNT_NUMBER_LIMIT_EXCEEDED",
            "The organization already has as many accounts (members, accounts being created and open invitations) as it may have.",
        ));
    }
    let record = org_record(state, &org)?;
    let master = account_record(state, &record.master)?;
    let mut organization = resource(HandshakeResourceType::Organization, &org);
    organization.resources = Some(vec![
        resource(HandshakeResourceType::MasterEmail, &master.email),
        resource(HandshakeResourceType::MasterName, &master.name),
        resource(
            HandshakeResourceType::OrganizationFeatureSet,
            &record.feature_set,
        ),
    ]);
    let target_resource = if party_type == HandshakePartyType::Account {
        HandshakeResourceType::Account
    } else {
        HandshakeResourceType::Email
    };
    let mut resources = vec![organization, resource(target_resource, target_id)];
    if let Some(notes) = optional(input, "Notes") {
        resources.push(resource(HandshakeResourceType::Notes, notes));
    }
    let by_account = party_type == HandshakePartyType::Account;
    let parties = vec![
        party(HandshakePartyType::Organization, &org),
        party(party_type, target_id),
    ];
    if by_account {
        state.ensure_account(target_id);
    }
    let id = new_handshake(
        state,
        &org,
        ActionType::Invite,
        HandshakeState::Open,
        parties,
        resources,
        recipient,
        None,
    );
    wrap("Handshake", handshake_json(handshake_record(state, &id)?))
}

fn enable_all_features(state: &mut State, caller: &str) -> Outcome {
    let org = master_org(state, caller)?;
    let record = org_record(state, &org)?;
    if record.feature_set == "ALL" {
        return Err(handshake_constraint(
            "ORGANIZATION_ALREADY_HAS_ALL_FEATURES",
            "The organization already has all features enabled.",
        ));
    }
    if let Some(open) = &record.enabling_all_features {
        // The 2017 model lists neither DuplicateHandshakeException for this operation nor
        // the later ORGANIZATION_IS_ALREADY_PENDING_ALL_FEATURES_MIGRATION reason.
        return Err(handshake_constraint(
            "ORGANIZATION_ALREADY_HAS_ALL_FEATURES",
            format!(
                "The organization is already enabling all features (handshake {open}); accept or cancel that handshake first."
            ),
        ));
    }
    // Only invited members approve: AWS infers the approval of the accounts it created.
    let mut members = Vec::new();
    for member in record.members.iter().filter(|m| **m != record.master) {
        let invited = account_record(state, member)?
            .membership
            .as_ref()
            .is_some_and(|m| m.joined_method == "INVITED");
        if invited {
            members.push(member.clone());
        }
    }
    let initial = if members.is_empty() {
        HandshakeState::Open
    } else {
        HandshakeState::Requested
    };
    let parent = new_handshake(
        state,
        &org,
        ActionType::EnableAllFeatures,
        initial,
        vec![
            party(HandshakePartyType::Organization, &org),
            party(HandshakePartyType::Account, caller),
        ],
        vec![resource(HandshakeResourceType::Organization, &org)],
        caller.to_owned(),
        None,
    );
    let mut children = Vec::with_capacity(members.len());
    for member in members {
        children.push(new_handshake(
            state,
            &org,
            ActionType::ApproveAllFeatures,
            HandshakeState::Open,
            vec![
                party(HandshakePartyType::Organization, &org),
                party(HandshakePartyType::Account, &member),
            ],
            vec![
                resource(HandshakeResourceType::Organization, &org),
                resource(HandshakeResourceType::ParentHandshake, &parent),
            ],
            member,
            Some(parent.clone()),
        ));
    }
    if let Some(record) = state.handshakes.get_mut(&parent) {
        record.children = children;
    }
    if let Some(record) = state.organizations.get_mut(&org) {
        record.enabling_all_features = Some(parent.clone());
    }
    wrap(
        "Handshake",
        handshake_json(handshake_record(state, &parent)?),
    )
}

/// The handshake, when the caller may see it: its recipient, or an account of its
/// organization. Any other caller gets HandshakeNotFoundException (it cannot see the
/// handshake), except that AcceptHandshake, whose model lists it, answers
/// AWSOrganizationsNotInUseException to a caller in no organization.
fn visible_handshake<'s>(
    state: &'s State,
    caller: &str,
    id: &str,
    not_in_use_when_standalone: bool,
) -> Result<&'s HandshakeRecord, EmulatorError> {
    let record = state.handshakes.get(id);
    let caller_org = state.organization_of(caller);
    if let Some(record) = record {
        if is_recipient(state, record, caller) || caller_org == Some(record.organization.as_str()) {
            return Ok(record);
        }
    }
    if caller_org.is_none() && not_in_use_when_standalone {
        return Err(not_in_use());
    }
    Err(error(
        "HandshakeNotFoundException",
        format!("We can't find a handshake with the HandshakeId {id}."),
    ))
}

fn actor(state: &State, caller: &str) -> Result<Actor, EmulatorError> {
    let id = AccountId::parse(caller)
        .map_err(|err| EmulatorError::internal(format!("the caller {caller:?}: {err}")))?;
    Ok(Actor::Account {
        id,
        email: state.accounts.get(caller).map(|a| a.email.clone()),
        organization: state.organization_of(caller).map(str::to_owned),
    })
}

fn refused(err: crate::handshake::HandshakeError) -> EmulatorError {
    ServiceError {
        reason: err.reason,
        ..ServiceError::new(err.code.as_str(), err.message)
    }
    .into()
}

/// Moves an ENABLE_ALL_FEATURES parent on when none of its children still waits.
fn settle_parent(state: &mut State, parent: &str) {
    let Some(record) = state.handshakes.get(parent) else {
        return;
    };
    let remaining = record
        .children
        .iter()
        .filter(|child| {
            state.handshakes.get(*child).is_some_and(|c| {
                !matches!(
                    c.handshake.state,
                    Some(HandshakeState::Accepted | HandshakeState::Canceled)
                )
            })
        })
        .count();
    let clock = state.clock;
    if let Ok(after) = transition(
        &record.handshake,
        Event::ChildAccepted { remaining },
        &Actor::System,
        clock,
    ) {
        if let Some(record) = state.handshakes.get_mut(parent) {
            record.handshake = after;
        }
    }
}

fn accept_handshake(state: &mut State, caller: &str, input: &Value) -> Outcome {
    let id = text(input, "HandshakeId");
    let record = visible_handshake(state, caller, id, true)?;
    let after = transition(
        &record.handshake,
        Event::Accept,
        &actor(state, caller)?,
        state.clock,
    )
    .map_err(refused)?;
    let org = record.organization.clone();
    let parent = record.parent.clone();
    let action = record.handshake.action.clone();
    let joining = action == Some(ActionType::Invite);
    if joining && org_record(state, &org)?.enabling_all_features.is_some() {
        return Err(handshake_constraint(
            "INVITE_DISABLED_DURING_ENABLE_ALL_FEATURES",
            "The organization is enabling all features; invitations wait until that completes.",
        ));
    }
    // The invitation itself is counted already; the others and the members must leave room.
    if joining && accounts_counted(state, &org, Some(id))? >= state.quotas.max_accounts {
        return Err(handshake_constraint(
            "ACCOUNT_NUMBER_LIMIT_EXCEEDED",
            "The organization already has as many accounts as it may have.",
        ));
    }
    let root = root_of(state, &org)?;
    if joining {
        account_record(state, caller)?;
    }
    if let Some(record) = state.handshakes.get_mut(id) {
        record.handshake = after;
    }
    match action {
        Some(ActionType::Invite) => {
            let clock = state.clock;
            if let Some(account) = state.accounts.get_mut(caller) {
                account.membership = Some(Membership {
                    organization: org.clone(),
                    parent: root.clone(),
                    joined_method: "INVITED".to_owned(),
                    joined_timestamp: clock,
                });
            }
            join(state, &org, &root, caller)?;
            // An account joins one organization: its other open invitations lapse.
            let email = caller_email(state, caller);
            let others: Vec<String> = state
                .handshakes
                .iter()
                .filter(|(other, r)| {
                    (r.recipient == caller || r.recipient == email)
                        && other.as_str() != id
                        && r.handshake.action == Some(ActionType::Invite)
                        && is_open(&r.handshake)
                })
                .map(|(other, _)| other.clone())
                .collect();
            for other in others {
                if let Some(r) = state.handshakes.get_mut(&other) {
                    r.handshake.state = Some(HandshakeState::Canceled);
                }
            }
        }
        Some(ActionType::ApproveAllFeatures) => {
            if let Some(parent) = parent {
                settle_parent(state, &parent);
            }
        }
        Some(ActionType::EnableAllFeatures) => {
            if let Some(record) = state.organizations.get_mut(&org) {
                record.feature_set = "ALL".to_owned();
                record.enabling_all_features = None;
            }
        }
        _ => {}
    }
    wrap("Handshake", handshake_json(handshake_record(state, id)?))
}

fn decline_handshake(state: &mut State, caller: &str, input: &Value) -> Outcome {
    let id = text(input, "HandshakeId");
    let record = visible_handshake(state, caller, id, false)?;
    let after = transition(
        &record.handshake,
        Event::Decline,
        &actor(state, caller)?,
        state.clock,
    )
    .map_err(refused)?;
    if let Some(record) = state.handshakes.get_mut(id) {
        record.handshake = after;
    }
    wrap("Handshake", handshake_json(handshake_record(state, id)?))
}

fn cancel_handshake(state: &mut State, caller: &str, input: &Value) -> Outcome {
    let id = text(input, "HandshakeId");
    let record = visible_handshake(state, caller, id, false)?;
    let after = transition(
        &record.handshake,
        Event::Cancel,
        &actor(state, caller)?,
        state.clock,
    )
    .map_err(refused)?;
    let org = record.organization.clone();
    let children = record.children.clone();
    let enabling = org_record(state, &org)?.enabling_all_features.as_deref() == Some(id);
    if let Some(record) = state.handshakes.get_mut(id) {
        record.handshake = after;
    }
    if !children.is_empty() || enabling {
        for child in children {
            if let Some(r) = state.handshakes.get_mut(&child) {
                if is_open(&r.handshake) {
                    r.handshake.state = Some(HandshakeState::Canceled);
                }
            }
        }
        if let Some(record) = state.organizations.get_mut(&org) {
            if record.enabling_all_features.as_deref() == Some(id) {
                record.enabling_all_features = None;
            }
        }
    }
    wrap("Handshake", handshake_json(handshake_record(state, id)?))
}

fn describe_handshake(state: &mut State, caller: &str, input: &Value) -> Outcome {
    let id = text(input, "HandshakeId");
    let record = visible_handshake(state, caller, id, false)?;
    wrap("Handshake", handshake_json(record))
}

/// The filter of the ListHandshakes operations: an action type or a parent handshake.
fn handshake_filter(input: &Value) -> (Option<&str>, Option<&str>) {
    let filter = input.get("Filter");
    (
        filter
            .and_then(|f| f.get("ActionType"))
            .and_then(Value::as_str),
        filter
            .and_then(|f| f.get("ParentHandshakeId"))
            .and_then(Value::as_str),
    )
}

fn handshake_matches(record: &HandshakeRecord, filter: (Option<&str>, Option<&str>)) -> bool {
    let (action, parent) = filter;
    action.is_none_or(|a| record.handshake.action.as_ref().map(ActionType::as_str) == Some(a))
        && parent.is_none_or(|p| record.parent.as_deref() == Some(p))
}

/// Every account lists the handshakes addressed to it (by account ID or by its email), also
/// an account in no organization: that is how an invitee finds its invitations.
fn list_handshakes_for_account(state: &mut State, caller: &str, input: &Value) -> Outcome {
    let email = caller_email(state, caller);
    let addressed = |r: &HandshakeRecord| r.recipient == caller || r.recipient == email;
    let filter = handshake_filter(input);
    let org = state.organization_of(caller).unwrap_or("").to_owned();
    let query = page_query("ListHandshakesForAccount", input, &org, caller)
        .filtered("ActionType", filter.0.unwrap_or(""))
        .filtered("ParentHandshakeId", filter.1.unwrap_or(""));
    let handshakes = &state.handshakes;
    let (page, next) = query
        .run(&codec(state), |start| {
            Box::new(
                handshakes
                    .range::<str, _>((start, Bound::Unbounded))
                    .filter(move |(_, r)| addressed(r) && handshake_matches(r, filter))
                    .map(|(id, r)| (id.as_str(), r)),
            )
        })
        .map_err(bad_token)?;
    let listed: Vec<Output> = page.into_iter().map(handshake_json).collect();
    Ok(Output::page("Handshakes", listed, next))
}

fn list_handshakes_for_organization(state: &mut State, caller: &str, input: &Value) -> Outcome {
    let org = master_org(state, caller)?;
    let filter = handshake_filter(input);
    let query = page_query("ListHandshakesForOrganization", input, &org, caller)
        .filtered("ActionType", filter.0.unwrap_or(""))
        .filtered("ParentHandshakeId", filter.1.unwrap_or(""));
    let handshakes = &state.handshakes;
    let listed = &org_record(state, &org)?.handshakes;
    let (page, next) = query
        .run(&codec(state), |start| {
            Box::new(
                listed
                    .range::<str, _>((start, Bound::Unbounded))
                    .filter_map(move |id| handshakes.get(id).map(|r| (id.as_str(), r)))
                    .filter(move |(_, r)| handshake_matches(r, filter)),
            )
        })
        .map_err(bad_token)?;
    let listed: Vec<Output> = page.into_iter().map(handshake_json).collect();
    Ok(Output::page("Handshakes", listed, next))
}
