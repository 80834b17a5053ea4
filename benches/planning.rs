//! Planning engine speed on generated data: scoring + ranking, and exact auto-fill.
//! Run with `cargo bench --bench planning`; quote medians.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use flowdeck::domain::optimizer::auto_fill;
use flowdeck::service::autofill::{bounds, candidates};
use flowdeck::service::generate::generated_workspace;
use flowdeck::service::planning::ranking;

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

fn rank_candidates(c: &mut Criterion) {
    let mut group = c.benchmark_group("rank");
    for n in SIZES {
        let ws = generated_workspace(n, 42);
        group.bench_with_input(BenchmarkId::from_parameter(n), &ws, |b, ws| b.iter(|| ranking(ws, None).len()));
    }
    group.finish();
}

/// Auto-fill from the candidate list (benefits scored) to the explained plan, for a team with
/// 40 plannable points (80 half-point units) and the default policy.
fn auto_fill_sprint(c: &mut Criterion) {
    let mut group = c.benchmark_group("auto_fill");
    group.sample_size(20);
    for n in SIZES {
        let ws = generated_workspace(n, 42);
        let bounds = bounds(&ws, 40.0);
        group.bench_with_input(BenchmarkId::from_parameter(n), &ws, |b, ws| {
            b.iter(|| auto_fill(&candidates(ws), &bounds).plan.benefit)
        });
    }
    group.finish();
}

criterion_group!(benches, rank_candidates, auto_fill_sprint);
criterion_main!(benches);
