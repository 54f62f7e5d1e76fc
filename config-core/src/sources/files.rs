//! Config files: TOML (default), JSON and YAML (cargo features), walked
//! against the schema so that unknown keys are caught with a suggestion.

use std::path::Path;

use crate::collect::{Collector, Raw, Source, Src};
use crate::origin::Origin;
use crate::plan::{Child, Node};
use crate::problem::{Problem, ProblemKind};
use crate::value::Value;

/// Reads one config file into the collector.
pub(crate) fn read(c: &mut Collector<'_>, full: &Path, shown: &Path, required: bool) {
    let text = match std::fs::read_to_string(full) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => return,
        Err(e) => {
            let message = if e.kind() == std::io::ErrorKind::NotFound {
                "required config file not found".to_string()
            } else {
                format!("cannot read config file: {e}")
            };
            c.problems.push(
                Problem::new(ProblemKind::Io, "", message).with_origin(file_origin(shown, None)),
            );
            return;
        }
    };
    let file = c.register_file(shown);
    let extension = full
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match extension.as_str() {
        "toml" => read_toml(c, &text, shown, file),
        "json" => read_json(c, &text, shown, file),
        "yaml" | "yml" => read_yaml(c, &text, shown, file),
        other => c.problems.push(
            Problem::new(
                ProblemKind::Syntax,
                "",
                format!("unsupported config file format `.{other}`"),
            )
            .with_origin(file_origin(shown, None))
            .with_hint("use a .toml, .json or .yaml file"),
        ),
    }
}

pub(crate) fn file_origin(shown: &Path, line: Option<u32>) -> Origin {
    Origin::File {
        path: shown.to_path_buf(),
        line,
    }
}

#[cfg(feature = "toml")]
fn read_toml(c: &mut Collector<'_>, text: &str, shown: &Path, file: u16) {
    super::toml::read(c, text, shown, file);
}

#[cfg(not(feature = "toml"))]
fn read_toml(c: &mut Collector<'_>, _text: &str, shown: &Path, _file: u16) {
    missing_feature(c, shown, "toml");
}

#[cfg(feature = "json")]
fn read_json(c: &mut Collector<'_>, text: &str, shown: &Path, file: u16) {
    match crate::json::parse_with_lines(text) {
        Ok((value, lines)) => walk_document(c, value, (shown, file), KeyLines { lines, next: 0 }),
        Err(e) => syntax_error(
            c,
            shown,
            Some(e.line),
            &format!("invalid JSON: {}", e.message),
        ),
    }
}

#[cfg(not(feature = "json"))]
fn read_json(c: &mut Collector<'_>, _text: &str, shown: &Path, _file: u16) {
    missing_feature(c, shown, "json");
}

#[cfg(feature = "yaml")]
fn read_yaml(c: &mut Collector<'_>, text: &str, shown: &Path, file: u16) {
    match serde_norway::from_str::<Value>(text) {
        Ok(Value::Null) => {}
        Ok(value) => {
            let lines = yaml_key_lines(text)
                .filter(|lines| lines.len() == count_keys(&value))
                .unwrap_or_default();
            walk_document(c, value, (shown, file), KeyLines { lines, next: 0 })
        }
        Err(e) => {
            let line = e.location().map(|l| l.line() as u32);
            // The YAML error text can quote the offending line; keep only its first clause.
            let message = e.to_string();
            let message = message
                .split(" at line ")
                .next()
                .unwrap_or("syntax error")
                .to_string();
            syntax_error(c, shown, line, &format!("invalid YAML: {message}"));
        }
    }
}

#[cfg(not(feature = "yaml"))]
fn read_yaml(c: &mut Collector<'_>, _text: &str, shown: &Path, _file: u16) {
    missing_feature(c, shown, "yaml");
}

#[allow(dead_code)]
fn missing_feature(c: &mut Collector<'_>, shown: &Path, feature: &str) {
    c.problems.push(
        Problem::new(
            ProblemKind::Syntax,
            "",
            format!("{feature} config files are not enabled in this build"),
        )
        .with_origin(file_origin(shown, None))
        .with_hint(format!("enable the `{feature}` feature of strata")),
    );
}

pub(crate) fn syntax_error(c: &mut Collector<'_>, shown: &Path, line: Option<u32>, message: &str) {
    c.problems.push(
        Problem::new(ProblemKind::Syntax, "", message.to_string())
            .with_origin(file_origin(shown, line)),
    );
}

/// The lines of the keys of a block-style YAML document, in document order.
/// Used only when their number matches the parsed document's keys, so flow
/// mappings, lists of mappings and other shapes this scan does not follow fall
/// back to origins without a line.
#[cfg(feature = "yaml")]
fn yaml_key_lines(text: &str) -> Option<Vec<u32>> {
    let mut lines = Vec::new();
    // While inside a block scalar (`key: |`), lines indented deeper are text.
    let mut scalar_indent: Option<usize> = None;
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if let Some(min) = scalar_indent {
            if trimmed.is_empty() || indent > min {
                continue;
            }
            scalar_indent = None;
        }
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with("---") {
            continue;
        }
        if trimmed.starts_with('-') || trimmed.starts_with('{') || trimmed.starts_with('[') {
            return None;
        }
        let Some((key, rest)) = trimmed.split_once(':') else {
            continue;
        };
        if key.is_empty() || !(rest.is_empty() || rest.starts_with(' ')) {
            continue;
        }
        let rest = rest.trim();
        if rest.starts_with('|') || rest.starts_with('>') {
            scalar_indent = Some(indent);
        }
        lines.push(index as u32 + 1);
    }
    Some(lines)
}

/// How many keys the tables of a value hold, nested ones included.
#[cfg(feature = "yaml")]
fn count_keys(value: &Value) -> usize {
    match value {
        Value::Map(entries) => {
            entries.len() + entries.iter().map(|(_, v)| count_keys(v)).sum::<usize>()
        }
        Value::List(items) => items.iter().map(count_keys).sum(),
        _ => 0,
    }
}

/// The lines of a document's keys in depth-first order (empty when unknown).
#[derive(Default)]
#[cfg_attr(not(any(feature = "json", feature = "yaml")), allow(dead_code))]
struct KeyLines {
    lines: Vec<u32>,
    next: usize,
}

#[cfg_attr(not(any(feature = "json", feature = "yaml")), allow(dead_code))]
impl KeyLines {
    /// The line of the next key (0 when unknown).
    fn take(&mut self) -> u32 {
        let line = self.lines.get(self.next).copied().unwrap_or(0);
        self.next += 1;
        line
    }

    /// Passes over the keys inside a value that is not walked.
    fn skip_within(&mut self, value: &Value) {
        match value {
            Value::Map(entries) => {
                self.next += entries.len();
                entries.iter().for_each(|(_, v)| self.skip_within(v));
            }
            Value::List(items) => items.iter().for_each(|v| self.skip_within(v)),
            _ => {}
        }
    }
}

/// Walks a JSON or YAML document against the schema.
#[cfg_attr(not(any(feature = "json", feature = "yaml")), allow(dead_code))]
fn walk_document(
    c: &mut Collector<'_>,
    value: Value,
    (shown, file): (&Path, u16),
    mut lines: KeyLines,
) {
    match value {
        Value::Map(entries) => {
            let plan = c.plan;
            walk_map(c, &plan.root, "", entries, (shown, file), &mut lines);
        }
        other => syntax_error(
            c,
            shown,
            None,
            &format!(
                "expected a table at the top of the file, found {}",
                other.kind()
            ),
        ),
    }
}

#[cfg_attr(not(any(feature = "json", feature = "yaml")), allow(dead_code))]
fn walk_map(
    c: &mut Collector<'_>,
    node: &Node,
    parent: &str,
    entries: Vec<(String, Value)>,
    (shown, file): (&Path, u16),
    lines: &mut KeyLines,
) {
    for (key, value) in entries {
        let line = lines.take();
        let origin = || file_origin(shown, (line > 0).then_some(line));
        match node.get(&key) {
            Some(Child::Leaf(leaf)) => {
                lines.skip_within(&value);
                c.put(
                    *leaf,
                    Raw::Value(value),
                    Src::File { file, line },
                    Source::Files,
                )
            }
            Some(Child::Table(child)) => match value {
                Value::Map(inner) => {
                    walk_map(c, child, &join(parent, &key), inner, (shown, file), lines)
                }
                other => {
                    lines.skip_within(&other);
                    not_a_table(c, &join(parent, &key), other.kind(), origin())
                }
            },
            None => {
                lines.skip_within(&value);
                unknown_key(c, node, &join(parent, &key), &key, origin())
            }
        }
    }
}

pub(crate) fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

pub(crate) fn not_a_table(c: &mut Collector<'_>, path: &str, found: &str, origin: Origin) {
    c.problems.push(
        Problem::new(
            ProblemKind::InvalidValue,
            path,
            format!("expected a table of settings, found {found}"),
        )
        .with_origin(origin),
    );
}

/// Reports a key the schema does not have, with "did you mean" among its siblings.
pub(crate) fn unknown_key(
    c: &mut Collector<'_>,
    node: &Node,
    path: &str,
    key: &str,
    origin: Origin,
) {
    let hint = match crate::suggest::closest(key, node.keys()) {
        Some(near) => format!("did you mean `{near}`?"),
        None => format!(
            "known keys here: {}",
            node.keys().collect::<Vec<_>>().join(", ")
        ),
    };
    let problem = Problem::new(ProblemKind::UnknownKey, path, "unknown key")
        .with_origin(origin)
        .with_hint(hint);
    if c.deny_unknown {
        c.problems.push(problem);
    } else {
        c.warnings.push(problem);
    }
}

#[cfg(all(test, feature = "yaml"))]
mod tests {
    use super::yaml_key_lines;

    #[test]
    fn yaml_keys_in_document_order() {
        let text = "# c\nport: 1\ndb:\n  host: x\n  note: |\n    a: b\n    c: d\n  port: 2\n";
        assert_eq!(yaml_key_lines(text), Some(vec![2, 3, 4, 5, 8]));
        assert_eq!(yaml_key_lines("hosts:\n  - a: 1\n"), None);
    }
}
