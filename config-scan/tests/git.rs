//! Git history and staged-change scans against real repositories.

mod common;

use common::{commit_all, git, github_token, init_repo, strata};
use std::fs;
use strata_scan::Scanner;
use strata_scan::input::ScanOptions;

#[test]
fn removed_secret_is_still_found_in_history() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    init_repo(repo);
    fs::write(repo.join("README.md"), "# demo\n").unwrap();
    commit_all(repo, "initial");
    let token = github_token('H');
    fs::create_dir(repo.join("cfg")).unwrap();
    fs::write(
        repo.join("cfg/app.toml"),
        format!("[github]\nuser = \"me\"\ntoken = \"{token}\"\n"),
    )
    .unwrap();
    let leaked = commit_all(repo, "add config");
    fs::write(
        repo.join("cfg/app.toml"),
        "[github]\nuser = \"me\"\ntoken = \"${GITHUB_TOKEN}\"\n",
    )
    .unwrap();
    commit_all(repo, "use env var");

    // The working tree is clean...
    let scanner = Scanner::default();
    let tree = strata_scan::input::scan_path(&scanner, repo, &ScanOptions::default());
    assert!(tree.findings.is_empty(), "{:?}", tree.findings);
    // ...but the history still holds the secret, with its commit.
    let hist = strata_scan::git::scan_history(&scanner, repo, &ScanOptions::default()).unwrap();
    assert_eq!(hist.findings.len(), 1, "{:?}", hist.findings);
    let f = &hist.findings[0];
    assert_eq!(f.rule_id, "github-pat");
    assert_eq!(f.path, "cfg/app.toml");
    assert_eq!(f.line, 3);
    assert_eq!(f.commit.as_deref(), Some(leaked.as_str()));

    let out = strata(&["scan", "--git-history", ".", "--format", "json"], repo);
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["findings"][0]["commit"], leaked.as_str());
    assert!(!String::from_utf8_lossy(&out.stdout).contains(&token));
}

#[test]
fn staged_changes_are_scanned() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    init_repo(repo);
    fs::write(repo.join("app.py"), "import os\n\n\nprint(1)\n").unwrap();
    commit_all(repo, "initial");
    let out = strata(&["scan", "--staged"], repo);
    assert_eq!(out.status.code(), Some(0));

    let token = github_token('P');
    fs::write(
        repo.join("app.py"),
        format!("import os\n\n\nprint(1)\nTOKEN = \"{token}\"\n"),
    )
    .unwrap();
    // Unstaged: not reported.
    let out = strata(&["scan", "--staged"], repo);
    assert_eq!(out.status.code(), Some(0));
    git(repo, &["add", "app.py"]);
    let out = strata(&["scan", "--staged", "--format", "json"], repo);
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["findings"][0]["path"], "app.py");
    assert_eq!(doc["findings"][0]["line"], 5);

    // Not a repository: an error, not a clean result.
    let out = strata(&["scan", "--staged", "no-such-dir"], repo);
    assert_eq!(out.status.code(), Some(2));
}
