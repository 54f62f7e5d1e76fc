//! The settings-aware check against a real git repository.

mod common;

use common::{commit_all, init_repo};
use std::fs;
use std::path::PathBuf;
use strata_scan::check::{CheckKind, CheckSpec, check, run_check_command};

#[test]
fn check_reports_tracked_plaintext_env_files_and_loose_modes() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    init_repo(repo);
    fs::write(
        repo.join("app.toml"),
        "[server]\nport = 8080\n\n[database]\nuser = \"app\"\npassword = \"Zk3vP0qLx9Tn2mWb\"\n",
    )
    .unwrap();
    fs::write(
        repo.join("ok.toml"),
        "[database]\npassword = \"${DB_PASSWORD}\"\n",
    )
    .unwrap();
    fs::write(
        repo.join("app.json"),
        "{\n  \"api\": {\n    \"token\": \"q8Zr2LmX0pVb7TnKe4Wd\"\n  }\n}\n",
    )
    .unwrap();
    fs::write(
        repo.join(".env"),
        "APP_ENV=prod\nDATABASE_PASSWORD=Zk3vP0qLx9Tn2mWb\n",
    )
    .unwrap();
    fs::write(repo.join(".env.example"), "DATABASE_PASSWORD=changeme\n").unwrap();
    fs::write(repo.join(".gitignore"), "local.toml\n").unwrap();
    fs::write(
        repo.join("local.toml"),
        "[database]\npassword = \"Zk3vP0qLx9Tn2mWb\"\n",
    )
    .unwrap();
    let key = repo.join("id_ed25519");
    fs::write(&key, "key material\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&key, fs::Permissions::from_mode(0o644)).unwrap();
    }
    commit_all(repo, "config");

    let spec = CheckSpec {
        secret_keys: vec!["database.password".into(), "api.token".into()],
        secret_env_names: vec!["DATABASE_PASSWORD".into()],
        config_files: vec![
            PathBuf::from("app.toml"),
            PathBuf::from("ok.toml"),
            PathBuf::from("app.json"),
            PathBuf::from(".env"),
            repo.join("local.toml"),
        ],
        secret_files: vec![PathBuf::from("id_ed25519")],
        repo_root: repo.to_path_buf(),
    };
    let found = check(&spec);
    let summary: Vec<(CheckKind, String, Option<String>, Option<usize>)> = found
        .iter()
        .map(|f| (f.kind, f.file.display().to_string(), f.key.clone(), f.line))
        .collect();
    let mut expected = vec![
        (
            CheckKind::PlaintextSecret,
            "app.toml".to_string(),
            Some("database.password".to_string()),
            Some(6),
        ),
        (
            CheckKind::PlaintextSecret,
            "app.json".to_string(),
            Some("api.token".to_string()),
            Some(3),
        ),
        (
            CheckKind::PlaintextSecret,
            ".env".to_string(),
            Some("DATABASE_PASSWORD".to_string()),
            Some(2),
        ),
        (CheckKind::TrackedEnvFile, ".env".to_string(), None, None),
    ];
    if cfg!(unix) {
        expected.push((
            CheckKind::LoosePermissions,
            "id_ed25519".to_string(),
            None,
            None,
        ));
    }
    assert_eq!(summary, expected);
    for f in &found {
        assert!(
            !f.message.contains("Zk3vP0qLx9Tn2mWb") && !f.message.contains("q8Zr2LmX0pVb7TnKe4Wd")
        );
    }
    assert_eq!(
        run_check_command(&spec, ["--format".to_string(), "json".to_string()]),
        1
    );
    assert_eq!(run_check_command(&spec, ["--bogus".to_string()]), 2);

    let clean = CheckSpec {
        repo_root: repo.to_path_buf(),
        config_files: vec![PathBuf::from("ok.toml")],
        secret_keys: vec!["database.password".into()],
        ..CheckSpec::default()
    };
    // .env is still tracked, so fix that first.
    common::git(repo, &["rm", "-q", "--cached", ".env"]);
    fs::write(repo.join(".gitignore"), "local.toml\n.env\n").unwrap();
    commit_all(repo, "untrack .env");
    assert!(check(&clean).is_empty());
    assert_eq!(run_check_command(&clean, Vec::<String>::new()), 0);
}
