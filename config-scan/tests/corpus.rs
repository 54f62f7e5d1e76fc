//! Recall and precision on a generated corpus with planted credentials and decoys.

use std::collections::{HashMap, HashSet};
use strata_scan::Scanner;
use strata_scan::corpus::{CorpusOptions, generate};
use strata_scan::input::{ScanOptions, scan_path};

#[test]
fn recall_and_precision_on_generated_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let truth = generate(
        dir.path(),
        &CorpusOptions {
            seed: 42,
            files: 300,
            ..CorpusOptions::default()
        },
    )
    .unwrap();
    let kinds: HashSet<&str> = truth.secrets.iter().map(|s| s.rule.as_str()).collect();
    let scanner = Scanner::default();
    let builtin_count = scanner.rules().rules().len();
    assert_eq!(kinds.len(), builtin_count, "every rule kind is planted");
    let outcome = scan_path(&scanner, dir.path(), &ScanOptions::default());
    assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
    let expected: HashMap<(String, usize), String> = truth
        .secrets
        .iter()
        .map(|s| ((s.path.clone(), s.line), s.rule.clone()))
        .collect();
    let found: HashMap<(String, usize), String> = outcome
        .findings
        .iter()
        .map(|f| ((f.path.clone(), f.line), f.rule_id.clone()))
        .collect();
    let tp = found.keys().filter(|k| expected.contains_key(*k)).count();
    let same_rule = found
        .iter()
        .filter(|(k, r)| expected.get(*k) == Some(*r))
        .count();
    let recall = tp as f64 / expected.len() as f64;
    let precision = tp as f64 / found.len().max(1) as f64;
    println!(
        "corpus: {} files, {} planted secrets of {} kinds, {} decoys",
        truth.files,
        expected.len(),
        kinds.len(),
        truth.decoys
    );
    println!(
        "found {} (true positives {tp}, right rule {same_rule}): recall {recall:.4}, precision {precision:.4}",
        found.len()
    );
    for (k, r) in &expected {
        if !found.contains_key(k) {
            println!("missed {}:{} {r}", k.0, k.1);
        }
    }
    for (k, r) in &found {
        if !expected.contains_key(k) {
            println!("false positive {}:{} {r}", k.0, k.1);
        }
    }
    assert!(recall >= 0.95, "recall {recall}");
    assert!(precision >= 0.95, "precision {precision}");
    // No output format ever carries a planted secret.
    let json = strata_scan::report::json::render(&outcome);
    let sarif = strata_scan::report::sarif::render(&outcome, scanner.rules());
    let human = strata_scan::report::human::render(&outcome);
    for f in &outcome.findings {
        for text in [&json, &sarif, &human] {
            assert!(!text.contains(f.secret()), "secret of {} leaked", f.rule_id);
        }
    }
}

#[test]
fn realistic_density_plants_a_fixed_number_and_fills_the_rest() {
    let filler = tempfile::tempdir().unwrap();
    for k in 0..40 {
        let body =
            format!("/// Module {k}.\npub fn f{k}(x: u32) -> u32 {{\n    x + {k}\n}}\n").repeat(50);
        std::fs::write(filler.path().join(format!("m{k}.rs")), body).unwrap();
    }
    let opts = CorpusOptions {
        seed: 5,
        size_bytes: Some(2 * 1024 * 1024),
        filler_dir: Some(filler.path().to_path_buf()),
        planted: Some(300),
        ..CorpusOptions::default()
    };
    let a = tempfile::tempdir().unwrap();
    let truth = generate(a.path(), &opts).unwrap();
    assert_eq!(truth.secrets.len(), 300);
    assert!(
        (140..=160).contains(&truth.decoys),
        "{} decoys",
        truth.decoys
    );
    assert!(truth.bytes >= 2 * 1024 * 1024);
    let kinds: HashSet<&str> = truth.secrets.iter().map(|s| s.rule.as_str()).collect();
    assert_eq!(kinds.len(), Scanner::default().rules().rules().len());
    // Most of the tree is filler, and every planted secret is in a generated file.
    let generated: u64 = walk_bytes(a.path(), |rel| !rel.starts_with("vendor"));
    assert!(
        generated < truth.bytes / 4,
        "{generated} of {} bytes generated",
        truth.bytes
    );
    assert!(truth.secrets.iter().all(|s| !s.path.starts_with("vendor")));
    // Deterministic for a seed.
    let b = tempfile::tempdir().unwrap();
    let again = generate(b.path(), &opts).unwrap();
    assert_eq!(truth.secrets, again.secrets);
    assert_eq!(
        (truth.decoys, truth.files, truth.bytes),
        (again.decoys, again.files, again.bytes)
    );
}

fn walk_bytes(root: &std::path::Path, keep: impl Fn(&str) -> bool) -> u64 {
    let mut total = 0;
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let entry = entry.unwrap();
            let path = entry.path();
            if entry.file_type().unwrap().is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                if keep(&rel) {
                    total += entry.metadata().unwrap().len();
                }
            }
        }
    }
    total
}
