//! Responses: the AWS wire JSON of any operation of either edition, parsed into the generated typed
//! outputs and written back. Values an enumeration does not list are kept (`Unknown`), members
//! the model does not list are ignored, and timestamps keep their wire form (epoch seconds for
//! Organizations and Account, ISO-8601 text for Chime), so a round trip is lossless.

use serde_json::Value;

use crate::error::Error;
use crate::generated::current;
use crate::generated::original::{account, chime, organizations};
use crate::validate::find_operation;
use crate::Edition;

/// A parsed response.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq)]
pub enum Response {
    /// An Organizations response of the original edition.
    Organizations(organizations::Output),
    /// An Account response of the original edition.
    Account(account::Output),
    /// An Organizations response of the current edition.
    CurrentOrganizations(current::organizations::Output),
    /// An Account response of the current edition.
    CurrentAccount(current::account::Output),
    /// A Chime response (the same model in both editions).
    Chime(chime::Output),
    /// The operation returns no body.
    Empty,
}

/// Why a response body could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the {operation} response does not fit its model: {message}")]
pub struct MalformedResponse {
    /// The operation.
    pub operation: &'static str,
    /// What serde reported.
    pub message: String,
}

/// Parses `body` as the response of `operation` (model or boto3 name) of `service` in
/// `edition`.
///
/// ```
/// use orgkit::response::{parse_response, Response};
/// use orgkit::Edition;
/// use orgkit::generated::original::organizations::{HandshakeState, Output};
/// let body = serde_json::json!({"Handshake": {"Id": "h-examplehandshake1", "State": "PAUSED", "Extra": 1}});
/// let Response::Organizations(Output::DescribeHandshake(out)) =
///     parse_response(Edition::Original, "organizations", "describe_handshake", body).unwrap()
/// else { unreachable!() };
/// let handshake = out.handshake.unwrap();
/// assert_eq!(handshake.state, Some(HandshakeState::Unknown("PAUSED".into())));
/// ```
pub fn parse_response(
    edition: Edition,
    service: &str,
    operation: &str,
    body: Value,
) -> Result<Response, Error> {
    let (service, operation) = find_operation(edition, service, operation)?;
    if operation.output.is_none() {
        return Ok(Response::Empty);
    }
    let malformed = |err: serde_json::Error| {
        Error::MalformedResponse(MalformedResponse {
            operation: operation.name,
            message: err.to_string(),
        })
    };
    let parsed = match (service.name, edition) {
        ("organizations", Edition::Original) => {
            organizations::Output::from_value(operation.name, body)
                .map(|r| r.map(Response::Organizations))
        }
        ("organizations", _) => current::organizations::Output::from_value(operation.name, body)
            .map(|r| r.map(Response::CurrentOrganizations)),
        ("account", Edition::Original) => {
            account::Output::from_value(operation.name, body).map(|r| r.map(Response::Account))
        }
        ("account", _) => current::account::Output::from_value(operation.name, body)
            .map(|r| r.map(Response::CurrentAccount)),
        _ => chime::Output::from_value(operation.name, body).map(|r| r.map(Response::Chime)),
    };
    match parsed {
        Some(result) => result.map_err(malformed),
        None => Ok(Response::Empty),
    }
}

impl Response {
    /// The response as AWS wire JSON (`{}` for an empty body).
    pub fn to_value(&self) -> Value {
        let value = match self {
            Response::Organizations(output) => output.to_value(),
            Response::Account(output) => output.to_value(),
            Response::CurrentOrganizations(output) => output.to_value(),
            Response::CurrentAccount(output) => output.to_value(),
            Response::Chime(output) => output.to_value(),
            Response::Empty => return Value::Object(serde_json::Map::new()),
        };
        // The typed outputs hold only JSON-representable values (timestamps are finite).
        value.unwrap_or(Value::Null)
    }
}
