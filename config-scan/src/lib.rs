//! Strata's secret scanner.
//!
//! Finds leaked credentials in files, directory trees, standard input, the
//! full git history and the staged changes of a repository. Rules combine a
//! keyword prefilter (one Aho-Corasick automaton for all rules), a regular
//! expression, an entropy floor and noise filters for placeholders and
//! documented example keys.
//!
//! ```
//! use strata_scan::Scanner;
//! let scanner = Scanner::default();
//! let found = scanner.scan_bytes("app.env", b"GITHUB_TOKEN=ghp_Zk3vP0qLx9Tn2mWb8Rc7Yh5Jd1Fs6Ga4Qe0U\n");
//! assert_eq!(found[0].rule_id, "github-pat");
//! assert_eq!(found[0].redacted(), "ghp_…");
//! ```
#![warn(missing_docs)]

pub mod baseline;
pub mod check;
pub mod cli;
pub mod corpus;
pub mod entropy;
pub mod git;
pub mod input;
pub mod noise;
pub mod prefilter;
pub mod report;
pub mod rules;
pub mod scanner;

pub use baseline::Baseline;
pub use input::{ScanOptions, ScanOutcome};
pub use rules::{Rule, RuleSet, RuleSetBuilder, RuleSpec, ScanConfig};
pub use scanner::{Finding, Scanner};
