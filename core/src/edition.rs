//! Which edition of the service models a call follows.
//!
//! AWS has grown these APIs since they were released: Organizations went from 39 operations
//! (2017-02-27) to 63, Account from the three alternate-contact operations (2021-09-30) to 16,
//! and constraints changed on the way (the Email pattern, PolicyContent's maximum, the policy
//! types). orgkit carries both as generated tables, side by side:
//!
//! - [`Edition::Original`] — the APIs as first released: `organizations-2016-11-28.2017-02.json`,
//!   `account-2021-02-01.2021-09.json`, `chime-2018-05-01.accounts-subset.2021-07.json`;
//! - [`Edition::Current`] — the APIs as botocore describes them today (botocore snapshot of
//!   2026-08-07): the `*.latest.json` models. Chime's four account operations are the same
//!   model in both editions.
//!
//! Every validation entry point takes an edition; [`Edition::default`] is the current one
//! (what AWS accepts today). The emulator serves the original edition
//! ([`crate::emulator::EMULATED_EDITION`]).

use std::fmt;

use crate::model::Service;

/// An edition of the three service models.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Edition {
    /// The APIs as first released: Organizations 2017-02-27 (39 operations), Account
    /// alternate contacts 2021-09-30 (3), Chime accounts 2021-07-16 (4).
    Original,
    /// The APIs as AWS serves them today (botocore's models of 2026-08): Organizations 63
    /// operations, Account 16, Chime's 4 account operations unchanged.
    #[default]
    Current,
}

impl Edition {
    /// Both editions, oldest first.
    pub const ALL: &'static [Edition] = &[Edition::Original, Edition::Current];

    /// The name bindings use: `"original"` or `"current"`.
    pub const fn name(self) -> &'static str {
        match self {
            Edition::Original => "original",
            Edition::Current => "current",
        }
    }

    /// A sentence naming the edition and its dates, for messages ("the original edition
    /// (Organizations 2017-02-27, Account 2021-09-30, Chime 2021-07-16)").
    pub const fn description(self) -> &'static str {
        match self {
            Edition::Original => {
                "the original edition (Organizations 2017-02-27, Account 2021-09-30, Chime 2021-07-16)"
            }
            Edition::Current => {
                "the current edition (botocore models of 2026-08: Organizations 63 operations, Account 16, Chime 4)"
            }
        }
    }

    /// Looks an edition up by [`Edition::name`].
    pub fn from_name(name: &str) -> Option<Edition> {
        Self::ALL.iter().copied().find(|e| e.name() == name)
    }

    /// Like [`Edition::from_name`], with an error that lists the valid names.
    pub fn parse_name(name: &str) -> Result<Edition, crate::error::UnknownName> {
        Self::from_name(name).ok_or_else(|| crate::error::UnknownName {
            what: "edition",
            name: name.to_owned(),
            known: Self::ALL.iter().map(|e| e.name()).collect(),
            note: None,
        })
    }

    /// The three services of this edition.
    pub fn services(self) -> [&'static Service; 3] {
        use crate::generated::{current, original};
        match self {
            Edition::Original => [
                &original::organizations::SERVICE,
                &original::account::SERVICE,
                &original::chime::SERVICE,
            ],
            Edition::Current => [
                &current::organizations::SERVICE,
                &current::account::SERVICE,
                &current::chime::SERVICE,
            ],
        }
    }

    /// Looks a service of this edition up by its client name (`organizations`, `account`,
    /// `chime`).
    pub fn service(self, name: &str) -> Option<&'static Service> {
        self.services()
            .into_iter()
            .find(|service| service.name == name)
    }

    /// The value kinds of [`crate::ids`] this edition has: the original edition lacks the
    /// kinds its models do not know (tag keys, resource policy IDs, …).
    pub fn value_kinds(self) -> &'static [crate::ids::ValueKind] {
        match self {
            Edition::Original => crate::ids::ValueKind::ORIGINAL,
            Edition::Current => crate::ids::ValueKind::ALL,
        }
    }
}

impl fmt::Display for Edition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Edition {
    type Err = crate::error::UnknownName;

    fn from_str(s: &str) -> Result<Edition, Self::Err> {
        Edition::parse_name(s)
    }
}
