//! Noise control: placeholders, documented example keys, references to
//! variables, and inline `strata:allow` comments.

/// Credentials published in vendor documentation as examples.
const KNOWN_EXAMPLES: &[&str] = &[
    "AKIAIOSFODNN7EXAMPLE",
    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
    "AKIAI44QH8DHBEXAMPLE",
    "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
    "pk_test_TYooMQauvdEDq54NiTphI7jx",
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
];

/// Substrings (lower case) that mark a value as a placeholder wherever they occur.
const MARKERS: &[&str] = &[
    "example",
    "placeholder",
    "changeme",
    "change_me",
    "change-me",
    "changethis",
    "dummy",
    "sample",
    "redacted",
    "replace_me",
    "replaceme",
    "replace-me",
    "insert_",
    "insert-",
    "your_",
    "your-",
    "yourkey",
    "yourtoken",
    "yoursecret",
    "xxxxx",
    "*****",
    "....",
    "<",
    ">",
    "${",
    "{{",
    "}}",
    "%(",
    "environ",
    "getenv",
    "process.env",
    "env[",
    "env(",
    "env.",
    "secrets.",
    "lorem",
    "notreal",
    "not_real",
    "not-a-real",
];

/// Words (lower case) that mark a value as a placeholder when they stand as a
/// separate word (delimited by `-`, `_`, `.`, `:` or a space).
const WORD_MARKERS: &[&str] = &[
    "test", "mock", "foo", "bar", "baz", "your", "here", "todo", "tbd", "none", "null", "nil",
    "secret", "password", "token", "key", "value", "demo", "sandbox", "invalid", "fake",
];

/// Whether `secret` is a placeholder or documented example rather than a
/// real credential. `keywords` (lower case) are the rule's literal prefixes,
/// removed before looking for markers so `sk_test_` keys are still judged on
/// their random part. `generic` enables stricter checks for key-name-only rules.
pub fn is_placeholder(secret: &[u8], keywords: &[String], generic: bool) -> bool {
    let Ok(text) = std::str::from_utf8(secret) else {
        return false;
    };
    if KNOWN_EXAMPLES.iter().any(|e| text.contains(e)) {
        return true;
    }
    let mut lower = text.to_ascii_lowercase();
    for kw in keywords {
        if kw.len() >= 3 && lower.starts_with(kw.as_str()) {
            lower.replace_range(..kw.len(), "");
        }
    }
    let body = lower.as_str();
    if body.starts_with('$') || body.starts_with('%') || body.starts_with('@') {
        return true;
    }
    // Short alphabetic markers occur by chance in long key material.
    let long = body.len() > 100;
    if MARKERS.iter().any(|m| {
        (!long || m.len() >= 6 || !m.bytes().all(|b| b.is_ascii_alphabetic())) && body.contains(m)
    }) {
        return true;
    }
    // Words are delimited the way people write placeholders (`my-test-key`),
    // not by base64 punctuation, so random key material never splits into
    // accidental words.
    if body.len() <= 100
        && body
            .split(['-', '_', '.', ' ', ':'])
            .any(|w| WORD_MARKERS.contains(&w))
    {
        return true;
    }
    if low_variety(body.as_bytes()) {
        return true;
    }
    if generic && !generic_shape_ok(text) {
        return true;
    }
    false
}

/// Too few distinct characters, one dominating character, or a run of
/// consecutive ascending characters (`12345678`, `abcdefgh`).
fn low_variety(body: &[u8]) -> bool {
    if body.len() < 4 {
        return false;
    }
    let mut seen = [false; 256];
    let mut distinct = 0;
    let mut counts = [0usize; 256];
    for &b in body {
        if !seen[b as usize] {
            seen[b as usize] = true;
            distinct += 1;
        }
        counts[b as usize] += 1;
    }
    if distinct <= 3 || counts.iter().any(|&c| c * 2 > body.len()) {
        return true;
    }
    let mut run = 1;
    for w in body.windows(2) {
        if w[1] == w[0].wrapping_add(1) {
            run += 1;
            if run >= 6 && run * 2 >= body.len() {
                return true;
            }
        } else {
            run = 1;
        }
    }
    false
}

/// Shape checks for values found only through their key name: they must look
/// like generated material, not like code, paths, URLs or words.
fn generic_shape_ok(text: &str) -> bool {
    if text.contains("://")
        || text.contains("::")
        || text.starts_with('/')
        || text.starts_with("./")
    {
        return false;
    }
    // Code identifiers: CONSTANT_NAMES and snake_case_names.
    let snake = |t: &str, upper: bool| {
        t.contains('_')
            && t.split('_').all(|p| {
                p.is_empty()
                    || p.bytes().all(|b| {
                        b.is_ascii_digit()
                            || if upper {
                                b.is_ascii_uppercase()
                            } else {
                                b.is_ascii_lowercase()
                            }
                    })
            })
    };
    if snake(text, true) || snake(text, false) {
        return false;
    }
    // Dotted identifiers (settings.db.password) and plain identifiers.
    let ident_like = text
        .split('.')
        .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphabetic() || c == '_'));
    if ident_like {
        // Letters only: accept random-looking mixed case (`hmCvRMeSjHuwaSsp`),
        // reject identifiers (`getPasswordFromVault`, `settings.db.password`).
        return !text.contains('.') && random_case(&text.replace('_', ""));
    }
    let has_digit = text.bytes().any(|b| b.is_ascii_digit());
    let has_alpha = text.bytes().any(|b| b.is_ascii_alphabetic());
    let has_upper = text.bytes().any(|b| b.is_ascii_uppercase());
    let has_lower = text.bytes().any(|b| b.is_ascii_lowercase());
    if has_digit && has_alpha {
        return true;
    }
    text.len() >= 24 && has_upper && has_lower
}

/// Whether a letters-only string has the case pattern of random text: long
/// enough, a balanced share of capitals and no long lower-case run.
fn random_case(text: &str) -> bool {
    let n = text.len();
    let upper = text.bytes().filter(u8::is_ascii_uppercase).count();
    let mut run = 0;
    let mut max_run = 0;
    for b in text.bytes() {
        if b.is_ascii_lowercase() {
            run += 1;
            max_run = max_run.max(run);
        } else {
            run = 0;
        }
    }
    n >= 16 && upper * 5 >= n && upper * 5 <= n * 4 && max_run <= 8
}

/// Outcome of looking for an inline allow comment on a line.
#[derive(Debug, PartialEq, Eq)]
pub enum InlineAllow {
    /// No allow comment.
    None,
    /// `strata:allow` alone: every rule is allowed on this line.
    All,
    /// `strata:allow id1,id2`: only these rules are allowed.
    Rules(Vec<String>),
}

/// Marker of an inline allow comment.
pub const ALLOW_MARKER: &str = "strata:allow";

/// Parse an inline allow comment on `line`.
pub fn inline_allow(line: &[u8]) -> InlineAllow {
    let marker = ALLOW_MARKER.as_bytes();
    let Some(pos) = memchr::memmem::find(line, marker) else {
        return InlineAllow::None;
    };
    let rest = &line[pos + marker.len()..];
    let rest = match rest.first() {
        Some(b' ') | Some(b'\t') | Some(b'=') | Some(b':') => &rest[1..],
        _ => return InlineAllow::All,
    };
    let word_end = rest
        .iter()
        .position(|b| !(b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-' || *b == b','))
        .unwrap_or(rest.len());
    let word = &rest[..word_end];
    let ids: Vec<String> = word
        .split(|b| *b == b',')
        .filter(|w| !w.is_empty())
        .map(|w| String::from_utf8_lossy(w).into_owned())
        .collect();
    if ids.is_empty() {
        InlineAllow::All
    } else {
        InlineAllow::Rules(ids)
    }
}

/// Whether an inline comment on `line` allows a finding of `rule_id`.
pub fn line_allows(line: &[u8], rule_id: &str) -> bool {
    match inline_allow(line) {
        InlineAllow::None => false,
        InlineAllow::All => true,
        InlineAllow::Rules(ids) => ids.iter().any(|i| i == rule_id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ph(s: &str) -> bool {
        is_placeholder(s.as_bytes(), &[], true)
    }

    #[test]
    fn placeholders() {
        for s in [
            "AKIAIOSFODNN7EXAMPLE",
            "changeme",
            "your-api-key-here",
            "<password>",
            "${DB_PASSWORD}",
            "xxxxxxxxxxxx",
            "my-test-key-123",
            "dummy_value_1",
            "os.environ",
            "process.env.API_KEY",
            "$API_TOKEN",
            "1234567890",
            "aaaaaaaa1111",
            "settings.database.password",
            "https://example.org/callback",
        ] {
            assert!(ph(s), "{s} should be a placeholder");
        }
        assert!(ph("getPasswordFromVault"));
        for s in [
            "q8Zr2LmX0pVb7TnKe4Wd",
            "Zk3vP0qLx9Tn2mWb8Rc7",
            "hmCvRMeSjHuwaSspIJJu",
        ] {
            assert!(!ph(s), "{s} should be a secret");
        }
        // The keyword prefix is removed before judging markers.
        assert!(!is_placeholder(
            b"sk_test_51HqLyjWDarjtT1zdp7dcQ",
            &["sk_test_".into()],
            false
        ));
        assert!(is_placeholder(
            b"sk_test_xxxxxxxxxxxxxxxxxxxxxxxx",
            &["sk_test_".into()],
            false
        ));
    }

    #[test]
    fn inline_allow_parsing() {
        assert_eq!(inline_allow(b"x = 1"), InlineAllow::None);
        assert_eq!(inline_allow(b"x = 1 # strata:allow"), InlineAllow::All);
        assert_eq!(
            inline_allow(b"x = 1 // strata:allow github-pat,jwt"),
            InlineAllow::Rules(vec!["github-pat".into(), "jwt".into()])
        );
        assert!(line_allows(b"x # strata:allow jwt", "jwt"));
        assert!(!line_allows(b"x # strata:allow jwt", "github-pat"));
    }
}
