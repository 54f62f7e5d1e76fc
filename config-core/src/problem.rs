//! Problems found while loading, and the error that carries all of them.

use std::fmt;

use crate::origin::Origin;

/// What kind of problem a [`Problem`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ProblemKind {
    /// A required setting has no value in any source.
    Missing,
    /// A value could not be converted to the field's type.
    InvalidValue,
    /// A config or `.env` file could not be parsed.
    Syntax,
    /// A key in a file (or an override) that the schema does not have; for
    /// prefixed env vars this is a warning.
    UnknownKey,
    /// A file could not be read, or a required file is missing.
    Io,
    /// A rule of a strict profile was broken (e.g. a secret from a config file).
    Forbidden,
    /// A validation rule failed.
    Validation,
    /// Something worth knowing that does not stop the load (warnings only).
    Notice,
}

/// One problem, with the key it concerns, where the value came from and how to fix it.
///
/// The message never contains a secret value.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub(crate) path: String,
    pub(crate) kind: ProblemKind,
    pub(crate) message: String,
    pub(crate) value: Option<String>,
    /// Whether `value` is text (quoted in the report) rather than a number or bool.
    pub(crate) value_is_text: bool,
    pub(crate) origin: Option<Origin>,
    pub(crate) hint: Option<String>,
    pub(crate) rule: Option<&'static str>,
    /// The problem concerns a secret: no value or source line may be shown.
    pub(crate) secret: bool,
}

impl Problem {
    pub(crate) fn new(
        kind: ProblemKind,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Problem {
            path: path.into(),
            kind,
            message: message.into(),
            value: None,
            value_is_text: false,
            origin: None,
            hint: None,
            rule: None,
            secret: false,
        }
    }

    pub(crate) fn with_maybe_origin(mut self, origin: Option<Origin>) -> Self {
        self.origin = origin;
        self
    }

    pub(crate) fn with_origin(mut self, origin: Origin) -> Self {
        self.origin = Some(origin);
        self
    }

    pub(crate) fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub(crate) fn with_maybe_hint(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }

    /// The offending value as text (shown quoted).
    pub(crate) fn with_value(mut self, value: Option<String>) -> Self {
        self.value = value;
        self.value_is_text = true;
        self
    }

    /// The offending value as a number or bool (shown bare).
    pub(crate) fn with_plain_value(mut self, value: Option<String>) -> Self {
        self.value = value;
        self.value_is_text = false;
        self
    }

    pub(crate) fn with_rule(mut self, rule: &'static str) -> Self {
        self.rule = Some(rule);
        self
    }

    pub(crate) fn with_secret(mut self, secret: bool) -> Self {
        self.secret = secret;
        if secret {
            self.value = None;
        }
        self
    }

    /// Whether the problem concerns a secret setting (its value is never shown).
    pub fn is_secret(&self) -> bool {
        self.secret
    }

    /// The key path (`database.port`, `hosts[2]`); empty for whole-file problems.
    pub fn path(&self) -> &str {
        &self.path
    }
    /// The kind of problem.
    pub fn kind(&self) -> ProblemKind {
        self.kind
    }
    /// What is wrong, in plain words (`must be at most 65535`).
    pub fn message(&self) -> &str {
        &self.message
    }
    /// The offending value as the source wrote it; always `None` for secrets.
    pub fn value(&self) -> Option<&str> {
        self.value.as_deref()
    }
    /// Where the offending value came from.
    pub fn origin(&self) -> Option<&Origin> {
        self.origin.as_ref()
    }
    /// How to fix it: the variable or file key that sets it, or "did you mean".
    pub fn hint(&self) -> Option<&str> {
        self.hint.as_deref()
    }
    /// The validation rule that failed (`range`, `url`, …), for validation problems.
    pub fn rule(&self) -> Option<&'static str> {
        self.rule
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)?;
        } else {
            write!(f, "{}: {}", self.path, self.message)?;
        }
        match &self.value {
            Some(value) if self.value_is_text => write!(f, ", found {value:?}")?,
            Some(value) => write!(f, ", found {value}")?,
            None => {}
        }
        if let Some(origin) = &self.origin {
            write!(f, "\n    from: {origin}")?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n    hint: {hint}")?;
        }
        Ok(())
    }
}

/// Every problem found in one load, sorted by key path.
///
/// `Display` renders a readable report; [`Error::problems`] gives them to code.
#[derive(Debug, Clone)]
pub struct Error(pub(crate) Box<ErrorInner>);

/// The contents of an [`Error`], boxed so `Result<T, Error>` stays small.
#[derive(Debug, Clone)]
pub(crate) struct ErrorInner {
    pub(crate) settings: &'static str,
    pub(crate) profile: String,
    pub(crate) problems: Vec<Problem>,
    pub(crate) warnings: Vec<Problem>,
    /// The loader's folder, to find files named in origins.
    pub(crate) dir: std::path::PathBuf,
    /// File lines that hold a secret value: never quoted in diagnostics.
    pub(crate) secret_lines: Vec<(std::path::PathBuf, u32)>,
}

impl Error {
    pub(crate) fn new(settings: &'static str, profile: &str, mut problems: Vec<Problem>) -> Self {
        problems.sort_by(|a, b| a.path.cmp(&b.path));
        Error(Box::new(ErrorInner {
            settings,
            profile: profile.to_string(),
            problems,
            warnings: Vec::new(),
            dir: std::path::PathBuf::new(),
            secret_lines: Vec::new(),
        }))
    }

    pub(crate) fn with_dir(mut self, dir: &std::path::Path) -> Self {
        self.0.dir = dir.to_path_buf();
        self
    }

    pub(crate) fn with_warnings(mut self, warnings: Vec<Problem>) -> Self {
        self.0.warnings = warnings;
        self
    }

    /// Warnings noticed during the same load (an unknown variable often
    /// explains a missing value).
    pub fn warnings(&self) -> &[Problem] {
        &self.0.warnings
    }

    /// The problems, sorted by key path.
    pub fn problems(&self) -> &[Problem] {
        &self.0.problems
    }

    /// The profile that was active.
    pub fn profile(&self) -> &str {
        &self.0.profile
    }

    /// The problems concerning one key path.
    pub fn for_path<'a>(&'a self, path: &'a str) -> impl Iterator<Item = &'a Problem> + 'a {
        self.0.problems.iter().filter(move |p| p.path == path)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.problems.len();
        write!(
            f,
            "{} could not be loaded (profile `{}`): {} problem{}",
            self.0.settings,
            self.0.profile,
            n,
            if n == 1 { "" } else { "s" }
        )?;
        for problem in &self.0.problems {
            let text = problem.to_string();
            let mut lines = text.lines();
            if let Some(first) = lines.next() {
                write!(f, "\n  - {first}")?;
            }
            for line in lines {
                write!(f, "\n  {line}")?;
            }
        }
        for warning in &self.0.warnings {
            let text = warning.to_string().replace('\n', "\n  ");
            write!(f, "\n  warning: {text}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}
