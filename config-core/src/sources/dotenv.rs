//! `.env` files, parsed by dotenvy without touching the process environment.

use std::path::Path;

use crate::collect::{Collector, Source};
use crate::origin::Origin;
use crate::problem::{Problem, ProblemKind};

pub(crate) fn read(c: &mut Collector<'_>, full: &Path, shown: &Path) {
    let text = match std::fs::read_to_string(full) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return,
        Err(e) => {
            c.problems.push(
                Problem::new(ProblemKind::Io, "", format!("cannot read .env file: {e}"))
                    .with_origin(Origin::Dotenv {
                        path: shown.to_path_buf(),
                        line: None,
                    }),
            );
            return;
        }
    };
    c.read.push(shown.display().to_string());
    let mut pairs = Vec::new();
    for item in dotenvy::from_read_iter(text.as_bytes()) {
        match item {
            Ok(pair) => pairs.push(pair),
            Err(dotenvy::Error::LineParse(line_text, _)) => {
                // dotenvy gives the offending text (which may hold a secret), not its line.
                let line = line_of_text(&text, &line_text);
                c.problems.push(
                    Problem::new(ProblemKind::Syntax, "", "invalid .env line")
                        .with_origin(Origin::Dotenv {
                            path: shown.to_path_buf(),
                            line,
                        })
                        .with_hint("write NAME=value, quoting values that contain spaces or #"),
                );
                return;
            }
            Err(e) => {
                c.problems.push(
                    Problem::new(ProblemKind::Syntax, "", format!("invalid .env file: {e}"))
                        .with_origin(Origin::Dotenv {
                            path: shown.to_path_buf(),
                            line: None,
                        }),
                );
                return;
            }
        }
    }
    let prefix = c.schema.prefix.map(|p| format!("{p}_"));
    let profile_var = c.schema.profile_var();
    for (key, value) in &pairs {
        let line = line_of_key(&text, key);
        super::env::accept(
            c,
            key,
            value,
            || Origin::Dotenv {
                path: shown.to_path_buf(),
                line,
            },
            Source::Dotenv,
            prefix.as_deref(),
            &profile_var,
        );
    }
}

/// The line of the last definition of `key` (later ones win in dotenv files).
fn line_of_key(text: &str, key: &str) -> Option<u32> {
    let mut found = None;
    for (index, line) in text.lines().enumerate() {
        let line = line.trim_start();
        let line = line
            .strip_prefix("export ")
            .map(str::trim_start)
            .unwrap_or(line);
        if let Some(rest) = line.strip_prefix(key)
            && rest.trim_start().starts_with('=')
        {
            found = Some(index as u32 + 1);
        }
    }
    found
}

fn line_of_text(text: &str, fragment: &str) -> Option<u32> {
    let first = fragment.lines().next().unwrap_or(fragment).trim();
    if first.is_empty() {
        return None;
    }
    text.lines()
        .position(|line| line.contains(first))
        .map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::line_of_key;

    #[test]
    fn finds_the_last_definition() {
        let text = "A=1\n# B=0\nexport B=2\nB = 3\n";
        assert_eq!(line_of_key(text, "A"), Some(1));
        assert_eq!(line_of_key(text, "B"), Some(4));
        assert_eq!(line_of_key(text, "C"), None);
    }
}
