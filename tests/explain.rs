//! The explanation: key, value (secrets redacted), origin and env var of every setting.

mod common;

use std::path::PathBuf;

use common::Project;
use strata::{Entry, Origin, SecretString, Settings};

#[derive(Debug, Settings)]
struct Db {
    /// Database host.
    #[settings(default = "localhost")]
    host: String,
    password: Option<SecretString>,
}

/// A small service.
#[derive(Debug, Settings)]
#[settings(prefix = "SVC", file = "svc.toml")]
struct Svc {
    /// Port to listen on.
    #[settings(default = 8080, profile(production = 80))]
    port: u16,
    #[settings(nested)]
    db: Db,
    api_key: SecretString,
    #[settings(default = std::time::Duration::from_secs(5))]
    timeout: std::time::Duration,
    log_level: Option<String>,
}

fn explain(project: &Project, env: &[(&str, &str)]) -> strata::Explanation {
    Svc::loader()
        .dir(project.path())
        .env_vars(env.iter().copied())
        .explain()
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn table_lists_every_key_with_value_origin_and_env() {
    let project = Project::new();
    project.write("svc.toml", "port = 9000\n\n[db]\nhost = \"db.internal\"\n");
    let explanation = explain(&project, &[("SVC_API_KEY", "sk-123")]);
    assert_eq!(
        explanation.to_string(),
        "\
Svc (profile `development`)
read: svc.toml
KEY          VALUE                              ORIGIN                     ENV
port         9000                               svc.toml:1 (over default)  SVC_PORT
db.host      db.internal                        svc.toml:4 (over default)  SVC_DB__HOST
db.password  (not set)                          -                          SVC_DB__PASSWORD
api_key      [REDACTED]                         env SVC_API_KEY            SVC_API_KEY
timeout      std::time::Duration::from_secs(5)  default                    SVC_TIMEOUT
log_level    (not set)                          -                          SVC_LOG_LEVEL"
    );
}

#[test]
fn header_names_the_profile_and_strictness() {
    let project = Project::new();
    let explanation = Svc::loader()
        .dir(project.path())
        .profile("production")
        .env_vars([("SVC_API_KEY", "k")])
        .explain()
        .unwrap();
    let text = explanation.to_string();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("Svc (profile `production`, strict)"));
    // No file was read, so there is no `read:` line.
    assert!(lines.next().unwrap().starts_with("KEY "));
    assert!(explanation.strict());
    assert!(
        text.lines()
            .any(|l| l.split_whitespace().collect::<Vec<_>>()
                == [
                    "port",
                    "80",
                    "default",
                    "for",
                    "profile",
                    "`production`",
                    "SVC_PORT"
                ]),
        "{text}"
    );
}

#[test]
fn entries_carry_path_env_doc_secret_value_and_origin() {
    let project = Project::new();
    let explanation = explain(
        &project,
        &[("SVC_API_KEY", "sk-123"), ("SVC_DB__HOST", "h")],
    );
    let paths: Vec<_> = explanation
        .entries()
        .iter()
        .map(|e| e.path.as_str())
        .collect();
    assert_eq!(
        paths,
        [
            "port",
            "db.host",
            "db.password",
            "api_key",
            "timeout",
            "log_level"
        ]
    );
    assert_eq!(
        explanation.get("port"),
        Some(&Entry {
            path: "port".into(),
            env: "SVC_PORT".into(),
            doc: "Port to listen on.",
            secret: false,
            value: Some("8080".into()),
            origin: Some(Origin::Default),
            overridden: vec![],
        })
    );
    assert_eq!(
        explanation.get("api_key"),
        Some(&Entry {
            path: "api_key".into(),
            env: "SVC_API_KEY".into(),
            doc: "",
            secret: true,
            value: Some("[REDACTED]".into()),
            origin: Some(Origin::Env {
                var: "SVC_API_KEY".into()
            }),
            overridden: vec![],
        })
    );
    let host = explanation.get("db.host").unwrap();
    assert_eq!(host.doc, "Database host.");
    assert_eq!(host.value.as_deref(), Some("h"));
    let password = explanation.get("db.password").unwrap();
    assert!(password.secret);
    assert_eq!(password.value, None);
    assert_eq!(password.origin, None);
    assert!(explanation.get("nope").is_none());
}

#[test]
fn secret_from_a_file_is_redacted_but_its_origin_is_shown() {
    let project = Project::new();
    let file = project.write("pw.txt", "hunter2");
    let explanation = explain(
        &project,
        &[
            ("SVC_API_KEY", "sk-123"),
            ("SVC_DB__PASSWORD_FILE", file.to_str().unwrap()),
        ],
    );
    let entry = explanation.get("db.password").unwrap();
    assert_eq!(entry.value.as_deref(), Some("[REDACTED]"));
    assert_eq!(
        entry.origin,
        Some(Origin::SecretFile {
            path: file.clone(),
            var: Some("SVC_DB__PASSWORD_FILE".into())
        })
    );
    let text = explanation.to_string();
    assert!(!text.contains("hunter2"), "{text}");
    let row = text.lines().find(|l| l.starts_with("db.password")).unwrap();
    assert_eq!(
        row.split_whitespace().collect::<Vec<_>>().join(" "),
        format!(
            "db.password [REDACTED] secret file {} (via SVC_DB__PASSWORD_FILE) SVC_DB__PASSWORD",
            file.display()
        )
    );
}

#[test]
fn values_show_as_written_by_their_source() {
    let project = Project::new();
    project.write("svc.toml", "log_level = \"debug\"\ntimeout = 30\n");
    let explanation = Svc::loader()
        .dir(project.path())
        .env_vars([("SVC_API_KEY", "k"), ("SVC_PORT", "0081")])
        .set("db.host", "override.internal")
        .explain()
        .unwrap();
    let get = |p: &str| explanation.get(p).unwrap().value.clone().unwrap();
    assert_eq!(get("port"), "0081");
    assert_eq!(get("log_level"), "debug");
    assert_eq!(get("timeout"), "30");
    assert_eq!(get("db.host"), "override.internal");
    assert_eq!(
        explanation.get("timeout").unwrap().origin,
        Some(Origin::File {
            path: PathBuf::from("svc.toml"),
            line: Some(2)
        })
    );
    assert_eq!(
        explanation.get("db.host").unwrap().origin,
        Some(Origin::Override)
    );
}

#[test]
fn warnings_are_listed_under_the_table() {
    let project = Project::new();
    let explanation = explain(&project, &[("SVC_API_KEY", "k"), ("SVC_PROT", "1")]);
    assert_eq!(explanation.warnings().len(), 1);
    let text = explanation.to_string();
    assert!(
        text.ends_with(
            "\nwarning: unknown variable SVC_PROT\n      from: env SVC_PROT\n      hint: did you mean SVC_PORT?"
        ),
        "{text}"
    );
}

#[test]
fn explain_fails_like_load_when_a_value_is_missing() {
    let project = Project::new();
    let err = Svc::loader()
        .dir(project.path())
        .env_vars(Vec::<(String, String)>::new())
        .explain()
        .unwrap_err();
    assert_eq!(err.problems()[0].path(), "api_key");
}

#[test]
fn long_values_do_not_stretch_the_columns_past_48() {
    let project = Project::new();
    let long = "x".repeat(80);
    let explanation = explain(&project, &[("SVC_API_KEY", "k"), ("SVC_LOG_LEVEL", &long)]);
    let text = explanation.to_string();
    let header = text.lines().find(|l| l.starts_with("KEY")).unwrap();
    let origin_column = header.find("ORIGIN").unwrap();
    assert_eq!(
        origin_column,
        "KEY".len().max("db.password".len()) + 2 + 48 + 2
    );
    assert!(text.contains(&long));
}

mod keys_listing {
    use strata::{KeyInfo, SecretString, Settings};

    #[derive(Debug, Settings)]
    struct Inner {
        /// Database password.
        password: SecretString,
    }

    #[derive(Debug, Settings)]
    #[settings(prefix = "KL", strict(staging))]
    struct Outer {
        /// Port.
        #[settings(default = 1, profile(qa = 2))]
        port: u16,
        #[settings(nested)]
        db: Inner,
        note: Option<String>,
    }

    #[test]
    fn keys_list_every_setting_with_its_variable() {
        let keys = strata::keys::<Outer>();
        assert_eq!(
            keys,
            vec![
                KeyInfo {
                    path: "port".into(),
                    env: "KL_PORT".into(),
                    secret: false,
                    optional: false,
                    has_default: true,
                    doc: "Port.",
                },
                KeyInfo {
                    path: "db.password".into(),
                    env: "KL_DB__PASSWORD".into(),
                    secret: true,
                    optional: false,
                    has_default: false,
                    doc: "Database password.",
                },
                KeyInfo {
                    path: "note".into(),
                    env: "KL_NOTE".into(),
                    secret: false,
                    optional: true,
                    has_default: false,
                    doc: "",
                },
            ]
        );
        assert_eq!(
            strata::profiles::<Outer>(),
            vec!["development", "qa", "staging"]
        );
    }
}

mod overridden {
    use std::path::PathBuf;

    use strata::{Origin, Settings};

    #[derive(Debug, Settings)]
    #[settings(prefix = "OV", file = "app.toml")]
    struct App {
        #[settings(default = 1)]
        port: u16,
        #[settings(default = "a")]
        name: String,
    }

    /// The explanation names the sources a value won over, nearest first.
    #[test]
    fn the_explanation_lists_what_each_value_overrode() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("app.toml"), "port = 2\n").unwrap();
        let explanation = App::loader()
            .dir(dir.path())
            .env_vars([("OV_PORT", "3")])
            .set("port", 4)
            .explain()
            .unwrap();
        let port = explanation.get("port").unwrap();
        assert_eq!(port.value.as_deref(), Some("4"));
        assert_eq!(port.origin, Some(Origin::Override));
        assert_eq!(
            port.overridden,
            vec![
                Origin::Default,
                Origin::File {
                    path: PathBuf::from("app.toml"),
                    line: Some(1)
                },
                Origin::Env {
                    var: "OV_PORT".into()
                },
            ]
        );
        assert!(explanation.get("name").unwrap().overridden.is_empty());
        let text = explanation.to_string();
        assert!(
            text.contains("override in code (over env OV_PORT, app.toml:1, default)"),
            "{text}"
        );
    }
}

mod template {
    use strata::{SecretString, Settings};

    #[derive(Debug, Settings)]
    struct Db {
        /// Database host.
        #[settings(default = "localhost")]
        host: String,
        password: SecretString,
    }

    /// Shop service.
    #[derive(Debug, Settings)]
    #[settings(prefix = "SHOP")]
    struct Shop {
        /// Port to listen on.
        #[settings(default = 8080)]
        port: u16,
        #[settings(nested)]
        db: Db,
        region: String,
        note: Option<String>,
    }

    #[test]
    fn env_template_lists_every_variable() {
        assert_eq!(
            strata::env_template::<Shop>(),
            "\
# Shop service.

# Port to listen on.
# key `port`
# SHOP_PORT=8080
# Database host.
# key `db.host`
# SHOP_DB__HOST=localhost
# secret: set SHOP_DB__PASSWORD or SHOP_DB__PASSWORD_FILE; never commit a value
SHOP_DB__PASSWORD=
# key `region`, required
SHOP_REGION=
# key `note`, optional
SHOP_NOTE=
"
        );
    }
}
