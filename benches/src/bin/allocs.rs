//! Allocations per load, for each library, in the layered and env-only
//! scenarios; plus helper modes for the tests and for profiling.
//!
//! ```text
//! cargo run --release -p strata-benches --bin allocs            # the table
//! cargo run --release -p strata-benches --bin allocs -- check   # libraries agree
//! cargo run --release -p strata-benches --bin allocs -- fixtures  # rewrite fixtures
//! cargo run --release -p strata-benches --bin allocs -- loop layered 2000  # for a profiler
//! ```

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use strata_benches::load;

/// Counts allocations (and reallocations) and requested bytes.
struct Counting;

static ALLOCS: AtomicUsize = AtomicUsize::new(0);
static BYTES: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards to the system allocator; only adds counters.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Relaxed);
        BYTES.fetch_add(layout.size(), Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Relaxed);
        BYTES.fetch_add(layout.size(), Relaxed);
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCS.fetch_add(1, Relaxed);
        BYTES.fetch_add(new_size.saturating_sub(layout.size()), Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

const RUNS: usize = 200;

/// Average allocations and bytes of one call of `f`; `setup` runs outside the count.
fn measure<S, R>(mut setup: impl FnMut() -> S, mut f: impl FnMut(S) -> R) -> (f64, f64) {
    for _ in 0..5 {
        drop(black_box(f(setup())));
    }
    let (mut allocs, mut bytes) = (0, 0);
    for _ in 0..RUNS {
        let input = setup();
        let (a0, b0) = (ALLOCS.load(Relaxed), BYTES.load(Relaxed));
        let out = black_box(f(input));
        let (a1, b1) = (ALLOCS.load(Relaxed), BYTES.load(Relaxed));
        drop(out);
        allocs += a1 - a0;
        bytes += b1 - b0;
    }
    (allocs as f64 / RUNS as f64, bytes as f64 / RUNS as f64)
}

fn row(name: &str, (allocs, bytes): (f64, f64)) {
    println!("| {name} | {allocs:.0} | {:.1} |", bytes / 1024.0);
}

fn table() {
    let snapshot = load::env_snapshot();
    let snap = || snapshot.clone();
    let none = || ();
    println!("Environment: {} variables in the process", snapshot.len());
    println!();
    println!("### Layered load (defaults + TOML + .env + env)");
    println!();
    println!("| library | allocations per load | KiB allocated per load |");
    println!("|---|---:|---:|");
    row(
        "strata (injected env)",
        measure(snap, |env| load::strata_layered(env).unwrap()),
    );
    row(
        "strata (process env)",
        measure(none, |_| load::strata_layered_process_env().unwrap()),
    );
    row(
        "strata (process env, .env preloaded)",
        measure(none, |_| load::strata_layered_like_others().unwrap()),
    );
    row(
        "figment",
        measure(none, |_| load::figment_layered().unwrap()),
    );
    row(
        "config-rs",
        measure(none, |_| load::config_layered().unwrap()),
    );
    row(
        "confique",
        measure(none, |_| load::confique_layered().unwrap()),
    );
    row(
        "floor (toml::from_str + env pass)",
        measure(none, |_| load::floor()),
    );
    println!();
    println!("### Env-only load");
    println!();
    println!("| library | allocations per load | KiB allocated per load |");
    println!("|---|---:|---:|");
    row(
        "strata (injected env)",
        measure(snap, |env| load::strata_env(env).unwrap()),
    );
    row(
        "strata (process env)",
        measure(none, |_| load::strata_env_process_env().unwrap()),
    );
    row("envy", measure(none, |_| load::envy_env().unwrap()));
    row("figment", measure(none, |_| load::figment_env().unwrap()));
    row("confique", measure(none, |_| load::confique_env().unwrap()));
    println!();
    println!("### explain()");
    println!();
    println!("| call | allocations | KiB allocated |");
    println!("|---|---:|---:|");
    row(
        "strata explain (injected env)",
        measure(snap, |env| load::strata_explain(env).unwrap()),
    );
}

/// Runs one scenario `n` times, for `perf` or `valgrind --tool=callgrind`.
fn run_loop(scenario: &str, n: usize) {
    let snapshot = load::env_snapshot();
    for _ in 0..n {
        match scenario {
            "layered" => drop(black_box(load::strata_layered(snapshot.clone()).unwrap())),
            "layered-process" => drop(black_box(load::strata_layered_process_env().unwrap())),
            "layered-like-others" => drop(black_box(load::strata_layered_like_others().unwrap())),
            "env" => drop(black_box(load::strata_env(snapshot.clone()).unwrap())),
            "env-process" => drop(black_box(load::strata_env_process_env().unwrap())),
            "confique" => drop(black_box(load::confique_layered().unwrap())),
            "floor" => drop(black_box(load::floor())),
            other => panic!("unknown scenario {other}"),
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("fixtures") {
        strata_benches::fixtures::write().expect("write fixtures");
        println!(
            "fixtures written to {}",
            strata_benches::fixtures_dir().display()
        );
        return;
    }
    strata_benches::fixtures::assert_fresh();
    // SAFETY: first thing in main, no other thread exists yet. This binary is
    // its own process; tests never mutate their environment.
    unsafe { load::prepare_process_env() };
    strata::audit::set_mode(strata::audit::AuditMode::Off);
    match args.first().map(String::as_str) {
        Some("check") => {
            load::check_all_equal();
            println!("all libraries agree in both scenarios");
        }
        Some("loop") => {
            let scenario = args.get(1).map(String::as_str).unwrap_or("layered");
            let n = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(1000);
            run_loop(scenario, n);
        }
        None => {
            load::check_all_equal();
            table();
        }
        Some(other) => panic!("unknown mode {other}; use check, fixtures or loop"),
    }
}
