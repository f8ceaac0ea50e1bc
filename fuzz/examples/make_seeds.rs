//! Writes the seed corpora, `fuzz/corpus/<target>/seed-*`: `cargo run --example make_seeds`
//! (from `fuzz/`). Deterministic: running it again rewrites the same files.
//!
//! - ids_arns: IDs, names and ARNs of every form, valid and nearly valid.
//! - validate_request: requests from the shared request vectors, behind their operation's byte.
//! - snapshot_import: exports of emulators after scripted scenarios (and one bare state).
//! - scp_document: the documents of the shared SCP check vectors.
//! - emulator_ops: byte strings chosen from many random ones so that together they make the
//!   most operations succeed.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use orgkit::emulator::Emulator;
use orgkit_fuzz::validate_request::operations;
use serde_json::{json, Value};

const MASTER: &str = "111111111111";
const MEMBER: &str = "222222222222";
const SCP: &str = "SERVICE_CONTROL_POLICY";
const DOCUMENT: &str =
    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}"#;

fn dir(target: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(target);
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(&dir).unwrap().flatten() {
        if entry.file_name().to_string_lossy().starts_with("seed-") {
            std::fs::remove_file(entry.path()).unwrap();
        }
    }
    dir
}

fn write(dir: &Path, n: usize, bytes: &[u8]) {
    std::fs::write(dir.join(format!("seed-{n:02}")), bytes).unwrap();
}

fn ids_arns() {
    let dir = dir("ids_arns");
    let values = [
        "123456789012",
        "o-exampleorgid",
        "r-examplerootid111",
        "ou-examplerootid111-exampleouid111",
        "p-FullAWSAccess",
        "h-examplehandshakeid111",
        "car-examplecreateaccountrequestid111",
        "someone+tag@mail.example.com",
        "OrganizationAccountAccessRole",
        "+1 (555) 010-0100",
        "arn:aws:organizations::111111111111:organization/o-exampleorgid",
        "arn:aws-cn:organizations::111111111111:account/o-exampleorgid/222222222222",
        "arn:aws-us-gov:organizations::111111111111:root/o-exampleorgid/r-examplerootid111",
        "arn:aws:organizations::111111111111:ou/o-exampleorgid/ou-examplerootid111-exampleouid111",
        "arn:aws:organizations::111111111111:policy/o-exampleorgid/service_control_policy/p-examplepolicyid111",
        "arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess",
        "arn:aws:organizations::111111111111:handshake/o-exampleorgid/invite/h-examplehandshakeid111",
    ];
    for (n, value) in values.iter().enumerate() {
        write(&dir, n, value.as_bytes());
    }
}

fn validate_request() {
    let dir = dir("validate_request");
    let all = operations();
    let mut n = 0;
    for service in ["organizations", "account", "chime"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/vectors/requests")
            .join(format!("{service}.json"));
        let vectors: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
        // The first case of the first few operations, and the first invalid request.
        let mut operations_seen = BTreeSet::new();
        let mut invalid_seen = false;
        for case in vectors["cases"].as_array().unwrap() {
            let operation = case["operation"].as_str().unwrap();
            let invalid = case["issues"].as_array().is_some_and(|i| !i.is_empty());
            let new_operation = operations_seen.len() < 4 && operations_seen.insert(operation);
            let first_invalid = invalid && !invalid_seen;
            invalid_seen |= invalid;
            if !new_operation && !first_invalid {
                continue;
            }
            let index = all
                .iter()
                .position(|(e, s, op)| {
                    *e == orgkit::Edition::Original && s.name == service && op.name == operation
                })
                .unwrap();
            let mut bytes = vec![index as u8];
            bytes.extend(serde_json::to_vec(&case["params"]).unwrap());
            write(&dir, n, &bytes);
            n += 1;
        }
    }
}

fn ok(emulator: &Emulator, service: &str, caller: &str, operation: &str, input: Value) -> Value {
    emulator
        .call(service, operation, caller, &input)
        .unwrap_or_else(|err| panic!("{operation}: {err}"))
}

fn snapshot_import() {
    let dir = dir("snapshot_import");
    let mut snapshots = vec![Emulator::new(0).export()];

    // An organization with nested OUs, a member, a policy attached and detached.
    let e = Emulator::new(1);
    ok(
        &e,
        "organizations",
        MASTER,
        "CreateOrganization",
        json!({"FeatureSet": "ALL"}),
    );
    let root = ok(&e, "organizations", MASTER, "ListRoots", json!({}))["Roots"][0]["Id"].clone();
    let ou = ok(
        &e,
        "organizations",
        MASTER,
        "CreateOrganizationalUnit",
        json!({"ParentId": root, "Name": "Prod"}),
    )["OrganizationalUnit"]["Id"]
        .clone();
    ok(
        &e,
        "organizations",
        MASTER,
        "CreateOrganizationalUnit",
        json!({"ParentId": ou, "Name": "Web"}),
    );
    let invite = ok(
        &e,
        "organizations",
        MASTER,
        "InviteAccountToOrganization",
        json!({"Target": {"Id": MEMBER, "Type": "ACCOUNT"}}),
    )["Handshake"]["Id"]
        .clone();
    ok(
        &e,
        "organizations",
        MEMBER,
        "AcceptHandshake",
        json!({"HandshakeId": invite}),
    );
    ok(
        &e,
        "organizations",
        MASTER,
        "MoveAccount",
        json!({"AccountId": MEMBER, "SourceParentId": root, "DestinationParentId": ou}),
    );
    let policy = ok(
        &e,
        "organizations",
        MASTER,
        "CreatePolicy",
        json!({"Content": DOCUMENT, "Description": "no S3", "Name": "NoS3", "Type": SCP}),
    )["Policy"]["PolicySummary"]["Id"]
        .clone();
    ok(
        &e,
        "organizations",
        MASTER,
        "AttachPolicy",
        json!({"PolicyId": policy, "TargetId": ou}),
    );
    snapshots.push(e.export());

    // Accounts being created and created, an open invitation by email, a declined one.
    let e = Emulator::new(2);
    ok(
        &e,
        "organizations",
        MASTER,
        "CreateOrganization",
        json!({"FeatureSet": "CONSOLIDATED_BILLING"}),
    );
    ok(
        &e,
        "organizations",
        MASTER,
        "CreateAccount",
        json!({"Email": "a@example.com", "AccountName": "A"}),
    );
    e.advance(600.0).unwrap();
    ok(
        &e,
        "organizations",
        MASTER,
        "CreateAccount",
        json!({"Email": "b@example.com", "AccountName": "B"}),
    );
    ok(
        &e,
        "organizations",
        MASTER,
        "InviteAccountToOrganization",
        json!({"Target": {"Id": "someone@example.com", "Type": "EMAIL"}, "Notes": "join us"}),
    );
    let declined = ok(
        &e,
        "organizations",
        MASTER,
        "InviteAccountToOrganization",
        json!({"Target": {"Id": "333333333333", "Type": "ACCOUNT"}}),
    )["Handshake"]["Id"]
        .clone();
    ok(
        &e,
        "organizations",
        "333333333333",
        "DeclineHandshake",
        json!({"HandshakeId": declined}),
    );
    snapshots.push(e.export());

    // Alternate contacts and Chime accounts, after the clock has moved a month.
    let e = Emulator::new(3);
    ok(
        &e,
        "account",
        MASTER,
        "PutAlternateContact",
        json!({"AlternateContactType": "SECURITY",
        "EmailAddress": "sec@example.com", "Name": "Sec", "PhoneNumber": "+1 555 0100", "Title": "CISO"}),
    );
    let chime = ok(
        &e,
        "chime",
        MASTER,
        "CreateAccount",
        json!({"Name": "Team"}),
    )["Account"]["AccountId"]
        .clone();
    ok(
        &e,
        "chime",
        MASTER,
        "UpdateAccount",
        json!({"AccountId": chime, "Name": "Team 2"}),
    );
    e.add_chime_user(chime.as_str().unwrap(), "user@example.com")
        .unwrap();
    e.advance(30.0 * 86_400.0).unwrap();
    snapshots.push(e.export());

    let mut n = 0;
    for snapshot in &snapshots {
        write(&dir, n, &serde_json::to_vec(snapshot).unwrap());
        n += 1;
    }
    // The organization again as a bare state (the target wraps it), with operation bytes after.
    let mut bytes = serde_json::to_vec(&snapshots[1]["state"]).unwrap();
    bytes.extend(b"\x00\x01\x02\x03\x10\x20\x30\x40");
    write(&dir, n, &bytes);
}

fn emulator_ops() {
    let dir = dir("emulator_ops");
    let mut rng = 0x5eed_u64;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let candidates: Vec<(Vec<u8>, BTreeSet<&'static str>)> = (0..1500)
        .map(|_| {
            let bytes: Vec<u8> = (0..400).map(|_| next() as u8).collect();
            let driver = orgkit_fuzz::emulator_ops::drive(&bytes);
            (bytes, driver.succeeded)
        })
        .collect();
    // Greedy cover of the operations that succeed.
    let mut covered = BTreeSet::new();
    for n in 0..6 {
        let best = candidates
            .iter()
            .max_by_key(|(_, ops)| ops.difference(&covered).count())
            .unwrap();
        covered.extend(best.1.iter().copied());
        write(&dir, n, &best.0);
    }
    eprintln!(
        "emulator_ops seeds: {} operations succeed: {covered:?}",
        covered.len()
    );
}

/// Every document of the shared SCP check vectors (valid and not), bytes as given.
fn scp_document() {
    let dir = dir("scp_document");
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/scp_check.json");
    let vectors: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let mut seen = BTreeSet::new();
    for case in vectors["cases"].as_array().unwrap() {
        let Some(document) = case["document"].as_str() else {
            continue;
        };
        if document.len() <= 8192 && seen.insert(document.to_owned()) {
            write(&dir, seen.len() - 1, document.as_bytes());
        }
    }
}

fn main() {
    scp_document();
    ids_arns();
    validate_request();
    snapshot_import();
    emulator_ops();
}
