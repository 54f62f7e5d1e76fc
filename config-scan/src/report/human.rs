//! Plain-text report.

use crate::input::ScanOutcome;
use std::fmt::Write;

/// Render findings as text, one block per finding, then a summary line.
pub fn render(outcome: &ScanOutcome) -> String {
    let mut out = String::new();
    for f in &outcome.findings {
        let _ = write!(
            out,
            "{}:{}:{}: {} ({})",
            f.path, f.line, f.column, f.rule_id, f.description
        );
        if let Some(c) = &f.commit {
            let _ = write!(out, " in commit {}", &c[..c.len().min(12)]);
        }
        let _ = writeln!(out, "\n    secret: {}", f.redacted());
    }
    let files: std::collections::BTreeSet<&str> =
        outcome.findings.iter().map(|f| f.path.as_str()).collect();
    let _ = writeln!(
        out,
        "{} finding(s) in {} file(s); scanned {} file(s), {} byte(s)",
        outcome.findings.len(),
        files.len(),
        outcome.files_scanned,
        outcome.bytes_scanned
    );
    for e in &outcome.errors {
        let _ = writeln!(out, "warning: {e}");
    }
    out
}
