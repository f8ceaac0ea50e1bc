//! SCPs in the emulator: CreatePolicy / UpdatePolicy check documents under the original
//! edition's rules, `simulate` evaluates over the emulated tree, `effective_scps` lists what
//! applies at each level.

use orgkit::emulator::Emulator;
use orgkit::policy::{PrincipalKind, Request};
use serde_json::{json, Value};

const MASTER: &str = "111111111111";
const MEMBER: &str = "222222222222";

fn call(emulator: &Emulator, caller: &str, operation: &str, input: Value) -> Value {
    emulator
        .call("organizations", operation, caller, &input)
        .unwrap_or_else(|e| panic!("{operation}: {e}"))
}

fn policy(emulator: &Emulator, name: &str, content: &str) -> Result<String, String> {
    emulator
        .call(
            "organizations",
            "CreatePolicy",
            MASTER,
            &json!({"Name": name, "Description": "", "Type": "SERVICE_CONTROL_POLICY", "Content": content}),
        )
        .map(|out| out["Policy"]["PolicySummary"]["Id"].as_str().unwrap().to_owned())
        .map_err(|e| format!("{}: {e}", e.code()))
}

/// An organization: root → ou-a → ou-b → MEMBER, SCPs enabled (p-FullAWSAccess everywhere).
fn tree() -> (Emulator, String, String, String) {
    let emulator = Emulator::new(3);
    call(&emulator, MASTER, "CreateOrganization", json!({}));
    let invitation = call(
        &emulator,
        MASTER,
        "InviteAccountToOrganization",
        json!({"Target": {"Id": MEMBER, "Type": "ACCOUNT"}}),
    );
    call(
        &emulator,
        MEMBER,
        "AcceptHandshake",
        json!({"HandshakeId": invitation["Handshake"]["Id"]}),
    );
    let root = call(&emulator, MASTER, "ListRoots", json!({}))["Roots"][0]["Id"]
        .as_str()
        .unwrap()
        .to_owned();
    let ou = |parent: &str, name: &str| {
        call(
            &emulator,
            MASTER,
            "CreateOrganizationalUnit",
            json!({"ParentId": parent, "Name": name}),
        )["OrganizationalUnit"]["Id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let ou_a = ou(&root, "a");
    let ou_b = ou(&ou_a, "b");
    call(
        &emulator,
        MASTER,
        "MoveAccount",
        json!({"AccountId": MEMBER, "SourceParentId": root, "DestinationParentId": ou_b}),
    );
    (emulator, root, ou_a, ou_b)
}

#[test]
fn create_and_update_policy_check_the_document_under_the_original_rules() {
    let (emulator, ..) = tree();
    let malformed = policy(
        &emulator,
        "maybe",
        r#"{"Version":"2012-10-17","Statement":{"Effect":"Maybe","Action":"*","Resource":"*"}}"#,
    )
    .unwrap_err();
    assert!(
        malformed.starts_with("MalformedPolicyDocumentException"),
        "{malformed}"
    );
    assert!(malformed.contains("Statement.Effect"), "{malformed}");
    // The 2017 rules allowed Condition only in Deny statements.
    let conditional_allow = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}}"#;
    let refused = policy(&emulator, "conditional", conditional_allow).unwrap_err();
    assert!(refused.contains("DENY_ONLY_ELEMENT"), "{refused}");
    // ... and a '*' only at the end of an action (the current rules allow "s3:*Object").
    let leading_star = r#"{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"s3:*Object","Resource":"*"}}"#;
    let refused = policy(&emulator, "leading-star", leading_star).unwrap_err();
    assert!(refused.contains("INVALID_ACTION_WILDCARD"), "{refused}");
    let id = policy(
        &emulator,
        "ok",
        r#"{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"s3:*","Resource":"*"}}"#,
    )
    .unwrap();
    let before = emulator.export();
    let update = emulator
        .call(
            "organizations",
            "UpdatePolicy",
            MASTER,
            &json!({"PolicyId": id, "Content": r#"{"Version":"2012-10-17","Statement":[]}"#}),
        )
        .unwrap_err();
    assert_eq!(update.code(), "MalformedPolicyDocumentException");
    assert_eq!(
        emulator.export(),
        before,
        "a refused update changes nothing"
    );
}

#[test]
fn simulate_evaluates_the_emulated_tree() {
    let (emulator, root, ou_a, ou_b) = tree();
    let deny_s3 = policy(
        &emulator,
        "no-s3",
        r#"{"Version":"2012-10-17","Statement":{"Sid":"NoS3","Effect":"Deny","Action":"s3:*","Resource":"*"}}"#,
    )
    .unwrap();
    let ec2_only = policy(
        &emulator,
        "ec2-only",
        r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"ec2:*","Resource":"*"}}"#,
    )
    .unwrap();
    let request = |action: &str| Request::new(action, "*");
    assert!(
        emulator
            .simulate(MEMBER, &request("s3:GetObject"))
            .unwrap()
            .allowed
    );

    call(
        &emulator,
        MASTER,
        "AttachPolicy",
        json!({"PolicyId": deny_s3, "TargetId": ou_a}),
    );
    let denied = emulator.simulate(MEMBER, &request("s3:GetObject")).unwrap();
    assert!(!denied.allowed);
    let deny = denied.denied_by.clone().unwrap();
    assert_eq!(
        (deny.level, deny.target.as_str(), deny.sid.as_deref()),
        (1, ou_a.as_str(), Some("NoS3"))
    );
    assert_eq!(denied.levels.len(), 4);
    assert!(denied.explain().contains(&deny_s3));
    // The management account is exempt, whatever principal is asked about.
    let mut as_user = request("s3:GetObject");
    as_user.principal = PrincipalKind::User;
    assert_eq!(
        emulator
            .simulate(MASTER, &as_user)
            .unwrap()
            .exempt
            .map(|e| e.as_str()),
        Some("MANAGEMENT_ACCOUNT")
    );

    // Replacing FullAWSAccess on ou-b by an EC2-only allow: S3 lacks an Allow there.
    call(
        &emulator,
        MASTER,
        "AttachPolicy",
        json!({"PolicyId": ec2_only, "TargetId": ou_b}),
    );
    call(
        &emulator,
        MASTER,
        "DetachPolicy",
        json!({"PolicyId": "p-FullAWSAccess", "TargetId": ou_b}),
    );
    call(
        &emulator,
        MASTER,
        "DetachPolicy",
        json!({"PolicyId": deny_s3, "TargetId": ou_a}),
    );
    let missing = emulator
        .simulate(MEMBER, &request("iam:CreateUser"))
        .unwrap();
    assert_eq!(missing.missing_allow_at.unwrap().target, ou_b);
    assert!(
        emulator
            .simulate(MEMBER, &request("ec2:RunInstances"))
            .unwrap()
            .allowed
    );

    let levels = emulator.effective_scps(MEMBER).unwrap();
    let seen: Vec<(&str, &str, Vec<&str>)> = levels
        .iter()
        .map(|l| {
            (
                l.target.as_str(),
                l.kind,
                l.policies.iter().map(|p| p.policy_id.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            (root.as_str(), "ROOT", vec!["p-FullAWSAccess"]),
            (
                ou_a.as_str(),
                "ORGANIZATIONAL_UNIT",
                vec!["p-FullAWSAccess"]
            ),
            (
                ou_b.as_str(),
                "ORGANIZATIONAL_UNIT",
                vec![ec2_only.as_str()]
            ),
            (MEMBER, "ACCOUNT", vec!["p-FullAWSAccess"]),
        ]
    );
    assert_eq!(levels[2].policies[0].name, "ec2-only");
    assert_eq!(emulator.effective_scps(&ou_a).unwrap().len(), 2);

    // Disabling the policy type takes every SCP out of effect.
    call(
        &emulator,
        MASTER,
        "DisablePolicyType",
        json!({"RootId": root, "PolicyType": "SERVICE_CONTROL_POLICY"}),
    );
    assert!(emulator.effective_scps(MEMBER).unwrap().is_empty());
    let free = emulator
        .simulate(MEMBER, &request("iam:CreateUser"))
        .unwrap();
    assert!(free.allowed);
    assert_eq!(free.explain(), "Allowed: no SCPs are in effect");
}

#[test]
fn simulate_and_effective_scps_refuse_unknown_targets() {
    let (emulator, ..) = tree();
    assert_eq!(
        emulator
            .simulate("999999999999", &Request::new("s3:GetObject", "*"))
            .unwrap_err()
            .code(),
        "NOT_FOUND"
    );
    assert_eq!(
        emulator
            .effective_scps("ou-zzzz-zzzzzzzz")
            .unwrap_err()
            .code(),
        "NOT_FOUND"
    );
    // A standalone account has no SCP in effect.
    emulator
        .register_account("333333333333", "solo@example.com", "solo")
        .unwrap();
    assert!(
        emulator
            .simulate("333333333333", &Request::new("s3:GetObject", "*"))
            .unwrap()
            .allowed
    );
    assert_eq!(
        emulator.effective_scps("333333333333").unwrap_err().code(),
        "NOT_FOUND"
    );
}
