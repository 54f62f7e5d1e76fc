//! The audit trail of secret use.
//!
//! Every [`expose_secret`](crate::ExposeSecret::expose_secret) on a Strata
//! secret is counted per call site and reported through `tracing` with target
//! `strata::audit`: the setting's key path, its origin and the caller's file
//! and line, never the value. By default an event is emitted the first time a
//! call site exposes a given setting; later exposures are only counted, so a
//! hot path stays cheap.

use std::cell::RefCell;
use std::collections::HashMap;
use std::panic::Location;
use std::sync::atomic::{AtomicU8, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;

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
/// Per call site, a counter per key path. Counters are shared with the
/// per-thread caches, so repeated exposures only bump an atomic.
static COUNTS: Mutex<Option<HashMap<Site, Counters>>> = Mutex::new(None);

/// The counter of each key path exposed at one call site.
type Counters = HashMap<String, Arc<AtomicU64>>;

/// File, line and column of a call.
type Site = (&'static str, u32, u32);

/// The per-thread cache key: the call site and the secret's source, by address.
type CacheKey = (usize, usize);

/// A cached counter, with the source it belongs to kept alive.
type Cached = (Option<Arc<SecretSource>>, Arc<AtomicU64>);

thread_local! {
    /// Counters this thread has already found; the source `Arc` is kept so its
    /// address cannot be reused by another secret while cached.
    static SEEN: RefCell<FxHashMap<CacheKey, Cached>> =
        RefCell::new(FxHashMap::default());
}

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
                count: count.load(Ordering::Relaxed),
            })
        })
        .collect();
    out.sort_by(|a, b| (&a.path, a.file, a.line).cmp(&(&b.path, b.file, b.line)));
    out
}

pub(crate) fn exposed(source: Option<&Arc<SecretSource>>, at: &'static Location<'static>) {
    let mode = mode();
    if mode == AuditMode::Off {
        return;
    }
    let key = (
        at as *const Location<'static> as usize,
        source.map_or(0, |s| Arc::as_ptr(s) as usize),
    );
    let cached = SEEN.with(|seen| {
        seen.borrow()
            .get(&key)
            .map(|(_, count)| count.fetch_add(1, Ordering::Relaxed))
    });
    let first = match cached {
        Some(_) => false,
        None => {
            let (counter, first) = register(source.map(|s| s.path.as_str()), at);
            counter.fetch_add(1, Ordering::Relaxed);
            SEEN.with(|seen| seen.borrow_mut().insert(key, (source.cloned(), counter)));
            first
        }
    };
    if first || mode == AuditMode::Every {
        log_exposure(source.map(|s| &**s), at, first);
    }
}

/// Finds or creates the counter of a call site and path; `true` if it is new.
fn register(path: Option<&str>, at: &'static Location<'static>) -> (Arc<AtomicU64>, bool) {
    let path = path.unwrap_or("<unloaded>");
    let mut guard = COUNTS.lock().unwrap_or_else(|e| e.into_inner());
    let paths = guard
        .get_or_insert_with(HashMap::new)
        .entry((at.file(), at.line(), at.column()))
        .or_default();
    match paths.get(path) {
        Some(counter) => (counter.clone(), false),
        None => {
            let counter = Arc::new(AtomicU64::new(0));
            paths.insert(path.to_string(), counter.clone());
            (counter, true)
        }
    }
}

fn log_exposure(source: Option<&SecretSource>, at: &'static Location<'static>, first: bool) {
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
