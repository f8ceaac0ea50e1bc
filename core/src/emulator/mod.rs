//! An in-memory emulator of the original edition ([`EMULATED_EDITION`]): AWS Organizations (39 operations), Account
//! alternate contacts (3) and Chime accounts (4), for tests and demos that must not call AWS.
//!
//! The emulator holds a simulated partition: standalone accounts (registered with an email and
//! a name, or created the first time they call), organizations, roots, OUs, policies,
//! handshakes, CreateAccount requests, alternate contacts and Chime accounts. Every call names
//! the calling account, which decides what it may do. IDs come from a generator seeded at
//! construction, so two emulators with the same seed and the same calls agree; time is a
//! virtual clock that only [`Emulator::advance`] moves (it finishes CreateAccount requests and
//! expires handshakes).
//!
//! Every request is validated against the model first ([`crate::validate`]); a handler then
//! checks everything it needs before it changes anything, so a refused call leaves the state
//! as it was. The state sits behind a mutex: an [`Emulator`] can be shared across threads and
//! concurrent calls never lose an update. [`Emulator::export`] / [`Emulator::save`] write the
//! whole state as versioned JSON; [`Emulator::import`] / [`Emulator::load`] check a snapshot
//! completely before it replaces anything.
//!
//! ```
//! use orgkit::emulator::Emulator;
//! use serde_json::json;
//!
//! let emulator = Emulator::new(7);
//! let master = "111111111111";
//! let org = emulator
//!     .call("organizations", "CreateOrganization", master, &json!({}))
//!     .unwrap();
//! assert_eq!(org["Organization"]["MasterAccountId"], master);
//! let refused = emulator
//!     .call("organizations", "ListAccounts", "222222222222", &json!({}))
//!     .unwrap_err();
//! assert_eq!(refused.code(), "AWSOrganizationsNotInUseException");
//! ```

mod account;
mod chime;
mod consistency;
mod organizations;
pub mod output;
mod paging;
mod scp;
mod state;
mod typed;
pub mod wire;

/// The edition of the models the emulator serves: the original one (the seeds). A request
/// the current edition has but this one does not — a new operation, a new member such as
/// `Tags` — is refused with the error AWS sends for an unknown operation or member, and the
/// message names this edition.
pub const EMULATED_EDITION: crate::Edition = crate::Edition::Original;

use std::fmt;
use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use serde_json::{json, Value};

use crate::error::{Issue, LookupError};
use crate::ids::{AccountId, AccountName, Email};
use crate::validate::{find_operation, validate_input, InputKind, RequestInput};

pub use output::Output;
pub use scp::{EffectiveLevel, EffectivePolicy};
use state::State;
pub use state::{Quotas, DEFAULT_POLICY_DOCUMENT_LIMIT};
pub use typed::{AccountClient, ChimeClient, OrganizationsClient};

/// The snapshot format's name, the first thing [`Emulator::import`] checks.
pub const SNAPSHOT_FORMAT: &str = "orgkit-emulator";
/// The snapshot version this build writes and reads.
pub const SNAPSHOT_VERSION: u64 = 1;
/// The largest snapshot [`Emulator::load`] and [`Emulator::load_into`] read: 1 GiB.
pub const DEFAULT_SNAPSHOT_LIMIT: u64 = 1 << 30;
/// The earliest time the clock or any timestamp of the state may show: 1970-01-01T00:00:00Z.
pub const MIN_TIMESTAMP: f64 = 0.0;
/// The latest timestamp the state may hold: 9999-12-31T23:59:59Z, the last second both
/// Python's `datetime` (boto3) and JavaScript's `Date` (SDK v3) represent.
pub const MAX_TIMESTAMP: f64 = 253_402_300_799.0;
/// The latest time the clock may show: [`MAX_TIMESTAMP`] less a handshake's 15-day lifetime
/// (9999-12-16T23:59:59Z), so that every timestamp the emulator computes from the clock (a
/// handshake's expiration is the furthest ahead) stays within [`MAX_TIMESTAMP`].
pub const MAX_CLOCK: f64 = MAX_TIMESTAMP - crate::handshake::HANDSHAKE_LIFETIME_SECONDS;

/// An error as an AWS service returns it: the exception name, its reason where the model has
/// one, and a message. A refused request's validation issues are kept too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceError {
    /// The exception name, e.g. `AccessDeniedException`.
    pub code: &'static str,
    /// The exception's `Reason` (ConstraintViolationException, InvalidInputException,
    /// HandshakeConstraintViolationException) or Chime's `Code`.
    pub reason: Option<&'static str>,
    /// What went wrong.
    pub message: String,
    /// The HTTP status the service answers with.
    pub status: u16,
    /// For a request that failed validation: every issue (the first one is the message).
    pub issues: Vec<Issue>,
}

impl ServiceError {
    /// An error with no reason; the HTTP status follows from the code.
    pub fn new(code: &'static str, message: impl Into<String>) -> ServiceError {
        ServiceError {
            code,
            reason: None,
            message: message.into(),
            status: status_of(code),
            issues: Vec::new(),
        }
    }

    /// An error with a reason.
    pub fn with_reason(
        code: &'static str,
        reason: &'static str,
        message: impl Into<String>,
    ) -> ServiceError {
        ServiceError {
            reason: Some(reason),
            ..ServiceError::new(code, message)
        }
    }

    /// The error of a request that failed validation, in the service's own terms:
    /// Organizations `InvalidInputException` (its reason is the first issue's code), Account
    /// `ValidationException`, Chime `BadRequestException`.
    pub fn invalid_request(service: &str, issues: Vec<Issue>) -> ServiceError {
        let first = issues.first();
        let message = first.map_or_else(
            || "The request is not valid.".to_owned(),
            |issue| issue.message.clone(),
        );
        let mut error = match service {
            "account" => ServiceError::new("ValidationException", message),
            "chime" => ServiceError::with_reason("BadRequestException", "BadRequest", message),
            _ => {
                let reason = first.map_or("INPUT_REQUIRED", |issue| issue.code.as_str());
                ServiceError::with_reason("InvalidInputException", reason, message)
            }
        };
        error.issues = issues;
        error
    }

    /// The service's invalid-request error for a request that is not even JSON (`found`
    /// says what it was instead): one INVALID_TYPE issue at the top.
    pub fn not_json(service: &str, found: &str) -> ServiceError {
        ServiceError::invalid_request(service, vec![Issue::wrong_type("", "a JSON object", found)])
    }

    /// The error body as the bindings hand it on: `Code`, `Message`, `Reason` (when there is
    /// one), `StatusCode` and `Issues` (`Path`, `Code`, `Message`).
    pub fn to_json(&self) -> Value {
        let mut body = json!({
            "Code": self.code,
            "Message": self.message,
            "StatusCode": self.status,
        });
        if let Some(reason) = self.reason {
            body["Reason"] = json!(reason);
        }
        if !self.issues.is_empty() {
            body["Issues"] = self
                .issues
                .iter()
                .map(|issue| json!({"Path": issue.path, "Code": issue.code.as_str(), "Message": issue.message}))
                .collect();
        }
        body
    }
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.reason {
            Some(reason) => write!(f, "{} ({reason}): {}", self.code, self.message),
            None => write!(f, "{}: {}", self.code, self.message),
        }
    }
}

impl std::error::Error for ServiceError {}

/// The HTTP status `operation` of `service` answers with when it succeeds, from the model's
/// `http.responseCode` (200 unless stated: Chime CreateAccount answers 201), so that a wire
/// protocol sends what AWS sends. Operation and service names as in [`Emulator::call`].
pub fn success_status(service: &str, operation: &str) -> Result<u16, EmulatorError> {
    let (_, op) = find_operation(EMULATED_EDITION, service, operation)?;
    Ok(op.success_status)
}

/// The errors any operation of `service` (`organizations`, `account`, `chime`) may answer
/// besides the ones its model lists: the service's own error for a request that does not fit
/// the model (Organizations `InvalidInputException`, Account `ValidationException`, Chime
/// `BadRequestException`), which AWS's front end returns for every operation before the
/// operation itself runs. (DescribeOrganization is the one operation whose 2017 error list
/// lacks it.) Empty for an unknown service.
pub fn protocol_errors(service: &str) -> &'static [&'static str] {
    match service {
        "organizations" => &["InvalidInputException"],
        "account" => &["ValidationException"],
        "chime" => &["BadRequestException"],
        _ => &[],
    }
}

/// The values the original edition's model allows for the reason of `exception` (its `Reason`
/// member, or Chime's `Code`): e.g. the ConstraintViolationExceptionReason enumeration.
/// Empty when the exception has no such member or is unknown.
pub fn reasons_of(service: &str, exception: &str) -> &'static [&'static str] {
    use crate::model::ShapeKind;
    let Some(model) = EMULATED_EDITION.service(service) else {
        return &[];
    };
    let Some(shape) = model.shape_named(exception) else {
        return &[];
    };
    let ShapeKind::Structure { members, .. } = &shape.kind else {
        return &[];
    };
    members
        .iter()
        .find(|member| member.name == "Reason" || member.name == "Code")
        .and_then(|member| model.shapes.get(member.shape))
        .map_or(&[], |reason| match &reason.kind {
            ShapeKind::String { values, .. } => values,
            _ => &[],
        })
}

fn status_of(code: &str) -> u16 {
    match code {
        "AccessDeniedException" | "ForbiddenException" => 403,
        "ResourceNotFoundException" | "NotFoundException" => 404,
        "UnauthorizedClientException" => 401,
        "TooManyRequestsException" | "ThrottledClientException" => 429,
        "ServiceException" | "InternalServerException" | "ServiceFailureException" => 500,
        "ServiceUnavailableException" => 503,
        _ => 400,
    }
}

/// Why an emulator call or command failed.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmulatorError {
    /// The emulated service refused the call, as AWS would.
    #[error(transparent)]
    Service(#[from] ServiceError),
    /// No such service or operation.
    #[error(transparent)]
    Lookup(#[from] LookupError),
    /// The emulator itself was used wrongly (a caller that is not an account ID, a duplicate
    /// registration, a negative duration); `code` is one of the `INVALID_*`/`*_TAKEN` codes.
    #[error("{code}: {message}")]
    Usage {
        /// A stable code: INVALID_CALLER, INVALID_ARGUMENT, ACCOUNT_TAKEN, EMAIL_TAKEN,
        /// NOT_FOUND.
        code: &'static str,
        /// What was wrong.
        message: String,
    },
    /// A snapshot could not be read or written; the state is unchanged.
    #[error("{code}: {message}")]
    Snapshot {
        /// SNAPSHOT_IO, SNAPSHOT_CORRUPT, SNAPSHOT_VERSION or SNAPSHOT_TOO_LARGE.
        code: &'static str,
        /// What was wrong.
        message: String,
    },
    /// The emulator found its own state inconsistent (a bug: import refuses such states, and
    /// handlers keep them out). Code INTERNAL_ERROR; the call changed nothing it could avoid.
    #[error("INTERNAL_ERROR: {message}")]
    Internal {
        /// What was found broken.
        message: String,
    },
}

impl EmulatorError {
    /// The stable code: the AWS exception name for a service error, `UNKNOWN_SERVICE` /
    /// `UNKNOWN_OPERATION` for a lookup, `INTERNAL_ERROR` for an internal error, the usage or
    /// snapshot code otherwise.
    pub fn code(&self) -> &'static str {
        match self {
            EmulatorError::Service(error) => error.code,
            EmulatorError::Lookup(LookupError::UnknownService { .. }) => "UNKNOWN_SERVICE",
            EmulatorError::Lookup(_) => "UNKNOWN_OPERATION",
            EmulatorError::Usage { code, .. } | EmulatorError::Snapshot { code, .. } => code,
            EmulatorError::Internal { .. } => "INTERNAL_ERROR",
        }
    }

    /// The error as JSON for the bindings: `Kind` (`service`, `lookup`, `usage`,
    /// `snapshot`, `internal`), `Code`, `Message`, and for a service error `Reason`,
    /// `StatusCode` and `Issues` as in [`ServiceError::to_json`].
    pub fn to_json(&self) -> Value {
        match self {
            EmulatorError::Service(error) => {
                let mut body = error.to_json();
                body["Kind"] = json!("service");
                body
            }
            EmulatorError::Lookup(error) => {
                json!({"Kind": "lookup", "Code": self.code(), "Message": error.to_string()})
            }
            EmulatorError::Usage { message, .. } => {
                json!({"Kind": "usage", "Code": self.code(), "Message": message})
            }
            EmulatorError::Snapshot { message, .. } => {
                json!({"Kind": "snapshot", "Code": self.code(), "Message": message})
            }
            EmulatorError::Internal { message } => {
                json!({"Kind": "internal", "Code": self.code(), "Message": message})
            }
        }
    }

    /// An internal error: the state broke one of its own invariants.
    pub(crate) fn internal(message: impl Into<String>) -> EmulatorError {
        EmulatorError::Internal {
            message: message.into(),
        }
    }

    fn usage(code: &'static str, message: impl Into<String>) -> EmulatorError {
        EmulatorError::Usage {
            code,
            message: message.into(),
        }
    }

    fn snapshot(code: &'static str, message: impl Into<String>) -> EmulatorError {
        EmulatorError::Snapshot {
            code,
            message: message.into(),
        }
    }
}

/// The emulated partition. Cheap to share: wrap it in an `Arc` to use it from several threads.
#[derive(Debug)]
pub struct Emulator {
    state: Mutex<State>,
    /// The wire protocols' settings and counters (not part of a snapshot).
    wire: wire::WireState,
}

/// What a handler returns: the response, or why the call was refused (a service error, or an
/// internal error for a state that breaks the emulator's invariants).
pub(crate) type Outcome = Result<Output, EmulatorError>;

/// The text member `key` of a validated request (`""` when absent: validation has already
/// refused a request that lacks a required member).
pub(crate) fn text<'a>(input: &'a Value, key: &str) -> &'a str {
    optional(input, key).unwrap_or("")
}

/// The optional text member `key` of a validated request.
pub(crate) fn optional<'a>(input: &'a Value, key: &str) -> Option<&'a str> {
    input.get(key).and_then(Value::as_str)
}

impl Emulator {
    /// An empty partition whose IDs derive from `seed`; the clock starts at
    /// 2017-02-27T00:00:00Z.
    pub fn new(seed: u64) -> Emulator {
        Emulator::with_state(State::new(seed))
    }

    fn with_state(state: State) -> Emulator {
        Emulator {
            state: Mutex::new(state),
            wire: wire::WireState::default(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A handler never panics while it holds the lock in a way that leaves the state
        // half-changed (checks come before changes), so a poisoned lock is still usable.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Calls `operation` (model name `CreateAccount` or boto3 name `create_account`) of
    /// `service` (`organizations`, `account`, `chime`) as account `caller`, with the request as
    /// wire JSON (`null` counts as `{}`); the response as wire JSON.
    pub fn call(
        &self,
        service: &str,
        operation: &str,
        caller: &str,
        input: &Value,
    ) -> Result<Value, EmulatorError> {
        let (service, op, caller) = admit(service, operation, caller, &input)?;
        let empty = Value::Object(serde_json::Map::new());
        let input = if input.is_null() { &empty } else { input };
        Ok(self
            .run_valid(service, op, caller.as_str(), input)?
            .into_value())
    }

    /// [`Emulator::call`] on any [`RequestInput`] — a binding's view of its host's objects (a
    /// Python dict) — answering with an [`Output`], which a binding turns into its host's
    /// objects without going through JSON. The request is validated where it lies, then
    /// copied into JSON, and the copy is validated again and is what runs: host code (a
    /// getter, a Python `__eq__`) may change the value between the two reads. The copy is
    /// bounded in depth and in values (`MAX_COPY_VALUES`); a request that grew past that
    /// while it was read is refused.
    pub fn call_output<I: RequestInput>(
        &self,
        service: &str,
        operation: &str,
        caller: &str,
        input: &I,
    ) -> Result<Output, EmulatorError> {
        let (service, op, caller) = admit(service, operation, caller, input)?;
        let mut budget = MAX_COPY_VALUES;
        let input = match input_value(input, 0, &mut budget) {
            Some(Value::Null) => Value::Object(serde_json::Map::new()),
            Some(other) => other,
            None => {
                let issue = Issue {
                    path: String::new(),
                    code: crate::error::ErrorCode::MaxLengthExceeded,
                    message: format!(
                        "The request changed while it was read and now holds more than \
                         {MAX_COPY_VALUES} values; it was not run"
                    ),
                };
                return Err(ServiceError::invalid_request(service, vec![issue]).into());
            }
        };
        // Host code (a Python `__eq__`, a JS getter) may run while the host value is read and
        // change it between the validation and the copy: what runs is the copy, so the copy
        // is what must be valid.
        let (found_service, found_op) = find_operation(EMULATED_EDITION, service, op)?;
        let issues = validate_input(found_service, found_op, &&input);
        if !issues.is_empty() {
            return Err(ServiceError::invalid_request(service, issues).into());
        }
        self.run_valid(service, op, caller.as_str(), &input)
    }

    /// Runs a request that passed validation.
    fn run_valid(
        &self,
        service: &str,
        operation: &str,
        caller: &str,
        input: &Value,
    ) -> Result<Output, EmulatorError> {
        let mut state = self.lock();
        // An account that calls for the first time exists in the partition from then on, but
        // only if the call succeeds: a refused call changes nothing, not even that.
        let first_call = !state.accounts.contains_key(caller);
        if first_call {
            state.ensure_account(caller);
        }
        let outcome = match service {
            "organizations" => organizations::dispatch(&mut state, operation, caller, input),
            "account" => account::dispatch(&mut state, operation, caller, input),
            _ => chime::dispatch(&mut state, operation, caller, input),
        };
        if outcome.is_err() && first_call {
            state.forget_account(caller);
        }
        outcome
    }

    /// [`Emulator::call`] on JSON text, for the bindings: text that is not JSON is refused as
    /// an invalid request (code INVALID_TYPE), like any other malformed input.
    pub fn call_json(
        &self,
        service: &str,
        operation: &str,
        caller: &str,
        input: &str,
    ) -> Result<String, EmulatorError> {
        let (found, _) = find_operation(EMULATED_EDITION, service, operation)?;
        let parsed: Value = if input.trim().is_empty() || input.trim() == "null" {
            Value::Object(serde_json::Map::new())
        } else {
            serde_json::from_str(input).map_err(|err| {
                ServiceError::not_json(found.name, &format!("text that is not JSON ({err})"))
            })?
        };
        let output = self.call_output(service, operation, caller, &&parsed)?;
        serde_json::to_string(&output).map_err(|err| {
            ServiceError::new(
                "ServiceException",
                format!("the response does not serialize: {err}"),
            )
            .into()
        })
    }

    /// Registers a standalone account with its root email and name (an account that calls
    /// without being registered gets `account-<id>@example.com`).
    pub fn register_account(&self, id: &str, email: &str, name: &str) -> Result<(), EmulatorError> {
        let id = parse_caller(id)?;
        let email = Email::parse_in(EMULATED_EDITION, email)
            .map_err(|err| EmulatorError::usage("INVALID_ARGUMENT", format!("email: {err}")))?;
        let name = AccountName::parse(name)
            .map_err(|err| EmulatorError::usage("INVALID_ARGUMENT", format!("name: {err}")))?;
        let mut state = self.lock();
        if state.accounts.contains_key(id.as_str()) {
            return Err(EmulatorError::usage(
                "ACCOUNT_TAKEN",
                format!("account {id} already exists"),
            ));
        }
        let key = email.as_str().to_ascii_lowercase();
        if state.emails.contains_key(&key) {
            return Err(EmulatorError::usage(
                "EMAIL_TAKEN",
                format!("another account already uses {}", email.as_str()),
            ));
        }
        state.emails.insert(key, id.as_str().to_owned());
        state.accounts.insert(
            id.as_str().to_owned(),
            state::AccountRecord {
                email: email.as_str().to_owned(),
                name: name.as_str().to_owned(),
                membership: None,
                needs_standalone_setup: false,
            },
        );
        Ok(())
    }

    /// Adds a user (by email) to a Chime account, for the `UserEmail` filter of ListAccounts
    /// (the four seed operations have no way to add users). The email must fit the model's
    /// `EmailAddress` (INVALID_ARGUMENT); an unknown Chime account is NOT_FOUND.
    pub fn add_chime_user(&self, chime_account_id: &str, email: &str) -> Result<(), EmulatorError> {
        let issues = crate::validate::validate_request(
            EMULATED_EDITION,
            "chime",
            "ListAccounts",
            &json!({ "UserEmail": email }),
        )?;
        if let Some(issue) = issues.first() {
            return Err(EmulatorError::usage(
                "INVALID_ARGUMENT",
                format!("email: {}", issue.message),
            ));
        }
        let mut state = self.lock();
        let account = state
            .chime_accounts
            .get_mut(chime_account_id)
            .ok_or_else(|| {
                EmulatorError::usage("NOT_FOUND", format!("no Chime account {chime_account_id}"))
            })?;
        account.user_emails.insert(email.to_ascii_lowercase());
        Ok(())
    }

    /// Gives an account that CreateAccount made what a standalone account needs (AWS asks
    /// for a payment method, a verified phone and an accepted customer agreement before such
    /// an account may leave its organization). Until then LeaveOrganization and
    /// RemoveAccountFromOrganization refuse it with ConstraintViolationException
    /// ACCOUNT_CANNOT_LEAVE_ORGANIZATION. Accounts that were invited, registered or called on
    /// their own are ready already; an unknown account is NOT_FOUND.
    pub fn prepare_standalone(&self, account_id: &str) -> Result<(), EmulatorError> {
        let id = parse_caller(account_id)?;
        let mut state = self.lock();
        let account = state
            .accounts
            .get_mut(id.as_str())
            .ok_or_else(|| EmulatorError::usage("NOT_FOUND", format!("no account {account_id}")))?;
        account.needs_standalone_setup = false;
        Ok(())
    }

    /// Whether the SCPs of the emulated organization allow a principal of `account_id` to
    /// make `request`, and why: the SCPs attached to the root, each OU on the account's path
    /// and the account, evaluated by [`crate::policy::evaluate`]. The management account is
    /// exempt (whatever `request.principal` says); an account in no organization, or one
    /// whose root does not have the SERVICE_CONTROL_POLICY type enabled, has no SCP in effect.
    /// An unknown account is NOT_FOUND.
    ///
    /// ```
    /// use orgkit::emulator::Emulator;
    /// use orgkit::policy::Request;
    /// use serde_json::json;
    ///
    /// let emulator = Emulator::new(1);
    /// let (master, member) = ("111111111111", "222222222222");
    /// let org = |caller: &str, operation: &str, input: serde_json::Value| {
    ///     emulator.call("organizations", operation, caller, &input).unwrap()
    /// };
    /// org(master, "CreateOrganization", json!({}));
    /// let invitation = org(master, "InviteAccountToOrganization",
    ///     json!({"Target": {"Id": member, "Type": "ACCOUNT"}}));
    /// org(member, "AcceptHandshake", json!({"HandshakeId": invitation["Handshake"]["Id"]}));
    /// // A new organization has all features and SCPs enabled, p-FullAWSAccess everywhere.
    /// let deny = org(master, "CreatePolicy", json!({
    ///     "Name": "no-s3", "Description": "", "Type": "SERVICE_CONTROL_POLICY",
    ///     "Content": r#"{"Version":"2012-10-17","Statement":{"Sid":"NoS3","Effect":"Deny","Action":"s3:*","Resource":"*"}}"#,
    /// }));
    /// let policy_id = deny["Policy"]["PolicySummary"]["Id"].clone();
    /// org(master, "AttachPolicy", json!({"PolicyId": policy_id, "TargetId": member}));
    ///
    /// let decision = emulator.simulate("222222222222", &Request::new("s3:PutObject", "*")).unwrap();
    /// assert!(!decision.allowed);
    /// assert_eq!(decision.denied_by.unwrap().sid.as_deref(), Some("NoS3"));
    /// assert!(emulator.simulate("222222222222", &Request::new("ec2:RunInstances", "*")).unwrap().allowed);
    /// ```
    pub fn simulate(
        &self,
        account_id: &str,
        request: &crate::policy::Request,
    ) -> Result<crate::policy::Decision, EmulatorError> {
        scp::simulate(&self.lock(), account_id, request)
    }

    /// The SCPs in effect for a root, OU or member account, as its organization's management
    /// account sees them: each level from the root down to the target with the policies
    /// attached there. Empty when the root does not have the SERVICE_CONTROL_POLICY type
    /// enabled; a target in no organization is NOT_FOUND.
    pub fn effective_scps(&self, target_id: &str) -> Result<Vec<EffectiveLevel>, EmulatorError> {
        Ok(scp::target_scps(&self.lock(), target_id)?.levels)
    }

    /// The virtual clock, seconds since the epoch.
    pub fn now(&self) -> f64 {
        self.lock().clock
    }

    /// Moves the clock forward: CreateAccount requests made before the new time finish, and
    /// handshakes whose 15 days have passed expire. `seconds` must be finite and not negative
    /// (INVALID_ARGUMENT), and the new time must not pass [`MAX_CLOCK`]
    /// (CLOCK_OUT_OF_RANGE); either way the clock does not move.
    pub fn advance(&self, seconds: f64) -> Result<(), EmulatorError> {
        if !seconds.is_finite() || seconds < 0.0 {
            return Err(EmulatorError::usage(
                "INVALID_ARGUMENT",
                "seconds must be a finite number, 0 or more",
            ));
        }
        let mut state = self.lock();
        let target = state.clock + seconds;
        if !(MIN_TIMESTAMP..=MAX_CLOCK).contains(&target) {
            return Err(EmulatorError::usage(
                "CLOCK_OUT_OF_RANGE",
                format!(
                    "advancing {seconds} seconds would move the clock past {MAX_CLOCK} \
                     (9999-12-16T23:59:59Z), the latest time whose 15-day handshake \
                     expiration Python's datetime and JavaScript's Date can still hold"
                ),
            ));
        }
        state.clock = target;
        organizations::on_clock(&mut state)
    }

    /// The limits in force.
    pub fn quotas(&self) -> Quotas {
        self.lock().quotas
    }

    /// Sets the limits (they apply to later calls; nothing already there is removed).
    pub fn set_quotas(&self, quotas: Quotas) {
        self.lock().quotas = quotas;
    }

    /// The most characters a policy document may have (CreatePolicy, UpdatePolicy); AWS's
    /// quota for a service control policy, [`DEFAULT_POLICY_DOCUMENT_LIMIT`] (5,120), unless
    /// set otherwise.
    pub fn policy_document_limit(&self) -> usize {
        self.lock().policy_document_limit
    }

    /// Sets the policy document limit (for later calls; existing policies stay). A longer
    /// document is refused with MalformedPolicyDocumentException: the 2017 model has no
    /// POLICY_CONTENT_LIMIT_EXCEEDED reason.
    pub fn set_policy_document_limit(&self, max_characters: usize) {
        self.lock().policy_document_limit = max_characters;
    }

    /// The whole state as versioned JSON.
    pub fn export(&self) -> Value {
        let state = self.lock();
        json!({
            "format": SNAPSHOT_FORMAT,
            "version": SNAPSHOT_VERSION,
            "state": serde_json::to_value(&*state).unwrap_or(Value::Null),
        })
    }

    /// Replaces the state with a snapshot from [`Emulator::export`], after checking it whole:
    /// another format or version, a missing or mistyped field, or references that do not
    /// resolve are refused and the current state is kept.
    pub fn import(&self, snapshot: &Value) -> Result<(), EmulatorError> {
        let state = state_from_snapshot(snapshot)?;
        *self.lock() = state;
        Ok(())
    }

    /// An emulator holding a snapshot.
    pub fn from_snapshot(snapshot: &Value) -> Result<Emulator, EmulatorError> {
        Ok(Emulator::with_state(state_from_snapshot(snapshot)?))
    }

    /// Writes the snapshot to `path` atomically: to a temporary file beside it, flushed, then
    /// renamed over `path`, so a reader never sees a half-written file.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<(), EmulatorError> {
        use std::io::Write;
        let path = path.as_ref();
        let text = serde_json::to_vec(&self.export())
            .map_err(|err| EmulatorError::snapshot("SNAPSHOT_IO", err.to_string()))?;
        let file_name = path
            .file_name()
            .ok_or_else(|| EmulatorError::snapshot("SNAPSHOT_IO", "the path names no file"))?;
        let mut temporary_name = file_name.to_owned();
        temporary_name.push(temporary_suffix());
        let temporary = path.with_file_name(temporary_name);
        let io = |err: std::io::Error| {
            EmulatorError::snapshot("SNAPSHOT_IO", format!("{}: {err}", path.display()))
        };
        let written = (|| {
            let mut file = std::fs::File::create(&temporary)?;
            file.write_all(&text)?;
            file.sync_all()?;
            std::fs::rename(&temporary, path)
        })();
        if written.is_err() {
            let _ = std::fs::remove_file(&temporary);
        }
        written.map_err(io)
    }

    /// Reads a snapshot written by [`Emulator::save`] into a new emulator, refusing a file
    /// larger than [`DEFAULT_SNAPSHOT_LIMIT`] (see [`Emulator::load_with_limit`]).
    pub fn load(path: impl AsRef<Path>) -> Result<Emulator, EmulatorError> {
        Emulator::load_with_limit(path, DEFAULT_SNAPSHOT_LIMIT)
    }

    /// [`Emulator::load`] with a size limit: a path that is not a regular file (a directory,
    /// a device such as `/dev/zero`, a pipe) is refused with SNAPSHOT_IO before anything is
    /// read, and a file of more than `max_bytes` bytes with SNAPSHOT_TOO_LARGE (at most
    /// `max_bytes + 1` bytes are ever read, even from a file that grows meanwhile).
    pub fn load_with_limit(
        path: impl AsRef<Path>,
        max_bytes: u64,
    ) -> Result<Emulator, EmulatorError> {
        Ok(Emulator::with_state(read_snapshot(
            path.as_ref(),
            max_bytes,
        )?))
    }

    /// Replaces this emulator's state with the snapshot at `path` (at most
    /// [`DEFAULT_SNAPSHOT_LIMIT`] bytes); on any error the current state is kept.
    pub fn load_into(&self, path: impl AsRef<Path>) -> Result<(), EmulatorError> {
        self.load_into_with_limit(path, DEFAULT_SNAPSHOT_LIMIT)
    }

    /// [`Emulator::load_into`] with a size limit, as in [`Emulator::load_with_limit`].
    pub fn load_into_with_limit(
        &self,
        path: impl AsRef<Path>,
        max_bytes: u64,
    ) -> Result<(), EmulatorError> {
        let state = read_snapshot(path.as_ref(), max_bytes)?;
        *self.lock() = state;
        Ok(())
    }

    /// Replaces the state with a snapshot given as JSON text (what a binding receives from its
    /// host): text longer than `max_bytes` bytes is refused with SNAPSHOT_TOO_LARGE before it
    /// is parsed, text that is not JSON with SNAPSHOT_CORRUPT; then as [`Emulator::import`].
    pub fn import_json(&self, text: &str, max_bytes: u64) -> Result<(), EmulatorError> {
        let state = state_from_bytes(text.as_bytes(), max_bytes, "the snapshot text")?;
        *self.lock() = state;
        Ok(())
    }

    /// Typed Organizations calls as `caller`.
    pub fn organizations<'e>(&'e self, caller: &str) -> OrganizationsClient<'e> {
        OrganizationsClient::new(self, caller)
    }

    /// Typed Account calls as `caller`.
    pub fn account<'e>(&'e self, caller: &str) -> AccountClient<'e> {
        AccountClient::new(self, caller)
    }

    /// Typed Chime calls as `caller`.
    pub fn chime<'e>(&'e self, caller: &str) -> ChimeClient<'e> {
        ChimeClient::new(self, caller)
    }

    /// Checks the structural invariants (each member account has exactly one parent, the
    /// tree has no cycle and is at most 5 OUs deep, every target keeps an SCP while SCPs are
    /// enabled, indexes agree); the list of what is broken, empty when all hold. Tests call it
    /// after random operation sequences.
    pub fn check_invariants(&self) -> Vec<String> {
        consistency::problems(&self.lock())
    }
}

/// A validated request as JSON (values of kinds validation refuses cannot reach here; they
/// would become `null`).
/// Deeper than any input shape nests; a host value that grew deeper after validation is cut
/// there (and the copy's own validation then refuses it).
const MAX_COPY_DEPTH: usize = 32;

/// The most values the copy of one request holds (validation refuses longer lists, see
/// [`crate::validate::MAX_LIST_ITEMS`], so only a request that changed while it was read gets
/// here).
const MAX_COPY_VALUES: usize = 4 * crate::validate::MAX_LIST_ITEMS;

/// The request as JSON, or `None` when it holds more than `budget` values.
fn input_value<I: RequestInput>(input: &I, depth: usize, budget: &mut usize) -> Option<Value> {
    *budget = budget.checked_sub(1)?;
    if depth > MAX_COPY_DEPTH {
        return Some(Value::Null);
    }
    Some(match input.kind() {
        InputKind::Null | InputKind::Other(_) => Value::Null,
        InputKind::Bool(flag) => Value::Bool(flag),
        InputKind::Integer(n) => Value::from(n),
        InputKind::Float(x) => serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number),
        InputKind::Text(text) => Value::String(text.into_owned()),
        InputKind::List(count) => {
            let mut items = Vec::new();
            for index in 0..count {
                let Some(item) = input.item(index) else {
                    break;
                };
                items.push(input_value(&item, depth + 1, budget)?);
            }
            Value::Array(items)
        }
        InputKind::Map(_) => {
            let mut map = serde_json::Map::new();
            let mut within = true;
            input.for_each_entry(&mut |key, value| {
                if let (Ok(key), true) = (key, within) {
                    match input_value(&value, depth + 1, budget) {
                        Some(copied) => {
                            map.insert(key.to_owned(), copied);
                        }
                        None => within = false,
                    }
                }
            });
            if !within {
                return None;
            }
            Value::Object(map)
        }
    })
}

/// Finds the operation, checks the caller, and validates the request: what every call does
/// before it reaches a handler.
fn admit<I: RequestInput>(
    service: &str,
    operation: &str,
    caller: &str,
    input: &I,
) -> Result<(&'static str, &'static str, AccountId), EmulatorError> {
    let (service, op) = find_operation(EMULATED_EDITION, service, operation)?;
    let caller = parse_caller(caller)?;
    let mut issues = validate_input(service, op, input);
    if !issues.is_empty() {
        name_newer_members(service.name, op.name, &mut issues);
        return Err(ServiceError::invalid_request(service.name, issues).into());
    }
    Ok((service.name, op.name, caller))
}

/// Says so in the message of each unknown member that the current edition knows (`Tags` on
/// CreateAccount): the emulator serves [`EMULATED_EDITION`], and such a member is refused
/// like any other unknown member — never silently ignored — but the caller learns why. Each
/// issue's path is looked up in the current edition's request shape.
fn name_newer_members(service: &str, operation: &str, issues: &mut [Issue]) {
    use crate::error::ErrorCode;
    let Ok((current, op)) = find_operation(crate::Edition::Current, service, operation) else {
        return;
    };
    let Some(input) = op.input else {
        return;
    };
    for issue in issues
        .iter_mut()
        .filter(|i| i.code == ErrorCode::UnknownParameter && member_at(current, input, &i.path))
    {
        issue.message = format!(
            "{} ({} is a member in the current edition only; this emulator serves {})",
            issue.message,
            issue.path,
            EMULATED_EDITION.description()
        );
    }
}

/// Whether `path` (boto3 style: `Tags`, `Target.Id`, `States[1]`) names a member of the shape
/// `id` of `service`.
fn member_at(service: &crate::model::Service, id: crate::model::ShapeId, path: &str) -> bool {
    use crate::model::ShapeKind;
    if path.is_empty() {
        return false;
    }
    let mut shape = id;
    for segment in path.split('.') {
        let (name, indexes) = segment.split_at(segment.find('[').unwrap_or(segment.len()));
        let ShapeKind::Structure { members, .. } = &service.shape(shape).kind else {
            return false;
        };
        let Some(member) = members.iter().find(|m| m.name == name) else {
            return false;
        };
        shape = member.shape;
        for _ in indexes.matches('[') {
            let ShapeKind::List { member, .. } = service.shape(shape).kind else {
                return false;
            };
            shape = member;
        }
    }
    true
}

fn parse_caller(caller: &str) -> Result<AccountId, EmulatorError> {
    AccountId::parse(caller).map_err(|err| {
        EmulatorError::usage(
            "INVALID_CALLER",
            format!("the caller must be a 12-digit account ID: {err}"),
        )
    })
}

fn read_snapshot(path: &Path, max_bytes: u64) -> Result<State, EmulatorError> {
    use std::io::Read;
    let io = |err: std::io::Error| {
        EmulatorError::snapshot("SNAPSHOT_IO", format!("{}: {err}", path.display()))
    };
    let not_regular = || {
        EmulatorError::snapshot(
            "SNAPSHOT_IO",
            format!(
                "{} is not a regular file (a directory, device or pipe is never a snapshot)",
                path.display()
            ),
        )
    };
    // Look before opening: opening a pipe would block until a writer comes.
    if !std::fs::metadata(path).map_err(io)?.is_file() {
        return Err(not_regular());
    }
    let file = std::fs::File::open(path).map_err(io)?;
    let metadata = file.metadata().map_err(io)?;
    if !metadata.is_file() {
        return Err(not_regular());
    }
    if metadata.len() > max_bytes {
        return Err(too_large(&path.display().to_string(), max_bytes));
    }
    // The file's stated size decides nothing the allocator cannot refuse: a reservation that
    // fails is SNAPSHOT_TOO_LARGE, not an abort.
    let mut bytes = Vec::new();
    let stated = usize::try_from(metadata.len()).unwrap_or(usize::MAX);
    if bytes.try_reserve_exact(stated).is_err() {
        return Err(EmulatorError::snapshot(
            "SNAPSHOT_TOO_LARGE",
            format!(
                "{} ({} bytes) does not fit in memory",
                path.display(),
                metadata.len()
            ),
        ));
    }
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    state_from_bytes(&bytes, max_bytes, &path.display().to_string())
}

fn too_large(what: &str, max_bytes: u64) -> EmulatorError {
    EmulatorError::snapshot(
        "SNAPSHOT_TOO_LARGE",
        format!("{what} is larger than the limit of {max_bytes} bytes"),
    )
}

/// Parses and checks a snapshot's bytes (`what` names them in messages).
fn state_from_bytes(bytes: &[u8], max_bytes: u64, what: &str) -> Result<State, EmulatorError> {
    if u64::try_from(bytes.len()).map_or(true, |len| len > max_bytes) {
        return Err(too_large(what, max_bytes));
    }
    let value: Value = serde_json::from_slice(bytes).map_err(|err| {
        EmulatorError::snapshot(
            "SNAPSHOT_CORRUPT",
            format!("{what} is not a complete JSON snapshot: {err}"),
        )
    })?;
    state_from_snapshot(&value)
}

fn state_from_snapshot(snapshot: &Value) -> Result<State, EmulatorError> {
    if snapshot.get("format").and_then(Value::as_str) != Some(SNAPSHOT_FORMAT) {
        return Err(EmulatorError::snapshot(
            "SNAPSHOT_CORRUPT",
            format!("not an {SNAPSHOT_FORMAT} snapshot (no \"format\": \"{SNAPSHOT_FORMAT}\")"),
        ));
    }
    if let Some(extra) = snapshot.as_object().and_then(|envelope| {
        envelope
            .keys()
            .find(|key| !matches!(key.as_str(), "format" | "version" | "state"))
    }) {
        return Err(EmulatorError::snapshot(
            "SNAPSHOT_CORRUPT",
            format!("{extra:?} is not part of the snapshot format (format, version, state)"),
        ));
    }
    match snapshot.get("version").and_then(Value::as_u64) {
        Some(SNAPSHOT_VERSION) => {}
        other => {
            return Err(EmulatorError::snapshot(
                "SNAPSHOT_VERSION",
                format!(
                    "snapshot version {} is not {SNAPSHOT_VERSION}, the version this build reads",
                    other.map_or_else(|| "(missing)".to_owned(), |v| v.to_string())
                ),
            ))
        }
    }
    let given = snapshot.get("state").unwrap_or(&Value::Null);
    let state: State = State::deserialize_from(given).map_err(|err| {
        EmulatorError::snapshot("SNAPSHOT_CORRUPT", format!("the state does not fit: {err}"))
    })?;
    // Records of generated shapes (a handshake) read unknown members leniently, as responses
    // must; a snapshot must not lose anything it holds, so what export would drop is refused.
    let exported = serde_json::to_value(&state).unwrap_or(Value::Null);
    if let Some(path) = dropped_member(given, &exported, &mut String::from("state")) {
        return Err(EmulatorError::snapshot(
            "SNAPSHOT_CORRUPT",
            format!("{path} is not part of the snapshot format"),
        ));
    }
    let broken = consistency::problems(&state);
    if let Some(first) = broken.first() {
        return Err(EmulatorError::snapshot(
            "SNAPSHOT_CORRUPT",
            format!("the state is inconsistent: {first}"),
        ));
    }
    Ok(state)
}

/// The first member of `given` (by path) that `exported` lacks; a `null` member counts as
/// absent on both sides.
fn dropped_member(given: &Value, exported: &Value, path: &mut String) -> Option<String> {
    match (given, exported) {
        (Value::Object(given), Value::Object(exported)) => {
            for (key, value) in given {
                let length = path.len();
                path.push('.');
                path.push_str(key);
                let found = match exported.get(key) {
                    Some(kept) => dropped_member(value, kept, path),
                    None if value.is_null() => None,
                    None => Some(path.clone()),
                };
                path.truncate(length);
                if found.is_some() {
                    return found;
                }
            }
            None
        }
        (Value::Array(given), Value::Array(exported)) => {
            for (index, (value, kept)) in given.iter().zip(exported).enumerate() {
                let length = path.len();
                let _ = std::fmt::Write::write_fmt(path, format_args!("[{index}]"));
                let found = dropped_member(value, kept, path);
                path.truncate(length);
                if found.is_some() {
                    return found;
                }
            }
            None
        }
        _ => None,
    }
}

impl State {
    fn deserialize_from(value: &Value) -> Result<State, serde_json::Error> {
        serde::Deserialize::deserialize(value)
    }
}

/// The suffix of [`Emulator::save`]'s temporary file: unique among this process's saves (a
/// counter) and, where the platform has process IDs, among processes. WASI has none
/// (`std::process::id` panics there, under the Node package's WebAssembly fallback), so there
/// the clock stands in for it.
fn temporary_suffix() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static SAVES: AtomicU64 = AtomicU64::new(0);
    let save = SAVES.fetch_add(1, Ordering::Relaxed);
    #[cfg(not(target_os = "wasi"))]
    let process = u128::from(std::process::id());
    #[cfg(target_os = "wasi")]
    let process = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| since.as_nanos());
    format!(".tmp-{process}-{save}")
}
