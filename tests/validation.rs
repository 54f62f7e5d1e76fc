//! Validation rules from attributes: every rule passing and failing, on every
//! source, with the exact message, origin and hint; nested, list and Option
//! cases; many problems in one report.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use common::Project;
use strata::{ExposeSecret, Invalid, Origin, Problem, ProblemKind, SecretString, Settings};

fn even(value: &u32) -> Result<(), String> {
    if value.is_multiple_of(2) {
        Ok(())
    } else {
        Err(format!("must be even, not {value}"))
    }
}

fn no_spaces(value: &SecretString) -> Result<(), &'static str> {
    if value.expose_secret().contains(' ') {
        Err("must not contain spaces")
    } else {
        Ok(())
    }
}

#[derive(Debug, Settings)]
#[settings(prefix = "APP", file = "app.toml", dotenv)]
struct Rules {
    #[settings(default = 8080, range(min = 1, max = 65535))]
    port: u16,
    #[settings(default = 0.5, range(exclusive_min = 0.0, exclusive_max = 1.0))]
    ratio: f64,
    #[settings(default = -1, range(min = -10))]
    offset: i64,
    #[settings(default = "svc", min_length = 2, max_length = 8)]
    name: String,
    #[settings(default = "a", min_length = 1, max_length = 3)]
    tags: Vec<String>,
    #[settings(default = "k=v", non_empty)]
    labels: BTreeMap<String, String>,
    #[settings(default = "abc", pattern = "[a-z]+")]
    code: String,
    #[settings(default = "https://example.com", url)]
    homepage: String,
    #[settings(default = "postgres://db/app", url(schemes("postgres", "postgresql")))]
    database_url: String,
    #[settings(default = "ops@example.com", email)]
    contact: String,
    #[settings(default = "info", one_of("debug", "info", "warn"))]
    level: String,
    #[settings(default = 2, custom = even)]
    workers: u32,
    #[settings(default = "x", non_empty)]
    owner: String,
}

fn project() -> Project {
    let p = Project::new();
    p.write("app.toml", "");
    p
}

fn load_with(p: &Project, env: &[(&str, &str)]) -> Result<Rules, strata::Error> {
    Rules::loader()
        .dir(p.path())
        .env_vars(env.iter().map(|(k, v)| (k.to_string(), v.to_string())))
        .load()
}

fn only_problem(err: &strata::Error) -> &Problem {
    assert_eq!(err.problems().len(), 1, "expected one problem, got:\n{err}");
    &err.problems()[0]
}

#[test]
fn defaults_pass_every_rule() {
    let p = project();
    let rules = load_with(&p, &[]).expect("defaults are valid");
    assert_eq!(rules.port, 8080);
    assert_eq!(rules.offset, -1);
}

#[test]
fn boundary_values_pass() {
    let p = project();
    let ok = load_with(
        &p,
        &[
            ("APP_PORT", "65535"),
            ("APP_NAME", "12345678"),
            ("APP_TAGS", "a,b,c"),
            ("APP_OFFSET", "-10"),
            ("APP_RATIO", "0.999"),
        ],
    );
    assert!(ok.is_ok(), "{}", ok.unwrap_err());
    let ok = load_with(&p, &[("APP_PORT", "1"), ("APP_NAME", "ab")]);
    assert!(ok.is_ok());
}

/// One failing value per rule, from env, with the exact message and origin.
#[test]
fn every_rule_fails_with_its_message() {
    let cases: &[(&str, &str, &str, &str, Option<&str>)] = &[
        (
            "APP_PORT",
            "0",
            "port",
            "must be between 1 and 65535",
            Some("0"),
        ),
        (
            "APP_RATIO",
            "1",
            "ratio",
            "must be greater than 0 and less than 1",
            Some("1"),
        ),
        (
            "APP_RATIO",
            "0",
            "ratio",
            "must be greater than 0 and less than 1",
            Some("0"),
        ),
        (
            "APP_OFFSET",
            "-11",
            "offset",
            "must be at least -10",
            Some("-11"),
        ),
        (
            "APP_NAME",
            "s",
            "name",
            "must have at least 2 characters (it has 1)",
            None,
        ),
        (
            "APP_NAME",
            "123456789",
            "name",
            "must have at most 8 characters (it has 9)",
            None,
        ),
        (
            "APP_TAGS",
            "a,b,c,d",
            "tags",
            "must have at most 3 items (it has 4)",
            None,
        ),
        (
            "APP_TAGS",
            "",
            "tags",
            "must have at least 1 item (it has 0)",
            None,
        ),
        ("APP_LABELS", "{}", "labels", "must not be empty", None),
        (
            "APP_CODE",
            "abc1",
            "code",
            "must match the pattern `[a-z]+`",
            Some("abc1"),
        ),
        (
            "APP_HOMEPAGE",
            "example.com",
            "homepage",
            "must be a URL such as https://example.com",
            Some("example.com"),
        ),
        (
            "APP_DATABASE_URL",
            "mysql://db/app",
            "database_url",
            "must be a URL with scheme `postgres`, `postgresql` (it has mysql)",
            Some("mysql://db/app"),
        ),
        (
            "APP_CONTACT",
            "ops-at-example",
            "contact",
            "must be an email address",
            Some("ops-at-example"),
        ),
        (
            "APP_LEVEL",
            "trace",
            "level",
            "must be one of `debug`, `info`, `warn`",
            Some("trace"),
        ),
        ("APP_WORKERS", "3", "workers", "must be even, not 3", None),
        ("APP_OWNER", "", "owner", "must not be empty", None),
    ];
    let p = project();
    for (var, value, path, message, shown) in cases {
        let err = load_with(&p, &[(var, value)]).expect_err(var);
        let problem = only_problem(&err);
        assert_eq!(problem.kind(), ProblemKind::Validation, "{var}");
        assert_eq!(problem.path(), *path, "{var}");
        assert_eq!(problem.message(), *message, "{var}");
        assert_eq!(problem.value(), *shown, "{var}");
        assert_eq!(
            problem.origin(),
            Some(&Origin::Env {
                var: var.to_string()
            }),
            "{var}"
        );
        assert!(
            problem.hint().is_some_and(|h| h.contains(var)),
            "{var}: {:?}",
            problem.hint()
        );
    }
}

#[test]
fn rule_names_are_reported() {
    let p = project();
    let err = load_with(
        &p,
        &[
            ("APP_PORT", "0"),
            ("APP_CODE", "A"),
            ("APP_NAME", "s"),
            ("APP_WORKERS", "1"),
        ],
    )
    .unwrap_err();
    let rules: Vec<_> = err
        .problems()
        .iter()
        .map(|p| (p.path(), p.rule()))
        .collect();
    assert_eq!(
        rules,
        vec![
            ("code", Some("pattern")),
            ("name", Some("min_length")),
            ("port", Some("range")),
            ("workers", Some("custom")),
        ]
    );
}

#[test]
fn failing_values_name_their_source() {
    let p = Project::new();
    p.write("app.toml", "name = \"x\"\n\nport = 0\n");
    p.write(".env", "APP_LEVEL=loud\n");
    let err = Rules::loader()
        .dir(p.path())
        .env_vars(Vec::<(String, String)>::new())
        .set("code", "123")
        .load()
        .unwrap_err();
    let origin = |path: &str| err.for_path(path).next().and_then(|p| p.origin().cloned());
    assert_eq!(
        origin("port"),
        Some(Origin::File {
            path: PathBuf::from("app.toml"),
            line: Some(3)
        })
    );
    assert_eq!(
        origin("name"),
        Some(Origin::File {
            path: PathBuf::from("app.toml"),
            line: Some(1)
        })
    );
    assert_eq!(
        origin("level"),
        Some(Origin::Dotenv {
            path: PathBuf::from(".env"),
            line: Some(1)
        })
    );
    assert_eq!(origin("code"), Some(Origin::Override));
    let text = err.to_string();
    assert!(
        text.contains("port: must be between 1 and 65535, found 0\n      from: app.toml:3"),
        "{text}"
    );
    assert!(
        text.contains(
            "level: must be one of `debug`, `info`, `warn`, found \"loud\"\n      from: .env:1"
        ),
        "{text}"
    );
}

#[derive(Debug, Settings)]
#[settings(prefix = "BAD")]
struct BadDefaults {
    #[settings(default = 0, range(min = 1))]
    port: u16,
    #[settings(default = "prod", profile(staging = "qa"), one_of("dev", "prod"))]
    stage: String,
}

#[test]
fn defaults_are_validated_too() {
    let err = BadDefaults::loader()
        .env_vars([("X", "y")])
        .load()
        .unwrap_err();
    let problem = only_problem(&err);
    assert_eq!(problem.path(), "port");
    assert_eq!(problem.origin(), Some(&Origin::Default));
    assert_eq!(
        problem.hint(),
        Some("the default in the code is not valid; set BAD_PORT to override it")
    );

    let err = BadDefaults::loader()
        .profile("staging")
        .env_vars([("BAD_PORT", "5")])
        .load()
        .unwrap_err();
    let problem = only_problem(&err);
    assert_eq!(problem.path(), "stage");
    assert_eq!(
        problem.origin(),
        Some(&Origin::ProfileDefault {
            profile: "staging".into()
        })
    );
}

#[derive(Debug, Settings)]
struct Pool {
    #[settings(default = 10, range(min = 1, max = 100))]
    size: u32,
    #[settings(range(min = 1))]
    idle: Option<u32>,
}

fn tls_pair(tls: &Tls) -> Result<(), Invalid> {
    match (&tls.cert, &tls.key) {
        (Some(_), None) | (None, Some(_)) => {
            Err(Invalid::new("`cert` and `key` must be set together")
                .at("cert")
                .at("key"))
        }
        _ => Ok(()),
    }
}

#[derive(Debug, Settings)]
#[settings(validate = tls_pair)]
struct Tls {
    cert: Option<String>,
    key: Option<String>,
}

fn primary_in_replicas(cfg: &Cluster) -> Result<(), String> {
    if cfg.replicas.contains(&cfg.primary) {
        Err(format!(
            "primary `{}` is also listed as a replica",
            cfg.primary
        ))
    } else {
        Ok(())
    }
}

#[derive(Debug, Settings)]
#[settings(prefix = "CL", validate = primary_in_replicas)]
struct Cluster {
    #[settings(default = "db1", pattern = "db[0-9]+")]
    primary: String,
    #[settings(default = "", pattern = "db[0-9]+", max_length = 4)]
    replicas: Vec<String>,
    #[settings(range(min = 1, max = 9))]
    weights: Option<Vec<u8>>,
    #[settings(nested)]
    pool: Pool,
    #[settings(nested)]
    tls: Option<Tls>,
}

#[test]
fn nested_list_and_option_rules() {
    let ok = Cluster::loader()
        .env_vars(Vec::<(String, String)>::new())
        .load()
        .unwrap();
    assert!(ok.tls.is_none());
    assert_eq!(ok.pool.idle, None, "an absent Option is not validated");

    let err = Cluster::loader()
        .env_vars([
            ("CL_REPLICAS", "db2, replica3, db4"),
            ("CL_WEIGHTS", "[1, 0, 12]"),
            ("CL_POOL__SIZE", "500"),
            ("CL_POOL__IDLE", "0"),
        ])
        .load()
        .unwrap_err();
    let found: Vec<(&str, &str, Option<&str>)> = err
        .problems()
        .iter()
        .map(|p| (p.path(), p.message(), p.value()))
        .collect();
    assert_eq!(
        found,
        vec![
            ("pool.idle", "must be at least 1", Some("0")),
            ("pool.size", "must be between 1 and 100", Some("500")),
            (
                "replicas[1]",
                "must match the pattern `db[0-9]+`",
                Some("replica3")
            ),
            ("weights[1]", "must be between 1 and 9", Some("0")),
            ("weights[2]", "must be between 1 and 9", Some("12")),
        ],
        "{err}"
    );
    assert_eq!(
        err.problems()[0].origin(),
        Some(&Origin::Env {
            var: "CL_POOL__IDLE".into()
        })
    );
}

#[test]
fn struct_rules_report_the_paths_involved() {
    let err = Cluster::loader()
        .env_vars([
            ("CL_TLS__CERT", "/etc/cert.pem"),
            ("CL_REPLICAS", "db1,db2"),
        ])
        .load()
        .unwrap_err();
    let found: Vec<(&str, &str, Option<&str>)> = err
        .problems()
        .iter()
        .map(|p| (p.path(), p.message(), p.hint()))
        .collect();
    assert_eq!(
        found,
        vec![
            ("", "primary `db1` is also listed as a replica", None),
            (
                "tls.cert",
                "`cert` and `key` must be set together",
                Some("involves tls.cert, tls.key")
            ),
        ],
        "{err}"
    );
    assert_eq!(err.problems()[1].rule(), Some("validate"));
    assert_eq!(
        err.problems()[1].origin(),
        Some(&Origin::Env {
            var: "CL_TLS__CERT".into()
        })
    );
    let both = Cluster::loader()
        .env_vars([("CL_TLS__CERT", "c.pem"), ("CL_TLS__KEY", "k.pem")])
        .load()
        .unwrap();
    assert!(both.tls.is_some());
}

#[derive(Debug, Settings)]
#[settings(prefix = "SVC", strict(production, staging))]
struct Deploy {
    #[settings(default = "us-east-1", required_in(production, staging))]
    region: String,
    #[settings(default = 1, required_in(production))]
    replicas: u32,
    #[settings(min_length = 16, pattern = "[A-Za-z0-9]+", custom = no_spaces)]
    token: SecretString,
}

#[test]
fn required_in_ignores_defaults_in_named_profiles() {
    let token = ("SVC_TOKEN", "Abcdefgh12345678");
    let dev = Deploy::loader().env_vars([token]).load().unwrap();
    assert_eq!(dev.region, "us-east-1");

    let err = Deploy::loader()
        .profile("production")
        .env_vars([token])
        .load()
        .unwrap_err();
    let found: Vec<(&str, &str, Option<&str>)> = err
        .problems()
        .iter()
        .map(|p| (p.path(), p.message(), p.rule()))
        .collect();
    assert_eq!(
        found,
        vec![
            (
                "region",
                "must be set explicitly in profile `production`; a default does not count",
                Some("required_in")
            ),
            (
                "replicas",
                "must be set explicitly in profile `production`; a default does not count",
                Some("required_in")
            ),
        ]
    );
    assert_eq!(err.problems()[0].hint(), Some("set SVC_REGION"));

    let staging = Deploy::loader()
        .profile("staging")
        .env_vars([token, ("SVC_REGION", "eu-west-1")])
        .load()
        .unwrap();
    assert_eq!(
        staging.replicas, 1,
        "replicas is only required in production"
    );
}

#[test]
fn secret_rules_never_show_the_value() {
    let canary = "canary 77 short";
    let err = Deploy::loader()
        .env_vars([("SVC_TOKEN", canary)])
        .load()
        .unwrap_err();
    let found: Vec<(&str, &str, Option<&str>)> = err
        .problems()
        .iter()
        .map(|p| (p.path(), p.message(), p.value()))
        .collect();
    assert_eq!(
        found,
        vec![
            (
                "token",
                "must have at least 16 characters (it has 15)",
                None
            ),
            ("token", "must match the pattern `[A-Za-z0-9]+`", None),
            ("token", "failed the custom rule `no_spaces`", None),
        ]
    );
    let text = format!("{err}\n{err:?}");
    assert!(!text.contains("canary"), "{text}");
}

#[test]
fn strict_profiles_reject_placeholder_secrets() {
    for placeholder in [
        "changeme",
        "CHANGEME",
        "password",
        "secret",
        "xxxxxxxxxxxxxxxxxx",
        "<your-token-here>",
        "${TOKEN}",
    ] {
        let err = Deploy::loader()
            .profile("staging")
            .env_vars([("SVC_TOKEN", placeholder), ("SVC_REGION", "eu")])
            .load()
            .expect_err(placeholder);
        let problem = only_problem(&err);
        assert_eq!(problem.path(), "token");
        assert_eq!(problem.rule(), Some("placeholder"));
        assert_eq!(
            problem.message(),
            "is a placeholder, not a real secret (strict profile `staging`)"
        );
        assert_eq!(problem.value(), None);
        assert!(
            !err.to_string().contains(placeholder) || placeholder == "secret",
            "{err}"
        );
    }
    // Outside strict profiles a placeholder is accepted, so local set-ups stay easy.
    let dev = Deploy::loader()
        .env_vars([("SVC_TOKEN", "xxxxxxxxxxxxxxxxxx")])
        .load()
        .unwrap();
    assert_eq!(dev.token.expose_secret().len(), 18);
}

#[test]
fn many_problems_come_in_one_report_sorted_by_path() {
    let p = project();
    let err = load_with(
        &p,
        &[
            ("APP_WORKERS", "7"),
            ("APP_PORT", "70000"),
            ("APP_LEVEL", "noisy"),
            ("APP_CONTACT", "nobody"),
            ("APP_RATIO", "abc"),
        ],
    )
    .unwrap_err();
    let paths: Vec<&str> = err.problems().iter().map(|p| p.path()).collect();
    assert_eq!(paths, vec!["contact", "level", "port", "ratio", "workers"]);
    let kinds: Vec<ProblemKind> = err.problems().iter().map(|p| p.kind()).collect();
    assert_eq!(
        kinds[2],
        ProblemKind::InvalidValue,
        "70000 does not fit a u16: a conversion problem"
    );
    assert_eq!(kinds[3], ProblemKind::InvalidValue);
    assert_eq!(kinds[0], ProblemKind::Validation);
    let text = err.to_string();
    assert!(text.starts_with("Rules could not be loaded (profile `development`): 5 problems\n  - contact: must be an email address, found \"nobody\""), "{text}");
}
