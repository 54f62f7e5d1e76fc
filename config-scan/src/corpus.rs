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
