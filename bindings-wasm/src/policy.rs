//! Mirrors `orgkit::policy`: `checkScp`, `evaluateScps` and the SCP issue codes, the same data
//! API as the Node package. Documents, levels, options and the request context are read in
//! place through [`JsInput`] by the core's `policy::input` functions (a getter or Proxy trap
//! that throws is an issue or an argument error, never a trap); this module only turns the
//! results into JS values and the core's refusals into coded errors.

use js_sys::{Array, Function, Object, JSON};
use orgkit::policy::{self, Decision, PolicyIssue, ScpInputError, ScpRules};
use orgkit::validate::{InputKind, RequestInput};
use wasm_bindgen::prelude::*;

use crate::error::{argument_error, coded_error};
use crate::validate::JsInput;
use crate::{set, string_array, text_argument};

#[wasm_bindgen(typescript_custom_section)]
const SCP_TYPES: &'static str = r#"
/** Which edition of the SCP rules applies: today's (`current`, the default) or 2017's. */
export type ScpEdition = 'current' | 'original';
/** Who makes a request: users and roles of member accounts are subject to SCPs. */
export type ScpPrincipal = 'user' | 'role' | 'service_linked_role' | 'management_account';
/** An SCP document: JSON text, or an object checked as the JSON text it is written out as. */
export type ScpDocument = string | { [element: string]: unknown };
/** One level of the tree (root first, account last): a document, a list of documents, or a
 * target with its policies (policy IDs default to `#1`, `#2`, …; targets to `root`, `OU n`,
 * `account`). */
export type ScpLevel =
  | ScpDocument
  | ScpDocument[]
  | { target?: string; policies: Array<ScpDocument | { policyId?: string; policy_id?: string; document: ScpDocument }> };
/** One issue of an SCP document: where (`Statement[0].Effect`), a code from `scpIssueCodes()`,
 * and a message. */
export interface ScpIssue {
  path: string;
  code: string;
  message: string;
}
/** The options of `checkScp`. */
export interface ScpCheckOptions {
  /** The edition of the rules (default `current`). */
  edition?: ScpEdition;
}
/** The request options of `evaluateScps` and `NativeEmulator#simulate`. */
export interface ScpRequestOptions {
  /** The resource ARN (default `*`). */
  resource?: string;
  /** Condition keys and their values (IAM compares them as text). */
  context?: Record<string, string | boolean | number | Array<string | boolean | number> | null>;
  /** Who makes the request (default `user`). */
  principal?: ScpPrincipal;
}
/** The options of `evaluateScps`: the request's, and the edition of the rules. */
export interface ScpEvaluateOptions extends ScpRequestOptions {
  /** The edition of the rules the documents are checked under (default `current`). */
  edition?: ScpEdition;
}
/** A statement that matched a request. */
export interface ScpMatchedStatement {
  /** The level's index (0 = root). */
  level: number;
  /** The level's target (`r-…`, `ou-…`, an account ID, or `root` / `OU n` / `account`). */
  target: string;
  /** The policy's ID (`#1`, `#2`, … when the level gave none). */
  policyId: string;
  /** The statement's index in its policy. */
  statement: number;
  /** The statement's `Sid`, or null. */
  sid: string | null;
}
/** What one level of the tree made of a request. */
export interface ScpLevelOutcome {
  /** The level's index (0 = root). */
  level: number;
  /** The level's target. */
  target: string;
  /** How many SCPs are attached at this level. */
  policies: number;
  /** The first matching Allow statement, or null. */
  allowedBy: ScpMatchedStatement | null;
  /** The first matching Deny statement, or null. */
  deniedBy: ScpMatchedStatement | null;
}
/** The fields of a decision, as `NativeEmulator#simulate` writes them in its JSON body. */
export interface ScpDecisionData {
  /** Whether the SCPs allow the request. */
  allowed: boolean;
  /** The first matching Deny (root first), or null. */
  deniedBy: ScpMatchedStatement | null;
  /** The first level at which no Allow matched, or null. */
  missingAllowAt: { level: number; target: string } | null;
  /** Set when the principal is exempt from SCPs. */
  exempt: 'MANAGEMENT_ACCOUNT' | 'SERVICE_LINKED_ROLE' | null;
  /** Each level's outcome, root first (empty when exempt or no SCP is in effect). */
  levels: ScpLevelOutcome[];
  /** The verdict in English, then one line per level. */
  explanation: string;
}
/** Whether SCPs allow a request, and why (what `evaluateScps` returns). */
export interface ScpDecision extends ScpDecisionData {
  /** Returns `explanation`. */
  explain(): string;
}
"#;

#[wasm_bindgen]
extern "C" {
    /// `Reflect.get` itself, the function `explain()` is made from.
    #[wasm_bindgen(thread_local_v2, js_namespace = Reflect, js_name = get)]
    static REFLECT_GET: Function;
}

/// `{ path, code, message }` for one issue of a document.
fn policy_issue_object(issue: &PolicyIssue) -> Object {
    let object = Object::new();
    set(&object, "path", issue.path.as_str());
    set(&object, "code", issue.code.as_str());
    set(&object, "message", issue.message.as_str());
    object
}

/// A JS array of issue objects.
fn policy_issue_array(issues: &[PolicyIssue]) -> Array {
    issues.iter().map(policy_issue_object).collect()
}

/// The error for the core's refusal: `OrgkitArgumentError` (`INVALID_ARGUMENT` or
/// `TOO_MANY_VALUES`) for an argument, `OrgkitValidationError` for documents with issues
/// (`code` is the first issue's, `issues` lists them all).
fn input_error(error: ScpInputError) -> JsValue {
    let message = error.to_string();
    match error {
        ScpInputError::Argument { code, message } => {
            coded_error("OrgkitArgumentError", code, &message)
        }
        ScpInputError::InvalidPolicies(issues) => {
            // Never empty: the core reports invalid policies only with their issues.
            let code = issues
                .first()
                .map_or(orgkit::error::INVALID_ARGUMENT, |issue| issue.code.as_str());
            let error = coded_error("OrgkitValidationError", code, &message);
            let _ = js_sys::Reflect::set(
                &error,
                &JsValue::from_str("issues"),
                &policy_issue_array(&issues),
            );
            error
        }
    }
}

/// The options object of a call (`undefined` and `null` stand for none), read through
/// [`JsInput`] so that its getters and Proxy traps run behind imports that catch.
pub(crate) struct Options(Option<JsInput>);

impl Options {
    /// Reads the options argument; anything but an object is `INVALID_ARGUMENT`.
    pub(crate) fn read(options: JsValue) -> Result<Options, JsValue> {
        if options.is_undefined() || options.is_null() {
            return Ok(Options(None));
        }
        let options = JsInput::new(options);
        match options.kind() {
            InputKind::Map(_) => Ok(Options(Some(options))),
            other => Err(argument_error(&format!(
                "options must be an object, not {}",
                other.type_name()
            ))),
        }
    }

    /// The member `key`, when present and not `undefined`.
    fn member(&self, key: &str) -> Option<JsInput> {
        self.0.as_ref()?.member(key)
    }

    /// A string member (`None` when absent or `null`), or `INVALID_ARGUMENT`.
    fn text(&self, key: &str) -> Result<Option<String>, JsValue> {
        let Some(member) = self.member(key) else {
            return Ok(None);
        };
        match member.kind() {
            InputKind::Text(text) => Ok(Some(text.into_owned())),
            InputKind::Null => Ok(None),
            other => Err(argument_error(&format!(
                "options.{key} must be a string, not {}",
                other.type_name()
            ))),
        }
    }

    /// `options.edition`: the current rules unless it names the original ones.
    fn edition(&self) -> Result<ScpRules, JsValue> {
        match self.text("edition")? {
            None => Ok(ScpRules::Current),
            Some(name) => ScpRules::from_name(&name).ok_or_else(|| {
                argument_error(&format!(
                    "options.edition must be 'current' or 'original', not {name:?}"
                ))
            }),
        }
    }

    /// The request of `evaluateScps` and `NativeEmulator#simulate`: `action`, and the
    /// options `resource` (default `*`), `context` and `principal` (default `user`).
    pub(crate) fn request(&self, action: &JsValue) -> Result<policy::Request, JsValue> {
        let action = text_argument("action", action).map_err(|m| argument_error(&m))?;
        let resource = self.text("resource")?.unwrap_or_else(|| "*".to_owned());
        let principal = self.text("principal")?.unwrap_or_else(|| "user".to_owned());
        let context = self.member("context");
        policy::request_from_input(&action, &resource, context.as_ref(), &principal)
            .map_err(input_error)
    }
}

/// A decision as a plain object: the fields of `Decision::to_json` (`allowed`, `deniedBy`,
/// `missingAllowAt`, `exempt`, `levels`, `explanation`) and a method `explain()` that returns
/// `explanation` (not enumerable, so the object compares and serializes as its data).
fn decision_object(decision: &Decision) -> Result<JsValue, JsValue> {
    let object: Object = JSON::parse(&decision.to_json().to_string())?.unchecked_into();
    // `explain()` is `Reflect.get(decision, 'explanation')`: a function made without
    // evaluating code (pages may forbid `eval`) and without a Rust closure to free.
    let explain = REFLECT_GET.with(|get| {
        get.bind2(
            &JsValue::UNDEFINED,
            &object,
            &JsValue::from_str("explanation"),
        )
    });
    let descriptor = Object::new();
    set(&descriptor, "value", explain);
    Object::define_property(&object, &JsValue::from_str("explain"), &descriptor);
    Ok(object.into())
}

/// Checks a service control policy (JSON text, or an object checked as the JSON text it is
/// written out as) under an edition's rules (`options.edition`: `current`, the default, or
/// `original`): every issue with its path inside the document, a code and a message; an
/// empty array when the policy is valid. A value whose getter or Proxy trap throws is an
/// `INVALID_TYPE` issue at its path. Throws `OrgkitArgumentError` (`INVALID_ARGUMENT`) for a
/// document that is neither text nor an object and for options of the wrong kind.
#[wasm_bindgen(js_name = checkScp, unchecked_return_type = "ScpIssue[]")]
pub fn check_scp(
    #[wasm_bindgen(unchecked_param_type = "ScpDocument")] document: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ScpCheckOptions")] options: JsValue,
) -> Result<Array, JsValue> {
    let rules = Options::read(options)?.edition()?;
    let issues =
        policy::check_scp_input(&JsInput::read(Ok(document)), rules).map_err(input_error)?;
    Ok(policy_issue_array(&issues))
}

/// Whether the SCPs attached from the root down to an account allow a request, and why.
/// `levels` lists what is attached at each level, root first and account last (see
/// `ScpLevel`); `options` holds `resource` (default `*`), `context`, `principal` (default
/// `user`) and `edition` (default `current`). Every document is checked first: documents
/// with issues throw `OrgkitValidationError` (`code` is the first issue's, `issues` lists
/// them with paths from `levels[i]`); arguments of the wrong kind throw `OrgkitArgumentError`
/// (`INVALID_ARGUMENT`, or `TOO_MANY_VALUES` for more than 2^24 levels or policies).
#[wasm_bindgen(js_name = evaluateScps, unchecked_return_type = "ScpDecision")]
pub fn evaluate_scps(
    #[wasm_bindgen(unchecked_param_type = "ScpLevel[]")] levels: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] action: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ScpEvaluateOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let options = Options::read(options)?;
    let rules = options.edition()?;
    let request = options.request(&action)?;
    let levels =
        policy::levels_from_input(&JsInput::read(Ok(levels)), rules).map_err(input_error)?;
    decision_object(&policy::evaluate(&levels, &request))
}

/// Every SCP issue code, in the core's order.
#[wasm_bindgen(js_name = scpIssueCodes, unchecked_return_type = "string[]")]
pub fn scp_issue_codes() -> Array {
    string_array(
        policy::PolicyIssueCode::ALL
            .iter()
            .map(|code| code.as_str()),
    )
}
