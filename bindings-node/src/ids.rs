//! Mirrors `orgkit::ids`: one predicate per kind, a batch check, and per-value results as data.

use napi::bindgen_prelude::*;
use napi::{JsValue, ValueType};
use napi_derive::napi;
use orgkit::{Edition, ValueKind};

use crate::error::{argument, shielded, Issue};
use crate::validate::string_of;

/// The text of a JS value, or the issue explaining why it has none.
pub fn text_of(value: &Unknown<'_>) -> std::result::Result<String, orgkit::Issue> {
    match value.get_type() {
        Ok(ValueType::String) => {
            let raw = value.value();
            string_of(raw.env, raw.value).ok_or_else(|| orgkit::Issue::not_unicode(""))
        }
        Ok(other) => Err(orgkit::Issue::wrong_type("", "a string", &type_name(other))),
        Err(_) => Err(orgkit::Issue::wrong_type(
            "",
            "a string",
            "an unknown value",
        )),
    }
}

fn type_name(value_type: ValueType) -> String {
    match value_type {
        ValueType::Undefined => "undefined",
        ValueType::Null => "null",
        ValueType::Boolean => "boolean",
        ValueType::Number => "number",
        ValueType::String => "string",
        ValueType::Symbol => "symbol",
        ValueType::Object => "object",
        ValueType::Function => "function",
        ValueType::External => "external",
        ValueType::BigInt => "bigint",
        _ => "an unknown value",
    }
    .to_owned()
}

/// The text of an argument that names something (a service, an operation, a kind, a
/// caller): a string, else an INVALID_ARGUMENT error naming the argument.
pub fn name_argument(
    what: &str,
    value: &Unknown<'_>,
) -> std::result::Result<String, Error<&'static str>> {
    match value.get_type() {
        Ok(ValueType::String) => {
            text_of(value).map_err(|_| argument(format!("{what} must be a well-formed string")))
        }
        Ok(other) => Err(argument(format!(
            "{what} must be a string, not {}",
            type_name(other)
        ))),
        Err(_) => Err(argument(format!("{what} must be a string"))),
    }
}

#[inline]
fn is_kind(
    kind: ValueKind,
    value: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> Result<bool, &'static str> {
    let edition = crate::edition::edition_option(options.as_ref())?;
    Ok(text_of(&value).is_ok_and(|text| kind.is_valid_in(edition, &text)))
}

macro_rules! predicates {
    ($($name:ident => $kind:ident, $doc:literal);+ $(;)?) => {
        $(
            #[doc = $doc]
            #[napi(ts_args_type = "value: unknown, options?: EditionOptions")]
            pub fn $name(value: Unknown<'_>, options: Option<Unknown<'_>>) -> Result<bool, &'static str> {
                shielded(|| is_kind(ValueKind::$kind, value, options))
            }
        )+
    };
}

predicates! {
    is_account_id => AccountId, "Whether `value` is a valid AccountId (false for anything that is not a string).";
    is_organization_id => OrganizationId, "Whether `value` is a valid OrganizationId (false for anything that is not a string).";
    is_root_id => RootId, "Whether `value` is a valid RootId (false for anything that is not a string).";
    is_organizational_unit_id => OrganizationalUnitId, "Whether `value` is a valid OrganizationalUnitId (false for anything that is not a string).";
    is_policy_id => PolicyId, "Whether `value` is a valid PolicyId (false for anything that is not a string).";
    is_handshake_id => HandshakeId, "Whether `value` is a valid HandshakeId (false for anything that is not a string).";
    is_create_account_request_id => CreateAccountRequestId, "Whether `value` is a valid CreateAccountRequestId (false for anything that is not a string).";
    is_child_id => ChildId, "Whether `value` is a valid ChildId (false for anything that is not a string).";
    is_parent_id => ParentId, "Whether `value` is a valid ParentId (false for anything that is not a string).";
    is_policy_target_id => PolicyTargetId, "Whether `value` is a valid PolicyTargetId (false for anything that is not a string).";
    is_email => Email, "Whether `value` is a valid Email under `options.edition`'s rule (false for anything that is not a string): `[^\\s@]+@[^\\s@]+\\.[^\\s@]+` in the current edition (the default), `[\\w+=,.-]+@[\\w.-]+\\.[\\w]+` in the original one; 6 to 64 characters.";
    is_role_name => RoleName, "Whether `value` is a valid RoleName (false for anything that is not a string).";
    is_account_name => AccountName, "Whether `value` is a valid AccountName (false for anything that is not a string).";
    is_organizational_unit_name => OrganizationalUnitName, "Whether `value` is a valid OrganizationalUnitName (false for anything that is not a string).";
    is_policy_name => PolicyName, "Whether `value` is a valid PolicyName (false for anything that is not a string).";
    is_arn => Arn, "Whether `value` is a valid Arn (false for anything that is not a string).";
    is_resource_policy_id => ResourcePolicyId, "Whether `value` is a valid ResourcePolicyId, `rp-` and 4 to 128 word characters (false for anything that is not a string, and always false in the original edition, which has no such kind).";
    is_responsibility_transfer_id => ResponsibilityTransferId, "Whether `value` is a valid ResponsibilityTransferId, `rt-` and 8 to 32 lowercase letters or digits (false for anything that is not a string, and always false in the original edition, which has no such kind).";
    is_taggable_resource_id => TaggableResourceId, "Whether `value` is a valid TaggableResourceId: a root, account, OU, policy, resource policy or responsibility transfer ID (false for anything that is not a string, and always false in the original edition, which has no such kind).";
    is_tag_key => TagKey, "Whether `value` is a valid TagKey: 1 to 128 Unicode letters, separators, numbers and `_.:/=+-@` (false for anything that is not a string, and always false in the original edition, which has no such kind).";
    is_tag_value => TagValue, "Whether `value` is a valid TagValue: like a TagKey, 0 to 256 characters (false for anything that is not a string, and always false in the original edition, which has no such kind).";
    is_service_principal => ServicePrincipal, "Whether `value` is a valid ServicePrincipal such as `config.amazonaws.com` (false for anything that is not a string, and always false in the original edition, which has no such kind).";
}

/// The kind of `edition` named by the JS value `kind`, or an INVALID_ARGUMENT error listing
/// the kinds of that edition (the core's message).
pub fn kind_named(kind: &Unknown<'_>, edition: Edition) -> Result<ValueKind, &'static str> {
    let kind = text_of(kind).map_err(|_| {
        argument("kind must be a string naming a value kind, e.g. \"AccountId\"".to_owned())
    })?;
    ValueKind::parse_name_in(edition, &kind).map_err(|err| argument(err.to_string()))
}

/// Checks many values of one kind in one call, under `options.edition`'s rules (default
/// `'current'`): one boolean per value. The array's length is read first: more than
/// `MAX_BATCH_VALUES` is refused (`code` TOO_MANY_VALUES) before any value is read, and the
/// result grows as values are read (a sparse array's holes are `false`).
#[napi(ts_args_type = "kind: string, values: Array<unknown>, options?: EditionOptions")]
pub fn check_ids(
    kind: Unknown<'_>,
    values: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> Result<Vec<bool>, &'static str> {
    shielded(|| {
        let edition = crate::edition::edition_option(options.as_ref())?;
        let kind = kind_named(&kind, edition)?;
        let input = crate::validate::NodeInput::of(&values);
        let count = match orgkit::validate::RequestInput::kind(&input) {
            orgkit::validate::InputKind::List(count) => count,
            _ => return Err(argument("values must be an array".to_owned())),
        };
        if count > orgkit::ids::MAX_BATCH_VALUES {
            return Err(Error::new(
                orgkit::error::TOO_MANY_VALUES,
                format!(
                    "checkIds takes at most {} values, not {count}",
                    orgkit::ids::MAX_BATCH_VALUES
                ),
            ));
        }
        let mut answers = Vec::new();
        for index in 0..count {
            let valid = orgkit::validate::RequestInput::item(&input, index).is_some_and(|item| {
                matches!(
                    orgkit::validate::RequestInput::kind(&item),
                    orgkit::validate::InputKind::Text(text) if kind.is_valid_in(edition, &text)
                )
            });
            answers.push(valid);
        }
        Ok(answers)
    })
}

/// The result of checking one value.
#[napi(object)]
pub struct ValueCheck {
    /// Whether the value is valid.
    pub valid: bool,
    /// The kind of the value when valid; for `ChildId`, `ParentId` and `PolicyTargetId` the
    /// kind of ID inside (`AccountId`, `OrganizationalUnitId`, `RootId`).
    pub kind: Option<String>,
    /// Every problem found (empty when valid).
    pub issues: Vec<Issue>,
}

/// Checks one value of `kind` under `options.edition`'s rules (default `'current'`) and
/// returns the result as data (never throws for a bad value; throws INVALID_ARGUMENT for a
/// kind the edition does not have).
#[napi(ts_args_type = "kind: string, value: unknown, options?: EditionOptions")]
pub fn check_value(
    kind: Unknown<'_>,
    value: Unknown<'_>,
    options: Option<Unknown<'_>>,
) -> Result<ValueCheck, &'static str> {
    shielded(|| {
        let edition = crate::edition::edition_option(options.as_ref())?;
        let kind = kind_named(&kind, edition)?;
        Ok(check(kind, edition, &value))
    })
}

fn check(kind: ValueKind, edition: Edition, value: &Unknown<'_>) -> ValueCheck {
    let issues: Vec<orgkit::Issue> = match text_of(value) {
        Ok(text) => match kind.check_in(edition, &text) {
            Ok(()) => {
                // `classify` names the ID inside a union; a kind that is not a union (an
                // Email valid only under the current rule) is the kind itself.
                let specific = kind.classify(&text).unwrap_or(kind);
                return ValueCheck {
                    valid: true,
                    kind: Some(specific.name().to_owned()),
                    issues: Vec::new(),
                };
            }
            Err(err) => err.issues_at(""),
        },
        Err(issue) => vec![issue],
    };
    ValueCheck {
        valid: false,
        kind: None,
        issues: issues.into_iter().map(Issue::from).collect(),
    }
}

/// The names of every kind `checkIds` and `checkValue` accept in `options.edition` (default
/// `'current'`: all 22; the original edition has the first 16).
#[napi(ts_args_type = "options?: EditionOptions")]
pub fn value_kinds(options: Option<Unknown<'_>>) -> Result<Vec<&'static str>, &'static str> {
    shielded(|| {
        let edition = crate::edition::edition_option(options.as_ref())?;
        Ok(edition
            .value_kinds()
            .iter()
            .map(|kind| kind.name())
            .collect())
    })
}

// ---------------------------------------------------------------------------------------------
// Lean entry points for the generated fast path (`fast.generated.js`, written by `cargo xtask
// codegen`). napi-rs's glue builds a borrow scope and copies each string argument into a heap
// `String` (~240 ns a call here); these are plain Node-API callbacks that read a string into a
// stack buffer (~55 ns). They are not public API: `orgkit.js` leaves `__orgkit*` names out.

use std::ffi::CStr;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr;

use napi::sys;

/// The bytes a string is read into without a heap allocation.
#[cfg(not(target_family = "wasm"))]
const STACK_TEXT: usize = 256;

/// Calls `use_text` with the UTF-8 text of the JS value `value` when it is a string (a lone
/// surrogate reads as U+FFFD, as everywhere else in the addon); `None` for anything else.
pub(crate) fn with_text<R>(
    env: sys::napi_env,
    value: sys::napi_value,
    use_text: impl FnOnce(&str) -> R,
) -> Option<R> {
    #[cfg(not(target_family = "wasm"))]
    {
        let mut buffer = [0u8; STACK_TEXT];
        let mut written = 0;
        // SAFETY: a value of the current call; the buffer holds STACK_TEXT bytes, the last
        // for the NUL Node-API writes. A value that is not a string fails with a status.
        let status = unsafe {
            sys::napi_get_value_string_utf8(
                env,
                value,
                buffer.as_mut_ptr().cast(),
                STACK_TEXT,
                &mut written,
            )
        };
        if status != sys::Status::napi_ok {
            return None;
        }
        // V8 writes whole characters only (at most 4 bytes each): a text that stops more than
        // 4 bytes short of the room it had is complete; otherwise it is read again in full.
        if written + 4 < STACK_TEXT - 1 {
            return std::str::from_utf8(&buffer[..written]).ok().map(use_text);
        }
    }
    crate::validate::string_of(env, value).map(|text| use_text(&text))
}

/// Runs a raw callback's body so that a panic (an orgkit bug) becomes a JS error with `code`
/// INTERNAL_ERROR, as `shielded` does for the napi-rs exports.
pub(crate) fn raw_shielded(
    env: sys::napi_env,
    body: impl FnOnce() -> sys::napi_value,
) -> sys::napi_value {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(value) => value,
        Err(payload) => {
            let message = orgkit::error::internal_error_message(&*payload).replace('\0', " ");
            let message = std::ffi::CString::new(message).unwrap_or_default();
            let code = std::ffi::CString::new(orgkit::error::INTERNAL_ERROR).unwrap_or_default();
            // SAFETY: the current call's environment; both texts are NUL-terminated.
            unsafe { sys::napi_throw_error(env, code.as_ptr(), message.as_ptr()) };
            ptr::null_mut()
        }
    }
}

/// The first `N` arguments of a raw callback (`undefined` where fewer were passed).
pub(crate) fn raw_arguments<const N: usize>(
    env: sys::napi_env,
    info: sys::napi_callback_info,
) -> [sys::napi_value; N] {
    let mut argc = N;
    let mut argv = [ptr::null_mut(); N];
    // SAFETY: the callback's own info; `argv` has room for `argc` values.
    unsafe {
        sys::napi_get_cb_info(
            env,
            info,
            &mut argc,
            argv.as_mut_ptr(),
            ptr::null_mut(),
            ptr::null_mut(),
        )
    };
    argv
}

/// A JS number argument as a `u32` (`None` for anything else).
pub(crate) fn raw_u32(env: sys::napi_env, value: sys::napi_value) -> Option<u32> {
    let mut number = 0;
    // SAFETY: a value of the current call; a non-number fails with a status.
    (unsafe { sys::napi_get_value_uint32(env, value, &mut number) } == sys::Status::napi_ok)
        .then_some(number)
}

/// The JS boolean `answer`.
pub(crate) fn raw_boolean(env: sys::napi_env, answer: bool) -> sys::napi_value {
    let mut result = ptr::null_mut();
    // SAFETY: the current call's environment.
    unsafe { sys::napi_get_boolean(env, answer, &mut result) };
    result
}

/// Adds the raw function `callback` to `exports` as `name`.
pub(crate) fn define_raw(
    env: sys::napi_env,
    exports: sys::napi_value,
    name: &CStr,
    callback: unsafe extern "C" fn(sys::napi_env, sys::napi_callback_info) -> sys::napi_value,
) -> Result<()> {
    let mut function = ptr::null_mut();
    // SAFETY: the module's environment and exports object; `name` is NUL-terminated.
    let status = unsafe {
        sys::napi_create_function(
            env,
            name.as_ptr(),
            name.to_bytes().len() as isize,
            Some(callback),
            ptr::null_mut(),
            &mut function,
        )
    };
    if status != sys::Status::napi_ok {
        return Err(Error::from_reason(format!("cannot create {name:?}")));
    }
    // SAFETY: as above.
    let status = unsafe { sys::napi_set_named_property(env, exports, name.as_ptr(), function) };
    if status != sys::Status::napi_ok {
        return Err(Error::from_reason(format!("cannot export {name:?}")));
    }
    Ok(())
}

/// `__orgkitIsKind(code, value)`: whether `value` is a valid value of the kind
/// `ValueKind::ALL[code & 0xff]` under `Edition::ALL[code >> 8]` (false for anything that is
/// not a string, and for a code that names neither). The generated fast path calls it for the
/// kinds whose rule is not a grammar table (emails, names, ARNs, tag text, …) once it has read
/// the options itself, and the benchmark measures it against the generated matchers.
unsafe extern "C" fn is_kind_raw(
    env: sys::napi_env,
    info: sys::napi_callback_info,
) -> sys::napi_value {
    raw_shielded(env, || {
        let [code, value] = raw_arguments::<2>(env, info);
        let kind = raw_u32(env, code).and_then(ValueKind::from_fast_path_code);
        let answer = kind.is_some_and(|(kind, edition)| {
            with_text(env, value, |text| kind.is_valid_in(edition, text)).unwrap_or(false)
        });
        raw_boolean(env, answer)
    })
}

/// The elements of a typed array argument (`None` for anything else or another element type).
fn typed_elements<'a, T>(
    env: sys::napi_env,
    value: sys::napi_value,
    expected: sys::napi_typedarray_type,
) -> Option<&'a mut [T]> {
    let mut kind = 0;
    let mut length = 0;
    let mut data = ptr::null_mut();
    // SAFETY: a value of the current call; a non-typed-array fails with a status.
    let status = unsafe {
        sys::napi_get_typedarray_info(
            env,
            value,
            &mut kind,
            &mut length,
            &mut data,
            ptr::null_mut(),
            ptr::null_mut(),
        )
    };
    if status != sys::Status::napi_ok || kind != expected || (data.is_null() && length > 0) {
        return None;
    }
    if length == 0 {
        return Some(&mut []);
    }
    // SAFETY: Node-API's view of the array's elements, valid for the current call; the JS side
    // passes arrays it allocated itself, so nothing else aliases them during the call.
    Some(unsafe { std::slice::from_raw_parts_mut(data.cast::<T>(), length) })
}

thread_local! {
    /// The UTF-16 units of the last `__orgkitCheckJoined` batch, and the bytes of one value
    /// (kept to reuse their allocations).
    static JOINED: std::cell::RefCell<(Vec<u16>, Vec<u8>)> =
        const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
}

/// A length in `__orgkitCheckJoined`'s `lengths` that marks an item the JS side answered itself.
const ANSWERED: u32 = u32::MAX;

/// `__orgkitCheckJoined(code, joined, units, lengths, answers, count)`: checks many strings in
/// one call. The JS side concatenates them (`joined`, `units` UTF-16 units long) and records the
/// length of each (`lengths`, a Uint32Array; `0xffffffff` marks an item it answered itself); the
/// answer for each of the first `count` is written to `answers` (a Uint8Array: 1 valid, 0 not)
/// under `ValueKind::ALL[code & 0xff]` of `Edition::ALL[code >> 8]`, with the core's own
/// matchers. Each value is cut from the text by its length in UTF-16 units, so a lone
/// surrogate reads as U+FFFD as everywhere else. Returns false when the arguments do not fit
/// together (nothing is then written).
unsafe extern "C" fn check_joined_raw(
    env: sys::napi_env,
    info: sys::napi_callback_info,
) -> sys::napi_value {
    raw_shielded(env, || {
        let [code, joined, units, lengths, answers, count] = raw_arguments::<6>(env, info);
        let done = (|| {
            let (kind, edition) = ValueKind::from_fast_path_code(raw_u32(env, code)?)?;
            let units = raw_u32(env, units)? as usize;
            let count = raw_u32(env, count)? as usize;
            let lengths: &mut [u32] =
                typed_elements(env, lengths, sys::TypedarrayType::uint32_array)?;
            let answers: &mut [u8] =
                typed_elements(env, answers, sys::TypedarrayType::uint8_array)?;
            let (lengths, answers) = (lengths.get(..count)?, answers.get_mut(..count)?);
            let stated: u64 = lengths
                .iter()
                .filter(|&&n| n != ANSWERED)
                .map(|&n| u64::from(n))
                .sum();
            if stated != units as u64 {
                return None;
            }
            JOINED.with(|buffers| {
                let (text, bytes) = &mut *buffers.borrow_mut();
                text.clear();
                text.resize(units + 1, 0);
                let mut written = 0;
                // SAFETY: a value of the current call; the buffer holds `units` units and the
                // NUL Node-API writes. A value that is not a string fails with a status.
                let status = unsafe {
                    sys::napi_get_value_string_utf16(
                        env,
                        joined,
                        text.as_mut_ptr(),
                        units + 1,
                        &mut written,
                    )
                };
                if status != sys::Status::napi_ok || written != units {
                    return None;
                }
                let mut at = 0;
                for (length, answer) in lengths.iter().zip(answers.iter_mut()) {
                    if *length == ANSWERED {
                        continue;
                    }
                    let value = &text[at..at + *length as usize];
                    at += *length as usize;
                    // ASCII (the common case) is narrowed in place of a decoding.
                    bytes.resize(value.len(), 0);
                    let mut seen = 0u16;
                    for (byte, &unit) in bytes.iter_mut().zip(value) {
                        *byte = unit as u8;
                        seen |= unit;
                    }
                    let valid = if seen < 0x80 {
                        // SAFETY: every byte is below 0x80, so the bytes are ASCII, valid UTF-8.
                        kind.is_valid_in(edition, unsafe { std::str::from_utf8_unchecked(bytes) })
                    } else {
                        kind.is_valid_in(edition, &String::from_utf16_lossy(value))
                    };
                    *answer = u8::from(valid);
                }
                // A batch of huge strings does not keep its memory.
                if text.capacity() > 1 << 24 {
                    *text = Vec::new();
                }
                Some(())
            })
        })()
        .is_some();
        raw_boolean(env, done)
    })
}

/// Adds the fast path's raw functions to the module's exports (`__orgkitIsKind`,
/// `__orgkitCheckJoined`, `__orgkitPatternHolds`, `__orgkitFastDigest`).
#[napi(module_exports)]
pub fn fast_path_exports(exports: Object<'_>) -> Result<()> {
    let (env, exports) = (exports.value().env, exports.raw());
    define_raw(env, exports, c"__orgkitIsKind", is_kind_raw)?;
    define_raw(env, exports, c"__orgkitCheckJoined", check_joined_raw)?;
    crate::validate::define_fast_exports(env, exports)
}
