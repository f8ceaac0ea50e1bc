//! The WebAssembly build of orgkit for web pages (and Node, through the `nodejs` target).
//! It exposes the same checks as the Node addon and returns every result as data
//! (`{ valid, issues }`), so a form can show each issue beside its field. Modules mirror the
//! core's; this file holds only the JS value conversions they share.
//!
//! Reading a caller's value can run the caller's code (a getter, a Proxy trap), and that code
//! may throw. A JS exception must never unwind through Rust frames (it would skip their
//! epilogues and leave the shadow stack pointer and any borrow they hold behind), so every
//! read of a caller's value goes through an import that catches (`Reflect.get`, and the
//! `catch` imports below), and a throw becomes data: an issue, an invalid value, a coded error.
//! Exports take every argument as an owned `JsValue` and check it here, so a number where a
//! name is expected is an `INVALID_ARGUMENT` error, not a trap in the generated glue (which
//! copies a `&str` argument without looking at its type). Owned, not `&JsValue`: wasm-bindgen
//! passes a borrowed value through a stack of table slots whose pointer is not exported, and a
//! trap (a panic) in the call would leave that pointer moved for good.

pub mod arn;
pub mod edition;
#[cfg(feature = "emulator")]
pub mod emulator;
pub mod error;
// The handshake state machine has no use in a form either; it ships in the emulator bundle.
#[cfg(feature = "emulator")]
pub mod handshake;
pub mod hints;
pub mod ids;
// The paginator walks lists a page fetches itself; the form bundle (pkg/web) has no use for it
// and stays under its size limit without it.
#[cfg(feature = "emulator")]
pub mod paginate;
// The SCP checker and evaluator cost the form bundle ~46 KB gzipped (checkScp alone), more
// than its size limit leaves; they ship in the emulator bundle (pkg/web-emulator, pkg/node).
#[cfg(feature = "emulator")]
pub mod policy;
pub mod validate;

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

// The form bundle (no `emulator`) allocates with a small first-fit free list that coalesces
// freed neighbours (lol_alloc) rather than the standard library's dlmalloc: about 3 KB
// gzipped less, which keeps pkg/web under its size limit. Its allocations are few and short
// lived (one request's issues at a time); the emulator bundle keeps dlmalloc.
#[cfg(all(target_arch = "wasm32", not(feature = "emulator")))]
#[global_allocator]
// SAFETY: wasm32-unknown-unknown without the `atomics` feature runs one thread, so no two
// allocations can ever run at once.
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

#[wasm_bindgen]
extern "C" {
    /// `Array.isArray`, which throws for a revoked Proxy.
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn array_is_array(value: &JsValue) -> Result<bool, JsValue>;

    /// `Object.keys`, which runs a Proxy's `ownKeys` and `getOwnPropertyDescriptor` traps.
    /// Its result is a fresh array of strings, safe to read without catching.
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn object_keys(value: &JsValue) -> Result<Array, JsValue>;
}

/// The longest excerpt of a thrown value's message that messages quote (in characters).
const THROWN_EXCERPT: usize = 120;

/// What a caller's code threw, for a message: its `message` when it is a string (read
/// through `Reflect.get`, which catches too), the string itself, or its type; shortened.
pub(crate) fn thrown_message(thrown: &JsValue) -> String {
    let text = thrown.as_string().or_else(|| {
        if thrown.is_object() || thrown.is_function() {
            Reflect::get(thrown, &JsValue::from_str("message"))
                .ok()
                .and_then(|message| message.as_string())
        } else {
            None
        }
    });
    let text = text.unwrap_or_else(|| format!("a thrown {}", type_label(thrown)));
    match text.char_indices().nth(THROWN_EXCERPT) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text,
    }
}

/// `Array.isArray(value)`, or what reading it threw.
pub(crate) fn is_array(value: &JsValue) -> Result<bool, String> {
    array_is_array(value).map_err(|thrown| thrown_message(&thrown))
}

/// `value[key]` through `Reflect.get` (getters and Proxy traps run), or what they threw.
pub(crate) fn get(value: &JsValue, key: &JsValue) -> Result<JsValue, String> {
    Reflect::get(value, key).map_err(|thrown| thrown_message(&thrown))
}

/// The own enumerable string keys of an object, or what listing them threw.
pub(crate) fn own_keys(value: &JsValue) -> Result<Array, String> {
    object_keys(value).map_err(|thrown| thrown_message(&thrown))
}

/// The length a list states (`length` read with `Reflect.get`), as JS's ToLength reads a
/// number (NaN and negatives are 0, fractions are dropped, huge values saturate), or why it
/// has none: what reading it threw, or that it is not a number.
pub(crate) fn list_length(list: &JsValue) -> Result<usize, String> {
    let length = get(list, &JsValue::from_str("length"))?;
    let Some(length) = length.as_f64() else {
        return Err(format!(
            "a list whose length is a {}, not a number",
            type_label(&length)
        ));
    };
    Ok(if length.is_nan() || length <= 0.0 {
        0
    } else {
        // `as` saturates: 2^32 - 1 and more are usize::MAX on wasm32.
        length as usize
    })
}

/// The type of a JS value in messages: `typeof`, with `null` for null (never runs the
/// caller's code).
pub(crate) fn type_label(value: &JsValue) -> String {
    if value.is_null() {
        return "null".to_owned();
    }
    value
        .js_typeof()
        .as_string()
        .unwrap_or_else(|| "value".to_owned())
}

/// The text of an argument that must be a string (a service, an operation, a kind, a
/// caller, JSON text), or the message of an `INVALID_ARGUMENT` error naming it.
pub(crate) fn text_argument(what: &str, value: &JsValue) -> Result<String, String> {
    value
        .as_string()
        .ok_or_else(|| format!("{what} must be a string, not {}", type_label(value)))
}

/// An optional boolean argument: `undefined` or `null` for `default`, else a boolean (the
/// handshake exports', emulator bundle only).
#[cfg(feature = "emulator")]
pub(crate) fn flag_argument(what: &str, value: &JsValue, default: bool) -> Result<bool, String> {
    if value.is_undefined() || value.is_null() {
        return Ok(default);
    }
    value
        .as_bool()
        .ok_or_else(|| format!("{what} must be a boolean, not {}", type_label(value)))
}

/// Sets `object[key] = value`. Setting a property on a fresh plain object cannot fail, so
/// the result is ignored.
pub(crate) fn set(object: &Object, key: &str, value: impl Into<JsValue>) {
    let _ = Reflect::set(object, &JsValue::from_str(key), &value.into());
}

/// A JS array of strings.
pub(crate) fn string_array<'a>(items: impl IntoIterator<Item = &'a str>) -> Array {
    items.into_iter().map(JsValue::from_str).collect()
}
