//! Typed identifiers and the small string shapes of AWS Organizations (account, OU, policy … IDs,
//! email, IAM role name, account/OU/policy names).
//!
//! Every check here is a hand-written matcher rather than a regex: they run in hot loops and in
//! the browser bundle, where a regex engine would cost hundreds of kilobytes. The model's
//! patterns are applied to the *whole* value with ASCII classes (DESIGN rules 1–5); the tests in
//! `core/tests/` hold every matcher against a `regex` oracle built from the model's own patterns.
//!
//! Two entry points per kind: a fast predicate ([`ValueKind::is_valid`]) and a diagnosing
//! check ([`ValueKind::check`]) whose [`ParseError`] names each rule that failed and where.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{ErrorCode, Issue, ValidationError};

// ---------------------------------------------------------------------------------------------
// Character classes (ASCII only; a non-ASCII digit is not a digit).

/// A set of ASCII bytes, tested with one table lookup (no branches, no function pointers).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct CharClass(u8);

// One bit per elementary set; a class is a union of bits.
const DIGIT: u8 = 1;
const LOWER: u8 = 1 << 1;
const UPPER: u8 = 1 << 2;
const UNDERSCORE: u8 = 1 << 3;
/// `+ = , . -` (the email local part's punctuation)
const EMAIL_PUNCTUATION: u8 = 1 << 4;
/// `@` (allowed in role names)
const AT: u8 = 1 << 5;
/// printable ASCII, U+0020–U+007E
const PRINTABLE: u8 = 1 << 6;
/// `.` and `-` (the email domain's punctuation)
const DOT_DASH: u8 = 1 << 7;

static CLASS_TABLE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0usize;
    while b < 256 {
        let c = b as u8;
        let mut bits = 0;
        if c.is_ascii_digit() {
            bits |= DIGIT;
        }
        if c.is_ascii_lowercase() {
            bits |= LOWER;
        }
        if c.is_ascii_uppercase() {
            bits |= UPPER;
        }
        if c == b'_' {
            bits |= UNDERSCORE;
        }
        if matches!(c, b'+' | b'=' | b',' | b'.' | b'-') {
            bits |= EMAIL_PUNCTUATION;
        }
        if c == b'@' {
            bits |= AT;
        }
        if c >= 0x20 && c <= 0x7e {
            bits |= PRINTABLE;
        }
        if matches!(c, b'.' | b'-') {
            bits |= DOT_DASH;
        }
        table[b] = bits;
        b += 1;
    }
    table
};

impl CharClass {
    /// `[0-9]`
    pub(crate) const DIGIT: CharClass = CharClass(DIGIT);
    /// `[0-9a-z]`
    pub(crate) const LOWER_ALNUM: CharClass = CharClass(DIGIT | LOWER);
    /// `[0-9a-z_]`
    pub(crate) const LOWER_ALNUM_UNDERSCORE: CharClass = CharClass(DIGIT | LOWER | UNDERSCORE);
    /// `[a-z_]`
    pub(crate) const LOWER_UNDERSCORE: CharClass = CharClass(LOWER | UNDERSCORE);
    /// `\w` in ASCII: `[A-Za-z0-9_]`
    pub(crate) const WORD: CharClass = CharClass(DIGIT | LOWER | UPPER | UNDERSCORE);
    /// `[\w+=,.-]`
    pub(crate) const EMAIL_LOCAL: CharClass = CharClass(Self::WORD.0 | EMAIL_PUNCTUATION);
    /// `[\w.-]`
    pub(crate) const EMAIL_DOMAIN: CharClass = CharClass(Self::WORD.0 | DOT_DASH);
    /// `[\w+=,.@-]`
    pub(crate) const ROLE_NAME: CharClass = CharClass(Self::WORD.0 | EMAIL_PUNCTUATION | AT);
    /// `[\u0020-\u007E]`
    pub(crate) const PRINTABLE: CharClass = CharClass(PRINTABLE);

    /// Whether the byte is in the class.
    #[inline(always)]
    pub(crate) fn contains(self, b: u8) -> bool {
        CLASS_TABLE[b as usize] & self.0 != 0
    }

    /// Whether every byte is in the class. Short runs (4 to 32 bytes, the length of most IDs'
    /// groups) are tested a `u64` word at a time ([`CharClass::all_in_word`]; two 4-byte halves
    /// below 8 bytes); longer ones with range comparisons and no early exit, which the compiler
    /// turns into SIMD code (the table for the other classes).
    #[inline]
    pub(crate) fn all(self, bytes: &[u8]) -> bool {
        // Not in the browser bundle, whose size limit the word-wise code would pass.
        #[cfg(not(target_arch = "wasm32"))]
        if (4..=32).contains(&bytes.len()) {
            return self.all_short(bytes);
        }
        self.all_long(bytes)
    }

    /// [`CharClass::all`] for 4 to 32 bytes: whole words, the last one overlapping the one
    /// before it (a byte tested twice is still in the class or not).
    #[cfg(not(target_arch = "wasm32"))]
    #[inline(always)]
    fn all_short(self, bytes: &[u8]) -> bool {
        let n = bytes.len();
        let word_at = |at: usize| match bytes.get(at..at + 8) {
            Some(eight) => u64::from_le_bytes(eight.try_into().unwrap_or([0; 8])),
            None => 0,
        };
        if n < 8 {
            let half_at = |at: usize| match bytes.get(at..at + 4) {
                Some(four) => u64::from(u32::from_le_bytes(four.try_into().unwrap_or([0; 4]))),
                None => 0,
            };
            return self.all_in_word(half_at(0) | half_at(n - 4) << 32);
        }
        let mut all = true;
        let mut at = 0;
        while at + 8 <= n {
            all &= self.all_in_word(word_at(at));
            at += 8;
        }
        if at < n {
            all &= self.all_in_word(word_at(n - 8));
        }
        all
    }

    /// Whether all eight bytes of `word` are in the class, tested side by side: for bytes below
    /// 0x80, adding `0x80 - low` to each sets its high bit exactly when it is at least `low`, and
    /// adding `0x7f - high` exactly when it is above `high`, with no carry into the next byte.
    /// Every class is ASCII, so a byte with its high bit set is in none.
    #[cfg(not(target_arch = "wasm32"))]
    #[inline(always)]
    fn all_in_word(self, word: u64) -> bool {
        const ONES: u64 = u64::from_ne_bytes([1; 8]);
        const HIGH: u64 = ONES * 0x80;
        let range = |low: u8, high: u8| {
            word.wrapping_add(ONES * u64::from(0x80 - low))
                & !word.wrapping_add(ONES * u64::from(0x7f - high))
        };
        let mut hits = 0;
        if self.0 & DIGIT != 0 {
            hits |= range(b'0', b'9');
        }
        if self.0 & LOWER != 0 {
            hits |= range(b'a', b'z');
        }
        if self.0 & UPPER != 0 {
            hits |= range(b'A', b'Z');
        }
        if self.0 & UNDERSCORE != 0 {
            hits |= range(b'_', b'_');
        }
        if self.0 & EMAIL_PUNCTUATION != 0 {
            // `+ , - .` are 0x2b to 0x2e; `=` is 0x3d.
            hits |= range(b'+', b'.') | range(b'=', b'=');
        }
        if self.0 & AT != 0 {
            hits |= range(b'@', b'@');
        }
        if self.0 & PRINTABLE != 0 {
            hits |= range(0x20, 0x7e);
        }
        if self.0 & DOT_DASH != 0 {
            hits |= range(b'-', b'.');
        }
        word & HIGH == 0 && hits & HIGH == HIGH
    }

    /// [`CharClass::all`] for any length.
    #[inline]
    fn all_long(self, bytes: &[u8]) -> bool {
        #[inline(always)]
        fn every(bytes: &[u8], test: impl Fn(u8) -> bool) -> bool {
            bytes
                .iter()
                .map(|&b| u8::from(!test(b)))
                .fold(0u8, |bad, x| bad | x)
                == 0
        }
        #[inline(always)]
        fn digit(b: u8) -> bool {
            b.wrapping_sub(b'0') < 10
        }
        #[inline(always)]
        fn lower(b: u8) -> bool {
            b.wrapping_sub(b'a') < 26
        }
        #[inline(always)]
        fn upper(b: u8) -> bool {
            b.wrapping_sub(b'A') < 26
        }
        match self {
            CharClass::DIGIT => every(bytes, digit),
            CharClass::LOWER_ALNUM => every(bytes, |b| digit(b) | lower(b)),
            CharClass::WORD => every(bytes, |b| digit(b) | lower(b) | upper(b) | (b == b'_')),
            CharClass::PRINTABLE => every(bytes, |b| b.wrapping_sub(0x20) < 0x5f),
            _ => every(bytes, |b| self.contains(b)),
        }
    }

    /// Whether the character is in the class (every class is ASCII-only).
    #[inline]
    pub(crate) fn contains_char(self, c: char) -> bool {
        c.is_ascii() && self.contains(c as u8)
    }
}

#[inline(always)]
fn all_bytes(bytes: &[u8], class: CharClass) -> bool {
    class.all(bytes)
}

/// The bytes after `prefix`, when `bytes` start with it. A comparison of fixed-size arrays:
/// `<[u8]>::strip_prefix` calls `memcmp`, which cost more than the rest of a short ID's check.
#[inline(always)]
fn after_prefix<'a, const N: usize>(bytes: &'a [u8], prefix: &[u8; N]) -> Option<&'a [u8]> {
    match bytes.split_first_chunk::<N>() {
        Some((head, rest)) if head == prefix => Some(rest),
        _ => None,
    }
}

/// `prefix` followed by `min..=max` bytes of `class`.
#[inline(always)]
fn prefixed<const N: usize>(
    s: &str,
    prefix: &[u8; N],
    min: usize,
    max: usize,
    class: CharClass,
) -> bool {
    match after_prefix(s.as_bytes(), prefix) {
        Some(rest) => (min..=max).contains(&rest.len()) && all_bytes(rest, class),
        None => false,
    }
}

// ---------------------------------------------------------------------------------------------
// Fast predicates, one per kind.

/// The most values one batch check (`check_ids` in every binding) takes: more is refused with
/// [`crate::error::TOO_MANY_VALUES`] before anything is read, so a length the caller states
/// (a sparse JS array of 2³²−1 holes) never decides what is allocated.
pub const MAX_BATCH_VALUES: usize = 1 << 24;

/// `^[0-9]{12}$`
#[inline]
pub fn is_account_id(s: &str) -> bool {
    s.len() == 12 && all_bytes(s.as_bytes(), CharClass::DIGIT)
}

/// `^o-[a-z0-9]{10,32}$`
#[inline]
pub fn is_organization_id(s: &str) -> bool {
    prefixed(s, b"o-", 10, 32, CharClass::LOWER_ALNUM)
}

/// `^r-[0-9a-z]{4,32}$`
#[inline]
pub fn is_root_id(s: &str) -> bool {
    prefixed(s, b"r-", 4, 32, CharClass::LOWER_ALNUM)
}

/// `^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$`
#[inline]
pub fn is_organizational_unit_id(s: &str) -> bool {
    // Most OU IDs have the shortest first group, `ou-abcd-`: the prefix, the group and the dash
    // after it are the first eight bytes, tested as one word. A group can hold no dash, so with a
    // dash at byte 7 the first group is exactly those four bytes, and the rest the second group.
    // (Not in the browser bundle, for its size limit.)
    #[cfg(not(target_arch = "wasm32"))]
    if let Some(head) = s.as_bytes().first_chunk::<8>() {
        const FRAME: u64 = u64::from_le_bytes([0xff, 0xff, 0xff, 0, 0, 0, 0, 0xff]);
        const EXPECTED: u64 = u64::from_le_bytes(*b"ou-\0\0\0\0-");
        // '0' (a member of the class) in place of the frame's bytes.
        const FILLER: u64 = u64::from_le_bytes(*b"00000000");
        let word = u64::from_le_bytes(*head);
        let second = &s.as_bytes()[8..];
        if word & FRAME == EXPECTED && (8..=32).contains(&second.len()) {
            let group = (word & !FRAME) | (FILLER & FRAME);
            return CharClass::LOWER_ALNUM.all_in_word(group)
                & all_bytes(second, CharClass::LOWER_ALNUM);
        }
    }
    let Some(rest) = after_prefix(s.as_bytes(), b"ou-") else {
        return false;
    };
    if rest.len() < 4 + 1 + 8 || rest.len() > 32 + 1 + 32 {
        return false;
    }
    let dash = rest.iter().position(|&b| b == b'-');
    match dash {
        Some(dash) => {
            let (first, second) = (&rest[..dash], &rest[dash + 1..]);
            (4..=32).contains(&first.len())
                && (8..=32).contains(&second.len())
                && all_bytes(first, CharClass::LOWER_ALNUM)
                && all_bytes(second, CharClass::LOWER_ALNUM)
        }
        None => false,
    }
}

/// `^p-[0-9a-zA-Z_]{8,128}$` (DESIGN rule 3: `p-FullAWSAccess` is valid).
#[inline]
pub fn is_policy_id(s: &str) -> bool {
    prefixed(s, b"p-", 8, 128, CharClass::WORD)
}

/// `^h-[0-9a-z]{8,32}$`
#[inline]
pub fn is_handshake_id(s: &str) -> bool {
    prefixed(s, b"h-", 8, 32, CharClass::LOWER_ALNUM)
}

/// `^car-[a-z0-9]{8,32}$`
#[inline]
pub fn is_create_account_request_id(s: &str) -> bool {
    prefixed(s, b"car-", 8, 32, CharClass::LOWER_ALNUM)
}

/// An account ID or an OU ID (DESIGN rule 2: the union of the anchored patterns).
#[inline]
pub fn is_child_id(s: &str) -> bool {
    match s.as_bytes().first() {
        Some(b'o') => is_organizational_unit_id(s),
        _ => is_account_id(s),
    }
}

/// A root ID or an OU ID.
#[inline]
pub fn is_parent_id(s: &str) -> bool {
    match s.as_bytes().first() {
        Some(b'r') => is_root_id(s),
        _ => is_organizational_unit_id(s),
    }
}

/// A root ID, an account ID or an OU ID.
#[inline]
pub fn is_policy_target_id(s: &str) -> bool {
    match s.as_bytes().first() {
        Some(b'r') => is_root_id(s),
        Some(b'o') => is_organizational_unit_id(s),
        _ => is_account_id(s),
    }
}

/// The original edition's Email: `[\w+=,.-]+@[\w.-]+\.[\w]+` as a full match, length 6..=64
/// (the rule the emulator, which serves that edition, applies).
pub fn is_original_email(s: &str) -> bool {
    (6..=64).contains(&s.len()) && email_shape(s.as_bytes()).is_ok()
}

/// `[\w+=,.@-]{1,64}` as a full match.
#[inline]
pub fn is_role_name(s: &str) -> bool {
    (1..=64).contains(&s.len()) && all_bytes(s.as_bytes(), CharClass::ROLE_NAME)
}

/// `^rp-[0-9a-zA-Z_]{4,128}$`: a resource policy ID (current edition).
#[inline]
pub fn is_resource_policy_id(s: &str) -> bool {
    prefixed(s, b"rp-", 4, 128, CharClass::WORD)
}

/// `^rt-[0-9a-z]{8,32}$`: a responsibility transfer ID (current edition).
#[inline]
pub fn is_responsibility_transfer_id(s: &str) -> bool {
    prefixed(s, b"rt-", 8, 32, CharClass::LOWER_ALNUM)
}

/// What TagResource, UntagResource and ListTagsForResource take (current edition): a root,
/// account, OU, policy, resource policy or responsibility transfer ID — the union of the
/// anchored single-ID patterns (DESIGN rule 2) — of at most 130 characters.
#[inline]
pub fn is_taggable_resource_id(s: &str) -> bool {
    s.len() <= 130 && is_taggable_resource_id_pattern(s)
}

/// The union pattern of [`is_taggable_resource_id`] without the model's maximum of 130
/// characters (a resource policy ID alone may have 131).
#[inline]
fn is_taggable_resource_id_pattern(s: &str) -> bool {
    match s.as_bytes() {
        [b'r', b'p', b'-', ..] => is_resource_policy_id(s),
        [b'r', b't', b'-', ..] => is_responsibility_transfer_id(s),
        [b'r', ..] => is_root_id(s),
        [b'o', ..] => is_organizational_unit_id(s),
        [b'p', ..] => is_policy_id(s),
        _ => is_account_id(s),
    }
}

/// `^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$` with the key's length, 1..=128 characters (current
/// edition). Unicode letters, separators and numbers are allowed: the pattern asks for
/// Unicode categories, not ASCII classes.
#[inline]
pub fn is_tag_key(s: &str) -> bool {
    (1..=128).contains(&char_length(s)) && first_non_tag_char(s).is_none()
}

/// Like [`is_tag_key`], with the value's length, 0..=256 characters.
#[inline]
pub fn is_tag_value(s: &str) -> bool {
    char_length(s) <= 256 && first_non_tag_char(s).is_none()
}

/// `[\w+=,.@-]*` with length 1..=128: an AWS service principal such as
/// `config.amazonaws.com` (current edition).
#[inline]
pub fn is_service_principal(s: &str) -> bool {
    (1..=128).contains(&s.len()) && all_bytes(s.as_bytes(), CharClass::ROLE_NAME)
}

/// An Email as AWS accepts it today (the current edition, the default):
/// `[^\s@]+@[^\s@]+\.[^\s@]+` as a full match (`\s` ASCII, DESIGN rule 1), length 6..=64
/// characters. Looser than the original edition's [`is_original_email`]: any character but
/// whitespace and `@` is allowed on either side.
#[inline]
pub fn is_email(s: &str) -> bool {
    (6..=64).contains(&char_length(s)) && is_current_email_shape(s.as_bytes())
}

/// The number of characters (Unicode scalar values) of `s`.
#[inline]
pub(crate) fn char_length(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

/// `\s` with ASCII classes (DESIGN rule 1).
#[inline]
pub(crate) fn is_ascii_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\x0b' | '\x0c' | '\r')
}

/// Whether `c` is in `[\p{L}\p{Z}\p{N}_.:/=+\-@]`: an ASCII letter, digit, space or one of
/// the listed marks, or a non-ASCII character of the Unicode categories L, Z or N (a table
/// generated from the Unicode data of `regex-syntax`).
#[inline]
pub(crate) fn is_tag_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
            || matches!(c, ' ' | '_' | '.' | ':' | '/' | '=' | '+' | '-' | '@')
    } else {
        use crate::generated::unicode::{TAG_CHARACTER_SPANS, TAG_CHARACTER_STARTS};
        // The last range that starts at or before `c`, if `c` is within it.
        let c = c as u32;
        let after = TAG_CHARACTER_STARTS.partition_point(|&start| start <= c);
        after > 0
            && c - TAG_CHARACTER_STARTS[after - 1] <= u32::from(TAG_CHARACTER_SPANS[after - 1])
    }
}

/// The position and character of the first character a tag key or value may not hold.
pub(crate) fn first_non_tag_char(s: &str) -> Option<(usize, char)> {
    s.chars().enumerate().find(|(_, c)| !is_tag_char(*c))
}

/// Whether [`current_email_shape`] accepts `bytes`, without finding where it fails: one '@',
/// not first; no ASCII whitespace; after the '@', a dot with text on both sides. Whole-slice
/// searches instead of a decision per byte (a test holds the two to the same answers).
#[inline]
fn is_current_email_shape(bytes: &[u8]) -> bool {
    let Some(at) = bytes.iter().position(|&b| b == b'@') else {
        return false;
    };
    let domain = &bytes[at + 1..];
    // `\s` in ASCII: U+0009 to U+000D and the space.
    let no_space = bytes.iter().fold(true, |clean, &b| {
        clean & (b.wrapping_sub(0x09) > 4) & (b != b' ')
    });
    at > 0
        && no_space
        && !domain.contains(&b'@')
        && domain.len() >= 3
        && domain[1..domain.len() - 1].contains(&b'.')
}

/// Checks the current edition's Email structure; on failure, the character position and what
/// is wrong there. Every character the pattern refuses (ASCII whitespace, `@`) and the `.` it
/// looks for are ASCII, so the scan reads bytes; positions are counted in characters only
/// for a failure.
fn current_email_shape(s: &str) -> Result<(), (usize, EmailFault)> {
    let bytes = s.as_bytes();
    let position = |offset: usize| s[..offset].chars().count();
    let mut at = None;
    let mut last_dot_after_at = None;
    for (offset, &b) in bytes.iter().enumerate() {
        match b {
            b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r' => {
                return Err((position(offset), EmailFault::BadCharacter))
            }
            b'@' if at.is_some() => return Err((position(offset), EmailFault::BadCharacter)),
            b'@' => at = Some(offset),
            b'.' if at.is_some() => last_dot_after_at = Some(offset),
            _ => {}
        }
    }
    let Some(at) = at else {
        return Err((position(bytes.len()), EmailFault::MissingAt));
    };
    if at == 0 {
        return Err((0, EmailFault::EmptyLocalPart));
    }
    // `[^\s@]+\.[^\s@]+` after the '@': some dot with text on both sides.
    match last_dot_after_at {
        None => Err((position(bytes.len()), EmailFault::MissingDot)),
        // The last dot directly follows the '@', so every dot does.
        Some(dot) if dot == at + 1 => Err((position(dot), EmailFault::EmptyDomainName)),
        Some(dot) if dot + 1 == bytes.len() => {
            // Ends with a dot: an earlier one with text on both sides also does.
            let earlier = bytes[at + 2..dot].contains(&b'.');
            if earlier {
                Ok(())
            } else {
                Err((position(bytes.len()), EmailFault::EmptyTopLevel))
            }
        }
        Some(_) => Ok(()),
    }
}

/// Printable ASCII (U+0020–U+007E), length `min..=max` (DESIGN rule 4).
#[inline]
fn is_ascii_name(s: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&s.len()) && all_bytes(s.as_bytes(), CharClass::PRINTABLE)
}

/// Checks the structure of an email address made of ASCII bytes; on failure, the byte offset
/// and what is wrong there.
fn email_shape(bytes: &[u8]) -> Result<(), (usize, EmailFault)> {
    let at = bytes.iter().position(|&b| b == b'@');
    let local_end = at.unwrap_or(bytes.len());
    if let Some(bad) = bytes[..local_end]
        .iter()
        .position(|&b| !CharClass::EMAIL_LOCAL.contains(b))
    {
        return Err((bad, EmailFault::BadCharacter));
    }
    let Some(at) = at else {
        return Err((bytes.len(), EmailFault::MissingAt));
    };
    if at == 0 {
        return Err((0, EmailFault::EmptyLocalPart));
    }
    let domain_start = at + 1;
    let domain = &bytes[domain_start..];
    if let Some(bad) = domain
        .iter()
        .position(|&b| !CharClass::EMAIL_DOMAIN.contains(b))
    {
        return Err((domain_start + bad, EmailFault::BadCharacter));
    }
    let Some(dot) = domain.iter().rposition(|&b| b == b'.') else {
        return Err((bytes.len(), EmailFault::MissingDot));
    };
    if dot == 0 {
        return Err((domain_start, EmailFault::EmptyDomainName));
    }
    let top = &domain[dot + 1..];
    if top.is_empty() {
        return Err((bytes.len(), EmailFault::EmptyTopLevel));
    }
    if let Some(bad) = top.iter().position(|&b| !CharClass::WORD.contains(b)) {
        return Err((domain_start + dot + 1 + bad, EmailFault::BadCharacter));
    }
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EmailFault {
    BadCharacter,
    MissingAt,
    EmptyLocalPart,
    MissingDot,
    EmptyDomainName,
    EmptyTopLevel,
}

// ---------------------------------------------------------------------------------------------
// Kinds.

/// Every kind of value this module checks. Bindings address kinds by [`ValueKind::name`].
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ValueKind {
    /// 12-digit AWS account ID.
    AccountId,
    /// `o-…` organization ID.
    OrganizationId,
    /// `r-…` root ID.
    RootId,
    /// `ou-…-…` organizational unit ID.
    OrganizationalUnitId,
    /// `p-…` policy ID.
    PolicyId,
    /// `h-…` handshake ID.
    HandshakeId,
    /// `car-…` create-account request ID.
    CreateAccountRequestId,
    /// Account or OU ID.
    ChildId,
    /// Root or OU ID.
    ParentId,
    /// Root, account or OU ID.
    PolicyTargetId,
    /// Email address of an account.
    Email,
    /// IAM role name.
    RoleName,
    /// Account name.
    AccountName,
    /// Organizational unit name.
    OrganizationalUnitName,
    /// Policy name.
    PolicyName,
    /// Organizations ARN of any form (see [`crate::arn`]).
    Arn,
    /// `rp-…` resource policy ID (current edition).
    ResourcePolicyId,
    /// `rt-…` responsibility transfer ID (current edition).
    ResponsibilityTransferId,
    /// Root, account, OU, policy, resource policy or responsibility transfer ID: what can be
    /// tagged (current edition).
    TaggableResourceId,
    /// A tag's key (current edition).
    TagKey,
    /// A tag's value (current edition).
    TagValue,
    /// An AWS service principal, e.g. `config.amazonaws.com` (current edition).
    ServicePrincipal,
}

impl ValueKind {
    /// Every kind, in declaration order.
    pub const ALL: &'static [ValueKind] = &[
        ValueKind::AccountId,
        ValueKind::OrganizationId,
        ValueKind::RootId,
        ValueKind::OrganizationalUnitId,
        ValueKind::PolicyId,
        ValueKind::HandshakeId,
        ValueKind::CreateAccountRequestId,
        ValueKind::ChildId,
        ValueKind::ParentId,
        ValueKind::PolicyTargetId,
        ValueKind::Email,
        ValueKind::RoleName,
        ValueKind::AccountName,
        ValueKind::OrganizationalUnitName,
        ValueKind::PolicyName,
        ValueKind::Arn,
        ValueKind::ResourcePolicyId,
        ValueKind::ResponsibilityTransferId,
        ValueKind::TaggableResourceId,
        ValueKind::TagKey,
        ValueKind::TagValue,
        ValueKind::ServicePrincipal,
    ];

    /// The kinds of the original edition (the first sixteen of [`ValueKind::ALL`]).
    pub const ORIGINAL: &'static [ValueKind] = ValueKind::ALL.split_at(16).0;

    /// Whether `edition` has this kind (the original edition lacks the kinds its models do
    /// not know).
    #[inline]
    pub fn is_in(self, edition: crate::Edition) -> bool {
        // Every edition's kinds are a prefix of `ALL`, which lists the kinds in declaration
        // order (`editions_list_prefixes_of_all` checks both): the position decides, with no
        // search (the predicates ask this on every call).
        (self as usize) < edition.value_kinds().len()
    }

    /// The model's shape name, e.g. `"AccountId"`.
    pub const fn name(self) -> &'static str {
        match self {
            ValueKind::AccountId => "AccountId",
            ValueKind::OrganizationId => "OrganizationId",
            ValueKind::RootId => "RootId",
            ValueKind::OrganizationalUnitId => "OrganizationalUnitId",
            ValueKind::PolicyId => "PolicyId",
            ValueKind::HandshakeId => "HandshakeId",
            ValueKind::CreateAccountRequestId => "CreateAccountRequestId",
            ValueKind::ChildId => "ChildId",
            ValueKind::ParentId => "ParentId",
            ValueKind::PolicyTargetId => "PolicyTargetId",
            ValueKind::Email => "Email",
            ValueKind::RoleName => "RoleName",
            ValueKind::AccountName => "AccountName",
            ValueKind::OrganizationalUnitName => "OrganizationalUnitName",
            ValueKind::PolicyName => "PolicyName",
            ValueKind::Arn => "Arn",
            ValueKind::ResourcePolicyId => "ResourcePolicyId",
            ValueKind::ResponsibilityTransferId => "ResponsibilityTransferId",
            ValueKind::TaggableResourceId => "TaggableResourceId",
            ValueKind::TagKey => "TagKey",
            ValueKind::TagValue => "TagValue",
            ValueKind::ServicePrincipal => "ServicePrincipal",
        }
    }

    /// Looks a kind up by its shape name.
    pub fn from_name(name: &str) -> Option<ValueKind> {
        Self::ALL.iter().copied().find(|kind| kind.name() == name)
    }

    /// Like [`ValueKind::from_name`], with an error that lists the valid names.
    pub fn parse_name(name: &str) -> Result<ValueKind, crate::error::UnknownName> {
        Self::from_name(name).ok_or_else(|| crate::error::UnknownName {
            what: "kind",
            name: name.to_owned(),
            known: Self::ALL.iter().map(|kind| kind.name()).collect(),
            note: None,
        })
    }

    /// Like [`ValueKind::parse_name`], among the kinds `edition` has: the error lists them,
    /// and names the edition that has the kind when another one does.
    pub fn parse_name_in(
        edition: crate::Edition,
        name: &str,
    ) -> Result<ValueKind, crate::error::UnknownName> {
        let found = Self::from_name(name);
        match found {
            Some(kind) if kind.is_in(edition) => Ok(kind),
            _ => Err(crate::error::UnknownName {
                what: "kind",
                name: name.to_owned(),
                known: edition
                    .value_kinds()
                    .iter()
                    .map(|kind| kind.name())
                    .collect(),
                note: found.and_then(|kind| {
                    let other = crate::Edition::ALL
                        .iter()
                        .find(|other| **other != edition && kind.is_in(**other))?;
                    Some(format!("{name} is a kind of the {other} edition only"))
                }),
            }),
        }
    }

    /// The name used in messages, AWS style (`'accountId'`).
    fn member_name(self) -> &'static str {
        match self {
            ValueKind::AccountId => "accountId",
            ValueKind::OrganizationId => "organizationId",
            ValueKind::RootId => "rootId",
            ValueKind::OrganizationalUnitId => "organizationalUnitId",
            ValueKind::PolicyId => "policyId",
            ValueKind::HandshakeId => "handshakeId",
            ValueKind::CreateAccountRequestId => "createAccountRequestId",
            ValueKind::ChildId => "childId",
            ValueKind::ParentId => "parentId",
            ValueKind::PolicyTargetId => "targetId",
            ValueKind::Email => "email",
            ValueKind::RoleName => "roleName",
            ValueKind::AccountName => "accountName",
            ValueKind::OrganizationalUnitName => "name",
            ValueKind::PolicyName => "name",
            ValueKind::Arn => "arn",
            ValueKind::ResourcePolicyId => "resourcePolicyId",
            ValueKind::ResponsibilityTransferId => "id",
            ValueKind::TaggableResourceId => "resourceId",
            ValueKind::TagKey => "key",
            ValueKind::TagValue => "value",
            ValueKind::ServicePrincipal => "servicePrincipal",
        }
    }

    /// The pattern the value must match in full, as shown in messages. Union IDs show the
    /// anchored union (DESIGN rule 2); names show the printable-ASCII rule (DESIGN rule 4).
    pub const fn pattern(self) -> &'static str {
        match self {
            ValueKind::AccountId => r"^\d{12}$",
            ValueKind::OrganizationId => "^o-[a-z0-9]{10,32}$",
            ValueKind::RootId => "^r-[0-9a-z]{4,32}$",
            ValueKind::OrganizationalUnitId => "^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$",
            ValueKind::PolicyId => "^p-[0-9a-zA-Z_]{8,128}$",
            ValueKind::HandshakeId => "^h-[0-9a-z]{8,32}$",
            ValueKind::CreateAccountRequestId => "^car-[a-z0-9]{8,32}$",
            ValueKind::ChildId => r"^(\d{12}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$",
            ValueKind::ParentId => "^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$",
            ValueKind::PolicyTargetId => {
                r"^(r-[0-9a-z]{4,32}|\d{12}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$"
            }
            ValueKind::Email => r"[^\s@]+@[^\s@]+\.[^\s@]+",
            ValueKind::RoleName => r"[\w+=,.@-]{1,64}",
            ValueKind::AccountName | ValueKind::OrganizationalUnitName | ValueKind::PolicyName => {
                r"[\u0020-\u007E]+"
            }
            ValueKind::Arn => {
                r"arn:(aws|aws-cn|aws-us-gov):organizations::(\d{12}|aws):<organization|account|root|ou|policy|handshake|resourcepolicy|transfer>/…"
            }
            ValueKind::ResourcePolicyId => "^rp-[0-9a-zA-Z_]{4,128}$",
            ValueKind::ResponsibilityTransferId => "^rt-[0-9a-z]{8,32}$",
            ValueKind::TaggableResourceId => {
                r"^(r-[0-9a-z]{4,32}|\d{12}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|p-[0-9a-zA-Z_]{8,128}|rp-[0-9a-zA-Z_]{4,128}|rt-[0-9a-z]{8,32})$"
            }
            ValueKind::TagKey | ValueKind::TagValue => r"^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$",
            ValueKind::ServicePrincipal => r"[\w+=,.@-]*",
        }
    }

    /// [`ValueKind::pattern`] as a regular expression a schema can carry (JSON Schema's
    /// `pattern`, an HTML `pattern` attribute), anchored at both ends; `None` for ARNs, whose
    /// rule is a grammar of several resource forms rather than one expression. The schema
    /// describes the rule; the matchers here remain what decides.
    pub fn schema_pattern(self) -> Option<String> {
        let pattern = self.pattern();
        match self {
            ValueKind::Arn => None,
            // `\s` written as the ASCII class it means (DESIGN rule 1).
            ValueKind::Email => {
                Some(r"^[^ \t\n\x0B\f\r@]+@[^ \t\n\x0B\f\r@]+\.[^ \t\n\x0B\f\r@]+$".to_owned())
            }
            _ if pattern.starts_with('^') => Some(pattern.to_owned()),
            _ => Some(format!("^(?:{pattern})$")),
        }
    }

    /// The model's length bounds of the whole value, where it has any.
    pub const fn length_bounds(self) -> Option<(usize, usize)> {
        match self {
            ValueKind::Email => Some((6, 64)),
            ValueKind::AccountName => Some((1, 50)),
            ValueKind::OrganizationalUnitName | ValueKind::PolicyName => Some((1, 128)),
            ValueKind::TagKey | ValueKind::ServicePrincipal => Some((1, 128)),
            ValueKind::TagValue => Some((0, 256)),
            ValueKind::TaggableResourceId => Some((0, 130)),
            _ => None,
        }
    }

    /// Whether the model marks the value `sensitive` (it is then redacted in messages and
    /// `Debug` output, DESIGN rule 10).
    pub const fn is_sensitive(self) -> bool {
        matches!(self, ValueKind::Email | ValueKind::AccountName)
    }

    /// The code a pattern failure of this kind reports.
    const fn pattern_code(self) -> ErrorCode {
        match self {
            ValueKind::PolicyTargetId => ErrorCode::InvalidPatternTargetId,
            _ => ErrorCode::InvalidPattern,
        }
    }

    /// Fast yes/no check under the default edition's rule (the current one; only
    /// [`ValueKind::Email`]'s differs, [`ValueKind::is_valid_in`] takes the edition).
    #[inline]
    pub fn is_valid(self, s: &str) -> bool {
        self.predicate()(s)
    }

    /// The function behind [`ValueKind::is_valid`]: a plain function, so that code that knows
    /// the kind when it is compiled calls the kind's predicate directly (no dispatch).
    #[inline]
    pub fn predicate(self) -> fn(&str) -> bool {
        match self {
            ValueKind::AccountId => is_account_id,
            ValueKind::OrganizationId => is_organization_id,
            ValueKind::RootId => is_root_id,
            ValueKind::OrganizationalUnitId => is_organizational_unit_id,
            ValueKind::PolicyId => is_policy_id,
            ValueKind::HandshakeId => is_handshake_id,
            ValueKind::CreateAccountRequestId => is_create_account_request_id,
            ValueKind::ChildId => is_child_id,
            ValueKind::ParentId => is_parent_id,
            ValueKind::PolicyTargetId => is_policy_target_id,
            ValueKind::Email => is_email,
            ValueKind::RoleName => is_role_name,
            ValueKind::AccountName => |s| is_ascii_name(s, 1, 50),
            ValueKind::OrganizationalUnitName | ValueKind::PolicyName => {
                |s| is_ascii_name(s, 1, 128)
            }
            ValueKind::Arn => crate::arn::is_arn,
            ValueKind::ResourcePolicyId => is_resource_policy_id,
            ValueKind::ResponsibilityTransferId => is_responsibility_transfer_id,
            ValueKind::TaggableResourceId => is_taggable_resource_id,
            ValueKind::TagKey => is_tag_key,
            ValueKind::TagValue => is_tag_value,
            ValueKind::ServicePrincipal => is_service_principal,
        }
    }

    /// The specific kind `s` is, when it is a valid value of `self`: for the unions (`ChildId`,
    /// `ParentId`, `PolicyTargetId`) the kind of ID inside, otherwise `self`.
    pub fn classify(self, s: &str) -> Option<ValueKind> {
        let alternatives: &[ValueKind] = match self {
            ValueKind::ChildId => &[ValueKind::AccountId, ValueKind::OrganizationalUnitId],
            ValueKind::ParentId => &[ValueKind::RootId, ValueKind::OrganizationalUnitId],
            ValueKind::PolicyTargetId => &[
                ValueKind::RootId,
                ValueKind::AccountId,
                ValueKind::OrganizationalUnitId,
            ],
            ValueKind::TaggableResourceId => &[
                ValueKind::RootId,
                ValueKind::AccountId,
                ValueKind::OrganizationalUnitId,
                ValueKind::PolicyId,
                ValueKind::ResourcePolicyId,
                ValueKind::ResponsibilityTransferId,
            ],
            _ => return self.is_valid(s).then_some(self),
        };
        alternatives.iter().copied().find(|kind| kind.is_valid(s))
    }

    /// Checks `s` and, when it is not valid, explains every rule that failed.
    pub fn check(self, s: &str) -> Result<(), ParseError> {
        if self.is_valid(s) {
            return Ok(());
        }
        let rules = self.diagnose(s);
        debug_assert!(
            !rules.is_empty(),
            "{self:?} rejected {s:?} without a reason"
        );
        Err(ParseError::new(self, s, rules))
    }

    /// Finds the failed rules of a value that `is_valid` rejected.
    fn diagnose(self, s: &str) -> Vec<Rule> {
        match self {
            ValueKind::AccountId => vec![ACCOUNT.diagnose(s)],
            ValueKind::OrganizationId => vec![ORGANIZATION.diagnose(s)],
            ValueKind::RootId => vec![ROOT.diagnose(s)],
            ValueKind::OrganizationalUnitId => vec![ORGANIZATIONAL_UNIT.diagnose(s)],
            ValueKind::PolicyId => vec![POLICY.diagnose(s)],
            ValueKind::HandshakeId => vec![HANDSHAKE.diagnose(s)],
            ValueKind::CreateAccountRequestId => vec![CREATE_ACCOUNT_REQUEST.diagnose(s)],
            ValueKind::ChildId => vec![diagnose_union(
                s,
                &[&ACCOUNT, &ORGANIZATIONAL_UNIT],
                "12 digits (an account) or 'ou-' (an organizational unit)",
            )],
            ValueKind::ParentId => vec![diagnose_union(
                s,
                &[&ROOT, &ORGANIZATIONAL_UNIT],
                "'r-' (a root) or 'ou-' (an organizational unit)",
            )],
            ValueKind::PolicyTargetId => vec![diagnose_union(
                s,
                &[&ROOT, &ACCOUNT, &ORGANIZATIONAL_UNIT],
                "'r-' (a root), 12 digits (an account) or 'ou-' (an organizational unit)",
            )],
            ValueKind::Email => diagnose_current_email(s),
            ValueKind::RoleName => vec![ROLE_NAME.diagnose(s)],
            ValueKind::AccountName | ValueKind::OrganizationalUnitName | ValueKind::PolicyName => {
                diagnose_text(self, s, |c| CharClass::PRINTABLE.contains_char(c))
            }
            ValueKind::Arn => vec![crate::arn::diagnose(s).unwrap_or_else(|| unreachable_rule(0))],
            ValueKind::ResourcePolicyId => vec![RESOURCE_POLICY.diagnose(s)],
            ValueKind::ResponsibilityTransferId => vec![RESPONSIBILITY_TRANSFER.diagnose(s)],
            ValueKind::TaggableResourceId => {
                let mut rules = Vec::with_capacity(2);
                let length = char_length(s);
                if length > 130 {
                    rules.push(Rule::MaxLength {
                        max: 130,
                        actual: length,
                    });
                }
                if !is_taggable_resource_id_pattern(s) {
                    rules.push(diagnose_union(
                s,
                &[
                    &ROOT,
                    &ACCOUNT,
                    &ORGANIZATIONAL_UNIT,
                    &POLICY,
                    &RESOURCE_POLICY,
                    &RESPONSIBILITY_TRANSFER,
                ],
                "'r-' (a root), 12 digits (an account), 'ou-' (an organizational unit), 'p-' (a policy), 'rp-' (a resource policy) or 'rt-' (a responsibility transfer)",
            ));
                }
                rules
            }
            ValueKind::TagKey | ValueKind::TagValue => diagnose_text(self, s, is_tag_char),
            ValueKind::ServicePrincipal => {
                diagnose_text(self, s, |c| CharClass::ROLE_NAME.contains_char(c))
            }
        }
    }
}

impl ValueKind {
    /// [`ValueKind::is_valid`] under `edition`'s rules. Only the Email rule differs between
    /// the editions; a kind the edition does not have ([`ValueKind::is_in`]) is never valid.
    #[inline]
    pub fn is_valid_in(self, edition: crate::Edition, s: &str) -> bool {
        self.predicate_in(edition)(s)
    }

    /// The number the Node package's fast paths name this kind in `edition` by:
    /// `edition << 8 | kind`, positions in [`crate::Edition::ALL`] and [`ValueKind::ALL`]
    /// (the generated JavaScript, the addon's raw callbacks and the V8 fast calls agree on it).
    #[doc(hidden)]
    pub fn fast_path_code(self, edition: crate::Edition) -> u32 {
        let position = |found: Option<usize>| found.unwrap_or(0xff) as u32;
        let kind = position(ValueKind::ALL.iter().position(|k| *k == self));
        let edition = position(crate::Edition::ALL.iter().position(|e| *e == edition));
        edition << 8 | kind
    }

    /// The kind and edition a [`ValueKind::fast_path_code`] names; `None` for a code that names
    /// none.
    #[doc(hidden)]
    #[inline]
    pub fn from_fast_path_code(code: u32) -> Option<(ValueKind, crate::Edition)> {
        let kind = *ValueKind::ALL.get((code & 0xff) as usize)?;
        let edition = *crate::Edition::ALL.get((code >> 8) as usize)?;
        Some((kind, edition))
    }

    /// Whether the editions that have this kind give it different rules (the arms of
    /// [`ValueKind::predicate_in`] that name an edition): for every other kind,
    /// `is_valid_in(edition, s)` is `is_valid(s)` wherever the edition has the kind.
    pub const fn rule_differs_by_edition(self) -> bool {
        matches!(self, ValueKind::Email | ValueKind::Arn)
    }

    /// The function behind [`ValueKind::is_valid_in`] for `edition` (see
    /// [`ValueKind::predicate`]).
    #[inline]
    pub fn predicate_in(self, edition: crate::Edition) -> fn(&str) -> bool {
        use crate::Edition;
        match (self, edition) {
            (ValueKind::Email, Edition::Original) => is_original_email,
            (ValueKind::Arn, Edition::Original) => |s| {
                crate::arn::resource_type_of(s).is_ok_and(|found| found.is_in(Edition::Original))
            },
            (ValueKind::Arn, Edition::Current) => {
                |s| crate::arn::resource_type_of(s).is_ok_and(|found| found.is_in(Edition::Current))
            }
            _ if self.is_in(edition) => self.predicate(),
            _ => |_| false,
        }
    }

    /// [`ValueKind::check`] under `edition`'s rules. A kind the edition does not have is an
    /// error naming the edition.
    pub fn check_in(self, edition: crate::Edition, s: &str) -> Result<(), ParseError> {
        match (self, edition) {
            (ValueKind::Email, crate::Edition::Original) => {
                if is_original_email(s) {
                    Ok(())
                } else {
                    Err(ParseError::new(self, s, diagnose_email(s)).in_edition(edition))
                }
            }
            (ValueKind::Arn, _) => match crate::arn::resource_type_of(s) {
                Ok(found) if !found.is_in(edition) => Err(ParseError::new(
                    self,
                    s,
                    vec![Rule::Malformed {
                        position: 0,
                        detail:
                            "this ARN form (resourcepolicy, transfer) is the current edition's only",
                    }],
                )),
                _ => self.check(s).map_err(|err| err.in_edition(edition)),
            },
            _ if !self.is_in(edition) => Err(ParseError::new(
                self,
                s,
                vec![Rule::Malformed {
                    position: 0,
                    detail: "this edition has no such kind of value",
                }],
            )),
            _ => self.check(s).map_err(|err| err.in_edition(edition)),
        }
    }

    /// [`ValueKind::pattern`] under `edition`'s model.
    pub const fn pattern_in(self, edition: crate::Edition) -> &'static str {
        match (self, edition) {
            (ValueKind::Email, crate::Edition::Original) => r"[\w+=,.-]+@[\w.-]+\.[\w]+",
            (ValueKind::Arn, crate::Edition::Original) => {
                r"arn:(aws|aws-cn|aws-us-gov):organizations::(\d{12}|aws):<organization|account|root|ou|policy|handshake>/…"
            }
            _ => self.pattern(),
        }
    }

    /// [`ValueKind::schema_pattern`] under `edition`'s model.
    pub fn schema_pattern_in(self, edition: crate::Edition) -> Option<String> {
        match (self, edition) {
            (ValueKind::Email, crate::Edition::Original) => {
                Some(format!("^(?:{})$", self.pattern_in(edition)))
            }
            _ => self.schema_pattern(),
        }
    }

    /// [`ValueKind::pattern_failure`] under `edition`'s rules.
    pub fn pattern_failure_in(self, edition: crate::Edition, text: &str) -> Option<Rule> {
        match (self, edition) {
            (ValueKind::Email, crate::Edition::Original) => original_email_pattern_failure(text),
            _ => self.pattern_failure(text),
        }
    }
}

impl ValueKind {
    /// The pattern part of this kind's rules: `None` when `text` matches the pattern,
    /// otherwise the first pattern rule it breaks (length bounds are not applied; a request
    /// shape has its own).
    pub fn pattern_failure(self, text: &str) -> Option<Rule> {
        if self.length_bounds().is_none() && self.is_valid(text) {
            return None;
        }
        match self.check(text) {
            Ok(()) => None,
            Err(err) => err
                .rules()
                .iter()
                .find(|rule| !matches!(rule, Rule::MinLength { .. } | Rule::MaxLength { .. }))
                .cloned(),
        }
    }
}

impl fmt::Display for ValueKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

// ---------------------------------------------------------------------------------------------
// Diagnosis.

/// One rule that a value broke. Positions count Unicode scalar values from 0.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    /// The value is empty.
    Empty,
    /// The value does not start with the expected prefix.
    WrongPrefix {
        /// Where the prefix should start (0 for a standalone value).
        position: usize,
        /// What it should start with.
        expected: &'static str,
    },
    /// A character outside the allowed class.
    BadCharacter {
        /// Where it is.
        position: usize,
        /// The character found.
        found: char,
    },
    /// A part of the pattern is shorter than the pattern allows.
    TooShort {
        /// Which part (e.g. "the digits", "the part after 'r-'").
        part: &'static str,
        /// The fewest characters allowed.
        min: usize,
        /// How many there are.
        actual: usize,
    },
    /// A part of the pattern is longer than the pattern allows.
    TooLong {
        /// Which part.
        part: &'static str,
        /// The most characters allowed.
        max: usize,
        /// How many there are.
        actual: usize,
    },
    /// A separator the pattern requires is missing.
    MissingSeparator {
        /// Where it was expected.
        position: usize,
        /// The separator.
        separator: char,
    },
    /// The value has the wrong overall structure.
    Malformed {
        /// Where the problem shows.
        position: usize,
        /// What is wrong.
        detail: &'static str,
    },
    /// The whole value is shorter than the shape's minimum length.
    MinLength {
        /// The minimum.
        min: usize,
        /// The value's length.
        actual: usize,
    },
    /// The whole value is longer than the shape's maximum length.
    MaxLength {
        /// The maximum.
        max: usize,
        /// The value's length.
        actual: usize,
    },
}

impl Rule {
    /// A stable snake_case name for the rule (used by the shared test vectors).
    pub const fn name(&self) -> &'static str {
        match self {
            Rule::Empty => "empty",
            Rule::WrongPrefix { .. } => "wrong_prefix",
            Rule::BadCharacter { .. } => "bad_character",
            Rule::TooShort { .. } => "too_short",
            Rule::TooLong { .. } => "too_long",
            Rule::MissingSeparator { .. } => "missing_separator",
            Rule::Malformed { .. } => "malformed",
            Rule::MinLength { .. } => "min_length",
            Rule::MaxLength { .. } => "max_length",
        }
    }

    /// The position the rule points at, where it points at one.
    pub const fn position(&self) -> Option<usize> {
        match self {
            Rule::BadCharacter { position, .. }
            | Rule::WrongPrefix { position, .. }
            | Rule::MissingSeparator { position, .. }
            | Rule::Malformed { position, .. } => Some(*position),
            _ => None,
        }
    }

    /// Shifts positions by `offset` (for a part checked inside a larger value, like an ARN).
    pub(crate) fn shifted(self, offset: usize) -> Rule {
        match self {
            Rule::BadCharacter { position, found } => Rule::BadCharacter {
                position: position + offset,
                found,
            },
            Rule::MissingSeparator {
                position,
                separator,
            } => Rule::MissingSeparator {
                position: position + offset,
                separator,
            },
            Rule::Malformed { position, detail } => Rule::Malformed {
                position: position + offset,
                detail,
            },
            Rule::WrongPrefix { position, expected } => Rule::WrongPrefix {
                position: position + offset,
                expected,
            },
            other => other,
        }
    }

    /// The code this rule reports for a value of `kind`.
    fn code(&self, kind: ValueKind) -> ErrorCode {
        match self {
            Rule::MinLength { .. } => ErrorCode::MinLengthExceeded,
            Rule::MaxLength { .. } => ErrorCode::MaxLengthExceeded,
            _ => kind.pattern_code(),
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rule::Empty => f.write_str("the value is empty"),
            Rule::WrongPrefix { position, expected } => {
                write!(f, "expected {expected} at position {position}")
            }
            Rule::BadCharacter { position, found } => {
                write!(
                    f,
                    "character {found:?} at position {position} is not allowed"
                )
            }
            Rule::TooShort { part, min, actual } => write!(
                f,
                "{part} has {actual} character{}, at least {min} required",
                plural(*actual)
            ),
            Rule::TooLong { part, max, actual } => write!(
                f,
                "{part} has {actual} character{}, at most {max} allowed",
                plural(*actual)
            ),
            Rule::MissingSeparator {
                position,
                separator,
            } => write!(f, "expected {separator:?} at position {position}"),
            Rule::Malformed { position, detail } => write!(f, "{detail} (at position {position})"),
            Rule::MinLength { actual, .. } | Rule::MaxLength { actual, .. } => {
                write!(f, "it has {actual} character{}", plural(*actual))
            }
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// A simple ID: a literal prefix, then one or more groups of one character class separated by
/// `-`, each with a length range.
pub(crate) struct IdGrammar {
    pub(crate) prefix: &'static str,
    pub(crate) groups: &'static [Group],
}

pub(crate) struct Group {
    pub(crate) part: &'static str,
    pub(crate) min: usize,
    pub(crate) max: usize,
    pub(crate) class: CharClass,
}

pub(crate) const ACCOUNT: IdGrammar = IdGrammar {
    prefix: "",
    groups: &[Group {
        part: "the account ID",
        min: 12,
        max: 12,
        class: CharClass::DIGIT,
    }],
};
pub(crate) const ORGANIZATION: IdGrammar = IdGrammar {
    prefix: "o-",
    groups: &[Group {
        part: "the part after 'o-'",
        min: 10,
        max: 32,
        class: CharClass::LOWER_ALNUM,
    }],
};
pub(crate) const ROOT: IdGrammar = IdGrammar {
    prefix: "r-",
    groups: &[Group {
        part: "the part after 'r-'",
        min: 4,
        max: 32,
        class: CharClass::LOWER_ALNUM,
    }],
};
pub(crate) const ORGANIZATIONAL_UNIT: IdGrammar = IdGrammar {
    prefix: "ou-",
    groups: &[
        Group {
            part: "the root part after 'ou-'",
            min: 4,
            max: 32,
            class: CharClass::LOWER_ALNUM,
        },
        Group {
            part: "the last part",
            min: 8,
            max: 32,
            class: CharClass::LOWER_ALNUM,
        },
    ],
};
pub(crate) const POLICY: IdGrammar = IdGrammar {
    prefix: "p-",
    groups: &[Group {
        part: "the part after 'p-'",
        min: 8,
        max: 128,
        class: CharClass::WORD,
    }],
};
pub(crate) const HANDSHAKE: IdGrammar = IdGrammar {
    prefix: "h-",
    groups: &[Group {
        part: "the part after 'h-'",
        min: 8,
        max: 32,
        class: CharClass::LOWER_ALNUM,
    }],
};
pub(crate) const CREATE_ACCOUNT_REQUEST: IdGrammar = IdGrammar {
    prefix: "car-",
    groups: &[Group {
        part: "the part after 'car-'",
        min: 8,
        max: 32,
        class: CharClass::LOWER_ALNUM,
    }],
};
pub(crate) const RESOURCE_POLICY: IdGrammar = IdGrammar {
    prefix: "rp-",
    groups: &[Group {
        part: "the part after 'rp-'",
        min: 4,
        max: 128,
        class: CharClass::WORD,
    }],
};
pub(crate) const RESPONSIBILITY_TRANSFER: IdGrammar = IdGrammar {
    prefix: "rt-",
    groups: &[Group {
        part: "the part after 'rt-'",
        min: 8,
        max: 32,
        class: CharClass::LOWER_ALNUM,
    }],
};
pub(crate) const ROLE_NAME: IdGrammar = IdGrammar {
    prefix: "",
    groups: &[Group {
        part: "the role name",
        min: 1,
        max: 64,
        class: CharClass::ROLE_NAME,
    }],
};

impl IdGrammar {
    /// Whether `s` matches the whole grammar (the general, table-driven matcher; the `is_*`
    /// predicates above are the tuned equivalents).
    pub(crate) fn matches(&self, s: &str) -> bool {
        self.match_prefix(s.as_bytes()) == Some(s.len())
    }

    /// How many leading bytes of `bytes` form one value of this grammar, in a single pass.
    /// Each group is consumed greedily; no group's class holds the `/` or `:` that end an ARN
    /// part, nor (in multi-group grammars) the `-` between groups.
    #[inline]
    pub(crate) fn match_prefix(&self, bytes: &[u8]) -> Option<usize> {
        let mut at = self.prefix.len();
        // Skip the comparison for an empty prefix: measured here, `starts_with(b"")` went to
        // memcmp with a dangling pointer and cost ~100 ns.
        if at > 0 && !bytes.starts_with(self.prefix.as_bytes()) {
            return None;
        }
        let last = self.groups.len() - 1;
        for (index, group) in self.groups.iter().enumerate() {
            let start = at;
            // Stop one byte past the maximum: enough to know the group is too long.
            let limit = bytes
                .len()
                .min(start.saturating_add(group.max).saturating_add(1));
            let window = &bytes[start..limit];
            at += window
                .iter()
                .position(|&b| !group.class.contains(b))
                .unwrap_or(window.len());
            if !(group.min..=group.max).contains(&(at - start)) {
                return None;
            }
            if index < last {
                if bytes.get(at) != Some(&b'-') {
                    return None;
                }
                at += 1;
            }
        }
        Some(at)
    }

    /// `Ok` when `s` matches, else the first rule it breaks.
    pub(crate) fn check(&self, s: &str) -> Result<(), Rule> {
        if self.matches(s) {
            Ok(())
        } else {
            Err(self.diagnose(s))
        }
    }

    /// The first rule `s` breaks, scanning left to right. Only called on rejected values.
    fn diagnose(&self, s: &str) -> Rule {
        if s.is_empty() {
            return Rule::Empty;
        }
        let Some(rest) = s.strip_prefix(self.prefix) else {
            return Rule::WrongPrefix {
                position: 0,
                expected: quoted_prefix(self.prefix),
            };
        };
        let mut position = self.prefix.len();
        let mut chars = rest.chars();
        let last = self.groups.len() - 1;
        for (index, group) in self.groups.iter().enumerate() {
            let mut count = 0;
            let mut ended_by_separator = false;
            for c in chars.by_ref() {
                if group.class.contains_char(c) {
                    count += 1;
                    position += 1;
                } else if c == '-' && index < last {
                    ended_by_separator = true;
                    break;
                } else {
                    return Rule::BadCharacter { position, found: c };
                }
            }
            if count < group.min {
                return Rule::TooShort {
                    part: group.part,
                    min: group.min,
                    actual: count,
                };
            }
            if count > group.max {
                return Rule::TooLong {
                    part: group.part,
                    max: group.max,
                    actual: count,
                };
            }
            if index < last {
                if !ended_by_separator {
                    return Rule::MissingSeparator {
                        position,
                        separator: '-',
                    };
                }
                position += 1;
            }
        }
        unreachable_rule(position)
    }
}

/// A fallback for a value the fast matcher rejected but the diagnosis could not place; the
/// agreement tests make sure this never happens, and it still reports an error rather than
/// panicking if it ever did.
fn unreachable_rule(position: usize) -> Rule {
    Rule::Malformed {
        position,
        detail: "the value does not match the pattern",
    }
}

fn quoted_prefix(prefix: &'static str) -> &'static str {
    match prefix {
        "o-" => "'o-'",
        "r-" => "'r-'",
        "ou-" => "'ou-'",
        "p-" => "'p-'",
        "h-" => "'h-'",
        "car-" => "'car-'",
        "rp-" => "'rp-'",
        "rt-" => "'rt-'",
        "arn:" => "'arn:'",
        _ => "the expected prefix",
    }
}

fn diagnose_union(s: &str, grammars: &[&IdGrammar], expected: &'static str) -> Rule {
    if s.is_empty() {
        return Rule::Empty;
    }
    // Pick the alternative by its prefix; the account ID's is "a digit".
    let prefixed = grammars
        .iter()
        .find(|g| !g.prefix.is_empty() && s.starts_with(g.prefix));
    let chosen = prefixed.or_else(|| {
        grammars
            .iter()
            .find(|g| g.prefix.is_empty() && s.as_bytes()[0].is_ascii_digit())
    });
    match chosen {
        Some(grammar) => grammar.diagnose(s),
        None => Rule::WrongPrefix {
            position: 0,
            expected,
        },
    }
}

fn diagnose_email(s: &str) -> Vec<Rule> {
    let mut rules: Vec<Rule> = length_rule(s, 6, 64).into_iter().collect();
    if s.is_empty() {
        rules.push(Rule::Empty);
        return rules;
    }
    // Work on one byte per character so that offsets are character positions; a non-ASCII
    // character becomes 0xFF, which no class of the pattern admits. ASCII text (the usual
    // case) is its own such view, so a huge value is never copied.
    let narrowed: Vec<u8>;
    let bytes: &[u8] = if s.is_ascii() {
        s.as_bytes()
    } else {
        narrowed = s
            .chars()
            .map(|c| if c.is_ascii() { c as u8 } else { 0xff })
            .collect();
        &narrowed
    };
    if let Err((position, fault)) = email_shape(bytes) {
        rules.push(email_fault_rule(s, position, fault));
    }
    rules
}

/// The pattern part of the original Email rule: `None` when `text` matches
/// `[\w+=,.-]+@[\w.-]+\.[\w]+` in full (whatever its length), else the rule it breaks.
fn original_email_pattern_failure(text: &str) -> Option<Rule> {
    if text.is_ascii() && email_shape(text.as_bytes()).is_ok() {
        return None;
    }
    diagnose_email(text)
        .into_iter()
        .find(|rule| !matches!(rule, Rule::MinLength { .. } | Rule::MaxLength { .. }))
}

/// Why the current edition's Email rejects `s`: its length and its structure.
fn diagnose_current_email(s: &str) -> Vec<Rule> {
    let mut rules: Vec<Rule> = length_rule(s, 6, 64).into_iter().collect();
    if s.is_empty() {
        rules.push(Rule::Empty);
        return rules;
    }
    if let Err((position, fault)) = current_email_shape(s) {
        rules.push(email_fault_rule(s, position, fault));
    }
    rules
}

/// The rule an email fault at character `position` of `s` breaks.
fn email_fault_rule(s: &str, position: usize, fault: EmailFault) -> Rule {
    match fault {
        EmailFault::BadCharacter => Rule::BadCharacter {
            position,
            found: s.chars().nth(position).unwrap_or('\u{fffd}'),
        },
        EmailFault::MissingAt => Rule::Malformed {
            position,
            detail: "an email address needs an '@'",
        },
        EmailFault::EmptyLocalPart => Rule::Malformed {
            position,
            detail: "nothing before the '@'",
        },
        EmailFault::MissingDot => Rule::Malformed {
            position,
            detail: "the domain needs a '.'",
        },
        EmailFault::EmptyDomainName => Rule::Malformed {
            position,
            detail: "nothing between the '@' and the domain's last '.'",
        },
        EmailFault::EmptyTopLevel => Rule::Malformed {
            position,
            detail: "nothing after the domain's last '.'",
        },
    }
}

/// The length rule `s` breaks, if its character count is outside `min..=max`.
fn length_rule(s: &str, min: usize, max: usize) -> Option<Rule> {
    let actual = char_length(s);
    if actual < min {
        Some(Rule::MinLength { min, actual })
    } else if actual > max {
        Some(Rule::MaxLength { max, actual })
    } else {
        None
    }
}

/// Length bounds and one character set: the rules of names (printable ASCII, DESIGN rule 4),
/// tag keys and values and service principals.
fn diagnose_text(kind: ValueKind, s: &str, allowed: impl Fn(char) -> bool) -> Vec<Rule> {
    let (min, max) = kind.length_bounds().unwrap_or((0, usize::MAX));
    let mut rules: Vec<Rule> = length_rule(s, min, max).into_iter().collect();
    if let Some((position, found)) = s.chars().enumerate().find(|(_, c)| !allowed(*c)) {
        rules.push(Rule::BadCharacter { position, found });
    }
    if rules.is_empty() && s.is_empty() {
        rules.push(Rule::Empty);
    }
    rules
}

// ---------------------------------------------------------------------------------------------
// Errors.

/// Why a value was rejected: its kind and every rule it broke.
#[derive(Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.first_message())]
pub struct ParseError {
    kind: ValueKind,
    /// The pattern the messages quote: the kind's, in the edition that was checked.
    pattern: &'static str,
    rules: Vec<Rule>,
    /// The value as shown in messages: shortened, or `None` for a sensitive kind.
    shown: Option<String>,
}

/// How many characters of a rejected value a message repeats.
const SHOWN_CHARS: usize = 48;

/// The start of a rejected value, as messages repeat it: at most [`SHOWN_CHARS`] characters,
/// then `…`.
pub fn excerpt(value: &str) -> String {
    let mut shown: String = value.chars().take(SHOWN_CHARS).collect();
    if value.chars().nth(SHOWN_CHARS).is_some() {
        shown.push('…');
    }
    shown
}

impl ParseError {
    pub(crate) fn new(kind: ValueKind, value: &str, rules: Vec<Rule>) -> ParseError {
        let shown = (!kind.is_sensitive()).then(|| excerpt(value));
        ParseError {
            kind,
            pattern: kind.pattern(),
            rules,
            shown,
        }
    }

    /// The same error, quoting `edition`'s pattern of the kind.
    fn in_edition(mut self, edition: crate::Edition) -> ParseError {
        self.pattern = self.kind.pattern_in(edition);
        self
    }

    /// The kind of value that was checked.
    pub fn kind(&self) -> ValueKind {
        self.kind
    }

    /// Every rule the value broke (at least one).
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The catalogue codes of the broken rules, in order.
    pub fn codes(&self) -> impl Iterator<Item = ErrorCode> + '_ {
        self.rules.iter().map(|rule| rule.code(self.kind))
    }

    /// The problems as catalogue issues located at `path` (boto3 style; empty for a standalone
    /// value).
    pub fn issues_at(&self, path: &str) -> Vec<Issue> {
        self.rules
            .iter()
            .map(|rule| Issue {
                path: path.to_owned(),
                code: rule.code(self.kind),
                message: self.message(rule),
            })
            .collect()
    }

    /// The problems as a [`ValidationError`] located at `path`.
    pub fn into_validation_error(self, path: &str) -> ValidationError {
        ValidationError {
            issues: self.issues_at(path),
        }
    }

    fn message(&self, rule: &Rule) -> String {
        let value = match &self.shown {
            Some(shown) => format!("Value '{shown}'"),
            None => "Value (redacted)".to_owned(),
        };
        let constraint = match rule {
            Rule::MinLength { min, .. } => {
                format!("Member must have length greater than or equal to {min}")
            }
            Rule::MaxLength { max, .. } => {
                format!("Member must have length less than or equal to {max}")
            }
            _ => format!(
                "Member must satisfy regular expression pattern: {}",
                self.pattern
            ),
        };
        format!(
            "{value} at '{}' failed to satisfy constraint: {constraint} ({rule})",
            self.kind.member_name()
        )
    }

    fn first_message(&self) -> String {
        self.rules
            .first()
            .map(|rule| self.message(rule))
            .unwrap_or_default()
    }
}

impl fmt::Debug for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ParseError")
            .field("kind", &self.kind)
            .field("rules", &self.rules)
            .finish()
    }
}

impl From<ParseError> for ValidationError {
    fn from(err: ParseError) -> ValidationError {
        err.into_validation_error("")
    }
}

impl From<ParseError> for crate::error::Error {
    fn from(err: ParseError) -> crate::error::Error {
        crate::error::Error::Validation(err.into())
    }
}

// ---------------------------------------------------------------------------------------------
// Typed values.

macro_rules! string_value {
    ($(#[$doc:meta])* $name:ident, $kind:expr, sensitive = $sensitive:tt) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(Box<str>);

        impl $name {
            /// The kind of value this type holds.
            pub const KIND: ValueKind = $kind;

            /// Checks `s` under the default (current) edition's rule and wraps it.
            pub fn parse(s: &str) -> Result<$name, ParseError> {
                Self::KIND.check(s)?;
                Ok($name(s.into()))
            }

            /// Checks `s` under `edition`'s rule ([`ValueKind::check_in`]) and wraps it.
            pub fn parse_in(edition: crate::Edition, s: &str) -> Result<$name, ParseError> {
                Self::KIND.check_in(edition, s)?;
                Ok($name(s.into()))
            }

            /// The value as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The kind of the value (always [`Self::KIND`]; unions answer per value).
            pub fn kind(&self) -> ValueKind {
                Self::KIND
            }

            /// Wraps text another check has already accepted.
            #[allow(dead_code)]
            pub(crate) fn new_unchecked(s: &str) -> $name {
                debug_assert!(Self::KIND.is_valid(s), "{s:?}");
                $name(s.into())
            }
        }

        impl FromStr for $name {
            type Err = ParseError;
            fn from_str(s: &str) -> Result<$name, ParseError> {
                $name::parse(s)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = ParseError;
            fn try_from(s: &str) -> Result<$name, ParseError> {
                $name::parse(s)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        string_value!(@debug $name, $sensitive);

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<$name, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                $name::parse(&text).map_err(serde::de::Error::custom)
            }
        }
    };
    (@debug $name:ident, false) => {
        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($name), "({:?})"), &*self.0)
            }
        }
    };
    (@debug $name:ident, true) => {
        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(concat!(stringify!($name), "(<redacted>)"))
            }
        }
    };
}

string_value!(
    /// A 12-digit AWS account ID, e.g. `123456789012`.
    AccountId, ValueKind::AccountId, sensitive = false
);
string_value!(
    /// An organization ID, e.g. `o-exampleorgid`.
    OrganizationId, ValueKind::OrganizationId, sensitive = false
);
string_value!(
    /// The ID of an organization's root, e.g. `r-examplerootid111`.
    RootId, ValueKind::RootId, sensitive = false
);
string_value!(
    /// An organizational unit ID, e.g. `ou-examplerootid111-exampleouid111`.
    OrganizationalUnitId, ValueKind::OrganizationalUnitId, sensitive = false
);
string_value!(
    /// A policy ID, e.g. `p-examplepolicyid111` or the AWS-managed `p-FullAWSAccess`.
    PolicyId, ValueKind::PolicyId, sensitive = false
);
string_value!(
    /// A handshake ID, e.g. `h-examplehandshakeid111`.
    HandshakeId, ValueKind::HandshakeId, sensitive = false
);
string_value!(
    /// The ID of a CreateAccount request, e.g. `car-examplecreateaccountrequestid111`.
    CreateAccountRequestId, ValueKind::CreateAccountRequestId, sensitive = false
);
string_value!(
    /// An account's email address (redacted in `Debug`).
    Email, ValueKind::Email, sensitive = true
);
string_value!(
    /// An IAM role name, e.g. `OrganizationAccountAccessRole`.
    RoleName, ValueKind::RoleName, sensitive = false
);
string_value!(
    /// An account's friendly name: 1–50 printable ASCII characters (redacted in `Debug`).
    AccountName, ValueKind::AccountName, sensitive = true
);
string_value!(
    /// An organizational unit's name: 1–128 printable ASCII characters.
    OrganizationalUnitName, ValueKind::OrganizationalUnitName, sensitive = false
);
string_value!(
    /// A policy's name: 1–128 printable ASCII characters.
    PolicyName, ValueKind::PolicyName, sensitive = false
);
string_value!(
    /// A resource policy ID, `rp-` then 4–128 letters, digits or `_` (current edition).
    ResourcePolicyId, ValueKind::ResourcePolicyId, sensitive = false
);
string_value!(
    /// A responsibility transfer ID, `rt-` then 8–32 lowercase letters or digits (current
    /// edition).
    ResponsibilityTransferId, ValueKind::ResponsibilityTransferId, sensitive = false
);
string_value!(
    /// A tag key: 1–128 Unicode letters, numbers, separators or `_ . : / = + - @` (current
    /// edition).
    TagKey, ValueKind::TagKey, sensitive = false
);
string_value!(
    /// A tag value: up to 256 of the characters a tag key may hold (current edition).
    TagValue, ValueKind::TagValue, sensitive = false
);
string_value!(
    /// An AWS service principal such as `config.amazonaws.com`: 1–128 of `[A-Za-z0-9_+=,.@-]`
    /// (current edition).
    ServicePrincipal, ValueKind::ServicePrincipal, sensitive = false
);

macro_rules! union_id {
    (
        $(#[$doc:meta])* $name:ident, $kind:expr,
        { $( $(#[$vdoc:meta])* $variant:ident($inner:ident) ),+ $(,)? }
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vdoc])* $variant($inner), )+
        }

        impl $name {
            /// The kind of value this type holds.
            pub const KIND: ValueKind = $kind;

            /// Checks `s` and tells which kind of ID it is.
            pub fn parse(s: &str) -> Result<$name, ParseError> {
                // The union's own rule first: it may bound the length more tightly than an
                // alternative does (a TaggableResourceId has at most 130 characters).
                if !Self::KIND.is_valid(s) {
                    return Err(ParseError::new(Self::KIND, s, Self::KIND.diagnose(s)));
                }
                $(
                    if $inner::KIND.is_valid(s) {
                        return Ok($name::$variant($inner(s.into())));
                    }
                )+
                Err(ParseError::new(Self::KIND, s, Self::KIND.diagnose(s)))
            }

            /// Like [`Self::parse`], refusing the value when `edition` does not have this kind
            /// ([`ValueKind::check_in`]).
            pub fn parse_in(edition: crate::Edition, s: &str) -> Result<$name, ParseError> {
                Self::KIND.check_in(edition, s)?;
                Self::parse(s)
            }

            /// The ID as text.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant(id) => id.as_str(), )+
                }
            }

            /// The kind of the ID inside.
            pub fn kind(&self) -> ValueKind {
                match self {
                    $( $name::$variant(_) => $inner::KIND, )+
                }
            }
        }

        $(
            impl From<$inner> for $name {
                fn from(id: $inner) -> $name {
                    $name::$variant(id)
                }
            }
        )+

        impl FromStr for $name {
            type Err = ParseError;
            fn from_str(s: &str) -> Result<$name, ParseError> {
                $name::parse(s)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<$name, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                $name::parse(&text).map_err(serde::de::Error::custom)
            }
        }
    };
}

union_id!(
    /// What ListChildren returns: an account or an organizational unit.
    ChildId, ValueKind::ChildId, {
        /// A member account.
        Account(AccountId),
        /// An organizational unit.
        OrganizationalUnit(OrganizationalUnitId),
    }
);
union_id!(
    /// What can hold OUs and accounts: a root or an organizational unit.
    ParentId, ValueKind::ParentId, {
        /// The organization's root.
        Root(RootId),
        /// An organizational unit.
        OrganizationalUnit(OrganizationalUnitId),
    }
);
union_id!(
    /// What a policy can be attached to: a root, an account or an organizational unit.
    PolicyTargetId, ValueKind::PolicyTargetId, {
        /// The organization's root.
        Root(RootId),
        /// A member account.
        Account(AccountId),
        /// An organizational unit.
        OrganizationalUnit(OrganizationalUnitId),
    }
);

union_id!(
    /// What can be tagged (current edition): a root, an account, an organizational unit, a
    /// policy, a resource policy or a responsibility transfer.
    TaggableResourceId, ValueKind::TaggableResourceId, {
        /// The organization's root.
        Root(RootId),
        /// A member account.
        Account(AccountId),
        /// An organizational unit.
        OrganizationalUnit(OrganizationalUnitId),
        /// A policy.
        Policy(PolicyId),
        /// The organization's resource policy.
        ResourcePolicy(ResourcePolicyId),
        /// A responsibility transfer.
        ResponsibilityTransfer(ResponsibilityTransferId),
    }
);

// ---------------------------------------------------------------------------------------------
// The grammar tables as data, for code generators.

/// One alternative of an ID grammar as plain data: a literal prefix, then groups of one ASCII
/// class each, separated by `-`; a value matches when the whole of it is consumed (each group
/// greedily). `cargo xtask codegen` writes the Node package's JavaScript matchers from these
/// tables, so that the core stays the one statement of the rules. Not a stable API.
#[doc(hidden)]
#[derive(Debug, Clone)]
pub struct GrammarTable {
    /// The literal text the value starts with (empty for an account ID or a role name).
    pub prefix: &'static str,
    /// The groups after the prefix, in order.
    pub groups: Vec<GroupTable>,
}

/// One group of a [`GrammarTable`]. Not a stable API.
#[doc(hidden)]
#[derive(Debug, Clone)]
pub struct GroupTable {
    /// Fewest bytes.
    pub min: usize,
    /// Most bytes.
    pub max: usize,
    /// Whether each ASCII byte (index 0 to 127) is in the group's class; no class holds a byte
    /// above 127.
    pub class: [bool; 128],
}

impl ValueKind {
    /// The ID grammars whose union is this kind's pattern, for code generators (`None` for the
    /// kinds whose rule is not a table: emails, names, ARNs, tag text, service principals).
    /// [`ValueKind::is_valid`] is: the value within [`ValueKind::length_bounds`] (when the
    /// kind has any) and matched by one of the alternatives; the pattern of
    /// [`ValueKind::pattern_failure`] is the union alone. Not a stable API.
    #[doc(hidden)]
    pub fn grammar_tables(self) -> Option<Vec<GrammarTable>> {
        let grammars: &[&IdGrammar] = match self {
            ValueKind::AccountId => &[&ACCOUNT],
            ValueKind::OrganizationId => &[&ORGANIZATION],
            ValueKind::RootId => &[&ROOT],
            ValueKind::OrganizationalUnitId => &[&ORGANIZATIONAL_UNIT],
            ValueKind::PolicyId => &[&POLICY],
            ValueKind::HandshakeId => &[&HANDSHAKE],
            ValueKind::CreateAccountRequestId => &[&CREATE_ACCOUNT_REQUEST],
            ValueKind::ChildId => &[&ACCOUNT, &ORGANIZATIONAL_UNIT],
            ValueKind::ParentId => &[&ROOT, &ORGANIZATIONAL_UNIT],
            ValueKind::PolicyTargetId => &[&ROOT, &ACCOUNT, &ORGANIZATIONAL_UNIT],
            ValueKind::RoleName => &[&ROLE_NAME],
            ValueKind::ResourcePolicyId => &[&RESOURCE_POLICY],
            ValueKind::ResponsibilityTransferId => &[&RESPONSIBILITY_TRANSFER],
            ValueKind::TaggableResourceId => &[
                &ROOT,
                &ACCOUNT,
                &ORGANIZATIONAL_UNIT,
                &POLICY,
                &RESOURCE_POLICY,
                &RESPONSIBILITY_TRANSFER,
            ],
            _ => return None,
        };
        Some(
            grammars
                .iter()
                .map(|grammar| GrammarTable {
                    prefix: grammar.prefix,
                    groups: grammar
                        .groups
                        .iter()
                        .map(|group| GroupTable {
                            min: group.min,
                            max: group.max,
                            class: std::array::from_fn(|b| group.class.contains(b as u8)),
                        })
                        .collect(),
                })
                .collect(),
        )
    }
}

/// FNV-1a over formatted text, without keeping the text.
struct Fnv(u64);

impl fmt::Write for Fnv {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        for byte in text.bytes() {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        Ok(())
    }
}

/// A digest of the sources this crate was built from (its `src/`, `models/` and `Cargo.toml`,
/// computed by its build script): equal in two libraries built from the same core. The Node
/// package compares its addon's with its V8 fast calls' before using the latter.
#[doc(hidden)]
pub const SOURCE_DIGEST: &str = env!("ORGKIT_SOURCE_DIGEST");

/// A digest of every table the Node package's generated fast path depends on: the model tables
/// of both editions (every shape and operation) and the ID grammar tables. `cargo xtask codegen`
/// writes it into `fast.generated.js`, and the addon answers it at run time, so that a
/// generated file and an addon built from different tables never mix.
#[doc(hidden)]
pub fn fast_path_tables_digest() -> String {
    use fmt::Write as _;
    let mut hash = Fnv(0xcbf2_9ce4_8422_2325);
    for edition in crate::Edition::ALL {
        let _ = write!(hash, "{edition:?}{:?}", edition.services());
    }
    for kind in ValueKind::ALL {
        let _ = write!(hash, "{kind:?}{:?}", kind.grammar_tables());
    }
    format!("{:016x}", hash.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reading of the tables of [`ValueKind::grammar_tables`] as their doc states it.
    fn table_says(kind: ValueKind, s: &str) -> Option<bool> {
        let tables = kind.grammar_tables()?;
        let in_bounds = kind
            .length_bounds()
            .is_none_or(|(min, max)| (min..=max).contains(&s.len()));
        let matched = tables.iter().any(|table| {
            let Some(rest) = s.as_bytes().strip_prefix(table.prefix.as_bytes()) else {
                return false;
            };
            let mut at = 0;
            for (index, group) in table.groups.iter().enumerate() {
                let start = at;
                while at < rest.len() && rest[at] < 128 && group.class[rest[at] as usize] {
                    at += 1;
                }
                if !(group.min..=group.max).contains(&(at - start)) {
                    return false;
                }
                if index + 1 < table.groups.len() {
                    if rest.get(at) != Some(&b'-') {
                        return false;
                    }
                    at += 1;
                }
            }
            at == rest.len()
        });
        Some(in_bounds && matched)
    }

    #[test]
    fn all_agrees_with_contains_for_every_byte_length_and_position() {
        let classes = [
            CharClass::DIGIT,
            CharClass::LOWER_ALNUM,
            CharClass::LOWER_ALNUM_UNDERSCORE,
            CharClass::LOWER_UNDERSCORE,
            CharClass::WORD,
            CharClass::EMAIL_LOCAL,
            CharClass::EMAIL_DOMAIN,
            CharClass::ROLE_NAME,
            CharClass::PRINTABLE,
        ];
        for class in classes {
            let filler = (0..=255u8)
                .find(|&b| class.contains(b))
                .expect("a class has a member");
            for length in 0..=40 {
                let mut bytes = vec![filler; length];
                assert!(class.all(&bytes));
                for position in 0..length {
                    for byte in 0..=255u8 {
                        bytes[position] = byte;
                        assert_eq!(
                            class.all(&bytes),
                            class.contains(byte),
                            "{:#x} at {position} of {length}",
                            byte
                        );
                    }
                    bytes[position] = filler;
                }
            }
        }
    }

    #[test]
    fn organizational_unit_ids_agree_with_a_plain_reading_of_the_pattern() {
        fn reference(s: &str) -> bool {
            let lower_alnum = |part: &str| {
                part.bytes()
                    .all(|b| b.is_ascii_digit() || b.is_ascii_lowercase())
            };
            let Some(rest) = s.strip_prefix("ou-") else {
                return false;
            };
            let parts: Vec<&str> = rest.split('-').collect();
            parts.len() == 2
                && (4..=32).contains(&parts[0].len())
                && (8..=32).contains(&parts[1].len())
                && lower_alnum(parts[0])
                && lower_alnum(parts[1])
        }
        let mut checked = 0;
        for prefix in ["ou-", "ou", "ou_", "Ou-", "o-"] {
            for first in 0..=34 {
                for second in 0..=34 {
                    let id = format!(
                        "{prefix}{}-{}",
                        "a1".repeat(first).split_at(first).0,
                        "9z".repeat(second).split_at(second).0
                    );
                    for position in 0..id.len() {
                        for bad in ["-", "A", "_", "\u{e9}", "0"] {
                            let mut odd = id.clone();
                            odd.replace_range(position..position + 1, bad);
                            assert_eq!(is_organizational_unit_id(&odd), reference(&odd), "{odd:?}");
                            checked += 1;
                        }
                    }
                    assert_eq!(is_organizational_unit_id(&id), reference(&id), "{id:?}");
                }
            }
        }
        assert!(checked > 500_000, "{checked}");
    }

    #[test]
    fn the_email_check_and_its_diagnosis_agree() {
        // Every string of up to 7 characters over an alphabet with each kind of character the
        // rule looks at (and one outside ASCII).
        let alphabet = ["a", "@", ".", " ", "\u{b}", "\u{e9}"];
        let mut strings = vec![String::new()];
        for _ in 0..7 {
            let longer: Vec<String> = strings
                .iter()
                .filter(|s| s.chars().count() == strings.last().map_or(0, |l| l.chars().count()))
                .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
                .collect();
            strings.extend(longer);
        }
        assert!(strings.len() > 300_000);
        for s in &strings {
            assert_eq!(
                is_current_email_shape(s.as_bytes()),
                current_email_shape(s).is_ok(),
                "{s:?}"
            );
        }
    }

    #[test]
    fn fast_path_codes_name_each_kind_and_edition_once() {
        let mut seen = std::collections::BTreeSet::new();
        for &edition in crate::Edition::ALL {
            for &kind in ValueKind::ALL {
                let code = kind.fast_path_code(edition);
                assert!(seen.insert(code));
                assert_eq!(ValueKind::from_fast_path_code(code), Some((kind, edition)));
            }
        }
        for code in [
            0xff,
            0x1ff,
            (crate::Edition::ALL.len() as u32) << 8,
            u32::MAX,
        ] {
            assert_eq!(ValueKind::from_fast_path_code(code), None, "{code:#x}");
        }
    }

    #[test]
    fn editions_list_prefixes_of_all() {
        for (position, kind) in ValueKind::ALL.iter().enumerate() {
            assert_eq!(
                *kind as usize, position,
                "ALL lists {kind:?} out of declaration order"
            );
        }
        for &edition in crate::Edition::ALL {
            let kinds = edition.value_kinds();
            assert_eq!(kinds, &ValueKind::ALL[..kinds.len()], "{edition:?}");
            for &kind in ValueKind::ALL {
                assert_eq!(
                    kind.is_in(edition),
                    kinds.contains(&kind),
                    "{kind:?} in {edition:?}"
                );
            }
        }
    }

    #[test]
    fn grammar_tables_say_what_the_matchers_do() {
        let text = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/ids.json"),
        )
        .unwrap();
        let vectors: serde_json::Value = serde_json::from_str(&text).unwrap();
        let mut values: Vec<String> = vectors["cases"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|case| case["value"].as_str().map(str::to_owned))
            .collect();
        // Each value cut short, grown and with each byte position changed.
        for value in values.clone() {
            if value.len() > 200 {
                continue;
            }
            for cut in 0..value.len() {
                if value.is_char_boundary(cut) {
                    values.push(value[..cut].to_owned());
                }
            }
            for extra in ["0", "a", "A", "_", "-", "@", "é"] {
                values.push(format!("{value}{extra}"));
            }
        }
        let mut checked = 0;
        for kind in ValueKind::ALL {
            for value in &values {
                if let Some(said) = table_says(*kind, value) {
                    assert_eq!(said, kind.is_valid(value), "{kind:?} {value:?}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 10_000, "{checked}");
        let with_tables: Vec<_> = ValueKind::ALL
            .iter()
            .filter(|kind| kind.grammar_tables().is_some())
            .collect();
        assert_eq!(with_tables.len(), 14);
    }

    #[test]
    fn account_ids() {
        assert!(is_account_id("123456789012"));
        assert!(!is_account_id("12345678901"));
        assert!(!is_account_id("١٢٣٤٥٦٧٨٩٠١٢"));
        let err = AccountId::parse("12345x789012").unwrap_err();
        assert_eq!(
            err.rules(),
            &[Rule::BadCharacter {
                position: 5,
                found: 'x'
            }]
        );
        assert!(err.to_string().contains("position 5"), "{err}");
    }

    #[test]
    fn union_ids_are_anchored() {
        assert!(!is_child_id("123456789012-junk"));
        assert!(!is_parent_id("junk-ou-abcd-12345678"));
        assert!(matches!(
            PolicyTargetId::parse("ou-abcd-12345678").unwrap(),
            PolicyTargetId::OrganizationalUnit(_)
        ));
        let err = PolicyTargetId::parse("x").unwrap_err();
        assert_eq!(
            err.codes().collect::<Vec<_>>(),
            [ErrorCode::InvalidPatternTargetId]
        );
    }

    #[test]
    fn classify_names_the_kind_inside_a_union() {
        assert_eq!(
            ValueKind::PolicyTargetId.classify("123456789012"),
            Some(ValueKind::AccountId)
        );
        assert_eq!(ValueKind::ParentId.classify("123456789012"), None);
        assert_eq!(
            ValueKind::RootId.classify("r-abcd"),
            Some(ValueKind::RootId)
        );
    }

    #[test]
    fn sensitive_values_are_redacted() {
        let email = Email::parse("someone@example.com").unwrap();
        assert_eq!(format!("{email:?}"), "Email(<redacted>)");
        let err = Email::parse("not-an-email").unwrap_err();
        assert!(!err.to_string().contains("not-an-email"));
    }

    #[test]
    fn serde_validates() {
        let id: OrganizationalUnitId = serde_json::from_str("\"ou-abcd-12345678\"").unwrap();
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"ou-abcd-12345678\"");
        assert!(serde_json::from_str::<RootId>("\"root\"").is_err());
    }
}
