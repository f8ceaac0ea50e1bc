//! The native Node.js addon of orgkit: a thin napi-rs layer over the `orgkit` crate. Modules
//! mirror the core's; `orgkit.js` wraps this data API into exceptions and classes.

#![deny(clippy::all)]

pub mod arn;
pub mod edition;
pub mod emulator;
pub mod error;
pub mod handshake;
pub mod ids;
pub mod paginate;
pub mod policy;
pub mod validate;
