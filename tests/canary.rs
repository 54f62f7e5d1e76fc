//! Canary secrets through every source and every failure: none may ever be printed.
//!
//! Each test sets known values, then renders everything a user or a log could
//! see (Debug, Display, errors, problems, warnings, the explanation, tracing
//! events) and searches it for the canaries.

mod common;

use std::fmt::Write as _;
use std::sync::{Arc, Mutex};

use common::Project;
use strata::{Error, ExposeSecret, Loaded, Secret, SecretString, Settings};

/// An alias hides the secret type from the derive's view of the tokens.
type Token = SecretString;

#[derive(Debug, Settings)]
struct Db {
    #[settings(default = "localhost")]
    host: String,
    password: Option<SecretString>,
}

#[derive(Debug, Settings)]
#[settings(prefix = "CAN", file = "config.toml", dotenv)]
struct Vault {
    #[settings(default = "CANARY-default-d3f4ult")]
    api_key: SecretString,
    token: Option<SecretString>,
    pin: Option<Secret<u32>>,
    #[settings(nested)]
    db: Db,
    #[settings(default)]
    keys: Vec<SecretString>,
    alias: Option<Token>,
    #[settings(default = 1)]
    port: u16,
}

/// Every text a load can show, whatever its outcome.
fn rendered(result: &Result<Loaded<Vault>, Error>) -> String {
    let mut out = String::new();
    match result {
        Ok(loaded) => {
            let v = &loaded.value;
            writeln!(out, "{v:?}\n{v}\n{v:#?}").unwrap();
            writeln!(out, "{loaded:?}").unwrap();
            writeln!(out, "{}\n{:?}", loaded.explanation, loaded.explanation).unwrap();
            for entry in loaded.explanation.entries() {
                writeln!(out, "{entry:?} {:?}", entry.value).unwrap();
            }
            for warning in &loaded.warnings {
                write_problem(&mut out, warning);
            }
            writeln!(
                out,
                "{:?} {:?} {:?} {:?}",
                v.api_key, v.token, v.pin, v.keys
            )
            .unwrap();
            writeln!(out, "{:?}", v.api_key.source()).unwrap();
        }
        Err(err) => {
            writeln!(out, "{err}\n{err:?}\n{err:#?}").unwrap();
            for problem in err.problems().iter().chain(err.warnings()) {
                write_problem(&mut out, problem);
            }
        }
    }
    out
}

fn write_problem(out: &mut String, p: &strata::Problem) {
    writeln!(
        out,
        "{p}\n{p:?}\n{}|{:?}|{}|{:?}|{:?}|{:?}",
        p.path(),
        p.kind(),
        p.message(),
        p.value(),
        p.origin().map(ToString::to_string),
        p.hint()
    )
    .unwrap();
}

/// Loads in both a lax and the strict profile, with `load_report`, `load` and
/// `explain`, and checks that no canary shows anywhere. Returns the rendered texts.
fn check(
    canaries: &[&str],
    project: &Project,
    env: &[(&str, String)],
    adjust: impl Fn(strata::Loader<Vault>) -> strata::Loader<Vault>,
) -> Vec<String> {
    let texts = render_all(project, env, adjust);
    for (text, profile) in
        texts
            .iter()
            .zip(["development", "development", "production", "production"])
    {
        for canary in canaries {
            assert!(
                !text.contains(canary),
                "canary {canary:?} leaked (profile {profile}):\n{text}"
            );
            let lower = canary.to_ascii_lowercase();
            assert!(
                !text.to_ascii_lowercase().contains(&lower),
                "canary {canary:?} leaked in another case:\n{text}"
            );
        }
    }
    texts
}

/// Everything the loads show: development and production, each with and without `.env`.
fn render_all(
    project: &Project,
    env: &[(&str, String)],
    adjust: impl Fn(strata::Loader<Vault>) -> strata::Loader<Vault>,
) -> Vec<String> {
    let mut texts = Vec::new();
    for profile in ["development", "production"] {
        for dotenv_in_strict in [false, true] {
            let loader = || {
                adjust(
                    Vault::loader()
                        .dir(project.path())
                        .profile(profile)
                        .dotenv_in_strict(dotenv_in_strict)
                        .env_vars(env.iter().map(|(k, v)| (k.to_string(), v.clone()))),
                )
            };
            let report = loader().load_report();
            let mut text = rendered(&report);
            match loader().explain() {
                Ok(explanation) => writeln!(text, "{explanation}\n{explanation:?}").unwrap(),
                Err(err) => writeln!(text, "{err}\n{err:?}").unwrap(),
            }
            match loader().load() {
                Ok(v) => writeln!(text, "{v}\n{v:?}").unwrap(),
                Err(err) => writeln!(text, "{err}\n{err:?}").unwrap(),
            }
            texts.push(text);
        }
    }
    texts
}

fn no_env() -> Vec<(&'static str, String)> {
    Vec::new()
}

fn same<T>(loader: T) -> T {
    loader
}

#[test]
fn the_search_sees_plain_values() {
    // The same rendering shows non-secret values, so a leak would be caught.
    let project = Project::new();
    project.write("config.toml", "[db]\nhost = \"PLAIN-file-h0st\"\n");
    let texts = render_all(
        &project,
        &[
            ("CAN_API_KEY", "k".to_string()),
            ("CAN_PORT", "PLAIN-bad-p0rt".to_string()),
        ],
        same,
    );
    assert!(texts[0].contains("PLAIN-bad-p0rt"), "{}", texts[0]);
    let texts = render_all(&project, &[("CAN_API_KEY", "k".to_string())], same);
    assert!(texts[0].contains("PLAIN-file-h0st"), "{}", texts[0]);
}

#[test]
fn default_in_code() {
    let project = Project::new();
    let texts = check(&["CANARY-default-d3f4ult"], &project, &no_env(), same);
    // The strict profile rejected it (and said so without the value).
    assert!(texts[2].contains("a secret may not come from a default"));
    // The lax profile loaded it and redacted it.
    assert!(texts[0].contains("api_key = [REDACTED]"), "{}", texts[0]);
}

#[test]
fn toml_file() {
    let project = Project::new();
    project.write(
        "config.toml",
        "api_key = \"CANARY-toml-k3y\"\ntoken = \"CANARY-toml-t0ken\"\nkeys = [\"CANARY-toml-l1st\"]\nalias = \"CANARY-toml-al1as\"\n[db]\npassword = \"CANARY-toml-pw\"\n",
    );
    let texts = check(
        &[
            "CANARY-toml-k3y",
            "CANARY-toml-t0ken",
            "CANARY-toml-l1st",
            "CANARY-toml-al1as",
            "CANARY-toml-pw",
        ],
        &project,
        &no_env(),
        same,
    );
    assert!(texts[2].contains("a secret may not be kept in a plain config file"));
}

#[cfg(feature = "json")]
#[test]
fn json_file() {
    let project = Project::new();
    project.write(
        "c.json",
        r#"{"api_key": "CANARY-json-k3y", "keys": ["CANARY-json-l1st"], "db": {"password": "CANARY-json-pw"}, "pin": 1234}"#,
    );
    check(
        &[
            "CANARY-json-k3y",
            "CANARY-json-l1st",
            "CANARY-json-pw",
            "1234",
        ],
        &project,
        &no_env(),
        |l| l.file("c.json"),
    );
}

#[cfg(feature = "yaml")]
#[test]
fn yaml_file() {
    let project = Project::new();
    project.write(
        "c.yaml",
        "api_key: CANARY-yaml-k3y\nkeys: [CANARY-yaml-l1st]\ndb:\n  password: CANARY-yaml-pw\n",
    );
    check(
        &["CANARY-yaml-k3y", "CANARY-yaml-l1st", "CANARY-yaml-pw"],
        &project,
        &no_env(),
        |l| l.file("c.yaml"),
    );
}

#[test]
fn dotenv_files() {
    let project = Project::new();
    project.write(
        ".env",
        "CAN_API_KEY=CANARY-dotenv-k3y\nCAN_KEYS=CANARY-dotenv-a,CANARY-dotenv-b\n",
    );
    project.write(".env.development", "CAN_TOKEN='CANARY-dotenv-t0ken'\n");
    project.write(".env.local", "CAN_DB__PASSWORD=\"CANARY-dotenv-pw\"\n");
    check(
        &[
            "CANARY-dotenv-k3y",
            "CANARY-dotenv-a",
            "CANARY-dotenv-b",
            "CANARY-dotenv-t0ken",
            "CANARY-dotenv-pw",
        ],
        &project,
        &no_env(),
        same,
    );
}

#[test]
fn name_file_variables() {
    let project = Project::new();
    let key = project.write("k", "CANARY-file-k3y\n");
    let pw = project.write("p", "CANARY-file-pw");
    let env = vec![
        ("CAN_API_KEY_FILE", key.display().to_string()),
        ("CAN_DB__PASSWORD_FILE", pw.display().to_string()),
    ];
    check(&["CANARY-file-k3y", "CANARY-file-pw"], &project, &env, same);
}

#[test]
fn secrets_folder() {
    let project = Project::new();
    project.write("secrets/CAN_API_KEY", "CANARY-dir-k3y");
    project.write("secrets/db.password", "CANARY-dir-pw\n");
    project.write("secrets/alias", "CANARY-dir-al1as");
    check(
        &["CANARY-dir-k3y", "CANARY-dir-pw", "CANARY-dir-al1as"],
        &project,
        &no_env(),
        |l| l.secrets_dir("secrets"),
    );
}

#[test]
fn env_vars() {
    let project = Project::new();
    let env = vec![
        ("CAN_API_KEY", "CANARY-env-k3y".to_string()),
        ("CAN_KEYS", r#"["CANARY-env-l1st"]"#.to_string()),
        ("CAN_ALIAS", "CANARY-env-al1as".to_string()),
        ("CAN_DB__PASSWORD", "CANARY-env-pw".to_string()),
        ("CAN_PIN", "987654".to_string()),
    ];
    check(
        &[
            "CANARY-env-k3y",
            "CANARY-env-l1st",
            "CANARY-env-al1as",
            "CANARY-env-pw",
            "987654",
        ],
        &project,
        &env,
        same,
    );
}

#[test]
fn overrides() {
    let project = Project::new();
    check(
        &["CANARY-set-k3y", "CANARY-set-pw", "CANARY-set-l1st"],
        &project,
        &no_env(),
        |l| {
            l.set("api_key", "CANARY-set-k3y")
                .set("db.password", "CANARY-set-pw")
                .set("keys", vec!["CANARY-set-l1st"])
        },
    );
}

#[test]
fn wrong_typed_secrets_from_every_source() {
    let canary = "canary-not-a-number-XYZ";
    let project = Project::new();
    let texts = check(
        &[canary],
        &project,
        &[
            ("CAN_API_KEY", "k".to_string()),
            ("CAN_PIN", canary.to_string()),
        ],
        same,
    );
    assert!(
        texts[0].contains("pin: expected an integer"),
        "{}",
        texts[0]
    );

    project.write("config.toml", &format!("pin = \"{canary}\"\n"));
    check(&[canary], &project, &no_env(), same);
    project.write("config.toml", &format!("pin = [\"{canary}\"]\n"));
    check(&[canary], &project, &no_env(), same);
    project.write("config.toml", &format!("pin = {{ x = \"{canary}\" }}\n"));
    check(&[canary], &project, &no_env(), same);
    project.write("config.toml", "pin = 99999999999\n");
    check(&["99999999999"], &project, &no_env(), same);
    project.write("config.toml", &format!("keys = [\"ok\", [\"{canary}\"]]\n"));
    check(&[canary], &project, &no_env(), same);
    std::fs::remove_file(project.join("config.toml")).unwrap();

    project.write(".env", &format!("CAN_PIN={canary}\n"));
    check(&[canary], &project, &no_env(), same);
    std::fs::remove_file(project.join(".env")).unwrap();

    let file = project.write("pin.txt", canary);
    check(
        &[canary],
        &project,
        &[("CAN_PIN_FILE", file.display().to_string())],
        same,
    );
    project.write("secrets/CAN_PIN", canary);
    check(&[canary], &project, &no_env(), |l| l.secrets_dir("secrets"));
    check(&[canary], &project, &no_env(), |l| l.set("pin", canary));
    check(&[canary], &project, &no_env(), |l| {
        l.set("pin", vec![canary, canary])
    });
    check(&["-12345"], &project, &no_env(), |l| l.set("pin", -12345));
}

#[test]
fn secrets_in_malformed_toml() {
    let canary = "CANARY-broken-t0ml";
    let bodies = [
        format!("api_key = \"{canary}\nport = 1\n"),
        format!("api_key = {canary}\n"),
        format!("api_key = '{canary}\n"),
        format!("{canary}\n"),
        format!("api_key = \"\"\"{canary}\n"),
        format!("api_key = [\"{canary}\"\n"),
        format!("api_key = {{ v = \"{canary}\"\n"),
        format!("port = 1\napi_key = \"{canary}\" trailing\n"),
        format!("api_key = \"{canary}\"\napi_key = \"{canary}\"\n"),
        format!("[db]\npassword = \"{canary}\\q\"\n"),
    ];
    for body in &bodies {
        let project = Project::new();
        project.write("config.toml", body);
        let texts = check(&[canary], &project, &no_env(), same);
        assert!(texts[0].contains("invalid TOML"), "{body}: {}", texts[0]);
    }
}

#[test]
fn secrets_in_malformed_dotenv() {
    let canary = "CANARY-broken-d0tenv";
    let bodies = [
        format!("CAN_API_KEY=\"{canary}\n"),
        format!("CAN_API_KEY='{canary}\n"),
        format!("CAN_API_KEY={canary} with spaces\n"),
        format!("{canary}\n"),
        format!("CAN PORT=1\nCAN_API_KEY={canary}\n"),
        format!("CAN_API_KEY=${{{canary}\n"),
    ];
    for body in &bodies {
        let project = Project::new();
        project.write(".env", body);
        check(&[canary], &project, &no_env(), same);
    }
}

#[cfg(feature = "json")]
#[test]
fn secrets_in_malformed_json() {
    let canary = "CANARY-broken-js0n";
    for body in [
        format!("{{\"api_key\": \"{canary}"),
        format!("{{\"api_key\": {canary}}}"),
        format!("{{\"api_key\": \"{canary}\",}}"),
        format!("[\"{canary}\"]"),
        format!("\"{canary}\""),
    ] {
        let project = Project::new();
        project.write("c.json", &body);
        check(&[canary], &project, &no_env(), |l| l.file("c.json"));
    }
}

#[cfg(feature = "yaml")]
#[test]
fn secrets_in_malformed_yaml() {
    let canary = "CANARY-broken-yam1";
    for body in [
        format!("api_key: \"{canary}\n"),
        format!("api_key: [{canary}\n"),
        format!("api_key: {canary}\n  bad: indent\n"),
        format!("- {canary}\n"),
        format!("api_key: &a {canary}\ntoken: *b\n"),
        format!("{canary}\n"),
    ] {
        let project = Project::new();
        project.write("c.yaml", &body);
        check(&[canary], &project, &no_env(), |l| l.file("c.yaml"));
    }
}

#[test]
fn misspelt_secret_names_do_not_show_their_values() {
    let project = Project::new();
    project.write("config.toml", "api_kee = \"CANARY-typo-f1le\"\n");
    let texts = check(
        &["CANARY-typo-f1le", "CANARY-typo-env"],
        &project,
        &[("CAN_API_KEEY", "CANARY-typo-env".to_string())],
        same,
    );
    assert!(texts[0].contains("did you mean `api_key`?"), "{}", texts[0]);
    assert!(
        texts[0].contains("did you mean CAN_API_KEY?"),
        "{}",
        texts[0]
    );
    check(&["CANARY-typo-set"], &project, &no_env(), |l| {
        l.set("api_kee", "CANARY-typo-set")
    });
}

/// Captures every tracing event and span field as text.
struct Capture(Arc<Mutex<String>>);

struct Fields<'a>(&'a Mutex<String>);

impl tracing::field::Visit for Fields<'_> {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        let mut out = self.0.lock().unwrap();
        writeln!(out, "{}={value:?}", field.name()).unwrap();
    }
}

impl tracing::Subscriber for Capture {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        span.record(&mut Fields(&self.0));
        tracing::span::Id::from_u64(1)
    }
    fn record(&self, _: &tracing::span::Id, values: &tracing::span::Record<'_>) {
        values.record(&mut Fields(&self.0));
    }
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, event: &tracing::Event<'_>) {
        event.record(&mut Fields(&self.0));
    }
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

#[test]
fn logs_never_contain_secrets() {
    let log = Arc::new(Mutex::new(String::new()));
    let project = Project::new();
    project.write("secrets/db.password", "CANARY-log-pw");
    tracing::subscriber::with_default(Capture(log.clone()), || {
        let cfg = Vault::loader()
            .dir(project.path())
            .secrets_dir("secrets")
            .env_vars([
                ("CAN_API_KEY", "CANARY-log-k3y"),
                ("CAN_API_KEEY", "CANARY-log-typo"),
            ])
            .load()
            .unwrap();
        // Exposing a secret is audited: the event names the key, not the value.
        assert_eq!(cfg.api_key.expose_secret(), "CANARY-log-k3y");
        let pw = cfg.db.password.as_ref().unwrap();
        assert_eq!(pw.expose_secret(), "CANARY-log-pw");
    });
    let log = log.lock().unwrap();
    // The load logged its warning, so the capture works.
    assert!(log.contains("unknown variable CAN_API_KEEY"), "{log}");
    for canary in ["CANARY-log-k3y", "CANARY-log-typo", "CANARY-log-pw"] {
        assert!(!log.contains(canary), "{canary} in the log:\n{log}");
    }
}

mod validation {
    use super::common::Project;
    use strata::{ExposeSecret, SecretString, Settings};

    /// A custom rule that would echo the value if Strata let it.
    fn echoes(value: &SecretString) -> Result<(), String> {
        Err(format!("rejected {}", value.expose_secret()))
    }

    #[derive(Debug, Settings)]
    #[settings(prefix = "VC", file = "app.toml", strict(production))]
    struct Guarded {
        #[settings(min_length = 64, pattern = "[0-9]+", custom = echoes)]
        token: SecretString,
        #[settings(max_length = 4, url(schemes("postgres")))]
        database_url: SecretString,
        #[settings(min_length = 3)]
        keys: Vec<SecretString>,
        #[settings(required_in(production), default = "CANARY-dflt-val1d")]
        signing: SecretString,
    }

    /// Every validation rule fails on a secret, from env and from a file, in a
    /// lax and a strict profile: no message, value, hint or origin shows it.
    #[test]
    fn failing_rules_never_show_secret_values() {
        let canaries = [
            "CANARY-tok-v4l1d",
            "CANARY-url-p4ss",
            "CANARY-k3y-one",
            "CANARY-dflt-val1d",
        ];
        let project = Project::new();
        project.write(
            "app.toml",
            "token = \"CANARY-tok-v4l1d\"\ndatabase_url = \"mysql://u:CANARY-url-p4ss@db/app\"\n",
        );
        for profile in ["development", "production"] {
            for from_env in [false, true] {
                let mut env = vec![("VC_KEYS", "CANARY-k3y-one".to_string())];
                if from_env {
                    env.push(("VC_TOKEN", "CANARY-tok-v4l1d".to_string()));
                    env.push((
                        "VC_DATABASE_URL",
                        "mysql://u:CANARY-url-p4ss@db/app".to_string(),
                    ));
                }
                let err = Guarded::loader()
                    .dir(project.path())
                    .profile(profile)
                    .env_vars(env)
                    .load()
                    .expect_err("every rule fails");
                let mut text = format!("{err}\n{err:?}\n{err:#?}\n");
                for p in err.problems() {
                    text.push_str(&format!(
                        "{p}|{}|{:?}|{:?}|{:?}\n",
                        p.message(),
                        p.value(),
                        p.hint(),
                        p.origin().map(ToString::to_string)
                    ));
                    assert_eq!(p.value(), None, "{p}");
                }
                assert!(err.problems().len() >= 5, "{err}");
                for canary in canaries {
                    assert!(
                        !text.contains(canary),
                        "{canary} leaked ({profile}, env {from_env}):\n{text}"
                    );
                }
            }
        }
    }
}
