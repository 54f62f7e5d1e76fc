//! Criterion benchmarks: Strata against figment, config-rs, confique and envy
//! on one 100-field schema (see `src/lib.rs`), plus the floor, `explain()`
//! and secret exposure with the audit trail off and on.
//!
//! figment, config-rs, envy and confique read the process environment, so
//! this binary sets the fixture variables (and loads `fixtures/.env` into the
//! environment with dotenvy) once at the start of `main`, before criterion
//! starts any thread. Benchmarks run as a process of their own; the tests
//! never change their environment.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion};
use strata::ExposeSecret;
use strata::audit::{AuditMode, set_mode};
use strata_benches::load;

fn config() -> Criterion {
    Criterion::default()
        .sample_size(50)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args()
}

fn layered(c: &mut Criterion, snapshot: &[(String, String)]) {
    let mut group = c.benchmark_group("layered");
    // The snapshot is cloned outside the timing: `.env_vars(..)` takes it by value.
    group.bench_function("strata (injected env)", |b| {
        b.iter_batched(
            || snapshot.to_vec(),
            |env| load::strata_layered(env).unwrap(),
            BatchSize::SmallInput,
        )
    });
    group.bench_function("strata (process env)", |b| {
        b.iter(|| load::strata_layered_process_env().unwrap())
    });
    // Like-for-like: the others get `.env` through the process environment.
    group.bench_function("strata (process env, .env preloaded)", |b| {
        b.iter(|| load::strata_layered_like_others().unwrap())
    });
    group.bench_function("figment", |b| b.iter(|| load::figment_layered().unwrap()));
    group.bench_function("config-rs", |b| b.iter(|| load::config_layered().unwrap()));
    group.bench_function("confique", |b| b.iter(|| load::confique_layered().unwrap()));
    group.bench_function("floor (toml::from_str + env pass)", |b| b.iter(load::floor));
    group.finish();
}

fn env_only(c: &mut Criterion, snapshot: &[(String, String)]) {
    let mut group = c.benchmark_group("env_only");
    group.bench_function("strata (injected env)", |b| {
        b.iter_batched(
            || snapshot.to_vec(),
            |env| load::strata_env(env).unwrap(),
            BatchSize::SmallInput,
        )
    });
    group.bench_function("strata (process env)", |b| {
        b.iter(|| load::strata_env_process_env().unwrap())
    });
    group.bench_function("envy", |b| b.iter(|| load::envy_env().unwrap()));
    group.bench_function("figment", |b| b.iter(|| load::figment_env().unwrap()));
    group.bench_function("confique", |b| b.iter(|| load::confique_env().unwrap()));
    group.finish();
}

fn explain(c: &mut Criterion, snapshot: &[(String, String)]) {
    c.bench_function("explain/strata (injected env)", |b| {
        b.iter_batched(
            || snapshot.to_vec(),
            |env| load::strata_explain(env).unwrap(),
            BatchSize::SmallInput,
        )
    });
}

fn expose(c: &mut Criterion, snapshot: &[(String, String)]) {
    let root = load::strata_layered(snapshot.to_vec()).unwrap();
    let plain = secrecy::SecretString::from("sk_plain_secrecy_baseline_0123456789");
    let mut group = c.benchmark_group("expose_secret");
    group.bench_function("secrecy (no audit)", |b| {
        b.iter(|| secrecy::ExposeSecret::expose_secret(black_box(&plain)).len())
    });
    set_mode(AuditMode::Off);
    group.bench_function("strata audit off", |b| {
        b.iter(|| black_box(&root).server.session_key.expose_secret().len())
    });
    set_mode(AuditMode::FirstPerCallSite);
    group.bench_function("strata audit first-per-call-site", |b| {
        b.iter(|| black_box(&root).server.session_key.expose_secret().len())
    });
    set_mode(AuditMode::Off);
    group.finish();
}

fn main() {
    strata_benches::fixtures::assert_fresh();
    // SAFETY: first thing in main, before criterion (or anything else) starts a thread.
    unsafe { load::prepare_process_env() };
    set_mode(AuditMode::Off);
    let snapshot = load::env_snapshot();
    // The libraries must agree before their speed means anything.
    load::check_all_equal();

    let mut c = config();
    layered(&mut c, &snapshot);
    env_only(&mut c, &snapshot);
    explain(&mut c, &snapshot);
    expose(&mut c, &snapshot);
    c.final_summary();
}
