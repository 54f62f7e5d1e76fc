//! The model of a settings struct, built from the parsed attributes.

use darling::util::SpannedValue;
use proc_macro2::Span;
use quote::ToTokens;
use syn::spanned::Spanned;

use crate::attr::{ContainerAttrs, DefaultAttr, FieldAttrs, FileAttr, NumberLit};

pub struct Container {
    pub ident: syn::Ident,
    pub generics: syn::Generics,
    pub doc: String,
    pub prefix: Option<SpannedValue<String>>,
    pub profile_env: Option<SpannedValue<String>>,
    pub files: Vec<FileAttr>,
    pub dotenv: bool,
    pub strict: Vec<SpannedValue<String>>,
    pub profiles: Vec<SpannedValue<String>>,
    pub secrets_dir: Option<String>,
    pub krate: syn::Path,
    pub display: bool,
    pub validate: Vec<syn::Path>,
    pub fields: Vec<Field>,
}

pub struct Field {
    pub ident: syn::Ident,
    pub ty: syn::Type,
    pub key: SpannedValue<String>,
    pub doc: String,
    pub env: Option<SpannedValue<String>>,
    pub kind: Kind,
    /// `#[settings(secret)]`, with its span.
    pub secret_attr: Option<Span>,
    /// The type names a Strata or secrecy secret type.
    pub secret_by_name: bool,
    /// `Option<T>`.
    pub optional: bool,
    pub default: Option<SpannedValue<Default>>,
    pub profile_defaults: Vec<(SpannedValue<String>, Default)>,
    /// Validation rules in the order written.
    pub rules: Vec<RuleDef>,
    pub required_in: Vec<SpannedValue<String>>,
}

pub struct RuleDef {
    pub kind: RuleKind,
    pub span: Span,
}

pub enum RuleKind {
    Range {
        min: Option<(NumberLit, bool)>,
        max: Option<(NumberLit, bool)>,
    },
    MinLength(usize),
    MaxLength(usize),
    NonEmpty,
    Pattern(syn::LitStr),
    Url(Vec<String>),
    Email,
    OneOf(Vec<String>),
    Custom(syn::Path),
}

pub enum Kind {
    Leaf,
    /// A nested settings struct; `inner` is the struct type (inside `Option`).
    Nested {
        inner: Box<syn::Type>,
        span: Span,
    },
}

pub enum Default {
    Lit(LitValue),
    /// An expression of the field type, with its source text.
    Expr(syn::Expr, String),
}

pub enum LitValue {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
}

impl Container {
    pub fn from_attrs(attrs: ContainerAttrs) -> darling::Result<Container> {
        let mut errors = darling::Error::accumulator();
        let fields = attrs
            .data
            .take_struct()
            .map(|data| data.fields)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|f| errors.handle(Field::from_attrs(f)))
            .collect();
        let krate = attrs.krate.unwrap_or_else(|| syn::parse_quote!(::strata));
        let container = Container {
            ident: attrs.ident,
            generics: attrs.generics,
            doc: doc_text(&attrs.attrs),
            prefix: attrs.prefix,
            profile_env: attrs.profile_env,
            files: attrs.file,
            dotenv: attrs.dotenv.is_present(),
            strict: attrs.strict.unwrap_or_default().0,
            profiles: attrs.profiles.unwrap_or_default().0,
            secrets_dir: attrs.secrets_dir,
            krate,
            display: !attrs.no_display.is_present(),
            validate: attrs.validate,
            fields,
        };
        errors.finish_with(container)
    }
}

impl Field {
    fn from_attrs(attrs: FieldAttrs) -> darling::Result<Field> {
        let ident = attrs
            .ident
            .ok_or_else(|| darling::Error::custom("settings structs need named fields"))?;
        let option_inner = option_inner(&attrs.ty).cloned();
        let optional = option_inner.is_some();
        let kind = if attrs.nested.is_present() {
            Kind::Nested {
                inner: Box::new(option_inner.clone().unwrap_or_else(|| attrs.ty.clone())),
                span: attrs.ty.span(),
            }
        } else {
            Kind::Leaf
        };
        let key = match &attrs.rename {
            Some(rename) => rename.clone(),
            None => SpannedValue::new(unraw(&ident), ident.span()),
        };
        let default = attrs.default.map(|d| {
            let span = d.span();
            let value = match d.into_inner() {
                DefaultAttr::Word => {
                    let expr: syn::Expr = syn::parse_quote!(::core::default::Default::default());
                    Default::Expr(expr, "Default::default()".to_string())
                }
                DefaultAttr::Expr(expr) => Default::from_expr(expr),
            };
            SpannedValue::new(value, span)
        });
        let profile_defaults = attrs
            .profile
            .into_iter()
            .flat_map(|p| p.into_inner().0)
            .map(|(name, span, expr)| (SpannedValue::new(name, span), Default::from_expr(expr)))
            .collect();
        let mut rules = Vec::new();
        if let Some(range) = &attrs.range {
            let r = **range;
            let min = r
                .min
                .map(|n| (n, true))
                .or(r.exclusive_min.map(|n| (n, false)));
            let max = r
                .max
                .map(|n| (n, true))
                .or(r.exclusive_max.map(|n| (n, false)));
            rules.push(RuleDef {
                kind: RuleKind::Range { min, max },
                span: range.span(),
            });
        }
        if let Some(n) = &attrs.min_length {
            rules.push(RuleDef {
                kind: RuleKind::MinLength(**n),
                span: n.span(),
            });
        }
        if let Some(n) = &attrs.max_length {
            rules.push(RuleDef {
                kind: RuleKind::MaxLength(**n),
                span: n.span(),
            });
        }
        if attrs.non_empty.is_present() {
            rules.push(RuleDef {
                kind: RuleKind::NonEmpty,
                span: attrs.non_empty.span(),
            });
        }
        if let Some(p) = &attrs.pattern {
            rules.push(RuleDef {
                kind: RuleKind::Pattern(p.clone()),
                span: p.span(),
            });
        }
        if let Some(u) = &attrs.url {
            rules.push(RuleDef {
                kind: RuleKind::Url(u.schemes.clone()),
                span: u.span(),
            });
        }
        if attrs.email.is_present() {
            rules.push(RuleDef {
                kind: RuleKind::Email,
                span: attrs.email.span(),
            });
        }
        if let Some(list) = &attrs.one_of {
            rules.push(RuleDef {
                kind: RuleKind::OneOf(list.0.clone()),
                span: list.span(),
            });
        }
        for path in &attrs.custom {
            rules.push(RuleDef {
                kind: RuleKind::Custom(path.clone()),
                span: path.span(),
            });
        }
        let required_in = attrs
            .required_in
            .map(|r| r.into_inner().0)
            .unwrap_or_default();
        Ok(Field {
            rules,
            required_in,
            secret_by_name: names_secret_type(&attrs.ty),
            secret_attr: attrs.secret.is_present().then(|| attrs.secret.span()),
            doc: doc_text(&attrs.attrs),
            ident,
            ty: attrs.ty,
            key,
            env: attrs.env,
            kind,
            optional,
            default,
            profile_defaults,
        })
    }
}

impl Default {
    fn from_expr(expr: syn::Expr) -> Default {
        match literal(&expr) {
            Some(lit) => Default::Lit(lit),
            None => {
                let text = tidy(&expr.to_token_stream().to_string());
                Default::Expr(expr, text)
            }
        }
    }
}

/// A literal default, including negative numbers.
fn literal(expr: &syn::Expr) -> Option<LitValue> {
    match expr {
        syn::Expr::Lit(lit) => match &lit.lit {
            syn::Lit::Str(s) => Some(LitValue::Str(s.value())),
            syn::Lit::Int(i) => i.base10_parse().ok().map(LitValue::Int),
            syn::Lit::Float(x) => x.base10_parse().ok().map(LitValue::Float),
            syn::Lit::Bool(b) => Some(LitValue::Bool(b.value)),
            _ => None,
        },
        syn::Expr::Unary(syn::ExprUnary {
            op: syn::UnOp::Neg(_),
            expr,
            ..
        }) => match literal(expr)? {
            LitValue::Int(i) => Some(LitValue::Int(-i)),
            LitValue::Float(x) => Some(LitValue::Float(-x)),
            _ => None,
        },
        syn::Expr::Group(group) => literal(&group.expr),
        _ => None,
    }
}

/// `r#type` -> `type`.
fn unraw(ident: &syn::Ident) -> String {
    let text = ident.to_string();
    text.strip_prefix("r#").map(str::to_string).unwrap_or(text)
}

/// The `T` of `Option<T>`.
pub fn option_inner(ty: &syn::Type) -> Option<&syn::Type> {
    // A type passed through a `macro_rules!` `ty` fragment arrives wrapped in a group.
    if let syn::Type::Group(group) = ty {
        return option_inner(&group.elem);
    }
    let syn::Type::Path(path) = ty else {
        return None;
    };
    let last = path.path.segments.last()?;
    if last.ident != "Option" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first()? {
        syn::GenericArgument::Type(inner) if args.args.len() == 1 => Some(inner),
        _ => None,
    }
}

/// Whether the type mentions a secret wrapper anywhere (`Option<SecretString>` too).
fn names_secret_type(ty: &syn::Type) -> bool {
    let text = ty.to_token_stream().to_string();
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .any(|word| {
            matches!(
                word,
                "Secret" | "SecretString" | "SecretBox" | "SecretSlice"
            )
        })
}

fn doc_text(attrs: &[syn::Attribute]) -> String {
    let mut lines = Vec::new();
    for attr in attrs {
        if !attr.path().is_ident("doc") {
            continue;
        }
        if let syn::Meta::NameValue(nv) = &attr.meta
            && let syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) = &nv.value
        {
            lines.push(s.value().trim().to_string());
        }
    }
    lines.join("\n").trim().to_string()
}

/// Token text as a person would write it: `Duration :: from_secs (5)` -> `Duration::from_secs(5)`.
fn tidy(tokens: &str) -> String {
    let mut out = tokens.to_string();
    for (from, to) in [
        (" :: ", "::"),
        (":: ", "::"),
        (" (", "("),
        ("( ", "("),
        (" )", ")"),
        (" ,", ","),
        (" .", "."),
        (". ", "."),
        (" !", "!"),
        ("[ ", "["),
        (" ]", "]"),
        (" <", "<"),
        ("< ", "<"),
        (" >", ">"),
    ] {
        out = out.replace(from, to);
    }
    out
}
