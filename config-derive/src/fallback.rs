//! When the attributes are wrong, the derive still emits an `impl Settings`
//! whose bodies are never run (the crate does not compile), so code that calls
//! `load()` does not pile further errors on top of the real one.

use proc_macro2::TokenStream;
use quote::quote;

pub fn dummy_impl(input: &syn::DeriveInput) -> TokenStream {
    // A generic or non-struct input already has its own error; a stub would add more.
    if !input.generics.params.is_empty() || !matches!(input.data, syn::Data::Struct(_)) {
        return TokenStream::new();
    }
    let ident = &input.ident;
    quote! {
        const _: () = {
            impl ::strata::Settings for #ident {
                fn schema() -> &'static ::strata::Schema {
                    ::core::unreachable!()
                }
                fn __build(_: &mut ::strata::Builder<'_, '_>) -> ::core::option::Option<Self> {
                    ::core::unreachable!()
                }
                fn __secret_flags(_: &mut ::std::vec::Vec<bool>) {}
                fn __write(&self, _: &mut ::strata::EntryWriter<'_, '_>) -> ::core::fmt::Result {
                    ::core::result::Result::Ok(())
                }
            }
        };
    }
}
