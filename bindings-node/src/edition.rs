//! Mirrors `orgkit::edition`: which edition of the service models a call follows. Every
//! validation entry point takes an optional `{ edition }` option (`'original'` or `'current'`,
//! default `'current'`), read here; a bad option is an INVALID_ARGUMENT error that lists the
//! editions.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use orgkit::validate::{InputKind, RequestInput};
use orgkit::Edition;

use crate::error::argument;
use crate::validate::{named_property, type_of, NodeInput};

/// The options every validation entry point takes.
#[napi(object)]
pub struct EditionOptions {
    /// The edition of the service models to follow: `'original'` (the APIs as first released:
    /// Organizations 2017-02-27, Account 2021-09-30, Chime 2021-07-16) or `'current'` (the
    /// default: the APIs as AWS serves them today).
    #[napi(ts_type = "'original' | 'current'")]
    pub edition: Option<String>,
}

/// The names of both editions, oldest first: `['original', 'current']`.
#[napi]
pub fn editions() -> Vec<&'static str> {
    Edition::ALL.iter().map(|edition| edition.name()).collect()
}

/// The edition a call follows when it is given none: `'current'`.
#[napi]
pub fn default_edition() -> &'static str {
    Edition::default().name()
}

/// The names of the editions, for messages: `original, current`.
fn names() -> String {
    editions().join(", ")
}

/// The edition `options` asks for (`options.edition`; the default when `options` or the
/// member is absent or `undefined`). Anything else but an object as `options`, or anything
/// but one of the edition names as `options.edition`, is an INVALID_ARGUMENT error.
pub(crate) fn edition_option(
    options: Option<&Unknown<'_>>,
) -> std::result::Result<Edition, Error<&'static str>> {
    let Some(options) = options else {
        return Ok(Edition::default());
    };
    // `null` options count as none. Read as it is (no `toJSON`, no key listing: this runs on
    // every predicate call); getters and Proxy traps that throw are reported.
    let (env, value) = (options.value().env, options.raw());
    let input = NodeInput::Value { env, value };
    match type_of(env, value) {
        Some(sys::ValueType::napi_undefined | sys::ValueType::napi_null) => {
            return Ok(Edition::default())
        }
        Some(sys::ValueType::napi_object) if NodeInput::is_array(env, value) == Some(false) => {}
        _ => {
            return Err(argument(format!(
                "options must be an object such as {{ edition: 'original' }}, not {}",
                input.kind().type_name()
            )))
        }
    }
    let member = match named_property(env, value, "edition") {
        Some(member) => NodeInput::Value { env, value: member },
        None => NodeInput::Threw,
    };
    if member.is_undefined() {
        return Ok(Edition::default());
    }
    match member.kind() {
        InputKind::Text(name) => {
            Edition::parse_name(&name).map_err(|err| argument(format!("options.edition: {err}")))
        }
        other => Err(argument(format!(
            "options.edition must be one of: {}; not {}",
            names(),
            other.type_name()
        ))),
    }
}
