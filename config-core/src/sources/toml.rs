//! TOML files, parsed with spans so every value knows its line.

use std::path::Path;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::Lines;
use super::files::{file_origin, join, not_a_table, syntax_error, unknown_key};
use crate::collect::{Collector, Raw, Source};
use crate::plan::{Child, Node};
use crate::value::Value;

pub(crate) fn read(c: &mut Collector<'_>, text: &str, shown: &Path) {
    let lines = Lines::new(text);
    match DeTable::parse(text) {
        Ok(table) => {
            let plan = c.plan;
            walk(c, &plan.root, "", table.into_inner(), shown, &lines);
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

fn walk(
    c: &mut Collector<'_>,
    node: &Node,
    parent: &str,
    table: DeTable<'_>,
    shown: &Path,
    lines: &Lines,
) {
    for (key, value) in table {
        let line = Some(lines.line_of(key.span().start));
        let key = key.into_inner();
        let path = join(parent, &key);
        match node.get(&key) {
            Some(Child::Leaf(leaf)) => {
                let value = convert(value.into_inner());
                c.put(
                    *leaf,
                    Raw::Value(value),
                    file_origin(shown, line),
                    Source::Files,
                );
            }
            Some(Child::Table(child)) => match value.into_inner() {
                DeValue::Table(inner) => walk(c, child, &path, inner, shown, lines),
                other => not_a_table(c, &path, other.type_str(), file_origin(shown, line)),
            },
            None => unknown_key(c, node, &path, &key, file_origin(shown, line)),
        }
    }
}

fn convert(value: DeValue<'_>) -> Value {
    match value {
        DeValue::String(s) => Value::Str(s.into_owned()),
        DeValue::Integer(i) => match i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()) {
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

fn parse_float(text: &str) -> f64 {
    let cleaned = text.replace('_', "");
    match cleaned.as_str() {
        "inf" | "+inf" => f64::INFINITY,
        "-inf" => f64::NEG_INFINITY,
        "nan" | "+nan" | "-nan" => f64::NAN,
        other => other.parse().unwrap_or(f64::NAN),
    }
}
