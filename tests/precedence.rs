//! The order of precedence: one key set by every source, the top one removed at a time.

mod common;

use std::path::PathBuf;

use common::Project;
use strata::{Origin, Settings, Source};

#[derive(Debug, Settings)]
#[settings(
    prefix = "APP",
    file = "config/default.toml",
    file = "config/{profile}.toml",
    dotenv
)]
struct Config {
    #[settings(default = "default", profile(development = "profile-default"))]
    value: String,
}

/// Every source of `value`, lowest precedence first.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Layer {
    Default,
    ProfileDefault,
    DefaultFile,
    ProfileFile,
    Dotenv,
    DotenvProfile,
    DotenvLocal,
    SecretsDir,
    NameFile,
    Env,
    Override,
}

const LAYERS: [Layer; 11] = [
    Layer::Default,
    Layer::ProfileDefault,
    Layer::DefaultFile,
    Layer::ProfileFile,
    Layer::Dotenv,
    Layer::DotenvProfile,
    Layer::DotenvLocal,
    Layer::SecretsDir,
    Layer::NameFile,
    Layer::Env,
    Layer::Override,
];

/// Loads `value` with the given layers present, in the given profile.
fn load_with(layers: &[Layer], order: Option<[Source; 6]>) -> (String, Origin) {
    let project = Project::new();
    let mut env: Vec<(String, String)> = Vec::new();
    // The profile default exists in code for `development` only.
    let profile = if layers.contains(&Layer::ProfileDefault) {
        "development"
    } else {
        "staging"
    };
    for layer in layers {
        match layer {
            // Always present in code; chosen by the profile below.
            Layer::Default | Layer::ProfileDefault => {}
            Layer::DefaultFile => {
                project.write("config/default.toml", "value = \"default-file\"\n");
            }
            Layer::ProfileFile => {
                project.write(
                    &format!("config/{profile}.toml"),
                    "\nvalue = \"profile-file\"\n",
                );
            }
            Layer::Dotenv => {
                project.write(".env", "APP_VALUE=dotenv\n");
            }
            Layer::DotenvProfile => {
                project.write(&format!(".env.{profile}"), "APP_VALUE=dotenv-profile\n");
            }
            Layer::DotenvLocal => {
                project.write(".env.local", "APP_VALUE=dotenv-local\n");
            }
            Layer::SecretsDir => {
                project.write("secrets/APP_VALUE", "secrets-dir\n");
            }
            Layer::NameFile => {
                let path = project.write("elsewhere/value.txt", "name-file");
                env.push(("APP_VALUE_FILE".into(), path.display().to_string()));
            }
            Layer::Env => env.push(("APP_VALUE".into(), "env".into())),
            Layer::Override => {}
        }
    }
    let mut loader = Config::loader()
        .dir(project.path())
        .profile(profile)
        .secrets_dir("secrets")
        .env_vars(env);
    if layers.contains(&Layer::Override) {
        loader = loader.set("value", "override");
    }
    if let Some(order) = order {
        loader = loader.precedence(order);
    }
    let loaded = loader.load_report().unwrap_or_else(|e| panic!("{e}"));
    let origin = loaded
        .explanation
        .get("value")
        .unwrap()
        .origin
        .clone()
        .unwrap();
    (loaded.value.value, origin)
}

/// The value and origin that `layer` gives (profile `development`).
fn expected(layer: Layer) -> (&'static str, fn(&Origin) -> bool) {
    match layer {
        Layer::Default => ("default", |o| *o == Origin::Default),
        Layer::ProfileDefault => ("profile-default", |o| {
            *o == Origin::ProfileDefault {
                profile: "development".into(),
            }
        }),
        Layer::DefaultFile => ("default-file", |o| {
            *o == Origin::File {
                path: PathBuf::from("config/default.toml"),
                line: Some(1),
            }
        }),
        Layer::ProfileFile => ("profile-file", |o| {
            *o == Origin::File {
                path: PathBuf::from("config/development.toml"),
                line: Some(2),
            }
        }),
        Layer::Dotenv => ("dotenv", |o| {
            *o == Origin::Dotenv {
                path: PathBuf::from(".env"),
                line: Some(1),
            }
        }),
        Layer::DotenvProfile => ("dotenv-profile", |o| {
            *o == Origin::Dotenv {
                path: PathBuf::from(".env.development"),
                line: Some(1),
            }
        }),
        Layer::DotenvLocal => ("dotenv-local", |o| {
            *o == Origin::Dotenv {
                path: PathBuf::from(".env.local"),
                line: Some(1),
            }
        }),
        Layer::SecretsDir => (
            "secrets-dir",
            |o| matches!(o, Origin::SecretFile { path, var: None } if path.ends_with("secrets/APP_VALUE")),
        ),
        Layer::NameFile => ("name-file", |o| {
            matches!(o, Origin::SecretFile { path, var: Some(var) }
                if path.ends_with("elsewhere/value.txt") && var == "APP_VALUE_FILE")
        }),
        Layer::Env => ("env", |o| {
            *o == Origin::Env {
                var: "APP_VALUE".into(),
            }
        }),
        Layer::Override => ("override", |o| *o == Origin::Override),
    }
}

#[test]
fn each_source_beats_every_lower_one() {
    // All sources present; remove the top one at a time and watch the next one win.
    for top in (0..LAYERS.len()).rev() {
        let present = &LAYERS[..=top];
        let (value, origin) = load_with(present, None);
        let (want, origin_ok) = expected(LAYERS[top]);
        assert_eq!(value, want, "with {present:?}");
        assert!(
            origin_ok(&origin),
            "{:?} has origin {origin:?}",
            LAYERS[top]
        );
    }
}

#[test]
fn a_lone_source_wins_over_the_defaults() {
    for layer in &LAYERS[2..] {
        let (value, _) = load_with(&[Layer::Default, Layer::ProfileDefault, *layer], None);
        assert_eq!(value, expected(*layer).0, "{layer:?}");
    }
}

#[test]
fn profile_default_applies_only_to_its_profile() {
    let (value, origin) = load_with(&[Layer::Default], None);
    assert_eq!(value, "default");
    assert_eq!(origin, Origin::Default);
}

#[test]
fn reversed_order_makes_defaults_win() {
    let reversed = [
        Source::Overrides,
        Source::Env,
        Source::SecretFiles,
        Source::Dotenv,
        Source::Files,
        Source::Defaults,
    ];
    let (value, _) = load_with(&LAYERS, Some(reversed));
    assert_eq!(value, "profile-default");
    let (value, origin) = load_with(
        &[
            Layer::Default,
            Layer::DefaultFile,
            Layer::Env,
            Layer::Override,
        ],
        Some(reversed),
    );
    assert_eq!(value, "default");
    assert_eq!(origin, Origin::Default);
}

#[test]
fn files_can_be_placed_above_env_vars() {
    let order = [
        Source::Defaults,
        Source::Dotenv,
        Source::SecretFiles,
        Source::Env,
        Source::Files,
        Source::Overrides,
    ];
    let (value, origin) = load_with(
        &[
            Layer::Default,
            Layer::ProfileDefault,
            Layer::DefaultFile,
            Layer::ProfileFile,
            Layer::Dotenv,
            Layer::SecretsDir,
            Layer::Env,
        ],
        Some(order),
    );
    assert_eq!(value, "profile-file");
    assert!(matches!(origin, Origin::File { .. }));
    // Overrides still come last in this order.
    let (value, _) = load_with(&LAYERS, Some(order));
    assert_eq!(value, "override");
}

#[test]
fn dotenv_above_env_in_a_custom_order() {
    let order = [
        Source::Defaults,
        Source::Files,
        Source::SecretFiles,
        Source::Env,
        Source::Dotenv,
        Source::Overrides,
    ];
    let (value, _) = load_with(
        &[
            Layer::Default,
            Layer::ProfileDefault,
            Layer::Dotenv,
            Layer::Env,
        ],
        Some(order),
    );
    assert_eq!(value, "dotenv");
}

#[test]
fn an_incomplete_order_is_an_error() {
    for order in [
        vec![Source::Defaults, Source::Env],
        vec![
            Source::Defaults,
            Source::Defaults,
            Source::Files,
            Source::Dotenv,
            Source::SecretFiles,
            Source::Env,
        ],
        vec![
            Source::Defaults,
            Source::Files,
            Source::Dotenv,
            Source::SecretFiles,
            Source::Env,
            Source::Overrides,
            Source::Env,
        ],
    ] {
        let err = Config::loader()
            .env_vars(Vec::<(String, String)>::new())
            .without_declared_files()
            .precedence(order.clone())
            .load()
            .unwrap_err();
        assert_eq!(err.problems().len(), 1, "{order:?}");
        assert_eq!(
            err.problems()[0].message(),
            "the order of precedence must name each source exactly once"
        );
        assert_eq!(
            err.problems()[0].hint(),
            Some("the default order is [Defaults, Files, Dotenv, SecretFiles, Env, Overrides]")
        );
    }
}

#[test]
fn later_declared_files_win_over_earlier_ones() {
    let project = Project::new();
    project.write("config/default.toml", "value = \"first\"\n");
    project.write("config/development.toml", "value = \"second\"\n");
    project.write("extra.toml", "value = \"third\"\n");
    let cfg = Config::loader()
        .dir(project.path())
        .env_vars(Vec::<(String, String)>::new())
        .load()
        .unwrap();
    assert_eq!(cfg.value, "second");
    let cfg = Config::loader()
        .dir(project.path())
        .file("extra.toml")
        .env_vars(Vec::<(String, String)>::new())
        .load()
        .unwrap();
    assert_eq!(cfg.value, "third");
}

#[test]
fn the_last_override_of_a_key_wins() {
    let cfg = Config::loader()
        .without_declared_files()
        .env_vars(Vec::<(String, String)>::new())
        .set("value", "one")
        .set("value", "two")
        .load()
        .unwrap();
    assert_eq!(cfg.value, "two");
}

mod file_variables {
    use super::common::Project;
    use strata::{ExposeSecret, Origin, SecretString, Settings, Source};

    #[derive(Debug, Settings)]
    #[settings(prefix = "FV")]
    struct Creds {
        password: SecretString,
    }

    /// A `{NAME}_FILE` variable beats the secrets folder whatever the order of passes.
    #[test]
    fn file_variable_beats_the_secrets_folder_in_any_order() {
        let p = Project::new();
        p.write("secrets/FV_PASSWORD", "from-folder\n");
        let named = p.write("named-password", "from-variable\n");
        let env = [("FV_PASSWORD_FILE".to_string(), named.display().to_string())];
        let orders = [
            Source::DEFAULT_ORDER.to_vec(),
            vec![
                Source::Defaults,
                Source::Files,
                Source::Dotenv,
                Source::Env,
                Source::SecretFiles,
                Source::Overrides,
            ],
        ];
        for order in orders {
            let creds = Creds::loader()
                .dir(p.path())
                .secrets_dir("secrets")
                .precedence(order.clone())
                .env_vars(env.clone())
                .load()
                .unwrap();
            assert_eq!(creds.password.expose_secret(), "from-variable", "{order:?}");
            assert!(matches!(
                creds.password.source().map(|s| &s.origin),
                Some(Origin::SecretFile { var: Some(_), .. })
            ));
        }
    }
}
