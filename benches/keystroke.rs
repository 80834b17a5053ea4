//! One keystroke in the TUI at 100,000 candidates: `update` plus a full 120×40 render on
//! ratatui's TestBackend. Run with `cargo bench --bench keystroke`; quote medians.
//!
//! Saving is left out of "add" on purpose: the commit is one small SQLite transaction whose
//! cost is the disk's fsync, not flowdeck's; here the committed set is applied as the session
//! would apply it, so the bench measures what the TUI does per key.

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use flowdeck::config::Theme;
use flowdeck::service::generate::generated_workspace;
use flowdeck::tui::app::App;
use flowdeck::tui::keymap::Action;
use flowdeck::tui::theme::Palette;
use flowdeck::tui::update::{update, Effect};
use flowdeck::tui::view;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

const ITEMS: usize = 100_000;

fn app() -> App {
    let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap_or_default();
    App::new(generated_workspace(ITEMS, 42), today, "bench.sqlite".into(), Palette::new(Theme::Dark, false))
}

fn key_and_frame(terminal: &mut Terminal<TestBackend>, app: &mut App, action: Action) {
    for effect in update(app, action) {
        if let Effect::Save(set, step) = effect {
            app.saved(set, step);
        }
    }
    let _ = terminal.draw(|f| view::render(f, app));
}

fn keystroke(c: &mut Criterion) {
    let mut group = c.benchmark_group("keystroke_100k");
    let mut terminal = match Terminal::new(TestBackend::new(120, 40)) {
        Ok(t) => t,
        Err(e) => panic!("terminal: {e}"),
    };

    let mut a = app();
    group.bench_function("move_down", |b| {
        b.iter(|| {
            key_and_frame(&mut terminal, &mut a, Action::MoveDown);
            if a.selected[0] > 50_000 {
                a.selected[0] = 0;
            }
        })
    });

    // Add then remove the same item: each iteration is one planning key.
    let mut a = app();
    group.bench_function("add_or_remove", |b| {
        b.iter(|| {
            key_and_frame(&mut terminal, &mut a, Action::TogglePlanned);
            a.selected[0] = 0;
        })
    });

    // A search key on the whole list (the query changes every time, so nothing is narrowed).
    let mut a = app();
    key_and_frame(&mut terminal, &mut a, Action::StartSearch);
    let mut toggle = false;
    group.bench_function("search_key", |b| {
        b.iter(|| {
            toggle = !toggle;
            let request =
                if toggle { tui_input::InputRequest::InsertChar('a') } else { tui_input::InputRequest::DeletePrevChar };
            key_and_frame(&mut terminal, &mut a, Action::EditText(request));
        })
    });

    // The Debt screen: a move, and a filter key (the kept facts of ~20,000 open debts
    // re-sorted and filtered; their economics are not recomputed).
    let mut a = app();
    key_and_frame(&mut terminal, &mut a, Action::ShowTab(1));
    group.bench_function("debt_move_down", |b| {
        b.iter(|| {
            key_and_frame(&mut terminal, &mut a, Action::MoveDown);
            if a.selected[1] > 10_000 {
                a.selected[1] = 0;
            }
        })
    });
    group
        .bench_function("debt_filter_key", |b| b.iter(|| key_and_frame(&mut terminal, &mut a, Action::ToggleHighRisk)));
    group.finish();
}

criterion_group!(benches, keystroke);
criterion_main!(benches);
