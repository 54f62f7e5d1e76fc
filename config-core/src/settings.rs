//! The trait `#[derive(Settings)]` implements.

use std::fmt;

use crate::build::Builder;
use crate::display::EntryWriter;
use crate::loader::Loader;
use crate::plan::Plan;
use crate::problem::Error;
use crate::schema::Schema;

/// A struct that can be loaded from layered sources. Implement it with
/// `#[derive(Settings)]`; the hidden methods are the generated glue.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a settings struct",
    label = "`#[settings(nested)]` needs a type with `#[derive(Settings)]`",
    note = "add `#[derive(Settings)]` to `{Self}`, or remove `nested` to load it as one value through serde"
)]
pub trait Settings: Sized {
    /// The static description of the struct.
    fn schema() -> &'static Schema;

    /// A loader to adjust before loading.
    fn loader() -> Loader<Self> {
        Loader::new()
    }

    /// Loads with the defaults: process environment, declared files, profile from `{PREFIX}_ENV`.
    fn load() -> Result<Self, Error> {
        Self::loader().load()
    }

    #[doc(hidden)]
    fn __build(builder: &mut Builder<'_, '_>) -> Option<Self>;

    #[doc(hidden)]
    fn __secret_flags(out: &mut Vec<bool>);

    #[doc(hidden)]
    fn __write(&self, writer: &mut EntryWriter<'_, '_>) -> fmt::Result;
}

/// The flattened schema of a root settings type, built on first use.
pub(crate) fn plan_for<T: Settings>() -> &'static Plan {
    let schema = T::schema();
    schema.cache.0.get_or_init(|| {
        let mut flags = Vec::new();
        T::__secret_flags(&mut flags);
        Plan::build(schema, &flags)
    })
}

/// Every use of a nested struct by the generated code goes through
/// [`nested`], so a `nested` field whose type is not a settings struct is
/// reported once, at the field's type.
#[doc(hidden)]
pub struct NestedOps<T> {
    /// The nested schema.
    pub schema: fn() -> &'static Schema,
    /// Builds the nested struct at a key.
    pub build: fn(&mut Builder<'_, '_>, &'static str) -> Option<T>,
    /// Builds an optional nested struct at a key.
    pub build_opt: fn(&mut Builder<'_, '_>, &'static str) -> Option<Option<T>>,
    /// The nested struct's secret flags.
    pub secret_flags: fn(&mut Vec<bool>),
    /// Writes the nested struct's settings under a key.
    pub write: fn(&T, &str, &mut EntryWriter<'_, '_>) -> fmt::Result,
}

/// The operations on a nested settings struct.
#[doc(hidden)]
pub const fn nested<T: Settings>() -> NestedOps<T> {
    NestedOps {
        schema: T::schema,
        build: |builder, key| builder.nested::<T>(key),
        build_opt: |builder, key| builder.nested_opt::<T>(key),
        secret_flags: T::__secret_flags,
        write: |value, key, writer| writer.nested(key, |w| value.__write(w)),
    }
}

/// One setting of a settings type, as the schema describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyInfo {
    /// Dotted key path (`database.host`).
    pub path: String,
    /// The env var that sets it.
    pub env: String,
    /// Whether the value is secret.
    pub secret: bool,
    /// Whether it may be absent (`Option`).
    pub optional: bool,
    /// Whether it has a default (for some profile).
    pub has_default: bool,
    /// The field's doc comment.
    pub doc: &'static str,
}

/// Every setting of `T`, in declaration order: for documentation, templates,
/// and checks that need to know which keys and variables hold secrets.
pub fn keys<T: Settings>() -> Vec<KeyInfo> {
    plan_for::<T>()
        .leaves
        .iter()
        .map(|leaf| KeyInfo {
            path: leaf.path.clone(),
            env: leaf.env.clone(),
            secret: leaf.secret,
            optional: leaf.field.optional,
            has_default: leaf.field.default.is_some() || !leaf.field.profile_defaults.is_empty(),
            doc: leaf.field.doc,
        })
        .collect()
}

/// The profile names `T` mentions (`development`, strict profiles, `profile(...)` defaults).
pub fn profiles<T: Settings>() -> Vec<&'static str> {
    plan_for::<T>().profiles.clone()
}
