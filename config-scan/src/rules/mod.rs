//! Detection rules: the built-in table, a builder for custom rules and the
//! loaders for strata's TOML rule files and gitleaks-format rule files.

pub(crate) mod builtin;
mod config;

pub use config::{ConfigError, ScanConfig};

use regex::bytes::{Regex, RegexBuilder};
use serde::Deserialize;

/// Where an allowlist regex of a rule is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AllowTarget {
    /// The extracted secret (default).
    #[default]
    Secret,
    /// The whole regex match.
    Match,
    /// The whole line holding the match.
    Line,
}

/// Declarative description of a rule, as written in a rule file or built in code.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RuleSpec {
    /// Kebab-case identifier, e.g. `acme-api-token`.
    pub id: String,
    /// Human description.
    pub description: String,
    /// Regular expression (Rust `regex` syntax, which covers RE2 syntax).
    pub regex: String,
    /// Literal keywords (case-insensitive); the regex only runs near one of them.
    /// A rule without keywords runs on every file.
    pub keywords: Vec<String>,
    /// Minimum Shannon entropy (bits per byte) of the secret.
    pub entropy: Option<f64>,
    /// Capture group holding the secret. Default: the only group if there is
    /// exactly one, else the whole match.
    pub secret_group: Option<usize>,
    /// The match may span several lines (the regex then runs on a window after
    /// each keyword instead of on the keyword's line).
    pub multiline: bool,
    /// A generic rule: when it overlaps a finding of a specific rule, the
    /// specific one wins.
    pub generic: bool,
    /// Regexes that, when they match the allow target, suppress a finding.
    pub allow_regexes: Vec<String>,
    /// What `allow_regexes` are applied to.
    pub allow_target: AllowTarget,
    /// Substrings (case-insensitive) of the secret that suppress a finding.
    pub allow_stopwords: Vec<String>,
    /// Regexes over the file path that exempt a file from this rule.
    pub allow_paths: Vec<String>,
    /// Regex over the file path: when set, the rule only applies to matching files.
    pub path: Option<String>,
}

/// A compiled rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Identifier.
    pub id: String,
    /// Description.
    pub description: String,
    /// Lower-cased keywords.
    pub keywords: Vec<String>,
    /// Entropy floor.
    pub entropy: Option<f64>,
    /// Whether the match may span lines.
    pub multiline: bool,
    /// Whether this is a generic (low priority) rule.
    pub generic: bool,
    pub(crate) regex: Regex,
    pub(crate) secret_group: Option<usize>,
    pub(crate) allow_regexes: Vec<Regex>,
    pub(crate) allow_target: AllowTarget,
    pub(crate) allow_stopwords: Vec<String>,
    pub(crate) allow_paths: Vec<Regex>,
    pub(crate) path: Option<Regex>,
}

/// Error raised when a rule cannot be compiled.
#[derive(Debug)]
pub struct RuleError {
    /// Offending rule id.
    pub id: String,
    /// Explanation.
    pub message: String,
}

impl std::fmt::Display for RuleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "rule `{}`: {}", self.id, self.message)
    }
}

impl std::error::Error for RuleError {}

pub(crate) fn compile_regex(pattern: &str) -> Result<Regex, regex::Error> {
    // ASCII-only classes are much faster; fall back to Unicode semantics for
    // patterns that need them (e.g. `\p{L}` in imported rule files).
    RegexBuilder::new(pattern)
        .unicode(false)
        .size_limit(64 << 20)
        .build()
        .or_else(|_| RegexBuilder::new(pattern).size_limit(64 << 20).build())
}

impl Rule {
    /// Compile a rule from its specification.
    pub fn compile(spec: &RuleSpec) -> Result<Rule, RuleError> {
        let err = |message: String| RuleError {
            id: spec.id.clone(),
            message,
        };
        if spec.id.is_empty() {
            return Err(err("missing id".into()));
        }
        if spec.regex.is_empty() {
            return Err(err(
                "missing regex (path-only rules are not supported)".into()
            ));
        }
        let regex = compile_regex(&spec.regex).map_err(|e| err(e.to_string()))?;
        if let Some(g) = spec.secret_group
            && g >= regex.captures_len()
        {
            return Err(err(format!("secret group {g} does not exist")));
        }
        let compile_all = |list: &[String]| -> Result<Vec<Regex>, RuleError> {
            list.iter()
                .map(|p| compile_regex(p).map_err(|e| err(e.to_string())))
                .collect()
        };
        Ok(Rule {
            id: spec.id.clone(),
            description: if spec.description.is_empty() {
                spec.id.clone()
            } else {
                spec.description.clone()
            },
            keywords: spec
                .keywords
                .iter()
                .filter(|k| !k.is_empty())
                .map(|k| k.to_ascii_lowercase())
                .collect(),
            entropy: spec.entropy,
            multiline: spec.multiline,
            generic: spec.generic,
            regex,
            secret_group: spec.secret_group,
            allow_regexes: compile_all(&spec.allow_regexes)?,
            allow_target: spec.allow_target,
            allow_stopwords: spec
                .allow_stopwords
                .iter()
                .map(|s| s.to_ascii_lowercase())
                .collect(),
            allow_paths: compile_all(&spec.allow_paths)?,
            path: spec
                .path
                .as_deref()
                .map(compile_regex)
                .transpose()
                .map_err(|e| err(e.to_string()))?,
        })
    }
}

/// An ordered, compiled set of rules plus global allowlists.
#[derive(Debug, Clone)]
pub struct RuleSet {
    pub(crate) rules: Vec<Rule>,
    pub(crate) global_allow_regexes: Vec<Regex>,
    pub(crate) global_stopwords: Vec<String>,
    pub(crate) global_allow_paths: Vec<Regex>,
}

impl Default for RuleSet {
    fn default() -> Self {
        RuleSet::builder().build().expect("built-in rules compile")
    }
}

impl RuleSet {
    /// A builder starting from the built-in rules.
    pub fn builder() -> RuleSetBuilder {
        RuleSetBuilder {
            defaults: true,
            specs: Vec::new(),
            disabled: Vec::new(),
            allow_regexes: Vec::new(),
            stopwords: Vec::new(),
            allow_paths: Vec::new(),
        }
    }

    /// The compiled rules, in priority order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// Look a rule up by id.
    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }
}

/// Builds a [`RuleSet`] from the built-in rules and custom ones.
#[derive(Debug, Clone)]
pub struct RuleSetBuilder {
    defaults: bool,
    specs: Vec<RuleSpec>,
    disabled: Vec<String>,
    allow_regexes: Vec<String>,
    stopwords: Vec<String>,
    allow_paths: Vec<String>,
}

impl RuleSetBuilder {
    /// Do not include the built-in rules.
    pub fn without_defaults(mut self) -> Self {
        self.defaults = false;
        self
    }

    /// Add (or, with the id of an existing rule, replace) a rule.
    pub fn rule(mut self, spec: RuleSpec) -> Self {
        self.specs.push(spec);
        self
    }

    /// Disable a rule by id.
    pub fn disable(mut self, id: impl Into<String>) -> Self {
        self.disabled.push(id.into());
        self
    }

    /// Add a global allowlist regex, applied to every secret.
    pub fn allow_regex(mut self, pattern: impl Into<String>) -> Self {
        self.allow_regexes.push(pattern.into());
        self
    }

    /// Add a global stopword: secrets containing it are ignored.
    pub fn stopword(mut self, word: impl Into<String>) -> Self {
        self.stopwords.push(word.into());
        self
    }

    /// Add a global path regex: matching files are not scanned.
    pub fn allow_path_regex(mut self, pattern: impl Into<String>) -> Self {
        self.allow_paths.push(pattern.into());
        self
    }

    /// Merge everything a parsed rule file declares.
    pub fn config(mut self, cfg: ScanConfig) -> Self {
        if !cfg.use_default {
            self.defaults = false;
        }
        self.specs.extend(cfg.rules);
        self.disabled.extend(cfg.disabled_rules);
        self.allow_regexes.extend(cfg.allow_regexes);
        self.stopwords.extend(cfg.stopwords);
        self.allow_paths.extend(cfg.allow_paths);
        self
    }

    /// Compile the rule set.
    pub fn build(self) -> Result<RuleSet, RuleError> {
        let mut specs: Vec<RuleSpec> = Vec::new();
        if self.defaults {
            specs.extend(builtin::builtins().iter().map(|b| b.spec()));
        }
        for spec in self.specs {
            if let Some(existing) = specs.iter_mut().find(|s| s.id == spec.id) {
                *existing = spec;
            } else {
                specs.push(spec);
            }
        }
        specs.retain(|s| !self.disabled.contains(&s.id));
        // Specific rules keep priority over generic ones whatever their origin.
        specs.sort_by_key(|s| s.generic);
        let rules = specs
            .iter()
            .map(Rule::compile)
            .collect::<Result<Vec<_>, _>>()?;
        let global = |list: &[String]| -> Result<Vec<Regex>, RuleError> {
            list.iter()
                .map(|p| {
                    compile_regex(p).map_err(|e| RuleError {
                        id: "<allowlist>".into(),
                        message: e.to_string(),
                    })
                })
                .collect()
        };
        Ok(RuleSet {
            rules,
            global_allow_regexes: global(&self.allow_regexes)?,
            global_stopwords: self
                .stopwords
                .iter()
                .map(|s| s.to_ascii_lowercase())
                .collect(),
            global_allow_paths: global(&self.allow_paths)?,
        })
    }
}
