//! Every source of values, and every conversion of text to a field type.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use common::Project;
use serde::Deserialize;
use strata::{ExposeSecret, Origin, SecretString, Settings};

/// Database connection.
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
struct Tls {
    cert: String,
    #[settings(default = true)]
    verify: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Level {
    Debug,
    Info,
    Warn,
}

#[derive(Debug, Settings)]
#[settings(prefix = "APP", file = "config.toml", dotenv)]
struct Config {
    #[settings(default = 8080, profile(production = 80))]
    port: u16,
    #[settings(default = "demo")]
    name: String,
    #[settings(nested)]
    database: Database,
    #[settings(nested)]
    tls: Option<Tls>,
    api_key: Option<SecretString>,
    #[settings(env = "DATABASE_URL")]
    database_url: Option<String>,
    #[settings(rename = "level")]
    log_level: Option<Level>,
}

fn origin_of(loaded: &strata::Loaded<Config>, path: &str) -> Origin {
    loaded
        .explanation
        .get(path)
        .unwrap_or_else(|| panic!("no entry for {path}"))
        .origin
        .clone()
        .unwrap_or_else(|| panic!("{path} is not set"))
}

fn file(path: &str, line: u32) -> Origin {
    Origin::File {
        path: PathBuf::from(path),
        line: Some(line),
    }
}

fn dotenv(path: &str, line: u32) -> Origin {
    Origin::Dotenv {
        path: PathBuf::from(path),
        line: Some(line),
    }
}

fn env(var: &str) -> Origin {
    Origin::Env { var: var.into() }
}

#[test]
fn defaults_fill_every_unset_key() {
    let project = Project::new();
    let loaded = Config::loader()
        .dir(project.path())
        .env_vars(Vec::<(String, String)>::new())
        .load_report()
        .unwrap();
    let cfg = &loaded.value;
    assert_eq!(cfg.port, 8080);
    assert_eq!(cfg.name, "demo");
    assert_eq!(cfg.database.host, "localhost");
    assert_eq!(cfg.database.port, 5432);
    assert!(cfg.database.password.is_none());
    assert!(cfg.tls.is_none());
    assert!(cfg.api_key.is_none());
    assert!(cfg.database_url.is_none());
    assert!(cfg.log_level.is_none());
    assert_eq!(origin_of(&loaded, "port"), Origin::Default);
    assert_eq!(origin_of(&loaded, "database.host"), Origin::Default);
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

#[test]
fn profile_defaults_replace_defaults_in_their_profile() {
    let project = Project::new();
    let loaded = Config::loader()
        .dir(project.path())
        .profile("production")
        .env_vars(Vec::<(String, String)>::new())
        .load_report()
        .unwrap();
    assert_eq!(loaded.value.port, 80);
    assert_eq!(
        origin_of(&loaded, "port"),
        Origin::ProfileDefault {
            profile: "production".into()
        }
    );
    // Other profiles keep the plain default.
    let loaded = Config::loader()
        .dir(project.path())
        .profile("development")
        .env_vars(Vec::<(String, String)>::new())
        .load_report()
        .unwrap();
    assert_eq!(loaded.value.port, 8080);
}

#[test]
fn toml_file_values_carry_their_line() {
    let project = Project::new();
    project.write(
        "config.toml",
        "# settings\nport = 9000\nname = \"from-toml\"\n\n[database]\nhost = \"db.example\"\nport = 6543\n\n[tls]\ncert = \"/etc/cert.pem\"\n",
    );
    let loaded = Config::loader()
        .dir(project.path())
        .env_vars(Vec::<(String, String)>::new())
        .load_report()
        .unwrap();
    let cfg = &loaded.value;
    assert_eq!(cfg.port, 9000);
    assert_eq!(cfg.name, "from-toml");
    assert_eq!(cfg.database.host, "db.example");
    assert_eq!(cfg.database.port, 6543);
    let tls = cfg.tls.as_ref().expect("tls is set by the file");
    assert_eq!(tls.cert, "/etc/cert.pem");
    assert!(tls.verify);
    assert_eq!(origin_of(&loaded, "port"), file("config.toml", 2));
    assert_eq!(origin_of(&loaded, "name"), file("config.toml", 3));
    assert_eq!(origin_of(&loaded, "database.host"), file("config.toml", 6));
    assert_eq!(origin_of(&loaded, "database.port"), file("config.toml", 7));
    assert_eq!(origin_of(&loaded, "tls.cert"), file("config.toml", 10));
    assert_eq!(origin_of(&loaded, "tls.verify"), Origin::Default);
    assert_eq!(origin_of(&loaded, "port").to_string(), "config.toml:2");
    assert_eq!(loaded.explanation.sources(), ["config.toml"]);
}

#[test]
fn toml_dotted_keys_and_inline_tables_reach_nested_fields() {
    let project = Project::new();
    project.write(
        "config.toml",
        "database.host = \"dotted\"\ntls = { cert = \"inline.pem\", verify = false }\n",
    );
    let cfg = Config::loader()
        .dir(project.path())
        .env_vars(Vec::<(String, String)>::new())
        .load()
        .unwrap();
    assert_eq!(cfg.database.host, "dotted");
    let tls = cfg.tls.expect("tls is set");
    assert_eq!(tls.cert, "inline.pem");
    assert!(!tls.verify);
}

/// A loader that reads only `name` from the project folder, with no env vars.
#[cfg(any(feature = "json", feature = "yaml"))]
fn only_file(project: &Project, name: &str) -> strata::Loader<Config> {
    Config::loader()
        .dir(project.path())
        .without_declared_files()
        .file(name)
        .env_vars(Vec::<(String, String)>::new())
}

#[cfg(feature = "json")]
#[test]
fn json_file_values() {
    let project = Project::new();
    project.write(
        "settings.json",
        "{\n  \"port\": 9100,\n  \"name\": \"from-json\",\n  \"labels\": {\"a\": \"b\"},\n  \"database\": {\n    \"host\": \"json-db\",\n    \"port\": 1234\n  },\n  \"level\": \"warn\"\n}\n",
    );
    let loaded = only_file(&project, "settings.json")
        .deny_unknown_keys(false)
        .load_report()
        .unwrap();
    let cfg = &loaded.value;
    assert_eq!(cfg.port, 9100);
    assert_eq!(cfg.name, "from-json");
    assert_eq!(cfg.database.host, "json-db");
    assert_eq!(cfg.database.port, 1234);
    assert_eq!(cfg.log_level, Some(Level::Warn));
    // JSON files give each value the line of its key, like TOML; the unknown
    // `labels` table (a warning here) does not shift the lines after it.
    assert_eq!(loaded.warnings.len(), 1);
    assert_eq!(
        origin_of(&loaded, "database.host"),
        Origin::File {
            path: PathBuf::from("settings.json"),
            line: Some(6)
        }
    );
    assert_eq!(
        origin_of(&loaded, "level"),
        Origin::File {
            path: PathBuf::from("settings.json"),
            line: Some(9)
        }
    );
}

#[cfg(feature = "yaml")]
#[test]
fn yaml_file_values() {
    let project = Project::new();
    project.write(
        "settings.yaml",
        "port: 9200\nname: from-yaml\ndatabase:\n  host: yaml-db\ntls:\n  cert: y.pem\n  verify: false\n",
    );
    let loaded = only_file(&project, "settings.yaml").load_report().unwrap();
    let cfg = &loaded.value;
    assert_eq!(cfg.port, 9200);
    assert_eq!(cfg.name, "from-yaml");
    assert_eq!(cfg.database.host, "yaml-db");
    assert!(!cfg.tls.as_ref().unwrap().verify);
    // Block-style YAML gives each value the line of its key.
    assert_eq!(
        origin_of(&loaded, "name"),
        Origin::File {
            path: PathBuf::from("settings.yaml"),
            line: Some(2)
        }
    );
    assert_eq!(
        origin_of(&loaded, "database.host"),
        Origin::File {
            path: PathBuf::from("settings.yaml"),
            line: Some(4)
        }
    );
}

#[cfg(feature = "yaml")]
#[test]
fn yaml_shapes_the_line_scan_does_not_follow_have_no_line() {
    let project = Project::new();
    project.write("settings.yaml", "{port: 9200, name: flow}\n");
    let loaded = only_file(&project, "settings.yaml").load_report().unwrap();
    assert_eq!(loaded.value.name, "flow");
    assert_eq!(
        origin_of(&loaded, "name"),
        Origin::File {
            path: PathBuf::from("settings.yaml"),
            line: None
        }
    );
}

#[cfg(feature = "yaml")]
#[test]
fn empty_yaml_file_sets_nothing() {
    let project = Project::new();
    project.write("settings.yml", "# nothing yet\n");
    let cfg = only_file(&project, "settings.yml").load().unwrap();
    assert_eq!(cfg.port, 8080);
}

#[test]
fn optional_file_is_skipped_when_missing_and_read_when_present() {
    let project = Project::new();
    let cfg = Config::loader()
        .dir(project.path())
        .optional_file("extra.toml")
        .env_vars(Vec::<(String, String)>::new())
        .load()
        .unwrap();
    assert_eq!(cfg.port, 8080);
    project.write("extra.toml", "port = 7000\n");
    let cfg = Config::loader()
        .dir(project.path())
        .optional_file("extra.toml")
        .env_vars(Vec::<(String, String)>::new())
        .load()
        .unwrap();
    assert_eq!(cfg.port, 7000);
}

#[test]
fn dotenv_files_with_lines() {
    let project = Project::new();
    project.write(
        ".env",
        "# base\nAPP_NAME=from-dotenv\nAPP_PORT=7001\nAPP_DATABASE__HOST=\"quoted host\"\n",
    );
    project.write(".env.development", "APP_PORT=7002\n");
    project.write(".env.local", "\n\nexport APP_DATABASE__PORT=7003\n");
    let loaded = Config::loader()
        .dir(project.path())
        .env_vars(Vec::<(String, String)>::new())
        .load_report()
        .unwrap();
    let cfg = &loaded.value;
    assert_eq!(cfg.name, "from-dotenv");
    assert_eq!(cfg.port, 7002);
    assert_eq!(cfg.database.host, "quoted host");
    assert_eq!(cfg.database.port, 7003);
    assert_eq!(origin_of(&loaded, "name"), dotenv(".env", 2));
    assert_eq!(origin_of(&loaded, "port"), dotenv(".env.development", 1));
    assert_eq!(origin_of(&loaded, "database.host"), dotenv(".env", 4));
    assert_eq!(origin_of(&loaded, "database.port"), dotenv(".env.local", 3));
    assert_eq!(origin_of(&loaded, "name").to_string(), ".env:2");
    assert_eq!(
        loaded.explanation.sources(),
        [".env", ".env.development", ".env.local"]
    );
}

#[test]
fn dotenv_of_another_profile_is_not_read() {
    let project = Project::new();
    project.write(".env.staging", "APP_PORT=7100\n");
    let cfg = Config::loader()
        .dir(project.path())
        .env_vars(Vec::<(String, String)>::new())
        .load()
        .unwrap();
    assert_eq!(cfg.port, 8080);
    let cfg = Config::loader()
        .dir(project.path())
        .profile("staging")
        .env_vars(Vec::<(String, String)>::new())
        .load()
        .unwrap();
    assert_eq!(cfg.port, 7100);
}

#[test]
fn dotenv_can_be_turned_off() {
    let project = Project::new();
    project.write(".env", "APP_PORT=7001\n");
    let cfg = Config::loader()
        .dir(project.path())
        .dotenv(false)
        .env_vars(Vec::<(String, String)>::new())
        .load()
        .unwrap();
    assert_eq!(cfg.port, 8080);
}

#[test]
fn name_file_variable_reads_a_secret_file() {
    let project = Project::new();
    let key_path = project.write("run/api_key.txt", "sk-from-file\n");
    let loaded = Config::loader()
        .dir(project.path())
        .env_vars([("APP_API_KEY_FILE", key_path.to_str().unwrap())])
        .load_report()
        .unwrap();
    let key = loaded.value.api_key.as_ref().expect("api_key is set");
    // The trailing newline of the file is not part of the value.
    assert_eq!(key.expose_secret(), "sk-from-file");
    assert_eq!(
        origin_of(&loaded, "api_key"),
        Origin::SecretFile {
            path: key_path.clone(),
            var: Some("APP_API_KEY_FILE".into()),
        }
    );
    assert_eq!(
        origin_of(&loaded, "api_key").to_string(),
        format!("secret file {} (via APP_API_KEY_FILE)", key_path.display())
    );
}

#[test]
fn name_file_variable_works_for_nested_keys() {
    let project = Project::new();
    let path = project.write("pw", "hunter2-file");
    let cfg = Config::loader()
        .dir(project.path())
        .env_vars([("APP_DATABASE__PASSWORD_FILE", path.to_str().unwrap())])
        .load()
        .unwrap();
    assert_eq!(
        cfg.database.password.as_ref().unwrap().expose_secret(),
        "hunter2-file"
    );
}

#[test]
fn secrets_dir_matches_env_names_and_key_paths() {
    let project = Project::new();
    project.write("secrets/APP_API_KEY", "sk-from-dir\n");
    project.write("secrets/database.password", "pw-from-dir");
    let loaded = Config::loader()
        .dir(project.path())
        .secrets_dir("secrets")
        .env_vars(Vec::<(String, String)>::new())
        .load_report()
        .unwrap();
    let cfg = &loaded.value;
    assert_eq!(cfg.api_key.as_ref().unwrap().expose_secret(), "sk-from-dir");
    assert_eq!(
        cfg.database.password.as_ref().unwrap().expose_secret(),
        "pw-from-dir"
    );
    assert_eq!(
        origin_of(&loaded, "api_key"),
        Origin::SecretFile {
            path: project.join("secrets/APP_API_KEY"),
            var: None
        }
    );
    assert_eq!(
        loaded.explanation.sources(),
        [project.join("secrets").display().to_string()]
    );
}

#[test]
fn secrets_dir_matches_lower_case_env_names() {
    let project = Project::new();
    project.write("secrets/app_api_key", "lower");
    let cfg = Config::loader()
        .dir(project.path())
        .secrets_dir("secrets")
        .env_vars(Vec::<(String, String)>::new())
        .load()
        .unwrap();
    assert_eq!(cfg.api_key.unwrap().expose_secret(), "lower");
}

#[derive(Debug, Settings)]
#[settings(prefix = "SVC", secrets_dir = "run/secrets")]
struct WithSecretsDir {
    token: SecretString,
}

#[test]
fn declared_secrets_dir_is_relative_to_the_loader_folder() {
    let project = Project::new();
    project.write("run/secrets/token", "t0k3n");
    let cfg = WithSecretsDir::loader()
        .dir(project.path())
        .env_vars(Vec::<(String, String)>::new())
        .load()
        .unwrap();
    assert_eq!(cfg.token.expose_secret(), "t0k3n");
}

#[test]
fn env_vars_use_prefix_and_double_underscore() {
    let project = Project::new();
    let loaded = Config::loader()
        .dir(project.path())
        .env_vars([
            ("APP_PORT", "9300"),
            ("APP_DATABASE__HOST", "env-db"),
            ("APP_TLS__CERT", "env.pem"),
            ("APP_TLS__VERIFY", "off"),
            ("UNRELATED", "ignored"),
        ])
        .load_report()
        .unwrap();
    let cfg = &loaded.value;
    assert_eq!(cfg.port, 9300);
    assert_eq!(cfg.database.host, "env-db");
    let tls = cfg.tls.as_ref().unwrap();
    assert_eq!(tls.cert, "env.pem");
    assert!(!tls.verify);
    assert_eq!(
        origin_of(&loaded, "database.host"),
        env("APP_DATABASE__HOST")
    );
    assert_eq!(
        origin_of(&loaded, "database.host").to_string(),
        "env APP_DATABASE__HOST"
    );
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

#[test]
fn explicit_env_name_is_used_as_is() {
    let project = Project::new();
    let loaded = Config::loader()
        .dir(project.path())
        .env_vars([("DATABASE_URL", "postgres://db/app")])
        .load_report()
        .unwrap();
    assert_eq!(
        loaded.value.database_url.as_deref(),
        Some("postgres://db/app")
    );
    assert_eq!(origin_of(&loaded, "database_url"), env("DATABASE_URL"));
    assert_eq!(
        loaded.explanation.get("database_url").unwrap().env,
        "DATABASE_URL"
    );
    // The prefixed name is not an alias: it is reported as unknown.
    let loaded = Config::loader()
        .dir(project.path())
        .env_vars([("APP_DATABASE_URL", "postgres://db/app")])
        .load_report()
        .unwrap();
    assert!(loaded.value.database_url.is_none());
    assert_eq!(loaded.warnings.len(), 1);
    assert_eq!(
        loaded.warnings[0].message(),
        "unknown variable APP_DATABASE_URL"
    );
}

#[test]
fn rename_changes_the_file_key_and_the_env_name() {
    let project = Project::new();
    project.write("config.toml", "level = \"debug\"\n");
    let cfg = Config::loader()
        .dir(project.path())
        .env_vars(Vec::<(String, String)>::new())
        .load()
        .unwrap();
    assert_eq!(cfg.log_level, Some(Level::Debug));
    let loaded = Config::loader()
        .dir(project.path())
        .env_vars([("APP_LEVEL", "info")])
        .load_report()
        .unwrap();
    assert_eq!(loaded.value.log_level, Some(Level::Info));
    assert_eq!(origin_of(&loaded, "level"), env("APP_LEVEL"));
    assert!(loaded.explanation.get("log_level").is_none());
    // The Rust field name is not a key.
    project.write("config.toml", "log_level = \"debug\"\n");
    let err = Config::loader()
        .dir(project.path())
        .env_vars(Vec::<(String, String)>::new())
        .load()
        .unwrap_err();
    assert_eq!(err.problems()[0].path(), "log_level");
    assert_eq!(err.problems()[0].kind(), strata::ProblemKind::UnknownKey);
}

#[test]
fn overrides_from_code_convert_like_env_values() {
    let project = Project::new();
    let loaded = Config::loader()
        .dir(project.path())
        .env_vars([("APP_PORT", "9300")])
        .set("port", "9400")
        .set("database.port", 6000)
        .set("level", "warn")
        .load_report()
        .unwrap();
    assert_eq!(loaded.value.port, 9400);
    assert_eq!(loaded.value.database.port, 6000);
    assert_eq!(loaded.value.log_level, Some(Level::Warn));
    assert_eq!(origin_of(&loaded, "port"), Origin::Override);
    assert_eq!(origin_of(&loaded, "port").to_string(), "override in code");
}

#[test]
fn optional_nested_is_none_unless_a_source_sets_one_of_its_keys() {
    let project = Project::new();
    // Only the default of `tls.verify` exists: the group stays absent.
    let cfg = Config::loader()
        .dir(project.path())
        .env_vars(Vec::<(String, String)>::new())
        .load()
        .unwrap();
    assert!(cfg.tls.is_none());
    // Setting one key makes the group present, so its required keys are required.
    let err = Config::loader()
        .dir(project.path())
        .env_vars([("APP_TLS__VERIFY", "false")])
        .load()
        .unwrap_err();
    assert_eq!(err.problems().len(), 1);
    assert_eq!(err.problems()[0].path(), "tls.cert");
    assert_eq!(err.problems()[0].kind(), strata::ProblemKind::Missing);
}

#[test]
fn option_fields_are_none_when_unset_or_empty() {
    let project = Project::new();
    let cfg = Config::loader()
        .dir(project.path())
        .env_vars([("APP_LEVEL", ""), ("APP_API_KEY", "")])
        .load()
        .unwrap();
    assert_eq!(cfg.log_level, None);
    assert!(cfg.api_key.is_none());
    let cfg = Config::loader()
        .dir(project.path())
        .env_vars([("APP_LEVEL", "warn"), ("APP_API_KEY", "k")])
        .load()
        .unwrap();
    assert_eq!(cfg.log_level, Some(Level::Warn));
    assert_eq!(cfg.api_key.unwrap().expose_secret(), "k");
}

// ---- typed conversions of env strings ----

#[derive(Debug, PartialEq, Deserialize)]
struct Peer {
    host: String,
    port: u16,
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
enum Store {
    Memory,
    Disk { path: String },
}

#[derive(Debug, Settings)]
#[settings(prefix = "T")]
struct Types {
    #[settings(default)]
    list: Vec<String>,
    #[settings(default)]
    numbers: Vec<u32>,
    #[settings(default)]
    map: BTreeMap<String, u32>,
    peer: Option<Peer>,
    #[settings(default = "30s")]
    timeout: Duration,
    #[settings(default = false)]
    flag: bool,
    #[settings(default = "info")]
    level: Level,
    #[settings(default = 0.5)]
    ratio: f64,
    #[settings(default = -1)]
    offset: i64,
    store: Option<Store>,
    maybe: Option<u32>,
    letter: Option<char>,
}

fn types(vars: &[(&str, &str)]) -> Types {
    Types::loader()
        .env_vars(vars.iter().copied())
        .load()
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn defaults_of_every_type() {
    let t = types(&[]);
    assert!(t.list.is_empty());
    assert!(t.numbers.is_empty());
    assert!(t.map.is_empty());
    assert_eq!(t.timeout, Duration::from_secs(30));
    assert!(!t.flag);
    assert_eq!(t.level, Level::Info);
    assert_eq!(t.ratio, 0.5);
    assert_eq!(t.offset, -1);
    assert_eq!(t.maybe, None);
}

#[test]
fn lists_from_comma_separated_text() {
    let t = types(&[("T_LIST", "a, b ,c,,"), ("T_NUMBERS", "1,2, 3")]);
    assert_eq!(t.list, ["a", "b", "c"]);
    assert_eq!(t.numbers, [1, 2, 3]);
}

#[test]
fn lists_from_json_arrays() {
    let t = types(&[("T_LIST", r#"["a,b", " c "]"#), ("T_NUMBERS", " [4, 5] ")]);
    assert_eq!(t.list, ["a,b", " c "]);
    assert_eq!(t.numbers, [4, 5]);
}

#[test]
fn maps_from_json_objects_and_pairs() {
    let t = types(&[("T_MAP", r#"{"a": 1, "b": 2}"#)]);
    assert_eq!(t.map, BTreeMap::from([("a".into(), 1), ("b".into(), 2)]));
    let t = types(&[("T_MAP", "a=1, b = 2")]);
    assert_eq!(t.map, BTreeMap::from([("a".into(), 1), ("b".into(), 2)]));
}

#[test]
fn structs_and_tagged_enums_from_json() {
    let t = types(&[
        ("T_PEER", r#"{"host": "peer.local", "port": 7946}"#),
        ("T_STORE", r#"{"kind": "disk", "path": "/var/data"}"#),
    ]);
    assert_eq!(
        t.peer,
        Some(Peer {
            host: "peer.local".into(),
            port: 7946
        })
    );
    assert_eq!(
        t.store,
        Some(Store::Disk {
            path: "/var/data".into()
        })
    );
    let t = types(&[("T_STORE", r#"{"kind": "memory"}"#)]);
    assert_eq!(t.store, Some(Store::Memory));
}

#[test]
fn structs_from_toml_tables() {
    let project = Project::new();
    project.write(
        "t.toml",
        "timeout = 90\nratio = 2\n[peer]\nhost = \"h\"\nport = 1\n[map]\nx = 10\n",
    );
    let t = Types::loader()
        .dir(project.path())
        .file("t.toml")
        .env_vars(Vec::<(String, String)>::new())
        .load()
        .unwrap();
    assert_eq!(
        t.peer,
        Some(Peer {
            host: "h".into(),
            port: 1
        })
    );
    assert_eq!(t.map, BTreeMap::from([("x".into(), 10)]));
    assert_eq!(t.timeout, Duration::from_secs(90));
    assert_eq!(t.ratio, 2.0);
}

#[test]
fn durations_from_human_text() {
    for (text, expected) in [
        ("30s", Duration::from_secs(30)),
        ("5m", Duration::from_secs(300)),
        ("1h 30m", Duration::from_secs(5400)),
        ("250ms", Duration::from_millis(250)),
        (" 2s ", Duration::from_secs(2)),
    ] {
        let t = types(&[("T_TIMEOUT", text)]);
        assert_eq!(t.timeout, expected, "{text:?}");
    }
}

#[test]
fn bools_from_every_spelling() {
    for (text, expected) in [
        ("true", true),
        ("TRUE", true),
        ("1", true),
        ("yes", true),
        ("on", true),
        ("false", false),
        ("0", false),
        ("no", false),
        ("Off", false),
    ] {
        let t = types(&[("T_FLAG", text)]);
        assert_eq!(t.flag, expected, "{text:?}");
    }
}

#[test]
fn numbers_chars_and_unit_enums() {
    let t = types(&[
        ("T_RATIO", "0.25"),
        ("T_OFFSET", "-42"),
        ("T_MAYBE", " 7 "),
        ("T_LEVEL", "warn"),
        ("T_LETTER", "x"),
    ]);
    assert_eq!(t.ratio, 0.25);
    assert_eq!(t.offset, -42);
    assert_eq!(t.maybe, Some(7));
    assert_eq!(t.level, Level::Warn);
    assert_eq!(t.letter, Some('x'));
}

#[derive(Debug, Settings)]
#[settings(prefix = "S")]
struct Strings {
    code: String,
    version: String,
}

#[test]
fn strings_keep_their_text_even_when_it_looks_like_a_number() {
    let s = Strings::loader()
        .env_vars([("S_CODE", "0123"), ("S_VERSION", "1.10")])
        .load()
        .unwrap();
    assert_eq!(s.code, "0123");
    assert_eq!(s.version, "1.10");
}

#[test]
fn typed_file_values_convert_to_strings() {
    let project = Project::new();
    project.write("s.toml", "code = 42\nversion = 1.5\n");
    let s = Strings::loader()
        .dir(project.path())
        .file("s.toml")
        .env_vars(Vec::<(String, String)>::new())
        .load()
        .unwrap();
    assert_eq!(s.code, "42");
    assert_eq!(s.version, "1.5");
}

#[derive(Debug, Settings)]
#[settings(prefix = "HY")]
struct Hyphenated {
    #[settings(rename = "log-level", default = "info")]
    log_level: String,
}

#[test]
fn hyphenated_keys_map_to_underscores_in_env_names() {
    let cfg = Hyphenated::loader()
        .env_vars([("HY_LOG_LEVEL", "debug")])
        .load()
        .unwrap();
    assert_eq!(cfg.log_level, "debug");
    let explanation = Hyphenated::loader()
        .env_vars([("X", "y")])
        .explain()
        .unwrap();
    assert_eq!(
        explanation.get("log-level").map(|e| e.env.as_str()),
        Some("HY_LOG_LEVEL")
    );
}

mod reused_nested {
    use strata::Settings;

    #[derive(Debug, Settings)]
    struct Database {
        #[settings(default = "localhost")]
        host: String,
        #[settings(default = 5432)]
        port: u16,
    }

    #[derive(Debug, Settings)]
    #[settings(prefix = "RN")]
    struct Cluster {
        #[settings(nested)]
        primary: Database,
        #[settings(nested)]
        replica: Database,
    }

    /// One nested struct used twice gets its own keys and variables each time.
    #[test]
    fn a_nested_struct_can_be_used_twice() {
        let cfg = Cluster::loader()
            .env_vars([
                ("RN_PRIMARY__HOST", "db1"),
                ("RN_REPLICA__HOST", "db2"),
                ("RN_REPLICA__PORT", "6432"),
            ])
            .load()
            .unwrap();
        assert_eq!((cfg.primary.host.as_str(), cfg.primary.port), ("db1", 5432));
        assert_eq!((cfg.replica.host.as_str(), cfg.replica.port), ("db2", 6432));
    }
}
