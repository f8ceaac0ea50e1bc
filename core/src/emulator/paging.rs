//! Cutting List results into pages with the server-side token codec.
//!
//! Items come from ordered maps and sets, sorted by ID; a token names the ID of the last item
//! a page returned, so the next page starts right after it however the set changed between
//! the two requests.

use std::ops::Bound;

use serde_json::Value;

use crate::error::Issue;
use crate::page_token::{PageLimits, PageTokenCodec};

/// What a List request asks for: its filter (tokens are bound to it), page size and token.
pub struct PageQuery<'a> {
    pub operation: &'a str,
    pub filter: Vec<(&'a str, String)>,
    pub max_results: Option<u32>,
    pub token: Option<&'a str>,
    pub limits: PageLimits,
}

impl<'a> PageQuery<'a> {
    /// The page parameters of `input` (`MaxResults`, `NextToken`).
    pub fn of(operation: &'a str, input: &'a Value, limits: PageLimits) -> PageQuery<'a> {
        PageQuery {
            operation,
            filter: Vec::new(),
            max_results: input
                .get("MaxResults")
                .and_then(Value::as_u64)
                .map(|n| n.min(u64::from(u32::MAX)) as u32),
            token: input.get("NextToken").and_then(Value::as_str),
            limits,
        }
    }

    /// Binds the tokens to one more filter value.
    pub fn filtered(mut self, name: &'a str, value: impl Into<String>) -> PageQuery<'a> {
        self.filter.push((name, value.into()));
        self
    }

    /// One page: `items(start)` yields the candidates in ID order from `start` on. Returns the
    /// page and the next token, or the INVALID_NEXT_TOKEN issue of a token this query did not
    /// issue (each service answers it with its own exception).
    pub fn run<'i, T: 'i>(
        &self,
        codec: &PageTokenCodec,
        items: impl FnOnce(Bound<&str>) -> Box<dyn Iterator<Item = (&'i str, T)> + 'i>,
    ) -> Result<(Vec<T>, Option<String>), Issue> {
        let filter: Vec<(&str, &str)> = self.filter.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let position = match self.token {
            Some(token) => Some(codec.decode(token, self.operation, &filter)?),
            None => None,
        };
        let size = self
            .max_results
            .unwrap_or(self.limits.default)
            .clamp(self.limits.min, self.limits.max) as usize;
        let start = match &position {
            Some(key) => Bound::Excluded(key.as_str()),
            None => Bound::Unbounded,
        };
        let mut iter = items(start);
        let mut page = Vec::with_capacity(size.min(64));
        let mut last_key = None;
        for (key, item) in iter.by_ref() {
            page.push(item);
            last_key = Some(key);
            if page.len() == size {
                break;
            }
        }
        let more = page.len() == size && iter.next().is_some();
        let next = match (more, last_key) {
            (true, Some(key)) => Some(codec.encode(self.operation, &filter, key)),
            _ => None,
        };
        Ok((page, next))
    }
}
