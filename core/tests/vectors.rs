//! Runs the shared vectors (`tests/vectors/ids.json`, `arns.json`) against the hand-written
//! matchers, and holds every matcher against an oracle: the `regex` crate compiled from the
//! pattern in the vendored service model, applied to the whole value with ASCII classes
//! (DESIGN rules 1, 2 and 8). A proptest does the same on random strings.

use std::collections::BTreeMap;
use std::path::PathBuf;

use orgkit::{Arn, ValueKind};
use proptest::prelude::*;
use regex::Regex;
use serde_json::Value;

mod common;
use common::oracle_regex;

fn repo_file(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(relative)
}

fn load_json(relative: &str) -> Value {
    let text = std::fs::read_to_string(repo_file(relative)).expect("vector file");
    serde_json::from_str(&text).expect("vector JSON")
}

/// The oracle for one kind: a full-match regex from the model plus the model's length bounds.
struct Oracle {
    regexes: Vec<Regex>,
    length: Option<(usize, usize)>,
}

impl Oracle {
    fn accepts(&self, value: &str) -> bool {
        let length_ok = self.length.is_none_or(|(min, max)| {
            let n = value.chars().count();
            (min..=max).contains(&n)
        });
        length_ok && self.regexes.iter().any(|re| re.is_match(value))
    }
}

fn shape<'a>(model: &'a Value, name: &str) -> &'a Value {
    &model["shapes"][name]
}

fn length_of(shape: &Value) -> Option<(usize, usize)> {
    let min = shape.get("min").and_then(Value::as_u64);
    let max = shape.get("max").and_then(Value::as_u64);
    (min.is_some() || max.is_some()).then(|| {
        (
            min.unwrap_or(0) as usize,
            max.map_or(usize::MAX, |m| m as usize),
        )
    })
}

fn oracles() -> BTreeMap<&'static str, Oracle> {
    let model = load_json("core/models/organizations-2016-11-28.2017-02.json");
    let latest = load_json("core/models/organizations-2016-11-28.latest.json");
    let mut out = BTreeMap::new();
    // IDs, email and role name: the pattern of the shape of the same name.
    for kind in [
        "ChildId",
        "ParentId",
        "PolicyTargetId",
        "AccountId",
        "OrganizationId",
        "RootId",
        "OrganizationalUnitId",
        "PolicyId",
        "HandshakeId",
        "CreateAccountRequestId",
        "RoleName",
    ] {
        let s = shape(&model, kind);
        let pattern = s["pattern"].as_str().expect("pattern");
        out.insert(
            kind,
            Oracle {
                regexes: vec![oracle_regex(pattern)],
                length: length_of(s),
            },
        );
    }
    // The current edition's kinds, and Email (whose edition-less rule is the current one): the
    // latest model's pattern and lengths.
    for kind in [
        "Email",
        "ResourcePolicyId",
        "ResponsibilityTransferId",
        "TaggableResourceId",
        "TagKey",
        "TagValue",
        "ServicePrincipal",
    ] {
        let s = shape(&latest, kind);
        let pattern = s["pattern"].as_str().expect("pattern");
        out.insert(
            kind,
            Oracle {
                regexes: vec![oracle_regex(pattern)],
                length: length_of(s),
            },
        );
    }
    // Names (rule 4): the later model's printable-ASCII pattern, the seed model's lengths.
    let printable = shape(&latest, "CreateAccountName")["pattern"]
        .as_str()
        .expect("pattern");
    for kind in ["AccountName", "OrganizationalUnitName", "PolicyName"] {
        out.insert(
            kind,
            Oracle {
                regexes: vec![oracle_regex(printable)],
                length: length_of(shape(&model, kind)),
            },
        );
    }
    // ARNs (rule 8): every ARN shape, in the three partitions.
    let arns = [
        "OrganizationArn",
        "AccountArn",
        "RootArn",
        "OrganizationalUnitArn",
        "PolicyArn",
        "HandshakeArn",
    ]
    .iter()
    .map(|name| oracle_regex(shape(&model, name)["pattern"].as_str().expect("pattern")))
    .collect();
    out.insert(
        "Arn",
        Oracle {
            regexes: arns,
            length: None,
        },
    );
    out
}

fn kind(name: &str) -> ValueKind {
    ValueKind::from_name(name).unwrap_or_else(|| panic!("unknown kind {name}"))
}

fn check_case_in(edition: orgkit::Edition, kind: ValueKind, case: &Value, oracle: &Oracle) {
    let value = case["value"].as_str().expect("value");
    let valid = case["valid"].as_bool().expect("valid");
    assert_eq!(
        kind.is_valid_in(edition, value),
        valid,
        "{edition} {kind} {value:?}"
    );
    assert_eq!(
        oracle.accepts(value),
        valid,
        "oracle disagrees on {kind} {value:?}"
    );
    match kind.check_in(edition, value) {
        Ok(()) => assert!(valid, "{kind} {value:?} accepted by check"),
        Err(err) => {
            assert!(!valid, "{kind} {value:?} rejected: {err}");
            let expected = case["issues"].as_array().expect("issues");
            let got: Vec<(String, String, Option<usize>)> = err
                .rules()
                .iter()
                .zip(err.codes())
                .map(|(rule, code)| {
                    (
                        code.as_str().to_owned(),
                        rule.name().to_owned(),
                        rule.position(),
                    )
                })
                .collect();
            assert_eq!(got.len(), expected.len(), "{kind} {value:?}: {got:?}");
            let issues = err.issues_at("");
            for (((code, rule, position), want), issue) in got.iter().zip(expected).zip(&issues) {
                assert_eq!(code, want["code"].as_str().unwrap(), "{kind} {value:?}");
                assert_eq!(rule, want["rule"].as_str().unwrap(), "{kind} {value:?}");
                if let Some(want_position) = want.get("position") {
                    assert_eq!(
                        *position,
                        Some(want_position.as_u64().unwrap() as usize),
                        "{kind} {value:?}"
                    );
                    let message = &issue.message;
                    assert!(
                        message.contains(&format!("position {}", want_position)),
                        "{message}"
                    );
                }
            }
        }
    }
}

#[test]
fn id_vectors_agree_with_matchers_and_oracle() {
    let oracles = oracles();
    let vectors = load_json("tests/vectors/ids.json");
    let cases = vectors["cases"].as_array().unwrap();
    assert!(cases.len() >= 300);
    let seed = load_json("core/models/organizations-2016-11-28.2017-02.json");
    let original_email = Oracle {
        regexes: vec![oracle_regex(
            shape(&seed, "Email")["pattern"].as_str().unwrap(),
        )],
        length: length_of(shape(&seed, "Email")),
    };
    for case in cases {
        let name = case["kind"].as_str().unwrap();
        let kind = kind(name);
        // A case names its edition when it holds in one only; otherwise it holds in both.
        let editions: Vec<orgkit::Edition> = match case.get("edition").and_then(Value::as_str) {
            Some(edition) => vec![edition.parse().unwrap()],
            None => orgkit::Edition::ALL.to_vec(),
        };
        for edition in editions {
            assert!(
                kind.is_in(edition),
                "{name} is not a kind of the {edition} edition"
            );
            let oracle = match (kind, edition) {
                (ValueKind::Email, orgkit::Edition::Original) => &original_email,
                _ => &oracles[name],
            };
            check_case_in(edition, kind, case, oracle);
        }
        if !kind.is_in(orgkit::Edition::Original) {
            let value = case["value"].as_str().unwrap();
            assert!(!kind.is_valid_in(orgkit::Edition::Original, value));
            assert!(kind.check_in(orgkit::Edition::Original, value).is_err());
        }
    }
}

#[test]
fn only_the_kinds_that_say_so_have_edition_rules() {
    // Every vector value, every kind: where `rule_differs_by_edition` is false, every edition that
    // has the kind answers as `is_valid` (the Node fast path relies on it for its batches).
    let mut values: Vec<String> = Vec::new();
    for file in ["tests/vectors/ids.json", "tests/vectors/arns.json"] {
        for case in load_json(file)["cases"].as_array().unwrap() {
            if let Some(value) = case["value"].as_str() {
                values.push(value.to_owned());
            }
        }
    }
    let mut differs = std::collections::BTreeSet::new();
    for &kind in ValueKind::ALL {
        for &edition in orgkit::Edition::ALL {
            if !kind.is_in(edition) {
                continue;
            }
            for value in &values {
                if kind.is_valid_in(edition, value) != kind.is_valid(value) {
                    assert!(
                        kind.rule_differs_by_edition(),
                        "{kind:?} differs in {edition} on {value:?}"
                    );
                    differs.insert(kind.name());
                }
            }
        }
    }
    // And the two that say so do differ on some vector.
    assert_eq!(differs.into_iter().collect::<Vec<_>>(), ["Arn", "Email"]);
}

#[test]
fn arn_vectors_agree_with_parser_and_oracle() {
    let oracles = oracles();
    let vectors = load_json("tests/vectors/arns.json");
    // The current edition adds two forms; typed ARNs keep to the three partitions (rule 8).
    let latest = load_json("core/models/organizations-2016-11-28.latest.json");
    let mut current = Oracle {
        regexes: oracles["Arn"].regexes.clone(),
        length: None,
    };
    for name in ["ResourcePolicyArn", "ResponsibilityTransferArn"] {
        let pattern = shape(&latest, name)["pattern"].as_str().unwrap().replace(
            "arn:[a-z0-9][a-z0-9-.]{0,62}:",
            "arn:(aws|aws-cn|aws-us-gov):",
        );
        current.regexes.push(oracle_regex(&pattern));
    }
    for case in vectors["cases"].as_array().unwrap() {
        let editions: Vec<orgkit::Edition> = match case.get("edition").and_then(Value::as_str) {
            Some(edition) => vec![edition.parse().unwrap()],
            None => orgkit::Edition::ALL.to_vec(),
        };
        for edition in editions {
            let oracle = match edition {
                orgkit::Edition::Original => &oracles["Arn"],
                _ => &current,
            };
            check_case_in(edition, ValueKind::Arn, case, oracle);
        }
        if !case["valid"].as_bool().unwrap() {
            continue;
        }
        if case.get("edition").is_some() {
            let text = case["value"].as_str().unwrap();
            assert!(
                !ValueKind::Arn.is_valid_in(orgkit::Edition::Original, text),
                "{text}"
            );
            assert!(ValueKind::Arn
                .check_in(orgkit::Edition::Original, text)
                .is_err());
        }
        let text = case["value"].as_str().unwrap();
        let arn = Arn::parse(text).unwrap();
        assert_eq!(arn.to_string(), text, "format(parse(s)) == s");
        assert_eq!(arn.partition().as_str(), case["partition"]);
        assert_eq!(arn.account_field(), case["account"]);
        assert_eq!(arn.resource_type().as_str(), case["resource_type"]);
        let ids = case["ids"].as_object().unwrap();
        let actual: [(&str, Option<&str>); 12] = [
            (
                "organization_id",
                arn.organization_id().map(|id| id.as_str()),
            ),
            ("account_id", arn.account_id().map(|id| id.as_str())),
            ("root_id", arn.root_id().map(|id| id.as_str())),
            (
                "organizational_unit_id",
                arn.organizational_unit_id().map(|id| id.as_str()),
            ),
            ("policy_id", arn.policy_id().map(|id| id.as_str())),
            ("policy_type", arn.policy_type()),
            ("handshake_id", arn.handshake_id().map(|id| id.as_str())),
            ("handshake_type", arn.handshake_type()),
            (
                "resource_policy_id",
                arn.resource_policy_id().map(|id| id.as_str()),
            ),
            (
                "responsibility_transfer_id",
                arn.responsibility_transfer_id().map(|id| id.as_str()),
            ),
            ("transfer_type", arn.transfer_type()),
            ("transfer_direction", arn.transfer_direction()),
        ];
        for (field, got) in actual {
            assert_eq!(
                got,
                ids.get(field).and_then(Value::as_str),
                "{field} of {text}"
            );
        }
        let json = serde_json::to_string(&arn).unwrap();
        assert_eq!(serde_json::from_str::<Arn>(&json).unwrap(), arn);
    }
}

#[test]
fn every_kind_has_vectors() {
    let vectors = load_json("tests/vectors/ids.json");
    for kind in ValueKind::ALL.iter().filter(|k| **k != ValueKind::Arn) {
        let cases = vectors["cases"].as_array().unwrap();
        let of_kind = cases.iter().filter(|c| c["kind"] == kind.name());
        let (valid, invalid): (Vec<_>, Vec<_>) = of_kind.partition(|c| c["valid"] == true);
        assert!(!valid.is_empty() && !invalid.is_empty(), "{kind}");
    }
}

fn any_kind() -> impl Strategy<Value = ValueKind> {
    proptest::sample::select(ValueKind::ALL.to_vec())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn matchers_agree_with_oracle_on_near_misses(
        kind in any_kind(),
        value in "(ou-|r-|o-|p-|h-|car-|[0-9]{10,13}|)[0-9a-zA-Z_\\-]{0,40}( |\u{661}|@|\\.|)[a-z0-9\\-]{0,12}",
    ) {
        let oracles = oracles_cached();
        prop_assert_eq!(kind.is_valid(&value), oracles[kind.name()].accepts(&value), "{} {:?}", kind, value);
        // A rejected value always gets at least one reason, and never a panic.
        if let Err(err) = kind.check(&value) {
            prop_assert!(!err.rules().is_empty());
        }
    }

    #[test]
    fn emails_agree_with_oracle(value in "[a-zA-Z0-9_+=,.\\- @#\u{e9}]{0,20}(@[a-z0-9.\\-_ ]{0,20})?") {
        let oracles = oracles_cached();
        prop_assert_eq!(ValueKind::Email.is_valid(&value), oracles["Email"].accepts(&value), "{:?}", value);
        let seed = load_json("core/models/organizations-2016-11-28.2017-02.json");
        let original = Oracle {
            regexes: vec![oracle_regex(shape(&seed, "Email")["pattern"].as_str().unwrap())],
            length: length_of(shape(&seed, "Email")),
        };
        prop_assert_eq!(
            ValueKind::Email.is_valid_in(orgkit::Edition::Original, &value),
            original.accepts(&value),
            "{:?}",
            value
        );
    }

    #[test]
    fn arns_agree_with_oracle(
        value in "arn:(aws|aws-cn|aws-us-gov|aws-iso):organizations:(|x):([0-9]{11,13}|aws):(organization|account|root|ou|policy|handshake)/(o-[a-z0-9]{8,12}/)?([a-z_]{0,8}/)?(r-|ou-|p-|h-|)[a-zA-Z0-9_\\-]{0,20}",
    ) {
        let oracles = oracles_cached();
        let accepted = orgkit::arn::is_arn(&value);
        prop_assert_eq!(accepted, oracles["Arn"].accepts(&value), "{:?}", value);
        if accepted {
            prop_assert_eq!(Arn::parse(&value).unwrap().to_string(), value);
        }
    }

    #[test]
    fn current_email_agrees_with_the_latest_model(value in "[a-z@. \t\u{e9}\u{a0}]{0,12}") {
        let latest = load_json("core/models/organizations-2016-11-28.latest.json");
        let email = shape(&latest, "Email");
        let oracle = Oracle {
            regexes: vec![oracle_regex(email["pattern"].as_str().expect("pattern"))],
            length: length_of(email),
        };
        let edition = orgkit::Edition::Current;
        prop_assert_eq!(ValueKind::Email.is_valid_in(edition, &value), oracle.accepts(&value), "{:?}", value);
        prop_assert_eq!(ValueKind::Email.check_in(edition, &value).is_ok(), oracle.accepts(&value), "{:?}", value);
    }

    #[test]
    fn arbitrary_text_never_panics(kind in any_kind(), value in "\\PC{0,64}") {
        let oracles = oracles_cached();
        prop_assert_eq!(kind.is_valid(&value), oracles[kind.name()].accepts(&value), "{} {:?}", kind, value);
        let _ = kind.check(&value);
    }
}

fn oracles_cached() -> &'static BTreeMap<&'static str, Oracle> {
    static ORACLES: std::sync::OnceLock<BTreeMap<&'static str, Oracle>> =
        std::sync::OnceLock::new();
    ORACLES.get_or_init(oracles)
}

#[test]
fn tag_characters_agree_with_the_unicode_categories_on_every_character() {
    // The generated table against the regex crate's own Unicode data, one character at a time.
    let latest = load_json("core/models/organizations-2016-11-28.latest.json");
    let oracle = oracle_regex(shape(&latest, "TagKey")["pattern"].as_str().unwrap());
    let mut text = String::new();
    for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
        text.clear();
        text.push(c);
        assert_eq!(
            ValueKind::TagKey.is_valid(&text),
            oracle.is_match(&text),
            "U+{:04X}",
            c as u32
        );
    }
}
