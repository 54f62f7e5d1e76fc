//! Inputs: directory trees (parallel, `.gitignore`-aware), explicit files
//! and standard input.

use crate::scanner::{Finding, Scanner};
use globset::{Glob, GlobSet, GlobSetBuilder};
use ignore::{WalkBuilder, WalkState};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

/// Bytes inspected for a NUL byte to tell binary files apart.
pub const BINARY_PROBE: usize = 8 * 1024;

/// Options for file-system scans.
#[derive(Debug, Clone)]
pub struct ScanOptions {
    /// Files larger than this many bytes are skipped (default 5 MiB).
    pub max_file_size: u64,
    /// Honour `.gitignore`, `.ignore` and `.git/info/exclude` (default true).
    pub respect_ignore: bool,
    /// Worker threads; 0 picks the number of CPUs.
    pub threads: usize,
    /// Globs (relative to the scanned root) of paths never scanned.
    pub allow_paths: Vec<String>,
}

impl Default for ScanOptions {
    fn default() -> Self {
        ScanOptions {
            max_file_size: 5 * 1024 * 1024,
            respect_ignore: true,
            threads: 0,
            allow_paths: Vec::new(),
        }
    }
}

/// Result of a scan.
#[derive(Debug, Default)]
pub struct ScanOutcome {
    /// Findings, sorted by path, line, column and rule.
    pub findings: Vec<Finding>,
    /// Non-fatal errors (unreadable files, …).
    pub errors: Vec<String>,
    /// Files scanned.
    pub files_scanned: u64,
    /// Bytes scanned.
    pub bytes_scanned: u64,
    /// Files skipped as binary.
    pub skipped_binary: u64,
    /// Files skipped as too large.
    pub skipped_large: u64,
}

impl ScanOutcome {
    /// Sort findings into a stable order.
    pub fn sort(&mut self) {
        self.findings.sort_by(|a, b| {
            (&a.path, a.line, a.column, &a.rule_id, &a.commit)
                .cmp(&(&b.path, b.line, b.column, &b.rule_id, &b.commit))
        });
    }

    /// Merge another outcome into this one.
    pub fn merge(&mut self, other: ScanOutcome) {
        self.findings.extend(other.findings);
        self.errors.extend(other.errors);
        self.files_scanned += other.files_scanned;
        self.bytes_scanned += other.bytes_scanned;
        self.skipped_binary += other.skipped_binary;
        self.skipped_large += other.skipped_large;
    }
}

/// Compile path allowlist globs. A glob without `/` matches at any depth.
pub fn glob_set(globs: &[String]) -> Result<GlobSet, String> {
    let mut b = GlobSetBuilder::new();
    for g in globs {
        let pattern = if g.contains('/') {
            g.clone()
        } else {
            format!("**/{g}")
        };
        b.add(Glob::new(&pattern).map_err(|e| format!("bad glob {g:?}: {e}"))?);
        if !g.ends_with("/**") {
            b.add(
                Glob::new(&format!("{}/**", pattern.trim_end_matches('/')))
                    .map_err(|e| e.to_string())?,
            );
        }
    }
    b.build().map_err(|e| e.to_string())
}

/// Whether a buffer looks binary (NUL byte in the first 8 KiB).
pub fn is_binary(data: &[u8]) -> bool {
    memchr::memchr(0, &data[..data.len().min(BINARY_PROBE)]).is_some()
}

/// Path of `path` relative to `root`, with `/` separators.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let s = rel.to_string_lossy().replace('\\', "/");
    if s.is_empty() {
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    } else {
        s
    }
}

#[derive(Default)]
struct Counters {
    files: AtomicU64,
    bytes: AtomicU64,
    binary: AtomicU64,
    large: AtomicU64,
}

fn scan_file(
    scanner: &Scanner,
    path: &Path,
    shown: &str,
    opts: &ScanOptions,
    counters: &Counters,
    out: &Mutex<(Vec<Finding>, Vec<String>)>,
) {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            out.lock()
                .unwrap()
                .1
                .push(format!("{}: {e}", path.display()));
            return;
        }
    };
    if meta.len() > opts.max_file_size {
        counters.large.fetch_add(1, Ordering::Relaxed);
        return;
    }
    let data = match std::fs::read(path) {
        Ok(d) => d,
        Err(e) => {
            out.lock()
                .unwrap()
                .1
                .push(format!("{}: {e}", path.display()));
            return;
        }
    };
    if is_binary(&data) {
        counters.binary.fetch_add(1, Ordering::Relaxed);
        return;
    }
    counters.files.fetch_add(1, Ordering::Relaxed);
    counters
        .bytes
        .fetch_add(data.len() as u64, Ordering::Relaxed);
    let found = scanner.scan_bytes(shown, &data);
    if !found.is_empty() {
        out.lock().unwrap().0.extend(found);
    }
}

/// Scan a directory tree or a single file. Paths in findings are relative to
/// `root` (for a single file: its name as given).
pub fn scan_path(scanner: &Scanner, root: &Path, opts: &ScanOptions) -> ScanOutcome {
    let mut outcome = ScanOutcome::default();
    let globs = match glob_set(&opts.allow_paths) {
        Ok(g) => g,
        Err(e) => {
            outcome.errors.push(e);
            return outcome;
        }
    };
    let counters = Counters::default();
    let out = Mutex::new((Vec::new(), Vec::new()));
    let meta = match std::fs::metadata(root) {
        Ok(m) => m,
        Err(e) => {
            outcome.errors.push(format!("{}: {e}", root.display()));
            return outcome;
        }
    };
    if meta.is_file() {
        let shown = root.to_string_lossy().replace('\\', "/");
        if !globs.is_match(&shown) {
            scan_file(scanner, root, &shown, opts, &counters, &out);
        }
    } else {
        let threads = if opts.threads == 0 {
            std::thread::available_parallelism().map_or(2, |n| n.get())
        } else {
            opts.threads
        };
        let walker = WalkBuilder::new(root)
            .hidden(false)
            .git_ignore(opts.respect_ignore)
            .git_exclude(opts.respect_ignore)
            .git_global(false)
            .ignore(opts.respect_ignore)
            .parents(opts.respect_ignore)
            .require_git(false)
            .threads(threads)
            .filter_entry(|e| e.file_name() != ".git")
            .build_parallel();
        walker.run(|| {
            let globs = &globs;
            let counters = &counters;
            let out = &out;
            Box::new(move |entry| {
                let entry = match entry {
                    Ok(e) => e,
                    Err(e) => {
                        out.lock().unwrap().1.push(e.to_string());
                        return WalkState::Continue;
                    }
                };
                let rel = relative(root, entry.path());
                if globs.is_match(&rel) {
                    return WalkState::Skip;
                }
                if entry.file_type().is_some_and(|t| t.is_file()) {
                    scan_file(scanner, entry.path(), &rel, opts, counters, out);
                }
                WalkState::Continue
            })
        });
    }
    let (findings, errors) = out.into_inner().unwrap();
    outcome.findings = findings;
    outcome.errors.extend(errors);
    outcome.files_scanned = counters.files.into_inner();
    outcome.bytes_scanned = counters.bytes.into_inner();
    outcome.skipped_binary = counters.binary.into_inner();
    outcome.skipped_large = counters.large.into_inner();
    outcome.sort();
    outcome
}

/// Scan several roots (directories or files).
pub fn scan_paths(scanner: &Scanner, roots: &[PathBuf], opts: &ScanOptions) -> ScanOutcome {
    let mut all = ScanOutcome::default();
    for root in roots {
        all.merge(scan_path(scanner, root, opts));
    }
    all.sort();
    all
}

/// Scan everything readable from `reader` (standard input), reported as `<stdin>`.
pub fn scan_reader(scanner: &Scanner, mut reader: impl Read, opts: &ScanOptions) -> ScanOutcome {
    let mut outcome = ScanOutcome::default();
    let mut data = Vec::new();
    if let Err(e) = reader.read_to_end(&mut data) {
        outcome.errors.push(format!("<stdin>: {e}"));
        return outcome;
    }
    if data.len() as u64 > opts.max_file_size {
        outcome.skipped_large = 1;
        return outcome;
    }
    if is_binary(&data) {
        outcome.skipped_binary = 1;
        return outcome;
    }
    outcome.files_scanned = 1;
    outcome.bytes_scanned = data.len() as u64;
    outcome.findings = scanner.scan_bytes("<stdin>", &data);
    outcome
}
