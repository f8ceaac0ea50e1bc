//! Criterion benchmarks of request validation, per edition, and a table that sets the two
//! editions side by side on the same requests (the current edition must not be slower).
//!
//! Run with `cargo bench -p orgkit --bench validate`; figures in BENCHMARKS.md.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::Criterion;
use orgkit::validate::{find_operation, validate_operation};
use orgkit::Edition;
use serde_json::{json, Value};

/// The requests measured: (label, operation, request), each valid or invalid alike in both
/// editions so that both do the same work.
fn cases() -> Vec<(&'static str, &'static str, Value)> {
    vec![
        (
            "CreateAccount, valid",
            "CreateAccount",
            json!({
                "Email": "finance-prod@example.com",
                "AccountName": "Finance production",
                "RoleName": "OrganizationAccountAccessRole",
                "IamUserAccessToBilling": "DENY",
            }),
        ),
        (
            "CreateAccount, 4 issues",
            "CreateAccount",
            json!({
                "Email": "finance prod@example",
                "AccountName": "Café",
                "RoleName": "Admin Role",
                "IamUserAccessToBilling": "MAYBE",
            }),
        ),
        (
            "InviteAccountToOrganization, valid",
            "InviteAccountToOrganization",
            json!({
                "Target": {"Id": "123456789012", "Type": "ACCOUNT"},
                "Notes": "Welcome to the organization",
            }),
        ),
        (
            "AttachPolicy, valid",
            "AttachPolicy",
            json!({"PolicyId": "p-FullAWSAccess", "TargetId": "ou-abcd-12345678"}),
        ),
        (
            "ListAccountsForParent, valid",
            "ListAccountsForParent",
            json!({"ParentId": "r-abcd", "MaxResults": 20, "NextToken": "eyJvZmZzZXQiOjIwfQ"}),
        ),
    ]
}

fn requests(c: &mut Criterion) {
    let mut group = c.benchmark_group("validate");
    for edition in Edition::ALL {
        for (label, operation, request) in cases() {
            let (service, op) = find_operation(*edition, "organizations", operation).expect("op");
            group.bench_function(format!("{edition}/{label}"), |b| {
                b.iter(|| validate_operation(service, op, black_box(&request)))
            });
        }
        let request = cases().swap_remove(0).2;
        group.bench_function(format!("{edition}/lookup + CreateAccount, valid"), |b| {
            b.iter(|| {
                orgkit::validate::validate_request(
                    *edition,
                    "organizations",
                    "create_account",
                    black_box(&request),
                )
            })
        });
    }
    let (service, op) =
        find_operation(Edition::Current, "organizations", "TagResource").expect("op");
    let tags = json!({
        "ResourceId": "ou-abcd-12345678",
        "Tags": [{"Key": "CostCenter", "Value": "42"}, {"Key": "Owner", "Value": "Équipe données"}],
    });
    group.bench_function("current/TagResource, valid", |b| {
        b.iter(|| validate_operation(service, op, black_box(&tags)))
    });
    group.finish();
}

/// Mean time of one validation over a short wall-clock budget.
fn mean(edition: Edition, operation: &str, request: &Value) -> Duration {
    let (service, op) = find_operation(edition, "organizations", operation).expect("op");
    let budget = Duration::from_millis(60);
    let start = Instant::now();
    let mut runs = 0u32;
    while start.elapsed() < budget {
        for _ in 0..100 {
            black_box(validate_operation(service, op, black_box(request)));
        }
        runs += 100;
    }
    start.elapsed() / runs
}

/// The side-by-side table: the same requests under both editions, with the ratio. The two
/// editions are measured in alternating rounds and each keeps its best round, so that a
/// machine busy with something else in one moment does not favour either.
fn edition_table() {
    println!("\n| request | original | current | current / original |");
    println!("|---|---:|---:|---:|");
    for (label, operation, request) in cases() {
        let (mut original, mut current) = (Duration::MAX, Duration::MAX);
        for _ in 0..8 {
            original = original.min(mean(Edition::Original, operation, &request));
            current = current.min(mean(Edition::Current, operation, &request));
        }
        println!(
            "| {label} | {:.0} ns | {:.0} ns | {:.2}× |",
            original.as_nanos(),
            current.as_nanos(),
            current.as_secs_f64() / original.as_secs_f64()
        );
    }
}

fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    requests(&mut criterion);
    criterion.final_summary();
    edition_table();
}
