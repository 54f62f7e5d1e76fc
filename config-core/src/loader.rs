//! The loader: options for one load, and the entry points that run the pipeline.

use std::borrow::Cow;
use std::marker::PhantomData;
use std::path::PathBuf;

use crate::build;
use crate::collect::{Collector, Source};
use crate::explain::Explanation;
use crate::problem::{Error, Problem, ProblemKind};
use crate::settings::{Settings, plan_for};
use crate::value::Value;

/// Builds one load of a settings type: `AppConfig::loader().profile("production").load()`.
#[must_use = "a loader does nothing until `load` is called"]
pub struct Loader<T> {
    options: Options,
    _settings: PhantomData<fn() -> T>,
}

/// What a load reads; set through [`Loader`]'s methods.
#[derive(Debug, Clone)]
pub(crate) struct Options {
    pub profile: Option<String>,
    pub env: Option<Vec<(String, String)>>,
    pub dir: PathBuf,
    pub files: Vec<(String, bool)>,
    pub schema_files: bool,
    pub overrides: Vec<(String, Value)>,
    pub dotenv: Option<bool>,
    pub dotenv_in_strict: bool,
    pub strict: Option<bool>,
    pub secrets_dir: Option<PathBuf>,
    pub deny_unknown_keys: bool,
    pub precedence: Vec<Source>,
}

impl Options {
    /// The injected env snapshot, or the process environment read once.
    pub fn env_snapshot(&self) -> Cow<'_, [(String, String)]> {
        match &self.env {
            Some(vars) => Cow::Borrowed(vars),
            None => {
                let vars = std::env::vars_os()
                    .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
                    .collect();
                Cow::Owned(vars)
            }
        }
    }
}

impl<T: Settings> Default for Loader<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: Settings> Loader<T> {
    /// A loader with the schema's own files, `.env` setting and the process environment.
    pub fn new() -> Self {
        Loader {
            options: Options {
                profile: None,
                env: None,
                dir: PathBuf::new(),
                files: Vec::new(),
                schema_files: true,
                overrides: Vec::new(),
                dotenv: None,
                dotenv_in_strict: false,
                strict: None,
                secrets_dir: None,
                deny_unknown_keys: true,
                precedence: Source::DEFAULT_ORDER.to_vec(),
            },
            _settings: PhantomData,
        }
    }

    /// Chooses the profile, over `{PREFIX}_ENV` and the default `development`.
    pub fn profile(mut self, profile: impl Into<String>) -> Self {
        self.options.profile = Some(profile.into());
        self
    }

    /// Reads these variables instead of the process environment (for tests and tools).
    pub fn env_vars<K, V>(mut self, vars: impl IntoIterator<Item = (K, V)>) -> Self
    where
        K: Into<String>,
        V: Into<String>,
    {
        self.options.env = Some(
            vars.into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        );
        self
    }

    /// The folder that relative config files, `.env` files and the secrets folder are read from.
    pub fn dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.options.dir = dir.into();
        self
    }

    /// Adds a config file after the declared ones (higher precedence). It must exist.
    pub fn file(mut self, path: impl Into<String>) -> Self {
        self.options.files.push((path.into(), true));
        self
    }

    /// Adds a config file that is skipped when missing.
    pub fn optional_file(mut self, path: impl Into<String>) -> Self {
        self.options.files.push((path.into(), false));
        self
    }

    /// Skips the files declared with `#[settings(file = ...)]`; only `file(..)` ones are read.
    pub fn without_declared_files(mut self) -> Self {
        self.options.schema_files = false;
        self
    }

    /// Sets a key in code, above every other source. Strings convert like env values.
    pub fn set(mut self, path: impl Into<String>, value: impl Into<Value>) -> Self {
        self.options.overrides.push((path.into(), value.into()));
        self
    }

    /// Turns reading of `.env` files on or off, over `#[settings(dotenv)]`.
    pub fn dotenv(mut self, enabled: bool) -> Self {
        self.options.dotenv = Some(enabled);
        self
    }

    /// Reads `.env` files in strict profiles too (off by default).
    pub fn dotenv_in_strict(mut self, enabled: bool) -> Self {
        self.options.dotenv_in_strict = enabled;
        self
    }

    /// Forces the strict rules on or off for this load, whatever the profile.
    pub fn strict(mut self, strict: bool) -> Self {
        self.options.strict = Some(strict);
        self
    }

    /// Reads one file per setting from this folder (`/run/secrets`).
    pub fn secrets_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.options.secrets_dir = Some(dir.into());
        self
    }

    /// Whether unknown keys in config files are errors (default) or warnings.
    pub fn deny_unknown_keys(mut self, deny: bool) -> Self {
        self.options.deny_unknown_keys = deny;
        self
    }

    /// Changes the order of precedence: lowest first, each source named once.
    pub fn precedence(mut self, order: impl IntoIterator<Item = Source>) -> Self {
        self.options.precedence = order.into_iter().collect();
        self
    }

    /// Loads the settings. Warnings (unknown prefixed variables, unknown profile)
    /// are logged through `tracing` with target `strata`.
    pub fn load(self) -> Result<T, Error> {
        let loaded = self.run(false)?;
        for warning in &loaded.warnings {
            tracing::warn!(target: "strata", "{warning}");
        }
        Ok(loaded.value)
    }

    /// Loads the settings and returns the warnings and the explanation with them.
    pub fn load_report(self) -> Result<Loaded<T>, Error> {
        self.run(true)
    }

    /// Explains where every setting comes from: key, value (secrets redacted), origin.
    pub fn explain(self) -> Result<Explanation, Error> {
        self.run(true).map(|loaded| loaded.explanation)
    }

    fn run(self, explain: bool) -> Result<Loaded<T>, Error> {
        let schema = T::schema();
        if let Some(problem) = self.precedence_problem() {
            return Err(Error::new(schema.name, "", vec![problem]));
        }
        let plan = plan_for::<T>();
        let collector = Collector::run(schema, plan, &self.options, explain);
        build::build::<T>(collector, explain)
    }

    fn precedence_problem(&self) -> Option<Problem> {
        let order = &self.options.precedence;
        let complete = order.len() == Source::DEFAULT_ORDER.len()
            && Source::DEFAULT_ORDER.iter().all(|s| order.contains(s));
        (!complete).then(|| {
            Problem::new(
                ProblemKind::Notice,
                "",
                "the order of precedence must name each source exactly once",
            )
            .with_hint(format!("the default order is {:?}", Source::DEFAULT_ORDER))
        })
    }
}

/// A successful load with its warnings and explanation.
#[derive(Debug)]
pub struct Loaded<T> {
    /// The settings.
    pub value: T,
    /// Problems that did not stop the load.
    pub warnings: Vec<Problem>,
    /// Where each value came from.
    pub explanation: Explanation,
}
