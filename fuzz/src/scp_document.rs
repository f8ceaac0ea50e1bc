//! scp_document: the SCP document checker on any bytes, under both editions of the rules. It
//! never panics; it reports at most the issue cap (then one TOO_MANY_ISSUES), each issue with
//! a message; "checks clean" and "parses" agree; what the original rules accept the current
//! rules accept too; a valid document written back out by serde_json (as a binding does with a
//! dict) checks clean again; and evaluating a valid policy is consistent (allowed exactly when
//! nothing denies and every level allows) and monotone (adding a Deny-all never allows more).

use orgkit::policy::{
    self, AttachedPolicy, Level, PolicyIssueCode, PrincipalKind, Request, ScpRules,
};
use orgkit::validate::MAX_ISSUES;

const DENY_ALL: &str =
    r#"{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"*","Resource":"*"}}"#;

const REQUESTS: &[(&str, &str)] = &[
    ("s3:GetObject", "arn:aws:s3:::bucket/key"),
    ("ec2:RunInstances", "*"),
    ("iam:CreateUser", "arn:aws:iam::111111111111:user/x"),
    ("organizations:LeaveOrganization", "*"),
];

/// Runs the properties on one input.
pub fn run(data: &[u8]) {
    let mut valid = Vec::new();
    for rules in ScpRules::ALL.iter().copied() {
        let issues = policy::check_scp(data, rules);
        assert!(issues.len() <= MAX_ISSUES + 1, "{} issues", issues.len());
        for (index, issue) in issues.iter().enumerate() {
            assert!(!issue.message.is_empty(), "{issue:?}");
            if issue.code == PolicyIssueCode::TooManyIssues {
                assert_eq!(index + 1, issues.len(), "TOO_MANY_ISSUES is last");
            }
        }
        let parsed = policy::parse_scp(data, rules);
        assert_eq!(
            parsed.is_ok(),
            issues.is_empty(),
            "{rules:?}: parse and check disagree"
        );
        valid.push(parsed.ok());
    }
    if valid[0].is_some() {
        assert!(
            valid[1].is_some(),
            "valid under the original rules but not the current ones"
        );
    }
    let Some(policy) = valid.pop().flatten() else {
        return;
    };
    // Written back out as compact JSON, the way a binding writes a dict: still valid (when the
    // rewrite fits the size limit: serde_json may spell a number longer than the input did).
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) {
        let rewritten = value.to_string();
        if rewritten.chars().count() <= policy::MAX_SCP_CHARS {
            let issues = policy::check_scp_input(&&value, ScpRules::Current).expect("a map");
            assert!(issues.is_empty(), "rewritten {rewritten}: {issues:?}");
        }
    }
    let deny_all = policy::parse_scp(DENY_ALL, ScpRules::Current).expect("deny-all parses");
    let attached = |id: &str, document| AttachedPolicy {
        policy_id: id.to_owned(),
        document,
    };
    let alone = [Level {
        target: "111111111111".to_owned(),
        policies: vec![attached("p-fuzzed", policy.clone())],
    }];
    let with_deny = [Level {
        target: "111111111111".to_owned(),
        policies: vec![
            attached("p-fuzzed", policy),
            attached("p-denyall", deny_all),
        ],
    }];
    for (action, resource) in REQUESTS {
        let mut request = Request::new(*action, *resource);
        request.principal = PrincipalKind::User;
        let decision = policy::evaluate(&alone, &request);
        assert_eq!(
            decision.allowed,
            decision.denied_by.is_none() && decision.missing_allow_at.is_none()
        );
        assert_eq!(decision.levels.len(), 1);
        assert!(
            !policy::evaluate(&with_deny, &request).allowed,
            "a Deny-all allowed {action}"
        );
    }
}
