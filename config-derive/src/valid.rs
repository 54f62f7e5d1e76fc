//! Rejects misuse of the attributes with messages at the offending tokens.

use std::collections::HashMap;

use syn::spanned::Spanned;

use crate::ast::{Container, Kind};

impl Container {
    pub fn validate(&self) -> darling::Result<()> {
        let mut errors = darling::Error::accumulator();
        if let Some(param) = self.generics.params.first() {
            errors.push(
                darling::Error::custom(
                    "settings structs cannot have generic parameters: their schema is a static description",
                )
                .with_span(&param.span()),
            );
        }
        if let Some(prefix) = &self.prefix {
            if !is_env_name(prefix)
                || prefix.ends_with('_')
                || prefix.chars().any(|c| c.is_ascii_lowercase())
            {
                errors.push(
                    darling::Error::custom(
                        "`prefix` must be upper-case letters, digits and `_`, without a trailing `_`, as in `prefix = \"APP\"`",
                    )
                    .with_span(&prefix.span()),
                );
            }
        }
        if let Some(var) = &self.profile_env {
            if !is_env_name(var) {
                errors.push(
                    darling::Error::custom(
                        "`profile_env` must be a variable name such as `APP_ENV`",
                    )
                    .with_span(&var.span()),
                );
            }
        }
        for file in &self.files {
            if file.path.trim().is_empty() {
                errors.push(darling::Error::custom("`file` needs a path"));
            }
        }
        let mut keys: HashMap<&str, &syn::Ident> = HashMap::new();
        let mut envs: HashMap<String, &syn::Ident> = HashMap::new();
        for field in &self.fields {
            let key = field.key.as_str();
            if key.is_empty() || key.contains('.') {
                errors.push(
                    darling::Error::custom("a key cannot be empty or contain `.`")
                        .with_span(&field.key.span()),
                );
            }
            if let Some(first) = keys.insert(key, &field.ident) {
                errors.push(
                    darling::Error::custom(format!(
                        "duplicate key `{key}`: field `{first}` already uses it; give one of them another `rename`"
                    ))
                    .with_span(&field.key.span()),
                );
            }
            if let Some(env) = &field.env {
                if !is_env_name(env) {
                    errors.push(
                        darling::Error::custom(
                            "`env` must be a variable name: letters, digits and `_`, as in `env = \"DATABASE_URL\"`",
                        )
                        .with_span(&env.span()),
                    );
                }
            }
            if matches!(field.kind, Kind::Leaf) {
                let env = field
                    .env
                    .as_ref()
                    .map(|e| e.to_string())
                    .unwrap_or_else(|| {
                        let upper = key.to_ascii_uppercase();
                        match &self.prefix {
                            Some(prefix) => format!("{}_{upper}", prefix.as_str()),
                            None => upper,
                        }
                    });
                let span = field.env.as_ref().map_or(field.key.span(), |e| e.span());
                if let Some(first) = envs.insert(env.clone(), &field.ident) {
                    errors.push(
                        darling::Error::custom(format!(
                            "conflicting env var `{env}`: field `{first}` is already read from it"
                        ))
                        .with_span(&span),
                    );
                }
            }
            if let Kind::Nested { .. } = field.kind {
                if let Some(env) = &field.env {
                    errors.push(
                        darling::Error::custom(
                            "`env` names one variable, but a nested struct has many; use `rename` to change its path",
                        )
                        .with_span(&env.span()),
                    );
                }
                if let Some(span) = field.secret_attr {
                    errors.push(
                        darling::Error::custom(
                            "`secret` marks one value; mark the secret fields inside the nested struct instead",
                        )
                        .with_span(&span),
                    );
                }
                if let Some(default) = &field.default {
                    errors.push(
                        darling::Error::custom(
                            "`default` does not apply to a nested struct; put defaults on its fields",
                        )
                        .with_span(&default.span()),
                    );
                }
                if let Some((name, _)) = field.profile_defaults.first() {
                    errors.push(
                        darling::Error::custom(
                            "`profile(...)` does not apply to a nested struct; put profile defaults on its fields",
                        )
                        .with_span(&name.span()),
                    );
                }
            }
            let mut seen = Vec::new();
            for (name, _) in &field.profile_defaults {
                if seen.contains(&name.as_str()) {
                    errors.push(
                        darling::Error::custom(format!(
                            "profile `{}` has two defaults",
                            name.as_str()
                        ))
                        .with_span(&name.span()),
                    );
                }
                seen.push(name.as_str());
            }
        }
        errors.finish()
    }
}

fn is_env_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}
