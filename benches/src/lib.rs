//! The benchmark schema, its fixtures, and one load function per library and
//! scenario, shared by the criterion benches (`benches/load.rs`), the
//! allocation counter (`src/bin/allocs.rs`) and the sanity tests.
//!
//! The schema is declared once in [`schema!`] and expanded into one shape per
//! library:
//! - [`strata_shape`], with `#[derive(strata::Settings)]`;
//! - [`serde_shape`], with `#[derive(serde::Deserialize)]`, used by figment,
//!   config-rs, envy and the floor (a plain `toml::from_str`);
//! - [`confique_shape`], with `#[derive(confique::Config)]`.
//!
//! Strata converts `"30s"` to a `Duration` and `"a,b"` to a `Vec<String>`
//! by itself. The serde-based libraries get the same behaviour through two
//! small newtypes, [`HumanDuration`] and [`CommaList`], that the non-Strata
//! shapes use in place of `Duration` and `Vec<String>`; secrets there are
//! `secrecy::SecretString`. Everything else is the same Rust type.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use serde::de::{self, Deserializer, SeqAccess, Visitor};

pub mod fixtures;
pub mod load;

/// The environment variable prefix of the schema (`APP_SERVER__PORT`).
pub const PREFIX: &str = "APP";

/// The folder holding `config.toml` and `.env`.
pub fn fixtures_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures"))
}

/// The TOML fixture.
pub fn toml_path() -> PathBuf {
    fixtures_dir().join("config.toml")
}

/// The `.env` fixture.
pub fn dotenv_path() -> PathBuf {
    fixtures_dir().join(".env")
}

/// Declares the schema once and expands it into every library's shape.
///
/// Each section (`name: Type => "ENV_PREFIX__"`) becomes a nested struct;
/// each field line is
/// `name: Type (= default)? => "ENV_NAME" ([strata rules])?`. The env name is
/// written out because confique has no prefix and needs it per field; a test
/// checks that it equals the name Strata derives. The optional bracket holds
/// attributes that only the Strata shape gets (validation rules).
///
/// Types are matched as `Name` or `Name<Type>` rather than as one `ty`
/// fragment so that the derives see `Option<..>` as written: a `ty` fragment
/// reaches a derive as an invisible group, which `#[derive(Settings)]` does
/// not look into when it decides whether a field is optional.
macro_rules! schema {
    (
        $(
            $(#[$sdoc:meta])*
            $section:ident : $Section:ident => $envp:literal {
                $(
                    $(#[$fdoc:meta])*
                    $field:ident : $ty:ident $(<$arg:ty>)? $(= $def:expr)? => $env:literal $([$($rule:tt)*])?
                ),* $(,)?
            }
        )*
    ) => {
        /// The schema with `#[derive(strata::Settings)]`.
        pub mod strata_shape {
            #![allow(missing_docs)]
            use std::time::Duration;
            use strata::Settings;
            /// A list setting.
            pub type List = Vec<String>;
            /// A secret setting.
            pub type Secret = strata::SecretString;

            /// The root: every section nested under the `APP` prefix.
            #[derive(Debug, Settings)]
            #[settings(prefix = "APP", file = "config.toml", dotenv)]
            pub struct Root {
                $(
                    $(#[$sdoc])*
                    #[settings(nested)]
                    // `self::` gives the type a span from this macro: the derive names its
                    // locals with the field type's span, which breaks hygiene otherwise.
                    pub $section: self::$Section,
                )*
            }

            $(
                $(#[$sdoc])*
                #[derive(Debug, Settings)]
                pub struct $Section {
                    $(
                        $(#[$fdoc])*
                        $(#[settings(default = $def)])?
                        $(#[settings($($rule)*)])?
                        pub $field: $ty $(<$arg>)?,
                    )*
                }
            )*

            impl $crate::Render for Root {
                fn render(&self, out: &mut Vec<(&'static str, String)>) {
                    $($(
                        out.push((
                            concat!(stringify!($section), ".", stringify!($field)),
                            $crate::Show::show(&self.$section.$field),
                        ));
                    )*)*
                }
            }

            /// Every leaf of the schema, in declaration order.
            pub const FIELDS: &[$crate::FieldSpec] = &[
                $($(
                    $crate::FieldSpec {
                        section: stringify!($section),
                        key: stringify!($field),
                        env: $env,
                        value: <$ty $(<$arg>)? as $crate::fixtures::Synth>::value,
                    },
                )*)*
            ];
        }

        /// The schema with `#[derive(serde::Deserialize)]` (figment, config-rs, envy, floor).
        /// Defaults come from `Default`, through `#[serde(default)]`.
        pub mod serde_shape {
            #![allow(missing_docs)]
            use serde::Deserialize;
            /// A duration that accepts `"30s"`.
            pub type Duration = $crate::HumanDuration;
            /// A list that accepts an array or `"a,b"`.
            pub type List = $crate::CommaList;
            /// A secret setting.
            pub type Secret = secrecy::SecretString;

            /// The root.
            #[derive(Debug, Default, Deserialize)]
            #[serde(default)]
            pub struct Root {
                $( pub $section: $Section, )*
            }

            $(
                $(#[$sdoc])*
                #[derive(Debug, Deserialize)]
                #[serde(default)]
                pub struct $Section {
                    $( $(#[$fdoc])* pub $field: $ty $(<$arg>)?, )*
                }

                impl Default for $Section {
                    fn default() -> Self {
                        $Section {
                            $( $field: $crate::default_value!($ty $(<$arg>)? $(, $def)?), )*
                        }
                    }
                }
            )*

            impl $crate::Render for Root {
                fn render(&self, out: &mut Vec<(&'static str, String)>) {
                    $($(
                        out.push((
                            concat!(stringify!($section), ".", stringify!($field)),
                            $crate::Show::show(&self.$section.$field),
                        ));
                    )*)*
                }
            }

            /// envy has no nesting: one `from_env` per section, as envy users do it.
            pub fn envy_from_env() -> Result<Root, envy::Error> {
                Ok(Root {
                    $(
                        $section: envy::prefixed($envp).from_env()?,
                    )*
                })
            }

            /// [`envy_from_env`] over an injected set of variables.
            pub fn envy_from_iter(vars: &[(String, String)]) -> Result<Root, envy::Error> {
                Ok(Root {
                    $( $section: envy::prefixed($envp).from_iter(vars.iter().cloned())?, )*
                })
            }
        }

        /// The schema with `#[derive(confique::Config)]`; env names per field.
        pub mod confique_shape {
            #![allow(missing_docs)]
            use confique::Config;
            /// A duration that accepts `"30s"`.
            pub type Duration = $crate::HumanDuration;
            /// A list that accepts an array or `"a,b"`.
            pub type List = $crate::CommaList;
            /// A secret setting.
            pub type Secret = secrecy::SecretString;

            /// The root.
            #[derive(Debug, Config)]
            pub struct Root {
                $( #[config(nested)] pub $section: $Section, )*
            }

            $(
                $(#[$sdoc])*
                #[derive(Debug, Config)]
                pub struct $Section {
                    $(
                        $(#[$fdoc])*
                        $(#[config(default = $def)])?
                        #[config(env = $env)]
                        pub $field: $ty $(<$arg>)?,
                    )*
                }
            )*

            impl $crate::Render for Root {
                fn render(&self, out: &mut Vec<(&'static str, String)>) {
                    $($(
                        out.push((
                            concat!(stringify!($section), ".", stringify!($field)),
                            $crate::Show::show(&self.$section.$field),
                        ));
                    )*)*
                }
            }
        }
    };
}

/// `default = LIT` as a Rust value for the serde shapes' `Default` impls.
#[doc(hidden)]
#[macro_export]
macro_rules! default_value {
    ($ty:ty) => {
        ::std::default::Default::default()
    };
    ($ty:ty, $def:expr) => {
        <$ty as $crate::DefaultFrom<_>>::make($def)
    };
}

schema! {
    /// HTTP server.
    server: Server => "APP_SERVER__" {
        /// Address to bind.
        host: String = "0.0.0.0" => "APP_SERVER__HOST" [non_empty],
        /// Port to listen on.
        port: u16 = 8080 => "APP_SERVER__PORT" [range(min = 1, max = 65535)],
        max_connections: u32 = 1024 => "APP_SERVER__MAX_CONNECTIONS",
        tls: bool = false => "APP_SERVER__TLS",
        request_timeout: Duration = "30s" => "APP_SERVER__REQUEST_TIMEOUT",
        allowed_origins: List = "http://localhost" => "APP_SERVER__ALLOWED_ORIGINS",
        public_url: Option<String> => "APP_SERVER__PUBLIC_URL",
        worker_threads: Option<u32> => "APP_SERVER__WORKER_THREADS",
        load_factor: f64 = 0.75 => "APP_SERVER__LOAD_FACTOR",
        /// Signs session cookies.
        session_key: Secret => "APP_SERVER__SESSION_KEY" [min_length = 8],
        // Validation rules in a trailing bracket apply to the Strata shape only
        // (the other libraries do not validate).
    }
    /// Primary database.
    database: Database => "APP_DATABASE__" {
        url: String = "postgres://localhost/app" => "APP_DATABASE__URL" [non_empty],
        port: u16 = 5432 => "APP_DATABASE__PORT" [range(min = 1, max = 65535)],
        pool_size: u32 = 16 => "APP_DATABASE__POOL_SIZE" [range(min = 1)],
        ssl: bool = true => "APP_DATABASE__SSL",
        connect_timeout: Duration = "5s" => "APP_DATABASE__CONNECT_TIMEOUT",
        replicas: List = "replica-a" => "APP_DATABASE__REPLICAS",
        schema: Option<String> => "APP_DATABASE__SCHEMA",
        statement_cache: Option<u32> => "APP_DATABASE__STATEMENT_CACHE",
        retry_backoff: f64 = 1.5 => "APP_DATABASE__RETRY_BACKOFF",
        password: Secret => "APP_DATABASE__PASSWORD",
    }
    /// Cache.
    cache: Cache => "APP_CACHE__" {
        backend: String = "memory" => "APP_CACHE__BACKEND" [min_length = 1],
        port: u16 = 6379 => "APP_CACHE__PORT" [range(min = 1, max = 65535)],
        max_entries: u64 = 100000 => "APP_CACHE__MAX_ENTRIES",
        compress: bool = false => "APP_CACHE__COMPRESS",
        ttl: Duration = "10m" => "APP_CACHE__TTL",
        namespaces: List = "default" => "APP_CACHE__NAMESPACES",
        cluster_name: Option<String> => "APP_CACHE__CLUSTER_NAME",
        shards: Option<u32> => "APP_CACHE__SHARDS",
        hit_ratio_target: f64 = 0.9 => "APP_CACHE__HIT_RATIO_TARGET" [range(min = 0.0)],
        auth_token: Secret => "APP_CACHE__AUTH_TOKEN",
    }
    /// Authentication.
    auth: Auth => "APP_AUTH__" {
        issuer: String = "strata" => "APP_AUTH__ISSUER",
        port: u16 = 9000 => "APP_AUTH__PORT",
        token_lifetime_secs: u64 = 3600 => "APP_AUTH__TOKEN_LIFETIME_SECS",
        mfa_required: bool = false => "APP_AUTH__MFA_REQUIRED",
        refresh_window: Duration = "15m" => "APP_AUTH__REFRESH_WINDOW",
        audiences: List = "web,mobile" => "APP_AUTH__AUDIENCES",
        jwks_url: Option<String> => "APP_AUTH__JWKS_URL",
        max_sessions: Option<u32> => "APP_AUTH__MAX_SESSIONS",
        clock_skew_secs: i64 = 30 => "APP_AUTH__CLOCK_SKEW_SECS",
        signing_key: Secret => "APP_AUTH__SIGNING_KEY",
    }
    /// Logging.
    logging: Logging => "APP_LOGGING__" {
        format: String = "json" => "APP_LOGGING__FORMAT",
        syslog_port: u16 = 514 => "APP_LOGGING__SYSLOG_PORT",
        buffer_size: u32 = 8192 => "APP_LOGGING__BUFFER_SIZE",
        color: bool = false => "APP_LOGGING__COLOR",
        flush_interval: Duration = "1s" => "APP_LOGGING__FLUSH_INTERVAL",
        targets: List = "stdout" => "APP_LOGGING__TARGETS",
        file: Option<String> => "APP_LOGGING__FILE",
        max_files: Option<u32> => "APP_LOGGING__MAX_FILES",
        sample_rate: f64 = 1.0 => "APP_LOGGING__SAMPLE_RATE",
        sentry_dsn: Secret => "APP_LOGGING__SENTRY_DSN",
    }
    /// Metrics.
    metrics: Metrics => "APP_METRICS__" {
        endpoint: String = "/metrics" => "APP_METRICS__ENDPOINT",
        port: u16 = 9090 => "APP_METRICS__PORT",
        histogram_buckets: u32 = 12 => "APP_METRICS__HISTOGRAM_BUCKETS",
        enabled: bool = true => "APP_METRICS__ENABLED",
        scrape_interval: Duration = "15s" => "APP_METRICS__SCRAPE_INTERVAL",
        labels: List = "service,env" => "APP_METRICS__LABELS",
        push_gateway: Option<String> => "APP_METRICS__PUSH_GATEWAY",
        max_series: Option<u32> => "APP_METRICS__MAX_SERIES",
        quantile: f64 = 0.99 => "APP_METRICS__QUANTILE",
        api_key: Secret => "APP_METRICS__API_KEY",
    }
    /// Job queue.
    queue: Queue => "APP_QUEUE__" {
        broker: String = "amqp" => "APP_QUEUE__BROKER",
        port: u16 = 5672 => "APP_QUEUE__PORT",
        prefetch: u32 = 32 => "APP_QUEUE__PREFETCH",
        durable: bool = true => "APP_QUEUE__DURABLE",
        ack_timeout: Duration = "30s" => "APP_QUEUE__ACK_TIMEOUT",
        topics: List = "events,jobs" => "APP_QUEUE__TOPICS",
        dead_letter: Option<String> => "APP_QUEUE__DEAD_LETTER",
        max_retries: Option<u32> => "APP_QUEUE__MAX_RETRIES",
        backoff_factor: f64 = 2.0 => "APP_QUEUE__BACKOFF_FACTOR",
        password: Secret => "APP_QUEUE__PASSWORD",
    }
    /// Object storage.
    storage: Storage => "APP_STORAGE__" {
        bucket: String = "app-data" => "APP_STORAGE__BUCKET",
        port: u16 = 9001 => "APP_STORAGE__PORT",
        part_size_mb: u32 = 8 => "APP_STORAGE__PART_SIZE_MB",
        versioning: bool = false => "APP_STORAGE__VERSIONING",
        upload_timeout: Duration = "2m" => "APP_STORAGE__UPLOAD_TIMEOUT",
        regions: List = "eu-west-1" => "APP_STORAGE__REGIONS",
        endpoint_override: Option<String> => "APP_STORAGE__ENDPOINT_OVERRIDE",
        max_parallel: Option<u32> => "APP_STORAGE__MAX_PARALLEL",
        cost_limit: f64 = 100.0 => "APP_STORAGE__COST_LIMIT",
        secret_key: Secret => "APP_STORAGE__SECRET_KEY",
    }
    /// Outgoing mail.
    mailer: Mailer => "APP_MAILER__" {
        sender: String = "noreply@example.com" => "APP_MAILER__SENDER",
        smtp_port: u16 = 587 => "APP_MAILER__SMTP_PORT",
        rate_limit: u32 = 100 => "APP_MAILER__RATE_LIMIT",
        starttls: bool = true => "APP_MAILER__STARTTLS",
        send_timeout: Duration = "20s" => "APP_MAILER__SEND_TIMEOUT",
        bcc: List = "audit@example.com" => "APP_MAILER__BCC",
        reply_to: Option<String> => "APP_MAILER__REPLY_TO",
        daily_quota: Option<u32> => "APP_MAILER__DAILY_QUOTA",
        bounce_threshold: f64 = 0.05 => "APP_MAILER__BOUNCE_THRESHOLD",
        smtp_password: Secret => "APP_MAILER__SMTP_PASSWORD",
    }
    /// Feature flags.
    features: Features => "APP_FEATURES__" {
        flags_source: String = "static" => "APP_FEATURES__FLAGS_SOURCE",
        admin_port: u16 = 8081 => "APP_FEATURES__ADMIN_PORT",
        rollout_percent: u32 = 0 => "APP_FEATURES__ROLLOUT_PERCENT",
        beta: bool = false => "APP_FEATURES__BETA",
        refresh_interval: Duration = "1m" => "APP_FEATURES__REFRESH_INTERVAL",
        enabled_flags: List = "search,export" => "APP_FEATURES__ENABLED_FLAGS",
        experiment: Option<String> => "APP_FEATURES__EXPERIMENT",
        cohort_size: Option<u32> => "APP_FEATURES__COHORT_SIZE",
        kill_switch_ratio: f64 = 0.0 => "APP_FEATURES__KILL_SWITCH_RATIO",
        webhook_secret: Secret => "APP_FEATURES__WEBHOOK_SECRET",
    }
}

/// One leaf of the schema, for the fixture generator and the tests.
#[derive(Debug, Clone, Copy)]
pub struct FieldSpec {
    /// The section (`server`).
    pub section: &'static str,
    /// The key in the section (`port`).
    pub key: &'static str,
    /// The env var name (`APP_SERVER__PORT`).
    pub env: &'static str,
    /// Synthesizes a value of the field's type for a fixture.
    pub value: fn(&fixtures::Seed) -> fixtures::Lit,
}

/// A normalized rendering of a loaded configuration: `(key path, value)` for
/// every leaf, secrets exposed. Two libraries agree when their renderings do.
pub trait Render {
    /// Appends every leaf in declaration order.
    fn render(&self, out: &mut Vec<(&'static str, String)>);

    /// The rendering as a vector.
    fn rendered(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::with_capacity(100);
        self.render(&mut out);
        out
    }
}

/// Renders one leaf value the same way whatever library loaded it.
pub trait Show {
    /// The value as text.
    fn show(&self) -> String;
}

macro_rules! show_display {
    ($($t:ty),*) => {$(
        impl Show for $t {
            fn show(&self) -> String {
                self.to_string()
            }
        }
    )*};
}
show_display!(String, u16, u32, u64, i64, bool);

impl Show for f64 {
    fn show(&self) -> String {
        format!("{self:?}")
    }
}

impl Show for Duration {
    fn show(&self) -> String {
        format!("{self:?}")
    }
}

impl Show for HumanDuration {
    fn show(&self) -> String {
        self.0.show()
    }
}

impl Show for Vec<String> {
    fn show(&self) -> String {
        format!("{self:?}")
    }
}

impl Show for CommaList {
    fn show(&self) -> String {
        self.0.show()
    }
}

impl<T: Show> Show for Option<T> {
    fn show(&self) -> String {
        match self {
            Some(v) => format!("Some({})", v.show()),
            None => "None".to_string(),
        }
    }
}

impl Show for strata::SecretString {
    fn show(&self) -> String {
        use strata::ExposeSecret;
        format!("secret:{}", self.expose_secret())
    }
}

impl Show for secrecy::SecretString {
    fn show(&self) -> String {
        use secrecy::ExposeSecret;
        format!("secret:{}", self.expose_secret())
    }
}

/// Panics with the differing keys unless every rendering equals the first.
pub fn assert_same(scenario: &str, renderings: &[(&str, Vec<(&'static str, String)>)]) {
    let Some((first_name, first)) = renderings.first() else {
        return;
    };
    for (name, other) in &renderings[1..] {
        if other != first {
            let diffs: Vec<String> = first
                .iter()
                .zip(other.iter())
                .filter(|(a, b)| a != b)
                .take(10)
                .map(|((k, a), (_, b))| format!("  {k}: {first_name}={a:?} {name}={b:?}"))
                .collect();
            panic!(
                "{scenario}: {name} differs from {first_name} ({} vs {} leaves):\n{}",
                other.len(),
                first.len(),
                diffs.join("\n")
            );
        }
    }
}

/// `std::time::Duration` that deserializes from `"30s"`, `"5m"` or seconds,
/// as Strata's `Duration` fields do, for the serde-based libraries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct HumanDuration(pub Duration);

impl<'de> serde::Deserialize<'de> for HumanDuration {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = HumanDuration;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a duration such as \"30s\" or a number of seconds")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<HumanDuration, E> {
                humantime::parse_duration(s.trim())
                    .map(HumanDuration)
                    .map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<HumanDuration, E> {
                Ok(HumanDuration(Duration::from_secs(n)))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<HumanDuration, E> {
                u64::try_from(n)
                    .map(|n| HumanDuration(Duration::from_secs(n)))
                    .map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}

/// `Vec<String>` that deserializes from an array or a comma-separated string,
/// as Strata's list fields do, for the serde-based libraries.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CommaList(pub Vec<String>);

impl<'de> serde::Deserialize<'de> for CommaList {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = CommaList;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list or a comma-separated string")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<CommaList, E> {
                Ok(CommaList(
                    s.split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_string)
                        .collect(),
                ))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<CommaList, A::Error> {
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                while let Some(item) = seq.next_element::<String>()? {
                    out.push(item);
                }
                Ok(CommaList(out))
            }
        }
        d.deserialize_any(V)
    }
}

/// Converts a `default = LIT` literal to the field type (serde shapes only).
pub trait DefaultFrom<L> {
    /// The value.
    fn make(lit: L) -> Self;
}

macro_rules! default_from_int {
    ($($t:ty),*) => {$(
        impl DefaultFrom<i64> for $t {
            fn make(lit: i64) -> Self {
                <$t>::try_from(lit).expect("default in range")
            }
        }
    )*};
}
default_from_int!(u16, u32, u64, i64);

impl DefaultFrom<bool> for bool {
    fn make(lit: bool) -> Self {
        lit
    }
}

impl DefaultFrom<f64> for f64 {
    fn make(lit: f64) -> Self {
        lit
    }
}

impl DefaultFrom<&str> for String {
    fn make(lit: &str) -> Self {
        lit.to_string()
    }
}

impl DefaultFrom<&str> for HumanDuration {
    fn make(lit: &str) -> Self {
        HumanDuration(humantime::parse_duration(lit).expect("default duration"))
    }
}

impl DefaultFrom<&str> for CommaList {
    fn make(lit: &str) -> Self {
        use serde::de::IntoDeserializer;
        let d: de::value::StrDeserializer<'_, de::value::Error> = lit.into_deserializer();
        serde::Deserialize::deserialize(d).expect("default list")
    }
}
