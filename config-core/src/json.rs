//! A small JSON reader producing [`Value`]s, for JSON given in env vars
//! (`APP_HOSTS='["a","b"]'`) and JSON config files.
//!
//! Written here rather than taken from `serde_json` because settings need only
//! values, not a general serializer, and `serde_json` with its number and
//! search crates adds several seconds to every clean build of every crate using
//! Strata. Errors carry a line and column, never the input text.

use crate::value::Value;

/// A JSON syntax error: what was expected and where (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct JsonError {
    pub message: &'static str,
    pub line: u32,
    pub column: u32,
}

impl std::fmt::Display for JsonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.message, self.line, self.column
        )
    }
}

/// Parses one JSON document.
pub(crate) fn parse(text: &str) -> Result<Value, JsonError> {
    parse_with_lines(text).map(|(value, _)| value)
}

/// Parses one JSON document, also returning the 1-based line of every object
/// key in document order (depth first), for origins of values from files.
pub(crate) fn parse_with_lines(text: &str) -> Result<(Value, Vec<u32>), JsonError> {
    let mut reader = Reader {
        text: text.as_bytes(),
        pos: 0,
        depth: 0,
        line: 1,
        key_lines: Vec::new(),
    };
    reader.skip_space();
    let value = reader.value()?;
    reader.skip_space();
    if reader.pos < reader.text.len() {
        return Err(reader.error("trailing characters"));
    }
    Ok((value, reader.key_lines))
}

struct Reader<'a> {
    text: &'a [u8],
    pos: usize,
    depth: u32,
    /// The current line; newlines only occur in white space (never in JSON strings).
    line: u32,
    key_lines: Vec<u32>,
}

impl Reader<'_> {
    fn error(&self, message: &'static str) -> JsonError {
        let before = &self.text[..self.pos.min(self.text.len())];
        let line = before.iter().filter(|b| **b == b'\n').count() as u32 + 1;
        let line_start = before
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |i| i + 1);
        JsonError {
            message,
            line,
            column: (self.pos - line_start) as u32 + 1,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.text.get(self.pos).copied()
    }

    fn skip_space(&mut self) {
        while let Some(b @ (b' ' | b'\t' | b'\n' | b'\r')) = self.peek() {
            if b == b'\n' {
                self.line += 1;
            }
            self.pos += 1;
        }
    }

    fn expect(&mut self, byte: u8, message: &'static str) -> Result<(), JsonError> {
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.error(message))
        }
    }

    fn value(&mut self) -> Result<Value, JsonError> {
        match self.peek() {
            Some(b'{') => self.nested(Self::object),
            Some(b'[') => self.nested(Self::array),
            Some(b'"') => self.string().map(Value::Str),
            Some(b't') => self.word("true", Value::Bool(true)),
            Some(b'f') => self.word("false", Value::Bool(false)),
            Some(b'n') => self.word("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("expected a value")),
            None => Err(self.error("unexpected end of input")),
        }
    }

    fn nested(
        &mut self,
        read: fn(&mut Self) -> Result<Value, JsonError>,
    ) -> Result<Value, JsonError> {
        self.depth += 1;
        if self.depth > 128 {
            return Err(self.error("nested too deeply"));
        }
        let value = read(self);
        self.depth -= 1;
        value
    }

    fn word(&mut self, word: &'static str, value: Value) -> Result<Value, JsonError> {
        if self.text[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.error("expected a value"))
        }
    }

    fn object(&mut self) -> Result<Value, JsonError> {
        self.pos += 1;
        let mut entries = Vec::new();
        self.skip_space();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Map(entries));
        }
        loop {
            self.skip_space();
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a key in double quotes"));
            }
            self.key_lines.push(self.line);
            let key = self.string()?;
            self.skip_space();
            self.expect(b':', "expected `:` after a key")?;
            self.skip_space();
            let value = self.value()?;
            entries.push((key, value));
            self.skip_space();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Value::Map(entries));
                }
                _ => return Err(self.error("expected `,` or `}`")),
            }
        }
    }

    fn array(&mut self) -> Result<Value, JsonError> {
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_space();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::List(items));
        }
        loop {
            self.skip_space();
            items.push(self.value()?);
            self.skip_space();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::List(items));
                }
                _ => return Err(self.error("expected `,` or `]`")),
            }
        }
    }

    fn string(&mut self) -> Result<String, JsonError> {
        self.pos += 1;
        let mut out = String::new();
        loop {
            let start = self.pos;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            // The input is a `str` and the run stops at ASCII bytes, so this is whole characters.
            out.push_str(
                std::str::from_utf8(&self.text[start..self.pos])
                    .map_err(|_| self.error("invalid UTF-8"))?,
            );
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    self.escape(&mut out)?;
                }
                Some(_) => return Err(self.error("control character in a string")),
                None => return Err(self.error("unterminated string")),
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), JsonError> {
        let Some(b) = self.peek() else {
            return Err(self.error("unterminated string"));
        };
        self.pos += 1;
        let c = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let first = self.hex4()?;
                let code = if (0xD800..0xDC00).contains(&first) {
                    if !self.text[self.pos..].starts_with(b"\\u") {
                        return Err(self.error("unpaired surrogate in \\u escape"));
                    }
                    self.pos += 2;
                    let second = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&second) {
                        return Err(self.error("unpaired surrogate in \\u escape"));
                    }
                    0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                } else {
                    first
                };
                char::from_u32(code).ok_or_else(|| self.error("invalid \\u escape"))?
            }
            _ => return Err(self.error("invalid escape")),
        };
        out.push(c);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let digits = self
            .text
            .get(self.pos..self.pos + 4)
            .ok_or_else(|| self.error("invalid \\u escape"))?;
        let text = std::str::from_utf8(digits).map_err(|_| self.error("invalid \\u escape"))?;
        let code = u32::from_str_radix(text, 16).map_err(|_| self.error("invalid \\u escape"))?;
        self.pos += 4;
        Ok(code)
    }

    fn number(&mut self) -> Result<Value, JsonError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let digits = |r: &mut Self| {
            let from = r.pos;
            while matches!(r.peek(), Some(b'0'..=b'9')) {
                r.pos += 1;
            }
            r.pos > from
        };
        if !digits(self) {
            return Err(self.error("expected digits"));
        }
        let mut float = false;
        if self.peek() == Some(b'.') {
            self.pos += 1;
            float = true;
            if !digits(self) {
                return Err(self.error("expected digits after `.`"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            float = true;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !digits(self) {
                return Err(self.error("expected digits in the exponent"));
            }
        }
        let text = std::str::from_utf8(&self.text[start..self.pos]).unwrap_or("0");
        if !float {
            if let Ok(i) = text.parse::<i64>() {
                return Ok(Value::Int(i));
            }
            // Beyond i64 (a large u64): keep the digits, converted by the field type.
            return Ok(Value::Str(text.to_string()));
        }
        text.parse::<f64>()
            .map(Value::Float)
            .map_err(|_| self.error("invalid number"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_kind_of_value() {
        let v = parse(r#" {"a": [1, -2.5, true, null, "x\"\u00e9\ud83d\ude00"], "b": {}, "c": 18446744073709551615} "#).unwrap();
        assert_eq!(
            v,
            Value::Map(vec![
                (
                    "a".into(),
                    Value::List(vec![
                        Value::Int(1),
                        Value::Float(-2.5),
                        Value::Bool(true),
                        Value::Null,
                        Value::Str("x\"é😀".into()),
                    ])
                ),
                ("b".into(), Value::Map(vec![])),
                ("c".into(), Value::Str("18446744073709551615".into())),
            ])
        );
    }

    #[test]
    fn key_lines_follow_document_order() {
        let text = "{\n \"a\": {\n  \"b\": 1,\n  \"c\": [{\"d\": 2}]\n },\n \"e\": 3\n}";
        let (_, lines) = parse_with_lines(text).unwrap();
        assert_eq!(lines, vec![2, 3, 4, 4, 6]);
    }

    /// Random JSON-like text never panics the reader.
    #[test]
    fn random_input_never_panics() {
        let alphabet = "{}[]\":,.-+eE0123456789truefalsn \\u\n\tabcé😀";
        let chars: Vec<char> = alphabet.chars().collect();
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..20_000 {
            let mut text = String::new();
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            for _ in 0..(state % 40) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push(chars[(state % chars.len() as u64) as usize]);
            }
            let _ = parse_with_lines(&text);
        }
    }

    #[test]
    fn errors_have_positions_and_no_input() {
        let e = parse("{\n  \"a\": 1,\n  \"b\" 2\n}").unwrap_err();
        assert_eq!(
            (e.message, e.line, e.column),
            ("expected `:` after a key", 3, 7)
        );
        for bad in [
            "",
            "[1,",
            "{\"a\":}",
            "[1 2]",
            "\"abc",
            "01x",
            "[1] x",
            "{\"a\\q\": 1}",
            "-",
            "1.",
            "[\"\\ud800\"]",
        ] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
        assert!(parse(&"[".repeat(500)).is_err());
    }
}
