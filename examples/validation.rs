//! A configuration with mistakes: every problem is reported at once, with the
//! variable or file line to fix. Run with `cargo run --example validation`.

use strata::{Invalid, SecretString, Settings};

#[derive(Debug, Settings)]
#[settings(prefix = "APP", validate = tls_pair)]
struct AppConfig {
    /// Port to listen on.
    #[settings(default = 8080, range(min = 1, max = 65535))]
    port: u16,
    /// Key for the upstream API.
    #[settings(min_length = 32)]
    api_key: SecretString,
    #[settings(url(schemes("https")), default = "https://example.com")]
    public_url: String,
    #[settings(one_of("debug", "info", "warn", "error"), default = "info")]
    log_level: String,
    #[settings(email)]
    admin_email: Option<String>,
    tls_cert: Option<String>,
    tls_key: Option<String>,
}

fn tls_pair(cfg: &AppConfig) -> Result<(), Invalid> {
    if cfg.tls_cert.is_some() != cfg.tls_key.is_some() {
        return Err(
            Invalid::new("`tls_cert` and `tls_key` must be set together")
                .at("tls_cert")
                .at("tls_key"),
        );
    }
    Ok(())
}

fn main() {
    let result = AppConfig::loader()
        .env_vars([
            ("APP_PORT", "70000"),
            ("APP_API_KEY", "too-short"),
            ("APP_PUBLIC_URL", "http://example.com"),
            ("APP_LOG_LEVEL", "verbose"),
            ("APP_ADMIN_EMAIL", "ops.example.com"),
            ("APP_TLS_CERT", "/etc/tls/cert.pem"),
            ("APP_PROT", "8081"),
        ])
        .load();
    match result {
        Ok(cfg) => println!("{cfg}"),
        Err(err) => println!("{err}"),
    }
}
