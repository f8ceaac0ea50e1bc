//! What the emulated partition holds, as plain records that serialize to the snapshot format.
//!
//! Every map is ordered by ID, which is also the order List operations return and the sort key
//! the page tokens carry, so pages stay stable while items are added between requests.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize, Serializer};

use crate::generated::original::organizations::Handshake;

/// The ID of the AWS-managed policy every SCP-enabled root starts with.
pub const FULL_AWS_ACCESS_ID: &str = "p-FullAWSAccess";
/// Its name.
pub const FULL_AWS_ACCESS_NAME: &str = "FullAWSAccess";
/// Its description.
pub const FULL_AWS_ACCESS_DESCRIPTION: &str = "Allows access to every operation";
/// Its content.
pub const FULL_AWS_ACCESS_CONTENT: &str =
    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#;
/// The one policy type of the 2017 model.
pub const SERVICE_CONTROL_POLICY: &str = "SERVICE_CONTROL_POLICY";
/// How many policies of one type a target may carry.
pub const MAX_POLICIES_PER_TARGET: usize = 5;
/// How deep OUs nest below the root.
pub const MAX_OU_DEPTH: usize = 5;

/// Limits a test can lower to reach the ConstraintViolation reasons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quotas {
    /// Accounts in one organization, the management account included
    /// (ACCOUNT_NUMBER_LIMIT_EXCEEDED).
    pub max_accounts: usize,
    /// OUs in one organization (OU_NUMBER_LIMIT_EXCEEDED).
    pub max_organizational_units: usize,
    /// Customer policies in one organization (POLICY_NUMBER_LIMIT_EXCEEDED).
    pub max_policies: usize,
}

impl Default for Quotas {
    /// Large enough for the benchmark scenario; AWS's own defaults are lower and negotiable
    /// ([`Quotas::aws_defaults`]).
    fn default() -> Quotas {
        Quotas {
            max_accounts: 10_000,
            max_organizational_units: 1_000,
            max_policies: 1_000,
        }
    }
}

impl Quotas {
    /// The defaults AWS documents for a new organization ("Quotas for AWS Organizations"):
    /// 10 accounts (open invitations count), 2,000 OUs, 10,000 service control policies.
    pub const fn aws_defaults() -> Quotas {
        Quotas {
            max_accounts: 10,
            max_organizational_units: 2_000,
            max_policies: 10_000,
        }
    }
}

/// An account of the partition, standalone or in an organization.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountRecord {
    pub email: String,
    pub name: String,
    pub membership: Option<Membership>,
    /// An account CreateAccount made lacks what a standalone account needs (a payment
    /// method, a verified phone, an accepted agreement) until
    /// `Emulator::prepare_standalone`; until then it can neither leave nor be removed
    /// (ConstraintViolationException ACCOUNT_CANNOT_LEAVE_ORGANIZATION).
    #[serde(default, skip_serializing_if = "is_false")]
    pub needs_standalone_setup: bool,
}

fn is_false(flag: &bool) -> bool {
    !*flag
}

/// The most characters a service control policy's document may have, as AWS documents it.
pub const DEFAULT_POLICY_DOCUMENT_LIMIT: usize = 5_120;

fn default_policy_document_limit() -> usize {
    DEFAULT_POLICY_DOCUMENT_LIMIT
}

/// An account's place in its organization.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Membership {
    pub organization: String,
    pub parent: String,
    /// INVITED or CREATED.
    pub joined_method: String,
    pub joined_timestamp: f64,
}

/// An organization.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganizationRecord {
    pub master: String,
    /// ALL or CONSOLIDATED_BILLING.
    pub feature_set: String,
    pub root: String,
    /// Every member account, the management account included.
    pub members: BTreeSet<String>,
    pub organizational_units: BTreeSet<String>,
    /// Customer policies.
    pub policies: BTreeSet<String>,
    pub handshakes: BTreeSet<String>,
    pub create_account_requests: BTreeSet<String>,
    /// Policy ID → the targets it is attached to (the AWS-managed policy included).
    pub policy_targets: BTreeMap<String, BTreeSet<String>>,
    /// The open ENABLE_ALL_FEATURES handshake, while members approve.
    pub enabling_all_features: Option<String>,
    /// CreateAccount requests still IN_PROGRESS (they count against the account quota).
    pub accounts_in_progress: usize,
}

/// A container of accounts and OUs: the root or an OU.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Children {
    pub accounts: BTreeSet<String>,
    pub organizational_units: BTreeSet<String>,
}

impl Children {
    pub fn is_empty(&self) -> bool {
        self.accounts.is_empty() && self.organizational_units.is_empty()
    }
}

/// An organization's root.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RootRecord {
    pub organization: String,
    pub name: String,
    /// Enabled policy types.
    pub policy_types: BTreeSet<String>,
    pub children: Children,
}

/// An organizational unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganizationalUnitRecord {
    pub organization: String,
    pub parent: String,
    pub name: String,
    /// 1 for an OU in the root.
    pub depth: usize,
    pub children: Children,
}

/// A customer policy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyRecord {
    pub organization: String,
    pub name: String,
    pub description: String,
    pub policy_type: String,
    pub content: String,
}

/// A handshake and what the emulator needs besides its wire form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HandshakeRecord {
    pub organization: String,
    pub handshake: Handshake,
    /// Who answers: an account ID, or a lower-case email address for an invitation by email.
    pub recipient: String,
    /// For APPROVE_ALL_FEATURES: the ENABLE_ALL_FEATURES parent.
    pub parent: Option<String>,
    /// For ENABLE_ALL_FEATURES: the APPROVE_ALL_FEATURES children.
    pub children: Vec<String>,
}

/// A CreateAccount request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateAccountRecord {
    pub organization: String,
    pub email: String,
    pub account_name: String,
    /// IN_PROGRESS, SUCCEEDED or FAILED.
    pub state: String,
    pub requested_timestamp: f64,
    pub completed_timestamp: Option<f64>,
    pub account_id: Option<String>,
    pub failure_reason: Option<String>,
    /// The request's RoleName: the IAM role CreateAccount made in the new account, trusting
    /// the management account; absent (also in snapshots written before it was kept) means
    /// [`DEFAULT_ACCESS_ROLE`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_name: Option<String>,
}

/// The role CreateAccount makes when the request names none.
pub const DEFAULT_ACCESS_ROLE: &str = "OrganizationAccountAccessRole";

/// One alternate contact of an account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlternateContactRecord {
    pub email_address: String,
    pub name: String,
    pub phone_number: String,
    pub title: String,
}

/// An Amazon Chime account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChimeAccountRecord {
    pub aws_account_id: String,
    pub name: String,
    pub created_timestamp: f64,
    pub default_license: String,
    /// Active or Suspended.
    pub account_status: String,
    /// The users' email addresses (lower case), for the UserEmail filter.
    pub user_emails: BTreeSet<String>,
}

/// The whole partition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct State {
    /// The virtual clock, seconds since the epoch.
    pub clock: f64,
    /// The ID generator's state.
    pub rng: u64,
    /// The page-token key.
    pub token_secret: u64,
    pub quotas: Quotas,
    /// The most characters a policy document may have (CreatePolicy, UpdatePolicy).
    #[serde(default = "default_policy_document_limit")]
    pub policy_document_limit: usize,
    /// Looked up on every call, never listed in order: hashed (snapshots write it sorted).
    #[serde(serialize_with = "sorted")]
    pub accounts: HashMap<String, AccountRecord>,
    /// Lower-case email → account ID.
    #[serde(serialize_with = "sorted")]
    pub emails: HashMap<String, String>,
    pub organizations: BTreeMap<String, OrganizationRecord>,
    #[serde(serialize_with = "sorted")]
    pub roots: HashMap<String, RootRecord>,
    #[serde(serialize_with = "sorted")]
    pub organizational_units: HashMap<String, OrganizationalUnitRecord>,
    #[serde(serialize_with = "sorted")]
    pub policies: HashMap<String, PolicyRecord>,
    /// Target (root, OU or account) → attached policy IDs.
    #[serde(serialize_with = "sorted")]
    pub attachments: HashMap<String, BTreeSet<String>>,
    pub handshakes: BTreeMap<String, HandshakeRecord>,
    pub create_account_requests: BTreeMap<String, CreateAccountRecord>,
    /// Account ID → contact type → contact.
    pub alternate_contacts: BTreeMap<String, BTreeMap<String, AlternateContactRecord>>,
    pub chime_accounts: BTreeMap<String, ChimeAccountRecord>,
}

/// Writes a hashed map in key order, so that equal states give equal snapshots.
fn sorted<S: Serializer, V: Serialize>(
    map: &HashMap<String, V>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    map.iter().collect::<BTreeMap<_, _>>().serialize(serializer)
}

/// 2017-02-27T00:00:00Z, the day the Organizations API was released: where clocks start.
pub const CLOCK_START: f64 = 1_488_153_600.0;

impl State {
    /// An empty partition whose IDs and tokens derive from `seed`.
    pub fn new(seed: u64) -> State {
        let mut state = State {
            clock: CLOCK_START,
            rng: seed ^ 0x6f72_676b_6974_2121,
            token_secret: 0,
            quotas: Quotas::default(),
            policy_document_limit: DEFAULT_POLICY_DOCUMENT_LIMIT,
            accounts: HashMap::new(),
            emails: HashMap::new(),
            organizations: BTreeMap::new(),
            roots: HashMap::new(),
            organizational_units: HashMap::new(),
            policies: HashMap::new(),
            attachments: HashMap::new(),
            handshakes: BTreeMap::new(),
            create_account_requests: BTreeMap::new(),
            alternate_contacts: BTreeMap::new(),
            chime_accounts: BTreeMap::new(),
        };
        state.token_secret = state.next_random();
        state
    }

    /// The next number of the seeded generator (SplitMix64).
    pub fn next_random(&mut self) -> u64 {
        self.rng = self.rng.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.rng;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// `count` random characters from `alphabet` (none from an empty alphabet).
    pub fn random_text(&mut self, alphabet: &[u8], count: usize) -> String {
        let Some(size) = u64::try_from(alphabet.len()).ok().filter(|&n| n > 0) else {
            return String::new();
        };
        (0..count)
            .filter_map(|_| {
                let index = usize::try_from(self.next_random() % size).ok()?;
                alphabet.get(index).map(|&b| char::from(b))
            })
            .collect()
    }

    /// A fresh ID `prefix` + `count` lower-case letters and digits, not yet used in `taken`.
    pub fn fresh_id(
        &mut self,
        prefix: &str,
        count: usize,
        taken: impl Fn(&State, &str) -> bool,
    ) -> String {
        const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
        loop {
            let id = format!("{prefix}{}", self.random_text(ALPHABET, count));
            if !taken(self, &id) {
                return id;
            }
        }
    }

    /// A fresh 12-digit account ID.
    pub fn fresh_account_id(&mut self) -> String {
        loop {
            let id = format!("{:012}", self.next_random() % 1_000_000_000_000);
            if !self.accounts.contains_key(&id) && !id.starts_with("0000") {
                return id;
            }
        }
    }

    /// Registers an account that calls (or is invited) for the first time as a standalone
    /// account: accounts exist in the partition before they call. Its email is
    /// `account-<id>@example.com`, or, when another account already uses that address,
    /// `account-<id>-<n>@example.com` for the first free `n`.
    pub fn ensure_account(&mut self, id: &str) {
        if self.accounts.contains_key(id) {
            return;
        }
        let mut email = format!("account-{id}@example.com");
        let mut n = 2u32;
        while self.emails.contains_key(&email) {
            email = format!("account-{id}-{n}@example.com");
            n = n.saturating_add(1);
        }
        self.emails.insert(email.clone(), id.to_owned());
        self.accounts.insert(
            id.to_owned(),
            AccountRecord {
                email,
                name: format!("account-{id}"),
                membership: None,
                needs_standalone_setup: false,
            },
        );
    }

    /// Undoes [`State::ensure_account`] for an account whose first call was refused.
    pub fn forget_account(&mut self, id: &str) {
        if let Some(record) = self.accounts.remove(id) {
            let key = record.email.to_ascii_lowercase();
            if self.emails.get(&key).map(String::as_str) == Some(id) {
                self.emails.remove(&key);
            }
        }
    }

    /// The organization an account belongs to.
    pub fn organization_of(&self, account: &str) -> Option<&str> {
        self.accounts
            .get(account)?
            .membership
            .as_ref()
            .map(|m| m.organization.as_str())
    }

    /// The children of a root or OU.
    pub fn children_of(&self, parent: &str) -> Option<&Children> {
        if parent.starts_with("r-") {
            self.roots.get(parent).map(|root| &root.children)
        } else {
            self.organizational_units.get(parent).map(|ou| &ou.children)
        }
    }

    /// The children of a root or OU, to change.
    pub fn children_of_mut(&mut self, parent: &str) -> Option<&mut Children> {
        if parent.starts_with("r-") {
            self.roots.get_mut(parent).map(|root| &mut root.children)
        } else {
            self.organizational_units
                .get_mut(parent)
                .map(|ou| &mut ou.children)
        }
    }

    /// The organization a root, OU or member account belongs to.
    pub fn organization_of_target(&self, target: &str) -> Option<&str> {
        if target.starts_with("r-") {
            self.roots
                .get(target)
                .map(|root| root.organization.as_str())
        } else if target.starts_with("ou-") {
            self.organizational_units
                .get(target)
                .map(|ou| ou.organization.as_str())
        } else {
            self.organization_of(target)
        }
    }

    /// Attaches a policy to a target (no checks).
    pub fn attach(&mut self, organization: &str, policy: &str, target: &str) {
        self.attachments
            .entry(target.to_owned())
            .or_default()
            .insert(policy.to_owned());
        if let Some(org) = self.organizations.get_mut(organization) {
            org.policy_targets
                .entry(policy.to_owned())
                .or_default()
                .insert(target.to_owned());
        }
    }

    /// Detaches a policy from a target (no checks).
    pub fn detach(&mut self, organization: &str, policy: &str, target: &str) {
        if let Some(attached) = self.attachments.get_mut(target) {
            attached.remove(policy);
            if attached.is_empty() {
                self.attachments.remove(target);
            }
        }
        if let Some(org) = self.organizations.get_mut(organization) {
            if let Some(targets) = org.policy_targets.get_mut(policy) {
                targets.remove(target);
                if targets.is_empty() {
                    org.policy_targets.remove(policy);
                }
            }
        }
    }

    /// Detaches every policy from a target.
    pub fn detach_all(&mut self, organization: &str, target: &str) {
        let attached: Vec<String> = self
            .attachments
            .get(target)
            .map(|set| set.iter().cloned().collect())
            .unwrap_or_default();
        for policy in attached {
            self.detach(organization, &policy, target);
        }
    }

    /// The type of a policy visible to an organization (the AWS-managed one included).
    pub fn policy_type_of(&self, policy: &str) -> Option<&str> {
        if policy == FULL_AWS_ACCESS_ID {
            Some(SERVICE_CONTROL_POLICY)
        } else {
            self.policies.get(policy).map(|p| p.policy_type.as_str())
        }
    }

    /// How many policies of `policy_type` a target carries.
    pub fn attached_of_type(&self, target: &str, policy_type: &str) -> usize {
        self.attachments.get(target).map_or(0, |set| {
            set.iter()
                .filter(|p| self.policy_type_of(p) == Some(policy_type))
                .count()
        })
    }
}
