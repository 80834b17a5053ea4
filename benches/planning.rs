//! Planning engine speed on generated data: scoring + ranking, and exact auto-fill.
//! Run with `cargo bench --bench planning`; quote medians.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use flowdeck::service::generate::generated_workspace;
use flowdeck::service::planning::ranking;

fn rank_candidates(c: &mut Criterion) {
    let mut group = c.benchmark_group("rank");
    for n in [1_000usize, 10_000, 100_000] {
        let ws = generated_workspace(n, 42);
        group.bench_with_input(BenchmarkId::from_parameter(n), &ws, |b, ws| b.iter(|| ranking(ws, None).len()));
    }
    group.finish();
}

criterion_group!(benches, rank_candidates);
criterion_main!(benches);
