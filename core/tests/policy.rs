//! Service control policies: the check and evaluation vectors of
//! `tests/vectors/build_scp_vectors.py` (written from AWS's documentation, independently of
//! this crate), the catalogue entry of the policy issue codes, monotonicity of evaluation
//! (a property test) and robustness against thousands of mutated documents.

use std::collections::BTreeMap;

use orgkit::policy::{
    self, AttachedPolicy, Condition, ConditionOperator, Effect, Level, PatternList, Policy,
    PolicyIssueCode, PrincipalKind, Request, ScpRules, Statement,
};
use proptest::prelude::*;
use serde_json::Value;

fn vectors(name: &str) -> Value {
    let path = format!("{}/../tests/vectors/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).expect("JSON")
}

fn rules(case: &Value) -> ScpRules {
    ScpRules::from_name(case["rules"].as_str().unwrap()).expect("rules")
}

fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

#[test]
fn check_vectors() {
    let file = vectors("scp_check.json");
    assert_eq!(file["max_chars"], policy::MAX_SCP_CHARS);
    let cases = file["cases"].as_array().unwrap();
    assert!(cases.len() >= 80);
    let mut failures = Vec::new();
    for case in cases {
        let bytes = match case.get("document_hex") {
            Some(h) => hex(h.as_str().unwrap()),
            None => case["document"].as_str().unwrap().as_bytes().to_vec(),
        };
        let issues = policy::check_scp(&bytes, rules(case));
        for issue in &issues {
            assert!(!issue.message.is_empty(), "{issue:?}");
        }
        let mut got: Vec<(String, String)> = issues
            .iter()
            .map(|i| (i.code.as_str().to_owned(), i.path.clone()))
            .collect();
        let mut want: Vec<(String, String)> = case["expect"]
            .as_array()
            .unwrap()
            .iter()
            .map(|pair| {
                (
                    pair[0].as_str().unwrap().to_owned(),
                    pair[1].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        got.sort();
        want.sort();
        if got != want {
            failures.push(format!(
                "{} [{}]: want {want:?}, got {:?}",
                case["name"], case["rules"], issues
            ));
        }
        assert_eq!(
            policy::parse_scp(&bytes, rules(case)).is_ok(),
            issues.is_empty(),
            "{}",
            case["name"]
        );
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn principal(name: &str) -> PrincipalKind {
    match name {
        "user" => PrincipalKind::User,
        "role" => PrincipalKind::Role,
        "service_linked_role" => PrincipalKind::ServiceLinkedRole,
        "management_account" => PrincipalKind::ManagementAccount,
        other => panic!("principal {other}"),
    }
}

#[test]
fn eval_vectors() {
    let file = vectors("scp_eval.json");
    let cases = file["cases"].as_array().unwrap();
    assert!(cases.len() >= 60);
    let mut failures = Vec::new();
    for case in cases {
        let levels: Vec<Level> = case["levels"]
            .as_array()
            .unwrap()
            .iter()
            .map(|level| Level {
                target: level["target"].as_str().unwrap().to_owned(),
                policies: level["policies"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| AttachedPolicy {
                        policy_id: p["policy_id"].as_str().unwrap().to_owned(),
                        document: policy::parse_scp(p["document"].as_str().unwrap(), rules(case))
                            .unwrap_or_else(|e| panic!("{}: {e:?}", case["name"])),
                    })
                    .collect(),
            })
            .collect();
        let r = &case["request"];
        let request = Request {
            action: r["action"].as_str().unwrap().to_owned(),
            resource: r["resource"].as_str().unwrap().to_owned(),
            context: serde_json::from_value(r["context"].clone()).unwrap(),
            principal: principal(r["principal"].as_str().unwrap()),
        };
        let decision = policy::evaluate(&levels, &request);
        assert_eq!(
            policy::allows(&levels, &request),
            decision.allowed,
            "{}: allows and evaluate disagree",
            case["name"]
        );
        let got = serde_json::json!({
            "allowed": decision.allowed,
            "denied_by": decision.denied_by.as_ref().map(|d| serde_json::json!({
                "level": d.level, "policy_id": d.policy_id, "statement": d.statement, "sid": d.sid,
            })),
            "missing_allow_at": decision.missing_allow_at.as_ref().map(|m| m.level),
            "exempt": decision.exempt.map(|e| e.as_str()),
        });
        if got != case["expect"] {
            failures.push(format!(
                "{}: want {}, got {got} ({decision})",
                case["name"], case["expect"]
            ));
        }
        let text = decision.explain();
        assert!(text.starts_with(if decision.allowed {
            "Allowed"
        } else {
            "Denied"
        }));
        if let Some(deny) = &decision.denied_by {
            assert!(text.contains(&deny.policy_id), "{text}");
            assert_eq!(deny.target, levels[deny.level].target);
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn catalogue_lists_policy_issue_codes() {
    let file = vectors("catalogue.json");
    let codes: Vec<&str> = PolicyIssueCode::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(
        file["scp_issue_codes"],
        serde_json::json!(codes),
        "update catalogue.json"
    );
    let editions: Vec<&str> = ScpRules::ALL.iter().map(|r| r.as_str()).collect();
    assert_eq!(
        file["scp_rules"],
        serde_json::json!(editions),
        "update catalogue.json"
    );
    assert_eq!(
        file["scp_limits"],
        serde_json::json!({"max_chars": policy::MAX_SCP_CHARS, "max_depth": policy::MAX_DEPTH}),
        "update catalogue.json"
    );
}

// ---- monotonicity ----------------------------------------------------------------------------

const ACTIONS: &[&str] = &[
    "*",
    "s3:*",
    "s3:Get*",
    "ec2:*",
    "iam:CreateUser",
    "ec2:Describe?",
];
const RESOURCES: &[&str] = &[
    "*",
    "arn:aws:s3:::a/*",
    "arn:aws:s3:::b/*",
    "arn:aws:ec2:*:*:*",
];
const REQ_ACTIONS: &[&str] = &[
    "s3:GetObject",
    "s3:PutObject",
    "ec2:DescribeX",
    "iam:CreateUser",
];
const REQ_RESOURCES: &[&str] = &[
    "arn:aws:s3:::a/k",
    "arn:aws:s3:::b/k",
    "arn:aws:ec2:us-east-1:1:i",
];

fn arb_patterns(pool: &'static [&'static str]) -> impl Strategy<Value = PatternList> {
    (
        any::<bool>(),
        proptest::collection::vec(proptest::sample::select(pool), 1..3),
    )
        .prop_map(|(not, items)| {
            let items = items.into_iter().map(str::to_owned).collect();
            if not {
                PatternList::AllExcept(items)
            } else {
                PatternList::Only(items)
            }
        })
}

fn arb_condition() -> impl Strategy<Value = Condition> {
    (
        proptest::sample::select(
            &[
                "StringEquals",
                "StringNotEquals",
                "StringLikeIfExists",
                "Null",
                "ForAnyValue:StringEquals",
                "ForAllValues:StringEquals",
            ][..],
        ),
        proptest::sample::select(&["aws:RequestedRegion", "aws:TagKeys"][..]),
        proptest::sample::select(&["us-east-1", "eu-west-1", "true", "false"][..]),
    )
        .prop_map(|(op, key, value)| Condition {
            operator: ConditionOperator::parse(op).unwrap(),
            key: key.to_owned(),
            values: vec![value.to_owned()],
        })
}

fn arb_statement() -> impl Strategy<Value = Statement> {
    (
        any::<bool>(),
        arb_patterns(ACTIONS),
        arb_patterns(RESOURCES),
        proptest::collection::vec(arb_condition(), 0..2),
    )
        .prop_map(|(allow, actions, resources, conditions)| Statement {
            sid: None,
            effect: if allow { Effect::Allow } else { Effect::Deny },
            actions,
            resources,
            conditions,
        })
}

fn arb_levels() -> impl Strategy<Value = Vec<Level>> {
    proptest::collection::vec(
        proptest::collection::vec(proptest::collection::vec(arb_statement(), 0..3), 0..3),
        1..4,
    )
    .prop_map(|levels| {
        levels
            .into_iter()
            .enumerate()
            .map(|(i, policies)| Level {
                target: format!("level{i}"),
                policies: policies
                    .into_iter()
                    .enumerate()
                    .map(|(j, statements)| AttachedPolicy {
                        policy_id: format!("p-{i}{j}"),
                        document: Policy {
                            version: "2012-10-17".to_owned(),
                            statements,
                        },
                    })
                    .collect(),
            })
            .collect()
    })
}

fn arb_request() -> impl Strategy<Value = Request> {
    (
        proptest::sample::select(REQ_ACTIONS),
        proptest::sample::select(REQ_RESOURCES),
        proptest::option::of(proptest::sample::select(&["us-east-1", "eu-west-1"][..])),
        proptest::collection::vec(proptest::sample::select(&["a", "true"][..]), 0..2),
    )
        .prop_map(|(action, resource, region, tags)| {
            let mut context = BTreeMap::new();
            if let Some(region) = region {
                context.insert("aws:RequestedRegion".to_owned(), vec![region.to_owned()]);
            }
            if !tags.is_empty() {
                context.insert(
                    "aws:TagKeys".to_owned(),
                    tags.into_iter().map(str::to_owned).collect(),
                );
            }
            Request {
                action: action.to_owned(),
                resource: resource.to_owned(),
                context,
                principal: PrincipalKind::Role,
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Adding a Deny statement anywhere never turns a denied request into an allowed one.
    #[test]
    fn adding_a_deny_never_allows(
        levels in arb_levels(),
        request in arb_request(),
        deny in arb_statement(),
        where_to in any::<(usize, usize)>(),
    ) {
        let before = policy::evaluate(&levels, &request);
        let mut more = levels.clone();
        let level = where_to.0 % more.len();
        let deny = Statement { effect: Effect::Deny, ..deny };
        match more[level].policies.len() {
            0 => more[level].policies.push(AttachedPolicy {
                policy_id: "p-added".into(),
                document: Policy { version: "2012-10-17".into(), statements: vec![deny] },
            }),
            n => more[level].policies[where_to.1 % n].document.statements.push(deny),
        }
        let after = policy::evaluate(&more, &request);
        prop_assert!(before.allowed || !after.allowed, "{before} -> {after}");
        prop_assert!(!after.allowed || before.allowed);
    }

    /// Removing an Allow statement never turns a denied request into an allowed one.
    #[test]
    fn removing_an_allow_never_allows(
        levels in arb_levels(),
        request in arb_request(),
        which in any::<usize>(),
    ) {
        let before = policy::evaluate(&levels, &request);
        let allows: Vec<(usize, usize, usize)> = levels.iter().enumerate().flat_map(|(l, level)| {
            level.policies.iter().enumerate().flat_map(move |(p, attached)| {
                attached.document.statements.iter().enumerate()
                    .filter(|(_, s)| s.effect == Effect::Allow)
                    .map(move |(s, _)| (l, p, s))
            })
        }).collect();
        prop_assume!(!allows.is_empty());
        let (l, p, s) = allows[which % allows.len()];
        let mut fewer = levels.clone();
        fewer[l].policies[p].document.statements.remove(s);
        let after = policy::evaluate(&fewer, &request);
        prop_assert!(before.allowed || !after.allowed, "{before} -> {after}");
    }
}

// ---- robustness ------------------------------------------------------------------------------

/// A small deterministic generator (xorshift64*), so failures reproduce without a seed file.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const SEEDS: &[&str] = &[
    r#"{"Version":"2012-10-17","Statement":[{"Sid":"A1","Effect":"Allow","Action":"*","Resource":"*"}]}"#,
    r#"{"Version":"2012-10-17","Statement":{"Effect":"Deny","NotAction":["iam:*","sts:*"],"Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":["eu-west-1"]},"Null":{"aws:TokenIssueTime":"true"}}}}"#,
    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","NotResource":"arn:aws:s3:::b/*","Condition":{"ForAnyValue:StringLikeIfExists":{"aws:TagKeys":["x*",1,true]},"IpAddress":{"aws:SourceIp":"10.0.0.0/8"},"DateLessThan":{"aws:CurrentTime":"2030-01-01T00:00:00Z"}}}]}"#,
];

const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "\\",
    "\\u",
    "\\ud800",
    "null",
    "true",
    "1e999",
    "-0",
    "\"Effect\"",
    "\"Statement\"",
    "\"Condition\"",
    "\"*\"",
    "\u{e9}",
    "\u{1F600}",
    " ",
    "\n",
];

fn mutate(rng: &mut Rng, seed: &str) -> Vec<u8> {
    let mut bytes = seed.as_bytes().to_vec();
    for _ in 0..=rng.below(6) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(5) {
            0 if !bytes.is_empty() => {
                let end = (at + rng.below(8)).min(bytes.len());
                bytes.drain(at.min(end)..end);
            }
            1 => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                bytes.splice(at..at, token.iter().copied());
            }
            2 if at < bytes.len() => bytes[at] = rng.next() as u8,
            3 => {
                let start = rng.below(bytes.len() + 1);
                let end = (start + rng.below(16)).min(bytes.len());
                let copy = bytes[start..end].to_vec();
                bytes.splice(at..at, copy);
            }
            _ => bytes.insert(at.min(bytes.len()), rng.next() as u8),
        }
    }
    bytes
}

#[test]
fn thousands_of_mutated_documents_do_not_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let request = Request {
        action: "s3:GetObject".into(),
        resource: "arn:aws:s3:::b/k".into(),
        context: BTreeMap::from([("aws:TagKeys".to_owned(), vec!["xy".to_owned()])]),
        principal: PrincipalKind::User,
    };
    let mut parsed = 0;
    for i in 0..4000 {
        let seed = SEEDS[i % SEEDS.len()];
        let bytes = mutate(&mut rng, seed);
        for rules in ScpRules::ALL {
            let issues = policy::check_scp(&bytes, *rules);
            assert!(issues.len() <= orgkit::validate::MAX_ISSUES + 1);
            if let Ok(document) = policy::parse_scp(&bytes, *rules) {
                parsed += 1;
                let level = Level {
                    target: "r-abcd".into(),
                    policies: vec![AttachedPolicy {
                        policy_id: "p-x".into(),
                        document,
                    }],
                };
                let _ = policy::evaluate(&[level], &request).explain();
            }
        }
    }
    // Some mutations keep the document valid, so evaluation ran too.
    assert!(parsed > 0);
}

#[test]
fn hostile_shapes_are_bounded() {
    let deep_array = "[".repeat(1_000_000);
    let deep_object = "{\"a\":".repeat(200_000);
    let many_keys = format!(
        "{{{}}}",
        (0..50_000)
            .map(|i| format!("\"k{}\":1", i % 7))
            .collect::<Vec<_>>()
            .join(",")
    );
    let many_statements = format!(
        "{{\"Version\":\"2012-10-17\",\"Statement\":[{}]}}",
        vec!["{}"; 50_000].join(",")
    );
    let star_pattern = format!(
        "{{\"Version\":\"2012-10-17\",\"Statement\":{{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{{\"StringLike\":{{\"k\":\"{}b\"}}}}}}}}",
        "*a".repeat(2000)
    );
    for text in [&deep_array, &deep_object, &many_keys, &many_statements] {
        let issues = policy::check_scp(text, ScpRules::Current);
        assert!(!issues.is_empty());
        assert!(issues.len() <= orgkit::validate::MAX_ISSUES + 1);
    }
    let capped = policy::check_scp(&many_statements, ScpRules::Current);
    assert_eq!(capped.last().unwrap().code, PolicyIssueCode::TooManyIssues);
    // A pathological wildcard pattern is still evaluated in bounded time (no backtracking
    // blow-up, no recursion).
    let document = policy::parse_scp(&star_pattern, ScpRules::Current).unwrap();
    let mut request = Request::new("s3:GetObject", "*");
    request.context.insert("k".into(), vec!["a".repeat(4000)]);
    let level = Level {
        target: "r-abcd".into(),
        policies: vec![AttachedPolicy {
            policy_id: "p-x".into(),
            document,
        }],
    };
    assert!(!policy::evaluate(&[level], &request).allowed);
}

// ---- host values (what the bindings pass) ------------------------------------------------------

/// The evaluation vectors again, read the way the bindings read them: levels, context and
/// principal as JSON values through `evaluate_input`, decisions compared through `to_json`.
#[test]
fn eval_vectors_through_host_values() {
    let file = vectors("scp_eval.json");
    for case in file["cases"].as_array().unwrap() {
        let r = &case["request"];
        let decision = policy::evaluate_input(
            &&case["levels"],
            r["action"].as_str().unwrap(),
            r["resource"].as_str().unwrap(),
            Some(&&r["context"]),
            r["principal"].as_str().unwrap(),
            rules(case),
        )
        .unwrap_or_else(|e| panic!("{}: {e}", case["name"]));
        let json = decision.to_json();
        let want = &case["expect"];
        assert_eq!(json["allowed"], want["allowed"], "{}", case["name"]);
        assert_eq!(json["exempt"], want["exempt"], "{}", case["name"]);
        assert_eq!(
            json["missingAllowAt"]["level"].as_u64(),
            want["missing_allow_at"].as_u64(),
            "{}",
            case["name"]
        );
        assert_eq!(
            json["deniedBy"]["policyId"], want["denied_by"]["policy_id"],
            "{}",
            case["name"]
        );
        assert_eq!(json["explanation"], decision.explain());
        if decision.exempt.is_none() {
            assert_eq!(
                decision.levels.len(),
                case["levels"].as_array().unwrap().len()
            );
        }
    }
}

#[test]
fn levels_take_documents_lists_and_maps() {
    let allow =
        r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}"#;
    let deny = serde_json::json!({"Version": "2012-10-17", "Statement": [
        {"Sid": "NoS3", "Effect": "Deny", "Action": "s3:*", "Resource": "*"}]});
    let levels = serde_json::json!([
        allow,
        [allow, {"policy_id": "p-nos3", "document": deny}],
        {"target": "111111111111", "policies": [{"policyId": "p-full", "document": allow}]},
    ]);
    let read = policy::levels_from_input(&&levels, ScpRules::Current).unwrap();
    let targets: Vec<&str> = read.iter().map(|l| l.target.as_str()).collect();
    assert_eq!(targets, ["root", "OU 1", "111111111111"]);
    let ids: Vec<Vec<&str>> = read
        .iter()
        .map(|l| l.policies.iter().map(|p| p.policy_id.as_str()).collect())
        .collect();
    assert_eq!(ids, [vec!["#1"], vec!["#1", "p-nos3"], vec!["p-full"]]);
    let decision = policy::evaluate(&read, &Request::new("s3:GetObject", "*"));
    assert_eq!(decision.denied_by.unwrap().target, "OU 1");
    let explained = policy::evaluate(&read, &Request::new("ec2:RunInstances", "*")).explain();
    assert_eq!(explained.lines().count(), 4, "{explained}");
}

#[test]
fn host_values_of_the_wrong_kind_are_coded_errors() {
    use policy::ScpInputError;
    let code = |error: ScpInputError| match error {
        ScpInputError::Argument { code, .. } => code.to_owned(),
        ScpInputError::InvalidPolicies(issues) => issues[0].code.as_str().to_owned(),
    };
    let levels = serde_json::json!("not a list");
    assert_eq!(
        code(policy::levels_from_input(&&levels, ScpRules::Current).unwrap_err()),
        "INVALID_ARGUMENT"
    );
    let levels = serde_json::json!([42]);
    assert_eq!(
        code(policy::levels_from_input(&&levels, ScpRules::Current).unwrap_err()),
        "INVALID_ARGUMENT"
    );
    // Issues carry the document's place.
    let levels = serde_json::json!([{"target": "r-abcd", "policies": ["{}"]}]);
    match policy::levels_from_input(&&levels, ScpRules::Current).unwrap_err() {
        ScpInputError::InvalidPolicies(issues) => {
            assert_eq!(issues[0].path, "levels[0].policies[0].Version");
        }
        other => panic!("{other}"),
    }
    let context = serde_json::json!({"aws:RequestedRegion": {"nested": true}});
    let empty = serde_json::json!(null);
    for (action, principal, context) in [
        ("s3", "user", &empty),
        ("s3:GetObject", "robot", &empty),
        ("s3:GetObject", "user", &context),
    ] {
        assert_eq!(
            code(policy::request_from_input(action, "*", Some(&context), principal).unwrap_err()),
            "INVALID_ARGUMENT",
            "{action} {principal} {context}"
        );
    }
    let context = serde_json::json!({"aws:SecureTransport": false, "aws:MultiFactorAuthAge": 30,
        "aws:TagKeys": ["a", "b"], "aws:Absent": null});
    let request = policy::request_from_input("s3:GetObject", "*", Some(&&context), "role").unwrap();
    assert_eq!(request.context["aws:SecureTransport"], ["false"]);
    assert_eq!(request.context["aws:MultiFactorAuthAge"], ["30"]);
    assert_eq!(request.context["aws:TagKeys"], ["a", "b"]);
    assert!(!request.context.contains_key("aws:Absent"));
}

#[test]
fn a_document_given_as_a_map_is_checked_like_its_text() {
    let document = serde_json::json!({"Version": "2012-10-17", "Statement": [{"Effect": "Maybe",
        "Action": "s3:*", "Resource": "*"}]});
    let issues = policy::check_scp_input(&&document, ScpRules::Current).unwrap();
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0].path, "Statement[0].Effect");
    assert_eq!(issues[0].code, PolicyIssueCode::InvalidEffect);
    let mut deep = serde_json::json!("x");
    for _ in 0..100 {
        deep = serde_json::json!({ "a": deep });
    }
    let issues = policy::check_scp_input(&&deep, ScpRules::Current).unwrap();
    assert_eq!(issues[0].code, PolicyIssueCode::TooDeep);
    let number = serde_json::json!(5);
    assert!(policy::check_scp_input(&&number, ScpRules::Current).is_err());
}

#[test]
fn reading_levels_stops_at_the_issue_cap() {
    let levels = serde_json::Value::Array(vec![serde_json::json!("{}"); 10_000]);
    match policy::levels_from_input(&&levels, ScpRules::Current).unwrap_err() {
        policy::ScpInputError::InvalidPolicies(issues) => {
            assert_eq!(issues.len(), orgkit::validate::MAX_ISSUES + 1);
            assert_eq!(issues.last().unwrap().code, PolicyIssueCode::TooManyIssues);
        }
        other => panic!("{other}"),
    }
}
