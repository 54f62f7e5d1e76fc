//! The audit trail of secret use.
//!
//! Every [`expose_secret`](crate::ExposeSecret::expose_secret) on a Strata
//! secret is counted per call site and reported through `tracing` with target
//! `strata::audit`: the setting's key path, its origin and the caller's file
//! and line, never the value. By default an event is emitted the first time a
//! call site exposes a given setting; later exposures are only counted, so a
//! hot path stays cheap.

use std::collections::HashMap;
use std::panic::Location;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU8, Ordering};

use crate::secret::SecretSource;

/// How exposures are recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditMode {
    /// Nothing is counted or logged.
    Off,
    /// Count every exposure; log the first one per call site and setting (default).
    FirstPerCallSite,
    /// Count and log every exposure.
    Every,
}

static MODE: AtomicU8 = AtomicU8::new(1);
static COUNTS: Mutex<Option<HashMap<Site, HashMap<String, u64>>>> = Mutex::new(None);

/// File, line and column of a call.
type Site = (&'static str, u32, u32);

/// Sets how exposures are recorded, for the whole process.
pub fn set_mode(mode: AuditMode) {
    MODE.store(
        match mode {
            AuditMode::Off => 0,
            AuditMode::FirstPerCallSite => 1,
            AuditMode::Every => 2,
        },
        Ordering::Relaxed,
    );
}

/// The current mode.
pub fn mode() -> AuditMode {
    match MODE.load(Ordering::Relaxed) {
        0 => AuditMode::Off,
        2 => AuditMode::Every,
        _ => AuditMode::FirstPerCallSite,
    }
}

/// One call site that exposed a secret, with how often it did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exposure {
    /// The setting's key path (`<unloaded>` for secrets not loaded by Strata).
    pub path: String,
    /// Source file of the call.
    pub file: &'static str,
    /// Line of the call.
    pub line: u32,
    /// Column of the call.
    pub column: u32,
    /// How many times this site exposed this setting.
    pub count: u64,
}

/// Every exposure counted so far, sorted by path, file and line.
pub fn exposures() -> Vec<Exposure> {
    let guard = COUNTS.lock().unwrap_or_else(|e| e.into_inner());
    let mut out: Vec<Exposure> = guard
        .iter()
        .flat_map(|map| map.iter())
        .flat_map(|(&(file, line, column), paths)| {
            paths.iter().map(move |(path, count)| Exposure {
                path: path.clone(),
                file,
                line,
                column,
                count: *count,
            })
        })
        .collect();
    out.sort_by(|a, b| (&a.path, a.file, a.line).cmp(&(&b.path, b.file, b.line)));
    out
}

pub(crate) fn exposed(source: Option<&SecretSource>, at: &'static Location<'static>) {
    let mode = mode();
    if mode == AuditMode::Off {
        return;
    }
    let path = source.map_or("<unloaded>", |s| s.path.as_str());
    let first = {
        let mut guard = COUNTS.lock().unwrap_or_else(|e| e.into_inner());
        let map = guard.get_or_insert_with(HashMap::new);
        let paths = map.entry((at.file(), at.line(), at.column())).or_default();
        match paths.get_mut(path) {
            Some(count) => {
                *count += 1;
                false
            }
            None => {
                paths.insert(path.to_string(), 1);
                true
            }
        }
    };
    if first || mode == AuditMode::Every {
        match source {
            Some(source) => tracing::info!(
                target: "strata::audit",
                event = "secret_exposed",
                key = %source.path,
                origin = %source.origin,
                file = at.file(),
                line = at.line(),
                first,
                "secret exposed"
            ),
            None => tracing::info!(
                target: "strata::audit",
                event = "secret_exposed",
                key = "<unloaded>",
                file = at.file(),
                line = at.line(),
                first,
                "secret exposed"
            ),
        }
    }
}

/// Records which source supplied a secret during a load.
pub(crate) fn loaded(settings: &str, source: &SecretSource) {
    if mode() == AuditMode::Off {
        return;
    }
    tracing::info!(
        target: "strata::audit",
        event = "secret_loaded",
        settings,
        key = %source.path,
        origin = %source.origin,
        "secret loaded"
    );
}
