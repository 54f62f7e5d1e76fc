//! The static description of a settings struct.
//!
//! `#[derive(Settings)]` emits one [`Schema`] per struct as a `static`; the
//! runtime interprets it. Nothing here is meant to be written by hand, but the
//! types are public so that tools (templates, docs, checks) can read a schema.

use std::sync::OnceLock;

use crate::plan::Plan;

/// The description of one settings struct.
#[derive(Debug)]
pub struct Schema {
    /// The Rust name of the struct.
    pub name: &'static str,
    /// Doc comment of the struct.
    pub doc: &'static str,
    /// Env var prefix without the trailing `_` (`APP` for `APP_PORT`).
    pub prefix: Option<&'static str>,
    /// Env var that selects the profile; `None` means `{PREFIX}_ENV`.
    pub profile_env: Option<&'static str>,
    /// Config files, lowest precedence first. `{profile}` is replaced.
    pub files: &'static [FileSpec],
    /// Whether `.env`, `.env.{profile}` and `.env.local` are read.
    pub dotenv: bool,
    /// Profiles with the strict rules; empty means `["production"]`.
    pub strict_profiles: &'static [&'static str],
    /// Extra profile names to accept without a warning.
    pub profiles: &'static [&'static str],
    /// A folder with one file per secret (Docker/Kubernetes style).
    pub secrets_dir: Option<&'static str>,
    /// The fields in declaration order.
    pub fields: &'static [Field],
    /// Runtime cache of the flattened schema; built on first load.
    pub cache: PlanCache,
}

/// One config file named by `#[settings(file = ...)]`.
#[derive(Debug, Clone, Copy)]
pub struct FileSpec {
    /// Path relative to the loader's folder; may contain `{profile}`.
    pub path: &'static str,
    /// A missing required file is an error; a missing optional one is skipped.
    pub required: bool,
}

/// One field of a settings struct.
#[derive(Debug)]
pub struct Field {
    /// The key in files and the path segment (after `rename`).
    pub key: &'static str,
    /// Doc comment of the field.
    pub doc: &'static str,
    /// An exact env var name from `#[settings(env = "...")]`.
    pub env: Option<&'static str>,
    /// Leaf value or nested settings struct.
    pub kind: FieldKind,
    /// Marked `#[settings(secret)]` or typed as a secret.
    pub secret: bool,
    /// `Option<T>`: absence is not an error.
    pub optional: bool,
    /// `default = ...`.
    pub default: Option<DefaultValue>,
    /// `profile(NAME = ...)` defaults.
    pub profile_defaults: &'static [(&'static str, DefaultValue)],
    /// Validation rules (interpreted by the validation module).
    pub rules: &'static [crate::rules::Rule],
    /// Profiles in which the value must be set explicitly.
    pub required_in: &'static [&'static str],
}

/// Whether a field holds a value or a nested settings struct.
#[derive(Debug, Clone, Copy)]
pub enum FieldKind {
    /// One value, converted by its type.
    Leaf,
    /// A nested settings struct; `optional` for `Option<Nested>`.
    Nested {
        /// The nested struct's schema.
        schema: fn() -> &'static Schema,
    },
}

/// A default from the attribute.
#[derive(Debug, Clone, Copy)]
pub enum DefaultValue {
    /// A literal: converted by the field type like any other source value,
    /// so `default = "30s"` works for a `Duration`.
    Lit(Lit),
    /// Any other expression of the field's type, evaluated by the generated
    /// code only when no source sets the key. `index` picks the expression.
    Expr {
        /// Which of the field's default expressions.
        index: usize,
        /// The expression's source text, shown by `explain`.
        text: &'static str,
    },
}

/// A literal value in an attribute.
#[derive(Debug, Clone, Copy)]
pub enum Lit {
    /// A string literal.
    Str(&'static str),
    /// An integer literal.
    Int(i64),
    /// A float literal.
    Float(f64),
    /// `true` or `false`.
    Bool(bool),
}

/// Holds the flattened form of a root schema, computed once.
#[derive(Debug)]
pub struct PlanCache(pub(crate) OnceLock<Plan>);

impl PlanCache {
    /// An empty cache, for the static emitted by the derive.
    pub const fn new() -> Self {
        PlanCache(OnceLock::new())
    }
}

impl Default for PlanCache {
    fn default() -> Self {
        Self::new()
    }
}

impl Schema {
    /// The env var that selects the profile.
    pub fn profile_var(&self) -> String {
        match (self.profile_env, self.prefix) {
            (Some(name), _) => name.to_string(),
            (None, Some(prefix)) => format!("{prefix}_ENV"),
            (None, None) => "STRATA_ENV".to_string(),
        }
    }

    /// Whether `profile` is strict for this schema.
    pub fn is_strict(&self, profile: &str) -> bool {
        if self.strict_profiles.is_empty() {
            profile == "production"
        } else {
            self.strict_profiles.contains(&profile)
        }
    }
}
