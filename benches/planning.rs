//! Planning engine speed on generated data: scoring + ranking, and exact auto-fill.
//! Run with `cargo bench --bench planning`; quote medians.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use flowdeck::domain::optimizer::{auto_fill, auto_fill_linked};
use flowdeck::service::autofill::{bounds, candidates, links};
use flowdeck::service::generate::{add_dependencies, generated_workspace};
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

/// The same with 5% of the items waiting for one or two others: the links read from the
/// workspace and the exact search over them, to compare with `auto_fill` above.
fn auto_fill_with_dependencies(c: &mut Criterion) {
    let mut group = c.benchmark_group("auto_fill_deps");
    group.sample_size(20);
    for n in SIZES {
        let mut ws = generated_workspace(n, 42);
        add_dependencies(&mut ws, 5, 42);
        let bounds = bounds(&ws, 40.0);
        group.bench_with_input(BenchmarkId::from_parameter(n), &ws, |b, ws| {
            b.iter(|| auto_fill_linked(&candidates(ws), &links(ws), &bounds).plan.benefit)
        });
    }
    group.finish();
}

criterion_group!(benches, rank_candidates, auto_fill_sprint, auto_fill_with_dependencies);
criterion_main!(benches);
