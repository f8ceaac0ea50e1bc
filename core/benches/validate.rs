//! Criterion benchmarks of request validation.
//!
//! Run with `cargo bench -p orgkit --bench validate`; figures in BENCHMARKS.md.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use orgkit::validate::{find_operation, validate_operation};
use serde_json::json;

fn requests(c: &mut Criterion) {
    let mut group = c.benchmark_group("validate");
    let (service, create_account) = find_operation(orgkit::Edition::Original, "organizations", "CreateAccount").expect("op");
    let (_, invite) = find_operation(orgkit::Edition::Original, "organizations", "InviteAccountToOrganization").expect("op");
    let valid_create = json!({
        "Email": "finance-prod@example.com",
        "AccountName": "Finance production",
        "RoleName": "OrganizationAccountAccessRole",
        "IamUserAccessToBilling": "DENY",
    });
    let invalid_create = json!({
        "Email": "finance prod@example",
        "AccountName": "Café",
        "RoleName": "Admin Role",
        "IamUserAccessToBilling": "MAYBE",
    });
    let valid_invite = json!({
        "Target": {"Id": "123456789012", "Type": "ACCOUNT"},
        "Notes": "Welcome to the organization",
    });
    group.bench_function("CreateAccount, valid", |b| {
        b.iter(|| validate_operation(service, create_account, black_box(&valid_create)))
    });
    group.bench_function("CreateAccount, 4 issues", |b| {
        b.iter(|| validate_operation(service, create_account, black_box(&invalid_create)))
    });
    group.bench_function("InviteAccountToOrganization, valid", |b| {
        b.iter(|| validate_operation(service, invite, black_box(&valid_invite)))
    });
    group.bench_function("lookup + CreateAccount, valid", |b| {
        b.iter(|| {
            orgkit::validate::validate_request(orgkit::Edition::Original, 
                "organizations",
                "create_account",
                black_box(&valid_create),
            )
        })
    });
    group.finish();
}

criterion_group!(benches, requests);
criterion_main!(benches);
