//! Criterion benchmarks of the ID predicates and the ARN parser.
//!
//! Run with `cargo bench -p orgkit --bench ids`; the figures and the comparison with the
//! `regex` crate on the same rules are recorded in BENCHMARKS.md.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use orgkit::{ids, Arn};

const OU_ARN: &str =
    "arn:aws:organizations::111111111111:ou/o-exampleorgid/ou-examplerootid111-exampleouid111";
const CUSTOMER_POLICY_ARN: &str = "arn:aws:organizations::111111111111:policy/o-exampleorgid/service_control_policy/p-examplepolicyid111";
const MANAGED_ARN: &str =
    "arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess";

fn predicates(c: &mut Criterion) {
    let mut group = c.benchmark_group("predicate");
    group.bench_function("orgkit is_account_id", |b| {
        b.iter(|| ids::is_account_id(black_box("123456789012")))
    });
    let account = regex::Regex::new("^[0-9]{12}$").expect("pattern");
    group.bench_function("regex account id", |b| {
        b.iter(|| account.is_match(black_box("123456789012")))
    });
    group.bench_function("orgkit is_organizational_unit_id", |b| {
        b.iter(|| ids::is_organizational_unit_id(black_box("ou-examplerootid111-exampleouid111")))
    });
    let ou = regex::Regex::new("^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$").expect("pattern");
    group.bench_function("regex organizational unit id", |b| {
        b.iter(|| ou.is_match(black_box("ou-examplerootid111-exampleouid111")))
    });
    group.bench_function("orgkit is_policy_target_id", |b| {
        b.iter(|| ids::is_policy_target_id(black_box("r-examplerootid111")))
    });
    group.bench_function("orgkit is_email", |b| {
        b.iter(|| ids::is_email(black_box("someone+orgs@example.com")))
    });
    group.finish();
}

fn arns(c: &mut Criterion) {
    let mut group = c.benchmark_group("arn");
    group.bench_function("orgkit is_arn (ou)", |b| {
        b.iter(|| orgkit::arn::is_arn(black_box(OU_ARN)))
    });
    group.bench_function("orgkit is_arn (aws-managed policy)", |b| {
        b.iter(|| orgkit::arn::is_arn(black_box(MANAGED_ARN)))
    });
    group.bench_function("orgkit is_arn (customer policy)", |b| {
        b.iter(|| orgkit::arn::is_arn(black_box(CUSTOMER_POLICY_ARN)))
    });
    group.bench_function("orgkit Arn::parse (ou)", |b| {
        b.iter(|| Arn::parse(black_box(OU_ARN)))
    });
    group.bench_function("orgkit Arn::parse (aws-managed policy)", |b| {
        b.iter(|| Arn::parse(black_box(MANAGED_ARN)))
    });
    let ou_arn = regex::Regex::new(
        r"^arn:(?:aws|aws-cn|aws-us-gov):organizations::[0-9]{12}:ou/o-[a-z0-9]{10,32}/ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}$",
    )
    .expect("pattern");
    group.bench_function("regex ou arn (match only)", |b| {
        b.iter(|| ou_arn.is_match(black_box(OU_ARN)))
    });
    group.finish();
}

criterion_group!(benches, predicates, arns);
criterion_main!(benches);
