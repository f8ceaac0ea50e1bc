//! Mirrors `orgkit::paginate`: the transport-free walk, driven by the `PageWalk` class and
//! `paginate` in `orgkit.js`, which await the fetch, read each page and slice it as the walk
//! says. Errors carry the core's code as their `code` (`REPEATED_TOKEN`, `MALFORMED_PAGE`, …).

use crate::error::shielded;
use napi::bindgen_prelude::*;
use napi_derive::napi;
use orgkit::paginate::{PageFault, PageWalk as CoreWalk, PaginationConfig, PaginationError};

/// What the next request adds: the token and the page size.
#[napi(object)]
pub struct PagePatch {
    /// The input token member's value, when there is one.
    pub token: Option<String>,
    /// The limit member's value, when a page size is set.
    pub limit: Option<f64>,
}

/// The paginator's member names.
#[napi(object)]
pub struct PaginatorMembers {
    /// e.g. `NextToken`.
    pub input_token: String,
    /// e.g. `NextToken`.
    pub output_token: String,
    /// e.g. `MaxResults`.
    pub limit_key: String,
    /// e.g. `Accounts`.
    pub result_key: String,
}

/// A JS error whose `code` is the core's pagination error code.
fn coded(err: PaginationError) -> Error<&'static str> {
    Error::new(err.code(), err.to_string())
}

/// One walk through the pages of a List operation (wrapped by `PageWalk` in `orgkit.js`).
#[napi(js_name = "NativePageWalk")]
pub struct PageWalk(CoreWalk);

#[napi]
impl PageWalk {
    /// Starts a walk with the paginators of `options.edition` (default `'current'`); throws
    /// (with `code`) for an unknown or non-paginated operation, an unusable option or an
    /// unknown edition (INVALID_ARGUMENT).
    #[napi(
        constructor,
        ts_args_type = "service: string, operation: string, maxItems?: number | undefined | null, pageSize?: number | undefined | null, startingToken?: string | undefined | null, options?: EditionOptions"
    )]
    pub fn new(
        service: String,
        operation: String,
        max_items: Option<f64>,
        page_size: Option<f64>,
        starting_token: Option<String>,
        options: Option<Unknown<'_>>,
    ) -> Result<Self, &'static str> {
        shielded(|| {
            let edition = crate::edition::edition_option(options.as_ref())?;
            let max_items =
                PaginationConfig::count_from_number("maxItems", max_items).map_err(coded)?;
            let page_size =
                PaginationConfig::count_from_number("pageSize", page_size).map_err(coded)?;
            let config = PaginationConfig {
                max_items: max_items.map(|n| usize::try_from(n).unwrap_or(usize::MAX)),
                page_size,
                starting_token,
            };
            CoreWalk::new(edition, &service, &operation, config)
                .map(PageWalk)
                .map_err(coded)
        })
    }

    /// What the next request adds, or `null` when the walk is over.
    #[napi]
    pub fn next_request(&mut self) -> Result<Option<PagePatch>, &'static str> {
        shielded(|| {
            Ok(self.0.next_request().map(|patch| PagePatch {
                token: patch.token,
                limit: patch.limit.map(|n| n as f64),
            }))
        })
    }

    /// Takes a page of `itemCount` items and its output token; returns `[start, end)` of the
    /// items to keep. Throws `REPEATED_TOKEN` when the service repeats a token.
    #[napi]
    pub fn receive(
        &mut self,
        item_count: u32,
        output_token: Option<String>,
    ) -> Result<Vec<u32>, &'static str> {
        shielded(|| {
            self.0
                .receive(item_count as usize, output_token.as_deref())
                .map(|range| vec![range.start as u32, range.end as u32])
                .map_err(coded)
        })
    }

    /// Ends the walk because the page is not a response of the operation and throws
    /// `MALFORMED_PAGE`: `part` is `page`, `items` or `token`; `found` says what was there.
    #[napi]
    pub fn reject_page(&mut self, part: String, found: String) -> Result<(), &'static str> {
        shielded(|| {
            let fault = match part.as_str() {
                "page" => PageFault::NotAMap { found: &found },
                "items" => PageFault::ResultNotAList { found: &found },
                _ => PageFault::TokenNotText { found: &found },
            };
            Err(coded(self.0.reject_page(fault)))
        })
    }

    /// The paginator's member names.
    #[napi(getter)]
    pub fn members(&self) -> Result<PaginatorMembers, &'static str> {
        shielded(|| {
            let spec = self.0.spec();
            Ok(PaginatorMembers {
                input_token: spec.input_token.to_owned(),
                output_token: spec.output_token.to_owned(),
                limit_key: spec.limit_key.to_owned(),
                result_key: spec.result_key.to_owned(),
            })
        })
    }

    /// The token to resume from when `maxItems` stopped the walk early.
    #[napi(getter)]
    pub fn resume_token(&self) -> Result<Option<String>, &'static str> {
        shielded(|| Ok(self.0.resume_token().map(str::to_owned)))
    }
}

/// Every code a pagination error carries, in the core's order.
#[napi]
pub fn pagination_error_codes() -> Vec<&'static str> {
    PaginationError::CODES.to_vec()
}
