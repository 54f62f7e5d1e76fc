//! A secrets folder with one file per setting, as Docker and Kubernetes mount them.
//!
//! A file is matched by the setting's env var name (`APP_DB__PASSWORD`), its
//! key path (`db.password`) or either in lower case.

use std::path::Path;

use crate::collect::{Collector, Raw, Source, Src};
use crate::origin::Origin;
use crate::problem::{Problem, ProblemKind};
use crate::value::Value;

pub(crate) fn read_dir(c: &mut Collector<'_>, dir: &Path) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return,
        Err(e) => {
            c.problems.push(Problem::new(
                ProblemKind::Io,
                "",
                format!("cannot read the secrets folder {}: {e}", dir.display()),
            ));
            return;
        }
    };
    c.secret_dirs.push(dir.to_path_buf());
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let leaf = c
            .plan
            .by_env
            .get(name)
            .or_else(|| c.plan.by_env.get(&name.to_ascii_uppercase()))
            .or_else(|| c.plan.by_path.get(name))
            .copied();
        let Some(leaf) = leaf else { continue };
        let path = entry.path();
        match super::read_secret_file(&path) {
            Ok(content) => {
                let path = c.register_secret_path(path);
                let src = Src::SecretFile {
                    path,
                    via_var: false,
                };
                c.put(
                    leaf,
                    Raw::Value(Value::Str(content)),
                    src,
                    Source::SecretFiles,
                );
            }
            Err(e) => {
                let key = c.plan.leaves[leaf].path.clone();
                c.problems.push(
                    Problem::new(
                        ProblemKind::Io,
                        key,
                        format!("cannot read secret file: {e}"),
                    )
                    .with_origin(Origin::SecretFile { path, var: None }),
                );
            }
        }
    }
}
