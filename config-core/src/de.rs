//! Conversion of raw [`Value`]s to field types through serde.
//!
//! The target type drives the conversion: a string becomes a number when a
//! number is asked for, a list when a list is asked for (comma-separated or a
//! JSON array), a table from JSON or `k=v,k=v`, a duration from `30s`. This is
//! what env vars need and what keeps `"0123"` a string for a `String` field.

use std::cell::Cell;
use std::fmt;

use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};

use crate::json;
use crate::value::Value;

/// The newtype name `Secret<T>` deserializes through, so the conversion knows
/// a value is secret even when the schema could not tell (type aliases, generics).
pub const SECRET_MARKER: &str = "__strata_secret__";

/// Per-leaf state shared by the deserializers of one value.
#[derive(Default)]
pub(crate) struct LeafCtx {
    /// Set when a `Secret<T>` was met while converting.
    pub secret: Cell<bool>,
}

/// A conversion error; `safe` is the message without the value in it.
#[derive(Debug)]
pub(crate) struct DeError {
    /// Path segments inside the leaf, innermost last once reversed.
    segments: Vec<String>,
    pub message: String,
    pub safe: Option<String>,
    /// The offending scalar as text, and whether it is a string (quoted in reports).
    pub found: Option<(String, bool)>,
}

impl DeError {
    fn new(message: String, safe: Option<String>) -> Self {
        DeError {
            segments: Vec::new(),
            message,
            safe,
            found: None,
        }
    }

    fn with_found(mut self, found: Option<(String, bool)>) -> Self {
        self.found = found;
        self
    }

    fn both(message: String, safe: String) -> Self {
        Self::new(message, Some(safe))
    }

    fn within(mut self, segment: String) -> Self {
        self.segments.push(segment);
        self
    }

    /// The path suffix inside the leaf (`[2]`, `.name`).
    pub fn suffix(&self) -> String {
        let mut out = String::new();
        for segment in self.segments.iter().rev() {
            out.push_str(segment);
        }
        out
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError::new(msg.to_string(), None)
    }

    fn invalid_type(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        // The safe text leaves the value out: reports add `found "..."` when it is not secret.
        DeError::both(
            format!("expected {exp}, found {unexp}"),
            format!("expected {exp}"),
        )
        .with_found(unexpected_text(&unexp))
    }

    fn invalid_value(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        DeError::both(
            format!("invalid value {unexp}, expected {exp}"),
            format!("invalid value, expected {exp}"),
        )
        .with_found(unexpected_text(&unexp))
    }

    fn invalid_length(len: usize, exp: &dyn de::Expected) -> Self {
        let message = format!("expected {exp}, found {len} elements");
        DeError::both(message.clone(), message)
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        let options = one_of(expected);
        DeError::both(
            format!("unknown variant {variant:?}, expected {options}"),
            format!("unknown variant, expected {options}"),
        )
        .with_found(Some((variant.to_string(), true)))
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        let message = format!("unknown field `{field}`, expected {}", one_of(expected));
        DeError::both(message.clone(), message)
    }

    fn missing_field(field: &'static str) -> Self {
        let message = format!("missing field `{field}`");
        DeError::both(message.clone(), message)
    }
}

/// A scalar named by serde, as report text.
fn unexpected_text(unexp: &de::Unexpected<'_>) -> Option<(String, bool)> {
    use de::Unexpected::*;
    match unexp {
        Str(s) => Some((s.to_string(), true)),
        Char(c) => Some((c.to_string(), true)),
        Signed(i) => Some((i.to_string(), false)),
        Unsigned(u) => Some((u.to_string(), false)),
        Float(x) => Some((x.to_string(), false)),
        Bool(b) => Some((b.to_string(), false)),
        _ => None,
    }
}

fn one_of(names: &[&str]) -> String {
    match names {
        [] => "nothing".to_string(),
        [one] => format!("`{one}`"),
        _ => format!(
            "one of {}",
            names
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// The entries of a table value.
type Entries = Vec<(String, Value)>;

/// Deserializes one raw value into the requested type.
pub(crate) struct ValueDe<'c> {
    value: Value,
    ctx: &'c LeafCtx,
}

impl<'c> ValueDe<'c> {
    pub fn new(value: Value, ctx: &'c LeafCtx) -> Self {
        ValueDe { value, ctx }
    }

    fn found(&self) -> (String, &'static str) {
        let shown = match &self.value {
            Value::Str(s) => format!("{s:?}"),
            other => other.to_string(),
        };
        (shown, self.value.kind())
    }

    fn mismatch(&self, expected: &str) -> DeError {
        let (shown, kind) = self.found();
        DeError::both(
            format!("expected {expected}, found {kind} {shown}"),
            format!("expected {expected}"),
        )
        .with_found(self.scalar_text())
    }

    fn scalar_text(&self) -> Option<(String, bool)> {
        match &self.value {
            Value::Str(s) => Some((s.clone(), true)),
            Value::Int(_) | Value::Float(_) | Value::Bool(_) => {
                Some((self.value.to_string(), false))
            }
            _ => None,
        }
    }

    fn integer(&self, min: i128, max: u128) -> Result<i128, DeError> {
        let parsed: Option<i128> = match &self.value {
            Value::Int(i) => Some(i128::from(*i)),
            Value::Float(x) if x.fract() == 0.0 && x.is_finite() => Some(*x as i128),
            Value::Str(s) => s.trim().parse::<i128>().ok(),
            _ => None,
        };
        match parsed {
            Some(n) if n >= min && (n < 0 || (n as u128) <= max) => Ok(n),
            _ if min == i128::MIN && max == i128::MAX as u128 => Err(self.mismatch("an integer")),
            _ => Err(self.mismatch(&format!("an integer from {min} to {max}"))),
        }
    }

    fn float(&self) -> Result<f64, DeError> {
        match &self.value {
            Value::Float(x) => Ok(*x),
            Value::Int(i) => Ok(*i as f64),
            Value::Str(s) => s
                .trim()
                .parse::<f64>()
                .map_err(|_| self.mismatch("a number")),
            _ => Err(self.mismatch("a number")),
        }
    }

    fn into_list(self) -> Result<(Vec<Value>, &'c LeafCtx), DeError> {
        let ctx = self.ctx;
        match self.value {
            Value::List(items) => Ok((items, ctx)),
            Value::Str(s) => {
                let trimmed = s.trim();
                if trimmed.starts_with('[') {
                    match json::parse(trimmed) {
                        Ok(Value::List(items)) => Ok((items, ctx)),
                        Ok(_) => Err(json_error("a JSON array", None)),
                        Err(e) => Err(json_error("a JSON array", Some(e))),
                    }
                } else {
                    let items = trimmed
                        .split(',')
                        .map(str::trim)
                        .filter(|item| !item.is_empty())
                        .map(|item| Value::Str(item.to_string()))
                        .collect();
                    Ok((items, ctx))
                }
            }
            other => Err(ValueDe::new(other, ctx).mismatch("a list")),
        }
    }

    fn into_map(self) -> Result<(Entries, &'c LeafCtx), DeError> {
        let ctx = self.ctx;
        match self.value {
            Value::Map(entries) => Ok((entries, ctx)),
            Value::Str(s) => {
                let trimmed = s.trim();
                if trimmed.starts_with('{') {
                    match json::parse(trimmed) {
                        Ok(Value::Map(entries)) => Ok((entries, ctx)),
                        Ok(_) => Err(json_error("a JSON object", None)),
                        Err(e) => Err(json_error("a JSON object", Some(e))),
                    }
                } else {
                    let mut entries = Vec::new();
                    for pair in trimmed.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                        match pair.split_once('=') {
                            Some((k, v)) => entries
                                .push((k.trim().to_string(), Value::Str(v.trim().to_string()))),
                            None => {
                                return Err(DeError::both(
                                    "expected a table: a JSON object or `key=value` pairs separated by commas".into(),
                                    "expected a table: a JSON object or `key=value` pairs separated by commas".into(),
                                ));
                            }
                        }
                    }
                    Ok((entries, ctx))
                }
            }
            other => Err(ValueDe::new(other, ctx).mismatch("a table")),
        }
    }
}

fn json_error(expected: &str, error: Option<json::JsonError>) -> DeError {
    let detail = match error {
        Some(e) => format!(" ({e})"),
        None => String::new(),
    };
    DeError::both(
        format!("expected {expected}{detail}"),
        format!("expected {expected}{detail}"),
    )
}

macro_rules! int_method {
    ($method:ident, $visit:ident, $t:ty) => {
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
            // The expected text is only built when the conversion fails.
            let n = self.integer(<$t>::MIN as i128, <$t>::MAX as u128)?;
            visitor.$visit(n as $t)
        }
    };
}

impl<'de> de::Deserializer<'de> for ValueDe<'_> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let ctx = self.ctx;
        match self.value {
            Value::Str(s) => {
                // Types that give no hint (internally tagged or untagged enums,
                // `serde_json::Value`) still read env text holding a JSON object or array.
                let trimmed = s.trim();
                if (trimmed.starts_with('{') || trimmed.starts_with('['))
                    && let Ok(parsed @ (Value::Map(_) | Value::List(_))) = json::parse(trimmed)
                {
                    return ValueDe::new(parsed, ctx).deserialize_any(visitor);
                }
                visitor.visit_string(s)
            }
            Value::Int(i) => visitor.visit_i64(i),
            Value::Float(x) => visitor.visit_f64(x),
            Value::Bool(b) => visitor.visit_bool(b),
            Value::Null => visitor.visit_unit(),
            Value::List(items) => visitor.visit_seq(SeqDe::new(items, ctx)),
            Value::Map(entries) => visitor.visit_map(MapDe::new(entries, ctx)),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let parsed = match &self.value {
            Value::Bool(b) => Some(*b),
            Value::Int(0) => Some(false),
            Value::Int(1) => Some(true),
            Value::Str(s) => {
                let s = s.trim();
                let is = |words: [&str; 4]| words.iter().any(|w| s.eq_ignore_ascii_case(w));
                if is(["true", "1", "yes", "on"]) {
                    Some(true)
                } else if is(["false", "0", "no", "off"]) {
                    Some(false)
                } else {
                    None
                }
            }
            _ => None,
        };
        match parsed {
            Some(b) => visitor.visit_bool(b),
            None => Err(self.mismatch("a boolean (true/false, 1/0, yes/no, on/off)")),
        }
    }

    int_method!(deserialize_i8, visit_i8, i8);
    int_method!(deserialize_i16, visit_i16, i16);
    int_method!(deserialize_i32, visit_i32, i32);
    int_method!(deserialize_i64, visit_i64, i64);
    int_method!(deserialize_u8, visit_u8, u8);
    int_method!(deserialize_u16, visit_u16, u16);
    int_method!(deserialize_u32, visit_u32, u32);
    int_method!(deserialize_u64, visit_u64, u64);

    fn deserialize_i128<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let n = self.integer(i128::MIN, i128::MAX as u128)?;
        visitor.visit_i128(n)
    }

    fn deserialize_u128<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if let Value::Str(s) = &self.value
            && let Ok(n) = s.trim().parse::<u128>()
        {
            return visitor.visit_u128(n);
        }
        let n = self.integer(0, u128::MAX)?;
        visitor.visit_u128(n as u128)
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_f32(self.float()? as f32)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_f64(self.float()?)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if let Value::Str(s) = &self.value {
            let mut chars = s.chars();
            if let (Some(c), None) = (chars.next(), chars.next()) {
                return visitor.visit_char(c);
            }
        }
        Err(self.mismatch("a single character"))
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_string(visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.value {
            Value::Str(s) => visitor.visit_string(s),
            Value::Int(i) => visitor.visit_string(i.to_string()),
            Value::Float(x) => visitor.visit_string(x.to_string()),
            Value::Bool(b) => visitor.visit_string(b.to_string()),
            _ => Err(self.mismatch("a string")),
        }
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_byte_buf(visitor)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.value {
            Value::Str(s) => visitor.visit_byte_buf(s.into_bytes()),
            Value::List(items) => visitor.visit_seq(SeqDe::new(items, self.ctx)),
            _ => Err(self.mismatch("a string or a list of bytes")),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.value {
            Value::Null => visitor.visit_none(),
            Value::Str(s) if s.is_empty() => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.value {
            Value::Null => visitor.visit_unit(),
            Value::Str(s) if s.is_empty() => visitor.visit_unit(),
            _ => Err(self.mismatch("nothing")),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        if name == SECRET_MARKER {
            self.ctx.secret.set(true);
        }
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let (items, ctx) = self.into_list()?;
        visitor.visit_seq(SeqDe::new(items, ctx))
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let (entries, ctx) = self.into_map()?;
        visitor.visit_map(MapDe::new(entries, ctx))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        // std's Duration deserializes as a struct { secs, nanos }; accept "30s" and seconds.
        if name == "Duration" && fields == ["secs", "nanos"] {
            let duration = match &self.value {
                Value::Str(s) => humantime::parse_duration(s.trim()).map_err(|e| {
                    let (shown, _) = self.found();
                    DeError::both(
                        format!("expected a duration such as \"30s\", \"5m\" or \"1h 30m\", found {shown} ({e})"),
                        "expected a duration such as \"30s\", \"5m\" or \"1h 30m\"".into(),
                    )
                    .with_found(self.scalar_text())
                })?,
                Value::Int(i) if *i >= 0 => std::time::Duration::from_secs(*i as u64),
                Value::Float(x) if *x >= 0.0 && x.is_finite() => std::time::Duration::from_secs_f64(*x),
                _ => return Err(self.mismatch("a duration such as \"30s\" or a number of seconds")),
            };
            return visitor.visit_map(DurationDe {
                parts: [
                    ("secs", duration.as_secs()),
                    ("nanos", u64::from(duration.subsec_nanos())),
                ],
                next: 0,
            });
        }
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let ctx = self.ctx;
        match self.value {
            Value::Str(s) => visitor.visit_enum(s.trim().to_string().into_deserializer()),
            Value::Map(mut entries) if entries.len() == 1 => {
                let (variant, value) = entries.remove(0);
                visitor.visit_enum(EnumDe {
                    variant,
                    value,
                    ctx,
                })
            }
            other => Err(ValueDe::new(other, ctx).mismatch("a variant name")),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_string(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }
}

struct SeqDe<'c> {
    items: std::vec::IntoIter<Value>,
    index: usize,
    ctx: &'c LeafCtx,
}

impl<'c> SeqDe<'c> {
    fn new(items: Vec<Value>, ctx: &'c LeafCtx) -> Self {
        SeqDe {
            items: items.into_iter(),
            index: 0,
            ctx,
        }
    }
}

impl<'de> de::SeqAccess<'de> for SeqDe<'_> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        let Some(item) = self.items.next() else {
            return Ok(None);
        };
        let index = self.index;
        self.index += 1;
        seed.deserialize(ValueDe::new(item, self.ctx))
            .map(Some)
            .map_err(|e| e.within(format!("[{index}]")))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct MapDe<'c> {
    entries: std::vec::IntoIter<(String, Value)>,
    pending: Option<(String, Value)>,
    ctx: &'c LeafCtx,
}

impl<'c> MapDe<'c> {
    fn new(entries: Vec<(String, Value)>, ctx: &'c LeafCtx) -> Self {
        MapDe {
            entries: entries.into_iter(),
            pending: None,
            ctx,
        }
    }
}

impl<'de> de::MapAccess<'de> for MapDe<'_> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        let result = seed.deserialize(ValueDe::new(Value::Str(key.clone()), self.ctx));
        self.pending = Some((key, value));
        result.map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let Some((key, value)) = self.pending.take() else {
            return Err(de::Error::custom("value requested before key"));
        };
        seed.deserialize(ValueDe::new(value, self.ctx))
            .map_err(|e| e.within(format!(".{key}")))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

struct EnumDe<'c> {
    variant: String,
    value: Value,
    ctx: &'c LeafCtx,
}

impl<'de, 'c> de::EnumAccess<'de> for EnumDe<'c> {
    type Error = DeError;
    type Variant = ValueDe<'c>;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, ValueDe<'c>), DeError> {
        let variant = seed.deserialize(ValueDe::new(Value::Str(self.variant), self.ctx))?;
        Ok((variant, ValueDe::new(self.value, self.ctx)))
    }
}

impl<'de> de::VariantAccess<'de> for ValueDe<'_> {
    type Error = DeError;

    fn unit_variant(self) -> Result<(), DeError> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, DeError> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, DeError> {
        de::Deserializer::deserialize_seq(self, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        de::Deserializer::deserialize_map(self, visitor)
    }
}

/// The two fields of std's `Duration`, without allocating a table.
struct DurationDe {
    parts: [(&'static str, u64); 2],
    next: usize,
}

impl<'de> de::MapAccess<'de> for DurationDe {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        match self.parts.get(self.next) {
            Some((key, _)) => seed
                .deserialize(de::value::BorrowedStrDeserializer::new(key))
                .map(Some),
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let value = self.parts.get(self.next).map_or(0, |(_, v)| *v);
        self.next += 1;
        seed.deserialize(de::value::U64Deserializer::new(value))
    }
}

/// Deserializes `None`/unit for fields that no source set, so `Option<T>`
/// becomes `None` without the generated code knowing it is an `Option`.
pub(crate) struct AbsentDe;

impl<'de> de::Deserializer<'de> for AbsentDe {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, DeError> {
        Err(DeError::both("missing".into(), "missing".into()))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_none()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}
