//! The provenance report: every setting, its value (secrets redacted) and where it came from.

use std::fmt;

use crate::origin::Origin;
use crate::problem::Problem;

/// Where every setting of one load came from. `Display` renders a table.
#[derive(Debug, Clone)]
pub struct Explanation {
    pub(crate) settings: &'static str,
    pub(crate) profile: String,
    pub(crate) strict: bool,
    pub(crate) sources: Vec<String>,
    pub(crate) entries: Vec<Entry>,
    pub(crate) warnings: Vec<Problem>,
}

/// One line of the explanation.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Dotted key path.
    pub path: String,
    /// The env var that sets it.
    pub env: String,
    /// The field's doc comment.
    pub doc: &'static str,
    /// Whether the value is secret (then `value` is `[REDACTED]`).
    pub secret: bool,
    /// The value as its source wrote it; `None` when unset.
    pub value: Option<String>,
    /// Where the value came from; `None` when unset.
    pub origin: Option<Origin>,
    /// Other sources that set it too, and lost to `origin` (lowest first).
    pub overridden: Vec<Origin>,
}

impl Explanation {
    /// The entries, in declaration order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry for a key path.
    pub fn get(&self, path: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.path == path)
    }

    /// The active profile.
    pub fn profile(&self) -> &str {
        &self.profile
    }

    /// Whether the strict rules applied.
    pub fn strict(&self) -> bool {
        self.strict
    }

    /// The files and folders that were read, in order.
    pub fn sources(&self) -> &[String] {
        &self.sources
    }

    /// Warnings of the load.
    pub fn warnings(&self) -> &[Problem] {
        &self.warnings
    }
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} (profile `{}`{})",
            self.settings,
            self.profile,
            if self.strict { ", strict" } else { "" }
        )?;
        if !self.sources.is_empty() {
            write!(f, "\nread: {}", self.sources.join(", "))?;
        }
        let rows: Vec<[String; 4]> = self
            .entries
            .iter()
            .map(|e| {
                [
                    e.path.clone(),
                    e.value.clone().unwrap_or_else(|| "(not set)".to_string()),
                    origin_text(e),
                    e.env.clone(),
                ]
            })
            .collect();
        let header = ["KEY", "VALUE", "ORIGIN", "ENV"].map(String::from);
        let mut widths = header.each_ref().map(|h| h.chars().count());
        // Long values and origin chains overflow their cell instead of widening the table.
        let caps = [usize::MAX, 48, 72, usize::MAX];
        for row in &rows {
            for ((w, cell), cap) in widths.iter_mut().zip(row).zip(caps) {
                *w = (*w).max(cell.chars().count().min(cap));
            }
        }
        for row in std::iter::once(&header).chain(&rows) {
            f.write_str("\n")?;
            for (i, (cell, width)) in row.iter().zip(widths).enumerate() {
                if i + 1 == row.len() {
                    f.write_str(cell)?;
                } else {
                    write!(f, "{cell:<width$}  ")?;
                }
            }
        }
        for warning in &self.warnings {
            let text = warning.to_string().replace('\n', "\n  ");
            write!(f, "\nwarning: {text}")?;
        }
        Ok(())
    }
}

/// `env APP_PORT (over config/default.toml:2, default)`.
fn origin_text(entry: &Entry) -> String {
    let Some(origin) = &entry.origin else {
        return "-".to_string();
    };
    if entry.overridden.is_empty() {
        return origin.to_string();
    }
    let over: Vec<String> = entry
        .overridden
        .iter()
        .rev()
        .map(ToString::to_string)
        .collect();
    format!("{origin} (over {})", over.join(", "))
}
