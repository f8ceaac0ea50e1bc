//! Amazon Chime accounts (Create/Get/List/UpdateAccount, with AccountStatus, 2021-07-16).
//!
//! A Chime account belongs to the AWS account that created it; another AWS account neither
//! sees nor changes it (NotFoundException, as for an ID that does not exist). CreateAccount
//! makes Team accounts, Active, licensed Pro by default.

use std::collections::BTreeSet;
use std::ops::Bound;

use serde_json::Value;

use super::output::Output;
use super::paging::PageQuery;
use super::state::{ChimeAccountRecord, State};
use super::{text, EmulatorError, Outcome, ServiceError};
use crate::model::IsoTimestamp;
use crate::page_token::{PageTokenCodec, CHIME_LIMITS};

const SUPPORTED_LICENSES: [&str; 2] = ["Basic", "Pro"];

/// Runs one Chime operation (the input is valid for it).
pub(super) fn dispatch(state: &mut State, operation: &str, caller: &str, input: &Value) -> Outcome {
    match operation {
        "CreateAccount" => {
            let id = uuid(state);
            state.chime_accounts.insert(
                id.clone(),
                ChimeAccountRecord {
                    aws_account_id: caller.to_owned(),
                    name: text(input, "Name").to_owned(),
                    created_timestamp: state.clock,
                    default_license: "Pro".to_owned(),
                    account_status: "Active".to_owned(),
                    user_emails: BTreeSet::new(),
                },
            );
            Ok(Output::Object(vec![("Account", account_json(state, &id)?)]))
        }
        "GetAccount" => {
            let id = text(input, "AccountId");
            owned(state, caller, id)?;
            Ok(Output::Object(vec![("Account", account_json(state, id)?)]))
        }
        "UpdateAccount" => {
            let id = text(input, "AccountId");
            owned(state, caller, id)?;
            if let Some(license) = input.get("DefaultLicense").and_then(Value::as_str) {
                if !SUPPORTED_LICENSES.contains(&license) {
                    return Err(bad_request(format!(
                        "The license {license} is not one the account supports ({}).",
                        SUPPORTED_LICENSES.join(", ")
                    )));
                }
            }
            let Some(record) = state.chime_accounts.get_mut(id) else {
                return Err(EmulatorError::internal(format!(
                    "Chime account {id} is missing"
                )));
            };
            if let Some(name) = input.get("Name").and_then(Value::as_str) {
                record.name = name.to_owned();
            }
            if let Some(license) = input.get("DefaultLicense").and_then(Value::as_str) {
                record.default_license = license.to_owned();
            }
            Ok(Output::Object(vec![("Account", account_json(state, id)?)]))
        }
        "ListAccounts" => list_accounts(state, caller, input),
        other => Err(EmulatorError::internal(format!(
            "the emulator has no handler for Chime {other}"
        ))),
    }
}

fn bad_request(message: impl Into<String>) -> EmulatorError {
    ServiceError::with_reason("BadRequestException", "BadRequest", message).into()
}

/// A version-4-shaped UUID from the seeded generator.
fn uuid(state: &mut State) -> String {
    loop {
        let (high, low) = (state.next_random(), state.next_random());
        let high = (high & !0xf000) | 0x4000;
        let low = (low & !(0xc << 60)) | (0x8 << 60);
        let id = format!(
            "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
            high >> 32,
            (high >> 16) & 0xffff,
            high & 0xffff,
            low >> 48,
            low & 0xffff_ffff_ffff
        );
        if !state.chime_accounts.contains_key(&id) {
            return id;
        }
    }
}

fn owned(state: &State, caller: &str, id: &str) -> Result<(), EmulatorError> {
    if state
        .chime_accounts
        .get(id)
        .is_some_and(|a| a.aws_account_id == caller)
    {
        Ok(())
    } else {
        Err(ServiceError::with_reason(
            "NotFoundException",
            "NotFound",
            format!("The requested account {id} was not found."),
        )
        .into())
    }
}

fn account_json(state: &State, id: &str) -> Result<Output, EmulatorError> {
    let record = state
        .chime_accounts
        .get(id)
        .ok_or_else(|| EmulatorError::internal(format!("Chime account {id} is missing")))?;
    let created = IsoTimestamp::from_unix_seconds(record.created_timestamp).ok_or_else(|| {
        EmulatorError::internal(format!(
            "Chime account {id} was created at {}, outside the clock's range",
            record.created_timestamp
        ))
    })?;
    Ok(Output::Object(vec![
        ("AwsAccountId", Output::Text(record.aws_account_id.clone())),
        ("AccountId", Output::Text(id.to_owned())),
        ("Name", Output::Text(record.name.clone())),
        ("AccountType", Output::Static("Team")),
        ("CreatedTimestamp", Output::Iso(created.as_str().to_owned())),
        (
            "DefaultLicense",
            Output::Text(record.default_license.clone()),
        ),
        (
            "SupportedLicenses",
            Output::List(
                SUPPORTED_LICENSES
                    .iter()
                    .map(|l| Output::Static(l))
                    .collect(),
            ),
        ),
        ("AccountStatus", Output::Text(record.account_status.clone())),
    ]))
}

fn list_accounts(state: &mut State, caller: &str, input: &Value) -> Outcome {
    let prefix = input.get("Name").and_then(Value::as_str);
    let email = input
        .get("UserEmail")
        .and_then(Value::as_str)
        .map(str::to_ascii_lowercase);
    let query = PageQuery::of("chime:ListAccounts", input, CHIME_LIMITS)
        .filtered("Caller", caller)
        .filtered("Name", prefix.unwrap_or(""))
        .filtered("UserEmail", email.clone().unwrap_or_default());
    let accounts = &state.chime_accounts;
    let codec = PageTokenCodec::new(state.token_secret);
    let (ids, next) = query
        .run(&codec, |start| {
            Box::new(
                accounts
                    .range::<str, _>((start, Bound::Unbounded))
                    .filter(move |(_, a)| {
                        a.aws_account_id == caller
                            && prefix.is_none_or(|p| a.name.starts_with(p))
                            && email.as_ref().is_none_or(|e| a.user_emails.contains(e))
                    })
                    .map(|(id, _)| (id.as_str(), id.as_str())),
            )
        })
        .map_err(|err| bad_request(err.message))?;
    let listed = ids
        .into_iter()
        .map(|id| account_json(state, id))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Output::page("Accounts", listed, next))
}
