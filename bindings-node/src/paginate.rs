//! Mirrors `orgkit::paginate`: the transport-free walk, driven by `paginate` in `orgkit.js`,
//! which awaits the fetch and slices each page as the walk says.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use orgkit::paginate::{PageWalk as CoreWalk, PaginationConfig};

/// What the next request adds: the token and the page size.
#[napi(object)]
pub struct PagePatch {
    /// The input token member's value, when there is one.
    pub token: Option<String>,
    /// The limit member's value, when a page size is set.
    pub limit: Option<u32>,
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

/// One walk through the pages of a List operation (used by `paginate`).
#[napi]
pub struct PageWalk(CoreWalk);

#[napi]
impl PageWalk {
    /// Starts a walk; throws for an unknown or non-paginated operation.
    #[napi(constructor)]
    pub fn new(
        service: String,
        operation: String,
        max_items: Option<u32>,
        page_size: Option<u32>,
        starting_token: Option<String>,
    ) -> Result<Self> {
        let config = PaginationConfig {
            max_items: max_items.map(|n| n as usize),
            page_size: page_size.map(u64::from),
            starting_token,
        };
        CoreWalk::new(&service, &operation, config)
            .map(PageWalk)
            .map_err(|err| Error::new(Status::InvalidArg, err.to_string()))
    }

    /// What the next request adds, or `null` when the walk is over.
    #[napi]
    pub fn next_request(&mut self) -> Option<PagePatch> {
        self.0.next_request().map(|patch| PagePatch {
            token: patch.token,
            limit: patch.limit.map(|n| n.min(u64::from(u32::MAX)) as u32),
        })
    }

    /// Takes a page of `itemCount` items and its output token; returns `[start, end)` of the
    /// items to keep. Throws when the service repeats a token.
    #[napi]
    pub fn receive(&mut self, item_count: u32, output_token: Option<String>) -> Result<Vec<u32>> {
        self.0
            .receive(item_count as usize, output_token.as_deref())
            .map(|range| vec![range.start as u32, range.end as u32])
            .map_err(|err| Error::new(Status::GenericFailure, err.to_string()))
    }

    /// The paginator's member names.
    #[napi(getter)]
    pub fn members(&self) -> PaginatorMembers {
        let spec = self.0.spec();
        PaginatorMembers {
            input_token: spec.input_token.to_owned(),
            output_token: spec.output_token.to_owned(),
            limit_key: spec.limit_key.to_owned(),
            result_key: spec.result_key.to_owned(),
        }
    }

    /// The token to resume from when `maxItems` stopped the walk early.
    #[napi(getter)]
    pub fn resume_token(&self) -> Option<String> {
        self.0.resume_token().map(str::to_owned)
    }
}
