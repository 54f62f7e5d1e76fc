//! `#[derive(Settings)]` for the Strata configuration framework.
//!
//! The pipeline follows the best derive crates: `attr` parses the attribute
//! grammar (darling), `ast` builds the model, `valid` rejects misuse with
//! spanned messages, `expand` emits a static schema plus thin glue. All
//! loading logic lives in `strata-core`.

mod ast;
mod attr;
mod expand;
mod rules;
mod valid;

use darling::FromDeriveInput;
use proc_macro::TokenStream;

/// Derives `strata::Settings`: layered loading with provenance, profiles,
/// validation and redacted secrets. See the `strata` crate for the attributes.
#[proc_macro_derive(Settings, attributes(settings))]
pub fn derive_settings(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    match derive(&input) {
        Ok(tokens) => tokens.into(),
        Err(errors) => errors.write_errors().into(),
    }
}

fn derive(input: &syn::DeriveInput) -> darling::Result<proc_macro2::TokenStream> {
    let attrs = attr::ContainerAttrs::from_derive_input(input)?;
    let container = ast::Container::from_attrs(attrs)?;
    container.validate()?;
    Ok(expand::expand(&container))
}
