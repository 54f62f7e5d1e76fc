use std::time::Duration;
use strata::{ExposeSecret, SecretString, Settings};

/// Database.
#[derive(Debug, Settings)]
struct Database {
    /// Host name.
    #[settings(default = "localhost")]
    host: String,
    #[settings(default = 5432)]
    port: u16,
    password: Option<SecretString>,
}

#[derive(Debug, Settings)]
#[settings(prefix = "APP")]
struct AppConfig {
    #[settings(default = 8080, profile(production = 80))]
    port: u16,
    #[settings(nested)]
    database: Database,
    api_key: SecretString,
    #[settings(default = "30s")]
    timeout: Duration,
    #[settings(default = Duration::from_secs(5))]
    retry: Duration,
    tags: Vec<String>,
    log_level: Option<String>,
}

#[test]
fn smoke() {
    let cfg = AppConfig::loader()
        .env_vars([
            ("APP_API_KEY", "k-123456"),
            ("APP_TAGS", "a, b"),
            ("APP_DATABASE__PORT", "6000"),
        ])
        .load()
        .unwrap();
    println!("{cfg:?}\n{cfg}");
    assert_eq!(cfg.port, 8080);
    assert_eq!(cfg.database.port, 6000);
    assert_eq!(cfg.api_key.expose_secret(), "k-123456");
    let e = AppConfig::loader()
        .profile("production")
        .env_vars([
            ("APP_PORT", "abc"),
            ("APP_TAGS", "x"),
            ("APP_DATABSE__HOST", "x"),
        ])
        .load()
        .unwrap_err();
    println!("{e}");
    let ex = AppConfig::loader()
        .env_vars([("APP_API_KEY", "k-123456"), ("APP_TAGS", "a, b")])
        .explain()
        .unwrap();
    println!("{ex}");
}
