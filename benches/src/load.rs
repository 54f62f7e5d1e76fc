//! One function per library and scenario, as a user of that library would
//! write the load. The benches, the allocation counter and the tests call
//! these, so they all measure the same code.
//!
//! figment, config-rs, envy and confique read the process environment and
//! cannot read `.env` files. Benchmark binaries therefore call
//! [`prepare_process_env`] once at startup; Strata gets the same variables
//! either injected (`.env_vars(snapshot)`) or from the process environment.

use std::path::Path;

use crate::{confique_shape, serde_shape, strata_shape};

/// Path of `config.toml` as a string.
pub const TOML_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/config.toml");
/// The fixtures folder as a string (Strata's `.dir(..)`).
pub const FIXTURES_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");

/// Sets the fixture variables in the process environment and loads the
/// `.env` fixture into it with dotenvy (which keeps variables already set, so
/// the environment wins over `.env` as in Strata).
///
/// # Safety
/// Mutates the process environment, which is racy with any other thread
/// reading or writing it. Call it first thing in `main` of a benchmark
/// binary (a process of its own), before any thread starts. Tests never
/// call it: they inject snapshots, or run a benchmark binary as a child.
pub unsafe fn prepare_process_env() {
    for (key, value) in crate::fixtures::env_vars() {
        // SAFETY: single-threaded start of a benchmark process (see above).
        unsafe { std::env::set_var(key, value) };
    }
    dotenvy::from_path(crate::dotenv_path()).expect("load fixtures/.env");
}

/// The process environment as a snapshot, for `.env_vars(..)`.
pub fn env_snapshot() -> Vec<(String, String)> {
    std::env::vars().collect()
}

// ---------------------------------------------------------------- layered

/// Strata, defaults + TOML + `.env` (read by Strata) + an injected env snapshot.
pub fn strata_layered(env: Vec<(String, String)>) -> Result<strata_shape::Root, strata::Error> {
    use strata::Settings;
    strata_shape::Root::loader()
        .dir(FIXTURES_DIR)
        .env_vars(env)
        .load()
}

/// Strata, defaults + TOML + `.env` + the process environment (read by Strata).
pub fn strata_layered_process_env() -> Result<strata_shape::Root, strata::Error> {
    use strata::Settings;
    strata_shape::Root::loader().dir(FIXTURES_DIR).load()
}

/// Strata like the others: `.env` already in the process environment (loaded
/// by dotenvy at start-up), so the load reads defaults, the TOML file and the
/// environment only.
pub fn strata_layered_like_others() -> Result<strata_shape::Root, strata::Error> {
    use strata::Settings;
    strata_shape::Root::loader()
        .dir(FIXTURES_DIR)
        .dotenv(false)
        .load()
}

/// `explain()` of the layered load.
pub fn strata_explain(env: Vec<(String, String)>) -> Result<strata::Explanation, strata::Error> {
    use strata::Settings;
    strata_shape::Root::loader()
        .dir(FIXTURES_DIR)
        .env_vars(env)
        .explain()
}

/// figment: `#[serde(default)]` defaults + `Toml::file` + `Env::prefixed("APP_").split("__")`.
pub fn figment_layered() -> Result<serde_shape::Root, Box<figment::Error>> {
    use figment::Figment;
    use figment::providers::{Env, Format, Toml};
    Figment::new()
        .merge(Toml::file(TOML_PATH))
        .merge(Env::prefixed("APP_").split("__"))
        .extract()
        .map_err(Box::new)
}

fn config_env_source() -> config::Environment {
    config::Environment::with_prefix(crate::PREFIX)
        .prefix_separator("_")
        .separator("__")
        .try_parsing(true)
}

/// config-rs: `#[serde(default)]` defaults + `File` + `Environment` with the same names.
pub fn config_layered() -> Result<serde_shape::Root, config::ConfigError> {
    config_layered_with(config_env_source())
}

/// config-rs with an injected environment (for the in-process tests).
pub fn config_layered_injected(
    env: &[(String, String)],
) -> Result<serde_shape::Root, config::ConfigError> {
    let map = env.iter().cloned().collect();
    config_layered_with(config_env_source().source(Some(map)))
}

fn config_layered_with(env: config::Environment) -> Result<serde_shape::Root, config::ConfigError> {
    config::Config::builder()
        .add_source(config::File::new(TOML_PATH, config::FileFormat::Toml))
        .add_source(env)
        .build()?
        .try_deserialize()
}

/// confique: per-field `env` + `file` + `default`.
pub fn confique_layered() -> Result<confique_shape::Root, confique::Error> {
    use confique::Config;
    confique_shape::Root::builder()
        .env()
        .file(Path::new(TOML_PATH))
        .load()
}

/// The floor: one typed `toml::from_str` of the same file into the plain
/// serde struct, plus one pass over the process environment.
pub fn floor() -> (serde_shape::Root, usize) {
    let text = std::fs::read_to_string(TOML_PATH).expect("read config.toml");
    let root: serde_shape::Root = toml::from_str(&text).expect("parse config.toml");
    let mut seen = 0;
    for (key, value) in std::env::vars_os() {
        if key.as_encoded_bytes().starts_with(b"APP_") {
            seen += value.len();
        }
    }
    (root, seen)
}

// ---------------------------------------------------------------- env only

/// Strata, defaults + an injected env snapshot (no files, no `.env`).
pub fn strata_env(env: Vec<(String, String)>) -> Result<strata_shape::Root, strata::Error> {
    use strata::Settings;
    strata_shape::Root::loader()
        .without_declared_files()
        .dotenv(false)
        .env_vars(env)
        .load()
}

/// Strata, defaults + the process environment (no files, no `.env`).
pub fn strata_env_process_env() -> Result<strata_shape::Root, strata::Error> {
    use strata::Settings;
    strata_shape::Root::loader()
        .without_declared_files()
        .dotenv(false)
        .load()
}

/// envy: one `prefixed("APP_{SECTION}__").from_env()` per section.
pub fn envy_env() -> Result<serde_shape::Root, envy::Error> {
    serde_shape::envy_from_env()
}

/// envy with an injected environment (for the in-process tests).
pub fn envy_env_injected(env: &[(String, String)]) -> Result<serde_shape::Root, envy::Error> {
    serde_shape::envy_from_iter(env)
}

/// figment: `Env::prefixed("APP_").split("__")` only.
pub fn figment_env() -> Result<serde_shape::Root, Box<figment::Error>> {
    use figment::Figment;
    use figment::providers::Env;
    Figment::from(Env::prefixed("APP_").split("__"))
        .extract()
        .map_err(Box::new)
}

/// confique: `builder().env()` only.
pub fn confique_env() -> Result<confique_shape::Root, confique::Error> {
    use confique::Config;
    confique_shape::Root::builder().env().load()
}

// ---------------------------------------------------------------- checks

/// Loads with every library in both scenarios from the process environment
/// (after [`prepare_process_env`]) and panics unless they agree.
pub fn check_all_equal() {
    use crate::Render;
    let snapshot = env_snapshot();
    crate::assert_same(
        "layered",
        &[
            (
                "strata (injected env)",
                strata_layered(snapshot.clone()).expect("strata").rendered(),
            ),
            (
                "strata (process env)",
                strata_layered_process_env()
                    .expect("strata process env")
                    .rendered(),
            ),
            ("figment", figment_layered().expect("figment").rendered()),
            ("config-rs", config_layered().expect("config-rs").rendered()),
            ("confique", confique_layered().expect("confique").rendered()),
        ],
    );
    crate::assert_same(
        "env only",
        &[
            (
                "strata (injected env)",
                strata_env(snapshot).expect("strata").rendered(),
            ),
            (
                "strata (process env)",
                strata_env_process_env()
                    .expect("strata process env")
                    .rendered(),
            ),
            ("envy", envy_env().expect("envy").rendered()),
            ("figment", figment_env().expect("figment").rendered()),
            ("confique", confique_env().expect("confique").rendered()),
        ],
    );
}
