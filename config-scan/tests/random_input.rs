//! Property-style test: arbitrary bytes never make the scanner panic, and
//! findings always point inside the input.

use strata_scan::Scanner;
use strata_scan::corpus::Rng;

#[test]
fn random_bytes_never_panic() {
    let scanner = Scanner::default();
    let mut rng = Rng::new(0xfeed);
    // Fragments that steer random input into the rules' keywords.
    let fragments: &[&[u8]] = &[
        b"ghp_",
        b"AKIA",
        b"-----BEGIN RSA PRIVATE KEY-----",
        b"-----END RSA PRIVATE KEY-----",
        b"password = \"",
        b"postgres://u:",
        b"@h/",
        b"eyJ",
        b".",
        b"\n",
        b"\r\n",
        b"\"",
        b"=",
        b"strata:allow",
        b"token: ",
        b"xoxb-",
        b"\xff\xfe",
        b"\0",
        b"sk_live_",
        b"AccountKey=",
    ];
    for _ in 0..400 {
        let len = rng.below(600);
        let mut data = Vec::with_capacity(len);
        while data.len() < len {
            if rng.below(3) == 0 {
                data.extend_from_slice(fragments[rng.below(fragments.len())]);
            } else {
                data.push(rng.next_u64() as u8);
            }
        }
        for f in scanner.scan_bytes("fuzz.bin", &data) {
            let lines = data.iter().filter(|b| **b == b'\n').count() + 1;
            assert!(f.line >= 1 && f.line <= lines);
            assert!(!f.redacted().is_empty());
        }
    }
}
