//! Turning collected raw values into the typed struct.
//!
//! The generated `__build` calls [`Builder::leaf`] and [`Builder::nested`] for
//! each field in declaration order; the builder walks the flattened plan in
//! the same order, converts each value, and records every problem instead of
//! stopping at the first.

use std::cell::RefCell;
use std::sync::Arc;

use serde::de::DeserializeOwned;

use crate::collect::{Collector, Raw, Slot, Src};
use crate::de::{AbsentDe, DeError, LeafCtx, ValueDe};
use crate::explain::{Entry, Explanation};
use crate::loader::Loaded;
use crate::problem::{Error, Problem, ProblemKind};
use crate::rules::StructRule;
use crate::secret::SecretSource;
use crate::settings::Settings;
use crate::validate::Check;
use crate::value::Value;

thread_local! {
    static SECRET_SOURCE: RefCell<Option<Arc<SecretSource>>> = const { RefCell::new(None) };
}

/// The source of the secret being converted on this thread, for `Secret<T>`.
pub(crate) fn current_secret_source() -> Option<Arc<SecretSource>> {
    SECRET_SOURCE.with(|s| s.borrow().clone())
}

/// Walks the plan while the generated code builds the struct.
pub struct Builder<'c, 'p> {
    c: &'c mut Collector<'p>,
    cursor: usize,
    dynamic_secret: Vec<usize>,
    /// Leaf ranges of absent `Option<Nested>` groups: their defaults are unused.
    absent: Vec<std::ops::Range<usize>>,
    /// Keys of the nested structs being built, for struct-level rules.
    path: Vec<&'static str>,
}

/// The typed rule checks of one field, emitted by the derive.
pub type FieldCheck<'f, T> = &'f dyn Fn(&mut Check<'_>, &T);

impl Builder<'_, '_> {
    /// Converts the next leaf to `T`. `defaults` evaluates the field's default
    /// expressions by index, for fields that have any.
    /// `check` runs the field's validation rules on the converted value.
    pub fn leaf<T: DeserializeOwned>(
        &mut self,
        defaults: Option<&dyn Fn(usize) -> T>,
        check: Option<FieldCheck<'_, T>>,
    ) -> Option<T> {
        let index = self.cursor;
        let value = self.convert::<T>(defaults)?;
        if let Some(check) = check {
            self.check(index, &value, check);
        }
        Some(value)
    }

    fn check<T>(&mut self, index: usize, value: &T, check: FieldCheck<'_, T>) {
        // The problems are moved out so the check can read the collector while adding to them.
        let mut problems = std::mem::take(&mut self.c.problems);
        let mut check_ctx = Check {
            c: &*self.c,
            leaf: index,
            secret: self.c.plan.leaves[index].secret || self.dynamic_secret.contains(&index),
            problems: &mut problems,
        };
        check(&mut check_ctx, value);
        self.c.problems = problems;
    }

    fn convert<T: DeserializeOwned>(&mut self, defaults: Option<&dyn Fn(usize) -> T>) -> Option<T> {
        let index = self.cursor;
        self.cursor += 1;
        let plan = &self.c.plan.leaves[index];
        let Some(slot) = self.c.slots[index].as_mut() else {
            if plan.field.optional {
                return T::deserialize(AbsentDe).ok();
            }
            let hint = self.c.where_to_set(index);
            self.c.problems.push(
                Problem::new(
                    ProblemKind::Missing,
                    plan.path.clone(),
                    "not set by any source",
                )
                .with_hint(hint),
            );
            return None;
        };
        let raw = std::mem::replace(&mut slot.raw, Raw::Value(Value::Null));
        let src = slot.src;
        let value = match raw {
            Raw::Expr { index: which, .. } => {
                return match defaults {
                    Some(defaults) => Some(defaults(which)),
                    None => {
                        self.c.problems.push(Problem::new(
                            ProblemKind::InvalidValue,
                            plan.path.clone(),
                            "the default expression is not available",
                        ));
                        None
                    }
                };
            }
            Raw::Value(value) => value,
            Raw::Lit(lit) => Value::from(lit),
        };
        let secret = plan.secret;
        if secret
            && self.c.strict
            && let Value::Str(text) = &value
            && crate::rules::is_placeholder(text)
        {
            let problem = Problem::new(
                ProblemKind::Validation,
                plan.path.clone(),
                format!(
                    "is a placeholder, not a real secret (strict profile `{}`)",
                    self.c.profile
                ),
            )
            .with_origin(self.c.origin_of(index, src))
            .with_rule("placeholder")
            .with_secret(true)
            .with_hint(format!("set {} to the real secret", plan.env));
            self.c.problems.push(problem);
            return None;
        }
        if secret {
            let new_source = || {
                Arc::new(SecretSource {
                    path: plan.path.clone(),
                    origin: self.c.origin_of(index, src),
                })
            };
            // A secret from its own env var has the same source on every load.
            let source = match src {
                Src::Env => plan.env_source.get_or_init(new_source).clone(),
                _ => new_source(),
            };
            crate::audit::loaded(self.c.schema.name, &source);
            SECRET_SOURCE.with(|s| *s.borrow_mut() = Some(source));
        }
        let mut secret_texts = Vec::new();
        if secret {
            value.strings(&mut secret_texts);
        }
        let ctx = LeafCtx::default();
        let result = T::deserialize(ValueDe::new(value, &ctx));
        if secret {
            SECRET_SOURCE.with(|s| *s.borrow_mut() = None);
        }
        let found_secret = secret || ctx.secret.get();
        if ctx.secret.get() && !secret {
            self.dynamic_secret.push(index);
        }
        match result {
            Ok(value) => Some(value),
            Err(e) => {
                let problem = conversion_problem(&plan.path, e, found_secret, &secret_texts)
                    .with_origin(self.c.origin_of(index, src))
                    .with_hint(self.c.fix_hint(index, src));
                self.c.problems.push(problem);
                None
            }
        }
    }

    /// Builds the nested settings struct at `key` from the next leaves.
    pub fn nested<T: Settings>(&mut self, key: &'static str) -> Option<T> {
        self.path.push(key);
        let value = T::__build(self);
        self.path.pop();
        value
    }

    /// Builds an `Option<Nested>`: `None` when no source other than defaults
    /// sets any of its keys. The outer `None` means a problem was recorded.
    pub fn nested_opt<T: Settings>(&mut self, key: &'static str) -> Option<Option<T>> {
        let start = self.cursor;
        let end = self
            .c
            .plan
            .optional_groups
            .get(&start)
            .copied()
            .unwrap_or(start);
        let present = self.c.slots[start..end]
            .iter()
            .flatten()
            .any(|slot| !slot.src.is_default());
        if !present {
            self.absent.push(start..end);
            self.cursor = end;
            return Some(None);
        }
        self.nested::<T>(key).map(Some)
    }

    /// Runs a struct-level rule (`#[settings(validate = path)]`) on a built struct.
    pub fn validate_struct<S>(&mut self, value: &S, rule: impl StructRule<S>) {
        let Err(invalid) = rule.check(value) else {
            return;
        };
        let prefix = self.path.join(".");
        let full = |p: &str| {
            if prefix.is_empty() {
                p.to_string()
            } else if p.is_empty() {
                prefix.clone()
            } else {
                format!("{prefix}.{p}")
            }
        };
        let paths: Vec<String> = invalid.paths.iter().map(|p| full(p)).collect();
        let path = paths.first().cloned().unwrap_or_else(|| prefix.clone());
        let origin = paths
            .iter()
            .filter_map(|p| self.c.plan.leaf_by_path(p))
            .find_map(|leaf| self.c.slot_origin(leaf));
        let mut problem = Problem::new(ProblemKind::Validation, path, invalid.message)
            .with_maybe_origin(origin)
            .with_rule("validate");
        if paths.len() > 1 {
            problem = problem.with_hint(format!("involves {}", paths.join(", ")));
        }
        self.c.problems.push(problem);
    }
}

fn conversion_problem(path: &str, e: DeError, secret: bool, secret_texts: &[String]) -> Problem {
    let suffix = e.suffix();
    let full_path = format!("{path}{suffix}");
    let problem = |message: String| {
        Problem::new(ProblemKind::InvalidValue, full_path.clone(), message).with_secret(secret)
    };
    if secret {
        let message = match e.safe {
            Some(safe) => safe,
            // A secret found only while converting has no texts to scrub with.
            None if secret_texts.is_empty() => "invalid value for a secret".to_string(),
            None => scrub(&e.message, secret_texts),
        };
        return problem(message);
    }
    match e.found {
        Some((text, is_text)) if suffix.is_empty() => {
            let p = problem(e.safe.unwrap_or(e.message));
            if is_text {
                p.with_value(Some(text))
            } else {
                p.with_plain_value(Some(text))
            }
        }
        _ => problem(e.message),
    }
}

/// Removes any secret text from a free-form message.
fn scrub(message: &str, secrets: &[String]) -> String {
    let mut out = message.to_string();
    for secret in secrets.iter().filter(|s| s.len() >= 3) {
        out = out.replace(secret.as_str(), "[REDACTED]");
        let escaped = format!("{secret:?}");
        out = out.replace(escaped.trim_matches('"'), "[REDACTED]");
    }
    out
}

/// Runs the generated build over collected values, then the strict-profile
/// rules, and returns the value or every problem found.
pub(crate) fn build<T: Settings>(mut c: Collector<'_>, explain: bool) -> Result<Loaded<T>, Error> {
    let displays: Vec<Option<String>> = if explain {
        c.slots
            .iter()
            .map(|slot| slot.as_ref().map(display_raw))
            .collect()
    } else {
        Vec::new()
    };
    let (value, dynamic_secret, absent) = {
        let mut builder = Builder {
            c: &mut c,
            cursor: 0,
            dynamic_secret: Vec::new(),
            absent: Vec::new(),
            path: Vec::new(),
        };
        let value = T::__build(&mut builder);
        (value, builder.dynamic_secret, builder.absent)
    };
    let is_secret = |index: usize, c: &Collector<'_>| {
        c.plan.leaves[index].secret || dynamic_secret.contains(&index)
    };
    // Settings of an absent optional group are not in use: no rule applies to them.
    let in_use = |index: usize| !absent.iter().any(|range| range.contains(&index));
    if c.strict {
        strict_rules(&mut c, &|index, c| in_use(index) && is_secret(index, c));
    }
    required_in(&mut c, &in_use);
    let value = match value {
        Some(value) if c.problems.is_empty() => value,
        _ => {
            let mut secret_lines = Vec::new();
            for (index, slot) in c.slots.iter().enumerate() {
                if let (
                    true,
                    Some(Slot {
                        src: Src::File { file, line } | Src::Dotenv { file, line },
                        ..
                    }),
                ) = (is_secret(index, &c), slot)
                {
                    secret_lines.push((c.files[*file as usize].clone(), *line));
                }
            }
            let mut error = Error::new(c.schema.name, &c.profile, c.problems)
                .with_warnings(c.warnings)
                .with_dir(&c.dir);
            error.0.secret_lines = secret_lines;
            return Err(error);
        }
    };
    let entries = if explain {
        (0..c.plan.leaves.len())
            .map(|index| {
                let leaf = &c.plan.leaves[index];
                let secret = is_secret(index, &c);
                Entry {
                    path: leaf.path.clone(),
                    env: leaf.env.clone(),
                    doc: leaf.field.doc,
                    secret,
                    value: match &displays[index] {
                        Some(_) if secret => Some("[REDACTED]".to_string()),
                        shown => shown.clone(),
                    },
                    origin: c.slot_origin(index),
                    overridden: c.shadowed.as_ref().map_or_else(Vec::new, |shadowed| {
                        let mut srcs = shadowed[index].clone();
                        srcs.sort_by_key(|src| c.rank_of(*src));
                        srcs.into_iter()
                            .map(|src| c.origin_of(index, src))
                            .collect()
                    }),
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    let explanation_warnings = if explain {
        c.warnings.clone()
    } else {
        Vec::new()
    };
    Ok(Loaded {
        value,
        explanation: Explanation {
            settings: c.schema.name,
            profile: c.profile,
            strict: c.strict,
            sources: c
                .files
                .iter()
                .chain(&c.secret_dirs)
                .map(|p| p.display().to_string())
                .collect(),
            entries,
            warnings: explanation_warnings,
        },
        warnings: c.warnings,
    })
}

fn display_raw(slot: &Slot) -> String {
    match &slot.raw {
        Raw::Value(value) => value.to_string(),
        Raw::Lit(lit) => Value::from(*lit).to_string(),
        Raw::Expr { text, .. } => text.to_string(),
    }
}

fn strict_rules(c: &mut Collector<'_>, is_secret: &dyn Fn(usize, &Collector<'_>) -> bool) {
    for index in 0..c.slots.len() {
        if !is_secret(index, c) {
            continue;
        }
        let Some(src) = c.slots[index].as_ref().map(|s| s.src) else {
            continue;
        };
        let why = match src {
            Src::Default | Src::ProfileDefault => "a secret may not come from a default",
            Src::File { .. } => "a secret may not be kept in a plain config file",
            _ => continue,
        };
        let origin = c.origin_of(index, src);
        let leaf = &c.plan.leaves[index];
        let message = format!("{why} in the strict profile `{}`", c.profile);
        let hint = format!(
            "set {env} or {env}_FILE, or use a secrets folder or store",
            env = leaf.env
        );
        c.problems.push(
            Problem::new(ProblemKind::Forbidden, leaf.path.clone(), message)
                .with_origin(origin)
                .with_hint(hint)
                .with_secret(true),
        );
    }
}

/// `required_in(profile)`: a default does not count in those profiles.
fn required_in(c: &mut Collector<'_>, in_use: &dyn Fn(usize) -> bool) {
    for index in (0..c.slots.len()).filter(|i| in_use(*i)) {
        let leaf = &c.plan.leaves[index];
        if !leaf.field.required_in.contains(&c.profile.as_str()) {
            continue;
        }
        let src = c.slots[index].as_ref().map(|s| s.src);
        if src.is_some_and(|s| !s.is_default()) {
            continue;
        }
        let origin = c.slot_origin(index);
        let hint = c.where_to_set(index);
        let message = format!(
            "must be set explicitly in profile `{}`; a default does not count",
            c.profile
        );
        let problem = Problem::new(ProblemKind::Validation, leaf.path.clone(), message)
            .with_maybe_origin(origin)
            .with_rule("required_in")
            .with_hint(hint);
        c.problems.push(problem);
    }
}
