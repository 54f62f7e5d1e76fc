//! Rule files: strata's own TOML format and the common subset of gitleaks'.
//!
//! Both formats share one shape (`[[rules]]` tables with `id`, `description`,
//! `regex`, `keywords`, `entropy`, a secret group, and allowlists), so a
//! single permissive parser reads both. Keys are accepted in snake_case and
//! in gitleaks' camelCase.
//!
//! Unsupported gitleaks features (ignored with a warning): `[extend] path`,
//! path-only rules (no `regex`), `[[rules.required]]` composite rules,
//! allowlist `condition = "AND"` (treated as OR), allowlist `commits`, and
//! `tags`.

use super::{AllowTarget, RuleSpec};
use serde::Deserialize;
use std::path::Path;

/// Parsed content of a rule file.
#[derive(Debug, Clone, Default)]
pub struct ScanConfig {
    /// Whether the built-in rules stay enabled.
    pub use_default: bool,
    /// Custom rules.
    pub rules: Vec<RuleSpec>,
    /// Ids of rules to disable.
    pub disabled_rules: Vec<String>,
    /// Global allowlist regexes over secrets.
    pub allow_regexes: Vec<String>,
    /// Global stopwords.
    pub stopwords: Vec<String>,
    /// Global path regexes whose files are skipped.
    pub allow_paths: Vec<String>,
    /// Warnings about unsupported constructs.
    pub warnings: Vec<String>,
}

/// Error reading or parsing a rule file.
#[derive(Debug)]
pub struct ConfigError(pub String);

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawAllow {
    regexes: Vec<String>,
    stopwords: Vec<String>,
    paths: Vec<String>,
    #[serde(alias = "regexTarget")]
    regex_target: Option<String>,
    condition: Option<String>,
    commits: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawRule {
    id: String,
    description: String,
    regex: Option<String>,
    path: Option<String>,
    keywords: Vec<String>,
    entropy: Option<f64>,
    #[serde(alias = "secretGroup")]
    secret_group: Option<usize>,
    multiline: bool,
    generic: bool,
    allowlist: Option<RawAllow>,
    allowlists: Vec<RawAllow>,
    required: Option<toml::Value>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawExtend {
    #[serde(alias = "useDefault")]
    use_default: Option<bool>,
    path: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawConfig {
    use_default: Option<bool>,
    #[serde(alias = "allowGlobs")]
    allow_globs: Vec<String>,
    #[serde(alias = "disabledRules")]
    disabled_rules: Vec<String>,
    extend: Option<RawExtend>,
    allowlist: Option<RawAllow>,
    allowlists: Vec<RawAllow>,
    rules: Vec<RawRule>,
}

fn target(raw: &Option<String>) -> AllowTarget {
    match raw.as_deref() {
        Some("match") => AllowTarget::Match,
        Some("line") => AllowTarget::Line,
        _ => AllowTarget::Secret,
    }
}

impl ScanConfig {
    /// Parse a strata rule file. Built-in rules stay enabled unless
    /// `use_default = false`.
    pub fn from_toml(text: &str) -> Result<ScanConfig, ConfigError> {
        Self::parse(text, true)
    }

    /// Parse a gitleaks rule file. As in gitleaks, the built-in rules are only
    /// kept when `[extend] useDefault = true`.
    pub fn from_gitleaks_toml(text: &str) -> Result<ScanConfig, ConfigError> {
        Self::parse(text, false)
    }

    /// Read and parse a rule file; `gitleaks` selects the format's defaults.
    pub fn load(path: &Path, gitleaks: bool) -> Result<ScanConfig, ConfigError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| ConfigError(format!("{}: {e}", path.display())))?;
        Self::parse(&text, !gitleaks).map_err(|e| ConfigError(format!("{}: {e}", path.display())))
    }

    fn parse(text: &str, default_on: bool) -> Result<ScanConfig, ConfigError> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| ConfigError(e.to_string()))?;
        let mut cfg = ScanConfig {
            use_default: raw
                .use_default
                .or(raw.extend.as_ref().and_then(|e| e.use_default))
                .unwrap_or(default_on),
            disabled_rules: raw.disabled_rules,
            ..ScanConfig::default()
        };
        if let Some(p) = raw.extend.as_ref().and_then(|e| e.path.as_ref()) {
            cfg.warnings
                .push(format!("[extend] path = {p:?} is not supported; ignored"));
        }
        for glob in &raw.allow_globs {
            // A glob without `/` matches at any depth, like `--allow-path`.
            let pattern = if glob.contains('/') {
                glob.clone()
            } else {
                format!("**/{glob}")
            };
            for p in [
                pattern.clone(),
                format!("{}/**", pattern.trim_end_matches('/')),
            ] {
                let g = globset::Glob::new(&p)
                    .map_err(|e| ConfigError(format!("bad glob {glob:?}: {e}")))?;
                cfg.allow_paths.push(g.regex().to_string());
            }
        }
        for allow in raw.allowlist.into_iter().chain(raw.allowlists) {
            if !allow.commits.is_empty() {
                cfg.warnings
                    .push("global allowlist `commits` is not supported; ignored".into());
            }
            cfg.allow_regexes.extend(allow.regexes);
            cfg.stopwords.extend(allow.stopwords);
            cfg.allow_paths.extend(allow.paths);
        }
        for rule in raw.rules {
            let Some(regex) = rule.regex else {
                cfg.warnings.push(format!(
                    "rule `{}` has no regex (path-only rules are not supported); skipped",
                    rule.id
                ));
                continue;
            };
            if rule.required.is_some() {
                cfg.warnings.push(format!(
                    "rule `{}`: composite `required` rules are not supported; checked alone",
                    rule.id
                ));
            }
            let mut spec = RuleSpec {
                id: rule.id,
                description: rule.description,
                regex,
                keywords: rule.keywords,
                entropy: rule.entropy,
                secret_group: rule.secret_group.filter(|g| *g > 0),
                multiline: rule.multiline,
                generic: rule.generic,
                path: rule.path,
                ..RuleSpec::default()
            };
            for allow in rule.allowlist.into_iter().chain(rule.allowlists) {
                if allow
                    .condition
                    .as_deref()
                    .is_some_and(|c| c.eq_ignore_ascii_case("and"))
                {
                    cfg.warnings.push(format!(
                        "rule `{}`: allowlist condition AND is treated as OR",
                        spec.id
                    ));
                }
                spec.allow_target = target(&allow.regex_target);
                spec.allow_regexes.extend(allow.regexes);
                spec.allow_stopwords.extend(allow.stopwords);
                spec.allow_paths.extend(allow.paths);
            }
            cfg.rules.push(spec);
        }
        Ok(cfg)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{RuleSet, Scanner};

    #[test]
    fn gitleaks_format_subset() {
        let text = r#"
title = "team rules"

[allowlist]
paths = ['''fixtures/''']

[[rules]]
id = "acme-token"
description = "ACME internal token"
regex = '''(?i)acme[_-]?token\s*=\s*"(acme_[a-z0-9]{24})"'''
secretGroup = 1
entropy = 3.0
keywords = ["acme_"]

[[rules.allowlists]]
stopwords = ["acme_sandbox"]

[[rules]]
id = "path-only"
path = '''\.p12$'''
"#;
        let cfg = ScanConfig::from_gitleaks_toml(text).unwrap();
        assert!(!cfg.use_default);
        assert_eq!(cfg.rules.len(), 1);
        assert_eq!(cfg.warnings.len(), 1);
        let set = RuleSet::builder().config(cfg).build().unwrap();
        assert_eq!(set.rules().len(), 1);
        let scanner = Scanner::new(set);
        let hit = scanner.scan_bytes("a.py", b"ACME_TOKEN = \"acme_k3j9x8q2m4n7b5v1c6z0l8p2\"\n");
        assert_eq!(hit.len(), 1);
        assert_eq!(hit[0].rule_id, "acme-token");
        assert_eq!(hit[0].secret(), "acme_k3j9x8q2m4n7b5v1c6z0l8p2");
        let stop = scanner.scan_bytes("a.py", b"acme_token = \"acme_sandboxk3j9x8q2m4n7b5\"\n");
        assert!(stop.is_empty());
        let skipped = scanner.scan_bytes(
            "fixtures/a.py",
            b"acme_token = \"acme_k3j9x8q2m4n7b5v1c6z0l8p2\"\n",
        );
        assert!(skipped.is_empty());
    }

    #[test]
    fn gitleaks_single_allowlist_line_target_and_extend() {
        let text = r#"
[extend]
useDefault = true

[[rules]]
id = "acme-token"
regex = '''acme_[a-z0-9]{24}'''
keywords = ["acme_"]
[rules.allowlist]
regexTarget = "line"
regexes = ['''fixture''']
"#;
        let cfg = ScanConfig::from_gitleaks_toml(text).unwrap();
        assert!(cfg.use_default && cfg.warnings.is_empty());
        let set = RuleSet::builder().config(cfg).build().unwrap();
        assert!(set.get("github-pat").is_some());
        let scanner = Scanner::new(set);
        let line = b"t = acme_k3j9x8q2m4n7b5v1c6z0l8p2\n";
        assert_eq!(scanner.scan_bytes("a", line)[0].rule_id, "acme-token");
        let allowed = b"t = acme_k3j9x8q2m4n7b5v1c6z0l8p2 # fixture\n";
        assert!(scanner.scan_bytes("a", allowed).is_empty());
    }

    #[test]
    fn strata_format_keeps_defaults_and_disables() {
        let text = r#"
disabled_rules = ["jwt"]
allow_globs = ["*.snap", "fixtures"]
[[rules]]
id = "acme-token"
regex = 'acme_[a-z0-9]{24}'
keywords = ["acme_"]
"#;
        let cfg = ScanConfig::from_toml(text).unwrap();
        let set = RuleSet::builder().config(cfg).build().unwrap();
        assert!(set.get("acme-token").is_some());
        let scanner = Scanner::new(set.clone());
        let line = b"t = acme_k3j9x8q2m4n7b5v1c6z0l8p2\n";
        assert_eq!(scanner.scan_bytes("src/a.rs", line).len(), 1);
        assert!(scanner.scan_bytes("tests/x/out.snap", line).is_empty());
        assert!(scanner.scan_bytes("tests/fixtures/a.rs", line).is_empty());
        assert!(set.get("github-pat").is_some());
        assert!(set.get("jwt").is_none());
    }
}
