//! Routes Strata's audit trail to a JSON-lines file.
//!
//! Run with `cargo run --example audit_log`; it writes `target/audit.jsonl`
//! and prints it. Each line names the setting, where it came from and the
//! code that used it, never the secret itself.

use std::fs::File;
use std::sync::Mutex;

use strata::{ExposeSecret, SecretString, Settings};
use tracing_subscriber::filter::{LevelFilter, Targets};
use tracing_subscriber::prelude::*;

#[derive(Debug, Settings)]
#[settings(prefix = "BILLING")]
struct Billing {
    /// Token for the payment provider.
    api_token: SecretString,
    #[settings(default = "https://payments.example.com")]
    endpoint: String,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/audit.jsonl");
    std::fs::create_dir_all(path.parent().expect("target folder"))?;
    let file = File::create(&path)?;

    // Only events with target `strata::audit` go to the file, as JSON lines.
    let audit = tracing_subscriber::fmt::layer()
        .json()
        .with_writer(Mutex::new(file))
        .with_filter(Targets::new().with_target("strata::audit", LevelFilter::INFO));
    tracing_subscriber::registry().with(audit).init();

    // A real service would use `Billing::load()`; the example injects its env.
    let billing = Billing::loader()
        .env_vars([("BILLING_API_TOKEN", "tok_live_51Hexample")])
        .load()?;
    for _ in 0..3 {
        // Logged once for this call site; the other two are only counted.
        call_provider(&billing.endpoint, billing.api_token.expose_secret());
    }

    println!("audit trail in {}:", path.display());
    print!("{}", std::fs::read_to_string(&path)?);
    for exposure in strata::audit::exposures() {
        println!(
            "{} exposed {} time(s) at {}:{}",
            exposure.path, exposure.count, exposure.file, exposure.line
        );
    }
    Ok(())
}

fn call_provider(endpoint: &str, token: &str) {
    let _request = (endpoint, token.len());
}
