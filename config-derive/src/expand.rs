//! Emits the static schema and the glue: `impl Settings` and `Display`.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};

use crate::ast::{Container, Default, Field, Kind, LitValue};

pub fn expand(c: &Container) -> TokenStream {
    let krate = &c.krate;
    let ident = &c.ident;
    let name = ident.to_string();
    let doc = &c.doc;
    let prefix = opt_str(c.prefix.as_ref().map(|p| p.as_str()));
    let profile_env = opt_str(c.profile_env.as_ref().map(|p| p.as_str()));
    let files = c.files.iter().map(|f| {
        let path = &f.path;
        let required = f.required;
        quote!(__s::FileSpec { path: #path, required: #required })
    });
    let dotenv = c.dotenv;
    let strict = c.strict.iter().map(|s| s.as_str());
    let profiles = c.profiles.iter().map(|s| s.as_str());
    let secrets_dir = opt_str(c.secrets_dir.as_deref());
    let field_count = c.fields.len();
    let fields = c.fields.iter().map(field_schema);
    let build = build_fn(c);
    let secret_flags = c.fields.iter().map(secret_flag);
    let write = c.fields.iter().map(|f| write_field(f, c.display));
    let assertions = c.fields.iter().map(assertion);
    let display = c.display.then(|| {
        quote! {
            impl __s::Display for #ident {
                fn fmt(&self, f: &mut __s::Formatter<'_>) -> __s::FmtResult {
                    #krate::Settings::__write(self, &mut #krate::EntryWriter::new(f))
                }
            }
        }
    });

    quote! {
        #[allow(non_upper_case_globals, clippy::all)]
        const _: () = {
            use #krate::__private as __s;
            #[allow(unused_imports)]
            use __s::{PlainKind as _, SecretKind as _};

            static __STRATA_FIELDS: [__s::Field; #field_count] = [#(#fields),*];
            static __STRATA_SCHEMA: __s::Schema = __s::Schema {
                name: #name,
                doc: #doc,
                prefix: #prefix,
                profile_env: #profile_env,
                files: &[#(#files),*],
                dotenv: #dotenv,
                strict_profiles: &[#(#strict),*],
                profiles: &[#(#profiles),*],
                secrets_dir: #secrets_dir,
                fields: &__STRATA_FIELDS,
                cache: __s::PlanCache::new(),
            };

            #(#assertions)*

            impl #krate::Settings for #ident {
                fn schema() -> &'static __s::Schema {
                    &__STRATA_SCHEMA
                }

                #build

                fn __secret_flags(__out: &mut __s::Vec<bool>) {
                    #(#secret_flags)*
                }

                fn __write(&self, __w: &mut #krate::EntryWriter<'_, '_>) -> __s::FmtResult {
                    #(#write)*
                    __s::FmtResult::Ok(())
                }
            }

            #display
        };
    }
}

/// A local of the generated code. Spans of user tokens (types, attributes) are
/// put on some generated expressions so errors point there; locals keep the
/// call-site span so they still resolve when the struct comes from a `macro_rules!`.
pub fn local(name: &str) -> syn::Ident {
    syn::Ident::new(name, proc_macro2::Span::call_site())
}

fn opt_str(value: Option<&str>) -> TokenStream {
    match value {
        Some(s) => quote!(__s::Some(#s)),
        None => quote!(__s::None),
    }
}

fn field_schema(f: &Field) -> TokenStream {
    let key = f.key.as_str();
    let doc = &f.doc;
    let env = opt_str(f.env.as_ref().map(|e| e.as_str()));
    let kind = match &f.kind {
        Kind::Leaf => quote!(__s::FieldKind::Leaf),
        Kind::Nested { inner, span } => {
            quote_spanned!(*span=> __s::FieldKind::Nested { schema: (__s::nested::<#inner>().schema) })
        }
    };
    let secret = f.secret_attr.is_some() || f.secret_by_name;
    let optional = f.optional;
    let mut expr_index = 0usize;
    let default = match &f.default {
        Some(d) => {
            let v = default_value(d, &mut expr_index);
            quote!(__s::Some(#v))
        }
        None => quote!(__s::None),
    };
    let profile_defaults = f.profile_defaults.iter().map(|(name, d)| {
        let name = name.as_str();
        let v = default_value(d, &mut expr_index);
        quote!((#name, #v))
    });
    let rules = crate::rules::rule_data(f);
    let required_in = crate::rules::required_in(f);
    quote! {
        __s::Field {
            key: #key,
            doc: #doc,
            env: #env,
            kind: #kind,
            secret: #secret,
            optional: #optional,
            default: #default,
            profile_defaults: &[#(#profile_defaults),*],
            rules: &[#(#rules),*],
            required_in: &[#(#required_in),*],
        }
    }
}

fn default_value(d: &Default, expr_index: &mut usize) -> TokenStream {
    match d {
        Default::Lit(lit) => {
            let lit = match lit {
                LitValue::Str(s) => quote!(__s::Lit::Str(#s)),
                LitValue::Int(i) => quote!(__s::Lit::Int(#i)),
                LitValue::Float(x) => quote!(__s::Lit::Float(#x)),
                LitValue::Bool(b) => quote!(__s::Lit::Bool(#b)),
            };
            quote!(__s::DefaultValue::Lit(#lit))
        }
        Default::Expr(_, text) => {
            let index = *expr_index;
            *expr_index += 1;
            quote!(__s::DefaultValue::Expr { index: #index, text: #text })
        }
    }
}

/// The default expressions of a field, in the order their indexes were given.
fn default_exprs(f: &Field) -> Vec<&syn::Expr> {
    f.default
        .iter()
        .map(|d| &**d)
        .chain(f.profile_defaults.iter().map(|(_, d)| d))
        .filter_map(|d| match d {
            Default::Expr(expr, _) => Some(expr),
            Default::Lit(_) => None,
        })
        .collect()
}

fn build_fn(c: &Container) -> TokenStream {
    let krate = &c.krate;
    let lets = c.fields.iter().map(|f| {
        let ident = &f.ident;
        let ty = &f.ty;
        match &f.kind {
            Kind::Nested { inner, span } => {
                let key = f.key.as_str();
                let b = local("__b");
                let build = if f.optional {
                    quote!(build_opt)
                } else {
                    quote!(build)
                };
                quote_spanned!(*span=> let #ident = (__s::nested::<#inner>().#build)(#b, #key);)
            }
            Kind::Leaf => {
                let exprs = default_exprs(f);
                let defaults = if exprs.is_empty() {
                    quote!(__s::None)
                } else {
                    let last = exprs.len() - 1;
                    let arms = exprs.iter().enumerate().map(|(i, e)| {
                        if i == last {
                            quote!(_ => #e,)
                        } else {
                            quote!(#i => #e,)
                        }
                    });
                    quote!(__s::Some(&|__k: usize| -> #ty { match __k { #(#arms)* } }))
                };
                let check = crate::rules::check_closure(krate, f);
                quote!(let #ident = __b.leaf::<#ty>(#defaults, #check);)
            }
        }
    });
    let names = c.fields.iter().map(|f| &f.ident);
    let struct_checks = crate::rules::struct_checks(c);
    quote! {
        fn __build(__b: &mut #krate::Builder<'_, '_>) -> __s::Option<Self> {
            #(#lets)*
            let __value = Self { #(#names: #names?),* };
            #(#struct_checks)*
            __s::Some(__value)
        }
    }
}

fn secret_probe(f: &Field) -> TokenStream {
    let ty = &f.ty;
    quote!((&__s::Probe::<#ty>::new()).is_secret())
}

fn secret_flag(f: &Field) -> TokenStream {
    match &f.kind {
        Kind::Leaf => {
            let probe = secret_probe(f);
            quote!(__out.push(#probe);)
        }
        Kind::Nested { inner, span } => {
            let out = local("__out");
            quote_spanned!(*span=> (__s::nested::<#inner>().secret_flags)(#out);)
        }
    }
}

/// One field in the generated `Display`; with `no_display` field types need no
/// `Debug`, and a parent's `Display` shows them as `(not shown)`.
fn write_field(f: &Field, display: bool) -> TokenStream {
    let ident = &f.ident;
    let key = f.key.as_str();
    match &f.kind {
        Kind::Leaf if !display => quote!(__w.leaf(#key, &__s::NotShown, false)?;),
        Kind::Leaf if !display => quote!(__w.leaf(#key, &__s::NotShown, false)?;),
        Kind::Leaf => {
            let probe = secret_probe(f);
            let secret = f.secret_attr.is_some() || f.secret_by_name;
            // `Shown` is spanned at the field type, so a type without `Debug` is reported there.
            let ty = &f.ty;
            let shown =
                quote_spanned!(syn::spanned::Spanned::span(ty)=> <#ty as __s::Shown>::shown);
            quote!(__w.leaf(#key, #shown(&self.#ident), #secret || #probe)?;)
        }
        Kind::Nested { inner, span } if f.optional => {
            let (w, v) = (local("__w"), local("__v"));
            let field = quote!(&self.#ident);
            quote_spanned! {*span=>
                match #field {
                    __s::Some(#v) => (__s::nested::<#inner>().write)(#v, #key, #w)?,
                    __s::None => #w.absent(#key)?,
                }
            }
        }
        Kind::Nested { inner, span } => {
            let w = local("__w");
            let field = quote!(&self.#ident);
            quote_spanned!(*span=> (__s::nested::<#inner>().write)(#field, #key, #w)?;)
        }
    }
}

/// Compile-time checks that need the types: `secret` on a secret type.
fn assertion(f: &Field) -> TokenStream {
    match f.secret_attr {
        Some(span) => {
            let ty = &f.ty;
            quote_spanned!(span=> const _: fn() = || { __s::assert_secret::<#ty>(); };)
        }
        None => TokenStream::new(),
    }
}
