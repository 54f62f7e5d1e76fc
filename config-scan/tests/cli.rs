//! End-to-end tests of the `strata` binary: exit codes, formats, allow
//! comments and the baseline workflow.

mod common;

use common::{github_token, strata};
use std::fs;

#[test]
fn exit_codes_and_human_report() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("clean.py"), "x = 1\n").unwrap();
    let out = strata(&["scan", "."], dir.path());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    let token = github_token('Q');
    fs::create_dir(dir.path().join("src")).unwrap();
    fs::write(
        dir.path().join("src/app.py"),
        format!("import os\nTOKEN = \"{token}\"\n"),
    )
    .unwrap();
    let out = strata(&["scan", "."], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("src/app.py:2:10: github-pat"), "{text}");
    assert!(text.contains("secret: ghp_…"), "{text}");
    assert!(!text.contains(&token));

    let out = strata(&["scan", "does-not-exist"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let out = strata(&["scan", "--format", "yaml"], dir.path());
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn gitignore_binary_and_large_files_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let token = github_token('B');
    fs::write(dir.path().join(".gitignore"), "ignored.txt\n").unwrap();
    fs::write(dir.path().join("ignored.txt"), format!("t = \"{token}\"\n")).unwrap();
    fs::write(
        dir.path().join("blob.bin"),
        format!("\0\0t = \"{token}\"\n"),
    )
    .unwrap();
    let mut big = "x = 1\n".repeat(2000);
    big.push_str(&format!("t = \"{token}\"\n"));
    fs::write(dir.path().join("big.txt"), &big).unwrap();
    let out = strata(&["scan", ".", "--max-file-size", "4096"], dir.path());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let out = strata(&["scan", "."], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("big.txt:2001"), "{text}");
    assert!(
        !text.contains("ignored.txt") && !text.contains("blob.bin"),
        "{text}"
    );
    let out = strata(&["scan", ".", "--allow-path", "big.txt"], dir.path());
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn stdin_is_scanned() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_strata"))
        .args(["scan", "-", "--format", "json"])
        .current_dir(dir.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    let token = github_token('S');
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("GITHUB_TOKEN={token}\n").as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["findings"][0]["path"], "<stdin>");
    assert_eq!(doc["findings"][0]["secret"], "ghp_…");
}

#[test]
fn inline_allow_comment_behaviour() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "a = \"{}\"  # strata:allow\nb = \"{}\"  # strata:allow github-pat\nc = \"{}\"  # strata:allow jwt\nd = \"{}\"\n",
        github_token('A'),
        github_token('B'),
        github_token('C'),
        github_token('D'),
    );
    fs::write(dir.path().join("t.py"), text).unwrap();
    let out = strata(&["scan", ".", "--format", "json"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let lines: Vec<u64> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, vec![3, 4]);
}

#[test]
fn sarif_output() {
    let dir = tempfile::tempdir().unwrap();
    let token = github_token('F');
    fs::create_dir_all(dir.path().join("conf")).unwrap();
    fs::write(
        dir.path().join("conf/app.env"),
        format!("A=1\nGITHUB_TOKEN={token}\n"),
    )
    .unwrap();
    let out = strata(
        &["scan", dir.path().to_str().unwrap(), "--format", "sarif"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let raw = String::from_utf8_lossy(&out.stdout);
    assert!(!raw.contains(&token));
    let doc: serde_json::Value = serde_json::from_str(&raw).unwrap();
    assert_eq!(doc["version"], "2.1.0");
    let run = &doc["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.len() >= 80);
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    let r = &results[0];
    assert_eq!(r["ruleId"], "github-pat");
    let idx = r["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[idx]["id"], "github-pat");
    let loc = &r["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "conf/app.env");
    assert_eq!(loc["region"]["startLine"], 2);
    assert!(r["message"]["text"].as_str().unwrap().contains("GitHub"));
}

#[test]
fn baseline_create_update_and_suppress() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("repo");
    fs::create_dir(&root).unwrap();
    let baseline = dir.path().join("baseline.json");
    let b = baseline.to_str().unwrap();
    let (t1, t2, t3) = (github_token('K'), github_token('L'), github_token('M'));
    fs::write(root.join("a.py"), format!("x = 1\nT1 = \"{t1}\"\n")).unwrap();
    fs::write(root.join("b.py"), format!("T2 = \"{t2}\"\n")).unwrap();

    let out = strata(&["scan", ".", "--baseline-create", b], &root);
    assert_eq!(out.status.code(), Some(0));
    let text = fs::read_to_string(&baseline).unwrap();
    assert!(
        !text.contains(&t1) && !text.contains(&t2),
        "baseline holds no secret"
    );
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let entries = doc["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0]["path"], "a.py");
    assert_eq!(entries[0]["rule_id"], "github-pat");
    assert_eq!(entries[0]["fingerprint"].as_str().unwrap().len(), 64);

    // Known findings are suppressed, even after the line moves.
    fs::write(
        root.join("a.py"),
        format!("x = 1\ny = 2\n\nT1 = \"{t1}\"\n"),
    )
    .unwrap();
    let out = strata(&["scan", ".", "--baseline", b], &root);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    // A new secret is reported.
    fs::write(root.join("c.py"), format!("T3 = \"{t3}\"\n")).unwrap();
    let out = strata(&["scan", ".", "--baseline", b, "--format", "json"], &root);
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["findings"].as_array().unwrap().len(), 1);
    assert_eq!(doc["findings"][0]["path"], "c.py");

    // The same secret copied to another file is a new finding.
    fs::write(root.join("d.py"), format!("T1 = \"{t1}\"\n")).unwrap();
    let out = strata(&["scan", ".", "--baseline", b, "--format", "json"], &root);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let paths: Vec<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, vec!["c.py", "d.py"]);

    // Update: b.py's secret is gone (dropped), c.py and d.py are added, a.py kept.
    fs::remove_file(root.join("b.py")).unwrap();
    let out = strata(&["scan", ".", "--baseline-update", b], &root);
    assert_eq!(out.status.code(), Some(0));
    let doc: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&baseline).unwrap()).unwrap();
    let paths: Vec<&str> = doc["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, vec!["a.py", "c.py", "d.py"]);
    let out = strata(&["scan", ".", "--baseline", b], &root);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn custom_rules_from_config_file() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join(".strata-scan.toml"),
        "[[rules]]\nid = \"acme-token\"\ndescription = \"ACME token\"\nregex = '''acme_[a-z0-9]{24}'''\nkeywords = [\"acme_\"]\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("x.txt"),
        "key acme_k3j9x8q2m4n7b5v1c6z0l8p2\n",
    )
    .unwrap();
    let out = strata(&["scan", ".", "--format", "json"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["findings"][0]["rule_id"], "acme-token");
    let out = strata(&["rules"], dir.path());
    assert!(String::from_utf8_lossy(&out.stdout).contains("github-pat"));
}
