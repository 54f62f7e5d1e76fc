//! Report formats. None of them ever prints a full secret.

pub mod human;
pub mod json;
pub mod sarif;

use crate::input::ScanOutcome;
use crate::rules::RuleSet;
use std::io::{self, Write};

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Human-readable text.
    Human,
    /// JSON document.
    Json,
    /// SARIF 2.1.0.
    Sarif,
}

/// Write an outcome in a format.
pub fn write(
    format: Format,
    outcome: &ScanOutcome,
    rules: &RuleSet,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Human => out.write_all(human::render(outcome).as_bytes()),
        Format::Json => json::write(outcome, out),
        Format::Sarif => sarif::write(outcome, rules, out),
    }
}

/// Render an outcome in a format as a string.
pub fn render(format: Format, outcome: &ScanOutcome, rules: &RuleSet) -> String {
    let mut buf = Vec::new();
    write(format, outcome, rules, &mut buf).expect("writing to memory");
    String::from_utf8(buf).expect("reports are utf-8")
}
