//! Keyword prefilter: one Aho-Corasick automaton over every rule keyword.
//!
//! Scanning a buffer yields, for each rule, the offsets where one of its
//! keywords occurs; a rule's regex then only runs around those offsets.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use std::collections::HashMap;

/// Case-insensitive multi-keyword matcher mapping hits to rule indices.
#[derive(Debug, Clone)]
pub struct Prefilter {
    automaton: Option<AhoCorasick>,
    /// For each automaton pattern, the rules that use it as a keyword.
    pattern_rules: Vec<Vec<u32>>,
    /// Rules without keywords: they run on every buffer.
    always: Vec<u32>,
}

impl Prefilter {
    /// Build the prefilter from each rule's keyword list (index = rule index).
    pub fn new<'a>(keywords: impl IntoIterator<Item = &'a [String]>) -> Prefilter {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut pattern_rules: Vec<Vec<u32>> = Vec::new();
        let mut always = Vec::new();
        for (rule, kws) in keywords.into_iter().enumerate() {
            if kws.is_empty() {
                always.push(rule as u32);
                continue;
            }
            for kw in kws {
                let kw = kw.to_ascii_lowercase();
                let id = *index.entry(kw.clone()).or_insert_with(|| {
                    patterns.push(kw);
                    pattern_rules.push(Vec::new());
                    patterns.len() - 1
                });
                if !pattern_rules[id].contains(&(rule as u32)) {
                    pattern_rules[id].push(rule as u32);
                }
            }
        }
        let automaton = if patterns.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .kind(Some(AhoCorasickKind::DFA))
                    .match_kind(MatchKind::Standard)
                    .build(&patterns)
                    .expect("keyword automaton"),
            )
        };
        Prefilter {
            automaton,
            pattern_rules,
            always,
        }
    }

    /// Rules that run on every buffer.
    pub fn always(&self) -> &[u32] {
        &self.always
    }

    /// Collect `(rule, offset)` pairs for every keyword occurrence in `data`,
    /// sorted by rule then offset.
    pub fn hits(&self, data: &[u8], out: &mut Vec<(u32, usize)>) {
        out.clear();
        let Some(ac) = &self.automaton else { return };
        for m in ac.find_overlapping_iter(data) {
            for &rule in &self.pattern_rules[m.pattern().as_usize()] {
                out.push((rule, m.start()));
            }
        }
        out.sort_unstable();
        out.dedup();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_keywords_to_rules() {
        let kws = [
            vec!["ghp_".to_string()],
            vec!["token".to_string(), "GHP_".to_string()],
            vec![],
        ];
        let p = Prefilter::new(kws.iter().map(|k| k.as_slice()));
        assert_eq!(p.always(), &[2]);
        let mut out = Vec::new();
        p.hits(b"x GHP_abc token", &mut out);
        assert_eq!(out, vec![(0, 2), (1, 2), (1, 10)]);
    }
}
