//! Raw values as sources give them, before conversion to the field type.

use std::fmt;

/// A raw value from a source. Strings are converted by the field's type
/// (`"8080"` becomes a `u16`, `"a,b"` a `Vec<String>`), so env vars and file
/// values go through one conversion path.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text; converted by the target type.
    Str(String),
    /// A whole number from a typed source.
    Int(i64),
    /// A floating-point number from a typed source.
    Float(f64),
    /// A boolean from a typed source.
    Bool(bool),
    /// An array.
    List(Vec<Value>),
    /// A table / object, in source order.
    Map(Vec<(String, Value)>),
    /// An explicit null (JSON, YAML).
    Null,
}

impl Value {
    /// A short name of the value's kind, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Str(_) => "a string",
            Value::Int(_) => "an integer",
            Value::Float(_) => "a float",
            Value::Bool(_) => "a boolean",
            Value::List(_) => "a list",
            Value::Map(_) => "a table",
            Value::Null => "null",
        }
    }

    /// Every string inside the value, for scrubbing secrets from messages.
    pub(crate) fn strings(&self, out: &mut Vec<String>) {
        match self {
            Value::Str(s) => out.push(s.clone()),
            Value::List(items) => items.iter().for_each(|v| v.strings(out)),
            Value::Map(entries) => entries.iter().for_each(|(_, v)| v.strings(out)),
            Value::Int(i) => out.push(i.to_string()),
            Value::Float(f) => out.push(f.to_string()),
            Value::Bool(_) | Value::Null => {}
        }
    }
}

impl fmt::Display for Value {
    /// Renders the value the way a user would write it: strings bare at the
    /// top level, quoted inside lists and tables.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Str(s) => f.write_str(s),
            other => write_nested(other, f),
        }
    }
}

fn write_nested(value: &Value, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    match value {
        Value::Str(s) => write!(f, "{s:?}"),
        Value::Int(i) => write!(f, "{i}"),
        Value::Float(x) => write!(f, "{x}"),
        Value::Bool(b) => write!(f, "{b}"),
        Value::Null => f.write_str("null"),
        Value::List(items) => {
            f.write_str("[")?;
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                write_nested(item, f)?;
            }
            f.write_str("]")
        }
        Value::Map(entries) => {
            f.write_str("{")?;
            for (i, (k, v)) in entries.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                write!(f, "{k} = ")?;
                write_nested(v, f)?;
            }
            f.write_str("}")
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::Str(s.to_string())
    }
}
impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::Str(s)
    }
}
impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}
impl From<f64> for Value {
    fn from(x: f64) -> Self {
        Value::Float(x)
    }
}
macro_rules! from_int {
    ($($t:ty),*) => {$(
        impl From<$t> for Value {
            fn from(i: $t) -> Self {
                Value::Int(i64::from(i))
            }
        }
    )*};
}
from_int!(i8, i16, i32, i64, u8, u16, u32);

impl<T: Into<Value>> From<Vec<T>> for Value {
    fn from(items: Vec<T>) -> Self {
        Value::List(items.into_iter().map(Into::into).collect())
    }
}

impl From<crate::schema::Lit> for Value {
    fn from(lit: crate::schema::Lit) -> Self {
        use crate::schema::Lit;
        match lit {
            Lit::Str(s) => Value::Str(s.to_string()),
            Lit::Int(i) => Value::Int(i),
            Lit::Float(x) => Value::Float(x),
            Lit::Bool(b) => Value::Bool(b),
        }
    }
}

/// Converts a `serde_json` value (env JSON, JSON files).
pub(crate) fn from_json(value: serde_json::Value) -> Value {
    match value {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(b),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => Value::Int(i),
            // u64 above i64::MAX keeps its digits; floats stay floats.
            None if n.is_u64() => Value::Str(n.to_string()),
            None => Value::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        serde_json::Value::String(s) => Value::Str(s),
        serde_json::Value::Array(items) => Value::List(items.into_iter().map(from_json).collect()),
        serde_json::Value::Object(map) => {
            Value::Map(map.into_iter().map(|(k, v)| (k, from_json(v))).collect())
        }
    }
}
