//! What the oracle tests share: a model pattern as a `regex` that applies it the way DESIGN
//! rules 1, 2 and 8 say (whole value; `\d`, `\w`, `\s` as ASCII classes; a union ID as the union
//! of its anchored alternatives; ARNs in the three partitions).

use regex::Regex;

/// The model pattern `pattern` as a whole-value `Regex`.
pub fn oracle_regex(pattern: &str) -> Regex {
    let ascii = pattern
        .replace(r"\d", "[0-9]")
        .replace(r"\w", "[A-Za-z0-9_]")
        .replace(r"\s", r"[\t\n\x0B\x0C\r ]")
        .replace(r"\S", r"[^\t\n\x0B\x0C\r ]")
        .replace(
            "arn:aws:organizations",
            "arn:(?:aws|aws-cn|aws-us-gov):organizations",
        )
        // `[a-z0-9-.]`: the dash after a range is literal (regex-syntax wants it escaped).
        .replace("[a-z0-9-.]", r"[a-z0-9\-.]")
        // TaggableResourceId: orgkit's union is the union of the single-ID patterns (DESIGN
        // rule 2), so its transfer alternative is ResponsibilityTransferId's `rt-[0-9a-z]`.
        .replace("(^rt-[0-9a-zA-Z_]{8,32})", "(^rt-[0-9a-z]{8,32})");
    // `^(A)|(B)$` binds the anchors to the outer alternatives only (DESIGN rule 2).
    let anchored = if ascii.starts_with("^(") && ascii.ends_with(")$") && ascii.contains(")|(") {
        let inner = &ascii[2..ascii.len() - 2];
        format!("^(?:{})$", inner.split(")|(").collect::<Vec<_>>().join("|"))
    } else {
        format!("^(?:{ascii})$")
    };
    Regex::new(&anchored).unwrap_or_else(|err| panic!("{anchored}: {err}"))
}
