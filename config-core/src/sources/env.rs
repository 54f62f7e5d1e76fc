//! Environment variables (process or injected snapshot) and `{NAME}_FILE` indirection.

use std::path::PathBuf;

use crate::collect::{Collector, Raw, Source, Src};
use crate::origin::Origin;
use crate::problem::{Problem, ProblemKind};
use crate::value::Value;

/// Reads `NAME=value` pairs from the process env (or a snapshot).
pub(crate) fn read(c: &mut Collector<'_>, vars: &[(String, String)]) {
    let plan = c.plan;
    for (key, value) in vars {
        let relevant = plan
            .env_prefix
            .as_deref()
            .is_some_and(|p| key.starts_with(p))
            || plan.by_env.contains_key(key.as_str())
            || key.ends_with("_FILE");
        if relevant {
            accept(
                c,
                key,
                value,
                Src::Env,
                || Origin::Env { var: key.clone() },
                Source::Env,
            );
        }
    }
}

/// Handles one variable from the environment or a `.env` file.
pub(crate) fn accept(
    c: &mut Collector<'_>,
    key: &str,
    value: &str,
    src: Src,
    origin: impl FnOnce() -> Origin,
    source: Source,
) {
    let plan = c.plan;
    if key == plan.profile_var {
        return;
    }
    if let Some(&leaf) = plan.by_env.get(key) {
        c.put(leaf, Raw::Value(Value::Str(value.to_string())), src, source);
        return;
    }
    if let Some(base) = key.strip_suffix("_FILE")
        && let Some(&leaf) = c.plan.by_env.get(base)
    {
        let path = PathBuf::from(value);
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
