//! SARIF 2.1.0 report, written result by result.

use crate::input::ScanOutcome;
use crate::rules::RuleSet;
use serde_json::json;
use std::collections::HashMap;
use std::io::{self, Write};

/// Write the outcome as a SARIF 2.1.0 log with one run.
pub fn write(outcome: &ScanOutcome, rules: &RuleSet, out: &mut dyn Write) -> io::Result<()> {
    let rule_list: Vec<_> = rules
        .rules()
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "name": r.id,
                "shortDescription": { "text": r.description },
                "defaultConfiguration": { "level": "error" },
            })
        })
        .collect();
    let index: HashMap<&str, usize> = rules
        .rules()
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let driver = json!({
        "name": "strata-scan",
        "version": env!("CARGO_PKG_VERSION"),
        "rules": rule_list,
    });
    out.write_all(
        b"{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n  \"runs\": [{\n    \"tool\": { \"driver\": ",
    )?;
    serde_json::to_writer(&mut *out, &driver)?;
    out.write_all(b" },\n    \"results\": [")?;
    for (i, f) in outcome.findings.iter().enumerate() {
        let mut result = json!({
            "ruleId": f.rule_id,
            "level": "error",
            "message": { "text": format!("{} detected (secret {})", f.description, f.redacted()) },
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": { "uri": f.path },
                    "region": { "startLine": f.line, "startColumn": f.column },
                }
            }],
            "partialFingerprints": { "strataSecret/v1": f.fingerprint },
        });
        if let Some(idx) = index.get(f.rule_id.as_str()) {
            result["ruleIndex"] = json!(idx);
        }
        if let Some(c) = &f.commit {
            result["properties"] = json!({ "commit": c });
        }
        out.write_all(if i == 0 { b"\n      " } else { b",\n      " })?;
        serde_json::to_writer(&mut *out, &result)?;
    }
    out.write_all(b"\n    ]\n  }]\n}\n")
}

/// Render the outcome as a SARIF string.
pub fn render(outcome: &ScanOutcome, rules: &RuleSet) -> String {
    let mut buf = Vec::new();
    write(outcome, rules, &mut buf).expect("writing to memory");
    String::from_utf8(buf).expect("sarif is utf-8")
}
