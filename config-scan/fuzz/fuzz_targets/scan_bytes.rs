//! Feeds arbitrary bytes to every input path of the scanner: the rule
//! engine, the binary probe, the git patch parser and the rule-file parser.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use strata_scan::{ScanConfig, Scanner};

static SCANNER: OnceLock<Scanner> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let scanner = SCANNER.get_or_init(Scanner::default);
    let lines = data.iter().filter(|b| **b == b'\n').count() + 1;
    for f in scanner.scan_bytes("fuzz.txt", data) {
        assert!(f.line >= 1 && f.line <= lines);
        assert!(f.redacted().chars().count() <= 5);
    }
    let _ = strata_scan::input::is_binary(data);
    let mut parser = strata_scan::git::PatchParser::new();
    for line in data.split_inclusive(|b| *b == b'\n') {
        parser.line(line, &mut |chunk| {
            let _ = scanner.scan_bytes(&chunk.path, &chunk.text);
        });
    }
    parser.finish(&mut |_| {});
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = ScanConfig::from_gitleaks_toml(text);
    }
});
