//! Baselines: accepted findings stored without their secrets.
//!
//! An entry is a fingerprint (hex SHA-256 of the rule id and the secret),
//! the file path and the rule id. Line numbers are deliberately not part of
//! the key, so moving a line does not bring a finding back.

use crate::scanner::Finding;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::path::Path;

/// One accepted finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct BaselineEntry {
    /// File path relative to the scanned root.
    pub path: String,
    /// Rule id.
    pub rule_id: String,
    /// Hex SHA-256 of the rule id and the secret.
    pub fingerprint: String,
}

impl BaselineEntry {
    /// Entry for a finding.
    pub fn of(f: &Finding) -> BaselineEntry {
        BaselineEntry {
            path: f.path.clone(),
            rule_id: f.rule_id.clone(),
            fingerprint: f.fingerprint.clone(),
        }
    }
}

/// A baseline file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    /// Format version (1).
    pub version: u32,
    /// Accepted findings, sorted.
    pub entries: Vec<BaselineEntry>,
}

impl Baseline {
    /// Baseline accepting all `findings`.
    pub fn from_findings(findings: &[Finding]) -> Baseline {
        let set: BTreeSet<BaselineEntry> = findings.iter().map(BaselineEntry::of).collect();
        Baseline {
            version: 1,
            entries: set.into_iter().collect(),
        }
    }

    /// Updated baseline: entries still present in `findings` are kept, new
    /// findings are added, entries no longer found are dropped.
    pub fn updated(&self, findings: &[Finding]) -> Baseline {
        Baseline::from_findings(findings)
    }

    /// Whether a finding is accepted by this baseline.
    pub fn contains(&self, f: &Finding) -> bool {
        let key = BaselineEntry::of(f);
        self.entries.binary_search(&key).is_ok()
    }

    /// Findings not accepted by this baseline.
    pub fn filter(&self, findings: Vec<Finding>) -> Vec<Finding> {
        findings.into_iter().filter(|f| !self.contains(f)).collect()
    }

    /// Read a baseline file.
    pub fn load(path: &Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut b: Baseline =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        b.entries.sort();
        Ok(b)
    }

    /// Write a baseline file (pretty JSON).
    pub fn save(&self, path: &Path) -> Result<(), String> {
        let mut text = serde_json::to_string_pretty(self).map_err(|e| e.to_string())?;
        text.push('\n');
        std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
    }
}
