//! Projection speed: the Monte Carlo bands at the default 10,000 trials × 26 sprints ×
//! 5 scenarios (target ≤ 100 ms median), and the whole projection a key on screen 4 recomputes.
//! Run with `cargo bench --bench projection`; quote medians.

use criterion::{criterion_group, criterion_main, Criterion};
use flowdeck::config::ProjectionSettings;
use flowdeck::domain::capacity::Fallbacks;
use flowdeck::domain::projection::{bands, Params, DEFAULT_ALPHA, DEFAULT_RHO};
use flowdeck::service::demo::demo_workspace;
use flowdeck::service::projection::{project, Overrides};

fn monte_carlo(c: &mut Criterion) {
    let params = Params { c0: 34.5, h0: 0.76, alpha: DEFAULT_ALPHA, rho: DEFAULT_RHO, horizon: 26 };
    let shares = [0.1, 0.2, 0.3, 0.4, 0.5];
    let samples = [0.94, 0.92, 0.82, 0.92, 0.83, 0.88];
    c.bench_function("monte_carlo_10k_trials_26_sprints_5_scenarios", |b| {
        b.iter(|| bands(&params, &shares, &samples, 10_000, 42).map(|b| b.len()))
    });
}

fn whole_projection(c: &mut Criterion) {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap_or_default();
    let Ok(ws) = demo_workspace(today) else { return };
    let fallbacks = Fallbacks { points_per_person_day: 1.0, unplanned_reserve: 0.1, history_window: 3 };
    let settings = ProjectionSettings::default();
    c.bench_function("projection_demo_with_bands", |b| {
        b.iter(|| project(&ws, &fallbacks, &settings, &Overrides::default(), 42).map(|p| p.scenarios.len()))
    });
}

criterion_group!(benches, monte_carlo, whole_projection);
criterion_main!(benches);
