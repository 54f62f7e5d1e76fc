//! Validation rules as data, emitted by the derive from field attributes, and
//! the traits that say which types each rule applies to.
//!
//! The generated code calls one [`Check`](crate::validate::Check) method per
//! rule with the typed value; the rule's parameters are read from here. A rule
//! used on a type it does not fit fails to compile with a message naming the rule.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::OnceLock;

use zeroize::Zeroize;

use crate::secret::Secret;

/// One validation rule of a field.
#[derive(Debug)]
#[non_exhaustive]
pub enum Rule {
    /// `range(min = .., max = .., exclusive_min = .., exclusive_max = ..)`.
    Range {
        /// Lower bound.
        min: Option<Bound>,
        /// Upper bound.
        max: Option<Bound>,
    },
    /// `min_length` / `max_length`: characters of a string, items of a list or map.
    Length {
        /// Fewest allowed.
        min: Option<usize>,
        /// Most allowed.
        max: Option<usize>,
    },
    /// `non_empty`.
    NonEmpty,
    /// `pattern = "regex"`: the whole value must match.
    Pattern(&'static Pattern),
    /// `url` or `url(schemes("https", ..))`.
    Url {
        /// Allowed schemes; empty allows any.
        schemes: &'static [&'static str],
    },
    /// `email`.
    Email,
    /// `one_of("a", "b")`.
    OneOf(&'static [&'static str]),
    /// `custom = path::to::fn`.
    Custom(&'static str),
}

impl Rule {
    /// The attribute name, as reported in [`Problem::rule`](crate::Problem::rule).
    pub fn name(&self) -> &'static str {
        match self {
            Rule::Range { .. } => "range",
            Rule::Length { min: Some(_), .. } => "min_length",
            Rule::Length { .. } => "max_length",
            Rule::NonEmpty => "non_empty",
            Rule::Pattern(_) => "pattern",
            Rule::Url { .. } => "url",
            Rule::Email => "email",
            Rule::OneOf(_) => "one_of",
            Rule::Custom(_) => "custom",
        }
    }
}

/// A bound of a range.
#[derive(Debug, Clone, Copy)]
pub struct Bound {
    /// The limit.
    pub value: Number,
    /// Whether the limit itself is allowed.
    pub inclusive: bool,
}

/// A number from a value or a bound.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    /// Any integer.
    Int(i128),
    /// A float.
    Float(f64),
}

impl Number {
    pub(crate) fn as_f64(self) -> f64 {
        match self {
            Number::Int(i) => i as f64,
            Number::Float(x) => x,
        }
    }

    /// `self` compared with `other`, exactly for two integers.
    pub(crate) fn cmp_to(self, other: Number) -> Option<std::cmp::Ordering> {
        match (self, other) {
            (Number::Int(a), Number::Int(b)) => Some(a.cmp(&b)),
            (a, b) => a.as_f64().partial_cmp(&b.as_f64()),
        }
    }
}

impl std::fmt::Display for Number {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Number::Int(i) => write!(f, "{i}"),
            Number::Float(x) => write!(f, "{x}"),
        }
    }
}

/// A regular expression, compiled on first use (the derive already checked it compiles).
#[derive(Debug)]
pub struct Pattern {
    /// The pattern as written.
    pub source: &'static str,
    compiled: OnceLock<Option<regex_lite::Regex>>,
}

impl Pattern {
    /// A pattern for the static schema.
    pub const fn new(source: &'static str) -> Self {
        Pattern {
            source,
            compiled: OnceLock::new(),
        }
    }

    /// Whether the whole text matches.
    pub(crate) fn matches(&self, text: &str) -> bool {
        self.compiled
            .get_or_init(|| regex_lite::Regex::new(&format!("^(?:{})$", self.source)).ok())
            .as_ref()
            .is_some_and(|re| re.is_match(text))
    }
}

/// Numbers that `range` can check. Lists and `Option`s check each element.
#[diagnostic::on_unimplemented(
    message = "`range` needs a number, and `{Self}` is not one",
    label = "`range` does not apply to this type",
    note = "use `range` on integer or float fields (or lists and options of them); for strings use `min_length`/`max_length`"
)]
pub trait Ordered {
    /// Calls `f` with each number and its path suffix (`[2]` for list elements).
    fn each_number(&self, suffix: &str, f: &mut dyn FnMut(&str, Number));
}

macro_rules! ordered_int {
    ($($t:ty),*) => {$(
        impl Ordered for $t {
            fn each_number(&self, suffix: &str, f: &mut dyn FnMut(&str, Number)) {
                f(suffix, Number::Int(*self as i128));
            }
        }
    )*};
}
ordered_int!(i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, usize);

impl Ordered for u128 {
    fn each_number(&self, suffix: &str, f: &mut dyn FnMut(&str, Number)) {
        f(
            suffix,
            i128::try_from(*self).map_or(Number::Float(*self as f64), Number::Int),
        );
    }
}

impl Ordered for f32 {
    fn each_number(&self, suffix: &str, f: &mut dyn FnMut(&str, Number)) {
        f(suffix, Number::Float(f64::from(*self)));
    }
}

impl Ordered for f64 {
    fn each_number(&self, suffix: &str, f: &mut dyn FnMut(&str, Number)) {
        f(suffix, Number::Float(*self));
    }
}

/// Text that `pattern`, `url`, `email` and `one_of` can check. Lists and
/// `Option`s check each element; secrets are checked without being exposed
/// to the audit trail or any message.
#[diagnostic::on_unimplemented(
    message = "this rule needs text, and `{Self}` is not a string type",
    label = "`pattern`, `url`, `email` and `one_of` apply to strings",
    note = "use these rules on `String`, `SecretString`, or lists and options of them"
)]
pub trait Textual {
    /// Calls `f` with each text, its path suffix, and whether it is secret.
    fn each_text(&self, suffix: &str, f: &mut dyn FnMut(&str, &str, bool));
}

impl Textual for String {
    fn each_text(&self, suffix: &str, f: &mut dyn FnMut(&str, &str, bool)) {
        f(suffix, self, false);
    }
}

impl Textual for Secret<String> {
    fn each_text(&self, suffix: &str, f: &mut dyn FnMut(&str, &str, bool)) {
        f(suffix, self.unaudited(), true);
    }
}

/// Sizes that `min_length`, `max_length` and `non_empty` can check.
#[diagnostic::on_unimplemented(
    message = "`min_length`, `max_length` and `non_empty` need a string, list or map, and `{Self}` is none of them",
    label = "this rule does not apply to this type",
    note = "use `range` for numbers"
)]
pub trait HasLength {
    /// The length and what it counts (`characters`, `items`, `entries`), or
    /// `None` for an absent `Option`.
    fn length(&self) -> Option<(usize, &'static str)>;
}

impl HasLength for String {
    fn length(&self) -> Option<(usize, &'static str)> {
        Some((self.chars().count(), "characters"))
    }
}

impl HasLength for Secret<String> {
    fn length(&self) -> Option<(usize, &'static str)> {
        Some((self.unaudited().chars().count(), "characters"))
    }
}

impl<T: Zeroize> HasLength for Secret<Vec<T>> {
    fn length(&self) -> Option<(usize, &'static str)> {
        Some((self.unaudited().len(), "items"))
    }
}

impl<T> HasLength for Vec<T> {
    fn length(&self) -> Option<(usize, &'static str)> {
        Some((self.len(), "items"))
    }
}

impl<T> HasLength for BTreeSet<T> {
    fn length(&self) -> Option<(usize, &'static str)> {
        Some((self.len(), "items"))
    }
}

impl<T, S> HasLength for HashSet<T, S> {
    fn length(&self) -> Option<(usize, &'static str)> {
        Some((self.len(), "items"))
    }
}

impl<K, V> HasLength for BTreeMap<K, V> {
    fn length(&self) -> Option<(usize, &'static str)> {
        Some((self.len(), "entries"))
    }
}

impl<K, V, S> HasLength for HashMap<K, V, S> {
    fn length(&self) -> Option<(usize, &'static str)> {
        Some((self.len(), "entries"))
    }
}

impl<T: HasLength> HasLength for Option<T> {
    fn length(&self) -> Option<(usize, &'static str)> {
        self.as_ref().and_then(HasLength::length)
    }
}

impl<T: Ordered> Ordered for Option<T> {
    fn each_number(&self, suffix: &str, f: &mut dyn FnMut(&str, Number)) {
        if let Some(value) = self {
            value.each_number(suffix, f);
        }
    }
}

impl<T: Ordered> Ordered for Vec<T> {
    fn each_number(&self, suffix: &str, f: &mut dyn FnMut(&str, Number)) {
        for (i, value) in self.iter().enumerate() {
            value.each_number(&format!("{suffix}[{i}]"), f);
        }
    }
}

impl<T: Textual> Textual for Option<T> {
    fn each_text(&self, suffix: &str, f: &mut dyn FnMut(&str, &str, bool)) {
        if let Some(value) = self {
            value.each_text(suffix, f);
        }
    }
}

impl<T: Textual> Textual for Vec<T> {
    fn each_text(&self, suffix: &str, f: &mut dyn FnMut(&str, &str, bool)) {
        for (i, value) in self.iter().enumerate() {
            value.each_text(&format!("{suffix}[{i}]"), f);
        }
    }
}

/// A `custom = path` function: `fn(&T) -> Result<(), E>` where `E: Display`.
#[diagnostic::on_unimplemented(
    message = "`custom` needs a function `fn(&{T}) -> Result<(), E>` where `E: Display`",
    label = "this function does not have that signature"
)]
pub trait CustomRule<T: ?Sized> {
    /// Runs the rule; the error text becomes the problem's message.
    fn check(&self, value: &T) -> Result<(), String>;
}

impl<T: ?Sized, F, E> CustomRule<T> for F
where
    F: Fn(&T) -> Result<(), E>,
    E: std::fmt::Display,
{
    fn check(&self, value: &T) -> Result<(), String> {
        self(value).map_err(|e| e.to_string())
    }
}

/// A failed struct-level rule (`#[settings(validate = path)]`): a message and
/// the key paths involved, relative to the struct.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    pub(crate) message: String,
    pub(crate) paths: Vec<String>,
}

impl Invalid {
    /// A problem with this message.
    pub fn new(message: impl Into<String>) -> Self {
        Invalid {
            message: message.into(),
            paths: Vec::new(),
        }
    }

    /// Names a key path involved (relative to the struct), e.g. `tls_key`.
    pub fn at(mut self, path: impl Into<String>) -> Self {
        self.paths.push(path.into());
        self
    }
}

impl From<String> for Invalid {
    fn from(message: String) -> Self {
        Invalid::new(message)
    }
}

impl From<&str> for Invalid {
    fn from(message: &str) -> Self {
        Invalid::new(message)
    }
}

/// A struct-level rule: `fn(&S) -> Result<(), E>` where `E: Into<Invalid>`
/// (`Invalid`, `String` or `&str`).
#[diagnostic::on_unimplemented(
    message = "`validate` needs a function `fn(&{S}) -> Result<(), E>` where `E: Into<strata::Invalid>`",
    label = "this function does not have that signature"
)]
pub trait StructRule<S> {
    /// Runs the rule.
    fn check(&self, value: &S) -> Result<(), Invalid>;
}

impl<S, F, E> StructRule<S> for F
where
    F: Fn(&S) -> Result<(), E>,
    E: Into<Invalid>,
{
    fn check(&self, value: &S) -> Result<(), Invalid> {
        self(value).map_err(Into::into)
    }
}

/// Values that are obviously not real secrets. Compared case-insensitively.
const PLACEHOLDERS: &[&str] = &[
    "changeme",
    "change-me",
    "change_me",
    "changethis",
    "password",
    "passwd",
    "secret",
    "todo",
    "tbd",
    "fixme",
    "placeholder",
    "example",
    "default",
    "dummy",
    "test",
    "testing",
    "null",
    "none",
    "empty",
    "admin",
    "root",
    "token",
    "apikey",
    "api_key",
    "api-key",
    "key",
    "pass",
    "letmein",
    "123456",
];

/// Whether a secret value is a well-known placeholder.
pub(crate) fn is_placeholder(value: &str) -> bool {
    let v = value.trim();
    let lower = v.to_ascii_lowercase();
    if v.is_empty() || PLACEHOLDERS.contains(&lower.as_str()) {
        return true;
    }
    let wrapped = |open: &str, close: &str| v.starts_with(open) && v.ends_with(close);
    if wrapped("<", ">") || wrapped("${", "}") || wrapped("{{", "}}") || wrapped("%", "%") {
        return true;
    }
    if [
        "your-", "your_", "your ", "insert", "replace", "put-your", "enter-",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
    {
        return true;
    }
    // "xxxx", "****", "....", "x-x-x": one filler character, maybe with separators.
    let fillers: Vec<char> = lower
        .chars()
        .filter(|c| !matches!(c, '-' | '_' | ' ' | '.'))
        .collect();
    fillers.len() >= 3
        && fillers.iter().all(|c| *c == fillers[0])
        && matches!(fillers[0], 'x' | '*' | '#' | '0' | '?')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_recognised() {
        for p in [
            "changeme",
            "CHANGEME",
            "password",
            "<your-token>",
            "${API_KEY}",
            "xxxxxxxx",
            "XXXX-XXXX",
            "****",
            "your-api-key-here",
        ] {
            assert!(is_placeholder(p), "{p}");
        }
        for real in [
            "k8s-3f9a1c2e7b",
            "correct horse battery staple",
            "xK9#mQ2$vL",
        ] {
            assert!(!is_placeholder(real), "{real}");
        }
    }

    #[test]
    fn patterns_match_the_whole_value() {
        let p = Pattern::new("[a-z]+");
        assert!(p.matches("abc"));
        assert!(!p.matches("abc1"));
    }

    #[test]
    fn numbers_compare_exactly_as_integers() {
        assert_eq!(
            Number::Int(i128::MAX).cmp_to(Number::Int(i128::MAX - 1)),
            Some(std::cmp::Ordering::Greater)
        );
        assert_eq!(
            Number::Int(1).cmp_to(Number::Float(1.5)),
            Some(std::cmp::Ordering::Less)
        );
    }
}
