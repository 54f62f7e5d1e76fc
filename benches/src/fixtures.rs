//! Generates the fixtures from the schema: `fixtures/config.toml` (half the
//! fields), `fixtures/.env` and the prefixed environment variables.
//!
//! Which source sets which field is decided by the field's position `j` in
//! its section (every section has the same mix of types, see `lib.rs`) and
//! the section's position `s`:
//! - TOML: every even `j` (string, u32/u64, duration, optional string, float): 50 fields;
//! - `.env`: the bool (`j = 3`) of sections 0-4, the secret (`j = 9`) of
//!   sections 0-5, the string (`j = 0`) of sections 0-1: 13 entries;
//! - environment: the port (`j = 1`) of every section, the secret of
//!   sections 3-9 (3-5 override `.env`), the duration (`j = 4`) of sections
//!   0-4 and the optional string (`j = 6`) and the number (`j = 2`) of
//!   sections 0-3 (all overriding TOML): 30 variables.
//!
//! Each source writes a different value, so a wrong precedence shows up as a
//! difference between libraries. The files are committed; a test checks they
//! equal what this module generates (`cargo run -p strata-benches --bin
//! allocs -- fixtures` rewrites them).

use std::fmt::Write as _;
use std::time::Duration;

use crate::strata_shape::{FIELDS, List, Secret};

/// Which fixture a value is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Src {
    /// `config.toml`.
    Toml,
    /// `.env`.
    Dotenv,
    /// The process environment.
    Env,
}

impl Src {
    fn name(self) -> &'static str {
        match self {
            Src::Toml => "toml",
            Src::Dotenv => "dotenv",
            Src::Env => "env",
        }
    }
}

/// What a synthesized value depends on.
#[derive(Debug, Clone, Copy)]
pub struct Seed {
    /// Position of the field in the whole schema (0..100).
    pub index: usize,
    /// The section name.
    pub section: &'static str,
    /// The key.
    pub key: &'static str,
    /// The fixture.
    pub src: Src,
}

/// A fixture value, written as TOML or as an env string.
#[derive(Debug, Clone, PartialEq)]
pub enum Lit {
    /// A string.
    Str(String),
    /// An integer.
    Int(i64),
    /// A float.
    Float(f64),
    /// A boolean.
    Bool(bool),
    /// A list of strings (comma-separated in env form).
    List(Vec<String>),
}

impl Lit {
    /// TOML syntax.
    pub fn toml(&self) -> String {
        match self {
            Lit::Str(s) => format!("{s:?}"),
            Lit::Int(i) => i.to_string(),
            Lit::Float(x) => format!("{x:?}"),
            Lit::Bool(b) => b.to_string(),
            Lit::List(items) => format!(
                "[{}]",
                items
                    .iter()
                    .map(|s| format!("{s:?}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }

    /// Env var / `.env` syntax.
    pub fn env(&self) -> String {
        match self {
            Lit::Str(s) => s.clone(),
            Lit::Int(i) => i.to_string(),
            Lit::Float(x) => format!("{x:?}"),
            Lit::Bool(b) => b.to_string(),
            Lit::List(items) => items.join(","),
        }
    }
}

/// Synthesizes a fixture value of a field type.
pub trait Synth {
    /// A value that differs by field and by source.
    fn value(seed: &Seed) -> Lit;
}

fn src_n(seed: &Seed) -> i64 {
    seed.src as i64
}

impl Synth for String {
    fn value(seed: &Seed) -> Lit {
        Lit::Str(format!(
            "{}-{}-{}",
            seed.section,
            seed.key.replace('_', "-"),
            seed.src.name()
        ))
    }
}

impl Synth for u16 {
    fn value(seed: &Seed) -> Lit {
        Lit::Int(1000 + seed.index as i64 * 13 + src_n(seed))
    }
}

impl Synth for u32 {
    fn value(seed: &Seed) -> Lit {
        Lit::Int(10_000 + seed.index as i64 * 17 + src_n(seed))
    }
}

impl Synth for u64 {
    fn value(seed: &Seed) -> Lit {
        Lit::Int(5_000_000_000 + seed.index as i64 * 19 + src_n(seed))
    }
}

impl Synth for i64 {
    fn value(seed: &Seed) -> Lit {
        Lit::Int(-(seed.index as i64) - src_n(seed))
    }
}

impl Synth for f64 {
    fn value(seed: &Seed) -> Lit {
        Lit::Float(seed.index as f64 + 0.25 * (src_n(seed) + 1) as f64)
    }
}

impl Synth for bool {
    fn value(seed: &Seed) -> Lit {
        Lit::Bool((seed.index as i64 + src_n(seed)) % 2 == 0)
    }
}

impl Synth for Duration {
    fn value(seed: &Seed) -> Lit {
        let n = 10 + seed.index as i64 + src_n(seed);
        Lit::Str(if seed.index.is_multiple_of(3) {
            format!("{n}m")
        } else {
            format!("{n}s")
        })
    }
}

impl Synth for List {
    fn value(seed: &Seed) -> Lit {
        Lit::List(vec![
            format!("{}-a-{}", seed.section, seed.src.name()),
            format!("{}-b-{}", seed.section, seed.src.name()),
        ])
    }
}

impl Synth for Secret {
    fn value(seed: &Seed) -> Lit {
        Lit::Str(format!(
            "sk_{}_{}_{:0>32}",
            seed.section,
            seed.src.name(),
            seed.index * 7919
        ))
    }
}

impl<T: Synth> Synth for Option<T> {
    fn value(seed: &Seed) -> Lit {
        T::value(seed)
    }
}

/// Whether the fixture `src` sets the field at position `j` of section `s`.
pub fn sets(src: Src, s: usize, j: usize) -> bool {
    match src {
        Src::Toml => j.is_multiple_of(2),
        Src::Dotenv => (j == 3 && s < 5) || (j == 9 && s < 6) || (j == 0 && s < 2),
        Src::Env => {
            j == 1 || (j == 9 && s >= 3) || (j == 4 && s < 5) || ((j == 6 || j == 2) && s < 4)
        }
    }
}

/// Every field with its section index `s` and position `j` in the section.
fn positions() -> impl Iterator<Item = (usize, usize, usize, &'static crate::FieldSpec)> {
    let mut section = "";
    let mut s = usize::MAX;
    let mut j = 0;
    FIELDS.iter().enumerate().map(move |(index, field)| {
        if field.section != section {
            section = field.section;
            s = s.wrapping_add(1);
            j = 0;
        } else {
            j += 1;
        }
        (index, s, j, field)
    })
}

fn entries(src: Src) -> Vec<(&'static crate::FieldSpec, Lit)> {
    positions()
        .filter(|&(_, s, j, _)| sets(src, s, j))
        .map(|(index, _, _, field)| {
            let seed = Seed {
                index,
                section: field.section,
                key: field.key,
                src,
            };
            (field, (field.value)(&seed))
        })
        .collect()
}

/// The text of `fixtures/config.toml`.
pub fn toml_text() -> String {
    let mut out = String::from(
        "# Generated by strata-benches (src/fixtures.rs); do not edit.\n\
         # Sets half of the schema's fields.\n",
    );
    let mut section = "";
    for (field, lit) in entries(Src::Toml) {
        if field.section != section {
            section = field.section;
            let _ = write!(out, "\n[{section}]\n");
        }
        let _ = writeln!(out, "{} = {}", field.key, lit.toml());
    }
    out
}

/// The text of `fixtures/.env`.
pub fn dotenv_text() -> String {
    let mut out = String::from("# Generated by strata-benches (src/fixtures.rs); do not edit.\n");
    for (field, lit) in entries(Src::Dotenv) {
        let _ = writeln!(out, "{}={}", field.env, lit.env());
    }
    out
}

/// The prefixed environment variables that the benchmarks set.
pub fn env_vars() -> Vec<(String, String)> {
    entries(Src::Env)
        .into_iter()
        .map(|(field, lit)| (field.env.to_string(), lit.env()))
        .collect()
}

/// The text of `fixtures/env.list` (the variables, for reading only).
pub fn env_list_text() -> String {
    let mut out = String::from(
        "# Generated by strata-benches (src/fixtures.rs); do not edit.\n\
         # The environment the benchmarks set at startup (not read by any loader).\n",
    );
    for (key, value) in env_vars() {
        let _ = writeln!(out, "{key}={value}");
    }
    out
}

/// The fixture files and their generated contents.
pub fn files() -> [(std::path::PathBuf, String); 3] {
    let dir = crate::fixtures_dir();
    [
        (dir.join("config.toml"), toml_text()),
        (dir.join(".env"), dotenv_text()),
        (dir.join("env.list"), env_list_text()),
    ]
}

/// Names of the fixture files whose content differs from the generator's.
pub fn stale() -> Vec<String> {
    files()
        .into_iter()
        .filter(|(path, text)| std::fs::read_to_string(path).ok().as_deref() != Some(text))
        .map(|(path, _)| path.display().to_string())
        .collect()
}

/// Panics if a fixture file is missing or out of date.
pub fn assert_fresh() {
    let stale = stale();
    assert!(
        stale.is_empty(),
        "fixtures out of date: {stale:?}; run `cargo run -p strata-benches --bin allocs -- fixtures`"
    );
}

/// Writes the fixture files.
pub fn write() -> std::io::Result<()> {
    std::fs::create_dir_all(crate::fixtures_dir())?;
    for (path, text) in files() {
        std::fs::write(path, text)?;
    }
    Ok(())
}

/// The `.env` entries, parsed the way dotenvy reads them.
pub fn dotenv_vars() -> Vec<(String, String)> {
    dotenvy::from_path_iter(crate::dotenv_path())
        .expect(".env fixture")
        .map(|item| item.expect(".env line"))
        .collect()
}
