//! Validation rules: their data for the static schema, and the typed checks
//! in the glue (one `Check` call per rule, spanned at the attribute so a rule
//! on an unfitting type is reported there).

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};

use crate::ast::{Container, Field, RuleKind};
use crate::attr::NumberLit;
use crate::expand::local;

fn number(n: NumberLit) -> TokenStream {
    match n {
        NumberLit::Int(i) => quote!(__s::Number::Int(#i)),
        NumberLit::Float(x) => quote!(__s::Number::Float(#x)),
    }
}

fn bound(b: Option<(NumberLit, bool)>) -> TokenStream {
    match b {
        Some((n, inclusive)) => {
            let n = number(n);
            quote!(__s::Some(__s::Bound { value: #n, inclusive: #inclusive }))
        }
        None => quote!(__s::None),
    }
}

/// The `Rule` values of a field, in order.
pub fn rule_data(f: &Field) -> Vec<TokenStream> {
    f.rules
        .iter()
        .map(|rule| match &rule.kind {
            RuleKind::Range { min, max } => {
                let (min, max) = (bound(*min), bound(*max));
                quote!(__s::Rule::Range { min: #min, max: #max })
            }
            RuleKind::MinLength(n) => {
                quote!(__s::Rule::Length { min: __s::Some(#n), max: __s::None })
            }
            RuleKind::MaxLength(n) => {
                quote!(__s::Rule::Length { min: __s::None, max: __s::Some(#n) })
            }
            RuleKind::NonEmpty => quote!(__s::Rule::NonEmpty),
            RuleKind::Pattern(lit) => quote!(__s::Rule::Pattern({
                static __PATTERN: __s::Pattern = __s::Pattern::new(#lit);
                &__PATTERN
            })),
            RuleKind::Url(schemes) => quote!(__s::Rule::Url { schemes: &[#(#schemes),*] }),
            RuleKind::Email => quote!(__s::Rule::Email),
            RuleKind::OneOf(options) => quote!(__s::Rule::OneOf(&[#(#options),*])),
            RuleKind::Custom(path) => {
                let name = quote!(#path).to_string().replace(' ', "");
                quote!(__s::Rule::Custom(#name))
            }
        })
        .collect()
}

/// Profile names of `required_in(...)`.
pub fn required_in(f: &Field) -> Vec<&str> {
    f.required_in.iter().map(|p| p.as_str()).collect()
}

/// The check closure passed to `Builder::leaf`, or `None` when the field has no rules.
pub fn check_closure(krate: &syn::Path, f: &Field) -> TokenStream {
    if f.rules.is_empty() {
        return quote!(__s::None);
    }
    let ty = &f.ty;
    let (c, v) = (local("__c"), local("__v"));
    let calls = f.rules.iter().enumerate().map(|(index, rule)| {
        let span = rule.span;
        // The value is rebound under the attribute's span, so a rule on an
        // unfitting type is reported at the attribute, and the binding resolves
        // even when the struct comes from a `macro_rules!`.
        let at = syn::Ident::new("__v", span);
        let call = match &rule.kind {
            RuleKind::Range { .. } => quote_spanned!(span=> #c.range(#at, #index)),
            RuleKind::MinLength(_) | RuleKind::MaxLength(_) => {
                quote_spanned!(span=> #c.length(#at, #index))
            }
            RuleKind::NonEmpty => quote_spanned!(span=> #c.non_empty(#at, #index)),
            RuleKind::Pattern(_) | RuleKind::Url(_) | RuleKind::Email | RuleKind::OneOf(_) => {
                quote_spanned!(span=> #c.text(#at, #index))
            }
            RuleKind::Custom(path) => quote_spanned!(span=> #c.custom(#at, #index, #path)),
        };
        quote_spanned!(span=> { let #at = #v; #call; })
    });
    quote! {
        __s::Some(&|#c: &mut #krate::Check<'_>, #v: &#ty| { #(#calls)* })
    }
}

/// Struct-level rules, run on the built struct.
pub fn struct_checks(c: &Container) -> Vec<TokenStream> {
    c.validate
        .iter()
        .map(|path| {
            let span = syn::spanned::Spanned::span(path);
            let (b, value) = (local("__b"), local("__value"));
            quote_spanned!(span=> #b.validate_struct(&#value, #path);)
        })
        .collect()
}
