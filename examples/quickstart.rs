//! The smallest useful Strata program: a settings struct with defaults, loaded
//! from the environment, printed with its secrets redacted, then explained.
//!
//! Run it with `cargo run --example quickstart`; try
//! `QUICKSTART_PORT=9000 QUICKSTART_API_KEY=s3cret cargo run --example quickstart`.

use std::time::Duration;

use strata::{SecretString, Settings};

/// Settings of a small web service.
#[derive(Debug, Settings)]
#[settings(prefix = "QUICKSTART")]
struct Config {
    /// Port to listen on.
    #[settings(default = 8080, profile(production = 80))]
    port: u16,
    /// Public name of the service.
    #[settings(default = "quickstart")]
    name: String,
    /// How long a request may take.
    #[settings(default = "30s")]
    timeout: Duration,
    /// Key for the upstream API; never printed.
    api_key: Option<SecretString>,
    /// Log filter, when set.
    log_level: Option<String>,
}

fn main() -> Result<(), strata::Error> {
    // Reads QUICKSTART_* from the process environment; QUICKSTART_ENV picks the profile.
    let config = Config::load()?;
    println!("Loaded settings:\n{config}\n");
    println!(
        "Where each value came from:\n{}",
        Config::loader().explain()?
    );
    Ok(())
}
