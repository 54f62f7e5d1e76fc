//! Every kind of problem, with the text a user reads.

mod common;

use std::path::PathBuf;

use common::Project;
use serde::Deserialize;
use strata::{Origin, ProblemKind, SecretString, Settings};

#[derive(Debug, Settings)]
struct Database {
    #[settings(default = "localhost")]
    host: String,
    #[settings(default = 5432)]
    port: u16,
}

#[derive(Debug, Settings)]
#[settings(prefix = "APP", file = "config/default.toml", dotenv)]
struct Config {
    #[settings(default = 8080)]
    port: u16,
    host: String,
    api_key: SecretString,
    #[settings(nested)]
    database: Database,
    #[settings(default)]
    tags: Vec<u8>,
}

fn no_env() -> Vec<(String, String)> {
    Vec::new()
}

fn complete() -> [(&'static str, &'static str); 2] {
    [("APP_HOST", "h"), ("APP_API_KEY", "k")]
}

#[test]
fn missing_values_name_the_env_var_and_the_file_key() {
    let project = Project::new();
    let err = Config::loader()
        .dir(project.path())
        .env_vars(no_env())
        .load()
        .unwrap_err();
    let problems = err.problems();
    assert_eq!(problems.len(), 2, "{err}");
    assert_eq!(problems[0].path(), "api_key");
    assert_eq!(problems[0].kind(), ProblemKind::Missing);
    assert_eq!(problems[0].message(), "not set by any source");
    assert_eq!(problems[0].origin(), None);
    assert_eq!(
        problems[0].hint(),
        Some("set APP_API_KEY (or APP_API_KEY_FILE), or `api_key` in config/default.toml")
    );
    assert_eq!(problems[1].path(), "host");
    assert_eq!(
        problems[1].hint(),
        Some("set APP_HOST, or `host` in config/default.toml")
    );
    assert_eq!(
        err.to_string(),
        "Config could not be loaded (profile `development`): 2 problems
  - api_key: not set by any source
      hint: set APP_API_KEY (or APP_API_KEY_FILE), or `api_key` in config/default.toml
  - host: not set by any source
      hint: set APP_HOST, or `host` in config/default.toml"
    );
}

#[test]
fn missing_secret_in_a_strict_profile_does_not_suggest_the_config_file() {
    let err = Config::loader()
        .profile("production")
        .without_declared_files()
        .env_vars([("APP_HOST", "h")])
        .load()
        .unwrap_err();
    assert_eq!(err.problems().len(), 1, "{err}");
    assert_eq!(
        err.problems()[0].hint(),
        Some("set APP_API_KEY (or APP_API_KEY_FILE)")
    );
}

#[test]
fn wrong_type_from_an_env_var() {
    let err = Config::loader()
        .without_declared_files()
        .env_vars([
            ("APP_HOST", "h"),
            ("APP_API_KEY", "k"),
            ("APP_PORT", "http"),
        ])
        .load()
        .unwrap_err();
    assert_eq!(err.problems().len(), 1, "{err}");
    let p = &err.problems()[0];
    assert_eq!(p.path(), "port");
    assert_eq!(p.kind(), ProblemKind::InvalidValue);
    assert_eq!(p.message(), "expected an integer from 0 to 65535");
    assert_eq!(p.value(), Some("http"));
    assert_eq!(
        p.origin(),
        Some(&Origin::Env {
            var: "APP_PORT".into()
        })
    );
    assert_eq!(
        err.to_string(),
        "Config could not be loaded (profile `development`): 1 problem
  - port: expected an integer from 0 to 65535, found \"http\"
      from: env APP_PORT
      hint: change or unset APP_PORT"
    );
}

#[test]
fn out_of_range_numbers_are_invalid() {
    let err = Config::loader()
        .without_declared_files()
        .env_vars([
            ("APP_HOST", "h"),
            ("APP_API_KEY", "k"),
            ("APP_PORT", "70000"),
        ])
        .load()
        .unwrap_err();
    assert_eq!(
        err.problems()[0].message(),
        "expected an integer from 0 to 65535"
    );
    assert_eq!(err.problems()[0].value(), Some("70000"));
}

#[test]
fn wrong_type_from_a_file_names_file_and_line() {
    let project = Project::new();
    project.write(
        "config/default.toml",
        "host = \"h\"\n\n[database]\nport = \"fifty\"\n",
    );
    let err = Config::loader()
        .dir(project.path())
        .env_vars([("APP_API_KEY", "k")])
        .load()
        .unwrap_err();
    assert_eq!(err.problems().len(), 1, "{err}");
    let p = &err.problems()[0];
    assert_eq!(p.path(), "database.port");
    assert_eq!(
        p.origin(),
        Some(&Origin::File {
            path: PathBuf::from("config/default.toml"),
            line: Some(4)
        })
    );
    assert_eq!(
        p.to_string(),
        "database.port: expected an integer from 0 to 65535, found \"fifty\"\n    from: config/default.toml:4\n    hint: fix `database.port` in config/default.toml:4, or set APP_DATABASE__PORT"
    );
}

#[test]
fn wrong_type_in_a_list_names_the_element() {
    let err = Config::loader()
        .without_declared_files()
        .env_vars([
            ("APP_HOST", "h"),
            ("APP_API_KEY", "k"),
            ("APP_TAGS", "1,2,300"),
        ])
        .load()
        .unwrap_err();
    let p = &err.problems()[0];
    assert_eq!(p.path(), "tags[2]");
    assert_eq!(
        p.message(),
        "expected an integer from 0 to 255, found a string \"300\""
    );
}

#[test]
fn wrong_type_from_dotenv_names_the_file_and_line() {
    let project = Project::new();
    project.write(".env", "APP_HOST=h\nAPP_API_KEY=k\nAPP_PORT=eighty\n");
    let err = Config::loader()
        .dir(project.path())
        .env_vars(no_env())
        .load()
        .unwrap_err();
    let p = &err.problems()[0];
    assert_eq!(
        p.origin(),
        Some(&Origin::Dotenv {
            path: PathBuf::from(".env"),
            line: Some(3)
        })
    );
    assert!(err.to_string().contains("\n      from: .env:3"), "{err}");
}

#[derive(Debug, Settings)]
#[settings(prefix = "BAD")]
struct BadDefault {
    #[settings(default = "not a number")]
    port: u16,
}

#[test]
fn wrong_type_from_a_default_names_the_default() {
    let err = BadDefault::loader().env_vars(no_env()).load().unwrap_err();
    let p = &err.problems()[0];
    assert_eq!(p.origin(), Some(&Origin::Default));
    assert_eq!(
        p.to_string(),
        "port: expected an integer from 0 to 65535, found \"not a number\"\n    from: default\n    hint: the default in the code is not valid; set BAD_PORT to override it"
    );
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Mode {
    Fast,
    Safe,
}

#[derive(Debug, Settings)]
#[settings(prefix = "M")]
struct Modes {
    #[settings(default = "fast")]
    mode: Mode,
    #[settings(default = "1s")]
    timeout: std::time::Duration,
    #[settings(default = true)]
    flag: bool,
}

#[test]
fn enum_duration_and_bool_messages() {
    let err = Modes::loader()
        .env_vars([
            ("M_MODE", "slow"),
            ("M_TIMEOUT", "soon"),
            ("M_FLAG", "maybe"),
        ])
        .load()
        .unwrap_err();
    let messages: Vec<_> = err
        .problems()
        .iter()
        .map(|p| (p.path(), p.message(), p.value()))
        .collect();
    assert_eq!(
        messages,
        [
            (
                "flag",
                "expected a boolean (true/false, 1/0, yes/no, on/off)",
                Some("maybe")
            ),
            (
                "mode",
                "unknown variant, expected one of `fast`, `safe`",
                Some("slow")
            ),
            (
                "timeout",
                "expected a duration such as \"30s\", \"5m\" or \"1h 30m\"",
                Some("soon")
            ),
        ]
    );
    let _ = Mode::Safe;
}

#[test]
fn bad_toml_syntax_names_file_and_line_but_not_the_text() {
    let project = Project::new();
    project.write(
        "config/default.toml",
        "host = \"h\"\nport = 80\nname = \"unterminated-TOMLTEXT\n",
    );
    let err = Config::loader()
        .dir(project.path())
        .env_vars([("APP_API_KEY", "k")])
        .load()
        .unwrap_err();
    let syntax: Vec<_> = err
        .problems()
        .iter()
        .filter(|p| p.kind() == ProblemKind::Syntax)
        .collect();
    assert_eq!(syntax.len(), 1, "{err}");
    let p = syntax[0];
    assert_eq!(p.path(), "");
    assert!(p.message().starts_with("invalid TOML: "), "{}", p.message());
    assert_eq!(
        p.origin(),
        Some(&Origin::File {
            path: PathBuf::from("config/default.toml"),
            line: Some(3)
        })
    );
    let text = err.to_string();
    assert!(text.contains("from: config/default.toml:3"), "{text}");
    assert!(!text.contains("TOMLTEXT"), "{text}");
    assert!(!format!("{err:?}").contains("TOMLTEXT"));
}

#[test]
fn bad_dotenv_line_names_file_and_line() {
    let project = Project::new();
    project.write(
        ".env",
        "APP_HOST=h\n# comment\nNOT A VALID LINE\nAPP_API_KEY=k\n",
    );
    let err = Config::loader()
        .dir(project.path())
        .env_vars(no_env())
        .load()
        .unwrap_err();
    let p = err
        .problems()
        .iter()
        .find(|p| p.kind() == ProblemKind::Syntax)
        .unwrap_or_else(|| panic!("no syntax problem in {err}"));
    assert_eq!(p.message(), "invalid .env line");
    assert_eq!(
        p.origin(),
        Some(&Origin::Dotenv {
            path: PathBuf::from(".env"),
            line: Some(3)
        })
    );
    assert_eq!(
        p.hint(),
        Some("write NAME=value, quoting values that contain spaces or #")
    );
    assert!(!err.to_string().contains("NOT A VALID"), "{err}");
}

#[test]
fn unknown_file_key_suggests_the_closest() {
    let project = Project::new();
    project.write(
        "config/default.toml",
        "host = \"h\"\nprot = 80\n[database]\nhots = \"x\"\n",
    );
    let err = Config::loader()
        .dir(project.path())
        .env_vars([("APP_API_KEY", "k")])
        .load()
        .unwrap_err();
    let problems = err.problems();
    assert_eq!(problems.len(), 2, "{err}");
    assert_eq!(problems[0].path(), "database.hots");
    assert_eq!(problems[0].kind(), ProblemKind::UnknownKey);
    assert_eq!(problems[0].message(), "unknown key");
    assert_eq!(problems[0].hint(), Some("did you mean `host`?"));
    assert_eq!(problems[1].path(), "prot");
    assert_eq!(problems[1].hint(), Some("did you mean `port`?"));
    assert_eq!(
        problems[1].to_string(),
        "prot: unknown key\n    from: config/default.toml:2\n    hint: did you mean `port`?"
    );
}

#[test]
fn unknown_file_key_without_a_near_match_lists_the_keys() {
    let project = Project::new();
    project.write("config/default.toml", "[database]\nzzz = 1\n");
    let err = Config::loader()
        .dir(project.path())
        .env_vars(complete())
        .load()
        .unwrap_err();
    assert_eq!(
        err.problems()[0].hint(),
        Some("known keys here: host, port")
    );
}

#[test]
fn unknown_file_keys_can_be_warnings() {
    let project = Project::new();
    project.write("config/default.toml", "prot = 80\n");
    let loaded = Config::loader()
        .dir(project.path())
        .deny_unknown_keys(false)
        .env_vars(complete())
        .load_report()
        .unwrap();
    assert_eq!(loaded.warnings.len(), 1);
    assert_eq!(loaded.warnings[0].path(), "prot");
    assert_eq!(loaded.warnings[0].hint(), Some("did you mean `port`?"));
}

#[test]
fn scalar_where_a_table_belongs() {
    let project = Project::new();
    project.write("config/default.toml", "database = \"postgres://x\"\n");
    let err = Config::loader()
        .dir(project.path())
        .env_vars(complete())
        .load()
        .unwrap_err();
    let p = &err.problems()[0];
    assert_eq!(p.path(), "database");
    assert_eq!(p.kind(), ProblemKind::InvalidValue);
    assert_eq!(p.message(), "expected a table of settings, found string");
}

#[test]
fn unknown_override_key_is_an_error() {
    let err = Config::loader()
        .without_declared_files()
        .env_vars(complete())
        .set("databse.host", "x")
        .load()
        .unwrap_err();
    let p = &err.problems()[0];
    assert_eq!(p.kind(), ProblemKind::UnknownKey);
    assert_eq!(p.message(), "unknown key set in code");
    assert_eq!(p.origin(), Some(&Origin::Override));
    assert_eq!(p.hint(), Some("did you mean `database.host`?"));
}

#[test]
fn unknown_prefixed_env_var_is_a_warning_with_a_suggestion() {
    let loaded = Config::loader()
        .without_declared_files()
        .env_vars([
            ("APP_HOST", "h"),
            ("APP_API_KEY", "k"),
            ("APP_DATABSE__HOST", "x"),
            ("APP_COMPLETELY_DIFFERENT", "x"),
            ("OTHER_PORT", "1"),
        ])
        .load_report()
        .unwrap();
    assert_eq!(loaded.warnings.len(), 2, "{:?}", loaded.warnings);
    let w = &loaded.warnings[0];
    assert_eq!(w.kind(), ProblemKind::UnknownKey);
    assert_eq!(w.message(), "unknown variable APP_DATABSE__HOST");
    assert_eq!(w.hint(), Some("did you mean APP_DATABASE__HOST?"));
    assert_eq!(
        w.origin(),
        Some(&Origin::Env {
            var: "APP_DATABSE__HOST".into()
        })
    );
    assert_eq!(
        loaded.warnings[1].hint(),
        Some("no setting uses this name; run `explain` to list the variables")
    );
}

#[test]
fn warnings_are_listed_in_the_error_report() {
    let err = Config::loader()
        .without_declared_files()
        .env_vars([("APP_API_KEY", "k"), ("APP_HOTS", "h")])
        .load()
        .unwrap_err();
    assert_eq!(err.warnings().len(), 1);
    assert_eq!(
        err.to_string(),
        "Config could not be loaded (profile `development`): 1 problem
  - host: not set by any source
      hint: set APP_HOST
  warning: unknown variable APP_HOTS
      from: env APP_HOTS
      hint: did you mean APP_HOST?"
    );
}

#[test]
fn required_file_missing() {
    #[derive(Debug, Settings)]
    #[settings(prefix = "R", file(path = "must-exist.toml", required))]
    struct Required {
        #[settings(default = 1)]
        level: u8,
    }
    let project = Project::new();
    let err = Required::loader()
        .dir(project.path())
        .env_vars(no_env())
        .load()
        .unwrap_err();
    let p = &err.problems()[0];
    assert_eq!(p.kind(), ProblemKind::Io);
    assert_eq!(p.message(), "required config file not found");
    assert_eq!(
        p.origin(),
        Some(&Origin::File {
            path: PathBuf::from("must-exist.toml"),
            line: None
        })
    );
    // Files added with `.file(..)` are required too.
    let err = Config::loader()
        .dir(project.path())
        .file("extra.toml")
        .env_vars(complete())
        .load()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "Config could not be loaded (profile `development`): 1 problem
  - required config file not found
      from: extra.toml"
    );
}

#[test]
fn unsupported_file_format() {
    let project = Project::new();
    project.write("settings.ini", "port=1\n");
    let err = Config::loader()
        .dir(project.path())
        .file("settings.ini")
        .env_vars(complete())
        .load()
        .unwrap_err();
    let p = &err.problems()[0];
    assert_eq!(p.kind(), ProblemKind::Syntax);
    assert_eq!(p.message(), "unsupported config file format `.ini`");
    assert_eq!(p.hint(), Some("use a .toml, .json or .yaml file"));
}

#[test]
fn unreadable_name_file() {
    let project = Project::new();
    let missing = project.join("no-such-file");
    let err = Config::loader()
        .without_declared_files()
        .env_vars([
            ("APP_HOST", "h".to_string()),
            ("APP_API_KEY_FILE", missing.display().to_string()),
        ])
        .load()
        .unwrap_err();
    let io: Vec<_> = err
        .problems()
        .iter()
        .filter(|p| p.kind() == ProblemKind::Io)
        .collect();
    assert_eq!(io.len(), 1, "{err}");
    let p = io[0];
    assert_eq!(p.path(), "api_key");
    assert_eq!(
        p.message(),
        "cannot read the file named by APP_API_KEY_FILE: No such file or directory (os error 2)"
    );
    assert_eq!(
        p.origin(),
        Some(&Origin::Env {
            var: "APP_API_KEY_FILE".into()
        })
    );
    assert_eq!(
        p.hint(),
        Some("point APP_API_KEY_FILE at a readable file, or unset it")
    );
}

#[test]
fn a_folder_given_as_name_file_is_an_io_problem() {
    let project = Project::new();
    let err = Config::loader()
        .without_declared_files()
        .env_vars([
            ("APP_HOST", "h".to_string()),
            ("APP_API_KEY_FILE", project.path().display().to_string()),
        ])
        .load()
        .unwrap_err();
    assert!(
        err.problems()
            .iter()
            .any(|p| p.kind() == ProblemKind::Io && p.path() == "api_key"),
        "{err}"
    );
}

#[test]
fn many_problems_at_once_sorted_by_path() {
    let project = Project::new();
    project.write("config/default.toml", "prot = 1\n[database]\nport = -1\n");
    let err = Config::loader()
        .dir(project.path())
        .env_vars([("APP_PORT", "x"), ("APP_TAGS", "a")])
        .load()
        .unwrap_err();
    let paths: Vec<_> = err.problems().iter().map(|p| p.path()).collect();
    assert_eq!(
        paths,
        [
            "api_key",
            "database.port",
            "host",
            "port",
            "prot",
            "tags[0]"
        ]
    );
    let kinds: Vec<_> = err.problems().iter().map(|p| p.kind()).collect();
    assert_eq!(
        kinds,
        [
            ProblemKind::Missing,
            ProblemKind::InvalidValue,
            ProblemKind::Missing,
            ProblemKind::InvalidValue,
            ProblemKind::UnknownKey,
            ProblemKind::InvalidValue,
        ]
    );
    assert!(err.to_string().contains("): 6 problems\n"), "{err}");
    assert_eq!(err.for_path("host").count(), 1);
}

#[test]
fn loading_never_panics_on_garbage() {
    let garbage: &[&str] = &[
        "",
        "=",
        "[",
        "]]]",
        "port = ",
        "port = [1, 2",
        "port = 99999999999999999999999",
        "port = 1e400",
        "port = nan",
        "database = 5",
        "[database]\n[database]",
        "host = \"\\u{d800}\"",
        "\u{0}\u{1}\u{2}",
        "port = \"\u{ff}\u{fe}\"",
        "[[database]]\nhost = 1",
        "tags = [[1], {a = 1}]",
        "tags = \"1,2,,,\"",
        "api_key = [1, 2, 3]",
        "api_key = { x = 1 }",
        "database.host.extra = 1",
        "a.b.c.d.e.f = 1",
        "\"\" = 1",
    ];
    for text in garbage {
        let project = Project::new();
        project.write("config/default.toml", text);
        project.write(".env", text);
        project.write("bad.json", text);
        project.write("bad.yaml", text);
        let base = [
            ("APP_PORT", *text),
            ("APP_TAGS", *text),
            ("APP_DATABASE__PORT", *text),
            ("APP_HOST", *text),
            ("APP_API_KEY", *text),
        ];
        let _ = Config::loader()
            .dir(project.path())
            .env_vars(base)
            .load_report();
        let _ = Config::loader()
            .dir(project.path())
            .env_vars(base)
            .explain();
        #[cfg(feature = "json")]
        let _ = Config::loader()
            .dir(project.path())
            .file("bad.json")
            .env_vars(no_env())
            .load();
        #[cfg(feature = "yaml")]
        let _ = Config::loader()
            .dir(project.path())
            .file("bad.yaml")
            .env_vars(no_env())
            .load();
        let _ = Config::loader()
            .without_declared_files()
            .env_vars(no_env())
            .set("port", *text)
            .set("tags", *text)
            .set(*text, *text)
            .load();
    }
    // Binary junk in a config file is an error, not a panic.
    let project = Project::new();
    std::fs::create_dir_all(project.join("config")).unwrap();
    std::fs::write(project.join("config/default.toml"), [0xff, 0xfe, 0x00]).unwrap();
    let err = Config::loader()
        .dir(project.path())
        .env_vars(complete())
        .load()
        .unwrap_err();
    assert_eq!(err.problems()[0].kind(), ProblemKind::Io);
}

#[cfg(feature = "json")]
#[test]
fn bad_json_names_the_line() {
    let project = Project::new();
    project.write("bad.json", "{\n  \"port\": 1,\n  \"host\": \n}\n");
    let err = Config::loader()
        .dir(project.path())
        .without_declared_files()
        .file("bad.json")
        .env_vars(complete())
        .load()
        .unwrap_err();
    let p = &err.problems()[0];
    assert_eq!(p.kind(), ProblemKind::Syntax);
    assert_eq!(p.message(), "invalid JSON: expected a value");
    assert_eq!(
        p.origin(),
        Some(&Origin::File {
            path: PathBuf::from("bad.json"),
            line: Some(4)
        })
    );
}

#[cfg(feature = "yaml")]
#[test]
fn bad_yaml_names_the_line() {
    let project = Project::new();
    project.write("bad.yaml", "port: 1\nhost: [unclosed\n");
    let err = Config::loader()
        .dir(project.path())
        .without_declared_files()
        .file("bad.yaml")
        .env_vars(complete())
        .load()
        .unwrap_err();
    let p = &err.problems()[0];
    assert_eq!(p.kind(), ProblemKind::Syntax);
    assert!(p.message().starts_with("invalid YAML: "), "{}", p.message());
    assert!(
        matches!(p.origin(), Some(Origin::File { line: Some(_), .. })),
        "{p:?}"
    );
}

#[derive(Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
enum Store {
    Memory,
}

#[derive(Debug, Settings)]
#[settings(prefix = "S")]
struct Typed {
    store: Option<Store>,
    workers: Option<std::num::NonZeroU16>,
}

#[test]
fn serde_type_errors_read_well_and_show_the_value_once() {
    let err = Typed::loader()
        .env_vars([("S_STORE", "memory"), ("S_WORKERS", "0")])
        .load()
        .unwrap_err();
    let shown: Vec<_> = err.problems().iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "store: expected internally tagged enum Store, found \"memory\"\n    from: env S_STORE\n    hint: change or unset S_STORE",
            "workers: invalid value, expected a nonzero u16, found 0\n    from: env S_WORKERS\n    hint: change or unset S_WORKERS",
        ]
    );
    // JSON text is read for types that take any shape.
    let typed = Typed::loader()
        .env_vars([("S_STORE", r#"{"kind": "memory"}"#)])
        .load()
        .unwrap();
    assert!(matches!(typed.store, Some(Store::Memory)));
}
