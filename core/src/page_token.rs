//! Server-side pagination for the emulator: opaque page tokens and stable pages.
//!
//! A token names the sort key of the last item a page returned, and is bound to the operation
//! and its filter parameters by a keyed checksum: a tampered, foreign (another operation,
//! another filter, another emulator) or malformed token is refused with InvalidInputException
//! reason INVALID_NEXT_TOKEN. Pages are cut by key, not by offset, so an item inserted between
//! two page requests is neither returned twice nor makes an existing item skip.
//!
//! The checksum is SipHash keyed with the emulator's secret: it detects tampering and mix-ups,
//! which is what an emulator needs; it is not a cryptographic signature.

use std::hash::{DefaultHasher, Hash, Hasher};

use crate::error::{ErrorCode, Issue};

/// Page sizes: the model's bounds and the default when a request gives none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageLimits {
    /// Smallest `MaxResults`.
    pub min: u32,
    /// Largest `MaxResults`.
    pub max: u32,
    /// Page size without `MaxResults`.
    pub default: u32,
}

/// Organizations List operations: `MaxResults` 1..20 (DESIGN rule 7), 20 by default.
pub const ORGANIZATIONS_LIMITS: PageLimits = PageLimits {
    min: 1,
    max: 20,
    default: 20,
};

/// Chime ListAccounts: `MaxResults` 1..200, 100 by default (DESIGN rule 7).
pub const CHIME_LIMITS: PageLimits = PageLimits {
    min: 1,
    max: 200,
    default: 100,
};

/// Makes and checks page tokens for one emulator.
#[derive(Debug, Clone)]
pub struct PageTokenCodec {
    secret: u64,
}

/// The token format's version tag.
const VERSION: &str = "p1";

fn invalid_token(why: &str) -> Issue {
    Issue {
        path: "NextToken".to_owned(),
        code: ErrorCode::InvalidNextToken,
        message: format!("The NextToken is not valid for this request: {why}"),
    }
}

impl PageTokenCodec {
    /// A codec whose tokens only it accepts.
    pub fn new(secret: u64) -> PageTokenCodec {
        PageTokenCodec { secret }
    }

    fn checksum(&self, operation: &str, filter: &[(&str, &str)], position: &str) -> u64 {
        let mut hasher = DefaultHasher::new();
        (self.secret, VERSION, operation, filter, position).hash(&mut hasher);
        hasher.finish()
    }

    /// The token of a page that ended at the item with sort key `position`.
    pub fn encode(&self, operation: &str, filter: &[(&str, &str)], position: &str) -> String {
        let mut hex = String::with_capacity(position.len() * 2);
        for byte in position.bytes() {
            hex.push_str(&format!("{byte:02x}"));
        }
        format!(
            "{VERSION}.{hex}.{:016x}",
            self.checksum(operation, filter, position)
        )
    }

    /// The sort key a token names, when it was made by this codec for this operation and filter.
    pub fn decode(
        &self,
        token: &str,
        operation: &str,
        filter: &[(&str, &str)],
    ) -> Result<String, Issue> {
        let mut parts = token.split('.');
        let (Some(VERSION), Some(hex), Some(sum), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(invalid_token("it is not a token this service issued"));
        };
        if hex.len() % 2 != 0 || sum.len() != 16 {
            return Err(invalid_token("it is malformed"));
        }
        let bytes: Option<Vec<u8>> = (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
            .collect();
        let position = bytes
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .ok_or_else(|| invalid_token("it is malformed"))?;
        let expected = format!("{:016x}", self.checksum(operation, filter, &position));
        if expected != sum {
            return Err(invalid_token(
                "it was changed, or issued for another operation or filter",
            ));
        }
        Ok(position)
    }

    /// One page of `items` (sorted by `key`, ascending and unique): up to `max_results` (or
    /// the default) items after the token's position, and the token of the next page.
    pub fn page<'a, T>(
        &self,
        items: &'a [T],
        key: impl Fn(&T) -> &str,
        limits: PageLimits,
        request: &PageRequest<'_>,
    ) -> Result<(&'a [T], Option<String>), Issue> {
        let size = request
            .max_results
            .unwrap_or(limits.default)
            .clamp(limits.min, limits.max) as usize;
        let start = match request.token {
            None => 0,
            Some(token) => {
                let position = self.decode(token, request.operation, request.filter)?;
                items.partition_point(|item| key(item) <= position.as_str())
            }
        };
        let end = (start + size).min(items.len());
        let page = &items[start..end];
        let next = (end < items.len())
            .then(|| {
                page.last()
                    .map(|last| self.encode(request.operation, request.filter, key(last)))
            })
            .flatten();
        Ok((page, next))
    }
}

/// What a List request says about its page.
#[derive(Debug, Clone, Copy, Default)]
pub struct PageRequest<'r> {
    /// The operation (tokens are bound to it).
    pub operation: &'r str,
    /// The filter parameters (tokens are bound to them), e.g. `[("ParentId", "r-abcd")]`.
    pub filter: &'r [(&'r str, &'r str)],
    /// `MaxResults`, when given.
    pub max_results: Option<u32>,
    /// `NextToken`, when given.
    pub token: Option<&'r str>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("{:012}", i * 10)).collect()
    }

    #[test]
    fn tokens_are_bound_to_operation_filter_and_codec() {
        let codec = PageTokenCodec::new(7);
        let filter = [("ParentId", "r-abcd")];
        let token = codec.encode("ListAccountsForParent", &filter, "000000000010");
        assert_eq!(
            codec
                .decode(&token, "ListAccountsForParent", &filter)
                .unwrap(),
            "000000000010"
        );
        for (op, f) in [
            ("ListAccounts", &filter[..]),
            ("ListAccountsForParent", &[("ParentId", "r-efgh")][..]),
        ] {
            assert_eq!(
                codec.decode(&token, op, f).unwrap_err().code,
                ErrorCode::InvalidNextToken
            );
        }
        assert!(PageTokenCodec::new(8)
            .decode(&token, "ListAccountsForParent", &filter)
            .is_err());
        let tampered = token.replacen("p1.3", "p1.4", 1);
        assert!(codec
            .decode(&tampered, "ListAccountsForParent", &filter)
            .is_err());
        for junk in ["", "abc", "p1..", "p1.zz.0000000000000000", "p1.30.1.2"] {
            assert!(
                codec
                    .decode(junk, "ListAccountsForParent", &filter)
                    .is_err(),
                "{junk}"
            );
        }
    }

    #[test]
    fn pages_cover_every_item_once_even_when_items_arrive() {
        let codec = PageTokenCodec::new(1);
        let mut items = ids(45);
        let mut seen = Vec::new();
        let mut token: Option<String> = None;
        let mut round = 0;
        loop {
            let request = PageRequest {
                operation: "ListAccounts",
                max_results: Some(7),
                token: token.as_deref(),
                ..Default::default()
            };
            let (page, next) = codec
                .page(&items, String::as_str, ORGANIZATIONS_LIMITS, &request)
                .unwrap();
            seen.extend(page.iter().cloned());
            // Between two requests, one item lands before the cursor and one after it.
            round += 1;
            items.push(format!("{:012}", round * 10 - 5));
            items.push(format!("{:012}", 1000 + round));
            items.sort();
            match next {
                Some(next) => token = Some(next),
                None => break,
            }
        }
        let mut unique = seen.clone();
        unique.dedup();
        assert_eq!(unique.len(), seen.len(), "no item twice");
        for id in ids(45) {
            assert!(seen.contains(&id), "{id} skipped");
        }
    }

    #[test]
    fn page_size_follows_the_limits() {
        let codec = PageTokenCodec::new(1);
        let items = ids(300);
        let list = PageRequest {
            operation: "ListAccounts",
            ..Default::default()
        };
        let (page, _) = codec
            .page(&items, String::as_str, ORGANIZATIONS_LIMITS, &list)
            .unwrap();
        assert_eq!(page.len(), 20);
        let (page, _) = codec
            .page(&items, String::as_str, CHIME_LIMITS, &list)
            .unwrap();
        assert_eq!(page.len(), 100);
        let big = PageRequest {
            max_results: Some(200),
            ..list
        };
        let (page, next) = codec
            .page(&items[..3], String::as_str, CHIME_LIMITS, &big)
            .unwrap();
        assert_eq!((page.len(), next), (3, None));
        let bad = PageRequest {
            token: Some("p1.00.0000000000000000"),
            ..list
        };
        let err = codec
            .page(&items, String::as_str, CHIME_LIMITS, &bad)
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidNextToken);
    }
}
