//! Command-line interface: `strata scan`, `strata rules`.

use crate::baseline::Baseline;
use crate::input::{ScanOptions, ScanOutcome, scan_paths, scan_reader};
use crate::report::Format;
use crate::rules::{RuleSet, ScanConfig};
use crate::scanner::Scanner;
use clap::{Args, Parser, Subcommand};
use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Exit code: nothing found.
pub const EXIT_CLEAN: i32 = 0;
/// Exit code: findings reported.
pub const EXIT_FINDINGS: i32 = 1;
/// Exit code: usage or I/O error.
pub const EXIT_ERROR: i32 = 2;

/// Name of the rule file picked up automatically at the scanned root.
pub const DEFAULT_CONFIG: &str = ".strata-scan.toml";

#[derive(Parser, Debug)]
#[command(
    name = "strata",
    version,
    about = "Strata tools: find leaked credentials"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Scan files, directories, stdin (`-`), the git history or staged changes.
    Scan(ScanArgs),
    /// List the active rules.
    Rules(RuleArgs),
    /// Generate a synthetic corpus with planted credentials (for benchmarks).
    #[command(hide = true)]
    Corpus(CorpusArgs),
}

#[derive(Args, Debug)]
struct RuleArgs {
    /// Extra rule file (strata format).
    #[arg(long)]
    config: Option<PathBuf>,
    /// Extra rule file in gitleaks format.
    #[arg(long)]
    gitleaks_config: Option<PathBuf>,
}

#[derive(Args, Debug)]
struct CorpusArgs {
    /// Output directory.
    #[arg(long)]
    out: PathBuf,
    /// Ground-truth JSON file.
    #[arg(long)]
    truth: PathBuf,
    /// Random seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Approximate size in MiB (overrides --files).
    #[arg(long)]
    size_mb: Option<u64>,
    /// Number of files.
    #[arg(long, default_value_t = 300)]
    files: usize,
    /// Directory of real source text used as filler.
    #[arg(long)]
    filler: Option<PathBuf>,
    /// Realistic density: plant exactly N credentials (and about N/2 decoys)
    /// and fill the rest of --size-mb with filler (default: half the size is
    /// generated files dense with credentials).
    #[arg(long, value_name = "N")]
    planted: Option<usize>,
}

#[derive(Args, Debug)]
struct ScanArgs {
    /// Files or directories to scan; `-` reads standard input. With
    /// `--git-history` or `--staged`: the repository (default `.`).
    paths: Vec<PathBuf>,
    /// Scan every added line in the full git history (all refs).
    #[arg(long, conflicts_with = "staged")]
    git_history: bool,
    /// Scan the staged changes (`git diff --cached`), for pre-commit hooks.
    #[arg(long)]
    staged: bool,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value = "human")]
    format: Format,
    /// Write the report to a file instead of stdout.
    #[arg(long, short = 'o')]
    output: Option<PathBuf>,
    /// Suppress findings accepted in this baseline file.
    #[arg(long, conflicts_with_all = ["baseline_create", "baseline_update"])]
    baseline: Option<PathBuf>,
    /// Write a baseline accepting every current finding.
    #[arg(long, conflicts_with = "baseline_update")]
    baseline_create: Option<PathBuf>,
    /// Rewrite a baseline: keep entries still found, add new ones.
    #[arg(long)]
    baseline_update: Option<PathBuf>,
    /// Rule file in strata format (default: `.strata-scan.toml` at the root, if any).
    #[arg(long)]
    config: Option<PathBuf>,
    /// Rule file in gitleaks format.
    #[arg(long)]
    gitleaks_config: Option<PathBuf>,
    /// Disable a rule by id (repeatable).
    #[arg(long)]
    disable_rule: Vec<String>,
    /// Skip files larger than this many bytes.
    #[arg(long, default_value_t = 5 * 1024 * 1024)]
    max_file_size: u64,
    /// Do not honour .gitignore / .ignore files.
    #[arg(long)]
    no_ignore: bool,
    /// Glob of paths never scanned (repeatable).
    #[arg(long = "allow-path")]
    allow_paths: Vec<String>,
    /// Worker threads (0 = number of CPUs).
    #[arg(long, default_value_t = 0)]
    threads: usize,
}

fn load_rules(
    config: Option<&Path>,
    gitleaks: Option<&Path>,
    disabled: &[String],
    root: Option<&Path>,
) -> Result<RuleSet, String> {
    let mut builder = RuleSet::builder();
    let implicit = root
        .map(|r| {
            if r.is_dir() {
                r.join(DEFAULT_CONFIG)
            } else {
                PathBuf::from(DEFAULT_CONFIG)
            }
        })
        .filter(|p| p.is_file());
    let mut warnings = Vec::new();
    if let Some(path) = config.map(Path::to_path_buf).or(implicit) {
        let cfg = ScanConfig::load(&path, false).map_err(|e| e.to_string())?;
        warnings.extend(cfg.warnings.clone());
        builder = builder.config(cfg);
    }
    if let Some(path) = gitleaks {
        let cfg = ScanConfig::load(path, true).map_err(|e| e.to_string())?;
        warnings.extend(cfg.warnings.clone());
        builder = builder.config(cfg);
    }
    for w in warnings {
        eprintln!("warning: {w}");
    }
    for id in disabled {
        builder = builder.disable(id.clone());
    }
    builder.build().map_err(|e| e.to_string())
}

fn emit(text: &str, output: Option<&Path>) -> Result<(), String> {
    match output {
        Some(p) => std::fs::write(p, text).map_err(|e| format!("{}: {e}", p.display())),
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes()).map_err(|e| e.to_string())
        }
    }
}

fn scan(args: ScanArgs) -> Result<i32, String> {
    let first = args
        .paths
        .first()
        .cloned()
        .unwrap_or_else(|| PathBuf::from("."));
    let root_for_config = (first.as_os_str() != "-").then_some(first.as_path());
    let rules = load_rules(
        args.config.as_deref(),
        args.gitleaks_config.as_deref(),
        &args.disable_rule,
        root_for_config,
    )?;
    let scanner = Scanner::new(rules);
    let opts = ScanOptions {
        max_file_size: args.max_file_size,
        respect_ignore: !args.no_ignore,
        threads: args.threads,
        allow_paths: args.allow_paths.clone(),
    };
    let mut outcome = if args.git_history {
        crate::git::scan_history(&scanner, &first, &opts)?
    } else if args.staged {
        crate::git::scan_staged(&scanner, &first, &opts)?
    } else {
        let paths = if args.paths.is_empty() {
            vec![PathBuf::from(".")]
        } else {
            args.paths.clone()
        };
        let mut all = ScanOutcome::default();
        let files: Vec<PathBuf> = paths
            .iter()
            .filter(|p| p.as_os_str() != "-")
            .cloned()
            .collect();
        if paths.iter().any(|p| p.as_os_str() == "-") {
            all.merge(scan_reader(&scanner, std::io::stdin().lock(), &opts));
        }
        for p in &files {
            if !p.exists() {
                return Err(format!("{}: no such file or directory", p.display()));
            }
        }
        all.merge(scan_paths(&scanner, &files, &opts));
        all.sort();
        all
    };
    if let Some(path) = &args.baseline_create {
        let b = Baseline::from_findings(&outcome.findings);
        b.save(path)?;
        eprintln!(
            "baseline written to {} ({} entries)",
            path.display(),
            b.entries.len()
        );
        return Ok(EXIT_CLEAN);
    }
    if let Some(path) = &args.baseline_update {
        let old = if path.exists() {
            Baseline::load(path)?
        } else {
            Baseline::default()
        };
        let new = old.updated(&outcome.findings);
        new.save(path)?;
        let added = new
            .entries
            .iter()
            .filter(|e| old.entries.binary_search(e).is_err())
            .count();
        let removed = old
            .entries
            .iter()
            .filter(|e| new.entries.binary_search(e).is_err())
            .count();
        eprintln!(
            "baseline {} updated: {} entries ({added} added, {removed} removed)",
            path.display(),
            new.entries.len()
        );
        return Ok(EXIT_CLEAN);
    }
    if let Some(path) = &args.baseline {
        let b = Baseline::load(path)?;
        outcome.findings = b.filter(std::mem::take(&mut outcome.findings));
    }
    let written = match args.output.as_deref() {
        Some(p) => std::fs::File::create(p).and_then(|f| {
            let mut w = std::io::BufWriter::new(f);
            crate::report::write(args.format, &outcome, scanner.rules(), &mut w)?;
            w.flush()
        }),
        None => {
            let mut w = std::io::BufWriter::new(std::io::stdout().lock());
            crate::report::write(args.format, &outcome, scanner.rules(), &mut w)
                .and_then(|_| w.flush())
        }
    };
    written.map_err(|e| format!("writing report: {e}"))?;
    Ok(if outcome.findings.is_empty() {
        EXIT_CLEAN
    } else {
        EXIT_FINDINGS
    })
}

fn list_rules(args: RuleArgs) -> Result<i32, String> {
    let rules = load_rules(
        args.config.as_deref(),
        args.gitleaks_config.as_deref(),
        &[],
        None,
    )?;
    let mut text = String::new();
    for r in rules.rules() {
        text.push_str(&format!("{:40} {}\n", r.id, r.description));
    }
    text.push_str(&format!("{} rules\n", rules.rules().len()));
    emit(&text, None)?;
    Ok(EXIT_CLEAN)
}

fn corpus(args: CorpusArgs) -> Result<i32, String> {
    let opts = crate::corpus::CorpusOptions {
        seed: args.seed,
        files: args.files,
        size_bytes: args.size_mb.map(|m| m * 1024 * 1024),
        filler_dir: args.filler,
        planted: args.planted,
    };
    let truth = crate::corpus::generate(&args.out, &opts).map_err(|e| e.to_string())?;
    let text = serde_json::to_string_pretty(&truth).map_err(|e| e.to_string())?;
    std::fs::write(&args.truth, text).map_err(|e| format!("{}: {e}", args.truth.display()))?;
    eprintln!(
        "{} planted secrets and {} decoys in {} files ({} bytes) written to {}",
        truth.secrets.len(),
        truth.decoys,
        truth.files,
        truth.bytes,
        args.out.display()
    );
    Ok(EXIT_CLEAN)
}

/// Run the CLI with the given arguments (the first is the program name) and
/// return the process exit code: 0 clean, 1 findings, 2 usage or I/O error.
pub fn run<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() {
                EXIT_ERROR
            } else {
                EXIT_CLEAN
            };
            let _ = e.print();
            return code;
        }
    };
    let result = match cli.command {
        Command::Scan(a) => scan(a),
        Command::Rules(a) => list_rules(a),
        Command::Corpus(a) => corpus(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_ERROR
        }
    }
}
