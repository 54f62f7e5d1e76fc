//! Environment variables (process or injected snapshot) and `{NAME}_FILE` indirection.

use std::borrow::Cow;
use std::path::PathBuf;

use crate::collect::{Collector, Raw, Source, Src};
use crate::origin::Origin;
use crate::problem::{Problem, ProblemKind};
use crate::value::Value;

/// Reads `NAME=value` pairs from the process env (or a snapshot). An owned
/// snapshot (the process environment) gives its strings up instead of copying them.
pub(crate) fn read(c: &mut Collector<'_>, vars: Cow<'_, [(String, String)]>) {
    match vars {
        Cow::Owned(vars) => {
            for (key, value) in vars {
                if relevant(c, &key) {
                    let origin = || Origin::Env { var: key.clone() };
                    accept(c, &key, Cow::Owned(value), Src::Env, origin, Source::Env);
                }
            }
        }
        Cow::Borrowed(vars) => {
            for (key, value) in vars {
                if relevant(c, key) {
                    let origin = || Origin::Env { var: key.clone() };
                    accept(c, key, Cow::Borrowed(value), Src::Env, origin, Source::Env);
                }
            }
        }
    }
}

/// Whether a variable can concern the settings, decided without hashing for most.
fn relevant(c: &Collector<'_>, key: &str) -> bool {
    let plan = c.plan;
    plan.env_prefix
        .as_deref()
        .is_some_and(|p| key.starts_with(p))
        || key.ends_with("_FILE")
        || (plan.exact_env_names && plan.by_env.contains_key(key))
}

/// Handles one variable from the environment or a `.env` file.
pub(crate) fn accept(
    c: &mut Collector<'_>,
    key: &str,
    value: Cow<'_, str>,
    src: Src,
    origin: impl FnOnce() -> Origin,
    source: Source,
) {
    let plan = c.plan;
    if key == plan.profile_var {
        return;
    }
    if let Some(&leaf) = plan.by_env.get(key) {
        c.put(
            leaf,
            Raw::Value(Value::Str(value.into_owned())),
            src,
            source,
        );
        return;
    }
    if let Some(base) = key.strip_suffix("_FILE")
        && let Some(&leaf) = c.plan.by_env.get(base)
    {
        let path = PathBuf::from(value.as_ref());
        match super::read_secret_file(&path) {
            Ok(content) => {
                let path = c.register_secret_path(path);
                let src = Src::SecretFile {
                    path,
                    via_var: true,
                };
                c.put_file_var(leaf, Raw::Value(Value::Str(content)), src);
            }
            Err(e) => {
                let path_text = c.plan.leaves[leaf].path.clone();
                c.problems.push(
                    Problem::new(
                        ProblemKind::Io,
                        path_text,
                        format!("cannot read the file named by {key}: {e}"),
                    )
                    .with_origin(origin())
                    .with_hint(format!("point {key} at a readable file, or unset it")),
                );
            }
        }
        return;
    }
    if plan
        .env_prefix
        .as_deref()
        .is_some_and(|p| key.starts_with(p))
    {
        let names = c.plan.leaves.iter().map(|l| l.env.as_str());
        let hint = match crate::suggest::closest(key, names) {
            Some(near) => format!("did you mean {near}?"),
            None => "no setting uses this name; run `explain` to list the variables".to_string(),
        };
        c.warnings.push(
            Problem::new(
                ProblemKind::UnknownKey,
                "",
                format!("unknown variable {key}"),
            )
            .with_origin(origin())
            .with_hint(hint),
        );
    }
}
