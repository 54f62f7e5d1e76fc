//! The generated `Display` (`key = value` lines) and redaction in `Debug`.

use std::time::Duration;

use strata::{Secret, SecretString, Settings};

#[derive(Debug, Settings)]
struct Db {
    #[settings(default = "localhost")]
    host: String,
    #[settings(default = 5432)]
    port: u16,
    password: Option<SecretString>,
}

#[derive(Debug, Settings)]
struct Tls {
    cert: String,
}

#[derive(Debug, Settings)]
#[settings(prefix = "D")]
struct App {
    #[settings(default = 8080)]
    port: u16,
    #[settings(default = "demo")]
    name: String,
    #[settings(nested)]
    db: Db,
    #[settings(nested)]
    tls: Option<Tls>,
    api_key: SecretString,
    pin: Option<Secret<u32>>,
    #[settings(default = "1m")]
    timeout: Duration,
    #[settings(default)]
    tags: Vec<String>,
    log_level: Option<String>,
}

fn load(env: &[(&str, &str)]) -> App {
    App::loader()
        .env_vars(env.iter().copied())
        .load()
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn one_line_per_setting_with_dotted_nested_keys() {
    let app = load(&[
        ("D_API_KEY", "sk-live-123"),
        ("D_DB__PASSWORD", "hunter2"),
        ("D_TAGS", "a,b"),
        ("D_LOG_LEVEL", "debug"),
    ]);
    assert_eq!(
        app.to_string(),
        "\
port = 8080
name = \"demo\"
db.host = \"localhost\"
db.port = 5432
db.password = [REDACTED]
tls = (not set)
api_key = [REDACTED]
pin = (not set)
timeout = 60s
tags = [\"a\", \"b\"]
log_level = \"debug\""
    );
}

#[test]
fn unset_options_show_not_set_and_present_nested_options_expand() {
    let app = load(&[
        ("D_API_KEY", "k"),
        ("D_TLS__CERT", "c.pem"),
        ("D_PIN", "1234"),
    ]);
    let text = app.to_string();
    let lines: Vec<_> = text.lines().collect();
    assert!(lines.contains(&"db.password = (not set)"), "{text}");
    assert!(lines.contains(&"tls.cert = \"c.pem\""), "{text}");
    assert!(lines.contains(&"pin = [REDACTED]"), "{text}");
    assert!(lines.contains(&"log_level = (not set)"), "{text}");
    assert!(!text.contains("1234"), "{text}");
    assert!(!text.contains("Some("), "{text}");
    assert!(!text.ends_with('\n'));
}

#[test]
fn debug_redacts_secrets_and_keeps_the_rest() {
    let app = load(&[("D_API_KEY", "sk-live-123"), ("D_DB__PASSWORD", "hunter2")]);
    let debug = format!("{app:?}");
    assert!(debug.contains("api_key: [REDACTED]"), "{debug}");
    assert!(debug.contains("password: Some([REDACTED])"), "{debug}");
    assert!(debug.contains("host: \"localhost\""), "{debug}");
    let pretty = format!("{app:#?}");
    for text in [&debug, &pretty] {
        assert!(!text.contains("sk-live-123"), "{text}");
        assert!(!text.contains("hunter2"), "{text}");
    }
}

#[test]
fn secret_types_print_redacted() {
    let secret = SecretString::from("open-sesame");
    assert_eq!(format!("{secret}"), "[REDACTED]");
    assert_eq!(format!("{secret:?}"), "[REDACTED]");
    assert_eq!(format!("{:?}", Some(&secret)), "Some([REDACTED])");
    let number = Secret::new(42u32);
    assert_eq!(
        format!("{number} {number:?} {number:#?}"),
        "[REDACTED] [REDACTED] [REDACTED]"
    );
    assert_eq!(format!("{:?}", vec![secret.clone()]), "[[REDACTED]]");
}

#[test]
fn display_of_a_nested_struct_alone_has_no_prefix() {
    let db = Db::loader()
        .env_vars(Vec::<(String, String)>::new())
        .load()
        .unwrap();
    assert_eq!(
        db.to_string(),
        "host = \"localhost\"\nport = 5432\npassword = (not set)"
    );
}

#[derive(Debug, Settings)]
#[settings(no_display)]
struct OwnDisplay {
    #[settings(default = 1)]
    level: u8,
}

impl std::fmt::Display for OwnDisplay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "level {}", self.level)
    }
}

#[test]
fn no_display_leaves_display_to_the_user() {
    let own = OwnDisplay::loader()
        .env_vars(Vec::<(String, String)>::new())
        .load()
        .unwrap();
    assert_eq!(own.to_string(), "level 1");
}

mod no_display {
    use strata::Settings;

    /// Not `Debug`: fine with `no_display`.
    #[derive(serde::Deserialize)]
    struct Mode {
        fast: bool,
    }

    #[derive(Settings)]
    #[settings(no_display)]
    struct Engine {
        #[settings(default = "{\"fast\": true}")]
        mode: Mode,
    }

    #[derive(Settings)]
    struct Car {
        #[settings(default = 4)]
        wheels: u8,
        #[settings(nested)]
        engine: Engine,
    }

    #[test]
    fn fields_of_a_no_display_struct_are_not_shown() {
        let car = Car::loader().env_vars([("X", "y")]).load().unwrap();
        assert!(car.engine.mode.fast);
        assert_eq!(car.to_string(), "wheels = 4\nengine.mode = (not shown)");
    }
}
