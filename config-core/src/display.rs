//! Support for the generated `Display`: one `key = value` line per setting,
//! secrets as `[REDACTED]`.

use std::fmt;

/// Writes settings as `key = value` lines, with dotted paths for nested structs.
pub struct EntryWriter<'a, 'b> {
    f: &'a mut fmt::Formatter<'b>,
    prefix: String,
    first: bool,
}

impl<'a, 'b> EntryWriter<'a, 'b> {
    /// A writer at the top level.
    pub fn new(f: &'a mut fmt::Formatter<'b>) -> Self {
        EntryWriter {
            f,
            prefix: String::new(),
            first: true,
        }
    }

    fn start(&mut self, key: &str) -> fmt::Result {
        if !self.first {
            self.f.write_str("\n")?;
        }
        self.first = false;
        write!(self.f, "{}{key} = ", self.prefix)
    }

    /// One value. `Option`s show their content or `(not set)`.
    pub fn leaf(&mut self, key: &str, value: &dyn fmt::Debug, secret: bool) -> fmt::Result {
        self.start(key)?;
        // Debug of a secret type is already redacted; `secret` guards plain types marked secret.
        let text = format!("{value:?}");
        if secret && text != "None" {
            return self.f.write_str("[REDACTED]");
        }
        match text.as_str() {
            "None" => self.f.write_str("(not set)"),
            _ => match text.strip_prefix("Some(").and_then(|t| t.strip_suffix(')')) {
                Some(inner) => self.f.write_str(inner),
                None => self.f.write_str(&text),
            },
        }
    }

    /// An absent optional nested struct.
    pub fn absent(&mut self, key: &str) -> fmt::Result {
        self.start(key)?;
        self.f.write_str("(not set)")
    }

    /// A nested struct, written with `key.` before its keys.
    pub fn nested(
        &mut self,
        key: &str,
        write: impl FnOnce(&mut Self) -> fmt::Result,
    ) -> fmt::Result {
        let saved = self.prefix.len();
        self.prefix.push_str(key);
        self.prefix.push('.');
        let result = write(self);
        self.prefix.truncate(saved);
        result
    }
}

/// Field types shown by the generated `Display` (through `Debug`).
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "`{Self}` needs `Debug` for the `Display` that `#[derive(Settings)]` generates",
    label = "this field's type does not implement `Debug`",
    note = "add `#[derive(Debug)]` to `{Self}`, or put `#[settings(no_display)]` on the settings struct"
)]
pub trait Shown {
    /// The value as `Debug`.
    fn shown(&self) -> &dyn fmt::Debug;
}

impl<T: fmt::Debug> Shown for T {
    fn shown(&self) -> &dyn fmt::Debug {
        self
    }
}

/// Stands for a field of a struct with `#[settings(no_display)]`.
#[doc(hidden)]
pub struct NotShown;

impl fmt::Debug for NotShown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("(not shown)")
    }
}
