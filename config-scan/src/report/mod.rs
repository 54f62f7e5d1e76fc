//! Report formats. None of them ever prints a full secret.

pub mod human;
pub mod json;
pub mod sarif;

use crate::input::ScanOutcome;
use crate::rules::RuleSet;

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

/// Render an outcome in a format.
pub fn render(format: Format, outcome: &ScanOutcome, rules: &RuleSet) -> String {
    match format {
        Format::Human => human::render(outcome),
        Format::Json => json::render(outcome),
        Format::Sarif => sarif::render(outcome, rules),
    }
}
