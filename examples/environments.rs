//! One settings struct, two environments: `development` reads
//! `config/default.toml`, `config/development.toml` (absent here) and `.env`;
//! `production` reads `config/production.toml`, ignores `.env` and requires its
//! secret from the environment.
//!
//! Run it with `cargo run --example environments`.

use std::path::PathBuf;

use strata::{ExposeSecret, SecretString, Settings};

/// Database connection.
#[derive(Debug, Settings)]
struct Database {
    /// Host name.
    #[settings(default = "localhost")]
    host: String,
    /// Port.
    #[settings(default = 5432)]
    port: u16,
    /// Password; never printed.
    password: SecretString,
}

/// Settings of the example service.
#[derive(Debug, Settings)]
#[settings(
    prefix = "SHOP",
    file = "config/default.toml",
    file = "config/{profile}.toml",
    dotenv
)]
struct Config {
    /// Port to listen on.
    #[settings(default = 8080, profile(production = 80))]
    port: u16,
    /// Worker threads.
    #[settings(default = 2)]
    workers: u16,
    /// Hosts allowed to call the service.
    #[settings(default)]
    allowed_hosts: Vec<String>,
    #[settings(nested)]
    database: Database,
}

/// The example's data folder, wherever the example is run from.
fn project_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/environments")
}

fn main() -> Result<(), strata::Error> {
    // An env snapshot instead of the process environment keeps the example repeatable.
    let development = Config::loader()
        .dir(project_dir())
        .profile("development")
        .env_vars(Vec::<(String, String)>::new())
        .load_report()?;
    println!("{}\n", development.explanation);

    // Production is strict: the password may not come from a config file or `.env`.
    // A real deployment sets SHOP_DATABASE__PASSWORD (or SHOP_DATABASE__PASSWORD_FILE);
    // here it is injected so that the example runs without setup.
    println!("note: injecting SHOP_DATABASE__PASSWORD for the production load\n");
    let production = Config::loader()
        .dir(project_dir())
        .profile("production")
        .env_vars([("SHOP_DATABASE__PASSWORD", "example-production-password")])
        .load_report()?;
    println!("{}\n", production.explanation);

    let config = production.value;
    println!("production settings:\n{config}");
    assert_eq!(config.port, 80);
    assert!(!config.database.password.expose_secret().is_empty());
    Ok(())
}
