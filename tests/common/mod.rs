//! Helpers shared by the integration tests: real files in temporary folders.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use tempfile::TempDir;

/// A temporary project folder that files are written into.
pub struct Project {
    dir: TempDir,
}

impl Project {
    pub fn new() -> Self {
        Project {
            dir: tempfile::tempdir().expect("create a temporary folder"),
        }
    }

    /// The folder, for `.dir(..)`.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `text` to `rel` (creating parent folders) and returns the full path.
    pub fn write(&self, rel: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create parent folders");
        }
        std::fs::write(&path, text).expect("write a test file");
        path
    }

    /// The full path of `rel` inside the folder (which need not exist).
    pub fn join(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }
}
