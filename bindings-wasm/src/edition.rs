//! Mirrors `orgkit::edition`: which edition of the service models a call follows. Every
//! validation export takes an optional last argument `{ edition }` (`'original'` or
//! `'current'`, default `'current'`), read here through imports that catch; a bad option is
//! an `OrgkitArgumentError` (`INVALID_ARGUMENT`) that lists the editions.

use js_sys::Array;
use orgkit::validate::{InputKind, RequestInput};
use orgkit::Edition;
use wasm_bindgen::prelude::*;

use crate::error::argument_error;
use crate::string_array;
use crate::validate::JsInput;

#[wasm_bindgen(typescript_custom_section)]
const EDITION_TYPES: &'static str = r#"
/** An edition of the service models: `original` (the APIs as first released: Organizations
 * 2017-02-27, Account 2021-09-30, Chime 2021-07-16) or `current` (as AWS serves them today). */
export type Edition = 'original' | 'current';

/** The options every validation export takes. */
export interface EditionOptions {
  /** The edition of the service models to follow (default `current`). */
  edition?: Edition;
}
"#;

/// The names of both editions, oldest first: `['original', 'current']`.
#[wasm_bindgen(unchecked_return_type = "Edition[]")]
pub fn editions() -> Array {
    string_array(Edition::ALL.iter().map(|edition| edition.name()))
}

/// The edition a call follows when it is given none: `'current'`.
#[wasm_bindgen(js_name = defaultEdition, unchecked_return_type = "Edition")]
pub fn default_edition() -> String {
    Edition::default().name().to_owned()
}

/// The edition `options` asks for (`options.edition`; the default when `options` is
/// `undefined` or `null`, or the member is absent or `undefined`). Anything else but an object
/// as `options`, or anything but an edition's name as `options.edition`, is an
/// `OrgkitArgumentError` (`INVALID_ARGUMENT`).
pub(crate) fn edition_option(options: JsValue) -> Result<Edition, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(Edition::default());
    }
    // Only `edition` is read (no key listing: this runs on every predicate call); a getter or
    // Proxy trap that throws is reported.
    let plain_object = options.is_object()
        && !options.is_function()
        && crate::is_array(&options).is_ok_and(|array| !array);
    if !plain_object {
        return Err(argument_error(&format!(
            "options must be an object such as {{ edition: 'original' }}, not {}",
            JsInput::new(options).kind().type_name()
        )));
    }
    let member = match crate::get(&options, &JsValue::from_str("edition")) {
        Ok(value) if value.is_undefined() => return Ok(Edition::default()),
        read => JsInput::read(read),
    };
    match member.kind() {
        InputKind::Text(name) => Edition::parse_name(&name)
            .map_err(|err| argument_error(&format!("options.edition: {err}"))),
        other => {
            let names: Vec<&str> = Edition::ALL.iter().map(|edition| edition.name()).collect();
            Err(argument_error(&format!(
                "options.edition must be one of: {}; not {}",
                names.join(", "),
                other.type_name()
            )))
        }
    }
}
