//! The Account service's alternate contacts (Put/Get/DeleteAlternateContact, 2021-09-30).
//!
//! Without `AccountId` a call acts on the caller's own account. With it, the caller must be the
//! management account of an organization with all features enabled and the ID one of that
//! organization's member accounts (the seed's rule); otherwise AccessDeniedException. The
//! management account naming its own ID is refused too, as AWS documents ("the management
//! account can't specify its own AccountId"); so is a member or standalone account naming any
//! ID, its own included. (orgkit models no delegated administrators.)

use serde_json::Value;

use super::output::Output;
use super::state::{AlternateContactRecord, State};
use super::{text, EmulatorError, Outcome, ServiceError};

/// Runs one Account operation (the input is valid for it).
pub(super) fn dispatch(state: &mut State, operation: &str, caller: &str, input: &Value) -> Outcome {
    let account = target_account(state, caller, input)?;
    let contact_type = text(input, "AlternateContactType");
    match operation {
        "PutAlternateContact" => {
            let contact = AlternateContactRecord {
                email_address: text(input, "EmailAddress").to_owned(),
                name: text(input, "Name").to_owned(),
                phone_number: text(input, "PhoneNumber").to_owned(),
                title: text(input, "Title").to_owned(),
            };
            state
                .alternate_contacts
                .entry(account)
                .or_default()
                .insert(contact_type.to_owned(), contact);
            Ok(Output::empty())
        }
        "GetAlternateContact" => {
            let Some(contact) = state
                .alternate_contacts
                .get(&account)
                .and_then(|contacts| contacts.get(contact_type))
            else {
                return Err(not_set(&account, contact_type).into());
            };
            let text = |value: &str| Output::Text(value.to_owned());
            let contact = Output::Object(vec![
                ("AlternateContactType", text(contact_type)),
                ("EmailAddress", text(&contact.email_address)),
                ("Name", text(&contact.name)),
                ("PhoneNumber", text(&contact.phone_number)),
                ("Title", text(&contact.title)),
            ]);
            Ok(Output::Object(vec![("AlternateContact", contact)]))
        }
        "DeleteAlternateContact" => {
            let Some(contacts) = state
                .alternate_contacts
                .get_mut(&account)
                .filter(|contacts| contacts.contains_key(contact_type))
            else {
                return Err(not_set(&account, contact_type).into());
            };
            contacts.remove(contact_type);
            if contacts.is_empty() {
                state.alternate_contacts.remove(&account);
            }
            Ok(Output::empty())
        }
        other => Err(EmulatorError::internal(format!(
            "the emulator has no handler for Account {other}"
        ))),
    }
}

fn not_set(account: &str, contact_type: &str) -> ServiceError {
    ServiceError::new(
        "ResourceNotFoundException",
        format!("No contact of type {contact_type} is set for account {account}."),
    )
}

/// The account a call acts on, after the authorization rule.
fn target_account(state: &State, caller: &str, input: &Value) -> Result<String, ServiceError> {
    let Some(account) = input.get("AccountId").and_then(Value::as_str) else {
        return Ok(caller.to_owned());
    };
    let org = state
        .organization_of(caller)
        .and_then(|org| state.organizations.get(org).map(|record| (org, record)));
    let denied = |why: &str| {
        Err(ServiceError::new(
            "AccessDeniedException",
            format!("Account {caller} may not name AccountId {account}: {why}"),
        ))
    };
    let Some((org, record)) = org.filter(|(_, record)| record.master == caller) else {
        return denied(
            "only the management account of an organization may pass an AccountId (to act on its own account, omit AccountId)",
        );
    };
    if account == caller {
        return denied("the management account can't specify its own AccountId; omit AccountId");
    }
    if record.feature_set != "ALL" {
        return denied("the organization does not have all features enabled");
    }
    if state.organization_of(account) != Some(org) {
        return denied("the account is not a member of the caller's organization");
    }
    Ok(account.to_owned())
}
