//! ids_arns: for every value kind, the fast predicate, the diagnosing check, the typed parser,
//! serde and the free `is_*` function agree, and agree with the model pattern as a regex; every
//! pattern matcher behind request validation agrees with its model pattern; a parsed ARN
//! prints back exactly its text, parses again to the same value, and rebuilds from its parts.

use orgkit::arn::{Arn, ArnResource};
use orgkit::error::ErrorCode;
use orgkit::ids::{self, ParseError, ValueKind};
use orgkit::model::PatternMatcher;
use orgkit::validate::pattern_failure;
use orgkit::{
    AccountId, AccountName, ChildId, CreateAccountRequestId, Email, HandshakeId, OrganizationId,
    OrganizationalUnitId, OrganizationalUnitName, ParentId, PolicyId, PolicyName, PolicyTargetId,
    RoleName, RootId,
};

use crate::oracle::{kind_oracles, pattern_oracles};

/// What the typed parser of a kind made of a value: its text, kind and display form.
type Typed = Result<(String, ValueKind, String), ParseError>;

macro_rules! typed {
    ($type:ty, $s:expr) => {{
        let parsed = <$type>::parse($s);
        // serde takes the same decision as `parse`.
        let via_serde = serde_json::from_value::<$type>(serde_json::Value::String($s.to_owned()));
        assert_eq!(
            parsed.is_ok(),
            via_serde.is_ok(),
            "{} serde on {:?}",
            stringify!($type),
            $s
        );
        if let (Ok(a), Ok(b)) = (&parsed, &via_serde) {
            assert_eq!(a, b);
            assert_eq!(
                serde_json::to_value(a).unwrap(),
                serde_json::Value::String($s.to_owned())
            );
        }
        Some(parsed.map(|v| (v.as_str().to_owned(), v.kind(), v.to_string())))
    }};
}

/// The typed parser of `kind`, where the crate has one.
fn typed(kind: ValueKind, s: &str) -> Option<Typed> {
    match kind {
        ValueKind::AccountId => typed!(AccountId, s),
        ValueKind::OrganizationId => typed!(OrganizationId, s),
        ValueKind::RootId => typed!(RootId, s),
        ValueKind::OrganizationalUnitId => typed!(OrganizationalUnitId, s),
        ValueKind::PolicyId => typed!(PolicyId, s),
        ValueKind::HandshakeId => typed!(HandshakeId, s),
        ValueKind::CreateAccountRequestId => typed!(CreateAccountRequestId, s),
        ValueKind::ChildId => typed!(ChildId, s),
        ValueKind::ParentId => typed!(ParentId, s),
        ValueKind::PolicyTargetId => typed!(PolicyTargetId, s),
        ValueKind::Email => typed!(Email, s),
        ValueKind::RoleName => typed!(RoleName, s),
        ValueKind::AccountName => typed!(AccountName, s),
        ValueKind::OrganizationalUnitName => typed!(OrganizationalUnitName, s),
        ValueKind::PolicyName => typed!(PolicyName, s),
        ValueKind::Arn => Some(Arn::parse(s).map(|arn| (arn.to_string(), kind, arn.to_string()))),
        _ => None,
    }
}

/// The free predicate of `kind`, where the crate has one.
fn predicate(kind: ValueKind) -> Option<fn(&str) -> bool> {
    Some(match kind {
        ValueKind::AccountId => ids::is_account_id,
        ValueKind::OrganizationId => ids::is_organization_id,
        ValueKind::RootId => ids::is_root_id,
        ValueKind::OrganizationalUnitId => ids::is_organizational_unit_id,
        ValueKind::PolicyId => ids::is_policy_id,
        ValueKind::HandshakeId => ids::is_handshake_id,
        ValueKind::CreateAccountRequestId => ids::is_create_account_request_id,
        ValueKind::ChildId => ids::is_child_id,
        ValueKind::ParentId => ids::is_parent_id,
        ValueKind::PolicyTargetId => ids::is_policy_target_id,
        ValueKind::Email => ids::is_email,
        ValueKind::RoleName => ids::is_role_name,
        ValueKind::Arn => orgkit::arn::is_arn,
        _ => return None,
    })
}

/// Every property of one kind on one value.
pub fn check_kind(kind: ValueKind, s: &str) {
    let fast = kind.is_valid(s);
    assert_eq!(ValueKind::from_name(kind.name()), Some(kind));
    match kind.check(s) {
        Ok(()) => assert!(fast, "{kind}: check accepts {s:?}, is_valid does not"),
        Err(err) => {
            assert!(
                !fast,
                "{kind}: is_valid accepts {s:?}, check does not: {err}"
            );
            assert_eq!(err.kind(), kind);
            assert!(!err.rules().is_empty(), "{kind}: no rule for {s:?}");
            for code in err.codes() {
                assert!(
                    ErrorCode::ALL.contains(&code),
                    "{kind}: unknown code {code:?}"
                );
                assert_eq!(ErrorCode::from_name(code.as_str()), Some(code));
            }
            for issue in err.issues_at("Field") {
                assert_eq!(issue.path, "Field");
                assert!(!issue.message.is_empty());
            }
            assert!(!err.to_string().is_empty());
        }
    }
    if let Some(predicate) = predicate(kind) {
        assert_eq!(
            predicate(s),
            fast,
            "{kind}: the is_* function disagrees on {s:?}"
        );
    }
    let classified = kind.classify(s);
    assert_eq!(classified.is_some(), fast, "{kind}: classify on {s:?}");
    if let Some(inner) = classified {
        assert!(
            inner.is_valid(s),
            "{kind}: classified {s:?} as {inner}, which rejects it"
        );
    }
    if let Some(parsed) = typed(kind, s) {
        match parsed {
            Ok((text, parsed_kind, shown)) => {
                assert!(fast, "{kind}: parse accepts {s:?}, is_valid does not");
                assert_eq!(text, s);
                assert_eq!(shown, s);
                assert_eq!(Some(parsed_kind), classified, "{kind}: kind of {s:?}");
            }
            Err(err) => {
                assert!(
                    !fast,
                    "{kind}: is_valid accepts {s:?}, parse does not: {err}"
                );
                assert!(!err.rules().is_empty());
            }
        }
    }
    match kind.pattern_failure(s) {
        Some(rule) => assert!(!fast, "{kind}: pattern failure {rule} on valid {s:?}"),
        None if kind.length_bounds().is_none() => {
            assert!(fast, "{kind}: no pattern failure on invalid {s:?}")
        }
        None => {}
    }
    if let Some(oracle) = kind_oracles().get(kind.name()) {
        assert_eq!(
            fast,
            oracle.accepts(s),
            "{kind}: the matcher and the model pattern disagree on {s:?}"
        );
    }
}

/// Every property of a parsed ARN.
pub fn check_arn(s: &str) {
    let Ok(arn) = Arn::parse(s) else {
        return;
    };
    let text = arn.to_string();
    assert_eq!(text, s, "an ARN prints back differently");
    let again = Arn::parse(&text).expect("a printed ARN parses");
    assert_eq!(again, arn);
    assert!(s.starts_with(&format!("arn:{}:organizations::", arn.partition())));
    assert_eq!(arn.is_aws_managed(), arn.account_field() == "aws");
    assert_eq!(arn.management_account().is_none(), arn.is_aws_managed());
    assert_eq!(arn.organization_id().is_none(), arn.is_aws_managed());
    assert_eq!(
        arn.resource_type().as_str(),
        s.split(':').nth(5).unwrap().split('/').next().unwrap()
    );
    let partition = arn.partition();
    let rebuilt = match arn.resource().clone() {
        ArnResource::Organization {
            management_account,
            organization_id,
        } => Some(Arn::organization(
            partition,
            management_account,
            organization_id,
        )),
        ArnResource::Account {
            management_account,
            organization_id,
            account_id,
        } => {
            assert_eq!(arn.account_id(), Some(&account_id));
            Some(Arn::account(
                partition,
                management_account,
                organization_id,
                account_id,
            ))
        }
        ArnResource::Root {
            management_account,
            organization_id,
            root_id,
        } => {
            assert_eq!(arn.root_id(), Some(&root_id));
            Some(Arn::root(
                partition,
                management_account,
                organization_id,
                root_id,
            ))
        }
        ArnResource::OrganizationalUnit {
            management_account,
            organization_id,
            organizational_unit_id,
        } => {
            assert_eq!(arn.organizational_unit_id(), Some(&organizational_unit_id));
            Some(Arn::organizational_unit(
                partition,
                management_account,
                organization_id,
                organizational_unit_id,
            ))
        }
        ArnResource::Policy {
            management_account,
            organization_id,
            policy_type,
            policy_id,
        } => {
            assert_eq!(arn.policy_id(), Some(&policy_id));
            assert_eq!(arn.policy_type(), Some(&*policy_type));
            Some(
                Arn::policy(
                    partition,
                    management_account,
                    organization_id,
                    &policy_type,
                    policy_id,
                )
                .expect("the parts of a parsed policy ARN build"),
            )
        }
        ArnResource::AwsManagedPolicy {
            policy_type,
            policy_id,
        } => {
            assert_eq!(arn.policy_id(), Some(&policy_id));
            Some(
                Arn::aws_managed_policy(partition, &policy_type, policy_id)
                    .expect("the parts of a parsed AWS-managed policy ARN build"),
            )
        }
        ArnResource::Handshake {
            management_account,
            organization_id,
            handshake_type,
            handshake_id,
        } => {
            assert_eq!(arn.handshake_id(), Some(&handshake_id));
            assert_eq!(arn.handshake_type(), Some(&*handshake_type));
            Some(
                Arn::handshake(
                    partition,
                    management_account,
                    organization_id,
                    &handshake_type,
                    handshake_id,
                )
                .expect("the parts of a parsed handshake ARN build"),
            )
        }
        _ => None,
    };
    if let Some(rebuilt) = rebuilt {
        assert_eq!(rebuilt, arn, "an ARN rebuilt from its parts differs");
        assert_eq!(rebuilt.to_string(), s);
    }
}

/// Every pattern behind request validation against its model pattern.
pub fn check_patterns(s: &str) {
    for (matcher, source, regex) in pattern_oracles() {
        // PrintableAscii leaves the empty name to the length rule of its shape.
        if matches!(matcher, PatternMatcher::PrintableAscii) && s.is_empty() {
            continue;
        }
        let failure = pattern_failure(*matcher, s);
        assert_eq!(
            failure.is_none(),
            regex.is_match(s),
            "the matcher of {source} and the pattern disagree on {s:?} ({failure:?})"
        );
    }
}

/// The target: the input as text (invalid UTF-8 replaced), through every check.
pub fn run(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let s: &str = &text;
    for &kind in ValueKind::ALL {
        check_kind(kind, s);
    }
    // The one kind whose rule differs between the editions: the fast predicate and the
    // diagnosing check agree in each, and the original edition lacks the current-only kinds.
    for &edition in orgkit::Edition::ALL {
        for &kind in ValueKind::ALL {
            let fast = kind.is_valid_in(edition, s);
            assert_eq!(
                fast,
                kind.check_in(edition, s).is_ok(),
                "{edition} {kind} {s:?}"
            );
            assert!(kind.is_in(edition) || !fast, "{edition} has no {kind}");
        }
    }
    check_arn(s);
    check_patterns(s);
}
