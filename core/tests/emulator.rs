//! The emulator: the authorization matrix of tests/vectors/authz.json, each operation's rules
//! and errors, paging, the clock, snapshots, threads, and invariants over random sequences.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::Arc;

use orgkit::emulator::{Emulator, EmulatorError, Quotas};
use proptest::prelude::*;
use serde_json::{json, Value};

mod authz_fixture;
use authz_fixture::{run_fixture, substitute};

const MASTER: &str = "111111111111";
const MEMBER: &str = "222222222222";
const OUTSIDER: &str = "333333333333";
const SCP: &str = "SERVICE_CONTROL_POLICY";
const DOCUMENT: &str =
    r#"{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"*","Resource":"*"}}"#;

fn vectors_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors")
}

fn org(
    emulator: &Emulator,
    caller: &str,
    operation: &str,
    input: Value,
) -> Result<Value, EmulatorError> {
    emulator.call("organizations", operation, caller, &input)
}

fn ok(emulator: &Emulator, caller: &str, operation: &str, input: Value) -> Value {
    org(emulator, caller, operation, input)
        .unwrap_or_else(|err| panic!("{operation} as {caller} failed: {err}"))
}

fn code(result: Result<Value, EmulatorError>) -> String {
    match result {
        Ok(body) => panic!("expected an error, got {body}"),
        Err(err) => match &err {
            EmulatorError::Service(service) => match service.reason {
                Some(reason) => format!("{}:{reason}", service.code),
                None => service.code.to_owned(),
            },
            other => other.code().to_owned(),
        },
    }
}

// ------------------------------------------------------------------ authorization matrix

/// Checks that a refused call answered with an error its operation's model lists (with a
/// reason of that exception's enumeration), or with the service's protocol-level error for a
/// request that does not fit the model; the problem otherwise.
fn unlisted_error(
    service: &str,
    operation: &str,
    err: &orgkit::emulator::ServiceError,
) -> Option<String> {
    let (found, model_op) =
        orgkit::validate::find_operation(orgkit::Edition::Original, service, operation).unwrap();
    let from_validation = !err.issues.is_empty();
    let protocol = orgkit::emulator::protocol_errors(found.name).contains(&err.code);
    if !(model_op.errors.contains(&err.code) || protocol && from_validation) {
        return Some(format!(
            "{service} {operation} answered {}, which its model does not list",
            err.code
        ));
    }
    if let Some(reason) = err.reason {
        let allowed = orgkit::emulator::reasons_of(found.name, err.code);
        let own = from_validation
            && ["UNKNOWN_PARAMETER", "INVALID_TYPE", "TOO_MANY_ISSUES"].contains(&reason);
        if !allowed.contains(&reason) && !own {
            return Some(format!(
                "{service} {operation} answered {} with reason {reason}, which the model's enumeration does not have",
                err.code
            ));
        }
    }
    None
}

#[test]
fn authorization_matrix_matches_the_vectors() {
    let text = std::fs::read_to_string(vectors_dir().join("authz.json")).unwrap();
    let vectors: Value = serde_json::from_str(&text).unwrap();
    let (template, vars) = run_fixture(&vectors);
    let snapshot = template.export();
    let mut covered = BTreeSet::new();
    let mut failures = Vec::new();
    for case in vectors["cases"].as_array().unwrap() {
        let service = case["service"].as_str().unwrap();
        let operation = case["operation"].as_str().unwrap();
        covered.insert((service.to_owned(), operation.to_owned()));
        let (_, model_op) =
            orgkit::validate::find_operation(orgkit::Edition::Original, service, operation)
                .unwrap();
        for (role, expected) in case["expect"].as_object().unwrap() {
            let emulator = Emulator::from_snapshot(&snapshot).unwrap();
            let input = substitute(&case["input"], &vars);
            let before = serde_json::to_string(&emulator.export()).unwrap();
            let got = match emulator.call(service, operation, &vars[role], &input) {
                Ok(body) => {
                    // Every response fits the operation's output shape.
                    if model_op.output.is_some() {
                        orgkit::response::parse_response(
                            orgkit::Edition::Original,
                            service,
                            operation,
                            body.clone(),
                        )
                        .unwrap_or_else(|err| panic!("{operation} answered {body}: {err}"));
                    } else {
                        assert_eq!(body, json!({}), "{operation}");
                    }
                    "ok".to_owned()
                }
                Err(EmulatorError::Service(err)) => {
                    failures.extend(unlisted_error(service, operation, &err));
                    if serde_json::to_string(&emulator.export()).unwrap() != before {
                        failures.push(format!(
                            "{operation} as {role} was refused but changed the state"
                        ));
                    }
                    err.code.to_owned()
                }
                Err(other) => format!("{other}"),
            };
            if got != expected.as_str().unwrap() {
                failures.push(format!(
                    "{service} {operation} as {role}: expected {expected}, got {got}"
                ));
            }
            assert!(
                emulator.check_invariants().is_empty(),
                "{operation} as {role}: {:?}",
                emulator.check_invariants()
            );
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let all: BTreeSet<(String, String)> = orgkit::Edition::Original
        .services()
        .iter()
        .flat_map(|s| {
            s.operations
                .iter()
                .map(|op| (s.name.to_owned(), op.name.to_owned()))
        })
        .collect();
    let missing: Vec<_> = all.difference(&covered).collect();
    assert!(
        missing.is_empty(),
        "operations without an authz case: {missing:?}"
    );
    assert_eq!(all.len(), 46);
}

// ------------------------------------------------------------------ helpers for scenarios

struct Org {
    emulator: Emulator,
    root: String,
}

fn organization(feature_set: &str) -> Org {
    let emulator = Emulator::new(1);
    ok(
        &emulator,
        MASTER,
        "CreateOrganization",
        json!({"FeatureSet": feature_set}),
    );
    let root = ok(&emulator, MASTER, "ListRoots", json!({}))["Roots"][0]["Id"]
        .as_str()
        .unwrap()
        .to_owned();
    Org { emulator, root }
}

impl Org {
    fn ou(&self, parent: &str, name: &str) -> String {
        ok(
            &self.emulator,
            MASTER,
            "CreateOrganizationalUnit",
            json!({"ParentId": parent, "Name": name}),
        )["OrganizationalUnit"]["Id"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    fn join(&self, account: &str) {
        let handshake = ok(
            &self.emulator,
            MASTER,
            "InviteAccountToOrganization",
            json!({"Target": {"Id": account, "Type": "ACCOUNT"}}),
        )["Handshake"]["Id"]
            .as_str()
            .unwrap()
            .to_owned();
        ok(
            &self.emulator,
            account,
            "AcceptHandshake",
            json!({"HandshakeId": handshake}),
        );
    }

    fn policy(&self, name: &str) -> String {
        ok(
            &self.emulator,
            MASTER,
            "CreatePolicy",
            json!({"Content": DOCUMENT, "Description": name, "Name": name, "Type": SCP}),
        )["Policy"]["PolicySummary"]["Id"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    fn policies_of(&self, target: &str) -> Vec<String> {
        ok(
            &self.emulator,
            MASTER,
            "ListPoliciesForTarget",
            json!({"TargetId": target, "Filter": SCP}),
        )["Policies"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["Id"].as_str().unwrap().to_owned())
            .collect()
    }
}

// ------------------------------------------------------------------ organizations

#[test]
fn create_organization_sets_up_root_and_full_aws_access() {
    let all = organization("ALL");
    let described = ok(&all.emulator, MASTER, "DescribeOrganization", json!({}));
    let described = &described["Organization"];
    assert_eq!(described["FeatureSet"], "ALL");
    assert_eq!(described["MasterAccountId"], MASTER);
    assert_eq!(
        described["AvailablePolicyTypes"],
        json!([{"Type": SCP, "Status": "ENABLED"}])
    );
    for arn in [&described["Arn"], &described["MasterAccountArn"]] {
        orgkit::Arn::parse(arn.as_str().unwrap()).unwrap();
    }
    assert_eq!(all.policies_of(&all.root), ["p-FullAWSAccess"]);
    assert_eq!(all.policies_of(MASTER), ["p-FullAWSAccess"]);
    let policy = ok(
        &all.emulator,
        MASTER,
        "DescribePolicy",
        json!({"PolicyId": "p-FullAWSAccess"}),
    );
    assert_eq!(
        policy["Policy"]["PolicySummary"]["Arn"],
        "arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess"
    );
    assert_eq!(policy["Policy"]["PolicySummary"]["AwsManaged"], true);
    let ou = all.ou(&all.root, "Engineering");
    assert_eq!(all.policies_of(&ou), ["p-FullAWSAccess"]);
    all.join(MEMBER);
    assert_eq!(all.policies_of(MEMBER), ["p-FullAWSAccess"]);
    assert_eq!(
        code(org(&all.emulator, MASTER, "CreateOrganization", json!({}))),
        "AlreadyInOrganizationException"
    );
    assert_eq!(
        code(org(&all.emulator, MEMBER, "CreateOrganization", json!({}))),
        "AlreadyInOrganizationException"
    );

    let billing = organization("CONSOLIDATED_BILLING");
    let root = ok(&billing.emulator, MASTER, "ListRoots", json!({}));
    assert_eq!(root["Roots"][0]["PolicyTypes"], json!([]));
    assert_eq!(billing.policies_of(&billing.root), Vec::<String>::new());
    assert_eq!(
        code(org(
            &billing.emulator,
            MASTER,
            "CreatePolicy",
            json!({"Content": DOCUMENT, "Description": "", "Name": "x", "Type": SCP})
        )),
        "PolicyTypeNotAvailableForOrganizationException"
    );
    assert_eq!(
        code(org(
            &billing.emulator,
            MASTER,
            "EnablePolicyType",
            json!({"RootId": billing.root, "PolicyType": SCP})
        )),
        "PolicyTypeNotAvailableForOrganizationException"
    );
    assert_eq!(
        code(org(
            &billing.emulator,
            MASTER,
            "AttachPolicy",
            json!({"PolicyId": "p-FullAWSAccess", "TargetId": billing.root})
        )),
        "PolicyTypeNotEnabledException"
    );
}

#[test]
fn organizational_units_nest_five_deep_with_unique_sibling_names() {
    let o = organization("ALL");
    let mut parent = o.root.clone();
    let mut chain = Vec::new();
    for depth in 1..=5 {
        parent = o.ou(&parent, &format!("level-{depth}"));
        chain.push(parent.clone());
    }
    assert_eq!(
        code(org(
            &o.emulator,
            MASTER,
            "CreateOrganizationalUnit",
            json!({"ParentId": parent, "Name": "six"})
        )),
        "ConstraintViolationException:OU_DEPTH_LIMIT_EXCEEDED"
    );
    assert_eq!(
        code(org(
            &o.emulator,
            MASTER,
            "CreateOrganizationalUnit",
            json!({"ParentId": o.root, "Name": "level-1"})
        )),
        "DuplicateOrganizationalUnitException"
    );
    // The same name under another parent is fine.
    o.ou(&chain[0], "level-1");
    let before = ok(
        &o.emulator,
        MASTER,
        "DescribeOrganizationalUnit",
        json!({"OrganizationalUnitId": chain[0]}),
    );
    let renamed = ok(
        &o.emulator,
        MASTER,
        "UpdateOrganizationalUnit",
        json!({"OrganizationalUnitId": chain[0], "Name": "Renamed"}),
    );
    assert_eq!(
        renamed["OrganizationalUnit"]["Id"],
        before["OrganizationalUnit"]["Id"]
    );
    assert_eq!(
        renamed["OrganizationalUnit"]["Arn"],
        before["OrganizationalUnit"]["Arn"]
    );
    assert_eq!(renamed["OrganizationalUnit"]["Name"], "Renamed");
    let sibling = o.ou(&o.root, "Sibling");
    assert_eq!(
        code(org(
            &o.emulator,
            MASTER,
            "UpdateOrganizationalUnit",
            json!({"OrganizationalUnitId": sibling, "Name": "Renamed"})
        )),
        "DuplicateOrganizationalUnitException"
    );
    assert_eq!(
        code(org(
            &o.emulator,
            MASTER,
            "DeleteOrganizationalUnit",
            json!({"OrganizationalUnitId": chain[0]})
        )),
        "OrganizationalUnitNotEmptyException"
    );
    ok(
        &o.emulator,
        MASTER,
        "DeleteOrganizationalUnit",
        json!({"OrganizationalUnitId": chain[4]}),
    );
    assert_eq!(
        code(org(
            &o.emulator,
            MASTER,
            "DescribeOrganizationalUnit",
            json!({"OrganizationalUnitId": chain[4]})
        )),
        "OrganizationalUnitNotFoundException"
    );
    assert_eq!(
        code(org(
            &o.emulator,
            MASTER,
            "CreateOrganizationalUnit",
            json!({"ParentId": "ou-zzzz-zzzzzzzz", "Name": "x"})
        )),
        "ParentNotFoundException"
    );
    let parents = ok(
        &o.emulator,
        MASTER,
        "ListParents",
        json!({"ChildId": chain[1]}),
    );
    assert_eq!(
        parents["Parents"],
        json!([{"Id": chain[0], "Type": "ORGANIZATIONAL_UNIT"}])
    );
    assert_eq!(
        code(org(
            &o.emulator,
            MASTER,
            "ListParents",
            json!({"ChildId": "999999999999"})
        )),
        "ChildNotFoundException"
    );
    assert!(o.emulator.check_invariants().is_empty());
}

#[test]
fn create_account_is_asynchronous_and_fails_on_a_taken_email() {
    let o = organization("ALL");
    o.emulator
        .register_account(MEMBER, "taken@example.com", "Taken")
        .unwrap();
    let first = ok(
        &o.emulator,
        MASTER,
        "CreateAccount",
        json!({"Email": "dev@example.com", "AccountName": "Dev"}),
    );
    let second = ok(
        &o.emulator,
        MASTER,
        "CreateAccount",
        json!({"Email": "TAKEN@example.com", "AccountName": "Dup"}),
    );
    assert_eq!(first["CreateAccountStatus"]["State"], "IN_PROGRESS");
    let first_id = first["CreateAccountStatus"]["Id"].as_str().unwrap();
    let second_id = second["CreateAccountStatus"]["Id"].as_str().unwrap();
    assert!(orgkit::ids::is_create_account_request_id(first_id));
    let pending = ok(
        &o.emulator,
        MASTER,
        "ListCreateAccountStatus",
        json!({"States": ["IN_PROGRESS"]}),
    );
    assert_eq!(
        pending["CreateAccountStatuses"].as_array().unwrap().len(),
        2
    );
    o.emulator.advance(1.0).unwrap();
    let done = ok(
        &o.emulator,
        MASTER,
        "DescribeCreateAccountStatus",
        json!({"CreateAccountRequestId": first_id}),
    );
    assert_eq!(done["CreateAccountStatus"]["State"], "SUCCEEDED");
    let account = done["CreateAccountStatus"]["AccountId"].as_str().unwrap();
    let described = ok(
        &o.emulator,
        MASTER,
        "DescribeAccount",
        json!({"AccountId": account}),
    );
    assert_eq!(described["Account"]["JoinedMethod"], "CREATED");
    assert_eq!(described["Account"]["Name"], "Dev");
    let in_root = ok(
        &o.emulator,
        MASTER,
        "ListAccountsForParent",
        json!({"ParentId": o.root}),
    );
    assert!(in_root["Accounts"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["Id"] == account));
    let failed = ok(
        &o.emulator,
        MASTER,
        "DescribeCreateAccountStatus",
        json!({"CreateAccountRequestId": second_id}),
    );
    assert_eq!(failed["CreateAccountStatus"]["State"], "FAILED");
    assert_eq!(
        failed["CreateAccountStatus"]["FailureReason"],
        "EMAIL_ALREADY_EXISTS"
    );
    assert_eq!(
        code(org(
            &o.emulator,
            MASTER,
            "DescribeCreateAccountStatus",
            json!({"CreateAccountRequestId": "car-0000000000"})
        )),
        "CreateAccountStatusNotFoundException"
    );
    o.emulator.set_quotas(Quotas {
        max_accounts: 2,
        ..Quotas::default()
    });
    assert_eq!(
        code(org(
            &o.emulator,
            MASTER,
            "CreateAccount",
            json!({"Email": "x@example.com", "AccountName": "X"})
        )),
        "ConstraintViolationException:ACCOUNT_NUMBER_LIMIT_EXCEEDED"
    );
}

#[test]
fn move_account_checks_source_destination_and_duplicates() {
    let o = organization("ALL");
    o.join(MEMBER);
    let ou = o.ou(&o.root, "Engineering");
    let other = o.ou(&o.root, "Other");
    let moved = |source: &str, destination: &str| {
        org(
            &o.emulator,
            MASTER,
            "MoveAccount",
            json!({"AccountId": MEMBER, "SourceParentId": source, "DestinationParentId": destination}),
        )
    };
    assert_eq!(code(moved(&other, &ou)), "SourceParentNotFoundException");
    assert_eq!(
        code(moved("ou-zzzz-zzzzzzzz", &ou)),
        "SourceParentNotFoundException"
    );
    assert_eq!(
        code(moved(&o.root, "ou-zzzz-zzzzzzzz")),
        "DestinationParentNotFoundException"
    );
    assert_eq!(code(moved(&o.root, &o.root)), "DuplicateAccountException");
    moved(&o.root, &ou).unwrap();
    let children = ok(
        &o.emulator,
        MASTER,
        "ListChildren",
        json!({"ParentId": ou, "ChildType": "ACCOUNT"}),
    );
    assert_eq!(
        children["Children"],
        json!([{"Id": MEMBER, "Type": "ACCOUNT"}])
    );
    assert_eq!(
        code(org(
            &o.emulator,
            MASTER,
            "MoveAccount",
            json!({"AccountId": OUTSIDER, "SourceParentId": o.root, "DestinationParentId": ou})
        )),
        "AccountNotFoundException"
    );
    assert!(o.emulator.check_invariants().is_empty());
}

#[test]
fn leaving_and_removal_make_accounts_standalone() {
    let o = organization("ALL");
    o.join(MEMBER);
    o.join(OUTSIDER);
    ok(&o.emulator, MEMBER, "LeaveOrganization", json!({}));
    assert_eq!(
        code(org(&o.emulator, MEMBER, "DescribeOrganization", json!({}))),
        "AWSOrganizationsNotInUseException"
    );
    assert_eq!(
        code(org(
            &o.emulator,
            MASTER,
            "DescribeAccount",
            json!({"AccountId": MEMBER})
        )),
        "AccountNotFoundException"
    );
    ok(
        &o.emulator,
        MASTER,
        "RemoveAccountFromOrganization",
        json!({"AccountId": OUTSIDER}),
    );
    assert_eq!(
        code(org(
            &o.emulator,
            MASTER,
            "RemoveAccountFromOrganization",
            json!({"AccountId": OUTSIDER})
        )),
        "AccountNotFoundException"
    );
    assert_eq!(
        code(org(
            &o.emulator,
            MASTER,
            "RemoveAccountFromOrganization",
            json!({"AccountId": MASTER})
        )),
        "MasterCannotLeaveOrganizationException"
    );
    assert_eq!(
        code(org(&o.emulator, MASTER, "LeaveOrganization", json!({}))),
        "MasterCannotLeaveOrganizationException"
    );
    // The standalone account may found its own organization.
    ok(&o.emulator, MEMBER, "CreateOrganization", json!({}));
    assert!(o.emulator.check_invariants().is_empty());
}

#[test]
fn delete_organization_only_when_empty() {
    let o = organization("ALL");
    let ou = o.ou(&o.root, "Temp");
    assert_eq!(
        code(org(&o.emulator, MASTER, "DeleteOrganization", json!({}))),
        "OrganizationNotEmptyException"
    );
    ok(
        &o.emulator,
        MASTER,
        "DeleteOrganizationalUnit",
        json!({"OrganizationalUnitId": ou}),
    );
    let policy = o.policy("Temp");
    assert_eq!(
        code(org(&o.emulator, MASTER, "DeleteOrganization", json!({}))),
        "OrganizationNotEmptyException"
    );
    ok(
        &o.emulator,
        MASTER,
        "DeletePolicy",
        json!({"PolicyId": policy}),
    );
    o.join(MEMBER);
    assert_eq!(
        code(org(&o.emulator, MASTER, "DeleteOrganization", json!({}))),
        "OrganizationNotEmptyException"
    );
    ok(
        &o.emulator,
        MASTER,
        "RemoveAccountFromOrganization",
        json!({"AccountId": MEMBER}),
    );
    ok(&o.emulator, MASTER, "DeleteOrganization", json!({}));
    assert_eq!(
        code(org(&o.emulator, MASTER, "DescribeOrganization", json!({}))),
        "AWSOrganizationsNotInUseException"
    );
    assert!(o.emulator.check_invariants().is_empty());
}

#[test]
fn policies_follow_the_attachment_rules() {
    let o = organization("ALL");
    let ou = o.ou(&o.root, "Engineering");
    assert_eq!(
        code(org(
            &o.emulator,
            MASTER,
            "CreatePolicy",
            json!({"Content": "{not json", "Description": "", "Name": "Bad", "Type": SCP})
        )),
        "MalformedPolicyDocumentException"
    );
    assert_eq!(
        code(org(
            &o.emulator,
            MASTER,
            "CreatePolicy",
            json!({"Content": "[1,2]", "Description": "", "Name": "Bad", "Type": SCP})
        )),
        "MalformedPolicyDocumentException"
    );
    let deny = o.policy("Deny");
    assert_eq!(
        code(org(
            &o.emulator,
            MASTER,
            "CreatePolicy",
            json!({"Content": DOCUMENT, "Description": "", "Name": "Deny", "Type": SCP})
        )),
        "DuplicatePolicyException"
    );
    for immutable in ["UpdatePolicy", "DeletePolicy"] {
        assert_eq!(
            code(org(
                &o.emulator,
                MASTER,
                immutable,
                json!({"PolicyId": "p-FullAWSAccess"})
            )),
            "InvalidInputException:IMMUTABLE_POLICY"
        );
    }
    let attach = |policy: &str, target: &str| {
        org(
            &o.emulator,
            MASTER,
            "AttachPolicy",
            json!({"PolicyId": policy, "TargetId": target}),
        )
    };
    let detach = |policy: &str, target: &str| {
        org(
            &o.emulator,
            MASTER,
            "DetachPolicy",
            json!({"PolicyId": policy, "TargetId": target}),
        )
    };
    assert_eq!(
        code(detach("p-FullAWSAccess", &ou)),
        "ConstraintViolationException:MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED"
    );
    assert_eq!(code(detach(&deny, &ou)), "PolicyNotAttachedException");
    attach(&deny, &ou).unwrap();
    assert_eq!(
        code(attach(&deny, &ou)),
        "DuplicatePolicyAttachmentException"
    );
    assert_eq!(
        code(attach(&deny, "ou-zzzz-zzzzzzzz")),
        "TargetNotFoundException"
    );
    assert_eq!(code(attach("p-0000000000", &ou)), "PolicyNotFoundException");
    assert_eq!(
        code(org(
            &o.emulator,
            MASTER,
            "DeletePolicy",
            json!({"PolicyId": deny})
        )),
        "PolicyInUseException"
    );
    // Whitelisting: with a replacement attached, the default can go.
    detach("p-FullAWSAccess", &ou).unwrap();
    assert_eq!(o.policies_of(&ou), std::slice::from_ref(&deny));
    for n in 0..3 {
        let extra = o.policy(&format!("extra-{n}"));
        attach(&extra, &ou).unwrap();
    }
    let sixth = o.policy("sixth");
    attach("p-FullAWSAccess", &ou).unwrap();
    assert_eq!(
        code(attach(&sixth, &ou)),
        "ConstraintViolationException:MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED"
    );
    let targets = ok(
        &o.emulator,
        MASTER,
        "ListTargetsForPolicy",
        json!({"PolicyId": deny}),
    );
    assert_eq!(targets["Targets"][0]["TargetId"], ou);
    assert_eq!(targets["Targets"][0]["Type"], "ORGANIZATIONAL_UNIT");
    let renamed = ok(
        &o.emulator,
        MASTER,
        "UpdatePolicy",
        json!({"PolicyId": deny, "Name": "DenyAll", "Description": "everything"}),
    );
    assert_eq!(renamed["Policy"]["PolicySummary"]["Name"], "DenyAll");
    assert_eq!(renamed["Policy"]["Content"], DOCUMENT);
    assert_eq!(
        code(org(
            &o.emulator,
            MASTER,
            "UpdatePolicy",
            json!({"PolicyId": deny, "Name": "sixth"})
        )),
        "DuplicatePolicyException"
    );
    assert_eq!(
        code(org(
            &o.emulator,
            MASTER,
            "UpdatePolicy",
            json!({"PolicyId": deny, "Content": "{}"})
        )),
        "MalformedPolicyDocumentException"
    );
    o.emulator.set_quotas(Quotas {
        max_policies: 5,
        ..Quotas::default()
    });
    assert_eq!(
        code(org(
            &o.emulator,
            MASTER,
            "CreatePolicy",
            json!({"Content": DOCUMENT, "Description": "", "Name": "over", "Type": SCP})
        )),
        "ConstraintViolationException:POLICY_NUMBER_LIMIT_EXCEEDED"
    );
    let listed = ok(&o.emulator, MASTER, "ListPolicies", json!({"Filter": SCP}));
    assert_eq!(listed["Policies"].as_array().unwrap().len(), 6);
    assert!(o.emulator.check_invariants().is_empty());
}

#[test]
fn policy_types_enable_and_disable_per_root() {
    let o = organization("ALL");
    let ou = o.ou(&o.root, "Engineering");
    let deny = o.policy("Deny");
    ok(
        &o.emulator,
        MASTER,
        "AttachPolicy",
        json!({"PolicyId": deny, "TargetId": ou}),
    );
    let enable = json!({"RootId": o.root, "PolicyType": SCP});
    assert_eq!(
        code(org(&o.emulator, MASTER, "EnablePolicyType", enable.clone())),
        "PolicyTypeAlreadyEnabledException"
    );
    let root = ok(&o.emulator, MASTER, "DisablePolicyType", enable.clone());
    assert_eq!(root["Root"]["PolicyTypes"], json!([]));
    assert!(o.policies_of(&ou).is_empty());
    assert_eq!(
        code(org(
            &o.emulator,
            MASTER,
            "DisablePolicyType",
            enable.clone()
        )),
        "PolicyTypeNotEnabledException"
    );
    assert_eq!(
        code(org(
            &o.emulator,
            MASTER,
            "AttachPolicy",
            json!({"PolicyId": deny, "TargetId": ou})
        )),
        "PolicyTypeNotEnabledException"
    );
    ok(&o.emulator, MASTER, "EnablePolicyType", enable);
    assert_eq!(o.policies_of(&ou), ["p-FullAWSAccess"]);
    assert_eq!(o.policies_of(MASTER), ["p-FullAWSAccess"]);
    assert_eq!(
        code(org(
            &o.emulator,
            MASTER,
            "EnablePolicyType",
            json!({"RootId": "r-zzzz", "PolicyType": SCP})
        )),
        "RootNotFoundException"
    );
    assert!(o.emulator.check_invariants().is_empty());
}

#[test]
fn invitations_by_account_and_by_email() {
    let o = organization("ALL");
    o.emulator
        .register_account(OUTSIDER, "outsider@example.com", "Outsider")
        .unwrap();
    let invite = ok(
        &o.emulator,
        MASTER,
        "InviteAccountToOrganization",
        json!({"Target": {"Id": "Outsider@Example.com", "Type": "EMAIL"}, "Notes": "welcome"}),
    );
    let handshake = &invite["Handshake"];
    assert_eq!(handshake["State"], "OPEN");
    assert_eq!(handshake["Action"], "INVITE");
    let resources = handshake["Resources"].as_array().unwrap();
    let kinds: Vec<&str> = resources
        .iter()
        .map(|r| r["Type"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["ORGANIZATION", "EMAIL", "NOTES"]);
    let nested: Vec<&str> = resources[0]["Resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["Type"].as_str().unwrap())
        .collect();
    assert_eq!(
        nested,
        ["MASTER_EMAIL", "MASTER_NAME", "ORGANIZATION_FEATURE_SET"]
    );
    let expires = handshake["ExpirationTimestamp"].as_f64().unwrap()
        - handshake["RequestedTimestamp"].as_f64().unwrap();
    assert_eq!(expires, 15.0 * 86_400.0);
    orgkit::Arn::parse(handshake["Arn"].as_str().unwrap()).unwrap();
    assert_eq!(
        code(org(
            &o.emulator,
            MASTER,
            "InviteAccountToOrganization",
            json!({"Target": {"Id": OUTSIDER, "Type": "ACCOUNT"}})
        )),
        "DuplicateHandshakeException"
    );
    let id = handshake["Id"].as_str().unwrap();
    let listed = ok(&o.emulator, OUTSIDER, "ListHandshakesForAccount", json!({}));
    assert_eq!(listed["Handshakes"][0]["Id"], id);
    ok(
        &o.emulator,
        OUTSIDER,
        "AcceptHandshake",
        json!({"HandshakeId": id}),
    );
    assert_eq!(
        code(org(
            &o.emulator,
            OUTSIDER,
            "AcceptHandshake",
            json!({"HandshakeId": id})
        )),
        "HandshakeAlreadyInStateException"
    );
    assert_eq!(
        code(org(
            &o.emulator,
            OUTSIDER,
            "DeclineHandshake",
            json!({"HandshakeId": id})
        )),
        "InvalidHandshakeTransitionException"
    );
    let described = ok(
        &o.emulator,
        MASTER,
        "DescribeAccount",
        json!({"AccountId": OUTSIDER}),
    );
    assert_eq!(described["Account"]["JoinedMethod"], "INVITED");
    assert_eq!(
        code(org(
            &o.emulator,
            MASTER,
            "InviteAccountToOrganization",
            json!({"Target": {"Id": OUTSIDER, "Type": "ACCOUNT"}})
        )),
        "HandshakeConstraintViolationException:ALREADY_IN_AN_ORGANIZATION"
    );
    assert_eq!(
        code(org(
            &o.emulator,
            MASTER,
            "DescribeHandshake",
            json!({"HandshakeId": "h-0000000000"})
        )),
        "HandshakeNotFoundException"
    );
    assert_eq!(
        code(org(
            &o.emulator,
            MASTER,
            "InviteAccountToOrganization",
            json!({"Target": {"Id": "o-abcdefghij", "Type": "ORGANIZATION"}})
        )),
        "InvalidInputException:INVALID_PARTY_TYPE_TARGET"
    );
}

#[test]
fn an_account_in_another_organization_cannot_accept() {
    let o = organization("ALL");
    ok(&o.emulator, MEMBER, "CreateOrganization", json!({}));
    let id = ok(
        &o.emulator,
        MASTER,
        "InviteAccountToOrganization",
        json!({"Target": {"Id": MEMBER, "Type": "ACCOUNT"}}),
    )["Handshake"]["Id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        code(org(
            &o.emulator,
            MEMBER,
            "AcceptHandshake",
            json!({"HandshakeId": id})
        )),
        "HandshakeConstraintViolationException:ALREADY_IN_AN_ORGANIZATION"
    );
    ok(
        &o.emulator,
        MEMBER,
        "DeclineHandshake",
        json!({"HandshakeId": id}),
    );
    let filtered = ok(
        &o.emulator,
        MASTER,
        "ListHandshakesForOrganization",
        json!({"Filter": {"ActionType": "INVITE"}}),
    );
    assert_eq!(filtered["Handshakes"][0]["State"], "DECLINED");
}

#[test]
fn handshakes_expire_after_fifteen_days() {
    let o = organization("ALL");
    let id = ok(
        &o.emulator,
        MASTER,
        "InviteAccountToOrganization",
        json!({"Target": {"Id": MEMBER, "Type": "ACCOUNT"}}),
    )["Handshake"]["Id"]
        .as_str()
        .unwrap()
        .to_owned();
    o.emulator.advance(14.0 * 86_400.0).unwrap();
    assert_eq!(
        ok(
            &o.emulator,
            MEMBER,
            "DescribeHandshake",
            json!({"HandshakeId": id})
        )["Handshake"]["State"],
        "OPEN"
    );
    o.emulator.advance(86_400.0).unwrap();
    assert_eq!(
        ok(
            &o.emulator,
            MEMBER,
            "DescribeHandshake",
            json!({"HandshakeId": id})
        )["Handshake"]["State"],
        "EXPIRED"
    );
    assert_eq!(
        code(org(
            &o.emulator,
            MEMBER,
            "AcceptHandshake",
            json!({"HandshakeId": id})
        )),
        "InvalidHandshakeTransitionException"
    );
    // Expired, it no longer blocks a new invitation.
    ok(
        &o.emulator,
        MASTER,
        "InviteAccountToOrganization",
        json!({"Target": {"Id": MEMBER, "Type": "ACCOUNT"}}),
    );
    assert!(o.emulator.advance(f64::NAN).is_err());
    assert!(o.emulator.advance(-1.0).is_err());
}

#[test]
fn enable_all_features_waits_for_every_member() {
    let o = organization("CONSOLIDATED_BILLING");
    o.join(MEMBER);
    o.join(OUTSIDER);
    let parent = ok(&o.emulator, MASTER, "EnableAllFeatures", json!({}))["Handshake"].clone();
    let parent_id = parent["Id"].as_str().unwrap();
    assert_eq!(parent["State"], "REQUESTED");
    assert_eq!(parent["Action"], "ENABLE_ALL_FEATURES");
    // The 2017 model lists no DuplicateHandshakeException for EnableAllFeatures.
    assert_eq!(
        code(org(&o.emulator, MASTER, "EnableAllFeatures", json!({}))),
        "HandshakeConstraintViolationException:ORGANIZATION_ALREADY_HAS_ALL_FEATURES"
    );
    assert_eq!(
        code(org(
            &o.emulator,
            MASTER,
            "InviteAccountToOrganization",
            json!({"Target": {"Id": "555555555555", "Type": "ACCOUNT"}})
        )),
        "HandshakeConstraintViolationException:INVITE_DISABLED_DURING_ENABLE_ALL_FEATURES"
    );
    let children = ok(
        &o.emulator,
        MASTER,
        "ListHandshakesForOrganization",
        json!({"Filter": {"ParentHandshakeId": parent_id}}),
    );
    let children = children["Handshakes"].as_array().unwrap().clone();
    assert_eq!(children.len(), 2);
    assert_eq!(
        code(org(
            &o.emulator,
            MASTER,
            "AcceptHandshake",
            json!({"HandshakeId": parent_id})
        )),
        "InvalidHandshakeTransitionException"
    );
    for member in [MEMBER, OUTSIDER] {
        let mine = ok(
            &o.emulator,
            member,
            "ListHandshakesForAccount",
            json!({"Filter": {"ActionType": "APPROVE_ALL_FEATURES"}}),
        );
        let child = mine["Handshakes"][0]["Id"].as_str().unwrap().to_owned();
        assert_eq!(
            code(org(
                &o.emulator,
                MASTER,
                "AcceptHandshake",
                json!({"HandshakeId": child})
            )),
            "AccessDeniedException"
        );
        ok(
            &o.emulator,
            member,
            "AcceptHandshake",
            json!({"HandshakeId": child}),
        );
    }
    let open = ok(
        &o.emulator,
        MASTER,
        "DescribeHandshake",
        json!({"HandshakeId": parent_id}),
    );
    assert_eq!(open["Handshake"]["State"], "OPEN");
    assert_eq!(
        code(org(
            &o.emulator,
            MEMBER,
            "AcceptHandshake",
            json!({"HandshakeId": parent_id})
        )),
        "AccessDeniedException"
    );
    ok(
        &o.emulator,
        MASTER,
        "AcceptHandshake",
        json!({"HandshakeId": parent_id}),
    );
    let organization = ok(&o.emulator, MASTER, "DescribeOrganization", json!({}));
    assert_eq!(organization["Organization"]["FeatureSet"], "ALL");
    assert_eq!(
        code(org(&o.emulator, MASTER, "EnableAllFeatures", json!({}))),
        "HandshakeConstraintViolationException:ORGANIZATION_ALREADY_HAS_ALL_FEATURES"
    );
    ok(
        &o.emulator,
        MASTER,
        "EnablePolicyType",
        json!({"RootId": o.root, "PolicyType": SCP}),
    );
    assert_eq!(o.policies_of(OUTSIDER), ["p-FullAWSAccess"]);
    assert!(o.emulator.check_invariants().is_empty());
}

#[test]
fn canceling_the_parent_cancels_the_children() {
    let o = organization("CONSOLIDATED_BILLING");
    o.join(MEMBER);
    let parent = ok(&o.emulator, MASTER, "EnableAllFeatures", json!({}))["Handshake"]["Id"]
        .as_str()
        .unwrap()
        .to_owned();
    ok(
        &o.emulator,
        MASTER,
        "CancelHandshake",
        json!({"HandshakeId": parent}),
    );
    let mine = ok(&o.emulator, MEMBER, "ListHandshakesForAccount", json!({}));
    assert_eq!(mine["Handshakes"][0]["State"], "CANCELED");
    assert_eq!(
        code(org(
            &o.emulator,
            MASTER,
            "CancelHandshake",
            json!({"HandshakeId": parent})
        )),
        "HandshakeAlreadyInStateException"
    );
    // A new attempt may start.
    ok(&o.emulator, MASTER, "EnableAllFeatures", json!({}));
}

// ------------------------------------------------------------------ paging

#[test]
fn lists_page_with_tokens_bound_to_the_request() {
    let o = organization("ALL");
    for n in 0..45 {
        ok(
            &o.emulator,
            MASTER,
            "CreateAccount",
            json!({"Email": format!("a{n}@example.com"), "AccountName": format!("A{n}")}),
        );
    }
    o.emulator.advance(1.0).unwrap();
    let mut seen = Vec::new();
    let mut token: Option<String> = None;
    let mut pages = 0;
    loop {
        let mut input = json!({"MaxResults": 20});
        if let Some(t) = &token {
            input["NextToken"] = json!(t);
        }
        let page = ok(&o.emulator, MASTER, "ListAccounts", input);
        pages += 1;
        seen.extend(
            page["Accounts"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a["Id"].as_str().unwrap().to_owned()),
        );
        match page.get("NextToken").and_then(Value::as_str) {
            Some(next) => {
                if pages == 1 {
                    // Accounts created between two pages neither repeat nor push others out.
                    ok(
                        &o.emulator,
                        MASTER,
                        "CreateAccount",
                        json!({"Email": "late@example.com", "AccountName": "Late"}),
                    );
                    o.emulator.advance(1.0).unwrap();
                }
                token = Some(next.to_owned())
            }
            None => break,
        }
    }
    let unique: BTreeSet<_> = seen.iter().collect();
    assert_eq!(unique.len(), seen.len());
    assert!(seen.len() >= 46);
    let default_page = ok(&o.emulator, MASTER, "ListAccounts", json!({}));
    assert_eq!(default_page["Accounts"].as_array().unwrap().len(), 20);
    let token = default_page["NextToken"].as_str().unwrap();
    assert_eq!(
        code(org(
            &o.emulator,
            MASTER,
            "ListAccountsForParent",
            json!({"ParentId": o.root, "NextToken": token})
        )),
        "InvalidInputException:INVALID_NEXT_TOKEN"
    );
    assert_eq!(
        code(org(
            &o.emulator,
            MASTER,
            "ListAccounts",
            json!({"NextToken": "garbage"})
        )),
        "InvalidInputException:INVALID_NEXT_TOKEN"
    );
    assert_eq!(
        code(org(
            &o.emulator,
            MASTER,
            "ListAccounts",
            json!({"MaxResults": 21})
        )),
        "InvalidInputException:MAX_VALUE_EXCEEDED"
    );
}

// ------------------------------------------------------------------ account and chime

#[test]
fn alternate_contacts_round_trip() {
    let o = organization("ALL");
    o.join(MEMBER);
    let contact = json!({"AlternateContactType": "SECURITY", "EmailAddress": "sec@example.com", "Name": "Sec", "PhoneNumber": "+1 555 0100", "Title": "CISO", "AccountId": MEMBER});
    o.emulator
        .call("account", "put_alternate_contact", MASTER, &contact)
        .unwrap();
    let got = o
        .emulator
        .call(
            "account",
            "GetAlternateContact",
            MEMBER,
            &json!({"AlternateContactType": "SECURITY"}),
        )
        .unwrap();
    assert_eq!(got["AlternateContact"]["Title"], "CISO");
    o.emulator
        .call(
            "account",
            "DeleteAlternateContact",
            MEMBER,
            &json!({"AlternateContactType": "SECURITY"}),
        )
        .unwrap();
    let gone = o.emulator.call(
        "account",
        "GetAlternateContact",
        MASTER,
        &json!({"AlternateContactType": "SECURITY", "AccountId": MEMBER}),
    );
    assert_eq!(code(gone), "ResourceNotFoundException");
    let invalid = o.emulator.call(
        "account",
        "PutAlternateContact",
        MASTER,
        &json!({"AlternateContactType": "LEGAL"}),
    );
    let Err(EmulatorError::Service(err)) = invalid else {
        panic!()
    };
    assert_eq!(err.code, "ValidationException");
    assert!(err.issues.len() >= 5);
    // Consolidated billing only: the management account may not reach members.
    let billing = organization("CONSOLIDATED_BILLING");
    billing.join(MEMBER);
    let denied = billing.emulator.call(
        "account",
        "GetAlternateContact",
        MASTER,
        &json!({"AlternateContactType": "BILLING", "AccountId": MEMBER}),
    );
    assert_eq!(code(denied), "AccessDeniedException");
}

#[test]
fn chime_accounts_filter_and_page() {
    let emulator = Emulator::new(3);
    let mut ids = Vec::new();
    for n in 0..5 {
        let name = if n % 2 == 0 {
            format!("Team {n}")
        } else {
            format!("Other {n}")
        };
        let created = emulator
            .call("chime", "CreateAccount", MASTER, &json!({"Name": name}))
            .unwrap();
        let account = &created["Account"];
        assert_eq!(account["AccountType"], "Team");
        assert_eq!(account["AccountStatus"], "Active");
        assert_eq!(account["AwsAccountId"], MASTER);
        assert!(
            orgkit::model::IsoTimestamp::parse(account["CreatedTimestamp"].as_str().unwrap())
                .is_some()
        );
        ids.push(account["AccountId"].as_str().unwrap().to_owned());
    }
    let teams = emulator
        .call("chime", "ListAccounts", MASTER, &json!({"Name": "Team"}))
        .unwrap();
    assert_eq!(teams["Accounts"].as_array().unwrap().len(), 3);
    let first = emulator
        .call("chime", "ListAccounts", MASTER, &json!({"MaxResults": 2}))
        .unwrap();
    assert_eq!(first["Accounts"].as_array().unwrap().len(), 2);
    let rest = emulator
        .call(
            "chime",
            "ListAccounts",
            MASTER,
            &json!({"MaxResults": 200, "NextToken": first["NextToken"]}),
        )
        .unwrap();
    assert_eq!(rest["Accounts"].as_array().unwrap().len(), 3);
    assert!(rest.get("NextToken").is_none());
    emulator
        .add_chime_user(&ids[1], "Person@Example.com")
        .unwrap();
    let by_user = emulator
        .call(
            "chime",
            "ListAccounts",
            MASTER,
            &json!({"UserEmail": "person@example.com"}),
        )
        .unwrap();
    assert_eq!(by_user["Accounts"][0]["AccountId"], ids[1]);
    let updated = emulator
        .call(
            "chime",
            "UpdateAccount",
            MASTER,
            &json!({"AccountId": ids[0], "Name": "Renamed", "DefaultLicense": "Basic"}),
        )
        .unwrap();
    assert_eq!(updated["Account"]["Name"], "Renamed");
    assert_eq!(updated["Account"]["DefaultLicense"], "Basic");
    assert_eq!(
        code(emulator.call("chime", "GetAccount", MEMBER, &json!({"AccountId": ids[0]}))),
        "NotFoundException:NotFound"
    );
    assert_eq!(
        code(emulator.call("chime", "GetAccount", MASTER, &json!({"AccountId": " "}))),
        "BadRequestException:BadRequest"
    );
    assert_eq!(
        code(emulator.call("chime", "ListAccounts", MASTER, &json!({"MaxResults": 201}))),
        "BadRequestException:BadRequest"
    );
}

// ------------------------------------------------------------------ bad input, typed calls

#[test]
fn bad_input_gets_stable_codes_and_changes_nothing() {
    let o = organization("ALL");
    let before = o.emulator.export();
    let invalid = org(
        &o.emulator,
        MASTER,
        "CreateOrganizationalUnit",
        json!({"ParentId": "junk", "Name": "", "Colour": 1}),
    );
    let Err(EmulatorError::Service(err)) = invalid else {
        panic!()
    };
    assert_eq!(err.code, "InvalidInputException");
    assert_eq!(err.reason, Some("INVALID_PATTERN"));
    let codes: Vec<&str> = err.issues.iter().map(|i| i.code.as_str()).collect();
    assert_eq!(
        codes,
        [
            "INVALID_PATTERN",
            "MIN_LENGTH_EXCEEDED",
            "UNKNOWN_PARAMETER"
        ]
    );
    assert_eq!(
        code(o.emulator.call("organizations", "Nope", MASTER, &json!({}))),
        "UNKNOWN_OPERATION"
    );
    assert_eq!(
        code(o.emulator.call("iam", "ListUsers", MASTER, &json!({}))),
        "UNKNOWN_SERVICE"
    );
    assert_eq!(
        code(
            o.emulator
                .call("organizations", "ListRoots", "root", &json!({}))
        ),
        "INVALID_CALLER"
    );
    let huge = "x".repeat(1 << 20);
    assert_eq!(
        code(org(
            &o.emulator,
            MASTER,
            "CreateOrganizationalUnit",
            json!({"ParentId": o.root, "Name": huge})
        )),
        "InvalidInputException:MAX_LENGTH_EXCEEDED"
    );
    let mut deep = json!("leaf");
    for _ in 0..100 {
        deep = json!([deep]);
    }
    assert_eq!(
        code(org(
            &o.emulator,
            MASTER,
            "ListRoots",
            json!({"NextToken": deep})
        )),
        "InvalidInputException:INVALID_TYPE"
    );
    for text in ["{", "[]", "\"\\ud800\"", "{\"MaxResults\": NaN}"] {
        let err = o
            .emulator
            .call_json("organizations", "ListRoots", MASTER, text)
            .unwrap_err();
        assert_eq!(err.code(), "InvalidInputException", "{text}");
    }
    let deep_text = "[".repeat(100_000);
    assert!(o
        .emulator
        .call_json("organizations", "ListRoots", MASTER, &deep_text)
        .is_err());
    assert_eq!(o.emulator.export(), before);
}

#[test]
fn typed_calls_use_the_generated_types() {
    use orgkit::generated::original::organizations as o;
    let emulator = Emulator::new(9);
    let client = emulator.organizations(MASTER);
    let created = client
        .create_organization(&o::CreateOrganizationRequest {
            feature_set: Some(o::OrganizationFeatureSet::All),
        })
        .unwrap();
    let organization = created.organization.unwrap();
    assert_eq!(organization.master_account_id.as_deref(), Some(MASTER));
    let roots = client
        .list_roots(&o::ListRootsRequest {
            next_token: None,
            max_results: None,
        })
        .unwrap();
    let root = roots.roots.unwrap().remove(0).id.unwrap();
    let unit = client
        .create_organizational_unit(&o::CreateOrganizationalUnitRequest {
            parent_id: root.clone(),
            name: "Typed".into(),
        })
        .unwrap()
        .organizational_unit
        .unwrap();
    assert!(orgkit::ids::is_organizational_unit_id(
        unit.id.as_deref().unwrap()
    ));
    assert!(unit
        .id
        .as_deref()
        .unwrap()
        .starts_with(&format!("ou-{}-", &root[2..])));
    client
        .delete_organizational_unit(&o::DeleteOrganizationalUnitRequest {
            organizational_unit_id: unit.id.unwrap(),
        })
        .unwrap();
    let err = emulator
        .organizations(MEMBER)
        .describe_organization(&())
        .unwrap_err();
    assert_eq!(err.code(), "AWSOrganizationsNotInUseException");
    let chime = emulator.chime(MASTER);
    let account = chime
        .create_account(&orgkit::generated::original::chime::CreateAccountRequest {
            name: "Typed".into(),
        })
        .unwrap()
        .account
        .unwrap();
    assert_eq!(
        account.account_status,
        Some(orgkit::generated::original::chime::AccountStatus::Active)
    );
}

// ------------------------------------------------------------------ snapshots and threads

#[test]
fn snapshots_round_trip_and_bad_files_leave_the_state_alone() {
    let o = organization("ALL");
    o.join(MEMBER);
    o.ou(&o.root, "Kept");
    let dir = std::env::temp_dir().join(format!("orgkit-snapshot-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("state.json");
    o.emulator.save(&path).unwrap();
    let loaded = Emulator::load(&path).unwrap();
    assert_eq!(loaded.export(), o.emulator.export());
    // Same seed state, same next IDs.
    let a = ok(
        &loaded,
        MASTER,
        "CreateOrganizationalUnit",
        json!({"ParentId": o.root, "Name": "Next"}),
    );
    let b = ok(
        &o.emulator,
        MASTER,
        "CreateOrganizationalUnit",
        json!({"ParentId": o.root, "Name": "Next"}),
    );
    assert_eq!(a, b);

    let text = std::fs::read_to_string(&path).unwrap();
    let keep = loaded.export();
    let cases: Vec<(&str, String)> = vec![
        ("SNAPSHOT_CORRUPT", text[..text.len() / 2].to_owned()),
        ("SNAPSHOT_CORRUPT", "not json".to_owned()),
        (
            "SNAPSHOT_VERSION",
            text.replacen("\"version\":1", "\"version\":99", 1),
        ),
        (
            "SNAPSHOT_CORRUPT",
            text.replacen("\"format\":\"orgkit-emulator\"", "\"format\":\"other\"", 1),
        ),
        (
            "SNAPSHOT_CORRUPT",
            text.replacen(
                &format!("\"master\":\"{MASTER}\""),
                "\"master\":\"999999999999\"",
                1,
            ),
        ),
        (
            "SNAPSHOT_CORRUPT",
            text.replacen("\"clock\":", "\"clock\":\"soon\",\"x\":", 1),
        ),
    ];
    for (expected, corrupt) in cases {
        std::fs::write(&path, corrupt).unwrap();
        let err = loaded.load_into(&path).unwrap_err();
        assert_eq!(err.code(), expected, "{err}");
        assert_eq!(loaded.export(), keep);
    }
    assert_eq!(
        Emulator::load(dir.join("missing.json")).unwrap_err().code(),
        "SNAPSHOT_IO"
    );
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn concurrent_calls_never_lose_an_update() {
    let o = organization("ALL");
    let emulator = Arc::new(o.emulator);
    let root = o.root.clone();
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let emulator = Arc::clone(&emulator);
            let root = root.clone();
            std::thread::spawn(move || {
                for n in 0..25 {
                    emulator
                        .call(
                            "organizations",
                            "CreateOrganizationalUnit",
                            MASTER,
                            &json!({"ParentId": root, "Name": format!("t{t}-{n}")}),
                        )
                        .unwrap();
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    let mut count = 0;
    let mut token: Option<String> = None;
    loop {
        let mut input = json!({"ParentId": root});
        if let Some(t) = &token {
            input["NextToken"] = json!(t);
        }
        let page = emulator
            .call(
                "organizations",
                "ListOrganizationalUnitsForParent",
                MASTER,
                &input,
            )
            .unwrap();
        count += page["OrganizationalUnits"].as_array().unwrap().len();
        match page.get("NextToken").and_then(Value::as_str) {
            Some(t) => token = Some(t.to_owned()),
            None => break,
        }
    }
    assert_eq!(count, 200);
}

// ------------------------------------------------------------------ invariants

#[derive(Debug, Clone)]
enum Step {
    CreateOu(usize, usize),
    DeleteOu(usize),
    CreateAccount(usize),
    Advance,
    Invite(usize),
    AcceptFirst(usize),
    Move(usize, usize),
    Remove(usize),
    Leave(usize),
    CreatePolicy(usize),
    Attach(usize, usize),
    Detach(usize, usize),
    ToggleScp,
    Cancel(usize),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0..8usize, 0..4usize).prop_map(|(p, n)| Step::CreateOu(p, n)),
        (0..8usize).prop_map(Step::DeleteOu),
        (0..6usize).prop_map(Step::CreateAccount),
        Just(Step::Advance),
        (0..4usize).prop_map(Step::Invite),
        (0..4usize).prop_map(Step::AcceptFirst),
        (0..8usize, 0..8usize).prop_map(|(a, p)| Step::Move(a, p)),
        (0..8usize).prop_map(Step::Remove),
        (0..4usize).prop_map(Step::Leave),
        (0..3usize).prop_map(Step::CreatePolicy),
        (0..4usize, 0..8usize).prop_map(|(p, t)| Step::Attach(p, t)),
        (0..4usize, 0..8usize).prop_map(|(p, t)| Step::Detach(p, t)),
        Just(Step::ToggleScp),
        (0..4usize).prop_map(Step::Cancel),
    ]
}

fn ids_at(
    emulator: &Emulator,
    operation: &str,
    input: Value,
    list: &str,
    key: &str,
) -> Vec<String> {
    emulator
        .call("organizations", operation, MASTER, &input)
        .ok()
        .and_then(|v| v[list].as_array().cloned())
        .unwrap_or_default()
        .iter()
        .map(|item| item[key].as_str().unwrap_or_default().to_owned())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_sequences_keep_the_invariants(steps in proptest::collection::vec(step(), 1..60)) {
        let o = organization("ALL");
        let e = &o.emulator;
        let invitees = ["222222222222", "333333333333", "444444444444", "555555555555"];
        let mut final_states: BTreeMap<String, String> = BTreeMap::new();
        for step in steps {
            let mut parents = vec![o.root.clone()];
            let mut frontier = vec![o.root.clone()];
            while let Some(p) = frontier.pop() {
                for ou in ids_at(e, "ListOrganizationalUnitsForParent", json!({"ParentId": p}), "OrganizationalUnits", "Id") {
                    parents.push(ou.clone());
                    frontier.push(ou);
                }
            }
            let accounts = ids_at(e, "ListAccounts", json!({}), "Accounts", "Id");
            let policies = ids_at(e, "ListPolicies", json!({"Filter": SCP}), "Policies", "Id");
            let targets: Vec<String> = parents.iter().chain(&accounts).cloned().collect();
            let pick = |list: &[String], i: usize| list.get(i % list.len().max(1)).cloned().unwrap_or_default();
            let _ = match step {
                Step::CreateOu(p, n) => org(e, MASTER, "CreateOrganizationalUnit", json!({"ParentId": pick(&parents, p), "Name": format!("ou{n}")})),
                Step::DeleteOu(i) => org(e, MASTER, "DeleteOrganizationalUnit", json!({"OrganizationalUnitId": pick(&parents[1..], i)})),
                Step::CreateAccount(n) => org(e, MASTER, "CreateAccount", json!({"Email": format!("acct{n}@example.com"), "AccountName": "A"})),
                Step::Advance => e.advance(86_400.0 * 4.0).map(|_| json!({})),
                Step::Invite(i) => org(e, MASTER, "InviteAccountToOrganization", json!({"Target": {"Id": invitees[i], "Type": "ACCOUNT"}})),
                Step::AcceptFirst(i) => {
                    let mine = e.call("organizations", "ListHandshakesForAccount", invitees[i], &json!({})).ok();
                    let first = mine.and_then(|m| m["Handshakes"].get(0).and_then(|h| h["Id"].as_str().map(str::to_owned)));
                    match first {
                        Some(h) => org(e, invitees[i], "AcceptHandshake", json!({"HandshakeId": h})),
                        None => Ok(json!({})),
                    }
                }
                Step::Move(a, p) => {
                    let account = pick(&accounts, a);
                    let source = ids_at(e, "ListParents", json!({"ChildId": account}), "Parents", "Id").pop().unwrap_or_default();
                    org(e, MASTER, "MoveAccount", json!({"AccountId": account, "SourceParentId": source, "DestinationParentId": pick(&parents, p)}))
                }
                Step::Remove(a) => org(e, MASTER, "RemoveAccountFromOrganization", json!({"AccountId": pick(&accounts, a)})),
                Step::Leave(i) => org(e, invitees[i], "LeaveOrganization", json!({})),
                Step::CreatePolicy(n) => org(e, MASTER, "CreatePolicy", json!({"Content": DOCUMENT, "Description": "", "Name": format!("p{n}"), "Type": SCP})),
                Step::Attach(p, t) => org(e, MASTER, "AttachPolicy", json!({"PolicyId": pick(&policies, p), "TargetId": pick(&targets, t)})),
                Step::Detach(p, t) => org(e, MASTER, "DetachPolicy", json!({"PolicyId": pick(&policies, p), "TargetId": pick(&targets, t)})),
                Step::ToggleScp => {
                    let input = json!({"RootId": o.root, "PolicyType": SCP});
                    org(e, MASTER, "DisablePolicyType", input.clone()).or_else(|_| org(e, MASTER, "EnablePolicyType", input))
                }
                Step::Cancel(i) => {
                    let listed = ids_at(e, "ListHandshakesForOrganization", json!({}), "Handshakes", "Id");
                    org(e, MASTER, "CancelHandshake", json!({"HandshakeId": pick(&listed, i)}))
                }
            };
            let broken = e.check_invariants();
            prop_assert!(broken.is_empty(), "{:?}", broken);
            // Final handshake states stay final.
            let all = e.call("organizations", "ListHandshakesForOrganization", MASTER, &json!({})).unwrap();
            let mut token = all.get("NextToken").cloned();
            let mut handshakes = all["Handshakes"].as_array().unwrap().clone();
            while let Some(t) = token {
                let next = e.call("organizations", "ListHandshakesForOrganization", MASTER, &json!({"NextToken": t})).unwrap();
                handshakes.extend(next["Handshakes"].as_array().unwrap().iter().cloned());
                token = next.get("NextToken").cloned();
            }
            for h in handshakes {
                let id = h["Id"].as_str().unwrap().to_owned();
                let state = h["State"].as_str().unwrap().to_owned();
                if let Some(before) = final_states.get(&id) {
                    prop_assert_eq!(before, &state, "handshake {} left its final state", id);
                }
                if ["CANCELED", "ACCEPTED", "DECLINED", "EXPIRED"].contains(&state.as_str()) {
                    final_states.insert(id, state);
                }
            }
        }
    }
}

// ------------------------------------------------------------------ every error, per operation

struct Case {
    caller: &'static str,
    operation: &'static str,
    input: Value,
    expect: &'static str,
    quotas: Option<Quotas>,
}

fn case(caller: &'static str, operation: &'static str, input: Value, expect: &'static str) -> Case {
    Case {
        caller,
        operation,
        input,
        expect,
        quotas: None,
    }
}

/// Each Organizations operation's happy path and every error its handler can return (beyond
/// the authorization matrix), on the authz fixture: `{root}`, `{ou}` (holds `{policy}`), the
/// member `{member}`, the created account `{created}`, the open invitation `{handshake}` to
/// `{invitee}`, the unattached `{spare_policy}` and the finished request `{car}`.
#[test]
fn every_operation_answers_with_each_of_its_errors() {
    let text = std::fs::read_to_string(vectors_dir().join("authz.json")).unwrap();
    let vectors: Value = serde_json::from_str(&text).unwrap();
    let (template, vars) = run_fixture(&vectors);
    let snapshot = template.export();
    let m = "master";
    let few = |max_accounts, max_organizational_units, max_policies| {
        Some(Quotas {
            max_accounts,
            max_organizational_units,
            max_policies,
        })
    };
    let cases = vec![
        case(
            m,
            "AttachPolicy",
            json!({"PolicyId": "{spare_policy}", "TargetId": "{root}"}),
            "ok",
        ),
        case(
            m,
            "AttachPolicy",
            json!({"PolicyId": "p-0000000000", "TargetId": "{root}"}),
            "PolicyNotFoundException",
        ),
        case(
            m,
            "AttachPolicy",
            json!({"PolicyId": "{policy}", "TargetId": "999999999999"}),
            "TargetNotFoundException",
        ),
        case(
            m,
            "AttachPolicy",
            json!({"PolicyId": "{policy}", "TargetId": "{ou}"}),
            "DuplicatePolicyAttachmentException",
        ),
        case(
            m,
            "DetachPolicy",
            json!({"PolicyId": "{policy}", "TargetId": "{ou}"}),
            "ok",
        ),
        case(
            m,
            "DetachPolicy",
            json!({"PolicyId": "p-0000000000", "TargetId": "{ou}"}),
            "PolicyNotFoundException",
        ),
        case(
            m,
            "DetachPolicy",
            json!({"PolicyId": "{policy}", "TargetId": "r-zzzz"}),
            "TargetNotFoundException",
        ),
        case(
            m,
            "DetachPolicy",
            json!({"PolicyId": "{policy}", "TargetId": "{root}"}),
            "PolicyNotAttachedException",
        ),
        case(
            m,
            "DetachPolicy",
            json!({"PolicyId": "p-FullAWSAccess", "TargetId": "{member}"}),
            "ConstraintViolationException:MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED",
        ),
        case(
            m,
            "CreatePolicy",
            json!({"Content": "{}", "Description": "", "Name": "x", "Type": SCP}),
            "MalformedPolicyDocumentException",
        ),
        case(
            m,
            "CreatePolicy",
            json!({"Content": DOCUMENT, "Description": "", "Name": "FullAWSAccess", "Type": SCP}),
            "DuplicatePolicyException",
        ),
        Case {
            quotas: few(10_000, 1_000, 2),
            ..case(
                m,
                "CreatePolicy",
                json!({"Content": DOCUMENT, "Description": "", "Name": "x", "Type": SCP}),
                "ConstraintViolationException:POLICY_NUMBER_LIMIT_EXCEEDED",
            )
        },
        case(
            m,
            "DescribePolicy",
            json!({"PolicyId": "p-0000000000"}),
            "PolicyNotFoundException",
        ),
        case(
            m,
            "UpdatePolicy",
            json!({"PolicyId": "p-0000000000", "Name": "x"}),
            "PolicyNotFoundException",
        ),
        case(
            m,
            "UpdatePolicy",
            json!({"PolicyId": "{policy}", "Name": "Spare"}),
            "DuplicatePolicyException",
        ),
        case(
            m,
            "UpdatePolicy",
            json!({"PolicyId": "{policy}", "Content": "not json"}),
            "MalformedPolicyDocumentException",
        ),
        case(
            m,
            "UpdatePolicy",
            json!({"PolicyId": "p-FullAWSAccess", "Name": "x"}),
            "InvalidInputException:IMMUTABLE_POLICY",
        ),
        case(
            m,
            "DeletePolicy",
            json!({"PolicyId": "p-0000000000"}),
            "PolicyNotFoundException",
        ),
        case(
            m,
            "DeletePolicy",
            json!({"PolicyId": "p-FullAWSAccess"}),
            "InvalidInputException:IMMUTABLE_POLICY",
        ),
        case(
            m,
            "ListPolicies",
            json!({"Filter": SCP, "MaxResults": 1}),
            "ok",
        ),
        case(
            m,
            "ListPolicies",
            json!({"Filter": SCP, "NextToken": "p1.00.0000000000000000"}),
            "InvalidInputException:INVALID_NEXT_TOKEN",
        ),
        case(
            m,
            "ListPoliciesForTarget",
            json!({"TargetId": "{ou}", "Filter": SCP}),
            "ok",
        ),
        case(
            m,
            "ListPoliciesForTarget",
            json!({"TargetId": "ou-zzzz-zzzzzzzz", "Filter": SCP}),
            "TargetNotFoundException",
        ),
        case(
            m,
            "ListTargetsForPolicy",
            json!({"PolicyId": "p-0000000000"}),
            "PolicyNotFoundException",
        ),
        case(
            m,
            "EnablePolicyType",
            json!({"RootId": "r-zzzz", "PolicyType": SCP}),
            "RootNotFoundException",
        ),
        case(
            m,
            "DisablePolicyType",
            json!({"RootId": "r-zzzz", "PolicyType": SCP}),
            "RootNotFoundException",
        ),
        case(
            m,
            "CreateOrganizationalUnit",
            json!({"ParentId": "{ou}", "Name": "Nested"}),
            "ok",
        ),
        case(
            m,
            "CreateOrganizationalUnit",
            json!({"ParentId": "ou-zzzz-zzzzzzzz", "Name": "x"}),
            "ParentNotFoundException",
        ),
        case(
            m,
            "CreateOrganizationalUnit",
            json!({"ParentId": "{root}", "Name": "Engineering"}),
            "DuplicateOrganizationalUnitException",
        ),
        Case {
            quotas: few(10_000, 1, 1_000),
            ..case(
                m,
                "CreateOrganizationalUnit",
                json!({"ParentId": "{root}", "Name": "x"}),
                "ConstraintViolationException:OU_NUMBER_LIMIT_EXCEEDED",
            )
        },
        case(
            m,
            "DescribeOrganizationalUnit",
            json!({"OrganizationalUnitId": "ou-zzzz-zzzzzzzz"}),
            "OrganizationalUnitNotFoundException",
        ),
        case(
            m,
            "UpdateOrganizationalUnit",
            json!({"OrganizationalUnitId": "ou-zzzz-zzzzzzzz", "Name": "x"}),
            "OrganizationalUnitNotFoundException",
        ),
        case(
            m,
            "DeleteOrganizationalUnit",
            json!({"OrganizationalUnitId": "ou-zzzz-zzzzzzzz"}),
            "OrganizationalUnitNotFoundException",
        ),
        case(
            m,
            "ListOrganizationalUnitsForParent",
            json!({"ParentId": "ou-zzzz-zzzzzzzz"}),
            "ParentNotFoundException",
        ),
        case(
            m,
            "ListAccountsForParent",
            json!({"ParentId": "r-zzzz"}),
            "ParentNotFoundException",
        ),
        case(
            m,
            "ListChildren",
            json!({"ParentId": "r-zzzz", "ChildType": "ACCOUNT"}),
            "ParentNotFoundException",
        ),
        case(
            m,
            "ListChildren",
            json!({"ParentId": "{root}", "ChildType": "ORGANIZATIONAL_UNIT"}),
            "ok",
        ),
        case(m, "ListParents", json!({"ChildId": "{ou}"}), "ok"),
        case(
            m,
            "ListParents",
            json!({"ChildId": "ou-zzzz-zzzzzzzz"}),
            "ChildNotFoundException",
        ),
        case(m, "ListRoots", json!({"MaxResults": 1}), "ok"),
        case(
            m,
            "DescribeAccount",
            json!({"AccountId": "999999999999"}),
            "AccountNotFoundException",
        ),
        case(
            m,
            "MoveAccount",
            json!({"AccountId": "999999999999", "SourceParentId": "{root}", "DestinationParentId": "{ou}"}),
            "AccountNotFoundException",
        ),
        case(
            m,
            "MoveAccount",
            json!({"AccountId": "{member}", "SourceParentId": "{ou}", "DestinationParentId": "{root}"}),
            "SourceParentNotFoundException",
        ),
        case(
            m,
            "MoveAccount",
            json!({"AccountId": "{member}", "SourceParentId": "{root}", "DestinationParentId": "ou-zzzz-zzzzzzzz"}),
            "DestinationParentNotFoundException",
        ),
        case(
            m,
            "MoveAccount",
            json!({"AccountId": "{member}", "SourceParentId": "{root}", "DestinationParentId": "{root}"}),
            "DuplicateAccountException",
        ),
        case(
            m,
            "RemoveAccountFromOrganization",
            json!({"AccountId": "999999999999"}),
            "AccountNotFoundException",
        ),
        case(
            m,
            "RemoveAccountFromOrganization",
            json!({"AccountId": "{master}"}),
            "MasterCannotLeaveOrganizationException",
        ),
        Case {
            quotas: few(3, 1_000, 1_000),
            ..case(
                m,
                "CreateAccount",
                json!({"Email": "x@example.com", "AccountName": "X"}),
                "ConstraintViolationException:ACCOUNT_NUMBER_LIMIT_EXCEEDED",
            )
        },
        case(
            m,
            "DescribeCreateAccountStatus",
            json!({"CreateAccountRequestId": "car-0000000000"}),
            "CreateAccountStatusNotFoundException",
        ),
        case(
            m,
            "ListCreateAccountStatus",
            json!({"States": ["FAILED"]}),
            "ok",
        ),
        case(
            m,
            "InviteAccountToOrganization",
            json!({"Target": {"Id": "{invitee}", "Type": "ACCOUNT"}}),
            "DuplicateHandshakeException",
        ),
        case(
            m,
            "InviteAccountToOrganization",
            json!({"Target": {"Id": "{member}", "Type": "ACCOUNT"}}),
            "HandshakeConstraintViolationException:ALREADY_IN_AN_ORGANIZATION",
        ),
        case(
            m,
            "InviteAccountToOrganization",
            json!({"Target": {"Id": "new@example.com", "Type": "EMAIL"}}),
            "ok",
        ),
        case(
            m,
            "InviteAccountToOrganization",
            json!({"Target": {"Id": "o-abcdefghij", "Type": "ORGANIZATION"}}),
            "InvalidInputException:INVALID_PARTY_TYPE_TARGET",
        ),
        Case {
            quotas: few(3, 1_000, 1_000),
            ..case(
                m,
                "InviteAccountToOrganization",
                json!({"Target": {"Id": "555555555555", "Type": "ACCOUNT"}}),
                "HandshakeConstraintViolationException:ACCOUNT_NUMBER_LIMIT_EXCEEDED",
            )
        },
        Case {
            quotas: few(3, 1_000, 1_000),
            ..case(
                "invitee",
                "AcceptHandshake",
                json!({"HandshakeId": "{handshake}"}),
                "HandshakeConstraintViolationException:ACCOUNT_NUMBER_LIMIT_EXCEEDED",
            )
        },
        case(
            "invitee",
            "AcceptHandshake",
            json!({"HandshakeId": "h-0000000000"}),
            "AWSOrganizationsNotInUseException",
        ),
        case(
            "member",
            "AcceptHandshake",
            json!({"HandshakeId": "h-0000000000"}),
            "HandshakeNotFoundException",
        ),
        case(
            "member",
            "AcceptHandshake",
            json!({"HandshakeId": "{member_invite}"}),
            "HandshakeAlreadyInStateException",
        ),
        case(
            "member",
            "DeclineHandshake",
            json!({"HandshakeId": "{member_invite}"}),
            "InvalidHandshakeTransitionException",
        ),
        case(
            m,
            "CancelHandshake",
            json!({"HandshakeId": "{member_invite}"}),
            "InvalidHandshakeTransitionException",
        ),
        case(
            m,
            "CancelHandshake",
            json!({"HandshakeId": "h-0000000000"}),
            "HandshakeNotFoundException",
        ),
        case(
            m,
            "DescribeHandshake",
            json!({"HandshakeId": "h-0000000000"}),
            "HandshakeNotFoundException",
        ),
        case(
            m,
            "ListHandshakesForAccount",
            json!({"Filter": {"ActionType": "INVITE", "ParentHandshakeId": "h-0000000000"}}),
            "InvalidInputException:MAX_LIMIT_EXCEEDED_FILTER",
        ),
        case(
            m,
            "ListHandshakesForOrganization",
            json!({"Filter": {"ActionType": "INVITE"}, "MaxResults": 1}),
            "ok",
        ),
        case(
            m,
            "ListHandshakesForOrganization",
            json!({"NextToken": "forged"}),
            "InvalidInputException:INVALID_NEXT_TOKEN",
        ),
        case(
            m,
            "EnableAllFeatures",
            json!({}),
            "HandshakeConstraintViolationException:ORGANIZATION_ALREADY_HAS_ALL_FEATURES",
        ),
        case(m, "DescribeOrganization", json!({}), "ok"),
        case(
            m,
            "ListAccounts",
            json!({"MaxResults": 0}),
            "InvalidInputException:MIN_VALUE_EXCEEDED",
        ),
    ];
    let mut failures = Vec::new();
    for c in cases {
        let emulator = Emulator::from_snapshot(&snapshot).unwrap();
        if let Some(quotas) = c.quotas {
            emulator.set_quotas(quotas);
        }
        let caller = vars[c.caller].clone();
        let before = emulator.export();
        let result = org(&emulator, &caller, c.operation, substitute(&c.input, &vars));
        let got = match &result {
            Ok(_) => "ok".to_owned(),
            Err(_) => code(result.clone()),
        };
        if got != c.expect {
            failures.push(format!(
                "{} {}: expected {}, got {got}",
                c.operation, c.input, c.expect
            ));
        }
        if got != "ok" {
            // A refused call changes nothing (beyond registering a first-time caller).
            let mut after = emulator.export();
            let mut before = before.clone();
            for snapshot in [&mut after, &mut before] {
                snapshot["state"]["accounts"]
                    .as_object_mut()
                    .unwrap()
                    .remove(&caller);
            }
            assert_eq!(
                after["state"]["handshakes"], before["state"]["handshakes"],
                "{}",
                c.operation
            );
            assert_eq!(
                after["state"]["organizations"], before["state"]["organizations"],
                "{}",
                c.operation
            );
            assert_eq!(
                after["state"]["policies"], before["state"]["policies"],
                "{}",
                c.operation
            );
            assert_eq!(
                after["state"]["attachments"], before["state"]["attachments"],
                "{}",
                c.operation
            );
        }
        assert!(emulator.check_invariants().is_empty());
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn invitations_wait_while_all_features_are_enabled() {
    let o = organization("CONSOLIDATED_BILLING");
    o.join(MEMBER);
    let late = "666666666666";
    let pending = ok(
        &o.emulator,
        MASTER,
        "InviteAccountToOrganization",
        json!({"Target": {"Id": late, "Type": "ACCOUNT"}}),
    )["Handshake"]["Id"]
        .as_str()
        .unwrap()
        .to_owned();
    ok(&o.emulator, MASTER, "EnableAllFeatures", json!({}));
    assert_eq!(
        code(org(
            &o.emulator,
            late,
            "AcceptHandshake",
            json!({"HandshakeId": pending})
        )),
        "HandshakeConstraintViolationException:INVITE_DISABLED_DURING_ENABLE_ALL_FEATURES"
    );
    assert!(o.emulator.check_invariants().is_empty());
}

#[test]
fn an_account_being_created_keeps_the_organization_from_deletion() {
    let o = organization("ALL");
    ok(
        &o.emulator,
        MASTER,
        "CreateAccount",
        json!({"Email": "soon@example.com", "AccountName": "Soon"}),
    );
    assert_eq!(
        code(org(&o.emulator, MASTER, "DeleteOrganization", json!({}))),
        "OrganizationNotEmptyException"
    );
    o.emulator.advance(1.0).unwrap();
    let created = ok(&o.emulator, MASTER, "ListCreateAccountStatus", json!({}))
        ["CreateAccountStatuses"][0]["AccountId"]
        .as_str()
        .unwrap()
        .to_owned();
    o.emulator.prepare_standalone(&created).unwrap();
    ok(
        &o.emulator,
        MASTER,
        "RemoveAccountFromOrganization",
        json!({"AccountId": created}),
    );
    ok(&o.emulator, MASTER, "DeleteOrganization", json!({}));
}

#[test]
fn chime_default_license_must_be_supported() {
    let emulator = Emulator::new(4);
    let created = emulator
        .call("chime", "CreateAccount", MASTER, &json!({"Name": "Team"}))
        .unwrap();
    let id = created["Account"]["AccountId"].as_str().unwrap();
    assert_eq!(
        code(emulator.call(
            "chime",
            "UpdateAccount",
            MASTER,
            &json!({"AccountId": id, "DefaultLicense": "ProTrial"})
        )),
        "BadRequestException:BadRequest"
    );
    let kept = emulator
        .call("chime", "GetAccount", MASTER, &json!({"AccountId": id}))
        .unwrap();
    assert_eq!(kept["Account"]["DefaultLicense"], "Pro");
}

#[test]
fn generated_ids_and_arns_follow_the_model() {
    let text = std::fs::read_to_string(vectors_dir().join("authz.json")).unwrap();
    let vectors: Value = serde_json::from_str(&text).unwrap();
    let (emulator, vars) = run_fixture(&vectors);
    use orgkit::ids;
    assert!(ids::is_root_id(&vars["root"]));
    assert!(ids::is_organizational_unit_id(&vars["ou"]));
    assert!(ids::is_policy_id(&vars["policy"]));
    assert!(ids::is_handshake_id(&vars["handshake"]));
    assert!(ids::is_create_account_request_id(&vars["car"]));
    assert!(ids::is_account_id(&vars["created"]));
    let organization = ok(&emulator, MASTER, "DescribeOrganization", json!({}));
    assert!(ids::is_organization_id(
        organization["Organization"]["Id"].as_str().unwrap()
    ));
    // Every ARN in these responses parses as the kind it names.
    let responses = [
        organization,
        ok(&emulator, MASTER, "ListRoots", json!({})),
        ok(
            &emulator,
            MASTER,
            "DescribeOrganizationalUnit",
            json!({"OrganizationalUnitId": vars["ou"]}),
        ),
        ok(
            &emulator,
            MASTER,
            "DescribePolicy",
            json!({"PolicyId": vars["policy"]}),
        ),
        ok(
            &emulator,
            MASTER,
            "ListTargetsForPolicy",
            json!({"PolicyId": vars["policy"]}),
        ),
        ok(
            &emulator,
            MASTER,
            "DescribeAccount",
            json!({"AccountId": vars["created"]}),
        ),
        ok(
            &emulator,
            MASTER,
            "DescribeHandshake",
            json!({"HandshakeId": vars["handshake"]}),
        ),
    ];
    let mut arns = Vec::new();
    fn collect(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                for (key, item) in map {
                    match item {
                        Value::String(text) if key.ends_with("Arn") => out.push(text.clone()),
                        other => collect(other, out),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|item| collect(item, out)),
            _ => {}
        }
    }
    for response in &responses {
        collect(response, &mut arns);
    }
    assert!(arns.len() >= 8, "{arns:?}");
    for arn in arns {
        orgkit::Arn::parse(&arn).unwrap_or_else(|err| panic!("{arn}: {err}"));
    }
}

#[test]
fn the_emulator_serves_the_original_edition_and_says_so() {
    assert_eq!(
        orgkit::emulator::EMULATED_EDITION,
        orgkit::Edition::Original
    );
    let emulator = Emulator::new(1);
    let master = "111111111111";
    ok(&emulator, master, "CreateOrganization", json!({}));
    // An operation of the current edition only: unknown, with the edition named and a hint.
    let err = emulator
        .call(
            "organizations",
            "close_account",
            master,
            &json!({"AccountId": "222222222222"}),
        )
        .unwrap_err();
    assert_eq!(err.code(), "UNKNOWN_OPERATION");
    let message = err.to_string();
    assert!(
        message.contains(orgkit::Edition::Original.description()),
        "{message}"
    );
    assert!(message.contains("the other edition has it"), "{message}");
    // A member of the current edition only: refused like any unknown member, never ignored,
    // and nothing is created.
    let before = ok(&emulator, master, "ListAccounts", json!({}));
    let err = emulator
        .call(
            "organizations",
            "CreateAccount",
            master,
            &json!({"Email": "new@example.com", "AccountName": "New", "Tags": [{"Key": "k", "Value": "v"}]}),
        )
        .unwrap_err();
    assert_eq!(
        code(Err(err.clone())),
        "InvalidInputException:UNKNOWN_PARAMETER"
    );
    assert!(
        err.to_string()
            .contains("Tags is a member in the current edition only"),
        "{err}"
    );
    assert_eq!(ok(&emulator, master, "ListAccounts", json!({})), before);
    // Each unknown member is judged by its own path, however many issues the current
    // edition would find in the rest of the request.
    let bad_tags: Vec<Value> = (0..150).map(|_| json!({"Key": 5})).collect();
    let err = emulator
        .call(
            "organizations",
            "CreateAccount",
            master,
            &json!({"Email": "new@example.com", "AccountName": "New", "Tags": bad_tags, "Colour": "blue"}),
        )
        .unwrap_err();
    let EmulatorError::Service(service_error) = &err else {
        panic!("{err}")
    };
    let messages: Vec<(&str, &str)> = service_error
        .issues
        .iter()
        .map(|i| (i.path.as_str(), i.message.as_str()))
        .collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(!messages[0].1.contains("current edition only") && messages[0].0 == "Colour");
    assert!(messages[1].1.contains("current edition only") && messages[1].0 == "Tags");
    // A member no edition has keeps the ordinary message.
    let err = emulator
        .call(
            "organizations",
            "CreateAccount",
            master,
            &json!({"Email": "new@example.com", "AccountName": "New", "Colour": "blue"}),
        )
        .unwrap_err();
    assert!(!err.to_string().contains("current edition only"), "{err}");
}
