//! V8 fast API calls for orgkit's Node.js predicates: an optional accelerator of the `orgkit`
//! npm package.
//!
//! A call through Node-API costs more than a `RegExp.test` before any work is done. V8 can call a
//! C function straight from optimized JavaScript when the function declares its signature (V8's
//! "fast API calls"), with a flat one-byte string's bytes passed in place. This library is a
//! Node.js addon (not a Node-API one: the fast API is V8's, so the file is built for one V8
//! version, that is one Node.js major) whose functions answer the core's
//! [`ValueKind::is_valid_in`] that way. The `orgkit` package loads it when it was built for the
//! running Node.js and its tables agree (`digest`), and otherwise uses its generated JavaScript
//! matchers and the Node-API addon, which give the same answers.
//!
//! `src/shim.cc` holds the V8 side; this file the answers. Each answer is
//!
//! * `0` / `1`: the value is invalid / valid for the kind and edition `code` names
//!   ([`ValueKind::fast_path_code`]);
//! * `2` (*undecided*): the caller must decide another way: a code that names nothing, anything
//!   but a string, a two-byte string, a string with characters outside ASCII (one-byte strings
//!   are Latin-1, not UTF-8) or longer than 4,096 characters, or a panic in the core (caught
//!   here; never unwinds into V8). Ropes and slices reach the slow callback, which reads them.

use std::ffi::c_void;
use std::panic::catch_unwind;

use orgkit::ids::ValueKind;
use orgkit::Edition;

/// The answer for a value the caller must decide another way.
const UNDECIDED: u32 = 2;

/// The longest string the fast calls read (the slow callback copies no more either).
const MAX_READ: usize = 4096;

/// Whether `bytes` (Latin-1 characters) are a valid value of the kind `code` names: 0, 1, or
/// [`UNDECIDED`].
fn check(code: u32, bytes: &[u8]) -> u32 {
    match ValueKind::from_fast_path_code(code) {
        Some((kind, edition)) => check_kind(kind, edition, bytes),
        None => UNDECIDED,
    }
}

/// [`check`] of a known kind and edition.
#[inline(always)]
fn check_kind(kind: ValueKind, edition: Edition, bytes: &[u8]) -> u32 {
    // The kind's own predicate (`predicate_in`): called directly where the kind is a constant.
    let predicate = kind.predicate_in(edition);
    match ascii_text(bytes) {
        Some(text) => catch_unwind(|| predicate(text)).map_or(UNDECIDED, u32::from),
        None => UNDECIDED,
    }
}

/// The text of `bytes` when they are all ASCII, the one range where Latin-1 (a one-byte
/// string's characters) and UTF-8 agree, and at most [`MAX_READ`] long. From 8 to 32 bytes the
/// test reads whole words (the last overlapping the one before), not byte after byte:
/// `<[u8]>::is_ascii` measured 2 ns of a 12 ns fast call there.
#[inline(always)]
fn ascii_text(bytes: &[u8]) -> Option<&str> {
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    let n = bytes.len();
    // Longer than any valid value of any kind: left to the caller, whose tests of the length come
    // first (this scan would cost time in proportion to the length).
    if n > MAX_READ {
        return None;
    }
    let word_at = |at: usize| {
        bytes.get(at..at + 8).map_or(0, |eight| {
            u64::from_ne_bytes(eight.try_into().unwrap_or([0; 8]))
        })
    };
    let ascii = match n {
        8..=32 => {
            let mut high = word_at(n - 8);
            let mut at = 0;
            while at + 8 <= n {
                high |= word_at(at);
                at += 8;
            }
            high & HIGH == 0
        }
        _ => bytes.is_ascii(),
    };
    // SAFETY: ASCII bytes are valid UTF-8 (`str::from_utf8` would test them again).
    ascii.then(|| unsafe { std::str::from_utf8_unchecked(bytes) })
}

/// The bytes of a fast call's string argument.
///
/// # Safety
/// `value` points to a `FastOneByteString` whose `data` holds `length` bytes for the call.
#[inline(always)]
unsafe fn string_bytes<'a>(value: *const FastOneByteString) -> &'a [u8] {
    // SAFETY: the caller's contract.
    let value = unsafe { &*value };
    if value.length == 0 || value.data.is_null() {
        &[]
    } else {
        // SAFETY: as above; `u32` to `usize` never truncates on the platforms built for.
        unsafe { std::slice::from_raw_parts(value.data, value.length as usize) }
    }
}

/// The check behind every fast and slow call of `src/shim.cc`.
///
/// # Safety
/// `bytes` points to `length` readable bytes (or `length` is 0) for the duration of the call.
#[no_mangle]
pub unsafe extern "C" fn orgkit_fastcall_check(code: u32, bytes: *const u8, length: usize) -> u32 {
    let bytes = if length == 0 || bytes.is_null() {
        &[][..]
    } else {
        // SAFETY: the caller's contract (V8's string data, or the shim's stack buffer).
        unsafe { std::slice::from_raw_parts(bytes, length) }
    };
    check(code, bytes)
}

/// V8's `FastOneByteString`: a flat one-byte string's characters and their number.
#[repr(C)]
pub struct FastOneByteString {
    data: *const u8,
    length: u32,
}

/// The fast callback of `check` (`src/shim.cc` declares its signature to V8): the answer for a
/// flat one-byte string, called straight from optimized code.
///
/// # Safety
/// `value` points to a `FastOneByteString` whose `data` holds `length` bytes, valid for the call
/// (V8 passes the string's own characters; nothing can move or free them during a fast call).
#[no_mangle]
pub unsafe extern "C" fn orgkit_fastcall_fast_check(
    _receiver: *const c_void,
    code: u32,
    value: *const FastOneByteString,
) -> u32 {
    // SAFETY: the caller's contract.
    check(code, unsafe { string_bytes(value) })
}

/// A fast callback of one code for one value (`checks[code]` in JavaScript).
type CodeCallback = unsafe extern "C" fn(*const c_void, *const FastOneByteString) -> u32;

/// A fast callback of one code for four values (`checks4[code]` in JavaScript).
type CodeCallback4 = unsafe extern "C" fn(
    *const c_void,
    *const FastOneByteString,
    *const FastOneByteString,
    *const FastOneByteString,
    *const FastOneByteString,
) -> u32;

/// The kind and edition of `checks[EDITION << 8 | KIND]` (known when the callback is compiled).
#[inline(always)]
fn kind_of<const EDITION: usize, const KIND: usize>() -> Option<(ValueKind, Edition)> {
    Some((*ValueKind::ALL.get(KIND)?, *Edition::ALL.get(EDITION)?))
}

/// The fast callback of `checks[EDITION << 8 | KIND]`: [`check`] with the kind and edition known
/// when it is compiled, so the core's predicate is called directly.
///
/// # Safety
/// As [`orgkit_fastcall_fast_check`].
unsafe extern "C" fn check_of<const EDITION: usize, const KIND: usize>(
    _receiver: *const c_void,
    value: *const FastOneByteString,
) -> u32 {
    match kind_of::<EDITION, KIND>() {
        // SAFETY: the caller's contract.
        Some((kind, edition)) => check_kind(kind, edition, unsafe { string_bytes(value) }),
        None => UNDECIDED,
    }
}

/// The fast callback of `checks4[EDITION << 8 | KIND]`: four values at once, for `checkIds`
/// (one call and one panic guard for four: a third less time per value, measured). Bit `i` of
/// the answer is set when value `i` is valid, bit `4 + i` when it is undecided.
///
/// # Safety
/// As [`orgkit_fastcall_fast_check`], for each value.
unsafe extern "C" fn check4_of<const EDITION: usize, const KIND: usize>(
    _receiver: *const c_void,
    a: *const FastOneByteString,
    b: *const FastOneByteString,
    c: *const FastOneByteString,
    d: *const FastOneByteString,
) -> u32 {
    let Some((kind, edition)) = kind_of::<EDITION, KIND>() else {
        return 0xf0;
    };
    let predicate = kind.predicate_in(edition);
    // SAFETY: the caller's contract.
    let (a, b, c, d) = unsafe {
        (
            ascii_text(string_bytes(a)),
            ascii_text(string_bytes(b)),
            ascii_text(string_bytes(c)),
            ascii_text(string_bytes(d)),
        )
    };
    // Undecided: text outside ASCII.
    let undecided = u32::from(a.is_none())
        | u32::from(b.is_none()) << 1
        | u32::from(c.is_none()) << 2
        | u32::from(d.is_none()) << 3;
    let answer = |text: Option<&str>| text.is_some_and(predicate);
    match catch_unwind(|| {
        u32::from(answer(a))
            | u32::from(answer(b)) << 1
            | u32::from(answer(c)) << 2
            | u32::from(answer(d)) << 3
    }) {
        Ok(valid) => valid | undecided << 4,
        Err(_) => 0xf0,
    }
}

/// The callbacks of one edition, one per kind index below 32.
macro_rules! callbacks_of {
    ($callback:ident, $type:ty, $edition:literal) => {
        callbacks_of!(@kinds $callback, $type, $edition,
            0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31)
    };
    (@kinds $callback:ident, $type:ty, $edition:literal, $($kind:literal)*) => {
        [$($callback::<$edition, $kind> as $type),*]
    };
}

/// Every code's fast callbacks: editions 0 to 3, kinds 0 to 31 (those past `Edition::ALL` and
/// `ValueKind::ALL` are not handed out).
static CALLBACKS: [[CodeCallback; 32]; 4] = [
    callbacks_of!(check_of, CodeCallback, 0),
    callbacks_of!(check_of, CodeCallback, 1),
    callbacks_of!(check_of, CodeCallback, 2),
    callbacks_of!(check_of, CodeCallback, 3),
];
static CALLBACKS4: [[CodeCallback4; 32]; 4] = [
    callbacks_of!(check4_of, CodeCallback4, 0),
    callbacks_of!(check4_of, CodeCallback4, 1),
    callbacks_of!(check4_of, CodeCallback4, 2),
    callbacks_of!(check4_of, CodeCallback4, 3),
];

const _: () = assert!(
    ValueKind::ALL.len() <= 32 && Edition::ALL.len() <= 4,
    "CALLBACKS covers 32 kinds and 4 editions"
);

/// The fast callback of `code` (`edition << 8 | kind`) for `src/shim.cc`, for one value
/// (`values` 1) or four (`values` 4); null when the code names no kind of an edition.
#[no_mangle]
pub extern "C" fn orgkit_fastcall_callback(code: u32, values: u32) -> *const c_void {
    // The callbacks are compiled per position: find the kind's and the edition's.
    let positions = ValueKind::from_fast_path_code(code).and_then(|(kind, edition)| {
        Some((
            Edition::ALL.iter().position(|e| *e == edition)?,
            ValueKind::ALL.iter().position(|k| *k == kind)?,
        ))
    });
    let Some((edition, kind)) = positions else {
        return std::ptr::null();
    };
    match values {
        1 => CALLBACKS[edition][kind] as *const c_void,
        4 => CALLBACKS4[edition][kind] as *const c_void,
        _ => std::ptr::null(),
    }
}

/// Writes the core's `fast_path_tables_digest` (`which` 0) or `SOURCE_DIGEST` (`which` 1), both
/// ASCII, into `out`; returns the bytes written.
///
/// # Safety
/// `out` points to `capacity` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn orgkit_fastcall_digest(
    which: u32,
    out: *mut u8,
    capacity: usize,
) -> usize {
    let digest = match which {
        0 => catch_unwind(orgkit::ids::fast_path_tables_digest).unwrap_or_default(),
        _ => orgkit::ids::SOURCE_DIGEST.to_owned(),
    };
    let length = digest.len().min(capacity);
    // SAFETY: the caller's contract; `length` is at most `capacity`.
    unsafe { std::ptr::copy_nonoverlapping(digest.as_ptr(), out, length) };
    length
}

// Not in test builds: the test executable is not loaded by Node.js, and linking the shim there
// would leave V8's symbols unresolved.
#[cfg(all(orgkit_fastcall, not(test)))]
mod entry {
    use std::ffi::c_void;

    extern "C" {
        /// `src/shim.cc`: defines the exports (V8 handles, passed like pointers).
        fn orgkit_fastcall_register(
            exports: *mut c_void,
            module: *mut c_void,
            context: *mut c_void,
        );
    }

    // `node_register_module_v<ABI>`, the entry point Node.js looks up in an addon built for its
    // ABI (written by build.rs with the ABI of the headers it compiled against).
    include!(concat!(env!("OUT_DIR"), "/entry.rs"));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(kind: ValueKind, edition: Edition) -> u32 {
        kind.fast_path_code(edition)
    }

    #[test]
    fn answers_are_the_cores() {
        let account = code(ValueKind::AccountId, Edition::Current);
        assert_eq!(check(account, b"123456789012"), 1);
        assert_eq!(check(account, b"12345678901"), 0);
        assert_eq!(check(account, b""), 0);
        let tag = code(ValueKind::TaggableResourceId, Edition::Original);
        assert_eq!(
            check(tag, b"123456789012"),
            0,
            "not a kind of the original edition"
        );
    }

    #[test]
    fn latin1_outside_ascii_and_unknown_codes_are_undecided() {
        let email = code(ValueKind::Email, Edition::Current);
        // "é" in Latin-1 is the single byte 0xE9; UTF-8 would be two.
        assert_eq!(check(email, b"caf\xe9@example.com"), UNDECIDED);
        assert_eq!(check(0xff, b"123456789012"), UNDECIDED);
        assert_eq!(check(9 << 8, b"123456789012"), UNDECIDED);
    }

    #[test]
    fn ascii_text_is_is_ascii_for_every_length_and_position() {
        for length in 0..=40 {
            let mut bytes = vec![b'a'; length];
            assert_eq!(ascii_text(&bytes), Some("a".repeat(length).as_str()));
            for position in 0..length {
                for byte in [0x00, 0x7f, 0x80, 0xe9, 0xff] {
                    bytes[position] = byte;
                    assert_eq!(
                        ascii_text(&bytes).is_some(),
                        bytes.is_ascii(),
                        "{byte:#x} at {position} of {length}"
                    );
                }
                bytes[position] = b'a';
            }
        }
        assert_eq!(ascii_text(&[b'1'; MAX_READ]).map(str::len), Some(MAX_READ));
        assert_eq!(ascii_text(&[b'1'; MAX_READ + 1]), None);
    }

    #[test]
    fn four_values_a_call_pack_each_answer() {
        let strings = [&b"123456789012"[..], b"12345678901x", b"caf\xe9", b""];
        let values = strings.map(|bytes| FastOneByteString {
            data: bytes.as_ptr(),
            length: bytes.len() as u32,
        });
        // SAFETY: four live values, each pointing into a static byte string.
        let packed = unsafe {
            check4_of::<1, 0>(
                std::ptr::null(),
                &values[0],
                &values[1],
                &values[2],
                &values[3],
            )
        };
        assert_eq!(
            packed,
            0b0001 | 0b0100 << 4,
            "valid, invalid, undecided, invalid"
        );
        // SAFETY: as above.
        let one = unsafe { check_of::<1, 0>(std::ptr::null(), &values[0]) };
        assert_eq!(one, 1);
        assert!(orgkit_fastcall_callback(0xff, 1).is_null());
        assert!(orgkit_fastcall_callback(256, 2).is_null());
        assert!(!orgkit_fastcall_callback(256, 4).is_null());
    }

    #[test]
    fn digest_is_the_cores() {
        let mut out = [0u8; 64];
        // SAFETY: a local buffer of 64 bytes.
        let length = unsafe { orgkit_fastcall_digest(0, out.as_mut_ptr(), out.len()) };
        assert_eq!(
            &out[..length],
            orgkit::ids::fast_path_tables_digest().as_bytes()
        );
        // SAFETY: as above.
        let length = unsafe { orgkit_fastcall_digest(1, out.as_mut_ptr(), out.len()) };
        assert_eq!(&out[..length], orgkit::ids::SOURCE_DIGEST.as_bytes());
    }
}
