//! # orgkit
//!
//! The AWS account-management APIs (AWS Organizations 2016-11-28, Account, Chime accounts)
//! modelled in pure Rust, in two editions ([`Edition`]: as AWS serves them today, the default,
//! and as first released): typed IDs and ARNs with hand-written validators, one error
//! catalogue, request validation, the handshake state machine, paginators and an in-memory
//! emulator of the original edition. The Python, Node.js and WASM packages are thin layers over
//! this crate.
//!
//! ```
//! use orgkit::{AccountId, Arn, PolicyTargetId};
//!
//! assert!(orgkit::ids::is_account_id("123456789012"));
//! let target: PolicyTargetId = "ou-abcd-12345678".parse().unwrap();
//! assert!(matches!(target, PolicyTargetId::OrganizationalUnit(_)));
//!
//! let err = AccountId::parse("12345678901x").unwrap_err();
//! assert_eq!(err.codes().next().unwrap().as_str(), "INVALID_PATTERN");
//!
//! let arn = Arn::parse("arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess")
//!     .unwrap();
//! assert_eq!(arn.policy_id().unwrap().as_str(), "p-FullAWSAccess");
//! ```

pub mod arn;
pub mod edition;
#[cfg(feature = "emulator")]
pub mod emulator;
pub mod error;
pub mod generated;
pub mod handshake;
pub mod hints;
pub mod ids;
pub mod model;
pub mod page_token;
pub mod paginate;
pub mod patterns;
pub mod policy;
#[cfg(feature = "response-tables")]
pub mod response;
#[cfg(feature = "server")]
pub mod server;
pub mod validate;

pub use arn::{Arn, ArnResource, Partition, ResourceType};
pub use edition::Edition;
pub use error::{Error, ErrorCode, Issue, LookupError, UnknownName, ValidationError};
pub use ids::{
    AccountId, AccountName, ChildId, CreateAccountRequestId, Email, HandshakeId, OrganizationId,
    OrganizationalUnitId, OrganizationalUnitName, ParentId, ParseError, PolicyId, PolicyName,
    PolicyTargetId, ResourcePolicyId, ResponsibilityTransferId, RoleName, RootId, Rule,
    ServicePrincipal, TagKey, TagValue, TaggableResourceId, ValueKind,
};

/// The Rust examples of the top-level README, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeExamples;
