//! The emulator over HTTP: requests and responses exactly as the AWS SDKs, the AWS CLI and
//! Terraform send and read them, so that unmodified client code runs against the emulator
//! (in-process through a binding's hook, or over loopback through [`crate::server`]).
//!
//! One entry point, [`Emulator::handle_http`], takes a request (method, path with query,
//! headers, body bytes) and answers a response (status, headers, body bytes). It recognises
//! four protocols, each from the models' own metadata:
//!
//! - **Organizations, awsJson 1.1**: `POST /` with `X-Amz-Target:
//!   AWSOrganizationsV20161128.<Operation>` and `Content-Type: application/x-amz-json-1.1`;
//!   timestamps are epoch seconds; errors are `{"__type", "Message", "Reason"}` bodies.
//! - **Account and Chime, restJson1**: each operation at its model's method and URI
//!   (`POST /putAlternateContact`, `GET /accounts/{accountId}`, …), members bound to URI labels
//!   and query parameters as the model says; errors carry the `x-amzn-ErrorType` header.
//! - **STS, the query protocol**: `GetCallerIdentity` and `AssumeRole` (form-encoded
//!   `Action=…`), answered in XML, which multi-account code needs to switch into the role
//!   CreateAccount made in a member account.
//!
//! The caller is the account of the access key ID in the SigV4 `Authorization` header:
//! [`Emulator::credentials`] hands out keys per account, [`AssumeRole`](Emulator::handle_http)
//! temporary ones, and any other key acts as the [default caller](Emulator::set_default_caller).
//! **Signatures are not verified**: the emulator trusts the key ID it is shown, as a local test
//! double should (it has no secret store to check against).
//!
//! Every request over the wire counts as one second of the emulator's virtual clock
//! ([`WIRE_TICK_SECONDS`]), so a CreateAccount request has finished by the next call, as AWS's
//! finish within moments, and code that polls DescribeCreateAccountStatus runs unmodified.
//!
//! Malformed input gets the error the service sends for it, never a panic: a body that is not
//! a JSON object is a `SerializationException`, an unknown `X-Amz-Target` or route an
//! `UnknownOperationException`, a wrong content type `UnknownOperationException` (awsJson) or
//! `UnsupportedMediaTypeException` (restJson), a body over [`MAX_REQUEST_BODY`] bytes a 413
//! `RequestEntityTooLargeException`.

use std::sync::atomic::Ordering;

use super::EMULATED_EDITION;
use serde_json::{json, Map, Value};

use super::state::{State, DEFAULT_ACCESS_ROLE};
use super::{Emulator, EmulatorError, ServiceError};
use crate::ids::AccountId;
use crate::model::{self, MemberLocation, Protocol, Service, ShapeKind};

/// The largest request body the emulator reads (8 MiB); a larger one is refused with 413
/// before it is parsed.
pub const MAX_REQUEST_BODY: usize = 8 << 20;

/// How far each request over the wire moves the virtual clock, in seconds.
pub const WIRE_TICK_SECONDS: f64 = 1.0;

/// The account that requests with a key the emulator did not hand out act as, until
/// [`Emulator::set_default_caller`] says otherwise.
pub const DEFAULT_CALLER: &str = "111111111111";

/// The prefix of every access key ID [`Emulator::credentials`] hands out, before the account.
const LONG_TERM_KEY_PREFIX: &str = "AKIAORGK";
/// The prefix of the temporary access key IDs AssumeRole hands out.
const TEMPORARY_KEY_PREFIX: &str = "ASIAORGK";
/// The prefix of the session tokens AssumeRole hands out: `orgkit/<account>/<role>/<session>`.
const SESSION_TOKEN_PREFIX: &str = "orgkit/";
/// STS's XML namespace.
const STS_NAMESPACE: &str = "https://sts.amazonaws.com/doc/2011-06-15/";
/// AssumeRole's session lifetime when the request states none, and its bounds.
const DEFAULT_SESSION_SECONDS: i64 = 3_600;
const MIN_SESSION_SECONDS: i64 = 900;
/// The MaxSessionDuration of the role CreateAccount makes (IAM's default, one hour): AWS refuses
/// a longer DurationSeconds for it.
const MAX_SESSION_SECONDS: i64 = 3_600;

/// An HTTP request as a client sent it.
#[derive(Debug, Clone, Copy)]
pub struct HttpRequest<'a> {
    /// `GET`, `POST`, …
    pub method: &'a str,
    /// The path with its query string, e.g. `/accounts?max-results=5` (a full URL is accepted
    /// too; its scheme and host are ignored).
    pub target: &'a str,
    /// The headers, names in any case.
    pub headers: &'a [(&'a str, &'a str)],
    /// The body's bytes.
    pub body: &'a [u8],
}

/// An HTTP response as AWS would send it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    /// The status code.
    pub status: u16,
    /// The headers (`Content-Type`, `x-amzn-RequestId`, and `x-amzn-ErrorType` on restJson
    /// errors); transports add `Content-Length`.
    pub headers: Vec<(&'static str, String)>,
    /// The body's bytes.
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// The value of header `name` (any case), if present.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// AWS credentials that act as one account of the emulator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    /// The account they act as.
    pub account_id: String,
    /// The access key ID: `AKIAORGK` and the account for long-term keys, `ASIAORGK…` for the
    /// temporary keys of AssumeRole.
    pub access_key_id: String,
    /// The secret access key (never checked: signatures are not verified).
    pub secret_access_key: String,
    /// The session token of temporary credentials.
    pub session_token: Option<String>,
}

/// Who a request comes from, as the key it was signed with says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Identity {
    /// An account's own (root) credentials, or a key the emulator does not know (the default
    /// caller).
    Account(String),
    /// A role session AssumeRole opened.
    AssumedRole {
        /// The account the role is in.
        account: String,
        /// The role's name.
        role: String,
        /// The session name the request gave.
        session: String,
    },
}

impl Identity {
    /// The account the identity acts as.
    pub fn account(&self) -> &str {
        match self {
            Identity::Account(account) | Identity::AssumedRole { account, .. } => account,
        }
    }

    /// The identity's ARN, as GetCallerIdentity reports it.
    pub fn arn(&self) -> String {
        match self {
            Identity::Account(account) => format!("arn:aws:iam::{account}:root"),
            Identity::AssumedRole {
                account,
                role,
                session,
            } => format!("arn:aws:sts::{account}:assumed-role/{role}/{session}"),
        }
    }

    fn user_id(&self) -> String {
        match self {
            Identity::Account(account) => account.clone(),
            Identity::AssumedRole {
                account,
                role,
                session,
            } => format!("{}:{session}", role_id(account, role)),
        }
    }
}

/// A stable role ID (`AROA` and 17 characters) for a role of an account.
fn role_id(account: &str, role: &str) -> String {
    // FNV-1a over the account and role: the same role always has the same ID.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in account.bytes().chain([b'/']).chain(role.bytes()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut id = String::from("AROA");
    for index in 0..17 {
        let shift = (index * 5) % 60;
        id.push(char::from(ALPHABET[((hash >> shift) & 31) as usize]));
    }
    id
}

/// The wire-level settings and counters of an emulator.
#[derive(Debug)]
pub(super) struct WireState {
    pub default_caller: std::sync::Mutex<String>,
    pub requests: std::sync::atomic::AtomicU64,
    pub sessions: std::sync::atomic::AtomicU64,
}

impl Default for WireState {
    fn default() -> WireState {
        WireState {
            default_caller: std::sync::Mutex::new(DEFAULT_CALLER.to_owned()),
            requests: std::sync::atomic::AtomicU64::new(0),
            sessions: std::sync::atomic::AtomicU64::new(0),
        }
    }
}

/// The protocol-level error of a request that never reached an operation.
struct ProtocolError {
    status: u16,
    code: &'static str,
    message: String,
}

impl ProtocolError {
    fn new(status: u16, code: &'static str, message: impl Into<String>) -> ProtocolError {
        ProtocolError {
            status,
            code,
            message: message.into(),
        }
    }
}

impl Emulator {
    /// Long-term credentials that act as `account_id` over the wire (the same every time:
    /// they derive from the account). INVALID_CALLER when `account_id` is not 12 digits.
    pub fn credentials(&self, account_id: &str) -> Result<Credentials, EmulatorError> {
        let account = super::parse_caller(account_id)?;
        Ok(Credentials {
            account_id: account.as_str().to_owned(),
            access_key_id: format!("{LONG_TERM_KEY_PREFIX}{account}"),
            secret_access_key: format!("orgkit-secret-access-key-for-{account}"),
            session_token: None,
        })
    }

    /// The account that requests signed with a key the emulator did not hand out (or not
    /// signed at all) act as.
    pub fn default_caller(&self) -> String {
        self.wire
            .default_caller
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// Sets the default caller; INVALID_CALLER (and no change) when `account_id` is not 12
    /// digits.
    pub fn set_default_caller(&self, account_id: &str) -> Result<(), EmulatorError> {
        let account = super::parse_caller(account_id)?;
        *self
            .wire
            .default_caller
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = account.as_str().to_owned();
        Ok(())
    }

    /// Who a request with these headers comes from: the access key ID of its SigV4
    /// `Authorization` header (or `X-Amz-Credential` query parameter), and for temporary
    /// credentials its `X-Amz-Security-Token`.
    pub fn identity_of(&self, headers: &[(&str, &str)], query: &str) -> Identity {
        let key = header(headers, "authorization")
            .and_then(|auth| auth.split("Credential=").nth(1))
            .and_then(|rest| rest.split('/').next())
            .map(str::to_owned)
            .or_else(|| {
                form_pairs(query)
                    .into_iter()
                    .find(|(name, _)| name == "X-Amz-Credential")
                    .and_then(|(_, value)| value.split('/').next().map(str::to_owned))
            });
        let token = header(headers, "x-amz-security-token");
        match key.as_deref().and_then(|key| identity_of_key(key, token)) {
            Some(identity) => identity,
            None => Identity::Account(self.default_caller()),
        }
    }

    /// Serves one HTTP request as AWS would (module docs: [`crate::emulator::wire`]). Never
    /// fails: every problem is an error response.
    pub fn handle_http(&self, request: &HttpRequest<'_>) -> HttpResponse {
        self.serve_http(request, request.body.len() > MAX_REQUEST_BODY, None)
    }

    /// Serves one HTTP request as the account `caller`, whatever key signed it (or none), for
    /// in-process hooks that pin a client to one account (SDK v3's request handler with a
    /// `caller`): the identity is decided here rather than by rewriting the request's
    /// signature. Everything else is as [`handle_http`](Emulator::handle_http) does it; STS
    /// answers as that account's root too (GetCallerIdentity names it, AssumeRole is decided
    /// for it, and the temporary keys AssumeRole hands out do not change who later requests
    /// through the same hook act as). INVALID_CALLER, and nothing served, when `caller` is not
    /// 12 digits.
    pub fn handle_http_as(
        &self,
        request: &HttpRequest<'_>,
        caller: &str,
    ) -> Result<HttpResponse, EmulatorError> {
        let account = super::parse_caller(caller)?;
        let identity = Identity::Account(account.as_str().to_owned());
        Ok(self.serve_http(
            request,
            request.body.len() > MAX_REQUEST_BODY,
            Some(identity),
        ))
    }

    /// The response to a request whose body was larger than [`MAX_REQUEST_BODY`] and was not
    /// read (its `body` is ignored): the 413 error of the protocol the request addressed.
    pub fn refuse_oversized(&self, request: &HttpRequest<'_>) -> HttpResponse {
        self.serve_http(request, true, None)
    }

    /// Serves a request as `identity`, or (`None`) as the key it was signed with says.
    fn serve_http(
        &self,
        request: &HttpRequest<'_>,
        oversized: bool,
        identity: Option<Identity>,
    ) -> HttpResponse {
        let request_id = self.next_request_id();
        let (path, query) = split_target(request.target);
        let identity = identity.unwrap_or_else(|| self.identity_of(request.headers, query));
        let content_type = header(request.headers, "content-type").unwrap_or("");
        if let Some(target) = header(request.headers, "x-amz-target") {
            let service = EMULATED_EDITION
                .service("organizations")
                .expect("organizations is modelled");
            if oversized {
                return json_protocol_error(service, &too_large(), &request_id);
            }
            return match self.serve_aws_json(service, target, content_type, request, &identity) {
                Ok(response) => response.finish(&request_id),
                Err(error) => json_protocol_error(service, &error, &request_id),
            };
        }
        let form = content_type
            .to_ascii_lowercase()
            .starts_with("application/x-www-form-urlencoded");
        if form || query.split('&').any(|pair| pair.starts_with("Action=")) {
            if oversized {
                return sts_error(&too_large(), &request_id);
            }
            return self.serve_sts(request, query, &identity, &request_id);
        }
        for name in ["account", "chime"] {
            let service = EMULATED_EDITION.service(name).expect("modelled service");
            let Some((operation, labels)) = route(service, request.method, path) else {
                continue;
            };
            if oversized {
                return rest_error(service, &too_large(), &request_id);
            }
            return match self.serve_rest_json(service, operation, labels, query, request, &identity)
            {
                Ok(response) => response.finish(&request_id),
                Err(error) => rest_error(service, &error, &request_id),
            };
        }
        let unknown = ProtocolError::new(
            404,
            "UnknownOperationException",
            format!(
                "No operation of the services this emulator serves (Organizations 2016-11-28, \
                 Account 2021-02-01, Chime 2018-05-01, STS; {}) answers {} {path}",
                EMULATED_EDITION.description(),
                request.method
            ),
        );
        let mut response = plain_error_response(&unknown, &request_id);
        response
            .headers
            .push(("x-amzn-ErrorType", unknown.code.to_owned()));
        response
    }

    fn next_request_id(&self) -> String {
        let n = self.wire.requests.fetch_add(1, Ordering::Relaxed) + 1;
        format!("0r9k1t00-0000-4000-8000-{n:012x}")
    }

    /// Runs an operation for the wire: one tick of the clock, then the call.
    fn call_over_wire(
        &self,
        service: &str,
        operation: &str,
        identity: &Identity,
        input: &Value,
    ) -> Result<Value, EmulatorError> {
        // At the end of time the clock stays; the call still runs.
        let _ = self.advance(WIRE_TICK_SECONDS);
        self.call(service, operation, identity.account(), input)
    }

    fn serve_aws_json(
        &self,
        service: &'static Service,
        target: &str,
        content_type: &str,
        request: &HttpRequest<'_>,
        identity: &Identity,
    ) -> Result<Reply, ProtocolError> {
        let Protocol::AwsJson {
            target_prefix,
            json_version,
        } = service.protocol
        else {
            return Err(ProtocolError::new(
                500,
                "InternalFailure",
                "not an awsJson service",
            ));
        };
        let Some(operation) = target
            .strip_prefix(target_prefix)
            .and_then(|rest| rest.strip_prefix('.'))
            .and_then(|name| service.operations.iter().find(|op| op.name == name))
        else {
            return Err(ProtocolError::new(
                400,
                "UnknownOperationException",
                format!(
                    "{target} is not an operation of {} {} in {}, which this emulator \
                     serves (X-Amz-Target must be {target_prefix}.<Operation>)",
                    service.name,
                    service.api_version,
                    EMULATED_EDITION.description()
                ),
            ));
        };
        let wanted = format!("application/x-amz-json-{json_version}");
        if request.method != "POST"
            || !media_type(content_type).eq_ignore_ascii_case(&wanted)
                && !media_type(content_type).eq_ignore_ascii_case("application/x-amz-json-1.0")
        {
            return Err(ProtocolError::new(
                400,
                "UnknownOperationException",
                format!(
                    "{target} is served for POST requests of Content-Type {wanted}, not {} {}",
                    request.method,
                    if content_type.is_empty() {
                        "without a Content-Type"
                    } else {
                        content_type
                    }
                ),
            ));
        }
        let input = json_body(request.body)?;
        Ok(self.reply(service, operation, identity, &input))
    }

    fn serve_rest_json(
        &self,
        service: &'static Service,
        operation: &'static model::Operation,
        labels: Vec<(&'static str, String)>,
        query: &str,
        request: &HttpRequest<'_>,
        identity: &Identity,
    ) -> Result<Reply, ProtocolError> {
        let content_type = header(request.headers, "content-type").unwrap_or("");
        if !request.body.is_empty()
            && !content_type.is_empty()
            && !media_type(content_type).eq_ignore_ascii_case("application/json")
        {
            return Err(ProtocolError::new(
                415,
                "UnsupportedMediaTypeException",
                format!(
                    "{} takes an application/json body, not {content_type}",
                    operation.name
                ),
            ));
        }
        let mut input = json_body(request.body)?;
        let members = match operation.input.map(|id| &service.shapes[id].kind) {
            Some(ShapeKind::Structure { members, .. }) => *members,
            _ => &[],
        };
        let query_pairs = form_pairs(query);
        for member in members {
            let raw = match member.location {
                MemberLocation::Body => continue,
                MemberLocation::Uri(label) => labels
                    .iter()
                    .find(|(name, _)| *name == label)
                    .map(|(_, value)| value.clone()),
                MemberLocation::QueryString(name) => query_pairs
                    .iter()
                    .find(|(key, _)| key == name)
                    .map(|(_, value)| value.clone()),
                MemberLocation::Header(name) => header(request.headers, name).map(str::to_owned),
            };
            if let Some(raw) = raw {
                let value = match service.shapes[member.shape].kind {
                    ShapeKind::Integer { .. } => raw
                        .parse::<i64>()
                        .map_or_else(|_| Value::String(raw.clone()), Value::from),
                    ShapeKind::Boolean => match raw.as_str() {
                        "true" => Value::Bool(true),
                        "false" => Value::Bool(false),
                        _ => Value::String(raw.clone()),
                    },
                    _ => Value::String(raw.clone()),
                };
                input.insert(member.name.to_owned(), value);
            }
        }
        Ok(self.reply(service, operation, identity, &input))
    }

    fn reply(
        &self,
        service: &'static Service,
        operation: &'static model::Operation,
        identity: &Identity,
        input: &Map<String, Value>,
    ) -> Reply {
        let input = Value::Object(input.clone());
        match self.call_over_wire(service.name, operation.name, identity, &input) {
            Ok(output) => Reply {
                service,
                status: operation.success_status,
                body: Ok(output),
            },
            Err(EmulatorError::Service(error)) => Reply {
                service,
                status: error.status,
                body: Err(error),
            },
            Err(other) => Reply {
                service,
                status: 500,
                body: Err(ServiceError {
                    code: "InternalFailure",
                    reason: None,
                    message: other.to_string(),
                    status: 500,
                    issues: Vec::new(),
                }),
            },
        }
    }

    fn serve_sts(
        &self,
        request: &HttpRequest<'_>,
        query: &str,
        identity: &Identity,
        request_id: &str,
    ) -> HttpResponse {
        let Ok(body) = std::str::from_utf8(request.body) else {
            let error = ProtocolError::new(400, "MalformedQueryString", "the body is not UTF-8");
            return sts_error(&error, request_id);
        };
        let mut params = form_pairs(query);
        params.extend(form_pairs(body));
        let param = |name: &str| {
            params
                .iter()
                .find(|(key, _)| key == name)
                .map(|(_, value)| value.as_str())
        };
        let result = match param("Action") {
            Some("GetCallerIdentity") => Ok(("GetCallerIdentity", caller_identity_xml(identity))),
            Some("AssumeRole") => self
                .assume_role(
                    identity,
                    param("RoleArn"),
                    param("RoleSessionName"),
                    param("DurationSeconds"),
                )
                .map(|xml| ("AssumeRole", xml)),
            Some(other) => Err(ProtocolError::new(
                400,
                "InvalidAction",
                format!(
                    "Could not find operation {other}: the emulator serves STS GetCallerIdentity \
                     and AssumeRole"
                ),
            )),
            None => Err(ProtocolError::new(
                400,
                "MissingAction",
                "The request names no Action",
            )),
        };
        match result {
            Ok((action, inner)) => {
                let body = format!(
                    "<{action}Response xmlns=\"{STS_NAMESPACE}\"><{action}Result>{inner}</{action}Result>\
                     <ResponseMetadata><RequestId>{request_id}</RequestId></ResponseMetadata></{action}Response>"
                );
                HttpResponse {
                    status: 200,
                    headers: vec![
                        ("Content-Type", "text/xml".to_owned()),
                        ("x-amzn-RequestId", request_id.to_owned()),
                    ],
                    body: body.into_bytes(),
                }
            }
            Err(error) => sts_error(&error, request_id),
        }
    }

    fn assume_role(
        &self,
        identity: &Identity,
        role_arn: Option<&str>,
        session_name: Option<&str>,
        duration: Option<&str>,
    ) -> Result<String, ProtocolError> {
        let validation = |message: String| ProtocolError::new(400, "ValidationError", message);
        let role_arn = role_arn.ok_or_else(|| {
            ProtocolError::new(
                400,
                "MissingParameter",
                "The request must contain the parameter RoleArn",
            )
        })?;
        let session = session_name.ok_or_else(|| {
            ProtocolError::new(
                400,
                "MissingParameter",
                "The request must contain the parameter RoleSessionName",
            )
        })?;
        if !(2..=64).contains(&session.len())
            || !session
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"_+=,.@-".contains(&b))
        {
            return Err(validation(format!(
                "1 validation error detected: Value '{session}' at 'roleSessionName' failed to \
                 satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]* \
                 and have length between 2 and 64"
            )));
        }
        let seconds = match duration {
            None => DEFAULT_SESSION_SECONDS,
            Some(text) => text
                .parse::<i64>()
                .ok()
                .filter(|s| (MIN_SESSION_SECONDS..=MAX_SESSION_SECONDS).contains(s))
                .ok_or_else(|| {
                    validation(format!(
                        "The requested DurationSeconds ({text}) is not between 900 and the \
                         MaxSessionDuration of the role ({MAX_SESSION_SECONDS})"
                    ))
                })?,
        };
        let (account, role, at_root) = parse_role_arn(role_arn).ok_or_else(|| {
            validation(format!(
                "{role_arn} is not a valid role ARN (arn:aws:iam::<account>:role/<name>)"
            ))
        })?;
        let denied = || {
            ProtocolError::new(
                403,
                "AccessDenied",
                format!(
                    "User: {} is not authorized to perform: sts:AssumeRole on resource: {role_arn}",
                    identity.arn()
                ),
            )
        };
        let state = self.lock();
        // CreateAccount makes its role at the path `/`.
        if !at_root || !may_assume(&state, identity.account(), account, role) {
            return Err(denied());
        }
        // By the later of the virtual clock and the wall clock: SDKs compare the expiration
        // with the real time and would refresh credentials that expired in 2017 forever.
        let now = wall_clock().map_or(state.clock, |wall| wall.max(state.clock));
        let expiration = crate::model::IsoTimestamp::from_unix_seconds(now + seconds as f64)
            .map(|at| at.as_str().to_owned())
            .unwrap_or_else(|| "9999-12-31T23:59:59Z".to_owned());
        drop(state);
        let n = self.wire.sessions.fetch_add(1, Ordering::Relaxed) + 1;
        let credentials = Credentials {
            account_id: account.to_owned(),
            access_key_id: format!("{TEMPORARY_KEY_PREFIX}{account}{:08X}", n & 0xFFFF_FFFF),
            secret_access_key: format!("orgkit-session-secret-{account}-{n}"),
            session_token: Some(format!("{SESSION_TOKEN_PREFIX}{account}/{role}/{session}")),
        };
        let assumed = Identity::AssumedRole {
            account: account.to_owned(),
            role: role.to_owned(),
            session: session.to_owned(),
        };
        Ok(format!(
            "<Credentials><AccessKeyId>{}</AccessKeyId><SecretAccessKey>{}</SecretAccessKey>\
             <SessionToken>{}</SessionToken><Expiration>{}</Expiration></Credentials>\
             <AssumedRoleUser><AssumedRoleId>{}</AssumedRoleId><Arn>{}</Arn></AssumedRoleUser>",
            xml_escape(&credentials.access_key_id),
            xml_escape(&credentials.secret_access_key),
            xml_escape(credentials.session_token.as_deref().unwrap_or("")),
            expiration,
            xml_escape(&assumed.user_id()),
            xml_escape(&assumed.arn()),
        ))
    }
}

/// Whether `caller` may assume role `role` of `account`: the role is the one CreateAccount
/// made there, and it trusts the management account of the organization that made it.
fn may_assume(state: &State, caller: &str, account: &str, role: &str) -> bool {
    state.create_account_requests.values().any(|request| {
        request.state == "SUCCEEDED"
            && request.account_id.as_deref() == Some(account)
            && request.role_name.as_deref().unwrap_or(DEFAULT_ACCESS_ROLE) == role
            && state
                .organizations
                .get(&request.organization)
                .is_some_and(|org| org.master == caller)
    })
}

/// Seconds since the epoch by the system clock (none where there is no system clock, as in
/// a browser's WebAssembly).
fn wall_clock() -> Option<f64> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()
            .map(|elapsed| elapsed.as_secs() as f64)
    }
    #[cfg(target_arch = "wasm32")]
    {
        None
    }
}

/// `arn:aws:iam::<account>:role/<path/>name` → (account, name, whether the path is `/`).
fn parse_role_arn(arn: &str) -> Option<(&str, &str, bool)> {
    let rest = arn.strip_prefix("arn:")?;
    let (_partition, rest) = rest.split_once(':')?;
    let rest = rest.strip_prefix("iam::")?;
    let (account, resource) = rest.split_once(':')?;
    AccountId::parse(account).ok()?;
    let (path, name) = resource.strip_prefix("role")?.rsplit_once('/')?;
    let valid = (1..=64).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_+=,.@-".contains(&b));
    valid.then_some((account, name, path.is_empty()))
}

/// The identity of an access key the emulator handed out (`None` for any other key).
fn identity_of_key(key: &str, token: Option<&str>) -> Option<Identity> {
    if let Some(account) = key.strip_prefix(LONG_TERM_KEY_PREFIX) {
        return AccountId::parse(account)
            .ok()
            .map(|_| Identity::Account(account.to_owned()));
    }
    let rest = key.strip_prefix(TEMPORARY_KEY_PREFIX)?;
    let account = rest.get(..12)?;
    AccountId::parse(account).ok()?;
    let session = token
        .and_then(|token| token.strip_prefix(SESSION_TOKEN_PREFIX))
        .and_then(|rest| {
            let mut parts = rest.splitn(3, '/');
            Some((parts.next()?, parts.next()?, parts.next()?))
        })
        .filter(|(token_account, _, _)| *token_account == account);
    Some(match session {
        Some((_, role, session)) => Identity::AssumedRole {
            account: account.to_owned(),
            role: role.to_owned(),
            session: session.to_owned(),
        },
        None => Identity::Account(account.to_owned()),
    })
}

fn caller_identity_xml(identity: &Identity) -> String {
    format!(
        "<Arn>{}</Arn><UserId>{}</UserId><Account>{}</Account>",
        xml_escape(&identity.arn()),
        xml_escape(&identity.user_id()),
        identity.account()
    )
}

/// A successful or refused operation, before it is written for its protocol.
struct Reply {
    service: &'static Service,
    status: u16,
    body: Result<Value, ServiceError>,
}

impl Reply {
    fn finish(self, request_id: &str) -> HttpResponse {
        let json_content_type = match self.service.protocol {
            Protocol::AwsJson { json_version, .. } => {
                format!("application/x-amz-json-{json_version}")
            }
            Protocol::RestJson => "application/json".to_owned(),
        };
        let mut headers = vec![
            ("Content-Type", json_content_type),
            ("x-amzn-RequestId", request_id.to_owned()),
        ];
        let body = match self.body {
            Ok(output) => output,
            Err(error) => {
                if self.service.protocol == Protocol::RestJson {
                    headers.push(("x-amzn-ErrorType", error.code.to_owned()));
                }
                error_body(self.service, &error)
            }
        };
        HttpResponse {
            status: self.status,
            headers,
            body: serde_json::to_vec(&body).unwrap_or_else(|_| b"{}".to_vec()),
        }
    }
}

/// An error body with the members the model gives the exception's shape (`Message` or
/// `message`, and `Reason` / Chime's `Code`); awsJson bodies also name the type in `__type`.
fn error_body(service: &Service, error: &ServiceError) -> Value {
    let mut body = Map::new();
    if matches!(service.protocol, Protocol::AwsJson { .. }) {
        body.insert("__type".to_owned(), json!(error.code));
    }
    let members = service
        .shape_named(error.code)
        .and_then(|shape| match &shape.kind {
            ShapeKind::Structure { members, .. } => Some(*members),
            _ => None,
        });
    match members {
        Some(members) => {
            for member in members {
                match member.name {
                    "Message" | "message" => {
                        body.insert(member.name.to_owned(), json!(error.message));
                    }
                    "Reason" | "Code" | "reason" => {
                        if let Some(reason) = error.reason {
                            body.insert(member.name.to_owned(), json!(reason));
                        }
                    }
                    _ => {}
                }
            }
            if !body.contains_key("Message") && !body.contains_key("message") {
                body.insert("message".to_owned(), json!(error.message));
            }
        }
        None => {
            let key = match service.protocol {
                Protocol::AwsJson { .. } => "Message",
                Protocol::RestJson => "message",
            };
            body.insert(key.to_owned(), json!(error.message));
        }
    }
    Value::Object(body)
}

fn json_protocol_error(service: &Service, error: &ProtocolError, request_id: &str) -> HttpResponse {
    let Protocol::AwsJson { json_version, .. } = service.protocol else {
        return plain_error_response(error, request_id);
    };
    let body = json!({"__type": error.code, "Message": error.message});
    HttpResponse {
        status: error.status,
        headers: vec![
            (
                "Content-Type",
                format!("application/x-amz-json-{json_version}"),
            ),
            ("x-amzn-RequestId", request_id.to_owned()),
        ],
        body: serde_json::to_vec(&body).unwrap_or_default(),
    }
}

fn rest_error(_service: &Service, error: &ProtocolError, request_id: &str) -> HttpResponse {
    let mut response = plain_error_response(error, request_id);
    response
        .headers
        .push(("x-amzn-ErrorType", error.code.to_owned()));
    response
}

fn plain_error_response(error: &ProtocolError, request_id: &str) -> HttpResponse {
    HttpResponse {
        status: error.status,
        headers: vec![
            ("Content-Type", "application/json".to_owned()),
            ("x-amzn-RequestId", request_id.to_owned()),
        ],
        body: serde_json::to_vec(&json!({"message": error.message})).unwrap_or_default(),
    }
}

fn sts_error(error: &ProtocolError, request_id: &str) -> HttpResponse {
    let kind = if error.status >= 500 {
        "Receiver"
    } else {
        "Sender"
    };
    let body = format!(
        "<ErrorResponse xmlns=\"{STS_NAMESPACE}\"><Error><Type>{kind}</Type><Code>{}</Code>\
         <Message>{}</Message></Error><RequestId>{request_id}</RequestId></ErrorResponse>",
        error.code,
        xml_escape(&error.message)
    );
    HttpResponse {
        status: error.status,
        headers: vec![
            ("Content-Type", "text/xml".to_owned()),
            ("x-amzn-RequestId", request_id.to_owned()),
        ],
        body: body.into_bytes(),
    }
}

fn too_large() -> ProtocolError {
    ProtocolError::new(
        413,
        "RequestEntityTooLargeException",
        format!("The request body is larger than {MAX_REQUEST_BODY} bytes"),
    )
}

/// The body as a JSON object (an empty body is `{}`); anything else is a
/// SerializationException, as AWS answers it.
fn json_body(body: &[u8]) -> Result<Map<String, Value>, ProtocolError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    let serialization =
        |message: String| ProtocolError::new(400, "SerializationException", message);
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(other) => Err(serialization(format!(
            "The request body must be a JSON object, not {}",
            match other {
                Value::Null => "null",
                Value::Bool(_) => "a boolean",
                Value::Number(_) => "a number",
                Value::String(_) => "a string",
                Value::Array(_) => "an array",
                Value::Object(_) => "an object",
            }
        ))),
        Err(error) => Err(serialization(format!(
            "The request body is not valid JSON: {error}"
        ))),
    }
}

/// The operation of a restJson service at `method` `path`, with the URI labels it binds.
fn route(
    service: &'static Service,
    method: &str,
    path: &str,
) -> Option<(&'static model::Operation, Vec<(&'static str, String)>)> {
    let segments: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    service.operations.iter().find_map(|operation| {
        if !operation.http_method.eq_ignore_ascii_case(method) {
            return None;
        }
        let template: Vec<&'static str> = operation
            .request_uri
            .split('?')
            .next()
            .unwrap_or("")
            .trim_end_matches('/')
            .split('/')
            .collect();
        if template.len() != segments.len() {
            return None;
        }
        let mut labels = Vec::new();
        for (pattern, segment) in template.iter().zip(&segments) {
            if let Some(label) = pattern.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
                let value = percent_decode(segment, false)?;
                if value.is_empty() {
                    return None;
                }
                labels.push((label, value));
            } else if pattern != segment {
                return None;
            }
        }
        Some((operation, labels))
    })
}

/// A header's value by name, in any case.
fn header<'a>(headers: &[(&str, &'a str)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(key, _)| key.eq_ignore_ascii_case(name))
        .map(|(_, value)| *value)
}

/// The media type of a Content-Type value, without parameters.
fn media_type(content_type: &str) -> &str {
    content_type.split(';').next().unwrap_or("").trim()
}

/// Splits a request target into path and query; a full URL loses its scheme and host.
fn split_target(target: &str) -> (&str, &str) {
    let target = match target.find("://").filter(|_| !target.starts_with('/')) {
        Some(at) => {
            let rest = &target[at + 3..];
            rest.find('/').map_or("/", |slash| &rest[slash..])
        }
        None => target,
    };
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    (if path.is_empty() { "/" } else { path }, query)
}

/// `a=1&b=two` → pairs, percent-decoded (`+` is a space); pairs that do not decode are
/// dropped.
fn form_pairs(text: &str) -> Vec<(String, String)> {
    text.split('&')
        .filter(|pair| !pair.is_empty())
        .filter_map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            Some((percent_decode(key, true)?, percent_decode(value, true)?))
        })
        .collect()
}

/// Percent-decodes `text`; `None` for a broken escape or bytes that are not UTF-8.
fn percent_decode(text: &str, plus_is_space: bool) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'%' => {
                let hex = text.get(index + 1..index + 3)?;
                // Two hex digits: `from_str_radix` alone would also take a sign (`%+9`).
                if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return None;
                }
                out.push(u8::from_str_radix(hex, 16).ok()?);
                index += 3;
            }
            b'+' if plus_is_space => {
                out.push(b' ');
                index += 1;
            }
            byte => {
                out.push(byte);
                index += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 does not allow at all (C0 controls but tab, line feed and
            // carriage return; U+FFFE, U+FFFF) become U+FFFD, so the body always parses.
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signed_by(key: &str) -> String {
        format!(
            "AWS4-HMAC-SHA256 Credential={key}/20170227/us-east-1/organizations/aws4_request, \
             SignedHeaders=host, Signature=0"
        )
    }

    fn body_json(response: &HttpResponse) -> Value {
        serde_json::from_slice(&response.body).expect("a JSON body")
    }

    #[test]
    fn handle_http_as_acts_as_the_caller_whatever_key_signed_the_request() {
        let emulator = Emulator::new(5);
        let other = emulator.credentials("222222222222").unwrap().access_key_id;
        let auth = signed_by(&other);
        let headers = [
            (
                "X-Amz-Target",
                "AWSOrganizationsV20161128.CreateOrganization",
            ),
            ("Content-Type", "application/x-amz-json-1.1"),
            ("Authorization", auth.as_str()),
        ];
        let request = HttpRequest {
            method: "POST",
            target: "/",
            headers: &headers,
            body: b"{}",
        };
        let created = emulator.handle_http_as(&request, "111111111111").unwrap();
        assert_eq!(created.status, 200);
        assert_eq!(
            body_json(&created)["Organization"]["MasterAccountId"],
            "111111111111"
        );
        // The same request without the override acts as the key's account, which is now
        // outside the organization the override made.
        let describe = [
            (
                "X-Amz-Target",
                "AWSOrganizationsV20161128.DescribeOrganization",
            ),
            ("Content-Type", "application/x-amz-json-1.1"),
            ("Authorization", auth.as_str()),
        ];
        let by_key = emulator.handle_http(&HttpRequest {
            headers: &describe,
            ..request
        });
        assert_eq!(
            body_json(&by_key)["__type"],
            "AWSOrganizationsNotInUseException"
        );

        // STS names the overriding caller, not the signing key nor the default caller.
        let sts = emulator
            .handle_http_as(
                &HttpRequest {
                    method: "POST",
                    target: "/",
                    headers: &[
                        ("Content-Type", "application/x-www-form-urlencoded"),
                        ("Authorization", auth.as_str()),
                    ],
                    body: b"Action=GetCallerIdentity&Version=2011-06-15",
                },
                "333333333333",
            )
            .unwrap();
        let xml = String::from_utf8(sts.body).unwrap();
        assert!(
            xml.contains("<Account>333333333333</Account>")
                && xml.contains("<Arn>arn:aws:iam::333333333333:root</Arn>"),
            "{xml}"
        );
    }

    #[test]
    fn handle_http_as_refuses_a_caller_that_is_not_an_account_id_and_serves_nothing() {
        let emulator = Emulator::new(5);
        let before = emulator.lock().clock;
        let request = HttpRequest {
            method: "POST",
            target: "/",
            headers: &[
                (
                    "X-Amz-Target",
                    "AWSOrganizationsV20161128.CreateOrganization",
                ),
                ("Content-Type", "application/x-amz-json-1.1"),
            ],
            body: b"{}",
        };
        for caller in [
            "",
            "11111111111",
            "1111111111111",
            "11111111111x",
            "١١١١١١١١١١١١",
        ] {
            let error = emulator.handle_http_as(&request, caller).unwrap_err();
            assert_eq!(error.code(), "INVALID_CALLER", "{caller:?}");
        }
        assert_eq!(emulator.lock().clock, before);
        assert_eq!(emulator.wire.requests.load(Ordering::Relaxed), 0);
        // An oversized body under an override is the protocol's 413, as without one.
        let big = vec![b' '; MAX_REQUEST_BODY + 1];
        let refused = emulator
            .handle_http_as(
                &HttpRequest {
                    body: &big,
                    ..request
                },
                "111111111111",
            )
            .unwrap();
        assert_eq!(refused.status, 413);
    }
}
