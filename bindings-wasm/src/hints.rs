//! Mirrors `orgkit::hints`: the constraints of a request's fields (and, in the emulator
//! bundle, of a value of a kind) as plain objects whose keys are the `HTMLInputElement`
//! properties a form sets (`required`, `pattern`, `minLength`, `maxLength`, `min`, `max`), plus
//! `enum` and `hint`.
//! The hints of issues are added where issues become JS objects (`crate::error`).

use js_sys::Object;
use orgkit::hints::FieldConstraints;
use wasm_bindgen::prelude::*;

use crate::set;

#[wasm_bindgen(typescript_custom_section)]
const FIELD_TYPES: &'static str = r#"
/** What one field must satisfy, as a form states it. The keys are properties of an `<input>`
 * element (`required`, `pattern`, `minLength`, `maxLength`, `min`, `max`; a constraint the field
 * lacks is a key it lacks, so copying the keys it has sets the input's attributes), plus `type`,
 * `enum` (the choices of an enumeration) and `hint` (what to enter, in one sentence). */
export interface FieldConstraint {
  /** The type of the value. */
  type: 'string' | 'integer' | 'boolean' | 'timestamp' | 'list' | 'structure';
  /** Whether the field must be given (a list's items always are). */
  required: boolean;
  /** For the HTML `pattern` attribute (the whole value must match; written for the `v` flag
   * browsers compile it with). Absent when the rule is no one expression (ARNs). */
  pattern?: string;
  /** The fewest characters (text) or items (a list). */
  minLength?: number;
  /** The most characters (text) or items (a list). */
  maxLength?: number;
  /** The smallest number allowed. */
  min?: number;
  /** The largest number allowed. */
  max?: number;
  /** The values an enumeration allows. */
  enum?: string[];
  /** A short sentence for the person filling in the form, e.g. "An account ID is exactly 12 digits.". */
  hint: string;
}

/** The fields of a request by path: `Email`, `Target.Id`, and `Tags[]` / `Tags[].Key` for a
 * list's items, in model order. */
export type FieldConstraints = Record<string, FieldConstraint>;
"#;

/// One field as a JS object (absent members are left out).
fn field_object(field: &FieldConstraints) -> Object {
    let object = Object::new();
    set(&object, "type", field.field_type.as_str());
    set(&object, "required", field.required);
    if let Some(pattern) = field.pattern {
        set(&object, "pattern", pattern);
    }
    let numbers = [
        ("minLength", field.min_length.map(f64::from)),
        ("maxLength", field.max_length.map(f64::from)),
        ("min", field.min.map(|n| n as f64)),
        ("max", field.max.map(|n| n as f64)),
    ];
    for (key, value) in numbers {
        if let Some(value) = value {
            set(&object, key, value);
        }
    }
    if !field.values.is_empty() {
        set(
            &object,
            "enum",
            crate::string_array(field.values.iter().copied()),
        );
    }
    set(&object, "hint", field.hint.as_str());
    object
}

/// The constraints of every field of a request of `operation` (model or boto3 name) in
/// `options.edition` (default `'current'`), keyed by path in model order: `{ Email: { type,
/// required, pattern, minLength, maxLength, hint }, … }`; the members of a structure are
/// `Target.Id`, a list's items `Tags[]` and `Tags[].Key`. Throws
/// `OrgkitUnknownOperationError` for a service or operation the edition does not have.
#[wasm_bindgen(js_name = fieldConstraints, unchecked_return_type = "FieldConstraints")]
pub fn field_constraints(
    #[wasm_bindgen(unchecked_param_type = "ServiceName")] service: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] operation: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "EditionOptions")] options: JsValue,
) -> Result<Object, JsValue> {
    let (service, operation) = crate::validate::operation_argument(service, operation, options)?;
    let fields = Object::new();
    orgkit::hints::for_each_field(service, operation, &mut |field| {
        set(&fields, &field.path, field_object(&field))
    });
    Ok(fields)
}

/// The constraints of one value of `kind` in `options.edition` (default `'current'`), for an
/// input checked with `checkValue`: `{ type: 'string', required, pattern?, minLength?,
/// maxLength?, hint }`. Throws `OrgkitArgumentError` for a kind the edition does not have.
/// (Emulator bundle only: the form bundle has no room left under its size limit; a form
/// takes its fields' constraints from `fieldConstraints`.)
#[cfg(feature = "emulator")]
#[wasm_bindgen(js_name = valueConstraints, unchecked_return_type = "FieldConstraint")]
pub fn value_constraints(
    #[wasm_bindgen(unchecked_param_type = "ValueKind")] kind: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "EditionOptions")] options: JsValue,
) -> Result<Object, JsValue> {
    let edition = crate::edition::edition_option(options)?;
    let kind = crate::ids::kind_named(&kind, edition)?;
    Ok(field_object(&orgkit::hints::value_constraints(
        edition, kind,
    )))
}
