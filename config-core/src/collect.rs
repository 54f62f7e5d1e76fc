//! Gathers values from every source into one slot per leaf, keeping for each
//! the value of the highest-precedence source and its origin.

use std::path::{Path, PathBuf};

use crate::loader::Options;
use crate::origin::Origin;
use crate::plan::Plan;
use crate::problem::{Problem, ProblemKind};
use crate::schema::{DefaultValue, Schema};
use crate::sources;
use crate::value::Value;

/// The kinds of source, in the default order of precedence (lowest first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    /// `default = ...` and `profile(NAME = ...)`.
    Defaults,
    /// Config files.
    Files,
    /// `.env`, `.env.{profile}`, `.env.local`.
    Dotenv,
    /// `{NAME}_FILE` variables and the secrets folder.
    SecretFiles,
    /// Environment variables.
    Env,
    /// `loader.set(..)`.
    Overrides,
}

impl Source {
    /// The default order, lowest precedence first.
    pub const DEFAULT_ORDER: [Source; 6] = [
        Source::Defaults,
        Source::Files,
        Source::Dotenv,
        Source::SecretFiles,
        Source::Env,
        Source::Overrides,
    ];
}

/// A value as it waits to be converted.
#[derive(Debug, Clone)]
pub(crate) enum Raw {
    Value(Value),
    /// A literal default, converted only if no other source overrides it.
    Lit(crate::schema::Lit),
    /// A default expression, evaluated by the generated code.
    Expr {
        index: usize,
        text: &'static str,
    },
}

#[derive(Debug, Clone)]
pub(crate) struct Slot {
    pub raw: Raw,
    pub src: Src,
    rank: u8,
}

/// Where a slot's value came from, kept small and allocation-free; turned
/// into a public [`Origin`] only when a report needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Src {
    Default,
    ProfileDefault,
    /// `file` indexes [`Collector::files`]; line 0 means unknown.
    File {
        file: u16,
        line: u32,
    },
    Dotenv {
        file: u16,
        line: u32,
    },
    /// `path` indexes [`Collector::secret_paths`]; `via_var` for `{NAME}_FILE`.
    SecretFile {
        path: u32,
        via_var: bool,
    },
    /// The leaf's own env var.
    Env,
    Override,
}

impl Src {
    pub fn is_default(self) -> bool {
        matches!(self, Src::Default | Src::ProfileDefault)
    }
}

/// The result of reading every source.
pub(crate) struct Collector<'p> {
    pub plan: &'p Plan,
    pub schema: &'static Schema,
    pub slots: Vec<Option<Slot>>,
    pub problems: Vec<Problem>,
    pub warnings: Vec<Problem>,
    pub profile: String,
    pub strict: bool,
    /// Config and `.env` files, as named, for [`Src::File`] and [`Src::Dotenv`].
    pub files: Vec<PathBuf>,
    /// Secret files read, for [`Src::SecretFile`].
    pub secret_paths: Vec<PathBuf>,
    /// Secrets folders that were read, for the explanation.
    pub secret_dirs: Vec<PathBuf>,
    /// Unknown keys in files are errors (otherwise warnings).
    pub deny_unknown: bool,
    /// The loader's folder.
    pub dir: PathBuf,
    /// Whether the files declared on the struct are read.
    pub declared_files: bool,
    /// For the explanation only: per leaf, the sources whose values lost.
    pub shadowed: Option<Vec<Vec<Src>>>,
    ranks: [u8; 6],
}

impl<'p> Collector<'p> {
    pub fn run(
        schema: &'static Schema,
        plan: &'p Plan,
        options: &Options,
        explain: bool,
    ) -> Collector<'p> {
        let env = options.env_snapshot();
        let profile = options
            .profile
            .clone()
            .or_else(|| {
                let var = &plan.profile_var;
                env.iter().find(|(k, _)| k == var).map(|(_, v)| v.clone())
            })
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| "development".to_string());
        let strict = options.strict.unwrap_or_else(|| schema.is_strict(&profile));
        let mut ranks = [0u8; 6];
        for (rank, source) in options.precedence.iter().enumerate() {
            ranks[*source as usize] = rank as u8;
        }
        let mut c = Collector {
            plan,
            schema,
            slots: (0..plan.leaves.len()).map(|_| None).collect(),
            problems: Vec::new(),
            warnings: Vec::new(),
            profile,
            strict,
            secret_dirs: Vec::new(),
            files: Vec::new(),
            secret_paths: Vec::new(),
            deny_unknown: options.deny_unknown_keys,
            dir: options.dir.clone(),
            declared_files: options.schema_files,
            shadowed: explain.then(|| vec![Vec::new(); plan.leaves.len()]),
            ranks,
        };
        if !plan.profiles.contains(&c.profile.as_str()) {
            let known = plan.profiles.join(", ");
            c.warnings.push(
                Problem::new(
                    ProblemKind::Notice,
                    "",
                    format!("profile `{}` is not mentioned by the settings", c.profile),
                )
                .with_maybe_hint(Some(
                    match crate::suggest::closest(&c.profile, plan.profiles.iter().copied()) {
                        Some(near) => format!("did you mean `{near}`? known profiles: {known}"),
                        None => format!("known profiles: {known}"),
                    },
                )),
            );
        }
        let mut env = Some(env);
        for source in &options.precedence {
            match source {
                Source::Defaults => c.defaults(),
                Source::Files => c.files(options),
                Source::Dotenv => c.dotenv(options),
                Source::SecretFiles => c.secrets_dir(options),
                Source::Env => {
                    if let Some(env) = env.take() {
                        sources::env::read(&mut c, env);
                    }
                }
                Source::Overrides => c.overrides(options),
            }
        }
        c
    }

    /// Puts a value into a leaf's slot if its source ranks at least as high as the current one.
    pub fn put(&mut self, leaf: usize, raw: Raw, src: Src, source: Source) {
        self.put_ranked(leaf, raw, src, self.ranks[source as usize] * 2);
    }

    /// `{NAME}_FILE` variables rank just above the secrets folder, whichever is read first.
    pub fn put_file_var(&mut self, leaf: usize, raw: Raw, src: Src) {
        self.put_ranked(
            leaf,
            raw,
            src,
            self.ranks[Source::SecretFiles as usize] * 2 + 1,
        );
    }

    fn put_ranked(&mut self, leaf: usize, raw: Raw, src: Src, rank: u8) {
        let slot = &mut self.slots[leaf];
        let wins = slot.as_ref().is_none_or(|s| s.rank <= rank);
        let loser = match slot {
            Some(old) if wins => Some(old.src),
            Some(_) => Some(src),
            None => None,
        };
        if wins {
            *slot = Some(Slot { raw, src, rank });
        }
        if let (Some(shadowed), Some(loser)) = (self.shadowed.as_mut(), loser) {
            shadowed[leaf].push(loser);
        }
    }

    /// The rank a source's values have under the loader's order of precedence.
    pub fn rank_of(&self, src: Src) -> u8 {
        let source = match src {
            Src::Default | Src::ProfileDefault => Source::Defaults,
            Src::File { .. } => Source::Files,
            Src::Dotenv { .. } => Source::Dotenv,
            Src::SecretFile { via_var, .. } => {
                return self.ranks[Source::SecretFiles as usize] * 2 + u8::from(via_var);
            }
            Src::Env => Source::Env,
            Src::Override => Source::Overrides,
        };
        self.ranks[source as usize] * 2
    }

    /// Registers a config or `.env` file for [`Src::File`] / [`Src::Dotenv`].
    pub fn register_file(&mut self, shown: &Path) -> u16 {
        self.files.push(shown.to_path_buf());
        (self.files.len() - 1) as u16
    }

    /// Registers a secret file for [`Src::SecretFile`].
    pub fn register_secret_path(&mut self, path: PathBuf) -> u32 {
        self.secret_paths.push(path);
        (self.secret_paths.len() - 1) as u32
    }

    /// The public origin of a value of `leaf`.
    pub fn origin_of(&self, leaf: usize, src: Src) -> Origin {
        let line = |line: u32| (line > 0).then_some(line);
        match src {
            Src::Default => Origin::Default,
            Src::ProfileDefault => Origin::ProfileDefault {
                profile: self.profile.clone(),
            },
            Src::File { file, line: l } => Origin::File {
                path: self.files[file as usize].clone(),
                line: line(l),
            },
            Src::Dotenv { file, line: l } => Origin::Dotenv {
                path: self.files[file as usize].clone(),
                line: line(l),
            },
            Src::SecretFile { path, via_var } => Origin::SecretFile {
                path: self.secret_paths[path as usize].clone(),
                var: via_var.then(|| format!("{}_FILE", self.plan.leaves[leaf].env)),
            },
            Src::Env => Origin::Env {
                var: self.plan.leaves[leaf].env.clone(),
            },
            Src::Override => Origin::Override,
        }
    }

    /// The origin of the value a leaf holds, if any.
    pub fn slot_origin(&self, leaf: usize) -> Option<Origin> {
        self.slots[leaf]
            .as_ref()
            .map(|s| self.origin_of(leaf, s.src))
    }

    fn defaults(&mut self) {
        for (index, leaf) in self.plan.leaves.iter().enumerate() {
            let field = leaf.field;
            let chosen = field
                .profile_defaults
                .iter()
                .find(|(p, _)| *p == self.profile)
                .map(|(_, d)| (d, Src::ProfileDefault))
                .or_else(|| field.default.as_ref().map(|d| (d, Src::Default)));
            if let Some((default, origin)) = chosen {
                let raw = match *default {
                    DefaultValue::Lit(lit) => Raw::Lit(lit),
                    DefaultValue::Expr { index, text } => Raw::Expr { index, text },
                };
                self.put(index, raw, origin, Source::Defaults);
            }
        }
    }

    fn files(&mut self, options: &Options) {
        let declared = self.schema.files.iter().filter(|_| options.schema_files);
        let declared = declared.map(|f| (f.path, f.required));
        let added = options
            .files
            .iter()
            .map(|(path, required)| (path.as_str(), *required));
        for (path, required) in declared.chain(added) {
            let shown = PathBuf::from(path.replace("{profile}", &self.profile));
            let full = resolve(&options.dir, &shown);
            sources::files::read(self, &full, &shown, required);
        }
    }

    fn dotenv(&mut self, options: &Options) {
        let enabled = options.dotenv.unwrap_or(self.schema.dotenv);
        if !enabled || (self.strict && !options.dotenv_in_strict) {
            return;
        }
        let names = [
            ".env".to_string(),
            format!(".env.{}", self.profile),
            ".env.local".to_string(),
        ];
        for name in names {
            let shown = PathBuf::from(&name);
            let full = resolve(&options.dir, &shown);
            sources::dotenv::read(self, &full, &shown);
        }
    }

    fn secrets_dir(&mut self, options: &Options) {
        let dir = options
            .secrets_dir
            .clone()
            .or_else(|| self.schema.secrets_dir.map(PathBuf::from));
        if let Some(dir) = dir {
            let full = resolve(&options.dir, &dir);
            sources::secret_files::read_dir(self, &full);
        }
    }

    fn overrides(&mut self, options: &Options) {
        for (path, value) in &options.overrides {
            match self.plan.leaf_by_path(path) {
                Some(leaf) => self.put(
                    leaf,
                    Raw::Value(value.clone()),
                    Src::Override,
                    Source::Overrides,
                ),
                None => {
                    let hint =
                        crate::suggest::closest(path, self.plan.by_path.keys().map(String::as_str))
                            .map(|near| format!("did you mean `{near}`?"));
                    self.problems.push(
                        Problem::new(
                            ProblemKind::UnknownKey,
                            path.clone(),
                            "unknown key set in code",
                        )
                        .with_origin(Origin::Override)
                        .with_maybe_hint(hint),
                    );
                }
            }
        }
    }

    /// How to fix a value that a source gave but that is wrong, by source.
    pub fn fix_hint(&self, leaf: usize, src: Src) -> String {
        let plan = &self.plan.leaves[leaf];
        let env = &plan.env;
        let at = |file: u16, line: u32| {
            let path = self.files[file as usize].display();
            if line > 0 {
                format!("{path}:{line}")
            } else {
                path.to_string()
            }
        };
        match src {
            Src::Env => format!("change or unset {env}"),
            Src::File { file, line } => {
                format!("fix `{}` in {}, or set {env}", plan.path, at(file, line))
            }
            Src::Dotenv { file, line } => format!(
                "fix {env} in {}, or set {env} in the environment",
                at(file, line)
            ),
            Src::Default | Src::ProfileDefault => {
                format!("the default in the code is not valid; set {env} to override it")
            }
            Src::SecretFile { .. } => "fix the contents of the secret file".to_string(),
            Src::Override => "fix the value set in code".to_string(),
        }
    }

    /// Where a user would set a leaf: its env var and, if any, the first config file.
    pub fn where_to_set(&self, leaf: usize) -> String {
        let plan = &self.plan.leaves[leaf];
        let mut hint = format!("set {}", plan.env);
        if plan.secret {
            hint.push_str(&format!(" (or {}_FILE)", plan.env));
        }
        if let Some(file) = self.schema.files.first()
            && self.declared_files
            && !(plan.secret && self.strict)
        {
            let file = file.path.replace("{profile}", &self.profile);
            hint.push_str(&format!(", or `{}` in {file}", plan.path));
        }
        hint
    }
}

fn resolve(dir: &Path, path: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        dir.join(path)
    }
}
