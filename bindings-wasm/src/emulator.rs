//! Mirrors `orgkit::emulator`: the emulator in the page, with the same data API as the Node
//! addon's `NativeEmulator` (requests and responses as JSON text, failures as
//! `{ ok: false, body: <error JSON> }`), so one JS test suite runs against both.
//!
//! Arguments of the wrong kind are failures like any other (`Kind: "usage"`, code
//! `INVALID_ARGUMENT`), except in `simulate`, which reads its request as `evaluateScps` does
//! and throws `OrgkitArgumentError` for them, as the Node package does. A call that a trap (an
//! orgkit bug) interrupts may have left the state half-changed and its lock held, and nothing
//! can release it: the emulator notices on its next call and answers every call from then on
//! with `INTERNAL_ERROR` (`Kind: "internal"`); other emulators, and the rest of the module, are
//! not affected.

use std::cell::Cell;

use js_sys::Object;
use orgkit::emulator::{EffectiveLevel, Emulator, EmulatorError, DEFAULT_SNAPSHOT_LIMIT};
use wasm_bindgen::prelude::*;

use crate::error::{argument_error, internal_error};
use crate::policy::Options;
use crate::{set, text_argument, type_label};

fn outcome(result: Result<String, EmulatorError>) -> Object {
    let object = Object::new();
    match result {
        Ok(body) => {
            set(&object, "ok", true);
            set(&object, "body", body);
        }
        Err(error) => {
            set(&object, "ok", false);
            set(&object, "body", error.to_json().to_string());
        }
    }
    object
}

#[wasm_bindgen(typescript_custom_section)]
const OUTCOME_TYPES: &'static str = r#"
/** The answer of a `NativeEmulator` call: `ok`, and the body as JSON text (on failure the
 * error, with `Code`, `Kind` and `Message`). */
export interface EmulatorOutcome {
  ok: boolean;
  body: string;
}
"#;

fn done(result: Result<(), EmulatorError>) -> Object {
    outcome(result.map(|()| "{}".to_owned()))
}

/// A usage failure with code `INVALID_ARGUMENT`.
fn invalid_argument(message: String) -> EmulatorError {
    EmulatorError::Usage {
        code: orgkit::error::INVALID_ARGUMENT,
        message,
    }
}

/// The text of a string argument, or an `INVALID_ARGUMENT` failure.
fn text(what: &str, value: &JsValue) -> Result<String, EmulatorError> {
    text_argument(what, value).map_err(invalid_argument)
}

/// The edition of the models the emulator serves: `'original'` (a request only the current
/// edition knows, such as CloseAccount or CreateAccount with Tags, is refused).
#[wasm_bindgen(js_name = emulatedEdition, unchecked_return_type = "Edition")]
pub fn emulated_edition() -> String {
    orgkit::emulator::EMULATED_EDITION.name().to_owned()
}

const INTERRUPTED: &str = "this emulator was interrupted by an internal error (a bug) in an \
                           earlier call and cannot be used again; create a new one (from a \
                           snapshot exported before, if you kept one)";

/// An in-memory AWS partition (Organizations, Account alternate contacts, Chime accounts).
#[wasm_bindgen(js_name = NativeEmulator)]
pub struct NativeEmulator {
    inner: Emulator,
    /// Set while core code runs (it calls no JS, so no call of this emulator can start
    /// meanwhile); found set on entry, it means that a trap interrupted a call.
    busy: Cell<bool>,
}

#[wasm_bindgen(js_class = NativeEmulator)]
impl NativeEmulator {
    /// An empty partition whose IDs derive from `seed` (a whole number from 0 to 2**53 - 1;
    /// 0 when absent). Throws `OrgkitArgumentError` (INVALID_ARGUMENT) for another seed.
    #[wasm_bindgen(constructor)]
    pub fn new(seed: JsValue) -> Result<NativeEmulator, JsValue> {
        let seed = &seed;
        let seed = if seed.is_undefined() || seed.is_null() {
            0
        } else {
            match seed.as_f64() {
                Some(n) if n.fract() == 0.0 && (0.0..=9_007_199_254_740_991.0).contains(&n) => {
                    n as u64
                }
                Some(n) => {
                    return Err(argument_error(&format!(
                        "seed must be a whole number from 0 to 2**53 - 1, not {n}"
                    )))
                }
                None => {
                    return Err(argument_error(&format!(
                        "seed must be a number, not {}",
                        type_label(seed)
                    )))
                }
            }
        };
        Ok(NativeEmulator {
            inner: Emulator::new(seed),
            busy: Cell::new(false),
        })
    }

    /// Runs core code on the emulator (no JS runs inside), or refuses when an earlier call
    /// was interrupted.
    fn run<T>(&self, body: impl FnOnce(&Emulator) -> T) -> Result<T, EmulatorError> {
        if self.busy.get() {
            return Err(EmulatorError::Internal {
                message: INTERRUPTED.to_owned(),
            });
        }
        self.busy.set(true);
        let result = body(&self.inner);
        self.busy.set(false);
        Ok(result)
    }

    /// [`NativeEmulator::run`] for the methods that throw rather than answer an outcome.
    fn run_or_throw<T>(&self, body: impl FnOnce(&Emulator) -> T) -> Result<T, JsValue> {
        self.run(body)
            .map_err(|err| internal_error(&err.to_string()))
    }

    /// Calls an operation as `caller`, the request as JSON text: `{ ok, body }`.
    #[wasm_bindgen(js_name = callJson)]
    pub fn call_json(
        &self,
        service: JsValue,
        operation: JsValue,
        caller: JsValue,
        request: JsValue,
    ) -> Object {
        outcome((|| {
            let service = text("service", &service)?;
            let operation = text("operation", &operation)?;
            let caller = text("caller", &caller)?;
            let request = text("request", &request)?;
            self.run(|inner| inner.call_json(&service, &operation, &caller, &request))?
        })())
    }

    /// Registers a standalone account with its email and name.
    #[wasm_bindgen(js_name = registerAccount)]
    pub fn register_account(&self, account_id: JsValue, email: JsValue, name: JsValue) -> Object {
        done((|| {
            let account_id = text("accountId", &account_id)?;
            let email = text("email", &email)?;
            let name = text("name", &name)?;
            self.run(|inner| inner.register_account(&account_id, &email, &name))?
        })())
    }

    /// Adds a user email to a Chime account.
    #[wasm_bindgen(js_name = addChimeUser)]
    pub fn add_chime_user(&self, chime_account_id: JsValue, email: JsValue) -> Object {
        done((|| {
            let chime_account_id = text("chimeAccountId", &chime_account_id)?;
            let email = text("email", &email)?;
            self.run(|inner| inner.add_chime_user(&chime_account_id, &email))?
        })())
    }

    /// The virtual clock, seconds since the epoch.
    pub fn now(&self) -> Result<f64, JsValue> {
        self.run_or_throw(Emulator::now)
    }

    /// Moves the clock forward by `seconds` (a number).
    pub fn advance(&self, seconds: JsValue) -> Object {
        done((|| {
            let Some(seconds) = seconds.as_f64() else {
                return Err(invalid_argument(format!(
                    "seconds must be a number, not {}",
                    type_label(&seconds)
                )));
            };
            self.run(|inner| inner.advance(seconds))?
        })())
    }

    /// The whole state as versioned JSON text (e.g. for `localStorage`).
    #[wasm_bindgen(js_name = exportJson)]
    pub fn export_json(&self) -> Result<String, JsValue> {
        self.run_or_throw(|inner| inner.export().to_string())
    }

    /// Replaces the state with a snapshot (JSON text of at most 1 GiB,
    /// SNAPSHOT_TOO_LARGE beyond); on error nothing changes.
    #[wasm_bindgen(js_name = importJson)]
    pub fn import_json(&self, snapshot: JsValue) -> Object {
        done((|| {
            let snapshot = text("snapshot", &snapshot)?;
            self.run(|inner| inner.import_json(&snapshot, DEFAULT_SNAPSHOT_LIMIT))?
        })())
    }

    /// Whether the SCPs of the emulated organization allow a principal of `accountId` to
    /// make a request, and why: `{ ok, body }`, the body the decision as JSON text (the
    /// fields of `ScpDecisionData`), or the error (`NOT_FOUND` for an unknown account). The
    /// management account is exempt. `options` holds `resource` (default `*`), `context` and
    /// `principal` (default `user`). Arguments of the wrong kind throw `OrgkitArgumentError`
    /// (`INVALID_ARGUMENT`), as `evaluateScps` does.
    #[wasm_bindgen(unchecked_return_type = "EmulatorOutcome")]
    pub fn simulate(
        &self,
        #[wasm_bindgen(js_name = accountId, unchecked_param_type = "string")] account_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] action: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ScpRequestOptions")] options: JsValue,
    ) -> Result<Object, JsValue> {
        let account_id = text_argument("accountId", &account_id).map_err(|m| argument_error(&m))?;
        // The options' getters run here, before the emulator is entered (they may call it).
        let request = Options::read(options)?.request(&action)?;
        Ok(outcome((|| {
            let decision = self.run(|inner| inner.simulate(&account_id, &request))??;
            Ok(decision.to_json().to_string())
        })()))
    }

    /// The SCPs in effect for a root, OU or member account, as its organization's management
    /// account sees them: `{ ok, body }`, the body a JSON array with one
    /// `{ target, kind, name, policies: [{ policyId, name }] }` per level, root first (empty
    /// when SCPs are not enabled), or the error (`NOT_FOUND` for a target in no organization).
    #[wasm_bindgen(js_name = effectiveScps, unchecked_return_type = "EmulatorOutcome")]
    pub fn effective_scps(
        &self,
        #[wasm_bindgen(js_name = targetId, unchecked_param_type = "string")] target_id: JsValue,
    ) -> Object {
        outcome((|| {
            let target_id = text("targetId", &target_id)?;
            let levels = self.run(|inner| inner.effective_scps(&target_id))??;
            let levels = levels.iter().map(EffectiveLevel::to_json).collect();
            Ok(serde_json::Value::Array(levels).to_string())
        })())
    }

    /// What is structurally wrong with the state (empty when nothing is).
    #[wasm_bindgen(js_name = checkInvariants)]
    pub fn check_invariants(&self) -> Result<Vec<String>, JsValue> {
        self.run_or_throw(Emulator::check_invariants)
    }

    /// Exists for the tests only: panics inside a call, as an orgkit bug in the emulator
    /// would, so that they can check that the call is an `OrgkitInternalError` and that the
    /// emulator answers `INTERNAL_ERROR` from then on while other emulators keep working.
    #[wasm_bindgen(js_name = __orgkitInternalPanic)]
    pub fn internal_panic(&self, message: JsValue) -> Object {
        let message = message.as_string().unwrap_or_default();
        done(self.run(|_| panic!("{message}")))
    }
}
