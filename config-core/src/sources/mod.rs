//! Readers for each kind of source. Each one puts values into the slot table
//! of a [`Collector`](crate::collect::Collector) with their origin.

pub(crate) mod dotenv;
pub(crate) mod env;
pub(crate) mod files;
pub(crate) mod secret_files;
#[cfg(feature = "toml")]
pub(crate) mod toml;

/// 1-based line numbers from byte offsets.
#[cfg(feature = "toml")]
pub(crate) struct Lines {
    starts: Vec<usize>,
}

#[cfg(feature = "toml")]
impl Lines {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr_newlines(text));
        Lines { starts }
    }

    pub fn line_of(&self, offset: usize) -> u32 {
        let index = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        (index + 1) as u32
    }
}

#[cfg(feature = "toml")]
fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    // `match_indices` with a char searches with memchr.
    text.match_indices('\n').map(|(i, _)| i + 1)
}

/// Reads a secret file: the content with trailing line breaks removed.
pub(crate) fn read_secret_file(path: &std::path::Path) -> std::io::Result<String> {
    let mut text = std::fs::read_to_string(path)?;
    while text.ends_with('\n') || text.ends_with('\r') {
        text.pop();
    }
    Ok(text)
}
