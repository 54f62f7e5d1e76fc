//! Deterministic test corpus generator.

/// Small deterministic PRNG (SplitMix64), so corpora are reproducible.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// Seeded generator.
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform integer in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// Pick an element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn alphabet(class: char) -> &'static [u8] {
    match class {
        'A' => b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
        'U' => b"ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        'B' => b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567",
        'q' => b"QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L",
        'a' => b"abcdefghijklmnopqrstuvwxyz0123456789",
        'l' => b"abcdefghijklmnopqrstuvwxyz",
        'x' => b"0123456789abcdef",
        'X' => b"0123456789ABCDEF",
        'd' => b"0123456789",
        'L' => b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
        'b' => b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
        'u' => b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-",
        _ => b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
    }
}

/// Random string of `len` characters from a template class (see [`expand`]).
pub fn random_class(class: char, len: usize, rng: &mut Rng) -> String {
    let alpha = alphabet(class);
    (0..len)
        .map(|_| alpha[rng.below(alpha.len())] as char)
        .collect()
}

/// Expand a value template: `{C:N}` becomes N random characters of class C
/// (`A` upper+digits, `U` upper, `B` base32, `q` bech32, `a` lower+digits, `l` lower,
/// `x` lower hex, `X` upper hex, `d` digits, `L` letters, `n` alphanumeric,
/// `b` base64, `u` base64url), and `{p:N}` becomes N lines of 64 base64
/// characters (a PEM body). Other text is copied.
pub fn expand(template: &str, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(template.len() * 2);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let spec = &after[..close];
        let mut parts = spec.splitn(2, ':');
        let class = parts.next().and_then(|c| c.chars().next()).unwrap_or('n');
        let n: usize = parts.next().and_then(|n| n.parse().ok()).unwrap_or(0);
        if class == 'p' {
            for i in 0..n {
                if i > 0 {
                    out.push('\n');
                }
                out.push_str(&random_class('b', 64, rng));
            }
        } else {
            out.push_str(&random_class(class, n, rng));
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

use crate::rules::builtin::{Builtin, builtins};
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Options of [`generate`].
#[derive(Debug, Clone)]
pub struct CorpusOptions {
    /// Random seed.
    pub seed: u64,
    /// Number of generated files (ignored when `size_bytes` is set).
    pub files: usize,
    /// Approximate total size; half generated files, half real-source filler
    /// when `filler_dir` is set.
    pub size_bytes: Option<u64>,
    /// Directory of real source files copied in as filler (e.g. the cargo registry).
    pub filler_dir: Option<PathBuf>,
    /// Realistic density: plant exactly this many credentials (round robin
    /// over all rule kinds) and about half as many decoys, in only as many
    /// generated files as that takes; the rest of `size_bytes` is filler.
    /// `None` keeps the dense layout (half generated, half filler).
    pub planted: Option<usize>,
}

impl Default for CorpusOptions {
    fn default() -> Self {
        CorpusOptions {
            seed: 1,
            files: 300,
            size_bytes: None,
            filler_dir: None,
            planted: None,
        }
    }
}

/// One planted credential.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Planted {
    /// File path relative to the corpus root.
    pub path: String,
    /// 1-based line where the credential starts.
    pub line: usize,
    /// Id of the built-in rule whose format was planted.
    pub rule: String,
}

/// Ground truth of a corpus.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Truth {
    /// Planted credentials.
    pub secrets: Vec<Planted>,
    /// Number of planted decoys (placeholders, hashes, example keys, …).
    pub decoys: usize,
    /// Number of files written.
    pub files: usize,
    /// Bytes written.
    pub bytes: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lang {
    Rust,
    Python,
    Js,
    Yaml,
    Toml,
    Env,
    Json,
    Docker,
    Shell,
}

const LANGS: &[Lang] = &[
    Lang::Rust,
    Lang::Python,
    Lang::Js,
    Lang::Yaml,
    Lang::Toml,
    Lang::Env,
    Lang::Json,
    Lang::Docker,
    Lang::Shell,
];

const NOUNS: &[&str] = &[
    "order", "invoice", "customer", "session", "report", "account", "payment", "shipment",
    "profile", "ledger", "cache", "queue", "tenant", "region", "bucket", "metric", "widget",
];
const VERBS: &[&str] = &[
    "load", "build", "fetch", "render", "validate", "parse", "compute", "refresh", "sync",
    "encode", "merge", "resolve",
];

fn upper(key: &str) -> String {
    key.to_ascii_uppercase().replace(['-', '.'], "_")
}

fn lower(key: &str) -> String {
    key.to_ascii_lowercase().replace(['-', '.'], "_")
}

impl Lang {
    fn file_name(self, rng: &mut Rng, i: usize) -> String {
        let noun = rng.pick(NOUNS);
        match self {
            Lang::Rust => format!("services/{noun}/src/{noun}_{i}.rs"),
            Lang::Python => format!("app/{noun}/{noun}_{i}.py"),
            Lang::Js => format!("web/src/{noun}/{noun}{i}.js"),
            Lang::Yaml => format!("deploy/{noun}/values-{i}.yaml"),
            Lang::Toml => format!("config/{noun}-{i}.toml"),
            Lang::Env => format!("envs/{noun}{i}/.env"),
            Lang::Json => format!("settings/{noun}-{i}.json"),
            Lang::Docker => format!("docker/{noun}{i}/Dockerfile"),
            Lang::Shell => format!("scripts/{noun}_{i}.sh"),
        }
    }

    /// An assignment line of `key` to `value` in this language.
    fn assign(self, key: &str, value: &str, rng: &mut Rng) -> String {
        let ident = key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.');
        if !ident {
            return format!("{key}={value}");
        }
        match self {
            Lang::Rust => {
                if rng.below(2) == 0 {
                    format!("pub const {}: &str = \"{value}\";", upper(key))
                } else {
                    format!("    let {} = \"{value}\";", lower(key))
                }
            }
            Lang::Python => format!(
                "{} = \"{value}\"",
                if rng.below(2) == 0 {
                    upper(key)
                } else {
                    lower(key)
                }
            ),
            Lang::Js => {
                if rng.below(2) == 0 {
                    format!("const {} = \"{value}\";", lower(key))
                } else {
                    format!("  {}: '{value}',", lower(key))
                }
            }
            Lang::Yaml => {
                if rng.below(2) == 0 {
                    format!("  {}: {value}", lower(key))
                } else {
                    format!("  {}: \"{value}\"", lower(key))
                }
            }
            Lang::Toml => format!("{} = \"{value}\"", lower(key)),
            Lang::Env => format!("{}={value}", upper(key)),
            Lang::Json => format!("  \"{}\": \"{value}\",", lower(key)),
            Lang::Docker => format!("ENV {}={value}", upper(key)),
            Lang::Shell => format!("export {}=\"{value}\"", upper(key)),
        }
    }

    fn comment(self) -> &'static str {
        match self {
            Lang::Rust | Lang::Js => "//",
            Lang::Json => "",
            _ => "#",
        }
    }

    /// A few lines of ordinary code or configuration.
    fn filler(self, rng: &mut Rng, out: &mut Vec<String>) {
        let noun = *rng.pick(NOUNS);
        let verb = *rng.pick(VERBS);
        let n = rng.below(900) + 10;
        let lines: Vec<String> = match self {
            Lang::Rust => vec![
                format!("/// {verb}s the {noun} identified by `id`."),
                format!(
                    "pub fn {verb}_{noun}(id: u64, limit: usize) -> Result<Vec<{}>, Error> {{",
                    cap(noun)
                ),
                format!(
                    "    let rows = self.db.query(\"SELECT * FROM {noun}s WHERE id = $1\", &[&id])?;"
                ),
                format!("    if rows.len() > limit.max({n}) {{"),
                format!(
                    "        return Err(Error::TooMany {{ kind: \"{noun}\", count: rows.len() }});"
                ),
                "    }".into(),
                format!(
                    "    Ok(rows.into_iter().map({}::from_row).collect())",
                    cap(noun)
                ),
                "}".into(),
                String::new(),
            ],
            Lang::Python => vec![
                format!("def {verb}_{noun}(session, {noun}_id, retries={}):", n % 7),
                format!(
                    "    \"\"\"{} a {noun} and return it as a dict.\"\"\"",
                    cap(verb)
                ),
                format!(
                    "    result = session.get(f\"/api/v2/{noun}s/{{{noun}_id}}\", timeout={n})"
                ),
                "    result.raise_for_status()".into(),
                format!("    logger.debug(\"{verb} %s took %.2fs\", {noun}_id, result.elapsed)"),
                "    return result.json()".into(),
                String::new(),
            ],
            Lang::Js => vec![
                format!(
                    "export async function {verb}{}(id, opts = {{}}) {{",
                    cap(noun)
                ),
                format!("  const res = await fetch(`/api/{noun}s/${{id}}?limit={n}`, opts);"),
                "  if (!res.ok) {".into(),
                format!("    throw new Error(`cannot {verb} {noun} ${{id}}: ${{res.status}}`);"),
                "  }".into(),
                "  return res.json();".into(),
                "}".into(),
                String::new(),
            ],
            Lang::Yaml => vec![
                format!("{noun}:"),
                format!("  replicas: {}", n % 9 + 1),
                format!(
                    "  image: registry.internal/{noun}:{}.{}.{}",
                    n % 3,
                    n % 10,
                    n % 17
                ),
                "  resources:".into(),
                format!("    limits: {{ cpu: \"{}m\", memory: \"{}Mi\" }}", n, n * 2),
            ],
            Lang::Toml => vec![
                format!("[{noun}]"),
                format!("enabled = {}", n.is_multiple_of(2)),
                format!("batch_size = {n}"),
                format!("endpoint = \"https://{noun}.internal.example.net/v1\""),
                String::new(),
            ],
            Lang::Env => vec![
                format!("{}_HOST={noun}.internal", upper(noun)),
                format!("{}_PORT={}", upper(noun), 8000 + n),
                format!("{}_TIMEOUT_MS={}", upper(noun), n * 10),
            ],
            Lang::Json => vec![
                format!("  \"{noun}_limit\": {n},"),
                format!("  \"{noun}_url\": \"https://{noun}.internal/api\","),
                format!("  \"{verb}_enabled\": {},", n.is_multiple_of(2)),
            ],
            Lang::Docker => vec![
                format!(
                    "RUN apt-get update && apt-get install -y --no-install-recommends {noun}-tools \\"
                ),
                "    && rm -rf /var/lib/apt/lists/*".into(),
                format!("COPY ./{noun} /srv/{noun}"),
                format!("EXPOSE {}", 8000 + n),
            ],
            Lang::Shell => vec![
                format!("{verb}_{noun}() {{"),
                format!("  local target=\"${{1:-/srv/{noun}}}\""),
                format!("  echo \"{verb} {noun} into $target\" >&2"),
                format!("  rsync -a --timeout={n} \"$SRC/{noun}/\" \"$target/\""),
                "}".into(),
                String::new(),
            ],
        };
        out.extend(lines);
    }

    fn header(self) -> Vec<String> {
        match self {
            Lang::Rust => vec![
                "use std::collections::HashMap;".into(),
                "use crate::error::Error;".into(),
                String::new(),
            ],
            Lang::Python => vec![
                "import logging".into(),
                "import os".into(),
                String::new(),
                "logger = logging.getLogger(__name__)".into(),
                String::new(),
            ],
            Lang::Js => vec![
                "'use strict';".into(),
                "import { logger } from '../log.js';".into(),
                String::new(),
            ],
            Lang::Yaml => vec![
                "# deployment values".into(),
                "global:".into(),
                "  env: production".into(),
            ],
            Lang::Toml => vec!["# service configuration".into(), String::new()],
            Lang::Env => vec!["# environment".into(), "APP_ENV=production".into()],
            Lang::Json => vec!["{".into(), "  \"version\": 3,".into()],
            Lang::Docker => vec!["FROM debian:bookworm-slim".into(), "WORKDIR /srv".into()],
            Lang::Shell => vec![
                "#!/usr/bin/env bash".into(),
                "set -euo pipefail".into(),
                String::new(),
            ],
        }
    }

    fn footer(self) -> Vec<String> {
        match self {
            Lang::Json => vec!["  \"end\": true".into(), "}".into()],
            Lang::Docker => vec!["CMD [\"/srv/bin/start\"]".into()],
            _ => Vec::new(),
        }
    }
}

fn cap(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
        None => String::new(),
    }
}

fn uuid(rng: &mut Rng) -> String {
    format!(
        "{}-{}-4{}-a{}-{}",
        random_class('x', 8, rng),
        random_class('x', 4, rng),
        random_class('x', 3, rng),
        random_class('x', 3, rng),
        random_class('x', 12, rng)
    )
}

/// A decoy: `(key, value)` pairs that look like credentials but are not.
fn decoy(lang: Lang, rng: &mut Rng) -> (String, String) {
    let k = rng.below(24);
    let (key, value): (&str, String) = match k {
        0 => ("aws_access_key_id", "AKIAIOSFODNN7EXAMPLE".into()),
        1 => (
            "aws_secret_access_key",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".into(),
        ),
        2 => ("db_password", "changeme".into()),
        3 => ("api_key", "your-api-key-here".into()),
        4 => ("password", "<password>".into()),
        5 => ("db_password", "${DB_PASSWORD}".into()),
        6 => ("auth_token", "xxxxxxxxxxxxxxxxxxxxxxxx".into()),
        7 => (
            "client_secret",
            format!("example-secret-{}", random_class('a', 8, rng)),
        ),
        8 => (
            "api_token",
            format!("dummy-token-{}", random_class('a', 10, rng)),
        ),
        9 => (
            "smtp_password",
            format!("test-password-{}", random_class('d', 4, rng)),
        ),
        10 => ("checksum", random_class('x', 64, rng)),
        11 => ("request_id", uuid(rng)),
        12 => ("commit_sha", random_class('x', 40, rng)),
        13 => ("etag", random_class('x', 32, rng)),
        14 => ("token_url", "https://oauth2.example.net/token".into()),
        15 => ("password_min_length", "12".into()),
        16 => ("secret_name", "prod-database-credentials".into()),
        17 => ("token_type", "Bearer".into()),
        18 => (
            "stripe_publishable_key",
            format!("pk_live_{}", random_class('n', 24, rng)),
        ),
        19 => ("api_key", "0000000000000000".into()),
        20 => (
            "github_token",
            "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx".into(),
        ),
        21 => ("session_secret", "{{ vault_session_secret }}".into()),
        22 => (
            "ssh_public_key",
            format!(
                "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{} deploy@ci",
                random_class('b', 43, rng)
            ),
        ),
        _ => (
            "image_digest",
            format!("sha256:{}", random_class('x', 64, rng)),
        ),
    };
    let value = match (lang, k) {
        (Lang::Python, 5) => {
            return (
                format!("{} = os.environ[\"DB_PASSWORD\"]", lower(key)),
                String::new(),
            );
        }
        (Lang::Js, 5) => {
            return (
                format!("const {} = process.env.DB_PASSWORD;", lower(key)),
                String::new(),
            );
        }
        _ => value,
    };
    (key.to_string(), value)
}

struct FileBuilder {
    lines: Vec<String>,
}

impl FileBuilder {
    fn next_line(&self) -> usize {
        self.lines.len() + 1
    }
}

/// Plant `rule`'s credential into a file of language `lang`; returns the
/// 1-based line where the secret starts.
fn plant(b: &Builtin, lang: Lang, rng: &mut Rng, fb: &mut FileBuilder) -> usize {
    let value = expand(&b.value, rng);
    if b.multiline {
        match lang {
            Lang::Python => {
                let line = fb.next_line();
                let text = format!("PRIVATE_KEY = \"\"\"{value}\n\"\"\"");
                fb.lines.extend(text.lines().map(str::to_string));
                line
            }
            Lang::Yaml => {
                fb.lines.push("  private_key: |".into());
                let line = fb.next_line();
                for l in value.lines() {
                    fb.lines.push(format!("    {l}"));
                }
                line
            }
            _ => {
                let line = fb.next_line();
                let escaped = value.replace('\n', "\\n");
                fb.lines
                    .push(Lang::Json.assign("private_key", &escaped, rng));
                line
            }
        }
    } else {
        let line = fb.next_line();
        let key = b.key.trim_matches('"');
        let text = if b.id == "docker-config-auth" {
            format!("  \"auths\": {{ \"registry.internal\": {{ \"auth\": \"{value}\" }} }},")
        } else if b.id == "npmrc-auth-token" {
            format!("{key}={value}")
        } else {
            lang.assign(key, &value, rng)
        };
        fb.lines.push(text);
        line
    }
}

fn real_source_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in ignore::WalkBuilder::new(dir)
        .standard_filters(false)
        .build()
        .flatten()
    {
        let p = entry.path();
        if entry.file_type().is_some_and(|t| t.is_file())
            && p.extension()
                .is_some_and(|e| e == "rs" || e == "md" || e == "toml")
        {
            files.push(p.to_path_buf());
        }
    }
    files.sort();
    files
}

fn write_file(root: &Path, rel: &str, text: &str, truth: &mut Truth) -> std::io::Result<()> {
    let path = root.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(&path, text)?;
    truth.files += 1;
    truth.bytes += text.len() as u64;
    Ok(())
}

/// Generate a corpus under `root` and return its ground truth. Every
/// built-in rule kind is planted (round robin), together with decoys and,
/// when configured, real-source filler.
pub fn generate(root: &Path, opts: &CorpusOptions) -> std::io::Result<Truth> {
    let rules = builtins();
    let mut rng = Rng::new(opts.seed);
    let mut truth = Truth::default();
    let generated_budget = opts
        .size_bytes
        .map(|s| if opts.filler_dir.is_some() { s / 2 } else { s });
    // Realistic density: fixed numbers of secrets and decoys.
    let secret_cap = opts.planted.unwrap_or(usize::MAX);
    let decoy_cap = opts.planted.map_or(usize::MAX, |n| n / 2);
    let mut planted = 0usize;
    let mut next_rule = 0usize;
    let mut i = 0usize;
    loop {
        if opts.planted.is_some() {
            if planted >= secret_cap && truth.decoys >= decoy_cap {
                break;
            }
        } else {
            match generated_budget {
                Some(budget) if truth.bytes >= budget => break,
                None if i >= opts.files => break,
                _ => {}
            }
        }
        let lang = LANGS[i % LANGS.len()];
        let rel = lang.file_name(&mut rng, i);
        let mut fb = FileBuilder {
            lines: lang.header(),
        };
        let blocks = 3 + rng.below(8);
        let mut planted_here = Vec::new();
        for _ in 0..blocks {
            lang.filler(&mut rng, &mut fb.lines);
            match rng.below(10) {
                0..=3 if planted < secret_cap => {
                    let b = &rules[next_rule % rules.len()];
                    next_rule += 1;
                    planted += 1;
                    let comment = lang.comment();
                    if !comment.is_empty() && rng.below(3) == 0 {
                        fb.lines.push(format!(
                            "{comment} credentials for the {} integration",
                            b.id
                        ));
                    }
                    let line = plant(b, lang, &mut rng, &mut fb);
                    planted_here.push(Planted {
                        path: rel.clone(),
                        line,
                        rule: b.id.to_string(),
                    });
                }
                4..=6 if truth.decoys < decoy_cap => {
                    let (key, value) = decoy(lang, &mut rng);
                    if value.is_empty() {
                        fb.lines.push(key);
                    } else {
                        fb.lines.push(lang.assign(&key, &value, &mut rng));
                    }
                    truth.decoys += 1;
                }
                _ => {}
            }
        }
        fb.lines.extend(lang.footer());
        let mut text = fb.lines.join("\n");
        text.push('\n');
        write_file(root, &rel, &text, &mut truth)?;
        truth.secrets.extend(planted_here);
        if i.is_multiple_of(25) && truth.decoys < decoy_cap {
            // Lockfile-like decoys: random-looking hashes in non-secret contexts.
            let entries = 20.min((decoy_cap - truth.decoys) / 2).max(1);
            let mut lock = String::from("# This file is automatically generated.\nversion = 3\n\n");
            for j in 0..entries {
                let _ = write!(
                    lock,
                    "[[package]]\nname = \"{}-{j}\"\nversion = \"0.{j}.1\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\nchecksum = \"{}\"\n\n",
                    rng.pick(NOUNS),
                    random_class('x', 64, &mut rng)
                );
                truth.decoys += 1;
            }
            write_file(root, &format!("lock{i}/Cargo.lock"), &lock, &mut truth)?;
            let mut pkg = String::from("{\n  \"lockfileVersion\": 3,\n  \"packages\": {\n");
            for j in 0..entries {
                let _ = writeln!(
                    pkg,
                    "    \"node_modules/{}-{j}\": {{ \"version\": \"1.{j}.0\", \"integrity\": \"sha512-{}==\" }},",
                    rng.pick(NOUNS),
                    random_class('b', 86, &mut rng)
                );
                truth.decoys += 1;
            }
            pkg.push_str("    \"\": {}\n  }\n}\n");
            write_file(
                root,
                &format!("lock{i}/package-lock.json"),
                &pkg,
                &mut truth,
            )?;
        }
        i += 1;
    }
    if let (Some(budget), Some(dir)) = (opts.size_bytes, &opts.filler_dir) {
        let sources = real_source_files(dir);
        let mut k = 0usize;
        while truth.bytes < budget && !sources.is_empty() {
            let src = &sources[k % sources.len()];
            let text = std::fs::read(src)?;
            let rel = format!(
                "vendor/copy{}/{}",
                k / sources.len(),
                src.strip_prefix(dir).unwrap_or(src).to_string_lossy()
            );
            let path = root.join(&rel);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&path, &text)?;
            truth.files += 1;
            truth.bytes += text.len() as u64;
            k += 1;
        }
    }
    truth
        .secrets
        .sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    Ok(truth)
}
