//! Settings-aware checks: given which settings keys and environment
//! variables hold secrets, find where a repository leaks them.
//!
//! Reported problems:
//! - a configuration file tracked by git holds a plaintext value for a secret
//!   key (TOML, JSON) or a secret environment variable (`.env`-style files);
//! - a `.env*` file is tracked by git (`.env.example`, `.env.sample`,
//!   `.env.template` and `.env.dist` are allowed);
//! - a secret file is readable or writable by group or others (Unix).
//!
//! Values are never reported, only key, file and line.

use clap::Parser;
use serde::Serialize;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// What to check.
#[derive(Debug, Clone, Default)]
pub struct CheckSpec {
    /// Dotted key paths of secret settings, e.g. `database.password`.
    pub secret_keys: Vec<String>,
    /// Environment variable names holding secrets, e.g. `DATABASE_PASSWORD`.
    pub secret_env_names: Vec<String>,
    /// Configuration files (absolute or relative to `repo_root`).
    pub config_files: Vec<PathBuf>,
    /// Files holding secrets (key files, credential files).
    pub secret_files: Vec<PathBuf>,
    /// Root of the git repository.
    pub repo_root: PathBuf,
}

impl CheckSpec {
    /// The spec for an application's own settings type: its secret keys and
    /// variables, the config files it declares (for every profile it names),
    /// and the files of its secrets folder, relative to `repo_root`.
    pub fn for_settings<T: strata_core::Settings>(repo_root: impl Into<PathBuf>) -> CheckSpec {
        let repo_root = repo_root.into();
        let schema = T::schema();
        let keys = strata_core::keys::<T>();
        let secret_keys = keys
            .iter()
            .filter(|k| k.secret)
            .map(|k| k.path.clone())
            .collect();
        let secret_env_names = keys
            .iter()
            .filter(|k| k.secret)
            .map(|k| k.env.clone())
            .collect();
        let mut config_files: Vec<PathBuf> = Vec::new();
        for file in schema.files {
            for profile in strata_core::profiles::<T>() {
                let path = PathBuf::from(file.path.replace("{profile}", profile));
                if !config_files.contains(&path) {
                    config_files.push(path);
                }
            }
        }
        let mut secret_files = Vec::new();
        if let Some(dir) = schema.secrets_dir {
            let dir = repo_root.join(dir);
            if let Ok(entries) = std::fs::read_dir(&dir) {
                let mut files: Vec<PathBuf> = entries
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| p.is_file())
                    .collect();
                files.sort();
                secret_files = files;
            }
        }
        CheckSpec {
            secret_keys,
            secret_env_names,
            config_files,
            secret_files,
            repo_root,
        }
    }
}

/// Kind of a check finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CheckKind {
    /// A tracked configuration file holds a plaintext secret value.
    PlaintextSecret,
    /// A `.env` file is tracked by git.
    TrackedEnvFile,
    /// A secret file is accessible to group or others.
    LoosePermissions,
}

/// One problem found by [`check`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckFinding {
    /// Kind of problem.
    pub kind: CheckKind,
    /// File concerned (relative to the repository root when inside it).
    pub file: PathBuf,
    /// Secret key or variable name, when relevant.
    pub key: Option<String>,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// Human explanation (never contains the value).
    pub message: String,
}

fn tracked_files(root: &Path) -> Option<HashSet<PathBuf>> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["ls-files", "-z"])
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    Some(
        out.stdout
            .split(|b| *b == 0)
            .filter(|p| !p.is_empty())
            .map(|p| PathBuf::from(String::from_utf8_lossy(p).into_owned()))
            .collect(),
    )
}

fn relative_to(root: &Path, path: &Path) -> PathBuf {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        root.join(path)
    };
    let canon_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let canon = abs.canonicalize().unwrap_or(abs.clone());
    canon
        .strip_prefix(&canon_root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

fn is_env_file(name: &str) -> bool {
    name == ".env" || name.starts_with(".env.") || name.ends_with(".env")
}

fn env_template(name: &str) -> bool {
    [".example", ".sample", ".template", ".dist", ".defaults"]
        .iter()
        .any(|s| name.ends_with(s))
}

/// A value that only refers to a secret kept elsewhere, or is empty.
fn is_reference(value: &str) -> bool {
    let v = value.trim();
    v.is_empty()
        || v.starts_with("${")
        || v.starts_with('$')
        || v.starts_with("env:")
        || v.starts_with("file:")
        || v.starts_with("vault:")
        || crate::noise::is_placeholder(v.as_bytes(), &[], false)
}

fn lookup_toml<'a>(value: &'a toml::Value, path: &str) -> Option<&'a toml::Value> {
    path.split('.').try_fold(value, |v, part| v.get(part))
}

fn lookup_json<'a>(value: &'a serde_json::Value, path: &str) -> Option<&'a serde_json::Value> {
    path.split('.').try_fold(value, |v, part| v.get(part))
}

/// Best-effort line of a TOML key: tracks `[table]` headers and accepts
/// dotted keys relative to the current table.
fn toml_line(text: &str, key: &str) -> Option<usize> {
    let mut table = String::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.starts_with('[') {
            table = line
                .trim_matches(|c| c == '[' || c == ']')
                .trim()
                .to_string();
            continue;
        }
        let Some((k, _)) = line.split_once('=') else {
            continue;
        };
        let k: String = k
            .trim()
            .split('.')
            .map(|p| p.trim().trim_matches('"'))
            .collect::<Vec<_>>()
            .join(".");
        let full = if table.is_empty() {
            k
        } else {
            format!("{table}.{k}")
        };
        if full == key {
            return Some(i + 1);
        }
    }
    None
}

/// Best-effort line of a JSON key: the first `"leaf":` after the parents.
fn json_line(text: &str, key: &str) -> Option<usize> {
    let mut from = 0;
    for part in key.split('.') {
        let needle = format!("\"{part}\"");
        from += text[from..].find(&needle)? + needle.len();
    }
    Some(text[..from].matches('\n').count() + 1)
}

fn plaintext(file: &Path, rel: &Path, key: &str, line: Option<usize>) -> CheckFinding {
    CheckFinding {
        kind: CheckKind::PlaintextSecret,
        file: rel.to_path_buf(),
        key: Some(key.to_string()),
        line,
        message: format!(
            "{} is tracked by git and holds a plaintext value for secret `{key}`; move it to an untracked file, the environment or a secret store",
            file.display()
        ),
    }
}

fn check_config(spec: &CheckSpec, path: &Path, rel: &Path, out: &mut Vec<CheckFinding>) {
    let Ok(text) = std::fs::read_to_string(path) else {
        return;
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    if is_env_file(&name) {
        for (i, line) in text.lines().enumerate() {
            let line = line.trim().trim_start_matches("export ").trim();
            let Some((k, v)) = line.split_once('=') else {
                continue;
            };
            let k = k.trim();
            let v = v.trim().trim_matches(|c| c == '"' || c == '\'');
            if spec.secret_env_names.iter().any(|n| n == k) && !is_reference(v) {
                out.push(plaintext(path, rel, k, Some(i + 1)));
            }
        }
        return;
    }
    match ext.as_deref() {
        Some("toml") => {
            let Ok(value) = text.parse::<toml::Table>() else {
                return;
            };
            let value = toml::Value::Table(value);
            for key in &spec.secret_keys {
                if let Some(toml::Value::String(s)) = lookup_toml(&value, key)
                    && !is_reference(s)
                {
                    out.push(plaintext(path, rel, key, toml_line(&text, key)));
                }
            }
        }
        Some("json") => {
            let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) else {
                return;
            };
            for key in &spec.secret_keys {
                if let Some(serde_json::Value::String(s)) = lookup_json(&value, key)
                    && !is_reference(s)
                {
                    out.push(plaintext(path, rel, key, json_line(&text, key)));
                }
            }
        }
        _ => {}
    }
}

/// Run every check of `spec`.
pub fn check(spec: &CheckSpec) -> Vec<CheckFinding> {
    let mut out = Vec::new();
    let tracked = tracked_files(&spec.repo_root).unwrap_or_default();
    for file in &spec.config_files {
        let path = if file.is_absolute() {
            file.clone()
        } else {
            spec.repo_root.join(file)
        };
        let rel = relative_to(&spec.repo_root, file);
        if tracked.contains(&rel) {
            check_config(spec, &path, &rel, &mut out);
        }
    }
    let mut env_files: Vec<&PathBuf> = tracked
        .iter()
        .filter(|p| {
            p.file_name()
                .map(|n| n.to_string_lossy())
                .is_some_and(|n| is_env_file(&n) && !env_template(&n))
        })
        .collect();
    env_files.sort();
    for p in env_files {
        out.push(CheckFinding {
            kind: CheckKind::TrackedEnvFile,
            file: p.clone(),
            key: None,
            line: None,
            message: format!("{} is tracked by git; add it to .gitignore and remove it from the index (git rm --cached)", p.display()),
        });
    }
    for file in &spec.secret_files {
        let path = if file.is_absolute() {
            file.clone()
        } else {
            spec.repo_root.join(file)
        };
        if let Some(mode) = loose_mode(&path) {
            out.push(CheckFinding {
                kind: CheckKind::LoosePermissions,
                file: relative_to(&spec.repo_root, file),
                key: None,
                line: None,
                message: format!(
                    "{} has mode {mode:o}: readable or writable by group or others; run chmod 600",
                    path.display()
                ),
            });
        }
    }
    out
}

#[cfg(unix)]
fn loose_mode(path: &Path) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).ok()?.permissions().mode() & 0o777;
    (mode & 0o077 != 0).then_some(mode)
}

#[cfg(not(unix))]
fn loose_mode(_path: &Path) -> Option<u32> {
    None
}

#[derive(Parser, Debug)]
#[command(
    name = "check",
    about = "Check the repository for leaked secret settings"
)]
struct CheckArgs {
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: CheckFormat,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum CheckFormat {
    Human,
    Json,
}

/// Render findings as text.
pub fn render_human(findings: &[CheckFinding]) -> String {
    let mut s = String::new();
    for f in findings {
        let loc = match f.line {
            Some(l) => format!("{}:{l}", f.file.display()),
            None => f.file.display().to_string(),
        };
        s.push_str(&format!("{loc}: {}\n", f.message));
    }
    s.push_str(&format!("{} problem(s) found\n", findings.len()));
    s
}

/// Entry point for an embedded `check` subcommand. `args` are the arguments
/// after the subcommand name (`--format human|json`). Prints the report to
/// stdout and returns the exit code: 0 clean, 1 problems, 2 usage error.
pub fn run_check_command(spec: &CheckSpec, args: impl IntoIterator<Item = String>) -> i32 {
    let parsed = match CheckArgs::try_parse_from(std::iter::once("check".to_string()).chain(args)) {
        Ok(a) => a,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    let findings = check(spec);
    let text = match parsed.format {
        CheckFormat::Human => render_human(&findings),
        CheckFormat::Json => {
            let mut t = serde_json::to_string_pretty(&findings).expect("json");
            t.push('\n');
            t
        }
    };
    print!("{text}");
    if findings.is_empty() { 0 } else { 1 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_finders() {
        let t = "a = 1\n[database]\nuser = \"x\"\npassword = \"y\"\n";
        assert_eq!(toml_line(t, "database.password"), Some(4));
        assert_eq!(
            toml_line("database.password = \"y\"\n", "database.password"),
            Some(1)
        );
        let j = "{\n  \"database\": {\n    \"password\": \"y\"\n  }\n}\n";
        assert_eq!(json_line(j, "database.password"), Some(3));
    }
}
