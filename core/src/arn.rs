//! Amazon Resource Names of AWS Organizations resources.
//!
//! The model's ARN patterns hard-code the `aws` partition and leave the end unanchored; orgkit
//! accepts every Organizations ARN form in the partitions `aws`, `aws-cn` and `aws-us-gov` and
//! applies each pattern to the whole value (DESIGN rules 1 and 8). A parsed [`Arn`] knows its
//! partition, its management account (or `aws` for an AWS-managed policy), its resource kind and
//! the typed IDs it carries, and prints back exactly the text it was parsed from.
//!
//! The current edition adds two forms, `resourcepolicy/o-…/rp-…` and
//! `transfer/o-…/billing/<inbound|outbound>/rt-…`; they parse like the others (in the same three
//! partitions), and [`ResourceType::is_in`] says which edition has a form.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::ids::{
    AccountId, CharClass, Group, HandshakeId, IdGrammar, OrganizationId, OrganizationalUnitId,
    ParseError, PolicyId, RootId, Rule, ValueKind, ACCOUNT, HANDSHAKE, ORGANIZATION,
    ORGANIZATIONAL_UNIT, RESOURCE_POLICY, RESPONSIBILITY_TRANSFER, ROOT,
};
use crate::ids::{ResourcePolicyId, ResponsibilityTransferId};

/// An AWS partition that has AWS Organizations.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Partition {
    /// `aws`, the commercial regions.
    Aws,
    /// `aws-cn`, the China regions.
    AwsCn,
    /// `aws-us-gov`, AWS GovCloud (US).
    AwsUsGov,
}

impl Partition {
    /// Every partition.
    pub const ALL: &'static [Partition] = &[Partition::Aws, Partition::AwsCn, Partition::AwsUsGov];

    /// The partition as it appears in an ARN.
    pub const fn as_str(self) -> &'static str {
        match self {
            Partition::Aws => "aws",
            Partition::AwsCn => "aws-cn",
            Partition::AwsUsGov => "aws-us-gov",
        }
    }

    /// Looks a partition up by its ARN name.
    pub fn from_name(name: &str) -> Option<Partition> {
        match name {
            "aws" => Some(Partition::Aws),
            "aws-cn" => Some(Partition::AwsCn),
            "aws-us-gov" => Some(Partition::AwsUsGov),
            _ => None,
        }
    }
}

impl fmt::Display for Partition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The resource kind named after the ARN's account field.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ResourceType {
    /// `organization/o-…`
    Organization,
    /// `account/o-…/123456789012`
    Account,
    /// `root/o-…/r-…`
    Root,
    /// `ou/o-…/ou-…`
    OrganizationalUnit,
    /// `policy/o-…/<type>/p-…`, or `policy/<type>/p-…` for an AWS-managed policy
    Policy,
    /// `handshake/o-…/<type>/h-…`
    Handshake,
    /// `resourcepolicy/o-…/rp-…` (current edition)
    ResourcePolicy,
    /// `transfer/o-…/billing/<inbound|outbound>/rt-…` (current edition)
    ResponsibilityTransfer,
}

impl ResourceType {
    /// The resource type as it appears in an ARN (`"ou"` for an organizational unit).
    pub const fn as_str(self) -> &'static str {
        match self {
            ResourceType::Organization => "organization",
            ResourceType::Account => "account",
            ResourceType::Root => "root",
            ResourceType::OrganizationalUnit => "ou",
            ResourceType::Policy => "policy",
            ResourceType::Handshake => "handshake",
            ResourceType::ResourcePolicy => "resourcepolicy",
            ResourceType::ResponsibilityTransfer => "transfer",
        }
    }

    /// Whether `edition` has ARNs of this form (the original edition lacks the resource
    /// policy and responsibility transfer forms).
    pub fn is_in(self, edition: crate::Edition) -> bool {
        !matches!(
            (self, edition),
            (
                ResourceType::ResourcePolicy | ResourceType::ResponsibilityTransfer,
                crate::Edition::Original
            )
        )
    }

    fn from_name(name: &str) -> Option<ResourceType> {
        match name {
            "organization" => Some(ResourceType::Organization),
            "account" => Some(ResourceType::Account),
            "root" => Some(ResourceType::Root),
            "ou" => Some(ResourceType::OrganizationalUnit),
            "policy" => Some(ResourceType::Policy),
            "handshake" => Some(ResourceType::Handshake),
            "resourcepolicy" => Some(ResourceType::ResourcePolicy),
            "transfer" => Some(ResourceType::ResponsibilityTransfer),
            _ => None,
        }
    }
}

impl fmt::Display for ResourceType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What an ARN points at, with the IDs it carries.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ArnResource {
    /// An organization.
    Organization {
        /// The organization's management (master) account.
        management_account: AccountId,
        /// The organization.
        organization_id: OrganizationId,
    },
    /// A member account.
    Account {
        /// The organization's management (master) account.
        management_account: AccountId,
        /// The organization.
        organization_id: OrganizationId,
        /// The member account.
        account_id: AccountId,
    },
    /// An organization's root.
    Root {
        /// The organization's management (master) account.
        management_account: AccountId,
        /// The organization.
        organization_id: OrganizationId,
        /// The root.
        root_id: RootId,
    },
    /// An organizational unit.
    OrganizationalUnit {
        /// The organization's management (master) account.
        management_account: AccountId,
        /// The organization.
        organization_id: OrganizationId,
        /// The OU.
        organizational_unit_id: OrganizationalUnitId,
    },
    /// A customer-managed policy.
    Policy {
        /// The organization's management (master) account.
        management_account: AccountId,
        /// The organization.
        organization_id: OrganizationId,
        /// The policy type in lower case, e.g. `service_control_policy`.
        policy_type: Box<str>,
        /// The policy.
        policy_id: PolicyId,
    },
    /// A policy managed by AWS, such as `p-FullAWSAccess`; its account field is `aws`.
    AwsManagedPolicy {
        /// The policy type in lower case, e.g. `service_control_policy`.
        policy_type: Box<str>,
        /// The policy.
        policy_id: PolicyId,
    },
    /// A handshake.
    Handshake {
        /// The organization's management (master) account.
        management_account: AccountId,
        /// The organization.
        organization_id: OrganizationId,
        /// The handshake type in lower case, e.g. `invite`.
        handshake_type: Box<str>,
        /// The handshake.
        handshake_id: HandshakeId,
    },
    /// The organization's resource policy (current edition).
    ResourcePolicy {
        /// The organization's management account.
        management_account: AccountId,
        /// The organization.
        organization_id: OrganizationId,
        /// The resource policy.
        resource_policy_id: ResourcePolicyId,
    },
    /// A responsibility transfer (current edition).
    ResponsibilityTransfer {
        /// The organization's management account.
        management_account: AccountId,
        /// The organization.
        organization_id: OrganizationId,
        /// What is transferred: `billing` (the only type the model names).
        transfer_type: Box<str>,
        /// `inbound` or `outbound`.
        direction: Box<str>,
        /// The transfer.
        transfer_id: ResponsibilityTransferId,
    },
}

/// A parsed Organizations ARN.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Arn {
    partition: Partition,
    resource: ArnResource,
}

// Segments of ARN resources that are not standalone IDs.
const POLICY_TYPE: IdGrammar = IdGrammar {
    prefix: "",
    groups: &[Group {
        part: "the policy type",
        min: 1,
        max: usize::MAX,
        class: CharClass::LOWER_ALNUM_UNDERSCORE,
    }],
};
const HANDSHAKE_TYPE: IdGrammar = IdGrammar {
    prefix: "",
    groups: &[Group {
        part: "the handshake type",
        min: 1,
        max: 32,
        class: CharClass::LOWER_UNDERSCORE,
    }],
};
/// A transfer ARN's type and direction segments: lower-case words, of which the model allows
/// `billing`, and `inbound` or `outbound` (checked after the grammar).
const TRANSFER_TYPE: IdGrammar = IdGrammar {
    prefix: "",
    groups: &[Group {
        part: "the transfer type",
        min: 1,
        max: 32,
        class: CharClass::LOWER_UNDERSCORE,
    }],
};
const TRANSFER_DIRECTION: IdGrammar = IdGrammar {
    prefix: "",
    groups: &[Group {
        part: "the transfer direction",
        min: 1,
        max: 32,
        class: CharClass::LOWER_UNDERSCORE,
    }],
};

/// The literal segments of a transfer ARN: its type and direction must be these words.
fn transfer_words_fault(parts: &[&str; 4]) -> Option<(usize, &'static str)> {
    if parts[1] != "billing" {
        Some((1, "the transfer type must be 'billing'"))
    } else if parts[2] != "inbound" && parts[2] != "outbound" {
        Some((2, "the transfer direction must be 'inbound' or 'outbound'"))
    } else {
        None
    }
}

/// A customer policy's ID inside its ARN: stricter than `PolicyId` (lower case, 10–32).
const CUSTOMER_POLICY_IN_ARN: IdGrammar = IdGrammar {
    prefix: "p-",
    groups: &[Group {
        part: "the part after 'p-'",
        min: 10,
        max: 32,
        class: CharClass::LOWER_ALNUM,
    }],
};
/// An AWS-managed policy's ID inside its ARN (10–128, mixed case and `_`).
const AWS_MANAGED_POLICY_IN_ARN: IdGrammar = IdGrammar {
    prefix: "p-",
    groups: &[Group {
        part: "the part after 'p-'",
        min: 10,
        max: 128,
        class: CharClass::WORD,
    }],
};

/// The borrowed pieces of a well-formed ARN.
struct Pieces<'a> {
    partition: Partition,
    /// `None` for the account field `aws`.
    management_account: Option<&'a str>,
    resource_type: ResourceType,
    /// The `/`-separated parts after the resource type.
    parts: [&'a str; 4],
}

/// What each resource type carries after `type/`, in order.
fn layout(resource_type: ResourceType, aws_managed: bool) -> &'static [&'static IdGrammar] {
    match (resource_type, aws_managed) {
        (ResourceType::Organization, false) => &[&ORGANIZATION],
        (ResourceType::Account, false) => &[&ORGANIZATION, &ACCOUNT],
        (ResourceType::Root, false) => &[&ORGANIZATION, &ROOT],
        (ResourceType::OrganizationalUnit, false) => &[&ORGANIZATION, &ORGANIZATIONAL_UNIT],
        (ResourceType::Policy, false) => &[&ORGANIZATION, &POLICY_TYPE, &CUSTOMER_POLICY_IN_ARN],
        (ResourceType::Policy, true) => &[&POLICY_TYPE, &AWS_MANAGED_POLICY_IN_ARN],
        (ResourceType::Handshake, false) => &[&ORGANIZATION, &HANDSHAKE_TYPE, &HANDSHAKE],
        (ResourceType::ResourcePolicy, false) => &[&ORGANIZATION, &RESOURCE_POLICY],
        (ResourceType::ResponsibilityTransfer, false) => &[
            &ORGANIZATION,
            &TRANSFER_TYPE,
            &TRANSFER_DIRECTION,
            &RESPONSIBILITY_TRANSFER,
        ],
        (_, true) => &[],
    }
}

fn malformed(position: usize, detail: &'static str) -> Rule {
    Rule::Malformed { position, detail }
}

/// Splits `text` around the first `separator` byte (an ASCII byte, so both halves are `str`s).
#[inline]
fn split_at_byte(text: &str, separator: u8) -> Option<(&str, &str)> {
    let at = text.bytes().position(|b| b == separator)?;
    Some((&text[..at], &text[at + 1..]))
}

/// Splits `rest` at the first `:`; `offset` is where `rest` starts in the ARN.
fn field<'a>(
    rest: &'a str,
    offset: usize,
    missing: &'static str,
) -> Result<(&'a str, &'a str), Rule> {
    split_at_byte(rest, b':').ok_or_else(|| malformed(offset + rest.len(), missing))
}

/// The fast path of [`scan`]: one pass over the bytes, no diagnosis. `None` means "not an
/// ARN"; [`scan_diagnosing`] then finds out why.
#[inline]
fn scan_fast(s: &str) -> Option<Pieces<'_>> {
    let bytes = s.as_bytes();
    let rest = bytes.strip_prefix(b"arn:")?;
    let (partition, rest) = Partition::ALL.iter().find_map(|partition| {
        let rest = rest.strip_prefix(partition.as_str().as_bytes())?;
        Some((*partition, rest.strip_prefix(b":organizations::")?))
    })?;
    let (management_account, rest) = match rest.strip_prefix(b"aws:") {
        Some(rest) => (None, rest),
        None => {
            let digits = ACCOUNT.match_prefix(rest)?;
            let start = bytes.len() - rest.len();
            (
                Some(&s[start..start + digits]),
                rest[digits..].strip_prefix(b":")?,
            )
        }
    };
    let slash = rest.iter().take(15).position(|&b| b == b'/')?;
    let resource_type = match &rest[..slash] {
        b"organization" => ResourceType::Organization,
        b"account" => ResourceType::Account,
        b"root" => ResourceType::Root,
        b"ou" => ResourceType::OrganizationalUnit,
        b"policy" => ResourceType::Policy,
        b"handshake" => ResourceType::Handshake,
        b"resourcepolicy" => ResourceType::ResourcePolicy,
        b"transfer" => ResourceType::ResponsibilityTransfer,
        _ => return None,
    };
    if management_account.is_none() && resource_type != ResourceType::Policy {
        return None;
    }
    let mut rest = &rest[slash + 1..];
    let grammars = layout(resource_type, management_account.is_none());
    let mut parts = [""; 4];
    for (index, grammar) in grammars.iter().enumerate() {
        let length = grammar.match_prefix(rest)?;
        let start = bytes.len() - rest.len();
        parts[index] = &s[start..start + length];
        rest = &rest[length..];
        if index + 1 < grammars.len() {
            rest = rest.strip_prefix(b"/")?;
        }
    }
    if resource_type == ResourceType::ResponsibilityTransfer
        && transfer_words_fault(&parts).is_some()
    {
        return None;
    }
    rest.is_empty().then_some(Pieces {
        partition,
        management_account,
        resource_type,
        parts,
    })
}

/// Parses the structure of an ARN: the fast path, and the diagnosing one when it fails.
fn scan(s: &str) -> Result<Pieces<'_>, Rule> {
    match scan_fast(s) {
        Some(pieces) => Ok(pieces),
        // The two paths agree on every input (tested); a disagreement still reports an error.
        None => Err(scan_diagnosing(s).err().unwrap_or(Rule::Malformed {
            position: 0,
            detail: "the value does not match any ARN form",
        })),
    }
}

/// Parses the structure of an ARN without allocating. Byte offsets equal character positions
/// here because everything before a failing field has been checked to be ASCII.
fn scan_diagnosing(s: &str) -> Result<Pieces<'_>, Rule> {
    if s.is_empty() {
        return Err(Rule::Empty);
    }
    let Some(rest) = s.strip_prefix("arn:") else {
        return Err(Rule::WrongPrefix {
            position: 0,
            expected: "'arn:'",
        });
    };
    let mut offset = 4;
    let (partition, rest) = field(rest, offset, "missing ':' after the partition")?;
    let partition = Partition::from_name(partition)
        .ok_or_else(|| malformed(offset, "the partition must be aws, aws-cn or aws-us-gov"))?;
    offset += partition.as_str().len() + 1;
    let (service, rest) = field(rest, offset, "missing ':' after the service")?;
    if service != "organizations" {
        return Err(malformed(offset, "the service must be 'organizations'"));
    }
    offset += service.len() + 1;
    let (region, rest) = field(rest, offset, "missing ':' after the region")?;
    if !region.is_empty() {
        return Err(malformed(offset, "the region must be empty"));
    }
    offset += 1;
    let (account, rest) = field(rest, offset, "missing ':' after the account")?;
    let management_account = if account == "aws" {
        None
    } else {
        ACCOUNT
            .check(account)
            .map_err(|rule| rule.shifted(offset))?;
        Some(account)
    };
    offset += account.len() + 1;
    let Some((kind, mut rest)) = split_at_byte(rest, b'/') else {
        return Err(malformed(offset, "expected a resource type and '/'"));
    };
    let resource_type = ResourceType::from_name(kind).ok_or_else(|| {
        malformed(
            offset,
            "the resource type must be organization, account, root, ou, policy, handshake, resourcepolicy or transfer",
        )
    })?;
    if management_account.is_none() && resource_type != ResourceType::Policy {
        return Err(malformed(
            offset - 4,
            "only an AWS-managed policy has 'aws' as its account",
        ));
    }
    offset += kind.len() + 1;
    let grammars = layout(resource_type, management_account.is_none());
    let mut parts = [""; 4];
    let mut starts = [0usize; 4];
    for (index, grammar) in grammars.iter().enumerate() {
        let last = index + 1 == grammars.len();
        let part = if last {
            rest
        } else {
            let (part, tail) = split_at_byte(rest, b'/')
                .ok_or_else(|| malformed(offset + rest.len(), "missing '/' and the next part"))?;
            rest = tail;
            part
        };
        grammar.check(part).map_err(|rule| match rule {
            // An empty part is a part that is too short, at a known place.
            Rule::Empty => Rule::TooShort {
                part: grammar.groups[0].part,
                min: grammar.groups[0].min,
                actual: 0,
            },
            other => other.shifted(offset),
        })?;
        parts[index] = part;
        starts[index] = offset;
        offset += part.len() + 1;
    }
    if resource_type == ResourceType::ResponsibilityTransfer {
        if let Some((index, detail)) = transfer_words_fault(&parts) {
            return Err(malformed(starts[index], detail));
        }
    }
    Ok(Pieces {
        partition,
        management_account,
        resource_type,
        parts,
    })
}

/// Whether `s` is a well-formed Organizations ARN (any form of the current edition, any of the
/// three partitions; [`crate::ValueKind::is_valid_in`] keeps to one edition's forms).
pub fn is_arn(s: &str) -> bool {
    scan_fast(s).is_some()
}

/// The resource type of a well-formed ARN, or the first rule it breaks (no allocation).
pub(crate) fn resource_type_of(s: &str) -> Result<ResourceType, Rule> {
    scan(s).map(|pieces| pieces.resource_type)
}

/// Explains why `s` is not an ARN (`None` when it is one).
pub(crate) fn diagnose(s: &str) -> Option<Rule> {
    scan(s).err()
}

impl Arn {
    /// Parses any Organizations ARN; the error names the first rule that failed and where.
    pub fn parse(s: &str) -> Result<Arn, ParseError> {
        let pieces = scan(s).map_err(|rule| ParseError::new(ValueKind::Arn, s, vec![rule]))?;
        Ok(Arn::from_pieces(&pieces))
    }

    /// Like [`Arn::parse`], refusing the forms `edition` does not have
    /// ([`ResourceType::is_in`]): the original edition has no resource policy or
    /// responsibility transfer ARNs.
    pub fn parse_in(edition: crate::Edition, s: &str) -> Result<Arn, ParseError> {
        ValueKind::Arn.check_in(edition, s)?;
        Arn::parse(s)
    }

    fn from_pieces(p: &Pieces<'_>) -> Arn {
        // Every piece has been checked by `scan`, so the typed wrappers skip a second check.
        let [first, second, third, fourth] = p.parts;
        let resource = match p.management_account {
            None => ArnResource::AwsManagedPolicy {
                policy_type: first.into(),
                policy_id: PolicyId::new_unchecked(second),
            },
            Some(account) => {
                let management_account = AccountId::new_unchecked(account);
                let organization_id = OrganizationId::new_unchecked(first);
                match p.resource_type {
                    ResourceType::Organization => ArnResource::Organization {
                        management_account,
                        organization_id,
                    },
                    ResourceType::Account => ArnResource::Account {
                        management_account,
                        organization_id,
                        account_id: AccountId::new_unchecked(second),
                    },
                    ResourceType::Root => ArnResource::Root {
                        management_account,
                        organization_id,
                        root_id: RootId::new_unchecked(second),
                    },
                    ResourceType::OrganizationalUnit => ArnResource::OrganizationalUnit {
                        management_account,
                        organization_id,
                        organizational_unit_id: OrganizationalUnitId::new_unchecked(second),
                    },
                    ResourceType::Policy => ArnResource::Policy {
                        management_account,
                        organization_id,
                        policy_type: second.into(),
                        policy_id: PolicyId::new_unchecked(third),
                    },
                    ResourceType::Handshake => ArnResource::Handshake {
                        management_account,
                        organization_id,
                        handshake_type: second.into(),
                        handshake_id: HandshakeId::new_unchecked(third),
                    },
                    ResourceType::ResourcePolicy => ArnResource::ResourcePolicy {
                        management_account,
                        organization_id,
                        resource_policy_id: ResourcePolicyId::new_unchecked(second),
                    },
                    ResourceType::ResponsibilityTransfer => ArnResource::ResponsibilityTransfer {
                        management_account,
                        organization_id,
                        transfer_type: second.into(),
                        direction: third.into(),
                        transfer_id: ResponsibilityTransferId::new_unchecked(fourth),
                    },
                }
            }
        };
        Arn {
            partition: p.partition,
            resource,
        }
    }

    /// Builds an ARN from parts, checking the parts the typed IDs do not already guarantee.
    fn build(partition: Partition, resource: ArnResource) -> Result<Arn, ParseError> {
        let arn = Arn {
            partition,
            resource,
        };
        // Policy and handshake types, and a policy ID inside an ARN, have rules of their own.
        match &arn.resource {
            ArnResource::Policy { .. }
            | ArnResource::AwsManagedPolicy { .. }
            | ArnResource::Handshake { .. }
            | ArnResource::ResponsibilityTransfer { .. } => {
                let text = arn.to_string();
                scan(&text).map_err(|rule| ParseError::new(ValueKind::Arn, &text, vec![rule]))?;
                Ok(arn)
            }
            _ => Ok(arn),
        }
    }

    /// `arn:<partition>:organizations::<management account>:organization/<organization>`
    pub fn organization(
        partition: Partition,
        management_account: AccountId,
        organization_id: OrganizationId,
    ) -> Arn {
        Arn {
            partition,
            resource: ArnResource::Organization {
                management_account,
                organization_id,
            },
        }
    }

    /// `arn:<partition>:organizations::<management account>:account/<organization>/<account>`
    pub fn account(
        partition: Partition,
        management_account: AccountId,
        organization_id: OrganizationId,
        account_id: AccountId,
    ) -> Arn {
        Arn {
            partition,
            resource: ArnResource::Account {
                management_account,
                organization_id,
                account_id,
            },
        }
    }

    /// `arn:<partition>:organizations::<management account>:root/<organization>/<root>`
    pub fn root(
        partition: Partition,
        management_account: AccountId,
        organization_id: OrganizationId,
        root_id: RootId,
    ) -> Arn {
        Arn {
            partition,
            resource: ArnResource::Root {
                management_account,
                organization_id,
                root_id,
            },
        }
    }

    /// `arn:<partition>:organizations::<management account>:ou/<organization>/<ou>`
    pub fn organizational_unit(
        partition: Partition,
        management_account: AccountId,
        organization_id: OrganizationId,
        organizational_unit_id: OrganizationalUnitId,
    ) -> Arn {
        Arn {
            partition,
            resource: ArnResource::OrganizationalUnit {
                management_account,
                organization_id,
                organizational_unit_id,
            },
        }
    }

    /// `arn:<partition>:organizations::<management account>:policy/<organization>/<type>/<policy>`.
    /// Fails when the type is not lower case, or the policy ID does not fit the customer ARN
    /// form (`p-` and 10–32 lower-case letters or digits).
    pub fn policy(
        partition: Partition,
        management_account: AccountId,
        organization_id: OrganizationId,
        policy_type: &str,
        policy_id: PolicyId,
    ) -> Result<Arn, ParseError> {
        Arn::build(
            partition,
            ArnResource::Policy {
                management_account,
                organization_id,
                policy_type: policy_type.into(),
                policy_id,
            },
        )
    }

    /// `arn:<partition>:organizations::aws:policy/<type>/<policy>` for a policy AWS manages.
    pub fn aws_managed_policy(
        partition: Partition,
        policy_type: &str,
        policy_id: PolicyId,
    ) -> Result<Arn, ParseError> {
        Arn::build(
            partition,
            ArnResource::AwsManagedPolicy {
                policy_type: policy_type.into(),
                policy_id,
            },
        )
    }

    /// `arn:<partition>:organizations::<management account>:handshake/<organization>/<type>/<handshake>`
    pub fn handshake(
        partition: Partition,
        management_account: AccountId,
        organization_id: OrganizationId,
        handshake_type: &str,
        handshake_id: HandshakeId,
    ) -> Result<Arn, ParseError> {
        Arn::build(
            partition,
            ArnResource::Handshake {
                management_account,
                organization_id,
                handshake_type: handshake_type.into(),
                handshake_id,
            },
        )
    }

    /// `arn:<partition>:organizations::<management account>:resourcepolicy/<organization>/<resource policy>`
    /// (current edition).
    pub fn resource_policy(
        partition: Partition,
        management_account: AccountId,
        organization_id: OrganizationId,
        resource_policy_id: ResourcePolicyId,
    ) -> Arn {
        Arn {
            partition,
            resource: ArnResource::ResourcePolicy {
                management_account,
                organization_id,
                resource_policy_id,
            },
        }
    }

    /// `arn:<partition>:organizations::<management account>:transfer/<organization>/billing/<direction>/<transfer>`
    /// (current edition); `direction` is `inbound` or `outbound`.
    pub fn responsibility_transfer(
        partition: Partition,
        management_account: AccountId,
        organization_id: OrganizationId,
        direction: &str,
        transfer_id: ResponsibilityTransferId,
    ) -> Result<Arn, ParseError> {
        Arn::build(
            partition,
            ArnResource::ResponsibilityTransfer {
                management_account,
                organization_id,
                transfer_type: "billing".into(),
                direction: direction.into(),
                transfer_id,
            },
        )
    }

    /// The partition.
    pub fn partition(&self) -> Partition {
        self.partition
    }

    /// The resource and its IDs.
    pub fn resource(&self) -> &ArnResource {
        &self.resource
    }

    /// The resource kind.
    pub fn resource_type(&self) -> ResourceType {
        match self.resource {
            ArnResource::Organization { .. } => ResourceType::Organization,
            ArnResource::Account { .. } => ResourceType::Account,
            ArnResource::Root { .. } => ResourceType::Root,
            ArnResource::OrganizationalUnit { .. } => ResourceType::OrganizationalUnit,
            ArnResource::Policy { .. } | ArnResource::AwsManagedPolicy { .. } => {
                ResourceType::Policy
            }
            ArnResource::Handshake { .. } => ResourceType::Handshake,
            ArnResource::ResourcePolicy { .. } => ResourceType::ResourcePolicy,
            ArnResource::ResponsibilityTransfer { .. } => ResourceType::ResponsibilityTransfer,
        }
    }

    /// The management account in the ARN's account field; `None` for an AWS-managed policy.
    pub fn management_account(&self) -> Option<&AccountId> {
        match &self.resource {
            ArnResource::Organization {
                management_account, ..
            }
            | ArnResource::Account {
                management_account, ..
            }
            | ArnResource::Root {
                management_account, ..
            }
            | ArnResource::OrganizationalUnit {
                management_account, ..
            }
            | ArnResource::Policy {
                management_account, ..
            }
            | ArnResource::Handshake {
                management_account, ..
            }
            | ArnResource::ResourcePolicy {
                management_account, ..
            }
            | ArnResource::ResponsibilityTransfer {
                management_account, ..
            } => Some(management_account),
            ArnResource::AwsManagedPolicy { .. } => None,
        }
    }

    /// The account field as written: the management account's ID, or `aws`.
    pub fn account_field(&self) -> &str {
        self.management_account().map_or("aws", AccountId::as_str)
    }

    /// Whether this is an AWS-managed policy.
    pub fn is_aws_managed(&self) -> bool {
        matches!(self.resource, ArnResource::AwsManagedPolicy { .. })
    }

    /// The organization, except for an AWS-managed policy.
    pub fn organization_id(&self) -> Option<&OrganizationId> {
        match &self.resource {
            ArnResource::Organization {
                organization_id, ..
            }
            | ArnResource::Account {
                organization_id, ..
            }
            | ArnResource::Root {
                organization_id, ..
            }
            | ArnResource::OrganizationalUnit {
                organization_id, ..
            }
            | ArnResource::Policy {
                organization_id, ..
            }
            | ArnResource::Handshake {
                organization_id, ..
            }
            | ArnResource::ResourcePolicy {
                organization_id, ..
            }
            | ArnResource::ResponsibilityTransfer {
                organization_id, ..
            } => Some(organization_id),
            ArnResource::AwsManagedPolicy { .. } => None,
        }
    }

    /// The member account of an account ARN.
    pub fn account_id(&self) -> Option<&AccountId> {
        match &self.resource {
            ArnResource::Account { account_id, .. } => Some(account_id),
            _ => None,
        }
    }

    /// The root of a root ARN.
    pub fn root_id(&self) -> Option<&RootId> {
        match &self.resource {
            ArnResource::Root { root_id, .. } => Some(root_id),
            _ => None,
        }
    }

    /// The OU of an OU ARN.
    pub fn organizational_unit_id(&self) -> Option<&OrganizationalUnitId> {
        match &self.resource {
            ArnResource::OrganizationalUnit {
                organizational_unit_id,
                ..
            } => Some(organizational_unit_id),
            _ => None,
        }
    }

    /// The policy of a policy ARN.
    pub fn policy_id(&self) -> Option<&PolicyId> {
        match &self.resource {
            ArnResource::Policy { policy_id, .. }
            | ArnResource::AwsManagedPolicy { policy_id, .. } => Some(policy_id),
            _ => None,
        }
    }

    /// The policy type segment of a policy ARN, e.g. `service_control_policy`.
    pub fn policy_type(&self) -> Option<&str> {
        match &self.resource {
            ArnResource::Policy { policy_type, .. }
            | ArnResource::AwsManagedPolicy { policy_type, .. } => Some(policy_type),
            _ => None,
        }
    }

    /// The handshake of a handshake ARN.
    pub fn handshake_id(&self) -> Option<&HandshakeId> {
        match &self.resource {
            ArnResource::Handshake { handshake_id, .. } => Some(handshake_id),
            _ => None,
        }
    }

    /// The handshake type segment of a handshake ARN, e.g. `invite`.
    pub fn handshake_type(&self) -> Option<&str> {
        match &self.resource {
            ArnResource::Handshake { handshake_type, .. } => Some(handshake_type),
            _ => None,
        }
    }

    /// The resource policy of a resource policy ARN.
    pub fn resource_policy_id(&self) -> Option<&ResourcePolicyId> {
        match &self.resource {
            ArnResource::ResourcePolicy {
                resource_policy_id, ..
            } => Some(resource_policy_id),
            _ => None,
        }
    }

    /// The transfer of a responsibility transfer ARN.
    pub fn responsibility_transfer_id(&self) -> Option<&ResponsibilityTransferId> {
        match &self.resource {
            ArnResource::ResponsibilityTransfer { transfer_id, .. } => Some(transfer_id),
            _ => None,
        }
    }

    /// The type segment of a responsibility transfer ARN (`billing`).
    pub fn transfer_type(&self) -> Option<&str> {
        match &self.resource {
            ArnResource::ResponsibilityTransfer { transfer_type, .. } => Some(transfer_type),
            _ => None,
        }
    }

    /// The direction segment of a responsibility transfer ARN (`inbound` or `outbound`).
    pub fn transfer_direction(&self) -> Option<&str> {
        match &self.resource {
            ArnResource::ResponsibilityTransfer { direction, .. } => Some(direction),
            _ => None,
        }
    }
}

impl fmt::Display for Arn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "arn:{}:organizations::{}:{}/",
            self.partition,
            self.account_field(),
            self.resource_type()
        )?;
        match &self.resource {
            ArnResource::Organization {
                organization_id, ..
            } => write!(f, "{organization_id}"),
            ArnResource::Account {
                organization_id,
                account_id,
                ..
            } => write!(f, "{organization_id}/{account_id}"),
            ArnResource::Root {
                organization_id,
                root_id,
                ..
            } => write!(f, "{organization_id}/{root_id}"),
            ArnResource::OrganizationalUnit {
                organization_id,
                organizational_unit_id,
                ..
            } => write!(f, "{organization_id}/{organizational_unit_id}"),
            ArnResource::Policy {
                organization_id,
                policy_type,
                policy_id,
                ..
            } => write!(f, "{organization_id}/{policy_type}/{policy_id}"),
            ArnResource::AwsManagedPolicy {
                policy_type,
                policy_id,
            } => write!(f, "{policy_type}/{policy_id}"),
            ArnResource::Handshake {
                organization_id,
                handshake_type,
                handshake_id,
                ..
            } => write!(f, "{organization_id}/{handshake_type}/{handshake_id}"),
            ArnResource::ResourcePolicy {
                organization_id,
                resource_policy_id,
                ..
            } => write!(f, "{organization_id}/{resource_policy_id}"),
            ArnResource::ResponsibilityTransfer {
                organization_id,
                transfer_type,
                direction,
                transfer_id,
                ..
            } => write!(
                f,
                "{organization_id}/{transfer_type}/{direction}/{transfer_id}"
            ),
        }
    }
}

impl FromStr for Arn {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Arn, ParseError> {
        Arn::parse(s)
    }
}

impl Serialize for Arn {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Arn {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Arn, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Arn::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FULL_AWS_ACCESS: &str =
        "arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess";

    #[test]
    fn aws_managed_policy_round_trips() {
        let arn = Arn::parse(FULL_AWS_ACCESS).unwrap();
        assert!(arn.is_aws_managed());
        assert_eq!(arn.account_field(), "aws");
        assert_eq!(arn.policy_id().unwrap().as_str(), "p-FullAWSAccess");
        assert_eq!(arn.to_string(), FULL_AWS_ACCESS);
    }

    #[test]
    fn builder_matches_parser() {
        let arn = Arn::organizational_unit(
            Partition::AwsUsGov,
            "111111111111".parse().unwrap(),
            "o-exampleorgid".parse().unwrap(),
            "ou-abcd-12345678".parse().unwrap(),
        );
        let text = arn.to_string();
        assert_eq!(
            text,
            "arn:aws-us-gov:organizations::111111111111:ou/o-exampleorgid/ou-abcd-12345678"
        );
        assert_eq!(Arn::parse(&text).unwrap(), arn);
    }

    #[test]
    fn policy_builder_rejects_ids_the_arn_form_cannot_hold() {
        let short = PolicyId::parse("p-abcdefgh").unwrap();
        let err = Arn::policy(
            Partition::Aws,
            "111111111111".parse().unwrap(),
            "o-exampleorgid".parse().unwrap(),
            "service_control_policy",
            short,
        )
        .unwrap_err();
        assert_eq!(err.rules()[0].name(), "too_short");
    }

    /// The fast and the diagnosing scanners must accept exactly the same texts.
    #[test]
    fn fast_and_diagnosing_scans_agree() {
        let vectors: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/vectors/arns.json")).unwrap();
        for case in vectors["cases"].as_array().unwrap() {
            let text = case["value"].as_str().unwrap();
            assert_eq!(
                scan_fast(text).is_some(),
                scan_diagnosing(text).is_ok(),
                "{text}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn fast_and_diagnosing_scans_agree_on_random_arns(
            text in "arn:(aws|aws-cn|aws-us-gov|aws-x):organizations:(|x):([0-9]{11,13}|aws):(organization|account|root|ou|policy|handshake|resourcepolicy|transfer)/(o-[a-z0-9]{9,12}/)?((billing|[a-z_]{0,8})/)?((inbound|outbound|x)/)?(r-|ou-|p-|h-|rp-|rt-|)[a-zA-Z0-9_\\-/]{0,24}",
        ) {
            proptest::prop_assert_eq!(scan_fast(&text).is_some(), scan_diagnosing(&text).is_ok());
        }
    }

    #[test]
    fn errors_point_into_the_arn() {
        let err = Arn::parse("arn:aws:organizations::111111111111:root/o-exampleorgid/r-AB12")
            .unwrap_err();
        assert_eq!(err.rules()[0].position(), Some(58));
    }
}
