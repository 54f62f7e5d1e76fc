//! Where a value came from.

use std::fmt;
use std::path::PathBuf;

/// The source that supplied a value. Every value, error and explanation line
/// names one.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Origin {
    /// `default = ...` on the field.
    Default,
    /// `profile(NAME = ...)` on the field, for the active profile.
    ProfileDefault {
        /// The profile.
        profile: String,
    },
    /// A config file; `line` is known for TOML.
    File {
        /// The file, as named (relative to the loader's folder when it was given that way).
        path: PathBuf,
        /// 1-based line of the key.
        line: Option<u32>,
    },
    /// A `.env` file.
    Dotenv {
        /// The file.
        path: PathBuf,
        /// 1-based line of the variable.
        line: Option<u32>,
    },
    /// A file holding one secret: `{NAME}_FILE=/path` or the secrets folder.
    SecretFile {
        /// The file read.
        path: PathBuf,
        /// The `_FILE` variable that named it, if any.
        var: Option<String>,
    },
    /// A process environment variable (or the injected snapshot).
    Env {
        /// The variable's name.
        var: String,
    },
    /// `loader.set(path, value)` in code.
    Override,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Default => f.write_str("default"),
            Origin::ProfileDefault { profile } => write!(f, "default for profile `{profile}`"),
            Origin::File { path, line } | Origin::Dotenv { path, line } => {
                write!(f, "{}", path.display())?;
                match line {
                    Some(line) => write!(f, ":{line}"),
                    None => Ok(()),
                }
            }
            Origin::SecretFile {
                path,
                var: Some(var),
            } => {
                write!(f, "secret file {} (via {var})", path.display())
            }
            Origin::SecretFile { path, var: None } => write!(f, "secret file {}", path.display()),
            Origin::Env { var } => write!(f, "env {var}"),
            Origin::Override => f.write_str("override in code"),
        }
    }
}

impl Origin {
    /// True for defaults written in code (field or profile default).
    pub fn is_default(&self) -> bool {
        matches!(self, Origin::Default | Origin::ProfileDefault { .. })
    }
}
