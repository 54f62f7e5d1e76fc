//! The optional `miette` rendering: source lines for file origins, never for secrets.
#![cfg(feature = "miette")]

mod common;

use common::Project;
use strata::{SecretString, Settings};

#[derive(Debug, Settings)]
#[settings(prefix = "MI", file = "app.toml")]
struct App {
    #[settings(range(min = 1))]
    port: u16,
    #[settings(min_length = 12)]
    token: SecretString,
    #[settings(default = "info", one_of("info", "debug"))]
    level: String,
}

fn render(diagnostic: &dyn miette::Diagnostic) -> String {
    let mut out = String::new();
    miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
        .with_width(100)
        .render_report(&mut out, diagnostic)
        .unwrap();
    out
}

#[test]
fn file_problems_quote_their_line_and_secrets_do_not() {
    let p = Project::new();
    p.write(
        "app.toml",
        "# service\nlevel = \"loud\"\nport = 0\ntoken = \"canary-tok\"\n",
    );
    let err = App::loader()
        .dir(p.path())
        .env_vars([("X", "y")])
        .load()
        .unwrap_err();
    let diagnostics = err.to_diagnostics();
    let lines: Vec<_> = diagnostics
        .problems()
        .iter()
        .map(|d| d.source_line())
        .collect();
    assert_eq!(
        lines,
        vec![
            Some(("app.toml", 2, "level = \"loud\"")),
            Some(("app.toml", 3, "port = 0")),
            None,
        ],
        "{err}"
    );
    let text = render(&diagnostics);
    assert!(
        text.contains("App could not be loaded (profile `development`): 3 problems"),
        "{text}"
    );
    assert!(
        text.contains("port: must be between") || text.contains("port: must be at least 1"),
        "{text}"
    );
    assert!(text.contains("3 │ port = 0"), "{text}");
    assert!(!text.contains("canary"), "{text}");
    assert!(
        !text.contains("# service"),
        "neighbouring lines are not quoted:\n{text}"
    );
}

#[test]
fn syntax_errors_are_not_quoted() {
    let p = Project::new();
    p.write("app.toml", "token = \"canary-unterminated\nport = 8\n");
    let err = App::loader()
        .dir(p.path())
        .env_vars([("X", "y")])
        .load()
        .unwrap_err();
    let text = render(&err.to_diagnostics());
    assert!(text.contains("invalid TOML"), "{text}");
    assert!(!text.contains("canary"), "{text}");
}

#[derive(Debug, Settings)]
#[settings(prefix = "MJ", file = "app.toml")]
struct Inline {
    #[settings(nested)]
    db: InlineDb,
}

#[derive(Debug, Settings)]
struct InlineDb {
    password: SecretString,
    #[settings(range(min = 1))]
    port: u16,
}

/// A problem on a line that also holds a secret (an inline table) is not quoted.
#[test]
fn lines_holding_a_secret_are_never_quoted() {
    let p = Project::new();
    p.write(
        "app.toml",
        "db = { password = \"canary-inline\", port = 0 }\n",
    );
    let err = Inline::loader()
        .dir(p.path())
        .env_vars([("X", "y")])
        .load()
        .unwrap_err();
    let diagnostics = err.to_diagnostics();
    assert_eq!(diagnostics.problems()[0].source_line(), None, "{err}");
    let text = render(&diagnostics);
    assert!(text.contains("db.port: must be at least 1"), "{text}");
    assert!(!text.contains("canary"), "{text}");
}
