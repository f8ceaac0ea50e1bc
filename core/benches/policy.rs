//! Criterion benchmarks of service control policies: checking a 5 KB SCP, evaluating one
//! request against a 5-level tree with 5 SCPs per level, and 10,000 actions against one account.
//!
//! Run with `cargo bench -p orgkit --bench policy`; figures in BENCHMARKS.md (the Python
//! comparison is `bindings-python/benchmarks/bench_scp.py`, with the same shapes of policies).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use orgkit::policy::{self, AttachedPolicy, Level, Request, ScpRules};

const SERVICES: &[&str] = &[
    "s3",
    "ec2",
    "iam",
    "lambda",
    "dynamodb",
    "sqs",
    "sns",
    "kms",
    "rds",
    "cloudtrail",
];
const VERBS: &[&str] = &[
    "Get", "Put", "List", "Describe", "Create", "Delete", "Update", "Tag", "Untag", "Run",
];
const NOUNS: &[&str] = &[
    "Object", "Bucket", "Instance", "User", "Role", "Function", "Table", "Queue", "Topic", "Key",
];

/// A Deny statement over three action prefixes of one service, on resources no request uses.
fn statement(index: usize) -> String {
    let service = SERVICES[index % SERVICES.len()];
    let actions: Vec<String> = (0..3)
        .map(|k| format!("\"{service}:{}*\"", VERBS[(index + k) % VERBS.len()]))
        .collect();
    format!(
        r#"{{"Sid":"S{index}","Effect":"Deny","Action":[{}],"Resource":["arn:aws:{service}:*:*:{}/restricted-{index}/*"]}}"#,
        actions.join(","),
        NOUNS[index % NOUNS.len()].to_lowercase()
    )
}

fn document(first: usize, count: usize) -> String {
    let statements: Vec<String> = (first..first + count).map(statement).collect();
    format!(
        r#"{{"Version":"2012-10-17","Statement":[{}]}}"#,
        statements.join(",\n ")
    )
}

/// The largest such document under 5,000 characters.
fn five_kb() -> String {
    let mut count = 1;
    while document(0, count + 1).len() <= 5000 {
        count += 1;
    }
    document(0, count)
}

const ALLOW_ALL: &str =
    r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}"#;

fn tree() -> Vec<Level> {
    (0..5)
        .map(|level| {
            let mut policies = vec![AttachedPolicy {
                policy_id: "p-FullAWSAccess".to_owned(),
                document: policy::parse_scp(ALLOW_ALL, ScpRules::Current).unwrap(),
            }];
            for p in 0..4 {
                policies.push(AttachedPolicy {
                    policy_id: format!("p-deny{level}{p}xxxx"),
                    document: policy::parse_scp(
                        document(level * 100 + p * 10, 4),
                        ScpRules::Current,
                    )
                    .unwrap(),
                });
            }
            Level {
                target: format!("level-{level}"),
                policies,
            }
        })
        .collect()
}

fn scps(c: &mut Criterion) {
    let mut group = c.benchmark_group("policy");
    let big = five_kb();
    assert!(policy::check_scp(&big, ScpRules::Current).is_empty());
    group.bench_function(format!("check a {}-character SCP", big.len()), |b| {
        b.iter(|| policy::check_scp(black_box(&big), ScpRules::Current))
    });
    let levels = tree();
    let request = Request::new("s3:GetObject", "arn:aws:s3:::bucket/team-7/report.csv");
    group.bench_function(
        "evaluate 1 action, 5 levels x 5 SCPs, with explanation",
        |b| b.iter(|| policy::evaluate(black_box(&levels), black_box(&request))),
    );
    group.bench_function("allows 1 action, 5 levels x 5 SCPs", |b| {
        b.iter(|| policy::allows(black_box(&levels), black_box(&request)))
    });
    let actions: Vec<String> = (0..100)
        .flat_map(|i| {
            SERVICES.iter().flat_map(move |s| {
                VERBS
                    .iter()
                    .zip(NOUNS)
                    .map(move |(v, n)| format!("{s}:{v}{n}{i}"))
            })
        })
        .take(10_000)
        .collect();
    group.bench_function("allows 10,000 actions, one account", |b| {
        b.iter(|| {
            let mut request = request.clone();
            let mut allowed = 0;
            for action in &actions {
                request.action.clone_from(action);
                allowed += usize::from(policy::allows(&levels, &request));
            }
            allowed
        })
    });
    group.finish();
}

criterion_group!(benches, scps);
criterion_main!(benches);
