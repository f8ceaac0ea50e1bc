//! Mirrors `orgkit::error`: issues as plain objects and the exported catalogue.

use std::panic::{catch_unwind, AssertUnwindSafe};

use napi::bindgen_prelude::*;
use napi_derive::napi;

/// One problem found in a value or a request.
#[napi(object)]
pub struct Issue {
    /// Where the problem is, boto3 style (`Target.Id`); empty for a standalone value.
    pub path: String,
    /// The catalogue code, e.g. `INVALID_PATTERN`.
    pub code: String,
    /// An AWS-style explanation naming the rule that failed and where.
    pub message: String,
}

impl From<orgkit::Issue> for Issue {
    fn from(issue: orgkit::Issue) -> Issue {
        Issue {
            path: issue.path,
            code: issue.code.as_str().to_owned(),
            message: issue.message,
        }
    }
}

/// Every error code of the core catalogue, in order.
#[napi]
pub fn error_codes() -> Vec<&'static str> {
    orgkit::ErrorCode::ALL
        .iter()
        .map(|code| code.as_str())
        .collect()
}

/// An error whose JS `code` is INVALID_ARGUMENT: an argument of the wrong kind.
pub fn argument(message: String) -> Error<&'static str> {
    Error::new(orgkit::error::INVALID_ARGUMENT, message)
}

/// Runs an export's body so that a panic (an orgkit bug) becomes an ordinary JS error with
/// `code` INTERNAL_ERROR (`orgkit.js` throws it as `OrgkitInternalError`) instead of unwinding
/// into Node-API, which aborts the process.
pub fn shielded<T>(body: impl FnOnce() -> Result<T, &'static str>) -> Result<T, &'static str> {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(result) => result,
        Err(payload) => Err(Error::new(
            orgkit::error::INTERNAL_ERROR,
            orgkit::error::internal_error_message(&*payload),
        )),
    }
}

/// Under the WebAssembly fallback (WASI), where a panic aborts instead of unwinding, a panic
/// hook that holds no lock when the trap comes: the standard hook takes its backtrace lock
/// around the report, the abort skips the unlock, and the next panic would wait for that lock
/// forever. This one only writes the message (stderr's lock is released before the abort);
/// `orgkit.js` turns the trap into an `OrgkitInternalError`.
#[cfg(target_family = "wasm")]
#[napi_derive::module_init]
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let message = orgkit::error::internal_error_message(info.payload());
        let place = info
            .location()
            .map(|at| format!(" at {at}"))
            .unwrap_or_default();
        eprintln!("orgkit internal error: {message}{place}");
        // `try_lock`: a panic while the message is being taken must not wait for itself.
        if let Ok(mut last) = LAST_PANIC.try_lock() {
            *last = Some(format!("{message}{place}"));
        }
    }));
}

/// The message of the last panic under the WebAssembly fallback, until taken.
#[cfg(target_family = "wasm")]
static LAST_PANIC: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

/// The message of the panic that just trapped under the WebAssembly fallback (`orgkit.js`
/// reads it into the `OrgkitInternalError`); always `null` from the native addon, where a
/// panic is caught before it leaves the call. Not public API.
#[napi(js_name = "__orgkitTakePanic")]
pub fn take_panic() -> Option<String> {
    #[cfg(target_family = "wasm")]
    {
        LAST_PANIC.try_lock().ok().and_then(|mut last| last.take())
    }
    #[cfg(not(target_family = "wasm"))]
    {
        None
    }
}

/// Turns an error of another status into one with a string code (the message is kept).
pub fn coded<S: AsRef<str>>(code: &'static str) -> impl Fn(Error<S>) -> Error<&'static str> {
    move |err| Error::new(code, err.reason.clone())
}

/// The codes of failed calls (INVALID_ARGUMENT, TOO_MANY_VALUES, INTERNAL_ERROR), in order.
#[napi]
pub fn call_error_codes() -> Vec<&'static str> {
    orgkit::error::CALL_ERROR_CODES.to_vec()
}

/// The most issues one validation reports, and the most values one `checkIds` takes.
#[napi(object)]
pub struct Limits {
    /// `MAX_ISSUES` of the core.
    pub max_issues: u32,
    /// `MAX_BATCH_VALUES` of the core.
    pub max_batch_values: u32,
}

/// The core's limits.
#[napi]
pub fn limits() -> Limits {
    Limits {
        max_issues: orgkit::validate::MAX_ISSUES as u32,
        max_batch_values: orgkit::ids::MAX_BATCH_VALUES as u32,
    }
}

/// Panics inside a shielded call, so that the tests can check that a panic (an orgkit bug)
/// reaches JS as an INTERNAL_ERROR and the process lives on. Not public API.
#[napi(js_name = "__orgkitInternalPanic")]
pub fn internal_panic(message: String) -> Result<(), &'static str> {
    shielded(|| panic!("{message}"))
}
