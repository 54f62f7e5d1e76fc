//! Environment variables (process or injected snapshot) and `{NAME}_FILE` indirection.

use std::path::PathBuf;

use crate::collect::{Collector, Raw, Source};
use crate::origin::Origin;
use crate::problem::{Problem, ProblemKind};
use crate::value::Value;

/// Reads `NAME=value` pairs from the process env (or a snapshot).
pub(crate) fn read(
    c: &mut Collector<'_>,
    vars: &[(String, String)],
    origin: impl Fn(String) -> Origin,
) {
    let prefix = c.schema.prefix.map(|p| format!("{p}_"));
    let profile_var = c.schema.profile_var();
    for (key, value) in vars {
        let relevant = prefix.as_deref().is_some_and(|p| key.starts_with(p))
            || c.plan.by_env.contains_key(key.as_str())
            || key.ends_with("_FILE");
        if !relevant {
            continue;
        }
        accept(
            c,
            key,
            value,
            || origin(key.clone()),
            Source::Env,
            prefix.as_deref(),
            &profile_var,
        );
    }
}

/// Handles one variable from the environment or a `.env` file.
pub(crate) fn accept(
    c: &mut Collector<'_>,
    key: &str,
    value: &str,
    origin: impl FnOnce() -> Origin,
    source: Source,
    prefix: Option<&str>,
    profile_var: &str,
) {
    if key == profile_var {
        return;
    }
    if let Some(&leaf) = c.plan.by_env.get(key) {
        c.put(
            leaf,
            Raw::Value(Value::Str(value.to_string())),
            origin(),
            source,
        );
        return;
    }
    if let Some(base) = key.strip_suffix("_FILE")
        && let Some(&leaf) = c.plan.by_env.get(base)
    {
        let path = PathBuf::from(value);
        match super::read_secret_file(&path) {
            Ok(content) => c.put_file_var(
                leaf,
                Raw::Value(Value::Str(content)),
                Origin::SecretFile {
                    path,
                    var: Some(key.to_string()),
                },
            ),
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
    if prefix.is_some_and(|p| key.starts_with(p)) {
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
