//! Mirrors `orgkit::validate`: request validation over SDK-v3-shaped input objects, read in
//! place through Node-API (`NodeInput`), so nothing is serialized first: a value is read only
//! when the model's shapes reach it, a list one item at a time, and the walk stops at the
//! core's issue cap — a sparse array of 2³²−1 holes or a Proxy that lies about its length costs
//! what is read, and nesting deeper than the shapes is never followed.
//!
//! What is read follows `JSON.stringify`, which the SDK applies before sending: `undefined`,
//! functions and symbols are absent members (`null` as list items), `toJSON` is called (a
//! `Date` becomes its ISO text), a lone surrogate reads as U+FFFD. A getter, Proxy trap or
//! `toJSON` that throws is reported as an issue at its path; the exception is cleared, so it
//! never escapes into the caller's code as if the validator had thrown it.

use std::borrow::Cow;
use std::ffi::CString;
use std::ptr;

use napi::bindgen_prelude::*;
use napi::sys;
use napi::JsValue;
use napi_derive::napi;
use orgkit::validate::{InputKind, RequestInput};

use crate::error::{shielded, Issue};

/// A JS value as the validator sees it.
#[derive(Clone, Copy)]
pub(crate) enum NodeInput {
    /// A value that could be read.
    Value {
        /// The environment of the current call.
        env: sys::napi_env,
        /// The value (valid for the current call's handle scope).
        value: sys::napi_value,
    },
    /// A member or item whose reading threw (a getter, a Proxy trap, `toJSON`).
    Threw,
}

/// The type name messages use for a value whose reading threw.
const THREW: &str = "a value whose getter, Proxy trap or toJSON threw";

/// Whole numbers up to 2^53 are integers, as `JSON.stringify` writes them.
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_992.0;

/// Clears the exception a failed Node-API call left pending (so it does not surface in the
/// caller's code); always returns `None`.
fn clear_exception<T>(env: sys::napi_env) -> Option<T> {
    let mut thrown = ptr::null_mut();
    // SAFETY: `env` is the current call's environment.
    unsafe { sys::napi_get_and_clear_last_exception(env, &mut thrown) };
    None
}

/// Runs a Node-API call that yields a value; `None` (with any exception cleared) on failure.
fn read(
    env: sys::napi_env,
    call: impl FnOnce(*mut sys::napi_value) -> sys::napi_status,
) -> Option<sys::napi_value> {
    let mut result = ptr::null_mut();
    if call(&mut result) == sys::Status::napi_ok && !result.is_null() {
        Some(result)
    } else {
        clear_exception(env)
    }
}

pub(crate) fn type_of(env: sys::napi_env, value: sys::napi_value) -> Option<sys::napi_valuetype> {
    let mut kind = 0;
    // SAFETY: a value of the current call.
    let status = unsafe { sys::napi_typeof(env, value, &mut kind) };
    (status == sys::Status::napi_ok)
        .then_some(kind)
        .or_else(|| clear_exception(env))
}

fn flag(env: sys::napi_env, call: impl FnOnce(*mut bool) -> sys::napi_status) -> Option<bool> {
    let mut answer = false;
    if call(&mut answer) == sys::Status::napi_ok {
        Some(answer)
    } else {
        clear_exception(env)
    }
}

/// The UTF-8 text of a JS string (a lone surrogate becomes U+FFFD, as Node-API converts it).
#[cfg(not(target_family = "wasm"))]
pub(crate) fn string_of(env: sys::napi_env, value: sys::napi_value) -> Option<String> {
    let mut length = 0;
    // SAFETY: a string value of the current call; a null buffer asks for the length.
    let status =
        unsafe { sys::napi_get_value_string_utf8(env, value, ptr::null_mut(), 0, &mut length) };
    if status != sys::Status::napi_ok {
        return clear_exception(env);
    }
    let mut buffer = vec![0u8; length + 1];
    let mut written = 0;
    // SAFETY: the buffer holds `length` bytes plus the terminating NUL Node-API writes.
    let status = unsafe {
        sys::napi_get_value_string_utf8(
            env,
            value,
            buffer.as_mut_ptr().cast(),
            length + 1,
            &mut written,
        )
    };
    if status != sys::Status::napi_ok {
        return clear_exception(env);
    }
    buffer.truncate(written);
    String::from_utf8(buffer).ok()
}

/// The text of a JS string under the WebAssembly fallback (emnapi): read as UTF-16 code units
/// and decoded here, because emnapi's UTF-8 conversion takes a lone surrogate for the start of
/// a pair (and swallows the next unit). A lone surrogate becomes U+FFFD, as V8 converts it.
#[cfg(target_family = "wasm")]
pub(crate) fn string_of(env: sys::napi_env, value: sys::napi_value) -> Option<String> {
    let mut length = 0;
    // SAFETY: a string value of the current call; a null buffer asks for the length.
    let status =
        unsafe { sys::napi_get_value_string_utf16(env, value, ptr::null_mut(), 0, &mut length) };
    if status != sys::Status::napi_ok {
        return clear_exception(env);
    }
    let mut units = vec![0u16; length + 1];
    let mut written = 0;
    // SAFETY: the buffer holds `length` units plus the terminating NUL Node-API writes.
    let status = unsafe {
        sys::napi_get_value_string_utf16(env, value, units.as_mut_ptr(), length + 1, &mut written)
    };
    if status != sys::Status::napi_ok {
        return clear_exception(env);
    }
    units.truncate(written);
    Some(String::from_utf16_lossy(&units))
}

fn property(
    env: sys::napi_env,
    object: sys::napi_value,
    key: sys::napi_value,
) -> Option<sys::napi_value> {
    // SAFETY: values of the current call.
    read(env, |out| unsafe {
        sys::napi_get_property(env, object, key, out)
    })
}

pub(crate) fn named_property(
    env: sys::napi_env,
    object: sys::napi_value,
    name: &str,
) -> Option<sys::napi_value> {
    let name = CString::new(name).ok()?;
    // SAFETY: values of the current call; `name` is NUL-terminated.
    read(env, |out| unsafe {
        sys::napi_get_named_property(env, object, name.as_ptr(), out)
    })
}

impl NodeInput {
    /// The input for a value of the current call.
    pub(crate) fn of(value: &Unknown<'_>) -> NodeInput {
        NodeInput::Value {
            env: value.value().env,
            value: value.raw(),
        }
        .resolved()
    }

    /// The value after `toJSON` (once, as `JSON.stringify` calls it), or `Threw`.
    fn resolved(self) -> NodeInput {
        let NodeInput::Value { env, value } = self else {
            return self;
        };
        if type_of(env, value) != Some(sys::ValueType::napi_object) {
            return self;
        }
        let Some(to_json) = named_property(env, value, "toJSON") else {
            return NodeInput::Threw;
        };
        if type_of(env, to_json) != Some(sys::ValueType::napi_function) {
            return self;
        }
        // SAFETY: calling a function of the current call with `value` as `this` and no arguments.
        match read(env, |out| unsafe {
            sys::napi_call_function(env, value, to_json, 0, ptr::null(), out)
        }) {
            Some(converted) => NodeInput::Value {
                env,
                value: converted,
            },
            None => NodeInput::Threw,
        }
    }

    /// `Array.isArray(value)`, as `JSON.stringify` decides: Node-API's own check answers
    /// `false` for a Proxy of an array, so that case asks JS (`None` if it throws, as it does
    /// for a revoked Proxy).
    pub(crate) fn is_array(env: sys::napi_env, value: sys::napi_value) -> Option<bool> {
        // SAFETY: a value of the current call.
        if flag(env, |out| unsafe { sys::napi_is_array(env, value, out) })? {
            return Some(true);
        }
        let mut global = ptr::null_mut();
        // SAFETY: the current call's environment.
        if unsafe { sys::napi_get_global(env, &mut global) } != sys::Status::napi_ok {
            return clear_exception(env);
        }
        let array = named_property(env, global, "Array")?;
        let is_array = named_property(env, array, "isArray")?;
        // SAFETY: calling `Array.isArray` of the current call with one argument.
        let answer = read(env, |out| unsafe {
            sys::napi_call_function(env, array, is_array, 1, &value, out)
        })?;
        // SAFETY: `Array.isArray` returns a boolean.
        flag(env, |out| unsafe {
            sys::napi_get_value_bool(env, answer, out)
        })
    }

    /// `Object.keys(value)`: own enumerable string keys.
    fn keys(env: sys::napi_env, value: sys::napi_value) -> Option<sys::napi_value> {
        // SAFETY: an object of the current call.
        read(env, |out| unsafe {
            sys::napi_get_all_property_names(
                env,
                value,
                sys::KeyCollectionMode::own_only,
                sys::KeyFilter::enumerable | sys::KeyFilter::skip_symbols,
                sys::KeyConversion::numbers_to_strings,
                out,
            )
        })
    }

    /// The `length` of an array (or of a Proxy of one, whose trap may say anything: what it
    /// says is clamped to an array's range, 0 to 2³²−1).
    fn length(env: sys::napi_env, array: sys::napi_value) -> Option<u32> {
        let mut length = 0;
        // SAFETY: an array of the current call.
        if unsafe { sys::napi_get_array_length(env, array, &mut length) } == sys::Status::napi_ok {
            return Some(length);
        }
        clear_exception::<()>(env);
        let stated = named_property(env, array, "length")?;
        let mut number = 0.0;
        // SAFETY: a value of the current call; a non-number leaves `number` at 0.
        unsafe { sys::napi_get_value_double(env, stated, &mut number) };
        clear_exception::<()>(env);
        Some(if number.is_nan() {
            0
        } else {
            number.clamp(0.0, u32::MAX as f64) as u32
        })
    }

    /// Whether the value is `undefined`.
    pub(crate) fn is_undefined(&self) -> bool {
        match *self {
            NodeInput::Value { env, value } => {
                type_of(env, value) == Some(sys::ValueType::napi_undefined)
            }
            NodeInput::Threw => false,
        }
    }

    /// Whether the value counts as absent in an object (`JSON.stringify` leaves it out).
    fn is_absent(&self) -> bool {
        match *self {
            NodeInput::Value { env, value } => matches!(
                type_of(env, value),
                Some(
                    sys::ValueType::napi_undefined
                        | sys::ValueType::napi_function
                        | sys::ValueType::napi_symbol
                )
            ),
            NodeInput::Threw => false,
        }
    }
}

impl RequestInput for NodeInput {
    fn kind(&self) -> InputKind<'_> {
        let NodeInput::Value { env, value } = *self else {
            return InputKind::Other(THREW.to_owned());
        };
        let Some(kind) = type_of(env, value) else {
            return InputKind::Other(THREW.to_owned());
        };
        match kind {
            sys::ValueType::napi_undefined | sys::ValueType::napi_null => InputKind::Null,
            sys::ValueType::napi_boolean => {
                // SAFETY: a boolean of the current call.
                match flag(env, |out| unsafe {
                    sys::napi_get_value_bool(env, value, out)
                }) {
                    Some(answer) => InputKind::Bool(answer),
                    None => InputKind::Other(THREW.to_owned()),
                }
            }
            sys::ValueType::napi_number => {
                let mut number = 0.0;
                // SAFETY: a number of the current call.
                unsafe { sys::napi_get_value_double(env, value, &mut number) };
                if number.fract() == 0.0 && number.abs() <= MAX_SAFE_INTEGER {
                    InputKind::Integer(number as i64)
                } else {
                    InputKind::Float(number)
                }
            }
            // JSON.stringify throws on a BigInt: the SDK could not send it.
            sys::ValueType::napi_bigint => InputKind::Other("bigint".to_owned()),
            sys::ValueType::napi_string => match string_of(env, value) {
                Some(text) => InputKind::Text(Cow::Owned(text)),
                None => InputKind::Other("string (unreadable)".to_owned()),
            },
            sys::ValueType::napi_object => match NodeInput::is_array(env, value) {
                Some(true) => match NodeInput::length(env, value) {
                    Some(length) => InputKind::List(length as usize),
                    None => InputKind::Other(THREW.to_owned()),
                },
                Some(false) => match NodeInput::keys(env, value)
                    .and_then(|keys| NodeInput::length(env, keys))
                {
                    Some(count) => InputKind::Map(count as usize),
                    None => InputKind::Other(THREW.to_owned()),
                },
                None => InputKind::Other(THREW.to_owned()),
            },
            sys::ValueType::napi_function => InputKind::Other("function".to_owned()),
            sys::ValueType::napi_symbol => InputKind::Other("symbol".to_owned()),
            _ => InputKind::Other("external".to_owned()),
        }
    }

    fn item(&self, index: usize) -> Option<Self> {
        let NodeInput::Value { env, value } = *self else {
            return None;
        };
        let index = u32::try_from(index).ok()?;
        // SAFETY: an array of the current call.
        let item = match read(env, |out| unsafe {
            sys::napi_get_element(env, value, index, out)
        }) {
            Some(item) => NodeInput::Value { env, value: item }.resolved(),
            None => NodeInput::Threw,
        };
        // In a list, what JSON.stringify cannot write becomes null (a hole is undefined).
        Some(if item.is_absent() {
            // SAFETY: creating null in the current call.
            match read(env, |out| unsafe { sys::napi_get_null(env, out) }) {
                Some(null) => NodeInput::Value { env, value: null },
                None => NodeInput::Threw,
            }
        } else {
            item
        })
    }

    fn member(&self, key: &str) -> Option<Self> {
        let NodeInput::Value { env, value } = *self else {
            return None;
        };
        if type_of(env, value) != Some(sys::ValueType::napi_object) {
            return None;
        }
        let member = match named_property(env, value, key) {
            Some(member) => NodeInput::Value { env, value: member }.resolved(),
            None => NodeInput::Threw,
        };
        (!member.is_absent()).then_some(member)
    }

    fn for_each_entry(&self, visit: &mut dyn FnMut(std::result::Result<&str, String>, Self)) {
        let NodeInput::Value { env, value } = *self else {
            return;
        };
        if NodeInput::is_array(env, value) != Some(false) {
            return;
        }
        let Some(keys) = NodeInput::keys(env, value) else {
            return;
        };
        let count = NodeInput::length(env, keys).unwrap_or(0);
        for index in 0..count {
            // SAFETY: the key array of the current call.
            let Some(key) = read(env, |out| unsafe {
                sys::napi_get_element(env, keys, index, out)
            }) else {
                continue;
            };
            let Some(name) = string_of(env, key) else {
                continue;
            };
            let member = match property(env, value, key) {
                Some(member) => NodeInput::Value { env, value: member }.resolved(),
                None => NodeInput::Threw,
            };
            if !member.is_absent() {
                visit(Ok(&name), member);
            }
        }
    }
}

/// The result of validating a request.
#[napi(object)]
pub struct RequestCheck {
    /// Whether the request is valid.
    pub valid: bool,
    /// Every problem found (empty when valid), at most `MAX_ISSUES` and a last
    /// `TOO_MANY_ISSUES`.
    pub issues: Vec<Issue>,
}

/// Validates a request (an SDK v3 input object, read in place) under the model of
/// `options.edition` (`'original'` or `'current'`, the default). Throws for an unknown service
/// or operation (`code` UNKNOWN_OPERATION; the message names the edition and lists the valid
/// names) and for names or options of the wrong kind (`code` INVALID_ARGUMENT).
#[napi(
    ts_args_type = "service: string, operation: string, params?: unknown, options?: EditionOptions"
)]
pub fn validate_request(
    service: Unknown<'_>,
    operation: Unknown<'_>,
    // Not `Option`: napi-rs reads `null` as `None`, and a `null` request must be reported.
    params: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> Result<RequestCheck, &'static str> {
    shielded(|| {
        let service = crate::ids::name_argument("service", &service)?;
        let operation = crate::ids::name_argument("operation", &operation)?;
        let edition = crate::edition::edition_option(options.as_ref())?;
        let (service, operation) = orgkit::validate::find_operation(edition, &service, &operation)
            .map_err(|err| Error::new("UNKNOWN_OPERATION", err.to_string()))?;
        // Only a missing (undefined) request counts as `{}`; `null` or a number is reported.
        let params = NodeInput::of(&params);
        let issues = if params.is_undefined() {
            orgkit::validate::validate_operation(service, operation, &serde_json::json!({}))
        } else {
            orgkit::validate::validate_input(service, operation, &params)
        };
        Ok(RequestCheck {
            valid: issues.is_empty(),
            issues: issues.into_iter().map(Issue::from).collect(),
        })
    })
}

/// The operations of a service in `options.edition` (default `'current'`) as
/// `[modelName, boto3Name]` pairs.
#[napi(ts_args_type = "service: string, options?: EditionOptions")]
pub fn operations(
    service: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> Result<Vec<Vec<&'static str>>, &'static str> {
    shielded(|| {
        let service = crate::ids::name_argument("service", &service)?;
        let edition = crate::edition::edition_option(options.as_ref())?;
        let found = orgkit::validate::find_service(edition, &service)
            .map_err(|err| Error::new("UNKNOWN_OPERATION", err.to_string()))?;
        Ok(found
            .operations
            .iter()
            .map(|op| vec![op.name, op.python_name])
            .collect())
    })
}

// ---------------------------------------------------------------------------------------------
// Lean entry points for the generated fast path of `validateRequest` (`fast.generated.js`).

/// `__orgkitPatternHolds(code, text)`: whether `text` matches in full the pattern of the
/// string shape `code` names — shape `code & 0xfffff` of service `(code >> 20) & 3` of
/// `Edition::ALL[code >> 22]` — as request validation applies it (`None` from
/// `orgkit::validate::pattern_failure`). False for anything that is not a string and for a
/// code that names no shape with a pattern. The fast path asks this for the patterns that are
/// not grammar tables (emails, names, tag text, …), so that no rule is written twice.
unsafe extern "C" fn pattern_holds_raw(
    env: sys::napi_env,
    info: sys::napi_callback_info,
) -> sys::napi_value {
    use crate::ids::{raw_arguments, raw_boolean, raw_shielded, raw_u32, with_text};
    raw_shielded(env, || {
        let [code, text] = raw_arguments::<2>(env, info);
        let matcher = raw_u32(env, code).and_then(|code| {
            let edition = orgkit::Edition::ALL.get((code >> 22) as usize)?;
            let service = edition
                .services()
                .get(((code >> 20) & 3) as usize)
                .copied()?;
            match &service.shapes.get((code & 0xf_ffff) as usize)?.kind {
                orgkit::model::ShapeKind::String {
                    pattern: Some(pattern),
                    ..
                } => Some(pattern.matcher),
                _ => None,
            }
        });
        let answer = matcher.is_some_and(|matcher| {
            with_text(env, text, |text| {
                orgkit::validate::pattern_failure(matcher, text).is_none()
            })
            .unwrap_or(false)
        });
        raw_boolean(env, answer)
    })
}

/// `__orgkitFastDigest()`: the core's `fast_path_tables_digest`, computed once.
unsafe extern "C" fn fast_digest_raw(
    env: sys::napi_env,
    _info: sys::napi_callback_info,
) -> sys::napi_value {
    static DIGEST: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    raw_string(
        env,
        DIGEST.get_or_init(orgkit::ids::fast_path_tables_digest),
    )
}

/// `__orgkitSourceDigest()`: the core's `SOURCE_DIGEST` (the V8 fast calls must match it).
unsafe extern "C" fn source_digest_raw(
    env: sys::napi_env,
    _info: sys::napi_callback_info,
) -> sys::napi_value {
    raw_string(env, orgkit::ids::SOURCE_DIGEST)
}

/// A JS string of `text`, for a raw callback.
fn raw_string(env: sys::napi_env, text: &str) -> sys::napi_value {
    crate::ids::raw_shielded(env, || {
        let mut result = ptr::null_mut();
        // SAFETY: the current call's environment; the text and its length.
        unsafe {
            sys::napi_create_string_utf8(
                env,
                text.as_ptr().cast(),
                text.len() as isize,
                &mut result,
            )
        };
        result
    })
}

/// Adds `__orgkitPatternHolds`, `__orgkitFastDigest` and `__orgkitSourceDigest` to the module's
/// exports.
pub(crate) fn define_fast_exports(env: sys::napi_env, exports: sys::napi_value) -> Result<()> {
    crate::ids::define_raw(env, exports, c"__orgkitPatternHolds", pattern_holds_raw)?;
    crate::ids::define_raw(env, exports, c"__orgkitFastDigest", fast_digest_raw)?;
    crate::ids::define_raw(env, exports, c"__orgkitSourceDigest", source_digest_raw)
}
