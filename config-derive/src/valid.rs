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
        if let Some(prefix) = &self.prefix
            && (!is_env_name(prefix)
                || prefix.ends_with('_')
                || prefix.chars().any(|c| c.is_ascii_lowercase()))
        {
            errors.push(
                    darling::Error::custom(
                        "`prefix` must be upper-case letters, digits and `_`, without a trailing `_`, as in `prefix = \"APP\"`",
                    )
                    .with_span(&prefix.span()),
                );
        }
        if let Some(var) = &self.profile_env
            && !is_env_name(var)
        {
            errors.push(
                darling::Error::custom("`profile_env` must be a variable name such as `APP_ENV`")
                    .with_span(&var.span()),
            );
        }
        for file in &self.files {
            if file.path.trim().is_empty() {
                errors.push(darling::Error::custom("`file` needs a path"));
            }
        }
        let profile_var = match (&self.profile_env, &self.prefix) {
            (Some(var), _) => var.as_str().to_string(),
            (None, Some(prefix)) => format!("{}_ENV", prefix.as_str()),
            (None, None) => "STRATA_ENV".to_string(),
        };
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
            let duplicate_key = keys.insert(key, &field.ident);
            if let Some(first) = duplicate_key {
                errors.push(
                    darling::Error::custom(format!(
                        "duplicate key `{key}`: field `{first}` already uses it; give one of them another `rename`"
                    ))
                    .with_span(&field.key.span()),
                );
            }
            if let Some(env) = &field.env
                && !is_env_name(env)
            {
                errors.push(
                        darling::Error::custom(
                            "`env` must be a variable name: letters, digits and `_`, as in `env = \"DATABASE_URL\"`",
                        )
                        .with_span(&env.span()),
                    );
            }
            if matches!(field.kind, Kind::Leaf) {
                let env = field
                    .env
                    .as_ref()
                    .map(|e| e.to_string())
                    .unwrap_or_else(|| {
                        let upper: String = key
                            .chars()
                            .map(|c| {
                                if c.is_ascii_alphanumeric() {
                                    c.to_ascii_uppercase()
                                } else {
                                    '_'
                                }
                            })
                            .collect();
                        match &self.prefix {
                            Some(prefix) => format!("{}_{upper}", prefix.as_str()),
                            None => upper,
                        }
                    });
                let span = field.env.as_ref().map_or(field.key.span(), |e| e.span());
                if env == profile_var {
                    errors.push(
                        darling::Error::custom(format!(
                            "env var `{env}` selects the profile, so it cannot also set this field; use `rename`, `env = \"...\"` or `profile_env = \"...\"`"
                        ))
                        .with_span(&span),
                    );
                }
                // A duplicate key already explains a clash of the names derived from it.
                let derived_clash = duplicate_key.is_some() && field.env.is_none();
                if let Some(first) = envs.insert(env.clone(), &field.ident)
                    && !derived_clash
                {
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
            self.validate_rules(field, &mut errors);
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

impl Container {
    /// Profile names this struct knows: built-in, declared, and used in `profile(...)`.
    fn known_profiles(&self) -> Vec<String> {
        let mut known = vec!["development".to_string(), "production".to_string()];
        known.extend(
            self.strict
                .iter()
                .chain(&self.profiles)
                .map(|p| p.to_string()),
        );
        for field in &self.fields {
            known.extend(field.profile_defaults.iter().map(|(p, _)| p.to_string()));
        }
        known
    }

    fn validate_rules(&self, field: &crate::ast::Field, errors: &mut darling::error::Accumulator) {
        use crate::ast::RuleKind;
        if let (Kind::Nested { .. }, Some(rule)) = (&field.kind, field.rules.first()) {
            errors.push(
                darling::Error::custom(
                    "validation rules apply to values; put them on the fields of the nested struct, or use `#[settings(validate = ...)]` on it",
                )
                .with_span(&rule.span),
            );
            return;
        }
        let (mut min_len, mut max_len) = (None, None);
        for rule in &field.rules {
            match &rule.kind {
                RuleKind::Range {
                    min: Some((lo, _)),
                    max: Some((hi, _)),
                } if lo.as_f64() > hi.as_f64() => {
                    errors.push(
                        darling::Error::custom("`range` has its minimum above its maximum")
                            .with_span(&rule.span),
                    );
                }
                RuleKind::MinLength(n) => min_len = Some((*n, rule.span)),
                RuleKind::MaxLength(n) => max_len = Some((*n, rule.span)),
                RuleKind::Pattern(lit) => {
                    if let Err(e) = regex_lite::Regex::new(&lit.value()) {
                        errors.push(
                            darling::Error::custom(format!("invalid regular expression: {e}"))
                                .with_span(lit),
                        );
                    }
                }
                _ => {}
            }
        }
        if let (Some((lo, _)), Some((hi, span))) = (min_len, max_len)
            && lo > hi
        {
            errors.push(
                darling::Error::custom("`min_length` is greater than `max_length`")
                    .with_span(&span),
            );
        }
        let known = self.known_profiles();
        for name in &field.required_in {
            if known.iter().any(|k| k == name.as_str()) {
                continue;
            }
            let near = known
                .iter()
                .filter(|k| strsim::jaro_winkler(k, name.as_str()) >= 0.85)
                .max_by(|a, b| {
                    strsim::jaro_winkler(a, name.as_str())
                        .total_cmp(&strsim::jaro_winkler(b, name.as_str()))
                });
            if let Some(near) = near {
                errors.push(
                    darling::Error::custom(format!(
                        "unknown profile `{}`: did you mean `{near}`? Declare other profiles with `#[settings(profiles(...))]`",
                        name.as_str()
                    ))
                    .with_span(&name.span()),
                );
            }
        }
    }
}

fn is_env_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}
