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

mod from_settings {
    use super::common::{commit_all, init_repo};
    use std::fs;
    use std::path::PathBuf;
    use strata::{SecretString, Settings};
    use strata_scan::check::{CheckKind, CheckSpec, check};

    #[derive(Debug, Settings)]
    struct Database {
        #[settings(default = "localhost")]
        host: String,
        password: SecretString,
    }

    #[derive(Debug, Settings)]
    #[settings(
        prefix = "SHOP",
        file = "config/default.toml",
        file = "config/{profile}.toml",
        secrets_dir = "secrets"
    )]
    struct Shop {
        #[settings(default = 8080, profile(staging = 8081))]
        port: u16,
        #[settings(nested)]
        database: Database,
        api_key: SecretString,
    }

    /// The application's own schema tells the check which keys are secret and
    /// which files it reads, for every profile it names.
    #[test]
    fn the_schema_drives_the_check() {
        let dir = tempfile::tempdir().unwrap();
        let repo = dir.path();
        init_repo(repo);
        fs::create_dir_all(repo.join("config")).unwrap();
        fs::write(
            repo.join("config/default.toml"),
            "port = 80\n[database]\nhost = \"db\"\n",
        )
        .unwrap();
        fs::write(
            repo.join("config/staging.toml"),
            "[database]\npassword = \"Qm7xR2pL9vTz4wKc\"\n",
        )
        .unwrap();
        fs::write(repo.join(".env"), "SHOP_API_KEY=Vb8nM3qZ6tRx1yLp\n").unwrap();
        fs::create_dir_all(repo.join("secrets")).unwrap();
        let key_file = repo.join("secrets/SHOP_API_KEY");
        fs::write(&key_file, "from-file\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&key_file, fs::Permissions::from_mode(0o640)).unwrap();
        }
        commit_all(repo, "shop");

        let spec = CheckSpec::for_settings::<Shop>(repo);
        assert_eq!(spec.secret_keys, vec!["database.password", "api_key"]);
        assert_eq!(
            spec.secret_env_names,
            vec!["SHOP_DATABASE__PASSWORD", "SHOP_API_KEY"]
        );
        assert_eq!(
            spec.config_files,
            vec![
                PathBuf::from("config/default.toml"),
                PathBuf::from("config/development.toml"),
                PathBuf::from("config/staging.toml"),
                PathBuf::from("config/production.toml"),
            ]
        );
        assert_eq!(spec.secret_files, vec![key_file.clone()]);

        let findings = check(&spec);
        let kinds: Vec<(CheckKind, String, Option<String>)> = findings
            .iter()
            .map(|f| (f.kind, f.file.display().to_string(), f.key.clone()))
            .collect();
        assert!(
            kinds.contains(&(
                CheckKind::PlaintextSecret,
                "config/staging.toml".into(),
                Some("database.password".into())
            )),
            "{kinds:?}"
        );
        assert!(
            kinds
                .iter()
                .any(|(k, f, _)| *k == CheckKind::TrackedEnvFile && f == ".env"),
            "{kinds:?}"
        );
        #[cfg(unix)]
        assert!(
            kinds
                .iter()
                .any(|(k, _, _)| *k == CheckKind::LoosePermissions),
            "{kinds:?}"
        );
        let text = format!("{findings:?}");
        assert!(
            !text.contains("Qm7xR2pL9vTz4wKc") && !text.contains("Vb8nM3qZ6tRx1yLp"),
            "{text}"
        );
    }
}
