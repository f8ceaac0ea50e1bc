//! The Account service's alternate contacts (Put/Get/DeleteAlternateContact, 2021-09-30).
//!
//! Without `AccountId` a call acts on the caller's own account. With it, the caller must be the
//! management account of an organization with all features enabled that contains that member
//! account (the seed's rule); otherwise AccessDeniedException. An `AccountId` equal to the
//! caller's own ID counts as omitted.

use serde_json::Value;

use super::output::Output;
use super::state::{AlternateContactRecord, State};
use super::{text, Outcome, ServiceError};

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
            let contact = state
                .alternate_contacts
                .get(&account)
                .and_then(|contacts| contacts.get(contact_type))
                .ok_or_else(|| not_set(&account, contact_type))?;
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
            let contacts = state
                .alternate_contacts
                .get_mut(&account)
                .filter(|contacts| contacts.contains_key(contact_type))
                .ok_or_else(|| not_set(&account, contact_type))?;
            contacts.remove(contact_type);
            if contacts.is_empty() {
                state.alternate_contacts.remove(&account);
            }
            Ok(Output::empty())
        }
        other => Err(ServiceError::new(
            "InternalServerException",
            format!("the emulator has no handler for {other}"),
        )),
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
    if account == caller {
        return Ok(caller.to_owned());
    }
    let allowed = state.organization_of(caller).is_some_and(|org| {
        let record = &state.organizations[org];
        record.master == caller
            && record.feature_set == "ALL"
            && state.organization_of(account) == Some(org)
    });
    if allowed {
        Ok(account.to_owned())
    } else {
        Err(ServiceError::new(
            "AccessDeniedException",
            format!(
                "Account {caller} may not manage the contacts of {account}: only the management account of an organization with all features enabled may, for its member accounts."
            ),
        ))
    }
}
