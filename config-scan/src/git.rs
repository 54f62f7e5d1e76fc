//! Git inputs: every added line of the full history, and the staged changes.
//!
//! Both run the real `git` CLI with zero context lines and parse its patch
//! output: commit ids from a marker line, file paths from `+++ b/…` headers
//! and new-side line numbers from `@@ -a,b +c,d @@` hunk headers.

use crate::input::{ScanOptions, ScanOutcome, glob_set};
use crate::scanner::Scanner;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

/// Marker that starts each commit in `git log` output.
const COMMIT_MARK: u8 = 0x01;

/// Added lines of one file in one commit (or in the index).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct AddedLines {
    /// Commit id, when scanning history.
    pub commit: Option<String>,
    /// Path of the file (new side), relative to the repository root.
    pub path: String,
    /// Concatenated added lines, each ending with `\n`.
    pub text: Vec<u8>,
    /// New-side line number of each added line.
    pub lines: Vec<usize>,
}

fn unquote(path: &[u8]) -> String {
    let s = String::from_utf8_lossy(path);
    let s = s.trim_end_matches(['\r', '\n']);
    if s.len() >= 2 && s.starts_with('"') && s.ends_with('"') {
        let inner = &s[1..s.len() - 1];
        let mut out = String::new();
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some('t') => out.push('\t'),
                    Some('n') => out.push('\n'),
                    Some(o) => out.push(o),
                    None => {}
                }
            } else {
                out.push(c);
            }
        }
        out
    } else {
        s.to_string()
    }
}

fn parse_new_start(header: &[u8]) -> Option<usize> {
    // @@ -a[,b] +c[,d] @@
    let text = std::str::from_utf8(header).ok()?;
    let plus = text.find(" +")?;
    let rest = &text[plus + 2..];
    let end = rest.find([',', ' '])?;
    rest[..end].parse().ok()
}

/// Incremental parser of `git log -p` / `git diff` output.
#[derive(Debug, Default)]
pub struct PatchParser {
    commit: Option<String>,
    current: Option<AddedLines>,
    in_header: bool,
    next_line: usize,
}

impl PatchParser {
    /// New parser.
    pub fn new() -> PatchParser {
        PatchParser::default()
    }

    fn flush(&mut self, emit: &mut impl FnMut(AddedLines)) {
        if let Some(cur) = self.current.take()
            && !cur.lines.is_empty()
        {
            emit(cur);
        }
    }

    /// Feed one line of output (with or without its trailing newline).
    pub fn line(&mut self, line: &[u8], emit: &mut impl FnMut(AddedLines)) {
        if line.first() == Some(&COMMIT_MARK) {
            self.flush(emit);
            let id = String::from_utf8_lossy(&line[1..]).trim().to_string();
            self.commit = Some(id);
            self.in_header = false;
            return;
        }
        if line.starts_with(b"diff --git ") || line.starts_with(b"diff --cc ") {
            self.flush(emit);
            self.in_header = true;
            return;
        }
        if self.in_header {
            if let Some(p) = line.strip_prefix(b"+++ ") {
                let path = unquote(p);
                if path != "/dev/null" {
                    let path = path.strip_prefix("b/").unwrap_or(&path).to_string();
                    self.current = Some(AddedLines {
                        commit: self.commit.clone(),
                        path,
                        ..AddedLines::default()
                    });
                }
                return;
            }
            if !line.starts_with(b"@@") {
                return;
            }
        }
        if line.starts_with(b"@@") {
            self.in_header = false;
            self.next_line = parse_new_start(line).unwrap_or(1);
            return;
        }
        if let Some(added) = line.strip_prefix(b"+")
            && let Some(cur) = self.current.as_mut()
        {
            let added = added.strip_suffix(b"\n").unwrap_or(added);
            cur.text.extend_from_slice(added);
            cur.text.push(b'\n');
            cur.lines.push(self.next_line);
            self.next_line += 1;
        }
    }

    /// Signal end of input.
    pub fn finish(&mut self, emit: &mut impl FnMut(AddedLines)) {
        self.flush(emit);
    }
}

fn run_git(
    scanner: &Scanner,
    repo: &Path,
    args: &[&str],
    opts: &ScanOptions,
) -> Result<ScanOutcome, String> {
    let globs = glob_set(&opts.allow_paths)?;
    let mut child = Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(["-c", "core.quotePath=false"])
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run git: {e}"))?;
    let stdout = child.stdout.take().expect("piped stdout");
    let mut reader = BufReader::with_capacity(1 << 20, stdout);
    let mut outcome = ScanOutcome::default();
    let mut parser = PatchParser::new();
    let mut emit = |chunk: AddedLines| {
        if globs.is_match(&chunk.path) || scanner.path_excluded(&chunk.path) {
            return;
        }
        if chunk.text.len() as u64 > opts.max_file_size {
            outcome.skipped_large += 1;
            return;
        }
        outcome.files_scanned += 1;
        outcome.bytes_scanned += chunk.text.len() as u64;
        for mut f in scanner.scan_bytes(&chunk.path, &chunk.text) {
            f.line = chunk.lines.get(f.line - 1).copied().unwrap_or(f.line);
            f.commit = chunk.commit.clone();
            outcome.findings.push(f);
        }
    };
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let n = reader
            .read_until(b'\n', &mut buf)
            .map_err(|e| format!("reading git output: {e}"))?;
        if n == 0 {
            break;
        }
        parser.line(&buf, &mut emit);
    }
    parser.finish(&mut emit);
    let output = child
        .wait_with_output()
        .map_err(|e| format!("waiting for git: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "git {} failed: {}",
            args.first().copied().unwrap_or(""),
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    outcome.sort();
    Ok(outcome)
}

/// Scan the added lines of every commit reachable from any ref.
pub fn scan_history(
    scanner: &Scanner,
    repo: &Path,
    opts: &ScanOptions,
) -> Result<ScanOutcome, String> {
    run_git(
        scanner,
        repo,
        &[
            "log",
            "-p",
            "--all",
            "-U0",
            "--no-color",
            "--no-ext-diff",
            "--no-textconv",
            "--format=%x01%H",
        ],
        opts,
    )
}

/// Scan the added lines of the staged changes (for a pre-commit hook).
pub fn scan_staged(
    scanner: &Scanner,
    repo: &Path,
    opts: &ScanOptions,
) -> Result<ScanOutcome, String> {
    run_git(
        scanner,
        repo,
        &[
            "diff",
            "--cached",
            "-U0",
            "--no-color",
            "--no-ext-diff",
            "--no-textconv",
        ],
        opts,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_log_output() {
        let out = b"\x01abc123\n\ndiff --git a/x.txt b/x.txt\nnew file mode 100644\nindex 0000000..1111111\n--- /dev/null\n+++ b/x.txt\n@@ -0,0 +1,2 @@\n+one\n+two\n\x01def456\n\ndiff --git a/x.txt b/x.txt\nindex 1..2 100644\n--- a/x.txt\n+++ b/x.txt\n@@ -2 +2,0 @@\n-two\n@@ -5,0 +7 @@\n++++ plus\ndiff --git a/gone b/gone\ndeleted file mode 100644\n--- a/gone\n+++ /dev/null\n@@ -1 +0,0 @@\n-bye\n";
        let mut p = PatchParser::new();
        let mut got = Vec::new();
        for line in out.split_inclusive(|b| *b == b'\n') {
            p.line(line, &mut |c| got.push(c));
        }
        p.finish(&mut |c| got.push(c));
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].commit.as_deref(), Some("abc123"));
        assert_eq!(got[0].path, "x.txt");
        assert_eq!(got[0].text, b"one\ntwo\n");
        assert_eq!(got[0].lines, vec![1, 2]);
        assert_eq!(got[1].commit.as_deref(), Some("def456"));
        assert_eq!(got[1].text, b"+++ plus\n");
        assert_eq!(got[1].lines, vec![7]);
    }
}
