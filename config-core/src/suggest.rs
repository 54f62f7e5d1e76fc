//! "Did you mean" suggestions for misspelt keys and variable names.

/// The closest candidate to `input`, if one is close enough to be a likely typo.
pub(crate) fn closest<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let input_lower = input.to_ascii_lowercase();
    let mut best: Option<(&'a str, f64)> = None;
    for candidate in candidates {
        let score = strsim::jaro_winkler(&input_lower, &candidate.to_ascii_lowercase());
        if score >= 0.85 && best.is_none_or(|(_, s)| score > s) {
            best = Some((candidate, score));
        }
    }
    best.map(|(c, _)| c)
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn suggests_near_misses_only() {
        assert_eq!(closest("prot", ["port", "host"]), Some("port"));
        assert_eq!(
            closest("APP_DATABSE__HOST", ["APP_DATABASE__HOST", "APP_PORT"]),
            Some("APP_DATABASE__HOST")
        );
        assert_eq!(closest("zzz", ["port", "host"]), None);
    }
}
