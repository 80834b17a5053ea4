//! From a database file on disk to the first frame of the Plan screen, in process: open and
//! check the file, load the workspace, rank the candidates, compute the sprint's figures and
//! draw 120×40 on ratatui's TestBackend. At 1k, 10k and 100k generated items.
//! Run with `cargo bench --bench cold_open`; quote medians. (The whole `flowdeck rank` process
//! is timed against Taskwarrior by scripts/compare-taskwarrior.sh.)

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use flowdeck::config::Theme;
use flowdeck::service::generate::generated_workspace;
use flowdeck::service::Session;
use flowdeck::storage::{OpenMode, OpenOptions};
use flowdeck::tui::app::App;
use flowdeck::tui::theme::Palette;
use flowdeck::tui::view;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

fn cold_open(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap_or_default();
    let dir = match tempfile::tempdir() {
        Ok(dir) => dir,
        Err(e) => panic!("temp dir: {e}"),
    };
    let mut group = c.benchmark_group("cold_open_first_frame");
    group.sample_size(20);
    for n in SIZES {
        let path = dir.path().join(format!("gen-{n}.sqlite"));
        let options = OpenOptions { mode: OpenMode::CreateIfMissing, busy_timeout_ms: 5000 };
        match Session::open(&path, options).and_then(|mut s| s.seed(&generated_workspace(n, 42), "bench")) {
            Ok(()) => {}
            Err(e) => panic!("seed {n}: {e}"),
        }
        group.bench_with_input(BenchmarkId::from_parameter(n), &path, |b, path| {
            b.iter(|| {
                let options = OpenOptions { mode: OpenMode::Existing, busy_timeout_ms: 5000 };
                let Ok(session) = Session::open(path, options) else { return 0 };
                let app =
                    App::new(session.workspace().clone(), today, "bench".into(), Palette::new(Theme::Dark, false));
                let mut terminal = match Terminal::new(TestBackend::new(120, 40)) {
                    Ok(t) => t,
                    Err(e) => panic!("terminal: {e}"),
                };
                let _ = terminal.draw(|f| view::render(f, &app));
                app.plan.len()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, cold_open);
criterion_main!(benches);
