//! `.env` files, parsed by dotenvy without touching the process environment.

use std::path::Path;

use crate::collect::{Collector, Source, Src};
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
    let file = c.register_file(shown);
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
    let lines = key_lines(&text);
    for (key, value) in &pairs {
        let line = lines.iter().rev().find(|(k, _)| k == key).map(|(_, l)| *l);
        super::env::accept(
            c,
            key,
            std::borrow::Cow::Borrowed(value.as_str()),
            Src::Dotenv {
                file,
                line: line.unwrap_or(0),
            },
            || Origin::Dotenv {
                path: shown.to_path_buf(),
                line,
            },
            Source::Dotenv,
        );
    }
}

/// The variable defined on each line, in one pass (later definitions win).
fn key_lines(text: &str) -> Vec<(&str, u32)> {
    let mut out = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim_start();
        let line = line
            .strip_prefix("export ")
            .map(str::trim_start)
            .unwrap_or(line);
        if let Some((key, _)) = line.split_once('=') {
            let key = key.trim_end();
            if !key.is_empty() && !key.starts_with('#') {
                out.push((key, index as u32 + 1));
            }
        }
    }
    out
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
    use super::key_lines;

    #[test]
    fn finds_every_definition() {
        let text = "A=1\n# B=0\nexport B=2\nB = 3\n";
        assert_eq!(key_lines(text), vec![("A", 1), ("B", 3), ("B", 4)]);
    }
}
