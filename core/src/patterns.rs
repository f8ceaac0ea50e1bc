//! Hand-written matchers for the current edition's text patterns that are not value kinds of
//! [`crate::ids`]: Account's contact fields, the organization path, the two new ARN forms.
//!
//! Each applies the model's pattern to the whole value with ASCII classes (DESIGN rule 1) and
//! answers `None` when the value matches, or a short description of what is wrong. The
//! `regex` oracle in `core/tests/pattern_oracle.rs` holds every one against the model's own
//! pattern.

use crate::ids::{
    is_account_id, is_ascii_space, is_organization_id, is_organizational_unit_id,
    is_responsibility_transfer_id, is_root_id,
};

/// `\w` with ASCII classes.
fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// What is wrong with `text` for a pattern of one character class repeated (`[…]+`): empty,
/// or the first character (position, character) that `allowed` refuses.
pub(crate) fn first_char_outside(text: &str, allowed: impl Fn(char) -> bool) -> Option<String> {
    if text.is_empty() {
        return Some(crate::ids::Rule::Empty.to_string());
    }
    text.chars()
        .enumerate()
        .find(|(_, c)| !allowed(*c))
        .map(|(position, found)| crate::ids::Rule::BadCharacter { position, found }.to_string())
}

/// `[ -;=?-~]+`: printable ASCII except `<` and `>` (Account's PutAccountName).
pub fn printable_without_angle_brackets_failure(text: &str) -> Option<String> {
    first_char_outside(text, |c| (' '..='~').contains(&c) && c != '<' && c != '>')
}

/// `[+][\s0-9()-]+`: a `+`, then digits, spaces, parentheses and dashes (Account's contact
/// information phone number).
pub fn international_phone_number_failure(text: &str) -> Option<String> {
    let Some(rest) = text.strip_prefix('+') else {
        return Some("the number must start with '+'".to_owned());
    };
    if rest.is_empty() {
        return Some("nothing after the '+'".to_owned());
    }
    let allowed = |c: char| c.is_ascii_digit() || matches!(c, '(' | ')' | '-') || is_ascii_space(c);
    text.chars()
        .enumerate()
        .skip(1)
        .find(|(_, c)| !allowed(*c))
        .map(|(position, found)| crate::ids::Rule::BadCharacter { position, found }.to_string())
}

/// `[\s]*[\w+=.#|!&-]+@[\w.-]+\.[\w]+[\s]*`: the current edition's alternate-contact email,
/// which tolerates spaces around the address.
pub fn contact_email_failure(text: &str) -> Option<String> {
    let address = text.trim_matches(is_ascii_space);
    let offset = text.chars().take_while(|c| is_ascii_space(*c)).count();
    let Some((local, domain)) = address.split_once('@') else {
        return Some("an email address needs an '@'".to_owned());
    };
    if local.is_empty() {
        return Some(format!("nothing before the '@' at position {offset}"));
    }
    let local_ok =
        |c: char| is_word(c) || matches!(c, '+' | '=' | '.' | '#' | '|' | '!' | '&' | '-');
    if let Some((position, found)) = local.chars().enumerate().find(|(_, c)| !local_ok(*c)) {
        return Some(
            crate::ids::Rule::BadCharacter {
                position: offset + position,
                found,
            }
            .to_string(),
        );
    }
    let domain_start = offset + local.chars().count() + 1;
    let domain_ok = |c: char| is_word(c) || matches!(c, '.' | '-');
    if let Some((position, found)) = domain.chars().enumerate().find(|(_, c)| !domain_ok(*c)) {
        return Some(
            crate::ids::Rule::BadCharacter {
                position: domain_start + position,
                found,
            }
            .to_string(),
        );
    }
    // `[\w.-]+\.[\w]+`: the last '.' has something before it and only word characters after.
    match domain.rfind('.') {
        None => Some("the domain needs a '.'".to_owned()),
        Some(0) => Some("nothing between the '@' and the domain's last '.'".to_owned()),
        Some(dot) if dot + 1 == domain.len() => {
            Some("nothing after the domain's last '.'".to_owned())
        }
        Some(dot) if !domain[dot + 1..].chars().all(is_word) => {
            Some("the domain's last part may hold only letters, digits and '_'".to_owned())
        }
        Some(_) => None,
    }
}

/// `[a-zA-Z0-9]{6}`: a six-character one-time passcode.
pub fn passcode_failure(text: &str) -> Option<String> {
    if let Some(found) = first_char_outside(text, |c| c.is_ascii_alphanumeric()) {
        return Some(found);
    }
    let length = text.chars().count();
    (length != 6).then(|| format!("a passcode has exactly 6 letters or digits, not {length}"))
}

/// `^(o-…\/r-…(\/ou-…)*(\/\d{12})*)\/`: an organization path such as
/// `o-a1b2c3d4e5/r-f6g7/ou-ab12-cdefgh34/111122223333/` — the organization, the root, any OUs,
/// then any accounts, each followed by `/`.
pub fn organization_path_failure(text: &str) -> Option<String> {
    let Some(body) = text.strip_suffix('/') else {
        return Some("a path ends with '/'".to_owned());
    };
    let mut parts = body.split('/');
    match parts.next() {
        Some(part) if is_organization_id(part) => {}
        _ => return Some("a path starts with the organization ID".to_owned()),
    }
    match parts.next() {
        Some(part) if is_root_id(part) => {}
        _ => return Some("the organization ID is followed by the root ID".to_owned()),
    }
    let mut seen_account = false;
    for part in parts {
        if is_account_id(part) {
            seen_account = true;
        } else if is_organizational_unit_id(part) && !seen_account {
        } else {
            return Some(format!(
                "{part:?} is not an OU ID (before any account) or an account ID"
            ));
        }
    }
    None
}

/// `arn:<partition>:organizations::<account>:` where the partition is the model's
/// `[a-z0-9][a-z0-9-.]{0,62}`; the rest after it.
fn organizations_arn_rest(text: &str) -> Result<&str, String> {
    let rest = text
        .strip_prefix("arn:")
        .ok_or_else(|| "an ARN starts with 'arn:'".to_owned())?;
    let (partition, rest) = rest
        .split_once(':')
        .ok_or_else(|| "no ':' after the partition".to_owned())?;
    let partition_ok = (1..=63).contains(&partition.len())
        && partition.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && partition
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.');
    if !partition_ok {
        return Err(format!("{partition:?} is not a partition"));
    }
    let rest = rest
        .strip_prefix("organizations::")
        .ok_or_else(|| "expected 'organizations::' after the partition".to_owned())?;
    let (account, rest) = rest
        .split_once(':')
        .ok_or_else(|| "no ':' after the account".to_owned())?;
    if !is_account_id(account) {
        return Err(format!("{account:?} is not an account ID"));
    }
    Ok(rest)
}

/// `^arn:<partition>:organizations::\d{12}:resourcepolicy\/o-…\/rp-[0-9a-zA-Z_]{4,128}`.
pub fn resource_policy_arn_failure(text: &str) -> Option<String> {
    let rest = match organizations_arn_rest(text) {
        Ok(rest) => rest,
        Err(problem) => return Some(problem),
    };
    let Some(rest) = rest.strip_prefix("resourcepolicy/") else {
        return Some("expected 'resourcepolicy/' after the account".to_owned());
    };
    match rest.split_once('/') {
        Some((organization, policy))
            if is_organization_id(organization) && crate::ids::is_resource_policy_id(policy) =>
        {
            None
        }
        _ => Some("expected resourcepolicy/<organization ID>/<resource policy ID>".to_owned()),
    }
}

/// `^arn:<partition>:organizations::\d{12}:transfer\/o-…\/(billing)\/(inbound|outbound)\/rt-…$`.
pub fn responsibility_transfer_arn_failure(text: &str) -> Option<String> {
    let rest = match organizations_arn_rest(text) {
        Ok(rest) => rest,
        Err(problem) => return Some(problem),
    };
    let parts: Vec<&str> = rest.splitn(5, '/').collect();
    match parts.as_slice() {
        ["transfer", organization, "billing", "inbound" | "outbound", transfer]
            if is_organization_id(organization) && is_responsibility_transfer_id(transfer) =>
        {
            None
        }
        _ => Some(
            "expected transfer/<organization ID>/billing/<inbound|outbound>/<transfer ID>"
                .to_owned(),
        ),
    }
}
