//! Every pattern matcher behind request validation against the `regex` crate compiled from the
//! model's own pattern (whole-value match; `\d`, `\w`, `\s` as ASCII classes), on random text,
//! for the patterns of both editions.

use orgkit::model::ShapeKind;
use orgkit::validate::pattern_failure;
use proptest::prelude::*;
use regex::Regex;

mod common;
use common::oracle_regex;

/// `(matcher, regex)` for every distinct pattern of every service.
fn patterns() -> Vec<(orgkit::model::PatternMatcher, String, Regex)> {
    let mut out: Vec<(orgkit::model::PatternMatcher, String, Regex)> = Vec::new();
    for service in orgkit::Edition::ALL.iter().flat_map(|e| e.services()) {
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
        // The current edition's patterns.
        "config.amazonaws.com",
        "caf\u{e9}@exemple.fr",
        "a b@c.d",
        "a@b@c.d",
        "a@b.",
        "a@b..",
        "a@.b",
        "a@b.c.",
        "Cost Center: \u{65e5}\u{672c} 42",
        "tab\there",
        "\u{2028}",
        "\u{301}",
        "rp-abcd",
        "rp-ab",
        "rt-abcdefgh",
        "rt-ABCDEFGH",
        "p-FullAWSAccess",
        "o-exampleorgid/r-abcd/",
        "o-exampleorgid/r-abcd/ou-abcd-12345678/111111111111/",
        "o-exampleorgid/r-abcd/111111111111/ou-abcd-12345678/",
        "o-exampleorgid/r-abcd",
        "arn:aws:organizations::111111111111:resourcepolicy/o-exampleorgid/rp-abcd1234",
        "arn:aws-eusc:organizations::111111111111:resourcepolicy/o-exampleorgid/rp-abcd1234",
        "arn:aws:organizations::111111111111:transfer/o-exampleorgid/billing/inbound/rt-abcdefgh",
        "arn:aws:organizations::111111111111:transfer/o-exampleorgid/billing/sideways/rt-abcdefgh",
        "+1 555 0100",
        "1 555 0100",
        "+",
        "  jane.doe#1@example.com  ",
        "jane|doe@example.c-m",
        "a1B2c3",
        "a1B2c",
        "Acme <Corp>",
    ];
    // Without `response-tables` the tables hold only the requests' shapes (no ARN outputs).
    let fewest = if cfg!(feature = "response-tables") {
        30
    } else {
        20
    };
    assert!(cached().len() >= fewest, "{} patterns", cached().len());
    for (matcher, source, regex) in cached() {
        for sample in samples {
            // PrintableAscii treats the empty name as matching: its length constraint reports it.
            if (source == r"[\u0020-\u007E]+" || source == "^[ -~]+$") && sample.is_empty() {
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
        text in "(rp-|rt-|o-|r-|ou-|arn:|\\+|)[a-zA-Z0-9_ @.:/()+=,<>#|!&\\-\t\n\u{e9}\u{a0}\u{2028}\u{301}\u{65e5}]{1,30}",
    ) {
        let all = cached();
        let (matcher, source, regex) = &all[index % all.len()];
        prop_assert_eq!(pattern_failure(*matcher, &text).is_none(), regex.is_match(&text), "{} on {:?}", source, text);
    }
}
