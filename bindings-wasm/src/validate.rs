//! Mirrors `orgkit::validate`: request validation for pages, results as data.

use std::borrow::Cow;
use std::cell::OnceCell;

use js_sys::{Array, Object};
use orgkit::model::{Operation, Service};
use orgkit::validate::{InputKind, RequestInput};
use wasm_bindgen::prelude::*;

use crate::error::{argument_error, issue_array, lookup_error};
use crate::{get, is_array, list_length, own_keys, set, text_argument, type_label};

/// A JS value as the validator sees it, read in place (no copy into JSON) and only through
/// imports that catch, so a getter or Proxy trap that throws makes the value
/// [`JsInput::Threw`], which the walk reports as `INVALID_TYPE` at its path. Members that are
/// `undefined` count as absent, as `JSON.stringify` would leave them out; the walk follows the
/// model's shapes, so deep or cyclic input is never followed further than the shapes go. What
/// a value is, is read once (a Proxy answers the same way for the whole walk), and a list's
/// items are read one at a time, never copied: a sparse array or a Proxy stating a length of
/// 2^32 - 1 costs only the items the walk reads before its issue cap.
pub(crate) enum JsInput {
    /// A value that was read; what it is, is read on first use.
    Value {
        /// The value.
        value: JsValue,
        /// What it is, once read.
        seen: OnceCell<Seen>,
    },
    /// Reading the value threw (a getter, a Proxy trap): the message, shortened.
    Threw(String),
}

/// What a JS value is, read once.
pub(crate) enum Seen {
    Null,
    Bool(bool),
    Integer(i64),
    Float(f64),
    Text(String),
    /// A list and the length it states.
    List(usize),
    /// A map and its own enumerable keys (a fresh array that `Object.keys` made).
    Map(Array),
    /// Anything else (or a value whose reading threw), named for messages.
    Other(String),
}

/// Whole numbers up to 2^53 are integers, as `JSON.stringify` writes them.
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_992.0;

/// The name of a value whose reading threw, in messages ("Expected list, got …").
fn threw_name(message: &str) -> String {
    format!("a value that threw when read: {message}")
}

impl JsInput {
    /// A value as read.
    pub(crate) fn new(value: JsValue) -> JsInput {
        JsInput::Value {
            value,
            seen: OnceCell::new(),
        }
    }

    /// A value as read, or what reading it threw; an object with a `toJSON` method is what
    /// that method returns (once, as `JSON.stringify` calls it: a `Date` becomes its ISO text).
    pub(crate) fn read(read: Result<JsValue, String>) -> JsInput {
        match read.and_then(json_form) {
            Ok(value) => JsInput::new(value),
            Err(message) => JsInput::Threw(message),
        }
    }

    fn seen(&self) -> Option<(&JsValue, &Seen)> {
        match self {
            JsInput::Value { value, seen } => Some((value, seen.get_or_init(|| see(value)))),
            JsInput::Threw(_) => None,
        }
    }
}

/// `value` after its `toJSON` method, when it has one (through imports that catch).
fn json_form(value: JsValue) -> Result<JsValue, String> {
    if !value.is_object() {
        return Ok(value);
    }
    let to_json = get(&value, &JsValue::from_str("toJSON"))?;
    if !to_json.is_function() {
        return Ok(value);
    }
    to_json
        .unchecked_ref::<js_sys::Function>()
        .call0(&value)
        .map_err(|thrown| crate::thrown_message(&thrown))
}

/// Whether `JSON.stringify` leaves a member with this value out (`undefined`, a function, a
/// symbol); in a list such a value is written as `null`.
fn is_left_out(value: &JsValue) -> bool {
    value.is_undefined() || value.is_function() || value.is_symbol()
}

/// Reads what `value` is (runs a Proxy's traps, through imports that catch).
fn see(value: &JsValue) -> Seen {
    if value.is_null() || value.is_undefined() {
        return Seen::Null;
    }
    if let Some(flag) = value.as_bool() {
        return Seen::Bool(flag);
    }
    if let Some(number) = value.as_f64() {
        return if number.fract() == 0.0 && number.abs() <= MAX_SAFE_INTEGER {
            Seen::Integer(number as i64)
        } else {
            Seen::Float(number)
        };
    }
    if let Some(text) = value.as_string() {
        return Seen::Text(text);
    }
    if !value.is_object() || value.is_function() {
        return Seen::Other(type_label(value));
    }
    let listed = is_array(value).and_then(|array| {
        if array {
            list_length(value).map(Seen::List)
        } else {
            own_keys(value).map(Seen::Map)
        }
    });
    listed.unwrap_or_else(|message| Seen::Other(threw_name(&message)))
}

impl RequestInput for JsInput {
    fn kind(&self) -> InputKind<'_> {
        let seen = match self {
            JsInput::Threw(message) => return InputKind::Other(threw_name(message)),
            JsInput::Value { value, seen } => seen.get_or_init(|| see(value)),
        };
        match seen {
            Seen::Null => InputKind::Null,
            Seen::Bool(flag) => InputKind::Bool(*flag),
            Seen::Integer(n) => InputKind::Integer(*n),
            Seen::Float(f) => InputKind::Float(*f),
            Seen::Text(text) => InputKind::Text(Cow::Borrowed(text)),
            Seen::List(length) => InputKind::List(*length),
            Seen::Map(keys) => InputKind::Map(keys.length() as usize),
            Seen::Other(name) => InputKind::Other(name.clone()),
        }
    }

    fn item(&self, index: usize) -> Option<Self> {
        match self.seen()? {
            (list, Seen::List(length)) if index < *length => {
                let read = get(list, &JsValue::from(index as f64));
                Some(match read {
                    Ok(value) if is_left_out(&value) => JsInput::new(JsValue::NULL),
                    read => JsInput::read(read),
                })
            }
            _ => None,
        }
    }

    fn member(&self, key: &str) -> Option<Self> {
        let (map, Seen::Map(_)) = self.seen()? else {
            return None;
        };
        match get(map, &JsValue::from_str(key)) {
            Ok(value) if is_left_out(&value) => None,
            read => Some(JsInput::read(read)),
        }
    }

    fn for_each_entry(&self, visit: &mut dyn FnMut(Result<&str, String>, Self)) {
        let Some((map, Seen::Map(keys))) = self.seen() else {
            return;
        };
        for index in 0..keys.length() {
            let key = keys.get(index);
            let Some(name) = key.as_string() else {
                continue;
            };
            match get(map, &key) {
                Ok(value) if is_left_out(&value) => {}
                read => visit(Ok(&name), JsInput::read(read)),
            }
        }
    }
}

#[wasm_bindgen(typescript_custom_section)]
const SERVICE_TYPES: &'static str = r#"
/** The services orgkit models, by their SDK client names. */
export type ServiceName = 'organizations' | 'account' | 'chime';
"#;

/// The operation that a service name and an operation name (model or boto3 name) of
/// `options.edition` name: `OrgkitArgumentError` for names that are not strings and bad
/// options, `OrgkitUnknownOperationError` for names the edition does not have.
pub(crate) fn operation_argument(
    service: JsValue,
    operation: JsValue,
    options: JsValue,
) -> Result<(&'static Service, &'static Operation), JsValue> {
    let service = text_argument("service", &service).map_err(|m| argument_error(&m))?;
    let operation = text_argument("operation", &operation).map_err(|m| argument_error(&m))?;
    let edition = crate::edition::edition_option(options)?;
    orgkit::validate::find_operation(edition, &service, &operation)
        .map_err(|err| lookup_error(&err))
}

/// Every issue of a request (an SDK v3 input object) under the model of `options.edition`
/// (`'original'` or `'current'`, the default): `{ valid, issues }`, each issue with a `hint`
/// for the user ("Enter an email address like name@example.com."). A value whose getter or
/// Proxy trap throws is an `INVALID_TYPE` issue at its path. Throws
/// `OrgkitUnknownOperationError` for a service or operation the edition does not have (the
/// message names the edition and lists the valid names) and `OrgkitArgumentError`
/// (`INVALID_ARGUMENT`) for names that are not strings and options of the wrong kind.
#[wasm_bindgen(js_name = validateRequest, unchecked_return_type = "ValidationResult")]
pub fn validate_request(
    #[wasm_bindgen(unchecked_param_type = "ServiceName")] service: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] operation: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "object")] params: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "EditionOptions")] options: JsValue,
) -> Result<Object, JsValue> {
    let (service, operation) = operation_argument(service, operation, options)?;
    let params = if params.is_undefined() {
        JsInput::new(Object::new().into())
    } else {
        JsInput::read(Ok(params))
    };
    let issues = orgkit::validate::validate_input(service, operation, &params);
    let result = Object::new();
    set(&result, "valid", issues.is_empty());
    let hint = |issue: &orgkit::Issue| orgkit::hints::request_issue_hint(service, operation, issue);
    set(&result, "issues", issue_array(&issues, &hint));
    Ok(result)
}

/// The operations of a service in `options.edition` (default `'current'`) as
/// `[modelName, boto3Name]` pairs.
#[wasm_bindgen(unchecked_return_type = "[string, string][]")]
pub fn operations(
    #[wasm_bindgen(unchecked_param_type = "ServiceName")] service: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "EditionOptions")] options: JsValue,
) -> Result<Array, JsValue> {
    let service = text_argument("service", &service).map_err(|m| argument_error(&m))?;
    let edition = crate::edition::edition_option(options)?;
    let found =
        orgkit::validate::find_service(edition, &service).map_err(|err| lookup_error(&err))?;
    Ok(found
        .operations
        .iter()
        .map(|op| {
            JsValue::from(Array::of2(
                &JsValue::from_str(op.name),
                &JsValue::from_str(op.python_name),
            ))
        })
        .collect())
}
