//! Client-side pagination without a transport.
//!
//! The bindings call the service (a boto3 client method, an SDK v3 `send`); this module
//! decides what each request adds (the token and the page size, from the generated paginator
//! table), which items of each page to keep (`max_items`, resuming in the middle of a page),
//! when to stop, and the token to resume from — like botocore's `PaginationConfig`. A service
//! that returns the same token twice stops the walk with an error instead of looping.

use std::collections::HashSet;
use std::ops::Range;

use crate::error::LookupError;
use crate::model::Paginator;
use crate::validate::{find_operation, InputKind, RequestInput};

/// Options of a walk, as botocore's `PaginationConfig`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PaginationConfig {
    /// Stop after this many items in all.
    pub max_items: Option<usize>,
    /// Ask for pages of this size (the operation's limit key, e.g. `MaxResults`).
    pub page_size: Option<u64>,
    /// Resume from a token a previous walk returned (or a raw service token).
    pub starting_token: Option<String>,
}

/// Why a walk cannot start or go on.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PaginationError {
    /// Unknown service or operation.
    #[error(transparent)]
    Lookup(#[from] LookupError),
    /// The operation has no paginator.
    #[error("{operation} cannot be paginated; these can: {}", paginated.join(", "))]
    NotPaginated {
        /// The operation.
        operation: &'static str,
        /// The operations of the service that can.
        paginated: Vec<&'static str>,
    },
    /// The service returned a token it had returned before: following it would loop.
    #[error("the service returned the token {token:?} twice; stopping instead of looping")]
    RepeatedToken {
        /// The token.
        token: String,
    },
    /// `receive` was called when no request was due.
    #[error("no page was requested")]
    NoRequestPending,
    /// An option of the walk cannot be used (a page size of 0; from the bindings, a value of
    /// the wrong type).
    #[error("invalid pagination option: {detail}")]
    InvalidConfig {
        /// What is wrong, naming the option.
        detail: String,
    },
    /// A fetched page is not a response of the operation (not a map, the result member not a
    /// list, the token not text); the bindings find these while reading a page.
    #[error("a {operation} page {detail}")]
    MalformedPage {
        /// The operation.
        operation: &'static str,
        /// What is wrong with the page.
        detail: String,
    },
}

impl PaginationError {
    /// Every code [`PaginationError::code`] can return. Bindings export this list.
    pub const CODES: &'static [&'static str] = &[
        "UNKNOWN_OPERATION",
        "NOT_PAGINATED",
        "REPEATED_TOKEN",
        "NO_REQUEST_PENDING",
        "INVALID_PAGINATION_CONFIG",
        "MALFORMED_PAGE",
    ];

    /// The stable machine code of the error (one of [`PaginationError::CODES`]).
    pub fn code(&self) -> &'static str {
        match self {
            PaginationError::Lookup(_) => "UNKNOWN_OPERATION",
            PaginationError::NotPaginated { .. } => "NOT_PAGINATED",
            PaginationError::RepeatedToken { .. } => "REPEATED_TOKEN",
            PaginationError::NoRequestPending => "NO_REQUEST_PENDING",
            PaginationError::InvalidConfig { .. } => "INVALID_PAGINATION_CONFIG",
            PaginationError::MalformedPage { .. } => "MALFORMED_PAGE",
        }
    }
}

/// What is wrong with a fetched page; `found` names the type that was there instead, in the
/// validator's words ([`InputKind::type_name`]: `string`, `list`, `structure`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageFault<'a> {
    /// The page is not a structure (object, dict).
    NotAMap {
        /// What it is.
        found: &'a str,
    },
    /// The result member (e.g. `Accounts`) is present but not a list.
    ResultNotAList {
        /// What it is.
        found: &'a str,
    },
    /// The output token member is present but not text.
    TokenNotText {
        /// What it is.
        found: &'a str,
    },
}

impl PaginationConfig {
    /// A count option (`max_items`, `page_size`) given as a host number (a JS number): absent,
    /// or a whole number from 0 to 2^53 - 1; `name` is the option's name in the host.
    pub fn count_from_number(
        name: &str,
        value: Option<f64>,
    ) -> Result<Option<u64>, PaginationError> {
        const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;
        match value {
            None => Ok(None),
            Some(number) if number.fract() == 0.0 && (0.0..=MAX_SAFE_INTEGER).contains(&number) => {
                Ok(Some(number as u64))
            }
            Some(number) => Err(PaginationError::InvalidConfig {
                detail: format!("{name} must be a whole number from 0 to 2**53 - 1, not {number}"),
            }),
        }
    }
}

/// What the next request adds to the caller's parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestPatch {
    /// The value of the input token member (`NextToken`), when there is one.
    pub token: Option<String>,
    /// The value of the limit member (`MaxResults`), when a page size is set.
    pub limit: Option<u64>,
}

/// The state of one walk through the pages of a List operation.
#[derive(Debug, Clone)]
pub struct PageWalk {
    spec: &'static Paginator,
    operation: &'static str,
    page_size: Option<u64>,
    max_items: Option<usize>,
    /// The token of the next request (None: the first page, or done).
    next_token: Option<String>,
    /// Items to drop from the front of the next page (resuming in the middle of a page).
    skip: usize,
    yielded: usize,
    seen: HashSet<String>,
    pending: bool,
    finished: bool,
    resume: Option<String>,
}

/// The prefix of orgkit 0.1's own resume tokens, still accepted as starting tokens.
const LEGACY_TOKEN_PREFIX: &str = "orgkit-page:";

/// The key botocore's resume tokens use for items already returned from a page.
const TRUNCATE_KEY: &str = "boto_truncate_amount";

/// A resume token in botocore's format (`botocore.paginate.TokenEncoder`), so tokens pass
/// between botocore's paginators and orgkit's: base64 of the JSON (as Python's `json.dumps`
/// writes it) of the input token member — the service token of the page to ask for, `null`
/// for the first page — and, when a page was cut, `boto_truncate_amount`: how many of its
/// items were already returned.
fn encode_resume(input_token: &str, token: Option<&str>, skip: usize) -> String {
    let mut json = String::from("{");
    python_json_string(&mut json, input_token);
    json.push_str(": ");
    match token {
        Some(token) => python_json_string(&mut json, token),
        None => json.push_str("null"),
    }
    if skip > 0 {
        json.push_str(", ");
        python_json_string(&mut json, TRUNCATE_KEY);
        json.push_str(&format!(": {skip}"));
    }
    json.push('}');
    base64_encode(json.as_bytes())
}

/// Reads a resume token: botocore's format, or orgkit 0.1's `orgkit-page:` tokens; `None`
/// for anything else (which a walk then sends as a raw service token).
fn decode_resume(input_token: &str, text: &str) -> Option<(Option<String>, usize)> {
    decode_botocore_resume(input_token, text).or_else(|| decode_legacy_resume(text))
}

fn decode_botocore_resume(input_token: &str, text: &str) -> Option<(Option<String>, usize)> {
    let bytes = base64_decode(text)?;
    let serde_json::Value::Object(state) = serde_json::from_slice(&bytes).ok()? else {
        return None;
    };
    if !state.contains_key(input_token)
        || state
            .keys()
            .any(|key| key != input_token && key != TRUNCATE_KEY)
    {
        return None;
    }
    let token = match &state[input_token] {
        serde_json::Value::Null => None,
        serde_json::Value::String(token) => Some(token.clone()),
        _ => return None,
    };
    let skip = match state.get(TRUNCATE_KEY) {
        None => 0,
        Some(amount) => usize::try_from(amount.as_u64()?).ok()?,
    };
    Some((token.filter(|t| !t.is_empty()), skip))
}

fn decode_legacy_resume(text: &str) -> Option<(Option<String>, usize)> {
    let rest = text.strip_prefix(LEGACY_TOKEN_PREFIX)?;
    let (skip, hex) = rest.split_once(':')?;
    // Digits only: `parse` and `from_str_radix` would also take a leading '+'.
    let digits_only = |text: &str, radix: u32| text.chars().all(|c| c.is_digit(radix));
    if skip.is_empty() || !digits_only(skip, 10) || hex.len() % 2 != 0 || !digits_only(hex, 16) {
        return None;
    }
    let skip: usize = skip.parse().ok()?;
    let bytes: Option<Vec<u8>> = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
        .collect();
    let token = String::from_utf8(bytes?).ok()?;
    Some(((!token.is_empty()).then_some(token), skip))
}

/// Appends `text` as a JSON string the way Python's `json.dumps` writes it (ASCII only:
/// everything outside space..`~` is escaped, astral characters as surrogate pairs).
fn python_json_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            ' '..='~' => out.push(c),
            _ => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
    }
    out.push('"');
}

const BASE64_ALPHABET: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding, as Python's `base64.b64encode`.
fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(
                    BASE64_ALPHABET[(n >> (18 - 6 * i) & 63) as usize],
                ));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Strict standard base64 with padding; `None` for anything else.
fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    if bytes.is_empty() || bytes.len() % 4 != 0 {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
    for (index, quad) in bytes.chunks(4).enumerate() {
        let last = index == bytes.len() / 4 - 1;
        let padding = quad.iter().rev().take_while(|&&b| b == b'=').count();
        if padding > 2 || (padding > 0 && !last) {
            return None;
        }
        let mut n = 0u32;
        for (i, &b) in quad[..4 - padding].iter().enumerate() {
            let value = BASE64_ALPHABET.iter().position(|&a| a == b)? as u32;
            n |= value << (18 - 6 * i);
        }
        let produced = 3 - padding;
        for i in 0..produced {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Some(out)
}

impl PageWalk {
    /// Starts a walk through `operation` (model or boto3 name) of `service`, with the
    /// paginator table of `edition`.
    pub fn new(
        edition: crate::Edition,
        service: &str,
        operation: &str,
        config: PaginationConfig,
    ) -> Result<PageWalk, PaginationError> {
        let (service, op) = find_operation(edition, service, operation)?;
        let Some(spec) = op.paginator.as_ref() else {
            return Err(PaginationError::NotPaginated {
                operation: op.name,
                paginated: service
                    .operations
                    .iter()
                    .filter(|o| o.paginator.is_some())
                    .map(|o| o.name)
                    .collect(),
            });
        };
        if config.page_size == Some(0) {
            return Err(PaginationError::InvalidConfig {
                detail: "the page size must be at least 1".to_owned(),
            });
        }
        let (next_token, skip) = match config.starting_token.as_deref() {
            None | Some("") => (None, 0),
            Some(text) => {
                decode_resume(spec.input_token, text).unwrap_or((Some(text.to_owned()), 0))
            }
        };
        Ok(PageWalk {
            spec,
            operation: op.name,
            page_size: config.page_size,
            max_items: config.max_items,
            next_token,
            skip,
            yielded: 0,
            seen: HashSet::new(),
            pending: false,
            finished: config.max_items == Some(0),
            resume: None,
        })
    }

    /// The paginator's member names (input and output token, limit key, result key).
    pub fn spec(&self) -> &'static Paginator {
        self.spec
    }

    /// The operation's model name.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// What the next request adds to the caller's parameters; `None` when the walk is over.
    pub fn next_request(&mut self) -> Option<RequestPatch> {
        if self.finished {
            return None;
        }
        self.pending = true;
        Some(RequestPatch {
            token: self.next_token.clone(),
            limit: self.page_size,
        })
    }

    /// Takes a page that held `item_count` items (under the result key) and returned
    /// `output_token`; returns the range of those items to hand to the caller.
    pub fn receive(
        &mut self,
        item_count: usize,
        output_token: Option<&str>,
    ) -> Result<Range<usize>, PaginationError> {
        if !std::mem::take(&mut self.pending) {
            return Err(PaginationError::NoRequestPending);
        }
        let requested_with = self.next_token.take();
        let start = std::mem::take(&mut self.skip).min(item_count);
        let mut end = item_count;
        let next = output_token.filter(|t| !t.is_empty());
        if let Some(max) = self.max_items {
            let room = max - self.yielded;
            if end - start > room {
                // Stop inside this page: resume with the same request, skipping what was given.
                end = start + room;
                self.resume = Some(encode_resume(
                    self.spec.input_token,
                    requested_with.as_deref(),
                    end,
                ));
                self.finished = true;
            } else if end - start == room {
                self.resume =
                    next.map(|token| encode_resume(self.spec.input_token, Some(token), 0));
                self.finished = true;
            }
        }
        self.yielded += end - start;
        if !self.finished {
            match next {
                Some(token) if !self.seen.insert(token.to_owned()) => {
                    self.finished = true;
                    return Err(PaginationError::RepeatedToken {
                        token: token.to_owned(),
                    });
                }
                Some(token) => self.next_token = Some(token.to_owned()),
                None => self.finished = true,
            }
        }
        Ok(start..end)
    }

    /// Ends the walk because the page just fetched is not a response of the operation;
    /// returns the error to report. Bindings call this when the host value they got is not
    /// a map, or its result or token member has the wrong type.
    pub fn reject_page(&mut self, fault: PageFault<'_>) -> PaginationError {
        self.pending = false;
        self.finished = true;
        let detail = match fault {
            PageFault::NotAMap { found } => format!("is of type {found}, not a structure"),
            PageFault::ResultNotAList { found } => {
                format!("has {} of type {found}, not a list", self.spec.result_key)
            }
            PageFault::TokenNotText { found } => {
                format!(
                    "has {} of type {found}, not a string",
                    self.spec.output_token
                )
            }
        };
        PaginationError::MalformedPage {
            operation: self.operation,
            detail,
        }
    }

    /// [`PageWalk::receive`] on the page itself: reads the result list and the output token
    /// through [`RequestInput`] (a `serde_json::Value`, or a binding's view of a host object),
    /// and rejects a page of the wrong shape with `MalformedPage`.
    pub fn receive_page<I: RequestInput>(
        &mut self,
        page: I,
    ) -> Result<Range<usize>, PaginationError> {
        let reading = read_page(self.spec, page);
        self.receive_reading(reading)
    }

    /// The second half of [`PageWalk::receive_page`]: takes what [`read_page`] found. A binding
    /// whose page reading runs host code (a Python `__eq__`, a JS getter) reads the page first,
    /// holding no lock on the walk, then calls this.
    pub fn receive_reading(
        &mut self,
        reading: Result<PageReading, PageReadFault>,
    ) -> Result<Range<usize>, PaginationError> {
        match reading {
            Ok(PageReading { item_count, token }) => self.receive(item_count, token.as_deref()),
            Err(PageReadFault::NotAMap(found)) => {
                Err(self.reject_page(PageFault::NotAMap { found: &found }))
            }
            Err(PageReadFault::ResultNotAList(found)) => {
                Err(self.reject_page(PageFault::ResultNotAList { found: &found }))
            }
            Err(PageReadFault::TokenNotText(found)) => {
                Err(self.reject_page(PageFault::TokenNotText { found: &found }))
            }
        }
    }

    /// Whether the walk is over.
    pub fn is_finished(&self) -> bool {
        self.finished
    }

    /// The token to resume from when `max_items` stopped the walk before the last page.
    pub fn resume_token(&self) -> Option<&str> {
        self.resume.as_deref()
    }
}

/// What a fetched page holds, as [`read_page`] found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageReading {
    /// How many items the result member holds (0 when it is absent or null).
    pub item_count: usize,
    /// The output token, when the page has one.
    pub token: Option<String>,
}

/// Why a fetched page is not a response of the operation (the found type, in the validator's
/// words); [`PageWalk::receive_reading`] turns it into `MalformedPage`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageReadFault {
    /// The page is not a structure.
    NotAMap(String),
    /// The result member is present but not a list.
    ResultNotAList(String),
    /// The output token member is present but not text.
    TokenNotText(String),
}

/// Reads a page's item count and token for the paginator `spec`, without touching a walk.
pub fn read_page<I: RequestInput>(spec: &Paginator, page: I) -> Result<PageReading, PageReadFault> {
    let page_kind = page.kind();
    if !matches!(page_kind, InputKind::Map(_)) {
        return Err(PageReadFault::NotAMap(page_kind.type_name()));
    }
    let present = |key: &str| {
        page.member(key)
            .filter(|value| !matches!(value.kind(), InputKind::Null))
    };
    let item_count = match present(spec.result_key) {
        None => 0,
        Some(items) => match items.kind() {
            InputKind::List(count) => count,
            other => return Err(PageReadFault::ResultNotAList(other.type_name())),
        },
    };
    let token = match present(spec.output_token) {
        None => None,
        Some(value) => match value.kind() {
            InputKind::Text(text) => Some(text.into_owned()),
            other => return Err(PageReadFault::TokenNotText(other.type_name())),
        },
    };
    Ok(PageReading { item_count, token })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fake service: pages of 3 items from 0..n, tokens "t<offset>".
    fn page(offset: usize, n: usize, size: usize) -> (Vec<usize>, Option<String>) {
        let end = (offset + size).min(n);
        let token = (end < n).then(|| format!("t{end}"));
        ((offset..end).collect(), token)
    }

    fn walk_all(config: PaginationConfig, n: usize) -> (Vec<usize>, Option<String>) {
        let mut walk = PageWalk::new(
            crate::Edition::Original,
            "organizations",
            "list_accounts",
            config,
        )
        .unwrap();
        let mut items = Vec::new();
        while let Some(patch) = walk.next_request() {
            let offset = patch
                .token
                .map_or(0, |t| t.trim_start_matches('t').parse().unwrap());
            let (page_items, token) = page(offset, n, 3);
            let range = walk.receive(page_items.len(), token.as_deref()).unwrap();
            items.extend_from_slice(&page_items[range]);
        }
        (items, walk.resume_token().map(str::to_owned))
    }

    #[test]
    fn max_items_and_resume_cover_everything_once() {
        for max in 1..=11 {
            let mut all = Vec::new();
            let mut token = None;
            loop {
                let (items, resume) = walk_all(
                    PaginationConfig {
                        max_items: Some(max),
                        page_size: None,
                        starting_token: token.clone(),
                    },
                    10,
                );
                all.extend(items);
                match resume {
                    Some(next) => token = Some(next),
                    None => break,
                }
            }
            assert_eq!(all, (0..10).collect::<Vec<_>>(), "max_items {max}");
        }
    }

    #[test]
    fn a_repeated_token_stops_the_walk() {
        let mut walk = PageWalk::new(
            crate::Edition::Original,
            "organizations",
            "ListRoots",
            PaginationConfig::default(),
        )
        .unwrap();
        walk.next_request().unwrap();
        walk.receive(1, Some("same")).unwrap();
        walk.next_request().unwrap();
        let err = walk.receive(1, Some("same")).unwrap_err();
        assert!(matches!(err, PaginationError::RepeatedToken { .. }));
        assert_eq!(err.code(), "REPEATED_TOKEN");
        assert!(walk.next_request().is_none());
    }

    #[test]
    fn a_rejected_page_ends_the_walk_and_a_zero_page_size_is_refused() {
        let mut walk = PageWalk::new(
            crate::Edition::Original,
            "organizations",
            "ListRoots",
            PaginationConfig::default(),
        )
        .unwrap();
        walk.next_request().unwrap();
        let err = walk.reject_page(PageFault::NotAMap { found: "integer" });
        assert_eq!(err.code(), "MALFORMED_PAGE");
        assert_eq!(
            err.to_string(),
            "a ListRoots page is of type integer, not a structure"
        );
        assert!(walk.next_request().is_none());
        let zero = PaginationConfig {
            page_size: Some(0),
            ..Default::default()
        };
        let err = PageWalk::new(crate::Edition::Original, "organizations", "ListRoots", zero)
            .unwrap_err();
        assert_eq!(err.code(), "INVALID_PAGINATION_CONFIG");
        let unknown = PageWalk::new(
            crate::Edition::Original,
            "organizations",
            "ListNothing",
            PaginationConfig::default(),
        );
        assert_eq!(unknown.unwrap_err().code(), "UNKNOWN_OPERATION");
        for code in PaginationError::CODES {
            assert_eq!(code.to_ascii_uppercase(), *code);
        }
    }

    #[test]
    fn only_list_operations_paginate() {
        let err = PageWalk::new(
            crate::Edition::Original,
            "organizations",
            "CreateAccount",
            PaginationConfig::default(),
        )
        .unwrap_err();
        assert!(err.to_string().contains("ListAccounts"), "{err}");
        assert!(PageWalk::new(
            crate::Edition::Original,
            "chime",
            "list_accounts",
            PaginationConfig::default()
        )
        .is_ok());
    }

    #[test]
    fn raw_service_tokens_are_accepted() {
        let mut walk = PageWalk::new(
            crate::Edition::Original,
            "organizations",
            "ListAccounts",
            PaginationConfig {
                starting_token: Some("abc".into()),
                page_size: Some(5),
                ..Default::default()
            },
        )
        .unwrap();
        let patch = walk.next_request().unwrap();
        assert_eq!(patch.token.as_deref(), Some("abc"));
        assert_eq!(patch.limit, Some(5));
    }
}
