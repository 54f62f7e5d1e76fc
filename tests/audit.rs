//! The audit trail: exposures and loads of secrets are recorded through
//! `tracing` with the key path, origin and call site, never the value.

use std::sync::{Arc, Mutex};

use strata::audit::{self, AuditMode};
use strata::{ExposeSecret, SecretString, Settings};
use tracing::field::{Field, Visit};
use tracing::{Event, Subscriber};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};

/// One recorded event: its target and fields as text.
#[derive(Debug, Clone)]
struct Recorded {
    target: String,
    fields: Vec<(String, String)>,
}

impl Recorded {
    fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Clone, Default)]
struct Recorder(Arc<Mutex<Vec<Recorded>>>);

struct Fields(Vec<(String, String)>);

impl Visit for Fields {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.push((
            field.name().to_string(),
            format!("{value:?}").trim_matches('"').to_string(),
        ));
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.push((field.name().to_string(), value.to_string()));
    }
}

impl<S: Subscriber> Layer<S> for Recorder {
    fn on_event(&self, event: &Event<'_>, _ctx: Context<'_, S>) {
        let mut fields = Fields(Vec::new());
        event.record(&mut fields);
        self.0.lock().unwrap().push(Recorded {
            target: event.metadata().target().to_string(),
            fields: fields.0,
        });
    }
}

#[derive(Debug, Settings)]
#[settings(prefix = "AUD")]
struct Service {
    api_key: SecretString,
    #[settings(nested)]
    db: Db,
}

#[derive(Debug, Settings)]
struct Db {
    password: SecretString,
    #[settings(default = "db")]
    host: String,
}

const CANARY: &str = "audit-canary-4f2e";

/// The audit mode is process-wide, so everything runs in one test.
#[test]
fn exposures_and_loads_are_audited_without_values() {
    let recorder = Recorder::default();
    let subscriber = tracing_subscriber::registry().with(recorder.clone());
    let dir = tempfile::tempdir().unwrap();
    let password_file = dir.path().join("db-password");
    std::fs::write(&password_file, format!("{CANARY}-db\n")).unwrap();

    tracing::subscriber::with_default(subscriber, || {
        audit::set_mode(AuditMode::FirstPerCallSite);
        let service = Service::loader()
            .env_vars([
                ("AUD_API_KEY", CANARY.to_string()),
                ("AUD_DB__PASSWORD_FILE", password_file.display().to_string()),
            ])
            .load()
            .unwrap();

        // Loading records which source supplied each secret.
        let loads: Vec<_> = events(&recorder, "secret_loaded");
        assert_eq!(loads.len(), 2, "{loads:?}");
        assert_eq!(loads[0].get("key"), Some("api_key"));
        assert_eq!(loads[0].get("origin"), Some("env AUD_API_KEY"));
        assert_eq!(loads[1].get("key"), Some("db.password"));
        assert!(
            loads[1].get("origin").is_some_and(
                |o| o.starts_with("secret file ") && o.ends_with("(via AUD_DB__PASSWORD_FILE)")
            ),
            "{loads:?}"
        );
        assert_eq!(
            service.api_key.source().map(|s| s.path.as_str()),
            Some("api_key")
        );

        // Exposing from one call site many times logs once and counts every time.
        let mut total = 0;
        for _ in 0..5 {
            total += service.api_key.expose_secret().len();
        }
        assert_eq!(total, 5 * CANARY.len());
        let line = line!() - 3;
        let exposed = events(&recorder, "secret_exposed");
        assert_eq!(exposed.len(), 1, "{exposed:?}");
        assert_eq!(exposed[0].target, "strata::audit");
        assert_eq!(exposed[0].get("key"), Some("api_key"));
        assert_eq!(exposed[0].get("origin"), Some("env AUD_API_KEY"));
        assert_eq!(exposed[0].get("file"), Some(file!()));
        assert_eq!(exposed[0].get("line"), Some(line.to_string().as_str()));
        let counted = audit::exposures()
            .into_iter()
            .find(|e| e.path == "api_key" && e.line == line)
            .expect("the call site is counted");
        assert_eq!(counted.count, 5);

        // A second call site is logged on its own.
        let _ = service.db.password.expose_secret();
        assert_eq!(events(&recorder, "secret_exposed").len(), 2);

        // Every: each exposure is logged.
        audit::set_mode(AuditMode::Every);
        for _ in 0..3 {
            let _ = service.db.password.expose_secret();
        }
        assert_eq!(events(&recorder, "secret_exposed").len(), 5);

        // Off: nothing is logged or counted.
        audit::set_mode(AuditMode::Off);
        let before = audit::exposures();
        let _ = service.api_key.expose_secret();
        assert_eq!(events(&recorder, "secret_exposed").len(), 5);
        assert_eq!(audit::exposures(), before);
        audit::set_mode(AuditMode::FirstPerCallSite);
    });

    let all = recorder.0.lock().unwrap().clone();
    let text = format!("{all:?}");
    assert!(
        !text.contains(CANARY),
        "a secret value reached the audit trail: {text}"
    );
}

fn events(recorder: &Recorder, kind: &str) -> Vec<Recorded> {
    recorder
        .0
        .lock()
        .unwrap()
        .iter()
        .filter(|e| e.get("event") == Some(kind))
        .cloned()
        .collect()
}
