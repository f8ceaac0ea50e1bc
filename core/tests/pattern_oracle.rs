//! Every pattern matcher behind request validation against the `regex` crate compiled from the
//! model's own pattern (whole-value match; `\d`, `\w`, `\s` as ASCII classes), on random text.

use orgkit::model::{services, ShapeKind};
use orgkit::validate::pattern_failure;
use proptest::prelude::*;
use regex::Regex;

mod common;
use common::oracle_regex;

/// `(matcher, regex)` for every distinct pattern of every service.
fn patterns() -> Vec<(orgkit::model::PatternMatcher, String, Regex)> {
    let mut out: Vec<(orgkit::model::PatternMatcher, String, Regex)> = Vec::new();
    for service in services() {
        for shape in service.shapes {
            let ShapeKind::String {
                pattern: Some(pattern),
                ..
            } = &shape.kind
            else {
                continue;
            };
            if out.iter().any(|(_, source, _)| source == pattern.source) {
                continue;
            }
            out.push((
                pattern.matcher,
                pattern.source.to_owned(),
                oracle_regex(pattern.source),
            ));
        }
    }
    out
}

fn cached() -> &'static Vec<(orgkit::model::PatternMatcher, String, Regex)> {
    static PATTERNS: std::sync::OnceLock<Vec<(orgkit::model::PatternMatcher, String, Regex)>> =
        std::sync::OnceLock::new();
    PATTERNS.get_or_init(patterns)
}

#[test]
fn every_pattern_has_a_matcher_that_agrees_on_samples() {
    let samples = [
        "",
        " ",
        "a",
        "\n",
        "123456789012",
        "someone@example.com",
        "a@b.c",
        "a@b",
        "@b.c",
        "a@.b.c",
        "+1 (555) 010-0100",
        "555-CALL",
        "  x  ",
        "Team\nAlpha",
        "Caf\u{e9}",
        "r-abcd",
        "ou-abcd-12345678",
        "arn:aws:organizations::111111111111:root/o-exampleorgid/r-abcd",
        "arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess",
        "arn:aws:organizations::x:y",
        "arn:aws:organizations:::",
        "OrganizationAccountAccessRole",
    ];
    assert!(cached().len() >= 15, "{} patterns", cached().len());
    for (matcher, source, regex) in cached() {
        for sample in samples {
            // PrintableAscii treats the empty name as matching: its length constraint reports it.
            if source == r"[\u0020-\u007E]+" && sample.is_empty() {
                continue;
            }
            assert_eq!(
                pattern_failure(*matcher, sample).is_none(),
                regex.is_match(sample),
                "{source} on {sample:?}"
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn matchers_agree_with_the_model_patterns(
        index in 0usize..64,
        text in "[a-zA-Z0-9_ @.:/()+=,\\-\t\n\u{e9}\u{a0}]{1,30}",
    ) {
        let all = cached();
        let (matcher, source, regex) = &all[index % all.len()];
        prop_assert_eq!(pattern_failure(*matcher, &text).is_none(), regex.is_match(&text), "{} on {:?}", source, text);
    }
}
