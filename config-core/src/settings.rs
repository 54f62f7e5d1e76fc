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
