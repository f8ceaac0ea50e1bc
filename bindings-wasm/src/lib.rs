//! The WebAssembly build of orgkit for web pages (and Node, through the `nodejs` target).
//! It exposes the same checks as the Node addon and returns every result as data
//! (`{ valid, issues }`), so a form can show each issue beside its field. Modules mirror the
//! core's; this file holds only the JS value conversions they share.

pub mod arn;
#[cfg(feature = "emulator")]
pub mod emulator;
pub mod error;
pub mod handshake;
pub mod ids;
// The paginator walks lists a page fetches itself; the form bundle (pkg/web) has no use for it
// and stays under its size limit without it.
#[cfg(feature = "emulator")]
pub mod paginate;
pub mod validate;

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::JsValue;

/// Sets `object[key] = value`. Setting a property on a fresh plain object cannot fail, so
/// the result is ignored.
pub(crate) fn set(object: &Object, key: &str, value: impl Into<JsValue>) {
    let _ = Reflect::set(object, &JsValue::from_str(key), &value.into());
}

/// A JS array of strings.
pub(crate) fn string_array<'a>(items: impl IntoIterator<Item = &'a str>) -> Array {
    items.into_iter().map(JsValue::from_str).collect()
}
