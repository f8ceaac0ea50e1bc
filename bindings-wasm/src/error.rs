//! Mirrors `orgkit::error`: issues as plain JS objects (each with the hint `orgkit::hints`
//! gives it), the exported catalogues, coded errors (`INVALID_ARGUMENT`, `TOO_MANY_VALUES`,
//! `INTERNAL_ERROR`), and the panic hook.
//!
//! The release build aborts on a panic (wasm32 has no unwinding): a panic is a
//! `WebAssembly.RuntimeError` trap in the middle of a call. The hook installed at start
//! records the panic's message; the JS wrapper (`bindings-wasm/js/guard.js`, the entry point of
//! every package) catches the trap, puts the shadow stack pointer back, and throws an
//! `OrgkitInternalError` (code `INTERNAL_ERROR`) with that message.

use std::cell::Cell;

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

use crate::{set, string_array};

#[wasm_bindgen(typescript_custom_section)]
const ISSUE_TYPES: &'static str = r#"
/** Every code an issue may carry: the core's one catalogue, in its order (`errorCodes()`).
 * The strings never change once released; a later release may add codes. */
export type IssueCode =
  | 'INPUT_REQUIRED' | 'INVALID_PATTERN' | 'INVALID_PATTERN_TARGET_ID' | 'INVALID_ENUM'
  | 'INVALID_LIST_MEMBER' | 'MIN_LENGTH_EXCEEDED' | 'MAX_LENGTH_EXCEEDED' | 'MIN_VALUE_EXCEEDED'
  | 'MAX_VALUE_EXCEEDED' | 'INVALID_PARTY_TYPE_TARGET' | 'INVALID_SYNTAX_ORGANIZATION_ARN'
  | 'INVALID_SYNTAX_POLICY_ID' | 'INVALID_NEXT_TOKEN' | 'MAX_LIMIT_EXCEEDED_FILTER'
  | 'UNKNOWN_PARAMETER' | 'INVALID_TYPE' | 'TOO_MANY_ISSUES';

/** The codes of failed calls (thrown errors' `code`), not of issues (`callErrorCodes()`). */
export type CallErrorCode = 'INVALID_ARGUMENT' | 'TOO_MANY_VALUES' | 'INTERNAL_ERROR';

/** One problem of a value or a request. */
export interface Issue {
  /** Where the problem is, boto3 style (`Target.Id`, `States[2]`); empty for a standalone value. */
  path: string;
  /** The catalogue code, the same in every orgkit binding. */
  code: IssueCode;
  /** An AWS-style explanation naming the rule that failed and where (for developers and logs). */
  message: string;
  /** A short sentence for the person filling in a form, e.g. "An account ID is exactly 12 digits.". */
  hint: string;
}

/** What a validation answers: `valid` is true exactly when `issues` is empty. */
export interface ValidationResult {
  valid: boolean;
  issues: Issue[];
}
"#;

/// `{ path, code, message, hint }` for one issue.
pub(crate) fn issue_object(issue: &orgkit::Issue, hint: &str) -> Object {
    let object = Object::new();
    set(&object, "path", issue.path.as_str());
    set(&object, "code", issue.code.as_str());
    set(&object, "message", issue.message.as_str());
    set(&object, "hint", hint);
    object
}

/// A JS array of issue objects, each with the hint `hint_of` gives it (from
/// `orgkit::hints`, which knows the member or kind the issue is about).
pub(crate) fn issue_array(
    issues: &[orgkit::Issue],
    hint_of: &dyn Fn(&orgkit::Issue) -> String,
) -> Array {
    issues
        .iter()
        .map(|issue| issue_object(issue, &hint_of(issue)))
        .collect()
}

/// Every error code of the core catalogue, in order.
#[wasm_bindgen(js_name = errorCodes, unchecked_return_type = "IssueCode[]")]
pub fn error_codes() -> Array {
    string_array(orgkit::ErrorCode::ALL.iter().map(|code| code.as_str()))
}

/// The codes of failed calls (not of issues): `INVALID_ARGUMENT`, `TOO_MANY_VALUES`,
/// `INTERNAL_ERROR`, in the core's order.
#[wasm_bindgen(js_name = callErrorCodes, unchecked_return_type = "CallErrorCode[]")]
pub fn call_error_codes() -> Array {
    string_array(orgkit::error::CALL_ERROR_CODES.iter().copied())
}

/// A JS `Error` named `name` with a `code` property.
pub(crate) fn coded_error(name: &str, code: &str, message: &str) -> JsValue {
    let error = js_sys::Error::new(message);
    error.set_name(name);
    let _ = Reflect::set(&error, &JsValue::from_str("code"), &JsValue::from_str(code));
    error.into()
}

/// `OrgkitArgumentError` with code `INVALID_ARGUMENT`: an argument of the wrong kind or an
/// unknown name, refused before any work is done.
pub(crate) fn argument_error(message: &str) -> JsValue {
    coded_error(
        "OrgkitArgumentError",
        orgkit::error::INVALID_ARGUMENT,
        message,
    )
}

/// `OrgkitArgumentError` with code `TOO_MANY_VALUES`.
pub(crate) fn too_many_values(message: &str) -> JsValue {
    coded_error(
        "OrgkitArgumentError",
        orgkit::error::TOO_MANY_VALUES,
        message,
    )
}

/// `OrgkitInternalError` with code `INTERNAL_ERROR`.
#[cfg(feature = "emulator")]
pub(crate) fn internal_error(message: &str) -> JsValue {
    coded_error(
        "OrgkitInternalError",
        orgkit::error::INTERNAL_ERROR,
        message,
    )
}

/// `OrgkitUnknownOperationError` for a service or operation name the model does not have,
/// with code `UNKNOWN_SERVICE` or `UNKNOWN_OPERATION`.
pub(crate) fn lookup_error(err: &orgkit::LookupError) -> JsValue {
    let code = match err {
        orgkit::LookupError::UnknownService { .. } => "UNKNOWN_SERVICE",
        _ => "UNKNOWN_OPERATION",
    };
    coded_error("OrgkitUnknownOperationError", code, &err.to_string())
}

thread_local! {
    /// The message of the last panic, until the JS wrapper takes it.
    static LAST_PANIC: Cell<Option<String>> = const { Cell::new(None) };
}

/// Installs the hook that records a panic's message (`internal_error_message` and where it
/// happened) for the JS wrapper; runs once, when the module starts.
#[wasm_bindgen(start)]
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let mut message = orgkit::error::internal_error_message(info.payload());
        if let Some(location) = info.location() {
            message.push_str(&format!(" (at {}:{})", location.file(), location.line()));
        }
        LAST_PANIC.with(|last| last.set(Some(message)));
    }));
}

/// For the JS wrapper only: the message of the panic that trapped the last call (then
/// forgotten), or `undefined` when the trap was not a panic.
#[wasm_bindgen(js_name = __orgkitTakePanic)]
pub fn take_panic() -> Option<String> {
    LAST_PANIC.with(Cell::take)
}

/// Exists for the tests only: panics with `message`, so that they can check that a panic
/// (an orgkit bug) becomes an `OrgkitInternalError` (code `INTERNAL_ERROR`) and that the
/// module keeps working afterwards.
#[wasm_bindgen(js_name = __orgkitInternalPanic)]
pub fn internal_panic(message: JsValue) {
    let message = message.as_string().unwrap_or_default();
    panic!("{message}");
}
