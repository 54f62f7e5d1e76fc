//! Validation rules: attribute data for the schema and typed checks in the glue.

use proc_macro2::TokenStream;

use crate::ast::{Container, Field};

pub fn rule_data(_f: &Field) -> Vec<TokenStream> {
    Vec::new()
}

pub fn required_in(_f: &Field) -> Vec<&str> {
    Vec::new()
}

pub fn validate_fn(_c: &Container) -> TokenStream {
    TokenStream::new()
}
