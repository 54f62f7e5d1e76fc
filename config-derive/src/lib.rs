//! `#[derive(Settings)]` for the Strata configuration framework.
//!
//! The pipeline follows the best derive crates: `attr` parses the attribute
//! grammar (darling), `ast` builds the model, `valid` rejects misuse with
//! spanned messages, `expand` emits a static schema plus thin glue. All
//! loading logic lives in `strata-core`.

mod ast;
mod attr;
mod expand;
mod fallback;
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
        Err(errors) => {
            let mut tokens = errors.write_errors();
            tokens.extend(fallback::dummy_impl(&input));
            tokens.into()
        }
    }
}

fn derive(input: &syn::DeriveInput) -> darling::Result<proc_macro2::TokenStream> {
    check_shape(input)?;
    let attrs = attr::ContainerAttrs::from_derive_input(input)?;
    let container = ast::Container::from_attrs(attrs)?;
    container.validate()?;
    Ok(expand::expand(&container))
}

/// Rejects enums, unions, tuple and unit structs at the offending token, with the reason.
fn check_shape(input: &syn::DeriveInput) -> darling::Result<()> {
    use syn::spanned::Spanned;
    const WHY: &str = "each named field is one setting";
    let (what, span) = match &input.data {
        syn::Data::Struct(data) => match &data.fields {
            syn::Fields::Named(_) => return Ok(()),
            syn::Fields::Unnamed(fields) => ("a tuple struct", fields.span()),
            syn::Fields::Unit => ("a unit struct", input.ident.span()),
        },
        syn::Data::Enum(data) => ("an enum", data.enum_token.span()),
        syn::Data::Union(data) => ("a union", data.union_token.span()),
    };
    Err(darling::Error::custom(format!(
        "`#[derive(Settings)]` needs a struct with named fields, not {what}: {WHY}"
    ))
    .with_span(&span))
}
