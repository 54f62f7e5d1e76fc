//! Profile selection, `{profile}` files, profile defaults and the strict rules.

mod common;

use std::path::PathBuf;

use common::Project;
use strata::{ExposeSecret, Origin, ProblemKind, SecretString, Settings};

#[derive(Debug, Settings)]
#[settings(
    prefix = "APP",
    file = "config/default.toml",
    file = "config/{profile}.toml",
    dotenv
)]
struct Config {
    #[settings(default = 8080, profile(production = 80, staging = 81))]
    port: u16,
    #[settings(default = "dev-key")]
    api_key: SecretString,
    token: Option<SecretString>,
}

fn no_env() -> Vec<(String, String)> {
    Vec::new()
}

#[test]
fn profile_is_development_by_default() {
    let project = Project::new();
    let loaded = Config::loader()
        .dir(project.path())
        .env_vars(no_env())
        .load_report()
        .unwrap();
    assert_eq!(loaded.explanation.profile(), "development");
    assert!(!loaded.explanation.strict());
    assert_eq!(loaded.value.port, 8080);
}

#[test]
fn prefix_env_var_selects_the_profile() {
    let project = Project::new();
    let loaded = Config::loader()
        .dir(project.path())
        .env_vars([("APP_ENV", "staging")])
        .load_report()
        .unwrap();
    assert_eq!(loaded.explanation.profile(), "staging");
    assert_eq!(loaded.value.port, 81);
    // The selector is not reported as an unknown variable.
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

#[test]
fn empty_profile_var_means_the_default_profile() {
    let project = Project::new();
    let loaded = Config::loader()
        .dir(project.path())
        .env_vars([("APP_ENV", "")])
        .load_report()
        .unwrap();
    assert_eq!(loaded.explanation.profile(), "development");
}

#[test]
fn loader_profile_beats_the_env_var() {
    let project = Project::new();
    let loaded = Config::loader()
        .dir(project.path())
        .profile("staging")
        .env_vars([("APP_ENV", "production")])
        .load_report()
        .unwrap();
    assert_eq!(loaded.explanation.profile(), "staging");
    assert_eq!(loaded.value.port, 81);
}

#[derive(Debug, Settings)]
#[settings(prefix = "APP", profile_env = "DEPLOY_ENV")]
struct CustomSelector {
    #[settings(default = 1, profile(staging = 2))]
    level: u8,
}

#[test]
fn custom_profile_env_var() {
    let loaded = CustomSelector::loader()
        .env_vars([("DEPLOY_ENV", "staging")])
        .load_report()
        .unwrap();
    assert_eq!(loaded.explanation.profile(), "staging");
    assert_eq!(loaded.value.level, 2);
    // `APP_ENV` is no longer the selector: it is just an unknown prefixed variable.
    let loaded = CustomSelector::loader()
        .env_vars([("APP_ENV", "staging")])
        .load_report()
        .unwrap();
    assert_eq!(loaded.explanation.profile(), "development");
    assert_eq!(loaded.value.level, 1);
    assert_eq!(loaded.warnings.len(), 1);
    assert_eq!(loaded.warnings[0].message(), "unknown variable APP_ENV");
}

#[derive(Debug, Settings)]
struct NoPrefix {
    #[settings(default = 1, profile(staging = 2))]
    level: u8,
}

#[test]
fn without_prefix_the_selector_is_strata_env() {
    let loaded = NoPrefix::loader()
        .env_vars([("STRATA_ENV", "staging"), ("LEVEL_UNRELATED", "x")])
        .load_report()
        .unwrap();
    assert_eq!(loaded.explanation.profile(), "staging");
    assert_eq!(loaded.value.level, 2);
}

#[test]
fn profile_placeholder_in_file_names() {
    let project = Project::new();
    project.write("config/default.toml", "port = 1000\n");
    project.write("config/staging.toml", "# staging\nport = 2000\n");
    project.write("config/development.toml", "port = 3000\n");
    let loaded = Config::loader()
        .dir(project.path())
        .profile("staging")
        .env_vars(no_env())
        .load_report()
        .unwrap();
    assert_eq!(loaded.value.port, 2000);
    assert_eq!(
        loaded.explanation.get("port").unwrap().origin,
        Some(Origin::File {
            path: PathBuf::from("config/staging.toml"),
            line: Some(2),
        })
    );
    assert_eq!(
        loaded.explanation.sources(),
        ["config/default.toml", "config/staging.toml"]
    );
    let cfg = Config::loader()
        .dir(project.path())
        .env_vars(no_env())
        .load()
        .unwrap();
    assert_eq!(cfg.port, 3000);
}

#[test]
fn files_beat_profile_defaults() {
    let project = Project::new();
    project.write("config/default.toml", "port = 1000\n");
    let cfg = Config::loader()
        .dir(project.path())
        .profile("staging")
        .env_vars(no_env())
        .load()
        .unwrap();
    assert_eq!(cfg.port, 1000);
}

#[test]
fn profile_defaults_name_their_profile_in_the_origin() {
    let loaded = Config::loader()
        .without_declared_files()
        .profile("staging")
        .env_vars(no_env())
        .load_report()
        .unwrap();
    let origin = loaded
        .explanation
        .get("port")
        .unwrap()
        .origin
        .clone()
        .unwrap();
    assert_eq!(
        origin,
        Origin::ProfileDefault {
            profile: "staging".into()
        }
    );
    assert_eq!(origin.to_string(), "default for profile `staging`");
}

// ---- strict profiles ----

fn production() -> strata::Loader<Config> {
    Config::loader().profile("production")
}

#[test]
fn production_is_strict_and_rejects_a_secret_from_a_default() {
    let project = Project::new();
    let err = production()
        .dir(project.path())
        .env_vars(no_env())
        .load()
        .unwrap_err();
    assert_eq!(err.profile(), "production");
    assert_eq!(err.problems().len(), 1, "{err}");
    let problem = &err.problems()[0];
    assert_eq!(problem.kind(), ProblemKind::Forbidden);
    assert_eq!(problem.path(), "api_key");
    assert_eq!(
        problem.message(),
        "a secret may not come from a default in the strict profile `production`"
    );
    assert_eq!(problem.origin(), Some(&Origin::Default));
    assert_eq!(
        problem.hint(),
        Some("set APP_API_KEY or APP_API_KEY_FILE, or use a secrets folder or store")
    );
    assert_eq!(problem.value(), None);
}

#[test]
fn strict_profile_rejects_a_secret_from_a_config_file() {
    let project = Project::new();
    project.write(
        "config/production.toml",
        "port = 443\napi_key = \"from-file\"\n",
    );
    let err = production()
        .dir(project.path())
        .env_vars(no_env())
        .load()
        .unwrap_err();
    assert_eq!(err.problems().len(), 1, "{err}");
    let problem = &err.problems()[0];
    assert_eq!(problem.kind(), ProblemKind::Forbidden);
    assert_eq!(
        problem.message(),
        "a secret may not be kept in a plain config file in the strict profile `production`"
    );
    assert_eq!(
        problem.origin(),
        Some(&Origin::File {
            path: PathBuf::from("config/production.toml"),
            line: Some(2)
        })
    );
    // The same file is fine outside strict profiles.
    let cfg = Config::loader()
        .dir(project.path())
        .profile("development")
        .file("config/production.toml")
        .env_vars(no_env())
        .load()
        .unwrap();
    assert_eq!(cfg.api_key.expose_secret(), "from-file");
}

#[test]
fn strict_profile_accepts_secrets_from_env_secret_files_and_overrides() {
    let project = Project::new();
    let key = project.write("key", "from-name-file");
    project.write("secrets/APP_API_KEY", "from-secrets-dir");
    let cfg = production()
        .dir(project.path())
        .env_vars([("APP_API_KEY", "from-env")])
        .load()
        .unwrap();
    assert_eq!(cfg.api_key.expose_secret(), "from-env");
    let cfg = production()
        .dir(project.path())
        .env_vars([("APP_API_KEY_FILE", key.to_str().unwrap())])
        .load()
        .unwrap();
    assert_eq!(cfg.api_key.expose_secret(), "from-name-file");
    let cfg = production()
        .dir(project.path())
        .secrets_dir("secrets")
        .env_vars(no_env())
        .load()
        .unwrap();
    assert_eq!(cfg.api_key.expose_secret(), "from-secrets-dir");
    let cfg = production()
        .dir(project.path())
        .env_vars(no_env())
        .set("api_key", "from-code")
        .load()
        .unwrap();
    assert_eq!(cfg.api_key.expose_secret(), "from-code");
}

#[test]
fn dotenv_is_not_read_in_strict_profiles_unless_enabled() {
    let project = Project::new();
    project.write(".env", "APP_API_KEY=from-dotenv\nAPP_PORT=9000\n");
    let err = production()
        .dir(project.path())
        .env_vars(no_env())
        .load()
        .unwrap_err();
    // The .env value is not used, so the default is what the strict rule sees.
    assert_eq!(err.problems()[0].origin(), Some(&Origin::Default));
    let loaded = production()
        .dir(project.path())
        .env_vars([("APP_API_KEY", "from-env")])
        .load_report()
        .unwrap();
    assert_eq!(loaded.value.port, 80);
    assert!(loaded.explanation.sources().is_empty());

    let loaded = production()
        .dir(project.path())
        .dotenv_in_strict(true)
        .env_vars(no_env())
        .load_report()
        .unwrap();
    assert_eq!(loaded.value.port, 9000);
    assert_eq!(loaded.value.api_key.expose_secret(), "from-dotenv");
    assert_eq!(loaded.explanation.sources(), [".env"]);
}

#[test]
fn strict_can_be_switched_off_or_on_per_load() {
    let project = Project::new();
    let cfg = production()
        .dir(project.path())
        .strict(false)
        .env_vars(no_env())
        .load()
        .unwrap();
    assert_eq!(cfg.api_key.expose_secret(), "dev-key");
    let err = Config::loader()
        .dir(project.path())
        .strict(true)
        .env_vars(no_env())
        .load()
        .unwrap_err();
    assert_eq!(err.problems()[0].kind(), ProblemKind::Forbidden);
    assert_eq!(
        err.problems()[0].message(),
        "a secret may not come from a default in the strict profile `development`"
    );
}

#[test]
fn unset_optional_secret_is_not_a_strict_violation() {
    let cfg = production()
        .without_declared_files()
        .env_vars([("APP_API_KEY", "k")])
        .load()
        .unwrap();
    assert!(cfg.token.is_none());
}

#[derive(Debug, Settings)]
#[settings(prefix = "SVC", strict(staging, "pre-prod"))]
struct CustomStrict {
    #[settings(default = "insecure")]
    password: SecretString,
}

#[test]
fn custom_strict_profiles_replace_production() {
    for profile in ["staging", "pre-prod"] {
        let err = CustomStrict::loader()
            .profile(profile)
            .env_vars(no_env())
            .load()
            .unwrap_err();
        assert_eq!(
            err.problems()[0].kind(),
            ProblemKind::Forbidden,
            "{profile}"
        );
        assert_eq!(
            err.problems()[0].message(),
            format!("a secret may not come from a default in the strict profile `{profile}`")
        );
    }
    let loaded = CustomStrict::loader()
        .profile("production")
        .env_vars(no_env())
        .load_report()
        .unwrap();
    assert!(!loaded.explanation.strict());
    assert_eq!(loaded.value.password.expose_secret(), "insecure");
}

#[test]
fn secret_profile_default_is_forbidden_too() {
    #[derive(Debug, Settings)]
    #[settings(prefix = "P")]
    struct WithProfileSecret {
        #[settings(profile(production = "prod-secret"))]
        key: SecretString,
    }
    let err = WithProfileSecret::loader()
        .profile("production")
        .env_vars(no_env())
        .load()
        .unwrap_err();
    let problem = &err.problems()[0];
    assert_eq!(problem.kind(), ProblemKind::Forbidden);
    assert_eq!(
        problem.origin(),
        Some(&Origin::ProfileDefault {
            profile: "production".into()
        })
    );
}

// ---- unknown profiles ----

#[test]
fn unknown_profile_is_a_warning_with_a_suggestion() {
    let loaded = Config::loader()
        .without_declared_files()
        .profile("prodution")
        .env_vars(no_env())
        .load_report()
        .unwrap();
    assert_eq!(loaded.explanation.profile(), "prodution");
    assert_eq!(loaded.warnings.len(), 1);
    let warning = &loaded.warnings[0];
    assert_eq!(warning.kind(), ProblemKind::Notice);
    assert_eq!(
        warning.message(),
        "profile `prodution` is not mentioned by the settings"
    );
    assert_eq!(
        warning.hint(),
        Some("did you mean `production`? known profiles: development, production, staging")
    );
    assert_eq!(
        warning.to_string(),
        "profile `prodution` is not mentioned by the settings\n    hint: did you mean `production`? known profiles: development, production, staging"
    );
}

#[test]
fn unrelated_unknown_profile_lists_the_known_ones() {
    let loaded = CustomSelector::loader()
        .profile("qa")
        .env_vars(no_env())
        .load_report()
        .unwrap();
    assert_eq!(loaded.warnings.len(), 1);
    assert_eq!(
        loaded.warnings[0].hint(),
        Some("known profiles: development, staging, production")
    );
}

#[derive(Debug, Settings)]
#[settings(prefix = "APP", profiles(qa, "load-test"))]
struct DeclaredProfiles {
    #[settings(default = 1)]
    level: u8,
}

#[test]
fn declared_profiles_are_known() {
    for profile in ["qa", "load-test", "development", "production"] {
        let loaded = DeclaredProfiles::loader()
            .profile(profile)
            .env_vars(no_env())
            .load_report()
            .unwrap();
        assert!(
            loaded.warnings.is_empty(),
            "{profile}: {:?}",
            loaded.warnings
        );
    }
}

mod absent_optional_groups {
    use strata::{SecretString, Settings};

    #[derive(Debug, Settings)]
    struct Tls {
        #[settings(default = "/etc/tls/cert.pem", required_in(production))]
        cert: String,
        key: Option<SecretString>,
    }

    #[derive(Debug, Settings)]
    #[settings(prefix = "AOG")]
    struct Server {
        #[settings(default = 8080)]
        port: u16,
        #[settings(nested)]
        tls: Option<Tls>,
    }

    /// Rules of an optional group that no source sets do not apply in strict profiles.
    #[test]
    fn an_absent_optional_group_is_not_checked() {
        let server = Server::loader()
            .profile("production")
            .env_vars([("AOG_PORT", "443")])
            .load()
            .unwrap();
        assert!(server.tls.is_none());
        let err = Server::loader()
            .profile("production")
            .env_vars([("AOG_TLS__KEY", "k-0f3a9c")])
            .load()
            .unwrap_err();
        assert_eq!(err.problems().len(), 1, "{err}");
        assert_eq!(err.problems()[0].path(), "tls.cert");
        assert_eq!(err.problems()[0].rule(), Some("required_in"));
    }
}
