//! The `regex` crate as an oracle for the hand-written matchers, as DESIGN asks ("generated
//! pattern vs hand-written matcher must agree … in a fuzz target"). A model pattern becomes a
//! whole-value regex with the decided semantics: ASCII `\d`, `\w`, `\s` (rule 1), the ARN
//! prefix in the three partitions (rule 8), and the whole pattern wrapped in `\A(?:…)\z`,
//! which also gives a mis-anchored union `^(A)|(B)$` its intended meaning (rule 2).
//!
//! The kind oracles read the vendored model files themselves (not the generated tables), so a
//! code generator that copied a pattern wrongly would show up as a disagreement too.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use orgkit::model::{PatternMatcher, ShapeKind};
use regex::Regex;
use serde_json::Value;

const SEED_MODEL: &str = include_str!("../../core/models/organizations-2016-11-28.2017-02.json");
const LATEST_MODEL: &str = include_str!("../../core/models/organizations-2016-11-28.latest.json");

/// `pattern` (a model pattern) as a regex that must match the whole value.
pub fn whole_value_regex(pattern: &str) -> Regex {
    // `[a-z0-9-.]`: a dash after a range is literal (regex-syntax wants it escaped); and
    // TaggableResourceId is the union of the single-ID patterns (rule 2), so its transfer
    // alternative is ResponsibilityTransferId's `rt-[0-9a-z]`.
    let pattern = &pattern
        .replace("[a-z0-9-.]", r"[a-z0-9\-.]")
        .replace("(^rt-[0-9a-zA-Z_]{8,32})", "(^rt-[0-9a-z]{8,32})");
    let mut out = String::with_capacity(pattern.len() + 32);
    let mut in_class = false;
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let Some(escaped) = chars.next() else {
                    out.push('\\');
                    break;
                };
                let ascii = match escaped {
                    'd' => Some("0-9"),
                    'w' => Some("A-Za-z0-9_"),
                    's' => Some(r"\t\n\x0B\x0C\r "),
                    _ => None,
                };
                match (ascii, in_class) {
                    (Some(set), true) => out.push_str(set),
                    (Some(set), false) => {
                        out.push('[');
                        out.push_str(set);
                        out.push(']');
                    }
                    (None, _) if escaped == 'S' => {
                        // Only outside a class in the models.
                        out.push_str(r"[^\t\n\x0B\x0C\r ]");
                    }
                    (None, _) => {
                        out.push('\\');
                        out.push(escaped);
                    }
                }
            }
            '[' if !in_class => {
                in_class = true;
                out.push(c);
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    let partitions = out.replace(
        "arn:aws:organizations",
        "arn:(?:aws|aws-cn|aws-us-gov):organizations",
    );
    let whole = format!(r"\A(?:{partitions})\z");
    Regex::new(&whole).unwrap_or_else(|err| panic!("oracle for {pattern:?} ({whole}): {err}"))
}

/// A kind's oracle: any of the regexes, within the length bounds (in characters).
pub struct KindOracle {
    regexes: Vec<Regex>,
    length: Option<(usize, usize)>,
}

impl KindOracle {
    /// Whether the model accepts `value`.
    pub fn accepts(&self, value: &str) -> bool {
        let count = value.chars().count();
        self.length
            .is_none_or(|(min, max)| (min..=max).contains(&count))
            && self.regexes.iter().any(|regex| regex.is_match(value))
    }
}

fn shape<'m>(model: &'m Value, name: &str) -> &'m Value {
    let shape = &model["shapes"][name];
    assert!(shape.is_object(), "the model has no shape {name}");
    shape
}

fn pattern_of(model: &Value, name: &str) -> Regex {
    let source = shape(model, name)["pattern"]
        .as_str()
        .unwrap_or_else(|| panic!("{name} has no pattern"));
    whole_value_regex(source)
}

fn length_of(model: &Value, name: &str) -> Option<(usize, usize)> {
    let shape = shape(model, name);
    let bound = |key| shape.get(key).and_then(Value::as_u64).map(|n| n as usize);
    match (bound("min"), bound("max")) {
        (None, None) => None,
        (min, max) => Some((min.unwrap_or(0), max.unwrap_or(usize::MAX))),
    }
}

/// The oracle of every value kind, by kind name: the seed model's shapes, and the latest
/// model's for the kinds only the current edition has.
pub fn kind_oracles() -> &'static BTreeMap<&'static str, KindOracle> {
    static ORACLES: OnceLock<BTreeMap<&'static str, KindOracle>> = OnceLock::new();
    ORACLES.get_or_init(|| {
        let seed: Value = serde_json::from_str(SEED_MODEL).expect("seed model");
        let latest: Value = serde_json::from_str(LATEST_MODEL).expect("latest model");
        let mut oracles = BTreeMap::new();
        // IDs, email and role name: the shape of the same name.
        for name in [
            "AccountId",
            "OrganizationId",
            "RootId",
            "OrganizationalUnitId",
            "PolicyId",
            "HandshakeId",
            "CreateAccountRequestId",
            "ChildId",
            "ParentId",
            "PolicyTargetId",
            "RoleName",
        ] {
            let oracle = KindOracle {
                regexes: vec![pattern_of(&seed, name)],
                length: length_of(&seed, name),
            };
            oracles.insert(name, oracle);
        }
        // The current edition's kinds: the latest model's shape of the same name.
        for name in [
            // Email's edition-less rule is the current edition's.
            "Email",
            "ResourcePolicyId",
            "ResponsibilityTransferId",
            "TaggableResourceId",
            "TagKey",
            "TagValue",
            "ServicePrincipal",
        ] {
            let oracle = KindOracle {
                regexes: vec![pattern_of(&latest, name)],
                length: length_of(&latest, name),
            };
            oracles.insert(name, oracle);
        }
        // Names (rule 4): printable ASCII as the later model states it, the seed's lengths.
        for name in ["AccountName", "OrganizationalUnitName", "PolicyName"] {
            let oracle = KindOracle {
                regexes: vec![pattern_of(&latest, "CreateAccountName")],
                length: length_of(&seed, name),
            };
            oracles.insert(name, oracle);
        }
        // Any Organizations ARN (rule 8): the union of the six ARN shapes.
        let arns = [
            "OrganizationArn",
            "AccountArn",
            "RootArn",
            "OrganizationalUnitArn",
            "PolicyArn",
            "HandshakeArn",
        ];
        let mut regexes: Vec<Regex> = arns.iter().map(|name| pattern_of(&seed, name)).collect();
        // The current edition's two forms (the edition-less rule is the current one's), in the
        // three partitions of rule 8.
        for name in ["ResourcePolicyArn", "ResponsibilityTransferArn"] {
            let source = shape(&latest, name)["pattern"]
                .as_str()
                .unwrap_or_else(|| panic!("{name} has no pattern"))
                .replace(
                    "arn:[a-z0-9][a-z0-9-.]{0,62}:",
                    "arn:(aws|aws-cn|aws-us-gov):",
                );
            regexes.push(whole_value_regex(&source));
        }
        let oracle = KindOracle {
            regexes,
            length: None,
        };
        oracles.insert("Arn", oracle);
        oracles
    })
}

/// Every distinct pattern of every service's shapes: the matcher request validation uses, the
/// model's source text and its oracle.
pub fn pattern_oracles() -> &'static [(PatternMatcher, &'static str, Regex)] {
    static PATTERNS: OnceLock<Vec<(PatternMatcher, &'static str, Regex)>> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let mut out: Vec<(PatternMatcher, &'static str, Regex)> = Vec::new();
        for service in orgkit::Edition::ALL.iter().flat_map(|e| e.services()) {
            for shape in service.shapes {
                if let ShapeKind::String {
                    pattern: Some(pattern),
                    ..
                } = &shape.kind
                {
                    if !out.iter().any(|(_, source, _)| *source == pattern.source) {
                        out.push((
                            pattern.matcher,
                            pattern.source,
                            whole_value_regex(pattern.source),
                        ));
                    }
                }
            }
        }
        out
    })
}
