//! The runtime of Strata: sources, precedence, typed conversion, provenance
//! and secrets. Use it through the `strata` crate and `#[derive(Settings)]`.
//!
//! The derive emits a static [`Schema`] and a little glue; everything else
//! (reading files and env vars, precedence, conversion, errors, the
//! explanation) happens here, once, for every settings type.
#![warn(missing_docs)]

pub mod audit;
mod build;
mod collect;
mod de;
mod display;
mod explain;
mod json;
mod loader;
mod origin;
mod plan;
mod problem;
#[cfg(feature = "miette")]
pub mod report;
pub mod rules;
pub mod schema;
mod secret;
mod settings;
mod sources;
mod suggest;
mod template;
mod validate;
mod value;

pub use build::Builder;
pub use collect::Source;
pub use display::EntryWriter;
pub use explain::{Entry, Explanation};
pub use loader::{Loaded, Loader};
pub use origin::Origin;
pub use problem::{Error, Problem, ProblemKind};
pub use rules::Invalid;
pub use schema::Schema;
pub use secret::{ExposeSecret, IsSecret, Secret, SecretSource, SecretString};
pub use settings::{KeyInfo, Settings, keys, profiles};
pub use template::env_template;
pub use validate::Check;
pub use value::Value;

/// Items used by the code that `#[derive(Settings)]` generates. Not a stable API.
#[doc(hidden)]
pub mod __private {
    pub use crate::build::FieldCheck;
    pub use crate::display::{NotShown, Shown};
    pub use crate::rules::{
        Bound, CustomRule, HasLength, Number, Ordered, Pattern, Rule, StructRule, Textual,
    };
    pub use crate::schema::{DefaultValue, Field, FieldKind, FileSpec, Lit, PlanCache, Schema};
    pub use crate::secret::{PlainKind, Probe, SecretKind, assert_secret};
    pub use crate::settings::{NestedOps, nested};
    pub use serde::de::DeserializeOwned;
    pub use std::fmt::{Debug, Display, Formatter, Result as FmtResult};
    pub use std::option::Option::{self, None, Some};
    pub use std::vec::Vec;
}
