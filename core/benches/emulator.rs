//! The emulator scenario of BENCHMARKS.md, timed by criterion: an organization with 2,000
//! created accounts, an OU tree of 4 + 16 + 80 OUs, every account moved into an OU, 50 SCPs
//! attached to 2 OUs each, every account listed with paging, ListChildren for every OU and both
//! child types, ListPoliciesForTarget for every account, and 200 invitations accepted.
//!
//! Run with `cargo bench -p orgkit --bench emulator`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use orgkit::emulator::{Emulator, Output};
use serde_json::{json, Value};

const MASTER: &str = "111111111111";
const SCP: &str = "SERVICE_CONTROL_POLICY";

/// One call through the fast Rust path: the response as an [`Output`], not converted to JSON.
fn call(emulator: &Emulator, caller: &str, operation: &str, input: Value) -> Output {
    emulator
        .call_output("organizations", operation, caller, &&input)
        .unwrap_or_else(|err| panic!("{operation}: {err}"))
}

fn id(value: &Output, pointer: &str) -> String {
    value
        .pointer(pointer)
        .and_then(Output::as_str)
        .expect(pointer)
        .to_owned()
}

/// Pages through a List operation; returns how many items it saw.
fn list_all(emulator: &Emulator, operation: &str, input: Value, key: &str) -> usize {
    let mut count = 0;
    let mut request = input;
    loop {
        let page = call(emulator, MASTER, operation, request.clone());
        if let Some(Output::List(items)) = page.get(key) {
            count += items.len();
        }
        match page.get("NextToken").and_then(Output::as_str) {
            Some(token) => request["NextToken"] = json!(token),
            None => return count,
        }
    }
}

/// The whole scenario on a fresh emulator; returns the number of accounts listed at the end.
pub fn scenario() -> usize {
    let e = Emulator::new(1);
    call(
        &e,
        MASTER,
        "CreateOrganization",
        json!({"FeatureSet": "ALL"}),
    );
    let root = id(&call(&e, MASTER, "ListRoots", json!({})), "/Roots/0/Id");
    for n in 0..2000 {
        call(
            &e,
            MASTER,
            "CreateAccount",
            json!({"Email": format!("account{n}@example.com"), "AccountName": format!("Account {n}")}),
        );
    }
    e.advance(60.0).unwrap();
    let mut level1 = Vec::new();
    for a in 0..4 {
        level1.push(id(
            &call(
                &e,
                MASTER,
                "CreateOrganizationalUnit",
                json!({"ParentId": root, "Name": format!("L1-{a}")}),
            ),
            "/OrganizationalUnit/Id",
        ));
    }
    let mut level2 = Vec::new();
    for (a, parent) in level1.iter().enumerate() {
        for b in 0..4 {
            level2.push(id(
                &call(
                    &e,
                    MASTER,
                    "CreateOrganizationalUnit",
                    json!({"ParentId": parent, "Name": format!("L2-{a}-{b}")}),
                ),
                "/OrganizationalUnit/Id",
            ));
        }
    }
    let mut level3 = Vec::new();
    for (b, parent) in level2.iter().enumerate() {
        for c in 0..5 {
            level3.push(id(
                &call(
                    &e,
                    MASTER,
                    "CreateOrganizationalUnit",
                    json!({"ParentId": parent, "Name": format!("L3-{b}-{c}")}),
                ),
                "/OrganizationalUnit/Id",
            ));
        }
    }
    let all_ous: Vec<String> = level1
        .iter()
        .chain(&level2)
        .chain(&level3)
        .cloned()
        .collect();
    let mut accounts = Vec::new();
    let mut request = json!({"ParentId": root});
    loop {
        let page = call(&e, MASTER, "ListAccountsForParent", request.clone());
        if let Some(Output::List(items)) = page.get("Accounts") {
            accounts.extend(items.iter().map(|a| id(a, "/Id")));
        }
        match page.get("NextToken").and_then(Output::as_str) {
            Some(token) => request["NextToken"] = json!(token),
            None => break,
        }
    }
    for (n, account) in accounts.iter().filter(|a| *a != MASTER).enumerate() {
        call(
            &e,
            MASTER,
            "MoveAccount",
            json!({"AccountId": account, "SourceParentId": root, "DestinationParentId": level3[n % level3.len()]}),
        );
    }
    let document = r#"{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}}"#;
    for n in 0..50 {
        let policy = id(
            &call(
                &e,
                MASTER,
                "CreatePolicy",
                json!({"Content": document, "Description": "bench", "Name": format!("Policy {n}"), "Type": SCP}),
            ),
            "/Policy/PolicySummary/Id",
        );
        for k in 0..2 {
            call(
                &e,
                MASTER,
                "AttachPolicy",
                json!({"PolicyId": policy, "TargetId": all_ous[(n * 2 + k) % all_ous.len()]}),
            );
        }
    }
    let listed = list_all(&e, "ListAccounts", json!({}), "Accounts");
    for ou in &all_ous {
        for child_type in ["ACCOUNT", "ORGANIZATIONAL_UNIT"] {
            list_all(
                &e,
                "ListChildren",
                json!({"ParentId": ou, "ChildType": child_type}),
                "Children",
            );
        }
    }
    for account in &accounts {
        list_all(
            &e,
            "ListPoliciesForTarget",
            json!({"TargetId": account, "Filter": SCP}),
            "Policies",
        );
    }
    for n in 0..200 {
        let invitee = format!("{:012}", 900_000_000_000u64 + n);
        let handshake = id(
            &call(
                &e,
                MASTER,
                "InviteAccountToOrganization",
                json!({"Target": {"Id": invitee, "Type": "ACCOUNT"}}),
            ),
            "/Handshake/Id",
        );
        call(
            &e,
            &invitee,
            "AcceptHandshake",
            json!({"HandshakeId": handshake}),
        );
    }
    listed
}

fn bench(c: &mut Criterion) {
    assert_eq!(scenario(), 2001);
    let mut group = c.benchmark_group("emulator");
    group.sample_size(20);
    group.bench_function(
        "scenario (2,000 accounts, 100 OUs, 50 SCPs, 200 invitations)",
        |b| b.iter(|| black_box(scenario())),
    );
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
