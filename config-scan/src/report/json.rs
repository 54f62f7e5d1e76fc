//! JSON report.

use crate::input::ScanOutcome;
use crate::scanner::Finding;
use serde_json::{Value, json};

/// JSON object for one finding (secret redacted).
pub fn finding(f: &Finding) -> Value {
    json!({
        "rule_id": f.rule_id,
        "description": f.description,
        "path": f.path,
        "line": f.line,
        "column": f.column,
        "commit": f.commit,
        "secret": f.redacted(),
        "fingerprint": f.fingerprint,
        "entropy": (f.entropy * 100.0).round() / 100.0,
    })
}

/// Render the outcome as a JSON document.
pub fn render(outcome: &ScanOutcome) -> String {
    let doc = json!({
        "findings": outcome.findings.iter().map(finding).collect::<Vec<_>>(),
        "summary": {
            "findings": outcome.findings.len(),
            "files_scanned": outcome.files_scanned,
            "bytes_scanned": outcome.bytes_scanned,
            "skipped_binary": outcome.skipped_binary,
            "skipped_large": outcome.skipped_large,
            "errors": outcome.errors,
        }
    });
    let mut s = serde_json::to_string_pretty(&doc).expect("json");
    s.push('\n');
    s
}
