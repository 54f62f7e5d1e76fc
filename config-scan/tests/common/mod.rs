//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// Run git in `dir` with a private, deterministic configuration.
pub fn git(dir: &Path, args: &[&str]) -> Output {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "user.name=Strata Test",
            "-c",
            "user.email=test@strata.invalid",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Create a repository in `dir`.
pub fn init_repo(dir: &Path) {
    git(dir, &["init", "-q"]);
}

/// Commit everything in `dir` and return the commit id.
pub fn commit_all(dir: &Path, message: &str) -> String {
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", message]);
    let out = git(dir, &["rev-parse", "HEAD"]);
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// Run the `strata` binary.
pub fn strata(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_strata"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("strata runs")
}

/// A GitHub token-shaped secret built at run time (not a literal in the source).
pub fn github_token(seed: char) -> String {
    let body: String = "Zk3vP0qLx9Tn2mWb8Rc7Yh5Jd1Fs6Ga4Qe0U"
        .chars()
        .map(|c| if c == 'Z' { seed } else { c })
        .collect();
    format!("ghp_{body}")
}
