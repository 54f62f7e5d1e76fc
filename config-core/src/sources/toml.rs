//! TOML files, parsed with spans so every value knows its line.

use std::path::Path;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::Lines;
use super::files::{file_origin, join, not_a_table, syntax_error, unknown_key};
use crate::collect::{Collector, Raw, Source, Src};
use crate::plan::{Child, Node};
use crate::value::Value;

pub(crate) fn read(c: &mut Collector<'_>, text: &str, shown: &Path, file: u16) {
    let lines = Lines::new(text);
    match DeTable::parse(text) {
        Ok(table) => {
            let plan = c.plan;
            let mut parent = String::new();
            let at = At {
                file,
                shown,
                lines: &lines,
            };
            walk(c, &plan.root, &mut parent, table.into_inner(), &at);
        }
        Err(e) => {
            // The error's own rendering quotes the source line, which may hold a
            // secret: report the message and the line number only.
            let line = e.span().map(|span| lines.line_of(span.start));
            syntax_error(
                c,
                shown,
                line,
                &format!("invalid TOML: {}", e.message().trim()),
            );
        }
    }
}

/// The file being walked.
struct At<'a> {
    file: u16,
    shown: &'a Path,
    lines: &'a Lines,
}

/// `parent` is the key path so far, grown and truncated in place.
fn walk(c: &mut Collector<'_>, node: &Node, parent: &mut String, table: DeTable<'_>, at: &At<'_>) {
    for (key, value) in table {
        let line = at.lines.line_of(key.span().start);
        let key = key.into_inner();
        match node.get(&key) {
            Some(Child::Leaf(leaf)) => {
                let value = convert(value.into_inner());
                let src = Src::File {
                    file: at.file,
                    line,
                };
                c.put(*leaf, Raw::Value(value), src, Source::Files);
            }
            Some(Child::Table(child)) => match value.into_inner() {
                DeValue::Table(inner) => {
                    let len = parent.len();
                    if len > 0 {
                        parent.push('.');
                    }
                    parent.push_str(&key);
                    walk(c, child, parent, inner, at);
                    parent.truncate(len);
                }
                other => not_a_table(
                    c,
                    &join(parent, &key),
                    other.type_str(),
                    file_origin(at.shown, Some(line)),
                ),
            },
            None => unknown_key(
                c,
                node,
                &join(parent, &key),
                &key,
                file_origin(at.shown, Some(line)),
            ),
        }
    }
}

fn convert(value: DeValue<'_>) -> Value {
    match value {
        DeValue::String(s) => Value::Str(s.into_owned()),
        DeValue::Integer(i) => match parse_integer(i.as_str(), i.radix()) {
            Ok(n) => Value::Int(n),
            Err(_) => Value::Str(i.as_str().to_string()),
        },
        DeValue::Float(x) => Value::Float(parse_float(x.as_str())),
        DeValue::Boolean(b) => Value::Bool(b),
        DeValue::Datetime(d) => Value::Str(d.to_string()),
        DeValue::Array(items) => {
            Value::List(items.into_iter().map(|v| convert(v.into_inner())).collect())
        }
        DeValue::Table(table) => Value::Map(
            table
                .into_iter()
                .map(|(k, v): (Spanned<_>, Spanned<DeValue<'_>>)| {
                    (k.into_inner().into_owned(), convert(v.into_inner()))
                })
                .collect(),
        ),
    }
}

fn parse_integer(text: &str, radix: u32) -> Result<i64, std::num::ParseIntError> {
    if text.contains('_') {
        i64::from_str_radix(&text.replace('_', ""), radix)
    } else {
        i64::from_str_radix(text, radix)
    }
}

fn parse_float(text: &str) -> f64 {
    let cleaned = text.replace('_', "");
    match cleaned.as_str() {
        "inf" | "+inf" => f64::INFINITY,
        "-inf" => f64::NEG_INFINITY,
        "nan" | "+nan" | "-nan" => f64::NAN,
        other => other.parse().unwrap_or(f64::NAN),
    }
}
