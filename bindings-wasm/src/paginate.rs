//! Mirrors `orgkit::paginate`: the client-side walk through the pages of a List operation, for
//! pages that fetch lists themselves. `receivePage` reads the response object; errors are thrown
//! as `Error`s whose `code` is the core's (`REPEATED_TOKEN`, `MALFORMED_PAGE`, …), the same
//! classes of failure the Node package throws.
//!
//! The page is read (its getters and Proxy traps run, and may call back into the walk) before
//! the walk's state is touched, and the state is borrowed only while core code runs, which
//! calls no JS. The methods take `&self`, so a call that a trap interrupts leaves no exclusive
//! borrow behind ("recursive use of an object"); the walk notices it was interrupted and
//! answers every later call with `INTERNAL_ERROR`.

use std::cell::{Cell, RefCell};

use js_sys::{Array, JsString, Object, Reflect};
use orgkit::model::Paginator;
use orgkit::paginate::{read_page, PageWalk as CoreWalk, PaginationConfig, PaginationError};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::error::{argument_error, internal_error};
use crate::validate::JsInput;
use crate::{set, string_array, text_argument, type_label};

/// A JS `Error` named after orgkit's class for `err`, with `code` set.
fn coded(err: &PaginationError) -> JsValue {
    let error = match err {
        PaginationError::Lookup(_) => {
            let error = js_sys::Error::new(&err.to_string());
            error.set_name("OrgkitUnknownOperationError");
            error
        }
        _ => {
            let error = js_sys::Error::new(&format!("{}: {err}", err.code()));
            error.set_name("OrgkitPaginationError");
            error
        }
    };
    let _ = Reflect::set(&error, &"code".into(), &err.code().into());
    error.into()
}

fn invalid(detail: String) -> JsValue {
    coded(&PaginationError::InvalidConfig { detail })
}

/// A count option: absent, or a whole number from 0 to 2**53 - 1.
fn count_option(name: &str, value: &JsValue) -> Result<Option<u64>, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    let Some(number) = value.as_f64() else {
        let found = type_label(value);
        return Err(invalid(format!("{name} must be a number, not {found}")));
    };
    PaginationConfig::count_from_number(name, Some(number)).map_err(|err| coded(&err))
}

/// Text that is a well-formed JS string (no lone surrogate), or `None`.
fn well_formed_text(value: &JsValue) -> Option<String> {
    let string = value.dyn_ref::<JsString>()?;
    string.is_valid_utf16().then(|| String::from(string))
}

/// One walk through the pages of a List operation, without a transport.
#[wasm_bindgen]
pub struct PageWalk {
    /// The operation's paginator (what a page is read for, without touching the walk).
    spec: &'static Paginator,
    walk: RefCell<CoreWalk>,
    /// Set while core code runs; found set on entry, it means that a trap (an orgkit bug)
    /// interrupted a call, and the walk answers `INTERNAL_ERROR` from then on.
    busy: Cell<bool>,
}

/// The error of a walk that a trap interrupted.
fn interrupted() -> JsValue {
    internal_error(
        "this PageWalk was interrupted by an internal error (a bug) in an earlier call; \
         start a new walk",
    )
}

#[wasm_bindgen]
impl PageWalk {
    /// Starts a walk over `operation` (`ListAccounts` or `list_accounts`) of `service`, with
    /// botocore's options `maxItems`, `pageSize`, `startingToken`, and the paginators of
    /// `options.edition` (default `'current'`). Throws for an unknown or non-paginated
    /// operation, an unusable option, or an unknown edition (`INVALID_ARGUMENT`).
    #[wasm_bindgen(constructor)]
    pub fn new(
        service: JsValue,
        operation: JsValue,
        max_items: JsValue,
        page_size: JsValue,
        starting_token: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "EditionOptions")] options: JsValue,
    ) -> Result<PageWalk, JsValue> {
        let max_items = count_option("maxItems", &max_items)?;
        let page_size = count_option("pageSize", &page_size)?;
        let starting_token = &starting_token;
        let starting_token = if starting_token.is_undefined() || starting_token.is_null() {
            None
        } else {
            Some(well_formed_text(starting_token).ok_or_else(|| {
                let found = type_label(starting_token);
                invalid(format!(
                    "startingToken must be a well-formed string, not {found}"
                ))
            })?)
        };
        let config = PaginationConfig {
            max_items: max_items.map(|n| usize::try_from(n).unwrap_or(usize::MAX)),
            page_size,
            starting_token,
        };
        let service = text_argument("service", &service).map_err(|m| argument_error(&m))?;
        let operation = text_argument("operation", &operation).map_err(|m| argument_error(&m))?;
        let edition = crate::edition::edition_option(options)?;
        let walk =
            CoreWalk::new(edition, &service, &operation, config).map_err(|err| coded(&err))?;
        Ok(PageWalk {
            spec: walk.spec(),
            walk: RefCell::new(walk),
            busy: Cell::new(false),
        })
    }

    /// Runs core code on the walk (no JS runs inside), or `INTERNAL_ERROR` when an earlier
    /// call was interrupted.
    fn with_walk<T>(&self, body: impl FnOnce(&mut CoreWalk) -> T) -> Result<T, JsValue> {
        if self.busy.get() {
            return Err(interrupted());
        }
        let Ok(mut walk) = self.walk.try_borrow_mut() else {
            return Err(interrupted());
        };
        self.busy.set(true);
        let result = body(&mut walk);
        self.busy.set(false);
        Ok(result)
    }

    /// What the next request adds (`{ token, limit }`), or `null` when the walk is over.
    #[wasm_bindgen(js_name = nextRequest)]
    pub fn next_request(&self) -> Result<JsValue, JsValue> {
        let patch = self.with_walk(|walk| walk.next_request())?;
        Ok(match patch {
            None => JsValue::NULL,
            Some(patch) => {
                let object = Object::new();
                set(
                    &object,
                    "token",
                    patch.token.map_or(JsValue::NULL, JsValue::from),
                );
                set(
                    &object,
                    "limit",
                    patch
                        .limit
                        .map_or(JsValue::NULL, |n| JsValue::from(n as f64)),
                );
                object.into()
            }
        })
    }

    /// Takes the response of the request just made; returns `[start, end]` of its items to
    /// keep. Throws `MALFORMED_PAGE` for a response of the wrong shape and `REPEATED_TOKEN`
    /// when the service returns a token twice; a page whose getter or Proxy trap throws is a
    /// `MALFORMED_PAGE` that names what it threw.
    #[wasm_bindgen(js_name = receivePage)]
    pub fn receive_page(&self, page: JsValue) -> Result<Array, JsValue> {
        // The page's code runs here, with nothing of the walk borrowed: it may even call the
        // walk (which then answers as it would from outside).
        let reading = read_page(self.spec, JsInput::new(page));
        let range = self
            .with_walk(|walk| walk.receive_reading(reading))?
            .map_err(|err| coded(&err))?;
        Ok([range.start, range.end]
            .into_iter()
            .map(|n| JsValue::from(n as f64))
            .collect())
    }

    /// Exists for the tests only: panics inside a call, as an orgkit bug in the walk would,
    /// so that they can check that the call is an `OrgkitInternalError` and that the walk
    /// answers `INTERNAL_ERROR` from then on (never "recursive use of an object").
    #[wasm_bindgen(js_name = __orgkitInternalPanic)]
    pub fn internal_panic(&self, message: JsValue) -> Result<(), JsValue> {
        let message = message.as_string().unwrap_or_default();
        self.with_walk(|_| panic!("{message}"))
    }

    /// The paginator's member names: `{ inputToken, outputToken, limitKey, resultKey }`.
    #[wasm_bindgen(getter)]
    pub fn members(&self) -> Object {
        let spec = self.spec;
        let object = Object::new();
        set(&object, "inputToken", spec.input_token);
        set(&object, "outputToken", spec.output_token);
        set(&object, "limitKey", spec.limit_key);
        set(&object, "resultKey", spec.result_key);
        object
    }

    /// The token to resume from when `maxItems` stopped the walk before the last page.
    #[wasm_bindgen(getter, js_name = resumeToken)]
    pub fn resume_token(&self) -> Result<Option<String>, JsValue> {
        self.with_walk(|walk| walk.resume_token().map(str::to_owned))
    }
}

/// Every code a pagination error carries, in the core's order.
#[wasm_bindgen(js_name = paginationErrorCodes)]
pub fn pagination_error_codes() -> Array {
    string_array(PaginationError::CODES.iter().copied())
}
