//! The attribute grammar, parsed with darling. Nothing is checked here beyond
//! syntax; `valid.rs` checks meaning.

use darling::ast::NestedMeta;
use darling::util::{Flag, SpannedValue};
use darling::{FromDeriveInput, FromField, FromMeta};
use proc_macro2::Span;
use syn::spanned::Spanned;

/// `#[settings(...)]` on the struct.
#[derive(FromDeriveInput)]
#[darling(attributes(settings), supports(struct_named), forward_attrs(doc))]
pub struct ContainerAttrs {
    pub ident: syn::Ident,
    pub generics: syn::Generics,
    pub data: darling::ast::Data<(), FieldAttrs>,
    pub attrs: Vec<syn::Attribute>,
    pub prefix: Option<SpannedValue<String>>,
    #[darling(multiple)]
    pub file: Vec<FileAttr>,
    #[darling(default)]
    pub dotenv: Flag,
    pub profile_env: Option<SpannedValue<String>>,
    #[darling(default)]
    pub strict: Option<NameList>,
    #[darling(default)]
    pub profiles: Option<NameList>,
    pub secrets_dir: Option<String>,
    #[darling(rename = "crate")]
    pub krate: Option<syn::Path>,
    #[darling(default)]
    pub no_display: Flag,
    #[darling(multiple)]
    pub validate: Vec<syn::Path>,
}

/// `file = "path"` or `file(path = "path", required)`.
#[derive(Clone)]
pub struct FileAttr {
    pub path: String,
    pub required: bool,
}

impl FromMeta for FileAttr {
    fn from_string(value: &str) -> darling::Result<Self> {
        Ok(FileAttr {
            path: value.to_string(),
            required: false,
        })
    }

    fn from_list(items: &[NestedMeta]) -> darling::Result<Self> {
        #[derive(FromMeta)]
        struct Full {
            path: String,
            #[darling(default)]
            required: Flag,
        }
        let full = Full::from_list(items)?;
        Ok(FileAttr {
            path: full.path,
            required: full.required.is_present(),
        })
    }
}

/// Profile names, written as identifiers or strings: `strict(production, "pre-prod")`.
#[derive(Clone, Default)]
pub struct NameList(pub Vec<SpannedValue<String>>);

impl FromMeta for NameList {
    fn from_list(items: &[NestedMeta]) -> darling::Result<Self> {
        let mut names = Vec::new();
        let mut errors = darling::Error::accumulator();
        for item in items {
            match item {
                NestedMeta::Meta(syn::Meta::Path(path)) if path.get_ident().is_some() => {
                    let ident = path
                        .get_ident()
                        .map(ToString::to_string)
                        .unwrap_or_default();
                    names.push(SpannedValue::new(ident, path.span()));
                }
                NestedMeta::Lit(syn::Lit::Str(s)) => {
                    names.push(SpannedValue::new(s.value(), s.span()))
                }
                other => errors.push(
                    darling::Error::custom("expected a profile name, such as `production`")
                        .with_span(other),
                ),
            }
        }
        errors.finish_with(NameList(names))
    }
}

/// `#[settings(...)]` on a field.
#[derive(FromField)]
#[darling(attributes(settings), forward_attrs(doc))]
pub struct FieldAttrs {
    pub ident: Option<syn::Ident>,
    pub ty: syn::Type,
    pub attrs: Vec<syn::Attribute>,
    pub default: Option<SpannedValue<DefaultAttr>>,
    #[darling(multiple)]
    pub profile: Vec<SpannedValue<ProfileDefaults>>,
    pub env: Option<SpannedValue<String>>,
    pub rename: Option<SpannedValue<String>>,
    #[darling(default)]
    pub nested: Flag,
    #[darling(default)]
    pub secret: Flag,
    pub range: Option<SpannedValue<RangeAttr>>,
    pub min_length: Option<SpannedValue<usize>>,
    pub max_length: Option<SpannedValue<usize>>,
    #[darling(default)]
    pub non_empty: Flag,
    pub pattern: Option<syn::LitStr>,
    pub url: Option<SpannedValue<UrlAttr>>,
    #[darling(default)]
    pub email: Flag,
    pub one_of: Option<SpannedValue<StrList>>,
    #[darling(multiple)]
    pub custom: Vec<syn::Path>,
    pub required_in: Option<SpannedValue<NameList>>,
}

/// A number in a rule: `1`, `-5`, `0.5`.
#[derive(Clone, Copy)]
pub enum NumberLit {
    Int(i128),
    Float(f64),
}

impl NumberLit {
    pub fn as_f64(self) -> f64 {
        match self {
            NumberLit::Int(i) => i as f64,
            NumberLit::Float(x) => x,
        }
    }
}

impl FromMeta for NumberLit {
    fn from_expr(expr: &syn::Expr) -> darling::Result<Self> {
        let (negative, inner) = match expr {
            syn::Expr::Unary(syn::ExprUnary {
                op: syn::UnOp::Neg(_),
                expr,
                ..
            }) => (true, &**expr),
            other => (false, other),
        };
        let number = match inner {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Int(i),
                ..
            }) => i.base10_parse::<i128>().map(NumberLit::Int).ok(),
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Float(x),
                ..
            }) => x.base10_parse::<f64>().map(NumberLit::Float).ok(),
            _ => None,
        };
        match number {
            Some(NumberLit::Int(i)) => Ok(NumberLit::Int(if negative { -i } else { i })),
            Some(NumberLit::Float(x)) => Ok(NumberLit::Float(if negative { -x } else { x })),
            None => Err(
                darling::Error::custom("expected a number literal, such as `1` or `0.5`")
                    .with_span(expr),
            ),
        }
    }
}

/// `range(min = 1, max = 65535)`, with `exclusive_min` / `exclusive_max` for open bounds.
#[derive(Clone, Copy)]
pub struct RangeAttr {
    pub min: Option<NumberLit>,
    pub max: Option<NumberLit>,
    pub exclusive_min: Option<NumberLit>,
    pub exclusive_max: Option<NumberLit>,
}

impl FromMeta for RangeAttr {
    fn from_list(items: &[NestedMeta]) -> darling::Result<Self> {
        #[derive(FromMeta)]
        struct Bounds {
            min: Option<NumberLit>,
            max: Option<NumberLit>,
            exclusive_min: Option<NumberLit>,
            exclusive_max: Option<NumberLit>,
        }
        let b = Bounds::from_list(items)?;
        if b.min.is_none()
            && b.max.is_none()
            && b.exclusive_min.is_none()
            && b.exclusive_max.is_none()
        {
            return Err(darling::Error::custom(
                "`range` needs `min`, `max`, `exclusive_min` or `exclusive_max`, as in `range(min = 1, max = 65535)`",
            ));
        }
        if b.min.is_some() && b.exclusive_min.is_some()
            || b.max.is_some() && b.exclusive_max.is_some()
        {
            return Err(darling::Error::custom(
                "`range` takes one lower and one upper bound: `min` or `exclusive_min`, `max` or `exclusive_max`",
            ));
        }
        Ok(RangeAttr {
            min: b.min,
            max: b.max,
            exclusive_min: b.exclusive_min,
            exclusive_max: b.exclusive_max,
        })
    }
}

/// `url` or `url(schemes("https", "postgres"))`.
#[derive(Default)]
pub struct UrlAttr {
    pub schemes: Vec<String>,
}

impl FromMeta for UrlAttr {
    fn from_word() -> darling::Result<Self> {
        Ok(UrlAttr::default())
    }

    fn from_list(items: &[NestedMeta]) -> darling::Result<Self> {
        #[derive(FromMeta)]
        struct Full {
            schemes: StrList,
        }
        let full = Full::from_list(items)?;
        if full.schemes.0.is_empty() {
            return Err(darling::Error::custom(
                "`schemes(...)` needs at least one scheme, such as `\"https\"`",
            ));
        }
        Ok(UrlAttr {
            schemes: full.schemes.0,
        })
    }
}

/// `("a", "b")`: string literals.
#[derive(Default)]
pub struct StrList(pub Vec<String>);

impl FromMeta for StrList {
    fn from_list(items: &[NestedMeta]) -> darling::Result<Self> {
        let mut out = Vec::new();
        let mut errors = darling::Error::accumulator();
        for item in items {
            match item {
                NestedMeta::Lit(syn::Lit::Str(s)) => out.push(s.value()),
                other => errors
                    .push(darling::Error::custom("expected a string literal").with_span(other)),
            }
        }
        if items.is_empty() {
            errors.push(darling::Error::custom(
                "expected at least one string, as in `one_of(\"debug\", \"info\")`",
            ));
        }
        errors.finish_with(StrList(out))
    }
}

/// `default` (uses `Default::default()`) or `default = <expr>`.
pub enum DefaultAttr {
    Word,
    Expr(syn::Expr),
}

impl FromMeta for DefaultAttr {
    fn from_word() -> darling::Result<Self> {
        Ok(DefaultAttr::Word)
    }

    fn from_expr(expr: &syn::Expr) -> darling::Result<Self> {
        Ok(DefaultAttr::Expr(expr.clone()))
    }
}

/// `profile(production = 80, staging = 81)`.
pub struct ProfileDefaults(pub Vec<(String, Span, syn::Expr)>);

impl FromMeta for ProfileDefaults {
    fn from_list(items: &[NestedMeta]) -> darling::Result<Self> {
        let mut out = Vec::new();
        let mut errors = darling::Error::accumulator();
        if items.is_empty() {
            errors.push(darling::Error::custom(
                "expected `profile(NAME = value, ...)` with at least one profile",
            ));
        }
        for item in items {
            match item {
                NestedMeta::Meta(syn::Meta::NameValue(nv)) if nv.path.get_ident().is_some() => {
                    let name = nv
                        .path
                        .get_ident()
                        .map(ToString::to_string)
                        .unwrap_or_default();
                    out.push((name, nv.path.span(), nv.value.clone()));
                }
                other => errors.push(
                    darling::Error::custom(
                        "expected `NAME = value`, as in `profile(production = 80)`",
                    )
                    .with_span(other),
                ),
            }
        }
        errors.finish_with(ProfileDefaults(out))
    }

    fn from_word() -> darling::Result<Self> {
        Err(darling::Error::custom(
            "expected `profile(NAME = value, ...)`, as in `profile(production = 80)`",
        ))
    }

    fn from_expr(_expr: &syn::Expr) -> darling::Result<Self> {
        Err(darling::Error::custom(
            "expected `profile(NAME = value, ...)`, as in `profile(production = 80)`",
        ))
    }
}
