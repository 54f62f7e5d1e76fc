//! The scanning engine: prefilter, regex, entropy and noise checks, overlap
//! resolution and line numbering for one buffer.

use crate::entropy::shannon;
use crate::noise;
use crate::prefilter::Prefilter;
use crate::rules::{AllowTarget, Rule, RuleSet};
use sha2::{Digest, Sha256};
use std::fmt;

/// Bytes after a multi-line rule's keyword that its regex may span.
const MULTILINE_WINDOW: usize = 256 * 1024;

/// One detected credential.
#[derive(Clone, PartialEq)]
pub struct Finding {
    /// Rule id.
    pub rule_id: String,
    /// Rule description.
    pub description: String,
    /// Path of the file, relative to the scanned root, with `/` separators.
    pub path: String,
    /// 1-based line of the match.
    pub line: usize,
    /// 1-based byte column of the match.
    pub column: usize,
    /// Commit that added the line (git history scans only).
    pub commit: Option<String>,
    /// Hex SHA-256 of `rule_id`, a NUL byte and the secret. Stable across
    /// moves of the line; used by baselines.
    pub fingerprint: String,
    /// Shannon entropy of the secret.
    pub entropy: f64,
    secret: String,
}

impl Finding {
    /// The secret itself. Reports never print it; use [`Finding::redacted`].
    pub fn secret(&self) -> &str {
        &self.secret
    }

    /// The secret reduced to a short prefix (at most 4 characters) and `…`.
    pub fn redacted(&self) -> String {
        redact(&self.secret)
    }
}

impl fmt::Debug for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Finding")
            .field("rule_id", &self.rule_id)
            .field("path", &self.path)
            .field("line", &self.line)
            .field("column", &self.column)
            .field("commit", &self.commit)
            .field("secret", &self.redacted())
            .finish()
    }
}

/// Redact a secret: keep at most 4 leading characters (and at most a quarter
/// of the secret), then `…`.
pub fn redact(secret: &str) -> String {
    let n = secret.chars().count();
    let keep = (n / 4).min(4);
    let mut out: String = secret.chars().take(keep).collect();
    out.push('…');
    out
}

/// Fingerprint of a secret for a rule: hex SHA-256 of `rule_id \0 secret`.
pub fn fingerprint(rule_id: &str, secret: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(rule_id.as_bytes());
    h.update([0u8]);
    h.update(secret);
    let digest = h.finalize();
    let mut out = String::with_capacity(64);
    for b in digest.iter() {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

#[derive(Debug, Clone, Copy)]
struct Candidate {
    rule: u32,
    match_start: usize,
    secret_start: usize,
    secret_end: usize,
}

/// A compiled scanner: rules plus their keyword prefilter.
#[derive(Debug, Clone)]
pub struct Scanner {
    rules: RuleSet,
    prefilter: Prefilter,
}

impl Default for Scanner {
    fn default() -> Self {
        Scanner::new(RuleSet::default())
    }
}

fn line_start(data: &[u8], pos: usize) -> usize {
    memchr::memrchr(b'\n', &data[..pos]).map_or(0, |p| p + 1)
}

fn line_end(data: &[u8], pos: usize) -> usize {
    memchr::memchr(b'\n', &data[pos..]).map_or(data.len(), |p| pos + p)
}

impl Scanner {
    /// Build a scanner over a rule set.
    pub fn new(rules: RuleSet) -> Scanner {
        let prefilter = Prefilter::new(rules.rules.iter().map(|r| r.keywords.as_slice()));
        Scanner { rules, prefilter }
    }

    /// The rule set.
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// Whether `path` is excluded by a global path allowlist.
    pub fn path_excluded(&self, path: &str) -> bool {
        self.rules
            .global_allow_paths
            .iter()
            .any(|r| r.is_match(path.as_bytes()))
    }

    fn rule_applies(rule: &Rule, path: &str) -> bool {
        if let Some(p) = &rule.path
            && !p.is_match(path.as_bytes())
        {
            return false;
        }
        !rule.allow_paths.iter().any(|r| r.is_match(path.as_bytes()))
    }

    /// Scan one buffer. `path` is used for path allowlists and reported as is.
    pub fn scan_bytes(&self, path: &str, data: &[u8]) -> Vec<Finding> {
        if self.path_excluded(path) {
            return Vec::new();
        }
        let mut hits = Vec::new();
        self.prefilter.hits(data, &mut hits);
        let always = self.prefilter.always();
        if hits.is_empty() && always.is_empty() {
            return Vec::new();
        }
        let mut cands: Vec<Candidate> = Vec::new();
        let mut i = 0;
        while i < hits.len() {
            let rule_idx = hits[i].0;
            let mut j = i;
            while j < hits.len() && hits[j].0 == rule_idx {
                j += 1;
            }
            let rule = &self.rules.rules[rule_idx as usize];
            if Self::rule_applies(rule, path) {
                let mut covered = 0usize;
                for &(_, pos) in &hits[i..j] {
                    if pos < covered {
                        continue;
                    }
                    let start = line_start(data, pos);
                    let end = if rule.multiline {
                        (pos + MULTILINE_WINDOW).min(data.len())
                    } else {
                        line_end(data, pos)
                    };
                    self.run_rule(rule_idx, data, start, end, &mut cands);
                    covered = end.max(pos + 1);
                }
            }
            i = j;
        }
        for &rule_idx in always {
            let rule = &self.rules.rules[rule_idx as usize];
            if Self::rule_applies(rule, path) {
                self.run_rule(rule_idx, data, 0, data.len(), &mut cands);
            }
        }
        if cands.is_empty() {
            return Vec::new();
        }
        self.finish(path, data, cands)
    }

    fn run_rule(
        &self,
        rule_idx: u32,
        data: &[u8],
        start: usize,
        end: usize,
        out: &mut Vec<Candidate>,
    ) {
        let rule = &self.rules.rules[rule_idx as usize];
        let hay = &data[start..end];
        let group = rule
            .secret_group
            .unwrap_or(if rule.regex.captures_len() == 2 { 1 } else { 0 });
        for caps in rule.regex.captures_iter(hay) {
            let Some(whole) = caps.get(0) else { continue };
            let Some(secret) = caps.get(group) else {
                continue;
            };
            if secret.is_empty() {
                continue;
            }
            let cand = Candidate {
                rule: rule_idx,
                match_start: start + whole.start(),
                secret_start: start + secret.start(),
                secret_end: start + secret.end(),
            };
            if self.accept(rule, data, &cand, start + whole.end()) {
                out.push(cand);
            }
        }
    }

    fn accept(&self, rule: &Rule, data: &[u8], c: &Candidate, match_end: usize) -> bool {
        let secret = &data[c.secret_start..c.secret_end];
        if let Some(min) = rule.entropy
            && shannon(secret) < min
        {
            return false;
        }
        // A generic value followed by `(` or `[` is a call or an index
        // expression, not a literal.
        if rule.generic && matches!(data.get(c.secret_end), Some(b'(') | Some(b'[')) {
            return false;
        }
        let line = &data[line_start(data, c.match_start)..line_end(data, c.match_start)];
        if noise::line_allows(line, &rule.id) {
            return false;
        }
        if !rule.allow_regexes.is_empty() {
            let target = match rule.allow_target {
                AllowTarget::Secret => secret,
                AllowTarget::Match => &data[c.match_start..match_end],
                AllowTarget::Line => line,
            };
            if rule.allow_regexes.iter().any(|r| r.is_match(target)) {
                return false;
            }
        }
        if !rule.allow_stopwords.is_empty() || !self.rules.global_stopwords.is_empty() {
            let lower = secret.to_ascii_lowercase();
            let hit = |w: &String| memchr::memmem::find(&lower, w.as_bytes()).is_some();
            if rule.allow_stopwords.iter().any(hit) || self.rules.global_stopwords.iter().any(hit) {
                return false;
            }
        }
        if self
            .rules
            .global_allow_regexes
            .iter()
            .any(|r| r.is_match(secret))
        {
            return false;
        }
        !noise::is_placeholder(secret, &rule.keywords, rule.generic)
    }

    fn finish(&self, path: &str, data: &[u8], mut cands: Vec<Candidate>) -> Vec<Finding> {
        // Resolve overlaps: a specific rule beats a generic one; between
        // equals, the earlier rule in priority order wins.
        cands.sort_by_key(|c| (c.secret_start, c.rule));
        let rank = |c: &Candidate| (self.rules.rules[c.rule as usize].generic, c.rule);
        let mut kept: Vec<Candidate> = Vec::with_capacity(cands.len());
        'next: for c in cands {
            for k in kept.iter_mut().rev().take(16) {
                let overlap = c.secret_start < k.secret_end && k.secret_start < c.secret_end;
                if overlap {
                    if rank(&c) < rank(k) {
                        *k = c;
                    }
                    continue 'next;
                }
            }
            kept.push(c);
        }
        kept.sort_by_key(|c| (c.match_start, c.rule));
        kept.dedup_by_key(|c| (c.match_start, c.rule));
        let newlines: Vec<usize> = memchr::memchr_iter(b'\n', data).collect();
        kept.into_iter()
            .map(|c| {
                let rule = &self.rules.rules[c.rule as usize];
                let secret = &data[c.secret_start..c.secret_end];
                // Multi-line matches are reported where they begin (the PEM
                // header); others where the secret begins.
                let at = if rule.multiline {
                    c.match_start
                } else {
                    c.secret_start
                };
                let line_idx = newlines.partition_point(|&p| p < at);
                let line_begin = if line_idx == 0 {
                    0
                } else {
                    newlines[line_idx - 1] + 1
                };
                Finding {
                    rule_id: rule.id.clone(),
                    description: rule.description.clone(),
                    path: path.to_string(),
                    line: line_idx + 1,
                    column: at - line_begin + 1,
                    commit: None,
                    fingerprint: fingerprint(&rule.id, secret),
                    entropy: shannon(secret),
                    secret: String::from_utf8_lossy(secret).into_owned(),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redaction_never_shows_more_than_four_chars() {
        assert_eq!(redact("ghp_abcdefghijklmnopqrstuvwxyz0123456789"), "ghp_…");
        assert_eq!(redact("abcdefgh"), "ab…");
        assert_eq!(redact("abc"), "…");
    }

    #[test]
    fn specific_rule_wins_over_generic() {
        let s = Scanner::default();
        let f = s.scan_bytes(
            "a.env",
            b"GITHUB_TOKEN=ghp_Zk3vP0qLx9Tn2mWb8Rc7Yh5Jd1Fs6Ga4Qe0U\n",
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].rule_id, "github-pat");
        assert_eq!((f[0].line, f[0].column), (1, 14));
    }

    #[test]
    fn inline_allow_comment() {
        let s = Scanner::default();
        let text = b"a = 1\n\
            t1 = \"ghp_Zk3vP0qLx9Tn2mWb8Rc7Yh5Jd1Fs6Ga4Qe0U\"  # strata:allow\n\
            t2 = \"ghp_Ak3vP0qLx9Tn2mWb8Rc7Yh5Jd1Fs6Ga4Qe0V\"  # strata:allow github-pat\n\
            t3 = \"ghp_Bk3vP0qLx9Tn2mWb8Rc7Yh5Jd1Fs6Ga4Qe0W\"  # strata:allow jwt\n\
            t4 = \"ghp_Ck3vP0qLx9Tn2mWb8Rc7Yh5Jd1Fs6Ga4Qe0X\"\n";
        let f = s.scan_bytes("a.py", text);
        let lines: Vec<_> = f.iter().map(|f| (f.line, f.rule_id.as_str())).collect();
        assert_eq!(lines, vec![(4, "github-pat"), (5, "github-pat")]);
    }
}
