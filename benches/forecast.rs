//! Forecast speed on generated data (issue 21): `flowdeck forecast` for the best ten at 100,000
//! items, and the per-change part of Plan's P(finish) (the trials alone; the history is read
//! once). Run with `cargo bench --bench forecast`; quote medians.

use criterion::{criterion_group, criterion_main, Criterion};
use flowdeck::config::Settings;
use flowdeck::service::finish::{Odds, DEFAULT_SEED};
use flowdeck::service::forecast::{forecast, Selection};
use flowdeck::service::generate::generated_workspace;

fn forecasts(c: &mut Criterion) {
    let ws = generated_workspace(100_000, 42);
    let settings = Settings::default();
    let mut group = c.benchmark_group("forecast_100k");
    group.sample_size(10);
    group.bench_function("when_done_top_10", |b| {
        b.iter(|| forecast(&ws, &settings, Selection::Top(10), None, DEFAULT_SEED).map(|f| f.items.len()))
    });
    group.bench_function("odds_history_read", |b| b.iter(|| Odds::of(&ws, &settings).ratios.len()));
    let odds = Odds::of(&ws, &settings);
    group.bench_function("p_finish_per_change", |b| b.iter(|| odds.finish(30.0, 34.5).map(|f| f.chance)));
    group.finish();
}

criterion_group!(benches, forecasts);
criterion_main!(benches);
