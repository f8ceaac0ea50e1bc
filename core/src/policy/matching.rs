//! The value comparisons of policy evaluation: wildcard patterns, actions, ARNs, numbers,
//! dates, IP ranges and booleans.
//!
//! They live apart from the evaluator because the checker needs the same parsers to reject a
//! condition value that could never match (a `NumericEquals` of `"ten"`), and because each is
//! small enough to test on its own. The wildcard matcher is iterative (no recursion, time
//! `O(len(pattern) × len(text))` at worst), so a hostile pattern costs no stack.
//!
//! Sources: "IAM JSON policy elements: Action"
//! (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html>:
//! action names are case-insensitive), "IAM JSON policy elements: Resource"
//! (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html>:
//! ARNs are case-sensitive, `*` and `?` wildcards) and the condition operators page
//! (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html>:
//! `ArnEquals` and `ArnLike` both compare each of the six colon-separated ARN parts with
//! wildcards; numbers, dates in ISO 8601 or epoch form, CIDR ranges, `Bool`).

use std::net::IpAddr;

/// Whether `text` matches `pattern`, where `*` matches any run of characters (also empty)
/// and `?` exactly one character. Case-sensitive; there is no escape.
pub fn wildcard_match(pattern: &str, text: &str) -> bool {
    if pattern.is_ascii() && text.is_ascii() {
        // One byte per character: no copy needed.
        return wildcard(pattern.as_bytes(), text.as_bytes(), b'*', b'?', |a, b| {
            a == b
        });
    }
    let pattern: Vec<char> = pattern.chars().collect();
    let text: Vec<char> = text.chars().collect();
    wildcard(&pattern, &text, '*', '?', |a, b| a == b)
}

/// The matcher behind [`wildcard_match`], over characters or bytes, with `same` deciding
/// whether a pattern character matches a text character.
fn wildcard<T: Copy + PartialEq>(
    pattern: &[T],
    text: &[T],
    any_run: T,
    any_one: T,
    same: impl Fn(T, T) -> bool,
) -> bool {
    let (mut p, mut t) = (0usize, 0usize);
    // Where the last `*` was, and which text position it is currently standing for.
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        if p < pattern.len() && (pattern[p] == any_one || same(pattern[p], text[t])) {
            p += 1;
            t += 1;
        } else if p < pattern.len() && pattern[p] == any_run {
            star = Some((p, t));
            p += 1;
        } else if let Some((star_p, star_t)) = star {
            // Let the last `*` swallow one more character and retry after it.
            p = star_p + 1;
            t = star_t + 1;
            star = Some((star_p, star_t + 1));
        } else {
            return false;
        }
    }
    pattern[p..].iter().all(|&c| c == any_run)
}

/// Whether an action (`s3:GetObject`) matches an action pattern (`s3:Get*`, `*`): service
/// prefix and action name are compared case-insensitively.
pub fn action_matches(pattern: &str, action: &str) -> bool {
    if pattern.is_ascii() && action.is_ascii() {
        return wildcard(pattern.as_bytes(), action.as_bytes(), b'*', b'?', |a, b| {
            a.eq_ignore_ascii_case(&b)
        });
    }
    wildcard_match(&pattern.to_lowercase(), &action.to_lowercase())
}

/// Whether a resource ARN matches a `Resource` pattern: case-sensitive, with wildcards that
/// may span `:` and `/`.
pub fn resource_matches(pattern: &str, resource: &str) -> bool {
    wildcard_match(pattern, resource)
}

/// `ArnEquals` / `ArnLike`: both values split into their six colon-separated parts
/// (`arn:partition:service:region:account:resource`, the resource keeping any further
/// colons) and each part matched with wildcards. A value with fewer parts matches nothing.
pub(crate) fn arn_like(pattern: &str, value: &str) -> bool {
    let pattern_parts: Vec<&str> = pattern.splitn(6, ':').collect();
    let value_parts: Vec<&str> = value.splitn(6, ':').collect();
    pattern_parts.len() == 6
        && value_parts.len() == 6
        && pattern_parts
            .iter()
            .zip(&value_parts)
            .all(|(p, v)| wildcard_match(p, v))
}

/// A number in a condition (JSON number grammar only: no `NaN`, no `inf`, no hex).
pub(crate) fn parse_number(text: &str) -> Option<f64> {
    if super::document::is_json_number(text) {
        text.parse::<f64>().ok().filter(|n| n.is_finite())
    } else {
        None
    }
}

/// `"true"` / `"false"`, in any case.
pub(crate) fn parse_bool(text: &str) -> Option<bool> {
    if text.eq_ignore_ascii_case("true") {
        Some(true)
    } else if text.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

/// An IP address or CIDR range (`203.0.113.0/24`, `2001:db8::/32`, `198.51.100.7`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct IpRange {
    address: IpAddr,
    prefix: u8,
}

impl IpRange {
    pub(crate) fn parse(text: &str) -> Option<IpRange> {
        let (address, prefix) = match text.split_once('/') {
            Some((address, prefix)) => (address, Some(prefix)),
            None => (text, None),
        };
        let address: IpAddr = address.parse().ok()?;
        let max = if address.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => max,
            Some(p) if !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()) => {
                p.parse::<u8>().ok().filter(|&p| p <= max)?
            }
            Some(_) => return None,
        };
        Some(IpRange { address, prefix })
    }

    pub(crate) fn contains(&self, text: &str) -> bool {
        let Ok(address) = text.parse::<IpAddr>() else {
            return false;
        };
        let (net, addr, bits) = match (self.address, address) {
            (IpAddr::V4(net), IpAddr::V4(addr)) => (
                u128::from(u32::from(net)),
                u128::from(u32::from(addr)),
                32u32,
            ),
            (IpAddr::V6(net), IpAddr::V6(addr)) => (u128::from(net), u128::from(addr), 128u32),
            _ => return false,
        };
        let shift = bits - u32::from(self.prefix);
        if shift >= 128 {
            return true;
        }
        (net >> shift) == (addr >> shift)
    }
}

/// A date as seconds since the Unix epoch: an integer or decimal epoch (`1700000000`), or
/// ISO 8601 `YYYY-MM-DD`, optionally `THH:MM[:SS[.fraction]]` and `Z` or `±HH:MM`
/// (no zone means UTC).
pub(crate) fn parse_date(text: &str) -> Option<f64> {
    if let Some(epoch) = parse_number(text) {
        return Some(epoch);
    }
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = text.get(range)?;
        if part.bytes().all(|b| b.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    if bytes.len() < 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    let mut seconds = days_from_civil(year, month, day) as f64 * 86_400.0;
    let mut rest = &text[10..];
    if rest.is_empty() {
        return Some(seconds);
    }
    rest = rest.strip_prefix('T')?;
    let rb = rest.as_bytes();
    if rb.len() < 5 || rb[2] != b':' {
        return None;
    }
    let hour: i64 = digits_of(&rest[0..2])?;
    let minute: i64 = digits_of(&rest[3..5])?;
    let mut second = 0.0;
    rest = &rest[5..];
    if let Some(after) = rest.strip_prefix(':') {
        let whole: i64 = digits_of(after.get(0..2)?)?;
        rest = &after[2..];
        let mut fraction = 0.0;
        if let Some(after) = rest.strip_prefix('.') {
            let len = after.bytes().take_while(u8::is_ascii_digit).count();
            if len == 0 {
                return None;
            }
            fraction = format!("0.{}", &after[..len]).parse().ok()?;
            rest = &after[len..];
        }
        if whole > 60 {
            return None;
        }
        second = whole as f64 + fraction;
    }
    if hour > 23 || minute > 59 {
        return None;
    }
    seconds += (hour * 3600 + minute * 60) as f64 + second;
    let offset = match rest {
        "" | "Z" => 0,
        zone if zone.len() == 6 && (zone.starts_with('+') || zone.starts_with('-')) => {
            if zone.as_bytes()[3] != b':' {
                return None;
            }
            let h: i64 = digits_of(&zone[1..3])?;
            let m: i64 = digits_of(&zone[4..6])?;
            if h > 23 || m > 59 {
                return None;
            }
            let sign = if zone.starts_with('-') { -1 } else { 1 };
            sign * (h * 3600 + m * 60)
        }
        _ => return None,
    };
    Some(seconds - offset as f64)
}

fn digits_of(text: &str) -> Option<i64> {
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse().ok()
    } else {
        None
    }
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards() {
        assert!(wildcard_match("*", ""));
        assert!(wildcard_match("a*c", "abbbc"));
        assert!(wildcard_match("a?c", "abc"));
        assert!(!wildcard_match("a?c", "ac"));
        assert!(wildcard_match("*a*a*a*", "xaxaxa"));
        assert!(!wildcard_match("*a*a*a*b", &"a".repeat(200)));
        assert!(!wildcard_match("abc", "abcd"));
        assert!(wildcard_match("ab*", "ab"));
        assert!(!wildcard_match("A", "a"));
    }

    #[test]
    fn actions_ignore_case_resources_do_not() {
        assert!(action_matches("S3:get*", "s3:GetObject"));
        assert!(!action_matches("s3:Put*", "s3:GetObject"));
        assert!(resource_matches(
            "arn:aws:s3:::bucket/*",
            "arn:aws:s3:::bucket/a/b"
        ));
        assert!(!resource_matches(
            "arn:aws:s3:::Bucket/*",
            "arn:aws:s3:::bucket/a"
        ));
    }

    #[test]
    fn arns_compare_part_by_part() {
        assert!(arn_like(
            "arn:aws:iam::*:role/Admin*",
            "arn:aws:iam::123456789012:role/AdminX"
        ));
        assert!(!arn_like("arn:aws:iam::*:role/*", "arn:aws:s3:::bucket"));
        assert!(arn_like(
            "arn:aws:sns:*:*:topic:sub",
            "arn:aws:sns:us-east-1:1:topic:sub"
        ));
        assert!(!arn_like("arn:*", "arn:aws:s3:::x"));
    }

    #[test]
    fn ip_ranges() {
        let range = IpRange::parse("203.0.113.0/24").unwrap();
        assert!(range.contains("203.0.113.200"));
        assert!(!range.contains("203.0.114.1"));
        assert!(!range.contains("2001:db8::1"));
        assert!(IpRange::parse("0.0.0.0/0").unwrap().contains("8.8.8.8"));
        assert!(IpRange::parse("2001:db8::/32")
            .unwrap()
            .contains("2001:db8::1"));
        for bad in ["10.0.0.0/33", "10.0.0/8", "x", "10.0.0.0/", "10.0.0.0/+8"] {
            assert_eq!(IpRange::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("1970-01-01"), Some(0.0));
        assert_eq!(parse_date("2020-02-29T00:00:00Z"), Some(1_582_934_400.0));
        assert_eq!(
            parse_date("2020-02-29T01:00:00+01:00"),
            Some(1_582_934_400.0)
        );
        assert_eq!(parse_date("1582934400"), Some(1_582_934_400.0));
        for bad in [
            "2019-02-29",
            "2020-13-01",
            "2020-01-01T25:00",
            "yesterday",
            "2020-01-01X",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }
}
