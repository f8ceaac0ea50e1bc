//! Mirrors `orgkit::emulator`: the emulator in the page, with the same data API as the Node
//! addon's `NativeEmulator` (requests and responses as JSON text, failures as
//! `{ ok: false, body: <error JSON> }`), so one JS test suite runs against both.

use js_sys::Object;
use orgkit::emulator::{Emulator, EmulatorError};
use wasm_bindgen::prelude::*;

use crate::set;

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

fn done(result: Result<(), EmulatorError>) -> Object {
    outcome(result.map(|()| "{}".to_owned()))
}

/// An in-memory AWS partition (Organizations, Account alternate contacts, Chime accounts).
#[wasm_bindgen(js_name = NativeEmulator)]
pub struct NativeEmulator {
    inner: Emulator,
}

#[wasm_bindgen(js_class = NativeEmulator)]
impl NativeEmulator {
    /// An empty partition whose IDs derive from `seed`.
    #[wasm_bindgen(constructor)]
    pub fn new(seed: Option<f64>) -> NativeEmulator {
        let seed = seed.filter(|s| s.is_finite() && *s >= 0.0).unwrap_or(0.0) as u64;
        NativeEmulator {
            inner: Emulator::new(seed),
        }
    }

    /// Calls an operation as `caller`, the request as JSON text: `{ ok, body }`.
    #[wasm_bindgen(js_name = callJson)]
    pub fn call_json(&self, service: &str, operation: &str, caller: &str, request: &str) -> Object {
        outcome(self.inner.call_json(service, operation, caller, request))
    }

    /// Registers a standalone account with its email and name.
    #[wasm_bindgen(js_name = registerAccount)]
    pub fn register_account(&self, account_id: &str, email: &str, name: &str) -> Object {
        done(self.inner.register_account(account_id, email, name))
    }

    /// Adds a user email to a Chime account.
    #[wasm_bindgen(js_name = addChimeUser)]
    pub fn add_chime_user(&self, chime_account_id: &str, email: &str) -> Object {
        done(self.inner.add_chime_user(chime_account_id, email))
    }

    /// The virtual clock, seconds since the epoch.
    pub fn now(&self) -> f64 {
        self.inner.now()
    }

    /// Moves the clock forward.
    pub fn advance(&self, seconds: f64) -> Object {
        done(self.inner.advance(seconds))
    }

    /// The whole state as versioned JSON text (e.g. for `localStorage`).
    #[wasm_bindgen(js_name = exportJson)]
    pub fn export_json(&self) -> String {
        self.inner.export().to_string()
    }

    /// Replaces the state with a snapshot (JSON text); on error nothing changes.
    #[wasm_bindgen(js_name = importJson)]
    pub fn import_json(&self, snapshot: &str) -> Object {
        done(
            serde_json::from_str::<serde_json::Value>(snapshot)
                .map_err(|err| EmulatorError::Snapshot {
                    code: "SNAPSHOT_CORRUPT",
                    message: format!("the snapshot is not JSON: {err}"),
                })
                .and_then(|value| self.inner.import(&value)),
        )
    }

    /// What is structurally wrong with the state (empty when nothing is).
    #[wasm_bindgen(js_name = checkInvariants)]
    pub fn check_invariants(&self) -> Vec<String> {
        self.inner.check_invariants()
    }
}
