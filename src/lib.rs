//! Strata: typed configuration and secrets for Rust services.
#![doc = include_str!("../README.md")]

pub use strata_core::*;
pub use strata_derive::Settings;
