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

/// Reads any self-describing format (YAML files) into a [`Value`].
impl<'de> serde::Deserialize<'de> for Value {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> serde::de::Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value")
    }
    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }
    fn visit_i64<E>(self, i: i64) -> Result<Value, E> {
        Ok(Value::Int(i))
    }
    fn visit_u64<E>(self, u: u64) -> Result<Value, E> {
        // Beyond i64 the digits are kept, converted by the field type.
        Ok(i64::try_from(u).map_or_else(|_| Value::Str(u.to_string()), Value::Int))
    }
    fn visit_f64<E>(self, x: f64) -> Result<Value, E> {
        Ok(Value::Float(x))
    }
    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::Str(s.to_string()))
    }
    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::Str(s))
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        serde::Deserialize::deserialize(d)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::List(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::new();
        while let Some((key, value)) = map.next_entry::<Value, Value>()? {
            let key = match key {
                Value::Str(s) => s,
                other => other.to_string(),
            };
            entries.push((key, value));
        }
        Ok(Value::Map(entries))
    }
}
