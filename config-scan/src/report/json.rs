//! JSON report, written finding by finding (no document tree in memory).

use crate::input::ScanOutcome;
use crate::scanner::Finding;
use serde::Serialize;
use std::io::{self, Write};

/// Serialisable view of a finding: the secret is redacted.
#[derive(Serialize)]
pub struct JsonFinding<'a> {
    /// Rule id.
    pub rule_id: &'a str,
    /// Rule description.
    pub description: &'a str,
    /// Path relative to the scanned root.
    pub path: &'a str,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// Commit id for history scans.
    pub commit: Option<&'a str>,
    /// Redacted secret.
    pub secret: String,
    /// Fingerprint used by baselines.
    pub fingerprint: &'a str,
    /// Shannon entropy of the secret, two decimals.
    pub entropy: f64,
}

impl<'a> From<&'a Finding> for JsonFinding<'a> {
    fn from(f: &'a Finding) -> Self {
        JsonFinding {
            rule_id: &f.rule_id,
            description: &f.description,
            path: &f.path,
            line: f.line,
            column: f.column,
            commit: f.commit.as_deref(),
            secret: f.redacted(),
            fingerprint: &f.fingerprint,
            entropy: (f.entropy * 100.0).round() / 100.0,
        }
    }
}

#[derive(Serialize)]
struct Summary<'a> {
    findings: usize,
    files_scanned: u64,
    bytes_scanned: u64,
    skipped_binary: u64,
    skipped_large: u64,
    errors: &'a [String],
}

/// Write the outcome as a JSON document: `{"findings": [...], "summary": {...}}`.
pub fn write(outcome: &ScanOutcome, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(b"{\n  \"findings\": [")?;
    for (i, f) in outcome.findings.iter().enumerate() {
        out.write_all(if i == 0 { b"\n    " } else { b",\n    " })?;
        serde_json::to_writer(&mut *out, &JsonFinding::from(f))?;
    }
    if !outcome.findings.is_empty() {
        out.write_all(b"\n  ")?;
    }
    out.write_all(b"],\n  \"summary\": ")?;
    serde_json::to_writer(
        &mut *out,
        &Summary {
            findings: outcome.findings.len(),
            files_scanned: outcome.files_scanned,
            bytes_scanned: outcome.bytes_scanned,
            skipped_binary: outcome.skipped_binary,
            skipped_large: outcome.skipped_large,
            errors: &outcome.errors,
        },
    )?;
    out.write_all(b"\n}\n")
}

/// Render the outcome as a JSON string.
pub fn render(outcome: &ScanOutcome) -> String {
    let mut buf = Vec::new();
    write(outcome, &mut buf).expect("writing to memory");
    String::from_utf8(buf).expect("json is utf-8")
}
