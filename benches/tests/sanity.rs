//! The benchmark fixtures and shapes agree: every library loads the same values.
//!
//! These tests never touch the process environment: they inject snapshots
//! where a library allows it, and run the `allocs` binary (a process of its
//! own, which sets its environment at startup) for the libraries that only
//! read the process environment.

use std::collections::BTreeMap;

use strata::{Origin, Settings};
use strata_benches::strata_shape::{FIELDS, Root};
use strata_benches::{Render, fixtures, load, serde_shape};

/// The environment after `prepare_process_env`: the variables, then the
/// `.env` entries that no variable overrides (dotenvy keeps existing ones).
fn merged_env() -> Vec<(String, String)> {
    let mut merged: BTreeMap<String, String> = fixtures::dotenv_vars().into_iter().collect();
    merged.extend(fixtures::env_vars());
    merged.into_iter().collect()
}

#[test]
fn fixtures_match_the_generator() {
    fixtures::assert_fresh();
}

#[test]
fn fixture_sizes() {
    assert_eq!(FIELDS.len(), 100);
    let text = std::fs::read_to_string(strata_benches::toml_path()).unwrap();
    let table: toml::Table = toml::from_str(&text).unwrap();
    let leaves: usize = table
        .values()
        .map(|section| section.as_table().unwrap().len())
        .sum();
    assert_eq!(leaves, 50, "the TOML sets half of the fields");
    assert_eq!(fixtures::env_vars().len(), 30);
    assert!(fixtures::dotenv_vars().len() >= 10);
}

#[test]
fn toml_fixture_parses_into_the_serde_shape() {
    let text = std::fs::read_to_string(strata_benches::toml_path()).unwrap();
    let root: serde_shape::Root = toml::from_str(&text).unwrap();
    assert_eq!(root.server.host, "server-host-toml");
}

#[test]
fn declared_env_names_are_the_ones_strata_derives() {
    let explanation = load::strata_explain(fixtures::env_vars()).unwrap();
    let derived: Vec<&str> = explanation
        .entries()
        .iter()
        .map(|e| e.env.as_str())
        .collect();
    let declared: Vec<&str> = FIELDS.iter().map(|f| f.env).collect();
    assert_eq!(derived, declared);
}

#[test]
fn every_source_contributes_and_nothing_is_unknown() {
    let loaded = Root::loader()
        .dir(load::FIXTURES_DIR)
        .env_vars(fixtures::env_vars())
        .load_report()
        .unwrap();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let mut counts = BTreeMap::new();
    for entry in loaded.explanation.entries() {
        let kind = match &entry.origin {
            Some(Origin::Default) => "default",
            Some(Origin::File { .. }) => "file",
            Some(Origin::Dotenv { .. }) => "dotenv",
            Some(Origin::Env { .. }) => "env",
            None => "unset",
            Some(_) => "other",
        };
        *counts.entry(kind).or_insert(0) += 1;
    }
    assert_eq!(counts["env"], 30, "{counts:?}");
    assert!(counts["dotenv"] >= 8, "{counts:?}");
    assert!(counts["file"] >= 35, "{counts:?}");
    assert!(counts["default"] >= 15, "{counts:?}");
    assert!(!counts.contains_key("other"), "{counts:?}");
}

#[test]
fn strata_config_rs_and_envy_agree_in_process() {
    let merged = merged_env();
    strata_benches::assert_same(
        "layered",
        &[
            (
                "strata",
                load::strata_layered(fixtures::env_vars())
                    .unwrap()
                    .rendered(),
            ),
            (
                "strata (.env merged into env)",
                load::strata_layered(merged.clone()).unwrap().rendered(),
            ),
            (
                "config-rs",
                load::config_layered_injected(&merged).unwrap().rendered(),
            ),
        ],
    );
    strata_benches::assert_same(
        "env only",
        &[
            (
                "strata",
                load::strata_env(merged.clone()).unwrap().rendered(),
            ),
            ("envy", load::envy_env_injected(&merged).unwrap().rendered()),
        ],
    );
}

#[test]
fn all_libraries_agree_in_a_benchmark_process() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_allocs"))
        .arg("check")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
