//! SARIF 2.1.0 report.

use crate::input::ScanOutcome;
use crate::rules::RuleSet;
use serde_json::{Value, json};

/// Render the outcome as a SARIF 2.1.0 log with one run.
pub fn render(outcome: &ScanOutcome, rules: &RuleSet) -> String {
    let rule_list: Vec<Value> = rules
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
    let results: Vec<Value> = outcome
        .findings
        .iter()
        .map(|f| {
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
            if let Some(idx) = rules.rules().iter().position(|r| r.id == f.rule_id) {
                result["ruleIndex"] = json!(idx);
            }
            if let Some(c) = &f.commit {
                result["properties"] = json!({ "commit": c });
            }
            result
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "strata-scan",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rule_list,
                }
            },
            "results": results,
        }]
    });
    let mut s = serde_json::to_string_pretty(&doc).expect("json");
    s.push('\n');
    s
}
