//! Mirrors `orgkit::emulator`: the `Emulator` class. Requests and responses cross as JSON
//! text and failures come back as data (`{ ok: false, body: <error JSON> }`); `orgkit.js` turns
//! them into SDK-v3-shaped objects (`Date` timestamps, `$metadata`) and exception classes.

use std::sync::Arc;

use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::error::shielded;
use orgkit::emulator::wire::HttpRequest;
use orgkit::emulator::{
    Emulator as CoreEmulator, EmulatorError, Quotas as CoreQuotas, ServiceError,
};

/// The outcome of one call: the response, or the error, as JSON text.
#[napi(object)]
pub struct CallOutcome {
    /// Whether the call succeeded.
    pub ok: bool,
    /// The response body, or the error (`Kind`, `Code`, `Message`, `Reason`, `Issues`).
    pub body: String,
}

/// The emulator's limits.
#[napi(object)]
pub struct Quotas {
    /// Accounts in one organization.
    pub max_accounts: Option<u32>,
    /// OUs in one organization.
    pub max_organizational_units: Option<u32>,
    /// Customer policies in one organization.
    pub max_policies: Option<u32>,
}

fn failure(error: EmulatorError) -> CallOutcome {
    CallOutcome {
        ok: false,
        body: error.to_json().to_string(),
    }
}

/// Runs an emulator command so that a panic (an orgkit bug) becomes a failed outcome with
/// code INTERNAL_ERROR instead of unwinding into Node-API (which aborts the process).
fn guarded(body: impl FnOnce() -> CallOutcome) -> CallOutcome {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(body)).unwrap_or_else(|payload| {
        CallOutcome {
            ok: false,
            body: serde_json::json!({
                "Kind": "internal",
                "Code": orgkit::error::INTERNAL_ERROR,
                "Message": orgkit::error::internal_error_message(&*payload),
            })
            .to_string(),
        }
    })
}

/// A snapshot size limit given as a JS number (absent: the core's default of 1 GiB).
fn snapshot_limit(max_bytes: Option<f64>) -> std::result::Result<u64, EmulatorError> {
    match max_bytes {
        None => Ok(orgkit::emulator::DEFAULT_SNAPSHOT_LIMIT),
        Some(n) if n.fract() == 0.0 && (0.0..=9_007_199_254_740_991.0).contains(&n) => Ok(n as u64),
        Some(_) => Err(EmulatorError::Usage {
            code: "INVALID_ARGUMENT",
            message: "maxBytes must be a whole number from 0 to 2**53 - 1".to_owned(),
        }),
    }
}

fn done(result: std::result::Result<(), EmulatorError>) -> CallOutcome {
    match result {
        Ok(()) => CallOutcome {
            ok: true,
            body: "{}".to_owned(),
        },
        Err(error) => failure(error),
    }
}

/// An in-memory AWS partition (use `Emulator` from `orgkit`, which wraps this class).
#[napi(js_name = "NativeEmulator")]
pub struct NativeEmulator {
    inner: Arc<CoreEmulator>,
}

#[napi]
impl NativeEmulator {
    /// An empty partition whose IDs derive from `seed`.
    #[napi(constructor)]
    pub fn new(seed: Option<i64>) -> Self {
        NativeEmulator {
            inner: Arc::new(CoreEmulator::new(seed.unwrap_or(0) as u64)),
        }
    }

    /// Calls an operation as `caller`, the request as JSON text.
    #[napi]
    pub fn call_json(
        &self,
        service: String,
        operation: String,
        caller: String,
        request: String,
    ) -> CallOutcome {
        guarded(|| {
            match self
                .inner
                .call_json(&service, &operation, &caller, &request)
            {
                Ok(body) => CallOutcome { ok: true, body },
                Err(error) => failure(error),
            }
        })
    }

    /// Calls an operation as `caller` with the request as a JS value, validated where it lies
    /// (as `validateRequest` reads it: nothing is serialized first, so a sparse array or a
    /// throwing getter is reported at its path); the response as JSON text.
    #[napi(ts_args_type = "service: string, operation: string, caller: string, request: unknown")]
    pub fn call_value(
        &self,
        service: String,
        operation: String,
        caller: String,
        request: Unknown<'_>,
    ) -> CallOutcome {
        guarded(|| {
            let input = crate::validate::NodeInput::of(&request);
            let result = if input.is_undefined() {
                self.inner
                    .call_output(&service, &operation, &caller, &&serde_json::json!({}))
            } else {
                self.inner
                    .call_output(&service, &operation, &caller, &input)
            };
            match result.and_then(|output| {
                serde_json::to_string(&output).map_err(|err| {
                    EmulatorError::from(ServiceError::new(
                        "ServiceException",
                        format!("the response does not serialize: {err}"),
                    ))
                })
            }) {
                Ok(body) => CallOutcome { ok: true, body },
                Err(error) => failure(error),
            }
        })
    }

    /// Registers a standalone account with its email and name.
    #[napi]
    pub fn register_account(&self, account_id: String, email: String, name: String) -> CallOutcome {
        guarded(|| done(self.inner.register_account(&account_id, &email, &name)))
    }

    /// Adds a user email to a Chime account.
    #[napi]
    pub fn add_chime_user(&self, chime_account_id: String, email: String) -> CallOutcome {
        guarded(|| done(self.inner.add_chime_user(&chime_account_id, &email)))
    }

    /// The virtual clock, seconds since the epoch.
    #[napi]
    pub fn now(&self) -> napi::Result<f64, &'static str> {
        shielded(|| Ok(self.inner.now()))
    }

    /// Moves the clock forward.
    #[napi]
    pub fn advance(&self, seconds: f64) -> CallOutcome {
        guarded(|| done(self.inner.advance(seconds)))
    }

    /// The limits in force.
    #[napi]
    pub fn quotas(&self) -> napi::Result<Quotas, &'static str> {
        shielded(|| Ok(self.quotas_now()))
    }

    fn quotas_now(&self) -> Quotas {
        let quotas = self.inner.quotas();
        let cap = |n: usize| Some(n.min(u32::MAX as usize) as u32);
        Quotas {
            max_accounts: cap(quotas.max_accounts),
            max_organizational_units: cap(quotas.max_organizational_units),
            max_policies: cap(quotas.max_policies),
        }
    }

    /// Sets the limits; a limit left out keeps its value.
    #[napi]
    pub fn set_quotas(&self, quotas: Quotas) -> napi::Result<(), &'static str> {
        shielded(|| {
            self.apply_quotas(quotas);
            Ok(())
        })
    }

    fn apply_quotas(&self, quotas: Quotas) {
        let current = self.inner.quotas();
        self.inner.set_quotas(CoreQuotas {
            max_accounts: quotas
                .max_accounts
                .map_or(current.max_accounts, |n| n as usize),
            max_organizational_units: quotas
                .max_organizational_units
                .map_or(current.max_organizational_units, |n| n as usize),
            max_policies: quotas
                .max_policies
                .map_or(current.max_policies, |n| n as usize),
        });
    }

    /// The whole state as versioned JSON text.
    #[napi]
    pub fn export_json(&self) -> napi::Result<String, &'static str> {
        shielded(|| Ok(self.inner.export().to_string()))
    }

    /// Replaces the state with a snapshot (JSON text of at most `maxBytes`, default 1 GiB);
    /// on error nothing changes.
    #[napi]
    pub fn import_json(&self, snapshot: String, max_bytes: Option<f64>) -> CallOutcome {
        guarded(|| match snapshot_limit(max_bytes) {
            Ok(limit) => done(self.inner.import_json(&snapshot, limit)),
            Err(error) => failure(error),
        })
    }

    /// Marks an account CreateAccount made as set up to stand alone (it may then leave its
    /// organization or be removed).
    #[napi]
    pub fn prepare_standalone(&self, account_id: String) -> CallOutcome {
        guarded(|| done(self.inner.prepare_standalone(&account_id)))
    }

    /// Whether the SCPs of the emulated organization allow a principal of `accountId` to
    /// make a request (`options`: `resource`, `context`, `principal`); the decision as JSON
    /// text. An argument of the wrong kind throws (INVALID_ARGUMENT).
    #[napi(ts_args_type = "accountId: string, action: string, options?: unknown")]
    pub fn simulate(
        &self,
        account_id: Unknown<'_>,
        action: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> napi::Result<CallOutcome, &'static str> {
        shielded(|| {
            let account_id = crate::ids::name_argument("accountId", &account_id)?;
            let options = options.as_ref().map(crate::validate::NodeInput::of);
            let request = crate::policy::request(&action, options.as_ref())?;
            Ok(guarded(|| {
                match self.inner.simulate(&account_id, &request) {
                    Ok(decision) => CallOutcome {
                        ok: true,
                        body: decision.to_json().to_string(),
                    },
                    Err(error) => failure(error),
                }
            }))
        })
    }

    /// The SCPs in effect for a root, OU or account, root first, as JSON text: `target`,
    /// `kind`, `name`, `policies` (`policyId`, `name`) per level.
    #[napi]
    pub fn effective_scps(&self, target_id: String) -> CallOutcome {
        guarded(|| match self.inner.effective_scps(&target_id) {
            Ok(levels) => CallOutcome {
                ok: true,
                body: serde_json::Value::Array(levels.iter().map(|l| l.to_json()).collect())
                    .to_string(),
            },
            Err(error) => failure(error),
        })
    }

    /// The most characters a policy document may have.
    #[napi]
    pub fn policy_document_limit(&self) -> napi::Result<f64, &'static str> {
        shielded(|| Ok(self.inner.policy_document_limit() as f64))
    }

    /// Sets the policy document limit (a whole number from 0 to 2^53 - 1).
    #[napi]
    pub fn set_policy_document_limit(&self, max_characters: f64) -> CallOutcome {
        guarded(|| {
            if max_characters.fract() != 0.0
                || !(0.0..=9_007_199_254_740_991.0).contains(&max_characters)
            {
                return failure(EmulatorError::Usage {
                    code: "INVALID_ARGUMENT",
                    message: "maxCharacters must be a whole number from 0 to 2**53 - 1".to_owned(),
                });
            }
            self.inner
                .set_policy_document_limit(max_characters as usize);
            done(Ok(()))
        })
    }

    /// Writes the snapshot to `path` atomically.
    #[napi]
    pub fn save(&self, path: String) -> CallOutcome {
        guarded(|| done(self.inner.save(path)))
    }

    /// Replaces the state with the snapshot file at `path`; on error nothing changes.
    #[napi]
    pub fn load_into(&self, path: String, max_bytes: Option<f64>) -> CallOutcome {
        guarded(|| match snapshot_limit(max_bytes) {
            Ok(limit) => done(self.inner.load_into_with_limit(path, limit)),
            Err(error) => failure(error),
        })
    }

    /// What is structurally wrong with the state (empty when nothing is).
    #[napi]
    pub fn check_invariants(&self) -> napi::Result<Vec<String>, &'static str> {
        shielded(|| Ok(self.inner.check_invariants()))
    }

    /// Serves one HTTP request as AWS would (core `Emulator::handle_http`): the method, the
    /// path with its query, the headers as `[name, value]` pairs and the body's bytes. With
    /// `caller`, the request acts as that account whatever key signed it (core
    /// `Emulator::handle_http_as`); a caller that is not 12 digits throws an error whose
    /// `code` is INVALID_CALLER (`orgkit.js` makes it an `OrgkitEmulatorUsageError`).
    #[napi]
    pub fn handle_http(
        &self,
        method: String,
        target: String,
        headers: Vec<Vec<String>>,
        body: Uint8Array,
        caller: Option<String>,
    ) -> napi::Result<WireResponse, &'static str> {
        shielded(|| {
            let pairs: Vec<(&str, &str)> = headers
                .iter()
                .filter_map(|pair| match pair.as_slice() {
                    [name, value] => Some((name.as_str(), value.as_str())),
                    _ => None,
                })
                .collect();
            let request = HttpRequest {
                method: &method,
                target: &target,
                headers: &pairs,
                body: &body,
            };
            let response = match caller.as_deref() {
                None => self.inner.handle_http(&request),
                Some(caller) => self
                    .inner
                    .handle_http_as(&request, caller)
                    .map_err(|error| match error {
                        EmulatorError::Usage { code, message } => napi::Error::new(code, message),
                        other => napi::Error::new(other.code(), other.to_string()),
                    })?,
            };
            Ok(WireResponse {
                status: u32::from(response.status),
                headers: response
                    .headers
                    .into_iter()
                    .map(|(name, value)| vec![name.to_owned(), value])
                    .collect(),
                body: response.body.into(),
            })
        })
    }

    /// Long-term credentials that act as `accountId` over the wire: `{ ok, body }` with body
    /// `{"accessKeyId", "secretAccessKey"}` as JSON, or the usage error.
    #[napi]
    pub fn credentials(&self, account_id: String) -> CallOutcome {
        guarded(|| match self.inner.credentials(&account_id) {
            Ok(credentials) => CallOutcome {
                ok: true,
                body: serde_json::json!({
                    "accessKeyId": credentials.access_key_id,
                    "secretAccessKey": credentials.secret_access_key,
                })
                .to_string(),
            },
            Err(error) => failure(error),
        })
    }

    /// Sets the account requests with unknown keys act as.
    #[napi]
    pub fn set_default_caller(&self, account_id: String) -> CallOutcome {
        guarded(|| done(self.inner.set_default_caller(&account_id)))
    }

    /// The account requests with unknown keys act as.
    #[napi]
    pub fn default_caller(&self) -> napi::Result<String, &'static str> {
        shielded(|| Ok(self.inner.default_caller()))
    }
}

/// An HTTP response of the emulator's wire protocols.
#[napi(object)]
pub struct WireResponse {
    /// The status code.
    pub status: u32,
    /// The headers as `[name, value]` pairs.
    pub headers: Vec<Vec<String>>,
    /// The body's bytes.
    pub body: Uint8Array,
}

/// The edition of the models the emulator serves: `'original'` (a request only the current
/// edition knows, such as CloseAccount or CreateAccount with Tags, is refused).
#[napi]
pub fn emulated_edition() -> &'static str {
    orgkit::emulator::EMULATED_EDITION.name()
}

/// The service of `options.edition` (default `'current'`) named `service`, or an error
/// (INVALID_ARGUMENT) naming it.
fn service_named(
    service: &str,
    options: Option<&Unknown<'_>>,
) -> Result<&'static orgkit::model::Service, &'static str> {
    let edition = crate::edition::edition_option(options)?;
    edition
        .service(service)
        .ok_or_else(|| Error::new("InvalidArg", format!("unknown service {service:?}")))
}

/// The HTTP status `operation` of `service` in `options.edition` (default `'current'`)
/// answers with on success, from its model (Chime CreateAccount: 201).
#[napi(ts_args_type = "service: string, operation: string, options?: EditionOptions")]
pub fn success_status(
    service: String,
    operation: String,
    options: Option<Unknown<'_>>,
) -> napi::Result<u32, &'static str> {
    shielded(|| {
        let edition = crate::edition::edition_option(options.as_ref())?;
        orgkit::validate::find_operation(edition, &service, &operation)
            .map(|(_, op)| u32::from(op.success_status))
            .map_err(|err| napi::Error::new("UNKNOWN_OPERATION", err.to_string()))
    })
}

/// The members of `service` in `options.edition` (default `'current'`) whose shape is a
/// timestamp.
#[napi(ts_args_type = "service: string, options?: EditionOptions")]
pub fn timestamp_members(
    service: String,
    options: Option<Unknown<'_>>,
) -> Result<Vec<&'static str>, &'static str> {
    shielded(|| Ok(service_named(&service, options.as_ref())?.timestamp_members()))
}

/// Every error shape the operations of `service` in `options.edition` (default `'current'`)
/// list.
#[napi(ts_args_type = "service: string, options?: EditionOptions")]
pub fn error_names(
    service: String,
    options: Option<Unknown<'_>>,
) -> Result<Vec<&'static str>, &'static str> {
    shielded(|| Ok(service_named(&service, options.as_ref())?.error_names()))
}
